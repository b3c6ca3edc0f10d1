import { cp, mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHubApiServer } from '../helpers/github-server.js';
import { failingClusters } from '../helpers/plans.js';
import { repoRoot, EXAMPLE_SECRET } from '../helpers/fixtures.js';
import { pullRequestEvent, runAction } from '../helpers/run-action.js';
import { jsonReport } from '../helpers/run-cli.js';

const CHECK_RUNS = /^\/repos\/Codertocat\/Hello-World\/check-runs$/;
const CHECK_RUN_UPDATE = /^\/repos\/Codertocat\/Hello-World\/check-runs\/\d+$/;
const PR_COMMENTS = /^\/repos\/Codertocat\/Hello-World\/issues\/2\/comments$/;
const COMMENT_UPDATE = /^\/repos\/Codertocat\/Hello-World\/issues\/comments\/\d+$/;
/** Who GITHUB_TOKEN comments as, the author of the action's earlier comments. */
const ACTION_BOT = ['github-actions[bot]', 'Bot'] as const;

function stackMarker(stack?: string): string {
  return `<!-- aks-identity-lint:sticky-comment${stack === undefined ? '' : `:${stack}`} -->`;
}

function commentPath(id: number): string {
  return `/repos/Codertocat/Hello-World/issues/comments/${String(id)}`;
}

let server: GitHubApiServer;
beforeEach(async () => {
  server = await new GitHubApiServer().start();
});
afterEach(async () => {
  await server.stop();
});

function workflowCommands(stdout: string, command: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith(`::${command} `) || l.startsWith(`::${command}::`));
}

