import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../inputs/input-error.js';
import type { CliIo } from './io.js';

/** Writes a report to --output (relative to the CLI's working directory), or to stdout. */
export async function emit(report: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) {
    io.stdout(report);
    return;
  }
  await writeForUser(output, report, 'the report', io);
  io.stdout(`aks-identity-lint: report written to ${output}\n`);
}

/**
 * Writes a file the user named, relative to the CLI's working directory, making its directory as ESLint's
 * --output-file does (`--output reports/aks.sarif` in a fresh checkout); a failure names it as the user gave it.
 */
export async function writeForUser(file: string, text: string, what: string, io: CliIo): Promise<void> {
  const path = resolve(io.cwd, file);
  await mkdir(dirname(path), { recursive: true })
    .then(() => writeFile(path, text))
    .catch((error: unknown) => {
      throw new InputError(
        { file },
        `cannot write ${what} (${error instanceof Error ? error.message : String(error)})`,
      );
    });
}
