// Releasing a Konan model end to end: konan-deploy (create, project fallback, challenger, creation
// errors), the smoke prediction, konan-promote, and metrics after feedback, on every surface.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { leaks, makeTree, resultOf, runAction } from '../helpers/action.js';
import { GITHUB_TOKEN, konanInputs, type KonanStateView, useEmulator } from '../helpers/emulator.js';
import { pullRequest } from '../helpers/events.js';

const emu = useEmulator();
let dir: string;
beforeEach(async () => {
  dir = await makeTree({ 'README.md': 'model' });
});

const IMAGE = 'registry.example.com/acme/churn:1.4.0';
const DOCKER_PASSWORD = 'dckr_pat_Zq81xYv03LmN77';

function konan(inputs: Record<string, string>, extra: { event?: { name: string; payload: unknown } } = {}) {
  return runAction({
    workspace: dir,
    env: { GITHUB_API_URL: emu.urls.github },
    event: extra.event,
    inputs: konanInputs(emu, inputs),
  });
}

const create = (extra: Record<string, string> = {}) =>
  konan({ command: 'konan-deploy', 'konan-deployment-name': 'churn', 'konan-image-url': IMAGE, 'konan-exposed-port': '8080', ...extra });

const konanState = async () => (await emu.control<KonanStateView>('GET', '/konan/state')).deployments;
const konanPaths = async () => (await emu.requests('konan')).map((r) => `${r.method} ${r.path} ${r.status}`);

