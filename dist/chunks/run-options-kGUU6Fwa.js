import { U as UserError } from './user-error-D43ktBPC.js';
import { relative, isAbsolute, sep, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { I as InputError } from './input-error-CCqlw9Qy.js';
import { v as visit, a as parse, p as parseTree, b as printParseErrorCode } from './main-DSwMmFsk.js';
import { j as jsonPointer, l as lineColumn } from './validated-json-CLCVuNXn.js';
import { b as builtInPolicyDir } from './package-files-C8QwCCUf.js';
import { f as findConfig, l as loadConfig, c as configPaths } from './config-B-qoZBbr.js';
import { j as likeMatches } from './load-m1TAheir.js';

/**
 * The 1-based line where each of the given JSON pointers starts in a JSON text, in one pass. Paths are only
 * materialised down to the depth of the deepest pointer asked for, so a large plan costs little more than a parse.
 */
function linesOfPointers(text, pointers) {
    const found = new Map();
    if (pointers.size === 0)
        return found;
    const maxDepth = Math.max(...[...pointers].map((p) => p.split('/').length - 1));
    let depth = 0;
    const at = (startLine, path, extra) => {
        if (depth > maxDepth)
            return;
        const segments = path();
        if (extra !== undefined)
            segments.push(extra);
        const pointer = jsonPointer(segments);
        if (pointers.has(pointer) && !found.has(pointer))
            found.set(pointer, startLine + 1);
    };
    visit(text, {
        onObjectBegin: (_offset, _length, startLine, _character, path) => {
            at(startLine, path);
            depth++;
        },
        onObjectEnd: () => {
            depth--;
        },
        onArrayBegin: (_offset, _length, startLine, _character, path) => {
            at(startLine, path);
            depth++;
        },
        onArrayEnd: () => {
            depth--;
        },
        onObjectProperty: (property, _offset, _length, startLine, _character, path) => {
            if (depth <= maxDepth)
                at(startLine, path, property);
        },
    });
    return found;
}

/**
 * The model fields a condition reads, as absolute paths from the entity: paths inside a count's where are prefixed
 * with the counted array, and `$outer.` is resolved to the enclosing element's path.
 */
function fieldsUsed(condition) {
    const found = new Set();
    if (condition !== undefined)
        walk(condition, [''], found);
    return [...found].sort();
}
function walk(condition, contexts, found) {
    const absolute = (path) => {
        let rest = path;
        let depth = contexts.length - 1;
        while (rest.startsWith('$outer.')) {
            rest = rest.slice('$outer.'.length);
            depth--;
        }
        const base = contexts[Math.max(depth, 0)] ?? '';
        return base === '' ? rest : `${base}.${rest}`;
    };
    if ('allOf' in condition)
        condition.allOf.forEach((c) => {
            walk(c, contexts, found);
        });
    else if ('anyOf' in condition)
        condition.anyOf.forEach((c) => {
            walk(c, contexts, found);
        });
    else if ('not' in condition)
        walk(condition.not, contexts, found);
    else if ('count' in condition) {
        const array = absolute(condition.count.field);
        found.add(array);
        if (condition.count.where !== undefined)
            walk(condition.count.where, [...contexts, array.replace(/\[\*\]$/, '[*]')], found);
    }
    else {
        found.add(absolute(condition.field));
        for (const value of Object.values(condition)) {
            if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'field' in value) {
                found.add(absolute(String(value.field)));
            }
        }
    }
}

/**
 * How a file is named in reports: relative to the repository root, with forward slashes, when it is inside it (so
 * that GitHub can place annotations and code-scanning alerts on it); its absolute path otherwise (a plan written
 * to $RUNNER_TEMP), never a `../` path that means nothing to a reader of another checkout.
 */
function displayPath(repoRoot, path) {
    const rel = relative(repoRoot, path);
    if (rel === '')
        return '.';
    if (rel.startsWith('..') || isAbsolute(rel))
        return path;
    return rel.split(sep).join('/');
}

