import type {
  Cluster,
  EntitiesByKind,
  Entity,
  IdentityUse,
  ManagedIdentity,
  PrincipalKind,
  Registry,
  RoleAssignment,
} from './entities.js';
import { emptyEntities } from './entities.js';
import { linkDrift } from './drift.js';
import { isUnknown, MaybeElement, Unknown, type Value } from './unknown.js';
import { ValueIndex } from './values.js';

/** An adapter's principal kind before linking: the linker decides it. */
export const NOT_LINKED = new Unknown('not linked yet');

/**
 * Joins entities across resources and inputs: which identity a cluster runs as, whose principal each role
 * assignment names, which credential trusts which cluster. It records facts only, never verdicts. Principals are
 * joined on object IDs (or on the same not-yet-known value), never on client IDs. Every join goes through an
 * index, so linking stays linear in the number of entities.
 */
export function linkEntities(entities: readonly Entity[]): EntitiesByKind {
  const byKind = emptyEntities();
  for (const entity of entities) (byKind[entity.kind] as Entity[]).push(entity);
  // What a plan deletes grants nothing afterwards: it is evaluated, but not linked as a live grant or identity.
  const live = emptyEntities();
  for (const entity of entities)
    if (entity.change.action !== 'delete') (live[entity.kind] as Entity[]).push(entity);
  linkLive(live);
  linkDrift(live, byKind.roleAssignment);
  return byKind;
}

function linkLive(byKind: EntitiesByKind): void {
  const identitiesById = new ValueIndex<ManagedIdentity>();
  const identitiesByPrincipal = new ValueIndex<ManagedIdentity>();
  for (const mi of byKind.managedIdentity) {
    identitiesById.add(mi.id, mi);
    identitiesByPrincipal.add(mi.principalId, mi);
  }
  for (const cluster of byKind.cluster) linkClusterIdentities(cluster, identitiesById);
  linkFederatedCredentials(byKind, identitiesById);

  const principals = new PrincipalDirectory(byKind.cluster);
  for (const assignment of byKind.roleAssignment)
    linkPrincipal(assignment, principals, identitiesByPrincipal);
  linkRoleDefinitions(byKind);
  linkRegistries(byKind);
}

function linkClusterIdentities(cluster: Cluster, identitiesById: ValueIndex<ManagedIdentity>): void {
  const ids = cluster.identity.userAssignedIdentityIds;
  if (Array.isArray(ids)) {
    const identity = ids.map((id) => identitiesById.first(id)).find((mi) => mi !== undefined);
    if (identity !== undefined) {
      cluster.controlPlaneIdentity = identity;
      identity.usedBy.push({ cluster, as: 'controlPlane' });
    }
  }
  const kubelet = identitiesById.first(cluster.kubeletIdentity?.userAssignedIdentityId);
  if (kubelet !== undefined) {
    cluster.kubeletManagedIdentity = kubelet;
    kubelet.usedBy.push({ cluster, as: 'kubelet' });
  }
  for (const addon of cluster.addons) {
    identitiesById.first(addon.identity?.resourceId)?.usedBy.push({ cluster, as: 'addon' });
  }
}

/**
 * A credential trusts a cluster when its issuer is the cluster's OIDC issuer. Issuers join without their trailing
 * `/`, so a credential that differs only by it is still linked: Entra compares issuers exactly, and the policy can
 * then say so. What a credential's identity is to the clusters (control plane, kubelet, add-on) is recorded on the
 * credential too, also for the kubelet identity AKS creates, which the inputs hold no entity for.
 */
