import { Unknown } from '../../src/model/unknown.js';
import type { Condition } from '../../src/policy/policy-types.generated.js';
import { compileProblems, evaluate, verdict } from '../helpers/conditions.js';

const T: Condition = { field: 't', equals: true };
const F: Condition = { field: 't', equals: false };
const U: Condition = { field: 'u', equals: true };
const values = { t: true, u: new Unknown('known after apply') };
const named = { T, F, U } as const;
type Name = keyof typeof named;

describe('Kleene three-valued logic', () => {
  const truth = { T: true, F: false, U: 'unknown' } as const;
  const and = (a: Name, b: Name): boolean | 'unknown' =>
    truth[a] === false || truth[b] === false
      ? false
      : truth[a] === true && truth[b] === true
        ? true
        : 'unknown';
  const or = (a: Name, b: Name): boolean | 'unknown' =>
    truth[a] === true || truth[b] === true
      ? true
      : truth[a] === false && truth[b] === false
        ? false
        : 'unknown';
  const pairs: [Name, Name][] = (['T', 'F', 'U'] as Name[]).flatMap((a) =>
    (['T', 'F', 'U'] as Name[]).map((b): [Name, Name] => [a, b]),
  );

  it.each(pairs)('allOf [%s, %s]', (a, b) => {
    expect(verdict(evaluate({ allOf: [named[a], named[b]] }, values))).toBe(and(a, b));
  });
  it.each(pairs)('anyOf [%s, %s]', (a, b) => {
    expect(verdict(evaluate({ anyOf: [named[a], named[b]] }, values))).toBe(or(a, b));
  });
  it.each(['T', 'F', 'U'] as Name[])('not %s', (a) => {
    const expected = truth[a] === 'unknown' ? 'unknown' : !truth[a];
    expect(verdict(evaluate({ not: named[a] }, values))).toBe(expected);
  });

  it('explains an unknown result by the field that is not known yet', () => {
    expect(evaluate({ allOf: [T, U] }, values)).toEqual({
      unknown: [{ field: 'u', reason: 'known after apply' }],
    });
  });
  it('keeps every different reason', () => {
    const other = { field: 'v', equals: true };
    const result = evaluate({ allOf: [U, other] }, { ...values, v: values.u });
    expect(result).toEqual({
      unknown: [
        { field: 'u', reason: 'known after apply' },
        { field: 'v', reason: 'known after apply' },
      ],
    });
  });
  it('names each reason once, however many undecided conditions share it', () => {
    const reasons = [{ field: 'u', reason: 'known after apply' }];
    expect(evaluate({ allOf: [U, T, U, { not: U }] }, values)).toEqual({ unknown: reasons });
    expect(evaluate({ anyOf: [U, F, U] }, values)).toEqual({ unknown: reasons });
  });
  it('drops the reasons of unknowns that did not decide the result', () => {
    expect(evaluate({ anyOf: [U, T] }, values)).toBe(true);
  });
});

describe('[*] paths', () => {
  const cluster = {
    assignments: [
      { role: { name: 'AcrPull' }, scope: { level: 'resource' } },
      { role: { name: 'Reader' }, scope: { level: 'resourceGroup' } },
    ],
    none: [],
    later: new Unknown('known after apply'),
    mixed: [{ name: 'a' }, { name: new Unknown('known after apply') }],
  };
  it('hold when the condition holds for every element', () => {
    expect(evaluate({ field: 'assignments[*].role.name', notIn: ['Owner', 'Contributor'] }, cluster)).toBe(
      true,
    );
    expect(evaluate({ field: 'assignments[*].scope.level', equals: 'resource' }, cluster)).toBe(false);
  });
  it('hold vacuously on an empty array', () => {
    expect(evaluate({ field: 'none[*].name', equals: 'x' }, cluster)).toBe(true);
  });
  it('are unknown when the array itself is unknown', () => {
    expect(verdict(evaluate({ field: 'later[*].name', equals: 'x' }, cluster))).toBe('unknown');
  });
  it('are unknown when an undecided element could change the result', () => {
    expect(verdict(evaluate({ field: 'mixed[*].name', equals: 'a' }, cluster))).toBe('unknown');
    expect(evaluate({ field: 'mixed[*].name', equals: 'b' }, cluster)).toBe(false);
  });
  it('index a single element', () => {
    expect(evaluate({ field: 'assignments[1].role.name', equals: 'reader' }, cluster)).toBe(true);
    expect(evaluate({ field: 'assignments[5].role.name', exists: false }, cluster)).toBe(true);
  });
});

