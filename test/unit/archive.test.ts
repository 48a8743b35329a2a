import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listZip } from '../../emulator/zip-check.js';
import { listFiles } from '../../src/archive/files.js';
import { ArchiveTooLargeError, writeZip } from '../../src/archive/zip.js';
import { readInputs } from '../../src/inputs.js';
import { packageWorkspace } from '../../src/pipeline/package.js';
import { newResult } from '../../src/result.js';
import { makeTree } from '../helpers/action.js';

const defaults = { ignoreFile: '.konigleignore', exclude: [] as string[] };
const tmp = () => mkdtemp(path.join(os.tmpdir(), 'zip-out-'));

async function zipOf(root: string, options = defaults) {
  const listing = await listFiles(root, options);
  const out = path.join(await tmp(), 'app.zip');
  const result = await writeZip(listing.entries, out, 100 * 1024 ** 2);
  return { ...result, listing, out, entries: await listZip(await readFile(out)) };
}

describe('listFiles', () => {
  it('always leaves out .git, applies the ignore file and exclude patterns in gitignore syntax', async () => {
    const root = await makeTree({
      '.git/HEAD': 'ref',
      '.konigleignore': 'node_modules/\n*.log\n!keep.log\n/secret.env\n',
      'index.js': 'x',
      'debug.log': 'x',
      'keep.log': 'x',
      'secret.env': 'x',
      'src/secret.env': 'nested: only the root one is anchored',
      'node_modules/a/index.js': 'x',
      'src/app.js': 'x',
      'tests/a.test.js': 'x',
      'docs/build/out.html': 'x',
    });
    const listing = await listFiles(root, { ignoreFile: '.konigleignore', exclude: ['tests/', 'docs/**/out.html'] });
    expect(listing.ignoreFileUsed).toBe(true);
    expect(listing.entries.map((e) => e.name)).toEqual(['.konigleignore', 'index.js', 'keep.log', 'src/app.js', 'src/secret.env']);
  });

  it('works without an ignore file', async () => {
    const root = await makeTree({ 'a.txt': 'x', 'b/c.txt': 'y' });
    const listing = await listFiles(root, defaults);
    expect(listing.ignoreFileUsed).toBe(false);
    expect(listing.entries.map((e) => e.name)).toEqual(['a.txt', 'b/c.txt']);
  });

  it('lists in the order of the full paths, though it walks folder by folder', async () => {
    const root = await makeTree({ 'a/b.js': 'x', 'a-c.js': 'x', 'a.js': 'x', 'ab/x.js': 'x', 'a/z/y.js': 'x', 'a/b-c.js': 'x', 'Z.js': 'x' });
    const names = (await listFiles(root, defaults)).entries.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(['Z.js', 'a-c.js', 'a.js', 'a/b-c.js', 'a/b.js', 'a/z/y.js', 'ab/x.js']);
  });

  it('applies a folder rule to folders only, at any depth', async () => {
    const root = await makeTree({ '.konigleignore': 'build/\n', build: 'a file named build stays', 'sub/build/out.js': 'x', 'sub/builder.js': 'x' });
    const listing = await listFiles(root, defaults);
    expect(listing.entries.map((e) => e.name)).toEqual(['.konigleignore', 'build', 'sub/builder.js']);
  });

  it('keeps symlinks inside the folder as links and skips those pointing outside', async () => {
    const outside = await makeTree({ passwd: 'root:x' });
    const root = await makeTree({
      'config/real.json': '{}',
      'current.json': { link: 'config/real.json' },
      escape: { link: path.join(outside, 'passwd') },
      up: { link: '../' },
      outdir: { link: outside },
    });
    const listing = await listFiles(root, defaults);
    expect(listing.entries.map((e) => [e.name, e.kind, e.target])).toEqual([
      ['config/real.json', 'file', undefined],
      ['current.json', 'symlink', 'config/real.json'],
    ]);
    expect(listing.skipped).toHaveLength(3);
    expect(listing.skipped.join('\n')).toContain('escape: symlink to');
  });
});

