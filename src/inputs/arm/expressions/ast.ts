/**
 * The syntax tree of one expression. `offset` is the 0-based position of the node's first character in the whole
 * expression text, outer brackets included; columns in errors are `offset + 1`.
 */
export type ExpressionNode =
  StringNode | IntegerNode | BooleanNode | NullNode | CallNode | PropertyNode | IndexNode;

export interface StringNode {
  type: 'string';
  value: string;
  offset: number;
}

export interface IntegerNode {
  type: 'integer';
  value: number;
  offset: number;
}

/** A bare `true` or `false`, which Azure accepts as well as the functions `true()` and `false()`. */
export interface BooleanNode {
  type: 'boolean';
  value: boolean;
  offset: number;
}

/** A bare `null`, accepted like `null()`. */
export interface NullNode {
  type: 'null';
  offset: number;
}

export interface CallNode {
  type: 'call';
  /** The namespace of a user-defined function (`ns.fn(...)`), absent for built-in functions. */
  namespace?: string;
  name: string;
  args: ExpressionNode[];
  offset: number;
}

/** `target.name` */
export interface PropertyNode {
  type: 'property';
  target: ExpressionNode;
  name: string;
  offset: number;
}

/** `target[index]`, where index is an integer (arrays) or a string (object properties). */
export interface IndexNode {
  type: 'index';
  target: ExpressionNode;
  index: ExpressionNode;
  offset: number;
}

/** A template string after the bracket rules: a literal, or an expression to evaluate. */
export type TemplateString =
  { kind: 'literal'; value: string } | { kind: 'expression'; text: string; root: ExpressionNode };
