// One place for how we talk HTTP: one exchange with a per-request timeout, URL joining that keeps a
// base's path prefix, and JSON parsing that keeps 64-bit ids exact.
import { isSafeNumber, parse } from 'lossless-json';
import { type Answer, exchange } from './transport.js';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
  /** Ends the request at once when aborted (a cancelled run); the error is then the signal's reason. */
  signal?: AbortSignal;
}

export type { Answer as HttpResponse } from './transport.js';

/** The request never got an HTTP answer (refused, reset, DNS, TLS) or timed out. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
    /** The system error code (ECONNREFUSED, ENOTFOUND, ECONNRESET...), when known. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** base + path as strings: `new URL(path, base)` would drop a path prefix of the base. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

export function withQuery(url: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

/** JSON.parse, except that integers beyond 2^53 come back as exact strings. */
export function parseJson(text: string): unknown {
  return parse(text, null, (value: string) => (isSafeNumber(value) ? Number(value) : value));
}

export async function send(req: HttpRequest): Promise<Answer> {
  // A timer cleared with the answer, not AbortSignal.timeout: that signal (and, through its abort
  // listener, the request and its body) would stay alive until the timeout, 60 s after a call that
  // took 50 ms; thousands of feedback batches then held ~60 MB.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([controller.signal, req.signal]) : controller.signal;
  try {
    return await exchange({ method: req.method, url: req.url, headers: req.headers ?? {}, body: req.body, signal });
  } catch (error) {
    if (req.signal?.aborted) throw req.signal.reason ?? error;
    const where = `${req.method} ${redactQuery(req.url)}`;
    if (controller.signal.aborted) {
      throw new TransportError(`${where}: no answer within ${Math.round(req.timeoutMs / 1000)}s`, true);
    }
    const code = (error as NodeJS.ErrnoException).code;
    throw new TransportError(`${where}: ${code ?? (error as Error).message}`, false, code);
  } finally {
    clearTimeout(timer);
  }
}

/** Query strings never carry secrets here, but keep logs short and safe anyway. */
function redactQuery(url: string): string {
  return url.split('?')[0];
}

/**
 * No answer, an unreadable answer, a 429 or a 5xx: the next try may well succeed. Any error carrying an HTTP `status`
 * (KonigleApiError, KonanApiError) is judged by it.
 */
export function isPassingFailure(error: unknown): boolean {
  if (error instanceof TransportError || error instanceof NotJsonError) return true;
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && (status === 429 || status >= 500);
}

/**
 * A server that answered but not with a usable body (a maintenance page, a proxy's HTML): like a
 * 5xx, it says nothing about the resource, so a poll may pass over it.
 */
export class NotJsonError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'NotJsonError';
  }
}

/**
 * Whether a mutating call's failure leaves it unknown whether the server acted: no usable answer
 * (reset, timeout, a 5xx or an unreadable 2xx) that is not a provable "did not act".
 */
export function mayHaveActed(error: unknown): boolean {
  if (serverDidNotAct(error)) return false;
  if (error instanceof TransportError || error instanceof NotJsonError) return true;
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 500;
}

/** Retry-After as seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Connection never made: the server cannot have seen the request. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether a mutating call (upload, promote, create) may be sent again: only when the server provably
 * did not act on it (no connection made, or a 429, or a 503 that says when to come back). A reset or
 * a timeout after the body left is ambiguous, so it is never retried.
 */
export function serverDidNotAct(error: unknown): boolean {
  if (error instanceof TransportError) return !error.timedOut && error.code !== undefined && NEVER_CONNECTED.has(error.code);
  const { status, retryAfterSeconds } = (error ?? {}) as { status?: unknown; retryAfterSeconds?: unknown };
  return status === 429 || (status === 503 && typeof retryAfterSeconds === 'number');
}

/** Waits ms; with a signal, ends early (rejecting with its reason) when it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
  return new Promise((resolve, reject) => {
    // Every signal here is aborted with an Error (RunCancelled, or a timeout's DOMException); passed on as is.
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
