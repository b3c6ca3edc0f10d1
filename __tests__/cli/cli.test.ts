import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { itShared, terraformFixture, EXAMPLE_SECRET } from '../helpers/fixtures.js';
import { plan, UNSET_CLUSTER_SETTINGS, writeTemp } from '../helpers/plans.js';
import { namingPolicy } from '../helpers/custom-policy.js';
import { runCli, jsonReport } from '../helpers/run-cli.js';

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
}

const LEGACY = 'module.legacy.azurerm_kubernetes_cluster.this';

describe('aks-identity-lint scan (as a process)', () => {
  it('reports the examples grouped by cluster and exits 1 on a high failure', () => {
    const run = runCli(['scan', 'examples']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'examples/terraform/tfplan.json (Terraform plan JSON): 7 scanned, 0 skipped, 1 outside AKS identity',
    );
    expect(run.stdout).toMatch(
      /Cluster aks-platform \(azurerm_kubernetes_cluster\.platform\) {2}examples\/terraform\/main\.tf:42-74\n {2}21 passed, 12 not applicable/,
    );
    expect(run.stdout).toContain('Cluster aks-legacy (module.legacy.azurerm_kubernetes_cluster.this)');
    expect(run.stdout).toMatch(/FAIL\s+critical AKSID002/);
    expect(run.stdout).toContain('at examples/terraform/modules/legacy-cluster/main.tf:16-32');
    expect(run.stdout).toContain(
      'Summary: 5 failed (1 critical, 3 high, 1 medium), 0 indeterminate, 24 passed, 23 not applicable',
    );
    expect(run.stdout).toContain('Result: FAIL (fail-on: high)');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it.each([
    ['none', 0],
    ['critical', 1],
    ['medium', 1],
  ])('--fail-on %s exits %i', (failOn, status) => {
    expect(runCli(['scan', 'examples', '--fail-on', failOn]).status).toBe(status);
  });

  itShared('exits 0 when nothing fails', () => {
    const run = runCli(['scan', terraformFixture('tfplan-checkov-azurerm-nsg.json')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Result: PASS');
  });

  it('writes every pass, failure and undecided result as JSON, without the secret it saw', () => {
    const run = runCli(['scan', 'examples', '--format', 'json']);
    expect(run.status).toBe(1);
    const report = jsonReport(run.stdout);
    expect(report.result).toBe('fail');
    const having = (status: string) => report.results.filter((r) => r.status === status);
    const failed = having('fail');
    // What examples/README.md says of aks-legacy: a service principal (AKSID001) with its secret in code
    // (AKSID002), local accounts (AKSID003) and no Entra ID integration (AKSID004); aks-platform is clean.
    expect(new Set(failed.map((r) => r.entity.key))).toEqual(new Set([LEGACY]));
    expect(failed.map((r) => r.policyId)).toEqual(
      expect.arrayContaining(['AKSID001', 'AKSID002', 'AKSID003', 'AKSID004']),
    );
    expect(report.summary).toMatchObject({
      failed: failed.length,
      indeterminate: 0,
      passed: having('pass').length,
      // The default fail-on is high: failures of high severity and above block.
      blocking: failed.filter((r) => r.severity === 'critical' || r.severity === 'high').length,
    });
    // Results of policies that do not apply are counted, not listed.
    expect(report.summary.notApplicable).toBeGreaterThan(0);
    expect(having('not-applicable')).toEqual([]);
    expect(report.results).toHaveLength(failed.length + having('pass').length);
    expect(report.results.find((r) => r.policyId === 'AKSID002' && r.status === 'fail')).toMatchObject({
      entity: { key: LEGACY },
      location: {
        file: 'examples/terraform/modules/legacy-cluster/main.tf',
        line: 16,
        endLine: 32,
        input: 'examples/terraform/tfplan.json',
      },
    });
    expect(run.stdout).not.toContain(EXAMPLE_SECRET);
  });

  it('never echoes a secret in the console report either', () => {
    expect(runCli(['scan', 'examples']).stdout).not.toContain(EXAMPLE_SECRET);
  });

  it('writes the report to --output', async () => {
    const dir = await writeTemp({});
    const out = join(dir, 'report.json');
    const run = runCli(['scan', 'examples', '--format', 'json', '--output', out, '--fail-on', 'none']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`aks-identity-lint: report written to ${out}\n`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      reportVersion: 1,
      tool: { name: 'aks-identity-lint' },
    });
  });

  it('reports values known only after apply as indeterminate, failing only when asked', async () => {
    const dir = await writeTemp({
      'tfplan.json': plan([
        {
          address: 'azurerm_kubernetes_cluster.aks',
          type: 'azurerm_kubernetes_cluster',
          after: {
            ...UNSET_CLUSTER_SETTINGS,
            name: 'aks',
            identity: [{ type: 'SystemAssigned' }],
            azure_active_directory_role_based_access_control: [{ managed: true, azure_rbac_enabled: true }],
            local_account_disabled: undefined,
          },
          afterUnknown: { local_account_disabled: true },
        },
      ]),
    });
    const lenient = runCli(['scan', 'tfplan.json'], dir);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toMatch(
      /UNKNOWN\s+high\s+AKSID003\s+Local accounts are disabled\n\s+cannot decide yet: localAccountsDisabled is known after apply/,
    );
    expect(lenient.stdout).toContain('1 indeterminate');
    const strict = runCli(['scan', 'tfplan.json', '--fail-on-indeterminate'], dir);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('Result: FAIL (fail-on: high, indeterminate fails)');
  });

  it('runs custom policies alone with --no-builtin', async () => {
    const policy = namingPolicy;
    const dir = await writeTemp({ 'org/naming.json': policy });
    const run = runCli([
      'scan',
      'examples',
      '--no-builtin',
      '--policies',
      join(dir, 'org'),
      '--fail-on',
      'low',
      '--format',
      'json',
    ]);
    const report = jsonReport(run.stdout);
    expect(report.policies.map((p) => p.id)).toEqual(['ORG001']);
    expect(report.results.map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(run.status).toBe(0);
  });
});

describe('errors exit 2 with one clear line and no stack trace', () => {
  it.each([
    [['scan', '--no-config'], 'no input to scan: give plan files or directories'],
    [
      ['scan', 'examples', '--format', 'xml'],
      "--format must be one of console, json, sarif, markdown, not 'xml'",
    ],
    [
      ['scan', 'examples', '--fail-on', 'urgent'],
      "--fail-on must be one of critical, high, medium, low, info, none, not 'urgent'",
    ],
    [['scan', 'examples', '--no-builtin'], '--no-builtin leaves no policies to run; add --policies <dir>'],
    [
      ['scan', 'examples', '--format', 'markdown', '--markdown-limit', '100'],
      "--markdown-limit must be a number of bytes of at least 2048, not '100'",
    ],
    [['scan', 'examples', '--colour'], "Unknown option '--colour'"],
    [['lint', 'examples'], "unknown command 'lint'"],
  ])('usage: %j', (args, message) => {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`aks-identity-lint: ${message}`);
    expect(run.stderr).toContain('Usage: aks-identity-lint <command>');
    expectNoStackTrace(run.stderr);
  });

  it('an input that is not a plan', async () => {
    const dir = await writeTemp({
      'state.json': { format_version: '1.0', terraform_version: '1.9.4', values: {} },
    });
    const run = runCli(['scan', 'state.json'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'aks-identity-lint: state.json: this is a Terraform state file; expected a plan: run `terraform plan -out tfplan` then `terraform show -json tfplan`\n',
    );
    expect(run.stdout).toBe('');
  });

  it('a broken policy, with file, line and pointer', async () => {
    const dir = await writeTemp({ 'p/bad.json': '{\n  "id": "X1",\n  "severity": "urgent"\n}\n' });
    const run = runCli(['scan', 'examples', '--policies', join(dir, 'p')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /bad\.json:3:3 \/severity: expected one of: critical, high, medium, low, info/,
    );
    expect(run.stderr).toMatch(/bad\.json:1:1: missing required property 'title'/);
    expectNoStackTrace(run.stderr);
  });

  it('a policy directory that does not exist', () => {
    const run = runCli(['scan', 'examples', '--policies', 'no-such-dir']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('aks-identity-lint: no-such-dir: the policy directory does not exist\n');
  });
});

describe('help and version', () => {
  it('print and exit 0', () => {
    expect(runCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = runCli(['scan', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--fail-on-indeterminate');
  });
});
