import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArmTemplate, type ArmInputOptions } from '../../src/inputs/arm/adapter.js';
import { Evaluator } from '../../src/inputs/arm/expressions/index.js';
import { InputError } from '../../src/inputs/input-error.js';
import { parseJsonText } from '../../src/inputs/json-file.js';
import type { AdapterOutput } from '../../src/inputs/terraform/adapter.js';
import type {
  Cluster,
  EntitiesByKind,
  FederatedCredential,
  Registry,
  RoleAssignment,
  RoleDefinition,
} from '../../src/model/entities.js';
import { linkEntities } from '../../src/model/link.js';
import { isUnknown, type Unknown } from '../../src/model/unknown.js';

// Hand-written templates in __tests__/fixtures/arm (README.md there says what each shows).
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'arm');
const SUB = '00000000-0000-0000-0000-000000000000';
const RG = `/subscriptions/${SUB}/resourceGroups/resource-group`;
const id = (type: string, ...names: string[]): string => {
  const [namespace, ...types] = type.split('/');
  return `${RG}/providers/${namespace ?? ''}${types.map((t, i) => `/${t}/${names[i] ?? ''}`).join('')}`;
};

async function read(file: string, options: Partial<ArmInputOptions> = {}): Promise<AdapterOutput> {
  const path = join(fixtures, file);
  const document = parseJsonText(readFileSync(path, 'utf8'), `__tests__/fixtures/arm/${file}`);
  return readArmTemplate(document, { path, repoRoot: fixtures, ...options });
}

async function readText(template: unknown, options: Partial<ArmInputOptions> = {}): Promise<AdapterOutput> {
  const document = parseJsonText(JSON.stringify(template, null, 2), 'inline.json');
  return readArmTemplate(document, { path: '/inline.json', repoRoot: '/', ...options });
}

function linked(output: AdapterOutput): EntitiesByKind {
  return linkEntities(output.entities);
}

function byKey<T extends { key: string }>(list: readonly T[], key: string): T {
  const found = list.find((e) => e.key.toLowerCase() === key.toLowerCase());
  if (found === undefined) throw new Error(`no entity ${key} among ${list.map((e) => e.key).join(', ')}`);
  return found;
}

function unknownRef(value: unknown): string | undefined {
  if (!isUnknown(value)) throw new Error(`expected an unknown, got ${JSON.stringify(value)}`);
  return value.ref;
}

function asUnknown(value: unknown): Unknown {
  if (!isUnknown(value)) throw new Error(`expected an unknown, got ${JSON.stringify(value)}`);
  return value;
}

/** The ref the evaluator gives the expression a template author writes to read a value. */
function refOf(expression: string): string | undefined {
  return unknownRef(new Evaluator({}).evaluate(expression));
}

/** The cluster's linked registries by key or name; a registry the cluster may or may not use shows as unknown. */
function registries(cluster: Cluster, field: 'key' | 'name'): unknown[] {
  return cluster.registries.map((r: Registry | Unknown) => (isUnknown(r) ? r : r[field]));
}

function roleNames(assignments: readonly RoleAssignment[]): unknown[] {
  return assignments.map((a) => a.role.name);
}

