import type { EntitiesByKind, Entity } from '../model/entities.js';
import type { CompiledPolicy } from './load.js';
import { renderMessage } from './template.js';
import { isUnknownTri, triAll, type Because } from './tristate.js';

export type Status = 'pass' | 'fail' | 'indeterminate' | 'not-applicable';

/**
 * Why a finding does not count against the run: an inline comment in the source, a waiver in the config, or a
 * baseline of findings accepted earlier. A suppressed finding is still reported, as suppressed.
 */
export interface Suppression {
  kind: 'inline' | 'waiver' | 'baseline';
  reason: string;
  /** Where it is written: `main.tf:12`, `.aks-identity-lint.json /waivers/0`, the baseline file. */
  source: string;
  expires?: string;
}

/** One policy's verdict on one entity. */
export interface Evaluation {
  policy: CompiledPolicy;
  entity: Entity;
  status: Status;
  /** For an indeterminate result: the fields whose values are not known yet. */
  because: Because[];
  /** The policy's message, rendered for this entity (for fail and indeterminate). */
  message?: string;
  suppression?: Suppression;
  /** A waiver that matched but has expired, so it no longer suppresses. */
  expiredWaiver?: Suppression;
}

export function evaluatePolicy(policy: CompiledPolicy, entity: Entity): Evaluation {
  const scope = { element: entity, outers: [] };
  const applies = policy.when === undefined ? true : policy.when(scope);
  if (applies === false) return { policy, entity, status: 'not-applicable', because: [] };
  const holds = policy.assert(scope);
  // Compliant whether or not the policy turns out to apply.
  if (holds === true) return { policy, entity, status: 'pass', because: [] };
  const message = renderMessage(policy.policy.message, entity);
  if (holds === false && applies === true) return { policy, entity, status: 'fail', because: [], message };
  // The reasons of both, each once: when and assert often wait on the same field.
  const undecided = triAll([applies, holds]);
  const because = isUnknownTri(undecided) ? undecided.unknown : [];
  return { policy, entity, status: 'indeterminate', because, message };
}

/** Every policy over every entity of its target type, in policy then input order. */
export function evaluateAll(policies: readonly CompiledPolicy[], entities: EntitiesByKind): Evaluation[] {
  const results: Evaluation[] = [];
  for (const policy of policies) {
    for (const entity of entities[policy.policy.target]) results.push(evaluatePolicy(policy, entity));
  }
  return results;
}
