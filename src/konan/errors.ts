// One error type for Konan answers, carrying the status and the server's words.
import { serverMessage } from '../konigle/errors.js';

export class KonanApiError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly detail: string,
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

export function konanError(endpoint: string, status: number, text: string): KonanApiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return new KonanApiError(endpoint, status, serverMessage(body, status));
}
