import type { Cluster, EntitiesByKind, RoleAssignment } from './entities.js';
import { isUnknown, Unknown } from './unknown.js';
import { knownDifferent, sameValue, ValueIndex } from './values.js';

/**
 * Where code (a plan, a template, a what-if result) and live state describe the same cluster, the code's cluster
 * is linked to the live one (`liveState`), and each grant its identities hold in Azure is marked with whether the
 * code declares it (`inCode`): facts for the drift policies, not verdicts. Clusters pair by resource ID, else by name and resource group; grants by assignment ID, else by
 * principal, role and scope. A grant in code whose values are known only after apply may be the live one: that
 * is unknown, never a guess either way.
 *
 * `all` holds every role assignment, deletions included: a grant the code deletes is one it declares.
 */
export function linkDrift(byKind: EntitiesByKind, all: readonly RoleAssignment[]): void {
  const pairs = pairClusters(byKind.cluster);
  if (pairs.length === 0) return;
  const codeById = new ValueIndex<RoleAssignment>();
  for (const a of all) if (a.source.format !== 'live-state') codeById.add(a.id, a);
  for (const { live, code } of pairs) {
    code.liveState = live;
    // A grant in code joins whichever of the two clusters has its principal known: both are searched.
    const declared = [...new Set([...grantsOf(code), ...grantsOf(live)])].filter(
      (g) => g.source.format !== 'live-state',
    );
    const maybe = code.undecidedRoleAssignments.filter(
      (g): g is RoleAssignment => !isUnknown(g) && g.source.format !== 'live-state',
    );
    for (const grant of grantsOf(live)) {
      if (grant.source.format !== 'live-state' || grant.inCode !== undefined) continue;
      grant.inCode = inCode(grant, codeById, declared, maybe);
    }
  }
}

interface Pair {
  live: Cluster;
  code: Cluster;
}

function pairClusters(clusters: readonly Cluster[]): Pair[] {
  const byId = new ValueIndex<Cluster>();
  const byName = new Map<string, Cluster>();
  for (const c of clusters) {
    if (c.source.format === 'live-state') continue;
    byId.add(c.id, c);
    // By name only when the code does not know its ID yet: a known ID that differs is another cluster.
    const key = nameKey(c);
    if (typeof c.id !== 'string' && key !== undefined && !byName.has(key)) byName.set(key, c);
  }
  const pairs: Pair[] = [];
  const paired = new Set<Cluster>();
  for (const live of clusters) {
    if (live.source.format !== 'live-state') continue;
    const key = nameKey(live);
    const code = byId.first(live.id) ?? (key === undefined ? undefined : byName.get(key));
    if (code === undefined || paired.has(code)) continue;
    paired.add(code);
    pairs.push({ live, code });
  }
  return pairs;
}

/**
 * Name and resource group, when both are known: what pairs a cluster whose ID the code does not know yet. The
 * subscription is not part of it, as code that does not know its ID rarely knows its subscription.
 */
function nameKey(cluster: Cluster): string | undefined {
  const { name, resourceGroup } = cluster;
  if (typeof name !== 'string' || typeof resourceGroup !== 'string') return undefined;
  return `${resourceGroup.toLowerCase()}/${name.toLowerCase()}`;
}

function grantsOf(cluster: Cluster): RoleAssignment[] {
  return [
    ...cluster.controlPlaneRoleAssignments,
    ...cluster.kubeletRoleAssignments,
    ...cluster.addons.flatMap((a) => a.roleAssignments),
  ];
}

/**
 * Whether the code declares a live grant: the same assignment ID, or a grant of the same identity with the same
 * role and scope. Grants whose principal the code cannot tell apart from the cluster's (undecided) may be it.
 */
function inCode(
  grant: RoleAssignment,
  codeById: ValueIndex<RoleAssignment>,
  declared: readonly RoleAssignment[],
  undecided: readonly RoleAssignment[],
): boolean | Unknown {
  if (codeById.first(grant.id) !== undefined) return true;
  const possible: RoleAssignment[] = [];
  for (const candidate of declared) {
    const match = sameGrant(candidate, grant);
    if (match === true) return true;
    if (match === 'maybe') possible.push(candidate);
  }
  for (const candidate of undecided) if (sameGrant(candidate, grant) !== false) possible.push(candidate);
  if (possible.length === 0) return false;
  const names = possible
    .slice(0, 3)
    .map((c) => c.key)
    .join(', ');
  return new Unknown(
    `undecided: ${names} in code may be this grant, but its role, scope or principal is known only after apply`,
  );
}

/**
 * Principal, role and scope compared: the same, different, or not known yet ('maybe'). A principal the code knows
 * only after apply is the same when it plays the same part for the cluster (its kubelet, its control plane).
 */
function sameGrant(code: RoleAssignment, live: RoleAssignment): boolean | 'maybe' {
  const principal = isUnknown(code.principalId)
    ? code.principal.kind === live.principal.kind
      ? true
      : 'maybe'
    : compare(code.principalId, live.principalId);
  const role = compare(code.role.id, live.role.id, code.role.name, live.role.name);
  const scope = compare(code.scope.id, live.scope.id);
  const all = [principal, role, scope];
  if (all.includes(false)) return false;
  return all.every((x) => x === true) ? true : 'maybe';
}

/**
 * Two values (with a fallback pair, such as role names when one role ID is unknown): known the same, known
 * different, or 'maybe'.
 */
function compare(a: unknown, b: unknown, fallbackA?: unknown, fallbackB?: unknown): boolean | 'maybe' {
  if (sameValue(a, b)) return true;
  // Absent is not known either: a role the code names only by name has no ID to compare.
  const known = (v: unknown): boolean => v !== undefined && v !== null && v !== '' && !isUnknown(v);
  if (known(a) && known(b)) return false;
  if (fallbackA !== undefined && typeof fallbackA === 'string' && typeof fallbackB === 'string') {
    return sameValue(fallbackA, fallbackB);
  }
  return knownDifferent(a, b) ? false : 'maybe';
}
