import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { liveRequest } from './action/live-request.js';
import { readActionInputs } from './action/inputs.js';
import { expandPaths } from './action/paths.js';
import type { CompiledPolicy } from './policy/load.js';
import { countOutcome, runFailed, type ScanOutcome } from './policy/outcome.js';
import { annotateOnInputs } from './action/input-annotations.js';
import {
  annotationsOf,
  splitForStep,
  STEP_ANNOTATIONS_PER_LEVEL,
  type Annotation,
  type Unplaced,
} from './report/annotations.js';
import { renderConsole } from './report/console.js';
import {
  checkRunAnnotations,
  checkRunName,
  MAX_CHECK_RUN_ANNOTATIONS,
  publishCheckRun,
  type CheckRunPosted,
} from './report/github/check-run.js';
import { githubClient, tryPublish } from './report/github/client.js';
import { readGitHubContext, type GitHubContext } from './report/github/context.js';
import { stickyMarker, upsertStickyComment } from './report/github/pr-comment.js';
import { renderJson } from './report/json.js';
import {
  CHECK_RUN_TEXT_LIMIT,
  GITHUB_COMMENT_LIMIT,
  nothingChecked,
  renderMarkdown,
  type MarkdownLinks,
} from './report/markdown.js';
import { renderSarif, type SarifOptions } from './report/sarif.js';
import { liveSummaryLine } from './report/live-summary.js';
import { resolveRun, type RunRequest } from './run-options.js';
import { scan } from './scan.js';
import { counted } from './util/plural.js';
import { UserError } from './util/user-error.js';

/** The job summary takes up to 1 MiB per step. */
const SUMMARY_LIMIT = 1_000_000;

