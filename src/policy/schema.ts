import { readFileSync } from 'node:fs';
import { policySchemaPath } from '../package-files.js';
import { SchemaValidator, valueAt, type SchemaProblem } from '../util/schema-validator.js';

export type { SchemaProblem };

const OPERATORS_TEXT =
  'equals, notEquals, in, notIn, exists, like, notLike, match, notMatch, matchInsensitively, ' +
  'notMatchInsensitively, contains, notContains, greater, greaterOrEquals, less, lessOrEquals, allowsAction, ' +
  'allowsDataAction, allowsAnyAction, allowsAnyDataAction';

let validator: SchemaValidator | undefined;

/**
 * Validates a policy against schema/policy.schema.json and explains each problem once. A condition is a oneOf of
 * five forms; the form is chosen by its naming key and the value is validated against that form alone.
 */
export function validatePolicyValue(value: unknown): SchemaProblem[] {
  validator ??= new SchemaValidator(JSON.parse(readFileSync(policySchemaPath(), 'utf8')) as { $id: string }, {
    narrow: {
      def: 'condition',
      forms: [
        ['allOf', 'allOfCondition'],
        ['anyOf', 'anyOfCondition'],
        ['not', 'notCondition'],
        ['count', 'countCondition'],
        ['field', 'fieldCondition'],
      ],
      expected:
        "expected a condition: an object with 'field' and one operator, or 'count', 'allOf', 'anyOf' or 'not'",
    },
    anyOfExpected: {
      operand: 'a string, number, boolean, null or {"field": "<path>"}',
      listOperand: 'an array of values or {"field": "<path>"}',
      orderedOperand: 'a number, a string or {"field": "<path>"}',
    },
    describe: (keyword, def, path, root, base) => {
      if ((keyword === 'minProperties' || keyword === 'maxProperties') && def === 'fieldCondition') {
        const node = valueAt(root, path.slice(base.length));
        const keys = Object.keys(typeof node === 'object' && node !== null ? node : {}).filter(
          (k) => k !== 'field',
        );
        return keys.length === 0
          ? `a field condition needs one operator: ${OPERATORS_TEXT}`
          : `a field condition takes exactly one operator; found ${keys.join(', ')}`;
      }
      if ((keyword === 'minProperties' || keyword === 'maxProperties') && def === 'countCondition') {
        return 'a count condition takes one comparison: equals, notEquals, greater, greaterOrEquals, less or lessOrEquals';
      }
      if (keyword === 'pattern' && def === 'path') {
        return 'not a field path; expected e.g. identity.type, kubeletRoleAssignments[*].role.name or $outer.id';
      }
      return undefined;
    },
    unknownPropertyHint: { fieldCondition: ` (operators: ${OPERATORS_TEXT})` },
  });
  return validator.validate(value);
}