/**
 * Reads and parses a JSON file. `JSON.parse` does the work on the happy path (it is several times faster on large
 * plans); only a failure is re-parsed with a position-keeping parser to say where the text breaks.
 */
async function readJsonFile(path, displayName) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (error) {
        throw new InputError({ file: displayName }, `cannot read the file (${describeFsError(error)})`);
    }
    return parseJsonText(text, displayName);
}
function parseJsonText(text, file) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (body.trim() === '')
        throw new InputError({ file }, 'the file is empty; expected a JSON document');
    if (body.startsWith('PK\u0003\u0004')) {
        throw new InputError({ file }, 'this is a binary Terraform plan; convert it with `terraform show -json <planfile>`');
    }
    try {
        return { file, text: body, value: JSON.parse(body) };
    }
    catch {
        const lenient = parseWithComments(body);
        // Azure Resource Manager accepts templates (and parameter files) with comments and trailing commas.
        if (lenient !== undefined && isArmDocument(lenient))
            return { file, text: body, value: lenient };
        throw jsonSyntaxError(body, file);
    }
}
function parseWithComments(text) {
    const errors = [];
    const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
    return errors.length === 0 ? value : undefined;
}
function isArmDocument(value) {
    const schema = typeof value === 'object' && value !== null ? value.$schema : undefined;
    return typeof schema === 'string' && /schema\.management\.azure\.com\/schemas\//i.test(schema);
}
function jsonSyntaxError(text, file) {
    const errors = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    const first = errors[0];
    if (first === undefined)
        return new InputError({ file }, 'not valid JSON');
    const end = text.trimEnd().length;
    // A text that stops early is pointed at just after its last character, not at the blank lines after it.
    const truncated = first.offset >= end;
    const { line, column } = lineColumn(text, truncated ? end : first.offset);
    const what = truncated ? 'the JSON ends early (truncated file?)' : describe(first);
    return new InputError({ file, line, column }, `not valid JSON: ${what}`);
}
function describe(error) {
    const code = printParseErrorCode(error.error);
    return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
function describeFsError(error) {
    const code = error.code;
    if (code === 'ENOENT')
        return 'no such file';
    if (code === 'EACCES')
        return 'permission denied';
    if (code === 'EISDIR')
        return 'it is a directory';
    return typeof code === 'string' ? code : 'read error';
}

function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function asObject(value) {
    return isObject(value) ? value : undefined;
}
function asArray(value) {
    return Array.isArray(value) ? value : undefined;
}
function asString(value) {
    return typeof value === 'string' ? value : undefined;
}

/** `main.parameters.json` holds the parameters of `main.json` (or `main.bicep`) beside it, by convention. */
function pairedParametersFile(templatePath) {
    return `${templatePath.replace(/\.(json|bicep|bicepparam)$/i, '')}.parameters.json`;
}
/**
 * A parameter's value from `--param name=value`: JSON when it is an object or array (as `az deployment` takes
 * them), text otherwise; the template converts text to the int or bool it declares.
 */
function parseParamValue(text) {
    const trimmed = text.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
            return JSON.parse(trimmed);
        }
        catch {
            return text;
        }
    }
    return text;
}
/** Values by name from a deploymentParameters document; a Key Vault reference is kept as it is written. */
function parametersOf(document, file) {
    const parameters = isObject(document) ? document['parameters'] : undefined;
    if (!isObject(parameters)) {
        throw new InputError({ file, pointer: '/parameters' }, 'expected a parameters file: an object with "parameters": { "<name>": { "value": ... } }');
    }
    const values = {};
    for (const [name, entry] of Object.entries(parameters)) {
        if (isObject(entry) && 'value' in entry)
            values[name] = entry['value'];
        else if (isObject(entry) && 'reference' in entry)
            values[name] = { reference: entry['reference'] };
        else {
            throw new InputError({ file, pointer: `/parameters/${name}` }, 'expected { "value": ... } or a Key Vault { "reference": ... }');
        }
    }
    return values;
}
async function readParametersFile(path, display) {
    const text = await readFile(path, 'utf8').catch(() => {
        throw new InputError({ file: display }, 'cannot read the parameters file');
    });
    try {
        return parametersOf(compiledParameters(parseJsonText(text, display).value, display).parameters, display);
    }
    catch (error) {
        throw withLine(error, text);
    }
}
/** A problem found at a JSON pointer of a file also names its line, so an editor can go there. */
function withLine(error, text) {
    if (!(error instanceof InputError))
        return error;
    const { pointer, line } = error.location;
    if (pointer === undefined || line !== undefined)
        return error;
    const found = linesOfPointers(text, new Set([pointer])).get(pointer);
    return found === undefined ? error : new InputError({ ...error.location, line: found }, error.detail);
}
/**
 * What `bicep build-params` prints: a parameters document, or, with `--stdout`, an object holding the parameters
 * and the compiled template it uses as JSON text (`parametersJson`, `templateJson`).
 */
