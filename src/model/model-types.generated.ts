/* eslint-disable */
/**
 * Generated from schema/model.schema.json by `npm run gen:types` (json-schema-to-typescript).
 * Do not edit by hand: change the schema and regenerate.
 */
import type {Unknown, Value} from './unknown.js';

/**
 * The input format an entity was read from: a Terraform plan (terraform show -json), an ARM template (compiled Bicep, or written by hand), an ARM what-if result, live state (az CLI, REST or Azure PowerShell JSON).
 */
export type InputFormat = 'terraform-plan' | 'arm-template' | 'arm-whatif' | 'live-state';
/**
 * What the input plans for the entity: replace covers both orders of delete and create; none is a no-op; read a data source.
 */
export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'none' | 'read';
export type ScopeLevel = 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';
export type PrincipalKind = 'clusterControlPlane' | 'kubelet' | 'addon' | 'workload' | 'other';

/**
 * The normalized model every policy sees, whatever the input format: the entities of one scan by kind. Field names are the contract between adapters and policies. A value typed 'or unknown' may be an Unknown: set, but known only later (computed at apply, an expression that cannot be resolved before deployment, or a value whose origin the adapter cannot follow). An absent optional field means 'not set'.
 */
export interface EntitiesByKind {
  cluster: Cluster[];
  managedIdentity: ManagedIdentity[];
  roleAssignment: RoleAssignment[];
  roleDefinition: RoleDefinition[];
  federatedCredential: FederatedCredential[];
  registry: Registry[];
}
/**
 * An AKS managed cluster (azurerm_kubernetes_cluster, Microsoft.ContainerService/managedClusters).
 */
