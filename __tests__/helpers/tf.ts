import { UNSET_CLUSTER_SETTINGS, type TestResource } from './plans.js';

/**
 * Builders for small Terraform plans in `terraform show -json` shape, so a policy test reads like the .tf it stands
 * for. References are written as Terraform writes them in `configuration` (each traversal with its prefixes).
 */
export function ref(traversal: string): { references: string[] } {
  const parts = [traversal];
  // A data source's address has three parts (data.TYPE.NAME); Terraform lists no shorter prefix of it.
  const shortest = traversal.startsWith('data.') ? 3 : 2;
  let rest = traversal;
  for (;;) {
    const cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
    if (cut <= 0) break;
    rest = rest.slice(0, cut);
    if (rest.split('.').length >= shortest) parts.push(rest);
  }
  return { references: parts };
}

/** A cluster with no more than the adapter needs, at any address (module paths, instance keys). */
export function bareCluster(
  address: string,
  after: Record<string, unknown>,
  extra: Partial<TestResource> = {},
): TestResource {
  return {
    address,
    type: 'azurerm_kubernetes_cluster',
    after: { name: 'aks', identity: [{ type: 'SystemAssigned' }], service_principal: [], ...after },
    afterUnknown: { id: true, identity: [{ principal_id: true }], kubelet_identity: true },
    ...extra,
  };
}

/** An AcrPull assignment whose principal is a literal object ID or a reference; its scope is not known yet. */
export function bareAssignment(
  address: string,
  principal: { references: string[] } | string,
  extra: Partial<TestResource> = {},
): TestResource {
  return {
    address,
    type: 'azurerm_role_assignment',
    after: {
      role_definition_name: 'AcrPull',
      ...(typeof principal === 'string' ? { principal_id: principal } : {}),
    },
    afterUnknown: { id: true, scope: true, ...(typeof principal === 'string' ? {} : { principal_id: true }) },
    expressions: typeof principal === 'string' ? {} : { principal_id: principal },
    ...extra,
  };
}

export const constant = (value: unknown): { constant_value: unknown } => ({ constant_value: value });

export interface ClusterOptions {
  after?: Record<string, unknown>;
  afterUnknown?: Record<string, unknown>;
  expressions?: Record<string, unknown>;
  actions?: string[];
  before?: Record<string, unknown>;
}

/** A system-assigned cluster being created, with the values a real create plan leaves unknown. */
export function cluster(name: string, options: ClusterOptions = {}): TestResource {
  return {
    address: `azurerm_kubernetes_cluster.${name}`,
    type: 'azurerm_kubernetes_cluster',
    actions: options.actions ?? ['create'],
    ...(options.before === undefined ? {} : { before: options.before }),
    after: {
      ...UNSET_CLUSTER_SETTINGS,
      name,
      resource_group_name: 'rg',
      identity: [{ type: 'SystemAssigned' }],
      local_account_disabled: true,
      azure_active_directory_role_based_access_control: [{ managed: true, azure_rbac_enabled: true }],
      ...options.after,
    },
    afterUnknown: {
      id: true,
      identity: [{ principal_id: true, tenant_id: true }],
      kubelet_identity: true,
      oidc_issuer_url: true,
      node_resource_group_id: true,
      ...options.afterUnknown,
    },
    expressions: options.expressions ?? {},
  };
}

export function identity(name: string, resourceGroupRef?: string): TestResource {
  return {
    address: `azurerm_user_assigned_identity.${name}`,
    type: 'azurerm_user_assigned_identity',
    after: { name },
    afterUnknown: {
      id: true,
      principal_id: true,
      client_id: true,
      ...(resourceGroupRef === undefined ? {} : { resource_group_name: true }),
    },
    expressions:
      resourceGroupRef === undefined ? {} : { resource_group_name: ref(`${resourceGroupRef}.name`) },
  };
}

/** A role assignment by role name; principal and scope are references (or a literal scope ID). */
export function roleAssignment(name: string, role: string, principal: string, scope: string): TestResource {
  const literalScope = scope.startsWith('/');
  return {
    address: `azurerm_role_assignment.${name}`,
    type: 'azurerm_role_assignment',
    after: { role_definition_name: role, ...(literalScope ? { scope } : {}) },
    afterUnknown: {
      id: true,
      principal_id: true,
      role_definition_id: true,
      ...(literalScope ? {} : { scope: true }),
    },
    expressions: { principal_id: ref(principal), ...(literalScope ? {} : { scope: ref(scope) }) },
  };
}

export function resource(
  address: string,
  type: string,
  after: Record<string, unknown> = {},
  expressions: Record<string, unknown> = {},
): TestResource {
  return { address, type, after, afterUnknown: { id: true }, expressions };
}

/** A federated identity credential of a user-assigned identity, trusting the cluster's issuer by default. */
export function credential(
  name: string,
  parent: string,
  values: Record<string, unknown>,
  expressions: Record<string, unknown> = {},
): TestResource {
  return {
    address: `azurerm_federated_identity_credential.${name}`,
    type: 'azurerm_federated_identity_credential',
    after: {
      name,
      audience: ['api://AzureADTokenExchange'],
      subject: 'system:serviceaccount:shop:app',
      ...values,
    },
    afterUnknown: { id: true, parent_id: true, ...('issuer' in values ? {} : { issuer: true }) },
    expressions: {
      parent_id: ref(`${parent}.id`),
      issuer: ref('azurerm_kubernetes_cluster.aks.oidc_issuer_url'),
      ...expressions,
    },
  };
}

/** A custom role definition with one permission block. */
export function customRole(name: string, permissions: Record<string, string[]>): TestResource {
  return {
    address: `azurerm_role_definition.${name}`,
    type: 'azurerm_role_definition',
    after: {
      name,
      permissions: [{ actions: [], not_actions: [], data_actions: [], not_data_actions: [], ...permissions }],
    },
    afterUnknown: { id: true, role_definition_resource_id: true },
  };
}

/** A role assignment of a custom role defined in the plan. */
export function customRoleAssignment(
  name: string,
  role: string,
  principal: string,
  scope: string,
): TestResource {
  const literalScope = scope.startsWith('/');
  return {
    address: `azurerm_role_assignment.${name}`,
    type: 'azurerm_role_assignment',
    after: literalScope ? { scope } : {},
    afterUnknown: {
      id: true,
      principal_id: true,
      role_definition_id: true,
      ...(literalScope ? {} : { scope: true }),
    },
    expressions: {
      principal_id: ref(principal),
      role_definition_id: ref(`azurerm_role_definition.${role}.role_definition_resource_id`),
      ...(literalScope ? {} : { scope: ref(scope) }),
    },
  };
}
