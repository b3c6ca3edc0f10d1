import { cluster, identity, ref, resource, roleAssignment } from '../helpers/tf.js';
import { statuses } from '../helpers/policy-runner.js';

const aks = 'azurerm_kubernetes_cluster.aks';

/** A cluster with a user-assigned control plane and a bring-your-own kubelet identity. */
function byoKubeletCluster(shared = false) {
  const kubelet = shared ? 'azurerm_user_assigned_identity.cp' : 'azurerm_user_assigned_identity.kubelet';
  return cluster('aks', {
    after: { identity: [{ type: 'UserAssigned' }], kubelet_identity: [{}] },
    afterUnknown: {
      identity: [{ identity_ids: true }],
      kubelet_identity: [{ user_assigned_identity_id: true, object_id: true, client_id: true }],
    },
    expressions: {
      identity: [
        {
          type: { constant_value: 'UserAssigned' },
          identity_ids: ref('azurerm_user_assigned_identity.cp.id'),
        },
      ],
      kubelet_identity: [
        {
          user_assigned_identity_id: ref(`${kubelet}.id`),
          object_id: ref(`${kubelet}.principal_id`),
          client_id: ref(`${kubelet}.client_id`),
        },
      ],
    },
  });
}
const rg = resource('azurerm_resource_group.rg', 'azurerm_resource_group', { name: 'rg' });

describe('AKSID011 bring-your-own kubelet identity', () => {
  it('passes when the control plane may operate the kubelet identity (at its resource group)', async () => {
    const resources = [
      rg,
      identity('cp', 'azurerm_resource_group.rg'),
      identity('kubelet', 'azurerm_resource_group.rg'),
      byoKubeletCluster(),
      roleAssignment(
        'mio',
        'Managed Identity Operator',
        'azurerm_user_assigned_identity.cp.principal_id',
        'azurerm_resource_group.rg.id',
      ),
    ];
    expect(await statuses('AKSID011', resources)).toEqual({ [aks]: 'pass' });
  });
  it('fails without Managed Identity Operator', async () => {
    const resources = [
      identity('cp'),
      identity('kubelet'),
      byoKubeletCluster(),
      roleAssignment(
        'r',
        'Reader',
        'azurerm_user_assigned_identity.cp.principal_id',
        'azurerm_user_assigned_identity.kubelet.id',
      ),
    ];
    expect(await statuses('AKSID011', resources)).toEqual({ [aks]: 'fail' });
  });
  it('is indeterminate when the role assignment scope cannot be followed', async () => {
    const unresolved = roleAssignment(
      'mio',
      'Managed Identity Operator',
      'azurerm_user_assigned_identity.cp.principal_id',
      'local.scope',
    );
    expect(
      await statuses('AKSID011', [identity('cp'), identity('kubelet'), byoKubeletCluster(), unresolved]),
    ).toEqual({ [aks]: 'indeterminate' });
  });
  it('does not apply to a kubelet identity AKS creates', async () => {
    expect(await statuses('AKSID011', [cluster('aks')])).toEqual({ [aks]: 'not-applicable' });
  });
});

describe('AKSID012 separate kubelet and control-plane identities', () => {
  it('passes two identities, though both IDs are known only after apply', async () => {
    expect(await statuses('AKSID012', [identity('cp'), identity('kubelet'), byoKubeletCluster()])).toEqual({
      [aks]: 'pass',
    });
  });
  it('fails one identity used for both', async () => {
    expect(await statuses('AKSID012', [identity('cp'), byoKubeletCluster(true)])).toEqual({ [aks]: 'fail' });
  });
});

