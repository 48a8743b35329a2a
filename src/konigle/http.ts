// The Konigle Cloud transport: Token auth, JSON in and out, the DRF list envelope.
import * as core from '../actions/core.js';
import pRetry from 'p-retry';
import { type MultipartFile, postMultipart } from '../http/multipart.js';
import { type HttpResponse, isPassingFailure, joinUrl, NotJsonError, parseJson, send, serverDidNotAct, sleep, withQuery } from '../http/request.js';
import { USER_AGENT } from '../version.js';
import { errorFromResponse, KonigleApiError } from './errors.js';

export interface KonigleOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

export interface RequestOptions {
  json?: unknown;
  timeoutMs?: number;
  /**
   * true: retry passing failures (the default for GETs). 'if-not-acted': for a mutating call (promote,
   * create), retry only when the server provably did not act (serverDidNotAct). Default for others: no retry.
   */
  retry?: boolean | 'if-not-acted';
  /** Parses a 2xx body; default parseJson (keeps 64-bit ids exact). */
  parse?: (text: string) => unknown;
  signal?: AbortSignal;
}

export class KonigleHttp {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: KonigleOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      Authorization: `Token ${this.options.apiKey}`,
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
      ...extra,
    };
  }

  /**
   * One call. GETs are retried (3 more tries, backing off from 1 s; a 429's or 503's wait is honoured)
   * on no answer, 429 or 5xx. A mutating call is retried only with `retry: 'if-not-acted'` and only
   * when the server provably did not act: otherwise a second try could create a second release.
   */
  async request(method: string, path: string, options: RequestOptions = {}) {
    const retry = options.retry ?? method === 'GET';
    if (!retry) return this.once(method, path, options);
    const mayRetry = retry === 'if-not-acted' ? serverDidNotAct : isPassingFailure;
    return pRetry(() => this.once(method, path, options), {
      retries: 3,
      minTimeout: 1000,
      factor: 2,
      signal: options.signal,
      shouldRetry: ({ error }) => mayRetry(error),
      onFailedAttempt: async ({ error, retriesLeft, attemptNumber }) => {
        if (!mayRetry(error) || retriesLeft === 0) return;
        core.info(`${error.message}; trying again (${retriesLeft} left)`);
        // The server's wait (at most a minute) replaces the backoff when longer; the two do not add up.
        const wait = error instanceof KonigleApiError ? error.retryAfterSeconds : undefined;
        // p-retry's own backoff before the next try (minTimeout × factor^(attempt-1), not randomised).
        const backoffMs = 1000 * 2 ** (attemptNumber - 1);
        if (wait) await sleep(Math.max(0, Math.min(wait, 60) * 1000 - backoffMs), options.signal);
      },
    });
  }

  private async once(method: string, path: string, { json, timeoutMs, parse, signal }: RequestOptions) {
    const url = path.startsWith('http') ? path : joinUrl(this.base, path);
    const headers = this.headers(json !== undefined ? { 'Content-Type': 'application/json' } : {});
    const res = await send({
      method,
      url,
      headers,
      body: json !== undefined ? JSON.stringify(json) : undefined,
      timeoutMs: timeoutMs ?? this.timeoutMs,
      signal,
    });
    return this.answer(method, url, res, parse);
  }

  /** One multipart POST whose file part is streamed from disk; never retried here (see deployToSpace). */
  async upload(path: string, fields: Record<string, string>, file: MultipartFile, timeoutMs: number) {
    const url = joinUrl(this.base, path);
    const res = await postMultipart({ url, headers: this.headers(), fields, file, timeoutMs });
    return this.answer('POST', url, res);
  }

  private answer(method: string, url: string, res: HttpResponse, parse?: (text: string) => unknown) {
    const endpoint = `${method} ${url.slice(this.base.length).split('?')[0] || '/'}`;
    if (res.status < 200 || res.status > 299) throw errorFromResponse(endpoint, res.status, res.text, res.headers);
    if (res.text.trim() === '') return { endpoint, body: undefined as unknown };
    try {
      return { endpoint, body: (parse ?? parseJson)(res.text) };
    } catch {
      const type = res.headers.get('content-type') ?? 'no content type';
      throw new NotJsonError(`Konigle API ${endpoint} answered ${res.status} with a body that is not JSON (${type}): ${res.text.slice(0, 200)}`, res.status);
    }
  }

  /** GET a paginated list, following `next` until null; `payload` is accepted in place of `results`. */
  async list(path: string, query: Record<string, string | undefined>, pageSize = 100): Promise<{ endpoint: string; items: unknown[] }> {
    let url: string | undefined = withQuery(joinUrl(this.base, path), { page: 1, page_size: pageSize, ...query });
    const items: unknown[] = [];
    let endpoint = `GET ${path}`;
    for (let pages = 0; url; pages++) {
      if (pages >= 1000) throw new Error(`Konigle API ${endpoint}: more than 1000 pages, giving up`);
      const res: { endpoint: string; body: unknown } = await this.request('GET', url);
      endpoint = res.endpoint;
      const page = res.body as { results?: unknown; payload?: unknown; next?: unknown } | undefined;
      const results = page?.results ?? page?.payload;
      if (!Array.isArray(results)) throw new Error(`Konigle API ${endpoint}: answer has no 'results' list`);
      items.push(...(results as unknown[]));
      url = typeof page?.next === 'string' && page.next ? this.sameOrigin(page.next, endpoint) : undefined;
    }
    return { endpoint, items };
  }

  /** Our token goes only to the configured host, whatever a `next` link says. */
  private sameOrigin(next: string, endpoint: string): string {
    const nextUrl = new URL(next, this.base + '/');
    if (nextUrl.origin !== new URL(this.base).origin) {
      throw new Error(`Konigle API ${endpoint}: 'next' points to another host (${nextUrl.origin}); not following it`);
    }
    return nextUrl.href;
  }
}
