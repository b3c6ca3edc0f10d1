// Measures aks-identity-lint on generated ARM templates of growing size, against the floor of reading and parsing
// the same file, and on the public templates in ../shared/fixtures/arm when they are there (Terraform plans and
// every output format: scripts/bench-formats.mjs). Run with `npm run bench` after `npm run bundle`. Prints tables;
// asserts nothing.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const SIZES = (process.env.BENCH_CLUSTERS ?? '10,100,1000,5000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * An ARM template with `clusters` clusters made by copy loops: each with a user-assigned control plane, and role
 * assignments whose principals and scopes are `reference()` and `resourceId()` expressions, so that expression
 * evaluation and the linker's joins are what is measured.
 */
function generateTemplate(clusters) {
  // ARM allows at most 800 copies per loop, so larger sizes are several loops.
  const resources = [];
  for (let chunk = 0; chunk * 800 < clusters; chunk++) {
    resources.push(...chunkResources(chunk, Math.min(800, clusters - chunk * 800)));
  }
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources,
  };
}

function chunkResources(chunk, count) {
  const loop = (name) => ({ name: `${name}${chunk}`, count });
  const identityName = `format('id-${chunk}-{0}', copyIndex())`;
  const clusterName = `format('aks-${chunk}-{0}', copyIndex())`;
  const identityId = `resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', ${identityName})`;
  const clusterId = `resourceId('Microsoft.ContainerService/managedClusters', ${clusterName})`;
  const subnet =
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks';
  const assignment = (name, role, principal) => ({
    type: 'Microsoft.Authorization/roleAssignments',
    apiVersion: '2022-04-01',
    name: `[guid('${name}', '${chunk}', string(copyIndex()))]`,
    copy: loop(name),
    dependsOn: [`[${clusterId}]`],
    properties: {
      roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')]`,
      principalId: principal,
      principalType: 'ServicePrincipal',
    },
  });
  return [
    {
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      apiVersion: '2023-01-31',
      name: `[${identityName}]`,
      location: 'westeurope',
      copy: loop('identities'),
    },
    {
      type: 'Microsoft.ContainerService/managedClusters',
      apiVersion: '2024-02-01',
      name: `[${clusterName}]`,
      location: 'westeurope',
      copy: loop('clusters'),
      dependsOn: [`[${identityId}]`],
      identity: { type: 'UserAssigned', userAssignedIdentities: { [`[format('{0}', ${identityId})]`]: {} } },
      properties: {
        dnsPrefix: `[${clusterName}]`,
        disableLocalAccounts: '[equals(mod(copyIndex(), 2), 0)]',
        aadProfile: { managed: true, enableAzureRBAC: true },
        oidcIssuerProfile: { enabled: true },
        securityProfile: { workloadIdentity: { enabled: true } },
        agentPoolProfiles: [
          { name: 'system', count: 3, vmSize: 'Standard_D4s_v5', mode: 'System', vnetSubnetID: subnet },
        ],
      },
    },
    assignment(
      'pull',
      '7f951dda-4ed3-4680-a7ca-43fe172d538d',
      `[reference(${clusterId}, '2024-02-01').identityProfile.kubeletidentity.objectId]`,
    ),
    assignment(
      'net',
      '4d97b98b-1d4f-4787-a291-c67834d212e7',
      `[reference(${identityId}, '2023-01-31').principalId]`,
    ),
  ];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function parseTime(file) {
  return median(
    Array.from({ length: RUNS }, () => {
      const t = performance.now();
      JSON.parse(readFileSync(file, 'utf8'));
      return performance.now() - t;
    }),
  );
}

/** Median wall time of `aks-identity-lint scan <file>` as a process, JSON report to a file. */
function scanTime(file) {
  return median(
    Array.from({ length: RUNS }, () => {
      const t = performance.now();
      const run = spawnSync(process.execPath, [
        'dist/cli.js',
        'scan',
        file,
        '--no-config',
        '--format',
        'json',
        '--output',
        join(dir, 'out.json'),
        '--fail-on',
        'none',
      ]);
      if (run.status !== 0) throw new Error(`scan of ${file} failed: ${run.stderr}`);
      return performance.now() - t;
    }),
  );
}

const row = (cells, widths) => cells.map((c, i) => String(c).padStart(widths[i])).join(' | ');

// BENCH_KEEP=<dir> keeps the generated templates there, e.g. to profile one with node --cpu-prof.
const keep = process.env.BENCH_KEEP;
if (keep) mkdirSync(keep, { recursive: true });
const dir = keep ?? mkdtempSync(join(tmpdir(), 'aks-identity-lint-bench-'));
console.log(`Node.js ${process.version}, median of ${RUNS} runs`);
try {
  console.log('\nARM templates (copy loops, reference() principals)');
  console.log('clusters | resources |    MB | read+parse ms | scan ms (process) | scan µs/resource');
  console.log('---------|-----------|-------|---------------|-------------------|-----------------');
  for (const clusters of SIZES) {
    const file = join(dir, `template-${clusters}.json`);
    writeFileSync(file, JSON.stringify(generateTemplate(clusters)));
    const scan = scanTime(file);
    const resources = clusters * 4;
    const mb = statSync(file).size / 1e6;
    const cells = [
      clusters,
      resources,
      mb.toFixed(3),
      parseTime(file).toFixed(1),
      scan.toFixed(0),
      ((scan * 1000) / resources).toFixed(0),
    ];
    console.log(row(cells, [8, 9, 5, 13, 17, 15]));
  }

  // Templates nobody here wrote: nested deployments, modules, hundreds of expressions.
  const shared = process.env.AKS_IDENTITY_LINT_SHARED ?? join('..', 'shared');
  const armFixtures = join(shared, 'fixtures', 'arm');
  if (existsSync(armFixtures)) {
    console.log(`\nPublic templates (${armFixtures})`);
    console.log(
      'template                                              |     KB | read+parse ms | scan ms (process)',
    );
    console.log(
      '------------------------------------------------------|--------|---------------|------------------',
    );
    for (const name of readdirSync(armFixtures)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const file = join(armFixtures, name);
      const kb = statSync(file).size / 1e3;
      console.log(
        row(
          [name.padEnd(53), kb.toFixed(0), parseTime(file).toFixed(1), scanTime(file).toFixed(0)],
          [53, 6, 13, 17],
        ),
      );
    }
  } else {
    console.log(`\n(${armFixtures} not found: public templates not measured)`);
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
