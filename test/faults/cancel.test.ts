// Fault matrix, cancellation: a workflow cancelled mid-wait reports what it knows and leaves no
// GitHub Deployment in progress.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { makeTree, resultOf, runAction } from '../helpers/action.js';
import { EmulatorHandle, GITHUB_TOKEN, KONIGLE_KEY, konigleInputs } from '../helpers/emulator.js';
import { pullRequest } from '../helpers/events.js';

let emu: EmulatorHandle;
let app: { webapp_id: string; uat_space_id: string };
let workspace: string;
beforeAll(async () => {
  emu = await EmulatorHandle.start();
  workspace = await makeTree({ 'index.html': '<h1>shop</h1>' });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.reset();
  app = await emu.seedWebApp('shop');
});

describe('fault matrix: cancellation', () => {
  it('SIGTERM during the wait', async () => {
    await emu.nextJob({ outcome: 'hang' });
    const env = { GITHUB_API_URL: emu.urls.github };
    const inputs = konigleInputs(emu, app.webapp_id, { 'poll-interval': '1s' });
    const run = await runAction({ workspace, env, inputs, event: pullRequest(21), kill: { when: 'is running', signal: 'SIGTERM' } });
    expect(run.code).toBe(1);
    const jobId = run.outputs['job-id'];
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.stdout).toContain(`::error::Cancelled by SIGTERM. Konigle Job ${jobId} may still be running: resume with 'command: wait' and 'job-id: ${jobId}'.`);
    // The outputs known so far.
    expect(run.outputs).toMatchObject({ 'space-id': app.uat_space_id, 'job-status': 'running', 'deployment-id': expect.stringMatching(/\S/) });
    expect(run.outputs.url).toBeUndefined();
    expect(resultOf(run)).toMatchObject({ status: 'cancelled', stages: { deploy: { status: 'success' }, wait: { status: 'cancelled' } } });
    // Summary and comment say cancelled.
    expect(run.summary).toContain('### 🛑 Run cancelled');
    const comments = (await emu.githubState()).comments.filter((c) => c.issue === 21);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain('### 🛑 Run cancelled');
    expect(comments[0].body).toContain('wait 🛑 cancelled');
    expect(run.outputs['comment-id']).toBe(String(comments[0].id));
    // The Deployment is closed as error, naming the Job that may still run.
    const [deployment] = (await emu.githubState()).deployments;
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(deployment.statuses[1].description).toBe(`Cancelled by SIGTERM; Konigle Job ${jobId} may still be running.`);
    expect(run.state['main-done']).toBe('true');
    // The post step then has nothing left to do.
    const post = await runAction({ workspace, env, inputs, step: 'post', state: run.state });
    expect(post.code).toBe(0);
    expect((await emu.githubState()).deployments[0].statuses).toHaveLength(2);
    for (const secret of [KONIGLE_KEY, GITHUB_TOKEN]) expect(run.everything.split('\n').filter((l) => !l.startsWith('::add-mask::') && l.includes(secret))).toEqual([]);
  });
});
