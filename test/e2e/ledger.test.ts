// The release ledger (GitHub Deployments): resuming with command: wait, and reading every page.
import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { makeTree, runAction } from '../helpers/action.js';
import { konigleInputs, useEmulator } from '../helpers/emulator.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
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
const statesOf = async () => (await emu.githubState()).deployments.map((d) => d.statuses.map((s) => s.state));

describe('release ledger', () => {
  it('command: wait with space-id closes the Deployment as failure when the Job failed', async () => {
    await emu.nextJob({ outcome: 'failed', durationMs: 800 });
    const first = await runAction({ workspace, env: env(), inputs: konigleInputs(emu, app.webapp_id, { wait: 'false' }) });
    const { 'webapp-id': _w, ...rest } = konigleInputs(emu, app.webapp_id);
    const resumed = await runAction({
      workspace,
      env: env(),
      inputs: { ...rest, command: 'wait', 'job-id': first.outputs['job-id'], 'space-id': app.uat_space_id },
    });
    expect(resumed.code).toBe(1);
    expect(resumed.stdout).toContain(`Deploy Job ${first.outputs['job-id']} ended failed`);
    expect(await statesOf()).toEqual([['in_progress', 'failure']]);
  });

  it('command: wait for a Job no Deployment holds only says so', async () => {
    const first = await runAction({ workspace, inputs: konigleInputs(emu, app.webapp_id, { wait: 'false', 'github-deployment': 'false' }) });
    const resumed = await runAction({
      workspace,
      env: env(),
      inputs: konigleInputs(emu, app.webapp_id, { command: 'wait', 'job-id': first.outputs['job-id'] }),
    });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`No GitHub Deployment of this repository holds Job ${first.outputs['job-id']}: there is none to close.`);
    expect(resumed.outputs.url).toBe('https://shop-uat.hostbento.app');
    expect((await emu.githubState()).deployments).toEqual([]);
  });

  it('promote-guard finds the uat release behind 150 newer Deployments of other apps', async () => {
    const deployed = await runAction({ workspace, env: env(), inputs: konigleInputs(emu, app.webapp_id) });
    expect(deployed.code).toBe(0);
    await emu.control('POST', '/github/deployments', { count: 150, sha: 'f'.repeat(40), environment: 'uat', payload: { space_id: '99' } });
    const promoted = await runAction({ workspace, env: env(), inputs: konigleInputs(emu, app.webapp_id, { command: 'promote' }) });
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain(`Promote guard: uat holds ${SHA.slice(0, 7)}`);
    const pages = (await emu.requests('github')).filter((r) => r.method === 'GET' && r.path === '/repos/acme/shop/deployments').map((r) => r.query.page ?? '1');
    expect(pages).toEqual(['1', '2']);
  });

  it('the emulator pages Deployments like GitHub: 30 by default, at most 100, with Link headers', async () => {
    await emu.control('POST', '/github/deployments', { count: 130, sha: SHA, environment: 'uat' });
    const get = (query: string) =>
      fetch(`${emu.urls.github}/repos/acme/shop/deployments${query}`, { headers: { authorization: 'token ghs_emulator_workflow_token' } });
    const first = await get('');
    expect(((await first.json()) as unknown[]).length).toBe(30);
    expect(first.headers.get('link')).toMatch(/page=2.*rel="next".*page=5.*rel="last"/);
    const big = await get('?per_page=500&page=2');
    expect(((await big.json()) as unknown[]).length).toBe(30);
    expect(big.headers.get('link')).toContain('rel="prev"');
    expect(big.headers.get('link')).not.toContain('rel="next"');
  });

  it('one refused write marks nothing as broken: the next write records the release', async () => {
    await emu.fault({
      service: 'github',
      method: 'POST',
      path: '/repos/acme/shop/deployments',
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const run = await runAction({ workspace, env: env(), inputs: konigleInputs(emu, app.webapp_id, { promote: 'true' }) });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::warning::'))).toEqual([]);
    const github = await emu.githubState();
    expect(github.deployments.map((d) => [d.environment, d.statuses.map((s) => [s.state, s.environment_url])])).toEqual([
      ['uat', [['success', 'https://shop-uat.hostbento.app']]],
      [
        'production',
        [
          ['in_progress', undefined],
          ['success', 'https://shop.hostbento.app'],
        ],
      ],
    ]);
  });
});
