import type { Annotation } from '../annotations.js';
import type { Octokit } from './client.js';
import type { GitHubContext } from './context.js';

export const CHECK_RUN_NAME = 'aks-identity-lint';

/** `aks-identity-lint`, or `aks-identity-lint (prod)` for one stack of several, so each can be a required check. */
export function checkRunName(stack: string): string {
  return stack === '' ? CHECK_RUN_NAME : `${CHECK_RUN_NAME} (${stack})`;
}
/** The Checks API takes at most 50 annotations per request. */
export const ANNOTATION_BATCH = 50;

export interface CheckRunReport {
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  annotations: Annotation[];
}

export interface CheckRunPosted {
  id: number;
  url: string;
  /** How many annotations it carries. */
  annotated: number;
  /** Why a later batch of annotations was refused, if one was: the check run itself stands. */
  failed?: string;
}

/**
 * Creates a completed check run on the commit with the first 50 annotations, then adds the rest 50 at a time,
 * as the Checks API requires. Branch protection can require it by its name.
 */
export async function publishCheckRun(
  octokit: Octokit,
  ctx: GitHubContext,
  report: CheckRunReport,
): Promise<CheckRunPosted> {
  const batches: Annotation[][] = [];
  for (let i = 0; i < report.annotations.length; i += ANNOTATION_BATCH)
    batches.push(report.annotations.slice(i, i + ANNOTATION_BATCH));
  const output = (
    batch: Annotation[] | undefined,
  ): { title: string; summary: string; annotations: ReturnType<typeof toApi>[] } => ({
    title: report.title,
    summary: report.summary,
    annotations: (batch ?? []).map(toApi),
  });
  const created = await octokit.rest.checks.create({
    owner: ctx.owner,
    repo: ctx.repo,
    name: report.name,
    head_sha: ctx.sha,
    status: 'completed',
    conclusion: report.conclusion,
    completed_at: new Date().toISOString(),
    output: output(batches[0]),
  });
  const posted: CheckRunPosted = {
    id: created.data.id,
    url: created.data.html_url ?? '',
    annotated: batches[0]?.length ?? 0,
  };
  for (const batch of batches.slice(1)) {
    try {
      await octokit.rest.checks.update({
        owner: ctx.owner,
        repo: ctx.repo,
        check_run_id: created.data.id,
        output: output(batch),
      });
      posted.annotated += batch.length;
    } catch (error) {
      posted.failed = error instanceof Error ? error.message : String(error);
      break;
    }
  }
  return posted;
}

function toApi(a: Annotation): {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
} {
  return {
    path: a.file,
    start_line: a.line,
    end_line: a.endLine,
    annotation_level: a.level,
    title: a.title,
    message: a.message,
  };
}
