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
} from '../../../model/entities.js';
import { NOT_LINKED } from '../../../model/link.js';
import type { ArmResource } from './arm-resource.js';
import { mapCluster } from './map-cluster.js';
import { mapRoleAssignment } from './map-role-assignment.js';
import { mapFederatedCredential, mapManagedIdentity, mapRegistry, mapRoleDefinition } from './map-simple.js';

/** The ARM resource types the model has entities for, by lower-case type (Azure compares types case-insensitively). */
const ENTITY_OF_ARM_TYPE: Record<string, EntityKind> = {
  'microsoft.containerservice/managedclusters': 'cluster',
  'microsoft.managedidentity/userassignedidentities': 'managedIdentity',
  'microsoft.authorization/roleassignments': 'roleAssignment',
  'microsoft.authorization/roledefinitions': 'roleDefinition',
  'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials': 'federatedCredential',
  'microsoft.containerregistry/registries': 'registry',
};

/** Node pools are not entities: their subnets join their cluster's network (agent-pools.ts). */
export const AGENT_POOL_TYPE = 'microsoft.containerservice/managedclusters/agentpools';

export function entityKindOf(type: string): EntityKind | undefined {
  return ENTITY_OF_ARM_TYPE[type.toLowerCase()];
}

/** Whether the model reads the type at all: an entity of its own, or a node pool that adds to its cluster. */
export function isModelledType(type: string): boolean {
  return entityKindOf(type) !== undefined || type.toLowerCase() === AGENT_POOL_TYPE;
}

export interface EntityFraming {
  key: string;
  source: EntitySource;
  raw: unknown;
  action: ChangeAction;
}

/** An entity of `kind` from the resource, with the entity as it was before the change when the input has it. */
export function buildEntity(
  kind: EntityKind,
  current: ArmResource,
  framing: EntityFraming,
  previous?: ArmResource,
): Entity {
  const { key, source, raw, action } = framing;
  const base = { key, source, raw };
  const change = <T>(before: T | undefined): Change<T> =>
    before === undefined ? { action } : { action, before };
  switch (kind) {
    case 'cluster': {
      const make = (r: ArmResource): Cluster => ({
        kind,
        ...base,
        ...mapCluster(r),
        change: { action },
        controlPlaneRoleAssignments: [],
        kubeletRoleAssignments: [],
        undecidedRoleAssignments: [],
        registries: [],
      });
      return { ...make(current), change: change(previous && make(previous)) };
    }
    case 'managedIdentity': {
      const make = (r: ArmResource): ManagedIdentity => ({
        kind,
        ...base,
        ...mapManagedIdentity(r),
        change: { action },
        usedBy: [],
        roleAssignments: [],
        federatedCredentials: [],
      });
      return { ...make(current), change: change(previous && make(previous)) };
    }
    case 'roleAssignment': {
      const make = (r: ArmResource): RoleAssignment => ({
        kind,
        ...base,
        ...mapRoleAssignment(r),
        change: { action },
        principal: { kind: NOT_LINKED },
      });
      return { ...make(current), change: change(previous && make(previous)) };
    }
    case 'roleDefinition': {
      const make = (r: ArmResource): RoleDefinition => ({
        kind,
        ...base,
        ...mapRoleDefinition(r),
        change: { action },
      });
      return { ...make(current), change: change(previous && make(previous)) };
    }
    case 'federatedCredential': {
      const make = (r: ArmResource): FederatedCredential => ({
        kind,
        ...base,
        ...mapFederatedCredential(r),
        change: { action },
      });
      return { ...make(current), change: change(previous && make(previous)) };
    }
    case 'registry': {
      const make = (r: ArmResource): Registry => ({
        kind,
        ...base,
        ...mapRegistry(r),
        change: { action },
      });
      return { ...make(current), change: change(previous && make(previous)) };
    }
  }
}
