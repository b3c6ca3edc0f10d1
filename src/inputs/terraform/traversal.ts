/**
 * Terraform traversals as they appear in plan JSON (`references`, resource addresses): dotted names with index keys,
 * e.g. `module.aks["east"].azurerm_kubernetes_cluster.this[0].kubelet_identity[0].object_id`.
 */
export type Step = { name: string } | { index: string | number };

export function parseTraversal(text: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const close = findIndexClose(text, i);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close);
      if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else if (inner.startsWith('"')) steps.push({ index: JSON.parse(inner) as string });
      else return undefined;
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
    steps.push({ name: text.slice(i, j) });
    i = j;
  }
  return steps;
}

function findIndexClose(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === ']') return i;
  }
  return -1;
}

export function formatSteps(steps: readonly Step[]): string {
  let out = '';
  for (const step of steps) {
    if ('name' in step) out += out === '' ? step.name : `.${step.name}`;
    else out += typeof step.index === 'number' ? `[${step.index}]` : `[${JSON.stringify(step.index)}]`;
  }
  return out;
}

/** Joins an address prefix (a module instance path, maybe empty) and a relative traversal. */
export function joinAddress(prefix: string, rest: string): string {
  if (prefix === '') return rest;
  if (rest === '') return prefix;
  return rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

/**
 * Of the references Terraform lists for one expression (each traversal with all its prefixes), the distinct
 * traversals: those that are not a prefix of another one in the list.
 */
export function distinctTraversals(references: readonly string[]): string[] {
  return references.filter(
    (ref) =>
      !references.some(
        (other) => other !== ref && (other.startsWith(`${ref}.`) || other.startsWith(`${ref}[`)),
      ),
  );
}
