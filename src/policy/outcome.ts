import type { EntitiesByKind, InputSummary, SkippedResource } from '../model/entities.js';
import type { Evaluation } from './evaluate.js';
import type { CompiledPolicy } from './load.js';
import { atOrAbove, type FailOn } from './severity.js';

/** How a configured waiver was used in this run: stale when it matched nothing, expired after its last day. */
export interface WaiverUse {
  source: string;
  policy: string;
  resource: string;
  reason: string;
  expires?: string;
  matched: number;
  expired: boolean;
}

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
  waivers: WaiverUse[];
  /** The baseline the run compared with, if any. */
  baseline?: string;
  /** HTTP requests a live query sent to Azure, when the run made one. */
  liveRequests?: number;
}

export interface OutcomeCounts {
  /** Failures not suppressed. */
  failed: number;
  indeterminate: number;
  passed: number;
  notApplicable: number;
  /** Failures that fail the run (at or above fail-on). */
  blocking: number;
  /** Findings suppressed by a waiver or an inline comment (reported as such). */
  suppressed: number;
  /** Findings already in the baseline (counted, not listed). */
  baselined: number;
}

export function countOutcome(outcome: ScanOutcome): OutcomeCounts {
  const counts: OutcomeCounts = {
    failed: 0,
    indeterminate: 0,
    passed: 0,
    notApplicable: 0,
    blocking: 0,
    suppressed: 0,
    baselined: 0,
  };
  for (const e of outcome.evaluations) {
    if (e.suppression?.kind === 'baseline') counts.baselined++;
    else if (e.suppression !== undefined) counts.suppressed++;
    else if (e.status === 'fail') counts.failed++;
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
  if (e.suppression !== undefined || !atOrAbove(e.severity, outcome.failOn)) return false;
  return e.status === 'fail' || (e.status === 'indeterminate' && outcome.failOnIndeterminate);
}

export function runFailed(outcome: ScanOutcome): boolean {
  return outcome.evaluations.some((e) => isBlocking(e, outcome));
}
