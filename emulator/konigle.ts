// Konigle Cloud as the contract describes it: Token auth, DRF errors and list envelope,
// web apps with uat and production Spaces, multipart deploys checked to be ZIPs, promotion,
// and Jobs that move pending → running → success/failed.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import Busboy from 'busboy';
import { bigId, found, HttpError, json, now, pageOf, pageSize, readBody, type Reply, type Req, Router } from './core.js';
import { createJob, type EmuJob, type JobPlan, viewJob } from './jobs.js';
import { type EmuComputer, provisioningRoutes, type ProvisioningSwitch } from './provisioning.js';
import { listZip, type ZipEntryInfo } from './zip-check.js';

export interface EmuSpace {
  id: string;
  webapp: string;
  space_type: 'uat' | 'production';
  status: string;
  platform_domain: string;
  custom_domain: string;
  custom_domain_status: string;
  last_deployed_at: string | null;
  last_deployment_status: string | null;
  created_at: string;
  /** The Deployment currently live on this Space. */
  live?: string;
}

export interface EmuDeployment {
  id: string;
  display_name: string;
  job_id: string;
  space_id: string;
  created_at: string;
  /** What the upload carried (absent for promotions). */
  upload?: { field: string; filename: string; contentType: string; size: number; entries: ZipEntryInfo[] };
  promotedFrom?: string;
}

export interface KonigleConfig {
  apiKeys: string[];
  uploadField: string;
  jobDurationMs: number;
  snowflakesAsNumbers: boolean;
  /** Shape of create answers: the resource with `job_id` (flat), `{"computer"|"webapp": ..., "job_id"}` (wrapped), or computers wrapped and web apps flat (mixed). */
  createAnswer: 'mixed' | 'flat' | 'wrapped';
}

let lastSnowflake = 1_700_000_000_000_000_000n;
/** 64-bit ids past 2^53, as Konigle's snowflakes are. */
export const snowflake = () => String((lastSnowflake += BigInt(1 + Math.floor(Math.random() * 1000))));

export class KonigleState {
  config: KonigleConfig = { apiKeys: ['konigle-demo-key'], uploadField: 'file', jobDurationMs: 1500, snowflakesAsNumbers: true, createAnswer: 'mixed' };
  webapps = new Map<string, Record<string, unknown> & { id: string; name: string }>();
  computers = new Map<string, EmuComputer>();
  provisioning: ProvisioningSwitch = { fail: 'none' };
  newId = snowflake;
  spaces = new Map<string, EmuSpace>();
  deployments = new Map<string, EmuDeployment>();
  jobs = new Map<string, EmuJob>();
  nextJobs: JobPlan[] = [];

  seedWebApp(input: {
    id?: string;
    name: string;
    runtime?: string;
    computer?: string;
    spaceStatus?: string;
    custom_domain?: string;
    custom_domain_status?: string;
  }) {
    const id = input.id ?? snowflake();
    const webapp = {
      id,
      name: input.name,
      display_name: input.name,
      emoji: '',
      runtime: input.runtime ?? 'nodejs',
      computer: input.computer ?? snowflake(),
      created_at: now(),
    };
    this.webapps.set(id, webapp);
    const spaces = (['uat', 'production'] as const).map((type) => {
      const space: EmuSpace = {
        id: snowflake(),
        webapp: id,
        space_type: type,
        status: input.spaceStatus ?? 'running',
        platform_domain: `${input.name}${type === 'uat' ? '-uat' : ''}.hostbento.app`,
        custom_domain: type === 'production' ? (input.custom_domain ?? '') : '',
        custom_domain_status: type === 'production' && input.custom_domain ? (input.custom_domain_status ?? 'active') : 'unmapped',
        last_deployed_at: null,
        last_deployment_status: null,
        created_at: now(),
      };
      this.spaces.set(space.id, space);
      return space;
    });
    return { webapp, uat: spaces[0], production: spaces[1] };
  }

  private startJob(task: string, what: string, onEnd: (status: string) => void): EmuJob {
    const plan = this.nextJobs.shift() ?? { outcome: 'success', durationMs: this.config.jobDurationMs };
    const job = createJob(task, plan, what);
    job.onEnd = onEnd;
    this.jobs.set(job.id, job);
    return job;
  }

  deploy(space: EmuSpace, displayName: string, extra: Partial<EmuDeployment>): EmuDeployment {
    const id = randomUUID();
    const job = this.startJob(
      extra.promotedFrom ? 'promote_space' : 'deploy_space',
      extra.upload ? `app.zip (${extra.upload.entries.length} entries)` : 'promotion',
      (status) => {
        space.last_deployed_at = now();
        space.last_deployment_status = status;
        if (status === 'success') space.live = id;
      },
    );
    space.last_deployment_status = 'pending';
    const deployment: EmuDeployment = { id, display_name: displayName, job_id: job.id, space_id: space.id, created_at: now(), ...extra };
    this.deployments.set(id, deployment);
    return deployment;
  }

  /** A page of a list in the DRF envelope; a page past the end is a 404, as in DRF. */
  page(req: Req, items: unknown[]): Reply {
    const { page: n, pages, slice, link } = pageOf(req, items, pageSize(req, 'page_size', 20));
    if (n > pages) throw new HttpError(404, { detail: 'Invalid page.' });
    return json(200, { count: items.length, next: n < pages ? link(n + 1) : null, previous: n > 1 ? link(n - 1) : null, num_pages: pages, results: slice });
  }

  /** Jobs end on their own clock, even if nobody polls them. */
  settle(): void {
    for (const job of this.jobs.values()) if (!job.settled) viewJob(job);
  }
}

