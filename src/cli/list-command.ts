import { loadPolicies } from '../policy/load.js';
import { renderPolicyList, renderPolicyTable } from '../report/policy-table.js';
import { EXIT_PASS, type CliIo } from './io.js';
import { emit } from './output.js';
import { resolveRun, RunRequestError, type RunRequest } from '../run-options.js';
import { applyPolicySettings } from '../suppress/config.js';
import { UsageError, parseCommandLine, configChoice } from './usage.js';

/** `list`: the policies a scan would run; `--format markdown` writes the policy × format table of the docs. */
export async function listCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine({
    args: [...argv],
    options: {
      policies: { type: 'string', multiple: true, default: [] },
      'no-builtin': { type: 'boolean' },
      config: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
      format: { type: 'string', default: 'console' },
      output: { type: 'string' },
    },
  });
  if (values.format !== 'console' && values.format !== 'markdown') {
    throw new UsageError(`--format must be console or markdown, not '${values.format}'`);
  }
  if (values['no-builtin'] === true && values.policies.length === 0) {
    throw new UsageError('--no-builtin leaves no policies to run; add --policies <dir>');
  }
  const request: RunRequest = {
    cwd: io.cwd,
    repoRoot: io.cwd,
    paths: [],
    policyDirs: values.policies,
    ...configChoice(values),
  };
  if (values['no-builtin'] === true) request.builtIn = false;
  const options = await resolveRun(request, false).catch((error: unknown) => {
    throw error instanceof RunRequestError ? new UsageError(error.message) : error;
  });
  const policies = applyPolicySettings(await loadPolicies(options.policySources), options.config);
  await emit(
    values.format === 'markdown' ? renderPolicyTable(policies) : renderPolicyList(policies),
    values.output,
    io,
  );
  return EXIT_PASS;
}
