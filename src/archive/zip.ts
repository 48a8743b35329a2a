// Writes a deterministic ZIP to a file: same tree, same bytes (sorted entries, fixed dates and
// modes), hashed and size-checked on the way to disk, never held in memory. Entries arrive as the
// listing walks the tree; worker threads (and this thread, while it would wait) read and deflate
// batches of files ahead, and this thread writes them out in order. Entries that will not
// compress (by type, or a sample that looks random) are stored. Our own writer rather than
// archiver: its per-entry stream plumbing cost ~0.75 ms a file (see bench/RESULTS.md).
import { open, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflateRaw } from 'node:zlib';
import { centralHeader, type CentralRecord, dataDescriptor, DEFLATE, encodeName, endRecords, localHeader, STORE } from './zip-format.js';
import { type CodedBatch, storedByType } from './zip-entries.js';
import { CentralDirectory, Output } from './zip-output.js';
import { Coders, localCoder } from './zip-pool.js';

export { ArchiveTooLargeError } from './zip-output.js';

export interface ZipResult {
  sha256: string;
  size: number;
  files: number;
}

/** What the writer needs of a listed file; `name` (and a link's `target`) may be raw bytes. Files are stat'ed as they are read. */
export interface ZipSource {
  name: string | Buffer;
  absolute: string;
  kind: 'file' | 'symlink';
  target?: string | Buffer;
}

/** How many units past the one being written may be coded: coded batches wait in memory (~1 MB each). */
const CODE_AHEAD = 6;
/** A streamed entry this close to 4 GB gets zip64 fields, in case deflate grows it. */
const ZIP64_STREAM_MARGIN = 64 * 1024 * 1024;

type Unit = { kind: 'batch'; entries: ZipSource[]; coded?: Promise<CodedBatch>; settled?: boolean } | { kind: 'link'; entry: ZipSource };

/** Regular files get 644, or 755 when any execute bit is set: bytes never depend on umask or owner. */
const fileMode = (statMode: number) => 0o100000 | (statMode & 0o111 ? 0o755 : 0o644);
const LINK_MODE = 0o120777;

function record(name: string | Buffer, offset: number, unixMode: number, coded: { method: number; crc: number; size: number; length: number }): CentralRecord {
  const encoded = encodeName(name);
  return {
    name: encoded.name,
    flags: encoded.flags,
    method: coded.method,
    crc: coded.crc,
    compressedSize: coded.length,
    size: coded.size,
    offset,
    unixMode,
    zip64Local: false,
  };
}

/** A big file, streamed from one open handle: CRC and sizes follow the data in a descriptor. */
async function writeStreamed(out: Output, entry: ZipSource, rec: CentralRecord, expectedSize: number): Promise<void> {
  const file = await open(entry.absolute, 'r');
  try {
    const sample = Buffer.alloc(4096);
    await file.read(sample, 0, sample.length, 0);
    rec.method = storedByType(entry.name) || localCoder.looksIncompressible(sample) ? STORE : DEFLATE;
    rec.zip64Local = expectedSize >= 0xffffffff - ZIP64_STREAM_MARGIN;
    await out.push(localHeader(rec, true));
    const count = (chunk: Uint8Array) => {
      rec.crc = localCoder.crc32(chunk, rec.crc);
      rec.size += chunk.length;
    };
    if (rec.method === STORE) {
      // Stored: read through one reused buffer, so memory stays flat however big the file.
      const buffer = Buffer.allocUnsafeSlow(1024 * 1024);
      for (let n; (n = (await file.read(buffer, 0, buffer.length, rec.size)).bytesRead) > 0;) {
        const chunk = buffer.subarray(0, n);
        count(chunk);
        rec.compressedSize += n;
        await out.push(chunk); // copied or written before the next read
      }
    } else {
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          count(chunk);
          done(null, chunk);
        },
      });
      // pipeline() rejects with an AbortError when the sink throws: keep the sink's own error (ArchiveTooLargeError).
      let sinkError: { error: unknown } | undefined;
      const sink = async (source: AsyncIterable<Buffer>) => {
        try {
          for await (const chunk of source) {
            rec.compressedSize += chunk.length;
            await out.push(chunk);
          }
        } catch (error) {
          sinkError = { error };
          throw error;
        }
      };
      const input = file.createReadStream({ start: 0, highWaterMark: 256 * 1024, autoClose: false });
      await pipeline(input, tap, createDeflateRaw({ level: 5 }) /* as zip-entries.ts */, sink).catch((error: unknown) => {
        throw sinkError ? sinkError.error : error;
      });
    }
  } finally {
    await file.close();
  }
  await out.push(dataDescriptor(rec));
}

type Batch = Extract<Unit, { kind: 'batch' }>;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the entries in order while the listing goes on: the listing forms batches and sends them
 * to the workers (a few in flight), and this loop writes each batch as its turn comes, coding
 * batches itself while it would wait.
 */
