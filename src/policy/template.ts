import { isSecretKey, REDACTED } from '../model/secrets.js';
import { describeUnknown, isUnknown } from '../model/unknown.js';
import { parseFieldPath } from './field-path.js';
import { resolveField, type FieldValue } from './resolve-field.js';

/**
 * `{{path}}` interpolates a field; `{{count path "registry" "registries"}}` writes how many values the path has with
 * the noun that fits ("1 registry", "3 registries"); `{{plural path "it" "one of them"}}` only the word that fits.
 */
const PLACEHOLDER = /\{\{\s*(?:(count|plural)\s+)?([^{}\s"]+)(?:\s+"([^"{}]*)"\s+"([^"{}]*)")?\s*\}\}/g;

/** Paths a template may interpolate; anything else is left as written so the author sees the mistake. */
const VALID_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\[(\*|\d+)\])*(\.[A-Za-z_$][A-Za-z0-9_$-]*(\[(\*|\d+)\])*)*$/;

/**
 * Renders a policy message: `{{path}}` becomes the entity's value at that path. A value under a secret key is
 * never interpolated, whatever the path. An unknown value is named by what it will be and why it is not known.
 */
export function renderMessage(template: string, entity: unknown): string {
  return template.replace(
    PLACEHOLDER,
    (whole, form: string | undefined, path: string, one: string | undefined, many: string | undefined) => {
      if (!VALID_PATH.test(path) || (form !== undefined && (one === undefined || many === undefined)))
        return whole;
      const parsed = parseFieldPath(path);
      if (form === undefined && parsed.segments.some((s) => 'name' in s && isSecretKey(s.name)))
        return REDACTED;
      const resolved = resolveField(parsed, { element: entity, outers: [] });
      if (form !== undefined) {
        const n = countOf(resolved);
        const word = n === 1 ? one : many;
        return form === 'count' ? `${n ?? 'some'} ${word ?? ''}` : (word ?? '');
      }
      return resolved.many ? resolved.values.map(display).join(', ') || '(none)' : display(resolved.value);
    },
  );
}

/** The field paths a template reads, for checking them against the model when the policy loads. */
export function templateFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[2] ?? '').filter((p) => VALID_PATH.test(p));
}

/** How many values a path has; undefined when the list itself is not known yet. */
function countOf(resolved: FieldValue): number | undefined {
  if (resolved.many) return resolved.collectionUnknown === undefined ? resolved.values.length : undefined;
  const value = resolved.value;
  if (isUnknown(value)) return undefined;
  if (Array.isArray(value)) return value.length;
  return value === undefined || value === null ? 0 : 1;
}

function display(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(not set)';
  if (isUnknown(value)) return describeUnknown(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(display).join(', ');
  if (typeof value === 'object') {
    const name = (value as { name?: unknown; key?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : '(object)';
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '(value)';
}