/**
 * The GitHub Action: scan, then report through every channel the inputs allow (log, line annotations, check run,
 * sticky PR comment, job summary, SARIF and JSON files), and fail the step when a blocking finding exists. A channel
 * the token may not use degrades to a notice; it never changes the verdict.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readActionInputs();
    const workspace = resolve(process.env['GITHUB_WORKSPACE'] ?? process.cwd());
    process.chdir(resolve(workspace, inputs.workingDirectory));
    const request: RunRequest = {
      cwd: process.cwd(),
      repoRoot: workspace,
      paths: await expandPaths(inputs.paths),
      policyDirs: inputs.policies,
    };
    if (inputs.builtIn !== undefined) request.builtIn = inputs.builtIn;
    if (inputs.failOn !== undefined) request.failOn = inputs.failOn;
    if (inputs.failOnIndeterminate !== undefined) request.failOnIndeterminate = inputs.failOnIndeterminate;
    if (inputs.terraformDir !== '') request.terraformDir = inputs.terraformDir;
    if (inputs.parameterFiles.length > 0) request.parameterFiles = inputs.parameterFiles;
    if (inputs.parameterValues.length > 0) request.parameterValues = inputs.parameterValues;
    if (inputs.deploymentScope !== '') request.deploymentScope = inputs.deploymentScope;
    if (inputs.config !== '') request.config = inputs.config;
    if (inputs.baseline !== '') request.baseline = inputs.baseline;
    if (inputs.live !== undefined) request.live = await liveRequest(inputs.live);
    const outcome = await scan(await resolveRun(request));
    const liveLine = liveSummaryLine(outcome);
    if (liveLine !== undefined) core.info(liveLine);

    core.info(renderConsole(outcome, { color: false }));

    const ctx = readGitHubContext();
    const links = ctx === undefined ? {} : markdownLinks(ctx);
    const found = inputs.annotations ? annotationsOf(outcome) : { annotations: [], withoutLines: [] };
    const onInputs = await annotateOnInputs(found.withoutLines, workspace);
    const annotations = [...found.annotations, ...onInputs.annotations];
    const withoutLines = onInputs.outside;
    const { step, rest } = splitForStep(annotations);
    for (const a of step) annotate(a);
    // Without a file in the repository they cannot be placed on lines, but the run's annotation list shows them.
    for (const u of withoutLines.slice(0, STEP_ANNOTATIONS_PER_LEVEL)) annotateUnplaced(u);

    const octokit =
      inputs.githubToken === '' || ctx === undefined ? undefined : githubClient(inputs.githubToken);
    const summaryWritten = inputs.summary && process.env['GITHUB_STEP_SUMMARY'] !== undefined;
    // A cut comment or check run links to the job summary, which holds the whole report (its limit is 1 MiB).
    const jobSummaryLink =
      summaryWritten && ctx?.runUrl !== undefined ? `[this run's job summary](${ctx.runUrl})` : undefined;
    let checkRun: CheckRunPosted | undefined;
    if (inputs.checkRun && octokit !== undefined && ctx !== undefined && ctx.sha !== '') {
      const planned = checkRunAnnotations(rest).length;
      const notes = annotationNotes({
        onStep: step.length,
        onCheckRun: planned,
        capped: rest.length - planned,
        refused: 0,
        withoutLines: withoutLines.length,
        checkRun: true,
      });
      checkRun = await tryPublish('check run', () =>
        publishCheckRun(octokit, ctx, {
          name: checkRunName(inputs.stack),
          conclusion: checkRunConclusion(outcome),
          title: checkRunTitle(outcome),
          summary: renderMarkdown(outcome, {
            links,
            maxLength: CHECK_RUN_TEXT_LIMIT,
            notes,
            fullReportAt: jobSummaryLink ?? FULL_REPORT,
          }),
          annotations: rest,
        }),
      );
      if (checkRun?.failed !== undefined) {
        core.warning(
          `aks-identity-lint posted the check run but not all its annotations: ${checkRun.failed}`,
        );
      }
    }
    const capped = checkRun?.capped ?? 0;
    const notes = annotationNotes({
      onStep: step.length,
      onCheckRun: checkRun?.annotated ?? 0,
      capped,
      refused: rest.length - capped - (checkRun?.annotated ?? 0),
      withoutLines: withoutLines.length,
      checkRun: checkRun !== undefined,
    });

    if (inputs.comment && octokit !== undefined && ctx !== undefined) {
      if (ctx.pullRequest === undefined)
        core.info('aks-identity-lint: not a pull request event; no PR comment to post.');
      else {
        const marker = stickyMarker(inputs.stack);
        const body = renderMarkdown(outcome, {
          links,
          maxLength: GITHUB_COMMENT_LIMIT,
          header: marker,
          notes,
          fullReportAt:
            jobSummaryLink ??
            (checkRun !== undefined && checkRun.url !== ''
              ? `[the check run](${checkRun.url})`
              : FULL_REPORT),
        });
        const pr = ctx.pullRequest;
        const posted = await tryPublish('pull request comment', () =>
          upsertStickyComment(octokit, ctx, pr, body, marker),
        );
        if (posted !== undefined) core.info(`aks-identity-lint: PR comment ${posted.action}: ${posted.url}`);
      }
    }
    if (summaryWritten) {
      await core.summary
        .addRaw(
          renderMarkdown(outcome, { links, maxLength: SUMMARY_LIMIT, notes, fullReportAt: FULL_REPORT }),
          true,
        )
        .write();
    }

    const sarifPath = inputs.sarifFile === '' ? '' : resolve(inputs.sarifFile);
    if (sarifPath !== '') {
      const sarifOptions: SarifOptions = { policyUrl: (p) => links.policyUrl?.(p) };
      if (inputs.stack !== '') sarifOptions.category = inputs.stack;
      await writeFile(sarifPath, renderSarif(outcome, sarifOptions));
    }
    const jsonPath = inputs.jsonFile === '' ? '' : resolve(inputs.jsonFile);
    if (jsonPath !== '') await writeFile(jsonPath, renderJson(outcome));

    const counts = countOutcome(outcome);
    const failed = runFailed(outcome);
    core.setOutput('result', failed ? 'fail' : 'pass');
    core.setOutput('failed', counts.failed);
    core.setOutput('passed', counts.passed);
    core.setOutput('indeterminate', counts.indeterminate);
    core.setOutput('sarif-file', sarifPath);
    core.setOutput('json-file', jsonPath);
    if (failed) {
      core.setFailed(
        `aks-identity-lint: ${counted(counts.blocking, 'finding')} at or above '${outcome.failOn}'${outcome.failOnIndeterminate ? ' (indeterminate included)' : ''}`,
      );
    }
  } catch (error) {
    if (error instanceof UserError) {
      core.setFailed(`aks-identity-lint: ${error.message}`);
    } else {
      core.setFailed(
        `aks-identity-lint: internal error: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function annotateUnplaced(u: Unplaced): void {
  const properties = { title: u.title };
  if (u.level === 'failure') core.error(u.message, properties);
  else if (u.level === 'warning') core.warning(u.message, properties);
  else core.notice(u.message, properties);
}

function annotate(a: Annotation): void {
  const properties = { title: a.title, file: a.file, startLine: a.line, endLine: a.endLine };
  if (a.level === 'failure') core.error(a.message, properties);
  else if (a.level === 'warning') core.warning(a.message, properties);
  else core.notice(a.message, properties);
}

/** Where the full report is, when a size limit cut one short. */
const FULL_REPORT =
  "the action's json-file or sarif-file output, or `aks-identity-lint scan --format markdown`";

