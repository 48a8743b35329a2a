// Streams a deterministic ZIP to a file: same tree, same bytes (sorted entries, fixed
// timestamps and modes), hashed and size-checked on the way to disk, never held in memory.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
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
  for (const entry of entries) {
    // archiver's symlink() stamps the current time; append() lets us fix the date.
    if (entry.kind === 'symlink') {
      archive.append(Buffer.alloc(0), { name: entry.name, type: 'symlink', linkname: entry.target, date: FIXED_DATE, mode: entry.mode } as EntryData);
    } else {
      // Passing stats skips archiver's async stat queue, so entries keep the order we give them.
      archive.file(entry.absolute, { name: entry.name, date: FIXED_DATE, mode: entry.mode, stats: entry.stats });
    }
  }
  try {
    // finalize() settles only when the archive has been fully emitted; the pipeline may fail first.
    await Promise.all([archive.finalize(), written]);
  } catch (error) {
    archive.abort();
    await written.catch(() => undefined);
    await rm(outputPath, { force: true });
    throw error;
  }
  return { sha256: hash.digest('hex'), size, files: entries.length };
}
