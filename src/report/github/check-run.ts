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
/**
 * At most this many annotations per check run, most severe first: 20 requests, which GitHub's pacing of writes (a
 * second apart, as its REST API guidelines ask) makes 20 s. Past this many, a reviewer reads the job summary or
 * code scanning rather than the diff, and a larger plan would only make the run longer.
 */
export const MAX_CHECK_RUN_ANNOTATIONS = 1000;

const LEVEL_RANK = { failure: 0, warning: 1, notice: 2 } as const;

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
  /** How many were left out by MAX_CHECK_RUN_ANNOTATIONS. */
  capped: number;
  /** Why a later batch of annotations was refused, if one was: the check run itself stands. */
  failed?: string;
}

/**
 * Creates a completed check run on the commit with the first 50 annotations, then adds the rest 50 at a time,
 * as the Checks API requires, up to MAX_CHECK_RUN_ANNOTATIONS. Branch protection can require it by its name.
 */
export async function publishCheckRun(
  octokit: Octokit,
  ctx: GitHubContext,
  report: CheckRunReport,
): Promise<CheckRunPosted> {
  const chosen = checkRunAnnotations(report.annotations);
  const batches: Annotation[][] = [];
  for (let i = 0; i < chosen.length; i += ANNOTATION_BATCH)
    batches.push(chosen.slice(i, i + ANNOTATION_BATCH));
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
    capped: report.annotations.length - chosen.length,
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

/** The annotations a check run carries: the most severe first, in their order, up to MAX_CHECK_RUN_ANNOTATIONS. */
export function checkRunAnnotations(annotations: readonly Annotation[]): Annotation[] {
  if (annotations.length <= MAX_CHECK_RUN_ANNOTATIONS) return [...annotations];
  return [...annotations]
    .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level])
    .slice(0, MAX_CHECK_RUN_ANNOTATIONS);
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
