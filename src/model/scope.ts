import type { Scope, ScopeLevel } from './model-types.generated.js';

export type { Scope, ScopeLevel };

/**
 * Parses an ARM scope (or any resource ID). Case-insensitive, because AKS returns `resourcegroups` in lower case and
 * users write `resourceGroups`. Returns undefined for a string that is not a scope.
 */
export function parseScope(id: string): Scope | undefined {
  const trimmed = id.trim().replace(/\/+$/, '');
  if (trimmed === '') return { id: '/', level: 'managementGroup' };
  const parts = trimmed.split('/');
  if (parts[0] !== '' || parts.length < 2) return undefined;
  const segments = parts.slice(1);
  const lower = segments.map((s) => s.toLowerCase());

  if (lower[0] === 'providers' && lower[1] === 'microsoft.management' && lower[2] === 'managementgroups') {
    return segments.length === 4 ? { id: trimmed, level: 'managementGroup' } : undefined;
  }
  if (lower[0] !== 'subscriptions' || segments[1] === undefined || segments[1] === '') return undefined;
  const subscriptionId = segments[1];
  if (segments.length === 2) return { id: trimmed, level: 'subscription', subscriptionId };
  if (lower[2] !== 'resourcegroups' || segments[3] === undefined) {
    return lower[2] === 'providers' ? resourceScope(trimmed, segments.slice(3), subscriptionId) : undefined;
  }
  const resourceGroup = segments[3];
  if (segments.length === 4) return { id: trimmed, level: 'resourceGroup', subscriptionId, resourceGroup };
  if (lower[4] !== 'providers') return undefined;
  return resourceScope(trimmed, segments.slice(5), subscriptionId, resourceGroup);
}

/** `namespace/type/name(/type/name)*` after `providers/` gives the type `namespace/type(/type)*`. */
function resourceScope(
  id: string,
  rest: string[],
  subscriptionId: string,
  resourceGroup?: string,
): Scope | undefined {
  const [namespace, ...typeAndNames] = rest;
  if (namespace === undefined || typeAndNames.length < 2 || typeAndNames.length % 2 !== 0) return undefined;
  const types = typeAndNames.filter((_, i) => i % 2 === 0);
  const scope: Scope = {
    id,
    level: 'resource',
    resourceType: [namespace, ...types].join('/'),
    subscriptionId,
  };
  if (resourceGroup !== undefined) scope.resourceGroup = resourceGroup;
  return scope;
}

const LEVEL_RANK: Record<ScopeLevel, number> = {
  managementGroup: 0,
  subscription: 1,
  resourceGroup: 2,
  resource: 3,
};

/** Broader scopes rank lower: a management group is broader than a subscription. */
export function scopeRank(level: ScopeLevel): number {
  return LEVEL_RANK[level];
}

/**
 * A known resource ID and every scope above it, innermost first: a subnet, its virtual network, the resource group,
 * the subscription (and the tenant root for management groups). A role at any of them applies to the resource.
 */
export function ancestorScopes(id: string): string[] {
  const parsed = parseScope(id);
  if (parsed === undefined || typeof parsed.id !== 'string') return [id];
  const trimmed = parsed.id;
  const chain = [trimmed];
  if (parsed.level === 'resource') {
    // Parent resources: drop one `/type/name` pair at a time, down to `providers/<namespace>/<type>/<name>`.
    const parts = trimmed.split('/');
    const providers = parts.findIndex((p, i) => p.toLowerCase() === 'providers' && i > 0);
    for (let end = parts.length - 2; end > providers + 3; end -= 2) chain.push(parts.slice(0, end).join('/'));
  }
  if (typeof parsed.subscriptionId === 'string') {
    const subscription = `/subscriptions/${parsed.subscriptionId}`;
    if (typeof parsed.resourceGroup === 'string' && parsed.level !== 'resourceGroup') {
      chain.push(`${subscription}/resourceGroups/${parsed.resourceGroup}`);
    }
    if (parsed.level !== 'subscription') chain.push(subscription);
  }
  return chain;
}
