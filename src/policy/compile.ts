import { describeUnknown, isUnknown, MaybeElement } from '../model/unknown.js';
import { parseFieldPath, type FieldPath } from './field-path.js';
import { ModelSchema, type FieldType } from './model-schema.js';
import { applyOperator, OPERATOR_NAMES, type OperatorName } from './operators.js';
import type { Condition, CountCondition, FieldCondition, FieldRef } from './policy-types.generated.js';
import { resolveField, type Scope } from './resolve-field.js';
import { isUnknownTri, triAll, triAny, triNot, type Because, type Tri } from './tristate.js';
import { counted } from '../util/plural.js';

export type Predicate = (scope: Scope) => Tri;

/** A problem the schema cannot express, found while compiling: where ($outer outside a count) and what. */
export interface CompileProblem {
  path: (string | number)[];
  message: string;
}

const COUNT_OPERATORS = [
  'equals',
  'notEquals',
  'greater',
  'greaterOrEquals',
  'less',
  'lessOrEquals',
] as const;
type CountOperator = (typeof COUNT_OPERATORS)[number];

/**
 * The types of the elements a condition sees, outermost (the policy's target entity) first: each count's where adds
 * the type of the element it counts, which `$outer.` steps back out of. Undefined where a type is not known (a
 * count over a field that is already an error), so that one mistake is reported once.
 */
export type Contexts = readonly (FieldType | undefined)[];

/**
 * Compiles a schema-valid condition into a predicate once, so evaluating it over thousands of entities does no
 * parsing. Every field path is checked against the model's schema. Semantic problems are collected, not thrown,
 * so a policy author sees all of them at once.
 */
export function compileCondition(
  condition: Condition,
  path: (string | number)[],
  problems: CompileProblem[],
  contexts: Contexts,
): Predicate {
  if ('allOf' in condition) {
    const parts = condition.allOf.map((c, i) =>
      compileCondition(c, [...path, 'allOf', i], problems, contexts),
    );
    return (scope) => triAll(lazy(parts, scope));
  }
  if ('anyOf' in condition) {
    const parts = condition.anyOf.map((c, i) =>
      compileCondition(c, [...path, 'anyOf', i], problems, contexts),
    );
    return (scope) => triAny(lazy(parts, scope));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, [...path, 'not'], problems, contexts);
    return (scope) => triNot(inner(scope));
  }
  if ('count' in condition) return compileCount(condition, path, problems, contexts);
  return compileField(condition, path, problems, contexts);
}

/** Evaluates lazily so allOf stops at the first false and anyOf at the first true. */
function* lazy(parts: Predicate[], scope: Scope): Generator<Tri> {
  for (const part of parts) yield part(scope);
}

/** A parsed path, checked for where it may reach ($outer) and against the model; its type when it has one. */
function checkedPath(
  text: string,
  where: (string | number)[],
  problems: CompileProblem[],
  contexts: Contexts,
  wildcardAllowed: boolean,
): { parsed: FieldPath; type?: FieldType } {
  const parsed = parseFieldPath(text);
  const depth = contexts.length - 1;
  if (parsed.outerHops > depth) {
    problems.push({
      path: where,
      message:
        depth === 0
          ? `'$outer.' reaches the element enclosing a count's where; '${text}' is not inside one`
          : `'${text}' goes out ${parsed.outerHops} levels, but it is nested in only ${counted(depth, 'count')}`,
    });
    return { parsed };
  }
  if (parsed.hasWildcard && !wildcardAllowed) {
    problems.push({
      path: where,
      message: `'${text}' has [*]; a value to compare with must be a single value`,
    });
  }
  const start = contexts[depth - parsed.outerHops];
  if (start === undefined) return { parsed };
  const walked = ModelSchema.get().walk(start, parsed.segments, text);
  if ('problem' in walked) {
    problems.push({ path: where, message: walked.problem });
    return { parsed };
  }
  return { parsed, type: walked.type };
}

function compileField(
  condition: FieldCondition,
  path: (string | number)[],
  problems: CompileProblem[],
  contexts: Contexts,
): Predicate {
  const field = checkedPath(condition.field, [...path, 'field'], problems, contexts, true).parsed;
  const op = OPERATOR_NAMES.find((name) => name in condition);
  if (op === undefined) {
    problems.push({ path, message: `a field condition needs an operator: ${OPERATOR_NAMES.join(', ')}` });
    return () => false;
  }
  const operand = compileOperand(
    (condition as Record<OperatorName, unknown>)[op],
    [...path, op],
    problems,
    contexts,
  );
  return (scope) => {
    const right = operand(scope);
    const left = resolveField(field, scope);
    if (!left.many)
      return explain(applyOperator(op, left.value, right), [
        [field.text, left.value],
        [operand.text, right],
      ]);
    if (left.collectionUnknown !== undefined) {
      return { unknown: [{ field: field.text, reason: left.collectionUnknown.reason }] };
    }
    return triAll(
      left.values.map((v) =>
        explain(applyOperator(op, v, right), [
          [field.text, v],
          [operand.text, right],
        ]),
      ),
    );
  };
}

