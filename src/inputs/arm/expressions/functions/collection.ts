import { Unknown, isUnknown } from '../../../../model/unknown.js';
import { FunctionArgumentError } from '../errors.js';
import { parseJsonText } from '../json-text.js';
import { MAX_VALUE_DEPTH } from '../limits.js';
import {
  deepEquals,
  derivedUnknown,
  findKey,
  getProperty,
  isArmObject,
  setProperty,
  type ArmArray,
  type ArmObject,
  type ArmValue,
  type Tri,
} from '../values.js';
import {
  arg,
  argumentError,
  arrayArg,
  checkedArray,
  checkedString,
  checkLength,
  intArg,
  objectArg,
  stringArg,
} from './args.js';
import { VARIADIC, type FunctionTable } from './types.js';

/**
 * Array and object functions, and those that take strings as well as arrays (template-functions-array and
 * template-functions-object on learn.microsoft.com). Object keys compare case-insensitively, as in Azure.
 */
export const collectionFunctions: FunctionTable = {
  array: { min: 1, max: 1, run: (args) => (Array.isArray(args[0]) ? args[0] : [arg(args, 0)]) },
  concat: { min: 1, max: VARIADIC, run: concat },
  contains: { min: 2, max: 2, unknowns: 'self', run: contains },
  createarray: { min: 0, max: VARIADIC, unknowns: 'self', run: (args) => checkedArray([...args]) },
  createobject: { min: 0, max: VARIADIC, unknowns: 'self', run: createObject },
  empty: { min: 1, max: 1, run: (args) => sizeOf(args, 0, true) === 0 },
  first: { min: 1, max: 1, run: (args) => pick(args, 'first') },
  last: { min: 1, max: 1, run: (args) => pick(args, 'last') },
  flatten: { min: 1, max: 1, run: flatten },
  indexof: { min: 2, max: 2, unknowns: 'self', run: (args) => indexOf(args, false) },
  lastindexof: { min: 2, max: 2, unknowns: 'self', run: (args) => indexOf(args, true) },
  intersection: { min: 2, max: VARIADIC, unknowns: 'self', run: intersection },
  items: {
    min: 1,
    max: 1,
    run: (args) => {
      const source = objectArg(args, 0);
      // Azure returns the entries sorted by key (the items() example in the object-functions docs).
      return Object.keys(source)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((key) => entry(key, source[key] ?? null));
    },
  },
  json: { min: 1, max: 1, run: (args) => parseJsonText(stringArg(args, 0)) },
  length: { min: 1, max: 1, run: (args) => sizeOf(args, 0, false) },
  null: { min: 0, max: 0, run: () => null },
  objectkeys: { min: 1, max: 1, run: (args) => Object.keys(objectArg(args, 0)) },
  range: { min: 2, max: 2, run: range },
  skip: { min: 2, max: 2, run: (args) => slice(args, true) },
  take: { min: 2, max: 2, run: (args) => slice(args, false) },
  union: { min: 1, max: VARIADIC, unknowns: 'self', run: union },
  shallowmerge: {
    min: 1,
    max: 1,
    run: (args) => {
      const out: ArmObject = {};
      for (const [index, item] of arrayArg(args, 0).entries()) {
        if (isUnknown(item)) return derivedUnknown(item);
        if (!isArmObject(item))
          throw new FunctionArgumentError(`element ${index} of the array is not an object`);
        for (const [key, value] of Object.entries(item)) setProperty(out, findKey(out, key) ?? key, value);
      }
      return out;
    },
  },
  tryget: { min: 2, max: VARIADIC, unknowns: 'self', run: tryGet },
};

function flatten(args: ArmValue[]): ArmValue {
  const out: ArmArray = [];
  for (const [index, item] of arrayArg(args, 0).entries()) {
    if (isUnknown(item)) return derivedUnknown(item);
    if (!Array.isArray(item))
      throw new FunctionArgumentError(`element ${index} of the array is not an array`);
    checkLength(out.length + item.length);
    out.push(...item);
  }
  return out;
}

function entry(key: string, value: ArmValue): ArmObject {
  const out: ArmObject = {};
  setProperty(out, 'key', key);
  setProperty(out, 'value', value);
  return out;
}

/**
 * Strings and arrays, never both. Ints are written as digits: `concat('vm', copyIndex())` is the classic way to
 * name copies. Other types are not guessed.
 */
