// Finding the .bicep declaration of a resource of a template compiled from Bicep: the lexer's declarations and spans,
// and the matching rules, on the hand-written pairs in __tests__/fixtures/bicep (README.md there says what each is)
// and on small sources given as strings.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBicepDeclarations, lexBicep, type BicepResource } from '../../src/inputs/arm/bicep-lexer.js';
import {
  BicepSourceMap,
  describeInstance,
  type BicepLocation,
  type TemplateResource,
  type TemplateResources,
} from '../../src/inputs/arm/bicep-source.js';
import { callerParameters } from '../../src/inputs/arm/parameters.js';
import { rootScope, scopeKindOfSchema } from '../../src/inputs/arm/run-scope.js';
import { SourceLocator } from '../../src/inputs/arm/source-locator.js';
import { readTemplate } from '../../src/inputs/arm/template-document.js';
import { Expansion, TemplateRun, type Instance } from '../../src/inputs/arm/template-run.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(repoRoot, '__tests__', 'fixtures', 'bicep');
const MAIN = '__tests__/fixtures/bicep/main.bicep';
const MODULE = '__tests__/fixtures/bicep/modules/network-roles.bicep';
const SYMBOLIC = '__tests__/fixtures/bicep/symbolic.bicep';

/** The instances the ARM adapter reads from a compiled template, in its order. */
function instancesOf(file: string): Instance[] {
  const path = join(fixtures, file);
  const text = readFileSync(path, 'utf8');
  const context = { file, locator: new SourceLocator(text, file) };
  const template = readTemplate(JSON.parse(text), '', context);
  const kind = scopeKindOfSchema(template.schema) ?? 'resourceGroup';
  const root = TemplateRun.root(new Expansion(context), template, rootScope(kind), callerParameters({}));
  root.declare();
  return [...root.all()];
}

function at(instances: readonly Instance[], pointer: string, copyIndex?: number): Instance {
  const found = instances.find((i) => i.declaration.pointer === pointer && i.copy?.index === copyIndex);
  if (found === undefined) throw new Error(`no instance at ${pointer}`);
  return found;
}

/** A map over the files on disk that counts how often each is read. */
function diskMap(entry: string): { map: BicepSourceMap; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const map = new BicepSourceMap({
    entry: join(fixtures, entry),
    repoRoot,
    readFile: (path) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return readFile(path, 'utf8');
    },
  });
  return { map, reads };
}