describe('writeZip', () => {
  it('stores the listed files, modes and symlinks', async () => {
    const root = await makeTree({ 'run.sh': '#!/bin/sh', 'a.txt': 'hello', link: { link: 'a.txt' } });
    await chmod(path.join(root, 'run.sh'), 0o755);
    const zip = await zipOf(root);
    expect(zip.files).toBe(3);
    expect(zip.size).toBe((await stat(zip.out)).size);
    expect(zip.entries).toEqual([
      { name: 'a.txt', size: 5, symlink: false, mode: 0o644 },
      { name: 'link', size: 5, symlink: true, mode: 0o777 },
      { name: 'run.sh', size: 9, symlink: false, mode: 0o755 },
    ]);
  });

  it('gives the same bytes for the same tree, whatever the mtimes or time zone', async () => {
    const root = await makeTree({ 'a.txt': 'one', 'b/c.txt': 'two', 'b/d.txt': 'three' });
    const first = await zipOf(root);
    await utimes(path.join(root, 'a.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    const second = await zipOf(root);
    process.env.TZ = zone;
    expect(second.sha256).toBe(first.sha256);
    await writeFile(path.join(root, 'a.txt'), 'changed');
    expect((await zipOf(root)).sha256).not.toBe(first.sha256);
  });

  it('fails cleanly when a file vanishes between listing and zipping', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${String(i).padStart(2, '0')}.txt`, `file ${i}`]));
    const root = await makeTree(files);
    const listing = await listFiles(root, defaults);
    await rm(path.join(root, 'f30.txt'));
    const out = path.join(await tmp(), 'app.zip');
    await expect(writeZip(listing.entries, out, 10 * 1024 ** 2)).rejects.toThrow('f30.txt');
    await expect(stat(out)).rejects.toThrow('ENOENT');
  });

  it('stops past the size limit and leaves no partial file behind', async () => {
    const root = await makeTree({ 'noise.bin': randomBytes(64 * 1024).toString('base64') });
    const listing = await listFiles(root, defaults);
    const out = path.join(await tmp(), 'app.zip');
    await expect(writeZip(listing.entries, out, 10 * 1024)).rejects.toThrow(ArchiveTooLargeError);
    await expect(stat(out)).rejects.toThrow('ENOENT');
  });

  it('stops past the size limit inside a big file it streams, naming the limit', async () => {
    // Over 8 MB and compressible: deflated on the writer's thread as a stream.
    const root = await makeTree({ 'big.txt': randomBytes(7 * 1024 ** 2).toString('base64') });
    const out = path.join(await tmp(), 'app.zip');
    await expect(writeZip((await listFiles(root, defaults)).entries, out, 1024 ** 2)).rejects.toThrow(ArchiveTooLargeError);
    await expect(stat(out)).rejects.toThrow('ENOENT');
  });

  it("fails with the listing's own error when the walk breaks off partway, writing nothing more", async () => {
    // A file over 8 MB keeps the writer streaming it (busy, not waiting on the listing) when the walk fails.
    const root = await makeTree({ 'a/big.txt': 'streamed while the walk fails\n'.repeat(400_000), 'a/small.txt': 'x' });
    const listed = (await listFiles(root, defaults)).entries;
    async function* brokenWalk() {
      yield listed;
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error("EACCES: permission denied, scandir 'b'");
    }
    const out = path.join(await tmp(), 'app.zip');
    await expect(writeZip(brokenWalk(), out, 10 * 1024 ** 2)).rejects.toThrow("EACCES: permission denied, scandir 'b'");
    await expect(stat(out)).rejects.toThrow('ENOENT');
  });

  it('keeps the process alive when the walk fails while the writer is busy (no unhandled rejection)', async () => {
    // Jest's own process would swallow an unhandled rejection: a child process shows it, as the runner would.
    const root = await makeTree(
      Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`a/f${String(i).padStart(3, '0')}.txt`, randomBytes(45_000).toString('base64')])),
    );
    const script = path.join(await tmp(), 'walk.mts');
    await writeFile(
      script,
      `import { listFiles } from ${JSON.stringify(path.resolve('src/archive/files.ts'))};
import { writeZip } from ${JSON.stringify(path.resolve('src/archive/zip.ts'))};
const listed = (await listFiles(${JSON.stringify(root)}, { ignoreFile: '.konigleignore', exclude: [] })).entries;
async function* brokenWalk() {
  yield listed;
  await new Promise((resolve) => setImmediate(resolve));
  throw new Error('walk failed');
}
await writeZip(brokenWalk(), ${JSON.stringify(path.join(root, 'out.zip'))}, 1e9).catch((error) => console.log('reported: ' + error.message));`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(child.stderr).not.toContain('walk failed');
    expect(child.stdout.trim()).toBe('reported: walk failed');
    expect(child.status).toBe(0);
  });
});

describe('packageWorkspace', () => {
  const run = { repository: 'a/b', sha: 'x', ref: '', event: 'push', runId: 1, runNumber: 1, runAttempt: 1, runUrl: '' };
  const inputsFor = (values: Record<string, string>) => readInputs((n) => values[n] ?? '', {});

  it('refuses when everything is ignored, saying so', async () => {
    const root = await makeTree({ '.git/HEAD': 'x', 'a.log': 'x' });
    const result = newResult(run, 'deploy');
    await expect(packageWorkspace(inputsFor({ exclude: '*.log' }), result, root, await tmp())).rejects.toThrow("Nothing to package in '.'");
    expect(result.stages.package?.status).toBe('failure');
  });

  it('reports what the listing found even when the archive turns out too big', async () => {
    const root = await makeTree({ '.env': 'SECRET=1', 'noise.txt': randomBytes(64 * 1024).toString('base64') });
    const result = newResult(run, 'deploy');
    await expect(packageWorkspace(inputsFor({ 'max-archive-size': '10KB' }), result, root, await tmp())).rejects.toThrow(ArchiveTooLargeError);
    expect(result.warnings.join('\n')).toContain('1 packaged file(s) look like credentials and will be uploaded: .env.');
  });

  it('names the path input when it is not a folder', async () => {
    const root = await makeTree({ 'a.txt': 'x' });
    await expect(packageWorkspace(inputsFor({ path: 'missing' }), newResult(run, 'deploy'), root, await tmp())).rejects.toThrow("Input 'path' is 'missing'");
  });

  it('records the archive facts on the result', async () => {
    const root = await makeTree({ 'site/index.html': '<h1>hi</h1>', 'other.txt': 'x' });
    const result = newResult(run, 'deploy');
    const archive = await packageWorkspace(inputsFor({ path: 'site' }), result, root, await tmp());
    expect(result.stages.package).toMatchObject({ status: 'success', files: 1, size: archive.size, sha256: archive.sha256 });
    expect((await listZip(await readFile(archive.zipPath))).map((e) => e.name)).toEqual(['index.html']);
  });
});
