import { FunctionArgumentError } from '../../src/inputs/arm/expressions/errors.js';
import { parseJsonText } from '../../src/inputs/arm/expressions/json-text.js';
import { MAX_VALUE_DEPTH } from '../../src/inputs/arm/expressions/limits.js';

// The text ARM's json() reads: JSON, as JSON.parse reads it, plus the leniencies of Json.NET that templates rely on.

function errorOf(text: string): FunctionArgumentError {
  try {
    parseJsonText(text);
  } catch (error) {
    if (error instanceof FunctionArgumentError) return error;
    throw error;
  }
  throw new Error(`${text} parsed`);
}

describe('json() text that is JSON reads as JSON.parse reads it', () => {
  it.each([
    'null',
    'true',
    'false',
    '0',
    '-12',
    '3.25',
    '1e3',
    '-2.5E-2',
    '6E+2',
    '""',
    '"a\\nb\\tc\\rd\\be\\ff"',
    '"quote \\" backslash \\\\ slash \\/"',
    '"\\u00e9\\u00C9\\u20ac"',
    '[]',
    '[ ]',
    '[1, [2, [3]], {"a": []}]',
    '{}',
    '{ }',
    ' { "a" : 1 , "b" : [ true , null ] } ',
    '{"nested": {"deeper": {"deepest": "x"}}}',
    '\n\t[\r\n1\n]\n',
  ])('%s', (text) => {
    expect(parseJsonText(text)).toEqual(JSON.parse(text));
  });
});

describe('Json.NET leniencies', () => {
  it('strings in single quotes, as the docs write them', () => {
    expect(parseJsonText("{'a': 'b', \"c\": 'd\"e'}")).toEqual({ a: 'b', c: 'd"e' });
    expect(parseJsonText("'it\\'s'")).toEqual("it's");
  });

  it('property names without quotes', () => {
    expect(parseJsonText('{name: 1, _x$2: true, $ref: null}')).toEqual({ name: 1, _x$2: true, $ref: null });
  });

  it('an unknown escape keeps the character', () => {
    expect(parseJsonText('"\\q\\%"')).toBe('q%');
  });

  it('a property named __proto__ is data, not the prototype', () => {
    const value = parseJsonText('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('text that is not JSON: the character where it fails, and why', () => {
  it.each([
    ['', 'not valid JSON at character 1: expected a value, found the end'],
    ['   ', 'not valid JSON at character 4: expected a value, found the end'],
    ['1 2', 'not valid JSON at character 3: unexpected text after the JSON value'],
    ['nul', "not valid JSON at character 1: unexpected 'n'"],
    ['True', "not valid JSON at character 1: unexpected 'T'"],
    ['@', "not valid JSON at character 1: unexpected '@'"],
    ['-', 'not valid JSON at character 1: malformed number'],
    ['-x', 'not valid JSON at character 1: malformed number'],
    ['1e999', 'not valid JSON at character 6: number out of range'],
    ['"abc', 'not valid JSON at character 5: string is not closed'],
    ['"abc\\', 'not valid JSON at character 6: string is not closed'],
    ['"\\u12"', 'not valid JSON at character 4: \\u must be followed by 4 hex digits'],
    ['"\\u12G4"', 'not valid JSON at character 4: \\u must be followed by 4 hex digits'],
    ['{"a" 1}', "not valid JSON at character 6: expected ':' after a property name"],
    ['{"a": 1 "b": 2}', "not valid JSON at character 10: expected ',' or '}' in an object"],
    ['{"a": 1', "not valid JSON at character 9: expected ',' or '}' in an object"],
    ['{1: 2}', 'not valid JSON at character 2: expected a property name'],
    ['{,}', 'not valid JSON at character 2: expected a property name'],
    ['[1 2]', "not valid JSON at character 5: expected ',' or ']' in an array"],
    ['[1,', 'not valid JSON at character 4: expected a value, found the end'],
    ['[1', "not valid JSON at character 4: expected ',' or ']' in an array"],
  ])('%j', (text, message) => {
    const error = errorOf(text);
    expect(error.message).toBe(message);
    expect(error.kind).toBe('argument');
  });

  it('nesting deeper than the limit is a limit error, not a stack overflow', () => {
    const depth = MAX_VALUE_DEPTH + 1;
    const error = errorOf('['.repeat(depth + 1) + ']'.repeat(depth + 1));
    expect(error.message).toBe(`JSON nested deeper than ${MAX_VALUE_DEPTH} levels`);
    expect(error.kind).toBe('limit');
    const atLimit = '['.repeat(MAX_VALUE_DEPTH + 1) + ']'.repeat(MAX_VALUE_DEPTH + 1);
    expect(() => parseJsonText(atLimit)).not.toThrow();
    expect(errorOf('{"a":'.repeat(depth + 1) + '1' + '}'.repeat(depth + 1)).kind).toBe('limit');
  });
});
