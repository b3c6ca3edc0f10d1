import type { TokenCredential } from '@azure/core-auth';

/** What to read from Azure, and how. */
export interface LiveQuery {
  /** Subscription IDs (GUIDs), at least one. */
  subscriptions: string[];
  /** Only clusters in these resource groups (any subscription); empty: all. */
  resourceGroups: string[];
  /** Only clusters of these names; empty: all. */
  clusters: string[];
  /**
   * `resource-graph`: a few paged Azure Resource Graph queries for every subscription at once (scales to hundreds);
   * `per-cluster`: the resource providers' own list calls, subscription by subscription (small scopes, and where
   * Resource Graph is not allowed).
   */
  via: 'resource-graph' | 'per-cluster';
  /** Azure Resource Manager's endpoint: public cloud unless a sovereign cloud or Azure Stack says otherwise. */
  endpoint: string;
  /**
   * Certificate authorities (PEM) to trust for the endpoint besides Node's own: an Azure Stack Hub's, or a test
   * server's. A whole process can trust more with NODE_EXTRA_CA_CERTS instead.
   */
  ca?: string[];
  /** Made from the environment when not given (see credential.ts). */
  credential?: TokenCredential;
  /** Progress lines, for a terminal. */
  progress?: (line: string) => void;
}

export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';

/** A resource read from Azure, as the REST API or the SDK gives it, and the query it came from. */
export interface QueriedResource {
  /** The REST path or Resource Graph table queried, to name where the resource was read. */
  from: string;
  value: Record<string, unknown>;
}

/** A scope whose resources could not be read, and why: the run goes on with what it could read. */
export interface UnreadScope {
  scope: string;
  /** What was not read there: clusters, role assignments, identities. */
  what: 'clusters' | 'role assignments' | 'identities' | 'federated credentials' | 'role definitions';
  reason: string;
}

export interface LiveQueryResult {
  resources: QueriedResource[];
  unread: UnreadScope[];
  /** HTTP requests sent, retries included. */
  requests: number;
}
