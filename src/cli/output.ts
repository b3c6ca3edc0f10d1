import { writeFile } from 'node:fs/promises';
import { InputError } from '../inputs/input-error.js';
import type { CliIo } from './io.js';

/** Writes a report to --output, or to stdout. */
export async function emit(report: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) {
    io.stdout(report);
    return;
  }
  await writeFile(output, report).catch((error: unknown) => {
    throw new InputError(
      { file: output },
      `cannot write the report (${error instanceof Error ? error.message : String(error)})`,
    );
  });
  io.stdout(`aks-identity-lint: report written to ${output}\n`);
}
