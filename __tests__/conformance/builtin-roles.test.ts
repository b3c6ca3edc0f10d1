// The committed built-in role table (data/builtin-roles.json) against its source, the shared reference dump of
// `az role definition list`: the table must be exactly what scripts/gen-builtin-roles.mjs derives from it today, and
// must keep every role and permission of it. Runs only where ../shared (or $AKS_IDENTITY_LINT_SHARED) is checked out;
// the linter itself and the other tests never need it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDir = resolve(process.env['AKS_IDENTITY_LINT_SHARED'] ?? join(repoRoot, '..', 'shared'));
const referencePath = join(sharedDir, 'reference', 'builtin-roles.json');
const tablePath = join(repoRoot, 'data', 'builtin-roles.json');
const generator = join(repoRoot, 'scripts', 'gen-builtin-roles.mjs');
/** The reference's own count (builtin-roles.SOURCE.md there: "933 Azure built-in role definitions"). */
const REFERENCE_ROLE_COUNT = 933;

const PERMISSION_KEYS = ['actions', 'notActions', 'dataActions', 'notDataActions'] as const;
type PermissionKey = (typeof PERMISSION_KEYS)[number];
type Permissions = Partial<Record<PermissionKey, string[]>>;

interface ReferenceRole extends Permissions {
  roleName: string;
  id: string;
  conditions?: (Permissions & { condition: string })[];
}

interface TableBlock extends Permissions {
  conditional?: true;
  conditionAppliesTo?: string[];
}

interface Table {
  source: { sha256: string; roles: number };
  roles: { name: string; guid: string; blocks: TableBlock[] }[];
}

const present = existsSync(referencePath);
// Written to stderr rather than the console: Jest does not show a skipped file's console output when it runs several.
if (!present) {
  process.stderr.write(
    `Skipping the built-in role table conformance tests: ${referencePath} is not here. Check out ../shared next to ` +
      'this repository, or set AKS_IDENTITY_LINT_SHARED to the shared directory, to run them.\n',
  );
}

(present ? describe : describe.skip)('data/builtin-roles.json against the shared reference', () => {
  const readReference = (): ReferenceRole[] =>
    JSON.parse(readFileSync(referencePath, 'utf8')) as ReferenceRole[];
  const readTable = (): Table => JSON.parse(readFileSync(tablePath, 'utf8')) as Table;

  it('is exactly what scripts/gen-builtin-roles.mjs writes from the reference today', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'builtin-roles-'));
    try {
      const out = join(outDir, 'builtin-roles.json');
      const run = spawnSync(process.execPath, [generator, '--out', out], {
        cwd: repoRoot,
        env: { ...process.env, AKS_IDENTITY_LINT_SHARED: sharedDir },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const regenerated = readFileSync(out, 'utf8');
      const committed = readFileSync(tablePath, 'utf8');
      // Contents first, for a readable difference; then the bytes, formatting included.
      expect(JSON.parse(committed)).toEqual(JSON.parse(regenerated));
      expect(committed).toBe(regenerated);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it(`holds all ${REFERENCE_ROLE_COUNT} roles of the reference, each under its own name and GUID`, () => {
    const reference = readReference();
    const table = readTable();
    expect(reference).toHaveLength(REFERENCE_ROLE_COUNT);
    expect(table.roles).toHaveLength(REFERENCE_ROLE_COUNT);
    expect(table.source.roles).toBe(REFERENCE_ROLE_COUNT);
    const byGuid = new Map(table.roles.map((role) => [role.guid, role]));
    for (const role of reference) expect(byGuid.get(role.id)?.name).toBe(role.roleName);
  });

  // Independent of the generator's code: the table's blocks, joined in order, give back the reference's joined arrays,
  // and its conditional blocks are the reference's `conditions` entries.
  it('keeps every permission of every role, in blocks that join back to the reference', () => {
    const reference = readReference();
    const byGuid = new Map(readTable().roles.map((role) => [role.guid, role]));
    for (const role of reference) {
      const blocks = byGuid.get(role.id)?.blocks ?? [];
      for (const key of PERMISSION_KEYS) {
        expect({ role: role.roleName, key, joined: blocks.flatMap((block) => block[key] ?? []) }).toEqual({
          role: role.roleName,
          key,
          joined: role[key] ?? [],
        });
      }
      const conditional = blocks.filter((block) => block.conditional === true);
      expect(conditional).toHaveLength(role.conditions?.length ?? 0);
      conditional.forEach((block, i) => {
        for (const key of PERMISSION_KEYS)
          expect(block[key] ?? []).toEqual(role.conditions?.[i]?.[key] ?? []);
      });
    }
  });
});
