import { joinParts } from './partial-string.js';
import { Unknown } from '../../../model/unknown.js';
import { FunctionArgumentError } from './errors.js';
import type { ArmValue } from './values.js';

/**
 * .NET composite formatting (`String.Format`), which Azure's `format()` uses: `{index[,alignment][:format]}` with
 * `{{` and `}}` for literal braces, in the invariant culture. Numbers support the standard formats D, N, F, X and
 * G, and custom formats made of '0' and '#' (zero padding such as `{0:000}`). Strings ignore the format, booleans
 * print as `True`/`False` as .NET prints them, null prints as nothing. Anything else (currency, percent, exponent,
 * objects and arrays) is not guessed: the result is an Unknown naming the unsupported part.
 */
export function formatComposite(template: string, args: readonly ArmValue[]): string | Unknown {
  // An unknown argument keeps its place, so the result names what it will be (`kv-{variables('name')}`).
  const parts: (string | Unknown)[] = [];
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === '{' && template[i + 1] === '{') {
      out += '{';
      i += 2;
    } else if (ch === '}' && template[i + 1] === '}') {
      out += '}';
      i += 2;
    } else if (ch === '}') {
      throw new FunctionArgumentError(`format string has an unmatched '}' at position ${i + 1}`);
    } else if (ch === '{') {
      const close = template.indexOf('}', i);
      if (close === -1)
        throw new FunctionArgumentError(`format string has an unclosed '{' at position ${i + 1}`);
      const item = formatItem(template.slice(i + 1, close), args);
      if (item instanceof Unknown) {
        parts.push(out, item);
        out = '';
      } else out += item;
      i = close + 1;
    } else {
      const next = nextBrace(template, i);
      out += template.slice(i, next);
      i = next;
    }
  }
  return parts.length === 0 ? out : joinParts([...parts, out]);
}

function nextBrace(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '{' || text[j] === '}') return j;
  }
  return text.length;
}

const ITEM = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s;

function formatItem(spec: string, args: readonly ArmValue[]): string | Unknown {
  const match = ITEM.exec(spec);
  if (match === null)
    throw new FunctionArgumentError(
      `format item '{${spec}}' is not of the form {index[,alignment][:format]}`,
    );
  const index = Number(match[1]);
  if (index >= args.length) {
    throw new FunctionArgumentError(
      `format item {${index}} refers to argument ${index + 1}, but only ${args.length} were given`,
    );
  }
  const value = args[index] ?? null;
  if (value instanceof Unknown)
    return match[2] === undefined && match[3] === undefined ? value : new Unknown(value.reason);
  const text = formatValue(value, match[3] ?? '');
  if (text instanceof Unknown) return text;
  const width = match[2] === undefined ? 0 : Number(match[2]);
  return width >= 0 ? text.padStart(width) : text.padEnd(-width);
}

function formatValue(value: ArmValue, format: string): string | Unknown {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return formatNumber(value, format);
  return new Unknown(`format() of ${Array.isArray(value) ? 'an array' : 'an object'} is not supported`);
}

const STANDARD = /^([A-Za-z])(\d{0,2})$/;

function formatNumber(value: number, format: string): string | Unknown {
  if (format === '') return String(value);
  const standard = STANDARD.exec(format);
  if (standard !== null) {
    const letter = (standard[1] ?? '').toUpperCase();
    const precision = standard[2] === '' || standard[2] === undefined ? undefined : Number(standard[2]);
    switch (letter) {
      case 'D':
        if (!Number.isInteger(value)) break;
        return (value < 0 ? '-' : '') + String(Math.abs(value)).padStart(precision ?? 0, '0');
      case 'N':
        return groupThousands(Math.abs(value).toFixed(precision ?? 2), value < 0);
      case 'F':
        return (value < 0 ? '-' : '') + Math.abs(value).toFixed(precision ?? 2);
      case 'X':
        if (!Number.isInteger(value) || value < 0) break;
        return applyCase(value.toString(16).padStart(precision ?? 0, '0'), standard[1] === 'X');
      case 'G':
        if (precision === undefined) return String(value);
        break;
      default:
        break;
    }
    return new Unknown(`format() with the number format '${format}' is not supported`);
  }
  if (/^[0#]+$/.test(format) && Number.isInteger(value)) {
    const zeros = format.replaceAll('#', '').length;
    return (value < 0 ? '-' : '') + String(Math.abs(value)).padStart(zeros, '0');
  }
  return new Unknown(`format() with the number format '${format}' is not supported`);
}

function groupThousands(fixed: string, negative: boolean): string {
  const [whole = '', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

function applyCase(text: string, upper: boolean): string {
  return upper ? text.toUpperCase() : text.toLowerCase();
}
