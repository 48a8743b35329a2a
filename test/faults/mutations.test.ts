// Fault matrix: the calls that create something (the upload, the promotion). Sent again only when the
// server provably did not act; after an ambiguous failure, never, and the message says what may exist.
import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTree } from '../helpers/action.js';
import { errorOf, faultSuite, githubDeployments, konigleCalls, RefusingFront, releases, resultOf, run } from './harness.js';

const suite = faultSuite();
const DEPLOY = '/deploy';
const PROMOTE = '/promote';

/** A successful deploy to uat, so that there is something to promote. */
async function deployFirst() {
  const first = await run(suite);
  expect(first.code).toBe(0);
}

const promoteInputs = { command: 'promote', 'promote-guard': 'off' };

describe('faults on the upload', () => {
  it('a 502 answer to the upload', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'POST', path: DEPLOY, status: 502, body: '<html>Bad gateway</html>' });
    const result = await run(suite);
    expect(result.code).toBe(1);
    expect(await konigleCalls(suite, 'POST', DEPLOY)).toHaveLength(1);
    expect(errorOf(result)).toContain('answered 502 server');
    expect(errorOf(result)).toContain(
      `It is not known whether the server acted: a deployment '0123456 push #17' on Space ${suite.app.uat_space_id} may exist.`,
    );
    expect(errorOf(result)).toContain(
      `Before deploying again, check the Space's last_deployed_at and last_deployment_status (GET /cloud/api/v1/spaces/${suite.app.uat_space_id})`,
    );
    expect(result.outputs['deployment-id']).toBeUndefined();
    expect((await releases(suite)).uploads).toHaveLength(0);
    expect(await githubDeployments(suite)).toEqual([['uat', ['failure']]]);
  });

  it('a 502 after the server handled the upload', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'POST', path: DEPLOY, status: 502, afterHandling: true });
    const result = await run(suite);
    expect(result.code).toBe(1);
    // The server did create a deployment: it is named as possible, and never created twice.
    expect(await konigleCalls(suite, 'POST', DEPLOY)).toHaveLength(1);
    expect((await releases(suite)).uploads).toHaveLength(1);
    expect(errorOf(result)).toContain('may exist. Before deploying again');
    expect(await githubDeployments(suite)).toEqual([['uat', ['failure']]]);
  });

  it('a reset before the upload body was read', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'POST', path: DEPLOY, reset: true });
    // An archive bigger than the socket buffers: a tiny one can be wholly written before the reset lands,
    // and then the client cannot know the server never read it.
    const workspace = await makeTree({ 'index.html': '<h1>shop</h1>' });
    await writeFile(path.join(workspace, 'video.bin'), randomBytes(32 * 1024 * 1024));
    const result = await run(suite, {}, { workspace });
    expect(result.code).toBe(1);
    // The archive never left whole, so no deployment can exist: the message says to run again; no second try.
    expect(await konigleCalls(suite, 'POST', DEPLOY)).toHaveLength(1);
    expect((await releases(suite)).uploads).toHaveLength(0);
    expect(errorOf(result)).toContain('The server cannot have received the whole archive, so no deployment was made: run the step again.');
    expect(resultOf(result).stages.deploy.status).toBe('failure');
    expect(await githubDeployments(suite)).toEqual([['uat', ['failure']]]);
  });

  it('a reset after the upload body was handled', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'POST', path: DEPLOY, reset: true, afterHandling: true });
    const result = await run(suite);
    expect(result.code).toBe(1);
    expect(await konigleCalls(suite, 'POST', DEPLOY)).toHaveLength(1);
    expect((await releases(suite)).uploads).toHaveLength(1);
    expect(errorOf(result)).toContain(
      `(after the whole upload was sent). A deployment may have been created: look at Space ${suite.app.uat_space_id}'s latest deployment`,
    );
    expect(result.outputs['job-id']).toBeUndefined();
    expect(await githubDeployments(suite)).toEqual([['uat', ['failure']]]);
  });

  it('a 400 refusing the upload', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'POST', path: DEPLOY, status: 400, body: { file: ['No file was submitted.'] } });
    const result = await run(suite);
    expect(result.code).toBe(1);
    // A refusal is an answer: nothing may exist, so the message does not say it might.
    expect(errorOf(result)).toBe(
      'Konigle API POST /cloud/api/v1/spaces/' + suite.app.uat_space_id + '/deploy answered 400 validation: file: No file was submitted.',
    );
    expect(await konigleCalls(suite, 'POST', DEPLOY)).toHaveLength(1);
    expect(await githubDeployments(suite)).toEqual([['uat', ['failure']]]);
  });

  // The upload's own retry after a provable "did not act" comes with the streamed upload (issue 10).
  it('a 429 with Retry-After on the upload', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'POST', path: DEPLOY, status: 429, headers: { 'Retry-After': '1' }, body: { detail: 'Slow down.' } });
    const result = await run(suite);
    expect(result.code).toBe(0);
    // The server did not act on a 429: the archive is sent again after the wait it asked for, and deployed once.
    expect(result.stdout).toContain('the server did not take the upload, sending it again in 1s');
    expect(await konigleCalls(suite, 'POST', DEPLOY)).toHaveLength(2);
    expect((await releases(suite)).uploads).toHaveLength(1);
    expect(result.outputs['deployment-id']).toBe((await releases(suite)).uploads[0].id);
    expect(await githubDeployments(suite)).toEqual([['uat', ['in_progress', 'success']]]);
  });

  it('a 503 with Retry-After on the upload', async () => {
    await suite.emu.fault({
      service: 'konigle',
      method: 'POST',
      path: DEPLOY,
      status: 503,
      headers: { 'Retry-After': '1' },
      body: { detail: 'Maintenance, back in a second.' },
    });
    const result = await run(suite);
    expect(result.code).toBe(0);
    expect(await konigleCalls(suite, 'POST', DEPLOY)).toHaveLength(2);
    expect((await releases(suite)).uploads).toHaveLength(1);
    expect(await githubDeployments(suite)).toEqual([['uat', ['in_progress', 'success']]]);
  });
});

