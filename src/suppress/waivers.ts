import { likeMatches } from '../policy/patterns.js';
import type { Evaluation, Suppression } from '../policy/evaluate.js';
import type { Waiver } from './config-types.generated.js';

export interface WaiverState {
  waiver: Waiver;
  /** Where the waiver is written: `<config> /waivers/<i>`. */
  source: string;
  matched: number;
  expired: boolean;
}

/**
 * Applies the config's waivers to failing and indeterminate findings. A waiver matches a policy ID and a resource
 * (its Terraform address, resource ID or name; `*` matches any text) and lasts through its `expires` day: after that
 * it stops waiving and the finding says so. Every waiver's use is returned, so one that matches nothing is reported
 * as stale instead of lingering.
 */
export function applyWaivers(
  evaluations: readonly Evaluation[],
  waivers: readonly Waiver[],
  configFile: string,
  today: string,
): WaiverState[] {
  const states = waivers.map((waiver, i) => ({
    waiver,
    source: `${configFile} /waivers/${i}`,
    matched: 0,
    expired: waiver.expires !== undefined && waiver.expires < today,
  }));
  for (const e of evaluations) {
    if (e.status !== 'fail' && e.status !== 'indeterminate') continue;
    for (const state of states) {
      if (!matches(state.waiver, e)) continue;
      state.matched++;
      const suppression: Suppression = { kind: 'waiver', reason: state.waiver.reason, source: state.source };
      if (state.waiver.expires !== undefined) suppression.expires = state.waiver.expires;
      if (state.expired) e.expiredWaiver ??= suppression;
      else e.suppression ??= suppression;
    }
  }
  return states;
}

function matches(waiver: Waiver, e: Evaluation): boolean {
  if (waiver.policy.toUpperCase() !== e.policy.policy.id.toUpperCase()) return false;
  const id = 'id' in e.entity ? e.entity.id : undefined;
  const names = [e.entity.key, id, e.entity.name].filter(
    (n): n is string => typeof n === 'string' && n !== '',
  );
  return names.some((name) => likeMatches(name, waiver.resource));
}

/** Today's date as YYYY-MM-DD in UTC; AKS_IDENTITY_LINT_TODAY fixes it for reproducible runs and tests. */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const fixed = env['AKS_IDENTITY_LINT_TODAY'];
  if (fixed !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  return new Date().toISOString().slice(0, 10);
}