describe('the action on a pull request', () => {
  it('annotates, posts a check run and one sticky comment, writes the summary and fails on a high finding', async () => {
    const run = await runAction({ inputs: { paths: 'examples' }, apiUrl: server.url });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');

    // Line annotations on the .tf source, as workflow commands.
    const errors = workflowCommands(run.stdout, 'error');
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^::error title=AKSID002%3A No service-principal secret is written in code,file=examples\/terraform\/modules\/legacy-cluster\/main\.tf,line=13,endLine=13::/,
      ),
    );
    expect(workflowCommands(run.stdout, 'warning')).toHaveLength(1); // AKSID005, medium, below fail-on
    expect(run.stdout).toContain("::error::aks-identity-lint: 4 findings at or above 'high'");

    // The check run, on the pull request's head commit.
    const [check] = server.requestsTo('POST', CHECK_RUNS);
    expect(check?.authorization).toBe('token test-token');
    expect(check?.body).toMatchObject({
      name: 'aks-identity-lint',
      head_sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      status: 'completed',
      conclusion: 'failure',
      output: { title: '5 failed (4 blocking), 0 indeterminate, 24 passed' },
    });

    // The sticky comment, created once.
    const created = server.requestsTo('POST', PR_COMMENTS);
    expect(created).toHaveLength(1);
    const body = String(created[0]?.body?.['body']);
    expect(body.startsWith('<!-- aks-identity-lint:sticky-comment -->')).toBe(true);
    expect(body).toContain('## aks-identity-lint ❌ failed');
    expect(body).toContain(
      '[**AKSID002**](https://github.com/aks-identity-lint/aks-identity-lint/blob/v1/docs/policies/AKSID002.md)',
    );
    expect(body).toContain(
      '[examples/terraform/modules/legacy-cluster/main.tf:16](https://github.com/Codertocat/Hello-World/blob/ec26c3e57ca3a959ca5aad62de7213c562f8c821/examples/terraform/modules/legacy-cluster/main.tf#L16-L32)',
    );
    expect(body).toContain('```mermaid');
    expect(body).not.toContain(EXAMPLE_SECRET);

    // Job summary and outputs.
    expect(run.summary).toContain('## aks-identity-lint ❌ failed');
    expect(run.summary).not.toContain('sticky-comment');
    expect(run.outputs).toEqual({
      result: 'fail',
      failed: '5',
      passed: '24',
      indeterminate: '0',
      'sarif-file': '',
      'json-file': '',
    });
    expect(run.stdout).not.toContain(EXAMPLE_SECRET);
  });

  it('updates its comment in place on the next run instead of adding one', async () => {
    server.seedComment('LGTM');
    await runAction({ inputs: { paths: 'examples' }, apiUrl: server.url });
    const second = await runAction({
      inputs: { paths: 'examples', 'fail-on': 'none' },
      apiUrl: server.url,
      event: pullRequestEvent('synchronize'),
    });
    expect(second.status).toBe(0);
    expect(server.requestsTo('POST', PR_COMMENTS)).toHaveLength(1);
    expect(server.requestsTo('PATCH', COMMENT_UPDATE)).toHaveLength(1);
    expect(server.comments).toHaveLength(2);
    expect(server.comments[0]?.body).toBe('LGTM');
    expect(server.comments[1]?.body).toContain('fail-on: `none`');
  });

  it('keeps one comment and one check run per stack, for several stacks on one pull request', async () => {
    const prod = server.seedComment(`${stackMarker('prod')}\nthe last prod report`, ...ACTION_BOT);
    await runAction({ inputs: { paths: 'examples', stack: 'dev' }, apiUrl: server.url });
    await runAction({ inputs: { paths: 'examples', stack: 'prod' }, apiUrl: server.url });
    expect(server.requestsTo('POST', PR_COMMENTS)).toHaveLength(1);
    expect(server.requestsTo('PATCH', COMMENT_UPDATE).map((r) => r.path)).toEqual([commentPath(prod.id)]);
    expect(server.comments.map((c) => c.body.split('\n')[0])).toEqual([
      stackMarker('prod'),
      stackMarker('dev'),
    ]);
    expect(server.requestsTo('POST', CHECK_RUNS).map((r) => r.body?.['name'])).toEqual([
      'aks-identity-lint (dev)',
      'aks-identity-lint (prod)',
    ]);
  });

  it("never edits a comment that is not its own: one quoting the marker, or a person's that starts with it", async () => {
    const marker = stackMarker();
    const quoting = server.seedComment(`Why does the bot write \`${marker}\`?`);
    const otherBot = server.seedComment(`> ${marker}\n> the old report`, ...ACTION_BOT);
    const person = server.seedComment(`${marker}\nmy own notes, copied from the last report`);
    const own = server.seedComment(`${marker}\nthe last report`, ...ACTION_BOT);
    await runAction({ inputs: { paths: 'examples', 'fail-on': 'none' }, apiUrl: server.url });
    expect(server.requestsTo('POST', PR_COMMENTS)).toHaveLength(0);
    expect(server.requestsTo('PATCH', COMMENT_UPDATE).map((r) => r.path)).toEqual([commentPath(own.id)]);
    expect(server.comments.slice(0, 3)).toEqual([quoting, otherBot, person]);
    expect(server.comments[3]?.body).toContain('fail-on: `none`');
  });

  it("with a person's token, updates the comment that person's token wrote before", async () => {
    server.identity = { login: 'octocat', type: 'User' };
    const otherPerson = server.seedComment(`${stackMarker()}\nnot mine`, 'hubot');
    const own = server.seedComment(`${stackMarker()}\nthe last report`, 'octocat');
    await runAction({ inputs: { paths: 'examples', 'fail-on': 'none' }, apiUrl: server.url });
    expect(server.requestsTo('POST', PR_COMMENTS)).toHaveLength(0);
    expect(server.requestsTo('PATCH', COMMENT_UPDATE).map((r) => r.path)).toEqual([commentPath(own.id)]);
    expect(server.comments[1]?.body).toContain('fail-on: `none`');
    expect(server.comments[0]).toEqual(otherPerson);
  });

  it('waits out a primary rate limit (403 with no requests left) and retries', async () => {
    server.rateLimit('POST', CHECK_RUNS, 1, 1);
    const run = await runAction({ inputs: { paths: 'examples', comment: 'false' }, apiUrl: server.url });
    expect(server.requestsTo('POST', CHECK_RUNS)).toHaveLength(2);
    expect(run.stdout).toContain('GitHub rate limit on POST');
    expect(run.stdout).not.toContain('could not post the check run');
  });

  it('says so when the token is refused (401), and still gives its verdict and summary', async () => {
    server.token = 'another-token';
    const run = await runAction({ inputs: { paths: 'examples' }, apiUrl: server.url });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::warning::aks-identity-lint could not post the check run: Bad credentials/);
    expect(run.stdout).toMatch(
      /::warning::aks-identity-lint could not post the pull request comment: Bad credentials/,
    );
    expect(run.summary).toContain('## aks-identity-lint ❌ failed');
    expect(run.outputs['result']).toBe('fail');
    expect(server.requests.every((r) => r.authorization === 'token test-token')).toBe(true);
  });

  it('finds its comment among many (paginated)', async () => {
    for (let i = 0; i < 130; i++) server.seedComment(`comment ${i}`);
    const own = server.seedComment(`${stackMarker()}\nthe last report`, ...ACTION_BOT);
    await runAction({ inputs: { paths: 'examples' }, apiUrl: server.url });
    expect(server.requestsTo('POST', PR_COMMENTS)).toHaveLength(0);
    expect(server.requestsTo('PATCH', COMMENT_UPDATE).map((r) => r.path)).toEqual([commentPath(own.id)]);
    // 131 comments at GitHub's largest page size of 100.
    expect(server.requestsTo('GET', PR_COMMENTS)).toHaveLength(2);
  });

  it('keeps annotations, summary and the verdict when the token may not comment or create checks (403)', async () => {
    server.fail('POST', PR_COMMENTS, 403, { message: 'Resource not accessible by integration' });
    server.fail('POST', CHECK_RUNS, 403, { message: 'Resource not accessible by integration' });
    const run = await runAction({ inputs: { paths: 'examples' }, apiUrl: server.url });
    expect(run.status).toBe(1);
    expect(workflowCommands(run.stdout, 'error').length).toBeGreaterThan(1);
    expect(run.stdout).toMatch(
      /::notice::aks-identity-lint could not post the check run \(403: Resource not accessible by integration/,
    );
    expect(run.stdout).toMatch(/::notice::aks-identity-lint could not post the pull request comment \(403/);
    expect(run.summary).toContain('## aks-identity-lint ❌ failed');
    expect(run.outputs['result']).toBe('fail');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('passes when only reporting fails and nothing blocks', async () => {
    server.fail('GET', PR_COMMENTS, 403, { message: 'Resource not accessible by integration' });
    const run = await runAction({ inputs: { paths: 'examples', 'fail-on': 'none' }, apiUrl: server.url });
    expect(run.status).toBe(0);
    expect(run.outputs['result']).toBe('pass');
  });

  it('retries a server error', async () => {
    server.fail('POST', CHECK_RUNS, 502, { message: 'Bad Gateway' }, 1);
    const run = await runAction({ inputs: { paths: 'examples', comment: 'false' }, apiUrl: server.url });
    expect(server.requestsTo('POST', CHECK_RUNS)).toHaveLength(2);
    expect(run.stdout).not.toContain('could not post the check run');
  });

  it('waits out a secondary rate limit and retries', async () => {
    server.fail(
      'POST',
      CHECK_RUNS,
      403,
      {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
      1,
      {
        'retry-after': '1',
      },
    );
    const run = await runAction({ inputs: { paths: 'examples', comment: 'false' }, apiUrl: server.url });
    expect(server.requestsTo('POST', CHECK_RUNS)).toHaveLength(2);
    expect(run.stdout).toContain('GitHub secondary rate limit on POST');
    expect(run.stdout).not.toContain('could not post the check run');
  });

  it('writes SARIF and JSON files and names them in its outputs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'action-out-'));
    const run = await runAction({
      inputs: {
        paths: 'examples',
        'sarif-file': join(dir, 'results.sarif'),
        'json-file': join(dir, 'report.json'),
        comment: 'false',
        'check-run': 'false',
      },
      apiUrl: server.url,
    });
    expect(run.outputs['sarif-file']).toBe(join(dir, 'results.sarif'));
    const sarif = JSON.parse(await readFile(join(dir, 'results.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    const report = jsonReport(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report.result).toBe('fail');
    // Code scanning gets one alert per failing result of the JSON report, no more and no fewer.
    const failing = report.results.filter((r) => r.status === 'fail').map((r) => r.policyId);
    expect(failing.length).toBeGreaterThan(0);
    expect(sarif.runs[0]?.results.map((r) => r.ruleId).sort()).toEqual(failing.sort());
    expect(server.requests).toHaveLength(0);
  });
});

describe('config and baseline inputs', () => {
  it('applies the config (waivers) and the baseline, and shows them in the comment', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-config-'));
    await writeFile(
      join(workspace, 'lint.json'),
      JSON.stringify({
        paths: ['examples'],
        waivers: [
          { policy: 'AKSID002', resource: 'module.legacy.*', reason: 'secret rotated, removal in PLAT-99' },
        ],
      }),
    );
    const { cp } = await import('node:fs/promises');
    await cp(join(repoRoot, 'examples'), join(workspace, 'examples'), { recursive: true });
    const first = await runAction({
      inputs: { paths: 'examples', config: 'lint.json', 'json-file': 'report.json' },
      apiUrl: server.url,
      workspace,
    });
    expect(first.status).toBe(1);
    const body = String(server.requestsTo('POST', PR_COMMENTS)[0]?.body?.['body']);
    expect(body).toContain('<details><summary>Suppressed findings (1)</summary>');
    expect(body).toContain('waived: secret rotated, removal in PLAT-99');

    const second = await runAction({
      inputs: { paths: 'examples', config: 'lint.json', baseline: 'report.json' },
      apiUrl: server.url,
      workspace,
    });
    expect(second.status).toBe(0);
    expect(second.outputs).toMatchObject({ result: 'pass', failed: '0' });
    expect(second.summary).toContain(
      '4 findings already in the baseline `report.json` are not listed; only new ones are.',
    );
  });

  it('takes fail-on and paths from the config when the workflow leaves them out', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-config-'));
    await writeFile(
      join(workspace, '.aks-identity-lint.json'),
      JSON.stringify({ paths: ['examples'], failOn: 'none' }),
    );
    const { cp } = await import('node:fs/promises');
    await cp(join(repoRoot, 'examples'), join(workspace, 'examples'), { recursive: true });
    const run = await runAction({
      inputs: { comment: 'false', 'check-run': 'false' },
      apiUrl: server.url,
      workspace,
    });
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'pass', failed: '5' });
    const strict = await runAction({
      inputs: { 'fail-on': 'high', comment: 'false', 'check-run': 'false' },
      apiUrl: server.url,
      workspace,
    });
    expect(strict.status).toBe(1);
  });

  it('fails with a clear message on a broken config', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-config-'));
    await writeFile(join(workspace, 'lint.json'), '{ "failOn": "urgent" }');
    const run = await runAction({
      inputs: { paths: 'lint.json', config: 'lint.json' },
      apiUrl: server.url,
      workspace,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      '::error::aks-identity-lint: lint.json:1:3 /failOn: expected one of: critical, high, medium, low, info, none',
    );
  });
});

describe('many findings', () => {
  it('shows 10 per level on the step and sends the rest to the check run in batches of at most 50', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-many-'));
    const clusters = 30;
    const { plan: manyPlan, tf } = failingClusters(clusters);
    await mkdir(join(workspace, 'infra'));
    await writeFile(join(workspace, 'infra', 'main.tf'), tf);
    await writeFile(join(workspace, 'infra', 'tfplan.json'), JSON.stringify(manyPlan));
    const run = await runAction({
      inputs: { paths: 'infra/tfplan.json', 'fail-on': 'critical' },
      apiUrl: server.url,
      workspace,
    });

    // Each cluster fails AKSID001 (high), AKSID003 (high), AKSID004 (high) and AKSID005 (medium).
    const findings = clusters * 4;
    const onCheckRun = findings - 10;
    expect(workflowCommands(run.stdout, 'warning')).toHaveLength(10);
    expect(workflowCommands(run.stdout, 'error')).toEqual([]);
    const created = server.requestsTo('POST', CHECK_RUNS);
    const updates = server.requestsTo('PATCH', CHECK_RUN_UPDATE);
    const batches = [created[0], ...updates].map(
      (r) => (r?.body?.['output'] as { annotations: unknown[] }).annotations.length,
    );
    expect(batches).toEqual(
      Array.from({ length: Math.ceil(onCheckRun / 50) }, (_, i) => Math.min(50, onCheckRun - i * 50)),
    );
    expect(created[0]?.body).toMatchObject({ conclusion: 'neutral' });
    const first = (created[0]?.body?.['output'] as { annotations: Record<string, unknown>[] }).annotations[0];
    expect(first).toMatchObject({
      path: 'infra/main.tf',
      annotation_level: 'warning',
      start_line: expect.any(Number) as number,
    });
    expect(run.summary).toContain(
      `10 findings are annotated on this step (GitHub shows 10 per level per step); the other ${onCheckRun} are annotated by the check run.`,
    );
    expect(run.status).toBe(0);
  });
});