describe('konan-deploy', () => {
  it('creates a deployment from an image, its model live, and says so on every surface', async () => {
    const run = await create();
    expect(run.code).toBe(0);
    const [deployment] = await konanState();
    expect(deployment).toMatchObject({ name: 'churn', models: [{ name: 'churn', state: 'live', image_url: IMAGE, exposed_port: 8080, running: true }] });
    expect(run.outputs['konan-deployment-id']).toBe(deployment.uuid);
    expect(run.outputs['konan-model-id']).toBe(deployment.models[0].uuid);
    expect(run.summary).toContain('### ✅ Konan deployment created');
    expect(run.summary).toContain('Last 3 lines of the container logs');
    expect(run.stdout).toMatch(/::group::Konan model creation: container logs\n[^]*Listening on 0\.0\.0\.0:8080\n[^]*::endgroup::/);
    expect(resultOf(run).stages.konanDeploy).toMatchObject({ status: 'success', action: 'create', flow: 'deployment', errors: [] });
  });

  it.each([
    ['image', 'Failed to pull image: manifest unknown'],
    ['health_endpoint', 'GET /healthz answered 500 after 3 tries'],
    ['exposed_port', 'Nothing listens on port 8080'],
    ['gpu_quota', 'The organization has no GPU left'],
  ])('shows a creation error on field %s with the container logs, and fails', async (field, message) => {
    await emu.control('POST', '/konan/config', {
      creation: { errors: [{ field, message }], containerLogs: 'booting\nTraceback (most recent call last):\nModuleNotFoundError: No module named sklearn' },
    });
    const run = await create();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`error [${field}]: ${message}`);
    expect(run.stdout).toMatch(/::group::Konan model creation: 1 error\(s\), container logs[^]*ModuleNotFoundError: No module named sklearn[^]*::endgroup::/);
    expect(run.stdout).toContain(`::error::Konan model 'churn'`);
    expect(run.summary).toContain('### ❌ Konan model release failed');
    expect(run.summary).toContain(`| \`${field}\` | ${message.replace(/_/g, '\\_')} |`);
    expect(run.summary).toContain('<details><summary>Last 3 lines of the container logs</summary>');
    // The deployment exists (Konan created it): its id is still an output, to inspect or delete it.
    expect(run.outputs['konan-deployment-id']).toBe((await konanState())[0].uuid);
    expect(resultOf(run).stages.konanDeploy.errors).toEqual([{ field, message }]);
  });

  it('reports the image error of an image the server cannot pull', async () => {
    const run = await create({ 'konan-image-url': 'registry.example.com/Acme/Churn:1' });
    expect(run.code).toBe(1);
    expect(run.summary).toContain('| `image` | Failed to pull image "registry.example.com/Acme/Churn:1": invalid reference format |');
  });

  it('falls back to the project flow when the server answers the deployment body with 400', async () => {
    await emu.control('POST', '/konan/config', { projects: true });
    const run = await create({ 'konan-model-name': 'churn-v1' });
    expect(run.code).toBe(0);
    const [project] = await konanState();
    expect(project).toMatchObject({ name: 'churn', models: [{ name: 'churn-v1', state: 'live', image_url: IMAGE }] });
    expect(await konanPaths()).toEqual([
      'POST /api/auth/api_key/ 200',
      'POST /deployments/ 400',
      'POST /deployments/ 201',
      `POST /deployments/${project.uuid}/models/ 201`,
    ]);
    expect(run.outputs['konan-deployment-id']).toBe(project.uuid);
    expect(run.outputs['konan-model-id']).toBe(project.models[0].uuid);
    expect(run.summary).toContain('(project)');
  });

  it('fails naming both answers when neither the deployment nor the project body is accepted', async () => {
    await emu.fault({
      service: 'konan',
      method: 'POST',
      path: '/deployments/',
      status: 400,
      body: { name: ['A deployment with this name exists.'] },
      times: 2,
    });
    const run = await create();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('answered 400 to the deployment body (name: A deployment with this name exists.) and to the project body');
  });

  it('finds bad input before any remote call', async () => {
    const run = await create({ 'konan-exposed-port': '80800', 'konan-smoke-input': '[1, 2]', 'konan-image-url': 'https://registry.example.com/churn' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Input 'konan-exposed-port' is '80800': expected a port number from 1 to 65535");
    expect(run.stdout).toContain("Input 'konan-smoke-input' is '[1, 2]': expected a JSON object");
    expect(run.stdout).toContain("Input 'konan-image-url'");
    expect(await emu.requests('konan')).toEqual([]);
  });

  it('in a dry run, checks the inputs and calls nothing', async () => {
    const run = await create({ 'dry-run': 'true', 'konan-smoke-input': '{"x": 1}' });
    expect(run.code).toBe(0);
    expect(await emu.requests('konan')).toEqual([]);
    const { stages } = resultOf(run);
    expect([stages.konanDeploy.status, stages.smoke.status]).toEqual(['skipped', 'skipped']);
    expect(stages.konanDeploy.messages).toEqual([`Dry run: Konan deployment 'churn' would be created from ${IMAGE}.`]);
  });

  it('never prints the Docker registry password, even when the container logs echo it', async () => {
    await emu.control('POST', '/konan/config', {
      creation: { containerLogs: `docker login -u bot -p ${DOCKER_PASSWORD} registry.example.com\nLogin Succeeded` },
    });
    const run = await create({ 'konan-docker-username': 'bot', 'konan-docker-password': DOCKER_PASSWORD });
    expect(run.code).toBe(0);
    expect(leaks(run, DOCKER_PASSWORD)).toBe(false);
    expect(run.everything).toContain(`::add-mask::${DOCKER_PASSWORD}`);
    expect(run.summary).toContain('docker login -u bot -p *** registry.example.com');
    expect(JSON.stringify(await emu.requests('konan'))).not.toContain(DOCKER_PASSWORD);
  });
});

describe('challenger and konan-promote', () => {
  it('adds an image as a challenger, then switches it live; the old live model becomes a challenger', async () => {
    const first = await create();
    const deployment = first.outputs['konan-deployment-id'];
    const v1 = first.outputs['konan-model-id'];
    const second = await konan({
      command: 'konan-deploy',
      'konan-deployment-id': deployment,
      'konan-model-name': 'churn-v2',
      'konan-image-url': 'registry.example.com/acme/churn:1.5.0',
      'konan-exposed-port': '8080',
    });
    expect(second.code).toBe(0);
    expect(second.summary).toContain('### ✅ Challenger model added to Konan');
    const v2 = second.outputs['konan-model-id'];
    expect((await konanState())[0].models.map((m) => [m.uuid, m.state])).toEqual([
      [v1, 'live'],
      [v2, 'challenger'],
    ]);

    const promoted = await konan({ command: 'konan-promote', 'konan-deployment-id': deployment });
    expect(promoted.code).toBe(0);
    expect((await konanState())[0].models.map((m) => [m.uuid, m.state])).toEqual([
      [v1, 'challenger'],
      [v2, 'live'],
    ]);
    expect(promoted.outputs['konan-model-id']).toBe(v2);
    expect(promoted.summary).toContain('### ✅ Konan model switched live');
    expect(promoted.summary).toContain(`| churn-v2 | \`${v2}\` | challenger | live |`);
    expect(promoted.summary).toContain(`| churn | \`${v1}\` | live | challenger |`);

    const again = await konan({ command: 'konan-promote', 'konan-deployment-id': deployment, 'konan-model-id': v2 });
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`Konan model 'churn-v2' (${v2}, live) is already live in deployment ${deployment}: nothing to promote`);
  });

  it('refuses an unknown model, and a deployment without challengers, without switching anything', async () => {
    const first = await create();
    const deployment = first.outputs['konan-deployment-id'];
    const unknown = await konan({ command: 'konan-promote', 'konan-deployment-id': deployment, 'konan-model-id': '00000000-0000-4000-8000-000000000000' });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain("Input 'konan-model-id' is '00000000-0000-4000-8000-000000000000': no such model in Konan deployment");
    const none = await konan({ command: 'konan-promote', 'konan-deployment-id': deployment });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('has no challenger model to promote');
    expect((await konanPaths()).filter((p) => p.includes('/switch/'))).toEqual([]);
  });
});

