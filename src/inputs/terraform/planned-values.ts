import { isObject } from '../json-value.js';
import type { TerraformPlan } from './plan.js';
import type { PlanConfiguration } from './plan-config.js';
import { parseTraversal } from './traversal.js';

export type AttrPath = readonly (string | number)[];

/** What reading a plan needs: its values, and its configuration to follow references. */
export interface PlanContext {
  plan: TerraformPlan;
  config: PlanConfiguration;
}

/** Marks a value the plan computes at apply time. */
export const UNKNOWN = Symbol('unknown');

export function attributePath(attribute: string): (string | number)[] {
  return (parseTraversal(attribute) ?? []).map((s) => ('name' in s ? s.name : s.index));
}

/** A scalar as text; objects and arrays are not a string attribute's value. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Walks a planned value and its after_unknown mirror together; the mirror is `true` where a value is computed. */
export function readPlanned(values: unknown, mirror: unknown, path: AttrPath): unknown {
  let node = values;
  let marks = mirror;
  for (const step of path) {
    if (marks === true) return UNKNOWN;
    marks =
      isObject(marks) || Array.isArray(marks) ? (marks as Record<string | number, unknown>)[step] : undefined;
    node =
      isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  if (marks === true) return UNKNOWN;
  return node === null ? undefined : node;
}

/** The known value of another resource's attribute in the plan, or undefined when unknown or absent. */
export function knownAttribute(plan: TerraformPlan, address: string, attribute: string): unknown {
  const resource = plan.valuesByAddress.get(address);
  if (resource?.after === undefined) return undefined;
  const value = readPlanned(resource.after, resource.afterUnknown, attributePath(attribute));
  return value === UNKNOWN ? undefined : value;
}
