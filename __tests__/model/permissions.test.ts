// Azure's permission semantics (src/model/permissions.ts) on hand-written roles and on the shipped built-in role table
// (data/builtin-roles.json, src/model/builtin-role-table.ts). Needs nothing outside this repository.
import {
  builtInRoleDefinitionById,
  builtInRoleDefinitionByName,
  builtInRoleDefinitions,
  parseBuiltInRoleTable,
  roleDefinitionGuid,
  type BuiltInRoleDefinition,
} from '../../src/model/builtin-role-table.js';
import {
  actionMatches,
  allows,
  grantsAnyMatching,
  patternsOverlap,
  wildcardActions,
  type PermissionBlock,
  type RolePermissions,
} from '../../src/model/permissions.js';

const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write';
const ACR_PULL = 'Microsoft.ContainerRegistry/registries/pull/read';
const SUBNET_JOIN = 'Microsoft.Network/virtualNetworks/subnets/join/action';
/** The operation's name has a star of its own (Azure's operations list names it so). */
const IDENTITY_ASSIGN = 'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action';
const GET_SECRET = 'Microsoft.KeyVault/vaults/secrets/getSecret/action';

/** Operations have three segments or more, none empty: a witness of a pattern query must look like one. */
const isOperationShaped = (action: string): boolean =>
  action.split('/').length >= 3 && !action.split('/').includes('');

function block(permissions: Partial<PermissionBlock>): PermissionBlock {
  return { actions: [], notActions: [], dataActions: [], notDataActions: [], ...permissions };
}

const role = (...blocks: Partial<PermissionBlock>[]): RolePermissions => ({ blocks: blocks.map(block) });

function builtIn(name: string): BuiltInRoleDefinition {
  const found = builtInRoleDefinitionByName(name);
  if (found === undefined) throw new Error(`${name} is not in data/builtin-roles.json`);
  return found;
}

// Deterministic pseudo-random strings over a small alphabet, so that stars, slashes and repeats collide often.
function* samples(seed: number, alphabet: string, count: number, maxLength: number): Generator<string, void> {
  let state = seed;
  // A 32-bit linear congruential generator; its upper bits are the random ones.
  const next = (): number => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) >>> 16;
  for (let i = 0; i < count; i++) {
    const length = next() % (maxLength + 1);
    yield Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
  }
}

