import {
  isExistingRef,
  isIdentifierRef,
  isUnknown,
  unknownAfterApply,
  unknownOrigin,
  type Unknown,
  type Value,
} from '../../model/unknown.js';
import { asArray, isObject, type JsonObject } from '../json-value.js';
import type { PlannedResource } from './plan.js';
import type { Resolved, VariableOrigin } from './plan-config.js';
import {
  attributePath,
  knownAttribute,
  readPlanned,
  scalarText,
  UNKNOWN,
  type AttrPath,
  type PlanContext,
} from './planned-values.js';
import { scopeChainOf } from './scope-chain.js';
import { formatSteps, type Step } from './traversal.js';

export type { AttrPath, PlanContext };

/** How many configured attributes one value may pass through before it is named where it stands. */
const MAX_CHAIN = 16;

/**
 * Nested blocks the provider fills in when the configuration leaves them out (Optional+Computed), by resource type:
 * a create plan shows such a block as unknown as a whole, which is the platform's doing, not a `dynamic` block's.
 */
const COMPUTED_BLOCKS: Readonly<Record<string, ReadonlySet<string>>> = {
  azurerm_kubernetes_cluster: new Set([
    'kubelet_identity',
    'network_profile',
    'load_balancer_profile',
    'nat_gateway_profile',
    'api_server_access_profile',
    'oms_agent_identity',
    'ingress_application_gateway_identity',
    'secret_identity',
    'connector_identity',
    'web_app_routing_identity',
    'upgrade_settings',
    'windows_profile',
    'auto_scaler_profile',
  ]),
};

/**
 * Reads one side (after or before) of a planned resource. A value Terraform marks as known only after apply is
 * followed through the configuration to what it will be (another resource's attribute, a variable), so that the
 * model can say *which* unknown it is, or recover it when it is a constant.
 */
/** Where a model field's value is written: an attribute of the resource's block, or a variable's default. */
export type FieldOrigin = { attribute: readonly string[] } | { variable: VariableOrigin };

export class ResourceView {
  /** Field path → where its deciding value is written, for findings to point at that line. */
  readonly origins = new Map<string, FieldOrigin>();

  constructor(
    readonly resource: PlannedResource,
    private readonly values: JsonObject | undefined,
    private readonly unknownMirror: unknown,
    private readonly ctx: PlanContext,
  ) {}

  static after(resource: PlannedResource, ctx: PlanContext): ResourceView {
    return new ResourceView(resource, resource.after, resource.afterUnknown, ctx);
  }

  static before(resource: PlannedResource, ctx: PlanContext): ResourceView | undefined {
    return resource.before === undefined ? undefined : new ResourceView(resource, resource.before, {}, ctx);
  }

  get address(): string {
    return this.resource.address;
  }

  /** The value as the plan states it: known, Unknown (naming this attribute) or undefined when absent. */
  raw(path: AttrPath): unknown {
    const read = readPlanned(this.values, this.unknownMirror, path);
    if (read !== UNKNOWN) return read;
    const ref = `${this.address}.${formatPath(path)}`;
    return unknownAfterApply(ref, isIdentifierRef(ref), isExistingRef(ref));
  }

  /**
   * Like raw, but an unknown value is resolved through the configuration when it can be. When the configuration
   * cannot say where it comes from, the value is unknown of unknown origin: not this resource's own identifier.
   */
  value(path: AttrPath): unknown {
    const raw = this.raw(path);
    if (!isUnknown(raw)) return raw;
    const resolved = this.ctx.config.resolveAttribute(this.address, path);
    const [only] = resolved;
    if (resolved.length === 0) {
      const configured = this.configured(path);
      return isUnknown(configured) ? unknownOrigin(originReason(configured), raw.ref) : raw;
    }
    if (resolved.length > 1 || only === undefined) {
      return unknownOrigin(`${formatPath(path)} combines several values`);
    }
    return this.fromResolved(only);
  }

