import type { TestResource } from '../helpers/plans.js';
import { cluster, credential, identity, ref, resource, roleAssignment } from '../helpers/tf.js';
import { statuses } from '../helpers/policy-runner.js';

const aks = 'azurerm_kubernetes_cluster.aks';
const controlPlane = 'azurerm_kubernetes_cluster.aks.identity[0].principal_id';
const agic =
  'azurerm_kubernetes_cluster.aks.ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id';
const withAgic = cluster('aks', {
  after: { ingress_application_gateway: [{ gateway_id: '/x' }] },
  afterUnknown: { ingress_application_gateway: [{ ingress_application_gateway_identity: true }] },
});

describe('AKSID016 no privileged role at subscription scope', () => {
  const subscription = resource('data.azurerm_subscription.current', 'azurerm_subscription');
  it('fails Contributor on the subscription for the control plane', async () => {
    const result = await statuses('AKSID016', [
      cluster('aks'),
      subscription,
      roleAssignment('sub', 'Contributor', controlPlane, 'data.azurerm_subscription.current.id'),
    ]);
    expect(result).toEqual({ 'azurerm_role_assignment.sub': 'fail' });
  });
  it('passes Contributor on a resource group', async () => {
    expect(
      await statuses('AKSID016', [
        cluster('aks'),
        roleAssignment('rg', 'Contributor', controlPlane, '/subscriptions/s/resourceGroups/rg'),
      ]),
    ).toEqual({
      'azurerm_role_assignment.rg': 'pass',
    });
  });
  it('does not apply to someone else (the AKS_TF service principal)', async () => {
    expect(
      await statuses('AKSID016', [
        cluster('aks'),
        roleAssignment('sp', 'Contributor', 'azuread_service_principal.sp.object_id', '/subscriptions/s'),
      ]),
    ).toEqual({
      'azurerm_role_assignment.sp': 'not-applicable',
    });
  });
  it('is indeterminate when the scope of a role that can do anything cannot be followed', async () => {
    expect(
      await statuses('AKSID016', [
        cluster('aks'),
        roleAssignment('x', 'Contributor', controlPlane, 'local.scope'),
      ]),
    ).toEqual({
      'azurerm_role_assignment.x': 'indeterminate',
    });
  });
});

describe('AKSID017 narrowest scope', () => {
  it('flags a resource-group scope and passes a resource scope', async () => {
    const resources = [
      cluster('aks'),
      resource('azurerm_subnet.nodes', 'azurerm_subnet'),
      roleAssignment('rg', 'Network Contributor', controlPlane, '/subscriptions/s/resourceGroups/net'),
      roleAssignment('subnet', 'Network Contributor', controlPlane, 'azurerm_subnet.nodes.id'),
    ];
    expect(await statuses('AKSID017', resources)).toEqual({
      'azurerm_role_assignment.rg': 'fail',
      'azurerm_role_assignment.subnet': 'pass',
    });
  });
});

describe('AKSID018 principal changes', () => {
  const before = (type: string): Record<string, unknown> => ({
    name: 'aks',
    identity: type === 'ServicePrincipal' ? [] : [{ type, principal_id: 'p-old' }],
    service_principal: type === 'ServicePrincipal' ? [{ client_id: 'app' }] : [],
  });
  it('fails the replacement of a system-assigned cluster', async () => {
    expect(
      await statuses('AKSID018', [
        cluster('aks', { actions: ['delete', 'create'], before: before('SystemAssigned') }),
      ]),
    ).toEqual({ [aks]: 'fail' });
  });
  it('fails a change of identity type', async () => {
    expect(
      await statuses('AKSID018', [
        cluster('aks', { actions: ['update'], before: before('ServicePrincipal') }),
      ]),
    ).toEqual({ [aks]: 'fail' });
  });
  it('passes an update that keeps the identity', async () => {
    expect(
      await statuses('AKSID018', [cluster('aks', { actions: ['update'], before: before('SystemAssigned') })]),
    ).toEqual({ [aks]: 'pass' });
  });
  it('passes the replacement of a user-assigned cluster that brings its kubelet identity', async () => {
    const c = cluster('aks', {
      actions: ['create', 'delete'],
      before: { ...before('UserAssigned'), identity: [{ type: 'UserAssigned', identity_ids: ['/x'] }] },
      after: {
        identity: [{ type: 'UserAssigned', identity_ids: ['/x'] }],
        kubelet_identity: [{ user_assigned_identity_id: '/k' }],
      },
      afterUnknown: { kubelet_identity: [{ object_id: true, client_id: true }] },
      expressions: { kubelet_identity: [{ user_assigned_identity_id: { constant_value: '/k' } }] },
    });
    expect(await statuses('AKSID018', [c])).toEqual({ [aks]: 'pass' });
  });
  it('does not apply to a create', async () => {
    expect(await statuses('AKSID018', [cluster('aks')])).toEqual({ [aks]: 'not-applicable' });
  });
  it('is indeterminate when the new identity type is computed', async () => {
    const c = cluster('aks', {
      actions: ['update'],
      before: before('SystemAssigned'),
      afterUnknown: { identity: true },
    });
    delete (c.after as Record<string, unknown>)['identity'];
    expect(await statuses('AKSID018', [c])).toEqual({ [aks]: 'indeterminate' });
  });
});

