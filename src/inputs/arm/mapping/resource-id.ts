import { ancestorScopes, parseScope, type Scope } from '../../../model/scope.js';
import { isUnknown, Unknown, type Value } from '../../../model/unknown.js';

/**
 * Resource IDs as values that may be unknown. An ID the template cannot compute yet is often still named by the
 * parts it is built from (`/subscriptions/…/virtualNetworks/{parameters('vnet')}/subnets/nodes`, see the
 * evaluator's partial-string.ts); such a ref has the shape of an ID, so its parents can be named the same way
 * the template would build them, and the scope chain and parent links still join.
 */

/** Marks a hole in a masked ref: a character no ID or ref contains. */
const HOLE = '\u0001';

/**
 * An ID-shaped ref with its `{...}` holes (top-level, possibly nested, possibly holding slashes of their own)
 * replaced by tokens without slashes, so that it can be split like an ID; `restore` puts the holes back.
 */
function maskHoles(ref: string): { masked: string; restore: (text: string) => string } | undefined {
  if (!ref.startsWith('/')) return undefined;
  const holes: string[] = [];
  let masked = '';
  let depth = 0;
  let hole = '';
  for (const char of ref) {
    if (char === '{') depth++;
    if (depth > 0) hole += char;
    else masked += char;
    if (char === '}') {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) {
        masked += `${HOLE}${holes.length}${HOLE}`;
        holes.push(hole);
        hole = '';
      }
    }
  }
  if (depth !== 0) return undefined;
  return {
    masked,
    restore: (text) =>
      text
        .split(HOLE)
        .map((piece, i) => (i % 2 === 1 ? (holes[Number(piece)] ?? '') : piece))
        .join(''),
  };
}

/** A piece of an ID-shaped ref: known text, or an unknown named by the same ref text. */
function refPart(text: string, reason: string): Value<string> {
  return text.includes('{') ? new Unknown(reason, text) : text;
}

/** Applies an operation on known IDs to the ID shape of an unknown's ref. */
function onRef<T>(
  value: Unknown,
  operation: (id: string) => T,
  restore: (result: T, back: (t: string) => string) => T,
): T | undefined {
  if (value.ref === undefined) return undefined;
  const masked = maskHoles(value.ref);
  if (masked === undefined) return undefined;
  return restore(operation(masked.masked), masked.restore);
}

/**
 * A resource's ID and the IDs of the scopes that contain it (parent resources, resource group, subscription),
 * innermost first: a role at any of them applies to it.
 */
export function scopeChainOf(id: Value<string> | undefined): Value<string>[] {
  if (id === undefined || id === '') return [];
  if (!isUnknown(id)) return ancestorScopes(id);
  const chain = onRef(id, ancestorScopes, (scopes, back) => scopes.map(back));
  if (chain === undefined) return [id];
  return chain.map((scope, i) => (i === 0 ? id : refPart(scope, id.reason)));
}

/** The scope an ID names, as the model describes it; an unknown ID still tells its level when its shape does. */
export function scopeOfId(id: Value<string>): Scope {
  if (!isUnknown(id)) return parseScope(id) ?? { id, level: new Unknown(`unrecognised scope ${id}`) };
  const parsed = onRef(id, parseScope, (p) => p);
  if (parsed === undefined) return { id, level: new Unknown(id.reason) };
  const scope: Scope = { id, level: parsed.level };
  for (const key of ['resourceType', 'subscriptionId', 'resourceGroup'] as const) {
    const part = parsed[key];
    if (typeof part === 'string' && !part.includes(HOLE)) scope[key] = part;
  }
  return scope;
}

/**
 * Splits an ID at its last `/providers/`: the scope it lives in, its type and its names
 * (`…/registries/acr/providers/Microsoft.Authorization/roleAssignments/g` is a role assignment at the registry).
 * Resource groups and subscriptions, which have no `providers` segment, get their `Microsoft.Resources` types.
 */
export function splitResourceId(id: string): { scope: string; type: string; names: string[] } | undefined {
  const parts = id.trim().replace(/\/+$/, '').split('/');
  if (parts[0] !== '' || parts.length < 3) return undefined;
  const lower = parts.map((p) => p.toLowerCase());
  const at = lower.lastIndexOf('providers');
  if (at === -1) {
    if (lower[1] !== 'subscriptions') return undefined;
    if (parts.length === 3)
      return { scope: '/', type: 'Microsoft.Resources/subscriptions', names: [parts[2] ?? ''] };
    if (lower[3] === 'resourcegroups' && parts.length === 5) {
      return {
        scope: parts.slice(0, 3).join('/'),
        type: 'Microsoft.Resources/resourceGroups',
        names: [parts[4] ?? ''],
      };
    }
    return undefined;
  }
  const [namespace, ...rest] = parts.slice(at + 1);
  if (namespace === undefined || rest.length < 2 || rest.length % 2 !== 0) return undefined;
  return {
    scope: at === 1 ? '/' : parts.slice(0, at).join('/'),
    type: [namespace, ...rest.filter((_, i) => i % 2 === 0)].join('/'),
    names: rest.filter((_, i) => i % 2 === 1),
  };
}

/** The ID of a child resource's parent: the ID without its last type and name. */
export function parentIdOf(id: Value<string>): Value<string> | undefined {
  if (!isUnknown(id)) return parentOfKnown(id);
  const parent = onRef(id, parentOfKnown, (p, back) => (p === undefined ? undefined : back(p)));
  return parent === undefined ? undefined : refPart(parent, id.reason);
}

function parentOfKnown(id: string): string | undefined {
  const split = splitResourceId(id);
  if (split === undefined || split.names.length < 2) return undefined;
  return id.trim().replace(/\/+$/, '').split('/').slice(0, -2).join('/');
}

/** The scope an extension resource (a role assignment) is attached to: its ID up to the last `/providers/`. */
export function extensionScopeOf(id: string): string | undefined {
  const split = splitResourceId(id);
  return split?.scope;
}

const ROLE_DEFINITION_ID =
  /^\/subscriptions\/([^/]+)\/(?:resourceGroups\/[^/]+\/)?providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]{36})$/i;

/**
 * Role definitions live at subscription level whatever the scope an ID is built at (`resourceId()` in a resource
 * group template adds the group): one form, `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`
 * as Terraform's `role_definition_resource_id`, lets assignments and definitions meet.
 */
export function canonicalRoleDefinitionId(id: string): string {
  const match = ROLE_DEFINITION_ID.exec(id.trim().replace(/\/+$/, ''));
  if (match === null) return id;
  return `/subscriptions/${match[1] ?? ''}/providers/Microsoft.Authorization/roleDefinitions/${match[2] ?? ''}`;
}
