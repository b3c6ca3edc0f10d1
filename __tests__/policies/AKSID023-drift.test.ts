import { join } from 'node:path';
import {
  liveWorld,
  AKS_A,
  KUBELET_A,
  CONTROL_PLANE_A,
  CONTRIBUTOR_GRANT,
  SUB_A,
} from '../helpers/live-world.js';
import { plan, writeTemp, type TestResource } from '../helpers/plans.js';
import { ref } from '../helpers/tf.js';
import type { JsonResult } from '../../src/report/json.js';
import { runCliHere, jsonReport } from '../helpers/run-cli.js';

// Drift: a Terraform plan of cluster aks-a scanned with what Azure has for it (live-world.ts). The code declares
// the kubelet's AcrPull (an existing assignment, by its ID) and a Network Contributor grant for the control plane
// on an existing subnet it reads with a data source deferred to apply (scope not known yet); Azure also has Contributor for the kubelet on the
// subscription, which no code declares.

const RG_A = `/subscriptions/${SUB_A}/resourceGroups/rg-a`;
const ACR_PULL_GRANT = `${RG_A}/providers/Microsoft.ContainerRegistry/registries/acra/providers/Microsoft.Authorization/roleAssignments/a1000000-0000-0000-0000-000000000001`;
const SUBNET_GRANT = `${RG_A}/providers/Microsoft.Network/virtualNetworks/vnet-a/subnets/nodes/providers/Microsoft.Authorization/roleAssignments/a1000000-0000-0000-0000-000000000002`;

function existingCluster(): TestResource {
  const after = {
    id: AKS_A,
    name: 'aks-a',
    resource_group_name: 'rg-a',
    location: 'westeurope',
    identity: [
      {
        type: 'UserAssigned',
        identity_ids: [`${RG_A}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-a`],
        principal_id: '',
        tenant_id: '',
      },
    ],
    kubelet_identity: [
      {
        object_id: KUBELET_A,
        client_id: 'a0000000-1111-0000-0000-00000000000b',
        user_assigned_identity_id: `/subscriptions/${SUB_A}/resourceGroups/MC_rg-a/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-a-agentpool`,
      },
    ],
    node_resource_group: 'MC_rg-a',
    role_based_access_control_enabled: true,
    local_account_disabled: true,
    oidc_issuer_enabled: true,
    workload_identity_enabled: true,
    azure_active_directory_role_based_access_control: [{ managed: true, azure_rbac_enabled: true }],
    service_principal: [],
  };
  return {
    address: 'azurerm_kubernetes_cluster.aks',
    type: 'azurerm_kubernetes_cluster',
    actions: ['no-op'],
    before: after,
    after,
    afterUnknown: {},
  };
}