export interface Cluster {
  /**
   * The entity kind.
   */
  kind: 'cluster';
  /**
   * Stable key across runs: the Terraform address or the ARM resource ID.
   */
  key: string;
  /**
   * The resource's name.
   */
  name: Value<string>;
  source: EntitySource;
  /**
   * What the input plans for it, and the entity as it was before the change.
   */
  change: {
    action: ChangeAction;
    before?: Cluster;
  };
  /**
   * The original resource as the input states it, secrets redacted: for a policy that needs a field the model lacks. Any path below it is accepted.
   */
  raw: unknown;
  /**
   * Its ARM resource ID.
   */
  id: Value<string>;
  /**
   * Its resource group name.
   */
  resourceGroup?: Value<string>;
  /**
   * Its subscription ID, parsed from a known ID.
   */
  subscriptionId?: Value<string>;
  /**
   * Its Azure region.
   */
  location?: Value<string>;
  /**
   * The name of the resource group AKS creates for the nodes.
   */
  nodeResourceGroup?: Value<string>;
  /**
   * The node resource group's ID, when the cluster's ID or a resource group resource in the inputs gives it.
   */
  nodeResourceGroupId?: Value<string>;
  /**
   * The control-plane identity.
   */
  identity: {
    /**
     * SystemAssigned, UserAssigned, ServicePrincipal or None, or whatever other value the input gives.
     */
    type: Value<string>;
    /**
     * The control plane's principal (object) ID: the system-assigned one, or the user-assigned identity's where the input states it (live state, an existing cluster in a what-if result).
     */
    principalId?: Value<string>;
    /**
     * The user-assigned identities of the control plane (AKS allows one).
     */
    userAssignedIdentityIds?: Value<Value<string>[]>;
  };
  /**
   * The service principal the control plane runs as, when it uses one.
   */
  servicePrincipal?: {
    /**
     * The service principal's client (application) ID.
     */
    clientId?: Value<string>;
    /**
     * A client secret is written as a literal in the source, or in a variable default (never the secret itself).
     */
    secretInCode: Value<boolean>;
  };
  /**
   * The identity the nodes (kubelet) run as, to pull images and reach Azure.
   */
  kubeletIdentity?: {
    /**
     * The kubelet identity's resource ID.
     */
    userAssignedIdentityId?: Value<string>;
    /**
     * The kubelet identity's client ID (never what role assignments name).
     */
    clientId?: Value<string>;
    /**
     * The kubelet identity's principal (object) ID: what role assignments name.
     */
    objectId?: Value<string>;
    /**
     * Bring-your-own kubelet identity, as opposed to the one AKS creates.
     */
    custom: Value<boolean>;
    /**
     * The identity's ID and the scopes that contain it (resource group, subscription), as far as known.
     */
    scopeChain: Value<string>[];
  };
  /**
   * Entra ID (Azure AD) integration; absent when not configured.
   */
  aad?: {
    /**
     * Managed Entra ID integration (not the legacy server/client app integration).
     */
    managed: Value<boolean>;
    /**
     * Azure RBAC authorizes Kubernetes API access.
     */
    azureRbacEnabled?: Value<boolean>;
    /**
     * Entra groups that are cluster administrators.
     */
    adminGroupObjectIds?: Value<Value<string>[]>;
    /**
     * The Entra tenant.
     */
    tenantId?: Value<string>;
  };
  /**
   * Kubernetes RBAC is on.
   */
  kubernetesRbacEnabled?: Value<boolean>;
  /**
   * Local accounts (the admin kubeconfig) are disabled.
   */
  localAccountsDisabled?: Value<boolean>;
  /**
   * The OIDC issuer that workload identity federation trusts.
   */
  oidcIssuer?: {
    /**
     * The OIDC issuer is on.
     */
    enabled: Value<boolean>;
    /**
     * The issuer URL (computed by AKS).
     */
    url?: Value<string>;
  };
  /**
   * Microsoft Entra Workload ID is on.
   */
  workloadIdentityEnabled?: Value<boolean>;
  /**
   * Pod-managed identity (deprecated aad-pod-identity).
   */
  podIdentity?: {
    /**
     * Pod-managed identity is on.
     */
    enabled: Value<boolean>;
  };
  /**
   * The cluster's network: the bring-your-own resources its identity must be granted roles on.
   */
  network?: {
    /**
     * Bring-your-own subnets of the node pools, pods and API server; unknown as a whole when the plan cannot tell whether one is set (a dynamic block).
     */
    vnetSubnetIds: Value<Value<string>[]>;
    /**
     * The same subnets, each with the scopes that contain it; unknown as a whole when vnetSubnetIds is.
     */
    subnets: Subnet[] | Unknown;
    /**
     * Bring-your-own outbound public IPs and IP prefixes of the load balancer; unknown as a whole when the plan cannot tell whether they are set.
     */
    outboundIpIds: Value<Value<string>[]>;
    /**
     * The API server has a private endpoint only.
     */
    privateCluster?: Value<boolean>;
    /**
     * The private DNS zone of a private cluster: System, None, or a zone ID (bring-your-own).
     */
    privateDnsZone?: Value<string>;
    /**
     * loadBalancer, userDefinedRouting, managedNATGateway, userAssignedNATGateway.
     */
    outboundType?: Value<string>;
    /**
     * A bring-your-own private DNS zone's ID and the scopes that contain it, as far as known: a role at any of them covers the zone.
     */
    privateDnsZoneScopeChain?: Value<string>[];
  };
  /**
   * Its add-ons, each with the identity AKS creates for it.
   */
  addons: AddonProfile[];
  controlPlaneIdentity?: ManagedIdentity;
  kubeletManagedIdentity?: ManagedIdentity;
  /**
   * Linked: role assignments whose principal is the control-plane identity.
   */
  controlPlaneRoleAssignments: RoleAssignment[];
  /**
   * Linked: role assignments whose principal is the kubelet identity.
   */
  kubeletRoleAssignments: RoleAssignment[];
  /**
   * Linked: role assignments in the same input whose principal cannot be told apart from this cluster's identities (their principal.kind is unknown): any of them may be held by its control plane, kubelet or add-ons. For a cluster read from live state without the role assignments in Azure, an unknown element stands for those not read: a count over this list is then undecided.
   */
  undecidedRoleAssignments: (RoleAssignment | Unknown)[];
  liveState?: Cluster;
  /**
   * Linked: registries any identity of this cluster holds a role on. A registry granted only to a principal that cannot be told apart from the cluster's (undecided) is an unknown element: it may or may not be the cluster's.
   */
  registries: (Registry | Unknown)[];
}
export interface EntitySource {
  format: InputFormat;
  /**
   * The input file (plan, template, CLI output), relative to the repository root.
   */
  file: string;
  /**
   * JSON pointer of the resource inside the input file.
   */
  pointer: string;
  declaration?: SourceLocation;
  /**
   * Why declaration is missing, or why it is the compiled template rather than the .bicep source.
   */
  declarationNote?: string;
  /**
   * Where a model field's value is written in source, by field path (e.g. servicePrincipal.secretInCode: the line holding the secret, or the variable default it comes from).
   */
  fieldLocations?: {
    [k: string]: SourceLocation;
  };
}
export interface SourceLocation {
  /**
   * Path relative to the repository root, with forward slashes; absolute when outside it.
   */
  file: string;
  /**
   * First line (1-based).
   */
  line: number;
  /**
   * Last line.
   */
  endLine: number;
}
export interface Subnet {
  /**
   * Its ARM resource ID.
   */
  id: Value<string>;
  /**
   * The subnet's ID and the scopes that contain it (VNet, resource group, subscription), as far as known.
   */
  scopeChain: Value<string>[];
}
export interface AddonProfile {
  /**
   * The ARM add-on key: omsagent, ingressApplicationGateway, azureKeyvaultSecretsProvider, aciConnectorLinux, webAppRouting, azurepolicy, httpApplicationRouting, openServiceMesh.
   */
  name: string;
  /**
   * The add-on is on.
   */
  enabled: Value<boolean>;
  identity?: AddonIdentity;
  /**
   * Linked: role assignments whose principal is this add-on's identity.
   */
  roleAssignments: RoleAssignment[];
}
export interface AddonIdentity {
  /**
   * The add-on identity's principal (object) ID.
   */
  objectId?: Value<string>;
  /**
   * The add-on identity's client ID.
   */
  clientId?: Value<string>;
  /**
   * The add-on identity's user-assigned identity resource ID.
   */
  resourceId?: Value<string>;
}
/**
 * A role assignment (azurerm_role_assignment, Microsoft.Authorization/roleAssignments).
 */
