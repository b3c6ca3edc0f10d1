import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli as cliMain } from '../../src/cli/run.js';
import { repoRoot } from './fixtures.js';
import type { JsonReport } from '../../src/report/json.js';

/** The bundle the process-level tests run: dist/, or the source-mapped copy `npm run coverage` builds. */
export const distDir = process.env['AKS_IDENTITY_LINT_DIST'] ?? join(repoRoot, 'dist');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI as a user does: a child process of the same Node.js that runs the tests. */
export function runCli(args: string[], cwd = repoRoot, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [join(distDir, 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking: for a CLI that talks to a server the test itself runs (spawnSync would stop the
 * server from answering).
 */
export function runCliAsync(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = repoRoot,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(distDir, 'cli.js'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * The CLI as a function in this process (src/cli/run.ts: what the bundle's entry point calls with the process's
 * streams), for tests whose subject is an input, a policy or a report rather than the process, so that coverage and
 * mutation testing see the code they run. `env` is set on this process for the run and restored after it; jest gives
 * each test file a process of its own, and a file's tests run one at a time.
 */
export async function runCliHere(
  args: string[],
  cwd = repoRoot,
  env: Record<string, string> = {},
): Promise<CliRun> {
  const saved = Object.keys(env).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  try {
    const status = await cliMain(args, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd,
      color: false,
      interactive: false,
    });
    return { status, stdout, stderr };
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  }
}

/** The JSON report a run printed or wrote, as the reporter types it. */
export function jsonReport(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}
