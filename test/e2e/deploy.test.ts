// The built action, run as GitHub runs it, against the emulator.
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { leaks, makeTree, resultOf, runAction } from '../helpers/action.js';
import { KONIGLE_KEY, useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let app: { webapp_id: string; uat_space_id: string };
beforeEach(async () => {
  app = await emu.seedWebApp('shop');
});

const SAMPLE = {
  '.git/config': '[core]',
  '.konigleignore': 'node_modules/\n*.log\n',
  'index.html': '<h1>shop</h1>',
  'server.js': 'console.log(1)',
  'debug.log': 'noise',
  'node_modules/left-pad/index.js': 'x',
  'tests/app.test.js': 'x',
  'public/logo.svg': '<svg/>',
};

const fastInputs = () => ({
  'api-key': KONIGLE_KEY,
  'api-url': emu.urls.konigle,
  'webapp-id': app.webapp_id,
  'poll-interval': '100ms',
});

describe('deploy', () => {
  it('uploads what the ignore rules leave, follows the Job and sets every output', async () => {
    const workspace = await makeTree(SAMPLE);
    const run = await runAction({ workspace, inputs: { ...fastInputs(), exclude: 'tests/' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const { deployments } = await emu.konigleState();
    expect(deployments).toHaveLength(1);
    const [deployment] = deployments;
    expect(deployment.upload!.entries.map((e: { name: string }) => e.name)).toEqual(['.konigleignore', 'index.html', 'public/logo.svg', 'server.js']);
    expect(deployment.upload).toMatchObject({ field: 'file', filename: 'app.zip', contentType: 'application/zip' });
    expect(deployment.display_name).toBe('0123456 push #17');

    expect(run.outputs).toEqual({
      'deployment-id': deployment.id,
      'job-id': deployment.job_id,
      'job-status': 'success',
      'space-id': app.uat_space_id,
      url: 'https://shop-uat.hostbento.app',
      'archive-sha256': expect.stringMatching(/^[0-9a-f]{64}$/),
      'archive-size': String(deployment.upload!.size),
      'archive-files': '4',
      result: expect.any(String),
    });
    const result = resultOf(run);
    expect(result).toMatchObject({ schema: 1, command: 'deploy', status: 'success', warnings: [] });
    expect(result.stages.wait).toMatchObject({ status: 'success', jobStatus: 'success', url: 'https://shop-uat.hostbento.app' });
    expect(result.stages.wait.logTail).toContain('Health check passed');
    // The log is streamed inside one collapsible group, each entry once.
    const group = run.stdout.slice(run.stdout.indexOf('::group::'), run.stdout.indexOf('::endgroup::'));
    expect(group).toContain(`::group::Job ${deployment.job_id} log`);
    expect(group.match(/Installing dependencies/g)).toHaveLength(1);
    expect(group.match(/Release is live/g)).toHaveLength(1);
    expect(run.stdout).toContain(`Deployment ${deployment.id} created on Space ${app.uat_space_id}; Job ${deployment.job_id}`);
    expect(leaks(run, KONIGLE_KEY)).toBe(false);
  });

  it('gives the same archive for the same tree on two runs', async () => {
    const workspace = await makeTree(SAMPLE);
    const first = await runAction({ workspace, inputs: fastInputs() });
    const second = await runAction({ workspace, inputs: fastInputs() });
    expect(second.outputs['archive-sha256']).toBe(first.outputs['archive-sha256']);
  });

  it('fails when the Job fails, showing its last log lines', async () => {
    await emu.nextJob({ outcome: 'failed', durationMs: 300 });
    const run = await runAction({ workspace: await makeTree(SAMPLE), inputs: fastInputs() });
    expect(run.code).toBe(1);
    expect(run.outputs['job-status']).toBe('failed');
    expect(run.outputs.url).toBeUndefined();
    expect(run.stdout).toMatch(/::error::Deploy Job [0-9a-f-]+ ended failed\. Last log lines:%0A.*Health check failed: GET \/ answered 502/);
  });

  it('stops waiting at wait-timeout and says how to resume', async () => {
    await emu.nextJob({ outcome: 'hang' });
    const run = await runAction({ workspace: await makeTree(SAMPLE), inputs: { ...fastInputs(), 'wait-timeout': '1s' } });
    expect(run.code).toBe(1);
    const jobId = run.outputs['job-id'];
    expect(run.outputs['job-status']).toBe('running');
    expect(run.stdout).toContain(
      `::error::Job ${jobId} did not end within wait-timeout (1s); last status: running. It may still be running: resume with 'command: wait' and 'job-id: ${jobId}'`,
    );
  });

  it("with wait: false returns at once, and 'command: wait' picks the Job up later", async () => {
    await emu.nextJob({ outcome: 'success', durationMs: 1500 });
    const workspace = await makeTree(SAMPLE);
    const first = await runAction({ workspace, inputs: { ...fastInputs(), wait: 'false' } });
    expect(first.code).toBe(0);
    expect(first.outputs['job-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.outputs['job-status']).toBeUndefined();
    expect((await emu.requests('konigle')).filter((r) => r.path.includes('/jobs/'))).toEqual([]);

    const second = await runAction({
      workspace,
      inputs: {
        'api-key': KONIGLE_KEY,
        'api-url': emu.urls.konigle,
        command: 'wait',
        'job-id': first.outputs['job-id'],
        'space-id': first.outputs['space-id'],
        'poll-interval': '100ms',
      },
    });
    expect(second.code).toBe(0);
    expect(second.outputs).toMatchObject({ 'job-id': first.outputs['job-id'], 'job-status': 'success', url: 'https://shop-uat.hostbento.app' });
    expect((await emu.konigleState()).deployments).toHaveLength(1);
  });

  it('fails clearly for an unknown web app, uploading nothing', async () => {
    const run = await runAction({ workspace: await makeTree(SAMPLE), inputs: { ...fastInputs(), 'webapp-id': '424242' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::No uat Space found for webapp-id '424242'");
    expect((await emu.konigleState()).deployments).toEqual([]);
  });

  it('fails clearly for a wrong API key, never printing it', async () => {
    const key = 'kk_wrong_key_55aa66bb77cc';
    const run = await runAction({ workspace: await makeTree(SAMPLE), inputs: { ...fastInputs(), 'api-key': key } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('answered 401 authentication: Invalid token. (check the api-key input (KONIGLE_API_KEY))');
    expect(leaks(run, key)).toBe(false);
  });

  it('takes the key from KONIGLE_API_KEY', async () => {
    const { 'api-key': _key, ...inputs } = fastInputs();
    const run = await runAction({ workspace: await makeTree(SAMPLE), inputs, env: { KONIGLE_API_KEY: KONIGLE_KEY } });
    expect(run.code).toBe(0);
    expect(leaks(run, KONIGLE_KEY)).toBe(false);
  });

  it('rejects bad inputs before any remote call, naming each', async () => {
    const run = await runAction({ workspace: await makeTree(SAMPLE), inputs: { ...fastInputs(), 'wait-timeout': 'soon', wait: 'yes' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Input 'wait' is 'yes': expected true or false");
    expect(run.stdout).toContain("Input 'wait-timeout' is 'soon': expected a duration such as 30s, 20m or 1h");
    expect(await emu.requests()).toEqual([]);
    expect(run.summary).toContain('### ❌ Stopped before any remote call');
    expect(run.summary).toContain("Input 'wait' is 'yes'");
    expect(resultOf(run)).toMatchObject({ status: 'failure', stages: {} });
  });

  it('prints the server’s words when the upload field name is wrong, and works once it is set', async () => {
    await emu.control('POST', '/konigle/config', { uploadField: 'archive' });
    const wrong = await runAction({ workspace: await makeTree(SAMPLE), inputs: fastInputs() });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('answered 400 validation: archive: No file was submitted.');
    const right = await runAction({ workspace: await makeTree(SAMPLE), inputs: { ...fastInputs(), 'upload-field': 'archive' } });
    expect(right.code).toBe(0);
  });

  it('refuses an archive over max-archive-size without uploading', async () => {
    const workspace = await makeTree({ ...SAMPLE, 'big.txt': randomBytes(8192).toString('hex') });
    const run = await runAction({ workspace, inputs: { ...fastInputs(), 'max-archive-size': '1KB' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The archive grew past max-archive-size (1.0 KB) and was not uploaded');
    expect(await emu.requests('konigle')).toEqual([]);
  });

  it('still warns about credential-like files when the archive turns out too big', async () => {
    const workspace = await makeTree({ ...SAMPLE, '.env': 'SECRET=1', 'big.txt': randomBytes(8192).toString('hex') });
    const run = await runAction({ workspace, inputs: { ...fastInputs(), 'max-archive-size': '1KB' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1 packaged file(s) look like credentials and will be uploaded: .env.');
    expect(run.stdout).toContain('The archive grew past max-archive-size (1.0 KB) and was not uploaded');
  });

  it('deploys to space-id directly', async () => {
    const { 'webapp-id': _w, ...inputs } = fastInputs();
    const run = await runAction({ workspace: await makeTree(SAMPLE), inputs: { ...inputs, 'space-id': app.uat_space_id } });
    expect(run.code).toBe(0);
    expect(run.outputs['space-id']).toBe(app.uat_space_id);
  });
});