function compiledParameters(value, file) {
    const record = isObject(value) ? value : {};
    const parametersJson = record['parametersJson'];
    if (typeof parametersJson !== 'string')
        return { parameters: record };
    const parameters = parseJsonText(parametersJson, file).value;
    const templateJson = record['templateJson'];
    const out = {
        parameters: isObject(parameters) ? parameters : {},
    };
    if (typeof templateJson === 'string') {
        out.template = parseJsonText(templateJson, file).value;
        out.templateText = templateJson;
    }
    return out;
}
/** A compiled .bicepparam's values, before the user's own. */
function mergeArmParameters(given, compiled) {
    return {
        files: given?.files ?? [],
        values: given?.values ?? {},
        preset: { ...given?.preset, ...parametersOf(compiled, 'bicepparam') },
    };
}
/** Every parameter value the user gave, in order, later wins. */
async function resolveArmParameters(input, repoRoot) {
    if (input === undefined)
        return {};
    let values = { ...input.preset };
    for (const file of input.files) {
        const path = resolve(file);
        values = { ...values, ...(await readParametersFile(path, displayPath(repoRoot, path))) };
    }
    return { ...values, ...input.values };
}

const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';

/**
 * Parses an ARM scope (or any resource ID). Case-insensitive, because AKS returns `resourcegroups` in lower case and
 * users write `resourceGroups`. Returns undefined for a string that is not a scope.
 */
function parseScope(id) {
    const trimmed = id.trim().replace(/\/+$/, '');
    if (trimmed === '')
        return { id: '/', level: 'managementGroup' };
    const parts = trimmed.split('/');
    if (parts[0] !== '' || parts.length < 2)
        return undefined;
    const segments = parts.slice(1);
    const lower = segments.map((s) => s.toLowerCase());
    if (lower[0] === 'providers' && lower[1] === 'microsoft.management' && lower[2] === 'managementgroups') {
        return segments.length === 4 ? { id: trimmed, level: 'managementGroup' } : undefined;
    }
    if (lower[0] !== 'subscriptions' || segments[1] === undefined || segments[1] === '')
        return undefined;
    const subscriptionId = segments[1];
    if (segments.length === 2)
        return { id: trimmed, level: 'subscription', subscriptionId };
    if (lower[2] !== 'resourcegroups' || segments[3] === undefined) {
        return lower[2] === 'providers' ? resourceScope(trimmed, segments.slice(3), subscriptionId) : undefined;
    }
    const resourceGroup = segments[3];
    if (segments.length === 4)
        return { id: trimmed, level: 'resourceGroup', subscriptionId, resourceGroup };
    if (lower[4] !== 'providers')
        return undefined;
    return resourceScope(trimmed, segments.slice(5), subscriptionId, resourceGroup);
}
/** `namespace/type/name(/type/name)*` after `providers/` gives the type `namespace/type(/type)*`. */
function resourceScope(id, rest, subscriptionId, resourceGroup) {
    const [namespace, ...typeAndNames] = rest;
    if (namespace === undefined || typeAndNames.length < 2 || typeAndNames.length % 2 !== 0)
        return undefined;
    const types = typeAndNames.filter((_, i) => i % 2 === 0);
    const scope = {
        id,
        level: 'resource',
        resourceType: [namespace, ...types].join('/'),
        subscriptionId,
    };
    if (resourceGroup !== undefined)
        scope.resourceGroup = resourceGroup;
    return scope;
}
/**
 * A known resource ID and every scope above it, innermost first: a subnet, its virtual network, the resource group,
 * the subscription (and the tenant root for management groups). A role at any of them applies to the resource.
 */
