// Start-up: the time from spawning `node dist/index.js` to its first HTTP request at the emulator,
// median of 20, next to `node -e 0` (node's own start, median of 20) measured in the same run; and
// the bundle's size. Commands: feedback (first request: the Konan login) and promote (first
// request: reading the web app); bad input (time to exit, there is no request).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { emulatorControl } from '../scripts/emulator-control.js';
import { ROOT } from '../scripts/run-action.js';
import { row, runnerEnv } from './measure.js';

const RUNS = 20;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs node with these args and env; resolves with ms to the first emulator request (or to exit when none), and the exit. */
function timeRun(emulator: Emulator | undefined, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    if (emulator) emulator.requests.length = 0;
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', () => {
      const first = emulator?.requests[0];
      if (emulator && !first) return reject(new Error(`no request was made: ${stderr.slice(-500)}`));
      resolve(first ? Date.parse(first.at) - started : Date.now() - started);
    });
  });
}

export async function benchStartup(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-startup-'));
  const emulator = await startEmulator();
  try {
    const control = <T = unknown>(route: string, body?: unknown) => emulatorControl<T>(emulator.urls.control, 'POST', route, body);
    const { uuid: deployment } = await control<{ uuid: string }>('/konan/deployments', { name: 'startup' });
    const { uuids } = await control<{ uuids: string[] }>('/konan/predictions', { deployment, count: 1 });
    await control('/konigle/config', { apiKeys: ['kk_bench'] });
    const app = await control<{ webapp_id: string }>('/konigle/webapps', { name: 'shop' });
    await writeFile(path.join(work, 'f.jsonl'), `{"prediction_uuid":"${uuids[0]}","target":1}\n`);
    const base = await runnerEnv(work, { 'job-summary': 'false', 'github-deployment': 'false' });
    const index = path.join(ROOT, 'dist/index.js');
    const cases: [string, Emulator | undefined, string[], NodeJS.ProcessEnv][] = [
      ['`node -e 0` (baseline: node alone, to exit)', undefined, ['-e', '0'], base],
      [
        'feedback, to the first request (Konan login)',
        emulator,
        [index],
        {
          ...base,
          INPUT_COMMAND: 'feedback',
          'INPUT_KONAN-API-KEY': 'konan-demo-key',
          'INPUT_KONAN-API-URL': emulator.urls.konan,
          'INPUT_KONAN-AUTH-URL': emulator.urls.konan,
          'INPUT_KONAN-DEPLOYMENT-ID': deployment,
          'INPUT_FEEDBACK-FILE': 'f.jsonl',
          'INPUT_FEEDBACK-REPORT': path.join(work, 'r.jsonl'),
        },
      ],
      [
        'promote, to the first request (Konigle)',
        emulator,
        [index],
        {
          ...base,
          INPUT_COMMAND: 'promote',
          'INPUT_API-KEY': 'kk_bench',
          'INPUT_API-URL': emulator.urls.konigle,
          'INPUT_WEBAPP-ID': app.webapp_id,
          'INPUT_POLL-INTERVAL': '100ms',
        },
      ],
      ['bad input, to exit', undefined, [index], { ...base, INPUT_COMMAND: 'nonsense' }],
    ];
    const results: [string, number][] = [];
    for (const [name, emu, args, env] of cases) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await timeRun(emu, args, env, work));
      results.push([name, median(times)]);
    }
    const nodeAlone = results[0][1];
    const dist = await readdir(path.join(ROOT, 'dist'));
    const scripts = dist.filter((f) => f.endsWith('.js'));
    const sizes = await Promise.all(scripts.map(async (f) => [f, (await stat(path.join(ROOT, 'dist', f))).size] as const));
    const total = sizes.reduce((n, [, s]) => n + s, 0);
    const entry = sizes.find(([f]) => f === 'index.js')?.[1] ?? 0;

    console.log(`\n## Start-up: median of ${RUNS} runs`);
    console.log(row(['what', 'median (ms)', 'over `node -e 0` (ms)']));
    console.log(row(['---', '---', '---']));
    for (const [name, ms] of results) console.log(row([name, ms, name.startsWith('`node') ? '' : ms - nodeAlone]));
    console.log(
      `Target: ≤ 100 ms over node's own start. Bundle: dist/index.js ${(entry / 1024).toFixed(0)} KB loaded at start; ${scripts.length} .js files, ${(total / 1024).toFixed(0)} KB in all.`,
    );
  } finally {
    await emulator.close();
    await rm(work, { recursive: true, force: true });
  }
}
