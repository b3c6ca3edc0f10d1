// Coverage of everything the tests run, also what they run as processes: the action (dist/index.js) and the CLI
// (dist/cli.js) are started as the runner and users start them, so jest alone does not see them.
//
//   npm run coverage
//
// 1. builds a copy of dist/ with source maps into coverage/dist (COVERAGE_BUILD=1; dist/ itself is untouched);
// 2. runs the test suite with jest's coverage for what runs in-process, the process-level tests running
//    coverage/dist with NODE_V8_COVERAGE set, so each child process writes its V8 coverage;
// 3. maps the child processes' coverage back to src/ through the source maps (c8), merges it with jest's, reports
//    per file (coverage/index.html, coverage/coverage-summary.json) and in total, and fails below the thresholds.

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const libCoverage = require('istanbul-lib-coverage');
const libReport = require('istanbul-lib-report');
const reports = require('istanbul-reports');

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'coverage');

/** Below these percentages of src/ (generated types aside) the run fails. */
const THRESHOLDS = { lines: 90, branches: 80 };

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`coverage: ${command} ${args.join(' ')} exited with ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

rmSync(out, { recursive: true, force: true });
run(
  process.execPath,
  [require.resolve('rollup/dist/bin/rollup'), '--config', 'rollup.config.mjs', '--silent'],
  {
    COVERAGE_BUILD: '1',
  },
);
run(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings',
    require.resolve('jest/bin/jest'),
    '--coverage',
    '--coverageReporters=json',
    `--coverageDirectory=${join(out, 'jest')}`,
  ],
  { AKS_IDENTITY_LINT_DIST: join(out, 'dist'), NODE_V8_COVERAGE: join(out, 'v8'), NODE_OPTIONS: '' },
);
run(process.execPath, [
  require.resolve('c8/bin/c8'),
  'report',
  `--temp-directory=${join(out, 'v8')}`,
  `--reports-dir=${join(out, 'processes')}`,
  '--reporter=json',
  '--include=coverage/dist/**',
  // c8 excludes coverage/** by default, where the bundle is; node_modules in it are filtered after the remap.
  '--exclude=**/node_modules/**',
  '--exclude-node-modules=false',
]);

const isSource = (file) =>
  file.startsWith(join(root, 'src') + sep) && file.endsWith('.ts') && !file.endsWith('.generated.ts');
const map = libCoverage.createCoverageMap({});
for (const part of ['jest', 'processes']) {
  const json = JSON.parse(readFileSync(join(out, part, 'coverage-final.json'), 'utf8'));
  map.merge(Object.fromEntries(Object.entries(json).filter(([file]) => isSource(file))));
}
const context = libReport.createContext({ dir: out, coverageMap: map, defaultSummarizer: 'nested' });
for (const reporter of ['html', 'json-summary', 'text-summary']) reports.create(reporter).execute(context);

const total = map.getCoverageSummary();
let failed = false;
for (const [metric, minimum] of Object.entries(THRESHOLDS)) {
  const pct = total[metric].pct;
  if (pct < minimum) {
    console.error(`coverage: ${metric} ${pct}% is below the threshold of ${minimum}%`);
    failed = true;
  }
}
if (failed) process.exit(1);
