import { scrubSecrets } from '../model/secrets.js';
import type { Evaluation, Suppression } from '../policy/evaluate.js';
import { countOutcome, isBlocking, runFailed, type ScanOutcome } from '../policy/outcome.js';
import { clusterOf } from '../model/cluster-of.js';
import { entityName, failedBySeverity, findingPlaces } from './present.js';

/** Version of the JSON report's shape; baselines and other tools read it. */
export const JSON_REPORT_VERSION = 1;

export interface JsonResult {
  policyId: string;
  title: string;
  severity: string;
  status: Evaluation['status'];
  blocking: boolean;
  entity: { kind: string; key: string; name: string; cluster?: string };
  message?: string;
  because?: { field: string; reason: string }[];
  suppression?: Suppression;
  expiredWaiver?: Suppression;
  location: {
    input: string;
    pointer: string;
    file?: string;
    line?: number;
    endLine?: number;
    note?: string;
  };
  remediation: string;
  /**
   * Where a finding points (each grant that causes it, or the resource itself): source lines, or the input file and
   * why there is no line.
   */
  places?: ({ resource: string } & (
    { file: string; line: number; endLine: number } | { input: string; note: string }
  ))[];
  /** The related resources a failure is caused by. */
  causedBy?: string[];
}

/** The JSON report as written by `--format json` and the action's `json-file`. */
export interface JsonReport {
  reportVersion: typeof JSON_REPORT_VERSION;
  tool: { name: 'aks-identity-lint'; version: string };
  result: 'pass' | 'fail';
  failOn: ScanOutcome['failOn'];
  failOnIndeterminate: ScanOutcome['failOnIndeterminate'];
  summary: ReturnType<typeof countOutcome> & { failedBySeverity: Record<string, number> };
  waivers: ScanOutcome['waivers'];
  baseline?: NonNullable<ScanOutcome['baseline']>;
  inputs: ScanOutcome['inputs'];
  skipped: ScanOutcome['skipped'];
  ignored: ScanOutcome['ignored'];
  policies: { id: string; title: string; severity: string; file: string; builtIn: boolean }[];
  results: JsonResult[];
}

export function jsonResult(e: Evaluation, outcome: ScanOutcome): JsonResult {
  const cluster = clusterOf(e.entity);
  const source = e.entity.source;
  const result: JsonResult = {
    policyId: e.policy.policy.id,
    title: e.policy.policy.title,
    severity: e.severity,
    status: e.status,
    blocking: isBlocking(e, outcome),
    entity: { kind: e.entity.kind, key: e.entity.key, name: entityName(e.entity) },
    location: { input: source.file, pointer: source.pointer },
    remediation: e.policy.policy.remediation.summary,
  };
  if (cluster !== undefined) result.entity.cluster = cluster.key;
  if (e.message !== undefined) result.message = e.message;
  if (e.status === 'indeterminate') result.because = e.because;
  if (e.suppression !== undefined) result.suppression = e.suppression;
  if (e.expiredWaiver !== undefined) result.expiredWaiver = e.expiredWaiver;
  if (source.declaration !== undefined) {
    result.location.file = source.declaration.file;
    result.location.line = source.declaration.line;
    result.location.endLine = source.declaration.endLine;
  } else if (source.declarationNote !== undefined) {
    result.location.note = source.declarationNote;
  }
  if (e.status === 'fail' || e.status === 'indeterminate') {
    result.places = findingPlaces(e).map((p) => ({
      resource: p.entity.key,
      ...(p.location === undefined ? { input: p.entity.source.file, note: p.note ?? '' } : p.location),
    }));
  }
  if (e.culprits !== undefined) result.causedBy = e.culprits.map((c) => c.key);
  return result;
}

/**
 * The whole run as JSON: every pass, failure and indeterminate result, the inputs and what was skipped. Results of
 * policies that do not apply are counted in the summary, not listed: a live scan of 100,000 role assignments has a
 * million of them, more than a JSON string can hold, and none says anything about an entity.
 */
export function renderJson(outcome: ScanOutcome): string {
  const counts = countOutcome(outcome);
  const bySeverity = Object.fromEntries(failedBySeverity(outcome));
  const report: JsonReport = {
    reportVersion: JSON_REPORT_VERSION,
    tool: { name: 'aks-identity-lint', version: outcome.version },
    result: runFailed(outcome) ? 'fail' : 'pass',
    failOn: outcome.failOn,
    failOnIndeterminate: outcome.failOnIndeterminate,
    summary: { ...counts, failedBySeverity: bySeverity },
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
    results: outcome.evaluations
      .filter((e) => e.status !== 'not-applicable')
      .map((e) => jsonResult(e, outcome)),
  };
  return scrubSecrets(JSON.stringify(report, null, 2) + '\n', outcome.secrets);
}