export interface RoleAssignment {
  /**
   * The entity kind.
   */
  kind: 'roleAssignment';
  /**
   * Stable key across runs: the Terraform address (with its count/for_each index) or the ARM resource ID. Baselines and waivers match on it.
   */
  key: string;
  /**
   * The resource's name.
   */
  name: Value<string>;
  source: EntitySource;
  /**
   * What the input plans for it, and the entity as it was before the change.
   */
  change: {
    action: ChangeAction;
    before?: RoleAssignment;
  };
  /**
   * The original resource as the input states it, secrets redacted: for a policy that needs a field the model lacks. Any path below it is accepted.
   */
  raw: unknown;
  /**
   * Its ARM resource ID.
   */
  id: Value<string>;
  /**
   * The principal's object ID.
   */
  principalId: Value<string>;
  /**
   * User, Group, ServicePrincipal, as the input states it.
   */
  principalType?: Value<string>;
  /**
   * The role granted.
   */
  role: {
    /**
     * The role's GUID for a built-in role, else its definition ID.
     */
    id?: Value<string>;
    /**
     * The role's name.
     */
    name?: Value<string>;
    /**
     * An Azure built-in role (unknown for a name the built-in table does not know and the inputs do not define).
     */
    builtIn: Value<boolean>;
    /**
     * Actions of a custom role defined in the inputs (all its blocks); unknown for a role the inputs do not define. Prefer permissions with allowsAction.
     */
    actions?: Value<Value<string>[]>;
    /**
     * Actions subtracted from actions, for a custom role defined in the inputs.
     */
    notActions?: Value<string>[];
    /**
     * What the role grants, as permission blocks: a built-in role's from the shipped table (data/builtin-roles.json), a custom role's from its definition in the inputs; conditional where the assignment has a condition. Ask about it with the allowsAction and allowsDataAction operators. Unknown for a role neither knows.
     */
    permissions?: PermissionBlock[] | Unknown;
  };
  scope: Scope;
  /**
   * Linked: for a role assignment read from live state whose principal is an identity of a cluster the code in this scan also describes (the same resource ID, or name and resource group), whether the code declares this grant (the same assignment ID, or principal, role and scope); unknown when a grant in code may be it but its principal, role or scope is known only after apply. Absent otherwise.
   */
  inCode?: boolean | Unknown;
  /**
   * Linked: whose principal this is.
   */
  principal: {
    /**
     * clusterControlPlane, kubelet, addon, workload (an identity a service account federates to) or other (known to be none of the inputs' cluster identities); unknown when it cannot be told.
     */
    kind: PrincipalKind | Unknown;
    cluster?: Cluster;
    identity?: ManagedIdentity;
    /**
     * The add-on key when kind is addon.
     */
    addon?: string;
    /**
     * How a reader names the principal: control-plane, kubelet, '<addon> add-on', workload.
     */
    label?: string;
    clientIdOf?: IdentityUse;
  };
  /**
   * The assignment's ABAC condition, which limits what it grants.
   */
  condition?: Value<string>;
}
/**
 * One permission block of a role: it grants its actions minus its notActions, and its dataActions minus its notDataActions (notActions subtract within their block only). Patterns use Azure's wildcards.
 */
