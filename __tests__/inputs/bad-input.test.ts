import { SUPPORTED_FORMATS_TEXT } from '../../src/inputs/detect.js';
import { join } from 'node:path';
import { InputError } from '../../src/inputs/input-error.js';
import { readInputs } from '../../src/inputs/read-inputs.js';
import { plan, writeTemp } from '../helpers/plans.js';

async function errorFor(files: Record<string, unknown>, target = 'input.json'): Promise<string> {
  const dir = await writeTemp(files);
  const error = await readInputs([join(dir, target)], { repoRoot: dir }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe('bad input gets one clear line naming the file', () => {
  it.each([
    ['an empty file', '', 'input.json: the file is empty; expected a JSON document'],
    ['whitespace only', '  \n', 'input.json: the file is empty; expected a JSON document'],
    ['text that is not JSON', 'hello', 'input.json:1:1: not valid JSON: invalid symbol'],
    [
      'truncated JSON',
      '{\n  "format_version": "1.2",\n  "planned_values": {',
      'input.json:3:22: not valid JSON: the JSON ends early (truncated file?)',
    ],
    [
      'a binary plan',
      'PK\u0003\u0004binary',
      'input.json: this is a binary Terraform plan; convert it with `terraform show -json <planfile>`',
    ],
    [
      'a Terraform state file',
      JSON.stringify({ format_version: '1.0', terraform_version: '1.9.4', values: { root_module: {} } }),
      'input.json: this is a Terraform state file; expected a plan: run `terraform plan -out tfplan` then `terraform show -json tfplan`',
    ],
    [
      'a plan without planned_values',
      JSON.stringify({ format_version: '1.2', terraform_version: '1.9.4', resource_changes: [] }),
      'input.json: this is Terraform JSON without planned_values; expected the output of `terraform show -json <planfile>`',
    ],
    [
      'an unknown format',
      JSON.stringify({ hello: 'world' }),
      `input.json: this is an unknown format; expected ${SUPPORTED_FORMATS_TEXT}`,
    ],
    ['a JSON array', '[1, 2]', `input.json: this is an unknown format; expected ${SUPPORTED_FORMATS_TEXT}`],
    [
      'an ARM parameters file given as an input',
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        parameters: {},
      }),
      'input.json: this is an ARM parameters file; pass it with --parameters (or name it <template>.parameters.json next to its template)',
    ],
    [
      'an ARM template whose resources are not a list or an object',
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        resources: 'none',
      }),
      "input.json:1:94 /resources: 'resources' must be an array, got a string",
    ],
    [
      'an unsupported plan format version',
      JSON.stringify({ format_version: '2.0', terraform_version: '9.0', planned_values: {} }),
      'input.json /format_version: unsupported plan format_version "2.0"; expected 1.x (Terraform 1.0 or later)',
    ],
    [
      'resource changes of the wrong type',
      JSON.stringify({ format_version: '1.2', planned_values: {}, resource_changes: {} }),
      'input.json /resource_changes: expected an array of resource changes',
    ],
    [
      'a resource change without actions',
      JSON.stringify({
        format_version: '1.2',
        planned_values: {},
        resource_changes: [{ address: 'a.b', type: 'a', change: {} }],
      }),
      'input.json /resource_changes/0/change/actions: expected an array of action names',
    ],
  ])('%s', async (_name, content, expected) => {
    expect(await errorFor({ 'input.json': content })).toBe(expected);
  });

  it('a file that does not exist', async () => {
    expect(await errorFor({}, 'missing.json')).toMatch(/missing\.json: no such file or directory$/);
  });

  it('a directory with nothing scannable, counting what it ignored', async () => {
    const dir = await writeTemp({ 'package.json': { name: 'x' }, 'notes.txt': 'hi' });
    const error = await readInputs([dir], { repoRoot: dir }).catch((e: unknown) => e);
    expect((error as InputError).message).toBe(
      `${dir}: nothing to scan in this directory: no Terraform plan, ARM template, what-if result or live state found (1 JSON file of other formats ignored)`,
    );
  });

  it('a broken plan in a directory is an error, not a skip', async () => {
    const dir = await writeTemp({ 'ok.json': plan([]), 'broken.json': '{"format_version": ' });
    const error = await readInputs([dir], { repoRoot: dir }).catch((e: unknown) => e);
    expect((error as InputError).message).toMatch(/^broken\.json:1:19: not valid JSON/);
  });

  it('other JSON files in a directory are listed as ignored, not errors', async () => {
    const dir = await writeTemp({ 'tfplan.json': plan([]), 'package.json': { name: 'x' } });
    const read = await readInputs([dir], { repoRoot: dir });
    expect(read.inputs.map((i) => i.file)).toEqual(['tfplan.json']);
    expect(read.ignored).toEqual([
      {
        file: 'package.json',
        reason: `an unknown format; expected ${SUPPORTED_FORMATS_TEXT}`,
      },
    ]);
  });
});
