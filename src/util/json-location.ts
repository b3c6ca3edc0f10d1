import { findNodeAtLocation, type Node } from 'jsonc-parser';

/** RFC 6901 JSON pointer from path segments. */
export function jsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Line and column of the value at a JSON path in a position-keeping parse tree: at the property name where the
 * value is a property's, and at the deepest existing ancestor when the path does not exist (a missing property).
 */
export function locateInTree(
  tree: Node,
  text: string,
  path: readonly (string | number)[],
): { line: number; column: number } {
  let node: Node | undefined;
  for (let depth = path.length; depth >= 0 && node === undefined; depth--) {
    node = findNodeAtLocation(tree, path.slice(0, depth));
  }
  const target = node?.parent?.type === 'property' ? node.parent : node;
  return lineColumn(text, target?.offset ?? 0);
}