describe('ARM template: UserAssigned cluster with a bring-your-own kubelet identity', () => {
  const clusterId = id('Microsoft.ContainerService/managedClusters', 'aks-byo');
  const kubeletUai = id('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-kubelet');
  const controlUai = id('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-control');

  it('maps the cluster field for field', async () => {
    const { cluster } = linked(await read('byo-kubelet-cluster.json'));
    const aks = byKey(cluster, clusterId);
    expect(aks).toMatchObject({
      kind: 'cluster',
      name: 'aks-byo',
      id: clusterId,
      subscriptionId: SUB,
      resourceGroup: 'resource-group',
      location: 'westeurope',
      change: { action: 'create' },
      identity: { type: 'UserAssigned', userAssignedIdentityIds: [controlUai] },
      aad: { managed: true, azureRbacEnabled: true, adminGroupObjectIds: [] },
      kubernetesRbacEnabled: true,
      localAccountsDisabled: true,
      oidcIssuer: { enabled: true },
      workloadIdentityEnabled: true,
    });
    expect(aks.servicePrincipal).toBeUndefined();
    expect(aks.identity.principalId).toBeUndefined();
    expect(aks.podIdentity).toBeUndefined();
    expect(aks.kubeletIdentity).toMatchObject({ custom: true, userAssignedIdentityId: kubeletUai });
    expect(unknownRef(aks.kubeletIdentity?.objectId)).toBe(refOf(`[reference('${kubeletUai}').principalId]`));
    expect(unknownRef(aks.oidcIssuer?.url)).toBe(
      `reference(${clusterId.toLowerCase()}).oidcissuerprofile.issuerurl`,
    );
    expect(aks.network).toMatchObject({
      privateCluster: true,
      privateDnsZone: 'system',
      outboundType: 'userDefinedRouting',
      outboundIpIds: [],
    });
    expect(aks.addons.map((a) => [a.name, a.enabled, a.identity !== undefined])).toEqual([
      ['azureKeyvaultSecretsProvider', true, true],
      ['httpApplicationRouting', false, false],
    ]);
    expect(aks.source).toEqual({
      format: 'arm-template',
      file: '__tests__/fixtures/arm/byo-kubelet-cluster.json',
      pointer: '/resources/4',
      // A template without Bicep source is the source: the resource's own lines in it.
      declaration: { file: '__tests__/fixtures/arm/byo-kubelet-cluster.json', line: 64, endLine: 100 },
    });
    expect(aks.raw).toMatchObject({ name: 'aks-byo', properties: { disableLocalAccounts: true } });
  });

  it('adds the subnets of the cluster and of its node pool resource, each with its scope chain', async () => {
    const output = await read('byo-kubelet-cluster.json');
    const aks = byKey(linked(output).cluster, clusterId);
    const vnet = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke`;
    expect(aks.network?.vnetSubnetIds).toEqual([`${vnet}/subnets/snet-nodes`, `${vnet}/subnets/snet-user`]);
    expect(aks.network?.subnets).toContainEqual({
      id: `${vnet}/subnets/snet-nodes`,
      scopeChain: [
        `${vnet}/subnets/snet-nodes`,
        vnet,
        `/subscriptions/${SUB}/resourceGroups/rg-net`,
        `/subscriptions/${SUB}`,
      ],
    });
    // The node pool is not an entity of its own, but it is read.
    expect(output.summary.scanned).toBe(output.entities.length + 1);
  });

  it('links the AcrPull read through reference(cluster) to the kubelet identity the template sets', async () => {
    const { cluster, roleAssignment, registry } = linked(await read('byo-kubelet-cluster.json'));
    const aks = byKey(cluster, clusterId);
    const acrPull = roleAssignment.find((a) => a.role.name === 'AcrPull') as RoleAssignment;
    // What the template writes is the kubelet identity's principal, which the template sets itself.
    expect(unknownRef(acrPull.principalId)).toBe(refOf(`[reference('${kubeletUai}').principalId]`));
    expect(acrPull.principal).toMatchObject({ kind: 'kubelet', label: 'kubelet' });
    expect(acrPull.principal.cluster).toBe(aks);
    expect(aks.kubeletRoleAssignments).toEqual([acrPull]);
    expect(aks.kubeletManagedIdentity?.key).toBe(kubeletUai);
    expect(registries(aks, 'key')).toEqual([id('Microsoft.ContainerRegistry/registries', 'acrbyo')]);
    expect(byKey(registry, id('Microsoft.ContainerRegistry/registries', 'acrbyo')).adminUserEnabled).toBe(
      true,
    );
    expect(acrPull.scope).toMatchObject({
      id: id('Microsoft.ContainerRegistry/registries', 'acrbyo'),
      level: 'resource',
      resourceType: 'Microsoft.ContainerRegistry/registries',
    });
  });

  it('reads the legacy <parent>/providers/roleAssignments form as a role assignment at its parent', async () => {
    const { cluster, roleAssignment } = linked(await read('byo-kubelet-cluster.json'));
    const operator = roleAssignment.find(
      (a) => a.role.name === 'Managed Identity Operator',
    ) as RoleAssignment;
    expect(operator.id).toMatch(
      new RegExp(`^${kubeletUai}/providers/Microsoft\\.Authorization/roleAssignments/[0-9a-f-]{36}$`),
    );
    expect(operator.scope).toMatchObject({
      id: kubeletUai,
      level: 'resource',
      resourceType: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    });
    expect(operator.role).toMatchObject({
      id: 'f1a07417-d97a-45cb-824c-7a7467783830',
      name: 'Managed Identity Operator',
      builtIn: true,
    });
    expect(byKey(cluster, clusterId).controlPlaneRoleAssignments).toEqual([operator]);
    expect(operator.principal.identity?.key).toBe(controlUai);
  });

  it('trusts the cluster OIDC issuer in the federated credential nested in its identity', async () => {
    const { cluster, federatedCredential, managedIdentity } = linked(await read('byo-kubelet-cluster.json'));
    const credential = federatedCredential[0] as FederatedCredential;
    const workload = byKey(
      managedIdentity,
      id('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-workload'),
    );
    expect(credential).toMatchObject({
      key: `${workload.key}/federatedIdentityCredentials/fc-web`,
      name: 'fc-web',
      subject: 'system:serviceaccount:app:web',
      audiences: ['api://AzureADTokenExchange'],
      parentId: workload.id,
      source: { pointer: '/resources/2/resources/0' },
    });
    expect(unknownRef(credential.issuer)).toBe(
      refOf(
        `[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks-byo'), '2024-01-01').oidcIssuerProfile.issuerURL]`,
      ),
    );
    expect(credential.identity).toBe(workload);
    expect(credential.cluster).toBe(byKey(cluster, clusterId));
    expect(workload.usedBy.map((u) => u.as)).toEqual(['workload']);
  });

  it('expands a copy loop and skips a resource whose condition is false', async () => {
    const output = await read('byo-kubelet-cluster.json');
    const readers = output.entities.filter(
      (e): e is RoleAssignment => e.kind === 'roleAssignment' && e.role.name === 'Reader',
    );
    expect(readers.map((r) => [r.principalId, r.principalType, r.scope.id, r.source.pointer])).toEqual([
      ['11111111-1111-1111-1111-111111111111', 'Group', RG, '/resources/8'],
      ['22222222-2222-2222-2222-222222222222', 'Group', RG, '/resources/8'],
    ]);
    expect(new Set(readers.map((r) => r.key)).size).toBe(2);
    expect(output.skipped).toEqual([
      {
        file: '__tests__/fixtures/arm/byo-kubelet-cluster.json',
        address: expect.stringMatching(/roleAssignments\/[0-9a-f-]{36}$/) as unknown,
        type: 'Microsoft.Authorization/roleAssignments',
        reason: "its condition is false: [parameters('deployDebugAccess')]",
      },
    ]);
    expect(output.summary).toMatchObject({ format: 'arm-template', skipped: 1, unsupported: {} });
  });

  it('deploys the conditional resource when a parameter of the caller turns it on', async () => {
    const output = await read('byo-kubelet-cluster.json', { parameters: { deployDebugAccess: 'true' } });
    expect(output.skipped).toEqual([]);
    expect(output.entities.some((e) => e.kind === 'roleAssignment' && e.role.name === 'Owner')).toBe(true);
  });
});

