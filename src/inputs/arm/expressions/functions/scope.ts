import { Unknown } from '../../../../model/unknown.js';
import { FunctionArgumentError } from '../errors.js';
import type { ArmValue } from '../values.js';
import { argumentError, intArg } from './args.js';
import type { CallSite, FunctionTable } from './types.js';

/**
 * Deployment and scope functions (template-functions-deployment, template-functions-scope). Their values come from
 * the caller's `DeploymentScope`; those that change with every deployment are unknown.
 */
export const scopeFunctions: FunctionTable = {
  resourcegroup: {
    min: 0,
    max: 0,
    run: (_, call) => scoped(call, ['resourceGroup'], call.scope.resourceGroup),
  },
  subscription: {
    min: 0,
    max: 0,
    run: (_, call) => scoped(call, ['resourceGroup', 'subscription'], call.scope.subscription),
  },
  managementgroup: {
    min: 0,
    max: 0,
    run: (_, call) => scoped(call, ['managementGroup'], call.scope.managementGroup),
  },
  tenant: { min: 0, max: 0, run: (_, call) => call.scope.tenant },
  deployment: { min: 0, max: 0, run: (_, call) => call.scope.deployment },
  environment: { min: 0, max: 0, run: (_, call) => call.scope.environment },
  utcnow: {
    min: 0,
    max: 1,
    unknowns: 'self',
    run: () => new Unknown('utcNow() is the time of the deployment'),
  },
  deployer: {
    min: 0,
    max: 0,
    run: () => new Unknown('deployer() is the principal that runs the deployment'),
  },
  copyindex: { min: 0, max: 2, run: copyIndex },
};

function scoped(call: CallSite, allowed: readonly string[], value: ArmValue): ArmValue {
  if (!allowed.includes(call.scope.kind)) {
    throw new FunctionArgumentError(
      `not available in a template deployed at ${call.scope.kind} scope`,
      'reference',
    );
  }
  return value;
}

/** `copyIndex()`, `copyIndex(offset)`, `copyIndex('loop')`, `copyIndex('loop', offset)`. */
function copyIndex(args: ArmValue[], call: CallSite): ArmValue {
  const named = typeof args[0] === 'string';
  if (args.length > 0 && !named && typeof args[0] !== 'number')
    throw argumentError(0, 'a loop name or an int', args[0]);
  if (named && args.length > 1 && typeof args[1] !== 'number') throw argumentError(1, 'an int', args[1]);
  const offset = args.length === 0 ? 0 : named ? (args.length > 1 ? intArg(args, 1) : 0) : intArg(args, 0);
  const loop = named ? (args[0] as string) : undefined;
  const index = loop === undefined ? call.copy?.index : namedIndex(call, loop);
  if (index === undefined) {
    const ref = loop === undefined ? 'copyIndex()' : `copyIndex('${loop.toLowerCase()}')`;
    // Only the plain index names the loop's value; with an offset it is another value.
    return new Unknown('copyIndex() outside an expanded copy loop', offset === 0 ? ref : undefined);
  }
  return index + offset;
}

function namedIndex(call: CallSite, loop: string): number | undefined {
  const named = call.copy?.named;
  if (named === undefined) return undefined;
  const lower = loop.toLowerCase();
  for (const [name, index] of Object.entries(named)) {
    if (name.toLowerCase() === lower) return index;
  }
  return undefined;
}
