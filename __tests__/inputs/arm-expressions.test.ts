import {
  BUILTIN_FUNCTIONS,
  Evaluator,
  ExpressionError,
  KNOWN_AFTER_DEPLOYMENT,
  PUBLIC_CLOUD_ENVIRONMENT,
  SCOPE_PLACEHOLDERS,
  deploymentScope,
  evaluateExpression,
  evaluateJson,
  parseExpression,
  parseTemplateString,
  referenceRef,
  templateGuid,
  uniqueString,
  type ArmValue,
  type EvaluationContext,
  type ReferenceRequest,
} from '../../src/inputs/arm/expressions/index.js';
import { Unknown, isUnknown } from '../../src/model/unknown.js';

/** A value not known before deployment, named as an adapter would name a parameter without a value. */
const U = new Unknown('no value given', "parameters('u')");

const BASE: EvaluationContext = {
  parameters: {
    u: U,
    name: 'aks',
    location: 'westeurope',
    list: ['one', 'two', 'three'],
    obj: { one: 'a', two: 'b', three: 'c' },
  },
};

function ev(text: string, context: EvaluationContext = BASE): ArmValue {
  return new Evaluator(context).evaluate(text);
}

function expectUnknown(value: ArmValue): Unknown {
  expect(isUnknown(value)).toBe(true);
  if (!isUnknown(value)) throw new Error('not unknown');
  return value;
}

function errorOf(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError');
}

function cases(table: readonly (readonly [string, ArmValue])[]): void {
  it.each(table)('%s', (text, expected) => {
    expect(ev(text)).toEqual(expected);
  });
}

describe('template strings', () => {
  cases([
    ['plain text', 'plain text'],
    ['[[escaped]', '[escaped]'],
    ['[[concat(1)]', '[concat(1)]'],
    ["[concat('a'", "[concat('a'"],
    ['not [an] expression', 'not [an] expression'],
    ["[ concat( 'a' , 'b' ) ]", 'ab'],
    ["['it''s']", "it's"],
    ["['']", ''],
    ['[-42]', -42],
    ['[true]', true],
    ['[False]', false],
    ['[null]', null],
    ['[true()]', true],
  ]);
});

describe('parser', () => {
  it('builds calls, namespaces, property and index access (also after calls)', () => {
    expect(parseExpression("[ns.fn(parameters('a').b['c'][0], -1)]")).toEqual({
      type: 'call',
      namespace: 'ns',
      name: 'fn',
      offset: 1,
      args: [
        {
          type: 'index',
          offset: 29,
          index: { type: 'integer', value: 0, offset: 30 },
          target: {
            type: 'index',
            offset: 24,
            index: { type: 'string', value: 'c', offset: 25 },
            target: {
              type: 'property',
              name: 'b',
              offset: 22,
              target: {
                type: 'call',
                name: 'parameters',
                offset: 7,
                args: [{ type: 'string', value: 'a', offset: 18 }],
              },
            },
          },
        },
        { type: 'integer', value: -1, offset: 34 },
      ],
    });
  });

  it('parses each distinct text once', () => {
    const text = "[concat('cache', 'me')]";
    expect(parseTemplateString(text)).toBe(parseTemplateString(text));
  });

  it.each([
    ["[concat('a', ]", 14, 'expected a value'],
    ["[concat('a']", 12, "expected ',' or ')' after argument 1 of 'concat'"],
    ["['unterminated]", 2, 'string literal is not closed'],
    ['[foo]', 5, "expected '(' after the function name 'foo'"],
    ['[a.b.c]', 3, "expected '(' after the function name 'a'"],
    ['[]', 2, 'empty expression'],
    ["[concat('a') extra()]", 14, "unexpected 'extra' after the end of the expression"],
    ["[parameters('x')..y]", 18, "expected a property name after '.'"],
    ['[1.5]', 4, "expected a property name after '.', found the integer 5"],
    ['[@]', 2, "unexpected character '@'"],
    ["[parameters('x')[0]", 19, "expected ']' to close the index, found the end of the expression"],
    ["[parameters('x')", 0, ''],
    ['[99999999999999999999]', 2, 'integer 99999999999999999999 is too large'],
  ])('%s fails at column %i', (text, column, detail) => {
    if (column === 0) {
      // Not bracketed at both ends: a literal, as in Azure.
      expect(ev(text)).toBe(text);
      return;
    }
    const error = errorOf(() => parseExpression(text));
    expect(error.kind).toBe('syntax');
    expect(error.column).toBe(column);
    expect(error.expression).toBe(text);
    expect(error.detail).toContain(detail);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain(`column ${column}`);
  });

  it('rejects nesting deeper than 200 levels with a clear error', () => {
    const text = `[${'concat('.repeat(250)}'a'${')'.repeat(250)}]`;
    const error = errorOf(() => parseExpression(text));
    expect(error.kind).toBe('limit');
    expect(error.detail).toBe('expression nested deeper than 200 levels');
  });

  it('rejects property chains longer than 200 links', () => {
    const error = errorOf(() => parseExpression(`[json('{}')${'.a'.repeat(300)}]`));
    expect(error.kind).toBe('limit');
  });

  it('accepts nesting within the limit', () => {
    expect(ev(`[${'concat('.repeat(150)}'a'${')'.repeat(150)}]`)).toBe('a');
  });
});

// String functions: learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string, with the
// default values of the docs' example templates.
describe('string functions (values from the ARM docs)', () => {
  cases([
    ["[base64('one, two, three')]", 'b25lLCB0d28sIHRocmVl'],
    ["[base64ToString('b25lLCB0d28sIHRocmVl')]", 'one, two, three'],
    ["[base64ToJson(base64('{''one'': ''a'', ''two'': ''b''}'))]", { one: 'a', two: 'b' }],
    ["[concat('prefix', '-', 'suffix')]", 'prefix-suffix'],
    ["[concat('vm', 1)]", 'vm1'],
    ["[contains('OneTwoThree', 'e')]", true],
    ["[contains('OneTwoThree', 'z')]", false],
    ["[contains('OneTwoThree', 'E')]", false],
    ["[dataUri('Hello')]", 'data:text/plain;charset=utf8;base64,SGVsbG8='],
    ["[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]", 'Hello, World!'],
    ["[empty('')]", true],
    ["[empty('a')]", false],
    ["[startsWith('abcdef', 'ab')]", true],
    ["[startsWith('abcdef', 'A')]", true],
    ["[startsWith('abcdef', 'e')]", false],
    ["[endsWith('abcdef', 'ef')]", true],
    ["[endsWith('abcdef', 'F')]", true],
    ["[endsWith('abcdef', 'e')]", false],
    ["[first('One Two Three')]", 'O'],
    ["[last('One Two Three')]", 'e'],
    [
      "[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)]",
      'Hello, User. Formatted number: 8,175,133',
    ],
    ["[indexOf('test', 't')]", 0],
    ["[lastIndexOf('test', 't')]", 3],
    ["[indexOf('abcdef', 'CD')]", 2],
    ["[lastIndexOf('abcdef', 'AB')]", 0],
    ["[indexOf('abcdef', 'z')]", -1],
    ["[length('One Two Three')]", 13],
    ["[padLeft('123', 10, '0')]", '0000000123'],
    ["[replace('123-123-1234', '-', '')]", '1231231234'],
    ["[replace('123-123-1234', '1234', 'xxxx')]", '123-123-xxxx'],
    ["[skip('one two three', 4)]", 'two three'],
    ["[split('one,two,three', ',')]", ['one', 'two', 'three']],
    ["[split('one;two,three', createArray(',', ';'))]", ['one', 'two', 'three']],
    [
      "[string(createObject('valueA', 10, 'valueB', 'Example Text'))]",
      '{"valueA":10,"valueB":"Example Text"}',
    ],
    ["[string(createArray('a', 'b', 'c'))]", '["a","b","c"]'],
    ['[string(5)]', '5'],
    ["[substring('one two three', 4, 3)]", 'two'],
    ["[take('one two three', 2)]", 'on'],
    ["[toLower('One Two Three')]", 'one two three'],
    ["[toUpper('One Two Three')]", 'ONE TWO THREE'],
    ["[trim('    one two three   ')]", 'one two three'],
    [
      "[uri('http://contoso.com/resources/', 'nested/azuredeploy.json')]",
      'http://contoso.com/resources/nested/azuredeploy.json',
    ],
    [
      "[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]",
      'http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json',
    ],
    [
      "[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')]",
      'http://contoso.com/resources/nested/azuredeploy.json',
    ],
  ]);
});

