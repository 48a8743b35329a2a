// Konan as the contract describes it: API-key and password login issuing real HS256 JWTs (with
// the five claims the official SDK reads), refresh, Bearer auth, trailing slashes everywhere,
// predict / predictions / evaluate, and feedback answering 207 with per-item 201 / 404 / 409.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { found, HttpError, json, pageOf, readJson, type Req, Router } from './core.js';
import { parseServerTime } from './konan-metrics.js';
import { addModelRoutes } from './konan-models.js';

interface Prediction {
  uuid: string;
  output: unknown;
  features: unknown;
  created: number;
  feedback?: unknown;
}

export interface KonanModel {
  uuid: string;
  name: string;
  created: number;
  /** live | challenger | disabled */
  state: string;
  image_url: string;
  exposed_port: number;
  /** False when its creation listed errors: the container never came up, so it cannot predict. */
  running: boolean;
}

export interface KonanDeployment {
  uuid: string;
  name: string;
  created: number;
  predictions: Map<string, Prediction>;
  models: KonanModel[];
  customMetrics: { metric_name: string; metric_value: unknown }[];
}

export interface KonanConfig {
  apiKeys: string[];
  users: { email: string; password: string }[];
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** After this many feedback calls, revoke every token issued so far (access, and refresh if set). */
  revokeAfterFeedbackCalls?: { count: number; refresh?: boolean };
  /** A server with projects: POST /deployments/ takes {name} and answers the old creation body with 400. */
  projects?: boolean;
  /** Errors and container logs every model creation answers with (on top of its own image and port checks). */
  creation?: { errors?: { field: string; message: string }[]; containerLogs?: string };
  /** The output every prediction answers (default: a random {"prediction": 0..1}). */
  predictOutput?: unknown;
  /** Feedback calls beyond this many in any second answer 429 with Retry-After (as a rate-limited gateway does). */
  feedbackRateLimit?: { perSecond: number; retryAfterSeconds?: number };
}

export class KonanState {
  config: KonanConfig = {
    apiKeys: ['konan-demo-key'],
    users: [{ email: 'demo@konan.test', password: 'demo-password' }],
    accessTtlSeconds: 300,
    refreshTtlSeconds: 86_400,
  };
  deployments = new Map<string, KonanDeployment>();
  feedbackCalls = 0;
  /** When the feedback calls of the last second were let through, for feedbackRateLimit. */
  recentFeedback: number[] = [];
  readonly secret = randomBytes(32);
  readonly issued = new Set<string>();
  readonly revoked = new Set<string>();

  createDeployment(name: string, uuid: string = randomUUID()) {
    const deployment: KonanDeployment = { uuid, name, created: Date.now(), predictions: new Map<string, Prediction>(), models: [], customMetrics: [] };
    this.deployments.set(uuid, deployment);
    return deployment;
  }

  /** Seeds predictions (with `outputs[i]` when given, else {"prediction": 0.5}); `targets[i]` records feedback for the i-th. */
  addPredictions(deploymentId: string, uuids: string[], feedbackGiven: string[] = [], outputs: unknown[] = [], targets: unknown[] = []) {
    const deployment = this.deployments.get(deploymentId) ?? this.createDeployment('seeded', deploymentId);
    uuids.forEach((given, i) => {
      const uuid = canonicalUuid(given);
      const p: Prediction = { uuid, output: outputs[i] ?? { prediction: 0.5 }, features: {}, created: Date.now() };
      if (targets[i] !== undefined) p.feedback = targets[i];
      deployment.predictions.set(uuid, p);
    });
    for (const uuid of feedbackGiven) {
      const p = deployment.predictions.get(canonicalUuid(uuid));
      if (p) p.feedback = { prediction: 1 };
    }
  }

  revoke(refresh: boolean): void {
    for (const jti of this.issued) if (refresh || jti.startsWith('a')) this.revoked.add(jti);
  }

  sign(kind: 'access' | 'refresh', email: string): string {
    const now = Math.floor(Date.now() / 1000);
    const jti = `${kind[0]}${randomUUID()}`;
    this.issued.add(jti);
    const ttl = kind === 'access' ? this.config.accessTtlSeconds : this.config.refreshTtlSeconds;
    const payload =
      kind === 'access'
        ? { token_type: 'access', exp: now + ttl, iat: now, jti, user_id: 1, email, first_name: 'Demo', last_name: 'User', organization_id: 'org-emulator' }
        : { token_type: 'refresh', exp: now + ttl, iat: now, jti, email };
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
    return `${unsigned}.${createHmac('sha256', this.secret).update(unsigned).digest('base64url')}`;
  }

  /** The token's payload when it is ours, of this kind, unexpired and not revoked. */
  verify(token: string, kind: 'access' | 'refresh'): TokenClaims | undefined {
    const [header, payload, signature] = token.split('.');
    if (!signature || createHmac('sha256', this.secret).update(`${header}.${payload}`).digest('base64url') !== signature) return undefined;
    // The signature matched, so the payload is one sign() wrote.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    if (claims.token_type !== kind || claims.exp * 1000 <= Date.now() || this.revoked.has(claims.jti)) return undefined;
    return claims;
  }
}