function linkFederatedCredentials(byKind: EntitiesByKind, identitiesById: ValueIndex<ManagedIdentity>): void {
  const clustersByIssuer = new ValueIndex<Cluster>();
  const usesById = new ValueIndex<IdentityUse>();
  for (const cluster of byKind.cluster) {
    clustersByIssuer.add(issuerKey(cluster.oidcIssuer?.url), cluster);
    const ids = cluster.identity.userAssignedIdentityIds;
    for (const id of Array.isArray(ids) ? ids : []) usesById.add(id, { cluster, as: 'controlPlane' });
    usesById.add(cluster.kubeletIdentity?.userAssignedIdentityId, { cluster, as: 'kubelet' });
    for (const addon of cluster.addons) usesById.add(addon.identity?.resourceId, { cluster, as: 'addon' });
  }
  for (const credential of byKind.federatedCredential) {
    const identity = identitiesById.first(credential.parentId);
    const cluster = clustersByIssuer.first(issuerKey(credential.issuer));
    for (const use of usesById.get(credential.parentId)) {
      if (!credential.usedBy.some((u) => u.cluster === use.cluster && u.as === use.as))
        credential.usedBy.push(use);
    }
    if (identity !== undefined) {
      credential.identity = identity;
      identity.federatedCredentials.push(credential);
    }
    if (cluster !== undefined) {
      credential.cluster = cluster;
      if (
        identity !== undefined &&
        !identity.usedBy.some((u) => u.cluster === cluster && u.as === 'workload')
      ) {
        identity.usedBy.push({ cluster, as: 'workload' });
      }
    }
  }
}

/** An issuer URL as it joins: without its trailing slashes. */
function issuerKey(url: Value<string> | undefined): Value<string> | undefined {
  return typeof url === 'string' ? url.replace(/\/+$/, '') : url;
}

const PRINCIPAL_LABELS: Record<PrincipalKind, string> = {
  clusterControlPlane: 'control-plane',
  kubelet: 'kubelet',
  addon: 'add-on',
  workload: 'workload',
  other: 'other',
};

interface ClusterPrincipal {
  cluster: Cluster;
  principal: Value<string>;
  kind: PrincipalKind;
  addon?: string;
}

/** The principals a cluster acts as, with the role each plays. */
function clusterPrincipals(cluster: Cluster): ClusterPrincipal[] {
  const result: ClusterPrincipal[] = [];
  const add = (principal: Value<string> | undefined, kind: PrincipalKind, addon?: string): void => {
    if (principal === undefined || principal === '') return;
    result.push(addon === undefined ? { cluster, principal, kind } : { cluster, principal, kind, addon });
  };
  add(cluster.identity.principalId, 'clusterControlPlane');
  add(
    cluster.controlPlaneIdentity?.principalId ?? unseenControlPlanePrincipal(cluster),
    'clusterControlPlane',
  );
  add(cluster.kubeletIdentity?.objectId, 'kubelet');
  add(cluster.kubeletManagedIdentity?.principalId, 'kubelet');
  for (const addon of cluster.addons) add(addon.identity?.objectId, 'addon', addon.name);
  return result;
}

/**
 * The principal of a control plane that runs as an identity the inputs do not hold (a user-assigned identity that
 * exists already, a service principal) is not known, but it is someone: an object that exists already when the
 * identity's ID is known, anything when even that is not.
 */
function unseenControlPlanePrincipal(cluster: Cluster): Unknown | undefined {
  const { type, principalId, userAssignedIdentityIds: ids } = cluster.identity;
  if (principalId !== undefined && principalId !== '') return undefined;
  if (type === 'ServicePrincipal') {
    return new Unknown(
      `the object ID of service principal ${String(cluster.servicePrincipal?.clientId)}`,
      undefined,
      false,
      true,
    );
  }
  if (type !== 'UserAssigned' && !isUnknown(type)) return undefined;
  const existing = Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string');
  return new Unknown(
    `the principal of the control-plane identity of ${cluster.key}, which the inputs do not hold`,
    undefined,
    false,
    existing,
  );
}

/**
 * The principals of all clusters, indexed for joins, and sorted by what an unmatched principal may still be: a
 * known ID may be a principal that exists but is unknown here (read by a data source); an existing one may be any
 * known or existing one; one of unknown origin may be anything. An ID the change creates is none of the others.
 */
class PrincipalDirectory {
  readonly index = new ValueIndex<ClusterPrincipal>();
  /** The client (application) IDs of the clusters' identities: a principal ID equal to one names the wrong ID. */
  readonly clientIds = new ValueIndex<IdentityUse>();
  private readonly known: Cluster[] = [];
  private readonly existing: Cluster[] = [];
  private readonly anything: Cluster[] = [];

