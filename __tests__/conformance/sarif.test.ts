import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describeShared, repoRoot, sharedFixtures, sharedPresent } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { terraformFixture } from '../helpers/fixtures.js';

/** The SARIF 2.1.0 JSON Schema (draft-04), shipped as test data in ../shared/reference, never fetched. */
// The SARIF schema is reference data in ../shared, never copied here: without it these tests are skipped.
const schema: object = sharedPresent
  ? (JSON.parse(
      readFileSync(join(sharedFixtures, '..', 'reference', 'sarif-schema-2.1.0.json'), 'utf8'),
    ) as object)
  : {};
const ajv = new AjvDraft04Module.default({ allErrors: true, strict: false });
addFormatsModule.default(ajv);
const validate = ajv.compile(schema);

interface Sarif {
  runs: {
    tool: {
      driver: {
        rules: {
          id: string;
          helpUri?: string;
          help: { markdown: string };
          properties: Record<string, unknown>;
        }[];
      };
    };
    results: {
      ruleId: string;
      level: string;
      partialFingerprints: Record<string, string>;
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region?: { startLine: number; endLine: number };
        };
      }[];
    }[];
  }[];
}

function sarifOf(args: string[]): Sarif {
  const run = runCli(['scan', ...args, '--format', 'sarif', '--fail-on', 'none']);
  expect(run.status).toBe(0);
  const sarif = JSON.parse(run.stdout) as unknown;
  const valid = validate(sarif);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return sarif as Sarif;
}

describeShared('SARIF output', () => {
  it('validates against the SARIF 2.1.0 schema, with rules, levels and locations relative to the repository', () => {
    const sarif = sarifOf(['examples']);
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => `AKSID${String(i + 1).padStart(3, '0')}`),
    );
    expect(run?.tool.driver.rules[1]?.properties['security-severity']).toBe('9.5');
    expect(run?.tool.driver.rules[1]?.help.markdown).toContain('**Terraform:**');
    const secret = run?.results.find((r) => r.ruleId === 'AKSID002');
    expect(secret?.level).toBe('error');
    expect(secret?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'examples/terraform/modules/legacy-cluster/main.tf', uriBaseId: '%SRCROOT%' },
      // The variable default that writes the secret, where the fix goes.
      region: { startLine: 13, endLine: 13 },
    });
  });

  it('has fingerprints that are stable across runs and distinct per finding', () => {
    const first = sarifOf(['examples']).runs[0]?.results.map(
      (r) => r.partialFingerprints['aksIdentityLint/v1'],
    );
    const second = sarifOf(['examples']).runs[0]?.results.map(
      (r) => r.partialFingerprints['aksIdentityLint/v1'],
    );
    expect(first).toEqual(second);
    expect(new Set(first).size).toBe(first?.length);
  });

  it('leaves indeterminate results to the other reports, so code scanning never ranks an unknown as a failure', async () => {
    const { writeTemp, plan } = await import('../helpers/plans.js');
    const dir = await writeTemp({
      'tfplan.json': plan([
        {
          address: 'azurerm_kubernetes_cluster.aks',
          type: 'azurerm_kubernetes_cluster',
          after: { name: 'aks', identity: [{ type: 'SystemAssigned' }] },
          afterUnknown: { local_account_disabled: true },
        },
      ]),
    });
    const run = runCli(['scan', join(dir, 'tfplan.json'), '--format', 'sarif', '--fail-on', 'none']);
    const sarif = JSON.parse(run.stdout) as Sarif;
    expect(validate(sarif)).toBe(true);
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(['AKSID004', 'AKSID005']);
  });

  it('locates findings without a source line at their input file, an absolute file URI outside the repository', () => {
    // The shared fixtures are outside this repository: no %SRCROOT%, and the SARIF stays valid (sarifOf checks).
    const sarif = sarifOf([terraformFixture('tfplan-zodiac-AKS-main_terraform.json')]);
    const location = sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation;
    expect(location?.artifactLocation).toEqual({
      uri: pathToFileURL(terraformFixture('tfplan-zodiac-AKS-main_terraform.json')).href,
    });
    expect(location?.region).toBeUndefined();
  });

  it('locates live findings at the resource in the Azure portal, not at a file', () => {
    const live = join(repoRoot, '__tests__', 'fixtures', 'live');
    const sarif = sarifOf([join(live, 'az-aks-show.json'), join(live, 'az-role-assignment-list.json')]);
    const grant =
      '/subscriptions/aaaaaaaa-1111-2222-3333-444444444444/providers/Microsoft.Authorization/roleAssignments/11111111-0000-0000-0000-000000000003';
    const kubelet = sarif.runs[0]?.results.find((r) => r.ruleId === 'AKSID014');
    expect(kubelet?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: `https://portal.azure.com/#resource${grant}` },
    });
  });
});
