import { parseArgs } from 'node:util';
import { runFailed, type ScanOutcome } from '../policy/outcome.js';
import { FAIL_ON_VALUES, type FailOn } from '../policy/severity.js';
import { renderConsole } from '../report/console.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { scan } from '../scan.js';
import { EXIT_FAIL, EXIT_PASS, type CliIo } from './io.js';
import { emit } from './output.js';
import { policySources } from './policy-sources.js';
import { USAGE, UsageError, usageErrorFrom } from './usage.js';

const FORMATS = ['console', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export async function scanCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        policies: { type: 'string', multiple: true, default: [] },
        'no-builtin': { type: 'boolean', default: false },
        format: { type: 'string', default: 'console' },
        output: { type: 'string' },
        'fail-on': { type: 'string', default: 'high' },
        'fail-on-indeterminate': { type: 'boolean', default: false },
        'terraform-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_PASS;
  }
  if (positionals.length === 0) throw new UsageError('scan needs at least one file or directory');
  const format = values.format as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);
  const failOn = values['fail-on'] as FailOn;
  if (!FAIL_ON_VALUES.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, not '${values['fail-on']}'`);
  }
  const outcome = await scan({
    paths: positionals,
    policySources: policySources(values.policies, values['no-builtin']),
    failOn,
    failOnIndeterminate: values['fail-on-indeterminate'],
    repoRoot: io.cwd,
    ...(values['terraform-dir'] === undefined ? {} : { terraformDir: values['terraform-dir'] }),
  });
  await emit(render(format, outcome, io.color && values.output === undefined), values.output, io);
  return runFailed(outcome) ? EXIT_FAIL : EXIT_PASS;
}

function render(format: Format, outcome: ScanOutcome, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(outcome);
    case 'sarif':
      return renderSarif(outcome);
    case 'markdown':
      return renderMarkdown(outcome);
    case 'console':
      return renderConsole(outcome, { color });
  }
}