describe('ARM template: SystemAssigned cluster whose kubelet identity AKS makes', () => {
  const clusterId = id('Microsoft.ContainerService/managedClusters', 'aks-sys');

  it('names runtime identities as the reference() a template author writes, distinct for a created cluster', async () => {
    const aks = byKey(linked(await read('system-assigned-cluster.json')).cluster, clusterId);
    const principal = asUnknown(aks.identity.principalId);
    expect(principal.ref).toBe(
      refOf(`[reference('${clusterId}', '2024-01-01', 'Full').identity.principalId]`),
    );
    expect(principal.distinct).toBe(true);
    const kubelet = asUnknown(aks.kubeletIdentity?.objectId);
    expect(kubelet.ref).toBe(
      refOf(
        `[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks-sys'), '2024-01-01').identityProfile.kubeletidentity.objectId]`,
      ),
    );
    expect(kubelet.distinct).toBe(true);
    expect(aks.kubeletIdentity?.custom).toBe(false);
    expect(unknownRef(aks.nodeResourceGroup)).toBe(`reference(${clusterId.toLowerCase()}).noderesourcegroup`);
    expect(aks.network).toMatchObject({
      outboundType: 'loadBalancer',
      outboundIpIds: [id('Microsoft.Network/publicIPAddresses', 'pip-egress')],
    });
    // A role granted in the node resource group or the subscription covers the identity AKS makes there.
    expect(aks.kubeletIdentity?.scopeChain.slice(1)).toEqual([
      aks.nodeResourceGroupId,
      `/subscriptions/${SUB}`,
    ]);
  });

  it('links kubelet, control-plane and add-on assignments to the cluster after linkEntities', async () => {
    const { cluster, roleAssignment } = linked(await read('system-assigned-cluster.json'));
    const aks = byKey(cluster, clusterId);
    expect(roleNames(aks.kubeletRoleAssignments)).toEqual(['AcrPull']);
    expect(roleNames(aks.controlPlaneRoleAssignments)).toEqual(['Network Contributor']);
    const oms = aks.addons.find((a) => a.name === 'omsagent');
    expect(roleNames(oms?.roleAssignments ?? [])).toEqual(['Monitoring Metrics Publisher']);
    expect(
      roleAssignment.find((a) => a.role.name === 'Monitoring Metrics Publisher')?.principal,
    ).toMatchObject({
      kind: 'addon',
      addon: 'omsagent',
    });
    // A parameter has its value before the deployment, so it is none of the principals the deployment creates.
    const admins = roleAssignment.find((a) => a.principalType === 'Group') as RoleAssignment;
    expect(unknownRef(admins.principalId)).toBe("parameters('adminGroupObjectId')");
    expect(admins.principal.kind).toBe('other');
    expect(aks.undecidedRoleAssignments).toEqual([]);
    expect(registries(aks, 'name')).toEqual(['acrsys']);
  });

  it('keeps an ID built from a parameter without a value named by its parts, so its scope chain and level are known', async () => {
    const { cluster, roleAssignment } = linked(await read('system-assigned-cluster.json'));
    const subnetRef = `/subscriptions/${SUB}/resourceGroups/{parameters('vnetResourceGroup')}/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-aks`;
    const network = roleAssignment.find((a) => a.role.name === 'Network Contributor') as RoleAssignment;
    expect(unknownRef(network.scope.id)).toBe(subnetRef);
    expect(network.scope).toMatchObject({
      level: 'resource',
      resourceType: 'Microsoft.Network/virtualNetworks/subnets',
      subscriptionId: SUB,
    });
    const aks = byKey(cluster, clusterId);
    const subnets = aks.network?.subnets;
    if (subnets === undefined || isUnknown(subnets)) throw new Error('subnets expected');
    const chain = subnets[0]?.scopeChain ?? [];
    expect(chain.map((s) => (isUnknown(s) ? s.ref : s))).toEqual([
      subnetRef,
      subnetRef.replace('/subnets/snet-aks', ''),
      `/subscriptions/${SUB}/resourceGroups/{parameters('vnetResourceGroup')}`,
      `/subscriptions/${SUB}`,
    ]);
  });
});

