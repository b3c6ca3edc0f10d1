import type { Cluster } from '../../model/entities.js';
import { isUnknown } from '../../model/unknown.js';
import { sameValue, ValueIndex } from '../../model/values.js';
import type { ResourceView } from './resource-view.js';

/**
 * Extra node pools (`azurerm_kubernetes_cluster_node_pool`) bring their own subnets, which belong to the cluster's
 * network as much as the default pool's. Returns the pools whose cluster is not in the plan.
 */
export function attachNodePoolSubnets(pools: ResourceView[], clusters: Cluster[]): ResourceView[] {
  const unattached: ResourceView[] = [];
  const clustersById = new ValueIndex<Cluster>();
  for (const cluster of clusters) clustersById.add(cluster.id, cluster);
  for (const pool of pools) {
    const cluster = clustersById.first(pool.string(['kubernetes_cluster_id']));
    if (cluster === undefined) {
      unattached.push(pool);
      continue;
    }
    const network = cluster.network;
    if (network === undefined) continue;
    for (const attribute of ['vnet_subnet_id', 'pod_subnet_id']) {
      const present = pool.presence([attribute]);
      // A pool whose subnet may or may not be set leaves the cluster's subnets unknown as a whole.
      if (isUnknown(present)) {
        network.vnetSubnetIds = present;
        network.subnets = present;
      }
      const subnet = present === true ? pool.chosenString([attribute]) : undefined;
      if (subnet === undefined || isUnknown(network.vnetSubnetIds) || isUnknown(network.subnets)) continue;
      if (network.vnetSubnetIds.some((s) => sameValue(s, subnet))) continue;
      network.vnetSubnetIds.push(subnet);
      network.subnets.push({ id: subnet, scopeChain: pool.scopeChain(subnet) });
    }
  }
  return unattached;
}
