import { isUnknown, Unknown, type Value } from '../../../model/unknown.js';
import {
  extendRef,
  getProperty,
  isArmObject,
  referenceRef,
  type ArmObject,
  type ArmValue,
  type PathSegment,
} from '../expressions/index.js';

/**
 * One Azure resource as an ARM-shaped input states it (a template resource after evaluation, a what-if `after` or
 * `before`): the common ground of the template and what-if adapters, from which the mapping builds model entities.
 * The mapping knows the ARM resource schema and the model; each adapter knows its format and fills in what only it
 * can judge (where a secret comes from, whether a kubelet identity is the user's own).
 */
export interface ArmResource {
  /** The full resource type, e.g. `Microsoft.Authorization/roleAssignments` (legacy child forms already resolved). */
  type: string;
  id: Value<string>;
  /** The resource's own name: the last segment of a child resource's name. */
  name: Value<string>;
  /** The resource's values: `location`, `identity`, `properties`, ... (an Unknown anywhere stands for an unknown value). */
  body: ArmObject;
  /**
   * Where an extension resource (a role assignment) applies: its `scope`, the parent of the legacy child form, or
   * the scope of the deployment. Unset for other resources.
   */
  scope?: Value<string>;
  /** The parent resource's ID, when the input tells it even though the resource's own ID is unknown. */
  parentId?: Value<string>;
  /**
   * What `reference()` names the resource by when its ID is unknown: a symbolic name (languageVersion 2.0). Unset,
   * the ID (or the ref of an unknown ID) is the name.
   */
  referenceTarget?: string;
  /**
   * The input creates the resource: values Azure computes for it (principal IDs, the OIDC issuer URL) are new
   * identifiers, distinct unknowns that no other value equals. Otherwise the resource exists already, and such
   * values the input leaves out are existing unknowns: they may equal a known ID, never a new one.
   */
  created: boolean;
  /** Why a value the input lacks is unknown: it is computed at deployment, or the input leaves it out. */
  runtimeReason: string;
  /** Judgements only the adapter can make. */
  hints?: MappingHints;
}

export interface MappingHints {
  /** servicePrincipal.secretInCode, when the adapter can trace the secret to its source. */
  secretInCode?: Value<boolean>;
  /** kubeletIdentity.custom, when the input says whether the kubelet identity is the user's own. */
  customKubelet?: Value<boolean>;
  /**
   * The control plane's user-assigned identity IDs, when the adapter could read the keys one by one where the
   * evaluated `userAssignedIdentities` object as a whole is unknown.
   */
  userAssignedIdentityIds?: Value<Value<string>[]>;
}

/** The value at a path, property names compared case-insensitively. Reading into an unknown gives an unknown. */
export function valueAt(root: ArmValue, path: readonly PathSegment[]): ArmValue | undefined {
  let value: ArmValue | undefined = root;
  for (const segment of path) {
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value))
      return value.ref === undefined ? value : new Unknown(value.reason, extendRef(value.ref, segment));
    if (typeof segment === 'number') {
      value = Array.isArray(value) ? value[segment] : undefined;
    } else {
      value = isArmObject(value) ? getProperty(value, segment) : undefined;
    }
  }
  return value;
}

/** A string (or unknown) at a path; anything else counts as not set. */
export function stringAt(root: ArmValue, path: readonly PathSegment[]): Value<string> | undefined {
  const value = valueAt(root, path);
  return typeof value === 'string' || isUnknown(value) ? value : undefined;
}

/** A boolean at a path. Azure accepts "true" and "false" as strings for booleans, so they count too. */
export function boolAt(root: ArmValue, path: readonly PathSegment[]): Value<boolean> | undefined {
  const value = valueAt(root, path);
  if (typeof value === 'boolean' || isUnknown(value)) return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

export function boolOrDefault(
  root: ArmValue,
  path: readonly PathSegment[],
  fallback: boolean,
): Value<boolean> {
  return boolAt(root, path) ?? fallback;
}

/** A list of strings at a path: each element a string or unknown, or the whole list unknown. */
export function stringListAt(
  root: ArmValue,
  path: readonly PathSegment[],
): Value<Value<string>[]> | undefined {
  const value = valueAt(root, path);
  if (isUnknown(value)) return value;
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string | Unknown => typeof v === 'string' || isUnknown(v));
}

/** A string list as a known list: an unknown list becomes a one-element list of that unknown. */
export function knownStringList(root: ArmValue, path: readonly PathSegment[]): Value<string>[] {
  const list = stringListAt(root, path);
  return list === undefined ? [] : isUnknown(list) ? [list] : list;
}

/** The `properties` of the resource. */
export function props(resource: ArmResource): ArmValue {
  return valueAt(resource.body, ['properties']) ?? null;
}

/**
 * A value Azure computes for the resource, as the input gives it or else named as `reference()` reads it, so that
 * a template expression reading it (`reference(<id>).identityProfile.kubeletidentity.objectId`) is the same value.
 * `full` names a top-level property (`identity.principalId`) rather than one under `properties`.
 */
export function runtimeValue(
  resource: ArmResource,
  path: readonly PathSegment[],
  options: { full?: boolean; identifier?: boolean } = {},
): Value<string> {
  const full = options.full === true;
  const given = stringAt(full ? resource.body : props(resource), path);
  if ((typeof given === 'string' && given !== '') || (isUnknown(given) && given.ref !== undefined))
    return given;
  return runtimeUnknown(resource, path, options);
}

/** The unknown that `reference()` of the resource yields for a path, whatever the input says there. */
export function runtimeUnknown(
  resource: ArmResource,
  path: readonly PathSegment[],
  options: { full?: boolean; identifier?: boolean } = {},
): Unknown {
  const target =
    typeof resource.id === 'string' ? resource.id : (resource.referenceTarget ?? resource.id.ref);
  if (target === undefined || target === '') return new Unknown(resource.runtimeReason);
  const identifier = options.identifier === true;
  return new Unknown(
    resource.runtimeReason,
    referenceRef(target, path, options.full === true),
    identifier && resource.created,
    identifier && !resource.created,
  );
}
