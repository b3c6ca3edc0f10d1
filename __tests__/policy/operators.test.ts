import { Unknown } from '../../src/model/unknown.js';
import type { Condition } from '../../src/policy/policy-types.generated.js';
import { evaluate, verdict } from '../helpers/conditions.js';

const later = new Unknown('known after apply', 'azurerm_kubernetes_cluster.aks.identity[0].principal_id');
const entity = {
  name: 'AKS-Prod',
  count: 3,
  enabled: true,
  absent: undefined,
  nothing: null,
  empty: '',
  tags: ['Team-A', 'prod'],
  id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod',
  principal: later,
  samePrincipal: new Unknown('known after apply', 'azurerm_kubernetes_cluster.aks.identity[0].principal_id'),
  otherPrincipal: new Unknown('known after apply', 'azurerm_user_assigned_identity.x.principal_id'),
  unnamed: new Unknown('known after apply'),
  version: '1.29.4',
};

const cases: [string, Condition, boolean | 'unknown'][] = [
  // equals / notEquals: case-insensitive strings, as Azure compares names and IDs
  ['equals matches case-insensitively', { field: 'name', equals: 'aks-prod' }, true],
  ['equals on a different string', { field: 'name', equals: 'aks-dev' }, false],
  ['equals on numbers', { field: 'count', equals: 3 }, true],
  ['equals does not coerce types', { field: 'count', equals: '3' }, false],
  ['equals on booleans', { field: 'enabled', equals: true }, true],
  ['absent equals null', { field: 'absent', equals: null }, true],
  ['null equals null', { field: 'nothing', equals: null }, true],
  ['absent does not equal a value', { field: 'absent', equals: 'x' }, false],
  ['notEquals on a different value', { field: 'name', notEquals: 'aks-dev' }, true],
  ['notEquals on an absent value', { field: 'absent', notEquals: 'x' }, true],
  ['equals on an unknown value', { field: 'principal', equals: 'abc' }, 'unknown'],
  ['notEquals on an unknown value', { field: 'principal', notEquals: 'abc' }, 'unknown'],
  ['the same unknown value equals itself', { field: 'principal', equals: { field: 'samePrincipal' } }, true],
  [
    'different unknown values are undecided',
    { field: 'principal', equals: { field: 'otherPrincipal' } },
    'unknown',
  ],
  ['an unknown without a name is undecided', { field: 'unnamed', equals: { field: 'unnamed' } }, 'unknown'],
  // in / notIn
  ['in matches case-insensitively', { field: 'name', in: ['x', 'AKS-PROD'] }, true],
  ['in without a match', { field: 'name', in: ['x', 'y'] }, false],
  ['in on an unknown value', { field: 'principal', in: ['x'] }, 'unknown'],
  ['notIn without a match', { field: 'name', notIn: ['x'] }, true],
  ['notIn on an absent value', { field: 'absent', notIn: ['x'] }, true],
  ['in against an array field', { field: 'name', in: { field: 'tags' } }, false],
  ["in against another field's array", { field: 'tags[1]', in: { field: 'tags' } }, true],
  // exists
  ['exists on a value', { field: 'name', exists: true }, true],
  ['exists on an absent value', { field: 'absent', exists: true }, false],
  ['exists on null', { field: 'nothing', exists: true }, false],
  ['exists on an empty string', { field: 'empty', exists: true }, false],
  ['exists false on an absent value', { field: 'absent', exists: false }, true],
  ['exists on an unknown value', { field: 'principal', exists: true }, 'unknown'],
  // like / notLike: * wildcards, case-insensitive
  [
    'like with wildcards',
    { field: 'id', like: '/subscriptions/*/providers/microsoft.containerservice/*' },
    true,
  ],
  ['like without a match', { field: 'id', like: '*/virtualNetworks/*' }, false],
  ['like needs the whole string', { field: 'name', like: 'aks' }, false],
  ['like with a star alone', { field: 'name', like: '*' }, true],
  ['notLike', { field: 'name', notLike: 'aks-dev*' }, true],
  ['like on an unknown value', { field: 'principal', like: '*' }, 'unknown'],
  ['like on a number is false', { field: 'count', like: '*' }, false],
  // match: # digit, ? letter, . any character
  ['match digits and letters', { field: 'version', match: '#.##.#' }, true],
  ['match is case-sensitive', { field: 'name', match: 'aks-prod' }, false],
  ['matchInsensitively', { field: 'name', matchInsensitively: 'aks-prod' }, true],
  ['match ? is a letter', { field: 'name', match: '???-????' }, true],
  ['match needs the same length', { field: 'version', match: '#.##' }, false],
  ['notMatch', { field: 'version', notMatch: '?.##.#' }, true],
  ['notMatchInsensitively', { field: 'name', notMatchInsensitively: 'AKS-PROD' }, false],
  // contains / notContains
  ['contains a substring case-insensitively', { field: 'id', contains: 'MANAGEDCLUSTERS' }, true],
  ['contains an array element case-insensitively', { field: 'tags', contains: 'team-a' }, true],
  ['contains without a match', { field: 'tags', contains: 'dev' }, false],
  ['notContains', { field: 'tags', notContains: 'dev' }, true],
  ['contains on an unknown value', { field: 'principal', contains: 'x' }, 'unknown'],
  // A string may contain a value not known yet: undecided, never false.
  ['contains an unknown operand in a string', { field: 'id', contains: { field: 'principal' } }, 'unknown'],
  [
    'notContains an unknown operand in a string',
    { field: 'id', notContains: { field: 'principal' } },
    'unknown',
  ],
  ['contains on an absent value', { field: 'absent', contains: 'x' }, false],
  // ordering
  ['greater', { field: 'count', greater: 2 }, true],
  ['greater on equal numbers', { field: 'count', greater: 3 }, false],
  ['greaterOrEquals', { field: 'count', greaterOrEquals: 3 }, true],
  ['less', { field: 'count', less: 3 }, false],
  ['lessOrEquals', { field: 'count', lessOrEquals: 3 }, true],
  ['ordering of strings', { field: 'version', greater: '1.28' }, true],
  ['ordering across types is false', { field: 'count', greater: 'a' }, false],
  ['ordering on an unknown value', { field: 'principal', less: 3 }, 'unknown'],
  ['ordering on an absent value', { field: 'absent', less: 3 }, false],
  // Strings are ordered as Azure compares names: case-insensitively ('AKS-Prod' sorts after 'aks-dev').
  ['ordering of strings ignores case (greater)', { field: 'name', greater: 'aks-dev' }, true],
  ['ordering of strings ignores case (less)', { field: 'name', less: 'aks-qa' }, true],
  ['ordering of strings ignores case (equal)', { field: 'name', lessOrEquals: 'aks-prod' }, true],
];

describe('field operators', () => {
  it.each(cases)('%s', (_name, condition, expected) => {
    expect(verdict(evaluate(condition, entity))).toBe(expected);
  });
});

describe('raw input paths', () => {
  it('match property names case-insensitively, as Azure does', () => {
    const cluster = { raw: { properties: { enableRBAC: true } } };
    expect(evaluate({ field: 'raw.Properties.enableRbac', equals: true }, cluster)).toBe(true);
  });
});
