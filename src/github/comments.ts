// The sticky PR comment: one per PR and comment-key, found by a hidden marker among the
// comments written by our own token's identity (every page searched), updated in place,
// and never overwritten by an older run than the one that last wrote it.
import type { Octokit } from './client.js';

export interface CommentTarget {
  owner: string;
  repo: string;
  issue: number;
}

export interface RunStamp {
  runNumber: number;
  runAttempt: number;
}

export type CommentOutcome = { action: 'created' | 'updated'; id: number } | { action: 'kept-newer'; id: number; newerRun: number };

const MARKER = /<!-- konigle-deploy-action key="([^"]*)" run="(\d+)" attempt="(\d+)" -->/;

export function commentMarker(key: string, stamp: RunStamp): string {
  return `<!-- konigle-deploy-action key="${encodeURIComponent(key)}" run="${stamp.runNumber}" attempt="${stamp.runAttempt}" -->`;
}

export function readMarker(body: string | undefined | null): ({ key: string } & RunStamp) | undefined {
  const match = body ? MARKER.exec(body) : null;
  return match ? { key: decodeURIComponent(match[1]), runNumber: Number(match[2]), runAttempt: Number(match[3]) } : undefined;
}

const isNewer = (a: RunStamp, b: RunStamp) => a.runNumber > b.runNumber || (a.runNumber === b.runNumber && a.runAttempt > b.runAttempt);

/** GraphQL says `github-actions` where REST says `github-actions[bot]`: compare without the suffix. */
const sameLogin = (a: string, b: string) => a.replace(/\[bot\]$/, '').toLowerCase() === b.replace(/\[bot\]$/, '').toLowerCase();

/**
 * Who the token is. The workflow token is an app installation token, for which GET /user answers
 * 403, so ask GraphQL's `viewer` first; GET /user covers personal tokens that GraphQL refuses.
 */
export async function tokenLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    const answer = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    if (answer?.viewer?.login) return answer.viewer.login;
  } catch {
    // fall through to REST
  }
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    return undefined;
  }
}

export async function upsertComment(octokit: Octokit, target: CommentTarget, key: string, stamp: RunStamp, body: string): Promise<CommentOutcome> {
  const login = await tokenLogin(octokit);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issue,
    per_page: 100,
  });
  // Without a known identity, only a bot's comment can be ours; GitHub refuses edits of others' anyway.
  const mine = comments.filter((c) => {
    const author = c.user?.login ?? '';
    return (login ? sameLogin(author, login) : c.user?.type === 'Bot') && readMarker(c.body)?.key === key;
  });
  const existing = mine.sort((a, b) => b.id - a.id)[0];
  if (existing) {
    const theirs = readMarker(existing.body)!;
    if (isNewer(theirs, stamp)) return { action: 'kept-newer', id: existing.id, newerRun: theirs.runNumber };
    await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body });
    return { action: 'updated', id: existing.id };
  }
  const created = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issue, body });
  return { action: 'created', id: created.data.id };
}
