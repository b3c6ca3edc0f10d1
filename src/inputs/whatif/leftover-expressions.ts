import { Unknown } from '../../model/unknown.js';
import { jsonPointer } from '../input-error.js';
import {
  deploymentScope,
  Evaluator,
  isArmObject,
  KNOWN_AFTER_DEPLOYMENT,
  type ArmObject,
  type ArmValue,
  type ReferenceRequest,
} from '../arm/expressions/index.js';
import type { WhatIfChange } from './changes.js';

/** Last path segments of `reference()` reads that identify the resource alone. */
const IDENTIFIERS = new Set(['principalid', 'objectid', 'clientid', 'issuerurl', 'resourceid']);

const EXISTING = 'read from the existing resource at deployment';

/**
 * What-if evaluates a template before deploying it, and cannot evaluate `reference()` of a resource that does
 * not exist yet: it leaves such a value as the template expression, `"[reference(resourceId('…'), '…').principalId]"`
 * (documented what-if limitation). Evaluated here at the resource's own scope, such an expression names the runtime
 * value the same way the template adapter names it, so a role assignment whose principal is still an expression
 * joins the cluster or identity the same what-if creates. Expressions that use the template's parameters or
 * variables cannot be evaluated without the template: they are unknown, naming why.
 */
export class LeftoverExpressions {
  private readonly created = new Set<string>();
  private readonly evaluators = new Map<string, Evaluator>();
  /** What each resource of the what-if will be, to read what an expression reads of it. */
  private readonly afterById = new Map<string, { after: Record<string, unknown>; resourceId: string }>();
  private readonly reading = new Set<string>();

  constructor(changes: readonly WhatIfChange[]) {
    for (const change of changes) {
      if (change.changeType === 'Create') this.created.add(normalise(change.resourceId));
      if (change.after !== undefined) {
        this.afterById.set(normalise(change.resourceId), {
          after: change.after,
          resourceId: change.resourceId,
        });
      }
    }
  }

  /** The value with every expression string evaluated; `pointer` locates errors. */
  evaluate(value: Record<string, unknown>, resourceId: string, pointer: string): ArmObject {
    const evaluated = this.evaluatorFor(resourceId).evaluateJson(value, {
      onError: (error) =>
        new Unknown(
          `what-if left an expression at ${pointer}${jsonPointer(error.jsonPath)} that cannot be evaluated without the template: ${error.message}`,
        ),
    });
    return isArmObject(evaluated) ? evaluated : {};
  }

  private evaluatorFor(resourceId: string): Evaluator {
    const group = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?/i.exec(resourceId);
    const managementGroup = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)/i.exec(
      resourceId,
    );
    const key = `${group?.[1] ?? ''}/${group?.[2] ?? ''}/${managementGroup?.[1] ?? ''}`.toLowerCase();
    const cached = this.evaluators.get(key);
    if (cached !== undefined) return cached;
    const scope =
      group?.[1] !== undefined
        ? deploymentScope({
            kind: group[2] === undefined ? 'subscription' : 'resourceGroup',
            subscriptionId: group[1],
            ...(group[2] === undefined ? {} : { resourceGroupName: group[2] }),
          })
        : deploymentScope(
            managementGroup?.[1] === undefined
              ? { kind: 'tenant' }
              : { kind: 'managementGroup', managementGroupName: managementGroup[1] },
          );
    const evaluator = new Evaluator({ scope, resolveReference: (request) => this.resolve(request) });
    this.evaluators.set(key, evaluator);
    return evaluator;
  }

  /**
   * What `reference()` reads of a resource the what-if holds: the value its `after` gives, itself evaluated when
   * what-if left it as an expression (the kubelet object ID a cluster sets from its identity), so that reading it
   * through the cluster names the same value as reading the identity.
   */
  private readThrough(request: ReferenceRequest, id: string): ArmValue | undefined {
    const entry = this.afterById.get(normalise(id));
    if (entry === undefined || this.reading.has(normalise(id))) return undefined;
    let node: unknown = request.full ? entry.after : valueOfKey(entry.after, 'properties');
    for (const step of request.path) {
      if (typeof step === 'number') node = Array.isArray(node) ? (node as unknown[])[step] : undefined;
      else node = isArmObject(node as ArmValue) ? valueOfKey(node, step) : undefined;
      if (node === undefined || node === null) return undefined;
    }
    if (typeof node !== 'string') return undefined;
    this.reading.add(normalise(id));
    try {
      const evaluated = this.evaluatorFor(entry.resourceId).evaluateJson({ value: node }, {});
      return isArmObject(evaluated) ? evaluated['value'] : undefined;
    } finally {
      this.reading.delete(normalise(id));
    }
  }

  /** An ID of a resource this what-if creates is a new, distinct value; of any other, one that exists already. */
  private resolve(request: ReferenceRequest): ArmValue | undefined {
    const id0 = request.resourceId ?? (request.target.startsWith('/') ? request.target : undefined);
    const through = id0 === undefined ? undefined : this.readThrough(request, id0);
    if (through !== undefined) return through;
    const last = request.path[request.path.length - 1];
    if (typeof last !== 'string' || !IDENTIFIERS.has(last.toLowerCase())) return undefined;
    const id = request.resourceId ?? (request.target.startsWith('/') ? request.target : undefined);
    if (id === undefined) return undefined;
    return this.created.has(normalise(id))
      ? new Unknown(KNOWN_AFTER_DEPLOYMENT, request.ref, true)
      : new Unknown(EXISTING, request.ref, false, true);
  }
}

function normalise(id: string): string {
  return id.toLowerCase().replace(/\/+$/, '');
}

/** ARM property names are case-insensitive. */
function valueOfKey(record: unknown, name: string): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const entries = record as Record<string, unknown>;
  const key = Object.keys(entries).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : entries[key];
}
