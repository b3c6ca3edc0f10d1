import { isUnknown } from '../model/unknown.js';
import type { PermissionBlock } from '../model/entities.js';
import {
  allows,
  grantsAnyMatching,
  type ActionKind,
  type Grant,
  type RolePermissions,
} from '../model/permissions.js';
import { knownDifferent, sameValue } from '../model/values.js';
import { likeMatches, matchPattern } from './patterns.js';
import { triAny, triNot, type Tri } from './tristate.js';

/**
 * The field operators on one value. `value` may be absent (undefined), null, an Unknown or a plain JSON value;
 * `operand` is the resolved right-hand side. An operator returns "unknown" (the `unknownTri` marker, which the
 * caller fills with reasons) when the answer depends on a value not known yet.
 */
export const UNKNOWN_TRI: Tri = { unknown: [] };

export type OperatorName =
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'notIn'
  | 'exists'
  | 'like'
  | 'notLike'
  | 'match'
  | 'notMatch'
  | 'matchInsensitively'
  | 'notMatchInsensitively'
  | 'contains'
  | 'notContains'
  | 'greater'
  | 'greaterOrEquals'
  | 'less'
  | 'lessOrEquals'
  | 'allowsAction'
  | 'allowsDataAction'
  | 'allowsAnyAction'
  | 'allowsAnyDataAction';

export const OPERATOR_NAMES: readonly OperatorName[] = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'exists',
  'like',
  'notLike',
  'match',
  'notMatch',
  'matchInsensitively',
  'notMatchInsensitively',
  'contains',
  'notContains',
  'greater',
  'greaterOrEquals',
  'less',
  'lessOrEquals',
  'allowsAction',
  'allowsDataAction',
  'allowsAnyAction',
  'allowsAnyDataAction',
];

export function applyOperator(op: OperatorName, value: unknown, operand: unknown): Tri {
  switch (op) {
    case 'equals':
      return equals(value, operand);
    case 'notEquals':
      return triNot(equals(value, operand));
    case 'in':
      return isIn(value, operand);
    case 'notIn':
      return triNot(isIn(value, operand));
    case 'exists':
      return exists(value, operand);
    case 'like':
      return onString(value, (s) => typeof operand === 'string' && likeMatches(s, operand));
    case 'notLike':
      return triNot(onString(value, (s) => typeof operand === 'string' && likeMatches(s, operand)));
    case 'match':
      return onString(value, (s) => typeof operand === 'string' && matchPattern(s, operand, false));
    case 'notMatch':
      return triNot(onString(value, (s) => typeof operand === 'string' && matchPattern(s, operand, false)));
    case 'matchInsensitively':
      return onString(value, (s) => typeof operand === 'string' && matchPattern(s, operand, true));
    case 'notMatchInsensitively':
      return triNot(onString(value, (s) => typeof operand === 'string' && matchPattern(s, operand, true)));
    case 'contains':
      return contains(value, operand);
    case 'notContains':
      return triNot(contains(value, operand));
    case 'greater':
      return compare(value, operand, (c) => c > 0);
    case 'greaterOrEquals':
      return compare(value, operand, (c) => c >= 0);
    case 'less':
      return compare(value, operand, (c) => c < 0);
    case 'lessOrEquals':
      return compare(value, operand, (c) => c <= 0);
    case 'allowsAction':
      return grants(value, operand, 'action', allows);
    case 'allowsDataAction':
      return grants(value, operand, 'dataAction', allows);
    case 'allowsAnyAction':
      return grants(value, operand, 'action', grantsAnyMatching);
    case 'allowsAnyDataAction':
      return grants(value, operand, 'dataAction', grantsAnyMatching);
  }
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Case-insensitive for strings, as Azure compares names and IDs; an absent value equals null. */
function equals(value: unknown, operand: unknown): Tri {
  if (isUnknown(value) || isUnknown(operand)) {
    if (sameValue(value, operand)) return true;
    return knownDifferent(value, operand) ? false : UNKNOWN_TRI;
  }
  if (isAbsent(value) || isAbsent(operand)) return isAbsent(value) && isAbsent(operand);
  if (typeof value === 'string' && typeof operand === 'string') return sameValue(value, operand);
  if (Array.isArray(value) || typeof value === 'object') return false;
  return value === operand;
}

function isIn(value: unknown, operand: unknown): Tri {
  if (isUnknown(operand)) return UNKNOWN_TRI;
  if (!Array.isArray(operand)) return false;
  return triAny((operand as unknown[]).map((item) => equals(value, item)));
}

/** A value exists when it is set: not absent, null or an empty string. */
function exists(value: unknown, operand: unknown): Tri {
  if (isUnknown(value)) return UNKNOWN_TRI;
  const present = !isAbsent(value) && value !== '';
  return operand === false ? !present : present;
}

function onString(value: unknown, test: (s: string) => boolean): Tri {
  if (isUnknown(value)) return UNKNOWN_TRI;
  return typeof value === 'string' && test(value);
}

/** A string contains a substring (case-insensitive); an array contains an element. */
function contains(value: unknown, operand: unknown): Tri {
  if (isUnknown(value)) return UNKNOWN_TRI;
  if (Array.isArray(value)) return triAny((value as unknown[]).map((item) => equals(item, operand)));
  if (isUnknown(operand)) return typeof value === 'string' ? UNKNOWN_TRI : false;
  if (typeof value === 'string' && typeof operand === 'string') {
    return value.toLowerCase().includes(operand.toLowerCase());
  }
  return false;
}

function compare(value: unknown, operand: unknown, test: (c: number) => boolean): Tri {
  if (isUnknown(value) || isUnknown(operand)) return UNKNOWN_TRI;
  if (typeof value === 'number' && typeof operand === 'number') return test(value - operand);
  if (typeof value === 'string' && typeof operand === 'string') {
    const a = value.toLowerCase();
    const b = operand.toLowerCase();
    return test(a < b ? -1 : a > b ? 1 : 0);
  }
  return false;
}

/**
 * Whether permission blocks grant an operation (allows), or any operation a pattern matches (grantsAnyMatching), as
 * Azure decides: unknown permissions, or a grant only a conditional
 * block makes (an ABAC condition decides it per request), are unknown; anything but a list of blocks grants nothing.
 */
function grants(
  value: unknown,
  operand: unknown,
  kind: ActionKind,
  decide: (role: RolePermissions, action: string, kind: ActionKind) => Grant,
): Tri {
  if (isUnknown(value)) return UNKNOWN_TRI;
  if (!Array.isArray(value) || typeof operand !== 'string') return false;
  const blocks = (value as unknown[]).flatMap(asPermissionBlock);
  const grant = decide({ blocks }, operand, kind);
  return grant === 'yes' ? true : grant === 'conditional' ? UNKNOWN_TRI : false;
}

/** A permission block as the model (or a policy's example, which may leave empty lists out) writes it. */
function asPermissionBlock(value: unknown): PermissionBlock[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const b = value as Record<string, unknown>;
  const list = (key: string): string[] =>
    Array.isArray(b[key]) ? (b[key] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const block: PermissionBlock = {
    actions: list('actions'),
    notActions: list('notActions'),
    dataActions: list('dataActions'),
    notDataActions: list('notDataActions'),
  };
  if (b['conditional'] === true) block.conditional = true;
  if (Array.isArray(b['conditionAppliesTo'])) block.conditionAppliesTo = list('conditionAppliesTo');
  return [block];
}
