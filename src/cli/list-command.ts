import { parseArgs } from 'node:util';
import { loadPolicies } from '../policy/load.js';
import { renderPolicyList, renderPolicyTable } from '../report/policy-table.js';
import { EXIT_PASS, type CliIo } from './io.js';
import { emit } from './output.js';
import { policySources } from './policy-sources.js';
import { UsageError, usageErrorFrom } from './usage.js';

/** `list`: the policies a scan would run; `--format markdown` writes the policy × format table of the docs. */
export async function listCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        policies: { type: 'string', multiple: true, default: [] },
        'no-builtin': { type: 'boolean', default: false },
        format: { type: 'string', default: 'console' },
        output: { type: 'string' },
      },
    }));
  } catch (error) {
    throw usageErrorFrom(error);
  }
  if (values.format !== 'console' && values.format !== 'markdown') {
    throw new UsageError(`--format must be console or markdown, not '${values.format}'`);
  }
  const policies = await loadPolicies(policySources(values.policies, values['no-builtin']));
  await emit(
    values.format === 'markdown' ? renderPolicyTable(policies) : renderPolicyList(policies),
    values.output,
    io,
  );
  return EXIT_PASS;
}