describe('ARM template: nested deployments (Bicep modules)', () => {
  const clusterId = id('Microsoft.ContainerService/managedClusters', 'mod-aks');

  it('expands an inner-scope module with the parameters passed to it, at the path of its template', async () => {
    const { cluster } = linked(await read('nested-module.json'));
    const aks = byKey(cluster, clusterId);
    expect(aks).toMatchObject({ name: 'mod-aks', location: 'location', oidcIssuer: { enabled: true } });
    expect(aks.source.pointer).toBe('/resources/0/properties/template/resources/0');
  });

  it('reads module outputs through reference(deployment).outputs.x.value, in the parent and in another module', async () => {
    const { cluster } = linked(await read('nested-module.json'));
    const aks = byKey(cluster, clusterId);
    expect(aks.kubeletRoleAssignments.map((a) => [a.role.name, a.scope.id])).toEqual([
      ['AcrPull', id('Microsoft.ContainerRegistry/registries', 'modacr')],
      ['Reader', `/subscriptions/${SUB}/resourceGroups/rg-other`],
    ]);
    expect(registries(aks, 'name')).toEqual(['modacr']);
  });

  it('evaluates an outer-scope template with the parent parameters', async () => {
    const { managedIdentity } = linked(await read('nested-module.json'));
    expect(managedIdentity.map((m) => m.name)).toEqual(['mod-outer']);
  });

  it('lists a linked template, and the resources of a deployment that is not deployed, as skipped', async () => {
    const output = await read('nested-module.json');
    expect(output.skipped.map((s) => [s.type, s.reason.replace(/:.*$/, '')])).toEqual([
      ['Microsoft.Resources/deployments', 'a linked template (templateLink) is not read'],
      [
        'Microsoft.Authorization/roleAssignments',
        `its deployment ${id('Microsoft.Resources/deployments', 'disabled')} has a condition that is false`,
      ],
    ]);
  });
});

