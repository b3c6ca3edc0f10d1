import { isUnknown } from '../../src/model/unknown.js';
import { plan, readPlanObject, type TestResource } from '../helpers/plans.js';
import { cluster, identity, ref, resource, roleAssignment } from '../helpers/tf.js';
import { keyOf, known } from '../helpers/values.js';

/** Plans that once were read wrongly; each test names the shape of Terraform it stands for. */
describe('Terraform shapes that are easy to misread', () => {
  it('a whole resource passed into a module and read there (var.identity.principal_id)', async () => {
    const resources: TestResource[] = [
      identity('kubelet'),
      {
        ...roleAssignment(
          'pull',
          'AcrPull',
          'var.identity.principal_id',
          '/subscriptions/s/resourceGroups/rg',
        ),
        address: 'module.access.azurerm_role_assignment.pull',
      },
    ];
    const modules = {
      access: {
        source: './access',
        expressions: { identity: ref('azurerm_user_assigned_identity.kubelet') },
        module: {
          resources: [
            {
              address: 'azurerm_role_assignment.pull',
              mode: 'managed',
              type: 'azurerm_role_assignment',
              name: 'pull',
              expressions: { principal_id: ref('var.identity.principal_id') },
            },
          ],
        },
      },
    };
    const { entities } = await readPlanObject(plan(resources, { modules }));
    expect(String(entities.roleAssignment[0]?.principalId)).toBe(
      '(known after apply: azurerm_user_assigned_identity.kubelet.principal_id)',
    );
    expect(entities.managedIdentity[0]?.roleAssignments).toHaveLength(1);
  });

  it('a for-expression over a whole resource, indexed by key, is not one of its values', async () => {
    const c = cluster('aks', {
      after: { identity: [{ type: 'UserAssigned' }], kubelet_identity: [{}] },
      afterUnknown: {
        identity: [{ identity_ids: true }],
        kubelet_identity: [{ object_id: true, user_assigned_identity_id: true }],
      },
      expressions: {
        kubelet_identity: [{ object_id: ref('azurerm_user_assigned_identity.this["kubelet"].principal_id') }],
      },
    });
    const pull = roleAssignment(
      'pull',
      'AcrPull',
      'module.ids.client_ids["kubelet"]',
      '/subscriptions/s/resourceGroups/rg',
    );
    const modules = {
      ids: {
        source: './ids',
        module: {
          resources: [],
          outputs: { client_ids: { expression: { references: ['azurerm_user_assigned_identity.this'] } } },
        },
      },
    };
    const { entities } = await readPlanObject(plan([c, pull], { modules }));
    expect(isUnknown(entities.roleAssignment[0]?.principal.kind)).toBe(true);
    expect(entities.cluster[0]?.kubeletRoleAssignments).toEqual([]);
  });

  it('a role assignment the plan deletes grants nothing afterwards', async () => {
    const acr = resource('azurerm_container_registry.acr', 'azurerm_container_registry', { name: 'acr' });
    const removed: TestResource = {
      ...roleAssignment(
        'pull',
        'AcrPull',
        'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
        'azurerm_container_registry.acr.id',
      ),
      actions: ['delete'],
      before: {
        role_definition_name: 'AcrPull',
        principal_id: 'kubelet-object-1',
        scope: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr',
      },
      after: null,
      afterUnknown: {},
    };
    const existing = cluster('aks', {
      actions: ['no-op'],
      after: {
        id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks',
        kubelet_identity: [{ object_id: 'kubelet-object-1' }],
      },
      afterUnknown: { id: false, identity: [{}], kubelet_identity: [{}] },
    });
    const { entities } = await readPlanObject(plan([existing, acr, removed]));
    expect(entities.roleAssignment).toHaveLength(1);
    expect(entities.cluster[0]?.kubeletRoleAssignments).toEqual([]);
    expect(entities.cluster[0]?.registries).toEqual([]);
  });

  it('a deposed object keeps its own key and does not stand in for the current object', async () => {
    const p = plan([
      resource('azurerm_resource_group.rg', 'azurerm_resource_group', {
        name: 'rg',
        id: '/subscriptions/s/resourceGroups/rg',
      }),
    ]);
    const changes = p['resource_changes'] as Record<string, unknown>[];
    changes[0] = {
      ...changes[0],
      change: {
        actions: ['no-op'],
        before: { id: '/subscriptions/s/resourceGroups/rg' },
        after: { name: 'rg', id: '/subscriptions/s/resourceGroups/rg' },
        after_unknown: {},
      },
    };
    changes.push({
      address: 'azurerm_user_assigned_identity.id',
      mode: 'managed',
      type: 'azurerm_user_assigned_identity',
      name: 'id',
      deposed: '00000001',
      change: {
        actions: ['delete'],
        before: { name: 'old', principal_id: 'p-old' },
        after: null,
        after_unknown: {},
      },
    });
    changes.push({
      address: 'azurerm_user_assigned_identity.id',
      mode: 'managed',
      type: 'azurerm_user_assigned_identity',
      name: 'id',
      change: {
        actions: ['create'],
        before: null,
        after: { name: 'new' },
        after_unknown: { id: true, principal_id: true },
      },
    });
    const { entities } = await readPlanObject(p);
    expect(entities.managedIdentity.map((m) => m.key)).toEqual([
      'azurerm_user_assigned_identity.id (deposed object 00000001)',
      'azurerm_user_assigned_identity.id',
    ]);
  });

  it('a registry is granted through its resource group when both are created by the plan', async () => {
    const rg = resource('azurerm_resource_group.rg', 'azurerm_resource_group', { name: 'rg' });
    const acr = resource(
      'azurerm_container_registry.acr',
      'azurerm_container_registry',
      { name: 'acr' },
      { resource_group_name: ref('azurerm_resource_group.rg.name') },
    );
    const pull = roleAssignment(
      'pull',
      'AcrPull',
      'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
      'azurerm_resource_group.rg.id',
    );
    const { entities } = await readPlanObject(plan([rg, acr, cluster('aks'), pull]));
    expect(entities.cluster[0]?.registries.map(keyOf)).toEqual(['azurerm_container_registry.acr']);
  });

  it("an extra node pool's subnet is one of the cluster's subnets, with its scope chain", async () => {
    const pool: TestResource = {
      address: 'azurerm_kubernetes_cluster_node_pool.user',
      type: 'azurerm_kubernetes_cluster_node_pool',
      after: { name: 'user' },
      afterUnknown: { kubernetes_cluster_id: true, vnet_subnet_id: true },
      expressions: {
        kubernetes_cluster_id: ref('azurerm_kubernetes_cluster.aks.id'),
        vnet_subnet_id: ref('azurerm_subnet.user.id'),
      },
    };
    const subnet = resource(
      'azurerm_subnet.user',
      'azurerm_subnet',
      { name: 'user' },
      { virtual_network_name: ref('azurerm_virtual_network.vnet.name') },
    );
    const { entities } = await readPlanObject(
      plan([
        cluster('aks'),
        resource('azurerm_virtual_network.vnet', 'azurerm_virtual_network'),
        subnet,
        pool,
      ]),
    );
    expect(known(entities.cluster[0]?.network?.subnets).map((s) => s.scopeChain.map(String))).toEqual([
      [
        '(known after apply: azurerm_subnet.user.id)',
        '(known after apply: azurerm_virtual_network.vnet.id)',
        // The VNet's resource group is not in the plan: the scopes above it exist, but are not known here.
        '(not known before apply: the subscription of azurerm_virtual_network.vnet)',
      ],
    ]);
  });

  it('one kubelet identity shared by blue and green clusters gives both its role assignments', async () => {
    const byo = (name: string): TestResource =>
      cluster(name, {
        after: { identity: [{ type: 'UserAssigned' }], kubelet_identity: [{}] },
        afterUnknown: {
          identity: [{ identity_ids: true }],
          kubelet_identity: [{ object_id: true, user_assigned_identity_id: true }],
        },
        expressions: {
          identity: [{ identity_ids: ref(`azurerm_user_assigned_identity.cp_${name}.id`) }],
          kubelet_identity: [
            {
              object_id: ref('azurerm_user_assigned_identity.kubelet.principal_id'),
              user_assigned_identity_id: ref('azurerm_user_assigned_identity.kubelet.id'),
            },
          ],
        },
      });
    const pull = roleAssignment(
      'pull',
      'AcrPull',
      'azurerm_user_assigned_identity.kubelet.principal_id',
      '/subscriptions/s/resourceGroups/rg',
    );
    const { entities } = await readPlanObject(
      plan([identity('kubelet'), identity('cp_blue'), identity('cp_green'), byo('blue'), byo('green'), pull]),
    );
    expect(entities.cluster.map((c) => c.kubeletRoleAssignments.length)).toEqual([1, 1]);
  });

  it('a variable whose default is empty is not a secret in code', async () => {
    const sp = cluster('aks', {
      after: {
        identity: [],
        service_principal: [{ client_id: 'app', client_secret: 'from-the-pipeline-123' }],
      },
      expressions: { service_principal: [{ client_secret: ref('var.secret') }] },
    });
    const p = plan([sp], { variables: { secret: { value: 'from-the-pipeline-123' } } });
    (p['configuration'] as { root_module: Record<string, unknown> }).root_module['variables'] = {
      secret: { default: '', sensitive: true },
    };
    const { entities, read } = await readPlanObject(p);
    expect(entities.cluster[0]?.servicePrincipal?.secretInCode).toBe(false);
    // A sensitive variable's value is scrubbed from every output, wherever it might appear.
    expect(read.secrets).toContain('from-the-pipeline-123');
  });
});
