import { parseTree, type Node } from 'jsonc-parser';
import type { SourceLocation } from '../../model/entities.js';
import { lineColumn } from '../../util/json-location.js';

/** JSON pointer segments, unescaped (RFC 6901). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Lines of JSON pointers in the input text, for error messages and for the source of a field's value. The text is
 * parsed with positions only when a line is asked for: most runs never need one.
 */
export class SourceLocator {
  private tree: Node | undefined | null = null;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  /** Line and column where the value at `pointer` starts (its property name, for a property). */
  position(pointer: string): { line: number; column: number } | undefined {
    const node = this.node(pointer);
    if (node === undefined) return undefined;
    const at = node.parent?.type === 'property' ? node.parent : node;
    return lineColumn(this.text, at.offset);
  }

  /** The lines the value at `pointer` spans. */
  location(pointer: string): SourceLocation | undefined {
    const node = this.node(pointer);
    if (node === undefined) return undefined;
    const at = node.parent?.type === 'property' ? node.parent : node;
    return {
      file: this.file,
      line: lineColumn(this.text, at.offset).line,
      endLine: lineColumn(this.text, node.offset + node.length).line,
    };
  }

  private node(pointer: string): Node | undefined {
    if (this.tree === null) this.tree = parseTree(this.text);
    let node = this.tree;
    for (const segment of pointerSegments(pointer)) {
      if (node === undefined) return undefined;
      node = node.type === 'array' ? node.children?.[Number(segment)] : propertyValue(node, segment);
    }
    return node;
  }
}

function propertyValue(node: Node, key: string): Node | undefined {
  if (node.type !== 'object') return undefined;
  for (const property of node.children ?? []) {
    if (property.children?.[0]?.value === key) return property.children[1];
  }
  return undefined;
}
