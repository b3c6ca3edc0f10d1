import { cluster, ref, resource } from '../helpers/tf.js';
import { statuses } from '../helpers/policy-runner.js';

const aks = 'azurerm_kubernetes_cluster.aks';

describe('AKSID007 local accounts off only with Entra ID', () => {
  it('fails local accounts off without the Entra ID block', async () => {
    expect(
      await statuses('AKSID007', [
        cluster('aks', { after: { azure_active_directory_role_based_access_control: [] } }),
      ]),
    ).toEqual({ [aks]: 'fail' });
  });
  it('passes with managed Entra ID', async () => {
    expect(await statuses('AKSID007', [cluster('aks')])).toEqual({ [aks]: 'pass' });
  });
  it('does not apply while local accounts are on', async () => {
    expect(
      await statuses('AKSID007', [cluster('aks', { after: { local_account_disabled: false } })]),
    ).toEqual({ [aks]: 'not-applicable' });
  });
  it('is indeterminate when local_account_disabled is computed and Entra ID is off', async () => {
    const c = cluster('aks', {
      after: { azure_active_directory_role_based_access_control: [] },
      afterUnknown: { local_account_disabled: true },
    });
    delete (c.after as Record<string, unknown>)['local_account_disabled'];
    expect(await statuses('AKSID007', [c])).toEqual({ [aks]: 'indeterminate' });
  });
});

describe('AKSID008 pod-managed identity', () => {
  it('does not apply to Terraform plans, which have no pod identity setting', async () => {
    expect(await statuses('AKSID008', [cluster('aks')])).toEqual({ [aks]: 'not-applicable' });
  });
});

describe('AKSID009 workload identity needs the OIDC issuer', () => {
  it('fails workload identity without the issuer', async () => {
    expect(
      await statuses('AKSID009', [
        cluster('aks', { after: { workload_identity_enabled: true, oidc_issuer_enabled: false } }),
      ]),
    ).toEqual({ [aks]: 'fail' });
  });
  it('passes both on', async () => {
    expect(
      await statuses('AKSID009', [
        cluster('aks', { after: { workload_identity_enabled: true, oidc_issuer_enabled: true } }),
      ]),
    ).toEqual({ [aks]: 'pass' });
  });
  it('does not apply without workload identity', async () => {
    expect(await statuses('AKSID009', [cluster('aks')])).toEqual({ [aks]: 'not-applicable' });
  });
  it('is indeterminate when the issuer setting is computed', async () => {
    const c = cluster('aks', {
      after: { workload_identity_enabled: true },
      afterUnknown: { oidc_issuer_enabled: true },
    });
    expect(await statuses('AKSID009', [c])).toEqual({ [aks]: 'indeterminate' });
  });
});

describe('AKSID010 bring-your-own network needs a user-assigned identity', () => {
  const byoSubnet = {
    after: { default_node_pool: [{ name: 'system' }] },
    afterUnknown: { default_node_pool: [{ vnet_subnet_id: true }] },
    expressions: { default_node_pool: [{ vnet_subnet_id: ref('azurerm_subnet.nodes.id') }] },
  };
  it('fails a system-assigned cluster on its own subnet', async () => {
    expect(
      await statuses('AKSID010', [
        cluster('aks', byoSubnet),
        resource('azurerm_subnet.nodes', 'azurerm_subnet'),
      ]),
    ).toEqual({ [aks]: 'fail' });
  });
  it('passes a user-assigned cluster on its own subnet', async () => {
    const c = cluster('aks', {
      ...byoSubnet,
      after: {
        ...byoSubnet.after,
        identity: [
          {
            type: 'UserAssigned',
            identity_ids: [
              '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks',
            ],
          },
        ],
      },
    });
    expect(await statuses('AKSID010', [c])).toEqual({ [aks]: 'pass' });
  });
  it('fails a system-assigned cluster with a custom private DNS zone', async () => {
    const zone =
      '/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io';
    expect(
      await statuses('AKSID010', [
        cluster('aks', { after: { private_cluster_enabled: true, private_dns_zone_id: zone } }),
      ]),
    ).toEqual({ [aks]: 'fail' });
  });
  it('does not apply to the AKS-managed network, nor to a System private DNS zone', async () => {
    expect(
      await statuses('AKSID010', [cluster('aks', { after: { private_dns_zone_id: 'System' } })]),
    ).toEqual({ [aks]: 'not-applicable' });
  });
  it('is indeterminate when the identity type is computed', async () => {
    const c = cluster('aks', { ...byoSubnet, afterUnknown: { ...byoSubnet.afterUnknown, identity: true } });
    delete (c.after as Record<string, unknown>)['identity'];
    expect(await statuses('AKSID010', [c])).toEqual({ [aks]: 'indeterminate' });
  });
});
