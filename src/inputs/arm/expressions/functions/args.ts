import { FunctionArgumentError } from '../errors.js';
import { MAX_ARRAY_LENGTH, MAX_STRING_LENGTH } from '../limits.js';
import { isArmObject, typeName, type ArmArray, type ArmObject, type ArmValue } from '../values.js';

/** Typed access to known arguments, with messages that say which argument and what was expected. */

const ARTICLE: Readonly<Record<string, string>> = {
  null: 'null',
  bool: 'a bool',
  int: 'an int',
  string: 'a string',
  array: 'an array',
  object: 'an object',
  unknown: 'an unknown value',
};

export function describeType(value: ArmValue | undefined): string {
  return value === undefined ? 'nothing' : (ARTICLE[typeName(value)] ?? typeName(value));
}

export function argumentError(
  index: number,
  expected: string,
  got: ArmValue | undefined,
): FunctionArgumentError {
  return new FunctionArgumentError(`argument ${index + 1} must be ${expected}, got ${describeType(got)}`);
}

export function stringArg(args: readonly ArmValue[], index: number): string {
  const value = args[index];
  if (typeof value !== 'string') throw argumentError(index, 'a string', value);
  return value;
}

export function intArg(args: readonly ArmValue[], index: number): number {
  const value = args[index];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw argumentError(index, 'an int', value);
  return value;
}

export function boolArg(args: readonly ArmValue[], index: number): boolean {
  const value = args[index];
  if (typeof value !== 'boolean') throw argumentError(index, 'a bool', value);
  return value;
}

export function arrayArg(args: readonly ArmValue[], index: number): ArmArray {
  const value = args[index];
  if (!Array.isArray(value)) throw argumentError(index, 'an array', value);
  return value;
}

export function objectArg(args: readonly ArmValue[], index: number): ArmObject {
  const value = args[index];
  if (!isArmObject(value)) throw argumentError(index, 'an object', value);
  return value;
}

export function arg(args: readonly ArmValue[], index: number): ArmValue {
  return args[index] ?? null;
}

/** Guards the size of what a function builds, so doubling tricks across variables cannot exhaust memory. */
export function checkedString(value: string): string {
  if (value.length > MAX_STRING_LENGTH) {
    throw new FunctionArgumentError(`result longer than ${MAX_STRING_LENGTH} characters`, 'limit');
  }
  return value;
}

export function checkLength(length: number): void {
  if (length > MAX_ARRAY_LENGTH)
    throw new FunctionArgumentError(`result longer than ${MAX_ARRAY_LENGTH} elements`, 'limit');
}

export function checkedArray(value: ArmArray): ArmArray {
  checkLength(value.length);
  return value;
}
