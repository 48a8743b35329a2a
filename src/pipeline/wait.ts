// Polls a Job to its end: backs off from poll-interval to 15 s, bounded by wait-timeout,
// prints each new log entry once, and rides out passing server or network trouble.
import * as core from '@actions/core';
import { isPassingFailure, sleep } from '../http/request.js';
import { KonigleApiError } from '../konigle/errors.js';
import type { KonigleHttp } from '../konigle/http.js';
import { formatLogEntry, getJob } from '../konigle/jobs.js';
import { isTerminal, type Job } from '../konigle/models.js';
import { type JobWait, pushTail, type StageBase } from '../result.js';
import { formatDuration } from '../units.js';
import { printLogLines } from './job-log.js';
import { nextPollInterval } from './poll-schedule.js';


export interface WaitOptions {
  timeoutMs: number;
  pollIntervalMs: number;
}

export class JobEndedBadlyError extends Error {}

/** Polls `record.jobId` until terminal or timeout; fills record.jobStatus and logTail; returns the last Job read. */
export async function pollJob(http: KonigleHttp, record: StageBase & JobWait, options: WaitOptions): Promise<Job | undefined> {
  const jobId = record.jobId!;
  const deadline = Date.now() + options.timeoutMs;
  let interval = options.pollIntervalMs;
  let printed = 0;
  let lastStatus = '';
  let job: Job | undefined;
  core.startGroup(`Job ${jobId} log`);
  try {
    for (;;) {
      let pause = interval;
      try {
        job = await getJob(http, jobId, { retry: false });
        if (job.log.length < printed) {
          core.info(`(the Job log shrank from ${printed} to ${job.log.length} entries; showing it from there)`);
          printed = job.log.length;
        }
        const lines = job.log.slice(printed).map(formatLogEntry);
        printLogLines(lines);
        for (const line of lines) pushTail(record.logTail, line);
        printed = job.log.length;
        record.jobStatus = job.status;
        if (job.status !== lastStatus) core.info(`▸ Job ${jobId} is ${job.status}`);
        lastStatus = job.status;
        if (isTerminal(job)) return job;
      } catch (error) {
        if (!isPassingFailure(error)) throw error;
        const retryAfter = error instanceof KonigleApiError ? error.retryAfterSeconds : undefined;
        if (retryAfter) pause = Math.max(pause, retryAfter * 1000);
        core.warning(`Polling Job ${jobId} failed, will retry: ${(error as Error).message}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(pause, left));
      interval = nextPollInterval(interval, options.pollIntervalMs);
    }
  } finally {
    core.endGroup();
  }
  record.status = 'timed_out';
  throw new JobEndedBadlyError(
    `Job ${jobId} did not end within wait-timeout (${formatDuration(options.timeoutMs)}); last status: ${lastStatus || 'unknown'}. ` +
      `It may still be running: resume with 'command: wait' and 'job-id: ${jobId}', or raise 'wait-timeout'.`,
  );
}

/** Fails with the Job's last log lines when it ended in anything but success. */
export function assertJobSucceeded(job: Job, record: JobWait, what: string): void {
  if (job.status === 'success') return;
  const tail = record.logTail.slice(-20);
  throw new JobEndedBadlyError(
    `${what} Job ${job.id} ended ${job.status}.` + (tail.length ? ` Last log lines:\n${tail.map((l) => `  ${l}`).join('\n')}` : ' (its log is empty)'),
  );
}
