import { isSecretKey, REDACTED } from '../model/secrets.js';
import { isUnknown } from '../model/unknown.js';
import { parseFieldPath } from './field-path.js';
import { resolveField } from './resolve-field.js';

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** Paths a template may interpolate; anything else is left as written so the author sees the mistake. */
const VALID_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\[(\*|\d+)\])*(\.[A-Za-z_$][A-Za-z0-9_$-]*(\[(\*|\d+)\])*)*$/;

/**
 * Renders a policy message: `{{path}}` becomes the entity's value at that path. A value under a secret key is
 * never interpolated, whatever the path.
 */
export function renderMessage(template: string, entity: unknown): string {
  return template.replace(PLACEHOLDER, (whole, path: string) => {
    if (!VALID_PATH.test(path)) return whole;
    const parsed = parseFieldPath(path);
    if (parsed.segments.some((s) => 'name' in s && isSecretKey(s.name))) return REDACTED;
    const resolved = resolveField(parsed, { element: entity, outers: [] });
    return resolved.many ? resolved.values.map(display).join(', ') || '(none)' : display(resolved.value);
  });
}

function display(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(not set)';
  if (isUnknown(value)) return `(${value.reason})`;
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(display).join(', ');
  if (typeof value === 'object') {
    const name = (value as { name?: unknown; key?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : '(object)';
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '(value)';
}
