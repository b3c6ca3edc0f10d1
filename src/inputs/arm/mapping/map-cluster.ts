import type { AddonProfile } from '../../../model/entities.js';
import { parseScope } from '../../../model/scope.js';
import { isUnknown, Unknown, unknownOrigin, type Value } from '../../../model/unknown.js';
import { sameValue } from '../../../model/values.js';
import { joinParts } from '../expressions/partial-string.js';
import { isArmObject, type ArmValue } from '../expressions/index.js';
import {
  boolOrDefault,
  props,
  runtimeValue,
  stringAt,
  stringListAt,
  valueAt,
  type ArmResource,
} from './arm-resource.js';
import { setIfDefined, type ClusterFields } from '../../assemble-entity.js';
import { scopeChainOf } from './resource-id.js';

/**
 * Add-ons for which AKS creates a managed identity of its own (addonProfiles.<key>.identity), by their ARM keys,
 * lower-cased: the monitoring agent, the application gateway ingress controller, the Key Vault secrets provider,
 * virtual nodes and Azure Policy. `az aks show` prints an identity for each of them.
 */
const ADDONS_WITH_IDENTITY = new Set([
  'omsagent',
  'ingressapplicationgateway',
  'azurekeyvaultsecretsprovider',
  'aciconnectorlinux',
  'azurepolicy',
]);

/** Microsoft.ContainerService/managedClusters, field for field as the Terraform adapter maps azurerm_kubernetes_cluster. */
export function mapCluster(r: ArmResource): ClusterFields {
  const p = props(r);
  const identityType = clusterIdentityType(r);
  const managed =
    identityType === 'SystemAssigned' || identityType === 'UserAssigned' || isUnknown(identityType);
  const fields: ClusterFields = {
    name: r.name,
    id: r.id,
    identity: { type: identityType },
    addons: mapAddons(r),
  };
  const scope = typeof r.id === 'string' ? parseScope(r.id) : undefined;
  setIfDefined(fields, 'subscriptionId', scope?.subscriptionId);
  setIfDefined(fields, 'resourceGroup', scope?.resourceGroup);
  setIfDefined(fields, 'location', stringAt(r.body, ['location']));

  const nodeResourceGroup = runtimeValue(r, ['nodeResourceGroup']);
  fields.nodeResourceGroup = nodeResourceGroup;
  // The node resource group is always in the cluster's subscription; built as `resourceGroup().id` builds it, so
  // that a module deployed to `resourceGroup(aks.properties.nodeResourceGroup)` names the same group.
  if (typeof scope?.subscriptionId === 'string' && nodeResourceGroup !== '') {
    fields.nodeResourceGroupId = joinParts([
      '/subscriptions/',
      scope.subscriptionId,
      '/resourceGroups/',
      nodeResourceGroup,
    ]);
  }

  const identity = valueAt(r.body, ['identity']);
  if (identity !== undefined && identity !== null) {
    const type = identityType;
    if (type === 'SystemAssigned' || isUnknown(type)) {
      fields.identity.principalId = runtimeValue(r, ['identity', 'principalId'], {
        full: true,
        identifier: true,
      });
    }
    const ids = r.hints?.userAssignedIdentityIds ?? userAssignedIdentityIds(r);
    if (ids !== undefined) fields.identity.userAssignedIdentityIds = ids;
    if (type === 'UserAssigned') {
      const principal = statedUserAssignedPrincipal(r);
      if (principal !== undefined) fields.identity.principalId = principal;
    }
  }
  if (identityType === 'ServicePrincipal' || isUnknown(identityType)) {
    const sp = servicePrincipal(r);
    if (sp !== undefined) fields.servicePrincipal = sp;
  }

  const kubeletSet = valueAt(p, ['identityProfile', 'kubeletidentity']);
  const setByInput = kubeletSet !== undefined && kubeletSet !== null;
  if (managed || setByInput) {
    const base = ['identityProfile', 'kubeletidentity'] as const;
    const custom = kubeletCustom(r, setByInput, fields.nodeResourceGroup);
    const resourceId = runtimeValue(r, [...base, 'resourceId'], { identifier: true });
    const kubelet: NonNullable<ClusterFields['kubeletIdentity']> = {
      custom,
      scopeChain: kubeletScopeChain(resourceId, custom, fields.nodeResourceGroupId),
      userAssignedIdentityId: resourceId,
      clientId: runtimeValue(r, [...base, 'clientId'], { identifier: true }),
      objectId: runtimeValue(r, [...base, 'objectId'], { identifier: true }),
    };
    fields.kubeletIdentity = kubelet;
  }

  const aad = valueAt(p, ['aadProfile']);
  if (isUnknown(aad)) fields.aad = { managed: aad, azureRbacEnabled: aad };
  else if (isArmObject(aad)) {
    const value: NonNullable<ClusterFields['aad']> = {
      managed: boolOrDefault(aad, ['managed'], false),
      azureRbacEnabled: boolOrDefault(aad, ['enableAzureRBAC'], false),
    };
    setIfDefined(value, 'adminGroupObjectIds', stringListAt(aad, ['adminGroupObjectIDs']));
    // An empty tenant is the subscription's own: as good as not set.
    const tenantId = stringAt(aad, ['tenantID']);
    if (tenantId !== '') setIfDefined(value, 'tenantId', tenantId);
    fields.aad = value;
  }

  // AKS's defaults where the input is silent: Kubernetes RBAC on, local accounts on, OIDC issuer and workload
  // identity off.
  fields.kubernetesRbacEnabled = boolOrDefault(p, ['enableRBAC'], true);
  fields.localAccountsDisabled = boolOrDefault(p, ['disableLocalAccounts'], false);
  const oidcEnabled = boolOrDefault(p, ['oidcIssuerProfile', 'enabled'], false);
  const oidc: NonNullable<ClusterFields['oidcIssuer']> = { enabled: oidcEnabled };
  if (oidcEnabled !== false) {
    oidc.url = runtimeValue(r, ['oidcIssuerProfile', 'issuerURL'], { identifier: true });
  }
  fields.oidcIssuer = oidc;
  fields.workloadIdentityEnabled = boolOrDefault(
    p,
    ['securityProfile', 'workloadIdentity', 'enabled'],
    false,
  );
  const podIdentity = valueAt(p, ['podIdentityProfile']);
  if (isUnknown(podIdentity)) fields.podIdentity = { enabled: podIdentity };
  else if (isArmObject(podIdentity)) {
    fields.podIdentity = { enabled: boolOrDefault(podIdentity, ['enabled'], false) };
  }

  const subnetIds = clusterSubnetIds(p);
  const network: NonNullable<ClusterFields['network']> = {
    vnetSubnetIds: subnetIds,
    subnets: isUnknown(subnetIds) ? subnetIds : subnetIds.map((id) => ({ id, scopeChain: scopeChainOf(id) })),
    outboundIpIds: outboundIpIds(p),
    privateCluster: boolOrDefault(p, ['apiServerAccessProfile', 'enablePrivateCluster'], false),
  };
  const privateDnsZone = stringAt(p, ['apiServerAccessProfile', 'privateDNSZone']);
  if (privateDnsZone !== '') setIfDefined(network, 'privateDnsZone', privateDnsZone);
  const outboundType = stringAt(p, ['networkProfile', 'outboundType']);
  if (outboundType !== '') setIfDefined(network, 'outboundType', outboundType);
  fields.network = network;
  return fields;
}

