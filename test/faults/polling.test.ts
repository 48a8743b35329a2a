// Fault matrix: following a deploy's Job while the server misbehaves or the Job ends oddly.
import { describe, expect, it } from '@jest/globals';
import { errorOf, faultSuite, githubDeployments, jobPolls, releases, resultOf, run } from './harness.js';

const suite = faultSuite();
const JOBS = '/cloud/api/v1/jobs/';

/** One upload, one Job, and the uat GitHub Deployment ended as `state`. */
async function expectOneRelease(state: 'success' | 'failure') {
  expect((await releases(suite)).uploads).toHaveLength(1);
  expect(await githubDeployments(suite)).toEqual([['uat', ['in_progress', state]]]);
}

describe('faults while following a Job', () => {
  it('a 5xx burst while polling, shorter than wait-timeout', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'GET', path: JOBS, status: 502, times: 3 });
    const result = await run(suite);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/::warning::Polling Job [0-9a-f-]+ failed, will retry: Konigle API GET \/cloud\/api\/v1\/jobs\/[0-9a-f-]+ answered 502/);
    expect(result.outputs['job-status']).toBe('success');
    expect((await jobPolls(suite)).filter((r) => r.status === 502)).toHaveLength(3);
    await expectOneRelease('success');
  });

  it('a 5xx that lasts past wait-timeout', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'GET', path: JOBS, status: 503, times: 0 });
    const result = await run(suite, { 'wait-timeout': '2s' });
    expect(result.code).toBe(1);
    const jobId = result.outputs['job-id'];
    expect(errorOf(result)).toContain(
      `Job ${jobId} did not end within wait-timeout (2s); last status: unknown. It may still be running: resume with 'command: wait' and 'job-id: ${jobId}'`,
    );
    expect(errorOf(result)).toContain('The last poll failed: Konigle API GET');
    expect(resultOf(result).stages.wait.status).toBe('timed_out');
    await expectOneRelease('failure');
  });

  it('a 429 with Retry-After while polling', async () => {
    await suite.emu.fault({
      service: 'konigle',
      method: 'GET',
      path: JOBS,
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { detail: 'Request was throttled.' },
    });
    const result = await run(suite);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('answered 429 rate_limit: Request was throttled.');
    expect(result.outputs['job-status']).toBe('success');
    await expectOneRelease('success');
  });

  it('an HTML 200 maintenance page while polling', async () => {
    const page = '<!doctype html><html><body><h1>Down for maintenance</h1></body></html>';
    await suite.emu.fault({ service: 'konigle', method: 'GET', path: JOBS, status: 200, body: page, headers: { 'content-type': 'text/html' }, times: 2 });
    const result = await run(suite);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('answered 200 with a body that is not JSON (text/html)');
    expect(result.outputs['job-status']).toBe('success');
    expect(result.outputs.url).toBe('https://shop-uat.hostbento.app');
    await expectOneRelease('success');
  });

  it('connection resets while polling', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'GET', path: JOBS, reset: true, times: 2 });
    const result = await run(suite);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/::warning::Polling Job .* failed, will retry/g)).toHaveLength(2);
    expect(result.outputs['job-status']).toBe('success');
    await expectOneRelease('success');
  });

  it('a poll answer slower than wait-timeout', async () => {
    await suite.emu.nextJob({ outcome: 'success', durationMs: 60_000 });
    await suite.emu.fault({ service: 'konigle', method: 'GET', path: JOBS, delayMs: 30_000 });
    const result = await run(suite, { 'wait-timeout': '2s' });
    expect(result.code).toBe(1);
    // The slow poll is cut at the deadline instead of running on for the request timeout (30 s).
    expect(errorOf(result)).toMatch(/did not end within wait-timeout \(2s\).*The last poll failed: GET .*jobs\/[0-9a-f-]+: no answer within 2s/s);
    expect(resultOf(result).stages.wait.status).toBe('timed_out');
    await expectOneRelease('failure');
  });

  it('a poll answer whose body stalls past wait-timeout', async () => {
    await suite.emu.nextJob({ outcome: 'success', durationMs: 60_000 });
    await suite.emu.fault({ service: 'konigle', method: 'GET', path: JOBS, stallBodyMs: 30_000 });
    const result = await run(suite, { 'wait-timeout': '2s' });
    expect(result.code).toBe(1);
    // Headers and half the body came at once; reading the rest is cut at the deadline too.
    expect(errorOf(result)).toMatch(/did not end within wait-timeout \(2s\).*The last poll failed: GET .*jobs\/[0-9a-f-]+: no answer within 2s/s);
    expect(resultOf(result).stages.wait.status).toBe('timed_out');
    await expectOneRelease('failure');
  });

  it('the API key refused while polling', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'GET', path: JOBS, status: 401, body: { detail: 'Invalid token.' }, times: 0 });
    const result = await run(suite, { 'wait-timeout': '10m' });
    expect(result.code).toBe(1);
    // Not a passing failure: the wait ends at once, and the Job id is there to resume with.
    expect(errorOf(result)).toMatch(
      /^Konigle API GET \/cloud\/api\/v1\/jobs\/[0-9a-f-]+ answered 401 authentication: Invalid token\. \(check the api-key input \(KONIGLE_API_KEY\)\)$/,
    );
    expect(await jobPolls(suite)).toHaveLength(1);
    expect(result.outputs['job-id']).toBe((await releases(suite)).uploads[0].job_id);
    await expectOneRelease('failure');
  });

  it('a Job answered 404 in its first seconds', async () => {
    await suite.emu.fault({ service: 'konigle', method: 'GET', path: JOBS, status: 404, body: { detail: 'Not found.' }, times: 2 });
    const result = await run(suite);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/is not visible yet \(404\); polling on/g)).toHaveLength(2);
    expect(result.stdout).not.toContain('::warning::');
    expect(result.outputs['job-status']).toBe('success');
    await expectOneRelease('success');
  });

  it('a Job that fails', async () => {
    await suite.emu.nextJob({ outcome: 'failed' });
    const result = await run(suite);
    expect(result.code).toBe(1);
    expect(errorOf(result)).toMatch(/^Deploy Job [0-9a-f-]+ ended failed\. Last log lines:\n.*Health check failed: GET \/ answered 502/s);
    expect(result.outputs['job-status']).toBe('failed');
    expect(result.outputs.url).toBeUndefined();
    await expectOneRelease('failure');
  });

  it('a Job that never ends', async () => {
    await suite.emu.nextJob({ outcome: 'hang' });
    const result = await run(suite, { 'wait-timeout': '2s' });
    expect(result.code).toBe(1);
    const jobId = result.outputs['job-id'];
    expect(errorOf(result)).toBe(
      `Job ${jobId} did not end within wait-timeout (2s); last status: running. It may still be running: resume with 'command: wait' and 'job-id: ${jobId}', or raise 'wait-timeout'.`,
    );
    expect(result.outputs['job-status']).toBe('running');
    await expectOneRelease('failure');
  });

  it('a Job ending in a status this action does not know', async () => {
    await suite.emu.nextJob({ outcome: 'cancelled', log: ['Cancelled by an operator'] });
    const result = await run(suite, { 'wait-timeout': '10m' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/▸ Job [0-9a-f-]+ is cancelled \(a status this action does not know\)/);
    expect(errorOf(result)).toMatch(
      /^Deploy Job [0-9a-f-]+ ended cancelled \(a status this action does not know; the Job has completed\)\. Last log lines:\n {2}Cancelled by an operator$/,
    );
    expect(result.outputs['job-status']).toBe('cancelled');
    await expectOneRelease('failure');
  });

  it('an unknown Job status that does not change', async () => {
    // No completed_at: the wait ends after poll-interval × 3 without change, not at wait-timeout (10 minutes).
    await suite.emu.nextJob({ outcome: 'paused', completes: false, log: [] });
    const result = await run(suite, { 'wait-timeout': '10m' });
    expect(result.code).toBe(1);
    expect(errorOf(result)).toMatch(
      /^Deploy Job [0-9a-f-]+ ended paused \(a status this action does not know, unchanged for 3 poll intervals\)\. \(its log is empty\)$/,
    );
    expect(result.outputs['job-status']).toBe('paused');
    await expectOneRelease('failure');
  });

  it('command wait with a Job id that does not exist', async () => {
    const result = await run(suite, { command: 'wait', 'job-id': '00000000-0000-4000-8000-000000000000', 'wait-timeout': '1m' });
    expect(result.code).toBe(1);
    // A 404 passes only in a Job's first seconds; after that it ends the wait, well before wait-timeout.
    expect(errorOf(result)).toBe('Konigle API GET /cloud/api/v1/jobs/00000000-0000-4000-8000-000000000000 answered 404 not_found: Not found.');
    expect(result.outputs['job-id']).toBe('00000000-0000-4000-8000-000000000000');
    expect((await releases(suite)).uploads).toHaveLength(0);
  });
});
