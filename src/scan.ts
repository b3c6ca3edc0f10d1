import type { DeploymentScopeOptions } from './inputs/arm/expressions/index.js';
import type { ArmParameterInput } from './inputs/arm/parameter-files.js';
import type { LiveQuery } from './inputs/live/query/live-query.js';
import { readInputs } from './inputs/read-inputs.js';
import { linkEntities } from './model/link.js';
import { ENTITY_KINDS, type Entity } from './model/entities.js';
import { packageVersion } from './package-files.js';
import { evaluateAll } from './policy/evaluate.js';
import { loadPolicies, type PolicySource } from './policy/load.js';
import type { ScanOutcome } from './policy/outcome.js';
import type { FailOn } from './policy/severity.js';
import { applyBaseline, type Baseline } from './suppress/baseline.js';
import { applyPolicySettings, type LoadedConfig } from './suppress/config.js';
import { applyInlineSuppressions, MISSING_REASON } from './suppress/inline.js';
import { applyWaivers } from './suppress/waivers.js';

export interface ScanOptions {
  paths: string[];
  policySources: PolicySource[];
  failOn: FailOn;
  failOnIndeterminate: boolean;
  /** Reported paths are relative to this directory. */
  repoRoot: string;
  terraformDir?: string;
  /** ARM template parameters (files and values) and the deployment scope templates are evaluated in. */
  armParameters?: ArmParameterInput;
  armScope?: DeploymentScopeOptions;
  /** The config file's policy settings and waivers. */
  config?: LoadedConfig;
  baseline?: Baseline;
  /** YYYY-MM-DD: waivers last through their expiry day. */
  today: string;
  /** Read live state from Azure as well as the paths. */
  live?: LiveQuery;
}

/**
 * The one pipeline both entry points call: policies, inputs, model, evaluation, then suppressions (inline comments,
 * waivers, baseline), which mark findings rather than remove them.
 */
export async function scan(options: ScanOptions): Promise<ScanOutcome> {
  // Policies first: a broken policy set or config is reported before any input is read.
  const policies = applyPolicySettings(await loadPolicies(options.policySources), options.config);
  const read = await readInputs(options.paths, {
    repoRoot: options.repoRoot,
    ...(options.terraformDir === undefined ? {} : { terraformDir: options.terraformDir }),
    ...(options.armParameters === undefined ? {} : { armParameters: options.armParameters }),
    ...(options.armScope === undefined ? {} : { armScope: options.armScope }),
    ...(options.live === undefined ? {} : { live: options.live }),
  });
  const entities = linkEntities(read.entities);
  const evaluations = evaluateAll(policies, entities);

  const all: Entity[] = ENTITY_KINDS.flatMap((kind): Entity[] => entities[kind]);
  const missingReasons = await applyInlineSuppressions(evaluations, all, options.repoRoot);
  evaluations.push(...missingReasons);
  const waivers = applyWaivers(
    evaluations,
    options.config?.config.waivers ?? [],
    options.config?.file ?? '',
    options.today,
  );
  if (options.baseline !== undefined) applyBaseline(evaluations, options.baseline);

  const outcome: ScanOutcome = {
    version: packageVersion(),
    inputs: read.inputs,
    skipped: read.skipped,
    ignored: read.ignored,
    entities,
    policies: missingReasons.length > 0 ? [MISSING_REASON, ...policies] : policies,
    evaluations,
    failOn: options.failOn,
    failOnIndeterminate: options.failOnIndeterminate,
    secrets: read.secrets,
    waivers: waivers.map((w) => ({
      source: w.source,
      policy: w.waiver.policy,
      resource: w.waiver.resource,
      reason: w.waiver.reason,
      matched: w.matched,
      expired: w.expired,
      ...(w.waiver.expires === undefined ? {} : { expires: w.waiver.expires }),
    })),
  };
  if (options.baseline !== undefined) outcome.baseline = options.baseline.file;
  if (read.liveRequests !== undefined) outcome.liveRequests = read.liveRequests;
  return outcome;
}
