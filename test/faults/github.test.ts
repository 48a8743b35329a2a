// Fault matrix, GitHub side: what the run reports and what GitHub ends up holding when GitHub
// refuses, fails, rate-limits, or when runs and apps share one pull request.
import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { makeTree, runAction } from '../helpers/action.js';
import { GITHUB_TOKEN, KONIGLE_KEY, konigleInputs, useEmulator } from '../helpers/emulator.js';
import { pullRequest } from '../helpers/events.js';

const emu = useEmulator();
let app: { webapp_id: string; uat_space_id: string; production_space_id: string };
let workspace: string;
beforeAll(async () => {
  workspace = await makeTree({ 'index.html': '<h1>shop</h1>' });
});
beforeEach(async () => {
  app = await emu.seedWebApp('shop');
});

const SECRETS = [KONIGLE_KEY, GITHUB_TOKEN];
const onPr = (issue: number, extra: { inputs?: Record<string, string>; runId?: number; webappId?: string } = {}) =>
  runAction({
    workspace,
    env: { GITHUB_API_URL: emu.urls.github, GITHUB_RUN_ID: String(extra.runId ?? 4242) },
    inputs: konigleInputs(emu, extra.webappId ?? app.webapp_id, extra.inputs),
    event: pullRequest(issue),
  });
const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning::'));
const deploymentStates = async () => (await emu.githubState()).deployments.map((d): [string, string[]] => [d.environment, d.statuses.map((s) => s.state)]);
const printsNoSecret = (run: { everything: string }) => {
  const visible = run.everything.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  for (const secret of SECRETS) expect(visible.filter((l) => l.includes(secret))).toEqual([]);
};

