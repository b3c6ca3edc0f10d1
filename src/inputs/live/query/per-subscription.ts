import type { QueriedResource, UnreadScope } from './live-query.js';
import type { SubscriptionClients } from './sdk-clients.js';
import { inParallel } from '../../../util/in-parallel.js';
import { unreadScope } from './unread.js';

/** What one subscription gave, and what it refused. */
export interface SubscriptionRead {
  resources: QueriedResource[];
  unread: UnreadScope[];
}

/** The list calls of one subscription, each followed to its last page; a refused one leaves its scope unread. */
export async function readSubscription(
  clients: SubscriptionClients,
  subscriptionId: string,
  filter: { resourceGroups: string[]; clusters: string[] },
): Promise<SubscriptionRead> {
  const sub = `/subscriptions/${subscriptionId}`;
  const read: SubscriptionRead = { resources: [], unread: [] };
  const collect = collector(read);

  const names = new Set(filter.clusters.map((n) => n.toLowerCase()));
  // Only the named clusters are kept: the others were listed, but are not asked about.
  const wanted = (cluster: Record<string, unknown>): boolean =>
    names.size === 0 || names.has(String(cluster['name']).toLowerCase());
  if (filter.resourceGroups.length === 0) {
    await collect(
      `${sub}/providers/Microsoft.ContainerService/managedClusters`,
      'clusters',
      () => clients.clusters.managedClusters.list(),
      wanted,
    );
  }
  for (const group of filter.resourceGroups) {
    await collect(
      `${sub}/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters`,
      'clusters',
      () => clients.clusters.managedClusters.listByResourceGroup(group),
      wanted,
    );
  }
  await collect(`${sub}/providers/Microsoft.Authorization/roleAssignments`, 'role assignments', () =>
    clients.authorization.roleAssignments.listForSubscription(),
  );
  await collect(`${sub}/providers/Microsoft.Authorization/roleDefinitions`, 'role definitions', () =>
    // The SDK puts the scope after a slash of its own: `subscriptions/<id>`, not `/subscriptions/<id>`.
    clients.authorization.roleDefinitions.list(sub.slice(1), { filter: "type eq 'CustomRole'" }),
  );
  const identities = await collect(
    `${sub}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
    'identities',
    () => clients.identities.userAssignedIdentities.listBySubscription(),
  );
  const credentials = await readFederatedCredentials(clients, identities);
  read.resources.push(...credentials.resources);
  read.unread.push(...credentials.unread);
  return read;
}

/**
 * The federated credentials of identities: a list call each, as no subscription-wide list (nor Resource Graph)
 * holds them.
 */
export async function readFederatedCredentials(
  clients: SubscriptionClients,
  identities: readonly Record<string, unknown>[],
): Promise<SubscriptionRead> {
  const reads = await inParallel(identities, PARALLEL_LISTS, async (identity) => {
    const read: SubscriptionRead = { resources: [], unread: [] };
    const id = String(identity['id']);
    const group = /\/resourceGroups\/([^/]+)\//i.exec(id)?.[1];
    if (group === undefined) return read;
    await collector(read)(`${id}/federatedIdentityCredentials`, 'federated credentials', () =>
      clients.identities.federatedIdentityCredentials.list(group, String(identity['name'])),
    );
    return read;
  });
  return { resources: reads.flatMap((r) => r.resources), unread: reads.flatMap((r) => r.unread) };
}

/** Lists read at once: enough to overlap their latency, few enough not to be throttled by Azure Resource Manager. */
const PARALLEL_LISTS = 8;

/**
 * Reads one paged list to its end into `read`, keeping what `keep` accepts; a refused list leaves its scope unread
 * and keeps nothing of it (half a list would pass for all of it).
 */
function collector(read: SubscriptionRead) {
  return async (
    from: string,
    what: UnreadScope['what'],
    pages: () => AsyncIterable<object>,
    keep: (value: Record<string, unknown>) => boolean = () => true,
  ): Promise<Record<string, unknown>[]> => {
    const values: Record<string, unknown>[] = [];
    try {
      for await (const item of pages()) values.push(plainJson(item));
    } catch (error) {
      read.unread.push(unreadScope(from, what, error));
      return [];
    }
    const kept = values.filter(keep);
    read.resources.push(...kept.map((value) => ({ from, value })));
    return kept;
  };
}

/** An SDK model as the JSON the REST API sent: dates back to strings, nothing but data. */
export function plainJson(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
