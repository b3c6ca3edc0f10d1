import { builtInPolicyDir } from '../../src/package-files.js';
import type { ScanOutcome } from '../../src/policy/outcome.js';
import { scan } from '../../src/scan.js';

/** A scan of the given inputs with the built-in pack through the pipeline both entry points call. */
export async function outcomeOf(
  paths: string[],
  repoRoot: string,
  failOn: ScanOutcome['failOn'] = 'high',
): Promise<ScanOutcome> {
  return scan({
    paths,
    policySources: [{ dir: builtInPolicyDir(), builtIn: true }],
    failOn,
    failOnIndeterminate: false,
    repoRoot,
    today: '2026-11-26',
  });
}