/**
 * `identity.type` as given; a cluster without a managed identity runs as the service principal of its
 * `servicePrincipalProfile` (a client ID other than `msi`), else as nothing.
 */
function clusterIdentityType(r: ArmResource): Value<string> {
  const type = stringAt(r.body, ['identity', 'type']);
  const identity = valueAt(r.body, ['identity']);
  if (isUnknown(identity)) return identity;
  if (type !== undefined && !(typeof type === 'string' && /^none$/i.test(type))) return type;
  const clientId = stringAt(props(r), ['servicePrincipalProfile', 'clientId']);
  if (isUnknown(clientId)) return new Unknown(clientId.reason);
  if (clientId !== undefined && clientId !== '' && clientId.toLowerCase() !== 'msi')
    return 'ServicePrincipal';
  return type ?? 'None';
}

function servicePrincipal(r: ArmResource): ClusterFields['servicePrincipal'] {
  const profile = valueAt(props(r), ['servicePrincipalProfile']);
  if (profile === undefined || profile === null) return undefined;
  const clientId = stringAt(profile, ['clientId']);
  if (typeof clientId === 'string' && clientId.toLowerCase() === 'msi') return undefined;
  const secret = valueAt(profile, ['secret']);
  const hasSecret = secret !== undefined && secret !== null && secret !== '';
  const sp: NonNullable<ClusterFields['servicePrincipal']> = {
    secretInCode:
      r.hints?.secretInCode ??
      (hasSecret ? unknownOrigin('the input does not say where the client secret comes from') : false),
  };
  setIfDefined(sp, 'clientId', clientId);
  return sp;
}

/**
 * The principal of the one user-assigned control-plane identity, where the input states it: Azure returns it beside
 * the identity's ID (live state, an existing cluster in a what-if). Templates write `{}` there, so nothing is taken
 * from them.
 */
function statedUserAssignedPrincipal(r: ArmResource): string | undefined {
  const map = valueAt(r.body, ['identity', 'userAssignedIdentities']);
  if (!isArmObject(map)) return undefined;
  const entries = Object.values(map);
  if (entries.length !== 1) return undefined;
  const principal = isArmObject(entries[0]) ? valueAt(entries[0], ['principalId']) : undefined;
  return typeof principal === 'string' && principal !== '' ? principal : undefined;
}

/** The keys of `identity.userAssignedIdentities`: the identities' resource IDs. */
function userAssignedIdentityIds(r: ArmResource): Value<Value<string>[]> | undefined {
  const map = valueAt(r.body, ['identity', 'userAssignedIdentities']);
  if (isUnknown(map)) return map;
  if (!isArmObject(map)) return undefined;
  return Object.keys(map);
}

