import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Entity } from '../model/entities.js';
import type { Evaluation } from '../policy/evaluate.js';
import type { CompiledPolicy } from '../policy/load.js';

/** A `# aks-identity-lint:ignore <IDs> <reason>` (or `//`) comment. */
export interface SuppressionComment {
  line: number;
  ids: string[];
  reason: string;
}

const COMMENT =
  /(?:#|\/\/)\s*aks-identity-lint:ignore\s+([A-Za-z0-9_.-]+(?:\s*,\s*[A-Za-z0-9_.-]+)*)(?:\s+(.*?))?\s*(?:\*\/)?$/;

/**
 * Finds suppression comments in a source text. It knows only comment syntax (`#` and `//`, as .tf and .bicep write
 * them), nothing of the format, so every source format reuses it.
 */
export function parseSuppressionComments(text: string): SuppressionComment[] {
  const found: SuppressionComment[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const match = COMMENT.exec(line);
    if (match === null) return;
    const ids = (match[1] ?? '').split(',').map((s) => s.trim().toUpperCase());
    found.push({ line: i + 1, ids, reason: (match[2] ?? '').trim() });
  });
  return found;
}

/** The comments that belong to a declaration: inside its block, or in the comment lines directly above it. */
export function commentsFor(
  comments: readonly SuppressionComment[],
  lines: string[],
  start: number,
  end: number,
): SuppressionComment[] {
  let top = start;
  while (top > 1 && /^\s*(#|\/\/)/.test(lines[top - 2] ?? '')) top--;
  return comments.filter((c) => c.line >= top && c.line <= end);
}

/** The pseudo-policy a suppression without a reason breaks: it is a finding of its own. */
export const MISSING_REASON: CompiledPolicy = {
  file: '(built in)',
  builtIn: true,
  assert: () => true,
  policy: {
    id: 'AKSID000',
    title: 'Suppressions give a reason',
    description:
      'An inline suppression hides a finding from every report and check. Without a reason, a reviewer cannot tell an accepted risk from a silenced one, so it suppresses nothing and is reported itself.',
    severity: 'medium',
    target: 'cluster',
    assert: { field: 'key', exists: true },
    message: 'A suppression comment gives no reason.',
    remediation: {
      summary:
        'Add the reason after the policy IDs: `# aks-identity-lint:ignore AKSID003 <why this is accepted>`.',
    },
    references: [],
  },
};

/**
 * Applies inline suppression comments to findings, reading each declaring source file once. A comment naming a
 * policy with a reason suppresses that policy's finding on the resource; one without a reason suppresses nothing and
 * becomes an AKSID000 finding on the resource.
 */
export async function applyInlineSuppressions(
  evaluations: readonly Evaluation[],
  entities: readonly Entity[],
  repoRoot: string,
): Promise<Evaluation[]> {
  const files = new Map<string, Promise<{ lines: string[]; comments: SuppressionComment[] } | undefined>>();
  const read = (file: string): Promise<{ lines: string[]; comments: SuppressionComment[] } | undefined> => {
    let pending = files.get(file);
    if (pending === undefined) {
      pending = readFile(join(repoRoot, file), 'utf8').then(
        (text) => ({ lines: text.split(/\r?\n/), comments: parseSuppressionComments(text) }),
        () => undefined,
      );
      files.set(file, pending);
    }
    return pending;
  };
  const byEntity = new Map<Entity, SuppressionComment[]>();
  const missingReason: Evaluation[] = [];
  for (const entity of entities) {
    const d = entity.source.declaration;
    if (d === undefined) continue;
    const source = await read(d.file);
    if (source === undefined || source.comments.length === 0) continue;
    const comments = commentsFor(source.comments, source.lines, d.line, d.endLine);
    if (comments.length === 0) continue;
    byEntity.set(entity, comments);
    for (const c of comments.filter((c) => c.reason === '')) {
      missingReason.push({
        policy: MISSING_REASON,
        entity,
        severity: MISSING_REASON.policy.severity,
        status: 'fail',
        because: [],
        message: `The suppression of ${c.ids.join(', ')} at ${d.file}:${c.line} gives no reason, so it suppresses nothing.`,
      });
    }
  }
  for (const e of evaluations) {
    if (e.status !== 'fail' && e.status !== 'indeterminate') continue;
    const comment = byEntity
      .get(e.entity)
      ?.find((c) => c.reason !== '' && c.ids.includes(e.policy.policy.id.toUpperCase()));
    const d = e.entity.source.declaration;
    if (comment !== undefined && d !== undefined) {
      e.suppression ??= { kind: 'inline', reason: comment.reason, source: `${d.file}:${comment.line}` };
    }
  }
  return missingReason;
}
