import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Entity, InputFormat, InputSummary, SkippedResource } from '../model/entities.js';
import { detectFormat } from './detect.js';
import { displayPath } from './display-path.js';
import { InputError } from './input-error.js';
import type { AdapterOutput } from './adapter-output.js';
import { readArmTemplate, unknownDeploymentScope, type ArmInputOptions } from './arm/adapter.js';
import {
  compiledParameters,
  mergeArmParameters,
  pairedParametersFile,
  readParametersFile,
  resolveArmParameters,
  type ArmParameterInput,
} from './arm/parameter-files.js';
import { compileBicep } from './arm/bicep-compile.js';
import type { DeploymentScopeOptions } from './arm/expressions/index.js';
import { parseJsonText, readJsonFile, type JsonDocument } from './json-file.js';
import { readTerraformPlan } from './terraform/adapter.js';
import { readLiveState, readQueriedState } from './live/adapter.js';
import type { LiveQuery } from './live/query/live-query.js';
import { withoutRepeatedLiveResources } from './live/repeated-resources.js';
import { markUnreadGrants, type QueriedGrants } from './live/unread-grants.js';
import { readWhatIf } from './whatif/adapter.js';
import { counted } from '../util/plural.js';

export interface ReadInputsOptions {
  /** Reported paths are relative to this directory (the repository root). */
  repoRoot: string;
  /** Directory of the Terraform root module's .tf files, when it is not the plan's directory. */
  terraformDir?: string;
  /** ARM template parameters: files (deploymentParameters JSON, compiled .bicepparam) and values, later wins. */
  armParameters?: ArmParameterInput;
  /** What resourceGroup(), subscription() and deployment() return in templates. */
  armScope?: DeploymentScopeOptions;
  /** Read live state from Azure too. */
  live?: LiveQuery;
}

export interface InputsRead {
  entities: Entity[];
  /** HTTP requests a live query sent, when there was one. */
  liveRequests?: number;
  inputs: InputSummary[];
  skipped: SkippedResource[];
  /** JSON files found in directories that are not a format this tool reads. */
  ignored: { file: string; reason: string }[];
  secrets: string[];
  /** Parameter files read as the parameters of a template beside them (absolute paths). */
  paired: Set<string>;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform']);

/** Terraform source, which this version reads through its plan. */
const TERRAFORM_SOURCE =
  'this is Terraform source; scan its plan: `terraform plan -out tfplan && terraform show -json tfplan > tfplan.json`';
const BICEP_EXTENSIONS = ['.bicep', '.bicepparam'];

/**
 * Reads every input: files as given, directories searched for JSON files. A file named explicitly must be a format
 * this tool reads; a JSON file found in a directory that is something else is listed as ignored. Either way, a
 * directory that yields nothing to scan is an error, not a silent pass.
 */
export async function readInputs(paths: readonly string[], options: ReadInputsOptions): Promise<InputsRead> {
  const result: InputsRead = {
    entities: [],
    inputs: [],
    skipped: [],
    ignored: [],
    secrets: [],
    paired: new Set(),
  };
  const repoRoot = resolve(options.repoRoot);
  const display = (path: string): string => displayPath(repoRoot, path);
  for (const given of paths) {
    const absolute = resolve(given);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined) throw new InputError({ file: given }, 'no such file or directory');
    if (info.isDirectory()) {
      const files = await inputFilesUnder(absolute);
      const before = result.inputs.length;
      for (const file of files) await readOne(file, display(file), false, result, options, repoRoot);
      if (result.inputs.length === before) {
        const ignored =
          result.ignored.length > 0
            ? ` (${counted(result.ignored.length, 'JSON file')} of other formats ignored)`
            : '';
        throw new InputError(
          { file: given },
          `nothing to scan in this directory: no Terraform plan, ARM template, what-if result or live state found${ignored}`,
        );
      }
    } else {
      await readOne(absolute, display(absolute), true, result, options, repoRoot);
    }
  }
  const queried = options.live === undefined ? undefined : await readLive(options.live, result);
  const once = withoutRepeatedLiveResources(result.entities);
  result.entities = once.entities;
  for (const repeat of once.skipped) {
    result.skipped.push(repeat);
    const summary = result.inputs.find((i) => i.file === repeat.file);
    if (summary !== undefined) {
      summary.scanned--;
      summary.skipped++;
    }
  }
  markUnreadGrants(result.entities, queried);
  return result;
}

/**
 * Live state read from Azure: each list read is an input, each scope Azure refused is listed as skipped with the
 * permission it needs. The query (and the Azure SDK) is loaded only now, so a run without it never pays for it.
 */
async function readLive(query: LiveQuery, result: InputsRead): Promise<QueriedGrants> {
  const { queryLiveState, checkReadEnough } = await import('./live/query/query-live-state.js');
  const read = await queryLiveState(query);
  checkReadEnough(query, read);
  for (const output of readQueriedState(read.resources)) add(result, output);
  for (const unread of read.unread) {
    result.skipped.push({
      file: 'Azure',
      address: unread.scope,
      type: unread.what,
      reason: `not read: ${unread.reason}`,
    });
  }
  result.liveRequests = read.requests;
  const refused = read.unread.filter((u) => u.what === 'role assignments');
  return {
    subscriptions: new Set(query.subscriptions.map((s) => s.toLowerCase())),
    refused,
  };
}

