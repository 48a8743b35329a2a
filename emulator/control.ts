// The control endpoint under /_emulator/: seed data, configure, inject faults, read back state.
import { type Fault, type FaultList, HttpError, json, readJson, type RecordedRequest, Router } from './core.js';
import type { GitHubState } from './github.js';
import type { ProvisioningSwitch } from './provisioning.js';
import type { KonanState } from './konan.js';
import type { KonigleState } from './konigle.js';
import { viewJob, type JobPlan } from './jobs.js';

export interface ControlDeps {
  konigle: KonigleState;
  github: GitHubState;
  konan: KonanState;
  faults: FaultList;
  requests: RecordedRequest[];
  reset: () => void;
}

export function controlRouter(deps: ControlDeps): Router {
  // Tests send these bodies; each route names the shape it reads and checks what it must.
  const body = async <T = Record<string, unknown>>(raw: Parameters<typeof readJson>[0]) => ((await readJson(raw)) ?? {}) as T;
  return new Router()
    .on('POST', '/reset', () => {
      deps.reset();
      return json(200, { ok: true });
    })
    .on('POST', '/konigle/config', async (req) => {
      Object.assign(deps.konigle.config, await body(req.raw));
      return json(200, deps.konigle.config);
    })
    .on('POST', '/konigle/webapps', async (req) => {
      const input = await body(req.raw);
      if (typeof input.name !== 'string') throw new HttpError(400, { name: ['This field is required.'] });
      const { webapp, uat, production } = deps.konigle.seedWebApp(input as { name: string });
      return json(201, { webapp_id: webapp.id, uat_space_id: uat.id, production_space_id: production.id });
    })
    .on('POST', '/konigle/jobs/next', async (req) => {
      const plan = await body<JobPlan>(req.raw);
      if (typeof plan.outcome !== 'string' || !plan.outcome) throw new HttpError(400, { outcome: ['success, failed, hang or another end status'] });
      deps.konigle.nextJobs.push({ ...plan, durationMs: plan.durationMs ?? deps.konigle.config.jobDurationMs });
      return json(201, { queued: deps.konigle.nextJobs.length });
    })
    .on('POST', '/konigle/provisioning', async (req) => {
      const { fail = 'none', log } = await body<{ fail?: ProvisioningSwitch['fail']; log?: unknown }>(req.raw);
      if (!['none', 'computer', 'webapp'].includes(fail)) throw new HttpError(400, { fail: ['none, computer or webapp'] });
      if (log !== undefined && !Array.isArray(log)) throw new HttpError(400, { log: ['a list of log entries'] });
      deps.konigle.provisioning = { fail, log };
      return json(200, deps.konigle.provisioning);
    })
    .on('GET', '/konigle/state', () => {
      const k = deps.konigle;
      return json(200, {
        computers: [...k.computers.values()],
        webapps: [...k.webapps.values()],
        spaces: [...k.spaces.values()],
        deployments: [...k.deployments.values()],
        jobs: [...k.jobs.values()].map((j) => viewJob(j)),
      });
    })
    .on('POST', '/github/config', async (req) => {
      const input = await body<Partial<Pick<GitHubState, 'tokens' | 'readOnly'>>>(req.raw);
      if (input.tokens) Object.assign(deps.github.tokens, input.tokens);
      if (input.readOnly) deps.github.readOnly = input.readOnly;
      return json(200, { tokens: Object.keys(deps.github.tokens).length, readOnly: deps.github.readOnly });
    })
    .on('POST', '/github/comments', async (req) => {
      const {
        issue,
        count = 1,
        login = 'someone',
        body: text = 'LGTM',
      } = await body<{ issue?: unknown; count?: number; login?: string; body?: unknown }>(req.raw);
      if (typeof issue !== 'number') throw new HttpError(400, { issue: ['a number'] });
      const made = Array.from({ length: count }, (_, i) =>
        deps.github.addComment(issue, typeof text === 'string' ? text.replace('{i}', String(i)) : 'x', login),
      );
      return json(
        201,
        made.map((c) => c.id),
      );
    })
    .on('POST', '/github/deployments', async (req) => {
      const {
        count = 1,
        sha,
        environment = 'uat',
        payload,
        states = ['success'],
        task,
      } = await body<{ count?: unknown; sha?: unknown; environment?: string; payload?: unknown; states?: string[]; task?: string }>(req.raw);
      if (typeof sha !== 'string') throw new HttpError(400, { sha: ['a commit sha'] });
      const made = Array.from({ length: Number(count) }, () => deps.github.addDeployment({ sha, environment, payload, states, task }));
      return json(
        201,
        made.map((d) => d.id),
      );
    })
    .on('GET', '/github/state', () => json(200, { comments: deps.github.comments, deployments: deps.github.deployments }))
    .on('POST', '/konan/config', async (req) => {
      Object.assign(deps.konan.config, await body(req.raw));
      return json(200, deps.konan.config);
    })
    .on('POST', '/konan/deployments', async (req) => {
      const { name = 'model', uuid } = await body<{ name?: string; uuid?: string }>(req.raw);
      const created = deps.konan.createDeployment(String(name), uuid);
      return json(201, { uuid: created.uuid, name: created.name });
    })
    .on('POST', '/konan/predictions', async (req) => {
      const { deployment, uuids, count, feedbackGiven, outputs, targets } = await body<{
        deployment?: unknown;
        uuids?: string[];
        count?: unknown;
        feedbackGiven?: string[];
        outputs?: unknown[];
        targets?: unknown[];
      }>(req.raw);
      if (typeof deployment !== 'string') throw new HttpError(400, { deployment: ['a deployment uuid'] });
      const n = Array.isArray(outputs) && !count ? outputs.length : Number(count) || 0;
      const list: string[] = Array.isArray(uuids) ? uuids : Array.from({ length: n }, () => crypto.randomUUID());
      const array = <T>(x: T[] | undefined): T[] => (Array.isArray(x) ? x : []);
      deps.konan.addPredictions(deployment, list, array(feedbackGiven), array(outputs), array(targets));
      return json(201, { created: list.length, uuids: Array.isArray(uuids) ? undefined : list });
    })
    .on('POST', '/konan/custom-metrics', async (req) => {
      const { deployment, metrics } = await body<{ deployment?: string; metrics?: { metric_name: string; metric_value: unknown }[] }>(req.raw);
      const found = deps.konan.deployments.get(String(deployment));
      if (!found || !Array.isArray(metrics))
        throw new HttpError(400, { deployment: ['an existing deployment uuid'], metrics: ['[{"metric_name", "metric_value"}]'] });
      found.customMetrics = metrics;
      return json(200, { ok: true });
    })
    .on('POST', '/konan/revoke', async (req) => {
      deps.konan.revoke(Boolean((await body(req.raw)).refresh));
      return json(200, { ok: true });
    })
    .on('GET', '/konan/state', (req) => {
      const only = req.query.get('deployment');
      return json(200, {
        deployments: [...deps.konan.deployments.values()].map((d) => ({
          uuid: d.uuid,
          name: d.name,
          predictions: d.predictions.size,
          models: d.models.map((m) => ({
            uuid: m.uuid,
            name: m.name,
            state: m.state,
            image_url: m.image_url,
            exposed_port: m.exposed_port,
            running: m.running,
          })),
          feedback:
            only === d.uuid
              ? [...d.predictions.values()].filter((p) => p.feedback !== undefined).map((p) => ({ prediction_uuid: p.uuid, target: p.feedback }))
              : undefined,
        })),
      });
    })
    .on('POST', '/faults', async (req) => {
      const input = await body<Fault & { faults?: Fault[] }>(req.raw);
      for (const fault of Array.isArray(input.faults) ? input.faults : [input]) deps.faults.add(fault);
      return json(201, { ok: true });
    })
    .on('DELETE', '/faults', () => {
      deps.faults.clear();
      return json(200, { ok: true });
    })
    .on('GET', '/requests', (req) => {
      const service = req.query.get('service');
      return json(
        200,
        deps.requests.filter((r) => !service || r.service === service),
      );
    });
}
