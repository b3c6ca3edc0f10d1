import type { Entity, EntitySource, InputFormat, SkippedResource } from '../../model/entities.js';
import { isUnknown, Unknown, unknownOrigin, type Value } from '../../model/unknown.js';
import type { JsonDocument } from '../json-file.js';
import { isObject } from '../json-value.js';
import type { AdapterOutput } from '../adapter-output.js';
import {
  isExpressionText,
  type ArmObject,
  type ArmValue,
  type DeploymentScopeOptions,
} from './expressions/index.js';
import { armAdapterOutput, type SeparatePool } from './mapping/arm-output.js';
import { valueAt, type ArmResource, type MappingHints } from './mapping/arm-resource.js';
import { AGENT_POOL_TYPE, buildEntity, entityKindOf, isModelledType } from './mapping/build-entity.js';
import { originOf } from './origin.js';
import { BicepSourceMap } from './bicep-source.js';
import { callerParameters } from './parameters.js';
import { redactEvaluated } from './redact-evaluated.js';
import { rootScope, scopeKindOfSchema } from './run-scope.js';
import { SourceLocator } from './source-locator.js';
import { member, readTemplate } from './template-document.js';
import { Expansion, READ_AT_DEPLOYMENT, TemplateRun, type Instance } from './template-run.js';

export interface ArmInputOptions {
  /** Absolute path of the template file. */
  path: string;
  /** Absolute path that reported file names are relative to. */
  repoRoot: string;
  /**
   * Parameter values by name, already merged from parameter files and `--param name=value` (later wins). A value
   * is the parameter's value itself; a Key Vault reference is given as a parameter file writes it,
   * `{ "reference": { "keyVault": { "id": … }, "secretName": … } }`, and reads as unknown. Text given for an int
   * or bool parameter is converted. Names the template does not declare are ignored, as they change nothing.
   */
  parameters?: Record<string, unknown>;
  /**
   * What `resourceGroup()`, `subscription()`, `managementGroup()`, `tenant()` and `deployment()` return. Parts not
   * given are placeholders (SCOPE_PLACEHOLDERS in the evaluator: zero GUIDs, `resource-group`, `location`,
   * `deployment`): IDs built from them stay well-formed and join each other, but are not the real ones. `kind`
   * defaults to the deployment scope the template's `$schema` names.
   */
  scope?: DeploymentScopeOptions;
  /** The .bicep file the template was compiled from: findings point at its lines (and its modules'). */
  bicepSource?: string;
  /**
   * False when the document is a template compiled in memory (from a .bicep or .bicepparam file): its lines are in no
   * file the user has, so they are not given as source lines.
   */
  documentIsSource?: boolean;
}

const FORMAT: InputFormat = 'arm-template';

/**
 * What a template's scope functions return when the user does not say (`--deployment-scope`): the subscription,
 * tenant and resource group exist already but are not known, so IDs built from them are unknown too. They still join
 * one another (the same expression names the same value), and a literal ID elsewhere is not taken as different.
 */
export function unknownDeploymentScope(): DeploymentScopeOptions {
  // Named as the template reads them, so that every ID built from one of them names the same value.
  const existing = (what: string, ref: string): Unknown =>
    new Unknown(
      `not known: the ${what} the template is deployed to (give it with --deployment-scope)`,
      ref,
      false,
      true,
    );
  return {
    tenantId: existing('tenant', 'subscription().tenantId'),
    subscriptionId: existing('subscription', 'subscription().subscriptionId'),
    resourceGroupName: existing('resource group', 'resourceGroup().name'),
  };
}

const COMPILED_NOTE = 'the template was compiled in memory from Bicep whose .bicep file is not known';

