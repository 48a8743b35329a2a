// Konan feedback through dist/index.js against the emulator, each figure next to a baseline
// measured in the same run:
// 1. 1,000,000 rows as JSONL, JSON array and CSV: rows/s and peak RSS, against a bare client that
//    only batches and POSTs the JSONL file (bench/feedback-baseline.ts).
// 2. Against a Konan that answers 429 above a set request rate: our adaptive concurrency against
//    the same bare client at a fixed concurrency that honours Retry-After.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { emulatorControl } from '../scripts/emulator-control.js';
import { ROOT } from '../scripts/run-action.js';
import { bundled, measure, row, runnerEnv } from './measure.js';

const ROWS = Number(process.env.BENCH_FEEDBACK_ROWS ?? 1_000_000);
const RATE_ROWS = Number(process.env.BENCH_FEEDBACK_RATE_ROWS ?? 100_000);
const RATE_LIMIT = 25; // feedback calls per second
const KEY = 'konan-demo-key';
const here = path.dirname(fileURLToPath(import.meta.url));

const control = <T = unknown>(base: string, route: string, body?: unknown) => emulatorControl<T>(base, 'POST', route, body);

/** A fresh emulator state with one deployment holding these predictions (the last run's are dropped: memory). */
async function seed(emulator: Emulator, uuids: string[], config: Record<string, unknown> = {}): Promise<string> {
  await control(emulator.urls.control, '/reset');
  if (Object.keys(config).length) await control(emulator.urls.control, '/konan/config', config);
  const { uuid } = await control<{ uuid: string }>(emulator.urls.control, '/konan/deployments', { name: 'bench' });
  for (let i = 0; i < uuids.length; i += 100_000)
    await control(emulator.urls.control, '/konan/predictions', { deployment: uuid, uuids: uuids.slice(i, i + 100_000) });
  return uuid;
}

async function writeLines(file: string, count: number, line: (i: number) => string, head = '', tail = ''): Promise<void> {
  const out = createWriteStream(file);
  out.write(head);
  for (let i = 0; i < count; i++) if (!out.write(line(i))) await once(out, 'drain');
  out.end(tail);
  await once(out, 'finish');
}

async function writeFiles(work: string, uuids: string[]) {
  const target = (i: number) => `{"prediction":${i % 2},"label":"class-${i % 7}"}`;
  const files = { jsonl: path.join(work, 'feedback.jsonl'), json: path.join(work, 'feedback.json'), csv: path.join(work, 'feedback.csv') };
  await writeLines(files.jsonl, uuids.length, (i) => `{"prediction_uuid":"${uuids[i]}","target":${target(i)}}\n`);
  await writeLines(files.json, uuids.length, (i) => `${i ? ',\n' : ''}{"prediction_uuid":"${uuids[i]}","target":${target(i)}}`, '[\n', '\n]\n');
  await writeLines(files.csv, uuids.length, (i) => `${uuids[i]},"${target(i).replace(/"/g, '""')}"\n`, 'prediction_uuid,target\n');
  return files;
}

async function runOurs(work: string, emulator: Emulator, deployment: string, file: string, extra: Record<string, string> = {}) {
  const env = await runnerEnv(work, {
    command: 'feedback',
    'konan-api-key': KEY,
    'konan-api-url': emulator.urls.konan,
    'konan-auth-url': emulator.urls.konan,
    'konan-deployment-id': deployment,
    'feedback-file': path.basename(file),
    'job-summary': 'false',
    ...extra,
  });
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const ours = await measure([process.execPath, ...flags, path.join(ROOT, 'dist/index.js')], { cwd: work, env });
  const counts = /Konan feedback: (\d+) rows: (\d+) accepted/.exec(ours.stdout);
  return { ...ours, accepted: Number(counts?.[2] ?? 0) };
}

const feedbackPosts = (emulator: Emulator) => emulator.requests.filter((r) => r.path.endsWith('/feedback/'));

