import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { localFixtures } from '../helpers/fixtures.js';
import { GitHubApiServer } from '../helpers/github-server.js';
import { plan, writeTemp } from '../helpers/plans.js';
import { runAction } from '../helpers/run-action.js';
import { runCliHere, jsonReport } from '../helpers/run-cli.js';
import { cluster, constant, ref, resource, roleAssignment } from '../helpers/tf.js';

/**
 * Findings point where the reviewer changes code, name what they are about by origin, and say why when they have no
 * line: as the CLI and the action print them.
 */
const MAIN_TF = [
  'resource "azurerm_kubernetes_cluster" "aks" {', // 1
  '  name = "aks"', // 2
  '  default_node_pool {', // 3
  '    vnet_subnet_id = azurerm_subnet.aks.id', // 4
  '  }', // 5
  '}', // 6
  '', // 7
  'resource "azurerm_role_assignment" "kubelet_owner" {', // 8
  '  role_definition_name = "Owner"', // 9
  '  principal_id         = azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id', // 10
  '}', // 11
  '', // 12
  'resource "azurerm_role_assignment" "pull_as_control_plane" {', // 13
  '  role_definition_name = "AcrPull"', // 14
  '  principal_id         = azurerm_kubernetes_cluster.aks.identity[0].principal_id', // 15
  '}', // 16
  '', // 17
  'resource "azurerm_kubernetes_cluster" "legacy" {', // 18
  '  name = "legacy"', // 19
  '  service_principal {', // 20
  '    client_id     = "app"', // 21
  '    client_secret = "Zq8-literal-secret-value"', // 22
  '  }', // 23
  '}', // 24
  '', // 25
  'resource "azurerm_container_registry" "acr" {}', // 26
  'resource "azurerm_subnet" "aks" {}', // 27
].join('\n');

const ACR =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/acr';

function planWithGrants(): Record<string, unknown> {
  const aks = cluster('aks', {
    after: { default_node_pool: [{ name: 'default' }] },
    afterUnknown: { default_node_pool: [{ vnet_subnet_id: true }] },
    expressions: { default_node_pool: [{ vnet_subnet_id: ref('azurerm_subnet.aks.id') }] },
  });
  const legacy = cluster('legacy', {
    after: {
      identity: [],
      service_principal: [{ client_id: 'app', client_secret: 'Zq8-literal-secret-value' }],
    },
    expressions: {
      service_principal: [
        { client_id: constant('app'), client_secret: constant('Zq8-literal-secret-value') },
      ],
    },
  });
  return plan([
    aks,
    legacy,
    roleAssignment(
      'kubelet_owner',
      'Owner',
      'azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id',
      '/subscriptions/00000000-0000-0000-0000-000000000000',
    ),
    roleAssignment(
      'pull_as_control_plane',
      'AcrPull',
      'azurerm_kubernetes_cluster.aks.identity[0].principal_id',
      ACR,
    ),
    // An existing registry, updated in place: its ID, and so the scopes that contain it, are known.
    {
      ...resource('azurerm_container_registry.acr', 'azurerm_container_registry', { name: 'acr', id: ACR }),
      afterUnknown: {},
    },
    resource('azurerm_subnet.aks', 'azurerm_subnet', { name: 'snet' }),
  ]);
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region?: { startLine: number; endLine: number };
    };
    message?: { text: string };
  }[];
  relatedLocations?: { physicalLocation: { region?: { startLine: number } } }[];
}

function sarifResults(stdout: string): SarifResult[] {
  return (JSON.parse(stdout) as { runs: { results: SarifResult[] }[] }).runs[0]?.results ?? [];
}

