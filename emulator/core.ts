// The emulator's HTTP plumbing: routing by service prefix, the request record, injected faults.
// It imports nothing from src/: it follows the contracts, not our client.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LosslessNumber, stringify } from 'lossless-json';

export type Service = 'konigle' | 'konan' | 'github' | 'control';

export interface RecordedRequest {
  service: Service;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  status: number;
  at: string;
  /** The body of a GitHub write, as received: tests check nothing secret reached GitHub. */
  body?: string;
}

export interface Fault {
  service?: Service;
  method?: string;
  /** Matches when the path (without the service prefix) contains this text. */
  path?: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Answer as usual, but send only the headers and half the body, the rest this much later (a stalled body). */
  stallBodyMs?: number;
  /** Handle the request as usual first, then answer with the fault (a failure that hides a success). */
  afterHandling?: boolean;
  /**
   * Answer `status` with an error body that echoes the request's credentials, as a careless
   * server would: its Authorization header and, for a JSON request, the body it sent.
   */
  echoCredentials?: boolean;
  /** How many requests it applies to; default 1, 0 = every one. */
  times?: number;
  /**
   * Hold each matching request until all `times` of them have arrived (at most 10 s), then let
   * them all go on: two clients racing are made to interleave, whatever their timing.
   */
  barrier?: boolean;
}

const BARRIER_MAX_MS = 10_000;

export interface Req {
  service: Service;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Absolute base of this service as the client reached it, for `next` links. */
  base: string;
  raw: IncomingMessage;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the first half of the body, the rest after this many ms. */
  stallMs?: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });

/** A snowflake id rendered as a bare JSON number, as Django serializes a BigAutoField. */
export const bigId = (id: string) => new LosslessNumber(id);

/** Timestamps as the services send them. */
export const now = () => new Date().toISOString();

/** The item, or the services' 404 (DRF's body by default). */
export function found<T>(item: T | undefined, body: unknown = { detail: 'Not found.' }): T {
  if (!item) throw new HttpError(404, body);
  return item;
}

/** DRF's 400 for fields that are missing, null or empty. */
export function requireFields(body: Record<string, unknown>, fields: string[]): void {
  const missing = fields.filter((f) => body[f] === undefined || body[f] === null || body[f] === '');
  if (missing.length) throw new HttpError(400, Object.fromEntries(missing.map((f) => [f, ['This field is required.']])));
}

export async function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, { detail: 'Request body too large.' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, { detail: 'JSON parse error.' });
  }
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' ? reply.body : (stringify(reply.body) ?? '');
    headers['content-type'] ??= typeof reply.body === 'string' ? 'text/plain' : 'application/json';
  }
  if (!reply.stallMs) {
    res.writeHead(reply.status, headers);
    res.end(payload);
    return;
  }
  const bytes = Buffer.from(payload);
  const half = Math.floor(bytes.length / 2);
  res.writeHead(reply.status, { ...headers, 'content-length': String(bytes.length) });
  res.write(bytes.subarray(0, half));
  setTimeout(() => res.end(bytes.subarray(half)), reply.stallMs).unref();
}

/** The error body of an `echoCredentials` fault (reads the request body). */
export async function echoedCredentials(req: Req): Promise<Record<string, unknown>> {
  const authorization = String(req.headers.authorization ?? '');
  const isJson = String(req.headers['content-type'] ?? '').includes('json');
  const text = isJson ? (await readBody(req.raw)).toString('utf8') : (req.raw.resume(), '');
  return {
    detail: `Invalid credentials. Authorization: ${authorization || '(none)'}${text ? `; request body: ${text}` : ''}`,
    echo: { authorization, body: text ? (JSON.parse(text) as unknown) : undefined },
  };
}

type ActiveFault = Fault & { left: number; waiting: (() => void)[] };

export class FaultList {
  private faults: ActiveFault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1, waiting: [] });
  }

  /** Waits until every request of a barrier fault has arrived (see Fault.barrier). */
  async barrier(fault: Fault): Promise<void> {
    const active = fault as ActiveFault;
    if (active.left === 0) {
      for (const release of active.waiting.splice(0)) release();
      return;
    }
    await new Promise<void>((resolve) => {
      active.waiting.push(resolve);
      setTimeout(resolve, BARRIER_MAX_MS).unref();
    });
  }

  clear(): void {
    this.faults = [];
  }

  take(req: Pick<Req, 'service' | 'method' | 'path'>): Fault | undefined {
    const index = this.faults.findIndex(
      (f) => (!f.service || f.service === req.service) && (!f.method || f.method.toUpperCase() === req.method) && (!f.path || req.path.includes(f.path)),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (fault.left > 0 && --fault.left === 0) this.faults.splice(index, 1);
    return fault;
  }
}

/** The page arithmetic every emulated list shares (`page` from 1); each service renders its own envelope. */
export function pageOf<T>(req: Req, items: T[], size: number) {
  const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const pages = Math.max(1, Math.ceil(items.length / size));
  /** This list's URL at page n, other query parameters kept. */
  const link = (n: number, extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(n));
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${req.base}${req.path}?${q.toString()}`;
  };
  return { page, pages, slice: items.slice((page - 1) * size, page * size), link };
}

/** A page size from the query, within 1..100. */
export const pageSize = (req: Req, param: string, fallback: number) => Math.min(100, Math.max(1, Number(req.query.get(param) ?? fallback) || fallback));

export type Handler = (req: Req) => Promise<Reply> | Reply;

/** Tiny router: `:name` segments, exact match (a trailing slash is a different path). */
export class Router {
  private routes: { method: string; parts: string[]; handler: (req: Req, params: Record<string, string>) => Promise<Reply> | Reply }[] = [];

  /** `unmatched` answers a method and path no route knows (default 405 / 404; a service may say 501 Not Implemented instead). */
  constructor(private readonly unmatched?: Handler) {}

  on(method: string, pattern: string, handler: (req: Req, params: Record<string, string>) => Promise<Reply> | Reply): this {
    this.routes.push({ method, parts: pattern.split('/'), handler });
    return this;
  }

  async handle(req: Req): Promise<Reply> {
    const parts = req.path.split('/');
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.parts.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.parts.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i])), parts[i] !== '') : p === parts[i]));
      if (!ok) continue;
      pathMatched = true;
      if (route.method === req.method) return route.handler(req, params);
    }
    if (this.unmatched) return this.unmatched(req);
    if (pathMatched) return json(405, { detail: `Method "${req.method}" not allowed.` });
    return json(404, { detail: 'Not found.' });
  }
}
