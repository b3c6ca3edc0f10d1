/**
 * A light Bicep lexer and declaration finder: just enough of the language to find `resource` and `module`
 * declarations, their line spans and their `name:` and `parent:` values. It is not a Bicep grammar. It knows the
 * tokens that can hide a brace or a bracket (strings with `\'` escapes and `${...}` interpolation, `'''` multi-line
 * strings, `//` and `/* *\/` comments) and matches braces, brackets and parentheses; declarations are found by
 * their keywords at the start of a line, at the top level of the file or of a resource body.
 */

export type BicepToken =
  | { kind: 'identifier'; text: string; line: number }
  | { kind: 'number'; text: string; line: number }
  | { kind: 'symbol'; text: string; line: number }
  | { kind: 'newline'; line: number }
  | {
      kind: 'string';
      /** The literal pieces, unescaped: one more than `holes`. */
      parts: string[];
      /** The tokens of each `${...}` in the string. */
      holes: BicepToken[][];
      line: number;
      endLine: number;
    };

/** Two-character symbols that matter here; every other symbol is one character. */
const PAIRS = new Set(['::', '==', '!=', '<=', '>=', '&&', '||', '??', '=>', '.?']);

/** Tokens of a Bicep text. Unterminated strings and comments end at the end of the text. */
export function lexBicep(text: string): BicepToken[] {
  const lexer = new Lexer(text);
  return lexer.tokens(false);
}

class Lexer {
  private pos = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** Tokens up to the end, or (inside `${`) up to the `}` that closes it, which is consumed. */
  tokens(inHole: boolean): BicepToken[] {
    const out: BicepToken[] = [];
    const text = this.text;
    let braces = 0;
    while (this.pos < text.length) {
      const ch = text[this.pos] ?? '';
      const next = text[this.pos + 1] ?? '';
      if (ch === '\n') {
        out.push({ kind: 'newline', line: this.line });
        this.line++;
        this.pos++;
      } else if (ch === ' ' || ch === '\t' || ch === '\r') {
        this.pos++;
      } else if (ch === '/' && next === '/') {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      } else if (ch === '/' && next === '*') {
        this.blockComment();
      } else if (ch === "'") {
        out.push(text.startsWith("'''", this.pos) ? this.multiLineString() : this.string());
      } else if (/[A-Za-z_]/.test(ch)) {
        const start = this.pos;
        while (this.pos < text.length && /[A-Za-z0-9_]/.test(text[this.pos] ?? '')) this.pos++;
        out.push({ kind: 'identifier', text: text.slice(start, this.pos), line: this.line });
      } else if (/[0-9]/.test(ch)) {
        const start = this.pos;
        while (this.pos < text.length && /[0-9]/.test(text[this.pos] ?? '')) this.pos++;
        out.push({ kind: 'number', text: text.slice(start, this.pos), line: this.line });
      } else {
        if (inHole && ch === '}' && braces === 0) {
          this.pos++;
          return out;
        }
        if (ch === '{') braces++;
        else if (ch === '}') braces--;
        const pair = ch + next;
        const symbol = PAIRS.has(pair) ? pair : ch;
        out.push({ kind: 'symbol', text: symbol, line: this.line });
        this.pos += symbol.length;
      }
    }
    return out;
  }

  private blockComment(): void {
    const end = this.text.indexOf('*/', this.pos + 2);
    const stop = end === -1 ? this.text.length : end + 2;
    this.countLines(this.pos, stop);
    this.pos = stop;
  }

  /** `'''...'''`: no escapes, no interpolation, may span lines; a line break right after the opening is not part of it. */
  private multiLineString(): BicepToken {
    const line = this.line;
    const opening = /^'''\r?\n/.exec(this.text.slice(this.pos, this.pos + 5));
    const start = this.pos + (opening?.[0].length ?? 3);
    const end = this.text.indexOf("'''", start);
    const stop = end === -1 ? this.text.length : end;
    this.countLines(this.pos, stop);
    this.pos = end === -1 ? stop : stop + 3;
    return { kind: 'string', parts: [this.text.slice(start, stop)], holes: [], line, endLine: this.line };
  }

