import type {
  Cluster,
  EntitiesByKind,
  FederatedCredential,
  InputFormat,
  ManagedIdentity,
  Registry,
  RoleAssignment,
  RoleDefinition,
} from './model-types.generated.js';

/**
 * The normalized model every policy sees, whatever the input format. Its single source is schema/model.schema.json,
 * from which these types are generated (docs/model-fields.md lists every field). Absent means "not set"; `Unknown`
 * means "set, but known only later".
 */
export type {
  AddonProfile,
  ChangeAction,
  Cluster,
  EntitiesByKind,
  EntitySource,
  FederatedCredential,
  IdentityUse,
  InputFormat,
  ManagedIdentity,
  PermissionBlock,
  PrincipalKind,
  Registry,
  RoleAssignment,
  RoleDefinition,
  Scope,
  ScopeLevel,
  SourceLocation,
} from './model-types.generated.js';

export type EntityKind = keyof EntitiesByKind;

export const ENTITY_KINDS: readonly EntityKind[] = [
  'cluster',
  'managedIdentity',
  'roleAssignment',
  'roleDefinition',
  'federatedCredential',
  'registry',
];

export interface Change<T> {
  action: Cluster['change']['action'];
  /** The entity as it was before the change, mapped the same way, when the input has it. */
  before?: T;
}

export type Entity =
  Cluster | ManagedIdentity | RoleAssignment | RoleDefinition | FederatedCredential | Registry;

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
