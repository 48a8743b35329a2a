// Packaging: our writer (list + ZIP, as the action does it) next to `zip -r -q -6` on the same
// tree, in the same run: wall and CPU time, peak RSS, archive size. `BENCH_PACKAGE_TREES=ac` picks
// trees; `BENCH_PACKAGE_EXTRA=path/to/once.js` adds another packager (how archiver was compared).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundled, type Measure, measure, row } from './measure.js';
import { TREES } from './trees.js';

const best = (list: Measure[]) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const mb = (n: number) => (n / 1024 ** 2).toFixed(1);

export async function benchPackage(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const pick = process.env.BENCH_PACKAGE_TREES ?? 'abc';
  const extra = process.env.BENCH_PACKAGE_EXTRA;
  console.log(`\n## Packaging (${os.availableParallelism()} cores, load average before: ${os.loadavg()[0].toFixed(2)})`);
  console.log('Best of 2 alternated runs each; "ours / zip" is wall time, "CPU" is user+system seconds.');
  console.log(row(['tree', 'tool', 'wall (s)', 'CPU (s)', 'ours / zip wall', 'ours / zip CPU', 'target', 'peak RSS (MB)', 'archive (MB)', 'size / zip']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']));
  for (const tree of TREES.filter((t) => pick.includes(t.key))) {
    const work = await mkdtemp(path.join(os.tmpdir(), 'bench-package-'));
    try {
      const root = path.join(work, 'tree');
      await tree.make(root);
      const tools: { name: string; file: string; command: string[]; cwd?: string; runs: Measure[] }[] = [
        { name: 'zip -r -q -6', file: path.join(work, 'zip.zip'), command: ['zip', '-r', '-q', '-6', path.join(work, 'zip.zip'), '.'], cwd: root, runs: [] },
        {
          name: 'ours',
          file: path.join(work, 'ours.zip'),
          command: [process.execPath, await bundled(path.join(here, 'package-once.ts'), work), root, path.join(work, 'ours.zip')],
          runs: [],
        },
      ];
      if (extra)
        tools.push({
          name: path.basename(path.dirname(extra)),
          file: path.join(work, 'extra.zip'),
          command: [process.execPath, extra, root, path.join(work, 'extra.zip')],
          runs: [],
        });
      for (let i = 0; i < 2; i++) {
        for (const tool of tools) {
          await rm(tool.file, { force: true });
          tool.runs.push(await measure(tool.command, { cwd: tool.cwd }));
        }
      }
      const zip = best(tools[0].runs);
      const zipSize = (await stat(tools[0].file)).size;
      for (const tool of tools) {
        const m = best(tool.runs);
        const size = (await stat(tool.file)).size;
        const vsZip = tool === tools[0] ? ['', ''] : [`${(m.seconds / zip.seconds).toFixed(2)}×`, `${(m.cpuSeconds / zip.cpuSeconds).toFixed(2)}×`];
        const rss = Math.max(...tool.runs.map((r) => r.peakRssMb)).toFixed(0);
        console.log(
          row([
            tree.label,
            tool.name,
            m.seconds.toFixed(2),
            m.cpuSeconds.toFixed(2),
            ...vsZip,
            tool === tools[0] ? '' : `≤ ${tree.target}×`,
            rss,
            mb(size),
            (size / zipSize).toFixed(3),
          ]),
        );
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  console.log(`(load average after: ${os.loadavg()[0].toFixed(2)}; targets: peak RSS ≤ 150 MB, size ≤ 1.02 × zip)`);
}
