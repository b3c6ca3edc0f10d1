import type { CopyState, DeploymentScope } from '../context.js';
import type { ArmValue } from '../values.js';

/** What a function implementation may know about its call, besides the argument values. */
export interface CallSite {
  /** The function name as written in the template, for messages. */
  name: string;
  scope: DeploymentScope;
  copy: CopyState | undefined;
}

/** A lambda argument (`lambda('x', body)`), ready to call with values for its variables. */
export interface Lambda {
  parameterCount: number;
  call(values: readonly ArmValue[]): ArmValue;
}

/** An argument that a lazy function evaluates only if and when it needs it. */
export interface LazyArgument {
  evaluate(): ArmValue;
  /** The argument as a lambda; an argument error when it is not written as `lambda(...)`. */
  asLambda(): Lambda;
}

/**
 * How an eager function treats Unknown arguments before its implementation runs:
 * - `top`: an Unknown argument makes the result unknown (the usual case: `concat('a', <unknown>)`);
 * - `deep`: an Unknown anywhere inside an argument makes the result unknown (`string()`, `join()`);
 * - `self`: the implementation handles Unknowns itself (`createObject`, `contains`, `union`, the resource IDs).
 */
export type UnknownPolicy = 'top' | 'deep' | 'self';

export interface EagerFunction {
  min: number;
  max: number;
  lazy?: false;
  unknowns?: UnknownPolicy;
  run(args: ArmValue[], call: CallSite): ArmValue;
}

export interface LazyFunction {
  min: number;
  max: number;
  lazy: true;
  run(args: readonly LazyArgument[], call: CallSite): ArmValue;
}

export type FunctionSpec = EagerFunction | LazyFunction;

/** Functions by lower-case name: ARM function names are case-insensitive. */
export type FunctionTable = Readonly<Record<string, FunctionSpec>>;

export const VARIADIC = Number.POSITIVE_INFINITY;
