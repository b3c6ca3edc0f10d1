import * as core from '@actions/core';
import { liveCredential } from '../inputs/live/query/credential.js';
import type { LiveRequest } from '../run-options.js';
import type { ActionInputs } from './inputs.js';

/** The audience Microsoft Entra ID expects of a GitHub OIDC token it exchanges for an access token. */
const ENTRA_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * The live query the action asks for. With `id-token: write` and the app's client and tenant IDs, it signs in as
 * that app with a fresh OIDC token from the runner for each exchange (the runner's tokens are short-lived, so a
 * long scan outlives the one azure/login used); otherwise with the environment's credential, which includes the
 * Azure CLI's login that azure/login leaves.
 */
export async function liveRequest(live: NonNullable<ActionInputs['live']>): Promise<LiveRequest> {
  const request: LiveRequest = {
    subscriptions: live.subscriptions,
    resourceGroups: live.resourceGroups,
    clusters: live.clusters,
  };
  if (live.via !== undefined) request.via = live.via;
  const oidc = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] !== undefined;
  if (live.clientId !== '' && live.tenantId !== '') {
    if (oidc) {
      request.credential = await liveCredential({
        tenantId: live.tenantId,
        clientId: live.clientId,
        assertion: () => core.getIDToken(ENTRA_AUDIENCE),
      });
      core.info(`live state: signing in as app ${live.clientId} with this job's OIDC token`);
    } else {
      core.notice(
        "live state: the job has no OIDC token (the workflow needs 'permissions: id-token: write'); signing in with the environment's credential (azure/login, managed identity or AZURE_* variables)",
      );
    }
  }
  return request;
}
