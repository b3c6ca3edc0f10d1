import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startArmServer, type ArmServer } from '../../scripts/arm-test-server.mjs';
import { InputError } from '../../src/inputs/input-error.js';
import { isCredentialError, reusingTokens } from '../../src/inputs/live/query/credential.js';
import type { LiveQuery, LiveQueryResult } from '../../src/inputs/live/query/live-query.js';
import { checkReadEnough, queryLiveState } from '../../src/inputs/live/query/query-live-state.js';
import { unreadScope } from '../../src/inputs/live/query/unread.js';
import { builtInPolicyDir } from '../../src/package-files.js';
import type { Evaluation } from '../../src/policy/evaluate.js';
import { scan } from '../../src/scan.js';
import { AKS_A, AKS_B, CONTRIBUTOR_GRANT, liveWorld, SUB_A, SUB_B } from '../helpers/live-world.js';

// The live query in this process, with the real Azure SDK clients, against the ARM server on 127.0.0.1: what the
// CLI's process-level tests (live-query.test.ts) prove end to end, here where mutation testing can see it.

const FILLER = 120;

// Jest's ESM loader fails ("request for … is not in cache") when one module graph is imported twice at once, and
// the query imports its three SDK clients together: they are loaded here first, one by one.
for (const sdk of [
  '@azure/arm-containerservice',
  '@azure/arm-authorization',
  '@azure/arm-msi',
  '@azure/arm-resourcegraph',
]) {
  await import(sdk);
}

/** A credential that hands out one token and counts how often it was asked. */
class CountingCredential implements TokenCredential {
  calls: { scopes: string | string[]; options?: GetTokenOptions | undefined }[] = [];
  constructor(private readonly expiresInMs = 3_600_000) {}
  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    this.calls.push({ scopes, options });
    return Promise.resolve({ token: 'test-token', expiresOnTimestamp: Date.now() + this.expiresInMs });
  }
}

function query(server: ArmServer, via: LiveQuery['via'], extra: Partial<LiveQuery> = {}): LiveQuery {
  return {
    subscriptions: [SUB_A, SUB_B],
    resourceGroups: [],
    clusters: [],
    via,
    endpoint: server.url,
    ca: [readFileSync(server.caFile, 'utf8')],
    credential: new CountingCredential(),
    ...extra,
  };
}