describe('ARM template: languageVersion 2.0 with symbolic names and existing resources', () => {
  const clusterId = id('Microsoft.ContainerService/managedClusters', 'aks-sym');
  const shared = id('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-shared');

  it('reads an existing identity as read, with principal IDs that exist before the deployment', async () => {
    const output = await read('symbolic-existing.json');
    const { managedIdentity } = linked(output);
    const identity = byKey(managedIdentity, shared);
    expect(identity.change).toEqual({ action: 'read' });
    expect(identity.source.pointer).toBe('/resources/controlPlane');
    const principal = asUnknown(identity.principalId);
    expect(principal).toMatchObject({
      ref: refOf(`[reference('${shared}').principalId]`),
      distinct: false,
      existing: true,
    });
    // Other existing resources are references only: counted, not entities.
    expect(output.summary.unsupported).toEqual({ 'Microsoft.ContainerRegistry/registries (existing)': 1 });
    expect(output.entities.some((e) => e.kind === 'registry')).toBe(false);
  });

  it('links reference(symbolic name) reads to the cluster and to the existing control-plane identity', async () => {
    const { cluster } = linked(await read('symbolic-existing.json'));
    const aks = byKey(cluster, clusterId);
    expect(aks.identity).toEqual({ type: 'UserAssigned', userAssignedIdentityIds: [shared] });
    expect(aks.controlPlaneIdentity?.key).toBe(shared);
    expect(roleNames(aks.kubeletRoleAssignments)).toEqual(['AcrPull']);
    expect(roleNames(aks.controlPlaneRoleAssignments)).toEqual(['Network Contributor']);
    expect(aks.kubeletRoleAssignments[0]?.scope.id).toBe(
      id('Microsoft.ContainerRegistry/registries', 'acrshared'),
    );
  });

  it('expands symbolic copy loops and reads their instances by symbolic name and index', async () => {
    const { managedIdentity, roleAssignment } = linked(await read('symbolic-existing.json'));
    const readers = roleAssignment.filter((a) => a.role.name === 'Reader');
    expect(readers.map((r) => r.principal.identity?.name)).toEqual(['mi-blue', 'mi-green']);
    expect(managedIdentity.filter((m) => m.change.action === 'create').map((m) => m.source.pointer)).toEqual([
      '/resources/teamIdentities',
      '/resources/teamIdentities',
    ]);
  });
});