describe('fault matrix: GitHub', () => {
  it('403 on the comment', async () => {
    await emu.control('POST', '/github/config', { readOnly: { comments: true } });
    const run = await onPr(11);
    expect(run.code).toBe(0);
    expect(warnings(run.stdout)).toEqual([
      expect.stringContaining(
        'Could not write the PR comment: GitHub answered 403 (Resource not accessible by integration). The token needs `permissions: pull-requests: write`',
      ),
    ]);
    expect(run.outputs.url).toBe('https://shop-uat.hostbento.app');
    expect(run.outputs['comment-id']).toBeUndefined();
    expect(run.summary).toContain('⚠️ Could not write the PR comment');
    expect(await emu.ourComments(11)).toEqual([]);
    expect(await deploymentStates()).toEqual([['uat', ['in_progress', 'success']]]);
    printsNoSecret(run);
  });

  it('403 on Deployments', async () => {
    await emu.control('POST', '/github/config', { readOnly: { deployments: true } });
    const run = await onPr(12);
    expect(run.code).toBe(0);
    // One warning, after the one retry at the end of the run.
    expect(warnings(run.stdout)).toEqual([
      expect.stringContaining(
        'Could not record the GitHub Deployment: GitHub answered 403 (Resource not accessible by integration). The token needs `permissions: deployments: write`',
      ),
    ]);
    expect(run.outputs.url).toBe('https://shop-uat.hostbento.app');
    expect((await emu.ourComments(12))[0].body).toContain('⚠️ Could not record the GitHub Deployment');
    expect(await deploymentStates()).toEqual([]);
    printsNoSecret(run);
  });

  it('a GitHub 502', async () => {
    // Six 502s on status writes: in_progress and success each fail all three tries; the write
    // kept for the end of the run then succeeds. One 502 on the comment is retried at once.
    await emu.fault({ service: 'github', method: 'POST', path: '/statuses', status: 502, body: { message: 'Server Error' }, times: 6 });
    await emu.fault({ service: 'github', method: 'POST', path: '/issues/13/comments', status: 502, body: { message: 'Server Error' } });
    const run = await onPr(13);
    expect(run.code).toBe(0);
    expect(warnings(run.stdout)).toEqual([]);
    expect(run.stdout).toContain('It is retried once at the end of the run.');
    expect(run.stdout).toContain('Retrying the GitHub Deployment write for uat (success).');
    expect(run.outputs.url).toBe('https://shop-uat.hostbento.app');
    const github = await emu.githubState();
    expect(github.deployments).toHaveLength(1);
    expect(github.deployments[0].statuses.map((s) => [s.state, s.environment_url])).toEqual([['success', 'https://shop-uat.hostbento.app']]);
    expect(await emu.ourComments(13)).toHaveLength(1);
    expect(run.outputs['comment-id']).toBe(String((await emu.ourComments(13))[0].id));
    printsNoSecret(run);
  });

  it('a GitHub secondary rate limit', async () => {
    const limited = {
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    };
    await emu.fault({ service: 'github', method: 'POST', path: '/repos/acme/shop/deployments', ...limited });
    await emu.fault({ service: 'github', method: 'POST', path: '/issues/14/comments', ...limited });
    const run = await onPr(14);
    expect(run.code).toBe(0);
    expect(warnings(run.stdout)).toEqual([]);
    const creates = (await emu.requests('github')).filter((r) => r.method === 'POST' && r.path === '/repos/acme/shop/deployments');
    expect(creates.map((r) => r.status)).toEqual([403, 201]);
    expect(await deploymentStates()).toEqual([['uat', ['in_progress', 'success']]]);
    expect(await emu.ourComments(14)).toHaveLength(1);
    printsNoSecret(run);
  });

  it('two runs on one PR at once', async () => {
    // Both runs list the PR's comments before either comment exists: each creation waits for the other's.
    await emu.fault({ service: 'github', method: 'POST', path: '/issues/15/comments', barrier: true, times: 2 });
    const [older, newer] = await Promise.all([onPr(15, { runId: 7001 }), onPr(15, { runId: 7002 })]);
    expect([older.code, newer.code]).toEqual([0, 0]);
    const comments = await emu.ourComments(15);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain('run-id="7002"');
    expect(newer.outputs['comment-id']).toBe(String(comments[0].id));
    const calls = (await emu.requests('github')).filter((r) => r.path.includes('comments') && r.method !== 'GET');
    expect(calls.filter((r) => r.method === 'POST')).toHaveLength(2);
    // The older run's comment is the one deleted (by whichever run looked again second).
    const deleted = calls.filter((r) => r.method === 'DELETE' && r.status === 204);
    expect(deleted).toHaveLength(1);
    expect(deleted[0].path).not.toContain(String(comments[0].id));
    // Both releases recorded; the one that succeeded first was then marked inactive (auto_inactive).
    const states: string[][] = (await deploymentStates()).map((d) => d[1]);
    expect(states.map((list: string[]) => list.slice(0, 2))).toEqual([
      ['in_progress', 'success'],
      ['in_progress', 'success'],
    ]);
    expect(states.map((list: string[]) => list.at(-1)).sort()).toEqual(['inactive', 'success']);
    printsNoSecret(older);
    printsNoSecret(newer);
  });

  it('two apps on one PR', async () => {
    const admin = await emu.seedWebApp('admin');
    const shopRun = await onPr(16, { inputs: { 'uat-environment': 'shop/uat' } });
    const adminRun = await onPr(16, { webappId: admin.webapp_id, inputs: { 'uat-environment': 'admin/uat' }, runId: 4243 });
    expect([shopRun.code, adminRun.code]).toEqual([0, 0]);
    expect(adminRun.outputs.url).toBe('https://admin-uat.hostbento.app');
    // One comment per app, and neither release retires the other (auto_inactive is per environment).
    const comments = await emu.ourComments(16);
    expect(comments.map((c) => c.body.match(/key="(\d+)"/)![1]).sort()).toEqual([app.webapp_id, admin.webapp_id].sort());
    expect(await deploymentStates()).toEqual([
      ['shop/uat', ['in_progress', 'success']],
      ['admin/uat', ['in_progress', 'success']],
    ]);
    // Promoting the shop reads its own environment's record.
    const promoted = await runAction({
      workspace,
      env: { GITHUB_API_URL: emu.urls.github, GITHUB_SHA: 'feedc0de00000000000000000000000000000001' },
      inputs: konigleInputs(emu, app.webapp_id, { command: 'promote', 'uat-environment': 'shop/uat', 'production-environment': 'shop/production' }),
    });
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('Promote guard: uat holds feedc0d');
    expect((await deploymentStates()).at(-1)).toEqual(['shop/production', ['in_progress', 'success']]);
    printsNoSecret(shopRun);
    printsNoSecret(adminRun);
  });

  it('wait: false then command: wait then promote', async () => {
    await emu.nextJob({ outcome: 'success', durationMs: 1500 });
    const env = { GITHUB_API_URL: emu.urls.github };
    const started = await runAction({ workspace, env, inputs: konigleInputs(emu, app.webapp_id, { wait: 'false' }) });
    expect(started.code).toBe(0);
    const jobId = started.outputs['job-id'];
    const [open] = (await emu.githubState()).deployments;
    expect(open.payload).toMatchObject({ job_id: jobId, space_id: app.uat_space_id });
    expect(open.statuses.map((s) => s.state)).toEqual(['in_progress']);

    // Resumed in another run, with only the web app: the url is still found.
    const resumed = await runAction({
      workspace,
      env: { ...env, GITHUB_RUN_ID: '4243' },
      inputs: konigleInputs(emu, app.webapp_id, { command: 'wait', 'job-id': jobId }),
    });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`GitHub Deployment ${open.id} (uat, 0123456) holds Job ${jobId}: this run closes it.`);
    expect(resumed.outputs).toMatchObject({ 'job-id': jobId, 'job-status': 'success', 'space-id': app.uat_space_id, url: 'https://shop-uat.hostbento.app' });
    const [closed] = (await emu.githubState()).deployments;
    expect(closed.statuses.map((s) => [s.state, s.environment_url])).toEqual([
      ['in_progress', undefined],
      ['success', 'https://shop-uat.hostbento.app'],
    ]);

    const promoted = await runAction({ workspace, env: { ...env, GITHUB_RUN_ID: '4244' }, inputs: konigleInputs(emu, app.webapp_id, { command: 'promote' }) });
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('Promote guard: uat holds 0123456');
    expect(promoted.outputs['production-url']).toBe('https://shop.hostbento.app');
    expect(await deploymentStates()).toEqual([
      ['uat', ['in_progress', 'success']],
      ['production', ['in_progress', 'success']],
    ]);
    expect((await emu.konigleState()).deployments).toHaveLength(2);
    for (const run of [started, resumed, promoted]) printsNoSecret(run);
  });
});
