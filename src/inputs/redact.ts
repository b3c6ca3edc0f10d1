import { isSecretKey, REDACTED } from '../model/secrets.js';
import { isObject } from './json-value.js';

/**
 * A copy of `value` with secrets replaced by "[redacted]": values under secret keys, and values the input marks
 * sensitive (a mirror object with `true` where a value is sensitive, as Terraform's after_sensitive). Every secret
 * string is handed to `collect`, so outputs can be scrubbed of it wherever it might surface.
 */
export function redactSecrets(
  value: unknown,
  sensitive: unknown,
  collect: (secret: string) => void,
): unknown {
  if (sensitive === true) {
    collectStrings(value, collect);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: JSON has no undefined; both guards keep absence
    return value === null || value === undefined ? value : REDACTED;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      redactSecrets(item, Array.isArray(sensitive) ? sensitive[i] : undefined, collect),
    );
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const mark = isSecretKey(key) ? true : isObject(sensitive) ? sensitive[key] : undefined;
      out[key] = redactSecrets(item, mark, collect);
    }
    return out;
  }
  return value;
}

function collectStrings(value: unknown, collect: (secret: string) => void): void {
  if (typeof value === 'string') {
    if (value !== '') collect(value);
  } else if (Array.isArray(value))
    value.forEach((v) => {
      collectStrings(v, collect);
    });
  else if (isObject(value))
    Object.values(value).forEach((v) => {
      collectStrings(v, collect);
    });
}