const BASE = '/cloud/api/v1';

export function konigleRouter(state: KonigleState): Router {
  const id = (value: string) => (state.config.snowflakesAsNumbers ? bigId(value) : value);
  const renderSpace = ({ live: _live, ...s }: EmuSpace) => ({ ...s, id: id(s.id), webapp: id(s.webapp) });
  const renderDeployment = (d: EmuDeployment) => ({
    id: d.id,
    display_name: d.display_name,
    job_id: d.job_id,
    space_id: id(d.space_id),
    created_at: d.created_at,
  });
  const renderResource = (r: Record<string, unknown>) => ({
    ...r,
    id: id(String(r.id)),
    ...(typeof r.computer === 'string' && r.computer ? { computer: id(r.computer) } : {}),
  });
  const space = (spaceId: string) => found(state.spaces.get(spaceId));
  const page = (req: Req, items: unknown[]) => state.page(req, items);

  const router = new KonigleRouter()
    .on('GET', `${BASE}/spaces`, (req) => {
      const webapp = req.query.get('webapp_id');
      const spaces = [...state.spaces.values()].filter((s) => !webapp || s.webapp === webapp);
      return page(req, spaces.map(renderSpace));
    })
    .on('GET', `${BASE}/spaces/:id`, (_req, p) => json(200, renderSpace(space(p.id))))
    .on('POST', `${BASE}/spaces/:id/deploy`, async (req, p) => {
      const target = space(p.id);
      const upload = await readMultipart(req, state.config.uploadField);
      let entries: ZipEntryInfo[];
      try {
        entries = await listZip(upload.file.path);
      } catch {
        throw new HttpError(400, { [state.config.uploadField]: ['The submitted file is not a valid ZIP archive.'] });
      } finally {
        await rm(upload.file.path, { force: true });
      }
      const deployment = state.deploy(target, upload.fields.display_name ?? '', {
        upload: { field: state.config.uploadField, filename: upload.file.filename, contentType: upload.file.mimeType, size: upload.file.size, entries },
      });
      return json(201, renderDeployment(deployment));
    })
    .on('POST', `${BASE}/spaces/:id/promote`, async (req, p) => {
      const uat = space(p.id);
      await readBody(req.raw);
      if (uat.space_type !== 'uat') throw new HttpError(400, { detail: 'Only a uat Space can be promoted.' });
      const release = uat.live && state.deployments.get(uat.live);
      if (!release) throw new HttpError(409, { detail: 'The uat Space has no successful deployment to promote.' });
      const production = [...state.spaces.values()].find((s) => s.webapp === uat.webapp && s.space_type === 'production');
      if (!production) throw new HttpError(400, { detail: 'This web app has no production Space.' });
      const deployment = state.deploy(production, release.display_name, { promotedFrom: release.id });
      return json(201, renderDeployment(deployment));
    })
    .on('GET', `${BASE}/jobs/:id`, (_req, p) => {
      const job = state.jobs.get(p.id);
      if (!job) throw new HttpError(404, { detail: 'Not found.' });
      return json(200, viewJob(job));
    });
  return provisioningRoutes(router, state, renderResource, BASE);
}

/**
 * A method and path it does not implement answer 501 (the real API may well have them), not the 404
 * of a missing resource (those are thrown by the handlers) nor a 405; a trailing slash stays a 404, as on the real API.
 */
class KonigleRouter extends Router {
  async handle(req: Req): Promise<Reply> {
    const reply = await super.handle(req);
    if ((reply.status !== 404 && reply.status !== 405) || req.path.endsWith('/')) return reply;
    return json(501, { detail: `The emulator does not implement ${req.method} ${req.path}.` });
  }
}

interface Multipart {
  fields: Record<string, string>;
  /** The file part, streamed to a temporary file (the caller removes it). */
  file: { filename: string; mimeType: string; path: string; size: number };
}

/** Uploads above this are refused, as a real server would, rather than truncated. */
const MAX_UPLOAD = 8 * 1024 ** 3;

function readMultipart(req: Req, fileField: string): Promise<Multipart> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('multipart/form-data')) {
    return Promise.reject(new HttpError(415, { detail: `Unsupported media type "${type}" in request.` }));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: Multipart['file'] | undefined;
    let saved: Promise<unknown> = Promise.resolve();
    let tooLarge = false;
    const parser = Busboy({ headers: req.headers, limits: { fileSize: MAX_UPLOAD } });
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream, info) => {
      if (name !== fileField || file) return stream.resume();
      const filePath = path.join(os.tmpdir(), `emulator-upload-${randomUUID()}.zip`);
      const out = createWriteStream(filePath);
      const current = { filename: info.filename ?? '', mimeType: info.mimeType, path: filePath, size: 0 };
      file = current;
      stream.on('data', (c: Buffer) => (current.size += c.length));
      stream.on('limit', () => (tooLarge = true));
      stream.pipe(out);
      saved = finished(out);
    });
    const cleanUp = () => file && rm(file.path, { force: true });
    parser.on('error', () => {
      void cleanUp();
      reject(new HttpError(400, { detail: 'Multipart form parse error.' }));
    });
    parser.on('close', () => {
      saved.then(
        () => {
          if (tooLarge) return cleanUp()?.then(() => reject(new HttpError(413, { detail: 'The upload is too large.' })));
          if (file) resolve({ fields, file });
          else reject(new HttpError(400, { [fileField]: ['No file was submitted.'] }));
        },
        (error: Error) => (void cleanUp(), reject(error)),
      );
    });
    req.raw.pipe(parser);
  });
}
