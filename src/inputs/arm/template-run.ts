import { isUnknown, Unknown, type Value } from '../../model/unknown.js';
import { jsonPointer } from '../input-error.js';
import { isObject, type JsonObject } from '../json-value.js';
import {
  buildResourceId,
  Evaluator,
  ExpressionError,
  findKey,
  isArmObject,
  KNOWN_AFTER_DEPLOYMENT,
  type ArmObject,
  type ArmValue,
  type CopyState,
  type PathSegment,
  type ReferenceRequest,
  type Tri,
} from './expressions/index.js';
import { valueAt } from './mapping/arm-resource.js';
import { isModelledType } from './mapping/build-entity.js';
import { originOf, type OriginContext } from './origin.js';
import { keyVaultReference, resolveParameters, type GivenParameter } from './parameters.js';
import { identify, IdentityError } from './resource-identity.js';
import { scopeIdParts } from './expressions/index.js';
import { nestedScope, type RunScope } from './run-scope.js';
import { FunctionArgumentError } from './expressions/errors.js';
import { evaluateRecovering } from './recover.js';
import {
  member,
  readTemplate,
  type Declaration,
  type DocumentContext,
  type TemplateSections,
} from './template-document.js';

/** The reason of a value read from a resource that exists before the deployment (`existing`, or not declared). */
export const READ_AT_DEPLOYMENT = 'read from the existing resource at deployment';

/** Last path segments of `reference()` reads that identify the resource alone: principal, client and object IDs. */
const IDENTIFIERS = new Set(['principalid', 'objectid', 'clientid', 'issuerurl', 'resourceid']);

const DEPLOYMENTS = 'microsoft.resources/deployments';

/** Keys of a resource that describe how it is deployed rather than what it is: not evaluated as its values. */
const NOT_VALUES = new Set(['copy', 'condition', 'dependson', 'resources', 'comments', 'existing', 'import']);

/** One resource a template deploys: a declaration, once per iteration of its copy loop. */
export interface Instance {
  run: TemplateRun;
  declaration: Declaration;
  copy: CopyState | undefined;
  /** `[2]` for an iteration of a copy loop, `[*]` for a loop whose count is unknown. */
  copyLabel: string;
  type: string;
  name: Value<string>;
  ownName: Value<string>;
  id: Value<string>;
  /** Where an extension resource applies. */
  scope: Value<string>;
  parentId?: Value<string>;
  /** The target `reference()` uses for it when its ID is unknown: its symbolic name, as Bicep writes it. */
  referenceTarget?: string;
  existing: boolean;
  condition: Tri;
  /** A stable key: the ID when known, else symbolic name or type and name as written, with the copy iteration. */
  key: string;
  /** Why the resource cannot be read at all, when it cannot. */
  problem?: string;
  /** For a nested deployment: where its template deploys to. */
  target?: RunScope;
  /** For a nested deployment: its template, once read; a reason when there is none to read. */
  child?: TemplateRun | { skipped: string } | 'building';
  body?: ArmObject | 'evaluating';
}

/** A supported resource that produces no instance, and why (a copy loop of count 0). */
export interface EmptyDeclaration {
  declaration: Declaration;
  key: string;
  type: string;
  reason: string;
}

/** What all templates of one input share: the resources by ID, secure values, the document. */
export class Expansion {
  private readonly byId = new Map<string, Instance>();
  readonly secureValues = new Set<string>();
  readonly empty: EmptyDeclaration[] = [];

  constructor(readonly document: DocumentContext) {}

  register(instance: Instance): void {
    if (typeof instance.id !== 'string') return;
    const key = instance.id.toLowerCase();
    if (!this.byId.has(key)) this.byId.set(key, instance);
  }

  find(id: string): Instance | undefined {
    return this.byId.get(id.toLowerCase().replace(/\/+$/, ''));
  }
}

interface Evaluation {
  evaluator: Evaluator;
  origins: OriginContext;
}

/**
 * One template (the input's, or the template of a nested deployment) being expanded: its parameters resolved, its
 * resources declared once per copy iteration with their IDs, its nested deployments expanded in turn. Resource
 * values and outputs are evaluated on demand, once: a parent reads a module's outputs through `reference()`.
 */
export class TemplateRun {
  readonly instances: Instance[] = [];
  readonly evaluator: Evaluator;
  readonly origins: OriginContext;
  private readonly bySymbol = new Map<string, Instance[]>();
  private readonly byName = new Map<string, Instance>();
  private outputsState: ArmObject | 'building' | undefined;

