/**
 * Azure RBAC permission semantics: what a role definition grants, decided from its permission blocks rather than its
 * name. Pure functions over plain data, for built-in roles (builtin-role-table.ts) and custom roles from the input.
 *
 * The rules, as Microsoft documents them:
 * - "Understand Azure role definitions", https://learn.microsoft.com/azure/role-based-access-control/role-definitions
 *   (sections Actions, NotActions, DataActions, NotDataActions, Control and data actions): a role's effective
 *   control-plane permissions are its Actions minus its NotActions, data-plane ones its DataActions minus its
 *   NotDataActions; NotActions only subtract, they deny nothing another grant allows; and a wildcard in Actions does not
 *   reach data actions, which exist so that `*` roles do not gain access to data.
 * - "Azure custom roles", https://learn.microsoft.com/azure/role-based-access-control/custom-roles (Wildcard
 *   permissions; the note above it): all four lists accept `*`, which extends a permission to every action string it
 *   matches; permission strings are case-insensitive.
 * - The examples on those pages (`*\/read` for "read actions of all resource types of all providers",
 *   `Microsoft.Compute/*` for "all actions for all resource types") show that `*` stands anywhere in a string and
 *   matches across `/`, so it is matched here as "any sequence of characters".
 * - A role definition's `permissions` is an array of blocks; the CLI output on the role-definitions page shows each with
 *   its own arrays and `condition`. NotActions are read within their block and the blocks' grants are united, which is
 *   how built-in roles carve a conditional grant out of a broad one (Service Group Administrator grants `*` minus role
 *   assignment writes in one block and the writes under an ABAC condition in another).
 */

export type ActionKind = 'action' | 'dataAction';

/** `conditional`: granted only by a block whose ABAC condition must hold at request time. */
export type Grant = 'yes' | 'no' | 'conditional';

export interface PermissionBlock {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
  /** The block carries an ABAC condition (built-in roles only: custom role definitions cannot have one). */
  readonly conditional?: boolean;
  /**
   * For a conditional block: the action patterns its condition constrains. Built-in conditions are mostly guards of
   * the form "not this action, or …", which hold for every other action, so the block grants the rest outright.
   * Absent: the condition constrains every action of the block.
   */
  readonly conditionAppliesTo?: readonly string[];
}

export interface RolePermissions {
  readonly blocks: readonly PermissionBlock[];
}

const WILDCARD = '*';

/**
 * Leading and trailing white space carries no meaning in an operation name (some built-in definitions have a stray
 * trailing space), and comparisons are case-insensitive.
 */
const canonical = (text: string): string => text.trim().toLowerCase();

function grantsOf(block: PermissionBlock, kind: ActionKind): readonly string[] {
  return kind === 'action' ? block.actions : block.dataActions;
}

function exclusionsOf(block: PermissionBlock, kind: ActionKind): readonly string[] {
  return kind === 'action' ? block.notActions : block.notDataActions;
}

/** KMP failure table: for each prefix of `needle`, the length of its longest proper border. */
function borders(needle: string): number[] {
  const table = [0];
  let length = 0;
  for (let i = 1; i < needle.length; i++) {
    while (length > 0 && needle[i] !== needle[length]) length = table[length - 1] ?? 0;
    if (needle[i] === needle[length]) length++;
    table.push(length);
  }
  return table;
}

/** The first index >= `from` where `needle` occurs in `text` and ends by `end`, or -1; linear time (KMP). */
function indexWithin(text: string, needle: string, from: number, end: number): number {
  const table = borders(needle);
  let matched = 0;
  for (let i = from; i < end; i++) {
    while (matched > 0 && text[i] !== needle[matched]) matched = table[matched - 1] ?? 0;
    if (text[i] === needle[matched]) matched++;
    if (matched === needle.length) return i - needle.length + 1;
  }
  return -1;
}

/**
 * Patterns and actions are compared wrapped in slashes, so that a `*` at either end of a pattern is a whole segment
 * like one in the middle (`*\/read` -> `/*\/read/`), and runs of stars are one star.
 */
const wrap = (text: string): string => `/${canonical(text).replace(/\*+/g, WILDCARD)}/`;

