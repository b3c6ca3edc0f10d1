import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const repoRoot = resolve(here, '..', '..');
/** The service principal secret written into examples/ (and into test plans): no output may contain it. */
export const EXAMPLE_SECRET = 'Zq8~example-not-a-real-secret~4fJ';
/** The shared, read-only fixtures nobody on this project wrote (see ../shared/fixtures/SOURCES.md). */
export const sharedFixtures = resolve(
  process.env['AKS_IDENTITY_LINT_SHARED'] ?? resolve(repoRoot, '..', 'shared'),
  'fixtures',
);
/** Whether ../shared is checked out: the conformance suite runs only then, and every other test runs without it. */
export const sharedPresent = existsSync(sharedFixtures);

/**
 * `describe` for tests of the shared inputs, skipped (saying so on stderr, which Jest shows for a skipped file)
 * where ../shared is absent, as in a clone of this repository alone.
 */
export const describeShared: typeof describe = sharedPresent ? describe : describe.skip;
/** The same for one test of the shared inputs among tests that need none. */
export const itShared: typeof it = sharedPresent ? it : it.skip;
if (!sharedPresent) {
  process.stderr.write(
    `Skipping tests of the shared inputs: ${sharedFixtures} is not here. Check out ../shared next to this repository, or set AKS_IDENTITY_LINT_SHARED, to run them.\n`,
  );
}
export const localFixtures = join(repoRoot, '__tests__', 'fixtures');

export function terraformFixture(name: string): string {
  return join(sharedFixtures, 'terraform', name);
}
