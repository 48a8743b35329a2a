// How often a Job is polled: from poll-interval, growing 1.5× a poll up to 15 s. A Job's end is
// then noticed on average half an interval late, and a 10-minute Job takes about 45 polls
// (bench/job-end.ts measures both).
export const MAX_POLL_INTERVAL_MS = 15_000;
const GROWTH = 1.5;

/** The pause after a poll, given the previous pause and the `poll-interval` input. */
export function nextPollInterval(previousMs: number, baseMs: number): number {
  return Math.max(baseMs, Math.min(MAX_POLL_INTERVAL_MS, Math.round(previousMs * GROWTH)));
}

/** The times (ms from the start) at which a Job of `durationMs` is polled, up to the poll that sees it ended. */
export function pollTimes(durationMs: number, baseMs: number, requestMs = 0): number[] {
  const times: number[] = [];
  let interval = baseMs;
  for (let at = 0; ;) {
    times.push(at);
    if (at >= durationMs) return times;
    at += requestMs + interval;
    interval = nextPollInterval(interval, baseMs);
  }
}
