import type { Cluster } from '../../model/entities.js';
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
    for (const attribute of ['vnet_subnet_id', 'pod_subnet_id']) {
      const subnet = pool.chosenString([attribute]);
      if (subnet === undefined || cluster.network === undefined) continue;
      if (cluster.network.vnetSubnetIds.some((s) => sameValue(s, subnet))) continue;
      cluster.network.vnetSubnetIds.push(subnet);
      cluster.network.subnets.push({ id: subnet, scopeChain: pool.scopeChain(subnet) });
    }
  }
  return unattached;
}
