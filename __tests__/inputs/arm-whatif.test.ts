import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Evaluator, deploymentScope } from '../../src/inputs/arm/expressions/index.js';
import { InputError } from '../../src/inputs/input-error.js';
import { parseJsonText } from '../../src/inputs/json-file.js';
import type { AdapterOutput } from '../../src/inputs/terraform/adapter.js';
import { readWhatIf } from '../../src/inputs/whatif/adapter.js';
import type { Cluster, ManagedIdentity, RoleAssignment } from '../../src/model/entities.js';
import { linkEntities } from '../../src/model/link.js';
import { isUnknown, type Unknown } from '../../src/model/unknown.js';

// A hand-written `az deployment group what-if --no-pretty-print` result (see __tests__/fixtures/arm/README.md).
const fixture = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'arm',
  'whatif-cluster-and-assignments.json',
);
const SUB = '/subscriptions/aaaaaaaa-0000-0000-0000-000000000001';
const NEW = `${SUB}/resourceGroups/rg-new/providers/Microsoft.ContainerService/managedClusters/aks-new`;
const OLD = `${SUB}/resourceGroups/rg-old/providers/Microsoft.ContainerService/managedClusters/aks-old`;

async function readFixture(): Promise<AdapterOutput> {
  const document = parseJsonText(readFileSync(fixture, 'utf8'), 'whatif.json');
  return readWhatIf(document, { path: fixture, repoRoot: dirname(fixture) });
}

async function readValue(value: unknown): Promise<AdapterOutput> {
  return readWhatIf(parseJsonText(JSON.stringify(value), 'whatif.json'), {
    path: '/whatif.json',
    repoRoot: '/',
  });
}

function asUnknown(value: unknown): Unknown {
  if (!isUnknown(value)) throw new Error(`expected an unknown, got ${JSON.stringify(value)}`);
  return value;
}

function assignment(output: AdapterOutput, guidPrefix: string): RoleAssignment {
  const found = output.entities.find(
    (e): e is RoleAssignment =>
      e.kind === 'roleAssignment' && e.key.includes(`/roleAssignments/${guidPrefix}`),
  );
  if (found === undefined) throw new Error(`no role assignment ${guidPrefix}`);
  return found;
}

function cluster(output: AdapterOutput, key: string): Cluster {
  const found = output.entities.find((e): e is Cluster => e.kind === 'cluster' && e.key === key);
  if (found === undefined) throw new Error(`no cluster ${key}`);
  return found;
}

