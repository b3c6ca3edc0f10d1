import { join } from 'node:path';
import type { ScanOutcome } from '../../src/policy/outcome.js';
import { identityMap, MAX_EDGES } from '../../src/report/identity-map.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { itShared, repoRoot, terraformFixture } from '../helpers/fixtures.js';
import { outcomeOf as scanOf } from '../helpers/outcome.js';
import { plan, readPlanObject, writeTemp } from '../helpers/plans.js';
import { cluster, resource, roleAssignment } from '../helpers/tf.js';

async function outcomeOf(paths: string[]): Promise<ScanOutcome> {
  return scanOf(paths, repoRoot);
}

describe('the Markdown report', () => {
  it('has the verdict, counts by severity, a table per cluster with links and the details', async () => {
    const outcome = await outcomeOf([`${repoRoot}/examples`]);
    const md = renderMarkdown(outcome, {
      links: {
        fileUrl: (f, l, e) => `https://x/${f}#L${l}-L${e}`,
        policyUrl: (p) => `https://docs/${p.policy.id}`,
      },
    });
    expect(md).toContain('## aks-identity-lint ❌ failed');
    expect(md).toContain('| critical | 1 | 0 | 0 | 4 |');
    expect(md).toContain('### Cluster `aks-legacy (module.legacy.azurerm_kubernetes_cluster.this)`');
    expect(md).toContain(
      // The secret's line: the variable default the cluster's client_secret comes from, under the short name.
      '| ❌ | [**AKSID002**](https://docs/AKSID002) | No service-principal secret in code | critical · blocking | [`kubernetes_cluster.this`](https://x/examples/terraform/modules/legacy-cluster/main.tf#L13-L13 "module.legacy.azurerm_kubernetes_cluster.this") |',
    );
    expect(md).toContain('<details><summary>Blocking failures in detail (4)</summary>');
    expect(md).toContain('<details><summary>Other failures in detail (1)</summary>');
    // The clean cluster comes after the failing one.
    expect(md.indexOf('### Cluster `aks-legacy')).toBeLessThan(md.indexOf('### Cluster `aks-platform'));
    expect(md).not.toContain('Zq8~example-not-a-real-secret~4fJ');
  });

  itShared('explains indeterminate findings', async () => {
    const outcome = await outcomeOf([terraformFixture('tfplan-zodiac-AKS_TF-main.json')]);
    outcome.evaluations = outcome.evaluations.map((e) =>
      e.policy.policy.id === 'AKSID005'
        ? {
            ...e,
            status: 'indeterminate',
            because: [{ field: 'aad.azureRbacEnabled', reason: 'known after apply' }],
          }
        : e,
    );
    const md = renderMarkdown(outcome);
    expect(md).toContain('<details><summary>Indeterminate findings (1)</summary>');
    expect(md).toContain('known after apply');
    expect(md).toContain(
      '- **AKSID005** on `module.AKS.azurerm_kubernetes_cluster.k8s` (`' +
        terraformFixture('tfplan-zodiac-AKS_TF-main.json') +
        '#/resource_changes/12 (no source line: no .tf files in ' +
        terraformFixture('Modules/AKS') +
        ')`): aad.azureRbacEnabled is known after apply.',
    );
  });

  it('stays within a size limit, saying what it left out', async () => {
    const outcome = await outcomeOf([`${repoRoot}/examples`]);
    const full = renderMarkdown(outcome);
    const limited = renderMarkdown(outcome, { maxLength: 2500 });
    expect(full.length).toBeGreaterThan(2500);
    expect(limited.length).toBeLessThanOrEqual(2500);
    // Every section left out is named, so a reader knows what the comment does not show.
    const cut = /> Left out to stay within GitHub's 2,500-byte limit \((\d+) sections?\): (.*)\.$/m.exec(
      limited,
    );
    expect(cut).not.toBeNull();
    // Named by kind, most important first, the clusters of each kind named.
    expect((cut?.[2] ?? '').split('; ')).toEqual([
      'blocking failures in detail of aks-legacy',
      'identity map of 2: aks-legacy, aks-platform',
      'findings table of aks-platform',
      'passed checks',
      'inputs',
    ]);
    expect(Number(cut?.[1])).toBe(6);
    // The failing cluster's table is kept: its blocking failures come before anything else is shown.
    expect(limited).toContain('### Cluster `aks-legacy');
    expect(Buffer.byteLength(limited)).toBeLessThanOrEqual(2500);
    expect(limited).toContain('## aks-identity-lint ❌ failed');
  });
});

