/**
 * A top-level `resource "TYPE" "NAME" { ... }`, `data "TYPE" "NAME" { ... }` or `variable "NAME" { ... }` block of a
 * .tf file (a variable has no type).
 */
export interface DeclaredBlock {
  mode: 'managed' | 'data' | 'variable';
  type: string;
  name: string;
  line: number;
  endLine: number;
}

const HEADER = /^\s*(?:(resource|data)\s+"([^"]+)"|(variable))\s+"([^"]+)"\s*\{/;
const NESTED_BLOCK = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\{/;
const ATTRIBUTE = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=(?!=)/;

/**
 * Finds resource and data blocks with their line span. It lexes just enough HCL to match braces: strings (with
 * `${...}` templates), heredocs and the three comment styles, so a brace inside any of them does not count.
 */
export function findDeclaredBlocks(text: string): DeclaredBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: DeclaredBlock[] = [];
  const scanner = new BraceScanner();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const depthBefore = scanner.depth;
    const match = depthBefore === 0 && !scanner.inMultiLineConstruct() ? HEADER.exec(line) : null;
    scanner.feed(line);
    if (match === null) continue;
    const [, keyword, type, variable, name] = match;
    const block: DeclaredBlock = {
      mode: variable !== undefined ? 'variable' : keyword === 'data' ? 'data' : 'managed',
      type: type ?? '',
      name: name ?? '',
      line: i + 1,
      endLine: i + 1,
    };
    let j = i;
    while (scanner.depth > 0 && j + 1 < lines.length) {
      j++;
      scanner.feed(lines[j] ?? '');
    }
    block.endLine = j + 1;
    blocks.push(block);
    i = j;
  }
  return blocks;
}

/**
 * The line of an attribute inside a block, following nested blocks by name: `['service_principal',
 * 'client_secret']` finds `client_secret = ...` inside `service_principal { ... }`. Undefined when it is not
 * written there (a `dynamic` block, say).
 */
export function findAttributeLine(
  text: string,
  block: DeclaredBlock,
  path: readonly string[],
): number | undefined {
  const lines = text.split(/\r?\n/);
  const scanner = new BraceScanner();
  scanner.feed(lines[block.line - 1] ?? '');
  const base = scanner.depth;
  const open: { name: string; depth: number }[] = [];
  for (let i = block.line; i < block.endLine; i++) {
    const line = lines[i] ?? '';
    const depth = scanner.depth;
    const quiet = !scanner.inMultiLineConstruct();
    while (open.length > 0 && (open[open.length - 1]?.depth ?? 0) > depth) open.pop();
    const nesting = open.map((o) => o.name);
    const attribute = quiet ? ATTRIBUTE.exec(line) : null;
    if (
      attribute !== null &&
      depth === base + nesting.length &&
      nesting.length === path.length - 1 &&
      nesting.every((n, j) => n === path[j]) &&
      attribute[1] === path[path.length - 1]
    ) {
      return i + 1;
    }
    const nested = quiet ? NESTED_BLOCK.exec(line) : null;
    scanner.feed(line);
    if (nested?.[1] !== undefined && scanner.depth > depth)
      open.push({ name: nested[1], depth: scanner.depth });
  }
  return undefined;
}

class BraceScanner {
  depth = 0;
  private heredoc: string | undefined;
  private inBlockComment = false;
  /** Nesting of open strings and templates: 's' a quoted string, 't' a `${` template inside one. */
  private stack: ('s' | 't')[] = [];

  inMultiLineConstruct(): boolean {
    return this.heredoc !== undefined || this.inBlockComment || this.stack.length > 0;
  }

  feed(line: string): void {
    if (this.heredoc !== undefined) {
      if (line.trim() === this.heredoc) this.heredoc = undefined;
      return;
    }
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      const next = line[i + 1];
      if (this.inBlockComment) {
        if (ch === '*' && next === '/') {
          this.inBlockComment = false;
          i++;
        }
        continue;
      }
      const top = this.stack[this.stack.length - 1];
      if (top === 's') {
        if (ch === '\\') i++;
        else if (ch === '"') this.stack.pop();
        else if ((ch === '$' || ch === '%') && next === '{') {
          this.stack.push('t');
          i++;
        }
        continue;
      }
      if (ch === '#' || (ch === '/' && next === '/')) return;
      if (ch === '/' && next === '*') {
        this.inBlockComment = true;
        i++;
      } else if (ch === '"') this.stack.push('s');
      else if (ch === '<' && next === '<') {
        const marker = /^<<-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(line.slice(i));
        if (marker !== null) {
          this.heredoc = marker[1];
          return;
        }
      } else if (ch === '{') {
        if (top !== 't') this.depth++;
        else this.stack.push('t');
      } else if (ch === '}') {
        if (top === 't') this.stack.pop();
        else this.depth = Math.max(0, this.depth - 1);
      }
    }
  }
}
