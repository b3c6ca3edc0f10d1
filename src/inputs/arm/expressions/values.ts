import { Unknown, isUnknown } from '../../../model/unknown.js';
import { FunctionArgumentError } from './errors.js';
import { MAX_VALUE_DEPTH } from './limits.js';

/**
 * A value of the ARM template language: JSON, or `Unknown` for a value that exists but is not known before the
 * deployment runs. An Unknown may sit anywhere inside an array or object, so a partly known value stays usable.
 */
export type ArmValue = null | boolean | number | string | ArmArray | ArmObject | Unknown;
export type ArmArray = ArmValue[];
export interface ArmObject {
  [key: string]: ArmValue;
}

/** Three-valued truth: an Unknown stands for "true or false, not known yet" and says why. */
export type Tri = boolean | Unknown;

export type ArmTypeName = 'null' | 'bool' | 'int' | 'string' | 'array' | 'object' | 'unknown';

export function isArmObject(value: ArmValue | undefined): value is ArmObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

export function typeName(value: ArmValue): ArmTypeName {
  if (value === null) return 'null';
  if (isUnknown(value)) return 'unknown';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'int';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/**
 * Sets an own property even for names such as `__proto__`, which plain assignment would turn into a prototype
 * change: keys come from untrusted templates.
 */
export function setProperty(target: ArmObject, key: string, value: ArmValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The key under which `name` is stored, compared case-insensitively as Azure does. */
export function findKey(target: ArmObject, name: string): string | undefined {
  if (Object.hasOwn(target, name)) return name;
  const lower = name.toLowerCase();
  for (const key of Object.keys(target)) {
    if (key.toLowerCase() === lower) return key;
  }
  return undefined;
}

export function getProperty(target: ArmObject, name: string): ArmValue | undefined {
  const key = findKey(target, name);
  return key === undefined ? undefined : target[key];
}

/** The first Unknown anywhere inside a value, or undefined when the value is entirely known. */
export function findUnknown(value: ArmValue, depth = 0): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_VALUE_DEPTH) throw tooDeep();
  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) {
    const found = findUnknown(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The unknown result of computing something from `source`: same reason, but no longer the value `source` names. */
export function derivedUnknown(source: Unknown): Unknown {
  return new Unknown(source.reason);
}

/**
 * Deep equality as the `equals` function sees it: strings case-sensitively, object keys case-insensitively. Where an
 * unknown part decides the answer the result is an Unknown; two unknowns naming the same value are equal, and a
 * distinct unknown (an identifier no other value shares) differs from any other value.
 */
export function deepEquals(a: ArmValue, b: ArmValue, depth = 0): Tri {
  if (depth > MAX_VALUE_DEPTH) throw tooDeep();
  if (isUnknown(a) || isUnknown(b)) return unknownEquality(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    let pending: Unknown | undefined;
    for (let i = 0; i < a.length; i++) {
      const same = deepEquals(a[i] ?? null, b[i] ?? null, depth + 1);
      if (same === false) return false;
      if (same !== true) pending ??= same;
    }
    return pending ?? true;
  }
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  let pending: Unknown | undefined;
  for (const key of keysA) {
    const other = getProperty(b, key);
    if (other === undefined) return false;
    const same = deepEquals(a[key] ?? null, other, depth + 1);
    if (same === false) return false;
    if (same !== true) pending ??= same;
  }
  return pending ?? true;
}

function unknownEquality(a: ArmValue, b: ArmValue): Tri {
  if (isUnknown(a) && isUnknown(b)) {
    if (a.ref !== undefined && a.ref === b.ref) return true;
    if (a.distinct && b.distinct && a.ref !== undefined && b.ref !== undefined) return false;
    return derivedUnknown(a);
  }
  const unknown = isUnknown(a) ? a : (b as Unknown);
  const known = isUnknown(a) ? b : a;
  if (unknown.distinct && unknown.ref !== undefined && typeof known === 'string') return false;
  return derivedUnknown(unknown);
}

/** Compact JSON text of an entirely known value, as Azure's `string()` writes objects and arrays. */
export function toJsonText(value: ArmValue, depth = 0): string {
  if (depth > MAX_VALUE_DEPTH) throw tooDeep();
  if (isUnknown(value)) throw new FunctionArgumentError('cannot write an unknown value as JSON');
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => toJsonText(item, depth + 1)).join(',')}]`;
  const parts = Object.keys(value).map(
    (key) => `${JSON.stringify(key)}:${toJsonText(value[key] ?? null, depth + 1)}`,
  );
  return `{${parts.join(',')}}`;
}

/**
 * Turns parsed JSON of unchecked shape (a template section, a parameter value) into an ArmValue, keeping any
 * Unknown the caller placed inside it. Anything that is not JSON (undefined, functions) becomes null.
 */
export function fromJson(value: unknown, depth = 0): ArmValue {
  if (depth > MAX_VALUE_DEPTH) throw tooDeep();
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) return value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((item: unknown) => fromJson(item, depth + 1));
  if (typeof value === 'object') {
    const out: ArmObject = {};
    for (const [key, item] of Object.entries(value)) setProperty(out, key, fromJson(item, depth + 1));
    return out;
  }
  return null;
}

/** A short rendering of a value for messages. */
export function describeValue(value: ArmValue): string {
  if (isUnknown(value)) return value.toString();
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
}

function tooDeep(): FunctionArgumentError {
  return new FunctionArgumentError(`value nested deeper than ${MAX_VALUE_DEPTH} levels`, 'limit');
}
