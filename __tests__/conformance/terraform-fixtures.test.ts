import { readInputs } from '../../src/inputs/read-inputs.js';
import type { EntitiesByKind, RoleAssignment } from '../../src/model/entities.js';
import { linkEntities } from '../../src/model/link.js';
import { isUnknown } from '../../src/model/unknown.js';
import { describeShared, repoRoot, terraformFixture } from '../helpers/fixtures.js';
import { keyOf, known } from '../helpers/values.js';

async function model(
  name: string,
): Promise<EntitiesByKind & { summary: Awaited<ReturnType<typeof readInputs>> }> {
  const read = await readInputs([terraformFixture(name)], { repoRoot });
  return { ...linkEntities(read.entities), summary: read };
}

function byKey(assignments: RoleAssignment[]): Record<string, string> {
  return Object.fromEntries(
    assignments.map((a) => [a.key, `${String(a.role.name)} @ ${String(a.scope.level)}`]),
  );
}

describeShared('real Terraform plans (../shared/fixtures/terraform)', () => {
  it('AKS_TF: a cluster in a module, roles to its identities through module outputs', async () => {
    const m = await model('tfplan-zodiac-AKS_TF-main.json');
    expect(m.cluster.map((c) => c.key)).toEqual(['module.AKS.azurerm_kubernetes_cluster.k8s']);
    const [cluster] = m.cluster;
    expect(cluster?.identity.type).toBe('SystemAssigned');
    expect(cluster?.aad).toMatchObject({ managed: true, azureRbacEnabled: true });
    expect(isUnknown(cluster?.aad?.tenantId)).toBe(true);
    expect(cluster?.localAccountsDisabled).toBe(true);
    // module.AKS.aks_cluster_principal_id -> azurerm_kubernetes_cluster.k8s.identity[0].principal_id
    expect(byKey(cluster?.controlPlaneRoleAssignments ?? [])).toEqual({
      'azurerm_role_assignment.vnet_k8s_role': 'Contributor @ resource',
    });
    expect(byKey(cluster?.kubeletRoleAssignments ?? [])).toEqual({
      'module.AKS.azurerm_role_assignment.node_infrastructure_update_scale_set':
        'Virtual Machine Contributor @ resourceGroup',
    });
    // module.AKS.agic_client_id is, despite its name, the AGIC add-on identity's object ID.
    const agic = cluster?.addons.find((a) => a.name === 'ingressApplicationGateway');
    expect(byKey(agic?.roleAssignments ?? [])).toEqual({
      'azurerm_role_assignment.appgw_agic_role': 'Contributor @ resource',
      'azurerm_role_assignment.resourcegroup_agic_role': 'Reader @ resourceGroup',
      'azurerm_role_assignment.vnet_agic_role': 'Contributor @ resource',
    });
    const subscriptionContributor = m.roleAssignment.find((r) => r.key === 'azurerm_role_assignment.rolespn');
    expect(subscriptionContributor).toMatchObject({
      principal: { kind: 'other' },
      role: { name: 'Contributor', id: 'b24988ac-6180-42a0-ab88-20f7382dd24c', builtIn: true },
      scope: { id: '/subscriptions/b38e5d20-9ac1-43eb-8531-c1d425068111', level: 'subscription' },
    });
    expect(
      m.roleAssignment.find((r) => r.key === 'azurerm_role_assignment.rolekv_user')?.principal.kind,
    ).toBe('other');
  });

  it('prueba-devsu: a user-assigned control plane whose identity holds AcrPull', async () => {
    const m = await model('tfplan-zodiac-prueba-devsu-master_devops_iac.json');
    const [cluster] = m.cluster;
    expect(cluster?.identity.type).toBe('UserAssigned');
    // identity_ids is unknown in the plan; the configuration references the identity.
    expect(cluster?.controlPlaneIdentity?.key).toBe('azurerm_user_assigned_identity.aks_identity');
    expect(m.managedIdentity[0]?.usedBy.map((u) => u.as)).toEqual(['controlPlane']);
    expect(byKey(cluster?.controlPlaneRoleAssignments ?? [])).toEqual({
      'azurerm_role_assignment.acr_pull': 'AcrPull @ resource',
      'azurerm_role_assignment.sql_access': 'Contributor @ resource',
    });
    expect(cluster?.kubeletRoleAssignments).toEqual([]);
    expect(
      m.roleAssignment.find((r) => r.key === 'azurerm_role_assignment.acr_pull')?.scope.resourceType,
    ).toBe('Microsoft.ContainerRegistry/registries');
    expect(cluster?.registries.map(keyOf)).toEqual(['azurerm_container_registry.acr']);
    expect(m.registry[0]).toMatchObject({ name: 'devsuContainerRegistry', adminUserEnabled: true });
  });

  it('aks-elk: Contributor on the resource group to the cluster identity', async () => {
    const m = await model('tfplan-zodiac-aks-elk-cluster-with-helm-main_AKS_Cluster.json');
    const [cluster] = m.cluster;
    expect(cluster?.identity.type).toBe('SystemAssigned');
    expect(cluster?.oidcIssuer?.enabled).toBe(true);
    expect(byKey(cluster?.controlPlaneRoleAssignments ?? [])).toEqual({
      'azurerm_role_assignment.aks_identity_assignment': 'Contributor @ resourceGroup',
    });
    expect(known(cluster?.network?.vnetSubnetIds).map(String)).toEqual([
      '(known after apply: azurerm_subnet.aks_pod.id)',
      '(known after apply: azurerm_subnet.aks_node.id)',
    ]);
  });

  it('aks-eks: a federated credential trusting the cluster issuer, on a workload identity', async () => {
    const m = await model('tfplan-zodiac-terraform-aks-eks-clusters-main_terraform_azure.json');
    const [cluster] = m.cluster;
    expect(cluster).toMatchObject({ workloadIdentityEnabled: true, oidcIssuer: { enabled: true } });
    const [credential] = m.federatedCredential;
    expect(credential).toMatchObject({
      subject: 'system:serviceaccount:default:ingress-azure',
      audiences: ['api://AzureADTokenExchange'],
    });
    expect(credential?.cluster).toBe(cluster);
    expect(credential?.identity?.key).toBe('azurerm_user_assigned_identity.testIdentity');
    expect(m.managedIdentity[0]?.usedBy.map((u) => u.as)).toEqual(['workload']);
    expect(m.roleAssignment.map((r) => r.principal.kind)).toEqual(['workload', 'workload', 'workload']);
    expect(cluster?.controlPlaneRoleAssignments).toEqual([]);
  });

  it('repro-502: Network Contributor on the VNet, and the extra node pool', async () => {
    const m = await model('tfplan-zodiac-repro-502-main_terraform.json');
    const [cluster] = m.cluster;
    expect(byKey(cluster?.controlPlaneRoleAssignments ?? [])).toEqual({
      'azurerm_role_assignment.aks_on_subnet': 'Network Contributor @ resource',
    });
    expect(cluster?.controlPlaneRoleAssignments[0]?.scope.resourceType).toBe(
      'Microsoft.Network/virtualNetworks',
    );
    expect(m.summary.inputs[0]?.scanned).toBe(3);
  });

  it('AKS: a minimal cluster without role assignments', async () => {
    const m = await model('tfplan-zodiac-AKS-main_terraform.json');
    expect(m.cluster).toHaveLength(1);
    expect(m.cluster[0]).toMatchObject({
      name: 'gordion-aks-cluster',
      identity: { type: 'SystemAssigned' },
      kubernetesRbacEnabled: true,
      localAccountsDisabled: false,
      change: { action: 'create' },
    });
    expect(isUnknown(m.cluster[0]?.identity.principalId)).toBe(true);
    expect(isUnknown(m.cluster[0]?.kubeletIdentity?.objectId)).toBe(true);
    expect(m.roleAssignment).toHaveLength(0);
  });

  it('checkov nsg: a plan with nothing in scope counts what it left out', async () => {
    const m = await model('tfplan-checkov-azurerm-nsg.json');
    expect(m.cluster).toHaveLength(0);
    expect(m.summary.inputs[0]).toMatchObject({
      format: 'terraform-plan',
      scanned: 0,
      skipped: 0,
      unsupported: {
        azurerm_network_security_group: 2,
        azurerm_network_security_rule: 1,
        azurerm_resource_group: 1,
      },
    });
  });

  it('every resource of a supported type is in the model or listed as skipped', async () => {
    for (const name of [
      'tfplan-zodiac-AKS_TF-main.json',
      'tfplan-zodiac-prueba-devsu-master_devops_iac.json',
      'tfplan-zodiac-terraform-aks-eks-clusters-main_terraform_azure.json',
    ]) {
      const read = await readInputs([terraformFixture(name)], { repoRoot });
      const input = read.inputs[0];
      expect(input?.scanned).toBe(read.entities.length);
      expect(input?.skipped).toBe(read.skipped.length);
    }
  });
});
