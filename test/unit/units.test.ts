import { describe, expect, it } from '@jest/globals';
import { formatBytes, formatDuration, parseBoolean, parseDuration, parseSize } from '../../src/units.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['20m', 1_200_000],
    ['1h', 3_600_000],
    ['1.5m', 90_000],
    ['250ms', 250],
    [' 2 M ', 120_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['20', '20x', 'm', '-5s', '0s', '1d', '20m30s', ''])('rejects %p', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('parseSize', () => {
  it.each([
    ['512MB', 512 * 1024 ** 2],
    ['2 GB', 2 * 1024 ** 3],
    ['100kb', 102_400],
    ['10B', 10],
  ])('%s → %d bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(['512', '512MiB', 'big', '-1MB', '1TB'])('rejects %p', (text) => expect(parseSize(text)).toBeUndefined());
});

describe('parseBoolean', () => {
  it('takes the YAML core booleans only', () => {
    expect(['true', 'True', 'TRUE'].map(parseBoolean)).toEqual([true, true, true]);
    expect(['false', 'False', 'FALSE'].map(parseBoolean)).toEqual([false, false, false]);
    expect(['yes', '1', 'tRue', 'on', ''].map(parseBoolean)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('formatting', () => {
  it('prints durations and sizes for people', () => {
    expect(formatDuration(1_200_000)).toBe('20m');
    expect(formatDuration(95_000)).toBe('1m 35s');
    expect(formatDuration(400)).toBe('400ms');
    expect(formatBytes(512 * 1024 ** 2)).toBe('512 MB');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
});
