import type { Scope, ScopeLevel } from './scope.js';
import type { Value } from './unknown.js';

/**
 * The normalized model every policy sees, whatever the input format (docs/model.md lists each field and the format
 * it comes from). Absent means "not set"; `Unknown` means "set, but known only later".
 */
export type EntityKind =
  'cluster' | 'managedIdentity' | 'roleAssignment' | 'roleDefinition' | 'federatedCredential' | 'registry';

export const ENTITY_KINDS: readonly EntityKind[] = [
  'cluster',
  'managedIdentity',
  'roleAssignment',
  'roleDefinition',
  'federatedCredential',
  'registry',
];

export type InputFormat = 'terraform-plan';

export interface SourceLocation {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  endLine: number;
}

export interface EntitySource {
  format: InputFormat;
  /** The input file (plan, template, CLI output), relative to the repository root. */
  file: string;
  /** JSON pointer of the resource inside the input file. */
  pointer: string;
  /** Where the resource is declared in `.tf`/`.bicep` source, when that could be found. */
  declaration?: SourceLocation;
  /** Why `declaration` is missing. */
  declarationNote?: string;
}

export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'none' | 'read';

export interface Change<T> {
  action: ChangeAction;
  /** The entity as it was before the change, mapped the same way, when the input has it. */
  before?: T;
}

interface EntityBase<K extends EntityKind, Self> {
  kind: K;
  /** Stable key across runs: the Terraform address or the ARM resource ID. Baselines and waivers match on it. */
  key: string;
  name: Value<string>;
  source: EntitySource;
  change: Change<Self>;
  /** The original resource, with secret values redacted, for policies that need a field the model lacks. */
  raw: unknown;
}

export interface AddonProfile {
  /** The ARM add-on key, e.g. ingressApplicationGateway, omsagent, azureKeyvaultSecretsProvider. */
  name: string;
  enabled: Value<boolean>;
  identity?: { objectId?: Value<string>; clientId?: Value<string>; resourceId?: Value<string> };
  /** Linked: role assignments whose principal is this add-on's identity. */
  roleAssignments: RoleAssignment[];
}

export interface Cluster extends EntityBase<'cluster', Cluster> {
  id: Value<string>;
  resourceGroup?: Value<string>;
  subscriptionId?: Value<string>;
  location?: Value<string>;
  nodeResourceGroup?: Value<string>;
  /** The node resource group's ID, when the cluster's ID or a resource group resource in the inputs gives it. */
  nodeResourceGroupId?: Value<string>;
  identity: {
    /** SystemAssigned, UserAssigned, ServicePrincipal or None, or whatever other value the input gives. */
    type: Value<string>;
    principalId?: Value<string>;
    userAssignedIdentityIds?: Value<Value<string>[]>;
  };
  servicePrincipal?: {
    clientId?: Value<string>;
    /** A client secret is written as a literal in the source (never the secret itself). */
    secretInCode: Value<boolean>;
  };
  kubeletIdentity?: {
    userAssignedIdentityId?: Value<string>;
    clientId?: Value<string>;
    objectId?: Value<string>;
    /** Bring-your-own kubelet identity, as opposed to the one AKS creates. */
    custom: Value<boolean>;
    /** The identity's ID and the scopes that contain it (resource group, subscription), as far as known. */
    scopeChain: Value<string>[];
  };
  aad?: {
    managed: Value<boolean>;
    azureRbacEnabled?: Value<boolean>;
    adminGroupObjectIds?: Value<Value<string>[]>;
    tenantId?: Value<string>;
  };
  kubernetesRbacEnabled?: Value<boolean>;
  localAccountsDisabled?: Value<boolean>;
  oidcIssuer?: { enabled: Value<boolean>; url?: Value<string> };
  workloadIdentityEnabled?: Value<boolean>;
  podIdentity?: { enabled: Value<boolean> };
  network?: {
    vnetSubnetIds: Value<string>[];
    /** The same subnets, each with the scopes that contain it (VNet, resource group, subscription). */
    subnets: { id: Value<string>; scopeChain: Value<string>[] }[];
    /** Bring-your-own outbound public IPs and IP prefixes of the load balancer. */
    outboundIpIds: Value<string>[];
    privateCluster?: Value<boolean>;
    privateDnsZone?: Value<string>;
    outboundType?: Value<string>;
  };
  addons: AddonProfile[];
  /** Linked: the user-assigned identities the control plane and kubelet run as, when they are in the inputs. */
  controlPlaneIdentity?: ManagedIdentity;
  kubeletManagedIdentity?: ManagedIdentity;
  controlPlaneRoleAssignments: RoleAssignment[];
  kubeletRoleAssignments: RoleAssignment[];
  /** Linked: registries any identity of this cluster holds a role on. */
  registries: Registry[];
}