  /** `'...'` with escapes and `${...}` holes, each lexed as Bicep. */
  private string(): BicepToken {
    const line = this.line;
    const parts: string[] = [];
    const holes: BicepToken[][] = [];
    let current = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos] ?? '';
      if (ch === "'") {
        this.pos++;
        break;
      }
      if (ch === '\n') {
        // Unterminated: Bicep strings do not span lines. Stop here so that the rest of the file still lexes.
        break;
      }
      if (ch === '\\') {
        const escaped = this.text[this.pos + 1] ?? '';
        if (escaped === 'u' && this.text[this.pos + 2] === '{') {
          const close = this.text.indexOf('}', this.pos + 3);
          const code = Number.parseInt(this.text.slice(this.pos + 3, close), 16);
          if (close !== -1 && Number.isInteger(code) && code >= 0 && code <= 0x10ffff) {
            current += String.fromCodePoint(code);
            this.pos = close + 1;
            continue;
          }
        }
        current += ESCAPES[escaped] ?? escaped;
        this.pos += 2;
        continue;
      }
      if (ch === '$' && this.text[this.pos + 1] === '{') {
        this.pos += 2;
        parts.push(current);
        current = '';
        holes.push(this.tokens(true));
        continue;
      }
      current += ch;
      this.pos++;
    }
    parts.push(current);
    return { kind: 'string', parts, holes, line, endLine: this.line };
  }

  private countLines(from: number, to: number): void {
    for (let i = from; i < to; i++) if (this.text[i] === '\n') this.line++;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/** A `resource` declaration, at the top level or nested in another resource's body. */
export interface BicepResource {
  kind: 'resource';
  symbolicName: string;
  /** The full resource type without the API version: a nested child's relative type joined to its parent's. */
  type: string;
  /** The type as written, API version included. */
  typeText: string;
  existing: boolean;
  /** Declared with `[for ...]`. */
  loop: boolean;
  /** Declared with `if (...)`. */
  condition: boolean;
  /** The line of the `resource` keyword and of the brace or bracket that closes its value (1-based). */
  line: number;
  endLine: number;
  /** The tokens of its `name:` value, when it has one. */
  name?: BicepToken[];
  /** The tokens of its `parent:` value, when it has one. */
  parentValue?: BicepToken[];
  /** The resource whose body it is declared in. */
  enclosing?: BicepResource;
  /** Resources declared in its body, in order. */
  nested: BicepResource[];
}

/** A `module` declaration. */
export interface BicepModule {
  kind: 'module';
  symbolicName: string;
  /** The path or registry reference as written (`modules/x.bicep`, `br:...`, `br/public:...`, `ts:...`). */
  source: string;
  loop: boolean;
  condition: boolean;
  line: number;
  endLine: number;
  name?: BicepToken[];
}

/** The declarations of one .bicep file. */
export interface BicepDeclarations {
  /** Top-level resources in source order (nested ones are in their `nested`). */
  resources: BicepResource[];
  modules: BicepModule[];
}

/** Finds the resource and module declarations of a .bicep text. */
export function findBicepDeclarations(text: string): BicepDeclarations {
  const tokens = lexBicep(text);
  const match = matchBrackets(tokens);
  const found: BicepDeclarations = { resources: [], modules: [] };
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) break;
    if (startsLine(tokens, i)) {
      const declaration = readDeclaration(tokens, match, i, undefined);
      if (declaration !== undefined) {
        if (declaration.value.kind === 'resource') found.resources.push(declaration.value);
        else found.modules.push(declaration.value);
        i = declaration.next;
        continue;
      }
    }
    i = isOpener(token) ? (match[i] ?? i) + 1 : i + 1;
  }
  return found;
}

const OPENERS: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

function isOpener(token: BicepToken): boolean {
  return token.kind === 'symbol' && token.text in OPENERS;
}

/**
 * The partner of each brace, bracket and parenthesis: for an opener the index of the token that closes it (the last
 * token when none does), for a closer the index of its opener.
 */
