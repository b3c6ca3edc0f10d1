/**
 * Stable names (`Unknown.ref`) for values known only after deployment, so that two expressions reading the same
 * runtime property of the same resource yield equal refs and the linker can join them.
 *
 * Normalised form, all lower case because Azure compares resource IDs and property names case-insensitively:
 * - `reference(<target>)<path>` for a property of the resource's `properties`, whether read as
 *   `reference(x).p` or `reference(x, api, 'Full').properties.p`;
 * - `resource(<target>)<path>` for a top-level property read in full mode (`identity.principalId`, `location`);
 * - `<function>(<target>)` for the result of a `list*()` call.
 * `<target>` is the resource ID when it is known (`/subscriptions/.../providers/microsoft.containerservice/
 * managedclusters/aks`), otherwise the name or symbolic name as written, or the ref of an unknown ID.
 * `<path>` is `.name` for identifier-like names, `['any name']` for others and `[0]` for indexes.
 */

export type PathSegment = string | number;

/** The reason of a value that `reference()` or `list*()` read from a deployed resource. */
export const KNOWN_AFTER_DEPLOYMENT = 'known after deployment';

const RUNTIME_REF = /^(reference|resource|list[a-z0-9_]*)\(/;

export function referenceRef(target: string, path: readonly PathSegment[], full: boolean): string {
  const head = path[0];
  if (full && typeof head === 'string' && head.toLowerCase() === 'properties') {
    return `reference(${target.toLowerCase()})${renderPath(path.slice(1), true)}`;
  }
  const root = full ? 'resource' : 'reference';
  return `${root}(${target.toLowerCase()})${renderPath(path, true)}`;
}

export function listRef(functionName: string, target: string): string {
  return `${functionName.toLowerCase()}(${target.toLowerCase()})`;
}

/**
 * The ref of a property or element of an unknown value named `ref`. Runtime refs stay wholly lower case so that
 * `variables('cluster').identityProfile` joins with `reference(cluster).identityprofile`.
 */
export function extendRef(ref: string, segment: PathSegment): string {
  return ref + renderPath([segment], RUNTIME_REF.test(ref));
}

export function renderPath(path: readonly PathSegment[], lowerCase: boolean): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
      continue;
    }
    const name = lowerCase ? segment.toLowerCase() : segment;
    out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `.${name}` : `['${name.replaceAll("'", "''")}']`;
  }
  return out;
}