  /**
   * Whether the configuration writes an attribute or nested block: true, false, or an Unknown saying why the plan
   * cannot tell. It cannot when the resource has no configuration, or when a block (or a block around the
   * attribute) is in the planned values but not in the configuration: Terraform leaves `dynamic` blocks out of
   * the configuration's expressions. Blocks the provider computes itself are the exception.
   */
  configured(path: AttrPath): boolean | Unknown {
    const config = this.ctx.config;
    if (!config.hasResource(this.address)) {
      return unknownOrigin(`the plan's configuration does not describe ${this.address}`);
    }
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      if (typeof step !== 'string') continue;
      const prefix = path.slice(0, i + 1);
      if (config.isConfigured(this.address, prefix)) continue;
      const planned = this.raw(prefix);
      // A block the plan has but the configuration does not came from a `dynamic` block. A block that is unknown
      // as a whole is one too (its for_each is not known yet), unless the provider computes it when left out.
      const dynamic = isUnknown(planned)
        ? i < path.length - 1 && !(COMPUTED_BLOCKS[this.resource.type]?.has(step) ?? false)
        : isNonEmptyBlock(planned);
      if (dynamic) {
        return unknownOrigin(
          `${formatPath(prefix)} is in the planned values but not in the configuration (a dynamic block, which Terraform leaves out)`,
        );
      }
      return false;
    }
    return true;
  }

  /**
   * A boolean setting with the platform's default when the input leaves it null. A key the planned values do not
   * have at all is not the default: the plan does not state it (a partial plan, or a value planned_values omits
   * because it is computed).
   */
  boolOrDefault(path: AttrPath, platformDefault: boolean): Value<boolean> {
    const v = this.bool(path);
    if (v !== undefined) return v;
    return this.states(path)
      ? platformDefault
      : unknownOrigin(`the plan does not state ${formatPath(path)}`, `${this.address}.${formatPath(path)}`);
  }

  /** Whether the planned values have the key at all (null included). */
  states(path: AttrPath): boolean {
    let node: unknown = this.values;
    for (const step of path) {
      if (Array.isArray(node) && typeof step === 'number') {
        if (step >= node.length) return false;
        node = node[step];
      } else if (isObject(node) && typeof step === 'string') {
        if (!Object.hasOwn(node, step)) return false;
        node = node[step];
      } else return false;
    }
    return true;
  }

  string(path: AttrPath): Value<string> | undefined {
    const v = this.value(path);
    if (isUnknown(v)) return v;
    return scalarText(v);
  }

  bool(path: AttrPath): Value<boolean> | undefined {
    const v = this.value(path);
    if (isUnknown(v) || typeof v === 'boolean') return v;
    return undefined;
  }

  /**
   * For an optional attribute that the provider computes when the user leaves it out (Optional+Computed): an unknown
   * value the configuration does not set is the platform's choice, not the user's, so it counts as not set.
   */
  /**
   * Whether an optional attribute is set: known from a known value; for an unknown one, from the configuration (a
   * value the configuration does not set is the provider's); unknown when the configuration cannot tell.
   */
  presence(path: AttrPath): Value<boolean> {
    const v = this.raw(path);
    if (!isUnknown(v)) return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
    return this.configured(path);
  }

  chosenString(path: AttrPath): Value<string> | undefined {
    const v = this.string(path);
    if (v === '') return undefined;
    if (!isUnknown(v)) return v;
    const configured = this.configured(path);
    if (configured === false) return undefined;
    return configured === true ? v : unknownOrigin(originReason(configured), v.ref);
  }

  /** A list of strings; an unknown list becomes one unknown element per reference in its expression. */
  stringList(path: AttrPath): Value<Value<string>[]> | undefined {
    const raw = this.raw(path);
    if (Array.isArray(raw)) {
      return raw.map((_, i) => this.string([...path, i])).filter((v): v is Value<string> => v !== undefined);
    }
    if (!isUnknown(raw)) {
      const text = scalarText(raw);
      return text === undefined ? undefined : [text];
    }
    const resolved = this.ctx.config.resolveAttribute(this.address, path);
    if (resolved.length === 0) return raw;
    const items: Value<string>[] = [];
    for (const r of resolved) {
      const v = this.fromResolved(r);
      const values: unknown[] = Array.isArray(v) ? v : [v];
      for (const item of values) {
        const text = isUnknown(item) ? item : scalarText(item);
        if (text !== undefined) items.push(text);
      }
    }
    return items;
  }

  /** Number of elements of a nested block (0 when absent); unknown when the whole block is computed. */
  blockCount(path: AttrPath): Value<number> {
    const raw = this.raw(path);
    if (isUnknown(raw)) return raw;
    return asArray(raw)?.length ?? 0;
  }

  /** The ID's chain of containing scopes (see scopeChainOf). */
  scopeChain(id: Value<string> | undefined): Value<string>[] {
    return scopeChainOf(id, this.ctx);
  }

  isConfigured(path: AttrPath): boolean {
    return this.ctx.config.isConfigured(this.address, path);
  }

  resolveConfigured(path: AttrPath): Resolved[] {
    return this.ctx.config.resolveAttribute(this.address, path);
  }

  /**
   * What a resolved reference is worth: a constant, a known value of another resource, or an Unknown named after
   * the value's origin. A reference to an attribute that is itself configured from another reference is followed to
   * its origin, so that every name of one value (the cluster's kubelet object ID, and the identity's principal ID it
   * is set from) becomes the same Unknown.
   */
  private fromResolved(resolved: Resolved, depth = 0): unknown {
    switch (resolved.kind) {
      case 'constant':
        return resolved.value;
      case 'unresolved':
        return unknownOrigin(resolved.reason);
      case 'attribute': {
        const known = knownAttribute(this.ctx.plan, resolved.resourceAddress, resolved.attribute);
        if (known !== undefined) return known;
        const path = attributePath(resolved.attribute);
        const [next, ...more] =
          depth < MAX_CHAIN ? this.ctx.config.resolveAttribute(resolved.resourceAddress, path) : [];
        if (next !== undefined && more.length === 0 && next.kind !== 'unresolved')
          return this.fromResolved(next, depth + 1);
        return unknownAfterApply(resolved.ref, isIdentifierRef(resolved.ref), isExistingRef(resolved.ref));
      }
    }
  }
}

/** A block with content: a non-empty list of blocks, or one block object. */
function isNonEmptyBlock(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isObject(value);
}

/** The reason of an unknown-origin marker, without its prefix, to give it to another value. */
export function originReason(marker: Unknown): string {
  return marker.reason.replace(/^of unknown origin: /, '');
}

export function formatPath(path: AttrPath): string {
  const steps: Step[] = path.map((p) => (typeof p === 'number' ? { index: p } : { name: p }));
  return formatSteps(steps);
}
