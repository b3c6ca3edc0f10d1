// An Azure Resource Manager stand-in on 127.0.0.1, over HTTPS with a certificate made for it, for the live-query
// tests and the live benchmark: the real Azure SDK clients talk to it as to management.azure.com. It serves the list
// calls aks-identity-lint makes (clusters, role assignments, custom role definitions, user-assigned identities,
// federated credentials) and Azure Resource Graph, with REST paging (nextLink, $skipToken), and can refuse a
// subscription's role assignments (403) or throttle a request (429 with Retry-After). Bodies are shaped as ARM's REST
// API returns them (properties nested, ARM casing).
import { createServer } from 'node:https';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/**
 * @typedef {{ id: string, [key: string]: unknown }} ArmResource
 * @typedef {{
 *   clusters: ArmResource[], roleAssignments: ArmResource[], roleDefinitions: ArmResource[],
 *   identities: ArmResource[], federatedCredentials: ArmResource[],
 * }} World
 * @typedef {{ method: string, path: string, authorization: string | undefined, status: number }} Served
 */

/** Resources of one type in a subscription, by the ID prefix their ID starts with. */
const bySubscription = new WeakMap();
function inSubscription(list, subscriptionId) {
  // Indexed once per list: a benchmark of a hundred subscriptions must measure the client, not this filter.
  let index = bySubscription.get(list);
  if (index === undefined) {
    index = new Map();
    for (const r of list) {
      const sub = r.id.split('/')[2].toLowerCase();
      const members = index.get(sub);
      if (members === undefined) index.set(sub, [r]);
      else members.push(r);
    }
    bySubscription.set(list, index);
  }
  return index.get(subscriptionId.toLowerCase()) ?? [];
}

/** A Resource Graph row: the resource with the columns Resource Graph adds. */
function graphRow(resource) {
  const parts = resource.id.split('/');
  const group = parts.findIndex((p) => p.toLowerCase() === 'resourcegroups');
  return {
    ...resource,
    type: String(resource.type).toLowerCase(),
    subscriptionId: parts[2],
    resourceGroup: group > 0 ? parts[group + 1].toLowerCase() : '',
  };
}

/**
 * Starts the server. `world` is what Azure has; `pageSize` rows per page of every list; `forbidRoleAssignments`
 * subscriptions answer 403 to listing role assignments; `throttleOnce` paths (substrings) answer 429 the first time;
 * `refuseGraph` answers every Resource Graph query with that status and error code.
 * @param {{ world: World, pageSize?: number, forbidRoleAssignments?: string[], throttleOnce?: string[],
 *   refuseGraph?: { status: number, code: string } }} options
 */
