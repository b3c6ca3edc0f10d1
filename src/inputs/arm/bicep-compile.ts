import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { InputError } from '../input-error.js';

/** How long a compilation may take before it is given up on; AKS_IDENTITY_LINT_BICEP_TIMEOUT (seconds) changes it. */
const DEFAULT_TIMEOUT_SECONDS = 120;

/** What `bicep build` of a .bicep file, or `bicep build-params` of a .bicepparam file, printed. */
export interface Compiled {
  /** The compiled JSON as text. */
  text: string;
  /** The command line that compiled it, for reports. */
  command: string;
}

type Tool = { name: string; args: (kind: Kind, file: string) => string[] };
type Kind = 'build' | 'build-params';

/** The Bicep CLI itself, or the Azure CLI's copy of it, whichever is on PATH first in this order. */
const TOOLS: readonly Tool[] = [
  { name: 'bicep', args: (kind, file) => [kind, file, '--stdout'] },
  { name: 'az', args: (kind, file) => ['bicep', kind, '--file', file, '--stdout'] },
];

/**
 * Compiles Bicep source with the Bicep CLI (or `az bicep`): a .bicep file to an ARM template, a .bicepparam file to
 * its parameters. Without either tool, or when compilation fails or hangs, a one-line error says what to do.
 */
export async function compileBicep(path: string, display: string, env = process.env): Promise<Compiled> {
  const kind: Kind = path.toLowerCase().endsWith('.bicepparam') ? 'build-params' : 'build';
  const tool = await findTool(env);
  if (tool === undefined) {
    throw new InputError(
      { file: display },
      'this is Bicep source, and neither `bicep` nor `az` is on PATH to compile it: install the Bicep CLI ' +
        '(https://aka.ms/bicep-install), or pass the compiled template (`az bicep build --file <file>`)',
    );
  }
  const args = tool.args(kind, path);
  const command = `${tool.name} ${args.join(' ')}`;
  const seconds = timeoutSeconds(env);
  const result = await run(tool.path, args, seconds * 1000);
  if (result === 'timeout') {
    throw new InputError({ file: display }, `\`${command}\` did not finish within ${seconds} s`);
  }
  if (result.code !== 0) {
    const reason =
      firstLines(result.stderr) || firstLines(result.stdout) || `exit code ${String(result.code)}`;
    throw new InputError({ file: display }, `\`${tool.name} ${kind}\` failed: ${reason}`);
  }
  return { text: result.stdout, command };
}

async function findTool(env: NodeJS.ProcessEnv): Promise<(Tool & { path: string }) | undefined> {
  const dirs = (env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const tool of TOOLS) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const candidate = join(dir, tool.name + suffix);
        const ok = await access(candidate, constants.X_OK).then(
          () => true,
          () => false,
        );
        if (ok) return { ...tool, path: candidate };
      }
    }
  }
  return undefined;
}

function timeoutSeconds(env: NodeJS.ProcessEnv): number {
  const given = Number(env['AKS_IDENTITY_LINT_BICEP_TIMEOUT']);
  return Number.isFinite(given) && given > 0 ? given : DEFAULT_TIMEOUT_SECONDS;
}

/** Bicep's diagnostics start with `file(line,col) : Error BCP…`: the first ones say what is wrong. */
function firstLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, 3)
    .join(' | ');
}

function run(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string } | 'timeout'> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('timeout');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
