// Reads the inputs, runs the pipeline for the planned command, hands the result to the reporters.
import * as core from './actions/core.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkInputsFor, evaluates, type Inputs, missingSecrets, readInputs, sendsFeedback } from './inputs.js';
import { KonigleHttp } from './konigle/http.js';
import type { PipelineContext } from './pipeline/context.js';
import type { CheckedFeedback } from './pipeline/feedback.js';
import { type EventInfo, gatePullRequest, planCommand, pullRequestOf, type PullRequestInfo, type RunCommand } from './pipeline/plan.js';
import { GitHubDeployments } from './github/deployments.js';
import { readContext, type RunContext } from './github/context.js';
import { publish, warn } from './report/publish.js';
import { cancelRun, MAIN_DONE_STATE, watchForCancel } from './cancel.js';
import { errorMessage, newResult, type RunInfo, type RunResult } from './result.js';
import { guardOutput, redactDeep } from './redact.js';

export function runInfo(context: RunContext, pr: PullRequestInfo | undefined): RunInfo {
  const repository = `${context.repo.owner}/${context.repo.repo}`;
  return {
    repository,
    sha: pr?.headSha || context.sha,
    ref: context.ref,
    event: context.eventName,
    runId: context.runId,
    runNumber: context.runNumber,
    runAttempt: context.runAttempt,
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
  resume: () => import('./pipeline/resume.js'),
  provision: () => import('./pipeline/provision.js'),
  evaluate: () => import('./pipeline/evaluate.js'),
  konanDeploy: () => import('./pipeline/konan-deploy.js'),
  konanPromote: () => import('./pipeline/konan-promote.js'),
};

async function execute(command: RunCommand, ctx: PipelineContext, feedback: CheckedFeedback | undefined): Promise<void> {
  const { inputs, result } = ctx;
  const submitFeedback = async (checked: CheckedFeedback) => (await steps.feedback()).submitFeedback(inputs, result, checked, ctx.signal);
  const evaluate = async () => (await steps.evaluate()).evaluateMetrics(inputs, result);
  switch (command) {
    case 'deploy': {
      const [{ packageWorkspace }, { deploy }] = await Promise.all([steps.package(), steps.deploy()]);
      const archive = await packageWorkspace(inputs, result, ctx.workspace, ctx.tempDir);
      await deploy(ctx, archive, inputs['display-name'] ?? defaultDisplayName(result.run));
      // Promote only what this run has seen succeed on uat (never after a failure, a dry run or wait: false).
      if (inputs.promote && (inputs['dry-run'] || result.stages.wait?.status === 'success')) await (await steps.promote()).promote(ctx, true);
      if (feedback) await submitFeedback(feedback);
      if (evaluates(command, inputs)) await evaluate();
      return;
    }
    case 'feedback':
      if (feedback) await submitFeedback(feedback);
      if (evaluates(command, inputs)) await evaluate();
      return;
    case 'konan-deploy':
      return (await steps.konanDeploy()).konanDeploy(inputs, result);
    case 'konan-promote':
      return (await steps.konanPromote()).konanPromote(inputs, result);
    case 'promote':
      return (await steps.promote()).promote(ctx, false);
    case 'wait':
      return (await steps.resume()).resumeWait(ctx);
    case 'provision':
      return (await steps.provision()).provision(ctx);
  }
}

/**
 * A run that ends before any remote call (nothing to do, a fork without secrets, bad input) still
 * reports why, on the job summary and outputs; there is nothing for the PR or a Deployment.
 */
async function endEarly(result: RunResult, inputs: Inputs | undefined, status: 'skipped' | 'failure', message: string, warning = false): Promise<void> {
  result.status = status;
  result.message = message;
  const shown = redactDeep(result);
  if (status === 'skipped') (warning ? core.warning : core.notice)(shown.message!);
  await publish(shown, { inputs, octokit: undefined, commentKey: '' });
  if (status === 'failure') core.setFailed(shown.message!);
}

/**
 * The comment key: apps deployed from one repository (a monorepo) each keep their own comment on a PR,
 * and a provision run or a Konan release keeps its own, apart from the web app's deploys.
 */
export function commentKeyOf(inputs: Inputs, command?: RunCommand): string {
  if (inputs['comment-key']) return inputs['comment-key'];
  if (command === 'provision') return `provision:${inputs['webapp-name']}`;
  if (command === 'konan-deploy' || command === 'konan-promote') return `konan:${inputs['konan-deployment-id'] ?? inputs['konan-deployment-name'] ?? ''}`;
  return inputs['webapp-id'] ?? inputs['space-id'] ?? (inputs['uat-environment'] !== 'uat' ? inputs['uat-environment'] : 'default');
}

export async function run(context: RunContext = readContext()): Promise<void> {
  guardOutput();
  const cancel = watchForCancel();
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
  const gate = gatePullRequest(plan.command, event, {
    promote: inputs.promote,
    allowForkDeploy: inputs['allow-fork-deploy'],
    missing: missingSecrets(plan.command, inputs),
    actor: context.actor,
  });
  if (gate.action === 'error') return endEarly(result, inputs, 'failure', gate.reason);
  if (gate.action === 'skip') return endEarly(result, inputs, 'skipped', gate.reason, gate.warning);
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  let feedback: CheckedFeedback | undefined;
  try {
    checkInputsFor(plan.command, inputs, workspace);
    if (sendsFeedback(plan.command, inputs)) feedback = await (await steps.feedback()).checkFeedback(inputs, result, workspace);
  } catch (error) {
    return endEarly(result, inputs, 'failure', errorMessage(error));
  }

  // Octokit loads only for a run that has a token (it is a third of the start-up cost).
  const octokit = inputs['github-token'] ? (await import('./github/octokit.js')).createOctokit(inputs['github-token']) : undefined;
  const record = new GitHubDeployments(octokit, result, {
    enabled: inputs['github-deployment'],
    environments: { uat: inputs['uat-environment'], production: inputs['production-environment'] },
    warn: (m) => warn(result, m),
  });
  const tempDir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'konigle-'));
  const konigle = new KonigleHttp({ baseUrl: inputs['api-url'], apiKey: inputs['api-key'] ?? '' });
  const ctx: PipelineContext = { inputs, konigle, result, workspace, tempDir, record, signal: cancel.signal };
  const work = execute(plan.command, ctx, feedback).catch(async (error) => {
    if (cancel.signal.aborted) return; // the cancellation reports the run
    result.status = 'failure';
    result.message = errorMessage(error);
    if (feedback) (await steps.feedback()).markFeedbackNotSent(result, `not sent: an earlier step failed (${result.message.split('\n')[0]})`);
  });
  const publishOptions = { inputs, octokit, commentKey: commentKeyOf(inputs, plan.command) };
  const signalName = await Promise.race([work.then(() => undefined), cancel.cancelled]);
  if (signalName) {
    return cancelRun(signalName, ctx, work, async () => {
      await rm(tempDir, { recursive: true, force: true });
      await publish(redactDeep(result), { ...publishOptions, localFirst: true });
    });
  }
  await rm(tempDir, { recursive: true, force: true });
  result.durationMs = Date.now() - Date.parse(result.startedAt);
  // Status writes that failed even after the client's retries get one more try, before reporting.
  await record.flush();
  // Reporters see only the redacted copy: a server that echoed a credential cannot put it on the PR.
  const shown = redactDeep(result);
  await publish(shown, publishOptions);
  core.saveState(MAIN_DONE_STATE, 'true');
  if (shown.status === 'failure') core.setFailed(shown.message ?? 'failed');
}
