/** A user-defined function of the template's `functions` section: `namespace.name(parameters) => output`. */
export interface UserFunction {
  /** `namespace.name` as declared. */
  name: string;
  parameters: readonly string[];
  /** The output value as written: an expression string or JSON holding expressions. */
  output: unknown;
}

/**
 * The template's `functions` section, read on first use. A malformed entry is not an error until a template
 * calls it; `get` then returns the message to report.
 */
export class UserFunctions {
  private table: Map<string, UserFunction | string> | undefined;

  constructor(private readonly section: unknown) {}

  get(qualifiedName: string): UserFunction | string {
    this.table ??= read(this.section);
    return (
      this.table.get(qualifiedName.toLowerCase()) ?? `the template defines no function '${qualifiedName}'`
    );
  }
}

function read(section: unknown): Map<string, UserFunction | string> {
  const table = new Map<string, UserFunction | string>();
  if (!Array.isArray(section)) return table;
  for (const group of section) {
    if (!isRecord(group) || typeof group.namespace !== 'string' || !isRecord(group.members)) continue;
    for (const [member, definition] of Object.entries(group.members)) {
      const name = `${group.namespace}.${member}`;
      table.set(name.toLowerCase(), readFunction(name, definition));
    }
  }
  return table;
}

function readFunction(name: string, definition: unknown): UserFunction | string {
  if (!isRecord(definition)) return `function '${name}' is not an object in the template's functions section`;
  const output = definition.output;
  if (!isRecord(output) || !('value' in output)) return `function '${name}' has no output value`;
  const declared = definition.parameters ?? [];
  if (!Array.isArray(declared)) return `function '${name}' has parameters that are not an array`;
  const parameters: string[] = [];
  for (const parameter of declared) {
    if (!isRecord(parameter) || typeof parameter.name !== 'string')
      return `function '${name}' has a parameter without a name`;
    parameters.push(parameter.name);
  }
  return { name, parameters, output: output.value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
