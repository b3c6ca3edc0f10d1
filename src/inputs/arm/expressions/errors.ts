/**
 * A malformed expression, a call with the wrong arguments, or a template that cannot be evaluated. It names the
 * expression text and the 1-based column inside it; the adapter that read the template adds the file and JSON path.
 * Its message is one line meant for users: never a stack trace.
 */
export type ExpressionErrorKind =
  /** The text is not a well-formed expression. */
  | 'syntax'
  /** A function got the wrong number or type of arguments, or an argument out of range. */
  | 'argument'
  /** A name the expression uses does not exist: a parameter, a variable, a property, a function. */
  | 'reference'
  /** A limit that protects against hostile templates was reached: nesting depth, value size. */
  | 'limit';

export class ExpressionError extends Error {
  constructor(
    readonly kind: ExpressionErrorKind,
    /** The expression text as it appears in the template, brackets included. */
    readonly expression: string,
    /** 1-based column inside `expression` where the problem is. */
    readonly column: number,
    /** What was expected or what went wrong, as a sentence fragment. */
    readonly detail: string,
    /**
     * Where the failing string is inside the value given to `evaluateJson` (property names and array indexes);
     * empty for a single expression. The adapter turns it into a JSON pointer.
     */
    readonly jsonPath: readonly (string | number)[] = [],
  ) {
    super(`${detail} (column ${column} of ${quoteForMessage(expression)})`);
    this.name = 'ExpressionError';
  }

  /** The same error, located at `jsonPath`. */
  at(jsonPath: readonly (string | number)[]): ExpressionError {
    return new ExpressionError(this.kind, this.expression, this.column, this.detail, jsonPath);
  }

  /**
   * The same error with the variable or function it happened in, and no location. Only the innermost context is
   * kept: the expression text belongs to it, and a chain of 200 names would not help anyone.
   */
  within(context: string): ExpressionError {
    const detail = /^in (variable|function) '/.test(this.detail) ? this.detail : `${context}: ${this.detail}`;
    return new ExpressionError(this.kind, this.expression, this.column, detail);
  }
}

/** Long expressions are cut so the one-line message stays readable. */
function quoteForMessage(text: string): string {
  const max = 160;
  return text.length <= max ? `"${text}"` : `"${text.slice(0, max)}…"`;
}

/** Thrown by function implementations, which do not know where they were called; the evaluator adds the place. */
export class FunctionArgumentError extends Error {
  constructor(
    readonly detail: string,
    readonly kind: ExpressionErrorKind = 'argument',
  ) {
    super(detail);
    this.name = 'FunctionArgumentError';
  }
}
