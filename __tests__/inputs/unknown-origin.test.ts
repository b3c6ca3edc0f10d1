import type { Cluster } from '../../src/model/entities.js';
import { isUnknown } from '../../src/model/unknown.js';
import { plan, readPlanObject, type TestResource } from '../helpers/plans.js';
import { statuses } from '../helpers/policy-runner.js';
import { cluster, constant, ref, roleAssignment } from '../helpers/tf.js';

/**
 * Every place where the adapter could not tell where a value comes from used to fall back to a value; each now gives
 * an unknown naming why, and the policies that depend on it are indeterminate. Each case below passed silently
 * before.
 */
const aks = 'azurerm_kubernetes_cluster.aks';

const spCluster = (
  extra: Partial<TestResource> & { afterExtra?: Record<string, unknown> } = {},
): TestResource => {
  const base = cluster('aks', {
    after: {
      identity: [],
      service_principal: [{ client_id: 'app', client_secret: 'Zq8-not-a-real-secret' }],
      ...extra.afterExtra,
    },
  });
  return { ...base, ...extra };
};

async function clusterOf(
  resources: TestResource[],
  variables: Record<string, unknown> = {},
): Promise<Cluster> {
  const { entities } = await readPlanObject(plan(resources, { variables }));
  const found = entities.cluster[0];
  if (found === undefined) throw new Error('no cluster');
  return found;
}

function reasonOf(value: unknown): string {
  return isUnknown(value) ? value.reason : `not unknown: ${JSON.stringify(value)}`;
}

describe('a service-principal secret whose origin the plan cannot tell (AKSID002)', () => {
  it('in a dynamic block (Terraform leaves it out of the configuration) is indeterminate, not a pass', async () => {
    const dynamic = spCluster({ expressions: { service_principal: [] } });
    const c = await clusterOf([dynamic]);
    expect(reasonOf(c.servicePrincipal?.secretInCode)).toBe(
      'of unknown origin: service_principal is in the planned values but not in the configuration (a dynamic block, which Terraform leaves out)',
    );
    expect(await statuses('AKSID002', [dynamic])).toEqual({ [aks]: 'indeterminate' });
  });

  it('from a local value (plan JSON records no locals) is indeterminate', async () => {
    const local = spCluster({
      expressions: {
        service_principal: [{ client_id: constant('app'), client_secret: ref('local.sp_secret') }],
      },
    });
    expect(reasonOf((await clusterOf([local])).servicePrincipal?.secretInCode)).toMatch(
      /^of unknown origin: client_secret comes from local value local\.sp_secret/,
    );
    expect(await statuses('AKSID002', [local])).toEqual({ [aks]: 'indeterminate' });
  });

  it('of a resource the configuration does not describe is indeterminate', async () => {
    const missing = spCluster({ noConfiguration: true });
    expect(reasonOf((await clusterOf([missing])).servicePrincipal?.secretInCode)).toBe(
      "of unknown origin: the plan's configuration does not describe azurerm_kubernetes_cluster.aks",
    );
    expect(await statuses('AKSID002', [missing])).toEqual({ [aks]: 'indeterminate' });
  });

  it('from a field of an object variable set outside the code is not in code (not a literal)', async () => {
    const fromVar = spCluster({
      expressions: {
        service_principal: [{ client_id: constant('app'), client_secret: ref('var.sp.secret') }],
      },
    });
    expect(await statuses('AKSID002', [fromVar], { sp: { value: { secret: 'x' } } })).toEqual({
      [aks]: 'pass',
    });
  });
});

describe('a kubelet identity whose origin the plan cannot tell (AKSID011)', () => {
  const byo =
    '/subscriptions/s/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kubelet';
  const aksMade =
    '/subscriptions/s/resourceGroups/MC_rg_aks/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-agentpool';
  const existing = (kubeletId: string): TestResource => ({
    ...cluster('aks', {
      actions: ['update'],
      after: {
        identity: [{ type: 'UserAssigned', identity_ids: [byo] }],
        node_resource_group: 'MC_rg_aks',
        kubelet_identity: [{ user_assigned_identity_id: kubeletId, object_id: 'o', client_id: 'c' }],
      },
      // An existing cluster: nothing is left to compute.
      afterUnknown: {
        id: false,
        identity: [{}],
        kubelet_identity: [{}],
        oidc_issuer_url: false,
        node_resource_group_id: false,
      },
    }),
    before: { name: 'aks' },
  });

  it('set by a dynamic block, outside the node resource group, is brought by the user', async () => {
    expect((await clusterOf([existing(byo)])).kubeletIdentity?.custom).toBe(true);
  });

  it("in the node resource group is AKS's own", async () => {
    expect((await clusterOf([existing(aksMade)])).kubeletIdentity?.custom).toBe(false);
  });

  it('of a resource the configuration does not describe is unknown, and AKSID011 indeterminate', async () => {
    const created = {
      ...cluster('aks', {
        after: { identity: [{ type: 'UserAssigned' }], kubelet_identity: [{}] },
        afterUnknown: { kubelet_identity: [{ user_assigned_identity_id: true, object_id: true }] },
      }),
      noConfiguration: true,
    };
    const c = await clusterOf([created]);
    expect(reasonOf(c.kubeletIdentity?.custom)).toBe(
      "of unknown origin: the plan's configuration does not describe azurerm_kubernetes_cluster.aks",
    );
    expect(await statuses('AKSID011', [created])).toEqual({ [aks]: 'indeterminate' });
  });
});

