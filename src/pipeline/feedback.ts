// The feedback step. First (before any remote call of the run) every row of the file is checked;
// then the rows are read again and sent in batches, each one accounted for in the result and,
// when not accepted, in the report file.
import * as core from '../actions/core.js';
import os from 'node:os';
import path from 'node:path';
import { FeedbackFileError, type FeedbackFormat, detectFormat, readRows } from '../feedback/read.js';
import { ReportWriter } from '../feedback/report.js';
import { newTally, type Outcome, sendRows, type Tally } from '../feedback/send.js';
import { describeShard, inShard, type Shard } from '../feedback/shard.js';
import { checkFile, checkRow, describeInvalid, type FeedbackRow } from '../feedback/validate.js';
import { withYoungGenerationCapped } from '../feedback/young-gen.js';
import type { FailOn, Inputs } from '../inputs.js';
import { sendFeedback } from '../konan/feedback.js';
import { konanClient } from './konan-client.js';
import { errorMessage, type FeedbackStage, inStage, newStage, type RunResult } from '../result.js';

export interface CheckedFeedback {
  file: string;
  format: FeedbackFormat;
  shard?: Shard;
}

/** Pass 1: fails the stage (and the run) when the file is unreadable, empty or has any invalid row. */
export async function checkFeedback(inputs: Inputs, result: RunResult, workspace: string): Promise<CheckedFeedback> {
  const file = path.resolve(workspace, inputs['feedback-file']!);
  const stage = (result.stages.feedback = newStage<FeedbackStage>({
    file: inputs['feedback-file']!,
    deploymentId: inputs['konan-deployment-id'],
    ...newTally(),
    invalid: 0,
    rejections: [],
    unsentReasons: [],
  }));
  try {
    const format = detectFormat(inputs['feedback-file']!, inputs['feedback-format']);
    stage.format = format;
    const shard = inputs['feedback-shard'];
    const check = await withYoungGenerationCapped(() => checkFile(file, format, shard)).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new FeedbackFileError(`Input 'feedback-file' is '${inputs['feedback-file']}': no such file`) : error;
    });
    stage.total = check.rows;
    stage.invalid = check.invalidCount;
    if (check.rows === 0 || check.invalidCount > 0) throw new FeedbackFileError(describeInvalid(inputs['feedback-file']!, format, check));
    if (shard) {
      // This run accounts for its shard's rows only; the n shards' totals add up to the file.
      stage.shard = describeShard(shard);
      stage.total = check.inShard;
      core.info(`Feedback file '${inputs['feedback-file']}' (${format}): ${check.rows} valid rows, ${check.inShard} of them in shard ${stage.shard}`);
    } else core.info(`Feedback file '${inputs['feedback-file']}' (${format}): ${check.rows} valid rows`);
    return { file, format, shard };
  } catch (error) {
    // The stage stays open on success (the rows are sent later); a bad file ends it here.
    stage.status = 'failure';
    stage.messages.push(errorMessage(error));
    throw error;
  }
}

/** The rows of this run's shard, checked again (the file may have changed since pass 1). */
async function* validRows(checked: CheckedFeedback): AsyncGenerator<FeedbackRow[]> {
  const { shard } = checked;
  for await (const chunk of readRows(checked.file, checked.format)) {
    const rows: FeedbackRow[] = [];
    for (const raw of chunk) {
      const row = raw.error ?? checkRow(raw.line, raw.value);
      if (typeof row === 'string') throw new FeedbackFileError(`feedback-file changed while it was being sent (line ${raw.line}: ${row})`);
      if (shard === undefined || inShard(row.prediction_uuid, shard)) rows.push(row);
    }
    if (rows.length) yield rows;
  }
}

export function failsOn(rule: FailOn, stage: FeedbackStage): boolean {
  const bad = stage.rejected + stage.unsent;
  if (rule.kind === 'none') return false;
  if (rule.kind === 'any') return bad > 0;
  return stage.total > 0 && (bad / stage.total) * 100 > rule.percent;
}

/** Groups outcomes for the report: rejections by status (with 3 examples each), unsent rows by reason. */
class OutcomeGroups {
  private rejections = new Map<number | null, { count: number; examples: string[] }>();
  private unsent = new Map<string, number>();

  add(row: FeedbackRow | undefined, outcome: Outcome, count = 1): void {
    if (outcome.kind === 'rejected' && row) {
      const group = this.rejections.get(outcome.status) ?? { count: 0, examples: [] };
      group.count++;
      if (group.examples.length < 3) group.examples.push(`${row.prediction_uuid}: ${outcome.message}`);
      this.rejections.set(outcome.status, group);
    } else if (outcome.kind === 'unsent' && (this.unsent.size < 20 || this.unsent.has(outcome.message))) {
      this.unsent.set(outcome.message, (this.unsent.get(outcome.message) ?? 0) + count);
    }
  }

  fill(stage: FeedbackStage): void {
    stage.rejections = [...this.rejections].map(([status, g]) => ({ status, ...g })).sort((a, b) => b.count - a.count);
    stage.unsentReasons = [...this.unsent].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  }
}

