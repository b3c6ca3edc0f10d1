import { Unknown, isUnknown } from '../../../model/unknown.js';
import type { CallNode, ExpressionNode } from './ast.js';
import {
  deploymentScope,
  type CopyState,
  type DeploymentScope,
  type EvaluationContext,
  type ReferenceRequest,
} from './context.js';
import { ExpressionError, FunctionArgumentError } from './errors.js';
import { builtinFunction } from './functions/builtins.js';
import type { CallSite, Lambda, LazyArgument } from './functions/types.js';
import { MAX_COPY_COUNT, MAX_EVALUATION_DEPTH, MAX_NODE_NESTING } from './limits.js';
import { isExpressionText, parseTemplateString } from './parser.js';
import { KNOWN_AFTER_DEPLOYMENT, extendRef, listRef, referenceRef, type PathSegment } from './refs.js';
import { UserFunctions } from './user-functions.js';
import {
  derivedUnknown,
  describeValue,
  findKey,
  findUnknown,
  fromJson,
  getProperty,
  isArmObject,
  setProperty,
  type ArmObject,
  type ArmValue,
} from './values.js';

/** Per-call options. */
export interface EvaluateOptions {
  /** The copy-loop iteration of the resource or property being evaluated. */
  copy?: CopyState;
  /**
   * With `evaluateJson`: called for each string that fails to evaluate, with the error located at the string's
   * JSON path; its return value (typically an Unknown) takes the string's place, so one bad property does not
   * lose the rest of the resource. Without it the first error is thrown.
   */
  onError?: (error: ExpressionError) => ArmValue;
}

/** Where names resolve: the template, or the body of a user-defined function or a lambda. */
interface Env {
  /** Parameters by lower-case name: the template's, or a user-defined function's. */
  parameters: ReadonlyMap<string, ArmValue>;
  /** Set inside a user-defined function, which has its own parameters and no variables. */
  functionName: string | undefined;
  lambdaVariables: ReadonlyMap<string, ArmValue> | undefined;
  copy: CopyState | undefined;
  onError: ((error: ExpressionError) => ArmValue) | undefined;
}

/** A JSON path as a linked list: cheap to extend while walking, turned into an array only for an error. */
interface JsonPath {
  parent: JsonPath | undefined;
  segment: string | number;
}

function pathArray(path: JsonPath | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (let node = path; node !== undefined; node = node.parent) out.push(node.segment);
  return out.reverse();
}

type VariableDefinition =
  | { name: string; kind: 'value'; raw: unknown }
  | { name: string; kind: 'copy'; count: unknown; input: unknown };

type Segment = { name: string; offset: number } | { index: ExpressionNode; offset: number };

/**
 * Evaluates the expressions of one template. Variables are evaluated on first use and kept; syntax trees are
 * cached by text across templates (parser.ts). Values that cannot be known before deployment come back as
 * `Unknown`; malformed expressions and wrong arguments throw `ExpressionError`.
 */
export class Evaluator {
  private readonly scope: DeploymentScope;
  private readonly templateEnv: Env;
  private readonly variables = new Map<string, VariableDefinition>();
  private readonly variableResults = new Map<string, ArmValue | ExpressionError>();
  private readonly variableStack: string[] = [];
  private readonly userFunctions: UserFunctions;
  private depth = 0;
  private nodeDepth = 0;

  constructor(private readonly context: EvaluationContext = {}) {
    this.scope = context.scope ?? deploymentScope();
    const parameters = new Map<string, ArmValue>();
    for (const [name, value] of Object.entries(context.parameters ?? {})) {
      parameters.set(name.toLowerCase(), fromJson(value));
    }
    this.templateEnv = {
      parameters,
      functionName: undefined,
      lambdaVariables: undefined,
      copy: context.copy,
      onError: undefined,
    };
    this.readVariables(context.variables ?? {});
    this.userFunctions = new UserFunctions(context.functions);
  }

  /** Evaluates one JSON string of the template: an expression, or a literal (with the `[[` escape applied). */
  evaluate(text: string, options: EvaluateOptions = {}): ArmValue {
    return this.guardStack(text, () => this.evaluateString(text, this.envWith(options)));
  }

  /** Evaluates every expression inside a JSON value (strings, array elements, object values and keys). */
  evaluateJson(value: unknown, options: EvaluateOptions = {}): ArmValue {
    return this.guardStack('', () => this.walk(value, this.envWith(options), undefined));
  }

