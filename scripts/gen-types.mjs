// Generates the TypeScript types of the policy and configuration formats from their JSON Schemas, the single
// source of each format. CI runs this and fails when the committed output differs.
import { compileFromFile } from 'json-schema-to-typescript';
import { writeFile } from 'node:fs/promises';

const banner = (schema) => `/* eslint-disable */
/**
 * Generated from ${schema} by \`npm run gen:types\` (json-schema-to-typescript).
 * Do not edit by hand: change the schema and regenerate.
 */`;

for (const [schema, output] of [
  ['schema/policy.schema.json', 'src/policy/policy-types.generated.ts'],
  ['schema/config.schema.json', 'src/suppress/config-types.generated.ts'],
]) {
  const ts = await compileFromFile(schema, {
    bannerComment: banner(schema),
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true, printWidth: 110, trailingComma: 'all' },
  });
  await writeFile(output, ts);
}