/** Pass 2: send, account, report. Throws (failing the run) per feedback-fail-on or on auth failure. */
export async function submitFeedback(inputs: Inputs, result: RunResult, checked: CheckedFeedback, signal?: AbortSignal): Promise<void> {
  const stage = result.stages.feedback!;
  await inStage(stage, async () => {
    const batches = Math.ceil(stage.total / inputs['feedback-batch-size']);
    if (inputs['dry-run']) {
      // Every row is accounted for, as in any run: none was sent.
      skipAll(stage, 'dry run', `Dry run: ${stage.total} rows would be sent in ${batches} batches; Konan was not contacted.`);
      return;
    }
    stage.report = inputs['feedback-report'] ?? path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'konan-feedback-report.jsonl');
    const report = await ReportWriter.open(stage.report);
    const http = konanClient(inputs);
    const groups = new OutcomeGroups();
    const started = Date.now();
    let lastProgress = started;
    core.info(
      `Sending ${stage.total} feedback rows to Konan deployment ${inputs['konan-deployment-id']} in ${batches} batches of up to ${inputs['feedback-batch-size']}, ${inputs['feedback-concurrency']} at a time`,
    );
    const progress = (tally: Readonly<Tally>) => {
      const seconds = (Date.now() - started) / 1000;
      const rate = Math.round(tally.total / Math.max(seconds, 0.001));
      core.info(
        `Feedback: ${tally.total} of ${stage.total} rows (${stage.total ? Math.floor((tally.total / stage.total) * 100) : 100}%) at ${rate} rows/s: ${tally.accepted} accepted, ${tally.rejected} rejected, ${tally.unsent} not sent`,
      );
    };
    const tally = newTally();
    let sent;
    try {
      sent = await withYoungGenerationCapped(() =>
        sendRows(validRows(checked), {
          tally,
          batchSize: inputs['feedback-batch-size'],
          concurrency: inputs['feedback-concurrency'],
          submit: (batch) => sendFeedback(http, inputs['konan-deployment-id']!, batch),
          log: (message) => core.warning(message),
          signal,
          record: (row, outcome, counts) => {
            if (Date.now() - lastProgress >= 2000) {
              lastProgress = Date.now();
              progress(counts);
            }
            if (outcome.kind === 'accepted') return undefined;
            groups.add(row, outcome);
            return report.write({
              prediction_uuid: row.prediction_uuid,
              target: row.target,
              line: row.line,
              outcome: outcome.kind,
              status: outcome.status,
              message: outcome.message,
            });
          },
        }),
      );
    } catch (error) {
      // Sending stopped on a fatal error, after the batches in flight settled: the rows never read are unsent too.
      if (stage.total > tally.total)
        groups.add(undefined, { kind: 'unsent', status: null, message: `not sent: ${errorMessage(error).split('\n')[0]}` }, stage.total - tally.total);
      throw error;
    } finally {
      // Every worker has stopped by now (sendRows settles in-flight batches before it throws): the report can be closed.
      groups.fill(stage);
      Object.assign(stage, {
        accepted: tally.accepted,
        rejected: tally.rejected,
        unsent: tally.unsent + Math.max(0, stage.total - tally.total),
        alreadyRecorded: tally.alreadyRecorded,
      });
      await report.close();
    }
    if (sent.pace.cuts)
      core.info(
        `Konan asked to slow down (429 or slower answers) ${sent.pace.cuts} times: batches in flight went down to ${sent.pace.lowest} of ${sent.pace.max}, and back to ${sent.pace.limit}.`,
      );
    stage.rowsPerSecond = Math.round(tally.total / Math.max((Date.now() - started) / 1000, 0.001));
    if (signal?.aborted)
      throw new Error(
        `Cancelled: ${tally.accepted} of ${stage.total} feedback rows were accepted; the ${stage.unsent + stage.rejected} others are in ${stage.report}.`,
      );
    if (tally.total !== stage.total)
      throw new FeedbackFileError(`feedback-file changed while it was being sent: ${stage.total} rows checked, ${tally.total} read`);
    progress(tally);
    if (tally.alreadyRecorded)
      core.info(`${tally.alreadyRecorded} rows answered 409 on a retry after a failed first attempt: counted as accepted (already recorded by that attempt).`);
    const summary =
      `Konan feedback${stage.shard ? ` (shard ${stage.shard})` : ''}: ${stage.total} rows: ${stage.accepted} accepted, ${stage.rejected} rejected, ${stage.unsent} not sent.` +
      (stage.rejected + stage.unsent ? ` Rows not accepted are in ${stage.report}.` : '');
    if (sent.authError) throw new Error(`${summary} Konan authentication failed: ${sent.authError.message}`);
    if (failsOn(inputs['feedback-fail-on'], stage)) throw new Error(`${summary} (feedback-fail-on: ${describeFailOn(inputs['feedback-fail-on'])})`);
    core.info(summary);
  });
}

const describeFailOn = (rule: FailOn) => (rule.kind === 'rate' ? `${rule.percent}%` : rule.kind);

/** When an earlier step failed, the checked rows were never sent: say so and count them. */
export function markFeedbackNotSent(result: RunResult, reason: string): void {
  const stage = result.stages.feedback;
  if (stage?.status === 'started') skipAll(stage, reason, reason);
}

/** None of the checked rows was sent: all of them count as unsent, for `reason`. */
function skipAll(stage: FeedbackStage, reason: string, message: string): void {
  stage.status = 'skipped';
  stage.unsent = stage.total;
  stage.unsentReasons = [{ reason, count: stage.total }];
  stage.messages.push(message);
}