const oidcCluster = cluster('aks', { after: { oidc_issuer_enabled: true, workload_identity_enabled: true } });

describe('AKSID019 federated credential shape', () => {
  it("passes the cluster's issuer, a service account and the exchange audience (aks-eks shape)", async () => {
    expect(
      await statuses('AKSID019', [
        oidcCluster,
        identity('app'),
        credential('app', 'azurerm_user_assigned_identity.app', {}),
      ]),
    ).toEqual({
      'azurerm_federated_identity_credential.app': 'pass',
    });
  });
  it('does not apply to a credential for another issuer (GitHub Actions)', async () => {
    const values = {
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:org/app:ref:refs/heads/main',
    };
    const expressions = {
      issuer: { constant_value: values.issuer },
      subject: { constant_value: values.subject },
    };
    expect(
      await statuses('AKSID019', [
        oidcCluster,
        identity('app'),
        credential('app', 'azurerm_user_assigned_identity.app', values, expressions),
      ]),
    ).toEqual({ 'azurerm_federated_identity_credential.app': 'not-applicable' });
  });
  it.each([
    ['a subject that is not a service account', { subject: 'app' }, {}],
    ['a second audience', { audience: ['api://AzureADTokenExchange', 'sts.amazonaws.com'] }, {}],
  ])('fails %s', async (_name, values, expressions) => {
    expect(
      await statuses('AKSID019', [
        oidcCluster,
        identity('app'),
        credential('app', 'azurerm_user_assigned_identity.app', values, expressions),
      ]),
    ).toEqual({
      'azurerm_federated_identity_credential.app': 'fail',
    });
  });
  it('is indeterminate when the subject is computed', async () => {
    const c = credential('app', 'azurerm_user_assigned_identity.app', {});
    delete (c.after as Record<string, unknown>)['subject'];
    c.afterUnknown = { ...c.afterUnknown, subject: true };
    expect(await statuses('AKSID019', [oidcCluster, identity('app'), c])).toEqual({
      'azurerm_federated_identity_credential.app': 'indeterminate',
    });
  });
});

describe('AKSID020 no workload on cluster identities', () => {
  const uaiCluster = cluster('aks', {
    after: {
      identity: [{ type: 'UserAssigned' }],
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
    },
    afterUnknown: { identity: [{ identity_ids: true }] },
    expressions: { identity: [{ identity_ids: ref('azurerm_user_assigned_identity.cp.id') }] },
  });
  it('fails a credential on the control-plane identity', async () => {
    expect(
      await statuses('AKSID020', [
        identity('cp'),
        uaiCluster,
        credential('app', 'azurerm_user_assigned_identity.cp', {}),
      ]),
    ).toEqual({
      'azurerm_federated_identity_credential.app': 'fail',
    });
  });
  it('passes a credential on a workload identity', async () => {
    expect(
      await statuses('AKSID020', [
        identity('cp'),
        identity('app'),
        uaiCluster,
        credential('app', 'azurerm_user_assigned_identity.app', {}),
      ]),
    ).toEqual({
      'azurerm_federated_identity_credential.app': 'pass',
    });
  });
});