/**
 * An ARM template (compiled Bicep or hand-written; resource group, subscription, management group or tenant
 * deployment; languageVersion 2.0 with symbolic names) to model entities. A template states what will exist, so
 * every entity's change is `create`: a template cannot tell an update from a creation, and a resource that exists
 * already is redeployed with exactly these values.
 *
 * Nested deployments (Bicep modules) are expanded with their parameters; a parent reads their outputs. Copy
 * loops are expanded; a resource whose `condition` is false is skipped with the reason, one whose condition is
 * unknown is kept (it may be deployed, so it is checked). `existing` resources are references, not entities: the
 * template neither creates nor configures them, so the model would only hold unknowns for them; reading them
 * gives values that exist before the deployment (see template-run.ts). Linked templates (`templateLink`) are
 * listed as skipped.
 */
export function readArmTemplate(document: JsonDocument, options: ArmInputOptions): Promise<AdapterOutput> {
  // Adapters share an asynchronous signature (others read source files); a template is read in memory, and an
  // input error becomes a rejection as it does for them.
  return Promise.resolve().then(() => expandTemplate(document, options));
}

async function expandTemplate(document: JsonDocument, options: ArmInputOptions): Promise<AdapterOutput> {
  const locator = new SourceLocator(document.text, document.file);
  const context = { file: document.file, locator };
  const template = readTemplate(document.value, '', context);
  const kind = options.scope?.kind ?? scopeKindOfSchema(template.schema) ?? 'resourceGroup';
  const expansion = new Expansion(context);
  const root = TemplateRun.root(
    expansion,
    template,
    rootScope(kind, options.scope),
    callerParameters(options.parameters),
  );
  root.declare();

  const secrets = new Set<string>(expansion.secureValues);
  const entities: Entity[] = [];
  const skipped: SkippedResource[] = [];
  const unsupported: Record<string, number> = {};
  const pools: SeparatePool[] = [];
  const sourceOf = entitySources(document.file, options, locator);
  const skip = (address: string, type: string, reason: string): void => {
    skipped.push({ file: document.file, address, type, reason });
  };

  for (const instance of root.all()) {
    const type = instance.type;
    if (type.toLowerCase() === 'microsoft.resources/deployments') {
      readDeployment(instance, skip);
      continue;
    }
    const entityKind = entityKindOf(type);
    if (instance.existing) {
      const identity =
        entityKind === 'managedIdentity' ? await existingIdentity(instance, sourceOf) : undefined;
      if (identity === undefined) count(unsupported, `${type} (existing)`);
      else entities.push(identity);
      continue;
    }
    if (!isModelledType(type)) {
      if (instance.condition !== false) count(unsupported, type);
      continue;
    }
    if (instance.problem !== undefined) {
      skip(instance.key, type, `it cannot be read: ${instance.problem}`);
      continue;
    }
    if (instance.condition === false) {
      skip(instance.key, type, `its condition is false: ${conditionText(instance)}`);
      continue;
    }
    const body = instance.run.body(instance) ?? {};
    const resource = armResource(instance, body);
    if (type.toLowerCase() === AGENT_POOL_TYPE) {
      pools.push({ resource, address: instance.key, type });
      continue;
    }
    if (entityKind === undefined) continue;
    const source = await sourceOf(instance);
    if (entityKind === 'cluster') resource.hints = clusterHints(instance, body, source, locator, secrets);
    const raw = redactEvaluated(body, expansion.secureValues, (s) => secrets.add(s));
    entities.push(buildEntity(entityKind, resource, { key: instance.key, source, raw, action: 'create' }));
  }
  for (const empty of expansion.empty) skip(empty.key, empty.type, empty.reason);

  return armAdapterOutput({
    file: document.file,
    format: FORMAT,
    inputName: 'template',
    entities,
    pools,
    skipped,
    secrets,
    unsupported,
  });
}

/**
 * Where an entity is declared: the .bicep lines when the template was compiled from Bicep source and the resource
 * is found there (else the reason it is not); without Bicep, the template is the source and the resource's lines in
 * it are the declaration.
 */
