import { packageVersion } from '../package-files.js';
import { UserError } from '../util/user-error.js';
import { EXIT_ERROR, EXIT_PASS, type CliIo } from './io.js';
import { USAGE, UsageError } from './usage.js';

export type { CliIo };

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

// Loaded when run: `--version` and `--help` then start without parsing the policy engine and every adapter.
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./scan-command.js')).scanCommand,
  test: async () => (await import('./test-command.js')).testCommand,
  list: async () => (await import('./list-command.js')).listCommand,
  explain: async () => (await import('./explain-command.js')).explainCommand,
  init: async () => (await import('./init-command.js')).initCommand,
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
    const load = COMMANDS[command];
    if (load === undefined) throw new UsageError(`unknown command '${command}'`);
    return await (
      await load()
    )(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`aks-identity-lint: ${error.message}\n\n${USAGE}`);
    } else if (error instanceof UserError) {
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
