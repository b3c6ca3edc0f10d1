// The .bicep declarations of a real compiled template nobody on this project wrote: mspnp/aks-baseline's cluster stamp
// (../shared/fixtures/bicep) and the template Bicep compiled from it (../shared/fixtures/arm; SOURCES.md there says
// where each comes from). Runs only where ../shared (or $AKS_IDENTITY_LINT_SHARED) is checked out; the other tests
// never need it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BicepSourceMap } from '../../src/inputs/arm/bicep-source.js';
import { callerParameters } from '../../src/inputs/arm/parameters.js';
import { rootScope } from '../../src/inputs/arm/run-scope.js';
import { SourceLocator } from '../../src/inputs/arm/source-locator.js';
import { member, readTemplate } from '../../src/inputs/arm/template-document.js';
import { Expansion, TemplateRun, type Instance } from '../../src/inputs/arm/template-run.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDir = resolve(process.env['AKS_IDENTITY_LINT_SHARED'] ?? join(repoRoot, '..', 'shared'));
const bicepPath = join(sharedDir, 'fixtures', 'bicep', 'bicep-src-aks-baseline-cluster-stamp.bicep');
const templatePath = join(
  sharedDir,
  'fixtures',
  'arm',
  'arm-aks-baseline-cluster-stamp-compiled-97558d0.json',
);
const BICEP = 'fixtures/bicep/bicep-src-aks-baseline-cluster-stamp.bicep';

const present = existsSync(bicepPath) && existsSync(templatePath);
// Written to stderr rather than the console: Jest does not show a skipped file's console output when it runs several.
if (!present) {
  process.stderr.write(
    `Skipping the Bicep source-line conformance tests: ${bicepPath} and ${templatePath} are not here. Check out ` +
      '../shared next to this repository, or set AKS_IDENTITY_LINT_SHARED to the shared directory, to run them.\n',
  );
}

/** The template's instances, as the ARM adapter reads them. */
function instances(): Instance[] {
  const text = readFileSync(templatePath, 'utf8');
  const context = { file: 'cluster-stamp.json', locator: new SourceLocator(text, 'cluster-stamp.json') };
  const template = readTemplate(JSON.parse(text), '', context);
  const root = TemplateRun.root(
    new Expansion(context),
    template,
    rootScope('resourceGroup'),
    callerParameters({}),
  );
  root.declare();
  return [...root.all()];
}

/** The 1-based line of the first line of the .bicep file that starts with `prefix` (after indentation). */
function lineStarting(prefix: string): number {
  const lines = readFileSync(bicepPath, 'utf8').split(/\r?\n/);
  const index = lines.findIndex((l) => l.trimStart().startsWith(prefix));
  if (index === -1) throw new Error(`no line starting with ${prefix}`);
  return index + 1;
}

function only(list: readonly Instance[], what: string): Instance {
  if (list.length !== 1) throw new Error(`expected one ${what}, found ${list.length}`);
  return list[0] as Instance;
}

(present ? describe : describe.skip)(
  'aks-baseline cluster stamp: compiled template against its .bicep',
  () => {
    const all = present ? instances() : [];
    const map = (): BicepSourceMap => new BicepSourceMap({ entry: bicepPath, repoRoot: sharedDir });
    const ofType = (type: string): Instance[] =>
      all.filter((i) => i.type.toLowerCase() === type.toLowerCase() && i.run.deployment === undefined);

    it('points the cluster at `resource mc` (lines 739-1026)', async () => {
      expect(lineStarting("resource mc 'Microsoft.ContainerService/managedClusters@")).toBe(739);
      const cluster = only(ofType('Microsoft.ContainerService/managedClusters'), 'cluster');
      expect(await map().locate(cluster)).toEqual({ location: { file: BICEP, line: 739, endLine: 1026 } });
    });

    it('points the AcrPull role assignment at `resource acrKubeletAcrPullRole_roleAssignment` (lines 1028-1037)', async () => {
      expect(lineStarting('resource acrKubeletAcrPullRole_roleAssignment ')).toBe(1028);
      // AcrPull is the built-in role 7f951dda-4ed3-4680-a7ca-43fe172d538d.
      const acrPull = only(
        ofType('Microsoft.Authorization/roleAssignments').filter((i) =>
          JSON.stringify(member(i.declaration.raw, 'properties')).includes(
            '7f951dda-4ed3-4680-a7ca-43fe172d538d',
          ),
        ),
        'AcrPull role assignment',
      );
      expect(await map().locate(acrPull)).toEqual({ location: { file: BICEP, line: 1028, endLine: 1037 } });
    });

    it('points the federated credential at `resource federatedCreds`, nested in its identity (lines 488-497)', async () => {
      expect(lineStarting("resource federatedCreds 'federatedIdentityCredentials'")).toBe(488);
      const credential = only(
        ofType('Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials'),
        'federated credential',
      );
      expect(await map().locate(credential)).toEqual({ location: { file: BICEP, line: 488, endLine: 497 } });
    });

    it("finds every resource of the stamp's own template, and says why not for its modules' resources", async () => {
      const sourceMap = map();
      const located = await Promise.all(
        all.map(async (i) => ({ instance: i, found: await sourceMap.locate(i) })),
      );
      for (const { instance, found } of located) {
        if (instance.run.deployment === undefined) expect(found).toHaveProperty('location');
        // The stamp's modules (modules/*.bicep) are not among the shared fixtures.
        else
          expect(found).toEqual({
            note: expect.stringMatching(
              /^cannot read fixtures\/bicep\/modules\/.*\.bicep: no such file$/,
            ) as unknown,
          });
      }
      const lines = located.flatMap(({ found }) => ('location' in found ? [found.location.line] : []));
      expect(new Set(lines).size).toBe(lines.length);
    });
  },
);
