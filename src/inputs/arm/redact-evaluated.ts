import { isSecretKey, REDACTED } from '../../model/secrets.js';
import { isUnknown } from '../../model/unknown.js';
import { redactSecrets } from '../redact.js';
import { isArmObject, type ArmValue } from './expressions/index.js';
import { findUnknown } from './expressions/values.js';

/**
 * An evaluated ARM value for `raw`, with secrets redacted as redactSecrets does (values under secret keys), and the
 * values of secure parameters wherever they ended up. Unknowns stay unknowns: redactSecrets copies every object
 * it meets into a plain one, which would turn an Unknown into `{reason, ref}`, so only Unknown-free secrets go to it.
 */
export function redactEvaluated(
  value: ArmValue,
  secureValues: ReadonlySet<string>,
  collect: (secret: string) => void,
): unknown {
  if (isUnknown(value) || value === null) return value;
  if (typeof value === 'string') {
    if (!secureValues.has(value)) return value;
    collect(value);
    return REDACTED;
  }
  if (Array.isArray(value)) return value.map((item) => redactEvaluated(item, secureValues, collect));
  if (!isArmObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!isSecretKey(key)) out[key] = redactEvaluated(item, secureValues, collect);
    else if (findUnknown(item) === undefined) out[key] = redactSecrets(item, true, collect);
    else out[key] = isUnknown(item) ? item : REDACTED;
  }
  return out;
}
