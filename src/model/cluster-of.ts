import type { Cluster, Entity } from './entities.js';

/** The cluster an entity belongs to, for grouping results: its own, its principal's or its identity's. */
export function clusterOf(entity: Entity): Cluster | undefined {
  switch (entity.kind) {
    case 'cluster':
      return entity;
    case 'roleAssignment':
      return entity.principal.cluster;
    case 'managedIdentity':
      return entity.usedBy[0]?.cluster;
    case 'federatedCredential':
      return entity.cluster ?? entity.identity?.usedBy[0]?.cluster;
    default:
      return undefined;
  }
}
