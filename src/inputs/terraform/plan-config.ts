import { asArray, asObject, asString, isObject, type JsonObject } from '../json-value.js';
import { distinctTraversals, formatSteps, joinAddress, parseTraversal, type Step } from './traversal.js';

/**
 * What a configuration expression in a plan resolves to, following `references` through module inputs
 * (`module_calls.<m>.expressions`) and outputs (`module_calls.<m>.module.outputs.<o>.expression`).
 */
export type Resolved =
  | { kind: 'constant'; value: unknown; variable?: VariableOrigin }
  | { kind: 'attribute'; resourceAddress: string; resourceType: string; attribute: string; ref: string }
  | { kind: 'unresolved'; reason: string };

/** The variable a constant comes from: its name, the module that declares it, and whether its default is set. */
export interface VariableOrigin {
  name: string;
  /** Module path (`module.a.module.b`), empty for the root module. */
  module: string;
  hasDefault: boolean;
}

interface ModuleScope {
  config: JsonObject;
  /** Module instance path, e.g. `module.aks["east"]`; empty for the root module. */
  instance: string;
  /** Module path without instance keys, the key of configuration indexes. */
  path: string;
  parent?: ModuleScope;
  callName?: string;
}

interface ConfigResource {
  expressions: JsonObject;
  scope: ModuleScope;
}

const MAX_DEPTH = 64;

export class PlanConfiguration {
  private readonly resources = new Map<string, ConfigResource>();
  private readonly scopes = new Map<string, ModuleScope>();

  constructor(
    configuration: unknown,
    private readonly rootVariableValues: JsonObject,
  ) {
    const root = asObject(asObject(configuration)?.['root_module']);
    if (root !== undefined) this.indexModule({ config: root, instance: '', path: '' });
  }

  private indexModule(scope: ModuleScope): void {
    this.scopes.set(scope.path, scope);
    const calls = asObject(scope.config['module_calls']) ?? {};
    // Module bodies first: some tools flatten module resources into the root with absolute addresses; the
    // module's own entry, with module-relative references, is the one to keep.
    for (const [name, call] of Object.entries(calls)) {
      const body = asObject(asObject(call)?.['module']);
      if (body === undefined) continue;
      const child: ModuleScope = {
        config: body,
        instance: joinAddress(scope.instance, `module.${name}`),
        path: joinAddress(scope.path, `module.${name}`),
        parent: scope,
        callName: name,
      };
      this.indexModule(child);
    }
    for (const resource of asArray(scope.config['resources']) ?? []) {
      const r = asObject(resource);
      const address = asString(r?.['address']);
      if (r === undefined || address === undefined) continue;
      const absolute = address.startsWith('module.') ? address : joinAddress(scope.path, address);
      if (!this.resources.has(absolute)) {
        this.resources.set(absolute, { expressions: asObject(r['expressions']) ?? {}, scope });
      }
    }
  }

  /** The configuration expression of an attribute, e.g. ['identity', 0, 'identity_ids'], of a planned resource. */
  expression(resourceAddress: string, attributePath: readonly (string | number)[]): JsonObject | undefined {
    return asObject(this.configNode(resourceAddress, attributePath));
  }

  /** Whether the configuration describes the resource at all (some plans, and planned_values-only tools, omit it). */
  hasResource(resourceAddress: string): boolean {
    return this.locate(resourceAddress) !== undefined;
  }

  /** Whether an attribute or nested block is written in the configuration at all. */
  isConfigured(resourceAddress: string, attributePath: readonly (string | number)[]): boolean {
    const node = this.configNode(resourceAddress, attributePath);
    return node !== undefined && !(Array.isArray(node) && node.length === 0);
  }

  /** Nested blocks are arrays of objects in configuration; attributes are expression objects. */
  configNode(resourceAddress: string, attributePath: readonly (string | number)[]): unknown {
    let node: unknown = this.locate(resourceAddress)?.resource.expressions;
    for (const step of attributePath) {
      if (Array.isArray(node)) node = node[typeof step === 'number' ? step : 0];
      else if (isObject(node)) node = node[String(step)];
      else return undefined;
    }
    return node;
  }

  /** Resolves every distinct traversal of the attribute's expression. Empty when the attribute is not configured. */
  resolveAttribute(resourceAddress: string, attributePath: readonly (string | number)[]): Resolved[] {
    const located = this.locate(resourceAddress);
    const expression = this.expression(resourceAddress, attributePath);
    if (located === undefined || expression === undefined) return [];
    // A whole resource (a for-expression over it, say) is not one value: which of its values is not known.
    return this.resolveExpression(expression, located.scope, 0).map((r) =>
      r.kind === 'attribute' && r.attribute === ''
        ? { kind: 'unresolved', reason: `an expression over the whole of ${r.resourceAddress}` }
        : r,
    );
  }

