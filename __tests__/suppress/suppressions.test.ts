import type { JsonReport } from '../../src/report/json.js';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { itShared, repoRoot, terraformFixture } from '../helpers/fixtures.js';
import { writeTemp } from '../helpers/plans.js';
import { runCliHere, jsonReport } from '../helpers/run-cli.js';

/** A copy of the examples in a temporary repository, so configs and comments can be added without touching them. */
async function workspace(config?: unknown): Promise<string> {
  const dir = await writeTemp(config === undefined ? {} : { '.aks-identity-lint.json': config });
  for (const file of ['tfplan.json', 'main.tf', 'modules/legacy-cluster/main.tf']) {
    await mkdir(join(dir, 'infra', file, '..'), { recursive: true });
    await copyFile(join(repoRoot, 'examples', 'terraform', file), join(dir, 'infra', file));
  }
  return dir;
}

async function scanJson(
  cwd: string,
  args: string[] = [],
  today = '2026-11-24',
): Promise<{ status: number | null; report: JsonReport; stderr: string }> {
  const run = await runCliHere(['scan', ...args, '--format', 'json'], cwd, {
    AKS_IDENTITY_LINT_TODAY: today,
  });
  return {
    status: run.status,
    // Read only by a test that expects a report: one that gets none fails there.
    get report() {
      return jsonReport(run.stdout);
    },
    stderr: run.stderr,
  };
}

const legacy = 'module.legacy.azurerm_kubernetes_cluster.this';
const find = (report: JsonReport, id: string) =>
  report.results.find((r) => r.policyId === id && r.entity.key === legacy);

