import { readArmTemplate } from '../../src/inputs/arm/adapter.js';
import type { AdapterOutput } from '../../src/inputs/adapter-output.js';
import { readTerraformPlan } from '../../src/inputs/terraform/adapter.js';
import { readWhatIf } from '../../src/inputs/whatif/adapter.js';
import type { Entity } from '../../src/model/entities.js';
import { linkEntities } from '../../src/model/link.js';
import { builtInPolicyDir } from '../../src/package-files.js';
import { evaluateAll } from '../../src/policy/evaluate.js';
import { loadPolicies } from '../../src/policy/load.js';
import { plan } from '../helpers/plans.js';
import { constant, ref } from '../helpers/tf.js';

/**
 * One cluster written three ways: a Terraform plan, the ARM template Bicep compiles it to, and the what-if result of
 * deploying that template. A user-assigned control plane holding Managed Identity Operator on a brought kubelet
 * identity, AcrPull for the kubelet on a registry, and a workload identity federated to the cluster's issuer. Every
 * policy must give every entity the same verdict, whatever the format.
 */
const SUB = '11111111-1111-1111-1111-111111111111';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-aks`;
const uai = (name: string): string =>
  `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const ACR = `${RG}/providers/Microsoft.ContainerRegistry/registries/acraks`;
const AKS = `${RG}/providers/Microsoft.ContainerService/managedClusters/aks`;
const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
const MI_OPERATOR = 'f1a07417-d97a-45cb-824c-7a7467783830';
const roleId = (guid: string): string =>
  `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

function terraformPlan(): Record<string, unknown> {
  const identity = (name: string) => ({
    address: `azurerm_user_assigned_identity.${name.replace(/-/g, '_')}`,
    type: 'azurerm_user_assigned_identity',
    after: { name, resource_group_name: 'rg-aks', location: 'westeurope' },
    afterUnknown: { id: true, principal_id: true, client_id: true, tenant_id: true },
  });
  const assignment = (name: string, role: string, principal: string, scope: string) => ({
    address: `azurerm_role_assignment.${name}`,
    type: 'azurerm_role_assignment',
    after: { role_definition_name: role },
    afterUnknown: { id: true, principal_id: true, scope: true, role_definition_id: true },
    expressions: { principal_id: ref(principal), scope: ref(scope) },
  });
  return plan([
    identity('id-cp'),
    identity('id-kubelet'),
    identity('id-app'),
    {
      address: 'azurerm_container_registry.acr',
      type: 'azurerm_container_registry',
      after: { name: 'acraks', resource_group_name: 'rg-aks', admin_enabled: false },
      afterUnknown: { id: true },
    },
    {
      address: 'azurerm_kubernetes_cluster.aks',
      type: 'azurerm_kubernetes_cluster',
      after: {
        name: 'aks',
        resource_group_name: 'rg-aks',
        identity: [{ type: 'UserAssigned' }],
        kubelet_identity: [{}],
        service_principal: [],
        local_account_disabled: true,
        role_based_access_control_enabled: true,
        azure_active_directory_role_based_access_control: [{ managed: true, azure_rbac_enabled: true }],
        oidc_issuer_enabled: true,
        workload_identity_enabled: true,
        private_cluster_enabled: false,
      },
      afterUnknown: {
        id: true,
        identity: [{ identity_ids: true, principal_id: true }],
        kubelet_identity: [{ user_assigned_identity_id: true, object_id: true, client_id: true }],
        oidc_issuer_url: true,
        node_resource_group: true,
        node_resource_group_id: true,
      },
      expressions: {
        identity: [
          { type: constant('UserAssigned'), identity_ids: ref('azurerm_user_assigned_identity.id_cp.id') },
        ],
        kubelet_identity: [
          {
            user_assigned_identity_id: ref('azurerm_user_assigned_identity.id_kubelet.id'),
            object_id: ref('azurerm_user_assigned_identity.id_kubelet.principal_id'),
            client_id: ref('azurerm_user_assigned_identity.id_kubelet.client_id'),
          },
        ],
      },
    },
    assignment(
      'operator',
      'Managed Identity Operator',
      'azurerm_user_assigned_identity.id_cp.principal_id',
      'azurerm_user_assigned_identity.id_kubelet.id',
    ),
    assignment(
      'pull',
      'AcrPull',
      'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
      'azurerm_container_registry.acr.id',
    ),
    {
      address: 'azurerm_federated_identity_credential.api',
      type: 'azurerm_federated_identity_credential',
      after: {
        name: 'api',
        subject: 'system:serviceaccount:app:api',
        audience: ['api://AzureADTokenExchange'],
      },
      afterUnknown: { id: true, issuer: true, parent_id: true },
      expressions: {
        issuer: ref('azurerm_kubernetes_cluster.aks.oidc_issuer_url'),
        parent_id: ref('azurerm_user_assigned_identity.id_app.id'),
      },
    },
  ]);
}

function armTemplate(): Record<string, unknown> {
  const identity = (name: string) => ({
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    apiVersion: '2023-01-31',
    name,
    location: 'westeurope',
  });
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: { _generator: { name: 'bicep', version: '0.30.3.12046' } },
    resources: [
      identity('id-cp'),
      identity('id-kubelet'),
      identity('id-app'),
      {
        type: 'Microsoft.ContainerRegistry/registries',
        apiVersion: '2023-07-01',
        name: 'acraks',
        location: 'westeurope',
        sku: { name: 'Basic' },
        properties: { adminUserEnabled: false },
      },
      {
        type: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2024-02-01',
        name: 'aks',
        location: 'westeurope',
        identity: {
          type: 'UserAssigned',
          userAssignedIdentities: {
            "[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-cp'))]": {},
          },
        },
        properties: {
          dnsPrefix: 'aks',
          enableRBAC: true,
          disableLocalAccounts: true,
          aadProfile: { managed: true, enableAzureRBAC: true },
          oidcIssuerProfile: { enabled: true },
          securityProfile: { workloadIdentity: { enabled: true } },
          identityProfile: {
            kubeletidentity: {
              resourceId: "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-kubelet')]",
              clientId:
                "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-kubelet'), '2023-01-31').clientId]",
              objectId:
                "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-kubelet'), '2023-01-31').principalId]",
            },
          },
          agentPoolProfiles: [{ name: 'system', count: 1, vmSize: 'Standard_D2s_v5', mode: 'System' }],
        },
      },
      {
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: '2022-04-01',
        scope: "[format('Microsoft.ManagedIdentity/userAssignedIdentities/{0}', 'id-kubelet')]",
        name: "[guid('operator')]",
        properties: {
          roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${MI_OPERATOR}')]`,
          principalId:
            "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-cp'), '2023-01-31').principalId]",
          principalType: 'ServicePrincipal',
        },
      },
      {
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: '2022-04-01',
        scope: "[format('Microsoft.ContainerRegistry/registries/{0}', 'acraks')]",
        name: "[guid('pull')]",
        properties: {
          roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ACR_PULL}')]`,
          principalId:
            "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks'), '2024-02-01').identityProfile.kubeletidentity.objectId]",
          principalType: 'ServicePrincipal',
        },
      },
      {
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
        apiVersion: '2023-01-31',
        name: "[format('{0}/{1}', 'id-app', 'api')]",
        properties: {
          issuer:
            "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks'), '2024-02-01').oidcIssuerProfile.issuerURL]",
          subject: 'system:serviceaccount:app:api',
          audiences: ['api://AzureADTokenExchange'],
        },
      },
    ],
  };
}