/** The claims sign() puts in every token (access tokens carry more). */
interface TokenClaims {
  token_type: 'access' | 'refresh';
  exp: number;
  iat: number;
  jti: string;
  email: string;
}

/** Konan stores uuids in a UUIDField: whatever case is sent, it is kept and answered in lower case. */
const canonicalUuid = (uuid: string) => uuid.toLowerCase();

const INVALID_TOKEN = { detail: 'Given token not valid for any token type', code: 'token_not_valid' };

export function konanRouter(state: KonanState): Router {
  const body = async (req: Req) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new HttpError(415, { detail: `Unsupported media type "${req.headers['content-type'] ?? ''}" in request.` });
    }
    return ((await readJson(req.raw)) ?? {}) as Record<string, unknown>;
  };
  const bearer = (req: Req) => {
    const match = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    if (!match) throw new HttpError(401, { detail: 'Authentication credentials were not provided.' });
    if (!state.verify(match[1], 'access')) throw new HttpError(401, INVALID_TOKEN);
  };
  const deployment = (id: string) => found(state.deployments.get(id));
  const tokens = (email: string) => json(200, { access: state.sign('access', email), refresh: state.sign('refresh', email) });
  const NO_ACCOUNT = { detail: 'No active account found with the given credentials' };

  const router = new Router((req) => json(501, { detail: `The Konan emulator does not implement ${req.method} ${req.path}` }))
    .on('POST', '/api/auth/api_key/', async (req) => {
      const { api_key } = await body(req);
      if (typeof api_key !== 'string' || !api_key) throw new HttpError(400, { api_key: ['This field is required.'] });
      if (!state.config.apiKeys.includes(api_key)) throw new HttpError(401, NO_ACCOUNT);
      return tokens('api-key-user@konan.test');
    })
    .on('POST', '/api/auth/login/', async (req) => {
      const { email, password } = await body(req);
      if (!email || !password)
        throw new HttpError(400, { ...(email ? {} : { email: ['This field is required.'] }), ...(password ? {} : { password: ['This field is required.'] }) });
      if (typeof email !== 'string' || !state.config.users.some((u) => u.email === email && u.password === password)) throw new HttpError(401, NO_ACCOUNT);
      return tokens(email);
    })
    .on('POST', '/api/auth/token/refresh/', async (req) => {
      const { refresh } = await body(req);
      const claims = typeof refresh === 'string' ? state.verify(refresh, 'refresh') : undefined;
      if (!claims) throw new HttpError(401, { detail: 'Token is invalid or expired', code: 'token_not_valid' });
      return json(200, { access: state.sign('access', claims.email), refresh: state.sign('refresh', claims.email) });
    })
    .on('GET', '/deployments/:dep/predictions/', (req, p) => {
      bearer(req);
      const start = parseServerTime(req.query.get('start_time')) ?? 0;
      const end = parseServerTime(req.query.get('end_time')) ?? Infinity;
      const all = [...deployment(p.dep).predictions.values()].filter((x) => x.created >= start && x.created <= end);
      const { page, pages, slice, link } = pageOf(req, all, 100);
      return json(200, {
        count: all.length,
        next: page < pages ? link(page + 1) : null,
        previous: page > 1 ? link(page - 1) : null,
        results: { outputs: slice.map((x) => ({ uuid: x.uuid, mls_output_json: x.output, features_json: x.features, feedback: x.feedback ?? null })) },
      });
    })
    .on('POST', '/deployments/:dep/predictions/feedback/', async (req, p) => {
      bearer(req);
      const limit = state.config.feedbackRateLimit;
      if (limit) {
        const now = Date.now();
        state.recentFeedback = state.recentFeedback.filter((t) => t > now - 1000);
        if (state.recentFeedback.length >= limit.perSecond) {
          req.raw.resume();
          throw new HttpError(
            429,
            { detail: 'Request was throttled. Expected available in 1 second.' },
            { 'Retry-After': String(limit.retryAfterSeconds ?? 1) },
          );
        }
        state.recentFeedback.push(now);
      }
      const target = deployment(p.dep);
      const { feedback } = await body(req);
      if (!Array.isArray(feedback)) throw new HttpError(400, { feedback: ['This field is required.'] });
      const data = feedback.map((item: { prediction_uuid?: unknown; target?: unknown }) => {
        const raw: unknown = item?.prediction_uuid;
        const uuid = canonicalUuid(typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw));
        const prediction = target.predictions.get(uuid);
        if (!prediction) return { prediction_uuid: uuid, status: 404, message: 'failure' };
        if (prediction.feedback !== undefined) return { prediction_uuid: uuid, status: 409, message: 'failure' };
        prediction.feedback = item.target;
        return { prediction_uuid: uuid, status: 201, message: 'success' };
      });
      const rule = state.config.revokeAfterFeedbackCalls;
      if (rule && ++state.feedbackCalls === rule.count) state.revoke(Boolean(rule.refresh));
      const success = data.filter((d) => d.status === 201).length;
      return json(207, { data, success, failure: data.length - success, total: data.length });
    });
  return addModelRoutes(router, state, { body, bearer, deployment });
}