export async function startArmServer(options) {
  const { world } = options;
  const pageSize = options.pageSize ?? 100;
  const forbidden = new Set((options.forbidRoleAssignments ?? []).map((s) => s.toLowerCase()));
  const throttle = new Set(options.throttleOnce ?? []);
  /** @type {Served[]} */
  const served = [];
  /** Sign-in requests to the Microsoft Entra ID stand-in: the form each token request posted. */
  const tokenRequests = [];
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const dir = mkdtempSync(join(tmpdir(), 'arm-test-server-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, pems.cert);

  let base = '';
  const page = (list, url) => {
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const body = { value: list.slice(skip, skip + pageSize) };
    if (skip + pageSize < list.length) {
      const next = new URL(url.href);
      next.searchParams.set('$skiptoken', String(skip + pageSize));
      body.nextLink = `${base}${next.pathname}${next.search}`;
    }
    return body;
  };

  const routes = [
    [
      /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters$/i,
      (m, url) => page(inSubscription(world.clusters, m[1]), url),
    ],
    [
      /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters$/i,
      (m, url) => {
        const prefix = `/subscriptions/${m[1]}/resourceGroups/${m[2]}/`.toLowerCase();
        return page(
          world.clusters.filter((c) => c.id.toLowerCase().startsWith(prefix)),
          url,
        );
      },
    ],
    [
      /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Authorization\/roleAssignments$/i,
      (m, url) => {
        if (forbidden.has(m[1].toLowerCase())) {
          return {
            status: 403,
            body: {
              error: {
                code: 'AuthorizationFailed',
                message: `The client does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '/subscriptions/${m[1]}'.`,
              },
            },
          };
        }
        return page(inSubscription(world.roleAssignments, m[1]), url);
      },
    ],
    [
      /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Authorization\/roleDefinitions$/i,
      (m, url) => page(inSubscription(world.roleDefinitions, m[1]), url),
    ],
    [
      /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities$/i,
      (m, url) => page(inSubscription(world.identities, m[1]), url),
    ],
    [
      /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+)\/federatedIdentityCredentials$/i,
      (m, url) => {
        const prefix = `${m[1]}/`.toLowerCase();
        return page(
          world.federatedCredentials.filter((f) => f.id.toLowerCase().startsWith(prefix)),
          url,
        );
      },
    ],
  ];

  // A query's rows, computed once and paged from: the stand-in must not be what a benchmark of paging measures.
  const graphRows = new Map();
  const graph = (body) => {
    const query = String(body.query);
    const key = `${query}|${(body.subscriptions ?? []).join(',')}`;
    const rows = graphRows.get(key) ?? queryRows(body, query);
    graphRows.set(key, rows);
    const top = Number(body.options?.$top ?? 1000);
    const skip = Number(body.options?.$skipToken ?? 0);
    const data = rows.slice(skip, skip + top);
    const result = { totalRecords: rows.length, count: data.length, resultTruncated: 'false', data };
    if (skip + top < rows.length) result.$skipToken = String(skip + top);
    return result;
  };

  const queryRows = (body, query) => {
    const subscriptions = new Set((body.subscriptions ?? []).map((s) => s.toLowerCase()));
    const table = /roleassignments/.test(query)
      ? world.roleAssignments
      : /roledefinitions/.test(query)
        ? world.roleDefinitions
        : /userassignedidentities/.test(query)
          ? world.identities
          : world.clusters;
    const rows = table
      .map(graphRow)
      .filter((r) => subscriptions.has(String(r.subscriptionId).toLowerCase()))
      .filter((r) => {
        const groups = /resourceGroup in~ \(([^)]*)\)/.exec(query)?.[1];
        const names = /name in~ \(([^)]*)\)/.exec(query)?.[1];
        const listed = (list, value) =>
          list === undefined || list.toLowerCase().includes(`'${String(value).toLowerCase()}'`);
        return listed(groups, r.resourceGroup) && listed(names, r.name);
      });
    return rows;
  };

  const server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', base);
      const answer = (status, body, headers = {}) => {
        served.push({
          method: request.method ?? '',
          path: url.pathname,
          authorization: request.headers.authorization,
          status,
        });
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      const key = `${request.method} ${url.pathname}`;
      const throttled = [...throttle].find((t) => key.includes(t));
      if (throttled !== undefined) {
        throttle.delete(throttled);
        answer(
          429,
          { error: { code: 'TooManyRequests', message: 'Rate limit exceeded' } },
          { 'retry-after': '1' },
        );
        return;
      }
      // Microsoft Entra ID's part, for a credential whose authority host is this server: its OpenID configuration,
      // and a token endpoint that exchanges a client assertion for an access token naming the client.
      const openId = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
      if (request.method === 'GET' && openId !== null) {
        const tenant = openId[1];
        answer(200, {
          token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
          issuer: `${base}/${tenant}/v2.0`,
          jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
        });
        return;
      }
      if (request.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname)) {
        const form = Object.fromEntries(new URLSearchParams(text));
        tokenRequests.push(form);
        answer(200, {
          token_type: 'Bearer',
          expires_in: 3600,
          ext_expires_in: 3600,
          access_token: `entra-token-for-${form.client_id}`,
        });
        return;
      }
      if (
        request.method === 'POST' &&
        /^\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(url.pathname)
      ) {
        if (options.refuseGraph !== undefined) {
          answer(options.refuseGraph.status, {
            error: {
              code: options.refuseGraph.code,
              message: 'Resource Graph refused the query.\nDetails follow.',
            },
          });
          return;
        }
        answer(200, graph(JSON.parse(text)));
        return;
      }
      for (const [pattern, handle] of routes) {
        const match = pattern.exec(url.pathname);
        if (match === null || request.method !== 'GET') continue;
        const result = handle(match, url);
        if (result.status !== undefined) answer(result.status, result.body);
        else answer(200, result);
        return;
      }
      answer(404, { error: { code: 'NotFound', message: `no route for ${request.method} ${url.pathname}` } });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `https://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  return {
    url: base,
    /** The certificate to trust: NODE_EXTRA_CA_CERTS=<caFile> for a process that talks to the server. */
    caFile,
    served,
    tokenRequests,
    stop: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