describe('AKSID021 add-on roles', () => {
  const gateway = resource('azurerm_application_gateway.agw', 'azurerm_application_gateway');
  const vnet = resource('azurerm_virtual_network.vnet', 'azurerm_virtual_network');
  it('passes Contributor on the gateway and Reader on a resource group (AKS_TF shape)', async () => {
    const resources = [
      withAgic,
      gateway,
      roleAssignment('gw', 'Contributor', agic, 'azurerm_application_gateway.agw.id'),
      roleAssignment('rg', 'Reader', agic, '/subscriptions/s/resourceGroups/agw'),
    ];
    expect(await statuses('AKSID021', resources)).toEqual({
      'azurerm_role_assignment.gw': 'pass',
      'azurerm_role_assignment.rg': 'pass',
    });
  });
  it('fails Contributor on a VNet, and on a resource group that is not the node resource group', async () => {
    const resources = [
      withAgic,
      vnet,
      resource('azurerm_resource_group.app', 'azurerm_resource_group'),
      roleAssignment('vnet', 'Contributor', agic, 'azurerm_virtual_network.vnet.id'),
      roleAssignment('rg', 'Contributor', agic, 'azurerm_resource_group.app.id'),
    ];
    expect(await statuses('AKSID021', resources)).toEqual({
      'azurerm_role_assignment.vnet': 'fail',
      'azurerm_role_assignment.rg': 'fail',
    });
  });
  it('passes Contributor on the node resource group read through a data source', async () => {
    const nodeGroup: TestResource = {
      address: 'data.azurerm_resource_group.nodes',
      type: 'azurerm_resource_group',
      actions: ['read'],
      after: {},
      afterUnknown: { id: true, name: true },
      expressions: { name: ref('azurerm_kubernetes_cluster.aks.node_resource_group') },
    };
    const resources = [
      withAgic,
      nodeGroup,
      roleAssignment('nodes', 'Contributor', agic, 'data.azurerm_resource_group.nodes.id'),
    ];
    expect(await statuses('AKSID021', resources)).toEqual({ 'azurerm_role_assignment.nodes': 'pass' });
  });
  it('is indeterminate when the role is defined at apply', async () => {
    const r = roleAssignment('x', 'Contributor', agic, 'azurerm_application_gateway.agw.id');
    r.after = {};
    r.afterUnknown = { ...r.afterUnknown, role_definition_name: true };
    expect(await statuses('AKSID021', [withAgic, gateway, r])).toEqual({
      'azurerm_role_assignment.x': 'indeterminate',
    });
  });
});

describe('AKSID022 no wildcard custom roles', () => {
  const definition = (actions: string[]): TestResource => ({
    address: 'azurerm_role_definition.custom',
    type: 'azurerm_role_definition',
    after: { name: 'aks-custom', permissions: [{ actions }] },
    afterUnknown: { id: true, role_definition_resource_id: true },
  });
  const assignment: TestResource = {
    address: 'azurerm_role_assignment.custom',
    type: 'azurerm_role_assignment',
    after: { scope: '/subscriptions/s/resourceGroups/net' },
    afterUnknown: { id: true, principal_id: true, role_definition_id: true },
    expressions: {
      principal_id: ref(controlPlane),
      role_definition_id: ref('azurerm_role_definition.custom.role_definition_resource_id'),
    },
  };
  it('fails a custom role with Microsoft.Authorization/*', async () => {
    expect(
      await statuses('AKSID022', [
        cluster('aks'),
        definition(['Microsoft.Network/virtualNetworks/subnets/join/action', 'Microsoft.Authorization/*']),
        assignment,
      ]),
    ).toEqual({
      'azurerm_role_assignment.custom': 'fail',
    });
  });
  it('passes explicit actions', async () => {
    expect(
      await statuses('AKSID022', [
        cluster('aks'),
        definition(['Microsoft.Network/virtualNetworks/subnets/join/action']),
        assignment,
      ]),
    ).toEqual({
      'azurerm_role_assignment.custom': 'pass',
    });
  });
  it('is indeterminate for a custom role the plan does not define', async () => {
    expect(
      await statuses('AKSID022', [
        cluster('aks'),
        roleAssignment('x', 'my-custom-role', controlPlane, '/subscriptions/s/resourceGroups/rg'),
      ]),
    ).toEqual({
      'azurerm_role_assignment.x': 'indeterminate',
    });
  });
  it('does not apply to built-in roles', async () => {
    expect(
      await statuses('AKSID022', [
        cluster('aks'),
        roleAssignment('x', 'Owner', controlPlane, '/subscriptions/s'),
      ]),
    ).toEqual({
      'azurerm_role_assignment.x': 'not-applicable',
    });
  });
});