describe('actionMatches', () => {
  it.each([
    ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/virtualMachines/read', true],
    ['microsoft.compute/VIRTUALMACHINES/Read', 'Microsoft.Compute/virtualMachines/read', true],
    ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/virtualMachines/write', false],
    ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/virtualMachines/read/extra', false],
    ['*', 'Microsoft.Anything/at/any/depth/action', true],
    ['*', '', true],
    // `*` spans `/`: "read actions for all resource types of all Azure resource providers"
    ['*/read', 'Microsoft.Compute/virtualMachines/read', true],
    ['*/read', 'Microsoft.Compute/virtualMachines/write', false],
    ['*/read', 'Microsoft.Compute/virtualMachines/readers', false],
    ['Microsoft.Compute/*', 'Microsoft.Compute/virtualMachines/start/action', true],
    ['Microsoft.Compute/*', 'Microsoft.ComputeSchedule/actions/read', false],
    ['Microsoft.Network/*/read', 'Microsoft.Network/virtualNetworks/subnets/read', true],
    ['Microsoft.Authorization/*/Write', ROLE_ASSIGNMENT_WRITE, true],
    ['Microsoft.Authorization/*/Write', 'Microsoft.Authorization/roleAssignments/delete', false],
    // Managed Identity Operator's pattern grants the assign operation, whose name has a star of its own.
    ['Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', IDENTITY_ASSIGN, true],
    // A star between slashes matches text between them: it does not make the segment optional.
    [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
      false,
    ],
    [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/read',
      false,
    ],
    [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      'Microsoft.ManagedIdentity/userAssignedIdentitiesassign/action',
      false,
    ],
    [
      'Microsoft.CostManagement/*/query/*',
      'Microsoft.CostManagement/externalSubscriptions/query/action',
      true,
    ],
    ['Microsoft.CostManagement/*/query/*', 'Microsoft.CostManagement/exports/read', false],
    // A star inside a segment is a plain "any characters".
    ['Microsoft.Net*', 'Microsoft.Network/virtualNetworks/read', true],
    ['Microsoft.Net*/read', 'Microsoft.NetApp/netAppAccounts/read', true],
    ['Microsoft.Net*/read', 'Microsoft.Compute/virtualMachines/read', false],
    ['a*a*a', 'aa', false],
    ['a*a*a', 'aaa', true],
    // White space around either side is not part of an operation name (one built-in role has a trailing space).
    ['Microsoft.Network/virtualNetworks/read ', ' Microsoft.Network/virtualNetworks/read', true],
    // A star in the action is literal.
    ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/*', false],
    ['*', '*', true],
  ])('%j matches %j: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  // A backtracking matcher would not come back from this; the time it takes is measured by npm run bench.
  it('decides inputs that make backtracking matchers blow up', () => {
    const pattern = `${'*a'.repeat(2_000)}*b`;
    const action = 'a'.repeat(200_000);
    expect(actionMatches(pattern, action)).toBe(false);
  });

  // A reference that follows the definition literally: the pattern as a plain glob, by a regular expression (fine
  // for these short, generated patterns).
  function referenceMatches(pattern: string, action: string): boolean {
    const source = pattern
      .split('*')
      .map((piece) => piece.replace(/[.\\/]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${source}$`, 'is').test(action);
  }

  it('agrees with a literal reading of the definition on generated patterns and actions', () => {
    const actions = [...samples(7, 'ab/', 120, 6)];
    for (const pattern of samples(11, 'ab/*', 300, 6)) {
      for (const action of actions) {
        const expected = referenceMatches(pattern, action);
        if (actionMatches(pattern, action) !== expected)
          throw new Error(`${pattern} vs ${action}: ${!expected}`);
        // The automaton behind patternsOverlap must agree: a star-free action shaped like an operation overlaps a
        // pattern iff it matches.
        if (patternsOverlap(pattern, action) !== (expected && isOperationShaped(action)))
          throw new Error(`patternsOverlap(${pattern}, ${action}) is ${!expected}`);
      }
    }
  });
});

describe('patternsOverlap', () => {
  it.each([
    ['Microsoft.Network/*', '*/read', true],
    ['Microsoft.Network/*', 'Microsoft.Compute/*', false],
    ['*/read', '*/write', false],
    ['Microsoft.Authorization/*/read', 'Microsoft.Authorization/roleAssignments/*', true],
    ['Microsoft.Net*', 'Microsoft.NetApp/*', true],
    ['Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', IDENTITY_ASSIGN, true],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(patternsOverlap(a, b)).toBe(expected);
    expect(patternsOverlap(b, a)).toBe(expected);
  });
});