describe('ARM template: service principal secrets', () => {
  const cluster = (output: AdapterOutput, name: string): Cluster =>
    byKey(
      output.entities.filter((e): e is Cluster => e.kind === 'cluster'),
      id('Microsoft.ContainerService/managedClusters', name),
    );

  it('tells a secret written in the template from one fed from outside', async () => {
    const output = await read('service-principal-secrets.json', {
      parameters: {
        spSecretFromPipeline: 'secret-from-pipeline',
        spSecretFromKeyVault: {
          reference: { keyVault: { id: `${RG}/providers/Microsoft.KeyVault/vaults/kv` }, secretName: 'sp' },
        },
      },
    });
    const secretInCode = (name: string): unknown => cluster(output, name).servicePrincipal?.secretInCode;
    expect(cluster(output, 'aks-literal').identity.type).toBe('ServicePrincipal');
    expect(cluster(output, 'aks-literal').servicePrincipal?.clientId).toBe(
      '55555555-5555-5555-5555-555555555555',
    );
    expect(secretInCode('aks-literal')).toBe(true);
    expect(secretInCode('aks-default')).toBe(true);
    expect(secretInCode('aks-variable')).toBe(true);
    expect(secretInCode('aks-pipeline')).toBe(false);
    expect(secretInCode('aks-keyvault')).toBe(false);
    expect(asUnknown(secretInCode('aks-mixed')).reason).toMatch(/unknown origin/);
    expect(cluster(output, 'aks-msi').servicePrincipal).toBeUndefined();
  });

  it('points at the line the secret is written on, and never keeps the secret', async () => {
    const output = await read('service-principal-secrets.json', {
      parameters: { spSecretFromPipeline: 'secret-from-pipeline' },
    });
    const text = readFileSync(join(fixtures, 'service-principal-secrets.json'), 'utf8').split('\n');
    const lineOf = (needle: string): number => text.findIndex((l) => l.includes(needle)) + 1;
    expect(cluster(output, 'aks-literal').source.fieldLocations).toEqual({
      'servicePrincipal.secretInCode': {
        file: '__tests__/fixtures/arm/service-principal-secrets.json',
        line: lineOf('"literal-secret-in-code"'),
        endLine: lineOf('"literal-secret-in-code"'),
      },
    });
    expect(
      cluster(output, 'aks-default').source.fieldLocations?.['servicePrincipal.secretInCode']?.line,
    ).toBe(lineOf('"default-secret-in-code"'));
    expect(output.secrets).toEqual(
      expect.arrayContaining([
        'literal-secret-in-code',
        'default-secret-in-code',
        'variable-secret-in-code',
        'secret-from-pipeline',
      ]),
    );
    const raws = JSON.stringify(output.entities.map((e) => e.raw));
    for (const secret of output.secrets) expect(raws).not.toContain(secret);
    expect(cluster(output, 'aks-pipeline').raw).toMatchObject({
      properties: { servicePrincipalProfile: { secret: '[redacted]' } },
    });
  });

  it('counts a secret parameter without any value as coming from outside', async () => {
    const output = await read('service-principal-secrets.json');
    expect(cluster(output, 'aks-pipeline').servicePrincipal?.secretInCode).toBe(false);
  });
});