export async function benchFeedback(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-feedback-'));
  const emulator = await startEmulator();
  try {
    const baselineClient = await bundled(path.join(here, 'feedback-baseline.ts'), work);
    console.log(`\n## Konan feedback: ${ROWS.toLocaleString('en-US')} rows, batches of 500, 4 in flight`);
    const uuids = Array.from({ length: ROWS }, () => randomUUID());
    const files = await writeFiles(work, uuids);
    console.log(
      `files: JSONL ${((await stat(files.jsonl)).size / 1024 ** 2).toFixed(0)} MB, JSON ${((await stat(files.json)).size / 1024 ** 2).toFixed(0)} MB, CSV ${((await stat(files.csv)).size / 1024 ** 2).toFixed(0)} MB`,
    );

    const baseline = await measure([process.execPath, baselineClient, files.jsonl, emulator.urls.konan, KEY, await seed(emulator, uuids), '500', '4']);
    const results: [string, Awaited<ReturnType<typeof runOurs>>][] = [];
    for (const format of ['jsonl', 'json', 'csv'] as const) {
      const ours = await runOurs(work, emulator, await seed(emulator, uuids), files[format]);
      if (ours.accepted !== ROWS) throw new Error(`the action did not accept every ${format} row:\n${ours.stdout.slice(-1500)}`);
      results.push([format, ours]);
    }
    const jsonlSeconds = results[0][1].seconds;
    console.log(row(['client', 'wall time (s)', 'rows/s (whole run)', 'peak RSS (MB)', '× JSONL time']));
    console.log(row(['---', '---', '---', '---', '---']));
    for (const [format, ours] of results) {
      console.log(
        row([
          `ours, ${format.toUpperCase()} (check pass + send, report, accounting)`,
          ours.seconds.toFixed(2),
          Math.round(ROWS / ours.seconds),
          ours.peakRssMb.toFixed(0),
          (ours.seconds / jsonlSeconds).toFixed(2),
        ]),
      );
    }
    console.log(
      row(['baseline, JSONL (read, batch, POST only)', baseline.seconds.toFixed(2), Math.round(ROWS / baseline.seconds), baseline.peakRssMb.toFixed(0), '']),
    );
    console.log('Targets: ≥ 150,000 rows/s and ≤ 150 MB for JSONL; JSON and CSV ≤ 1.5× the JSONL time.');

    console.log(
      `\n## Konan feedback against a rate limit: ${RATE_ROWS.toLocaleString('en-US')} rows, batches of 500, at most 8 in flight, Konan answers 429 (Retry-After: 1) above ${RATE_LIMIT} calls/s`,
    );
    const limited = uuids.slice(0, RATE_ROWS);
    await writeLines(files.jsonl, limited.length, (i) => `{"prediction_uuid":"${limited[i]}","target":${i % 2}}\n`);
    const rateConfig = { feedbackRateLimit: { perSecond: RATE_LIMIT, retryAfterSeconds: 1 } };
    const fixed = await measure([
      process.execPath,
      baselineClient,
      files.jsonl,
      emulator.urls.konan,
      KEY,
      await seed(emulator, limited, rateConfig),
      '500',
      '8',
    ]);
    const fixedPosts = feedbackPosts(emulator);
    const adaptive = await runOurs(work, emulator, await seed(emulator, limited, rateConfig), files.jsonl, { 'feedback-concurrency': '8' });
    const adaptivePosts = feedbackPosts(emulator);
    if (adaptive.accepted !== RATE_ROWS) throw new Error(`the action did not accept every row under the rate limit:\n${adaptive.stdout.slice(-1500)}`);
    const floor = RATE_ROWS / 500 / RATE_LIMIT;
    console.log(row(['client', 'wall time (s)', 'feedback calls', 'of them 429', 'rows/s']));
    console.log(row(['---', '---', '---', '---', '---']));
    for (const [name, m, posts] of [
      ['ours, adaptive (8 at most)', adaptive, adaptivePosts],
      ['baseline, fixed 8, honours Retry-After', fixed, fixedPosts],
    ] as const) {
      console.log(row([name, m.seconds.toFixed(2), posts.length, posts.filter((r) => r.status === 429).length, Math.round(RATE_ROWS / m.seconds)]));
    }
    console.log(`The limit allows ${RATE_LIMIT * 500} rows/s: no client can take less than ${floor.toFixed(1)} s.`);
  } finally {
    await emulator.close();
    await rm(work, { recursive: true, force: true });
  }
}