describe('ARM what-if: change types', () => {
  it('maps each change type to the planned action, and keeps the entity as it was before', async () => {
    const output = await readFixture();
    const actions = output.entities.map((e) => [e.kind, e.key.replace(/^.*\//, ''), e.change.action]);
    expect(actions).toEqual([
      ['cluster', 'aks-new', 'create'],
      ['roleAssignment', '0b3e1b4e-1111-4a6c-9d43-5c3f2d2c1a01', 'create'],
      ['roleAssignment', '0b3e1b4e-2222-4a6c-9d43-5c3f2d2c1a02', 'create'],
      ['cluster', 'aks-old', 'none'],
      ['roleAssignment', '0b3e1b4e-3333-4a6c-9d43-5c3f2d2c1a03', 'update'],
      ['roleAssignment', '0b3e1b4e-4444-4a6c-9d43-5c3f2d2c1a04', 'delete'],
      ['managedIdentity', 'mi-redeployed', 'update'],
    ]);
    const modified = assignment(output, '0b3e1b4e-3333');
    expect(modified.role.name).toBe('Contributor');
    expect(modified.change.before?.role.name).toBe('Reader');
    expect(modified.source).toEqual({
      format: 'arm-whatif',
      file: 'whatif.json',
      pointer: '/changes/4/after',
      declarationNote: expect.stringContaining('what-if') as unknown,
    });
    const deleted = assignment(output, '0b3e1b4e-4444');
    expect(deleted.role.name).toBe('Owner');
    expect(deleted.source.pointer).toBe('/changes/5/before');
    expect(deleted.change.before).toBeUndefined();
  });

  it('skips what what-if ignores or cannot predict, with the reason, and counts other types', async () => {
    const output = await readFixture();
    expect(output.skipped.map((s) => [s.type, s.reason])).toEqual([
      [
        'Microsoft.ManagedIdentity/userAssignedIdentities',
        expect.stringMatching(/^what-if ignores it/) as unknown,
      ],
      [
        'Microsoft.Authorization/roleAssignments',
        'what-if cannot predict its change: The resource ID contains an expression that cannot be evaluated before deployment.',
      ],
    ]);
    expect(output.summary).toEqual({
      file: 'whatif.json',
      format: 'arm-whatif',
      scanned: 7,
      skipped: 2,
      unsupported: { 'Microsoft.Storage/storageAccounts': 1 },
    });
  });
});

describe('ARM what-if: values and joins', () => {
  it('names what a Create leaves out as reference() names it, as distinct unknowns', async () => {
    const aks = cluster(await readFixture(), NEW);
    expect(aks).toMatchObject({
      identity: { type: 'SystemAssigned' },
      localAccountsDisabled: true,
      aad: { managed: true },
    });
    const kubelet = asUnknown(aks.kubeletIdentity?.objectId);
    expect(kubelet).toMatchObject({
      ref: `reference(${NEW.toLowerCase()}).identityprofile.kubeletidentity.objectid`,
      distinct: true,
    });
    expect(asUnknown(aks.identity.principalId).ref).toBe(
      `resource(${NEW.toLowerCase()}).identity.principalid`,
    );
  });

  it('evaluates a principal what-if left as a reference() expression, so it joins the kubelet of the created cluster', async () => {
    const output = await readFixture();
    const acrPull = assignment(output, '0b3e1b4e-1111');
    const scope = deploymentScope({
      subscriptionId: 'aaaaaaaa-0000-0000-0000-000000000001',
      resourceGroupName: 'rg-new',
    });
    const written = new Evaluator({ scope }).evaluate(
      "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks-new'), '2024-01-01').identityProfile.kubeletidentity.objectId]",
    );
    expect(asUnknown(acrPull.principalId).ref).toBe(asUnknown(written).ref);
    expect(acrPull.scope).toMatchObject({
      id: `${SUB}/resourceGroups/rg-new/providers/Microsoft.ContainerRegistry/registries/acrnew`,
      level: 'resource',
      resourceType: 'Microsoft.ContainerRegistry/registries',
    });
    const { cluster: clusters } = linkEntities(output.entities);
    const created = clusters.find((c) => c.key === NEW);
    expect(created?.kubeletRoleAssignments).toEqual([acrPull]);
    expect(acrPull.principal).toMatchObject({ kind: 'kubelet' });
  });

  it('joins an existing cluster by the principal IDs its values give, and leaves out what is deleted', async () => {
    const output = await readFixture();
    const old = cluster(output, OLD);
    expect(old.kubeletIdentity).toMatchObject({
      objectId: 'eeeeeeee-0000-0000-0000-000000000001',
      custom: false,
      userAssignedIdentityId: `${SUB}/resourcegroups/MC_rg-old_aks-old_westeurope/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-old-agentpool`,
    });
    expect(old.nodeResourceGroupId).toBe(`${SUB}/resourceGroups/MC_rg-old_aks-old_westeurope`);
    expect(old.oidcIssuer).toEqual({
      enabled: true,
      url: 'https://westeurope.oic.prod-aks.azure.com/tenant/aks-old/',
    });
    expect(old.change.before?.identity.principalId).toBe('cccccccc-0000-0000-0000-000000000001');
    linkEntities(output.entities);
    expect(old.kubeletRoleAssignments.map((a) => a.role.name)).toEqual(['Contributor']);
    // The Owner assignment of the control plane is deleted: it grants nothing afterwards.
    expect(old.controlPlaneRoleAssignments).toEqual([]);
    // A known principal is none of the principals a Create makes.
    expect(assignment(output, '0b3e1b4e-2222').principal.kind).toBe('other');
  });

  it('gives an existing identity that what-if does not describe in full existing, not distinct, principal IDs', async () => {
    const output = await readValue({
      changes: [
        {
          changeType: 'NoChange',
          resourceId: `${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi`,
          after: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities', name: 'mi' },
        },
      ],
    });
    const identity = output.entities[0] as ManagedIdentity;
    expect(asUnknown(identity.principalId)).toMatchObject({
      reason: 'not in the what-if result',
      distinct: false,
      existing: true,
    });
  });

  it('reads an abbreviated Create as a cluster whose configuration is unknown, not absent', async () => {
    const output = await readValue({
      changes: [
        {
          changeType: 'Create',
          resourceId: NEW,
          after: { id: NEW, name: 'aks-new', type: 'Microsoft.ContainerService/managedClusters' },
        },
      ],
    });
    const aks = output.entities[0] as Cluster;
    expect(isUnknown(aks.identity.type)).toBe(true);
    expect(isUnknown(aks.localAccountsDisabled)).toBe(true);
  });

  it('redacts secrets from raw and collects them', async () => {
    const output = await readValue({
      changes: [
        {
          changeType: 'Create',
          resourceId: NEW,
          after: {
            type: 'Microsoft.ContainerService/managedClusters',
            properties: {
              servicePrincipalProfile: {
                clientId: '12345678-0000-0000-0000-000000000000',
                secret: 'what-if-secret',
              },
            },
          },
        },
      ],
    });
    const aks = output.entities[0] as Cluster;
    expect(output.secrets).toEqual(['what-if-secret']);
    expect(JSON.stringify(aks.raw)).not.toContain('what-if-secret');
    expect(asUnknown(aks.servicePrincipal?.secretInCode).reason).toMatch(/unknown origin/);
  });
});

describe('ARM what-if: document shapes', () => {
  it('reads the REST response body (properties.changes)', async () => {
    const output = await readValue({
      status: 'Succeeded',
      properties: {
        changes: [
          {
            changeType: 'Create',
            resourceId: `${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi`,
            after: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities', name: 'mi' },
          },
        ],
      },
    });
    expect(output.entities.map((e) => [e.kind, e.source.pointer])).toEqual([
      ['managedIdentity', '/properties/changes/0/after'],
    ]);
  });

  it('reports a failed what-if, and anything that is not one, as an input error', async () => {
    await expect(
      readValue({
        status: 'Failed',
        error: { code: 'InvalidTemplate', message: 'Deployment template validation failed' },
      }),
    ).rejects.toThrow(
      new InputError(
        { file: 'whatif.json', pointer: '/error' },
        'the what-if operation failed (InvalidTemplate: Deployment template validation failed)',
      ),
    );
    await expect(readValue({ resources: [] })).rejects.toThrow(/expected a what-if result/);
    await expect(readValue({ changes: [{ changeType: 'Create' }] })).rejects.toThrow(
      /\/changes\/0: a change must have a 'resourceId' string/,
    );
  });
});