describe('the identity map', () => {
  itShared('draws who can do what, marks failing edges and unknown principals', async () => {
    const outcome = await outcomeOf([terraformFixture('tfplan-zodiac-prueba-devsu-master_devops_iac.json')]);
    const [cluster] = outcome.entities.cluster;
    if (cluster === undefined) throw new Error('no cluster');
    const acrPull = cluster.controlPlaneRoleAssignments.find((a) => a.role.name === 'AcrPull');
    if (acrPull === undefined) throw new Error('no AcrPull');
    const [policy] = outcome.policies;
    if (policy === undefined) throw new Error('no policy');
    const failing = [
      { policy, entity: acrPull, severity: policy.policy.severity, status: 'fail' as const, because: [] },
    ];
    const map = identityMap(cluster, outcome.entities.managedIdentity, failing);
    const lines = map.mermaid.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'flowchart LR',
        '  n0(["devsu-AKSCluster<br/>AKS cluster"])',
        '  n1["aks-identity<br/>control plane, user-assigned"]',
        '  n2("container_registry.acr<br/>resource")',
        '  n0 -->|"control plane"| n1',
        '  n1 -->|"✗ AcrPull"| n2',
        '  n1 -->|"Contributor"| n3',
      ]),
    );
    // Only the failing grant is marked; the cluster is not, as the failure is about the grant.
    expect(lines.filter((l) => l.startsWith('  linkStyle'))).toEqual([
      '  linkStyle 1 stroke:#cf222e,stroke-width:3px',
    ]);
    expect(map.mermaid).not.toContain('class n0 fail');
    expect(map.omitted).toBe(0);
  });

  it('marks the cluster, not its control-plane edge, for a failure about the cluster itself', async () => {
    const dir = await writeTemp({
      'tfplan.json': plan([cluster('aks', { after: { local_account_disabled: false } })]),
    });
    const outcome = await outcomeOf([join(dir, 'tfplan.json')]);
    const [aks] = outcome.entities.cluster;
    if (aks === undefined) throw new Error('no cluster');
    const map = identityMap(aks, [], outcome.evaluations);
    expect(outcome.evaluations.some((e) => e.policy.policy.id === 'AKSID003' && e.status === 'fail')).toBe(
      true,
    );
    expect(map.mermaid).toContain('  class n0 fail');
    expect(map.mermaid).not.toContain('linkStyle');
    expect(map.mermaid).toContain('  n0 -->|"control plane"| n1');
  });

  it('keys scopes by what they are, not by their label: two unknown scopes are two boxes', async () => {
    const { entities } = await readPlanObject(
      plan([
        cluster('aks'),
        resource('azurerm_resource_group.a', 'azurerm_resource_group'),
        resource('azurerm_resource_group.b', 'azurerm_resource_group'),
        roleAssignment(
          'ra',
          'Reader',
          'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
          'azurerm_resource_group.a.id',
        ),
        roleAssignment(
          'rb',
          'Reader',
          'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
          'azurerm_resource_group.b.id',
        ),
        roleAssignment(
          'rb2',
          'AcrPull',
          'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
          'azurerm_resource_group.b.id',
        ),
      ]),
    );
    const [aks] = entities.cluster;
    if (aks === undefined) throw new Error('no cluster');
    const lines = identityMap(aks, [], []).mermaid.split('\n');
    expect(lines.filter((l) => l.includes('resource_group.a<br/>'))).toHaveLength(1);
    // b's two grants point at one box.
    const b = lines
      .find((l) => l.includes('resource_group.b<br/>'))
      ?.trim()
      .split('(')[0];
    expect(lines.filter((l) => l.endsWith(`| ${b ?? '?'}`))).toHaveLength(2);
  });

  itShared('draws workloads that federate to a user-assigned identity', async () => {
    const outcome = await outcomeOf([
      terraformFixture('tfplan-zodiac-terraform-aks-eks-clusters-main_terraform_azure.json'),
    ]);
    const [cluster] = outcome.entities.cluster;
    if (cluster === undefined) throw new Error('no cluster');
    const map = identityMap(cluster, outcome.entities.managedIdentity, []);
    expect(map.mermaid).toContain('n4(["default/ingress-azure<br/>service account"])');
    expect(map.mermaid).toContain('n3["test-mind-io-identity1<br/>workload identity"]');
    expect(map.mermaid).toContain('n4 -->|"federates"| n3');
    expect(map.mermaid).toContain('n3 -->|"Network Contributor"|');
  });

  it('summarises a large graph instead of cutting it silently', async () => {
    const assignments = Array.from({ length: MAX_EDGES + 5 }, (_, i) => ({
      address: `azurerm_role_assignment.r${i}`,
      type: 'azurerm_role_assignment',
      after: { role_definition_name: 'Reader', scope: `/subscriptions/s/resourceGroups/rg${i}` },
      afterUnknown: { principal_id: true },
      expressions: {
        principal_id: {
          references: [
            'azurerm_kubernetes_cluster.aks.identity[0].principal_id',
            'azurerm_kubernetes_cluster.aks',
          ],
        },
      },
    }));
    const { entities } = await readPlanObject(
      plan([
        {
          address: 'azurerm_kubernetes_cluster.aks',
          type: 'azurerm_kubernetes_cluster',
          after: { name: 'aks', identity: [{ type: 'SystemAssigned' }] },
          afterUnknown: { identity: [{ principal_id: true }] },
        },
        ...assignments,
      ]),
    );
    const [cluster] = entities.cluster;
    if (cluster === undefined) throw new Error('no cluster');
    const map = identityMap(cluster, [], []);
    // 45 role edges, plus cluster to control plane and cluster to kubelet.
    expect(map.omitted).toBe(MAX_EDGES + 5 + 2 - MAX_EDGES);
    const lines = map.mermaid.split('\n');
    expect(lines.filter((l) => l.includes('-->'))).toHaveLength(MAX_EDGES);
    // No box is drawn without an arrow to it: the scopes of left-out grants are left out too.
    expect(lines.filter((l) => /^ {2}n\d+\("/.test(l))).toHaveLength(MAX_EDGES - 2);
  });
});
