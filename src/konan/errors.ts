// One error type for Konan answers, carrying the status and the server's words.
import type { ResponseHeaders } from '../http/transport.js';
import { retryAfterSeconds } from '../http/request.js';
import { serverMessage } from '../konigle/errors.js';

export class KonanApiError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly detail: string,
    /** From a 429's or 503's Retry-After header (seconds), when it gave one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Konan API ${endpoint} answered ${status}: ${detail}`);
    this.name = 'KonanApiError';
  }
}

/** Login or refresh failed in a way a retry will not fix (wrong key, expired account). */
export class KonanAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KonanAuthError';
  }
}

export function konanError(endpoint: string, status: number, text: string, headers?: ResponseHeaders): KonanApiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const retryAfter = status === 429 || status === 503 ? retryAfterSeconds(headers?.get('retry-after')) : undefined;
  return new KonanApiError(endpoint, status, serverMessage(body, status), retryAfter);
}

/** A 2xx answer without what the call is for, in the words every Konan call uses. */
export function missingInAnswer(endpoint: string, what: string, body: unknown): Error {
  return new Error(`Konan API ${endpoint}: the answer has no ${what}: ${JSON.stringify(body ?? null).slice(0, 300)}`);
}
