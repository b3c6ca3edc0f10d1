import { join } from 'node:path';
import { findDeclaredBlocks } from '../../src/inputs/terraform/hcl-blocks.js';
import { readInputs } from '../../src/inputs/read-inputs.js';
import { repoRoot } from '../helpers/fixtures.js';
import { plan, readPlanObject } from '../helpers/plans.js';

describe('finding resource blocks in .tf files', () => {
  it('spans each block, ignoring braces in strings, templates, heredocs and comments', () => {
    const text = [
      '# resource "azurerm_kubernetes_cluster" "commented" {', // 1
      'resource "azurerm_kubernetes_cluster" "aks" {', // 2
      '  name = "aks-${var.env}-{x}" # }', // 3
      '  tags = { team = "a" } // }', // 4
      '  /* } { */', // 5
      '  description = <<-EOT', // 6
      '    } } }', // 7
      '    EOT', // 8
      '  default_node_pool {', // 9
      '    name = "x"', // 10
      '  }', // 11
      '}', // 12
      '', // 13
      'data "azurerm_subscription" "current" {}', // 14
      'resource "azurerm_role_assignment" "pull" {', // 15
      '  scope = "${azurerm_container_registry.acr.id}"', // 16
      '}', // 17
    ].join('\n');
    expect(findDeclaredBlocks(text)).toEqual([
      { mode: 'managed', type: 'azurerm_kubernetes_cluster', name: 'aks', line: 2, endLine: 12 },
      { mode: 'data', type: 'azurerm_subscription', name: 'current', line: 14, endLine: 14 },
      { mode: 'managed', type: 'azurerm_role_assignment', name: 'pull', line: 15, endLine: 17 },
    ]);
  });
});

describe('source lines of planned resources', () => {
  it('are found in the root module and in local modules, relative to the repository root', async () => {
    const read = await readInputs([join(repoRoot, 'examples', 'terraform', 'tfplan.json')], { repoRoot });
    const lines = Object.fromEntries(read.entities.map((e) => [e.key, e.source.declaration]));
    expect(lines['azurerm_kubernetes_cluster.platform']).toEqual({
      file: 'examples/terraform/main.tf',
      line: 42,
      endLine: 74,
    });
    expect(lines['azurerm_role_assignment.kubelet_pulls_images']).toEqual({
      file: 'examples/terraform/main.tf',
      line: 83,
      endLine: 87,
    });
    expect(lines['module.legacy.azurerm_kubernetes_cluster.this']).toEqual({
      file: 'examples/terraform/modules/legacy-cluster/main.tf',
      line: 16,
      endLine: 32,
    });
  });

  it('say why when the source cannot be found', async () => {
    const p = plan([
      {
        address: 'azurerm_user_assigned_identity.a',
        type: 'azurerm_user_assigned_identity',
        after: { name: 'a' },
      },
    ]);
    const withoutTf = await readPlanObject(p);
    expect(withoutTf.read.entities[0]?.source).toMatchObject({
      pointer: '/resource_changes/0',
      declarationNote: 'no .tf files in .',
    });
    const elsewhere = await readPlanObject(p, {
      'main.tf': 'resource "azurerm_user_assigned_identity" "b" {}\n',
    });
    expect(elsewhere.read.entities[0]?.source.declarationNote).toBe(
      'no resource "azurerm_user_assigned_identity" "a" block in .',
    );
  });

  it('say when a module comes from a registry rather than a local path', async () => {
    const p = plan(
      [
        {
          address: 'module.aks.azurerm_user_assigned_identity.a',
          type: 'azurerm_user_assigned_identity',
          after: { name: 'a' },
        },
      ],
      {
        modules: { aks: { source: 'Azure/aks/azurerm', module: {} } },
      },
    );
    const { read } = await readPlanObject(p, { 'main.tf': '' });
    expect(read.entities[0]?.source.declarationNote).toBe(
      'declared in module.aks from Azure/aks/azurerm, which is not a local path',
    );
  });

  it('can be looked up in another directory than the plan', async () => {
    const p = plan([
      {
        address: 'azurerm_user_assigned_identity.a',
        type: 'azurerm_user_assigned_identity',
        after: { name: 'a' },
      },
    ]);
    const { dir } = await readPlanObject(p, {
      'infra/identity.tf': '\n\nresource "azurerm_user_assigned_identity" "a" {\n}\n',
    });
    const read = await readInputs([join(dir, 'tfplan.json')], {
      repoRoot: dir,
      terraformDir: join(dir, 'infra'),
    });
    expect(read.entities[0]?.source.declaration).toEqual({ file: 'infra/identity.tf', line: 3, endLine: 4 });
  });
});