export interface PermissionBlock {
  /**
   * Control-plane actions it grants, as written (wildcards included).
   */
  actions: string[];
  /**
   * Control-plane actions taken out of this block's actions.
   */
  notActions: string[];
  /**
   * Data-plane actions it grants.
   */
  dataActions: string[];
  /**
   * Data-plane actions taken out of this block's dataActions.
   */
  notDataActions: string[];
  /**
   * An ABAC condition limits this block (the role's own, or the assignment's): whether a request is granted depends on it.
   */
  conditional?: boolean;
  /**
   * The actions the condition limits, when it names them; the block's other actions are granted outright.
   */
  conditionAppliesTo?: string[];
}
export interface Scope {
  /**
   * The scope's ARM ID ('/' for the tenant root).
   */
  id: Value<string>;
  /**
   * managementGroup, subscription, resourceGroup or resource; an unknown scope still has its level when the resource it references tells it.
   */
  level: ScopeLevel | Unknown;
  /**
   * ARM resource type of a resource scope, e.g. Microsoft.Network/virtualNetworks/subnets.
   */
  resourceType?: Value<string>;
  /**
   * The subscription of the scope.
   */
  subscriptionId?: Value<string>;
  /**
   * Its resource group name.
   */
  resourceGroup?: Value<string>;
}
/**
 * A user-assigned managed identity.
 */
export interface ManagedIdentity {
  /**
   * The entity kind.
   */
  kind: 'managedIdentity';
  /**
   * Stable key across runs: the Terraform address (with its count/for_each index) or the ARM resource ID. Baselines and waivers match on it.
   */
  key: string;
  /**
   * The resource's name.
   */
  name: Value<string>;
  source: EntitySource;
  /**
   * What the input plans for it, and the entity as it was before the change.
   */
  change: {
    action: ChangeAction;
    before?: ManagedIdentity;
  };
  /**
   * The original resource as the input states it, secrets redacted: for a policy that needs a field the model lacks. Any path below it is accepted.
   */
  raw: unknown;
  /**
   * Its ARM resource ID.
   */
  id: Value<string>;
  /**
   * Its resource group name.
   */
  resourceGroup?: Value<string>;
  /**
   * Its ID and the scopes that contain it, as far as known.
   */
  scopeChain: Value<string>[];
  /**
   * Its principal (object) ID: what role assignments name.
   */
  principalId: Value<string>;
  /**
   * Its client (application) ID.
   */
  clientId: Value<string>;
  /**
   * Linked: the clusters that run as this identity, and as what.
   */
  usedBy: IdentityUse[];
  /**
   * Linked: role assignments whose principal is this identity.
   */
  roleAssignments: RoleAssignment[];
  /**
   * Linked: its federated identity credentials.
   */
  federatedCredentials: FederatedCredential[];
}
export interface IdentityUse {
  cluster: Cluster;
  /**
   * What the cluster uses the identity as.
   */
  as: 'controlPlane' | 'kubelet' | 'addon' | 'workload';
}
/**
 * A federated identity credential of a user-assigned identity.
 */
