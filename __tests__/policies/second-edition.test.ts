import type { TestResource } from '../helpers/plans.js';
import { statuses, verdicts } from '../helpers/policy-runner.js';
import {
  cluster,
  constant,
  credential,
  customRole,
  customRoleAssignment,
  identity,
  ref,
  resource,
  roleAssignment,
} from '../helpers/tf.js';

/**
 * The policy pack's second edition: a regression plan for each finding of the review (each failed on the first
 * edition). Roles are judged by their permissions, as Azure does.
 */
const aks = 'azurerm_kubernetes_cluster.aks';
const controlPlane = 'azurerm_kubernetes_cluster.aks.identity[0].principal_id';
const kubelet = 'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id';
const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const RG = `${SUB}/resourceGroups/rg-app`;
const AGIC =
  'azurerm_kubernetes_cluster.aks.ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id';

const ISSUER =
  'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/';

const withAgic = cluster('aks', {
  after: { ingress_application_gateway: [{ gateway_id: '/x' }] },
  afterUnknown: { ingress_application_gateway: [{ ingress_application_gateway_identity: true }] },
});
/** An existing registry in rg-app, updated in place: its ID, and so the scopes that contain it, are known. */
const registry = (name = 'acr'): TestResource => ({
  ...resource(`azurerm_container_registry.${name}`, 'azurerm_container_registry', {
    name,
    id: `${RG}/providers/Microsoft.ContainerRegistry/registries/${name}`,
    admin_enabled: false,
    resource_group_name: 'rg-app',
  }),
  afterUnknown: {},
});

