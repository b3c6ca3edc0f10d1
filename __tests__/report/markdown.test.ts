import { readInputs } from '../../src/inputs/read-inputs.js';
import { linkEntities } from '../../src/model/link.js';
import { builtInPolicyDir, packageVersion } from '../../src/package-files.js';
import { evaluateAll } from '../../src/policy/evaluate.js';
import { loadPolicies } from '../../src/policy/load.js';
import type { ScanOutcome } from '../../src/policy/outcome.js';
import { identityMap, MAX_EDGES } from '../../src/report/identity-map.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { itShared, repoRoot, terraformFixture } from '../helpers/fixtures.js';
import { plan, readPlanObject } from '../helpers/plans.js';

async function outcomeOf(paths: string[]): Promise<ScanOutcome> {
  const policies = await loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);
  const read = await readInputs(paths, { repoRoot });
  const entities = linkEntities(read.entities);
  return {
    version: packageVersion(),
    inputs: read.inputs,
    skipped: read.skipped,
    ignored: read.ignored,
    entities,
    policies,
    evaluations: evaluateAll(policies, entities),
    failOn: 'high',
    failOnIndeterminate: false,
    secrets: read.secrets,
    waivers: [],
  };
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
      // The secret's line: the variable default the cluster's client_secret comes from.
      '| ❌ | [**AKSID002**](https://docs/AKSID002) No service-principal secret is written in code | critical (blocking) | `module.legacy.azurerm_kubernetes_cluster.this` | [examples/terraform/modules/legacy-cluster/main.tf:13](https://x/examples/terraform/modules/legacy-cluster/main.tf#L13-L13) |',
    );
    expect(md).toContain('<details><summary>Failing findings (5)</summary>');
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
      '**AKSID005** on `test-aks-clusteraks (module.AKS.azurerm_kubernetes_cluster.k8s)`: aad.azureRbacEnabled is known after apply',
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
    const names = (cut?.[2] ?? '').split('; ');
    expect(names).toHaveLength(Number(cut?.[1]));
    expect(names.at(-1)).toBe('inputs');
    expect(names).toContain('details of failing findings');
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
    expect(map.mermaid.split('\n')).toEqual(
      expect.arrayContaining([
        'flowchart LR',
        '  c(["devsu-AKSCluster<br/>cluster"])',
        '  cp["aks-identity<br/>user-assigned, principal known after apply"]',
        '  c -->|"control plane"| cp',
        '  cp -->|"✗ AcrPull"| s0',
        '  s0("azurerm_container_registry.acr (resource)")',
      ]),
    );
    expect(map.mermaid).toMatch(/linkStyle 1 stroke:#d1242f/);
    expect(map.omitted).toBe(0);
  });

  itShared('draws workloads that federate to a user-assigned identity', async () => {
    const outcome = await outcomeOf([
      terraformFixture('tfplan-zodiac-terraform-aks-eks-clusters-main_terraform_azure.json'),
    ]);
    const [cluster] = outcome.entities.cluster;
    if (cluster === undefined) throw new Error('no cluster');
    const map = identityMap(cluster, outcome.entities.managedIdentity, []);
    expect(map.mermaid).toContain('fw0_0(["service account default/ingress-azure"])');
    expect(map.mermaid).toContain('fw0_0 -->|"federates"| w0');
    expect(map.mermaid).toContain('w0 -->|"Network Contributor"|');
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
    expect(map.mermaid.split('\n').filter((l) => l.includes('-->'))).toHaveLength(MAX_EDGES);
  });
});
