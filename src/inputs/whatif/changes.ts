import { InputError } from '../input-error.js';
import { asArray, isObject, type JsonObject } from '../json-value.js';

/** What-if's change types (Microsoft.Resources deployments what-if, `changeType`). */
export type ChangeType = 'Create' | 'Delete' | 'Modify' | 'Deploy' | 'NoChange' | 'Ignore' | 'Unsupported';

const CHANGE_TYPES: readonly ChangeType[] = [
  'Create',
  'Delete',
  'Modify',
  'Deploy',
  'NoChange',
  'Ignore',
  'Unsupported',
];

export interface WhatIfChange {
  resourceId: string;
  /** As given; undefined when it is none of the documented types. */
  changeType: ChangeType | undefined;
  rawChangeType: string;
  before: JsonObject | undefined;
  after: JsonObject | undefined;
  unsupportedReason: string | undefined;
  /** JSON pointer of the change in the file. */
  pointer: string;
}

/**
 * The changes of a what-if result: `az deployment group|sub|mg|tenant what-if --no-pretty-print -o json` (top-level
 * `changes`, with `status` and `error`) or the REST response body (`properties.changes`). A failed what-if, or a
 * document of neither shape, is an input error.
 */
export function readChanges(value: unknown, file: string): WhatIfChange[] {
  if (!isObject(value)) throw new InputError({ file }, 'expected a what-if result (a JSON object)');
  const properties = isObject(value['properties']) ? value['properties'] : undefined;
  const cli = asArray(value['changes']);
  const rest = asArray(properties?.['changes']);
  const changes = cli ?? rest;
  const base = cli !== undefined ? '/changes' : '/properties/changes';
  const error = isObject(value['error'])
    ? value['error']
    : isObject(properties?.['error'])
      ? properties['error']
      : undefined;
  if (error !== undefined && (changes === undefined || changes.length === 0)) {
    const code = typeof error['code'] === 'string' ? `${error['code']}: ` : '';
    const message = typeof error['message'] === 'string' ? error['message'] : 'no message';
    throw new InputError(
      { file, pointer: error === value['error'] ? '/error' : '/properties/error' },
      `the what-if operation failed (${code}${message})`,
    );
  }
  if (changes === undefined) {
    throw new InputError(
      { file },
      "expected a what-if result: 'changes' (az deployment ... what-if --no-pretty-print -o json) or 'properties.changes' (REST)",
    );
  }
  return changes.map((change, i) => {
    const pointer = `${base}/${i}`;
    if (!isObject(change)) throw new InputError({ file, pointer }, 'a change must be an object');
    const resourceId = change['resourceId'];
    if (typeof resourceId !== 'string' || resourceId === '') {
      throw new InputError({ file, pointer }, "a change must have a 'resourceId' string");
    }
    const rawChangeType = typeof change['changeType'] === 'string' ? change['changeType'] : '';
    const changeType = CHANGE_TYPES.find((t) => t.toLowerCase() === rawChangeType.toLowerCase());
    const reason = change['unsupportedReason'];
    return {
      resourceId,
      changeType,
      rawChangeType,
      before: isObject(change['before']) ? change['before'] : undefined,
      after: isObject(change['after']) ? change['after'] : undefined,
      unsupportedReason: typeof reason === 'string' ? reason : undefined,
      pointer,
    };
  });
}
