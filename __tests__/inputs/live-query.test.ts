import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { startArmServer, type ArmServer } from '../../scripts/arm-test-server.mjs';
import { repoRoot } from '../helpers/fixtures.js';
import { AKS_A, AKS_B, CONTRIBUTOR_GRANT, liveEnv, liveWorld, SUB_A, SUB_B } from '../helpers/live-world.js';
import { runCliAsync, type CliRun } from '../helpers/run-cli.js';

// The CLI's live mode as a process, with the real Azure SDK clients and the SDK's own Azure CLI credential, against
// an ARM server on 127.0.0.1 (scripts/arm-test-server.mjs) over HTTPS.

interface JsonResult {
  policyId: string;
  status: string;
  entity: { key: string };
  message?: string;
  because?: { field: string; reason: string }[];
  location?: { input?: string; note?: string };
}

interface JsonReport {
  inputs: { file: string; format: string; scanned: number }[];
  skipped: { file: string; address: string; type: string; reason: string }[];
  results: JsonResult[];
}

const FILLER = 250;

function report(run: CliRun): JsonReport {
  if (run.stdout === '') throw new Error(`no report; stderr: ${run.stderr}`);
  return JSON.parse(run.stdout) as JsonReport;
}

function result(r: JsonReport, policy: string, key: string): JsonResult {
  const found = r.results.find((x) => x.policyId === policy && x.entity.key === key);
  if (found === undefined) throw new Error(`no ${policy} result for ${key}`);
  return found;
}

async function scanLive(server: ArmServer, ...args: string[]): Promise<CliRun> {
  return runCliAsync(
    ['scan', '--live', '--subscription', SUB_A, '--subscription', SUB_B, '--format', 'json', ...args],
    await liveEnv(server),
  );
}

describe('live mode, per subscription (the resource providers\u2019 lists)', () => {
  let server: ArmServer;
  let run: CliRun;
  let azCalls = '';
  beforeAll(async () => {
    server = await startArmServer({
      world: liveWorld(FILLER),
      pageSize: 100,
      forbidRoleAssignments: [SUB_B],
    });
    const env = await liveEnv(server);
    azCalls = join((env['PATH'] ?? '').split(delimiter)[0] ?? '', 'calls');
    run = await runCliAsync(
      [
        'scan',
        '--live',
        '--subscription',
        SUB_A,
        '--subscription',
        SUB_B,
        '--format',
        'json',
        '--live-via',
        'per-cluster',
      ],
      env,
    );
  });
  afterAll(() => server.stop());

  it('signs every request with the credential, over HTTPS, signing in once', async () => {
    expect(server.served.length).toBeGreaterThan(0);
    expect(server.served.every((s) => s.authorization === 'Bearer test-token')).toBe(true);
    // The clients (three per subscription) share one token: `az account get-access-token` ran once.
    const calls = (await readFile(azCalls, 'utf8')).trim().split('\n');
    expect(calls).toEqual([`account get-access-token --output json --resource ${server.url}`]);
  });

  it('follows paging to the end and says what it read', () => {
    // 3 grants of aks-a and the filler, 100 to a page: three nextLinks followed.
    const pages = server.served.filter((s) =>
      /\/subscriptions\/aaaaaaaa[^/]*\/providers\/Microsoft\.Authorization\/roleAssignments$/i.test(s.path),
    );
    expect(pages).toHaveLength(3);
    expect(run.stderr).toContain(
      `aks-identity-lint: live state: 2 clusters, 2 user-assigned identities, 1 federated credential, ${FILLER + 3} role assignments, 0 custom role definitions read in ${server.served.length} requests; 1 scope not read (listed as skipped)`,
    );
  });

  it('blames the grant Azure has, by its ID and portal link', () => {
    const kubelet = result(report(run), 'AKSID014', AKS_A);
    expect(kubelet.status).toBe('fail');
    expect(kubelet.message).toContain('Contributor');
    const culprit = report(run).results.find(
      (x) => x.policyId === 'AKSID016' && x.entity.key === CONTRIBUTOR_GRANT,
    );
    expect(culprit?.status).toBe('fail');
    expect(culprit?.location?.note).toBe(
      `live state, in the Azure portal at https://portal.azure.com/#resource${CONTRIBUTOR_GRANT}`,
    );
    // The control plane's subnet grant is found by the principal the cluster states.
    expect(result(report(run), 'AKSID015', AKS_A).status).toBe('pass');
  });

  it('a subscription that refuses its role assignments: undecided, naming the permission, and the run goes on', () => {
    const r = report(run);
    const undecided = result(r, 'AKSID014', AKS_B);
    expect(undecided.status).toBe('indeterminate');
    expect(undecided.because?.[0]?.reason).toBe(
      `not read: the role assignments in Azure of this cluster's identities (HTTP 403 AuthorizationFailed: the credential lacks Microsoft.Authorization/roleAssignments/read on /subscriptions/${SUB_B}/providers/Microsoft.Authorization/roleAssignments)`,
    );
    expect(r.skipped).toContainEqual({
      file: 'Azure',
      address: `/subscriptions/${SUB_B}/providers/Microsoft.Authorization/roleAssignments`,
      type: 'role assignments',
      reason: `not read: HTTP 403 AuthorizationFailed: the credential lacks Microsoft.Authorization/roleAssignments/read on /subscriptions/${SUB_B}/providers/Microsoft.Authorization/roleAssignments`,
    });
    // Its cluster settings were read all the same.
    expect(result(r, 'AKSID003', AKS_B).status).toBe('pass');
    expect(run.status).toBe(1);
  });

  it('names each list it read as an input', () => {
    expect(report(run).inputs).toContainEqual({
      file: `/subscriptions/${SUB_A}/providers/Microsoft.ContainerService/managedClusters`,
      format: 'live-state',
      scanned: 1,
      skipped: 0,
      unsupported: {},
    });
  });
});