describe('a finding caused by role assignments points at them', () => {
  it('names the grants and puts the finding on their lines, keeping the cluster in the message', async () => {
    const dir = await writeTemp({ 'tfplan.json': planWithGrants(), 'main.tf': MAIN_TF });
    const run = await runCliHere(['scan', 'tfplan.json', '--fail-on', 'none'], dir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /AKSID014 {2}The kubelet identity can read and pull, nothing more\n {6}Cluster 'aks' gives its kubelet identity more than reading and pulling: its roles are Owner\.\n {6}Caused by azurerm_role_assignment\.kubelet_owner\.\n {6}at main\.tf:8-11\n/,
    );
    expect(run.stdout).toMatch(
      /AKSID013 .*\n.*Cluster 'aks' can pull from 1 registry \(acr\) through its other identities, but its kubelet identity, which pulls the images, cannot pull from it\..*\n {6}Caused by azurerm_role_assignment\.pull_as_control_plane\.\n {6}at main\.tf:13-16\n/,
    );

    const sarif = sarifResults(
      (await runCliHere(['scan', 'tfplan.json', '--format', 'sarif', '--fail-on', 'none'], dir)).stdout,
    );
    const broad = sarif.find((r) => r.ruleId === 'AKSID014');
    expect(broad?.locations.map((l) => l.physicalLocation)).toEqual([
      { artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 8, endLine: 11 } },
    ]);
    expect(broad?.relatedLocations?.[0]?.physicalLocation.region?.startLine).toBe(1);
    expect(broad?.message.text).toContain('Caused by azurerm_role_assignment.kubelet_owner.');
  });

  it('puts a secret written in code on the line that holds it', async () => {
    const dir = await writeTemp({ 'tfplan.json': planWithGrants(), 'main.tf': MAIN_TF });
    const sarif = sarifResults(
      (await runCliHere(['scan', 'tfplan.json', '--format', 'sarif', '--fail-on', 'none'], dir)).stdout,
    );
    const secret = sarif.find((r) => r.ruleId === 'AKSID002');
    expect(secret?.locations[0]?.physicalLocation.region).toEqual({ startLine: 22, endLine: 22 });
  });
});

describe('messages name unknown values by their origin', () => {
  it('says which subnet, not "(known after apply)"', async () => {
    const dir = await writeTemp({ 'tfplan.json': planWithGrants(), 'main.tf': MAIN_TF });
    const run = await runCliHere(['scan', 'tfplan.json', '--fail-on', 'none'], dir);
    expect(run.stdout).toContain(
      "Cluster 'aks' brings its own subnet `azurerm_subnet.aks` (known after apply), but its control-plane identity cannot join it: none of its roles (AcrPull) grants Microsoft.Network/virtualNetworks/subnets/join/action there.",
    );
    expect(run.stdout).toMatch(/^aks-identity-lint \S+: 30 policies, 1 input\n/);
  });
});

describe('a finding without a source line says why', () => {
  it('in the console, the JSON, the Markdown and SARIF', async () => {
    const dir = await writeTemp({ 'tfplan.json': planWithGrants() });
    const why = 'no .tf files in .';
    const console = (await runCliHere(['scan', 'tfplan.json', '--fail-on', 'none'], dir)).stdout;
    expect(console).toContain(`at tfplan.json#/resource_changes/2 (no source line: ${why})`);
    const markdown = (
      await runCliHere(['scan', 'tfplan.json', '--format', 'markdown', '--fail-on', 'none'], dir)
    ).stdout;
    expect(markdown).toContain(`\`tfplan.json#/resource_changes/2 (no source line: ${why})\``);
    const json = jsonReport(
      (await runCliHere(['scan', 'tfplan.json', '--format', 'json', '--fail-on', 'none'], dir)).stdout,
    );
    expect(json.results.find((r) => r.policyId === 'AKSID014')?.places).toEqual([
      { resource: 'azurerm_role_assignment.kubelet_owner', input: 'tfplan.json', note: why },
    ]);
    const sarif = sarifResults(
      (await runCliHere(['scan', 'tfplan.json', '--format', 'sarif', '--fail-on', 'none'], dir)).stdout,
    );
    const broad = sarif.find((r) => r.ruleId === 'AKSID014');
    expect(broad?.message.text).toContain(`No source line: ${why}.`);
    expect(broad?.locations[0]?.message?.text).toBe(`No source line: ${why}.`);
  });
});

