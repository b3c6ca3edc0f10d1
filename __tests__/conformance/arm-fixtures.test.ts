// The ARM template and what-if adapters against real inputs nobody on this project wrote: the templates in
// ../shared/fixtures/arm and the what-if results in ../shared/fixtures/whatif (SOURCES.md there says where each comes
// from). Runs only where ../shared (or $AKS_IDENTITY_LINT_SHARED) is checked out; the other tests never need it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArmTemplate } from '../../src/inputs/arm/adapter.js';
import { parseJsonText, type JsonDocument } from '../../src/inputs/json-file.js';
import type { AdapterOutput } from '../../src/inputs/terraform/adapter.js';
import { readWhatIf } from '../../src/inputs/whatif/adapter.js';
import type { Cluster, EntitiesByKind } from '../../src/model/entities.js';
import { linkEntities } from '../../src/model/link.js';
import { isUnknown } from '../../src/model/unknown.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDir = resolve(process.env['AKS_IDENTITY_LINT_SHARED'] ?? join(repoRoot, '..', 'shared'));
const fixtures = join(sharedDir, 'fixtures');
const present = existsSync(join(fixtures, 'arm')) && existsSync(join(fixtures, 'whatif'));
// Written to stderr rather than the console: Jest does not show a skipped file's console output when it runs several.
if (!present) {
  process.stderr.write(
    `Skipping the ARM template and what-if conformance tests: ${fixtures}/arm and ${fixtures}/whatif are not here. ` +
      'Check out ../shared next to this repository, or set AKS_IDENTITY_LINT_SHARED to the shared directory, to run them.\n',
  );
}

const BASELINE = 'arm-aks-baseline-cluster-stamp-compiled-97558d0.json';
const CONSTRUCTION = 'arm-aks-construction-shared-acr-main.json';
const QUICKSTART = 'arm-quickstart-aks-vmss-systemassigned-identity.json';

function document(folder: string, file: string): JsonDocument {
  return parseJsonText(readFileSync(join(fixtures, folder, file), 'utf8'), `fixtures/${folder}/${file}`);
}

async function template(file: string, parameters: Record<string, unknown> = {}): Promise<AdapterOutput> {
  return readArmTemplate(document('arm', file), {
    path: join(fixtures, 'arm', file),
    repoRoot: sharedDir,
    parameters,
  });
}

function onlyCluster(model: EntitiesByKind): Cluster {
  expect(model.cluster).toHaveLength(1);
  return model.cluster[0] as Cluster;
}

