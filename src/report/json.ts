import { scrubSecrets } from '../model/secrets.js';
import type { Evaluation } from '../policy/evaluate.js';
import { countOutcome, isBlocking, runFailed, type ScanOutcome } from '../policy/outcome.js';
import { SEVERITIES } from '../policy/severity.js';
import { clusterOf } from '../model/cluster-of.js';
import { entityName } from './present.js';

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
  location: {
    input: string;
    pointer: string;
    file?: string;
    line?: number;
    endLine?: number;
    note?: string;
  };
  remediation: string;
}

export function jsonResult(e: Evaluation, outcome: ScanOutcome): JsonResult {
  const cluster = clusterOf(e.entity);
  const source = e.entity.source;
  const result: JsonResult = {
    policyId: e.policy.policy.id,
    title: e.policy.policy.title,
    severity: e.policy.policy.severity,
    status: e.status,
    blocking: isBlocking(e, outcome),
    entity: { kind: e.entity.kind, key: e.entity.key, name: entityName(e.entity) },
    location: { input: source.file, pointer: source.pointer },
    remediation: e.policy.policy.remediation.summary,
  };
  if (cluster !== undefined) result.entity.cluster = cluster.key;
  if (e.message !== undefined) result.message = e.message;
  if (e.status === 'indeterminate') result.because = e.because;
  if (source.declaration !== undefined) {
    result.location.file = source.declaration.file;
    result.location.line = source.declaration.line;
    result.location.endLine = source.declaration.endLine;
  } else if (source.declarationNote !== undefined) {
    result.location.note = source.declarationNote;
  }
  return result;
}

/** The whole run as JSON: every result (passes included), the inputs and what was skipped. */
export function renderJson(outcome: ScanOutcome): string {
  const counts = countOutcome(outcome);
  const failedBySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [
      s,
      outcome.evaluations.filter((e) => e.status === 'fail' && e.policy.policy.severity === s).length,
    ]),
  );
  const report = {
    reportVersion: JSON_REPORT_VERSION,
    tool: { name: 'aks-identity-lint', version: outcome.version },
    result: runFailed(outcome) ? 'fail' : 'pass',
    failOn: outcome.failOn,
    failOnIndeterminate: outcome.failOnIndeterminate,
    summary: { ...counts, failedBySeverity },
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
    results: outcome.evaluations.map((e) => jsonResult(e, outcome)),
  };
  return scrubSecrets(JSON.stringify(report, null, 2) + '\n', outcome.secrets);
}
