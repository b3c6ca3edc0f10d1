/**
 * Azure Policy's `like` (with `*` wildcards) and `match` (`#` a digit, `?` a letter, `.` any character) patterns.
 * Both run in time linear in pattern times text, with no backtracking, so no policy can hang a run the way a
 * user-supplied regular expression could.
 */
export function likeMatches(text: string, pattern: string): boolean {
  const t = text.toLowerCase();
  const p = pattern.toLowerCase();
  let ti = 0;
  let pi = 0;
  let starPi = -1;
  let starTi = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) {
      ti++;
      pi++;
    } else if (pi < p.length && p[pi] === '*') {
      starPi = pi++;
      starTi = ti;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      ti = ++starTi;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

export function matchPattern(text: string, pattern: string, caseInsensitive: boolean): boolean {
  if (text.length !== pattern.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? '';
    const c = text[i] ?? '';
    if (p === '#') {
      if (!/[0-9]/.test(c)) return false;
    } else if (p === '?') {
      if (!/\p{L}/u.test(c)) return false;
    } else if (p !== '.') {
      if (caseInsensitive ? p.toLowerCase() !== c.toLowerCase() : p !== c) return false;
    }
  }
  return true;
}
