import { Unknown, isUnknown } from '../../../../model/unknown.js';
import { ExpressionError, FunctionArgumentError } from '../errors.js';
import { deepEquals, derivedUnknown, type ArmValue } from '../values.js';
import { argumentError } from './args.js';
import { VARIADIC, type FunctionTable, type LazyArgument } from './types.js';

/**
 * Logical functions with Kleene logic: `and` is false as soon as one argument is false, even if another is unknown;
 * `or` is true as soon as one is true. Arguments are evaluated left to right and only as far as needed, so a guard
 * protects the expressions after it as it does in Azure.
 */
export const logicalFunctions: FunctionTable = {
  and: { min: 2, max: VARIADIC, lazy: true, run: (args) => junction(args, false) },
  or: { min: 2, max: VARIADIC, lazy: true, run: (args) => junction(args, true) },
  not: {
    min: 1,
    max: 1,
    run: (args) => {
      const value = args[0];
      if (typeof value !== 'boolean') throw argumentError(0, 'a bool', value);
      return !value;
    },
  },
  if: { min: 3, max: 3, lazy: true, run: conditional },
  bool: { min: 1, max: 1, run: (args) => toBool(args[0] ?? null) },
  true: { min: 0, max: 0, run: () => true },
  false: { min: 0, max: 0, run: () => false },
};

/** `decisive` is the value that settles the junction: false for `and`, true for `or`. */
function junction(args: readonly LazyArgument[], decisive: boolean): ArmValue {
  let pending: Unknown | undefined;
  for (const [index, argument] of args.entries()) {
    const value = argument.evaluate();
    if (isUnknown(value)) {
      pending ??= derivedUnknown(value);
      continue;
    }
    if (typeof value !== 'boolean') throw argumentError(index, 'a bool', value);
    if (value === decisive) return decisive;
  }
  return pending ?? !decisive;
}

/**
 * Only the chosen branch is evaluated, as in Azure. With an unknown condition both are tried: when they agree the
 * result is known anyway; a branch that fails to evaluate makes the result unknown, as it may never be taken.
 */
function conditional(args: readonly LazyArgument[]): ArmValue {
  const [condition, whenTrue, whenFalse] = args;
  if (condition === undefined || whenTrue === undefined || whenFalse === undefined) {
    throw new FunctionArgumentError('expects 3 arguments');
  }
  const value = condition.evaluate();
  if (typeof value === 'boolean') return value ? whenTrue.evaluate() : whenFalse.evaluate();
  if (!isUnknown(value)) throw argumentError(0, 'a bool', value);
  const reason = `condition is unknown (${value.reason})`;
  const first = tryEvaluate(whenTrue);
  const second = tryEvaluate(whenFalse);
  if (first === undefined || second === undefined) return new Unknown(reason);
  return deepEquals(first, second) === true ? first : new Unknown(reason);
}

function tryEvaluate(argument: LazyArgument): ArmValue | undefined {
  try {
    return argument.evaluate();
  } catch (error) {
    const limit =
      (error instanceof ExpressionError || error instanceof FunctionArgumentError) && error.kind === 'limit';
    if (limit || !(error instanceof ExpressionError || error instanceof FunctionArgumentError)) throw error;
    return undefined;
  }
}

function toBool(value: ArmValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return value !== 0;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  throw argumentError(0, "a bool, an int, or the string 'true' or 'false'", value);
}
