import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeForUser } from '../../src/cli/output.js';
import { InputError } from '../../src/inputs/input-error.js';
import type { Evaluation } from '../../src/policy/evaluate.js';
import { renderJson } from '../../src/report/json.js';
import { applyBaseline, loadBaseline } from '../../src/suppress/baseline.js';
import { repoRoot } from '../helpers/fixtures.js';
import { outcomeOf } from '../helpers/outcome.js';
import { writeTemp } from '../helpers/plans.js';

// In-process: baselines as the scan reads and applies them (suppressions.test.ts runs the same through the CLI).

const examples = () => outcomeOf([join(repoRoot, 'examples')], repoRoot);
const key = (e: Evaluation) => `${e.policy.policy.id} ${e.entity.key}`;

async function errorOf(run: () => Promise<unknown>): Promise<string> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  return error.message;
}

describe('a baseline', () => {
  it('written from a report marks exactly that report’s findings on the next run, as already known', async () => {
    const dir = await writeTemp({});
    const file = join(dir, 'baseline.json');
    const before = await examples();
    const findings = before.evaluations.filter((e) => e.status === 'fail' || e.status === 'indeterminate');
    expect(findings.length).toBeGreaterThan(0);
    await writeFile(file, renderJson(before));

    const baseline = await loadBaseline(file, 'baseline.json');
    expect([...baseline.keys]).toHaveLength(findings.length);
    const after = await examples();
    applyBaseline(after.evaluations, baseline);
    const marked = after.evaluations.filter((e) => e.suppression !== undefined);
    expect(marked.map(key).sort()).toEqual(findings.map(key).sort());
    expect(marked[0]?.suppression).toEqual({
      kind: 'baseline',
      reason: 'already in the baseline baseline.json',
      source: 'baseline.json',
    });
  });

  it('does not accept waived findings (they count again when the waiver ends) nor overrule an expired waiver', async () => {
    const dir = await writeTemp({});
    const file = join(dir, 'baseline.json');
    const before = await examples();
    const [waived, expired] = before.evaluations.filter((e) => e.status === 'fail');
    if (waived === undefined || expired === undefined)
      throw new Error('the examples have fewer than two failures');
    waived.suppression = { kind: 'waiver', reason: 'r', source: 'cfg /waivers/0' };
    await writeFile(file, renderJson(before));
    const baseline = await loadBaseline(file, 'baseline.json');
    expect(baseline.keys.size).toBe(before.evaluations.filter((e) => e.status === 'fail').length - 1);

    const after = await examples();
    const again = after.evaluations.find((e) => key(e) === key(expired));
    if (again === undefined) throw new Error('finding not found again');
    again.expiredWaiver = { kind: 'waiver', reason: 'r', source: 'cfg /waivers/1', expires: '2026-01-01' };
    applyBaseline(after.evaluations, baseline);
    expect(again.suppression).toBeUndefined();
    expect(after.evaluations.find((e) => key(e) === key(waived))?.suppression).toBeUndefined();
  });

  it('keeps the suppression a finding already has', async () => {
    const outcome = await examples();
    const [first] = outcome.evaluations.filter((e) => e.status === 'fail');
    if (first === undefined) throw new Error('no failure');
    const inline = { kind: 'inline' as const, reason: 'accepted', source: 'main.tf:3' };
    first.suppression = inline;
    applyBaseline(outcome.evaluations, {
      file: 'b.json',
      keys: new Set([`${first.policy.policy.id}\u0000${first.entity.key}`]),
    });
    expect(first.suppression).toBe(inline);
  });

  it.each([
    [
      '[]',
      'baseline.json /results: expected an aks-identity-lint JSON report (reportVersion 1) with a results array',
    ],
    [
      '{"reportVersion": 2, "results": []}',
      'baseline.json /results: expected an aks-identity-lint JSON report (reportVersion 1) with a results array',
    ],
    [
      '{"reportVersion": 1}',
      'baseline.json /results: expected an aks-identity-lint JSON report (reportVersion 1) with a results array',
    ],
    [
      '{"reportVersion": 1, "results": [{"policyId": "AKSID003", "entity": {}}]}',
      'baseline.json /results/0: expected a result with policyId and entity.key',
    ],
    [
      '{"reportVersion": 1, "results": [{"entity": {"key": "k"}}]}',
      'baseline.json /results/0: expected a result with policyId and entity.key',
    ],
    [
      'null',
      'baseline.json /results: expected an aks-identity-lint JSON report (reportVersion 1) with a results array',
    ],
    [
      '"a report"',
      'baseline.json /results: expected an aks-identity-lint JSON report (reportVersion 1) with a results array',
    ],
    [
      'not json',
      'baseline.json: the baseline is not valid JSON; expected a report written by --write-baseline or --format json',
    ],
  ])('that is not a report (%s) is an error naming where', async (text, message) => {
    const dir = await writeTemp({ 'baseline.json': text });
    expect(await errorOf(() => loadBaseline(join(dir, 'baseline.json'), 'baseline.json'))).toBe(message);
  });

  it('accepts failures and undecided findings not otherwise suppressed, by policy ID in any case', async () => {
    const result = (policyId: string, key: string, status: string, suppression?: { kind: string }) => ({
      policyId,
      entity: { key },
      status,
      ...(suppression === undefined ? {} : { suppression }),
    });
    const dir = await writeTemp({
      'baseline.json': {
        reportVersion: 1,
        results: [
          result('AKSID001', 'failed', 'fail'),
          result('aksid002', 'lower-case', 'fail'),
          result('AKSID003', 'undecided', 'indeterminate'),
          result('AKSID004', 'passed', 'pass'),
          result('AKSID005', 'not-applicable', 'not-applicable'),
          result('AKSID006', 'baselined-before', 'fail', { kind: 'baseline' }),
          result('AKSID007', 'waived', 'fail', { kind: 'waiver' }),
          result('AKSID008', 'inline', 'indeterminate', { kind: 'inline' }),
        ],
      },
    });
    const baseline = await loadBaseline(join(dir, 'baseline.json'), 'baseline.json');
    expect([...baseline.keys].map((k) => k.replace('\u0000', ' ')).sort()).toEqual([
      'AKSID001 failed',
      'AKSID002 lower-case',
      'AKSID003 undecided',
      'AKSID006 baselined-before',
    ]);
  });

  it('marks only failures and undecided findings, whatever else matches its keys', async () => {
    const outcome = await examples();
    const byStatus = (status: string) => outcome.evaluations.find((e) => e.status === status);
    const [pass, notApplicable, fail] = [byStatus('pass'), byStatus('not-applicable'), byStatus('fail')];
    if (pass === undefined || notApplicable === undefined || fail === undefined)
      throw new Error('the examples lack a pass, a not-applicable result or a failure');
    applyBaseline(outcome.evaluations, {
      file: 'b.json',
      keys: new Set([pass, notApplicable, fail].map((e) => `${e.policy.policy.id}\u0000${e.entity.key}`)),
    });
    expect(pass.suppression).toBeUndefined();
    expect(notApplicable.suppression).toBeUndefined();
    expect(fail.suppression?.kind).toBe('baseline');
  });

  it('that cannot be read or written is an error naming the file', async () => {
    const dir = await writeTemp({});
    expect(await errorOf(() => loadBaseline(join(dir, 'none.json'), 'none.json'))).toBe(
      'none.json: cannot read the baseline file',
    );
    // --write-baseline: relative to the CLI's working directory, named as the user gave it.
    const io = {
      stdout: () => undefined,
      stderr: () => undefined,
      cwd: dir,
      color: false,
      interactive: false,
    };
    await writeForUser('b.json', '{}', 'the baseline', io);
    expect(await readFile(join(dir, 'b.json'), 'utf8')).toBe('{}');
    await writeForUser('reports/new/b.json', '{}', 'the baseline', io);
    expect(await readFile(join(dir, 'reports/new/b.json'), 'utf8')).toBe('{}');
    await mkdir(join(dir, 'a-directory'));
    expect(await errorOf(() => writeForUser('a-directory', '{}', 'the baseline', io))).toMatch(
      // Under jest's module sandbox Node's errors come from another realm and read "Error: EISDIR: ...".
      /^a-directory: cannot write the baseline \((Error: )?EISDIR/,
    );
  });
});
