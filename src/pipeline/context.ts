// What every pipeline step gets: the validated inputs, the Konigle client, the result being built.
import type { Inputs } from '../inputs.js';
import type { KonigleHttp } from '../konigle/http.js';
import type { RunResult } from '../report/result.js';

export interface PipelineContext {
  inputs: Inputs;
  konigle: KonigleHttp;
  result: RunResult;
  workspace: string;
  tempDir: string;
}
