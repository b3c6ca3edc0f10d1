import type { AddonProfile } from '../../model/entities.js';
import { parseScope } from '../../model/scope.js';
import { isUnknown, unknownOrigin, type Value } from '../../model/unknown.js';
import type { ResourceView } from './resource-view.js';
import { setIfDefined, type ClusterFields } from '../assemble-entity.js';

/** azurerm add-on blocks, their ARM add-on key, and the nested block holding the identity AKS creates for them. */
const ADDON_BLOCKS: readonly { block: string; name: string; identityBlock?: string }[] = [
  { block: 'oms_agent', name: 'omsagent', identityBlock: 'oms_agent_identity' },
  {
    block: 'ingress_application_gateway',
    name: 'ingressApplicationGateway',
    identityBlock: 'ingress_application_gateway_identity',
  },
  {
    block: 'key_vault_secrets_provider',
    name: 'azureKeyvaultSecretsProvider',
    identityBlock: 'secret_identity',
  },
  { block: 'aci_connector_linux', name: 'aciConnectorLinux', identityBlock: 'connector_identity' },
  { block: 'web_app_routing', name: 'webAppRouting', identityBlock: 'web_app_routing_identity' },
];

const ADDON_FLAGS: readonly { attribute: string; name: string }[] = [
  { attribute: 'azure_policy_enabled', name: 'azurepolicy' },
  { attribute: 'http_application_routing_enabled', name: 'httpApplicationRouting' },
  { attribute: 'open_service_mesh_enabled', name: 'openServiceMesh' },
];

export function mapCluster(r: ResourceView): ClusterFields {
  const id = r.string(['id']) ?? r.raw(['id']);
  const identityType = clusterIdentityType(r);
  const managed =
    identityType === 'SystemAssigned' || identityType === 'UserAssigned' || isUnknown(identityType);
  const fields: ClusterFields = {
    name: r.string(['name']) ?? '',
    id: typeof id === 'string' || isUnknown(id) ? id : '',
    identity: { type: identityType },
    addons: mapAddons(r),
  };
  if (typeof id === 'string') {
    const subscriptionId = parseScope(id)?.subscriptionId;
    if (subscriptionId !== undefined) fields.subscriptionId = subscriptionId;
  }
  setIfDefined(fields, 'resourceGroup', r.string(['resource_group_name']));
  setIfDefined(fields, 'location', r.string(['location']));
  setIfDefined(fields, 'nodeResourceGroup', r.string(['node_resource_group']));
  setIfDefined(fields, 'nodeResourceGroupId', r.string(['node_resource_group_id']));

  if (r.blockCount(['identity']) !== 0) {
    const principalId = r.string(['identity', 0, 'principal_id']);
    if (principalId !== undefined && principalId !== '') fields.identity.principalId = principalId;
    const ids = r.stringList(['identity', 0, 'identity_ids']);
    if (ids !== undefined) fields.identity.userAssignedIdentityIds = ids;
  }
  if (r.blockCount(['service_principal']) !== 0) {
    const sp: NonNullable<ClusterFields['servicePrincipal']> = {
      secretInCode: secretWrittenInCode(r, 'servicePrincipal.secretInCode'),
    };
    setIfDefined(sp, 'clientId', r.string(['service_principal', 0, 'client_id']));
    fields.servicePrincipal = sp;
  }
  const customKubelet = kubeletIdentityBrought(r);
  if (managed || customKubelet !== false) {
    const kubeletId = r.string(['kubelet_identity', 0, 'user_assigned_identity_id']);
    const kubelet: NonNullable<ClusterFields['kubeletIdentity']> = {
      custom: customKubelet,
      scopeChain: r.scopeChain(kubeletId),
    };
    setIfDefined(kubelet, 'userAssignedIdentityId', kubeletId);
    setIfDefined(kubelet, 'clientId', r.string(['kubelet_identity', 0, 'client_id']));
    setIfDefined(kubelet, 'objectId', r.string(['kubelet_identity', 0, 'object_id']));
    fields.kubeletIdentity = kubelet;
  }

  const aadBlock = ['azure_active_directory_role_based_access_control', 0] as const;
  const aadBlocks = r.blockCount(['azure_active_directory_role_based_access_control']);
  if (isUnknown(aadBlocks)) fields.aad = { managed: aadBlocks, azureRbacEnabled: aadBlocks };
  else if (aadBlocks !== 0) {
    const aad: NonNullable<ClusterFields['aad']> = {
      managed: aadManaged(r),
      azureRbacEnabled: r.boolOrDefault([...aadBlock, 'azure_rbac_enabled'], false),
    };
    setIfDefined(aad, 'adminGroupObjectIds', r.stringList([...aadBlock, 'admin_group_object_ids']));
    setIfDefined(aad, 'tenantId', r.string([...aadBlock, 'tenant_id']));
    fields.aad = aad;
  }

  // Null in a plan means the provider leaves the setting to AKS, whose defaults are: Kubernetes RBAC on, local
  // accounts on, OIDC issuer and workload identity off (azurerm 3.x/4.x; 5.0 writes its own default, true, for
  // the issuer). azurerm 2.x wrote RBAC as a block.
  fields.kubernetesRbacEnabled = r.states(['role_based_access_control_enabled'])
    ? r.boolOrDefault(['role_based_access_control_enabled'], true)
    : r.states(['role_based_access_control'])
      ? r.boolOrDefault(['role_based_access_control', 0, 'enabled'], true)
      : r.boolOrDefault(['role_based_access_control_enabled'], true);
  fields.localAccountsDisabled = r.boolOrDefault(['local_account_disabled'], false);
  const oidc: NonNullable<ClusterFields['oidcIssuer']> = {
    enabled: r.boolOrDefault(['oidc_issuer_enabled'], false),
  };
  setIfDefined(oidc, 'url', r.string(['oidc_issuer_url']));
  fields.oidcIssuer = oidc;
  fields.workloadIdentityEnabled = r.boolOrDefault(['workload_identity_enabled'], false);

  const vnetSubnetIds = subnetIds(r);
  const network: NonNullable<ClusterFields['network']> = {
    vnetSubnetIds,
    subnets: isUnknown(vnetSubnetIds)
      ? vnetSubnetIds
      : vnetSubnetIds.map((id) => ({ id, scopeChain: r.scopeChain(id) })),
    outboundIpIds: outboundIpIds(r),
  };
  network.privateCluster = r.boolOrDefault(['private_cluster_enabled'], false);
  const privateDnsZone = r.chosenString(['private_dns_zone_id']);
  if (privateDnsZone !== undefined) {
    network.privateDnsZone = privateDnsZone;
    // "System" and "None" are AKS's own choices, not a zone to hold a role on.
    const custom = isUnknown(privateDnsZone) || privateDnsZone.startsWith('/');
    if (custom) network.privateDnsZoneScopeChain = r.scopeChain(privateDnsZone);
  }
  setIfDefined(network, 'outboundType', r.string(['network_profile', 0, 'outbound_type']));
  fields.network = network;
  return fields;
}

