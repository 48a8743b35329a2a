// Time windows for Konan's evaluate call: a window such as `7d` ending now, or ISO 8601 start and
// end times. A time without an offset is read as UTC (never the runner's zone), and every time is
// sent with an explicit offset, since the server reads a naive time in its own zone.

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30m`, `12h`, `7d`, `2w` as milliseconds; undefined otherwise. */
export function parseWindow(text: string): number | undefined {
  const match = /^(\d+)\s*([mhdw])$/i.exec(text.trim());
  if (!match || Number(match[1]) === 0) return undefined;
  return Number(match[1]) * UNIT_MS[match[2].toLowerCase()];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** An ISO 8601 date or date-time as epoch ms; without an offset it is UTC. undefined when it is not one. */
export function parseIsoTime(text: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over into March: such a date is not one.
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (!offset || offset.toUpperCase() === 'Z') return utc;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  if (minutes > 18 * 60) return undefined;
  return utc - sign * minutes * 60_000;
}

/** ISO 8601 in UTC with an explicit `+00:00` offset (Konan and Python's fromisoformat both read it). */
export function withOffset(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

export interface TimeWindow {
  start: number;
  end: number;
}

/**
 * The window from the inputs: `window` ending now, or `start` .. `end` (end defaults to now).
 * undefined when none is set; throws a message naming the input when they do not make a window.
 */
export function resolveWindow(options: { window?: number; start?: number; end?: number }, now = Date.now()): TimeWindow | undefined {
  const { window, start, end } = options;
  if (window !== undefined && (start !== undefined || end !== undefined)) {
    throw new Error("Inputs 'konan-evaluate-window' and 'konan-evaluate-start'/'konan-evaluate-end' are both set: use one or the other");
  }
  if (window !== undefined) return { start: now - window, end: now };
  if (start === undefined && end === undefined) return undefined;
  if (start === undefined) throw new Error("Input 'konan-evaluate-start' is required with 'konan-evaluate-end'");
  const until = end ?? now;
  if (until <= start) throw new Error(`Input 'konan-evaluate-end' (${withOffset(until)}) must be after 'konan-evaluate-start' (${withOffset(start)})`);
  return { start, end: until };
}
