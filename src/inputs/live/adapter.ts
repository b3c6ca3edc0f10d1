import type { Entity, EntitySource, InputFormat, SkippedResource } from '../../model/entities.js';
import { azurePortalUrl } from '../../model/portal.js';
import type { AdapterOutput } from '../adapter-output.js';
import type { ArmObject, ArmValue } from '../arm/expressions/index.js';
import { armAdapterOutput, type SeparatePool } from '../arm/mapping/arm-output.js';
import type { ArmResource } from '../arm/mapping/arm-resource.js';
import { AGENT_POOL_TYPE, buildEntity, entityKindOf, isModelledType } from '../arm/mapping/build-entity.js';
import { redactEvaluated } from '../arm/redact-evaluated.js';
import { linesOfPointers } from '../../util/json-pointer-lines.js';
import { InputError } from '../input-error.js';
import type { JsonDocument } from '../json-file.js';
import { liveResources, type LiveResource } from './live-resources.js';
import type { QueriedResource } from './query/live-query.js';

const FORMAT: InputFormat = 'live-state';

/** Live state has no source lines: the resource is named by its ID, with where a reviewer can open it. */
function declarationNote(id: string): string {
  return `live state, in the Azure portal at ${azurePortalUrl(id)}`;
}

/** What Azure has, not what code plans: values the input leaves out exist already but are not known. */
const NOT_IN_INPUT = 'not in the live state read';

/**
 * Live state (`az aks show`/`list`, `az role assignment list`, `az identity show`/`list`, `az identity
 * federated-credential list`, `az acr show`, REST GETs and lists, Azure PowerShell's JSON) to model entities,
 * mapped as ARM resources are (arm/mapping/). Every entity exists as it is: its change is `none`, with no before
 * state. A service-principal secret in it is live configuration, not code, and is scrubbed from every output.
 */
export function readLiveState(document: JsonDocument): Promise<AdapterOutput> {
  return Promise.resolve().then(() => mapLiveState(document));
}

/**
 * What a live query read, as one input per list it came from (`/subscriptions/<id>/providers/...`, a Resource
 * Graph table): the same mapping as a file of that list would get.
 */
export function readQueriedState(resources: readonly QueriedResource[]): AdapterOutput[] {
  const byList = new Map<string, unknown[]>();
  for (const r of resources) {
    const list = byList.get(r.from);
    if (list === undefined) byList.set(r.from, [r.value]);
    else list.push(r.value);
  }
  return [...byList].map(([from, values]) => mapLiveState({ file: from, text: '', value: values }));
}

function mapLiveState(document: JsonDocument): AdapterOutput {
  const secrets = new Set<string>();
  const entities: Entity[] = [];
  const skipped: SkippedResource[] = [];
  const unsupported: Record<string, number> = {};
  const pools: SeparatePool[] = [];
  const noSecureValues = new Set<string>();

  for (const live of resourcesOf(document)) {
    if (!isModelledType(live.type)) {
      unsupported[live.type] = (unsupported[live.type] ?? 0) + 1;
      continue;
    }
    const resource = armResource(live);
    if (live.type.toLowerCase() === AGENT_POOL_TYPE) {
      pools.push({ resource, address: live.id, type: live.type });
      continue;
    }
    const kind = entityKindOf(live.type);
    if (kind === undefined) continue;
    if (kind === 'cluster') resource.hints = { secretInCode: false };
    const source: EntitySource = {
      format: FORMAT,
      file: document.file,
      pointer: live.pointer,
      declarationNote: declarationNote(live.id),
    };
    const raw = redactEvaluated(resource.body, noSecureValues, (s) => secrets.add(s));
    entities.push(buildEntity(kind, resource, { key: live.id, source, raw, action: 'none' }));
  }

  return armAdapterOutput({
    file: document.file,
    format: FORMAT,
    inputName: 'input',
    entities,
    pools,
    skipped,
    secrets,
    unsupported,
  });
}

/** The document's resources; a malformed one is reported at its line as well as its JSON pointer. */
function resourcesOf(document: JsonDocument): LiveResource[] {
  try {
    return liveResources(document.value, document.file);
  } catch (error) {
    const pointer = error instanceof InputError ? error.location.pointer : undefined;
    if (pointer === undefined || !(error instanceof InputError)) throw error;
    // The pointer may name a key that is missing: the line is that of the nearest object holding it.
    const candidates = [pointer, pointer.replace(/\/[^/]*$/, '')];
    const lines = linesOfPointers(document.text, new Set(candidates));
    const line = candidates.map((c) => lines.get(c)).find((l) => l !== undefined);
    if (line === undefined) throw error;
    throw new InputError({ ...error.location, line }, error.detail);
  }
}

function armResource(live: LiveResource): ArmResource {
  return {
    type: live.type,
    id: live.id,
    name: live.name,
    body: armObject(live.body),
    created: false,
    runtimeReason: NOT_IN_INPUT,
  };
}

/** Parsed JSON as the ARM mapping's values (the same data: JSON has nothing an ArmValue lacks). */
function armObject(object: Record<string, unknown>): ArmObject {
  const out: ArmObject = {};
  for (const [key, value] of Object.entries(object)) out[key] = armValue(value);
  return out;
}

function armValue(value: unknown): ArmValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (Array.isArray(value)) return value.map(armValue);
  if (typeof value === 'object') return armObject(value as Record<string, unknown>);
  return null;
}
