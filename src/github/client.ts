// How a GitHub failure is told to the user: a permission problem names the permission to
// add; a rate limit says so (it is not a permission problem).
export type { Octokit } from './octokit.js';

export interface Surface {
  what: string;
  permission: string;
}

export const COMMENT_SURFACE: Surface = { what: 'write the PR comment', permission: 'pull-requests: write' };
export const DEPLOYMENT_SURFACE: Surface = { what: 'record the GitHub Deployment', permission: 'deployments: write' };
export const GUARD_SURFACE: Surface = { what: 'read the GitHub Deployments for promote-guard', permission: 'deployments: read' };

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

export function isRateLimit(error: unknown): boolean {
  const { status, message = '', response } = error as RequestErrorLike;
  const headers = response?.headers ?? {};
  return (
    (status === 403 || status === 429) && (headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message))
  );
}

/** One sentence for a warning: what failed, why, and what to change. */
export function describeGitHubFailure(error: unknown, surface: Surface): string {
  const { status, message = String(error), response } = error as RequestErrorLike;
  const said = message.split(' - https://')[0];
  if (isRateLimit(error)) {
    const retry = response?.headers?.['retry-after'];
    return `Could not ${surface.what}: GitHub's API rate limit was hit${retry ? ` (retry after ${retry}s)` : ''}. This is not a permission problem.`;
  }
  if (status === 403 || status === 404) {
    return (
      `Could not ${surface.what}: GitHub answered ${status} (${said}). The token needs \`permissions: ${surface.permission}\` ` +
      `in the workflow; on a pull request from a fork the token is read-only.`
    );
  }
  if (status === 401) return `Could not ${surface.what}: GitHub answered 401 (${said}); check the github-token input.`;
  // A network failure comes as a status 500 without a response.
  return `Could not ${surface.what}: ${status && response ? `GitHub answered ${status} (${said})` : said}.`;
}
