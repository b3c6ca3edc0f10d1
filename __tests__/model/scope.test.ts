import { parseScope, scopeContains, scopeRank } from '../../src/model/scope.js';
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

describe('scopeContains', () => {
  const rg = '/subscriptions/0000/resourceGroups/rg';
  it('contains itself and what is below it, case-insensitively', () => {
    expect(scopeContains(rg, `${rg}/providers/Microsoft.ContainerRegistry/registries/cr`)).toBe(true);
    expect(scopeContains(rg, '/subscriptions/0000/resourcegroups/RG')).toBe(true);
    expect(scopeContains('/', rg)).toBe(true);
  });
  it('does not contain a sibling whose name starts the same', () => {
    expect(scopeContains(rg, '/subscriptions/0000/resourceGroups/rg-other')).toBe(false);
  });
  it('is unknown for values not known yet, unless they are the same value', () => {
    const later = new Unknown('known after apply', 'azurerm_container_registry.cr.id');
    expect(scopeContains(later, rg)).toBe(later);
    expect(scopeContains(later, new Unknown('known after apply', 'azurerm_container_registry.cr.id'))).toBe(
      true,
    );
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
