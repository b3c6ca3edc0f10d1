import { FunctionArgumentError } from './errors.js';
import { MAX_VALUE_DEPTH } from './limits.js';
import { setProperty, type ArmObject, type ArmValue } from './values.js';

/**
 * Parses the text given to `json()`. Azure reads it with Json.NET, which is lenient where templates rely on it:
 * strings in single quotes (`json('{''a'': ''b''}')`, as the docs show) and property names without quotes. Anything
 * else follows JSON. Nesting is bounded.
 */
export function parseJsonText(text: string): ArmValue {
  const reader = new JsonReader(text);
  reader.skipSpace();
  const value = reader.readValue(0);
  reader.skipSpace();
  if (!reader.atEnd()) throw reader.fail('unexpected text after the JSON value');
  return value;
}

class JsonReader {
  private position = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position] ?? '')) this.position++;
  }

  fail(detail: string): FunctionArgumentError {
    return new FunctionArgumentError(`not valid JSON at character ${this.position + 1}: ${detail}`);
  }

  readValue(depth: number): ArmValue {
    if (depth > MAX_VALUE_DEPTH)
      throw new FunctionArgumentError(`JSON nested deeper than ${MAX_VALUE_DEPTH} levels`, 'limit');
    const ch = this.text[this.position];
    if (ch === '{') return this.readObject(depth);
    if (ch === '[') return this.readArray(depth);
    if (ch === '"' || ch === "'") return this.readString();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.readNumber();
    const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.text.slice(this.position, this.position + 64))?.[0];
    if (word === 'true' || word === 'false' || word === 'null') {
      this.position += word.length;
      return word === 'null' ? null : word === 'true';
    }
    throw this.fail(ch === undefined ? 'expected a value, found the end' : `unexpected '${ch}'`);
  }

  private readObject(depth: number): ArmObject {
    const out: ArmObject = {};
    this.position++;
    this.skipSpace();
    if (this.text[this.position] === '}') {
      this.position++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const key = this.readKey();
      this.skipSpace();
      if (this.text[this.position] !== ':') throw this.fail("expected ':' after a property name");
      this.position++;
      this.skipSpace();
      setProperty(out, key, this.readValue(depth + 1));
      this.skipSpace();
      const next = this.text[this.position];
      this.position++;
      if (next === '}') return out;
      if (next !== ',') throw this.fail("expected ',' or '}' in an object");
    }
  }

  private readKey(): string {
    const ch = this.text[this.position];
    if (ch === '"' || ch === "'") return this.readString();
    const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.text.slice(this.position, this.position + 256))?.[0];
    if (word === undefined) throw this.fail('expected a property name');
    this.position += word.length;
    return word;
  }

  private readArray(depth: number): ArmValue[] {
    const out: ArmValue[] = [];
    this.position++;
    this.skipSpace();
    if (this.text[this.position] === ']') {
      this.position++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      out.push(this.readValue(depth + 1));
      this.skipSpace();
      const next = this.text[this.position];
      this.position++;
      if (next === ']') return out;
      if (next !== ',') throw this.fail("expected ',' or ']' in an array");
    }
  }

  private readString(): string {
    const quote = this.text[this.position];
    this.position++;
    let out = '';
    for (;;) {
      const ch = this.text[this.position];
      if (ch === undefined) throw this.fail('string is not closed');
      this.position++;
      if (ch === quote) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const escaped = this.text[this.position];
      if (escaped === undefined) throw this.fail('string is not closed');
      this.position++;
      switch (escaped) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          const hex = this.text.slice(this.position, this.position + 4);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw this.fail('\\u must be followed by 4 hex digits');
          out += String.fromCharCode(parseInt(hex, 16));
          this.position += 4;
          break;
        }
        default:
          out += escaped;
      }
    }
  }

  private readNumber(): number {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.position, this.position + 400));
    if (match === null) throw this.fail('malformed number');
    this.position += match[0].length;
    const value = Number(match[0]);
    if (!Number.isFinite(value)) throw this.fail('number out of range');
    return value;
  }
}
