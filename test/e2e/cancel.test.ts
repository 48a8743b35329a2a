// Cancellation and the post step, end to end: SIGINT during a promotion, and a main step killed
// outright whose Deployment the post step closes.
import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { makeTree, resultOf, runAction } from '../helpers/action.js';
import { konigleInputs, useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let app: { webapp_id: string; uat_space_id: string };
let workspace: string;
beforeAll(async () => {
  workspace = await makeTree({ 'index.html': '<h1>shop</h1>' });
});
beforeEach(async () => {
  app = await emu.seedWebApp('shop');
});

const env = () => ({ GITHUB_API_URL: emu.urls.github });
const statesOf = async () => (await emu.githubState()).deployments.map((d) => [d.environment, d.statuses.map((s) => s.state)]);

describe('cancellation', () => {
  it('SIGINT during a promotion closes the production Deployment as error and names the promotion Job', async () => {
    await emu.nextJob({ outcome: 'success', durationMs: 200 });
    await emu.nextJob({ outcome: 'hang' });
    const inputs = konigleInputs(emu, app.webapp_id, { promote: 'true', 'poll-interval': '1s', 'production-environment': 'shop-production' });
    const run = await runAction({ workspace, env: env(), inputs, kill: { when: 'Promotion ', signal: 'SIGINT' } });
    expect(run.code).toBe(1);
    const jobId = run.outputs['promote-job-id'];
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.stdout).toContain(`Cancelled by SIGINT. Konigle Job ${jobId} may still be running`);
    expect(run.outputs.url).toBe('https://shop-uat.hostbento.app');
    expect(run.summary).toContain('### 🛑 Promotion to production cancelled');
    expect(await statesOf()).toEqual([
      ['uat', ['in_progress', 'success']],
      ['shop-production', ['in_progress', 'error']],
    ]);
  });

  it('the post step closes a Deployment that a main step killed outright left in progress', async () => {
    await emu.nextJob({ outcome: 'hang' });
    const inputs = konigleInputs(emu, app.webapp_id, { 'poll-interval': '1s' });
    const main = await runAction({ workspace, env: env(), inputs, kill: { when: 'is running', signal: 'SIGKILL' } });
    expect(main.code).not.toBe(0);
    expect(main.state['main-done']).toBeUndefined();
    expect(await statesOf()).toEqual([['uat', ['in_progress']]]);

    const post = await runAction({ workspace, env: env(), inputs, step: 'post', state: main.state });
    expect(post.code).toBe(0);
    const [deployment] = (await emu.githubState()).deployments;
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(deployment.statuses[1].description).toMatch(/^The step was stopped before it finished; Konigle Job [0-9a-f-]{36} may still be running\.$/);
    expect(post.stdout).toContain(`::warning::GitHub Deployment ${deployment.id} was left in progress by a step that was stopped: set to error.`);
  });

  it('the post step leaves alone the Deployment a wait: false run keeps in progress on purpose', async () => {
    const inputs = konigleInputs(emu, app.webapp_id, { wait: 'false' });
    const main = await runAction({ workspace, env: env(), inputs });
    expect(main.code).toBe(0);
    const post = await runAction({ workspace, env: env(), inputs, step: 'post', state: main.state });
    expect(post.code).toBe(0);
    expect(await statesOf()).toEqual([['uat', ['in_progress']]]);
  });

  it('SIGTERM during the upload says no Job was known yet, and opens no Deployment', async () => {
    await emu.fault({ service: 'konigle', method: 'POST', path: '/deploy', delayMs: 8000 });
    const run = await runAction({ workspace, env: env(), inputs: konigleInputs(emu, app.webapp_id), kill: { when: 'Uploading to Space', signal: 'SIGTERM' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Cancelled by SIGTERM before a Konigle Job was known.');
    expect(run.outputs['space-id']).toBe(app.uat_space_id);
    expect(resultOf(run)).toMatchObject({ status: 'cancelled', stages: { package: { status: 'success' }, deploy: { status: 'cancelled' } } });
    expect((await emu.githubState()).deployments).toEqual([]);
  });
});
