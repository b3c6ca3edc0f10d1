import { Unknown, isUnknown } from '../../../model/unknown.js';

/**
 * Joins string parts of which some may be unknown. A wholly known result is the plain string. Otherwise the result
 * is unknown, and when every unknown part has a ref it is named after its parts, `{ref}` standing for each unknown
 * part: an ID built from an unknown parameter, `/subscriptions/.../clusters/{parameters('name')}`, then has the same
 * ref wherever the template builds it the same way.
 */
export function joinParts(parts: readonly (string | Unknown)[]): string | Unknown {
  const nonEmpty = parts.filter((part) => part !== '');
  // '' + x + '' is x itself: `format('{0}', id)` and `'${id}'` name the same value as id.
  if (nonEmpty.length === 1 && isUnknown(nonEmpty[0])) return nonEmpty[0];
  let text = '';
  let firstUnknown: Unknown | undefined;
  let nameable = true;
  for (const part of parts) {
    if (isUnknown(part)) {
      firstUnknown ??= part;
      if (part.ref === undefined) nameable = false;
      text += `{${part.ref ?? ''}}`;
    } else {
      text += part;
    }
  }
  if (firstUnknown === undefined) return text;
  return nameable ? new Unknown(firstUnknown.reason, text) : new Unknown(firstUnknown.reason);
}
