import { EXAMPLE_SECRET } from '../helpers/fixtures.js';
import type { Cluster } from '../../src/model/entities.js';
import { isUnknown, Unknown } from '../../src/model/unknown.js';
import { plan, readPlanObject, type TestResource } from '../helpers/plans.js';
import { bareAssignment, bareCluster, constant, ref } from '../helpers/tf.js';
import { keyOf, known } from '../helpers/values.js';

describe('Terraform plan change actions', () => {
  it.each([
    [['create'], 'create'],
    [['update'], 'update'],
    [['delete'], 'delete'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['no-op'], 'none'],
  ])('%j is %s', async (actions, expected) => {
    const deleting = actions.length === 1 && actions[0] === 'delete';
    const resource = bareCluster(
      'azurerm_kubernetes_cluster.aks',
      {},
      {
        actions,
        before:
          actions[0] === 'create' && actions.length === 1
            ? null
            : { name: 'aks', identity: [{ type: 'SystemAssigned', principal_id: 'p1' }] },
        ...(deleting ? { after: null, afterUnknown: {} } : {}),
      },
    );
    const { entities } = await readPlanObject(plan([resource]));
    expect(entities.cluster[0]?.change.action).toBe(expected);
  });

  it('maps `before` the same way, so a policy can compare before and after', async () => {
    const resource = bareCluster(
      'azurerm_kubernetes_cluster.aks',
      {
        identity: [
          {
            type: 'UserAssigned',
            identity_ids: [
              '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id',
            ],
          },
        ],
      },
      {
        actions: ['update'],
        before: {
          name: 'aks',
          identity: [{ type: 'SystemAssigned', principal_id: '11111111-1111-1111-1111-111111111111' }],
          service_principal: [],
        },
      },
    );
    const { entities } = await readPlanObject(plan([resource]));
    const c = entities.cluster[0];
    expect(c?.identity.type).toBe('UserAssigned');
    expect(c?.change.before?.identity).toEqual({
      type: 'SystemAssigned',
      principalId: '11111111-1111-1111-1111-111111111111',
    });
  });

  it('takes a deleted resource from `before`', async () => {
    const resource = bareCluster(
      'azurerm_kubernetes_cluster.old',
      {},
      {
        actions: ['delete'],
        after: null,
        afterUnknown: {},
        before: { name: 'old-aks', identity: [], service_principal: [{ client_id: 'app' }] },
      },
    );
    const { entities } = await readPlanObject(plan([resource]));
    expect(entities.cluster[0]).toMatchObject({
      name: 'old-aks',
      change: { action: 'delete' },
      identity: { type: 'ServicePrincipal' },
    });
  });

  it('lists a resource with change actions it does not know as skipped, with the reason', async () => {
    const { read } = await readPlanObject(
      plan([bareCluster('azurerm_kubernetes_cluster.aks', {}, { actions: ['forget'] })]),
    );
    expect(read.entities).toEqual([]);
    expect(read.skipped).toEqual([
      {
        file: 'tfplan.json',
        address: 'azurerm_kubernetes_cluster.aks',
        type: 'azurerm_kubernetes_cluster',
        reason: 'unrecognised change actions [forget]',
      },
    ]);
    expect(read.inputs[0]).toMatchObject({ scanned: 0, skipped: 1 });
  });
});