describe('count', () => {
  const cluster = {
    name: 'aks',
    registryId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/cr',
    kubeletRoleAssignments: [
      {
        role: { name: 'AcrPull' },
        scope: {
          id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/CR',
        },
      },
      { role: { name: 'Reader' }, scope: { id: '/subscriptions/s' } },
      { role: { name: new Unknown('known after apply') }, scope: { id: '/subscriptions/s' } },
    ],
    laterList: new Unknown('known after apply'),
  };
  const acrPull: Condition = { field: 'role.name', equals: 'AcrPull' };

  it('counts the elements for which where holds', () => {
    expect(
      evaluate(
        {
          count: {
            field: 'kubeletRoleAssignments[*]',
            where: { field: 'scope.id', equals: '/SUBSCRIPTIONS/s' },
          },
          equals: 2,
        },
        cluster,
      ),
    ).toBe(true);
  });
  it('counts all elements without where, with or without [*]', () => {
    expect(evaluate({ count: { field: 'kubeletRoleAssignments[*]' }, equals: 3 }, cluster)).toBe(true);
    expect(evaluate({ count: { field: 'kubeletRoleAssignments' }, equals: 3 }, cluster)).toBe(true);
  });
  it('counts an absent array as empty', () => {
    expect(evaluate({ count: { field: 'missing[*]' }, equals: 0 }, cluster)).toBe(true);
  });
  it('is decided when every possible count gives the same answer', () => {
    // One AcrPull is certain, a second is possible: the count is 1 or 2.
    expect(
      evaluate({ count: { field: 'kubeletRoleAssignments[*]', where: acrPull }, greater: 0 }, cluster),
    ).toBe(true);
    expect(
      evaluate({ count: { field: 'kubeletRoleAssignments[*]', where: acrPull }, greater: 2 }, cluster),
    ).toBe(false);
  });
  it('is unknown when the possible counts disagree', () => {
    const result = evaluate(
      { count: { field: 'kubeletRoleAssignments[*]', where: acrPull }, equals: 1 },
      cluster,
    );
    expect(result).toEqual({ unknown: [{ field: 'role.name', reason: 'known after apply' }] });
  });
  it('is unknown when the array is unknown', () => {
    expect(verdict(evaluate({ count: { field: 'laterList[*]' }, equals: 0 }, cluster))).toBe('unknown');
  });
  it('compares an element with its enclosing entity through $outer (field to field)', () => {
    const where: Condition = {
      allOf: [acrPull, { field: 'scope.id', equals: { field: '$outer.registryId' } }],
    };
    expect(evaluate({ count: { field: 'kubeletRoleAssignments[*]', where }, equals: 1 }, cluster)).toBe(true);
  });
  it('reaches two levels out with $outer.$outer', () => {
    const nested = { name: 'top', groups: [{ items: [{ owner: 'top' }, { owner: 'other' }] }] };
    const condition: Condition = {
      count: {
        field: 'groups[*]',
        where: {
          count: { field: 'items[*]', where: { field: 'owner', equals: { field: '$outer.$outer.name' } } },
          equals: 1,
        },
      },
      equals: 1,
    };
    expect(evaluate(condition, nested)).toBe(true);
  });
  it('supports every comparison', () => {
    const count = { field: 'kubeletRoleAssignments[*]' };
    expect(evaluate({ count, notEquals: 2 }, cluster)).toBe(true);
    expect(evaluate({ count, greaterOrEquals: 3 }, cluster)).toBe(true);
    expect(evaluate({ count, less: 3 }, cluster)).toBe(false);
    expect(evaluate({ count, lessOrEquals: 3 }, cluster)).toBe(true);
  });
});

describe('field-to-field comparison', () => {
  it('compares two fields of the same element', () => {
    const credential = { issuer: 'https://oidc/abc', cluster: { oidcIssuer: { url: 'https://OIDC/abc' } } };
    expect(evaluate({ field: 'issuer', equals: { field: 'cluster.oidcIssuer.url' } }, credential)).toBe(true);
  });
});

describe('compile problems', () => {
  it('reject $outer outside a count', () => {
    expect(compileProblems({ field: '$outer.name', equals: 'x' })).toEqual([
      {
        path: ['field'],
        message: "'$outer.' reaches the element enclosing a count's where; '$outer.name' is not inside one",
      },
    ]);
  });
  it('reject $outer that goes out further than the counts nest', () => {
    const problems = compileProblems({
      count: { field: 'a[*]', where: { field: '$outer.$outer.x', exists: true } },
      equals: 0,
    });
    expect(problems).toEqual([
      {
        path: ['count', 'where', 'field'],
        message: "'$outer.$outer.x' goes out 2 levels, but it is nested in only 1 count",
      },
    ]);
  });
  it('reject [*] in a value to compare with', () => {
    expect(compileProblems({ field: 'a', equals: { field: 'b[*].c' } })).toEqual([
      {
        path: ['equals', 'field'],
        message: "'b[*].c' has [*]; a value to compare with must be a single value",
      },
    ]);
  });
});
