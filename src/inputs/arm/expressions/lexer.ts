import { ExpressionError } from './errors.js';

export type TokenKind =
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'dot'
  | 'lbracket'
  | 'rbracket'
  | 'string'
  | 'integer'
  | 'identifier'
  | 'end';

export interface Token {
  kind: TokenKind;
  /** The literal's value for strings and integers, the name for identifiers, the symbol otherwise. */
  text: string;
  /** 0-based offset of the token's first character in the whole expression text (outer brackets included). */
  offset: number;
}

const SYMBOLS: Readonly<Record<string, TokenKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  ',': 'comma',
  '.': 'dot',
  '[': 'lbracket',
  ']': 'rbracket',
};

/**
 * Splits the body of an expression (the text between the outer brackets) into tokens. Offsets refer to `source`,
 * the whole expression, so errors can point at the column the user sees in the template.
 */
export function tokenize(source: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const ch = source.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
      i++;
      continue;
    }
    const symbol = SYMBOLS[source[i] ?? ''];
    if (symbol !== undefined) {
      tokens.push({ kind: symbol, text: source[i] ?? '', offset: i });
      i++;
    } else if (ch === 0x27 /* ' */) {
      i = readString(source, i, end, tokens);
    } else if (isDigit(ch) || (ch === 0x2d /* - */ && isDigit(source.charCodeAt(i + 1)) && i + 1 < end)) {
      i = readInteger(source, i, end, tokens);
    } else if (isIdentifierStart(ch)) {
      let j = i + 1;
      while (j < end && isIdentifierPart(source.charCodeAt(j))) j++;
      tokens.push({ kind: 'identifier', text: source.slice(i, j), offset: i });
      i = j;
    } else {
      throw new ExpressionError('syntax', source, i + 1, `unexpected character '${source[i] ?? ''}'`);
    }
  }
  tokens.push({ kind: 'end', text: '', offset: end });
  return tokens;
}

/** A string literal in single quotes, where two single quotes stand for one. */
function readString(source: string, open: number, end: number, tokens: Token[]): number {
  let value = '';
  let i = open + 1;
  for (;;) {
    const close = source.indexOf("'", i);
    if (close === -1 || close >= end) {
      throw new ExpressionError(
        'syntax',
        source,
        open + 1,
        "string literal is not closed: expected a closing '",
      );
    }
    value += source.slice(i, close);
    if (source[close + 1] === "'" && close + 1 < end) {
      value += "'";
      i = close + 2;
      continue;
    }
    tokens.push({ kind: 'string', text: value, offset: open });
    return close + 1;
  }
}

function readInteger(source: string, first: number, end: number, tokens: Token[]): number {
  let j = source[first] === '-' ? first + 1 : first;
  while (j < end && isDigit(source.charCodeAt(j))) j++;
  const text = source.slice(first, j);
  if (!Number.isSafeInteger(Number(text))) {
    throw new ExpressionError('syntax', source, first + 1, `integer ${text} is too large`);
  }
  tokens.push({ kind: 'integer', text, offset: first });
  return j;
}

function isDigit(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}

function isIdentifierStart(ch: number): boolean {
  return (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a) || ch === 0x5f || ch === 0x24;
}

function isIdentifierPart(ch: number): boolean {
  return isIdentifierStart(ch) || isDigit(ch);
}