describe('values known after apply', () => {
  it('are Unknown, naming the attribute they will be', async () => {
    const { entities } = await readPlanObject(plan([bareCluster('azurerm_kubernetes_cluster.aks', {})]));
    const principal = entities.cluster[0]?.identity.principalId;
    expect(principal).toBeInstanceOf(Unknown);
    expect((principal as Unknown).ref).toBe('azurerm_kubernetes_cluster.aks.identity[0].principal_id');
    expect((principal as Unknown).reason).toBe('known after apply');
  });

  it('are recovered when the configuration gives them as a constant through a variable', async () => {
    const resource = bareAssignment('azurerm_role_assignment.x', ref('var.group_id'));
    const { entities } = await readPlanObject(
      plan([resource], { variables: { group_id: { value: 'abc-group' } } }),
    );
    expect(entities.roleAssignment[0]?.principalId).toBe('abc-group');
  });

  it('that reference nothing resolvable stay unknown, and their principal is unknown', async () => {
    const resource = bareAssignment('azurerm_role_assignment.x', ref('local.principal'));
    const aks = bareCluster('azurerm_kubernetes_cluster.aks', {});
    const { entities } = await readPlanObject(plan([resource, aks]));
    const principalId = entities.roleAssignment[0]?.principalId;
    expect(isUnknown(principalId) && principalId.reason).toMatch(/unknown origin.*local\.principal/);
    const kind = entities.roleAssignment[0]?.principal.kind;
    expect(isUnknown(kind) && kind.reason).toMatch(/may be an identity of azurerm_kubernetes_cluster\.aks/);
    expect(entities.cluster[0]?.undecidedRoleAssignments.map((a) => (isUnknown(a) ? a : a.key))).toEqual([
      'azurerm_role_assignment.x',
    ]);
  });

  it("whose principal cannot be a cluster identity of the input are someone else's", async () => {
    const resource = bareAssignment('azurerm_role_assignment.x', ref('local.principal'));
    const { entities } = await readPlanObject(plan([resource]));
    expect(entities.roleAssignment[0]?.principal.kind).toBe('other');
  });
});

describe('linking principals', () => {
  it('through count and for_each instances', async () => {
    const resources = [
      bareCluster(
        'azurerm_kubernetes_cluster.aks[0]',
        {},
        { index: 0, afterUnknown: { id: true, identity: [{ principal_id: true }], kubelet_identity: true } },
      ),
      bareAssignment(
        'azurerm_role_assignment.pull["east"]',
        ref('azurerm_kubernetes_cluster.aks[0].kubelet_identity[0].object_id'),
        { index: 'east' },
      ),
    ];
    const { entities } = await readPlanObject(plan(resources));
    expect(entities.cluster[0]?.key).toBe('azurerm_kubernetes_cluster.aks[0]');
    expect(entities.cluster[0]?.kubeletRoleAssignments.map((r) => r.key)).toEqual([
      'azurerm_role_assignment.pull["east"]',
    ]);
  });

  it('by known principal IDs, case-insensitively', async () => {
    const resources = [
      bareCluster(
        'azurerm_kubernetes_cluster.aks',
        { identity: [{ type: 'SystemAssigned', principal_id: 'AAAA-1' }] },
        { actions: ['no-op'], afterUnknown: {} },
      ),
      bareAssignment('azurerm_role_assignment.net', 'aaaa-1'),
    ];
    const { entities } = await readPlanObject(plan(resources));
    expect(entities.roleAssignment[0]?.principal).toMatchObject({
      kind: 'clusterControlPlane',
      cluster: entities.cluster[0],
    });
  });

  it('never by client ID', async () => {
    const resources = [
      bareCluster(
        'azurerm_kubernetes_cluster.aks',
        { kubelet_identity: [{ client_id: 'client-1', object_id: 'object-1' }] },
        { actions: ['no-op'], afterUnknown: {} },
      ),
      bareAssignment('azurerm_role_assignment.pull', 'client-1'),
    ];
    const { entities } = await readPlanObject(plan(resources));
    expect(entities.roleAssignment[0]?.principal.kind).toBe('other');
  });

  it('to a custom role defined in the plan, with its actions', async () => {
    const resources: TestResource[] = [
      bareCluster('azurerm_kubernetes_cluster.aks', {}),
      {
        address: 'azurerm_role_definition.custom',
        type: 'azurerm_role_definition',
        after: {
          name: 'aks-network',
          permissions: [{ actions: ['Microsoft.Network/*'], not_actions: [] }],
          assignable_scopes: ['/subscriptions/s'],
        },
        afterUnknown: { id: true, role_definition_id: true, role_definition_resource_id: true },
      },
      {
        address: 'azurerm_role_assignment.custom',
        type: 'azurerm_role_assignment',
        after: {},
        afterUnknown: { id: true, principal_id: true, role_definition_id: true, scope: true },
        expressions: {
          principal_id: ref('azurerm_kubernetes_cluster.aks.identity[0].principal_id'),
          role_definition_id: ref('azurerm_role_definition.custom.role_definition_resource_id'),
          scope: ref('data.azurerm_subscription.current.id'),
        },
      },
    ];
    const { entities } = await readPlanObject(plan(resources));
    const a = entities.roleAssignment[0];
    expect(a?.role).toMatchObject({ name: 'aks-network', builtIn: false, actions: ['Microsoft.Network/*'] });
    expect(a?.scope.level).toBe('subscription');
    expect(a?.principal.kind).toBe('clusterControlPlane');
  });

  it('through a module input and a module output', async () => {
    const resources: TestResource[] = [
      { ...bareCluster('module.aks.azurerm_kubernetes_cluster.this', {}) },
      { ...bareAssignment('module.access.azurerm_role_assignment.this', ref('var.principal')) },
    ];
    const modules = {
      aks: {
        source: './aks',
        module: {
          resources: [
            {
              address: 'azurerm_kubernetes_cluster.this',
              mode: 'managed',
              type: 'azurerm_kubernetes_cluster',
              name: 'this',
              expressions: {},
            },
          ],
          outputs: {
            kubelet: {
              expression: ref('azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id'),
            },
          },
        },
      },
      access: {
        source: './access',
        expressions: { principal: ref('module.aks.kubelet') },
        module: {
          resources: [
            {
              address: 'azurerm_role_assignment.this',
              mode: 'managed',
              type: 'azurerm_role_assignment',
              name: 'this',
              expressions: { principal_id: ref('var.principal') },
            },
          ],
        },
      },
    };
    const { entities } = await readPlanObject(plan(resources, { modules }));
    expect(entities.roleAssignment[0]?.principal.kind).toBe('kubelet');
    expect(entities.cluster[0]?.kubeletRoleAssignments).toHaveLength(1);
  });

  it('adds the subnets of extra node pools to their cluster', async () => {
    const resources: TestResource[] = [
      bareCluster('azurerm_kubernetes_cluster.aks', {}),
      {
        address: 'azurerm_kubernetes_cluster_node_pool.user',
        type: 'azurerm_kubernetes_cluster_node_pool',
        after: { name: 'user' },
        afterUnknown: { id: true, kubernetes_cluster_id: true, vnet_subnet_id: true },
        expressions: {
          kubernetes_cluster_id: ref('azurerm_kubernetes_cluster.aks.id'),
          vnet_subnet_id: ref('azurerm_subnet.user.id'),
        },
      },
      {
        address: 'azurerm_kubernetes_cluster_node_pool.orphan',
        type: 'azurerm_kubernetes_cluster_node_pool',
        after: {
          name: 'orphan',
          kubernetes_cluster_id:
            '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/other',
        },
      },
    ];
    const { entities, read } = await readPlanObject(plan(resources));
    expect(known(entities.cluster[0]?.network?.vnetSubnetIds).map(String)).toEqual([
      '(known after apply: azurerm_subnet.user.id)',
    ]);
    expect(read.skipped.map((s) => s.address)).toEqual(['azurerm_kubernetes_cluster_node_pool.orphan']);
  });
});