function ancestorScopes(id) {
    const parsed = parseScope(id);
    if (parsed === undefined || typeof parsed.id !== 'string')
        return [id];
    const trimmed = parsed.id;
    const chain = [trimmed];
    if (parsed.level === 'resource') {
        // Parent resources: drop one `/type/name` pair at a time, down to `providers/<namespace>/<type>/<name>`.
        const parts = trimmed.split('/');
        const providers = parts.findIndex((p, i) => p.toLowerCase() === 'providers' && i > 0);
        for (let end = parts.length - 2; end > providers + 3; end -= 2)
            chain.push(parts.slice(0, end).join('/'));
    }
    if (typeof parsed.subscriptionId === 'string') {
        const subscription = `/subscriptions/${parsed.subscriptionId}`;
        if (typeof parsed.resourceGroup === 'string' && parsed.level !== 'resourceGroup') {
            chain.push(`${subscription}/resourceGroups/${parsed.resourceGroup}`);
        }
        if (parsed.level !== 'subscription')
            chain.push(subscription);
    }
    return chain;
}

function baselineKey(policyId, entityKey) {
    return `${policyId.toUpperCase()}\u0000${entityKey}`;
}
async function loadBaseline(path, display) {
    const text = await readFile(path, 'utf8').catch(() => {
        throw new InputError({ file: display }, 'cannot read the baseline file');
    });
    let report;
    try {
        report = JSON.parse(text);
    }
    catch {
        throw new InputError({ file: display }, 'the baseline is not valid JSON; expected a report written by --write-baseline or --format json');
    }
    const results = isObject(report) ? report['results'] : undefined;
    if (!isObject(report) || report['reportVersion'] !== 1 || !Array.isArray(results)) {
        throw new InputError({ file: display, pointer: '/results' }, 'expected an aks-identity-lint JSON report (reportVersion 1) with a results array');
    }
    const keys = new Set();
    results.forEach((r, i) => {
        const item = r;
        if (typeof item.policyId !== 'string' || typeof item.entity?.key !== 'string') {
            throw new InputError({ file: display, pointer: `/results/${i}` }, 'expected a result with policyId and entity.key');
        }
        // Waived and inline-suppressed findings are not debt the baseline accepts: when their waiver ends they count.
        const accepted = item.suppression === undefined || item.suppression.kind === 'baseline';
        if ((item.status === 'fail' || item.status === 'indeterminate') && accepted) {
            keys.add(baselineKey(item.policyId, item.entity.key));
        }
    });
    return { file: display, keys };
}
/** Marks findings already in the baseline; the reports then show only what is new. */
function applyBaseline(evaluations, baseline) {
    for (const e of evaluations) {
        // An expired waiver is a decision that the finding counts again; an older baseline does not overrule it.
        if ((e.status !== 'fail' && e.status !== 'indeterminate') || e.expiredWaiver !== undefined)
            continue;
        if (baseline.keys.has(baselineKey(e.policy.policy.id, e.entity.key))) {
            e.suppression ??= {
                kind: 'baseline',
                reason: `already in the baseline ${baseline.file}`,
                source: baseline.file,
            };
        }
    }
}

