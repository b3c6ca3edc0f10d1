import type { ChangeAction } from '../../model/entities.js';
import { InputError, jsonPointer } from '../input-error.js';
import { asArray, asObject, asString, isObject, type JsonObject } from '../json-value.js';

/** One resource instance of a plan, with its planned change, read from `resource_changes` or `planned_values`. */
export interface PlannedResource {
  address: string;
  /** Set for a deposed object: the key Terraform gives it beside its address. */
  deposed?: string;
  mode: 'managed' | 'data';
  type: string;
  /** Undefined when the change actions are not ones this tool knows. */
  action: ChangeAction | undefined;
  actions: string[];
  after: JsonObject | undefined;
  afterUnknown: unknown;
  afterSensitive: unknown;
  before: JsonObject | undefined;
  beforeSensitive: unknown;
  pointer: string;
}

export interface TerraformPlan {
  formatVersion: string;
  resources: PlannedResource[];
  configuration: unknown;
  variables: JsonObject;
  /** Every resource instance's values by address, including data sources read during planning. */
  valuesByAddress: Map<string, PlannedResource>;
}

/**
 * Reads the parts of `terraform show -json` output that the adapter uses, checking the shape as it goes: a file
 * that is not a plan, or a plan whose parts have the wrong type, is an InputError naming the JSON path.
 */
export function readPlan(document: unknown, file: string): TerraformPlan {
  const root = asObject(document);
  if (root === undefined)
    throw new InputError({ file }, 'expected a JSON object (terraform show -json output)');
  const formatVersion = asString(root['format_version']);
  if (formatVersion === undefined || !/^1\./.test(formatVersion)) {
    throw new InputError(
      { file, pointer: '/format_version' },
      `unsupported plan format_version ${JSON.stringify(root['format_version'])}; expected 1.x (Terraform 1.0 or later)`,
    );
  }
  if (!isObject(root['planned_values'])) {
    throw new InputError(
      { file, pointer: '/planned_values' },
      'a plan without planned_values; expected the output of `terraform show -json <planfile>`',
    );
  }

  const resources: PlannedResource[] = [];
  const valuesByAddress = new Map<string, PlannedResource>();
  const changes = root['resource_changes'];
  if (changes !== undefined && !Array.isArray(changes)) {
    throw new InputError({ file, pointer: '/resource_changes' }, 'expected an array of resource changes');
  }
  (changes ?? []).forEach((change: unknown, i: number) => {
    const resource = readResourceChange(change, file, ['resource_changes', i]);
    resources.push(resource);
    // A deposed object (left by create_before_destroy) shares its address with the current one, which it must
    // not stand in for when other resources read its values.
    if (resource.deposed === undefined) valuesByAddress.set(resource.address, resource);
  });

  // Resources without a change entry (older or filtered plans) still count; their unknowns cannot be told apart
  // from absent values, since planned_values omits both.
  walkModule(root['planned_values'], ['planned_values'], file, (resource) => {
    if (valuesByAddress.has(resource.address)) return;
    resources.push(resource);
    valuesByAddress.set(resource.address, resource);
  });
  // Data sources read while planning live only in prior_state.
  walkModule(asObject(root['prior_state'])?.['values'], ['prior_state', 'values'], file, (resource) => {
    if (!valuesByAddress.has(resource.address)) valuesByAddress.set(resource.address, resource);
  });

  return {
    formatVersion,
    resources,
    configuration: root['configuration'],
    variables: asObject(root['variables']) ?? {},
    valuesByAddress,
  };
}

function readResourceChange(value: unknown, file: string, path: (string | number)[]): PlannedResource {
  const rc = asObject(value);
  const pointer = jsonPointer(path);
  if (rc === undefined) throw new InputError({ file, pointer }, 'expected a resource change object');
  const address = requireString(rc, 'address', file, path);
  const type = requireString(rc, 'type', file, path);
  const change = asObject(rc['change']);
  if (change === undefined)
    throw new InputError({ file, pointer: `${pointer}/change` }, 'expected a change object');
  const actions = asArray(change['actions']);
  if (actions === undefined || !actions.every((a) => typeof a === 'string')) {
    throw new InputError({ file, pointer: `${pointer}/change/actions` }, 'expected an array of action names');
  }
  const deposed = asString(rc['deposed']);
  return {
    address,
    ...(deposed === undefined ? {} : { deposed }),
    mode: rc['mode'] === 'data' ? 'data' : 'managed',
    type,
    action: changeAction(actions),
    actions: actions,
    after: optionalObject(change['after'], file, `${pointer}/change/after`),
    afterUnknown: change['after_unknown'],
    afterSensitive: change['after_sensitive'],
    before: optionalObject(change['before'], file, `${pointer}/change/before`),
    beforeSensitive: change['before_sensitive'],
    pointer,
  };
}

function walkModule(
  module: unknown,
  path: (string | number)[],
  file: string,
  visit: (resource: PlannedResource) => void,
): void {
  const m = asObject(asObject(module)?.['root_module'] ?? module);
  if (m === undefined) return;
  const base = asObject(module)?.['root_module'] !== undefined ? [...path, 'root_module'] : path;
  (asArray(m['resources']) ?? []).forEach((value, i) => {
    const r = asObject(value);
    const address = asString(r?.['address']);
    const type = asString(r?.['type']);
    if (r === undefined || address === undefined || type === undefined) return;
    visit({
      address,
      mode: r['mode'] === 'data' ? 'data' : 'managed',
      type,
      action: 'none',
      actions: [],
      after: asObject(r['values']),
      afterUnknown: {},
      afterSensitive: r['sensitive_values'],
      before: undefined,
      beforeSensitive: undefined,
      pointer: jsonPointer([...base, 'resources', i]),
    });
  });
  (asArray(m['child_modules']) ?? []).forEach((child, i) => {
    walkModule(child, [...base, 'child_modules', i], file, visit);
  });
}

/** Terraform writes a replacement as ["delete","create"] or ["create","delete"] (create_before_destroy). */
function changeAction(actions: string[]): ChangeAction | undefined {
  const key = actions.join(',');
  switch (key) {
    case 'create':
      return 'create';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'no-op':
      return 'none';
    case 'read':
      return 'read';
    default:
      return undefined;
  }
}

function requireString(obj: JsonObject, key: string, file: string, path: (string | number)[]): string {
  const value = asString(obj[key]);
  if (value === undefined)
    throw new InputError({ file, pointer: jsonPointer([...path, key]) }, 'expected a string');
  return value;
}

function optionalObject(value: unknown, file: string, pointer: string): JsonObject | undefined {
  if (value === null || value === undefined) return undefined;
  const obj = asObject(value);
  if (obj === undefined) throw new InputError({ file, pointer }, 'expected an object or null');
  return obj;
}