function types(read: LiveQueryResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of read.resources) {
    const type = String(r.value['type']).toLowerCase();
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

const EXPECTED_TYPES = {
  'microsoft.containerservice/managedclusters': 2,
  'microsoft.managedidentity/userassignedidentities': 2,
  'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials': 1,
  'microsoft.authorization/roleassignments': FILLER + 3,
};

describe('queryLiveState, per subscription', () => {
  let server: ArmServer;
  let read: LiveQueryResult;
  let credential: CountingCredential;
  const progress: string[] = [];
  beforeAll(async () => {
    server = await startArmServer({ world: liveWorld(FILLER), pageSize: 50, forbidRoleAssignments: [SUB_B] });
    credential = new CountingCredential();
    read = await queryLiveState(
      query(server, 'per-cluster', { credential, progress: (line) => progress.push(line) }),
    );
  });
  afterAll(() => server.stop());

  it('reads every list of both subscriptions to its last page', () => {
    expect(types(read)).toEqual(EXPECTED_TYPES);
    const pages = server.served.filter(
      (s) => s.path === `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments`,
    );
    expect(pages).toHaveLength(Math.ceil((FILLER + 3) / 50));
  });

  it('names where each resource was read', () => {
    const cluster = read.resources.find((r) => r.value['id'] === AKS_A);
    expect(cluster?.from).toBe(
      `/subscriptions/${SUB_A}/providers/Microsoft.ContainerService/managedClusters`,
    );
    const grant = read.resources.find((r) => r.value['id'] === CONTRIBUTOR_GRANT);
    expect(grant?.from).toBe(`/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments`);
    // The SDK's models come back as the REST API's JSON: properties nested, nothing but data.
    expect(JSON.parse(JSON.stringify(grant?.value))).toEqual(grant?.value);
  });

  it('counts every request it sent, and signs each with one token asked for once', () => {
    expect(read.requests).toBe(server.served.length);
    expect(server.served.every((s) => s.authorization === 'Bearer test-token')).toBe(true);
    expect(credential.calls.map((c) => c.scopes)).toEqual([[`${server.url}/.default`]]);
  });

  it('leaves the refused subscription unread, naming the permission, and reads the rest of it', () => {
    expect(read.unread).toEqual([
      {
        scope: `/subscriptions/${SUB_B}/providers/Microsoft.Authorization/roleAssignments`,
        what: 'role assignments',
        reason: `HTTP 403 AuthorizationFailed: the credential lacks Microsoft.Authorization/roleAssignments/read on /subscriptions/${SUB_B}/providers/Microsoft.Authorization/roleAssignments`,
      },
    ]);
    expect(read.resources.some((r) => r.value['id'] === AKS_B)).toBe(true);
  });

  it('reports progress per subscription', () => {
    expect(progress).toEqual(['subscriptions read: 1 of 2', 'subscriptions read: 2 of 2']);
  });

  it('reads only the resource groups asked for, and keeps only the clusters named', async () => {
    const before = server.served.length;
    const only = await queryLiveState(
      query(server, 'per-cluster', { subscriptions: [SUB_A], resourceGroups: ['rg-a'], clusters: ['AKS-A'] }),
    );
    const paths = server.served.slice(before).map((s) => s.path);
    expect(paths).toContain(
      `/subscriptions/${SUB_A}/resourceGroups/rg-a/providers/Microsoft.ContainerService/managedClusters`,
    );
    expect(paths).not.toContain(
      `/subscriptions/${SUB_A}/providers/Microsoft.ContainerService/managedClusters`,
    );
    expect(types(only)['microsoft.containerservice/managedclusters']).toBe(1);

    const other = await queryLiveState(
      query(server, 'per-cluster', { subscriptions: [SUB_A], clusters: ['aks-z'] }),
    );
    expect(types(other)['microsoft.containerservice/managedclusters']).toBeUndefined();
  });
});

describe('queryLiveState, through Resource Graph', () => {
  let server: ArmServer;
  beforeAll(async () => {
    server = await startArmServer({ world: liveWorld(FILLER), pageSize: 50 });
  });
  afterAll(() => server.stop());

  it('reads the same resources in four queries and one federated-credential list per identity', async () => {
    const progress: string[] = [];
    const read = await queryLiveState(query(server, 'resource-graph', { progress: (l) => progress.push(l) }));
    expect(types(read)).toEqual(EXPECTED_TYPES);
    expect(read.unread).toEqual([]);
    const graph = server.served.filter((s) => s.path === '/providers/Microsoft.ResourceGraph/resources');
    expect(graph).toHaveLength(4);
    expect(server.served).toHaveLength(6);
    expect(read.requests).toBe(6);
    expect(read.resources.find((r) => r.value['id'] === AKS_A)?.from).toBe(
      'Resource Graph: resources (managed clusters)',
    );
    expect(progress).toContain(
      `Resource Graph: authorizationresources (role assignments): ${FILLER + 3} read`,
    );
  });

  it('filters clusters by resource group and name in the query', async () => {
    const read = await queryLiveState(
      query(server, 'resource-graph', { resourceGroups: ['rg-b'], clusters: ['aks-b'] }),
    );
    expect(
      read.resources
        .filter((r) => /managedclusters$/i.test(String(r.value['type'])))
        .map((r) => r.value['id']),
    ).toEqual([AKS_B]);
  });
});

describe('queryLiveState, through Resource Graph: pages and refusals', () => {
  it('follows a query past its first thousand rows', async () => {
    const server = await startArmServer({ world: liveWorld(1100) });
    try {
      const read = await queryLiveState(query(server, 'resource-graph'));
      expect(types(read)['microsoft.authorization/roleassignments']).toBe(1103);
      const graph = server.served.filter((s) => s.path === '/providers/Microsoft.ResourceGraph/resources');
      expect(graph).toHaveLength(5);
    } finally {
      await server.stop();
    }
  });

  it('a refused query leaves its table unread for every subscription asked, and keeps none of it', async () => {
    const server = await startArmServer({
      world: liveWorld(),
      refuseGraph: { status: 403, code: 'Forbidden' },
    });
    try {
      const read = await queryLiveState(query(server, 'resource-graph'));
      expect(read.resources).toEqual([]);
      expect(read.unread.map((u) => [u.scope, u.what])).toEqual([
        [`subscriptions ${SUB_A}, ${SUB_B}`, 'clusters'],
        [`subscriptions ${SUB_A}, ${SUB_B}`, 'identities'],
        [`subscriptions ${SUB_A}, ${SUB_B}`, 'role assignments'],
        [`subscriptions ${SUB_A}, ${SUB_B}`, 'role definitions'],
      ]);
      const one = await queryLiveState(query(server, 'resource-graph', { subscriptions: [SUB_A] }));
      expect(one.unread[0]).toEqual({
        scope: `/subscriptions/${SUB_A}`,
        what: 'clusters',
        reason: `HTTP 403 Forbidden: the credential lacks Microsoft.ContainerService/managedClusters/read on /subscriptions/${SUB_A}`,
      });
      expect(() => {
        checkReadEnough(query(server, 'resource-graph'), read);
      }).toThrow(/^Azure: no cluster could be read: /);
    } finally {
      await server.stop();
    }
  });

  it('another status is named with the first line of Azure’s message', async () => {
    const server = await startArmServer({
      world: liveWorld(),
      refuseGraph: { status: 400, code: 'BadRequest' },
    });
    try {
      const read = await queryLiveState(query(server, 'resource-graph', { subscriptions: [SUB_A] }));
      expect(read.unread[0]?.reason).toBe('HTTP 400 BadRequest: Resource Graph refused the query.');
    } finally {
      await server.stop();
    }
  });
});

describe('queryLiveState: what goes wrong', () => {
  it('retries a 429 after its Retry-After and reads everything', async () => {
    const path = `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments`;
    const server = await startArmServer({ world: liveWorld(), throttleOnce: [`GET ${path}`] });
    try {
      const read = await queryLiveState(query(server, 'per-cluster', { subscriptions: [SUB_A] }));
      expect(server.served.filter((s) => s.path === path).map((s) => s.status)).toEqual([429, 200]);
      expect(types(read)['microsoft.authorization/roleassignments']).toBe(3);
      expect(read.requests).toBe(server.served.length);
    } finally {
      await server.stop();
    }
  });

  it('a credential that cannot sign in is one error for the run, with its reason', async () => {
    const server = await startArmServer({ world: liveWorld() });
    try {
      const refusing: TokenCredential = {
        getToken: () =>
          Promise.reject(
            Object.assign(new Error('no az login\nsecond line'), { name: 'CredentialUnavailableError' }),
          ),
      };
      const error = await queryLiveState(query(server, 'per-cluster', { credential: refusing })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(
        'Azure: no credential to read live state with (sign in with az login or azure/login, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and a secret or federated token): no az login',
      );
      expect(server.served).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('a chain of credentials that all failed names each one’s reason', async () => {
    const server = await startArmServer({ world: liveWorld() });
    try {
      const chain = Object.assign(new Error('chain failed'), {
        name: 'AggregateAuthenticationError',
        errors: [new Error('env: not set\nmore'), 'cli: not found'],
      });
      const error = await queryLiveState(
        query(server, 'resource-graph', { credential: { getToken: () => Promise.reject(chain) } }),
      ).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/: env: not set; cli: not found$/);
    } finally {
      await server.stop();
    }
  });

  it('an endpoint nobody answers at is named, not a stack trace', async () => {
    const port = await closedPort();
    const error = await queryLiveState({
      subscriptions: [SUB_A],
      resourceGroups: [],
      clusters: [],
      via: 'per-cluster',
      endpoint: `https://127.0.0.1:${port}`,
      credential: new CountingCredential(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Azure: cannot reach Azure Resource Manager at https://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`,
      ),
    );
  });

  it('a certificate nobody vouched for is refused: the endpoint cannot be reached', async () => {
    const server = await startArmServer({ world: liveWorld() });
    try {
      const untrusted = query(server, 'per-cluster');
      delete untrusted.ca;
      const error = await queryLiveState(untrusted).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(
        /^Azure: cannot reach Azure Resource Manager at https:\/\/127\.0\.0\.1:\d+: /,
      );
      expect(server.served).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe('checkReadEnough', () => {
  const cluster = (name: string) => ({
    from: 'x',
    value: { type: 'Microsoft.ContainerService/managedClusters', name },
  });
  const base: LiveQuery = {
    subscriptions: [SUB_A],
    resourceGroups: [],
    clusters: [],
    via: 'per-cluster',
    endpoint: 'https://management.azure.com',
  };
  const refusedClusters = {
    scope: `/subscriptions/${SUB_A}/providers/Microsoft.ContainerService/managedClusters`,
    what: 'clusters' as const,
    reason: 'HTTP 403',
  };

  it('every cluster list refused and no cluster read: an error naming each refusal', () => {
    expect(() => {
      checkReadEnough(base, { resources: [], unread: [refusedClusters], requests: 1 });
    }).toThrow(`Azure: no cluster could be read: ${refusedClusters.scope}: HTTP 403`);
  });

  it('some clusters read while a list was refused: the run goes on', () => {
    expect(() => {
      checkReadEnough(
        { ...base, clusters: ['aks-x'] },
        { resources: [cluster('aks-a')], unread: [refusedClusters], requests: 2 },
      );
    }).not.toThrow();
  });

  it('nothing refused and nothing asked for by name: an empty subscription is fine', () => {
    expect(() => {
      checkReadEnough(base, { resources: [], unread: [], requests: 1 });
    }).not.toThrow();
  });

  it('a cluster asked for by name must be there (names compared without case)', () => {
    const read = { resources: [cluster('AKS-A')], unread: [], requests: 1 };
    expect(() => {
      checkReadEnough({ ...base, clusters: ['aks-a'] }, read);
    }).not.toThrow();
    expect(() => {
      checkReadEnough({ ...base, clusters: ['aks-a', 'b', 'c'] }, read);
    }).toThrow(`Azure: no cluster named 'b', 'c' in subscription ${SUB_A}`);
    expect(() => {
      checkReadEnough(
        { ...base, subscriptions: [SUB_A, SUB_B], resourceGroups: ['rg-1', 'rg-2'], clusters: ['b'] },
        read,
      );
    }).toThrow(`Azure: no cluster named 'b' in resource group rg-1, rg-2 of subscription ${SUB_A}, ${SUB_B}`);
  });

  it('only managed clusters count as clusters found', () => {
    const read = {
      resources: [{ from: 'x', value: { type: 'Microsoft.Other/things', name: 'aks-a' } }],
      unread: [],
      requests: 1,
    };
    expect(() => {
      checkReadEnough({ ...base, clusters: ['aks-a'] }, read);
    }).toThrow("no cluster named 'aks-a'");
  });
});

describe('unreadScope', () => {
  const scope = '/subscriptions/s/x';
  it.each([
    ['clusters', 'Microsoft.ContainerService/managedClusters/read'],
    ['role assignments', 'Microsoft.Authorization/roleAssignments/read'],
    ['role definitions', 'Microsoft.Authorization/roleDefinitions/read'],
    ['identities', 'Microsoft.ManagedIdentity/userAssignedIdentities/read'],
    [
      'federated credentials',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
    ],
  ] as const)('a 403 on %s names %s', (what, permission) => {
    expect(unreadScope(scope, what, { statusCode: 403, code: 'AuthorizationFailed' })).toEqual({
      scope,
      what,
      reason: `HTTP 403 AuthorizationFailed: the credential lacks ${permission} on ${scope}`,
    });
  });

  it('a 401 says the token was not accepted; another status gives the first line of Azure’s message', () => {
    expect(unreadScope(scope, 'clusters', { statusCode: 401 }).reason).toBe(
      `HTTP 401: Azure Resource Manager did not accept the credential's token for ${scope} (wrong tenant, or expired)`,
    );
    expect(
      unreadScope(scope, 'clusters', { statusCode: 500, code: 'Boom', message: 'down\nstack' }).reason,
    ).toBe('HTTP 500 Boom: down');
    expect(unreadScope(scope, 'clusters', { statusCode: 502, message: 'x'.repeat(250) }).reason).toBe(
      `HTTP 502: ${'x'.repeat(200)}…`,
    );
    expect(unreadScope(scope, 'clusters', { statusCode: 503, message: 7 }).reason).toBe('HTTP 503: ');
  });

  it('what is no HTTP answer, or is the sign-in failing, is thrown on', () => {
    const network = new Error('ECONNRESET');
    expect(() => unreadScope(scope, 'clusters', network)).toThrow(network);
    expect(() => unreadScope(scope, 'clusters', null)).toThrow();
    expect(() => unreadScope(scope, 'clusters', { name: 'AuthenticationError', statusCode: 400 })).toThrow();
  });
});

describe('credentials', () => {
  it('knows the identity library’s sign-in errors from everything else', () => {
    for (const name of [
      'CredentialUnavailableError',
      'AuthenticationError',
      'AggregateAuthenticationError',
    ]) {
      expect(isCredentialError({ name })).toBe(true);
    }
    expect(isCredentialError({ name: 'RestError' })).toBe(false);
    expect(isCredentialError('CredentialUnavailableError')).toBe(false);
    expect(isCredentialError(null)).toBe(false);
  });

  it('reuses a token per scope set, in any order, until shortly before it expires', async () => {
    const inner = new CountingCredential();
    const shared = reusingTokens(inner);
    await shared.getToken(['b', 'a']);
    await shared.getToken(['a', 'b']);
    await shared.getToken('c');
    expect(inner.calls.map((c) => c.scopes)).toEqual([['b', 'a'], 'c']);

    const soon = new CountingCredential(4 * 60 * 1000);
    const renewing = reusingTokens(soon);
    await renewing.getToken('a');
    await renewing.getToken('a');
    expect(soon.calls).toHaveLength(2);
    const later = new CountingCredential(6 * 60 * 1000);
    const keeping = reusingTokens(later);
    await keeping.getToken('a');
    await keeping.getToken('a');
    expect(later.calls).toHaveLength(1);
  });

  it('asks afresh for a claims challenge or another tenant, and after a failure or no token', async () => {
    const inner = new CountingCredential();
    const shared = reusingTokens(inner);
    await shared.getToken('a');
    await shared.getToken('a', { claims: 'x' });
    await shared.getToken('a', { tenantId: 't' });
    expect(inner.calls).toHaveLength(3);

    let fail = true;
    let none = true;
    const flaky = reusingTokens({
      getToken: () => {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('once'));
        }
        if (none) {
          none = false;
          return Promise.resolve(null);
        }
        return Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 });
      },
    });
    await expect(flaky.getToken('a')).rejects.toThrow('once');
    await expect(flaky.getToken('a')).resolves.toBeNull();
    await expect(flaky.getToken('a')).resolves.toMatchObject({ token: 't' });
  });

  it('without a credential given, signs in as DefaultAzureCredential does: here the Azure CLI', async () => {
    const server = await startArmServer({ world: liveWorld() });
    const dir = await mkdtemp(join(tmpdir(), 'fake-az-'));
    await writeFile(
      join(dir, 'az'),
      '#!/bin/sh\necho "$@" >> "$(dirname "$0")/calls"\n' +
        'echo "{\\"accessToken\\":\\"cli-token\\",\\"expires_on\\":$(( $(date +%s) + 3600 )),\\"tokenType\\":\\"Bearer\\"}"\n',
    );
    await chmod(join(dir, 'az'), 0o755);
    const saved = {
      PATH: process.env['PATH'],
      AZURE_TOKEN_CREDENTIALS: process.env['AZURE_TOKEN_CREDENTIALS'],
    };
    process.env['PATH'] = `${dir}${delimiter}${saved.PATH ?? ''}`;
    process.env['AZURE_TOKEN_CREDENTIALS'] = 'AzureCliCredential';
    try {
      const fromEnvironment = query(server, 'per-cluster', { subscriptions: [SUB_A] });
      delete fromEnvironment.credential;
      await queryLiveState(fromEnvironment);
      expect(server.served.length).toBeGreaterThan(0);
      expect(server.served.every((s) => s.authorization === 'Bearer cli-token')).toBe(true);
      expect(readFileSync(join(dir, 'calls'), 'utf8')).toBe(
        `account get-access-token --output json --resource ${server.url}\n`,
      );
    } finally {
      process.env['PATH'] = saved.PATH;
      if (saved.AZURE_TOKEN_CREDENTIALS === undefined) delete process.env['AZURE_TOKEN_CREDENTIALS'];
      else process.env['AZURE_TOKEN_CREDENTIALS'] = saved.AZURE_TOKEN_CREDENTIALS;
      await server.stop();
    }
  });
});

describe('a live scan through scan()', () => {
  let server: ArmServer;
  let evaluations: Evaluation[];
  let skipped: { file: string; address: string; type: string; reason: string }[];
  beforeAll(async () => {
    server = await startArmServer({ world: liveWorld(FILLER), forbidRoleAssignments: [SUB_B] });
    const outcome = await scan({
      paths: [],
      policySources: [{ dir: builtInPolicyDir(), builtIn: true }],
      failOn: 'high',
      failOnIndeterminate: false,
      repoRoot: tmpdir(),
      today: '2026-11-26',
      live: query(server, 'per-cluster'),
    });
    evaluations = outcome.evaluations;
    skipped = outcome.skipped;
  });
  afterAll(() => server.stop());

  const status = (policy: string, key: string) =>
    evaluations.find((e) => e.policy.policy.id === policy && e.entity.key === key)?.status;

  it('blames the grant Azure has and decides what it could read', () => {
    expect(status('AKSID014', AKS_A)).toBe('fail');
    expect(status('AKSID016', CONTRIBUTOR_GRANT)).toBe('fail');
    expect(status('AKSID015', AKS_A)).toBe('pass');
    expect(status('AKSID003', AKS_B)).toBe('pass');
  });

  it('leaves undecided what rests on a refused list, and lists the refusal as skipped', () => {
    expect(status('AKSID014', AKS_B)).toBe('indeterminate');
    expect(skipped).toContainEqual({
      file: 'Azure',
      address: `/subscriptions/${SUB_B}/providers/Microsoft.Authorization/roleAssignments`,
      type: 'role assignments',
      reason: `not read: HTTP 403 AuthorizationFailed: the credential lacks Microsoft.Authorization/roleAssignments/read on /subscriptions/${SUB_B}/providers/Microsoft.Authorization/roleAssignments`,
    });
  });
});

/** A port on 127.0.0.1 that nothing listens on: one just given back by a server that closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