describe('faults on the promotion', () => {
  let front: RefusingFront | undefined;
  afterEach(async () => {
    await front?.close();
    front = undefined;
  });

  it('a 429 with Retry-After on the promotion', async () => {
    await deployFirst();
    await suite.emu.fault({
      service: 'konigle',
      method: 'POST',
      path: PROMOTE,
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { detail: 'Request was throttled.' },
    });
    const result = await run(suite, promoteInputs);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('answered 429 rate_limit: Request was throttled.; trying again');
    expect(await konigleCalls(suite, 'POST', PROMOTE)).toHaveLength(2);
    const { promotions } = await releases(suite);
    expect(promotions).toHaveLength(1);
    expect(result.outputs['promote-deployment-id']).toBe(promotions[0].id);
    expect(result.outputs['production-url']).toBe('https://shop.hostbento.app');
    expect(await githubDeployments(suite)).toEqual([
      ['uat', ['in_progress', 'success']],
      ['production', ['in_progress', 'success']],
    ]);
  });

  it('a 503 with Retry-After on the promotion', async () => {
    await deployFirst();
    await suite.emu.fault({ service: 'konigle', method: 'POST', path: PROMOTE, status: 503, headers: { 'Retry-After': '1' }, times: 2 });
    const result = await run(suite, promoteInputs);
    expect(result.code).toBe(0);
    expect(await konigleCalls(suite, 'POST', PROMOTE)).toHaveLength(3);
    expect((await releases(suite)).promotions).toHaveLength(1);
    expect(await githubDeployments(suite)).toEqual([
      ['uat', ['in_progress', 'success']],
      ['production', ['in_progress', 'success']],
    ]);
  });

  it('a 503 without Retry-After on the promotion', async () => {
    await deployFirst();
    await suite.emu.fault({ service: 'konigle', method: 'POST', path: PROMOTE, status: 503 });
    const result = await run(suite, promoteInputs);
    expect(result.code).toBe(1);
    // Without Retry-After a 503 does not prove the server did nothing: one try only.
    expect(await konigleCalls(suite, 'POST', PROMOTE)).toHaveLength(1);
    expect(errorOf(result)).toContain(`It is not known whether the server acted: a promotion of uat Space ${suite.app.uat_space_id} may exist.`);
    expect(errorOf(result)).toContain(
      `Before promoting again, check the production Space's last_deployed_at and last_deployment_status (GET /cloud/api/v1/spaces?webapp_id=${suite.app.webapp_id})`,
    );
    expect(result.outputs['promote-deployment-id']).toBeUndefined();
    expect(await githubDeployments(suite)).toEqual([
      ['uat', ['in_progress', 'success']],
      ['production', ['failure']],
    ]);
  });

  it('a 429 on the promotion that outlasts the retries', async () => {
    await deployFirst();
    await suite.emu.fault({
      service: 'konigle',
      method: 'POST',
      path: PROMOTE,
      status: 429,
      headers: { 'Retry-After': '0' },
      body: { detail: 'Request was throttled.' },
      times: 0,
    });
    const result = await run(suite, promoteInputs);
    expect(result.code).toBe(1);
    // 1 try and 3 more; a 429 is a refusal, so nothing may exist and the message says only what the server said.
    expect(await konigleCalls(suite, 'POST', PROMOTE)).toHaveLength(4);
    expect(errorOf(result)).toMatch(/answered 429 rate_limit: Request was throttled\.$/);
    expect((await releases(suite)).promotions).toHaveLength(0);
    expect((await githubDeployments(suite)).at(-1)).toEqual(['production', ['failure']]);
  });

  it('a reset after the server promoted', async () => {
    await deployFirst();
    await suite.emu.fault({ service: 'konigle', method: 'POST', path: PROMOTE, reset: true, afterHandling: true });
    const result = await run(suite, promoteInputs);
    expect(result.code).toBe(1);
    expect(await konigleCalls(suite, 'POST', PROMOTE)).toHaveLength(1);
    expect((await releases(suite)).promotions).toHaveLength(1);
    expect(errorOf(result)).toContain(`a promotion of uat Space ${suite.app.uat_space_id} may exist. Before promoting again`);
    expect((await githubDeployments(suite)).at(-1)).toEqual(['production', ['failure']]);
  });

  it('a connection refused on the promotion', async () => {
    await deployFirst();
    front = await RefusingFront.start(suite.emu.urls.konigle);
    // The Space lookup is answered; then nothing listens for a moment, so the promotion's connection is refused.
    front.refuseAfterAnswering('GET', '/cloud/api/v1/spaces', 300);
    const result = await run(suite, { ...promoteInputs, 'api-url': front.url(suite.emu.urls.konigle) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/POST \S+\/promote: ECONNREFUSED; trying again/);
    expect(front.refused).toBe(1);
    expect(await konigleCalls(suite, 'POST', PROMOTE)).toHaveLength(1);
    expect((await releases(suite)).promotions).toHaveLength(1);
    expect((await githubDeployments(suite)).at(-1)).toEqual(['production', ['in_progress', 'success']]);
  });

  it('a promotion Job that fails', async () => {
    await deployFirst();
    await suite.emu.nextJob({ outcome: 'failed' });
    const result = await run(suite, promoteInputs);
    expect(result.code).toBe(1);
    expect(errorOf(result)).toMatch(/^Promote Job [0-9a-f-]+ ended failed\. Last log lines:/);
    expect(result.outputs['promote-job-id']).toBe((await releases(suite)).promotions[0].job_id);
    expect(result.outputs['production-url']).toBeUndefined();
    expect((await githubDeployments(suite)).at(-1)).toEqual(['production', ['in_progress', 'failure']]);
  });
});
