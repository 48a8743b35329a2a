// GitHub Deployments as the record of what went where (the release ledger): one per release to
// uat or production at the run's commit, in the environments the inputs name, with in_progress
// then success/failure/error statuses carrying the environment URL and the run's log. The payload
// holds the Konigle job and space ids, so `command: wait` can find and close what `wait: false`
// opened. It also answers promote-guard: which commit uat holds (every page of the environment).
// Writes never fail the run: a write that fails after the client's retries is kept, retried once
// by flush() at the end of the run, and only then warned about.
import * as core from '../actions/core.js';
import type { Environment, FinalState, ReleaseDetails, ReleaseLedger } from '../pipeline/context.js';
import type { RunResult } from '../result.js';
import { DEPLOYMENT_SURFACE, describeGitHubFailure, GUARD_SURFACE, type Octokit } from './client.js';

export const DEPLOYMENT_TASK = 'deploy:konigle';
/** core.saveState key: the Deployments left in_progress, for the post step to close if the main step is killed. */
export const OPEN_DEPLOYMENTS_STATE = 'open-deployments';
const DESCRIPTION_MAX = 140;

type State = 'in_progress' | FinalState;

interface Release {
  environment: Environment;
  spaceId?: string;
  jobId?: string;
  id?: number;
  /** The state GitHub should show; `written` says whether it does. */
  state: State;
  url?: string;
  description?: string;
  written: boolean;
  error?: unknown;
}

export interface OpenDeployment {
  id: number;
  jobId?: string;
}

export interface LedgerOptions {
  enabled: boolean;
  environments: Record<Environment, string>;
  warn: (message: string) => void;
}

interface DeploymentPayload {
  space_id?: unknown;
  job_id?: unknown;
}

const payloadOf = (d: { payload: unknown }): DeploymentPayload => {
  if (typeof d.payload === 'string') {
    try {
      return JSON.parse(d.payload) as DeploymentPayload;
    } catch {
      return {};
    }
  }
  return d.payload ?? {};
};

/** An id from a Deployment's payload as text; anything but a scalar is no id. */
const idText = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? String(value) : undefined;

export class GitHubDeployments implements ReleaseLedger {
  private readonly releases: Partial<Record<Environment, Release>> = {};

  constructor(
    private readonly octokit: Octokit | undefined,
    private readonly result: RunResult,
    private readonly options: LedgerOptions,
  ) {}

  private get repo() {
    const [owner, repo] = this.result.run.repository.split('/');
    return { owner, repo };
  }

  private get writable(): boolean {
    return Boolean(this.octokit) && this.options.enabled && !this.result.dryRun;
  }

  async start(environment: Environment, release: { spaceId: string; jobId: string }): Promise<void> {
    if (!this.writable) return;
    this.releases[environment] = { environment, ...release, state: 'in_progress', written: false };
    await this.write(this.releases[environment]);
  }

  async finish(environment: Environment, state: FinalState, details: ReleaseDetails = {}): Promise<void> {
    if (!this.writable) return;
    const release = (this.releases[environment] ??= { environment, spaceId: details.spaceId, state, written: false });
    Object.assign(release, { state, url: details.url, description: details.description, written: false });
    await this.write(release);
  }

  async resume(jobId: string): Promise<{ environment: Environment; spaceId?: string } | undefined> {
    if (!this.writable) return undefined;
    const names = this.options.environments;
    try {
      for await (const page of this.octokit!.paginate.iterator(this.octokit!.rest.repos.listDeployments, {
        ...this.repo,
        task: DEPLOYMENT_TASK,
        per_page: 100,
      })) {
        for (const deployment of page.data) {
          const environment = (Object.keys(names) as Environment[]).find((e) => names[e] === deployment.environment);
          const payload = payloadOf(deployment);
          if (!environment || (idText(payload.job_id) ?? '') !== jobId) continue;
          const spaceId = idText(payload.space_id);
          this.releases[environment] = { environment, spaceId, jobId, id: deployment.id, state: 'in_progress', written: true };
          core.info(`GitHub Deployment ${deployment.id} (${deployment.environment}, ${deployment.sha.slice(0, 7)}) holds Job ${jobId}: this run closes it.`);
          this.saveOpen();
          return { environment, spaceId };
        }
      }
    } catch (error) {
      this.options.warn(describeGitHubFailure(error, { what: `find the GitHub Deployment of Job ${jobId}`, permission: 'deployments: read' }));
      return undefined;
    }
    core.info(`No GitHub Deployment of this repository holds Job ${jobId}: there is none to close.`);
    return undefined;
  }

