import { clusterOf } from '../model/cluster-of.js';
import type { Cluster, Entity, SourceLocation } from '../model/entities.js';
import type { Evaluation } from '../policy/evaluate.js';
import { fieldsUsed } from '../policy/fields-used.js';
import { isBlocking, type ScanOutcome } from '../policy/outcome.js';
import { SEVERITIES, type Severity } from '../policy/severity.js';
import type { Because } from '../policy/tristate.js';
import { counted } from '../util/plural.js';

/** Shared wording of results, so every output format says the same thing the same way. */
export function entityName(entity: Entity): string {
  const name = entity.name;
  return typeof name === 'string' && name !== '' ? name : entity.key;
}

export function entityLabel(entity: Entity): string {
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
export function shortName(entity: Entity): string {
  const key = entity.key;
  let name: string;
  if (entity.source.format === 'terraform-plan') name = shortAddress(key);
  else if (typeof entity.name === 'string' && entity.name !== '' && entity.name !== key) name = entity.name;
  else name = key.replace(/\/+$/, '').split('/').pop() ?? key;
  return name.length > SHORT_NAME_LENGTH ? `${name.slice(0, SHORT_NAME_LENGTH - 1)}…` : name;
}

/** A Terraform address without its module path and provider prefix, as a reader names the resource. */
export function shortAddress(address: string): string {
  return address
    .replace(/^(?:module\.[^.[]+(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.)+/, '')
    .replace(/^(data\.)?(?:azurerm|azuread)_/, '$1');
}

/** Where to look: the .tf/.bicep declaration when found, else the input file and JSON pointer. */
export function locationText(entity: Entity): string {
  const d = entity.source.declaration;
  if (d !== undefined) return spanText(d);
  return inputPlace(entity.source.file, entity.source.pointer);
}

/** A place in an input: the file, and the JSON pointer within it unless it is the whole document. */
function inputPlace(file: string, pointer: string): string {
  return pointer === '' ? file : `${file}#${pointer}`;
}

function spanText(d: SourceLocation): string {
  return d.line === d.endLine ? `${d.file}:${d.line}` : `${d.file}:${d.line}-${d.endLine}`;
}

/** One place a finding points at: source lines to annotate, or, when there are none, why. */
export interface FindingPlace {
  /** The entity declared there: the evaluated one, or a culprit (a role assignment that grants too much). */
  entity: Entity;
  location?: SourceLocation;
  /** Why there is no source line (module from a registry, no .tf files given, live data). */
  note?: string;
}

/**
 * Where a finding points: where the reviewer will change code. A failure caused by related entities points at
 * each of them; one decided by a field written on a line of its own (a secret in a variable default) points at
 * that line; anything else at the entity's declaration.
 */
export function findingPlaces(e: Evaluation): FindingPlace[] {
  if (e.culprits !== undefined && e.culprits.length > 0) return e.culprits.map(placeOf);
  const fieldLocations = e.entity.source.fieldLocations;
  if (e.status === 'fail' && fieldLocations !== undefined) {
    for (const field of fieldsUsed(e.policy.policy.assert)) {
      const location = fieldLocations[field];
      if (location !== undefined) return [{ entity: e.entity, location }];
    }
  }
  return [placeOf(e.entity)];
}

/** The place of an entity itself: its declaration, or why it has none. */
export function placeOf(entity: Entity): FindingPlace {
  const d = entity.source.declaration;
  if (d !== undefined) return { entity, location: d };
  return { entity, note: entity.source.declarationNote ?? 'its input has no source lines' };
}

/** A place as text: `main.tf:12-18`, or the input file and pointer with the reason there is no line. */
export function placeText(place: FindingPlace): string {
  if (place.location !== undefined) return spanText(place.location);
  const s = place.entity.source;
  return `${inputPlace(s.file, s.pointer)} (no source line: ${place.note ?? 'unknown'})`;
}

/** The related entities a failure is caused by, named for the message: "Caused by azurerm_role_assignment.a." */
export function causedByText(e: Evaluation): string | undefined {
  if (e.culprits === undefined || e.culprits.length === 0) return undefined;
  return `Caused by ${e.culprits.map((c) => c.key).join(', ')}.`;
}

export function becauseText(because: readonly Because[]): string {
  if (because.length === 0) return 'a value it needs is not known yet';
  return because.map((b) => `${b.field} is ${b.reason}`).join('; ');
}

export interface ClusterGroup {
  cluster?: Cluster;
  title: string;
  evaluations: Evaluation[];
}

/** Results grouped by the cluster they concern, clusters in input order, then those tied to no cluster. */
export function groupByCluster(outcome: ScanOutcome): ClusterGroup[] {
  const groups = new Map<Cluster | undefined, Evaluation[]>();
  for (const cluster of outcome.entities.cluster) groups.set(cluster, []);
  for (const e of outcome.evaluations) {
    const cluster = clusterOf(e.entity);
    const list = groups.get(cluster) ?? [];
    list.push(e);
    groups.set(cluster, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0))
    .map(([cluster, evaluations]) =>
      cluster === undefined
        ? { title: 'Not tied to a cluster', evaluations }
        : { cluster, title: `Cluster ${entityLabel(cluster)}`, evaluations },
    );
}

/** Which annotation level a result deserves: blocking failures are failures, the rest warnings or notices. */
export type AnnotationLevel = 'failure' | 'warning' | 'notice';

export function annotationLevel(e: Evaluation, outcome: ScanOutcome): AnnotationLevel {
  if (isBlocking(e, outcome)) return 'failure';
  return e.status === 'fail' ? 'warning' : 'notice';
}

/** A finding's text for a reader: the failure message and the fix, or why it cannot be decided yet. */
export function findingText(e: Evaluation): string {
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
export function findings(outcome: ScanOutcome): Evaluation[] {
  return sorted(
    outcome,
    outcome.evaluations.filter((e) => isFinding(e) && e.suppression === undefined),
  );
}

/** Findings suppressed by a waiver or an inline comment: shown as such in every report. */
export function suppressedFindings(outcome: ScanOutcome): Evaluation[] {
  return sorted(
    outcome,
    outcome.evaluations.filter(
      (e) => isFinding(e) && e.suppression !== undefined && e.suppression.kind !== 'baseline',
    ),
  );
}

function isFinding(e: Evaluation): boolean {
  return e.status === 'fail' || e.status === 'indeterminate';
}

function sorted(outcome: ScanOutcome, evaluations: Evaluation[]): Evaluation[] {
  const rank = (e: Evaluation): number =>
    (isBlocking(e, outcome) ? 0 : e.status === 'fail' ? 100 : 200) + SEVERITIES.indexOf(e.severity);
  return evaluations.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.policy.policy.id.localeCompare(b.policy.policy.id) ||
      a.entity.key.localeCompare(b.entity.key),
  );
}

/** How a suppressed finding reads: who accepted what, why, until when, where. */
export function suppressionText(e: Evaluation): string {
  const s = e.suppression;
  if (s === undefined) return '';
  const until = s.expires === undefined ? '' : ` (until ${s.expires})`;
  return `${s.kind === 'inline' ? 'suppressed' : 'waived'}: ${s.reason}${until} [${s.source}]`;
}

/** Notices about waivers: expired ones (no longer waiving) and stale ones (matching nothing). */
export function waiverNotices(outcome: ScanOutcome): string[] {
  const notices: string[] = [];
  for (const w of outcome.waivers) {
    if (w.expired && w.matched > 0) {
      notices.push(
        `waiver ${w.source} for ${w.policy} on ${w.resource} expired on ${w.expires ?? ''}: its ${counted(w.matched, 'finding')} count again`,
      );
    } else if (w.matched === 0) {
      notices.push(
        `stale waiver ${w.source} for ${w.policy} on ${w.resource}: it matches no finding; remove it`,
      );
    }
  }
  return notices;
}

/** Unsuppressed failures per severity, most severe first. */
export function failedBySeverity(outcome: ScanOutcome): [Severity, number][] {
  const active = findings(outcome).filter((e) => e.status === 'fail');
  return SEVERITIES.map((s) => [s, active.filter((e) => e.severity === s).length]);
}
