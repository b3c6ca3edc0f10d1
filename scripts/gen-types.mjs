// Generates the TypeScript types of the policy, configuration and model formats from their JSON Schemas, the single
// source of each format. CI runs this and fails when the committed output differs.
import { compile, compileFromFile } from 'json-schema-to-typescript';
import { readFile, writeFile } from 'node:fs/promises';

const banner = (schema, imports = '') => `/* eslint-disable */
/**
 * Generated from ${schema} by \`npm run gen:types\` (json-schema-to-typescript).
 * Do not edit by hand: change the schema and regenerate.
 */${imports}`;

const options = (bannerComment) => ({
  bannerComment,
  additionalProperties: false,
  unreachableDefinitions: true,
  style: { singleQuote: true, printWidth: 110, trailingComma: 'all' },
});

for (const [schema, output] of [
  ['schema/policy.schema.json', 'src/policy/policy-types.generated.ts'],
  ['schema/config.schema.json', 'src/suppress/config-types.generated.ts'],
  ['schema/report.schema.json', 'src/report/report-types.generated.ts'],
]) {
  await writeFile(output, await compileFromFile(schema, options(banner(schema))));
}

// The model schema documents every field beside its $ref (descriptions feed `explain` and docs/model-fields.md).
// json-schema-to-typescript turns each such sibling into a type alias of its own (Cluster1, KnownStringList7, ...),
// so the code generator sees the references bare, and value types (string-or-unknown) inlined as their tsType.
const MODEL = 'schema/model.schema.json';
const model = JSON.parse(await readFile(MODEL, 'utf8'));
const forCodegen = (node) => {
  if (Array.isArray(node)) return node.map(forCodegen);
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const target = model.$defs[node.$ref.replace('#/$defs/', '')];
    if (target?.tsType !== undefined) {
      return node.description === undefined
        ? { tsType: target.tsType }
        : { tsType: target.tsType, description: node.description };
    }
    return { $ref: node.$ref };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, forCodegen(v)]));
};
const modelImports = `\nimport type { Unknown, Value } from './unknown.js';`;
await writeFile(
  'src/model/model-types.generated.ts',
  await compile(forCodegen(model), 'EntitiesByKind', {
    ...options(banner(MODEL, modelImports)),
    unreachableDefinitions: false,
    cwd: 'schema',
  }),
);
