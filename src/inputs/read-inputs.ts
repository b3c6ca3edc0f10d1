import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Entity, InputSummary, SkippedResource } from '../model/entities.js';
import { detectFormat } from './detect.js';
import { displayPath } from './display-path.js';
import { InputError } from './input-error.js';
import { readJsonFile } from './json-file.js';
import { readTerraformPlan } from './terraform/adapter.js';
import { counted } from '../util/plural.js';

export interface ReadInputsOptions {
  /** Reported paths are relative to this directory (the repository root). */
  repoRoot: string;
  /** Directory of the Terraform root module's .tf files, when it is not the plan's directory. */
  terraformDir?: string;
}

export interface InputsRead {
  entities: Entity[];
  inputs: InputSummary[];
  skipped: SkippedResource[];
  /** JSON files found in directories that are not a format this tool reads. */
  ignored: { file: string; reason: string }[];
  secrets: string[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform']);

/** Source files people pass by mistake, with what to give instead. */
const SOURCE_FILES: readonly { extension: string; message: string }[] = [
  {
    extension: '.tf',
    message:
      'this is Terraform source; scan its plan: `terraform plan -out tfplan && terraform show -json tfplan > tfplan.json`',
  },
  {
    extension: '.bicep',
    message: 'this is Bicep source; this version reads only a Terraform plan (Bicep/ARM input is planned)',
  },
];

/**
 * Reads every input: files as given, directories searched for JSON files. A file named explicitly must be a format
 * this tool reads; a JSON file found in a directory that is something else is listed as ignored. Either way, a
 * directory that yields nothing to scan is an error, not a silent pass.
 */
export async function readInputs(paths: readonly string[], options: ReadInputsOptions): Promise<InputsRead> {
  const result: InputsRead = { entities: [], inputs: [], skipped: [], ignored: [], secrets: [] };
  const repoRoot = resolve(options.repoRoot);
  const display = (path: string): string => displayPath(repoRoot, path);
  for (const given of paths) {
    const absolute = resolve(given);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined) throw new InputError({ file: given }, 'no such file or directory');
    if (info.isDirectory()) {
      const files = await jsonFilesUnder(absolute);
      const before = result.inputs.length;
      for (const file of files) await readOne(file, display(file), false, result, options, repoRoot);
      if (result.inputs.length === before) {
        const ignored =
          result.ignored.length > 0
            ? ` (${counted(result.ignored.length, 'JSON file')} of other formats ignored)`
            : '';
        throw new InputError(
          { file: given },
          `nothing to scan in this directory: no Terraform plan JSON found${ignored}`,
        );
      }
    } else {
      await readOne(absolute, display(absolute), true, result, options, repoRoot);
    }
  }
  return result;
}

async function readOne(
  path: string,
  file: string,
  explicit: boolean,
  result: InputsRead,
  options: ReadInputsOptions,
  repoRoot: string,
): Promise<void> {
  const source = SOURCE_FILES.find((s) => path.toLowerCase().endsWith(s.extension));
  if (source !== undefined) {
    if (!explicit) return;
    throw new InputError({ file }, source.message);
  }
  const document = await readJsonFile(path, file);
  const detected = detectFormat(document.value);
  if (!detected.supported) {
    if (explicit) throw new InputError({ file }, `this is ${detected.name}; ${detected.hint}`);
    result.ignored.push({ file, reason: `${detected.name}; ${detected.hint}` });
    return;
  }
  const output = await readTerraformPlan(document, {
    path,
    repoRoot,
    ...(options.terraformDir === undefined ? {} : { terraformDir: resolve(options.terraformDir) }),
  });
  result.entities.push(...output.entities);
  result.inputs.push(output.summary);
  result.skipped.push(...output.skipped);
  result.secrets.push(...output.secrets);
}

async function jsonFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.'))
        files.push(...(await jsonFilesUnder(path)));
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) {
      files.push(path);
    }
  }
  return files;
}
