import type {
  Change,
  ChangeAction,
  Cluster,
  Entity,
  EntityKind,
  EntitySource,
  FederatedCredential,
  ManagedIdentity,
  Registry,
  RoleAssignment,
  RoleDefinition,
} from '../model/entities.js';
import { NOT_LINKED } from '../model/link.js';

/** What every entity has besides its own fields: set by the adapter, not by a mapping. */
type Framing = 'kind' | 'key' | 'source' | 'change' | 'raw';

/** The fields of a cluster that come from its own resource; links are added by the linker. */
export type ClusterFields = Omit<
  Cluster,
  | Framing
  | 'controlPlaneRoleAssignments'
  | 'kubeletRoleAssignments'
  | 'undecidedRoleAssignments'
  | 'registries'
  | 'liveState'
  | 'controlPlaneIdentity'
  | 'kubeletManagedIdentity'
>;
export type ManagedIdentityFields = Omit<
  ManagedIdentity,
  Framing | 'usedBy' | 'roleAssignments' | 'federatedCredentials'
>;
export type RoleAssignmentFields = Omit<RoleAssignment, Framing | 'principal' | 'inCode'>;
export type RoleDefinitionFields = Omit<RoleDefinition, Framing>;
export type FederatedCredentialFields = Omit<FederatedCredential, Framing | 'identity' | 'cluster'>;
export type RegistryFields = Omit<Registry, Framing>;

/** One input format's mapping of a resource (`R`: a plan's resource view, an ARM resource) to each entity's fields. */
export interface EntityMappings<R> {
  cluster(resource: R): ClusterFields;
  managedIdentity(resource: R): ManagedIdentityFields;
  roleAssignment(resource: R): RoleAssignmentFields;
  roleDefinition(resource: R): RoleDefinitionFields;
  federatedCredential(resource: R): FederatedCredentialFields;
  registry(resource: R): RegistryFields;
}

export interface EntityFraming {
  key: string;
  source: EntitySource;
  raw: unknown;
  action: ChangeAction;
}

/**
 * An entity of `kind` from a resource, its links empty until the linker fills them, with the entity as it was
 * before the change (mapped the same way) when the input has it.
 */
export function assembleEntity<R>(
  kind: EntityKind,
  mappings: EntityMappings<R>,
  current: R,
  previous: R | undefined,
  framing: EntityFraming,
): Entity {
  const { key, source, raw, action } = framing;
  const base = { key, source, raw, change: { action } };
  const change = <T>(before: T | undefined): Change<T> =>
    before === undefined ? { action } : { action, before };
  const withBefore = <T>(make: (resource: R) => T): T & { change: Change<T> } => ({
    ...make(current),
    change: change(previous === undefined ? undefined : make(previous)),
  });
  switch (kind) {
    case 'cluster':
      return withBefore((r): Cluster => ({
        kind,
        ...base,
        ...mappings.cluster(r),
        controlPlaneRoleAssignments: [],
        kubeletRoleAssignments: [],
        undecidedRoleAssignments: [],
        registries: [],
      }));
    case 'managedIdentity':
      return withBefore((r): ManagedIdentity => ({
        kind,
        ...base,
        ...mappings.managedIdentity(r),
        usedBy: [],
        roleAssignments: [],
        federatedCredentials: [],
      }));
    case 'roleAssignment':
      return withBefore((r): RoleAssignment => ({
        kind,
        ...base,
        ...mappings.roleAssignment(r),
        principal: { kind: NOT_LINKED },
      }));
    case 'roleDefinition':
      return withBefore((r): RoleDefinition => ({ kind, ...base, ...mappings.roleDefinition(r) }));
    case 'federatedCredential':
      return withBefore((r): FederatedCredential => ({ kind, ...base, ...mappings.federatedCredential(r) }));
    case 'registry':
      return withBefore((r): Registry => ({ kind, ...base, ...mappings.registry(r) }));
  }
}

export function setIfDefined<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
