import type { Cluster } from '../../model/entities.js';
import { unknownAfterApply } from '../../model/unknown.js';
import { knownAttribute, type PlanContext } from './planned-values.js';
import type { PlannedResource } from './plan.js';

/**
 * The ID of each cluster's node resource group (MC_...), which AKS add-ons are granted roles on. The cluster's own
 * `node_resource_group_id` gives it; a resource group data source whose `name` is the cluster's
 * `node_resource_group` (the usual Terraform way to refer to it) names the same group, and role assignments scoped
 * through it use that name, so it takes precedence. Groups are indexed once, by the reference and by the name.
 */
export function setNodeResourceGroupIds(clusters: readonly Cluster[], ctx: PlanContext): void {
  const byReference = new Map<string, PlannedResource>();
  const byName = new Map<string, PlannedResource>();
  for (const group of ctx.plan.valuesByAddress.values()) {
    if (group.type !== 'azurerm_resource_group') continue;
    const [resolved] = ctx.config.resolveAttribute(group.address, ['name']);
    if (resolved?.kind === 'attribute' && !byReference.has(resolved.ref))
      byReference.set(resolved.ref, group);
    const name = knownAttribute(ctx.plan, group.address, 'name');
    if (typeof name === 'string' && !byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), group);
  }
  for (const cluster of clusters) {
    if (typeof cluster.nodeResourceGroupId === 'string') continue;
    const name = cluster.nodeResourceGroup;
    const group =
      byReference.get(`${cluster.key}.node_resource_group`) ??
      (typeof name === 'string' ? byName.get(name.toLowerCase()) : undefined);
    if (group === undefined) continue;
    const id = knownAttribute(ctx.plan, group.address, 'id');
    cluster.nodeResourceGroupId =
      typeof id === 'string'
        ? id
        : unknownAfterApply(`${group.address}.id`, group.mode === 'managed', group.mode === 'data');
  }
}