function concat(args: ArmValue[]): ArmValue {
  if (Array.isArray(args[0])) {
    const out: ArmArray = [];
    for (const [index, item] of args.entries()) {
      if (item === null) continue;
      if (!Array.isArray(item)) throw argumentError(index, 'an array like the first argument', item);
      checkLength(out.length + item.length);
      out.push(...item);
    }
    return out;
  }
  let text = '';
  for (const [index, item] of args.entries()) {
    if (typeof item === 'string') text += item;
    else if (typeof item === 'number' && Number.isInteger(item)) text += String(item);
    else if (typeof item === 'boolean' || item === null)
      return new Unknown(`concat() of a ${item === null ? 'null' : 'bool'} is not supported`);
    else throw argumentError(index, 'a string or an int like the first argument', item);
    checkedString(text);
  }
  return text;
}

function contains(args: ArmValue[]): Tri {
  const container = arg(args, 0);
  const item = arg(args, 1);
  if (isUnknown(container)) return derivedUnknown(container);
  if (Array.isArray(container)) return anyEqual(container, item);
  if (isUnknown(item)) return derivedUnknown(item);
  if (typeof container === 'string') {
    if (typeof item !== 'string' && typeof item !== 'number')
      throw argumentError(1, 'a string or an int', item);
    return container.includes(String(item));
  }
  if (isArmObject(container)) {
    if (typeof item !== 'string') throw argumentError(1, 'a string', item);
    return findKey(container, item) !== undefined;
  }
  throw argumentError(0, 'an array, an object or a string', container);
}

/** True when a known element equals the item; unknown when none does but an unknown comparison might. */
function anyEqual(items: ArmArray, item: ArmValue): Tri {
  let pending: Unknown | undefined;
  for (const element of items) {
    const same = deepEquals(element, item);
    if (same === true) return true;
    if (same !== false) pending ??= same;
  }
  return pending ?? false;
}

function createObject(args: ArmValue[]): ArmObject | Unknown {
  if (args.length % 2 !== 0)
    throw new FunctionArgumentError('expects pairs of key and value: got an odd number of arguments');
  const out: ArmObject = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i];
    if (isUnknown(key)) return new Unknown(`a property name is unknown (${key.reason})`);
    if (typeof key !== 'string') throw argumentError(i, 'a string (a property name)', key);
    if (findKey(out, key) !== undefined) throw new FunctionArgumentError(`property '${key}' is given twice`);
    setProperty(out, key, args[i + 1] ?? null);
  }
  return out;
}

function sizeOf(args: readonly ArmValue[], index: number, allowNull: boolean): number {
  const value = args[index];
  if (value === null && allowNull) return 0;
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (isArmObject(value)) return Object.keys(value).length;
  throw argumentError(index, 'an array, an object or a string', value);
}

function pick(args: readonly ArmValue[], end: 'first' | 'last'): ArmValue {
  const value = args[0];
  if (typeof value === 'string') return end === 'first' ? value.slice(0, 1) : value.slice(-1);
  if (Array.isArray(value)) return (end === 'first' ? value[0] : value[value.length - 1]) ?? null;
  throw argumentError(0, 'an array or a string', value);
}

/** Strings compare case-insensitively (documented); array elements compare as `equals` does. */
function indexOf(args: ArmValue[], fromEnd: boolean): ArmValue {
  const container = arg(args, 0);
  const item = arg(args, 1);
  if (isUnknown(container)) return derivedUnknown(container);
  if (Array.isArray(container)) {
    const order = container.map((_, i) => i);
    if (fromEnd) order.reverse();
    for (const i of order) {
      const same = deepEquals(container[i] ?? null, item);
      if (same === true) return i;
      if (same !== false) return derivedUnknown(same);
    }
    return -1;
  }
  if (isUnknown(item)) return derivedUnknown(item);
  const text = stringArg(args, 0).toLowerCase();
  const find = stringArg(args, 1).toLowerCase();
  return fromEnd ? text.lastIndexOf(find) : text.indexOf(find);
}

function intersection(args: ArmValue[]): ArmValue {
  const top = args.find(isUnknown);
  if (top !== undefined) return derivedUnknown(top);
  if (Array.isArray(args[0])) {
    const lists = args.map((_, i) => arrayArg(args, i));
    const [first = [], ...rest] = lists;
    const out: ArmArray = [];
    for (const item of first) {
      const inAll = allTri(rest.map((list) => anyEqual(list, item)));
      if (inAll !== true && inAll !== false) return derivedUnknown(inAll);
      if (!inAll) continue;
      const seen = anyEqual(out, item);
      if (seen !== true && seen !== false) return derivedUnknown(seen);
      if (!seen) out.push(item);
    }
    return out;
  }
  const objects = args.map((_, i) => objectArg(args, i));
  const [first = {}, ...rest] = objects;
  const out: ArmObject = {};
  for (const [key, value] of Object.entries(first)) {
    const inAll = allTri(
      rest.map((other) => {
        const match = getProperty(other, key);
        return match === undefined ? false : deepEquals(value, match);
      }),
    );
    if (inAll !== true && inAll !== false) return derivedUnknown(inAll);
    if (inAll) setProperty(out, key, value);
  }
  return out;
}

