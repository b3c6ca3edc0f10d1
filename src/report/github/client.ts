import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

export type Octokit = ReturnType<typeof getOctokit>;

/** Retries of a request GitHub rate-limits, before the report it carries is given up. */
const RATE_LIMIT_RETRIES = 2;

/**
 * Milliseconds waited per second of GitHub's `retry-after`, of the retry plugin's back-off, and of the pacing between
 * writes. The tests set AKS_IDENTITY_LINT_RETRY_UNIT_MS to a few milliseconds so that retries and pacing are still
 * proven without seconds of waiting.
 */
export function retryUnitMs(): number {
  const value = Number(process.env['AKS_IDENTITY_LINT_RETRY_UNIT_MS']);
  return Number.isInteger(value) && value > 0 && value <= 1000 ? value : 1000;
}

/**
 * An Octokit for GITHUB_API_URL that retries server errors (plugin-retry) and waits out primary and secondary rate
 * limits (plugin-throttling), so a busy API degrades to a slower run rather than a missing report.
 */
export function githubClient(token: string, baseUrl = process.env['GITHUB_API_URL']): Octokit {
  return getOctokit(
    token,
    {
      // Read when the client is made, not when @actions/github is loaded (GHES sets it per runner).
      ...(baseUrl === undefined || baseUrl === '' ? {} : { baseUrl }),
      retry: { retryAfterBaseValue: retryUnitMs() },
      throttle: {
        retryAfterBaseValue: retryUnitMs(),
        ...pacing(retryUnitMs()),
        onRateLimit: (retryAfter: number, options: RequestOptions, _octokit: unknown, retryCount: number) => {
          core.info(
            `GitHub rate limit on ${options.method} ${requestPath(options)}; retrying in ${retryAfter}s`,
          );
          return retryCount < RATE_LIMIT_RETRIES;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          options: RequestOptions,
          _octokit: unknown,
          retryCount: number,
        ) => {
          core.info(
            `GitHub secondary rate limit on ${options.method} ${requestPath(options)}; retrying in ${retryAfter}s`,
          );
          return retryCount < RATE_LIMIT_RETRIES;
        },
      },
    },
    retry,
    throttling,
  );
}

type RequestOptions = { method: string; url: string } & Record<string, unknown>;

/** The path a request went to: Octokit's route template (`/repos/{owner}/{repo}/check-runs`) with its parameters. */
function requestPath(options: RequestOptions): string {
  return options.url.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = options[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : placeholder;
  });
}

/**
 * GitHub asks integrators to leave a second between requests that create content, and three seconds between those
 * that notify people (plugin-throttling's own defaults); in units of `unit` milliseconds per second.
 */
function pacing(unit: number): { write?: Bottleneck.Group; notifications?: Bottleneck.Group } {
  if (unit === 1000) return {};
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: unit }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * unit }),
  };
}

/** Runs one publishing step; a refusal or failure becomes a notice or warning, never a crash of the run. */
export async function tryPublish<T>(what: string, publish: () => Promise<T>): Promise<T | undefined> {
  try {
    return await publish();
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const message = error instanceof Error ? error.message : String(error);
    if (status === 403 || status === 404) {
      core.notice(
        `aks-identity-lint could not post the ${what} (${String(status)}: ${message}). The token may lack the permission, ` +
          'as on pull requests from forks; the findings are still in the step log, the annotations and (when enabled) the job summary.',
      );
    } else {
      core.warning(`aks-identity-lint could not post the ${what}: ${message}`);
    }
    return undefined;
  }
}
