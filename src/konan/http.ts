// Konan api calls: Bearer auth, JSON, trailing slashes, a timeout on every call, and on a 401 one
// token renewal and one retry.
import { type HttpResponse, joinUrl, send } from '../http/request.js';
import { USER_AGENT } from '../version.js';
import type { KonanAuth } from './auth.js';
import { KonanAuthError, konanError } from './errors.js';

/** A request body already serialized (feedback batches are written straight into a Buffer, without an object per row). */
export class JsonText {
  constructor(readonly data: string | Buffer) {}
}

/** One JSON request to a Konan host (auth or api): the headers every Konan call sends, and a timeout. */
export function requestJson(method: string, base: string, path: string, body: unknown, timeoutMs: number, token?: string): Promise<HttpResponse> {
  return send({
    method,
    url: joinUrl(base, path),
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    },
    body: body === undefined ? undefined : body instanceof JsonText ? body.data : JSON.stringify(body),
    timeoutMs,
  });
}

/** A 2xx answer's JSON body; anything else throws a KonanApiError with the server's words. */
export function jsonAnswer(endpoint: string, res: HttpResponse): unknown {
  if (res.status < 200 || res.status > 299) throw konanError(endpoint, res.status, res.text, res.headers);
  if (res.text.trim() === '') return undefined;
  try {
    // Konan's ids are UUID strings: plain JSON.parse, many times faster than the lossless parser.
    return JSON.parse(res.text) as unknown;
  } catch {
    throw new Error(`Konan API ${endpoint} answered ${res.status} with a body that is not JSON: ${res.text.slice(0, 200)}`);
  }
}

export class KonanHttp {
  constructor(private readonly options: { apiUrl: string; auth: KonanAuth; timeoutMs?: number }) {}

  post(path: string, body: unknown): Promise<{ status: number; body: unknown; endpoint: string }> {
    return this.request('POST', path, body);
  }

  get(path: string): Promise<{ status: number; body: unknown; endpoint: string }> {
    return this.request('GET', path);
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; endpoint: string }> {
    const endpoint = `${method} ${path}`;
    let token = await this.options.auth.token();
    for (let attempt = 0; ; attempt++) {
      const res = await requestJson(method, this.options.apiUrl, path, body, this.options.timeoutMs ?? 60_000, token);
      if (res.status === 401) {
        if (attempt > 0)
          throw new KonanAuthError(`Konan API ${endpoint} answered 401 again after renewing the token: ${konanError(endpoint, 401, res.text).detail}`);
        token = await this.options.auth.renewAfter401(token);
        continue;
      }
      return { status: res.status, body: jsonAnswer(endpoint, res), endpoint };
    }
  }
}
