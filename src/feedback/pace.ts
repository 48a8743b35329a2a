// How many feedback batches may be in flight, adapted to how Konan copes (AIMD, as TCP does):
// a 429 halves the limit and holds every new request until its Retry-After has passed; an answer
// much slower than the fastest recent one cuts the limit by a third; every answer in good time
// adds back a little, up to the configured feedback-concurrency.

/** Latency counts as "rising" above this multiple of the recent best, and at least this many ms over it. */
const SLOW_FACTOR = 2.5;
const SLOW_MARGIN_MS = 100;
/** When a 429 gives no Retry-After. */
const DEFAULT_HOLD_MS = 1000;
/** A Retry-After past this is not waited for in full (bounded waits). */
const MAX_HOLD_MS = 60_000;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export class Pace {
  /** Allowed in flight; fractional so that recovery adds ~1 per round of answers. */
  private allowed: number;
  private inFlight = 0;
  private holdUntil = 0;
  private lastCut = -Infinity;
  /** The fastest recent answer (ms), drifting up slowly so a server that got slower for good is re-learnt. */
  private best?: number;
  private waiters: (() => void)[] = [];
  private timer?: NodeJS.Timeout;
  /** How many times the limit was cut, and the lowest it went: for the log. */
  cuts = 0;
  lowest: number;

  constructor(
    readonly max: number,
    private readonly now: () => number = Date.now,
  ) {
    this.allowed = max;
    this.lowest = max;
  }

  get limit(): number {
    return Math.max(1, Math.floor(this.allowed));
  }

  /** Resolves when a request may start (counted in flight until `done`); rejects with Cancelled when the signal fires. */
  async acquire(signal?: AbortSignal): Promise<void> {
    while (this.inFlight >= this.limit || this.now() < this.holdUntil) {
      if (signal?.aborted) throw new Cancelled();
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.waiters.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
        this.armTimer();
      });
    }
    if (signal?.aborted) throw new Cancelled();
    this.inFlight++;
  }

  /** A request answered in `latencyMs` (any answer but a 429). */
  answered(latencyMs: number): void {
    this.inFlight--;
    const best = this.best === undefined ? latencyMs : Math.min(latencyMs, this.best * 1.02);
    this.best = best;
    if (latencyMs > best * SLOW_FACTOR && latencyMs > best + SLOW_MARGIN_MS) this.cut(2 / 3, latencyMs);
    else this.allowed = Math.min(this.max, this.allowed + 1 / this.limit);
    this.wakeAll();
  }

  /** A request failed without a usable answer (no backoff signal: that is the retry policy's business). */
  failed(): void {
    this.inFlight--;
    this.wakeAll();
  }

  /** A 429: hold every new request for Retry-After (or a second), and halve the limit. */
  throttled(retryAfterSeconds: number | undefined): number {
    this.inFlight--;
    const hold = Math.min(MAX_HOLD_MS, retryAfterSeconds === undefined ? DEFAULT_HOLD_MS : retryAfterSeconds * 1000);
    this.holdUntil = Math.max(this.holdUntil, this.now() + hold);
    this.cut(1 / 2, hold);
    this.wakeAll();
    return hold;
  }

  /** Cuts at most once per `window` ms: the answers of batches already in flight report the same trouble. */
  private cut(factor: number, window: number): void {
    const now = this.now();
    if (now - this.lastCut < Math.max(window, this.best ?? 0)) return;
    this.lastCut = now;
    this.allowed = Math.max(1, this.allowed * factor);
    this.cuts++;
    this.lowest = Math.min(this.lowest, this.limit);
  }

  private armTimer(): void {
    const wait = this.holdUntil - this.now();
    if (wait <= 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wakeAll();
    }, wait);
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
