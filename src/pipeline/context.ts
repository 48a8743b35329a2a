// What every pipeline step gets: the validated inputs, the Konigle client, the result being built,
// and the GitHub Deployment record (implemented in report/, never failing the run by itself).
import type { Inputs } from '../inputs.js';
import type { KonigleHttp } from '../konigle/http.js';
import type { RunResult } from '../report/result.js';

export type Environment = 'uat' | 'production';

export interface DeploymentRecord {
  /** Marks the start of a release to an environment (GitHub Deployment + in_progress). */
  start(environment: Environment, spaceId: string): Promise<void>;
  /** Marks its end with the public URL. */
  finish(environment: Environment, state: 'success' | 'failure', url?: string): Promise<void>;
  /** The commit of the newest successful uat release recorded for this Space; throws when it cannot be read. */
  uatCommit(uatSpaceId: string): Promise<{ sha: string; createdAt: string } | undefined>;
}

export interface PipelineContext {
  inputs: Inputs;
  konigle: KonigleHttp;
  result: RunResult;
  workspace: string;
  tempDir: string;
  record: DeploymentRecord;
}