/**
 * Whether the kubelet runs as an identity the user brings. The adapter may know (a template that sets it); else AKS's
 * own kubelet identity is told by where it lives: AKS creates it in the node resource group.
 */
function kubeletCustom(
  r: ArmResource,
  setByInput: boolean,
  nodeResourceGroup: Value<string> | undefined,
): Value<boolean> {
  if (r.hints?.customKubelet !== undefined) return r.hints.customKubelet;
  if (!setByInput) return false;
  const id = stringAt(props(r), ['identityProfile', 'kubeletidentity', 'resourceId']);
  if (typeof id === 'string' && typeof nodeResourceGroup === 'string') {
    const group = parseScope(id)?.resourceGroup;
    if (typeof group === 'string') return group.toLowerCase() !== nodeResourceGroup.toLowerCase();
  }
  return unknownOrigin('the kubelet identity is set, but its resource group does not tell who made it');
}

/** An identity AKS makes lives in the node resource group: a role there or on the subscription covers it. */
function kubeletScopeChain(
  id: Value<string>,
  custom: Value<boolean>,
  nodeResourceGroupId: Value<string> | undefined,
): Value<string>[] {
  const chain = scopeChainOf(id);
  if (custom !== false || !isUnknown(id) || nodeResourceGroupId === undefined) return chain;
  return [...chain, ...scopeChainOf(nodeResourceGroupId)];
}

/**
 * Subnets of the node pools (nodes and pods) and of the API server, each once; unknown as a whole when the node
 * pools are, since then it is not known whether any pool brings a subnet.
 */
function clusterSubnetIds(p: ArmValue): Value<Value<string>[]> {
  const pools = valueAt(p, ['agentPoolProfiles']);
  if (isUnknown(pools)) return new Unknown(pools.reason);
  const ids: Value<string>[] = [];
  const add = (id: Value<string> | undefined): void => {
    if (id === undefined || id === '') return;
    if (!ids.some((known) => known === id || sameValue(known, id))) ids.push(id);
  };
  if (Array.isArray(pools)) {
    for (const pool of pools) {
      add(stringAt(pool, ['vnetSubnetID']));
      add(stringAt(pool, ['podSubnetID']));
    }
  }
  add(stringAt(p, ['apiServerAccessProfile', 'subnetId']));
  return ids;
}

/** Outbound public IPs and prefixes the user brings for the load balancer; unknown when the profile is. */
function outboundIpIds(p: ArmValue): Value<Value<string>[]> {
  const profile = valueAt(p, ['networkProfile', 'loadBalancerProfile']);
  if (isUnknown(profile)) return new Unknown(profile.reason);
  const ids: Value<string>[] = [];
  for (const [list, item] of [
    ['outboundIPs', 'publicIPs'],
    ['outboundIPPrefixes', 'publicIPPrefixes'],
  ] as const) {
    const refs = valueAt(profile ?? null, [list, item]);
    if (isUnknown(refs)) return new Unknown(refs.reason);
    if (!Array.isArray(refs)) continue;
    for (const ref of refs) {
      const id = stringAt(ref, ['id']);
      if (id !== undefined && id !== '') ids.push(id);
    }
  }
  return ids;
}

/** `addonProfiles`, with their ARM keys as they are, and the application routing add-on of `ingressProfile`. */
function mapAddons(r: ArmResource): AddonProfile[] {
  const p = props(r);
  const addons: AddonProfile[] = [];
  const profiles = valueAt(p, ['addonProfiles']);
  if (isArmObject(profiles)) {
    for (const [name, profile] of Object.entries(profiles)) {
      addons.push(
        addon(r, name, profile, ['addonProfiles', name], ADDONS_WITH_IDENTITY.has(name.toLowerCase())),
      );
    }
  }
  // Only a known ingress profile tells whether it has application routing.
  const ingress = valueAt(p, ['ingressProfile']);
  const webAppRouting = isArmObject(ingress) ? valueAt(ingress, ['webAppRouting']) : undefined;
  if (webAppRouting !== undefined && webAppRouting !== null) {
    addons.push(addon(r, 'webAppRouting', webAppRouting, ['ingressProfile', 'webAppRouting'], true));
  }
  return addons;
}

function addon(
  r: ArmResource,
  name: string,
  profile: ArmValue,
  path: readonly string[],
  hasIdentity: boolean,
): AddonProfile {
  const enabled = isUnknown(profile) ? profile : boolOrDefault(profile, ['enabled'], false);
  const result: AddonProfile = { name, enabled, roleAssignments: [] };
  const given = valueAt(profile, ['identity']);
  if (enabled !== false && (hasIdentity || (given !== undefined && given !== null))) {
    const at = (field: string): Value<string> =>
      runtimeValue(r, [...path, 'identity', field], { identifier: true });
    result.identity = { objectId: at('objectId'), clientId: at('clientId'), resourceId: at('resourceId') };
  }
  return result;
}
