// Cancellation. GitHub sends SIGINT when a workflow run is cancelled, SIGTERM 7.5 s later, then
// kills the step: so within 5 s of the first signal the run stops polling, closes the GitHub
// Deployments it opened (state error, naming the Job that may still run), writes its outputs,
// summary and comment as "cancelled", and exits non-zero. What even that cannot do (a step killed
// outright) the post step does from the state saved here (src/post.ts).
import * as core from './actions/core.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PipelineContext } from './pipeline/context.js';
import type { RunResult, StageBase } from './result.js';

/** core.saveState key: set once the main step has reported, so the post step knows it has nothing to close. */
export const MAIN_DONE_STATE = 'main-done';
/** The whole of the cancelled run's reporting stays within this, well inside GitHub's 7.5 s. */
const HARD_STOP_MS = 4_500;
/** How long the pipeline gets to unwind (record its stages) once aborted. */
const UNWIND_MS = 400;
/** Feedback needs longer: every row not confirmed is written to the report as unsent before it closes. */
const FEEDBACK_UNWIND_MS = 2_000;

export class RunCancelled extends Error {
  constructor(readonly signalName: string) {
    super(`Cancelled by ${signalName}`);
  }
}

export interface CancelWatch {
  signal: AbortSignal;
  /** Resolves with the signal's name on the first SIGINT or SIGTERM. */
  cancelled: Promise<string>;
}

export function watchForCancel(): CancelWatch {
  const controller = new AbortController();
  let resolve!: (name: string) => void;
  const cancelled = new Promise<string>((r) => (resolve = r));
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) return; // already stopping; a repeated signal changes nothing
    core.warning(`Received ${name}: cancelling the run.`);
    controller.abort(new RunCancelled(name));
    resolve(name);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { signal: controller.signal, cancelled };
}

/** The Job being followed when the run stopped: it may still run on Konigle. */
export function jobStillRunning(result: RunResult): string | undefined {
  const { deploy, wait, promote, provision } = result.stages;
  if (promote?.jobId && promote.status !== 'success') return promote.jobId;
  if (provision?.jobId && provision.status !== 'success') return provision.jobId;
  const jobId = wait?.jobId ?? deploy?.jobId;
  return jobId && wait?.status !== 'success' ? jobId : undefined;
}

export function cancelMessage(signalName: string, jobId: string | undefined, result?: RunResult): string {
  if (jobId) return `Cancelled by ${signalName}. Konigle Job ${jobId} may still be running: resume with 'command: wait' and 'job-id: ${jobId}'.`;
  const feedback = result?.stages.feedback;
  if (feedback && feedback.status !== 'success') {
    return `Cancelled by ${signalName} while sending feedback: every row not confirmed is counted as unsent${feedback.report ? ` and listed in ${feedback.report}` : ''}, so that file can be sent again.`;
  }
  const konigle = !result || ['deploy', 'promote', 'wait', 'provision'].includes(result.command);
  return konigle ? `Cancelled by ${signalName} before a Konigle Job was known.` : `Cancelled by ${signalName}.`;
}

/**
 * Stops the run after a signal: lets the pipeline unwind briefly, marks what was in flight
 * cancelled, closes the open Deployments, then `report` (outputs first). Exits 1 in any case,
 * at the latest HARD_STOP_MS after it began.
 */
export async function cancelRun(
  signalName: string,
  ctx: Pick<PipelineContext, 'result' | 'record'>,
  work: Promise<unknown>,
  report: () => Promise<void>,
): Promise<never> {
  setTimeout(() => {
    core.error(`Cancelled by ${signalName}, but reporting did not finish in time: stopping now.`);
    process.exit(1);
  }, HARD_STOP_MS).unref();
  const { result } = ctx;
  const inFlight = (Object.values(result.stages) as StageBase[]).filter((s) => s.status === 'started').map((s) => ({ stage: s, said: s.messages.length }));
  await Promise.race([work, sleep(result.stages.feedback?.status === 'started' ? FEEDBACK_UNWIND_MS : UNWIND_MS)]);
  for (const { stage, said } of inFlight) {
    stage.status = 'cancelled';
    stage.messages.splice(said); // the abort's own "operation was aborted"
  }
  const jobId = jobStillRunning(result);
  result.status = 'cancelled';
  result.message = cancelMessage(signalName, jobId, result);
  result.durationMs = Date.now() - Date.parse(result.startedAt);
  await ctx.record.cancelOpen((id) => `Cancelled by ${signalName}; Konigle Job ${id ?? '?'} may still be running.`);
  await report();
  core.saveState(MAIN_DONE_STATE, 'true');
  core.setFailed(result.message);
  process.exit(1);
}
