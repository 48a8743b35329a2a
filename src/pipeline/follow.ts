// Follows one Konigle Job to its end, for every step that starts one (deploy, promote, wait,
// provision): polls from poll-interval backing off to 15 s, prints each new log entry once, rides
// out passing trouble, and never waits past wait-timeout by more than one interval.
import * as core from '../actions/core.js';
import { isPassingFailure, sleep } from '../http/request.js';
import { KonigleApiError } from '../konigle/errors.js';
import type { KonigleHttp } from '../konigle/http.js';
import { formatLogEntry, getJob } from '../konigle/jobs.js';
import type { Job } from '../konigle/models.js';
import { type JobWait, pushTail, type StageBase } from '../result.js';
import { formatDuration } from '../units.js';
import { printLogLines } from './job-log.js';
import { nextPollInterval } from './poll-schedule.js';

/** A Job may not be readable at once after it was created (replication, queueing): a 404 this early is passing. */
const NOT_FOUND_GRACE_MS = 10_000;
/** No single poll waits longer than a usual request. */
const POLL_REQUEST_TIMEOUT_MS = 30_000;
/** An unknown status that stays this many poll-intervals ends the wait. */
const UNKNOWN_STATUS_POLLS = 3;

export interface FollowOptions {
  timeoutMs: number;
  pollIntervalMs: number;
  /** What the Job does, for messages: 'Deploy', 'Promote', 'Provision'. */
  what: string;
  /** Aborting it ends the wait at once (a cancelled run); follow then rejects with its reason. */
  signal?: AbortSignal;
}

export class JobEndedBadlyError extends Error {}

const KNOWN_RUNNING = new Set(['pending', 'running', 'queued', 'started']);

/**
 * Polls `record.jobId` until the Job ends; fills record.jobStatus and logTail. Answers the Job when
 * it succeeded; throws JobEndedBadlyError when it failed, ended in a status we don't know, or did
 * not end within the timeout (then record.status is 'timed_out').
 */
export async function follow(http: KonigleHttp, record: StageBase & JobWait, options: FollowOptions): Promise<Job> {
  const jobId = record.jobId!;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let interval = options.pollIntervalMs;
  let printed = 0;
  let lastStatus = '';
  let statusSince = started;
  let seen = false;
  let lastProblem: string | undefined;
  core.startGroup(`Job ${jobId} log`);
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      let pause = interval;
      const left = deadline - Date.now();
      try {
        const timeoutMs = Math.min(POLL_REQUEST_TIMEOUT_MS, Math.max(left, options.pollIntervalMs));
        const job = await getJob(http, jobId, { retry: false, timeoutMs, signal: options.signal });
        seen = true;
        lastProblem = '';
        printed = printNewEntries(job, printed, record);
        record.jobStatus = job.status;
        if (job.status !== lastStatus) {
          core.info(`▸ Job ${jobId} is ${job.status}${isKnown(job.status) ? '' : ' (a status this action does not know)'}`);
          lastStatus = job.status;
          statusSince = Date.now();
        }
        if (job.status === 'success') return job;
        if (job.status === 'failed') throw endedBadly(job, record, options.what);
        if (!isKnown(job.status)) {
          // An unknown status is an end if the server says so, or if it does not change for a while.
          const unchangedFor = Date.now() - statusSince;
          if (job.completed_at || unchangedFor >= options.pollIntervalMs * UNKNOWN_STATUS_POLLS) throw endedBadly(job, record, options.what);
          pause = options.pollIntervalMs;
        }
      } catch (error) {
        if (options.signal?.aborted || error instanceof JobEndedBadlyError) throw error;
        const notYetVisible = !seen && Date.now() - started < NOT_FOUND_GRACE_MS && (error as { status?: unknown }).status === 404;
        if (!notYetVisible && !isPassingFailure(error)) throw error;
        const retryAfter = error instanceof KonigleApiError ? error.retryAfterSeconds : undefined;
        if (retryAfter) pause = Math.max(pause, retryAfter * 1000);
        lastProblem = (error as Error).message;
        if (notYetVisible) core.info(`Job ${jobId} is not visible yet (404); polling on`);
        else core.warning(`Polling Job ${jobId} failed, will retry: ${lastProblem}`);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      await sleep(Math.min(pause, remaining), options.signal);
      interval = nextPollInterval(interval, options.pollIntervalMs);
    }
  } finally {
    core.endGroup();
  }
  record.status = 'timed_out';
  throw new JobEndedBadlyError(
    `Job ${jobId} did not end within wait-timeout (${formatDuration(options.timeoutMs)}); last status: ${lastStatus || 'unknown'}. ` +
      `It may still be running: resume with 'command: wait' and 'job-id: ${jobId}', or raise 'wait-timeout'.` +
      (lastProblem ? ` The last poll failed: ${lastProblem}` : ''),
  );
}

const isKnown = (status: string) => status === 'success' || status === 'failed' || KNOWN_RUNNING.has(status);

/** Prints the entries past `printed` (the log is append-only; if it shrinks, from its new end) and returns the new count. */
function printNewEntries(job: Job, printed: number, record: JobWait): number {
  if (job.log.length < printed) {
    core.info(`(the Job log shrank from ${printed} to ${job.log.length} entries; showing it from there)`);
    return job.log.length;
  }
  const lines = job.log.slice(printed).map(formatLogEntry);
  printLogLines(lines);
  for (const line of lines) pushTail(record.logTail, line);
  return job.log.length;
}

/** The error for a Job that ended in anything but success, with its last log lines. */
function endedBadly(job: Job, record: JobWait, what: string): JobEndedBadlyError {
  const tail = record.logTail.slice(-20);
  const unknown =
    job.status === 'failed'
      ? ''
      : job.completed_at
        ? ' (a status this action does not know; the Job has completed)'
        : ' (a status this action does not know, unchanged for 3 poll intervals)';
  return new JobEndedBadlyError(
    `${what} Job ${job.id} ended ${job.status}${unknown}.` +
      (tail.length ? ` Last log lines:\n${tail.map((l) => `  ${l}`).join('\n')}` : ' (its log is empty)'),
  );
}
