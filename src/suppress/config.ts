import { UserError } from '../util/user-error.js';
import { readFileSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../package-files.js';
import type { CompiledPolicy } from '../policy/load.js';
import { SchemaValidator } from '../util/schema-validator.js';
import { formatProblem, parseAndCheck, type LocatedProblem } from '../util/validated-json.js';
import type { Config } from './config-types.generated.js';

export type { Config };

export const CONFIG_FILE_NAME = '.aks-identity-lint.json';

export class ConfigError extends UserError {
  constructor(readonly problems: LocatedProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  /** The file as reported to the user. */
  file: string;
  /** Directory that the config's relative paths are relative to. */
  dir: string;
  config: Config;
  /** Where a JSON path of the config is written, for problems found after validation. */
  locate: (path: (string | number)[]) => Omit<LocatedProblem, 'message'>;
}

/** The config file in `start` or the nearest directory above it, if any. */
export async function findConfig(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (
      await access(candidate).then(
        () => true,
        () => false,
      )
    )
      return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

let validator: SchemaValidator | undefined;

/** Reads and validates a config file against schema/config.schema.json; every problem is located in the file. */
export async function loadConfig(path: string, cwd: string): Promise<LoadedConfig> {
  const display = displayPath(path, cwd);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new ConfigError([{ file: display, pointer: '', message: 'cannot read the config file' }]);
  });
  validator ??= new SchemaValidator(
    JSON.parse(readFileSync(join(packageRoot(), 'schema', 'config.schema.json'), 'utf8')) as { $id: string },
  );
  const v = validator;
  const parsed = parseAndCheck(text, display, 'a config object', (value) => v.validate(value));
  if (parsed.value === undefined) throw new ConfigError(parsed.problems);
  return {
    file: display,
    dir: dirname(resolve(path)),
    config: parsed.value as Config,
    locate: parsed.locate,
  };
}

/** The config's paths, resolved against its directory. */
export function configPaths(loaded: LoadedConfig, paths: readonly string[] | undefined): string[] {
  return (paths ?? []).map((p) => resolve(loaded.dir, p));
}

/**
 * Applies the config's per-policy settings: disabled policies are dropped, severities overridden. A setting or a
 * waiver for a policy that is not loaded is an error: it is a typo that would silently do nothing.
 */
export function applyPolicySettings(
  policies: CompiledPolicy[],
  loaded: LoadedConfig | undefined,
): CompiledPolicy[] {
  if (loaded === undefined) return policies;
  const ids = new Set(policies.map((p) => p.policy.id.toUpperCase()));
  const problems: LocatedProblem[] = [];
  for (const id of Object.keys(loaded.config.policies ?? {})) {
    if (!ids.has(id.toUpperCase()))
      problems.push({ ...loaded.locate(['policies', id]), message: `no policy ${id} is loaded` });
  }
  (loaded.config.waivers ?? []).forEach((w, i) => {
    if (!ids.has(w.policy.toUpperCase()))
      problems.push({
        ...loaded.locate(['waivers', i, 'policy']),
        message: `no policy ${w.policy} is loaded`,
      });
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const settings = new Map(
    Object.entries(loaded.config.policies ?? {}).map(([id, s]) => [id.toUpperCase(), s]),
  );
  return policies.flatMap((p) => {
    const s = settings.get(p.policy.id.toUpperCase());
    if (s?.enabled === false) return [];
    if (s?.severity === undefined) return [p];
    // The config's severity is the team's word: it replaces the policy's own, circumstances included.
    const overridden: CompiledPolicy = { ...p, policy: { ...p.policy, severity: s.severity } };
    delete overridden.severityWhen;
    return [overridden];
  });
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(path));
  return rel.startsWith('..') ? resolve(path) : rel.split(sep).join('/');
}
