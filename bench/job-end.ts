// Noticing a Job's end: 20 deploys through dist/index.js whose Jobs last 5 to 120 s, all running at
// once against the emulator, with the default poll-interval (3 s, growing to 15 s). For each: the
// delay from the Job turning terminal to the action exiting, as a fraction of the poll interval in
// force (the gap between the last poll before the end and the one that saw it), and the polls made.
// Plus one Job that never ends, against a 20 s wait-timeout. BENCH_JOB_SCALE=0.25 compresses every
// duration, the poll interval and the timeout by the same factor (the 15 s cap does not scale, so a
// scaled run keeps more of its polls below the cap: say so when quoting it).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/server.js';
import { runAction } from '../scripts/run-action.js';
import { MAX_POLL_INTERVAL_MS, pollTimes } from '../src/pipeline/poll-schedule.js';
import { row } from './measure.js';

const KEY = 'konigle-bench-key';
const JOBS = 20;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function benchJobEnd(): Promise<void> {
  const scale = Number(process.env.BENCH_JOB_SCALE ?? 1);
  const pollMs = 3000 * scale;
  const timeoutMs = 20_000 * scale;
  const emulator = await startEmulator();
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-job-end-'));
  try {
    emulator.konigle.config.apiKeys = [KEY];
    const { webapp } = emulator.konigle.seedWebApp({ name: 'bench' });
    await writeFile(path.join(work, 'index.html'), '<h1>bench</h1>');
    const durations = Array.from({ length: JOBS }, (_, i) => Math.round((5_000 + (i * 115_000) / (JOBS - 1)) * scale));
    console.log(
      `\n## Noticing a Job's end: ${JOBS} Jobs of ${durations[0] / 1000}-${durations[JOBS - 1] / 1000} s at once, poll-interval ${pollMs / 1000} s (load average before: ${os.loadavg()[0].toFixed(2)})`,
    );
    if (scale !== 1)
      console.log(`Time compressed ×${scale}: durations, poll-interval and wait-timeout scaled; the ${MAX_POLL_INTERVAL_MS / 1000} s cap is not.`);

    const plans = [...durations.map((durationMs) => ({ outcome: 'success' as const, durationMs })), { outcome: 'hang' as const, durationMs: 1000 }];
    const runs: Promise<{ exitAt: number; code: number; startAt: number }>[] = [];
    for (const plan of plans) {
      // One deploy at a time until its Job exists, so the i-th Job gets the i-th plan.
      const before = emulator.konigle.deployments.size;
      emulator.konigle.nextJobs.push(plan);
      const startAt = Date.now();
      const inputs: Record<string, string> = {
        'api-key': KEY,
        'api-url': emulator.urls.konigle,
        'webapp-id': webapp.id,
        'poll-interval': `${pollMs}ms`,
        'wait-timeout': plan.outcome === 'hang' ? `${timeoutMs}ms` : '10m',
        'job-summary': 'false',
        'github-deployment': 'false',
      };
      runs.push(runAction({ inputs, workspace: work }).then((run) => ({ exitAt: Date.now(), code: run.code, startAt })));
      while (emulator.konigle.deployments.size === before) await new Promise((r) => setTimeout(r, 20));
    }
    const results = await Promise.all(runs);
    const deployments = [...emulator.konigle.deployments.values()];
    const pollsOf = (jobId: string) => emulator.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/jobs/${jobId}`)).map((r) => Date.parse(r.at));

    console.log(row(['Job (s)', 'polls', 'interval in force (s)', 'end → exit (s)', 'fraction of interval', 'exit code']));
    console.log(row(['---', '---', '---', '---', '---', '---']));
    const fractions: number[] = [];
    let maxPolls = 0;
    for (let i = 0; i < JOBS; i++) {
      const job = emulator.konigle.jobs.get(deployments[i].job_id)!;
      const endAt = job.created + job.plan.durationMs;
      const polls = pollsOf(job.id);
      const seen = polls.findIndex((t) => t >= endAt);
      const interval = seen > 0 ? polls[seen] - polls[seen - 1] : NaN;
      const delay = results[i].exitAt - endAt;
      fractions.push(delay / interval);
      maxPolls = Math.max(maxPolls, polls.length);
      console.log(
        row([
          (durations[i] / 1000).toFixed(1),
          polls.length,
          (interval / 1000).toFixed(2),
          (delay / 1000).toFixed(2),
          (delay / interval).toFixed(2),
          results[i].code,
        ]),
      );
    }
    const hang = results[JOBS];
    const hangPolls = pollsOf(deployments[JOBS].job_id);
    const lastGap = hangPolls.length > 1 ? hangPolls[hangPolls.length - 1] - hangPolls[hangPolls.length - 2] : NaN;
    const past = hang.exitAt - (hang.startAt + timeoutMs);
    const tenMinutePolls = pollTimes(600_000, 3000).length;
    console.log(`median end → exit: ${median(fractions).toFixed(2)} of the interval in force (target ≤ 0.6); most polls for one Job: ${maxPolls}`);
    console.log(`a 10-minute Job at the default 3 s poll-interval: ${tenMinutePolls} polls by the schedule (target ≤ 60)`);
    console.log(
      `a Job that never ends, wait-timeout ${timeoutMs / 1000} s: exited ${(past / 1000).toFixed(2)} s after the timeout (from the action's start), ` +
        `last interval ${(lastGap / 1000).toFixed(2)} s, exit code ${hang.code} (target: past the timeout by less than one interval)`,
    );
  } finally {
    await emulator.close();
    await rm(work, { recursive: true, force: true });
  }
}
