// Decides what a run does from the `command` input and the event that started the workflow.
import type { Command } from '../inputs.js';

export type RunCommand = Exclude<Command, 'auto'>;

/** The parts of a webhook payload this module reads; GitHub sends them, but nothing here trusts their types. */
interface RepoSide {
  repo?: { full_name?: unknown } | null;
  sha?: unknown;
}

export interface EventPayload {
  action?: unknown;
  release?: { tag_name?: unknown; prerelease?: unknown } | null;
  pull_request?: { number?: unknown; head?: RepoSide | null; base?: RepoSide | null; user?: { login?: unknown } | null } | null;
  [key: string]: unknown;
}

export interface EventInfo {
  name: string;
  payload: EventPayload;
}

/** A payload field as text: GitHub sends strings here; anything else is shown as JSON, absence as ''. */
const textOf = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value));

export type Plan = { command: RunCommand } | { command: 'none'; reason: string };

/** `auto`: promote a published, non-prerelease release; ignore other release actions; deploy otherwise. */
export function planCommand(command: Command, event: EventInfo): Plan {
  if (command !== 'auto') return { command };
  if (event.name !== 'release') return { command: 'deploy' };
  const action = textOf(event.payload.action);
  const release = event.payload.release ?? {};
  const tag = release.tag_name ? ` ${textOf(release.tag_name)}` : '';
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
  // A head repository that is gone (a deleted fork) is not ours either: treat it as a fork.
  return { number: pr.number, headSha: textOf(pr.head?.sha), fork: Boolean(baseRepo && headRepo !== baseRepo) };
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'];

/** Dependabot's runs get no Actions secrets, like a fork's. */
function isDependabot(event: EventInfo, actor: string | undefined): boolean {
  return actor === 'dependabot[bot]' || event.payload.pull_request?.user?.login === 'dependabot[bot]';
}

export type Gate = { action: 'run' } | { action: 'skip'; reason: string; warning: boolean } | { action: 'error'; reason: string };

/**
 * What a pull request run may do before anything else happens: never promote; under
 * pull_request_target never deploy a fork's code unless allowed; without secrets (a fork,
 * Dependabot), skip with a notice. `missing` names the secret inputs the command lacks.
 */
export function gatePullRequest(
  command: RunCommand,
  event: EventInfo,
  options: { promote: boolean; allowForkDeploy: boolean; missing: string[]; actor?: string },
): Gate {
  if (!PULL_REQUEST_EVENTS.includes(event.name)) return { action: 'run' };
  if (command === 'promote' || command === 'konan-promote' || (command === 'deploy' && options.promote)) {
    const what = command === 'deploy' ? "Input 'promote' is true" : `Input 'command' is '${command}'`;
    return {
      action: 'error',
      reason: `${what} on a ${event.name} event: a pull request never promotes to production. Promote from a push to the main branch or a published release instead.`,
    };
  }
  const pr = pullRequestOf(event);
  if (event.name === 'pull_request_target' && pr?.fork && !options.allowForkDeploy) {
    const head = event.payload.pull_request?.head?.repo?.full_name;
    return {
      action: 'skip',
      warning: true,
      reason:
        `Nothing deployed: this pull_request_target run is for a pull request from the fork ${textOf(head)}. Deploying it would run that fork's code on uat with this repository's credentials. ` +
        "If you have reviewed it and want that, set the input 'allow-fork-deploy: true'; for previews of fork pull requests, see the README's Security section (the workflow_run pattern).",
    };
  }
  if (options.missing.length && (pr?.fork || isDependabot(event, options.actor))) {
    const who = pr?.fork ? 'This pull request comes from a fork' : 'This run was started by Dependabot';
    return {
      action: 'skip',
      warning: false,
      reason: `${who}, where workflow secrets are not available (no ${options.missing.join(', ')}): the run is skipped.`,
    };
  }
  return { action: 'run' };
}
