import { readInputs } from './inputs/read-inputs.js';
import { linkEntities } from './model/link.js';
import { packageVersion } from './package-files.js';
import { evaluateAll } from './policy/evaluate.js';
import { loadPolicies, type PolicySource } from './policy/load.js';
import type { ScanOutcome } from './policy/outcome.js';
import type { FailOn } from './policy/severity.js';

export interface ScanOptions {
  paths: string[];
  policySources: PolicySource[];
  failOn: FailOn;
  failOnIndeterminate: boolean;
  /** Reported paths are relative to this directory. */
  repoRoot: string;
  terraformDir?: string;
}

/** The one pipeline both entry points call: inputs -> model -> policies -> results. */
export async function scan(options: ScanOptions): Promise<ScanOutcome> {
  // Policies first: a broken policy set is reported before any input is read.
  const policies = await loadPolicies(options.policySources);
  const read = await readInputs(options.paths, {
    repoRoot: options.repoRoot,
    ...(options.terraformDir === undefined ? {} : { terraformDir: options.terraformDir }),
  });
  const entities = linkEntities(read.entities);
  return {
    version: packageVersion(),
    inputs: read.inputs,
    skipped: read.skipped,
    ignored: read.ignored,
    entities,
    policies,
    evaluations: evaluateAll(policies, entities),
    failOn: options.failOn,
    failOnIndeterminate: options.failOnIndeterminate,
    secrets: read.secrets,
  };
}