/** A map over files given as strings, under /repo. */
function stringMap(files: Record<string, string>, entry = 'main.bicep'): BicepSourceMap {
  return new BicepSourceMap({
    entry: `/repo/${entry}`,
    repoRoot: '/repo',
    readFile: (path) => {
      const text = files[path.replace(/^\/repo\//, '')];
      return text === undefined
        ? Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' }))
        : Promise.resolve(text);
    },
  });
}

function lines(file: string, line: number, endLine: number): BicepLocation {
  return { location: { file, line, endLine } };
}

function template(resources: TemplateResource[], symbolic = false, key = ''): TemplateResources {
  return { key, symbolic, resources };
}

describe('the Bicep lexer', () => {
  it('finds resources, nested resources and modules with their line spans', () => {
    const text = readFileSync(join(fixtures, 'main.bicep'), 'utf8');
    const found = findBicepDeclarations(text);
    const summary = (r: BicepResource): unknown => ({
      symbolicName: r.symbolicName,
      type: r.type,
      lines: [r.line, r.endLine],
      existing: r.existing,
      loop: r.loop,
      condition: r.condition,
      nested: r.nested.map(summary),
    });
    expect(found.resources.map(summary)).toEqual([
      {
        symbolicName: 'acr',
        type: 'Microsoft.ContainerRegistry/registries',
        lines: [25, 27],
        existing: true,
        loop: false,
        condition: false,
        nested: [],
      },
      {
        symbolicName: 'controlPlane',
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
        lines: [29, 32],
        existing: false,
        loop: false,
        condition: false,
        nested: [],
      },
      {
        symbolicName: 'workload',
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
        lines: [34, 54],
        existing: false,
        loop: false,
        condition: false,
        nested: [
          {
            symbolicName: 'federated',
            type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
            lines: [44, 53],
            existing: false,
            loop: false,
            condition: false,
            nested: [],
          },
        ],
      },
      {
        symbolicName: 'cluster',
        type: 'Microsoft.ContainerService/managedClusters',
        lines: [56, 84],
        existing: false,
        loop: false,
        condition: false,
        nested: [],
      },
      {
        symbolicName: 'acrPull',
        type: 'Microsoft.Authorization/roleAssignments',
        lines: [86, 94],
        existing: false,
        loop: false,
        condition: false,
        nested: [],
      },
      {
        symbolicName: 'readers',
        type: 'Microsoft.Authorization/roleAssignments',
        lines: [96, 104],
        existing: false,
        loop: true,
        condition: false,
        nested: [],
      },
      {
        symbolicName: 'admin',
        type: 'Microsoft.Authorization/roleAssignments',
        lines: [106, 114],
        existing: false,
        loop: false,
        condition: true,
        nested: [],
      },
    ]);
    expect(found.modules.map((m) => [m.symbolicName, m.source, m.line, m.endLine])).toEqual([
      ['networkRoles', 'modules/network-roles.bicep', 116, 121],
      ['shared', 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.0', 123, 128],
    ]);
  });

  it('reads strings with escapes, interpolation and several lines, and skips comments', () => {
    const tokens = lexBicep(
      [
        "var a = 'it\\'s ${'{'} a } ${b({ c: 'd' })} \\${not}' // { comment",
        "/* { */ var m = '''",
        "two } lines'''",
        'x',
      ].join('\n'),
    );
    const strings = tokens.filter((t) => t.kind === 'string');
    expect(strings.map((s) => ('parts' in s ? [s.parts, s.line, s.endLine] : []))).toEqual([
      [["it's ", ' a } ', ' ${not}'], 1, 1],
      [['two } lines'], 2, 3],
    ]);
    expect(tokens.filter((t) => t.kind === 'symbol').map((t) => ('text' in t ? t.text : ''))).toEqual([
      '=',
      '=',
    ]);
    expect(tokens.at(-1)).toEqual({ kind: 'identifier', text: 'x', line: 4 });
  });

  it('reads a loop with a condition, a nested resource with a full type, and single-line bodies', () => {
    const found = findBicepDeclarations(
      [
        "resource a 'A.B/c@1' = [for x in range(0, 2): if (x > 0) {",
        "  name: 'a${x}'",
        '}]',
        "resource p 'A.B/p@1' = { name: 'p' }",
        "resource q 'A.B/p@1' = {",
        "  name: 'q', location: 'l'",
        "  resource r 'A.B/p/r@1' = {",
        "    name: 'r'",
        '  }',
        '}',
      ].join('\n'),
    );
    const [a, p, q] = found.resources;
    expect([a?.loop, a?.condition, a?.line, a?.endLine]).toEqual([true, true, 1, 3]);
    expect([p?.line, p?.endLine, p?.name?.length]).toEqual([4, 4, 1]);
    expect(q?.nested.map((r) => [r.type, r.line, r.endLine])).toEqual([['A.B/p/r', 7, 9]]);
  });
});

describe('BicepSourceMap on a template without symbolic names', () => {
  const instances = instancesOf('main.json');

  it('points each resource at its declaration in main.bicep', async () => {
    const { map } = diskMap('main.bicep');
    // The federated credential is nested in the workload identity; Bicep writes it first.
    expect(await map.locate(at(instances, '/resources/0'))).toEqual(lines(MAIN, 44, 53));
    // Two identities: their names tell them apart.
    expect(await map.locate(at(instances, '/resources/1'))).toEqual(lines(MAIN, 29, 32));
    expect(await map.locate(at(instances, '/resources/2'))).toEqual(lines(MAIN, 34, 54));
    expect(await map.locate(at(instances, '/resources/3'))).toEqual(lines(MAIN, 56, 84));
    // Three role assignments whose names go through resources (guid(acr.id, ...)): by order.
    expect(await map.locate(at(instances, '/resources/4'))).toEqual(lines(MAIN, 86, 94));
    expect(await map.locate(at(instances, '/resources/5', 0))).toEqual(lines(MAIN, 96, 104));
    expect(await map.locate(at(instances, '/resources/5', 1))).toEqual(lines(MAIN, 96, 104));
    expect(await map.locate(at(instances, '/resources/6'))).toEqual(lines(MAIN, 106, 114));
  });

  it('follows a local module into its file', async () => {
    const { map } = diskMap('main.bicep');
    const deployment = at(instances, '/resources/7');
    expect(await map.locate(deployment)).toEqual(lines(MAIN, 116, 121));
    const inner = at(instances, '/resources/7/properties/template/resources/0');
    expect(await map.locate(inner)).toEqual(lines(MODULE, 9, 17));
    expect(describeInstance(inner)).toMatchObject({
      deployments: [{ index: 7, template: { key: '' } }],
      resource: { index: 0, template: { key: '/resources/7/properties/template' } },
    });
  });

  it('does not follow a module from the registry', async () => {
    const { map } = diskMap('main.bicep');
    expect(await map.locate(at(instances, '/resources/8'))).toEqual(lines(MAIN, 123, 128));
    expect(await map.locate(at(instances, '/resources/8/properties/template/resources/0'))).toEqual({
      note: "module 'shared' comes from the registry br/public:avm/res/managed-identity/user-assigned-identity:0.4.0, not followed",
    });
  });

  it('reads and lexes each file once, however many resources are located in it', async () => {
    const { map, reads } = diskMap('main.bicep');
    await Promise.all(instances.map((i) => map.locate(i)));
    await Promise.all(instances.map((i) => map.locate(i)));
    expect(Object.fromEntries(reads)).toEqual({
      [join(fixtures, 'main.bicep')]: 1,
      [join(fixtures, 'modules', 'network-roles.bicep')]: 1,
    });
  });

  it('names a file outside the repository root by its absolute path', async () => {
    const map = new BicepSourceMap({ entry: join(fixtures, 'main.bicep'), repoRoot: join(repoRoot, 'src') });
    expect(await map.locate(at(instances, '/resources/3'))).toEqual(
      lines(join(fixtures, 'main.bicep'), 56, 84),
    );
  });
});

describe('BicepSourceMap on a template with symbolic names', () => {
  const instances = instancesOf('symbolic.json');

  it('matches by symbolic name, nested (parent::child) and existing resources and modules included', async () => {
    const { map } = diskMap('symbolic.bicep');
    expect(await map.locate(at(instances, '/resources/identity::federated'))).toEqual(
      lines(SYMBOLIC, 14, 21),
    );
    expect(await map.locate(at(instances, '/resources/acr'))).toEqual(lines(SYMBOLIC, 6, 8));
    expect(await map.locate(at(instances, '/resources/identity'))).toEqual(lines(SYMBOLIC, 10, 22));
    expect(await map.locate(at(instances, '/resources/cluster'))).toEqual(lines(SYMBOLIC, 24, 37));
    expect(await map.locate(at(instances, '/resources/acrPull'))).toEqual(lines(SYMBOLIC, 39, 47));
    expect(await map.locate(at(instances, '/resources/roles'))).toEqual(lines(SYMBOLIC, 49, 54));
    const inner = '/resources/roles/properties/template/resources';
    expect(await map.locate(at(instances, `${inner}/vnet`))).toEqual(lines(MODULE, 5, 7));
    expect(await map.locate(at(instances, `${inner}/networkContributor`))).toEqual(lines(MODULE, 9, 17));
  });
});

describe('matching rules', () => {
  const identity = 'Microsoft.ManagedIdentity/userAssignedIdentities';
  const twoIdentities = [
    "param prefix string = 'x'",
    `resource a '${identity}@2023-01-31' = {`,
    "  name: '${prefix}-a'",
    '}',
    `resource b '${identity}@2023-01-31' = {`,
    "  name: '${prefix}-b'",
    '}',
    `resource c '${identity}@2023-01-31' = {`,
    '  name: guid(a.id)',
    '}',
  ].join('\n');

  it('prefers names to order', async () => {
    const map = stringMap({ 'main.bicep': twoIdentities });
    const compiled = template([
      { type: identity, name: "[format('{0}-b', parameters('prefix'))]" },
      { type: identity, name: "[format('{0}-a', parameters('prefix'))]" },
    ]);
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 0 } })).toEqual(
      lines('main.bicep', 5, 7),
    );
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 1 } })).toEqual(
      lines('main.bicep', 2, 4),
    );
  });

  it('does not use the order when the names contradict it', async () => {
    const map = stringMap({ 'main.bicep': twoIdentities });
    const compiled = template([
      { type: identity, name: "[format('{0}-b', parameters('prefix'))]" },
      { type: identity, name: "[format('{0}-a', parameters('prefix'))]" },
      { type: identity, name: "[guid(resourceId('x', 'y'))]" },
    ]);
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 2 } })).toEqual({
      note: `main.bicep declares 3 resources of type '${identity}' and the template has 3: their names and their order disagree`,
    });
  });

  it('says so when neither the names nor the counts tell which declaration it is', async () => {
    const map = stringMap({ 'main.bicep': twoIdentities });
    const compiled = template([
      { type: identity, name: "[guid(resourceId('x', 'y'))]" },
      { type: identity, name: "[format('{0}-a', parameters('prefix'))]" },
    ]);
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 1 } })).toEqual(
      lines('main.bicep', 2, 4),
    );
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 0 } })).toEqual({
      note: `main.bicep declares 3 resources of type '${identity}' and the template has 2: their names do not tell which one this is`,
    });
  });

  it('says when the file has no resource of the type', async () => {
    const map = stringMap({ 'main.bicep': twoIdentities });
    const compiled = template([{ type: 'Microsoft.ContainerService/managedClusters', name: 'aks' }]);
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 0 } })).toEqual({
      note: "no resource of type 'Microsoft.ContainerService/managedClusters' in main.bicep",
    });
  });

  it('leaves out existing resources, which a template without symbolic names does not have', async () => {
    const map = stringMap({
      'main.bicep': [
        `resource old '${identity}@2023-01-31' existing = {`,
        "  name: 'old'",
        '}',
        `resource fresh '${identity}@2023-01-31' = {`,
        "  name: 'fresh'",
        '}',
      ].join('\n'),
    });
    const compiled = template([{ type: identity, name: 'fresh' }]);
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 0 } })).toEqual(
      lines('main.bicep', 4, 6),
    );
  });

  it('orders nested resources before top-level ones, as Bicep writes them', async () => {
    const subnets = 'Microsoft.Network/virtualNetworks/subnets';
    const map = stringMap({
      'main.bicep': [
        `resource top '${subnets}@2023-11-01' = {`,
        '  parent: vnet',
        '  name: names[0]',
        '}',
        "resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {",
        "  name: 'vnet'",
        "  resource inner 'subnets' = {",
        '    name: names[1]',
        '  }',
        '}',
      ].join('\n'),
    });
    // Names that go through an array compare with nothing here (the compiled ones are not written out).
    const compiled = template([
      { type: subnets },
      { type: 'Microsoft.Network/virtualNetworks' },
      { type: subnets },
    ]);
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 0 } })).toEqual(
      lines('main.bicep', 7, 9),
    );
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 2 } })).toEqual(
      lines('main.bicep', 1, 4),
    );
  });

  it('refuses a declaration whose loop or condition does not fit the compiled resource', async () => {
    const map = stringMap({
      'main.bicep': [
        'param on bool',
        `resource a '${identity}@2023-01-31' = if (on) {`,
        "  name: 'a'",
        "  resource fc 'federatedIdentityCredentials' = {",
        "    name: 'fc'",
        '  }',
        '}',
      ].join('\n'),
    });
    const compiled = template([
      {
        type: `${identity}/federatedIdentityCredentials`,
        name: "[format('{0}/{1}', 'a', 'fc')]",
        condition: true,
      },
      { type: identity, name: 'a', loop: true, condition: true },
    ]);
    // The nested credential has its parent's condition.
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 0 } })).toEqual(
      lines('main.bicep', 4, 6),
    );
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 1 } })).toEqual({
      note: "the resource 'a' (main.bicep:2) is no loop, and the compiled resource has a copy: not taken as its declaration",
    });
  });

  const deployments = 'Microsoft.Resources/deployments';
  const modules = [
    "module spec 'ts/shared:identity:1.0' = {",
    "  name: 'spec'",
    '}',
    "module arm 'templates/identity.json' = {",
    "  name: 'arm'",
    '}',
    "module gone 'modules/missing.bicep' = {",
    "  name: 'gone'",
    '}',
    `resource inline '${deployments}@2022-09-01' = {`,
    "  name: 'inline'",
    '}',
    "module local 'modules/local.bicep' = {",
    "  name: 'local'",
    '}',
  ].join('\n');
  const root = template([
    { type: deployments, name: 'inline' },
    { type: deployments, name: 'spec' },
    { type: deployments, name: 'arm' },
    { type: deployments, name: 'gone' },
    { type: deployments, name: 'local' },
  ]);
  const inner = template([{ type: identity, name: 'x' }], false, '/inner');
  const inside = (index: number): Parameters<BicepSourceMap['locatePath']>[0] => ({
    deployments: [{ template: root, index }],
    resource: { template: inner, index: 0 },
  });

  it('names what it does not follow, or cannot read, in a chain of modules', async () => {
    const map = stringMap({
      'main.bicep': modules,
      'modules/local.bicep':
        "resource x 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {\n  name: 'x'\n}\n",
    });
    expect(await map.locatePath(inside(0))).toEqual({
      note: "its nested deployment is the resource 'inline' at main.bicep:10, not a module: its inline template has no .bicep declarations",
    });
    expect(await map.locatePath(inside(1))).toEqual({
      note: "module 'spec' comes from the template spec ts/shared:identity:1.0, not followed",
    });
    expect(await map.locatePath(inside(2))).toEqual({
      note: "module 'arm' (main.bicep:4) is templates/identity.json, not a .bicep file",
    });
    expect(await map.locatePath(inside(3))).toEqual({
      note: 'cannot read modules/missing.bicep: no such file',
    });
    expect(await map.locatePath(inside(4))).toEqual(lines('modules/local.bicep', 1, 3));
  });

  it('says when a symbolic name is not declared', async () => {
    const map = stringMap({ 'main.bicep': twoIdentities });
    const compiled = template([{ type: identity, symbolicName: 'd', name: 'd' }], true);
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 0 } })).toEqual({
      note: "no resource or module named 'd' in main.bicep",
    });
  });

  it('says when the entry file cannot be read', async () => {
    const map = stringMap({});
    const compiled = template([{ type: identity, name: 'd' }]);
    expect(await map.locatePath({ deployments: [], resource: { template: compiled, index: 0 } })).toEqual({
      note: 'cannot read main.bicep: no such file',
    });
  });
});
