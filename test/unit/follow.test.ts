// The Job follower and the rules for sending a call again, through the HTTP boundary (the emulator)
// where they talk to a server, directly where they are pure.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mayHaveActed, NotJsonError, retryAfterSeconds, serverDidNotAct, sleep, TransportError } from '../../src/http/request.js';
import { ResponseHeaders } from '../../src/http/transport.js';
import { errorFromResponse, KonigleApiError } from '../../src/konigle/errors.js';
import { KonigleHttp } from '../../src/konigle/http.js';
import { parseJobBody } from '../../src/konigle/jobs.js';
import { follow, JobEndedBadlyError } from '../../src/pipeline/follow.js';
import { newStage, type WaitStage } from '../../src/result.js';
import { type EmulatorHandle, KONIGLE_KEY, useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let http: KonigleHttp;
beforeEach(() => {
  http = new KonigleHttp({ baseUrl: emu.urls.konigle, apiKey: KONIGLE_KEY, timeoutMs: 2000 });
});

/** Starts a deploy Job with the given plan by uploading an empty ZIP. */
async function startJob(plan: Parameters<EmulatorHandle['nextJob']>[0]): Promise<string> {
  const app = await emu.seedWebApp('shop');
  await emu.nextJob(plan);
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'follow-')), 'app.zip');
  await writeFile(file, emptyZip());
  const { body } = await http.upload(
    `/cloud/api/v1/spaces/${app.uat_space_id}/deploy`,
    {},
    { field: 'file', path: file, filename: 'app.zip', contentType: 'application/zip' },
    5000,
  );
  return (body as { job_id: string }).job_id;
}

/** The smallest valid ZIP: an end-of-central-directory record alone. */
const emptyZip = () => Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

const stageFor = (jobId: string) => newStage<WaitStage>({ jobId, logTail: [] });

describe('follow', () => {
  it('answers the Job once it succeeded, with its log tail', async () => {
    const stage = stageFor(await startJob({ outcome: 'success', durationMs: 200, log: ['one', { message: 'two', level: 'info' }] }));
    const job = await follow(http, stage, { timeoutMs: 10_000, pollIntervalMs: 50, what: 'Deploy' });
    expect(job.status).toBe('success');
    expect(stage.jobStatus).toBe('success');
    expect(stage.logTail).toEqual(['one', 'INFO two']);
  });

  it('ends at once when its signal is aborted, with the signal’s reason', async () => {
    const stage = stageFor(await startJob({ outcome: 'hang' }));
    const controller = new AbortController();
    const reason = new Error('the run was cancelled');
    setTimeout(() => controller.abort(reason), 200);
    await expect(follow(http, stage, { timeoutMs: 600_000, pollIntervalMs: 5_000, what: 'Deploy', signal: controller.signal })).rejects.toBe(reason);
    expect(['pending', 'running']).toContain(stage.jobStatus);
  });

  it('throws JobEndedBadlyError for a failed Job, and marks a timeout timed_out', async () => {
    const failed = stageFor(await startJob({ outcome: 'failed', durationMs: 100 }));
    await expect(follow(http, failed, { timeoutMs: 10_000, pollIntervalMs: 50, what: 'Provision' })).rejects.toThrow(/^Provision Job \S+ ended failed\./);
    const hung = stageFor(await startJob({ outcome: 'hang' }));
    await expect(follow(http, hung, { timeoutMs: 300, pollIntervalMs: 50, what: 'Deploy' })).rejects.toBeInstanceOf(JobEndedBadlyError);
    expect(hung.status).toBe('timed_out');
  });
});

describe('when a call may be sent again', () => {
  const answered = (status: number, headers: Record<string, string> = {}, body = '') =>
    errorFromResponse('POST /x', status, body, new ResponseHeaders(headers));

  it('the server provably did not act: refused, unresolved, 429, 503 with Retry-After', () => {
    expect(serverDidNotAct(new TransportError('refused', false, 'ECONNREFUSED'))).toBe(true);
    expect(serverDidNotAct(new TransportError('dns', false, 'ENOTFOUND'))).toBe(true);
    expect(serverDidNotAct(answered(429))).toBe(true);
    expect(serverDidNotAct(answered(503, { 'Retry-After': '5' }))).toBe(true);
    expect(serverDidNotAct(answered(503))).toBe(false);
    expect(serverDidNotAct(new TransportError('reset', false, 'ECONNRESET'))).toBe(false);
    expect(serverDidNotAct(new TransportError('slow', true))).toBe(false);
  });

  it('an ambiguous failure may have acted; an answered refusal did not', () => {
    expect(mayHaveActed(new TransportError('reset', false, 'UND_ERR_SOCKET'))).toBe(true);
    expect(mayHaveActed(new TransportError('slow', true))).toBe(true);
    expect(mayHaveActed(answered(502))).toBe(true);
    expect(mayHaveActed(answered(503))).toBe(true);
    expect(mayHaveActed(new NotJsonError('html', 200))).toBe(true);
    expect(mayHaveActed(answered(503, { 'Retry-After': '5' }))).toBe(false);
    expect(mayHaveActed(answered(429))).toBe(false);
    expect(mayHaveActed(answered(400))).toBe(false);
    expect(mayHaveActed(new TransportError('refused', false, 'ECONNREFUSED'))).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date, on a 503 as on a 429', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('soon')).toBeUndefined();
    expect(retryAfterSeconds(null)).toBeUndefined();
    const unavailable = answered(503, { 'Retry-After': '12' });
    expect(unavailable).toBeInstanceOf(KonigleApiError);
    expect(unavailable.retryAfterSeconds).toBe(12);
    expect(answered(429, {}, '{"detail":"slow","retry_after":3}').retryAfterSeconds).toBe(3);
    expect(answered(500, { 'Retry-After': '12' }).retryAfterSeconds).toBeUndefined();
  });

  it('a sleep ends early, rejecting, when its signal is aborted', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
  });
});

describe('parseJobBody', () => {
  it('uses JSON.parse for a Job whose id is a string, and keeps a numeric id past 2^53 exact', () => {
    expect(parseJobBody('{"id":"0b7f6a52","status":"running","log":[1,2]}')).toEqual({ id: '0b7f6a52', status: 'running', log: [1, 2] });
    expect((parseJobBody('{"id":1700000000000000123,"status":"running"}') as { id: unknown }).id).toBe('1700000000000000123');
    expect(() => parseJobBody('<html>maintenance</html>')).toThrow(SyntaxError);
  });
});
