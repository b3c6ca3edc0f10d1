// The live-state adapter against real Azure CLI and REST outputs nobody on this project wrote: the files in
// ../shared/fixtures/live (SOURCES.md there says where each comes from). Runs only where ../shared (or
// $AKS_IDENTITY_LINT_SHARED) is checked out; the other tests never need it.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInputs } from '../../src/inputs/read-inputs.js';
import type { Cluster, EntitiesByKind } from '../../src/model/entities.js';
import { linkEntities } from '../../src/model/link.js';
import { isUnknown } from '../../src/model/unknown.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDir = resolve(process.env['AKS_IDENTITY_LINT_SHARED'] ?? join(repoRoot, '..', 'shared'));
const live = join(sharedDir, 'fixtures', 'live');
const present = existsSync(live);
if (!present) {
  process.stderr.write(
    `Skipping the live-state conformance tests: ${live} is not here. ` +
      'Check out ../shared next to this repository, or set AKS_IDENTITY_LINT_SHARED to the shared directory, to run them.\n',
  );
}
const describeShared = present ? describe : describe.skip;

const PRIVATE_AKS = 'azcli-aks-create-private-aks-cluster-2026.json';
const PRIVATE_AKS_GRANTS = 'azcli-role-assignment-create-outputs-private-aks-cluster-2026.json';
const PRIVATE_AKS_PRINCIPAL = '412443c4-b386-40b7-a09a-7f4e78c7be81';
const NETWORK_CONTRIBUTOR = '4d97b98b-1d4f-4787-a291-c67834d212e7';

async function read(...files: string[]): Promise<EntitiesByKind> {
  const result = await readInputs(
    files.map((f) => join(live, f)),
    { repoRoot: sharedDir },
  );
  return linkEntities(result.entities);
}

function onlyCluster(entities: EntitiesByKind): Cluster {
  expect(entities.cluster).toHaveLength(1);
  return entities.cluster[0] as Cluster;
}

describeShared('live state: the shared Azure CLI and REST outputs', () => {
  it('reads every file as live state, without error', async () => {
    const files = readdirSync(live).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    const result = await readInputs(
      files.map((f) => join(live, f)),
      { repoRoot: sharedDir },
    );
    expect(result.inputs.map((i) => i.format)).toEqual(files.map(() => 'live-state'));
    expect(result.entities.every((e) => e.change.action === 'none')).toBe(true);
  });

  it('az aks create: a SystemAssigned control plane, the kubelet AKS made, no Entra ID, local accounts on', async () => {
    const aks = onlyCluster(await read(PRIVATE_AKS));
    expect(aks.name).toBe('private-aks-cluster');
    expect(aks.identity).toMatchObject({ type: 'SystemAssigned', principalId: PRIVATE_AKS_PRINCIPAL });
    // `servicePrincipalProfile.clientId: "msi"` is how AKS marks a managed-identity cluster, not a service principal.
    expect(aks.servicePrincipal).toBeUndefined();
    expect(aks.kubeletIdentity).toMatchObject({
      objectId: 'f8c50a4f-82f9-49e0-b996-bf771a42d4ba',
      clientId: 'bef71225-9b42-4753-9c8f-c7265f18a806',
      custom: false,
    });
    expect(aks.aad).toBeUndefined();
    expect(aks.kubernetesRbacEnabled).toBe(true);
    expect(aks.localAccountsDisabled).toBe(false);
    expect(aks.oidcIssuer).toMatchObject({ enabled: false });
    expect(aks.network).toMatchObject({ privateCluster: true, outboundType: 'loadBalancer' });
    expect(aks.network?.vnetSubnetIds).toEqual([
      '/subscriptions/0de45914-fbf7-47ae-825b-0412d64bfa4f/resourceGroups/rg-secure-dev-platform/providers/Microsoft.Network/virtualNetworks/aks-secure-vnet/subnets/aks-node-subnet',
    ]);
  });

  it("joins the role assignments Azure printed to the cluster's principal", async () => {
    const entities = await read(PRIVATE_AKS, PRIVATE_AKS_GRANTS);
    const aks = onlyCluster(entities);
    // The log printed the Network Contributor grant twice (created twice, idempotently): one grant, read once.
    const onSubnet = aks.controlPlaneRoleAssignments;
    expect(onSubnet.map((a) => a.name)).toEqual(['71255f55-2ff4-4b9b-8d0f-bab9ea5f7f2a']);
    for (const grant of onSubnet) {
      expect(grant.principalId).toBe(PRIVATE_AKS_PRINCIPAL);
      expect(grant.role.id).toBe(NETWORK_CONTRIBUTOR);
      expect(grant.role.name).toBe('Network Contributor');
    }
    // The group's AKS RBAC Admin grant is nobody's in the cluster: it is not undecided either (a Group).
    const group = entities.roleAssignment.find((a) => a.principalType === 'Group');
    expect(group?.principal.kind).toBe('other');
    expect(aks.undecidedRoleAssignments.filter(isUnknown)).toEqual([]);
  });

  it('az aks create (2024): SystemAssigned with its kubelet identity', async () => {
    const aks = onlyCluster(await read('azcli-aks-create-recordingbot-2024.json'));
    expect(aks.identity).toMatchObject({
      type: 'SystemAssigned',
      principalId: '51d916b6-0106-419f-825b-3d74e292559d',
    });
    expect(aks.kubeletIdentity?.objectId).toBe('1aee7386-eb25-4ee0-91f8-cf4bf0641151');
  });

  it('az identity create: a user-assigned identity, its placeholders taken as written', async () => {
    const entities = await read('azcli-identity-create-placeholder-azure-aks-docs.json');
    expect(entities.managedIdentity.map((m) => [m.name, m.principalId, m.clientId])).toEqual([
      ['<kubelet-identity-name>', '<principal-id>', '<client-id>'],
    ]);
  });

  it('REST GET in ARM casing: a service-principal cluster with managed Entra ID and Azure RBAC', async () => {
    const aks = onlyCluster(
      await read('arm-rest-spec-ManagedClustersCreate_UpdateWithEnableAzureRBAC.200body.json'),
    );
    expect(aks.identity.type).toBe('ServicePrincipal');
    expect(aks.servicePrincipal?.clientId).toBe('clientid');
    expect(aks.aad).toMatchObject({ managed: true, azureRbacEnabled: true, tenantId: 'tenantID' });
    // `disableLocalAccounts: null`: Azure's default, local accounts on.
    expect(aks.localAccountsDisabled).toBe(false);
  });

  it('REST GET: workload identity on, with no OIDC issuer', async () => {
    const aks = onlyCluster(await read('arm-rest-spec-ManagedClustersCreate_SecurityProfile.200body.json'));
    expect(aks.workloadIdentityEnabled).toBe(true);
    expect(aks.oidcIssuer?.enabled).toBe(false);
  });

  it('a REST API example of a role assignment list: the response body, each assignment with its role', async () => {
    const entities = await read('rest-spec-RoleAssignments_ListForScope.json');
    expect(
      entities.roleAssignment.map((a) => [a.name, a.principalId, a.principalType, a.role.id, a.scope.id]),
    ).toEqual([
      [
        'b0f43c54-e787-4862-89b1-a653fa9cf747',
        'ce2ce14e-85d7-4629-bdbc-454d0519d987',
        'User',
        // Not a built-in role's GUID (the example made it up): the definition ID is kept whole.
        '/providers/Microsoft.Authorization/roleDefinitions/0b5fe924-9a61-425c-96af-cfe6e287ca2d',
        '/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2',
      ],
    ]);
  });
});
