/** Why a condition could not be decided: the field whose value is not known yet, and why. */
export interface Because {
  field: string;
  reason: string;
}

/** The result of a condition in Kleene's three-valued logic. */
export type Tri = true | false | { unknown: Because[] };

export function isUnknownTri(t: Tri): t is { unknown: Because[] } {
  return typeof t === 'object';
}

export function triNot(t: Tri): Tri {
  return isUnknownTri(t) ? t : !t;
}

/** False wins over unknown, which wins over true. Reasons are kept only when the result is unknown. */
export function triAll(results: Iterable<Tri>): Tri {
  const reasons: Because[] = [];
  let unknown = false;
  for (const r of results) {
    if (r === false) return false;
    if (isUnknownTri(r)) {
      unknown = true;
      reasons.push(...r.unknown);
    }
  }
  return unknown ? { unknown: dedupe(reasons) } : true;
}

/** True wins over unknown, which wins over false. */
export function triAny(results: Iterable<Tri>): Tri {
  const reasons: Because[] = [];
  let unknown = false;
  for (const r of results) {
    if (r === true) return true;
    if (isUnknownTri(r)) {
      unknown = true;
      reasons.push(...r.unknown);
    }
  }
  return unknown ? { unknown: dedupe(reasons) } : false;
}

function dedupe(reasons: Because[]): Because[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.field}\u0000${r.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
