import type { PermissionBlock } from '../../model/entities.js';
import { isUnknown, type Value } from '../../model/unknown.js';
import {
  setIfDefined,
  type FederatedCredentialFields,
  type ManagedIdentityFields,
  type RegistryFields,
  type RoleDefinitionFields,
} from '../assemble-entity.js';
import type { ResourceView } from './resource-view.js';

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

const PERMISSION_LISTS = [
  ['actions', 'actions'],
  ['notActions', 'not_actions'],
  ['dataActions', 'data_actions'],
  ['notDataActions', 'not_data_actions'],
] as const;

export function mapRoleDefinition(r: ResourceView): RoleDefinitionFields {
  const blocks = r.blockCount(['permissions']);
  const list = (i: number, attribute: string): Value<string>[] => {
    const value = r.stringList(['permissions', i, attribute]);
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
  };
  const all = (attribute: string): Value<string>[] =>
    isUnknown(blocks) ? [blocks] : Array.from({ length: blocks }, (_, i) => list(i, attribute)).flat();
  const scopes = r.stringList(['assignable_scopes']);
  return {
    name: r.string(['name']) ?? '',
    id: r.string(['role_definition_resource_id']) ?? r.string(['id']) ?? '',
    actions: all('actions'),
    notActions: all('not_actions'),
    dataActions: all('data_actions'),
    notDataActions: all('not_data_actions'),
    permissions: permissionBlocks(blocks, list),
    assignableScopes: Array.isArray(scopes) ? scopes : scopes === undefined ? [] : [scopes],
  };
}

/** A custom role's blocks, each as written; unknown as a whole when any of its actions is (the list decides). */
function permissionBlocks(
  blocks: Value<number>,
  list: (i: number, attribute: string) => Value<string>[],
): Value<PermissionBlock[]> {
  if (isUnknown(blocks)) return blocks;
  const result: PermissionBlock[] = [];
  for (let i = 0; i < blocks; i++) {
    const block: PermissionBlock = { actions: [], notActions: [], dataActions: [], notDataActions: [] };
    for (const [field, attribute] of PERMISSION_LISTS) {
      for (const action of list(i, attribute)) {
        if (isUnknown(action)) return action;
        block[field].push(action);
      }
    }
    result.push(block);
  }
  return result;
}

/** azurerm 5.0 renamed `parent_id` to `user_assigned_identity_id`; `audience` is a list in 3.x and 4.x. */
export function mapFederatedCredential(r: ResourceView): FederatedCredentialFields {
  return {
    usedBy: [],
    name: r.string(['name']) ?? '',
    issuer: r.string(['issuer']) ?? '',
    subject: r.string(['subject']) ?? '',
    audiences: r.stringList(['audience']) ?? [],
    parentId: r.string(['parent_id']) ?? r.string(['user_assigned_identity_id']) ?? '',
  };
}

export function mapRegistry(r: ResourceView): RegistryFields {
  const id = r.string(['id']) ?? '';
  return {
    name: r.string(['name']) ?? '',
    id,
    adminUserEnabled: r.bool(['admin_enabled']) ?? false,
    scopeChain: r.scopeChain(id),
  };
}
