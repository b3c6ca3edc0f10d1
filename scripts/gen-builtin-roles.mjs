// Derives data/builtin-roles.json, the table of Azure built-in role definitions the linter ships, from the shared
// reference dump (../shared/reference/builtin-roles.json, or $AKS_IDENTITY_LINT_SHARED/reference/...). The output is
// committed, so the linter never needs ../shared; run this only when the reference changes:
//
//   node scripts/gen-builtin-roles.mjs                 rewrite data/builtin-roles.json
//   node scripts/gen-builtin-roles.mjs --out <file>    write elsewhere (the conformance test compares the two)
//   node scripts/gen-builtin-roles.mjs --check         exit 1 when the committed table is not what this would write
//
// What the output keeps, and why, is in data/builtin-roles.SOURCE.md.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tablePath = join(repoRoot, 'data', 'builtin-roles.json');
const TABLE_FORMAT = 1;
const PERMISSION_KEYS = ['actions', 'notActions', 'dataActions', 'notDataActions'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class SourceError extends Error {}

function sharedDir() {
  return resolve(process.env.AKS_IDENTITY_LINT_SHARED ?? join(repoRoot, '..', 'shared'));
}

function fail(role, message) {
  throw new SourceError(`${role?.roleName ?? '(unnamed role)'}: ${message}`);
}

function stringArray(role, value, what) {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    fail(role, `${what} is not an array of strings`);
  return value;
}

const sameSequence = (a, b) => a.length === b.length && a.every((item, i) => item === b[i]);
const concat = (blocks, key) => blocks.flatMap((block) => block[key]);

/**
 * The source joins a role's permission blocks into one set of arrays and repeats the blocks that carry an ABAC
 * condition under `conditions`. Joining loses which notActions belong to which block, and Azure applies notActions
 * only within their block, so the blocks are rebuilt: the joined arrays are the blocks concatenated in order, the
 * conditional ones known, and what remains is the role's one unconditional block. The split must be the same for all
 * four arrays and unambiguous, or the script stops rather than guess.
 */
function splitBlocks(role, conditionalBlocks) {
  const candidates = [];
  for (let before = 0; before <= conditionalBlocks.length; before++) {
    const head = conditionalBlocks.slice(0, before);
    const tail = conditionalBlocks.slice(before);
    const rest = {};
    const fits = PERMISSION_KEYS.every((key) => {
      const joined = role[key];
      const prefix = concat(head, key);
      const suffix = concat(tail, key);
      if (prefix.length + suffix.length > joined.length) return false;
      if (!sameSequence(joined.slice(0, prefix.length), prefix)) return false;
      if (!sameSequence(joined.slice(joined.length - suffix.length), suffix)) return false;
      rest[key] = joined.slice(prefix.length, joined.length - suffix.length);
      return true;
    });
    if (fits) candidates.push({ before, rest });
  }
  if (candidates.length === 0)
    fail(role, 'its `conditions` blocks are not a prefix/suffix of its joined permission arrays');
  const [first] = candidates;
  const sameRest = candidates.every(({ rest }) =>
    PERMISSION_KEYS.every((key) => sameSequence(rest[key], first.rest[key])),
  );
  if (!sameRest) fail(role, 'its unconditional block cannot be told apart from its conditional ones');
  const restIsEmpty = PERMISSION_KEYS.every((key) => first.rest[key].length === 0);
  // With an empty remainder every split point is equivalent; the blocks are then the conditional ones, in order.
  if (restIsEmpty) return conditionalBlocks;
  return [
    ...conditionalBlocks.slice(0, first.before),
    { ...first.rest, conditional: false },
    ...conditionalBlocks.slice(first.before),
  ];
}

/**
 * The top-level AND-ed parts of an ABAC condition, or undefined when it does not parse as parenthesised parts joined
 * by AND / &&. Quoted strings and {...} value lists are skipped so that their contents cannot split a part.
 */
function topLevelConjuncts(condition) {
  const parts = [];
  let depth = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i < condition.length; i++) {
    const c = condition[i];
    if (quoted) {
      if (c === "'") quoted = false;
      continue;
    }
    if (c === "'") quoted = true;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (depth === 0) {
      const rest = condition.slice(i);
      const and = /^(?:\s+AND\s+|\s*&&\s*)/i.exec(rest);
      if (and) {
        parts.push(condition.slice(start, i).trim());
        i += and[0].length - 1;
        start = i + 1;
      }
    }
    if (depth < 0) return undefined;
  }
  if (depth !== 0 || quoted) return undefined;
  parts.push(condition.slice(start).trim());
  return parts;
}

/** The index of the bracket closing the one at `open`, skipping quoted strings; -1 when unbalanced. */
function closingIndex(text, open) {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quoted) quoted = c !== "'";
    else if (c === "'") quoted = true;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if ((c === ')' || c === '}' || c === ']') && --depth === 0) return i;
  }
  return -1;
}

/** `((a) OR (b))` -> `(a) OR (b)`: drops parentheses that enclose the whole text, however many. */
function unwrapParentheses(text) {
  let inner = text.trim();
  while (inner.startsWith('(') && closingIndex(inner, 0) === inner.length - 1)
    inner = inner.slice(1, -1).trim();
  return inner;
}

/**
 * Built-in conditions are mostly written as guards, one per constrained action: `(!(ActionMatches{'X'})) OR (...)`,
 * AND-ed together. Such a condition holds for every action it does not name, so it constrains only the named ones and
 * the block's other actions are granted outright. Returns those names, or undefined when any part of the condition is
 * not a guard of that shape (for example `@Resource[HasObotoken] boolequals true`): the condition then constrains
 * every action of the block.
 */