describe('bring-your-own network resources whose origin the plan cannot tell (AKSID010)', () => {
  it('a subnet in a dynamic default_node_pool is unknown, not absent', async () => {
    const dynamicPool = cluster('aks', {
      after: { default_node_pool: [{ name: 'default' }] },
      afterUnknown: { default_node_pool: [{ vnet_subnet_id: true }] },
      expressions: { default_node_pool: [] },
    });
    const c = await clusterOf([dynamicPool]);
    expect(reasonOf(c.network?.vnetSubnetIds)).toBe(
      'of unknown origin: default_node_pool is in the planned values but not in the configuration (a dynamic block, which Terraform leaves out)',
    );
    expect(await statuses('AKSID010', [dynamicPool])).toEqual({ [aks]: 'indeterminate' });
  });

  it('outbound IPs of a dynamic load_balancer_profile are unknown, not absent', async () => {
    const dynamicLb = cluster('aks', {
      after: { network_profile: [{ load_balancer_profile: [{}] }] },
      afterUnknown: { network_profile: [{ load_balancer_profile: [{ outbound_ip_address_ids: true }] }] },
      expressions: { network_profile: [{ network_plugin: constant('azure') }] },
    });
    expect(reasonOf((await clusterOf([dynamicLb])).network?.outboundIpIds)).toMatch(/dynamic block/);
    expect(await statuses('AKSID010', [dynamicLb])).toEqual({ [aks]: 'indeterminate' });
  });

  it("outbound IPs AKS computes (the profile unknown as a whole and not configured) are not the user's", async () => {
    const computed = cluster('aks', {
      after: { network_profile: [{ outbound_type: 'loadBalancer' }] },
      afterUnknown: { network_profile: [{ load_balancer_profile: true }] },
      expressions: { network_profile: [{ network_plugin: constant('azure') }] },
    });
    expect((await clusterOf([computed])).network?.outboundIpIds).toEqual([]);
  });
});

describe('settings a plan does not state are not their defaults', () => {
  it.each([
    ['AKSID006', 'role_based_access_control_enabled'],
    ['AKSID003', 'local_account_disabled'],
  ])('%s is indeterminate when %s is missing from the planned values', async (id, key) => {
    const partial = cluster('aks');
    partial.after = Object.fromEntries(Object.entries(partial.after ?? {}).filter(([k]) => k !== key));
    expect(await statuses(id, [partial])).toEqual({ [aks]: 'indeterminate' });
  });

  it('null means the platform default (AKS leaves local accounts on)', async () => {
    expect(await statuses('AKSID003', [cluster('aks', { after: { local_account_disabled: null } })])).toEqual(
      {
        [aks]: 'fail',
      },
    );
  });

  it('azurerm 3.x `managed = null` is the legacy Entra ID integration, not managed (AKSID004)', async () => {
    const legacy = cluster('aks', {
      after: {
        azure_active_directory_role_based_access_control: [
          { managed: null, azure_rbac_enabled: false, server_app_id: 'srv', client_app_id: 'cli' },
        ],
      },
    });
    expect(await statuses('AKSID004', [legacy])).toEqual({ [aks]: 'fail' });
  });

  it('azurerm 4.x has no `managed`: its block is managed', async () => {
    const v4 = cluster('aks', {
      after: {
        azure_active_directory_role_based_access_control: [{ azure_rbac_enabled: true, tenant_id: 't' }],
      },
    });
    expect(await statuses('AKSID004', [v4])).toEqual({ [aks]: 'pass' });
  });
});

describe('a role assignment whose principal cannot be told apart from a cluster identity', () => {
  const owner = roleAssignment('owner', 'Owner', 'local.principal', '/subscriptions/s');
  const assignment = 'azurerm_role_assignment.owner';

  it('is undecided, not "someone else", so AKSID016 is indeterminate rather than not applicable', async () => {
    expect(await statuses('AKSID016', [cluster('aks'), owner])).toEqual({ [assignment]: 'indeterminate' });
  });

  it('may be the kubelet identity: AKSID014 is indeterminate rather than a pass', async () => {
    expect(await statuses('AKSID014', [cluster('aks'), owner])).toEqual({ [aks]: 'indeterminate' });
  });

  it('with a principal known to be another object (a computed ID of another resource) is someone else', async () => {
    const other = roleAssignment(
      'owner',
      'Owner',
      'azurerm_user_assigned_identity.app.principal_id',
      '/subscriptions/s',
    );
    expect(await statuses('AKSID016', [cluster('aks'), other])).toEqual({ [assignment]: 'not-applicable' });
    expect(await statuses('AKSID014', [cluster('aks'), other])).toEqual({ [aks]: 'pass' });
  });
});