  private locate(resourceAddress: string): { resource: ConfigResource; scope: ModuleScope } | undefined {
    const steps = parseTraversal(resourceAddress);
    if (steps === undefined) return undefined;
    const { modulePath, instance, rest } = splitModulePath(steps);
    const relative = formatSteps(stripIndexes(rest));
    const resource = this.resources.get(joinAddress(modulePath, relative));
    if (resource === undefined) return undefined;
    // A flattened copy in the root module writes its references from the root (absolute), not from its module.
    const flattened = resource.scope.path === '' && modulePath !== '';
    return { resource, scope: { ...resource.scope, instance: flattened ? '' : instance } };
  }

  private resolveExpression(expression: JsonObject, scope: ModuleScope, depth: number): Resolved[] {
    if ('constant_value' in expression) return [{ kind: 'constant', value: expression['constant_value'] }];
    const references = (asArray(expression['references']) ?? []).filter(
      (r): r is string => typeof r === 'string',
    );
    if (references.length === 0) return [{ kind: 'unresolved', reason: 'an expression without references' }];
    return distinctTraversals(references).map((ref) => this.resolveReference(ref, scope, depth));
  }

  private resolveReference(reference: string, scope: ModuleScope, depth: number): Resolved {
    if (depth > MAX_DEPTH) return { kind: 'unresolved', reason: 'references nest too deeply' };
    const steps = parseTraversal(reference);
    const head = steps?.[0];
    if (steps === undefined || head === undefined || !('name' in head)) {
      return { kind: 'unresolved', reason: `an unreadable reference ${reference}` };
    }
    switch (head.name) {
      case 'var':
        return into(this.resolveVariable(stepName(steps[1]), scope, depth), steps.slice(2));
      case 'module':
        return this.resolveModuleReference(steps, scope, depth);
      case 'local':
        return { kind: 'unresolved', reason: `local value ${reference} (plan JSON does not record locals)` };
      case 'each':
      case 'count':
      case 'path':
      case 'terraform':
      case 'self':
        return { kind: 'unresolved', reason: `${reference} (per-instance value)` };
      case 'data':
        return attributeOf(scope.instance, steps, 3);
      default:
        return attributeOf(scope.instance, steps, 2);
    }
  }

  private resolveVariable(name: string | undefined, scope: ModuleScope, depth: number): Resolved {
    if (name === undefined) return { kind: 'unresolved', reason: 'an unreadable variable reference' };
    if (scope.parent === undefined || scope.callName === undefined) {
      const declared = asObject(asObject(scope.config['variables'])?.[name]);
      const hasDefault = declared !== undefined && isSet(declared['default']);
      const given = asObject(this.rootVariableValues[name]);
      if (given !== undefined && 'value' in given) {
        return {
          kind: 'constant',
          value: given['value'],
          variable: { name, module: scope.path, hasDefault },
        };
      }
      return { kind: 'unresolved', reason: `variable var.${name} has no value in the plan` };
    }
    const call = asObject(asObject(scope.parent.config['module_calls'])?.[scope.callName]);
    const input = asObject(asObject(call?.['expressions'])?.[name]);
    const parent: ModuleScope = { ...scope.parent, instance: parentInstance(scope.instance) };
    if (input === undefined) {
      const declared = asObject(asObject(scope.config['variables'])?.[name]);
      if (declared !== undefined && 'default' in declared) {
        return {
          kind: 'constant',
          value: declared['default'],
          variable: { name, module: scope.path, hasDefault: isSet(declared['default']) },
        };
      }
      return { kind: 'unresolved', reason: `module input var.${name} is not set by its caller` };
    }
    const resolved = this.resolveExpression(input, parent, depth + 1);
    return single(resolved, `module input var.${name}`);
  }