describe('the config file', () => {
  it('is found from the working directory upward, and its paths are relative to it', async () => {
    const dir = await workspace({ paths: ['infra/tfplan.json'], failOn: 'none' });
    await mkdir(join(dir, 'deep', 'er'), { recursive: true });
    const { status, report } = await scanJson(join(dir, 'deep', 'er'));
    expect(status).toBe(0);
    expect(report.result).toBe('pass');
    expect(report.summary['failed']).toBe(5);
  });

  it('turns policies off and overrides severities', async () => {
    const dir = await workspace({
      paths: ['infra'],
      policies: { AKSID001: { enabled: false }, AKSID005: { severity: 'critical' } },
    });
    const { report } = await scanJson(dir);
    expect(report.results.some((r) => r.policyId === 'AKSID001')).toBe(false);
    expect(find(report, 'AKSID005')).toMatchObject({ status: 'fail', blocking: true });
  });

  it('yields to command-line flags, and --no-config ignores it', async () => {
    const dir = await workspace({ paths: ['infra'], failOn: 'none' });
    expect((await scanJson(dir, ['--fail-on', 'critical'])).status).toBe(1);
    expect((await runCliHere(['scan', '--no-config'], dir)).stderr).toContain('no input to scan');
  });

  it.each([
    [
      { failOn: 'urgent' },
      /\.aks-identity-lint\.json:5:3 \/failOn: expected one of: critical, high, medium, low, info, none/,
    ],
    [
      { waivers: [{ policy: 'AKSID003', resource: 'x', reason: 'r', expires: '31/12/2026' }] },
      /\/waivers\/0\/expires: expected a date as YYYY-MM-DD/,
    ],
    [
      { waivers: [{ policy: 'AKSID003', resource: 'x' }] },
      /\/waivers\/0: missing required property 'reason'/,
    ],
    [
      { waivers: [{ policy: 'AKSID003', resource: 'x', reason: '   ' }] },
      /\/waivers\/0\/reason: does not match the expected pattern/,
    ],
    [
      { waivers: [{ policy: 'AKSID099', resource: 'x', reason: 'r' }] },
      /\/waivers\/0\/policy: no policy AKSID099 is loaded/,
    ],
    [{ policies: { AKSID999: { enabled: false } } }, /\/policies\/AKSID999: no policy AKSID999 is loaded/],
    [{ policyDirs: ['missing-policies'] }, /missing-policies: the policy directory does not exist/],
    [{ paths: ['infra'], colour: true }, /\.aks-identity-lint\.json:5:3 \/colour: unknown property 'colour'/],
  ])('%j is a clear error, exit 2', async (config, message) => {
    const dir = await workspace({ paths: ['infra'], ...config });
    const run = await runCliHere(['scan'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('waivers', () => {
  const waiver = {
    policy: 'AKSID003',
    resource: 'module.legacy.*',
    reason: 'decommissioned in Q1 (CHG-1234)',
    expires: '2026-12-31',
  };

  it('report a waived finding as waived, and it no longer fails the run', async () => {
    const dir = await workspace({
      paths: ['infra'],
      failOn: 'high',
      policies: { AKSID001: { enabled: false }, AKSID004: { enabled: false } },
      waivers: [waiver],
    });
    const { status, report } = await scanJson(dir);
    expect(find(report, 'AKSID003')).toMatchObject({
      status: 'fail',
      blocking: false,
      suppression: {
        kind: 'waiver',
        reason: 'decommissioned in Q1 (CHG-1234)',
        expires: '2026-12-31',
        source: '.aks-identity-lint.json /waivers/0',
      },
    });
    expect(report.summary).toMatchObject({ suppressed: 1 });
    // AKSID002 (critical) still fails.
    expect(status).toBe(1);
  });

  it('last through their expiry day, then stop waiving and say so', async () => {
    const dir = await workspace({ paths: ['infra'], waivers: [waiver] });
    expect(find((await scanJson(dir, [], '2026-12-31')).report, 'AKSID003')?.suppression?.kind).toBe(
      'waiver',
    );
    const expired = (await scanJson(dir, [], '2027-01-01')).report;
    expect(find(expired, 'AKSID003')).toMatchObject({
      blocking: true,
      expiredWaiver: { expires: '2026-12-31' },
    });
    expect(find(expired, 'AKSID003')?.suppression).toBeUndefined();
    expect(expired.waivers).toEqual([expect.objectContaining({ expired: true, matched: 1 })]);
    const consoleRun = await runCliHere(['scan'], dir, { AKS_IDENTITY_LINT_TODAY: '2027-01-01' });
    expect(consoleRun.stdout).toContain(
      'note: waiver .aks-identity-lint.json /waivers/0 for AKSID003 on module.legacy.* expired on 2026-12-31: its 1 finding count again',
    );
  });

  it('that match nothing are reported as stale', async () => {
    const dir = await workspace({
      paths: ['infra'],
      waivers: [{ ...waiver, resource: 'azurerm_kubernetes_cluster.gone' }],
    });
    const run = await runCliHere(['scan'], dir, { AKS_IDENTITY_LINT_TODAY: '2026-11-24' });
    expect(run.stdout).toContain(
      'note: stale waiver .aks-identity-lint.json /waivers/0 for AKSID003 on azurerm_kubernetes_cluster.gone: it matches no finding; remove it',
    );
  });

  it('match a resource by name too', async () => {
    const dir = await workspace({ paths: ['infra'], waivers: [{ ...waiver, resource: 'AKS-LEGACY' }] });
    expect(find((await scanJson(dir)).report, 'AKSID003')?.suppression?.kind).toBe('waiver');
  });
});

describe('inline suppressions', () => {
  async function withComment(comment: string): Promise<string> {
    const dir = await workspace({ paths: ['infra'] });
    const file = join(dir, 'infra', 'modules', 'legacy-cluster', 'main.tf');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(
        '  dns_prefix          = "aks-legacy"',
        `  dns_prefix          = "aks-legacy"\n  ${comment}`,
      ),
    );
    return dir;
  }

  it('with a reason suppress the finding, visibly', async () => {
    const dir = await withComment(
      '# aks-identity-lint:ignore AKSID003,AKSID004 Entra ID arrives with the migration (PLAT-77)',
    );
    const { report } = await scanJson(dir);
    expect(find(report, 'AKSID003')?.suppression).toEqual({
      kind: 'inline',
      reason: 'Entra ID arrives with the migration (PLAT-77)',
      source: 'infra/modules/legacy-cluster/main.tf:21',
    });
    expect(find(report, 'AKSID004')?.suppression?.kind).toBe('inline');
    const consoleRun = await runCliHere(['scan'], dir);
    expect(consoleRun.stdout).toContain('IGNORED high     AKSID003  Local accounts are disabled');
  });

  it('without a reason suppress nothing and are a finding themselves', async () => {
    const dir = await withComment('// aks-identity-lint:ignore AKSID003');
    const { report } = await scanJson(dir);
    expect(find(report, 'AKSID003')?.suppression).toBeUndefined();
    expect(find(report, 'AKSID000')).toMatchObject({ status: 'fail', blocking: false });
    expect((await runCliHere(['scan', '--fail-on', 'medium'], dir)).stdout).toContain(
      'The suppression of AKSID003 at infra/modules/legacy-cluster/main.tf:21 gives no reason, so it suppresses nothing.',
    );
  });
});

describe('baselines', () => {
  itShared(
    'round trip on a real plan: only findings that are new since the baseline are reported',
    async () => {
      const dir = await writeTemp({});
      await copyFile(terraformFixture('tfplan-zodiac-AKS-main_terraform.json'), join(dir, 'plan.json'));
      const written = await runCliHere(
        [
          'scan',
          'plan.json',
          '--write-baseline',
          'baseline.json',
          '--format',
          'json',
          '--output',
          'first.json',
        ],
        dir,
      );
      expect(written.status).toBe(0);
      expect(written.stderr).toBe('aks-identity-lint: baseline of 5 findings written to baseline.json\n');

      const again = await scanJson(dir, ['plan.json', '--baseline', 'baseline.json']);
      expect(again.status).toBe(0);
      expect(again.report.summary).toMatchObject({ failed: 0, baselined: 5 });

      // A change that turns Kubernetes RBAC off adds one finding; only that one is new.
      const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as {
        resource_changes: { type: string; change: { after: Record<string, unknown> } }[];
      };
      const cluster = plan.resource_changes.find((r) => r.type === 'azurerm_kubernetes_cluster');
      if (cluster === undefined) throw new Error('no cluster in the fixture');
      cluster.change.after['role_based_access_control_enabled'] = false;
      await writeFile(join(dir, 'plan.json'), JSON.stringify(plan));
      const changed = await scanJson(dir, ['plan.json', '--baseline', 'baseline.json']);
      expect(changed.status).toBe(1);
      expect(
        changed.report.results
          .filter((r) => r.status === 'fail' && r.suppression === undefined)
          .map((r) => r.policyId),
      ).toEqual(['AKSID006']);
      const consoleRun = await runCliHere(['scan', 'plan.json', '--baseline', 'baseline.json'], dir);
      expect(consoleRun.stdout).toContain('5 already in the baseline baseline.json (not shown)');
    },
  );

  it('do not record waived findings, and an expired waiver is not overruled by a baseline', async () => {
    const waiver = {
      policy: 'AKSID003',
      resource: 'module.legacy.*',
      reason: 'until Q1',
      expires: '2026-12-31',
    };
    const dir = await workspace({ paths: ['infra'], waivers: [waiver] });
    const written = await runCliHere(
      ['scan', '--write-baseline', 'baseline.json', '--format', 'json', '--output', 'r.json'],
      dir,
      {
        AKS_IDENTITY_LINT_TODAY: '2026-11-24',
      },
    );
    expect(written.stderr).toContain('baseline of 4 findings');
    const during = await scanJson(dir, ['--baseline', 'baseline.json'], '2026-12-01');
    expect(during.status).toBe(0);
    const after = await scanJson(dir, ['--baseline', 'baseline.json'], '2027-01-01');
    expect(after.status).toBe(1);
    expect(find(after.report, 'AKSID003')).toMatchObject({
      blocking: true,
      expiredWaiver: { expires: '2026-12-31' },
    });
  });

  it('that is not a report is a clear error', async () => {
    const dir = await writeTemp({ 'baseline.json': { hello: 1 } });
    const run = await runCliHere(['scan', join(repoRoot, 'examples'), '--baseline', 'baseline.json'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'aks-identity-lint: baseline.json /results: expected an aks-identity-lint JSON report (reportVersion 1) with a results array\n',
    );
  });
});
