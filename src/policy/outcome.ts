import type { EntitiesByKind, InputSummary, SkippedResource } from '../model/entities.js';
import type { Evaluation } from './evaluate.js';
import type { CompiledPolicy } from './load.js';
import { atOrAbove, type FailOn } from './severity.js';

/** Everything a run found, as the reporters see it. */
export interface ScanOutcome {
  version: string;
  inputs: InputSummary[];
  skipped: SkippedResource[];
  ignored: { file: string; reason: string }[];
  entities: EntitiesByKind;
  policies: CompiledPolicy[];
  evaluations: Evaluation[];
  failOn: FailOn;
  failOnIndeterminate: boolean;
  /** Secret values seen in the inputs; every reporter scrubs them from what it writes. */
  secrets: string[];
}

export interface OutcomeCounts {
  failed: number;
  indeterminate: number;
  passed: number;
  notApplicable: number;
  /** Failures that fail the run (at or above fail-on). */
  blocking: number;
}

export function countOutcome(outcome: ScanOutcome): OutcomeCounts {
  const counts: OutcomeCounts = { failed: 0, indeterminate: 0, passed: 0, notApplicable: 0, blocking: 0 };
  for (const e of outcome.evaluations) {
    if (e.status === 'fail') counts.failed++;
    else if (e.status === 'indeterminate') counts.indeterminate++;
    else if (e.status === 'pass') counts.passed++;
    else counts.notApplicable++;
    if (isBlocking(e, outcome)) counts.blocking++;
  }
  return counts;
}

/** Whether this result fails the run: a failure at or above fail-on, or an indeterminate one when asked. */
export function isBlocking(
  e: Evaluation,
  outcome: Pick<ScanOutcome, 'failOn' | 'failOnIndeterminate'>,
): boolean {
  if (!atOrAbove(e.policy.policy.severity, outcome.failOn)) return false;
  return e.status === 'fail' || (e.status === 'indeterminate' && outcome.failOnIndeterminate);
}

export function runFailed(outcome: ScanOutcome): boolean {
  return outcome.evaluations.some((e) => isBlocking(e, outcome));
}
