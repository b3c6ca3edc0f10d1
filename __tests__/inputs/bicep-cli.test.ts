import { chmod, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFixtures } from '../helpers/fixtures.js';
import { runCliHere, jsonReport } from '../helpers/run-cli.js';

/**
 * Bicep source is compiled with the Bicep CLI or `az bicep`, neither of which the package registries offer: these
 * tests put a small fake first on PATH, so that what is tested is the real command line, exit codes, stderr and
 * time limit the linter handles.
 */
const COMPILED = join(localFixtures, 'arm', 'byo-kubelet-cluster.json');

/** A directory holding one executable script; its PATH has nothing else, so no real tool is found by accident. */
async function fakeTool(name: string, body: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-bin-'));
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return dir;
}

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bicep-'));
  await writeFile(join(dir, 'main.bicep'), "param clusterName string = 'aks'\n");
  return dir;
}

describe('Bicep source', () => {
  it('is compiled with `bicep build <file> --stdout` and scanned as its template', async () => {
    const bin = await fakeTool(
      'bicep',
      `[ "$1" = build ] && [ "$3" = --stdout ] || { echo "unexpected arguments: $*" >&2; exit 9; }\n/bin/cat '${COMPILED}'`,
    );
    const dir = await workspace();
    const run = await runCliHere(['scan', 'main.bicep', '--format', 'json', '--fail-on', 'none'], dir, {
      PATH: bin,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { inputs: { file: string; format: string; scanned: number }[] };
    expect(report.inputs).toEqual([expect.objectContaining({ file: 'main.bicep', format: 'arm-template' })]);
    expect(report.inputs[0]?.scanned).toBeGreaterThan(3);
  });

  it('falls back to `az bicep build --file <file> --stdout`', async () => {
    const bin = await fakeTool(
      'az',
      `[ "$1 $2 $3" = "bicep build --file" ] && [ "$5" = --stdout ] || { echo "unexpected arguments: $*" >&2; exit 9; }\n/bin/cat '${COMPILED}'`,
    );
    const run = await runCliHere(['scan', 'main.bicep', '--fail-on', 'none'], await workspace(), {
      PATH: bin,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('main.bicep (arm-template)');
  });

  it("reports the compiler's diagnostics in one line when compilation fails", async () => {
    const bin = await fakeTool(
      'bicep',
      `echo "main.bicep(3,5) : Error BCP057: The name \\"x\\" does not exist in the current context." >&2\nexit 1`,
    );
    const run = await runCliHere(['scan', 'main.bicep'], await workspace(), { PATH: bin });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'aks-identity-lint: main.bicep: `bicep build` failed: main.bicep(3,5) : Error BCP057: The name "x" does not exist in the current context.\n',
    );
  });

  it('gives up on a compiler that hangs, after the time limit', async () => {
    const bin = await fakeTool('bicep', 'exec /bin/sleep 30');
    const run = await runCliHere(['scan', 'main.bicep'], await workspace(), {
      PATH: bin,
      AKS_IDENTITY_LINT_BICEP_TIMEOUT: '1',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^aks-identity-lint: main\.bicep: `bicep build .*main\.bicep --stdout` did not finish within 1 s\n$/,
    );
  });

  it('says what to install when neither bicep nor az is on PATH', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'empty-bin-'));
    const run = await runCliHere(['scan', 'main.bicep'], await workspace(), { PATH: empty });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'aks-identity-lint: main.bicep: this is Bicep source, and neither `bicep` nor `az` is on PATH to compile it: install the Bicep CLI (https://aka.ms/bicep-install), or pass the compiled template (`az bicep build --file <file>`)\n',
    );
  });

  it('in a directory is read through the compiled template beside it, and named as ignored otherwise', async () => {
    const dir = await workspace();
    const run = await runCliHere(['scan', '.', '--format', 'json', '--fail-on', 'none'], dir, {
      PATH: '/nonexistent',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nothing to scan in this directory');
    expect(run.stderr).toContain('(1 JSON file of other formats ignored)');
  });

  it('points findings at the .bicep lines the compiled resources come from, modules included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bicep-source-'));
    await cp(join(localFixtures, 'bicep'), dir, { recursive: true });
    const bin = await fakeTool('bicep', `/bin/cat '${join(dir, 'main.json')}'`);
    const run = await runCliHere(['scan', 'main.bicep', '--format', 'json', '--fail-on', 'none'], dir, {
      PATH: bin,
    });
    expect(run.stderr).toBe('');
    const report = jsonReport(run.stdout);
    const at = (policy: string): Record<string, unknown>[] =>
      report.results.filter((r) => r.policyId === policy).map((r) => r.location);
    expect(at('AKSID003')).toEqual([expect.objectContaining({ file: 'main.bicep', line: 56, endLine: 84 })]);
    // The module's role assignment is in its own file; its principal is the cluster's control-plane identity,
    // passed in as '${controlPlane.id}' and read back through the module parameter.
    expect(at('AKSID016')).toContainEqual(
      expect.objectContaining({ file: 'modules/network-roles.bicep', line: 9, endLine: 17 }),
    );
    expect(at('AKSID025')).toContainEqual(
      expect.objectContaining({
        note: "module 'shared' comes from the registry br/public:avm/res/managed-identity/user-assigned-identity:0.4.0, not followed",
      }),
    );
    expect(report.results.filter((r) => r.status === 'indeterminate')).toEqual([]);
  });

  it('compiles a .bicepparam file with its template and applies its parameters, without inventing source lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bicepparam-'));
    const template = JSON.parse(await readFile(join(localFixtures, 'bicep', 'main.json'), 'utf8')) as unknown;
    const built = {
      parametersJson: JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        contentVersion: '1.0.0.0',
        parameters: { clusterName: { value: 'aks-prod' } },
      }),
      templateJson: JSON.stringify(template),
    };
    await writeFile(join(dir, 'built.json'), JSON.stringify(built));
    await writeFile(join(dir, 'prod.bicepparam'), "using 'main.bicep'\nparam clusterName = 'aks-prod'\n");
    const bin = await fakeTool(
      'bicep',
      `[ "$1" = build-params ] && [ "$3" = --stdout ] || { echo "unexpected arguments: $*" >&2; exit 9; }\n/bin/cat '${join(dir, 'built.json')}'`,
    );
    const run = await runCliHere(['scan', 'prod.bicepparam', '--format', 'json', '--fail-on', 'none'], dir, {
      PATH: bin,
    });
    expect(run.stderr).toBe('');
    const report = jsonReport(run.stdout);
    const [local] = report.results.filter((r) => r.policyId === 'AKSID003');
    expect(local?.entity.name).toBe('aks-prod');
    // The template exists only in the compiler's output: no line of prod.bicepparam is claimed for it.
    expect(local?.location).toEqual({
      input: 'prod.bicepparam',
      pointer: '/resources/3',
      note: 'the template was compiled in memory from Bicep whose .bicep file is not known',
    });
  });

  it('falls back to the compiled template beside the .bicep file for a resource Bicep does not declare', async () => {
    const run = await runCliHere(
      ['scan', 'main.json', '--format', 'json', '--fail-on', 'none'],
      join(localFixtures, 'bicep'),
      { PATH: '/nonexistent' },
    );
    expect(run.stderr).toBe('');
    const report = jsonReport(run.stdout);
    const locations = report.results
      .filter((r) => r.policyId === 'AKSID025')
      .map((r) => [r.entity.key.split('/')[0], r.location.file, r.location.line]);
    // The registry module's identity is not in any .bicep file here: it is found in main.json itself.
    expect(locations).toEqual([
      ['Microsoft.ManagedIdentity', 'main.bicep', 29],
      ['Microsoft.ManagedIdentity', 'main.bicep', 34],
      ['shared-identity', 'main.json', 245],
    ]);
  });
});
