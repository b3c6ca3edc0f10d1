import { isUnknown, Unknown, type Value } from '../../model/unknown.js';
import { buildResourceId, type ArmValue } from './expressions/index.js';
import { joinParts } from './expressions/partial-string.js';
import { scopeIdParts } from './expressions/index.js';
import { scopeId, type RunScope } from './run-scope.js';

type Part = string | Unknown;

/** Who a resource is: its full type, names, ID, and where an extension resource applies. */
export interface ResourceIdentity {
  /** The full type, with the legacy `<parent type>/providers/<type>` form resolved to `<namespace>/<type>`. */
  type: string;
  /** The full name as the template gives it (`parent/child`). */
  name: Value<string>;
  /** The resource's own name: the last name segment. */
  ownName: Value<string>;
  id: Value<string>;
  /** Where an extension resource applies: its `scope`, the legacy form's parent, else the deployment's scope. */
  scope: Value<string>;
  /** The parent resource's ID, for child types. */
  parentId?: Value<string>;
}

export class IdentityError extends Error {}

/** `Microsoft.Web/sites/providers/roleAssignments`: an extension resource written as a child of its scope. */
const LEGACY_EXTENSION = /^(.+?)\/providers\/(.+)$/i;

/**
 * The identity of a resource from its type, its evaluated name and `scope`, at the deployment's scope. A relative
 * `scope` (`Microsoft.ContainerRegistry/registries/acr`, as Bicep writes an extension resource's scope in the same
 * deployment) is a resource of the deployment's scope. Throws IdentityError when the name does not fit the type.
 */
export function identify(
  type: string,
  name: ArmValue,
  scopeValue: ArmValue | undefined,
  run: RunScope,
): ResourceIdentity {
  if (typeof name !== 'string' && !isUnknown(name)) {
    throw new IdentityError(`its name must be a string, got ${name === null ? 'null' : typeof name}`);
  }
  const legacy = LEGACY_EXTENSION.exec(type);
  if (legacy?.[1] !== undefined && legacy[2] !== undefined)
    return legacyExtension(legacy[1], legacy[2], name, run);

  const types = type.split('/');
  const typeSegments = types.length - 1;
  const names: Part[] = typeof name === 'string' ? name.split('/') : [name];
  const ownName = typeof name === 'string' ? (names[names.length - 1] ?? name) : name;
  let prefix: Part[];
  let scope: Value<string>;
  const given = typeof scopeValue === 'string' || isUnknown(scopeValue) ? scopeValue : undefined;
  if (given !== undefined && given !== '') {
    if (typeof given === 'string' && given.startsWith('/')) prefix = [given.replace(/\/+$/, '')];
    else if (typeof given === 'string')
      prefix = [...scopeIdParts(run), '/providers/', given.replace(/^\/+|\/+$/g, '')];
    else prefix = [given];
    scope = prefix.length === 1 && prefix[0] !== undefined ? prefix[0] : joinParts(prefix);
  } else {
    prefix = scopeIdParts(run);
    scope = scopeId(run);
  }
  if (
    type.toLowerCase() === 'microsoft.resources/resourcegroups' &&
    given === undefined &&
    run.kind === 'subscription'
  ) {
    // Resource groups are the one type whose ID has no `providers` segment.
    const id = joinParts(['/subscriptions/', run.subscriptionId, '/resourceGroups/', names[0] ?? '']);
    return { type, name, ownName, id, scope };
  }
  let id: Value<string>;
  let parentId: Value<string> | undefined;
  if (typeof name === 'string' && names.length !== typeSegments) {
    throw new IdentityError(
      `its name '${name}' has ${names.length} segment${names.length === 1 ? '' : 's'}, but type ${type} needs ${typeSegments}`,
    );
  }
  if (typeof name === 'string' || typeSegments === 1) {
    id = buildResourceId(prefix, type, names);
    if (typeSegments > 1)
      parentId = buildResourceId(prefix, types.slice(0, -1).join('/'), names.slice(0, -1));
  } else {
    id = new Unknown(name.reason);
  }
  const identity: ResourceIdentity = { type, name, ownName, id, scope };
  if (parentId !== undefined) identity.parentId = parentId;
  return identity;
}

function legacyExtension(
  parentType: string,
  extension: string,
  name: Value<string>,
  run: RunScope,
): ResourceIdentity {
  const parentSegments = parentType.split('/').length - 1;
  if (typeof name !== 'string') {
    const unknown = new Unknown(name.reason);
    return { type: extensionType(undefined, extension), name, ownName: name, id: unknown, scope: unknown };
  }
  const segments = name.split('/');
  const extensionSegments = extension.split('/').length;
  if (segments.length !== parentSegments + 1 + extensionSegments) {
    throw new IdentityError(
      `its name '${name}' does not fit the form '<parent>/<namespace>/<name>' of type ${parentType}/providers/${extension}`,
    );
  }
  const parentNames = segments.slice(0, parentSegments);
  const namespace = segments[parentSegments] ?? '';
  const ownNames = segments.slice(parentSegments + 1);
  const parentId = buildResourceId(scopeIdParts(run), parentType, parentNames);
  const type = extensionType(namespace, extension);
  const id = buildResourceId([parentId], type, ownNames);
  return { type, name, ownName: ownNames[ownNames.length - 1] ?? name, id, scope: parentId };
}

/** `roleAssignments` under `Microsoft.Authorization` is `Microsoft.Authorization/roleAssignments`. */
function extensionType(namespace: string | undefined, extension: string): string {
  return `${namespace ?? 'Microsoft.Authorization'}/${extension}`;
}
