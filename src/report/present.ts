import { clusterOf } from '../model/cluster-of.js';
import type { Cluster, Entity } from '../model/entities.js';
import type { Evaluation } from '../policy/evaluate.js';
import type { ScanOutcome } from '../policy/outcome.js';
import type { Because } from '../policy/tristate.js';

/** Shared wording of results, so every output format says the same thing the same way. */
export function entityName(entity: Entity): string {
  const name = entity.name;
  return typeof name === 'string' && name !== '' ? name : entity.key;
}

export function entityLabel(entity: Entity): string {
  const name = entityName(entity);
  return name === entity.key ? entity.key : `${name} (${entity.key})`;
}

/** Where to look: the .tf/.bicep declaration when found, else the input file and JSON pointer. */
export function locationText(entity: Entity): string {
  const d = entity.source.declaration;
  if (d !== undefined)
    return d.line === d.endLine ? `${d.file}:${d.line}` : `${d.file}:${d.line}-${d.endLine}`;
  return `${entity.source.file}#${entity.source.pointer}`;
}

export function becauseText(because: readonly Because[]): string {
  if (because.length === 0) return 'a value it needs is not known yet';
  return because.map((b) => `${b.field} is ${b.reason}`).join('; ');
}

export interface ClusterGroup {
  cluster?: Cluster;
  title: string;
  evaluations: Evaluation[];
}

/** Results grouped by the cluster they concern, clusters in input order, then those tied to no cluster. */
export function groupByCluster(outcome: ScanOutcome): ClusterGroup[] {
  const groups = new Map<Cluster | undefined, Evaluation[]>();
  for (const cluster of outcome.entities.cluster) groups.set(cluster, []);
  for (const e of outcome.evaluations) {
    const cluster = clusterOf(e.entity);
    const list = groups.get(cluster) ?? [];
    list.push(e);
    groups.set(cluster, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0))
    .map(([cluster, evaluations]) =>
      cluster === undefined
        ? { title: 'Not tied to a cluster', evaluations }
        : { cluster, title: `Cluster ${entityLabel(cluster)}`, evaluations },
    );
}
