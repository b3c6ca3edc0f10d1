import {
  builtInRoleDefinitionById,
  builtInRoleDefinitionByName,
  type BuiltInRoleDefinition,
} from './builtin-role-table.js';
import type { PermissionBlock, RoleAssignment } from './model-types.generated.js';
import { Unknown } from './unknown.js';

/**
 * Built-in Azure roles as the model knows them: every built-in role (data/builtin-roles.json), looked up by name or by
 * GUID in any form of role definition ID, case-insensitively. Built-in role GUIDs are the same in every tenant, so a
 * Terraform `role_definition_name` and an ARM `roleDefinitionId` resolve to one role with one set of permissions.
 */
export type { BuiltInRoleDefinition };

export const builtInRoleByName = builtInRoleDefinitionByName;
export const builtInRoleById = builtInRoleDefinitionById;

export const NOT_IN_BUILT_IN_TABLE = 'not a built-in role Azure lists, and not defined in the inputs';

type Role = RoleAssignment['role'];

/** The model's `role` of a built-in role: its GUID, name and permission blocks. */
export function builtInRole(role: BuiltInRoleDefinition): Role {
  return { id: role.guid, name: role.name, builtIn: true, permissions: role.blocks.map(toModelBlock) };
}

/**
 * A role named, or identified by a role definition ID, that no built-in role matches: a custom role (which the linker
 * completes when its definition is in the inputs) or a built-in role newer than the table; unknown, never a guess.
 */
export function unlistedRole(named: { name: string } | { id: string }): Role {
  const unknown = new Unknown(NOT_IN_BUILT_IN_TABLE);
  return { ...named, builtIn: unknown, actions: unknown, permissions: unknown };
}

/** The role of a name (Terraform's role_definition_name, the CLI's roleDefinitionName). */
export function roleNamed(name: string): Role {
  const builtIn = builtInRoleByName(name);
  return builtIn === undefined ? unlistedRole({ name }) : builtInRole(builtIn);
}

/** The role of a role definition ID, in any of its forms. */
export function roleWithId(id: string): Role {
  const builtIn = builtInRoleById(id);
  return builtIn === undefined ? unlistedRole({ id }) : builtInRole(builtIn);
}

export function toModelBlock(block: BuiltInRoleDefinition['blocks'][number]): PermissionBlock {
  const out: PermissionBlock = {
    actions: [...block.actions],
    notActions: [...block.notActions],
    dataActions: [...block.dataActions],
    notDataActions: [...block.notDataActions],
  };
  if (block.conditional === true) out.conditional = true;
  if (block.conditionAppliesTo !== undefined) out.conditionAppliesTo = [...block.conditionAppliesTo];
  return out;
}
