import { U as UserError } from './user-error-D43ktBPC.js';
import { readFileSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { resolve, join, dirname, relative, sep } from 'node:path';
import { a as packageRoot } from './package-files-C8QwCCUf.js';
import { f as formatProblem, S as SchemaValidator, p as parseAndCheck } from './validated-json-CLCVuNXn.js';

const CONFIG_FILE_NAME = '.aks-identity-lint.json';
class ConfigError extends UserError {
    problems;
    constructor(problems) {
        super(problems.map(formatProblem).join('\n'));
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
/** The config file in `start` or the nearest directory above it, if any. */
async function findConfig(start) {
    let dir = resolve(start);
    for (;;) {
        const candidate = join(dir, CONFIG_FILE_NAME);
        if (await access(candidate).then(() => true, () => false))
            return candidate;
        const parent = dirname(dir);
        if (parent === dir)
            return undefined;
        dir = parent;
    }
}
let validator;
/** Reads and validates a config file against schema/config.schema.json; every problem is located in the file. */
async function loadConfig(path, cwd) {
    const display = displayPath(path, cwd);
    const text = await readFile(path, 'utf8').catch(() => {
        throw new ConfigError([{ file: display, pointer: '', message: 'cannot read the config file' }]);
    });
    validator ??= new SchemaValidator(JSON.parse(readFileSync(join(packageRoot(), 'schema', 'config.schema.json'), 'utf8')));
    const v = validator;
    const parsed = parseAndCheck(text, display, 'a config object', (value) => v.validate(value));
    if (parsed.value === undefined)
        throw new ConfigError(parsed.problems);
    return {
        file: display,
        dir: dirname(resolve(path)),
        config: parsed.value,
        locate: parsed.locate,
    };
}
/** The config's paths, resolved against its directory. */
function configPaths(loaded, paths) {
    return (paths ?? []).map((p) => resolve(loaded.dir, p));
}
/**
 * Applies the config's per-policy settings: disabled policies are dropped, severities overridden. A setting or a
 * waiver for a policy that is not loaded is an error: it is a typo that would silently do nothing.
 */
function applyPolicySettings(policies, loaded) {
    if (loaded === undefined)
        return policies;
    const ids = new Set(policies.map((p) => p.policy.id.toUpperCase()));
    const problems = [];
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
    if (problems.length > 0)
        throw new ConfigError(problems);
    const settings = new Map(Object.entries(loaded.config.policies ?? {}).map(([id, s]) => [id.toUpperCase(), s]));
    return policies.flatMap((p) => {
        const s = settings.get(p.policy.id.toUpperCase());
        if (s?.enabled === false)
            return [];
        if (s?.severity === undefined)
            return [p];
        // The config's severity is the team's word: it replaces the policy's own, circumstances included.
        const overridden = { ...p, policy: { ...p.policy, severity: s.severity } };
        delete overridden.severityWhen;
        return [overridden];
    });
}
function displayPath(path, cwd) {
    const rel = relative(cwd, resolve(path));
    return rel.startsWith('..') ? resolve(path) : rel.split(sep).join('/');
}

export { CONFIG_FILE_NAME as C, applyPolicySettings as a, configPaths as c, findConfig as f, loadConfig as l };
