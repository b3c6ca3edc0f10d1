import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/inputs/input-error.js';
import { readInputs } from '../../src/inputs/read-inputs.js';
import type { Cluster, EntitiesByKind, RoleAssignment } from '../../src/model/entities.js';
import { linkEntities } from '../../src/model/link.js';
import { isUnknown } from '../../src/model/unknown.js';
import { localFixtures } from '../helpers/fixtures.js';
import { runCliHere, jsonReport } from '../helpers/run-cli.js';
import { writeTemp } from '../helpers/plans.js';

// Hand-written live state in each tool's own shape (see __tests__/fixtures/live/README.md).
const dir = join(localFixtures, 'live');
const fixture = (name: string): string => join(dir, name);
const SUB = '/subscriptions/aaaaaaaa-1111-2222-3333-444444444444';
const RG = `${SUB}/resourceGroups/rg-live`;
const AKS = `${RG}/providers/Microsoft.ContainerService/managedClusters/aks-live`;
const KUBELET_OBJECT = 'bbbbbbbb-0000-0000-0000-00000000000b';
const CONTROL_PLANE_OBJECT = 'cccccccc-0000-0000-0000-00000000000c';

async function linked(...names: string[]): Promise<EntitiesByKind> {
  const read = await readInputs(names.map(fixture), { repoRoot: dir });
  return linkEntities(read.entities);
}

function cluster(entities: EntitiesByKind, name: string): Cluster {
  const found = entities.cluster.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no cluster ${name}`);
  return found;
}

const guidOf = (a: RoleAssignment): string => a.key.replace(/^.*\//, '');

describe('live state: az aks show (the CLI flattens properties and has its own casing)', () => {
  it('reads the identities, Entra ID, RBAC, local accounts and the issuer, whatever the casing', async () => {
    const aks = cluster(await linked('az-aks-show.json'), 'aks-live');
    expect(aks.key).toBe(AKS);
    expect(aks.source.format).toBe('live-state');
    expect(aks.change.action).toBe('none');
    expect(aks.identity.type).toBe('UserAssigned');
    expect(aks.identity.userAssignedIdentityIds).toEqual([
      `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-live-cp`,
    ]);
    expect(aks.kubeletIdentity?.objectId).toBe(KUBELET_OBJECT);
    expect(aks.aad).toMatchObject({ managed: true, azureRbacEnabled: true });
    // `enableRbac` and `issuerUrl` are the CLI's spellings of ARM's `enableRBAC` and `issuerURL`.
    expect(aks.kubernetesRbacEnabled).toBe(true);
    expect(aks.oidcIssuer?.url).toBe('https://westeurope.oic.prod-aks.azure.com/eeeeeeee/ffffffff/');
    expect(aks.localAccountsDisabled).toBe(true);
    expect(aks.workloadIdentityEnabled).toBe(true);
    expect(aks.network?.vnetSubnetIds).toEqual([
      `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-live/subnets/nodes`,
    ]);
  });

  it('names the resource by its ID and portal link, as live state has no source line', async () => {
    const aks = cluster(await linked('az-aks-show.json'), 'aks-live');
    expect(aks.source.declaration).toBeUndefined();
    expect(aks.source.declarationNote).toBe(
      `live state, in the Azure portal at https://portal.azure.com/#resource${AKS}`,
    );
    expect(aks.source.pointer).toBe('');
  });

  it('without role assignments read, what its identities hold is undecided, not none', async () => {
    const aks = cluster(await linked('az-aks-show.json'), 'aks-live');
    expect(aks.kubeletRoleAssignments).toEqual([]);
    const unread = aks.undecidedRoleAssignments.filter(isUnknown);
    expect(unread).toHaveLength(1);
    expect(unread[0]?.reason).toMatch(/^not read: the role assignments in Azure/);
    const run = await runCliHere([
      'scan',
      fixture('az-aks-show.json'),
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    const results = jsonReport(run.stdout).results;
    expect(results.find((r) => r.policyId === 'AKSID014')?.status).toBe('indeterminate');
  });
});

