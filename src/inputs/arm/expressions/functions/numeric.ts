import { FunctionArgumentError } from '../errors.js';
import type { ArmValue } from '../values.js';
import { argumentError, intArg } from './args.js';
import { VARIADIC, type FunctionTable } from './types.js';

/**
 * Integer functions (template-functions-numeric). Azure computes with 64-bit integers; results beyond the range
 * JavaScript represents exactly (±2^53) are reported rather than rounded. Division truncates toward zero and the
 * remainder takes the dividend's sign, as in .NET.
 */
export const numericFunctions: FunctionTable = {
  add: { min: 2, max: 2, run: (args) => exact(intArg(args, 0) + intArg(args, 1)) },
  sub: { min: 2, max: 2, run: (args) => exact(intArg(args, 0) - intArg(args, 1)) },
  mul: { min: 2, max: 2, run: (args) => exact(intArg(args, 0) * intArg(args, 1)) },
  div: { min: 2, max: 2, run: (args) => exact(Math.trunc(intArg(args, 0) / divisor(args))) },
  mod: { min: 2, max: 2, run: (args) => exact(intArg(args, 0) % divisor(args)) },
  int: { min: 1, max: 1, run: (args) => toInt(args[0] ?? null) },
  min: { min: 1, max: VARIADIC, unknowns: 'deep', run: (args) => extreme(args, Math.min) },
  max: { min: 1, max: VARIADIC, unknowns: 'deep', run: (args) => extreme(args, Math.max) },
};

function divisor(args: readonly ArmValue[]): number {
  const value = intArg(args, 1);
  if (value === 0) throw new FunctionArgumentError('division by zero');
  return value;
}

function exact(value: number): number {
  if (!Number.isSafeInteger(value))
    throw new FunctionArgumentError('result is too large to compute exactly', 'limit');
  return value === 0 ? 0 : value;
}

function toInt(value: ArmValue): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) {
    const parsed = Number(value.trim());
    if (Number.isSafeInteger(parsed)) return parsed;
  }
  throw argumentError(0, 'an int or a string of digits', value);
}

/** `min(1, 2, 3)` or `min([1, 2, 3])`. */
function extreme(args: readonly ArmValue[], pick: (a: number, b: number) => number): number {
  const only = args[0];
  const values = args.length === 1 && Array.isArray(only) ? only : args;
  if (values.length === 0) throw new FunctionArgumentError('needs at least one int');
  let result = intArg(values, 0);
  for (let i = 1; i < values.length; i++) result = pick(result, intArg(values, i));
  return result;
}
