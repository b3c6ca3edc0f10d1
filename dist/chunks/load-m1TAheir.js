import { U as UserError } from './user-error-D43ktBPC.js';
import { stat, readFile, readdir } from 'node:fs/promises';
import { resolve, relative, sep, join } from 'node:path';
import { c as counted, S as SchemaValidator, v as valueAt, p as parseAndCheck, f as formatProblem } from './validated-json-CLCVuNXn.js';
import { readFileSync } from 'node:fs';
import { m as modelSchemaPath, d as policySchemaPath } from './package-files-C8QwCCUf.js';

/**
 * Keys whose values are secrets in every format this tool reads (Terraform, ARM, az CLI), matched
 * case-insensitively. Adapters redact them; message templates refuse to interpolate them.
 */
const SECRET_KEYS = new Set([
    'client_secret',
    'server_app_secret',
    'secret',
    'serverAppSecret',
    'password',
    'admin_password',
    'adminPassword',
    'kube_config',
    'kube_config_raw',
    'kube_admin_config',
    'kube_admin_config_raw',
    'client_key',
    'client_certificate',
    'primary_access_key',
    'secondary_access_key',
].map((k) => k.toLowerCase()));
function isSecretKey(key) {
    return SECRET_KEYS.has(key.toLowerCase());
}
const REDACTED = '[redacted]';
/** Shorter strings are too likely to occur by chance to scrub from text (they are still redacted in the model). */
const MIN_SCRUBBED_LENGTH = 4;
/** Replaces every occurrence of a known secret in text that leaves the tool (reports, annotations, logs). */
function scrubSecrets(text, secrets) {
    let out = text;
    for (const secret of secrets) {
        if (secret.length < MIN_SCRUBBED_LENGTH)
            continue;
        // Also as it appears inside a JSON string, where quotes and backslashes are escaped.
        for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
            out = out.split(form).join(REDACTED);
        }
    }
    return out;
}

const ENTITY_KINDS = [
    'cluster',
    'managedIdentity',
    'roleAssignment',
    'roleDefinition',
    'federatedCredential',
    'registry',
];
function emptyEntities() {
    return {
        cluster: [],
        managedIdentity: [],
        roleAssignment: [],
        roleDefinition: [],
        federatedCredential: [],
        registry: [],
    };
}

/**
 * A value that exists but is not known yet: computed by Terraform at apply time, or an ARM expression that cannot
 * be resolved before deployment. It is distinct from an absent value, and conditions treat it with Kleene logic.
 *
 * `ref` names what the value will be (for example the Terraform attribute
 * `azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id`), normalised by the adapter that produced it, so two
 * unknowns that are the same value can still be recognised as equal.
 */
class Unknown {
    reason;
    ref;
    distinct;
    existing;
    constructor(reason, ref, 
    /**
     * The value is an identifier of its own (a resource ID, a principal ID) that no other value shares: two distinct
     * unknowns with different refs are different values, and none equals a value already known.
     */
    distinct = false, 
    /**
     * The value identifies an object that exists before the change (read by a data source, the subscription a new
     * resource group is created in): it may equal a known value, but never one the change creates (a distinct one).
     */
    existing = false) {
        this.reason = reason;
        this.ref = ref;
        this.distinct = distinct;
        this.existing = existing;
    }
    toJSON() {
        return this.ref === undefined ? { unknown: this.reason } : { unknown: this.reason, ref: this.ref };
    }
    toString() {
        return this.ref === undefined ? `(${this.reason})` : `(${this.reason}: ${this.ref})`;
    }
}
/**
 * An element of a linked list that may or may not belong to it (a registry granted to a principal that may be the
 * cluster's): a count counts it as "maybe", where an unknown value in a list of values is surely there.
 */
class MaybeElement extends Unknown {
}
const KNOWN_AFTER_APPLY = 'known after apply';
/**
 * How a reader is told of an unknown value: by what it will be, when that is known, and why it is not known. The ID
 * of a resource is named by the resource: `azurerm_subnet.aks` (known after apply).
 */
function describeUnknown(value) {
    if (value.ref === undefined)
        return `(${value.reason})`;
    return `\`${value.ref.replace(/\.id$/, '')}\` (${value.reason})`;
}
function isUnknown(value) {
    return value instanceof Unknown;
}
function unknownAfterApply(ref, distinct = false, existing = false) {
    return new Unknown(KNOWN_AFTER_APPLY, ref, distinct, existing);
}
/**
 * A value the input sets, but whose origin an adapter cannot follow (a dynamic block, a local value, an expression
 * it cannot evaluate): it is as unknown as a computed value, and the reason says why.
 */
function unknownOrigin(why, ref) {
    return new Unknown(`of unknown origin: ${why}`, ref);
}
/** Attributes whose computed value identifies its resource alone: IDs of resources and of their principals. */
const IDENTIFIER_ATTRIBUTES = new Set([
    'id',
    'principal_id',
    'object_id',
    'client_id',
    'oidc_issuer_url',
    'role_definition_resource_id',
    'role_definition_id',
    'node_resource_group_id',
]);
/**
 * Whether a ref (`<resource>.<attribute>`) names an identifier no other value shares: an ID computed for a resource
 * this plan manages. A data source reads an existing object that other names may refer to, so its IDs are not.
 */
function isIdentifierRef(ref) {
    if (isDataSourceRef(ref))
        return false;
    return IDENTIFIER_ATTRIBUTES.has(ref.slice(ref.lastIndexOf('.') + 1));
}
/** Whether a ref names an identifier read by a data source: an object that exists before the change. */
function isExistingRef(ref) {
    return isDataSourceRef(ref) && IDENTIFIER_ATTRIBUTES.has(ref.slice(ref.lastIndexOf('.') + 1));
}
function isDataSourceRef(ref) {
    return ref.startsWith('data.') || ref.includes('.data.');
}

/**
 * Azure Policy's `like` (with `*` wildcards) and `match` (`#` a digit, `?` a letter, `.` any character) patterns.
 * Both run in time linear in pattern times text, with no backtracking, so no policy can hang a run the way a
 * user-supplied regular expression could.
 */
function likeMatches(text, pattern) {
    const t = text.toLowerCase();
    const p = pattern.toLowerCase();
    let ti = 0;
    let pi = 0;
    let starPi = -1;
    let starTi = 0;
    while (ti < t.length) {
        if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) {
            ti++;
            pi++;
        }
        else if (pi < p.length && p[pi] === '*') {
            starPi = pi++;
            starTi = ti;
        }
        else if (starPi >= 0) {
            pi = starPi + 1;
            ti = ++starTi;
        }
        else {
            return false;
        }
    }
    while (pi < p.length && p[pi] === '*')
        pi++;
    return pi === p.length;
}
function matchPattern(text, pattern, caseInsensitive) {
    if (text.length !== pattern.length)
        return false;
    for (let i = 0; i < pattern.length; i++) {
        const p = pattern[i] ?? '';
        const c = text[i] ?? '';
        if (p === '#') {
            if (!/[0-9]/.test(c))
                return false;
        }
        else if (p === '?') {
            if (!/\p{L}/u.test(c))
                return false;
        }
        else if (p !== '.') {
            if (caseInsensitive ? p.toLowerCase() !== c.toLowerCase() : p !== c)
                return false;
        }
    }
    return true;
}

/**
 * Whether two values are known to differ though one is not known yet: a distinct unknown (a resource or principal
 * ID computed at apply) differs from every other distinct unknown and from every known value.
 */