  private constructor(
    readonly expansion: Expansion,
    readonly template: TemplateSections,
    readonly scope: RunScope,
    /** Prefixes the keys of resources whose ID is unknown, so that two modules' resources never share one. */
    readonly keyPrefix: string,
    evaluation: Evaluation | ((run: TemplateRun) => Evaluation),
    /** The nested-deployment instance whose template this is (none for the input's template). */
    readonly deployment?: Instance,
  ) {
    const made = typeof evaluation === 'function' ? evaluation(this) : evaluation;
    this.evaluator = made.evaluator;
    this.origins = made.origins;
  }

  /** The input template, with the caller's parameter values. */
  static root(
    expansion: Expansion,
    template: TemplateSections,
    scope: RunScope,
    given: ReadonlyMap<string, GivenParameter>,
  ): TemplateRun {
    return new TemplateRun(expansion, template, scope, '', (run) =>
      run.innerEvaluation(given, (n) => `parameters('${n}')`),
    );
  }

  private innerEvaluation(
    given: ReadonlyMap<string, GivenParameter>,
    unknownRef: (name: string) => string,
  ): Evaluation {
    const resolved = resolveParameters(this.template, given, this.scope.scope, unknownRef);
    resolved.secureValues.forEach((v) => this.expansion.secureValues.add(v));
    return {
      evaluator: new Evaluator({
        parameters: resolved.values,
        variables: this.template.variables,
        functions: this.template.functions,
        scope: this.scope.scope,
        resolveReference: (request) => this.resolveReference(request),
        resolveResourceInfo: (name) => this.resourceInfo(name),
      }),
      origins: { parameters: resolved.origins, variables: this.template.variables },
    };
  }

  /** Declares every resource, then expands every nested deployment (which declares its own in turn). */
  declare(): void {
    for (const declaration of this.template.resources) this.declareResource(declaration, undefined);
    for (const instance of this.instances) {
      if (instance.type.toLowerCase() === DEPLOYMENTS) this.childOf(instance);
    }
  }

  /** This template's instances and, after each nested deployment, the instances of its template, in order. */
  *all(): Generator<Instance> {
    for (const instance of this.instances) {
      yield instance;
      if (instance.child instanceof TemplateRun) yield* instance.child.all();
    }
  }

  /** Evaluates an expression-bearing value; an error is returned rather than thrown. */
  private evaluateValue(raw: unknown, copy: CopyState | undefined): ArmValue | ExpressionError {
    try {
      return this.evaluator.evaluateJson(raw, copy === undefined ? {} : { copy });
    } catch (error) {
      if (error instanceof ExpressionError) return error;
      throw error;
    }
  }

  private declareResource(declaration: Declaration, parent: Instance | undefined): void {
    for (const iteration of this.iterations(declaration, parent)) {
      const instance = this.instanceOf(declaration, parent, iteration);
      this.instances.push(instance);
      this.expansion.register(instance);
      if (declaration.symbolicName !== undefined) {
        const list = this.bySymbol.get(declaration.symbolicName.toLowerCase()) ?? [];
        list.push(instance);
        this.bySymbol.set(declaration.symbolicName.toLowerCase(), list);
      }
      if (typeof instance.name === 'string' && !this.byName.has(instance.name.toLowerCase())) {
        this.byName.set(instance.name.toLowerCase(), instance);
      }
      for (const child of this.template.children.get(declaration.pointer) ?? [])
        this.declareResource(child, instance);
    }
  }

