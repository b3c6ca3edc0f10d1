import type { CompiledPolicy } from '../policy/load.js';
import { loadPolicies } from '../policy/load.js';
import { resolveRun, RunRequestError, type RunRequest } from '../run-options.js';
import type { ScanOptions } from '../scan.js';
import { applyPolicySettings } from '../suppress/config.js';
import type { CliIo } from './io.js';
import { UsageError } from './usage.js';

/** The flags every policy-loading command shares. */
export interface PolicyFlags {
  policies: string[];
  'no-builtin'?: boolean | undefined;
  config?: string | undefined;
  'no-config'?: boolean | undefined;
}

/**
 * A command's run options: its policy flags and anything more it was told, merged with the config file. A request
 * that cannot be met (no inputs, no policies) is a usage error.
 */
export async function commandRun(
  io: CliIo,
  flags: PolicyFlags,
  more: Partial<RunRequest> = {},
  needInputs = true,
): Promise<ScanOptions> {
  if (flags['no-builtin'] === true && flags.policies.length === 0) {
    throw new UsageError('--no-builtin leaves no policies to run; add --policies <dir>');
  }
  const request: RunRequest = {
    cwd: io.cwd,
    repoRoot: io.cwd,
    paths: [],
    policyDirs: flags.policies,
    ...more,
  };
  if (flags['no-builtin'] === true) request.builtIn = false;
  if (flags['no-config'] === true) request.config = false;
  else if (flags.config !== undefined) request.config = flags.config;
  return resolveRun(request, needInputs).catch((error: unknown) => {
    throw error instanceof RunRequestError ? new UsageError(error.message) : error;
  });
}

/** The policies a command works on; with `applySettings`, as the config turns them on, off and re-ranks them. */
export async function commandPolicies(
  io: CliIo,
  flags: PolicyFlags,
  applySettings: boolean,
): Promise<CompiledPolicy[]> {
  const options = await commandRun(io, flags, {}, false);
  const policies = await loadPolicies(options.policySources);
  return applySettings ? applyPolicySettings(policies, options.config) : policies;
}
