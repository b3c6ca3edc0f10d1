import type { PermissionBlock } from '../../../model/entities.js';
import { isUnknown, Unknown, type Value } from '../../../model/unknown.js';
import { parseScope } from '../../../model/scope.js';
import { isArmObject, type ArmValue } from '../expressions/index.js';
import {
  boolOrDefault,
  knownStringList,
  props,
  runtimeValue,
  stringAt,
  stringListAt,
  valueAt,
  type ArmResource,
} from './arm-resource.js';
import {
  setIfDefined,
  type FederatedCredentialFields,
  type ManagedIdentityFields,
  type RegistryFields,
  type RoleDefinitionFields,
} from '../../assemble-entity.js';
import { canonicalRoleDefinitionId, parentIdOf, scopeChainOf } from './resource-id.js';

/** Microsoft.ManagedIdentity/userAssignedIdentities: its principal and client IDs are made when it is created. */
export function mapManagedIdentity(r: ArmResource): ManagedIdentityFields {
  const fields: ManagedIdentityFields = {
    name: r.name,
    id: r.id,
    scopeChain: scopeChainOf(r.id),
    principalId: runtimeValue(r, ['principalId'], { identifier: true }),
    clientId: runtimeValue(r, ['clientId'], { identifier: true }),
  };
  if (typeof r.id === 'string') setIfDefined(fields, 'resourceGroup', parseScope(r.id)?.resourceGroup);
  return fields;
}

const PERMISSION_LISTS = ['actions', 'notActions', 'dataActions', 'notDataActions'] as const;

/**
 * Microsoft.Authorization/roleDefinitions. `permissions` is a list of blocks: the lists of the model are their
 * union, and `permissions` keeps each block as written (unknown when any action in it is).
 */
export function mapRoleDefinition(r: ArmResource): RoleDefinitionFields {
  const p = props(r);
  const permissions = valueAt(p, ['permissions']);
  const blocks: ArmValue[] = Array.isArray(permissions) ? permissions : [];
  const list = (key: string): Value<string>[] => {
    if (isUnknown(permissions)) return [new Unknown(permissions.reason)];
    return blocks.flatMap((entry) =>
      isArmObject(entry) || isUnknown(entry) ? knownStringList(entry, [key]) : [],
    );
  };
  return {
    name: stringAt(p, ['roleName']) ?? r.name,
    id: typeof r.id === 'string' ? canonicalRoleDefinitionId(r.id) : r.id,
    actions: list('actions'),
    notActions: list('notActions'),
    dataActions: list('dataActions'),
    notDataActions: list('notDataActions'),
    permissions: isUnknown(permissions) ? new Unknown(permissions.reason) : permissionBlocks(blocks),
    assignableScopes: knownStringList(p, ['assignableScopes']),
  };
}

function permissionBlocks(blocks: readonly ArmValue[]): PermissionBlock[] | Unknown {
  const result: PermissionBlock[] = [];
  for (const entry of blocks) {
    if (isUnknown(entry)) return new Unknown(entry.reason);
    const block: PermissionBlock = { actions: [], notActions: [], dataActions: [], notDataActions: [] };
    for (const field of PERMISSION_LISTS) {
      for (const action of knownStringList(entry, [field])) {
        if (isUnknown(action)) return new Unknown(action.reason);
        block[field].push(action);
      }
    }
    result.push(block);
  }
  return result;
}

/** Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials: its parent is the identity. */
export function mapFederatedCredential(r: ArmResource): FederatedCredentialFields {
  const p = props(r);
  return {
    usedBy: [],
    name: r.name,
    issuer: stringAt(p, ['issuer']) ?? '',
    subject: stringAt(p, ['subject']) ?? '',
    audiences: stringListAt(p, ['audiences']) ?? [],
    parentId:
      r.parentId ?? parentIdOf(r.id) ?? new Unknown(isUnknown(r.id) ? r.id.reason : 'no parent in its ID'),
  };
}

/** Microsoft.ContainerRegistry/registries. The admin user is off unless enabled. */
export function mapRegistry(r: ArmResource): RegistryFields {
  return {
    name: r.name,
    id: r.id,
    adminUserEnabled: boolOrDefault(props(r), ['adminUserEnabled'], false),
    scopeChain: scopeChainOf(r.id),
  };
}
