import { join } from 'node:path';
import { builtInPolicyDir } from '../../src/package-files.js';
import { readTerraformPlan } from '../../src/inputs/terraform/adapter.js';
import { linkEntities } from '../../src/model/link.js';
import { evaluateAll } from '../../src/policy/evaluate.js';
import { loadPolicies } from '../../src/policy/load.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { generatePlan, terraformSource } from '../../scripts/bench/terraform-plan.mjs';
import { outcomeOf } from '../helpers/outcome.js';
import { writeTemp } from '../helpers/plans.js';

/**
 * Work, counted rather than timed: a step that rescans a growing structure for each of its elements shows here as
 * work that grows with the square of the input, whatever the machine. Sizes n and 10n; growth above 11× fails.
 */
const N = 40;
const LINEAR = 11;

/**
 * Wraps plain objects and arrays so that every property read anywhere in the graph is counted; the same object is
 * always the same proxy, so identity (Map keys, Sets) still holds.
 */
function counting<T>(value: T, counter: { reads: number }, seen = new WeakMap<object, object>()): T {
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known as T;
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      counter.reads++;
      return counting(Reflect.get(target, key, receiver) as unknown, counter, seen);
    },
  });
  seen.set(value, proxy);
  return proxy;
}

async function readsToLintPlanOf(clusters: number): Promise<number> {
  const plan = generatePlan(clusters);
  const dir = await writeTemp({ 'tfplan.json': plan, 'main.tf': terraformSource(plan) });
  const policies = await loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);
  const counter = { reads: 0 };
  const output = await readTerraformPlan(
    { file: 'tfplan.json', text: JSON.stringify(plan), value: counting(plan, counter) },
    { path: join(dir, 'tfplan.json'), repoRoot: dir },
  );
  const entities = linkEntities(output.entities.map((e) => counting(e, counter)));
  const evaluations = evaluateAll(policies, entities);
  expect(evaluations.filter((e) => e.status === 'fail').length).toBeGreaterThanOrEqual(clusters / 2);
  return counter.reads;
}

async function bytesMeasuredToFitCommentOf(clusters: number): Promise<number> {
  const plan = generatePlan(clusters);
  const dir = await writeTemp({ 'tfplan.json': plan, 'main.tf': terraformSource(plan) });
  const outcome = await outcomeOf([join(dir, 'tfplan.json')], dir);
  // Half the whole report: the cut, and what is kept, grow with the input.
  const limit = Math.floor(Buffer.byteLength(renderMarkdown(outcome)) / 2);
  const original = Object.getOwnPropertyDescriptor(Buffer, 'byteLength');
  if (original === undefined) throw new Error('Buffer.byteLength is not an own property');
  const byteLength = Buffer.byteLength.bind(Buffer);
  let measured = 0;
  Buffer.byteLength = (text: string, encoding?: BufferEncoding) => {
    measured += text.length;
    return byteLength(text, encoding);
  };
  try {
    const comment = renderMarkdown(outcome, { maxLength: limit });
    expect(comment).toContain('Left out to stay within');
  } finally {
    Object.defineProperty(Buffer, 'byteLength', original);
  }
  return measured;
}

describe('work grows no faster than the input', () => {
  it(`reading, linking and evaluating a plan: property reads for ${String(10 * N)} clusters ≤ ${String(LINEAR)}× those for ${String(N)}`, async () => {
    const small = await readsToLintPlanOf(N);
    const large = await readsToLintPlanOf(10 * N);
    expect(small).toBeGreaterThan(0);
    expect(large / small).toBeLessThanOrEqual(LINEAR);
  });

  it(`fitting the PR comment: bytes measured for ${String(10 * N)} clusters ≤ ${String(LINEAR)}× those for ${String(N)}`, async () => {
    const small = await bytesMeasuredToFitCommentOf(N);
    const large = await bytesMeasuredToFitCommentOf(10 * N);
    expect(small).toBeGreaterThan(0);
    expect(large / small).toBeLessThanOrEqual(LINEAR);
  });
});
