import type { Entity, SkippedResource } from '../../model/entities.js';

/**
 * Live state read twice is one resource, not two: `az aks list` beside `az aks show`, overlapping
 * `az role assignment list` outputs, the same `az role assignment create` printed twice. Counted twice, one grant
 * would be blamed twice and a count of grants would be off. Resource IDs are compared without case, as Azure
 * compares them. The first reading is kept; each repeat is listed as skipped, naming where it was read first.
 */
export function withoutRepeatedLiveResources(entities: readonly Entity[]): {
  entities: Entity[];
  skipped: SkippedResource[];
} {
  const first = new Map<string, Entity>();
  const kept: Entity[] = [];
  const skipped: SkippedResource[] = [];
  for (const entity of entities) {
    if (entity.source.format !== 'live-state') {
      kept.push(entity);
      continue;
    }
    const id = entity.key.toLowerCase();
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, entity);
      kept.push(entity);
      continue;
    }
    skipped.push({
      file: entity.source.file,
      address: entity.key,
      type: entity.kind,
      reason: `already read at ${placeOf(earlier)}`,
    });
  }
  return { entities: kept, skipped };
}

function placeOf(entity: Entity): string {
  const { file, pointer } = entity.source;
  return pointer === '' ? file : `${file}#${pointer}`;
}
