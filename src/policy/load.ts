import { UserError } from '../util/user-error.js';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { formatProblem, parseAndCheck, type LocatedProblem } from '../util/validated-json.js';
import { compileCondition, type CompileProblem, type Predicate } from './compile.js';
import { exampleProblems } from './examples.js';
import { parseFieldPath, type FieldPath } from './field-path.js';
import { ModelSchema, type FieldType } from './model-schema.js';
import { validatePolicyValue } from './schema.js';
import type { Severity } from './severity.js';
import { templateFields } from './template.js';
import type { Policy } from './policy-types.generated.js';

export interface CompiledPolicy {
  policy: Policy;
  /** The policy file, relative to the working directory. */
  file: string;
  builtIn: boolean;
  when?: Predicate;
  assert: Predicate;
  /** The entities a failure is caused by, when the policy names them (see the schema's `culprits`). */
  culprits?: { field: FieldPath; where?: Predicate };
  /** A finding's severity by its circumstances, first match wins (the schema's `severityWhen`). */
  severityWhen?: { when: Predicate; severity: Severity }[];
}

/** One problem in one policy file: where (file, JSON pointer, line:column) and what was expected. */
export type PolicyProblem = LocatedProblem;

export class PolicyLoadError extends UserError {
  constructor(readonly problems: PolicyProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PolicyLoadError';
  }
}

export { formatProblem };

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
      problems.push({ file: displayPath(dir), pointer: '', message: 'the policy directory does not exist' });
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
  const parsed = parseAndCheck(text, file, 'a policy object', validatePolicyValue);
  if (parsed.value === undefined) return { problems: parsed.problems };
  const policy = parsed.value as Policy;
  const compileProblems: CompileProblem[] = [];
  const entity = ModelSchema.get().entity(policy.target);
  const when =
    policy.when === undefined
      ? undefined
      : compileCondition(policy.when, ['when'], compileProblems, [entity]);
  const assert = compileCondition(policy.assert, ['assert'], compileProblems, [entity]);
  const culprits = compileCulprits(policy, entity, compileProblems);
  const severityWhen = policy.severityWhen?.map((s, i) => ({
    when: compileCondition(s.when, ['severityWhen', i, 'when'], compileProblems, [entity]),
    severity: s.severity,
  }));
  for (const field of templateFields(policy.message)) {
    const walked = ModelSchema.get().walk(entity, parseFieldPath(field).segments, field);
    if ('problem' in walked) compileProblems.push({ path: ['message'], message: walked.problem });
  }
  compileProblems.push(...exampleProblems(policy));
  if (compileProblems.length > 0) {
    return { problems: compileProblems.map((p) => ({ ...parsed.locate(p.path), message: p.message })) };
  }
  const compiled: CompiledPolicy = { policy, file, builtIn, assert };
  if (when !== undefined) compiled.when = when;
  if (culprits !== undefined) compiled.culprits = culprits;
  if (severityWhen !== undefined) compiled.severityWhen = severityWhen;
  return { policy: compiled, problems: [] };
}

/** The culprits list must hold entities, so that a finding can point at their declarations. */
function compileCulprits(
  policy: Policy,
  entity: FieldType,
  problems: CompileProblem[],
): CompiledPolicy['culprits'] {
  if (policy.culprits === undefined) return undefined;
  const schema = ModelSchema.get();
  const field = parseFieldPath(policy.culprits.field);
  const walked = schema.walk(entity, field.segments, field.text);
  if ('problem' in walked) {
    problems.push({ path: ['culprits', 'field'], message: walked.problem });
    return undefined;
  }
  const last = field.segments[field.segments.length - 1];
  const element = schema.elementOf(walked.type, last !== undefined && 'wildcard' in last);
  if (element?.entity === undefined) {
    problems.push({
      path: ['culprits', 'field'],
      message: `'${field.text}' is not a list of entities (e.g. kubeletRoleAssignments[*]), so it names no declaration to point at`,
    });
    return undefined;
  }
  const where = policy.culprits.where;
  return where === undefined
    ? { field }
    : { field, where: compileCondition(where, ['culprits', 'where'], problems, [entity, element]) };
}

function locate(text: string, file: string, path: (string | number)[]): Omit<PolicyProblem, 'message'> {
  return parseAndCheck(text, file, 'a policy object', () => []).locate(path);
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