function matchBrackets(tokens: readonly BicepToken[]): number[] {
  const pair: number[] = [];
  const stack: number[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'symbol') return;
    if (token.text in OPENERS) stack.push(i);
    else if (token.text === '}' || token.text === ']' || token.text === ')') {
      // A stray closer closes the nearest opener of its kind, dropping unclosed ones in between.
      const at = stack.findLastIndex((o) => OPENERS[symbolText(tokens[o])] === token.text);
      if (at === -1) return;
      const open = stack[at] ?? 0;
      stack.length = at;
      pair[open] = i;
      pair[i] = open;
    }
  });
  for (const open of stack) pair[open] = tokens.length - 1;
  return pair;
}

function symbolText(token: BicepToken | undefined): string {
  return token?.kind === 'symbol' ? token.text : '';
}

/** A token at the start of a line (or of the file, or right after the `{` of a body or a `,`). */
function startsLine(tokens: readonly BicepToken[], i: number): boolean {
  const previous = tokens[i - 1];
  return (
    previous === undefined ||
    previous.kind === 'newline' ||
    (previous.kind === 'symbol' && (previous.text === '{' || previous.text === ','))
  );
}

function isIdentifier(token: BicepToken | undefined, text?: string): boolean {
  return token?.kind === 'identifier' && (text === undefined || token.text === text);
}

function isSymbol(token: BicepToken | undefined, text: string): boolean {
  return token?.kind === 'symbol' && token.text === text;
}

/** A string without interpolation, as its text. */
function literal(token: BicepToken | undefined): string | undefined {
  return token?.kind === 'string' && token.holes.length === 0 ? token.parts[0] : undefined;
}

/** `resource <name> '<type>' [existing] = <value>` or `module <name> '<source>' = <value>` starting at `i`. */
function readDeclaration(
  tokens: readonly BicepToken[],
  match: readonly number[],
  i: number,
  enclosing: BicepResource | undefined,
): { value: BicepResource | BicepModule; next: number } | undefined {
  const keyword = tokens[i];
  const symbol = tokens[i + 1];
  const typeText = literal(tokens[i + 2]);
  if (keyword?.kind !== 'identifier' || symbol?.kind !== 'identifier' || typeText === undefined)
    return undefined;
  if (keyword.text !== 'resource' && !(keyword.text === 'module' && enclosing === undefined))
    return undefined;
  let at = i + 3;
  const existing = isIdentifier(tokens[at], 'existing');
  if (existing) at++;
  if (!isSymbol(tokens[at], '=')) return undefined;
  const value = readValue(tokens, match, at + 1);
  if (value === undefined) return undefined;
  const endToken = tokens[value.end];
  const endLine = endToken === undefined ? keyword.line : lastLine(endToken);
  const properties =
    value.body === undefined ? new Map<string, BicepToken[]>() : bodyProperties(tokens, match, value.body);
  const name = properties.get('name');
  if (keyword.text === 'module') {
    const module: BicepModule = {
      kind: 'module',
      symbolicName: symbol.text,
      source: typeText,
      loop: value.loop,
      condition: value.condition,
      line: keyword.line,
      endLine,
    };
    if (name !== undefined) module.name = name;
    return { value: module, next: value.end + 1 };
  }
  const ownType = typeText.split('@')[0] ?? typeText;
  // A nested resource names its type relative to its parent's, unless it writes a full type (`Namespace.X/...`).
  const type =
    enclosing !== undefined && !/^[^/]*\./.test(ownType) ? `${enclosing.type}/${ownType}` : ownType;
  const resource: BicepResource = {
    kind: 'resource',
    symbolicName: symbol.text,
    type,
    typeText,
    existing,
    loop: value.loop,
    condition: value.condition,
    line: keyword.line,
    endLine,
    nested: [],
  };
  if (name !== undefined) resource.name = name;
  const parent = properties.get('parent');
  if (parent !== undefined) resource.parentValue = parent;
  if (enclosing !== undefined) resource.enclosing = enclosing;
  if (value.body !== undefined) resource.nested = nestedResources(tokens, match, value.body, resource);
  return { value: resource, next: value.end + 1 };
}

