import { scrubSecrets } from '../model/secrets.js';
import type { Evaluation } from '../policy/evaluate.js';
import { countOutcome, isBlocking, runFailed, type ScanOutcome } from '../policy/outcome.js';
import { clusterOf } from '../model/cluster-of.js';
import { entityName, failedBySeverity, findingPlaces } from './present.js';
import type { JsonReport, JsonResult } from './report-types.generated.js';

export type { JsonReport, JsonResult };

/** Version of the JSON report's shape; baselines and other tools read it. */
export const JSON_REPORT_VERSION = 1;

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

export interface JsonOptions {
  /** List not-applicable results too, rather than only counting them per policy. */
  includeNotApplicable?: boolean;
}

/**
 * The whole run as JSON (schema/report.schema.json): every pass, failure, indeterminate and suppressed result, the
 * inputs and what was skipped. Results of policies that do not apply are counted per policy, and listed only when
 * asked: a live scan of 100,000 role assignments has a million of them, more than a JSON string can hold, and none
 * says anything about an entity.
 */
export function renderJson(outcome: ScanOutcome, options: JsonOptions = {}): string {
  const counts = countOutcome(outcome);
  const notApplicableByPolicy: Record<string, number> = {};
  for (const e of outcome.evaluations) {
    if (e.status !== 'not-applicable') continue;
    const id = e.policy.policy.id;
    notApplicableByPolicy[id] = (notApplicableByPolicy[id] ?? 0) + 1;
  }
  const listed =
    options.includeNotApplicable === true
      ? outcome.evaluations
      : outcome.evaluations.filter((e) => e.status !== 'not-applicable');
  const report: JsonReport = {
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
