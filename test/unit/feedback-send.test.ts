// sendRows and Pace as pure logic: the submit function is the boundary (Konan), so it is given here.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Pace } from '../../src/feedback/pace.js';
import { CANCELLED, CANCELLED_IN_FLIGHT, newTally, type Outcome, sendRows } from '../../src/feedback/send.js';
import type { FeedbackRow } from '../../src/feedback/validate.js';
import { KonanApiError } from '../../src/konan/errors.js';
import type { FeedbackResult } from '../../src/konan/feedback.js';

const rowsOf = (n: number): FeedbackRow[] => Array.from({ length: n }, (_, i) => ({ line: i + 1, prediction_uuid: randomUUID().toUpperCase(), target: 1 }));
async function* chunks(rows: FeedbackRow[], size = 7) {
  for (let i = 0; i < rows.length; i += size) {
    await Promise.resolve(); // each chunk comes on a later tick, as from a file being read
    yield rows.slice(i, i + size);
  }
}
const acceptAll = (batch: FeedbackRow[]): Promise<FeedbackResult> => Promise.resolve({ statuses: batch.map(() => ({ status: 201, message: 'success' })) });

function run(rows: FeedbackRow[], submit: (batch: FeedbackRow[]) => Promise<FeedbackResult>, extra: { signal?: AbortSignal; concurrency?: number } = {}) {
  const tally = newTally();
  const recorded: { row: FeedbackRow; outcome: Outcome }[] = [];
  const done = sendRows(chunks(rows), {
    tally,
    batchSize: 10,
    concurrency: extra.concurrency ?? 3,
    submit,
    record: (row, outcome) => void recorded.push({ row, outcome }),
    log: () => undefined,
    signal: extra.signal,
    sleep: () => Promise.resolve(),
  });
  return { tally, recorded, done };
}

describe('sendRows', () => {
  it('matches answers to rows whatever the case of the uuid', async () => {
    const { tally, done } = run(rowsOf(95), acceptAll);
    await done;
    expect(tally).toMatchObject({ total: 95, accepted: 95, unsent: 0 });
  });

  it('on cancel, settles rows in flight and rows never sent as unsent, each with its reason', async () => {
    const controller = new AbortController();
    let calls = 0;
    const { tally, recorded, done } = run(
      rowsOf(100),
      (batch) => {
        if (++calls === 4) controller.abort();
        return calls < 4 ? acceptAll(batch) : new Promise(() => undefined); // the 4th never answers
      },
      { signal: controller.signal, concurrency: 1 },
    );
    await done;
    expect(tally).toMatchObject({ total: 100, accepted: 30, rejected: 0, unsent: 70 });
    const reasons = recorded.filter((r) => r.outcome.kind === 'unsent').map((r) => (r.outcome as { message: string }).message);
    expect(reasons.filter((m) => m === CANCELLED_IN_FLIGHT)).toHaveLength(10);
    expect(reasons.filter((m) => m === CANCELLED)).toHaveLength(60);
  });

  it('waits out 429s without spending retries, then sends everything', async () => {
    let throttles = 0;
    const { tally, done } = run(rowsOf(50), async (batch) => {
      if (throttles++ < 3) throw new KonanApiError('POST /feedback/', 429, 'slow down', 0);
      return acceptAll(batch);
    });
    const { pace } = await done;
    expect(tally).toMatchObject({ total: 50, accepted: 50 });
    expect(pace.cuts).toBeGreaterThanOrEqual(1);
  });

  it('on a fatal error, lets batches in flight settle before it throws, and records nothing after', async () => {
    let thrown = false;
    const tally = newTally();
    let afterThrow = 0;
    async function* broken() {
      yield rowsOf(30);
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('file changed');
    }
    const slow = async (batch: FeedbackRow[]) => {
      await new Promise((r) => setTimeout(r, 30));
      return acceptAll(batch);
    };
    const done = sendRows(broken(), { tally, batchSize: 10, concurrency: 3, submit: slow, log: () => undefined, record: () => void (thrown && afterThrow++) });
    await expect(done.finally(() => (thrown = true))).rejects.toThrow('file changed');
    await new Promise((r) => setTimeout(r, 60));
    expect(tally.accepted).toBe(30);
    expect(afterThrow).toBe(0);
  });
});

describe('Pace', () => {
  it('halves on a 429, holds for Retry-After, and recovers to the maximum', async () => {
    let now = 0;
    const pace = new Pace(8, () => now);
    for (let i = 0; i < 8; i++) await pace.acquire();
    expect(pace.throttled(2)).toBe(2000);
    expect(pace.limit).toBe(4);
    for (let i = 0; i < 7; i++) pace.throttled(2); // the other answers of the same moment cut nothing more
    expect(pace.limit).toBe(4);
    let started = false;
    const next = pace.acquire().then(() => (started = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toBe(false);
    now = 2000;
    await new Promise((r) => setTimeout(r, 2100));
    await next;
    pace.answered(50);
    for (let i = 0; i < 40; i++) {
      await pace.acquire();
      pace.answered(50);
    }
    expect(pace.limit).toBe(8);
  });

  it('cuts the limit when answers get much slower than the best seen', async () => {
    let now = 0;
    const pace = new Pace(6, () => now);
    await pace.acquire();
    pace.answered(100);
    now = 1000;
    await pace.acquire();
    pace.answered(600);
    expect(pace.limit).toBe(4);
  });
});

describe('shardOf', () => {
  it('is stable, blind to case and dashes, and spreads uuids evenly', async () => {
    const { shardOf } = await import('../../src/feedback/shard.js');
    const u = '6F1C2D3E-4A5B-4C6D-8E7F-901234567890';
    expect(shardOf(u, 7)).toBe(shardOf(u.toLowerCase(), 7));
    expect(shardOf(u, 7)).toBe(shardOf(u.replace(/-/g, ''), 7));
    // Pinned: a change of hash would send rows twice across a matrix run on two versions.
    expect(shardOf('6f1c2d3e-4a5b-4c6d-8e7f-901234567890', 4)).toBe(3);
    expect(shardOf('0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', 1000)).toBe(17);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[shardOf(randomUUID(), 4) - 1]++;
    for (const n of counts) expect(Math.abs(n - 5000)).toBeLessThan(400);
  });
});