function knownDifferent(a, b) {
    if (sameValue(a, b))
        return false;
    const created = (v) => isUnknown(v) && v.distinct && v.ref !== undefined;
    const existing = (v) => isUnknown(v) && v.existing;
    // What a change creates is neither what exists already nor anything else it creates.
    if (isUnknown(a) && isUnknown(b)) {
        return (created(a) && (created(b) || existing(b))) || (created(b) && existing(a));
    }
    return (created(a) && typeof b === 'string') || (created(b) && typeof a === 'string');
}
/**
 * Whether two model values denote the same thing, as Azure compares them: strings case-insensitively (resource IDs,
 * principal IDs, role names), and two unknowns when they name the same future value. Unknowns that name different
 * things, or nothing, are not known to be the same: the caller decides whether that is "false" or "unknown".
 */
function sameValue(a, b) {
    if (isUnknown(a) || isUnknown(b)) {
        return isUnknown(a) && isUnknown(b) && a.ref !== undefined && a.ref === b.ref;
    }
    if (typeof a === 'string' && typeof b === 'string')
        return a.toLowerCase() === b.toLowerCase();
    return a === b;
}
/**
 * A key under which `sameValue` values meet, for indexing: two values with the same key are the same value. An
 * unknown that names nothing has no key, as it is the same as nothing.
 */
function valueKey(value) {
    if (isUnknown(value))
        return value.ref === undefined ? undefined : `ref:${value.ref}`;
    if (typeof value === 'string')
        return value === '' ? undefined : `str:${value.toLowerCase()}`;
    if (typeof value === 'number' || typeof value === 'boolean')
        return `${typeof value}:${String(value)}`;
    return undefined;
}
/** An index of items by one or more values each, looked up with `sameValue` semantics in constant time. */
class ValueIndex {
    map = new Map();
    add(value, item) {
        const key = valueKey(value);
        if (key === undefined)
            return;
        const list = this.map.get(key);
        if (list === undefined)
            this.map.set(key, [item]);
        else
            list.push(item);
    }
    get(value) {
        const key = valueKey(value);
        return key === undefined ? [] : (this.map.get(key) ?? []);
    }
    first(value) {
        return this.get(value)[0];
    }
}

function resolveField(path, scope) {
    const start = path.outerHops === 0 ? scope.element : scope.outers[scope.outers.length - path.outerHops];
    let cursors = [start];
    let many = false;
    let collectionUnknown;
    for (const segment of path.segments) {
        if ('wildcard' in segment) {
            many = true;
            const next = [];
            for (const c of cursors) {
                if (Array.isArray(c))
                    next.push(...c);
                else if (isUnknown(c))
                    collectionUnknown ??= c;
            }
            cursors = next;
            continue;
        }
        cursors = cursors.map((c) => step$1(c, segment));
    }
    if (!many)
        return { many: false, value: cursors[0] };
    return collectionUnknown === undefined
        ? { many: true, values: cursors }
        : { many: true, values: cursors, collectionUnknown };
}
function step$1(value, segment) {
    if (isUnknown(value))
        return value;
    if ('index' in segment)
        return Array.isArray(value) ? value[segment.index] : undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return undefined;
    const record = value;
    if (Object.hasOwn(record, segment.name))
        return record[segment.name];
    // Azure property names are case-insensitive; raw inputs spell them several ways.
    const lower = segment.name.toLowerCase();
    const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : record[key];
}

