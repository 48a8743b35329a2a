// Konan feedback end to end: formats, batches, accounting, the report, auth, faults.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportLine } from '../../src/feedback/report.js';
import { leaks, makeTree, resultOf, runAction } from '../helpers/action.js';
import { KONAN_KEY, konanInputs, KONIGLE_KEY, useEmulator } from '../helpers/emulator.js';
import { jsonl, readReport } from '../helpers/feedback.js';

const emu = useEmulator();
let dir: string;
beforeEach(async () => {
  dir = await makeTree({ 'index.html': 'x' });
});

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

async function send(deployment: string, file: string, content: string, extra: Record<string, string> = {}) {
  await writeFile(path.join(dir, file), content);
  return runAction({
    workspace: dir,
    inputs: {
      command: 'feedback',
      ...konanInputs(emu, { 'konan-auth-url': `${emu.urls.konan}/` }),
      'konan-deployment-id': deployment,
      'feedback-file': file,
      'feedback-report': path.join(dir, 'report.jsonl'),
      ...extra,
    },
  });
}

const konanPosts = async () => (await emu.requests('konan')).filter((r) => r.path.endsWith('/feedback/'));

describe('feedback formats', () => {
  it('sends a JSONL file', async () => {
    const { deployment, uuids } = await emu.konanDeployment(3);
    const run = await send(deployment, 'truth.jsonl', jsonl(uuids.map((u, i) => ({ prediction_uuid: u, target: { prediction: i } }))));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      'feedback-total': '3',
      'feedback-accepted': '3',
      'feedback-rejected': '0',
      'feedback-unsent': '0',
      'feedback-report': path.join(dir, 'report.jsonl'),
    });
    expect(await emu.konanFeedback(deployment)).toEqual(uuids.map((u, i) => ({ prediction_uuid: u, target: { prediction: i } })));
    expect(await readReport(dir)).toEqual([]);
    expect(leaks(run, KONAN_KEY)).toBe(false);
    expect(
      run.everything
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .some((l) => JWT.test(l)),
    ).toBe(false);
  });

  it('sends a JSON array', async () => {
    const { deployment, uuids } = await emu.konanDeployment(2);
    const run = await send(deployment, 'truth.json', JSON.stringify(uuids.map((u) => ({ prediction_uuid: u, target: 'churned' }))));
    expect(run.code).toBe(0);
    expect((await emu.konanFeedback(deployment)).map((f) => f.target)).toEqual(['churned', 'churned']);
  });

  it('sends a CSV file, with JSON or plain-string targets', async () => {
    const { deployment, uuids } = await emu.konanDeployment(2);
    const run = await send(deployment, 'truth.csv', `prediction_uuid,target\n${uuids[0]},"{""prediction"": 0.9}"\n${uuids[1]},cat\n`);
    expect(run.code).toBe(0);
    expect((await emu.konanFeedback(deployment)).map((f) => f.target)).toEqual([{ prediction: 0.9 }, 'cat']);
  });

  it('logs in with email and password', async () => {
    const { deployment, uuids } = await emu.konanDeployment(1);
    await writeFile(path.join(dir, 'f.jsonl'), jsonl([{ prediction_uuid: uuids[0], target: 1 }]));
    const run = await runAction({
      workspace: dir,
      inputs: {
        command: 'feedback',
        'konan-email': 'demo@konan.test',
        'konan-password': 'demo-password',
        'konan-api-url': emu.urls.konan,
        'konan-auth-url': emu.urls.konan,
        'konan-deployment-id': deployment,
        'feedback-file': 'f.jsonl',
      },
    });
    expect(run.code).toBe(0);
    expect(leaks(run, 'demo-password')).toBe(false);
    expect((await emu.requests('konan')).map((r) => r.path)).toContain('/api/auth/login/');
  });
});

