import { existsSync } from 'node:fs';
import { create } from '@actions/glob';
import { ActionInputError } from './inputs.js';

const GLOB = /[*?[\]{}]/;

/**
 * Expands the `paths` input: a plain path is kept as it is (a file or a directory to search), a glob is expanded.
 * Anything that matches nothing is an error: a check that silently scans nothing would pass.
 */
export async function expandPaths(entries: readonly string[]): Promise<string[]> {
  const result: string[] = [];
  for (const entry of entries) {
    if (!GLOB.test(entry)) {
      if (!existsSync(entry)) throw new ActionInputError(`input 'paths': '${entry}' does not exist`);
      result.push(entry);
      continue;
    }
    const globber = await create(entry, { implicitDescendants: false, matchDirectories: false });
    const matches = (await globber.glob()).sort();
    if (matches.length === 0) throw new ActionInputError(`input 'paths': '${entry}' matches no file`);
    result.push(...matches);
  }
  return result;
}
