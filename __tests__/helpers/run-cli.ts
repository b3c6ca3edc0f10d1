import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './fixtures.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI as a user does: a child process of the same Node.js that runs the tests. */
export function runCli(args: string[], cwd = repoRoot, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
