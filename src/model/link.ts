import type {
  Cluster,
  EntitiesByKind,
  Entity,
  ManagedIdentity,
  PrincipalKind,
  RoleAssignment,
} from './entities.js';
import { emptyEntities } from './entities.js';
import { scopeContains } from './scope.js';
import { isUnknown, type Value } from './unknown.js';
import { sameValue } from './values.js';

/**
 * Joins entities across resources and inputs: which identity a cluster runs as, whose principal each role
 * assignment names, which credential trusts which cluster. It records facts only, never verdicts. Principals are
 * joined on object IDs (or on the same not-yet-known value), never on client IDs.
 */
export function linkEntities(entities: readonly Entity[]): EntitiesByKind {
  const byKind = emptyEntities();
  for (const entity of entities) (byKind[entity.kind] as Entity[]).push(entity);

  for (const cluster of byKind.cluster) linkClusterIdentities(cluster, byKind.managedIdentity);
  linkFederatedCredentials(byKind);
  for (const assignment of byKind.roleAssignment) linkPrincipal(assignment, byKind);
  linkRoleDefinitions(byKind);
  for (const cluster of byKind.cluster) {
    const assignments = [
      ...cluster.controlPlaneRoleAssignments,
      ...cluster.kubeletRoleAssignments,
      ...cluster.addons.flatMap((a) => a.roleAssignments),
    ];
    cluster.registries = byKind.registry.filter((registry) =>
      assignments.some((a) => scopeContains(a.scope.id, registry.id) === true),
    );
  }
  return byKind;
}

function findIdentity(identities: ManagedIdentity[], id: Value<string> | undefined): ManagedIdentity | undefined {
  return id === undefined ? undefined : identities.find((mi) => sameValue(mi.id, id));
}

function linkClusterIdentities(cluster: Cluster, identities: ManagedIdentity[]): void {
  const ids = cluster.identity.userAssignedIdentityIds;
  if (Array.isArray(ids)) {
    const identity = ids.map((id) => findIdentity(identities, id)).find((mi) => mi !== undefined);
    if (identity !== undefined) {
      cluster.controlPlaneIdentity = identity;
      identity.usedBy.push({ cluster, as: 'controlPlane' });
    }
  }
  const kubelet = findIdentity(identities, cluster.kubeletIdentity?.userAssignedIdentityId);
  if (kubelet !== undefined) {
    cluster.kubeletManagedIdentity = kubelet;
    kubelet.usedBy.push({ cluster, as: 'kubelet' });
  }
  for (const addon of cluster.addons) {
    const identity = findIdentity(identities, addon.identity?.resourceId);
    if (identity !== undefined) identity.usedBy.push({ cluster, as: 'addon' });
  }
}

function linkFederatedCredentials(byKind: EntitiesByKind): void {
  for (const credential of byKind.federatedCredential) {
    const identity = findIdentity(byKind.managedIdentity, credential.parentId);
    const cluster = byKind.cluster.find(
      (c) => c.oidcIssuer?.url !== undefined && sameValue(c.oidcIssuer.url, credential.issuer),
    );
    if (identity !== undefined) {
      credential.identity = identity;
      identity.federatedCredentials.push(credential);
    }
    if (cluster !== undefined) {
      credential.cluster = cluster;
      if (identity !== undefined && !identity.usedBy.some((u) => u.cluster === cluster && u.as === 'workload')) {
        identity.usedBy.push({ cluster, as: 'workload' });
      }
    }
  }
}

/** The principals a cluster acts as, with the role each plays. */
function clusterPrincipals(cluster: Cluster): { principal: Value<string>; kind: PrincipalKind; addon?: string }[] {
  const result: { principal: Value<string>; kind: PrincipalKind; addon?: string }[] = [];
  const add = (principal: Value<string> | undefined, kind: PrincipalKind, addon?: string): void => {
    if (principal === undefined || principal === '') return;
    result.push(addon === undefined ? { principal, kind } : { principal, kind, addon });
  };
  add(cluster.identity.principalId, 'clusterControlPlane');
  add(cluster.controlPlaneIdentity?.principalId, 'clusterControlPlane');
  add(cluster.kubeletIdentity?.objectId, 'kubelet');
  add(cluster.kubeletManagedIdentity?.principalId, 'kubelet');
  for (const addon of cluster.addons) add(addon.identity?.objectId, 'addon', addon.name);
  return result;
}

function linkPrincipal(assignment: RoleAssignment, byKind: EntitiesByKind): void {
  const principalId = assignment.principalId;
  const identity = byKind.managedIdentity.find((mi) => sameValue(mi.principalId, principalId));
  if (identity !== undefined) {
    assignment.principal.identity = identity;
    identity.roleAssignments.push(assignment);
  }
  for (const cluster of byKind.cluster) {
    const match = clusterPrincipals(cluster).find((p) => sameValue(p.principal, principalId));
    if (match === undefined) continue;
    assignment.principal.kind = match.kind;
    assignment.principal.cluster = cluster;
    if (match.kind === 'clusterControlPlane') cluster.controlPlaneRoleAssignments.push(assignment);
    else if (match.kind === 'kubelet') cluster.kubeletRoleAssignments.push(assignment);
    else if (match.addon !== undefined) {
      assignment.principal.addon = match.addon;
      cluster.addons.find((a) => a.name === match.addon)?.roleAssignments.push(assignment);
    }
    return;
  }
  if (identity !== undefined && identity.federatedCredentials.length > 0) {
    assignment.principal.kind = 'workload';
    return;
  }
  // A principal that names something (a known ID, or another resource's attribute) is someone else's; one that
  // names nothing cannot be told.
  assignment.principal.kind = isUnknown(principalId) && principalId.ref === undefined ? 'unknown' : 'other';
}

function linkRoleDefinitions(byKind: EntitiesByKind): void {
  for (const assignment of byKind.roleAssignment) {
    const role = assignment.role;
    const definition = byKind.roleDefinition.find(
      (d) =>
        (role.id !== undefined && sameValue(d.id, role.id)) ||
        (role.builtIn !== true && role.name !== undefined && sameValue(d.name, role.name)),
    );
    if (definition === undefined) continue;
    role.builtIn = false;
    role.name = definition.name;
    role.actions = definition.actions;
    role.notActions = definition.notActions;
  }
}
