// Decides what a run does from the `command` input and the event that started the workflow.
import type { Command } from '../inputs.js';

export type RunCommand = Exclude<Command, 'auto'>;

export interface EventInfo {
  name: string;
  payload: Record<string, any>;
}

export type Plan = { command: RunCommand } | { command: 'none'; reason: string };

/** `auto`: promote a published, non-prerelease release; ignore other release actions; deploy otherwise. */
export function planCommand(command: Command, event: EventInfo): Plan {
  if (command !== 'auto') return { command };
  if (event.name !== 'release') return { command: 'deploy' };
  const action = String(event.payload.action ?? '');
  const release = event.payload.release ?? {};
  const tag = release.tag_name ? ` ${release.tag_name}` : '';
  if (action !== 'published') {
    return { command: 'none', reason: `Release${tag} was ${action || 'changed'}: only a published release is promoted, so this run does nothing.` };
  }
  if (release.prerelease) {
    return { command: 'none', reason: `Release${tag} is a prerelease: prereleases are not promoted to production, so this run does nothing.` };
  }
  return { command: 'promote' };
}

export interface PullRequestInfo {
  number: number;
  headSha: string;
  /** From a fork: the token is read-only and secrets are absent. */
  fork: boolean;
}

export function pullRequestOf(event: EventInfo): PullRequestInfo | undefined {
  if (event.name !== 'pull_request' && event.name !== 'pull_request_target') return undefined;
  const pr = event.payload.pull_request;
  if (!pr || typeof pr.number !== 'number') return undefined;
  const headRepo = pr.head?.repo?.full_name;
  const baseRepo = pr.base?.repo?.full_name;
  return { number: pr.number, headSha: String(pr.head?.sha ?? ''), fork: Boolean(headRepo && baseRepo && headRepo !== baseRepo) };
}
