import type { Entity, EntityKind } from '../../../model/entities.js';
import { assembleEntity, type EntityFraming, type EntityMappings } from '../../assemble-entity.js';
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

const ARM_MAPPINGS: EntityMappings<ArmResource> = {
  cluster: mapCluster,
  managedIdentity: mapManagedIdentity,
  roleAssignment: mapRoleAssignment,
  roleDefinition: mapRoleDefinition,
  federatedCredential: mapFederatedCredential,
  registry: mapRegistry,
};

/** An entity of `kind` from the resource, with the entity as it was before the change when the input has it. */
export function buildEntity(
  kind: EntityKind,
  current: ArmResource,
  framing: EntityFraming,
  previous?: ArmResource,
): Entity {
  return assembleEntity(kind, ARM_MAPPINGS, current, previous, framing);
}
