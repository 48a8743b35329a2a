// Shared set-up for the fault matrix (test/faults/*.test.ts): one emulator per file, a fresh web app
// per scenario, runs of the built action with every surface on (GitHub Deployments, outputs,
// summary), and read-backs of what the emulator received.
// A scenario is one `it('<scenario name>', …)`; its name is a row of the README's "What happens when".
import { beforeAll, beforeEach, expect } from '@jest/globals';
import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ActionRun, leaks, makeTree, type ParsedResult, resultOf as parsedResult, runAction } from '../helpers/action.js';
import { type EmulatorHandle, GITHUB_TOKEN, KONAN_KEY, KONIGLE_KEY, konigleInputs, useEmulator } from '../helpers/emulator.js';

export interface FaultSuite {
  emu: EmulatorHandle;
  app: { webapp_id: string; uat_space_id: string; production_space_id: string };
  workspace: string;
}

/** Registers the hooks of a fault file; the returned object is filled before each scenario. */
export function faultSuite(): FaultSuite {
  const suite = { emu: useEmulator() } as FaultSuite;
  beforeAll(async () => {
    suite.workspace = await makeTree({ 'index.html': '<h1>shop</h1>', 'server.js': 'console.log(1)' });
  });
  beforeEach(async () => {
    suite.app = await suite.emu.seedWebApp('shop');
  });
  return suite;
}

export interface RunOptions {
  env?: Record<string, string>;
  event?: { name: string; payload: unknown };
  workspace?: string;
}

/** Runs the built action against the emulator: Konigle inputs, GitHub Deployments on, fast polls. */
export async function run(suite: FaultSuite, inputs: Record<string, string> = {}, options: RunOptions = {}): Promise<ActionRun> {
  const result = await runAction({
    workspace: options.workspace ?? suite.workspace,
    inputs: konigleInputs(suite.emu, suite.app.webapp_id, inputs),
    env: { GITHUB_API_URL: suite.emu.urls.github, ...options.env },
    event: options.event,
  });
  expectNoSecret(result);
  return result;
}

/** No credential shows in what the run printed or wrote (runAction checks this too; said here for each scenario). */
export function expectNoSecret(result: ActionRun): void {
  for (const secret of [KONIGLE_KEY, GITHUB_TOKEN, KONAN_KEY]) expect(leaks(result, secret)).toBe(false);
}

/** The `result` output, parsed. */
export function resultOf(result: ActionRun): ParsedResult {
  expect(result.outputs.result).toBeDefined();
  return parsedResult(result);
}

/** The message the run failed with (the `::error::` line, decoded). */
export function errorOf(result: ActionRun): string {
  const line = result.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
  return line.slice('::error::'.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

/** What Konigle holds: uploads (deployments with an upload) and promotions. */
export async function releases(suite: FaultSuite) {
  const { deployments } = await suite.emu.konigleState();
  return { uploads: deployments.filter((d) => d.upload), promotions: deployments.filter((d) => d.promotedFrom) };
}

/** Requests Konigle received for a method and a path ending. */
export async function konigleCalls(suite: FaultSuite, method: string, pathEnd: string) {
  return (await suite.emu.requests('konigle')).filter((r) => r.method === method && r.path.endsWith(pathEnd));
}

/** Polls of Job ids received. */
export async function jobPolls(suite: FaultSuite) {
  return (await suite.emu.requests('konigle')).filter((r) => r.method === 'GET' && r.path.includes('/jobs/'));
}

/** Each GitHub Deployment as [environment, its status states in order]. */
export async function githubDeployments(suite: FaultSuite): Promise<[string, string[]][]> {
  const { deployments } = await suite.emu.githubState();
  return deployments.map((d) => [d.environment, d.statuses.map((s) => s.state)]);
}

/**
 * A front for the emulator that refuses connections when told: while `refusing`, nothing listens on
 * its port, so a client gets ECONNREFUSED, the one failure where the server provably did not act.
 * (The emulator itself cannot refuse: it must listen to hear its control calls.)
 */
export class RefusingFront {
  private server: Server;
  private port = 0;
  /** Requests (method and path) after which the front stops listening, once each. */
  private refuseAfter: { method: string; pathEnd: string; forMs: number }[] = [];
  refused = 0;

  private constructor(private readonly target: URL) {
    this.server = this.create();
  }

  static async start(targetOrigin: string): Promise<RefusingFront> {
    const front = new RefusingFront(new URL(targetOrigin));
    await front.listen();
    return front;
  }

  /** The base URL to give the action in place of the emulator's `urlOfEmulator`. */
  url(urlOfEmulator: string): string {
    const u = new URL(urlOfEmulator);
    return `http://127.0.0.1:${this.port}${u.pathname}`;
  }

  /** After answering the next `method … pathEnd`, refuse connections for `forMs`. */
  refuseAfterAnswering(method: string, pathEnd: string, forMs: number): void {
    this.refuseAfter.push({ method, pathEnd, forMs });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private create(): Server {
    return createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const rule = this.refuseAfter.findIndex((r) => r.method === req.method && path.endsWith(r.pathEnd));
      const upstream = httpRequest(
        { host: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers: { ...req.headers, host: this.target.host } },
        (answer) => {
          const headers = { ...answer.headers };
          if (rule >= 0) {
            const { forMs } = this.refuseAfter.splice(rule, 1)[0];
            // Stop listening before the answer leaves, and close this connection after it: the
            // client's next request must open a new connection, which is refused.
            headers.connection = 'close';
            this.pause(forMs);
          }
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
  }

  private pause(forMs: number): void {
    this.server.close();
    this.server.closeIdleConnections();
    this.refused++;
    setTimeout(() => {
      this.server = this.create();
      void this.listen();
    }, forMs).unref();
  }

  private async listen(): Promise<void> {
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
  }
}
