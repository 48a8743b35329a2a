// What one poll of a Job costs as its log grows (1, 4, 8 MB), next to a baseline measured in the same
// run: a bare fetch + JSON.parse of the same body. Before issue 8 every poll re-parsed the whole body
// with the lossless parser; that path is measured too, for comparison.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseJson } from '../src/http/request.js';
import { KonigleHttp } from '../src/konigle/http.js';
import { formatLogEntry, getJob, parseJobBody } from '../src/konigle/jobs.js';
import { Job, parseModel } from '../src/konigle/models.js';
import { row } from './measure.js';

const SIZES_MB = (process.env.BENCH_POLL_SIZES_MB ?? '1,4,8').split(',').map(Number);
const REPEATS = 7;
/** Entries a poll typically finds new: only these are formatted and printed. */
const NEW_ENTRIES = 20;

/** A running Job whose log holds about `mb` megabytes of entries shaped like a real build log. */
function jobBody(mb: number): string {
  const log: unknown[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1024 ** 2; i++) {
    const entry =
      i % 3 === 0
        ? `npm http fetch GET 200 https://registry.npmjs.org/package-${i} ${i % 97}ms (cache miss)`
        : {
            timestamp: new Date(1_700_000_000_000 + i * 10).toISOString(),
            level: i % 50 ? 'info' : 'warning',
            message: `step ${i}: compiled module ${i} of the bundle in ${i % 13} ms`,
          };
    log.push(entry);
    size += JSON.stringify(entry).length + 1;
  }
  return JSON.stringify({
    id: '0b7f6a52-3c1e-4f7e-9a59-2f1c8d0e4b11',
    task_name: 'deploy_space',
    status: 'running',
    log,
    created_at: '2026-11-23T10:00:00Z',
    completed_at: null,
  });
}

/** Median milliseconds of `fn` over REPEATS runs (after one warm-up). */
async function median(fn: () => unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const newTail = (job: Job) => job.log.slice(-NEW_ENTRIES).map(formatLogEntry);

export async function benchPollCost(): Promise<void> {
  console.log(`\n## One Job poll as the log grows (median of ${REPEATS}, milliseconds)`);
  let body = '';
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  // The slow lossless runs leave the connection idle for seconds: keep it open so fetch can reuse it.
  server.keepAliveTimeout = 120_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = new KonigleHttp({ baseUrl: base, apiKey: 'bench' });
  try {
    console.log(
      row([
        'log size',
        'entries',
        'baseline: JSON.parse',
        'before: lossless parse + model',
        'now: parse + model + new tail',
        'baseline: fetch + JSON.parse',
        'now: whole poll over HTTP',
      ]),
    );
    console.log(row(['---', '---', '---', '---', '---', '---', '---']));
    for (const mb of SIZES_MB) {
      body = jobBody(mb);
      const entries = (JSON.parse(body) as { log: unknown[] }).log.length;
      const plain = await median(() => JSON.parse(body));
      const before = await median(() => newTail(parseModel(Job, parseJson(body), 'GET /jobs/x', 'Job')));
      const now = await median(() => newTail(parseModel(Job, parseJobBody(body), 'GET /jobs/x', 'Job')));
      const fetchPlain = await median(async () => JSON.parse(await (await fetch(`${base}/cloud/api/v1/jobs/x`)).text()));
      const poll = await median(async () => newTail(await getJob(http, 'x', { retry: false })));
      console.log(
        row([
          `${(body.length / 1024 ** 2).toFixed(1)} MB`,
          entries,
          plain.toFixed(1),
          before.toFixed(1),
          now.toFixed(1),
          fetchPlain.toFixed(1),
          poll.toFixed(1),
        ]),
      );
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