function guardedActions(condition) {
  const parts = topLevelConjuncts(condition);
  if (parts === undefined) return undefined;
  const guarded = [];
  for (const part of parts) {
    const guard = /^\(\s*!\s*\(\s*((?:ActionMatches\{'[^']*'\}\s*(?:OR\s+)?)+)\)\s*\)\s+OR\s+\S/i.exec(
      unwrapParentheses(part),
    );
    if (!guard) return undefined;
    for (const match of guard[1].matchAll(/ActionMatches\{'([^']*)'\}/gi)) guarded.push(match[1]);
  }
  return guarded.length > 0 ? guarded : undefined;
}

function conditionalBlock(role, entry, index) {
  const what = `conditions[${index}]`;
  if (typeof entry !== 'object' || entry === null) fail(role, `${what} is not an object`);
  if (typeof entry.condition !== 'string' || entry.condition.trim() === '')
    fail(role, `${what} has no condition text`);
  const block = { conditional: true };
  for (const key of PERMISSION_KEYS) block[key] = stringArray(role, entry[key] ?? [], `${what}.${key}`);
  const guarded = guardedActions(entry.condition);
  if (guarded !== undefined) block.conditionAppliesTo = guarded;
  return block;
}

/** A block as written to the table: empty arrays and the default `conditional: false` left out, keys in one order. */
function compactBlock(block) {
  const out = {};
  for (const key of PERMISSION_KEYS) if (block[key].length > 0) out[key] = block[key];
  if (block.conditional) out.conditional = true;
  if (block.conditionAppliesTo !== undefined) out.conditionAppliesTo = block.conditionAppliesTo;
  return out;
}

function deriveRole(role) {
  if (typeof role !== 'object' || role === null) fail(undefined, 'a role is not an object');
  if (typeof role.roleName !== 'string' || role.roleName.trim() === '') fail(role, 'roleName is missing');
  if (typeof role.id !== 'string' || !GUID.test(role.id))
    fail(role, `id ${String(role.id)} is not a lowercase GUID`);
  for (const key of PERMISSION_KEYS) stringArray(role, role[key], key);
  const conditions = role.conditions === undefined ? [] : role.conditions;
  if (!Array.isArray(conditions)) fail(role, '`conditions` is not an array');
  const conditional = conditions.map((entry, i) => conditionalBlock(role, entry, i));
  const blocks =
    conditional.length === 0
      ? [{ ...Object.fromEntries(PERMISSION_KEYS.map((key) => [key, role[key]])), conditional: false }]
      : splitBlocks(role, conditional);
  return {
    name: role.roleName,
    guid: role.id,
    blocks: blocks.map(compactBlock).filter((block) => Object.keys(block).length > 0),
  };
}

// Code-unit order, not localeCompare: the order must not depend on the machine's locale.
const byNameThenGuid = (a, b) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0;

function deriveTable(sourceText, sourceLabel) {
  const source = JSON.parse(sourceText);
  if (!Array.isArray(source)) throw new SourceError('the reference file is not a JSON array of roles');
  const roles = source.map(deriveRole).sort(byNameThenGuid);
  const seen = new Map();
  for (const role of roles) {
    for (const key of [role.guid, `name:${role.name.trim().toLowerCase()}`]) {
      const other = seen.get(key);
      if (other !== undefined) throw new SourceError(`${role.name} and ${other} share ${key}`);
      seen.set(key, role.name);
    }
  }
  return {
    about:
      'Azure built-in role definitions (name, GUID, permission blocks). Generated by scripts/gen-builtin-roles.mjs; ' +
      'see builtin-roles.SOURCE.md. Do not edit by hand.',
    format: TABLE_FORMAT,
    source: {
      file: sourceLabel,
      sha256: createHash('sha256').update(sourceText).digest('hex'),
      roles: roles.length,
    },
    roles,
  };
}

/**
 * Serialises the table as Prettier would format it with this repository's settings, so that `prettier --check .`
 * passes on the committed file and a formatting run never makes it differ from what this script writes.
 */
async function formatTable(table) {
  let prettier;
  try {
    prettier = await import('prettier');
  } catch {
    throw new SourceError('prettier is not installed: run npm ci first');
  }
  const options = (await prettier.resolveConfig(tablePath)) ?? {};
  return prettier.format(JSON.stringify(table), { ...options, filepath: tablePath });
}

async function main() {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, check: { type: 'boolean', default: false } },
    strict: true,
  });
  const sourcePath = join(sharedDir(), 'reference', 'builtin-roles.json');
  if (!existsSync(sourcePath)) {
    throw new SourceError(
      `${sourcePath} not found: set AKS_IDENTITY_LINT_SHARED to the shared directory (the one holding reference/)`,
    );
  }
  const text = await formatTable(
    deriveTable(readFileSync(sourcePath, 'utf8'), 'reference/builtin-roles.json'),
  );
  if (values.check) {
    const current = existsSync(tablePath) ? readFileSync(tablePath, 'utf8') : '';
    if (current !== text) {
      console.error(`${relative(process.cwd(), tablePath)} is stale: run node scripts/gen-builtin-roles.mjs`);
      process.exitCode = 1;
    }
    return;
  }
  const out = resolve(values.out ?? tablePath);
  writeFileSync(out, text);
  console.log(
    `wrote ${relative(process.cwd(), out) || out} (${Buffer.byteLength(text)} bytes) from ${sourcePath}`,
  );
}

main().catch((error) => {
  console.error(error instanceof SourceError ? `gen-builtin-roles: ${error.message}` : error);
  process.exitCode = 1;
});
