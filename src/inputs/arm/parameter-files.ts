import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { displayPath } from '../display-path.js';
import { InputError } from '../input-error.js';
import { parseJsonText } from '../json-file.js';
import { isObject, type JsonObject } from '../json-value.js';
import { linesOfPointers } from '../../util/json-pointer-lines.js';

/**
 * The parameters a user gives a template: deploymentParameters files (`--parameters main.parameters.json`, or a
 * compiled .bicepparam) and single values (`--param name=value`), applied in that order, later wins. `preset` holds
 * values that come first of all (a .bicepparam file compiled with its template).
 */
export interface ArmParameterInput {
  files: string[];
  values: Record<string, unknown>;
  preset?: Record<string, unknown>;
}

/** `main.parameters.json` holds the parameters of `main.json` (or `main.bicep`) beside it, by convention. */
export function pairedParametersFile(templatePath: string): string {
  return `${templatePath.replace(/\.(json|bicep|bicepparam)$/i, '')}.parameters.json`;
}

/**
 * A parameter's value from `--param name=value`: JSON when it is an object or array (as `az deployment` takes
 * them), text otherwise; the template converts text to the int or bool it declares.
 */
export function parseParamValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Values by name from a deploymentParameters document; a Key Vault reference is kept as it is written. */
export function parametersOf(document: unknown, file: string): Record<string, unknown> {
  const parameters = isObject(document) ? document['parameters'] : undefined;
  if (!isObject(parameters)) {
    throw new InputError(
      { file, pointer: '/parameters' },
      'expected a parameters file: an object with "parameters": { "<name>": { "value": ... } }',
    );
  }
  const values: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(parameters)) {
    if (isObject(entry) && 'value' in entry) values[name] = entry['value'];
    else if (isObject(entry) && 'reference' in entry) values[name] = { reference: entry['reference'] };
    else {
      throw new InputError(
        { file, pointer: `/parameters/${name}` },
        'expected { "value": ... } or a Key Vault { "reference": ... }',
      );
    }
  }
  return values;
}

export async function readParametersFile(path: string, display: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new InputError({ file: display }, 'cannot read the parameters file');
  });
  try {
    return parametersOf(compiledParameters(parseJsonText(text, display).value, display).parameters, display);
  } catch (error) {
    throw withLine(error, text);
  }
}

/** A problem found at a JSON pointer of a file also names its line, so an editor can go there. */
function withLine(error: unknown, text: string): unknown {
  if (!(error instanceof InputError)) return error;
  const { pointer, line } = error.location;
  if (pointer === undefined || line !== undefined) return error;
  const found = linesOfPointers(text, new Set([pointer])).get(pointer);
  return found === undefined ? error : new InputError({ ...error.location, line: found }, error.detail);
}

/**
 * What `bicep build-params` prints: a parameters document, or, with `--stdout`, an object holding the parameters
 * and the compiled template it uses as JSON text (`parametersJson`, `templateJson`).
 */
export function compiledParameters(
  value: unknown,
  file: string,
): { parameters: JsonObject; template?: unknown; templateText?: string } {
  const record: JsonObject = isObject(value) ? value : {};
  const parametersJson = record['parametersJson'];
  if (typeof parametersJson !== 'string') return { parameters: record };
  const parameters = parseJsonText(parametersJson, file).value;
  const templateJson = record['templateJson'];
  const out: { parameters: JsonObject; template?: unknown; templateText?: string } = {
    parameters: isObject(parameters) ? parameters : {},
  };
  if (typeof templateJson === 'string') {
    out.template = parseJsonText(templateJson, file).value;
    out.templateText = templateJson;
  }
  return out;
}

/** A compiled .bicepparam's values, before the user's own. */
export function mergeArmParameters(
  given: ArmParameterInput | undefined,
  compiled: JsonObject,
): ArmParameterInput {
  return {
    files: given?.files ?? [],
    values: given?.values ?? {},
    preset: { ...given?.preset, ...parametersOf(compiled, 'bicepparam') },
  };
}

/** Every parameter value the user gave, in order, later wins. */
export async function resolveArmParameters(
  input: ArmParameterInput | undefined,
  repoRoot: string,
): Promise<Record<string, unknown>> {
  if (input === undefined) return {};
  let values: Record<string, unknown> = { ...input.preset };
  for (const file of input.files) {
    const path = resolve(file);
    values = { ...values, ...(await readParametersFile(path, displayPath(repoRoot, path))) };
  }
  return { ...values, ...input.values };
}
