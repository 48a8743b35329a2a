// Writes a deterministic ZIP to a file: same tree, same bytes (sorted entries, fixed dates and
// modes), hashed and size-checked on the way to disk, never held in memory. Worker threads read
// and deflate batches of files ahead; this thread writes them out in order. Entries that will not
// compress (by type, or a sample that looks random) are stored. Our own writer rather than
// archiver: its per-entry stream plumbing cost ~0.75 ms a file (see bench/RESULTS.md).
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflateRaw } from 'node:zlib';
import { formatBytes } from '../units.js';
import { centralHeader, type CentralRecord, dataDescriptor, DEFLATE, encodeName, endRecords, localHeader, STORE } from './zip-format.js';
import { type Coder, inlineCoder, localCoder, workerCoder } from './zip-pool.js';

export interface ZipResult {
  sha256: string;
  size: number;
  files: number;
}

/** What the writer needs of a listed file; `name` (and a link's `target`) may be raw bytes. */
export interface ZipSource {
  name: string | Buffer;
  absolute: string;
  kind: 'file' | 'symlink';
  mode: number;
  size: number;
  target?: string | Buffer;
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

/** Already compressed by their format: deflate would spend time to gain nothing. */
const STORED_TYPES = new Set(
  'png jpg jpeg gif webp avif heic jxl woff woff2 zip gz tgz bz2 xz zst br lz4 7z rar jar war whl apk mp3 m4a aac ogg oga opus flac mp4 m4v mov webm mkv avi'.split(
    ' ',
  ),
);
const storedByType = (name: string | Buffer) => {
  const text = typeof name === 'string' ? name : name.toString('latin1');
  const dot = text.lastIndexOf('.');
  return dot > text.lastIndexOf('/') && STORED_TYPES.has(text.slice(dot + 1).toLowerCase());
};

/** Files above this are streamed through zlib on this thread rather than read whole by a worker. */
const STREAM_ABOVE = 8 * 1024 * 1024;
/** A batch for a worker: up to this many input bytes or files. */
const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 256;
/** Below this much data, starting workers costs more than it saves. */
const WORKERS_ABOVE_BYTES = 4 * 1024 * 1024;
const WORKERS_ABOVE_FILES = 2000;
/** A streamed entry this close to 4 GB gets zip64 fields, in case deflate grows it. */
const ZIP64_STREAM_MARGIN = 64 * 1024 * 1024;

/** Buffered, hashed, size-limited output. */
class Output {
  private readonly buffer = Buffer.allocUnsafeSlow(4 * 1024 * 1024);
  private used = 0;
  position = 0;
  private readonly hash: Hash = createHash('sha256');

  constructor(
    private readonly file: FileHandle,
    private readonly limit: number,
  ) {}

  /** Copies the chunk into the buffer; returns a promise only when it has to write (no promise per small chunk). */
  push(chunk: Uint8Array): Promise<void> | undefined {
    this.position += chunk.length;
    if (this.position > this.limit) throw new ArchiveTooLargeError(this.limit);
    if (chunk.length >= this.buffer.length / 4 || this.used + chunk.length > this.buffer.length) return this.pushSlow(chunk);
    this.buffer.set(chunk, this.used);
    this.used += chunk.length;
    return undefined;
  }

  private async pushSlow(chunk: Uint8Array): Promise<void> {
    await this.flush();
    if (chunk.length >= this.buffer.length / 4) return this.write(chunk);
    this.buffer.set(chunk, 0);
    this.used = chunk.length;
  }

