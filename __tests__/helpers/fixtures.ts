import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const repoRoot = resolve(here, '..', '..');
/** The shared, read-only fixtures nobody on this project wrote (see ../shared/fixtures/SOURCES.md). */
export const sharedFixtures = resolve(
  process.env['AKS_IDENTITY_LINT_SHARED'] ?? resolve(repoRoot, '..', 'shared'),
  'fixtures',
);
if (!existsSync(sharedFixtures)) {
  throw new Error(
    `The shared fixtures are not at ${sharedFixtures}: check out ../shared next to this repository, or set AKS_IDENTITY_LINT_SHARED`,
  );
}
export const localFixtures = join(repoRoot, '__tests__', 'fixtures');

export function terraformFixture(name: string): string {
  return join(sharedFixtures, 'terraform', name);
}
