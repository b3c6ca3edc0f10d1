import { roleNamed, roleWithId } from '../../model/roles.js';
import { parseScope, type Scope } from '../../model/scope.js';
import { isUnknown, Unknown, type Value } from '../../model/unknown.js';
import { scopeOfResourceType } from './arm-types.js';
import { setIfDefined, type RoleAssignmentFields } from '../assemble-entity.js';
import type { ResourceView } from './resource-view.js';

export function mapRoleAssignment(r: ResourceView): RoleAssignmentFields {
  const fields: RoleAssignmentFields = {
    name: r.string(['name']) ?? r.address,
    id: r.string(['id']) ?? '',
    principalId: r.string(['principal_id']) ?? '',
    role: mapRole(r),
    scope: mapScope(r),
  };
  setIfDefined(fields, 'principalType', r.string(['principal_type']));
  setIfDefined(fields, 'condition', r.chosenString(['condition']));
  return fields;
}

/** `role_definition_name` and `role_definition_id` resolve to one role, identified by its GUID. */
function mapRole(r: ResourceView): RoleAssignmentFields['role'] {
  const name = r.string(['role_definition_name']);
  if (typeof name === 'string' && name !== '') return roleNamed(name);
  const id = roleDefinitionId(r);
  if (typeof id === 'string') return roleWithId(id);
  const unknownRole = new Unknown(id === undefined ? 'no role in the plan' : 'a role defined at apply');
  const role: RoleAssignmentFields['role'] = {
    builtIn: unknownRole,
    actions: unknownRole,
    permissions: unknownRole,
  };
  if (id !== undefined) role.id = id;
  if (name !== undefined) role.name = name;
  return role;
}

/**
 * A custom role is referenced through any of azurerm_role_definition's IDs; the model names it by
 * `role_definition_resource_id` so the linker can join it with the definition.
 */
function roleDefinitionId(r: ResourceView): Value<string> | undefined {
  const [resolved] = r.resolveConfigured(['role_definition_id']);
  const id = r.string(['role_definition_id']);
  if (
    isUnknown(id) &&
    resolved?.kind === 'attribute' &&
    resolved.resourceType === 'azurerm_role_definition'
  ) {
    return new Unknown(id.reason, `${resolved.resourceAddress}.role_definition_resource_id`, true);
  }
  return id;
}

/** A scope whose level and type are as unknown as its ID: a policy asking about either is indeterminate. */
function unknownScope(id: Value<string>, why: string): Scope {
  const unknown = new Unknown(why);
  return { id, level: unknown, resourceType: unknown };
}

function mapScope(r: ResourceView): Scope {
  const scope = r.string(['scope']);
  if (scope === undefined) return unknownScope(new Unknown('no scope in the plan'), 'no scope in the plan');
  if (!isUnknown(scope)) return parseScope(scope) ?? unknownScope(scope, `unrecognised scope ${scope}`);
  const [only, ...more] = r.resolveConfigured(['scope']);
  if (only?.kind === 'attribute' && more.length === 0 && only.attribute === 'id') {
    const known = scopeOfResourceType(only.resourceType);
    if (known !== undefined) {
      const result: Scope = { id: scope, level: known.level };
      if (known.resourceType !== undefined) result.resourceType = known.resourceType;
      else if (known.level === 'resource') {
        result.resourceType = new Unknown(
          `the Azure resource type of ${only.resourceType} is not known here`,
        );
      }
      return result;
    }
  }
  return unknownScope(scope, scope.reason);
}
