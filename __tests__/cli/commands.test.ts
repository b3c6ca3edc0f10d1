import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/fixtures.js';
import { writeTemp } from '../helpers/plans.js';
import { namingPolicy } from '../helpers/custom-policy.js';
import { runCli } from '../helpers/run-cli.js';

const custom = namingPolicy;

describe('aks-identity-lint test', () => {
  it("runs the built-in policies' examples", () => {
    const run = runCli(['test']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ok {4}AKSID001 {2}\d+ examples {2}policies\/AKSID001\.json$/m);
    expect(run.stdout).toMatch(/\n30 policies, \d+ examples, 0 failed\n$/);
  });

  it('fails on an example that gives another result, naming it', async () => {
    const dir = await writeTemp({
      'org.json': { ...custom, examples: { pass: [{ name: 'aks-prod' }], fail: [{ name: 'aks-dev' }] } },
      'untested.json': { ...custom, id: 'ORG002' },
    });
    const run = runCli(['test', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAIL  ORG001  2 examples');
    expect(run.stdout).toContain('examples.fail[0]: expected fail, got pass');
    expect(run.stdout).toContain('NONE  ORG002  0 examples');
    expect(run.stdout).toContain('2 policies, 2 examples, 1 failed, 1 without examples (ORG002)');
  });

  it('reports as JSON', async () => {
    const dir = await writeTemp({ 'org.json': { ...custom, examples: { pass: [{ name: 'aks-prod' }] } } });
    const run = runCli(['test', dir, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      failures: 0,
      untested: [],
      policies: [{ id: 'ORG001', examples: [{ expected: 'pass', actual: 'pass', ok: true }] }],
    });
  });

  it('exits 2 on a policy that does not load', async () => {
    const dir = await writeTemp({ 'bad.json': { ...custom, severity: 'urgent' } });
    const run = runCli(['test', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/bad\.json:4:3 \/severity: expected one of/);
  });
});

describe('aks-identity-lint list', () => {
  it('lists the policies that would run, custom ones with their file', async () => {
    const dir = await writeTemp({ 'org.json': custom });
    const run = runCli(['list', '--policies', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^AKSID001 {2}high {6}cluster {14}Clusters use a managed identity, not a service principal$/m,
    );
    expect(run.stdout).toMatch(/^ORG001 {4}low .*org\.json\)$/m);
  });

  it('writes the policy × format table that docs/policies/README.md holds', () => {
    const run = runCli(['list', '--format', 'markdown']);
    expect(run.stdout).toBe(readFileSync(join(repoRoot, 'docs', 'policies', 'README.md'), 'utf8'));
    expect(run.stdout).toContain(
      '| [AKSID008](AKSID008.md) | medium | `cluster` | Pod-managed identity is not enabled | supported |',
    );
  });
});

describe('aks-identity-lint init', () => {
  it('writes a config and an example policy whose examples pass, and never overwrites', async () => {
    const dir = await writeTemp({});
    const run = runCli(['init'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('wrote .aks-identity-lint.json');
    expect(run.stdout).toContain('wrote aks-policies/EXAMPLE001.json');
    expect(runCli(['test', 'aks-policies'], dir).status).toBe(0);
    const again = runCli(['init'], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(
      'aks-identity-lint: .aks-identity-lint.json: already exists; remove it or run init --force to overwrite\n',
    );
    expect(runCli(['init', '--force'], dir).status).toBe(0);
    // The config it writes is valid, and its policy directory is picked up.
    const list = runCli(['list'], dir);
    expect(list.stdout).toMatch(/^EXAMPLE001 {2}low/m);
  });
});

describe('aks-identity-lint explain', () => {
  it("prints a built-in policy's page", () => {
    const run = runCli(['explain', 'aksid013']);
    expect(run.status).toBe(0);
    const page = readFileSync(join(repoRoot, 'docs', 'policies', 'AKSID013.md'), 'utf8');
    expect(run.stdout.startsWith(page)).toBe(true);
    expect(run.stdout.slice(page.length)).toContain(
      "Fields it reads (of cluster; 'aks-identity-lint explain cluster' lists all):\n  change.action  one of 'create', 'update', 'replace', 'delete', 'none', 'read'",
    );
    expect(run.stdout).toMatch(/\n {2}registries\[\*\]\.scopeChain {2}list of \(string or unknown\)\n/);
  });
  it('lists the model fields of an entity kind, from the model schema', () => {
    const run = runCli(['explain', 'roleAssignment']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^roleAssignment\n/);
    expect(run.stdout).toMatch(
      /\n {2}principal\.kind\s+one of 'clusterControlPlane', 'kubelet', 'addon', 'workload', 'other' or unknown\n/,
    );
    expect(runCli(['explain', 'model', '--format', 'markdown']).stdout).toBe(
      readFileSync(join(repoRoot, 'docs', 'model-fields.md'), 'utf8'),
    );
  });
  it('describes a custom policy from its file', async () => {
    const dir = await writeTemp({ 'org.json': { ...custom, description: 'Names tell teams apart.' } });
    const run = runCli(['explain', 'ORG001', '--policies', dir]);
    expect(run.stdout).toContain('# ORG001: Clusters are named aks-*');
    expect(run.stdout).toContain('Names tell teams apart.');
    expect(run.stdout).toContain('Fix: Rename it.');
  });
  it('names an unknown ID in one line', () => {
    const run = runCli(['explain', 'AKSID999']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "aks-identity-lint: no policy or entity kind AKSID999; 'aks-identity-lint list' lists the policies, the kinds are cluster, managedIdentity, roleAssignment, roleDefinition, federatedCredential, registry\n",
    );
  });
});