describe('1. a permission model', () => {
  it('a role the table does not know is unknown: indeterminate, never a pass', async () => {
    const plan = [cluster('aks'), roleAssignment('x', 'Brand New Built-in Role', kubelet, RG)];
    expect(await statuses('AKSID014', plan)).toEqual({ [aks]: 'indeterminate' });
  });

  it('a role the table does not know is never called a custom role with wildcards', async () => {
    const plan = [cluster('aks'), roleAssignment('x', 'Brand New Built-in Role', kubelet, RG)];
    expect(await statuses('AKSID022', plan)).toEqual({ 'azurerm_role_assignment.x': 'indeterminate' });
  });

  it('a built-in role given by GUID in any ID form has its permissions (AcrPush by GUID is broad)', async () => {
    const byGuid: TestResource = {
      address: 'azurerm_role_assignment.push',
      type: 'azurerm_role_assignment',
      after: {
        scope: RG,
        role_definition_id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8311E382-0749-4CB8-B61A-304F252E45EC`,
      },
      afterUnknown: { id: true, principal_id: true },
      expressions: { principal_id: ref(kubelet) },
    };
    expect(await statuses('AKSID014', [cluster('aks'), byGuid])).toEqual({ [aks]: 'fail' });
  });
});

describe('2. false positives removed', () => {
  it('AKSID019 does not apply to a GitHub Actions federated credential', async () => {
    const github = credential(
      'ci',
      'azurerm_user_assigned_identity.ci',
      { issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:org/app:ref:refs/heads/main' },
      {
        issuer: constant('https://token.actions.githubusercontent.com'),
        subject: constant('repo:org/app:ref:refs/heads/main'),
      },
    );
    expect(await statuses('AKSID019', [cluster('aks'), identity('ci'), github])).toEqual({
      'azurerm_federated_identity_credential.ci': 'not-applicable',
    });
  });

  it('AKSID013: Network Contributor on the resource group does not tie its registries to the cluster', async () => {
    const plan = [cluster('aks'), registry(), roleAssignment('net', 'Network Contributor', controlPlane, RG)];
    expect(await statuses('AKSID013', plan)).toEqual({ [aks]: 'not-applicable' });
  });

  it('AKSID013: a kubelet that holds Reader (which can pull) passes', async () => {
    const plan = [
      cluster('aks'),
      registry(),
      roleAssignment('pull_cp', 'AcrPull', controlPlane, 'azurerm_container_registry.acr.id'),
      roleAssignment('read', 'Reader', kubelet, 'azurerm_container_registry.acr.id'),
    ];
    expect(await statuses('AKSID013', plan)).toEqual({ [aks]: 'pass' });
  });

  it.each([
    ['Reader on the gateway itself', 'Reader', 'azurerm_application_gateway.agw.id'],
    [
      "Managed Identity Operator on the gateway's identity",
      'Managed Identity Operator',
      'azurerm_user_assigned_identity.agw.id',
    ],
  ])('AKSID021 passes the AGIC identity with %s', async (_name, role, scope) => {
    const plan = [
      withAgic,
      resource('azurerm_application_gateway.agw', 'azurerm_application_gateway'),
      identity('agw'),
      roleAssignment('agic', role, AGIC, scope),
    ];
    expect(await statuses('AKSID021', plan)).toEqual({ 'azurerm_role_assignment.agic': 'pass' });
  });

  it('AKSID021 passes a Key Vault role scoped to one secret', async () => {
    const kv = cluster('aks', {
      after: { key_vault_secrets_provider: [{ secret_rotation_enabled: true }] },
      afterUnknown: { key_vault_secrets_provider: [{ secret_identity: true }] },
    });
    const secret = `${RG}/providers/Microsoft.KeyVault/vaults/kv/secrets/tls`;
    const plan = [
      kv,
      roleAssignment(
        'kv',
        'Key Vault Secrets User',
        'azurerm_kubernetes_cluster.aks.key_vault_secrets_provider[0].secret_identity[0].object_id',
        secret,
      ),
    ];
    expect(await statuses('AKSID021', plan)).toEqual({ 'azurerm_role_assignment.kv': 'pass' });
  });

  it('AKSID021 recognises a role given by GUID (Key Vault Certificate User on the vault)', async () => {
    const kv = cluster('aks', {
      after: { key_vault_secrets_provider: [{ secret_rotation_enabled: true }] },
      afterUnknown: { key_vault_secrets_provider: [{ secret_identity: true }] },
    });
    const byGuid: TestResource = {
      address: 'azurerm_role_assignment.kv',
      type: 'azurerm_role_assignment',
      after: {
        scope: `${RG}/providers/Microsoft.KeyVault/vaults/kv`,
        role_definition_id:
          '/providers/Microsoft.Authorization/roleDefinitions/db79e9a7-68ee-4b58-9aeb-b90e7c24fcba',
      },
      afterUnknown: { id: true, principal_id: true },
      expressions: {
        principal_id: ref(
          'azurerm_kubernetes_cluster.aks.key_vault_secrets_provider[0].secret_identity[0].object_id',
        ),
      },
    };
    expect(await statuses('AKSID021', [kv, byGuid])).toEqual({ 'azurerm_role_assignment.kv': 'pass' });
  });

  it('AKSID021 is indeterminate, not a failure, when the scope is of a kind it cannot tell', async () => {
    // azurerm_lb's ID is a resource scope whose Azure type this tool does not know.
    const plan = [
      withAgic,
      resource('azurerm_lb.ingress', 'azurerm_lb'),
      roleAssignment('agic', 'Contributor', AGIC, 'azurerm_lb.ingress.id'),
    ];
    expect(await statuses('AKSID021', plan)).toEqual({ 'azurerm_role_assignment.agic': 'indeterminate' });
  });

  it('AKSID017 passes the AGIC Reader on its gateway resource group, as Microsoft documents it', async () => {
    const plan = [withAgic, roleAssignment('agic', 'Reader', AGIC, RG)];
    expect(await statuses('AKSID017', plan)).toEqual({ 'azurerm_role_assignment.agic': 'not-applicable' });
  });
});

describe('3. misses caught', () => {
  it('AKSID007: managed Entra ID, local accounts off, Azure RBAC off and no admin group fails', async () => {
    const locked = cluster('aks', {
      after: {
        local_account_disabled: true,
        azure_active_directory_role_based_access_control: [
          { managed: true, azure_rbac_enabled: false, admin_group_object_ids: [] },
        ],
      },
    });
    expect(await statuses('AKSID007', [locked])).toEqual({ [aks]: 'fail' });
  });

  describe('AKSID011', () => {
    const byoKubelet = cluster('aks', {
      after: {
        identity: [{ type: 'UserAssigned' }],
        kubelet_identity: [{}],
      },
      afterUnknown: {
        identity: [{ identity_ids: true }],
        kubelet_identity: [{ user_assigned_identity_id: true, object_id: true, client_id: true }],
      },
      expressions: {
        identity: [
          { type: constant('UserAssigned'), identity_ids: ref('azurerm_user_assigned_identity.cp.id') },
        ],
        kubelet_identity: [
          {
            user_assigned_identity_id: ref('azurerm_user_assigned_identity.kubelet.id'),
            object_id: ref('azurerm_user_assigned_identity.kubelet.principal_id'),
          },
        ],
      },
    });
    const cpPrincipal = 'azurerm_user_assigned_identity.cp.principal_id';
    const onKubelet = 'azurerm_user_assigned_identity.kubelet.id';

    it('Managed Identity Contributor (no assign operation) fails', async () => {
      const plan = [
        byoKubelet,
        identity('cp'),
        identity('kubelet'),
        roleAssignment('mi', 'Managed Identity Contributor', cpPrincipal, onKubelet),
      ];
      expect(await statuses('AKSID011', plan)).toEqual({ [aks]: 'fail' });
    });

    it('a custom role with exactly the assign operation passes', async () => {
      const plan = [
        byoKubelet,
        identity('cp'),
        identity('kubelet'),
        customRole('assign', {
          actions: ['Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action'],
        }),
        customRoleAssignment('mi', 'assign', cpPrincipal, onKubelet),
      ];
      expect(await statuses('AKSID011', plan)).toEqual({ [aks]: 'pass' });
    });
  });

  it.each(['Managed Identity Operator', 'Virtual Machine Contributor', 'Key Vault Administrator'])(
    'AKSID014: the kubelet with %s at subscription scope fails',
    async (role) => {
      expect(await statuses('AKSID014', [cluster('aks'), roleAssignment('k', role, kubelet, SUB)])).toEqual({
        [aks]: 'fail',
      });
    },
  );

  it('AKSID016: a custom role with roleAssignments/write on a subscription fails', async () => {
    const plan = [
      cluster('aks'),
      customRole('granter', { actions: ['Microsoft.Authorization/roleAssignments/write'] }),
      customRoleAssignment('grant', 'granter', controlPlane, SUB),
    ];
    expect(await verdicts('AKSID016', plan)).toEqual({
      'azurerm_role_assignment.grant': { status: 'fail', severity: 'critical', culprits: [] },
    });
  });

  it.each(['Owner', 'User Access Administrator', 'Role Based Access Control Administrator'])(
    'AKSID016: %s on a resource group fails, as high',
    async (role) => {
      expect(await verdicts('AKSID016', [cluster('aks'), roleAssignment('rg', role, kubelet, RG)])).toEqual({
        'azurerm_role_assignment.rg': { status: 'fail', severity: 'high', culprits: [] },
      });
    },
  );

  it('AKSID016: a workload identity (one a service account federates to) with Owner on the subscription fails', async () => {
    const plan = [
      cluster('aks', { after: { oidc_issuer_enabled: true, workload_identity_enabled: true } }),
      identity('app'),
      credential('app', 'azurerm_user_assigned_identity.app', {}),
      roleAssignment('owner', 'Owner', 'azurerm_user_assigned_identity.app.principal_id', SUB),
    ];
    expect(await statuses('AKSID016', plan)).toEqual({ 'azurerm_role_assignment.owner': 'fail' });
  });

  describe('AKSID018', () => {
    const ID_A = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-a`;
    const ID_B = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-b`;
    it('swapping one user-assigned control-plane identity for another fails', async () => {
      const swap = cluster('aks', {
        actions: ['update'],
        before: {
          name: 'aks',
          identity: [{ type: 'UserAssigned', identity_ids: [ID_A] }],
          service_principal: [],
        },
        after: { identity: [{ type: 'UserAssigned', identity_ids: [ID_B] }] },
      });
      expect(await statuses('AKSID018', [swap])).toEqual({ [aks]: 'fail' });
    });
    it('replacing a cluster recreates its AKS-managed kubelet identity, and fails', async () => {
      const replaced = cluster('aks', {
        actions: ['create', 'delete'],
        before: {
          name: 'aks',
          identity: [{ type: 'UserAssigned', identity_ids: [ID_A] }],
          service_principal: [],
        },
        after: { identity: [{ type: 'UserAssigned', identity_ids: [ID_A] }] },
      });
      expect(await statuses('AKSID018', [replaced])).toEqual({ [aks]: 'fail' });
    });
  });

  describe('AKSID019', () => {
    const oidc = cluster('aks', {
      after: { oidc_issuer_enabled: true, workload_identity_enabled: true, oidc_issuer_url: ISSUER },
      afterUnknown: { oidc_issuer_url: false },
    });
    it('a wildcard subject (not supported by Entra ID) fails', async () => {
      const wildcard = credential('app', 'azurerm_user_assigned_identity.app', {
        subject: 'system:serviceaccount:prod:*',
      });
      expect(await statuses('AKSID019', [oidc, identity('app'), wildcard])).toEqual({
        'azurerm_federated_identity_credential.app': 'fail',
      });
    });
    it("an issuer that differs from the cluster's only by the trailing '/' fails", async () => {
      const noSlash = credential(
        'app',
        'azurerm_user_assigned_identity.app',
        { issuer: ISSUER.replace(/\/$/, '') },
        { issuer: constant(ISSUER.replace(/\/$/, '')) },
      );
      expect(await statuses('AKSID019', [oidc, identity('app'), noSlash])).toEqual({
        'azurerm_federated_identity_credential.app': 'fail',
      });
    });
  });

  it('AKSID020: a federated credential whose parent is the kubelet identity AKS created fails', async () => {
    const aksMade = `${SUB}/resourcegroups/MC_rg_aks_westeurope/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-agentpool`;
    const existing = cluster('aks', {
      actions: ['update'],
      before: { name: 'aks' },
      after: {
        node_resource_group: 'MC_rg_aks_westeurope',
        kubelet_identity: [{ user_assigned_identity_id: aksMade, object_id: 'o', client_id: 'c' }],
      },
      afterUnknown: { kubelet_identity: [{}] },
    });
    const onKubelet: TestResource = {
      address: 'azurerm_federated_identity_credential.app',
      type: 'azurerm_federated_identity_credential',
      after: {
        name: 'app',
        parent_id: aksMade,
        subject: 'system:serviceaccount:shop:app',
        audience: ['api://AzureADTokenExchange'],
      },
      afterUnknown: { id: true, issuer: true },
      expressions: { issuer: ref('azurerm_kubernetes_cluster.aks.oidc_issuer_url') },
    };
    expect(await statuses('AKSID020', [existing, onKubelet])).toEqual({
      'azurerm_federated_identity_credential.app': 'fail',
    });
  });

  it.each([
    ['roleAssignments/write', { actions: ['Microsoft.Authorization/roleAssignments/write'] }],
    ['Microsoft.Network/*', { actions: ['Microsoft.Network/*'] }],
    ['dataActions: ["*"]', { data_actions: ['*'] }],
  ])('AKSID022: a custom role with %s fails', async (_name, permissions) => {
    const plan = [
      cluster('aks'),
      customRole('custom', permissions),
      customRoleAssignment('custom', 'custom', controlPlane, RG),
    ];
    expect(await statuses('AKSID022', plan)).toEqual({ 'azurerm_role_assignment.custom': 'fail' });
  });

  it('AKSID008 fires from Terraform: azapi sets podIdentityProfile on the cluster', async () => {
    const patch: TestResource = {
      address: 'azapi_update_resource.pod_identity',
      type: 'azapi_update_resource',
      after: {
        type: 'Microsoft.ContainerService/managedClusters@2024-02-01',
        body: JSON.stringify({ properties: { podIdentityProfile: { enabled: true } } }),
      },
      afterUnknown: { id: true, resource_id: true },
      expressions: { resource_id: ref('azurerm_kubernetes_cluster.aks.id') },
    };
    expect(await statuses('AKSID008', [cluster('aks'), patch])).toEqual({ [aks]: 'fail' });
  });

  it('AKSID010: a system-assigned cluster with a custom private DNS zone is high, not medium', async () => {
    const zone = `${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io`;
    const c = cluster('aks', { after: { private_cluster_enabled: true, private_dns_zone_id: zone } });
    expect(await verdicts('AKSID010', [c])).toEqual({
      [aks]: { status: 'fail', severity: 'high', culprits: [] },
    });
  });
});

describe('4. new rules', () => {
  it('AKSID024: a user-assigned control plane without a DNS write role on its custom private DNS zone fails', async () => {
    const zone = `${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io`;
    const c = cluster('aks', {
      after: {
        identity: [{ type: 'UserAssigned' }],
        private_cluster_enabled: true,
        private_dns_zone_id: zone,
      },
      afterUnknown: { identity: [{ identity_ids: true }] },
      expressions: {
        identity: [
          { type: constant('UserAssigned'), identity_ids: ref('azurerm_user_assigned_identity.cp.id') },
        ],
      },
    });
    const cp = 'azurerm_user_assigned_identity.cp.principal_id';
    expect(
      await statuses('AKSID024', [c, identity('cp'), roleAssignment('dns', 'Reader', cp, zone)]),
    ).toEqual({ [aks]: 'fail' });
    expect(
      await statuses('AKSID024', [
        c,
        identity('cp'),
        roleAssignment('dns', 'Private DNS Zone Contributor', cp, zone),
      ]),
    ).toEqual({ [aks]: 'pass' });
  });

  it('AKSID025: a 21st federated credential on one identity fails', async () => {
    const credentials = Array.from({ length: 21 }, (_, i) =>
      credential(`fc${i}`, 'azurerm_user_assigned_identity.app', {
        subject: `system:serviceaccount:ns:sa-${i}`,
      }),
    );
    expect(await statuses('AKSID025', [cluster('aks'), identity('app'), ...credentials])).toEqual({
      'azurerm_user_assigned_identity.app': 'fail',
    });
  });

  it('AKSID026: the same issuer and subject twice on one identity fails, and names the other one', async () => {
    const plan = [
      cluster('aks'),
      identity('app'),
      credential('one', 'azurerm_user_assigned_identity.app', {}),
      credential('two', 'azurerm_user_assigned_identity.app', {}),
    ];
    expect(await verdicts('AKSID026', plan)).toEqual({
      'azurerm_federated_identity_credential.one': {
        status: 'fail',
        severity: 'medium',
        culprits: ['azurerm_federated_identity_credential.two'],
      },
      'azurerm_federated_identity_credential.two': {
        status: 'fail',
        severity: 'medium',
        culprits: ['azurerm_federated_identity_credential.one'],
      },
    });
  });

  it('AKSID027: a federated credential to a cluster without workload identity fails', async () => {
    const noWorkloadIdentity = cluster('aks', {
      after: { oidc_issuer_enabled: true, workload_identity_enabled: false },
    });
    expect(
      await statuses('AKSID027', [
        noWorkloadIdentity,
        identity('app'),
        credential('app', 'azurerm_user_assigned_identity.app', {}),
      ]),
    ).toEqual({ 'azurerm_federated_identity_credential.app': 'fail' });
  });

  it('AKSID028: the admin user enabled on a registry the cluster pulls from fails, on the registry', async () => {
    const admin = resource('azurerm_container_registry.acr', 'azurerm_container_registry', {
      name: 'acr',
      admin_enabled: true,
    });
    const plan = [
      cluster('aks'),
      admin,
      roleAssignment('pull', 'AcrPull', kubelet, 'azurerm_container_registry.acr.id'),
    ];
    expect(await verdicts('AKSID028', plan)).toEqual({
      [aks]: { status: 'fail', severity: 'medium', culprits: ['azurerm_container_registry.acr'] },
    });
  });

  it("AKSID029: a role assignment to the kubelet's client ID instead of its object ID fails", async () => {
    const plan = [
      cluster('aks'),
      registry(),
      roleAssignment(
        'pull',
        'AcrPull',
        'azurerm_kubernetes_cluster.aks.kubelet_identity[0].client_id',
        'azurerm_container_registry.acr.id',
      ),
    ];
    expect(await statuses('AKSID029', plan)).toEqual({ 'azurerm_role_assignment.pull': 'fail' });
  });
});
