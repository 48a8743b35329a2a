// Text-bodied requests (Konan's JSON calls) over node:http with a keep-alive agent, instead of fetch:
// over a million feedback rows, fetch's per-call objects (Request, Response, web streams, headers)
// outlive the call long enough to reach V8's old generation, and the send pass peaked ~30 MB higher.
import http from 'node:http';
import https from 'node:https';
import { type HttpResponse, TransportError } from './request.js';

export interface TextRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** The headers of an answer as a fetch Headers, which the error builders read (Retry-After). */
export function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/** One request to its whole answer; no answer within timeoutMs (body included) is a TransportError, as with `send`. */
export function sendText(req: TextRequest): Promise<HttpResponse> {
  const url = new URL(req.url);
  const where = `${req.method} ${req.url.split('?')[0]}`;
  const secure = url.protocol === 'https:';
  const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
  return new Promise<HttpResponse>((resolve, reject) => {
    let timedOut = false;
    const request = (secure ? https : http).request(url, {
      method: req.method,
      headers: body ? { ...req.headers, 'Content-Length': String(body.length) } : req.headers,
      agent: secure ? agents.https : agents.http,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy();
    }, req.timeoutMs);
    const fail = (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (timedOut) reject(new TransportError(`${where}: no answer within ${Math.round(req.timeoutMs / 1000)}s`, true));
      else reject(new TransportError(`${where}: ${error.code ?? error.message}`, false, error.code));
    };
    request.on('error', fail);
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: toHeaders(res.headers), text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(body);
  });
}
