import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** Who the credential is for, in GitHub Actions with OpenID Connect: the app registration federated with the repo. */
export interface FederatedApp {
  tenantId: string;
  clientId: string;
  /** A fresh OIDC token from the runner for each exchange: the runner's tokens live a few minutes only. */
  assertion: () => Promise<string>;
}

/**
 * The credential live queries use. With a federated app (the action, with `id-token: write`), a client assertion
 * fetched fresh from the runner for each token; else the environment's: environment variables, workload identity,
 * managed identity, or the Azure CLI's login (`az login`, `azure/login`), as DefaultAzureCredential tries them.
 * The SDK is loaded here, only when live mode is on.
 */
export async function liveCredential(app?: FederatedApp): Promise<TokenCredential> {
  const identity = await import('@azure/identity');
  if (app !== undefined) {
    // AZURE_AUTHORITY_HOST is the variable the Azure SDKs and CLIs name a sovereign cloud's sign-in host by.
    const authorityHost = process.env['AZURE_AUTHORITY_HOST'];
    return new identity.ClientAssertionCredential(app.tenantId, app.clientId, app.assertion, {
      ...(authorityHost === undefined || authorityHost === '' ? {} : { authorityHost }),
      disableInstanceDiscovery: customAuthority(authorityHost),
    });
  }
  return new identity.DefaultAzureCredential();
}

/** The Entra ID hosts of Azure's clouds, which sign-in looks up; any other (Azure Stack Hub, ADFS) is taken as is. */
const CLOUD_AUTHORITIES = new Set([
  'login.microsoftonline.com',
  'login.chinacloudapi.cn',
  'login.microsoftonline.us',
]);

/** Whether an authority host is none of Azure's clouds, so not one to look up in instance discovery. */
function customAuthority(host: string | undefined): boolean {
  if (host === undefined || host === '') return false;
  try {
    return !CLOUD_AUTHORITIES.has(new URL(host).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * Whether an error is the credential failing (nothing to sign in with, or sign-in refused) rather than a
 * resource's: that is one clear error for the whole run, not a scope left unread.
 */
export function isCredentialError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return (
    name === 'CredentialUnavailableError' ||
    name === 'AuthenticationError' ||
    name === 'AggregateAuthenticationError'
  );
}

/** How long before its expiry a token is renewed: a page read with it must not outlive it. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

/**
 * A credential that signs in once per scope and reuses the token until shortly before it expires. Every client
 * of a live query asks for a token (three per subscription on the per-subscription path), and the Azure CLI's
 * credential runs `az` each time it is asked.
 */
export function reusingTokens(credential: TokenCredential): TokenCredential {
  const tokens = new Map<string, Promise<AccessToken | null>>();
  return {
    getToken: (scopes, options) => {
      // A claims challenge (continuous access evaluation) or another tenant asks for a new token, not this one.
      if (options?.claims !== undefined || options?.tenantId !== undefined) {
        return credential.getToken(scopes, options);
      }
      const key = typeof scopes === 'string' ? scopes : [...scopes].sort().join(' ');
      const cached = tokens.get(key);
      const fresh = async (): Promise<AccessToken | null> => {
        const token = await credential.getToken(scopes, options);
        if (token === null) tokens.delete(key);
        return token;
      };
      const renew = (): Promise<AccessToken | null> => {
        const pending = fresh();
        tokens.set(key, pending);
        pending.catch(() => tokens.delete(key));
        return pending;
      };
      if (cached === undefined) return renew();
      return cached.then((token) =>
        token !== null && token.expiresOnTimestamp - RENEW_BEFORE_MS > Date.now() ? token : renew(),
      );
    },
  };
}
