import type { Cluster, Entity, ManagedIdentity, RoleAssignment, Scope } from '../model/entities.js';
import { isUnknown, type Value } from '../model/unknown.js';
import type { Evaluation } from '../policy/evaluate.js';
import { SEVERITIES } from '../policy/severity.js';
import { shortAddress } from './present.js';

export interface IdentityMap {
  /** The Mermaid flowchart source. */
  mermaid: string;
  /** Edges left out to keep the chart readable. */
  omitted: number;
}

/** More edges than this make a flowchart unreadable; the rest are counted in a note under it. */
export const MAX_EDGES = 40;

/** One line under every map, so that shapes and marks need no guessing. */
export const MAP_LEGEND =
  'Stadiums: clusters and Kubernetes service accounts · boxes: identities · rounded: scopes, with the role on the arrow · ✗ and red: what a failing check is about.';

/**
 * Colours that read on GitHub's light and dark themes alike: a pale fill with dark text for a failing box (so its
 * text never depends on the theme's text colour), and a mid red stroke that stands out on white and on black.
 */
const FAIL_NODE = 'fill:#ffebe9,stroke:#cf222e,stroke-width:2px,color:#1f2328';
const FAIL_EDGE = 'stroke:#cf222e,stroke-width:3px';

type Shape = 'box' | 'round' | 'stadium';

interface MapNode {
  id: string;
  label: string;
  shape: Shape;
  failing: boolean;
}

interface MapEdge {
  from: MapNode;
  to: MapNode;
  label: string;
  /** The severity rank of the most severe failing check it is behind, if any. */
  failing?: number;
  /** Cluster to identity: always drawn, the chart's skeleton. */
  structural: boolean;
}

/**
 * Who can do what, for one cluster: the cluster, the identities it runs as (control plane, kubelet, add-ons), the
 * workloads that federate to its identities, and every role those identities hold at which scope. Nodes are keyed
 * by the entity they stand for (one identity used twice is one box; two unknown scopes are two), and what a
 * failing check is about is marked: the grant or federation behind it, or the cluster or identity itself.
 */
export function identityMap(
  cluster: Cluster,
  identities: readonly ManagedIdentity[],
  evaluations: readonly Evaluation[],
): IdentityMap {
  const failing = failingEntities(evaluations);
  const nodes = new Map<unknown, MapNode>();
  const edges: MapEdge[] = [];
  const node = (key: unknown, label: string, shape: Shape, entity?: Entity): MapNode => {
    let found = nodes.get(key);
    if (found === undefined) {
      found = { id: `n${nodes.size}`, label, shape, failing: entity !== undefined && failing.has(entity) };
      nodes.set(key, found);
    }
    return found;
  };
  const edge = (from: MapNode, to: MapNode, label: string, about?: Entity, structural = false): void => {
    const rank = about === undefined ? undefined : failing.get(about);
    edges.push({ from, to, label, structural, ...(rank === undefined ? {} : { failing: rank }) });
  };
  const roles = (from: MapNode, assignments: readonly RoleAssignment[]): void => {
    for (const a of assignments) edge(from, scopeNode(a, node), roleName(a), a);
  };
  const federations = (to: MapNode, identity: ManagedIdentity | undefined): void => {
    for (const credential of identity?.federatedCredentials ?? []) {
      const subject = credential.subject;
      const key = typeof subject === 'string' ? `sa:${subject}` : credential;
      edge(node(key, serviceAccountLabel(subject), 'stadium'), to, 'federates', credential);
    }
  };

  const c = node(cluster, `${displayValue(cluster.name)}\nAKS cluster`, 'stadium', cluster);
  const cpIdentity = cluster.controlPlaneIdentity;
  const cp = node(cpIdentity ?? 'control plane', controlPlaneLabel(cluster), 'box', cpIdentity);
  edge(c, cp, 'control plane', undefined, true);
  roles(cp, cluster.controlPlaneRoleAssignments);
  federations(cp, cpIdentity);

  if (cluster.kubeletIdentity !== undefined) {
    const owner = cluster.kubeletManagedIdentity;
    const kubelet = node(owner ?? 'kubelet', kubeletLabel(cluster), 'box', owner);
    edge(c, kubelet, 'kubelet', undefined, true);
    roles(kubelet, cluster.kubeletRoleAssignments);
    if (owner !== cpIdentity) federations(kubelet, owner);
  }
  for (const addon of cluster.addons) {
    if (addon.identity === undefined && addon.roleAssignments.length === 0) continue;
    const id = node(`addon:${addon.name}`, `${addon.name}\nadd-on identity`, 'box');
    edge(c, id, 'add-on', undefined, true);
    roles(id, addon.roleAssignments);
  }
  for (const identity of identities) {
    if (!identity.usedBy.some((u) => u.cluster === cluster && u.as === 'workload')) continue;
    const known = nodes.has(identity);
    const id = node(identity, `${displayValue(identity.name)}\nworkload identity`, 'box', identity);
    // An identity the cluster also runs as already has its roles and federations drawn.
    if (known) continue;
    federations(id, identity);
    roles(id, identity.roleAssignments);
  }
  return draw(c, edges);
}

