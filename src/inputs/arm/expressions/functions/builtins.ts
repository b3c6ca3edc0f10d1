import { collectionFunctions } from './collection.js';
import { comparisonFunctions } from './comparison.js';
import { lambdaFunctions } from './lambda.js';
import { logicalFunctions } from './logical.js';
import { numericFunctions } from './numeric.js';
import { resourceIdFunctions } from './resource-id.js';
import { scopeFunctions } from './scope.js';
import { stringFunctions } from './string.js';
import type { FunctionSpec, FunctionTable } from './types.js';

/**
 * The built-in functions the evaluator computes, by lower-case name. `parameters`, `variables`, `reference`,
 * `resourceInfo`, `list*`, `lambda` and `lambdaVariables` need the evaluator's own state and live in evaluate.ts.
 */
export const BUILTIN_FUNCTIONS: FunctionTable = merge([
  logicalFunctions,
  comparisonFunctions,
  numericFunctions,
  stringFunctions,
  collectionFunctions,
  scopeFunctions,
  resourceIdFunctions,
  lambdaFunctions,
]);

function merge(tables: readonly FunctionTable[]): FunctionTable {
  const out: Record<string, FunctionSpec> = {};
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      if (name in out) throw new Error(`function '${name}' is defined twice`);
      out[name] = spec;
    }
  }
  return out;
}

export function builtinFunction(lowerCaseName: string): FunctionSpec | undefined {
  return Object.hasOwn(BUILTIN_FUNCTIONS, lowerCaseName) ? BUILTIN_FUNCTIONS[lowerCaseName] : undefined;
}