describe('accounting', () => {
  it('10,000 rows in batches: unknown and already-given predictions are rejected, each in the report', async () => {
    const { deployment, uuids } = await emu.konanDeployment(9_400, 400);
    const unknown = Array.from({ length: 600 }, () => randomUUID());
    const rows = [...uuids, ...unknown].map((u, i) => ({ prediction_uuid: u, target: { label: i % 2 } }));
    const run = await send(deployment, 'big.jsonl', jsonl(rows), { 'feedback-fail-on': 'none', 'feedback-batch-size': '500', 'feedback-concurrency': '4' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'feedback-total': '10000', 'feedback-accepted': '9000', 'feedback-rejected': '1000', 'feedback-unsent': '0' });
    expect(await konanPosts()).toHaveLength(20);
    const report = await readReport(dir);
    expect(report).toHaveLength(1000);
    expect(
      report
        .filter((r) => r.status === 404)
        .map((r) => r.prediction_uuid)
        .sort(),
    ).toEqual([...unknown].sort());
    expect(
      report
        .filter((r) => r.status === 409)
        .map((r) => r.prediction_uuid)
        .sort(),
    ).toEqual(uuids.slice(0, 400).sort());
    expect(report[0]).toEqual({
      prediction_uuid: expect.any(String),
      target: expect.any(Object),
      line: expect.any(Number),
      outcome: 'rejected',
      status: expect.any(Number),
      message: 'failure',
    });
    const byLine = report.find((r) => r.status === 404);
    if (!byLine) throw new Error('the report has no 404 row');
    expect(rows[byLine.line - 1].prediction_uuid).toBe(byLine.prediction_uuid);
    expect(run.summary).toContain('| 10,000 | 9,000 | 1,000 | 0 |');
    expect(run.summary).toMatch(/rejected with \*\*404\*\* × 600/);
    expect(run.stdout).toMatch(/Feedback: 10000 of 10000 rows \(100%\) at \d+ rows\/s: 9000 accepted, 1000 rejected, 0 not sent/);
  });

  it('sends nothing when any row is invalid, naming its line', async () => {
    const { deployment, uuids } = await emu.konanDeployment(50);
    const lines = uuids.map((u) => JSON.stringify({ prediction_uuid: u, target: 1 }));
    lines[36] = JSON.stringify({ prediction_uuid: 'not-a-uuid', target: 1 });
    lines[41] = JSON.stringify({ prediction_uuid: uuids[3] });
    const run = await send(deployment, 'f.jsonl', lines.join('\n'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'feedback-file \'f.jsonl\': 2 of 50 rows are invalid, so nothing was sent:%0A  line 37: malformed prediction_uuid "not-a-uuid" (expected a UUID)%0A  line 42: missing target',
    );
    expect(await emu.requests('konan')).toEqual([]);
    expect(run.outputs['feedback-total']).toBeUndefined();
  });

  it('refuses an empty file, and a prediction_uuid repeated within the file, sending nothing', async () => {
    const { deployment, uuids } = await emu.konanDeployment(3);
    const empty = await send(deployment, 'empty.jsonl', '\n');
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain("::error::feedback-file 'empty.jsonl' has no rows: nothing was sent");
    const repeated = await send(deployment, 'twice.csv', `prediction_uuid,target\n${uuids[0]},1\n${uuids[1]},0\n${uuids[0]},1\n`);
    expect(repeated.code).toBe(1);
    expect(repeated.stdout).toContain(`line 4: duplicate prediction_uuid ${uuids[0]} (first at line 2)`);
    expect(await emu.requests('konan')).toEqual([]);
  });

  it('with a bad feedback file, a deploy run deploys nothing', async () => {
    const { deployment } = await emu.konanDeployment(1);
    const app = await emu.seedWebApp('shop');
    await writeFile(path.join(dir, 'f.csv'), 'uuid,label\n1,2\n');
    const run = await runAction({
      workspace: dir,
      inputs: {
        'api-key': KONIGLE_KEY,
        'api-url': emu.urls.konigle,
        'webapp-id': app.webapp_id,
        ...konanInputs(emu),
        'konan-deployment-id': deployment,
        'feedback-file': 'f.csv',
      },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('a feedback CSV has exactly prediction_uuid and target');
    expect(await emu.requests()).toEqual([]);
  });

  it('deploys, then sends feedback, in one run', async () => {
    const { deployment, uuids } = await emu.konanDeployment(2);
    const app = await emu.seedWebApp('shop');
    await writeFile(path.join(dir, 'f.jsonl'), jsonl(uuids.map((u) => ({ prediction_uuid: u, target: 1 }))));
    const run = await runAction({
      workspace: dir,
      inputs: {
        'api-key': KONIGLE_KEY,
        'api-url': emu.urls.konigle,
        'webapp-id': app.webapp_id,
        'poll-interval': '100ms',
        ...konanInputs(emu),
        'konan-deployment-id': deployment,
        'feedback-file': 'f.jsonl',
      },
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ url: 'https://shop-uat.hostbento.app', 'feedback-accepted': '2' });
  });

  it.each([
    ['any', 1],
    ['none', 0],
    ['5%', 0],
    ['3%', 1],
  ])('feedback-fail-on %s with 4%% rejected exits %d', async (failOn, code) => {
    const { deployment, uuids } = await emu.konanDeployment(96);
    const rows = [...uuids, ...Array.from({ length: 4 }, () => randomUUID())].map((u) => ({ prediction_uuid: u, target: 1 }));
    const run = await send(deployment, 'f.jsonl', jsonl(rows), { 'feedback-fail-on': failOn });
    expect(run.code).toBe(code);
    expect(run.outputs['feedback-rejected']).toBe('4');
    if (code)
      expect(run.stdout).toContain(
        `::error::Konan feedback: 100 rows: 96 accepted, 4 rejected, 0 not sent. Rows not accepted are in ${path.join(dir, 'report.jsonl')}. (feedback-fail-on: ${failOn.replace('%', '%25')})`,
      ); // workflow commands escape %
  });
});

describe('faults', () => {
  it('a batch failing with 500 through its retries is unsent; the others go through; the report re-sent delivers exactly those', async () => {
    const { deployment, uuids } = await emu.konanDeployment(1000);
    const unknown = Array.from({ length: 20 }, () => randomUUID());
    await emu.fault({ service: 'konan', path: '/predictions/feedback/', status: 500, body: { detail: 'database is down' }, times: 4 });
    const rows = [...uuids, ...unknown].map((u) => ({ prediction_uuid: u, target: 1 }));
    const run = await send(deployment, 'f.jsonl', jsonl(rows), { 'feedback-batch-size': '100', 'feedback-concurrency': '1' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'feedback-total': '1020', 'feedback-accepted': '900', 'feedback-rejected': '20', 'feedback-unsent': '100' });
    const report = await readReport(dir);
    const unsent = report.filter((r) => r.outcome === 'unsent');
    expect(unsent.map((r) => r.prediction_uuid)).toEqual(uuids.slice(0, 100));
    expect(unsent[0]).toMatchObject({
      status: 500,
      message: 'not sent: Konan API POST /deployments/' + deployment + '/predictions/feedback/ answered 500: database is down',
    });
    expect(run.stdout).toContain('Feedback batch 1 (100 rows) failed, retrying');

    const again = await send(deployment, 'again.jsonl', await readFile(path.join(dir, 'report.jsonl'), 'utf8'), { 'feedback-fail-on': 'none' });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ 'feedback-total': '120', 'feedback-accepted': '100', 'feedback-rejected': '20', 'feedback-unsent': '0' });
    expect((await emu.konanFeedback(deployment)).length).toBe(1000);
  });

  it('counts a 409 after an ambiguous failure as already recorded', async () => {
    const { deployment, uuids } = await emu.konanDeployment(10);
    await emu.fault({ service: 'konan', path: '/predictions/feedback/', status: 502, afterHandling: true, times: 1 });
    const run = await send(deployment, 'f.jsonl', jsonl(uuids.map((u) => ({ prediction_uuid: u, target: 1 }))));
    expect(run.code).toBe(0);
    expect(run.outputs['feedback-accepted']).toBe('10');
    expect(run.stdout).toContain('10 rows answered 409 on a retry after a failed first attempt: counted as accepted (already recorded by that attempt).');
    expect(resultOf(run).stages.feedback.alreadyRecorded).toBe(10);
  });

  it.each([
    ['access tokens only: refreshes', false, 1, [200]],
    ['access and refresh tokens: the refresh is refused, so it logs in again', true, 2, [401]],
  ])('survives token revocation mid-run (%s)', async (_name, refresh, logins, refreshes) => {
    const { deployment, uuids } = await emu.konanDeployment(1000);
    await emu.control('POST', '/konan/config', { revokeAfterFeedbackCalls: { count: 3, refresh } });
    const run = await send(deployment, 'f.jsonl', jsonl(uuids.map((u) => ({ prediction_uuid: u, target: 1 }))), {
      'feedback-batch-size': '100',
      'feedback-concurrency': '2',
    });
    expect(run.code).toBe(0);
    expect(run.outputs['feedback-accepted']).toBe('1000');
    const paths = (await emu.requests('konan')).map((r) => r.path);
    const konan = await emu.requests('konan');
    expect(konan.filter((r) => r.path === '/api/auth/api_key/')).toHaveLength(logins);
    expect(konan.filter((r) => r.path === '/api/auth/token/refresh/').map((r) => r.status)).toEqual(refreshes);
    // One 401 on the feedback call that met the revoked token, then none.
    expect(konan.filter((r) => r.path.endsWith('/feedback/') && r.status === 401).length).toBeGreaterThanOrEqual(1);
    expect(paths.filter((p) => p.endsWith('/feedback/')).length).toBeGreaterThan(10);
  });

  it('refreshes ahead of expiry when tokens are short-lived', async () => {
    const { deployment, uuids } = await emu.konanDeployment(3000);
    // 4 s tokens are renewed 0.4 s early; each request takes ~0.15 s, so a renewed-ahead token never lapses in flight.
    await emu.control('POST', '/konan/config', { accessTtlSeconds: 4 });
    await emu.fault({ service: 'konan', path: '/predictions/feedback/', delayMs: 150, times: 0 });
    const run = await send(deployment, 'f.jsonl', jsonl(uuids.map((u) => ({ prediction_uuid: u, target: 1 }))), {
      'feedback-batch-size': '100',
      'feedback-concurrency': '1',
    });
    expect(run.code).toBe(0);
    expect(run.outputs['feedback-accepted']).toBe('3000');
    const konan = await emu.requests('konan');
    expect(konan.filter((r) => r.path === '/api/auth/token/refresh/').length).toBeGreaterThanOrEqual(1);
    expect(konan.filter((r) => r.status === 401)).toEqual([]);
  });

  it('marks every row unsent with Konan’s words when the deployment does not exist', async () => {
    const { uuids } = await emu.konanDeployment(30);
    const missing = randomUUID();
    const run = await send(missing, 'f.jsonl', jsonl(uuids.map((u) => ({ prediction_uuid: u, target: 1 }))), { 'feedback-batch-size': '10' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'feedback-total': '30', 'feedback-unsent': '30' });
    expect(run.summary).toContain(`- not sent × 30: not sent: Konan API POST /deployments/${missing}/predictions/feedback/ answered 404: Not found.`);
    expect(await konanPosts()).toHaveLength(3);
  });

  it('fails clearly on a wrong API key, counting every row as unsent', async () => {
    const { deployment, uuids } = await emu.konanDeployment(5);
    const run = await send(deployment, 'f.jsonl', jsonl(uuids.map((u) => ({ prediction_uuid: u, target: 1 }))), { 'konan-api-key': 'konan_wrong_key_9911' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'Konan login failed: Konan API POST /api/auth/api_key/ answered 401: No active account found with the given credentials (check konan-api-key)',
    );
    expect(run.outputs).toMatchObject({ 'feedback-total': '5', 'feedback-accepted': '0', 'feedback-unsent': '5' });
    expect(leaks(run, 'konan_wrong_key_9911')).toBe(false);
    expect((await readReport(dir)).length).toBe(5);
  });
});

describe('feedback-shard', () => {
  it('three shards of one file send every row exactly once; their counts and reports add up to the file', async () => {
    const { deployment, uuids } = await emu.konanDeployment(1_000);
    const unknown = Array.from({ length: 60 }, () => randomUUID());
    // Upper case for half the rows: a row's shard does not depend on the case of its uuid.
    const rows = [...uuids, ...unknown].map((u, i) => ({ prediction_uuid: i % 2 ? u.toUpperCase() : u, target: i }));
    await writeFile(path.join(dir, 'f.jsonl'), jsonl(rows));
    const runs: Awaited<ReturnType<typeof send>>[] = [];
    for (const i of [1, 2, 3]) {
      const run = await send(deployment, 'f.jsonl', jsonl(rows), {
        'feedback-shard': `${i}/3`,
        'feedback-report': path.join(dir, `report-${i}.jsonl`),
        'feedback-fail-on': 'none',
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`1060 valid rows, ${run.outputs['feedback-total']} of them in shard ${i}/3`);
      runs.push(run);
    }
    const sum = (name: string) => runs.reduce((n, run) => n + Number(run.outputs[`feedback-${name}`]), 0);
    expect([sum('total'), sum('accepted'), sum('rejected'), sum('unsent')]).toEqual([1060, 1000, 60, 0]);
    for (const run of runs) expect(Number(run.outputs['feedback-total'])).toBeGreaterThan(200);
    const reported: string[] = [];
    for (const i of [1, 2, 3])
      reported.push(
        ...(await readFile(path.join(dir, `report-${i}.jsonl`), 'utf8'))
          .split('\n')
          .filter(Boolean)
          .map((l) => (JSON.parse(l) as ReportLine).prediction_uuid.toLowerCase()),
      );
    expect(reported.sort()).toEqual(unknown.sort());
    expect((await emu.konanFeedback(deployment)).length).toBe(1000);
    expect((await konanPosts()).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a shard outside 1..n, naming the input, before contacting Konan', async () => {
    const { deployment, uuids } = await emu.konanDeployment(1);
    const run = await send(deployment, 'f.jsonl', jsonl([{ prediction_uuid: uuids[0], target: 1 }]), { 'feedback-shard': '4/3' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Input 'feedback-shard' is '4/3': expected i/n, shard i (from 1) of n, such as 2/4 (n at most 1000)");
    expect(await emu.requests('konan')).toEqual([]);
  });
});
