import type { CallNode, ExpressionNode, TemplateString } from './ast.js';
import { ExpressionError } from './errors.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';
import { MAX_CACHED_EXPRESSIONS, MAX_EXPRESSION_NESTING } from './limits.js';

/**
 * Whether a JSON string of a template is an expression: it starts with `[` and ends with `]`. A string starting
 * with `[[` is the escape for a literal that starts with `[`, and loses its first bracket.
 */
export function isExpressionText(text: string): boolean {
  return text.length >= 2 && text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');
}

/** Syntax trees by text: compiled templates repeat the same few expressions thousands of times. */
const cache = new Map<string, TemplateString | ExpressionError>();

/**
 * Reads a template string: a literal (with the `[[` escape applied) or a parsed expression. Each distinct text is
 * parsed once per process; a text that fails to parse fails the same way every time.
 */
export function parseTemplateString(text: string): TemplateString {
  const cached = cache.get(text);
  if (cached instanceof ExpressionError) throw cached;
  if (cached !== undefined) return cached;
  let result: TemplateString | ExpressionError;
  try {
    result = parseUncached(text);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    result = error;
  }
  if (cache.size >= MAX_CACHED_EXPRESSIONS) cache.clear();
  cache.set(text, result);
  if (result instanceof ExpressionError) throw result;
  return result;
}

/** Parses an expression text, brackets included, into its syntax tree. */
export function parseExpression(text: string): ExpressionNode {
  const parsed = parseTemplateString(text);
  if (parsed.kind === 'literal') {
    throw new ExpressionError('syntax', text, 1, "an expression must start with '[' and end with ']'");
  }
  return parsed.root;
}

function parseUncached(text: string): TemplateString {
  if (!isExpressionText(text)) {
    const literal = text.startsWith('[[') && text.endsWith(']') ? text.slice(1) : text;
    return { kind: 'literal', value: literal };
  }
  const tokens = tokenize(text, 1, text.length - 1);
  const parser = new Parser(text, tokens);
  const root = parser.parseRoot();
  return { kind: 'expression', text, root };
}

/** Recursive descent over the token list; nesting is bounded so a hostile expression cannot exhaust the stack. */
class Parser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseRoot(): ExpressionNode {
    if (this.peek().kind === 'end')
      throw this.error(this.peek(), 'empty expression: expected a value between [ and ]');
    const root = this.parseValue(0);
    const next = this.peek();
    if (next.kind !== 'end') {
      throw this.error(next, `unexpected ${describe(next)} after the end of the expression`);
    }
    return root;
  }

  private parseValue(depth: number): ExpressionNode {
    if (depth > MAX_EXPRESSION_NESTING) {
      throw new ExpressionError(
        'limit',
        this.text,
        this.peek().offset + 1,
        `expression nested deeper than ${MAX_EXPRESSION_NESTING} levels`,
      );
    }
    let node = this.parsePrimary(depth);
    // Property and index access chain left to right; each link deepens the tree, so it counts toward the limit.
    let chain = depth;
    for (;;) {
      const next = this.peek();
      if (next.kind === 'dot') {
        this.position++;
        const name = this.peek();
        if (name.kind !== 'identifier')
          throw this.error(name, `expected a property name after '.', found ${describe(name)}`);
        this.position++;
        node = { type: 'property', target: node, name: name.text, offset: next.offset };
      } else if (next.kind === 'lbracket') {
        this.position++;
        const index = this.parseValue(chain + 1);
        this.expect('rbracket', "']' to close the index");
        node = { type: 'index', target: node, index, offset: next.offset };
      } else {
        return node;
      }
      chain++;
      if (chain > MAX_EXPRESSION_NESTING) {
        throw new ExpressionError(
          'limit',
          this.text,
          next.offset + 1,
          `expression nested deeper than ${MAX_EXPRESSION_NESTING} levels`,
        );
      }
    }
  }

  private parsePrimary(depth: number): ExpressionNode {
    const token = this.peek();
    switch (token.kind) {
      case 'string':
        this.position++;
        return { type: 'string', value: token.text, offset: token.offset };
      case 'integer':
        this.position++;
        return { type: 'integer', value: Number(token.text), offset: token.offset };
      case 'identifier':
        return this.parseCallOrKeyword(depth);
      default:
        throw this.error(
          token,
          `expected a value (a function call, a string in single quotes or an integer), found ${describe(token)}`,
        );
    }
  }

  private parseCallOrKeyword(depth: number): ExpressionNode {
    const first = this.peek();
    this.position++;
    let namespace: string | undefined;
    let name = first.text;
    // `ns.fn(` names a user-defined function; a bare identifier cannot have properties, so there is no ambiguity.
    if (
      this.peek().kind === 'dot' &&
      this.peekAt(1).kind === 'identifier' &&
      this.peekAt(2).kind === 'lparen'
    ) {
      namespace = first.text;
      name = this.peekAt(1).text;
      this.position += 2;
    }
    if (this.peek().kind !== 'lparen') {
      const keyword = namespace === undefined ? name.toLowerCase() : '';
      if (keyword === 'true' || keyword === 'false')
        return { type: 'boolean', value: keyword === 'true', offset: first.offset };
      if (keyword === 'null') return { type: 'null', offset: first.offset };
      throw this.error(
        this.peek(),
        `expected '(' after the function name '${name}', found ${describe(this.peek())}`,
      );
    }
    this.position++;
    const args: ExpressionNode[] = [];
    const call: CallNode =
      namespace === undefined
        ? { type: 'call', name, args, offset: first.offset }
        : { type: 'call', namespace, name, args, offset: first.offset };
    if (this.peek().kind === 'rparen') {
      this.position++;
      return call;
    }
    for (;;) {
      args.push(this.parseValue(depth + 1));
      const next = this.peek();
      if (next.kind === 'comma') {
        this.position++;
        continue;
      }
      if (next.kind === 'rparen') {
        this.position++;
        return call;
      }
      throw this.error(
        next,
        `expected ',' or ')' after argument ${args.length} of '${name}', found ${describe(next)}`,
      );
    }
  }

  private expect(kind: TokenKind, what: string): void {
    const token = this.peek();
    if (token.kind !== kind) throw this.error(token, `expected ${what}, found ${describe(token)}`);
    this.position++;
  }

  private peek(): Token {
    return this.peekAt(0);
  }

  private peekAt(ahead: number): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[this.position + ahead] ?? last;
    if (token === undefined) throw new Error('token list without an end token');
    return token;
  }

  private error(token: Token, detail: string): ExpressionError {
    return new ExpressionError('syntax', this.text, token.offset + 1, detail);
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the expression';
    case 'string':
      return 'a string';
    case 'integer':
      return `the integer ${token.text}`;
    case 'identifier':
      return `'${token.text}'`;
    default:
      return `'${token.text}'`;
  }
}
