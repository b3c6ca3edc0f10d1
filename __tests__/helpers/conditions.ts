import { compileCondition, type CompileProblem } from '../../src/policy/compile.js';
import type { Condition } from '../../src/policy/policy-types.generated.js';
import type { Tri } from '../../src/policy/tristate.js';

/** Engine tests use elements of their own, not model entities: their fields are not checked against the model. */
const UNCHECKED = [undefined];

/** Compiles a condition (failing the test on any compile problem) and evaluates it on an element. */
export function evaluate(condition: Condition, element: unknown): Tri {
  const problems: CompileProblem[] = [];
  const predicate = compileCondition(condition, [], problems, UNCHECKED);
  if (problems.length > 0) throw new Error(`compile problems: ${JSON.stringify(problems)}`);
  return predicate({ element, outers: [] });
}

export function compileProblems(condition: Condition): CompileProblem[] {
  const problems: CompileProblem[] = [];
  compileCondition(condition, [], problems, UNCHECKED);
  return problems;
}

/** 'unknown' for an undecided result, so expectations read as a truth table. */
export function verdict(t: Tri): boolean | 'unknown' {
  return typeof t === 'object' ? 'unknown' : t;
}
