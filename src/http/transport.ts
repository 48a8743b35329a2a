// One HTTP exchange on node:http(s): the request, its answer read whole, redirects followed as
// fetch would. Not fetch: loading Node's fetch (undici) alone cost ~25 ms before the first
// request of every run (bench/RESULTS.md, start-up), and each call allocated streams and objects
// a feedback run of thousands of batches did not need.
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, constants, gunzipSync, inflateSync } from 'node:zlib';

/** The answer's headers, read by name whatever their case (what callers used of fetch's Headers). */
export class ResponseHeaders {
  private readonly values = new Map<string, string>();

  constructor(raw: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw))
      if (value !== undefined) this.values.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
  }

  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null;
  }
}

export interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Destroys the request: its error is then the one the exchange rejects with. */
  signal: AbortSignal;
}

export interface Answer {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20; // fetch's limit

/** A redirect not followed: a loop, or one that would carry the request body to another origin. */
export class RedirectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedirectError';
  }
}

/** The request; the answer's body read whole and decoded. Rejects with the socket's error (its `code` kept) or the signal's reason. */
export async function exchange(request: Exchange): Promise<Answer> {
  let { method, url, body } = request;
  const headers = { ...request.headers };
  for (let hops = 0; ; hops++) {
    const res = await once(method, url, headers, body, request.signal);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location) {
      const raw = await readAll(res);
      return { status: res.statusCode ?? 0, headers: new ResponseHeaders(res.headers), text: decode(raw, res.headers['content-encoding']) };
    }
    res.resume();
    if (hops >= MAX_REDIRECTS) throw new RedirectError(`more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, url);
    // As fetch does: 303, and 301/302 after a POST, go on as a GET without the body.
    if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
      for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name];
    }
    if (next.origin !== new URL(url).origin) {
      // Unlike fetch: a body (an API key, a password, a promotion) never follows a redirect to another origin.
      if (body !== undefined) throw new RedirectError(`answered ${res.statusCode} to another origin (${next.origin}); not sending the request there`);
      for (const name of Object.keys(headers)) if (/^(authorization|cookie)$/i.test(name)) delete headers[name];
    }
    url = next.href;
  }
}

function once(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = { ...headers, 'Accept-Encoding': 'gzip, deflate, br' };
    if (body !== undefined) Object.assign(outgoing, { 'Content-Length': String(Buffer.byteLength(body)) });
    const req = transport.request(target, { method, headers: outgoing, signal });
    req.on('error', (error) => reject(signal.aborted ? (signal.reason as Error) : error));
    req.on('response', resolve);
    req.end(body);
  });
}

async function readAll(res: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sync flushes, as fetch decodes: a body cut short still gives what arrived. */
const LENIENT = { finishFlush: constants.Z_SYNC_FLUSH };

/** The body as text: decompressed as its Content-Encoding says (an empty body as is), without a leading BOM, as fetch's text() gives it. */
function decode(raw: Buffer, contentEncoding: string | undefined): string {
  let bytes = raw;
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  for (const coding of bytes.length ? codings.reverse() : []) {
    if (coding === 'gzip' || coding === 'x-gzip') bytes = gunzipSync(bytes, LENIENT);
    else if (coding === 'deflate') bytes = inflateSync(bytes, LENIENT);
    else if (coding === 'br') bytes = brotliDecompressSync(bytes);
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
