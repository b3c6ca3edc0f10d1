import type { Entity } from '../../model/entities.js';
import { MaybeElement } from '../../model/unknown.js';

/** The role assignments a live query set out to read: the subscriptions it read them in, and where Azure refused. */
export interface QueriedGrants {
  subscriptions: ReadonlySet<string>;
  refused: readonly { scope: string; reason: string }[];
}

/**
 * A cluster read from live state holds the grants Azure has, not those its input happens to list. Where they were
 * not read (no role assignment of its subscription in any live-state file, nor a query of it, or a subscription that
 * refused the query), what its
 * identities hold is not known: an element that may or may not be there stands for the unread grants, so that a
 * policy about them is undecided rather than failed or passed.
 */
export function markUnreadGrants(entities: readonly Entity[], queried?: QueriedGrants): void {
  const live = entities.filter((e) => e.source.format === 'live-state');
  // A file of role assignments vouches for the subscriptions its assignments are in: `az role assignment list`
  // of one subscription says nothing of another's.
  const readIn = new Set<string>();
  for (const e of live) {
    const sub = e.kind === 'roleAssignment' ? /^\/subscriptions\/([^/]+)/i.exec(e.key)?.[1] : undefined;
    if (sub !== undefined) readIn.add(sub.toLowerCase());
  }
  for (const entity of live) {
    if (entity.kind !== 'cluster') continue;
    const subscription = typeof entity.subscriptionId === 'string' ? entity.subscriptionId.toLowerCase() : '';
    const refused =
      subscription === ''
        ? undefined
        : queried?.refused.find((r) => r.scope.toLowerCase().includes(subscription));
    let reason: string | undefined;
    if (refused !== undefined) {
      reason = `not read: the role assignments in Azure of this cluster's identities (${refused.reason})`;
    } else if (queried?.subscriptions.has(subscription) !== true && !readIn.has(subscription)) {
      reason =
        "not read: the role assignments in Azure of this cluster's identities (scan `az role assignment list --all` output with it)";
    }
    if (reason !== undefined) entity.undecidedRoleAssignments.push(new MaybeElement(reason));
  }
}
