import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { jsonPointer, lineColumn, locateInTree } from '../util/json-location.js';
import { compileCondition, type CompileProblem, type Predicate } from './compile.js';
import { validatePolicyValue } from './schema.js';
import type { Policy } from './policy-types.generated.js';

export interface CompiledPolicy {
  policy: Policy;
  /** The policy file, relative to the working directory. */
  file: string;
  builtIn: boolean;
  when?: Predicate;
  assert: Predicate;
}

/** One problem in one policy file: where (file, JSON pointer, line:column) and what was expected. */
export interface PolicyProblem {
  file: string;
  pointer: string;
  line?: number;
  column?: number;
  message: string;
}

export class PolicyLoadError extends Error {
  constructor(readonly problems: PolicyProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PolicyLoadError';
  }
}

export function formatProblem(p: PolicyProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${where}${p.pointer === '' ? '' : ` ${p.pointer}`}: ${p.message}`;
}

export interface PolicySource {
  dir: string;
  builtIn: boolean;
}

/**
 * Loads every policy file (*.json, searched recursively) of the given directories, validates each against
 * schema/policy.schema.json and compiles it. All problems of all files are reported together, and nothing runs
 * when there is any: a half-loaded policy set would pass what it should fail.
 */
export async function loadPolicies(sources: readonly PolicySource[]): Promise<CompiledPolicy[]> {
  const problems: PolicyProblem[] = [];
  const policies: CompiledPolicy[] = [];
  const seen = new Map<string, string>();
  for (const source of sources) {
    const dir = resolve(source.dir);
    const info = await stat(dir).catch(() => undefined);
    if (info?.isDirectory() !== true) {
      problems.push({ file: source.dir, pointer: '', message: 'the policy directory does not exist' });
      continue;
    }
    for (const path of await policyFiles(dir)) {
      const file = displayPath(path);
      const text = await readFile(path, 'utf8');
      const loaded = compilePolicyText(text, file, source.builtIn);
      problems.push(...loaded.problems);
      if (loaded.policy === undefined) continue;
      const id = loaded.policy.policy.id;
      const other = seen.get(id.toUpperCase());
      if (other !== undefined) {
        problems.push({
          ...locate(text, file, ['id']),
          message: `duplicate policy ID ${id} (also in ${other})`,
        });
        continue;
      }
      seen.set(id.toUpperCase(), file);
      policies.push(loaded.policy);
    }
  }
  if (problems.length > 0) throw new PolicyLoadError(problems);
  return policies.sort((a, b) => a.policy.id.localeCompare(b.policy.id));
}

/** Parses, validates and compiles one policy document. */
export function compilePolicyText(
  text: string,
  file: string,
  builtIn: boolean,
): { policy?: CompiledPolicy; problems: PolicyProblem[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const firstError = errors[0];
  if (firstError !== undefined || tree === undefined) {
    const offset = firstError?.offset ?? 0;
    const { line, column } = lineColumn(text, offset);
    const what = firstError === undefined ? 'empty file' : printParseErrorCode(firstError.error);
    return {
      problems: [
        { file, pointer: '', line, column, message: `not valid JSON (${what}); expected a policy object` },
      ],
    };
  }
  const value = JSON.parse(text) as unknown;
  const schemaProblems = validatePolicyValue(value);
  if (schemaProblems.length > 0) {
    return {
      problems: schemaProblems.map((p) => ({ ...locateIn(tree, text, file, p.path), message: p.message })),
    };
  }
  const policy = value as Policy;
  const compileProblems: CompileProblem[] = [];
  const when =
    policy.when === undefined ? undefined : compileCondition(policy.when, ['when'], compileProblems);
  const assert = compileCondition(policy.assert, ['assert'], compileProblems);
  if (compileProblems.length > 0) {
    return {
      problems: compileProblems.map((p) => ({ ...locateIn(tree, text, file, p.path), message: p.message })),
    };
  }
  const compiled: CompiledPolicy = { policy, file, builtIn, assert };
  if (when !== undefined) compiled.when = when;
  return { policy: compiled, problems: [] };
}

function locate(text: string, file: string, path: (string | number)[]): Omit<PolicyProblem, 'message'> {
  const tree = parseTree(text);
  return tree === undefined ? { file, pointer: jsonPointer(path) } : locateIn(tree, text, file, path);
}

function locateIn(
  tree: Node,
  text: string,
  file: string,
  path: (string | number)[],
): Omit<PolicyProblem, 'message'> {
  return { file, pointer: jsonPointer(path), ...locateInTree(tree, text, path) };
}

async function policyFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
      files.push(...(await policyFiles(path)));
    } else if (entry.isFile() && entry.name.endsWith('.json')) files.push(path);
  }
  return files;
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel.split(sep).join('/');
}
