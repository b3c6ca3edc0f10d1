import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArmServer, type ArmServer } from '../../scripts/arm-test-server.mjs';
import { GitHubApiServer } from '../helpers/github-server.js';
import { AKS_A, AKS_B, liveEnv, liveWorld, SUB_A, SUB_B } from '../helpers/live-world.js';
import { runAction } from '../helpers/run-action.js';

// The action as the runner starts it, in a scheduled compliance job: live state read with the real Azure SDK from
// an ARM server on 127.0.0.1 (HTTPS), signed in either as azure/login leaves it (the Azure CLI's login) or with the
// job's own OIDC token exchanged at Microsoft Entra ID (here, the same server's stand-in).

const CLIENT_ID = 'c1000000-0000-0000-0000-000000000001';
const TENANT_ID = 'd1000000-0000-0000-0000-000000000001';

let github: GitHubApiServer;
let arm: ArmServer;
beforeEach(async () => {
  github = await new GitHubApiServer().start();
  arm = await startArmServer({ world: liveWorld(), forbidRoleAssignments: [SUB_B] });
});
afterEach(async () => {
  await github.stop();
  await arm.stop();
});

const liveInputs = {
  live: 'true',
  subscriptions: `${SUB_A}\n${SUB_B}`,
  'live-via': 'per-cluster',
  comment: 'false',
  'fail-on': 'high',
};

describe('the action in live mode', () => {
  it('signs in with the job OIDC token, exchanged for each token it needs', async () => {
    const env = await liveEnv(arm);
    const run = await runAction({
      inputs: { ...liveInputs, 'azure-client-id': CLIENT_ID, 'azure-tenant-id': TENANT_ID },
      apiUrl: github.url,
      workspace: await mkdtemp(join(tmpdir(), 'action-live-')),
      eventName: 'schedule',
      event: {},
      env: {
        ...env,
        // No `az` here: the federated sign-in must not need one.
        PATH: process.env['PATH'] ?? '',
        AZURE_TOKEN_CREDENTIALS: '',
        ACTIONS_ID_TOKEN_REQUEST_URL: `${github.url}/_apis/oidc/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
        AZURE_AUTHORITY_HOST: arm.url,
      },
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`live state: signing in as app ${CLIENT_ID} with this job's OIDC token`);
    // The runner's token service was asked for Entra's audience, with the runner's request token.
    const oidc = github.requests.filter((r) => r.path === '/_apis/oidc/token');
    expect(oidc.length).toBeGreaterThan(0);
    expect(oidc.every((r) => r.query.get('audience') === 'api://AzureADTokenExchange')).toBe(true);
    expect(oidc.every((r) => r.authorization === 'Bearer runner-request-token')).toBe(true);
    // Entra exchanged that token, as a client assertion, for the app's access token; ARM saw only the latter.
    expect(arm.tokenRequests.length).toBeGreaterThan(0);
    for (const form of arm.tokenRequests) {
      expect(form).toMatchObject({
        client_id: CLIENT_ID,
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: 'github-oidc-token-for-api://AzureADTokenExchange',
      });
    }
    const armCalls = arm.served.filter((s) => s.path.startsWith('/subscriptions/'));
    expect(armCalls.length).toBeGreaterThan(0);
    expect(armCalls.every((s) => s.authorization === `Bearer entra-token-for-${CLIENT_ID}`)).toBe(true);
    expect(run.status).toBe(1);
  });

  it('signs in as azure/login left it, reports live findings without file annotations, and fails on them', async () => {
    const run = await runAction({
      inputs: liveInputs,
      apiUrl: github.url,
      workspace: await mkdtemp(join(tmpdir(), 'action-live-')),
      eventName: 'schedule',
      event: {},
      env: { ...(await liveEnv(arm)) },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.outputs['result']).toBe('fail');
    expect(run.stdout).toContain(
      'live state: 2 clusters, 2 user-assigned identities, 1 federated credential, 3 role assignments',
    );
    const aksid014 = run.stdout.split('\n').filter((l) => l.startsWith('::error title=AKSID014'));
    expect(aksid014).toHaveLength(1);
    expect(aksid014[0]).not.toContain('file=');
    // The summary names the live resources and the portal; the refused subscription is named with its permission.
    expect(run.summary).toContain(AKS_A);
    expect(run.summary).toContain('https://portal.azure.com/#resource');
    expect(run.summary).toContain(AKS_B);
    expect(run.summary).toContain('Microsoft.Authorization/roleAssignments/read');
    const check = github.requests.find((r) => r.method === 'POST' && r.path.endsWith('/check-runs'));
    expect(check).toBeDefined();
  });

  it('rejects a live scope without live: true', async () => {
    const run = await runAction({
      inputs: { subscriptions: SUB_A, paths: 'examples' },
      apiUrl: github.url,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error::aks-identity-lint: input 'subscriptions' needs 'live: true'");
    expect(arm.served).toEqual([]);
  });
});