  constructor(private readonly clusters: readonly Cluster[]) {
    for (const cluster of clusters) {
      this.clientIds.add(cluster.kubeletIdentity?.clientId, { cluster, as: 'kubelet' });
      this.clientIds.add(cluster.kubeletManagedIdentity?.clientId, { cluster, as: 'kubelet' });
      this.clientIds.add(cluster.controlPlaneIdentity?.clientId, { cluster, as: 'controlPlane' });
      for (const addon of cluster.addons)
        this.clientIds.add(addon.identity?.clientId, { cluster, as: 'addon' });
      for (const p of clusterPrincipals(cluster)) {
        this.index.add(p.principal, p);
        const v = p.principal;
        if (!isUnknown(v)) pushOnce(this.known, cluster);
        else if (v.existing) pushOnce(this.existing, cluster);
        else if (!v.distinct || v.ref === undefined) pushOnce(this.anything, cluster);
      }
    }
  }

  /** The clusters whose principals an unmatched principal cannot be told apart from. */
  undecided(principal: Value<string>): readonly Cluster[] {
    if (principal === '') return this.clusters;
    if (!isUnknown(principal)) return union(this.existing, this.anything);
    if (principal.distinct && principal.ref !== undefined) return this.anything;
    if (principal.existing) return union(this.known, this.existing, this.anything);
    return this.clusters;
  }
}

function union(...lists: readonly Cluster[][]): Cluster[] {
  const all: Cluster[] = [];
  for (const list of lists) for (const c of list) pushOnce(all, c);
  return all;
}

function linkPrincipal(
  assignment: RoleAssignment,
  principals: PrincipalDirectory,
  identitiesByPrincipal: ValueIndex<ManagedIdentity>,
): void {
  const principalId = assignment.principalId;
  const clientIdOf = principals.clientIds.first(principalId);
  if (clientIdOf !== undefined) assignment.principal.clientIdOf = clientIdOf;
  const identity = identitiesByPrincipal.first(principalId);
  if (identity !== undefined) {
    assignment.principal.identity = identity;
    identity.roleAssignments.push(assignment);
  }
  // One identity can serve several roles: the kubelet of blue and green clusters, or control plane and kubelet.
  const matches = principals.index.get(principalId);
  const [first] = matches;
  if (first !== undefined) {
    assignment.principal.kind = first.kind;
    assignment.principal.cluster = first.cluster;
    assignment.principal.label =
      first.addon === undefined ? PRINCIPAL_LABELS[first.kind] : `${first.addon} add-on`;
    if (first.addon !== undefined) assignment.principal.addon = first.addon;
    for (const match of matches) {
      const { cluster } = match;
      if (match.kind === 'clusterControlPlane') pushOnce(cluster.controlPlaneRoleAssignments, assignment);
      else if (match.kind === 'kubelet') pushOnce(cluster.kubeletRoleAssignments, assignment);
      else {
        const addon = cluster.addons.find((a) => a.name === match.addon);
        if (addon !== undefined) pushOnce(addon.roleAssignments, assignment);
      }
    }
    return;
  }
  if (identity !== undefined && identity.federatedCredentials.length > 0) {
    assignment.principal.kind = 'workload';
    assignment.principal.label = PRINCIPAL_LABELS.workload;
    return;
  }
  // Undecided principals are compared only with clusters of the same input: a plan's unresolved expression says
  // nothing about another plan's clusters.
  const undecided = principals.undecided(principalId).filter((c) => c.source.file === assignment.source.file);
  if (undecided.length === 0) {
    assignment.principal.kind = 'other';
    assignment.principal.label = PRINCIPAL_LABELS.other;
    return;
  }
  const principal =
    principalId === ''
      ? 'the input names no principal; it'
      : isUnknown(principalId)
        ? `its principal (${principalId.ref ?? principalId.reason})`
        : `its principal ${principalId}`;
  assignment.principal.kind = new Unknown(
    `undecided: ${principal} may be an identity of ${namesOf(undecided)}`,
  );
  assignment.principal.label = 'undecided';
  for (const cluster of undecided) cluster.undecidedRoleAssignments.push(assignment);
}

function namesOf(clusters: readonly Cluster[]): string {
  const shown = clusters.slice(0, 3).map((c) => c.key);
  return clusters.length > 3 ? `${shown.join(', ')} and ${clusters.length - 3} more` : shown.join(', ');
}

function pushOnce<T>(list: T[], item: T): void {
  if (!list.includes(item)) list.push(item);
}

