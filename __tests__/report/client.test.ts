import { githubClient, retryUnitMs, tryPublish } from '../../src/report/github/client.js';
import { GitHubApiServer } from '../helpers/github-server.js';

const CHECK_RUNS = /^\/repos\/o\/r\/check-runs$/;

describe('the GitHub client', () => {
  let server: GitHubApiServer;
  const unit = process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'];
  beforeEach(async () => {
    server = await new GitHubApiServer().start();
    process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'] = '5';
  });
  afterEach(async () => {
    await server.stop();
    if (unit === undefined) delete process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'];
    else process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'] = unit;
  });

  const create = (octokit: ReturnType<typeof githubClient>) =>
    octokit.rest.checks.create({ owner: 'o', repo: 'r', name: 'n', head_sha: 'abc' });

  it('retries a server error and waits out primary and secondary rate limits, at the given URL', async () => {
    server.fail('POST', CHECK_RUNS, 502, { message: 'Bad Gateway' }, 1);
    server.rateLimit('POST', CHECK_RUNS, 1, 1);
    server.fail('POST', CHECK_RUNS, 403, { message: 'You have exceeded a secondary rate limit.' }, 1, {
      'retry-after': '1',
    });
    const created = await create(githubClient(server.token, server.url));
    expect(created.status).toBe(201);
    expect(server.requestsTo('POST', CHECK_RUNS)).toHaveLength(4);
  });

  it('gives up on a rate limit after two retries', async () => {
    server.rateLimit('POST', CHECK_RUNS, 3, 1);
    await expect(create(githubClient(server.token, server.url))).rejects.toMatchObject({ status: 403 });
    expect(server.requestsTo('POST', CHECK_RUNS)).toHaveLength(3);
  });

  it.each([
    ['creates content', 'POST', CHECK_RUNS, 1, (o: ReturnType<typeof githubClient>) => create(o)],
    [
      'notifies people',
      'POST',
      /^\/repos\/o\/r\/issues\/7\/comments$/,
      3,
      (o: ReturnType<typeof githubClient>) =>
        o.rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 7, body: 'x' }),
    ],
  ])(
    'paces requests that %s %i second(s) apart, in retry units, as GitHub asks',
    async (_what, method, path, seconds, write) => {
      const unit = 100;
      process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'] = String(unit);
      const octokit = githubClient(server.token, server.url);
      await Promise.all([write(octokit), write(octokit), write(octokit)]);
      const times = server.requestsTo(method, path).map((r) => r.at);
      expect(times).toHaveLength(3);
      // The pacing spaces the starts of requests; the first one also sets up the connection, so the span of three
      // is measured, with a little leeway for that, and is far below the span of unscaled seconds.
      const span = (times[2] ?? 0) - (times[0] ?? 0);
      expect(span).toBeGreaterThanOrEqual(2 * seconds * unit - 30);
      expect(span).toBeLessThan(2 * seconds * 1000);
    },
  );

  it('says each rate-limited retry in the log', async () => {
    server.rateLimit('POST', CHECK_RUNS, 1, 1);
    server.fail('POST', CHECK_RUNS, 403, { message: 'You have exceeded a secondary rate limit.' }, 1, {
      'retry-after': '1',
    });
    const { result, stdout } = await capturingStdout(() => create(githubClient(server.token, server.url)));
    expect(result.status).toBe(201);
    expect(stdout).toMatch(/^GitHub rate limit on POST \/repos\/o\/r\/check-runs; retrying in \d+s$/m);
    expect(stdout).toMatch(
      /^GitHub secondary rate limit on POST \/repos\/o\/r\/check-runs; retrying in 1s$/m,
    );
  });

  it('gives up on a secondary rate limit after two retries', async () => {
    server.fail('POST', CHECK_RUNS, 403, { message: 'You have exceeded a secondary rate limit.' }, 3, {
      'retry-after': '1',
    });
    const { result } = await capturingStdout(() =>
      create(githubClient(server.token, server.url)).catch((e: unknown) => e),
    );
    expect(result).toMatchObject({ status: 403 });
    expect(server.requestsTo('POST', CHECK_RUNS)).toHaveLength(3);
  });

  it('backs off from a server error in retry units, not seconds', async () => {
    server.fail('POST', CHECK_RUNS, 502, { message: 'Bad Gateway' }, 2);
    const started = performance.now();
    expect((await create(githubClient(server.token, server.url))).status).toBe(201);
    expect(server.requestsTo('POST', CHECK_RUNS)).toHaveLength(3);
    // The retry plugin waits retryCount² base values: 1 + 4 seconds unscaled.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('talks to api.github.com when no URL is given, or an empty one', () => {
    expect(githubClient('t', '').request.endpoint.DEFAULTS.baseUrl).toBe('https://api.github.com');
    expect(githubClient('t', server.url).request.endpoint.DEFAULTS.baseUrl).toBe(server.url);
  });

  it('reads GITHUB_API_URL when it is made, not when it is loaded', async () => {
    const before = process.env['GITHUB_API_URL'];
    process.env['GITHUB_API_URL'] = server.url;
    try {
      expect((await create(githubClient(server.token))).status).toBe(201);
    } finally {
      if (before === undefined) delete process.env['GITHUB_API_URL'];
      else process.env['GITHUB_API_URL'] = before;
    }
  });

  it.each([
    ['5', 5],
    ['1000', 1000],
    ['1', 1],
    [undefined, 1000],
    ['0', 1000],
    ['-5', 1000],
    ['1001', 1000],
    ['2.5', 1000],
    ['fast', 1000],
  ])('counts a second of retry-after as AKS_IDENTITY_LINT_RETRY_UNIT_MS=%s → %i ms', (value, ms) => {
    if (value === undefined) delete process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'];
    else process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS'] = value;
    expect(retryUnitMs()).toBe(ms);
  });
});

describe('tryPublish', () => {
  it('gives back what was published', async () => {
    expect((await capturingStdout(() => tryPublish('comment', () => Promise.resolve(7)))).result).toBe(7);
  });

  it.each([403, 404])('turns a %i into a notice that the token may lack the permission', async (status) => {
    const refusal = Object.assign(new Error('Resource not accessible by integration'), { status });
    const { result, stdout } = await capturingStdout(() =>
      tryPublish('check run', () => Promise.reject(refusal)),
    );
    expect(result).toBeUndefined();
    expect(stdout).toContain(
      `::notice::aks-identity-lint could not post the check run (${String(status)}: Resource not accessible by integration). The token may lack the permission, as on pull requests from forks; the findings are still in the step log, the annotations and (when enabled) the job summary.`,
    );
  });

  it('turns any other failure into a warning naming what was not posted', async () => {
    const { result, stdout } = await capturingStdout(() =>
      tryPublish('PR comment', () =>
        Promise.reject(Object.assign(new Error('Bad Gateway'), { status: 502 })),
      ),
    );
    expect(result).toBeUndefined();
    expect(stdout).toContain('::warning::aks-identity-lint could not post the PR comment: Bad Gateway');
    expect(stdout).not.toContain('::notice::');
    const thrown = await capturingStdout(() =>
      tryPublish('summary', () => Promise.reject(new Error('disk full'))),
    );
    expect(thrown.stdout).toContain('::warning::aks-identity-lint could not post the summary: disk full');
  });
});

/** What a step wrote to stdout, where @actions/core writes its log lines and workflow commands. */
async function capturingStdout<T>(run: () => Promise<T>): Promise<{ result: T; stdout: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let stdout = '';
  process.stdout.write = (chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  try {
    return { result: await run(), stdout };
  } finally {
    process.stdout.write = write;
  }
}