interface AnnotationCounts {
  onStep: number;
  onCheckRun: number;
  /** Left out by the check run's cap. */
  capped: number;
  /** Not annotated: refused by the check run, or no check run was posted. */
  refused: number;
  withoutLines: number;
  checkRun: boolean;
}

/** Says where the findings that are not annotated on the step went, so none goes unaccounted. */
function annotationNotes(c: AnnotationCounts): string[] {
  const notes: string[] = [];
  if (c.onCheckRun > 0) {
    notes.push(
      `${counted(c.onStep, 'finding')} ${c.onStep === 1 ? 'is' : 'are'} annotated on this step (GitHub shows 10 per level per step); the other ${c.onCheckRun} are annotated by the check run.`,
    );
  }
  if (c.capped > 0) {
    notes.push(
      `${counted(c.capped, 'finding')} beyond the ${MAX_CHECK_RUN_ANNOTATIONS.toLocaleString('en-US')} the check run annotates (the most severe first) ${c.capped === 1 ? 'is' : 'are'} not annotated: they are listed below.`,
    );
  }
  if (c.refused > 0) {
    notes.push(
      `${counted(c.refused, 'finding')} beyond GitHub's 10 annotations per level per step could not be annotated${c.checkRun ? ' (the check run refused them)' : ' because no check run was posted'}: they are listed below.`,
    );
  }
  if (c.withoutLines > 0) {
    notes.push(
      `${counted(c.withoutLines, 'finding')} ${c.withoutLines === 1 ? 'has' : 'have'} no source line in this repository (the input is outside it, or is live state); each says why under "Where" below.`,
    );
  }
  return notes;
}

function checkRunConclusion(outcome: ScanOutcome): 'success' | 'failure' | 'neutral' {
  if (runFailed(outcome)) return 'failure';
  if (nothingChecked(outcome)) return 'neutral';
  const counts = countOutcome(outcome);
  return counts.failed + counts.indeterminate > 0 ? 'neutral' : 'success';
}

function checkRunTitle(outcome: ScanOutcome): string {
  if (nothingChecked(outcome)) return 'No AKS identity resources found: nothing checked';
  const c = countOutcome(outcome);
  return `${c.failed} failed (${c.blocking} blocking), ${c.indeterminate} indeterminate, ${c.passed} passed`;
}

function markdownLinks(ctx: GitHubContext): MarkdownLinks {
  const blob = (repository: string, ref: string, path: string): string =>
    `${ctx.serverUrl}/${repository}/blob/${ref}/${path}`;
  return {
    fileUrl: (file, line, endLine) =>
      `${blob(`${ctx.owner}/${ctx.repo}`, ctx.sha, file)}#L${line}-L${endLine}`,
    policyUrl: (policy: CompiledPolicy) =>
      policy.builtIn && ctx.actionRepository !== undefined && ctx.actionRef !== undefined
        ? blob(ctx.actionRepository, ctx.actionRef, `docs/policies/${policy.policy.id}.md`)
        : undefined,
  };
}
