import type {
  ChangeAction,
  Entity,
  EntitySource,
  InputFormat,
  SkippedResource,
} from '../../model/entities.js';
import { isUnknown, Unknown } from '../../model/unknown.js';
import type { ArmObject } from '../arm/expressions/index.js';
import { armAdapterOutput, type SeparatePool } from '../arm/mapping/arm-output.js';
import { valueAt, type ArmResource } from '../arm/mapping/arm-resource.js';
import { AGENT_POOL_TYPE, buildEntity, entityKindOf, isModelledType } from '../arm/mapping/build-entity.js';
import { splitResourceId } from '../arm/mapping/resource-id.js';
import { redactEvaluated } from '../arm/redact-evaluated.js';
import type { JsonDocument } from '../json-file.js';
import type { AdapterOutput } from '../adapter-output.js';
import { readChanges, type ChangeType, type WhatIfChange } from './changes.js';
import { LeftoverExpressions } from './leftover-expressions.js';

export interface WhatIfInputOptions {
  /** Absolute path of the what-if result file. */
  path: string;
  /** Absolute path that reported file names are relative to. */
  repoRoot: string;
}

const FORMAT: InputFormat = 'arm-whatif';

const DECLARATION_NOTE = 'a what-if result does not say where a resource is declared';

/**
 * What each change type plans. Deploy is what-if's answer when it cannot compare (the ResourceIdOnly result
 * format): the resource exists and is deployed again with the template's values, so it is an update that may or
 * may not change anything. Ignore (a resource the template does not touch, or beyond what-if's limits) and
 * Unsupported (what-if cannot predict it) plan nothing this tool can read: skipped, with the reason.
 */
const ACTIONS: Partial<Record<ChangeType, ChangeAction>> = {
  Create: 'create',
  Delete: 'delete',
  Modify: 'update',
  Deploy: 'update',
  NoChange: 'none',
};

/**
 * An ARM what-if result (`az deployment group|sub what-if --no-pretty-print -o json`, or the REST response) to model
 * entities, mapped as the ARM template adapter maps template resources (mapping/). Values are evaluated already;
 * values Azure computes at deployment that a Create leaves out are unknowns named as `reference()` names them.
 */
export function readWhatIf(
  document: JsonDocument,
  // Adapters share their options and an asynchronous signature (others read source files); a what-if result needs
  // neither, and an input error becomes a rejection as it does for them.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  _options: WhatIfInputOptions,
): Promise<AdapterOutput> {
  return Promise.resolve().then(() => mapChanges(document));
}

function mapChanges(document: JsonDocument): AdapterOutput {
  const changes = readChanges(document.value, document.file);
  const expressions = new LeftoverExpressions(changes);
  const secrets = new Set<string>();
  const entities: Entity[] = [];
  const skipped: SkippedResource[] = [];
  const unsupported: Record<string, number> = {};
  const pools: SeparatePool[] = [];
  const noSecureValues = new Set<string>();

  for (const change of changes) {
    const type = resourceType(change);
    const skip = (reason: string): void => {
      skipped.push({ file: document.file, address: change.resourceId, type, reason });
    };
    if (!isModelledType(type)) {
      if (change.changeType !== 'Ignore') unsupported[type] = (unsupported[type] ?? 0) + 1;
      continue;
    }
    const action = change.changeType === undefined ? undefined : ACTIONS[change.changeType];
    if (action === undefined) {
      skip(skipReason(change));
      continue;
    }
    const deleting = action === 'delete';
    const values = deleting ? change.before : change.after;
    if (values === undefined) {
      skip(
        `the what-if result has no values for it (${change.rawChangeType} without '${deleting ? 'before' : 'after'}'): run what-if with the full resource payloads result format`,
      );
      continue;
    }
    const side = deleting ? 'before' : 'after';
    const pointer = `${change.pointer}/${side}`;
    const body = expressions.evaluate(values, change.resourceId, pointer);
    const current = armResource(change, type, body, change.changeType === 'Create');
    if (type.toLowerCase() === AGENT_POOL_TYPE) {
      pools.push({ resource: current, address: change.resourceId, type });
      continue;
    }
    const kind = entityKindOf(type);
    if (kind === undefined) continue;
    const previous =
      deleting || change.before === undefined
        ? undefined
        : armResource(
            change,
            type,
            expressions.evaluate(change.before, change.resourceId, `${change.pointer}/before`),
            false,
          );
    if (previous !== undefined) redactEvaluated(previous.body, noSecureValues, (s) => secrets.add(s));
    const source: EntitySource = {
      format: FORMAT,
      file: document.file,
      pointer,
      declarationNote: DECLARATION_NOTE,
    };
    const raw = redactEvaluated(body, noSecureValues, (s) => secrets.add(s));
    entities.push(buildEntity(kind, current, { key: change.resourceId, source, raw, action }, previous));
  }

  return armAdapterOutput({
    file: document.file,
    format: FORMAT,
    inputName: 'what-if result',
    entities,
    pools,
    skipped,
    secrets,
    unsupported,
  });
}

function skipReason(change: WhatIfChange): string {
  switch (change.changeType) {
    case 'Ignore':
      return 'what-if ignores it: the resource exists but the template does not deploy it, or it is beyond the limits of what-if';
    case 'Unsupported':
      return `what-if cannot predict its change${change.unsupportedReason === undefined ? '' : `: ${change.unsupportedReason}`}`;
    default:
      return `unrecognised changeType '${change.rawChangeType}'`;
  }
}

/** The resource's type as its values state it, else as its ID tells. */
function resourceType(change: WhatIfChange): string {
  for (const values of [change.after, change.before]) {
    const type = values?.['type'];
    if (typeof type === 'string' && type !== '') return type;
  }
  return splitResourceId(change.resourceId)?.type ?? 'unknown';
}

/**
 * The resource as the what-if result states it. A result without `properties` (an abbreviated payload) does not
 * say how the resource is configured: its properties, and a cluster's identity, are unknown rather than absent.
 */
function armResource(change: WhatIfChange, type: string, body: ArmObject, created: boolean): ArmResource {
  const reason = "the what-if result does not include the resource's properties";
  if (valueAt(body, ['properties']) === undefined) {
    body['properties'] = new Unknown(reason);
    if (entityKindOf(type) === 'cluster' && valueAt(body, ['identity']) === undefined)
      body['identity'] = new Unknown(reason);
  }
  const names = splitResourceId(change.resourceId)?.names;
  const name = names?.[names.length - 1] ?? valueAt(body, ['name']);
  const resource: ArmResource = {
    type,
    id: change.resourceId,
    name: typeof name === 'string' || isUnknown(name) ? name : '',
    body,
    created,
    runtimeReason: created ? 'known after deployment' : 'not in the what-if result',
  };
  const kubelet = valueAt(body, ['properties', 'identityProfile', 'kubeletidentity']);
  // The `after` of a Create is the template's resource: a kubelet identity in it is the user's own.
  if (created && kubelet !== undefined && kubelet !== null && !isUnknown(kubelet))
    resource.hints = { customKubelet: true };
  return resource;
}
