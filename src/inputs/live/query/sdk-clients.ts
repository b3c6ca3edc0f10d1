import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { LiveQuery } from './live-query.js';

/** Counts every request the clients send, retries included: the cost of a query, for the summary and the bench. */
export class RequestCounter {
  count = 0;
  readonly policy: PipelinePolicy = {
    name: 'aksIdentityLintRequestCounter',
    sendRequest: (request, next) => {
      this.count++;
      return next(request);
    },
  };
}

/** The options every Azure SDK client is made with: the endpoint, its token scope, and the request counter. */
function clientOptions(query: LiveQuery, counter: RequestCounter) {
  const endpoint = query.endpoint.replace(/\/+$/, '');
  const scope = `${endpoint}/.default`;
  return {
    endpoint,
    $host: endpoint,
    credentialScopes: [scope],
    credentials: { scopes: [scope] },
    additionalPolicies: [{ policy: counter.policy, position: 'perRetry' as const }],
    userAgentOptions: { userAgentPrefix: 'aks-identity-lint' },
    ...(query.ca === undefined ? {} : { tlsOptions: { ca: query.ca } }),
  };
}

/**
 * The SDK's clients for one subscription, loaded on first use: a run without live mode never loads the Azure SDK
 * (it is most of the bundle's size, and the action must start fast).
 */
export async function subscriptionClients(
  query: LiveQuery,
  credential: TokenCredential,
  subscriptionId: string,
  counter: RequestCounter,
) {
  const [aks, authorization, msi] = await Promise.all([
    import('@azure/arm-containerservice'),
    import('@azure/arm-authorization'),
    import('@azure/arm-msi'),
  ]);
  const options = clientOptions(query, counter);
  return {
    clusters: new aks.ContainerServiceClient(credential, subscriptionId, options),
    authorization: new authorization.AuthorizationManagementClient(credential, subscriptionId, options),
    identities: new msi.ManagedServiceIdentityClient(credential, subscriptionId, options),
  };
}

export type SubscriptionClients = Awaited<ReturnType<typeof subscriptionClients>>;

export async function resourceGraphClient(
  query: LiveQuery,
  credential: TokenCredential,
  counter: RequestCounter,
) {
  const graph = await import('@azure/arm-resourcegraph');
  return new graph.ResourceGraphClient(credential, clientOptions(query, counter));
}

export type ResourceGraph = Awaited<ReturnType<typeof resourceGraphClient>>;