export type IdentityUse = 'controlPlane' | 'kubelet' | 'addon' | 'workload';

export interface ManagedIdentity extends EntityBase<'managedIdentity', ManagedIdentity> {
  id: Value<string>;
  resourceGroup?: Value<string>;
  /** Its ID and the scopes that contain it, as far as known. */
  scopeChain: Value<string>[];
  principalId: Value<string>;
  clientId: Value<string>;
  usedBy: { cluster: Cluster; as: IdentityUse }[];
  roleAssignments: RoleAssignment[];
  federatedCredentials: FederatedCredential[];
}

export type PrincipalKind = 'clusterControlPlane' | 'kubelet' | 'addon' | 'workload' | 'other' | 'unknown';

export interface RoleAssignment extends EntityBase<'roleAssignment', RoleAssignment> {
  id: Value<string>;
  principalId: Value<string>;
  principalType?: Value<string>;
  role: {
    id?: Value<string>;
    name?: Value<string>;
    builtIn: Value<boolean>;
    /** Actions of a custom role defined in the inputs; unknown for a role the inputs do not define. */
    actions?: Value<Value<string>[]>;
    notActions?: Value<string>[];
  };
  scope: Scope;
  /** Linked: whose principal this is. */
  principal: {
    kind: PrincipalKind;
    cluster?: Cluster;
    identity?: ManagedIdentity;
    /** The add-on key when kind is addon. */
    addon?: string;
    /** How a reader names the principal: "control-plane", "kubelet", "omsagent add-on", "workload". */
    label?: string;
  };
}

export interface RoleDefinition extends EntityBase<'roleDefinition', RoleDefinition> {
  id: Value<string>;
  actions: Value<string>[];
  notActions: Value<string>[];
  dataActions: Value<string>[];
  notDataActions: Value<string>[];
  assignableScopes: Value<string>[];
}

export interface FederatedCredential extends EntityBase<'federatedCredential', FederatedCredential> {
  issuer: Value<string>;
  subject: Value<string>;
  audiences: Value<Value<string>[]>;
  /** The user-assigned identity it belongs to (its ID, as the input gives it). */
  parentId: Value<string>;
  /** Linked. */
  identity?: ManagedIdentity;
  cluster?: Cluster;
}

export interface Registry extends EntityBase<'registry', Registry> {
  id: Value<string>;
  adminUserEnabled: Value<boolean>;
  /** Its ID and the scopes that contain it, as far as known: a role at any of them covers the registry. */
  scopeChain: Value<string>[];
}

export type Entity =
  Cluster | ManagedIdentity | RoleAssignment | RoleDefinition | FederatedCredential | Registry;

export interface EntitiesByKind {
  cluster: Cluster[];
  managedIdentity: ManagedIdentity[];
  roleAssignment: RoleAssignment[];
  roleDefinition: RoleDefinition[];
  federatedCredential: FederatedCredential[];
  registry: Registry[];
}

/** A resource of a supported type that could not be mapped, kept so that nothing vanishes silently. */
export interface SkippedResource {
  file: string;
  address: string;
  type: string;
  reason: string;
}

export interface InputSummary {
  file: string;
  format: InputFormat;
  /** Resources of types this tool models. */
  scanned: number;
  skipped: number;
  /** Resources of types outside AKS identity, counted by type. */
  unsupported: Record<string, number>;
}

export type { Scope, ScopeLevel };

export function emptyEntities(): EntitiesByKind {
  return {
    cluster: [],
    managedIdentity: [],
    roleAssignment: [],
    roleDefinition: [],
    federatedCredential: [],
    registry: [],
  };
}