/** What `az deployment group what-if` says of that template in an empty resource group: everything is created. */
function whatIf(): Record<string, unknown> {
  const template = armTemplate();
  const create = (resourceId: string, after: Record<string, unknown>) => ({
    changeType: 'Create',
    resourceId,
    before: null,
    after: { id: resourceId, ...after },
    delta: null,
  });
  const resources = template['resources'] as Record<string, unknown>[];
  const [cp, kubelet, app, registry, cluster, operator, pull, credential] = resources;
  const resolveNames = (r: Record<string, unknown> | undefined, name: string) => ({ ...r, name });
  return {
    status: 'Succeeded',
    error: null,
    changes: [
      create(uai('id-cp'), resolveNames(cp, 'id-cp')),
      create(uai('id-kubelet'), resolveNames(kubelet, 'id-kubelet')),
      create(uai('id-app'), resolveNames(app, 'id-app')),
      create(ACR, resolveNames(registry, 'acraks')),
      create(AKS, {
        ...cluster,
        identity: { type: 'UserAssigned', userAssignedIdentities: { [uai('id-cp')]: {} } },
        properties: {
          ...(cluster?.['properties'] as Record<string, unknown>),
          identityProfile: {
            kubeletidentity: {
              resourceId: uai('id-kubelet'),
              clientId:
                "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-kubelet'), '2023-01-31').clientId]",
              objectId:
                "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-kubelet'), '2023-01-31').principalId]",
            },
          },
        },
      }),
      create(
        `${uai('id-kubelet')}/providers/Microsoft.Authorization/roleAssignments/4a2b2c1d-0000-4000-8000-000000000001`,
        {
          ...operator,
          scope: undefined,
          name: '4a2b2c1d-0000-4000-8000-000000000001',
          properties: {
            ...(operator?.['properties'] as Record<string, unknown>),
            roleDefinitionId: roleId(MI_OPERATOR),
          },
        },
      ),
      create(
        `${ACR}/providers/Microsoft.Authorization/roleAssignments/4a2b2c1d-0000-4000-8000-000000000002`,
        {
          ...pull,
          scope: undefined,
          name: '4a2b2c1d-0000-4000-8000-000000000002',
          properties: {
            ...(pull?.['properties'] as Record<string, unknown>),
            roleDefinitionId: roleId(ACR_PULL),
          },
        },
      ),
      create(`${uai('id-app')}/federatedIdentityCredentials/api`, resolveNames(credential, 'id-app/api')),
    ],
  };
}

