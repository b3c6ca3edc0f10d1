import { isUnknown } from '../../src/model/unknown.js';

/** A list the test expects to be known, or a failure saying it is not. */
export function known<T>(value: T[] | object | undefined): T[] {
  if (Array.isArray(value)) return value as T[];
  throw new Error(
    `expected a known list, got ${isUnknown(value) ? value.toString() : JSON.stringify(value)}`,
  );
}

/** An entity's key, or how an unknown element (a registry that may be the cluster's) reads. */
export function keyOf(value: { key: string } | object): string {
  return isUnknown(value) ? value.toString() : (value as { key: string }).key;
}