async function readOne(
  path: string,
  file: string,
  explicit: boolean,
  result: InputsRead,
  options: ReadInputsOptions,
  repoRoot: string,
): Promise<void> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tf')) {
    if (!explicit) return;
    throw new InputError({ file }, TERRAFORM_SOURCE);
  }
  if (BICEP_EXTENSIONS.some((e) => lower.endsWith(e))) {
    if (explicit) return readBicep(path, file, result, options, repoRoot);
    // In a directory Bicep is usually read through its compiled template beside it; modules are not entry points.
    if (!(await exists(`${path.replace(/\.bicep(param)?$/i, '')}.json`))) {
      result.ignored.push({
        file,
        reason:
          'Bicep source is compiled only when named: give the entry file (main.bicep) or its compiled template',
      });
    }
    return;
  }
  const document = await readJsonFile(path, file);
  const detected = detectFormat(document.value);
  if (!detected.supported) {
    if (explicit) throw new InputError({ file }, `this is ${detected.name}; ${detected.hint}`);
    if (isPairedParameters(path, result)) return;
    result.ignored.push({ file, reason: `${detected.name}; ${detected.hint}` });
    return;
  }
  const input =
    detected.within === undefined
      ? document
      : { ...document, value: valueWithin(document.value, detected.within) };
  add(result, await readDocument(input, detected.format, path, repoRoot, options, result));
}

/** The adapter of each format, each producing the same model entities. */
async function readDocument(
  input: JsonDocument,
  format: InputFormat,
  path: string,
  repoRoot: string,
  options: ReadInputsOptions,
  result: InputsRead,
): Promise<AdapterOutput> {
  switch (format) {
    case 'terraform-plan':
      return readTerraformPlan(input, {
        path,
        repoRoot,
        ...(options.terraformDir === undefined ? {} : { terraformDir: resolve(options.terraformDir) }),
      });
    case 'arm-template':
      return readArmTemplate(input, await armOptions(path, repoRoot, options, result));
    case 'arm-whatif':
      return readWhatIf(input, { path, repoRoot });
    case 'live-state':
      return readLiveState(input);
  }
}

/** Compiles Bicep source and reads the template it becomes, with findings on the .bicep lines. */
async function readBicep(
  path: string,
  file: string,
  result: InputsRead,
  options: ReadInputsOptions,
  repoRoot: string,
): Promise<void> {
  const compiled = await compileBicep(path, file);
  const value = parseJsonText(compiled.text, file).value;
  if (path.toLowerCase().endsWith('.bicepparam')) {
    const built = compiledParameters(value, file);
    if (built.template === undefined) {
      throw new InputError(
        { file },
        `\`${compiled.command}\` gave parameters but no template; scan the .bicep file it uses with --parameters`,
      );
    }
    const document = { file, text: built.templateText ?? '', value: built.template };
    const armParameters = mergeArmParameters(options.armParameters, built.parameters);
    const withParameters = { ...options, armParameters };
    const armInput = await armOptions(path, repoRoot, withParameters, result);
    add(result, await readArmTemplate(document, { ...armInput, documentIsSource: false }));
    return;
  }
  const document = { file, text: compiled.text, value };
  const armInput = await armOptions(path, repoRoot, options, result, path);
  add(result, await readArmTemplate(document, { ...armInput, documentIsSource: false }));
}

function add(result: InputsRead, output: AdapterOutput): void {
  // One by one: a live query's 100,000 role assignments are more arguments than one call takes.
  for (const entity of output.entities) result.entities.push(entity);
  result.inputs.push(output.summary);
  result.skipped.push(...output.skipped);
  result.secrets.push(...output.secrets);
}

function valueWithin(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value;
  for (const step of path) node = (node as Record<string | number, unknown> | undefined)?.[step];
  return node;
}

/**
 * A template's options: its parameters (a `<name>.parameters.json` beside it first, then --parameters files, then
 * --param values, later wins) and the .bicep source it was compiled from (given, or beside it with the same name).
 */
async function armOptions(
  path: string,
  repoRoot: string,
  options: ReadInputsOptions,
  result: InputsRead,
  bicepSource?: string,
): Promise<ArmInputOptions> {
  const paired = pairedParametersFile(path);
  const beside = (await exists(paired))
    ? await readParametersFile(paired, displayPath(repoRoot, paired))
    : {};
  if (Object.keys(beside).length > 0 || (await exists(paired))) result.paired.add(paired);
  const given = await resolveArmParameters(options.armParameters, repoRoot);
  const armOptions: ArmInputOptions = { path, repoRoot, parameters: { ...beside, ...given } };
  armOptions.scope = options.armScope ?? unknownDeploymentScope();
  const source = bicepSource ?? siblingBicep(path);
  if (source !== undefined && (await exists(source))) armOptions.bicepSource = source;
  return armOptions;
}

/** `main.json` is compiled from `main.bicep` beside it, when there is one. */
function siblingBicep(path: string): string | undefined {
  return path.toLowerCase().endsWith('.json') ? `${path.slice(0, -'.json'.length)}.bicep` : undefined;
}

/** A parameters file found while scanning a directory is no stray JSON when its template was read. */
function isPairedParameters(path: string, result: InputsRead): boolean {
  return result.paired.has(path) || /\.parameters\.json$/i.test(path);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function inputFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.'))
        files.push(...(await inputFilesUnder(path)));
    } else if (entry.isFile() && /\.(json|bicep|bicepparam)$/i.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}