describe('ARM template: subscription and management group deployments', () => {
  it('links a custom role by its ID and reads role definition IDs in every form', async () => {
    const { roleAssignment, roleDefinition, managedIdentity } = linked(await read('subscription-scope.json'));
    const definition = roleDefinition[0] as RoleDefinition;
    expect(definition).toMatchObject({
      name: 'AKS Operator (custom)',
      id: expect.stringMatching(
        new RegExp(
          `^/subscriptions/${SUB}/providers/Microsoft\\.Authorization/roleDefinitions/[0-9a-f-]{36}$`,
        ),
      ) as unknown,
      actions: ['Microsoft.ContainerService/managedClusters/*'],
      notActions: ['Microsoft.ContainerService/managedClusters/delete'],
      dataActions: [],
      assignableScopes: [`/subscriptions/${SUB}`],
    });
    const custom = roleAssignment.find((a) => a.role.name === 'AKS Operator (custom)') as RoleAssignment;
    expect(custom.role).toMatchObject({ id: definition.id, builtIn: false, actions: definition.actions });
    expect(definition.permissions).toEqual([
      {
        actions: ['Microsoft.ContainerService/managedClusters/*'],
        notActions: ['Microsoft.ContainerService/managedClusters/delete'],
        dataActions: [],
        notDataActions: [],
      },
    ]);
    expect(custom.scope).toEqual({ id: `/subscriptions/${SUB}`, level: 'subscription', subscriptionId: SUB });
    const owner = roleAssignment.find((a) => a.role.name === 'Owner');
    expect(owner?.role.permissions).toEqual([
      { actions: ['*'], notActions: [], dataActions: [], notDataActions: [] },
    ]);
    expect(owner?.role).toMatchObject({
      id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
      name: 'Owner',
      builtIn: true,
    });
    expect(managedIdentity.map((m) => m.id)).toEqual([
      `/subscriptions/${SUB}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-in-group`,
    ]);
  });

  it('grants at the management group a template is deployed to', async () => {
    const output = await readText(
      {
        $schema:
          'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#',
        resources: [
          {
            type: 'Microsoft.Authorization/roleAssignments',
            apiVersion: '2022-04-01',
            name: "[guid(managementGroup().id, 'contributor')]",
            properties: {
              roleDefinitionId:
                "[tenantResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]",
              principalId: '77777777-7777-7777-7777-777777777777',
              condition: "@Resource[Microsoft.Storage/storageAccounts:name] StringEquals 'audit'",
              conditionVersion: '2.0',
            },
          },
        ],
      },
      { scope: { managementGroupName: 'mg-platform' } },
    );
    const assignment = output.entities[0] as RoleAssignment;
    expect(assignment.scope).toEqual({
      id: '/providers/Microsoft.Management/managementGroups/mg-platform',
      level: 'managementGroup',
    });
    expect(assignment.role.name).toBe('Contributor');
    expect(assignment.condition).toBe(
      "@Resource[Microsoft.Storage/storageAccounts:name] StringEquals 'audit'",
    );
  });

  it('uses the scope the caller gives for resourceGroup() and subscription()', async () => {
    const output = await read('system-assigned-cluster.json', {
      scope: {
        subscriptionId: '12345678-0000-0000-0000-000000000000',
        resourceGroupName: 'rg-aks',
        location: 'northeurope',
      },
      parameters: { vnetResourceGroup: 'rg-net' },
    });
    const aks = output.entities.find((e): e is Cluster => e.kind === 'cluster');
    expect(aks?.id).toBe(
      '/subscriptions/12345678-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-sys',
    );
    expect(aks?.network?.vnetSubnetIds).toEqual([
      '/subscriptions/12345678-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-aks',
    ]);
  });
});

