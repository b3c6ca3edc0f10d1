import { isUnknown } from './unknown.js';

/**
 * Whether two model values denote the same thing, as Azure compares them: strings case-insensitively (resource IDs,
 * principal IDs, role names), and two unknowns when they name the same future value. Unknowns that name different
 * things, or nothing, are not known to be the same: the caller decides whether that is "false" or "unknown".
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isUnknown(a) || isUnknown(b)) {
    return isUnknown(a) && isUnknown(b) && a.ref !== undefined && a.ref === b.ref;
  }
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}
