import { readFile } from 'node:fs/promises';
import { InputError } from '../inputs/input-error.js';
import { isObject } from '../inputs/json-value.js';
import type { Evaluation } from '../policy/evaluate.js';

/**
 * A baseline is an earlier JSON report (`--format json`, or `--write-baseline`). Findings are matched by policy ID
 * and the resource's stable key (Terraform address or resource ID), never by line number, so edits that move code
 * keep their findings matched.
 */
export interface Baseline {
  file: string;
  keys: Set<string>;
}

export function baselineKey(policyId: string, entityKey: string): string {
  return `${policyId.toUpperCase()}\u0000${entityKey}`;
}

export async function loadBaseline(path: string, display: string): Promise<Baseline> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new InputError({ file: display }, 'cannot read the baseline file');
  });
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    throw new InputError(
      { file: display },
      'the baseline is not valid JSON; expected a report written by --write-baseline or --format json',
    );
  }
  const results = isObject(report) ? report['results'] : undefined;
  if (!isObject(report) || report['reportVersion'] !== 1 || !Array.isArray(results)) {
    throw new InputError(
      { file: display, pointer: '/results' },
      'expected an aks-identity-lint JSON report (reportVersion 1) with a results array',
    );
  }
  const keys = new Set<string>();
  results.forEach((r: unknown, i: number) => {
    const item = r as {
      policyId?: unknown;
      status?: unknown;
      entity?: { key?: unknown };
      suppression?: { kind?: unknown };
    };
    if (typeof item.policyId !== 'string' || typeof item.entity?.key !== 'string') {
      throw new InputError(
        { file: display, pointer: `/results/${i}` },
        'expected a result with policyId and entity.key',
      );
    }
    // Waived and inline-suppressed findings are not debt the baseline accepts: when their waiver ends they count.
    const accepted = item.suppression === undefined || item.suppression.kind === 'baseline';
    if ((item.status === 'fail' || item.status === 'indeterminate') && accepted) {
      keys.add(baselineKey(item.policyId, item.entity.key));
    }
  });
  return { file: display, keys };
}

/** Marks findings already in the baseline; the reports then show only what is new. */
export function applyBaseline(evaluations: readonly Evaluation[], baseline: Baseline): void {
  for (const e of evaluations) {
    // An expired waiver is a decision that the finding counts again; an older baseline does not overrule it.
    if ((e.status !== 'fail' && e.status !== 'indeterminate') || e.expiredWaiver !== undefined) continue;
    if (baseline.keys.has(baselineKey(e.policy.policy.id, e.entity.key))) {
      e.suppression ??= {
        kind: 'baseline',
        reason: `already in the baseline ${baseline.file}`,
        source: baseline.file,
      };
    }
  }
}