describe('allows, on hand-written roles', () => {
  it('subtracts notActions only within their own block', () => {
    const broad = { actions: ['*'], notActions: ['Microsoft.Authorization/*/write'] };
    expect(allows(role(broad), ROLE_ASSIGNMENT_WRITE, 'action')).toBe('no');
    expect(allows(role(broad, { actions: [ROLE_ASSIGNMENT_WRITE] }), ROLE_ASSIGNMENT_WRITE, 'action')).toBe(
      'yes',
    );
  });

  it('keeps control-plane and data-plane permissions apart', () => {
    expect(allows(role({ actions: ['*'] }), GET_SECRET, 'dataAction')).toBe('no');
    expect(allows(role({ dataActions: ['*'] }), 'Microsoft.KeyVault/vaults/write', 'action')).toBe('no');
    expect(allows(role({ dataActions: ['Microsoft.KeyVault/*'] }), GET_SECRET, 'dataAction')).toBe('yes');
    expect(
      allows(
        role({ dataActions: ['Microsoft.KeyVault/*'], notDataActions: ['*/getSecret/action'] }),
        GET_SECRET,
        'dataAction',
      ),
    ).toBe('no');
  });

  it('is conditional when only a block with an ABAC condition grants the action', () => {
    const conditional = { actions: [ROLE_ASSIGNMENT_WRITE, 'Microsoft.Support/*'], conditional: true };
    expect(allows(role(conditional), ROLE_ASSIGNMENT_WRITE, 'action')).toBe('conditional');
    expect(allows(role(conditional), 'Microsoft.Support/supportTickets/write', 'action')).toBe('conditional');
    expect(allows(role(conditional, { actions: ['*'] }), ROLE_ASSIGNMENT_WRITE, 'action')).toBe('yes');
    expect(allows(role(conditional), 'Microsoft.Compute/virtualMachines/read', 'action')).toBe('no');
  });

  it('grants outright what a guard-style condition does not constrain', () => {
    const guarded = {
      actions: [ROLE_ASSIGNMENT_WRITE, 'Microsoft.Support/*'],
      conditional: true,
      conditionAppliesTo: [ROLE_ASSIGNMENT_WRITE],
    };
    expect(allows(role(guarded), ROLE_ASSIGNMENT_WRITE, 'action')).toBe('conditional');
    expect(allows(role(guarded), 'Microsoft.Support/supportTickets/write', 'action')).toBe('yes');
  });

  it('grants nothing without blocks', () => {
    expect(allows({ blocks: [] }, 'Microsoft.Compute/virtualMachines/read', 'action')).toBe('no');
  });
});

describe('allows, on built-in roles from the shipped table', () => {
  it.each([
    ['Owner', ROLE_ASSIGNMENT_WRITE, 'yes'],
    // Contributor's notActions take out Microsoft.Authorization/*/Write.
    ['Contributor', ROLE_ASSIGNMENT_WRITE, 'no'],
    ['User Access Administrator', ROLE_ASSIGNMENT_WRITE, 'yes'],
    // The role definition has no condition: the constrained delegation Azure recommends with it is a condition on the
    // role assignment, which only an assignment's own `condition` can show.
    ['Role Based Access Control Administrator', ROLE_ASSIGNMENT_WRITE, 'yes'],
    // `*` minus role-assignment writes in one block; the writes under an ABAC condition in another.
    ['Service Group Administrator', ROLE_ASSIGNMENT_WRITE, 'conditional'],
    // A guard-style condition on role assignments only; the rest of the same block is granted outright.
    ['Key Vault Data Access Administrator', ROLE_ASSIGNMENT_WRITE, 'conditional'],
    ['Key Vault Data Access Administrator', 'Microsoft.Support/supportTickets/write', 'yes'],
    // A condition on the whole block (@Resource[HasObotoken]) makes every grant conditional.
    ['Oracle Database DbSystems Administrator', 'Microsoft.Network/virtualNetworks/read', 'conditional'],
    ['AcrPull', ACR_PULL, 'yes'],
    // Reader's `*/read` covers registries/pull/read; the ACR roles page likewise counts Reader among the roles that
    // can `docker pull` (in registries using RBAC registry permissions, not ABAC repository permissions).
    ['Reader', ACR_PULL, 'yes'],
    ['Reader', 'Microsoft.ContainerRegistry/registries/push/write', 'no'],
    ['Network Contributor', SUBNET_JOIN, 'yes'],
    ['Managed Identity Operator', IDENTITY_ASSIGN, 'yes'],
    ['Managed Identity Contributor', IDENTITY_ASSIGN, 'no'],
    ['Managed Identity Contributor', 'Microsoft.ManagedIdentity/userAssignedIdentities/write', 'yes'],
  ] as const)('%s: %s is %s', (name, action, expected) => {
    expect(allows(builtIn(name), action, 'action')).toBe(expected);
  });

  it('Key Vault Secrets User reads secrets on the data plane and writes nothing on the control plane', () => {
    const secretsUser = builtIn('Key Vault Secrets User');
    expect(allows(secretsUser, GET_SECRET, 'dataAction')).toBe('yes');
    expect(allows(secretsUser, GET_SECRET, 'action')).toBe('no');
    expect(allows(secretsUser, 'Microsoft.KeyVault/vaults/write', 'action')).toBe('no');
    expect(grantsAnyMatching(secretsUser, '*/write', 'action')).toBe('no');
    expect(grantsAnyMatching(secretsUser, '*', 'action')).toBe('no');
  });

  it('Owner and Contributor grant no data action: `*` stops at the control plane', () => {
    expect(allows(builtIn('Owner'), GET_SECRET, 'dataAction')).toBe('no');
    expect(grantsAnyMatching(builtIn('Contributor'), '*', 'dataAction')).toBe('no');
  });
});