/**
 * Applies the config's waivers to failing and indeterminate findings. A waiver matches a policy ID and a resource
 * (its Terraform address, resource ID or name; `*` matches any text) and lasts through its `expires` day: after that
 * it stops waiving and the finding says so. Every waiver's use is returned, so one that matches nothing is reported
 * as stale instead of lingering.
 */
function applyWaivers(evaluations, waivers, configFile, today) {
    const states = waivers.map((waiver, i) => ({
        waiver,
        source: `${configFile} /waivers/${i}`,
        matched: 0,
        expired: waiver.expires !== undefined && waiver.expires < today,
    }));
    for (const e of evaluations) {
        if (e.status !== 'fail' && e.status !== 'indeterminate')
            continue;
        for (const state of states) {
            if (!matches(state.waiver, e))
                continue;
            state.matched++;
            const suppression = { kind: 'waiver', reason: state.waiver.reason, source: state.source };
            if (state.waiver.expires !== undefined)
                suppression.expires = state.waiver.expires;
            if (state.expired)
                e.expiredWaiver ??= suppression;
            else
                e.suppression ??= suppression;
        }
    }
    return states;
}
function matches(waiver, e) {
    if (waiver.policy.toUpperCase() !== e.policy.policy.id.toUpperCase())
        return false;
    const id = 'id' in e.entity ? e.entity.id : undefined;
    const names = [e.entity.key, id, e.entity.name].filter((n) => typeof n === 'string' && n !== '');
    return names.some((name) => likeMatches(name, waiver.resource));
}
/** Today's date as YYYY-MM-DD in UTC; AKS_IDENTITY_LINT_TODAY fixes it for reproducible runs and tests. */
function today(env = process.env) {
    const fixed = env['AKS_IDENTITY_LINT_TODAY'];
    if (fixed !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(fixed))
        return fixed;
    return new Date().toISOString().slice(0, 10);
}

class RunRequestError extends UserError {
}
/**
 * Merges the request with the config file (found from cwd upward unless given) into the scan's options. Without
 * `needInputs` (listing policies), no input paths are required.
 */
