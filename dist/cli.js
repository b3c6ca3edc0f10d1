#!/usr/bin/env node
import { p as packageVersion } from './chunks/package-files-C8QwCCUf.js';
import { U as UserError } from './chunks/user-error-D43ktBPC.js';
import { U as USAGE, E as EXIT_ERROR, a as EXIT_PASS, b as UsageError } from './chunks/usage-BUmB0yc9.js';
import 'node:fs';
import 'node:path';
import 'node:url';
import 'node:util';

// Loaded when run: `--version` and `--help` then start without parsing the policy engine and every adapter.
const COMMANDS = {
    scan: async () => (await import('./chunks/scan-command-B4TyoH0T.js')).scanCommand,
    test: async () => (await import('./chunks/test-command-isqzKfIW.js')).testCommand,
    list: async () => (await import('./chunks/list-command-DyHGc4dL.js')).listCommand,
    explain: async () => (await import('./chunks/explain-command-CXIN1pd3.js')).explainCommand,
    init: async () => (await import('./chunks/init-command-XDfky5OP.js')).initCommand,
};
/** The CLI, as a function of its arguments and output streams. Every error is one clear line and exit code 2. */
async function runCli(argv, io) {
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
        if (load === undefined)
            throw new UsageError(`unknown command '${command}'`);
        return await (await load())(rest, io);
    }
    catch (error) {
        if (error instanceof UsageError) {
            io.stderr(`aks-identity-lint: ${error.message}\n\n${USAGE}`);
        }
        else if (error instanceof UserError) {
            io.stderr(`aks-identity-lint: ${error.message}\n`);
        }
        else {
            const message = error instanceof Error ? error.message : String(error);
            io.stderr(`aks-identity-lint: internal error: ${message}\nPlease report it with the command you ran.\n`);
        }
        return EXIT_ERROR;
    }
}

process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    color: process.stdout.isTTY && process.env['NO_COLOR'] === undefined,
    interactive: process.stderr.isTTY,
});
