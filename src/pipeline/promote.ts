// The promote step: check the guard, promote uat → production, follow that Job, report the URL.
import * as core from '../actions/core.js';
import { spaceUrl } from '../konigle/models.js';
import { getSpace, promoteSpace, resolveUatSpace } from '../konigle/spaces.js';
import { inStage, newStage, type PromoteStage } from '../result.js';
import { type PipelineContext, recordRelease } from './context.js';
import { explainingAmbiguity } from './ambiguous.js';
import { follow } from './follow.js';

const short = (sha: string) => sha.slice(0, 7);

/** promote-guard: commit. uat must hold the commit being promoted, per our GitHub Deployment record. */
async function checkGuard(ctx: PipelineContext, uatSpaceId: string, deployedThisRun: boolean): Promise<string> {
  const sha = ctx.result.run.sha;
  if (ctx.inputs['promote-guard'] === 'off') return 'off';
  if (deployedThisRun) return `uat holds ${short(sha)}, deployed by this run`;
  const held = await ctx.record.uatCommit(uatSpaceId);
  if (!held) {
    throw new Error(
      `promote-guard: no successful uat release of Space ${uatSpaceId} is recorded in this repository's GitHub Deployments, ` +
        `so there is no proof that uat holds ${short(sha)}. Deploy this commit to uat first (with github-deployment: true), or set promote-guard: off.`,
    );
  }
  if (held.sha !== sha) {
    throw new Error(
      `promote-guard: uat holds ${short(held.sha)} (released ${held.createdAt}), not ${short(sha)} which this run would promote. ` +
        `Deploy ${short(sha)} to uat first, or set promote-guard: off.`,
    );
  }
  return `uat holds ${short(sha)} (released ${held.createdAt})`;
}

export async function promote(ctx: PipelineContext, deployedThisRun: boolean): Promise<void> {
  const { inputs, konigle, result } = ctx;
  const stage = (result.stages.promote = newStage<PromoteStage>({ logTail: [] }));
  await inStage(stage, async () => {
    const uat = await resolveUatSpace(konigle, { spaceId: inputs['space-id'], webappId: inputs['webapp-id'] });
    stage.uatSpaceId = uat.id;
    stage.guard = await checkGuard(ctx, uat.id, deployedThisRun);
    core.info(`Promote guard: ${stage.guard}`);
    if (inputs['dry-run']) {
      stage.status = 'skipped';
      stage.messages.push(`Dry run: uat Space ${uat.id} was not promoted.`);
      return;
    }
    await recordRelease(ctx, 'production', uat.id, async (started) => {
      core.info(`Promoting uat Space ${uat.id} to production…`);
      const deployment = await explainingAmbiguity(
        () => promoteSpace(konigle, uat.id),
        `a promotion of uat Space ${uat.id}`,
        `Before promoting again, check the production Space's last_deployed_at and last_deployment_status ` +
          `(${uat.webapp ? `GET /cloud/api/v1/spaces?webapp_id=${uat.webapp}` : "the web app's Spaces"}) or the Konigle dashboard.`,
      );
      Object.assign(stage, { deploymentId: deployment.id, spaceId: deployment.space_id, jobId: deployment.job_id });
      core.info(`Promotion ${deployment.id} created on production Space ${deployment.space_id}; Job ${deployment.job_id}`);
      await started(deployment.job_id, deployment.space_id);
      if (!inputs.wait) return 'running';
      await follow(konigle, stage, { timeoutMs: inputs['wait-timeout'], pollIntervalMs: inputs['poll-interval'], what: 'Promote', signal: ctx.signal });
      stage.url = spaceUrl(await getSpace(konigle, deployment.space_id));
      if (stage.url) core.info(`Promoted: ${stage.url}`);
      return { url: stage.url };
    });
  });
}