  async flush(): Promise<void> {
    if (this.used) await this.write(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private async write(chunk: Uint8Array): Promise<void> {
    this.hash.update(chunk);
    for (let at = 0; at < chunk.length;) at += (await this.file.write(chunk, at, chunk.length - at)).bytesWritten;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** The central directory, kept as bytes while entries are written (50,000 records as objects would cost 10 MB). */
class CentralDirectory {
  private readonly chunks: Buffer[] = [];
  private current = Buffer.allocUnsafe(0);
  private used = 0;
  count = 0;

  add(header: Buffer): void {
    this.count++;
    if (this.used + header.length > this.current.length) {
      if (this.used) this.chunks.push(this.current.subarray(0, this.used));
      this.current = Buffer.allocUnsafeSlow(Math.max(256 * 1024, header.length));
      this.used = 0;
    }
    header.copy(this.current, this.used);
    this.used += header.length;
  }

  parts(): Buffer[] {
    return [...this.chunks, this.current.subarray(0, this.used)];
  }
}

type Unit = { kind: 'batch'; entries: ZipSource[] } | { kind: 'stream'; entry: ZipSource } | { kind: 'link'; entry: ZipSource };

function plan(entries: ZipSource[]): Unit[] {
  const units: Unit[] = [];
  let batch: ZipSource[] = [];
  let bytes = 0;
  const close = () => {
    if (batch.length) units.push({ kind: 'batch', entries: batch });
    batch = [];
    bytes = 0;
  };
  for (const entry of entries) {
    if (entry.kind === 'symlink') {
      close();
      units.push({ kind: 'link', entry });
    } else if (entry.size > STREAM_ABOVE) {
      close();
      units.push({ kind: 'stream', entry });
    } else {
      if (batch.length >= BATCH_FILES || bytes + entry.size > BATCH_BYTES) close();
      batch.push(entry);
      bytes += entry.size;
    }
  }
  close();
  return units;
}

function record(entry: ZipSource, offset: number, unixType: number, coded?: { method: number; crc: number; size: number; length: number }): CentralRecord {
  const { name, flags } = encodeName(entry.name);
  return {
    name,
    flags,
    method: coded?.method ?? STORE,
    crc: coded?.crc ?? 0,
    compressedSize: coded?.length ?? 0,
    size: coded?.size ?? 0,
    offset,
    unixMode: unixType | (entry.mode & 0o7777),
    zip64Local: false,
  };
}

/** A big file, streamed: CRC and sizes follow the data in a descriptor. */
async function writeStreamed(out: Output, entry: ZipSource, rec: CentralRecord): Promise<void> {
  const sample = Buffer.alloc(4096);
  const handle = await open(entry.absolute, 'r');
  try {
    await handle.read(sample, 0, sample.length, 0);
  } finally {
    await handle.close();
  }
  rec.method = storedByType(entry.name) || localCoder.looksIncompressible(sample) ? STORE : DEFLATE;
  rec.zip64Local = entry.size >= 0xffffffff - ZIP64_STREAM_MARGIN;
  await out.push(localHeader(rec, true));
  if (rec.method === STORE) {
    // Stored: read through one reused buffer, so memory stays flat however big the file.
    const file = await open(entry.absolute, 'r');
    try {
      const buffer = Buffer.allocUnsafeSlow(1024 * 1024);
      for (let n; (n = (await file.read(buffer, 0, buffer.length, null)).bytesRead) > 0;) {
        const chunk = buffer.subarray(0, n);
        rec.crc = localCoder.crc32(chunk, rec.crc);
        rec.size += n;
        rec.compressedSize += n;
        await out.push(chunk); // copied or written before the next read
      }
    } finally {
      await file.close();
    }
  } else {
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        rec.crc = localCoder.crc32(chunk, rec.crc);
        rec.size += chunk.length;
        done(null, chunk);
      },
    });
    const sink = async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        rec.compressedSize += chunk.length;
        await out.push(chunk);
      }
    };
    await pipeline(createReadStream(entry.absolute, { highWaterMark: 256 * 1024 }), tap, createDeflateRaw({ level: 5 }) /* as zip-entries.ts */, sink);
  }
  await out.push(dataDescriptor(rec));
}

async function writeEntries(out: Output, units: Unit[], coder: Coder, central: CentralDirectory): Promise<void> {
  const coded = new Map<number, Promise<Awaited<ReturnType<Coder['code']>>>>();
  let next = 0;
  let inFlight = 0;
  const dispatch = () => {
    for (; next < units.length && inFlight < coder.lanes; next++) {
      const unit = units[next];
      if (unit.kind !== 'batch') continue;
      const batch = coder.code({
        paths: unit.entries.map((e) => e.absolute).join('\0'),
        sizes: unit.entries.map((e) => e.size).join(','),
        store: unit.entries.map((e) => (storedByType(e.name) ? '1' : '0')).join(''),
      });
      batch.catch(() => undefined); // awaited in order below
      coded.set(next, batch);
      inFlight++;
    }
  };
  for (let i = 0; i < units.length; i++) {
    dispatch();
    const unit = units[i];
    if (unit.kind === 'link') {
      const rec = record(unit.entry, out.position, 0o120000);
      const target = typeof unit.entry.target === 'string' ? Buffer.from(unit.entry.target) : (unit.entry.target ?? Buffer.alloc(0));
      Object.assign(rec, { crc: localCoder.crc32(target), size: target.length, compressedSize: target.length });
      await out.push(localHeader(rec, false));
      await out.push(target);
      central.add(centralHeader(rec, false));
    } else if (unit.kind === 'stream') {
      const rec = record(unit.entry, out.position, 0o100000);
      await writeStreamed(out, unit.entry, rec);
      central.add(centralHeader(rec, true));
    } else {
      const batch = await coded.get(i)!;
      coded.delete(i);
      inFlight--;
      dispatch();
      let at = 0;
      for (let k = 0; k < unit.entries.length; k++) {
        const length = batch.length[k];
        const rec = record(unit.entries[k], out.position, 0o100000, { method: batch.method[k], crc: batch.crc[k], size: batch.size[k], length });
        const header = out.push(localHeader(rec, false));
        if (header) await header;
        const data = out.push(batch.data.subarray(at, (at += length)));
        if (data) await data;
        central.add(centralHeader(rec, false));
      }
      coder.recycle(batch);
    }
  }
}

export async function writeZip(entries: ZipSource[], outputPath: string, maxBytes: number): Promise<ZipResult> {
  const units = plan(entries);
  const small = entries.filter((e) => e.kind === 'file' && e.size <= STREAM_ABOVE);
  const smallBytes = small.reduce((sum, e) => sum + e.size, 0);
  const coder = smallBytes > WORKERS_ABOVE_BYTES || small.length > WORKERS_ABOVE_FILES ? workerCoder() : inlineCoder();
  const file = await open(outputPath, 'w');
  const out = new Output(file, maxBytes);
  try {
    const central = new CentralDirectory();
    await writeEntries(out, units, coder, central);
    const cdOffset = out.position;
    for (const part of central.parts()) await out.push(part);
    await out.push(endRecords(central.count, cdOffset, out.position - cdOffset));
    await out.flush();
    await file.close();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(outputPath, { force: true });
    throw error;
  } finally {
    await coder.close();
  }
  return { sha256: out.digest(), size: out.position, files: entries.length };
}
