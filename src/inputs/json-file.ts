import { readFile } from 'node:fs/promises';
import { parse, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { lineColumn } from '../util/json-location.js';
import { InputError } from './input-error.js';

export interface JsonDocument {
  /** The path as the user should read it: relative to the repository root. */
  file: string;
  text: string;
  value: unknown;
}

/**
 * Reads and parses a JSON file. `JSON.parse` does the work on the happy path (it is several times faster on large
 * plans); only a failure is re-parsed with a position-keeping parser to say where the text breaks.
 */
export async function readJsonFile(path: string, displayName: string): Promise<JsonDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError({ file: displayName }, `cannot read the file (${describeFsError(error)})`);
  }
  return parseJsonText(text, displayName);
}

export function parseJsonText(text: string, file: string): JsonDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError({ file }, 'the file is empty; expected a JSON document');
  if (body.startsWith('PK\u0003\u0004')) {
    throw new InputError(
      { file },
      'this is a binary Terraform plan; convert it with `terraform show -json <planfile>`',
    );
  }
  try {
    return { file, text: body, value: JSON.parse(body) as unknown };
  } catch {
    const lenient = parseWithComments(body);
    // Azure Resource Manager accepts templates (and parameter files) with comments and trailing commas.
    if (lenient !== undefined && isArmDocument(lenient)) return { file, text: body, value: lenient };
    throw jsonSyntaxError(body, file);
  }
}

function parseWithComments(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 ? value : undefined;
}

function isArmDocument(value: unknown): boolean {
  const schema =
    typeof value === 'object' && value !== null ? (value as { $schema?: unknown }).$schema : undefined;
  return typeof schema === 'string' && /schema\.management\.azure\.com\/schemas\//i.test(schema);
}

function jsonSyntaxError(text: string, file: string): InputError {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first === undefined) return new InputError({ file }, 'not valid JSON');
  const end = text.trimEnd().length;
  // A text that stops early is pointed at just after its last character, not at the blank lines after it.
  const truncated = first.offset >= end;
  const { line, column } = lineColumn(text, truncated ? end : first.offset);
  const what = truncated ? 'the JSON ends early (truncated file?)' : describe(first);
  return new InputError({ file, line, column }, `not valid JSON: ${what}`);
}

function describe(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return typeof code === 'string' ? code : 'read error';
}
