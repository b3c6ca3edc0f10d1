import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  authorization: string | undefined;
  /** When the request arrived (performance.now()): to prove that writes are paced. */
  at: number;
}

interface Override {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  times: number;
}

interface StoredComment {
  id: number;
  body: string;
  html_url: string;
  /** Null for a comment whose author's account was deleted, as GitHub answers. */
  user: { login: string; type: 'Bot' | 'User' } | null;
}

/** Who a token acts as: GITHUB_TOKEN acts as a bot and may not read `/user`; a personal token is its user. */
export interface TokenIdentity {
  login: string;
  type: 'Bot' | 'User';
}

/** GitHub refuses more annotations than this in one check-run request. */
const ANNOTATIONS_PER_REQUEST = 50;

/**
 * A stand-in for the GitHub REST API on 127.0.0.1, with the endpoints the action uses (check runs, issue
 * comments, the authenticated user), kept state across requests (so a second run finds the first run's comment),
 * a record of every request, and injectable failures (403, 5xx, rate limits) for chosen endpoints. Like GitHub, it
 * refuses a request without the expected token (401) and a check-run request with more than 50 annotations (422).
 */
export class GitHubApiServer {
  readonly requests: RecordedRequest[] = [];
  readonly comments: StoredComment[] = [];
  /** The token requests must carry, and who it acts as. */
  token = 'test-token';
  identity: TokenIdentity = { login: 'github-actions[bot]', type: 'Bot' };
  private readonly overrides: Override[] = [];
  private nextId = 1000;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server?.close(() => {
        resolve();
      }),
    );
  }

  /** Answers the next `times` matching requests with this status and body instead of the normal response. */
  fail(
    method: string,
    path: RegExp,
    status: number,
    body: unknown = { message: 'injected' },
    times = Number.POSITIVE_INFINITY,
    headers: Record<string, string> = {},
  ): void {
    this.overrides.push({ method, path, status, body, headers, times });
  }

  /** A primary rate limit: the next `times` matching requests get 403 with no requests left until `resetIn` s. */
  rateLimit(method: string, path: RegExp, times = 1, resetIn = 1): void {
    const reset = String(Math.ceil(Date.now() / 1000) + resetIn);
    this.fail(method, path, 403, { message: 'API rate limit exceeded for installation.' }, times, {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': reset,
    });
  }

  seedComment(body: string, login: string | null = 'someone', type: 'Bot' | 'User' = 'User'): StoredComment {
    const comment = {
      id: this.nextId++,
      body,
      html_url: `https://github.com/c/${this.nextId}`,
      user: login === null ? null : { login, type },
    };
    this.comments.push(comment);
    return { ...comment, user: comment.user === null ? null : { ...comment.user } };
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
      authorization: req.headers.authorization,
      at: performance.now(),
    };
    this.requests.push(request);

    const override = this.overrides.find(
      (o) => o.times > 0 && o.method === request.method && o.path.test(request.path),
    );
    if (override !== undefined) {
      override.times--;
      send(res, override.status, override.body, override.headers);
      return;
    }
    const route = `${request.method} ${request.path}`;
    let m: RegExpExecArray | null;
    // The runner's OIDC token service (ACTIONS_ID_TOKEN_REQUEST_URL): a token for the audience asked for.
    if (route === 'GET /_apis/oidc/token') {
      send(res, 200, { value: `github-oidc-token-for-${request.query.get('audience') ?? ''}` });
      return;
    }
    if (request.authorization !== `token ${this.token}` && request.authorization !== `Bearer ${this.token}`) {
      send(res, 401, { message: 'Bad credentials', status: '401' });
      return;
    }
    if (route === 'GET /user') {
      if (this.identity.type === 'Bot') send(res, 403, { message: 'Resource not accessible by integration' });
      else send(res, 200, { login: this.identity.login, type: 'User' });
      return;
    }
    const annotations = (request.body?.['output'] as { annotations?: unknown[] } | undefined)?.annotations;
    if (
      /check-runs/.test(route) &&
      annotations !== undefined &&
      annotations.length > ANNOTATIONS_PER_REQUEST
    ) {
      send(res, 422, {
        message: 'Validation Failed',
        errors: [{ resource: 'CheckRun', field: 'annotations', code: 'too_many', message: 'at most 50' }],
      });
      return;
    }
    if ((m = /^POST \/repos\/[^/]+\/[^/]+\/check-runs$/.exec(route)) !== null) {
      const id = this.nextId++;
      send(res, 201, { id, html_url: `https://github.com/checks/${id}`, ...request.body });
      return;
    }
    if ((m = /^PATCH \/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(route)) !== null) {
      send(res, 200, { id: Number(m[1]), ...request.body });
      return;
    }
    if (/^GET \/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(route)) {
      const perPage = Number(request.query.get('per_page') ?? 30);
      const page = Number(request.query.get('page') ?? 1);
      const slice = this.comments.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < this.comments.length) {
        headers['link'] = `<${this.url}${request.path}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
      }
      send(res, 200, slice, headers);
      return;
    }
    if (/^POST \/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(route)) {
      const comment = {
        id: this.nextId++,
        body: bodyText(request),
        html_url: 'https://github.com/c',
        user: { ...this.identity },
      };
      comment.html_url = `https://github.com/comments/${comment.id}`;
      this.comments.push(comment);
      send(res, 201, comment);
      return;
    }
    if ((m = /^PATCH \/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(route)) !== null) {
      const comment = this.comments.find((c) => c.id === Number(m?.[1]));
      if (comment === undefined) {
        send(res, 404, { message: 'Not Found' });
        return;
      }
      comment.body = bodyText(request);
      send(res, 200, comment);
      return;
    }
    send(res, 404, { message: `no route for ${route}` });
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function bodyText(request: RecordedRequest): string {
  const body = request.body?.['body'];
  return typeof body === 'string' ? body : '';
}
