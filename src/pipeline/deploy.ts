// The deploy step: resolve the uat Space, upload the ZIP, then follow the Job (unless wait: false).
import * as core from '../actions/core.js';
import { spaceUrl } from '../konigle/models.js';
import { deployToSpace, getSpace, resolveUatSpace } from '../konigle/spaces.js';
import { type DeployStage, inStage, newStage, type WaitStage } from '../result.js';
import { type PipelineContext, recordRelease } from './context.js';
import type { PackagedArchive } from './package.js';
import { explainingAmbiguity } from './ambiguous.js';
import { follow } from './follow.js';

/** Upload time grows with size: allow 60 s plus 1 s per 512 KB on top of the usual request timeout. */
const uploadTimeoutMs = (size: number) => 60_000 + Math.ceil(size / (512 * 1024)) * 1000;

export async function deploy(ctx: PipelineContext, archive: PackagedArchive, displayName: string): Promise<void> {
  const { inputs, konigle, result } = ctx;
  const stage = (result.stages.deploy = newStage<DeployStage>({ displayName }));
  const space = await inStage(stage, async () => {
    const space = await resolveUatSpace(konigle, { spaceId: inputs['space-id'], webappId: inputs['webapp-id'] });
    stage.spaceId = space.id;
    if (space.space_type !== 'uat') core.warning(`Space ${space.id} is a ${space.space_type} Space, not uat: deploying to it as asked`);
    return space;
  });
  if (inputs['dry-run']) {
    stage.status = 'skipped';
    stage.messages.push(`Dry run: the archive was not uploaded to Space ${space.id}.`);
    return;
  }
  await recordRelease(ctx, 'uat', space.id, async (started) => {
    await inStage(stage, async () => {
      core.info(`Uploading to Space ${space.id} (${space.space_type})…`);
      const deployment = await explainingAmbiguity(
        () =>
          deployToSpace(konigle, space.id, {
            zipPath: archive.zipPath,
            fieldName: inputs['upload-field'],
            displayName,
            timeoutMs: uploadTimeoutMs(archive.size),
          }),
        `a deployment '${displayName}' on Space ${space.id}`,
        `Before deploying again, check the Space's last_deployed_at and last_deployment_status (GET /cloud/api/v1/spaces/${space.id}) or its deployments in the Konigle dashboard.`,
      );
      stage.deploymentId = deployment.id;
      stage.jobId = deployment.job_id;
      core.info(`Deployment ${deployment.id} created on Space ${deployment.space_id}; Job ${deployment.job_id}`);
    });
    await started(stage.jobId!);
    if (!inputs.wait) return 'running';
    await waitForJob(ctx, stage.jobId!, space.id);
    return { url: result.stages.wait?.url };
  });
}

/**
 * The wait step, shared by deploy and `command: wait`: poll, then read the Space for its URL.
 * Given only a web app (command: wait with webapp-id), its uat Space is the one.
 */
export async function waitForJob(ctx: PipelineContext, jobId: string, spaceId: string | undefined, webappId?: string): Promise<void> {
  const { inputs, konigle, result } = ctx;
  const stage = (result.stages.wait = newStage<WaitStage>({ jobId, spaceId, logTail: [] }));
  await inStage(stage, async () => {
    if (!spaceId && webappId) spaceId = stage.spaceId = (await resolveUatSpace(konigle, { webappId })).id;
    await follow(konigle, stage, { timeoutMs: inputs['wait-timeout'], pollIntervalMs: inputs['poll-interval'], what: 'Deploy', signal: ctx.signal });
    if (spaceId) {
      stage.url = spaceUrl(await getSpace(konigle, spaceId));
      if (stage.url) core.info(`Deployed: ${stage.url}`);
    }
  });
}
