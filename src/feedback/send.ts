// Sends feedback rows in batches, `concurrency` requests in flight, and accounts for every row:
// accepted, rejected (with the server's status and message) or unsent (with the reason).
// total = accepted + rejected + unsent, always.
import { isPassingFailure, sleep, TransportError } from '../http/request.js';
import { KonanApiError, KonanAuthError } from '../konan/errors.js';
import type { FeedbackResult } from '../konan/feedback.js';
import { Cancelled, Pace } from './pace.js';
import type { FeedbackRow } from './validate.js';

export type Outcome = { kind: 'accepted'; alreadyRecorded?: boolean } | { kind: 'rejected' | 'unsent'; status: number | null; message: string };

export interface Tally {
  total: number;
  accepted: number;
  rejected: number;
  unsent: number;
  /** Accepted rows that answered 409 on a retry after an ambiguous failure: recorded by the first attempt. */
  alreadyRecorded: number;
}

export const newTally = (): Tally => ({ total: 0, accepted: 0, rejected: 0, unsent: 0, alreadyRecorded: 0 });

/** The server may have recorded the batch although we saw a failure (no answer, or a 5xx). */
function isAmbiguous(error: unknown): boolean {
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

export interface SendOptions {
  /** Counted into as rows settle, so the caller has the counts even if sending stops with an error. */
  tally: Tally;
  batchSize: number;
  /** The most batches in flight; fewer while Konan answers 429 or slows down (see pace.ts). */
  concurrency: number;
  submit: (batch: FeedbackRow[]) => Promise<FeedbackResult>;
  /** Called once a row is counted in `tally`; returns a promise only when it must be waited for (a report write under backpressure). */
  record: (row: FeedbackRow, outcome: Outcome, tally: Readonly<Tally>) => Promise<void> | void;
  log: (message: string) => void;
  /** When it fires, nothing more is sent; every row not yet confirmed is settled as unsent ("cancelled"). */
  signal?: AbortSignal;
  /** For tests: the pause between retries. */
  sleep?: (ms: number) => Promise<void>;
}

export const CANCELLED = 'not sent: the run was cancelled';
export const CANCELLED_IN_FLIGHT = 'not confirmed: the run was cancelled while this row was on its way (Konan may have recorded it; sending it again is safe)';
const UNCONFIRMED = "not confirmed: Konan's answer did not mention this row; sending it again is safe";
/** A batch answered 429 this many times in a row is given up (unsent), so a run always ends. */
const MAX_THROTTLES = 30;
const RETRIES = 3;

/**
 * Sends every row; resolves with the auth failure that stopped sending, if one did. A fatal error
 * (the file cannot be read on, the report cannot be written) stops every worker from taking new
 * batches; it is thrown only once the batches in flight have settled, so nothing is recorded
 * after the caller closes the report.
 */
export async function sendRows(rows: AsyncIterable<FeedbackRow[]>, options: SendOptions): Promise<{ authError?: KonanAuthError; pace: Pace }> {
  const { tally, signal } = options;
  const pace = new Pace(options.concurrency);
  const pause = options.sleep ?? sleep;
  let authError: KonanAuthError | undefined;
  let fatal: { error: unknown } | undefined;
  let batchNo = 0;

  /** Counts one row; a promise only when the record must be waited for. */
  const settle = (row: FeedbackRow, outcome: Outcome): Promise<void> | void => {
    tally.total++;
    if (outcome.kind === 'accepted') {
      tally.accepted++;
      if (outcome.alreadyRecorded) tally.alreadyRecorded++;
    } else tally[outcome.kind]++;
    return options.record(row, outcome, tally);
  };
  const settleAll = async (batch: FeedbackRow[], outcome: Outcome) => {
    for (const row of batch) {
      const pending = settle(row, outcome);
      if (pending) await pending;
    }
  };

  /** One batch to an answer: 429s wait as the pace says (not counted as retries), passing failures are retried 3 times. */
  async function submit(batch: FeedbackRow[], n: number, attempts: { made: number }): Promise<{ result: FeedbackResult; ambiguous: boolean }> {
    let ambiguous = false;
    for (let retries = 0, throttles = 0; ;) {
      await pace.acquire(signal);
      attempts.made++;
      const started = Date.now();
      try {
        const result = await options.submit(batch);
        pace.answered(Date.now() - started);
        return { result, ambiguous };
      } catch (error) {
        if (error instanceof KonanApiError && error.status === 429 && ++throttles <= MAX_THROTTLES) {
          const hold = pace.throttled(error.retryAfterSeconds);
          if (throttles === 1)
            options.log(
              `Feedback batch ${n}: Konan answered 429; waiting ${Math.round(hold / 100) / 10}s, then sending at most ${pace.limit} batches at a time`,
            );
          continue;
        }
        pace.failed();
        if (isAmbiguous(error)) ambiguous = true;
        if (!isPassingFailure(error) || retries >= RETRIES) throw error;
        retries++;
        options.log(`Feedback batch ${n} (${batch.length} rows) failed, retrying: ${(error as Error).message}`);
        await pause(500 * 2 ** (retries - 1) * (1 + Math.random()));
      }
    }
  }

  async function sendBatch(batch: FeedbackRow[]): Promise<void> {
    const n = ++batchNo;
    let answer: { result: FeedbackResult; ambiguous: boolean };
    const attempts = { made: 0 };
    try {
      answer = await untilAborted(submit(batch, n, attempts), signal);
    } catch (error) {
      if (error instanceof Cancelled) return settleAll(batch, { kind: 'unsent', status: null, message: attempts.made ? CANCELLED_IN_FLIGHT : CANCELLED });
      if (error instanceof KonanAuthError) authError ??= error;
      const status = error instanceof KonanApiError ? error.status : null;
      return settleAll(batch, { kind: 'unsent', status, message: `not sent: ${(error as Error).message}` });
    }
    const { result, ambiguous } = answer;
    if (result.mismatch) options.log(`Feedback batch ${n}: ${result.mismatch}`);
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i];
      const item = result.statuses[i];
      const outcome: Outcome = !item
        ? { kind: 'unsent', status: null, message: UNCONFIRMED }
        : item.status >= 200 && item.status < 300
          ? ACCEPTED
          : item.status === 409 && ambiguous
            ? ALREADY_RECORDED
            : { kind: 'rejected', status: item.status, message: item.message || `status ${item.status}` };
      const pending = settle(row, outcome);
      if (pending) await pending;
    }
  }

  const source = batches(rows, options.batchSize);
  const worker = async () => {
    try {
      while (!fatal) {
        const next = await source.next();
        if (next.done) return;
        if (signal?.aborted) await settleAll(next.value, { kind: 'unsent', status: null, message: CANCELLED });
        else if (authError) await settleAll(next.value, { kind: 'unsent', status: null, message: `not sent: ${authError.message}` });
        else await sendBatch(next.value);
      }
    } catch (error) {
      fatal ??= { error };
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (fatal) throw fatal.error;
  return { authError, pace };
}

const ACCEPTED: Outcome = { kind: 'accepted' };
const ALREADY_RECORDED: Outcome = { kind: 'accepted', alreadyRecorded: true };

/** The promise's value, or Cancelled as soon as the signal fires (the request itself is left to finish unheard). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new Cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      promise.catch(() => undefined);
      reject(new Cancelled());
    };
    signal.addEventListener('abort', abort, { once: true });
    // The reason is passed on as the request gave it (not always an Error).
    promise.finally(() => signal.removeEventListener('abort', abort)).then(resolve, reject);
  });
}