describe('live mode, through Azure Resource Graph', () => {
  let server: ArmServer;
  let run: CliRun;
  beforeAll(async () => {
    server = await startArmServer({ world: liveWorld(FILLER), pageSize: 100 });
    run = await scanLive(server);
  });
  afterAll(() => server.stop());

  it('reads every subscription in a few paged queries, and the federated credentials per identity', () => {
    const graph = server.served.filter((s) => s.path === '/providers/Microsoft.ResourceGraph/resources');
    // clusters, identities, role assignments (253 rows: one page of 1000), custom roles.
    expect(graph).toHaveLength(4);
    const others = server.served.filter((s) => !graph.includes(s)).map((s) => s.path);
    expect(others).toEqual([
      `/subscriptions/${SUB_A}/resourceGroups/rg-a/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-a/federatedIdentityCredentials`,
      `/subscriptions/${SUB_A}/resourceGroups/rg-a/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app/federatedIdentityCredentials`,
    ]);
    expect(run.stderr).toContain(`${FILLER + 3} role assignments`);
  });

  it('gives the same verdicts as the per-subscription path', () => {
    const r = report(run);
    expect(result(r, 'AKSID014', AKS_A).status).toBe('fail');
    expect(result(r, 'AKSID015', AKS_A).status).toBe('pass');
    expect(result(r, 'AKSID016', CONTRIBUTOR_GRANT).status).toBe('fail');
    expect(r.results.filter((x) => x.policyId === 'AKSID019').map((x) => x.status)).toEqual(['pass']);
  });

  it('a cluster asked for by name that is not there is an error, not an empty pass', async () => {
    const run = await scanLive(server, '--cluster', 'aks-typo');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `aks-identity-lint: Azure: no cluster named 'aks-typo' in subscription ${SUB_A}, ${SUB_B}\n`,
    );
  });

  it('keeps only the clusters asked for', async () => {
    const named = report(await scanLive(server, '--cluster', 'aks-b'));
    expect([
      ...new Set(named.results.filter((x) => x.policyId === 'AKSID001').map((x) => x.entity.key)),
    ]).toEqual([AKS_B]);
  });
});

describe('live mode: throttling and credentials', () => {
  it('retries a 429 after its Retry-After, and reads everything', async () => {
    const server = await startArmServer({
      world: liveWorld(),
      throttleOnce: [`GET /subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments`],
    });
    try {
      const run = await scanLive(server, '--live-via', 'per-cluster');
      const calls = server.served.filter(
        (s) => s.path === `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments`,
      );
      expect(calls.map((c) => c.status)).toEqual([429, 200]);
      expect(result(report(run), 'AKSID014', AKS_A).status).toBe('fail');
      expect(run.stderr).toContain('3 role assignments');
    } finally {
      await server.stop();
    }
  });

  it('without any credential: one clear error, no stack trace, nothing sent', async () => {
    const server = await startArmServer({ world: liveWorld() });
    try {
      const env = await liveEnv(server);
      const run = await runCliAsync(['scan', '--live', '--subscription', SUB_A], {
        ...env,
        PATH: dirname(process.execPath),
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(
        /^aks-identity-lint: Azure: no credential to read live state with \(sign in with az login or azure\/login, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and a secret or federated token\): .+\n$/,
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(server.served).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe('the bundle loads the Azure SDK only in live mode', () => {
  /** Every module an entry point imports statically, following the bundle's chunks. */
  function staticClosure(entry: string): string[] {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^import\s[^'"]*['"](\.{1,2}\/[^'"]+)['"];?$/gm))
        visit(join(dirname(file), m[1] as string));
    };
    visit(entry);
    return [...seen];
  }

  it.each(['index.js', 'cli.js'])('dist/%s does not import it on start', (entry) => {
    const files = staticClosure(join(repoRoot, 'dist', entry));
    expect(files.length).toBeGreaterThan(1);
    expect(files.every((f) => existsSync(f))).toBe(true);
    // The SDK's classes are defined only in the chunks loaded by import() in live mode.
    for (const file of files) {
      expect(readFileSync(file, 'utf8')).not.toMatch(
        /\bclass (DefaultAzureCredential|ContainerServiceClient|AuthorizationManagementClient|ResourceGraphClient)\b/,
      );
    }
    const all = readdirSync(join(repoRoot, 'dist', 'chunks')).map((f) =>
      readFileSync(join(repoRoot, 'dist', 'chunks', f), 'utf8'),
    );
    expect(all.some((text) => /\bclass DefaultAzureCredential\b/.test(text))).toBe(true);
  });
});
