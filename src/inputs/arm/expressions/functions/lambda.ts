import { Unknown, isUnknown } from '../../../../model/unknown.js';
import { FunctionArgumentError } from '../errors.js';
import {
  derivedUnknown,
  findKey,
  isArmObject,
  setProperty,
  type ArmArray,
  type ArmObject,
  type ArmValue,
} from '../values.js';
import { argumentError } from './args.js';
import type { FunctionTable, Lambda, LazyArgument } from './types.js';

/**
 * Lambda functions (template-functions-lambda): `map(array, lambda('x', ...))` and kin. The lambda receives the
 * element, and the index where Azure allows a second variable.
 */
export const lambdaFunctions: FunctionTable = {
  filter: { min: 2, max: 2, lazy: true, run: filter },
  map: { min: 2, max: 2, lazy: true, run: map },
  reduce: { min: 3, max: 3, lazy: true, run: reduce },
  sort: { min: 2, max: 2, lazy: true, run: sort },
  toobject: { min: 2, max: 3, lazy: true, run: toObject },
  mapvalues: { min: 2, max: 2, lazy: true, run: mapValues },
};

function arrayInput(args: readonly LazyArgument[]): ArmArray | Unknown {
  const value = args[0]?.evaluate() ?? null;
  if (isUnknown(value)) return derivedUnknown(value);
  if (!Array.isArray(value)) throw argumentError(0, 'an array', value);
  return value;
}

function lambdaArg(args: readonly LazyArgument[], index: number, min: number, max: number): Lambda {
  const argument = args[index];
  if (argument === undefined) throw new FunctionArgumentError(`argument ${index + 1} is missing`);
  const lambda = argument.asLambda();
  if (lambda.parameterCount < min || lambda.parameterCount > max) {
    const expected = min === max ? `${min}` : `${min} or ${max}`;
    throw new FunctionArgumentError(
      `the lambda in argument ${index + 1} must take ${expected} variables, not ${lambda.parameterCount}`,
    );
  }
  return lambda;
}

function callWithIndex(lambda: Lambda, values: readonly ArmValue[], index: number): ArmValue {
  return lambda.call(lambda.parameterCount > values.length ? [...values, index] : values);
}

function filter(args: readonly LazyArgument[]): ArmValue {
  const items = arrayInput(args);
  if (isUnknown(items)) return items;
  const predicate = lambdaArg(args, 1, 1, 2);
  const out: ArmArray = [];
  for (const [index, item] of items.entries()) {
    const keep = callWithIndex(predicate, [item], index);
    if (isUnknown(keep)) return derivedUnknown(keep);
    if (typeof keep !== 'boolean')
      throw new FunctionArgumentError(`the lambda must return a bool, got ${typeof keep}`);
    if (keep) out.push(item);
  }
  return out;
}

function map(args: readonly LazyArgument[]): ArmValue {
  const items = arrayInput(args);
  if (isUnknown(items)) return items;
  const mapper = lambdaArg(args, 1, 1, 2);
  return items.map((item, index) => callWithIndex(mapper, [item], index));
}

function reduce(args: readonly LazyArgument[]): ArmValue {
  const items = arrayInput(args);
  if (isUnknown(items)) return items;
  let accumulator = args[1]?.evaluate() ?? null;
  const reducer = lambdaArg(args, 2, 2, 3);
  for (const [index, item] of items.entries())
    accumulator = callWithIndex(reducer, [accumulator, item], index);
  return accumulator;
}

/** The lambda says whether its first argument sorts before its second. */
function sort(args: readonly LazyArgument[]): ArmValue {
  const items = arrayInput(args);
  if (isUnknown(items)) return items;
  const before = lambdaArg(args, 1, 2, 2);
  let unknown: Unknown | undefined;
  const precedes = (a: ArmValue, b: ArmValue): boolean => {
    const result = before.call([a, b]);
    if (isUnknown(result)) {
      unknown ??= result;
      return false;
    }
    if (typeof result !== 'boolean')
      throw new FunctionArgumentError(`the lambda must return a bool, got ${typeof result}`);
    return result;
  };
  const sorted = [...items].sort((a, b) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0));
  return unknown === undefined ? sorted : derivedUnknown(unknown);
}

function toObject(args: readonly LazyArgument[]): ArmValue {
  const items = arrayInput(args);
  if (isUnknown(items)) return items;
  const keyOf = lambdaArg(args, 1, 1, 1);
  const valueOf = args.length > 2 ? lambdaArg(args, 2, 1, 1) : undefined;
  const out: ArmObject = {};
  for (const item of items) {
    const key = keyOf.call([item]);
    if (isUnknown(key)) return new Unknown(`a property name is unknown (${key.reason})`);
    if (typeof key !== 'string')
      throw new FunctionArgumentError(`the key lambda must return a string, got ${typeof key}`);
    if (findKey(out, key) !== undefined) throw new FunctionArgumentError(`key '${key}' is produced twice`);
    setProperty(out, key, valueOf === undefined ? item : valueOf.call([item]));
  }
  return out;
}

function mapValues(args: readonly LazyArgument[]): ArmValue {
  const source = args[0]?.evaluate() ?? null;
  if (isUnknown(source)) return derivedUnknown(source);
  if (!isArmObject(source)) throw argumentError(0, 'an object', source);
  const mapper = lambdaArg(args, 1, 1, 1);
  const out: ArmObject = {};
  for (const [key, value] of Object.entries(source)) setProperty(out, key, mapper.call([value]));
  return out;
}
