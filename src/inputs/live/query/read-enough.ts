import { InputError } from '../../input-error.js';
import type { LiveQuery, LiveQueryResult } from './live-query.js';

/**
 * A live query that read no cluster because Azure refused every list of them, or that did not find a cluster it was
 * asked for by name, has nothing to vouch for: that is an error, not a run that passes with nothing in it.
 */
export function checkReadEnough(query: LiveQuery, read: LiveQueryResult): void {
  const refused = read.unread.filter((u) => u.what === 'clusters');
  const clusters = read.resources.filter((r) => /\/managedclusters$/i.test(String(r.value['type'])));
  if (refused.length > 0 && clusters.length === 0) {
    throw new InputError(
      { file: 'Azure' },
      `no cluster could be read: ${refused.map((u) => `${u.scope}: ${u.reason}`).join('; ')}`,
    );
  }
  if (query.clusters.length === 0 || refused.length > 0) return;
  const found = new Set(clusters.map((c) => String(c.value['name']).toLowerCase()));
  const missing = query.clusters.filter((name) => !found.has(name.toLowerCase()));
  if (missing.length === 0) return;
  const where =
    query.resourceGroups.length === 0
      ? `subscription ${query.subscriptions.join(', ')}`
      : `resource group ${query.resourceGroups.join(', ')} of subscription ${query.subscriptions.join(', ')}`;
  throw new InputError(
    { file: 'Azure' },
    `no cluster named ${missing.map((m) => `'${m}'`).join(', ')} in ${where}`,
  );
}
