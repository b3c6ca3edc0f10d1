import { isUnknown, Unknown } from '../../../../model/unknown.js';
import { FunctionArgumentError } from '../errors.js';
import { formatComposite } from '../format.js';
import { templateGuid } from '../guid.js';
import { parseJsonText } from '../json-text.js';
import { uniqueString } from '../unique-string.js';
import { derivedUnknown, toJsonText, type ArmValue } from '../values.js';
import { argumentError, arrayArg, checkedString, intArg, stringArg } from './args.js';
import { VARIADIC, type FunctionTable } from './types.js';

/**
 * String functions (learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string). Functions
 * that also take arrays (`concat`, `contains`, `first`, `length`, `skip`, ...) are in collection.ts.
 */
export const stringFunctions: FunctionTable = {
  base64: { min: 1, max: 1, run: (args) => Buffer.from(stringArg(args, 0), 'utf8').toString('base64') },
  base64tostring: { min: 1, max: 1, run: (args) => decodeBase64(stringArg(args, 0)) },
  base64tojson: { min: 1, max: 1, run: (args) => parseJsonText(decodeBase64(stringArg(args, 0))) },
  datauri: {
    min: 1,
    max: 1,
    run: (args) =>
      `data:text/plain;charset=utf8;base64,${Buffer.from(stringArg(args, 0), 'utf8').toString('base64')}`,
  },
  datauritostring: { min: 1, max: 1, run: (args) => decodeDataUri(stringArg(args, 0)) },
  startswith: {
    min: 2,
    max: 2,
    run: (args) => stringArg(args, 0).toLowerCase().startsWith(stringArg(args, 1).toLowerCase()),
  },
  endswith: {
    min: 2,
    max: 2,
    run: (args) => stringArg(args, 0).toLowerCase().endsWith(stringArg(args, 1).toLowerCase()),
  },
  format: {
    min: 1,
    max: VARIADIC,
    // An unknown argument keeps its place in the result, so `format('{0}', id)` still names what it will be.
    unknowns: 'self',
    run: (args) => {
      const template = args[0];
      if (isUnknown(template)) return derivedUnknown(template);
      const result = formatComposite(stringArg(args, 0), args.slice(1));
      return result instanceof Unknown ? result : checkedString(result);
    },
  },
  guid: { min: 1, max: VARIADIC, run: (args) => templateGuid(stringArgs(args)) },
  uniquestring: { min: 1, max: VARIADIC, run: (args) => uniqueString(stringArgs(args)) },
  newguid: {
    min: 0,
    max: 0,
    unknowns: 'self',
    run: () => new Unknown('newGuid() returns a new value in every deployment'),
  },
  padleft: { min: 2, max: 3, run: padLeft },
  replace: {
    min: 3,
    max: 3,
    run: (args) => {
      const oldValue = stringArg(args, 1);
      if (oldValue === '') throw argumentError(1, 'a non-empty string', oldValue);
      return checkedString(stringArg(args, 0).split(oldValue).join(stringArg(args, 2)));
    },
  },
  split: { min: 2, max: 2, run: split },
  string: { min: 1, max: 1, unknowns: 'deep', run: (args) => toText(args[0] ?? null) },
  substring: { min: 1, max: 3, run: substring },
  tolower: { min: 1, max: 1, run: (args) => stringArg(args, 0).toLowerCase() },
  toupper: { min: 1, max: 1, run: (args) => stringArg(args, 0).toUpperCase() },
  trim: { min: 1, max: 1, run: (args) => stringArg(args, 0).trim() },
  join: {
    min: 2,
    max: 2,
    unknowns: 'deep',
    run: (args) => {
      const items = arrayArg(args, 0).map((item, index) => {
        if (typeof item !== 'string')
          throw new FunctionArgumentError(`element ${index} of the array is not a string`);
        return item;
      });
      return checkedString(items.join(stringArg(args, 1)));
    },
  },
  uri: {
    min: 2,
    max: 2,
    run: (args) => {
      try {
        return new URL(stringArg(args, 1), stringArg(args, 0)).toString();
      } catch (error) {
        if (error instanceof FunctionArgumentError) throw error;
        throw new FunctionArgumentError(`'${stringArg(args, 0)}' is not an absolute URI`);
      }
    },
  },
  uricomponent: { min: 1, max: 1, run: (args) => escapeDataString(stringArg(args, 0)) },
  uricomponenttostring: {
    min: 1,
    max: 1,
    run: (args) => {
      try {
        return decodeURIComponent(stringArg(args, 0));
      } catch {
        throw argumentError(0, 'a URI-encoded string', args[0]);
      }
    },
  },
};

function stringArgs(args: readonly ArmValue[]): string[] {
  return args.map((_, index) => stringArg(args, index));
}

/** `string()`: strings unchanged, everything else as compact JSON (the docs show objects and arrays that way). */
function toText(value: ArmValue): string {
  return typeof value === 'string' ? value : checkedString(toJsonText(value));
}

function decodeBase64(text: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1)
    throw argumentError(0, 'a base64 string', text);
  return Buffer.from(text, 'base64').toString('utf8');
}

function decodeDataUri(text: string): string {
  const match = /^data:([^,]*),(.*)$/s.exec(text);
  if (match === null) throw argumentError(0, 'a data URI', text);
  const [, meta = '', data = ''] = match;
  if (/;base64$/i.test(meta)) return decodeBase64(data);
  try {
    return decodeURIComponent(data);
  } catch {
    throw argumentError(0, 'a data URI', text);
  }
}

/** .NET's Uri.EscapeDataString: everything but the RFC 3986 unreserved characters is percent-encoded. */
function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function padLeft(args: ArmValue[]): string {
  const value = args[0];
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) {
    throw argumentError(0, 'a string or an int', value);
  }
  const total = intArg(args, 1);
  const pad = args.length > 2 ? stringArg(args, 2) : ' ';
  if (pad.length !== 1) throw argumentError(2, 'a single character', args[2]);
  if (total < 0) throw argumentError(1, 'a non-negative int', total);
  return checkedString(String(value).padStart(total, pad));
}

/** Splits at each delimiter; with several, the first listed wins where two start at the same place, as in .NET. */
function split(args: ArmValue[]): string[] {
  const text = stringArg(args, 0);
  const raw = args[1];
  const delimiters = Array.isArray(raw)
    ? arrayArg(args, 1).map((_, i, all) => stringArg(all, i))
    : [stringArg(args, 1)];
  const usable = delimiters.filter((d) => d !== '');
  if (usable.length === 0) return [text];
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const found = usable.find((d) => text.startsWith(d, i));
    if (found === undefined) {
      i++;
      continue;
    }
    parts.push(text.slice(start, i));
    i += found.length;
    start = i;
  }
  parts.push(text.slice(start));
  return parts;
}

function substring(args: ArmValue[]): string {
  const text = stringArg(args, 0);
  const start = args.length > 1 ? intArg(args, 1) : 0;
  const length = args.length > 2 ? intArg(args, 2) : text.length - start;
  if (start < 0 || start > text.length || length < 0 || start + length > text.length) {
    throw new FunctionArgumentError(
      `the index and length must refer to a location within the string: index ${start}, length ${length}, string length ${text.length}`,
    );
  }
  return text.slice(start, start + length);
}
