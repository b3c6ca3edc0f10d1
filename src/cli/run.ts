import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { InputError } from '../inputs/input-error.js';
import { packageVersion } from '../package-files.js';
import { PolicyLoadError } from '../policy/load.js';
import { runFailed, type ScanOutcome } from '../policy/outcome.js';
import { FAIL_ON_VALUES, type FailOn } from '../policy/severity.js';
import { renderConsole } from '../report/console.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { scan } from '../scan.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  color: boolean;
}

export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_ERROR = 2;

const FORMATS = ['console', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: aks-identity-lint scan <file|dir>... [options]

Lints AKS identity in Terraform plans (terraform show -json <planfile>).

Options:
  --policies <dir>          extra policy directory (repeatable)
  --no-builtin              do not load the built-in policies
  --format <name>           console (default), json, sarif (SARIF 2.1.0) or markdown
  --output <file>           write the report to a file instead of stdout
  --fail-on <severity>      fail at or above: critical, high, medium, low, info, none (default: high)
  --fail-on-indeterminate   also fail on results that are unknown until apply
  --terraform-dir <dir>     where the root module's .tf files are (default: each plan's directory)
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 pass, 1 policy failures at or above --fail-on, 2 usage or input error.
`;

class UsageError extends Error {}

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

/** The CLI, as a function of its arguments and output streams, so tests can run it in-process as well. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`aks-identity-lint: ${error.message}\n\n${USAGE}`);
    } else if (error instanceof InputError || error instanceof PolicyLoadError) {
      io.stderr(`aks-identity-lint: ${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(
        `aks-identity-lint: internal error: ${message}\nPlease report it with the command you ran.\n`,
      );
    }
    return EXIT_ERROR;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? EXIT_ERROR : EXIT_PASS;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT_PASS;
  }
  if (command !== 'scan') throw new UsageError(`unknown command '${command}'`);
  return scanCommand(rest, io);
}

async function scanCommand(argv: readonly string[], io: CliIo): Promise<number> {
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
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
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
  if (values['no-builtin'] && values.policies.length === 0) {
    throw new UsageError('--no-builtin leaves no policies to run; add --policies <dir>');
  }

  const outcome = await scan({
    paths: positionals,
    policyDirs: values.policies,
    builtIn: !values['no-builtin'],
    failOn,
    failOnIndeterminate: values['fail-on-indeterminate'],
    repoRoot: io.cwd,
    ...(values['terraform-dir'] === undefined ? {} : { terraformDir: values['terraform-dir'] }),
  });
  const toFile = values.output !== undefined;
  const report = render(format, outcome, io.color && !toFile);
  if (values.output !== undefined) {
    await writeFile(values.output, report).catch((error: unknown) => {
      throw new InputError({ file: values.output ?? '' }, `cannot write the report (${String(error)})`);
    });
    io.stdout(`aks-identity-lint: report written to ${values.output}\n`);
  } else {
    io.stdout(report);
  }
  return runFailed(outcome) ? EXIT_FAIL : EXIT_PASS;
}