export interface FederatedCredential {
  /**
   * The entity kind.
   */
  kind: 'federatedCredential';
  /**
   * Stable key across runs: the Terraform address (with its count/for_each index) or the ARM resource ID. Baselines and waivers match on it.
   */
  key: string;
  /**
   * The resource's name.
   */
  name: Value<string>;
  source: EntitySource;
  /**
   * What the input plans for it, and the entity as it was before the change.
   */
  change: {
    action: ChangeAction;
    before?: FederatedCredential;
  };
  /**
   * The original resource as the input states it, secrets redacted: for a policy that needs a field the model lacks. Any path below it is accepted.
   */
  raw: unknown;
  /**
   * The OIDC issuer URL whose tokens it trusts.
   */
  issuer: Value<string>;
  /**
   * The token subject it trusts, e.g. system:serviceaccount:<namespace>:<name>.
   */
  subject: Value<string>;
  /**
   * The token audiences it accepts.
   */
  audiences: Value<Value<string>[]>;
  /**
   * The user-assigned identity it belongs to (its ID, as the input gives it).
   */
  parentId: Value<string>;
  identity?: ManagedIdentity;
  cluster?: Cluster;
  /**
   * Linked: what the clusters of the inputs run its identity as (control plane, kubelet, add-on), including the kubelet identity AKS creates, which the inputs do not hold as an entity.
   */
  usedBy: IdentityUse[];
}
/**
 * A container registry.
 */
export interface Registry {
  /**
   * The entity kind.
   */
  kind: 'registry';
  /**
   * Stable key across runs: the Terraform address (with its count/for_each index) or the ARM resource ID. Baselines and waivers match on it.
   */
  key: string;
  /**
   * The resource's name.
   */
  name: Value<string>;
  source: EntitySource;
  /**
   * What the input plans for it, and the entity as it was before the change.
   */
  change: {
    action: ChangeAction;
    before?: Registry;
  };
  /**
   * The original resource as the input states it, secrets redacted: for a policy that needs a field the model lacks. Any path below it is accepted.
   */
  raw: unknown;
  /**
   * Its ARM resource ID.
   */
  id: Value<string>;
  /**
   * The registry's admin user (a shared password) is enabled.
   */
  adminUserEnabled: Value<boolean>;
  /**
   * Its ID and the scopes that contain it, as far as known: a role at any of them covers the registry.
   */
  scopeChain: Value<string>[];
}
/**
 * A custom role definition in the inputs.
 */
export interface RoleDefinition {
  /**
   * The entity kind.
   */
  kind: 'roleDefinition';
  /**
   * Stable key across runs: the Terraform address (with its count/for_each index) or the ARM resource ID. Baselines and waivers match on it.
   */
  key: string;
  /**
   * The resource's name.
   */
  name: Value<string>;
  source: EntitySource;
  /**
   * What the input plans for it, and the entity as it was before the change.
   */
  change: {
    action: ChangeAction;
    before?: RoleDefinition;
  };
  /**
   * The original resource as the input states it, secrets redacted: for a policy that needs a field the model lacks. Any path below it is accepted.
   */
  raw: unknown;
  /**
   * Its ARM resource ID.
   */
  id: Value<string>;
  /**
   * Control-plane actions it allows (wildcards as written).
   */
  actions: Value<string>[];
  /**
   * Control-plane actions subtracted from actions.
   */
  notActions: Value<string>[];
  /**
   * Data-plane actions it allows.
   */
  dataActions: Value<string>[];
  /**
   * Data-plane actions subtracted from dataActions.
   */
  notDataActions: Value<string>[];
  /**
   * Scopes where it may be assigned.
   */
  assignableScopes: Value<string>[];
  /**
   * Its permission blocks, each as written; unknown when the input computes them.
   */
  permissions: PermissionBlock[] | Unknown;
}
