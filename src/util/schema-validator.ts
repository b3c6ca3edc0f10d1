import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { counted } from './plural.js';

export interface SchemaProblem {
  path: (string | number)[];
  message: string;
}

/**
 * How to explain one schema's errors in words its authors read: a oneOf whose branches are chosen by a naming key
 * (validated against that branch alone instead of listing why every branch fails), and what each anyOf expects.
 */
export interface ExplainOptions {
  /** $defs name of a oneOf, and for each naming key the $defs branch it selects. */
  narrow?: { def: string; forms: readonly [key: string, def: string][]; expected: string };
  anyOfExpected?: Record<string, string>;
  /** What to add to "unknown property" in a given $defs entry, e.g. the operators a condition may use. */
  unknownPropertyHint?: Record<string, string>;
  /** Extra wording for keywords in particular $defs. */
  describe?: (
    keyword: string,
    def: string | undefined,
    path: (string | number)[],
    root: unknown,
    base: (string | number)[],
  ) => string | undefined;
}

export class SchemaValidator {
  private readonly ajv: InstanceType<typeof Ajv2020Module.default>;
  private readonly id: string;
  /** Which $defs entry an error's schema is (ajv reports schema paths relative to each $ref target). */
  private readonly defNames = new Map<unknown, string>();

  constructor(
    schema: { $id: string; $defs?: Record<string, unknown> },
    private readonly options: ExplainOptions = {},
  ) {
    this.id = schema.$id;
    for (const [name, def] of Object.entries(schema.$defs ?? {})) this.defNames.set(def, name);
    this.ajv = new Ajv2020Module.default({
      allErrors: true,
      strict: true,
      allowUnionTypes: true,
      verbose: true,
    });
    addFormatsModule.default(this.ajv, ['uri', 'date']);
    this.ajv.addSchema(schema);
  }

  validate(value: unknown): SchemaProblem[] {
    return this.validateAgainst(undefined, value, []);
  }

  private validatorFor(def?: string): ValidateFunction {
    const validate = this.ajv.getSchema(def === undefined ? this.id : `${this.id}#/$defs/${def}`);
    if (validate === undefined) throw new Error(`schema ${this.id} has no ${def ?? 'root'}`);
    return validate;
  }

  private validateAgainst(
    def: string | undefined,
    value: unknown,
    base: (string | number)[],
  ): SchemaProblem[] {
    const validate = this.validatorFor(def);
    if (validate(value)) return [];
    return dedupe(this.explain(validate.errors ?? [], value, base));
  }

  private explain(errors: ErrorObject[], value: unknown, base: (string | number)[]): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    const narrowed: string[] = [];
    const under = (path: string, root: string): boolean => path === root || path.startsWith(`${root}/`);
    const narrow = this.options.narrow;

    const roots = errors
      .filter(
        (e) =>
          narrow !== undefined && e.keyword === 'oneOf' && this.defNames.get(e.parentSchema) === narrow.def,
      )
      .map((e) => e.instancePath)
      .sort((a, b) => a.length - b.length);
    for (const root of roots) {
      if (narrow === undefined || narrowed.some((r) => under(root, r))) continue;
      narrowed.push(root);
      const path = segments(root, value);
      const node = valueAt(value, path);
      const form =
        typeof node === 'object' && node !== null && !Array.isArray(node)
          ? narrow.forms.find(([key]) => key in node)
          : undefined;
      if (form === undefined) {
        problems.push({ path: [...base, ...path], message: narrow.expected });
        continue;
      }
      problems.push(...this.validateAgainst(form[1], node, [...base, ...path]));
    }

    const anyOfRoots = errors.filter((e) => e.keyword === 'anyOf');
    for (const error of errors) {
      if (narrowed.some((r) => under(error.instancePath, r))) continue;
      const anyOf = anyOfRoots.find((a) => under(error.instancePath, a.instancePath));
      if (anyOf !== undefined && error !== anyOf) continue;
      const path = [...base, ...segments(error.instancePath, value)];
      problems.push(this.describe(error, path, value, base));
    }
    return problems;
  }

  private describe(
    error: ErrorObject,
    path: (string | number)[],
    root: unknown,
    base: (string | number)[],
  ): SchemaProblem {
    const params = error.params as Record<string, unknown>;
    const def = this.defNames.get(error.parentSchema);
    const special = this.options.describe?.(error.keyword, def, path, root, base);
    if (special !== undefined) return { path, message: special };
    switch (error.keyword) {
      case 'required':
        return { path, message: `missing required property '${String(params['missingProperty'])}'` };
      case 'additionalProperties': {
        const property = String(params['additionalProperty']);
        return {
          path: [...path, property],
          message: `unknown property '${property}'${this.options.unknownPropertyHint?.[def ?? ''] ?? ''}`,
        };
      }
      case 'anyOf':
        return {
          path,
          message: `expected ${this.options.anyOfExpected?.[def ?? ''] ?? 'a value of an allowed form'}`,
        };
      case 'enum':
        return { path, message: `expected one of: ${(params['allowedValues'] as unknown[]).join(', ')}` };
      case 'type':
        return { path, message: `expected ${String(params['type']).replace(/,/g, ' or ')}` };
      case 'pattern':
        return { path, message: `does not match the expected pattern ${String(params['pattern'])}` };
      case 'format':
        return {
          path,
          message:
            params['format'] === 'date'
              ? 'expected a date as YYYY-MM-DD'
              : `expected a ${String(params['format']).toUpperCase()}`,
        };
      case 'minLength':
        return { path, message: 'must not be empty' };
      case 'minItems':
        return { path, message: `expected at least ${counted(Number(params['limit']), 'item')}` };
      case 'minimum':
        return { path, message: `expected a number of at least ${String(params['limit'])}` };
      case 'propertyNames':
        return { path, message: `'${String(params['propertyName'])}' is not a valid policy ID` };
      default:
        return { path, message: error.message ?? `fails ${error.keyword}` };
    }
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

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
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
