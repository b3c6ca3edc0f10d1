import { join } from 'node:path';
import { readGitHubContext } from '../../src/report/github/context.js';
import { writeTemp } from '../helpers/plans.js';

// In-process: what the action reads of the runner's environment (the action tests run it through dist/index.js).

const SHA = '1111111111111111111111111111111111111111';
const HEAD = '2222222222222222222222222222222222222222';

async function eventFile(payload: unknown): Promise<string> {
  const dir = await writeTemp({ 'event.json': payload });
  return join(dir, 'event.json');
}

describe('readGitHubContext', () => {
  it('reads a pull request: the head commit, the number, the run page with its attempt', async () => {
    const ctx = readGitHubContext({
      GITHUB_REPOSITORY: 'octo/infra',
      GITHUB_SHA: SHA,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: await eventFile({ pull_request: { number: 7, head: { sha: HEAD } } }),
      GITHUB_SERVER_URL: 'https://ghe.example.com//',
      GITHUB_ACTION_REPOSITORY: 'aks-identity-lint/aks-identity-lint',
      GITHUB_ACTION_REF: 'v1',
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '3',
    });
    expect(ctx).toEqual({
      owner: 'octo',
      repo: 'infra',
      sha: HEAD,
      pullRequest: 7,
      eventName: 'pull_request',
      serverUrl: 'https://ghe.example.com',
      actionRepository: 'aks-identity-lint/aks-identity-lint',
      actionRef: 'v1',
      runUrl: 'https://ghe.example.com/octo/infra/actions/runs/42/attempts/3',
    });
  });

  it('outside a pull request: GITHUB_SHA, github.com, no number, and no run page without a numeric run ID', async () => {
    const env = { GITHUB_REPOSITORY: 'octo/infra', GITHUB_SHA: SHA, GITHUB_EVENT_NAME: 'push' };
    expect(
      readGitHubContext({ ...env, GITHUB_EVENT_PATH: await eventFile({ ref: 'refs/heads/main' }) }),
    ).toEqual({
      owner: 'octo',
      repo: 'infra',
      sha: SHA,
      eventName: 'push',
      serverUrl: 'https://github.com',
    });
    expect(readGitHubContext({ ...env, GITHUB_RUN_ID: 'x42' })?.runUrl).toBeUndefined();
    expect(readGitHubContext({ ...env, GITHUB_RUN_ID: '42' })?.runUrl).toBe(
      'https://github.com/octo/infra/actions/runs/42',
    );
    expect(readGitHubContext({ ...env, GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: 'two' })?.runUrl).toBe(
      'https://github.com/octo/infra/actions/runs/42',
    );
  });

  it.each([
    ['42', '12', 'https://github.com/octo/infra/actions/runs/42/attempts/12'],
    ['42', '2b', 'https://github.com/octo/infra/actions/runs/42'],
    ['42', 'b2', 'https://github.com/octo/infra/actions/runs/42'],
    ['42x', '1', undefined],
    ['x42', '1', undefined],
    ['', '1', undefined],
  ])('takes only digits as run ID (%j) and attempt (%j)', (runId, attempt, url) => {
    const env = { GITHUB_REPOSITORY: 'octo/infra', GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt };
    expect(readGitHubContext(env)?.runUrl).toBe(url);
  });

  it('without a commit anywhere, the SHA is empty rather than invented', () => {
    expect(readGitHubContext({ GITHUB_REPOSITORY: 'octo/infra' })?.sha).toBe('');
  });

  it('takes an event file it cannot read or parse as no event, and a pull request number only as a number', async () => {
    const env = { GITHUB_REPOSITORY: 'octo/infra', GITHUB_SHA: SHA };
    expect(readGitHubContext({ ...env, GITHUB_EVENT_PATH: '/no/such/event.json' })?.sha).toBe(SHA);
    expect(readGitHubContext({ ...env, GITHUB_EVENT_PATH: await eventFile('not json {') })?.sha).toBe(SHA);
    const stringNumber = await eventFile({ pull_request: { number: '7', head: {} } });
    const ctx = readGitHubContext({ ...env, GITHUB_EVENT_PATH: stringNumber });
    expect(ctx?.pullRequest).toBeUndefined();
    expect(ctx?.sha).toBe(SHA);
    expect(readGitHubContext({ ...env, GITHUB_EVENT_PATH: '' })?.eventName).toBe('');
  });

  it.each([[''], ['octo'], ['/infra'], ['octo/']])('is undefined for GITHUB_REPOSITORY %j', (repository) => {
    expect(readGitHubContext({ GITHUB_REPOSITORY: repository })).toBeUndefined();
  });

  it('is undefined without GITHUB_REPOSITORY', () => {
    expect(readGitHubContext({})).toBeUndefined();
  });
});
