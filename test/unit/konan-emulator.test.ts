// The Konan emulator follows the contract ("Deployments and models"), whatever our client does.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { parseServerTime, predefinedMetrics } from '../../emulator/konan-metrics.js';
import { KONAN_KEY, useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let token: string;
beforeEach(async () => {
  const res = await fetch(`${emu.urls.konan}/api/auth/api_key/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: KONAN_KEY }),
  });
  token = ((await res.json()) as { access: string }).access;
});

/** The parts of the contract's answers these tests read; the assertions check the rest. */
interface ModelView {
  uuid: string;
  name: string;
  state: string;
}
interface KonanAnswer {
  deployment: { uuid: string; created_at: string; model: ModelView };
  model: ModelView;
  results: ModelView[];
  errors: { field: string; message: string }[];
}

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.urls.konan}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as KonanAnswer };
};

describe('Konan emulator: deployments and models', () => {
  it('answers 501 with a detail for a route it does not implement, and 404 for a missing resource', async () => {
    expect(await api('GET', '/deployments/')).toEqual({ status: 501, body: { detail: 'The Konan emulator does not implement GET /deployments/' } });
    expect((await api('GET', '/deployments/00000000-0000-4000-8000-000000000000/models/')).status).toBe(404);
  });

  it('creates a deployment with a live model, then switches a challenger live and deletes the old model', async () => {
    const created = await api('POST', '/deployments/', { deployment_name: 'd', model_name: 'v1', image_url: 'acme/m:1', exposed_port: 8000 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ deployment: { name: 'd', model: { name: 'v1', state: 'live' } }, errors: [] });
    expect(created.body.deployment.created_at).toMatch(/\+00:00$/);
    const dep = created.body.deployment.uuid;
    const v2 = (await api('POST', `/deployments/${dep}/models/`, { name: 'v2', image_url: 'acme/m:2', exposed_port: 8000, state: 'challenger' })).body.model;
    expect(v2.state).toBe('challenger');
    expect((await api('POST', `/deployments/${dep}/switch/`, { switch_to: 'disabled', new_live_model: v2.uuid })).status).toBe(200);
    const states = (await api('GET', `/deployments/${dep}/models/`)).body.results.map((m) => [m.name, m.state]);
    expect(states).toEqual([
      ['v1', 'disabled'],
      ['v2', 'live'],
    ]);
    expect((await api('POST', `/deployments/${dep}/switch/`, { switch_to: 'challenger', new_live_model: v2.uuid })).status).toBe(400);
    expect((await api('DELETE', `/deployments/models/${v2.uuid}/`)).status).toBe(400);
    expect((await api('DELETE', `/deployments/models/${created.body.deployment.model.uuid}/`)).status).toBe(204);
    expect((await api('DELETE', `/deployments/${dep}/`)).status).toBe(204);
  });

  it('lists errors for a bad image and port in a 2xx answer, and that model cannot predict', async () => {
    const created = await api('POST', '/deployments/', { deployment_name: 'd', model_name: 'v1', image_url: 'Not An Image', exposed_port: 70000 });
    expect(created.status).toBe(201);
    expect(created.body.errors.map((e) => e.field)).toEqual(['image', 'exposed_port']);
    expect((await api('POST', `/deployments/${created.body.deployment.uuid}/predict/`, { x: 1 })).status).toBe(502);
    expect((await api('POST', '/deployments/', { deployment_name: 'd', model_name: 'v1', image_url: 'a/b', exposed_port: 'http' })).status).toBe(400);
  });

  it('on a server with projects, answers the old body with 400 and creates a project from {name}', async () => {
    await emu.control('POST', '/konan/config', { projects: true });
    expect((await api('POST', '/deployments/', { deployment_name: 'd', model_name: 'v1', image_url: 'acme/m:1', exposed_port: 8000 })).status).toBe(400);
    const project = await api('POST', '/deployments/', { name: 'd' });
    expect(project).toMatchObject({ status: 201, body: { name: 'd' } });
  });

  it('evaluates from stored predictions and feedback, reading times without an offset as UTC', async () => {
    const { uuid } = await emu.control<{ uuid: string }>('POST', '/konan/deployments', { name: 'm' });
    await emu.control('POST', '/konan/predictions', {
      deployment: uuid,
      outputs: [{ prediction: 1.5 }, { prediction: 2.0 }],
      targets: [{ prediction: 1.0 }, { prediction: 3.0 }],
    });
    const now = new Date().toISOString().slice(0, 19);
    const answer = await api('POST', `/deployments/${uuid}/evaluate/`, { start_time: '2000-01-01T00:00:00', end_time: `${now.slice(0, 10)}T23:59:59` });
    expect(answer.body).toEqual({ metrics: { predefined: { rmse: 0.7906, mae: 0.75 }, custom: [] } });
    expect((await api('POST', `/deployments/${uuid}/evaluate/`, { start_time: 'last week', end_time: now })).status).toBe(400);
  });
});

describe('Konan emulator: metrics and times', () => {
  it('computes classification metrics from labels', () => {
    expect(
      predefinedMetrics([
        { output: 'a', target: 'a' },
        { output: 'a', target: 'b' },
      ]),
    ).toEqual({
      precision: 0.25,
      recall: 0.5,
      f1_score: 0.3333,
      confusion_matrix: { a: { a: 1, b: 0 }, b: { a: 1, b: 0 } },
    });
    expect(predefinedMetrics([])).toEqual({});
  });

  it('reads a naive time as UTC and applies offsets', () => {
    expect(parseServerTime('2026-11-01T08:00:00')).toBe(Date.UTC(2026, 10, 1, 8));
    expect(parseServerTime('2026-11-01T08:00:00+0200')).toBe(Date.UTC(2026, 10, 1, 6));
    expect(parseServerTime('soon')).toBeUndefined();
  });
});