describe('AKSID013 kubelet identity can pull', () => {
  const acr = resource('azurerm_container_registry.acr', 'azurerm_container_registry', { name: 'acr' });
  it('fails AcrPull given to the control plane instead (the prueba-devsu mistake)', async () => {
    const resources = [
      cluster('aks'),
      acr,
      roleAssignment(
        'pull',
        'AcrPull',
        'azurerm_kubernetes_cluster.aks.identity[0].principal_id',
        'azurerm_container_registry.acr.id',
      ),
    ];
    expect(await statuses('AKSID013', resources)).toEqual({ [aks]: 'fail' });
  });
  it('passes AcrPull to the kubelet identity', async () => {
    const resources = [
      cluster('aks'),
      acr,
      roleAssignment(
        'pull',
        'AcrPull',
        'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
        'azurerm_container_registry.acr.id',
      ),
    ];
    expect(await statuses('AKSID013', resources)).toEqual({ [aks]: 'pass' });
  });
  it('does not apply to a cluster granted no registry', async () => {
    expect(await statuses('AKSID013', [cluster('aks')])).toEqual({ [aks]: 'not-applicable' });
  });
});

describe('AKSID014 kubelet identity holds nothing broad', () => {
  it.each([
    ['AcrPull', 'pass'],
    ['AcrPush', 'fail'],
    ['Contributor', 'fail'],
    ['User Access Administrator', 'fail'],
  ])('%s: %s', async (role, expected) => {
    const resources = [
      cluster('aks'),
      roleAssignment(
        'r',
        role,
        'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
        '/subscriptions/s/resourceGroups/rg',
      ),
    ];
    expect(await statuses('AKSID014', resources)).toEqual({ [aks]: expected });
  });
  it('is indeterminate for a role defined at apply', async () => {
    const r = roleAssignment(
      'r',
      'AcrPull',
      'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
      '/subscriptions/s',
    );
    r.after = { scope: '/subscriptions/s' };
    r.afterUnknown = { ...r.afterUnknown, role_definition_name: true };
    expect(await statuses('AKSID014', [cluster('aks'), r])).toEqual({ [aks]: 'indeterminate' });
  });
});

describe('AKSID015 control plane may join its subnets', () => {
  const vnet = resource('azurerm_virtual_network.vnet', 'azurerm_virtual_network', { name: 'vnet' });
  const subnet = resource(
    'azurerm_subnet.nodes',
    'azurerm_subnet',
    { name: 'nodes' },
    { virtual_network_name: ref('azurerm_virtual_network.vnet.name') },
  );
  const onSubnet = cluster('aks', {
    after: { default_node_pool: [{ name: 'system' }] },
    afterUnknown: { default_node_pool: [{ vnet_subnet_id: true }] },
    expressions: { default_node_pool: [{ vnet_subnet_id: ref('azurerm_subnet.nodes.id') }] },
  });
  it('passes Network Contributor on the VNet (repro-502 shape)', async () => {
    const resources = [
      vnet,
      subnet,
      onSubnet,
      roleAssignment(
        'net',
        'Network Contributor',
        'azurerm_kubernetes_cluster.aks.identity[0].principal_id',
        'azurerm_virtual_network.vnet.id',
      ),
    ];
    expect(await statuses('AKSID015', resources)).toEqual({ [aks]: 'pass' });
  });
  it('fails without a network role', async () => {
    expect(await statuses('AKSID015', [vnet, subnet, onSubnet])).toEqual({ [aks]: 'fail' });
  });
  it('fails a network role on another VNet', async () => {
    const other = resource('azurerm_virtual_network.other', 'azurerm_virtual_network', { name: 'other' });
    const resources = [
      vnet,
      other,
      subnet,
      onSubnet,
      roleAssignment(
        'net',
        'Network Contributor',
        'azurerm_kubernetes_cluster.aks.identity[0].principal_id',
        'azurerm_virtual_network.other.id',
      ),
    ];
    expect(await statuses('AKSID015', resources)).toEqual({ [aks]: 'fail' });
  });
  it('is indeterminate when the role scope is not known', async () => {
    const resources = [
      vnet,
      subnet,
      onSubnet,
      roleAssignment(
        'net',
        'Network Contributor',
        'azurerm_kubernetes_cluster.aks.identity[0].principal_id',
        'var.scope',
      ),
    ];
    expect(await statuses('AKSID015', resources)).toEqual({ [aks]: 'indeterminate' });
  });
});
