import { InputError } from '../input-error.js';
import { asArray, asObject, asString, isObject, type JsonObject } from '../json-value.js';

/**
 * One Azure resource as live state gives it, in ARM's shape whatever tool printed it: `id`, `name`, `type`, and
 * the body (`identity`, `location`, `properties`, ...) the ARM mapping reads.
 */
export interface LiveResource {
  id: string;
  name: string;
  type: string;
  body: JsonObject;
  /** JSON pointer of the resource in the input file. */
  pointer: string;
}

/** Keys ARM keeps beside `properties`; the Azure CLI flattens every other one to the top level. */
const ENVELOPE = new Set([
  'id',
  'name',
  'type',
  'location',
  'tags',
  'identity',
  'sku',
  'kind',
  'etag',
  'systemdata',
  'extendedlocation',
  'managedby',
  'plan',
  'zones',
]);

/**
 * The resources in a live-state document: one resource (`az aks show`, `az identity show`, `az acr show`, a REST
 * GET), an array of them (`az aks list`, `az role assignment list`), or a REST list (`{ "value": [...] }`). Azure
 * PowerShell's `ConvertTo-Json` output is read too: its keys are PascalCase, and Azure compares property names
 * without case, as every reading here does.
 */
export function liveResources(document: unknown, file: string): LiveResource[] {
  const array = asArray(document);
  if (array !== undefined) return array.map((item, index) => liveResource(item, `/${index}`, file));
  const valueKey = keyOf(document, 'value');
  const page = valueKey === undefined ? undefined : asArray(valueOf(asObject(document), valueKey));
  if (page !== undefined) {
    const nextKey = keyOf(document, 'nextLink');
    const next = nextKey === undefined ? undefined : asString(valueOf(asObject(document), nextKey));
    if (next !== undefined && next !== '') {
      // One page is not the list: what the other pages hold would read as absent.
      throw new InputError(
        { file, pointer: `/${nextKey}` },
        'this is one page of a longer list (nextLink is set); save every page, or use az role assignment list, az aks list, or --live',
      );
    }
    return page.map((item, index) => liveResource(item, `/${valueKey}/${index}`, file));
  }
  return [liveResource(document, '', file)];
}

/** Whether a value looks like one resource of live state (used to tell the format from content). */
export function isLiveResource(value: unknown): boolean {
  const object = asObject(value);
  if (object === undefined) return false;
  if (isPowerShellRoleAssignment(object)) return true;
  const type = typeOf(object);
  const id = idOf(object);
  return type !== undefined && /^microsoft\.[a-z]+\//i.test(type) && id !== undefined && id.startsWith('/');
}

function liveResource(item: unknown, pointer: string, file: string): LiveResource {
  const object = asObject(item);
  if (object === undefined) {
    throw new InputError({ file, pointer }, 'expected an Azure resource (an object with "id" and "type")');
  }
  if (isPowerShellRoleAssignment(object)) return powerShellRoleAssignment(object, pointer, file);
  const id = idOf(object);
  const type = typeOf(object);
  if (id === undefined || type === undefined) {
    const missing = id === undefined ? 'id' : 'type';
    throw new InputError(
      { file, pointer: `${pointer}/${missing}` },
      `expected an Azure resource with "id" and "type" (as az ... show, az ... list or a REST GET prints it); "${missing}" is missing`,
    );
  }
  return {
    id,
    name: asString(valueOf(object, 'name')) ?? lastSegment(id),
    type,
    body: armShaped(object),
    pointer,
  };
}

/**
 * ARM's shape of a resource: the CLI and PowerShell flatten `properties` into the resource, ARM and REST keep them
 * under `properties`. A `properties` object is taken as it is; otherwise every key outside the envelope is one.
 */
function armShaped(object: JsonObject): JsonObject {
  const properties = valueOf(object, 'properties');
  if (isObject(properties)) return object;
  const body: JsonObject = {};
  const flattened: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (ENVELOPE.has(key.toLowerCase())) body[key] = value;
    else if (key.toLowerCase() !== 'properties') flattened[key] = value;
  }
  body['properties'] = flattened;
  return body;
}

/**
 * `Get-AzRoleAssignment | ConvertTo-Json`: no `type`, the assignment's ID as `RoleAssignmentId`, the principal as
 * `ObjectId`, and the role's GUID alone as `RoleDefinitionId`.
 */
function isPowerShellRoleAssignment(object: JsonObject): boolean {
  return (
    asString(valueOf(object, 'RoleAssignmentId')) !== undefined &&
    asString(valueOf(object, 'ObjectId')) !== undefined
  );
}

function powerShellRoleAssignment(object: JsonObject, pointer: string, file: string): LiveResource {
  const id = asString(valueOf(object, 'RoleAssignmentId')) ?? '';
  const role = asString(valueOf(object, 'RoleDefinitionId'));
  if (role === undefined) {
    throw new InputError(
      { file, pointer: `${pointer}/RoleDefinitionId` },
      'expected the role definition ID (a GUID)',
    );
  }
  const properties: JsonObject = {
    principalId: valueOf(object, 'ObjectId'),
    principalType: valueOf(object, 'ObjectType'),
    roleDefinitionId: role.includes('/') ? role : roleDefinitionId(role, asString(valueOf(object, 'Scope'))),
    scope: valueOf(object, 'Scope'),
    condition: valueOf(object, 'Condition'),
  };
  return {
    id,
    name: lastSegment(id),
    type: 'Microsoft.Authorization/roleAssignments',
    body: { properties },
    pointer,
  };
}

/**
 * A role named by its GUID alone, as the full ID Azure gives it: under the subscription of the assignment's scope,
 * where a custom role's definition is (a built-in role's GUID is recognised in any form).
 */
function roleDefinitionId(guid: string, scope: string | undefined): string {
  const subscription = scope === undefined ? undefined : /^\/subscriptions\/[^/]+/i.exec(scope)?.[0];
  return `${subscription ?? ''}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/** The resource's ID: `id`, or `ResourceId` as Azure PowerShell's Get-AzResource names it. */
function idOf(object: JsonObject): string | undefined {
  return asString(valueOf(object, 'id')) ?? asString(valueOf(object, 'ResourceId'));
}

/** The resource's type: `type`, or `ResourceType` as Get-AzResource names it. */
function typeOf(object: JsonObject): string | undefined {
  return asString(valueOf(object, 'type')) ?? asString(valueOf(object, 'ResourceType'));
}

/** A property by name, compared without case as Azure compares them. */
function valueOf(object: JsonObject | undefined, name: string): unknown {
  const key = keyOf(object, name);
  return key === undefined || object === undefined ? undefined : object[key];
}

function keyOf(object: unknown, name: string): string | undefined {
  if (!isObject(object)) return undefined;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

function lastSegment(id: string): string {
  return (
    id
      .split('/')
      .filter((s) => s !== '')
      .pop() ?? id
  );
}
