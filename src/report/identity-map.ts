import type { Cluster, ManagedIdentity, RoleAssignment } from '../model/entities.js';
import { isUnknown, type Value } from '../model/unknown.js';
import type { Evaluation } from '../policy/evaluate.js';
import { scopeText } from './present.js';

export interface IdentityMap {
  /** The Mermaid flowchart source. */
  mermaid: string;
  /** Edges left out to keep the chart readable. */
  omitted: number;
}

/** More edges than this make a flowchart unreadable; the rest are counted in a note under it. */
export const MAX_EDGES = 40;

interface Edge {
  from: string;
  to: string;
  label: string;
  failing: boolean;
}

/**
 * Who can do what, for one cluster: the cluster, the identities it runs as (control plane, kubelet, add-ons), the
 * workloads that federate to its identities, and every role those identities hold at which scope. Edges behind a
 * failing policy are drawn red; principals not known until apply say so.
 */
export function identityMap(
  cluster: Cluster,
  identities: readonly ManagedIdentity[],
  evaluations: readonly Evaluation[],
): IdentityMap {
  const failing = new Set(evaluations.filter((e) => e.status === 'fail').map((e) => e.entity));
  const nodes = new Map<string, string>();
  const edges: Edge[] = [];
  const scopeIds = new Map<string, string>();

  const node = (id: string, label: string, shape: 'box' | 'round' | 'stadium' = 'box'): string => {
    if (!nodes.has(id)) {
      const text = `"${escapeLabel(label)}"`;
      nodes.set(
        id,
        shape === 'round' ? `${id}(${text})` : shape === 'stadium' ? `${id}([${text}])` : `${id}[${text}]`,
      );
    }
    return id;
  };
  const scopeNode = (assignment: RoleAssignment): string => {
    const label = scopeText(assignment.scope);
    let id = scopeIds.get(label);
    if (id === undefined) {
      id = `s${scopeIds.size}`;
      scopeIds.set(label, id);
    }
    return node(id, label, 'round');
  };
  const roles = (from: string, assignments: readonly RoleAssignment[]): void => {
    for (const a of assignments) {
      edges.push({ from, to: scopeNode(a), label: roleName(a), failing: failing.has(a) });
    }
  };

  const federations = (to: string, identity: ManagedIdentity | undefined, prefix: string): void => {
    identity?.federatedCredentials.forEach((credential, j) => {
      const subject = node(`${prefix}${j}`, serviceAccountLabel(credential.subject), 'stadium');
      edges.push({ from: subject, to, label: 'federates', failing: failing.has(credential) });
    });
  };

  const c = node('c', `${displayValue(cluster.name)}\ncluster`, 'stadium');
  const cp = node('cp', controlPlaneLabel(cluster));
  edges.push({ from: c, to: cp, label: 'control plane', failing: failing.has(cluster) });
  roles(cp, cluster.controlPlaneRoleAssignments);
  federations(cp, cluster.controlPlaneIdentity, 'fcp');

  if (cluster.kubeletIdentity !== undefined) {
    const kubelet = node('k', kubeletLabel(cluster));
    edges.push({ from: c, to: kubelet, label: 'kubelet', failing: false });
    roles(kubelet, cluster.kubeletRoleAssignments);
    federations(kubelet, cluster.kubeletManagedIdentity, 'fk');
  }
  cluster.addons.forEach((addon, i) => {
    if (addon.identity === undefined && addon.roleAssignments.length === 0) return;
    const id = node(`a${i}`, `${addon.name} add-on\n${principalText(addon.identity?.objectId)}`);
    edges.push({ from: c, to: id, label: 'add-on', failing: false });
    roles(id, addon.roleAssignments);
  });
  const workloads = identities.filter((mi) =>
    mi.usedBy.some((u) => u.cluster === cluster && u.as === 'workload'),
  );
  workloads.forEach((identity, i) => {
    const id = node(`w${i}`, `${displayValue(identity.name)}\nworkload identity`);
    federations(id, identity, `fw${i}_`);
    roles(id, identity.roleAssignments);
  });

  const drawn = edges.slice(0, MAX_EDGES);
  const lines = ['flowchart LR', ...[...nodes.values()].map((n) => `  ${n}`)];
  for (const e of drawn)
    lines.push(`  ${e.from} -->|"${escapeLabel(e.failing ? `✗ ${e.label}` : e.label)}"| ${e.to}`);
  drawn.forEach((e, i) => {
    if (e.failing) lines.push(`  linkStyle ${i} stroke:#d1242f,stroke-width:2px,color:#d1242f`);
  });
  return { mermaid: lines.join('\n'), omitted: edges.length - drawn.length };
}

function roleName(a: RoleAssignment): string {
  if (typeof a.role.name === 'string') return a.role.name;
  return typeof a.role.id === 'string' ? a.role.id : 'role known after apply';
}

function controlPlaneLabel(cluster: Cluster): string {
  const type = cluster.identity.type;
  if (type === 'UserAssigned') {
    const name =
      cluster.controlPlaneIdentity === undefined
        ? 'user-assigned identity'
        : displayValue(cluster.controlPlaneIdentity.name);
    return `${name}\nuser-assigned, ${principalText(cluster.controlPlaneIdentity?.principalId)}`;
  }
  if (type === 'SystemAssigned')
    return `control plane\nsystem-assigned, ${principalText(cluster.identity.principalId)}`;
  if (type === 'ServicePrincipal')
    return `service principal\n${displayValue(cluster.servicePrincipal?.clientId)}`;
  return isUnknown(type) ? 'control plane\nidentity known after apply' : `control plane\nidentity ${type}`;
}

function kubeletLabel(cluster: Cluster): string {
  const kubelet = cluster.kubeletIdentity;
  const owner = cluster.kubeletManagedIdentity;
  const name =
    owner !== undefined
      ? displayValue(owner.name)
      : kubelet?.custom === true
        ? 'own kubelet identity'
        : 'kubelet identity (AKS-made)';
  return `${name}\n${principalText(owner?.principalId ?? kubelet?.objectId)}`;
}

function principalText(value: Value<string> | undefined): string {
  if (value === undefined || value === '') return 'principal unknown';
  return isUnknown(value) ? 'principal known after apply' : `principal ${value}`;
}

function serviceAccountLabel(subject: Value<string>): string {
  if (typeof subject !== 'string') return 'service account known after apply';
  const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject);
  return match === null ? subject : `service account ${match[1] ?? ''}/${match[2] ?? ''}`;
}

function displayValue(value: Value<string> | undefined): string {
  if (value === undefined || value === '') return '(not set)';
  return isUnknown(value) ? '(known after apply)' : value;
}

/** Mermaid labels are quoted; quotes, angle brackets and newlines need its entity codes. */
function escapeLabel(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\n/g, '<br/>');
}
