import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { ArmResource, ArmServer, World } from '../../scripts/arm-test-server.mjs';

/**
 * What Azure has, as its REST API returns it, for the live-query tests:
 * - subscription A: cluster aks-a, user-assigned control plane (its principal stated beside the identity's ID),
 *   kubelet holding AcrPull on a registry and Contributor on the whole subscription (the grant to blame), the
 *   control plane Network Contributor on its subnet; an app identity federated to the cluster's issuer; `filler`
 *   role assignments of other principals, to be paged through;
 * - subscription B: cluster aks-b, SystemAssigned, whose role assignments the credential may not read.
 */
export const SUB_A = 'aaaaaaaa-0000-0000-0000-00000000000a';
export const SUB_B = 'bbbbbbbb-0000-0000-0000-00000000000b';
const RG_A = `/subscriptions/${SUB_A}/resourceGroups/rg-a`;
const RG_B = `/subscriptions/${SUB_B}/resourceGroups/rg-b`;
export const AKS_A = `${RG_A}/providers/Microsoft.ContainerService/managedClusters/aks-a`;
export const AKS_B = `${RG_B}/providers/Microsoft.ContainerService/managedClusters/aks-b`;
const CP_A = `${RG_A}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-a`;
const APP_A = `${RG_A}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app`;
const SUBNET_A = `${RG_A}/providers/Microsoft.Network/virtualNetworks/vnet-a/subnets/nodes`;
const ACR_A = `${RG_A}/providers/Microsoft.ContainerRegistry/registries/acra`;
const ISSUER_A = 'https://westeurope.oic.prod-aks.azure.com/tenant/aks-a/';
export const KUBELET_A = 'a0000000-0000-0000-0000-00000000000b';
export const CONTROL_PLANE_A = 'a0000000-0000-0000-0000-00000000000c';
export const CONTRIBUTOR_GRANT = `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments/a1000000-0000-0000-0000-000000000003`;

function roleAssignment(guid: string, principalId: string, role: string, scope: string): ArmResource {
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid}`,
    name: guid,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      principalId,
      principalType: 'ServicePrincipal',
      scope,
    },
  };
}

export function liveWorld(filler = 0): World {
  const clusterA: ArmResource = {
    id: AKS_A,
    name: 'aks-a',
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'westeurope',
    identity: {
      type: 'UserAssigned',
      userAssignedIdentities: {
        [CP_A]: { principalId: CONTROL_PLANE_A, clientId: 'a0000000-1111-0000-0000-00000000000c' },
      },
    },
    properties: {
      enableRBAC: true,
      disableLocalAccounts: true,
      aadProfile: { managed: true, enableAzureRBAC: true, tenantID: 'tenant' },
      oidcIssuerProfile: { enabled: true, issuerURL: ISSUER_A },
      securityProfile: { workloadIdentity: { enabled: true } },
      identityProfile: {
        kubeletidentity: {
          resourceId: `/subscriptions/${SUB_A}/resourceGroups/MC_rg-a/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-a-agentpool`,
          clientId: 'a0000000-1111-0000-0000-00000000000b',
          objectId: KUBELET_A,
        },
      },
      servicePrincipalProfile: { clientId: 'msi' },
      nodeResourceGroup: 'MC_rg-a',
      agentPoolProfiles: [{ name: 'system', mode: 'System', count: 3, vnetSubnetID: SUBNET_A }],
      networkProfile: { networkPlugin: 'azure', outboundType: 'loadBalancer' },
    },
  };
  const clusterB: ArmResource = {
    id: AKS_B,
    name: 'aks-b',
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'westeurope',
    identity: { type: 'SystemAssigned', principalId: 'b0000000-0000-0000-0000-00000000000c' },
    properties: {
      enableRBAC: true,
      disableLocalAccounts: true,
      aadProfile: { managed: true, enableAzureRBAC: true },
      identityProfile: {
        kubeletidentity: {
          resourceId: `/subscriptions/${SUB_B}/resourceGroups/MC_rg-b/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-b-agentpool`,
          clientId: 'b0000000-1111-0000-0000-00000000000b',
          objectId: 'b0000000-0000-0000-0000-00000000000b',
        },
      },
      servicePrincipalProfile: { clientId: 'msi' },
      nodeResourceGroup: 'MC_rg-b',
      agentPoolProfiles: [{ name: 'system', mode: 'System', count: 1 }],
    },
  };
  const identity = (id: string, name: string, principalId: string): ArmResource => ({
    id,
    name,
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    location: 'westeurope',
    properties: {
      principalId,
      clientId: `${principalId.slice(0, 8)}-1111-0000-0000-000000000000`,
      tenantId: 'tenant',
    },
  });
  const others = Array.from({ length: filler }, (_, i) => {
    const n = String(i).padStart(12, '0');
    return roleAssignment(
      `f0000000-0000-0000-0000-${n}`,
      `e0000000-0000-0000-0000-${n}`,
      'acdd72a7-3385-48ef-bd42-f606fba81ae7',
      `/subscriptions/${SUB_A}/resourceGroups/rg-other`,
    );
  });
  return {
    clusters: [clusterA, clusterB],
    identities: [
      identity(CP_A, 'id-aks-a', CONTROL_PLANE_A),
      identity(APP_A, 'id-app', 'a0000000-0000-0000-0000-0000000000ad'),
    ],
    federatedCredentials: [
      {
        id: `${APP_A}/federatedIdentityCredentials/app`,
        name: 'app',
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
        properties: {
          issuer: ISSUER_A,
          subject: 'system:serviceaccount:app:app',
          audiences: ['api://AzureADTokenExchange'],
        },
      },
    ],
    roleAssignments: [
      roleAssignment(
        'a1000000-0000-0000-0000-000000000001',
        KUBELET_A,
        '7f951dda-4ed3-4680-a7ca-43fe172d538d',
        ACR_A,
      ),
      roleAssignment(
        'a1000000-0000-0000-0000-000000000002',
        CONTROL_PLANE_A,
        '4d97b98b-1d4f-4787-a291-c67834d212e7',
        SUBNET_A,
      ),
      roleAssignment(
        'a1000000-0000-0000-0000-000000000003',
        KUBELET_A,
        'b24988ac-6180-42a0-ab88-20f7382dd24c',
        `/subscriptions/${SUB_A}`,
      ),
      ...others,
    ],
    roleDefinitions: [],
  };
}

/**
 * An `az` that hands out a token, as `az account get-access-token` does after `az login` or `azure/login`: the
 * Azure SDK's own AzureCliCredential runs it. Returns the environment a process needs to sign in with it and to
 * trust the server's certificate.
 */
export async function liveEnv(server: ArmServer): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-az-'));
  const az = join(dir, 'az');
  await writeFile(
    az,
    '#!/bin/sh\n' +
      'echo "$@" >> "$(dirname "$0")/calls"\n' +
      'echo "{\\"accessToken\\":\\"test-token\\",\\"expires_on\\":$(( $(date +%s) + 3600 )),\\"tokenType\\":\\"Bearer\\"}"\n',
  );
  await chmod(az, 0o755);
  return {
    PATH: `${dir}${delimiter}${process.env['PATH'] ?? ''}`,
    AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential',
    NODE_EXTRA_CA_CERTS: server.caFile,
    AZURE_RESOURCE_MANAGER_ENDPOINT: server.url,
  };
}