(present ? describe : describe.skip)('real ARM templates and what-if results in ../shared/fixtures', () => {
  it.each([BASELINE, CONSTRUCTION, QUICKSTART])('%s scans without error', async (file) => {
    const output = await template(file);
    expect(output.entities.length).toBeGreaterThan(0);
    expect(output.summary.scanned).toBeGreaterThan(0);
    expect(() => linkEntities(output.entities)).not.toThrow();
  });

  describe('aks-baseline (compiled Bicep)', () => {
    // The template joins the spoke in its own subscription (subscription().subscriptionId): the placeholder one.
    const vnet =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-enterprise-networking-spokes/providers/Microsoft.Network/virtualNetworks/vnet-spoke-BU0001A0008-00';
    const parameters = {
      targetVnetResourceId: vnet,
      clusterAdminMicrosoftEntraGroupObjectId: '22222222-2222-2222-2222-222222222222',
      a0008NamespaceReaderMicrosoftEntraGroupObjectId: '33333333-3333-3333-3333-333333333333',
      k8sControlPlaneAuthorizationTenantId: '44444444-4444-4444-4444-444444444444',
      appGatewayListenerCertificate: 'listener-certificate-placeholder',
      aksIngressControllerCertificate: 'ingress-certificate-placeholder',
    };

    it('reads a UserAssigned cluster with local accounts disabled, Entra ID, OIDC and workload identity', async () => {
      const aks = onlyCluster(linkEntities((await template(BASELINE, parameters)).entities));
      expect(aks.identity.type).toBe('UserAssigned');
      expect(aks.identity.userAssignedIdentityIds).toEqual([
        expect.stringMatching(/\/userAssignedIdentities\/mi-aks-[a-z0-9]+-controlplane$/),
      ]);
      expect(aks.controlPlaneIdentity?.name).toMatch(/-controlplane$/);
      expect(aks).toMatchObject({
        localAccountsDisabled: true,
        kubernetesRbacEnabled: true,
        aad: { managed: true },
        oidcIssuer: { enabled: true },
        workloadIdentityEnabled: true,
        podIdentity: { enabled: false },
        network: { privateCluster: true, outboundType: 'userDefinedRouting' },
      });
      expect(aks.network?.vnetSubnetIds).toEqual([
        `${vnet}/subnets/snet-clusternodes`,
        `${vnet}/subnets/snet-privatecluster`,
      ]);
    });

    it('links the AcrPull assignment to the kubelet identity of that cluster', async () => {
      const model = linkEntities((await template(BASELINE, parameters)).entities);
      const aks = onlyCluster(model);
      const acrPull = model.roleAssignment.filter((a) => a.role.name === 'AcrPull');
      expect(acrPull).toHaveLength(1);
      expect(acrPull[0]?.principal.kind).toBe('kubelet');
      expect(acrPull[0]?.principal.cluster).toBe(aks);
      expect(aks.kubeletRoleAssignments).toContain(acrPull[0]);
      expect(acrPull[0]?.scope).toMatchObject({
        level: 'resource',
        resourceType: 'Microsoft.ContainerRegistry/registries',
      });
    });

    it('links the module that grants the control plane its subnets, and the federated credential to the issuer', async () => {
      const model = linkEntities((await template(BASELINE, parameters)).entities);
      const aks = onlyCluster(model);
      const network = aks.controlPlaneRoleAssignments.filter((a) => a.role.name === 'Network Contributor');
      expect(network.map((a) => a.scope.id)).toEqual([
        `${vnet}/subnets/snet-clusternodes`,
        `${vnet}/subnets/snet-privatecluster`,
        `${vnet}/subnets/snet-clusteringressservices`,
      ]);
      const [credential] = model.federatedCredential;
      expect(credential?.cluster).toBe(aks);
      expect(credential?.identity?.name).toBe('podmi-ingress-controller');
      expect(aks.undecidedRoleAssignments).toEqual([]);
    });
  });

  describe('AKS-Construction (compiled Bicep, expression-valued identity and properties)', () => {
    const parameters = { acrName: 'crshared', acrRg: 'rg-shared-acr' };

    it('resolves the identity and properties expressions from parameter defaults', async () => {
      const output = await template(CONSTRUCTION, parameters);
      const aks = onlyCluster(linkEntities(output.entities));
      expect(aks.name).toBe('aks-acrsample');
      expect(aks.identity.type).toBe('SystemAssigned');
      expect(aks).toMatchObject({
        kubernetesRbacEnabled: true,
        localAccountsDisabled: false,
        oidcIssuer: { enabled: false },
        workloadIdentityEnabled: false,
        network: { privateCluster: false, outboundType: 'loadBalancer', vnetSubnetIds: [] },
        aad: { managed: true, azureRbacEnabled: true },
      });
      expect(aks.addons.find((a) => a.name === 'omsagent')?.enabled).toBe(true);
      expect(aks.addons.find((a) => a.name === 'azurepolicy')?.enabled).toBe(false);
      // The template reads a parameter it does not declare (ebpfDataplane): only that value is unknown.
      const networkProfile = (aks.raw as { properties: { networkProfile: Record<string, unknown> } })
        .properties.networkProfile;
      expect(isUnknown(networkProfile['ebpfDataplane'])).toBe(true);
      expect(networkProfile['networkPlugin']).toBe('azure');
    });

    it('links the AcrPull of the shared-registry module to the kubelet of the cluster the other module creates', async () => {
      const model = linkEntities((await template(CONSTRUCTION, parameters)).entities);
      const aks = onlyCluster(model);
      const acrPull = aks.kubeletRoleAssignments.find((a) => a.role.name === 'AcrPull');
      expect(acrPull?.scope).toMatchObject({
        id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared-acr/providers/Microsoft.ContainerRegistry/registries/crshared',
        level: 'resource',
      });
      const monitoring = aks.addons
        .find((a) => a.name === 'omsagent')
        ?.roleAssignments.map((a) => a.role.name);
      expect(monitoring).toEqual(['Monitoring Metrics Publisher']);
    });
  });

  it('reads the quickstart SystemAssigned cluster', async () => {
    const aks = onlyCluster(linkEntities((await template(QUICKSTART)).entities));
    expect(aks).toMatchObject({
      name: 'aks101cluster-vmss',
      identity: { type: 'SystemAssigned' },
      kubernetesRbacEnabled: true,
    });
  });

  describe('what-if results', () => {
    const read = async (file: string, unwrap = false): Promise<AdapterOutput> => {
      const doc = document('whatif', file);
      // The REST file is an API example: its response body, under responses.200.body, is the what-if result.
      const value = unwrap
        ? (doc.value as { responses: Record<string, { body: unknown }> }).responses['200']?.body
        : doc.value;
      return readWhatIf({ ...doc, value }, { path: join(fixtures, 'whatif', file), repoRoot: sharedDir });
    };

    it('reads the abbreviated CLI result: a created cluster whose configuration it does not give', async () => {
      const output = await read('whatif-cli-noprettyprint-aks-nevermore.json');
      expect(output.entities.map((e) => [e.kind, e.change.action])).toEqual([['cluster', 'create']]);
      expect(isUnknown((output.entities[0] as Cluster).identity.type)).toBe(true);
      expect(output.summary.unsupported).toEqual({ 'Microsoft.Resources/resourceGroups': 1 });
    });

    it('reads a CLI result with status and a Create without after', async () => {
      const output = await read('whatif-cli-noprettyprint-blog-storage.json');
      expect(output.entities).toEqual([]);
      expect(output.summary.unsupported).toEqual({ 'Microsoft.Storage/storageAccounts': 1 });
    });

    it('reads the REST response body with a Modify and a Create', async () => {
      const output = await read('whatif-rest-spec-PostDeploymentWhatIfOnResourceGroup.json', true);
      expect(
        output.entities.map((e) => [e.kind, e.name, e.change.action, e.change.before !== undefined]),
      ).toEqual([
        ['managedIdentity', 'myExistingIdentity', 'update', true],
        ['managedIdentity', 'myNewIdentity', 'create', false],
      ]);
    });
  });
});