describe('ARM template: loops, conditions and expression errors', () => {
  const assignment = (extra: Record<string, unknown>): Record<string, unknown> => ({
    type: 'Microsoft.Authorization/roleAssignments',
    apiVersion: '2022-04-01',
    name: "[guid('x', string(copyIndex()))]",
    properties: {
      roleDefinitionId:
        "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]",
      principalId: '88888888-8888-8888-8888-888888888888',
    },
    ...extra,
  });
  const template = (
    resources: unknown,
    parameters: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    parameters,
    resources,
  });

  it('keeps a resource whose condition is unknown: it may be deployed', async () => {
    const output = await readText(
      template([assignment({ condition: "[parameters('on')]", name: "[guid('c')]" })], {
        on: { type: 'bool' },
      }),
    );
    expect(output.entities).toHaveLength(1);
    expect(output.skipped).toEqual([]);
  });

  it('lists a copy loop of count 0 as skipped, and reads one instance of a loop whose count is unknown', async () => {
    const output = await readText(
      template(
        [
          assignment({ copy: { name: 'none', count: 0 } }),
          assignment({ copy: { name: 'some', count: "[parameters('n')]" } }),
        ],
        { n: { type: 'int' } },
      ),
    );
    expect(output.skipped.map((s) => s.reason)).toEqual(["its copy loop 'none' has a count of 0"]);
    expect(output.entities.map((e) => e.key)).toEqual([
      "Microsoft.Authorization/roleAssignments/[guid('x', string(copyIndex()))][*]",
    ]);
  });

  it('makes a property whose expression fails unknown, naming the error and where it is, and keeps the rest', async () => {
    const output = await readText(
      template([
        assignment({
          name: "[guid('e')]",
          properties: {
            roleDefinitionId:
              "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]",
            principalId: "[variables('missing')]",
          },
        }),
      ]),
    );
    const entity = output.entities[0] as RoleAssignment;
    expect(entity.role.name).toBe('Reader');
    expect(asUnknown(entity.principalId).reason).toBe(
      `cannot evaluate /resources/0/properties/principalId: the template has no variable 'missing' (column 2 of "[variables('missing')]")`,
    );
  });

  it('evaluates an object built by one expression part by part when one part fails', async () => {
    const output = await readText(
      template([
        {
          type: 'Microsoft.ContainerService/managedClusters',
          apiVersion: '2024-01-01',
          name: 'aks-partial',
          identity: { type: 'SystemAssigned' },
          properties:
            "[union(createObject('disableLocalAccounts', true(), 'networkProfile', createObject('outboundType', parameters('undeclared'))), createObject('enableRBAC', false()))]",
        },
      ]),
    );
    const aks = output.entities[0] as Cluster;
    expect(aks.localAccountsDisabled).toBe(true);
    expect(aks.kubernetesRbacEnabled).toBe(false);
    expect(asUnknown(aks.network?.outboundType).reason).toMatch(/does not declare/);
  });

  it('skips a resource whose name cannot be read, with the reason', async () => {
    const output = await readText(template([assignment({ name: "[concat('a', createObject())]" })]));
    expect(output.entities).toEqual([]);
    expect(output.skipped[0]?.reason).toMatch(/^it cannot be read: its name cannot be evaluated: /);
  });
});

describe('ARM template: malformed input', () => {
  const error = async (value: unknown): Promise<InputError> => {
    try {
      await readText(value);
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('names the file, JSON pointer and line of what is malformed', async () => {
    expect((await error([1, 2])).message).toBe(
      'inline.json:1:1: expected an ARM template (a JSON object), got an array',
    );
    const resources = await error({ resources: 'none' });
    expect(resources.location).toMatchObject({ file: 'inline.json', pointer: '/resources', line: 2 });
    expect(resources.message).toMatch(/'resources' must be an array/);
    const entry = await error({ resources: [{ type: 'Microsoft.Resources/tags', name: 'x' }, 'oops'] });
    expect(entry.location).toMatchObject({ pointer: '/resources/1' });
    expect((await error({ resources: [{ name: 'no-type' }] })).message).toMatch(
      /\/resources\/0: a resource must have a 'type' string$/,
    );
    const nested = await error({
      resources: [
        { type: 'Microsoft.Resources/deployments', name: 'd', properties: { template: { resources: 5 } } },
      ],
    });
    expect(nested.location.pointer).toBe('/resources/0/properties/template/resources');
  });
});
