// Codes batches of entries on worker threads, or on this thread. Batches (not single files) keep
// the per-file cost to a few µs.
import * as fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import * as zlib from 'node:zlib';
import { type CodedBatch, type EntryCoder, type EntryJobs, makeEntryCoder, storedByType } from './zip-entries.js';
import type { ZipSource } from './zip.js';

export interface Coder {
  /** `jobs.recycle`, a buffer the writer is done with, is reused (or transferred to the worker). */
  code(jobs: EntryJobs): Promise<CodedBatch>;
  /** How many batches to keep in flight. */
  readonly lanes: number;
  close(): Promise<void>;
}

// Evaluated as a CommonJS script in the worker: the coder's own source, given fs and zlib.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const coder = (${makeEntryCoder.toString()})(require('node:fs'), require('node:zlib'));
parentPort.on('message', (jobs) => {
  let batch;
  try {
    batch = coder.codeBatch(jobs);
  } catch (error) {
    return parentPort.postMessage({ error: String((error && error.message) || error) });
  }
  parentPort.postMessage(batch, [batch.data.buffer]);
});`;

export const localCoder: EntryCoder = makeEntryCoder(fs, zlib);

/** One worker fewer than the cores: the writer's thread codes too, whenever it would wait. */
export function workerCoder(count = Math.max(1, Math.min(3, (os.availableParallelism?.() ?? os.cpus().length) - 1))): Coder {
  const started: Worker[] = [];
  const lane = () => {
    // A small young generation: the workers' garbage is short-lived buffers, and RSS counts.
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    started.push(worker);
    const waiting: { resolve: (b: CodedBatch) => void; reject: (e: Error) => void }[] = [];
    const failAll = (error: Error) => waiting.splice(0).forEach((w) => w.reject(error));
    worker.on('message', (message: CodedBatch | { error: string }) => {
      const next = waiting.shift()!;
      if ('error' in message) next.reject(new Error(message.error));
      else next.resolve({ ...message, data: Buffer.from(message.data.buffer, message.data.byteOffset, message.data.length) });
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`a packaging worker stopped (exit code ${code})`)));
    return { worker, waiting };
  };
  let workers: ReturnType<typeof lane>[];
  try {
    workers = Array.from({ length: count }, lane);
  } catch (error) {
    for (const worker of started) void worker.terminate();
    throw error;
  }
  return {
    lanes: count * 2,
    code(jobs) {
      const lane = workers.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
      return new Promise((resolve, reject) => {
        lane.waiting.push({ resolve, reject });
        lane.worker.postMessage(jobs, jobs.recycle ? [jobs.recycle] : []);
      });
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}

/** Files above this are streamed through zlib on this thread rather than read whole by a worker. */
const STREAM_ABOVE = 8 * 1024 * 1024;
/** A batch for a worker: about this many input bytes (sized from the files seen so far), at most this many files. */
const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 256;
/** Until this much is read, or this many files are listed, batches are coded on this thread: starting workers costs ~30 ms each. */
const WORKERS_ABOVE_BYTES = 4 * 1024 * 1024;
const WORKERS_ABOVE_FILES = 1000;
/**
 * Codes batches on worker threads, one fewer than the cores, and on this thread whenever the
 * writer would otherwise wait: every core works, and no thread more than the cores competes for
 * them. Small archives never start a worker (~30 ms each).
 */
export class Coders {
  private workers?: Coder;
  private noWorkers = false;
  private read = 0;
  private listedFiles = 0;
  /** Buffers of written batches, reused for the next ones: fewer 2 MB allocations, and so less RSS. */
  private readonly spare: ArrayBuffer[] = [];
  /** Files per batch, from the mean size of the files read so far. */
  batchFiles = 16;

  listed(count: number): void {
    this.listedFiles += count;
  }

  /** Whether a worker can take another batch now. */
  canSend(inFlight: number): boolean {
    if (!this.workers && !this.noWorkers && (this.read > WORKERS_ABOVE_BYTES || this.listedFiles > WORKERS_ABOVE_FILES)) {
      try {
        this.workers = workerCoder();
      } catch {
        this.noWorkers = true; // no thread to be had (EAGAIN, memory): this thread codes everything, slower but whole
      }
    }
    return this.workers !== undefined && inFlight < this.workers.lanes;
  }

  /** Codes on a worker, or with `here` on this thread (synchronously, before this returns). */
  code(entries: ZipSource[], here = false): Promise<CodedBatch> {
    const jobs: EntryJobs = {
      paths: entries.map((e) => e.absolute).join('\0'),
      store: entries.map((e) => (storedByType(e.name) ? '1' : '0')).join(''),
      streamAbove: STREAM_ABOVE,
      batchBytes: BATCH_BYTES,
      recycle: this.spare.pop(),
    };
    // On this thread: a promise all the same, so a throw becomes a rejection.
    const coded = here || !this.workers ? new Promise<CodedBatch>((resolve) => resolve(localCoder.codeBatch(jobs))) : this.workers.code(jobs);
    return coded.then((batch) => {
      this.read += batch.read;
      const mean = Math.max(1, batch.read / batch.done);
      this.batchFiles = Math.max(4, Math.min(BATCH_FILES, Math.floor(BATCH_BYTES / mean)));
      return batch;
    });
  }

  /** The writer is done with this batch: its buffer serves a later one (there are never more than the batches in flight). */
  recycle(batch: CodedBatch): void {
    if (this.spare.length < 16) this.spare.push(batch.data.buffer as ArrayBuffer);
  }

  async close(): Promise<void> {
    await this.workers?.close();
  }
}