describe('a report larger than a comment', () => {
  it('cuts the comment by priority, names the cuts and links to the job summary, which holds it all', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-large-'));
    await writeFile(join(workspace, 'tfplan.json'), JSON.stringify(failingClusters(60).plan));
    const run = await runAction({
      inputs: { paths: 'tfplan.json', 'fail-on': 'high' },
      apiUrl: server.url,
      workspace,
      env: { GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '2' },
    });
    const [comment] = server.comments;
    const body = comment?.body ?? '';
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(
      /> Left out to stay within GitHub's 65,536-byte limit \(\d+ sections\): .*identity map of 60: .*\. The whole report: \[this run's job summary\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/actions\/runs\/4242\/attempts\/2\)\.$/m,
    );
    // Every cluster is in the overview; the job summary is whole.
    expect(body.split('\n').filter((l) => /^\| ❌ \| aks-\d+ \|/.test(l))).toHaveLength(60);
    expect(run.summary).not.toContain('Left out to stay within');
    expect(run.summary.match(/Identity map: who can do what/g)).toHaveLength(60);
    expect(run.status).toBe(1);
  });
});

describe('outside pull requests and with bad inputs', () => {
  it('on a push: a check run on GITHUB_SHA and no comment', async () => {
    const run = await runAction({
      inputs: { paths: 'examples' },
      apiUrl: server.url,
      eventName: 'push',
      event: { ref: 'refs/heads/main' },
      env: { GITHUB_SHA: '1111111111111111111111111111111111111111' },
    });
    expect(run.status).toBe(1);
    expect(server.requestsTo('POST', CHECK_RUNS)[0]?.body?.['head_sha']).toBe(
      '1111111111111111111111111111111111111111',
    );
    expect(server.requestsTo('GET', PR_COMMENTS)).toHaveLength(0);
    expect(run.stdout).toContain('not a pull request event; no PR comment to post');
  });

  it.each([
    [{ paths: '' }, 'no input to scan: give plan files or directories'],
    [
      { paths: 'examples', 'fail-on': 'urgent' },
      "input 'fail-on' must be one of critical, high, medium, low, info, none, not 'urgent'",
    ],
    [{ paths: 'examples', comment: 'maybe' }, "input 'comment' must be true or false, not 'maybe'"],
    [{ paths: 'no/such/plan.json' }, "input 'paths': 'no/such/plan.json' does not exist"],
    [{ paths: 'plans/**/*.tfplan.json' }, "input 'paths': 'plans/**/*.tfplan.json' matches no file"],
    [{ paths: 'examples', builtin: 'false' }, 'with the built-in policies off there are no policies to run'],
    [
      { paths: 'examples', stack: 'prod -->' },
      "input 'stack' may use letters, digits, '.', '_' and '-' only",
    ],
    [{ paths: 'package.json' }, 'package.json: this is an unknown format'],
  ])('%j fails with a clear message', async (inputs, message) => {
    const run = await runAction({ inputs, apiUrl: server.url });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`::error::aks-identity-lint: ${message}`);
    expect(run.stdout).not.toMatch(/^\s+at /m);
    expect(server.requests).toHaveLength(0);
  });

  it('expands globs in paths', async () => {
    const run = await runAction({
      inputs: { paths: 'examples/**/tfplan.json', comment: 'false', 'check-run': 'false' },
      apiUrl: server.url,
    });
    expect(run.stdout).toContain('examples/terraform/tfplan.json (Terraform plan JSON): 7 scanned');
  });
});

