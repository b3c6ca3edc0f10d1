import type {
  Cluster,
  EntitiesByKind,
  Entity,
  ManagedIdentity,
  PrincipalKind,
  Registry,
  RoleAssignment,
} from './entities.js';
import { emptyEntities } from './entities.js';
import { isUnknown, type Value } from './unknown.js';
import { ValueIndex } from './values.js';

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

  const principals = new ValueIndex<ClusterPrincipal>();
  for (const cluster of byKind.cluster) {
    for (const principal of clusterPrincipals(cluster)) principals.add(principal.principal, principal);
  }
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

function linkFederatedCredentials(byKind: EntitiesByKind, identitiesById: ValueIndex<ManagedIdentity>): void {
  const clustersByIssuer = new ValueIndex<Cluster>();
  for (const cluster of byKind.cluster) clustersByIssuer.add(cluster.oidcIssuer?.url, cluster);
  for (const credential of byKind.federatedCredential) {
    const identity = identitiesById.first(credential.parentId);
    const cluster = clustersByIssuer.first(credential.issuer);
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

const PRINCIPAL_LABELS: Record<PrincipalKind, string> = {
  clusterControlPlane: 'control-plane',
  kubelet: 'kubelet',
  addon: 'add-on',
  workload: 'workload',
  other: 'other',
  unknown: 'unknown',
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
  add(cluster.controlPlaneIdentity?.principalId, 'clusterControlPlane');
  add(cluster.kubeletIdentity?.objectId, 'kubelet');
  add(cluster.kubeletManagedIdentity?.principalId, 'kubelet');
  for (const addon of cluster.addons) add(addon.identity?.objectId, 'addon', addon.name);
  return result;
}

function linkPrincipal(
  assignment: RoleAssignment,
  principals: ValueIndex<ClusterPrincipal>,
  identitiesByPrincipal: ValueIndex<ManagedIdentity>,
): void {
  const principalId = assignment.principalId;
  const identity = identitiesByPrincipal.first(principalId);
  if (identity !== undefined) {
    assignment.principal.identity = identity;
    identity.roleAssignments.push(assignment);
  }
  // One identity can serve several roles: the kubelet of blue and green clusters, or control plane and kubelet.
  const matches = principals.get(principalId);
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
  // A principal that names something (a known ID, or another resource's attribute) is someone else's; one that
  // names nothing cannot be told.
  assignment.principal.kind = isUnknown(principalId) && principalId.ref === undefined ? 'unknown' : 'other';
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
  }
}

/**
 * A cluster's registries are those any of its identities holds a role on: at the registry itself, or at a scope
 * that contains it (its resource group or subscription). Registries are indexed under each scope that contains
 * them, so a role assignment finds them by its own scope.
 */
function linkRegistries(byKind: EntitiesByKind): void {
  const byScope = new ValueIndex<Registry>();
  for (const registry of byKind.registry) {
    for (const scope of registry.scopeChain.length > 0 ? registry.scopeChain : [registry.id]) {
      byScope.add(typeof scope === 'string' ? scope.replace(/\/+$/, '') : scope, registry);
    }
  }
  const order = new Map(byKind.registry.map((r, i) => [r, i]));
  for (const cluster of byKind.cluster) {
    const assignments = [
      ...cluster.controlPlaneRoleAssignments,
      ...cluster.kubeletRoleAssignments,
      ...cluster.addons.flatMap((a) => a.roleAssignments),
    ];
    const found = new Set<Registry>();
    for (const a of assignments) {
      const scope = typeof a.scope.id === 'string' ? a.scope.id.replace(/\/+$/, '') : a.scope.id;
      for (const r of byScope.get(scope)) found.add(r);
    }
    cluster.registries = [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }
}
