// Mutation-tests part of the code with its own incremental file and report, so that a full measurement can be made
// folder by folder on a machine that cannot give it hours at once:
//   npm run mutate:folder -- suppress 'src/suppress/**/*.ts'
//   npm run mutate:folder -- model 'src/model/permissions.ts' 'src/model/scope.ts'
// Writes reports/stryker-<name>.json (the config it ran), reports/inc-<name>.json (a later run of the same name
// tests only what changed) and reports/mutation/<name>.json. The conformance suite is left out, as in CI's
// critical set, so the score is a lower bound; --with-conformance keeps it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const withConformance = args.includes('--with-conformance');
const [name, ...globs] = args.filter((a) => a !== '--with-conformance');
if (name === undefined || !/^[a-z0-9-]+$/.test(name) || globs.length === 0) {
  console.error(
    "usage: npm run mutate:folder -- <name> <glob...> [--with-conformance]   e.g. suppress 'src/suppress/**/*.ts'",
  );
  process.exit(2);
}

const config = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8'));
config.mutate = [...globs, '!src/**/*.generated.ts'];
if (!withConformance) config.jest.config.testPathIgnorePatterns.push('/__tests__/conformance/');
config.incrementalFile = `reports/inc-${name}.json`;
config.reporters = ['clear-text', 'progress-append-only', 'json'];
config.jsonReporter = { fileName: `reports/mutation/${name}.json` };
delete config.htmlReporter;
mkdirSync(join(root, 'reports'), { recursive: true });
const file = join('reports', `stryker-${name}.json`);
writeFileSync(join(root, file), JSON.stringify(config, null, 2) + '\n');

const run = spawnSync('npx', ['stryker', 'run', file], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
