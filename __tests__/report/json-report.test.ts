import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJson, type JsonReport } from '../../src/report/json.js';
import { SchemaValidator } from '../../src/util/schema-validator.js';
import { itShared, repoRoot, sharedFixtures } from '../helpers/fixtures.js';
import { outcomeOf } from '../helpers/outcome.js';
import { jsonReport, runCliHere } from '../helpers/run-cli.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'report.schema.json'), 'utf8')) as {
  $id: string;
};
const validator = new SchemaValidator(schema);

function expectValid(report: JsonReport): void {
  expect(validator.validate(report)).toEqual([]);
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

const inputs: [string, string[]][] = [
  ['a Terraform plan with a service principal secret', [join(repoRoot, 'examples')]],
  ['ARM templates and a what-if result', [join(repoRoot, '__tests__/fixtures/arm')]],
  ['live state from az, REST and PowerShell', [join(repoRoot, '__tests__/fixtures/live')]],
];

describe('the JSON report', () => {
  it.each(inputs)(
    'of %s follows schema/report.schema.json, with and without not-applicable results',
    async (_, paths) => {
      const outcome = await outcomeOf(paths, repoRoot);
      const counted = jsonReport(renderJson(outcome));
      const listed = jsonReport(renderJson(outcome, { includeNotApplicable: true }));
      expectValid(counted);
      expectValid(listed);

      const notApplicable = outcome.evaluations.filter((e) => e.status === 'not-applicable');
      expect(notApplicable.length).toBeGreaterThan(0);
      // Counted per policy, adding up to the summary's total, and not listed unless asked.
      expect(sum(counted.summary.notApplicableByPolicy)).toBe(counted.summary.notApplicable);
      expect(counted.summary.notApplicable).toBe(notApplicable.length);
      expect(counted.results.filter((r) => r.status === 'not-applicable')).toEqual([]);
      expect(counted.results).toHaveLength(outcome.evaluations.length - notApplicable.length);
      for (const [policy, count] of Object.entries(counted.summary.notApplicableByPolicy)) {
        expect(
          listed.results.filter((r) => r.policyId === policy && r.status === 'not-applicable'),
        ).toHaveLength(count);
      }
      expect(listed.results).toHaveLength(outcome.evaluations.length);
      expect(listed.summary).toEqual(counted.summary);
    },
  );

  itShared('of every shared fixture follows the schema', async () => {
    const dirs = ['terraform', 'arm', 'whatif', 'live'].map((d) => join(sharedFixtures, d));
    for (const dir of dirs) expectValid(jsonReport(renderJson(await outcomeOf([dir], repoRoot))));
  });

  it('lists not-applicable results when asked on the command line, and says --include-not-applicable is for JSON', async () => {
    const run = await runCliHere([
      'scan',
      'examples',
      '--format',
      'json',
      '--include-not-applicable',
      '--fail-on',
      'none',
    ]);
    expect(run.status).toBe(0);
    const report = jsonReport(run.stdout);
    expect(report.results.filter((r) => r.status === 'not-applicable')).toHaveLength(
      report.summary.notApplicable,
    );

    const sarif = await runCliHere(['scan', 'examples', '--format', 'sarif', '--include-not-applicable']);
    expect(sarif.status).toBe(2);
    expect(sarif.stderr.split('\n')[0]).toBe(
      'aks-identity-lint: --include-not-applicable lists results in the JSON report: use it with --format json',
    );
  });
});