async function resolveRun(request, needInputs = true) {
    const configFile = request.config === false ? undefined : (request.config ?? (await findConfig(request.cwd)));
    const loaded = configFile === undefined ? undefined : await loadConfig(resolve(request.cwd, configFile), request.cwd);
    const config = loaded?.config;
    const paths = request.paths.length > 0
        ? request.paths.map((p) => resolve(request.cwd, p))
        : loaded === undefined
            ? []
            : configPaths(loaded, config?.paths);
    if (paths.length === 0 && needInputs && request.live === undefined) {
        throw new RunRequestError(`no input to scan: give plan files or directories${loaded === undefined ? '' : `, or "paths" in ${loaded.file}`}`);
    }
    const builtIn = request.builtIn ?? config?.builtin ?? true;
    const policyDirs = [
        ...(loaded === undefined ? [] : configPaths(loaded, config?.policyDirs)),
        ...request.policyDirs,
    ];
    if (!builtIn && policyDirs.length === 0)
        throw new RunRequestError('with the built-in policies off there are no policies to run; add a policy directory');
    const terraformDir = request.terraformDir !== undefined
        ? resolve(request.cwd, request.terraformDir)
        : config?.terraformDir === undefined || loaded === undefined
            ? undefined
            : resolve(loaded.dir, config.terraformDir);
    const options = {
        paths,
        policySources: [
            ...(builtIn ? [{ dir: builtInPolicyDir(), builtIn: true }] : []),
            ...policyDirs.map((dir) => ({ dir, builtIn: false })),
        ],
        failOn: request.failOn ?? config?.failOn ?? 'high',
        failOnIndeterminate: request.failOnIndeterminate ?? config?.failOnIndeterminate ?? false,
        repoRoot: request.repoRoot,
        today: today(),
    };
    if (terraformDir !== undefined)
        options.terraformDir = terraformDir;
    const armParameters = parameterInput(request);
    if (armParameters !== undefined)
        options.armParameters = armParameters;
    if (request.deploymentScope !== undefined)
        options.armScope = deploymentScopeOf(request.deploymentScope);
    if (loaded !== undefined)
        options.config = loaded;
    if (request.live !== undefined)
        options.live = liveQueryOf(request.live);
    if (request.baseline !== undefined)
        options.baseline = await loadBaseline(resolve(request.cwd, request.baseline), request.baseline);
    return options;
}
function parameterInput(request) {
    const files = (request.parameterFiles ?? []).map((f) => resolve(request.cwd, f));
    const values = {};
    for (const pair of request.parameterValues ?? []) {
        const at = pair.indexOf('=');
        if (at <= 0)
            throw new RunRequestError(`a template parameter is name=value, not '${pair}'`);
        values[pair.slice(0, at).trim()] = parseParamValue(pair.slice(at + 1));
    }
    return files.length === 0 && Object.keys(values).length === 0 ? undefined : { files, values };
}
/** `/subscriptions/<id>/resourceGroups/<name>` (or a subscription ID path) as what templates see of their scope. */
function deploymentScopeOf(id) {
    const scope = parseScope(id);
    if (scope === undefined || typeof scope.subscriptionId !== 'string') {
        throw new RunRequestError(`the deployment scope is a subscription or resource group ID (/subscriptions/<id>[/resourceGroups/<name>]), not '${id}'`);
    }
    const options = { subscriptionId: scope.subscriptionId };
    if (typeof scope.resourceGroup === 'string')
        options.resourceGroupName = scope.resourceGroup;
    return options;
}
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The live query a request asks for. Resource Graph reads any number of subscriptions in a few paged queries; the
 * resource providers' own lists are the default only for one subscription with its clusters named.
 */
function liveQueryOf(live) {
    if (live.subscriptions.length === 0) {
        throw new RunRequestError('live mode needs at least one subscription ID (--subscription <id>)');
    }
    const subscriptions = live.subscriptions.map((s) => s.replace(/^\/subscriptions\//i, ''));
    const bad = subscriptions.find((s) => !GUID.test(s));
    if (bad !== undefined)
        throw new RunRequestError(`a subscription is given by its ID (a GUID), not '${bad}'`);
    const endpoint = live.endpoint ?? process.env['AZURE_RESOURCE_MANAGER_ENDPOINT'] ?? PUBLIC_ARM_ENDPOINT;
    if (!/^https:\/\/[^/]+/i.test(endpoint)) {
        throw new RunRequestError(`the Azure Resource Manager endpoint is an https:// URL, not '${endpoint}'`);
    }
    const via = live.via ?? (subscriptions.length === 1 && live.clusters.length > 0 ? 'per-cluster' : 'resource-graph');
    const query = {
        subscriptions: [...new Set(subscriptions.map((s) => s.toLowerCase()))],
        resourceGroups: live.resourceGroups,
        clusters: live.clusters,
        via,
        endpoint,
    };
    if (live.credential !== undefined)
        query.credential = live.credential;
    if (live.ca !== undefined)
        query.ca = live.ca;
    if (live.progress !== undefined)
        query.progress = live.progress;
    return query;
}

export { RunRequestError as R, asObject as a, asString as b, asArray as c, ancestorScopes as d, displayPath as e, fieldsUsed as f, readJsonFile as g, parseJsonText as h, isObject as i, compiledParameters as j, pairedParametersFile as k, linesOfPointers as l, mergeArmParameters as m, readParametersFile as n, resolveArmParameters as o, parseScope as p, applyWaivers as q, resolveRun as r, applyBaseline as s };
