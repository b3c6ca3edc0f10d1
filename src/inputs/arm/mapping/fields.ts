import type {
  Cluster,
  FederatedCredential,
  ManagedIdentity,
  Registry,
  RoleAssignment,
  RoleDefinition,
} from '../../../model/entities.js';

/** What every entity has besides its own fields: set by the adapter, not by the mapping. */
type Framing = 'kind' | 'key' | 'source' | 'change' | 'raw';

/** The fields of a cluster that come from its own resource; links are added by the linker. */
export type ClusterFields = Omit<
  Cluster,
  | Framing
  | 'controlPlaneRoleAssignments'
  | 'kubeletRoleAssignments'
  | 'undecidedRoleAssignments'
  | 'registries'
  | 'controlPlaneIdentity'
  | 'kubeletManagedIdentity'
>;
export type ManagedIdentityFields = Omit<
  ManagedIdentity,
  Framing | 'usedBy' | 'roleAssignments' | 'federatedCredentials'
>;
export type RoleAssignmentFields = Omit<RoleAssignment, Framing | 'principal'>;
export type RoleDefinitionFields = Omit<RoleDefinition, Framing>;
export type FederatedCredentialFields = Omit<FederatedCredential, Framing | 'identity' | 'cluster'>;
export type RegistryFields = Omit<Registry, Framing>;

export function setIfDefined<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
