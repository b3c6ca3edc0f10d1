import { isCredentialError } from './credential.js';
import type { UnreadScope } from './live-query.js';

/** The permission each read needs, named when Azure refuses it. */
const PERMISSION: Record<UnreadScope['what'], string> = {
  clusters: 'Microsoft.ContainerService/managedClusters/read',
  'role assignments': 'Microsoft.Authorization/roleAssignments/read',
  'role definitions': 'Microsoft.Authorization/roleDefinitions/read',
  identities: 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
  'federated credentials':
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
};

/** An HTTP error from an Azure SDK call: its status and Azure's error code, when it is one. */
export function httpStatusOf(error: unknown): { status: number; code?: string; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof e.statusCode !== 'number') return undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  return typeof e.code === 'string'
    ? { status: e.statusCode, code: e.code, message }
    : { status: e.statusCode, message };
}

/**
 * A refused or failed read, as the reason the scope is unread: a 403 names the permission the credential lacks;
 * anything else that is an HTTP answer is named with its status. Other errors (no credential, no network) are not
 * a scope's problem and are thrown on.
 */
export function unreadScope(scope: string, what: UnreadScope['what'], error: unknown): UnreadScope {
  // Entra ID's refusal carries a status too, but it is the sign-in's failure, not this scope's.
  if (isCredentialError(error)) throw error;
  const http = httpStatusOf(error);
  if (http === undefined) throw error;
  const code = http.code === undefined ? '' : ` ${http.code}`;
  const reason =
    http.status === 403
      ? `HTTP 403${code}: the credential lacks ${PERMISSION[what]} on ${scope}`
      : http.status === 401
        ? `HTTP 401${code}: Azure Resource Manager did not accept the credential's token for ${scope} (wrong tenant, or expired)`
        : `HTTP ${http.status}${code}: ${firstLine(http.message)}`;
  return { scope, what, reason };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