/** How one entity is known across formats: keys differ (addresses, IDs), names and roles do not. */
function label(e: Entity): string {
  if (e.kind === 'roleAssignment') return `roleAssignment ${String(e.role.name)}`;
  return `${e.kind} ${String(e.name)}`;
}

async function verdicts(output: AdapterOutput): Promise<Record<string, string>> {
  const policies = await loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);
  const entities = linkEntities(output.entities);
  const result: Record<string, string> = {};
  for (const e of evaluateAll(policies, entities))
    result[`${e.policy.policy.id} ${label(e.entity)}`] = e.status;
  return result;
}

const scope = { subscriptionId: SUB, resourceGroupName: 'rg-aks' };

describe('one cluster written three ways', () => {
  it('gives the same verdict for every policy and entity as a Terraform plan, an ARM template and a what-if result', async () => {
    const fromPlan = await verdicts(
      await readTerraformPlan(
        { file: 'tfplan.json', text: '', value: terraformPlan() },
        { path: '/nowhere/tfplan.json', repoRoot: '/nowhere' },
      ),
    );
    const fromTemplate = await verdicts(
      await readArmTemplate(
        { file: 'main.json', text: JSON.stringify(armTemplate()), value: armTemplate() },
        { path: '/nowhere/main.json', repoRoot: '/nowhere', scope },
      ),
    );
    const fromWhatIf = await verdicts(
      await readWhatIf(
        { file: 'whatif.json', text: JSON.stringify(whatIf()), value: whatIf() },
        { path: '/nowhere/whatif.json', repoRoot: '/nowhere' },
      ),
    );
    expect(fromTemplate).toEqual(fromPlan);
    expect(fromWhatIf).toEqual(fromPlan);
    // And the verdicts are the ones this cluster deserves: every rule it can break, it keeps.
    expect(Object.entries(fromPlan).filter(([, s]) => s === 'fail' || s === 'indeterminate')).toEqual([]);
    // Every policy of the pack judged something.
    expect(new Set(Object.keys(fromPlan).map((k) => k.split(' ')[0])).size).toBe(30);
  });
});
