import { isUnknown, type Unknown } from '../model/unknown.js';
import type { FieldPath } from './field-path.js';

/**
 * A field's value in an element: one value, or, for a path with `[*]`, the values of every array element. A value
 * may be an Unknown; `collectionUnknown` says an array that `[*]` expands is itself unknown, so the set of values
 * is not known.
 */
export type FieldValue =
  { many: false; value: unknown } | { many: true; values: unknown[]; collectionUnknown?: Unknown };

/** Evaluation scope: the current element, and the elements enclosing it (innermost last). */
export interface Scope {
  element: unknown;
  outers: readonly unknown[];
  /** When set, counts that fail by counting too many add the elements they counted to it. */
  trace?: unknown[];
}

export function resolveField(path: FieldPath, scope: Scope): FieldValue {
  const start = path.outerHops === 0 ? scope.element : scope.outers[scope.outers.length - path.outerHops];
  let cursors: unknown[] = [start];
  let many = false;
  let collectionUnknown: Unknown | undefined;
  for (const segment of path.segments) {
    if ('wildcard' in segment) {
      many = true;
      const next: unknown[] = [];
      for (const c of cursors) {
        if (Array.isArray(c)) next.push(...(c as unknown[]));
        else if (isUnknown(c)) collectionUnknown ??= c;
      }
      cursors = next;
      continue;
    }
    cursors = cursors.map((c) => step(c, segment));
  }
  if (!many) return { many: false, value: cursors[0] };
  return collectionUnknown === undefined
    ? { many: true, values: cursors }
    : { many: true, values: cursors, collectionUnknown };
}

function step(value: unknown, segment: { name: string } | { index: number }): unknown {
  if (isUnknown(value)) return value;
  if ('index' in segment) return Array.isArray(value) ? (value as unknown[])[segment.index] : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, segment.name)) return record[segment.name];
  // Azure property names are case-insensitive; raw inputs spell them several ways.
  const lower = segment.name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}
