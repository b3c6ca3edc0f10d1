import { counted } from '../util/plural.js';
import { gfmText } from './gfm.js';

/**
 * What a section of the report is worth when it has to be cut, most important first: the verdict and overview,
 * then blocking failures, other failures, indeterminate results, identity maps, and last what passed.
 */
export const PRIORITY = {
  verdict: 0,
  blocking: 1,
  failing: 2,
  indeterminate: 3,
  map: 4,
  passes: 5,
} as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

/** A section of the report, named for the note that says what was left out. */
export interface Block {
  name: string;
  text: string;
  priority: Priority;
  /** A section that reads only under another (a cluster's map under its heading) is kept only with it. */
  parent?: Block;
  /** Details of what a table already lists: taken after the tables of the same priority. */
  detail?: boolean;
  /** A part of a cluster's section ('identity map'), and whose: cuts of one part are named together. */
  part?: { kind: string; of: string };
}

/** At most this many kinds of left-out sections are named, and this many clusters for each; the rest are counted. */
const NAMED_KINDS = 8;
const NAMED_OWNERS = 4;

/**
 * The report within `limit` UTF-8 bytes, as GitHub measures its limits: sections are taken by priority (any that
 * fits is taken, not only those before the first that does not), shown in their original order, and a closing
 * note names what was left out and where the whole report is. Each section is measured once, so this is linear in
 * the report's size.
 */
export function fit(blocks: readonly Block[], limit: number, fullReportAt?: string): string {
  const whole = blocks.map((b) => b.text).join('\n\n') + '\n';
  if (!Number.isFinite(limit) || Buffer.byteLength(whole, 'utf8') <= limit) return whole;
  // Room for the closing note: its size at its longest, plus a margin, grown in the unlikely case it is short.
  const longest = Buffer.byteLength(cutNote(longestNote(blocks), limit, fullReportAt), 'utf8');
  for (let margin = 256; ; margin *= 4) {
    const text = fitWithin(blocks, limit, longest + margin, fullReportAt);
    if (Buffer.byteLength(text, 'utf8') <= limit || margin > limit) return text;
  }
}

function fitWithin(
  blocks: readonly Block[],
  limit: number,
  reserve: number,
  fullReportAt: string | undefined,
): string {
  const priorityOf = effectivePriorities(blocks);
  const kept = new Set<Block>();
  let used = 0;
  const rank = (b: Block): number => (priorityOf.get(b) ?? 0) * 2 + (b.detail === true ? 1 : 0);
  const byPriority = [...blocks].sort((a, b) => rank(a) - rank(b));
  for (const block of byPriority) {
    if (block.parent !== undefined && !kept.has(block.parent)) continue;
    const size = Buffer.byteLength(block.text, 'utf8') + 2;
    if (used + size + reserve > limit) continue;
    kept.add(block);
    used += size;
  }
  const left = byPriority.filter((b) => !kept.has(b));
  return (
    blocks
      .filter((b) => kept.has(b))
      .map((b) => b.text)
      .join('\n\n') + cutNote(left, limit, fullReportAt)
  );
}

/** A parent is worth as much as the most important section under it, so that it is taken before that one. */
function effectivePriorities(blocks: readonly Block[]): Map<Block, number> {
  const priority = new Map<Block, number>(blocks.map((b) => [b, b.priority]));
  for (const block of blocks) {
    for (let parent = block.parent; parent !== undefined; parent = parent.parent) {
      priority.set(parent, Math.min(priority.get(parent) ?? parent.priority, block.priority));
    }
  }
  return priority;
}

/** The left-out sections, most important first, with the parts of clusters named together by kind. */
function cutNote(left: readonly Block[], limit: number, fullReportAt: string | undefined): string {
  if (left.length === 0) return '\n';
  const kinds = new Map<string, string[]>();
  for (const b of left) {
    const kind = b.part?.kind ?? b.name;
    const owners = kinds.get(kind) ?? [];
    if (b.part !== undefined) owners.push(b.part.of);
    kinds.set(kind, owners);
  }
  const named = [...kinds.entries()].slice(0, NAMED_KINDS).map(([kind, owners]) => {
    if (owners.length === 0) return kind;
    const shown = owners.slice(0, NAMED_OWNERS).join(', ');
    const more = owners.length > NAMED_OWNERS ? ` and ${owners.length - NAMED_OWNERS} more` : '';
    return `${kind} of ${owners.length > 1 ? `${owners.length}: ` : ''}${shown}${more}`;
  });
  const more = kinds.size > NAMED_KINDS ? `; and ${kinds.size - NAMED_KINDS} more kinds` : '';
  return (
    `\n\n> Left out to stay within GitHub's ${limit.toLocaleString('en-US')}-byte limit (${counted(left.length, 'section')}): ${gfmText(named.join('; '))}${more}.` +
    (fullReportAt === undefined ? '' : ` The whole report: ${fullReportAt}.`) +
    '\n'
  );
}

/** Blocks that make the longest note this report could need: each kind once, with its longest owner names. */
function longestNote(blocks: readonly Block[]): Block[] {
  const longestFirst = [...blocks].sort(
    (a, b) => (b.part?.of.length ?? b.name.length) - (a.part?.of.length ?? a.name.length),
  );
  return longestFirst;
}
