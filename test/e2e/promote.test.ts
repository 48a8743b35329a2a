// Promotion to production: after a deploy, on a release, refused, guarded.
import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { makeTree, resultOf, runAction } from '../helpers/action.js';
import { konigleInputs, useEmulator } from '../helpers/emulator.js';
import { release } from '../helpers/events.js';

const emu = useEmulator();
let app: { webapp_id: string; uat_space_id: string; production_space_id: string };
let workspace: string;
beforeAll(async () => {
  workspace = await makeTree({ 'index.html': '<h1>shop</h1>' });
});
beforeEach(async () => {
  app = await emu.seedWebApp('shop', { custom_domain: 'shop.example.com', custom_domain_status: 'active' });
});

const inputs = (extra: Record<string, string> = {}) => konigleInputs(emu, app.webapp_id, extra);
const env = () => ({ GITHUB_API_URL: emu.urls.github });
const konigleCalls = async (fragment: string) => (await emu.requests('konigle')).filter((r) => r.method === 'POST' && r.path.endsWith(fragment));

describe('promote', () => {
  it('deploys then promotes with promote: true, recording both releases as GitHub Deployments', async () => {
    const run = await runAction({ workspace, env: env(), inputs: inputs({ promote: 'true' }) });
    expect(run.code).toBe(0);
    const { deployments } = await emu.konigleState();
    const promotion = deployments.find((d: { promotedFrom?: string }) => d.promotedFrom)!;
    expect(promotion.space_id).toBe(app.production_space_id);
    expect(run.outputs).toMatchObject({
      url: 'https://shop-uat.hostbento.app',
      'production-url': 'https://shop.example.com',
      'promote-deployment-id': promotion.id,
      'promote-job-id': promotion.job_id,
    });
    const github = await emu.githubState();
    expect(github.deployments.map((d) => [d.environment, d.sha, d.statuses.map((s) => s.state)])).toEqual([
      ['uat', '0123456789abcdef0123456789abcdef01234567', ['in_progress', 'success']],
      ['production', '0123456789abcdef0123456789abcdef01234567', ['in_progress', 'success']],
    ]);
    const [uat, production] = github.deployments;
    expect(uat.statuses[1]).toMatchObject({ environment_url: 'https://shop-uat.hostbento.app', log_url: 'https://github.com/acme/shop/actions/runs/4242' });
    expect(production.statuses[1].environment_url).toBe('https://shop.example.com');
    expect(production.production_environment).toBe(true);
  });

  it('never promotes after a failed deploy', async () => {
    await emu.nextJob({ outcome: 'failed' });
    const run = await runAction({ workspace, env: env(), inputs: inputs({ promote: 'true' }) });
    expect(run.code).toBe(1);
    expect(await konigleCalls('/promote')).toEqual([]);
    expect(run.outputs['promote-job-id']).toBeUndefined();
    const github = await emu.githubState();
    expect(github.deployments.map((d) => d.statuses.map((s) => s.state))).toEqual([['in_progress', 'failure']]);
  });

  it('promotes on a published release, once uat holds the released commit', async () => {
    expect((await runAction({ workspace, env: env(), inputs: inputs() })).code).toBe(0);
    const run = await runAction({ workspace, env: env(), inputs: inputs(), event: release('published') });
    expect(run.code).toBe(0);
    expect(run.outputs['production-url']).toBe('https://shop.example.com');
    expect(run.outputs['archive-sha256']).toBeUndefined();
    expect(await konigleCalls('/deploy')).toHaveLength(1);
    expect(run.stdout).toContain('Promote guard: uat holds 0123456 (released');
    expect(run.summary).toContain('✅ Promoted to production');
  });

  it('reports a release promotion on the summary and the production Deployment only, never a comment', async () => {
    expect((await runAction({ workspace, env: env(), inputs: inputs() })).code).toBe(0);
    const run = await runAction({ workspace, env: env(), inputs: inputs(), event: release('published') });
    expect(run.code).toBe(0);
    expect(run.outputs['comment-id']).toBeUndefined();
    const github = await emu.githubState();
    expect(github.comments).toEqual([]);
    expect(github.deployments.map((d) => [d.environment, d.statuses.at(-1)?.state])).toEqual([
      ['uat', 'success'],
      ['production', 'success'],
    ]);
    expect((await emu.requests('github')).filter((r) => r.path.includes('/comments'))).toEqual([]);
  });

  it.each([
    ['created', {}],
    ['released', {}],
    ['edited', {}],
    ['deleted', {}],
    ['published', { prerelease: true }],
  ])('does nothing on a release %s %j, saying why', async (action, options) => {
    const run = await runAction({ workspace, env: env(), inputs: inputs(), event: release(action, options) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::notice::Release v1\.4\.0 (was \w+: only a published release is promoted|is a prerelease)/);
    expect(await emu.requests('konigle')).toEqual([]);
    expect(resultOf(run)).toMatchObject({ command: 'none', status: 'skipped' });
  });

  it('refuses to promote when uat holds another commit (promote-guard: commit)', async () => {
    await runAction({ workspace, env: { ...env(), GITHUB_SHA: 'aaaaaaa000000000000000000000000000000000' }, inputs: inputs() });
    const run = await runAction({ workspace, env: env(), inputs: inputs({ command: 'promote' }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::promote-guard: uat holds aaaaaaa (released');
    expect(run.stdout).toContain('not 0123456 which this run would promote');
    expect(await konigleCalls('/promote')).toEqual([]);
  });

  it('reports the server’s refusal when uat has nothing to promote', async () => {
    const run = await runAction({ workspace, env: env(), inputs: inputs({ command: 'promote', 'promote-guard': 'off' }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('answered 409 conflict: The uat Space has no successful deployment to promote.');
    const github = await emu.githubState();
    expect(github.deployments.map((d) => [d.environment, d.statuses.map((s) => s.state)])).toEqual([['production', ['failure']]]);
  });

  it('without a github-token, promote-guard: commit says what it needs', async () => {
    const { 'github-token': _t, ...rest } = inputs({ command: 'promote' });
    const run = await runAction({ workspace, env: env(), inputs: rest });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('promote-guard: commit reads this repository');
    expect(run.stdout).toContain('set promote-guard: off');
  });
});
