// The one result of a run, built as the run goes; every reporter renders only this.
// Its JSON form is the `result` output (schema in the README).
/** `cancelled`: SIGINT or SIGTERM stopped the run (a Job may still run on Konigle). */
export type RunStatus = 'success' | 'failure' | 'skipped' | 'cancelled';
export type StageStatus = 'started' | 'success' | 'failure' | 'timed_out' | 'skipped' | 'cancelled';

export interface StageBase {
  status: StageStatus;
  startedAt: string;
  durationMs: number;
  messages: string[];
}

export interface PackageStage extends StageBase {
  path: string;
  sha256?: string;
  size?: number;
  files?: number;
  skipped: string[];
}

export interface DeployStage extends StageBase {
  spaceId?: string;
  deploymentId?: string;
  jobId?: string;
  displayName?: string;
}

export interface JobWait {
  jobId?: string;
  jobStatus?: string;
  url?: string;
  logTail: string[];
}

export type WaitStage = StageBase & JobWait & { spaceId?: string };

export interface PromoteStage extends StageBase, JobWait {
  uatSpaceId?: string;
  spaceId?: string;
  deploymentId?: string;
  /** What the promote guard found (or that it was off). */
  guard?: string;
}

export interface FeedbackStage extends StageBase {
  file: string;
  format?: string;
  deploymentId?: string;
  /** With feedback-shard: this run's shard, `i/n`. */
  shard?: string;
  /** Rows in the file (with feedback-shard: in this shard); after sending, total = accepted + rejected + unsent. */
  total: number;
  accepted: number;
  rejected: number;
  unsent: number;
  /** Of the accepted: answered 409 on a retry after an ambiguous failure, so recorded by the first try. */
  alreadyRecorded: number;
  invalid: number;
  report?: string;
  /** Rejected rows grouped by the server's item status, with a few examples. */
  rejections: { status: number | null; count: number; examples: string[] }[];
  /** Unsent rows grouped by reason. */
  unsentReasons: { reason: string; count: number }[];
  rowsPerSecond?: number;
}

/** `konan-deploy`: a deployment created from an image, or the image added to one as a challenger. */
export interface KonanDeployStage extends StageBase {
  action: 'create' | 'challenger';
  imageUrl: string;
  deploymentId?: string;
  deploymentName?: string;
  modelId?: string;
  modelName?: string;
  modelState?: string;
  /** `project` when the server answered the deployment body with 400 and the project flow was used. */
  flow?: 'deployment' | 'project';
  /** The creation's `errors` (field is an open string: image, health_endpoint, exposed_port, ...). */
  errors: { field: string; message: string }[];
  containerLogTail: string[];
}

/** The smoke prediction after konan-deploy (or alone). */
export interface SmokeStage extends StageBase {
  deploymentId: string;
  predictionId?: string;
  output?: unknown;
}

export interface KonanModelChange {
  uuid: string;
  name: string;
  before: string;
  after?: string;
}

/** `konan-promote`: the model switched live and the one it replaced, with their states before and after. */
export interface KonanPromoteStage extends StageBase {
  deploymentId: string;
  promoted?: KonanModelChange;
  demoted?: KonanModelChange;
}

export interface EvaluateStage extends StageBase {
  deploymentId: string;
  /** The window sent, ISO 8601 with an offset. */
  start?: string;
  end?: string;
  metrics?: { name: string; kind: 'predefined' | 'custom'; value: unknown }[];
}

/** What `command: provision` found or made; the Job fields are those of the last Job followed. */
export interface ProvisionStage extends StageBase, JobWait {
  computer?: { id: string; name: string; status: string; size: string; region: string; publicIp?: string; created: boolean; jobId?: string };
  webapp?: { id: string; name: string; runtime: string; created: boolean; jobId?: string };
  uatSpaceId?: string;
  productionSpaceId?: string;
  productionUrl?: string;
}

export interface Stages {
  provision?: ProvisionStage;
  package?: PackageStage;
  deploy?: DeployStage;
  wait?: WaitStage;
  promote?: PromoteStage;
  feedback?: FeedbackStage;
  konanDeploy?: KonanDeployStage;
  smoke?: SmokeStage;
  konanPromote?: KonanPromoteStage;
  evaluate?: EvaluateStage;
}

export interface RunInfo {
  repository: string;
  /** The commit deployed: the PR head for pull request events, else GITHUB_SHA. */
  sha: string;
  ref: string;
  event: string;
  runId: number;
  runNumber: number;
  runAttempt: number;
  runUrl: string;
  pullRequest?: number;
}

export interface RunResult {
  schema: 1;
  /** The command run: `auto` resolved to deploy or promote, or `none` when there was nothing to do. */
  command: string;
  status: RunStatus;
  message?: string;
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  run: RunInfo;
  stages: Stages;
  /** Problems that did not fail the run (reporting surfaces that could not be written). */
  warnings: string[];
}

export function newResult(run: RunInfo, command: string, dryRun = false): RunResult {
  return { schema: 1, command, status: 'success', dryRun, startedAt: new Date().toISOString(), durationMs: 0, run, stages: {}, warnings: [] };
}

export function newStage<S extends StageBase>(fields: Omit<S, keyof StageBase>): S {
  return { status: 'started', startedAt: new Date().toISOString(), durationMs: 0, messages: [], ...fields } as unknown as S;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs fn as (a part of) the given stage: adds its time, and marks the stage failed with the error's
 * message if it throws. A stage may be entered more than once (e.g. find the Space, then upload).
 */
export async function inStage<S extends StageBase, T>(stage: S, fn: (stage: S) => Promise<T>): Promise<T> {
  const started = Date.now();
  stage.status = 'started';
  try {
    const value = await fn(stage);
    if (stage.status === 'started') stage.status = 'success';
    return value;
  } catch (error) {
    if (stage.status === 'started') stage.status = 'failure';
    stage.messages.push(errorMessage(error));
    throw error;
  } finally {
    stage.durationMs += Date.now() - started;
  }
}

/** Whether the feedback counts mean something: rows were sent, or counted as skipped (dry run, earlier failure); not for a file that failed its check. */
export function feedbackCounted(stage: FeedbackStage | undefined): stage is FeedbackStage {
  return stage !== undefined && (stage.report !== undefined || stage.status === 'skipped');
}

/** Keeps the last `max` lines. */
export function pushTail(tail: string[], line: string, max = 50): void {
  tail.push(line);
  if (tail.length > max) tail.splice(0, tail.length - max);
}
