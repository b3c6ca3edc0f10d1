import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePolicyText, formatProblem, loadPolicies, PolicyLoadError } from '../../src/policy/load.js';

const valid = {
  id: 'CUSTOM001',
  title: 'Clusters have Kubernetes RBAC',
  severity: 'high',
  target: 'cluster',
  assert: { field: 'kubernetesRbacEnabled', equals: true },
  message: 'Cluster {{name}} has RBAC off',
  remediation: { summary: 'Turn RBAC on.' },
};

function problemsOf(policy: unknown): string[] {
  const text = JSON.stringify(policy, null, 2);
  return compilePolicyText(text, 'p.json', false).problems.map(formatProblem);
}

describe('policy validation', () => {
  it('accepts a valid policy', () => {
    const result = compilePolicyText(JSON.stringify(valid), 'p.json', false);
    expect(result.problems).toEqual([]);
    expect(result.policy?.policy.id).toBe('CUSTOM001');
  });

  it('names file, line:column, JSON pointer and what was expected', () => {
    expect(problemsOf({ ...valid, severity: 'urgent' })).toEqual([
      'p.json:4:3 /severity: expected one of: critical, high, medium, low, info',
    ]);
  });

  it('reports a missing property at the object that lacks it', () => {
    const withoutMessage: Partial<typeof valid> = { ...valid };
    delete withoutMessage.message;
    expect(problemsOf(withoutMessage)).toEqual(["p.json:1:1: missing required property 'message'"]);
  });

  it('reports an unknown property where it is written', () => {
    expect(problemsOf({ ...valid, sevrity: 'high' })).toEqual([
      "p.json:14:3 /sevrity: unknown property 'sevrity'",
    ]);
  });

  it('explains a condition by its own form, not by all five', () => {
    expect(problemsOf({ ...valid, assert: { field: 'name', equal: 'x' } })).toEqual([
      expect.stringMatching(
        /^p\.json:8:5 \/assert\/equal: unknown property 'equal' \(operators: equals, notEquals/,
      ),
    ]);
  });

  it('asks for exactly one operator', () => {
    expect(problemsOf({ ...valid, assert: { field: 'name' } })).toEqual([
      expect.stringMatching(/^p\.json:6:3 \/assert: a field condition needs one operator: equals/),
    ]);
    expect(problemsOf({ ...valid, assert: { field: 'name', equals: 'a', notEquals: 'b' } })).toEqual([
      'p.json:6:3 /assert: a field condition takes exactly one operator; found equals, notEquals',
    ]);
  });

  it('finds problems deep inside nested conditions', () => {
    const assert = {
      allOf: [{ field: 'a', exists: true }, { not: { count: { field: 'b[*]' }, greater: -1 } }],
    };
    expect(problemsOf({ ...valid, assert })).toEqual([
      'p.json:17:11 /assert/allOf/1/not/greater: expected a number of at least 0',
    ]);
  });

  it('rejects a value of the wrong form', () => {
    expect(problemsOf({ ...valid, assert: { field: 'a', equals: { value: 1 } } })).toEqual([
      'p.json:8:5 /assert/equals: expected a string, number, boolean, null or {"field": "<path>"}',
    ]);
  });

  it('rejects a malformed field path', () => {
    expect(problemsOf({ ...valid, assert: { field: 'a..b', exists: true } })).toEqual([
      expect.stringMatching(/^p\.json:7:5 \/assert\/field: not a field path/),
    ]);
  });

  it('rejects something that is not a condition at all', () => {
    expect(problemsOf({ ...valid, when: 'always' })).toEqual([
      "p.json:14:3 /when: expected a condition: an object with 'field' and one operator, or 'count', 'allOf', 'anyOf' or 'not'",
    ]);
  });

  it('reports every problem of a file at once', () => {
    expect(problemsOf({ ...valid, id: '1bad', severity: 'urgent', target: 'pod' })).toHaveLength(3);
  });

  it('reports JSON syntax errors with their position', () => {
    expect(
      compilePolicyText('{\n  "id": "X",\n  oops\n}', 'p.json', false).problems.map(formatProblem),
    ).toEqual(['p.json:3:3: not valid JSON (InvalidSymbol); expected a policy object']);
  });

  it('reports semantic problems the schema cannot express, with their position', () => {
    expect(problemsOf({ ...valid, assert: { field: '$outer.name', exists: true } })).toEqual([
      "p.json:7:5 /assert/field: '$outer.' reaches the element enclosing a count's where; '$outer.name' is not inside one",
    ]);
  });
});

describe('loading policy directories', () => {
  async function dirWith(files: Record<string, unknown>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'policies-'));
    for (const [name, content] of Object.entries(files)) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(
        join(dir, name),
        typeof content === 'string' ? content : JSON.stringify(content, null, 2),
      );
    }
    return dir;
  }

  it('loads policies recursively, sorted by ID', async () => {
    const dir = await dirWith({ 'b.json': { ...valid, id: 'B1' }, 'nested/a.json': { ...valid, id: 'A1' } });
    const policies = await loadPolicies([{ dir, builtIn: false }]);
    expect(policies.map((p) => p.policy.id)).toEqual(['A1', 'B1']);
  });

  it('rejects two policies with one ID, naming both files', async () => {
    const dir = await dirWith({ 'a.json': valid, 'b.json': valid });
    const error = await loadPolicies([{ dir, builtIn: false }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect((error as PolicyLoadError).problems.map((p) => [p.pointer, p.line, p.message])).toEqual([
      ['/id', 2, expect.stringMatching(/^duplicate policy ID CUSTOM001 \(also in .*a\.json\)$/)],
    ]);
  });

  it('rejects a custom policy that reuses a built-in ID', async () => {
    const dir = await dirWith({ 'mine.json': { ...valid, id: 'AKSID001' } });
    const error = await loadPolicies([
      { dir: 'policies', builtIn: true },
      { dir, builtIn: false },
    ]).catch((e: unknown) => e);
    expect((error as PolicyLoadError).message).toMatch(
      /mine\.json:2:3 \/id: duplicate policy ID AKSID001 \(also in policies\/AKSID001\.json\)/,
    );
  });

  it('rejects a directory that does not exist', async () => {
    const error = await loadPolicies([{ dir: 'no/such/dir', builtIn: false }]).catch((e: unknown) => e);
    expect((error as PolicyLoadError).message).toBe('no/such/dir: the policy directory does not exist');
  });

  it('reports the problems of every file, and loads nothing', async () => {
    const dir = await dirWith({ 'a.json': { ...valid, severity: 'x' }, 'b.json': '{ not json' });
    const error = (await loadPolicies([{ dir, builtIn: false }]).catch((e: unknown) => e)) as PolicyLoadError;
    expect(error.problems).toHaveLength(2);
  });
});
