import type { QueriedResource, UnreadScope } from './live-query.js';
import type { ResourceGraph } from './sdk-clients.js';
import { unreadScope } from './unread.js';

/** Resource Graph takes at most this many subscriptions in one request, and this many rows in one page. */
const SUBSCRIPTIONS_PER_REQUEST = 1000;
const ROWS_PER_PAGE = 1000;

export interface GraphQuery {
  /** The table and what it holds, to name where a row was read: `resources (clusters)`. */
  from: string;
  what: UnreadScope['what'];
  kql: string;
}

/** The queries of a live scan: every table AKS identity lives in, each filtered to what the policies read. */
export function graphQueries(filter: { resourceGroups: string[]; clusters: string[] }): GraphQuery[] {
  const clauses: string[] = [];
  if (filter.resourceGroups.length > 0) clauses.push(`resourceGroup in~ (${kqlList(filter.resourceGroups)})`);
  if (filter.clusters.length > 0) clauses.push(`name in~ (${kqlList(filter.clusters)})`);
  const clusterFilter = clauses.map((c) => ` | where ${c}`).join('');
  return [
    {
      from: 'Resource Graph: resources (managed clusters)',
      what: 'clusters',
      kql: `resources | where type =~ 'microsoft.containerservice/managedclusters'${clusterFilter} | order by id asc`,
    },
    {
      from: 'Resource Graph: resources (user-assigned identities)',
      what: 'identities',
      kql: "resources | where type =~ 'microsoft.managedidentity/userassignedidentities' | order by id asc",
    },
    {
      from: 'Resource Graph: authorizationresources (role assignments)',
      what: 'role assignments',
      kql: "authorizationresources | where type =~ 'microsoft.authorization/roleassignments' | order by id asc",
    },
    {
      from: 'Resource Graph: authorizationresources (custom role definitions)',
      what: 'role definitions',
      kql: "authorizationresources | where type =~ 'microsoft.authorization/roledefinitions' and properties.type =~ 'CustomRole' | order by id asc",
    },
  ];
}

/** One query over all subscriptions, in batches of subscriptions and pages of rows, each followed to the end. */
export async function runGraphQuery(
  graph: ResourceGraph,
  query: GraphQuery,
  subscriptions: readonly string[],
  onPage: (rows: number) => void,
): Promise<{ resources: QueriedResource[]; unread: UnreadScope[] }> {
  const resources: QueriedResource[] = [];
  const unread: UnreadScope[] = [];
  for (let start = 0; start < subscriptions.length; start += SUBSCRIPTIONS_PER_REQUEST) {
    const batch = subscriptions.slice(start, start + SUBSCRIPTIONS_PER_REQUEST);
    // A batch counts whole or not at all: the pages before a failed one would pass for all of it.
    const rowsOfBatch: QueriedResource[] = [];
    let failed = false;
    let skipToken: string | undefined;
    do {
      let page;
      try {
        page = await graph.resources({
          query: query.kql,
          subscriptions: [...batch],
          options: {
            resultFormat: 'objectArray',
            top: ROWS_PER_PAGE,
            ...(skipToken === undefined ? {} : { skipToken }),
          },
        });
      } catch (error) {
        const scope = batch.length === 1 ? `/subscriptions/${batch[0]}` : `subscriptions ${batch.join(', ')}`;
        unread.push(unreadScope(scope, query.what, error));
        failed = true;
        break;
      }
      const rows = Array.isArray(page.data) ? (page.data as unknown[]) : [];
      for (const row of rows) {
        if (typeof row === 'object' && row !== null)
          rowsOfBatch.push({ from: query.from, value: row as Record<string, unknown> });
      }
      onPage(rows.length);
      skipToken = page.skipToken;
    } while (skipToken !== undefined && skipToken !== '');
    if (!failed) for (const row of rowsOfBatch) resources.push(row);
  }
  return { resources, unread };
}

function kqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ');
}
