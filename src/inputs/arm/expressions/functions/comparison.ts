import { Unknown, isUnknown } from '../../../../model/unknown.js';
import { FunctionArgumentError } from '../errors.js';
import { deepEquals, derivedUnknown, type ArmValue } from '../values.js';
import { argumentError } from './args.js';
import { VARIADIC, type FunctionTable, type LazyArgument } from './types.js';

/**
 * Comparison functions. `equals` compares deeply, strings case-sensitively; the ordering functions compare ints
 * numerically and strings ordinally (so 'A' is less than 'a', as the ARM docs show).
 */
export const comparisonFunctions: FunctionTable = {
  coalesce: { min: 1, max: VARIADIC, lazy: true, run: coalesce },
  equals: { min: 2, max: 2, unknowns: 'self', run: (args) => deepEquals(args[0] ?? null, args[1] ?? null) },
  less: { min: 2, max: 2, run: (args) => compare(args) < 0 },
  lessorequals: { min: 2, max: 2, run: (args) => compare(args) <= 0 },
  greater: { min: 2, max: 2, run: (args) => compare(args) > 0 },
  greaterorequals: { min: 2, max: 2, run: (args) => compare(args) >= 0 },
};

/**
 * The first argument that is not null. An unknown argument before it may itself be null or not, so the result is
 * unknown; when the unknown is the last candidate the result is exactly that unknown (null or not, it is returned).
 */
function coalesce(args: readonly LazyArgument[]): ArmValue {
  let pending: Unknown | undefined;
  for (const argument of args) {
    const value = argument.evaluate();
    if (value === null) continue;
    if (isUnknown(value)) {
      if (pending !== undefined) return derivedUnknown(pending);
      pending = value;
      continue;
    }
    return pending === undefined ? value : derivedUnknown(pending);
  }
  return pending ?? null;
}

function compare(args: readonly ArmValue[]): number {
  const [a, b] = args;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a !== 'number' && typeof a !== 'string') throw argumentError(0, 'an int or a string', a);
  throw new FunctionArgumentError(
    `arguments must both be ints or both be strings, got ${typeof a} and ${typeof b}`,
  );
}
