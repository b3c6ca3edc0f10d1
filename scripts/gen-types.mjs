// Generates the TypeScript types of the policy format from schema/policy.schema.json, its single source.
// CI runs this and fails when the committed output differs.
import { compileFromFile } from 'json-schema-to-typescript';
import { writeFile } from 'node:fs/promises';

const banner = `/* eslint-disable */
/**
 * Generated from schema/policy.schema.json by \`npm run gen:types\` (json-schema-to-typescript).
 * Do not edit by hand: change the schema and regenerate.
 */`;

const ts = await compileFromFile('schema/policy.schema.json', {
  bannerComment: banner,
  additionalProperties: false,
  unreachableDefinitions: true,
  style: { singleQuote: true, printWidth: 110, trailingComma: 'all' },
});
await writeFile('src/policy/policy-types.generated.ts', ts);
