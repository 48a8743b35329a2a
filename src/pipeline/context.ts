// What every pipeline step gets: the validated inputs, the Konigle client, the result being built,
// the release ledger (GitHub Deployments, a platform client in src/github/) and the run's
// cancellation signal.
import type { Inputs } from '../inputs.js';
import type { KonigleHttp } from '../konigle/http.js';
import type { RunResult } from '../result.js';

export type Environment = 'uat' | 'production';
export type FinalState = 'success' | 'failure' | 'error';

export interface ReleaseDetails {
  /** The Space the release's Job deploys to. */
  spaceId?: string;
  url?: string;
  description?: string;
}

/** The record of what went where. Its writes never fail the run; a write that fails is retried at the end (flush). */
export interface ReleaseLedger {
  /** A release to an environment started and its Konigle Job is known: Deployment + in_progress, with the job and space ids in its payload. */
  start(environment: Environment, release: { spaceId: string; jobId: string }): Promise<void>;
  /** Its end; records the release even when start could not (an upload that failed). */
  finish(environment: Environment, state: FinalState, details?: ReleaseDetails): Promise<void>;
  /** Finds the Deployment a `wait: false` run opened for this Job and takes it over, so finish closes it. */
  resume(jobId: string): Promise<{ environment: Environment; spaceId?: string } | undefined>;
  /** Sets every release this run opened and did not finish to error, described by `describe(jobId)`. */
  cancelOpen(describe: (jobId: string | undefined) => string): Promise<void>;
  /** Retries once every write that failed, and warns for each surface that still fails. */
  flush(): Promise<void>;
  /** The commit of the newest successful uat release recorded for this Space; throws when it cannot be read. */
  uatCommit(uatSpaceId: string): Promise<{ sha: string; createdAt: string } | undefined>;
}

/**
 * Runs one release between record.start and record.finish. `work` calls `started(jobId)` once the
 * Konigle Job is known, and answers the public URL once the Job succeeded, or `'running'` when it
 * was not waited for (wait: false): then the record stays in_progress for `command: wait` to close.
 * A cancelled run leaves the closing to the cancellation (state error, naming the Job).
 */
export async function recordRelease(
  ctx: PipelineContext,
  environment: Environment,
  spaceId: string,
  work: (started: (jobId: string, jobSpaceId?: string) => Promise<void>) => Promise<{ url?: string } | 'running'>,
): Promise<void> {
  let jobSpace = spaceId;
  let outcome: { url?: string } | 'running';
  try {
    outcome = await work((jobId, jobSpaceId = spaceId) => {
      jobSpace = jobSpaceId;
      return ctx.record.start(environment, { spaceId: jobSpaceId, jobId });
    });
  } catch (error) {
    if (!ctx.signal.aborted) await ctx.record.finish(environment, 'failure', { spaceId: jobSpace });
    throw error;
  }
  if (outcome !== 'running') await ctx.record.finish(environment, 'success', { url: outcome.url, spaceId: jobSpace });
}

export interface PipelineContext {
  inputs: Inputs;
  konigle: KonigleHttp;
  result: RunResult;
  workspace: string;
  tempDir: string;
  record: ReleaseLedger;
  /** Aborted on SIGINT or SIGTERM: polling and sending stop, and the run reports itself cancelled. */
  signal: AbortSignal;
}
