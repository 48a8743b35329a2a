// Konan deployments and models as the contract ("Deployments and models") describes them: creation
// from a Docker image (validated, with typed `errors` and `container_logs` in a 2xx answer), the
// project flow of newer servers (the old creation body then answers 400), models with states,
// switching a model live, deleting, predicting, and evaluating metrics over a time window.
import { randomUUID } from 'node:crypto';
import { HttpError, json, type Req, requireFields, type Router } from './core.js';
import { parseServerTime, predefinedMetrics } from './konan-metrics.js';
import type { KonanDeployment, KonanModel, KonanState } from './konan.js';

/** A Docker image reference: [registry[:port]/]path[:tag][@sha256:digest], path in lower case. */
const IMAGE =
  /^(?:[A-Za-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** Times as Django renders them, with an explicit offset (the SDK parses them with fromisoformat). */
export const isoTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

export const viewModel = (m: KonanModel) => ({ uuid: m.uuid, name: m.name, created_at: isoTime(m.created), state: m.state });

/** A request field as the server would echo it: text as it is, anything else as JSON. */
const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? 'undefined' : JSON.stringify(value));

interface Built {
  model: KonanModel;
  errors: { field: string; message: string }[];
  container_logs: string;
}

/** Checks the image and port the way a pull and a health check would, plus the errors the control endpoint asked for. */
function buildModel(state: KonanState, body: Record<string, unknown>, name: string, modelState: string): Built {
  const port = typeof body.exposed_port === 'string' && /^\d+$/.test(body.exposed_port) ? Number(body.exposed_port) : body.exposed_port;
  if (typeof port !== 'number' || !Number.isInteger(port)) throw new HttpError(400, { exposed_port: ['A valid integer is required.'] });
  const url = text(body.image_url);
  const errors: Built['errors'] = [];
  if (!IMAGE.test(url)) errors.push({ field: 'image', message: `Failed to pull image "${url}": invalid reference format` });
  if (port < 1 || port > 65535) errors.push({ field: 'exposed_port', message: 'Ensure this value is between 1 and 65535.' });
  const injected = state.config.creation;
  errors.push(...(injected?.errors ?? []));
  const logs = injected?.containerLogs ?? (errors.length ? '' : `Pulled ${url}\nListening on 0.0.0.0:${port}\nGET /healthz 200`);
  const model: KonanModel = {
    uuid: randomUUID(),
    name,
    created: Date.now(),
    state: modelState,
    image_url: url,
    exposed_port: port,
    running: errors.length === 0,
  };
  return { model, errors, container_logs: logs };
}

function findModel(state: KonanState, id: string): { deployment: KonanDeployment; model: KonanModel } {
  for (const deployment of state.deployments.values()) {
    const model = deployment.models.find((m) => m.uuid === id);
    if (model) return { deployment, model };
  }
  throw new HttpError(404, { detail: 'Not found.' });
}

export function addModelRoutes(
  router: Router,
  state: KonanState,
  h: { body: (req: Req) => Promise<Record<string, unknown>>; bearer: (req: Req) => void; deployment: (id: string) => KonanDeployment },
): Router {
  return router
    .on('POST', '/deployments/', async (req) => {
      h.bearer(req);
      const body = await h.body(req);
      if (state.config.projects) {
        // A server with projects: the old body (deployment_name...) is a bad request, as the SDK expects.
        requireFields(body, ['name']);
        const created = state.createDeployment(text(body.name));
        return json(201, { uuid: created.uuid, name: created.name, created_at: isoTime(created.created), description: body.description ?? '' });
      }
      requireFields(body, ['deployment_name', 'model_name', 'image_url', 'exposed_port']);
      const built = buildModel(state, body, text(body.model_name), 'live');
      const created = state.createDeployment(text(body.deployment_name));
      created.models.push(built.model);
      const deployment = { uuid: created.uuid, name: created.name, created_at: isoTime(created.created), model: viewModel(built.model) };
      return json(201, { deployment, errors: built.errors, container_logs: built.container_logs });
    })
    .on('DELETE', '/deployments/:dep/', (req, p) => {
      h.bearer(req);
      h.deployment(p.dep);
      state.deployments.delete(p.dep);
      return json(204);
    })
    .on('GET', '/deployments/:dep/models/', (req, p) => {
      h.bearer(req);
      const models = h.deployment(p.dep).models;
      return json(200, { count: models.length, next: null, previous: null, results: models.map(viewModel) });
    })
    .on('POST', '/deployments/:dep/models/', async (req, p) => {
      h.bearer(req);
      const deployment = h.deployment(p.dep);
      const body = await h.body(req);
      requireFields(body, ['name', 'image_url', 'exposed_port', 'state']);
      if (body.state !== 'live' && body.state !== 'challenger') throw new HttpError(400, { state: [`"${text(body.state)}" is not a valid choice.`] });
      const built = buildModel(state, body, text(body.name), body.state);
      if (body.state === 'live') for (const m of deployment.models) if (m.state === 'live') m.state = 'challenger';
      deployment.models.push(built.model);
      // The contract answers {model}; the creation errors come along when there are any (INFERRED).
      return json(201, { model: viewModel(built.model), ...(built.errors.length ? { errors: built.errors, container_logs: built.container_logs } : {}) });
    })
    .on('POST', '/deployments/:dep/switch/', async (req, p) => {
      h.bearer(req);
      const deployment = h.deployment(p.dep);
      const { switch_to, new_live_model } = await h.body(req);
      if (switch_to !== 'challenger' && switch_to !== 'disabled') throw new HttpError(400, { switch_to: [`"${text(switch_to)}" is not a valid choice.`] });
      const next = deployment.models.find((m) => m.uuid === new_live_model);
      if (!next) throw new HttpError(400, { new_live_model: [`Model "${text(new_live_model)}" is not a model of this deployment.`] });
      if (next.state === 'live') throw new HttpError(400, { new_live_model: ['This model is already live.'] });
      for (const m of deployment.models) if (m.state === 'live') m.state = switch_to;
      next.state = 'live';
      return json(200, { detail: 'Switched.' });
    })
    .on('POST', '/deployments/models/:model/switch/', async (req, p) => {
      h.bearer(req);
      const { model } = findModel(state, p.model);
      const { switch_to } = await h.body(req);
      if (switch_to !== 'challenger' && switch_to !== 'disabled') throw new HttpError(400, { switch_to: [`"${text(switch_to)}" is not a valid choice.`] });
      if (model.state === 'live') throw new HttpError(400, { detail: 'The live model can only be switched by making another model live.' });
      model.state = switch_to;
      return json(200, { detail: 'Switched.' });
    })
    .on('DELETE', '/deployments/models/:model/', (req, p) => {
      h.bearer(req);
      const { deployment, model } = findModel(state, p.model);
      if (model.state === 'live') throw new HttpError(400, { detail: 'The live model cannot be deleted.' });
      deployment.models = deployment.models.filter((m) => m !== model);
      return json(204);
    })
    .on('POST', '/deployments/:dep/predict/', async (req, p) => {
      h.bearer(req);
      const deployment = h.deployment(p.dep);
      const features = await h.body(req);
      const live = deployment.models.find((m) => m.state === 'live');
      // Deployments seeded through the control endpoint have no models: they predict as before.
      if (deployment.models.length && !live) throw new HttpError(400, { detail: 'This deployment has no live model.' });
      if (live && !live.running) throw new HttpError(502, { detail: `The live model "${live.name}" is not running: its container failed to start.` });
      const uuid = randomUUID();
      const output = state.config.predictOutput ?? { prediction: Math.round(Math.random() * 1000) / 1000 };
      deployment.predictions.set(uuid, { uuid, output, features, created: Date.now() });
      return json(200, { prediction_uuid: uuid, output });
    })
    .on('POST', '/deployments/:dep/evaluate/', async (req, p) => {
      h.bearer(req);
      const deployment = h.deployment(p.dep);
      const { start_time, end_time } = await h.body(req);
      requireFields({ start_time, end_time }, ['start_time', 'end_time']);
      const [start, end] = [parseServerTime(start_time), parseServerTime(end_time)];
      const wrong = 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';
      if (start === undefined || end === undefined)
        throw new HttpError(400, { ...(start === undefined ? { start_time: [wrong] } : {}), ...(end === undefined ? { end_time: [wrong] } : {}) });
      const pairs = [...deployment.predictions.values()]
        .filter((x) => x.created >= start && x.created <= end && x.feedback !== undefined)
        .map((x) => ({ output: x.output, target: x.feedback }));
      return json(200, { metrics: { predefined: predefinedMetrics(pairs), custom: deployment.customMetrics } });
    });
}
