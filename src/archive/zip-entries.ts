// Turns files into ZIP entry data: read, then deflate at level 5 or store, with the CRC-32. Runs
// on worker threads (see zip-pool.ts), so `makeEntryCoder` must stay self-contained: it is sent to
// the workers as source text, and may use only what it is given.
import type * as Fs from 'node:fs';
import type * as Zlib from 'node:zlib';

/** Files to code, as two strings (cheap to pass between threads): paths joined by NUL, and per file '1' when its type says store. */
export interface EntryJobs {
  paths: string;
  store: string;
  /** A file bigger than this is not read: it comes back with method -1, for the writer to stream. */
  streamAbove: number;
  /** Once this many bytes are read, the batch ends early (`done` says where): bounds memory when files are bigger than the batch was sized for. */
  batchBytes: number;
  /** A batch buffer the writer is done with, handed back for reuse (keeps garbage, and so RSS, low). */
  recycle?: ArrayBuffer;
}

/** One batch's entries, their data concatenated in `data` (one buffer, so it moves between threads without a copy). */
export interface CodedBatch {
  crc: number[];
  /** 0 stored, 8 deflated, -1 too big for a batch: to be streamed. */
  method: number[];
  size: number[];
  length: number[];
  /** From fstat of the open file: the listing does not stat, so this is the only stat a file gets. */
  mode: number[];
  /** How many of the batch's files were coded. */
  done: number;
  /** Bytes read. */
  read: number;
  data: Uint8Array;
}

export interface EntryCoder {
  codeBatch(jobs: EntryJobs): CodedBatch;
  crc32(data: Uint8Array, value?: number): number;
  looksIncompressible(sample: Uint8Array): boolean;
}

/** Already compressed by their format: deflate would spend time to gain nothing. */
const STORED_TYPES = new Set(
  'png jpg jpeg gif webp avif heic jxl woff woff2 zip gz tgz bz2 xz zst br lz4 7z rar jar war whl apk mp3 m4a aac ogg oga opus flac mp4 m4v mov webm mkv avi'.split(
    ' ',
  ),
);
export const storedByType = (name: string | Buffer) => {
  const text = typeof name === 'string' ? name : name.toString('latin1');
  const dot = text.lastIndexOf('.');
  return dot > text.lastIndexOf('/') && STORED_TYPES.has(text.slice(dot + 1).toLowerCase());
};