describe('secrets', () => {
  const secret = EXAMPLE_SECRET;
  const spCluster = (expressions: Record<string, unknown>): TestResource =>
    bareCluster(
      'azurerm_kubernetes_cluster.sp',
      {
        identity: [],
        service_principal: [{ client_id: 'app-id', client_secret: secret }],
      },
      {
        afterSensitive: { service_principal: [{ client_secret: true }] },
        expressions: { service_principal: [expressions] },
      },
    );

  it('are redacted from the raw resource and collected for scrubbing', async () => {
    const { entities, read } = await readPlanObject(plan([spCluster({ client_secret: constant(secret) })]));
    expect(JSON.stringify(entities.cluster[0]?.raw)).not.toContain(secret);
    expect(JSON.stringify(entities.cluster[0]?.raw)).toContain('[redacted]');
    expect(read.secrets).toContain(secret);
  });

  it('redact and collect a value marked sensitive deep inside a block, not only at the top', async () => {
    const subnet =
      '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s-4711';
    const resource = bareCluster(
      'azurerm_kubernetes_cluster.aks',
      { default_node_pool: [{ name: 'system', vnet_subnet_id: subnet }] },
      {
        afterSensitive: { default_node_pool: [{ vnet_subnet_id: true }] },
      },
    );
    const { entities, read } = await readPlanObject(plan([resource]));
    const raw = JSON.stringify(entities.cluster[0]?.raw);
    expect(raw).not.toContain('s-4711');
    expect(raw).toContain('"name":"system"');
    expect(read.secrets).toEqual([subnet]);
  });

  it('redact a whole sensitive block, collecting every string in it, and keep a sensitive null as null', async () => {
    const resource = bareCluster(
      'azurerm_kubernetes_cluster.aks',
      {
        service_principal: [{ client_id: 'app-4711', client_secret: secret, tags: ['t-0815'] }],
        http_proxy_config: null,
        dns_prefix: '',
      },
      { afterSensitive: { service_principal: true, http_proxy_config: true, dns_prefix: true } },
    );
    const { entities, read } = await readPlanObject(plan([resource]));
    const raw = entities.cluster[0]?.raw as Record<string, unknown>;
    expect(raw['service_principal']).toBe('[redacted]');
    expect(raw['http_proxy_config']).toBeNull();
    expect(read.secrets.sort()).toEqual(['app-4711', secret, 't-0815'].sort());
  });

  it.each([
    ['a literal', { client_secret: constant(secret) }, {}, true],
    [
      'a variable with a default in code',
      { client_secret: ref('var.secret') },
      { secret: { value: secret } },
      true,
    ],
    [
      'a variable set from outside',
      { client_secret: ref('var.secret') },
      { secret: { value: secret } },
      false,
    ],
    [
      'another resource',
      {
        client_secret: ref('azuread_service_principal_password.sp.value'),
      },
      {},
      false,
    ],
  ])('count as in code when written as %s', async (_name, expressions, variables, expected) => {
    const p = plan([spCluster(expressions)], { variables });
    const root = (p['configuration'] as { root_module: Record<string, unknown> }).root_module;
    if (_name === 'a variable with a default in code')
      root['variables'] = { secret: { default: secret, sensitive: true } };
    const { entities } = await readPlanObject(p);
    expect((entities.cluster[0] as Cluster).servicePrincipal?.secretInCode).toBe(expected);
  });
});

