import { ancestorScopes } from '../../model/scope.js';
import { isUnknown, unknownAfterApply, type Value } from '../../model/unknown.js';
import { knownAttribute, type PlanContext } from './planned-values.js';

/** The attribute through which each resource type names its parent scope, innermost first. */
const PARENTS: Record<string, { attribute: string; parentTypes: string[] }[]> = {
  azurerm_subnet: [
    {
      attribute: 'virtual_network_name',
      parentTypes: ['azurerm_virtual_network', 'data.azurerm_virtual_network'],
    },
  ],
};
const RESOURCE_GROUP = {
  attribute: 'resource_group_name',
  parentTypes: ['azurerm_resource_group', 'data.azurerm_resource_group'],
};
const MAX_DEPTH = 8;

/**
 * A resource's ID and the IDs of the scopes that contain it, as far as the plan tells. A known ID is parsed; an ID
 * known only after apply (`azurerm_subnet.aks.id`) is followed through the configuration: the subnet's
 * `virtual_network_name` names its VNet resource, its `resource_group_name` the resource group resource, whose IDs
 * (known or not) complete the chain. A role on any of them covers the resource.
 */
export function scopeChainOf(id: Value<string> | undefined, ctx: PlanContext): Value<string>[] {
  if (id === undefined || id === '') return [];
  if (!isUnknown(id)) return ancestorScopes(id);
  const match = id.ref === undefined ? null : /^(.*)\.id$/.exec(id.ref);
  if (match?.[1] === undefined) return [id];
  return [id, ...parentsOf(match[1], ctx, 0)];
}

function parentsOf(address: string, ctx: PlanContext, depth: number): Value<string>[] {
  if (depth > MAX_DEPTH) return [];
  const type = resourceType(address);
  for (const link of [...(PARENTS[type] ?? []), RESOURCE_GROUP]) {
    const parent = parentResource(address, link, ctx);
    if (parent === undefined) continue;
    const known = knownAttribute(ctx.plan, parent, 'id');
    if (typeof known === 'string') return ancestorScopes(known);
    return [
      unknownAfterApply(`${parent}.id`, !parent.includes('data.')),
      ...parentsOf(parent, ctx, depth + 1),
    ];
  }
  return [];
}

/**
 * The parent resource an attribute names: by reference (`virtual_network_name = azurerm_virtual_network.v.name`),
 * or by the same name, when both are plain values (two resources fed from one variable), within the same resource
 * group where that is known too.
 */
function parentResource(
  address: string,
  link: { attribute: string; parentTypes: string[] },
  ctx: PlanContext,
): string | undefined {
  const [resolved, ...more] = ctx.config.resolveAttribute(address, [link.attribute]);
  if (resolved === undefined || more.length > 0) return undefined;
  if (resolved.kind === 'attribute') {
    return resolved.attribute === 'name' && link.parentTypes.includes(resolved.resourceType)
      ? resolved.resourceAddress
      : undefined;
  }
  const name =
    resolved.kind === 'constant' ? resolved.value : knownAttribute(ctx.plan, address, link.attribute);
  if (typeof name !== 'string') return undefined;
  const group = knownAttribute(ctx.plan, address, 'resource_group_name');
  const matches = (byName(ctx).get(name.toLowerCase()) ?? []).filter((r) => {
    if (!link.parentTypes.includes(r.type)) return false;
    const candidateGroup = knownAttribute(ctx.plan, r.address, 'resource_group_name');
    return (
      typeof group !== 'string' ||
      typeof candidateGroup !== 'string' ||
      group.toLowerCase() === candidateGroup.toLowerCase()
    );
  });
  return matches.length === 1 ? matches[0]?.address : undefined;
}

const nameIndexes = new WeakMap<PlanContext['plan'], Map<string, { address: string; type: string }[]>>();

/** The plan's resources by their known name, built once per plan so that name lookups stay linear overall. */
function byName(ctx: PlanContext): Map<string, { address: string; type: string }[]> {
  let index = nameIndexes.get(ctx.plan);
  if (index !== undefined) return index;
  index = new Map();
  for (const r of ctx.plan.valuesByAddress.values()) {
    const name = knownAttribute(ctx.plan, r.address, 'name');
    if (typeof name !== 'string') continue;
    const entry = { address: r.address, type: r.mode === 'data' ? `data.${r.type}` : r.type };
    const list = index.get(name.toLowerCase());
    if (list === undefined) index.set(name.toLowerCase(), [entry]);
    else list.push(entry);
  }
  nameIndexes.set(ctx.plan, index);
  return index;
}

/** `module.m.azurerm_subnet.s["k"]` is of type azurerm_subnet; `data.azurerm_resource_group.r` of data.azurerm_resource_group. */
function resourceType(address: string): string {
  const names = address.replace(/\[[^\]]*\]/g, '').split('.');
  let i = 0;
  while (names[i] === 'module') i += 2;
  return names[i] === 'data' ? `data.${names[i + 1] ?? ''}` : (names[i] ?? '');
}