describe('grantsAnyMatching', () => {
  it.each([
    ['Owner', 'Microsoft.Authorization/*', 'yes'],
    ['Reader', 'Microsoft.Network/*', 'yes'],
    ['Reader', '*/write', 'no'],
    ['Contributor', 'Microsoft.Authorization/roleAssignments/*', 'yes'], // roleAssignments/read survives the notActions
    ['Contributor', 'Microsoft.Authorization/*/write', 'no'],
    ['Contributor', 'Microsoft.Authorization/*/delete', 'no'],
    ['Contributor', ROLE_ASSIGNMENT_WRITE, 'no'],
    ['Network Contributor', 'Microsoft.Network/*', 'yes'],
    ['Network Contributor', 'Microsoft.Compute/*', 'no'],
    ['AcrPull', 'Microsoft.ContainerRegistry/*', 'yes'],
    ['AcrPull', '*/write', 'no'],
    ['Service Group Administrator', ROLE_ASSIGNMENT_WRITE, 'conditional'],
    ['Service Group Administrator', 'Microsoft.Authorization/roleAssignments/*', 'yes'], // read, via `*`
    ['Key Vault Data Access Administrator', 'Microsoft.Authorization/roleAssignments/delete', 'conditional'],
    ['Key Vault Data Access Administrator', '*/write', 'yes'], // Microsoft.Resources/deployments/*
    ['Oracle Database DbSystems Administrator', 'Microsoft.Network/*', 'conditional'],
  ] as const)('%s, %s: %s', (name, query, expected) => {
    expect(grantsAnyMatching(builtIn(name), query, 'action')).toBe(expected);
  });

  it('decides wildcard against wildcard exactly, exclusions included', () => {
    const storage = role({
      actions: ['Microsoft.Storage/*'],
      notActions: ['Microsoft.Storage/*/write', 'Microsoft.Storage/*/delete'],
    });
    expect(grantsAnyMatching(storage, 'Microsoft.Storage/storageAccounts/*', 'action')).toBe('yes');
    expect(grantsAnyMatching(storage, 'Microsoft.Storage/*/write', 'action')).toBe('no');
    expect(grantsAnyMatching(storage, '*/delete', 'action')).toBe('no');

    // Exclusions that together, not singly, cover the query.
    const carved = role({ actions: ['a/*'], notActions: ['a/x/*', 'a/x'] });
    expect(grantsAnyMatching(carved, 'a/x*', 'action')).toBe('yes'); // a/xy/... is neither a/x nor under a/x/
    expect(grantsAnyMatching(carved, 'a/x/*', 'action')).toBe('no');

    const readsButCompute = role({ actions: ['*/read'], notActions: ['Microsoft.Compute/*'] });
    expect(grantsAnyMatching(readsButCompute, 'Microsoft.Compute/*', 'action')).toBe('no');
    expect(grantsAnyMatching(readsButCompute, 'Microsoft.Compute*', 'action')).toBe('yes'); // Microsoft.ComputeSchedule/...
  });

  it('counts a grant only once the block its exclusions belong to is considered', () => {
    const twoBlocks = role(
      { actions: ['*'], notActions: ['Microsoft.Authorization/*'] },
      { actions: ['Microsoft.Authorization/locks/*'] },
    );
    expect(grantsAnyMatching(twoBlocks, 'Microsoft.Authorization/*', 'action')).toBe('yes');
    expect(grantsAnyMatching(twoBlocks, 'Microsoft.Authorization/roleAssignments/*', 'action')).toBe('no');
  });

  it('agrees with brute force over short action strings on generated roles', () => {
    // Every string up to 7 characters over `a`, `/` and one character no pattern uses: enough for witnesses of these
    // short patterns (checked against 10 characters while writing this test).
    const strings = [''];
    for (let length = 1, last = ['']; length <= 7; length++) {
      last = last.flatMap((prefix) => ['a', '/', 'c'].map((char) => prefix + char));
      strings.push(...last);
    }
    const patterns = samples(5, 'a/*', 600, 4);
    const next = (): string => patterns.next().value ?? '';
    for (let i = 0; i < 150; i++) {
      const [pattern, query, notA, notB] = [next(), `${next()}*`, next(), next()];
      const generated = role({ actions: [pattern], notActions: [notA, notB] });
      const witness = strings.find(
        (action) =>
          isOperationShaped(action) &&
          actionMatches(query, action) &&
          actionMatches(pattern, action) &&
          !actionMatches(notA, action) &&
          !actionMatches(notB, action),
      );
      const expected = witness === undefined ? 'no' : 'yes';
      if (grantsAnyMatching(generated, query, 'action') !== expected)
        throw new Error(
          `${JSON.stringify(generated)}, ${query}: expected ${expected} (${witness ?? 'no witness'})`,
        );
    }
  });

  it('finds every grant that sample operations reveal, on every built-in role', () => {
    const operations = [
      ROLE_ASSIGNMENT_WRITE,
      'Microsoft.Authorization/roleAssignments/read',
      'Microsoft.Authorization/roleDefinitions/write',
      'Microsoft.Authorization/locks/delete',
      ACR_PULL,
      'Microsoft.ContainerRegistry/registries/push/write',
      'Microsoft.ContainerRegistry/registries/write',
      SUBNET_JOIN,
      'Microsoft.Network/virtualNetworks/read',
      'Microsoft.Network/privateDnsZones/A/write',
      IDENTITY_ASSIGN,
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
    ];
    const queries = [
      'Microsoft.Authorization/*',
      'Microsoft.Authorization/roleAssignments/*',
      'Microsoft.ContainerRegistry/*',
      'Microsoft.Network/*/write',
      'Microsoft.ManagedIdentity/*',
    ];
    const rank = { no: 0, conditional: 1, yes: 2 } as const;
    for (const builtInRole of builtInRoleDefinitions()) {
      for (const query of queries) {
        const answer = grantsAnyMatching(builtInRole, query, 'action');
        for (const operation of operations.filter((each) => actionMatches(query, each))) {
          const sampled = allows(builtInRole, operation, 'action');
          if (rank[sampled] > rank[answer])
            throw new Error(`${builtInRole.name}, ${query}: ${answer}, but ${operation} is ${sampled}`);
        }
      }
    }
  });
});