function allTri(values: readonly Tri[]): Tri {
  let pending: Unknown | undefined;
  for (const value of values) {
    if (value === false) return false;
    if (value !== true) pending ??= value;
  }
  return pending ?? true;
}

function range(args: ArmValue[]): ArmArray {
  const start = intArg(args, 0);
  const count = intArg(args, 1);
  if (count < 0 || count > 10000) throw argumentError(1, 'an int from 0 to 10000', count);
  if (start + count > 2147483647)
    throw new FunctionArgumentError('start plus count must not exceed 2147483647');
  return Array.from({ length: count }, (_, i) => start + i);
}

function slice(args: ArmValue[], skip: boolean): ArmValue {
  const value = args[0];
  const count = Math.max(0, intArg(args, 1));
  if (typeof value === 'string' || Array.isArray(value))
    return skip ? value.slice(count) : value.slice(0, count);
  throw argumentError(0, 'an array or a string', value);
}

/**
 * Arrays: distinct elements in order of first appearance. Objects: later arguments win, objects nested under the
 * same key are merged recursively, arrays are replaced (the deep-merge example in the object-functions docs).
 */
function union(args: ArmValue[]): ArmValue {
  const top = args.find(isUnknown);
  if (top !== undefined) return derivedUnknown(top);
  if (Array.isArray(args[0])) {
    const out: ArmArray = [];
    for (const [index, list] of args.entries()) {
      if (list === null) continue;
      if (!Array.isArray(list)) throw argumentError(index, 'an array like the first argument', list);
      for (const item of list) {
        const seen = anyEqual(out, item);
        if (seen !== true && seen !== false) return derivedUnknown(seen);
        if (!seen) out.push(item);
      }
      checkLength(out.length);
    }
    return out;
  }
  let out: ArmObject = {};
  for (const [index, value] of args.entries()) {
    if (value === null) continue;
    if (!isArmObject(value)) throw argumentError(index, 'an object like the first argument', value);
    out = mergeObjects(out, value, 0);
  }
  return out;
}

function mergeObjects(base: ArmObject, overlay: ArmObject, depth: number): ArmObject {
  if (depth > MAX_VALUE_DEPTH)
    throw new FunctionArgumentError(`value nested deeper than ${MAX_VALUE_DEPTH} levels`, 'limit');
  const out: ArmObject = {};
  for (const [key, value] of Object.entries(base)) setProperty(out, key, value);
  for (const [key, value] of Object.entries(overlay)) {
    const existingKey = findKey(out, key);
    const existing = existingKey === undefined ? undefined : out[existingKey];
    setProperty(out, existingKey ?? key, mergeValue(existing, value, depth));
  }
  return out;
}

/** An unknown on either side of a merge makes the merged value unknown only where it could be an object. */
function mergeValue(existing: ArmValue | undefined, value: ArmValue, depth: number): ArmValue {
  if (isArmObject(existing) && isArmObject(value)) return mergeObjects(existing, value, depth + 1);
  if (isUnknown(value)) return isArmObject(existing) || isUnknown(existing) ? derivedUnknown(value) : value;
  if (isUnknown(existing) && isArmObject(value)) return derivedUnknown(existing);
  return value;
}

/** `tryGet(value, key, ...)`: the value at the path, or null where a key or index is missing. */
function tryGet(args: ArmValue[]): ArmValue {
  let current = arg(args, 0);
  for (let i = 1; i < args.length; i++) {
    const key = arg(args, i);
    if (isUnknown(current)) return derivedUnknown(current);
    if (isUnknown(key)) return derivedUnknown(key);
    if (current === null) return null;
    if (isArmObject(current) && typeof key === 'string') current = getProperty(current, key) ?? null;
    else if (Array.isArray(current) && typeof key === 'number') current = current[key] ?? null;
    else
      throw argumentError(
        i,
        Array.isArray(current) ? 'an int (an index)' : 'a string (a property name)',
        key,
      );
  }
  return current;
}
