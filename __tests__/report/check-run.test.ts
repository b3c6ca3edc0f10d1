import { join } from 'node:path';
import { githubClient } from '../../src/report/github/client.js';
import { annotationsOf } from '../../src/report/annotations.js';
import {
  ANNOTATION_BATCH,
  checkRunAnnotations,
  MAX_CHECK_RUN_ANNOTATIONS,
  publishCheckRun,
  checkRunName,
} from '../../src/report/github/check-run.js';
import type { GitHubContext } from '../../src/report/github/context.js';
import { GitHubApiServer } from '../helpers/github-server.js';
import { outcomeOf } from '../helpers/outcome.js';
import { failingClusters, writeTemp } from '../helpers/plans.js';

const ctx: GitHubContext = {
  owner: 'Codertocat',
  repo: 'Hello-World',
  sha: 'abc',
  eventName: 'pull_request',
  serverUrl: 'https://github.com',
};

async function annotationsFor(clusters: number): Promise<ReturnType<typeof annotationsOf>['annotations']> {
  const { plan, tf } = failingClusters(clusters);
  const dir = await writeTemp({ 'tfplan.json': plan, 'main.tf': tf });
  // fail-on high: the high-severity findings are failures, the medium ones warnings.
  return annotationsOf(await outcomeOf([join(dir, 'tfplan.json')], dir, 'high')).annotations;
}

describe('the check run', () => {
  let server: GitHubApiServer;
  beforeEach(async () => {
    server = await new GitHubApiServer().start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it(`carries at most ${String(MAX_CHECK_RUN_ANNOTATIONS)} annotations, the most severe first, and counts the rest`, async () => {
    const clusters = Math.ceil(MAX_CHECK_RUN_ANNOTATIONS / 4) + 10;
    const annotations = await annotationsFor(clusters);
    expect(annotations).toHaveLength(clusters * 4);
    // The action's client, pacing its writes in 5 ms units instead of GitHub's seconds.
    process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'] = '5';
    const octokit = githubClient(server.token, server.url);
    delete process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'];
    const posted = await publishCheckRun(octokit, ctx, {
      name: 'aks-identity-lint',
      conclusion: 'failure',
      title: 't',
      summary: 's',
      // Warnings first, so the cut must pick the failures out.
      annotations: [
        ...annotations.filter((a) => a.level === 'warning'),
        ...annotations.filter((a) => a.level !== 'warning'),
      ],
    });

    expect(posted.annotated).toBe(MAX_CHECK_RUN_ANNOTATIONS);
    expect(posted.capped).toBe(annotations.length - MAX_CHECK_RUN_ANNOTATIONS);
    const sent = server.requests
      .filter((r) => r.path.startsWith('/repos/Codertocat/Hello-World/check-runs'))
      .flatMap((r) => (r.body?.['output'] as { annotations: { annotation_level: string }[] }).annotations);
    expect(sent).toHaveLength(MAX_CHECK_RUN_ANNOTATIONS);
    expect(server.requests).toHaveLength(MAX_CHECK_RUN_ANNOTATIONS / ANNOTATION_BATCH);
    // Every failure is sent, and the warnings that fit after them.
    const failures = annotations.filter((a) => a.level === 'failure').length;
    expect(sent.filter((a) => a.annotation_level === 'failure')).toHaveLength(failures);
    expect(sent.slice(0, failures).every((a) => a.annotation_level === 'failure')).toBe(true);
    expect(failures).toBeLessThan(MAX_CHECK_RUN_ANNOTATIONS);
  });

  it('keeps the order of annotations it does not need to cut, warnings first included', async () => {
    const annotations = await annotationsFor(3);
    const mixed = [
      ...annotations.filter((a) => a.level === 'warning'),
      ...annotations.filter((a) => a.level !== 'warning'),
    ];
    expect(mixed[0]?.level).toBe('warning');
    expect(checkRunAnnotations(mixed)).toEqual(mixed);
  });

  it('is named for its stack, so each stack can be a required check', () => {
    expect(checkRunName('')).toBe('aks-identity-lint');
    expect(checkRunName('prod')).toBe('aks-identity-lint (prod)');
  });

  it('stands with the annotations it could post when a later batch is refused, and says why', async () => {
    const annotations = await annotationsFor(30);
    expect(annotations.length).toBeGreaterThan(2 * ANNOTATION_BATCH);
    server.fail('PATCH', /\/check-runs\/\d+$/, 422, { message: 'Validation Failed' }, 1);
    process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'] = '5';
    const octokit = githubClient(server.token, server.url);
    delete process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'];
    const posted = await publishCheckRun(octokit, ctx, {
      name: checkRunName(''),
      conclusion: 'failure',
      title: 't',
      summary: 's',
      annotations,
    });
    expect(posted.id).toBeGreaterThan(0);
    expect(posted.url).toBe(`https://github.com/checks/${String(posted.id)}`);
    expect(posted.annotated).toBe(ANNOTATION_BATCH);
    expect(posted.capped).toBe(0);
    expect(posted.failed).toMatch(/^Validation Failed/);
    // The batch after the refused one is not sent: annotations out of order would mislead more than missing ones.
    expect(server.requestsTo('PATCH', /\/check-runs\/\d+$/)).toHaveLength(1);
  });
});