describe('live state: az role assignment list joins clusters on principal object IDs', () => {
  it('gives the kubelet and control plane their grants, and no unread marker', async () => {
    const entities = await linked(
      'az-aks-show.json',
      'az-role-assignment-list.json',
      'rest-identity-list.json',
    );
    const aks = cluster(entities, 'aks-live');
    expect(aks.kubeletRoleAssignments.map(guidOf).sort()).toEqual([
      '11111111-0000-0000-0000-000000000001',
      '11111111-0000-0000-0000-000000000003',
    ]);
    expect(aks.controlPlaneRoleAssignments.map(guidOf)).toEqual(['11111111-0000-0000-0000-000000000002']);
    expect(aks.undecidedRoleAssignments.filter(isUnknown)).toEqual([]);
    const contributor = entities.roleAssignment.find(
      (a) => guidOf(a) === '11111111-0000-0000-0000-000000000003',
    );
    expect(contributor?.principalId).toBe(KUBELET_OBJECT);
    expect(contributor?.scope).toMatchObject({ id: SUB, level: 'subscription' });
    expect(contributor?.role.name).toBe('Contributor');
  });

  it("takes a user-assigned control plane's principal from the cluster when its identity is not read", async () => {
    const aks = cluster(await linked('az-aks-show.json', 'az-role-assignment-list.json'), 'aks-live');
    expect(aks.identity.principalId).toBe(CONTROL_PLANE_OBJECT);
    expect(aks.controlPlaneIdentity).toBeUndefined();
    expect(aks.controlPlaneRoleAssignments.map(guidOf)).toEqual(['11111111-0000-0000-0000-000000000002']);
  });

  it('blames the grant Azure has, named by its ID, in the file it was read from', async () => {
    const run = await runCliHere([
      'scan',
      fixture('az-aks-show.json'),
      fixture('az-role-assignment-list.json'),
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    const results = jsonReport(run.stdout).results;
    const kubelet = results.find((r) => r.policyId === 'AKSID014');
    expect(kubelet?.status).toBe('fail');
    expect(JSON.stringify(kubelet)).toContain('roleAssignments/11111111-0000-0000-0000-000000000003');
  });
});

describe('live state: the same resource read twice', () => {
  it('is one resource, the repeat listed as skipped with where it was read first', async () => {
    const root = await writeTemp({
      'first.json': JSON.parse(readFileSync(fixture('az-role-assignment-list.json'), 'utf8')) as unknown,
      'again.json': (
        JSON.parse(readFileSync(fixture('az-role-assignment-list.json'), 'utf8')) as { id: string }[]
      ).map((a) => ({ ...a, id: a.id.toUpperCase() })),
    });
    const read = await readInputs([join(root, 'first.json'), join(root, 'again.json')], { repoRoot: root });
    expect(read.entities.map((e) => e.source.file)).toEqual(['first.json', 'first.json', 'first.json']);
    expect(read.skipped.map((s) => s.reason)).toEqual([
      'already read at first.json#/0',
      'already read at first.json#/1',
      'already read at first.json#/2',
    ]);
    expect(read.inputs.find((i) => i.file === 'again.json')).toMatchObject({ scanned: 0, skipped: 3 });
  });
});

describe('live state: Azure PowerShell JSON (PascalCase keys)', () => {
  it('reads Get-AzAksCluster and joins Get-AzRoleAssignment by ObjectId', async () => {
    const entities = await linked('powershell-aks-cluster.json', 'powershell-role-assignments.json');
    const aks = cluster(entities, 'aks-ps');
    expect(aks.identity).toMatchObject({
      type: 'SystemAssigned',
      principalId: '99999999-0000-0000-0000-000000000009',
    });
    expect(aks.kubeletIdentity?.objectId).toBe('88888888-0000-0000-0000-000000000008');
    expect(aks.kubernetesRbacEnabled).toBe(true);
    expect(aks.localAccountsDisabled).toBe(false);
    expect(aks.aad).toMatchObject({ managed: true, azureRbacEnabled: false });
    const [owner] = aks.kubeletRoleAssignments;
    expect(owner?.role.id).toBe('8e3af657-a8ff-443c-a75c-2fe8c4bcb635');
    expect(owner?.role.name).toBe('Owner');
    expect(owner?.scope).toMatchObject({ id: SUB, level: 'subscription' });
  });
});

describe('live state: identities, credentials, registries', () => {
  it('reads az identity federated-credential list, trusting the cluster it names by issuer', async () => {
    const entities = await linked('az-aks-show.json', 'az-identity-federated-credential-list.json');
    const [credential] = entities.federatedCredential;
    expect(credential).toMatchObject({
      subject: 'system:serviceaccount:app:app',
      audiences: ['api://AzureADTokenExchange'],
    });
    expect(credential?.cluster?.key).toBe(AKS);
  });

  it('reads az acr show', async () => {
    const entities = await linked('az-acr-show.json');
    expect(entities.registry.map((r) => [r.name, r.adminUserEnabled])).toEqual([['acrlive', true]]);
  });

  it('reads Get-AzResource -ExpandProperties (ResourceId, ResourceType, Properties)', async () => {
    const aks = cluster(await linked('powershell-get-azresource-cluster.json'), 'aks-psres');
    expect(aks.identity).toMatchObject({
      type: 'SystemAssigned',
      principalId: '77777777-0000-0000-0000-000000000007',
    });
    expect(aks.kubeletIdentity?.objectId).toBe('66666666-0000-0000-0000-000000000006');
    expect(aks.localAccountsDisabled).toBe(true);
  });
});

describe('live state: a REST list', () => {
  it('reads each element of value[], pointing at it', async () => {
    const entities = await linked('rest-identity-list.json');
    expect(entities.managedIdentity.map((m) => [m.name, m.principalId, m.source.pointer])).toEqual([
      ['id-aks-live-cp', CONTROL_PLANE_OBJECT, '/value/0'],
    ]);
  });
});

describe('live state: secrets', () => {
  it("never echoes a service principal's secret, in any report", async () => {
    for (const format of ['console', 'json', 'sarif', 'markdown']) {
      const run = await runCliHere([
        'scan',
        fixture('rest-service-principal-cluster.json'),
        '--format',
        format,
        '--fail-on',
        'none',
      ]);
      expect(run.stdout).toContain('aks-sp');
      expect(run.stdout + run.stderr).not.toContain('live-sp-secret');
    }
  });

  it('keeps the secret out of the raw resource a custom policy may read', async () => {
    const entities = await linked('rest-service-principal-cluster.json');
    expect(JSON.stringify(cluster(entities, 'aks-sp').raw)).not.toContain('live-sp-secret');
    expect(cluster(entities, 'aks-sp').servicePrincipal?.clientId).toBe(
      '12345678-0000-0000-0000-000000000012',
    );
  });
});

describe('live state: grants read for one subscription say nothing of another', () => {
  it("leaves a cluster's grants undecided when only another subscription's were read", async () => {
    const other = JSON.parse(readFileSync(fixture('az-role-assignment-list.json'), 'utf8')) as {
      id: string;
    }[];
    const root = await writeTemp({
      'aks.json': JSON.parse(readFileSync(fixture('az-aks-show.json'), 'utf8')) as unknown,
      'grants-of-another-subscription.json': other.map((a) => ({
        ...a,
        id: a.id.replace('aaaaaaaa-1111-2222-3333-444444444444', 'bbbbbbbb-1111-2222-3333-444444444444'),
      })),
    });
    const read = await readInputs(
      [join(root, 'aks.json'), join(root, 'grants-of-another-subscription.json')],
      {
        repoRoot: root,
      },
    );
    const aks = cluster(linkEntities(read.entities), 'aks-live');
    expect(aks.undecidedRoleAssignments.filter(isUnknown).map((u) => u.reason)).toEqual([
      "not read: the role assignments in Azure of this cluster's identities (scan `az role assignment list --all` output with it)",
    ]);
  });
});

describe('live state: bad input', () => {
  it('names the file and the JSON pointer of a resource without a type', async () => {
    const root = await writeTemp({
      'list.json': [
        {
          id: `${SUB}/providers/Microsoft.Authorization/roleAssignments/x`,
          type: 'Microsoft.Authorization/roleAssignments',
        },
        { id: '/subscriptions/x/resourceGroups/y', name: 'y' },
      ],
    });
    const error = await readInputs([join(root, 'list.json')], { repoRoot: root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'list.json:6:1 /1/type: expected an Azure resource with "id" and "type" (as az ... show, az ... list or a REST GET prints it); "type" is missing',
    );
  });

  it('refuses one page of a longer list, which would hide what the other pages hold', async () => {
    const root = await writeTemp({
      'page.json': {
        value: JSON.parse(readFileSync(fixture('az-role-assignment-list.json'), 'utf8')) as unknown,
        nextLink:
          'https://management.azure.com/subscriptions/x/providers/Microsoft.Authorization/roleAssignments?$skiptoken=2',
      },
    });
    const error = await readInputs([join(root, 'page.json')], { repoRoot: root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /^page\.json(:\d+:\d+)? \/nextLink: this is one page of a longer list \(nextLink is set\); save every page/,
    );
  });

  it('names the pointer of a PowerShell role assignment without its role', async () => {
    const root = await writeTemp({
      'ra.json': [
        {
          RoleAssignmentId: `${SUB}/providers/Microsoft.Authorization/roleAssignments/x`,
          ObjectId: KUBELET_OBJECT,
        },
      ],
    });
    const error = await readInputs([join(root, 'ra.json')], { repoRoot: root }).catch((e: unknown) => e);
    expect((error as InputError).message).toBe(
      'ra.json:2:1 /0/RoleDefinitionId: expected the role definition ID (a GUID)',
    );
  });
});
