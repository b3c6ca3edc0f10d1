import { renderPolicyList, renderPolicyTable } from '../report/policy-table.js';
import { EXIT_PASS, type CliIo } from './io.js';
import { emit } from './output.js';
import { commandPolicies } from './command-run.js';
import { UsageError, parseCommandLine } from './usage.js';

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
  const policies = await commandPolicies(io, values, true);
  await emit(
    values.format === 'markdown' ? renderPolicyTable(policies) : renderPolicyList(policies),
    values.output,
    io,
  );
  return EXIT_PASS;
}
