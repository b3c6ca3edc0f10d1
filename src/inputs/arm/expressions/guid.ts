import { createHash } from 'node:crypto';

/**
 * `guid(...)` as Azure computes it: a name-based UUID, version 5 (RFC 4122 §4.3, SHA-1), in the fixed namespace
 * 11fb06fb-712d-4ddd-98c7-e71bbd588830, over the arguments joined with '-' and encoded as UTF-8. Azure's docs name
 * the RFC algorithm; the namespace and the encoding are checked against values Azure produced (see the tests).
 */
const TEMPLATE_NAMESPACE = Buffer.from('11fb06fb712d4ddd98c7e71bbd588830', 'hex');

export function templateGuid(values: readonly string[]): string {
  const digest = createHash('sha1').update(TEMPLATE_NAMESPACE).update(values.join('-'), 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
