// What every pipeline step gets: the validated inputs, the Konigle client, the result being built,
// and the GitHub Deployment record (implemented in report/, never failing the run by itself).
import type { Inputs } from '../inputs.js';
import type { KonigleHttp } from '../konigle/http.js';
import type { RunResult } from '../result.js';

export type Environment = 'uat' | 'production';

export interface DeploymentRecord {
  /** Marks the start of a release to an environment (GitHub Deployment + in_progress). */
  start(environment: Environment, spaceId: string): Promise<void>;
  /** Marks its end with the public URL. */
  finish(environment: Environment, state: 'success' | 'failure', url?: string): Promise<void>;
  /** The commit of the newest successful uat release recorded for this Space; throws when it cannot be read. */
  uatCommit(uatSpaceId: string): Promise<{ sha: string; createdAt: string } | undefined>;
}

/**
 * Runs one release between record.start and record.finish. `work` answers the public URL once the
 * Job succeeded, or `'running'` when it was not waited for (wait: false): then the record stays in_progress.
 */
export async function recordRelease(
  ctx: PipelineContext,
  environment: Environment,
  spaceId: string,
  work: () => Promise<{ url?: string } | 'running'>,
): Promise<void> {
  await ctx.record.start(environment, spaceId);
  let outcome: { url?: string } | 'running';
  try {
    outcome = await work();
  } catch (error) {
    await ctx.record.finish(environment, 'failure');
    throw error;
  }
  if (outcome !== 'running') await ctx.record.finish(environment, 'success', outcome.url);
}

export interface PipelineContext {
  inputs: Inputs;
  konigle: KonigleHttp;
  result: RunResult;
  workspace: string;
  tempDir: string;
  record: DeploymentRecord;
  /** Fires when the run is cancelled (SIGINT/SIGTERM): steps stop and account for what they did not do. */
  signal?: AbortSignal;
}
