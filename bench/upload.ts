// Uploading a 1 GB archive to the emulator: our streamed multipart upload next to `curl -F` sending
// the same file to the same endpoint, then a whole deploy through dist/index.js for its peak RSS.
// The emulator runs in this process; its RSS is sampled throughout (it spools uploads to disk).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/server.js';
import { ROOT } from '../scripts/run-action.js';
import { bundled, measure, row, runnerEnv } from './measure.js';

const KEY = 'konigle-bench-key';
const GB = 1024 ** 3;

/** ~1 GB that will not compress: 8 files of 100 MB (streamed) and 2,400 of 100 KB (batched on workers). */
async function makeTree(root: string): Promise<void> {
  await mkdir(path.join(root, 'media'), { recursive: true });
  await mkdir(path.join(root, 'assets'), { recursive: true });
  for (let i = 0; i < 8; i++) await writeFile(path.join(root, 'media', `clip${i}.bin`), randomBytes(100 * 1024 ** 2));
  for (let i = 0; i < 2400; i++) await writeFile(path.join(root, 'assets', `a${i}.bin`), randomBytes(100 * 1024));
}

export async function benchUpload(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-upload-'));
  const emulator = await startEmulator();
  let emulatorPeak = 0;
  const sampler = setInterval(() => (emulatorPeak = Math.max(emulatorPeak, process.memoryUsage().rss)), 50);
  try {
    emulator.konigle.config.apiKeys = [KEY];
    const { uat } = emulator.konigle.seedWebApp({ name: 'bench' });
    const tree = path.join(work, 'tree');
    await makeTree(tree);
    const zip = path.join(work, 'app.zip');
    const packaged = await measure([process.execPath, await bundled(path.join(here, 'package-once.ts'), work), tree, zip]);
    const size = (await stat(zip)).size;
    const gb = (size / GB).toFixed(2);
    const endpoint = `${emulator.urls.konigle}/cloud/api/v1/spaces/${uat.id}/deploy`;
    const rssBefore = process.memoryUsage().rss;
    emulatorPeak = 0;
    console.log(`\n## Upload: a ${gb} GB archive to the emulator (load average before: ${os.loadavg()[0].toFixed(2)})`);
    console.log(`(packaged in ${packaged.seconds.toFixed(2)} s, peak RSS ${packaged.peakRssMb.toFixed(0)} MB)`);

    const curl = await measure([
      'curl',
      '-sS',
      '-f',
      '-o',
      '/dev/null',
      '-H',
      `Authorization: Token ${KEY}`,
      '-F',
      'display_name=bench',
      '-F',
      `file=@${zip};type=application/zip`,
      endpoint,
    ]);
    const ours = await measure([process.execPath, await bundled(path.join(here, 'upload-once.ts'), work), emulator.urls.konigle, KEY, uat.id, zip]);
    const oursSeconds = Number((JSON.parse(ours.stdout) as { seconds: number }).seconds);

    const env = await runnerEnv(
      work,
      {
        command: 'deploy',
        'api-key': KEY,
        'api-url': emulator.urls.konigle,
        'space-id': uat.id,
        wait: 'false',
        'max-archive-size': '2GB',
        'job-summary': 'false',
        'github-deployment': 'false',
      },
      tree,
    );
    const action = await measure([process.execPath, path.join(ROOT, 'dist/index.js')], { cwd: tree, env });
    if (!/Deployment \S+ created/.test(action.stdout)) throw new Error(`the deploy did not go through:\n${action.stdout.slice(-2000)}`);
    const uploads = [...emulator.konigle.deployments.values()].map((d) => d.upload?.size);
    if (uploads.some((s) => s !== size)) throw new Error(`the emulator received ${uploads.join(', ')} bytes, not ${size}`);

    const mbps = (seconds: number) => (size / 1024 ** 2 / seconds).toFixed(0);
    console.log(row(['client', 'upload (s)', 'MB/s', 'peak RSS (MB)']));
    console.log(row(['---', '---', '---', '---']));
    console.log(row(['ours (KonigleHttp.upload via deployToSpace)', oursSeconds.toFixed(2), mbps(oursSeconds), ours.peakRssMb.toFixed(0)]));
    console.log(row(['curl -F (baseline)', curl.seconds.toFixed(2), mbps(curl.seconds), curl.peakRssMb.toFixed(0)]));
    console.log(row(['whole deploy, dist/index.js (package + upload, wait: false)', action.seconds.toFixed(2), '', action.peakRssMb.toFixed(0)]));
    console.log(
      `ours / curl throughput: ${(curl.seconds / oursSeconds).toFixed(2)}×. Targets: action peak RSS ≤ 150 MB. ` +
        `Emulator (this process): RSS ${(rssBefore / 1024 ** 2).toFixed(0)} MB before, peak ${(emulatorPeak / 1024 ** 2).toFixed(0)} MB during three ${gb} GB uploads.`,
    );
  } finally {
    clearInterval(sampler);
    await emulator.close();
    await rm(work, { recursive: true, force: true });
  }
}
