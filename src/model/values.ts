import { isUnknown } from './unknown.js';

/**
 * Whether two values are known to differ though one is not known yet: a distinct unknown (a resource or principal
 * ID computed at apply) differs from every other distinct unknown and from every known value.
 */
export function knownDifferent(a: unknown, b: unknown): boolean {
  if (sameValue(a, b)) return false;
  const created = (v: unknown): boolean => isUnknown(v) && v.distinct && v.ref !== undefined;
  const existing = (v: unknown): boolean => isUnknown(v) && v.existing;
  // What a change creates is neither what exists already nor anything else it creates.
  if (isUnknown(a) && isUnknown(b)) {
    return (created(a) && (created(b) || existing(b))) || (created(b) && existing(a));
  }
  return (created(a) && typeof b === 'string') || (created(b) && typeof a === 'string');
}

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

/**
 * A key under which `sameValue` values meet, for indexing: two values with the same key are the same value. An
 * unknown that names nothing has no key, as it is the same as nothing.
 */
export function valueKey(value: unknown): string | undefined {
  if (isUnknown(value)) return value.ref === undefined ? undefined : `ref:${value.ref}`;
  if (typeof value === 'string') return value === '' ? undefined : `str:${value.toLowerCase()}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value}:${String(value)}`;
  return undefined;
}

/** An index of items by one or more values each, looked up with `sameValue` semantics in constant time. */
export class ValueIndex<T> {
  private readonly map = new Map<string, T[]>();

  add(value: unknown, item: T): void {
    const key = valueKey(value);
    if (key === undefined) return;
    const list = this.map.get(key);
    if (list === undefined) this.map.set(key, [item]);
    else list.push(item);
  }

  get(value: unknown): readonly T[] {
    const key = valueKey(value);
    return key === undefined ? [] : (this.map.get(key) ?? []);
  }

  first(value: unknown): T | undefined {
    return this.get(value)[0];
  }
}
