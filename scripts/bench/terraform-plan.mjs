// A generated Terraform plan (terraform show -json shape) of n clusters, and the .tf source it declares, for the
// benchmarks: each cluster has a user-assigned control plane, a registry and three role assignments.

/** One cluster with a user-assigned control plane, a registry and three role assignments. */
function clusterResources(i) {
  const c = `azurerm_kubernetes_cluster.aks${i}`;
  const id = `azurerm_user_assigned_identity.cp${i}`;
  const acr = `azurerm_container_registry.acr${i}`;
  const ref = (...r) => ({ references: r });
  const change = (address, type, after, afterUnknown) => ({
    address,
    mode: 'managed',
    type,
    name: address.split('.')[1],
    change: {
      actions: ['create'],
      before: null,
      after,
      after_unknown: afterUnknown,
      before_sensitive: false,
      after_sensitive: {},
    },
  });
  const changes = [
    change(
      id,
      'azurerm_user_assigned_identity',
      { name: `id-${i}`, location: 'westeurope', resource_group_name: 'rg' },
      { id: true, principal_id: true, client_id: true },
    ),
    change(
      acr,
      'azurerm_container_registry',
      { name: `acr${i}`, admin_enabled: false, sku: 'Premium' },
      { id: true },
    ),
    change(
      c,
      'azurerm_kubernetes_cluster',
      {
        name: `aks-${i}`,
        location: 'westeurope',
        resource_group_name: 'rg',
        local_account_disabled: i % 2 === 0,
        identity: [{ type: 'UserAssigned' }],
        service_principal: [],
        default_node_pool: [{ name: 'system', vm_size: 'Standard_D4s_v5', node_count: 3 }],
        azure_active_directory_role_based_access_control: [{ managed: true, azure_rbac_enabled: true }],
        role_based_access_control_enabled: true,
        oidc_issuer_enabled: true,
        workload_identity_enabled: true,
      },
      {
        id: true,
        identity: [{ identity_ids: true, principal_id: true }],
        kubelet_identity: true,
        oidc_issuer_url: true,
        kube_config: true,
      },
    ),
    change(
      `azurerm_role_assignment.pull${i}`,
      'azurerm_role_assignment',
      { role_definition_name: 'AcrPull' },
      { id: true, principal_id: true, scope: true },
    ),
    change(
      `azurerm_role_assignment.mio${i}`,
      'azurerm_role_assignment',
      { role_definition_name: 'Managed Identity Operator' },
      { id: true, principal_id: true, scope: true },
    ),
    change(
      `azurerm_role_assignment.net${i}`,
      'azurerm_role_assignment',
      { role_definition_name: 'Network Contributor', scope: '/subscriptions/s/resourceGroups/net' },
      { id: true, principal_id: true },
    ),
  ];
  const config = [
    { address: id, mode: 'managed', type: 'azurerm_user_assigned_identity', name: `cp${i}`, expressions: {} },
    { address: acr, mode: 'managed', type: 'azurerm_container_registry', name: `acr${i}`, expressions: {} },
    {
      address: c,
      mode: 'managed',
      type: 'azurerm_kubernetes_cluster',
      name: `aks${i}`,
      expressions: { identity: [{ identity_ids: ref(`${id}.id`, id) }] },
    },
    {
      address: `azurerm_role_assignment.pull${i}`,
      mode: 'managed',
      type: 'azurerm_role_assignment',
      name: `pull${i}`,
      expressions: {
        principal_id: ref(`${c}.kubelet_identity[0].object_id`, c),
        scope: ref(`${acr}.id`, acr),
      },
    },
    {
      address: `azurerm_role_assignment.mio${i}`,
      mode: 'managed',
      type: 'azurerm_role_assignment',
      name: `mio${i}`,
      expressions: { principal_id: ref(`${id}.principal_id`, id), scope: ref(`${id}.id`, id) },
    },
    {
      address: `azurerm_role_assignment.net${i}`,
      mode: 'managed',
      type: 'azurerm_role_assignment',
      name: `net${i}`,
      expressions: { principal_id: ref(`${id}.principal_id`, id) },
    },
  ];
  return { changes, config };
}

export function generatePlan(clusters) {
  const changes = [];
  const config = [];
  for (let i = 0; i < clusters; i++) {
    const r = clusterResources(i);
    changes.push(...r.changes);
    config.push(...r.config);
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.4',
    planned_values: { root_module: { resources: [] } },
    resource_changes: changes,
    configuration: { root_module: { resources: config } },
  };
}

/** The .tf source beside the plan: one block per resource, so finding each declaration is measured too. */
export function terraformSource(plan) {
  return plan.resource_changes
    .map((r) => `resource "${r.type}" "${r.name}" {\n  name = "${r.name}"\n}\n`)
    .join('\n');
}
