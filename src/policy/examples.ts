import type { Entity } from '../model/entities.js';
import { isIdentifierRef, Unknown } from '../model/unknown.js';
import { evaluatePolicy, type Status } from './evaluate.js';
import type { CompiledPolicy } from './load.js';

export interface ExampleResult {
  policyId: string;
  file: string;
  expected: Status;
  actual: Status;
  index: number;
  ok: boolean;
}

const EXPECTATIONS: readonly [key: 'pass' | 'fail' | 'indeterminate' | 'notApplicable', status: Status][] = [
  ['pass', 'pass'],
  ['fail', 'fail'],
  ['indeterminate', 'indeterminate'],
  ['notApplicable', 'not-applicable'],
];

/**
 * Runs a policy's embedded examples (entities that must pass, fail, be indeterminate or not applicable), as ESLint
 * runs a rule's valid and invalid cases. `{"$unknown": "reason"}` in an example stands for a value not known yet.
 */
export function runExamples(policy: CompiledPolicy): ExampleResult[] {
  const results: ExampleResult[] = [];
  for (const [key, expected] of EXPECTATIONS) {
    (policy.policy.examples?.[key] ?? []).forEach((example, index) => {
      const entity = {
        kind: policy.policy.target,
        key: `example ${key}[${index}]`,
        ...reviveUnknowns(example),
      };
      const actual = evaluatePolicy(policy, entity as unknown as Entity).status;
      results.push({
        policyId: policy.policy.id,
        file: policy.file,
        expected,
        actual,
        index,
        ok: actual === expected,
      });
    });
  }
  return results;
}

function reviveUnknowns(value: unknown): Record<string, unknown> {
  return revive(value) as Record<string, unknown>;
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (
    keys.length >= 1 &&
    keys.every((k) => k === '$unknown' || k === '$ref') &&
    typeof record['$unknown'] === 'string'
  ) {
    const ref = typeof record['$ref'] === 'string' ? record['$ref'] : undefined;
    return new Unknown(record['$unknown'], ref, ref !== undefined && isIdentifierRef(ref));
  }
  return Object.fromEntries(keys.map((k) => [k, revive(record[k])]));
}
