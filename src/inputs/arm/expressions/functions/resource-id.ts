import { Unknown, isUnknown } from '../../../../model/unknown.js';
import type { DeploymentScope } from '../context.js';
import { FunctionArgumentError } from '../errors.js';
import { joinParts } from '../partial-string.js';
import type { ArmValue } from '../values.js';
import { argumentError } from './args.js';
import { VARIADIC, type CallSite, type FunctionTable } from './types.js';

/**
 * Resource ID functions (template-functions-resource). An unknown part (a parameter without a value) makes the ID
 * unknown, named after its parts so that the same ID built twice still has one ref.
 */
export const resourceIdFunctions: FunctionTable = {
  resourceid: { min: 2, max: VARIADIC, unknowns: 'self', run: resourceId },
  subscriptionresourceid: { min: 2, max: VARIADIC, unknowns: 'self', run: subscriptionResourceId },
  tenantresourceid: { min: 2, max: VARIADIC, unknowns: 'self', run: (args) => tenantResourceId(args) },
  managementgroupresourceid: { min: 2, max: VARIADIC, unknowns: 'self', run: managementGroupResourceId },
  extensionresourceid: { min: 3, max: VARIADIC, unknowns: 'self', run: extensionResourceId },
};

type Part = string | Unknown;

/**
 * `Microsoft.Network/virtualNetworks/subnets` with names `vnet`, `default` becomes
 * `providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`: one name per type segment after the namespace.
 */
export function providerPath(type: string, names: readonly Part[]): Part[] {
  const segments = type.split('/');
  const [namespace, ...types] = segments;
  if (namespace === undefined || namespace === '' || types.length === 0 || types.some((t) => t === '')) {
    throw new FunctionArgumentError(`'${type}' is not a resource type of the form 'Namespace/type'`);
  }
  if (types.length !== names.length) {
    throw new FunctionArgumentError(
      `resource type '${type}' needs ${types.length} name${types.length === 1 ? '' : 's'}, got ${names.length}`,
    );
  }
  const parts: Part[] = ['/providers/', namespace];
  types.forEach((segment, i) => parts.push('/', segment, '/', names[i] ?? ''));
  return parts;
}

/** Builds a resource ID from parts; exported for adapters that need IDs in the same form as `resourceId()`. */
export function buildResourceId(
  scopePrefix: readonly Part[],
  type: string,
  names: readonly Part[],
): string | Unknown {
  return joinParts([...scopePrefix, ...providerPath(type, names)]);
}

function parts(args: readonly ArmValue[]): Part[] {
  return args.map((value, index) => {
    if (typeof value === 'string' || isUnknown(value)) return value;
    throw argumentError(index, 'a string', value);
  });
}

/** The resource type is the first argument with a '/'; what precedes it is the subscription and resource group. */
function splitAtType(values: readonly Part[]): { before: Part[]; type: string; names: Part[] } | Unknown {
  const index = values.findIndex((v) => typeof v === 'string' && v.includes('/'));
  if (index === -1) {
    const unknown = values.find(isUnknown);
    if (unknown !== undefined) return new Unknown(unknown.reason);
    throw new FunctionArgumentError("needs a resource type such as 'Microsoft.Network/virtualNetworks'");
  }
  return { before: values.slice(0, index), type: values[index] as string, names: values.slice(index + 1) };
}

function resourceId(args: ArmValue[], call: CallSite): ArmValue {
  const split = splitAtType(parts(args));
  if (isUnknown(split)) return split;
  const { before, type, names } = split;
  if (before.length > 2)
    throw new FunctionArgumentError(
      'takes at most a subscription ID and a resource group name before the type',
    );
  const scope = call.scope;
  let prefix: Part[];
  if (before.length === 2) prefix = ['/subscriptions/', before[0] ?? '', '/resourceGroups/', before[1] ?? ''];
  else if (before.length === 1)
    prefix = ['/subscriptions/', scope.subscriptionId, '/resourceGroups/', before[0] ?? ''];
  else prefix = scopeIdParts(scope);
  return buildResourceId(prefix, type, names);
}

/**
 * The ID of a deployment scope as parts, some maybe unknown: a resource group, a subscription, a management group, or
 * the tenant root (none). Without a subscription and group, `resourceId()` builds an ID at this level.
 */
export function scopeIdParts(
  scope: Pick<DeploymentScope, 'kind' | 'subscriptionId' | 'resourceGroupName' | 'managementGroupName'>,
): Part[] {
  switch (scope.kind) {
    case 'resourceGroup':
      return ['/subscriptions/', scope.subscriptionId, '/resourceGroups/', scope.resourceGroupName];
    case 'subscription':
      return ['/subscriptions/', scope.subscriptionId];
    case 'managementGroup':
      return ['/providers/Microsoft.Management/managementGroups/', scope.managementGroupName];
    case 'tenant':
      return [];
  }
}

function subscriptionResourceId(args: ArmValue[], call: CallSite): ArmValue {
  const split = splitAtType(parts(args));
  if (isUnknown(split)) return split;
  const { before, type, names } = split;
  if (before.length > 1) throw new FunctionArgumentError('takes at most a subscription ID before the type');
  return buildResourceId(['/subscriptions/', before[0] ?? call.scope.subscriptionId], type, names);
}

function tenantResourceId(args: ArmValue[]): ArmValue {
  const split = splitAtType(parts(args));
  if (isUnknown(split)) return split;
  if (split.before.length > 0) throw argumentError(0, 'a resource type', args[0]);
  return buildResourceId([], split.type, split.names);
}

function managementGroupResourceId(args: ArmValue[], call: CallSite): ArmValue {
  const split = splitAtType(parts(args));
  if (isUnknown(split)) return split;
  const { before, type, names } = split;
  if (before.length > 1)
    throw new FunctionArgumentError('takes at most a management group name before the type');
  const group = before[0] ?? call.scope.managementGroupName;
  return buildResourceId(['/providers/Microsoft.Management/managementGroups/', group], type, names);
}

function extensionResourceId(args: ArmValue[]): ArmValue {
  const [base, ...rest] = parts(args);
  const type = rest[0];
  if (base === undefined || type === undefined)
    throw new FunctionArgumentError('needs a resource ID, a type and names');
  if (isUnknown(type)) return new Unknown(type.reason);
  const baseParts: Part[] = isUnknown(base) ? [base] : [base.replace(/\/+$/, '')];
  return buildResourceId(baseParts, type, rest.slice(1));
}
