import { Unknown } from '../../model/unknown.js';
import {
  Evaluator,
  ExpressionError,
  parseTemplateString,
  type ArmValue,
  type CopyState,
  type ExpressionNode,
} from './expressions/index.js';

/** Deeper than this, a failing expression is left unknown as a whole. */
const MAX_RECOVERY_DEPTH = 12;

/**
 * Compiled Bicep often builds a whole value (a cluster's `properties`) with one expression:
 * `union(createObject('aadProfile', …, 'disableLocalAccounts', …), if(…), …)`. An error in one corner of it (a
 * parameter the template does not declare, a malformed pair) would make the whole value unknown. When the whole
 * expression fails, its object- and array-building calls (createObject, union, if, createArray) are evaluated
 * part by part instead, so that only the parts that fail are unknown, each naming its error. A pair of
 * createObject without a key is dropped: there is no key to keep its value under.
 */
export function evaluateRecovering(
  evaluator: Evaluator,
  text: string,
  copy: CopyState | undefined,
  describe: (error: ExpressionError) => string,
): ArmValue {
  let root: ExpressionNode;
  try {
    const parsed = parseTemplateString(text);
    if (parsed.kind === 'literal') return parsed.value;
    root = parsed.root;
  } catch (error) {
    if (error instanceof ExpressionError) return new Unknown(describe(error));
    throw error;
  }
  return new Recovery(evaluator, copy, describe).value(root, text.slice(1, -1), 1, 0);
}

class Recovery {
  constructor(
    private readonly evaluator: Evaluator,
    private readonly copy: CopyState | undefined,
    private readonly describe: (error: ExpressionError) => string,
  ) {}

  /** The value of the sub-expression `source` (the text of `node`), recovering inside it when it fails. */
  value(node: ExpressionNode, source: string, base: number, depth: number): ArmValue {
    try {
      return this.evaluator.evaluate(`[${source}]`, this.copy === undefined ? {} : { copy: this.copy });
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const failed = new Unknown(this.describe(error));
      if (node.type !== 'call' || node.namespace !== undefined || depth >= MAX_RECOVERY_DEPTH) return failed;
      const args = argumentTexts(source, node.offset - base);
      if (args === undefined || args.length !== node.args.length) return failed;
      const part = (i: number): ArmValue => {
        const arg = node.args[i];
        const text = args[i];
        return arg === undefined || text === undefined
          ? null
          : this.value(arg, text.text, base + text.start, depth + 1);
      };
      switch (node.name.toLowerCase()) {
        case 'createobject':
          return this.combine('createObject', node.args.length - (node.args.length % 2), part) ?? failed;
        case 'union':
        case 'createarray':
          return this.combine(node.name, node.args.length, part) ?? failed;
        case 'if': {
          const condition = part(0);
          return typeof condition === 'boolean' ? part(condition ? 1 : 2) : failed;
        }
        default:
          return failed;
      }
    }
  }

  /** `fn(a0, a1, …)` over the recovered values of the first `count` arguments. */
  private combine(fn: string, count: number, part: (i: number) => ArmValue): ArmValue | undefined {
    const parameters: Record<string, ArmValue> = {};
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      parameters[`a${i}`] = part(i);
      names.push(`parameters('a${i}')`);
    }
    try {
      return new Evaluator({ parameters }).evaluate(`[${fn}(${names.join(', ')})]`);
    } catch (error) {
      if (error instanceof ExpressionError) return undefined;
      throw error;
    }
  }
}

/**
 * The texts of a call's arguments, with where each starts in `source`: the call's name starts at `start`, its
 * arguments follow in parentheses, split at commas outside strings, parentheses and brackets.
 */
function argumentTexts(source: string, start: number): { text: string; start: number }[] | undefined {
  const open = source.indexOf('(', start);
  if (open === -1) return undefined;
  const args: { text: string; start: number }[] = [];
  let depth = 0;
  let inString = false;
  let from = open + 1;
  const push = (end: number): void => {
    const raw = source.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim() !== '') args.push({ text: raw.trim(), start: from + lead });
  };
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === "'") {
        if (source[i + 1] === "'") i++;
        else inString = false;
      }
      continue;
    }
    if (c === "'") inString = true;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      if (depth === 0) {
        push(i);
        return args;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  return undefined;
}
