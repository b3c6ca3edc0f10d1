// Measures aks-identity-lint on generated Terraform plans of growing size, against the floor of reading and
// parsing the same file. Run with `npm run bench` after `npm run bundle`. Prints a table; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const SIZES = (process.env.BENCH_CLUSTERS ?? '10,100,1000,5000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** One cluster with a user-assigned control plane, a registry and three role assignments. */
function clusterResources(i) {
  const c = `azurerm_kubernetes_cluster.aks${i}`;
  const id = `azurerm_user_assigned_identity.cp${i}`;
  const acr = `azurerm_container_registry.acr${i}`;
  const ref = (...r) => ({ references: r });
  const change = (address, type, after, afterUnknown) => ({
    address,
    mode: 'managed',
    type,
    name: address.split('.')[1],
    change: {
      actions: ['create'],
      before: null,
      after,
      after_unknown: afterUnknown,
      before_sensitive: false,
      after_sensitive: {},
    },
  });
  const changes = [
    change(
      id,
      'azurerm_user_assigned_identity',
      { name: `id-${i}`, location: 'westeurope', resource_group_name: 'rg' },
      { id: true, principal_id: true, client_id: true },
    ),
    change(
      acr,
      'azurerm_container_registry',
      { name: `acr${i}`, admin_enabled: false, sku: 'Premium' },
      { id: true },
    ),
    change(
      c,
      'azurerm_kubernetes_cluster',
      {
        name: `aks-${i}`,
        location: 'westeurope',
        resource_group_name: 'rg',
        local_account_disabled: i % 2 === 0,
        identity: [{ type: 'UserAssigned' }],
        service_principal: [],
        default_node_pool: [{ name: 'system', vm_size: 'Standard_D4s_v5', node_count: 3 }],
        azure_active_directory_role_based_access_control: [{ managed: true, azure_rbac_enabled: true }],
        role_based_access_control_enabled: true,
        oidc_issuer_enabled: true,
        workload_identity_enabled: true,
      },
      {
        id: true,
        identity: [{ identity_ids: true, principal_id: true }],
        kubelet_identity: true,
        oidc_issuer_url: true,
        kube_config: true,
      },
    ),
    change(
      `azurerm_role_assignment.pull${i}`,
      'azurerm_role_assignment',
      { role_definition_name: 'AcrPull' },
      { id: true, principal_id: true, scope: true },
    ),
    change(
      `azurerm_role_assignment.mio${i}`,
      'azurerm_role_assignment',
      { role_definition_name: 'Managed Identity Operator' },
      { id: true, principal_id: true, scope: true },
    ),
    change(
      `azurerm_role_assignment.net${i}`,
      'azurerm_role_assignment',
      { role_definition_name: 'Network Contributor', scope: '/subscriptions/s/resourceGroups/net' },
      { id: true, principal_id: true },
    ),
  ];
  const config = [
    { address: id, mode: 'managed', type: 'azurerm_user_assigned_identity', name: `cp${i}`, expressions: {} },
    { address: acr, mode: 'managed', type: 'azurerm_container_registry', name: `acr${i}`, expressions: {} },
    {
      address: c,
      mode: 'managed',
      type: 'azurerm_kubernetes_cluster',
      name: `aks${i}`,
      expressions: { identity: [{ identity_ids: ref(`${id}.id`, id) }] },
    },
    {
      address: `azurerm_role_assignment.pull${i}`,
      mode: 'managed',
      type: 'azurerm_role_assignment',
      name: `pull${i}`,
      expressions: {
        principal_id: ref(`${c}.kubelet_identity[0].object_id`, c),
        scope: ref(`${acr}.id`, acr),
      },
    },
    {
      address: `azurerm_role_assignment.mio${i}`,
      mode: 'managed',
      type: 'azurerm_role_assignment',
      name: `mio${i}`,
      expressions: { principal_id: ref(`${id}.principal_id`, id), scope: ref(`${id}.id`, id) },
    },
    {
      address: `azurerm_role_assignment.net${i}`,
      mode: 'managed',
      type: 'azurerm_role_assignment',
      name: `net${i}`,
      expressions: { principal_id: ref(`${id}.principal_id`, id) },
    },
  ];
  return { changes, config };
}

function generatePlan(clusters) {
  const changes = [];
  const config = [];
  for (let i = 0; i < clusters; i++) {
    const r = clusterResources(i);
    changes.push(...r.changes);
    config.push(...r.config);
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.4',
    planned_values: { root_module: { resources: [] } },
    resource_changes: changes,
    configuration: { root_module: { resources: config } },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// BENCH_KEEP=<dir> keeps the generated plans there, e.g. to profile one with node --cpu-prof.
const keep = process.env.BENCH_KEEP;
if (keep) mkdirSync(keep, { recursive: true });
const dir = keep ?? mkdtempSync(join(tmpdir(), 'aks-identity-lint-bench-'));
console.log(`Node.js ${process.version}, median of ${RUNS} runs`);
console.log('clusters | resources |    MB | read+parse ms | scan ms (process) | scan µs/resource');
console.log('---------|-----------|-------|---------------|-------------------|-----------------');
try {
  for (const clusters of SIZES) {
    const planFile = join(dir, String(clusters), 'plan.json');
    const file = join(dir, `plan-${clusters}.json`);
    const plan = generatePlan(clusters);
    writeFileSync(file, JSON.stringify(plan));
    // The .tf source next to the plan, so finding each resource's declaration is measured too.
    const tf = plan.resource_changes
      .map((r) => `resource "${r.type}" "${r.name}" {\n  name = "${r.name}"\n}\n`)
      .join('\n');
    mkdirSync(join(dir, String(clusters)), { recursive: true });
    writeFileSync(join(dir, String(clusters), 'main.tf'), tf);
    renameSync(file, join(dir, String(clusters), 'plan.json'));
    const mb = statSync(planFile).size / 1e6;
    const parse = median(
      Array.from({ length: RUNS }, () => {
        const t = performance.now();
        JSON.parse(readFileSync(planFile, 'utf8'));
        return performance.now() - t;
      }),
    );
    const scan = median(
      Array.from({ length: RUNS }, () => {
        const t = performance.now();
        const run = spawnSync(process.execPath, [
          'dist/cli.js',
          'scan',
          planFile,
          '--no-config',
          '--format',
          'json',
          '--output',
          join(dir, 'out.json'),
          '--fail-on',
          'none',
        ]);
        if (run.status !== 0) throw new Error(`scan failed: ${run.stderr}`);
        return performance.now() - t;
      }),
    );
    const resources = plan.resource_changes.length;
    console.log(
      `${String(clusters).padStart(8)} | ${String(resources).padStart(9)} | ${mb.toFixed(1).padStart(5)} | ${parse.toFixed(0).padStart(13)} | ${scan.toFixed(0).padStart(17)} | ${((scan * 1000) / resources).toFixed(0).padStart(15)}`,
    );
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
