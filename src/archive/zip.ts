// Streams a deterministic ZIP to a file: same tree, same bytes (sorted entries, fixed
// timestamps and modes), hashed and size-checked on the way to disk, never held in memory.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipArchive, type EntryData } from 'archiver';
import { formatBytes } from '../units.js';
import type { FileEntry } from './files.js';

/** 1980-01-01 is the earliest DOS date a ZIP can hold; every entry gets it. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export interface ZipResult {
  sha256: string;
  size: number;
  files: number;
}

export class ArchiveTooLargeError extends Error {
  constructor(limit: number) {
    super(
      `The archive grew past max-archive-size (${formatBytes(limit)}) and was not uploaded: ` +
        `leave build outputs and dependencies out with 'exclude' or the ignore file, or raise 'max-archive-size'.`,
    );
    this.name = 'ArchiveTooLargeError';
  }
}

function meter(limit: number, onChunk: (chunk: Buffer) => void) {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) return callback(new ArchiveTooLargeError(limit));
      onChunk(chunk);
      callback(null, chunk);
    },
  });
}

/** Entries queued in archiver at once, and small files read ahead of it in parallel. */
const AHEAD = 16;
/** Files up to this size are read whole, ahead of time; bigger ones are streamed. */
const READ_AHEAD_MAX = 1024 * 1024;

function add(archive: ZipArchive, entry: FileEntry, content: Buffer | undefined): void {
  const data = { name: entry.name, date: FIXED_DATE, mode: entry.mode };
  if (entry.kind === 'symlink') {
    // archiver's symlink() stamps the current time; append() lets us fix the date.
    archive.append(Buffer.alloc(0), { ...data, type: 'symlink', linkname: entry.target } as EntryData);
  } else if (content) {
    archive.append(content, data);
  } else {
    // Passing stats skips archiver's async stat queue, so entries keep the order we give them.
    archive.file(entry.absolute, { ...data, stats: entry.stats });
  }
}

/**
 * Hands entries to archiver in order, at most AHEAD unprocessed at a time. Archiver works on one
 * file at a time (open, read, deflate, close, each a thread-pool round trip), so small files are
 * read in parallel ahead of it; about twice as fast on trees of many small files.
 */
async function feed(archive: ZipArchive, entries: FileEntry[]): Promise<void> {
  let processed = 0;
  let wake: (() => void) | undefined;
  archive.on('entry', () => {
    processed++;
    wake?.();
  });
  const reads = new Map<number, Promise<Buffer>>();
  const startRead = (i: number) => {
    const entry = entries[i];
    if (entry.kind !== 'file' || entry.size > READ_AHEAD_MAX || reads.has(i)) return;
    const read = readFile(entry.absolute);
    read.catch(() => undefined); // awaited in order below; this only keeps an early failure from counting as unhandled
    reads.set(i, read);
  };
  for (let i = 0; i < entries.length; i++) {
    for (let j = i; j < Math.min(entries.length, i + AHEAD); j++) startRead(j);
    const content = await reads.get(i);
    reads.delete(i);
    if (archive.destroyed) return;
    add(archive, entries[i], content);
    while (i + 1 - processed >= AHEAD && !archive.destroyed) await new Promise<void>((resolve) => (wake = resolve));
  }
  await archive.finalize();
}

export async function writeZip(entries: FileEntry[], outputPath: string, maxBytes: number): Promise<ZipResult> {
  const archive = new ZipArchive({ zlib: { level: 6 }, statConcurrency: 8 });
  const hash = createHash('sha256');
  let size = 0;
  const written = pipeline(
    archive,
    meter(maxBytes, (chunk) => {
      hash.update(chunk);
      size += chunk.length;
    }),
    createWriteStream(outputPath),
  );
  try {
    await Promise.all([feed(archive, entries), written]);
  } catch (error) {
    // destroy (not abort): abort leaves the pipeline waiting forever when the failure came from a read.
    archive.destroy(error as Error);
    await written.catch(() => undefined);
    await rm(outputPath, { force: true });
    throw error;
  }
  return { sha256: hash.digest('hex'), size, files: entries.length };
}
