import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { jsonPointer, lineColumn, locateInTree } from './json-location.js';
import type { SchemaProblem } from './schema-validator.js';

/** A problem in a JSON file a user wrote (a policy, the config): file, JSON pointer, line:column, what was expected. */
export interface LocatedProblem {
  file: string;
  pointer: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(p: LocatedProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${where}${p.pointer === '' ? '' : ` ${p.pointer}`}: ${p.message}`;
}

/**
 * Parses JSON keeping positions, then runs `check` on the value; every problem comes back located in the text.
 * `what` names the expected document in a syntax error ("a policy object").
 */
export function parseAndCheck(
  text: string,
  file: string,
  what: string,
  check: (value: unknown) => SchemaProblem[],
): {
  value?: unknown;
  problems: LocatedProblem[];
  locate: (path: (string | number)[]) => Omit<LocatedProblem, 'message'>;
} {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const locate = (path: (string | number)[]): Omit<LocatedProblem, 'message'> =>
    tree === undefined
      ? { file, pointer: jsonPointer(path) }
      : { file, pointer: jsonPointer(path), ...locateInTree(tree, text, path) };
  const first = errors[0];
  if (first !== undefined || tree === undefined) {
    const { line, column } = lineColumn(text, first?.offset ?? 0);
    const why = first === undefined ? 'empty file' : printParseErrorCode(first.error);
    return {
      problems: [{ file, pointer: '', line, column, message: `not valid JSON (${why}); expected ${what}` }],
      locate,
    };
  }
  const value = JSON.parse(text) as unknown;
  const problems = check(value).map((p) => ({ ...locate(p.path), message: p.message }));
  return problems.length > 0 ? { problems, locate } : { value, problems, locate };
}
