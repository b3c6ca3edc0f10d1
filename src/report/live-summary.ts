import type { ScanOutcome } from '../policy/outcome.js';
import { counted } from '../util/plural.js';

/**
 * One line on what a live query read, for the log: nothing read is dropped silently, so the counts are reported,
 * and so is every scope Azure refused.
 */
export function liveSummaryLine(outcome: ScanOutcome): string | undefined {
  if (outcome.liveRequests === undefined) return undefined;
  const queried = new Set(outcome.inputs.filter((i) => isQueriedList(i.file)).map((i) => i.file));
  const count = (list: readonly { source: { file: string } }[]): number =>
    list.filter((e) => queried.has(e.source.file)).length;
  const e = outcome.entities;
  const refused = outcome.skipped.filter((s) => s.file === 'Azure').length;
  const read = [
    counted(count(e.cluster), 'cluster'),
    counted(count(e.managedIdentity), 'user-assigned identity', 'user-assigned identities'),
    counted(count(e.federatedCredential), 'federated credential'),
    counted(count(e.roleAssignment), 'role assignment'),
    counted(count(e.roleDefinition), 'custom role definition'),
  ].join(', ');
  const unread = refused === 0 ? '' : `; ${counted(refused, 'scope')} not read (listed as skipped)`;
  return `live state: ${read} read in ${counted(outcome.liveRequests, 'request')}${unread}`;
}

/** Whether an input is a list a live query read (named by its REST path or Resource Graph table), not a file. */
function isQueriedList(name: string): boolean {
  return (
    /^\/subscriptions\/[^/]+\/(providers|resourceGroups)\//i.test(name) || name.startsWith('Resource Graph: ')
  );
}
