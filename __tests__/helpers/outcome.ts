import { readInputs } from '../../src/inputs/read-inputs.js';
import { linkEntities } from '../../src/model/link.js';
import { builtInPolicyDir, packageVersion } from '../../src/package-files.js';
import { evaluateAll } from '../../src/policy/evaluate.js';
import { loadPolicies } from '../../src/policy/load.js';
import type { ScanOutcome } from '../../src/policy/outcome.js';

/** A scan of the given inputs with the built-in pack, as `scan` makes it, for a report to render in-process. */
export async function outcomeOf(
  paths: string[],
  repoRoot: string,
  failOn: ScanOutcome['failOn'] = 'high',
): Promise<ScanOutcome> {
  const policies = await loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);
  const read = await readInputs(paths, { repoRoot });
  const entities = linkEntities(read.entities);
  return {
    version: packageVersion(),
    inputs: read.inputs,
    skipped: read.skipped,
    ignored: read.ignored,
    entities,
    policies,
    evaluations: evaluateAll(policies, entities),
    failOn,
    failOnIndeterminate: false,
    secrets: read.secrets,
    waivers: [],
  };
}
