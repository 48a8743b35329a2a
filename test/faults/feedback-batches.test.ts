// Fault matrix: Konan feedback batches and tokens failing mid-run. Every row is accounted for:
// total = accepted + rejected + unsent, and each row not accepted is in the report.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTree } from '../helpers/action.js';
import { konanInputs } from '../helpers/emulator.js';
import { errorOf, faultSuite, run } from './harness.js';

const suite = faultSuite();
const FEEDBACK = '/predictions/feedback/';

/** Sends `count` feedback rows for a fresh Konan deployment, in batches of 100, one at a time. */
async function sendFeedback(count: number) {
  const { deployment, uuids } = await suite.emu.konanDeployment(count);
  const workspace = await makeTree({ 'truth.jsonl': uuids.map((u) => JSON.stringify({ prediction_uuid: u, target: 1 })).join('\n') + '\n' });
  const report = path.join(workspace, 'report.jsonl');
  const result = await run(
    suite,
    {
      command: 'feedback',
      ...konanInputs(suite.emu, { 'konan-auth-url': `${suite.emu.urls.konan}/` }),
      'konan-deployment-id': deployment,
      'feedback-file': 'truth.jsonl',
      'feedback-report': report,
      'feedback-batch-size': '100',
      'feedback-concurrency': '1',
    },
    { workspace },
  );
  const reportRows = (await readFile(report, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const received = await suite.emu.konanFeedback(deployment);
  return { result, uuids, reportRows, received };
}

/** total = accepted + rejected + unsent, and the report holds exactly the rows not accepted. */
function expectEveryRowAccounted(outputs: Record<string, string>, reportRows: unknown[]) {
  const [total, accepted, rejected, unsent] = ['total', 'accepted', 'rejected', 'unsent'].map((k) => Number(outputs[`feedback-${k}`]));
  expect(accepted + rejected + unsent).toBe(total);
  expect(reportRows).toHaveLength(rejected + unsent);
}

describe('faults while sending feedback', () => {
  it('a 5xx burst on a feedback batch, shorter than the retry budget', async () => {
    await suite.emu.fault({ service: 'konan', path: FEEDBACK, status: 503, body: { detail: 'busy' }, times: 2 });
    const { result, uuids, reportRows, received } = await sendFeedback(300);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Feedback batch 1 (100 rows) failed, retrying');
    expect(result.outputs).toMatchObject({ 'feedback-total': '300', 'feedback-accepted': '300', 'feedback-unsent': '0' });
    expectEveryRowAccounted(result.outputs, reportRows);
    expect(received.map((r) => r.prediction_uuid).sort()).toEqual([...uuids].sort());
  });

  it('a 5xx on a feedback batch, longer than the retry budget', async () => {
    await suite.emu.fault({ service: 'konan', path: FEEDBACK, status: 500, body: { detail: 'database is down' }, times: 4 });
    const { result, uuids, reportRows, received } = await sendFeedback(300);
    expect(result.code).toBe(1);
    expect(errorOf(result)).toContain('300 rows: 200 accepted, 0 rejected, 100 not sent');
    expect(result.outputs).toMatchObject({ 'feedback-total': '300', 'feedback-accepted': '200', 'feedback-unsent': '100' });
    expectEveryRowAccounted(result.outputs, reportRows);
    expect(reportRows.map((r) => r.prediction_uuid)).toEqual(uuids.slice(0, 100));
    expect(received).toHaveLength(200);
  });

  it('a 429 with Retry-After on a feedback batch', async () => {
    await suite.emu.fault({ service: 'konan', path: FEEDBACK, status: 429, headers: { 'Retry-After': '2' }, body: { detail: 'Request was throttled.' } });
    const { result, reportRows, received } = await sendFeedback(200);
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ 'feedback-total': '200', 'feedback-accepted': '200', 'feedback-unsent': '0' });
    expectEveryRowAccounted(result.outputs, reportRows);
    expect(received).toHaveLength(200);
    // The throttled batch is sent again only once the 2 s Konan asked for have passed (not after a default pause).
    expect(result.stdout).toContain('Konan answered 429; waiting 2s');
    const posts = (await suite.emu.requests('konan')).filter((r) => r.method === 'POST' && r.path.includes(FEEDBACK));
    const throttled = posts.findIndex((r) => r.status === 429);
    expect(posts.filter((r) => r.status !== 207)).toHaveLength(1);
    const lastSent = Math.max(...posts.slice(throttled + 1).map((r) => Date.parse(r.at)));
    expect(lastSent - Date.parse(posts[throttled].at)).toBeGreaterThanOrEqual(1_950);
  });

  it('the access token expires mid-feedback', async () => {
    await suite.emu.control('POST', '/konan/config', { revokeAfterFeedbackCalls: { count: 2 } });
    const { result, reportRows, received } = await sendFeedback(500);
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ 'feedback-total': '500', 'feedback-accepted': '500' });
    expectEveryRowAccounted(result.outputs, reportRows);
    expect(received).toHaveLength(500);
    const refreshes = (await suite.emu.requests('konan')).filter((r) => r.path === '/api/auth/token/refresh/');
    expect(refreshes.map((r) => r.status)).toEqual([200]);
  });

  it('the token refresh is refused mid-feedback', async () => {
    await suite.emu.control('POST', '/konan/config', { revokeAfterFeedbackCalls: { count: 2, refresh: true } });
    const { result, reportRows, received } = await sendFeedback(500);
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ 'feedback-total': '500', 'feedback-accepted': '500' });
    expectEveryRowAccounted(result.outputs, reportRows);
    expect(received).toHaveLength(500);
    const konan = await suite.emu.requests('konan');
    expect(konan.filter((r) => r.path === '/api/auth/token/refresh/').map((r) => r.status)).toEqual([401]);
    expect(konan.filter((r) => r.path === '/api/auth/api_key/')).toHaveLength(2);
  });

  it("Konan's login answers 307 to the same host", async () => {
    await suite.emu.fault({ service: 'konan', path: '/api/auth/api_key/', status: 307, headers: { Location: `${suite.emu.urls.konan}/api/auth/api_key/` } });
    const { result, reportRows, received } = await sendFeedback(200);
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ 'feedback-total': '200', 'feedback-accepted': '200' });
    expectEveryRowAccounted(result.outputs, reportRows);
    expect(received).toHaveLength(200);
    const logins = (await suite.emu.requests('konan')).filter((r) => r.path === '/api/auth/api_key/');
    expect(logins.map((r) => r.status)).toEqual([307, 200]);
  });

  it("Konan's login answers 307 to another host", async () => {
    await suite.emu.fault({
      service: 'konan',
      path: '/api/auth/api_key/',
      status: 307,
      headers: { Location: 'http://127.0.0.2:9/api/auth/api_key/' },
      times: 0,
    });
    const { result, reportRows, received } = await sendFeedback(200);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('answered 307 to another origin (http://127.0.0.2:9); not sending the request there');
    expect(result.outputs).toMatchObject({ 'feedback-total': '200', 'feedback-accepted': '0', 'feedback-unsent': '200' });
    expectEveryRowAccounted(result.outputs, reportRows);
    expect(received).toHaveLength(0);
  });
});