describe('wildcardActions', () => {
  it('lists the granting patterns with a wildcard, as written and once each', () => {
    expect(wildcardActions(builtIn('Owner'))).toEqual(['*']);
    expect(wildcardActions(builtIn('Reader'))).toEqual(['*/read']);
    expect(wildcardActions(builtIn('AcrPull'))).toEqual([]);
    expect(wildcardActions(builtIn('Key Vault Secrets User'))).toEqual([]);
    const mixed = role(
      {
        actions: ['Microsoft.Web/*', 'Microsoft.Web/sites/read'],
        notActions: ['*'],
        dataActions: ['Microsoft.Web/*/x'],
      },
      { actions: ['microsoft.web/*'] },
    );
    expect(wildcardActions(mixed, 'action')).toEqual(['Microsoft.Web/*']);
    expect(wildcardActions(mixed, 'dataAction')).toEqual(['Microsoft.Web/*/x']);
    expect(wildcardActions(mixed)).toEqual(['Microsoft.Web/*', 'Microsoft.Web/*/x']);
  });
});

describe('the built-in role table', () => {
  const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

  it('holds every built-in role once', () => {
    const roles = builtInRoleDefinitions();
    expect(roles).toHaveLength(933);
    expect(new Set(roles.map((each) => each.guid)).size).toBe(roles.length);
    expect(new Set(roles.map((each) => each.name.trim().toLowerCase())).size).toBe(roles.length);
  });

  it.each([
    OWNER,
    OWNER.toUpperCase(),
    ` ${OWNER} `,
    `/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
    `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
    `/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEDEFINITIONS/${OWNER.toUpperCase()}`,
    `/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Authorization/roleDefinitions/${OWNER}/`,
    `/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
  ])('finds Owner by %s', (id) => {
    expect(roleDefinitionGuid(id)).toBe(OWNER);
    expect(builtInRoleDefinitionById(id)?.name).toBe('Owner');
  });

  it.each([
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    `/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/ffffffff-ffff-ffff-ffff-ffffffffffff`,
    // IDs that end in Owner's GUID but name something else.
    `/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/${OWNER}`,
    `providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
    `/providers/Microsoft.Authorization/roleDefinitions/${OWNER}x`,
    'Owner',
    '',
  ])('knows no role by %j', (id) => {
    expect(builtInRoleDefinitionById(id)).toBeUndefined();
  });

  it.each([
    ['owner', 'Owner'],
    ['  ACRPULL ', 'AcrPull'],
    ['network contributor', 'Network Contributor'],
    // Azure's own name carries a trailing space.
    ['Azure Arc VMware Administrator role', 'Azure Arc VMware Administrator role '],
  ])('finds %j by name', (query, name) => {
    expect(builtInRoleDefinitionByName(query)?.name).toBe(name);
  });

  it.each(['Ownr', 'Owner Contributor', '', OWNER])('knows no role named %j', (name) => {
    expect(builtInRoleDefinitionByName(name)).toBeUndefined();
  });

  it('returns the role with its GUID and blocks', () => {
    expect(builtInRoleDefinitionByName('AcrPull')).toEqual({
      name: 'AcrPull',
      guid: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
      blocks: [{ actions: [ACR_PULL], notActions: [], dataActions: [], notDataActions: [] }],
    });
  });

  it.each([
    ['not JSON', '{', /is not JSON/],
    ['another format', '{"format": 2, "roles": []}', /format is 2, expected 1/],
    ['no roles', '{"format": 1}', /roles is not a list/],
    ['a bad GUID', '{"format": 1, "roles": [{"name": "X", "guid": "X", "blocks": []}]}', /roles\[0\]\.guid/],
    [
      'a non-string action',
      '{"format": 1, "roles": [{"name": "X", "guid": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "blocks": [{"actions": [1]}]}]}',
      /roles\[0\]\.blocks\[0\]\.actions is not a list of strings/,
    ],
    [
      'a condition scope on a block without a condition',
      '{"format": 1, "roles": [{"name": "X", "guid": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "blocks": [{"conditionAppliesTo": []}]}]}',
      /roles\[0\]\.blocks\[0\]\.conditionAppliesTo is set on a block without a condition/,
    ],
  ])('refuses a table with %s, naming the entry', (_, text, message) => {
    expect(() => parseBuiltInRoleTable(text, 'table.json')).toThrow(message);
  });
});
