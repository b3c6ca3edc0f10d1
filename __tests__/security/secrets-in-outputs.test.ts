import { join } from 'node:path';
import { plan, writeTemp } from '../helpers/plans.js';
import { runCli } from '../helpers/run-cli.js';
import { cluster, ref, resource } from '../helpers/tf.js';

// Values an input marks sensitive, and secrets, never leave the tool: in no output format, in no form (as written,
// or escaped inside a JSON string).

const FORMATS = ['console', 'json', 'sarif', 'markdown'];

async function outputsOf(planValue: unknown): Promise<Record<string, string>> {
  const dir = await writeTemp({ 'tfplan.json': planValue });
  const outputs: Record<string, string> = {};
  for (const format of FORMATS) {
    const run = runCli(['scan', join(dir, 'tfplan.json'), '--format', format, '--fail-on', 'none'], dir);
    expect(run.status).toBe(0);
    outputs[format] = run.stdout + run.stderr;
  }
  return outputs;
}

describe('sensitive values and secrets in outputs', () => {
  it('redacts a value Terraform marks sensitive inside a nested block', async () => {
    const subnet =
      '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/S3NSITIVE-4711';
    const outputs = await outputsOf(
      plan([
        resource('azurerm_subnet.nodes', 'azurerm_subnet'),
        {
          ...cluster('aks', {
            after: { default_node_pool: [{ name: 'system', vnet_subnet_id: subnet }] },
            expressions: { default_node_pool: [{ vnet_subnet_id: ref('var.subnet_id') }] },
          }),
          // As a plan writes a variable declared `sensitive = true`: the flag is deep inside the block.
          afterSensitive: { default_node_pool: [{ vnet_subnet_id: true }] },
        },
      ]),
    );
    // AKSID010 fails on the cluster's own subnet and names it: redacted.
    expect(outputs['json']).toContain('AKSID010');
    for (const format of FORMATS) {
      expect(outputs[format]).not.toContain('S3NSITIVE-4711');
    }
    expect(outputs['console']).toContain('[redacted]');
  });

  it('scrubs a secret with quotes and backslashes in every form it takes, also where other text repeats it', async () => {
    const secret = 'sp"se\\cr3t-XYZ~42';
    const outputs = await outputsOf(
      plan([
        {
          // The secret is also the cluster's name, deliberately: whatever echoes a value must not echo this one.
          ...cluster('sp', {
            after: {
              name: `aks-${secret}`,
              identity: [],
              service_principal: [{ client_id: 'app-id', client_secret: secret }],
            },
          }),
          afterSensitive: { service_principal: [{ client_secret: true }] },
        },
      ]),
    );
    const escaped = JSON.stringify(secret).slice(1, -1);
    expect(escaped).not.toBe(secret);
    expect(outputs['json']).toContain('AKSID001');
    for (const format of FORMATS) {
      expect(outputs[format]).not.toContain(secret);
      expect(outputs[format]).not.toContain(escaped);
    }
  });
});
