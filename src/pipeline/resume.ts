// command: wait. Resumes following a Job that a `wait: false` run started, and closes the GitHub
// Deployment that run left in_progress (found by the job id in its payload), so the record says
// how it ended and a later promotion passes promote-guard.
import type { PipelineContext } from './context.js';
import { waitForJob } from './deploy.js';

export async function resumeWait(ctx: PipelineContext): Promise<void> {
  const { inputs, result } = ctx;
  const jobId = inputs['job-id']!;
  const held = await ctx.record.resume(jobId);
  const spaceId = inputs['space-id'] ?? held?.spaceId;
  if (!held) return waitForJob(ctx, jobId, spaceId, inputs['webapp-id']);
  try {
    await waitForJob(ctx, jobId, spaceId, inputs['webapp-id']);
  } catch (error) {
    if (!ctx.signal.aborted) await ctx.record.finish(held.environment, 'failure', { spaceId: result.stages.wait?.spaceId });
    throw error;
  }
  await ctx.record.finish(held.environment, 'success', { url: result.stages.wait?.url, spaceId: result.stages.wait?.spaceId });
}
