// Measures live mode (`scan --live`) against the ARM stand-in of scripts/arm-test-server.mjs: the bundled CLI, the
// real Azure SDK clients and the SDK's Azure CLI credential (an `az` that hands out a token), over HTTPS on
// 127.0.0.1. Compares the Resource Graph path with the per-subscription path: wall time of the process and the
// requests it made. Run with `npm run bench` (after `npm run bundle`). Prints a table; asserts nothing.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startArmServer } from './arm-test-server.mjs';

const SUBSCRIPTIONS = Number(process.env.BENCH_LIVE_SUBSCRIPTIONS ?? 100);
const CLUSTERS = Number(process.env.BENCH_LIVE_CLUSTERS ?? 1000);
const ASSIGNMENTS = Number(process.env.BENCH_LIVE_ASSIGNMENTS ?? 100000);
const ROLES = {
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  networkContributor: '4d97b98b-1d4f-4787-a291-c67834d212e7',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
};

const hex = (n, width) => n.toString(16).padStart(width, '0');
const subscriptionId = (s) => `5ab00000-0000-0000-0000-${hex(s, 12)}`;

/** N clusters spread over S subscriptions, each with its control-plane identity and grants; other grants to fill. */
function world() {
  const clusters = [];
  const identities = [];
  const roleAssignments = [];
  const grant = (n, principalId, role, scope) => ({
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/a5500000-0000-0000-0000-${hex(n, 12)}`,
    name: `a5500000-0000-0000-0000-${hex(n, 12)}`,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      principalId,
      principalType: 'ServicePrincipal',
      scope,
    },
  });
  for (let i = 0; i < CLUSTERS; i++) {
    const rg = `/subscriptions/${subscriptionId(i % SUBSCRIPTIONS)}/resourceGroups/rg-${i}`;
    const identityId = `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${i}`;
    const subnet = `${rg}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes`;
    const controlPlane = `c0000000-0000-0000-0000-${hex(i, 12)}`;
    const kubelet = `b0000000-0000-0000-0000-${hex(i, 12)}`;
    clusters.push({
      id: `${rg}/providers/Microsoft.ContainerService/managedClusters/aks-${i}`,
      name: `aks-${i}`,
      type: 'Microsoft.ContainerService/ManagedClusters',
      location: 'westeurope',
      identity: {
        type: 'UserAssigned',
        userAssignedIdentities: { [identityId]: { principalId: controlPlane } },
      },
      properties: {
        enableRBAC: true,
        disableLocalAccounts: true,
        aadProfile: { managed: true, enableAzureRBAC: true },
        identityProfile: {
          kubeletidentity: {
            objectId: kubelet,
            resourceId: `${rg}-nodes/providers/Microsoft.ManagedIdentity/userAssignedIdentities/agentpool`,
          },
        },
        servicePrincipalProfile: { clientId: 'msi' },
        nodeResourceGroup: `rg-${i}-nodes`,
        agentPoolProfiles: [{ name: 'system', mode: 'System', count: 3, vnetSubnetID: subnet }],
      },
    });
    identities.push({
      id: identityId,
      name: `id-${i}`,
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      properties: { principalId: controlPlane, clientId: `c1000000-0000-0000-0000-${hex(i, 12)}` },
    });
    roleAssignments.push(
      grant(
        roleAssignments.length,
        kubelet,
        ROLES.acrPull,
        `${rg}/providers/Microsoft.ContainerRegistry/registries/acr${i}`,
      ),
    );
    roleAssignments.push(grant(roleAssignments.length, controlPlane, ROLES.networkContributor, subnet));
  }
  while (roleAssignments.length < ASSIGNMENTS) {
    const n = roleAssignments.length;
    const rg = `/subscriptions/${subscriptionId(n % SUBSCRIPTIONS)}/resourceGroups/rg-${n % CLUSTERS}`;
    roleAssignments.push(grant(n, `e0000000-0000-0000-0000-${hex(n, 12)}`, ROLES.reader, rg));
  }
  return { clusters, identities, roleAssignments, roleDefinitions: [], federatedCredentials: [] };
}

function run(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...args], { env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'aks-identity-lint-bench-live-'));
try {
  const az = join(dir, 'az');
  writeFileSync(
    az,
    '#!/bin/sh\necho "{\\"accessToken\\":\\"bench\\",\\"expires_on\\":$(( $(date +%s) + 3600 )),\\"tokenType\\":\\"Bearer\\"}"\n',
  );
  chmodSync(az, 0o755);
  const server = await startArmServer({ world: world(), pageSize: 1000 });
  const env = {
    PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential',
    NODE_EXTRA_CA_CERTS: server.caFile,
  };
  const subscriptions = Array.from({ length: SUBSCRIPTIONS }, (_, s) => [
    '--subscription',
    subscriptionId(s),
  ]).flat();
  console.log(
    `\nLive mode (${CLUSTERS} clusters, ${ASSIGNMENTS} role assignments, ${SUBSCRIPTIONS} subscriptions; ARM stand-in on 127.0.0.1 over HTTPS, 1,000 rows a page)`,
  );
  console.log('path           | wall ms (process) | requests | read');
  console.log('---------------|-------------------|----------|-----');
  try {
    for (const via of ['resource-graph', 'per-cluster']) {
      server.served.length = 0;
      const t = performance.now();
      const result = await run(
        [
          'scan',
          '--live',
          ...subscriptions,
          '--live-via',
          via,
          '--arm-endpoint',
          server.url,
          '--no-config',
          '--format',
          'json',
          '--output',
          join(dir, 'out.json'),
          '--fail-on',
          'none',
        ],
        env,
      );
      const ms = performance.now() - t;
      if (result.status !== 0) throw new Error(`live scan via ${via} failed: ${result.stderr}`);
      const read = /live state: (.*) read in/.exec(result.stderr)?.[1] ?? '?';
      console.log(
        `${via.padEnd(14)} | ${ms.toFixed(0).padStart(17)} | ${String(server.served.length).padStart(8)} | ${read}`,
      );
    }
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