function codePlan(acrPullId: string = ACR_PULL_GRANT): Record<string, unknown> {
  const acrPull = {
    id: acrPullId,
    principal_id: KUBELET_A,
    role_definition_name: 'AcrPull',
    role_definition_id: `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
    scope: `${RG_A}/providers/Microsoft.ContainerRegistry/registries/acra`,
  };
  return plan([
    existingCluster(),
    {
      address: 'azurerm_role_assignment.acr_pull',
      type: 'azurerm_role_assignment',
      actions: ['no-op'],
      before: acrPull,
      after: acrPull,
      afterUnknown: {},
    },
    {
      address: 'data.azurerm_subnet.nodes',
      type: 'azurerm_subnet',
      actions: ['read'],
      after: { name: 'nodes', resource_group_name: 'rg-a', virtual_network_name: 'vnet-a' },
      afterUnknown: { id: true },
    },
    {
      address: 'azurerm_role_assignment.subnet',
      type: 'azurerm_role_assignment',
      after: { principal_id: CONTROL_PLANE_A, role_definition_name: 'Network Contributor' },
      afterUnknown: { id: true, scope: true, role_definition_id: true },
      expressions: { scope: ref('data.azurerm_subnet.nodes.id') },
    },
  ]);
}

async function scanDrift(world = liveWorld(), code = codePlan()): Promise<JsonResult[]> {
  const dir = await writeTemp({
    'tfplan.json': code,
    'live/clusters.json': { value: world.clusters },
    'live/role-assignments.json': { value: world.roleAssignments },
  });
  const run = await runCliHere(
    ['scan', join(dir, 'tfplan.json'), join(dir, 'live'), '--format', 'json', '--fail-on', 'none'],
    dir,
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return jsonReport(run.stdout).results.filter(
    (r) => r.policyId === 'AKSID023' && r.status !== 'not-applicable',
  );
}

describe('AKSID023 drift between code and live state', () => {
  it('fails a grant Azure has that the code does not declare, and names it', async () => {
    const results = await scanDrift();
    const contributor = results.find((r) => r.entity.key === CONTRIBUTOR_GRANT);
    expect(contributor?.status).toBe('fail');
    expect(contributor?.message).toBe(
      `The kubelet identity of cluster 'aks-a' holds Contributor on /subscriptions/${SUB_A} in Azure, which the code does not declare: granted by hand, or left from an earlier deployment.`,
    );
  });

  it('passes a grant the code declares (the same assignment ID)', async () => {
    const results = await scanDrift();
    expect(results.find((r) => r.entity.key === ACR_PULL_GRANT)?.status).toBe('pass');
  });

  it('passes a grant the code declares under another ID, with the same principal, role and scope', async () => {
    const results = await scanDrift(
      liveWorld(),
      codePlan(`${ACR_PULL_GRANT.replace(/\/[^/]+$/, '')}/b2000000-0000-0000-0000-000000000001`),
    );
    expect(results.find((r) => r.entity.key === ACR_PULL_GRANT)?.status).toBe('pass');
  });

  it('is undecided for a grant the code may declare, its scope known only after apply', async () => {
    const results = await scanDrift();
    const subnet = results.find((r) => r.entity.key === SUBNET_GRANT);
    expect(subnet?.status).toBe('indeterminate');
    expect(subnet?.because?.[0]?.reason).toBe(
      'undecided: azurerm_role_assignment.subnet in code may be this grant, but its role, scope or principal is known only after apply',
    );
  });

  it('checks only grants of clusters the code describes too, and only those read from live state', async () => {
    const results = await scanDrift();
    expect(results.map((r) => r.entity.key).sort()).toEqual(
      [ACR_PULL_GRANT, CONTRIBUTOR_GRANT, SUBNET_GRANT].sort(),
    );
  });

  it('does not pair a cluster of the same name in another subscription', async () => {
    const world = liveWorld();
    const cluster = world.clusters[0];
    if (cluster === undefined) throw new Error('no cluster');
    cluster.id = cluster.id.replace(SUB_A, 'dddddddd-0000-0000-0000-00000000000d');
    expect(await scanDrift(world)).toEqual([]);
  });

  it('pairs clusters by resource ID without regard to case', async () => {
    const world = liveWorld();
    const cluster = world.clusters[0];
    if (cluster === undefined) throw new Error('no cluster');
    cluster.id = cluster.id.replace('resourceGroups/rg-a', 'resourcegroups/RG-A');
    const results = await scanDrift(world);
    expect(results.find((r) => r.entity.key === CONTRIBUTOR_GRANT)?.status).toBe('fail');
  });
});

describe('AKSID030 the control-plane identity in Azure is the kind the code declares', () => {
  async function identityDrift(liveType: string): Promise<JsonResult | undefined> {
    const world = liveWorld();
    const cluster = world.clusters[0];
    if (cluster === undefined) throw new Error('no cluster');
    cluster['identity'] = { type: liveType, principalId: 'a0000000-0000-0000-0000-0000000000ff' };
    const dir = await writeTemp({
      'tfplan.json': codePlan(),
      'live/clusters.json': { value: world.clusters },
      'live/role-assignments.json': { value: world.roleAssignments },
    });
    const run = await runCliHere(
      ['scan', join(dir, 'tfplan.json'), join(dir, 'live'), '--format', 'json', '--fail-on', 'none'],
      dir,
    );
    if (run.status !== 0) throw new Error(run.stderr);
    return jsonReport(run.stdout).results.find((r) => r.policyId === 'AKSID030');
  }

  it('passes when Azure has the identity type the code declares', async () => {
    expect((await identityDrift('UserAssigned'))?.status).toBe('pass');
  });

  it('fails on the code cluster when Azure has another identity type, naming both', async () => {
    const result = await identityDrift('SystemAssigned');
    expect(result?.status).toBe('fail');
    expect(result?.entity.key).toBe('azurerm_kubernetes_cluster.aks');
    expect(result?.message).toBe(
      "Cluster 'aks-a' declares a UserAssigned control-plane identity, but Azure has SystemAssigned: its principal, and the role assignments bound to it, change on the next deployment.",
    );
  });
});
