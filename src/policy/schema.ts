import { readFileSync } from 'node:fs';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { policySchemaPath } from '../package-files.js';

export interface SchemaProblem {
  path: (string | number)[];
  message: string;
}

const OPERATORS_TEXT =
  'equals, notEquals, in, notIn, exists, like, notLike, match, notMatch, matchInsensitively, ' +
  'notMatchInsensitively, contains, notContains, greater, greaterOrEquals, less, lessOrEquals';

/** The branches of `condition`'s oneOf, chosen by the key that names each form. */
const CONDITION_FORMS: readonly [key: string, def: string][] = [
  ['allOf', 'allOfCondition'],
  ['anyOf', 'anyOfCondition'],
  ['not', 'notCondition'],
  ['count', 'countCondition'],
  ['field', 'fieldCondition'],
];

const ANY_OF_EXPECTED: Record<string, string> = {
  operand: 'a string, number, boolean, null or {"field": "<path>"}',
  listOperand: 'an array of values or {"field": "<path>"}',
  orderedOperand: 'a number, a string or {"field": "<path>"}',
};

let ajvInstance: InstanceType<typeof Ajv2020Module.default> | undefined;
let schemaId = '';
/** Which $defs entry an error's schema is (ajv reports schema paths relative to each $ref target). */
const defNames = new Map<unknown, string>();

function ajv(): InstanceType<typeof Ajv2020Module.default> {
  if (ajvInstance !== undefined) return ajvInstance;
  const schema = JSON.parse(readFileSync(policySchemaPath(), 'utf8')) as {
    $id: string;
    $defs: Record<string, unknown>;
  };
  schemaId = schema.$id;
  for (const [name, def] of Object.entries(schema.$defs)) defNames.set(def, name);
  const instance = new Ajv2020Module.default({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
  });
  addFormatsModule.default(instance, ['uri']);
  instance.addSchema(schema);
  ajvInstance = instance;
  return instance;
}

function validatorFor(def?: string): ValidateFunction {
  const instance = ajv();
  const validate = instance.getSchema(def === undefined ? schemaId : `${schemaId}#/$defs/${def}`);
  if (validate === undefined) throw new Error(`policy schema has no ${def ?? 'root'}`);
  return validate;
}

/**
 * Validates a policy against schema/policy.schema.json and explains each problem once, in words a policy author
 * reads. A condition is a oneOf of five forms; rather than list why it fails every form, the form is chosen by its
 * naming key and the value is validated against that form alone.
 */
export function validatePolicyValue(value: unknown): SchemaProblem[] {
  return validateAgainst(undefined, value, []);
}

function validateAgainst(
  def: string | undefined,
  value: unknown,
  base: (string | number)[],
): SchemaProblem[] {
  const validate = validatorFor(def);
  if (validate(value)) return [];
  return dedupe(explain(validate.errors ?? [], value, base));
}

function explain(errors: ErrorObject[], value: unknown, base: (string | number)[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const narrowed: string[] = [];
  const under = (path: string, root: string): boolean => path === root || path.startsWith(`${root}/`);

  const conditionRoots = errors
    .filter((e) => e.keyword === 'oneOf' && defNames.get(e.parentSchema) === 'condition')
    .map((e) => e.instancePath)
    .sort((a, b) => a.length - b.length);
  for (const root of conditionRoots) {
    if (narrowed.some((r) => under(root, r))) continue;
    narrowed.push(root);
    const path = segments(root, value);
    const node = valueAt(value, path);
    const form =
      typeof node === 'object' && node !== null && !Array.isArray(node)
        ? CONDITION_FORMS.find(([key]) => key in node)
        : undefined;
    if (form === undefined) {
      problems.push({
        path: [...base, ...path],
        message:
          "expected a condition: an object with 'field' and one operator, or 'count', 'allOf', 'anyOf' or 'not'",
      });
      continue;
    }
    problems.push(...validateAgainst(form[1], node, [...base, ...path]));
  }

  const anyOfRoots = errors.filter((e) => e.keyword === 'anyOf');
  for (const error of errors) {
    if (narrowed.some((r) => under(error.instancePath, r))) continue;
    const anyOf = anyOfRoots.find((a) => under(error.instancePath, a.instancePath));
    if (anyOf !== undefined && error !== anyOf) continue;
    const path = [...base, ...segments(error.instancePath, value)];
    problems.push(describe(error, path, value, base));
  }
  return problems;
}

function describe(
  error: ErrorObject,
  path: (string | number)[],
  root: unknown,
  base: (string | number)[],
): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  const def = defNames.get(error.parentSchema);
  switch (error.keyword) {
    case 'required':
      return { path, message: `missing required property '${String(params['missingProperty'])}'` };
    case 'additionalProperties': {
      const property = String(params['additionalProperty']);
      const hint = def === 'fieldCondition' ? ` (operators: ${OPERATORS_TEXT})` : '';
      return { path: [...path, property], message: `unknown property '${property}'${hint}` };
    }
    case 'minProperties':
    case 'maxProperties':
      if (def === 'fieldCondition') {
        const keys = Object.keys(asRecord(valueAt(root, path.slice(base.length)))).filter(
          (k) => k !== 'field',
        );
        return {
          path,
          message:
            keys.length === 0
              ? `a field condition needs one operator: ${OPERATORS_TEXT}`
              : `a field condition takes exactly one operator; found ${keys.join(', ')}`,
        };
      }
      if (def === 'countCondition') {
        return {
          path,
          message:
            'a count condition takes one comparison: equals, notEquals, greater, greaterOrEquals, less or lessOrEquals',
        };
      }
      return { path, message: error.message ?? 'wrong number of properties' };
    case 'anyOf':
      return { path, message: `expected ${ANY_OF_EXPECTED[def ?? ''] ?? 'a value of an allowed form'}` };
    case 'enum':
      return { path, message: `expected one of: ${(params['allowedValues'] as unknown[]).join(', ')}` };
    case 'type':
      return { path, message: `expected ${String(params['type']).replace(/,/g, ' or ')}` };
    case 'pattern':
      return {
        path,
        message:
          def === 'path'
            ? 'not a field path; expected e.g. identity.type, kubeletRoleAssignments[*].role.name or $outer.id'
            : `does not match the expected pattern ${String(params['pattern'])}`,
      };
    case 'format':
      return { path, message: `expected a ${String(params['format']).toUpperCase()}` };
    case 'minLength':
      return { path, message: 'must not be empty' };
    case 'minItems':
      return { path, message: `expected at least ${String(params['limit'])} item(s)` };
    case 'minimum':
      return { path, message: `expected a number of at least ${String(params['limit'])}` };
    default:
      return { path, message: error.message ?? `fails ${error.keyword}` };
  }
}

/** JSON pointer to path segments, with array indexes as numbers so positions can be found in the text. */
function segments(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(node) ? Number(key) : key;
    out.push(step);
    node = valueAt(node, [step]);
  }
  return out;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${JSON.stringify(p.path)} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
