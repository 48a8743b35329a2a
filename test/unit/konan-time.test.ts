// Time windows for Konan's evaluate: windows, ISO 8601 times (UTC without an offset), sent with an offset.
import { describe, expect, it } from '@jest/globals';
import { parseIsoTime, parseWindow, resolveWindow, withOffset } from '../../src/konan/time.js';

describe('parseWindow', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['12h', 12 * 3_600_000],
    ['7d', 7 * 86_400_000],
    ['2w', 14 * 86_400_000],
    [' 7D ', 7 * 86_400_000],
  ])('reads %s', (text, ms) => expect(parseWindow(text)).toBe(ms));

  it.each(['', '7', 'd', '0d', '1.5d', '7 days', '-1d', '10s'])('refuses %j', (text) => expect(parseWindow(text)).toBeUndefined());
});

describe('parseIsoTime', () => {
  it('reads a time without an offset as UTC, whatever the local zone', () => {
    expect(parseIsoTime('2026-11-01T08:30:00')).toBe(Date.UTC(2026, 10, 1, 8, 30));
    expect(parseIsoTime('2026-11-01')).toBe(Date.UTC(2026, 10, 1));
    expect(parseIsoTime('2026-11-01 08:30')).toBe(Date.UTC(2026, 10, 1, 8, 30));
  });

  it('applies an offset', () => {
    expect(parseIsoTime('2026-11-01T08:30:00Z')).toBe(Date.UTC(2026, 10, 1, 8, 30));
    expect(parseIsoTime('2026-11-01T08:30:00+02:00')).toBe(Date.UTC(2026, 10, 1, 6, 30));
    expect(parseIsoTime('2026-11-01T08:30:00-0530')).toBe(Date.UTC(2026, 10, 1, 14, 0));
    expect(parseIsoTime('2026-11-01T08:30:00.250+00')).toBe(Date.UTC(2026, 10, 1, 8, 30, 0, 250));
  });

  it.each(['yesterday', '2026-13-01', '2026-02-30T00:00:00', '2026-11-01T24:00', '2026-11-01T08:30+25:00', '1700000000'])('refuses %j', (text) =>
    expect(parseIsoTime(text)).toBeUndefined(),
  );
});

describe('resolveWindow', () => {
  const now = Date.UTC(2026, 11, 2, 1, 0);

  it('ends a window now, and sends both ends with an explicit offset', () => {
    const window = resolveWindow({ window: 86_400_000 }, now)!;
    expect([withOffset(window.start), withOffset(window.end)]).toEqual(['2026-12-01T01:00:00.000+00:00', '2026-12-02T01:00:00.000+00:00']);
  });

  it('takes start .. end, the end defaulting to now', () => {
    expect(resolveWindow({ start: now - 1000 }, now)).toEqual({ start: now - 1000, end: now });
    expect(resolveWindow({}, now)).toBeUndefined();
  });

  it('names the inputs that do not make a window', () => {
    expect(() => resolveWindow({ window: 1, start: 2 }, now)).toThrow(
      "Inputs 'konan-evaluate-window' and 'konan-evaluate-start'/'konan-evaluate-end' are both set",
    );
    expect(() => resolveWindow({ end: now }, now)).toThrow("Input 'konan-evaluate-start' is required with 'konan-evaluate-end'");
    expect(() => resolveWindow({ start: now, end: now - 1 }, now)).toThrow(
      "Input 'konan-evaluate-end' (2026-12-02T00:59:59.999+00:00) must be after 'konan-evaluate-start'",
    );
  });
});
