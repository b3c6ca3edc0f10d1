import { isUnknown } from '../../model/unknown.js';
import { isObject } from '../json-value.js';
import type { ExpressionNode } from './expressions/ast.js';
import { isExpressionText, parseTemplateString, type ArmValue } from './expressions/index.js';

/**
 * Where a value comes from, as far as the template tells: written in it (a literal, a parameter default, a variable
 * built from those), from outside it (a parameter the caller gives, a Key Vault reference, a value read at
 * deployment), or a mix the adapter cannot untangle. `pointer` is where the written value is, for code.
 */
export interface Origin {
  kind: 'code' | 'outside' | 'unknown';
  pointer?: string;
}

export interface OriginContext {
  /** Origins of the template's parameters, by lower-case name. */
  parameters: ReadonlyMap<string, Origin>;
  /** The template's variables as written. */
  variables: Readonly<Record<string, unknown>>;
}

/** Stands for a parameter or variable whose name is computed: its origin is unknown. */
const UNFOLLOWED = '\u0000';

/** Functions whose results are read from Azure at deployment, not written in the template. */
const RUNTIME_FUNCTION = /^(reference|list.*|newguid|utcnow|deployer)$/i;

/**
 * The origin of the value written at `pointer` (`raw`, as written) whose evaluated value is `evaluated`, or
 * undefined when there is no value (null, empty). A value built from both written and outside parts is unknown:
 * which part ends up in it depends on how the expression combines them.
 */
export function originOf(
  raw: unknown,
  pointer: string,
  evaluated: ArmValue | undefined,
  context: OriginContext,
): Origin | undefined {
  if (evaluated === undefined || evaluated === null || evaluated === '') return undefined;
  if (typeof raw !== 'string' || !isExpressionText(raw)) return { kind: 'code', pointer };
  const uses = expressionUses(raw, context);
  if (uses === undefined) return { kind: 'unknown' };
  const only = uses.parameters.size === 1 && uses.variables.size === 0 && !uses.runtime && uses.direct;
  const origins = [...uses.parameters].map((p) => context.parameters.get(p) ?? { kind: 'unknown' as const });
  if (only && origins[0] !== undefined) return origins[0];
  const code = origins.filter((o) => o.kind === 'code');
  const outside = uses.runtime || origins.some((o) => o.kind === 'outside');
  const unclear = origins.some((o) => o.kind === 'unknown');
  if (unclear || (outside && code.length > 0)) return { kind: 'unknown' };
  if (outside) return { kind: 'outside' };
  // Known, or unknown only through a written part: both mean the value is written in the template.
  if (isUnknown(evaluated) && uses.parameters.size + uses.variables.size === 0) return { kind: 'unknown' };
  return code.length === 1 && uses.variables.size === 0 && code[0]?.pointer !== undefined
    ? { kind: 'code', pointer: code[0].pointer }
    : { kind: 'code', pointer };
}

interface Uses {
  parameters: Set<string>;
  variables: Set<string>;
  runtime: boolean;
  /** The expression is exactly `parameters('x')`. */
  direct: boolean;
}

/** The parameters (also through variables) and runtime functions an expression uses; undefined if it does not parse. */
function expressionUses(text: string, context: OriginContext): Uses | undefined {
  const uses: Uses = { parameters: new Set(), variables: new Set(), runtime: false, direct: false };
  try {
    const parsed = parseTemplateString(text);
    if (parsed.kind === 'literal') return uses;
    const root = parsed.root;
    uses.direct = root.type === 'call' && root.name.toLowerCase() === 'parameters';
    visit(root, uses);
  } catch {
    return undefined;
  }
  // Variables are written in the template, but may be built from parameters: follow them, each once.
  const pending = [...uses.variables];
  const seen = new Set(pending);
  while (pending.length > 0) {
    const name = pending.pop() ?? '';
    const definition = Object.entries(context.variables).find(([k]) => k.toLowerCase() === name)?.[1];
    for (const inner of expressionsIn(definition)) {
      const nested: Uses = { parameters: new Set(), variables: new Set(), runtime: false, direct: false };
      try {
        const parsed = parseTemplateString(inner);
        if (parsed.kind === 'expression') visit(parsed.root, nested);
      } catch {
        return undefined;
      }
      nested.parameters.forEach((p) => uses.parameters.add(p));
      uses.runtime ||= nested.runtime;
      for (const v of nested.variables) {
        if (!seen.has(v)) {
          seen.add(v);
          pending.push(v);
        }
      }
    }
  }
  return uses;
}

function visit(node: ExpressionNode, uses: Uses): void {
  switch (node.type) {
    case 'call': {
      const name = node.name.toLowerCase();
      const [first] = node.args;
      if (node.namespace === undefined && (name === 'parameters' || name === 'variables')) {
        // A name computed at deployment cannot be followed: an origin no parameter has stands for it.
        const target = name === 'parameters' ? uses.parameters : uses.variables;
        target.add(first?.type === 'string' ? first.value.toLowerCase() : UNFOLLOWED);
      }
      if (node.namespace === undefined && RUNTIME_FUNCTION.test(name)) uses.runtime = true;
      node.args.forEach((arg) => {
        visit(arg, uses);
      });
      return;
    }
    case 'property':
      visit(node.target, uses);
      return;
    case 'index':
      visit(node.target, uses);
      visit(node.index, uses);
      return;
    default:
      return;
  }
}

function expressionsIn(value: unknown): string[] {
  if (typeof value === 'string') return isExpressionText(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(expressionsIn);
  if (isObject(value)) return Object.values(value).flatMap(expressionsIn);
  return [];
}
