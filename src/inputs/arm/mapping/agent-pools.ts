import type { Cluster } from '../../../model/entities.js';
import { isUnknown, type Value } from '../../../model/unknown.js';
import { sameValue, ValueIndex } from '../../../model/values.js';
import { props, stringAt, type ArmResource } from './arm-resource.js';
import { parentIdOf, scopeChainOf } from './resource-id.js';

/**
 * Node pools declared as their own resources (`Microsoft.ContainerService/managedClusters/agentPools`) bring
 * subnets that belong to their cluster's network as much as those of `agentPoolProfiles`. Returns the pools whose
 * cluster is not among `clusters`.
 */
export function attachAgentPoolSubnets(
  pools: readonly ArmResource[],
  clusters: readonly Cluster[],
): ArmResource[] {
  const clustersById = new ValueIndex<Cluster>();
  for (const cluster of clusters) clustersById.add(cluster.id, cluster);
  const unattached: ArmResource[] = [];
  for (const pool of pools) {
    const cluster = clustersById.first(pool.parentId ?? parentIdOf(pool.id));
    if (cluster === undefined) {
      unattached.push(pool);
      continue;
    }
    for (const property of ['vnetSubnetID', 'podSubnetID']) {
      const subnet: Value<string> | undefined = stringAt(props(pool), [property]);
      const network = cluster.network;
      if (subnet === undefined || subnet === '' || network === undefined) continue;
      // Subnets unknown as a whole stay so: one more pool does not make them known.
      if (isUnknown(network.vnetSubnetIds) || isUnknown(network.subnets)) continue;
      if (network.vnetSubnetIds.some((s) => s === subnet || sameValue(s, subnet))) continue;
      network.vnetSubnetIds.push(subnet);
      network.subnets.push({ id: subnet, scopeChain: scopeChainOf(subnet) });
    }
  }
  return unattached;
}
