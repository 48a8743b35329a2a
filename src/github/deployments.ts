// GitHub Deployments as the record of what went where: one per release to uat or production at
// the run's commit, with in_progress then success/failure statuses carrying the environment URL
// and the run's log. It also answers promote-guard: which commit uat holds. Writes never fail
// the run: the first refusal becomes one warning and the surface is left alone after it.
import type { DeploymentRecord, Environment } from '../pipeline/context.js';
import { DEPLOYMENT_SURFACE, describeGitHubFailure, GUARD_SURFACE, type Octokit } from './client.js';
import type { RunResult } from '../result.js';

export const DEPLOYMENT_TASK = 'deploy:konigle';

export class GitHubDeployments implements DeploymentRecord {
  private readonly ids: Partial<Record<Environment, number>> = {};
  private broken = false;

  constructor(
    private readonly octokit: Octokit | undefined,
    private readonly result: RunResult,
    private readonly options: { enabled: boolean; warn: (message: string) => void },
  ) {}

  private get repo() {
    const [owner, repo] = this.result.run.repository.split('/');
    return { owner, repo };
  }

  private get writable(): boolean {
    return Boolean(this.octokit) && this.options.enabled && !this.result.dryRun && !this.broken;
  }

  private fail(error: unknown): void {
    this.broken = true;
    this.options.warn(describeGitHubFailure(error, DEPLOYMENT_SURFACE));
  }

  async start(environment: Environment, spaceId: string): Promise<void> {
    if (!this.writable) return;
    try {
      const created = await this.octokit!.rest.repos.createDeployment({
        ...this.repo,
        ref: this.result.run.sha,
        environment,
        task: DEPLOYMENT_TASK,
        payload: { space_id: spaceId, run_number: this.result.run.runNumber },
        description: `Konigle ${environment} release of ${this.result.run.sha.slice(0, 7)} (run #${this.result.run.runNumber})`,
        auto_merge: false,
        required_contexts: [],
        production_environment: environment === 'production',
        transient_environment: false,
      });
      const id = (created.data as { id?: number }).id;
      if (id === undefined) throw new Error(`GitHub did not create the Deployment: ${JSON.stringify(created.data).slice(0, 200)}`);
      this.ids[environment] = id;
      await this.status(environment, 'in_progress');
    } catch (error) {
      this.fail(error);
    }
  }

  async finish(environment: Environment, state: 'success' | 'failure', url?: string): Promise<void> {
    if (!this.writable || this.ids[environment] === undefined) return;
    try {
      await this.status(environment, state, url);
    } catch (error) {
      this.fail(error);
    }
  }

  private async status(environment: Environment, state: 'in_progress' | 'success' | 'failure', url?: string): Promise<void> {
    await this.octokit!.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: this.ids[environment]!,
      state,
      log_url: this.result.run.runUrl,
      ...(url ? { environment_url: url } : {}),
      auto_inactive: true,
    });
  }

  async uatCommit(uatSpaceId: string): Promise<{ sha: string; createdAt: string } | undefined> {
    if (!this.octokit) {
      throw new Error("promote-guard: commit reads this repository's GitHub Deployments, so it needs the github-token input; set promote-guard: off to skip the check.");
    }
    try {
      // Newest first; the release uat holds is among the newest 100 of ours in any real history.
      const { data: deployments } = await this.octokit.rest.repos.listDeployments({ ...this.repo, environment: 'uat', task: DEPLOYMENT_TASK, per_page: 100 });
      const ours = deployments.filter((d) => String((d.payload as { space_id?: unknown })?.space_id ?? '') === uatSpaceId);
      for (const deployment of ours.slice(0, 30)) {
        const statuses = await this.octokit.rest.repos.listDeploymentStatuses({ ...this.repo, deployment_id: deployment.id, per_page: 100 });
        // A release that reached success is what uat holds, until a newer one does (that one is newer in the list).
        if (statuses.data.some((s) => s.state === 'success')) return { sha: deployment.sha, createdAt: deployment.created_at };
      }
      return undefined;
    } catch (error) {
      throw new Error(`promote-guard: ${describeGitHubFailure(error, GUARD_SURFACE)}`);
    }
  }
}
