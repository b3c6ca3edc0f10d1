import { ancestorScopes, parseScope, scopeRank } from '../../src/model/scope.js';
import { Unknown } from '../../src/model/unknown.js';
import { roleDefinitionGuid } from '../../src/model/builtin-role-table.js';
import { builtInRoleById, builtInRoleByName } from '../../src/model/roles.js';
import { sameValue } from '../../src/model/values.js';

describe('parseScope', () => {
  it.each([
    ['/', { level: 'managementGroup' }],
    ['/providers/Microsoft.Management/managementGroups/mg-root', { level: 'managementGroup' }],
    ['/subscriptions/0000', { level: 'subscription', subscriptionId: '0000' }],
    ['/subscriptions/0000/resourceGroups/rg-a', { level: 'resourceGroup', resourceGroup: 'rg-a' }],
    // AKS returns lower-case `resourcegroups`
    ['/subscriptions/0000/resourcegroups/rg-a', { level: 'resourceGroup', resourceGroup: 'rg-a' }],
    [
      '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes',
      { level: 'resource', resourceType: 'Microsoft.Network/virtualNetworks/subnets', resourceGroup: 'rg' },
    ],
    [
      '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/cr/',
      { level: 'resource', resourceType: 'Microsoft.ContainerRegistry/registries' },
    ],
    [
      '/subscriptions/0000/providers/Microsoft.Security/pricings/default',
      { level: 'resource', resourceType: 'Microsoft.Security/pricings' },
    ],
  ])('%s', (id, expected) => {
    expect(parseScope(id)).toMatchObject(expected);
  });

  it.each([
    'subscriptions/0000',
    '/foo/bar',
    '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks',
  ])('rejects %s', (id) => {
    expect(parseScope(id)).toBeUndefined();
  });

  it('ranks broader scopes lower', () => {
    expect(scopeRank('managementGroup')).toBeLessThan(scopeRank('subscription'));
    expect(scopeRank('resourceGroup')).toBeLessThan(scopeRank('resource'));
  });
});

describe('ancestorScopes', () => {
  const sub = '/subscriptions/0000';
  const rg = `${sub}/resourceGroups/rg`;
  it('lists a resource, its parents, its resource group and its subscription, innermost first', () => {
    const subnet = `${rg}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes`;
    expect(ancestorScopes(subnet)).toEqual([
      subnet,
      `${rg}/providers/Microsoft.Network/virtualNetworks/vnet`,
      rg,
      sub,
    ]);
  });
  it('lists a resource group and its subscription', () => {
    expect(ancestorScopes(`${rg}/`)).toEqual([rg, sub]);
  });
  it('lists a subscription-level resource and its subscription', () => {
    const role = `${sub}/providers/Microsoft.Authorization/roleDefinitions/abc`;
    expect(ancestorScopes(role)).toEqual([role, sub]);
  });
  it('is the subscription alone for a subscription, and the ID alone for what is not a scope', () => {
    expect(ancestorScopes(sub)).toEqual([sub]);
    expect(ancestorScopes('not-a-scope')).toEqual(['not-a-scope']);
  });
});

describe('built-in roles', () => {
  it('resolve a name and any form of its ID to one role', () => {
    const byName = builtInRoleByName('acrpull');
    expect(byName).toMatchObject({ name: 'AcrPull', guid: '7f951dda-4ed3-4680-a7ca-43fe172d538d' });
    expect(
      builtInRoleById(
        '/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/7F951DDA-4ED3-4680-A7CA-43FE172D538D',
      ),
    ).toBe(byName);
    expect(
      builtInRoleById(
        '/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d',
      ),
    ).toBe(byName);
    expect(builtInRoleById('7f951dda-4ed3-4680-a7ca-43fe172d538d')).toBe(byName);
  });
  it('know nothing of names that are not built-in', () => {
    expect(builtInRoleByName('My Custom Role')).toBeUndefined();
    expect(roleDefinitionGuid('not-a-guid')).toBeUndefined();
  });
});

describe('sameValue', () => {
  it('compares strings case-insensitively and unknowns by what they name', () => {
    expect(sameValue('ABC', 'abc')).toBe(true);
    expect(sameValue(new Unknown('x', 'a.b'), new Unknown('y', 'a.b'))).toBe(true);
    expect(sameValue(new Unknown('x', 'a.b'), new Unknown('x', 'a.c'))).toBe(false);
    expect(sameValue(new Unknown('x'), new Unknown('x'))).toBe(false);
    expect(sameValue(new Unknown('x', 'a'), 'a')).toBe(false);
    expect(sameValue(1, 1)).toBe(true);
  });
});
