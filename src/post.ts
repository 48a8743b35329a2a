// The post step (runs.post in action.yml): runs after the job's steps even when the main step was
// killed outright. If the main step never reported, it closes every GitHub Deployment the main
// step left in_progress (saved with core.saveState), so the record never shows a release in
// progress forever. A main step that finished (wait: false included) saved MAIN_DONE_STATE: then
// there is nothing to do.
import * as core from './actions/core.js';
import { MAIN_DONE_STATE } from './cancel.js';
import { createOctokit } from './github/octokit.js';
import { OPEN_DEPLOYMENTS_STATE, type OpenDeployment } from './github/deployments.js';
import { readInputs } from './inputs.js';
import { guardOutput } from './redact.js';

export async function post(): Promise<void> {
  guardOutput(); // GitHub's error messages may echo what we sent
  if (core.getState(MAIN_DONE_STATE) === 'true') return;
  let open: OpenDeployment[];
  try {
    open = JSON.parse(core.getState(OPEN_DEPLOYMENTS_STATE) || '[]') as OpenDeployment[];
  } catch {
    return;
  }
  if (!open.length) return;
  let token: string | undefined;
  try {
    token = readInputs()['github-token'];
  } catch {
    token = undefined;
  }
  if (!token) return;
  const octokit = createOctokit(token);
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/');
  const logUrl = `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${owner}/${repo}/actions/runs/${process.env.GITHUB_RUN_ID ?? ''}`;
  for (const { id, jobId } of open) {
    try {
      const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: id, per_page: 1 });
      if (statuses[0] && statuses[0].state !== 'in_progress') continue;
      const description = `The step was stopped before it finished; Konigle Job ${jobId ?? '?'} may still be running.`;
      await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: id, state: 'error', description, log_url: logUrl });
      core.warning(`GitHub Deployment ${id} was left in progress by a step that was stopped: set to error. ${description}`);
    } catch (error) {
      core.warning(`Could not close GitHub Deployment ${id}: ${(error as Error).message}`);
    }
  }
}

post().catch((error: unknown) => core.warning(`The post step failed: ${error instanceof Error ? error.message : String(error)}`));