describe('planned_values without resource_changes', () => {
  it('still yields the resources, as unchanged', async () => {
    const p = {
      format_version: '1.0',
      planned_values: {
        root_module: {
          child_modules: [
            {
              address: 'module.m',
              resources: [
                {
                  address: 'module.m.azurerm_user_assigned_identity.id',
                  mode: 'managed',
                  type: 'azurerm_user_assigned_identity',
                  name: 'id',
                  values: { name: 'id-1', principal_id: 'p' },
                },
              ],
            },
          ],
        },
      },
    };
    const { entities } = await readPlanObject(p);
    expect(entities.managedIdentity[0]).toMatchObject({
      key: 'module.m.azurerm_user_assigned_identity.id',
      principalId: 'p',
      change: { action: 'none' },
    });
  });
});

describe('one value under several names', () => {
  it('is followed to its origin: the kubelet object ID set from a user-assigned identity is that identity', async () => {
    const { readInputs } = await import('../../src/inputs/read-inputs.js');
    const { linkEntities } = await import('../../src/model/link.js');
    const { repoRoot } = await import('../helpers/fixtures.js');
    const read = await readInputs([`${repoRoot}/examples/terraform/tfplan.json`], { repoRoot });
    const entities = linkEntities(read.entities);
    const platform = entities.cluster.find((c) => c.key === 'azurerm_kubernetes_cluster.platform');
    // The role assignment names azurerm_kubernetes_cluster.platform.kubelet_identity[0].object_id, which the
    // cluster sets from azurerm_user_assigned_identity.kubelet.principal_id.
    expect(platform?.kubeletIdentity?.objectId).toEqual(
      new Unknown('known after apply', 'azurerm_user_assigned_identity.kubelet.principal_id', true),
    );
    expect(platform?.kubeletManagedIdentity?.key).toBe('azurerm_user_assigned_identity.kubelet');
    expect(platform?.kubeletRoleAssignments.map((r) => r.key)).toEqual([
      'azurerm_role_assignment.kubelet_pulls_images',
    ]);
    expect(platform?.controlPlaneRoleAssignments.map((r) => r.key)).toEqual([
      'azurerm_role_assignment.control_plane_operates_kubelet',
    ]);
    expect(platform?.registries.map(keyOf)).toEqual(['azurerm_container_registry.platform']);
  });
});
