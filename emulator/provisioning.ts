// Konigle Computers and WebApps as the contract describes them: created by name, each through a
// provisioning Job. A Computer goes provisioning → ready (with a public IP) or error; a new WebApp
// gets its uat and production Spaces, provisioning → running (or error). A control switch makes
// provisioning fail, with log lines saying why.
import { parse } from 'lossless-json';
import { found, HttpError, json, now, readBody, type Reply, type Req, requireFields, type Router } from './core.js';
import { createJob, type EmuJob } from './jobs.js';
import type { KonigleState } from './konigle.js';

export type ProvisioningTarget = 'computer' | 'webapp';

export interface ProvisioningSwitch {
  /** Which kind of provisioning Job fails; `none` (the default) lets both succeed. */
  fail: ProvisioningTarget | 'none';
  /** Log lines of the failing Job (default: a plausible failure). */
  log?: unknown[];
}

export interface EmuComputer {
  id: string;
  name: string;
  display_name: string;
  emoji: string;
  region: string;
  size: string;
  status: 'provisioning' | 'ready' | 'error' | 'destroy_scheduled' | 'destroying';
  public_ip: string | null;
  created_at: string;
}

const SIZES = ['S', 'M', 'L'];
const RUNTIMES = ['python3', 'nodejs'];

/** A JSON body with every number kept as its exact text, as Django reads a 64-bit id. */
async function readBody64(req: Req): Promise<Record<string, unknown>> {
  const text = (await readBody(req.raw)).toString('utf8');
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = parse(text, null, (value) => value);
  } catch {
    throw new HttpError(400, { detail: 'JSON parse error.' });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, { non_field_errors: ['Invalid data. Expected a dictionary.'] });
  return body as Record<string, unknown>;
}

/** A CharField as DRF reads it: text, or a number turned into text; anything else is a 400. */
function charField(body: Record<string, unknown>, field: string, fallback: string): string {
  const value = body[field] ?? fallback;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new HttpError(400, { [field]: ['Not a valid string.'] });
}

function choice(body: Record<string, unknown>, field: string, allowed: string[], optional = false): string | undefined {
  const value = body[field];
  if (optional && (value === undefined || value === null)) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) throw new HttpError(400, { [field]: [`"${String(value)}" is not a valid choice.`] });
  return value;
}

function provisioningLog(target: ProvisioningTarget, name: string, failed: boolean, custom?: unknown[]): unknown[] {
  const steps =
    target === 'computer'
      ? [
          { timestamp: now(), level: 'info', message: `Creating VM '${name}'` },
          'Waiting for the VM to boot',
          { msg: 'Installing base packages', levelname: 'INFO' },
        ]
      : [
          { timestamp: now(), level: 'info', message: `Creating web app '${name}'` },
          'Creating Spaces uat and production',
          { text: 'Configuring the web server' },
        ];
  if (failed)
    return [
      ...steps,
      ...(custom ?? [
        {
          timestamp: now(),
          level: 'error',
          message:
            target === 'computer' ? 'VM creation failed: the region has no capacity for this size' : 'Web server configuration failed: nginx -t exited 1',
        },
      ]),
    ];
  return [...steps, target === 'computer' ? 'VM is ready' : 'Spaces are running'];
}

/** A provisioning Job for `target`; `onEnd` applies its outcome to the resource. */
function startProvisioning(state: KonigleState, target: ProvisioningTarget, name: string, onEnd: (status: string) => void): EmuJob {
  const failed = state.provisioning.fail === target;
  const job = createJob(
    target === 'computer' ? 'provision_computer' : 'provision_webapp',
    {
      outcome: failed ? 'failed' : 'success',
      durationMs: state.config.jobDurationMs,
      log: provisioningLog(target, name, failed, state.provisioning.log),
    },
    target,
  );
  job.onEnd = onEnd;
  state.jobs.set(job.id, job);
  return job;
}

/** The create answer: the resource with `job_id`, or `{"<key>": resource, "job_id"}` (config.createAnswer). */
function created(state: KonigleState, key: ProvisioningTarget, resource: Record<string, unknown>, jobId: string): Reply {
  const shape = state.config.createAnswer === 'mixed' ? (key === 'computer' ? 'wrapped' : 'flat') : state.config.createAnswer;
  return json(201, shape === 'wrapped' ? { [key]: resource, job_id: jobId } : { ...resource, job_id: jobId });
}