function clusterIdentityType(r: ResourceView): Value<string> {
  const identityBlocks = r.blockCount(['identity']);
  if (isUnknown(identityBlocks)) return identityBlocks;
  if (identityBlocks > 0) return r.string(['identity', 0, 'type']) ?? 'None';
  const spBlocks = r.blockCount(['service_principal']);
  if (isUnknown(spBlocks)) return spBlocks;
  return spBlocks > 0 ? 'ServicePrincipal' : 'None';
}

/**
 * azurerm 3.x writes `managed` (null: the legacy integration with server and client apps); 4.0 removed the
 * argument and the legacy integration with it, so its block has no such key and is managed.
 */
function aadManaged(r: ResourceView): Value<boolean> {
  const block = ['azure_active_directory_role_based_access_control', 0] as const;
  if (r.states([...block, 'managed'])) return r.boolOrDefault([...block, 'managed'], false);
  if (r.states([...block, 'server_app_id']) || !r.states([...block, 'azure_rbac_enabled'])) {
    return r.boolOrDefault([...block, 'managed'], false);
  }
  return true;
}

/**
 * A client secret is "in code" when the configuration writes it as a literal, or takes it from a variable whose
 * default is written in code. A variable without a default comes from outside (pipeline secret, environment).
 * Where the configuration cannot say (a dynamic block, a local value, an expression it cannot follow), that is
 * unknown, not "not in code".
 */
function secretWrittenInCode(r: ResourceView, field: string): Value<boolean> {
  const path = ['service_principal', 0, 'client_secret'] as const;
  const configured = r.configured(path);
  if (configured !== true) return configured;
  let unresolved: Value<boolean> = false;
  for (const x of r.resolveConfigured(path)) {
    if (x.kind === 'constant') {
      if (x.value === null || x.value === '') continue;
      if (x.variable === undefined || x.variable.hasDefault) {
        r.origins.set(
          field,
          x.variable === undefined
            ? { attribute: ['service_principal', 'client_secret'] }
            : { variable: x.variable },
        );
        return true;
      }
    } else if (x.kind === 'unresolved') {
      unresolved = unknownOrigin(`client_secret comes from ${x.reason}`);
    }
  }
  return unresolved;
}

