import { compilePolicyText, formatProblem } from '../../src/policy/load.js';
import { ModelSchema, nearest } from '../../src/policy/model-schema.js';

const base = {
  id: 'ORG001',
  title: 'Kubelet identities never hold Owner',
  severity: 'high',
  target: 'cluster',
  assert: {
    count: { field: 'kubeletRoleAssignments[*]', where: { field: 'role.name', equals: 'Owner' } },
    equals: 0,
  },
  message: "Cluster '{{name}}' gives its kubelet identity Owner.",
  remediation: { summary: 'Grant AcrPull only.' },
};

function problemsOf(policy: Record<string, unknown>): string[] {
  return compilePolicyText(JSON.stringify(policy, null, 2), 'org.json', false).problems.map(formatProblem);
}

describe('field paths are checked against the model when a policy loads', () => {
  it('accepts every field the model has', () => {
    expect(problemsOf(base)).toEqual([]);
  });

  it('rejects a misspelt counted array, with the nearest field', () => {
    const typo = {
      ...base,
      assert: { ...base.assert, count: { ...base.assert.count, field: 'kubeletRoleAsignments[*]' } },
    };
    expect(problemsOf(typo)).toEqual([
      "org.json:8:7 /assert/count/field: unknown field 'kubeletRoleAsignments' in 'kubeletRoleAsignments[*]': cluster has no such field; did you mean 'kubeletRoleAssignments'?",
    ]);
  });

  it('checks paths inside a count where against the counted element', () => {
    const typo = {
      ...base,
      assert: {
        ...base.assert,
        count: { ...base.assert.count, where: { field: 'role.nmae', equals: 'Owner' } },
      },
    };
    expect(problemsOf(typo)).toEqual([
      "org.json:10:9 /assert/count/where/field: unknown field 'nmae' in 'role.nmae': 'role' has no such field; did you mean 'name'?",
    ]);
  });

  it('checks $outer paths against the enclosing element, and field-to-field operands', () => {
    const policy = {
      ...base,
      assert: {
        count: {
          field: 'registries[*]',
          where: {
            count: {
              field: '$outer.kubeletRoleAssignments[*]',
              where: { field: 'scope.id', in: { field: '$outer.scopeChian' } },
            },
            equals: 0,
          },
        },
        equals: 0,
      },
    };
    expect(problemsOf(policy)).toEqual([
      expect.stringMatching(
        /\/assert\/count\/where\/count\/where\/in\/field: unknown field 'scopeChian' in '\$outer\.scopeChian': registry has no such field; did you mean 'scopeChain'\?$/,
      ),
    ]);
  });

  it('says how to address the elements of a list', () => {
    expect(problemsOf({ ...base, assert: { field: 'registries.name', equals: 'x' } })).toEqual([
      expect.stringContaining(
        "'registries' in 'registries.name' is a list: address its elements with 'registries[*].name'",
      ),
    ]);
  });

  it('rejects [*] on a field that is no list, and a count over one', () => {
    expect(problemsOf({ ...base, assert: { field: 'name[*]', equals: 'x' } })).toEqual([
      expect.stringContaining("'name' in 'name[*]' is not a list, so it takes no [*]"),
    ]);
    expect(problemsOf({ ...base, assert: { count: { field: 'identity' }, equals: 0 } })).toEqual([
      expect.stringContaining("'identity' is not a list, so there is nothing to count"),
    ]);
  });

  it('checks message templates', () => {
    expect(problemsOf({ ...base, message: 'Cluster {{name}} uses {{servicePrincipal.clientID}}' })).toEqual([
      "org.json:16:3 /message: unknown field 'clientID' in 'servicePrincipal.clientID': 'servicePrincipal' has no such field; did you mean 'clientId'?",
    ]);
  });

  it('checks the fields of embedded examples, so a misspelt example cannot pass by accident', () => {
    const policy = {
      ...base,
      examples: { fail: [{ kubeletRoleAsignments: [{ role: { name: 'Owner' } }] }] },
    };
    expect(problemsOf(policy)).toEqual([
      expect.stringMatching(
        /\/examples\/fail\/0\/kubeletRoleAsignments: unknown field 'kubeletRoleAsignments'.*did you mean 'kubeletRoleAssignments'\?$/,
      ),
    ]);
  });

  it('lets a policy read anything under raw, the input as written', () => {
    expect(
      problemsOf({ ...base, assert: { field: 'raw.properties.anything[0].goes', exists: true } }),
    ).toEqual([]);
  });
});

describe('the model schema', () => {
  it('lists every field of an entity with its type and meaning', () => {
    const fields = ModelSchema.get().fields('cluster');
    expect(fields).toEqual(
      expect.arrayContaining([
        {
          path: 'identity.type',
          type: 'string or unknown',
          description: expect.stringContaining('SystemAssigned') as string,
        },
        {
          path: 'kubeletRoleAssignments',
          type: 'list of roleAssignment',
          description: expect.any(String) as string,
        },
        {
          path: 'network.subnets[*].scopeChain',
          type: 'list of (string or unknown)',
          description: expect.any(String) as string,
        },
      ]),
    );
    expect(fields.every((f) => f.description !== '')).toBe(true);
  });

  it('suggests the nearest names, closest first, and none when nothing is near', () => {
    expect(
      nearest('kubeletRoleAsignments', ['kubeletRoleAssignments', 'controlPlaneRoleAssignments', 'name']),
    ).toEqual(['kubeletRoleAssignments']);
    expect(nearest('zzzz', ['kubeletIdentity', 'name'])).toEqual([]);
  });
});
