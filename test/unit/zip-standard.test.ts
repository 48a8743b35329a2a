// The archive is a standard ZIP by three independent readers: Info-ZIP's `unzip -t`, yauzl (the
// emulator's reader) and Python's zipfile, including zip64 past 65,535 entries.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, open, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listZip } from '../../emulator/zip-check.js';
import { listFiles, streamFiles } from '../../src/archive/files.js';
import { writeZip, type ZipSource } from '../../src/archive/zip.js';

const PYTHON_READ = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    infos = z.infolist()
    out = {"bad": bad, "count": len(infos), "entries": [
        {"name": i.filename, "utf8": bool(i.flag_bits & 0x800), "method": i.compress_type, "size": i.file_size,
         "mode": i.external_attr >> 16, "date": list(i.date_time)} for i in infos[:50]]}
    if len(infos) <= 50:
        out["text"] = {i.filename: z.read(i).decode("latin1")[:40] for i in infos if i.file_size < 100}
print(json.dumps(out))
`;

function pythonRead(file: string) {
  const run = spawnSync('python3', ['-c', PYTHON_READ, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as {
    bad: string | null;
    count: number;
    entries: { name: string; utf8: boolean; method: number; size: number; mode: number; date: number[] }[];
    text?: Record<string, string>;
  };
}

function unzipTest(file: string): string {
  const run = spawnSync('unzip', ['-t', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.status).toBe(0);
  return run.stdout;
}

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'zip-std-'));

describe('the archive, read by unzip, yauzl and Python zipfile', () => {
  it('holds every kind of entry the action packages, stored or deflated as fits', async () => {
    const root = await tmp();
    const text = 'export function render(props) { return props.children; }\n'.repeat(200);
    await writeFile(path.join(root, 'app.js'), text);
    await writeFile(path.join(root, 'empty.txt'), '');
    await writeFile(path.join(root, 'logo.png'), text); // stored by its type, even though it would compress
    await writeFile(path.join(root, 'noise.bin'), randomBytes(64 * 1024)); // stored: the sample looks random
    await writeFile(path.join(root, 'café.txt'), 'crème');
    await writeFile(path.join(root, 'run.sh'), '#!/bin/sh\necho hi\n');
    await chmod(path.join(root, 'run.sh'), 0o755);
    await symlink('app.js', path.join(root, 'link.js'));
    // Over 8 MB: streamed through zlib, with a data descriptor.
    await writeFile(path.join(root, 'big.js'), text.repeat(800));
    const listing = await listFiles(root, { ignoreFile: '.konigleignore', exclude: [] });
    const out = path.join(await tmp(), 'app.zip');
    await writeZip(listing.entries, out, 1024 ** 3);

    expect(unzipTest(out)).toContain('No errors detected');
    const py = pythonRead(out);
    expect(py.bad).toBeNull();
    const byName = Object.fromEntries(py.entries.map((e) => [e.name, e]));
    expect(Object.keys(byName)).toEqual(['app.js', 'big.js', 'café.txt', 'empty.txt', 'link.js', 'logo.png', 'noise.bin', 'run.sh']);
    expect(byName['app.js']).toMatchObject({ method: 8, size: text.length, mode: 0o100644, date: [1980, 1, 1, 0, 0, 0], utf8: false });
    expect(byName['big.js']).toMatchObject({ method: 8, size: text.length * 800 });
    expect(byName['café.txt']).toMatchObject({ utf8: true });
    expect(byName['logo.png'].method).toBe(0);
    expect(byName['noise.bin'].method).toBe(0);
    expect(byName['run.sh'].mode).toBe(0o100755);
    expect(byName['link.js'].mode).toBe(0o120777);
    expect(py.text).toMatchObject({ 'link.js': 'app.js', 'café.txt': 'crÃ¨me', 'empty.txt': '' });

    const yauzl = await listZip(out);
    expect(yauzl.map((e) => [e.name, e.symlink, e.mode])).toContainEqual(['link.js', true, 0o777]);
    expect(yauzl.find((e) => e.name === 'big.js')?.size).toBe(text.length * 800);
  });

  it('packages a tree as it is listed, with workers, size-bounded batches, and big files and links in between', async () => {
    const root = await tmp();
    // First in order: 70 incompressible 64 KB files, more than one batch's byte bound, so the batch is cut and resumed.
    await mkdir(path.join(root, 'blobs'));
    for (let i = 0; i < 70; i++) await writeFile(path.join(root, 'blobs', `b${String(i).padStart(2, '0')}.bin`), randomBytes(64 * 1024));
    // Then 1,200 small files in 12 folders: enough to start the workers.
    for (let d = 0; d < 12; d++) {
      await mkdir(path.join(root, `m${String(d).padStart(2, '0')}`));
      for (let i = 0; i < 100; i++)
        await writeFile(path.join(root, `m${String(d).padStart(2, '0')}`, `f${i}.js`), `export const v${d}_${i} = ${i};\n`.repeat(1 + (i % 9)));
    }
    await writeFile(path.join(root, 'm05', 'zz-big.txt'), 'streamed on the writer thread, between batches\n'.repeat(200_000)); // 9.4 MB
    await symlink('f30.js', path.join(root, 'm03', 'link.js'));
    await writeFile(path.join(root, 'm10', 'run.sh'), '#!/bin/sh\n');
    await chmod(path.join(root, 'm10', 'run.sh'), 0o755);
    const options = { ignoreFile: '.konigleignore', exclude: [] };

    const dir = await tmp();
    const listing = await streamFiles(root, options);
    const streamed = await writeZip(listing.chunks, path.join(dir, 'streamed.zip'), 1024 ** 3);
    const whole = await writeZip((await listFiles(root, options)).entries, path.join(dir, 'whole.zip'), 1024 ** 3);

    expect(streamed.sha256).toBe(whole.sha256);
    expect(streamed.files).toBe(70 + 1200 + 3);
    expect(unzipTest(path.join(dir, 'streamed.zip'))).toContain('No errors detected'); // every CRC checked
    const entries = await listZip(path.join(dir, 'streamed.zip'));
    expect(entries.map((e) => e.name)).toEqual((await listFiles(root, options)).entries.map((e) => e.name));
    expect(entries.find((e) => e.name === 'm05/zz-big.txt')?.size).toBe(9_400_000);
    expect(entries.find((e) => e.name === 'm03/link.js')).toMatchObject({ symlink: true, mode: 0o777 });
    expect(entries.find((e) => e.name === 'm10/run.sh')?.mode).toBe(0o755);
    expect(entries.find((e) => e.name === 'm10/f1.js')?.mode).toBe(0o644);
    await rm(root, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a name as raw bytes, flagging UTF-8 only when the bytes are UTF-8', async () => {
    const root = await tmp();
    await writeFile(path.join(root, 'a'), 'latin-1 named');
    const entry = (name: string | Buffer): ZipSource => ({ name, absolute: path.join(root, 'a'), kind: 'file' });
    const out = path.join(await tmp(), 'app.zip');
    await writeZip([entry(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x78, 0x74])), entry(Buffer.from('naïve.txt'))], out, 1024 ** 2);
    unzipTest(out);
    const py = pythonRead(out);
    expect(py.entries.map((e) => [e.name, e.utf8])).toEqual([
      ['cafΘ.txt', false], // not UTF-8: readers fall back to code page 437, as for any unflagged name
      ['naïve.txt', true],
    ]);
  });

  it('switches to zip64 past 65,535 entries, and gives the same bytes twice', async () => {
    const root = await tmp();
    await writeFile(path.join(root, 'tiny.js'), 'export default 1;\n');
    const count = 65_540;
    const entries: ZipSource[] = Array.from({ length: count }, (_, i) => ({
      name: `m/${String(i).padStart(5, '0')}.js`,
      absolute: path.join(root, 'tiny.js'),
      kind: 'file',
    }));
    const dir = await tmp();
    const first = await writeZip(entries, path.join(dir, 'one.zip'), 1024 ** 3);
    const second = await writeZip(entries, path.join(dir, 'two.zip'), 1024 ** 3);
    expect(second.sha256).toBe(first.sha256);
    const out = path.join(dir, 'one.zip');
    expect(unzipTest(out)).toContain('No errors detected');
    const py = pythonRead(out);
    expect(py.bad).toBeNull();
    expect(py.count).toBe(count);
    expect((await listZip(out)).length).toBe(count);
    await rm(dir, { recursive: true, force: true });
  });

  // Opt-in: deflating 4.3 GB of a sparse file takes a minute on a shared runner.
  const large = process.env.ZIP64_LARGE_TEST === '1' ? it : it.skip;
  large(
    'writes an entry over 4 GB with zip64 sizes (ZIP64_LARGE_TEST=1)',
    async () => {
      const root = await tmp();
      const size = 4 * 1024 ** 3 + 1234;
      const handle = await open(path.join(root, 'huge.dat'), 'w');
      await handle.truncate(size);
      await handle.close();
      await writeFile(path.join(root, 'z.txt'), 'after the big one');
      const listing = await listFiles(root, { ignoreFile: '.konigleignore', exclude: [] });
      const out = path.join(await tmp(), 'app.zip');
      await writeZip(listing.entries, out, 8 * 1024 ** 3);
      unzipTest(out);
      const py = pythonRead(out);
      expect(py.bad).toBeNull();
      expect(py.entries.map((e) => [e.name, e.size])).toEqual([
        ['huge.dat', size],
        ['z.txt', 17],
      ]);
      expect((await listZip(out)).map((e) => e.size)).toEqual([size, 17]);
      expect((await readFile(out)).length).toBeLessThan(size / 100);
      await rm(root, { recursive: true, force: true });
    },
    600_000,
  );
});
