// command: provision, run as GitHub runs it, against the emulator: from nothing, again (nothing
// changes), then a deploy to what it made; failing provisioning Jobs; bad inputs; dry run.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { makeTree, resultOf, runAction } from '../helpers/action.js';
import { GITHUB_TOKEN, KONIGLE_KEY, useEmulator } from '../helpers/emulator.js';
import { pullRequest } from '../helpers/events.js';

const emu = useEmulator();
let workspace: string;
beforeAll(async () => {
  workspace = await makeTree({ 'app.py': 'print("hello")' });
});

const env = () => ({ GITHUB_API_URL: emu.urls.github });
const provisionInputs = (extra: Record<string, string> = {}) => ({
  command: 'provision',
  'api-key': KONIGLE_KEY,
  'api-url': emu.urls.konigle,
  'github-token': GITHUB_TOKEN,
  'poll-interval': '100ms',
  'computer-name': 'shop-box',
  'computer-size': 'M',
  'computer-region': 'nyc3',
  'webapp-name': 'shop',
  runtime: 'python3',
  database: 'postgres',
  ...extra,
});
const creations = async () => (await emu.requests('konigle')).filter((r) => r.method === 'POST').map((r) => r.path);

describe('provision', () => {
  it('creates a Computer and a WebApp from nothing, changes nothing the second time, and the next step deploys to it', async () => {
    const first = await runAction({ workspace, env: env(), inputs: provisionInputs() });
    expect(first.code).toBe(0);
    const state = await emu.konigleState();
    const [computer] = state.computers;
    const [webapp] = state.webapps;
    const uat = state.spaces.find((s) => s.webapp === webapp.id && s.space_type === 'uat')!;
    const production = state.spaces.find((s) => s.webapp === webapp.id && s.space_type === 'production')!;
    expect(computer).toMatchObject({ name: 'shop-box', display_name: 'shop-box', size: 'M', region: 'nyc3', status: 'ready' });
    expect(webapp).toMatchObject({ name: 'shop', runtime: 'python3', computer: computer.id, web_server: 'nginx', database: 'postgres', cache: null });
    expect(first.outputs).toEqual({
      'computer-id': computer.id,
      'webapp-id': webapp.id,
      'space-id': uat.id,
      'production-space-id': production.id,
      'public-ip': computer.public_ip,
      result: expect.any(String),
    });
    // Snowflakes past 2^53 come through exact (the emulator sends them as bare JSON numbers).
    expect(BigInt(first.outputs['webapp-id'])).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(await creations()).toEqual(['/cloud/api/v1/computers', '/cloud/api/v1/webapps']);
    expect(first.stdout).toMatch(/::group::Job [0-9a-f-]{36} log/);
    expect(first.stdout).toContain('VM is ready');
    expect(first.summary).toContain('✅ Computer and WebApp provisioned');
    expect(first.summary).toContain('created by this run');
    const result = resultOf(first);
    expect(result.stages.provision).toMatchObject({
      status: 'success',
      computer: { created: true, status: 'ready' },
      webapp: { created: true },
      url: 'https://shop-uat.hostbento.app',
    });

    const second = await runAction({ workspace, env: env(), inputs: provisionInputs() });
    expect(second.code).toBe(0);
    expect(second.outputs).toEqual({ ...first.outputs, result: expect.any(String) });
    expect(await creations()).toEqual(['/cloud/api/v1/computers', '/cloud/api/v1/webapps']);
    const after = await emu.konigleState();
    expect([after.computers.length, after.webapps.length, after.spaces.length]).toEqual([1, 1, 2]);
    expect(second.summary).toContain('✅ Computer and WebApp already exist: nothing changed');

    // A later step in the same job: webapp-id: ${{ steps.provision.outputs.webapp-id }}
    const deploy = await runAction({
      workspace,
      env: env(),
      inputs: { 'api-key': KONIGLE_KEY, 'api-url': emu.urls.konigle, 'poll-interval': '100ms', 'webapp-id': second.outputs['webapp-id'] },
    });
    expect(deploy.code).toBe(0);
    expect(deploy.outputs).toMatchObject({ 'space-id': uat.id, url: 'https://shop-uat.hostbento.app', 'job-status': 'success' });
  });

  it('on a pull request, keeps its own comment beside the deploy comment', async () => {
    const event = pullRequest(7);
    const hosting = await runAction({ workspace, env: env(), event, inputs: provisionInputs() });
    expect(hosting.code).toBe(0);
    const deploy = await runAction({
      workspace,
      env: env(),
      event,
      inputs: {
        'api-key': KONIGLE_KEY,
        'api-url': emu.urls.konigle,
        'github-token': GITHUB_TOKEN,
        'poll-interval': '100ms',
        'webapp-id': hosting.outputs['webapp-id'],
      },
    });
    expect(deploy.code).toBe(0);
    const { comments } = await emu.githubState();
    expect(comments).toHaveLength(2);
    expect(comments.find((c) => c.id === Number(hosting.outputs['comment-id']))!.body).toContain('✅ Computer and WebApp provisioned');
    expect(comments.find((c) => c.id === Number(deploy.outputs['comment-id']))!.body).toContain('✅ Deployed to uat');
    // No GitHub Deployment for provisioning: nothing was released.
    expect((await emu.githubState()).deployments.map((d) => d.environment)).toEqual(['uat']);
  });

  it.each(['flat', 'wrapped'])('reads %s create answers', async (shape) => {
    await emu.control('POST', '/konigle/config', { createAnswer: shape });
    const run = await runAction({ workspace, env: env(), inputs: provisionInputs() });
    expect(run.code).toBe(0);
    expect(run.outputs['webapp-id']).toBe((await emu.konigleState()).webapps[0].id);
    expect(run.outputs['public-ip']).toMatch(/^203\.0\.113\.\d+$/);
  });

  it('fails with the Job log when the Computer cannot be provisioned, and outputs the Computer that exists', async () => {
    await emu.control('POST', '/konigle/provisioning', { fail: 'computer', log: [{ level: 'error', message: 'No capacity for size M in nyc3' }] });
    const run = await runAction({ workspace, env: env(), inputs: provisionInputs() });
    expect(run.code).toBe(1);
    const [computer] = (await emu.konigleState()).computers;
    expect(computer.status).toBe('error');
    expect(run.stdout).toMatch(/::error::Provisioning of Computer 'shop-box': Job [0-9a-f-]{36} ended failed\. Last log lines:/);
    expect(run.stdout).toContain('ERROR No capacity for size M in nyc3');
    expect(run.outputs['computer-id']).toBe(computer.id);
    expect(run.outputs['webapp-id']).toBeUndefined();
    expect(run.outputs['public-ip']).toBeUndefined();
    expect(await creations()).toEqual(['/cloud/api/v1/computers']);
    const result = resultOf(run);
    expect(result.stages.provision).toMatchObject({ status: 'failure', computer: { status: 'error', created: true }, jobStatus: 'failed' });
    expect(run.summary).toContain('❌ Provisioning failed');
    expect(run.summary).toContain('No capacity for size M in nyc3');

    // The Computer in error is not papered over on the next run.
    await emu.control('POST', '/konigle/provisioning', { fail: 'none' });
    const again = await runAction({ workspace, env: env(), inputs: provisionInputs() });
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`::error::Computer 'shop-box' (${computer.id}) is error: its provisioning failed`);
    expect(await creations()).toEqual(['/cloud/api/v1/computers']);
  });

  it('fails with the Job log when the WebApp cannot be provisioned, and outputs the Computer and the WebApp', async () => {
    await emu.control('POST', '/konigle/provisioning', { fail: 'webapp' });
    const run = await runAction({ workspace, env: env(), inputs: provisionInputs() });
    expect(run.code).toBe(1);
    const state = await emu.konigleState();
    expect(run.stdout).toContain('nginx -t exited 1');
    expect(run.stdout).toMatch(/::error::Provisioning of WebApp 'shop': Job [0-9a-f-]{36} ended failed/);
    expect(run.outputs).toMatchObject({ 'computer-id': state.computers[0].id, 'webapp-id': state.webapps[0].id, 'public-ip': expect.stringMatching(/^203\./) });
    expect(state.spaces.map((s) => s.status)).toEqual(['error', 'error']);
  });

  it('after a run that stopped waiting, the next one waits for the Computer it started and finishes the job', async () => {
    await emu.control('POST', '/konigle/config', { jobDurationMs: 5000 });
    const first = await runAction({ workspace, env: env(), inputs: provisionInputs({ 'wait-timeout': '1s' }) });
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("Running 'command: provision' again later picks up what exists by then.");
    expect(resultOf(first).stages.provision).toMatchObject({ status: 'timed_out', computer: { status: 'provisioning' } });
    expect(first.outputs['computer-id']).toBeDefined();
    await emu.control('POST', '/konigle/config', { jobDurationMs: 300 }); // for Jobs from here on

    const second = await runAction({ workspace, env: env(), inputs: provisionInputs() });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Computer 'shop-box' \(\d+\) is provisioning; checking again/);
    expect(await creations()).toEqual(['/cloud/api/v1/computers', '/cloud/api/v1/webapps']);
    expect(second.outputs['computer-id']).toBe(first.outputs['computer-id']);
    expect(second.outputs['public-ip']).toMatch(/^203\./);
  });

  it.each([
    [{ 'computer-size': 'XL' }, "Input 'computer-size' is 'XL': expected S (2GB/1vCPU), M (4GB/2vCPU) or L (8GB/4vCPU)"],
    [{ runtime: 'ruby' }, "Input 'runtime' is 'ruby': expected one of python3, nodejs"],
    [{ database: 'mysql' }, "Input 'database' is 'mysql': expected postgres, or empty for none"],
    [{ 'webapp-name': 'my shop' }, "Input 'webapp-name' is 'my shop': expected a slug"],
    [{ 'computer-region': '' }, "Input 'computer-region' is required for command 'provision'"],
    [{ 'webapp-name': '', runtime: '' }, "Input 'webapp-name' is required for command 'provision'"],
  ])('refuses %j before any remote call, naming the input', async (bad, message) => {
    const run = await runAction({ workspace, env: env(), inputs: provisionInputs(bad) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(message);
    expect(await emu.requests()).toEqual([]);
  });

  it('dry run: looks up, creates nothing, and says what it would create', async () => {
    const run = await runAction({ workspace, env: env(), inputs: provisionInputs({ 'dry-run': 'true' }) });
    expect(run.code).toBe(0);
    expect((await emu.requests('konigle')).map((r) => r.method)).toEqual(['GET', 'GET']);
    const stage = resultOf(run).stages.provision;
    expect(stage.status).toBe('skipped');
    expect(stage.messages).toEqual([
      "Dry run: Computer 'shop-box' (size M, region nyc3) does not exist and would be created.",
      "Dry run: WebApp 'shop' (python3) does not exist and would be created on Computer 'shop-box'.",
    ]);
    expect(run.outputs['computer-id']).toBeUndefined();
    expect(run.summary).toContain('Dry run');
  });
});