function linkRoleDefinitions(byKind: EntitiesByKind): void {
  const byId = new ValueIndex<EntitiesByKind['roleDefinition'][number]>();
  const byName = new ValueIndex<EntitiesByKind['roleDefinition'][number]>();
  for (const d of byKind.roleDefinition) {
    byId.add(d.id, d);
    byName.add(d.name, d);
  }
  for (const assignment of byKind.roleAssignment) {
    const role = assignment.role;
    const definition = byId.first(role.id) ?? (role.builtIn === true ? undefined : byName.first(role.name));
    if (definition === undefined) continue;
    role.builtIn = false;
    role.name = definition.name;
    role.actions = definition.actions;
    role.notActions = definition.notActions;
    role.permissions = definition.permissions;
  }
  for (const assignment of byKind.roleAssignment) limitByCondition(assignment);
}

/**
 * An assignment with an ABAC condition grants its role's permissions only where the condition holds, which a plan
 * cannot tell: each block becomes conditional (an unknown condition too: it may be set).
 */
function limitByCondition(assignment: RoleAssignment): void {
  const { condition } = assignment;
  const { permissions } = assignment.role;
  if (condition === undefined || condition === '' || !Array.isArray(permissions)) return;
  assignment.role.permissions = permissions.map((block) => {
    const limited = { ...block, conditional: true };
    delete limited.conditionAppliesTo;
    return limited;
  });
}

/**
 * A cluster's registries are those any of its identities holds a role on: at the registry itself, or at a scope
 * that contains it (its resource group or subscription). Registries are indexed under each scope that contains
 * them, so a role assignment finds them by its own scope. A registry granted only to an undecided principal may or
 * may not be the cluster's: it is listed as an unknown element, which counts as "maybe".
 */
function linkRegistries(byKind: EntitiesByKind): void {
  const byScope = new ValueIndex<Registry>();
  for (const registry of byKind.registry) {
    for (const scope of registry.scopeChain.length > 0 ? registry.scopeChain : [registry.id]) {
      byScope.add(typeof scope === 'string' ? scope.replace(/\/+$/, '') : scope, registry);
    }
  }
  const order = new Map(byKind.registry.map((r, i) => [r, i]));
  const byOrder = (a: Registry, b: Registry): number => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  const registriesOf = (assignments: readonly RoleAssignment[]): Map<Registry, RoleAssignment> => {
    const found = new Map<Registry, RoleAssignment>();
    for (const a of assignments) {
      const scope = typeof a.scope.id === 'string' ? a.scope.id.replace(/\/+$/, '') : a.scope.id;
      for (const r of byScope.get(scope)) if (!found.has(r)) found.set(r, a);
    }
    return found;
  };
  // A scope of unknown origin may be any registry's (those of the same input).
  const maybeAnywhere = (assignments: readonly RoleAssignment[]): Map<Registry, RoleAssignment> => {
    const found = new Map<Registry, RoleAssignment>();
    for (const a of assignments) {
      const scope = a.scope.id;
      if (!isUnknown(scope) || scope.distinct || scope.existing) continue;
      for (const r of byKind.registry) if (r.source.file === a.source.file && !found.has(r)) found.set(r, a);
    }
    return found;
  };
  for (const cluster of byKind.cluster) {
    const undecided = cluster.undecidedRoleAssignments.filter((a): a is RoleAssignment => !isUnknown(a));
    const own = [
      ...cluster.controlPlaneRoleAssignments,
      ...cluster.kubeletRoleAssignments,
      ...cluster.addons.flatMap((a) => a.roleAssignments),
    ];
    const granted = registriesOf(own);
    const maybe = [...new Map([...maybeAnywhere([...own, ...undecided]), ...registriesOf(undecided)])].filter(
      ([r]) => !granted.has(r),
    );
    cluster.registries = [
      ...[...granted.keys()].sort(byOrder),
      ...maybe
        .sort(([a], [b]) => byOrder(a, b))
        .map(
          ([registry, grant]) =>
            new MaybeElement(
              `undecided: registry ${String(registry.name)} may be this cluster's: ${grant.key} may grant a role on it to one of its identities`,
              registry.key,
            ),
        ),
    ];
  }
}
