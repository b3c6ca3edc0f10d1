import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonResult } from '../../src/report/json.js';
import { runCliHere, jsonReport } from '../helpers/run-cli.js';

/**
 * Where a template's parameter values come from, tested as a user meets it: the parameters file paired with the
 * template, --parameters files, --param values, and a Key Vault reference, each deciding AKSID003 (local accounts)
 * through the one parameter the cluster reads it from.
 */
const TEMPLATE = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { disableLocal: { type: 'bool' } },
  resources: [
    {
      type: 'Microsoft.ContainerService/managedClusters',
      apiVersion: '2024-02-01',
      name: 'aks',
      location: 'westeurope',
      identity: { type: 'SystemAssigned' },
      properties: {
        dnsPrefix: 'aks',
        disableLocalAccounts: "[parameters('disableLocal')]",
        agentPoolProfiles: [{ name: 'system', count: 1, vmSize: 'Standard_D2s_v5', mode: 'System' }],
      },
    },
  ],
};

function parametersFile(value: unknown): string {
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: { disableLocal: value },
    },
    null,
    2,
  );
}

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'arm-parameters-'));
  await writeFile(join(dir, 'main.json'), JSON.stringify(TEMPLATE, null, 2));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function localAccounts(dir: string, args: string[] = []): Promise<JsonResult> {
  const run = await runCliHere(['scan', 'main.json', ...args, '--format', 'json', '--fail-on', 'none'], dir);
  expect(run.stderr).toBe('');
  const report = jsonReport(run.stdout);
  const [verdict] = report.results.filter((r) => r.policyId === 'AKSID003');
  if (verdict === undefined) throw new Error('AKSID003 gave no verdict');
  return verdict;
}

describe('ARM template parameters', () => {
  it('leave a parameter without a value unknown, naming it', async () => {
    const verdict = await localAccounts(await workspace({}));
    expect(verdict.status).toBe('indeterminate');
  });

  it('come from <template>.parameters.json beside the template', async () => {
    const dir = await workspace({ 'main.parameters.json': parametersFile({ value: true }) });
    expect((await localAccounts(dir)).status).toBe('pass');
  });

  it('from --parameters override the paired file, and --param overrides both (text read as the bool declared)', async () => {
    const dir = await workspace({
      'main.parameters.json': parametersFile({ value: true }),
      'prod.parameters.json': parametersFile({ value: false }),
    });
    expect((await localAccounts(dir, ['--parameters', 'prod.parameters.json'])).status).toBe('fail');
    expect(
      (await localAccounts(dir, ['--parameters', 'prod.parameters.json', '--param', 'disableLocal=true']))
        .status,
    ).toBe('pass');
  });

  it('read a Key Vault reference as a value known only at deployment, never as a default', async () => {
    const reference = {
      reference: {
        keyVault: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' },
        secretName: 'disable-local',
      },
    };
    const dir = await workspace({ 'main.parameters.json': parametersFile(reference) });
    expect((await localAccounts(dir)).status).toBe('indeterminate');
  });

  it('name the file and JSON path of a malformed parameter entry', async () => {
    const dir = await workspace({ 'main.parameters.json': parametersFile({ values: true }) });
    const run = await runCliHere(['scan', 'main.json'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'aks-identity-lint: main.parameters.json:5:1 /parameters/disableLocal: expected { "value": ... } or a Key Vault { "reference": ... }\n',
    );
  });
});
