import { InputError } from '../../input-error.js';
export { checkReadEnough } from './read-enough.js';
import { isCredentialError, liveCredential, reusingTokens } from './credential.js';
import type { LiveQuery, LiveQueryResult, QueriedResource, UnreadScope } from './live-query.js';
import { readFederatedCredentials, readSubscription } from './per-subscription.js';
import { graphQueries, runGraphQuery } from './resource-graph.js';
import { inParallel } from '../../../util/in-parallel.js';
import { RequestCounter, resourceGraphClient, subscriptionClients } from './sdk-clients.js';

/** Subscriptions read at once on the per-cluster path: enough to overlap latency, few enough not to be throttled. */
const PARALLEL_SUBSCRIPTIONS = 4;

/**
 * Reads what Azure has for the query's subscriptions: clusters, user-assigned identities with their federated
 * credentials, role assignments and custom role definitions. A scope Azure refuses is listed as unread, with the
 * permission it needs, and the run goes on; throttling (429, with Retry-After) and server errors (5xx) are retried
 * by the SDK's pipeline. No credential at all is one error for the whole run.
 */
export async function queryLiveState(query: LiveQuery): Promise<LiveQueryResult> {
  const counter = new RequestCounter();
  try {
    const credential = reusingTokens(query.credential ?? (await liveCredential()));
    const read =
      query.via === 'resource-graph'
        ? await viaResourceGraph(query, credential, counter)
        : await perSubscription(query, credential, counter);
    return { ...read, requests: counter.count };
  } catch (error) {
    if (isUnreachable(error)) {
      throw new InputError(
        { file: 'Azure' },
        `cannot reach Azure Resource Manager at ${query.endpoint}: ${credentialFailure(error)}`,
      );
    }
    if (!isCredentialError(error)) throw error;
    const message = credentialFailure(error);
    throw new InputError(
      { file: 'Azure' },
      `no credential to read live state with (sign in with az login or azure/login, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and a secret or federated token): ${message}`,
    );
  }
}

type Read = { resources: QueriedResource[]; unread: UnreadScope[] };

async function perSubscription(
  query: LiveQuery,
  credential: Parameters<typeof subscriptionClients>[1],
  counter: RequestCounter,
): Promise<Read> {
  let done = 0;
  const reads = await inParallel(query.subscriptions, PARALLEL_SUBSCRIPTIONS, async (subscriptionId) => {
    const clients = await subscriptionClients(query, credential, subscriptionId, counter);
    const read = await readSubscription(clients, subscriptionId, query);
    query.progress?.(`subscriptions read: ${++done} of ${query.subscriptions.length}`);
    return read;
  });
  return { resources: reads.flatMap((r) => r.resources), unread: reads.flatMap((r) => r.unread) };
}

async function viaResourceGraph(
  query: LiveQuery,
  credential: Parameters<typeof subscriptionClients>[1],
  counter: RequestCounter,
): Promise<Read> {
  const graph = await resourceGraphClient(query, credential, counter);
  const resources: QueriedResource[] = [];
  const unread: UnreadScope[] = [];
  for (const graphQuery of graphQueries(query)) {
    let rows = 0;
    const result = await runGraphQuery(graph, graphQuery, query.subscriptions, (n) => {
      rows += n;
      query.progress?.(`${graphQuery.from}: ${rows} read`);
    });
    resources.push(...result.resources);
    unread.push(...result.unread);
  }
  // Federated credentials are in no Resource Graph table: each identity's are listed by its subscription's client.
  const identities = resources.filter((r) => /userassignedidentities$/i.test(String(r.value['type'])));
  const bySubscription = new Map<string, Record<string, unknown>[]>();
  for (const identity of identities) {
    const sub = /^\/subscriptions\/([^/]+)/i.exec(String(identity.value['id']))?.[1];
    if (sub === undefined) continue;
    const list = bySubscription.get(sub);
    if (list === undefined) bySubscription.set(sub, [identity.value]);
    else list.push(identity.value);
  }
  for (const [subscriptionId, list] of bySubscription) {
    const clients = await subscriptionClients(query, credential, subscriptionId, counter);
    const credentials = await readFederatedCredentials(clients, list);
    resources.push(...credentials.resources);
    unread.push(...credentials.unread);
  }
  return { resources, unread };
}

/** Why signing in failed: each credential's own reason when a chain of them was tried. */
function credentialFailure(error: unknown): string {
  const firstLine = (e: unknown): string =>
    e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map(firstLine).join('; ');
  return firstLine(error);
}

/** An error of the connection itself (no such host, refused, TLS), not an answer from Azure. */
function isUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; statusCode?: unknown };
  return e.name === 'RestError' && typeof e.statusCode !== 'number';
}
