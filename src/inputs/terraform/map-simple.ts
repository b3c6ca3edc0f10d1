import type { FederatedCredential, ManagedIdentity, Registry, RoleDefinition } from '../../model/entities.js';
import type { Value } from '../../model/unknown.js';
import { setIfDefined } from './map-cluster.js';
import type { ResourceView } from './resource-view.js';

type Own<T> = Omit<T, 'kind' | 'key' | 'source' | 'change' | 'raw'>;
export type ManagedIdentityFields = Omit<
  Own<ManagedIdentity>,
  'usedBy' | 'roleAssignments' | 'federatedCredentials'
>;
export type FederatedCredentialFields = Omit<Own<FederatedCredential>, 'identity' | 'cluster'>;

export function mapManagedIdentity(r: ResourceView): ManagedIdentityFields {
  const id = r.string(['id']) ?? '';
  const fields: ManagedIdentityFields = {
    name: r.string(['name']) ?? '',
    id,
    scopeChain: r.scopeChain(id),
    principalId: r.string(['principal_id']) ?? '',
    clientId: r.string(['client_id']) ?? '',
  };
  setIfDefined(fields, 'resourceGroup', r.string(['resource_group_name']));
  return fields;
}

export function mapRoleDefinition(r: ResourceView): Own<RoleDefinition> {
  const list = (attribute: string): Value<string>[] => {
    const value = r.stringList(['permissions', 0, attribute]);
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
  };
  const scopes = r.stringList(['assignable_scopes']);
  return {
    name: r.string(['name']) ?? '',
    id: r.string(['role_definition_resource_id']) ?? r.string(['id']) ?? '',
    actions: list('actions'),
    notActions: list('not_actions'),
    dataActions: list('data_actions'),
    notDataActions: list('not_data_actions'),
    assignableScopes: Array.isArray(scopes) ? scopes : scopes === undefined ? [] : [scopes],
  };
}

/** azurerm 5.0 renamed `parent_id` to `user_assigned_identity_id`; `audience` is a list in 3.x and 4.x. */
export function mapFederatedCredential(r: ResourceView): FederatedCredentialFields {
  return {
    name: r.string(['name']) ?? '',
    issuer: r.string(['issuer']) ?? '',
    subject: r.string(['subject']) ?? '',
    audiences: r.stringList(['audience']) ?? [],
    parentId: r.string(['parent_id']) ?? r.string(['user_assigned_identity_id']) ?? '',
  };
}

export function mapRegistry(r: ResourceView): Own<Registry> {
  const id = r.string(['id']) ?? '';
  return {
    name: r.string(['name']) ?? '',
    id,
    adminUserEnabled: r.bool(['admin_enabled']) ?? false,
    scopeChain: r.scopeChain(id),
  };
}
