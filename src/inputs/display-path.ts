import { isAbsolute, relative, sep } from 'node:path';

/**
 * How a file is named in reports: relative to the repository root, with forward slashes, when it is inside it (so
 * that GitHub can place annotations and code-scanning alerts on it); its absolute path otherwise (a plan written
 * to $RUNNER_TEMP), never a `../` path that means nothing to a reader of another checkout.
 */
export function displayPath(repoRoot: string, path: string): string {
  const rel = relative(repoRoot, path);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel.split(sep).join('/');
}
