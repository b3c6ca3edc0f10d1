import type { Entity } from '../../model/entities.js';
import { MaybeElement } from '../../model/unknown.js';

/**
 * A cluster read from live state holds the grants Azure has, not those its input happens to list. Without any
 * role assignment read from live state, what its identities hold is not known: an element that may or may not be
 * there stands for the unread grants, so that a policy about them is undecided rather than failed or passed.
 */
export function markUnreadGrants(entities: readonly Entity[]): void {
  const live = entities.filter((e) => e.source.format === 'live-state');
  if (live.some((e) => e.kind === 'roleAssignment')) return;
  for (const entity of live) {
    if (entity.kind !== 'cluster') continue;
    entity.undecidedRoleAssignments.push(
      new MaybeElement(
        "not read: the role assignments in Azure of this cluster's identities (scan `az role assignment list --all` output with it)",
      ),
    );
  }
}
