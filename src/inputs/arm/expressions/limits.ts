/**
 * Bounds that keep a hostile template from exhausting the stack or the memory. They are far above what real
 * templates need (Azure itself caps a template at 4 MB and a copy loop at 800 iterations).
 */

/** Nesting of one expression's syntax: calls inside calls, indexes inside indexes. */
export const MAX_EXPRESSION_NESTING = 200;

/** Nesting of evaluation across variables, user-defined functions, lambdas and nested JSON values. */
export const MAX_EVALUATION_DEPTH = 200;

/** Nesting of a value (arrays inside objects inside arrays) that functions walk. */
export const MAX_VALUE_DEPTH = 1000;

/** Characters in a string a function builds. */
export const MAX_STRING_LENGTH = 4 * 1024 * 1024;

/** Elements in an array a function builds, and iterations of a copy loop. */
export const MAX_ARRAY_LENGTH = 100_000;

/** Distinct expression texts whose syntax trees are kept; past it the cache starts over. */
export const MAX_CACHED_EXPRESSIONS = 100_000;

/** Syntax-tree nodes being evaluated at once, across variables and functions: a guard for the call stack. */
export const MAX_NODE_NESTING = 800;

/** Iterations of a `copy` loop, as Azure allows. */
export const MAX_COPY_COUNT = 800;
