// Sends feedback rows in batches, `concurrency` requests in flight, and accounts for every row:
// accepted, rejected (with the server's status and message) or unsent (with the reason).
// total = accepted + rejected + unsent, always.
import pRetry from 'p-retry';
import { isPassingFailure, TransportError } from '../http/request.js';
import { KonanApiError, KonanAuthError } from '../konan/errors.js';
import type { FeedbackResult } from '../konan/feedback.js';
import type { FeedbackRow } from './validate.js';

export type Outcome =
  | { kind: 'accepted'; alreadyRecorded?: boolean }
  | { kind: 'rejected' | 'unsent'; status: number | null; message: string };

export interface Tally {
  total: number;
  accepted: number;
  rejected: number;
  unsent: number;
  /** Accepted rows that answered 409 on a retry after an ambiguous failure: recorded by the first attempt. */
  alreadyRecorded: number;
}

export const newTally = (): Tally => ({ total: 0, accepted: 0, rejected: 0, unsent: 0, alreadyRecorded: 0 });

export interface SendOptions {
  /** Counted into as rows settle, so the caller has the counts even if sending stops with an error. */
  tally: Tally;
  batchSize: number;
  concurrency: number;
  submit: (batch: FeedbackRow[]) => Promise<FeedbackResult>;
  /** Called once a row is counted in `tally`; returns a promise only when it must be waited for (a report write under backpressure). */
  record: (row: FeedbackRow, outcome: Outcome, tally: Readonly<Tally>) => Promise<void> | void;
  log: (message: string) => void;
}

/** The server may have recorded the batch although we saw a failure (no answer, or a 5xx). */
export function isAmbiguous(error: unknown): boolean {
  if (error instanceof TransportError) return !/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(error.message);
  return error instanceof KonanApiError && error.status >= 500;
}

/** Re-cuts the reader's chunks into batches of `size`. */
async function* batches(chunks: AsyncIterable<FeedbackRow[]>, size: number): AsyncGenerator<FeedbackRow[]> {
  let batch: FeedbackRow[] = [];
  for await (const chunk of chunks) {
    for (const row of chunk) {
      batch.push(row);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/** Sends every row; resolves with the auth failure that stopped sending, if one did. */
export async function sendRows(rows: AsyncIterable<FeedbackRow[]>, options: SendOptions): Promise<{ authError?: KonanAuthError }> {
  const { tally } = options;
  let authError: KonanAuthError | undefined;
  let batchNo = 0;

  const settle = async (row: FeedbackRow, outcome: Outcome) => {
    tally.total++;
    if (outcome.kind === 'accepted') {
      tally.accepted++;
      if (outcome.alreadyRecorded) tally.alreadyRecorded++;
    } else tally[outcome.kind]++;
    const pending = options.record(row, outcome, tally);
    if (pending) await pending;
  };

  async function sendBatch(batch: FeedbackRow[]): Promise<void> {
    const n = ++batchNo;
    let ambiguous = false;
    let result: FeedbackResult;
    try {
      result = await pRetry(() => options.submit(batch), {
        retries: 3,
        minTimeout: 500,
        factor: 2,
        randomize: true,
        shouldRetry: ({ error }) => isPassingFailure(error),
        onFailedAttempt: ({ error, retriesLeft }) => {
          if (isAmbiguous(error)) ambiguous = true;
          if (isPassingFailure(error) && retriesLeft > 0) options.log(`Feedback batch ${n} (${batch.length} rows) failed, retrying: ${error.message}`);
        },
      });
    } catch (error) {
      if (error instanceof KonanAuthError) authError ??= error;
      const message = `not sent: ${(error as Error).message}`;
      const status = error instanceof KonanApiError ? error.status : null;
      for (const row of batch) await settle(row, { kind: 'unsent', status, message });
      return;
    }
    if (result.mismatch) options.log(`Feedback batch ${n}: ${result.mismatch}`);
    for (const row of batch) {
      const item = result.items.get(row.prediction_uuid);
      if (!item) await settle(row, { kind: 'unsent', status: null, message: "not confirmed: Konan's answer did not mention this row; sending it again is safe" });
      else if (item.status >= 200 && item.status < 300) await settle(row, { kind: 'accepted' });
      else if (item.status === 409 && ambiguous) await settle(row, { kind: 'accepted', alreadyRecorded: true });
      else await settle(row, { kind: 'rejected', status: item.status, message: item.message || `status ${item.status}` });
    }
  }

  const source = batches(rows, options.batchSize);
  const worker = async () => {
    for (let next = await source.next(); !next.done; next = await source.next()) {
      if (authError) {
        for (const row of next.value) await settle(row, { kind: 'unsent', status: null, message: `not sent: ${authError.message}` });
      } else {
        await sendBatch(next.value);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { authError };
}
