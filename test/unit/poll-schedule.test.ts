import { describe, expect, it } from '@jest/globals';
import { MAX_POLL_INTERVAL_MS, nextPollInterval, pollTimes } from '../../src/pipeline/poll-schedule.js';

describe('the poll schedule', () => {
  it('grows 1.5× a poll from poll-interval up to 15 s, never below poll-interval', () => {
    const pauses = [3000];
    for (let i = 0; i < 6; i++) pauses.push(nextPollInterval(pauses[pauses.length - 1], 3000));
    expect(pauses).toEqual([3000, 4500, 6750, 10125, 15000, 15000, 15000]);
    expect(nextPollInterval(1000, 20_000)).toBe(20_000); // a poll-interval above the cap is kept
  });

  it('polls a 10-minute Job at most 60 times at the default 3 s, and sees its end', () => {
    const times = pollTimes(600_000, 3000);
    expect(times.length).toBeLessThanOrEqual(60);
    expect(times[times.length - 1]).toBeGreaterThanOrEqual(600_000);
    expect(times[times.length - 1] - times[times.length - 2]).toBe(MAX_POLL_INTERVAL_MS);
  });
});
