import type { Severity } from './policy-types.generated.js';

export type { Severity };

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** `none` never fails the run on findings (report-only jobs). */
export type FailOn = Severity | 'none';

export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'none' && severityRank(severity) >= severityRank(threshold);
}
