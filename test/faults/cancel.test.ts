// Fault matrix, cancellation: a workflow cancelled mid-wait reports what it knows and leaves no
// GitHub Deployment in progress.
import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportLine } from '../../src/feedback/report.js';
import { makeTree, resultOf, runAction } from '../helpers/action.js';
import { GITHUB_TOKEN, konanInputs, KONIGLE_KEY, konigleInputs, useEmulator } from '../helpers/emulator.js';
import { pullRequest } from '../helpers/events.js';

const emu = useEmulator();
let app: { webapp_id: string; uat_space_id: string };
let workspace: string;
beforeAll(async () => {
  workspace = await makeTree({ 'index.html': '<h1>shop</h1>' });
});
beforeEach(async () => {
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
    expect(run.stdout).toContain(
      `::error::Cancelled by SIGTERM. Konigle Job ${jobId} may still be running: resume with 'command: wait' and 'job-id: ${jobId}'.`,
    );
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
    for (const secret of [KONIGLE_KEY, GITHUB_TOKEN])
      expect(run.everything.split('\n').filter((l) => !l.startsWith('::add-mask::') && l.includes(secret))).toEqual([]);
  });

  it('SIGTERM during feedback', async () => {
    // Slow batches: the signal lands while rows are in flight and more are waiting.
    const { deployment, uuids } = await emu.konanDeployment(2_000);
    await emu.fault({ service: 'konan', path: '/predictions/feedback/', delayMs: 400, times: 0 });
    const dir = await makeTree({ 'feedback.jsonl': uuids.map((u, i) => JSON.stringify({ prediction_uuid: u, target: i % 2 })).join('\n') + '\n' });
    const report = path.join(dir, 'report.jsonl');
    const inputs = {
      command: 'feedback',
      ...konanInputs(emu),
      'konan-deployment-id': deployment,
      'feedback-file': 'feedback.jsonl',
      'feedback-batch-size': '100',
      'feedback-concurrency': '2',
      'feedback-report': report,
    };
    const run = await runAction({ workspace: dir, inputs, kill: { when: 'Sending 2000 feedback rows', signal: 'SIGTERM' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Cancelled by SIGTERM while sending feedback');
    const total = Number(run.outputs['feedback-total']);
    const [accepted, rejected, unsent] = ['accepted', 'rejected', 'unsent'].map((k) => Number(run.outputs[`feedback-${k}`]));
    // Nothing silently lost: every row is counted, and every row not confirmed is in the report.
    expect(total).toBe(2_000);
    expect(accepted + rejected + unsent).toBe(total);
    expect(unsent).toBeGreaterThan(0);
    const reported = (await readFile(report, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ReportLine);
    expect(reported).toHaveLength(rejected + unsent);
    // What Konan holds is exactly what the run counted as accepted.
    expect(await emu.konanFeedback(deployment)).toHaveLength(accepted);
    expect(JSON.parse(run.outputs.result)).toMatchObject({ status: 'cancelled', stages: { feedback: { status: 'cancelled' } } });
    expect(run.summary).toContain('### 🛑');
  });
});
