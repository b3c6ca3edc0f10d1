import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../src/inputs/input-error.js';
import { parseJsonText, readJsonFile } from '../../src/inputs/json-file.js';
import { writeTemp } from '../helpers/plans.js';

// Reading an input file: what every adapter starts from, and where each malformed file is named with its line.

const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function messageOf(text: string): string {
  try {
    parseJsonText(text, 'in.json');
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('parsed');
}

describe('parseJsonText', () => {
  it('reads JSON as JSON.parse does, and keeps the text it read', () => {
    const text = '{"format_version": "1.2", "resource_changes": [1, 2]}';
    expect(parseJsonText(text, 'in.json')).toEqual({
      file: 'in.json',
      text,
      value: JSON.parse(text) as unknown,
    });
  });

  it('drops a byte-order mark, as editors on Windows write one', () => {
    const doc = parseJsonText('\ufeff{"a": 1}', 'in.json');
    expect(doc.value).toEqual({ a: 1 });
    expect(doc.text).toBe('{"a": 1}');
  });

  it.each(['', '   \n\t', '\ufeff'])('an empty file (%j) says so', (text) => {
    expect(messageOf(text)).toBe('in.json: the file is empty; expected a JSON document');
  });

  it('a binary plan says how to convert it', () => {
    expect(messageOf('PK\u0003\u0004binary')).toBe(
      'in.json: this is a binary Terraform plan; convert it with `terraform show -json <planfile>`',
    );
  });

  it('names the line and column where the text breaks', () => {
    expect(messageOf('{\n  "a": 1,\n  "b" 2\n}')).toBe('in.json:3:7: not valid JSON: colon expected');
    expect(messageOf('{\n  "a": [1, 2,]\n}')).toBe('in.json:2:14: not valid JSON: value expected');
  });

  it('a file that stops early is called truncated, at its end', () => {
    expect(messageOf('{\n  "a": [1, 2')).toBe(
      'in.json:2:13: not valid JSON: the JSON ends early (truncated file?)',
    );
    expect(messageOf('{"a": 1\n\n')).toBe(
      'in.json:1:8: not valid JSON: the JSON ends early (truncated file?)',
    );
  });

  it('accepts comments and trailing commas in an ARM template or parameters file, as Azure does', () => {
    const text = `{\n  // a comment\n  "$schema": "${ARM_SCHEMA}",\n  /* more */ "resources": [1,],\n}`;
    expect(parseJsonText(text, 'main.json').value).toEqual({ $schema: ARM_SCHEMA, resources: [1] });
    const parameters = `{"$schema": "https://SCHEMA.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", // x\n "parameters": {}}`;
    expect(parseJsonText(parameters, 'p.json').value).toEqual({
      $schema: 'https://SCHEMA.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      parameters: {},
    });
  });

  it('but not in any other JSON: a plan with a comment is malformed, and named where', () => {
    expect(messageOf('{\n  // a comment\n  "format_version": "1.2"\n}')).toBe(
      'in.json:2:3: not valid JSON: invalid comment token',
    );
    expect(messageOf('{"$schema": "https://example.com/schema", "a": 1,}')).toBe(
      'in.json:1:50: not valid JSON: property name expected',
    );
    expect(messageOf('{"$schema": 7, // x\n "a": 1}')).toBe(
      'in.json:1:16: not valid JSON: invalid comment token',
    );
  });

  it('an ARM template that is malformed beyond comments is still an error', () => {
    expect(messageOf(`{"$schema": "${ARM_SCHEMA}", "resources": [}`)).toMatch(
      /^in\.json:1:\d+: not valid JSON: value expected$/,
    );
  });
});

describe('readJsonFile', () => {
  it('reads a file and names it as the user should read it', async () => {
    const dir = await writeTemp({ 'plan.json': { a: 1 } });
    const doc = await readJsonFile(join(dir, 'plan.json'), 'infra/plan.json');
    expect(doc.file).toBe('infra/plan.json');
    expect(doc.value).toEqual({ a: 1 });
  });

  it('names a file that is not there, or is a directory', async () => {
    const dir = await writeTemp({});
    await expect(readJsonFile(join(dir, 'none.json'), 'none.json')).rejects.toThrow(
      'none.json: cannot read the file (no such file)',
    );
    await mkdir(join(dir, 'folder.json'));
    await expect(readJsonFile(join(dir, 'folder.json'), 'folder.json')).rejects.toThrow(
      'folder.json: cannot read the file (it is a directory)',
    );
  });

  it('reports a parse error under the name given, not the path read', async () => {
    const dir = await writeTemp({});
    await writeFile(join(dir, 'bad.json'), '{');
    await expect(readJsonFile(join(dir, 'bad.json'), 'infra/bad.json')).rejects.toThrow(
      'infra/bad.json:1:2: not valid JSON: the JSON ends early (truncated file?)',
    );
  });
});
