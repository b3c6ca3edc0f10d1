import { I as InputError } from './input-error-CCqlw9Qy.js';
import { i as isCredentialError, r as reusingTokens, l as liveCredential } from './credential-BK9Afw-t.js';
import './user-error-D43ktBPC.js';
import './main-DSwMmFsk.js';

/**
 * A live query that read no cluster because Azure refused every list of them, or that did not find a cluster it was
 * asked for by name, has nothing to vouch for: that is an error, not a run that passes with nothing in it.
 */
function checkReadEnough(query, read) {
    const refused = read.unread.filter((u) => u.what === 'clusters');
    const clusters = read.resources.filter((r) => /\/managedclusters$/i.test(String(r.value['type'])));
    if (refused.length > 0 && clusters.length === 0) {
        throw new InputError({ file: 'Azure' }, `no cluster could be read: ${refused.map((u) => `${u.scope}: ${u.reason}`).join('; ')}`);
    }
    if (query.clusters.length === 0 || refused.length > 0)
        return;
    const found = new Set(clusters.map((c) => String(c.value['name']).toLowerCase()));
    const missing = query.clusters.filter((name) => !found.has(name.toLowerCase()));
    if (missing.length === 0)
        return;
    const where = query.resourceGroups.length === 0
        ? `subscription ${query.subscriptions.join(', ')}`
        : `resource group ${query.resourceGroups.join(', ')} of subscription ${query.subscriptions.join(', ')}`;
    throw new InputError({ file: 'Azure' }, `no cluster named ${missing.map((m) => `'${m}'`).join(', ')} in ${where}`);
}

/**
 * Runs `work` on every item, at most `limit` at a time, and gives the results in the items' order: requests to one
 * service overlap their latency without flooding it, and what comes out does not depend on which answered first.
 */