/**
 * What failing checks are about: the entities they blame (a role assignment that grants too much), else their own,
 * each with the rank of the most severe check (0 is critical).
 */
function failingEntities(evaluations: readonly Evaluation[]): Map<Entity, number> {
  const about = new Map<Entity, number>();
  for (const e of evaluations) {
    if (e.status !== 'fail') continue;
    const rank = SEVERITIES.indexOf(e.severity);
    const blamed = e.culprits !== undefined && e.culprits.length > 0 ? e.culprits : [e.entity];
    for (const entity of blamed) about.set(entity, Math.min(rank, about.get(entity) ?? rank));
  }
  return about;
}

/**
 * The flowchart: up to `MAX_EDGES`, the skeleton first, then failing edges, most severe first, then the others,
 * drawn in the order they were found; a box is drawn only with an edge that reaches it, so a cut never leaves one
 * standing alone.
 */
function draw(cluster: MapNode, edges: readonly MapEdge[]): IdentityMap {
  const rank = (e: MapEdge): number => (e.structural ? -1 : (e.failing ?? SEVERITIES.length));
  const chosen = new Set([...edges].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_EDGES));
  const drawn = edges.filter((e) => chosen.has(e));
  const shown: MapNode[] = [cluster];
  for (const e of drawn) for (const n of [e.from, e.to]) if (!shown.includes(n)) shown.push(n);

  const lines = ['flowchart LR', ...shown.map((n) => `  ${shape(n)}`)];
  for (const e of drawn) {
    const label = escapeLabel(e.failing !== undefined ? `✗ ${e.label}` : e.label);
    lines.push(`  ${e.from.id} -->|"${label}"| ${e.to.id}`);
  }
  const failingNodes = shown.filter((n) => n.failing).map((n) => n.id);
  if (failingNodes.length > 0)
    lines.push(`  classDef fail ${FAIL_NODE}`, `  class ${failingNodes.join(',')} fail`);
  const failingEdges = drawn.flatMap((e, i) => (e.failing !== undefined ? [i] : []));
  if (failingEdges.length > 0) lines.push(`  linkStyle ${failingEdges.join(',')} ${FAIL_EDGE}`);
  return { mermaid: lines.join('\n'), omitted: edges.length - drawn.length };
}

function shape(n: MapNode): string {
  const text = `"${escapeLabel(n.label)}"`;
  if (n.shape === 'round') return `${n.id}(${text})`;
  return n.shape === 'stadium' ? `${n.id}([${text}])` : `${n.id}[${text}]`;
}

/** A scope's box: one per known ID (case as ARM compares), per referenced resource, else per assignment. */
function scopeNode(a: RoleAssignment, node: (key: unknown, label: string, shape: Shape) => MapNode): MapNode {
  const id = a.scope.id;
  const key =
    typeof id === 'string' ? `scope:${id.toLowerCase()}` : id.ref !== undefined ? `scope-ref:${id.ref}` : a;
  return node(key, scopeLabel(a.scope), 'round');
}

function scopeLabel(scope: Scope): string {
  const level = typeof scope.level === 'string' ? scope.level : 'scope';
  const id = scope.id;
  if (typeof id === 'string')
    return `${id === '/' ? 'tenant root' : (id.replace(/\/+$/, '').split('/').pop() ?? id)}\n${level}`;
  const ref = id.ref?.replace(/\.id$/, '');
  return `${ref === undefined ? 'known after apply' : shortAddress(ref)}\n${level}`;
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
        ? 'identity'
        : displayValue(cluster.controlPlaneIdentity.name);
    return `${name}\ncontrol plane, user-assigned`;
  }
  if (type === 'SystemAssigned') return 'control plane\nsystem-assigned';
  if (type === 'ServicePrincipal') return 'control plane\nservice principal';
  return isUnknown(type) ? 'control plane\nidentity known after apply' : `control plane\n${type}`;
}

function kubeletLabel(cluster: Cluster): string {
  const owner = cluster.kubeletManagedIdentity;
  if (owner !== undefined) return `${displayValue(owner.name)}\nkubelet, user-assigned`;
  return cluster.kubeletIdentity?.custom === true ? 'kubelet\nown identity' : 'kubelet\nAKS-made identity';
}

function serviceAccountLabel(subject: Value<string>): string {
  if (typeof subject !== 'string') return 'known after apply\nservice account';
  const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject);
  return match === null ? `${subject}\nsubject` : `${match[1] ?? ''}/${match[2] ?? ''}\nservice account`;
}

function displayValue(value: Value<string> | undefined): string {
  if (value === undefined || value === '') return '(not set)';
  return isUnknown(value) ? '(known after apply)' : value;
}

/** Mermaid labels are quoted; `#`, quotes, angle brackets and newlines need its entity codes. */
function escapeLabel(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\n/g, '<br/>');
}
