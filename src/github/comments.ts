// The sticky PR comment: one per PR and comment-key, found by a hidden marker among the
// comments written by our own token's identity (every page searched), updated in place, and
// never overwritten by an older run than the one that last wrote it. "Newer" is by run id, then
// attempt (the run number is counted per workflow, so it cannot order runs of two workflows).
// Two runs that create at once both look again after creating: the newer run's comment stays,
// the other is deleted.
import type { Octokit } from './client.js';

export interface CommentTarget {
  owner: string;
  repo: string;
  issue: number;
}

export interface RunStamp {
  runId: number;
  runAttempt: number;
}

export type CommentOutcome =
  { action: 'created' | 'updated'; id: number; deleted: number[] } | { action: 'kept-newer'; id: number; newer: RunStamp; deleted: number[] };

// `run` held the run number before 0.2; any run id is far above those, so such comments read as older.
const MARKER = /<!-- konigle-deploy-action key="([^"]*)" run(?:-id)?="(\d+)" attempt="(\d+)" -->/;

export function commentMarker(key: string, stamp: RunStamp): string {
  return `<!-- konigle-deploy-action key="${encodeURIComponent(key)}" run-id="${stamp.runId}" attempt="${stamp.runAttempt}" -->`;
}

export function readMarker(body: string | undefined | null): ({ key: string } & RunStamp) | undefined {
  const match = body ? MARKER.exec(body) : null;
  return match ? { key: decodeURIComponent(match[1]), runId: Number(match[2]), runAttempt: Number(match[3]) } : undefined;
}

export const isNewer = (a: RunStamp, b: RunStamp) => a.runId > b.runId || (a.runId === b.runId && a.runAttempt > b.runAttempt);

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

interface Ours {
  id: number;
  stamp: RunStamp;
}

/** Our comments for this key, newest run first (ties: the first created). */
async function ourComments(octokit: Octokit, target: CommentTarget, key: string, login: string | undefined): Promise<Ours[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issue,
    per_page: 100,
  });
  const ours: Ours[] = [];
  for (const c of comments) {
    // Without a known identity, only a bot's comment can be ours; GitHub refuses edits of others' anyway.
    const author = c.user?.login ?? '';
    const marker = readMarker(c.body);
    if ((login ? sameLogin(author, login) : c.user?.type === 'Bot') && marker?.key === key) ours.push({ id: c.id, stamp: marker });
  }
  return ours.sort((a, b) => (isNewer(a.stamp, b.stamp) ? -1 : isNewer(b.stamp, a.stamp) ? 1 : a.id - b.id));
}

/** Deletes comments; one already gone (the other run deleted it too) is fine. */
async function deleteAll(octokit: Octokit, target: CommentTarget, ids: number[]): Promise<number[]> {
  const deleted: number[] = [];
  for (const id of ids) {
    try {
      await octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: id });
      deleted.push(id);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  return deleted;
}

export async function upsertComment(octokit: Octokit, target: CommentTarget, key: string, stamp: RunStamp, body: string): Promise<CommentOutcome> {
  const login = await tokenLogin(octokit);
  const found = await ourComments(octokit, target, key, login);
  const [newest, ...stale] = found;
  if (newest && isNewer(newest.stamp, stamp)) return { action: 'kept-newer', id: newest.id, newer: newest.stamp, deleted: [] };
  if (newest) {
    await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: newest.id, body });
    return {
      action: 'updated',
      id: newest.id,
      deleted: await deleteAll(
        octokit,
        target,
        stale.map((c) => c.id),
      ),
    };
  }
  const created = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issue, body });
  const id = created.data.id;
  // Another run may have listed and created at the same moment: look again, keep the newer run's.
  const others = (await ourComments(octokit, target, key, login)).filter((c) => c.id !== id);
  const newer = others.find((c) => isNewer(c.stamp, stamp) || (!isNewer(stamp, c.stamp) && c.id < id));
  if (newer) return { action: 'kept-newer', id: newer.id, newer: newer.stamp, deleted: await deleteAll(octokit, target, [id]) };
  return {
    action: 'created',
    id,
    deleted: await deleteAll(
      octokit,
      target,
      others.map((c) => c.id),
    ),
  };
}
