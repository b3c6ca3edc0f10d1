import { scrubSecrets } from '../model/secrets.js';
import type { Evaluation } from '../policy/evaluate.js';
import { countOutcome, isBlocking, runFailed, type ScanOutcome } from '../policy/outcome.js';
import {
  becauseText,
  causedByText,
  entityLabel,
  findingPlaces,
  failedBySeverity,
  findings,
  groupByCluster,
  locationText,
  placeText,
  suppressedFindings,
  suppressionText,
  waiverNotices,
} from './present.js';
import { counted } from '../util/plural.js';

export interface ConsoleOptions {
  color: boolean;
}

const STATUS_WORD: Record<Evaluation['status'], string> = {
  fail: 'FAIL',
  indeterminate: 'UNKNOWN',
  pass: 'pass',
  'not-applicable': 'n/a',
};

/** Plain text for a terminal or a CI log: findings grouped by cluster, counts by severity, the verdict last. */
export function renderConsole(outcome: ScanOutcome, options: ConsoleOptions): string {
  const paint = (code: string, text: string): string =>
    options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const lines: string[] = [];
  lines.push(
    `aks-identity-lint ${outcome.version}: ${counted(outcome.policies.length, 'policy', 'policies')}, ${counted(outcome.inputs.length, 'input')}`,
  );
  lines.push('');
  lines.push('Inputs');
  for (const input of outcome.inputs) {
    const unsupported = Object.values(input.unsupported).reduce((a, b) => a + b, 0);
    lines.push(
      `  ${input.file} (${formatName(input.format)}): ${input.scanned} scanned, ${input.skipped} skipped, ` +
        `${unsupported} outside AKS identity`,
    );
  }
  for (const s of outcome.skipped) lines.push(`  skipped ${s.address} in ${s.file}: ${s.reason}`);
  for (const i of outcome.ignored) lines.push(`  ignored ${i.file}: ${i.reason}`);

  for (const group of groupByCluster(outcome)) {
    const part = { ...outcome, evaluations: group.evaluations };
    const shown = findings(part);
    const suppressed = suppressedFindings(part);
    if (group.cluster === undefined && shown.length + suppressed.length === 0) continue;
    lines.push('');
    const where = group.cluster === undefined ? '' : `  ${locationText(group.cluster)}`;
    lines.push(paint('1', group.title) + where);
    for (const e of shown) {
      const word = STATUS_WORD[e.status];
      const colored =
        e.status === 'fail' ? paint(isBlocking(e, outcome) ? '31' : '33', word) : paint('36', word);
      lines.push(
        `  ${colored.padEnd(options.color ? 16 : 7)} ${e.severity.padEnd(8)} ${e.policy.policy.id}  ${e.policy.policy.title}`,
      );
      if (e.entity !== group.cluster) lines.push(`      on ${entityLabel(e.entity)}`);
      if (e.status === 'fail') lines.push(`      ${e.message ?? ''}`);
      else lines.push(`      cannot decide yet: ${becauseText(e.because)}`);
      const cause = causedByText(e);
      if (cause !== undefined) lines.push(`      ${cause}`);
      for (const place of findingPlaces(e)) lines.push(`      at ${placeText(place)}`);
      if (e.expiredWaiver !== undefined) {
        lines.push(`      waiver expired on ${e.expiredWaiver.expires ?? ''} [${e.expiredWaiver.source}]`);
      }
      if (e.status === 'fail') lines.push(`      fix: ${e.policy.policy.remediation.summary}`);
    }
    for (const e of suppressed) {
      const word = e.suppression?.kind === 'inline' ? 'IGNORED' : 'WAIVED';
      lines.push(
        `  ${paint('90', word).padEnd(options.color ? 16 : 7)} ${e.severity.padEnd(8)} ${e.policy.policy.id}  ${e.policy.policy.title}`,
      );
      if (e.entity !== group.cluster) lines.push(`      on ${entityLabel(e.entity)}`);
      lines.push(`      ${suppressionText(e)}`);
    }
    const passed = group.evaluations.filter((e) => e.status === 'pass').length;
    const na = group.evaluations.filter((e) => e.status === 'not-applicable').length;
    lines.push(`  ${passed} passed, ${na} not applicable`);
  }

  const notices = waiverNotices(outcome);
  if (notices.length > 0) {
    lines.push('');
    for (const n of notices) lines.push(`note: ${n}`);
  }

  const counts = countOutcome(outcome);
  const bySeverity = failedBySeverity(outcome)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  lines.push('');
  lines.push(
    `Summary: ${counts.failed} failed${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}, ` +
      `${counts.indeterminate} indeterminate, ${counts.passed} passed, ${counts.notApplicable} not applicable` +
      (counts.suppressed > 0 ? `, ${counts.suppressed} suppressed` : '') +
      (outcome.baseline === undefined
        ? ''
        : `, ${counts.baselined} already in the baseline ${outcome.baseline} (not shown)`),
  );
  const failed = runFailed(outcome);
  const rule = `fail-on: ${outcome.failOn}${outcome.failOnIndeterminate ? ', indeterminate fails' : ''}`;
  lines.push(`Result: ${failed ? paint('31;1', 'FAIL') : paint('32;1', 'PASS')} (${rule})`);
  return scrubSecrets(lines.join('\n') + '\n', outcome.secrets);
}

export function formatName(format: string): string {
  return format === 'terraform-plan' ? 'Terraform plan JSON' : format;
}
