// The run's context, read as @actions/github's `context` reads it (the runner's environment and the
// event payload file), without loading Octokit at start-up just to know the event.
import { existsSync, readFileSync } from 'node:fs';
import type { EventPayload } from '../pipeline/plan.js';

export interface RunContext {
  eventName: string;
  sha: string;
  ref: string;
  actor: string;
  runId: number;
  runNumber: number;
  runAttempt: number;
  serverUrl: string;
  repo: { owner: string; repo: string };
  payload: EventPayload;
}

export function readContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const eventPath = env.GITHUB_EVENT_PATH;
  const payload = eventPath && existsSync(eventPath) ? (JSON.parse(readFileSync(eventPath, 'utf8')) as EventPayload) : {};
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error("GITHUB_REPOSITORY is not set like 'owner/repo': this action runs inside a GitHub Actions job");
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    runId: parseInt(env.GITHUB_RUN_ID ?? '', 10),
    runNumber: parseInt(env.GITHUB_RUN_NUMBER ?? '', 10),
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT) || 1,
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    repo: { owner, repo },
    payload,
  };
}