// Values computed by Azure's own expression library: the Bicep repository's parameter-file baseline
// Azure/bicep src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions/parameters.json (@01c6395c), written
// here in ARM syntax (lambdas as lambda()/lambdaVariables(), as Bicep compiles them).
describe('values from the Bicep evaluation baseline', () => {
  cases([
    ["[base64ToString(base64('abc'))]", 'abc'],
    ['[base64ToJson(base64(\'{"hi": "there"}\')).hi]', 'there'],
    ['[bool(true())]', true],
    ["[concat(createArray('abc'), createArray('def'))]", ['abc', 'def']],
    ["[contains('foo/bar', '/')]", true],
    ["[dataUriToString(dataUri('abc'))]", 'abc'],
    ['[empty(createArray())]', true],
    ["[endsWith('foo', 'o')]", true],
    ["[filter(createArray(1, 2), lambda('i', less(lambdaVariables('i'), 2)))]", [1]],
    ['[first(createArray(124, 25))]', 124],
    ["[flatten(createArray(createArray('abc'), createArray('def')))]", ['abc', 'def']],
    ["[format('->{0}<-', 123)]", '->123<-'],
    ["[guid('asdf')]", '228d27cc-6fdb-5934-b7ac-1efccebade04'],
    ["[indexOf('abc', 'b')]", 1],
    ['[int(123)]', 123],
    ['[intersection(createArray(1, 2, 3), createArray(2, 3, 4))]', [2, 3]],
    [
      "[items(createObject('foo', 'abc', 'bar', 123))]",
      [
        { key: 'bar', value: 123 },
        { key: 'foo', value: 'abc' },
      ],
    ],
    ["[join(createArray('abc', 'def', 'ghi'), '/')]", 'abc/def/ghi'],
    ['[last(createArray(1, 2))]', 2],
    ["[lastIndexOf('abcba', 'b')]", 3],
    ['[length(createArray(0, 1, 2))]', 3],
    ["[map(range(0, 3), lambda('i', format('Hi {0}!', lambdaVariables('i'))))]", ['Hi 0!', 'Hi 1!', 'Hi 2!']],
    ['[max(1, 2, 3)]', 3],
    ['[min(1, 2, 3)]', 1],
    ['[padLeft(13, 5)]', '   13'],
    ['[range(0, 3)]', [0, 1, 2]],
    [
      "[reduce(createArray('a', 'b', 'c'), '', lambda('a', 'b', format('{0}-{1}', lambdaVariables('a'), lambdaVariables('b'))))]",
      '-a-b-c',
    ],
    ["[replace('abc', 'b', '/')]", 'a/c'],
    ['[skip(createArray(1, 2, 3), 1)]', [2, 3]],
    [
      "[sort(createArray('c', 'd', 'a'), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]",
      ['a', 'c', 'd'],
    ],
    ["[split('a/b/c', '/')]", ['a', 'b', 'c']],
    ["[startsWith('abc', 'a')]", true],
    ["[string('asdf')]", 'asdf'],
    ["[substring('asdfasf', 3)]", 'fasf'],
    ['[take(createArray(1, 2, 3), 2)]', [1, 2]],
    ["[toLower('AiKInIniIN')]", 'aikininiin'],
    [
      "[toObject(createArray('a', 'b', 'c'), lambda('x', lambdaVariables('x')), lambda('x', format('Hi {0}!', lambdaVariables('x'))))]",
      { a: 'Hi a!', b: 'Hi b!', c: 'Hi c!' },
    ],
    ["[toUpper('AiKInIniIN')]", 'AIKININIIN'],
    ["[trim('  adf asdf  ')]", 'adf asdf'],
    ["[union(createObject('abc', 'def'), createObject('def', 'ghi'))]", { abc: 'def', def: 'ghi' }],
    ["[uniqueString('asd', 'asdf', 'asdf')]", 'iizpqit7ih3cc'],
    ["[uri('https://github.com', 'Azure/bicep')]", 'https://github.com/Azure/bicep'],
    ["[uriComponent('UB*8h 0+=_)9h9n')]", 'UB%2A8h%200%2B%3D_%299h9n'],
    ["[uriComponentToString('%20%25%20')]", ' % '],
    ["[if(true(), 'a', 'b')]", 'a'],
    ['[not(true())]', false],
    ['[add(123, 456)]', 579],
    ['[sub(456, 123)]', 333],
    ['[mul(2, 3)]', 6],
    ['[div(10, 2)]', 5],
    ['[less(1, 2)]', true],
    ['[greater(1, 2)]', false],
    ['[greaterOrEquals(1, 2)]', false],
    ['[lessOrEquals(1, 2)]', true],
  ]);
});

describe('uniqueString (Azure values published by the community)', () => {
  it.each([
    // Bicep baseline above: Azure.Deployments.Expression's own output.
    [['asd', 'asdf', 'asdf'], 'iizpqit7ih3cc'],
    // Stack Overflow question 43295720 ("Azure ARM uniqueString function mimic"), answer calling Azure's library.
    [['tyeth'], 'zcztcwvu6iyg6'],
    // JasonWhall/go-azure-uniquestring README: `go-azure-uniquestring hello world` -> a7wkljktk6wne.
    [['hello', 'world'], 'a7wkljktk6wne'],
    // uniquestring.sh, a public bash reimplementation whose self-test values it states were checked against Bicep.
    [['test'], 'rbgf3xv4ufgzg'],
    [['abc'], 'cgtzqvhu4i23s'],
    [['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg'], 'bmg7c6xu4tw46'],
    [['foo', 'bar', 'baz'], 'xzi4ioaxtmth4'],
  ])('%j -> %s', (values, expected) => {
    expect(uniqueString(values)).toBe(expected);
    const call = `[uniqueString(${values.map((v) => `'${v}'`).join(', ')})]`;
    expect(ev(call)).toBe(expected);
  });

  it('always yields 13 characters of a-z2-7', () => {
    for (const seed of ['', 'a', 'ab', 'abcdefg', 'abcdefgh', 'abcdefghi', 'é✓ unicode']) {
      expect(uniqueString([seed])).toMatch(/^[a-z2-7]{13}$/);
    }
  });
});