/**
 * Whether the kubelet runs as an identity the user brings. The configuration says so when it writes the block;
 * without it (a dynamic block, or no configuration), AKS's own kubelet identity is told by where it lives: AKS
 * creates it in the node resource group, and computes it at apply time for a new cluster.
 */
function kubeletIdentityBrought(r: ResourceView): Value<boolean> {
  const configured = r.configured(['kubelet_identity']);
  if (configured === true) return true;
  const block = r.raw(['kubelet_identity']);
  if (isUnknown(block) || r.blockCount(['kubelet_identity']) === 0) return false;
  const id = r.raw(['kubelet_identity', 0, 'user_assigned_identity_id']);
  const nodeGroup = r.raw(['node_resource_group']);
  if (typeof id === 'string' && typeof nodeGroup === 'string') {
    const group = parseScope(id)?.resourceGroup;
    if (typeof group === 'string') return group.toLowerCase() !== nodeGroup.toLowerCase();
  }
  return isUnknown(configured)
    ? configured
    : unknownOrigin(
        'kubelet_identity is in the planned values but not in the configuration (a dynamic block?), and its resource group does not tell who made it',
      );
}

const SUBNET_ATTRIBUTES = [
  ['default_node_pool', 0, 'vnet_subnet_id'],
  ['default_node_pool', 0, 'pod_subnet_id'],
  ['api_server_access_profile', 0, 'subnet_id'],
] as const;

/** The subnets the configuration brings; unknown as a whole when it cannot tell whether one of them is set. */
function subnetIds(r: ResourceView): Value<Value<string>[]> {
  return optionalList(
    r,
    SUBNET_ATTRIBUTES.map((path) => ({ path, read: () => r.chosenString(path) })),
  );
}

const OUTBOUND_PROFILE = ['network_profile', 0, 'load_balancer_profile', 0] as const;

/** Bring-your-own outbound IPs and prefixes; AKS computes these when they are not configured. */
function outboundIpIds(r: ResourceView): Value<Value<string>[]> {
  return optionalList(
    r,
    ['outbound_ip_address_ids', 'outbound_ip_prefix_ids'].map((attribute) => {
      const path = [...OUTBOUND_PROFILE, attribute];
      return { path, read: () => r.stringList(path) };
    }),
  );
}

/**
 * The values of optional attributes that are set, as one list: an attribute that may or may not be set (its
 * origin unknown) makes the whole list unknown, as its length is.
 */
function optionalList(
  r: ResourceView,
  attributes: {
    path: readonly (string | number)[];
    read: () => Value<string> | Value<Value<string>[]> | undefined;
  }[],
): Value<Value<string>[]> {
  const values: Value<string>[] = [];
  for (const { path, read } of attributes) {
    const present = r.presence(path);
    if (isUnknown(present)) return present;
    if (!present) continue;
    const value = read();
    if (Array.isArray(value)) values.push(...value);
    else if (value !== undefined) values.push(value);
  }
  return values;
}

function mapAddons(r: ResourceView): AddonProfile[] {
  const addons: AddonProfile[] = [];
  for (const { block, name, identityBlock } of ADDON_BLOCKS) {
    const count = r.blockCount([block]);
    if (count === 0) continue;
    const addon: AddonProfile = { name, enabled: isUnknown(count) ? count : true, roleAssignments: [] };
    if (identityBlock !== undefined) {
      const base = [block, 0, identityBlock, 0] as const;
      const identity: NonNullable<AddonProfile['identity']> = {};
      setIfDefined(identity, 'objectId', r.string([...base, 'object_id']));
      setIfDefined(identity, 'clientId', r.string([...base, 'client_id']));
      setIfDefined(identity, 'resourceId', r.string([...base, 'user_assigned_identity_id']));
      addon.identity = identity;
    }
    addons.push(addon);
  }
  for (const { attribute, name } of ADDON_FLAGS) {
    const enabled = r.bool([attribute]);
    if (enabled === true || isUnknown(enabled)) addons.push({ name, enabled, roleAssignments: [] });
  }
  return addons;
}