  /** The value of a template variable, evaluated on first use. */
  variable(name: string): ArmValue {
    return this.guardStack('', () => this.readVariable(name, `[variables('${name}')]`, 0));
  }

  private envWith(options: EvaluateOptions): Env {
    if (options.copy === undefined && options.onError === undefined) return this.templateEnv;
    return { ...this.templateEnv, copy: options.copy ?? this.templateEnv.copy, onError: options.onError };
  }

  /** A hostile template that gets past the explicit limits must still not crash the run with a stack overflow. */
  private guardStack<T>(text: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof RangeError) {
        throw new ExpressionError('limit', text, 1, 'expression too deeply nested to evaluate');
      }
      throw error;
    }
  }

  private readVariables(section: Readonly<Record<string, unknown>>): void {
    for (const [name, raw] of Object.entries(section)) {
      if (name.toLowerCase() === 'copy' && Array.isArray(raw)) {
        for (const loop of raw) this.readVariableLoop(loop);
        continue;
      }
      this.variables.set(name.toLowerCase(), { name, kind: 'value', raw });
    }
  }

  private readVariableLoop(loop: unknown): void {
    if (!isPlainObject(loop) || typeof loop.name !== 'string') return;
    this.variables.set(loop.name.toLowerCase(), {
      name: loop.name,
      kind: 'copy',
      count: loop.count,
      input: loop.input,
    });
  }

  private evaluateString(text: string, env: Env): ArmValue {
    // Literal strings are the bulk of a template; they skip the parse cache.
    if (!isExpressionText(text)) return text.startsWith('[[') && text.endsWith(']') ? text.slice(1) : text;
    const parsed = parseTemplateString(text);
    return parsed.kind === 'literal' ? parsed.value : this.node(parsed.root, env, text);
  }

  private walk(value: unknown, env: Env, path: JsonPath | undefined): ArmValue {
    if (typeof value === 'string') return this.walkString(value, env, path);
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'boolean' || isUnknown(value)) return value;
    if (typeof value !== 'object') return null;
    this.enter('', 'JSON value');
    try {
      if (Array.isArray(value)) {
        return value.map((item: unknown, index) => this.walk(item, env, { parent: path, segment: index }));
      }
      return this.walkObject(value as Record<string, unknown>, env, path);
    } finally {
      this.depth--;
    }
  }

  /** Errors get the JSON path of the failing string; the caller's `onError` may stand in for the value. */
  private walkString(text: string, env: Env, path: JsonPath | undefined): ArmValue {
    try {
      return this.evaluateString(text, env);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const located = error.jsonPath.length > 0 || path === undefined ? error : error.at(pathArray(path));
      if (env.onError === undefined) throw located;
      return env.onError(located);
    }
  }

  /** Keys can be expressions too (`userAssignedIdentities: { "[resourceId(...)]": {} }`). */
  private walkObject(source: Record<string, unknown>, env: Env, path: JsonPath | undefined): ArmValue {
    const out: ArmObject = {};
    for (const [rawKey, rawValue] of Object.entries(source)) {
      const at: JsonPath = { parent: path, segment: rawKey };
      if (rawKey.toLowerCase() === 'copy' && isPropertyCopy(rawValue)) {
        rawValue.forEach((loop, index) => {
          const loopPath: JsonPath = { parent: at, segment: index };
          setProperty(out, loop.name, this.expandLoop(loop.name, loop.count, loop.input, env, loopPath));
        });
        continue;
      }
      const key = this.walkString(rawKey, env, at);
      if (isUnknown(key)) return new Unknown(`a property name is unknown (${key.reason})`);
      if (typeof key !== 'string') {
        const error = new ExpressionError(
          'argument',
          rawKey,
          1,
          `a property name must be a string, got ${describeValue(key)}`,
          pathArray(at),
        );
        if (env.onError === undefined) throw error;
        setProperty(out, rawKey, env.onError(error));
        continue;
      }
      setProperty(out, findKey(out, key) ?? key, this.walk(rawValue, env, at));
    }
    return out;
  }

  /** A `copy` loop (property or variable): `count` copies of `input`, with `copyIndex(name)` set for each. */
  private expandLoop(
    name: string,
    rawCount: unknown,
    input: unknown,
    env: Env,
    path: JsonPath | undefined,
  ): ArmValue {
    const countPath: JsonPath = { parent: path, segment: 'count' };
    const count = this.walk(rawCount, env, countPath);
    if (isUnknown(count)) return derivedUnknown(count);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_COPY_COUNT) {
      const error = new ExpressionError(
        'argument',
        typeof rawCount === 'string' ? rawCount : '',
        1,
        `copy loop '${name}' needs a count from 0 to ${MAX_COPY_COUNT}, got ${describeValue(count)}`,
        pathArray(countPath),
      );
      if (env.onError === undefined) throw error;
      return env.onError(error);
    }
    const items: ArmValue[] = [];
    const inputPath: JsonPath = { parent: path, segment: 'input' };
    for (let i = 0; i < count; i++) {
      const named = { ...(env.copy?.named ?? {}), [name]: i };
      const copy: CopyState = env.copy?.index === undefined ? { named } : { index: env.copy.index, named };
      items.push(this.walk(input, { ...env, copy }, inputPath));
    }
    return items;
  }

  private enter(text: string, what: string): void {
    if (this.depth >= MAX_EVALUATION_DEPTH) {
      throw new ExpressionError(
        'limit',
        text,
        1,
        `${what} nested deeper than ${MAX_EVALUATION_DEPTH} levels`,
      );
    }
    this.depth++;
  }

  private node(node: ExpressionNode, env: Env, text: string): ArmValue {
    if (this.nodeDepth >= MAX_NODE_NESTING) {
      throw new ExpressionError(
        'limit',
        text,
        node.offset + 1,
        `evaluation nested deeper than ${MAX_NODE_NESTING} levels`,
      );
    }
    this.nodeDepth++;
    try {
      switch (node.type) {
        case 'string':
        case 'integer':
        case 'boolean':
          return node.value;
        case 'null':
          return null;
        case 'call':
          return this.call(node, env, text);
        case 'property':
        case 'index':
          return this.access(node, env, text);
      }
    } finally {
      this.nodeDepth--;
    }
  }

  /** Property and index chains; a chain on `reference()` is handed whole to the caller's resolver. */
  private access(node: ExpressionNode, env: Env, text: string): ArmValue {
    const segments: Segment[] = [];
    let base = node;
    while (base.type === 'property' || base.type === 'index') {
      segments.push(
        base.type === 'property'
          ? { name: base.name, offset: base.offset }
          : { index: base.index, offset: base.offset },
      );
      base = base.target;
    }
    segments.reverse();
    if (base.type === 'call' && base.namespace === undefined && base.name.toLowerCase() === 'reference') {
      return this.reference(base, segments, env, text);
    }
    let value = this.node(base, env, text);
    for (const segment of segments)
      value = this.step(value, this.segmentKey(segment, env, text), segment.offset, text);
    return value;
  }

  private segmentKey(segment: Segment, env: Env, text: string): ArmValue {
    return 'name' in segment ? segment.name : this.node(segment.index, env, text);
  }

  private step(value: ArmValue, key: ArmValue, offset: number, text: string): ArmValue {
    if (isUnknown(value)) {
      if (isUnknown(key) || value.ref === undefined) return derivedUnknown(value);
      if (typeof key !== 'string' && typeof key !== 'number') return derivedUnknown(value);
      return new Unknown(value.reason, extendRef(value.ref, key));
    }
    if (isUnknown(key)) return derivedUnknown(key);
    if (Array.isArray(value)) {
      if (typeof key !== 'number' || !Number.isInteger(key)) {
        throw new ExpressionError(
          'argument',
          text,
          offset + 1,
          `an array is indexed by an int, not ${describeValue(key)}`,
        );
      }
      if (key < 0 || key >= value.length) {
        throw new ExpressionError(
          'argument',
          text,
          offset + 1,
          `index ${key} is out of range for an array of ${value.length}`,
        );
      }
      return value[key] ?? null;
    }
    if (isArmObject(value)) {
      if (typeof key !== 'string') {
        throw new ExpressionError(
          'argument',
          text,
          offset + 1,
          `an object is indexed by a property name, not ${describeValue(key)}`,
        );
      }
      const found = getProperty(value, key);
      if (found === undefined) {
        const keys = Object.keys(value);
        const listed =
          keys.length === 0
            ? 'it has none'
            : `it has ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`;
        throw new ExpressionError(
          'reference',
          text,
          offset + 1,
          `property '${key}' does not exist (${listed})`,
        );
      }
      return found;
    }
    throw new ExpressionError(
      'argument',
      text,
      offset + 1,
      `cannot read ${describeValue(key)} of ${describeValue(value)}`,
    );
  }

  private call(node: CallNode, env: Env, text: string): ArmValue {
    if (node.namespace !== undefined) return this.userFunction(node, env, text);
    const name = node.name.toLowerCase();
    switch (name) {
      case 'parameters':
        return this.parameter(node, env, text);
      case 'variables':
        return this.variableCall(node, env, text);
      case 'reference':
        return this.reference(node, [], env, text);
      case 'resourceinfo':
        return this.resourceInfo(node, env, text);
      case 'lambdavariables':
        return this.lambdaVariable(node, env, text);
      case 'lambda':
        throw new ExpressionError(
          'argument',
          text,
          node.offset + 1,
          'lambda() can only be an argument of a function such as map() or filter()',
        );
      default:
        break;
    }
    const spec = builtinFunction(name);
    if (spec === undefined) {
      if (name.startsWith('list')) return this.list(node, env, text);
      return new Unknown(`function '${node.name}' is not supported`);
    }
    this.checkCount(node, spec.min, spec.max, text);
    const site: CallSite = { name: node.name, scope: this.scope, copy: env.copy };
    try {
      if (spec.lazy === true)
        return spec.run(
          node.args.map((argument) => this.lazyArgument(argument, env, text)),
          site,
        );
      const args = node.args.map((argument) => this.node(argument, env, text));
      const policy = spec.unknowns ?? 'top';
      if (policy !== 'self') {
        const unknown = policy === 'top' ? args.find(isUnknown) : firstDeepUnknown(args);
        if (unknown !== undefined) return derivedUnknown(unknown);
      }
      return spec.run(args, site);
    } catch (error) {
      if (error instanceof FunctionArgumentError) {
        throw new ExpressionError(error.kind, text, node.offset + 1, `${node.name}(): ${error.detail}`);
      }
      throw error;
    }
  }

  private checkCount(node: CallNode, min: number, max: number, text: string): void {
    const count = node.args.length;
    if (count >= min && count <= max) return;
    const expected =
      min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
    throw new ExpressionError(
      'argument',
      text,
      node.offset + 1,
      `${node.name}() expects ${expected} argument${expected.endsWith(' 1') || expected === '1' ? '' : 's'}, got ${count}`,
    );
  }

  private lazyArgument(argument: ExpressionNode, env: Env, text: string): LazyArgument {
    return {
      evaluate: () => this.node(argument, env, text),
      asLambda: () => this.lambda(argument, env, text),
    };
  }

  /** `lambda('a', 'b', body)`: variable names as string literals, then the body, evaluated per call. */
  private lambda(argument: ExpressionNode, env: Env, text: string): Lambda {
    if (
      argument.type !== 'call' ||
      argument.namespace !== undefined ||
      argument.name.toLowerCase() !== 'lambda'
    ) {
      throw new FunctionArgumentError('expects lambda(...) as the function argument');
    }
    const body = argument.args[argument.args.length - 1];
    const names = argument.args.slice(0, -1).map((item) => {
      if (item.type !== 'string')
        throw new FunctionArgumentError('lambda() variable names must be string literals');
      return item.value.toLowerCase();
    });
    if (body === undefined || names.length === 0)
      throw new FunctionArgumentError('lambda() needs variable names and a body');
    return {
      parameterCount: names.length,
      call: (values) => {
        const variables = new Map(env.lambdaVariables ?? []);
        names.forEach((name, i) => variables.set(name, values[i] ?? null));
        this.enter(text, 'lambda');
        try {
          return this.node(body, { ...env, lambdaVariables: variables }, text);
        } finally {
          this.depth--;
        }
      },
    };
  }

  private lambdaVariable(node: CallNode, env: Env, text: string): ArmValue {
    const name = this.nameArgument(node, env, text);
    if (isUnknown(name)) return derivedUnknown(name);
    const value = env.lambdaVariables?.get(name.toLowerCase());
    if (value === undefined) {
      throw new ExpressionError(
        'reference',
        text,
        node.offset + 1,
        `no lambda variable named '${name}' is in scope`,
      );
    }
    return value;
  }

  /** The single string argument of `parameters`, `variables` and kin. */
  private nameArgument(node: CallNode, env: Env, text: string): string | Unknown {
    this.checkCount(node, 1, 1, text);
    const argument = node.args[0];
    const name = argument === undefined ? null : this.node(argument, env, text);
    if (typeof name === 'string' || isUnknown(name)) return name;
    throw new ExpressionError(
      'argument',
      text,
      node.offset + 1,
      `${node.name}() expects a name (a string), got ${describeValue(name)}`,
    );
  }

  private parameter(node: CallNode, env: Env, text: string): ArmValue {
    const name = this.nameArgument(node, env, text);
    if (isUnknown(name)) return derivedUnknown(name);
    const value = env.parameters.get(name.toLowerCase());
    if (value !== undefined) return value;
    const owner = env.functionName === undefined ? 'the template' : `function '${env.functionName}'`;
    throw new ExpressionError('reference', text, node.offset + 1, `${owner} has no parameter '${name}'`);
  }

  private variableCall(node: CallNode, env: Env, text: string): ArmValue {
    if (env.functionName !== undefined) {
      throw new ExpressionError(
        'reference',
        text,
        node.offset + 1,
        `function '${env.functionName}' cannot use variables()`,
      );
    }
    const name = this.nameArgument(node, env, text);
    if (isUnknown(name)) return derivedUnknown(name);
    return this.readVariable(name, text, node.offset);
  }

  private readVariable(name: string, text: string, offset: number): ArmValue {
    const key = name.toLowerCase();
    const cached = this.variableResults.get(key);
    if (cached instanceof ExpressionError) throw cached;
    if (cached !== undefined) return cached;
    const definition = this.variables.get(key);
    if (definition === undefined) {
      throw new ExpressionError('reference', text, offset + 1, `the template has no variable '${name}'`);
    }
    if (this.variableStack.includes(key)) {
      const cycle = [...this.variableStack.slice(this.variableStack.indexOf(key)), key]
        .map((k) => this.variables.get(k)?.name ?? k)
        .join(' -> ');
      throw new VariableCycleError(
        'reference',
        text,
        offset + 1,
        `variable '${definition.name}' refers to itself: ${cycle}`,
      );
    }
    this.variableStack.push(key);
    this.enter(text, 'variables');
    let result: ArmValue | ExpressionError;
    try {
      // Variables are shared by every resource, so no resource's copy index may leak into their cached values.
      const env: Env = { ...this.templateEnv, copy: undefined };
      result =
        definition.kind === 'value'
          ? this.walk(definition.raw, env, undefined)
          : this.expandLoop(definition.name, definition.count, definition.input, env, undefined);
      // A wholly unknown variable is one value wherever it is read: naming it lets two reads compare equal.
      if (isUnknown(result) && result.ref === undefined)
        result = new Unknown(result.reason, `variables('${key}')`);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      // A cycle is reported once, where it closes, not again by every variable on it.
      result = error instanceof VariableCycleError ? error : error.within(`in variable '${definition.name}'`);
    } finally {
      this.depth--;
      this.variableStack.pop();
    }
    this.variableResults.set(key, result);
    if (result instanceof ExpressionError) throw result;
    return result;
  }

  private userFunction(node: CallNode, env: Env, text: string): ArmValue {
    const qualified = `${node.namespace ?? ''}.${node.name}`;
    const definition = this.userFunctions.get(qualified);
    if (typeof definition === 'string')
      throw new ExpressionError('reference', text, node.offset + 1, definition);
    this.checkCount(node, definition.parameters.length, definition.parameters.length, text);
    const parameters = new Map<string, ArmValue>();
    definition.parameters.forEach((parameter, i) => {
      const argument = node.args[i];
      parameters.set(parameter.toLowerCase(), argument === undefined ? null : this.node(argument, env, text));
    });
    this.enter(text, 'user-defined function calls');
    try {
      const fnEnv: Env = {
        parameters,
        functionName: definition.name,
        lambdaVariables: undefined,
        copy: undefined,
        onError: undefined,
      };
      return this.walk(definition.output, fnEnv, undefined);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      throw error.within(`in function '${definition.name}'`);
    } finally {
      this.depth--;
    }
  }

  /**
   * `reference(target, apiVersion?, 'Full'?)` followed by a property path. The caller's resolver may know the value
   * (an input the template configures); otherwise it is an Unknown with a normalised ref (refs.ts).
   */
  private reference(node: CallNode, segments: readonly Segment[], env: Env, text: string): ArmValue {
    this.checkCount(node, 1, 3, text);
    const [targetNode, apiNode, fullNode] = node.args;
    const target = targetNode === undefined ? null : this.node(targetNode, env, text);
    const apiVersion = apiNode === undefined ? undefined : this.node(apiNode, env, text);
    const fullValue = fullNode === undefined ? undefined : this.node(fullNode, env, text);
    if (fullValue !== undefined && !(typeof fullValue === 'string' && fullValue.toLowerCase() === 'full')) {
      throw new ExpressionError(
        'argument',
        text,
        node.offset + 1,
        `reference() expects 'Full' as argument 3, got ${describeValue(fullValue)}`,
      );
    }
    if (typeof target !== 'string' && !isUnknown(target)) {
      throw new ExpressionError(
        'argument',
        text,
        node.offset + 1,
        `reference() expects a resource ID or name, got ${describeValue(target)}`,
      );
    }
    const full = fullValue !== undefined;
    // The path is known up to the first index whose value is unknown; what follows is read from an unknown.
    const path: PathSegment[] = [];
    let rest = 0;
    for (const segment of segments) {
      const key = this.segmentKey(segment, env, text);
      if (typeof key !== 'string' && typeof key !== 'number') break;
      path.push(key);
      rest++;
    }
    let value: ArmValue;
    if (isUnknown(target)) {
      value =
        target.ref === undefined
          ? new Unknown(KNOWN_AFTER_DEPLOYMENT)
          : new Unknown(KNOWN_AFTER_DEPLOYMENT, referenceRef(target.ref, path, full));
    } else {
      const resourceId = target.startsWith('/') ? target : this.resourceIdOf(target);
      const ref = referenceRef(resourceId ?? target, path, full);
      const request: ReferenceRequest = { target, full, path, ref };
      if (resourceId !== undefined) request.resourceId = resourceId;
      if (typeof apiVersion === 'string') request.apiVersion = apiVersion;
      value = this.context.resolveReference?.(request) ?? new Unknown(KNOWN_AFTER_DEPLOYMENT, ref);
    }
    for (const segment of segments.slice(rest))
      value = this.step(value, this.segmentKey(segment, env, text), segment.offset, text);
    return value;
  }

  private resourceIdOf(name: string): string | undefined {
    const info = this.context.resolveResourceInfo?.(name);
    const id = isArmObject(info) ? getProperty(info, 'id') : undefined;
    return typeof id === 'string' ? id : undefined;
  }

  private resourceInfo(node: CallNode, env: Env, text: string): ArmValue {
    const name = this.nameArgument(node, env, text);
    if (isUnknown(name)) return derivedUnknown(name);
    return (
      this.context.resolveResourceInfo?.(name) ??
      new Unknown(
        `resourceInfo('${name}') needs the template's resources`,
        `resourceinfo(${name.toLowerCase()})`,
      )
    );
  }

  /** `listKeys(...)`, `listSecrets(...)` and the other list functions read the deployed resource. */
  private list(node: CallNode, env: Env, text: string): ArmValue {
    const targetNode = node.args[0];
    const target = targetNode === undefined ? null : this.node(targetNode, env, text);
    const reason = `${node.name}() returns values known only at deployment`;
    if (typeof target === 'string')
      return new Unknown(
        reason,
        listRef(node.name, target.startsWith('/') ? target : (this.resourceIdOf(target) ?? target)),
      );
    if (isUnknown(target) && target.ref !== undefined)
      return new Unknown(reason, listRef(node.name, target.ref));
    return new Unknown(reason);
  }
}

/** Marks the error that closes a cycle of variables, so the variables on the cycle do not wrap it again. */
class VariableCycleError extends ExpressionError {}

function firstDeepUnknown(values: readonly ArmValue[]): Unknown | undefined {
  for (const value of values) {
    const found = findUnknown(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

interface PropertyLoop {
  name: string;
  count: unknown;
  input: unknown;
}

/** A property `copy` is an array of loops, each with a name, a count and an input. */
function isPropertyCopy(value: unknown): value is PropertyLoop[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (loop: unknown) =>
        isPlainObject(loop) && typeof loop.name === 'string' && 'input' in loop && 'count' in loop,
    )
  );
}

/** Evaluates one template string with a fresh evaluator; for many strings of one template, reuse an `Evaluator`. */
export function evaluateExpression(
  text: string,
  context: EvaluationContext = {},
  options: EvaluateOptions = {},
): ArmValue {
  return new Evaluator(context).evaluate(text, options);
}

/** Evaluates every expression inside a JSON value with a fresh evaluator. */
export function evaluateJson(
  value: unknown,
  context: EvaluationContext = {},
  options: EvaluateOptions = {},
): ArmValue {
  return new Evaluator(context).evaluateJson(value, options);
}
