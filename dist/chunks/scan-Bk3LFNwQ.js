import { s as scrubSecrets, i as isUnknown, E as ENTITY_KINDS, U as Unknown, V as ValueIndex, a as sameValue, k as knownDifferent, e as emptyEntities, M as MaybeElement, u as unknownOrigin, R as REDACTED, b as isSecretKey, c as unknownAfterApply, d as isExistingRef, f as isIdentifierRef, l as loadPolicies, g as evaluateAll } from './load-m1TAheir.js';
import { c as counted, j as jsonPointer, l as lineColumn } from './validated-json-CLCVuNXn.js';
import { createHash } from 'node:crypto';
import { isAbsolute, join, resolve, dirname, delimiter } from 'node:path';
import { pathToFileURL } from 'node:url';
import { f as fieldsUsed, a as asObject, b as asString, c as asArray, i as isObject, d as ancestorScopes, p as parseScope, e as displayPath, l as linesOfPointers, g as readJsonFile, h as parseJsonText$1, j as compiledParameters, m as mergeArmParameters, k as pairedParametersFile, n as readParametersFile, o as resolveArmParameters, q as applyWaivers, s as applyBaseline } from './run-options-kGUU6Fwa.js';
import { readFile, access, constants, readdir, stat } from 'node:fs/promises';
import { I as InputError } from './input-error-CCqlw9Qy.js';
import { readFileSync } from 'node:fs';
import { a as packageRoot, p as packageVersion } from './package-files-C8QwCCUf.js';
import { p as parseTree } from './main-DSwMmFsk.js';
import { spawn } from 'node:child_process';
import { a as applyPolicySettings } from './config-B-qoZBbr.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const FAIL_ON_VALUES = [...SEVERITIES, 'none'];
function severityRank(severity) {
    return SEVERITIES.length - SEVERITIES.indexOf(severity);
}
function atOrAbove(severity, threshold) {
    return threshold !== 'none' && severityRank(severity) >= severityRank(threshold);
}

function countOutcome(outcome) {
    const counts = {
        failed: 0,
        indeterminate: 0,
        passed: 0,
        notApplicable: 0,
        blocking: 0,
        suppressed: 0,
        baselined: 0,
    };
    for (const e of outcome.evaluations) {
        if (e.suppression?.kind === 'baseline')
            counts.baselined++;
        else if (e.suppression !== undefined)
            counts.suppressed++;
        else if (e.status === 'fail')
            counts.failed++;
        else if (e.status === 'indeterminate')
            counts.indeterminate++;
        else if (e.status === 'pass')
            counts.passed++;
        else
            counts.notApplicable++;
        if (isBlocking(e, outcome))
            counts.blocking++;
    }
    return counts;
}
/** Whether this result fails the run: a failure at or above fail-on, or an indeterminate one when asked. */
function isBlocking(e, outcome) {
    if (e.suppression !== undefined || !atOrAbove(e.severity, outcome.failOn))
        return false;
    return e.status === 'fail' || (e.status === 'indeterminate' && outcome.failOnIndeterminate);
}
function runFailed(outcome) {
    return outcome.evaluations.some((e) => isBlocking(e, outcome));
}

/** The cluster an entity belongs to, for grouping results: its own, its principal's or its identity's. */
function clusterOf(entity) {
    switch (entity.kind) {
        case 'cluster':
            return entity;
        case 'roleAssignment':
            return entity.principal.cluster;
        case 'managedIdentity':
            return entity.usedBy[0]?.cluster;
        case 'federatedCredential':
            return entity.cluster ?? entity.identity?.usedBy[0]?.cluster;
        default:
            return undefined;
    }
}

/** Shared wording of results, so every output format says the same thing the same way. */
function entityName(entity) {
    const name = entity.name;
    return typeof name === 'string' && name !== '' ? name : entity.key;
}
function entityLabel(entity) {
    const name = entityName(entity);
    return name === entity.key ? entity.key : `${name} (${entity.key})`;
}
/** Longer short names are cut; the full key stays in the link's title and the details. */
const SHORT_NAME_LENGTH = 40;
/**
 * A name that fits a table cell: a Terraform address without its module path and provider prefix
 * (`module.aks.azurerm_role_assignment.acr_pull[0]` → `role_assignment.acr_pull[0]`), else the resource's name,
 * else the last part of its key.
 */
function shortName(entity) {
    const key = entity.key;
    let name;
    if (entity.source.format === 'terraform-plan')
        name = shortAddress(key);
    else if (typeof entity.name === 'string' && entity.name !== '' && entity.name !== key)
        name = entity.name;
    else
        name = key.replace(/\/+$/, '').split('/').pop() ?? key;
    return name.length > SHORT_NAME_LENGTH ? `${name.slice(0, SHORT_NAME_LENGTH - 1)}…` : name;
}
/** A Terraform address without its module path and provider prefix, as a reader names the resource. */
function shortAddress(address) {
    return address
        .replace(/^(?:module\.[^.[]+(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.)+/, '')
        .replace(/^(data\.)?(?:azurerm|azuread)_/, '$1');
}
/** Where to look: the .tf/.bicep declaration when found, else the input file and JSON pointer. */
function locationText(entity) {
    const d = entity.source.declaration;
    if (d !== undefined)
        return spanText(d);
    return inputPlace(entity.source.file, entity.source.pointer);
}
/** A place in an input: the file, and the JSON pointer within it unless it is the whole document. */
function inputPlace(file, pointer) {
    return pointer === '' ? file : `${file}#${pointer}`;
}
function spanText(d) {
    return d.line === d.endLine ? `${d.file}:${d.line}` : `${d.file}:${d.line}-${d.endLine}`;
}
/**
 * Where a finding points: where the reviewer will change code. A failure caused by related entities points at
 * each of them; one decided by a field written on a line of its own (a secret in a variable default) points at
 * that line; anything else at the entity's declaration.
 */
function findingPlaces(e) {
    if (e.culprits !== undefined && e.culprits.length > 0)
        return e.culprits.map(placeOf$1);
    const fieldLocations = e.entity.source.fieldLocations;
    if (e.status === 'fail' && fieldLocations !== undefined) {
        for (const field of fieldsUsed(e.policy.policy.assert)) {
            const location = fieldLocations[field];
            if (location !== undefined)
                return [{ entity: e.entity, location }];
        }
    }
    return [placeOf$1(e.entity)];
}
/** The place of an entity itself: its declaration, or why it has none. */
function placeOf$1(entity) {
    const d = entity.source.declaration;
    if (d !== undefined)
        return { entity, location: d };
    return { entity, note: entity.source.declarationNote ?? 'its input has no source lines' };
}
/** A place as text: `main.tf:12-18`, or the input file and pointer with the reason there is no line. */
function placeText(place) {
    if (place.location !== undefined)
        return spanText(place.location);
    const s = place.entity.source;
    return `${inputPlace(s.file, s.pointer)} (no source line: ${place.note ?? 'unknown'})`;
}
/** The related entities a failure is caused by, named for the message: "Caused by azurerm_role_assignment.a." */
function causedByText(e) {
    if (e.culprits === undefined || e.culprits.length === 0)
        return undefined;
    return `Caused by ${e.culprits.map((c) => c.key).join(', ')}.`;
}
function becauseText(because) {
    if (because.length === 0)
        return 'a value it needs is not known yet';
    return because.map((b) => `${b.field} is ${b.reason}`).join('; ');
}
/** Results grouped by the cluster they concern, clusters in input order, then those tied to no cluster. */
function groupByCluster(outcome) {
    const groups = new Map();
    for (const cluster of outcome.entities.cluster)
        groups.set(cluster, []);
    for (const e of outcome.evaluations) {
        const cluster = clusterOf(e.entity);
        const list = groups.get(cluster) ?? [];
        list.push(e);
        groups.set(cluster, list);
    }
    return [...groups.entries()]
        .sort(([a], [b]) => (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0))
        .map(([cluster, evaluations]) => cluster === undefined
        ? { title: 'Not tied to a cluster', evaluations }
        : { cluster, title: `Cluster ${entityLabel(cluster)}`, evaluations });
}
function annotationLevel(e, outcome) {
    if (isBlocking(e, outcome))
        return 'failure';
    return e.status === 'fail' ? 'warning' : 'notice';
}
/** A finding's text for a reader: the failure message and the fix, or why it cannot be decided yet. */
function findingText(e) {
    if (e.status === 'indeterminate') {
        return `Cannot decide yet: ${becauseText(e.because)}. ${e.policy.policy.title} is checked again when the values are known.`;
    }
    const cause = causedByText(e);
    return `${e.message ?? e.policy.policy.title}${cause === undefined ? '' : `\n${cause}`}\nFix: ${e.policy.policy.remediation.summary}`;
}
/**
 * The results worth acting on: failures and indeterminate ones that are not suppressed, blocking first, then by
 * severity and ID.
 */
function findings(outcome) {
    return sorted(outcome, outcome.evaluations.filter((e) => isFinding(e) && e.suppression === undefined));
}
/** Findings suppressed by a waiver or an inline comment: shown as such in every report. */
function suppressedFindings(outcome) {
    return sorted(outcome, outcome.evaluations.filter((e) => isFinding(e) && e.suppression !== undefined && e.suppression.kind !== 'baseline'));
}
function isFinding(e) {
    return e.status === 'fail' || e.status === 'indeterminate';
}
function sorted(outcome, evaluations) {
    const rank = (e) => (isBlocking(e, outcome) ? 0 : e.status === 'fail' ? 100 : 200) + SEVERITIES.indexOf(e.severity);
    return evaluations.sort((a, b) => rank(a) - rank(b) ||
        a.policy.policy.id.localeCompare(b.policy.policy.id) ||
        a.entity.key.localeCompare(b.entity.key));
}
/** How a suppressed finding reads: who accepted what, why, until when, where. */
function suppressionText(e) {
    const s = e.suppression;
    if (s === undefined)
        return '';
    const until = s.expires === undefined ? '' : ` (until ${s.expires})`;
    return `${s.kind === 'inline' ? 'suppressed' : 'waived'}: ${s.reason}${until} [${s.source}]`;
}
/** Notices about waivers: expired ones (no longer waiving) and stale ones (matching nothing). */
function waiverNotices(outcome) {
    const notices = [];
    for (const w of outcome.waivers) {
        if (w.expired && w.matched > 0) {
            notices.push(`waiver ${w.source} for ${w.policy} on ${w.resource} expired on ${w.expires ?? ''}: its ${counted(w.matched, 'finding')} count again`);
        }
        else if (w.matched === 0) {
            notices.push(`stale waiver ${w.source} for ${w.policy} on ${w.resource}: it matches no finding; remove it`);
        }
    }
    return notices;
}
/** Unsuppressed failures per severity, most severe first. */
function failedBySeverity(outcome) {
    const active = findings(outcome).filter((e) => e.status === 'fail');
    return SEVERITIES.map((s) => [s, active.filter((e) => e.severity === s).length]);
}

const STATUS_WORD = {
    fail: 'FAIL',
    indeterminate: 'UNKNOWN',
    pass: 'pass',
    'not-applicable': 'n/a',
};
/** Plain text for a terminal or a CI log: findings grouped by cluster, counts by severity, the verdict last. */
function renderConsole(outcome, options) {
    const paint = (code, text) => options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
    const lines = [];
    lines.push(`aks-identity-lint ${outcome.version}: ${counted(outcome.policies.length, 'policy', 'policies')}, ${counted(outcome.inputs.length, 'input')}`);
    lines.push('');
    lines.push('Inputs');
    for (const input of outcome.inputs) {
        const unsupported = Object.values(input.unsupported).reduce((a, b) => a + b, 0);
        lines.push(`  ${input.file} (${formatName(input.format)}): ${input.scanned} scanned, ${input.skipped} skipped, ` +
            `${unsupported} outside AKS identity`);
    }
    for (const s of outcome.skipped)
        lines.push(`  skipped ${s.address} in ${s.file}: ${s.reason}`);
    for (const i of outcome.ignored)
        lines.push(`  ignored ${i.file}: ${i.reason}`);
    for (const group of groupByCluster(outcome)) {
        const part = { ...outcome, evaluations: group.evaluations };
        const shown = findings(part);
        const suppressed = suppressedFindings(part);
        if (group.cluster === undefined && shown.length + suppressed.length === 0)
            continue;
        lines.push('');
        const where = group.cluster === undefined ? '' : `  ${locationText(group.cluster)}`;
        lines.push(paint('1', group.title) + where);
        for (const e of shown) {
            const word = STATUS_WORD[e.status];
            const colored = e.status === 'fail' ? paint(isBlocking(e, outcome) ? '31' : '33', word) : paint('36', word);
            lines.push(`  ${colored.padEnd(options.color ? 16 : 7)} ${e.severity.padEnd(8)} ${e.policy.policy.id}  ${e.policy.policy.title}`);
            if (e.entity !== group.cluster)
                lines.push(`      on ${entityLabel(e.entity)}`);
            if (e.status === 'fail')
                lines.push(`      ${e.message ?? ''}`);
            else
                lines.push(`      cannot decide yet: ${becauseText(e.because)}`);
            const cause = causedByText(e);
            if (cause !== undefined)
                lines.push(`      ${cause}`);
            for (const place of findingPlaces(e))
                lines.push(`      at ${placeText(place)}`);
            if (e.expiredWaiver !== undefined) {
                lines.push(`      waiver expired on ${e.expiredWaiver.expires ?? ''} [${e.expiredWaiver.source}]`);
            }
            if (e.status === 'fail')
                lines.push(`      fix: ${e.policy.policy.remediation.summary}`);
        }
        for (const e of suppressed) {
            const word = e.suppression?.kind === 'inline' ? 'IGNORED' : 'WAIVED';
            lines.push(`  ${paint('90', word).padEnd(options.color ? 16 : 7)} ${e.severity.padEnd(8)} ${e.policy.policy.id}  ${e.policy.policy.title}`);
            if (e.entity !== group.cluster)
                lines.push(`      on ${entityLabel(e.entity)}`);
            lines.push(`      ${suppressionText(e)}`);
        }
        const passed = group.evaluations.filter((e) => e.status === 'pass').length;
        const na = group.evaluations.filter((e) => e.status === 'not-applicable').length;
        lines.push(`  ${passed} passed, ${na} not applicable`);
    }
    const notices = waiverNotices(outcome);
    if (notices.length > 0) {
        lines.push('');
        for (const n of notices)
            lines.push(`note: ${n}`);
    }
    const counts = countOutcome(outcome);
    const bySeverity = failedBySeverity(outcome)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`);
    lines.push('');
    lines.push(`Summary: ${counts.failed} failed${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}, ` +
        `${counts.indeterminate} indeterminate, ${counts.passed} passed, ${counts.notApplicable} not applicable` +
        (counts.suppressed > 0 ? `, ${counts.suppressed} suppressed` : '') +
        (outcome.baseline === undefined
            ? ''
            : `, ${counts.baselined} already in the baseline ${outcome.baseline} (not shown)`));
    const failed = runFailed(outcome);
    const rule = `fail-on: ${outcome.failOn}${outcome.failOnIndeterminate ? ', indeterminate fails' : ''}`;
    lines.push(`Result: ${failed ? paint('31;1', 'FAIL') : paint('32;1', 'PASS')} (${rule})`);
    return scrubSecrets(lines.join('\n') + '\n', outcome.secrets);
}
function formatName(format) {
    return format === 'terraform-plan' ? 'Terraform plan JSON' : format;
}

/** Version of the JSON report's shape; baselines and other tools read it. */
const JSON_REPORT_VERSION = 1;
function jsonResult(e, outcome) {
    const cluster = clusterOf(e.entity);
    const source = e.entity.source;
    const result = {
        policyId: e.policy.policy.id,
        title: e.policy.policy.title,
        severity: e.severity,
        status: e.status,
        blocking: isBlocking(e, outcome),
        entity: { kind: e.entity.kind, key: e.entity.key, name: entityName(e.entity) },
        location: { input: source.file, pointer: source.pointer },
        remediation: e.policy.policy.remediation.summary,
    };
    if (cluster !== undefined)
        result.entity.cluster = cluster.key;
    if (e.message !== undefined)
        result.message = e.message;
    if (e.status === 'indeterminate')
        result.because = e.because;
    if (e.suppression !== undefined)
        result.suppression = e.suppression;
    if (e.expiredWaiver !== undefined)
        result.expiredWaiver = e.expiredWaiver;
    if (source.declaration !== undefined) {
        result.location.file = source.declaration.file;
        result.location.line = source.declaration.line;
        result.location.endLine = source.declaration.endLine;
    }
    else if (source.declarationNote !== undefined) {
        result.location.note = source.declarationNote;
    }
    if (e.status === 'fail' || e.status === 'indeterminate') {
        result.places = findingPlaces(e).map((p) => ({
            resource: p.entity.key,
            ...(p.location === undefined ? { input: p.entity.source.file, note: p.note ?? '' } : p.location),
        }));
    }
    if (e.culprits !== undefined)
        result.causedBy = e.culprits.map((c) => c.key);
    return result;
}
/**
 * The whole run as JSON (schema/report.schema.json): every pass, failure, indeterminate and suppressed result, the
 * inputs and what was skipped. Results of policies that do not apply are counted per policy, and listed only when
 * asked: a live scan of 100,000 role assignments has a million of them, more than a JSON string can hold, and none
 * says anything about an entity.
 */
function renderJson(outcome, options = {}) {
    const counts = countOutcome(outcome);
    const notApplicableByPolicy = {};
    for (const e of outcome.evaluations) {
        if (e.status !== 'not-applicable')
            continue;
        const id = e.policy.policy.id;
        notApplicableByPolicy[id] = (notApplicableByPolicy[id] ?? 0) + 1;
    }
    const listed = options.includeNotApplicable === true
        ? outcome.evaluations
        : outcome.evaluations.filter((e) => e.status !== 'not-applicable');
    const report = {
        reportVersion: JSON_REPORT_VERSION,
        tool: { name: 'aks-identity-lint', version: outcome.version },
        result: runFailed(outcome) ? 'fail' : 'pass',
        failOn: outcome.failOn,
        failOnIndeterminate: outcome.failOnIndeterminate,
        summary: {
            ...counts,
            failedBySeverity: Object.fromEntries(failedBySeverity(outcome)),
            notApplicableByPolicy,
        },
        waivers: outcome.waivers,
        ...(outcome.baseline === undefined ? {} : { baseline: outcome.baseline }),
        inputs: outcome.inputs,
        skipped: outcome.skipped,
        ignored: outcome.ignored,
        policies: outcome.policies.map((p) => ({
            id: p.policy.id,
            title: p.policy.title,
            severity: p.policy.severity,
            file: p.file,
            builtIn: p.builtIn,
        })),
        results: listed.map((e) => jsonResult(e, outcome)),
    };
    return scrubSecrets(JSON.stringify(report, null, 2) + '\n', outcome.secrets);
}

/**
 * Text from policies, messages and inputs, made safe to interpolate into GitHub-flavoured markdown: GitHub renders
 * raw HTML, so `<namespace>` or `<control-plane principal>` would be taken for a tag and vanish. Outside code spans
 * `&`, `<` and `>` become entities; inside them the text is shown as written already.
 */
function gfmText(text) {
    return text
        .split(/(`+[^`]*`+)/)
        .map((part, i) => i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
        .join('');
}
/** The same, for a table cell: one line, with its pipes escaped. */
function gfmCell(text) {
    return gfmText(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** More edges than this make a flowchart unreadable; the rest are counted in a note under it. */
const MAX_EDGES = 40;
/** One line under every map, so that shapes and marks need no guessing. */
const MAP_LEGEND = 'Stadiums: clusters and Kubernetes service accounts · boxes: identities · rounded: scopes, with the role on the arrow · ✗ and red: what a failing check is about.';
/**
 * Colours that read on GitHub's light and dark themes alike: a pale fill with dark text for a failing box (so its
 * text never depends on the theme's text colour), and a mid red stroke that stands out on white and on black.
 */
const FAIL_NODE = 'fill:#ffebe9,stroke:#cf222e,stroke-width:2px,color:#1f2328';
const FAIL_EDGE = 'stroke:#cf222e,stroke-width:3px';
/**
 * Who can do what, for one cluster: the cluster, the identities it runs as (control plane, kubelet, add-ons), the
 * workloads that federate to its identities, and every role those identities hold at which scope. Nodes are keyed
 * by the entity they stand for (one identity used twice is one box; two unknown scopes are two), and what a
 * failing check is about is marked: the grant or federation behind it, or the cluster or identity itself.
 */
function identityMap(cluster, identities, evaluations) {
    const failing = failingEntities(evaluations);
    const nodes = new Map();
    const edges = [];
    const node = (key, label, shape, entity) => {
        let found = nodes.get(key);
        if (found === undefined) {
            found = { id: `n${nodes.size}`, label, shape, failing: entity !== undefined && failing.has(entity) };
            nodes.set(key, found);
        }
        return found;
    };
    const edge = (from, to, label, about, structural = false) => {
        const rank = about === undefined ? undefined : failing.get(about);
        edges.push({ from, to, label, structural, ...(rank === undefined ? {} : { failing: rank }) });
    };
    const roles = (from, assignments) => {
        for (const a of assignments)
            edge(from, scopeNode(a, node), roleName(a), a);
    };
    const federations = (to, identity) => {
        for (const credential of identity?.federatedCredentials ?? []) {
            const subject = credential.subject;
            const key = typeof subject === 'string' ? `sa:${subject}` : credential;
            edge(node(key, serviceAccountLabel(subject), 'stadium'), to, 'federates', credential);
        }
    };
    const c = node(cluster, `${displayValue(cluster.name)}\nAKS cluster`, 'stadium', cluster);
    const cpIdentity = cluster.controlPlaneIdentity;
    const cp = node(cpIdentity ?? 'control plane', controlPlaneLabel(cluster), 'box', cpIdentity);
    edge(c, cp, 'control plane', undefined, true);
    roles(cp, cluster.controlPlaneRoleAssignments);
    federations(cp, cpIdentity);
    if (cluster.kubeletIdentity !== undefined) {
        const owner = cluster.kubeletManagedIdentity;
        const kubelet = node(owner ?? 'kubelet', kubeletLabel(cluster), 'box', owner);
        edge(c, kubelet, 'kubelet', undefined, true);
        roles(kubelet, cluster.kubeletRoleAssignments);
        if (owner !== cpIdentity)
            federations(kubelet, owner);
    }
    for (const addon of cluster.addons) {
        if (addon.identity === undefined && addon.roleAssignments.length === 0)
            continue;
        const id = node(`addon:${addon.name}`, `${addon.name}\nadd-on identity`, 'box');
        edge(c, id, 'add-on', undefined, true);
        roles(id, addon.roleAssignments);
    }
    for (const identity of identities) {
        if (!identity.usedBy.some((u) => u.cluster === cluster && u.as === 'workload'))
            continue;
        const known = nodes.has(identity);
        const id = node(identity, `${displayValue(identity.name)}\nworkload identity`, 'box', identity);
        // An identity the cluster also runs as already has its roles and federations drawn.
        if (known)
            continue;
        federations(id, identity);
        roles(id, identity.roleAssignments);
    }
    return draw(c, edges);
}
/**
 * What failing checks are about: the entities they blame (a role assignment that grants too much), else their own,
 * each with the rank of the most severe check (0 is critical).
 */
function failingEntities(evaluations) {
    const about = new Map();
    for (const e of evaluations) {
        if (e.status !== 'fail')
            continue;
        const rank = SEVERITIES.indexOf(e.severity);
        const blamed = e.culprits !== undefined && e.culprits.length > 0 ? e.culprits : [e.entity];
        for (const entity of blamed)
            about.set(entity, Math.min(rank, about.get(entity) ?? rank));
    }
    return about;
}
/**
 * The flowchart: up to `MAX_EDGES`, the skeleton first, then failing edges, most severe first, then the others,
 * drawn in the order they were found; a box is drawn only with an edge that reaches it, so a cut never leaves one
 * standing alone.
 */
function draw(cluster, edges) {
    const rank = (e) => (e.structural ? -1 : (e.failing ?? SEVERITIES.length));
    const chosen = new Set([...edges].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_EDGES));
    const drawn = edges.filter((e) => chosen.has(e));
    const shown = [cluster];
    for (const e of drawn)
        for (const n of [e.from, e.to])
            if (!shown.includes(n))
                shown.push(n);
    const lines = ['flowchart LR', ...shown.map((n) => `  ${shape(n)}`)];
    for (const e of drawn) {
        const label = escapeLabel(e.failing !== undefined ? `✗ ${e.label}` : e.label);
        lines.push(`  ${e.from.id} -->|"${label}"| ${e.to.id}`);
    }
    const failingNodes = shown.filter((n) => n.failing).map((n) => n.id);
    if (failingNodes.length > 0)
        lines.push(`  classDef fail ${FAIL_NODE}`, `  class ${failingNodes.join(',')} fail`);
    const failingEdges = drawn.flatMap((e, i) => (e.failing !== undefined ? [i] : []));
    if (failingEdges.length > 0)
        lines.push(`  linkStyle ${failingEdges.join(',')} ${FAIL_EDGE}`);
    return { mermaid: lines.join('\n'), omitted: edges.length - drawn.length };
}
function shape(n) {
    const text = `"${escapeLabel(n.label)}"`;
    if (n.shape === 'round')
        return `${n.id}(${text})`;
    return n.shape === 'stadium' ? `${n.id}([${text}])` : `${n.id}[${text}]`;
}
/** A scope's box: one per known ID (case as ARM compares), per referenced resource, else per assignment. */
function scopeNode(a, node) {
    const id = a.scope.id;
    const key = typeof id === 'string' ? `scope:${id.toLowerCase()}` : id.ref !== undefined ? `scope-ref:${id.ref}` : a;
    return node(key, scopeLabel(a.scope), 'round');
}
function scopeLabel(scope) {
    const level = typeof scope.level === 'string' ? scope.level : 'scope';
    const id = scope.id;
    if (typeof id === 'string')
        return `${id === '/' ? 'tenant root' : (id.replace(/\/+$/, '').split('/').pop() ?? id)}\n${level}`;
    const ref = id.ref?.replace(/\.id$/, '');
    return `${ref === undefined ? 'known after apply' : shortAddress(ref)}\n${level}`;
}
function roleName(a) {
    if (typeof a.role.name === 'string')
        return a.role.name;
    return typeof a.role.id === 'string' ? a.role.id : 'role known after apply';
}
function controlPlaneLabel(cluster) {
    const type = cluster.identity.type;
    if (type === 'UserAssigned') {
        const name = cluster.controlPlaneIdentity === undefined
            ? 'identity'
            : displayValue(cluster.controlPlaneIdentity.name);
        return `${name}\ncontrol plane, user-assigned`;
    }
    if (type === 'SystemAssigned')
        return 'control plane\nsystem-assigned';
    if (type === 'ServicePrincipal')
        return 'control plane\nservice principal';
    return isUnknown(type) ? 'control plane\nidentity known after apply' : `control plane\n${type}`;
}
function kubeletLabel(cluster) {
    const owner = cluster.kubeletManagedIdentity;
    if (owner !== undefined)
        return `${displayValue(owner.name)}\nkubelet, user-assigned`;
    return cluster.kubeletIdentity?.custom === true ? 'kubelet\nown identity' : 'kubelet\nAKS-made identity';
}
function serviceAccountLabel(subject) {
    if (typeof subject !== 'string')
        return 'known after apply\nservice account';
    const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject);
    return match === null ? `${subject}\nsubject` : `${match[1] ?? ''}/${match[2] ?? ''}\nservice account`;
}
function displayValue(value) {
    if (value === undefined || value === '')
        return '(not set)';
    return isUnknown(value) ? '(known after apply)' : value;
}
/** Mermaid labels are quoted; `#`, quotes, angle brackets and newlines need its entity codes. */
function escapeLabel(text) {
    return text
        .replace(/#/g, '#35;')
        .replace(/"/g, '#quot;')
        .replace(/</g, '#lt;')
        .replace(/>/g, '#gt;')
        .replace(/\n/g, '<br/>');
}

/** Terraform's instance keys, `[0]` or `["east"]`, anywhere in an address (also a module's). */
const INSTANCE_KEY = /\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g;
/** An address with its instance keys made alike: `module.m["a"].azurerm_kubernetes_cluster.this[0]` → `…[*]…[*]`. */
function instanceBase(address) {
    return address.replace(INSTANCE_KEY, '[*]');
}
/**
 * Instances of one cluster block (`count`, `for_each`, or a module called with either) whose results are alike are
 * folded into one group: five identical clusters are one table, one map and one set of fixes, naming the five.
 * Results are alike when the same policies give the same verdicts on the same resources, instance keys aside.
 */
function foldInstances(groups, outcome) {
    const folded = [];
    const bySignature = new Map();
    for (const group of groups) {
        const cluster = group.cluster;
        if (cluster === undefined || instanceBase(cluster.key) === cluster.key) {
            folded.push({ ...group, instances: cluster === undefined ? [] : [cluster] });
            continue;
        }
        const signature = `${instanceBase(cluster.key)}\n${resultSignature(group.evaluations, outcome)}`;
        const alike = bySignature.get(signature);
        if (alike !== undefined) {
            alike.instances.push(cluster);
            continue;
        }
        const own = { ...group, instances: [cluster] };
        bySignature.set(signature, own);
        folded.push(own);
    }
    return folded;
}
function resultSignature(evaluations, outcome) {
    const shown = findings({ ...outcome, evaluations });
    const passed = evaluations.filter((e) => e.status === 'pass').length;
    const suppressed = evaluations.filter((e) => e.suppression !== undefined).length;
    return [
        `${passed} passed, ${suppressed} suppressed`,
        ...shown.map((e) => findingSignature(e, outcome)),
    ].join('\n');
}
/** What makes two findings alike across instances: policy, verdict, and the resources with instance keys aside. */
function findingSignature(e, outcome) {
    return [
        e.policy.policy.id,
        e.status,
        isBlocking(e, outcome) ? 'blocking' : '',
        instanceBase(e.entity.key),
        ...findingPlaces(e).map((p) => instanceBase(p.entity.key)),
    ].join('|');
}
/**
 * The same policy with the same verdict on instances of one block (`azurerm_role_assignment.agic[0]` … `[4]`) is
 * listed once, naming the instances; anything else is listed as it is.
 */
function foldFindings(shown, outcome) {
    const listed = [];
    const bySignature = new Map();
    for (const e of shown) {
        const keys = [e.entity.key, ...findingPlaces(e).map((p) => p.entity.key)];
        if (keys.every((k) => instanceBase(k) === k)) {
            listed.push({ first: e, all: [e] });
            continue;
        }
        const signature = findingSignature(e, outcome);
        const alike = bySignature.get(signature);
        if (alike !== undefined)
            alike.all.push(e);
        else {
            const own = { first: e, all: [e] };
            bySignature.set(signature, own);
            listed.push(own);
        }
    }
    return listed;
}

/**
 * What a section of the report is worth when it has to be cut, most important first: the verdict and overview,
 * then blocking failures, other failures, indeterminate results, identity maps, and last what passed.
 */
const PRIORITY = {
    verdict: 0,
    blocking: 1,
    failing: 2,
    indeterminate: 3,
    map: 4,
    passes: 5,
};
/** At most this many kinds of left-out sections are named, and this many clusters for each; the rest are counted. */
const NAMED_KINDS = 8;
const NAMED_OWNERS = 4;
/**
 * The report within `limit` UTF-8 bytes, as GitHub measures its limits: sections are taken by priority (any that
 * fits is taken, not only those before the first that does not), shown in their original order, and a closing
 * note names what was left out and where the whole report is. Each section is measured once, so this is linear in
 * the report's size.
 */
function fit(blocks, limit, fullReportAt) {
    const whole = blocks.map((b) => b.text).join('\n\n') + '\n';
    if (!Number.isFinite(limit) || Buffer.byteLength(whole, 'utf8') <= limit)
        return whole;
    // Room for the closing note: its size at its longest, plus a margin, grown in the unlikely case it is short.
    const longest = Buffer.byteLength(cutNote(longestNote(blocks), limit, fullReportAt), 'utf8');
    for (let margin = 256;; margin *= 4) {
        const text = fitWithin(blocks, limit, longest + margin, fullReportAt);
        if (Buffer.byteLength(text, 'utf8') <= limit || margin > limit)
            return text;
    }
}
function fitWithin(blocks, limit, reserve, fullReportAt) {
    const priorityOf = effectivePriorities(blocks);
    const kept = new Set();
    let used = 0;
    const rank = (b) => (priorityOf.get(b) ?? 0) * 2 + (b.detail === true ? 1 : 0);
    const byPriority = [...blocks].sort((a, b) => rank(a) - rank(b));
    for (const block of byPriority) {
        if (block.parent !== undefined && !kept.has(block.parent))
            continue;
        const size = Buffer.byteLength(block.text, 'utf8') + 2;
        if (used + size + reserve > limit)
            continue;
        kept.add(block);
        used += size;
    }
    const left = byPriority.filter((b) => !kept.has(b));
    return (blocks
        .filter((b) => kept.has(b))
        .map((b) => b.text)
        .join('\n\n') + cutNote(left, limit, fullReportAt));
}
/** A parent is worth as much as the most important section under it, so that it is taken before that one. */
function effectivePriorities(blocks) {
    const priority = new Map(blocks.map((b) => [b, b.priority]));
    for (const block of blocks) {
        for (let parent = block.parent; parent !== undefined; parent = parent.parent) {
            priority.set(parent, Math.min(priority.get(parent) ?? parent.priority, block.priority));
        }
    }
    return priority;
}
/** The left-out sections, most important first, with the parts of clusters named together by kind. */
function cutNote(left, limit, fullReportAt) {
    if (left.length === 0)
        return '\n';
    const kinds = new Map();
    for (const b of left) {
        const kind = b.part?.kind ?? b.name;
        const owners = kinds.get(kind) ?? [];
        if (b.part !== undefined)
            owners.push(b.part.of);
        kinds.set(kind, owners);
    }
    const named = [...kinds.entries()].slice(0, NAMED_KINDS).map(([kind, owners]) => {
        if (owners.length === 0)
            return kind;
        const shown = owners.slice(0, NAMED_OWNERS).join(', ');
        const more = owners.length > NAMED_OWNERS ? ` and ${owners.length - NAMED_OWNERS} more` : '';
        return `${kind} of ${owners.length > 1 ? `${owners.length}: ` : ''}${shown}${more}`;
    });
    const more = kinds.size > NAMED_KINDS ? `; and ${kinds.size - NAMED_KINDS} more kinds` : '';
    return (`\n\n> Left out to stay within GitHub's ${limit.toLocaleString('en-US')}-byte limit (${counted(left.length, 'section')}): ${gfmText(named.join('; '))}${more}.` +
        (fullReportAt === undefined ? '' : ` The whole report: ${fullReportAt}.`) +
        '\n');
}
/** Blocks that make the longest note this report could need: each kind once, with its longest owner names. */
function longestNote(blocks) {
    const longestFirst = [...blocks].sort((a, b) => (b.part?.of.length ?? b.name.length) - (a.part?.of.length ?? a.name.length));
    return longestFirst;
}

/** Places named in a table cell before the rest are counted; the details list them all. */
const PLACES_IN_CELL = 2;
/** How a finding's status reads at a glance: a failure that does not fail the run is a warning, not an error. */
function statusIcon(e, outcome) {
    if (e.status === 'fail')
        return isBlocking(e, outcome) ? '❌' : '⚠️';
    if (e.status === 'indeterminate')
        return '❔';
    return e.status === 'pass' ? '✅' : '➖';
}
/**
 * One row per finding, narrow enough for an 880-pixel comment column: status, the policy's ID linked to its page,
 * its short title, severity, and the resource to change, by its short name linked to its lines (the full address
 * is the link's title, and the details below say everything else).
 */
function findingTable(rows, outcome, links, 
/** How many alike clusters the rows stand for: a row on one stands for as many resources. */
alikeClusters = 1) {
    const lines = rows.map(({ first: e, all }) => {
        const title = e.policy.policy.shortTitle ?? e.policy.policy.title;
        const blocking = isBlocking(e, outcome) ? ' · blocking' : '';
        return `| ${statusIcon(e, outcome)} | ${policyLink(e.policy, links)} | ${gfmCell(title)} | ${e.severity}${blocking} | ${placesCell(findingPlaces(e), all.length * alikeClusters, links)} |`;
    });
    return ['| | Policy | Check | Severity | Resource |', '|---|---|---|---|---|', ...lines].join('\n');
}
/** The places to change, by short name; instances of one block as `name[*]`, with how many. */
function placesCell(places, instances, links) {
    const named = places.slice(0, PLACES_IN_CELL).map((p) => {
        const short = shortName(p.entity);
        const name = `\`${escapeCode(instances > 1 ? instanceBase(short) : short)}\``;
        const l = p.location;
        if (l === undefined || links.fileUrl === undefined)
            return name;
        return `[${name}](${links.fileUrl(l.file, l.line, l.endLine)} "${linkTitle(p.entity.key)}")`;
    });
    const more = places.length - named.length;
    return named.join(', ') + (more > 0 ? ` +${more} more` : '') + (instances > 1 ? ` ×${instances}` : '');
}
/** A failure in full: what is wrong, where (every place, by full address and line), and the fix. */
function failureDetail({ first: e, all }, outcome, links) {
    const caused = e.culprits !== undefined && e.culprits.length > 0;
    const where = `${caused ? 'caused by ' : ''}${placesText(e, links)}`;
    const fixes = fixesFor(e).filter((f) => f !== undefined);
    return [
        `#### ${statusIcon(e, outcome)} ${policyLink(e.policy, links)} ${gfmText(e.policy.policy.title)}`,
        `${gfmText(e.message ?? '')} (${where})${alsoOn(all)}`,
        `**Fix:** ${gfmText(e.policy.policy.remediation.summary)}${fixes.length > 0 ? `\n${fixes.map((f) => `- ${gfmText(f)}`).join('\n')}` : ''}`,
    ].join('\n\n');
}
/** An indeterminate finding in one line: which policy, on what, and which value it waits for. */
function indeterminateLine({ first: e, all }, links) {
    return `- ${policyLink(e.policy, links)} on ${placesText(e, links)}: ${gfmText(becauseText(e.because))}.${alsoOn(all)}`;
}
/** The other instances a listed finding stands for. */
function alsoOn(all) {
    if (all.length < 2)
        return '';
    const others = all
        .slice(1)
        .map((e) => `\`${escapeCode(e.entity.key)}\``)
        .join(', ');
    return ` The same holds for ${others}.`;
}
/**
 * The fix in the language of the code the finding is in: Terraform for a plan, Bicep for a template or what-if
 * result. Live state has no code of its own; both are shown, as either may be where it is declared.
 */
function fixesFor(e) {
    const { terraform, bicep } = e.policy.policy.remediation;
    switch (e.entity.source.format) {
        case 'terraform-plan':
            return [terraform === undefined ? undefined : `Terraform: ${terraform}`];
        case 'arm-template':
        case 'arm-whatif':
            return [bicep === undefined ? undefined : `Bicep: ${bicep}`];
        case 'live-state':
            return [
                terraform === undefined ? undefined : `Terraform: ${terraform}`,
                bicep === undefined ? undefined : `Bicep: ${bicep}`,
            ];
    }
}
/** Where a finding points, by full address: linked to its lines, or the input and why there is no line. */
function placesText(e, links) {
    return findingPlaces(e)
        .map((p) => p.location === undefined
        ? `\`${escapeCode(p.entity.key)}\` (\`${escapeCode(placeText(p))}\`)`
        : `\`${escapeCode(p.entity.key)}\` at ${locationLink(p.location, links) ?? ''}`)
        .join(', ');
}
function policyLink(policy, links) {
    const url = policy.policy.helpUri ?? links.policyUrl?.(policy);
    return url === undefined ? `**${policy.policy.id}**` : `[**${policy.policy.id}**](${url})`;
}
function locationLink(declaration, links) {
    if (declaration === undefined)
        return undefined;
    const text = `${declaration.file}:${declaration.line}`;
    return links.fileUrl === undefined
        ? `\`${text}\``
        : `[${text}](${links.fileUrl(declaration.file, declaration.line, declaration.endLine)})`;
}
/** Code spans show text as written, but a table still splits at `|`, and a line ends the cell. */
function escapeCode(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
/** A link title is quoted: its quotes and backslashes are escaped (`aks["east"]` keeps its quotes). */
function linkTitle(text) {
    return text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

/** GitHub's limit for an issue or pull-request comment body, and for a check run's summary and text. */
const GITHUB_COMMENT_LIMIT = 65_536;
const CHECK_RUN_TEXT_LIMIT = 65_535;
/** Rows per table, so that a cluster with very many findings is truncated by tables, not cut mid-row. */
const TABLE_ROWS = 50;
/**
 * The PR comment, job summary and check run text. In reading order: the verdict and counts, one line per cluster
 * when there are several, then per cluster (instances with alike results folded into one) a compact table of its
 * findings, their details and its identity map, then what was suppressed and what was read. Cut to `maxLength` by
 * priority (see `fit`), never mid-table, every cut named.
 */
function renderMarkdown(outcome, options = {}) {
    const links = options.links ?? {};
    const blocks = [];
    const add = (name, text, priority, parent) => {
        const block = { name, text, priority };
        if (parent !== undefined)
            block.parent = parent;
        blocks.push(block);
        return block;
    };
    if (options.header !== undefined)
        add('header', options.header, PRIORITY.verdict);
    add('verdict', headline(outcome), PRIORITY.verdict);
    if (options.notes !== undefined && options.notes.length > 0)
        add('notes', options.notes.map((n) => `> ${gfmText(n)}`).join('\n>\n'), PRIORITY.verdict);
    const table = severityTable(outcome);
    if (table !== '')
        add('counts by severity', table, PRIORITY.verdict);
    const groups = byUrgency(foldInstances(groupByCluster(outcome), outcome), outcome);
    const overview = clusterOverview(groups, outcome, links);
    if (overview !== undefined)
        add('cluster overview', overview, PRIORITY.verdict);
    if (outcome.baseline !== undefined) {
        add('baseline', `${counted(countOutcome(outcome).baselined, 'finding')} already in the baseline \`${outcome.baseline}\` are not listed; only new ones are.`, PRIORITY.verdict);
    }
    for (const group of groups)
        clusterSections(group, outcome, links, add);
    const suppressed = suppressedFindings(outcome);
    if (suppressed.length > 0) {
        add('suppressed findings', details(`Suppressed findings (${suppressed.length})`, suppressed.map((e) => `- ${policyLink(e.policy, links)} on \`${escapeCode(e.entity.key)}\`: ${gfmCell(suppressionText(e))}`)), PRIORITY.passes);
    }
    const notices = waiverNotices(outcome);
    if (notices.length > 0)
        add('waiver notices', notices.map((n) => `> ⚠️ ${gfmText(n)}`).join('\n>\n'), PRIORITY.failing);
    const passed = passedDetail(outcome, links);
    if (passed !== undefined)
        add('passed checks', passed, PRIORITY.passes);
    // With nothing checked, what was read is the whole answer.
    add('inputs', inputsDetail(outcome), nothingChecked(outcome) ? PRIORITY.verdict : PRIORITY.passes);
    // Scrubbed before fitting: a redaction can be longer than the secret it replaces.
    for (const b of blocks)
        b.text = scrubSecrets(b.text, outcome.secrets);
    return fit(blocks, options.maxLength ?? Number.POSITIVE_INFINITY, options.fullReportAt);
}
/**
 * A cluster's part of the report: a heading with its findings table, then the details of blocking failures, of
 * other failures and of indeterminate findings, and its identity map, each a section that can be cut on its own.
 */
function clusterSections(group, outcome, links, add) {
    const shown = findings({ ...outcome, evaluations: group.evaluations });
    if (group.cluster === undefined && shown.length === 0)
        return;
    const listed = foldFindings(shown, outcome);
    const name = group.cluster === undefined
        ? 'findings not tied to a cluster'
        : `${entityName(group.cluster)}${group.instances.length > 1 ? ` and ${group.instances.length - 1} alike` : ''}`;
    // Each part is named by what it is and whose, so that the note on a cut can name the parts left out together.
    const part = (kind, text, priority, parent) => {
        const block = add(group.cluster === undefined ? `${name}: ${kind}` : `cluster ${name}: ${kind}`, text, priority, parent);
        if (group.cluster !== undefined)
            block.part = { kind, of: name };
        return block;
    };
    const blocking = listed.filter(({ first }) => isBlocking(first, outcome));
    const failing = listed.filter(({ first }) => first.status === 'fail' && !isBlocking(first, outcome));
    const undecided = listed.filter(({ first }) => first.status === 'indeterminate');
    const worst = blocking.length > 0
        ? PRIORITY.blocking
        : failing.length > 0
            ? PRIORITY.failing
            : undecided.length > 0
                ? PRIORITY.indeterminate
                : PRIORITY.passes;
    const tables = chunks(listed, TABLE_ROWS).map((rows) => findingTable(rows, outcome, links, Math.max(1, group.instances.length)));
    const heading = part('findings table', [clusterHeading(group, shown.length, links), ...tables.slice(0, 1)].join('\n\n'), worst);
    tables.slice(1).forEach((more, i) => {
        const from = (i + 1) * TABLE_ROWS + 1;
        part(`findings ${from}–${Math.min(from + TABLE_ROWS - 1, listed.length)}`, more, worst, heading);
    });
    // Details of what the table lists, each taken after the tables of its priority.
    const detailPart = (kind, summary, lines, priority) => {
        part(kind, details(summary, lines), priority, heading).detail = true;
    };
    const other = blocking.length > 0 ? 'other ' : '';
    if (blocking.length > 0)
        detailPart('blocking failures in detail', `Blocking failures in detail (${blocking.length})`, blocking.map((e) => failureDetail(e, outcome, links)), PRIORITY.blocking);
    if (failing.length > 0)
        detailPart(`${other}failures in detail`, `${other === '' ? 'Failures' : 'Other failures'} in detail (${failing.length})`, failing.map((e) => failureDetail(e, outcome, links)), PRIORITY.failing);
    if (undecided.length > 0)
        detailPart('indeterminate findings', `Indeterminate findings (${undecided.length})`, [INDETERMINATE_INTRO, undecided.map((e) => indeterminateLine(e, links)).join('\n')], PRIORITY.indeterminate);
    if (group.cluster !== undefined) {
        const map = identityMap(group.cluster, outcome.entities.managedIdentity, group.evaluations);
        const omitted = map.omitted > 0
            ? `\n\n${counted(map.omitted, 'more role assignment')} not drawn; the table and the JSON report list them all.`
            : '';
        part('identity map', `<details open><summary>Identity map: who can do what</summary>\n\n\`\`\`mermaid\n${map.mermaid}\n\`\`\`\n\n${MAP_LEGEND}${omitted}\n\n</details>`, PRIORITY.map, heading);
    }
}
const INDETERMINATE_INTRO = 'These depend on values not known until apply (such as principal IDs of identities that do not exist yet) or not read (such as role assignments outside the inputs). They are checked again once the values are known; `fail-on-indeterminate` makes them fail the run.';
function clusterHeading(group, findingCount, links) {
    const passed = group.evaluations.filter((e) => e.status === 'pass').length;
    const counts = `${counted(findingCount, 'finding')}, ${passed} passed`;
    const cluster = group.cluster;
    if (cluster === undefined)
        return `### ${group.title}\n${counts}`;
    const where = locationLink(cluster.source.declaration, links) ?? `\`${escapeCode(locationText(cluster))}\``;
    if (group.instances.length === 1)
        return `### Cluster \`${escapeCode(entityLabel(cluster))}\`\n${counts} · ${where}`;
    const others = group.instances
        .slice(1)
        .map((c) => `\`${escapeCode(c.key)}\``)
        .join(', ');
    return [
        `### ${group.instances.length} clusters alike: \`${escapeCode(instanceBase(cluster.key))}\``,
        `${counts} in each · ${where}`,
        '',
        `Shown for \`${escapeCode(entityLabel(cluster))}\`; the same findings on the same resources hold for ${others}. The counts at the top count every instance.`,
    ].join('\n');
}
function headline(outcome) {
    const counts = countOutcome(outcome);
    if (nothingChecked(outcome)) {
        // Nothing to judge is not a pass: say so, neutrally, and what was read.
        return [
            '## aks-identity-lint: no AKS identity resources found',
            `No cluster, managed identity, role assignment, federated credential or registry was found in ${counted(outcome.inputs.length, 'input')}; nothing was checked. The inputs read are listed below.`,
        ].join('\n');
    }
    const failed = runFailed(outcome);
    const verdict = failed
        ? '❌ failed'
        : counts.failed + counts.indeterminate > 0
            ? '⚠️ passed with findings'
            : '✅ passed';
    const rule = `fail-on: \`${outcome.failOn}\`${outcome.failOnIndeterminate ? ', indeterminate fails' : ''}`;
    return [
        `## aks-identity-lint ${verdict}`,
        `**${counts.failed}** failed (${counts.blocking} blocking), **${counts.indeterminate}** indeterminate, ${counts.suppressed > 0 ? `${counts.suppressed} suppressed, ` : ''}**${counts.passed}** passed, ${counts.notApplicable} not applicable · ${rule} · ${counted(outcome.policies.length, 'policy', 'policies')} · ${counted(outcome.inputs.length, 'input')}`,
    ].join('\n');
}
function standing(group, outcome) {
    const shown = findings({ ...outcome, evaluations: group.evaluations });
    const failed = shown.filter((e) => e.status === 'fail');
    const undecided = shown.filter((e) => e.status === 'indeterminate').length;
    const rank = failed.some((e) => isBlocking(e, outcome)) ? 0 : failed.length > 0 ? 1 : undecided > 0 ? 2 : 3;
    return { rank, icon: ['❌', '⚠️', '❔', '✅'][rank] ?? '', failed, undecided };
}
/**
 * Clusters in the order a reviewer wants them: failing first, most failures first, clean ones last, and results
 * tied to no cluster after all clusters.
 */
function byUrgency(groups, outcome) {
    const ranked = groups.map((group, i) => ({ group, i, s: standing(group, outcome) }));
    ranked.sort((a, b) => Number(a.group.cluster === undefined) - Number(b.group.cluster === undefined) ||
        a.s.rank - b.s.rank ||
        b.s.failed.length - a.s.failed.length ||
        a.i - b.i);
    return ranked.map((r) => r.group);
}
/**
 * With several clusters, one line each before any detail, in the order of the sections below: which clusters
 * fail, and how badly, is what a reviewer reads first. Each names its resource, linked to its declaration.
 */
function clusterOverview(groups, outcome, links) {
    const clusters = groups.filter((g) => g.cluster !== undefined);
    if (clusters.reduce((n, g) => n + g.instances.length, 0) < 2)
        return undefined;
    const rows = clusters.map((g) => {
        const { icon, failed, undecided } = standing(g, outcome);
        const bySeverity = SEVERITIES.map((s) => [s, failed.filter((e) => e.severity === s).length])
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `${n} ${s}`)
            .join(', ');
        const cluster = g.instances[0];
        if (cluster === undefined)
            return '';
        const alike = g.instances.length > 1;
        const name = alike ? `${entityName(cluster)} and ${g.instances.length - 1} alike` : entityName(cluster);
        const place = placesCell([placeOf$1(cluster)], g.instances.length, links);
        return `| ${icon} | ${gfmCell(name)} | ${place} | ${failed.length === 0 ? '0' : `${failed.length} (${bySeverity})${alike ? ' each' : ''}`} | ${undecided} |`;
    });
    return ['| | Cluster | Resource | Failed | Indeterminate |', '|---|---|---|---|---:|', ...rows].join('\n');
}
/** Whether the inputs held nothing any policy could judge: no entity of any kind. */
function nothingChecked(outcome) {
    return ENTITY_KINDS.every((kind) => outcome.entities[kind].length === 0);
}
function severityTable(outcome) {
    // A severity with nothing in any column is left out: a table of zeros says nothing.
    const rows = SEVERITIES.flatMap((s) => {
        const of = (status, suppressed) => outcome.evaluations.filter((e) => e.status === status && e.severity === s && (e.suppression !== undefined) === suppressed).length;
        const waived = of('fail', true) + of('indeterminate', true);
        const cells = [of('fail', false), of('indeterminate', false), waived, of('pass', false)];
        return cells.every((n) => n === 0) ? [] : [`| ${s} | ${cells.join(' | ')} |`];
    });
    if (rows.length === 0)
        return '';
    return [
        '| Severity | Failed | Indeterminate | Suppressed | Passed |',
        '|---|---:|---:|---:|---:|',
        ...rows,
    ].join('\n');
}
/** What passed, per policy, collapsed: proof of what was checked, for a reviewer who asks. */
function passedDetail(outcome, links) {
    const passes = new Map();
    for (const e of outcome.evaluations) {
        if (e.status !== 'pass')
            continue;
        const entry = passes.get(e.policy.policy.id) ?? { policy: e.policy, count: 0 };
        entry.count++;
        passes.set(e.policy.policy.id, entry);
    }
    if (passes.size === 0)
        return undefined;
    const lines = [...passes.values()].map(({ policy, count }) => `- ${policyLink(policy, links)} ${gfmText(policy.policy.shortTitle ?? policy.policy.title)}: ${counted(count, 'resource')}`);
    const total = [...passes.values()].reduce((n, p) => n + p.count, 0);
    return `<details><summary>Passed (${total})</summary>\n\n${lines.join('\n')}\n\n</details>`;
}
function inputsDetail(outcome) {
    const lines = outcome.inputs.map((i) => {
        const unsupported = Object.values(i.unsupported).reduce((a, b) => a + b, 0);
        return `- \`${i.file}\` (${formatName(i.format)}): ${i.scanned} scanned, ${i.skipped} skipped, ${unsupported} outside AKS identity`;
    });
    for (const s of outcome.skipped)
        lines.push(`- skipped \`${s.address}\` in \`${s.file}\`: ${gfmText(s.reason)}`);
    for (const i of outcome.ignored)
        lines.push(`- ignored \`${i.file}\`: ${gfmText(i.reason)}`);
    return details('Inputs', lines);
}
function details(summary, lines) {
    return `<details><summary>${summary}</summary>\n\n${lines.join('\n\n')}\n\n</details>`;
}
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}

/** Where a reviewer opens an Azure resource: its page in the Azure portal, by resource ID. */
function azurePortalUrl(resourceId) {
    return `https://portal.azure.com/#resource${resourceId}`;
}

/** GitHub code scanning reads security-severity: 9.0+ critical, 7.0+ high, 4.0+ medium, below low. */
const SECURITY_SEVERITY = {
    critical: '9.5',
    high: '8.0',
    medium: '5.5',
    low: '3.0',
    info: undefined,
};
const LEVEL = {
    critical: 'error',
    high: 'error',
    medium: 'warning',
    low: 'note',
    info: 'note',
};
/**
 * SARIF 2.1.0 for code scanning: one rule per policy (with its help text and a link to its page), one result per
 * failing finding (suppressed ones marked so), located at the declaring .tf/.bicep lines relative to the repository
 * root. Indeterminate results are left to the other reports: code scanning would rank a "known after apply" with
 * the rule's security severity, as if it were a failure.
 * partialFingerprints hash the policy ID and the resource's stable key, so an alert survives edits that move lines.
 */
function renderSarif(outcome, options = {}) {
    const policies = outcome.policies;
    const ruleIndex = new Map(policies.map((p, i) => [p.policy.id, i]));
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'aks-identity-lint',
                        semanticVersion: outcome.version,
                        version: outcome.version,
                        informationUri: 'https://www.npmjs.com/package/aks-identity-lint',
                        rules: policies.map((p) => rule(p, options)),
                    },
                },
                ...(options.category === undefined
                    ? {}
                    : { automationDetails: { id: `aks-identity-lint/${options.category}/` } }),
                columnKind: 'utf16CodeUnits',
                results: [...findings(outcome), ...suppressedFindings(outcome), ...baselined(outcome)]
                    .filter((e) => e.status === 'fail')
                    .map((e) => result(e, ruleIndex.get(e.policy.policy.id) ?? 0)),
            },
        ],
    };
    return scrubSecrets(JSON.stringify(sarif, null, 2) + '\n', outcome.secrets);
}
function rule(compiled, options) {
    const p = compiled.policy;
    const helpUri = p.helpUri ?? options.policyUrl?.(compiled);
    const fixes = [
        `**Fix:** ${p.remediation.summary}`,
        p.remediation.terraform === undefined ? '' : `**Terraform:** ${p.remediation.terraform}`,
        p.remediation.bicep === undefined ? '' : `**Bicep:** ${p.remediation.bicep}`,
    ].filter((s) => s !== '');
    const references = (p.references ?? []).map((r) => `- ${r}`);
    const helpText = [p.description ?? p.title, `Fix: ${p.remediation.summary}`, ...(p.references ?? [])].join('\n\n');
    const helpMarkdown = [
        p.description ?? p.title,
        ...fixes,
        references.length > 0 ? `**References**\n${references.join('\n')}` : '',
    ]
        .filter((s) => s !== '')
        .join('\n\n');
    const securitySeverity = SECURITY_SEVERITY[p.severity];
    return {
        id: p.id,
        name: p.id,
        shortDescription: { text: p.title },
        fullDescription: { text: p.description ?? p.title },
        help: { text: helpText, markdown: helpMarkdown },
        ...(helpUri === undefined ? {} : { helpUri }),
        defaultConfiguration: { level: LEVEL[p.severity] },
        properties: {
            tags: [...new Set(['security', 'aks', 'identity', ...(p.tags ?? [])])],
            ...(securitySeverity === undefined ? {} : { 'security-severity': securitySeverity }),
        },
    };
}
/**
 * A file as a SARIF artifact location: relative to the checkout's root (%SRCROOT%) when it is inside it, or an
 * absolute file URI (a plan in $RUNNER_TEMP), which code scanning shows without placing it in the tree.
 */
function artifactLocation(file) {
    return isAbsolute(file)
        ? { uri: pathToFileURL(file).href }
        : { uri: encodeURI(file), uriBaseId: '%SRCROOT%' };
}
/** Where a place is: its source lines, or the input file and the reason there are no lines. */
function sarifLocation(place) {
    const physicalLocation = place.location === undefined
        ? {
            // Live state is in Azure, not in a file: its place is the resource's page in the portal.
            artifactLocation: place.entity.source.format === 'live-state'
                ? { uri: azurePortalUrl(place.entity.key) }
                : artifactLocation(place.entity.source.file),
        }
        : {
            artifactLocation: artifactLocation(place.location.file),
            region: { startLine: place.location.line, endLine: place.location.endLine },
        };
    return {
        physicalLocation,
        logicalLocations: [{ fullyQualifiedName: place.entity.key, kind: 'resource' }],
        ...(place.note === undefined ? {} : { message: { text: `No source line: ${place.note}.` } }),
    };
}
function result(e, index) {
    const source = e.entity.source;
    const places = findingPlaces(e);
    const unplaced = places.find((p) => p.location === undefined);
    const note = unplaced === undefined ? '' : `\nNo source line: ${unplaced.note ?? 'unknown'}.`;
    // A finding placed on the grants that cause it keeps its resource (the cluster) as a related location.
    const related = places.some((p) => p.entity !== e.entity)
        ? { relatedLocations: [{ id: 1, ...sarifLocation(placeOf$1(e.entity)) }] }
        : {};
    return {
        ruleId: e.policy.policy.id,
        ruleIndex: index,
        level: e.status === 'indeterminate' ? 'note' : LEVEL[e.severity],
        message: { text: `${findingText(e)}\nResource: ${entityLabel(e.entity)}${note}` },
        locations: places.map(sarifLocation),
        ...related,
        partialFingerprints: { 'aksIdentityLint/v1': fingerprint(e) },
        ...(e.suppression === undefined
            ? {}
            : {
                suppressions: [
                    {
                        kind: e.suppression.kind === 'inline' ? 'inSource' : 'external',
                        status: 'accepted',
                        justification: `${e.suppression.reason}${e.suppression.expires === undefined ? '' : ` (until ${e.suppression.expires})`}`,
                        location: {
                            physicalLocation: {
                                artifactLocation: artifactLocation(e.suppression.source.replace(/[: ].*$/, '')),
                            },
                        },
                    },
                ],
            }),
        properties: {
            status: e.status,
            entityKind: e.entity.kind,
            inputFile: source.file,
            inputPointer: source.pointer,
        },
    };
}
/** Baseline findings stay in SARIF, suppressed, so code scanning keeps their alerts closed rather than new. */
function baselined(outcome) {
    return outcome.evaluations.filter((e) => e.suppression?.kind === 'baseline');
}
function fingerprint(e) {
    return createHash('sha256')
        .update(`${e.policy.policy.id}\u0000${e.entity.source.file}\u0000${e.entity.key}`)
        .digest('hex')
        .slice(0, 32);
}

/**
 * One line on what a live query read, for the log: nothing read is dropped silently, so the counts are reported,
 * and so is every scope Azure refused.
 */
function liveSummaryLine(outcome) {
    if (outcome.liveRequests === undefined)
        return undefined;
    const queried = new Set(outcome.inputs.filter((i) => isQueriedList(i.file)).map((i) => i.file));
    const count = (list) => list.filter((e) => queried.has(e.source.file)).length;
    const e = outcome.entities;
    const refused = outcome.skipped.filter((s) => s.file === 'Azure').length;
    const read = [
        counted(count(e.cluster), 'cluster'),
        counted(count(e.managedIdentity), 'user-assigned identity', 'user-assigned identities'),
        counted(count(e.federatedCredential), 'federated credential'),
        counted(count(e.roleAssignment), 'role assignment'),
        counted(count(e.roleDefinition), 'custom role definition'),
    ].join(', ');
    const unread = refused === 0 ? '' : `; ${counted(refused, 'scope')} not read (listed as skipped)`;
    return `live state: ${read} read in ${counted(outcome.liveRequests, 'request')}${unread}`;
}
/** Whether an input is a list a live query read (named by its REST path or Resource Graph table), not a file. */
function isQueriedList(name) {
    return (/^\/subscriptions\/[^/]+\/(providers|resourceGroups)\//i.test(name) || name.startsWith('Resource Graph: '));
}

/** Keys ARM keeps beside `properties`; the Azure CLI flattens every other one to the top level. */
const ENVELOPE = new Set([
    'id',
    'name',
    'type',
    'location',
    'tags',
    'identity',
    'sku',
    'kind',
    'etag',
    'systemdata',
    'extendedlocation',
    'managedby',
    'plan',
    'zones',
]);
/**
 * The resources in a live-state document: one resource (`az aks show`, `az identity show`, `az acr show`, a REST
 * GET), an array of them (`az aks list`, `az role assignment list`), or a REST list (`{ "value": [...] }`). Azure
 * PowerShell's `ConvertTo-Json` output is read too: its keys are PascalCase, and Azure compares property names
 * without case, as every reading here does.
 */
function liveResources(document, file) {
    const array = asArray(document);
    if (array !== undefined)
        return array.map((item, index) => liveResource(item, `/${index}`, file));
    const valueKey = keyOf(document, 'value');
    const page = valueKey === undefined ? undefined : asArray(valueOf(asObject(document), valueKey));
    if (page !== undefined) {
        const nextKey = keyOf(document, 'nextLink');
        const next = nextKey === undefined ? undefined : asString(valueOf(asObject(document), nextKey));
        if (next !== undefined && next !== '') {
            // One page is not the list: what the other pages hold would read as absent.
            throw new InputError({ file, pointer: `/${nextKey}` }, 'this is one page of a longer list (nextLink is set); save every page, or use az role assignment list, az aks list, or --live');
        }
        return page.map((item, index) => liveResource(item, `/${valueKey}/${index}`, file));
    }
    return [liveResource(document, '', file)];
}
/** Whether a value looks like one resource of live state (used to tell the format from content). */
function isLiveResource(value) {
    const object = asObject(value);
    if (object === undefined)
        return false;
    if (isPowerShellRoleAssignment(object))
        return true;
    const type = typeOf(object);
    const id = idOf(object);
    return type !== undefined && /^microsoft\.[a-z]+\//i.test(type) && id !== undefined && id.startsWith('/');
}
function liveResource(item, pointer, file) {
    const object = asObject(item);
    if (object === undefined) {
        throw new InputError({ file, pointer }, 'expected an Azure resource (an object with "id" and "type")');
    }
    if (isPowerShellRoleAssignment(object))
        return powerShellRoleAssignment(object, pointer, file);
    const id = idOf(object);
    const type = typeOf(object);
    if (id === undefined || type === undefined) {
        const missing = id === undefined ? 'id' : 'type';
        throw new InputError({ file, pointer: `${pointer}/${missing}` }, `expected an Azure resource with "id" and "type" (as az ... show, az ... list or a REST GET prints it); "${missing}" is missing`);
    }
    return {
        id,
        name: asString(valueOf(object, 'name')) ?? lastSegment(id),
        type,
        body: armShaped(object),
        pointer,
    };
}
/**
 * ARM's shape of a resource: the CLI and PowerShell flatten `properties` into the resource, ARM and REST keep them
 * under `properties`. A `properties` object is taken as it is; otherwise every key outside the envelope is one.
 */
function armShaped(object) {
    const properties = valueOf(object, 'properties');
    if (isObject(properties))
        return object;
    const body = {};
    const flattened = {};
    for (const [key, value] of Object.entries(object)) {
        if (ENVELOPE.has(key.toLowerCase()))
            body[key] = value;
        else if (key.toLowerCase() !== 'properties')
            flattened[key] = value;
    }
    body['properties'] = flattened;
    return body;
}
/**
 * `Get-AzRoleAssignment | ConvertTo-Json`: no `type`, the assignment's ID as `RoleAssignmentId`, the principal as
 * `ObjectId`, and the role's GUID alone as `RoleDefinitionId`.
 */
function isPowerShellRoleAssignment(object) {
    return (asString(valueOf(object, 'RoleAssignmentId')) !== undefined &&
        asString(valueOf(object, 'ObjectId')) !== undefined);
}
function powerShellRoleAssignment(object, pointer, file) {
    const id = asString(valueOf(object, 'RoleAssignmentId')) ?? '';
    const role = asString(valueOf(object, 'RoleDefinitionId'));
    if (role === undefined) {
        throw new InputError({ file, pointer: `${pointer}/RoleDefinitionId` }, 'expected the role definition ID (a GUID)');
    }
    const properties = {
        principalId: valueOf(object, 'ObjectId'),
        principalType: valueOf(object, 'ObjectType'),
        roleDefinitionId: role.includes('/') ? role : roleDefinitionId$1(role, asString(valueOf(object, 'Scope'))),
        scope: valueOf(object, 'Scope'),
        condition: valueOf(object, 'Condition'),
    };
    return {
        id,
        name: lastSegment(id),
        type: 'Microsoft.Authorization/roleAssignments',
        body: { properties },
        pointer,
    };
}
/**
 * A role named by its GUID alone, as the full ID Azure gives it: under the subscription of the assignment's scope,
 * where a custom role's definition is (a built-in role's GUID is recognised in any form).
 */
function roleDefinitionId$1(guid, scope) {
    const subscription = scope === undefined ? undefined : /^\/subscriptions\/[^/]+/i.exec(scope)?.[0];
    return `${subscription ?? ''}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}
/** The resource's ID: `id`, or `ResourceId` as Azure PowerShell's Get-AzResource names it. */
function idOf(object) {
    return asString(valueOf(object, 'id')) ?? asString(valueOf(object, 'ResourceId'));
}
/** The resource's type: `type`, or `ResourceType` as Get-AzResource names it. */
function typeOf(object) {
    return asString(valueOf(object, 'type')) ?? asString(valueOf(object, 'ResourceType'));
}
/** A property by name, compared without case as Azure compares them. */
function valueOf(object, name) {
    const key = keyOf(object, name);
    return key === undefined || object === undefined ? undefined : object[key];
}
function keyOf(object, name) {
    if (!isObject(object))
        return undefined;
    const lower = name.toLowerCase();
    return Object.keys(object).find((k) => k.toLowerCase() === lower);
}
function lastSegment(id) {
    return (id
        .split('/')
        .filter((s) => s !== '')
        .pop() ?? id);
}

const SUPPORTED_FORMATS_TEXT = 'a Terraform plan (terraform show -json <planfile>), an ARM template (az bicep build), an ARM what-if result (az deployment group what-if --no-pretty-print) or live state (az aks show, az role assignment list, az identity list, a REST GET or list)';
const LIVE = {
    supported: true,
    format: 'live-state',
    name: 'live state (Azure CLI, REST or PowerShell JSON)',
};
function detectFormat(value) {
    const root = asObject(value);
    if (root === undefined) {
        // `az ... list` prints an array of resources; an empty one is read as nothing found. One element that is not a
        // resource is bad live state, to be reported where it is, rather than a file of an unknown format.
        if (Array.isArray(value) && value.length > 0 && value.some(isLiveResource))
            return LIVE;
        return unknownFormat();
    }
    if (typeof root['format_version'] === 'string' &&
        ('terraform_version' in root || 'planned_values' in root)) {
        if ('planned_values' in root)
            return { supported: true, format: 'terraform-plan', name: 'Terraform plan JSON' };
        if ('values' in root) {
            return {
                supported: false,
                name: 'a Terraform state file',
                hint: 'expected a plan: run `terraform plan -out tfplan` then `terraform show -json tfplan`',
            };
        }
        return {
            supported: false,
            name: 'Terraform JSON without planned_values',
            hint: 'expected the output of `terraform show -json <planfile>`',
        };
    }
    const schema = asString(root['$schema']) ?? '';
    // The template schemas of resource group, subscription, management group and tenant deployments.
    if (/deploymentTemplate\.json/i.test(schema)) {
        return { supported: true, format: 'arm-template', name: 'an ARM template' };
    }
    if (/deploymentParameters\.json/i.test(schema)) {
        return {
            supported: false,
            name: 'an ARM parameters file',
            hint: 'pass it with --parameters (or name it <template>.parameters.json next to its template)',
        };
    }
    if (asArray(root['changes']) !== undefined ||
        asArray(asObject(root['properties'])?.['changes']) !== undefined) {
        return { supported: true, format: 'arm-whatif', name: 'an ARM what-if result' };
    }
    if (isLiveResource(root))
        return LIVE;
    const example = asObject(asObject(asObject(root['responses'])?.['200'])?.['body']);
    if (example !== undefined && 'parameters' in root) {
        const inner = detectFormat(example);
        // The REST API specs' examples hold real response bodies: one of a format this tool reads is read.
        if (inner.supported) {
            return {
                ...inner,
                name: `an Azure REST API example of ${inner.name}`,
                within: ['responses', '200', 'body'],
            };
        }
        return notYet(inner.name === 'an unknown format'
            ? 'an Azure REST API example'
            : `an Azure REST API example of ${inner.name}`);
    }
    const page = asArray(root['value']);
    if (page !== undefined && page.length > 0 && page.some(isLiveResource))
        return LIVE;
    return unknownFormat();
}
function notYet(name) {
    return { supported: false, name, hint: `this version reads only ${SUPPORTED_FORMATS_TEXT}` };
}
function unknownFormat() {
    return { supported: false, name: 'an unknown format', hint: `expected ${SUPPORTED_FORMATS_TEXT}` };
}

/**
 * Joins string parts of which some may be unknown. A wholly known result is the plain string. Otherwise the result
 * is unknown, and when every unknown part has a ref it is named after its parts, `{ref}` standing for each unknown
 * part: an ID built from an unknown parameter, `/subscriptions/.../clusters/{parameters('name')}`, then has the same
 * ref wherever the template builds it the same way.
 */
function joinParts(parts) {
    const nonEmpty = parts.filter((part) => part !== '');
    // '' + x + '' is x itself: `format('{0}', id)` and `'${id}'` name the same value as id.
    if (nonEmpty.length === 1 && isUnknown(nonEmpty[0]))
        return nonEmpty[0];
    let text = '';
    let firstUnknown;
    let nameable = true;
    for (const part of parts) {
        if (isUnknown(part)) {
            firstUnknown ??= part;
            if (part.ref === undefined)
                nameable = false;
            text += `{${part.ref ?? ''}}`;
        }
        else {
            text += part;
        }
    }
    if (firstUnknown === undefined)
        return text;
    return nameable ? new Unknown(firstUnknown.reason, text) : new Unknown(firstUnknown.reason);
}

class ExpressionError extends Error {
    kind;
    expression;
    column;
    detail;
    jsonPath;
    constructor(kind, 
    /** The expression text as it appears in the template, brackets included. */
    expression, 
    /** 1-based column inside `expression` where the problem is. */
    column, 
    /** What was expected or what went wrong, as a sentence fragment. */
    detail, 
    /**
     * Where the failing string is inside the value given to `evaluateJson` (property names and array indexes);
     * empty for a single expression. The adapter turns it into a JSON pointer.
     */
    jsonPath = []) {
        super(`${detail} (column ${column} of ${quoteForMessage(expression)})`);
        this.kind = kind;
        this.expression = expression;
        this.column = column;
        this.detail = detail;
        this.jsonPath = jsonPath;
        this.name = 'ExpressionError';
    }
    /** The same error, located at `jsonPath`. */
    at(jsonPath) {
        return new ExpressionError(this.kind, this.expression, this.column, this.detail, jsonPath);
    }
    /**
     * The same error with the variable or function it happened in, and no location. Only the innermost context is
     * kept: the expression text belongs to it, and a chain of 200 names would not help anyone.
     */
    within(context) {
        const detail = /^in (variable|function) '/.test(this.detail) ? this.detail : `${context}: ${this.detail}`;
        return new ExpressionError(this.kind, this.expression, this.column, detail);
    }
}
/** Long expressions are cut so the one-line message stays readable. */
function quoteForMessage(text) {
    const max = 160;
    return text.length <= max ? `"${text}"` : `"${text.slice(0, max)}…"`;
}
/** Thrown by function implementations, which do not know where they were called; the evaluator adds the place. */
class FunctionArgumentError extends Error {
    detail;
    kind;
    constructor(detail, kind = 'argument') {
        super(detail);
        this.detail = detail;
        this.kind = kind;
        this.name = 'FunctionArgumentError';
    }
}

/**
 * Bounds that keep a hostile template from exhausting the stack or the memory. They are far above what real
 * templates need (Azure itself caps a template at 4 MB and a copy loop at 800 iterations).
 */
/** Nesting of one expression's syntax: calls inside calls, indexes inside indexes. */
const MAX_EXPRESSION_NESTING = 200;
/** Nesting of evaluation across variables, user-defined functions, lambdas and nested JSON values. */
const MAX_EVALUATION_DEPTH = 200;
/** Nesting of a value (arrays inside objects inside arrays) that functions walk. */
const MAX_VALUE_DEPTH = 1000;
/** Characters in a string a function builds. */
const MAX_STRING_LENGTH = 4 * 1024 * 1024;
/** Elements in an array a function builds, and iterations of a copy loop. */
const MAX_ARRAY_LENGTH = 100_000;
/** Distinct expression texts whose syntax trees are kept; past it the cache starts over. */
const MAX_CACHED_EXPRESSIONS = 100_000;
/** Syntax-tree nodes being evaluated at once, across variables and functions: a guard for the call stack. */
const MAX_NODE_NESTING = 800;
/** Iterations of a `copy` loop, as Azure allows. */
const MAX_COPY_COUNT = 800;

function isArmObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}
function typeName(value) {
    if (value === null)
        return 'null';
    if (isUnknown(value))
        return 'unknown';
    if (Array.isArray(value))
        return 'array';
    switch (typeof value) {
        case 'boolean':
            return 'bool';
        case 'number':
            return 'int';
        case 'string':
            return 'string';
        default:
            return 'object';
    }
}
/**
 * Sets an own property even for names such as `__proto__`, which plain assignment would turn into a prototype
 * change: keys come from untrusted templates.
 */
function setProperty(target, key, value) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
/** The key under which `name` is stored, compared case-insensitively as Azure does. */
function findKey$1(target, name) {
    if (Object.hasOwn(target, name))
        return name;
    const lower = name.toLowerCase();
    for (const key of Object.keys(target)) {
        if (key.toLowerCase() === lower)
            return key;
    }
    return undefined;
}
function getProperty(target, name) {
    const key = findKey$1(target, name);
    return key === undefined ? undefined : target[key];
}
/** The first Unknown anywhere inside a value, or undefined when the value is entirely known. */
function findUnknown(value, depth = 0) {
    if (isUnknown(value))
        return value;
    if (typeof value !== 'object' || value === null)
        return undefined;
    if (depth > MAX_VALUE_DEPTH)
        throw tooDeep();
    const items = Array.isArray(value) ? value : Object.values(value);
    for (const item of items) {
        const found = findUnknown(item, depth + 1);
        if (found !== undefined)
            return found;
    }
    return undefined;
}
/** The unknown result of computing something from `source`: same reason, but no longer the value `source` names. */
function derivedUnknown(source) {
    return new Unknown(source.reason);
}
/**
 * Deep equality as the `equals` function sees it: strings case-sensitively, object keys case-insensitively. Where an
 * unknown part decides the answer the result is an Unknown; two unknowns naming the same value are equal, and a
 * distinct unknown (an identifier no other value shares) differs from any other value.
 */
function deepEquals(a, b, depth = 0) {
    if (depth > MAX_VALUE_DEPTH)
        throw tooDeep();
    if (isUnknown(a) || isUnknown(b))
        return unknownEquality(a, b);
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
        return a === b;
    if (Array.isArray(a) || Array.isArray(b)) {
        if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length)
            return false;
        let pending;
        for (let i = 0; i < a.length; i++) {
            const same = deepEquals(a[i] ?? null, b[i] ?? null, depth + 1);
            if (same === false)
                return false;
            if (same !== true)
                pending ??= same;
        }
        return pending ?? true;
    }
    const keysA = Object.keys(a);
    if (keysA.length !== Object.keys(b).length)
        return false;
    let pending;
    for (const key of keysA) {
        const other = getProperty(b, key);
        if (other === undefined)
            return false;
        const same = deepEquals(a[key] ?? null, other, depth + 1);
        if (same === false)
            return false;
        if (same !== true)
            pending ??= same;
    }
    return pending ?? true;
}
function unknownEquality(a, b) {
    if (isUnknown(a) && isUnknown(b)) {
        if (a.ref !== undefined && a.ref === b.ref)
            return true;
        if (a.distinct && b.distinct && a.ref !== undefined && b.ref !== undefined)
            return false;
        return derivedUnknown(a);
    }
    const unknown = isUnknown(a) ? a : b;
    const known = isUnknown(a) ? b : a;
    if (unknown.distinct && unknown.ref !== undefined && typeof known === 'string')
        return false;
    return derivedUnknown(unknown);
}
/** Compact JSON text of an entirely known value, as Azure's `string()` writes objects and arrays. */
function toJsonText(value, depth = 0) {
    if (depth > MAX_VALUE_DEPTH)
        throw tooDeep();
    if (isUnknown(value))
        throw new FunctionArgumentError('cannot write an unknown value as JSON');
    if (value === null || typeof value !== 'object')
        return JSON.stringify(value);
    if (Array.isArray(value))
        return `[${value.map((item) => toJsonText(item, depth + 1)).join(',')}]`;
    const parts = Object.keys(value).map((key) => `${JSON.stringify(key)}:${toJsonText(value[key] ?? null, depth + 1)}`);
    return `{${parts.join(',')}}`;
}
/**
 * Turns parsed JSON of unchecked shape (a template section, a parameter value) into an ArmValue, keeping any
 * Unknown the caller placed inside it. Anything that is not JSON (undefined, functions) becomes null.
 */
function fromJson(value, depth = 0) {
    if (depth > MAX_VALUE_DEPTH)
        throw tooDeep();
    if (value === null || value === undefined)
        return null;
    if (isUnknown(value))
        return value;
    if (typeof value === 'string' || typeof value === 'boolean')
        return value;
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : null;
    if (Array.isArray(value))
        return value.map((item) => fromJson(item, depth + 1));
    if (typeof value === 'object') {
        const out = {};
        for (const [key, item] of Object.entries(value))
            setProperty(out, key, fromJson(item, depth + 1));
        return out;
    }
    return null;
}
/** A short rendering of a value for messages. */
function describeValue(value) {
    if (isUnknown(value))
        return value.toString();
    if (typeof value === 'string')
        return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
    if (value === null || typeof value !== 'object')
        return String(value);
    return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
}
function tooDeep() {
    return new FunctionArgumentError(`value nested deeper than ${MAX_VALUE_DEPTH} levels`, 'limit');
}

/**
 * Placeholders used where the caller gives no value. They are not real Azure values: they only keep IDs built from
 * the scope well-formed and equal to each other within one template, so resources can still be joined. Results
 * hashed from them (`uniqueString(resourceGroup().id)`) differ from those of a real deployment.
 */
const SCOPE_PLACEHOLDERS = {
    tenantId: '00000000-0000-0000-0000-000000000000',
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    subscriptionDisplayName: 'subscription',
    resourceGroupName: 'resource-group',
    location: 'location',
    managementGroupName: 'management-group',
    deploymentName: 'deployment',
};
/** `environment()` in the Azure public cloud, as the ARM deployment-functions page documents it. */
const PUBLIC_CLOUD_ENVIRONMENT = {
    name: 'AzureCloud',
    gallery: 'https://gallery.azure.com/',
    graph: 'https://graph.windows.net/',
    portal: 'https://portal.azure.com',
    graphAudience: 'https://graph.windows.net/',
    activeDirectoryDataLake: 'https://datalake.azure.net/',
    batch: 'https://batch.core.windows.net/',
    media: 'https://rest.media.azure.net',
    sqlManagement: 'https://management.core.windows.net:8443/',
    vmImageAliasDoc: 'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
    resourceManager: 'https://management.azure.com/',
    authentication: {
        loginEndpoint: 'https://login.microsoftonline.com/',
        audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
        tenant: 'common',
        identityProvider: 'AAD',
    },
    suffixes: {
        acrLoginServer: '.azurecr.io',
        azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
        azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
        azureFrontDoorEndpointSuffix: 'azurefd.net',
        keyvaultDns: '.vault.azure.net',
        sqlServerHostname: '.database.windows.net',
        storage: 'core.windows.net',
    },
};
/** The scope values for a deployment, with `SCOPE_PLACEHOLDERS` wherever `options` says nothing. */
function deploymentScope(options = {}) {
    const kind = options.kind ?? 'resourceGroup';
    const tenantId = options.tenantId ?? SCOPE_PLACEHOLDERS.tenantId;
    const subscriptionId = options.subscriptionId ?? SCOPE_PLACEHOLDERS.subscriptionId;
    const resourceGroupName = options.resourceGroupName ?? SCOPE_PLACEHOLDERS.resourceGroupName;
    const managementGroupName = options.managementGroupName ?? SCOPE_PLACEHOLDERS.managementGroupName;
    const location = options.location ?? SCOPE_PLACEHOLDERS.location;
    const deploymentName = options.deploymentName ?? SCOPE_PLACEHOLDERS.deploymentName;
    const subscriptionIdPath = joinParts(['/subscriptions/', subscriptionId]);
    const deploymentValue = object({
        name: deploymentName,
        properties: object({
            template: object({ contentVersion: '1.0.0.0' }),
            parameters: object({}),
            mode: 'Incremental',
            provisioningState: 'Accepted',
        }),
    });
    if (kind !== 'resourceGroup')
        setProperty(deploymentValue, 'location', location);
    return {
        kind,
        tenantId,
        subscriptionId,
        resourceGroupName,
        managementGroupName,
        resourceGroup: object({
            id: joinParts(['/subscriptions/', subscriptionId, '/resourceGroups/', resourceGroupName]),
            name: resourceGroupName,
            type: 'Microsoft.Resources/resourceGroups',
            location,
            properties: object({ provisioningState: 'Succeeded' }),
        }),
        subscription: object({
            id: subscriptionIdPath,
            subscriptionId,
            tenantId,
            displayName: options.subscriptionDisplayName ?? SCOPE_PLACEHOLDERS.subscriptionDisplayName,
        }),
        tenant: object({ id: joinParts(['/tenants/', tenantId]), tenantId }),
        managementGroup: object({
            id: joinParts(['/providers/Microsoft.Management/managementGroups/', managementGroupName]),
            name: managementGroupName,
            type: 'Microsoft.Management/managementGroups',
        }),
        deployment: deploymentValue,
        environment: options.environment ?? fromJson(PUBLIC_CLOUD_ENVIRONMENT),
    };
}
function object(entries) {
    const out = {};
    for (const [key, value] of Object.entries(entries))
        setProperty(out, key, value);
    return out;
}

/**
 * Parses the text given to `json()`. Azure reads it with Json.NET, which is lenient where templates rely on it:
 * strings in single quotes (`json('{''a'': ''b''}')`, as the docs show) and property names without quotes. Anything
 * else follows JSON. Nesting is bounded.
 */
function parseJsonText(text) {
    const reader = new JsonReader(text);
    reader.skipSpace();
    const value = reader.readValue(0);
    reader.skipSpace();
    if (!reader.atEnd())
        throw reader.fail('unexpected text after the JSON value');
    return value;
}
class JsonReader {
    text;
    position = 0;
    constructor(text) {
        this.text = text;
    }
    atEnd() {
        return this.position >= this.text.length;
    }
    skipSpace() {
        while (this.position < this.text.length && /\s/.test(this.text[this.position] ?? ''))
            this.position++;
    }
    fail(detail) {
        return new FunctionArgumentError(`not valid JSON at character ${this.position + 1}: ${detail}`);
    }
    readValue(depth) {
        if (depth > MAX_VALUE_DEPTH)
            throw new FunctionArgumentError(`JSON nested deeper than ${MAX_VALUE_DEPTH} levels`, 'limit');
        const ch = this.text[this.position];
        if (ch === '{')
            return this.readObject(depth);
        if (ch === '[')
            return this.readArray(depth);
        if (ch === '"' || ch === "'")
            return this.readString();
        if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9'))
            return this.readNumber();
        const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.text.slice(this.position, this.position + 64))?.[0];
        if (word === 'true' || word === 'false' || word === 'null') {
            this.position += word.length;
            return word === 'null' ? null : word === 'true';
        }
        throw this.fail(ch === undefined ? 'expected a value, found the end' : `unexpected '${ch}'`);
    }
    readObject(depth) {
        const out = {};
        this.position++;
        this.skipSpace();
        if (this.text[this.position] === '}') {
            this.position++;
            return out;
        }
        for (;;) {
            this.skipSpace();
            const key = this.readKey();
            this.skipSpace();
            if (this.text[this.position] !== ':')
                throw this.fail("expected ':' after a property name");
            this.position++;
            this.skipSpace();
            setProperty(out, key, this.readValue(depth + 1));
            this.skipSpace();
            const next = this.text[this.position];
            this.position++;
            if (next === '}')
                return out;
            if (next !== ',')
                throw this.fail("expected ',' or '}' in an object");
        }
    }
    readKey() {
        const ch = this.text[this.position];
        if (ch === '"' || ch === "'")
            return this.readString();
        const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.text.slice(this.position, this.position + 256))?.[0];
        if (word === undefined)
            throw this.fail('expected a property name');
        this.position += word.length;
        return word;
    }
    readArray(depth) {
        const out = [];
        this.position++;
        this.skipSpace();
        if (this.text[this.position] === ']') {
            this.position++;
            return out;
        }
        for (;;) {
            this.skipSpace();
            out.push(this.readValue(depth + 1));
            this.skipSpace();
            const next = this.text[this.position];
            this.position++;
            if (next === ']')
                return out;
            if (next !== ',')
                throw this.fail("expected ',' or ']' in an array");
        }
    }
    readString() {
        const quote = this.text[this.position];
        this.position++;
        let out = '';
        for (;;) {
            const ch = this.text[this.position];
            if (ch === undefined)
                throw this.fail('string is not closed');
            this.position++;
            if (ch === quote)
                return out;
            if (ch !== '\\') {
                out += ch;
                continue;
            }
            const escaped = this.text[this.position];
            if (escaped === undefined)
                throw this.fail('string is not closed');
            this.position++;
            switch (escaped) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'u': {
                    const hex = this.text.slice(this.position, this.position + 4);
                    if (!/^[0-9A-Fa-f]{4}$/.test(hex))
                        throw this.fail('\\u must be followed by 4 hex digits');
                    out += String.fromCharCode(parseInt(hex, 16));
                    this.position += 4;
                    break;
                }
                default:
                    out += escaped;
            }
        }
    }
    readNumber() {
        const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.position, this.position + 400));
        if (match === null)
            throw this.fail('malformed number');
        this.position += match[0].length;
        const value = Number(match[0]);
        if (!Number.isFinite(value))
            throw this.fail('number out of range');
        return value;
    }
}

/** Typed access to known arguments, with messages that say which argument and what was expected. */
const ARTICLE = {
    null: 'null',
    bool: 'a bool',
    int: 'an int',
    string: 'a string',
    array: 'an array',
    object: 'an object',
    unknown: 'an unknown value',
};
function describeType(value) {
    return value === undefined ? 'nothing' : (ARTICLE[typeName(value)] ?? typeName(value));
}
function argumentError(index, expected, got) {
    return new FunctionArgumentError(`argument ${index + 1} must be ${expected}, got ${describeType(got)}`);
}
function stringArg(args, index) {
    const value = args[index];
    if (typeof value !== 'string')
        throw argumentError(index, 'a string', value);
    return value;
}
function intArg(args, index) {
    const value = args[index];
    if (typeof value !== 'number' || !Number.isInteger(value))
        throw argumentError(index, 'an int', value);
    return value;
}
function arrayArg(args, index) {
    const value = args[index];
    if (!Array.isArray(value))
        throw argumentError(index, 'an array', value);
    return value;
}
function objectArg(args, index) {
    const value = args[index];
    if (!isArmObject(value))
        throw argumentError(index, 'an object', value);
    return value;
}
function arg(args, index) {
    return args[index] ?? null;
}
/** Guards the size of what a function builds, so doubling tricks across variables cannot exhaust memory. */
function checkedString(value) {
    if (value.length > MAX_STRING_LENGTH) {
        throw new FunctionArgumentError(`result longer than ${MAX_STRING_LENGTH} characters`, 'limit');
    }
    return value;
}
function checkLength(length) {
    if (length > MAX_ARRAY_LENGTH)
        throw new FunctionArgumentError(`result longer than ${MAX_ARRAY_LENGTH} elements`, 'limit');
}
function checkedArray(value) {
    checkLength(value.length);
    return value;
}

const VARIADIC = Number.POSITIVE_INFINITY;

/**
 * Array and object functions, and those that take strings as well as arrays (template-functions-array and
 * template-functions-object on learn.microsoft.com). Object keys compare case-insensitively, as in Azure.
 */
const collectionFunctions = {
    array: { min: 1, max: 1, run: (args) => (Array.isArray(args[0]) ? args[0] : [arg(args, 0)]) },
    concat: { min: 1, max: VARIADIC, run: concat },
    contains: { min: 2, max: 2, unknowns: 'self', run: contains },
    createarray: { min: 0, max: VARIADIC, unknowns: 'self', run: (args) => checkedArray([...args]) },
    createobject: { min: 0, max: VARIADIC, unknowns: 'self', run: createObject },
    empty: { min: 1, max: 1, run: (args) => sizeOf(args, 0, true) === 0 },
    first: { min: 1, max: 1, run: (args) => pick(args, 'first') },
    last: { min: 1, max: 1, run: (args) => pick(args, 'last') },
    flatten: { min: 1, max: 1, run: flatten },
    indexof: { min: 2, max: 2, unknowns: 'self', run: (args) => indexOf(args, false) },
    lastindexof: { min: 2, max: 2, unknowns: 'self', run: (args) => indexOf(args, true) },
    intersection: { min: 2, max: VARIADIC, unknowns: 'self', run: intersection },
    items: {
        min: 1,
        max: 1,
        run: (args) => {
            const source = objectArg(args, 0);
            // Azure returns the entries sorted by key (the items() example in the object-functions docs).
            return Object.keys(source)
                .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
                .map((key) => entry(key, source[key] ?? null));
        },
    },
    json: { min: 1, max: 1, run: (args) => parseJsonText(stringArg(args, 0)) },
    length: { min: 1, max: 1, run: (args) => sizeOf(args, 0, false) },
    null: { min: 0, max: 0, run: () => null },
    objectkeys: { min: 1, max: 1, run: (args) => Object.keys(objectArg(args, 0)) },
    range: { min: 2, max: 2, run: range },
    skip: { min: 2, max: 2, run: (args) => slice(args, true) },
    take: { min: 2, max: 2, run: (args) => slice(args, false) },
    union: { min: 1, max: VARIADIC, unknowns: 'self', run: union$1 },
    shallowmerge: {
        min: 1,
        max: 1,
        run: (args) => {
            const out = {};
            for (const [index, item] of arrayArg(args, 0).entries()) {
                if (isUnknown(item))
                    return derivedUnknown(item);
                if (!isArmObject(item))
                    throw new FunctionArgumentError(`element ${index} of the array is not an object`);
                for (const [key, value] of Object.entries(item))
                    setProperty(out, findKey$1(out, key) ?? key, value);
            }
            return out;
        },
    },
    tryget: { min: 2, max: VARIADIC, unknowns: 'self', run: tryGet },
};
function flatten(args) {
    const out = [];
    for (const [index, item] of arrayArg(args, 0).entries()) {
        if (isUnknown(item))
            return derivedUnknown(item);
        if (!Array.isArray(item))
            throw new FunctionArgumentError(`element ${index} of the array is not an array`);
        checkLength(out.length + item.length);
        out.push(...item);
    }
    return out;
}
function entry(key, value) {
    const out = {};
    setProperty(out, 'key', key);
    setProperty(out, 'value', value);
    return out;
}
/**
 * Strings and arrays, never both. Ints are written as digits: `concat('vm', copyIndex())` is the classic way to
 * name copies. Other types are not guessed.
 */
function concat(args) {
    if (Array.isArray(args[0])) {
        const out = [];
        for (const [index, item] of args.entries()) {
            if (item === null)
                continue;
            if (!Array.isArray(item))
                throw argumentError(index, 'an array like the first argument', item);
            checkLength(out.length + item.length);
            out.push(...item);
        }
        return out;
    }
    let text = '';
    for (const [index, item] of args.entries()) {
        if (typeof item === 'string')
            text += item;
        else if (typeof item === 'number' && Number.isInteger(item))
            text += String(item);
        else if (typeof item === 'boolean' || item === null)
            return new Unknown(`concat() of a ${item === null ? 'null' : 'bool'} is not supported`);
        else
            throw argumentError(index, 'a string or an int like the first argument', item);
        checkedString(text);
    }
    return text;
}
function contains(args) {
    const container = arg(args, 0);
    const item = arg(args, 1);
    if (isUnknown(container))
        return derivedUnknown(container);
    if (Array.isArray(container))
        return anyEqual(container, item);
    if (isUnknown(item))
        return derivedUnknown(item);
    if (typeof container === 'string') {
        if (typeof item !== 'string' && typeof item !== 'number')
            throw argumentError(1, 'a string or an int', item);
        return container.includes(String(item));
    }
    if (isArmObject(container)) {
        if (typeof item !== 'string')
            throw argumentError(1, 'a string', item);
        return findKey$1(container, item) !== undefined;
    }
    throw argumentError(0, 'an array, an object or a string', container);
}
/** True when a known element equals the item; unknown when none does but an unknown comparison might. */
function anyEqual(items, item) {
    let pending;
    for (const element of items) {
        const same = deepEquals(element, item);
        if (same === true)
            return true;
        if (same !== false)
            pending ??= same;
    }
    return pending ?? false;
}
function createObject(args) {
    if (args.length % 2 !== 0)
        throw new FunctionArgumentError('expects pairs of key and value: got an odd number of arguments');
    const out = {};
    for (let i = 0; i < args.length; i += 2) {
        const key = args[i];
        if (isUnknown(key))
            return new Unknown(`a property name is unknown (${key.reason})`);
        if (typeof key !== 'string')
            throw argumentError(i, 'a string (a property name)', key);
        if (findKey$1(out, key) !== undefined)
            throw new FunctionArgumentError(`property '${key}' is given twice`);
        setProperty(out, key, args[i + 1] ?? null);
    }
    return out;
}
function sizeOf(args, index, allowNull) {
    const value = args[index];
    if (value === null && allowNull)
        return 0;
    if (typeof value === 'string' || Array.isArray(value))
        return value.length;
    if (isArmObject(value))
        return Object.keys(value).length;
    throw argumentError(index, 'an array, an object or a string', value);
}
function pick(args, end) {
    const value = args[0];
    if (typeof value === 'string')
        return end === 'first' ? value.slice(0, 1) : value.slice(-1);
    if (Array.isArray(value))
        return (end === 'first' ? value[0] : value[value.length - 1]) ?? null;
    throw argumentError(0, 'an array or a string', value);
}
/** Strings compare case-insensitively (documented); array elements compare as `equals` does. */
function indexOf(args, fromEnd) {
    const container = arg(args, 0);
    const item = arg(args, 1);
    if (isUnknown(container))
        return derivedUnknown(container);
    if (Array.isArray(container)) {
        const order = container.map((_, i) => i);
        if (fromEnd)
            order.reverse();
        for (const i of order) {
            const same = deepEquals(container[i] ?? null, item);
            if (same === true)
                return i;
            if (same !== false)
                return derivedUnknown(same);
        }
        return -1;
    }
    if (isUnknown(item))
        return derivedUnknown(item);
    const text = stringArg(args, 0).toLowerCase();
    const find = stringArg(args, 1).toLowerCase();
    return fromEnd ? text.lastIndexOf(find) : text.indexOf(find);
}
function intersection(args) {
    const top = args.find(isUnknown);
    if (top !== undefined)
        return derivedUnknown(top);
    if (Array.isArray(args[0])) {
        const lists = args.map((_, i) => arrayArg(args, i));
        const [first = [], ...rest] = lists;
        const out = [];
        for (const item of first) {
            const inAll = allTri(rest.map((list) => anyEqual(list, item)));
            if (inAll !== true && inAll !== false)
                return derivedUnknown(inAll);
            if (!inAll)
                continue;
            const seen = anyEqual(out, item);
            if (seen !== true && seen !== false)
                return derivedUnknown(seen);
            if (!seen)
                out.push(item);
        }
        return out;
    }
    const objects = args.map((_, i) => objectArg(args, i));
    const [first = {}, ...rest] = objects;
    const out = {};
    for (const [key, value] of Object.entries(first)) {
        const inAll = allTri(rest.map((other) => {
            const match = getProperty(other, key);
            return match === undefined ? false : deepEquals(value, match);
        }));
        if (inAll !== true && inAll !== false)
            return derivedUnknown(inAll);
        if (inAll)
            setProperty(out, key, value);
    }
    return out;
}
function allTri(values) {
    let pending;
    for (const value of values) {
        if (value === false)
            return false;
        if (value !== true)
            pending ??= value;
    }
    return pending ?? true;
}
function range(args) {
    const start = intArg(args, 0);
    const count = intArg(args, 1);
    if (count < 0 || count > 10000)
        throw argumentError(1, 'an int from 0 to 10000', count);
    if (start + count > 2147483647)
        throw new FunctionArgumentError('start plus count must not exceed 2147483647');
    return Array.from({ length: count }, (_, i) => start + i);
}
function slice(args, skip) {
    const value = args[0];
    const count = Math.max(0, intArg(args, 1));
    if (typeof value === 'string' || Array.isArray(value))
        return skip ? value.slice(count) : value.slice(0, count);
    throw argumentError(0, 'an array or a string', value);
}
/**
 * Arrays: distinct elements in order of first appearance. Objects: later arguments win, objects nested under the
 * same key are merged recursively, arrays are replaced (the deep-merge example in the object-functions docs).
 */
function union$1(args) {
    const top = args.find(isUnknown);
    if (top !== undefined)
        return derivedUnknown(top);
    if (Array.isArray(args[0])) {
        const out = [];
        for (const [index, list] of args.entries()) {
            if (list === null)
                continue;
            if (!Array.isArray(list))
                throw argumentError(index, 'an array like the first argument', list);
            for (const item of list) {
                const seen = anyEqual(out, item);
                if (seen !== true && seen !== false)
                    return derivedUnknown(seen);
                if (!seen)
                    out.push(item);
            }
            checkLength(out.length);
        }
        return out;
    }
    let out = {};
    for (const [index, value] of args.entries()) {
        if (value === null)
            continue;
        if (!isArmObject(value))
            throw argumentError(index, 'an object like the first argument', value);
        out = mergeObjects(out, value, 0);
    }
    return out;
}
function mergeObjects(base, overlay, depth) {
    if (depth > MAX_VALUE_DEPTH)
        throw new FunctionArgumentError(`value nested deeper than ${MAX_VALUE_DEPTH} levels`, 'limit');
    const out = {};
    for (const [key, value] of Object.entries(base))
        setProperty(out, key, value);
    for (const [key, value] of Object.entries(overlay)) {
        const existingKey = findKey$1(out, key);
        const existing = existingKey === undefined ? undefined : out[existingKey];
        setProperty(out, existingKey ?? key, mergeValue(existing, value, depth));
    }
    return out;
}
/** An unknown on either side of a merge makes the merged value unknown only where it could be an object. */
function mergeValue(existing, value, depth) {
    if (isArmObject(existing) && isArmObject(value))
        return mergeObjects(existing, value, depth + 1);
    if (isUnknown(value))
        return isArmObject(existing) || isUnknown(existing) ? derivedUnknown(value) : value;
    if (isUnknown(existing) && isArmObject(value))
        return derivedUnknown(existing);
    return value;
}
/** `tryGet(value, key, ...)`: the value at the path, or null where a key or index is missing. */
function tryGet(args) {
    let current = arg(args, 0);
    for (let i = 1; i < args.length; i++) {
        const key = arg(args, i);
        if (isUnknown(current))
            return derivedUnknown(current);
        if (isUnknown(key))
            return derivedUnknown(key);
        if (current === null)
            return null;
        if (isArmObject(current) && typeof key === 'string')
            current = getProperty(current, key) ?? null;
        else if (Array.isArray(current) && typeof key === 'number')
            current = current[key] ?? null;
        else
            throw argumentError(i, Array.isArray(current) ? 'an int (an index)' : 'a string (a property name)', key);
    }
    return current;
}

/**
 * Comparison functions. `equals` compares deeply, strings case-sensitively; the ordering functions compare ints
 * numerically and strings ordinally (so 'A' is less than 'a', as the ARM docs show).
 */
const comparisonFunctions = {
    coalesce: { min: 1, max: VARIADIC, lazy: true, run: coalesce },
    equals: { min: 2, max: 2, unknowns: 'self', run: (args) => deepEquals(args[0] ?? null, args[1] ?? null) },
    less: { min: 2, max: 2, run: (args) => compare$1(args) < 0 },
    lessorequals: { min: 2, max: 2, run: (args) => compare$1(args) <= 0 },
    greater: { min: 2, max: 2, run: (args) => compare$1(args) > 0 },
    greaterorequals: { min: 2, max: 2, run: (args) => compare$1(args) >= 0 },
};
/**
 * The first argument that is not null. An unknown argument before it may itself be null or not, so the result is
 * unknown; when the unknown is the last candidate the result is exactly that unknown (null or not, it is returned).
 */
function coalesce(args) {
    let pending;
    for (const argument of args) {
        const value = argument.evaluate();
        if (value === null)
            continue;
        if (isUnknown(value)) {
            if (pending !== undefined)
                return derivedUnknown(pending);
            pending = value;
            continue;
        }
        return pending === undefined ? value : derivedUnknown(pending);
    }
    return pending ?? null;
}
function compare$1(args) {
    const [a, b] = args;
    if (typeof a === 'number' && typeof b === 'number')
        return a - b;
    if (typeof a === 'string' && typeof b === 'string')
        return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a !== 'number' && typeof a !== 'string')
        throw argumentError(0, 'an int or a string', a);
    throw new FunctionArgumentError(`arguments must both be ints or both be strings, got ${typeof a} and ${typeof b}`);
}

/**
 * Lambda functions (template-functions-lambda): `map(array, lambda('x', ...))` and kin. The lambda receives the
 * element, and the index where Azure allows a second variable.
 */
const lambdaFunctions = {
    filter: { min: 2, max: 2, lazy: true, run: filter },
    map: { min: 2, max: 2, lazy: true, run: map },
    reduce: { min: 3, max: 3, lazy: true, run: reduce },
    sort: { min: 2, max: 2, lazy: true, run: sort },
    toobject: { min: 2, max: 3, lazy: true, run: toObject },
    mapvalues: { min: 2, max: 2, lazy: true, run: mapValues },
};
function arrayInput(args) {
    const value = args[0]?.evaluate() ?? null;
    if (isUnknown(value))
        return derivedUnknown(value);
    if (!Array.isArray(value))
        throw argumentError(0, 'an array', value);
    return value;
}
function lambdaArg(args, index, min, max) {
    const argument = args[index];
    if (argument === undefined)
        throw new FunctionArgumentError(`argument ${index + 1} is missing`);
    const lambda = argument.asLambda();
    if (lambda.parameterCount < min || lambda.parameterCount > max) {
        const expected = min === max ? `${min}` : `${min} or ${max}`;
        throw new FunctionArgumentError(`the lambda in argument ${index + 1} must take ${expected} variables, not ${lambda.parameterCount}`);
    }
    return lambda;
}
function callWithIndex(lambda, values, index) {
    return lambda.call(lambda.parameterCount > values.length ? [...values, index] : values);
}
function filter(args) {
    const items = arrayInput(args);
    if (isUnknown(items))
        return items;
    const predicate = lambdaArg(args, 1, 1, 2);
    const out = [];
    for (const [index, item] of items.entries()) {
        const keep = callWithIndex(predicate, [item], index);
        if (isUnknown(keep))
            return derivedUnknown(keep);
        if (typeof keep !== 'boolean')
            throw new FunctionArgumentError(`the lambda must return a bool, got ${typeof keep}`);
        if (keep)
            out.push(item);
    }
    return out;
}
function map(args) {
    const items = arrayInput(args);
    if (isUnknown(items))
        return items;
    const mapper = lambdaArg(args, 1, 1, 2);
    return items.map((item, index) => callWithIndex(mapper, [item], index));
}
function reduce(args) {
    const items = arrayInput(args);
    if (isUnknown(items))
        return items;
    let accumulator = args[1]?.evaluate() ?? null;
    const reducer = lambdaArg(args, 2, 2, 3);
    for (const [index, item] of items.entries())
        accumulator = callWithIndex(reducer, [accumulator, item], index);
    return accumulator;
}
/** The lambda says whether its first argument sorts before its second. */
function sort(args) {
    const items = arrayInput(args);
    if (isUnknown(items))
        return items;
    const before = lambdaArg(args, 1, 2, 2);
    let unknown;
    const precedes = (a, b) => {
        const result = before.call([a, b]);
        if (isUnknown(result)) {
            unknown ??= result;
            return false;
        }
        if (typeof result !== 'boolean')
            throw new FunctionArgumentError(`the lambda must return a bool, got ${typeof result}`);
        return result;
    };
    const sorted = [...items].sort((a, b) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0));
    return unknown === undefined ? sorted : derivedUnknown(unknown);
}
function toObject(args) {
    const items = arrayInput(args);
    if (isUnknown(items))
        return items;
    const keyOf = lambdaArg(args, 1, 1, 1);
    const valueOf = args.length > 2 ? lambdaArg(args, 2, 1, 1) : undefined;
    const out = {};
    for (const item of items) {
        const key = keyOf.call([item]);
        if (isUnknown(key))
            return new Unknown(`a property name is unknown (${key.reason})`);
        if (typeof key !== 'string')
            throw new FunctionArgumentError(`the key lambda must return a string, got ${typeof key}`);
        if (findKey$1(out, key) !== undefined)
            throw new FunctionArgumentError(`key '${key}' is produced twice`);
        setProperty(out, key, valueOf === undefined ? item : valueOf.call([item]));
    }
    return out;
}
function mapValues(args) {
    const source = args[0]?.evaluate() ?? null;
    if (isUnknown(source))
        return derivedUnknown(source);
    if (!isArmObject(source))
        throw argumentError(0, 'an object', source);
    const mapper = lambdaArg(args, 1, 1, 1);
    const out = {};
    for (const [key, value] of Object.entries(source))
        setProperty(out, key, mapper.call([value]));
    return out;
}

/**
 * Logical functions with Kleene logic: `and` is false as soon as one argument is false, even if another is unknown;
 * `or` is true as soon as one is true. Arguments are evaluated left to right and only as far as needed, so a guard
 * protects the expressions after it as it does in Azure.
 */
const logicalFunctions = {
    and: { min: 2, max: VARIADIC, lazy: true, run: (args) => junction(args, false) },
    or: { min: 2, max: VARIADIC, lazy: true, run: (args) => junction(args, true) },
    not: {
        min: 1,
        max: 1,
        run: (args) => {
            const value = args[0];
            if (typeof value !== 'boolean')
                throw argumentError(0, 'a bool', value);
            return !value;
        },
    },
    if: { min: 3, max: 3, lazy: true, run: conditional },
    bool: { min: 1, max: 1, run: (args) => toBool(args[0] ?? null) },
    true: { min: 0, max: 0, run: () => true },
    false: { min: 0, max: 0, run: () => false },
};
/** `decisive` is the value that settles the junction: false for `and`, true for `or`. */
function junction(args, decisive) {
    let pending;
    for (const [index, argument] of args.entries()) {
        const value = argument.evaluate();
        if (isUnknown(value)) {
            pending ??= derivedUnknown(value);
            continue;
        }
        if (typeof value !== 'boolean')
            throw argumentError(index, 'a bool', value);
        if (value === decisive)
            return decisive;
    }
    return pending ?? !decisive;
}
/**
 * Only the chosen branch is evaluated, as in Azure. With an unknown condition both are tried: when they agree the
 * result is known anyway; a branch that fails to evaluate makes the result unknown, as it may never be taken.
 */
function conditional(args) {
    const [condition, whenTrue, whenFalse] = args;
    if (condition === undefined || whenTrue === undefined || whenFalse === undefined) {
        throw new FunctionArgumentError('expects 3 arguments');
    }
    const value = condition.evaluate();
    if (typeof value === 'boolean')
        return value ? whenTrue.evaluate() : whenFalse.evaluate();
    if (!isUnknown(value))
        throw argumentError(0, 'a bool', value);
    const reason = `condition is unknown (${value.reason})`;
    const first = tryEvaluate(whenTrue);
    const second = tryEvaluate(whenFalse);
    if (first === undefined || second === undefined)
        return new Unknown(reason);
    return deepEquals(first, second) === true ? first : new Unknown(reason);
}
function tryEvaluate(argument) {
    try {
        return argument.evaluate();
    }
    catch (error) {
        const limit = (error instanceof ExpressionError || error instanceof FunctionArgumentError) && error.kind === 'limit';
        if (limit || !(error instanceof ExpressionError || error instanceof FunctionArgumentError))
            throw error;
        return undefined;
    }
}
function toBool(value) {
    if (typeof value === 'boolean')
        return value;
    if (typeof value === 'number' && Number.isInteger(value))
        return value !== 0;
    if (typeof value === 'string') {
        const lower = value.trim().toLowerCase();
        if (lower === 'true')
            return true;
        if (lower === 'false')
            return false;
    }
    throw argumentError(0, "a bool, an int, or the string 'true' or 'false'", value);
}

/**
 * Integer functions (template-functions-numeric). Azure computes with 64-bit integers; results beyond the range
 * JavaScript represents exactly (±2^53) are reported rather than rounded. Division truncates toward zero and the
 * remainder takes the dividend's sign, as in .NET.
 */
const numericFunctions = {
    add: { min: 2, max: 2, run: (args) => exact(intArg(args, 0) + intArg(args, 1)) },
    sub: { min: 2, max: 2, run: (args) => exact(intArg(args, 0) - intArg(args, 1)) },
    mul: { min: 2, max: 2, run: (args) => exact(intArg(args, 0) * intArg(args, 1)) },
    div: { min: 2, max: 2, run: (args) => exact(Math.trunc(intArg(args, 0) / divisor(args))) },
    mod: { min: 2, max: 2, run: (args) => exact(intArg(args, 0) % divisor(args)) },
    int: { min: 1, max: 1, run: (args) => toInt(args[0] ?? null) },
    min: { min: 1, max: VARIADIC, unknowns: 'deep', run: (args) => extreme(args, Math.min) },
    max: { min: 1, max: VARIADIC, unknowns: 'deep', run: (args) => extreme(args, Math.max) },
};
function divisor(args) {
    const value = intArg(args, 1);
    if (value === 0)
        throw new FunctionArgumentError('division by zero');
    return value;
}
function exact(value) {
    if (!Number.isSafeInteger(value))
        throw new FunctionArgumentError('result is too large to compute exactly', 'limit');
    return value === 0 ? 0 : value;
}
function toInt(value) {
    if (typeof value === 'number' && Number.isInteger(value))
        return value;
    if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) {
        const parsed = Number(value.trim());
        if (Number.isSafeInteger(parsed))
            return parsed;
    }
    throw argumentError(0, 'an int or a string of digits', value);
}
/** `min(1, 2, 3)` or `min([1, 2, 3])`. */
function extreme(args, pick) {
    const only = args[0];
    const values = args.length === 1 && Array.isArray(only) ? only : args;
    if (values.length === 0)
        throw new FunctionArgumentError('needs at least one int');
    let result = intArg(values, 0);
    for (let i = 1; i < values.length; i++)
        result = pick(result, intArg(values, i));
    return result;
}

/**
 * Resource ID functions (template-functions-resource). An unknown part (a parameter without a value) makes the ID
 * unknown, named after its parts so that the same ID built twice still has one ref.
 */
const resourceIdFunctions = {
    resourceid: { min: 2, max: VARIADIC, unknowns: 'self', run: resourceId },
    subscriptionresourceid: { min: 2, max: VARIADIC, unknowns: 'self', run: subscriptionResourceId },
    tenantresourceid: { min: 2, max: VARIADIC, unknowns: 'self', run: (args) => tenantResourceId(args) },
    managementgroupresourceid: { min: 2, max: VARIADIC, unknowns: 'self', run: managementGroupResourceId },
    extensionresourceid: { min: 3, max: VARIADIC, unknowns: 'self', run: extensionResourceId },
};
/**
 * `Microsoft.Network/virtualNetworks/subnets` with names `vnet`, `default` becomes
 * `providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`: one name per type segment after the namespace.
 */
function providerPath(type, names) {
    const segments = type.split('/');
    const [namespace, ...types] = segments;
    if (namespace === undefined || namespace === '' || types.length === 0 || types.some((t) => t === '')) {
        throw new FunctionArgumentError(`'${type}' is not a resource type of the form 'Namespace/type'`);
    }
    if (types.length !== names.length) {
        throw new FunctionArgumentError(`resource type '${type}' needs ${types.length} name${types.length === 1 ? '' : 's'}, got ${names.length}`);
    }
    const parts = ['/providers/', namespace];
    types.forEach((segment, i) => parts.push('/', segment, '/', names[i] ?? ''));
    return parts;
}
/** Builds a resource ID from parts; exported for adapters that need IDs in the same form as `resourceId()`. */
function buildResourceId(scopePrefix, type, names) {
    return joinParts([...scopePrefix, ...providerPath(type, names)]);
}
function parts(args) {
    return args.map((value, index) => {
        if (typeof value === 'string' || isUnknown(value))
            return value;
        throw argumentError(index, 'a string', value);
    });
}
/** The resource type is the first argument with a '/'; what precedes it is the subscription and resource group. */
function splitAtType(values) {
    const index = values.findIndex((v) => typeof v === 'string' && v.includes('/'));
    if (index === -1) {
        const unknown = values.find(isUnknown);
        if (unknown !== undefined)
            return new Unknown(unknown.reason);
        throw new FunctionArgumentError("needs a resource type such as 'Microsoft.Network/virtualNetworks'");
    }
    return { before: values.slice(0, index), type: values[index], names: values.slice(index + 1) };
}
function resourceId(args, call) {
    const split = splitAtType(parts(args));
    if (isUnknown(split))
        return split;
    const { before, type, names } = split;
    if (before.length > 2)
        throw new FunctionArgumentError('takes at most a subscription ID and a resource group name before the type');
    const scope = call.scope;
    let prefix;
    if (before.length === 2)
        prefix = ['/subscriptions/', before[0] ?? '', '/resourceGroups/', before[1] ?? ''];
    else if (before.length === 1)
        prefix = ['/subscriptions/', scope.subscriptionId, '/resourceGroups/', before[0] ?? ''];
    else
        prefix = scopeIdParts(scope);
    return buildResourceId(prefix, type, names);
}
/**
 * The ID of a deployment scope as parts, some maybe unknown: a resource group, a subscription, a management group, or
 * the tenant root (none). Without a subscription and group, `resourceId()` builds an ID at this level.
 */
function scopeIdParts(scope) {
    switch (scope.kind) {
        case 'resourceGroup':
            return ['/subscriptions/', scope.subscriptionId, '/resourceGroups/', scope.resourceGroupName];
        case 'subscription':
            return ['/subscriptions/', scope.subscriptionId];
        case 'managementGroup':
            return ['/providers/Microsoft.Management/managementGroups/', scope.managementGroupName];
        case 'tenant':
            return [];
    }
}
function subscriptionResourceId(args, call) {
    const split = splitAtType(parts(args));
    if (isUnknown(split))
        return split;
    const { before, type, names } = split;
    if (before.length > 1)
        throw new FunctionArgumentError('takes at most a subscription ID before the type');
    return buildResourceId(['/subscriptions/', before[0] ?? call.scope.subscriptionId], type, names);
}
function tenantResourceId(args) {
    const split = splitAtType(parts(args));
    if (isUnknown(split))
        return split;
    if (split.before.length > 0)
        throw argumentError(0, 'a resource type', args[0]);
    return buildResourceId([], split.type, split.names);
}
function managementGroupResourceId(args, call) {
    const split = splitAtType(parts(args));
    if (isUnknown(split))
        return split;
    const { before, type, names } = split;
    if (before.length > 1)
        throw new FunctionArgumentError('takes at most a management group name before the type');
    const group = before[0] ?? call.scope.managementGroupName;
    return buildResourceId(['/providers/Microsoft.Management/managementGroups/', group], type, names);
}
function extensionResourceId(args) {
    const [base, ...rest] = parts(args);
    const type = rest[0];
    if (base === undefined || type === undefined)
        throw new FunctionArgumentError('needs a resource ID, a type and names');
    if (isUnknown(type))
        return new Unknown(type.reason);
    const baseParts = isUnknown(base) ? [base] : [base.replace(/\/+$/, '')];
    return buildResourceId(baseParts, type, rest.slice(1));
}

/**
 * Deployment and scope functions (template-functions-deployment, template-functions-scope). Their values come from
 * the caller's `DeploymentScope`; those that change with every deployment are unknown.
 */
const scopeFunctions = {
    resourcegroup: {
        min: 0,
        max: 0,
        run: (_, call) => scoped(call, ['resourceGroup'], call.scope.resourceGroup),
    },
    subscription: {
        min: 0,
        max: 0,
        run: (_, call) => scoped(call, ['resourceGroup', 'subscription'], call.scope.subscription),
    },
    managementgroup: {
        min: 0,
        max: 0,
        run: (_, call) => scoped(call, ['managementGroup'], call.scope.managementGroup),
    },
    tenant: { min: 0, max: 0, run: (_, call) => call.scope.tenant },
    deployment: { min: 0, max: 0, run: (_, call) => call.scope.deployment },
    environment: { min: 0, max: 0, run: (_, call) => call.scope.environment },
    utcnow: {
        min: 0,
        max: 1,
        unknowns: 'self',
        run: () => new Unknown('utcNow() is the time of the deployment'),
    },
    deployer: {
        min: 0,
        max: 0,
        run: () => new Unknown('deployer() is the principal that runs the deployment'),
    },
    copyindex: { min: 0, max: 2, run: copyIndex },
};
function scoped(call, allowed, value) {
    if (!allowed.includes(call.scope.kind)) {
        throw new FunctionArgumentError(`not available in a template deployed at ${call.scope.kind} scope`, 'reference');
    }
    return value;
}
/** `copyIndex()`, `copyIndex(offset)`, `copyIndex('loop')`, `copyIndex('loop', offset)`. */
function copyIndex(args, call) {
    const named = typeof args[0] === 'string';
    if (args.length > 0 && !named && typeof args[0] !== 'number')
        throw argumentError(0, 'a loop name or an int', args[0]);
    if (named && args.length > 1 && typeof args[1] !== 'number')
        throw argumentError(1, 'an int', args[1]);
    const offset = args.length === 0 ? 0 : named ? (args.length > 1 ? intArg(args, 1) : 0) : intArg(args, 0);
    const loop = named ? args[0] : undefined;
    const index = loop === undefined ? call.copy?.index : namedIndex(call, loop);
    if (index === undefined) {
        const ref = loop === undefined ? 'copyIndex()' : `copyIndex('${loop.toLowerCase()}')`;
        // Only the plain index names the loop's value; with an offset it is another value.
        return new Unknown('copyIndex() outside an expanded copy loop', offset === 0 ? ref : undefined);
    }
    return index + offset;
}
function namedIndex(call, loop) {
    const named = call.copy?.named;
    if (named === undefined)
        return undefined;
    const lower = loop.toLowerCase();
    for (const [name, index] of Object.entries(named)) {
        if (name.toLowerCase() === lower)
            return index;
    }
    return undefined;
}

/**
 * .NET composite formatting (`String.Format`), which Azure's `format()` uses: `{index[,alignment][:format]}` with
 * `{{` and `}}` for literal braces, in the invariant culture. Numbers support the standard formats D, N, F, X and
 * G, and custom formats made of '0' and '#' (zero padding such as `{0:000}`). Strings ignore the format, booleans
 * print as `True`/`False` as .NET prints them, null prints as nothing. Anything else (currency, percent, exponent,
 * objects and arrays) is not guessed: the result is an Unknown naming the unsupported part.
 */
function formatComposite(template, args) {
    // An unknown argument keeps its place, so the result names what it will be (`kv-{variables('name')}`).
    const parts = [];
    let out = '';
    let i = 0;
    while (i < template.length) {
        const ch = template[i];
        if (ch === '{' && template[i + 1] === '{') {
            out += '{';
            i += 2;
        }
        else if (ch === '}' && template[i + 1] === '}') {
            out += '}';
            i += 2;
        }
        else if (ch === '}') {
            throw new FunctionArgumentError(`format string has an unmatched '}' at position ${i + 1}`);
        }
        else if (ch === '{') {
            const close = template.indexOf('}', i);
            if (close === -1)
                throw new FunctionArgumentError(`format string has an unclosed '{' at position ${i + 1}`);
            const item = formatItem(template.slice(i + 1, close), args);
            if (item instanceof Unknown) {
                parts.push(out, item);
                out = '';
            }
            else
                out += item;
            i = close + 1;
        }
        else {
            const next = nextBrace(template, i);
            out += template.slice(i, next);
            i = next;
        }
    }
    return parts.length === 0 ? out : joinParts([...parts, out]);
}
function nextBrace(text, from) {
    for (let j = from; j < text.length; j++) {
        if (text[j] === '{' || text[j] === '}')
            return j;
    }
    return text.length;
}
const ITEM = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s;
function formatItem(spec, args) {
    const match = ITEM.exec(spec);
    if (match === null)
        throw new FunctionArgumentError(`format item '{${spec}}' is not of the form {index[,alignment][:format]}`);
    const index = Number(match[1]);
    if (index >= args.length) {
        throw new FunctionArgumentError(`format item {${index}} refers to argument ${index + 1}, but only ${args.length} were given`);
    }
    const value = args[index] ?? null;
    if (value instanceof Unknown)
        return match[2] === undefined && match[3] === undefined ? value : new Unknown(value.reason);
    const text = formatValue(value, match[3] ?? '');
    if (text instanceof Unknown)
        return text;
    const width = match[2] === undefined ? 0 : Number(match[2]);
    return width >= 0 ? text.padStart(width) : text.padEnd(-width);
}
function formatValue(value, format) {
    if (value === null)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'boolean')
        return value ? 'True' : 'False';
    if (typeof value === 'number')
        return formatNumber(value, format);
    return new Unknown(`format() of ${Array.isArray(value) ? 'an array' : 'an object'} is not supported`);
}
const STANDARD = /^([A-Za-z])(\d{0,2})$/;
function formatNumber(value, format) {
    if (format === '')
        return String(value);
    const standard = STANDARD.exec(format);
    if (standard !== null) {
        const letter = (standard[1] ?? '').toUpperCase();
        const precision = standard[2] === '' || standard[2] === undefined ? undefined : Number(standard[2]);
        switch (letter) {
            case 'D':
                if (!Number.isInteger(value))
                    break;
                return (value < 0 ? '-' : '') + String(Math.abs(value)).padStart(precision ?? 0, '0');
            case 'N':
                return groupThousands(Math.abs(value).toFixed(precision ?? 2), value < 0);
            case 'F':
                return (value < 0 ? '-' : '') + Math.abs(value).toFixed(precision ?? 2);
            case 'X':
                if (!Number.isInteger(value) || value < 0)
                    break;
                return applyCase(value.toString(16).padStart(precision ?? 0, '0'), standard[1] === 'X');
            case 'G':
                if (precision === undefined)
                    return String(value);
                break;
        }
        return new Unknown(`format() with the number format '${format}' is not supported`);
    }
    if (/^[0#]+$/.test(format) && Number.isInteger(value)) {
        const zeros = format.replaceAll('#', '').length;
        return (value < 0 ? '-' : '') + String(Math.abs(value)).padStart(zeros, '0');
    }
    return new Unknown(`format() with the number format '${format}' is not supported`);
}
function groupThousands(fixed, negative) {
    const [whole = '', fraction] = fixed.split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (negative ? '-' : '') + grouped + (fraction === undefined ? '' : `.${fraction}`);
}
function applyCase(text, upper) {
    return upper ? text.toUpperCase() : text.toLowerCase();
}

/**
 * `guid(...)` as Azure computes it: a name-based UUID, version 5 (RFC 4122 §4.3, SHA-1), in the fixed namespace
 * 11fb06fb-712d-4ddd-98c7-e71bbd588830, over the arguments joined with '-' and encoded as UTF-8. Azure's docs name
 * the RFC algorithm; the namespace and the encoding are checked against values Azure produced (see the tests).
 */
const TEMPLATE_NAMESPACE = Buffer.from('11fb06fb712d4ddd98c7e71bbd588830', 'hex');
function templateGuid(values) {
    const digest = createHash('sha1').update(TEMPLATE_NAMESPACE).update(values.join('-'), 'utf8').digest();
    const bytes = digest.subarray(0, 16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * `uniqueString(...)` as Azure computes it. Azure does not document the algorithm; the community has worked it out
 * and checked it against deployments: the arguments joined with '-', encoded as UTF-8, hashed with a 64-bit
 * variant of MurmurHash (two 32-bit lanes over 8-byte blocks, MurmurHash3 x86 constants), the 64-bit result written
 * as 13 characters of the base-32 alphabet a-z2-7, five bits at a time from the most significant end.
 * The tests pin outputs that Azure itself produced (see __tests__/inputs/arm-expressions.test.ts).
 */
const MIX_A = 0x239b961b;
const MIX_B = 0xab0e9789;
const FINAL_A = 0x85ebca6b;
const FINAL_B = 0xc2b2ae35;
const LANE1_ADD = 0x561ccd1b;
const LANE2_ADD = 0x0bcaa747;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const UTF8 = new TextEncoder();
function uniqueString(values) {
    return encodeBase32(murmur64(UTF8.encode(values.join('-'))));
}
/** The 64-bit hash as a bigint (high lane in the upper 32 bits). */
function murmur64(bytes) {
    const length = bytes.length;
    let h1 = 0;
    let h2 = 0;
    let i = 0;
    for (; i + 8 <= length; i += 8) {
        h1 = (h1 ^ mixLane1(readUint32(bytes, i, 4))) >>> 0;
        h1 = (rotl(h1, 19) + h2) >>> 0;
        h1 = (Math.imul(h1, 5) + LANE1_ADD) >>> 0;
        h2 = (h2 ^ mixLane2(readUint32(bytes, i + 4, 4))) >>> 0;
        h2 = (rotl(h2, 13) + h1) >>> 0;
        h2 = (Math.imul(h2, 5) + LANE2_ADD) >>> 0;
    }
    const rest = length - i;
    if (rest > 0) {
        h1 = (h1 ^ mixLane1(readUint32(bytes, i, Math.min(rest, 4)))) >>> 0;
        if (rest > 4)
            h2 = (h2 ^ mixLane2(readUint32(bytes, i + 4, rest - 4))) >>> 0;
    }
    h2 = (h2 ^ length) >>> 0;
    h1 = ((h1 ^ length) + h2) >>> 0;
    h2 = (h2 + h1) >>> 0;
    h1 = finalMix(h1);
    h2 = finalMix(h2);
    h1 = (h1 + h2) >>> 0;
    h2 = (h2 + h1) >>> 0;
    return (BigInt(h2) << 32n) | BigInt(h1);
}
function mixLane1(k) {
    return Math.imul(rotl(Math.imul(k, MIX_A) >>> 0, 15), MIX_B) >>> 0;
}
function mixLane2(k) {
    return Math.imul(rotl(Math.imul(k, MIX_B) >>> 0, 17), MIX_A) >>> 0;
}
function finalMix(value) {
    let x = value;
    x = Math.imul(x ^ (x >>> 16), FINAL_A) >>> 0;
    x = Math.imul(x ^ (x >>> 13), FINAL_B) >>> 0;
    return (x ^ (x >>> 16)) >>> 0;
}
/** Little-endian, `count` (1 to 4) bytes from `offset`. */
function readUint32(bytes, offset, count) {
    let value = 0;
    for (let b = count - 1; b >= 0; b--)
        value = (value << 8) | (bytes[offset + b] ?? 0);
    return value >>> 0;
}
function rotl(x, r) {
    return ((x << r) | (x >>> (32 - r))) >>> 0;
}
/** Thirteen 5-bit groups cover 65 bits; the last group is padded with a zero bit. */
function encodeBase32(hash) {
    let value = hash;
    let out = '';
    for (let i = 0; i < 13; i++) {
        out += ALPHABET[Number((value >> 59n) & 31n)] ?? '';
        value = (value << 5n) & 0xffffffffffffffffn;
    }
    return out;
}

/**
 * String functions (learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string). Functions
 * that also take arrays (`concat`, `contains`, `first`, `length`, `skip`, ...) are in collection.ts.
 */
const stringFunctions = {
    base64: { min: 1, max: 1, run: (args) => Buffer.from(stringArg(args, 0), 'utf8').toString('base64') },
    base64tostring: { min: 1, max: 1, run: (args) => decodeBase64(stringArg(args, 0)) },
    base64tojson: { min: 1, max: 1, run: (args) => parseJsonText(decodeBase64(stringArg(args, 0))) },
    datauri: {
        min: 1,
        max: 1,
        run: (args) => `data:text/plain;charset=utf8;base64,${Buffer.from(stringArg(args, 0), 'utf8').toString('base64')}`,
    },
    datauritostring: { min: 1, max: 1, run: (args) => decodeDataUri(stringArg(args, 0)) },
    startswith: {
        min: 2,
        max: 2,
        run: (args) => stringArg(args, 0).toLowerCase().startsWith(stringArg(args, 1).toLowerCase()),
    },
    endswith: {
        min: 2,
        max: 2,
        run: (args) => stringArg(args, 0).toLowerCase().endsWith(stringArg(args, 1).toLowerCase()),
    },
    format: {
        min: 1,
        max: VARIADIC,
        // An unknown argument keeps its place in the result, so `format('{0}', id)` still names what it will be.
        unknowns: 'self',
        run: (args) => {
            const template = args[0];
            if (isUnknown(template))
                return derivedUnknown(template);
            const result = formatComposite(stringArg(args, 0), args.slice(1));
            return result instanceof Unknown ? result : checkedString(result);
        },
    },
    guid: { min: 1, max: VARIADIC, run: (args) => templateGuid(stringArgs(args)) },
    uniquestring: { min: 1, max: VARIADIC, run: (args) => uniqueString(stringArgs(args)) },
    newguid: {
        min: 0,
        max: 0,
        unknowns: 'self',
        run: () => new Unknown('newGuid() returns a new value in every deployment'),
    },
    padleft: { min: 2, max: 3, run: padLeft },
    replace: {
        min: 3,
        max: 3,
        run: (args) => {
            const oldValue = stringArg(args, 1);
            if (oldValue === '')
                throw argumentError(1, 'a non-empty string', oldValue);
            return checkedString(stringArg(args, 0).split(oldValue).join(stringArg(args, 2)));
        },
    },
    split: { min: 2, max: 2, run: split },
    string: { min: 1, max: 1, unknowns: 'deep', run: (args) => toText(args[0] ?? null) },
    substring: { min: 1, max: 3, run: substring },
    tolower: { min: 1, max: 1, run: (args) => stringArg(args, 0).toLowerCase() },
    toupper: { min: 1, max: 1, run: (args) => stringArg(args, 0).toUpperCase() },
    trim: { min: 1, max: 1, run: (args) => stringArg(args, 0).trim() },
    join: {
        min: 2,
        max: 2,
        unknowns: 'deep',
        run: (args) => {
            const items = arrayArg(args, 0).map((item, index) => {
                if (typeof item !== 'string')
                    throw new FunctionArgumentError(`element ${index} of the array is not a string`);
                return item;
            });
            return checkedString(items.join(stringArg(args, 1)));
        },
    },
    uri: {
        min: 2,
        max: 2,
        run: (args) => {
            try {
                return new URL(stringArg(args, 1), stringArg(args, 0)).toString();
            }
            catch (error) {
                if (error instanceof FunctionArgumentError)
                    throw error;
                throw new FunctionArgumentError(`'${stringArg(args, 0)}' is not an absolute URI`);
            }
        },
    },
    uricomponent: { min: 1, max: 1, run: (args) => escapeDataString(stringArg(args, 0)) },
    uricomponenttostring: {
        min: 1,
        max: 1,
        run: (args) => {
            try {
                return decodeURIComponent(stringArg(args, 0));
            }
            catch {
                throw argumentError(0, 'a URI-encoded string', args[0]);
            }
        },
    },
};
function stringArgs(args) {
    return args.map((_, index) => stringArg(args, index));
}
/** `string()`: strings unchanged, everything else as compact JSON (the docs show objects and arrays that way). */
function toText(value) {
    return typeof value === 'string' ? value : checkedString(toJsonText(value));
}
function decodeBase64(text) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1)
        throw argumentError(0, 'a base64 string', text);
    return Buffer.from(text, 'base64').toString('utf8');
}
function decodeDataUri(text) {
    const match = /^data:([^,]*),(.*)$/s.exec(text);
    if (match === null)
        throw argumentError(0, 'a data URI', text);
    const [, meta = '', data = ''] = match;
    if (/;base64$/i.test(meta))
        return decodeBase64(data);
    try {
        return decodeURIComponent(data);
    }
    catch {
        throw argumentError(0, 'a data URI', text);
    }
}
/** .NET's Uri.EscapeDataString: everything but the RFC 3986 unreserved characters is percent-encoded. */
function escapeDataString(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
function padLeft(args) {
    const value = args[0];
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) {
        throw argumentError(0, 'a string or an int', value);
    }
    const total = intArg(args, 1);
    const pad = args.length > 2 ? stringArg(args, 2) : ' ';
    if (pad.length !== 1)
        throw argumentError(2, 'a single character', args[2]);
    if (total < 0)
        throw argumentError(1, 'a non-negative int', total);
    return checkedString(String(value).padStart(total, pad));
}
/** Splits at each delimiter; with several, the first listed wins where two start at the same place, as in .NET. */
function split(args) {
    const text = stringArg(args, 0);
    const raw = args[1];
    const delimiters = Array.isArray(raw)
        ? arrayArg(args, 1).map((_, i, all) => stringArg(all, i))
        : [stringArg(args, 1)];
    const usable = delimiters.filter((d) => d !== '');
    if (usable.length === 0)
        return [text];
    const parts = [];
    let start = 0;
    let i = 0;
    while (i < text.length) {
        const found = usable.find((d) => text.startsWith(d, i));
        if (found === undefined) {
            i++;
            continue;
        }
        parts.push(text.slice(start, i));
        i += found.length;
        start = i;
    }
    parts.push(text.slice(start));
    return parts;
}
function substring(args) {
    const text = stringArg(args, 0);
    const start = args.length > 1 ? intArg(args, 1) : 0;
    const length = args.length > 2 ? intArg(args, 2) : text.length - start;
    if (start < 0 || start > text.length || length < 0 || start + length > text.length) {
        throw new FunctionArgumentError(`the index and length must refer to a location within the string: index ${start}, length ${length}, string length ${text.length}`);
    }
    return text.slice(start, start + length);
}

/**
 * The built-in functions the evaluator computes, by lower-case name. `parameters`, `variables`, `reference`,
 * `resourceInfo`, `list*`, `lambda` and `lambdaVariables` need the evaluator's own state and live in evaluate.ts.
 */
const BUILTIN_FUNCTIONS = merge([
    logicalFunctions,
    comparisonFunctions,
    numericFunctions,
    stringFunctions,
    collectionFunctions,
    scopeFunctions,
    resourceIdFunctions,
    lambdaFunctions,
]);
function merge(tables) {
    const out = {};
    for (const table of tables) {
        for (const [name, spec] of Object.entries(table)) {
            if (name in out)
                throw new Error(`function '${name}' is defined twice`);
            out[name] = spec;
        }
    }
    return out;
}
function builtinFunction(lowerCaseName) {
    return Object.hasOwn(BUILTIN_FUNCTIONS, lowerCaseName) ? BUILTIN_FUNCTIONS[lowerCaseName] : undefined;
}

const SYMBOLS = {
    '(': 'lparen',
    ')': 'rparen',
    ',': 'comma',
    '.': 'dot',
    '[': 'lbracket',
    ']': 'rbracket',
};
/**
 * Splits the body of an expression (the text between the outer brackets) into tokens. Offsets refer to `source`,
 * the whole expression, so errors can point at the column the user sees in the template.
 */
function tokenize(source, start, end) {
    const tokens = [];
    let i = start;
    while (i < end) {
        const ch = source.charCodeAt(i);
        if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
            i++;
            continue;
        }
        const symbol = SYMBOLS[source[i] ?? ''];
        if (symbol !== undefined) {
            tokens.push({ kind: symbol, text: source[i] ?? '', offset: i });
            i++;
        }
        else if (ch === 0x27 /* ' */) {
            i = readString(source, i, end, tokens);
        }
        else if (isDigit(ch) || (ch === 0x2d /* - */ && isDigit(source.charCodeAt(i + 1)) && i + 1 < end)) {
            i = readInteger(source, i, end, tokens);
        }
        else if (isIdentifierStart(ch)) {
            let j = i + 1;
            while (j < end && isIdentifierPart(source.charCodeAt(j)))
                j++;
            tokens.push({ kind: 'identifier', text: source.slice(i, j), offset: i });
            i = j;
        }
        else {
            throw new ExpressionError('syntax', source, i + 1, `unexpected character '${source[i] ?? ''}'`);
        }
    }
    tokens.push({ kind: 'end', text: '', offset: end });
    return tokens;
}
/** A string literal in single quotes, where two single quotes stand for one. */
function readString(source, open, end, tokens) {
    let value = '';
    let i = open + 1;
    for (;;) {
        const close = source.indexOf("'", i);
        if (close === -1 || close >= end) {
            throw new ExpressionError('syntax', source, open + 1, "string literal is not closed: expected a closing '");
        }
        value += source.slice(i, close);
        if (source[close + 1] === "'" && close + 1 < end) {
            value += "'";
            i = close + 2;
            continue;
        }
        tokens.push({ kind: 'string', text: value, offset: open });
        return close + 1;
    }
}
function readInteger(source, first, end, tokens) {
    let j = source[first] === '-' ? first + 1 : first;
    while (j < end && isDigit(source.charCodeAt(j)))
        j++;
    const text = source.slice(first, j);
    if (!Number.isSafeInteger(Number(text))) {
        throw new ExpressionError('syntax', source, first + 1, `integer ${text} is too large`);
    }
    tokens.push({ kind: 'integer', text, offset: first });
    return j;
}
function isDigit(ch) {
    return ch >= 0x30 && ch <= 0x39;
}
function isIdentifierStart(ch) {
    return (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a) || ch === 0x5f || ch === 0x24;
}
function isIdentifierPart(ch) {
    return isIdentifierStart(ch) || isDigit(ch);
}

/**
 * Whether a JSON string of a template is an expression: it starts with `[` and ends with `]`. A string starting
 * with `[[` is the escape for a literal that starts with `[`, and loses its first bracket.
 */
function isExpressionText(text) {
    return text.length >= 2 && text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');
}
/** Syntax trees by text: compiled templates repeat the same few expressions thousands of times. */
const cache = new Map();
/**
 * Reads a template string: a literal (with the `[[` escape applied) or a parsed expression. Each distinct text is
 * parsed once per process; a text that fails to parse fails the same way every time.
 */
function parseTemplateString(text) {
    const cached = cache.get(text);
    if (cached instanceof ExpressionError)
        throw cached;
    if (cached !== undefined)
        return cached;
    let result;
    try {
        result = parseUncached(text);
    }
    catch (error) {
        if (!(error instanceof ExpressionError))
            throw error;
        result = error;
    }
    if (cache.size >= MAX_CACHED_EXPRESSIONS)
        cache.clear();
    cache.set(text, result);
    if (result instanceof ExpressionError)
        throw result;
    return result;
}
function parseUncached(text) {
    if (!isExpressionText(text)) {
        const literal = text.startsWith('[[') && text.endsWith(']') ? text.slice(1) : text;
        return { kind: 'literal', value: literal };
    }
    const tokens = tokenize(text, 1, text.length - 1);
    const parser = new Parser(text, tokens);
    const root = parser.parseRoot();
    return { kind: 'expression', text, root };
}
/** Recursive descent over the token list; nesting is bounded so a hostile expression cannot exhaust the stack. */
class Parser {
    text;
    tokens;
    position = 0;
    constructor(text, tokens) {
        this.text = text;
        this.tokens = tokens;
    }
    parseRoot() {
        if (this.peek().kind === 'end')
            throw this.error(this.peek(), 'empty expression: expected a value between [ and ]');
        const root = this.parseValue(0);
        const next = this.peek();
        if (next.kind !== 'end') {
            throw this.error(next, `unexpected ${describe$3(next)} after the end of the expression`);
        }
        return root;
    }
    parseValue(depth) {
        if (depth > MAX_EXPRESSION_NESTING) {
            throw new ExpressionError('limit', this.text, this.peek().offset + 1, `expression nested deeper than ${MAX_EXPRESSION_NESTING} levels`);
        }
        let node = this.parsePrimary(depth);
        // Property and index access chain left to right; each link deepens the tree, so it counts toward the limit.
        let chain = depth;
        for (;;) {
            const next = this.peek();
            if (next.kind === 'dot') {
                this.position++;
                const name = this.peek();
                if (name.kind !== 'identifier')
                    throw this.error(name, `expected a property name after '.', found ${describe$3(name)}`);
                this.position++;
                node = { type: 'property', target: node, name: name.text, offset: next.offset };
            }
            else if (next.kind === 'lbracket') {
                this.position++;
                const index = this.parseValue(chain + 1);
                this.expect('rbracket', "']' to close the index");
                node = { type: 'index', target: node, index, offset: next.offset };
            }
            else {
                return node;
            }
            chain++;
            if (chain > MAX_EXPRESSION_NESTING) {
                throw new ExpressionError('limit', this.text, next.offset + 1, `expression nested deeper than ${MAX_EXPRESSION_NESTING} levels`);
            }
        }
    }
    parsePrimary(depth) {
        const token = this.peek();
        switch (token.kind) {
            case 'string':
                this.position++;
                return { type: 'string', value: token.text, offset: token.offset };
            case 'integer':
                this.position++;
                return { type: 'integer', value: Number(token.text), offset: token.offset };
            case 'identifier':
                return this.parseCallOrKeyword(depth);
            default:
                throw this.error(token, `expected a value (a function call, a string in single quotes or an integer), found ${describe$3(token)}`);
        }
    }
    parseCallOrKeyword(depth) {
        const first = this.peek();
        this.position++;
        let namespace;
        let name = first.text;
        // `ns.fn(` names a user-defined function; a bare identifier cannot have properties, so there is no ambiguity.
        if (this.peek().kind === 'dot' &&
            this.peekAt(1).kind === 'identifier' &&
            this.peekAt(2).kind === 'lparen') {
            namespace = first.text;
            name = this.peekAt(1).text;
            this.position += 2;
        }
        if (this.peek().kind !== 'lparen') {
            const keyword = namespace === undefined ? name.toLowerCase() : '';
            if (keyword === 'true' || keyword === 'false')
                return { type: 'boolean', value: keyword === 'true', offset: first.offset };
            if (keyword === 'null')
                return { type: 'null', offset: first.offset };
            throw this.error(this.peek(), `expected '(' after the function name '${name}', found ${describe$3(this.peek())}`);
        }
        this.position++;
        const args = [];
        const call = namespace === undefined
            ? { type: 'call', name, args, offset: first.offset }
            : { type: 'call', namespace, name, args, offset: first.offset };
        if (this.peek().kind === 'rparen') {
            this.position++;
            return call;
        }
        for (;;) {
            args.push(this.parseValue(depth + 1));
            const next = this.peek();
            if (next.kind === 'comma') {
                this.position++;
                continue;
            }
            if (next.kind === 'rparen') {
                this.position++;
                return call;
            }
            throw this.error(next, `expected ',' or ')' after argument ${args.length} of '${name}', found ${describe$3(next)}`);
        }
    }
    expect(kind, what) {
        const token = this.peek();
        if (token.kind !== kind)
            throw this.error(token, `expected ${what}, found ${describe$3(token)}`);
        this.position++;
    }
    peek() {
        return this.peekAt(0);
    }
    peekAt(ahead) {
        const last = this.tokens[this.tokens.length - 1];
        const token = this.tokens[this.position + ahead] ?? last;
        if (token === undefined)
            throw new Error('token list without an end token');
        return token;
    }
    error(token, detail) {
        return new ExpressionError('syntax', this.text, token.offset + 1, detail);
    }
}
function describe$3(token) {
    switch (token.kind) {
        case 'end':
            return 'the end of the expression';
        case 'string':
            return 'a string';
        case 'integer':
            return `the integer ${token.text}`;
        case 'identifier':
            return `'${token.text}'`;
        default:
            return `'${token.text}'`;
    }
}

/**
 * Stable names (`Unknown.ref`) for values known only after deployment, so that two expressions reading the same
 * runtime property of the same resource yield equal refs and the linker can join them.
 *
 * Normalised form, all lower case because Azure compares resource IDs and property names case-insensitively:
 * - `reference(<target>)<path>` for a property of the resource's `properties`, whether read as
 *   `reference(x).p` or `reference(x, api, 'Full').properties.p`;
 * - `resource(<target>)<path>` for a top-level property read in full mode (`identity.principalId`, `location`);
 * - `<function>(<target>)` for the result of a `list*()` call.
 * `<target>` is the resource ID when it is known (`/subscriptions/.../providers/microsoft.containerservice/
 * managedclusters/aks`), otherwise the name or symbolic name as written, or the ref of an unknown ID.
 * `<path>` is `.name` for identifier-like names, `['any name']` for others and `[0]` for indexes.
 */
/** The reason of a value that `reference()` or `list*()` read from a deployed resource. */
const KNOWN_AFTER_DEPLOYMENT = 'known after deployment';
const RUNTIME_REF = /^(reference|resource|list[a-z0-9_]*)\(/;
function referenceRef(target, path, full) {
    const head = path[0];
    if (full && typeof head === 'string' && head.toLowerCase() === 'properties') {
        return `reference(${target.toLowerCase()})${renderPath(path.slice(1), true)}`;
    }
    const root = full ? 'resource' : 'reference';
    return `${root}(${target.toLowerCase()})${renderPath(path, true)}`;
}
function listRef(functionName, target) {
    return `${functionName.toLowerCase()}(${target.toLowerCase()})`;
}
/**
 * The ref of a property or element of an unknown value named `ref`. Runtime refs stay wholly lower case so that
 * `variables('cluster').identityProfile` joins with `reference(cluster).identityprofile`.
 */
function extendRef(ref, segment) {
    return ref + renderPath([segment], RUNTIME_REF.test(ref));
}
function renderPath(path, lowerCase) {
    let out = '';
    for (const segment of path) {
        if (typeof segment === 'number') {
            out += `[${segment}]`;
            continue;
        }
        const name = lowerCase ? segment.toLowerCase() : segment;
        out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `.${name}` : `['${name.replaceAll("'", "''")}']`;
    }
    return out;
}

/**
 * The template's `functions` section, read on first use. A malformed entry is not an error until a template
 * calls it; `get` then returns the message to report.
 */
class UserFunctions {
    section;
    table;
    constructor(section) {
        this.section = section;
    }
    get(qualifiedName) {
        this.table ??= read(this.section);
        return (this.table.get(qualifiedName.toLowerCase()) ?? `the template defines no function '${qualifiedName}'`);
    }
}
function read(section) {
    const table = new Map();
    if (!Array.isArray(section))
        return table;
    for (const group of section) {
        if (!isRecord$1(group) || typeof group.namespace !== 'string' || !isRecord$1(group.members))
            continue;
        for (const [member, definition] of Object.entries(group.members)) {
            const name = `${group.namespace}.${member}`;
            table.set(name.toLowerCase(), readFunction(name, definition));
        }
    }
    return table;
}
function readFunction(name, definition) {
    if (!isRecord$1(definition))
        return `function '${name}' is not an object in the template's functions section`;
    const output = definition.output;
    if (!isRecord$1(output) || !('value' in output))
        return `function '${name}' has no output value`;
    const declared = definition.parameters ?? [];
    if (!Array.isArray(declared))
        return `function '${name}' has parameters that are not an array`;
    const parameters = [];
    for (const parameter of declared) {
        if (!isRecord$1(parameter) || typeof parameter.name !== 'string')
            return `function '${name}' has a parameter without a name`;
        parameters.push(parameter.name);
    }
    return { name, parameters, output: output.value };
}
function isRecord$1(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathArray(path) {
    const out = [];
    for (let node = path; node !== undefined; node = node.parent)
        out.push(node.segment);
    return out.reverse();
}
/**
 * Evaluates the expressions of one template. Variables are evaluated on first use and kept; syntax trees are
 * cached by text across templates (parser.ts). Values that cannot be known before deployment come back as
 * `Unknown`; malformed expressions and wrong arguments throw `ExpressionError`.
 */
class Evaluator {
    context;
    scope;
    templateEnv;
    variables = new Map();
    variableResults = new Map();
    variableStack = [];
    userFunctions;
    depth = 0;
    nodeDepth = 0;
    constructor(context = {}) {
        this.context = context;
        this.scope = context.scope ?? deploymentScope();
        const parameters = new Map();
        for (const [name, value] of Object.entries(context.parameters ?? {})) {
            parameters.set(name.toLowerCase(), fromJson(value));
        }
        this.templateEnv = {
            parameters,
            functionName: undefined,
            lambdaVariables: undefined,
            copy: context.copy,
            onError: undefined,
        };
        this.readVariables(context.variables ?? {});
        this.userFunctions = new UserFunctions(context.functions);
    }
    /** Evaluates one JSON string of the template: an expression, or a literal (with the `[[` escape applied). */
    evaluate(text, options = {}) {
        return this.guardStack(text, () => this.evaluateString(text, this.envWith(options)));
    }
    /** Evaluates every expression inside a JSON value (strings, array elements, object values and keys). */
    evaluateJson(value, options = {}) {
        return this.guardStack('', () => this.walk(value, this.envWith(options), undefined));
    }
    /** The value of a template variable, evaluated on first use. */
    variable(name) {
        return this.guardStack('', () => this.readVariable(name, `[variables('${name}')]`, 0));
    }
    envWith(options) {
        if (options.copy === undefined && options.onError === undefined)
            return this.templateEnv;
        return { ...this.templateEnv, copy: options.copy ?? this.templateEnv.copy, onError: options.onError };
    }
    /** A hostile template that gets past the explicit limits must still not crash the run with a stack overflow. */
    guardStack(text, run) {
        try {
            return run();
        }
        catch (error) {
            if (error instanceof RangeError) {
                throw new ExpressionError('limit', text, 1, 'expression too deeply nested to evaluate');
            }
            throw error;
        }
    }
    readVariables(section) {
        for (const [name, raw] of Object.entries(section)) {
            if (name.toLowerCase() === 'copy' && Array.isArray(raw)) {
                for (const loop of raw)
                    this.readVariableLoop(loop);
                continue;
            }
            this.variables.set(name.toLowerCase(), { name, kind: 'value', raw });
        }
    }
    readVariableLoop(loop) {
        if (!isPlainObject(loop) || typeof loop.name !== 'string')
            return;
        this.variables.set(loop.name.toLowerCase(), {
            name: loop.name,
            kind: 'copy',
            count: loop.count,
            input: loop.input,
        });
    }
    evaluateString(text, env) {
        // Literal strings are the bulk of a template; they skip the parse cache.
        if (!isExpressionText(text))
            return text.startsWith('[[') && text.endsWith(']') ? text.slice(1) : text;
        const parsed = parseTemplateString(text);
        return parsed.kind === 'literal' ? parsed.value : this.node(parsed.root, env, text);
    }
    walk(value, env, path) {
        if (typeof value === 'string')
            return this.walkString(value, env, path);
        if (value === null || value === undefined)
            return null;
        if (typeof value === 'number')
            return Number.isFinite(value) ? value : null;
        if (typeof value === 'boolean' || isUnknown(value))
            return value;
        if (typeof value !== 'object')
            return null;
        this.enter('', 'JSON value');
        try {
            if (Array.isArray(value)) {
                return value.map((item, index) => this.walk(item, env, { parent: path, segment: index }));
            }
            return this.walkObject(value, env, path);
        }
        finally {
            this.depth--;
        }
    }
    /** Errors get the JSON path of the failing string; the caller's `onError` may stand in for the value. */
    walkString(text, env, path) {
        try {
            return this.evaluateString(text, env);
        }
        catch (error) {
            if (!(error instanceof ExpressionError))
                throw error;
            const located = error.jsonPath.length > 0 || path === undefined ? error : error.at(pathArray(path));
            if (env.onError === undefined)
                throw located;
            return env.onError(located);
        }
    }
    /** Keys can be expressions too (`userAssignedIdentities: { "[resourceId(...)]": {} }`). */
    walkObject(source, env, path) {
        const out = {};
        for (const [rawKey, rawValue] of Object.entries(source)) {
            const at = { parent: path, segment: rawKey };
            if (rawKey.toLowerCase() === 'copy' && isPropertyCopy(rawValue)) {
                rawValue.forEach((loop, index) => {
                    const loopPath = { parent: at, segment: index };
                    setProperty(out, loop.name, this.expandLoop(loop.name, loop.count, loop.input, env, loopPath));
                });
                continue;
            }
            const key = this.walkString(rawKey, env, at);
            if (isUnknown(key))
                return new Unknown(`a property name is unknown (${key.reason})`);
            if (typeof key !== 'string') {
                const error = new ExpressionError('argument', rawKey, 1, `a property name must be a string, got ${describeValue(key)}`, pathArray(at));
                if (env.onError === undefined)
                    throw error;
                setProperty(out, rawKey, env.onError(error));
                continue;
            }
            setProperty(out, findKey$1(out, key) ?? key, this.walk(rawValue, env, at));
        }
        return out;
    }
    /** A `copy` loop (property or variable): `count` copies of `input`, with `copyIndex(name)` set for each. */
    expandLoop(name, rawCount, input, env, path) {
        const countPath = { parent: path, segment: 'count' };
        const count = this.walk(rawCount, env, countPath);
        if (isUnknown(count))
            return derivedUnknown(count);
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_COPY_COUNT) {
            const error = new ExpressionError('argument', typeof rawCount === 'string' ? rawCount : '', 1, `copy loop '${name}' needs a count from 0 to ${MAX_COPY_COUNT}, got ${describeValue(count)}`, pathArray(countPath));
            if (env.onError === undefined)
                throw error;
            return env.onError(error);
        }
        const items = [];
        const inputPath = { parent: path, segment: 'input' };
        for (let i = 0; i < count; i++) {
            const named = { ...(env.copy?.named ?? {}), [name]: i };
            const copy = env.copy?.index === undefined ? { named } : { index: env.copy.index, named };
            items.push(this.walk(input, { ...env, copy }, inputPath));
        }
        return items;
    }
    enter(text, what) {
        if (this.depth >= MAX_EVALUATION_DEPTH) {
            throw new ExpressionError('limit', text, 1, `${what} nested deeper than ${MAX_EVALUATION_DEPTH} levels`);
        }
        this.depth++;
    }
    node(node, env, text) {
        if (this.nodeDepth >= MAX_NODE_NESTING) {
            throw new ExpressionError('limit', text, node.offset + 1, `evaluation nested deeper than ${MAX_NODE_NESTING} levels`);
        }
        this.nodeDepth++;
        try {
            switch (node.type) {
                case 'string':
                case 'integer':
                case 'boolean':
                    return node.value;
                case 'null':
                    return null;
                case 'call':
                    return this.call(node, env, text);
                case 'property':
                case 'index':
                    return this.access(node, env, text);
            }
        }
        finally {
            this.nodeDepth--;
        }
    }
    /** Property and index chains; a chain on `reference()` is handed whole to the caller's resolver. */
    access(node, env, text) {
        const segments = [];
        let base = node;
        while (base.type === 'property' || base.type === 'index') {
            segments.push(base.type === 'property'
                ? { name: base.name, offset: base.offset }
                : { index: base.index, offset: base.offset });
            base = base.target;
        }
        segments.reverse();
        if (base.type === 'call' && base.namespace === undefined && base.name.toLowerCase() === 'reference') {
            return this.reference(base, segments, env, text);
        }
        let value = this.node(base, env, text);
        for (const segment of segments)
            value = this.step(value, this.segmentKey(segment, env, text), segment.offset, text);
        return value;
    }
    segmentKey(segment, env, text) {
        return 'name' in segment ? segment.name : this.node(segment.index, env, text);
    }
    step(value, key, offset, text) {
        if (isUnknown(value)) {
            if (isUnknown(key) || value.ref === undefined)
                return derivedUnknown(value);
            if (typeof key !== 'string' && typeof key !== 'number')
                return derivedUnknown(value);
            return new Unknown(value.reason, extendRef(value.ref, key));
        }
        if (isUnknown(key))
            return derivedUnknown(key);
        if (Array.isArray(value)) {
            if (typeof key !== 'number' || !Number.isInteger(key)) {
                throw new ExpressionError('argument', text, offset + 1, `an array is indexed by an int, not ${describeValue(key)}`);
            }
            if (key < 0 || key >= value.length) {
                throw new ExpressionError('argument', text, offset + 1, `index ${key} is out of range for an array of ${value.length}`);
            }
            return value[key] ?? null;
        }
        if (isArmObject(value)) {
            if (typeof key !== 'string') {
                throw new ExpressionError('argument', text, offset + 1, `an object is indexed by a property name, not ${describeValue(key)}`);
            }
            const found = getProperty(value, key);
            if (found === undefined) {
                const keys = Object.keys(value);
                const listed = keys.length === 0
                    ? 'it has none'
                    : `it has ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`;
                throw new ExpressionError('reference', text, offset + 1, `property '${key}' does not exist (${listed})`);
            }
            return found;
        }
        throw new ExpressionError('argument', text, offset + 1, `cannot read ${describeValue(key)} of ${describeValue(value)}`);
    }
    call(node, env, text) {
        if (node.namespace !== undefined)
            return this.userFunction(node, env, text);
        const name = node.name.toLowerCase();
        switch (name) {
            case 'parameters':
                return this.parameter(node, env, text);
            case 'variables':
                return this.variableCall(node, env, text);
            case 'reference':
                return this.reference(node, [], env, text);
            case 'resourceinfo':
                return this.resourceInfo(node, env, text);
            case 'lambdavariables':
                return this.lambdaVariable(node, env, text);
            case 'lambda':
                throw new ExpressionError('argument', text, node.offset + 1, 'lambda() can only be an argument of a function such as map() or filter()');
        }
        const spec = builtinFunction(name);
        if (spec === undefined) {
            if (name.startsWith('list'))
                return this.list(node, env, text);
            return new Unknown(`function '${node.name}' is not supported`);
        }
        this.checkCount(node, spec.min, spec.max, text);
        const site = { name: node.name, scope: this.scope, copy: env.copy };
        try {
            if (spec.lazy === true)
                return spec.run(node.args.map((argument) => this.lazyArgument(argument, env, text)), site);
            const args = node.args.map((argument) => this.node(argument, env, text));
            const policy = spec.unknowns ?? 'top';
            if (policy !== 'self') {
                const unknown = policy === 'top' ? args.find(isUnknown) : firstDeepUnknown(args);
                if (unknown !== undefined)
                    return derivedUnknown(unknown);
            }
            return spec.run(args, site);
        }
        catch (error) {
            if (error instanceof FunctionArgumentError) {
                throw new ExpressionError(error.kind, text, node.offset + 1, `${node.name}(): ${error.detail}`);
            }
            throw error;
        }
    }
    checkCount(node, min, max, text) {
        const count = node.args.length;
        if (count >= min && count <= max)
            return;
        const expected = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
        throw new ExpressionError('argument', text, node.offset + 1, `${node.name}() expects ${expected} argument${expected.endsWith(' 1') || expected === '1' ? '' : 's'}, got ${count}`);
    }
    lazyArgument(argument, env, text) {
        return {
            evaluate: () => this.node(argument, env, text),
            asLambda: () => this.lambda(argument, env, text),
        };
    }
    /** `lambda('a', 'b', body)`: variable names as string literals, then the body, evaluated per call. */
    lambda(argument, env, text) {
        if (argument.type !== 'call' ||
            argument.namespace !== undefined ||
            argument.name.toLowerCase() !== 'lambda') {
            throw new FunctionArgumentError('expects lambda(...) as the function argument');
        }
        const body = argument.args[argument.args.length - 1];
        const names = argument.args.slice(0, -1).map((item) => {
            if (item.type !== 'string')
                throw new FunctionArgumentError('lambda() variable names must be string literals');
            return item.value.toLowerCase();
        });
        if (body === undefined || names.length === 0)
            throw new FunctionArgumentError('lambda() needs variable names and a body');
        return {
            parameterCount: names.length,
            call: (values) => {
                const variables = new Map(env.lambdaVariables ?? []);
                names.forEach((name, i) => variables.set(name, values[i] ?? null));
                this.enter(text, 'lambda');
                try {
                    return this.node(body, { ...env, lambdaVariables: variables }, text);
                }
                finally {
                    this.depth--;
                }
            },
        };
    }
    lambdaVariable(node, env, text) {
        const name = this.nameArgument(node, env, text);
        if (isUnknown(name))
            return derivedUnknown(name);
        const value = env.lambdaVariables?.get(name.toLowerCase());
        if (value === undefined) {
            throw new ExpressionError('reference', text, node.offset + 1, `no lambda variable named '${name}' is in scope`);
        }
        return value;
    }
    /** The single string argument of `parameters`, `variables` and kin. */
    nameArgument(node, env, text) {
        this.checkCount(node, 1, 1, text);
        const argument = node.args[0];
        const name = argument === undefined ? null : this.node(argument, env, text);
        if (typeof name === 'string' || isUnknown(name))
            return name;
        throw new ExpressionError('argument', text, node.offset + 1, `${node.name}() expects a name (a string), got ${describeValue(name)}`);
    }
    parameter(node, env, text) {
        const name = this.nameArgument(node, env, text);
        if (isUnknown(name))
            return derivedUnknown(name);
        const value = env.parameters.get(name.toLowerCase());
        if (value !== undefined)
            return value;
        const owner = env.functionName === undefined ? 'the template' : `function '${env.functionName}'`;
        throw new ExpressionError('reference', text, node.offset + 1, `${owner} has no parameter '${name}'`);
    }
    variableCall(node, env, text) {
        if (env.functionName !== undefined) {
            throw new ExpressionError('reference', text, node.offset + 1, `function '${env.functionName}' cannot use variables()`);
        }
        const name = this.nameArgument(node, env, text);
        if (isUnknown(name))
            return derivedUnknown(name);
        return this.readVariable(name, text, node.offset);
    }
    readVariable(name, text, offset) {
        const key = name.toLowerCase();
        const cached = this.variableResults.get(key);
        if (cached instanceof ExpressionError)
            throw cached;
        if (cached !== undefined)
            return cached;
        const definition = this.variables.get(key);
        if (definition === undefined) {
            throw new ExpressionError('reference', text, offset + 1, `the template has no variable '${name}'`);
        }
        if (this.variableStack.includes(key)) {
            const cycle = [...this.variableStack.slice(this.variableStack.indexOf(key)), key]
                .map((k) => this.variables.get(k)?.name ?? k)
                .join(' -> ');
            throw new VariableCycleError('reference', text, offset + 1, `variable '${definition.name}' refers to itself: ${cycle}`);
        }
        this.variableStack.push(key);
        this.enter(text, 'variables');
        let result;
        try {
            // Variables are shared by every resource, so no resource's copy index may leak into their cached values.
            const env = { ...this.templateEnv, copy: undefined };
            result =
                definition.kind === 'value'
                    ? this.walk(definition.raw, env, undefined)
                    : this.expandLoop(definition.name, definition.count, definition.input, env, undefined);
            // A wholly unknown variable is one value wherever it is read: naming it lets two reads compare equal.
            if (isUnknown(result) && result.ref === undefined)
                result = new Unknown(result.reason, `variables('${key}')`);
        }
        catch (error) {
            if (!(error instanceof ExpressionError))
                throw error;
            // A cycle is reported once, where it closes, not again by every variable on it.
            result = error instanceof VariableCycleError ? error : error.within(`in variable '${definition.name}'`);
        }
        finally {
            this.depth--;
            this.variableStack.pop();
        }
        this.variableResults.set(key, result);
        if (result instanceof ExpressionError)
            throw result;
        return result;
    }
    userFunction(node, env, text) {
        const qualified = `${node.namespace ?? ''}.${node.name}`;
        const definition = this.userFunctions.get(qualified);
        if (typeof definition === 'string')
            throw new ExpressionError('reference', text, node.offset + 1, definition);
        this.checkCount(node, definition.parameters.length, definition.parameters.length, text);
        const parameters = new Map();
        definition.parameters.forEach((parameter, i) => {
            const argument = node.args[i];
            parameters.set(parameter.toLowerCase(), argument === undefined ? null : this.node(argument, env, text));
        });
        this.enter(text, 'user-defined function calls');
        try {
            const fnEnv = {
                parameters,
                functionName: definition.name,
                lambdaVariables: undefined,
                copy: undefined,
                onError: undefined,
            };
            return this.walk(definition.output, fnEnv, undefined);
        }
        catch (error) {
            if (!(error instanceof ExpressionError))
                throw error;
            throw error.within(`in function '${definition.name}'`);
        }
        finally {
            this.depth--;
        }
    }
    /**
     * `reference(target, apiVersion?, 'Full'?)` followed by a property path. The caller's resolver may know the value
     * (an input the template configures); otherwise it is an Unknown with a normalised ref (refs.ts).
     */
    reference(node, segments, env, text) {
        this.checkCount(node, 1, 3, text);
        const [targetNode, apiNode, fullNode] = node.args;
        const target = targetNode === undefined ? null : this.node(targetNode, env, text);
        const apiVersion = apiNode === undefined ? undefined : this.node(apiNode, env, text);
        const fullValue = fullNode === undefined ? undefined : this.node(fullNode, env, text);
        if (fullValue !== undefined && !(typeof fullValue === 'string' && fullValue.toLowerCase() === 'full')) {
            throw new ExpressionError('argument', text, node.offset + 1, `reference() expects 'Full' as argument 3, got ${describeValue(fullValue)}`);
        }
        if (typeof target !== 'string' && !isUnknown(target)) {
            throw new ExpressionError('argument', text, node.offset + 1, `reference() expects a resource ID or name, got ${describeValue(target)}`);
        }
        const full = fullValue !== undefined;
        // The path is known up to the first index whose value is unknown; what follows is read from an unknown.
        const path = [];
        let rest = 0;
        for (const segment of segments) {
            const key = this.segmentKey(segment, env, text);
            if (typeof key !== 'string' && typeof key !== 'number')
                break;
            path.push(key);
            rest++;
        }
        let value;
        if (isUnknown(target)) {
            value =
                target.ref === undefined
                    ? new Unknown(KNOWN_AFTER_DEPLOYMENT)
                    : new Unknown(KNOWN_AFTER_DEPLOYMENT, referenceRef(target.ref, path, full));
        }
        else {
            const resourceId = target.startsWith('/') ? target : this.resourceIdOf(target);
            const ref = referenceRef(resourceId ?? target, path, full);
            const request = { target, full, path, ref };
            if (resourceId !== undefined)
                request.resourceId = resourceId;
            if (typeof apiVersion === 'string')
                request.apiVersion = apiVersion;
            value = this.context.resolveReference?.(request) ?? new Unknown(KNOWN_AFTER_DEPLOYMENT, ref);
        }
        for (const segment of segments.slice(rest))
            value = this.step(value, this.segmentKey(segment, env, text), segment.offset, text);
        return value;
    }
    resourceIdOf(name) {
        const info = this.context.resolveResourceInfo?.(name);
        const id = isArmObject(info) ? getProperty(info, 'id') : undefined;
        return typeof id === 'string' ? id : undefined;
    }
    resourceInfo(node, env, text) {
        const name = this.nameArgument(node, env, text);
        if (isUnknown(name))
            return derivedUnknown(name);
        return (this.context.resolveResourceInfo?.(name) ??
            new Unknown(`resourceInfo('${name}') needs the template's resources`, `resourceinfo(${name.toLowerCase()})`));
    }
    /** `listKeys(...)`, `listSecrets(...)` and the other list functions read the deployed resource. */
    list(node, env, text) {
        const targetNode = node.args[0];
        const target = targetNode === undefined ? null : this.node(targetNode, env, text);
        const reason = `${node.name}() returns values known only at deployment`;
        if (typeof target === 'string')
            return new Unknown(reason, listRef(node.name, target.startsWith('/') ? target : (this.resourceIdOf(target) ?? target)));
        if (isUnknown(target) && target.ref !== undefined)
            return new Unknown(reason, listRef(node.name, target.ref));
        return new Unknown(reason);
    }
}
/** Marks the error that closes a cycle of variables, so the variables on the cycle do not wrap it again. */
class VariableCycleError extends ExpressionError {
}
function firstDeepUnknown(values) {
    for (const value of values) {
        const found = findUnknown(value);
        if (found !== undefined)
            return found;
    }
    return undefined;
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}
/** A property `copy` is an array of loops, each with a name, a count and an input. */
function isPropertyCopy(value) {
    return (Array.isArray(value) &&
        value.length > 0 &&
        value.every((loop) => isPlainObject(loop) && typeof loop.name === 'string' && 'input' in loop && 'count' in loop));
}

function adapterOutput(reading) {
    const { file, format, entities, skipped, unsupported, scanned } = reading;
    return {
        entities,
        skipped,
        secrets: [...reading.secrets],
        summary: { file, format, scanned, skipped: skipped.length, unsupported },
    };
}

/** The value at a path, property names compared case-insensitively. Reading into an unknown gives an unknown. */
function valueAt(root, path) {
    let value = root;
    for (const segment of path) {
        if (value === undefined || value === null)
            return undefined;
        if (isUnknown(value))
            return value.ref === undefined ? value : new Unknown(value.reason, extendRef(value.ref, segment));
        if (typeof segment === 'number') {
            value = Array.isArray(value) ? value[segment] : undefined;
        }
        else {
            value = isArmObject(value) ? getProperty(value, segment) : undefined;
        }
    }
    return value;
}
/** A string (or unknown) at a path; anything else counts as not set. */
function stringAt(root, path) {
    const value = valueAt(root, path);
    return typeof value === 'string' || isUnknown(value) ? value : undefined;
}
/** A boolean at a path. Azure accepts "true" and "false" as strings for booleans, so they count too. */
function boolAt(root, path) {
    const value = valueAt(root, path);
    if (typeof value === 'boolean' || isUnknown(value))
        return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value))
        return value.toLowerCase() === 'true';
    return undefined;
}
function boolOrDefault(root, path, fallback) {
    return boolAt(root, path) ?? fallback;
}
/** A list of strings at a path: each element a string or unknown, or the whole list unknown. */
function stringListAt(root, path) {
    const value = valueAt(root, path);
    if (isUnknown(value))
        return value;
    if (!Array.isArray(value))
        return undefined;
    return value.filter((v) => typeof v === 'string' || isUnknown(v));
}
/** A string list as a known list: an unknown list becomes a one-element list of that unknown. */
function knownStringList(root, path) {
    const list = stringListAt(root, path);
    return list === undefined ? [] : isUnknown(list) ? [list] : list;
}
/** The `properties` of the resource. */
function props(resource) {
    return valueAt(resource.body, ['properties']) ?? null;
}
/**
 * A value Azure computes for the resource, as the input gives it or else named as `reference()` reads it, so that
 * a template expression reading it (`reference(<id>).identityProfile.kubeletidentity.objectId`) is the same value.
 * `full` names a top-level property (`identity.principalId`) rather than one under `properties`.
 */
function runtimeValue(resource, path, options = {}) {
    const full = options.full === true;
    const given = stringAt(full ? resource.body : props(resource), path);
    if ((typeof given === 'string' && given !== '') || (isUnknown(given) && given.ref !== undefined))
        return given;
    return runtimeUnknown(resource, path, options);
}
/** The unknown that `reference()` of the resource yields for a path, whatever the input says there. */
function runtimeUnknown(resource, path, options = {}) {
    const target = typeof resource.id === 'string' ? resource.id : (resource.referenceTarget ?? resource.id.ref);
    if (target === undefined || target === '')
        return new Unknown(resource.runtimeReason);
    const identifier = options.identifier === true;
    return new Unknown(resource.runtimeReason, referenceRef(target, path, options.full === true), identifier && resource.created, identifier && !resource.created);
}

/**
 * Resource IDs as values that may be unknown. An ID the template cannot compute yet is often still named by the
 * parts it is built from (`/subscriptions/…/virtualNetworks/{parameters('vnet')}/subnets/nodes`, see the
 * evaluator's partial-string.ts); such a ref has the shape of an ID, so its parents can be named the same way
 * the template would build them, and the scope chain and parent links still join.
 */
/** Marks a hole in a masked ref: a character no ID or ref contains. */
const HOLE = '\u0001';
/**
 * An ID-shaped ref with its `{...}` holes (top-level, possibly nested, possibly holding slashes of their own)
 * replaced by tokens without slashes, so that it can be split like an ID; `restore` puts the holes back.
 */
function maskHoles(ref) {
    if (!ref.startsWith('/'))
        return undefined;
    const holes = [];
    let masked = '';
    let depth = 0;
    let hole = '';
    for (const char of ref) {
        if (char === '{')
            depth++;
        if (depth > 0)
            hole += char;
        else
            masked += char;
        if (char === '}') {
            depth--;
            if (depth < 0)
                return undefined;
            if (depth === 0) {
                masked += `${HOLE}${holes.length}${HOLE}`;
                holes.push(hole);
                hole = '';
            }
        }
    }
    if (depth !== 0)
        return undefined;
    return {
        masked,
        restore: (text) => text
            .split(HOLE)
            .map((piece, i) => (i % 2 === 1 ? (holes[Number(piece)] ?? '') : piece))
            .join(''),
    };
}
/** A piece of an ID-shaped ref: known text, or an unknown named by the same ref text. */
function refPart(text, reason) {
    return text.includes('{') ? new Unknown(reason, text) : text;
}
/** Applies an operation on known IDs to the ID shape of an unknown's ref. */
function onRef(value, operation, restore) {
    if (value.ref === undefined)
        return undefined;
    const masked = maskHoles(value.ref);
    if (masked === undefined)
        return undefined;
    return restore(operation(masked.masked), masked.restore);
}
/**
 * A resource's ID and the IDs of the scopes that contain it (parent resources, resource group, subscription),
 * innermost first: a role at any of them applies to it.
 */
function scopeChainOf$1(id) {
    if (id === undefined || id === '')
        return [];
    if (!isUnknown(id))
        return ancestorScopes(id);
    const chain = onRef(id, ancestorScopes, (scopes, back) => scopes.map(back));
    if (chain === undefined)
        return [id];
    return chain.map((scope, i) => (i === 0 ? id : refPart(scope, id.reason)));
}
/** The scope an ID names, as the model describes it; an unknown ID still tells its level when its shape does. */
function scopeOfId(id) {
    if (!isUnknown(id))
        return parseScope(id) ?? { id, level: new Unknown(`unrecognised scope ${id}`) };
    const parsed = onRef(id, parseScope, (p) => p);
    if (parsed === undefined)
        return { id, level: new Unknown(id.reason) };
    const scope = { id, level: parsed.level };
    for (const key of ['resourceType', 'subscriptionId', 'resourceGroup']) {
        const part = parsed[key];
        if (typeof part === 'string' && !part.includes(HOLE))
            scope[key] = part;
    }
    return scope;
}
/**
 * Splits an ID at its last `/providers/`: the scope it lives in, its type and its names
 * (`…/registries/acr/providers/Microsoft.Authorization/roleAssignments/g` is a role assignment at the registry).
 * Resource groups and subscriptions, which have no `providers` segment, get their `Microsoft.Resources` types.
 */
function splitResourceId(id) {
    const parts = id.trim().replace(/\/+$/, '').split('/');
    if (parts[0] !== '' || parts.length < 3)
        return undefined;
    const lower = parts.map((p) => p.toLowerCase());
    const at = lower.lastIndexOf('providers');
    if (at === -1) {
        if (lower[1] !== 'subscriptions')
            return undefined;
        if (parts.length === 3)
            return { scope: '/', type: 'Microsoft.Resources/subscriptions', names: [parts[2] ?? ''] };
        if (lower[3] === 'resourcegroups' && parts.length === 5) {
            return {
                scope: parts.slice(0, 3).join('/'),
                type: 'Microsoft.Resources/resourceGroups',
                names: [parts[4] ?? ''],
            };
        }
        return undefined;
    }
    const [namespace, ...rest] = parts.slice(at + 1);
    if (namespace === undefined || rest.length < 2 || rest.length % 2 !== 0)
        return undefined;
    return {
        scope: at === 1 ? '/' : parts.slice(0, at).join('/'),
        type: [namespace, ...rest.filter((_, i) => i % 2 === 0)].join('/'),
        names: rest.filter((_, i) => i % 2 === 1),
    };
}
/** The ID of a child resource's parent: the ID without its last type and name. */
function parentIdOf(id) {
    if (!isUnknown(id))
        return parentOfKnown(id);
    const parent = onRef(id, parentOfKnown, (p, back) => (p === undefined ? undefined : back(p)));
    return parent === undefined ? undefined : refPart(parent, id.reason);
}
function parentOfKnown(id) {
    const split = splitResourceId(id);
    if (split === undefined || split.names.length < 2)
        return undefined;
    return id.trim().replace(/\/+$/, '').split('/').slice(0, -2).join('/');
}
/** The scope an extension resource (a role assignment) is attached to: its ID up to the last `/providers/`. */
function extensionScopeOf(id) {
    const split = splitResourceId(id);
    return split?.scope;
}
const ROLE_DEFINITION_ID = /^\/subscriptions\/([^/]+)\/(?:resourceGroups\/[^/]+\/)?providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]{36})$/i;
/**
 * Role definitions live at subscription level whatever the scope an ID is built at (`resourceId()` in a resource
 * group template adds the group): one form, `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`
 * as Terraform's `role_definition_resource_id`, lets assignments and definitions meet.
 */
function canonicalRoleDefinitionId(id) {
    const match = ROLE_DEFINITION_ID.exec(id.trim().replace(/\/+$/, ''));
    if (match === null)
        return id;
    return `/subscriptions/${match[1] ?? ''}/providers/Microsoft.Authorization/roleDefinitions/${match[2] ?? ''}`;
}

/**
 * Node pools declared as their own resources (`Microsoft.ContainerService/managedClusters/agentPools`) bring
 * subnets that belong to their cluster's network as much as those of `agentPoolProfiles`. Returns the pools whose
 * cluster is not among `clusters`.
 */
function attachAgentPoolSubnets(pools, clusters) {
    const clustersById = new ValueIndex();
    for (const cluster of clusters)
        clustersById.add(cluster.id, cluster);
    const unattached = [];
    for (const pool of pools) {
        const cluster = clustersById.first(pool.parentId ?? parentIdOf(pool.id));
        if (cluster === undefined) {
            unattached.push(pool);
            continue;
        }
        for (const property of ['vnetSubnetID', 'podSubnetID']) {
            const subnet = stringAt(props(pool), [property]);
            const network = cluster.network;
            if (subnet === undefined || subnet === '' || network === undefined)
                continue;
            // Subnets unknown as a whole stay so: one more pool does not make them known.
            if (isUnknown(network.vnetSubnetIds) || isUnknown(network.subnets))
                continue;
            if (network.vnetSubnetIds.some((s) => s === subnet || sameValue(s, subnet)))
                continue;
            network.vnetSubnetIds.push(subnet);
            network.subnets.push({ id: subnet, scopeChain: scopeChainOf$1(subnet) });
        }
    }
    return unattached;
}

/**
 * The adapter's output, once the separate node pools have joined their clusters' networks. A pool whose cluster
 * is elsewhere is skipped with the reason, not dropped.
 */
function armAdapterOutput(reading) {
    const { file, entities, pools, skipped } = reading;
    const clusters = entities.filter((e) => e.kind === 'cluster');
    const unattached = new Set(attachAgentPoolSubnets(pools.map((p) => p.resource), clusters));
    for (const pool of pools) {
        if (!unattached.has(pool.resource))
            continue;
        skipped.push({
            file,
            address: pool.address,
            type: pool.type,
            reason: `its cluster is not in this ${reading.inputName}, so its subnets cannot be added to a cluster's network`,
        });
    }
    return adapterOutput({ ...reading, scanned: entities.length + pools.length - unattached.size });
}

/**
 * Where code (a plan, a template, a what-if result) and live state describe the same cluster, the code's cluster
 * is linked to the live one (`liveState`), and each grant its identities hold in Azure is marked with whether the
 * code declares it (`inCode`): facts for the drift policies, not verdicts. Clusters pair by resource ID, else by name and resource group; grants by assignment ID, else by
 * principal, role and scope. A grant in code whose values are known only after apply may be the live one: that
 * is unknown, never a guess either way.
 *
 * `all` holds every role assignment, deletions included: a grant the code deletes is one it declares.
 */
function linkDrift(byKind, all) {
    const pairs = pairClusters(byKind.cluster);
    if (pairs.length === 0)
        return;
    const codeById = new ValueIndex();
    for (const a of all)
        if (a.source.format !== 'live-state')
            codeById.add(a.id, a);
    for (const { live, code } of pairs) {
        code.liveState = live;
        // A grant in code joins whichever of the two clusters has its principal known: both are searched.
        const declared = [...new Set([...grantsOf(code), ...grantsOf(live)])].filter((g) => g.source.format !== 'live-state');
        const maybe = code.undecidedRoleAssignments.filter((g) => !isUnknown(g) && g.source.format !== 'live-state');
        for (const grant of grantsOf(live)) {
            if (grant.source.format !== 'live-state' || grant.inCode !== undefined)
                continue;
            grant.inCode = inCode(grant, codeById, declared, maybe);
        }
    }
}
function pairClusters(clusters) {
    const byId = new ValueIndex();
    const byName = new Map();
    for (const c of clusters) {
        if (c.source.format === 'live-state')
            continue;
        byId.add(c.id, c);
        // By name only when the code does not know its ID yet: a known ID that differs is another cluster.
        const key = nameKey$2(c);
        if (typeof c.id !== 'string' && key !== undefined && !byName.has(key))
            byName.set(key, c);
    }
    const pairs = [];
    const paired = new Set();
    for (const live of clusters) {
        if (live.source.format !== 'live-state')
            continue;
        const key = nameKey$2(live);
        const code = byId.first(live.id) ?? (key === undefined ? undefined : byName.get(key));
        if (code === undefined || paired.has(code))
            continue;
        paired.add(code);
        pairs.push({ live, code });
    }
    return pairs;
}
/**
 * Name and resource group, when both are known: what pairs a cluster whose ID the code does not know yet. The
 * subscription is not part of it, as code that does not know its ID rarely knows its subscription.
 */
function nameKey$2(cluster) {
    const { name, resourceGroup } = cluster;
    if (typeof name !== 'string' || typeof resourceGroup !== 'string')
        return undefined;
    return `${resourceGroup.toLowerCase()}/${name.toLowerCase()}`;
}
function grantsOf(cluster) {
    return [
        ...cluster.controlPlaneRoleAssignments,
        ...cluster.kubeletRoleAssignments,
        ...cluster.addons.flatMap((a) => a.roleAssignments),
    ];
}
/**
 * Whether the code declares a live grant: the same assignment ID, or a grant of the same identity with the same
 * role and scope. Grants whose principal the code cannot tell apart from the cluster's (undecided) may be it.
 */
function inCode(grant, codeById, declared, undecided) {
    if (codeById.first(grant.id) !== undefined)
        return true;
    const possible = [];
    for (const candidate of declared) {
        const match = sameGrant(candidate, grant);
        if (match === true)
            return true;
        if (match === 'maybe')
            possible.push(candidate);
    }
    for (const candidate of undecided)
        if (sameGrant(candidate, grant) !== false)
            possible.push(candidate);
    if (possible.length === 0)
        return false;
    const names = possible
        .slice(0, 3)
        .map((c) => c.key)
        .join(', ');
    return new Unknown(`undecided: ${names} in code may be this grant, but its role, scope or principal is known only after apply`);
}
/**
 * Principal, role and scope compared: the same, different, or not known yet ('maybe'). A principal the code knows
 * only after apply is the same when it plays the same part for the cluster (its kubelet, its control plane).
 */
function sameGrant(code, live) {
    const principal = isUnknown(code.principalId)
        ? code.principal.kind === live.principal.kind
            ? true
            : 'maybe'
        : compare(code.principalId, live.principalId);
    const role = compare(code.role.id, live.role.id, code.role.name, live.role.name);
    const scope = compare(code.scope.id, live.scope.id);
    const all = [principal, role, scope];
    if (all.includes(false))
        return false;
    return all.every((x) => x === true) ? true : 'maybe';
}
/**
 * Two values (with a fallback pair, such as role names when one role ID is unknown): known the same, known
 * different, or 'maybe'.
 */
function compare(a, b, fallbackA, fallbackB) {
    if (sameValue(a, b))
        return true;
    // Absent is not known either: a role the code names only by name has no ID to compare.
    const known = (v) => v !== undefined && v !== null && v !== '' && !isUnknown(v);
    if (known(a) && known(b))
        return false;
    if (fallbackA !== undefined && typeof fallbackA === 'string' && typeof fallbackB === 'string') {
        return sameValue(fallbackA, fallbackB);
    }
    return knownDifferent(a, b) ? false : 'maybe';
}

/** An adapter's principal kind before linking: the linker decides it. */
const NOT_LINKED = new Unknown('not linked yet');
/**
 * Joins entities across resources and inputs: which identity a cluster runs as, whose principal each role
 * assignment names, which credential trusts which cluster. It records facts only, never verdicts. Principals are
 * joined on object IDs (or on the same not-yet-known value), never on client IDs. Every join goes through an
 * index, so linking stays linear in the number of entities.
 */
function linkEntities(entities) {
    const byKind = emptyEntities();
    for (const entity of entities)
        byKind[entity.kind].push(entity);
    // What a plan deletes grants nothing afterwards: it is evaluated, but not linked as a live grant or identity.
    const live = emptyEntities();
    for (const entity of entities)
        if (entity.change.action !== 'delete')
            live[entity.kind].push(entity);
    linkLive(live);
    linkDrift(live, byKind.roleAssignment);
    return byKind;
}
function linkLive(byKind) {
    const identitiesById = new ValueIndex();
    const identitiesByPrincipal = new ValueIndex();
    for (const mi of byKind.managedIdentity) {
        identitiesById.add(mi.id, mi);
        identitiesByPrincipal.add(mi.principalId, mi);
    }
    for (const cluster of byKind.cluster)
        linkClusterIdentities(cluster, identitiesById);
    linkFederatedCredentials(byKind, identitiesById);
    const principals = new PrincipalDirectory(byKind.cluster);
    for (const assignment of byKind.roleAssignment)
        linkPrincipal(assignment, principals, identitiesByPrincipal);
    linkRoleDefinitions(byKind);
    linkRegistries(byKind);
}
function linkClusterIdentities(cluster, identitiesById) {
    const ids = cluster.identity.userAssignedIdentityIds;
    if (Array.isArray(ids)) {
        const identity = ids.map((id) => identitiesById.first(id)).find((mi) => mi !== undefined);
        if (identity !== undefined) {
            cluster.controlPlaneIdentity = identity;
            identity.usedBy.push({ cluster, as: 'controlPlane' });
        }
    }
    const kubelet = identitiesById.first(cluster.kubeletIdentity?.userAssignedIdentityId);
    if (kubelet !== undefined) {
        cluster.kubeletManagedIdentity = kubelet;
        kubelet.usedBy.push({ cluster, as: 'kubelet' });
    }
    for (const addon of cluster.addons) {
        identitiesById.first(addon.identity?.resourceId)?.usedBy.push({ cluster, as: 'addon' });
    }
}
/**
 * A credential trusts a cluster when its issuer is the cluster's OIDC issuer. Issuers join without their trailing
 * `/`, so a credential that differs only by it is still linked: Entra compares issuers exactly, and the policy can
 * then say so. What a credential's identity is to the clusters (control plane, kubelet, add-on) is recorded on the
 * credential too, also for the kubelet identity AKS creates, which the inputs hold no entity for.
 */
function linkFederatedCredentials(byKind, identitiesById) {
    const clustersByIssuer = new ValueIndex();
    const usesById = new ValueIndex();
    for (const cluster of byKind.cluster) {
        clustersByIssuer.add(issuerKey(cluster.oidcIssuer?.url), cluster);
        const ids = cluster.identity.userAssignedIdentityIds;
        for (const id of Array.isArray(ids) ? ids : [])
            usesById.add(id, { cluster, as: 'controlPlane' });
        usesById.add(cluster.kubeletIdentity?.userAssignedIdentityId, { cluster, as: 'kubelet' });
        for (const addon of cluster.addons)
            usesById.add(addon.identity?.resourceId, { cluster, as: 'addon' });
    }
    for (const credential of byKind.federatedCredential) {
        const identity = identitiesById.first(credential.parentId);
        const cluster = clustersByIssuer.first(issuerKey(credential.issuer));
        for (const use of usesById.get(credential.parentId)) {
            if (!credential.usedBy.some((u) => u.cluster === use.cluster && u.as === use.as))
                credential.usedBy.push(use);
        }
        if (identity !== undefined) {
            credential.identity = identity;
            identity.federatedCredentials.push(credential);
        }
        if (cluster !== undefined) {
            credential.cluster = cluster;
            if (identity !== undefined &&
                !identity.usedBy.some((u) => u.cluster === cluster && u.as === 'workload')) {
                identity.usedBy.push({ cluster, as: 'workload' });
            }
        }
    }
}
/** An issuer URL as it joins: without its trailing slashes. */
function issuerKey(url) {
    return typeof url === 'string' ? url.replace(/\/+$/, '') : url;
}
const PRINCIPAL_LABELS = {
    clusterControlPlane: 'control-plane',
    kubelet: 'kubelet',
    addon: 'add-on',
    workload: 'workload',
    other: 'other',
};
/** The principals a cluster acts as, with the role each plays. */
function clusterPrincipals(cluster) {
    const result = [];
    const add = (principal, kind, addon) => {
        if (principal === undefined || principal === '')
            return;
        result.push(addon === undefined ? { cluster, principal, kind } : { cluster, principal, kind, addon });
    };
    add(cluster.identity.principalId, 'clusterControlPlane');
    add(cluster.controlPlaneIdentity?.principalId ?? unseenControlPlanePrincipal(cluster), 'clusterControlPlane');
    add(cluster.kubeletIdentity?.objectId, 'kubelet');
    add(cluster.kubeletManagedIdentity?.principalId, 'kubelet');
    for (const addon of cluster.addons)
        add(addon.identity?.objectId, 'addon', addon.name);
    return result;
}
/**
 * The principal of a control plane that runs as an identity the inputs do not hold (a user-assigned identity that
 * exists already, a service principal) is not known, but it is someone: an object that exists already when the
 * identity's ID is known, anything when even that is not.
 */
function unseenControlPlanePrincipal(cluster) {
    const { type, principalId, userAssignedIdentityIds: ids } = cluster.identity;
    if (principalId !== undefined && principalId !== '')
        return undefined;
    if (type === 'ServicePrincipal') {
        return new Unknown(`the object ID of service principal ${String(cluster.servicePrincipal?.clientId)}`, undefined, false, true);
    }
    if (type !== 'UserAssigned' && !isUnknown(type))
        return undefined;
    const existing = Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string');
    return new Unknown(`the principal of the control-plane identity of ${cluster.key}, which the inputs do not hold`, undefined, false, existing);
}
/**
 * The principals of all clusters, indexed for joins, and sorted by what an unmatched principal may still be: a
 * known ID may be a principal that exists but is unknown here (read by a data source); an existing one may be any
 * known or existing one; one of unknown origin may be anything. An ID the change creates is none of the others.
 */
class PrincipalDirectory {
    clusters;
    index = new ValueIndex();
    /** The client (application) IDs of the clusters' identities: a principal ID equal to one names the wrong ID. */
    clientIds = new ValueIndex();
    known = [];
    existing = [];
    anything = [];
    constructor(clusters) {
        this.clusters = clusters;
        for (const cluster of clusters) {
            this.clientIds.add(cluster.kubeletIdentity?.clientId, { cluster, as: 'kubelet' });
            this.clientIds.add(cluster.kubeletManagedIdentity?.clientId, { cluster, as: 'kubelet' });
            this.clientIds.add(cluster.controlPlaneIdentity?.clientId, { cluster, as: 'controlPlane' });
            for (const addon of cluster.addons)
                this.clientIds.add(addon.identity?.clientId, { cluster, as: 'addon' });
            for (const p of clusterPrincipals(cluster)) {
                this.index.add(p.principal, p);
                const v = p.principal;
                if (!isUnknown(v))
                    pushOnce(this.known, cluster);
                else if (v.existing)
                    pushOnce(this.existing, cluster);
                else if (!v.distinct || v.ref === undefined)
                    pushOnce(this.anything, cluster);
            }
        }
    }
    /** The clusters whose principals an unmatched principal cannot be told apart from. */
    undecided(principal) {
        if (principal === '')
            return this.clusters;
        if (!isUnknown(principal))
            return union(this.existing, this.anything);
        if (principal.distinct && principal.ref !== undefined)
            return this.anything;
        if (principal.existing)
            return union(this.known, this.existing, this.anything);
        return this.clusters;
    }
}
function union(...lists) {
    const all = [];
    for (const list of lists)
        for (const c of list)
            pushOnce(all, c);
    return all;
}
function linkPrincipal(assignment, principals, identitiesByPrincipal) {
    const principalId = assignment.principalId;
    const clientIdOf = principals.clientIds.first(principalId);
    if (clientIdOf !== undefined)
        assignment.principal.clientIdOf = clientIdOf;
    const identity = identitiesByPrincipal.first(principalId);
    if (identity !== undefined) {
        assignment.principal.identity = identity;
        identity.roleAssignments.push(assignment);
    }
    // One identity can serve several roles: the kubelet of blue and green clusters, or control plane and kubelet.
    const matches = principals.index.get(principalId);
    const [first] = matches;
    if (first !== undefined) {
        assignment.principal.kind = first.kind;
        assignment.principal.cluster = first.cluster;
        assignment.principal.label =
            first.addon === undefined ? PRINCIPAL_LABELS[first.kind] : `${first.addon} add-on`;
        if (first.addon !== undefined)
            assignment.principal.addon = first.addon;
        for (const match of matches) {
            const { cluster } = match;
            if (match.kind === 'clusterControlPlane')
                pushOnce(cluster.controlPlaneRoleAssignments, assignment);
            else if (match.kind === 'kubelet')
                pushOnce(cluster.kubeletRoleAssignments, assignment);
            else {
                const addon = cluster.addons.find((a) => a.name === match.addon);
                if (addon !== undefined)
                    pushOnce(addon.roleAssignments, assignment);
            }
        }
        return;
    }
    if (identity !== undefined && identity.federatedCredentials.length > 0) {
        assignment.principal.kind = 'workload';
        assignment.principal.label = PRINCIPAL_LABELS.workload;
        return;
    }
    // Undecided principals are compared only with clusters of the same input: a plan's unresolved expression says
    // nothing about another plan's clusters.
    const undecided = principals.undecided(principalId).filter((c) => c.source.file === assignment.source.file);
    if (undecided.length === 0) {
        assignment.principal.kind = 'other';
        assignment.principal.label = PRINCIPAL_LABELS.other;
        return;
    }
    const principal = principalId === ''
        ? 'the input names no principal; it'
        : isUnknown(principalId)
            ? `its principal (${principalId.ref ?? principalId.reason})`
            : `its principal ${principalId}`;
    assignment.principal.kind = new Unknown(`undecided: ${principal} may be an identity of ${namesOf(undecided)}`);
    assignment.principal.label = 'undecided';
    for (const cluster of undecided)
        cluster.undecidedRoleAssignments.push(assignment);
}
function namesOf(clusters) {
    const shown = clusters.slice(0, 3).map((c) => c.key);
    return clusters.length > 3 ? `${shown.join(', ')} and ${clusters.length - 3} more` : shown.join(', ');
}
function pushOnce(list, item) {
    if (!list.includes(item))
        list.push(item);
}
function linkRoleDefinitions(byKind) {
    const byId = new ValueIndex();
    const byName = new ValueIndex();
    for (const d of byKind.roleDefinition) {
        byId.add(d.id, d);
        byName.add(d.name, d);
    }
    for (const assignment of byKind.roleAssignment) {
        const role = assignment.role;
        const definition = byId.first(role.id) ?? (role.builtIn === true ? undefined : byName.first(role.name));
        if (definition === undefined)
            continue;
        role.builtIn = false;
        role.name = definition.name;
        role.actions = definition.actions;
        role.notActions = definition.notActions;
        role.permissions = definition.permissions;
    }
    for (const assignment of byKind.roleAssignment)
        limitByCondition(assignment);
}
/**
 * An assignment with an ABAC condition grants its role's permissions only where the condition holds, which a plan
 * cannot tell: each block becomes conditional (an unknown condition too: it may be set).
 */
function limitByCondition(assignment) {
    const { condition } = assignment;
    const { permissions } = assignment.role;
    if (condition === undefined || condition === '' || !Array.isArray(permissions))
        return;
    assignment.role.permissions = permissions.map((block) => {
        const limited = { ...block, conditional: true };
        delete limited.conditionAppliesTo;
        return limited;
    });
}
/**
 * A cluster's registries are those any of its identities holds a role on: at the registry itself, or at a scope
 * that contains it (its resource group or subscription). Registries are indexed under each scope that contains
 * them, so a role assignment finds them by its own scope. A registry granted only to an undecided principal may or
 * may not be the cluster's: it is listed as an unknown element, which counts as "maybe".
 */
function linkRegistries(byKind) {
    const byScope = new ValueIndex();
    for (const registry of byKind.registry) {
        for (const scope of registry.scopeChain.length > 0 ? registry.scopeChain : [registry.id]) {
            byScope.add(typeof scope === 'string' ? scope.replace(/\/+$/, '') : scope, registry);
        }
    }
    const order = new Map(byKind.registry.map((r, i) => [r, i]));
    const byOrder = (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
    const registriesOf = (assignments) => {
        const found = new Map();
        for (const a of assignments) {
            const scope = typeof a.scope.id === 'string' ? a.scope.id.replace(/\/+$/, '') : a.scope.id;
            for (const r of byScope.get(scope))
                if (!found.has(r))
                    found.set(r, a);
        }
        return found;
    };
    // A scope of unknown origin may be any registry's (those of the same input).
    const maybeAnywhere = (assignments) => {
        const found = new Map();
        for (const a of assignments) {
            const scope = a.scope.id;
            if (!isUnknown(scope) || scope.distinct || scope.existing)
                continue;
            for (const r of byKind.registry)
                if (r.source.file === a.source.file && !found.has(r))
                    found.set(r, a);
        }
        return found;
    };
    for (const cluster of byKind.cluster) {
        const undecided = cluster.undecidedRoleAssignments.filter((a) => !isUnknown(a));
        const own = [
            ...cluster.controlPlaneRoleAssignments,
            ...cluster.kubeletRoleAssignments,
            ...cluster.addons.flatMap((a) => a.roleAssignments),
        ];
        const granted = registriesOf(own);
        const maybe = [...new Map([...maybeAnywhere([...own, ...undecided]), ...registriesOf(undecided)])].filter(([r]) => !granted.has(r));
        cluster.registries = [
            ...[...granted.keys()].sort(byOrder),
            ...maybe
                .sort(([a], [b]) => byOrder(a, b))
                .map(([registry, grant]) => new MaybeElement(`undecided: registry ${String(registry.name)} may be this cluster's: ${grant.key} may grant a role on it to one of its identities`, registry.key)),
        ];
    }
}

/**
 * An entity of `kind` from a resource, its links empty until the linker fills them, with the entity as it was
 * before the change (mapped the same way) when the input has it.
 */
function assembleEntity(kind, mappings, current, previous, framing) {
    const { key, source, raw, action } = framing;
    const base = { key, source, raw, change: { action } };
    const change = (before) => before === undefined ? { action } : { action, before };
    const withBefore = (make) => ({
        ...make(current),
        change: change(previous === undefined ? undefined : make(previous)),
    });
    switch (kind) {
        case 'cluster':
            return withBefore((r) => ({
                kind,
                ...base,
                ...mappings.cluster(r),
                controlPlaneRoleAssignments: [],
                kubeletRoleAssignments: [],
                undecidedRoleAssignments: [],
                registries: [],
            }));
        case 'managedIdentity':
            return withBefore((r) => ({
                kind,
                ...base,
                ...mappings.managedIdentity(r),
                usedBy: [],
                roleAssignments: [],
                federatedCredentials: [],
            }));
        case 'roleAssignment':
            return withBefore((r) => ({
                kind,
                ...base,
                ...mappings.roleAssignment(r),
                principal: { kind: NOT_LINKED },
            }));
        case 'roleDefinition':
            return withBefore((r) => ({ kind, ...base, ...mappings.roleDefinition(r) }));
        case 'federatedCredential':
            return withBefore((r) => ({ kind, ...base, ...mappings.federatedCredential(r) }));
        case 'registry':
            return withBefore((r) => ({ kind, ...base, ...mappings.registry(r) }));
    }
}
function setIfDefined(target, key, value) {
    if (value !== undefined)
        target[key] = value;
}

/**
 * Add-ons for which AKS creates a managed identity of its own (addonProfiles.<key>.identity), by their ARM keys,
 * lower-cased: the monitoring agent, the application gateway ingress controller, the Key Vault secrets provider,
 * virtual nodes and Azure Policy. `az aks show` prints an identity for each of them.
 */
const ADDONS_WITH_IDENTITY = new Set([
    'omsagent',
    'ingressapplicationgateway',
    'azurekeyvaultsecretsprovider',
    'aciconnectorlinux',
    'azurepolicy',
]);
/** Microsoft.ContainerService/managedClusters, field for field as the Terraform adapter maps azurerm_kubernetes_cluster. */
function mapCluster$1(r) {
    const p = props(r);
    const identityType = clusterIdentityType$1(r);
    const managed = identityType === 'SystemAssigned' || identityType === 'UserAssigned' || isUnknown(identityType);
    const fields = {
        name: r.name,
        id: r.id,
        identity: { type: identityType },
        addons: mapAddons$1(r),
    };
    const scope = typeof r.id === 'string' ? parseScope(r.id) : undefined;
    setIfDefined(fields, 'subscriptionId', scope?.subscriptionId);
    setIfDefined(fields, 'resourceGroup', scope?.resourceGroup);
    setIfDefined(fields, 'location', stringAt(r.body, ['location']));
    const nodeResourceGroup = runtimeValue(r, ['nodeResourceGroup']);
    fields.nodeResourceGroup = nodeResourceGroup;
    // The node resource group is always in the cluster's subscription; built as `resourceGroup().id` builds it, so
    // that a module deployed to `resourceGroup(aks.properties.nodeResourceGroup)` names the same group.
    if (typeof scope?.subscriptionId === 'string' && nodeResourceGroup !== '') {
        fields.nodeResourceGroupId = joinParts([
            '/subscriptions/',
            scope.subscriptionId,
            '/resourceGroups/',
            nodeResourceGroup,
        ]);
    }
    const identity = valueAt(r.body, ['identity']);
    if (identity !== undefined && identity !== null) {
        const type = identityType;
        if (type === 'SystemAssigned' || isUnknown(type)) {
            fields.identity.principalId = runtimeValue(r, ['identity', 'principalId'], {
                full: true,
                identifier: true,
            });
        }
        const ids = r.hints?.userAssignedIdentityIds ?? userAssignedIdentityIds(r);
        if (ids !== undefined)
            fields.identity.userAssignedIdentityIds = ids;
        if (type === 'UserAssigned') {
            const principal = statedUserAssignedPrincipal(r);
            if (principal !== undefined)
                fields.identity.principalId = principal;
        }
    }
    if (identityType === 'ServicePrincipal' || isUnknown(identityType)) {
        const sp = servicePrincipal(r);
        if (sp !== undefined)
            fields.servicePrincipal = sp;
    }
    const kubeletSet = valueAt(p, ['identityProfile', 'kubeletidentity']);
    const setByInput = kubeletSet !== undefined && kubeletSet !== null;
    if (managed || setByInput) {
        const base = ['identityProfile', 'kubeletidentity'];
        const custom = kubeletCustom(r, setByInput, fields.nodeResourceGroup);
        const resourceId = runtimeValue(r, [...base, 'resourceId'], { identifier: true });
        const kubelet = {
            custom,
            scopeChain: kubeletScopeChain(resourceId, custom, fields.nodeResourceGroupId),
            userAssignedIdentityId: resourceId,
            clientId: runtimeValue(r, [...base, 'clientId'], { identifier: true }),
            objectId: runtimeValue(r, [...base, 'objectId'], { identifier: true }),
        };
        fields.kubeletIdentity = kubelet;
    }
    const aad = valueAt(p, ['aadProfile']);
    if (isUnknown(aad))
        fields.aad = { managed: aad, azureRbacEnabled: aad };
    else if (isArmObject(aad)) {
        const value = {
            managed: boolOrDefault(aad, ['managed'], false),
            azureRbacEnabled: boolOrDefault(aad, ['enableAzureRBAC'], false),
        };
        setIfDefined(value, 'adminGroupObjectIds', stringListAt(aad, ['adminGroupObjectIDs']));
        // An empty tenant is the subscription's own: as good as not set.
        const tenantId = stringAt(aad, ['tenantID']);
        if (tenantId !== '')
            setIfDefined(value, 'tenantId', tenantId);
        fields.aad = value;
    }
    // AKS's defaults where the input is silent: Kubernetes RBAC on, local accounts on, OIDC issuer and workload
    // identity off.
    fields.kubernetesRbacEnabled = boolOrDefault(p, ['enableRBAC'], true);
    fields.localAccountsDisabled = boolOrDefault(p, ['disableLocalAccounts'], false);
    const oidcEnabled = boolOrDefault(p, ['oidcIssuerProfile', 'enabled'], false);
    const oidc = { enabled: oidcEnabled };
    if (oidcEnabled !== false) {
        oidc.url = runtimeValue(r, ['oidcIssuerProfile', 'issuerURL'], { identifier: true });
    }
    fields.oidcIssuer = oidc;
    fields.workloadIdentityEnabled = boolOrDefault(p, ['securityProfile', 'workloadIdentity', 'enabled'], false);
    const podIdentity = valueAt(p, ['podIdentityProfile']);
    if (isUnknown(podIdentity))
        fields.podIdentity = { enabled: podIdentity };
    else if (isArmObject(podIdentity)) {
        fields.podIdentity = { enabled: boolOrDefault(podIdentity, ['enabled'], false) };
    }
    const subnetIds = clusterSubnetIds(p);
    const network = {
        vnetSubnetIds: subnetIds,
        subnets: isUnknown(subnetIds) ? subnetIds : subnetIds.map((id) => ({ id, scopeChain: scopeChainOf$1(id) })),
        outboundIpIds: outboundIpIds$1(p),
        privateCluster: boolOrDefault(p, ['apiServerAccessProfile', 'enablePrivateCluster'], false),
    };
    const privateDnsZone = stringAt(p, ['apiServerAccessProfile', 'privateDNSZone']);
    if (privateDnsZone !== '')
        setIfDefined(network, 'privateDnsZone', privateDnsZone);
    const outboundType = stringAt(p, ['networkProfile', 'outboundType']);
    if (outboundType !== '')
        setIfDefined(network, 'outboundType', outboundType);
    fields.network = network;
    return fields;
}
/**
 * `identity.type` as given; a cluster without a managed identity runs as the service principal of its
 * `servicePrincipalProfile` (a client ID other than `msi`), else as nothing.
 */
function clusterIdentityType$1(r) {
    const type = stringAt(r.body, ['identity', 'type']);
    const identity = valueAt(r.body, ['identity']);
    if (isUnknown(identity))
        return identity;
    if (type !== undefined && !(typeof type === 'string' && /^none$/i.test(type)))
        return type;
    const clientId = stringAt(props(r), ['servicePrincipalProfile', 'clientId']);
    if (isUnknown(clientId))
        return new Unknown(clientId.reason);
    if (clientId !== undefined && clientId !== '' && clientId.toLowerCase() !== 'msi')
        return 'ServicePrincipal';
    return type ?? 'None';
}
function servicePrincipal(r) {
    const profile = valueAt(props(r), ['servicePrincipalProfile']);
    if (profile === undefined || profile === null)
        return undefined;
    const clientId = stringAt(profile, ['clientId']);
    if (typeof clientId === 'string' && clientId.toLowerCase() === 'msi')
        return undefined;
    const secret = valueAt(profile, ['secret']);
    const hasSecret = secret !== undefined && secret !== null && secret !== '';
    const sp = {
        secretInCode: r.hints?.secretInCode ??
            (hasSecret ? unknownOrigin('the input does not say where the client secret comes from') : false),
    };
    setIfDefined(sp, 'clientId', clientId);
    return sp;
}
/**
 * The principal of the one user-assigned control-plane identity, where the input states it: Azure returns it beside
 * the identity's ID (live state, an existing cluster in a what-if). Templates write `{}` there, so nothing is taken
 * from them.
 */
function statedUserAssignedPrincipal(r) {
    const map = valueAt(r.body, ['identity', 'userAssignedIdentities']);
    if (!isArmObject(map))
        return undefined;
    const entries = Object.values(map);
    if (entries.length !== 1)
        return undefined;
    const principal = isArmObject(entries[0]) ? valueAt(entries[0], ['principalId']) : undefined;
    return typeof principal === 'string' && principal !== '' ? principal : undefined;
}
/** The keys of `identity.userAssignedIdentities`: the identities' resource IDs. */
function userAssignedIdentityIds(r) {
    const map = valueAt(r.body, ['identity', 'userAssignedIdentities']);
    if (isUnknown(map))
        return map;
    if (!isArmObject(map))
        return undefined;
    return Object.keys(map);
}
/**
 * Whether the kubelet runs as an identity the user brings. The adapter may know (a template that sets it); else AKS's
 * own kubelet identity is told by where it lives: AKS creates it in the node resource group.
 */
function kubeletCustom(r, setByInput, nodeResourceGroup) {
    if (r.hints?.customKubelet !== undefined)
        return r.hints.customKubelet;
    if (!setByInput)
        return false;
    const id = stringAt(props(r), ['identityProfile', 'kubeletidentity', 'resourceId']);
    if (typeof id === 'string' && typeof nodeResourceGroup === 'string') {
        const group = parseScope(id)?.resourceGroup;
        if (typeof group === 'string')
            return group.toLowerCase() !== nodeResourceGroup.toLowerCase();
    }
    return unknownOrigin('the kubelet identity is set, but its resource group does not tell who made it');
}
/** An identity AKS makes lives in the node resource group: a role there or on the subscription covers it. */
function kubeletScopeChain(id, custom, nodeResourceGroupId) {
    const chain = scopeChainOf$1(id);
    if (custom !== false || !isUnknown(id) || nodeResourceGroupId === undefined)
        return chain;
    return [...chain, ...scopeChainOf$1(nodeResourceGroupId)];
}
/**
 * Subnets of the node pools (nodes and pods) and of the API server, each once; unknown as a whole when the node
 * pools are, since then it is not known whether any pool brings a subnet.
 */
function clusterSubnetIds(p) {
    const pools = valueAt(p, ['agentPoolProfiles']);
    if (isUnknown(pools))
        return new Unknown(pools.reason);
    const ids = [];
    const add = (id) => {
        if (id === undefined || id === '')
            return;
        if (!ids.some((known) => known === id || sameValue(known, id)))
            ids.push(id);
    };
    if (Array.isArray(pools)) {
        for (const pool of pools) {
            add(stringAt(pool, ['vnetSubnetID']));
            add(stringAt(pool, ['podSubnetID']));
        }
    }
    add(stringAt(p, ['apiServerAccessProfile', 'subnetId']));
    return ids;
}
/** Outbound public IPs and prefixes the user brings for the load balancer; unknown when the profile is. */
function outboundIpIds$1(p) {
    const profile = valueAt(p, ['networkProfile', 'loadBalancerProfile']);
    if (isUnknown(profile))
        return new Unknown(profile.reason);
    const ids = [];
    for (const [list, item] of [
        ['outboundIPs', 'publicIPs'],
        ['outboundIPPrefixes', 'publicIPPrefixes'],
    ]) {
        const refs = valueAt(profile ?? null, [list, item]);
        if (isUnknown(refs))
            return new Unknown(refs.reason);
        if (!Array.isArray(refs))
            continue;
        for (const ref of refs) {
            const id = stringAt(ref, ['id']);
            if (id !== undefined && id !== '')
                ids.push(id);
        }
    }
    return ids;
}
/** `addonProfiles`, with their ARM keys as they are, and the application routing add-on of `ingressProfile`. */
function mapAddons$1(r) {
    const p = props(r);
    const addons = [];
    const profiles = valueAt(p, ['addonProfiles']);
    if (isArmObject(profiles)) {
        for (const [name, profile] of Object.entries(profiles)) {
            addons.push(addon(r, name, profile, ['addonProfiles', name], ADDONS_WITH_IDENTITY.has(name.toLowerCase())));
        }
    }
    // Only a known ingress profile tells whether it has application routing.
    const ingress = valueAt(p, ['ingressProfile']);
    const webAppRouting = isArmObject(ingress) ? valueAt(ingress, ['webAppRouting']) : undefined;
    if (webAppRouting !== undefined && webAppRouting !== null) {
        addons.push(addon(r, 'webAppRouting', webAppRouting, ['ingressProfile', 'webAppRouting'], true));
    }
    return addons;
}
function addon(r, name, profile, path, hasIdentity) {
    const enabled = isUnknown(profile) ? profile : boolOrDefault(profile, ['enabled'], false);
    const result = { name, enabled, roleAssignments: [] };
    const given = valueAt(profile, ['identity']);
    if (enabled !== false && (hasIdentity || (given !== undefined && given !== null))) {
        const at = (field) => runtimeValue(r, [...path, 'identity', field], { identifier: true });
        result.identity = { objectId: at('objectId'), clientId: at('clientId'), resourceId: at('resourceId') };
    }
    return result;
}

/**
 * The Azure built-in role definitions shipped in data/builtin-roles.json (generated by scripts/gen-builtin-roles.mjs,
 * provenance in data/builtin-roles.SOURCE.md): every built-in role's name, GUID and permission blocks, so that a role
 * assignment can be judged by what its role grants. A role the table does not know is unknown to the caller.
 */
/** The table format this code reads; the generator writes the same number. */
const TABLE_FORMAT = 1;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROLE_DEFINITIONS_SEGMENT = '/providers/microsoft.authorization/roledefinitions/';
const builtInRoleTablePath = () => join(packageRoot(), 'data', 'builtin-roles.json');
/**
 * The GUID of a role definition ID in any of the forms Azure, ARM and Terraform use: the bare GUID,
 * `/providers/Microsoft.Authorization/roleDefinitions/<guid>` (tenant level) or that path under a scope
 * (`/subscriptions/<id>`, a management group, a resource group); case-insensitive, a trailing `/` tolerated.
 * Anything else, such as a resource ID that merely ends in a GUID, is not a role definition ID.
 */
function roleDefinitionGuid(roleDefinitionId) {
    let id = roleDefinitionId.trim().toLowerCase();
    if (id.endsWith('/'))
        id = id.slice(0, -1);
    if (GUID.test(id))
        return id;
    const at = id.lastIndexOf(ROLE_DEFINITIONS_SEGMENT);
    if (at < 0)
        return undefined;
    const scope = id.slice(0, at);
    const guid = id.slice(at + ROLE_DEFINITIONS_SEGMENT.length);
    return (scope === '' || scope.startsWith('/')) && GUID.test(guid) ? guid : undefined;
}
const nameKey$1 = (name) => name.trim().toLowerCase();
class RoleTableError extends Error {
    constructor(source, where, problem) {
        super(`aks-identity-lint: ${source}: ${where} ${problem}; regenerate it with node scripts/gen-builtin-roles.mjs`);
        this.name = 'RoleTableError';
    }
}
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
function strings(value, fail) {
    if (value === undefined)
        return [];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
        fail('is not a list of strings');
    return value;
}
function readBlock(value, fail) {
    if (!isRecord(value))
        fail('', 'is not an object');
    const list = (key) => strings(value[key], (problem) => fail(`.${key}`, problem));
    const block = {
        actions: list('actions'),
        notActions: list('notActions'),
        dataActions: list('dataActions'),
        notDataActions: list('notDataActions'),
    };
    if (value.conditional === undefined) {
        if (value.conditionAppliesTo !== undefined)
            fail('.conditionAppliesTo', 'is set on a block without a condition');
        return block;
    }
    if (value.conditional !== true)
        fail('.conditional', 'is not true');
    return value.conditionAppliesTo === undefined
        ? { ...block, conditional: true }
        : { ...block, conditional: true, conditionAppliesTo: list('conditionAppliesTo') };
}
function readRole(value, fail) {
    if (!isRecord(value))
        fail('', 'is not an object');
    const { name, guid, blocks } = value;
    if (typeof name !== 'string' || name.trim() === '')
        fail('.name', 'is not a name');
    if (typeof guid !== 'string' || !GUID.test(guid))
        fail('.guid', 'is not a lowercase GUID');
    if (!Array.isArray(blocks))
        fail('.blocks', 'is not a list');
    return {
        name,
        guid,
        blocks: blocks.map((block, i) => readBlock(block, (where, problem) => fail(`.blocks[${i}]${where}`, problem))),
    };
}
/**
 * Reads the table from its JSON text, checking its shape: the file is ours, but a hand edit or a bad merge should
 * stop the run with a message naming the entry rather than make every role look unknown.
 */
function parseBuiltInRoleTable(text, source) {
    const fail = (where, problem) => {
        throw new RoleTableError(source, where, problem);
    };
    let table;
    try {
        table = JSON.parse(text);
    }
    catch (error) {
        return fail('the file', `is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!isRecord(table))
        return fail('the file', 'is not a JSON object');
    if (table.format !== TABLE_FORMAT)
        return fail('format', `is ${String(table.format)}, expected ${TABLE_FORMAT}`);
    if (!Array.isArray(table.roles))
        return fail('roles', 'is not a list');
    return table.roles.map((role, i) => readRole(role, (where, problem) => fail(`roles[${i}]${where}`, problem)));
}
function indexTable(roles) {
    return {
        roles,
        byGuid: new Map(roles.map((role) => [role.guid, role])),
        byName: new Map(roles.map((role) => [nameKey$1(role.name), role])),
    };
}
let loaded;
/** Read on first use: most runs never ask about a role, and the table is large. */
function table() {
    if (loaded === undefined) {
        const path = builtInRoleTablePath();
        loaded = indexTable(parseBuiltInRoleTable(readFileSync(path, 'utf8'), path));
    }
    return loaded;
}
/** The built-in role with this role definition ID (any form roleDefinitionGuid accepts), if Azure has one. */
function builtInRoleDefinitionById(roleDefinitionId) {
    const guid = roleDefinitionGuid(roleDefinitionId);
    return guid === undefined ? undefined : table().byGuid.get(guid);
}
/** The built-in role with this name, compared case-insensitively and without surrounding white space. */
function builtInRoleDefinitionByName(name) {
    return table().byName.get(nameKey$1(name));
}

const builtInRoleByName = builtInRoleDefinitionByName;
const builtInRoleById = builtInRoleDefinitionById;
const NOT_IN_BUILT_IN_TABLE = 'not a built-in role Azure lists, and not defined in the inputs';
/** The model's `role` of a built-in role: its GUID, name and permission blocks. */
function builtInRole(role) {
    return { id: role.guid, name: role.name, builtIn: true, permissions: role.blocks.map(toModelBlock) };
}
/**
 * A role named, or identified by a role definition ID, that no built-in role matches: a custom role (which the linker
 * completes when its definition is in the inputs) or a built-in role newer than the table; unknown, never a guess.
 */
function unlistedRole(named) {
    const unknown = new Unknown(NOT_IN_BUILT_IN_TABLE);
    return { ...named, builtIn: unknown, actions: unknown, permissions: unknown };
}
/** The role of a name (Terraform's role_definition_name, the CLI's roleDefinitionName). */
function roleNamed(name) {
    const builtIn = builtInRoleByName(name);
    return builtIn === undefined ? unlistedRole({ name }) : builtInRole(builtIn);
}
/** The role of a role definition ID, in any of its forms. */
function roleWithId(id) {
    const builtIn = builtInRoleById(id);
    return builtIn === undefined ? unlistedRole({ id }) : builtInRole(builtIn);
}
function toModelBlock(block) {
    const out = {
        actions: [...block.actions],
        notActions: [...block.notActions],
        dataActions: [...block.dataActions],
        notDataActions: [...block.notDataActions],
    };
    if (block.conditional === true)
        out.conditional = true;
    if (block.conditionAppliesTo !== undefined)
        out.conditionAppliesTo = [...block.conditionAppliesTo];
    return out;
}

/** Microsoft.Authorization/roleAssignments, as the Terraform adapter maps azurerm_role_assignment. */
function mapRoleAssignment$1(r) {
    const p = props(r);
    const fields = {
        name: r.name,
        id: r.id,
        principalId: stringAt(p, ['principalId']) ?? '',
        role: mapRole$1(stringAt(p, ['roleDefinitionId'])),
        scope: scopeOfId(assignmentScope(r)),
    };
    setIfDefined(fields, 'principalType', stringAt(p, ['principalType']));
    const condition = stringAt(p, ['condition']);
    if (condition !== '')
        setIfDefined(fields, 'condition', condition);
    return fields;
}
/**
 * A role definition ID in any form names its role by the trailing GUID: a built-in role is recognised in every
 * form; a custom role keeps its (subscription-level) ID so that the linker joins it with its definition.
 */
function mapRole$1(id) {
    if (typeof id === 'string' && id !== '')
        return roleWithId(canonicalRoleDefinitionId(id));
    // subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<guid>') in an unknown subscription still
    // names a built-in role: its GUID is the same in every subscription.
    const guid = isUnknown(id) && id.ref !== undefined ? trailingGuid(id.ref) : undefined;
    const builtIn = guid === undefined ? undefined : builtInRoleById(guid);
    if (builtIn !== undefined)
        return builtInRole(builtIn);
    const unknownRole = new Unknown(id === undefined || id === '' ? 'no role in the input' : id.reason);
    const role = {
        builtIn: unknownRole,
        actions: unknownRole,
        permissions: unknownRole,
    };
    if (isUnknown(id))
        role.id = id;
    return role;
}
/**
 * Where the role is granted: what the adapter worked out (a template's `scope`), else the REST `properties.scope`,
 * else the scope the assignment's own ID is attached to.
 */
function assignmentScope(r) {
    if (r.scope !== undefined)
        return r.scope;
    const given = stringAt(props(r), ['scope']);
    if (given !== undefined)
        return given;
    if (typeof r.id === 'string')
        return extensionScopeOf(r.id) ?? new Unknown(`no scope in ${r.id}`);
    return new Unknown(r.id.reason);
}
const ROLE_DEFINITION_GUID = /\/providers\/microsoft\.authorization\/roledefinitions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;
function trailingGuid(ref) {
    return ROLE_DEFINITION_GUID.exec(ref)?.[1];
}

/** Microsoft.ManagedIdentity/userAssignedIdentities: its principal and client IDs are made when it is created. */
function mapManagedIdentity$1(r) {
    const fields = {
        name: r.name,
        id: r.id,
        scopeChain: scopeChainOf$1(r.id),
        principalId: runtimeValue(r, ['principalId'], { identifier: true }),
        clientId: runtimeValue(r, ['clientId'], { identifier: true }),
    };
    if (typeof r.id === 'string')
        setIfDefined(fields, 'resourceGroup', parseScope(r.id)?.resourceGroup);
    return fields;
}
const PERMISSION_LISTS$1 = ['actions', 'notActions', 'dataActions', 'notDataActions'];
/**
 * Microsoft.Authorization/roleDefinitions. `permissions` is a list of blocks: the lists of the model are their
 * union, and `permissions` keeps each block as written (unknown when any action in it is).
 */
function mapRoleDefinition$1(r) {
    const p = props(r);
    const permissions = valueAt(p, ['permissions']);
    const blocks = Array.isArray(permissions) ? permissions : [];
    const list = (key) => {
        if (isUnknown(permissions))
            return [new Unknown(permissions.reason)];
        return blocks.flatMap((entry) => isArmObject(entry) || isUnknown(entry) ? knownStringList(entry, [key]) : []);
    };
    return {
        name: stringAt(p, ['roleName']) ?? r.name,
        id: typeof r.id === 'string' ? canonicalRoleDefinitionId(r.id) : r.id,
        actions: list('actions'),
        notActions: list('notActions'),
        dataActions: list('dataActions'),
        notDataActions: list('notDataActions'),
        permissions: isUnknown(permissions) ? new Unknown(permissions.reason) : permissionBlocks$1(blocks),
        assignableScopes: knownStringList(p, ['assignableScopes']),
    };
}
function permissionBlocks$1(blocks) {
    const result = [];
    for (const entry of blocks) {
        if (isUnknown(entry))
            return new Unknown(entry.reason);
        const block = { actions: [], notActions: [], dataActions: [], notDataActions: [] };
        for (const field of PERMISSION_LISTS$1) {
            for (const action of knownStringList(entry, [field])) {
                if (isUnknown(action))
                    return new Unknown(action.reason);
                block[field].push(action);
            }
        }
        result.push(block);
    }
    return result;
}
/** Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials: its parent is the identity. */
function mapFederatedCredential$1(r) {
    const p = props(r);
    return {
        usedBy: [],
        name: r.name,
        issuer: stringAt(p, ['issuer']) ?? '',
        subject: stringAt(p, ['subject']) ?? '',
        audiences: stringListAt(p, ['audiences']) ?? [],
        parentId: r.parentId ?? parentIdOf(r.id) ?? new Unknown(isUnknown(r.id) ? r.id.reason : 'no parent in its ID'),
    };
}
/** Microsoft.ContainerRegistry/registries. The admin user is off unless enabled. */
function mapRegistry$1(r) {
    return {
        name: r.name,
        id: r.id,
        adminUserEnabled: boolOrDefault(props(r), ['adminUserEnabled'], false),
        scopeChain: scopeChainOf$1(r.id),
    };
}

/** The ARM resource types the model has entities for, by lower-case type (Azure compares types case-insensitively). */
const ENTITY_OF_ARM_TYPE = {
    'microsoft.containerservice/managedclusters': 'cluster',
    'microsoft.managedidentity/userassignedidentities': 'managedIdentity',
    'microsoft.authorization/roleassignments': 'roleAssignment',
    'microsoft.authorization/roledefinitions': 'roleDefinition',
    'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials': 'federatedCredential',
    'microsoft.containerregistry/registries': 'registry',
};
/** Node pools are not entities: their subnets join their cluster's network (agent-pools.ts). */
const AGENT_POOL_TYPE = 'microsoft.containerservice/managedclusters/agentpools';
function entityKindOf(type) {
    return ENTITY_OF_ARM_TYPE[type.toLowerCase()];
}
/** Whether the model reads the type at all: an entity of its own, or a node pool that adds to its cluster. */
function isModelledType(type) {
    return entityKindOf(type) !== undefined || type.toLowerCase() === AGENT_POOL_TYPE;
}
const ARM_MAPPINGS = {
    cluster: mapCluster$1,
    managedIdentity: mapManagedIdentity$1,
    roleAssignment: mapRoleAssignment$1,
    roleDefinition: mapRoleDefinition$1,
    federatedCredential: mapFederatedCredential$1,
    registry: mapRegistry$1,
};
/** An entity of `kind` from the resource, with the entity as it was before the change when the input has it. */
function buildEntity$1(kind, current, framing, previous) {
    return assembleEntity(kind, ARM_MAPPINGS, current, previous, framing);
}

/** Stands for a parameter or variable whose name is computed: its origin is unknown. */
const UNFOLLOWED = '\u0000';
/** Functions whose results are read from Azure at deployment, not written in the template. */
const RUNTIME_FUNCTION = /^(reference|list.*|newguid|utcnow|deployer)$/i;
/**
 * The origin of the value written at `pointer` (`raw`, as written) whose evaluated value is `evaluated`, or
 * undefined when there is no value (null, empty). A value built from both written and outside parts is unknown:
 * which part ends up in it depends on how the expression combines them.
 */
function originOf(raw, pointer, evaluated, context) {
    if (evaluated === undefined || evaluated === null || evaluated === '')
        return undefined;
    if (typeof raw !== 'string' || !isExpressionText(raw))
        return { kind: 'code', pointer };
    const uses = expressionUses(raw, context);
    if (uses === undefined)
        return { kind: 'unknown' };
    const only = uses.parameters.size === 1 && uses.variables.size === 0 && !uses.runtime && uses.direct;
    const origins = [...uses.parameters].map((p) => context.parameters.get(p) ?? { kind: 'unknown' });
    if (only && origins[0] !== undefined)
        return origins[0];
    const code = origins.filter((o) => o.kind === 'code');
    const outside = uses.runtime || origins.some((o) => o.kind === 'outside');
    const unclear = origins.some((o) => o.kind === 'unknown');
    if (unclear || (outside && code.length > 0))
        return { kind: 'unknown' };
    if (outside)
        return { kind: 'outside' };
    // Known, or unknown only through a written part: both mean the value is written in the template.
    if (isUnknown(evaluated) && uses.parameters.size + uses.variables.size === 0)
        return { kind: 'unknown' };
    return code.length === 1 && uses.variables.size === 0 && code[0]?.pointer !== undefined
        ? { kind: 'code', pointer: code[0].pointer }
        : { kind: 'code', pointer };
}
/** The parameters (also through variables) and runtime functions an expression uses; undefined if it does not parse. */
function expressionUses(text, context) {
    const uses = { parameters: new Set(), variables: new Set(), runtime: false, direct: false };
    try {
        const parsed = parseTemplateString(text);
        if (parsed.kind === 'literal')
            return uses;
        const root = parsed.root;
        uses.direct = root.type === 'call' && root.name.toLowerCase() === 'parameters';
        visit(root, uses);
    }
    catch {
        return undefined;
    }
    // Variables are written in the template, but may be built from parameters: follow them, each once.
    const pending = [...uses.variables];
    const seen = new Set(pending);
    while (pending.length > 0) {
        const name = pending.pop() ?? '';
        const definition = Object.entries(context.variables).find(([k]) => k.toLowerCase() === name)?.[1];
        for (const inner of expressionsIn(definition)) {
            const nested = { parameters: new Set(), variables: new Set(), runtime: false, direct: false };
            try {
                const parsed = parseTemplateString(inner);
                if (parsed.kind === 'expression')
                    visit(parsed.root, nested);
            }
            catch {
                return undefined;
            }
            nested.parameters.forEach((p) => uses.parameters.add(p));
            uses.runtime ||= nested.runtime;
            for (const v of nested.variables) {
                if (!seen.has(v)) {
                    seen.add(v);
                    pending.push(v);
                }
            }
        }
    }
    return uses;
}
function visit(node, uses) {
    switch (node.type) {
        case 'call': {
            const name = node.name.toLowerCase();
            const [first] = node.args;
            if (node.namespace === undefined && (name === 'parameters' || name === 'variables')) {
                // A name computed at deployment cannot be followed: an origin no parameter has stands for it.
                const target = name === 'parameters' ? uses.parameters : uses.variables;
                target.add(first?.type === 'string' ? first.value.toLowerCase() : UNFOLLOWED);
            }
            if (node.namespace === undefined && RUNTIME_FUNCTION.test(name))
                uses.runtime = true;
            node.args.forEach((arg) => {
                visit(arg, uses);
            });
            return;
        }
        case 'property':
            visit(node.target, uses);
            return;
        case 'index':
            visit(node.target, uses);
            visit(node.index, uses);
            return;
        default:
            return;
    }
}
function expressionsIn(value) {
    if (typeof value === 'string')
        return isExpressionText(value) ? [value] : [];
    if (Array.isArray(value))
        return value.flatMap(expressionsIn);
    if (isObject(value))
        return Object.values(value).flatMap(expressionsIn);
    return [];
}

/**
 * A light Bicep lexer and declaration finder: just enough of the language to find `resource` and `module`
 * declarations, their line spans and their `name:` and `parent:` values. It is not a Bicep grammar. It knows the
 * tokens that can hide a brace or a bracket (strings with `\'` escapes and `${...}` interpolation, `'''` multi-line
 * strings, `//` and `/* *\/` comments) and matches braces, brackets and parentheses; declarations are found by
 * their keywords at the start of a line, at the top level of the file or of a resource body.
 */
/** Two-character symbols that matter here; every other symbol is one character. */
const PAIRS = new Set(['::', '==', '!=', '<=', '>=', '&&', '||', '??', '=>', '.?']);
/** Tokens of a Bicep text. Unterminated strings and comments end at the end of the text. */
function lexBicep(text) {
    const lexer = new Lexer(text);
    return lexer.tokens(false);
}
class Lexer {
    text;
    pos = 0;
    line = 1;
    constructor(text) {
        this.text = text;
    }
    /** Tokens up to the end, or (inside `${`) up to the `}` that closes it, which is consumed. */
    tokens(inHole) {
        const out = [];
        const text = this.text;
        let braces = 0;
        while (this.pos < text.length) {
            const ch = text[this.pos] ?? '';
            const next = text[this.pos + 1] ?? '';
            if (ch === '\n') {
                out.push({ kind: 'newline', line: this.line });
                this.line++;
                this.pos++;
            }
            else if (ch === ' ' || ch === '\t' || ch === '\r') {
                this.pos++;
            }
            else if (ch === '/' && next === '/') {
                while (this.pos < text.length && text[this.pos] !== '\n')
                    this.pos++;
            }
            else if (ch === '/' && next === '*') {
                this.blockComment();
            }
            else if (ch === "'") {
                out.push(text.startsWith("'''", this.pos) ? this.multiLineString() : this.string());
            }
            else if (/[A-Za-z_]/.test(ch)) {
                const start = this.pos;
                while (this.pos < text.length && /[A-Za-z0-9_]/.test(text[this.pos] ?? ''))
                    this.pos++;
                out.push({ kind: 'identifier', text: text.slice(start, this.pos), line: this.line });
            }
            else if (/[0-9]/.test(ch)) {
                const start = this.pos;
                while (this.pos < text.length && /[0-9]/.test(text[this.pos] ?? ''))
                    this.pos++;
                out.push({ kind: 'number', text: text.slice(start, this.pos), line: this.line });
            }
            else {
                if (inHole && ch === '}' && braces === 0) {
                    this.pos++;
                    return out;
                }
                if (ch === '{')
                    braces++;
                else if (ch === '}')
                    braces--;
                const pair = ch + next;
                const symbol = PAIRS.has(pair) ? pair : ch;
                out.push({ kind: 'symbol', text: symbol, line: this.line });
                this.pos += symbol.length;
            }
        }
        return out;
    }
    blockComment() {
        const end = this.text.indexOf('*/', this.pos + 2);
        const stop = end === -1 ? this.text.length : end + 2;
        this.countLines(this.pos, stop);
        this.pos = stop;
    }
    /** `'''...'''`: no escapes, no interpolation, may span lines; a line break right after the opening is not part of it. */
    multiLineString() {
        const line = this.line;
        const opening = /^'''\r?\n/.exec(this.text.slice(this.pos, this.pos + 5));
        const start = this.pos + (opening?.[0].length ?? 3);
        const end = this.text.indexOf("'''", start);
        const stop = end === -1 ? this.text.length : end;
        this.countLines(this.pos, stop);
        this.pos = end === -1 ? stop : stop + 3;
        return { kind: 'string', parts: [this.text.slice(start, stop)], holes: [], line, endLine: this.line };
    }
    /** `'...'` with escapes and `${...}` holes, each lexed as Bicep. */
    string() {
        const line = this.line;
        const parts = [];
        const holes = [];
        let current = '';
        this.pos++;
        while (this.pos < this.text.length) {
            const ch = this.text[this.pos] ?? '';
            if (ch === "'") {
                this.pos++;
                break;
            }
            if (ch === '\n') {
                // Unterminated: Bicep strings do not span lines. Stop here so that the rest of the file still lexes.
                break;
            }
            if (ch === '\\') {
                const escaped = this.text[this.pos + 1] ?? '';
                if (escaped === 'u' && this.text[this.pos + 2] === '{') {
                    const close = this.text.indexOf('}', this.pos + 3);
                    const code = Number.parseInt(this.text.slice(this.pos + 3, close), 16);
                    if (close !== -1 && Number.isInteger(code) && code >= 0 && code <= 0x10ffff) {
                        current += String.fromCodePoint(code);
                        this.pos = close + 1;
                        continue;
                    }
                }
                current += ESCAPES[escaped] ?? escaped;
                this.pos += 2;
                continue;
            }
            if (ch === '$' && this.text[this.pos + 1] === '{') {
                this.pos += 2;
                parts.push(current);
                current = '';
                holes.push(this.tokens(true));
                continue;
            }
            current += ch;
            this.pos++;
        }
        parts.push(current);
        return { kind: 'string', parts, holes, line, endLine: this.line };
    }
    countLines(from, to) {
        for (let i = from; i < to; i++)
            if (this.text[i] === '\n')
                this.line++;
    }
}
const ESCAPES = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };
/** Finds the resource and module declarations of a .bicep text. */
function findBicepDeclarations(text) {
    const tokens = lexBicep(text);
    const match = matchBrackets(tokens);
    const found = { resources: [], modules: [] };
    let i = 0;
    while (i < tokens.length) {
        const token = tokens[i];
        if (token === undefined)
            break;
        if (startsLine(tokens, i)) {
            const declaration = readDeclaration(tokens, match, i, undefined);
            if (declaration !== undefined) {
                if (declaration.value.kind === 'resource')
                    found.resources.push(declaration.value);
                else
                    found.modules.push(declaration.value);
                i = declaration.next;
                continue;
            }
        }
        i = isOpener(token) ? (match[i] ?? i) + 1 : i + 1;
    }
    return found;
}
const OPENERS = { '{': '}', '[': ']', '(': ')' };
function isOpener(token) {
    return token.kind === 'symbol' && token.text in OPENERS;
}
/**
 * The partner of each brace, bracket and parenthesis: for an opener the index of the token that closes it (the last
 * token when none does), for a closer the index of its opener.
 */
function matchBrackets(tokens) {
    const pair = [];
    const stack = [];
    tokens.forEach((token, i) => {
        if (token.kind !== 'symbol')
            return;
        if (token.text in OPENERS)
            stack.push(i);
        else if (token.text === '}' || token.text === ']' || token.text === ')') {
            // A stray closer closes the nearest opener of its kind, dropping unclosed ones in between.
            const at = stack.findLastIndex((o) => OPENERS[symbolText(tokens[o])] === token.text);
            if (at === -1)
                return;
            const open = stack[at] ?? 0;
            stack.length = at;
            pair[open] = i;
            pair[i] = open;
        }
    });
    for (const open of stack)
        pair[open] = tokens.length - 1;
    return pair;
}
function symbolText(token) {
    return token?.kind === 'symbol' ? token.text : '';
}
/** A token at the start of a line (or of the file, or right after the `{` of a body or a `,`). */
function startsLine(tokens, i) {
    const previous = tokens[i - 1];
    return (previous === undefined ||
        previous.kind === 'newline' ||
        (previous.kind === 'symbol' && (previous.text === '{' || previous.text === ',')));
}
function isIdentifier(token, text) {
    return token?.kind === 'identifier' && (text === undefined || token.text === text);
}
function isSymbol(token, text) {
    return token?.kind === 'symbol' && token.text === text;
}
/** A string without interpolation, as its text. */
function literal(token) {
    return token?.kind === 'string' && token.holes.length === 0 ? token.parts[0] : undefined;
}
/** `resource <name> '<type>' [existing] = <value>` or `module <name> '<source>' = <value>` starting at `i`. */
function readDeclaration(tokens, match, i, enclosing) {
    const keyword = tokens[i];
    const symbol = tokens[i + 1];
    const typeText = literal(tokens[i + 2]);
    if (keyword?.kind !== 'identifier' || symbol?.kind !== 'identifier' || typeText === undefined)
        return undefined;
    if (keyword.text !== 'resource' && !(keyword.text === 'module' && enclosing === undefined))
        return undefined;
    let at = i + 3;
    const existing = isIdentifier(tokens[at], 'existing');
    if (existing)
        at++;
    if (!isSymbol(tokens[at], '='))
        return undefined;
    const value = readValue(tokens, match, at + 1);
    if (value === undefined)
        return undefined;
    const endToken = tokens[value.end];
    const endLine = endToken === undefined ? keyword.line : lastLine(endToken);
    const properties = value.body === undefined ? new Map() : bodyProperties(tokens, match, value.body);
    const name = properties.get('name');
    if (keyword.text === 'module') {
        const module = {
            kind: 'module',
            symbolicName: symbol.text,
            source: typeText,
            loop: value.loop,
            condition: value.condition,
            line: keyword.line,
            endLine,
        };
        if (name !== undefined)
            module.name = name;
        return { value: module, next: value.end + 1 };
    }
    const ownType = typeText.split('@')[0] ?? typeText;
    // A nested resource names its type relative to its parent's, unless it writes a full type (`Namespace.X/...`).
    const type = enclosing !== undefined && !/^[^/]*\./.test(ownType) ? `${enclosing.type}/${ownType}` : ownType;
    const resource = {
        kind: 'resource',
        symbolicName: symbol.text,
        type,
        typeText,
        existing,
        loop: value.loop,
        condition: value.condition,
        line: keyword.line,
        endLine,
        nested: [],
    };
    if (name !== undefined)
        resource.name = name;
    const parent = properties.get('parent');
    if (parent !== undefined)
        resource.parentValue = parent;
    if (enclosing !== undefined)
        resource.enclosing = enclosing;
    if (value.body !== undefined)
        resource.nested = nestedResources(tokens, match, value.body, resource);
    return { value: resource, next: value.end + 1 };
}
function lastLine(token) {
    return token.kind === 'string' ? token.endLine : token.line;
}
/**
 * The value of a declaration: `{...}`, `if (...) {...}`, or `[for ... : {...}]` / `[for ... : if (...) {...}]`.
 * `body` is the index of the body's `{`; `end` the index of the token that closes the value.
 */
function readValue(tokens, match, i) {
    const first = tokens[i];
    if (isSymbol(first, '{'))
        return { body: i, end: match[i] ?? i, loop: false, condition: false };
    if (isIdentifier(first, 'if') && isSymbol(tokens[i + 1], '(')) {
        const close = match[i + 1] ?? i + 1;
        const body = isSymbol(tokens[close + 1], '{') ? close + 1 : undefined;
        return { body, end: body === undefined ? close : (match[body] ?? body), loop: false, condition: true };
    }
    if (isSymbol(first, '[') && isIdentifier(tokens[i + 1], 'for')) {
        const end = match[i] ?? i;
        // The body is the last item of the brackets: the `{...}` that ends right before `]`.
        let last = end - 1;
        while (tokens[last]?.kind === 'newline')
            last--;
        let body;
        let condition = false;
        const open = match[last];
        if (isSymbol(tokens[last], '}') && open !== undefined && open > i) {
            body = open;
            const beforeBody = open - 1;
            const parenthesis = match[beforeBody];
            condition =
                isSymbol(tokens[beforeBody], ')') &&
                    parenthesis !== undefined &&
                    isIdentifier(tokens[parenthesis - 1], 'if');
        }
        return { body, end, loop: true, condition };
    }
    return undefined;
}
/** The values of a body's own properties (`name: ...`), as their tokens up to the end of the line or a `,`. */
function bodyProperties(tokens, match, open) {
    const properties = new Map();
    const close = match[open] ?? open;
    let i = open + 1;
    while (i < close) {
        const token = tokens[i];
        if (token === undefined)
            break;
        const key = token.kind === 'identifier' ? token.text : literal(token);
        if (startsLine(tokens, i) && key !== undefined && isSymbol(tokens[i + 1], ':')) {
            const value = [];
            let j = i + 2;
            while (j < close) {
                const t = tokens[j];
                if (t === undefined || t.kind === 'newline' || isSymbol(t, ','))
                    break;
                const stop = isOpener(t) ? Math.min(match[j] ?? j, close - 1) : j;
                for (let k = j; k <= stop; k++) {
                    const inner = tokens[k];
                    if (inner !== undefined)
                        value.push(inner);
                }
                j = stop + 1;
            }
            if (!properties.has(key))
                properties.set(key, value);
            i = j;
            continue;
        }
        i = isOpener(token) ? (match[i] ?? i) + 1 : i + 1;
    }
    return properties;
}
/** The resources declared directly in a resource's body. */
function nestedResources(tokens, match, open, enclosing) {
    const nested = [];
    const close = match[open] ?? open;
    let i = open + 1;
    while (i < close) {
        const token = tokens[i];
        if (token === undefined)
            break;
        if (startsLine(tokens, i) && isIdentifier(token, 'resource')) {
            const declaration = readDeclaration(tokens, match, i, enclosing);
            if (declaration?.value.kind === 'resource') {
                nested.push(declaration.value);
                i = declaration.next;
                continue;
            }
        }
        i = isOpener(token) ? (match[i] ?? i) + 1 : i + 1;
    }
    return nested;
}

/** One line naming the file, the JSON pointer and its line, as every input error does. */
function templateError(context, pointer, detail) {
    const position = context.locator.position(pointer);
    return new InputError(position === undefined ? { file: context.file, pointer } : { file: context.file, pointer, ...position }, detail);
}
/**
 * Reads the sections of a template and checks the shapes the adapter relies on; anything malformed is an
 * InputError at its place. Values inside resources are checked later, by evaluation.
 */
function readTemplate(value, pointer, context) {
    if (!isObject(value)) {
        throw templateError(context, pointer, `expected an ARM template (a JSON object), got ${describe$2(value)}`);
    }
    const section = (name) => {
        const found = member(value, name);
        if (found === undefined || found === null)
            return {};
        if (!isObject(found)) {
            throw templateError(context, `${pointer}/${name}`, `'${name}' must be an object, got ${describe$2(found)}`);
        }
        return found;
    };
    const parameters = {};
    for (const [name, declaration] of Object.entries(section('parameters'))) {
        if (!isObject(declaration)) {
            throw templateError(context, `${pointer}/parameters${jsonPointer([name])}`, `parameter '${name}' must be an object with a type, got ${describe$2(declaration)}`);
        }
        parameters[name] = declaration;
    }
    const rawResources = member(value, 'resources');
    const languageVersion = member(value, 'languageVersion');
    const symbolic = (typeof languageVersion === 'string' && languageVersion.startsWith('2')) || isObject(rawResources);
    const children = new Map();
    const resources = readResources(rawResources, `${pointer}/resources`, symbolic, undefined, children, context);
    const schema = member(value, '$schema');
    return {
        pointer,
        schema: typeof schema === 'string' ? schema : undefined,
        symbolic,
        parameters,
        variables: section('variables'),
        functions: member(value, 'functions'),
        resources,
        children,
        outputs: section('outputs'),
    };
}
function readResources(raw, pointer, symbolic, parent, children, context) {
    if (raw === undefined || raw === null)
        return [];
    let entries;
    if (Array.isArray(raw))
        entries = raw.map((r, i) => [`${pointer}/${i}`, r, undefined]);
    else if (isObject(raw) && symbolic && parent === undefined) {
        entries = Object.entries(raw).map(([name, r]) => [`${pointer}${jsonPointer([name])}`, r, name]);
    }
    else {
        throw templateError(context, pointer, `'resources' must be an array${symbolic ? ' or an object of symbolic names' : ''}, got ${describe$2(raw)}`);
    }
    const declarations = [];
    for (const [at, resource, symbolicName] of entries) {
        if (!isObject(resource)) {
            throw templateError(context, at, `a resource must be an object, got ${describe$2(resource)}`);
        }
        const type = member(resource, 'type');
        if (typeof type !== 'string' || type === '') {
            throw templateError(context, at, "a resource must have a 'type' string");
        }
        const declaration = { raw: resource, type, pointer: at };
        if (symbolicName !== undefined)
            declaration.symbolicName = symbolicName;
        if (parent !== undefined)
            declaration.parent = parent;
        declarations.push(declaration);
        const nested = member(resource, 'resources');
        if (nested !== undefined && nested !== null) {
            children.set(at, readResources(nested, `${at}/resources`, false, declaration, children, context));
        }
    }
    return declarations;
}
/** A member of a template object: ARM reads template keys case-insensitively, as it reads property names. */
function member(object, key) {
    if (Object.hasOwn(object, key))
        return object[key];
    const lower = key.toLowerCase();
    const found = Object.keys(object).find((k) => k.toLowerCase() === lower);
    return found === undefined ? undefined : object[found];
}
function describe$2(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const DEPLOYMENTS$1 = 'microsoft.resources/deployments';
class BicepSourceMap {
    options;
    files = new Map();
    read;
    constructor(options) {
        this.options = options;
        this.read = options.readFile ?? ((path) => readFile(path, 'utf8'));
    }
    /** The declaration of an instance of the compiled template, or why there is none to point at. */
    async locate(instance) {
        const path = describeInstance(instance);
        return 'note' in path ? path : this.locatePath(path);
    }
    /** The declaration of a resource described by its place in the compiled template. */
    async locatePath(path) {
        let file = resolve(this.options.entry);
        for (const frame of path.deployments) {
            const bicep = await this.file(file);
            if ('note' in bicep)
                return bicep;
            const found = this.match(frame, bicep);
            if (typeof found === 'string')
                return { note: found };
            if (found.kind === 'resource') {
                return {
                    note: `its nested deployment is the resource '${found.symbolicName}' at ${bicep.display}:${found.line}, ` +
                        'not a module: its inline template has no .bicep declarations',
                };
            }
            const next = moduleFile(found, bicep);
            if ('note' in next)
                return next;
            file = next.path;
        }
        const bicep = await this.file(file);
        if ('note' in bicep)
            return bicep;
        const found = this.match(path.resource, bicep);
        if (typeof found === 'string')
            return { note: found };
        return { location: { file: bicep.display, line: found.line, endLine: found.endLine } };
    }
    file(path) {
        let pending = this.files.get(path);
        if (pending === undefined) {
            const display = displayPath(this.options.repoRoot, path);
            pending = this.read(path).then((text) => {
                const declarations = findBicepDeclarations(text);
                return {
                    path,
                    display,
                    declarations,
                    order: emissionOrder(declarations),
                    keys: new Map(),
                    pairings: new Map(),
                };
            }, (error) => ({ note: `cannot read ${display}: ${readError(error)}` }));
            this.files.set(path, pending);
        }
        return pending;
    }
    /** The declaration of one resource of a template, in the file the template was compiled from; a note if none. */
    match(frame, bicep) {
        const resource = frame.template.resources[frame.index];
        if (resource === undefined)
            return `resource ${frame.index} is not in its template`;
        if (frame.template.symbolic && resource.symbolicName !== undefined) {
            return bySymbolicName(resource, bicep);
        }
        const type = resource.type.toLowerCase();
        const pairingKey = `${frame.template.key}\u0000${type}`;
        let pairing = bicep.pairings.get(pairingKey);
        if (pairing === undefined) {
            pairing = pair(frame.template, type, bicep);
            bicep.pairings.set(pairingKey, pairing);
        }
        return pairing.get(frame.index) ?? `resource ${frame.index} is not in its template`;
    }
}
/**
 * An Instance as its place in the compiled template: its template's resources and its index there, and the same
 * for each nested deployment that encloses it (through `TemplateRun.deployment`), outermost first.
 */
function describeInstance(instance) {
    const resource = frameOf(instance);
    if ('note' in resource)
        return resource;
    const deployments = [];
    for (let run = instance.run; run.deployment !== undefined; run = run.deployment.run) {
        const frame = frameOf(run.deployment);
        if ('note' in frame)
            return frame;
        deployments.unshift(frame);
    }
    return { deployments, resource };
}
const described = new WeakMap();
function frameOf(instance) {
    const sections = instance.run.template;
    const index = sections.resources.indexOf(instance.declaration);
    if (index === -1) {
        return {
            note: "it is declared inside another resource's `resources` in the template, which `bicep build` never " +
                'writes: the template was not compiled from the .bicep file',
        };
    }
    let template = described.get(sections);
    if (template === undefined) {
        template = {
            key: sections.pointer,
            symbolic: sections.symbolic,
            resources: sections.resources.map((declaration) => {
                const raw = declaration.raw;
                const copy = member(raw, 'copy');
                const entry = {
                    type: declaration.type,
                    name: member(raw, 'name'),
                    existing: member(raw, 'existing') === true,
                    loop: copy !== undefined && copy !== null,
                    condition: member(raw, 'condition') !== undefined,
                };
                if (declaration.symbolicName !== undefined)
                    entry.symbolicName = declaration.symbolicName;
                return entry;
            }),
        };
        described.set(sections, template);
    }
    return { template, index };
}
/** The file a local module comes from; a note for a registry or template-spec module, or an ARM template. */
function moduleFile(module, bicep) {
    const source = module.source;
    if (/^br[:/]/i.test(source)) {
        return { note: `module '${module.symbolicName}' comes from the registry ${source}, not followed` };
    }
    if (/^ts[:/]/i.test(source)) {
        return { note: `module '${module.symbolicName}' comes from the template spec ${source}, not followed` };
    }
    if (!source.toLowerCase().endsWith('.bicep')) {
        return {
            note: `module '${module.symbolicName}' (${bicep.display}:${module.line}) is ${source}, not a .bicep file`,
        };
    }
    return { path: resolve(dirname(bicep.path), source) };
}
function readError(error) {
    const code = error?.code;
    if (code === 'ENOENT')
        return 'no such file';
    if (typeof code === 'string')
        return code;
    return error instanceof Error ? error.message : String(error);
}
/**
 * In a template with symbolic names Bicep keys each resource by its symbolic name, a nested resource by the chain
 * of names from its top-level ancestor (`parent::child`), and each module by the module's name.
 */
function bySymbolicName(resource, bicep) {
    const symbolic = resource.symbolicName ?? '';
    const chain = symbolic.split('::');
    let found;
    let candidates = [...bicep.declarations.resources, ...bicep.declarations.modules];
    for (const name of chain) {
        found = candidates.find((d) => d.symbolicName.toLowerCase() === name.toLowerCase());
        if (found === undefined)
            break;
        candidates = found.kind === 'resource' ? found.nested : [];
    }
    if (found === undefined)
        return `no resource or module named '${symbolic}' in ${bicep.display}`;
    const type = resource.type.toLowerCase();
    const declaredType = found.kind === 'module' ? DEPLOYMENTS$1 : found.type.toLowerCase();
    if (declaredType !== type) {
        return (`'${symbolic}' in ${bicep.display} (line ${found.line}) is ${found.kind === 'module' ? 'a module' : `of type '${found.type}'`}, ` +
            `not '${resource.type}'`);
    }
    return found;
}
/**
 * The declarations of a file in the order `bicep build` writes them to a template without symbolic names. Bicep
 * collects resources by visiting the file's symbols: the local scopes first (a resource body that declares nested
 * resources is one; a scope's child scopes come before its own declarations, so a grandchild comes before its
 * parent's other children), then the top-level resources in source order; modules come after all resources, in
 * source order. (Azure/bicep: FileSymbol.Descendants, LocalScope.Descendants, TemplateWriter.EmitResources.)
 */
function emissionOrder(declarations) {
    const order = [];
    const visit = (resource) => {
        for (const child of resource.nested)
            if (child.nested.length > 0)
                visit(child);
        order.push(...resource.nested);
    };
    for (const resource of declarations.resources)
        if (resource.nested.length > 0)
            visit(resource);
    order.push(...declarations.resources, ...declarations.modules);
    return order;
}
/**
 * Pairs the compiled resources of one type in a template without symbolic names with their declarations. Why this
 * is sound for Bicep's output:
 * - `bicep build` writes every declaration that is not `existing` as exactly one entry of `resources` (a loop as
 *   one entry with `copy`, a condition as `condition`, a nested resource with its full type), and every module as
 *   one `Microsoft.Resources/deployments` entry whose template is the module's compiled file. So the compiled
 *   resources of a type and the declarations of that type are the same number, in one-to-one correspondence.
 * - Names: Bicep writes a `name:` value as an ARM expression built from the same identifiers and literals (a
 *   parameter `p` as `parameters('p')`, a variable `v` as `variables('v')`, `'a-${x}'` as `format('a-{0}', x)`, a
 *   child's name as `format('{0}/{1}', parentName, childName)`). Equal sequences of identifiers and literals in both
 *   therefore name the same declaration. Names that go through a resource (`guid(mc.id)` becomes
 *   `guid(resourceId(...))`) or an inlined variable do not compare equal: they decide nothing.
 * - Order: Bicep writes resources in a fixed order (see `emissionOrder`), so when the counts agree the k-th compiled
 *   resource of a type is the k-th declaration of that type. This is used only when every pair the names found
 *   agrees with it; else the order is not trusted.
 * A pair whose loop or condition disagrees (the compiled resource has `copy` but the declaration is no loop, say)
 * is refused with a note.
 */
function pair(template, type, bicep) {
    const result = new Map();
    const compiled = template.resources.flatMap((r, i) => (r.type.toLowerCase() === type ? [i] : []));
    const declared = bicep.order.filter((d) => d.kind === 'module' ? type === DEPLOYMENTS$1 : !d.existing && d.type.toLowerCase() === type);
    const typeName = template.resources[compiled[0] ?? 0]?.type ?? type;
    if (declared.length === 0) {
        const note = type === DEPLOYMENTS$1
            ? `no module (nor resource of type '${typeName}') in ${bicep.display}`
            : `no resource of type '${typeName}' in ${bicep.display}`;
        for (const index of compiled)
            result.set(index, note);
        return result;
    }
    const byName = new Map();
    if (declared.length === 1 && compiled.length === 1) {
        byName.set(compiled[0] ?? 0, declared[0]);
    }
    else {
        const compiledGroups = groupBy(compiled, (index) => compiledKey(template.resources[index]));
        const declaredGroups = groupBy(declared, (d) => declarationKey(d, bicep));
        for (const [key, indexes] of compiledGroups) {
            const group = declaredGroups.get(key);
            if (group?.length !== indexes.length)
                continue;
            indexes.forEach((index, k) => byName.set(index, group[k]));
        }
    }
    const ordered = compiled.length === declared.length &&
        [...byName].every(([index, d]) => declared[compiled.indexOf(index)] === d);
    const what = type === DEPLOYMENTS$1 ? 'modules and deployments' : `resources of type '${typeName}'`;
    compiled.forEach((index, k) => {
        const d = byName.get(index) ?? (ordered ? declared[k] : undefined);
        if (d === undefined) {
            const reason = compiled.length === declared.length
                ? 'their names and their order disagree'
                : 'their names do not tell which one this is';
            result.set(index, `${bicep.display} declares ${declared.length} ${what} and the template has ${compiled.length}: ${reason}`);
            return;
        }
        const resource = template.resources[index];
        const mismatch = resource === undefined ? undefined : shapeMismatch(resource, d);
        result.set(index, mismatch === undefined ? d : `${describe$1(d, bicep)} ${mismatch}: not taken as its declaration`);
    });
    return result;
}
function describe$1(d, bicep) {
    return `the ${d.kind} '${d.symbolicName}' (${bicep.display}:${d.line})`;
}
/** Why a declaration cannot have compiled to a resource: its loop or condition differ. */
function shapeMismatch(resource, d) {
    const loop = inLoop(d);
    const condition = inCondition(d);
    if ((resource.loop ?? false) !== loop) {
        return loop
            ? 'is a loop, and the compiled resource has no copy'
            : 'is no loop, and the compiled resource has a copy';
    }
    if ((resource.condition ?? false) !== condition) {
        return condition
            ? 'has a condition, and the compiled resource has none'
            : 'has no condition, and the compiled resource has one';
    }
    return undefined;
}
/** Bicep gives a nested resource the loops and conditions of the resources it is nested in. */
function inLoop(d) {
    return d.loop || (d.kind === 'resource' && d.enclosing !== undefined && inLoop(d.enclosing));
}
function inCondition(d) {
    return d.condition || (d.kind === 'resource' && d.enclosing !== undefined && inCondition(d.enclosing));
}
function groupBy(items, key) {
    const groups = new Map();
    for (const item of items) {
        const k = key(item);
        if (k === undefined)
            continue;
        const group = groups.get(k) ?? [];
        group.push(item);
        groups.set(k, group);
    }
    return groups;
}
/** The name key of a compiled resource: its loop and condition, and its name's identifiers and literals. */
function compiledKey(resource) {
    if (resource === undefined || typeof resource.name !== 'string')
        return undefined;
    let atoms;
    try {
        const parsed = parseTemplateString(resource.name);
        atoms = parsed.kind === 'literal' ? [parsed.value] : armAtoms(parsed.root);
    }
    catch (error) {
        if (error instanceof ExpressionError)
            return undefined;
        throw error;
    }
    return nameKey(resource.loop ?? false, resource.condition ?? false, atoms);
}
/** The same for a declaration, its name built as Bicep builds it (a child's with its ancestors'). */
function declarationKey(d, bicep) {
    if (bicep.keys.has(d))
        return bicep.keys.get(d);
    const parts = nameParts(d, bicep, 0);
    const atoms = parts === undefined
        ? undefined
        : parts.length === 1
            ? bicepAtoms(parts[0] ?? [])
            : [parts.map((_, i) => `{${i}}`).join('/'), ...parts.flatMap((p) => bicepAtoms(p))];
    const key = atoms === undefined ? undefined : nameKey(inLoop(d), inCondition(d), atoms);
    bicep.keys.set(d, key);
    return key;
}
function nameKey(loop, condition, atoms) {
    // `format('{0}', x)` and `x` are the same name; Bicep may write either for `'${x}'`.
    const kept = atoms.filter((a) => a !== '{0}').map((a) => a.toLowerCase());
    return JSON.stringify([loop, condition, kept]);
}
/** The `name:` values that make up a resource's full name: its ancestors' (nested in, or `parent:`), then its own. */
function nameParts(d, bicep, depth) {
    if (d.name === undefined || depth > 10)
        return undefined;
    if (d.kind === 'module')
        return [d.name];
    let parent = d.enclosing;
    if (parent === undefined && d.parentValue !== undefined) {
        parent = resolveParent(d.parentValue, bicep);
        if (parent === undefined)
            return undefined;
    }
    if (parent === undefined)
        return [d.name];
    const above = nameParts(parent, bicep, depth + 1);
    return above === undefined ? undefined : [...above, d.name];
}
/** `parent: x` or `parent: x::y`: the resource it names in the same file. */
function resolveParent(tokens, bicep) {
    let candidates = bicep.declarations.resources;
    let found;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (i % 2 === 1) {
            if (token?.kind !== 'symbol' || token.text !== '::')
                return undefined;
            continue;
        }
        if (token?.kind !== 'identifier')
            return undefined;
        found = candidates.find((r) => r.symbolicName === token.text);
        if (found === undefined)
            return undefined;
        candidates = found.nested;
    }
    return found;
}
/** The identifiers and literals of a Bicep expression, in order; an interpolated string as Bicep's format string. */
function bicepAtoms(tokens) {
    const atoms = [];
    tokens.forEach((token, i) => {
        const next = tokens[i + 1];
        if (token.kind === 'identifier') {
            // A function's name is not compared: Bicep writes most functions under their own names, some not.
            if (!(next?.kind === 'symbol' && next.text === '('))
                atoms.push(token.text);
        }
        else if (token.kind === 'number') {
            atoms.push(token.text);
        }
        else if (token.kind === 'string') {
            if (token.holes.length === 0)
                atoms.push(token.parts[0] ?? '');
            else {
                const escape = (s) => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
                atoms.push(token.parts.map((p, k) => (k === 0 ? escape(p) : `{${k - 1}}${escape(p)}`)).join(''));
                for (const hole of token.holes)
                    atoms.push(...bicepAtoms(hole));
            }
        }
    });
    return atoms;
}
/** The identifiers and literals of an ARM expression, in order (property names, strings, numbers; not functions). */
function armAtoms(node) {
    switch (node.type) {
        case 'string':
            return [node.value];
        case 'integer':
            return [String(node.value)];
        case 'boolean':
            return [String(node.value)];
        case 'null':
            return ['null'];
        case 'call':
            return node.args.flatMap(armAtoms);
        case 'property':
            return [...armAtoms(node.target), node.name];
        case 'index':
            return [...armAtoms(node.target), ...armAtoms(node.index)];
    }
}

const SECURE_TYPES = new Set(['securestring', 'secureobject']);
/**
 * A Key Vault reference as a parameter file or a nested deployment writes it
 * (`{ "reference": { "keyVault": { "id": ... }, "secretName": ... } }`): the secret is read at deployment.
 */
function keyVaultReference(value) {
    if (!isObject(value) || Object.keys(value).length !== 1)
        return undefined;
    const reference = value['reference'];
    if (!isObject(reference) || !isObject(reference['keyVault']))
        return undefined;
    const vault = reference['keyVault']['id'];
    const secret = reference['secretName'];
    const ref = typeof vault === 'string' && typeof secret === 'string'
        ? `keyvault(${vault.toLowerCase()}).secrets.${secret.toLowerCase()}`
        : undefined;
    return new Unknown('a Key Vault secret, read at deployment', ref);
}
/** Values the caller gives as text (`--param n=3`) for int and bool parameters become ints and bools. */
function coerce(value, type) {
    if (typeof value !== 'string' || typeof type !== 'string')
        return value;
    const t = type.toLowerCase();
    if (t === 'int' && /^-?\d+$/.test(value.trim()))
        return Number(value.trim());
    if (t === 'bool' && /^(true|false)$/i.test(value.trim()))
        return value.trim().toLowerCase() === 'true';
    return value;
}
/**
 * The parameter values of a template. Defaults are evaluated in order of declaration, each seeing the parameters
 * before it (and the deployment scope); an expression error in a default makes that value unknown, naming the
 * error. `unknownRef` names a parameter that has no value, so that every read of it is one value.
 */
function resolveParameters(template, given, scope, unknownRef) {
    const values = {};
    const origins = new Map();
    const secureValues = [];
    // Not yet resolved parameters read as unknown, so a default that reads a later one does not fail outright.
    for (const name of Object.keys(template.parameters)) {
        values[name] = new Unknown(`parameter '${name}' is resolved after this one`, unknownRef(name), false, true);
    }
    // A template that reads a parameter it does not declare fails to deploy; reading it as unknown keeps that one
    // error from making every value of the expression it sits in (a whole `properties`) unknown.
    const declared = new Set(Object.keys(template.parameters).map((n) => n.toLowerCase()));
    for (const name of undeclaredParameters(template, declared)) {
        values[name] = new Unknown(`the template reads parameter '${name}', which it does not declare`);
    }
    for (const [name, declaration] of Object.entries(template.parameters)) {
        const lower = name.toLowerCase();
        const pointer = `${template.pointer}/parameters${jsonPointer([name])}`;
        const passed = given.get(lower);
        let value;
        if (passed !== undefined) {
            value = coerce(passed.value, declaration['type']);
            origins.set(lower, passed.origin);
        }
        else if ('defaultValue' in declaration) {
            const raw = declaration['defaultValue'];
            const at = `${pointer}/defaultValue`;
            value = new Evaluator({ parameters: values, functions: template.functions, scope }).evaluateJson(raw, {
                onError: (error) => new Unknown(`cannot evaluate ${at}${jsonPointer(error.jsonPath)}: ${error.message}`),
            });
            origins.set(lower, originOf(raw, at, value, { parameters: origins, variables: {} }) ?? { kind: 'code', pointer: at });
        }
        else if (declaration['nullable'] === true) {
            value = null;
            origins.set(lower, { kind: 'outside' });
        }
        else {
            // Given at deployment, so known before anything the deployment creates: it may be any existing object's
            // ID, but never one of the principals this template makes.
            value = new Unknown(`no value given for parameter '${name}'`, unknownRef(name), false, true);
            origins.set(lower, { kind: 'outside' });
        }
        values[name] = value;
        const type = declaration['type'];
        if (typeof type === 'string' && SECURE_TYPES.has(type.toLowerCase()))
            collectStrings$1(value, secureValues);
    }
    return { values, origins, secureValues };
}
/** Values given by the caller: plain values, or Key Vault references as a parameter file writes them. */
function callerParameters(parameters) {
    const given = new Map();
    for (const [name, value] of Object.entries(parameters ?? {})) {
        given.set(name.toLowerCase(), {
            value: keyVaultReference(value) ?? fromJson(value),
            origin: { kind: 'outside' },
        });
    }
    return given;
}
const PARAMETER_READ = /parameters\(\s*'([^']+)'\s*\)/gi;
/** Names of parameters the template's expressions read but its `parameters` section does not declare. */
function undeclaredParameters(template, declared) {
    const found = new Set();
    const visit = (value, nestedTemplate) => {
        if (typeof value === 'string') {
            if (!value.startsWith('[') || value.startsWith('[[') || !value.includes('parameters'))
                return;
            for (const match of value.matchAll(PARAMETER_READ)) {
                const name = match[1] ?? '';
                if (!declared.has(name.toLowerCase()))
                    found.add(name);
            }
        }
        else if (Array.isArray(value)) {
            for (const v of value)
                visit(v, false);
        }
        else if (isObject(value)) {
            const deployment = String(value['type']).toLowerCase() === 'microsoft.resources/deployments';
            for (const [key, item] of Object.entries(value)) {
                // A nested deployment's template has parameters of its own (or is evaluated with these: outer scope,
                // rare enough not to be worth the walk).
                if (nestedTemplate && key.toLowerCase() === 'template')
                    continue;
                visit(item, deployment && key.toLowerCase() === 'properties');
            }
        }
    };
    visit(template.variables, false);
    visit(template.outputs, false);
    for (const declaration of template.resources)
        visit(declaration.raw, false);
    for (const children of template.children.values())
        for (const child of children)
            visit(child.raw, false);
    return found;
}
function collectStrings$1(value, out) {
    if (typeof value === 'string') {
        if (value !== '')
            out.push(value);
    }
    else if (Array.isArray(value)) {
        for (const v of value)
            collectStrings$1(v, out);
    }
    else if (value !== null && typeof value === 'object' && !(value instanceof Unknown)) {
        for (const v of Object.values(value))
            collectStrings$1(v, out);
    }
}

/**
 * A copy of `value` with secrets replaced by "[redacted]": values under secret keys, and values the input marks
 * sensitive (a mirror object with `true` where a value is sensitive, as Terraform's after_sensitive). Every secret
 * string is handed to `collect`, so outputs can be scrubbed of it wherever it might surface.
 */
function redactSecrets(value, sensitive, collect) {
    if (sensitive === true) {
        collectStrings(value, collect);
        // Stryker disable next-line ConditionalExpression,LogicalOperator: JSON has no undefined; both guards keep absence
        return value === null || value === undefined ? value : REDACTED;
    }
    if (Array.isArray(value)) {
        return value.map((item, i) => redactSecrets(item, Array.isArray(sensitive) ? sensitive[i] : undefined, collect));
    }
    if (isObject(value)) {
        const out = {};
        for (const [key, item] of Object.entries(value)) {
            const mark = isSecretKey(key) ? true : isObject(sensitive) ? sensitive[key] : undefined;
            out[key] = redactSecrets(item, mark, collect);
        }
        return out;
    }
    return value;
}
function collectStrings(value, collect) {
    if (typeof value === 'string') {
        if (value !== '')
            collect(value);
    }
    else if (Array.isArray(value))
        value.forEach((v) => {
            collectStrings(v, collect);
        });
    else if (isObject(value))
        Object.values(value).forEach((v) => {
            collectStrings(v, collect);
        });
}

/**
 * An evaluated ARM value for `raw`, with secrets redacted as redactSecrets does (values under secret keys), and the
 * values of secure parameters wherever they ended up. Unknowns stay unknowns: redactSecrets copies every object
 * it meets into a plain one, which would turn an Unknown into `{reason, ref}`, so only Unknown-free secrets go to it.
 */
function redactEvaluated(value, secureValues, collect) {
    if (isUnknown(value) || value === null)
        return value;
    if (typeof value === 'string') {
        if (!secureValues.has(value))
            return value;
        collect(value);
        return REDACTED;
    }
    if (Array.isArray(value))
        return value.map((item) => redactEvaluated(item, secureValues, collect));
    if (!isArmObject(value))
        return value;
    const out = {};
    for (const [key, item] of Object.entries(value)) {
        if (!isSecretKey(key))
            out[key] = redactEvaluated(item, secureValues, collect);
        else if (findUnknown(item) === undefined)
            out[key] = redactSecrets(item, true, collect);
        else
            out[key] = isUnknown(item) ? item : REDACTED;
    }
    return out;
}

/** The deployment kind a template's `$schema` is for; undefined for a schema this adapter does not recognise. */
function scopeKindOfSchema(schema) {
    const lower = schema?.toLowerCase() ?? '';
    if (lower.includes('subscriptiondeploymenttemplate'))
        return 'subscription';
    if (lower.includes('managementgroupdeploymenttemplate'))
        return 'managementGroup';
    if (lower.includes('tenantdeploymenttemplate'))
        return 'tenant';
    if (lower.includes('deploymenttemplate'))
        return 'resourceGroup';
    return undefined;
}
/** The input template's scope: what the caller says, placeholders (SCOPE_PLACEHOLDERS) for the rest. */
function rootScope(kind, options = {}) {
    const filled = {
        kind,
        tenantId: options.tenantId ?? SCOPE_PLACEHOLDERS.tenantId,
        subscriptionId: options.subscriptionId ?? SCOPE_PLACEHOLDERS.subscriptionId,
        resourceGroupName: options.resourceGroupName ?? SCOPE_PLACEHOLDERS.resourceGroupName,
        managementGroupName: options.managementGroupName ?? SCOPE_PLACEHOLDERS.managementGroupName,
        location: options.location ?? SCOPE_PLACEHOLDERS.location,
        deploymentName: options.deploymentName ?? SCOPE_PLACEHOLDERS.deploymentName,
    };
    return withScope(options.environment === undefined ? filled : { ...filled, environment: options.environment }, options);
}
function withScope(parts, extra = {}) {
    const options = {
        kind: parts.kind,
        tenantId: parts.tenantId,
        subscriptionId: parts.subscriptionId,
        resourceGroupName: parts.resourceGroupName,
        managementGroupName: parts.managementGroupName,
        location: parts.location,
        deploymentName: parts.deploymentName,
    };
    if (extra.subscriptionDisplayName !== undefined)
        options.subscriptionDisplayName = extra.subscriptionDisplayName;
    if (parts.environment !== undefined)
        options.environment = parts.environment;
    return { ...parts, scope: deploymentScope(options) };
}
/** The scope's ID as a value: where a role assignment without `scope` applies. The tenant root is '/'. */
function scopeId(scope) {
    const parts = scopeIdParts(scope);
    return parts.length === 0 ? '/' : joinParts(parts);
}
function part(value) {
    if (typeof value === 'string' && value !== '')
        return value;
    if (isUnknown(value))
        return value;
    return undefined;
}
/**
 * The scope of a nested deployment's template. Its `resourceGroup` and `subscriptionId` move it to another group or
 * subscription; a `scope` naming a management group, or '/', moves it up. The location of another resource group
 * is not known here, so `resourceGroup().location` there is unknown.
 */
function nestedScope(parent, target) {
    const group = part(target.resourceGroup);
    const subscription = part(target.subscriptionId);
    const location = part(target.location);
    const base = { ...parent, deploymentName: target.name };
    const scope = part(target.scope);
    if (typeof scope === 'string') {
        const mg = /^\/?providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(scope);
        if (mg?.[1] !== undefined)
            return withScope({
                ...base,
                kind: 'managementGroup',
                managementGroupName: mg[1],
                location: location ?? parent.location,
            });
        if (scope === '/')
            return withScope({ ...base, kind: 'tenant', location: location ?? parent.location });
    }
    if (group !== undefined) {
        const sameGroup = parent.kind === 'resourceGroup' &&
            subscription === undefined &&
            typeof group === 'string' &&
            typeof parent.resourceGroupName === 'string' &&
            group.toLowerCase() === parent.resourceGroupName.toLowerCase();
        const groupLocation = sameGroup
            ? parent.location
            : new Unknown('the location of another resource group', `resourcegroup(${describePart(subscription ?? parent.subscriptionId)}/${describePart(group)}).location`);
        return withScope({
            ...base,
            kind: 'resourceGroup',
            subscriptionId: subscription ?? parent.subscriptionId,
            resourceGroupName: group,
            location: groupLocation,
        });
    }
    if (subscription !== undefined) {
        // From a resource group, a deployment that names only a subscription (and a location) deploys to it.
        if (parent.kind !== 'resourceGroup' || location !== undefined) {
            return withScope({
                ...base,
                kind: 'subscription',
                subscriptionId: subscription,
                location: location ?? parent.location,
            });
        }
        return withScope({ ...base, subscriptionId: subscription });
    }
    return withScope(location === undefined || parent.kind === 'resourceGroup' ? base : { ...base, location });
}
function describePart(value) {
    return typeof value === 'string' ? value.toLowerCase() : `{${value.ref ?? '?'}}`;
}

/** JSON pointer segments, unescaped (RFC 6901). */
function pointerSegments(pointer) {
    if (pointer === '')
        return [];
    return pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
/**
 * Lines of JSON pointers in the input text, for error messages and for the source of a field's value. The text is
 * parsed with positions only when a line is asked for: most runs never need one.
 */
class SourceLocator {
    text;
    file;
    tree = null;
    constructor(text, file) {
        this.text = text;
        this.file = file;
    }
    /** Line and column where the value at `pointer` starts (its property name, for a property). */
    position(pointer) {
        const node = this.node(pointer);
        if (node === undefined)
            return undefined;
        const at = node.parent?.type === 'property' ? node.parent : node;
        return lineColumn(this.text, at.offset);
    }
    /** The lines the value at `pointer` spans. */
    location(pointer) {
        const node = this.node(pointer);
        if (node === undefined)
            return undefined;
        const at = node.parent?.type === 'property' ? node.parent : node;
        return {
            file: this.file,
            line: lineColumn(this.text, at.offset).line,
            endLine: lineColumn(this.text, node.offset + node.length).line,
        };
    }
    node(pointer) {
        if (this.tree === null)
            this.tree = parseTree(this.text);
        let node = this.tree;
        for (const segment of pointerSegments(pointer)) {
            if (node === undefined)
                return undefined;
            node = node.type === 'array' ? node.children?.[Number(segment)] : propertyValue(node, segment);
        }
        return node;
    }
}
function propertyValue(node, key) {
    if (node.type !== 'object')
        return undefined;
    for (const property of node.children ?? []) {
        if (property.children?.[0]?.value === key)
            return property.children[1];
    }
    return undefined;
}

class IdentityError extends Error {
}
/** `Microsoft.Web/sites/providers/roleAssignments`: an extension resource written as a child of its scope. */
const LEGACY_EXTENSION = /^(.+?)\/providers\/(.+)$/i;
/**
 * The identity of a resource from its type, its evaluated name and `scope`, at the deployment's scope. A relative
 * `scope` (`Microsoft.ContainerRegistry/registries/acr`, as Bicep writes an extension resource's scope in the same
 * deployment) is a resource of the deployment's scope. Throws IdentityError when the name does not fit the type.
 */
function identify(type, name, scopeValue, run) {
    if (typeof name !== 'string' && !isUnknown(name)) {
        throw new IdentityError(`its name must be a string, got ${name === null ? 'null' : typeof name}`);
    }
    const legacy = LEGACY_EXTENSION.exec(type);
    if (legacy?.[1] !== undefined && legacy[2] !== undefined)
        return legacyExtension(legacy[1], legacy[2], name, run);
    const types = type.split('/');
    const typeSegments = types.length - 1;
    const names = typeof name === 'string' ? name.split('/') : [name];
    const ownName = typeof name === 'string' ? (names[names.length - 1] ?? name) : name;
    let prefix;
    let scope;
    const given = typeof scopeValue === 'string' || isUnknown(scopeValue) ? scopeValue : undefined;
    if (given !== undefined && given !== '') {
        if (typeof given === 'string' && given.startsWith('/'))
            prefix = [given.replace(/\/+$/, '')];
        else if (typeof given === 'string')
            prefix = [...scopeIdParts(run), '/providers/', given.replace(/^\/+|\/+$/g, '')];
        else
            prefix = [given];
        scope = prefix.length === 1 && prefix[0] !== undefined ? prefix[0] : joinParts(prefix);
    }
    else {
        prefix = scopeIdParts(run);
        scope = scopeId(run);
    }
    if (type.toLowerCase() === 'microsoft.resources/resourcegroups' &&
        given === undefined &&
        run.kind === 'subscription') {
        // Resource groups are the one type whose ID has no `providers` segment.
        const id = joinParts(['/subscriptions/', run.subscriptionId, '/resourceGroups/', names[0] ?? '']);
        return { type, name, ownName, id, scope };
    }
    let id;
    let parentId;
    if (typeof name === 'string' && names.length !== typeSegments) {
        throw new IdentityError(`its name '${name}' has ${names.length} segment${names.length === 1 ? '' : 's'}, but type ${type} needs ${typeSegments}`);
    }
    if (typeof name === 'string' || typeSegments === 1) {
        id = buildResourceId(prefix, type, names);
        if (typeSegments > 1)
            parentId = buildResourceId(prefix, types.slice(0, -1).join('/'), names.slice(0, -1));
    }
    else {
        id = new Unknown(name.reason);
    }
    const identity = { type, name, ownName, id, scope };
    if (parentId !== undefined)
        identity.parentId = parentId;
    return identity;
}
function legacyExtension(parentType, extension, name, run) {
    const parentSegments = parentType.split('/').length - 1;
    if (typeof name !== 'string') {
        const unknown = new Unknown(name.reason);
        return { type: extensionType(undefined, extension), name, ownName: name, id: unknown, scope: unknown };
    }
    const segments = name.split('/');
    const extensionSegments = extension.split('/').length;
    if (segments.length !== parentSegments + 1 + extensionSegments) {
        throw new IdentityError(`its name '${name}' does not fit the form '<parent>/<namespace>/<name>' of type ${parentType}/providers/${extension}`);
    }
    const parentNames = segments.slice(0, parentSegments);
    const namespace = segments[parentSegments] ?? '';
    const ownNames = segments.slice(parentSegments + 1);
    const parentId = buildResourceId(scopeIdParts(run), parentType, parentNames);
    const type = extensionType(namespace, extension);
    const id = buildResourceId([parentId], type, ownNames);
    return { type, name, ownName: ownNames[ownNames.length - 1] ?? name, id, scope: parentId };
}
/** `roleAssignments` under `Microsoft.Authorization` is `Microsoft.Authorization/roleAssignments`. */
function extensionType(namespace, extension) {
    return `${namespace ?? 'Microsoft.Authorization'}/${extension}`;
}

/** Deeper than this, a failing expression is left unknown as a whole. */
const MAX_RECOVERY_DEPTH = 12;
/**
 * Compiled Bicep often builds a whole value (a cluster's `properties`) with one expression:
 * `union(createObject('aadProfile', …, 'disableLocalAccounts', …), if(…), …)`. An error in one corner of it (a
 * parameter the template does not declare, a malformed pair) would make the whole value unknown. When the whole
 * expression fails, its object- and array-building calls (createObject, union, if, createArray) are evaluated
 * part by part instead, so that only the parts that fail are unknown, each naming its error. A pair of
 * createObject without a key is dropped: there is no key to keep its value under.
 */
function evaluateRecovering(evaluator, text, copy, describe) {
    let root;
    try {
        const parsed = parseTemplateString(text);
        if (parsed.kind === 'literal')
            return parsed.value;
        root = parsed.root;
    }
    catch (error) {
        if (error instanceof ExpressionError)
            return new Unknown(describe(error));
        throw error;
    }
    return new Recovery(evaluator, copy, describe).value(root, text.slice(1, -1), 1, 0);
}
class Recovery {
    evaluator;
    copy;
    describe;
    constructor(evaluator, copy, describe) {
        this.evaluator = evaluator;
        this.copy = copy;
        this.describe = describe;
    }
    /** The value of the sub-expression `source` (the text of `node`), recovering inside it when it fails. */
    value(node, source, base, depth) {
        try {
            return this.evaluator.evaluate(`[${source}]`, this.copy === undefined ? {} : { copy: this.copy });
        }
        catch (error) {
            if (!(error instanceof ExpressionError))
                throw error;
            const failed = new Unknown(this.describe(error));
            if (node.type !== 'call' || node.namespace !== undefined || depth >= MAX_RECOVERY_DEPTH)
                return failed;
            const args = argumentTexts(source, node.offset - base);
            if (args === undefined || args.length !== node.args.length)
                return failed;
            const part = (i) => {
                const arg = node.args[i];
                const text = args[i];
                return arg === undefined || text === undefined
                    ? null
                    : this.value(arg, text.text, base + text.start, depth + 1);
            };
            switch (node.name.toLowerCase()) {
                case 'createobject':
                    return this.combine('createObject', node.args.length - (node.args.length % 2), part) ?? failed;
                case 'union':
                case 'createarray':
                    return this.combine(node.name, node.args.length, part) ?? failed;
                case 'if': {
                    const condition = part(0);
                    return typeof condition === 'boolean' ? part(condition ? 1 : 2) : failed;
                }
                default:
                    return failed;
            }
        }
    }
    /** `fn(a0, a1, …)` over the recovered values of the first `count` arguments. */
    combine(fn, count, part) {
        const parameters = {};
        const names = [];
        for (let i = 0; i < count; i++) {
            parameters[`a${i}`] = part(i);
            names.push(`parameters('a${i}')`);
        }
        try {
            return new Evaluator({ parameters }).evaluate(`[${fn}(${names.join(', ')})]`);
        }
        catch (error) {
            if (error instanceof ExpressionError)
                return undefined;
            throw error;
        }
    }
}
/**
 * The texts of a call's arguments, with where each starts in `source`: the call's name starts at `start`, its
 * arguments follow in parentheses, split at commas outside strings, parentheses and brackets.
 */
function argumentTexts(source, start) {
    const open = source.indexOf('(', start);
    if (open === -1)
        return undefined;
    const args = [];
    let depth = 0;
    let inString = false;
    let from = open + 1;
    const push = (end) => {
        const raw = source.slice(from, end);
        const lead = raw.length - raw.trimStart().length;
        if (raw.trim() !== '')
            args.push({ text: raw.trim(), start: from + lead });
    };
    for (let i = open + 1; i < source.length; i++) {
        const c = source[i];
        if (inString) {
            if (c === "'") {
                if (source[i + 1] === "'")
                    i++;
                else
                    inString = false;
            }
            continue;
        }
        if (c === "'")
            inString = true;
        else if (c === '(' || c === '[')
            depth++;
        else if (c === ')' || c === ']') {
            if (depth === 0) {
                push(i);
                return args;
            }
            depth--;
        }
        else if (c === ',' && depth === 0) {
            push(i);
            from = i + 1;
        }
    }
    return undefined;
}

/** The reason of a value read from a resource that exists before the deployment (`existing`, or not declared). */
const READ_AT_DEPLOYMENT = 'read from the existing resource at deployment';
/** Last path segments of `reference()` reads that identify the resource alone: principal, client and object IDs. */
const IDENTIFIERS$1 = new Set(['principalid', 'objectid', 'clientid', 'issuerurl', 'resourceid']);
const DEPLOYMENTS = 'microsoft.resources/deployments';
/** Keys of a resource that describe how it is deployed rather than what it is: not evaluated as its values. */
const NOT_VALUES = new Set(['copy', 'condition', 'dependson', 'resources', 'comments', 'existing', 'import']);
/** What all templates of one input share: the resources by ID, secure values, the document. */
class Expansion {
    document;
    byId = new Map();
    secureValues = new Set();
    empty = [];
    constructor(document) {
        this.document = document;
    }
    register(instance) {
        if (typeof instance.id !== 'string')
            return;
        const key = instance.id.toLowerCase();
        if (!this.byId.has(key))
            this.byId.set(key, instance);
    }
    find(id) {
        return this.byId.get(id.toLowerCase().replace(/\/+$/, ''));
    }
}
/**
 * One template (the input's, or the template of a nested deployment) being expanded: its parameters resolved, its
 * resources declared once per copy iteration with their IDs, its nested deployments expanded in turn. Resource
 * values and outputs are evaluated on demand, once: a parent reads a module's outputs through `reference()`.
 */
class TemplateRun {
    expansion;
    template;
    scope;
    keyPrefix;
    deployment;
    instances = [];
    evaluator;
    origins;
    bySymbol = new Map();
    byName = new Map();
    outputsState;
    constructor(expansion, template, scope, 
    /** Prefixes the keys of resources whose ID is unknown, so that two modules' resources never share one. */
    keyPrefix, evaluation, 
    /** The nested-deployment instance whose template this is (none for the input's template). */
    deployment) {
        this.expansion = expansion;
        this.template = template;
        this.scope = scope;
        this.keyPrefix = keyPrefix;
        this.deployment = deployment;
        const made = typeof evaluation === 'function' ? evaluation(this) : evaluation;
        this.evaluator = made.evaluator;
        this.origins = made.origins;
    }
    /** The input template, with the caller's parameter values. */
    static root(expansion, template, scope, given) {
        return new TemplateRun(expansion, template, scope, '', (run) => run.innerEvaluation(given, (n) => `parameters('${n}')`));
    }
    innerEvaluation(given, unknownRef) {
        const resolved = resolveParameters(this.template, given, this.scope.scope, unknownRef);
        resolved.secureValues.forEach((v) => this.expansion.secureValues.add(v));
        return {
            evaluator: new Evaluator({
                parameters: resolved.values,
                variables: this.template.variables,
                functions: this.template.functions,
                scope: this.scope.scope,
                resolveReference: (request) => this.resolveReference(request),
                resolveResourceInfo: (name) => this.resourceInfo(name),
            }),
            origins: { parameters: resolved.origins, variables: this.template.variables },
        };
    }
    /** Declares every resource, then expands every nested deployment (which declares its own in turn). */
    declare() {
        for (const declaration of this.template.resources)
            this.declareResource(declaration, undefined);
        for (const instance of this.instances) {
            if (instance.type.toLowerCase() === DEPLOYMENTS)
                this.childOf(instance);
        }
    }
    /** This template's instances and, after each nested deployment, the instances of its template, in order. */
    *all() {
        for (const instance of this.instances) {
            yield instance;
            if (instance.child instanceof TemplateRun)
                yield* instance.child.all();
        }
    }
    /** Evaluates an expression-bearing value; an error is returned rather than thrown. */
    evaluateValue(raw, copy) {
        try {
            return this.evaluator.evaluateJson(raw, copy === undefined ? {} : { copy });
        }
        catch (error) {
            if (error instanceof ExpressionError)
                return error;
            throw error;
        }
    }
    declareResource(declaration, parent) {
        for (const iteration of this.iterations(declaration, parent)) {
            const instance = this.instanceOf(declaration, parent, iteration);
            this.instances.push(instance);
            this.expansion.register(instance);
            if (declaration.symbolicName !== undefined) {
                const list = this.bySymbol.get(declaration.symbolicName.toLowerCase()) ?? [];
                list.push(instance);
                this.bySymbol.set(declaration.symbolicName.toLowerCase(), list);
            }
            if (typeof instance.name === 'string' && !this.byName.has(instance.name.toLowerCase())) {
                this.byName.set(instance.name.toLowerCase(), instance);
            }
            for (const child of this.template.children.get(declaration.pointer) ?? [])
                this.declareResource(child, instance);
        }
    }
    /** The iterations of a resource's copy loop (one, without a loop), inside those of the resource it is nested in. */
    iterations(declaration, parent) {
        const outer = parent?.copy;
        const label = parent?.copyLabel ?? '';
        const loop = member(declaration.raw, 'copy');
        if (loop === undefined || loop === null)
            return [{ copy: outer, label }];
        if (!isObject(loop))
            return [{ copy: outer, label, problem: "its 'copy' must be an object with a name and a count" }];
        const name = typeof loop['name'] === 'string' ? loop['name'] : '';
        const count = this.evaluateValue(loop['count'], outer);
        if (count instanceof ExpressionError) {
            return [
                {
                    copy: outer,
                    label: `${label}[*]`,
                    problem: `its copy count cannot be evaluated: ${count.message}`,
                },
            ];
        }
        if (isUnknown(count))
            return [{ copy: outer, label: `${label}[*]` }];
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 800) {
            return [{ copy: outer, label: `${label}[*]`, problem: `its copy count must be an int from 0 to 800` }];
        }
        if (count === 0 && isModelledType(declaration.type)) {
            this.expansion.empty.push({
                declaration,
                key: this.keyPrefix + (declaration.symbolicName ?? `${declaration.type}/${nameText(declaration)}`),
                type: declaration.type,
                reason: `its copy loop '${name}' has a count of 0`,
            });
        }
        return Array.from({ length: count }, (_, index) => ({
            copy: { index, named: { ...(outer?.named ?? {}), [name]: index } },
            label: `${label}[${index}]`,
        }));
    }
    instanceOf(declaration, parent, iteration) {
        const raw = declaration.raw;
        const copy = iteration.copy;
        const read = (key) => {
            const found = findKey$1(raw, key);
            return found === undefined ? undefined : this.evaluateValue(raw[found], copy);
        };
        let type = declaration.type;
        let name = read('name') ?? '';
        // A child nested in its parent names its type and name relative to the parent's.
        if (parent !== undefined && !/^[^/]*\./.test(type)) {
            type = `${parent.type}/${type}`;
            if (!(name instanceof ExpressionError))
                name = joinName(parent.name, name);
        }
        const existing = member(raw, 'existing') === true;
        const conditionValue = read('condition');
        const condition = parent?.condition === false
            ? false
            : conditionValue === undefined
                ? (parent?.condition ?? true)
                : conditionValue instanceof ExpressionError
                    ? new Unknown(`its condition cannot be evaluated: ${conditionValue.message}`)
                    : typeof conditionValue === 'boolean' || isUnknown(conditionValue)
                        ? conditionValue
                        : new Unknown(`its condition is not a bool`);
        const instance = {
            run: this,
            declaration,
            copy,
            copyLabel: iteration.label,
            type,
            name: new Unknown('not read'),
            ownName: new Unknown('not read'),
            id: new Unknown('not read'),
            scope: new Unknown('not read'),
            existing,
            condition,
            key: '',
        };
        const scopeValue = read('scope');
        const isDeployment = type.toLowerCase() === DEPLOYMENTS;
        try {
            if (name instanceof ExpressionError)
                throw new IdentityError(`its name cannot be evaluated: ${name.message}`);
            if (scopeValue instanceof ExpressionError) {
                throw new IdentityError(`its scope cannot be evaluated: ${scopeValue.message}`);
            }
            if (isDeployment)
                this.identifyDeployment(instance, name, read);
            else {
                const identity = identify(type, name, scopeValue, this.scope);
                Object.assign(instance, identity);
                if (parent !== undefined)
                    instance.parentId = parent.id;
                else if (isUnknown(identity.id) && identity.parentId === undefined)
                    this.parentFromDependencies(instance);
            }
        }
        catch (error) {
            // buildResourceId reports a type that does not fit its names as a FunctionArgumentError.
            const expected = error instanceof IdentityError ||
                error instanceof ExpressionError ||
                error instanceof FunctionArgumentError;
            if (!expected)
                throw error;
            instance.problem = error.message;
        }
        if (iteration.problem !== undefined)
            instance.problem = iteration.problem;
        if (typeof instance.id !== 'string' && declaration.symbolicName !== undefined) {
            instance.referenceTarget = declaration.symbolicName + iteration.label;
        }
        instance.key =
            typeof instance.id === 'string'
                ? instance.id
                : parent !== undefined
                    ? `${parent.key}/${declaration.type}/${nameText(declaration)}${iteration.label.slice(parent.copyLabel.length)}`
                    : `${this.keyPrefix}${declaration.symbolicName ?? `${type}/${nameText(declaration)}`}${iteration.label}`;
        return instance;
    }
    /**
     * A nested deployment lives at the scope it deploys to (`resourceGroup`, `subscriptionId`, `scope`), as Bicep
     * builds a module's ID when it reads the module's outputs.
     */
    identifyDeployment(instance, name, read) {
        if (typeof name !== 'string' && !isUnknown(name))
            throw new IdentityError('its name must be a string');
        const value = (key) => {
            const v = read(key);
            if (v instanceof ExpressionError)
                throw new IdentityError(`its ${key} cannot be evaluated: ${v.message}`);
            return v;
        };
        const target = nestedScope(this.scope, {
            name,
            resourceGroup: value('resourceGroup'),
            subscriptionId: value('subscriptionId'),
            location: value('location'),
            scope: value('scope'),
        });
        instance.target = target;
        instance.name = name;
        instance.ownName = name;
        instance.id = buildResourceId(scopeIdParts(target), 'Microsoft.Resources/deployments', [name]);
        instance.scope = instance.id;
    }
    /**
     * A child resource whose name cannot be evaluated (its parent's name is a parameter without a value) still
     * names its parent: Bicep always writes the parent among `dependsOn`. Its parent's ID then links it.
     */
    parentFromDependencies(instance) {
        const types = instance.type.split('/');
        if (types.length < 3)
            return;
        const parentType = types.slice(0, -1).join('/').toLowerCase();
        const dependsOn = member(instance.declaration.raw, 'dependsOn');
        if (!Array.isArray(dependsOn))
            return;
        for (const entry of dependsOn) {
            if (typeof entry !== 'string')
                continue;
            const symbolic = this.bySymbol.get(entry.toLowerCase())?.[0];
            if (symbolic !== undefined) {
                if (symbolic.type.toLowerCase() === parentType)
                    instance.parentId = symbolic.id;
                continue;
            }
            const value = this.evaluateValue(entry, instance.copy);
            const ref = typeof value === 'string' ? value : isUnknown(value) ? value.ref : undefined;
            if (ref?.toLowerCase().includes(`/providers/${parentType}/`) === true &&
                !/\/providers\/.*\/providers\//i.test(ref)) {
                if (typeof value === 'string' || isUnknown(value))
                    instance.parentId = value;
                return;
            }
        }
    }
    /** The template of a nested deployment, read and declared on first use; undefined when there is none to read. */
    childOf(instance) {
        const state = instance.child;
        if (state instanceof TemplateRun)
            return state;
        if (state !== undefined)
            return undefined;
        if (instance.condition === false || instance.existing || instance.problem !== undefined)
            return undefined;
        const properties = valueOfKey$1(instance.declaration.raw, 'properties');
        if (!isObject(properties)) {
            instance.child = { skipped: 'its properties are not an object the adapter can read' };
            return undefined;
        }
        const template = valueOfKey$1(properties, 'template');
        if (!isObject(template)) {
            instance.child = {
                skipped: valueOfKey$1(properties, 'templateLink') !== undefined
                    ? 'a linked template (templateLink) is not read: scan the linked template, or its compiled form, on its own'
                    : 'it has no template',
            };
            return undefined;
        }
        instance.child = 'building';
        const propertiesKey = findKey$1(instance.declaration.raw, 'properties') ?? 'properties';
        const templatePointer = `${instance.declaration.pointer}/${propertiesKey}/${findKey$1(properties, 'template') ?? 'template'}`;
        const sections = readTemplate(template, templatePointer, this.expansion.document);
        const options = valueOfKey$1(properties, 'expressionEvaluationOptions');
        const scopeOption = isObject(options) ? valueOfKey$1(options, 'scope') : undefined;
        const inner = typeof scopeOption === 'string' && scopeOption.toLowerCase() === 'inner';
        const target = instance.target ?? this.scope;
        const name = typeof instance.name === 'string' ? instance.name : instance.key;
        const prefix = `${this.keyPrefix}${name}${instance.copyLabel}/`;
        const run = inner
            ? new TemplateRun(this.expansion, sections, target, prefix, (child) => child.innerEvaluation(this.passedParameters(instance, properties), (n) => `deployment(${name.toLowerCase()}).parameters('${n}')`), instance)
            : // An outer-scope template is evaluated as part of its parent: the parent's parameters and variables.
                new TemplateRun(this.expansion, sections, target, prefix, { evaluator: this.evaluator, origins: this.origins }, instance);
        instance.child = run;
        run.declare();
        return run;
    }
    /** The parameters a nested deployment passes to its template: values evaluated here, or Key Vault references. */
    passedParameters(instance, properties) {
        const given = new Map();
        const section = valueOfKey$1(properties, 'parameters');
        if (!isObject(section))
            return given;
        const base = `${instance.declaration.pointer}/properties/parameters`;
        for (const [name, entry] of Object.entries(section)) {
            const at = `${base}${jsonPointer([name])}`;
            const keyVault = keyVaultReference(entry);
            if (keyVault !== undefined) {
                given.set(name.toLowerCase(), { value: keyVault, origin: { kind: 'outside' } });
                continue;
            }
            if (!isObject(entry) || !('value' in entry)) {
                given.set(name.toLowerCase(), {
                    value: new Unknown(`parameter '${name}' is passed in a form the adapter does not read`),
                    origin: { kind: 'unknown' },
                });
                continue;
            }
            const raw = entry['value'];
            const value = this.evaluateResilient(raw, instance.copy, `${at}/value`);
            given.set(name.toLowerCase(), {
                value,
                origin: originOf(raw, `${at}/value`, value, this.origins) ?? { kind: 'code', pointer: `${at}/value` },
            });
        }
        return given;
    }
    /**
     * The resource's values, evaluated once: an expression error in one property makes that property unknown,
     * naming the error and where it is, and keeps the rest.
     */
    body(instance) {
        if (instance.body === 'evaluating')
            return undefined;
        if (instance.body !== undefined)
            return instance.body;
        instance.body = 'evaluating';
        const raw = {};
        for (const [key, value] of Object.entries(instance.declaration.raw)) {
            if (NOT_VALUES.has(key.toLowerCase()))
                continue;
            raw[key] =
                key.toLowerCase() === 'properties' && instance.type.toLowerCase() === DEPLOYMENTS && isObject(value)
                    ? withoutKey(value, 'template')
                    : value;
        }
        const value = this.evaluateResilient(raw, instance.copy, instance.declaration.pointer);
        const body = isArmObject(value) ? value : {};
        instance.body = body;
        return body;
    }
    /**
     * Evaluates a value of the template at `pointer`: a string that fails is evaluated part by part where it builds
     * objects (recover.ts), and what still fails is unknown, naming the error and where it is.
     */
    evaluateResilient(raw, copy, pointer) {
        return this.evaluator.evaluateJson(raw, {
            ...(copy === undefined ? {} : { copy }),
            onError: (error) => {
                const describe = (e) => `cannot evaluate ${pointer}${jsonPointer(error.jsonPath)}: ${e.message}`;
                const text = rawAt$1(raw, error.jsonPath);
                return typeof text === 'string'
                    ? evaluateRecovering(this.evaluator, text, copy, describe)
                    : new Unknown(describe(error));
            },
        });
    }
    /** The template's outputs by name, each `{ type, value }`, evaluated once. */
    outputs() {
        if (this.outputsState === 'building')
            return undefined;
        if (this.outputsState !== undefined)
            return this.outputsState;
        this.outputsState = 'building';
        const outputs = {};
        for (const [name, output] of Object.entries(this.template.outputs)) {
            if (!isObject(output))
                continue;
            const at = `${this.template.pointer}/outputs${jsonPointer([name])}`;
            const onError = (error) => new Unknown(`cannot evaluate ${at}${jsonPointer(error.jsonPath)}: ${error.message}`);
            const loop = valueOfKey$1(output, 'copy');
            let value;
            if (isObject(loop)) {
                const count = this.evaluator.evaluateJson(loop['count'], { onError });
                value =
                    typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= 800
                        ? Array.from({ length: count }, (_, index) => this.evaluator.evaluateJson(loop['input'], { copy: { index }, onError }))
                        : new Unknown(isUnknown(count) ? count.reason : `output '${name}' has no valid copy count`);
            }
            else {
                value = this.evaluator.evaluateJson(valueOfKey$1(output, 'value'), { onError });
            }
            outputs[name] = { type: typeof output['type'] === 'string' ? output['type'] : 'object', value };
        }
        this.outputsState = outputs;
        return outputs;
    }
    /** `resourceInfo(name)`, and the ID `reference(name)` refers to: by symbolic name (`aks`, `aks[2]`) or resource name. */
    resourceInfo(name) {
        const instance = this.lookup(name);
        if (instance === undefined)
            return undefined;
        const apiVersion = member(instance.declaration.raw, 'apiVersion');
        return {
            id: instance.id,
            name: instance.name,
            type: instance.type,
            apiVersion: typeof apiVersion === 'string' ? apiVersion : null,
        };
    }
    lookup(name) {
        const lower = name.toLowerCase();
        const indexed = /^(.*)\[(\d+)\]$/.exec(lower);
        if (indexed?.[1] !== undefined) {
            const list = this.bySymbol.get(indexed[1]);
            const index = Number(indexed[2]);
            if (list !== undefined)
                return list.find((i) => i.copy?.index === index) ?? list[index];
        }
        const symbols = this.bySymbol.get(lower);
        if (symbols !== undefined)
            return symbols.length === 1 ? symbols[0] : undefined;
        return this.byName.get(lower);
    }
    /**
     * What `reference()` reads, where the inputs tell it: a nested deployment's outputs, and a kubelet identity the
     * template sets itself. A principal, client or object ID of a resource the template creates is a distinct
     * unknown; of one that exists before (declared `existing`, or not declared at all), an existing unknown.
     */
    resolveReference(request) {
        const instance = request.resourceId !== undefined
            ? this.expansion.find(request.resourceId)
            : request.target.startsWith('/')
                ? this.expansion.find(request.target)
                : this.lookup(request.target);
        const path = request.full ? stripProperties(request.path) : request.path;
        const last = request.path[request.path.length - 1];
        const identifier = typeof last === 'string' && IDENTIFIERS$1.has(last.toLowerCase());
        if (instance === undefined) {
            const declaredTarget = request.resourceId ?? (request.target.startsWith('/') ? request.target : undefined);
            return identifier && declaredTarget !== undefined
                ? new Unknown(READ_AT_DEPLOYMENT, request.ref, false, true)
                : undefined;
        }
        if (instance.existing)
            return identifier ? new Unknown(READ_AT_DEPLOYMENT, request.ref, false, true) : undefined;
        if (instance.type.toLowerCase() === DEPLOYMENTS && path?.[0] !== undefined && isKey(path[0], 'outputs')) {
            const outputs = instance.run.childOf(instance)?.outputs();
            return outputs === undefined ? undefined : readPath(outputs, path.slice(1));
        }
        if (instance.type.toLowerCase() === 'microsoft.containerservice/managedclusters' &&
            path?.[0] !== undefined &&
            isKey(path[0], 'identityProfile')) {
            // Only what the template itself writes there: an unknown (an expression that failed) says nothing.
            const body = instance.run.body(instance);
            const set = body === undefined ? undefined : valueAt(body, ['properties', ...path]);
            if (set !== undefined && set !== null && (!isUnknown(set) || set.ref !== undefined))
                return set;
        }
        return identifier ? new Unknown(KNOWN_AFTER_DEPLOYMENT, request.ref, true) : undefined;
    }
}
function isKey(segment, name) {
    return typeof segment === 'string' && segment.toLowerCase() === name.toLowerCase();
}
/** A full-mode path (`properties.outputs`) as the path under `properties`; undefined when it reads elsewhere. */
function stripProperties(path) {
    const [head, ...rest] = path;
    return head !== undefined && isKey(head, 'properties') ? rest : undefined;
}
/** The value at a path, or undefined when the path does not exist; an unknown on the way is read into. */
function readPath(value, path) {
    const found = valueAt(value, path);
    return found === undefined ? undefined : found;
}
/** The value at a JSON path of a value as written. */
function rawAt$1(value, path) {
    let at = value;
    for (const segment of path) {
        if (Array.isArray(at) && typeof segment === 'number')
            at = at[segment];
        else if (isObject(at) && typeof segment === 'string')
            at = at[segment];
        else
            return undefined;
    }
    return at;
}
function joinName(parent, child) {
    if (typeof parent === 'string' && typeof child === 'string')
        return `${parent}/${child}`;
    const unknown = isUnknown(parent) ? parent : isUnknown(child) ? child : undefined;
    return new Unknown(unknown?.reason ?? 'its name is not a string');
}
const valueOfKey$1 = member;
/** The name as written, for keys of resources whose ID is unknown: stable across runs. */
function nameText(declaration) {
    const name = member(declaration.raw, 'name');
    if (typeof name === 'string')
        return name;
    return name === undefined ? '' : JSON.stringify(name);
}
function withoutKey(object, key) {
    const out = {};
    for (const [k, v] of Object.entries(object))
        if (k.toLowerCase() !== key.toLowerCase())
            out[k] = v;
    return out;
}

const FORMAT$2 = 'arm-template';
/**
 * What a template's scope functions return when the user does not say (`--deployment-scope`): the subscription,
 * tenant and resource group exist already but are not known, so IDs built from them are unknown too. They still join
 * one another (the same expression names the same value), and a literal ID elsewhere is not taken as different.
 */
function unknownDeploymentScope() {
    // Named as the template reads them, so that every ID built from one of them names the same value.
    const existing = (what, ref) => new Unknown(`not known: the ${what} the template is deployed to (give it with --deployment-scope)`, ref, false, true);
    return {
        tenantId: existing('tenant', 'subscription().tenantId'),
        subscriptionId: existing('subscription', 'subscription().subscriptionId'),
        resourceGroupName: existing('resource group', 'resourceGroup().name'),
    };
}
const COMPILED_NOTE = 'the template was compiled in memory from Bicep whose .bicep file is not known';
/**
 * An ARM template (compiled Bicep or hand-written; resource group, subscription, management group or tenant
 * deployment; languageVersion 2.0 with symbolic names) to model entities. A template states what will exist, so
 * every entity's change is `create`: a template cannot tell an update from a creation, and a resource that exists
 * already is redeployed with exactly these values.
 *
 * Nested deployments (Bicep modules) are expanded with their parameters; a parent reads their outputs. Copy
 * loops are expanded; a resource whose `condition` is false is skipped with the reason, one whose condition is
 * unknown is kept (it may be deployed, so it is checked). `existing` resources are references, not entities: the
 * template neither creates nor configures them, so the model would only hold unknowns for them; reading them
 * gives values that exist before the deployment (see template-run.ts). Linked templates (`templateLink`) are
 * listed as skipped.
 */
function readArmTemplate(document, options) {
    // Adapters share an asynchronous signature (others read source files); a template is read in memory, and an
    // input error becomes a rejection as it does for them.
    return Promise.resolve().then(() => expandTemplate(document, options));
}
async function expandTemplate(document, options) {
    const locator = new SourceLocator(document.text, document.file);
    const context = { file: document.file, locator };
    const template = readTemplate(document.value, '', context);
    const kind = options.scope?.kind ?? scopeKindOfSchema(template.schema) ?? 'resourceGroup';
    const expansion = new Expansion(context);
    const root = TemplateRun.root(expansion, template, rootScope(kind, options.scope), callerParameters(options.parameters));
    root.declare();
    const secrets = new Set(expansion.secureValues);
    const entities = [];
    const skipped = [];
    const unsupported = {};
    const pools = [];
    const sourceOf = entitySources(document.file, options, locator);
    const skip = (address, type, reason) => {
        skipped.push({ file: document.file, address, type, reason });
    };
    for (const instance of root.all()) {
        const type = instance.type;
        if (type.toLowerCase() === 'microsoft.resources/deployments') {
            readDeployment(instance, skip);
            continue;
        }
        const entityKind = entityKindOf(type);
        if (instance.existing) {
            const identity = entityKind === 'managedIdentity' ? await existingIdentity(instance, sourceOf) : undefined;
            if (identity === undefined)
                count(unsupported, `${type} (existing)`);
            else
                entities.push(identity);
            continue;
        }
        if (!isModelledType(type)) {
            if (instance.condition !== false)
                count(unsupported, type);
            continue;
        }
        if (instance.problem !== undefined) {
            skip(instance.key, type, `it cannot be read: ${instance.problem}`);
            continue;
        }
        if (instance.condition === false) {
            skip(instance.key, type, `its condition is false: ${conditionText(instance)}`);
            continue;
        }
        const body = instance.run.body(instance) ?? {};
        const resource = armResource$2(instance, body);
        if (type.toLowerCase() === AGENT_POOL_TYPE) {
            pools.push({ resource, address: instance.key, type });
            continue;
        }
        if (entityKind === undefined)
            continue;
        const source = await sourceOf(instance);
        if (entityKind === 'cluster')
            resource.hints = clusterHints(instance, body, source, locator, secrets);
        const raw = redactEvaluated(body, expansion.secureValues, (s) => secrets.add(s));
        entities.push(buildEntity$1(entityKind, resource, { key: instance.key, source, raw, action: 'create' }));
    }
    for (const empty of expansion.empty)
        skip(empty.key, empty.type, empty.reason);
    return armAdapterOutput({
        file: document.file,
        format: FORMAT$2,
        inputName: 'template',
        entities,
        pools,
        skipped,
        secrets,
        unsupported,
    });
}
/**
 * Where an entity is declared: the .bicep lines when the template was compiled from Bicep source and the resource
 * is found there (else the reason it is not); without Bicep, the template is the source and the resource's lines in
 * it are the declaration.
 */
function entitySources(file, options, locator) {
    const bicep = options.bicepSource === undefined
        ? undefined
        : new BicepSourceMap({ entry: options.bicepSource, repoRoot: options.repoRoot });
    return async (instance) => {
        const source = { format: FORMAT$2, file, pointer: instance.declaration.pointer };
        const found = bicep === undefined ? { note: COMPILED_NOTE } : await bicep.locate(instance);
        if ('location' in found) {
            source.declaration = found.location;
            return source;
        }
        // Not found in Bicep (or there is none): the template's own lines, when the template is a file the user has.
        const lines = options.documentIsSource === false ? undefined : locator.location(source.pointer);
        if (lines !== undefined)
            source.declaration = lines;
        if (bicep !== undefined || lines === undefined)
            source.declarationNote = found.note;
        return source;
    };
}
function count(counts, type) {
    counts[type] = (counts[type] ?? 0) + 1;
}
/**
 * A nested deployment is structure, not a resource: its template's resources are read in its place. When there is
 * no template to read (a linked template), or it is not deployed, its resources of modelled types are skipped.
 */
function readDeployment(instance, skip) {
    if (instance.existing)
        return;
    if (instance.problem !== undefined) {
        skip(instance.key, instance.type, `this nested deployment cannot be read: ${instance.problem}`);
        return;
    }
    if (instance.condition === false) {
        const reason = `its deployment ${instance.key} has a condition that is false: ${conditionText(instance)}`;
        for (const inner of modelledResourcesIn(instance.declaration.raw))
            skip(`${instance.key}/${inner.name}`, inner.type, reason);
        return;
    }
    const child = instance.run.childOf(instance);
    if (child === undefined && typeof instance.child === 'object' && 'skipped' in instance.child) {
        skip(instance.key, instance.type, instance.child.skipped);
    }
}
/** Resources of modelled types in a nested template as written (not evaluated: the deployment is not deployed). */
function modelledResourcesIn(deployment) {
    const properties = deployment['properties'];
    const template = isObject(properties) ? properties['template'] : undefined;
    const resources = isObject(template) ? template['resources'] : undefined;
    const list = Array.isArray(resources) ? resources : isObject(resources) ? Object.values(resources) : [];
    const found = [];
    for (const resource of list) {
        if (!isObject(resource) || typeof resource['type'] !== 'string')
            continue;
        if (isModelledType(resource['type']))
            found.push({ type: resource['type'], name: String(resource['name']) });
        if (resource['type'].toLowerCase() === 'microsoft.resources/deployments')
            found.push(...modelledResourcesIn(resource));
    }
    return found;
}
function conditionText(instance) {
    const condition = member(instance.declaration.raw, 'condition');
    if (typeof condition === 'string')
        return condition;
    if (typeof condition === 'boolean')
        return String(condition);
    return 'the resource it is nested in is not deployed';
}
/**
 * An `existing` user-assigned identity is read, not deployed: it is an entity (change `read`) because clusters run as
 * such identities and role assignments name their principals, and only an identity entity lets the linker join
 * them. Its principal and client IDs exist before the deployment. Other existing resources are not entities: the
 * template does not configure them, so their fields would all be unknown and every policy on them indeterminate.
 */
async function existingIdentity(instance, sourceOf) {
    if (instance.problem !== undefined || instance.condition === false)
        return undefined;
    const body = instance.run.body(instance) ?? {};
    const resource = {
        ...armResource$2(instance, body),
        created: false,
        runtimeReason: READ_AT_DEPLOYMENT,
    };
    const source = await sourceOf(instance);
    const raw = redactEvaluated(body, instance.run.expansion.secureValues, () => undefined);
    return buildEntity$1('managedIdentity', resource, { key: instance.key, source, raw, action: 'read' });
}
function armResource$2(instance, body) {
    const resource = {
        type: instance.type,
        id: instance.id,
        name: instance.ownName,
        body,
        scope: instance.scope,
        created: true,
        runtimeReason: 'known after deployment',
    };
    if (instance.parentId !== undefined)
        resource.parentId = instance.parentId;
    if (instance.referenceTarget !== undefined)
        resource.referenceTarget = instance.referenceTarget;
    return resource;
}
/** What only the template can tell about a cluster: where its secret comes from, whose kubelet identity it is. */
function clusterHints(instance, body, source, locator, secrets) {
    const kubelet = valueAt(body, ['properties', 'identityProfile', 'kubeletidentity']);
    // A template that sets the kubelet identity brings its own: AKS makes one only when none is given.
    const hints = {
        customKubelet: isUnknown(kubelet)
            ? new Unknown(kubelet.reason)
            : kubelet !== undefined && kubelet !== null,
    };
    const secret = valueAt(body, ['properties', 'servicePrincipalProfile', 'secret']);
    if (typeof secret === 'string' && secret !== '')
        secrets.add(secret);
    if (secret !== undefined && secret !== null && secret !== '') {
        const written = rawAt(instance.declaration.raw, ['properties', 'servicePrincipalProfile', 'secret'], instance.declaration.pointer);
        const origin = written === undefined
            ? undefined
            : originOf(written.value, written.pointer, secret, instance.run.origins);
        if (origin?.kind === 'code') {
            hints.secretInCode = true;
            const location = origin.pointer === undefined ? undefined : locator.location(origin.pointer);
            if (location !== undefined)
                source.fieldLocations = { 'servicePrincipal.secretInCode': location };
        }
        else if (origin?.kind === 'outside')
            hints.secretInCode = false;
        else
            hints.secretInCode = unknownOrigin('the client secret comes from an expression the template does not resolve');
    }
    else {
        hints.secretInCode = false;
    }
    const ids = identityKeysOneByOne(instance, body);
    if (ids !== undefined)
        hints.userAssignedIdentityIds = ids;
    return hints;
}
/**
 * The value written at a path of a resource as the template writes it, and its pointer; where the path runs into
 * an expression (a whole `properties` built by one expression), that expression.
 */
function rawAt(raw, path, pointer) {
    let value = raw;
    let at = pointer;
    for (const segment of path) {
        if (typeof value === 'string' && isExpressionText(value))
            return { value, pointer: at };
        if (!isObject(value))
            return undefined;
        const key = Object.keys(value).find((k) => k.toLowerCase() === segment.toLowerCase());
        if (key === undefined)
            return undefined;
        value = value[key];
        at = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    }
    return { value, pointer: at };
}
/**
 * The keys of `identity.userAssignedIdentities` read one by one: an object with a key the evaluator cannot know
 * (a parameter without a value) is unknown as a whole, but each key is still an ID named after its parts.
 */
function identityKeysOneByOne(instance, body) {
    const evaluated = valueAt(body, ['identity', 'userAssignedIdentities']);
    if (!isUnknown(evaluated) || evaluated.ref !== undefined)
        return undefined;
    const written = rawAt(instance.declaration.raw, ['identity', 'userAssignedIdentities'], instance.declaration.pointer);
    if (written === undefined || !isObject(written.value))
        return undefined;
    const ids = [];
    for (const key of Object.keys(written.value)) {
        let id;
        try {
            id = instance.run.evaluator.evaluate(key, instance.copy === undefined ? {} : { copy: instance.copy });
        }
        catch {
            return undefined;
        }
        if (typeof id === 'string' || isUnknown(id))
            ids.push(id);
        else
            ids.push(new Unknown('a user-assigned identity key is not a string'));
    }
    return ids;
}

/** How long a compilation may take before it is given up on; AKS_IDENTITY_LINT_BICEP_TIMEOUT (seconds) changes it. */
const DEFAULT_TIMEOUT_SECONDS = 120;
/** The Bicep CLI itself, or the Azure CLI's copy of it, whichever is on PATH first in this order. */
const TOOLS = [
    { name: 'bicep', args: (kind, file) => [kind, file, '--stdout'] },
    { name: 'az', args: (kind, file) => ['bicep', kind, '--file', file, '--stdout'] },
];
/**
 * Compiles Bicep source with the Bicep CLI (or `az bicep`): a .bicep file to an ARM template, a .bicepparam file to
 * its parameters. Without either tool, or when compilation fails or hangs, a one-line error says what to do.
 */
async function compileBicep(path, display, env = process.env) {
    const kind = path.toLowerCase().endsWith('.bicepparam') ? 'build-params' : 'build';
    const tool = await findTool(env);
    if (tool === undefined) {
        throw new InputError({ file: display }, 'this is Bicep source, and neither `bicep` nor `az` is on PATH to compile it: install the Bicep CLI ' +
            '(https://aka.ms/bicep-install), or pass the compiled template (`az bicep build --file <file>`)');
    }
    const args = tool.args(kind, path);
    const command = `${tool.name} ${args.join(' ')}`;
    const seconds = timeoutSeconds(env);
    const result = await run(tool.path, args, seconds * 1000);
    if (result === 'timeout') {
        throw new InputError({ file: display }, `\`${command}\` did not finish within ${seconds} s`);
    }
    if (result.code !== 0) {
        const reason = firstLines(result.stderr) || firstLines(result.stdout) || `exit code ${String(result.code)}`;
        throw new InputError({ file: display }, `\`${tool.name} ${kind}\` failed: ${reason}`);
    }
    return { text: result.stdout, command };
}
async function findTool(env) {
    const dirs = (env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
    const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
    for (const tool of TOOLS) {
        for (const dir of dirs) {
            for (const suffix of suffixes) {
                const candidate = join(dir, tool.name + suffix);
                const ok = await access(candidate, constants.X_OK).then(() => true, () => false);
                if (ok)
                    return { ...tool, path: candidate };
            }
        }
    }
    return undefined;
}
function timeoutSeconds(env) {
    const given = Number(env['AKS_IDENTITY_LINT_BICEP_TIMEOUT']);
    return Number.isFinite(given) && given > 0 ? given : DEFAULT_TIMEOUT_SECONDS;
}
/** Bicep's diagnostics start with `file(line,col) : Error BCP…`: the first ones say what is wrong. */
function firstLines(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .slice(0, 3)
        .join(' | ');
}
function run(command, args, timeoutMs) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve('timeout');
        }, timeoutMs);
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
    });
}

/** azurerm add-on blocks, their ARM add-on key, and the nested block holding the identity AKS creates for them. */
const ADDON_BLOCKS = [
    { block: 'oms_agent', name: 'omsagent', identityBlock: 'oms_agent_identity' },
    {
        block: 'ingress_application_gateway',
        name: 'ingressApplicationGateway',
        identityBlock: 'ingress_application_gateway_identity',
    },
    {
        block: 'key_vault_secrets_provider',
        name: 'azureKeyvaultSecretsProvider',
        identityBlock: 'secret_identity',
    },
    { block: 'aci_connector_linux', name: 'aciConnectorLinux', identityBlock: 'connector_identity' },
    { block: 'web_app_routing', name: 'webAppRouting', identityBlock: 'web_app_routing_identity' },
];
const ADDON_FLAGS = [
    { attribute: 'azure_policy_enabled', name: 'azurepolicy' },
    { attribute: 'http_application_routing_enabled', name: 'httpApplicationRouting' },
    { attribute: 'open_service_mesh_enabled', name: 'openServiceMesh' },
];
function mapCluster(r) {
    const id = r.string(['id']) ?? r.raw(['id']);
    const identityType = clusterIdentityType(r);
    const managed = identityType === 'SystemAssigned' || identityType === 'UserAssigned' || isUnknown(identityType);
    const fields = {
        name: r.string(['name']) ?? '',
        id: typeof id === 'string' || isUnknown(id) ? id : '',
        identity: { type: identityType },
        addons: mapAddons(r),
    };
    if (typeof id === 'string') {
        const subscriptionId = parseScope(id)?.subscriptionId;
        if (subscriptionId !== undefined)
            fields.subscriptionId = subscriptionId;
    }
    setIfDefined(fields, 'resourceGroup', r.string(['resource_group_name']));
    setIfDefined(fields, 'location', r.string(['location']));
    setIfDefined(fields, 'nodeResourceGroup', r.string(['node_resource_group']));
    setIfDefined(fields, 'nodeResourceGroupId', r.string(['node_resource_group_id']));
    if (r.blockCount(['identity']) !== 0) {
        const principalId = r.string(['identity', 0, 'principal_id']);
        if (principalId !== undefined && principalId !== '')
            fields.identity.principalId = principalId;
        const ids = r.stringList(['identity', 0, 'identity_ids']);
        if (ids !== undefined)
            fields.identity.userAssignedIdentityIds = ids;
    }
    if (r.blockCount(['service_principal']) !== 0) {
        const sp = {
            secretInCode: secretWrittenInCode(r, 'servicePrincipal.secretInCode'),
        };
        setIfDefined(sp, 'clientId', r.string(['service_principal', 0, 'client_id']));
        fields.servicePrincipal = sp;
    }
    const customKubelet = kubeletIdentityBrought(r);
    if (managed || customKubelet !== false) {
        const kubeletId = r.string(['kubelet_identity', 0, 'user_assigned_identity_id']);
        const kubelet = {
            custom: customKubelet,
            scopeChain: r.scopeChain(kubeletId),
        };
        setIfDefined(kubelet, 'userAssignedIdentityId', kubeletId);
        setIfDefined(kubelet, 'clientId', r.string(['kubelet_identity', 0, 'client_id']));
        setIfDefined(kubelet, 'objectId', r.string(['kubelet_identity', 0, 'object_id']));
        fields.kubeletIdentity = kubelet;
    }
    const aadBlock = ['azure_active_directory_role_based_access_control', 0];
    const aadBlocks = r.blockCount(['azure_active_directory_role_based_access_control']);
    if (isUnknown(aadBlocks))
        fields.aad = { managed: aadBlocks, azureRbacEnabled: aadBlocks };
    else if (aadBlocks !== 0) {
        const aad = {
            managed: aadManaged(r),
            azureRbacEnabled: r.boolOrDefault([...aadBlock, 'azure_rbac_enabled'], false),
        };
        setIfDefined(aad, 'adminGroupObjectIds', r.stringList([...aadBlock, 'admin_group_object_ids']));
        setIfDefined(aad, 'tenantId', r.string([...aadBlock, 'tenant_id']));
        fields.aad = aad;
    }
    // Null in a plan means the provider leaves the setting to AKS, whose defaults are: Kubernetes RBAC on, local
    // accounts on, OIDC issuer and workload identity off (azurerm 3.x/4.x; 5.0 writes its own default, true, for
    // the issuer). azurerm 2.x wrote RBAC as a block.
    fields.kubernetesRbacEnabled = r.states(['role_based_access_control_enabled'])
        ? r.boolOrDefault(['role_based_access_control_enabled'], true)
        : r.states(['role_based_access_control'])
            ? r.boolOrDefault(['role_based_access_control', 0, 'enabled'], true)
            : r.boolOrDefault(['role_based_access_control_enabled'], true);
    fields.localAccountsDisabled = r.boolOrDefault(['local_account_disabled'], false);
    const oidc = {
        enabled: r.boolOrDefault(['oidc_issuer_enabled'], false),
    };
    setIfDefined(oidc, 'url', r.string(['oidc_issuer_url']));
    fields.oidcIssuer = oidc;
    fields.workloadIdentityEnabled = r.boolOrDefault(['workload_identity_enabled'], false);
    const vnetSubnetIds = subnetIds(r);
    const network = {
        vnetSubnetIds,
        subnets: isUnknown(vnetSubnetIds)
            ? vnetSubnetIds
            : vnetSubnetIds.map((id) => ({ id, scopeChain: r.scopeChain(id) })),
        outboundIpIds: outboundIpIds(r),
    };
    network.privateCluster = r.boolOrDefault(['private_cluster_enabled'], false);
    const privateDnsZone = r.chosenString(['private_dns_zone_id']);
    if (privateDnsZone !== undefined) {
        network.privateDnsZone = privateDnsZone;
        // "System" and "None" are AKS's own choices, not a zone to hold a role on.
        const custom = isUnknown(privateDnsZone) || privateDnsZone.startsWith('/');
        if (custom)
            network.privateDnsZoneScopeChain = r.scopeChain(privateDnsZone);
    }
    setIfDefined(network, 'outboundType', r.string(['network_profile', 0, 'outbound_type']));
    fields.network = network;
    return fields;
}
function clusterIdentityType(r) {
    const identityBlocks = r.blockCount(['identity']);
    if (isUnknown(identityBlocks))
        return identityBlocks;
    if (identityBlocks > 0)
        return r.string(['identity', 0, 'type']) ?? 'None';
    const spBlocks = r.blockCount(['service_principal']);
    if (isUnknown(spBlocks))
        return spBlocks;
    return spBlocks > 0 ? 'ServicePrincipal' : 'None';
}
/**
 * azurerm 3.x writes `managed` (null: the legacy integration with server and client apps); 4.0 removed the
 * argument and the legacy integration with it, so its block has no such key and is managed.
 */
function aadManaged(r) {
    const block = ['azure_active_directory_role_based_access_control', 0];
    if (r.states([...block, 'managed']))
        return r.boolOrDefault([...block, 'managed'], false);
    if (r.states([...block, 'server_app_id']) || !r.states([...block, 'azure_rbac_enabled'])) {
        return r.boolOrDefault([...block, 'managed'], false);
    }
    return true;
}
/**
 * A client secret is "in code" when the configuration writes it as a literal, or takes it from a variable whose
 * default is written in code. A variable without a default comes from outside (pipeline secret, environment).
 * Where the configuration cannot say (a dynamic block, a local value, an expression it cannot follow), that is
 * unknown, not "not in code".
 */
function secretWrittenInCode(r, field) {
    const path = ['service_principal', 0, 'client_secret'];
    const configured = r.configured(path);
    if (configured !== true)
        return configured;
    let unresolved = false;
    for (const x of r.resolveConfigured(path)) {
        if (x.kind === 'constant') {
            if (x.value === null || x.value === '')
                continue;
            if (x.variable === undefined || x.variable.hasDefault) {
                r.origins.set(field, x.variable === undefined
                    ? { attribute: ['service_principal', 'client_secret'] }
                    : { variable: x.variable });
                return true;
            }
        }
        else if (x.kind === 'unresolved') {
            unresolved = unknownOrigin(`client_secret comes from ${x.reason}`);
        }
    }
    return unresolved;
}
/**
 * Whether the kubelet runs as an identity the user brings. The configuration says so when it writes the block;
 * without it (a dynamic block, or no configuration), AKS's own kubelet identity is told by where it lives: AKS
 * creates it in the node resource group, and computes it at apply time for a new cluster.
 */
function kubeletIdentityBrought(r) {
    const configured = r.configured(['kubelet_identity']);
    if (configured === true)
        return true;
    const block = r.raw(['kubelet_identity']);
    if (isUnknown(block) || r.blockCount(['kubelet_identity']) === 0)
        return false;
    const id = r.raw(['kubelet_identity', 0, 'user_assigned_identity_id']);
    const nodeGroup = r.raw(['node_resource_group']);
    if (typeof id === 'string' && typeof nodeGroup === 'string') {
        const group = parseScope(id)?.resourceGroup;
        if (typeof group === 'string')
            return group.toLowerCase() !== nodeGroup.toLowerCase();
    }
    return isUnknown(configured)
        ? configured
        : unknownOrigin('kubelet_identity is in the planned values but not in the configuration (a dynamic block?), and its resource group does not tell who made it');
}
const SUBNET_ATTRIBUTES = [
    ['default_node_pool', 0, 'vnet_subnet_id'],
    ['default_node_pool', 0, 'pod_subnet_id'],
    ['api_server_access_profile', 0, 'subnet_id'],
];
/** The subnets the configuration brings; unknown as a whole when it cannot tell whether one of them is set. */
function subnetIds(r) {
    return optionalList(r, SUBNET_ATTRIBUTES.map((path) => ({ path, read: () => r.chosenString(path) })));
}
const OUTBOUND_PROFILE = ['network_profile', 0, 'load_balancer_profile', 0];
/** Bring-your-own outbound IPs and prefixes; AKS computes these when they are not configured. */
function outboundIpIds(r) {
    return optionalList(r, ['outbound_ip_address_ids', 'outbound_ip_prefix_ids'].map((attribute) => {
        const path = [...OUTBOUND_PROFILE, attribute];
        return { path, read: () => r.stringList(path) };
    }));
}
/**
 * The values of optional attributes that are set, as one list: an attribute that may or may not be set (its
 * origin unknown) makes the whole list unknown, as its length is.
 */
function optionalList(r, attributes) {
    const values = [];
    for (const { path, read } of attributes) {
        const present = r.presence(path);
        if (isUnknown(present))
            return present;
        if (!present)
            continue;
        const value = read();
        if (Array.isArray(value))
            values.push(...value);
        else if (value !== undefined)
            values.push(value);
    }
    return values;
}
function mapAddons(r) {
    const addons = [];
    for (const { block, name, identityBlock } of ADDON_BLOCKS) {
        const count = r.blockCount([block]);
        if (count === 0)
            continue;
        const addon = { name, enabled: isUnknown(count) ? count : true, roleAssignments: [] };
        if (identityBlock !== undefined) {
            const base = [block, 0, identityBlock, 0];
            const identity = {};
            setIfDefined(identity, 'objectId', r.string([...base, 'object_id']));
            setIfDefined(identity, 'clientId', r.string([...base, 'client_id']));
            setIfDefined(identity, 'resourceId', r.string([...base, 'user_assigned_identity_id']));
            addon.identity = identity;
        }
        addons.push(addon);
    }
    for (const { attribute, name } of ADDON_FLAGS) {
        const enabled = r.bool([attribute]);
        if (enabled === true || isUnknown(enabled))
            addons.push({ name, enabled, roleAssignments: [] });
    }
    return addons;
}

/**
 * What the `id` of a Terraform resource type is, as an ARM scope. When a role assignment's scope is only known after
 * apply, this still tells its level and resource type from the resource it references.
 */
const SCOPE_OF_TYPE = {
    azurerm_management_group: { level: 'managementGroup' },
    'data.azurerm_management_group': { level: 'managementGroup' },
    azurerm_subscription: { level: 'subscription' },
    'data.azurerm_subscription': { level: 'subscription' },
    azurerm_resource_group: { level: 'resourceGroup' },
    'data.azurerm_resource_group': { level: 'resourceGroup' },
    azurerm_kubernetes_cluster: {
        level: 'resource',
        resourceType: 'Microsoft.ContainerService/managedClusters',
    },
    azurerm_virtual_network: { level: 'resource', resourceType: 'Microsoft.Network/virtualNetworks' },
    azurerm_subnet: { level: 'resource', resourceType: 'Microsoft.Network/virtualNetworks/subnets' },
    azurerm_route_table: { level: 'resource', resourceType: 'Microsoft.Network/routeTables' },
    azurerm_public_ip: { level: 'resource', resourceType: 'Microsoft.Network/publicIPAddresses' },
    azurerm_application_gateway: { level: 'resource', resourceType: 'Microsoft.Network/applicationGateways' },
    azurerm_network_security_group: {
        level: 'resource',
        resourceType: 'Microsoft.Network/networkSecurityGroups',
    },
    azurerm_nat_gateway: { level: 'resource', resourceType: 'Microsoft.Network/natGateways' },
    azurerm_private_dns_zone: { level: 'resource', resourceType: 'Microsoft.Network/privateDnsZones' },
    azurerm_dns_zone: { level: 'resource', resourceType: 'Microsoft.Network/dnsZones' },
    azurerm_container_registry: { level: 'resource', resourceType: 'Microsoft.ContainerRegistry/registries' },
    azurerm_user_assigned_identity: {
        level: 'resource',
        resourceType: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    },
    azurerm_key_vault: { level: 'resource', resourceType: 'Microsoft.KeyVault/vaults' },
    azurerm_storage_account: { level: 'resource', resourceType: 'Microsoft.Storage/storageAccounts' },
    azurerm_log_analytics_workspace: {
        level: 'resource',
        resourceType: 'Microsoft.OperationalInsights/workspaces',
    },
    azurerm_disk_encryption_set: { level: 'resource', resourceType: 'Microsoft.Compute/diskEncryptionSets' },
};
function scopeOfResourceType(terraformType) {
    const direct = SCOPE_OF_TYPE[terraformType];
    if (direct !== undefined)
        return direct;
    const managedType = terraformType.startsWith('data.') ? terraformType.slice(5) : terraformType;
    // Data sources read the same resources as their managed counterparts; any other azurerm resource's ID is a
    // resource-level scope even when its ARM type is not in the table.
    return (SCOPE_OF_TYPE[managedType] ?? (managedType.startsWith('azurerm_') ? { level: 'resource' } : undefined));
}

function mapRoleAssignment(r) {
    const fields = {
        name: r.string(['name']) ?? r.address,
        id: r.string(['id']) ?? '',
        principalId: r.string(['principal_id']) ?? '',
        role: mapRole(r),
        scope: mapScope(r),
    };
    setIfDefined(fields, 'principalType', r.string(['principal_type']));
    setIfDefined(fields, 'condition', r.chosenString(['condition']));
    return fields;
}
/** `role_definition_name` and `role_definition_id` resolve to one role, identified by its GUID. */
function mapRole(r) {
    const name = r.string(['role_definition_name']);
    if (typeof name === 'string' && name !== '')
        return roleNamed(name);
    const id = roleDefinitionId(r);
    if (typeof id === 'string')
        return roleWithId(id);
    const unknownRole = new Unknown(id === undefined ? 'no role in the plan' : 'a role defined at apply');
    const role = {
        builtIn: unknownRole,
        actions: unknownRole,
        permissions: unknownRole,
    };
    if (id !== undefined)
        role.id = id;
    if (name !== undefined)
        role.name = name;
    return role;
}
/**
 * A custom role is referenced through any of azurerm_role_definition's IDs; the model names it by
 * `role_definition_resource_id` so the linker can join it with the definition.
 */
function roleDefinitionId(r) {
    const [resolved] = r.resolveConfigured(['role_definition_id']);
    const id = r.string(['role_definition_id']);
    if (isUnknown(id) &&
        resolved?.kind === 'attribute' &&
        resolved.resourceType === 'azurerm_role_definition') {
        return new Unknown(id.reason, `${resolved.resourceAddress}.role_definition_resource_id`, true);
    }
    return id;
}
/** A scope whose level and type are as unknown as its ID: a policy asking about either is indeterminate. */
function unknownScope(id, why) {
    const unknown = new Unknown(why);
    return { id, level: unknown, resourceType: unknown };
}
function mapScope(r) {
    const scope = r.string(['scope']);
    if (scope === undefined)
        return unknownScope(new Unknown('no scope in the plan'), 'no scope in the plan');
    if (!isUnknown(scope))
        return parseScope(scope) ?? unknownScope(scope, `unrecognised scope ${scope}`);
    const [only, ...more] = r.resolveConfigured(['scope']);
    if (only?.kind === 'attribute' && more.length === 0 && only.attribute === 'id') {
        const known = scopeOfResourceType(only.resourceType);
        if (known !== undefined) {
            const result = { id: scope, level: known.level };
            if (known.resourceType !== undefined)
                result.resourceType = known.resourceType;
            else if (known.level === 'resource') {
                result.resourceType = new Unknown(`the Azure resource type of ${only.resourceType} is not known here`);
            }
            return result;
        }
    }
    return unknownScope(scope, scope.reason);
}

function mapManagedIdentity(r) {
    const id = r.string(['id']) ?? '';
    const fields = {
        name: r.string(['name']) ?? '',
        id,
        scopeChain: r.scopeChain(id),
        principalId: r.string(['principal_id']) ?? '',
        clientId: r.string(['client_id']) ?? '',
    };
    setIfDefined(fields, 'resourceGroup', r.string(['resource_group_name']));
    return fields;
}
const PERMISSION_LISTS = [
    ['actions', 'actions'],
    ['notActions', 'not_actions'],
    ['dataActions', 'data_actions'],
    ['notDataActions', 'not_data_actions'],
];
function mapRoleDefinition(r) {
    const blocks = r.blockCount(['permissions']);
    const list = (i, attribute) => {
        const value = r.stringList(['permissions', i, attribute]);
        return Array.isArray(value) ? value : value === undefined ? [] : [value];
    };
    const all = (attribute) => isUnknown(blocks) ? [blocks] : Array.from({ length: blocks }, (_, i) => list(i, attribute)).flat();
    const scopes = r.stringList(['assignable_scopes']);
    return {
        name: r.string(['name']) ?? '',
        id: r.string(['role_definition_resource_id']) ?? r.string(['id']) ?? '',
        actions: all('actions'),
        notActions: all('not_actions'),
        dataActions: all('data_actions'),
        notDataActions: all('not_data_actions'),
        permissions: permissionBlocks(blocks, list),
        assignableScopes: Array.isArray(scopes) ? scopes : scopes === undefined ? [] : [scopes],
    };
}
/** A custom role's blocks, each as written; unknown as a whole when any of its actions is (the list decides). */
function permissionBlocks(blocks, list) {
    if (isUnknown(blocks))
        return blocks;
    const result = [];
    for (let i = 0; i < blocks; i++) {
        const block = { actions: [], notActions: [], dataActions: [], notDataActions: [] };
        for (const [field, attribute] of PERMISSION_LISTS) {
            for (const action of list(i, attribute)) {
                if (isUnknown(action))
                    return action;
                block[field].push(action);
            }
        }
        result.push(block);
    }
    return result;
}
/** azurerm 5.0 renamed `parent_id` to `user_assigned_identity_id`; `audience` is a list in 3.x and 4.x. */
function mapFederatedCredential(r) {
    return {
        usedBy: [],
        name: r.string(['name']) ?? '',
        issuer: r.string(['issuer']) ?? '',
        subject: r.string(['subject']) ?? '',
        audiences: r.stringList(['audience']) ?? [],
        parentId: r.string(['parent_id']) ?? r.string(['user_assigned_identity_id']) ?? '',
    };
}
function mapRegistry(r) {
    const id = r.string(['id']) ?? '';
    return {
        name: r.string(['name']) ?? '',
        id,
        adminUserEnabled: r.bool(['admin_enabled']) ?? false,
        scopeChain: r.scopeChain(id),
    };
}

const MANAGED_CLUSTERS = 'microsoft.containerservice/managedclusters@';
/**
 * The azapi provider sets AKS properties azurerm has no argument for, pod-managed identity among them:
 * `azapi_update_resource` (or `azapi_resource_action`) on a cluster with a `body` that holds ARM properties. Those
 * properties belong to the cluster the patch names (its `resource_id`). Returns the patches whose cluster is not in
 * the plan.
 */
function applyAzapiPatches(patches, clusters) {
    const clustersById = new ValueIndex();
    for (const cluster of clusters)
        clustersById.add(cluster.id, cluster);
    const unattached = [];
    for (const patch of patches) {
        const type = patch.string(['type']);
        if (typeof type === 'string' && !type.toLowerCase().startsWith(MANAGED_CLUSTERS))
            continue;
        const cluster = clustersById.first(patch.string(['resource_id']));
        if (cluster === undefined) {
            unattached.push(patch);
            continue;
        }
        const enabled = podIdentityEnabled(patch);
        if (enabled !== undefined)
            cluster.podIdentity = { enabled };
    }
    return unattached;
}
/** `properties.podIdentityProfile.enabled` of the body: an object (azapi 2.x) or JSON text (azapi 1.x). */
function podIdentityEnabled(patch) {
    const raw = patch.value(['body']);
    if (isUnknown(raw))
        return unknownOrigin(`the body of ${patch.address} is known only after apply`);
    let body = raw;
    if (typeof raw === 'string') {
        try {
            body = JSON.parse(raw);
        }
        catch {
            return unknownOrigin(`the body of ${patch.address} is not JSON`);
        }
    }
    const profile = findKey(asObject(findKey(asObject(body), 'properties')), 'podIdentityProfile');
    if (profile === undefined)
        return undefined;
    if (isUnknown(profile))
        return profile;
    const enabled = isObject(profile) ? findKey(profile, 'enabled') : undefined;
    return typeof enabled === 'boolean' || isUnknown(enabled) ? enabled : undefined;
}
/** ARM property names are case-insensitive. */
function findKey(record, name) {
    if (record === undefined)
        return undefined;
    const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : record[key];
}

/**
 * Extra node pools (`azurerm_kubernetes_cluster_node_pool`) bring their own subnets, which belong to the cluster's
 * network as much as the default pool's. Returns the pools whose cluster is not in the plan.
 */
function attachNodePoolSubnets(pools, clusters) {
    const unattached = [];
    const clustersById = new ValueIndex();
    for (const cluster of clusters)
        clustersById.add(cluster.id, cluster);
    for (const pool of pools) {
        const cluster = clustersById.first(pool.string(['kubernetes_cluster_id']));
        if (cluster === undefined) {
            unattached.push(pool);
            continue;
        }
        const network = cluster.network;
        if (network === undefined)
            continue;
        for (const attribute of ['vnet_subnet_id', 'pod_subnet_id']) {
            const present = pool.presence([attribute]);
            // A pool whose subnet may or may not be set leaves the cluster's subnets unknown as a whole.
            if (isUnknown(present)) {
                network.vnetSubnetIds = present;
                network.subnets = present;
            }
            const subnet = present === true ? pool.chosenString([attribute]) : undefined;
            if (subnet === undefined || isUnknown(network.vnetSubnetIds) || isUnknown(network.subnets))
                continue;
            if (network.vnetSubnetIds.some((s) => sameValue(s, subnet)))
                continue;
            network.vnetSubnetIds.push(subnet);
            network.subnets.push({ id: subnet, scopeChain: pool.scopeChain(subnet) });
        }
    }
    return unattached;
}

function parseTraversal(text) {
    const steps = [];
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        if (ch === '.') {
            i++;
            continue;
        }
        if (ch === '[') {
            const close = findIndexClose(text, i);
            if (close < 0)
                return undefined;
            const inner = text.slice(i + 1, close);
            if (/^\d+$/.test(inner))
                steps.push({ index: Number(inner) });
            else if (inner.startsWith('"'))
                steps.push({ index: JSON.parse(inner) });
            else
                return undefined;
            i = close + 1;
            continue;
        }
        let j = i;
        while (j < text.length && text[j] !== '.' && text[j] !== '[')
            j++;
        steps.push({ name: text.slice(i, j) });
        i = j;
    }
    return steps;
}
function findIndexClose(text, open) {
    let inString = false;
    for (let i = open + 1; i < text.length; i++) {
        const ch = text[i];
        if (inString) {
            if (ch === '\\')
                i++;
            else if (ch === '"')
                inString = false;
        }
        else if (ch === '"')
            inString = true;
        else if (ch === ']')
            return i;
    }
    return -1;
}
function formatSteps(steps) {
    let out = '';
    for (const step of steps) {
        if ('name' in step)
            out += out === '' ? step.name : `.${step.name}`;
        else
            out += typeof step.index === 'number' ? `[${step.index}]` : `[${JSON.stringify(step.index)}]`;
    }
    return out;
}
/** Joins an address prefix (a module instance path, maybe empty) and a relative traversal. */
function joinAddress(prefix, rest) {
    if (prefix === '')
        return rest;
    if (rest === '')
        return prefix;
    return rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
}
/**
 * Of the references Terraform lists for one expression (each traversal with all its prefixes), the distinct
 * traversals: those that are not a prefix of another one in the list.
 */
function distinctTraversals(references) {
    return references.filter((ref) => !references.some((other) => other !== ref && (other.startsWith(`${ref}.`) || other.startsWith(`${ref}[`))));
}

/** Marks a value the plan computes at apply time. */
const UNKNOWN = Symbol('unknown');
function attributePath(attribute) {
    return (parseTraversal(attribute) ?? []).map((s) => ('name' in s ? s.name : s.index));
}
/** A scalar as text; objects and arrays are not a string attribute's value. */
function scalarText(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return undefined;
}
/** Walks a planned value and its after_unknown mirror together; the mirror is `true` where a value is computed. */
function readPlanned(values, mirror, path) {
    let node = values;
    let marks = mirror;
    for (const step of path) {
        if (marks === true)
            return UNKNOWN;
        marks =
            isObject(marks) || Array.isArray(marks) ? marks[step] : undefined;
        node =
            isObject(node) || Array.isArray(node) ? node[step] : undefined;
    }
    if (marks === true)
        return UNKNOWN;
    return node === null ? undefined : node;
}
/** The known value of another resource's attribute in the plan, or undefined when unknown or absent. */
function knownAttribute(plan, address, attribute) {
    const resource = plan.valuesByAddress.get(address);
    if (resource?.after === undefined)
        return undefined;
    const value = readPlanned(resource.after, resource.afterUnknown, attributePath(attribute));
    return value === UNKNOWN ? undefined : value;
}

/**
 * The ID of each cluster's node resource group (MC_...), which AKS add-ons are granted roles on. The cluster's own
 * `node_resource_group_id` gives it; a resource group data source whose `name` is the cluster's
 * `node_resource_group` (the usual Terraform way to refer to it) names the same group, and role assignments scoped
 * through it use that name, so it takes precedence. Groups are indexed once, by the reference and by the name.
 */
function setNodeResourceGroupIds(clusters, ctx) {
    const byReference = new Map();
    const byName = new Map();
    for (const group of ctx.plan.valuesByAddress.values()) {
        if (group.type !== 'azurerm_resource_group')
            continue;
        const [resolved] = ctx.config.resolveAttribute(group.address, ['name']);
        if (resolved?.kind === 'attribute' && !byReference.has(resolved.ref))
            byReference.set(resolved.ref, group);
        const name = knownAttribute(ctx.plan, group.address, 'name');
        if (typeof name === 'string' && !byName.has(name.toLowerCase()))
            byName.set(name.toLowerCase(), group);
    }
    for (const cluster of clusters) {
        if (typeof cluster.nodeResourceGroupId === 'string')
            continue;
        const name = cluster.nodeResourceGroup;
        const group = byReference.get(`${cluster.key}.node_resource_group`) ??
            (typeof name === 'string' ? byName.get(name.toLowerCase()) : undefined);
        if (group === undefined)
            continue;
        const id = knownAttribute(ctx.plan, group.address, 'id');
        cluster.nodeResourceGroupId =
            typeof id === 'string'
                ? id
                : unknownAfterApply(`${group.address}.id`, group.mode === 'managed', group.mode === 'data');
    }
}

/**
 * Reads the parts of `terraform show -json` output that the adapter uses, checking the shape as it goes: a file
 * that is not a plan, or a plan whose parts have the wrong type, is an InputError naming the JSON path.
 */
function readPlan(document, file) {
    const root = asObject(document);
    if (root === undefined)
        throw new InputError({ file }, 'expected a JSON object (terraform show -json output)');
    const formatVersion = asString(root['format_version']);
    if (formatVersion === undefined || !/^1\./.test(formatVersion)) {
        throw new InputError({ file, pointer: '/format_version' }, `unsupported plan format_version ${JSON.stringify(root['format_version'])}; expected 1.x (Terraform 1.0 or later)`);
    }
    if (!isObject(root['planned_values'])) {
        throw new InputError({ file, pointer: '/planned_values' }, 'a plan without planned_values; expected the output of `terraform show -json <planfile>`');
    }
    const resources = [];
    const valuesByAddress = new Map();
    const changes = root['resource_changes'];
    if (changes !== undefined && !Array.isArray(changes)) {
        throw new InputError({ file, pointer: '/resource_changes' }, 'expected an array of resource changes');
    }
    (changes ?? []).forEach((change, i) => {
        const resource = readResourceChange(change, file, ['resource_changes', i]);
        resources.push(resource);
        // A deposed object (left by create_before_destroy) shares its address with the current one, which it must
        // not stand in for when other resources read its values.
        if (resource.deposed === undefined)
            valuesByAddress.set(resource.address, resource);
    });
    // Resources without a change entry (older or filtered plans) still count; their unknowns cannot be told apart
    // from absent values, since planned_values omits both.
    walkModule(root['planned_values'], ['planned_values'], file, (resource) => {
        if (valuesByAddress.has(resource.address))
            return;
        resources.push(resource);
        valuesByAddress.set(resource.address, resource);
    });
    // Data sources read while planning live only in prior_state.
    walkModule(asObject(root['prior_state'])?.['values'], ['prior_state', 'values'], file, (resource) => {
        if (!valuesByAddress.has(resource.address))
            valuesByAddress.set(resource.address, resource);
    });
    return {
        formatVersion,
        resources,
        configuration: root['configuration'],
        variables: asObject(root['variables']) ?? {},
        valuesByAddress,
    };
}
function readResourceChange(value, file, path) {
    const rc = asObject(value);
    const pointer = jsonPointer(path);
    if (rc === undefined)
        throw new InputError({ file, pointer }, 'expected a resource change object');
    const address = requireString(rc, 'address', file, path);
    const type = requireString(rc, 'type', file, path);
    const change = asObject(rc['change']);
    if (change === undefined)
        throw new InputError({ file, pointer: `${pointer}/change` }, 'expected a change object');
    const actions = asArray(change['actions']);
    if (actions === undefined || !actions.every((a) => typeof a === 'string')) {
        throw new InputError({ file, pointer: `${pointer}/change/actions` }, 'expected an array of action names');
    }
    const deposed = asString(rc['deposed']);
    return {
        address,
        ...(deposed === undefined ? {} : { deposed }),
        mode: rc['mode'] === 'data' ? 'data' : 'managed',
        type,
        action: changeAction(actions),
        actions: actions,
        after: optionalObject(change['after'], file, `${pointer}/change/after`),
        afterUnknown: change['after_unknown'],
        afterSensitive: change['after_sensitive'],
        before: optionalObject(change['before'], file, `${pointer}/change/before`),
        beforeSensitive: change['before_sensitive'],
        pointer,
    };
}
function walkModule(module, path, file, visit) {
    const m = asObject(asObject(module)?.['root_module'] ?? module);
    if (m === undefined)
        return;
    const base = asObject(module)?.['root_module'] !== undefined ? [...path, 'root_module'] : path;
    (asArray(m['resources']) ?? []).forEach((value, i) => {
        const r = asObject(value);
        const address = asString(r?.['address']);
        const type = asString(r?.['type']);
        if (r === undefined || address === undefined || type === undefined)
            return;
        visit({
            address,
            mode: r['mode'] === 'data' ? 'data' : 'managed',
            type,
            action: 'none',
            actions: [],
            after: asObject(r['values']),
            afterUnknown: {},
            afterSensitive: r['sensitive_values'],
            before: undefined,
            beforeSensitive: undefined,
            pointer: jsonPointer([...base, 'resources', i]),
        });
    });
    (asArray(m['child_modules']) ?? []).forEach((child, i) => {
        walkModule(child, [...base, 'child_modules', i], file, visit);
    });
}
/** Terraform writes a replacement as ["delete","create"] or ["create","delete"] (create_before_destroy). */
function changeAction(actions) {
    const key = actions.join(',');
    switch (key) {
        case 'create':
            return 'create';
        case 'update':
            return 'update';
        case 'delete':
            return 'delete';
        case 'delete,create':
        case 'create,delete':
            return 'replace';
        case 'no-op':
            return 'none';
        case 'read':
            return 'read';
        default:
            return undefined;
    }
}
function requireString(obj, key, file, path) {
    const value = asString(obj[key]);
    if (value === undefined)
        throw new InputError({ file, pointer: jsonPointer([...path, key]) }, 'expected a string');
    return value;
}
function optionalObject(value, file, pointer) {
    if (value === null || value === undefined)
        return undefined;
    const obj = asObject(value);
    if (obj === undefined)
        throw new InputError({ file, pointer }, 'expected an object or null');
    return obj;
}

const MAX_DEPTH$1 = 64;
class PlanConfiguration {
    rootVariableValues;
    resources = new Map();
    scopes = new Map();
    constructor(configuration, rootVariableValues) {
        this.rootVariableValues = rootVariableValues;
        const root = asObject(asObject(configuration)?.['root_module']);
        if (root !== undefined)
            this.indexModule({ config: root, instance: '', path: '' });
    }
    indexModule(scope) {
        this.scopes.set(scope.path, scope);
        const calls = asObject(scope.config['module_calls']) ?? {};
        // Module bodies first: some tools flatten module resources into the root with absolute addresses; the
        // module's own entry, with module-relative references, is the one to keep.
        for (const [name, call] of Object.entries(calls)) {
            const body = asObject(asObject(call)?.['module']);
            if (body === undefined)
                continue;
            const child = {
                config: body,
                instance: joinAddress(scope.instance, `module.${name}`),
                path: joinAddress(scope.path, `module.${name}`),
                parent: scope,
                callName: name,
            };
            this.indexModule(child);
        }
        for (const resource of asArray(scope.config['resources']) ?? []) {
            const r = asObject(resource);
            const address = asString(r?.['address']);
            if (r === undefined || address === undefined)
                continue;
            const absolute = address.startsWith('module.') ? address : joinAddress(scope.path, address);
            if (!this.resources.has(absolute)) {
                this.resources.set(absolute, { expressions: asObject(r['expressions']) ?? {}, scope });
            }
        }
    }
    /** The configuration expression of an attribute, e.g. ['identity', 0, 'identity_ids'], of a planned resource. */
    expression(resourceAddress, attributePath) {
        return asObject(this.configNode(resourceAddress, attributePath));
    }
    /** Whether the configuration describes the resource at all (some plans, and planned_values-only tools, omit it). */
    hasResource(resourceAddress) {
        return this.locate(resourceAddress) !== undefined;
    }
    /** Whether an attribute or nested block is written in the configuration at all. */
    isConfigured(resourceAddress, attributePath) {
        const node = this.configNode(resourceAddress, attributePath);
        return node !== undefined && !(Array.isArray(node) && node.length === 0);
    }
    /** Nested blocks are arrays of objects in configuration; attributes are expression objects. */
    configNode(resourceAddress, attributePath) {
        let node = this.locate(resourceAddress)?.resource.expressions;
        for (const step of attributePath) {
            if (Array.isArray(node))
                node = node[typeof step === 'number' ? step : 0];
            else if (isObject(node))
                node = node[String(step)];
            else
                return undefined;
        }
        return node;
    }
    /** Resolves every distinct traversal of the attribute's expression. Empty when the attribute is not configured. */
    resolveAttribute(resourceAddress, attributePath) {
        const located = this.locate(resourceAddress);
        const expression = this.expression(resourceAddress, attributePath);
        if (located === undefined || expression === undefined)
            return [];
        // A whole resource (a for-expression over it, say) is not one value: which of its values is not known.
        return this.resolveExpression(expression, located.scope, 0).map((r) => r.kind === 'attribute' && r.attribute === ''
            ? { kind: 'unresolved', reason: `an expression over the whole of ${r.resourceAddress}` }
            : r);
    }
    locate(resourceAddress) {
        const steps = parseTraversal(resourceAddress);
        if (steps === undefined)
            return undefined;
        const { modulePath, instance, rest } = splitModulePath(steps);
        const relative = formatSteps(stripIndexes(rest));
        const resource = this.resources.get(joinAddress(modulePath, relative));
        if (resource === undefined)
            return undefined;
        // A flattened copy in the root module writes its references from the root (absolute), not from its module.
        const flattened = resource.scope.path === '' && modulePath !== '';
        return { resource, scope: { ...resource.scope, instance: flattened ? '' : instance } };
    }
    resolveExpression(expression, scope, depth) {
        if ('constant_value' in expression)
            return [{ kind: 'constant', value: expression['constant_value'] }];
        const references = (asArray(expression['references']) ?? []).filter((r) => typeof r === 'string');
        if (references.length === 0)
            return [{ kind: 'unresolved', reason: 'an expression without references' }];
        return distinctTraversals(references).map((ref) => this.resolveReference(ref, scope, depth));
    }
    resolveReference(reference, scope, depth) {
        if (depth > MAX_DEPTH$1)
            return { kind: 'unresolved', reason: 'references nest too deeply' };
        const steps = parseTraversal(reference);
        const head = steps?.[0];
        if (steps === undefined || head === undefined || !('name' in head)) {
            return { kind: 'unresolved', reason: `an unreadable reference ${reference}` };
        }
        switch (head.name) {
            case 'var':
                return into(this.resolveVariable(stepName(steps[1]), scope, depth), steps.slice(2));
            case 'module':
                return this.resolveModuleReference(steps, scope, depth);
            case 'local':
                return { kind: 'unresolved', reason: `local value ${reference} (plan JSON does not record locals)` };
            case 'each':
            case 'count':
            case 'path':
            case 'terraform':
            case 'self':
                return { kind: 'unresolved', reason: `${reference} (per-instance value)` };
            case 'data':
                return attributeOf(scope.instance, steps, 3);
            default:
                return attributeOf(scope.instance, steps, 2);
        }
    }
    resolveVariable(name, scope, depth) {
        if (name === undefined)
            return { kind: 'unresolved', reason: 'an unreadable variable reference' };
        if (scope.parent === undefined || scope.callName === undefined) {
            const declared = asObject(asObject(scope.config['variables'])?.[name]);
            const hasDefault = declared !== undefined && isSet(declared['default']);
            const given = asObject(this.rootVariableValues[name]);
            if (given !== undefined && 'value' in given) {
                return {
                    kind: 'constant',
                    value: given['value'],
                    variable: { name, module: scope.path, hasDefault },
                };
            }
            return { kind: 'unresolved', reason: `variable var.${name} has no value in the plan` };
        }
        const call = asObject(asObject(scope.parent.config['module_calls'])?.[scope.callName]);
        const input = asObject(asObject(call?.['expressions'])?.[name]);
        const parent = { ...scope.parent, instance: parentInstance(scope.instance) };
        if (input === undefined) {
            const declared = asObject(asObject(scope.config['variables'])?.[name]);
            if (declared !== undefined && 'default' in declared) {
                return {
                    kind: 'constant',
                    value: declared['default'],
                    variable: { name, module: scope.path, hasDefault: isSet(declared['default']) },
                };
            }
            return { kind: 'unresolved', reason: `module input var.${name} is not set by its caller` };
        }
        const resolved = this.resolveExpression(input, parent, depth + 1);
        return single(resolved, `module input var.${name}`);
    }
    resolveModuleReference(steps, scope, depth) {
        const callName = stepName(steps[1]);
        let next = 2;
        let instance = joinAddress(scope.instance, `module.${callName ?? ''}`);
        const maybeIndex = steps[2];
        if (maybeIndex !== undefined && 'index' in maybeIndex) {
            instance += formatSteps([maybeIndex]);
            next = 3;
        }
        const child = callName === undefined ? undefined : this.scopes.get(joinAddress(scope.path, `module.${callName}`));
        const outputName = stepName(steps[next]);
        if (child === undefined || outputName === undefined) {
            return {
                kind: 'unresolved',
                reason: `module output ${formatSteps(steps)} not found in the configuration`,
            };
        }
        const output = asObject(asObject(child.config['outputs'])?.[outputName]);
        const expression = asObject(output?.['expression']);
        if (expression === undefined) {
            // Flattened absolute references (module.m.<type>.<name>...) point straight at a resource of the module.
            if (this.resources.has(joinAddress(child.path, formatSteps(stripIndexes(steps.slice(next, next + 2)))))) {
                return attributeOf(instance, steps.slice(next), 2);
            }
            return {
                kind: 'unresolved',
                reason: `module output ${formatSteps(steps)} not found in the configuration`,
            };
        }
        const resolved = this.resolveExpression(expression, { ...child, instance }, depth + 1);
        const result = single(resolved, `module output module.${callName ?? ''}.${outputName}`);
        // `module.m.out.attr` reads into an output that is itself an object, e.g. a whole resource.
        return into(result, steps.slice(next + 1));
    }
}
function attributeOf(instance, steps, nameSteps) {
    const typeStep = steps[nameSteps - 2];
    const resourceType = stepName(typeStep);
    if (resourceType === undefined || steps.length < nameSteps) {
        return { kind: 'unresolved', reason: `an unreadable reference ${formatSteps(steps)}` };
    }
    let end = nameSteps;
    const maybeIndex = steps[end];
    if (maybeIndex !== undefined && 'index' in maybeIndex)
        end++;
    const resourceAddress = joinAddress(instance, formatSteps(steps.slice(0, end)));
    const attribute = formatSteps(steps.slice(end));
    const fullType = nameSteps === 3 ? `data.${resourceType}` : resourceType;
    return {
        kind: 'attribute',
        resourceAddress,
        resourceType: fullType,
        attribute,
        ref: joinAddress(resourceAddress, attribute),
    };
}
/**
 * Reads further into a resolved value: `var.identity.principal_id` where the caller passes a whole resource, or a
 * field of a constant object. Indexing into a whole resource (a for-expression over it) gives no one value.
 */
function into(resolved, rest) {
    if (rest.length === 0 || resolved.kind === 'unresolved')
        return resolved;
    if (resolved.kind === 'constant') {
        let value = resolved.value;
        for (const step of rest) {
            const key = 'name' in step ? step.name : step.index;
            value =
                typeof value === 'object' && value !== null
                    ? value[key]
                    : undefined;
        }
        return resolved.variable === undefined
            ? { kind: 'constant', value }
            : { kind: 'constant', value, variable: resolved.variable };
    }
    const first = rest[0];
    if (resolved.attribute === '' && first !== undefined && 'index' in first) {
        return {
            kind: 'unresolved',
            reason: `an expression indexing into the whole of ${resolved.resourceAddress}`,
        };
    }
    const attribute = joinAddress(resolved.attribute, formatSteps(rest));
    return { ...resolved, attribute, ref: joinAddress(resolved.resourceAddress, attribute) };
}
function isSet(value) {
    return value !== undefined && value !== null && value !== '';
}
function single(resolved, what) {
    const [first] = resolved;
    if (resolved.length === 1 && first !== undefined)
        return first;
    return { kind: 'unresolved', reason: `${what} combines several values` };
}
function stepName(step) {
    return step !== undefined && 'name' in step ? step.name : undefined;
}
function splitModulePath(steps) {
    const pathSteps = [];
    const instanceSteps = [];
    let i = 0;
    while (stepName(steps[i]) === 'module' && steps[i + 1] !== undefined) {
        const moduleStep = steps[i];
        const nameStep = steps[i + 1];
        pathSteps.push(moduleStep, nameStep);
        instanceSteps.push(moduleStep, nameStep);
        i += 2;
        const maybeIndex = steps[i];
        if (maybeIndex !== undefined && 'index' in maybeIndex) {
            instanceSteps.push(maybeIndex);
            i++;
        }
    }
    return { modulePath: formatSteps(pathSteps), instance: formatSteps(instanceSteps), rest: steps.slice(i) };
}
function stripIndexes(steps) {
    return steps.filter((s) => 'name' in s);
}
function parentInstance(instance) {
    const steps = parseTraversal(instance) ?? [];
    let cut = steps.length;
    // Drop the last `module.<name>` and its index, if any.
    const last = steps[cut - 1];
    if (last !== undefined && 'index' in last)
        cut--;
    cut -= 2;
    return formatSteps(steps.slice(0, Math.max(cut, 0)));
}

const HEADER = /^\s*(?:(resource|data)\s+"([^"]+)"|(variable))\s+"([^"]+)"\s*\{/;
const NESTED_BLOCK = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\{/;
const ATTRIBUTE = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=(?!=)/;
/**
 * Finds resource and data blocks with their line span. It lexes just enough HCL to match braces: strings (with
 * `${...}` templates), heredocs and the three comment styles, so a brace inside any of them does not count.
 */
function findDeclaredBlocks(text) {
    const lines = text.split(/\r?\n/);
    const blocks = [];
    const scanner = new BraceScanner();
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        const depthBefore = scanner.depth;
        const match = depthBefore === 0 && !scanner.inMultiLineConstruct() ? HEADER.exec(line) : null;
        scanner.feed(line);
        if (match === null)
            continue;
        const [, keyword, type, variable, name] = match;
        const block = {
            mode: variable !== undefined ? 'variable' : keyword === 'data' ? 'data' : 'managed',
            type: type ?? '',
            name: name ?? '',
            line: i + 1,
            endLine: i + 1,
        };
        let j = i;
        while (scanner.depth > 0 && j + 1 < lines.length) {
            j++;
            scanner.feed(lines[j] ?? '');
        }
        block.endLine = j + 1;
        blocks.push(block);
        i = j;
    }
    return blocks;
}
/**
 * The line of an attribute inside a block, following nested blocks by name: `['service_principal',
 * 'client_secret']` finds `client_secret = ...` inside `service_principal { ... }`. Undefined when it is not
 * written there (a `dynamic` block, say).
 */
function findAttributeLine(text, block, path) {
    const lines = text.split(/\r?\n/);
    const scanner = new BraceScanner();
    scanner.feed(lines[block.line - 1] ?? '');
    const base = scanner.depth;
    const open = [];
    for (let i = block.line; i < block.endLine; i++) {
        const line = lines[i] ?? '';
        const depth = scanner.depth;
        const quiet = !scanner.inMultiLineConstruct();
        while (open.length > 0 && (open[open.length - 1]?.depth ?? 0) > depth)
            open.pop();
        const nesting = open.map((o) => o.name);
        const attribute = quiet ? ATTRIBUTE.exec(line) : null;
        if (attribute !== null &&
            depth === base + nesting.length &&
            nesting.length === path.length - 1 &&
            nesting.every((n, j) => n === path[j]) &&
            attribute[1] === path[path.length - 1]) {
            return i + 1;
        }
        const nested = quiet ? NESTED_BLOCK.exec(line) : null;
        scanner.feed(line);
        if (nested?.[1] !== undefined && scanner.depth > depth)
            open.push({ name: nested[1], depth: scanner.depth });
    }
    return undefined;
}
class BraceScanner {
    depth = 0;
    heredoc;
    inBlockComment = false;
    /** Nesting of open strings and templates: 's' a quoted string, 't' a `${` template inside one. */
    stack = [];
    inMultiLineConstruct() {
        return this.heredoc !== undefined || this.inBlockComment || this.stack.length > 0;
    }
    feed(line) {
        if (this.heredoc !== undefined) {
            if (line.trim() === this.heredoc)
                this.heredoc = undefined;
            return;
        }
        for (let i = 0; i < line.length; i++) {
            const ch = line[i];
            const next = line[i + 1];
            if (this.inBlockComment) {
                if (ch === '*' && next === '/') {
                    this.inBlockComment = false;
                    i++;
                }
                continue;
            }
            const top = this.stack[this.stack.length - 1];
            if (top === 's') {
                if (ch === '\\')
                    i++;
                else if (ch === '"')
                    this.stack.pop();
                else if ((ch === '$' || ch === '%') && next === '{') {
                    this.stack.push('t');
                    i++;
                }
                continue;
            }
            if (ch === '#' || (ch === '/' && next === '/'))
                return;
            if (ch === '/' && next === '*') {
                this.inBlockComment = true;
                i++;
            }
            else if (ch === '"')
                this.stack.push('s');
            else if (ch === '<' && next === '<') {
                const marker = /^<<-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(line.slice(i));
                if (marker !== null) {
                    this.heredoc = marker[1];
                    return;
                }
            }
            else if (ch === '{') {
                if (top !== 't')
                    this.depth++;
                else
                    this.stack.push('t');
            }
            else if (ch === '}') {
                if (top === 't')
                    this.stack.pop();
                else
                    this.depth = Math.max(0, this.depth - 1);
            }
        }
    }
}

class DeclarationFinder {
    terraformDir;
    repoRoot;
    configuration;
    dirBlocks = new Map();
    constructor(terraformDir, repoRoot, configuration) {
        this.terraformDir = terraformDir;
        this.repoRoot = repoRoot;
        this.configuration = configuration;
    }
    async find(address) {
        const found = await this.findBlock(address);
        if ('note' in found)
            return found;
        return {
            location: { file: this.display(found.file), line: found.block.line, endLine: found.block.endLine },
        };
    }
    /** The line of an attribute in a resource's block, e.g. `['service_principal', 'client_secret']`. */
    async findAttribute(address, path) {
        const found = await this.findBlock(address);
        if ('note' in found)
            return undefined;
        const line = findAttributeLine(found.text, found.block, path);
        return line === undefined ? undefined : { file: this.display(found.file), line, endLine: line };
    }
    /** The `default = ...` line of a variable declared in a module (empty module path: the root module). */
    async findVariableDefault(modulePath, name) {
        const dir = this.moduleDir(parseTraversal(modulePath)?.flatMap((s) => ('name' in s ? [s.name] : [])) ?? []);
        if (typeof dir !== 'string')
            return undefined;
        const found = (await this.blocksIn(dir)).get(blockKey('variable', '', name));
        if (found === undefined)
            return undefined;
        const line = findAttributeLine(found.text, found.block, ['default']);
        return line === undefined ? undefined : { file: this.display(found.file), line, endLine: line };
    }
    async findBlock(address) {
        const steps = parseTraversal(address) ?? [];
        const names = steps.flatMap((s) => ('name' in s ? [s.name] : []));
        let i = 0;
        while (names[i] === 'module' && names[i + 1] !== undefined)
            i += 2;
        const dir = this.moduleDir(names.slice(0, i));
        if (typeof dir !== 'string')
            return dir;
        const isData = names[i] === 'data';
        const type = names[isData ? i + 1 : i];
        const name = names[isData ? i + 2 : i + 1];
        const blocks = await this.blocksIn(dir);
        if (blocks.size === 0)
            return { note: `no .tf files in ${this.display(dir)}` };
        const found = blocks.get(blockKey(isData ? 'data' : 'managed', type ?? '', name ?? ''));
        if (found === undefined)
            return { note: `no ${isData ? 'data' : 'resource'} "${type}" "${name}" block in ${this.display(dir)}` };
        return found;
    }
    /** The directory of a module path (`module`, name pairs) through the local `source` of each call. */
    moduleDir(names) {
        let dir = this.terraformDir;
        let module = asObject(asObject(this.configuration)?.['root_module']);
        for (let i = 0; names[i] === 'module' && names[i + 1] !== undefined; i += 2) {
            const callName = names[i + 1] ?? '';
            const call = asObject(asObject(module?.['module_calls'])?.[callName]);
            const source = asString(call?.['source']);
            if (source === undefined)
                return { note: `module.${callName} is not in the plan's configuration` };
            if (!source.startsWith('./') && !source.startsWith('../')) {
                return { note: `declared in module.${callName} from ${source}, which is not a local path` };
            }
            dir = resolve(dir, source);
            module = asObject(call?.['module']);
        }
        return dir;
    }
    blocksIn(dir) {
        let pending = this.dirBlocks.get(dir);
        if (pending === undefined) {
            pending = scanDir(dir);
            this.dirBlocks.set(dir, pending);
        }
        return pending;
    }
    display(path) {
        return displayPath(this.repoRoot, path);
    }
}
function blockKey(mode, type, name) {
    return `${mode} ${type} ${name}`;
}
/** Every resource and data block of a directory's .tf files, by mode, type and name: found in constant time. */
async function scanDir(dir) {
    const found = new Map();
    let names;
    try {
        names = (await readdir(dir)).filter((n) => n.endsWith('.tf')).sort();
    }
    catch {
        return found;
    }
    for (const name of names) {
        const file = join(dir, name);
        const text = await readFile(file, 'utf8').catch(() => '');
        for (const block of findDeclaredBlocks(text)) {
            const key = blockKey(block.mode, block.type, block.name);
            if (!found.has(key))
                found.set(key, { file, block, text });
        }
    }
    return found;
}

/** The attribute through which each resource type names its parent scope, innermost first. */
const PARENTS = {
    azurerm_subnet: [
        {
            attribute: 'virtual_network_name',
            what: 'virtual network',
            parentTypes: ['azurerm_virtual_network', 'data.azurerm_virtual_network'],
        },
    ],
};
const RESOURCE_GROUP = {
    attribute: 'resource_group_name',
    what: 'resource group',
    parentTypes: ['azurerm_resource_group', 'data.azurerm_resource_group'],
};
const MAX_DEPTH = 8;
/**
 * A resource's ID and the IDs of the scopes that contain it, as far as the plan tells. A known ID is parsed; an ID
 * known only after apply (`azurerm_subnet.aks.id`) is followed through the configuration: the subnet's
 * `virtual_network_name` names its VNet resource, its `resource_group_name` the resource group resource, whose IDs
 * (known or not) complete the chain. A role on any of them covers the resource. Where the chain cannot be followed
 * to a known subscription, it ends in an unknown that says so: a role granted at some scope the plan does not
 * place may or may not cover the resource, and that is unknown, not "no".
 */
function scopeChainOf(id, ctx) {
    if (id === undefined || id === '')
        return [];
    if (!isUnknown(id))
        return ancestorScopes(id);
    const match = id.ref === undefined ? null : /^(.*)\.id$/.exec(id.ref);
    if (match?.[1] === undefined)
        return [id, unknownOrigin(`the scopes that contain ${describe(id)}`)];
    return [id, ...parentsOf(match[1], ctx, 0)];
}
function describe(id) {
    return id.ref === undefined ? 'a resource whose ID is not known' : id.ref.replace(/\.id$/, '');
}
/** The scopes above a resource the plan creates, innermost first, ending where the plan stops telling. */
function parentsOf(address, ctx, depth) {
    if (depth > MAX_DEPTH)
        return [unknownOrigin(`the scopes that contain ${address} (nested too deeply)`)];
    if (!ctx.config.hasResource(address)) {
        return [
            unknownOrigin(`the scopes that contain ${address} (the plan's configuration does not describe it)`),
        ];
    }
    const chain = [];
    for (const link of [...(PARENTS[resourceType$1(address)] ?? []), RESOURCE_GROUP]) {
        const parent = parentResource(address, link, ctx);
        if (parent === undefined)
            continue;
        if ('unresolved' in parent) {
            chain.push(unknownOrigin(`the ${link.what} of ${address} (${parent.unresolved})`));
            continue;
        }
        if ('outside' in parent) {
            // Named, but not in this plan: it exists already, as does the subscription above it.
            chain.push(existingScope(`the ${link.what} '${parent.outside}' of ${address}`));
            continue;
        }
        const known = knownAttribute(ctx.plan, parent.address, 'id');
        if (typeof known === 'string')
            return [...chain, ...ancestorScopes(known)];
        const isData = parent.address.includes('data.');
        return [
            ...chain,
            unknownAfterApply(`${parent.address}.id`, !isData, isData),
            ...parentsOf(parent.address, ctx, depth + 1),
        ];
    }
    // A resource group (or anything else at the top) that the plan creates: its subscription exists already.
    chain.push(existingScope(`the subscription of ${address}`));
    return chain;
}
function existingScope(what) {
    return new Unknown(`not known before apply: ${what}`, undefined, false, true);
}
/**
 * The parent resource an attribute names: by reference (`virtual_network_name = azurerm_virtual_network.v.name`),
 * or by the same name, when both are plain values (two resources fed from one variable), within the same resource
 * group where that is known too. Undefined when the attribute is not set; a name no resource of the plan has is a
 * parent outside the plan; an expression the configuration cannot follow is unresolved.
 */
function parentResource(address, link, ctx) {
    const resolved = ctx.config.resolveAttribute(address, [link.attribute]);
    const [first, ...more] = resolved;
    if (first === undefined)
        return undefined;
    if (more.length > 0)
        return { unresolved: `${link.attribute} combines several values` };
    if (first.kind === 'unresolved')
        return { unresolved: first.reason };
    if (first.kind === 'attribute') {
        if (first.attribute === 'name' && link.parentTypes.includes(first.resourceType)) {
            return { address: first.resourceAddress };
        }
        const name = knownAttribute(ctx.plan, address, link.attribute);
        return typeof name === 'string'
            ? byNameOrOutside(name, address, link, ctx)
            : { unresolved: `${link.attribute} is ${first.ref}` };
    }
    const name = first.value ?? knownAttribute(ctx.plan, address, link.attribute);
    if (typeof name !== 'string')
        return { unresolved: `${link.attribute} is not a name` };
    return byNameOrOutside(name, address, link, ctx);
}
function byNameOrOutside(name, address, link, ctx) {
    const group = knownAttribute(ctx.plan, address, 'resource_group_name');
    const matches = (byName(ctx).get(name.toLowerCase()) ?? []).filter((r) => {
        if (!link.parentTypes.includes(r.type))
            return false;
        const candidateGroup = knownAttribute(ctx.plan, r.address, 'resource_group_name');
        return (typeof group !== 'string' ||
            typeof candidateGroup !== 'string' ||
            group.toLowerCase() === candidateGroup.toLowerCase());
    });
    const [only, ...others] = matches;
    if (only === undefined)
        return { outside: name };
    return others.length === 0
        ? { address: only.address }
        : { unresolved: `several resources are named ${name}` };
}
const nameIndexes = new WeakMap();
/** The plan's resources by their known name, built once per plan so that name lookups stay linear overall. */
function byName(ctx) {
    let index = nameIndexes.get(ctx.plan);
    if (index !== undefined)
        return index;
    index = new Map();
    for (const r of ctx.plan.valuesByAddress.values()) {
        const name = knownAttribute(ctx.plan, r.address, 'name');
        if (typeof name !== 'string')
            continue;
        const entry = { address: r.address, type: r.mode === 'data' ? `data.${r.type}` : r.type };
        const list = index.get(name.toLowerCase());
        if (list === undefined)
            index.set(name.toLowerCase(), [entry]);
        else
            list.push(entry);
    }
    nameIndexes.set(ctx.plan, index);
    return index;
}
/** `module.m.azurerm_subnet.s["k"]` is of type azurerm_subnet; `data.azurerm_resource_group.r` of data.azurerm_resource_group. */
function resourceType$1(address) {
    const names = address.replace(/\[[^\]]*\]/g, '').split('.');
    let i = 0;
    while (names[i] === 'module')
        i += 2;
    return names[i] === 'data' ? `data.${names[i + 1] ?? ''}` : (names[i] ?? '');
}

/** How many configured attributes one value may pass through before it is named where it stands. */
const MAX_CHAIN = 16;
/**
 * Nested blocks the provider fills in when the configuration leaves them out (Optional+Computed), by resource type:
 * a create plan shows such a block as unknown as a whole, which is the platform's doing, not a `dynamic` block's.
 */
const COMPUTED_BLOCKS = {
    azurerm_kubernetes_cluster: new Set([
        'kubelet_identity',
        'network_profile',
        'load_balancer_profile',
        'nat_gateway_profile',
        'api_server_access_profile',
        'oms_agent_identity',
        'ingress_application_gateway_identity',
        'secret_identity',
        'connector_identity',
        'web_app_routing_identity',
        'upgrade_settings',
        'windows_profile',
        'auto_scaler_profile',
    ]),
};
class ResourceView {
    resource;
    values;
    unknownMirror;
    ctx;
    /** Field path → where its deciding value is written, for findings to point at that line. */
    origins = new Map();
    constructor(resource, values, unknownMirror, ctx) {
        this.resource = resource;
        this.values = values;
        this.unknownMirror = unknownMirror;
        this.ctx = ctx;
    }
    static after(resource, ctx) {
        return new ResourceView(resource, resource.after, resource.afterUnknown, ctx);
    }
    static before(resource, ctx) {
        return resource.before === undefined ? undefined : new ResourceView(resource, resource.before, {}, ctx);
    }
    get address() {
        return this.resource.address;
    }
    /** The value as the plan states it: known, Unknown (naming this attribute) or undefined when absent. */
    raw(path) {
        const read = readPlanned(this.values, this.unknownMirror, path);
        if (read !== UNKNOWN)
            return read;
        const ref = `${this.address}.${formatPath(path)}`;
        return unknownAfterApply(ref, isIdentifierRef(ref), isExistingRef(ref));
    }
    /**
     * Like raw, but an unknown value is resolved through the configuration when it can be. When the configuration
     * cannot say where it comes from, the value is unknown of unknown origin: not this resource's own identifier.
     */
    value(path) {
        const raw = this.raw(path);
        if (!isUnknown(raw))
            return raw;
        const resolved = this.ctx.config.resolveAttribute(this.address, path);
        const [only] = resolved;
        if (resolved.length === 0) {
            const configured = this.configured(path);
            return isUnknown(configured) ? unknownOrigin(originReason(configured), raw.ref) : raw;
        }
        if (resolved.length > 1 || only === undefined) {
            return unknownOrigin(`${formatPath(path)} combines several values`);
        }
        return this.fromResolved(only);
    }
    /**
     * Whether the configuration writes an attribute or nested block: true, false, or an Unknown saying why the plan
     * cannot tell. It cannot when the resource has no configuration, or when a block (or a block around the
     * attribute) is in the planned values but not in the configuration: Terraform leaves `dynamic` blocks out of
     * the configuration's expressions. Blocks the provider computes itself are the exception.
     */
    configured(path) {
        const config = this.ctx.config;
        if (!config.hasResource(this.address)) {
            return unknownOrigin(`the plan's configuration does not describe ${this.address}`);
        }
        for (let i = 0; i < path.length; i++) {
            const step = path[i];
            if (typeof step !== 'string')
                continue;
            const prefix = path.slice(0, i + 1);
            if (config.isConfigured(this.address, prefix))
                continue;
            const planned = this.raw(prefix);
            // A block the plan has but the configuration does not came from a `dynamic` block. A block that is unknown
            // as a whole is one too (its for_each is not known yet), unless the provider computes it when left out.
            const dynamic = isUnknown(planned)
                ? i < path.length - 1 && !(COMPUTED_BLOCKS[this.resource.type]?.has(step) ?? false)
                : isNonEmptyBlock(planned);
            if (dynamic) {
                return unknownOrigin(`${formatPath(prefix)} is in the planned values but not in the configuration (a dynamic block, which Terraform leaves out)`);
            }
            return false;
        }
        return true;
    }
    /**
     * A boolean setting with the platform's default when the input leaves it null. A key the planned values do not
     * have at all is not the default: the plan does not state it (a partial plan, or a value planned_values omits
     * because it is computed).
     */
    boolOrDefault(path, platformDefault) {
        const v = this.bool(path);
        if (v !== undefined)
            return v;
        return this.states(path)
            ? platformDefault
            : unknownOrigin(`the plan does not state ${formatPath(path)}`, `${this.address}.${formatPath(path)}`);
    }
    /** Whether the planned values have the key at all (null included). */
    states(path) {
        let node = this.values;
        for (const step of path) {
            if (Array.isArray(node) && typeof step === 'number') {
                if (step >= node.length)
                    return false;
                node = node[step];
            }
            else if (isObject(node) && typeof step === 'string') {
                if (!Object.hasOwn(node, step))
                    return false;
                node = node[step];
            }
            else
                return false;
        }
        return true;
    }
    string(path) {
        const v = this.value(path);
        if (isUnknown(v))
            return v;
        return scalarText(v);
    }
    bool(path) {
        const v = this.value(path);
        if (isUnknown(v) || typeof v === 'boolean')
            return v;
        return undefined;
    }
    /**
     * For an optional attribute that the provider computes when the user leaves it out (Optional+Computed): an unknown
     * value the configuration does not set is the platform's choice, not the user's, so it counts as not set.
     */
    /**
     * Whether an optional attribute is set: known from a known value; for an unknown one, from the configuration (a
     * value the configuration does not set is the provider's); unknown when the configuration cannot tell.
     */
    presence(path) {
        const v = this.raw(path);
        if (!isUnknown(v))
            return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
        return this.configured(path);
    }
    chosenString(path) {
        const v = this.string(path);
        if (v === '')
            return undefined;
        if (!isUnknown(v))
            return v;
        const configured = this.configured(path);
        if (configured === false)
            return undefined;
        return configured === true ? v : unknownOrigin(originReason(configured), v.ref);
    }
    /** A list of strings; an unknown list becomes one unknown element per reference in its expression. */
    stringList(path) {
        const raw = this.raw(path);
        if (Array.isArray(raw)) {
            return raw.map((_, i) => this.string([...path, i])).filter((v) => v !== undefined);
        }
        if (!isUnknown(raw)) {
            const text = scalarText(raw);
            return text === undefined ? undefined : [text];
        }
        const resolved = this.ctx.config.resolveAttribute(this.address, path);
        if (resolved.length === 0)
            return raw;
        const items = [];
        for (const r of resolved) {
            const v = this.fromResolved(r);
            const values = Array.isArray(v) ? v : [v];
            for (const item of values) {
                const text = isUnknown(item) ? item : scalarText(item);
                if (text !== undefined)
                    items.push(text);
            }
        }
        return items;
    }
    /** Number of elements of a nested block (0 when absent); unknown when the whole block is computed. */
    blockCount(path) {
        const raw = this.raw(path);
        if (isUnknown(raw))
            return raw;
        return asArray(raw)?.length ?? 0;
    }
    /** The ID's chain of containing scopes (see scopeChainOf). */
    scopeChain(id) {
        return scopeChainOf(id, this.ctx);
    }
    isConfigured(path) {
        return this.ctx.config.isConfigured(this.address, path);
    }
    resolveConfigured(path) {
        return this.ctx.config.resolveAttribute(this.address, path);
    }
    /**
     * What a resolved reference is worth: a constant, a known value of another resource, or an Unknown named after
     * the value's origin. A reference to an attribute that is itself configured from another reference is followed to
     * its origin, so that every name of one value (the cluster's kubelet object ID, and the identity's principal ID it
     * is set from) becomes the same Unknown.
     */
    fromResolved(resolved, depth = 0) {
        switch (resolved.kind) {
            case 'constant':
                return resolved.value;
            case 'unresolved':
                return unknownOrigin(resolved.reason);
            case 'attribute': {
                const known = knownAttribute(this.ctx.plan, resolved.resourceAddress, resolved.attribute);
                if (known !== undefined)
                    return known;
                const path = attributePath(resolved.attribute);
                const [next, ...more] = depth < MAX_CHAIN ? this.ctx.config.resolveAttribute(resolved.resourceAddress, path) : [];
                if (next !== undefined && more.length === 0 && next.kind !== 'unresolved')
                    return this.fromResolved(next, depth + 1);
                return unknownAfterApply(resolved.ref, isIdentifierRef(resolved.ref), isExistingRef(resolved.ref));
            }
        }
    }
}
/** A block with content: a non-empty list of blocks, or one block object. */
function isNonEmptyBlock(value) {
    if (Array.isArray(value))
        return value.length > 0;
    return isObject(value);
}
/** The reason of an unknown-origin marker, without its prefix, to give it to another value. */
function originReason(marker) {
    return marker.reason.replace(/^of unknown origin: /, '');
}
function formatPath(path) {
    const steps = path.map((p) => (typeof p === 'number' ? { index: p } : { name: p }));
    return formatSteps(steps);
}

/** azapi resources that set properties of an existing ARM resource. */
const AZAPI_PATCHES = new Set(['azapi_update_resource']);
const ENTITY_OF_TYPE = {
    azurerm_kubernetes_cluster: 'cluster',
    azurerm_user_assigned_identity: 'managedIdentity',
    azurerm_role_assignment: 'roleAssignment',
    azurerm_role_definition: 'roleDefinition',
    azurerm_federated_identity_credential: 'federatedCredential',
    azurerm_container_registry: 'registry',
};
/** Terraform plan JSON (`terraform show -json <planfile>`, format_version 1.x) to model entities. */
async function readTerraformPlan(document, options) {
    const plan = readPlan(document.value, document.file);
    const ctx = { plan, config: new PlanConfiguration(plan.configuration, plan.variables) };
    const finder = new DeclarationFinder(options.terraformDir ?? dirname(options.path), options.repoRoot, plan.configuration);
    const secrets = new Set(sensitiveVariableValues(plan.configuration, plan.variables));
    const entities = [];
    const skipped = [];
    const unsupported = {};
    const nodePools = [];
    const azapiPatches = [];
    for (const resource of plan.resources) {
        const kind = resource.mode === 'managed' ? ENTITY_OF_TYPE[resource.type] : undefined;
        if (resource.mode === 'managed' && resource.type === 'azurerm_kubernetes_cluster_node_pool') {
            nodePools.push(resource);
            continue;
        }
        if (resource.mode === 'managed' && AZAPI_PATCHES.has(resource.type) && resource.action !== 'delete') {
            azapiPatches.push(resource);
            continue;
        }
        if (kind === undefined) {
            // Not modelled, but its sensitive values may surface elsewhere (a module output, a message): scrub them too.
            redactSecrets(resource.after, resource.afterSensitive, (s) => secrets.add(s));
            const type = resource.mode === 'data' ? `data.${resource.type}` : resource.type;
            unsupported[type] = (unsupported[type] ?? 0) + 1;
            continue;
        }
        const skip = (reason) => {
            skipped.push({ file: document.file, address: resource.address, type: resource.type, reason });
        };
        if (resource.action === undefined) {
            skip(`unrecognised change actions [${resource.actions.join(', ')}]`);
            continue;
        }
        const current = resource.action === 'delete' ? ResourceView.before(resource, ctx) : ResourceView.after(resource, ctx);
        if (current === undefined || (resource.after === undefined && resource.before === undefined)) {
            skip('the plan has no values for it');
            continue;
        }
        const declaration = await finder.find(resource.address);
        const source = { format: 'terraform-plan', file: document.file, pointer: resource.pointer };
        if ('location' in declaration)
            source.declaration = declaration.location;
        else
            source.declarationNote = declaration.note;
        const rawValues = resource.action === 'delete' ? resource.before : resource.after;
        const rawSensitive = resource.action === 'delete' ? resource.beforeSensitive : resource.afterSensitive;
        const raw = redactSecrets(rawValues, rawSensitive, (s) => secrets.add(s));
        redactSecrets(resource.before, resource.beforeSensitive, (s) => secrets.add(s));
        const previous = resource.action === 'delete' ? undefined : ResourceView.before(resource, ctx);
        const entity = buildEntity(kind, current, previous, resource, source, raw);
        await locateFields(current, finder, source);
        entities.push(entity);
    }
    const clusters = entities.filter((e) => e.kind === 'cluster');
    setNodeResourceGroupIds(clusters, ctx);
    const unattached = attachNodePoolSubnets(nodePools.map((pool) => ResourceView.after(pool, ctx)), clusters);
    const unpatched = applyAzapiPatches(azapiPatches.map((patch) => ResourceView.after(patch, ctx)), clusters);
    for (const patch of unpatched) {
        skipped.push({
            file: document.file,
            address: patch.address,
            type: patch.resource.type,
            reason: 'it patches a cluster that is not in this plan (or not a cluster)',
        });
    }
    for (const pool of unattached) {
        skipped.push({
            file: document.file,
            address: pool.address,
            type: pool.resource.type,
            reason: "its cluster is not in this plan, so its subnet cannot be added to a cluster's network",
        });
    }
    return adapterOutput({
        file: document.file,
        format: 'terraform-plan',
        entities,
        skipped,
        secrets,
        unsupported,
        scanned: entities.length + nodePools.length - unattached.length + azapiPatches.length - unpatched.length,
    });
}
const TERRAFORM_MAPPINGS = {
    cluster: mapCluster,
    managedIdentity: mapManagedIdentity,
    roleAssignment: mapRoleAssignment,
    roleDefinition: mapRoleDefinition,
    federatedCredential: mapFederatedCredential,
    registry: mapRegistry,
};
function buildEntity(kind, current, previous, resource, source, raw) {
    const key = resource.deposed === undefined
        ? resource.address
        : `${resource.address} (deposed object ${resource.deposed})`;
    return assembleEntity(kind, TERRAFORM_MAPPINGS, current, previous, {
        key,
        source,
        raw,
        action: resource.action ?? 'none',
    });
}
/** Finds the source lines of the values that decided fields (a secret written in code), as the mapping noted them. */
async function locateFields(view, finder, source) {
    for (const [field, origin] of view.origins) {
        const location = 'attribute' in origin
            ? await finder.findAttribute(view.address, origin.attribute)
            : await finder.findVariableDefault(origin.variable.module, origin.variable.name);
        if (location === undefined)
            continue;
        source.fieldLocations ??= {};
        source.fieldLocations[field] = location;
    }
}
/** Values of root variables declared `sensitive = true`: a secret passed in from outside is still a secret. */
function sensitiveVariableValues(configuration, variables) {
    const declared = asObject(asObject(asObject(configuration)?.['root_module'])?.['variables']) ?? {};
    const values = [];
    for (const [name, declaration] of Object.entries(declared)) {
        if (asObject(declaration)?.['sensitive'] !== true)
            continue;
        redactSecrets(asObject(variables[name])?.['value'], true, (s) => values.push(s));
    }
    return values;
}

const FORMAT$1 = 'live-state';
/** Live state has no source lines: the resource is named by its ID, with where a reviewer can open it. */
function declarationNote(id) {
    return `live state, in the Azure portal at ${azurePortalUrl(id)}`;
}
/** What Azure has, not what code plans: values the input leaves out exist already but are not known. */
const NOT_IN_INPUT = 'not in the live state read';
/**
 * Live state (`az aks show`/`list`, `az role assignment list`, `az identity show`/`list`, `az identity
 * federated-credential list`, `az acr show`, REST GETs and lists, Azure PowerShell's JSON) to model entities,
 * mapped as ARM resources are (arm/mapping/). Every entity exists as it is: its change is `none`, with no before
 * state. A service-principal secret in it is live configuration, not code, and is scrubbed from every output.
 */
function readLiveState(document) {
    return Promise.resolve().then(() => mapLiveState(document));
}
/**
 * What a live query read, as one input per list it came from (`/subscriptions/<id>/providers/...`, a Resource
 * Graph table): the same mapping as a file of that list would get.
 */
function readQueriedState(resources) {
    const byList = new Map();
    for (const r of resources) {
        const list = byList.get(r.from);
        if (list === undefined)
            byList.set(r.from, [r.value]);
        else
            list.push(r.value);
    }
    return [...byList].map(([from, values]) => mapLiveState({ file: from, text: '', value: values }));
}
function mapLiveState(document) {
    const secrets = new Set();
    const entities = [];
    const skipped = [];
    const unsupported = {};
    const pools = [];
    const noSecureValues = new Set();
    for (const live of resourcesOf(document)) {
        if (!isModelledType(live.type)) {
            unsupported[live.type] = (unsupported[live.type] ?? 0) + 1;
            continue;
        }
        const resource = armResource$1(live);
        if (live.type.toLowerCase() === AGENT_POOL_TYPE) {
            pools.push({ resource, address: live.id, type: live.type });
            continue;
        }
        const kind = entityKindOf(live.type);
        if (kind === undefined)
            continue;
        if (kind === 'cluster')
            resource.hints = { secretInCode: false };
        const source = {
            format: FORMAT$1,
            file: document.file,
            pointer: live.pointer,
            declarationNote: declarationNote(live.id),
        };
        const raw = redactEvaluated(resource.body, noSecureValues, (s) => secrets.add(s));
        entities.push(buildEntity$1(kind, resource, { key: live.id, source, raw, action: 'none' }));
    }
    return armAdapterOutput({
        file: document.file,
        format: FORMAT$1,
        inputName: 'input',
        entities,
        pools,
        skipped,
        secrets,
        unsupported,
    });
}
/** The document's resources; a malformed one is reported at its line as well as its JSON pointer. */
function resourcesOf(document) {
    try {
        return liveResources(document.value, document.file);
    }
    catch (error) {
        const pointer = error instanceof InputError ? error.location.pointer : undefined;
        if (pointer === undefined || !(error instanceof InputError))
            throw error;
        // The pointer may name a key that is missing: the line is that of the nearest object holding it.
        const candidates = [pointer, pointer.replace(/\/[^/]*$/, '')];
        const lines = linesOfPointers(document.text, new Set(candidates));
        const line = candidates.map((c) => lines.get(c)).find((l) => l !== undefined);
        if (line === undefined)
            throw error;
        throw new InputError({ ...error.location, line }, error.detail);
    }
}
function armResource$1(live) {
    return {
        type: live.type,
        id: live.id,
        name: live.name,
        body: armObject(live.body),
        created: false,
        runtimeReason: NOT_IN_INPUT,
    };
}
/** Parsed JSON as the ARM mapping's values (the same data: JSON has nothing an ArmValue lacks). */
function armObject(object) {
    const out = {};
    for (const [key, value] of Object.entries(object))
        out[key] = armValue(value);
    return out;
}
function armValue(value) {
    if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
        return value;
    if (Array.isArray(value))
        return value.map(armValue);
    if (typeof value === 'object')
        return armObject(value);
    return null;
}

/**
 * Live state read twice is one resource, not two: `az aks list` beside `az aks show`, overlapping
 * `az role assignment list` outputs, the same `az role assignment create` printed twice. Counted twice, one grant
 * would be blamed twice and a count of grants would be off. Resource IDs are compared without case, as Azure
 * compares them. The first reading is kept; each repeat is listed as skipped, naming where it was read first.
 */
function withoutRepeatedLiveResources(entities) {
    const first = new Map();
    const kept = [];
    const skipped = [];
    for (const entity of entities) {
        if (entity.source.format !== 'live-state') {
            kept.push(entity);
            continue;
        }
        const id = entity.key.toLowerCase();
        const earlier = first.get(id);
        if (earlier === undefined) {
            first.set(id, entity);
            kept.push(entity);
            continue;
        }
        skipped.push({
            file: entity.source.file,
            address: entity.key,
            type: entity.kind,
            reason: `already read at ${placeOf(earlier)}`,
        });
    }
    return { entities: kept, skipped };
}
function placeOf(entity) {
    const { file, pointer } = entity.source;
    return pointer === '' ? file : `${file}#${pointer}`;
}

/**
 * A cluster read from live state holds the grants Azure has, not those its input happens to list. Where they were
 * not read (no role assignment of its subscription in any live-state file, nor a query of it, or a subscription that
 * refused the query), what its
 * identities hold is not known: an element that may or may not be there stands for the unread grants, so that a
 * policy about them is undecided rather than failed or passed.
 */
function markUnreadGrants(entities, queried) {
    const live = entities.filter((e) => e.source.format === 'live-state');
    // A file of role assignments vouches for the subscriptions its assignments are in: `az role assignment list`
    // of one subscription says nothing of another's.
    const readIn = new Set();
    for (const e of live) {
        const sub = e.kind === 'roleAssignment' ? /^\/subscriptions\/([^/]+)/i.exec(e.key)?.[1] : undefined;
        if (sub !== undefined)
            readIn.add(sub.toLowerCase());
    }
    for (const entity of live) {
        if (entity.kind !== 'cluster')
            continue;
        const subscription = typeof entity.subscriptionId === 'string' ? entity.subscriptionId.toLowerCase() : '';
        const refused = subscription === ''
            ? undefined
            : queried?.refused.find((r) => r.scope.toLowerCase().includes(subscription));
        let reason;
        if (refused !== undefined) {
            reason = `not read: the role assignments in Azure of this cluster's identities (${refused.reason})`;
        }
        else if (queried?.subscriptions.has(subscription) !== true && !readIn.has(subscription)) {
            reason =
                "not read: the role assignments in Azure of this cluster's identities (scan `az role assignment list --all` output with it)";
        }
        if (reason !== undefined)
            entity.undecidedRoleAssignments.push(new MaybeElement(reason));
    }
}

const CHANGE_TYPES = [
    'Create',
    'Delete',
    'Modify',
    'Deploy',
    'NoChange',
    'Ignore',
    'Unsupported',
];
/**
 * The changes of a what-if result: `az deployment group|sub|mg|tenant what-if --no-pretty-print -o json` (top-level
 * `changes`, with `status` and `error`) or the REST response body (`properties.changes`). A failed what-if, or a
 * document of neither shape, is an input error.
 */
function readChanges(value, file) {
    if (!isObject(value))
        throw new InputError({ file }, 'expected a what-if result (a JSON object)');
    const properties = isObject(value['properties']) ? value['properties'] : undefined;
    const cli = asArray(value['changes']);
    const rest = asArray(properties?.['changes']);
    const changes = cli ?? rest;
    const base = cli !== undefined ? '/changes' : '/properties/changes';
    const error = isObject(value['error'])
        ? value['error']
        : isObject(properties?.['error'])
            ? properties['error']
            : undefined;
    if (error !== undefined && (changes === undefined || changes.length === 0)) {
        const code = typeof error['code'] === 'string' ? `${error['code']}: ` : '';
        const message = typeof error['message'] === 'string' ? error['message'] : 'no message';
        throw new InputError({ file, pointer: error === value['error'] ? '/error' : '/properties/error' }, `the what-if operation failed (${code}${message})`);
    }
    if (changes === undefined) {
        throw new InputError({ file }, "expected a what-if result: 'changes' (az deployment ... what-if --no-pretty-print -o json) or 'properties.changes' (REST)");
    }
    return changes.map((change, i) => {
        const pointer = `${base}/${i}`;
        if (!isObject(change))
            throw new InputError({ file, pointer }, 'a change must be an object');
        const resourceId = change['resourceId'];
        if (typeof resourceId !== 'string' || resourceId === '') {
            throw new InputError({ file, pointer }, "a change must have a 'resourceId' string");
        }
        const rawChangeType = typeof change['changeType'] === 'string' ? change['changeType'] : '';
        const changeType = CHANGE_TYPES.find((t) => t.toLowerCase() === rawChangeType.toLowerCase());
        const reason = change['unsupportedReason'];
        return {
            resourceId,
            changeType,
            rawChangeType,
            before: isObject(change['before']) ? change['before'] : undefined,
            after: isObject(change['after']) ? change['after'] : undefined,
            unsupportedReason: typeof reason === 'string' ? reason : undefined,
            pointer,
        };
    });
}

/** Last path segments of `reference()` reads that identify the resource alone. */
const IDENTIFIERS = new Set(['principalid', 'objectid', 'clientid', 'issuerurl', 'resourceid']);
const EXISTING = 'read from the existing resource at deployment';
/**
 * What-if evaluates a template before deploying it, and cannot evaluate `reference()` of a resource that does
 * not exist yet: it leaves such a value as the template expression, `"[reference(resourceId('…'), '…').principalId]"`
 * (documented what-if limitation). Evaluated here at the resource's own scope, such an expression names the runtime
 * value the same way the template adapter names it, so a role assignment whose principal is still an expression
 * joins the cluster or identity the same what-if creates. Expressions that use the template's parameters or
 * variables cannot be evaluated without the template: they are unknown, naming why.
 */
class LeftoverExpressions {
    created = new Set();
    evaluators = new Map();
    /** What each resource of the what-if will be, to read what an expression reads of it. */
    afterById = new Map();
    reading = new Set();
    constructor(changes) {
        for (const change of changes) {
            if (change.changeType === 'Create')
                this.created.add(normalise(change.resourceId));
            if (change.after !== undefined) {
                this.afterById.set(normalise(change.resourceId), {
                    after: change.after,
                    resourceId: change.resourceId,
                });
            }
        }
    }
    /** The value with every expression string evaluated; `pointer` locates errors. */
    evaluate(value, resourceId, pointer) {
        const evaluated = this.evaluatorFor(resourceId).evaluateJson(value, {
            onError: (error) => new Unknown(`what-if left an expression at ${pointer}${jsonPointer(error.jsonPath)} that cannot be evaluated without the template: ${error.message}`),
        });
        return isArmObject(evaluated) ? evaluated : {};
    }
    evaluatorFor(resourceId) {
        const group = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?/i.exec(resourceId);
        const managementGroup = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)/i.exec(resourceId);
        const key = `${group?.[1] ?? ''}/${group?.[2] ?? ''}/${managementGroup?.[1] ?? ''}`.toLowerCase();
        const cached = this.evaluators.get(key);
        if (cached !== undefined)
            return cached;
        const scope = group?.[1] !== undefined
            ? deploymentScope({
                kind: group[2] === undefined ? 'subscription' : 'resourceGroup',
                subscriptionId: group[1],
                ...(group[2] === undefined ? {} : { resourceGroupName: group[2] }),
            })
            : deploymentScope(managementGroup?.[1] === undefined
                ? { kind: 'tenant' }
                : { kind: 'managementGroup', managementGroupName: managementGroup[1] });
        const evaluator = new Evaluator({ scope, resolveReference: (request) => this.resolve(request) });
        this.evaluators.set(key, evaluator);
        return evaluator;
    }
    /**
     * What `reference()` reads of a resource the what-if holds: the value its `after` gives, itself evaluated when
     * what-if left it as an expression (the kubelet object ID a cluster sets from its identity), so that reading it
     * through the cluster names the same value as reading the identity.
     */
    readThrough(request, id) {
        const entry = this.afterById.get(normalise(id));
        if (entry === undefined || this.reading.has(normalise(id)))
            return undefined;
        let node = request.full ? entry.after : valueOfKey(entry.after, 'properties');
        for (const step of request.path) {
            if (typeof step === 'number')
                node = Array.isArray(node) ? node[step] : undefined;
            else
                node = isArmObject(node) ? valueOfKey(node, step) : undefined;
            if (node === undefined || node === null)
                return undefined;
        }
        if (typeof node !== 'string')
            return undefined;
        this.reading.add(normalise(id));
        try {
            const evaluated = this.evaluatorFor(entry.resourceId).evaluateJson({ value: node }, {});
            return isArmObject(evaluated) ? evaluated['value'] : undefined;
        }
        finally {
            this.reading.delete(normalise(id));
        }
    }
    /** An ID of a resource this what-if creates is a new, distinct value; of any other, one that exists already. */
    resolve(request) {
        const id0 = request.resourceId ?? (request.target.startsWith('/') ? request.target : undefined);
        const through = id0 === undefined ? undefined : this.readThrough(request, id0);
        if (through !== undefined)
            return through;
        const last = request.path[request.path.length - 1];
        if (typeof last !== 'string' || !IDENTIFIERS.has(last.toLowerCase()))
            return undefined;
        const id = request.resourceId ?? (request.target.startsWith('/') ? request.target : undefined);
        if (id === undefined)
            return undefined;
        return this.created.has(normalise(id))
            ? new Unknown(KNOWN_AFTER_DEPLOYMENT, request.ref, true)
            : new Unknown(EXISTING, request.ref, false, true);
    }
}
function normalise(id) {
    return id.toLowerCase().replace(/\/+$/, '');
}
/** ARM property names are case-insensitive. */
function valueOfKey(record, name) {
    if (typeof record !== 'object' || record === null || Array.isArray(record))
        return undefined;
    const entries = record;
    const key = Object.keys(entries).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : entries[key];
}

const FORMAT = 'arm-whatif';
const DECLARATION_NOTE = 'a what-if result does not say where a resource is declared';
/**
 * What each change type plans. Deploy is what-if's answer when it cannot compare (the ResourceIdOnly result
 * format): the resource exists and is deployed again with the template's values, so it is an update that may or
 * may not change anything. Ignore (a resource the template does not touch, or beyond what-if's limits) and
 * Unsupported (what-if cannot predict it) plan nothing this tool can read: skipped, with the reason.
 */
const ACTIONS = {
    Create: 'create',
    Delete: 'delete',
    Modify: 'update',
    Deploy: 'update',
    NoChange: 'none',
};
/**
 * An ARM what-if result (`az deployment group|sub what-if --no-pretty-print -o json`, or the REST response) to model
 * entities, mapped as the ARM template adapter maps template resources (mapping/). Values are evaluated already;
 * values Azure computes at deployment that a Create leaves out are unknowns named as `reference()` names them.
 */
function readWhatIf(document, 
// Adapters share their options and an asynchronous signature (others read source files); a what-if result needs
// neither, and an input error becomes a rejection as it does for them.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
_options) {
    return Promise.resolve().then(() => mapChanges(document));
}
function mapChanges(document) {
    const changes = readChanges(document.value, document.file);
    const expressions = new LeftoverExpressions(changes);
    const secrets = new Set();
    const entities = [];
    const skipped = [];
    const unsupported = {};
    const pools = [];
    const noSecureValues = new Set();
    for (const change of changes) {
        const type = resourceType(change);
        const skip = (reason) => {
            skipped.push({ file: document.file, address: change.resourceId, type, reason });
        };
        if (!isModelledType(type)) {
            if (change.changeType !== 'Ignore')
                unsupported[type] = (unsupported[type] ?? 0) + 1;
            continue;
        }
        const action = change.changeType === undefined ? undefined : ACTIONS[change.changeType];
        if (action === undefined) {
            skip(skipReason(change));
            continue;
        }
        const deleting = action === 'delete';
        const values = deleting ? change.before : change.after;
        if (values === undefined) {
            skip(`the what-if result has no values for it (${change.rawChangeType} without '${deleting ? 'before' : 'after'}'): run what-if with the full resource payloads result format`);
            continue;
        }
        const side = deleting ? 'before' : 'after';
        const pointer = `${change.pointer}/${side}`;
        const body = expressions.evaluate(values, change.resourceId, pointer);
        const current = armResource(change, type, body, change.changeType === 'Create');
        if (type.toLowerCase() === AGENT_POOL_TYPE) {
            pools.push({ resource: current, address: change.resourceId, type });
            continue;
        }
        const kind = entityKindOf(type);
        if (kind === undefined)
            continue;
        const previous = deleting || change.before === undefined
            ? undefined
            : armResource(change, type, expressions.evaluate(change.before, change.resourceId, `${change.pointer}/before`), false);
        if (previous !== undefined)
            redactEvaluated(previous.body, noSecureValues, (s) => secrets.add(s));
        const source = {
            format: FORMAT,
            file: document.file,
            pointer,
            declarationNote: DECLARATION_NOTE,
        };
        const raw = redactEvaluated(body, noSecureValues, (s) => secrets.add(s));
        entities.push(buildEntity$1(kind, current, { key: change.resourceId, source, raw, action }, previous));
    }
    return armAdapterOutput({
        file: document.file,
        format: FORMAT,
        inputName: 'what-if result',
        entities,
        pools,
        skipped,
        secrets,
        unsupported,
    });
}
function skipReason(change) {
    switch (change.changeType) {
        case 'Ignore':
            return 'what-if ignores it: the resource exists but the template does not deploy it, or it is beyond the limits of what-if';
        case 'Unsupported':
            return `what-if cannot predict its change${change.unsupportedReason === undefined ? '' : `: ${change.unsupportedReason}`}`;
        default:
            return `unrecognised changeType '${change.rawChangeType}'`;
    }
}
/** The resource's type as its values state it, else as its ID tells. */
function resourceType(change) {
    for (const values of [change.after, change.before]) {
        const type = values?.['type'];
        if (typeof type === 'string' && type !== '')
            return type;
    }
    return splitResourceId(change.resourceId)?.type ?? 'unknown';
}
/**
 * The resource as the what-if result states it. A result without `properties` (an abbreviated payload) does not
 * say how the resource is configured: its properties, and a cluster's identity, are unknown rather than absent.
 */
function armResource(change, type, body, created) {
    const reason = "the what-if result does not include the resource's properties";
    if (valueAt(body, ['properties']) === undefined) {
        body['properties'] = new Unknown(reason);
        if (entityKindOf(type) === 'cluster' && valueAt(body, ['identity']) === undefined)
            body['identity'] = new Unknown(reason);
    }
    const names = splitResourceId(change.resourceId)?.names;
    const name = names?.[names.length - 1] ?? valueAt(body, ['name']);
    const resource = {
        type,
        id: change.resourceId,
        name: typeof name === 'string' || isUnknown(name) ? name : '',
        body,
        created,
        runtimeReason: created ? 'known after deployment' : 'not in the what-if result',
    };
    const kubelet = valueAt(body, ['properties', 'identityProfile', 'kubeletidentity']);
    // The `after` of a Create is the template's resource: a kubelet identity in it is the user's own.
    if (created && kubelet !== undefined && kubelet !== null && !isUnknown(kubelet))
        resource.hints = { customKubelet: true };
    return resource;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform']);
/** Terraform source, which this version reads through its plan. */
const TERRAFORM_SOURCE = 'this is Terraform source; scan its plan: `terraform plan -out tfplan && terraform show -json tfplan > tfplan.json`';
const BICEP_EXTENSIONS = ['.bicep', '.bicepparam'];
/**
 * Reads every input: files as given, directories searched for JSON files. A file named explicitly must be a format
 * this tool reads; a JSON file found in a directory that is something else is listed as ignored. Either way, a
 * directory that yields nothing to scan is an error, not a silent pass.
 */
async function readInputs(paths, options) {
    const result = {
        entities: [],
        inputs: [],
        skipped: [],
        ignored: [],
        secrets: [],
        paired: new Set(),
    };
    const repoRoot = resolve(options.repoRoot);
    const display = (path) => displayPath(repoRoot, path);
    for (const given of paths) {
        const absolute = resolve(given);
        const info = await stat(absolute).catch(() => undefined);
        if (info === undefined)
            throw new InputError({ file: given }, 'no such file or directory');
        if (info.isDirectory()) {
            const files = await inputFilesUnder(absolute);
            const before = result.inputs.length;
            for (const file of files)
                await readOne(file, display(file), false, result, options, repoRoot);
            if (result.inputs.length === before) {
                const ignored = result.ignored.length > 0
                    ? ` (${counted(result.ignored.length, 'JSON file')} of other formats ignored)`
                    : '';
                throw new InputError({ file: given }, `nothing to scan in this directory: no Terraform plan, ARM template, what-if result or live state found${ignored}`);
            }
        }
        else {
            await readOne(absolute, display(absolute), true, result, options, repoRoot);
        }
    }
    const queried = options.live === undefined ? undefined : await readLive(options.live, result);
    const once = withoutRepeatedLiveResources(result.entities);
    result.entities = once.entities;
    for (const repeat of once.skipped) {
        result.skipped.push(repeat);
        const summary = result.inputs.find((i) => i.file === repeat.file);
        if (summary !== undefined) {
            summary.scanned--;
            summary.skipped++;
        }
    }
    markUnreadGrants(result.entities, queried);
    return result;
}
/**
 * Live state read from Azure: each list read is an input, each scope Azure refused is listed as skipped with the
 * permission it needs. The query (and the Azure SDK) is loaded only now, so a run without it never pays for it.
 */
async function readLive(query, result) {
    const { queryLiveState, checkReadEnough } = await import('./query-live-state-DQRAw6NU.js');
    const read = await queryLiveState(query);
    checkReadEnough(query, read);
    for (const output of readQueriedState(read.resources))
        add(result, output);
    for (const unread of read.unread) {
        result.skipped.push({
            file: 'Azure',
            address: unread.scope,
            type: unread.what,
            reason: `not read: ${unread.reason}`,
        });
    }
    result.liveRequests = read.requests;
    const refused = read.unread.filter((u) => u.what === 'role assignments');
    return {
        subscriptions: new Set(query.subscriptions.map((s) => s.toLowerCase())),
        refused,
    };
}
async function readOne(path, file, explicit, result, options, repoRoot) {
    const lower = path.toLowerCase();
    if (lower.endsWith('.tf')) {
        if (!explicit)
            return;
        throw new InputError({ file }, TERRAFORM_SOURCE);
    }
    if (BICEP_EXTENSIONS.some((e) => lower.endsWith(e))) {
        if (explicit)
            return readBicep(path, file, result, options, repoRoot);
        // In a directory Bicep is usually read through its compiled template beside it; modules are not entry points.
        if (!(await exists(`${path.replace(/\.bicep(param)?$/i, '')}.json`))) {
            result.ignored.push({
                file,
                reason: 'Bicep source is compiled only when named: give the entry file (main.bicep) or its compiled template',
            });
        }
        return;
    }
    const document = await readJsonFile(path, file);
    const detected = detectFormat(document.value);
    if (!detected.supported) {
        if (explicit)
            throw new InputError({ file }, `this is ${detected.name}; ${detected.hint}`);
        if (isPairedParameters(path, result))
            return;
        result.ignored.push({ file, reason: `${detected.name}; ${detected.hint}` });
        return;
    }
    const input = detected.within === undefined
        ? document
        : { ...document, value: valueWithin(document.value, detected.within) };
    add(result, await readDocument(input, detected.format, path, repoRoot, options, result));
}
/** The adapter of each format, each producing the same model entities. */
async function readDocument(input, format, path, repoRoot, options, result) {
    switch (format) {
        case 'terraform-plan':
            return readTerraformPlan(input, {
                path,
                repoRoot,
                ...(options.terraformDir === undefined ? {} : { terraformDir: resolve(options.terraformDir) }),
            });
        case 'arm-template':
            return readArmTemplate(input, await armOptions(path, repoRoot, options, result));
        case 'arm-whatif':
            return readWhatIf(input);
        case 'live-state':
            return readLiveState(input);
    }
}
/** Compiles Bicep source and reads the template it becomes, with findings on the .bicep lines. */
async function readBicep(path, file, result, options, repoRoot) {
    const compiled = await compileBicep(path, file);
    const value = parseJsonText$1(compiled.text, file).value;
    if (path.toLowerCase().endsWith('.bicepparam')) {
        const built = compiledParameters(value, file);
        if (built.template === undefined) {
            throw new InputError({ file }, `\`${compiled.command}\` gave parameters but no template; scan the .bicep file it uses with --parameters`);
        }
        const document = { file, text: built.templateText ?? '', value: built.template };
        const armParameters = mergeArmParameters(options.armParameters, built.parameters);
        const withParameters = { ...options, armParameters };
        const armInput = await armOptions(path, repoRoot, withParameters, result);
        add(result, await readArmTemplate(document, { ...armInput, documentIsSource: false }));
        return;
    }
    const document = { file, text: compiled.text, value };
    const armInput = await armOptions(path, repoRoot, options, result, path);
    add(result, await readArmTemplate(document, { ...armInput, documentIsSource: false }));
}
function add(result, output) {
    // One by one: a live query's 100,000 role assignments are more arguments than one call takes.
    for (const entity of output.entities)
        result.entities.push(entity);
    result.inputs.push(output.summary);
    result.skipped.push(...output.skipped);
    result.secrets.push(...output.secrets);
}
function valueWithin(value, path) {
    let node = value;
    for (const step of path)
        node = node?.[step];
    return node;
}
/**
 * A template's options: its parameters (a `<name>.parameters.json` beside it first, then --parameters files, then
 * --param values, later wins) and the .bicep source it was compiled from (given, or beside it with the same name).
 */
async function armOptions(path, repoRoot, options, result, bicepSource) {
    const paired = pairedParametersFile(path);
    const beside = (await exists(paired))
        ? await readParametersFile(paired, displayPath(repoRoot, paired))
        : {};
    if (Object.keys(beside).length > 0 || (await exists(paired)))
        result.paired.add(paired);
    const given = await resolveArmParameters(options.armParameters, repoRoot);
    const armOptions = { path, repoRoot, parameters: { ...beside, ...given } };
    armOptions.scope = options.armScope ?? unknownDeploymentScope();
    const source = bicepSource ?? siblingBicep(path);
    if (source !== undefined && (await exists(source)))
        armOptions.bicepSource = source;
    return armOptions;
}
/** `main.json` is compiled from `main.bicep` beside it, when there is one. */
function siblingBicep(path) {
    return path.toLowerCase().endsWith('.json') ? `${path.slice(0, -'.json'.length)}.bicep` : undefined;
}
/** A parameters file found while scanning a directory is no stray JSON when its template was read. */
function isPairedParameters(path, result) {
    return result.paired.has(path) || /\.parameters\.json$/i.test(path);
}
async function exists(path) {
    return stat(path).then((s) => s.isFile(), () => false);
}
async function inputFilesUnder(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    const files = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.'))
                files.push(...(await inputFilesUnder(path)));
        }
        else if (entry.isFile() && /\.(json|bicep|bicepparam)$/i.test(entry.name)) {
            files.push(path);
        }
    }
    return files;
}

const COMMENT = /(?:#|\/\/)\s*aks-identity-lint:ignore\s+([A-Za-z0-9_.-]+(?:\s*,\s*[A-Za-z0-9_.-]+)*)(?:\s+(.*?))?\s*(?:\*\/)?$/;
/**
 * Finds suppression comments in a source text. It knows only comment syntax (`#` and `//`, as .tf and .bicep write
 * them), nothing of the format, so every source format reuses it.
 */
function parseSuppressionComments(text) {
    const found = [];
    text.split(/\r?\n/).forEach((line, i) => {
        const match = COMMENT.exec(line);
        if (match === null)
            return;
        const ids = (match[1] ?? '').split(',').map((s) => s.trim().toUpperCase());
        found.push({ line: i + 1, ids, reason: (match[2] ?? '').trim() });
    });
    return found;
}
/** The comments that belong to a declaration: inside its block, or in the comment lines directly above it. */
function commentsFor(comments, lines, start, end) {
    let top = start;
    while (top > 1 && /^\s*(#|\/\/)/.test(lines[top - 2] ?? ''))
        top--;
    return comments.filter((c) => c.line >= top && c.line <= end);
}
/** The pseudo-policy a suppression without a reason breaks: it is a finding of its own. */
const MISSING_REASON = {
    file: '(built in)',
    builtIn: true,
    assert: () => true,
    policy: {
        id: 'AKSID000',
        title: 'Suppressions give a reason',
        description: 'An inline suppression hides a finding from every report and check. Without a reason, a reviewer cannot tell an accepted risk from a silenced one, so it suppresses nothing and is reported itself.',
        severity: 'medium',
        target: 'cluster',
        assert: { field: 'key', exists: true },
        message: 'A suppression comment gives no reason.',
        remediation: {
            summary: 'Add the reason after the policy IDs: `# aks-identity-lint:ignore AKSID003 <why this is accepted>`.',
        },
        references: [],
    },
};
/**
 * Applies inline suppression comments to findings, reading each declaring source file once. A comment naming a
 * policy with a reason suppresses that policy's finding on the resource; one without a reason suppresses nothing and
 * becomes an AKSID000 finding on the resource.
 */
async function applyInlineSuppressions(evaluations, entities, repoRoot) {
    const files = new Map();
    const read = (file) => {
        let pending = files.get(file);
        if (pending === undefined) {
            pending = readFile(join(repoRoot, file), 'utf8').then((text) => ({ lines: text.split(/\r?\n/), comments: parseSuppressionComments(text) }), () => undefined);
            files.set(file, pending);
        }
        return pending;
    };
    const byEntity = new Map();
    const missingReason = [];
    for (const entity of entities) {
        const d = entity.source.declaration;
        if (d === undefined)
            continue;
        const source = await read(d.file);
        if (source === undefined || source.comments.length === 0)
            continue;
        const comments = commentsFor(source.comments, source.lines, d.line, d.endLine);
        if (comments.length === 0)
            continue;
        byEntity.set(entity, comments);
        for (const c of comments.filter((c) => c.reason === '')) {
            missingReason.push({
                policy: MISSING_REASON,
                entity,
                severity: MISSING_REASON.policy.severity,
                status: 'fail',
                because: [],
                message: `The suppression of ${c.ids.join(', ')} at ${d.file}:${c.line} gives no reason, so it suppresses nothing.`,
            });
        }
    }
    for (const e of evaluations) {
        if (e.status !== 'fail' && e.status !== 'indeterminate')
            continue;
        const comment = byEntity
            .get(e.entity)
            ?.find((c) => c.reason !== '' && c.ids.includes(e.policy.policy.id.toUpperCase()));
        const d = e.entity.source.declaration;
        if (comment !== undefined && d !== undefined) {
            e.suppression ??= { kind: 'inline', reason: comment.reason, source: `${d.file}:${comment.line}` };
        }
    }
    return missingReason;
}

/**
 * The one pipeline both entry points call: policies, inputs, model, evaluation, then suppressions (inline comments,
 * waivers, baseline), which mark findings rather than remove them.
 */
async function scan(options) {
    // Policies first: a broken policy set or config is reported before any input is read.
    const policies = applyPolicySettings(await loadPolicies(options.policySources), options.config);
    const read = await readInputs(options.paths, {
        repoRoot: options.repoRoot,
        ...(options.terraformDir === undefined ? {} : { terraformDir: options.terraformDir }),
        ...(options.armParameters === undefined ? {} : { armParameters: options.armParameters }),
        ...(options.armScope === undefined ? {} : { armScope: options.armScope }),
        ...(options.live === undefined ? {} : { live: options.live }),
    });
    const entities = linkEntities(read.entities);
    const evaluations = evaluateAll(policies, entities);
    const all = ENTITY_KINDS.flatMap((kind) => entities[kind]);
    const missingReasons = await applyInlineSuppressions(evaluations, all, options.repoRoot);
    evaluations.push(...missingReasons);
    const waivers = applyWaivers(evaluations, options.config?.config.waivers ?? [], options.config?.file ?? '', options.today);
    if (options.baseline !== undefined)
        applyBaseline(evaluations, options.baseline);
    const outcome = {
        version: packageVersion(),
        inputs: read.inputs,
        skipped: read.skipped,
        ignored: read.ignored,
        entities,
        policies: missingReasons.length > 0 ? [MISSING_REASON, ...policies] : policies,
        evaluations,
        failOn: options.failOn,
        failOnIndeterminate: options.failOnIndeterminate,
        secrets: read.secrets,
        waivers: waivers.map((w) => ({
            source: w.source,
            policy: w.waiver.policy,
            resource: w.waiver.resource,
            reason: w.waiver.reason,
            matched: w.matched,
            expired: w.expired,
            ...(w.waiver.expires === undefined ? {} : { expires: w.waiver.expires }),
        })),
    };
    if (options.baseline !== undefined)
        outcome.baseline = options.baseline.file;
    if (read.liveRequests !== undefined)
        outcome.liveRequests = read.liveRequests;
    return outcome;
}

export { CHECK_RUN_TEXT_LIMIT as C, FAIL_ON_VALUES as F, GITHUB_COMMENT_LIMIT as G, annotationLevel as a, findingPlaces as b, findingText as c, renderMarkdown as d, entityLabel as e, findings as f, renderSarif as g, renderJson as h, countOutcome as i, runFailed as j, liveSummaryLine as l, nothingChecked as n, renderConsole as r, scan as s };
