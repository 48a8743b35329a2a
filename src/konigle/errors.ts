// Maps a non-2xx Konigle answer to one error type carrying status, kind and the server's words.
import type { ResponseHeaders } from '../http/transport.js';
import { parseJson, retryAfterSeconds } from '../http/request.js';

export type KonigleErrorKind = 'validation' | 'authentication' | 'authorization' | 'not_found' | 'conflict' | 'rate_limit' | 'server' | 'unexpected';

export function errorKind(status: number): KonigleErrorKind {
  if (status === 400) return 'validation';
  if (status === 401) return 'authentication';
  if (status === 403) return 'authorization';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'server';
  return 'unexpected';
}

const HINTS: Partial<Record<KonigleErrorKind, string>> = {
  authentication: 'check the api-key input (KONIGLE_API_KEY)',
  authorization: 'the API key is valid but may not access this resource',
};

export class KonigleApiError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly kind: KonigleErrorKind,
    readonly detail: string,
    readonly body: string,
    readonly retryAfterSeconds?: number,
  ) {
    const hint = HINTS[kind] ? ` (${HINTS[kind]})` : '';
    super(`Konigle API ${endpoint} answered ${status} ${kind}: ${detail}${hint}`);
    this.name = 'KonigleApiError';
  }
}

/** DRF bodies: {"detail"}, {"message"}, or {"field": ["msg", ...]}; anything else: HTTP <code>. */
export function serverMessage(body: unknown, status: number): string {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const obj = body as Record<string, unknown>;
    if (typeof obj.detail === 'string') return obj.detail;
    if (typeof obj.message === 'string') return obj.message;
    const fields = Object.entries(obj)
      .filter((entry): entry is [string, string | unknown[]] => Array.isArray(entry[1]) || typeof entry[1] === 'string')
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' ') : v}`);
    if (fields.length) return fields.join('; ');
  }
  return `HTTP ${status}`;
}

export function errorFromResponse(endpoint: string, status: number, text: string, headers?: ResponseHeaders): KonigleApiError {
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    body = undefined;
  }
  const kind = errorKind(status);
  // A 429 says when to come back in its body or header; a 503 may say it in the header, which
  // also tells that the server did not act on the request (see serverDidNotAct).
  let retryAfter: number | undefined;
  if (kind === 'rate_limit' || status === 503) {
    const fromBody = (body as { retry_after?: unknown } | undefined)?.retry_after;
    const fromHeader = retryAfterSeconds(headers?.get('retry-after'));
    retryAfter = kind === 'rate_limit' && typeof fromBody === 'number' ? fromBody : fromHeader;
  }
  return new KonigleApiError(endpoint, status, kind, serverMessage(body, status), text.slice(0, 2000), retryAfter);
}
