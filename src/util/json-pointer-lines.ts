import { visit } from 'jsonc-parser';
import { jsonPointer } from './json-location.js';

/**
 * The 1-based line where each of the given JSON pointers starts in a JSON text, in one pass. Paths are only
 * materialised down to the depth of the deepest pointer asked for, so a large plan costs little more than a parse.
 */
export function linesOfPointers(text: string, pointers: ReadonlySet<string>): Map<string, number> {
  const found = new Map<string, number>();
  if (pointers.size === 0) return found;
  const maxDepth = Math.max(...[...pointers].map((p) => p.split('/').length - 1));
  let depth = 0;
  const at = (startLine: number, path: () => (string | number)[], extra?: string | number): void => {
    if (depth > maxDepth) return;
    const segments = path();
    if (extra !== undefined) segments.push(extra);
    const pointer = jsonPointer(segments);
    if (pointers.has(pointer) && !found.has(pointer)) found.set(pointer, startLine + 1);
  };
  visit(text, {
    onObjectBegin: (_offset, _length, startLine, _character, path) => {
      at(startLine, path);
      depth++;
    },
    onObjectEnd: () => {
      depth--;
    },
    onArrayBegin: (_offset, _length, startLine, _character, path) => {
      at(startLine, path);
      depth++;
    },
    onArrayEnd: () => {
      depth--;
    },
    onObjectProperty: (property, _offset, _length, startLine, _character, path) => {
      if (depth <= maxDepth) at(startLine, path, property);
    },
  });
  return found;
}