describe('Bicep in a pull request', () => {
  it('compiles the .bicep entry with parameters and annotates the findings on the .bicep declarations', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-bicep-'));
    await cp(join(repoRoot, '__tests__', 'fixtures', 'bicep'), join(workspace, 'infra'), { recursive: true });
    await writeFile(
      join(workspace, 'infra', 'prod.parameters.json'),
      JSON.stringify({ parameters: { clusterName: { value: 'aks-prod' } } }),
    );
    // The runner's az compiles Bicep; here a fake az on PATH prints the compiled template of infra/main.bicep.
    const bin = join(workspace, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'az'), `#!/bin/sh\n/bin/cat '${join(workspace, 'infra', 'main.json')}'\n`, {
      mode: 0o755,
    });
    const run = await runAction({
      inputs: {
        paths: 'infra/main.bicep',
        parameters: 'infra/prod.parameters.json\ndeployAdmin=false',
        comment: 'false',
      },
      apiUrl: server.url,
      workspace,
      env: { PATH: `${bin}:/usr/bin:/bin` },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const errors = workflowCommands(run.stdout, 'error');
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^::error title=AKSID003%3A Local accounts are disabled,file=infra\/main\.bicep,line=56,endLine=84::Cluster 'aks-prod' keeps local accounts enabled/,
      ),
    );
    const [check] = server.requestsTo('POST', CHECK_RUNS);
    expect(check?.body).toMatchObject({ conclusion: 'failure' });
  });
});
