// Packaging 10,000 files / 200 MB: our packager next to `zip -r -q` on the same tree.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, row } from './measure.js';

const FILES = 10_000;
const TOTAL = 200 * 1024 * 1024;
const WORDS = 'const let function return import export from await async class extends render state props div span'.split(' ');

/** 80% source-like text (compressible), 20% binary assets (not). */
async function makeTree(root: string): Promise<void> {
  const size = Math.floor(TOTAL / FILES);
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(root, `pkg${i % 100}`, `mod${i % 7}`);
    if (i < 700) await mkdir(dir, { recursive: true });
    let content: Buffer;
    if (i % 5 === 4) content = randomBytes(size);
    else {
      const parts: string[] = [];
      let length = 0;
      while (length < size) {
        const word = WORDS[Math.floor(Math.random() * WORDS.length)] + (Math.random() < 0.1 ? '\n' : ' ');
        parts.push(word);
        length += word.length;
      }
      content = Buffer.from(parts.join('').slice(0, size));
    }
    await writeFile(path.join(dir, `file${i}.${i % 5 === 4 ? 'png' : 'js'}`), content);
  }
}

export async function benchPackage(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-package-'));
  const tree = path.join(work, 'tree');
  try {
    console.log(`\n## Packaging ${FILES.toLocaleString()} files / ${TOTAL / 1024 / 1024} MB`);
    await makeTree(tree);
    const node = await measure([process.execPath, '-e', '0']);
    const ours = await measure([process.execPath, '--import', 'tsx', path.join(here, 'package-once.ts'), tree, path.join(work, 'ours.zip')]);
    const zip = await measure(['zip', '-r', '-q', path.join(work, 'zip.zip'), '.'], { cwd: tree });
    const oursSize = (await stat(path.join(work, 'ours.zip'))).size;
    const zipSize = (await stat(path.join(work, 'zip.zip'))).size;
    console.log(row(['tool', 'wall time (s)', 'peak RSS (MB)', 'archive (MB)']));
    console.log(row(['---', '---', '---', '---']));
    console.log(row(['ours (archiver, level 6)', ours.seconds.toFixed(2), ours.peakRssMb.toFixed(0), (oursSize / 1024 ** 2).toFixed(1)]));
    console.log(row(['zip -r -q (level 6)', zip.seconds.toFixed(2), zip.peakRssMb.toFixed(0), (zipSize / 1024 ** 2).toFixed(1)]));
    console.log(row(['node -e 0 (baseline RSS)', node.seconds.toFixed(2), node.peakRssMb.toFixed(0), '']));
    console.log(`ours / zip time: ${(ours.seconds / zip.seconds).toFixed(2)}×`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