describe('inputs outside the working directory or the repository', () => {
  it('are named by their absolute path, and SARIF gives them a file URI without %SRCROOT%', async () => {
    const elsewhere = await writeTemp({ 'tfplan.json': planWithGrants() });
    const cwd = await mkdtemp(join(tmpdir(), 'repo-'));
    const planPath = join(elsewhere, 'tfplan.json');
    const run = await runCliHere(['scan', planPath, '--fail-on', 'none'], cwd);
    expect(run.stdout).toContain(`  ${planPath} (Terraform plan JSON)`);
    expect(run.stdout).not.toContain('../');
    const sarif = sarifResults(
      (await runCliHere(['scan', planPath, '--format', 'sarif', '--fail-on', 'none'], cwd)).stdout,
    );
    expect(
      sarif.find((r) => r.ruleId === 'AKSID014')?.locations[0]?.physicalLocation.artifactLocation,
    ).toEqual({
      uri: pathToFileURL(planPath).href,
    });
  });
});

describe('the action, for findings without a .tf line', () => {
  let server: GitHubApiServer;
  beforeEach(async () => {
    server = await new GitHubApiServer().start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('annotates them on the plan, at the resource, when the plan is in the repository', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-places-'));
    await mkdir(join(workspace, 'infra'));
    const text = JSON.stringify(planWithGrants(), null, 2);
    await writeFile(join(workspace, 'infra', 'tfplan.json'), text);
    // The working directory is a subfolder; the plan is reported from the repository root.
    await mkdir(join(workspace, 'tools'));
    const run = await runAction({
      inputs: { paths: '../infra/tfplan.json', 'working-directory': 'tools', 'fail-on': 'none' },
      apiUrl: server.url,
      workspace,
    });
    expect(run.stderr).toBe('');
    const line = text
      .split('\n')
      .findIndex((l) => l.includes('"address": "azurerm_role_assignment.kubelet_owner"'));
    const annotation = run.stdout
      .split('\n')
      .find((l) => l.startsWith('::warning title=AKSID014') || l.startsWith('::notice title=AKSID014'));
    // The resource change object opens on the line before its address.
    expect(annotation).toContain(`file=infra/tfplan.json,line=${line},endLine=${line}::`);
    expect(annotation).toContain('No source line: no .tf files in infra.');
  });

  it('lists them, file-less, when the plan is outside the repository', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-outside-'));
    const elsewhere = await writeTemp({ 'tfplan.json': planWithGrants() });
    const run = await runAction({
      inputs: { paths: join(elsewhere, 'tfplan.json'), 'fail-on': 'none' },
      apiUrl: server.url,
      workspace,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^::(warning|notice) title=AKSID014%3A [^,\n]*::/m);
    expect(run.summary).toContain(
      'have no source line in this repository (the input is outside it, or is live state)',
    );
  });

  it('names live findings by resource ID and portal link, annotating no file even when it is in the repository', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-live-'));
    await mkdir(join(workspace, 'live'));
    for (const file of ['az-aks-show.json', 'az-role-assignment-list.json']) {
      await writeFile(
        join(workspace, 'live', file),
        await readFile(join(localFixtures, 'live', file), 'utf8'),
      );
    }
    const run = await runAction({
      inputs: { paths: 'live', 'fail-on': 'none' },
      apiUrl: server.url,
      workspace,
    });
    expect(run.stderr).toBe('');
    const annotation = run.stdout.split('\n').find((l) => l.startsWith('::warning title=AKSID014'));
    expect(annotation).toMatch(/^::warning title=AKSID014%3A [^,\n]*::/);
    expect(annotation).not.toContain('file=');
    expect(annotation).toContain(
      'No source line: live state, in the Azure portal at https://portal.azure.com/#resource/subscriptions/aaaaaaaa-1111-2222-3333-444444444444/providers/Microsoft.Authorization/roleAssignments/11111111-0000-0000-0000-000000000003.',
    );
    expect(run.summary).toContain('(the input is outside it, or is live state)');
  });
});