type Operand = ((scope: Scope) => unknown) & { text: string };

function compileOperand(
  raw: unknown,
  where: (string | number)[],
  problems: CompileProblem[],
  contexts: Contexts,
): Operand {
  if (isFieldRef(raw)) {
    const ref = checkedPath(raw.field, [...where, 'field'], problems, contexts, false).parsed;
    const resolve = (scope: Scope): unknown => {
      const v = resolveField(ref, scope);
      return v.many ? undefined : v.value;
    };
    return Object.assign(resolve, { text: ref.text });
  }
  return Object.assign(() => raw, { text: 'value' });
}

function isFieldRef(value: unknown): value is FieldRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'field' in value;
}

/** Fills the reasons of an unknown result from whichever side is not known yet. */
function explain(result: Tri, sides: [string, unknown][]): Tri {
  if (!isUnknownTri(result) || result.unknown.length > 0) return result;
  const because: Because[] = [];
  for (const [field, value] of sides) {
    if (isUnknown(value)) because.push({ field, reason: value.reason });
    // A list operand (a scope chain) undecided by one of its elements.
    else if (Array.isArray(value)) {
      for (const item of value as unknown[])
        if (isUnknown(item)) because.push({ field, reason: describeUnknown(item) });
    }
  }
  return { unknown: because };
}

function compileCount(
  condition: CountCondition,
  path: (string | number)[],
  problems: CompileProblem[],
  contexts: Contexts,
): Predicate {
  const fieldPath = [...path, 'count', 'field'];
  const checked = checkedPath(condition.count.field, fieldPath, problems, contexts, true);
  const field = checked.parsed;
  let element: FieldType | undefined;
  if (checked.type !== undefined) {
    const last = field.segments[field.segments.length - 1];
    element = ModelSchema.get().elementOf(checked.type, last !== undefined && 'wildcard' in last);
    if (element === undefined) {
      problems.push({
        path: fieldPath,
        message: `'${field.text}' is not a list, so there is nothing to count`,
      });
    }
  }
  const where =
    condition.count.where === undefined
      ? undefined
      : compileCondition(condition.count.where, [...path, 'count', 'where'], problems, [
          ...contexts,
          element,
        ]);
  const op = COUNT_OPERATORS.find((name) => name in condition);
  if (op === undefined) {
    problems.push({ path, message: `a count needs a comparison: ${COUNT_OPERATORS.join(', ')}` });
    return () => false;
  }
  const target = condition[op] ?? 0;
  return (scope) => {
    const resolved = resolveField(field, scope);
    let elements: unknown[];
    if (resolved.many) {
      if (resolved.collectionUnknown !== undefined) {
        return { unknown: [{ field: field.text, reason: resolved.collectionUnknown.reason }] };
      }
      elements = resolved.values;
    } else if (isUnknown(resolved.value)) {
      return { unknown: [{ field: field.text, reason: resolved.value.reason }] };
    } else {
      elements = Array.isArray(resolved.value) ? (resolved.value as unknown[]) : [];
    }
    let sure = 0;
    let maybe = 0;
    const reasons: Because[] = [];
    const matched: unknown[] = [];
    const outers = [...scope.outers, scope.element];
    for (const element of elements) {
      // An element that may or may not be there (a registry granted to an undecided principal) counts as "maybe".
      if (element instanceof MaybeElement) {
        maybe++;
        reasons.push({ field: field.text, reason: element.reason });
        continue;
      }
      const inner: Scope =
        scope.trace === undefined ? { element, outers } : { element, outers, trace: scope.trace };
      const r = where === undefined ? true : where(inner);
      if (r === true) {
        sure++;
        matched.push(element);
      } else if (isUnknownTri(r)) {
        maybe++;
        reasons.push(...r.unknown);
      }
    }
    const result = countHolds(op, sure, sure + maybe, target, reasons);
    // Counted too many of some kind: the elements it counted are what the failure is about (the grants to remove).
    // A count of everything (no where) blames nothing in particular.
    if (result === false && where !== undefined && scope.trace !== undefined && tooMany(op, sure, target)) {
      scope.trace.push(...matched);
    }
    return result;
  };
}

/** Whether a false count comparison failed because the count is above what it allows. */
function tooMany(op: CountOperator, count: number, target: number): boolean {
  switch (op) {
    case 'equals':
    case 'lessOrEquals':
      return count > target;
    case 'less':
      return count >= target;
    default:
      return false;
  }
}

/** The count lies between min and max; the comparison is decided only if it gives one answer over that range. */
function countHolds(op: CountOperator, min: number, max: number, target: number, reasons: Because[]): Tri {
  const test = (n: number): boolean => {
    switch (op) {
      case 'equals':
        return n === target;
      case 'notEquals':
        return n !== target;
      case 'greater':
        return n > target;
      case 'greaterOrEquals':
        return n >= target;
      case 'less':
        return n < target;
      case 'lessOrEquals':
        return n <= target;
    }
  };
  const first = test(min);
  for (let n = min + 1; n <= max; n++) if (test(n) !== first) return { unknown: reasons };
  return first;
}
