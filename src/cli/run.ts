import { InputError } from '../inputs/input-error.js';
import { packageVersion } from '../package-files.js';
import { PolicyLoadError } from '../policy/load.js';
import { RunRequestError } from '../run-options.js';
import { ConfigError } from '../suppress/config.js';
import { EXIT_ERROR, EXIT_PASS, type CliIo } from './io.js';
import { explainCommand } from './explain-command.js';
import { initCommand } from './init-command.js';
import { listCommand } from './list-command.js';
import { scanCommand } from './scan-command.js';
import { testCommand } from './test-command.js';
import { USAGE, UsageError } from './usage.js';

export type { CliIo };

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  scan: scanCommand,
  test: testCommand,
  list: listCommand,
  explain: explainCommand,
  init: initCommand,
};

/** The CLI, as a function of its arguments and output streams. Every error is one clear line and exit code 2. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? EXIT_ERROR : EXIT_PASS;
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${packageVersion()}\n`);
      return EXIT_PASS;
    }
    const handler = COMMANDS[command];
    if (handler === undefined) throw new UsageError(`unknown command '${command}'`);
    return await handler(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`aks-identity-lint: ${error.message}\n\n${USAGE}`);
    } else if (
      error instanceof InputError ||
      error instanceof PolicyLoadError ||
      error instanceof ConfigError ||
      error instanceof RunRequestError
    ) {
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
