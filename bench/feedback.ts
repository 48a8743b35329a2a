// 1,000,000 feedback rows (JSONL) through dist/index.js against the emulator: rows per second and
// peak RSS, next to a bare client that only batches and POSTs the same file.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/server.js';
import { emulatorControl } from '../scripts/emulator-control.js';
import { ROOT } from '../scripts/run-action.js';
import { measure, row } from './measure.js';

const ROWS = Number(process.env.BENCH_FEEDBACK_ROWS ?? 1_000_000);
const KEY = 'konan-demo-key';

const control = (base: string, route: string, body: unknown) => emulatorControl(base, 'POST', route, body);

async function seed(controlUrl: string, uuids: string[]): Promise<string> {
  const { uuid } = await control(controlUrl, '/konan/deployments', { name: 'bench' });
  for (let i = 0; i < uuids.length; i += 100_000) await control(controlUrl, '/konan/predictions', { deployment: uuid, uuids: uuids.slice(i, i + 100_000) });
  return uuid;
}

export async function benchFeedback(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-feedback-'));
  const emulator = await startEmulator();
  try {
    console.log(`\n## Konan feedback: ${ROWS.toLocaleString('en-US')} rows (JSONL), batches of 500, 4 in flight`);
    const uuids = Array.from({ length: ROWS }, () => randomUUID());
    const file = path.join(work, 'feedback.jsonl');
    const out = createWriteStream(file);
    for (let i = 0; i < ROWS; i++) {
      if (!out.write(`{"prediction_uuid":"${uuids[i]}","target":{"prediction":${i % 2},"label":"class-${i % 7}"}}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    console.log(`file: ${((await stat(file)).size / 1024 ** 2).toFixed(0)} MB`);

    const baselineDeployment = await seed(emulator.urls.control, uuids);
    const baseline = await measure([process.execPath, '--import', 'tsx', path.join(here, 'feedback-baseline.ts'), file, emulator.urls.konan, KEY, baselineDeployment, '500', '4']);

    const deployment = await seed(emulator.urls.control, uuids);
    await writeFile(path.join(work, 'event.json'), '{}');
    await writeFile(path.join(work, 'output'), '');
    const env = {
      PATH: process.env.PATH,
      RUNNER_TEMP: work,
      GITHUB_WORKSPACE: work,
      GITHUB_OUTPUT: path.join(work, 'output'),
      GITHUB_EVENT_PATH: path.join(work, 'event.json'),
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'acme/shop',
      INPUT_COMMAND: 'feedback',
      'INPUT_KONAN-API-KEY': KEY,
      'INPUT_KONAN-API-URL': emulator.urls.konan,
      'INPUT_KONAN-AUTH-URL': emulator.urls.konan,
      'INPUT_KONAN-DEPLOYMENT-ID': deployment,
      'INPUT_FEEDBACK-FILE': 'feedback.jsonl',
      'INPUT_JOB-SUMMARY': 'false',
    };
    const ours = await measure([process.execPath, ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), path.join(ROOT, 'dist/index.js')], { cwd: work, env });
    const accepted = /Konan feedback: (\d+) rows: (\d+) accepted/.exec(ours.stdout);
    if (!accepted || Number(accepted[2]) !== ROWS) throw new Error(`the action did not accept every row:\n${ours.stdout.slice(-1500)}`);
    const sendRate = /at (\d+) rows\/s/.exec(ours.stdout.split('\n').filter((l) => l.includes('rows/s')).pop() ?? '');

    console.log(row(['client', 'wall time (s)', 'rows/s (whole run)', 'peak RSS (MB)']));
    console.log(row(['---', '---', '---', '---']));
    console.log(row(['ours (dist/index.js: check pass + send, report, accounting)', ours.seconds.toFixed(2), Math.round(ROWS / ours.seconds), ours.peakRssMb.toFixed(0)]));
    console.log(row(['baseline (read, batch, POST only)', baseline.seconds.toFixed(2), Math.round(ROWS / baseline.seconds), baseline.peakRssMb.toFixed(0)]));
    console.log(`ours, sending phase alone: ${sendRate?.[1] ?? '?'} rows/s. Targets: ≥ 100,000 rows/s, peak RSS ≤ 200 MB.`);
  } finally {
    await emulator.close();
    await rm(work, { recursive: true, force: true });
  }
}
