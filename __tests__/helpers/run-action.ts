import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './fixtures.js';
import { distDir } from './run-cli.js';

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

const require = createRequire(import.meta.url);

/** A real `pull_request` event payload from @octokit/webhooks-examples (the community's recorded examples). */
export function pullRequestEvent(action = 'opened'): Record<string, unknown> {
  const index = require('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: { action?: string }[];
  }[];
  const example = index.find((e) => e.name === 'pull_request')?.examples.find((e) => e.action === action);
  if (example === undefined) throw new Error(`no pull_request ${action} example`);
  return example;
}

/**
 * Runs dist/index.js as the runner starts an action: a child process with INPUT_* variables, an event payload at
 * GITHUB_EVENT_PATH, and files for GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, against the given API server.
 */
export async function runAction(options: {
  inputs: Record<string, string>;
  apiUrl: string;
  workspace?: string;
  event?: Record<string, unknown>;
  eventName?: string;
  env?: Record<string, string>;
}): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'action-run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output.txt');
  const summaryPath = join(dir, 'summary.md');
  await writeFile(eventPath, JSON.stringify(options.event ?? pullRequestEvent()));
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  const inputEnv = Object.fromEntries(
    Object.entries(options.inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_OPTIONS: '',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: options.workspace ?? repoRoot,
    GITHUB_ACTION_REPOSITORY: 'aks-identity-lint/aks-identity-lint',
    GITHUB_ACTION_REF: 'v1',
    RUNNER_TEMP: dir,
    // Where `npm run coverage` collects the coverage of child processes.
    ...(process.env['NODE_V8_COVERAGE'] === undefined
      ? {}
      : { NODE_V8_COVERAGE: process.env['NODE_V8_COVERAGE'] }),
    // GitHub's retry-after is counted in milliseconds instead of seconds: retries are proven without the wait.
    AKS_IDENTITY_LINT_RETRY_UNIT_MS: '5',
    'INPUT_GITHUB-TOKEN': 'test-token',
    ...inputEnv,
    ...options.env,
  };
  const child = spawn(process.execPath, [join(distDir, 'index.js')], {
    cwd: options.workspace ?? repoRoot,
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    status,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
  };
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` entries. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(pattern)) outputs[m[1] ?? ''] = m[3] ?? '';
  return outputs;
}
