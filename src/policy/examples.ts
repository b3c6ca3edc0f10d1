import type { Entity } from '../model/entities.js';
import { isIdentifierRef, Unknown } from '../model/unknown.js';
import { evaluatePolicy, type Status } from './evaluate.js';
import type { CompiledPolicy } from './load.js';
import { ModelSchema, type FieldType } from './model-schema.js';
import type { Policy } from './policy-types.generated.js';

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

/**
 * Example entities with a field the model does not have: such an example tests nothing (a policy reading the
 * misspelt field would pass it, and so would the example with the same misspelling).
 */
export function exampleProblems(policy: Policy): { path: (string | number)[]; message: string }[] {
  const schema = ModelSchema.get();
  const problems: { path: (string | number)[]; message: string }[] = [];
  const visit = (value: unknown, type: FieldType, path: (string | number)[], shown: string): void => {
    if (type.open || typeof value !== 'object' || value === null || isUnknownMarker(value)) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const walked = schema.walk(type, [{ index: i }], shown);
        if ('problem' in walked) problems.push({ path: [...path, i], message: walked.problem });
        else visit(item, walked.type, [...path, i], `${shown}[${i}]`);
      });
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const next = shown === '' ? key : `${shown}.${key}`;
      const walked = schema.walk(type, [{ name: key }], next);
      if ('problem' in walked) problems.push({ path: [...path, key], message: walked.problem });
      else visit(item, walked.type, [...path, key], next);
    }
  };
  for (const [key] of EXPECTATIONS) {
    (policy.examples?.[key] ?? []).forEach((example, i) => {
      visit(example, schema.entity(policy.target), ['examples', key, i], '');
    });
  }
  return problems;
}

function isUnknownMarker(value: object): boolean {
  return !Array.isArray(value) && Object.keys(value).every((k) => k === '$unknown' || k === '$ref');
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
