// The GitHub client: @octokit/rest with the retry and throttling plugins, so a passing 5xx or a
// secondary rate limit is ridden out instead of ending a surface; every attempt is time-bounded.
// Its own module, loaded only when a run has a token: Octokit is a third of the start-up cost.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit as RestOctokit } from '@octokit/rest';
import Bottleneck from 'bottleneck/light.js';

const GitHubClient = RestOctokit.plugin(retry, throttling);
export type Octokit = InstanceType<typeof GitHubClient>;

/** One attempt's bound; plugin-retry then waits 1 s and 4 s between the (at most 3) attempts. */
const ATTEMPT_TIMEOUT_MS = 10_000;
const RETRIES = 2;
/** The longest Retry-After we sit out for a rate limit; longer ones fail the write (it is queued and retried once at the end). */
const MAX_RATE_LIMIT_WAIT_S = 20;

/**
 * @octokit/request passes an error named AbortError through as it is, and plugin-retry retries only
 * its own RequestErrors: so a host that does not exist (a wrong GITHUB_API_URL) fails at once
 * instead of being retried as if it were a passing 5xx.
 */
class HostNotFound extends Error {
  override name = 'AbortError';
}

async function boundedFetch(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
  } catch (error) {
    const code = ((error as { cause?: { code?: string } }).cause ?? {}).code;
    if (code === 'ENOTFOUND')
      throw new HostNotFound(
        `the GitHub API host of ${(typeof url === 'string' ? url : url instanceof URL ? url.href : url.url).split('?')[0]} does not resolve; check GITHUB_API_URL`,
      );
    throw error;
  }
}

/** GITHUB_API_URL is set on every runner (GHES included); api.github.com otherwise. */
export function createOctokit(token: string, baseUrl = process.env.GITHUB_API_URL || 'https://api.github.com'): Octokit {
  const sitOut = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
  return new GitHubClient({
    auth: token,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    request: { fetch: boundedFetch },
    retry: { retries: RETRIES },
    throttle: {
      onRateLimit: sitOut,
      onSecondaryRateLimit: sitOut,
      // A run makes a handful of writes: keep them one at a time, but without the library's default
      // pause of 1 s (3 s for comments) between them, which GitHub asks of bulk writers; a
      // cancelled run has 5 s for all of its writes.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}
