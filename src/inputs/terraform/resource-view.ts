import { isIdentifierRef, isUnknown, unknownAfterApply, type Value } from '../../model/unknown.js';
import { asArray, type JsonObject } from '../json-value.js';
import type { PlannedResource } from './plan.js';
import type { Resolved } from './plan-config.js';
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
 * Reads one side (after or before) of a planned resource. A value Terraform marks as known only after apply is
 * followed through the configuration to what it will be (another resource's attribute, a variable), so that the
 * model can say *which* unknown it is, or recover it when it is a constant.
 */
export class ResourceView {
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
    return unknownAfterApply(ref, isIdentifierRef(ref));
  }

  /** Like raw, but an unknown value is resolved through the configuration when it can be. */
  value(path: AttrPath): unknown {
    const raw = this.raw(path);
    if (!isUnknown(raw)) return raw;
    const resolved = this.ctx.config.resolveAttribute(this.address, path);
    const [only] = resolved;
    if (resolved.length === 0) return raw;
    if (resolved.length > 1 || only === undefined) return unknownAfterApply();
    return this.fromResolved(only);
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
  chosenString(path: AttrPath): Value<string> | undefined {
    const v = this.string(path);
    if (v === '' || (isUnknown(v) && !this.isConfigured(path))) return undefined;
    return v;
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
        return unknownAfterApply();
      case 'attribute': {
        const known = knownAttribute(this.ctx.plan, resolved.resourceAddress, resolved.attribute);
        if (known !== undefined) return known;
        const path = attributePath(resolved.attribute);
        const [next, ...more] =
          depth < MAX_CHAIN ? this.ctx.config.resolveAttribute(resolved.resourceAddress, path) : [];
        if (next !== undefined && more.length === 0 && next.kind !== 'unresolved')
          return this.fromResolved(next, depth + 1);
        return unknownAfterApply(resolved.ref, isIdentifierRef(resolved.ref));
      }
    }
  }
}

export function formatPath(path: AttrPath): string {
  const steps: Step[] = path.map((p) => (typeof p === 'number' ? { index: p } : { name: p }));
  return formatSteps(steps);
}
