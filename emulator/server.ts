// One loopback HTTP server for every emulated API, each under its own path prefix:
//   /konigle  Konigle Cloud     /konan  Konan auth + api     /github  GitHub REST
//   /_emulator/  control (seed, faults, read-back)
// A prefix on each base also proves clients join base + path as strings.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type ControlDeps, controlRouter } from './control.js';
import {
  echoedCredentials,
  FaultList,
  HttpError,
  json,
  readBody,
  type RecordedRequest,
  type Reply,
  type Req,
  type Router,
  send,
  type Service,
} from './core.js';
import { GitHubState, githubRouter } from './github.js';
import { konanRouter, KonanState } from './konan.js';
import { konigleRouter, KonigleState } from './konigle.js';

export interface EmulatorUrls {
  konigle: string;
  konan: string;
  github: string;
  control: string;
}

export interface Emulator {
  urls: EmulatorUrls;
  konigle: KonigleState;
  github: GitHubState;
  konan: KonanState;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const PREFIXES: [string, Service][] = [
  ['/konigle', 'konigle'],
  ['/github', 'github'],
  ['/konan', 'konan'],
  ['/_emulator', 'control'],
];

function konigleAuth(state: KonigleState, req: Req): Reply | undefined {
  const header = req.headers.authorization;
  if (!header) return json(401, { detail: 'Authentication credentials were not provided.' });
  const match = /^Token (.+)$/.exec(header);
  if (!match || !state.config.apiKeys.includes(match[1])) return json(401, { detail: 'Invalid token.' });
  return undefined;
}

export async function startEmulator(options: { port?: number; host?: string } = {}): Promise<Emulator> {
  const requests: RecordedRequest[] = [];
  const faults = new FaultList();
  let konigle = new KonigleState();
  let github = new GitHubState();
  let konan = new KonanState();
  const routers: Partial<Record<Service, Router>> = {};
  const build = () => {
    routers.konigle = konigleRouter(konigle);
    routers.github = githubRouter(github);
    routers.konan = konanRouter(konan);
  };
  // One object serves the tests (Emulator) and the control routes (ControlDeps): the getters read
  // the state a reset put in place.
  const emulator = {
    requests,
    faults,
    get konigle() {
      return konigle;
    },
    get github() {
      return github;
    },
    get konan() {
      return konan;
    },
    reset: () => {
      konigle = new KonigleState();
      github = new GitHubState();
      konan = new KonanState();
      faults.clear();
      requests.length = 0;
      build();
    },
  } as Emulator & ControlDeps;
  routers.control = controlRouter(emulator);
  build();

  async function handle(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(raw.url ?? '/', 'http://emulator');
    const prefix = PREFIXES.find(([p]) => url.pathname === p || url.pathname.startsWith(`${p}/`));
    if (!prefix) return send(res, json(404, { detail: `No emulated service at ${url.pathname}` }));
    const [path, service] = [url.pathname.slice(prefix[0].length) || '/', prefix[1]];
    const req: Req = {
      service,
      method: raw.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: raw.headers,
      base: `http://${raw.headers.host}${prefix[0]}`,
      raw,
    };
    const record: RecordedRequest = {
      service,
      method: req.method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(raw.headers).map(([k, v]) => [k, String(v)])),
      status: 0,
      at: new Date().toISOString(),
    };
    if (service !== 'control') requests.push(record);
    if (service === 'github' && req.method !== 'GET') {
      const body = await readBody(raw);
      record.body = body.toString('utf8');
      req.raw = Readable.from([body]) as unknown as IncomingMessage;
    }
    let reply: Reply;
    try {
      const fault = service === 'control' ? undefined : faults.take(req);
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs).unref());
      if (fault?.barrier) await faults.barrier(fault);
      const handleNormally = async (): Promise<Reply> => {
        if (service === 'konigle') {
          konigle.settle();
          return konigleAuth(konigle, req) ?? (await routers.konigle!.handle(req));
        }
        return routers[service]!.handle(req);
      };
      if (fault?.afterHandling) await handleNormally();
      if (fault?.reset) {
        record.status = -1;
        raw.socket.destroy();
        return;
      }
      if (fault?.status && fault.echoCredentials) {
        reply = json(fault.status, await echoedCredentials(req), fault.headers);
      } else if (fault?.status) {
        raw.resume();
        reply = json(fault.status, fault.body ?? { detail: `Injected fault ${fault.status}` }, fault.headers);
      } else {
        reply = await handleNormally();
        if (fault?.stallBodyMs) reply.stallMs = fault.stallBodyMs;
      }
    } catch (error) {
      reply = error instanceof HttpError ? json(error.status, error.body, error.headers) : json(500, { detail: `Emulator error: ${(error as Error).message}` });
      raw.resume();
    }
    record.status = reply.status;
    send(res, reply);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, json(500, { detail: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port, address } = server.address() as AddressInfo;
  const origin = `http://${address}:${port}`;
  emulator.urls = { konigle: `${origin}/konigle`, konan: `${origin}/konan`, github: `${origin}/github`, control: `${origin}/_emulator` };
  emulator.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return emulator;
}
