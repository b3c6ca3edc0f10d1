import type { Cluster, Entity, InputFormat, SkippedResource } from '../../../model/entities.js';
import { adapterOutput, type AdapterOutput } from '../../adapter-output.js';
import { attachAgentPoolSubnets } from './agent-pools.js';
import type { ArmResource } from './arm-resource.js';

/** A node pool declared as its own resource, waiting for its cluster. */
export interface SeparatePool {
  resource: ArmResource;
  address: string;
  type: string;
}

/** What an adapter of ARM-shaped resources (template, what-if, live state) has read. */
export interface ArmReading {
  file: string;
  format: InputFormat;
  /** What the input is called in a reason: "template", "what-if result". */
  inputName: string;
  entities: Entity[];
  pools: readonly SeparatePool[];
  skipped: SkippedResource[];
  secrets: Iterable<string>;
  unsupported: Record<string, number>;
}

/**
 * The adapter's output, once the separate node pools have joined their clusters' networks. A pool whose cluster
 * is elsewhere is skipped with the reason, not dropped.
 */
export function armAdapterOutput(reading: ArmReading): AdapterOutput {
  const { file, entities, pools, skipped } = reading;
  const clusters = entities.filter((e): e is Cluster => e.kind === 'cluster');
  const unattached = new Set(
    attachAgentPoolSubnets(
      pools.map((p) => p.resource),
      clusters,
    ),
  );
  for (const pool of pools) {
    if (!unattached.has(pool.resource)) continue;
    skipped.push({
      file,
      address: pool.address,
      type: pool.type,
      reason: `its cluster is not in this ${reading.inputName}, so its subnets cannot be added to a cluster's network`,
    });
  }
  return adapterOutput({ ...reading, scanned: entities.length + pools.length - unattached.size });
}
