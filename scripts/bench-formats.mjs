// Measures aks-identity-lint on generated Terraform plans, per size and per output, against the physical floor: a
// Node.js process that only reads and JSON.parses the same file, measured in the same run. Every measurement is a
// whole process (start-up included): the CLI for console, json, sarif and markdown, and the action as the runner
// starts it (dist/index.js with INPUT_* variables) with every channel on, against a GitHub API sink on 127.0.0.1.
// Also the start-up of `dist/cli.js --version` and of dist/index.js with no work to do.
// Run with `npm run bench` after `npm run bundle`. Prints a table; asserts nothing.
//   BENCH_CLUSTERS=400,4000  sizes (clusters; six resources each)      BENCH_RUNS=5  runs per cell (the median is shown)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generatePlan, terraformSource } from './bench/terraform-plan.mjs';

const SIZES = (process.env.BENCH_CLUSTERS ?? '400,4000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = resolve(import.meta.dirname, '..');
const peakRss = pathToFileURL(join(root, 'scripts', 'bench', 'peak-rss.mjs')).href;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs one process to its end: wall time in ms and peak RSS in MiB. Fails loudly on an unexpected exit. */
function measure(args, { env = {}, cwd = root, expect = 0 } = {}) {
  const rssFile = join(work, `rss-${process.hrtime.bigint()}`);
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', peakRss, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => {
      const ms = performance.now() - start;
      if (status !== expect) return fail(new Error(`${args.join(' ')} exited ${status}: ${stderr}`));
      done({ ms, mib: Number(readFileSync(rssFile, 'utf8')) / 1024 });
    });
  });
}

async function medianOf(args, options) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(args, options));
  return { ms: median(runs.map((r) => r.ms)), mib: median(runs.map((r) => r.mib)) };
}

/** A GitHub REST API that accepts what the action sends: enough to put its network work in the measurement. */
function startGitHubSink() {
  let id = 1;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const json = (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url.startsWith('/user'))
        return json(403, { message: 'Resource not accessible by integration' });
      if (req.method === 'GET') return json(200, []);
      json(req.method === 'POST' ? 201 : 200, { id: id++, html_url: `https://github.com/x/${id}` });
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

function actionEnv(dir, apiUrl) {
  const event = join(dir, 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: 1, head: { sha: '0'.repeat(40) } } }));
  for (const f of ['output.txt', 'summary.md']) writeFileSync(join(dir, f), '');
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: apiUrl,
    GITHUB_REPOSITORY: 'bench/infra',
    GITHUB_SHA: '0'.repeat(40),
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_OUTPUT: join(dir, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    'INPUT_GITHUB-TOKEN': 'bench-token',
    INPUT_PATHS: 'plan.json',
    'INPUT_FAIL-ON': 'none',
    INPUT_ANNOTATIONS: 'true',
    INPUT_COMMENT: 'true',
    'INPUT_CHECK-RUN': 'true',
    INPUT_SUMMARY: 'true',
    'INPUT_SARIF-FILE': join(dir, 'out.sarif'),
    'INPUT_JSON-FILE': join(dir, 'out.json'),
    INPUT_BUILTIN: 'true',
  };
}

const FORMATS = ['console', 'json', 'sarif', 'markdown'];
const pad = (text, width) => String(text).padStart(width);
const cell = (m, floor) =>
  `${pad(m.ms.toFixed(0), 6)} ms ${pad((m.ms / floor.ms).toFixed(1), 4)}× ${pad(m.mib.toFixed(0), 5)} MiB`;

const work = mkdtempSync(join(tmpdir(), 'aks-identity-lint-bench-'));
const sink = await startGitHubSink();
try {
  const apiUrl = `http://127.0.0.1:${sink.address().port}`;
  console.log(
    `Node.js ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ` +
      `median of ${RUNS} runs; each cell: wall time, × the read+parse floor, peak RSS`,
  );

  const version = await medianOf(['dist/cli.js', '--version']);
  const idle = join(work, 'idle');
  mkdirSync(idle);
  // No inputs: the action starts, reads its inputs and stops with a clear error (exit 1) — start-up alone.
  const actionStart = await medianOf([join(root, 'dist', 'index.js')], {
    env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: idle, GITHUB_OUTPUT: join(idle, 'o'), INPUT_PATHS: '' },
    cwd: idle,
    expect: 1,
  });
  console.log(
    `\nstart-up: dist/cli.js --version ${version.ms.toFixed(0)} ms (${version.mib.toFixed(0)} MiB); ` +
      `dist/index.js ${actionStart.ms.toFixed(0)} ms (${actionStart.mib.toFixed(0)} MiB)`,
  );

  const width = cell({ ms: 0, mib: 0 }, { ms: 1 }).length;
  const floorCell = (m) => `${pad(m.ms.toFixed(0), 6)} ms ${pad(m.mib.toFixed(0), 5)} MiB`;
  const header = [
    'clusters',
    '   MB',
    'read+parse floor'.padEnd(floorCell({ ms: 0, mib: 0 }).length),
    ...FORMATS.map((f) => f.padEnd(width)),
    'action, every channel'.padEnd(width),
  ];
  console.log(`\n${header.join(' | ')}`);
  console.log(header.map((h) => '-'.repeat(h.length)).join('-|-'));
  let previous;
  for (const clusters of SIZES) {
    const dir = join(work, String(clusters));
    mkdirSync(dir);
    const plan = generatePlan(clusters);
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    writeFileSync(join(dir, 'main.tf'), terraformSource(plan));
    const mb = statSync(file).size / 1e6;
    const floor = await medianOf([
      '-e',
      "JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'))",
      file,
    ]);
    const cells = [];
    for (const format of FORMATS) {
      const args = ['dist/cli.js', 'scan', file, '--no-config', '--format', format, '--fail-on', 'none'];
      cells.push(await medianOf([...args, '--output', join(dir, `out.${format}`)]));
    }
    cells.push(await medianOf([join(root, 'dist', 'index.js')], { env: actionEnv(dir, apiUrl), cwd: dir }));
    console.log(
      [pad(clusters, 8), pad(mb.toFixed(1), 5), floorCell(floor)]
        .concat(cells.map((m) => cell(m, floor)))
        .join(' | '),
    );
    previous?.growth.push(
      `${clusters / previous.clusters}× the input: ` +
        FORMATS.concat('action')
          .map((f, i) => `${f} ${(cells[i].ms / previous.cells[i].ms).toFixed(1)}×`)
          .join(', '),
    );
    previous = { clusters, cells, growth: previous?.growth ?? [] };
  }
  for (const line of previous?.growth ?? []) console.log(`\ntime growth from the previous size, ${line}`);
} finally {
  sink.close();
  rmSync(work, { recursive: true, force: true });
}