async function writeEntries(out: Output, source: AsyncIterable<ZipSource[]> | Iterable<ZipSource[]>, coders: Coders, central: CentralDirectory): Promise<void> {
  const units: (Unit | undefined)[] = [];
  let dispatched = 0;
  /** The unit being written. */
  let writing = 0;
  let inFlight = 0;
  let listingDone = false;
  /** Set when the listing fails (an unreadable folder): the writer stops at once with its error. */
  let listingFailure: { error: unknown } | undefined;
  const stopIfListingFailed = () => {
    if (listingFailure) throw listingFailure.error;
  };
  let stopped = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const start = (unit: Batch, here: boolean) => {
    unit.coded = coders.code(unit.entries, here);
    const settle = (coded: boolean) => {
      unit.settled = true;
      if (!here) inFlight--;
      if (coded) dispatch(); // after a failure the writer stops: nothing more to send
      notify();
    };
    unit.coded.then(
      () => settle(true),
      () => settle(false),
    );
    if (!here) inFlight++;
  };
  const dispatch = () => {
    for (; dispatched < units.length && dispatched < writing + CODE_AHEAD; dispatched++) {
      const unit = units[dispatched];
      if (unit?.kind !== 'batch' || unit.coded) continue;
      if (!coders.canSend(inFlight)) break;
      start(unit, false);
    }
  };
  /** The next batch nobody codes yet, for this thread to code while it waits. */
  const spare = () => {
    for (let j = dispatched; j < units.length && j < writing + CODE_AHEAD; j++) {
      const unit = units[j];
      if (unit?.kind === 'batch' && !unit.coded) return unit;
    }
    return undefined;
  };

  const listing = (async () => {
    let batch: ZipSource[] = [];
    const close = () => {
      if (batch.length) units.push({ kind: 'batch', entries: batch });
      batch = [];
    };
    try {
      for await (const chunk of source) {
        if (stopped) break;
        coders.listed(chunk.length);
        for (const entry of chunk) {
          if (entry.kind === 'symlink') {
            close();
            units.push({ kind: 'link', entry });
          } else {
            batch.push(entry);
            if (batch.length >= coders.batchFiles) close();
          }
        }
        dispatch();
        notify();
      }
      close();
    } catch (error) {
      listingFailure = { error };
    } finally {
      listingDone = true;
      dispatch();
      notify();
    }
  })();

  try {
    for (let i = 0; ; i++) {
      writing = i;
      dispatch();
      while (i >= units.length && !listingDone) await new Promise<void>((resolve) => (wake = resolve));
      stopIfListingFailed();
      if (i >= units.length) break;
      const unit = units[i]!;
      if (unit.kind === 'link') {
        units[i] = undefined;
        const target = typeof unit.entry.target === 'string' ? Buffer.from(unit.entry.target) : (unit.entry.target ?? Buffer.alloc(0));
        const rec = record(unit.entry.name, out.position, LINK_MODE, {
          method: STORE,
          crc: localCoder.crc32(target),
          size: target.length,
          length: target.length,
        });
        await out.push(localHeader(rec, false));
        await out.push(target);
        central.add(centralHeader(rec, false));
        continue;
      }
      if (!unit.coded) start(unit, true);
      else {
        while (!unit.settled) {
          // Its worker is still on it: code a later batch here meanwhile, then look again.
          const later = spare();
          if (!later) await new Promise<void>((resolve) => (wake = resolve));
          else {
            start(later, true);
            await nextTurn();
          }
          stopIfListingFailed();
        }
      }
      units[i] = undefined;
      let entries = unit.entries;
      let batch = await unit.coded!;
      for (;;) {
        await writeBatch(out, entries, batch, central);
        coders.recycle(batch);
        if (batch.done === entries.length) break;
        // Cut short by its byte bound: the rest is coded now, as the next thing to write.
        entries = entries.slice(batch.done);
        batch = await coders.code(entries, true);
      }
    }
  } finally {
    stopped = true;
    await listing; // never rejects: a failure is in listingFailure
  }
}

async function writeBatch(out: Output, entries: ZipSource[], batch: CodedBatch, central: CentralDirectory): Promise<void> {
  let at = 0;
  for (let k = 0; k < batch.done; k++) {
    const entry = entries[k];
    const length = batch.length[k];
    if (batch.method[k] < 0) {
      const rec = record(entry.name, out.position, fileMode(batch.mode[k]), { method: STORE, crc: 0, size: 0, length: 0 });
      await writeStreamed(out, entry, rec, batch.size[k]);
      central.add(centralHeader(rec, true));
      continue;
    }
    const rec = record(entry.name, out.position, fileMode(batch.mode[k]), { method: batch.method[k], crc: batch.crc[k], size: batch.size[k], length });
    const header = out.push(localHeader(rec, false));
    if (header) await header;
    const data = out.push(batch.data.subarray(at, (at += length)));
    if (data) await data;
    central.add(centralHeader(rec, false));
  }
}

/** Writes the entries, given whole or as a listing's chunks in order, to a ZIP at outputPath. */
export async function writeZip(entries: ZipSource[] | AsyncIterable<ZipSource[]>, outputPath: string, maxBytes: number): Promise<ZipResult> {
  const source = Array.isArray(entries) ? [entries] : entries;
  const coders = new Coders();
  const file = await open(outputPath, 'w');
  const out = new Output(file, maxBytes);
  const central = new CentralDirectory();
  try {
    await writeEntries(out, source, coders, central);
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
    await coders.close();
  }
  return { sha256: out.digest(), size: out.position, files: central.count };
}
