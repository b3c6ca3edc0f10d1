import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../inputs/input-error.js';
import type { CliIo } from './io.js';

/** Writes a report to --output (relative to the CLI's working directory), or to stdout. */
export async function emit(report: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) {
    io.stdout(report);
    return;
  }
  await writeFile(resolve(io.cwd, output), report).catch((error: unknown) => {
    throw new InputError(
      { file: output },
      `cannot write the report (${error instanceof Error ? error.message : String(error)})`,
    );
  });
  io.stdout(`aks-identity-lint: report written to ${output}\n`);
}
