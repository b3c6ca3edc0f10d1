import type { Condition } from './policy-types.generated.js';

/**
 * The model fields a condition reads, as absolute paths from the entity: paths inside a count's where are prefixed
 * with the counted array, and `$outer.` is resolved to the enclosing element's path.
 */
export function fieldsUsed(condition: Condition | undefined): string[] {
  const found = new Set<string>();
  if (condition !== undefined) walk(condition, [''], found);
  return [...found].sort();
}

function walk(condition: Condition, contexts: string[], found: Set<string>): void {
  const absolute = (path: string): string => {
    let rest = path;
    let depth = contexts.length - 1;
    while (rest.startsWith('$outer.')) {
      rest = rest.slice('$outer.'.length);
      depth--;
    }
    const base = contexts[Math.max(depth, 0)] ?? '';
    return base === '' ? rest : `${base}.${rest}`;
  };
  if ('allOf' in condition)
    condition.allOf.forEach((c) => {
      walk(c, contexts, found);
    });
  else if ('anyOf' in condition)
    condition.anyOf.forEach((c) => {
      walk(c, contexts, found);
    });
  else if ('not' in condition) walk(condition.not, contexts, found);
  else if ('count' in condition) {
    const array = absolute(condition.count.field);
    found.add(array);
    if (condition.count.where !== undefined)
      walk(condition.count.where, [...contexts, array.replace(/\[\*\]$/, '[*]')], found);
  } else {
    found.add(absolute(condition.field));
    for (const value of Object.values(condition)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'field' in value) {
        found.add(absolute(String((value as { field: unknown }).field)));
      }
    }
  }
}