describe('guid (Azure values)', () => {
  it.each([
    // Bicep baseline above (Azure.Deployments.Expression).
    [['asdf'], '228d27cc-6fdb-5934-b7ac-1efccebade04'],
    // cloud-maker-ai/go-guid guid_test.go, also the arm2tf provider's acceptance test (resource arm2tf_guid).
    [['test'], 'd6a5baf1-8b9b-542a-8525-2982f1f98a0c'],
  ])('%j -> %s', (values, expected) => {
    expect(templateGuid(values)).toBe(expected);
    expect(ev(`[guid('${values.join("', '")}')]`)).toBe(expected);
  });

  it('joins several arguments with a hyphen, like uniqueString', () => {
    expect(templateGuid(['a', 'b'])).toBe(templateGuid(['a-b']));
    expect(templateGuid(['a', 'b'])).not.toBe(templateGuid(['ab']));
    expect(templateGuid(['a', 'b'])).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

// Array and object functions: template-functions-array and template-functions-object on learn.microsoft.com.
describe('array and object functions (values from the ARM docs)', () => {
  cases([
    ['[array(1)]', [1]],
    ["[array('efgh')]", ['efgh']],
    ["[array(createObject('a', 'b', 'c', 'd'))]", [{ a: 'b', c: 'd' }]],
    ["[array(createArray('x'))]", ['x']],
    [
      "[concat(createArray('1-1', '1-2', '1-3'), createArray('2-1', '2-2', '2-3'))]",
      ['1-1', '1-2', '1-3', '2-1', '2-2', '2-3'],
    ],
    ["[contains(parameters('obj'), 'one')]", true],
    ["[contains(parameters('obj'), 'ONE')]", true],
    ["[contains(parameters('obj'), 'a')]", false],
    ["[contains(parameters('list'), 'three')]", true],
    ["[contains(parameters('list'), 'four')]", false],
    ["[contains(parameters('list'), 'THREE')]", false],
    ["[createArray('a', 'b', 'c')]", ['a', 'b', 'c']],
    ['[createArray(1, 2, 3)]', [1, 2, 3]],
    ["[createArray(parameters('list'))]", [['one', 'two', 'three']]],
    ['[createArray()]', []],
    [
      "[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))]",
      {
        intProp: 1,
        stringProp: 'abc',
        boolProp: true,
        arrayProp: ['a', 'b', 'c'],
        objectProp: { key1: 'value1' },
      },
    ],
    ['[createObject()]', {}],
    ['[empty(createArray())]', true],
    ['[empty(createObject())]', true],
    ['[empty(null())]', true],
    ["[empty(createArray('a'))]", false],
    ["[first(parameters('list'))]", 'one'],
    ['[first(createArray())]', null],
    ["[last(parameters('list'))]", 'three'],
    [
      "[intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', 'three', 'c'))]",
      { one: 'a', three: 'c' },
    ],
    ["[intersection(parameters('list'), createArray('two', 'three'))]", ['two', 'three']],
    ["[length(parameters('list'))]", 3],
    [
      "[length(createObject('propA', 'one', 'propB', 'two', 'propC', 'three', 'propD', createObject('propD-1', 'sub', 'propD-2', 'sub')))]",
      4,
    ],
    ['[max(createArray(0, 3, 2, 5, 4))]', 5],
    ['[max(0, 3, 2, 5, 4)]', 5],
    ['[min(createArray(0, 3, 2, 5, 4))]', 0],
    ['[min(0, 3, 2, 5, 4)]', 0],
    ['[range(5, 3)]', [5, 6, 7]],
    ['[range(1, 0)]', []],
    ["[skip(parameters('list'), 2)]", ['three']],
    ["[skip(parameters('list'), -1)]", ['one', 'two', 'three']],
    ["[take(parameters('list'), 2)]", ['one', 'two']],
    ["[take(parameters('list'), 0)]", []],
    [
      "[union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd', 'five', 'e'))]",
      { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' },
    ],
    ["[union(parameters('list'), createArray('three', 'four'))]", ['one', 'two', 'three', 'four']],
    // The deep-merge example of the union docs: nested objects merge, nested arrays are replaced.
    [
      '[union(json(\'{"property":{"one":"a","two":"b","three":"c1"},"nestedArray":[1,2]}\'), json(\'{"property":{"three":"c2","four":"d","five":"e"},"nestedArray":[3,4]}\'))]',
      { property: { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' }, nestedArray: [3, 4] },
    ],
    [
      '[union(json(\'[["one","two"],["three"]]\'), json(\'[["three"],["four","two"]]\'))]',
      [['one', 'two'], ['three'], ['four', 'two']],
    ],
    ["[json('null')]", null],
    ['[json(\'{"a": "b"}\')]', { a: 'b' }],
    ['[json(\'"test"\')]', 'test'],
    ["[json('true')]", true],
    ["[json('3')]", 3],
    ["[json('[1,2,3]')]", [1, 2, 3]],
    ["[json(concat('{\"a\": \"', 'demo value', '\"}'))]", { a: 'demo value' }],
    ["[json('{''a'': ''b''}')]", { a: 'b' }],
    ["[objectKeys(createObject('a', 1, 'b', 2))]", ['a', 'b']],
    ["[tryGet(createObject('a', createObject('b', 1)), 'a', 'b')]", 1],
    ["[tryGet(createObject('a', 1), 'missing')]", null],
    ['[tryGet(createArray(1, 2), 5)]', null],
    [
      "[shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2))))]",
      { a: 1, n: { y: 2 }, b: 2 },
    ],
    ["[indexOf(parameters('list'), 'two')]", 1],
    ["[lastIndexOf(createArray('a', 'b', 'a'), 'a')]", 2],
    ["[indexOf(parameters('list'), 'TWO')]", -1],
    [
      "[mapValues(createObject('a', 1, 'b', 2), lambda('v', mul(lambdaVariables('v'), 10)))]",
      { a: 10, b: 20 },
    ],
    ['[null()]', null],
  ]);

  it('sorts items() by key as the object-functions docs show', () => {
    const entities = {
      item002: { enabled: false, displayName: 'Example item 2', number: 200 },
      item001: { enabled: true, displayName: 'Example item 1', number: 300 },
    };
    expect(ev("[items(parameters('entities'))]", { parameters: { entities } })).toEqual([
      { key: 'item001', value: entities.item001 },
      { key: 'item002', value: entities.item002 },
    ]);
  });

  it('reads object properties case-insensitively', () => {
    expect(ev("[parameters('obj').ONE]")).toBe('a');
    expect(ev("[parameters('OBJ')['Two']]")).toBe('b');
  });
});

// Numeric functions: template-functions-numeric on learn.microsoft.com.
describe('numeric functions (values from the ARM docs)', () => {
  cases([
    ['[add(5, 3)]', 8],
    ['[add(-5, 3)]', -2],
    ['[sub(7, 3)]', 4],
    ['[sub(3, 7)]', -4],
    ['[mul(5, 3)]', 15],
    ['[mul(-5, 3)]', -15],
    ['[div(8, 3)]', 2],
    ['[div(-7, 2)]', -3],
    ['[mod(7, 3)]', 1],
    ['[mod(-7, 3)]', -1],
    ["[int('4')]", 4],
    ["[int('-12')]", -12],
    ['[int(7)]', 7],
  ]);
});

// Comparison functions: template-functions-comparison on learn.microsoft.com.
describe('comparison functions (values from the ARM docs)', () => {
  const objectToTest = {
    null1: null,
    null2: null,
    string: 'default',
    int: 1,
    object: { first: 'default' },
    array: [1],
  };
  const context: EvaluationContext = { parameters: { o: objectToTest } };
  it.each([
    ["[coalesce(parameters('o').null1, parameters('o').null2, parameters('o').string)]", 'default'],
    ["[coalesce(parameters('o').null1, parameters('o').null2, parameters('o').int)]", 1],
    [
      "[coalesce(parameters('o').null1, parameters('o').null2, parameters('o').object)]",
      { first: 'default' },
    ],
    ["[coalesce(parameters('o').null1, parameters('o').null2, parameters('o').array)]", [1]],
    ["[empty(coalesce(parameters('o').null1, parameters('o').null2))]", true],
  ] as const)('%s', (text, expected) => {
    expect(ev(text, context)).toEqual(expected);
  });

  cases([
    ['[equals(1, 1)]', true],
    ["[equals('a', 'a')]", true],
    ["[equals('a', 'A')]", false],
    ["[equals(createArray('a', 'b'), createArray('a', 'b'))]", true],
    ["[equals(createObject('a', 'b'), createObject('a', 'b'))]", true],
    ["[equals(createObject('a', 'b'), createObject('A', 'b'))]", true],
    ["[equals(createArray('a'), createArray('a', 'b'))]", false],
    ["[equals(1, '1')]", false],
    ['[less(1, 10)]', true],
    ["[less('A', 'a')]", true],
    ['[lessOrEquals(1, 10)]', true],
    ["[lessOrEquals('A', 'a')]", true],
    ['[greater(1, 10)]', false],
    ["[greater('A', 'a')]", false],
    ['[greaterOrEquals(1, 10)]', false],
    ["[greaterOrEquals('A', 'a')]", false],
    ['[greaterOrEquals(10, 10)]', true],
  ]);
});

// Logical functions: template-functions-logical on learn.microsoft.com.
describe('logical functions (values from the ARM docs)', () => {
  cases([
    ["[and(bool('true'), bool('false'))]", false],
    ["[or(bool('true'), bool('false'))]", true],
    ["[not(bool('true'))]", false],
    ['[and(true(), true(), true())]', true],
    ['[or(false(), false())]', false],
    ["[bool('true')]", true],
    ["[bool('false')]", false],
    ["[bool('TRUE')]", true],
    ['[bool(1)]', true],
    ['[bool(0)]', false],
    ["[if(equals('a', 'a'), 'yes', 'no')]", 'yes'],
    ["[if(equals('a', 'b'), 'yes', 'no')]", 'no'],
    ["[if(equals('a', 'a'), json('{\"test\": \"value1\"}'), json('null'))]", { test: 'value1' }],
    ['[true()]', true],
    ['[false()]', false],
  ]);

  it('evaluates only the branch taken, as Azure does', () => {
    expect(ev("[if(empty(parameters('list')), parameters('list')[5], 'safe')]")).toBe('safe');
    expect(ev("[and(false(), parameters('list')[9])]")).toBe(false);
    expect(ev("[or(true(), parameters('list')[9])]")).toBe(true);
  });
});

describe('format()', () => {
  cases([
    ["[format('{0:D5}', 42)]", '00042'],
    ["[format('{0:000}', 7)]", '007'],
    ["[format('{0:N}', 1234)]", '1,234.00'],
    ["[format('{0:N2}', -1234567)]", '-1,234,567.00'],
    ["[format('{0:x}', 255)]", 'ff'],
    ["[format('{0:X4}', 255)]", '00FF'],
    ["[format('{0,5}|{1,-3}|', 'ab', 'c')]", '   ab|c  |'],
    ["[format('{{literal}} {0}', 'x')]", '{literal} x'],
    ["[format('{0} {1}', true(), null())]", 'True '],
    ["[format('{0}-{0}', 'a')]", 'a-a'],
  ]);

  it('does not guess the formats it does not implement', () => {
    expect(expectUnknown(ev("[format('{0:C}', 5)]")).reason).toBe(
      "format() with the number format 'C' is not supported",
    );
    expect(expectUnknown(ev("[format('{0}', createObject())]")).reason).toBe(
      'format() of an object is not supported',
    );
  });

  it.each([
    ["[format('{1}', 'a')]", 'format item {1} refers to argument 2, but only 1 were given'],
    ["[format('{0', 'a')]", "format string has an unclosed '{' at position 1"],
    ["[format('}', 'a')]", "format string has an unmatched '}' at position 1"],
  ])('%s fails', (text, detail) => {
    expect(errorOf(() => ev(text)).detail).toBe(`format(): ${detail}`);
  });
});

describe('deployment scope', () => {
  it('uses documented placeholders by default', () => {
    expect(ev('[resourceGroup().id]')).toBe(
      `/subscriptions/${SCOPE_PLACEHOLDERS.subscriptionId}/resourceGroups/${SCOPE_PLACEHOLDERS.resourceGroupName}`,
    );
    expect(ev('[resourceGroup().name]')).toBe('resource-group');
    expect(ev('[subscription().subscriptionId]')).toBe('00000000-0000-0000-0000-000000000000');
    expect(ev('[subscription().id]')).toBe('/subscriptions/00000000-0000-0000-0000-000000000000');
    expect(ev('[tenant().tenantId]')).toBe('00000000-0000-0000-0000-000000000000');
    expect(ev('[deployment().name]')).toBe('deployment');
  });

  it('takes the values the caller knows', () => {
    const scope = deploymentScope({
      subscriptionId: '11111111-1111-1111-1111-111111111111',
      resourceGroupName: 'rg-aks',
      location: 'westeurope',
      deploymentName: 'main',
      tenantId: '22222222-2222-2222-2222-222222222222',
    });
    const context: EvaluationContext = { scope };
    expect(ev('[resourceGroup()]', context)).toEqual({
      id: '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks',
      name: 'rg-aks',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'westeurope',
      properties: { provisioningState: 'Succeeded' },
    });
    expect(ev('[subscription().tenantId]', context)).toBe('22222222-2222-2222-2222-222222222222');
    expect(ev("[take(format('{0}-network', deployment().name), 64)]", context)).toBe('main-network');
  });

  it('returns the public cloud environment() of the deployment-functions docs', () => {
    expect(ev('[environment()]')).toEqual(PUBLIC_CLOUD_ENVIRONMENT);
    expect(ev('[environment().suffixes.acrLoginServer]')).toBe('.azurecr.io');
    expect(ev('[environment().name]')).toBe('AzureCloud');
  });

  it('keeps unknown scope parts unknown, with stable refs', () => {
    const subscriptionId = new Unknown('not given', 'subscription().subscriptionId');
    const context: EvaluationContext = { scope: deploymentScope({ subscriptionId }) };
    const id = expectUnknown(ev('[resourceGroup().id]', context));
    expect(id.ref).toBe('/subscriptions/{subscription().subscriptionId}/resourceGroups/resource-group');
    expect(expectUnknown(ev('[uniqueString(resourceGroup().id)]', context)).ref).toBeUndefined();
  });

  it('names the value format() and string interpolation build from an unknown', () => {
    const subscriptionId = new Unknown('not given', 'subscription().subscriptionId');
    const context: EvaluationContext = { scope: deploymentScope({ subscriptionId }) };
    const id = "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi')";
    // Bicep writes the key '${controlPlane.id}' as format('{0}', resourceId(…)): the same value as the ID itself.
    expect(expectUnknown(ev(`[format('{0}', ${id})]`, context)).ref).toBe(
      expectUnknown(ev(`[${id}]`, context)).ref,
    );
    expect(expectUnknown(ev("[format('kv-{0}-{1}', parameters('u'), 'x')]")).ref).toBe(
      "kv-{parameters('u')}-x",
    );
    expect(expectUnknown(ev("[format('{0:D3}', parameters('u'))]")).ref).toBeUndefined();
    expect(expectUnknown(ev("[format(parameters('u'), 'x')]")).ref).toBeUndefined();
  });

  it('says which scope functions a scope lacks', () => {
    const context: EvaluationContext = { scope: deploymentScope({ kind: 'subscription' }) };
    const error = errorOf(() => ev('[resourceGroup().location]', context));
    expect(error.kind).toBe('reference');
    expect(error.detail).toBe('resourceGroup(): not available in a template deployed at subscription scope');
  });

  it('marks values that change with every deployment as unknown', () => {
    expect(expectUnknown(ev('[utcNow()]')).reason).toBe('utcNow() is the time of the deployment');
    expect(expectUnknown(ev("[utcNow('u')]")).reason).toBe('utcNow() is the time of the deployment');
    expect(expectUnknown(ev('[newGuid()]')).reason).toBe('newGuid() returns a new value in every deployment');
    expect(isUnknown(ev('[deployer()]'))).toBe(true);
  });
});

// Resource functions: template-functions-resource on learn.microsoft.com.
describe('resource IDs (forms from the ARM docs)', () => {
  const sub = '00000000-0000-0000-0000-000000000000';
  cases([
    [
      "[resourceId('Microsoft.Storage/storageAccounts', 'examplestorage')]",
      `/subscriptions/${sub}/resourceGroups/resource-group/providers/Microsoft.Storage/storageAccounts/examplestorage`,
    ],
    [
      "[resourceId('otherResourceGroup', 'Microsoft.Storage/storageAccounts', 'examplestorage')]",
      `/subscriptions/${sub}/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/examplestorage`,
    ],
    [
      "[resourceId('11111111-1111-1111-1111-111111111111', 'otherResourceGroup', 'Microsoft.Storage/storageAccounts', 'examplestorage')]",
      '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/examplestorage',
    ],
    [
      "[resourceId('Microsoft.SQL/servers/databases', 'serverName', 'databaseName')]",
      `/subscriptions/${sub}/resourceGroups/resource-group/providers/Microsoft.SQL/servers/serverName/databases/databaseName`,
    ],
    [
      "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]",
      `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`,
    ],
    [
      "[subscriptionResourceId('11111111-1111-1111-1111-111111111111', 'Microsoft.Resources/resourceGroups', 'rg')]",
      '/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Resources/resourceGroups/rg',
    ],
    [
      "[tenantResourceId('Microsoft.Authorization/policyDefinitions', '0a914e76-4921-4c19-b460-a2d36003525a')]",
      '/providers/Microsoft.Authorization/policyDefinitions/0a914e76-4921-4c19-b460-a2d36003525a',
    ],
    [
      "[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'locationpolicy')]",
      '/providers/Microsoft.Management/managementGroups/management-group/providers/Microsoft.Authorization/policyDefinitions/locationpolicy',
    ],
    [
      "[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p')]",
      '/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p',
    ],
    [
      "[extensionResourceId(resourceId('Microsoft.ContainerRegistry/registries', 'cr'), 'Microsoft.Authorization/roleAssignments', 'ra')]",
      `/subscriptions/${sub}/resourceGroups/resource-group/providers/Microsoft.ContainerRegistry/registries/cr/providers/Microsoft.Authorization/roleAssignments/ra`,
    ],
    [
      "[extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, 'rg2'), 'Microsoft.ContainerService/managedClusters', 'aks')]",
      `/subscriptions/${sub}/resourceGroups/rg2/providers/Microsoft.ContainerService/managedClusters/aks`,
    ],
  ]);

  it('builds IDs at the level the template is deployed to', () => {
    const subscriptionScope: EvaluationContext = { scope: deploymentScope({ kind: 'subscription' }) };
    expect(ev("[resourceId('Microsoft.Resources/resourceGroups', 'rg')]", subscriptionScope)).toBe(
      `/subscriptions/${sub}/providers/Microsoft.Resources/resourceGroups/rg`,
    );
    const tenantScope: EvaluationContext = { scope: deploymentScope({ kind: 'tenant' }) };
    expect(ev("[resourceId('Microsoft.Management/managementGroups', 'mg')]", tenantScope)).toBe(
      '/providers/Microsoft.Management/managementGroups/mg',
    );
  });

  it('names an ID built from an unknown parameter after its parts', () => {
    const id = expectUnknown(
      ev("[resourceId('Microsoft.ContainerService/managedClusters', parameters('u'))]"),
    );
    expect(id.reason).toBe('no value given');
    expect(id.ref).toBe(
      `/subscriptions/${sub}/resourceGroups/resource-group/providers/Microsoft.ContainerService/managedClusters/{parameters('u')}`,
    );
  });

  it.each([
    [
      "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]",
      "resource type 'Microsoft.Network/virtualNetworks/subnets' needs 2 names, got 1",
    ],
    ["[resourceId('storage', 'name')]", "needs a resource type such as 'Microsoft.Network/virtualNetworks'"],
    [
      "[resourceId('a', 'b', 'c', 'Microsoft.Storage/storageAccounts', 'x')]",
      'takes at most a subscription ID and a resource group name before the type',
    ],
    ["[resourceId('Microsoft.Storage/storageAccounts', 1)]", 'argument 2 must be a string, got an int'],
  ])('%s fails', (text, detail) => {
    const error = errorOf(() => ev(text));
    expect(error.kind).toBe('argument');
    expect(error.detail).toBe(`resourceId(): ${detail}`);
  });
});

describe('reference() and runtime values', () => {
  const clusterId =
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/resource-group/providers/microsoft.containerservice/managedclusters/aks';
  const kubeletRef = `reference(${clusterId}).identityprofile.kubeletidentity.objectid`;

  it.each([
    "[reference(resourceId('Microsoft.ContainerService/managedClusters', parameters('name')), '2024-01-01').identityProfile.kubeletidentity.objectId]",
    "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks'), '2023-11-01').identityProfile.kubeletIdentity.objectId]",
    "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'AKS'), '2024-01-01', 'Full').properties.identityProfile.kubeletidentity.objectId]",
    "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks'))['identityProfile']['kubeletidentity'].objectId]",
    "[reference(concat(resourceGroup().id, '/providers/Microsoft.ContainerService/managedClusters/aks')).identityProfile.kubeletidentity.objectId]",
  ])('%s names the kubelet objectId the same way', (text) => {
    const value = expectUnknown(ev(text));
    expect(value.reason).toBe(KNOWN_AFTER_DEPLOYMENT);
    expect(value.ref).toBe(kubeletRef);
  });

  it('joins the two reads of the same cluster in a real template (AKS-Construction, different API versions)', () => {
    // Expressions copied from Azure/AKS-Construction samples/shared-acr/main.json, which reads the cluster with two
    // API versions in two places; nothing is read from disk, so the test needs no fixture.
    const context: EvaluationContext = { parameters: { resourceName: 'demo' } };
    const a = ev(
      "[reference(resourceId('Microsoft.ContainerService/managedClusters', format('aks-{0}', parameters('resourceName'))), '2023-11-01').identityProfile.kubeletidentity.objectId]",
      context,
    );
    const b = ev(
      "[reference(resourceId('Microsoft.ContainerService/managedClusters', format('aks-{0}', parameters('resourceName'))), '2024-01-01').identityProfile.kubeletidentity.objectId]",
      context,
    );
    expect(expectUnknown(a).ref).toBe(expectUnknown(b).ref);
    expect(
      ev(
        "[equals(reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks-demo')).identityProfile.kubeletidentity.objectId, reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks-demo'), '2024-01-01').identityProfile.kubeletIdentity.objectId)]",
        context,
      ),
    ).toBe(true);
  });

  it('names top-level properties read in full mode after the resource', () => {
    const value = expectUnknown(
      ev(
        "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks'), '2024-01-01', 'Full').identity.principalId]",
      ),
    );
    expect(value.ref).toBe(`resource(${clusterId}).identity.principalid`);
    expect(referenceRef(clusterId, ['identity', 'principalId'], true)).toBe(value.ref);
  });

  it('extends the ref of an unknown when reading into it', () => {
    const context: EvaluationContext = {
      variables: { cluster: "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks'))]" },
    };
    expect(
      expectUnknown(ev("[variables('cluster').identityProfile.kubeletidentity.objectId]", context)).ref,
    ).toBe(kubeletRef);
    expect(expectUnknown(ev("[parameters('u').foo]")).ref).toBe("parameters('u').foo");
    expect(expectUnknown(ev("[parameters('u')[0]['a b']]")).ref).toBe("parameters('u')[0]['a b']");
    expect(expectUnknown(ev("[parameters('u')[length(parameters('u'))]]")).ref).toBeUndefined();
  });

  it('asks the caller, with the whole path, and uses what it knows', () => {
    const requests: ReferenceRequest[] = [];
    const context: EvaluationContext = {
      resolveReference: (request) => {
        requests.push(request);
        return request.path[0] === 'outputs' ? 'output value' : undefined;
      },
    };
    expect(
      ev(
        "[reference(resourceId('Microsoft.Resources/deployments', 'nested'), '2022-09-01').outputs.x.value]",
        context,
      ),
    ).toBe('output value');
    const principal = expectUnknown(
      ev(
        "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'uai'), '2023-01-31').principalId]",
        context,
      ),
    );
    expect(principal.ref).toMatch(/^reference\(.*\/userassignedidentities\/uai\)\.principalid$/);
    expect(requests).toEqual([
      {
        target:
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.Resources/deployments/nested',
        resourceId:
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.Resources/deployments/nested',
        apiVersion: '2022-09-01',
        full: false,
        path: ['outputs', 'x', 'value'],
        ref: 'reference(/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/resource-group/providers/microsoft.resources/deployments/nested).outputs.x.value',
      },
      expect.objectContaining({ path: ['principalId'], apiVersion: '2023-01-31' }),
    ]);
  });

  it('resolves symbolic names through the caller (languageVersion 2.0)', () => {
    const context: EvaluationContext = {
      resolveResourceInfo: (name) =>
        name === 'aks'
          ? {
              id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.ContainerService/managedClusters/aks',
              name: 'aks',
              type: 'Microsoft.ContainerService/managedClusters',
              apiVersion: '2024-01-01',
            }
          : undefined,
    };
    expect(
      expectUnknown(ev("[reference('aks').identityProfile.kubeletidentity.objectId]", context)).ref,
    ).toBe(kubeletRef);
    expect(ev("[resourceInfo('aks').name]", context)).toBe('aks');
    const unknownInfo = expectUnknown(ev("[resourceInfo('other')]", context));
    expect(unknownInfo.ref).toBe('resourceinfo(other)');
    expect(expectUnknown(ev("[reference('other').principalId]", context)).ref).toBe(
      'reference(other).principalid',
    );
  });

  it('follows an unknown target by its ref', () => {
    const value = expectUnknown(
      ev(
        "[reference(resourceId('Microsoft.ContainerService/managedClusters', parameters('u'))).oidcIssuerProfile.issuerURL]",
      ),
    );
    expect(value.ref).toBe(
      "reference(/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/resource-group/providers/microsoft.containerservice/managedclusters/{parameters('u')}).oidcissuerprofile.issuerurl",
    );
  });

  it('treats list*() as known only at deployment', () => {
    const keys = expectUnknown(
      ev("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').keys[0].value]"),
    );
    expect(keys.reason).toBe('listKeys() returns values known only at deployment');
    expect(keys.ref).toBe(
      'listkeys(/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/resource-group/providers/microsoft.storage/storageaccounts/sa).keys[0].value',
    );
    expect(isUnknown(ev("[listCredentials(parameters('u'), '2023-01-01')]"))).toBe(true);
  });

  it("rejects a third argument other than 'Full'", () => {
    expect(errorOf(() => ev("[reference('x', '2020-01-01', 'Partial')]")).detail).toBe(
      "reference() expects 'Full' as argument 3, got 'Partial'",
    );
  });
});

describe('unknown values', () => {
  // Every function given an unknown argument where its result depends on it.
  it.each([
    "[concat('a', parameters('u'))]",
    "[concat(parameters('u'), createArray(1))]",
    "[format('{0}', parameters('u'))]",
    "[equals(parameters('u'), 'x')]",
    "[equals('x', parameters('u'))]",
    "[not(parameters('u'))]",
    "[and(true(), parameters('u'))]",
    "[or(false(), parameters('u'))]",
    "[if(parameters('u'), 'a', 'b')]",
    "[empty(parameters('u'))]",
    "[length(parameters('u'))]",
    "[contains(parameters('u'), 'a')]",
    "[contains('abc', parameters('u'))]",
    "[contains(createArray('a', parameters('u')), 'b')]",
    "[union(parameters('u'), createObject())]",
    "[union(createArray(parameters('u')), createArray(1))]",
    "[intersection(parameters('u'), createArray())]",
    "[json(parameters('u'))]",
    "[string(parameters('u'))]",
    "[string(createArray(parameters('u')))]",
    "[int(parameters('u'))]",
    "[bool(parameters('u'))]",
    "[toLower(parameters('u'))]",
    "[toUpper(parameters('u'))]",
    "[replace(parameters('u'), 'a', 'b')]",
    "[replace('abc', parameters('u'), 'b')]",
    "[split(parameters('u'), ',')]",
    "[join(parameters('u'), ',')]",
    "[join(createArray('a', parameters('u')), ',')]",
    "[first(parameters('u'))]",
    "[last(parameters('u'))]",
    "[skip(parameters('u'), 1)]",
    "[take('abc', parameters('u'))]",
    "[startsWith(parameters('u'), 'a')]",
    "[endsWith('a', parameters('u'))]",
    "[substring(parameters('u'), 1)]",
    "[trim(parameters('u'))]",
    "[indexOf(parameters('u'), 'a')]",
    "[lastIndexOf('abc', parameters('u'))]",
    "[indexOf(createArray(parameters('u'), 'a'), 'a')]",
    "[padLeft(parameters('u'), 5)]",
    "[min(parameters('u'), 1)]",
    "[max(createArray(1, parameters('u')))]",
    "[add(parameters('u'), 1)]",
    "[sub(1, parameters('u'))]",
    "[mul(parameters('u'), 2)]",
    "[div(parameters('u'), 2)]",
    "[mod(7, parameters('u'))]",
    "[less(parameters('u'), 1)]",
    "[lessOrEquals(parameters('u'), 1)]",
    "[greater(parameters('u'), 1)]",
    "[greaterOrEquals(parameters('u'), 1)]",
    "[array(parameters('u'))]",
    "[createObject(parameters('u'), 1)]",
    "[base64(parameters('u'))]",
    "[base64ToString(parameters('u'))]",
    "[base64ToJson(parameters('u'))]",
    "[dataUri(parameters('u'))]",
    "[dataUriToString(parameters('u'))]",
    "[uri(parameters('u'), 'a')]",
    "[uriComponent(parameters('u'))]",
    "[uriComponentToString(parameters('u'))]",
    "[uniqueString(parameters('u'))]",
    "[uniqueString(resourceGroup().id, parameters('u'))]",
    "[guid(parameters('u'), 'a')]",
    "[range(parameters('u'), 2)]",
    "[flatten(parameters('u'))]",
    "[flatten(createArray(parameters('u')))]",
    "[items(parameters('u'))]",
    "[objectKeys(parameters('u'))]",
    "[tryGet(parameters('u'), 'a')]",
    "[tryGet(createObject('a', 1), parameters('u'))]",
    "[shallowMerge(parameters('u'))]",
    "[coalesce(parameters('u'), 'a')]",
    "[coalesce(null(), parameters('u'), 'a')]",
    "[map(parameters('u'), lambda('x', 1))]",
    "[filter(createArray(1), lambda('x', parameters('u')))]",
    "[filter(parameters('u'), lambda('x', true()))]",
    "[reduce(parameters('u'), 0, lambda('a', 'b', 1))]",
    "[sort(createArray(2, 1), lambda('a', 'b', parameters('u')))]",
    "[toObject(createArray('a'), lambda('x', parameters('u')))]",
    "[mapValues(parameters('u'), lambda('v', 1))]",
    "[resourceId('Microsoft.Storage/storageAccounts', concat('x', parameters('u')))]",
    "[subscriptionResourceId(parameters('u'), 'Microsoft.Authorization/roleDefinitions', 'x')]",
    "[tenantResourceId('Microsoft.Authorization/policyDefinitions', parameters('u'))]",
    "[managementGroupResourceId(parameters('u'), 'Microsoft.Authorization/policyDefinitions', 'x')]",
    "[extensionResourceId(parameters('u'), 'Microsoft.Authorization/locks', 'x')]",
    "[parameters(parameters('u'))]",
    "[variables(parameters('u'))]",
    "[createArray('a', 'b')[parameters('u')]]",
    '[copyIndex()]',
  ])('%s is unknown', (text) => {
    const value = expectUnknown(ev(text));
    expect(value.reason.length).toBeGreaterThan(0);
  });

  it('keeps results that do not depend on the unknown', () => {
    expect(ev("[if(true(), 'x', parameters('u'))]")).toBe('x');
    expect(ev("[if(false(), parameters('u'), 'y')]")).toBe('y');
    expect(ev("[if(parameters('u'), 'same', 'same')]")).toBe('same');
    expect(ev("[coalesce('a', parameters('u'))]")).toBe('a');
    expect(ev("[and(false(), parameters('u'))]")).toBe(false);
    expect(ev("[and(parameters('u'), false())]")).toBe(false);
    expect(ev("[or(true(), parameters('u'))]")).toBe(true);
    expect(ev("[or(parameters('u'), true())]")).toBe(true);
    expect(ev("[length(createArray(parameters('u'), 1))]")).toBe(2);
    expect(ev("[empty(createArray(parameters('u')))]")).toBe(false);
    expect(ev("[contains(createArray('x', parameters('u')), 'x')]")).toBe(true);
    expect(ev("[contains(createObject('a', parameters('u')), 'a')]")).toBe(true);
    expect(ev("[equals(parameters('u'), parameters('u'))]")).toBe(true);
    expect(ev("[equals(createArray(parameters('u')), createArray(1, 2))]")).toBe(false);
    expect(ev("[objectKeys(createObject('a', parameters('u')))]")).toEqual(['a']);
  });

  it('returns the unknown itself where the result is exactly it', () => {
    expect(ev("[coalesce(null(), parameters('u'))]")).toBe(U);
    expect(ev("[first(createArray(parameters('u'), 1))]")).toBe(U);
    expect(ev("[createArray(1, parameters('u'))[1]]")).toBe(U);
    expect(ev("[if(true(), parameters('u'), 'x')]")).toBe(U);
    expect(ev("[tryGet(createObject('a', parameters('u')), 'a')]")).toBe(U);
  });

  it('stays element-wise inside objects and arrays', () => {
    expect(ev("[createObject('a', parameters('u'), 'b', 1)]")).toEqual({ a: U, b: 1 });
    expect(ev("[createArray(parameters('u'), 'x')]")).toEqual([U, 'x']);
    expect(ev("[union(createObject('a', parameters('u')), createObject('b', 1))]")).toEqual({ a: U, b: 1 });
    expect(ev("[union(createObject('a', 1), createObject('a', parameters('u')))]")).toEqual({ a: U });
    expect(ev("[map(createArray(1, 2), lambda('x', parameters('u')))]")).toEqual([U, U]);
    const merged = ev("[union(createObject('a', createObject('x', 1)), createObject('a', parameters('u')))]");
    expect(isUnknown((merged as Record<string, ArmValue>)['a'])).toBe(true);
  });

  it('treats a distinct unknown (an identifier of its own) as different from known strings', () => {
    const id = new Unknown(KNOWN_AFTER_DEPLOYMENT, 'reference(x).principalid', true);
    const other = new Unknown(KNOWN_AFTER_DEPLOYMENT, 'reference(y).principalid', true);
    const context: EvaluationContext = { parameters: { id, other } };
    expect(ev("[equals(parameters('id'), '1234')]", context)).toBe(false);
    expect(ev("[equals(parameters('id'), parameters('other'))]", context)).toBe(false);
    expect(ev("[equals(parameters('id'), parameters('id'))]", context)).toBe(true);
  });

  it('names an unsupported function and never evaluates its arguments', () => {
    const value = expectUnknown(ev("[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')]"));
    expect(value.reason).toBe("function 'pickZones' is not supported");
    expect(expectUnknown(ev("[dateTimeAdd(parameters('list')[99], 'P1D')]")).reason).toBe(
      "function 'dateTimeAdd' is not supported",
    );
  });

  it('gives a wholly unknown variable a ref of its own, so two reads compare equal', () => {
    const context: EvaluationContext = {
      parameters: { u: U },
      variables: { v: "[concat('a', parameters('u'))]" },
    };
    expect(expectUnknown(ev("[variables('v')]", context)).ref).toBe("variables('v')");
    expect(ev("[equals(variables('v'), variables('V'))]", context)).toBe(true);
  });
});

describe('variables', () => {
  it('evaluates lazily, once, with case-insensitive names', () => {
    const evaluator = new Evaluator({
      parameters: { p: 'x' },
      variables: {
        Name: "[concat('aks-', parameters('p'))]",
        unused: "[parameters('missing')]",
        nested: { a: "[variables('name')]" },
      },
    });
    expect(evaluator.evaluate("[variables('name')]")).toBe('aks-x');
    expect(evaluator.evaluate("[variables('NESTED').a]")).toBe('aks-x');
    expect(evaluator.variable('nested')).toEqual({ a: 'aks-x' });
  });

  it('reports a cycle with its path', () => {
    const context: EvaluationContext = {
      variables: { a: "[variables('b')]", b: "[concat(variables('c'), 'x')]", c: "[variables('a')]" },
    };
    const error = errorOf(() => ev("[variables('a')]", context));
    expect(error.kind).toBe('reference');
    expect(error.detail).toBe("variable 'a' refers to itself: a -> b -> c -> a");
    expect(
      errorOf(() => ev("[variables('self')]", { variables: { self: "[variables('self')]" } })).detail,
    ).toBe("variable 'self' refers to itself: self -> self");
  });

  it('says which variable failed', () => {
    const error = errorOf(() => ev("[variables('v')]", { variables: { v: "[substring('abc', 5)]" } }));
    expect(error.detail).toBe(
      "in variable 'v': substring(): the index and length must refer to a location within the string: index 5, length -2, string length 3",
    );
    expect(error.expression).toBe("[substring('abc', 5)]");
  });

  it('expands variable copy loops (the items() example of the object-functions docs)', () => {
    const variables = {
      copy: [
        {
          name: 'modifiedListOfEntities',
          count: "[length(items(variables('entities')))]",
          input: {
            key: "[items(variables('entities'))[copyIndex('modifiedListOfEntities')].key]",
            fullName: "[items(variables('entities'))[copyIndex('modifiedListOfEntities')].value.displayName]",
            itemEnabled: "[items(variables('entities'))[copyIndex('modifiedListOfEntities')].value.enabled]",
          },
        },
      ],
      entities: {
        item002: { enabled: false, displayName: 'Example item 2', number: 200 },
        item001: { enabled: true, displayName: 'Example item 1', number: 300 },
      },
    };
    expect(ev("[variables('modifiedListOfEntities')]", { variables })).toEqual([
      { fullName: 'Example item 1', itemEnabled: true, key: 'item001' },
      { fullName: 'Example item 2', itemEnabled: false, key: 'item002' },
    ]);
  });

  it('reports a missing variable or parameter by name', () => {
    expect(errorOf(() => ev("[variables('nope')]")).detail).toBe("the template has no variable 'nope'");
    const error = errorOf(() => ev("[concat('a', parameters('nope'))]"));
    expect(error.detail).toBe("the template has no parameter 'nope'");
    expect(error.column).toBe(14);
  });
});

describe('user-defined functions', () => {
  // Shaped as Bicep compiles `func` declarations (namespace __bicep) and as the ARM docs show user functions.
  const functions = [
    {
      namespace: '__bicep',
      members: {
        clusterName: {
          parameters: [{ name: 'env', type: 'string' }],
          output: { type: 'string', value: "[format('aks-{0}', toLower(parameters('env')))]" },
        },
        clusterId: {
          parameters: [{ name: 'env', type: 'string' }],
          output: {
            type: 'string',
            value:
              "[resourceId('Microsoft.ContainerService/managedClusters', __bicep.clusterName(parameters('env')))]",
          },
        },
        tags: {
          parameters: [{ name: 'owner', type: 'string' }],
          output: { type: 'object', value: { owner: "[parameters('owner')]", fixed: 'yes' } },
        },
        usesVariables: { parameters: [], output: { type: 'string', value: "[variables('v')]" } },
        loop: { parameters: [], output: { type: 'string', value: '[__bicep.loop()]' } },
      },
    },
  ];
  const context: EvaluationContext = { parameters: { env: 'TEST' }, variables: { v: 'x' }, functions };

  it('evaluates with their own parameters() scope', () => {
    expect(ev("[__bicep.clusterName(parameters('env'))]", context)).toBe('aks-test');
    expect(ev("[__BICEP.CLUSTERNAME('Prod')]", context)).toBe('aks-prod');
    expect(ev("[__bicep.clusterId('dev')]", context)).toBe(
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.ContainerService/managedClusters/aks-dev',
    );
    expect(ev("[__bicep.tags('me').owner]", context)).toBe('me');
  });

  it('reports misuse clearly', () => {
    expect(errorOf(() => ev("[__bicep.clusterName('a', 'b')]", context)).detail).toBe(
      'clusterName() expects 1 argument, got 2',
    );
    expect(errorOf(() => ev('[__bicep.nope()]', context)).detail).toBe(
      "the template defines no function '__bicep.nope'",
    );
    expect(errorOf(() => ev('[__bicep.usesVariables()]', context)).detail).toBe(
      "in function '__bicep.usesVariables': function '__bicep.usesVariables' cannot use variables()",
    );
  });

  it('stops runaway recursion at the depth limit', () => {
    const error = errorOf(() => ev('[__bicep.loop()]', context));
    expect(error.kind).toBe('limit');
    expect(error.detail).toContain('user-defined function calls nested deeper than 200 levels');
  });
});

describe('copyIndex and copy loops', () => {
  it('reads the loop state the caller gives', () => {
    const evaluator = new Evaluator(BASE);
    expect(evaluator.evaluate("[concat('vm', copyIndex())]", { copy: { index: 2 } })).toBe('vm2');
    expect(evaluator.evaluate('[copyIndex(1)]', { copy: { index: 2 } })).toBe(3);
    expect(evaluator.evaluate("[copyIndex('Disks', 1)]", { copy: { named: { disks: 0 } } })).toBe(1);
    expect(expectUnknown(evaluator.evaluate("[copyIndex('other')]", { copy: { index: 1 } })).ref).toBe(
      "copyIndex('other')",
    );
    expect(expectUnknown(evaluator.evaluate('[copyIndex(1)]')).ref).toBeUndefined();
    expect(new Evaluator({ copy: { index: 4 } }).evaluate('[copyIndex()]')).toBe(4);
    expect(new Evaluator({ copy: { index: 4 } }).evaluate('[copyIndex()]', { copy: { index: 5 } })).toBe(5);
  });

  it('expands property copy loops while walking JSON', () => {
    const properties = {
      copy: [
        {
          name: 'dataDisks',
          count: 2,
          input: { lun: "[copyIndex('dataDisks')]", name: "[format('disk{0}', copyIndex('dataDisks', 1))]" },
        },
      ],
      osType: 'Linux',
    };
    expect(evaluateJson(properties)).toEqual({
      dataDisks: [
        { lun: 0, name: 'disk1' },
        { lun: 1, name: 'disk2' },
      ],
      osType: 'Linux',
    });
  });

  it('rejects a copy count Azure would reject', () => {
    const error = errorOf(() => evaluateJson({ copy: [{ name: 'x', count: 801, input: 1 }] }));
    expect(error.detail).toBe("copy loop 'x' needs a count from 0 to 800, got 801");
    expect(error.jsonPath).toEqual(['copy', 0, 'count']);
  });
});

describe('evaluateJson', () => {
  it('evaluates values and expression keys (userAssignedIdentities)', () => {
    const identity = {
      type: 'UserAssigned',
      userAssignedIdentities: {
        "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('id-{0}', parameters('name')))]":
          {},
      },
      literal: '[[not an expression]',
    };
    expect(evaluateJson(identity, BASE)).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: {
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks':
          {},
      },
      literal: '[not an expression]',
    });
  });

  it('evaluates the identity keys compiled Bicep writes (mspnp/aks-baseline cluster-stamp.json)', () => {
    const identity = {
      type: 'UserAssigned',
      userAssignedIdentities: {
        "[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('mi-{0}-controlplane', variables('clusterName'))))]":
          {},
      },
    };
    expect(evaluateJson(identity, { variables: { clusterName: 'aks-bu0001a0008' } })).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: {
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-aks-bu0001a0008-controlplane':
          {},
      },
    });
  });

  it('makes an object whose key is unknown unknown, and keeps its siblings', () => {
    const value = evaluateJson(
      { type: 'UserAssigned', userAssignedIdentities: { "[parameters('u')]": {} } },
      BASE,
    ) as Record<string, ArmValue>;
    expect(value['type']).toBe('UserAssigned');
    expect(expectUnknown(value['userAssignedIdentities'] ?? null).reason).toBe(
      'a property name is unknown (no value given)',
    );
  });

  it('locates errors by JSON path, and lets the caller stand in for them', () => {
    const resource = { name: 'ok', properties: { list: ['fine', "[parameters('missing')]"] } };
    const error = errorOf(() => evaluateJson(resource, BASE));
    expect(error.jsonPath).toEqual(['properties', 'list', 1]);
    const seen: ExpressionError[] = [];
    const value = new Evaluator(BASE).evaluateJson(resource, {
      onError: (e) => {
        seen.push(e);
        return new Unknown(`not evaluated: ${e.detail}`);
      },
    });
    expect(seen.map((e) => e.jsonPath)).toEqual([['properties', 'list', 1]]);
    expect(value).toEqual({
      name: 'ok',
      properties: { list: ['fine', new Unknown("not evaluated: the template has no parameter 'missing'")] },
    });
  });

  it('passes Unknown values the caller placed in the JSON through', () => {
    expect(evaluateJson({ a: U, b: [1, '[add(1, 1)]'] })).toEqual({ a: U, b: [1, 2] });
  });
});

describe('argument errors', () => {
  it.each([
    ['[concat()]', 'concat() expects at least 1 argument, got 0'],
    ["[substring('abc', 1, 2, 3)]", 'substring() expects 1 to 3 arguments, got 4'],
    ['[not(1)]', 'not(): argument 1 must be a bool, got an int'],
    ["[add('1', 2)]", 'add(): argument 1 must be an int, got a string'],
    ["[if('yes', 1, 2)]", 'if(): argument 1 must be a bool, got a string'],
    ['[div(1, 0)]', 'div(): division by zero'],
    ["[createObject('a')]", 'createObject(): expects pairs of key and value: got an odd number of arguments'],
    ["[createObject('a', 1, 'A', 2)]", "createObject(): property 'A' is given twice"],
    ["[less(1, 'a')]", 'less(): arguments must both be ints or both be strings, got number and string'],
    ["[json('{bad')]", "json(): not valid JSON at character 5: expected ':' after a property name"],
    ["[base64ToString('***')]", 'base64ToString(): argument 1 must be a base64 string, got a string'],
    ['[range(0, 10001)]', 'range(): argument 2 must be an int from 0 to 10000, got an int'],
    ['[createArray(1, 2)[2]]', 'index 2 is out of range for an array of 2'],
    ["[createObject('a', 1).b]", "property 'b' does not exist (it has a)"],
    ['[createArray(1).a]', "an array is indexed by an int, not 'a'"],
    ["[lambdaVariables('x')]", "no lambda variable named 'x' is in scope"],
    ["[lambda('x', 1)]", 'lambda() can only be an argument of a function such as map() or filter()'],
    ['[map(createArray(1), 1)]', 'map(): expects lambda(...) as the function argument'],
    [
      "[bool('yes')]",
      "bool(): argument 1 must be a bool, an int, or the string 'true' or 'false', got a string",
    ],
    ["[join(createArray(1), ',')]", 'join(): element 0 of the array is not a string'],
  ])('%s', (text, detail) => {
    const error = errorOf(() => ev(text));
    expect(error.detail).toBe(detail);
    expect(error.expression).toBe(text);
    expect(error.message).not.toMatch(/\n|\bat\s+\S+\s+\(/);
  });

  it('points at the failing call inside a larger expression', () => {
    const text = "[concat('a', substring('abc', 9))]";
    expect(errorOf(() => ev(text)).column).toBe(text.indexOf('substring') + 1);
  });
});

describe('hostile templates', () => {
  it('stops long variable chains with a clear error', () => {
    const variables: Record<string, string> = {};
    for (let i = 0; i < 400; i++) variables[`v${i}`] = `[variables('v${i + 1}')]`;
    variables['v400'] = 'end';
    const error = errorOf(() => ev("[variables('v0')]", { variables }));
    expect(error.kind).toBe('limit');
    expect(error.detail).toContain('nested deeper than 200 levels');
  });

  it('stops exponential growth through variables', () => {
    const variables: Record<string, string> = { v0: "[padLeft('', 1000, 'x')]" };
    for (let i = 1; i < 40; i++)
      variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    const error = errorOf(() => ev("[variables('v39')]", { variables }));
    expect(error.kind).toBe('limit');
    expect(error.detail).toContain('result longer than');
  });

  it('stops deeply nested JSON', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 300; i++) deep = { a: deep };
    expect(errorOf(() => evaluateJson(deep)).kind).toBe('limit');
    const text = `[json('${'['.repeat(2000)}${']'.repeat(2000)}')]`;
    expect(errorOf(() => ev(text)).kind).toBe('limit');
  });

  it('does not let object keys change prototypes', () => {
    const value = ev("[createObject('__proto__', createObject('polluted', true()))]") as Record<
      string,
      ArmValue
    >;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('performance', () => {
  // Timing belongs to `npm run bench`; this checks that a template-sized batch evaluates completely.
  it('evaluates a template-sized batch (2,000 resources, 500 variables)', () => {
    const variables: Record<string, string> = {};
    for (let i = 0; i < 500; i++) variables[`name${i}`] = `[format('res-{0}-{1}', parameters('name'), ${i})]`;
    const resources = Array.from({ length: 2000 }, (_, i) => ({
      type: 'Microsoft.Authorization/roleAssignments',
      name: `[guid(resourceId('Microsoft.Network/virtualNetworks', variables('name${i % 500}')), 'role')]`,
      properties: {
        principalId:
          "[reference(resourceId('Microsoft.ContainerService/managedClusters', parameters('name')), '2024-01-01').identityProfile.kubeletidentity.objectId]",
        scope: `[resourceId('Microsoft.Network/virtualNetworks', variables('name${i % 500}'))]`,
        enabled:
          "[and(not(empty(parameters('name'))), equals(toLower(parameters('location')), 'westeurope'))]",
      },
    }));
    const evaluator = new Evaluator({ ...BASE, variables });
    const result = evaluator.evaluateJson(resources) as Record<string, Record<string, ArmValue>>[];
    expect(result).toHaveLength(2000);
    expect(result[1999]?.['properties']?.['enabled']).toBe(true);
  });
});

describe('function table', () => {
  it('covers the functions the brief lists (names are case-insensitive)', () => {
    const required = [
      'concat',
      'format',
      'if',
      'equals',
      'not',
      'and',
      'or',
      'empty',
      'coalesce',
      'contains',
      'union',
      'intersection',
      'createobject',
      'createarray',
      'json',
      'string',
      'int',
      'bool',
      'length',
      'tolower',
      'toupper',
      'replace',
      'split',
      'join',
      'first',
      'last',
      'skip',
      'take',
      'startswith',
      'endswith',
      'substring',
      'trim',
      'indexof',
      'lastindexof',
      'padleft',
      'min',
      'max',
      'add',
      'sub',
      'mul',
      'div',
      'mod',
      'less',
      'lessorequals',
      'greater',
      'greaterorequals',
      'null',
      'true',
      'false',
      'array',
      'base64',
      'base64tostring',
      'datauri',
      'uniquestring',
      'guid',
      'newguid',
      'utcnow',
      'resourceid',
      'subscriptionresourceid',
      'tenantresourceid',
      'extensionresourceid',
      'managementgroupresourceid',
      'resourcegroup',
      'subscription',
      'tenant',
      'managementgroup',
      'deployment',
      'environment',
      'copyindex',
      'items',
      'range',
      'tryget',
      'objectkeys',
    ];
    expect(required.filter((name) => !(name in BUILTIN_FUNCTIONS))).toEqual([]);
    expect(ev("[CONCAT('a', ToUpper('b'))]")).toBe('aB');
  });

  it('evaluates through the convenience function too', () => {
    expect(evaluateExpression("[parameters('x')]", { parameters: { x: 1 } })).toBe(1);
  });
});
