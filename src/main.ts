// Reads the inputs, runs the pipeline for the chosen command, hands the result to the reporters.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkInputsFor, type Command, type Inputs, readInputs } from './inputs.js';
import { KonigleHttp } from './konigle/http.js';
import type { PipelineContext } from './pipeline/context.js';
import { deploy, waitForJob } from './pipeline/deploy.js';
import { packageWorkspace } from './pipeline/package.js';
import { writeOutputs } from './report/outputs.js';
import { errorMessage, newResult, type RunInfo, type RunResult } from './report/result.js';

type Context = typeof github.context;

export function runInfo(context: Context): RunInfo {
  const repository = `${context.repo.owner}/${context.repo.repo}`;
  return {
    repository,
    sha: context.sha,
    ref: context.ref,
    event: context.eventName,
    runId: context.runId,
    runNumber: context.runNumber,
    runUrl: `${context.serverUrl}/${repository}/actions/runs/${context.runId}`,
  };
}

export function resolveCommand(command: Command): Exclude<Command, 'auto'> {
  return command === 'auto' ? 'deploy' : command;
}

export function defaultDisplayName(run: RunInfo): string {
  return `${run.sha.slice(0, 7)} ${run.event} #${run.runNumber}`;
}

async function execute(command: Exclude<Command, 'auto'>, ctx: PipelineContext): Promise<void> {
  const { inputs, result } = ctx;
  switch (command) {
    case 'deploy': {
      const archive = await packageWorkspace(inputs, result, ctx.workspace, ctx.tempDir);
      await deploy(ctx, archive, inputs['display-name'] ?? defaultDisplayName(result.run));
      return;
    }
    case 'wait':
      return waitForJob(ctx, inputs['job-id']!, inputs['space-id']);
    case 'promote':
      throw new Error("command 'promote' is not available yet");
  }
}

function fail(result: RunResult, error: unknown): void {
  result.status = 'failure';
  result.message = errorMessage(error);
}

export async function run(context: Context = github.context): Promise<void> {
  let inputs: Inputs;
  let command: Exclude<Command, 'auto'>;
  try {
    inputs = readInputs();
    command = resolveCommand(inputs.command);
    checkInputsFor(command, inputs);
  } catch (error) {
    core.setFailed(errorMessage(error));
    return;
  }
  const result = newResult(runInfo(context), command);
  const started = Date.now();
  const tempDir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'konigle-'));
  try {
    const konigle = new KonigleHttp({ baseUrl: inputs['api-url'], apiKey: inputs['api-key']! });
    await execute(command, { inputs, konigle, result, workspace: process.env.GITHUB_WORKSPACE || process.cwd(), tempDir });
  } catch (error) {
    fail(result, error);
  } finally {
    await rm(tempDir, { recursive: true, force: true });
    result.durationMs = Date.now() - started;
  }
  writeOutputs(result);
  if (result.status === 'failure') core.setFailed(result.message ?? 'failed');
}