  /** The iterations of a resource's copy loop (one, without a loop), inside those of the resource it is nested in. */
  private iterations(
    declaration: Declaration,
    parent: Instance | undefined,
  ): { copy: CopyState | undefined; label: string; problem?: string }[] {
    const outer = parent?.copy;
    const label = parent?.copyLabel ?? '';
    const loop = member(declaration.raw, 'copy');
    if (loop === undefined || loop === null) return [{ copy: outer, label }];
    if (!isObject(loop))
      return [{ copy: outer, label, problem: "its 'copy' must be an object with a name and a count" }];
    const name = typeof loop['name'] === 'string' ? loop['name'] : '';
    const count = this.evaluateValue(loop['count'], outer);
    if (count instanceof ExpressionError) {
      return [
        {
          copy: outer,
          label: `${label}[*]`,
          problem: `its copy count cannot be evaluated: ${count.message}`,
        },
      ];
    }
    if (isUnknown(count)) return [{ copy: outer, label: `${label}[*]` }];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 800) {
      return [{ copy: outer, label: `${label}[*]`, problem: `its copy count must be an int from 0 to 800` }];
    }
    if (count === 0 && isModelledType(declaration.type)) {
      this.expansion.empty.push({
        declaration,
        key: this.keyPrefix + (declaration.symbolicName ?? `${declaration.type}/${nameText(declaration)}`),
        type: declaration.type,
        reason: `its copy loop '${name}' has a count of 0`,
      });
    }
    return Array.from({ length: count }, (_, index) => ({
      copy: { index, named: { ...(outer?.named ?? {}), [name]: index } },
      label: `${label}[${index}]`,
    }));
  }

  private instanceOf(
    declaration: Declaration,
    parent: Instance | undefined,
    iteration: { copy: CopyState | undefined; label: string; problem?: string },
  ): Instance {
    const raw = declaration.raw;
    const copy = iteration.copy;
    const read = (key: string): ArmValue | ExpressionError | undefined => {
      const found = findKey(raw as ArmObject, key);
      return found === undefined ? undefined : this.evaluateValue(raw[found], copy);
    };
    let type = declaration.type;
    let name: ArmValue | ExpressionError = read('name') ?? '';
    // A child nested in its parent names its type and name relative to the parent's.
    if (parent !== undefined && !/^[^/]*\./.test(type)) {
      type = `${parent.type}/${type}`;
      if (!(name instanceof ExpressionError)) name = joinName(parent.name, name);
    }
    const existing = member(raw, 'existing') === true;
    const conditionValue = read('condition');
    const condition: Tri =
      parent?.condition === false
        ? false
        : conditionValue === undefined
          ? (parent?.condition ?? true)
          : conditionValue instanceof ExpressionError
            ? new Unknown(`its condition cannot be evaluated: ${conditionValue.message}`)
            : typeof conditionValue === 'boolean' || isUnknown(conditionValue)
              ? conditionValue
              : new Unknown(`its condition is not a bool`);
    const instance: Instance = {
      run: this,
      declaration,
      copy,
      copyLabel: iteration.label,
      type,
      name: new Unknown('not read'),
      ownName: new Unknown('not read'),
      id: new Unknown('not read'),
      scope: new Unknown('not read'),
      existing,
      condition,
      key: '',
    };
    const scopeValue = read('scope');
    const isDeployment = type.toLowerCase() === DEPLOYMENTS;
    try {
      if (name instanceof ExpressionError)
        throw new IdentityError(`its name cannot be evaluated: ${name.message}`);
      if (scopeValue instanceof ExpressionError) {
        throw new IdentityError(`its scope cannot be evaluated: ${scopeValue.message}`);
      }
      if (isDeployment) this.identifyDeployment(instance, name, read);
      else {
        const identity = identify(type, name, scopeValue, this.scope);
        Object.assign(instance, identity);
        if (parent !== undefined) instance.parentId = parent.id;
        else if (isUnknown(identity.id) && identity.parentId === undefined)
          this.parentFromDependencies(instance);
      }
    } catch (error) {
      // buildResourceId reports a type that does not fit its names as a FunctionArgumentError.
      const expected =
        error instanceof IdentityError ||
        error instanceof ExpressionError ||
        error instanceof FunctionArgumentError;
      if (!expected) throw error;
      instance.problem = error.message;
    }
    if (iteration.problem !== undefined) instance.problem = iteration.problem;
    if (typeof instance.id !== 'string' && declaration.symbolicName !== undefined) {
      instance.referenceTarget = declaration.symbolicName + iteration.label;
    }
    instance.key =
      typeof instance.id === 'string'
        ? instance.id
        : parent !== undefined
          ? `${parent.key}/${declaration.type}/${nameText(declaration)}${iteration.label.slice(parent.copyLabel.length)}`
          : `${this.keyPrefix}${declaration.symbolicName ?? `${type}/${nameText(declaration)}`}${iteration.label}`;
    return instance;
  }

  /**
   * A nested deployment lives at the scope it deploys to (`resourceGroup`, `subscriptionId`, `scope`), as Bicep
   * builds a module's ID when it reads the module's outputs.
   */
  private identifyDeployment(
    instance: Instance,
    name: ArmValue,
    read: (key: string) => ArmValue | ExpressionError | undefined,
  ): void {
    if (typeof name !== 'string' && !isUnknown(name)) throw new IdentityError('its name must be a string');
    const value = (key: string): ArmValue | undefined => {
      const v = read(key);
      if (v instanceof ExpressionError)
        throw new IdentityError(`its ${key} cannot be evaluated: ${v.message}`);
      return v;
    };
    const target = nestedScope(this.scope, {
      name,
      resourceGroup: value('resourceGroup'),
      subscriptionId: value('subscriptionId'),
      location: value('location'),
      scope: value('scope'),
    });
    instance.target = target;
    instance.name = name;
    instance.ownName = name;
    instance.id = buildResourceId(scopeIdParts(target), 'Microsoft.Resources/deployments', [name]);
    instance.scope = instance.id;
  }

  /**
   * A child resource whose name cannot be evaluated (its parent's name is a parameter without a value) still
   * names its parent: Bicep always writes the parent among `dependsOn`. Its parent's ID then links it.
   */
  private parentFromDependencies(instance: Instance): void {
    const types = instance.type.split('/');
    if (types.length < 3) return;
    const parentType = types.slice(0, -1).join('/').toLowerCase();
    const dependsOn = member(instance.declaration.raw, 'dependsOn');
    if (!Array.isArray(dependsOn)) return;
    for (const entry of dependsOn) {
      if (typeof entry !== 'string') continue;
      const symbolic = this.bySymbol.get(entry.toLowerCase())?.[0];
      if (symbolic !== undefined) {
        if (symbolic.type.toLowerCase() === parentType) instance.parentId = symbolic.id;
        continue;
      }
      const value = this.evaluateValue(entry, instance.copy);
      const ref = typeof value === 'string' ? value : isUnknown(value) ? value.ref : undefined;
      if (
        ref?.toLowerCase().includes(`/providers/${parentType}/`) === true &&
        !/\/providers\/.*\/providers\//i.test(ref)
      ) {
        if (typeof value === 'string' || isUnknown(value)) instance.parentId = value;
        return;
      }
    }
  }

  /** The template of a nested deployment, read and declared on first use; undefined when there is none to read. */
  childOf(instance: Instance): TemplateRun | undefined {
    const state = instance.child;
    if (state instanceof TemplateRun) return state;
    if (state !== undefined) return undefined;
    if (instance.condition === false || instance.existing || instance.problem !== undefined) return undefined;
    const properties = valueOfKey(instance.declaration.raw, 'properties');
    if (!isObject(properties)) {
      instance.child = { skipped: 'its properties are not an object the adapter can read' };
      return undefined;
    }
    const template = valueOfKey(properties, 'template');
    if (!isObject(template)) {
      instance.child = {
        skipped:
          valueOfKey(properties, 'templateLink') !== undefined
            ? 'a linked template (templateLink) is not read: scan the linked template, or its compiled form, on its own'
            : 'it has no template',
      };
      return undefined;
    }
    instance.child = 'building';
    const propertiesKey = findKey(instance.declaration.raw as ArmObject, 'properties') ?? 'properties';
    const templatePointer = `${instance.declaration.pointer}/${propertiesKey}/${findKey(properties as ArmObject, 'template') ?? 'template'}`;
    const sections = readTemplate(template, templatePointer, this.expansion.document);
    const options = valueOfKey(properties, 'expressionEvaluationOptions');
    const scopeOption = isObject(options) ? valueOfKey(options, 'scope') : undefined;
    const inner = typeof scopeOption === 'string' && scopeOption.toLowerCase() === 'inner';
    const target = instance.target ?? this.scope;
    const name = typeof instance.name === 'string' ? instance.name : instance.key;
    const prefix = `${this.keyPrefix}${name}${instance.copyLabel}/`;
    const run = inner
      ? new TemplateRun(
          this.expansion,
          sections,
          target,
          prefix,
          (child) =>
            child.innerEvaluation(
              this.passedParameters(instance, properties),
              (n) => `deployment(${name.toLowerCase()}).parameters('${n}')`,
            ),
          instance,
        )
      : // An outer-scope template is evaluated as part of its parent: the parent's parameters and variables.
        new TemplateRun(
          this.expansion,
          sections,
          target,
          prefix,
          { evaluator: this.evaluator, origins: this.origins },
          instance,
        );
    instance.child = run;
    run.declare();
    return run;
  }

  /** The parameters a nested deployment passes to its template: values evaluated here, or Key Vault references. */
  private passedParameters(instance: Instance, properties: JsonObject): Map<string, GivenParameter> {
    const given = new Map<string, GivenParameter>();
    const section = valueOfKey(properties, 'parameters');
    if (!isObject(section)) return given;
    const base = `${instance.declaration.pointer}/properties/parameters`;
    for (const [name, entry] of Object.entries(section)) {
      const at = `${base}${jsonPointer([name])}`;
      const keyVault = keyVaultReference(entry);
      if (keyVault !== undefined) {
        given.set(name.toLowerCase(), { value: keyVault, origin: { kind: 'outside' } });
        continue;
      }
      if (!isObject(entry) || !('value' in entry)) {
        given.set(name.toLowerCase(), {
          value: new Unknown(`parameter '${name}' is passed in a form the adapter does not read`),
          origin: { kind: 'unknown' },
        });
        continue;
      }
      const raw = entry['value'];
      const value = this.evaluateResilient(raw, instance.copy, `${at}/value`);
      given.set(name.toLowerCase(), {
        value,
        origin: originOf(raw, `${at}/value`, value, this.origins) ?? { kind: 'code', pointer: `${at}/value` },
      });
    }
    return given;
  }

  /**
   * The resource's values, evaluated once: an expression error in one property makes that property unknown,
   * naming the error and where it is, and keeps the rest.
   */
  body(instance: Instance): ArmObject | undefined {
    if (instance.body === 'evaluating') return undefined;
    if (instance.body !== undefined) return instance.body;
    instance.body = 'evaluating';
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(instance.declaration.raw)) {
      if (NOT_VALUES.has(key.toLowerCase())) continue;
      raw[key] =
        key.toLowerCase() === 'properties' && instance.type.toLowerCase() === DEPLOYMENTS && isObject(value)
          ? withoutKey(value, 'template')
          : value;
    }
    const value = this.evaluateResilient(raw, instance.copy, instance.declaration.pointer);
    const body = isArmObject(value) ? value : {};
    instance.body = body;
    return body;
  }

  /**
   * Evaluates a value of the template at `pointer`: a string that fails is evaluated part by part where it builds
   * objects (recover.ts), and what still fails is unknown, naming the error and where it is.
   */
  private evaluateResilient(raw: unknown, copy: CopyState | undefined, pointer: string): ArmValue {
    return this.evaluator.evaluateJson(raw, {
      ...(copy === undefined ? {} : { copy }),
      onError: (error) => {
        const describe = (e: ExpressionError): string =>
          `cannot evaluate ${pointer}${jsonPointer(error.jsonPath)}: ${e.message}`;
        const text = rawAt(raw, error.jsonPath);
        return typeof text === 'string'
          ? evaluateRecovering(this.evaluator, text, copy, describe)
          : new Unknown(describe(error));
      },
    });
  }

  /** The template's outputs by name, each `{ type, value }`, evaluated once. */
  outputs(): ArmObject | undefined {
    if (this.outputsState === 'building') return undefined;
    if (this.outputsState !== undefined) return this.outputsState;
    this.outputsState = 'building';
    const outputs: ArmObject = {};
    for (const [name, output] of Object.entries(this.template.outputs)) {
      if (!isObject(output)) continue;
      const at = `${this.template.pointer}/outputs${jsonPointer([name])}`;
      const onError = (error: ExpressionError): ArmValue =>
        new Unknown(`cannot evaluate ${at}${jsonPointer(error.jsonPath)}: ${error.message}`);
      const loop = valueOfKey(output, 'copy');
      let value: ArmValue;
      if (isObject(loop)) {
        const count = this.evaluator.evaluateJson(loop['count'], { onError });
        value =
          typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= 800
            ? Array.from({ length: count }, (_, index) =>
                this.evaluator.evaluateJson(loop['input'], { copy: { index }, onError }),
              )
            : new Unknown(isUnknown(count) ? count.reason : `output '${name}' has no valid copy count`);
      } else {
        value = this.evaluator.evaluateJson(valueOfKey(output, 'value'), { onError });
      }
      outputs[name] = { type: typeof output['type'] === 'string' ? output['type'] : 'object', value };
    }
    this.outputsState = outputs;
    return outputs;
  }

  /** `resourceInfo(name)`, and the ID `reference(name)` refers to: by symbolic name (`aks`, `aks[2]`) or resource name. */
  private resourceInfo(name: string): ArmValue | undefined {
    const instance = this.lookup(name);
    if (instance === undefined) return undefined;
    const apiVersion = member(instance.declaration.raw, 'apiVersion');
    return {
      id: instance.id,
      name: instance.name,
      type: instance.type,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : null,
    };
  }

  private lookup(name: string): Instance | undefined {
    const lower = name.toLowerCase();
    const indexed = /^(.*)\[(\d+)\]$/.exec(lower);
    if (indexed?.[1] !== undefined) {
      const list = this.bySymbol.get(indexed[1]);
      const index = Number(indexed[2]);
      if (list !== undefined) return list.find((i) => i.copy?.index === index) ?? list[index];
    }
    const symbols = this.bySymbol.get(lower);
    if (symbols !== undefined) return symbols.length === 1 ? symbols[0] : undefined;
    return this.byName.get(lower);
  }

  /**
   * What `reference()` reads, where the inputs tell it: a nested deployment's outputs, and a kubelet identity the
   * template sets itself. A principal, client or object ID of a resource the template creates is a distinct
   * unknown; of one that exists before (declared `existing`, or not declared at all), an existing unknown.
   */
  private resolveReference(request: ReferenceRequest): ArmValue | undefined {
    const instance =
      request.resourceId !== undefined
        ? this.expansion.find(request.resourceId)
        : request.target.startsWith('/')
          ? this.expansion.find(request.target)
          : this.lookup(request.target);
    const path = request.full ? stripProperties(request.path) : request.path;
    const last = request.path[request.path.length - 1];
    const identifier = typeof last === 'string' && IDENTIFIERS.has(last.toLowerCase());
    if (instance === undefined) {
      const declaredTarget =
        request.resourceId ?? (request.target.startsWith('/') ? request.target : undefined);
      return identifier && declaredTarget !== undefined
        ? new Unknown(READ_AT_DEPLOYMENT, request.ref, false, true)
        : undefined;
    }
    if (instance.existing)
      return identifier ? new Unknown(READ_AT_DEPLOYMENT, request.ref, false, true) : undefined;
    if (instance.type.toLowerCase() === DEPLOYMENTS && path?.[0] !== undefined && isKey(path[0], 'outputs')) {
      const outputs = instance.run.childOf(instance)?.outputs();
      return outputs === undefined ? undefined : readPath(outputs, path.slice(1));
    }
    if (
      instance.type.toLowerCase() === 'microsoft.containerservice/managedclusters' &&
      path?.[0] !== undefined &&
      isKey(path[0], 'identityProfile')
    ) {
      // Only what the template itself writes there: an unknown (an expression that failed) says nothing.
      const body = instance.run.body(instance);
      const set = body === undefined ? undefined : valueAt(body, ['properties', ...path]);
      if (set !== undefined && set !== null && (!isUnknown(set) || set.ref !== undefined)) return set;
    }
    return identifier ? new Unknown(KNOWN_AFTER_DEPLOYMENT, request.ref, true) : undefined;
  }
}