describe('smoke prediction', () => {
  it('predicts once after konan-deploy and reports the uuid and output', async () => {
    await emu.control('POST', '/konan/config', { predictOutput: { label: 'churn', score: 0.93 } });
    const run = await create({ 'konan-smoke-input': '{"tenure_months": 3, "plan": "basic"}' });
    expect(run.code).toBe(0);
    expect(run.outputs['konan-prediction-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(run.outputs['konan-prediction-output'])).toEqual({ label: 'churn', score: 0.93 });
    expect(run.summary).toContain('#### Smoke prediction');
    expect(run.summary).toContain(`Prediction \`${run.outputs['konan-prediction-id']}\``);
  });

  it('runs alone with konan-deployment-id and no image', async () => {
    const { deployment } = await emu.konanDeployment(0);
    const run = await konan({ command: 'konan-deploy', 'konan-deployment-id': deployment, 'konan-smoke-input': '{"x": 1}' });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('### ✅ Konan smoke prediction passed');
    expect(run.outputs['konan-deployment-id']).toBe(deployment);
    expect((await konanPaths()).filter((p) => !p.includes('/api/auth/'))).toEqual([`POST /deployments/${deployment}/predict/ 200`]);
  });

  it('fails the step when the prediction fails', async () => {
    await emu.fault({ service: 'konan', path: '/predict/', status: 503, body: { detail: 'upstream model timed out' } });
    const run = await create({ 'konan-smoke-input': '{"x": 1}' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Smoke prediction failed: Konan API POST');
    expect(run.stdout).toContain('answered 503: upstream model timed out');
    expect(run.summary).toContain('### ❌ Konan smoke prediction failed');
    expect(run.outputs['konan-prediction-id']).toBeUndefined();
    expect(run.outputs['konan-model-id']).toBeDefined();
  });
});

/** The konan-metrics output. */
interface KonanMetrics {
  start: string;
  end: string;
  predefined: Record<string, unknown>;
  custom: Record<string, unknown>;
}

describe('metrics', () => {
  const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

  it('evaluates after feedback and puts the metrics, confusion matrix included, in the PR comment', async () => {
    const { deployment } = await emu.konanDeployment(0);
    const outputs = ['churn', 'churn', 'stay', 'stay', 'churn'].map((label) => ({ prediction: label }));
    const { uuids } = await emu.control<{ uuids: string[] }>('POST', '/konan/predictions', { deployment, outputs });
    const truth = ['churn', 'stay', 'stay', 'stay', 'churn'];
    await writeFile(path.join(dir, 'truth.jsonl'), jsonl(uuids.map((u, i) => ({ prediction_uuid: u, target: { prediction: truth[i] } }))));
    const run = await konan(
      { command: 'feedback', 'konan-deployment-id': deployment, 'feedback-file': 'truth.jsonl', 'konan-evaluate-window': '7d', 'github-token': GITHUB_TOKEN },
      { event: pullRequest(12) },
    );
    expect(run.code).toBe(0);
    const metrics = JSON.parse(run.outputs['konan-metrics']) as KonanMetrics;
    // Macro averages: precision churn 2/3, stay 2/2; recall churn 2/2, stay 2/3; f1 0.8 for both.
    expect(metrics.predefined).toEqual({
      precision: 0.8333,
      recall: 0.8333,
      f1_score: 0.8,
      confusion_matrix: { churn: { churn: 2, stay: 0 }, stay: { churn: 1, stay: 2 } },
    });
    expect(Date.parse(metrics.end) - Date.parse(metrics.start)).toBe(7 * 86_400_000);
    const [comment] = (await emu.githubState()).comments.filter((c) => c.issue === 12);
    expect(comment.body).toContain('#### Konan metrics');
    expect(comment.body).toContain('| precision | predefined | 0.8333 |');
    expect(comment.body).toContain('| confusion\\_matrix | predefined | below |');
    expect(comment.body).toContain('| | churn | stay |\n|---|---|---|\n| **churn** | 2 | 0 |\n| **stay** | 1 | 2 |');
    expect(run.summary).toContain('| f1\\_score | predefined | 0.8 |');
  });

  it('evaluates alone in a feedback run without a file, reading times without an offset as UTC', async () => {
    const { deployment } = await emu.konanDeployment(0);
    await emu.control('POST', '/konan/custom-metrics', { deployment, metrics: [{ metric_name: 'revenue_at_risk', metric_value: { eur: 1200.5, usd: 1300 } }] });
    const run = await konan({
      command: 'feedback',
      'konan-deployment-id': deployment,
      'konan-evaluate-start': '2026-11-01T00:00:00',
      'konan-evaluate-end': '2026-11-08',
    });
    expect(run.code).toBe(0);
    const metrics = JSON.parse(run.outputs['konan-metrics']) as KonanMetrics;
    expect(metrics).toEqual({
      start: '2026-11-01T00:00:00.000+00:00',
      end: '2026-11-08T00:00:00.000+00:00',
      predefined: {},
      custom: { revenue_at_risk: { eur: 1200.5, usd: 1300 } },
    });
    expect(run.summary).toContain('### ✅ Konan metrics evaluated');
    expect(run.summary).toContain('| revenue\\_at\\_risk | custom | below |');
    expect(run.outputs['feedback-total']).toBeUndefined();
  });
});
