import { ENTITY_KINDS, type EntitiesByKind, type Entity } from '../model/entities.js';
import type { CompiledPolicy } from './load.js';
import { resolveField } from './resolve-field.js';
import type { Severity } from './severity.js';
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
  /** The finding's severity: the policy's, or the one its `severityWhen` gives this entity. */
  severity: Severity;
  /** For an indeterminate result: the fields whose values are not known yet. */
  because: Because[];
  /** The policy's message, rendered for this entity (for fail and indeterminate). */
  message?: string;
  /**
   * For a failure caused by related entities (a role assignment that grants too much): those entities, so that the
   * finding names them and points at their declarations, where the reviewer changes code.
   */
  culprits?: Entity[];
  suppression?: Suppression;
  /** A waiver that matched but has expired, so it no longer suppresses. */
  expiredWaiver?: Suppression;
}

export function evaluatePolicy(policy: CompiledPolicy, entity: Entity): Evaluation {
  const scope = { element: entity, outers: [] };
  const base = { policy, entity, severity: policy.policy.severity };
  const applies = policy.when === undefined ? true : policy.when(scope);
  if (applies === false) return { ...base, status: 'not-applicable', because: [] };
  const holds = policy.assert(scope);
  // Compliant whether or not the policy turns out to apply.
  if (holds === true) return { ...base, status: 'pass', because: [] };
  const message = renderMessage(policy.policy.message, entity);
  const severity = severityOf(policy, scope);
  if (holds === false && applies === true) {
    const culprits = findCulprits(policy, entity);
    return culprits.length === 0
      ? { ...base, severity, status: 'fail', because: [], message }
      : { ...base, severity, status: 'fail', because: [], message, culprits };
  }
  // The reasons of both, each once: when and assert often wait on the same field.
  const undecided = triAll([applies, holds]);
  const because = isUnknownTri(undecided) ? undecided.unknown : [];
  return { ...base, severity, status: 'indeterminate', because, message };
}

/** The first `severityWhen` that surely holds gives the severity; an undecided one does not. */
function severityOf(policy: CompiledPolicy, scope: { element: unknown; outers: unknown[] }): Severity {
  for (const s of policy.severityWhen ?? []) if (s.when(scope) === true) return s.severity;
  return policy.policy.severity;
}

/**
 * The entities a failure is about: those the policy names, or else those a failing count counted too many of,
 * found by evaluating the assertion again with a trace (only for failures, so passes cost nothing).
 */
function findCulprits(policy: CompiledPolicy, entity: Entity): Entity[] {
  let candidates: unknown[];
  if (policy.culprits !== undefined) {
    const { field, where } = policy.culprits;
    const resolved = resolveField(field, { element: entity, outers: [] });
    const elements = resolved.many ? resolved.values : Array.isArray(resolved.value) ? resolved.value : [];
    candidates =
      where === undefined
        ? elements
        : elements.filter((e) => where({ element: e, outers: [entity] }) === true);
  } else {
    candidates = [];
    policy.assert({ element: entity, outers: [], trace: candidates });
  }
  const found: Entity[] = [];
  for (const c of candidates) if (isEntity(c) && c !== entity && !found.includes(c)) found.push(c);
  return found;
}

function isEntity(value: unknown): value is Entity {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, source } = value as { kind?: unknown; source?: unknown };
  return (
    typeof kind === 'string' &&
    (ENTITY_KINDS as readonly string[]).includes(kind) &&
    typeof source === 'object'
  );
}

/** Every policy over every entity of its target type, in policy then input order. */
export function evaluateAll(policies: readonly CompiledPolicy[], entities: EntitiesByKind): Evaluation[] {
  const results: Evaluation[] = [];
  for (const policy of policies) {
    for (const entity of entities[policy.policy.target]) results.push(evaluatePolicy(policy, entity));
  }
  return results;
}
