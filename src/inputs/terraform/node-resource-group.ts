import type { Cluster } from '../../model/entities.js';
import { unknownAfterApply } from '../../model/unknown.js';
import { knownAttribute, type PlanContext } from './planned-values.js';

const RESOURCE_GROUP_TYPES = new Set(['azurerm_resource_group']);

/**
 * The ID of each cluster's node resource group (MC_...), which AKS add-ons are granted roles on. The cluster's own
 * `node_resource_group_id` gives it; a resource group data source whose `name` is the cluster's
 * `node_resource_group` (the usual Terraform way to refer to it) names the same group, and role assignments scoped
 * through it use that name, so it takes precedence.
 */
export function setNodeResourceGroupIds(clusters: readonly Cluster[], ctx: PlanContext): void {
  const candidates = [...ctx.plan.valuesByAddress.values()].filter((r) => RESOURCE_GROUP_TYPES.has(r.type));
  for (const cluster of clusters) {
    const name = cluster.nodeResourceGroup;
    if (typeof cluster.nodeResourceGroupId === 'string') continue;
    for (const group of candidates) {
      const [resolved] = ctx.config.resolveAttribute(group.address, ['name']);
      const byReference =
        resolved?.kind === 'attribute' && resolved.ref === `${cluster.key}.node_resource_group`;
      const groupName = knownAttribute(ctx.plan, group.address, 'name');
      const byName =
        typeof name === 'string' &&
        typeof groupName === 'string' &&
        groupName.toLowerCase() === name.toLowerCase();
      if (!byReference && !byName) continue;
      const id = knownAttribute(ctx.plan, group.address, 'id');
      cluster.nodeResourceGroupId =
        typeof id === 'string' ? id : unknownAfterApply(`${group.address}.id`, group.mode === 'managed');
      break;
    }
  }
}