  async cancelOpen(describe: (jobId: string | undefined) => string): Promise<void> {
    if (!this.writable) return;
    for (const release of Object.values(this.releases)) {
      if (release.state !== 'in_progress' || release.jobId === undefined) continue;
      Object.assign(release, { state: 'error', description: describe(release.jobId), written: false });
      await this.write(release);
    }
  }

  async flush(): Promise<void> {
    const unwritten = Object.values(this.releases).filter((r) => !r.written);
    const warned = new Set<string>();
    for (const release of unwritten) {
      core.info(`Retrying the GitHub Deployment write for ${this.options.environments[release.environment]} (${release.state}).`);
      await this.write(release);
      if (release.written) continue;
      const message = describeGitHubFailure(release.error, DEPLOYMENT_SURFACE);
      if (!warned.has(message)) this.options.warn(message);
      warned.add(message);
    }
  }

  /** Deployments whose last written state is in_progress, as the post step needs them. */
  open(): OpenDeployment[] {
    return Object.values(this.releases)
      .filter((r) => r.id !== undefined && r.written && r.state === 'in_progress')
      .map((r) => ({ id: r.id!, jobId: r.jobId }));
  }

  /** Makes GitHub show the release's state: creates the Deployment first if need be. */
  private async write(release: Release): Promise<void> {
    try {
      release.id ??= await this.create(release);
      await this.octokit!.rest.repos.createDeploymentStatus({
        ...this.repo,
        deployment_id: release.id,
        state: release.state,
        log_url: this.result.run.runUrl,
        ...(release.url ? { environment_url: release.url } : {}),
        ...(release.description ? { description: release.description.slice(0, DESCRIPTION_MAX) } : {}),
        auto_inactive: true,
      });
      release.written = true;
    } catch (error) {
      release.written = false;
      release.error = error;
      core.info(`(${describeGitHubFailure(error, DEPLOYMENT_SURFACE)} It is retried once at the end of the run.)`);
    }
    this.saveOpen();
  }

  private async create(release: Release): Promise<number> {
    const { run } = this.result;
    const environment = this.options.environments[release.environment];
    const created = await this.octokit!.rest.repos.createDeployment({
      ...this.repo,
      ref: run.sha,
      environment,
      task: DEPLOYMENT_TASK,
      payload: { space_id: release.spaceId, job_id: release.jobId, run_id: run.runId, run_attempt: run.runAttempt },
      description: `Konigle ${release.environment} release of ${run.sha.slice(0, 7)} (run ${run.runId}, attempt ${run.runAttempt})`,
      auto_merge: false,
      required_contexts: [],
      production_environment: release.environment === 'production',
      transient_environment: false,
    });
    const id = (created.data as { id?: number }).id;
    if (id === undefined) throw new Error(`GitHub did not create the Deployment: ${JSON.stringify(created.data).slice(0, 200)}`);
    return id;
  }

  private saveOpen(): void {
    core.saveState(OPEN_DEPLOYMENTS_STATE, JSON.stringify(this.open()));
  }

  async uatCommit(uatSpaceId: string): Promise<{ sha: string; createdAt: string } | undefined> {
    if (!this.octokit) {
      throw new Error(
        "promote-guard: commit reads this repository's GitHub Deployments, so it needs the github-token input; set promote-guard: off to skip the check.",
      );
    }
    const environment = this.options.environments.uat;
    try {
      // Newest first, every page: a monorepo's other apps may have released many times since.
      for await (const page of this.octokit.paginate.iterator(this.octokit.rest.repos.listDeployments, {
        ...this.repo,
        environment,
        task: DEPLOYMENT_TASK,
        per_page: 100,
      })) {
        for (const deployment of page.data) {
          if ((idText(payloadOf(deployment).space_id) ?? '') !== uatSpaceId) continue;
          const statuses = await this.octokit.rest.repos.listDeploymentStatuses({ ...this.repo, deployment_id: deployment.id, per_page: 100 });
          // A release that reached success is what uat holds, until a newer one does (that one comes first).
          if (statuses.data.some((s) => s.state === 'success')) return { sha: deployment.sha, createdAt: deployment.created_at };
        }
      }
      return undefined;
    } catch (error) {
      throw new Error(`promote-guard: ${describeGitHubFailure(error, GUARD_SURFACE)}`, { cause: error });
    }
  }
}
