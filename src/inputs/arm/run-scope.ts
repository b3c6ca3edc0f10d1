import { isUnknown, Unknown, type Value } from '../../model/unknown.js';
import {
  deploymentScope,
  scopeIdParts,
  SCOPE_PLACEHOLDERS,
  type ArmValue,
  type DeploymentScope,
  type DeploymentScopeKind,
  type DeploymentScopeOptions,
} from './expressions/index.js';
import { joinParts } from './expressions/partial-string.js';

/** Where one template (the input's or a nested deployment's) deploys to, with every part filled in. */
export interface RunScope {
  kind: DeploymentScopeKind;
  tenantId: Value<string>;
  subscriptionId: Value<string>;
  resourceGroupName: Value<string>;
  managementGroupName: Value<string>;
  location: Value<string>;
  deploymentName: Value<string>;
  environment?: ArmValue;
  /** The scope functions' values for the evaluator. */
  scope: DeploymentScope;
}

type Part = string | Unknown;

/** The deployment kind a template's `$schema` is for; undefined for a schema this adapter does not recognise. */
export function scopeKindOfSchema(schema: string | undefined): DeploymentScopeKind | undefined {
  const lower = schema?.toLowerCase() ?? '';
  if (lower.includes('subscriptiondeploymenttemplate')) return 'subscription';
  if (lower.includes('managementgroupdeploymenttemplate')) return 'managementGroup';
  if (lower.includes('tenantdeploymenttemplate')) return 'tenant';
  if (lower.includes('deploymenttemplate')) return 'resourceGroup';
  return undefined;
}

/** The input template's scope: what the caller says, placeholders (SCOPE_PLACEHOLDERS) for the rest. */
export function rootScope(kind: DeploymentScopeKind, options: DeploymentScopeOptions = {}): RunScope {
  const filled = {
    kind,
    tenantId: options.tenantId ?? SCOPE_PLACEHOLDERS.tenantId,
    subscriptionId: options.subscriptionId ?? SCOPE_PLACEHOLDERS.subscriptionId,
    resourceGroupName: options.resourceGroupName ?? SCOPE_PLACEHOLDERS.resourceGroupName,
    managementGroupName: options.managementGroupName ?? SCOPE_PLACEHOLDERS.managementGroupName,
    location: options.location ?? SCOPE_PLACEHOLDERS.location,
    deploymentName: options.deploymentName ?? SCOPE_PLACEHOLDERS.deploymentName,
  };
  return withScope(
    options.environment === undefined ? filled : { ...filled, environment: options.environment },
    options,
  );
}

function withScope(parts: Omit<RunScope, 'scope'>, extra: DeploymentScopeOptions = {}): RunScope {
  const options: DeploymentScopeOptions = {
    kind: parts.kind,
    tenantId: parts.tenantId,
    subscriptionId: parts.subscriptionId,
    resourceGroupName: parts.resourceGroupName,
    managementGroupName: parts.managementGroupName,
    location: parts.location,
    deploymentName: parts.deploymentName,
  };
  if (extra.subscriptionDisplayName !== undefined)
    options.subscriptionDisplayName = extra.subscriptionDisplayName;
  if (parts.environment !== undefined) options.environment = parts.environment;
  return { ...parts, scope: deploymentScope(options) };
}

/** The scope's ID as a value: where a role assignment without `scope` applies. The tenant root is '/'. */
export function scopeId(scope: RunScope): Value<string> {
  const parts = scopeIdParts(scope);
  return parts.length === 0 ? '/' : joinParts(parts);
}

/** What a `Microsoft.Resources/deployments` resource says about where its template deploys to. */
export interface DeploymentTarget {
  name: Value<string>;
  resourceGroup?: ArmValue | undefined;
  subscriptionId?: ArmValue | undefined;
  location?: ArmValue | undefined;
  /** `scope` of a deployment to a management group or the tenant (`Microsoft.Management/managementGroups/x`, '/'). */
  scope?: ArmValue | undefined;
}

function part(value: ArmValue | undefined): Part | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (isUnknown(value)) return value;
  return undefined;
}

/**
 * The scope of a nested deployment's template. Its `resourceGroup` and `subscriptionId` move it to another group or
 * subscription; a `scope` naming a management group, or '/', moves it up. The location of another resource group
 * is not known here, so `resourceGroup().location` there is unknown.
 */
export function nestedScope(parent: RunScope, target: DeploymentTarget): RunScope {
  const group = part(target.resourceGroup);
  const subscription = part(target.subscriptionId);
  const location = part(target.location);
  const base = { ...parent, deploymentName: target.name };
  const scope = part(target.scope);
  if (typeof scope === 'string') {
    const mg = /^\/?providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(scope);
    if (mg?.[1] !== undefined)
      return withScope({
        ...base,
        kind: 'managementGroup',
        managementGroupName: mg[1],
        location: location ?? parent.location,
      });
    if (scope === '/') return withScope({ ...base, kind: 'tenant', location: location ?? parent.location });
  }
  if (group !== undefined) {
    const sameGroup =
      parent.kind === 'resourceGroup' &&
      subscription === undefined &&
      typeof group === 'string' &&
      typeof parent.resourceGroupName === 'string' &&
      group.toLowerCase() === parent.resourceGroupName.toLowerCase();
    const groupLocation = sameGroup
      ? parent.location
      : new Unknown(
          'the location of another resource group',
          `resourcegroup(${describePart(subscription ?? parent.subscriptionId)}/${describePart(group)}).location`,
        );
    return withScope({
      ...base,
      kind: 'resourceGroup',
      subscriptionId: subscription ?? parent.subscriptionId,
      resourceGroupName: group,
      location: groupLocation,
    });
  }
  if (subscription !== undefined) {
    // From a resource group, a deployment that names only a subscription (and a location) deploys to it.
    if (parent.kind !== 'resourceGroup' || location !== undefined) {
      return withScope({
        ...base,
        kind: 'subscription',
        subscriptionId: subscription,
        location: location ?? parent.location,
      });
    }
    return withScope({ ...base, subscriptionId: subscription });
  }
  return withScope(location === undefined || parent.kind === 'resourceGroup' ? base : { ...base, location });
}

function describePart(value: Part): string {
  return typeof value === 'string' ? value.toLowerCase() : `{${value.ref ?? '?'}}`;
}
