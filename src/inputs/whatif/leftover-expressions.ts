import { Unknown } from '../../model/unknown.js';
import { jsonPointer } from '../input-error.js';
import {
  deploymentScope,
  Evaluator,
  isArmObject,
  KNOWN_AFTER_DEPLOYMENT,
  type ArmObject,
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

  constructor(changes: readonly WhatIfChange[]) {
    for (const change of changes) {
      if (change.changeType === 'Create') this.created.add(normalise(change.resourceId));
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

  /** An ID of a resource this what-if creates is a new, distinct value; of any other, one that exists already. */
  private resolve(request: ReferenceRequest): Unknown | undefined {
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