function lastLine(token: BicepToken): number {
  return token.kind === 'string' ? token.endLine : token.line;
}

/**
 * The value of a declaration: `{...}`, `if (...) {...}`, or `[for ... : {...}]` / `[for ... : if (...) {...}]`.
 * `body` is the index of the body's `{`; `end` the index of the token that closes the value.
 */
function readValue(
  tokens: readonly BicepToken[],
  match: readonly number[],
  i: number,
): { body: number | undefined; end: number; loop: boolean; condition: boolean } | undefined {
  const first = tokens[i];
  if (isSymbol(first, '{')) return { body: i, end: match[i] ?? i, loop: false, condition: false };
  if (isIdentifier(first, 'if') && isSymbol(tokens[i + 1], '(')) {
    const close = match[i + 1] ?? i + 1;
    const body = isSymbol(tokens[close + 1], '{') ? close + 1 : undefined;
    return { body, end: body === undefined ? close : (match[body] ?? body), loop: false, condition: true };
  }
  if (isSymbol(first, '[') && isIdentifier(tokens[i + 1], 'for')) {
    const end = match[i] ?? i;
    // The body is the last item of the brackets: the `{...}` that ends right before `]`.
    let last = end - 1;
    while (tokens[last]?.kind === 'newline') last--;
    let body: number | undefined;
    let condition = false;
    const open = match[last];
    if (isSymbol(tokens[last], '}') && open !== undefined && open > i) {
      body = open;
      const beforeBody = open - 1;
      const parenthesis = match[beforeBody];
      condition =
        isSymbol(tokens[beforeBody], ')') &&
        parenthesis !== undefined &&
        isIdentifier(tokens[parenthesis - 1], 'if');
    }
    return { body, end, loop: true, condition };
  }
  return undefined;
}

/** The values of a body's own properties (`name: ...`), as their tokens up to the end of the line or a `,`. */
function bodyProperties(
  tokens: readonly BicepToken[],
  match: readonly number[],
  open: number,
): Map<string, BicepToken[]> {
  const properties = new Map<string, BicepToken[]>();
  const close = match[open] ?? open;
  let i = open + 1;
  while (i < close) {
    const token = tokens[i];
    if (token === undefined) break;
    const key = token.kind === 'identifier' ? token.text : literal(token);
    if (startsLine(tokens, i) && key !== undefined && isSymbol(tokens[i + 1], ':')) {
      const value: BicepToken[] = [];
      let j = i + 2;
      while (j < close) {
        const t = tokens[j];
        if (t === undefined || t.kind === 'newline' || isSymbol(t, ',')) break;
        const stop = isOpener(t) ? Math.min(match[j] ?? j, close - 1) : j;
        for (let k = j; k <= stop; k++) {
          const inner = tokens[k];
          if (inner !== undefined) value.push(inner);
        }
        j = stop + 1;
      }
      if (!properties.has(key)) properties.set(key, value);
      i = j;
      continue;
    }
    i = isOpener(token) ? (match[i] ?? i) + 1 : i + 1;
  }
  return properties;
}

/** The resources declared directly in a resource's body. */
function nestedResources(
  tokens: readonly BicepToken[],
  match: readonly number[],
  open: number,
  enclosing: BicepResource,
): BicepResource[] {
  const nested: BicepResource[] = [];
  const close = match[open] ?? open;
  let i = open + 1;
  while (i < close) {
    const token = tokens[i];
    if (token === undefined) break;
    if (startsLine(tokens, i) && isIdentifier(token, 'resource')) {
      const declaration = readDeclaration(tokens, match, i, enclosing);
      if (declaration?.value.kind === 'resource') {
        nested.push(declaration.value);
        i = declaration.next;
        continue;
      }
    }
    i = isOpener(token) ? (match[i] ?? i) + 1 : i + 1;
  }
  return nested;
}
