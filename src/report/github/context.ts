import { readFileSync } from 'node:fs';

/** What the run knows about where it runs, read from the runner's environment and the event payload. */
export interface GitHubContext {
  owner: string;
  repo: string;
  /** The commit results belong to: a pull request's head, else GITHUB_SHA. */
  sha: string;
  pullRequest?: number;
  eventName: string;
  serverUrl: string;
  /** Where this action's own files are browsable, for links to policy docs (set when run from a repository). */
  actionRepository?: string;
  actionRef?: string;
  /** This workflow run's page, where its job summary is shown (set on a runner). */
  runUrl?: string;
}

export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext | undefined {
  const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  if (owner === undefined || repo === undefined || owner === '' || repo === '') return undefined;
  const payload = readPayload(env['GITHUB_EVENT_PATH']);
  const pr = payload?.pull_request;
  const context: GitHubContext = {
    owner,
    repo,
    sha: pr?.head?.sha ?? env['GITHUB_SHA'] ?? '',
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    serverUrl: (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, ''),
  };
  if (typeof pr?.number === 'number') context.pullRequest = pr.number;
  if (env['GITHUB_ACTION_REPOSITORY']) context.actionRepository = env['GITHUB_ACTION_REPOSITORY'];
  if (env['GITHUB_ACTION_REF']) context.actionRef = env['GITHUB_ACTION_REF'];
  const runId = env['GITHUB_RUN_ID'];
  if (runId !== undefined && /^\d+$/.test(runId)) {
    const attempt = env['GITHUB_RUN_ATTEMPT'];
    context.runUrl = `${context.serverUrl}/${owner}/${repo}/actions/runs/${runId}${attempt !== undefined && /^\d+$/.test(attempt) ? `/attempts/${attempt}` : ''}`;
  }
  return context;
}

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string } };
}

function readPayload(path: string | undefined): EventPayload | undefined {
  if (path === undefined || path === '') return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch {
    return undefined;
  }
}
