// Konigle Jobs as a lazy state machine: a Job's status and visible log follow from the time
// since it was created and its plan (outcome, duration, log), so no timers run.
import { randomUUID } from 'node:crypto';
import { now } from './core.js';

/** success, failed, hang (runs forever), or any other end status a real server may add (e.g. 'cancelled'). */
export type JobOutcome = 'success' | 'failed' | 'hang' | (string & {});

export interface JobPlan {
  outcome: JobOutcome;
  durationMs: number;
  log?: unknown[];
  /** For an end status other than success/failed: whether `completed_at` is set then (default true). */
  completes?: boolean;
}

export interface EmuJob {
  id: string;
  task_name: string;
  created: number;
  plan: JobPlan & { log: unknown[] };
  settled: boolean;
  /** Runs once, when the Job reaches its end (updates the Space it deployed). */
  onEnd?: (status: string) => void;
}

export function defaultLog(outcome: JobOutcome, what: string): unknown[] {
  const entries: unknown[] = [
    { timestamp: now(), level: 'info', message: `Received ${what}` },
    'Unpacking release',
    { time: now(), levelname: 'INFO', msg: 'Installing dependencies' },
    { text: 'Running migrations' },
    { timestamp: now(), level: 'info', message: 'Restarting app server' },
  ];
  if (outcome === 'failed') {
    entries.push({ timestamp: now(), level: 'error', message: 'Health check failed: GET / answered 502 after 3 tries' });
  } else if (outcome === 'success') {
    entries.push('Health check passed', { timestamp: now(), level: 'info', message: 'Release is live' });
  } else {
    entries.push({ timestamp: now(), level: 'warning', message: 'Waiting for the health check…' });
  }
  return entries;
}

export function createJob(taskName: string, plan: JobPlan, what: string): EmuJob {
  return {
    id: randomUUID(),
    task_name: taskName,
    created: Date.now(),
    plan: { ...plan, log: plan.log ?? defaultLog(plan.outcome, what) },
    settled: false,
  };
}

/** The Job as the API shows it at time `at`; settles it (runs onEnd) the first time it is seen ended. */
export function viewJob(job: EmuJob, at = Date.now()) {
  const elapsed = at - job.created;
  const { durationMs, outcome, log } = job.plan;
  let status: string;
  let visible: number;
  if (elapsed < durationMs * 0.2) {
    status = 'pending';
    visible = 0;
  } else if (outcome === 'hang' || elapsed < durationMs) {
    status = 'running';
    const share = outcome === 'hang' ? 1 : elapsed / durationMs;
    visible = outcome === 'hang' ? log.length : Math.min(log.length - 1, Math.floor(log.length * share));
  } else {
    status = outcome;
    visible = log.length;
  }
  const ended = outcome !== 'hang' && elapsed >= durationMs;
  if (ended && !job.settled) {
    job.settled = true;
    job.onEnd?.(status);
  }
  const completed = ended && (status === 'success' || status === 'failed' || job.plan.completes !== false);
  return {
    id: job.id,
    task_name: job.task_name,
    status,
    log: log.slice(0, visible),
    created_at: new Date(job.created).toISOString(),
    completed_at: completed ? new Date(job.created + durationMs).toISOString() : null,
  };
}
