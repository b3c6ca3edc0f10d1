import { githubClient } from '../../src/report/github/client.js';
import type { GitHubContext } from '../../src/report/github/context.js';
import { stickyMarker, upsertStickyComment } from '../../src/report/github/pr-comment.js';
import { GitHubApiServer } from '../helpers/github-server.js';

// The sticky comment's choice of what to update, in-process with the real Octokit against the local API server
// (the action tests run the same through dist/index.js).

const ctx: GitHubContext = {
  owner: 'Codertocat',
  repo: 'Hello-World',
  sha: 'abc',
  pullRequest: 2,
  eventName: 'pull_request',
  serverUrl: 'https://github.com',
};

let server: GitHubApiServer;
beforeEach(async () => {
  server = await new GitHubApiServer().start();
  process.env['GITHUB_API_URL'] = server.url;
  // GitHub's pacing (a second between writes, three between comments) in 5 ms units, as the action tests do.
  process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'] = '5';
});
afterEach(async () => {
  delete process.env['GITHUB_API_URL'];
  delete process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'];
  await server.stop();
});

const marker = stickyMarker();

async function upsert(body: string, key = ''): Promise<'created' | 'updated'> {
  const octokit = githubClient(server.token);
  const result = await upsertStickyComment(
    octokit,
    ctx,
    2,
    `${stickyMarker(key)}\n${body}`,
    stickyMarker(key),
  );
  return result.action;
}

describe('the sticky comment', () => {
  it('is created once, then updated in place', async () => {
    expect(await upsert('first')).toBe('created');
    expect(await upsert('second')).toBe('updated');
    expect(server.comments.map((c) => c.body)).toEqual([`${marker}\nsecond`]);
  });

  it('is not a comment that quotes the marker, even a bot comment', async () => {
    const quoting = server.seedComment(`see ${marker}`, 'github-actions[bot]', 'Bot');
    expect(await upsert('report')).toBe('created');
    expect(server.comments[0]).toEqual(quoting);
  });

  it("is never a person's comment, even one that starts with the marker", async () => {
    const person = server.seedComment(`${marker}\nmy notes`);
    expect(await upsert('report')).toBe('created');
    expect(server.comments[0]).toEqual(person);
    expect(server.comments[1]?.user?.type).toBe('Bot');
  });

  it("is the bot's comment when a person's comment with the marker comes first", async () => {
    const person = server.seedComment(`${marker}\nmy notes`);
    const bot = server.seedComment(`${marker}\nold report`, 'github-actions[bot]', 'Bot');
    expect(await upsert('new report')).toBe('updated');
    expect(server.comments).toEqual([person, { ...bot, body: `${marker}\nnew report` }]);
  });

  it("with a person's token, is that person's earlier comment and not another person's", async () => {
    server.identity = { login: 'octocat', type: 'User' };
    const other = server.seedComment(`${marker}\nnot mine`, 'hubot');
    const mine = server.seedComment(`${marker}\nmine`, 'octocat');
    expect(await upsert('new')).toBe('updated');
    expect(server.comments).toEqual([other, { ...mine, body: `${marker}\nnew` }]);
  });

  it('is not the comment of a deleted account, even one that starts with the marker', async () => {
    const ghost = server.seedComment(`${marker}\nold`, null);
    expect(await upsert('report')).toBe('created');
    expect(server.comments[0]).toEqual(ghost);
  });

  it('asks who the token is only when a comment carries the marker', async () => {
    server.seedComment('LGTM');
    await upsert('first');
    expect(server.requests.filter((r) => r.path === '/user')).toHaveLength(0);
    await upsert('second');
    expect(server.requests.filter((r) => r.path === '/user')).toHaveLength(1);
  });

  it('has a marker of its own per stack', () => {
    expect(stickyMarker()).toBe('<!-- aks-identity-lint:sticky-comment -->');
    expect(stickyMarker('')).toBe('<!-- aks-identity-lint:sticky-comment -->');
    expect(stickyMarker('prod')).toBe('<!-- aks-identity-lint:sticky-comment:prod -->');
  });

  it('is one per stack: another stack key is another comment', async () => {
    expect(await upsert('prod report', 'prod')).toBe('created');
    expect(await upsert('dev report', 'dev')).toBe('created');
    expect(await upsert('prod again', 'prod')).toBe('updated');
    expect(server.comments.map((c) => c.body.split('\n')[0])).toEqual([
      stickyMarker('prod'),
      stickyMarker('dev'),
    ]);
  });
});