function isKey(segment: PathSegment, name: string): boolean {
  return typeof segment === 'string' && segment.toLowerCase() === name.toLowerCase();
}

/** A full-mode path (`properties.outputs`) as the path under `properties`; undefined when it reads elsewhere. */
function stripProperties(path: readonly PathSegment[]): readonly PathSegment[] | undefined {
  const [head, ...rest] = path;
  return head !== undefined && isKey(head, 'properties') ? rest : undefined;
}

/** The value at a path, or undefined when the path does not exist; an unknown on the way is read into. */
function readPath(value: ArmValue, path: readonly PathSegment[]): ArmValue | undefined {
  const found = valueAt(value, path);
  return found === undefined ? undefined : found;
}

/** The value at a JSON path of a value as written. */
function rawAt(value: unknown, path: readonly (string | number)[]): unknown {
  let at = value;
  for (const segment of path) {
    if (Array.isArray(at) && typeof segment === 'number') at = at[segment];
    else if (isObject(at) && typeof segment === 'string') at = at[segment];
    else return undefined;
  }
  return at;
}

function joinName(parent: Value<string>, child: ArmValue): ArmValue {
  if (typeof parent === 'string' && typeof child === 'string') return `${parent}/${child}`;
  const unknown = isUnknown(parent) ? parent : isUnknown(child) ? child : undefined;
  return new Unknown(unknown?.reason ?? 'its name is not a string');
}

const valueOfKey = member;

/** The name as written, for keys of resources whose ID is unknown: stable across runs. */
function nameText(declaration: Declaration): string {
  const name = member(declaration.raw, 'name');
  if (typeof name === 'string') return name;
  return name === undefined ? '' : JSON.stringify(name);
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(object)) if (k.toLowerCase() !== key.toLowerCase()) out[k] = v;
  return out;
}
