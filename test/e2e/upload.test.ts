// The upload, through the built action against the emulator: sent again only when the server
// provably did not act on it; otherwise the failure says whether a deployment may exist.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { makeTree, runAction } from '../helpers/action.js';
import { KONIGLE_KEY, useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let app: { webapp_id: string; uat_space_id: string };
beforeEach(async () => {
  app = await emu.seedWebApp('shop');
});

const inputs = () => ({ 'api-key': KONIGLE_KEY, 'api-url': emu.urls.konigle, 'webapp-id': app.webapp_id, 'poll-interval': '100ms' });
const uploads = async () => (await emu.requests('konigle')).filter((r) => r.method === 'POST' && r.path.endsWith('/deploy'));
const DEPLOY_FAULT = { service: 'konigle', method: 'POST', path: '/deploy' };

describe('upload', () => {
  it('sends the archive again after a 429 with Retry-After, and deploys once', async () => {
    await emu.fault({ ...DEPLOY_FAULT, status: 429, headers: { 'Retry-After': '1' }, body: { detail: 'Slow down.' } });
    const run = await runAction({ workspace: await makeTree({ 'index.html': '<h1>hi</h1>' }), inputs: inputs() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('the server did not take the upload, sending it again in 1s');
    expect(await uploads()).toHaveLength(2);
    const { deployments } = await emu.konigleState();
    expect(deployments).toHaveLength(1);
    expect(deployments[0].upload!.entries.map((e) => e.name)).toEqual(['index.html']);
  });

  it('does not send it again after a 502, and says a deployment may exist and how to check', async () => {
    await emu.fault({ ...DEPLOY_FAULT, status: 502, afterHandling: true });
    const run = await runAction({ workspace: await makeTree({ 'index.html': '<h1>hi</h1>' }), inputs: inputs() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`A deployment may have been created: look at Space ${app.uat_space_id}'s latest deployment`);
    expect(run.stdout).toContain('last_deployment_status');
    expect(await uploads()).toHaveLength(1);
    expect((await emu.konigleState()).deployments).toHaveLength(1); // the server did act: a retry would have made two
  });

  it('tells a reset after the whole upload (a deployment may exist) from one before it (none can)', async () => {
    await emu.fault({ ...DEPLOY_FAULT, reset: true, afterHandling: true });
    const after = await runAction({ workspace: await makeTree({ 'index.html': '<h1>hi</h1>' }), inputs: inputs() });
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('after the whole upload was sent');
    expect(after.stdout).toContain('A deployment may have been created');
    expect(await uploads()).toHaveLength(1);

    await emu.reset();
    app = await emu.seedWebApp('shop');
    // 32 MB that will not compress: more than the socket buffers hold, so the reset lands mid-body.
    const workspace = await makeTree({ 'index.html': '<h1>hi</h1>' });
    await writeFile(path.join(workspace, 'video.mp4'), randomBytes(32 * 1024 * 1024));
    await emu.fault({ ...DEPLOY_FAULT, reset: true });
    const before = await runAction({ workspace, inputs: inputs() });
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/with about \d+ of \d+ archive bytes sent/);
    expect(before.stdout).toContain('The server cannot have received the whole archive, so no deployment was made: run the step again.');
    expect(await uploads()).toHaveLength(1);
    expect((await emu.konigleState()).deployments).toHaveLength(0);
  });
});
