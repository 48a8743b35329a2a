// Codes batches of entries on worker threads, one per core, so reading and deflating use every core
// while the main thread only writes. Batches (not single files) keep the per-file cost to a few µs.
import * as fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import * as zlib from 'node:zlib';
import { type CodedBatch, type EntryCoder, type EntryJobs, makeEntryCoder } from './zip-entries.js';

export interface Coder {
  code(jobs: EntryJobs): Promise<CodedBatch>;
  /** The writer is done with this batch: its buffer may be reused. */
  recycle(batch: CodedBatch): void;
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

/** Runs batches on this thread: for archives too small to repay starting workers (~30 ms each). */
export function inlineCoder(): Coder {
  const spare: ArrayBuffer[] = [];
  return {
    lanes: 1,
    // A promise, not an async function: nothing here awaits, and a throw still becomes a rejection.
    code: (jobs) => new Promise((resolve) => resolve(localCoder.codeBatch({ ...jobs, recycle: spare.pop() }))),
    recycle: (batch) => void spare.push(batch.data.buffer as ArrayBuffer),
    close: () => Promise.resolve(),
  };
}

export function workerCoder(count = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length))): Coder {
  const workers = Array.from({ length: count }, () => {
    // A small young generation: the workers' garbage is short-lived buffers, and RSS counts.
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
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
  });
  const spare: ArrayBuffer[] = [];
  return {
    lanes: count * 2,
    code(jobs) {
      const lane = workers.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
      const recycle = spare.pop();
      return new Promise((resolve, reject) => {
        lane.waiting.push({ resolve, reject });
        lane.worker.postMessage({ ...jobs, recycle }, recycle ? [recycle] : []);
      });
    },
    recycle: (batch) => void spare.push(batch.data.buffer as ArrayBuffer),
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