async function inParallel(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

/** The permission each read needs, named when Azure refuses it. */
const PERMISSION = {
    clusters: 'Microsoft.ContainerService/managedClusters/read',
    'role assignments': 'Microsoft.Authorization/roleAssignments/read',
    'role definitions': 'Microsoft.Authorization/roleDefinitions/read',
    identities: 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
    'federated credentials': 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
};
/** An HTTP error from an Azure SDK call: its status and Azure's error code, when it is one. */
function httpStatusOf(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const e = error;
    if (typeof e.statusCode !== 'number')
        return undefined;
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
function unreadScope(scope, what, error) {
    // Entra ID's refusal carries a status too, but it is the sign-in's failure, not this scope's.
    if (isCredentialError(error))
        throw error;
    const http = httpStatusOf(error);
    if (http === undefined)
        throw error;
    const code = http.code === undefined ? '' : ` ${http.code}`;
    const reason = http.status === 403
        ? `HTTP 403${code}: the credential lacks ${PERMISSION[what]} on ${scope}`
        : http.status === 401
            ? `HTTP 401${code}: Azure Resource Manager did not accept the credential's token for ${scope} (wrong tenant, or expired)`
            : `HTTP ${http.status}${code}: ${firstLine(http.message)}`;
    return { scope, what, reason };
}
function firstLine(text) {
    const line = text.split('\n')[0] ?? '';
    return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** The list calls of one subscription, each followed to its last page; a refused one leaves its scope unread. */
async function readSubscription(clients, subscriptionId, filter) {
    const sub = `/subscriptions/${subscriptionId}`;
    const read = { resources: [], unread: [] };
    const collect = collector(read);
    const names = new Set(filter.clusters.map((n) => n.toLowerCase()));
    // Only the named clusters are kept: the others were listed, but are not asked about.
    const wanted = (cluster) => names.size === 0 || names.has(String(cluster['name']).toLowerCase());
    if (filter.resourceGroups.length === 0) {
        await collect(`${sub}/providers/Microsoft.ContainerService/managedClusters`, 'clusters', () => clients.clusters.managedClusters.list(), wanted);
    }
    for (const group of filter.resourceGroups) {
        await collect(`${sub}/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters`, 'clusters', () => clients.clusters.managedClusters.listByResourceGroup(group), wanted);
    }
    await collect(`${sub}/providers/Microsoft.Authorization/roleAssignments`, 'role assignments', () => clients.authorization.roleAssignments.listForSubscription());
    await collect(`${sub}/providers/Microsoft.Authorization/roleDefinitions`, 'role definitions', () => 
    // The SDK puts the scope after a slash of its own: `subscriptions/<id>`, not `/subscriptions/<id>`.
    clients.authorization.roleDefinitions.list(sub.slice(1), { filter: "type eq 'CustomRole'" }));
    const identities = await collect(`${sub}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`, 'identities', () => clients.identities.userAssignedIdentities.listBySubscription());
    const credentials = await readFederatedCredentials(clients, identities);
    read.resources.push(...credentials.resources);
    read.unread.push(...credentials.unread);
    return read;
}
/**
 * The federated credentials of identities: a list call each, as no subscription-wide list (nor Resource Graph)
 * holds them.
 */
async function readFederatedCredentials(clients, identities) {
    const reads = await inParallel(identities, PARALLEL_LISTS, async (identity) => {
        const read = { resources: [], unread: [] };
        const id = String(identity['id']);
        const group = /\/resourceGroups\/([^/]+)\//i.exec(id)?.[1];
        if (group === undefined)
            return read;
        await collector(read)(`${id}/federatedIdentityCredentials`, 'federated credentials', () => clients.identities.federatedIdentityCredentials.list(group, String(identity['name'])));
        return read;
    });
    return { resources: reads.flatMap((r) => r.resources), unread: reads.flatMap((r) => r.unread) };
}
/** Lists read at once: enough to overlap their latency, few enough not to be throttled by Azure Resource Manager. */
const PARALLEL_LISTS = 8;
/**
 * Reads one paged list to its end into `read`, keeping what `keep` accepts; a refused list leaves its scope unread
 * and keeps nothing of it (half a list would pass for all of it).
 */
function collector(read) {
    return async (from, what, pages, keep = () => true) => {
        const values = [];
        try {
            for await (const item of pages())
                values.push(plainJson(item));
        }
        catch (error) {
            read.unread.push(unreadScope(from, what, error));
            return [];
        }
        const kept = values.filter(keep);
        read.resources.push(...kept.map((value) => ({ from, value })));
        return kept;
    };
}
/** An SDK model as the JSON the REST API sent: dates back to strings, nothing but data. */
function plainJson(value) {
    return JSON.parse(JSON.stringify(value));
}

/** Resource Graph takes at most this many subscriptions in one request, and this many rows in one page. */
const SUBSCRIPTIONS_PER_REQUEST = 1000;
const ROWS_PER_PAGE = 1000;
/** The queries of a live scan: every table AKS identity lives in, each filtered to what the policies read. */
function graphQueries(filter) {
    const clauses = [];
    if (filter.resourceGroups.length > 0)
        clauses.push(`resourceGroup in~ (${kqlList(filter.resourceGroups)})`);
    if (filter.clusters.length > 0)
        clauses.push(`name in~ (${kqlList(filter.clusters)})`);
    const clusterFilter = clauses.map((c) => ` | where ${c}`).join('');
    return [
        {
            from: 'Resource Graph: resources (managed clusters)',
            what: 'clusters',
            kql: `resources | where type =~ 'microsoft.containerservice/managedclusters'${clusterFilter} | order by id asc`,
        },
        {
            from: 'Resource Graph: resources (user-assigned identities)',
            what: 'identities',
            kql: "resources | where type =~ 'microsoft.managedidentity/userassignedidentities' | order by id asc",
        },
        {
            from: 'Resource Graph: authorizationresources (role assignments)',
            what: 'role assignments',
            kql: "authorizationresources | where type =~ 'microsoft.authorization/roleassignments' | order by id asc",
        },
        {
            from: 'Resource Graph: authorizationresources (custom role definitions)',
            what: 'role definitions',
            kql: "authorizationresources | where type =~ 'microsoft.authorization/roledefinitions' and properties.type =~ 'CustomRole' | order by id asc",
        },
    ];
}
/** One query over all subscriptions, in batches of subscriptions and pages of rows, each followed to the end. */
async function runGraphQuery(graph, query, subscriptions, onPage) {
    const resources = [];
    const unread = [];
    for (let start = 0; start < subscriptions.length; start += SUBSCRIPTIONS_PER_REQUEST) {
        const batch = subscriptions.slice(start, start + SUBSCRIPTIONS_PER_REQUEST);
        // A batch counts whole or not at all: the pages before a failed one would pass for all of it.
        const rowsOfBatch = [];
        let failed = false;
        let skipToken;
        do {
            let page;
            try {
                page = await graph.resources({
                    query: query.kql,
                    subscriptions: [...batch],
                    options: {
                        resultFormat: 'objectArray',
                        top: ROWS_PER_PAGE,
                        ...(skipToken === undefined ? {} : { skipToken }),
                    },
                });
            }
            catch (error) {
                const scope = batch.length === 1 ? `/subscriptions/${batch[0]}` : `subscriptions ${batch.join(', ')}`;
                unread.push(unreadScope(scope, query.what, error));
                failed = true;
                break;
            }
            const rows = Array.isArray(page.data) ? page.data : [];
            for (const row of rows) {
                if (typeof row === 'object' && row !== null)
                    rowsOfBatch.push({ from: query.from, value: row });
            }
            onPage(rows.length);
            skipToken = page.skipToken;
        } while (skipToken !== undefined && skipToken !== '');
        if (!failed)
            for (const row of rowsOfBatch)
                resources.push(row);
    }
    return { resources, unread };
}
function kqlList(values) {
    return values.map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ');
}

/** Counts every request the clients send, retries included: the cost of a query, for the summary and the bench. */
class RequestCounter {
    count = 0;
    policy = {
        name: 'aksIdentityLintRequestCounter',
        sendRequest: (request, next) => {
            this.count++;
            return next(request);
        },
    };
}
/** The options every Azure SDK client is made with: the endpoint, its token scope, and the request counter. */
function clientOptions(query, counter) {
    const endpoint = query.endpoint.replace(/\/+$/, '');
    const scope = `${endpoint}/.default`;
    return {
        endpoint,
        $host: endpoint,
        credentialScopes: [scope],
        credentials: { scopes: [scope] },
        additionalPolicies: [{ policy: counter.policy, position: 'perRetry' }],
        userAgentOptions: { userAgentPrefix: 'aks-identity-lint' },
        ...(query.ca === undefined ? {} : { tlsOptions: { ca: query.ca } }),
    };
}
/**
 * The SDK's clients for one subscription, loaded on first use: a run without live mode never loads the Azure SDK
 * (it is most of the bundle's size, and the action must start fast).
 */
async function subscriptionClients(query, credential, subscriptionId, counter) {
    const [aks, authorization, msi] = await Promise.all([
        import('./esm-9UlthacK.js'),
        import('./src-BTfEX-5U.js'),
        import('./esm-Xlnn3kqF.js'),
    ]);
    const options = clientOptions(query, counter);
    return {
        clusters: new aks.ContainerServiceClient(credential, subscriptionId, options),
        authorization: new authorization.AuthorizationManagementClient(credential, subscriptionId, options),
        identities: new msi.ManagedServiceIdentityClient(credential, subscriptionId, options),
    };
}
async function resourceGraphClient(query, credential, counter) {
    const graph = await import('./esm-CYE0wVT2.js');
    return new graph.ResourceGraphClient(credential, clientOptions(query, counter));
}

/** Subscriptions read at once on the per-cluster path: enough to overlap latency, few enough not to be throttled. */
const PARALLEL_SUBSCRIPTIONS = 4;
/**
 * Reads what Azure has for the query's subscriptions: clusters, user-assigned identities with their federated
 * credentials, role assignments and custom role definitions. A scope Azure refuses is listed as unread, with the
 * permission it needs, and the run goes on; throttling (429, with Retry-After) and server errors (5xx) are retried
 * by the SDK's pipeline. No credential at all is one error for the whole run.
 */
async function queryLiveState(query) {
    const counter = new RequestCounter();
    try {
        const credential = reusingTokens(query.credential ?? (await liveCredential()));
        const read = query.via === 'resource-graph'
            ? await viaResourceGraph(query, credential, counter)
            : await perSubscription(query, credential, counter);
        return { ...read, requests: counter.count };
    }
    catch (error) {
        if (isUnreachable(error)) {
            throw new InputError({ file: 'Azure' }, `cannot reach Azure Resource Manager at ${query.endpoint}: ${credentialFailure(error)}`);
        }
        if (!isCredentialError(error))
            throw error;
        const message = credentialFailure(error);
        throw new InputError({ file: 'Azure' }, `no credential to read live state with (sign in with az login or azure/login, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and a secret or federated token): ${message}`);
    }
}
async function perSubscription(query, credential, counter) {
    let done = 0;
    const reads = await inParallel(query.subscriptions, PARALLEL_SUBSCRIPTIONS, async (subscriptionId) => {
        const clients = await subscriptionClients(query, credential, subscriptionId, counter);
        const read = await readSubscription(clients, subscriptionId, query);
        query.progress?.(`subscriptions read: ${++done} of ${query.subscriptions.length}`);
        return read;
    });
    return { resources: reads.flatMap((r) => r.resources), unread: reads.flatMap((r) => r.unread) };
}
async function viaResourceGraph(query, credential, counter) {
    const graph = await resourceGraphClient(query, credential, counter);
    const resources = [];
    const unread = [];
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
    const bySubscription = new Map();
    for (const identity of identities) {
        const sub = /^\/subscriptions\/([^/]+)/i.exec(String(identity.value['id']))?.[1];
        if (sub === undefined)
            continue;
        const list = bySubscription.get(sub);
        if (list === undefined)
            bySubscription.set(sub, [identity.value]);
        else
            list.push(identity.value);
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
function credentialFailure(error) {
    const firstLine = (e) => e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
    const errors = error.errors;
    if (Array.isArray(errors) && errors.length > 0)
        return errors.map(firstLine).join('; ');
    return firstLine(error);
}
/** An error of the connection itself (no such host, refused, TLS), not an answer from Azure. */
function isUnreachable(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const e = error;
    return e.name === 'RestError' && typeof e.statusCode !== 'number';
}

export { checkReadEnough, queryLiveState };