/**
 * Whether an action string (`Microsoft.Network/virtualNetworks/subnets/join/action`) is matched by a permission
 * pattern (`Microsoft.Network/*`, `*\/read`, `*`). Case-insensitive; `*` matches any sequence of characters, `/`
 * included ("Understand Azure role definitions", learn.microsoft.com). A `*` in `action` is an ordinary character:
 * some operations carry one in their name, such as `Microsoft.ManagedIdentity/userAssignedIdentities/*\/assign/action`,
 * the operation a control plane needs to assign an identity, which Managed Identity Operator grants.
 *
 * Linear in the two lengths and without regular expressions built from the input: the pattern's first and last pieces
 * must be the action's prefix and suffix, and each piece between stars is placed at its leftmost occurrence after the
 * previous one (placing it later could only leave less room for the rest), so nothing is ever retried.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const text = `/${canonical(action)}/`;
  const pieces = wrap(pattern).split(WILDCARD);
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (pieces.length === 1) return text === first;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let from = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    const at = indexWithin(text, piece, from, text.length);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return from <= text.length - last.length;
}

function blockGrants(block: PermissionBlock, action: string, kind: ActionKind): boolean {
  return (
    grantsOf(block, kind).some((pattern) => actionMatches(pattern, action)) &&
    !exclusionsOf(block, kind).some((pattern) => actionMatches(pattern, action))
  );
}

function conditionConstrains(block: PermissionBlock, action: string): boolean {
  if (block.conditional !== true) return false;
  const constrained = block.conditionAppliesTo;
  return constrained === undefined || constrained.some((pattern) => actionMatches(pattern, action));
}

/**
 * Whether the role grants one concrete action of the given kind: `yes` when a block grants it without condition,
 * `conditional` when only blocks whose ABAC condition applies to it do, otherwise `no`. Control-plane and data-plane
 * permissions are separate: `*` in actions grants no data action. A `*` in `action` is taken literally; to ask about a
 * family of actions use grantsAnyMatching.
 */
export function allows(role: RolePermissions, action: string, kind: ActionKind): Grant {
  let grant: Grant = 'no';
  for (const block of role.blocks) {
    if (!blockGrants(block, action, kind)) continue;
    if (!conditionConstrains(block, action)) return 'yes';
    grant = 'conditional';
  }
  return grant;
}

/** A pattern compiled for simulation: its characters, wrapped in slashes, with `*` kept as the WILDCARD string. */
type Glob = readonly string[];

const compile = (pattern: string): Glob => Array.from(wrap(pattern));

/** The pattern positions reachable from `states` without reading: past a `*`, which may match nothing. */
function closure(glob: Glob, states: readonly number[]): number[] {
  const reached = new Set<number>();
  const pending = [...states];
  for (let state = pending.pop(); state !== undefined; state = pending.pop()) {
    if (reached.has(state)) continue;
    reached.add(state);
    if (glob[state] === WILDCARD) pending.push(state + 1);
  }
  return [...reached].sort((a, b) => a - b);
}

function step(glob: Glob, states: readonly number[], char: string): number[] {
  const next: number[] = [];
  for (const state of states) {
    const token = glob[state];
    if (token === WILDCARD) next.push(state);
    else if (token === char) next.push(state + 1);
  }
  return closure(glob, next);
}

/**
 * Past this many automaton states a search gives up and reports that a common action may exist. Built-in roles need a
 * few hundred at most; the bound only keeps adversarial custom roles from costing unbounded time.
 */
const SEARCH_STATE_LIMIT = 50_000;

/** Azure operations have a namespace, at least one resource type and a verb. */
const OPERATION_SEGMENTS = 3;

function isOperationShaped(action: string): boolean {
  const segments = canonical(action).split('/');
  return segments.length >= OPERATION_SEGMENTS && !segments.includes('');
}

/** The literal text a pattern's matches all start with, and the one they all end with (wrapped in slashes). */
function fixedEnds(glob: Glob): { readonly head: string; readonly tail: string } {
  const firstStar = glob.indexOf(WILDCARD);
  if (firstStar < 0) return { head: glob.join(''), tail: glob.join('') };
  return {
    head: glob.slice(0, firstStar).join(''),
    tail: glob.slice(glob.lastIndexOf(WILDCARD) + 1).join(''),
  };
}

const compatible = (a: string, b: string, at: 'head' | 'tail'): boolean =>
  at === 'head' ? a.startsWith(b) || b.startsWith(a) : a.endsWith(b) || b.endsWith(a);

/** A cheap, exact refusal for the common case of patterns that cannot share an action: their fixed ends disagree. */
function endsDisagree(globs: readonly Glob[]): boolean {
  const ends = globs.map(fixedEnds);
  return ends.some((a, i) =>
    ends.slice(i + 1).some((b) => !compatible(a.head, b.head, 'head') || !compatible(a.tail, b.tail, 'tail')),
  );
}

/**
 * Whether some action string is matched by every pattern in `required` and by none in `excluded`: a search over the
 * product of the patterns' automata. Every string outside the patterns' characters behaves like one fresh character
 * (only a `*` can match it), so searching the patterns' own characters plus one fresh character is exhaustive.
 */
