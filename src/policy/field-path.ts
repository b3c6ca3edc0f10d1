/** A parsed field path: how many `$outer.` hops, then property names, indexes and `[*]` wildcards. */
export type PathSegment = { name: string } | { index: number } | { wildcard: true };

export interface FieldPath {
  text: string;
  outerHops: number;
  segments: PathSegment[];
  hasWildcard: boolean;
}

export function parseFieldPath(text: string): FieldPath {
  let rest = text;
  let outerHops = 0;
  while (rest.startsWith('$outer.')) {
    outerHops++;
    rest = rest.slice('$outer.'.length);
  }
  const segments: PathSegment[] = [];
  for (const part of rest.split('.')) {
    const match = /^([^[]+)((?:\[(?:\*|\d+)\])*)$/.exec(part);
    if (match === null) throw new Error(`invalid path segment '${part}'`);
    segments.push({ name: match[1] ?? '' });
    for (const index of (match[2] ?? '').match(/\[(\*|\d+)\]/g) ?? []) {
      const inner = index.slice(1, -1);
      segments.push(inner === '*' ? { wildcard: true } : { index: Number(inner) });
    }
  }
  return { text, outerHops, segments, hasWildcard: segments.some((s) => 'wildcard' in s) };
}
