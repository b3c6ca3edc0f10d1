import type { Cluster } from '../../model/entities.js';
import { isUnknown, unknownOrigin, type Value } from '../../model/unknown.js';
import { ValueIndex } from '../../model/values.js';
import { asObject, isObject } from '../json-value.js';
import type { ResourceView } from './resource-view.js';

const MANAGED_CLUSTERS = 'microsoft.containerservice/managedclusters@';

/**
 * The azapi provider sets AKS properties azurerm has no argument for, pod-managed identity among them:
 * `azapi_update_resource` (or `azapi_resource_action`) on a cluster with a `body` that holds ARM properties. Those
 * properties belong to the cluster the patch names (its `resource_id`). Returns the patches whose cluster is not in
 * the plan.
 */
export function applyAzapiPatches(patches: ResourceView[], clusters: Cluster[]): ResourceView[] {
  const clustersById = new ValueIndex<Cluster>();
  for (const cluster of clusters) clustersById.add(cluster.id, cluster);
  const unattached: ResourceView[] = [];
  for (const patch of patches) {
    const type = patch.string(['type']);
    if (typeof type === 'string' && !type.toLowerCase().startsWith(MANAGED_CLUSTERS)) continue;
    const cluster = clustersById.first(patch.string(['resource_id']));
    if (cluster === undefined) {
      unattached.push(patch);
      continue;
    }
    const enabled = podIdentityEnabled(patch);
    if (enabled !== undefined) cluster.podIdentity = { enabled };
  }
  return unattached;
}

/** `properties.podIdentityProfile.enabled` of the body: an object (azapi 2.x) or JSON text (azapi 1.x). */
function podIdentityEnabled(patch: ResourceView): Value<boolean> | undefined {
  const raw = patch.value(['body']);
  if (isUnknown(raw)) return unknownOrigin(`the body of ${patch.address} is known only after apply`);
  let body: unknown = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      return unknownOrigin(`the body of ${patch.address} is not JSON`);
    }
  }
  const profile = findKey(asObject(findKey(asObject(body), 'properties')), 'podIdentityProfile');
  if (profile === undefined) return undefined;
  if (isUnknown(profile)) return profile;
  const enabled = isObject(profile) ? findKey(profile, 'enabled') : undefined;
  return typeof enabled === 'boolean' || isUnknown(enabled) ? enabled : undefined;
}

/** ARM property names are case-insensitive. */
function findKey(record: Record<string, unknown> | undefined, name: string): unknown {
  if (record === undefined) return undefined;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}