function parseFieldPath(text) {
    let rest = text;
    let outerHops = 0;
    while (rest.startsWith('$outer.')) {
        outerHops++;
        rest = rest.slice('$outer.'.length);
    }
    const segments = [];
    for (const part of rest.split('.')) {
        const match = /^([^[]+)((?:\[(?:\*|\d+)\])*)$/.exec(part);
        if (match === null)
            throw new Error(`invalid path segment '${part}'`);
        segments.push({ name: match[1] ?? '' });
        for (const index of (match[2] ?? '').match(/\[(\*|\d+)\]/g) ?? []) {
            const inner = index.slice(1, -1);
            segments.push(inner === '*' ? { wildcard: true } : { index: Number(inner) });
        }
    }
    return { text, outerHops, segments, hasWildcard: segments.some((s) => 'wildcard' in s) };
}

/**
 * `{{path}}` interpolates a field; `{{count path "registry" "registries"}}` writes how many values the path has with
 * the noun that fits ("1 registry", "3 registries"); `{{plural path "it" "one of them"}}` only the word that fits.
 */
const PLACEHOLDER = /\{\{\s*(?:(count|plural)\s+)?([^{}\s"]+)(?:\s+"([^"{}]*)"\s+"([^"{}]*)")?\s*\}\}/g;
/** Paths a template may interpolate; anything else is left as written so the author sees the mistake. */
const VALID_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\[(\*|\d+)\])*(\.[A-Za-z_$][A-Za-z0-9_$-]*(\[(\*|\d+)\])*)*$/;
/**
 * Renders a policy message: `{{path}}` becomes the entity's value at that path. A value under a secret key is
 * never interpolated, whatever the path. An unknown value is named by what it will be and why it is not known.
 */
function renderMessage(template, entity) {
    return template.replace(PLACEHOLDER, (whole, form, path, one, many) => {
        if (!VALID_PATH.test(path) || (form !== undefined && (one === undefined || many === undefined)))
            return whole;
        const parsed = parseFieldPath(path);
        if (form === undefined && parsed.segments.some((s) => 'name' in s && isSecretKey(s.name)))
            return REDACTED;
        const resolved = resolveField(parsed, { element: entity, outers: [] });
        if (form !== undefined) {
            const n = countOf(resolved);
            const word = n === 1 ? one : many;
            return form === 'count' ? `${n ?? 'some'} ${word ?? ''}` : (word ?? '');
        }
        return resolved.many ? resolved.values.map(display).join(', ') || '(none)' : display(resolved.value);
    });
}
/** The field paths a template reads, for checking them against the model when the policy loads. */
function templateFields(template) {
    return [...template.matchAll(PLACEHOLDER)].map((m) => m[2] ?? '').filter((p) => VALID_PATH.test(p));
}
/** How many values a path has; undefined when the list itself is not known yet. */
function countOf(resolved) {
    if (resolved.many)
        return resolved.collectionUnknown === undefined ? resolved.values.length : undefined;
    const value = resolved.value;
    if (isUnknown(value))
        return undefined;
    if (Array.isArray(value))
        return value.length;
    return value === undefined || value === null ? 0 : 1;
}
function display(value) {
    if (value === undefined || value === null || value === '')
        return '(not set)';
    if (isUnknown(value))
        return describeUnknown(value);
    if (Array.isArray(value))
        return value.length === 0 ? '(none)' : value.map(display).join(', ');
    if (typeof value === 'object') {
        const name = value.name;
        return typeof name === 'string' && name !== '' ? name : '(object)';
    }
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : '(value)';
}

function isUnknownTri(t) {
    return typeof t === 'object';
}
function triNot(t) {
    return isUnknownTri(t) ? t : !t;
}
/** False wins over unknown, which wins over true. Reasons are kept only when the result is unknown. */
function triAll(results) {
    const reasons = [];
    let unknown = false;
    for (const r of results) {
        if (r === false)
            return false;
        if (isUnknownTri(r)) {
            unknown = true;
            reasons.push(...r.unknown);
        }
    }
    return unknown ? { unknown: dedupe(reasons) } : true;
}
/** True wins over unknown, which wins over false. */
function triAny(results) {
    const reasons = [];
    let unknown = false;
    for (const r of results) {
        if (r === true)
            return true;
        if (isUnknownTri(r)) {
            unknown = true;
            reasons.push(...r.unknown);
        }
    }
    return unknown ? { unknown: dedupe(reasons) } : false;
}
function dedupe(reasons) {
    const seen = new Set();
    return reasons.filter((r) => {
        const key = `${r.field}\u0000${r.reason}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

function evaluatePolicy(policy, entity) {
    const scope = { element: entity, outers: [] };
    const base = { policy, entity, severity: policy.policy.severity };
    const applies = policy.when === undefined ? true : policy.when(scope);
    if (applies === false)
        return { ...base, status: 'not-applicable', because: [] };
    const holds = policy.assert(scope);
    // Compliant whether or not the policy turns out to apply.
    if (holds === true)
        return { ...base, status: 'pass', because: [] };
    const message = renderMessage(policy.policy.message, entity);
    const severity = severityOf(policy, scope);
    if (holds === false && applies === true) {
        const culprits = findCulprits(policy, entity);
        return culprits.length === 0
            ? { ...base, severity, status: 'fail', because: [], message }
            : { ...base, severity, status: 'fail', because: [], message, culprits };
    }
    // The reasons of both, each once: when and assert often wait on the same field.
    const undecided = triAll([applies, holds]);
    const because = isUnknownTri(undecided) ? undecided.unknown : [];
    return { ...base, severity, status: 'indeterminate', because, message };
}
/** The first `severityWhen` that surely holds gives the severity; an undecided one does not. */
function severityOf(policy, scope) {
    for (const s of policy.severityWhen ?? [])
        if (s.when(scope) === true)
            return s.severity;
    return policy.policy.severity;
}
/**
 * The entities a failure is about: those the policy names, or else those a failing count counted too many of,
 * found by evaluating the assertion again with a trace (only for failures, so passes cost nothing).
 */
function findCulprits(policy, entity) {
    let candidates;
    if (policy.culprits !== undefined) {
        const { field, where } = policy.culprits;
        const resolved = resolveField(field, { element: entity, outers: [] });
        const elements = resolved.many ? resolved.values : Array.isArray(resolved.value) ? resolved.value : [];
        candidates =
            where === undefined
                ? elements
                : elements.filter((e) => where({ element: e, outers: [entity] }) === true);
    }
    else {
        candidates = [];
        policy.assert({ element: entity, outers: [], trace: candidates });
    }
    const found = [];
    for (const c of candidates)
        if (isEntity(c) && c !== entity && !found.includes(c))
            found.push(c);
    return found;
}
function isEntity(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const { kind, source } = value;
    return (typeof kind === 'string' &&
        ENTITY_KINDS.includes(kind) &&
        typeof source === 'object');
}
/** Every policy over every entity of its target type, in policy then input order. */
function evaluateAll(policies, entities) {
    const results = [];
    for (const policy of policies) {
        for (const entity of entities[policy.policy.target])
            results.push(evaluatePolicy(policy, entity));
    }
    return results;
}

const UNKNOWN_DEF = '#/$defs/unknownValue';
const ENTITY_DEFS = {
    '#/$defs/cluster': 'cluster',
    '#/$defs/managedIdentity': 'managedIdentity',
    '#/$defs/roleAssignment': 'roleAssignment',
    '#/$defs/roleDefinition': 'roleDefinition',
    '#/$defs/federatedCredential': 'federatedCredential',
    '#/$defs/registry': 'registry',
};
/**
 * The model's JSON Schema (schema/model.schema.json), the single source of the fields a policy may address. Every
 * field path of a policy is walked through it when the policy loads, so a misspelt field is an error with the
 * nearest valid names, not a condition that silently never matches.
 */
class ModelSchema {
    document;
    static loaded;
    constructor(document) {
        this.document = document;
    }
    static get() {
        ModelSchema.loaded ??= new ModelSchema(JSON.parse(readFileSync(modelSchemaPath(), 'utf8')));
        return ModelSchema.loaded;
    }
    entity(kind) {
        return this.typeOf({ $ref: `#/$defs/${kind}` });
    }
    /** Walks a path's segments from a type; a segment the type does not have is a problem naming the nearest ones. */
    walk(start, segments, shown) {
        let type = start;
        let walked = '';
        let mayBeUnknown = start.unknown;
        for (const segment of segments) {
            if (type.open)
                return { type, mayBeUnknown: true };
            if ('name' in segment) {
                const next = this.property(type, segment.name);
                if (next === undefined)
                    return { problem: this.unknownProperty(type, segment.name, walked, shown) };
                type = next;
                walked = walked === '' ? segment.name : `${walked}.${segment.name}`;
            }
            else {
                const items = type.nodes.flatMap((n) => (n.items === undefined ? [] : [n.items]));
                if (items.length === 0) {
                    return {
                        problem: `'${walked}' in '${shown}' is not a list, so it takes no ${'index' in segment ? `[${segment.index}]` : '[*]'}`,
                    };
                }
                type = this.typeOf(...items);
                walked += 'index' in segment ? `[${segment.index}]` : '[*]';
            }
            mayBeUnknown ||= type.unknown;
        }
        return { type, mayBeUnknown };
    }
    /** The element type a count iterates: a list's items, or the type itself when the path already ends in [*]. */
    elementOf(type, endsWithWildcard) {
        if (endsWithWildcard || type.open)
            return type;
        const items = type.nodes.flatMap((n) => (n.items === undefined ? [] : [n.items]));
        return items.length === 0 ? undefined : this.typeOf(...items);
    }
    /** Every field of an entity kind, for `explain` and docs/model-fields.md: nested objects flattened, linked entities named. */
    fields(kind) {
        const rows = [];
        const visit = (type, prefix, depth) => {
            for (const [name, node] of this.propertiesOf(type)) {
                const path = prefix === '' ? name : `${prefix}.${name}`;
                const child = this.typeOf(node);
                rows.push({ path, type: this.describeType(child), description: node.description ?? '' });
                const nested = this.nestedObject(child);
                if (nested !== undefined && child.entity === undefined && depth < 6) {
                    visit(nested.type, `${path}${nested.suffix}`, depth + 1);
                }
            }
        };
        visit(this.entity(kind), '', 0);
        return rows;
    }
    /** How a type reads in documentation: "string or unknown", "list of registry", "cluster". */
    describeType(type) {
        if (type.entity !== undefined)
            return type.entity;
        if (type.open)
            return 'any (the input as written)';
        const parts = type.nodes.map((n) => this.describeNode(n));
        const unknown = type.unknown ? ' or unknown' : '';
        return `${[...new Set(parts)].join(' or ')}${unknown}`;
    }
    describeNode(node) {
        if (node.const !== undefined)
            return `'${JSON.stringify(node.const).replace(/^"|"$/g, '')}'`;
        if (node.enum !== undefined)
            return `one of ${node.enum.map((e) => `'${JSON.stringify(e).replace(/^"|"$/g, '')}'`).join(', ')}`;
        if (node.type === 'array' && node.items !== undefined) {
            const items = this.describeType(this.typeOf(node.items));
            return `list of ${items.includes(' or ') ? `(${items})` : items}`;
        }
        if (node.type === 'object')
            return typeof node.additionalProperties === 'object' ? 'map' : 'object';
        return Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
    }
    nestedObject(type) {
        if (type.nodes.some((n) => n.properties !== undefined))
            return { type, suffix: '' };
        const items = type.nodes.flatMap((n) => (n.items === undefined ? [] : [n.items]));
        if (items.length === 0)
            return undefined;
        const itemType = this.typeOf(...items);
        if (itemType.entity !== undefined || !itemType.nodes.some((n) => n.properties !== undefined))
            return undefined;
        return { type: itemType, suffix: '[*]' };
    }
    property(type, name) {
        const found = [];
        for (const node of type.nodes) {
            const own = node.properties?.[name];
            if (own !== undefined)
                found.push(own);
            else if (typeof node.additionalProperties === 'object')
                found.push(node.additionalProperties);
        }
        return found.length === 0 ? undefined : this.typeOf(...found);
    }
    propertiesOf(type) {
        const seen = new Map();
        for (const node of type.nodes) {
            for (const [name, child] of Object.entries(node.properties ?? {}))
                if (!seen.has(name))
                    seen.set(name, child);
        }
        return [...seen.entries()];
    }
    unknownProperty(type, name, walked, shown) {
        const names = this.propertiesOf(type).map(([n]) => n);
        const where = walked === '' ? (type.entity ?? 'the element') : `'${walked}'`;
        const isList = type.nodes.some((n) => n.type === 'array');
        if (names.length === 0) {
            return isList
                ? `'${walked}' in '${shown}' is a list: address its elements with '${walked}[*].${name}'`
                : `'${shown}': ${where} has no fields, so no '${name}'`;
        }
        const near = nearest(name, names);
        const hint = near.length > 0 ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : '';
        return `unknown field '${name}' in '${shown}': ${where} has no such field${hint}`;
    }
    /** The shapes behind schema nodes: references followed, unions flattened, the unknown marker noted. */
    typeOf(...nodes) {
        const result = { nodes: [], open: false, unknown: false };
        const add = (node, depth) => {
            if (depth > 32)
                return;
            if (node.$ref !== undefined) {
                if (node.$ref === UNKNOWN_DEF) {
                    result.unknown = true;
                    return;
                }
                const entity = ENTITY_DEFS[node.$ref];
                if (entity !== undefined)
                    result.entity = entity;
                const target = this.document.$defs[node.$ref.replace('#/$defs/', '')];
                if (target !== undefined)
                    add(target, depth + 1);
                return;
            }
            if (node.anyOf !== undefined) {
                for (const branch of node.anyOf)
                    add(branch, depth + 1);
                return;
            }
            if (node.tsType === 'unknown' && node.type === undefined) {
                result.open = true;
                return;
            }
            result.nodes.push(node);
        };
        for (const node of nodes)
            add(node, 0);
        return result;
    }
}
/** Up to three names closest to a misspelt one (edit distance, case-insensitive), closest first. */
function nearest(name, candidates) {
    const lower = name.toLowerCase();
    const scored = candidates
        .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
        .filter(({ c, d }) => d <= Math.max(2, Math.floor(Math.max(c.length, name.length) / 4)))
        .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
    return scored.slice(0, 3).map(({ c }) => c);
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}

/**
 * Azure RBAC permission semantics: what a role definition grants, decided from its permission blocks rather than its
 * name. Pure functions over plain data, for built-in roles (builtin-role-table.ts) and custom roles from the input.
 *
 * The rules, as Microsoft documents them:
 * - "Understand Azure role definitions", https://learn.microsoft.com/azure/role-based-access-control/role-definitions
 *   (sections Actions, NotActions, DataActions, NotDataActions, Control and data actions): a role's effective
 *   control-plane permissions are its Actions minus its NotActions, data-plane ones its DataActions minus its
 *   NotDataActions; NotActions only subtract, they deny nothing another grant allows; and a wildcard in Actions does not
 *   reach data actions, which exist so that `*` roles do not gain access to data.
 * - "Azure custom roles", https://learn.microsoft.com/azure/role-based-access-control/custom-roles (Wildcard
 *   permissions; the note above it): all four lists accept `*`, which extends a permission to every action string it
 *   matches; permission strings are case-insensitive.
 * - The examples on those pages (`*\/read` for "read actions of all resource types of all providers",
 *   `Microsoft.Compute/*` for "all actions for all resource types") show that `*` stands anywhere in a string and
 *   matches across `/`, so it is matched here as "any sequence of characters".
 * - A role definition's `permissions` is an array of blocks; the CLI output on the role-definitions page shows each with
 *   its own arrays and `condition`. NotActions are read within their block and the blocks' grants are united, which is
 *   how built-in roles carve a conditional grant out of a broad one (Service Group Administrator grants `*` minus role
 *   assignment writes in one block and the writes under an ABAC condition in another).
 */
const WILDCARD = '*';
/**
 * Leading and trailing white space carries no meaning in an operation name (some built-in definitions have a stray
 * trailing space), and comparisons are case-insensitive.
 */
const canonical = (text) => text.trim().toLowerCase();
function grantsOf(block, kind) {
    return kind === 'action' ? block.actions : block.dataActions;
}
function exclusionsOf(block, kind) {
    return kind === 'action' ? block.notActions : block.notDataActions;
}
/** KMP failure table: for each prefix of `needle`, the length of its longest proper border. */
function borders(needle) {
    const table = [0];
    let length = 0;
    for (let i = 1; i < needle.length; i++) {
        while (length > 0 && needle[i] !== needle[length])
            length = table[length - 1] ?? 0;
        if (needle[i] === needle[length])
            length++;
        table.push(length);
    }
    return table;
}
/** The first index >= `from` where `needle` occurs in `text` and ends by `end`, or -1; linear time (KMP). */
function indexWithin(text, needle, from, end) {
    const table = borders(needle);
    let matched = 0;
    for (let i = from; i < end; i++) {
        while (matched > 0 && text[i] !== needle[matched])
            matched = table[matched - 1] ?? 0;
        if (text[i] === needle[matched])
            matched++;
        if (matched === needle.length)
            return i - needle.length + 1;
    }
    return -1;
}
/**
 * Patterns and actions are compared wrapped in slashes, so that a `*` at either end of a pattern is a whole segment
 * like one in the middle (`*\/read` -> `/*\/read/`), and runs of stars are one star.
 */
const wrap = (text) => `/${canonical(text).replace(/\*+/g, WILDCARD)}/`;
/**
 * Whether an action string (`Microsoft.Network/virtualNetworks/subnets/join/action`) is matched by a permission
 * pattern (`Microsoft.Network/*`, `*\/read`, `*`). Case-insensitive; `*` matches any sequence of characters, `/`
 * included ("Understand Azure role definitions", learn.microsoft.com). A `*` in `action` is an ordinary character:
 * some operations carry one in their name, such as `Microsoft.ManagedIdentity/userAssignedIdentities/*\/assign/action`,
 * the operation a control plane needs to assign an identity, which Managed Identity Operator grants.
 *
 * Linear in the two lengths and without regular expressions built from the input: the pattern's first and last pieces
 * must be the action's prefix and suffix, and each piece between stars is placed at its leftmost occurrence after the
 * previous one (placing it later could only leave less room for the rest), so nothing is ever retried.
 */
function actionMatches(pattern, action) {
    const text = `/${canonical(action)}/`;
    const pieces = wrap(pattern).split(WILDCARD);
    const first = pieces[0] ?? '';
    const last = pieces[pieces.length - 1] ?? '';
    if (pieces.length === 1)
        return text === first;
    if (!text.startsWith(first) || !text.endsWith(last))
        return false;
    let from = first.length;
    for (let i = 1; i < pieces.length - 1; i++) {
        const piece = pieces[i] ?? '';
        const at = indexWithin(text, piece, from, text.length);
        if (at < 0)
            return false;
        from = at + piece.length;
    }
    return from <= text.length - last.length;
}
function blockGrants(block, action, kind) {
    return (grantsOf(block, kind).some((pattern) => actionMatches(pattern, action)) &&
        !exclusionsOf(block, kind).some((pattern) => actionMatches(pattern, action)));
}
function conditionConstrains(block, action) {
    if (block.conditional !== true)
        return false;
    const constrained = block.conditionAppliesTo;
    return constrained === undefined || constrained.some((pattern) => actionMatches(pattern, action));
}
/**
 * Whether the role grants one concrete action of the given kind: `yes` when a block grants it without condition,
 * `conditional` when only blocks whose ABAC condition applies to it do, otherwise `no`. Control-plane and data-plane
 * permissions are separate: `*` in actions grants no data action. A `*` in `action` is taken literally; to ask about a
 * family of actions use grantsAnyMatching.
 */
function allows(role, action, kind) {
    let grant = 'no';
    for (const block of role.blocks) {
        if (!blockGrants(block, action, kind))
            continue;
        if (!conditionConstrains(block, action))
            return 'yes';
        grant = 'conditional';
    }
    return grant;
}
const compile = (pattern) => Array.from(wrap(pattern));
/** The pattern positions reachable from `states` without reading: past a `*`, which may match nothing. */
function closure(glob, states) {
    const reached = new Set();
    const pending = [...states];
    for (let state = pending.pop(); state !== undefined; state = pending.pop()) {
        if (reached.has(state))
            continue;
        reached.add(state);
        if (glob[state] === WILDCARD)
            pending.push(state + 1);
    }
    return [...reached].sort((a, b) => a - b);
}
function step(glob, states, char) {
    const next = [];
    for (const state of states) {
        const token = glob[state];
        if (token === WILDCARD)
            next.push(state);
        else if (token === char)
            next.push(state + 1);
    }
    return closure(glob, next);
}
/**
 * Past this many automaton states a search gives up and reports that a common action may exist. Built-in roles need a
 * few hundred at most; the bound only keeps adversarial custom roles from costing unbounded time.
 */
const SEARCH_STATE_LIMIT = 50_000;
/** Azure operations have a namespace, at least one resource type and a verb. */
const OPERATION_SEGMENTS = 3;
function isOperationShaped(action) {
    const segments = canonical(action).split('/');
    return segments.length >= OPERATION_SEGMENTS && !segments.includes('');
}
/** The literal text a pattern's matches all start with, and the one they all end with (wrapped in slashes). */
function fixedEnds(glob) {
    const firstStar = glob.indexOf(WILDCARD);
    if (firstStar < 0)
        return { head: glob.join(''), tail: glob.join('') };
    return {
        head: glob.slice(0, firstStar).join(''),
        tail: glob.slice(glob.lastIndexOf(WILDCARD) + 1).join(''),
    };
}
const compatible = (a, b, at) => at === 'head' ? a.startsWith(b) || b.startsWith(a) : a.endsWith(b) || b.endsWith(a);
/** A cheap, exact refusal for the common case of patterns that cannot share an action: their fixed ends disagree. */
function endsDisagree(globs) {
    const ends = globs.map(fixedEnds);
    return ends.some((a, i) => ends.slice(i + 1).some((b) => !compatible(a.head, b.head, 'head') || !compatible(a.tail, b.tail, 'tail')));
}
/**
 * Whether some action string is matched by every pattern in `required` and by none in `excluded`: a search over the
 * product of the patterns' automata. Every string outside the patterns' characters behaves like one fresh character
 * (only a `*` can match it), so searching the patterns' own characters plus one fresh character is exhaustive.
 */
function someActionMatches(required, excluded) {
    // A pattern without a wildcard matches one action: that action is the only candidate.
    const literal = required.find((pattern) => !pattern.includes(WILDCARD));
    if (literal !== undefined) {
        return (isOperationShaped(literal) &&
            required.every((pattern) => actionMatches(pattern, literal)) &&
            !excluded.some((pattern) => actionMatches(pattern, literal)));
    }
    const requiredGlobs = required.map(compile);
    if (endsDisagree(requiredGlobs))
        return false;
    const globs = [...requiredGlobs, ...excluded.map(compile)];
    const alphabet = new Set(globs.flat().filter((token) => token !== WILDCARD));
    let fresh = '\u0000';
    while (alphabet.has(fresh))
        fresh = String.fromCharCode(fresh.charCodeAt(0) + 1);
    alphabet.add(fresh);
    const accepts = (node) => node.segments >= OPERATION_SEGMENTS &&
        !node.atSegmentStart &&
        node.states.every((set, i) => {
            const glob = globs[i] ?? [];
            const mustMatch = i < required.length;
            return step(glob, set, '/').includes(glob.length) === mustMatch;
        });
    const keyOf = (node) => `${node.segments}${node.atSegmentStart ? '/' : ''}:${node.states.map((set) => set.join(',')).join('|')}`;
    const start = {
        states: globs.map((glob) => step(glob, closure(glob, [0]), '/')),
        segments: 1,
        atSegmentStart: true,
    };
    const seen = new Set([keyOf(start)]);
    const queue = [start];
    for (let head = 0, next = queue[0]; next !== undefined; next = queue[++head]) {
        if (accepts(next))
            return true;
        for (const char of alphabet) {
            if (char === '/' && next.atSegmentStart)
                continue;
            const states = [];
            for (const [i, set] of next.states.entries()) {
                const stepped = step(globs[i] ?? [], set, char);
                // A required pattern with no live state can never match again; the string is a dead end.
                if (i < required.length && stepped.length === 0)
                    break;
                states.push(stepped);
            }
            if (states.length < globs.length)
                continue;
            const node = {
                states,
                segments: char === '/' ? Math.min(next.segments + 1, OPERATION_SEGMENTS) : next.segments,
                atSegmentStart: char === '/',
            };
            const key = keyOf(node);
            if (seen.has(key))
                continue;
            if (seen.size >= SEARCH_STATE_LIMIT)
                return true;
            seen.add(key);
            queue.push(node);
        }
    }
    return false;
}
/** Whether two permission patterns have an action string in common (`Microsoft.Network/*` and `*\/read` do). */
function patternsOverlap(a, b) {
    return someActionMatches([a, b], []);
}
/**
 * Whether the role grants some action of the given kind that `query` matches: `yes` when there is an action matched
 * by `query` that the role grants without condition (allows would say `yes`), else `conditional` when there is one it
 * grants under a condition, else `no`. For "anything under `Microsoft.Network/*`", "any write", "any role assignment
 * action". With a concrete `query` this is allows.
 *
 * Both sides may hold wildcards, so "there is an action" is decided exactly over every action string, not only the
 * operations Azure defines today: a wildcard grant covers operations added later (role-definitions page), so a
 * permission the role would gain that way counts. For each block and each of its patterns P the question is whether
 * some string is matched by P and `query` and by none of the block's exclusions (nor, for `yes`, by the patterns its
 * condition constrains); other blocks' exclusions do not apply. The one approximation: a search that would exceed
 * SEARCH_STATE_LIMIT states answers as if such a string existed, which no built-in role comes near.
 */
function grantsAnyMatching(role, query, kind) {
    if (!query.includes(WILDCARD))
        return allows(role, query, kind);
    let grant = 'no';
    for (const block of role.blocks) {
        for (const pattern of grantsOf(block, kind)) {
            if (!patternsOverlap(pattern, query))
                continue;
            // An exclusion that shares no action with this pattern and the query cannot remove anything from what they share.
            const excluded = exclusionsOf(block, kind).filter((exclusion) => patternsOverlap(exclusion, pattern) && patternsOverlap(exclusion, query));
            if (block.conditional !== true) {
                if (someActionMatches([pattern, query], excluded))
                    return 'yes';
                continue;
            }
            const constrained = block.conditionAppliesTo;
            if (constrained !== undefined && someActionMatches([pattern, query], [...excluded, ...constrained]))
                return 'yes';
            if (grant === 'no' && someActionMatches([pattern, query], excluded))
                grant = 'conditional';
        }
    }
    return grant;
}

/**
 * The field operators on one value. `value` may be absent (undefined), null, an Unknown or a plain JSON value;
 * `operand` is the resolved right-hand side. An operator returns "unknown" (the `unknownTri` marker, which the
 * caller fills with reasons) when the answer depends on a value not known yet.
 */
const UNKNOWN_TRI = { unknown: [] };
const OPERATOR_NAMES = [
    'equals',
    'notEquals',
    'in',
    'notIn',
    'exists',
    'like',
    'notLike',
    'match',
    'notMatch',
    'matchInsensitively',
    'notMatchInsensitively',
    'contains',
    'notContains',
    'greater',
    'greaterOrEquals',
    'less',
    'lessOrEquals',
    'allowsAction',
    'allowsDataAction',
    'allowsAnyAction',
    'allowsAnyDataAction',
];
function applyOperator(op, value, operand) {
    switch (op) {
        case 'equals':
            return equals(value, operand);
        case 'notEquals':
            return triNot(equals(value, operand));
        case 'in':
            return isIn(value, operand);
        case 'notIn':
            return triNot(isIn(value, operand));
        case 'exists':
            return exists(value, operand);
        case 'like':
            return onString(value, (s) => typeof operand === 'string' && likeMatches(s, operand));
        case 'notLike':
            return triNot(onString(value, (s) => typeof operand === 'string' && likeMatches(s, operand)));
        case 'match':
            return onString(value, (s) => typeof operand === 'string' && matchPattern(s, operand, false));
        case 'notMatch':
            return triNot(onString(value, (s) => typeof operand === 'string' && matchPattern(s, operand, false)));
        case 'matchInsensitively':
            return onString(value, (s) => typeof operand === 'string' && matchPattern(s, operand, true));
        case 'notMatchInsensitively':
            return triNot(onString(value, (s) => typeof operand === 'string' && matchPattern(s, operand, true)));
        case 'contains':
            return contains(value, operand);
        case 'notContains':
            return triNot(contains(value, operand));
        case 'greater':
            return compare(value, operand, (c) => c > 0);
        case 'greaterOrEquals':
            return compare(value, operand, (c) => c >= 0);
        case 'less':
            return compare(value, operand, (c) => c < 0);
        case 'lessOrEquals':
            return compare(value, operand, (c) => c <= 0);
        case 'allowsAction':
            return grants(value, operand, 'action', allows);
        case 'allowsDataAction':
            return grants(value, operand, 'dataAction', allows);
        case 'allowsAnyAction':
            return grants(value, operand, 'action', grantsAnyMatching);
        case 'allowsAnyDataAction':
            return grants(value, operand, 'dataAction', grantsAnyMatching);
    }
}
function isAbsent(value) {
    return value === undefined || value === null;
}
/** Case-insensitive for strings, as Azure compares names and IDs; an absent value equals null. */
function equals(value, operand) {
    if (isUnknown(value) || isUnknown(operand)) {
        if (sameValue(value, operand))
            return true;
        return knownDifferent(value, operand) ? false : UNKNOWN_TRI;
    }
    if (isAbsent(value) || isAbsent(operand))
        return isAbsent(value) && isAbsent(operand);
    if (typeof value === 'string' && typeof operand === 'string')
        return sameValue(value, operand);
    if (Array.isArray(value) || typeof value === 'object')
        return false;
    return value === operand;
}
function isIn(value, operand) {
    if (isUnknown(operand))
        return UNKNOWN_TRI;
    if (!Array.isArray(operand))
        return false;
    return triAny(operand.map((item) => equals(value, item)));
}
/** A value exists when it is set: not absent, null or an empty string. */
function exists(value, operand) {
    if (isUnknown(value))
        return UNKNOWN_TRI;
    const present = !isAbsent(value) && value !== '';
    return operand === false ? !present : present;
}
function onString(value, test) {
    if (isUnknown(value))
        return UNKNOWN_TRI;
    return typeof value === 'string' && test(value);
}
/** A string contains a substring (case-insensitive); an array contains an element. */
function contains(value, operand) {
    if (isUnknown(value))
        return UNKNOWN_TRI;
    if (Array.isArray(value))
        return triAny(value.map((item) => equals(item, operand)));
    if (isUnknown(operand))
        return typeof value === 'string' ? UNKNOWN_TRI : false;
    if (typeof value === 'string' && typeof operand === 'string') {
        return value.toLowerCase().includes(operand.toLowerCase());
    }
    return false;
}
function compare(value, operand, test) {
    if (isUnknown(value) || isUnknown(operand))
        return UNKNOWN_TRI;
    if (typeof value === 'number' && typeof operand === 'number')
        return test(value - operand);
    if (typeof value === 'string' && typeof operand === 'string') {
        const a = value.toLowerCase();
        const b = operand.toLowerCase();
        return test(a < b ? -1 : a > b ? 1 : 0);
    }
    return false;
}
/**
 * Whether permission blocks grant an operation (allows), or any operation a pattern matches (grantsAnyMatching), as
 * Azure decides: unknown permissions, or a grant only a conditional
 * block makes (an ABAC condition decides it per request), are unknown; anything but a list of blocks grants nothing.
 */
function grants(value, operand, kind, decide) {
    if (isUnknown(value))
        return UNKNOWN_TRI;
    if (!Array.isArray(value) || typeof operand !== 'string')
        return false;
    const blocks = value.flatMap(asPermissionBlock);
    const grant = decide({ blocks }, operand, kind);
    return grant === 'yes' ? true : grant === 'conditional' ? UNKNOWN_TRI : false;
}
/** A permission block as the model (or a policy's example, which may leave empty lists out) writes it. */
function asPermissionBlock(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return [];
    const b = value;
    const list = (key) => Array.isArray(b[key]) ? b[key].filter((x) => typeof x === 'string') : [];
    const block = {
        actions: list('actions'),
        notActions: list('notActions'),
        dataActions: list('dataActions'),
        notDataActions: list('notDataActions'),
    };
    if (b['conditional'] === true)
        block.conditional = true;
    if (Array.isArray(b['conditionAppliesTo']))
        block.conditionAppliesTo = list('conditionAppliesTo');
    return [block];
}

const COUNT_OPERATORS = [
    'equals',
    'notEquals',
    'greater',
    'greaterOrEquals',
    'less',
    'lessOrEquals',
];
/**
 * Compiles a schema-valid condition into a predicate once, so evaluating it over thousands of entities does no
 * parsing. Every field path is checked against the model's schema. Semantic problems are collected, not thrown,
 * so a policy author sees all of them at once.
 */
function compileCondition(condition, path, problems, contexts) {
    if ('allOf' in condition) {
        const parts = condition.allOf.map((c, i) => compileCondition(c, [...path, 'allOf', i], problems, contexts));
        return (scope) => triAll(lazy(parts, scope));
    }
    if ('anyOf' in condition) {
        const parts = condition.anyOf.map((c, i) => compileCondition(c, [...path, 'anyOf', i], problems, contexts));
        return (scope) => triAny(lazy(parts, scope));
    }
    if ('not' in condition) {
        const inner = compileCondition(condition.not, [...path, 'not'], problems, contexts);
        return (scope) => triNot(inner(scope));
    }
    if ('count' in condition)
        return compileCount(condition, path, problems, contexts);
    return compileField(condition, path, problems, contexts);
}
/** Evaluates lazily so allOf stops at the first false and anyOf at the first true. */
function* lazy(parts, scope) {
    for (const part of parts)
        yield part(scope);
}
/** A parsed path, checked for where it may reach ($outer) and against the model; its type when it has one. */
function checkedPath(text, where, problems, contexts, wildcardAllowed) {
    const parsed = parseFieldPath(text);
    const depth = contexts.length - 1;
    if (parsed.outerHops > depth) {
        problems.push({
            path: where,
            message: depth === 0
                ? `'$outer.' reaches the element enclosing a count's where; '${text}' is not inside one`
                : `'${text}' goes out ${parsed.outerHops} levels, but it is nested in only ${counted(depth, 'count')}`,
        });
        return { parsed };
    }
    if (parsed.hasWildcard && !wildcardAllowed) {
        problems.push({
            path: where,
            message: `'${text}' has [*]; a value to compare with must be a single value`,
        });
    }
    const start = contexts[depth - parsed.outerHops];
    if (start === undefined)
        return { parsed };
    const walked = ModelSchema.get().walk(start, parsed.segments, text);
    if ('problem' in walked) {
        problems.push({ path: where, message: walked.problem });
        return { parsed };
    }
    return { parsed, type: walked.type };
}
function compileField(condition, path, problems, contexts) {
    const field = checkedPath(condition.field, [...path, 'field'], problems, contexts, true).parsed;
    const op = OPERATOR_NAMES.find((name) => name in condition);
    if (op === undefined) {
        problems.push({ path, message: `a field condition needs an operator: ${OPERATOR_NAMES.join(', ')}` });
        return () => false;
    }
    const operand = compileOperand(condition[op], [...path, op], problems, contexts);
    return (scope) => {
        const right = operand(scope);
        const left = resolveField(field, scope);
        if (!left.many)
            return explain(applyOperator(op, left.value, right), [
                [field.text, left.value],
                [operand.text, right],
            ]);
        if (left.collectionUnknown !== undefined) {
            return { unknown: [{ field: field.text, reason: left.collectionUnknown.reason }] };
        }
        return triAll(left.values.map((v) => explain(applyOperator(op, v, right), [
            [field.text, v],
            [operand.text, right],
        ])));
    };
}
function compileOperand(raw, where, problems, contexts) {
    if (isFieldRef(raw)) {
        const ref = checkedPath(raw.field, [...where, 'field'], problems, contexts, false).parsed;
        const resolve = (scope) => {
            const v = resolveField(ref, scope);
            return v.many ? undefined : v.value;
        };
        return Object.assign(resolve, { text: ref.text });
    }
    return Object.assign(() => raw, { text: 'value' });
}
function isFieldRef(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && 'field' in value;
}
/** Fills the reasons of an unknown result from whichever side is not known yet. */
function explain(result, sides) {
    if (!isUnknownTri(result) || result.unknown.length > 0)
        return result;
    const because = [];
    for (const [field, value] of sides) {
        if (isUnknown(value))
            because.push({ field, reason: value.reason });
        // A list operand (a scope chain) undecided by one of its elements.
        else if (Array.isArray(value)) {
            for (const item of value)
                if (isUnknown(item))
                    because.push({ field, reason: describeUnknown(item) });
        }
    }
    return { unknown: because };
}
function compileCount(condition, path, problems, contexts) {
    const fieldPath = [...path, 'count', 'field'];
    const checked = checkedPath(condition.count.field, fieldPath, problems, contexts, true);
    const field = checked.parsed;
    let element;
    if (checked.type !== undefined) {
        const last = field.segments[field.segments.length - 1];
        element = ModelSchema.get().elementOf(checked.type, last !== undefined && 'wildcard' in last);
        if (element === undefined) {
            problems.push({
                path: fieldPath,
                message: `'${field.text}' is not a list, so there is nothing to count`,
            });
        }
    }
    const where = condition.count.where === undefined
        ? undefined
        : compileCondition(condition.count.where, [...path, 'count', 'where'], problems, [
            ...contexts,
            element,
        ]);
    const op = COUNT_OPERATORS.find((name) => name in condition);
    if (op === undefined) {
        problems.push({ path, message: `a count needs a comparison: ${COUNT_OPERATORS.join(', ')}` });
        return () => false;
    }
    const target = condition[op] ?? 0;
    return (scope) => {
        const resolved = resolveField(field, scope);
        let elements;
        if (resolved.many) {
            if (resolved.collectionUnknown !== undefined) {
                return { unknown: [{ field: field.text, reason: resolved.collectionUnknown.reason }] };
            }
            elements = resolved.values;
        }
        else if (isUnknown(resolved.value)) {
            return { unknown: [{ field: field.text, reason: resolved.value.reason }] };
        }
        else {
            elements = Array.isArray(resolved.value) ? resolved.value : [];
        }
        let sure = 0;
        let maybe = 0;
        const reasons = [];
        const matched = [];
        const outers = [...scope.outers, scope.element];
        for (const element of elements) {
            // An element that may or may not be there (a registry granted to an undecided principal) counts as "maybe".
            if (element instanceof MaybeElement) {
                maybe++;
                reasons.push({ field: field.text, reason: element.reason });
                continue;
            }
            const inner = scope.trace === undefined ? { element, outers } : { element, outers, trace: scope.trace };
            const r = where === undefined ? true : where(inner);
            if (r === true) {
                sure++;
                matched.push(element);
            }
            else if (isUnknownTri(r)) {
                maybe++;
                reasons.push(...r.unknown);
            }
        }
        const result = countHolds(op, sure, sure + maybe, target, reasons);
        // Counted too many of some kind: the elements it counted are what the failure is about (the grants to remove).
        // A count of everything (no where) blames nothing in particular.
        if (result === false && where !== undefined && scope.trace !== undefined && tooMany(op, sure, target)) {
            scope.trace.push(...matched);
        }
        return result;
    };
}
/** Whether a false count comparison failed because the count is above what it allows. */
function tooMany(op, count, target) {
    switch (op) {
        case 'equals':
        case 'lessOrEquals':
            return count > target;
        case 'less':
            return count >= target;
        default:
            return false;
    }
}
/** The count lies between min and max; the comparison is decided only if it gives one answer over that range. */
function countHolds(op, min, max, target, reasons) {
    const test = (n) => {
        switch (op) {
            case 'equals':
                return n === target;
            case 'notEquals':
                return n !== target;
            case 'greater':
                return n > target;
            case 'greaterOrEquals':
                return n >= target;
            case 'less':
                return n < target;
            case 'lessOrEquals':
                return n <= target;
        }
    };
    const first = test(min);
    for (let n = min + 1; n <= max; n++)
        if (test(n) !== first)
            return { unknown: reasons };
    return first;
}

const EXPECTATIONS = [
    ['pass', 'pass'],
    ['fail', 'fail'],
    ['indeterminate', 'indeterminate'],
    ['notApplicable', 'not-applicable'],
];
/**
 * Runs a policy's embedded examples (entities that must pass, fail, be indeterminate or not applicable), as ESLint
 * runs a rule's valid and invalid cases. `{"$unknown": "reason"}` in an example stands for a value not known yet.
 */
function runExamples(policy) {
    const results = [];
    for (const [key, expected] of EXPECTATIONS) {
        (policy.policy.examples?.[key] ?? []).forEach((example, index) => {
            const entity = {
                kind: policy.policy.target,
                key: `example ${key}[${index}]`,
                ...reviveUnknowns(example),
            };
            const actual = evaluatePolicy(policy, entity).status;
            results.push({
                policyId: policy.policy.id,
                file: policy.file,
                expected,
                actual,
                index,
                ok: actual === expected,
            });
        });
    }
    return results;
}
/**
 * Example entities with a field the model does not have: such an example tests nothing (a policy reading the
 * misspelt field would pass it, and so would the example with the same misspelling).
 */
function exampleProblems(policy) {
    const schema = ModelSchema.get();
    const problems = [];
    const visit = (value, type, path, shown) => {
        if (type.open || typeof value !== 'object' || value === null || isUnknownMarker(value))
            return;
        if (Array.isArray(value)) {
            value.forEach((item, i) => {
                const walked = schema.walk(type, [{ index: i }], shown);
                if ('problem' in walked)
                    problems.push({ path: [...path, i], message: walked.problem });
                else
                    visit(item, walked.type, [...path, i], `${shown}[${i}]`);
            });
            return;
        }
        for (const [key, item] of Object.entries(value)) {
            const next = shown === '' ? key : `${shown}.${key}`;
            const walked = schema.walk(type, [{ name: key }], next);
            if ('problem' in walked)
                problems.push({ path: [...path, key], message: walked.problem });
            else
                visit(item, walked.type, [...path, key], next);
        }
    };
    for (const [key] of EXPECTATIONS) {
        (policy.examples?.[key] ?? []).forEach((example, i) => {
            visit(example, schema.entity(policy.target), ['examples', key, i], '');
        });
    }
    return problems;
}
function isUnknownMarker(value) {
    return !Array.isArray(value) && Object.keys(value).every((k) => k === '$unknown' || k === '$ref');
}
function reviveUnknowns(value) {
    return revive(value);
}
function revive(value) {
    if (Array.isArray(value))
        return value.map(revive);
    if (typeof value !== 'object' || value === null)
        return value;
    const record = value;
    const keys = Object.keys(record);
    if (keys.length >= 1 &&
        keys.every((k) => k === '$unknown' || k === '$ref') &&
        typeof record['$unknown'] === 'string') {
        const ref = typeof record['$ref'] === 'string' ? record['$ref'] : undefined;
        return new Unknown(record['$unknown'], ref, ref !== undefined && isIdentifierRef(ref));
    }
    return Object.fromEntries(keys.map((k) => [k, revive(record[k])]));
}

const OPERATORS_TEXT = 'equals, notEquals, in, notIn, exists, like, notLike, match, notMatch, matchInsensitively, ' +
    'notMatchInsensitively, contains, notContains, greater, greaterOrEquals, less, lessOrEquals, allowsAction, ' +
    'allowsDataAction, allowsAnyAction, allowsAnyDataAction';
let validator;
/**
 * Validates a policy against schema/policy.schema.json and explains each problem once. A condition is a oneOf of
 * five forms; the form is chosen by its naming key and the value is validated against that form alone.
 */
function validatePolicyValue(value) {
    validator ??= new SchemaValidator(JSON.parse(readFileSync(policySchemaPath(), 'utf8')), {
        narrow: {
            def: 'condition',
            forms: [
                ['allOf', 'allOfCondition'],
                ['anyOf', 'anyOfCondition'],
                ['not', 'notCondition'],
                ['count', 'countCondition'],
                ['field', 'fieldCondition'],
            ],
            expected: "expected a condition: an object with 'field' and one operator, or 'count', 'allOf', 'anyOf' or 'not'",
        },
        anyOfExpected: {
            operand: 'a string, number, boolean, null or {"field": "<path>"}',
            listOperand: 'an array of values or {"field": "<path>"}',
            orderedOperand: 'a number, a string or {"field": "<path>"}',
        },
        describe: (keyword, def, path, root, base) => {
            if ((keyword === 'minProperties' || keyword === 'maxProperties') && def === 'fieldCondition') {
                const node = valueAt(root, path.slice(base.length));
                const keys = Object.keys(typeof node === 'object' && node !== null ? node : {}).filter((k) => k !== 'field');
                return keys.length === 0
                    ? `a field condition needs one operator: ${OPERATORS_TEXT}`
                    : `a field condition takes exactly one operator; found ${keys.join(', ')}`;
            }
            if ((keyword === 'minProperties' || keyword === 'maxProperties') && def === 'countCondition') {
                return 'a count condition takes one comparison: equals, notEquals, greater, greaterOrEquals, less or lessOrEquals';
            }
            if (keyword === 'pattern' && def === 'path') {
                return 'not a field path; expected e.g. identity.type, kubeletRoleAssignments[*].role.name or $outer.id';
            }
            return undefined;
        },
        unknownPropertyHint: { fieldCondition: ` (operators: ${OPERATORS_TEXT})` },
    });
    return validator.validate(value);
}

class PolicyLoadError extends UserError {
    problems;
    constructor(problems) {
        super(problems.map(formatProblem).join('\n'));
        this.problems = problems;
        this.name = 'PolicyLoadError';
    }
}
/**
 * Loads every policy file (*.json, searched recursively) of the given directories, validates each against
 * schema/policy.schema.json and compiles it. All problems of all files are reported together, and nothing runs
 * when there is any: a half-loaded policy set would pass what it should fail.
 */
async function loadPolicies(sources) {
    const problems = [];
    const policies = [];
    const seen = new Map();
    for (const source of sources) {
        const dir = resolve(source.dir);
        const info = await stat(dir).catch(() => undefined);
        if (info?.isDirectory() !== true) {
            problems.push({ file: displayPath(dir), pointer: '', message: 'the policy directory does not exist' });
            continue;
        }
        for (const path of await policyFiles(dir)) {
            const file = displayPath(path);
            const text = await readFile(path, 'utf8');
            const loaded = compilePolicyText(text, file, source.builtIn);
            problems.push(...loaded.problems);
            if (loaded.policy === undefined)
                continue;
            const id = loaded.policy.policy.id;
            const other = seen.get(id.toUpperCase());
            if (other !== undefined) {
                problems.push({
                    ...locate(text, file, ['id']),
                    message: `duplicate policy ID ${id} (also in ${other})`,
                });
                continue;
            }
            seen.set(id.toUpperCase(), file);
            policies.push(loaded.policy);
        }
    }
    if (problems.length > 0)
        throw new PolicyLoadError(problems);
    return policies.sort((a, b) => a.policy.id.localeCompare(b.policy.id));
}
/** Parses, validates and compiles one policy document. */
function compilePolicyText(text, file, builtIn) {
    const parsed = parseAndCheck(text, file, 'a policy object', validatePolicyValue);
    if (parsed.value === undefined)
        return { problems: parsed.problems };
    const policy = parsed.value;
    const compileProblems = [];
    const entity = ModelSchema.get().entity(policy.target);
    const when = policy.when === undefined
        ? undefined
        : compileCondition(policy.when, ['when'], compileProblems, [entity]);
    const assert = compileCondition(policy.assert, ['assert'], compileProblems, [entity]);
    const culprits = compileCulprits(policy, entity, compileProblems);
    const severityWhen = policy.severityWhen?.map((s, i) => ({
        when: compileCondition(s.when, ['severityWhen', i, 'when'], compileProblems, [entity]),
        severity: s.severity,
    }));
    for (const field of templateFields(policy.message)) {
        const walked = ModelSchema.get().walk(entity, parseFieldPath(field).segments, field);
        if ('problem' in walked)
            compileProblems.push({ path: ['message'], message: walked.problem });
    }
    compileProblems.push(...exampleProblems(policy));
    if (compileProblems.length > 0) {
        return { problems: compileProblems.map((p) => ({ ...parsed.locate(p.path), message: p.message })) };
    }
    const compiled = { policy, file, builtIn, assert };
    if (when !== undefined)
        compiled.when = when;
    if (culprits !== undefined)
        compiled.culprits = culprits;
    if (severityWhen !== undefined)
        compiled.severityWhen = severityWhen;
    return { policy: compiled, problems: [] };
}
/** The culprits list must hold entities, so that a finding can point at their declarations. */
function compileCulprits(policy, entity, problems) {
    if (policy.culprits === undefined)
        return undefined;
    const schema = ModelSchema.get();
    const field = parseFieldPath(policy.culprits.field);
    const walked = schema.walk(entity, field.segments, field.text);
    if ('problem' in walked) {
        problems.push({ path: ['culprits', 'field'], message: walked.problem });
        return undefined;
    }
    const last = field.segments[field.segments.length - 1];
    const element = schema.elementOf(walked.type, last !== undefined && 'wildcard' in last);
    if (element?.entity === undefined) {
        problems.push({
            path: ['culprits', 'field'],
            message: `'${field.text}' is not a list of entities (e.g. kubeletRoleAssignments[*]), so it names no declaration to point at`,
        });
        return undefined;
    }
    const where = policy.culprits.where;
    return where === undefined
        ? { field }
        : { field, where: compileCondition(where, ['culprits', 'where'], problems, [entity, element]) };
}
function locate(text, file, path) {
    return parseAndCheck(text, file, 'a policy object', () => []).locate(path);
}
async function policyFiles(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    const files = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
            files.push(...(await policyFiles(path)));
        }
        else if (entry.isFile() && entry.name.endsWith('.json'))
            files.push(path);
    }
    return files;
}
function displayPath(path) {
    const rel = relative(process.cwd(), path);
    return rel.startsWith('..') ? path : rel.split(sep).join('/');
}

export { ENTITY_KINDS as E, MaybeElement as M, REDACTED as R, Unknown as U, ValueIndex as V, sameValue as a, isSecretKey as b, unknownAfterApply as c, isExistingRef as d, emptyEntities as e, isIdentifierRef as f, evaluateAll as g, ModelSchema as h, isUnknown as i, likeMatches as j, knownDifferent as k, loadPolicies as l, parseFieldPath as p, runExamples as r, scrubSecrets as s, unknownOrigin as u };
