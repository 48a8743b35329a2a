// Reads the inputs, runs the pipeline for the planned command, hands the result to the reporters.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkInputsFor, type Inputs, missingSecrets, readInputs, sendsFeedback } from './inputs.js';
import { KonigleHttp } from './konigle/http.js';
import type { PipelineContext } from './pipeline/context.js';
import type { CheckedFeedback } from './pipeline/feedback.js';
import { type EventInfo, planCommand, pullRequestOf, type PullRequestInfo, type RunCommand } from './pipeline/plan.js';
import { GitHubDeployments } from './github/deployments.js';
import { createOctokit } from './github/client.js';
import { publish, warn } from './report/publish.js';
import { errorMessage, newResult, type RunInfo, type RunResult } from './result.js';

type Context = typeof github.context;

export function runInfo(context: Context, pr: PullRequestInfo | undefined): RunInfo {
  const repository = `${context.repo.owner}/${context.repo.repo}`;
  return {
    repository,
    sha: pr?.headSha || context.sha,
    ref: context.ref,
    event: context.eventName,
    runId: context.runId,
    runNumber: context.runNumber,
    runAttempt: Number(process.env.GITHUB_RUN_ATTEMPT) || 1,
    runUrl: `${context.serverUrl}/${repository}/actions/runs/${context.runId}`,
    pullRequest: pr?.number,
  };
}

export function defaultDisplayName(run: RunInfo): string {
  return `${run.sha.slice(0, 7)} ${run.event} #${run.runNumber}`;
}

// Each command's code is imported when the command runs (ncc emits it as a separate chunk), so
// start-up loads only what the run needs: no ZIP writer for feedback, no Konan client for a deploy.
const steps = {
  deploy: () => import('./pipeline/deploy.js'),
  feedback: () => import('./pipeline/feedback.js'),
  package: () => import('./pipeline/package.js'),
  promote: () => import('./pipeline/promote.js'),
};

async function execute(command: RunCommand, ctx: PipelineContext, feedback: CheckedFeedback | undefined): Promise<void> {
  const { inputs, result } = ctx;
  const submitFeedback = async (checked: CheckedFeedback) => (await steps.feedback()).submitFeedback(inputs, result, checked, ctx.signal);
  switch (command) {
    case 'deploy': {
      const [{ packageWorkspace }, { deploy }] = await Promise.all([steps.package(), steps.deploy()]);
      const archive = await packageWorkspace(inputs, result, ctx.workspace, ctx.tempDir);
      await deploy(ctx, archive, inputs['display-name'] ?? defaultDisplayName(result.run));
      // Promote only what this run has seen succeed on uat (never after a failure, a dry run or wait: false).
      if (inputs.promote && (inputs['dry-run'] || result.stages.wait?.status === 'success')) await (await steps.promote()).promote(ctx, true);
      if (feedback) await submitFeedback(feedback);
      return;
    }
    case 'feedback':
      return submitFeedback(feedback!);
    case 'promote':
      return (await steps.promote()).promote(ctx, false);
    case 'wait':
      return (await steps.deploy()).waitForJob(ctx, inputs['job-id']!, inputs['space-id']);
  }
}

/**
 * A run that ends before any remote call (nothing to do, a fork without secrets, bad input) still
 * reports why, on the job summary and outputs; there is nothing for the PR or a Deployment.
 */
async function endEarly(result: RunResult, inputs: Inputs | undefined, status: 'skipped' | 'failure', message: string): Promise<void> {
  result.status = status;
  result.message = message;
  if (status === 'skipped') core.notice(message);
  await publish(result, { inputs, octokit: undefined, commentKey: '' });
  if (status === 'failure') core.setFailed(message);
}

export async function run(context: Context = github.context): Promise<void> {
  const event: EventInfo = { name: context.eventName, payload: context.payload };
  const pr = pullRequestOf(event);
  let inputs: Inputs;
  try {
    inputs = readInputs();
  } catch (error) {
    return endEarly(newResult(runInfo(context, pr), 'none'), undefined, 'failure', errorMessage(error));
  }
  const plan = planCommand(inputs.command, event);
  const result = newResult(runInfo(context, pr), plan.command, inputs['dry-run']);
  if (plan.command === 'none') return endEarly(result, inputs, 'skipped', plan.reason);
  const missing = missingSecrets(plan.command, inputs);
  if (missing.length && pr?.fork) {
    const reason = `This pull request comes from a fork, where workflow secrets are not available (no ${missing.join(', ')}): the run is skipped.`;
    return endEarly(result, inputs, 'skipped', reason);
  }
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  let feedback: CheckedFeedback | undefined;
  try {
    checkInputsFor(plan.command, inputs);
    if (sendsFeedback(plan.command, inputs)) feedback = await (await steps.feedback()).checkFeedback(inputs, result, workspace);
  } catch (error) {
    return endEarly(result, inputs, 'failure', errorMessage(error));
  }

  const octokit = inputs['github-token'] ? createOctokit(inputs['github-token']) : undefined;
  const record = new GitHubDeployments(octokit, result, { enabled: inputs['github-deployment'], warn: (m) => warn(result, m) });
  const tempDir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'konigle-'));
  try {
    const konigle = new KonigleHttp({ baseUrl: inputs['api-url'], apiKey: inputs['api-key'] ?? '' });
    await execute(plan.command, { inputs, konigle, result, workspace, tempDir, record }, feedback);
  } catch (error) {
    result.status = 'failure';
    result.message = errorMessage(error);
    if (feedback) (await steps.feedback()).markFeedbackNotSent(result, `not sent: an earlier step failed (${result.message.split('\n')[0]})`);
  } finally {
    await rm(tempDir, { recursive: true, force: true });
    result.durationMs = Date.now() - Date.parse(result.startedAt);
  }
  const commentKey = inputs['comment-key'] ?? inputs['webapp-id'] ?? inputs['space-id'] ?? 'default';
  await publish(result, { inputs, octokit, commentKey });
  if (result.status === 'failure') core.setFailed(result.message ?? 'failed');
}