/* istanbul ignore next -- sent to workers as source text: coverage counters would not exist there */
export function makeEntryCoder(fs: typeof Fs, zlib: typeof Zlib): EntryCoder {
  // zlib.crc32 is in every Node the action supports (engines: 20.19+, and the runner's node24).
  const native = (zlib as unknown as { crc32: (data: Uint8Array, value?: number) => number }).crc32;
  const crc32 = (data: Uint8Array, value = 0) => native(data, value);

  const counts = new Uint32Array(256);
  /** Order-0 entropy of up to 4 KB above 7.8 bits a byte: already compressed or random, deflate would not gain. */
  function looksIncompressible(sample: Uint8Array): boolean {
    const n = Math.min(sample.length, 4096);
    if (n < 1024) return false;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[sample[i]]++;
    let bits = 0;
    for (let b = 0; b < 256; b++) if (counts[b]) bits -= counts[b] * Math.log2(counts[b] / n);
    return bits / n > 7.8;
  }

  /**
   * Level 5: on source text about 40% less CPU than `zip -6`'s level 6 for about 3% more compressed
   * bytes (bench/RESULTS.md). A small input gets a window and hash table sized to it: the same
   * matches, without zlib clearing 128 KB of hash table per tiny file.
   */
  function deflateOptions(size: number): Zlib.ZlibOptions {
    let windowBits = 9;
    while (windowBits < 15 && 1 << windowBits < size) windowBits++;
    return { level: 5, windowBits, memLevel: Math.max(1, windowBits - 7) };
  }

  let scratch = new Uint8Array(1024 * 1024);

  /** Reads a whole open file into the reused scratch buffer: one read when the size is right, no allocation. */
  function readWhole(fd: number, size: number): Uint8Array {
    if (scratch.length <= size) scratch = new Uint8Array(size + 1 + (size >> 2));
    let length = 0;
    for (;;) {
      const want = scratch.length - length;
      const n = fs.readSync(fd, scratch, length, want, null);
      length += n;
      if (n === 0 || (n < want && length > 0)) return scratch.subarray(0, length);
      if (length === scratch.length) {
        const bigger = new Uint8Array(scratch.length * 2);
        bigger.set(scratch);
        scratch = bigger;
      }
    }
  }

  // One gzip handle per window size, reset between files: creating a zlib stream object per file
  // costs more than deflating a small file. Uses the handle under Node's zlib streams (unchanged
  // from Node 12 to 24); without it, gzipSync per file.
  type Handle = {
    writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
    reset(): void;
  };
  const handles = new Map<number, { handle: Handle; state: Uint32Array } | null>();
  let zout = new Uint8Array(256 * 1024);
  function gzip(data: Uint8Array): Uint8Array {
    const options = deflateOptions(data.length);
    let entry = handles.get(options.windowBits!);
    if (entry === undefined) {
      const stream = zlib.createGzip(options) as unknown as { _handle?: Handle; _writeState?: Uint32Array };
      entry = typeof stream._handle?.writeSync === 'function' && stream._writeState ? { handle: stream._handle, state: stream._writeState } : null;
      handles.set(options.windowBits!, entry);
    }
    if (entry) {
      const bound = data.length + (data.length >> 3) + 1024;
      if (zout.length < bound) zout = new Uint8Array(bound);
      entry.handle.writeSync(zlib.constants.Z_FINISH, data, 0, data.length, zout, 0, zout.length);
      const [outLeft, inLeft] = entry.state;
      entry.handle.reset();
      if (inLeft === 0 && outLeft > 0) return zout.subarray(0, zout.length - outLeft);
    }
    return zlib.gzipSync(data, options);
  }

  function codeBatch(jobs: EntryJobs): CodedBatch {
    const out: CodedBatch = { crc: [], method: [], size: [], length: [], mode: [], done: 0, read: 0, data: new Uint8Array(0) };
    const paths = jobs.paths.split('\0');
    // Room for a batch's bytes (its bound, plus the file that crosses it) without growing, in most trees.
    let joined = new Uint8Array(jobs.recycle ?? new ArrayBuffer(2 * jobs.batchBytes));
    let total = 0;
    for (let i = 0; i < paths.length && (i === 0 || out.read < jobs.batchBytes); i++) {
      out.done = i + 1;
      const fd = fs.openSync(paths[i], 'r');
      let data: Uint8Array;
      try {
        const stats = fs.fstatSync(fd);
        out.mode.push(stats.mode);
        if (stats.size > jobs.streamAbove) {
          out.crc.push(0);
          out.method.push(-1);
          out.size.push(stats.size);
          out.length.push(0);
          continue;
        }
        data = readWhole(fd, stats.size);
      } finally {
        fs.closeSync(fd);
      }
      out.read += data.length;
      let crc: number | undefined;
      let body: Uint8Array = data;
      let method = 0;
      if (data.length > 0 && jobs.store[i] !== '1' && !looksIncompressible(data)) {
        // gzip rather than raw deflate: its trailer carries the CRC-32, computed natively on the way.
        const gz = gzip(data);
        const t = gz.length - 8;
        crc = (gz[t] | (gz[t + 1] << 8) | (gz[t + 2] << 16) | (gz[t + 3] << 24)) >>> 0;
        const raw = gz.subarray(10, gz.length - 8);
        if (raw.length < data.length) {
          body = raw;
          method = 8;
        }
      }
      out.crc.push(crc ?? crc32(data));
      out.method.push(method);
      out.size.push(data.length);
      out.length.push(body.length);
      if (total + body.length > joined.length) {
        const bigger = new Uint8Array(Math.max(joined.length * 2, total + body.length));
        bigger.set(joined.subarray(0, total));
        joined = bigger;
      }
      joined.set(body, total);
      total += body.length;
    }
    out.data = joined.subarray(0, total);
    return out;
  }

  return { codeBatch, crc32, looksIncompressible };
}