function entitySources(
  file: string,
  options: ArmInputOptions,
  locator: SourceLocator,
): (instance: Instance) => Promise<EntitySource> {
  const bicep =
    options.bicepSource === undefined
      ? undefined
      : new BicepSourceMap({ entry: options.bicepSource, repoRoot: options.repoRoot });
  return async (instance) => {
    const source: EntitySource = { format: FORMAT, file, pointer: instance.declaration.pointer };
    const found = bicep === undefined ? { note: COMPILED_NOTE } : await bicep.locate(instance);
    if ('location' in found) {
      source.declaration = found.location;
      return source;
    }
    // Not found in Bicep (or there is none): the template's own lines, when the template is a file the user has.
    const lines = options.documentIsSource === false ? undefined : locator.location(source.pointer);
    if (lines !== undefined) source.declaration = lines;
    if (bicep !== undefined || lines === undefined) source.declarationNote = found.note;
    return source;
  };
}

function count(counts: Record<string, number>, type: string): void {
  counts[type] = (counts[type] ?? 0) + 1;
}

/**
 * A nested deployment is structure, not a resource: its template's resources are read in its place. When there is
 * no template to read (a linked template), or it is not deployed, its resources of modelled types are skipped.
 */
function readDeployment(
  instance: Instance,
  skip: (address: string, type: string, reason: string) => void,
): void {
  if (instance.existing) return;
  if (instance.problem !== undefined) {
    skip(instance.key, instance.type, `this nested deployment cannot be read: ${instance.problem}`);
    return;
  }
  if (instance.condition === false) {
    const reason = `its deployment ${instance.key} has a condition that is false: ${conditionText(instance)}`;
    for (const inner of modelledResourcesIn(instance.declaration.raw))
      skip(`${instance.key}/${inner.name}`, inner.type, reason);
    return;
  }
  const child = instance.run.childOf(instance);
  if (child === undefined && typeof instance.child === 'object' && 'skipped' in instance.child) {
    skip(instance.key, instance.type, instance.child.skipped);
  }
}

/** Resources of modelled types in a nested template as written (not evaluated: the deployment is not deployed). */
function modelledResourcesIn(deployment: Record<string, unknown>): { type: string; name: string }[] {
  const properties = deployment['properties'];
  const template = isObject(properties) ? properties['template'] : undefined;
  const resources = isObject(template) ? template['resources'] : undefined;
  const list = Array.isArray(resources) ? resources : isObject(resources) ? Object.values(resources) : [];
  const found: { type: string; name: string }[] = [];
  for (const resource of list) {
    if (!isObject(resource) || typeof resource['type'] !== 'string') continue;
    if (isModelledType(resource['type']))
      found.push({ type: resource['type'], name: String(resource['name']) });
    if (resource['type'].toLowerCase() === 'microsoft.resources/deployments')
      found.push(...modelledResourcesIn(resource));
  }
  return found;
}

function conditionText(instance: Instance): string {
  const condition = member(instance.declaration.raw, 'condition');
  if (typeof condition === 'string') return condition;
  if (typeof condition === 'boolean') return String(condition);
  return 'the resource it is nested in is not deployed';
}

/**
 * An `existing` user-assigned identity is read, not deployed: it is an entity (change `read`) because clusters run as
 * such identities and role assignments name their principals, and only an identity entity lets the linker join
 * them. Its principal and client IDs exist before the deployment. Other existing resources are not entities: the
 * template does not configure them, so their fields would all be unknown and every policy on them indeterminate.
 */
async function existingIdentity(
  instance: Instance,
  sourceOf: (instance: Instance) => Promise<EntitySource>,
): Promise<Entity | undefined> {
  if (instance.problem !== undefined || instance.condition === false) return undefined;
  const body = instance.run.body(instance) ?? {};
  const resource: ArmResource = {
    ...armResource(instance, body),
    created: false,
    runtimeReason: READ_AT_DEPLOYMENT,
  };
  const source = await sourceOf(instance);
  const raw = redactEvaluated(body, instance.run.expansion.secureValues, () => undefined);
  return buildEntity('managedIdentity', resource, { key: instance.key, source, raw, action: 'read' });
}