  private resolveModuleReference(steps: Step[], scope: ModuleScope, depth: number): Resolved {
    const callName = stepName(steps[1]);
    let next = 2;
    let instance = joinAddress(scope.instance, `module.${callName ?? ''}`);
    const maybeIndex = steps[2];
    if (maybeIndex !== undefined && 'index' in maybeIndex) {
      instance += formatSteps([maybeIndex]);
      next = 3;
    }
    const child =
      callName === undefined ? undefined : this.scopes.get(joinAddress(scope.path, `module.${callName}`));
    const outputName = stepName(steps[next]);
    if (child === undefined || outputName === undefined) {
      return {
        kind: 'unresolved',
        reason: `module output ${formatSteps(steps)} not found in the configuration`,
      };
    }
    const output = asObject(asObject(child.config['outputs'])?.[outputName]);
    const expression = asObject(output?.['expression']);
    if (expression === undefined) {
      // Flattened absolute references (module.m.<type>.<name>...) point straight at a resource of the module.
      if (
        this.resources.has(joinAddress(child.path, formatSteps(stripIndexes(steps.slice(next, next + 2)))))
      ) {
        return attributeOf(instance, steps.slice(next), 2);
      }
      return {
        kind: 'unresolved',
        reason: `module output ${formatSteps(steps)} not found in the configuration`,
      };
    }
    const resolved = this.resolveExpression(expression, { ...child, instance }, depth + 1);
    const result = single(resolved, `module output module.${callName ?? ''}.${outputName}`);
    // `module.m.out.attr` reads into an output that is itself an object, e.g. a whole resource.
    return into(result, steps.slice(next + 1));
  }
}

function attributeOf(instance: string, steps: Step[], nameSteps: number): Resolved {
  const typeStep = steps[nameSteps - 2];
  const resourceType = stepName(typeStep);
  if (resourceType === undefined || steps.length < nameSteps) {
    return { kind: 'unresolved', reason: `an unreadable reference ${formatSteps(steps)}` };
  }
  let end = nameSteps;
  const maybeIndex = steps[end];
  if (maybeIndex !== undefined && 'index' in maybeIndex) end++;
  const resourceAddress = joinAddress(instance, formatSteps(steps.slice(0, end)));
  const attribute = formatSteps(steps.slice(end));
  const fullType = nameSteps === 3 ? `data.${resourceType}` : resourceType;
  return {
    kind: 'attribute',
    resourceAddress,
    resourceType: fullType,
    attribute,
    ref: joinAddress(resourceAddress, attribute),
  };
}

/**
 * Reads further into a resolved value: `var.identity.principal_id` where the caller passes a whole resource, or a
 * field of a constant object. Indexing into a whole resource (a for-expression over it) gives no one value.
 */
function into(resolved: Resolved, rest: Step[]): Resolved {
  if (rest.length === 0 || resolved.kind === 'unresolved') return resolved;
  if (resolved.kind === 'constant') {
    let value: unknown = resolved.value;
    for (const step of rest) {
      const key = 'name' in step ? step.name : step.index;
      value =
        typeof value === 'object' && value !== null
          ? (value as Record<string | number, unknown>)[key]
          : undefined;
    }
    return resolved.variable === undefined
      ? { kind: 'constant', value }
      : { kind: 'constant', value, variable: resolved.variable };
  }
  const first = rest[0];
  if (resolved.attribute === '' && first !== undefined && 'index' in first) {
    return {
      kind: 'unresolved',
      reason: `an expression indexing into the whole of ${resolved.resourceAddress}`,
    };
  }
  const attribute = joinAddress(resolved.attribute, formatSteps(rest));
  return { ...resolved, attribute, ref: joinAddress(resolved.resourceAddress, attribute) };
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function single(resolved: Resolved[], what: string): Resolved {
  const [first] = resolved;
  if (resolved.length === 1 && first !== undefined) return first;
  return { kind: 'unresolved', reason: `${what} combines several values` };
}

function stepName(step: Step | undefined): string | undefined {
  return step !== undefined && 'name' in step ? step.name : undefined;
}

function splitModulePath(steps: Step[]): { modulePath: string; instance: string; rest: Step[] } {
  const pathSteps: Step[] = [];
  const instanceSteps: Step[] = [];
  let i = 0;
  while (stepName(steps[i]) === 'module' && steps[i + 1] !== undefined) {
    const moduleStep = steps[i] as Step;
    const nameStep = steps[i + 1] as Step;
    pathSteps.push(moduleStep, nameStep);
    instanceSteps.push(moduleStep, nameStep);
    i += 2;
    const maybeIndex = steps[i];
    if (maybeIndex !== undefined && 'index' in maybeIndex) {
      instanceSteps.push(maybeIndex);
      i++;
    }
  }
  return { modulePath: formatSteps(pathSteps), instance: formatSteps(instanceSteps), rest: steps.slice(i) };
}

function stripIndexes(steps: Step[]): Step[] {
  return steps.filter((s) => 'name' in s);
}

function parentInstance(instance: string): string {
  const steps = parseTraversal(instance) ?? [];
  let cut = steps.length;
  // Drop the last `module.<name>` and its index, if any.
  const last = steps[cut - 1];
  if (last !== undefined && 'index' in last) cut--;
  cut -= 2;
  return formatSteps(steps.slice(0, Math.max(cut, 0)));
}
