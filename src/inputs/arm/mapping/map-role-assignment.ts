import { builtInRole, builtInRoleById, roleWithId } from '../../../model/roles.js';
import { isUnknown, Unknown, type Value } from '../../../model/unknown.js';
import { props, stringAt, type ArmResource } from './arm-resource.js';
import { setIfDefined, type RoleAssignmentFields } from '../../assemble-entity.js';
import { canonicalRoleDefinitionId, extensionScopeOf, scopeOfId } from './resource-id.js';

/** Microsoft.Authorization/roleAssignments, as the Terraform adapter maps azurerm_role_assignment. */
export function mapRoleAssignment(r: ArmResource): RoleAssignmentFields {
  const p = props(r);
  const fields: RoleAssignmentFields = {
    name: r.name,
    id: r.id,
    principalId: stringAt(p, ['principalId']) ?? '',
    role: mapRole(stringAt(p, ['roleDefinitionId'])),
    scope: scopeOfId(assignmentScope(r)),
  };
  setIfDefined(fields, 'principalType', stringAt(p, ['principalType']));
  const condition = stringAt(p, ['condition']);
  if (condition !== '') setIfDefined(fields, 'condition', condition);
  return fields;
}

/**
 * A role definition ID in any form names its role by the trailing GUID: a built-in role is recognised in every
 * form; a custom role keeps its (subscription-level) ID so that the linker joins it with its definition.
 */
export function mapRole(id: Value<string> | undefined): RoleAssignmentFields['role'] {
  if (typeof id === 'string' && id !== '') return roleWithId(canonicalRoleDefinitionId(id));
  // subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<guid>') in an unknown subscription still
  // names a built-in role: its GUID is the same in every subscription.
  const guid = isUnknown(id) && id.ref !== undefined ? trailingGuid(id.ref) : undefined;
  const builtIn = guid === undefined ? undefined : builtInRoleById(guid);
  if (builtIn !== undefined) return builtInRole(builtIn);
  const unknownRole = new Unknown(id === undefined || id === '' ? 'no role in the input' : id.reason);
  const role: RoleAssignmentFields['role'] = {
    builtIn: unknownRole,
    actions: unknownRole,
    permissions: unknownRole,
  };
  if (isUnknown(id)) role.id = id;
  return role;
}

/**
 * Where the role is granted: what the adapter worked out (a template's `scope`), else the REST `properties.scope`,
 * else the scope the assignment's own ID is attached to.
 */
function assignmentScope(r: ArmResource): Value<string> {
  if (r.scope !== undefined) return r.scope;
  const given = stringAt(props(r), ['scope']);
  if (given !== undefined) return given;
  if (typeof r.id === 'string') return extensionScopeOf(r.id) ?? new Unknown(`no scope in ${r.id}`);
  return new Unknown(r.id.reason);
}

const ROLE_DEFINITION_GUID =
  /\/providers\/microsoft\.authorization\/roledefinitions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

function trailingGuid(ref: string): string | undefined {
  return ROLE_DEFINITION_GUID.exec(ref)?.[1];
}