function armResource(instance: Instance, body: ArmObject): ArmResource {
  const resource: ArmResource = {
    type: instance.type,
    id: instance.id,
    name: instance.ownName,
    body,
    scope: instance.scope,
    created: true,
    runtimeReason: 'known after deployment',
  };
  if (instance.parentId !== undefined) resource.parentId = instance.parentId;
  if (instance.referenceTarget !== undefined) resource.referenceTarget = instance.referenceTarget;
  return resource;
}

/** What only the template can tell about a cluster: where its secret comes from, whose kubelet identity it is. */
function clusterHints(
  instance: Instance,
  body: ArmObject,
  source: EntitySource,
  locator: SourceLocator,
  secrets: Set<string>,
): MappingHints {
  const kubelet = valueAt(body, ['properties', 'identityProfile', 'kubeletidentity']);
  // A template that sets the kubelet identity brings its own: AKS makes one only when none is given.
  const hints: MappingHints = {
    customKubelet: isUnknown(kubelet)
      ? new Unknown(kubelet.reason)
      : kubelet !== undefined && kubelet !== null,
  };
  const secret = valueAt(body, ['properties', 'servicePrincipalProfile', 'secret']);
  if (typeof secret === 'string' && secret !== '') secrets.add(secret);
  if (secret !== undefined && secret !== null && secret !== '') {
    const written = rawAt(
      instance.declaration.raw,
      ['properties', 'servicePrincipalProfile', 'secret'],
      instance.declaration.pointer,
    );
    const origin =
      written === undefined
        ? undefined
        : originOf(written.value, written.pointer, secret, instance.run.origins);
    if (origin?.kind === 'code') {
      hints.secretInCode = true;
      const location = origin.pointer === undefined ? undefined : locator.location(origin.pointer);
      if (location !== undefined) source.fieldLocations = { 'servicePrincipal.secretInCode': location };
    } else if (origin?.kind === 'outside') hints.secretInCode = false;
    else
      hints.secretInCode = unknownOrigin(
        'the client secret comes from an expression the template does not resolve',
      );
  } else {
    hints.secretInCode = false;
  }
  const ids = identityKeysOneByOne(instance, body);
  if (ids !== undefined) hints.userAssignedIdentityIds = ids;
  return hints;
}

/**
 * The value written at a path of a resource as the template writes it, and its pointer; where the path runs into
 * an expression (a whole `properties` built by one expression), that expression.
 */
function rawAt(
  raw: Record<string, unknown>,
  path: readonly string[],
  pointer: string,
): { value: unknown; pointer: string } | undefined {
  let value: unknown = raw;
  let at = pointer;
  for (const segment of path) {
    if (typeof value === 'string' && isExpressionText(value)) return { value, pointer: at };
    if (!isObject(value)) return undefined;
    const key = Object.keys(value).find((k) => k.toLowerCase() === segment.toLowerCase());
    if (key === undefined) return undefined;
    value = value[key];
    at = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return { value, pointer: at };
}

/**
 * The keys of `identity.userAssignedIdentities` read one by one: an object with a key the evaluator cannot know
 * (a parameter without a value) is unknown as a whole, but each key is still an ID named after its parts.
 */
function identityKeysOneByOne(instance: Instance, body: ArmObject): Value<Value<string>[]> | undefined {
  const evaluated = valueAt(body, ['identity', 'userAssignedIdentities']);
  if (!isUnknown(evaluated) || evaluated.ref !== undefined) return undefined;
  const written = rawAt(
    instance.declaration.raw,
    ['identity', 'userAssignedIdentities'],
    instance.declaration.pointer,
  );
  if (written === undefined || !isObject(written.value)) return undefined;
  const ids: Value<string>[] = [];
  for (const key of Object.keys(written.value)) {
    let id: ArmValue;
    try {
      id = instance.run.evaluator.evaluate(key, instance.copy === undefined ? {} : { copy: instance.copy });
    } catch {
      return undefined;
    }
    if (typeof id === 'string' || isUnknown(id)) ids.push(id);
    else ids.push(new Unknown('a user-assigned identity key is not a string'));
  }
  return ids;
}