function someActionMatches(required: readonly string[], excluded: readonly string[]): boolean {
  // A pattern without a wildcard matches one action: that action is the only candidate.
  const literal = required.find((pattern) => !pattern.includes(WILDCARD));
  if (literal !== undefined) {
    return (
      isOperationShaped(literal) &&
      required.every((pattern) => actionMatches(pattern, literal)) &&
      !excluded.some((pattern) => actionMatches(pattern, literal))
    );
  }
  const requiredGlobs = required.map(compile);
  if (endsDisagree(requiredGlobs)) return false;
  const globs = [...requiredGlobs, ...excluded.map(compile)];
  const alphabet = new Set(globs.flat().filter((token) => token !== WILDCARD));
  let fresh = '\u0000';
  while (alphabet.has(fresh)) fresh = String.fromCharCode(fresh.charCodeAt(0) + 1);
  alphabet.add(fresh);

  // Strings are read between the wrapping slashes: each search starts after the opening one and a string is accepted
  // by a pattern when the closing one takes the pattern to its end. Only strings shaped like operations count
  // (`Namespace/type/…/verb`: three segments or more, none empty), so that `Microsoft.Storage/*` less
  // `Microsoft.Storage/*\/delete` is not said to grant a `Microsoft.Storage/delete` no provider has.
  interface Node {
    readonly states: readonly (readonly number[])[];
    readonly segments: number;
    readonly atSegmentStart: boolean;
  }
  const accepts = (node: Node): boolean =>
    node.segments >= OPERATION_SEGMENTS &&
    !node.atSegmentStart &&
    node.states.every((set, i) => {
      const glob = globs[i] ?? [];
      const mustMatch = i < required.length;
      return step(glob, set, '/').includes(glob.length) === mustMatch;
    });
  const keyOf = (node: Node): string =>
    `${node.segments}${node.atSegmentStart ? '/' : ''}:${node.states.map((set) => set.join(',')).join('|')}`;
  const start: Node = {
    states: globs.map((glob) => step(glob, closure(glob, [0]), '/')),
    segments: 1,
    atSegmentStart: true,
  };
  const seen = new Set([keyOf(start)]);
  const queue = [start];
  for (let head = 0, next = queue[0]; next !== undefined; next = queue[++head]) {
    if (accepts(next)) return true;
    for (const char of alphabet) {
      if (char === '/' && next.atSegmentStart) continue;
      const states: number[][] = [];
      for (const [i, set] of next.states.entries()) {
        const stepped = step(globs[i] ?? [], set, char);
        // A required pattern with no live state can never match again; the string is a dead end.
        if (i < required.length && stepped.length === 0) break;
        states.push(stepped);
      }
      if (states.length < globs.length) continue;
      const node: Node = {
        states,
        segments: char === '/' ? Math.min(next.segments + 1, OPERATION_SEGMENTS) : next.segments,
        atSegmentStart: char === '/',
      };
      const key = keyOf(node);
      if (seen.has(key)) continue;
      if (seen.size >= SEARCH_STATE_LIMIT) return true;
      seen.add(key);
      queue.push(node);
    }
  }
  return false;
}

/** Whether two permission patterns have an action string in common (`Microsoft.Network/*` and `*\/read` do). */
export function patternsOverlap(a: string, b: string): boolean {
  return someActionMatches([a, b], []);
}

/**
 * Whether the role grants some action of the given kind that `query` matches: `yes` when there is an action matched
 * by `query` that the role grants without condition (allows would say `yes`), else `conditional` when there is one it
 * grants under a condition, else `no`. For "anything under `Microsoft.Network/*`", "any write", "any role assignment
 * action". With a concrete `query` this is allows.
 *
 * Both sides may hold wildcards, so "there is an action" is decided exactly over every action string, not only the
 * operations Azure defines today: a wildcard grant covers operations added later (role-definitions page), so a
 * permission the role would gain that way counts. For each block and each of its patterns P the question is whether
 * some string is matched by P and `query` and by none of the block's exclusions (nor, for `yes`, by the patterns its
 * condition constrains); other blocks' exclusions do not apply. The one approximation: a search that would exceed
 * SEARCH_STATE_LIMIT states answers as if such a string existed, which no built-in role comes near.
 */
export function grantsAnyMatching(role: RolePermissions, query: string, kind: ActionKind): Grant {
  if (!query.includes(WILDCARD)) return allows(role, query, kind);
  let grant: Grant = 'no';
  for (const block of role.blocks) {
    for (const pattern of grantsOf(block, kind)) {
      if (!patternsOverlap(pattern, query)) continue;
      // An exclusion that shares no action with this pattern and the query cannot remove anything from what they share.
      const excluded = exclusionsOf(block, kind).filter(
        (exclusion) => patternsOverlap(exclusion, pattern) && patternsOverlap(exclusion, query),
      );
      if (block.conditional !== true) {
        if (someActionMatches([pattern, query], excluded)) return 'yes';
        continue;
      }
      const constrained = block.conditionAppliesTo;
      if (constrained !== undefined && someActionMatches([pattern, query], [...excluded, ...constrained]))
        return 'yes';
      if (grant === 'no' && someActionMatches([pattern, query], excluded)) grant = 'conditional';
    }
  }
  return grant;
}

/**
 * The role's granting patterns that contain a wildcard, as written and without repeats (compared case-insensitively),
 * in block order: of one kind, or of both when `kind` is omitted. NotActions are not subtracted: the question is how
 * the role is written (a wildcard grants operations Azure adds later), not what it grants today.
 */
export function wildcardActions(role: RolePermissions, kind?: ActionKind): string[] {
  const kinds: readonly ActionKind[] = kind === undefined ? ['action', 'dataAction'] : [kind];
  const found = new Map<string, string>();
  for (const block of role.blocks) {
    for (const each of kinds) {
      for (const pattern of grantsOf(block, each)) {
        const key = canonical(pattern);
        if (key.includes(WILDCARD) && !found.has(key)) found.set(key, pattern);
      }
    }
  }
  return [...found.values()];
}
