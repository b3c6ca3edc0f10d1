import { ancestorScopes } from '../../model/scope.js';
import { isUnknown, Unknown, unknownAfterApply, unknownOrigin, type Value } from '../../model/unknown.js';
import { knownAttribute, type PlanContext } from './planned-values.js';

interface ParentLink {
  attribute: string;
  what: string;
  parentTypes: string[];
}

/** The attribute through which each resource type names its parent scope, innermost first. */
const PARENTS: Record<string, ParentLink[]> = {
  azurerm_subnet: [
    {
      attribute: 'virtual_network_name',
      what: 'virtual network',
      parentTypes: ['azurerm_virtual_network', 'data.azurerm_virtual_network'],
    },
  ],
};
const RESOURCE_GROUP: ParentLink = {
  attribute: 'resource_group_name',
  what: 'resource group',
  parentTypes: ['azurerm_resource_group', 'data.azurerm_resource_group'],
};
const MAX_DEPTH = 8;

/**
 * A resource's ID and the IDs of the scopes that contain it, as far as the plan tells. A known ID is parsed; an ID
 * known only after apply (`azurerm_subnet.aks.id`) is followed through the configuration: the subnet's
 * `virtual_network_name` names its VNet resource, its `resource_group_name` the resource group resource, whose IDs
 * (known or not) complete the chain. A role on any of them covers the resource. Where the chain cannot be followed
 * to a known subscription, it ends in an unknown that says so: a role granted at some scope the plan does not
 * place may or may not cover the resource, and that is unknown, not "no".
 */
export function scopeChainOf(id: Value<string> | undefined, ctx: PlanContext): Value<string>[] {
  if (id === undefined || id === '') return [];
  if (!isUnknown(id)) return ancestorScopes(id);
  const match = id.ref === undefined ? null : /^(.*)\.id$/.exec(id.ref);
  if (match?.[1] === undefined) return [id, unknownOrigin(`the scopes that contain ${describe(id)}`)];
  return [id, ...parentsOf(match[1], ctx, 0)];
}

function describe(id: Unknown): string {
  return id.ref === undefined ? 'a resource whose ID is not known' : id.ref.replace(/\.id$/, '');
}

/** The scopes above a resource the plan creates, innermost first, ending where the plan stops telling. */
function parentsOf(address: string, ctx: PlanContext, depth: number): Value<string>[] {
  if (depth > MAX_DEPTH) return [unknownOrigin(`the scopes that contain ${address} (nested too deeply)`)];
  if (!ctx.config.hasResource(address)) {
    return [
      unknownOrigin(`the scopes that contain ${address} (the plan's configuration does not describe it)`),
    ];
  }
  const chain: Value<string>[] = [];
  for (const link of [...(PARENTS[resourceType(address)] ?? []), RESOURCE_GROUP]) {
    const parent = parentResource(address, link, ctx);
    if (parent === undefined) continue;
    if ('unresolved' in parent) {
      chain.push(unknownOrigin(`the ${link.what} of ${address} (${parent.unresolved})`));
      continue;
    }
    if ('outside' in parent) {
      // Named, but not in this plan: it exists already, as does the subscription above it.
      chain.push(existingScope(`the ${link.what} '${parent.outside}' of ${address}`));
      continue;
    }
    const known = knownAttribute(ctx.plan, parent.address, 'id');
    if (typeof known === 'string') return [...chain, ...ancestorScopes(known)];
    const isData = parent.address.includes('data.');
    return [
      ...chain,
      unknownAfterApply(`${parent.address}.id`, !isData, isData),
      ...parentsOf(parent.address, ctx, depth + 1),
    ];
  }
  // A resource group (or anything else at the top) that the plan creates: its subscription exists already.
  chain.push(existingScope(`the subscription of ${address}`));
  return chain;
}

function existingScope(what: string): Unknown {
  return new Unknown(`not known before apply: ${what}`, undefined, false, true);
}

type Parent = { address: string } | { unresolved: string } | { outside: string };

/**
 * The parent resource an attribute names: by reference (`virtual_network_name = azurerm_virtual_network.v.name`),
 * or by the same name, when both are plain values (two resources fed from one variable), within the same resource
 * group where that is known too. Undefined when the attribute is not set; a name no resource of the plan has is a
 * parent outside the plan; an expression the configuration cannot follow is unresolved.
 */
function parentResource(address: string, link: ParentLink, ctx: PlanContext): Parent | undefined {
  const resolved = ctx.config.resolveAttribute(address, [link.attribute]);
  const [first, ...more] = resolved;
  if (first === undefined) return undefined;
  if (more.length > 0) return { unresolved: `${link.attribute} combines several values` };
  if (first.kind === 'unresolved') return { unresolved: first.reason };
  if (first.kind === 'attribute') {
    if (first.attribute === 'name' && link.parentTypes.includes(first.resourceType)) {
      return { address: first.resourceAddress };
    }
    const name = knownAttribute(ctx.plan, address, link.attribute);
    return typeof name === 'string'
      ? byNameOrOutside(name, address, link, ctx)
      : { unresolved: `${link.attribute} is ${first.ref}` };
  }
  const name = first.value ?? knownAttribute(ctx.plan, address, link.attribute);
  if (typeof name !== 'string') return { unresolved: `${link.attribute} is not a name` };
  return byNameOrOutside(name, address, link, ctx);
}

function byNameOrOutside(name: string, address: string, link: ParentLink, ctx: PlanContext): Parent {
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
  const [only, ...others] = matches;
  if (only === undefined) return { outside: name };
  return others.length === 0
    ? { address: only.address }
    : { unresolved: `several resources are named ${name}` };
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