export function createComputer(state: KonigleState, body: Record<string, unknown>): { computer: EmuComputer; job: EmuJob } {
  requireFields(body, ['display_name', 'size', 'region']);
  const size = choice(body, 'size', SIZES)!;
  const id = state.newId();
  const name = body.name === undefined || body.name === null || body.name === '' ? `computer-${id.slice(-6)}` : charField(body, 'name', '');
  if ([...state.computers.values()].some((c) => c.name === name)) throw new HttpError(400, { name: ['computer with this name already exists.'] });
  const computer: EmuComputer = {
    id,
    name,
    display_name: String(body.display_name),
    emoji: charField(body, 'emoji', ''),
    region: String(body.region),
    size,
    status: 'provisioning',
    public_ip: null,
    created_at: now(),
  };
  state.computers.set(id, computer);
  const job = startProvisioning(state, 'computer', name, (status) => {
    computer.status = status === 'success' ? 'ready' : 'error';
    if (status === 'success') computer.public_ip = `203.0.113.${10 + state.computers.size}`;
  });
  return { computer, job };
}

export function provisioningRoutes(router: Router, state: KonigleState, render: (r: Record<string, unknown>) => Record<string, unknown>, base: string): Router {
  const byName = <T extends { name: string }>(req: Req, items: Iterable<T>) => {
    const name = req.query.get('name');
    return [...items].filter((item) => !name || item.name === name).map((item) => render({ ...item }));
  };
  return router
    .on('GET', `${base}/computers`, (req) => state.page(req, byName(req, state.computers.values())))
    .on('GET', `${base}/computers/:id`, (_req, p) => json(200, render({ ...found(state.computers.get(p.id)) })))
    .on('DELETE', `${base}/computers/:id`, (_req, p) => {
      found(state.computers.get(p.id)).status = 'destroy_scheduled';
      return json(204);
    })
    .on('POST', `${base}/computers`, async (req) => {
      const { computer, job } = createComputer(state, await readBody64(req));
      return created(state, 'computer', render({ ...computer }), job.id);
    })
    .on('GET', `${base}/webapps`, (req) => state.page(req, byName(req, state.webapps.values())))
    .on('GET', `${base}/webapps/:id`, (_req, p) => json(200, render({ ...found(state.webapps.get(p.id)) })))
    .on('POST', `${base}/webapps`, async (req) => {
      const body = await readBody64(req);
      requireFields(body, ['computer_id', 'name', 'runtime', 'web_server']);
      const runtime = choice(body, 'runtime', RUNTIMES)!;
      const database = choice(body, 'database', ['postgres'], true);
      const cache = choice(body, 'cache', ['redis'], true);
      const computer = state.computers.get(String(body.computer_id));
      if (!computer) throw new HttpError(400, { computer_id: [`Invalid pk "${String(body.computer_id)}" - object does not exist.`] });
      if (computer.status !== 'ready') throw new HttpError(400, { computer_id: [`Computer is not ready (status ${computer.status}).`] });
      const name = String(body.name);
      if ([...state.webapps.values()].some((w) => w.name === name)) throw new HttpError(400, { name: ['web app with this name already exists.'] });
      const { webapp, uat, production } = state.seedWebApp({ name, runtime, computer: computer.id, spaceStatus: 'provisioning' });
      Object.assign(webapp, {
        display_name: charField(body, 'display_name', name),
        emoji: charField(body, 'emoji', ''),
        web_server: String(body.web_server),
        database: database ?? null,
        cache: cache ?? null,
      });
      const job = startProvisioning(state, 'webapp', name, (status) => {
        for (const space of [uat, production]) space.status = status === 'success' ? 'running' : 'error';
      });
      // The create answer may lack `computer` (the models say so): leave it out, as the SDK allows.
      const { computer: _computer, ...answer } = render({ ...webapp });
      return created(state, 'webapp', answer, job.id);
    });
}
