import type { Octokit } from './client.js';
import type { GitHubContext } from './context.js';

/**
 * Hidden in the rendered comment; it is how a later run finds the comment to update instead of adding one. A key
 * gives each of several lint steps on one pull request (one per stack) a comment of its own.
 */
export function stickyMarker(key = ''): string {
  return `<!-- aks-identity-lint:sticky-comment${key === '' ? '' : `:${key}`} -->`;
}

/** Updates the pull request's aks-identity-lint comment in place, or creates it on the first run. */
export async function upsertStickyComment(
  octokit: Octokit,
  ctx: GitHubContext,
  pullRequest: number,
  body: string,
  marker: string,
): Promise<{ action: 'created' | 'updated'; url: string }> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: pullRequest,
    per_page: 100,
  });
  // Ours start with the marker (a comment quoting it is not ours) and are written by us: by a bot (the
  // GITHUB_TOKEN's github-actions[bot] or an app), or by the user a personal token belongs to. A person's comment is
  // never edited, even one that starts with the marker.
  const marked = comments.filter((c) => c.body?.startsWith(marker) === true);
  const me = marked.length > 0 ? await tokenLogin(octokit) : undefined;
  const existing = marked.find((c) => c.user?.type === 'Bot' || (me !== undefined && c.user?.login === me));
  if (existing !== undefined) {
    const updated = await octokit.rest.issues.updateComment({
      owner: ctx.owner,
      repo: ctx.repo,
      comment_id: existing.id,
      body,
    });
    return { action: 'updated', url: updated.data.html_url };
  }
  const created = await octokit.rest.issues.createComment({
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: pullRequest,
    body,
  });
  return { action: 'created', url: created.data.html_url };
}

/**
 * The login a token acts as, when it is a user's token; an installation token (GITHUB_TOKEN) may not read `/user`
 * and acts as a bot, so undefined.
 */
async function tokenLogin(octokit: Octokit): Promise<string | undefined> {
  const user = await octokit.rest.users.getAuthenticated().catch(() => undefined);
  return user?.data.login;
}
