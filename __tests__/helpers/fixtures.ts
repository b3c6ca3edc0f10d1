import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const repoRoot = resolve(here, '..', '..');
/** The shared, read-only fixtures nobody on this project wrote (see ../shared/fixtures/SOURCES.md). */
export const sharedFixtures = resolve(repoRoot, '..', 'shared', 'fixtures');
export const localFixtures = join(repoRoot, '__tests__', 'fixtures');

export function terraformFixture(name: string): string {
  return join(sharedFixtures, 'terraform', name);
}
