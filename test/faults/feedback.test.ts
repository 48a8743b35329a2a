// Fault matrix, feedback: what the run reports when Konan answers differently from the file, when
// sending stops on a fatal error, and on a dry run. Every row stays accounted for:
// total = accepted + rejected + unsent, and the report holds exactly the rows not accepted.
import { beforeEach, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTree, resultOf, runAction } from '../helpers/action.js';
import { konanInputs, useEmulator } from '../helpers/emulator.js';
import { jsonl, readReport } from '../helpers/feedback.js';

const emu = useEmulator();
let dir: string;
beforeEach(async () => {
  dir = await makeTree({ 'index.html': 'x' });
});

const reportPath = () => path.join(dir, 'report.jsonl');
const counts = (outputs: Record<string, string>) => ['total', 'accepted', 'rejected', 'unsent'].map((k) => Number(outputs[`feedback-${k}`]));

function feedbackRun(deployment: string, file: string, extra: Record<string, string> = {}) {
  return runAction({
    workspace: dir,
    inputs: {
      command: 'feedback',
      ...konanInputs(emu),
      'konan-deployment-id': deployment,
      'feedback-file': file,
      'feedback-report': reportPath(),
      ...extra,
    },
  });
}

it('feedback: upper-case UUIDs in the file, lower-case in Konan’s answer', async () => {
  const { deployment, uuids } = await emu.konanDeployment(300);
  await writeFile(path.join(dir, 'f.jsonl'), jsonl(uuids.map((u) => ({ prediction_uuid: u.toUpperCase(), target: 1 }))));
  const run = await feedbackRun(deployment, 'f.jsonl', { 'feedback-batch-size': '100' });
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ 'feedback-total': '300', 'feedback-accepted': '300', 'feedback-unsent': '0' });
  expect((await emu.konanFeedback(deployment)).length).toBe(300);
  expect(await readReport(dir)).toEqual([]);
});

it('feedback: the file changes mid-run; sending stops, the report stays whole and every row is counted', async () => {
  const { deployment, uuids } = await emu.konanDeployment(2_700);
  // Every tenth row is unknown to Konan, so every batch writes rejections to the report. Rows of
  // 2 KB make a 6 MB file, so the reader (1 MB reads) has not reached the middle when it changes.
  const note = 'n'.repeat(2_000);
  const rows = Array.from({ length: 3_000 }, (_, i) => ({
    prediction_uuid: i % 10 === 9 ? randomUUID() : uuids[i - Math.floor(i / 10)],
    target: { label: i % 3, note },
  }));
  const file = path.join(dir, 'f.jsonl');
  await writeFile(file, jsonl(rows));
  // Every batch takes 400 ms, so batches are in flight when the reader meets the changed part.
  await emu.fault({ service: 'konan', path: '/predictions/feedback/', delayMs: 400, times: 0 });
  const running = feedbackRun(deployment, 'f.jsonl', { 'feedback-batch-size': '50', 'feedback-concurrency': '4', 'feedback-fail-on': 'none' });
  for (let i = 0; i < 600 && !(await emu.requests('konan')).some((r) => r.path.endsWith('/feedback/')); i++) await new Promise((r) => setTimeout(r, 50));
  // The first batches are on their way: break the rows the reader has not reached yet.
  await writeFile(file, jsonl(rows.slice(0, 1_500)) + '{"broken": \n'.repeat(1_500));
  const run = await running;

  expect(run.code).toBe(1);
  expect(run.stdout).toContain('feedback-file changed while it was being sent');
  const [total, accepted, rejected, unsent] = counts(run.outputs);
  expect(total).toBe(3_000);
  expect(accepted + rejected + unsent).toBe(3_000);
  expect(accepted).toBeGreaterThan(0);
  const report = await readReport(dir);
  expect(report.filter((r) => r.outcome === 'rejected')).toHaveLength(rejected);
  for (const line of report) expect(line).toMatchObject({ prediction_uuid: expect.any(String), outcome: expect.stringMatching(/^(rejected|unsent)$/) });
  expect(run.stderr).not.toMatch(/write after end|ERR_STREAM/);
});

it('feedback: a dry run counts every row as not sent ("dry run") and contacts no one', async () => {
  const { deployment, uuids } = await emu.konanDeployment(40);
  await writeFile(path.join(dir, 'f.csv'), `prediction_uuid,target\n${uuids.map((u) => `${u},1`).join('\n')}\n`);
  const run = await feedbackRun(deployment, 'f.csv', { 'dry-run': 'true' });
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ 'feedback-total': '40', 'feedback-accepted': '0', 'feedback-rejected': '0', 'feedback-unsent': '40' });
  expect(resultOf(run).stages.feedback.unsentReasons).toEqual([{ reason: 'dry run', count: 40 }]);
  expect(await emu.requests('konan')).toEqual([]);
});

it('feedback: 429 above a request rate; batches back off, honour Retry-After and every row is accepted', async () => {
  const { deployment, uuids } = await emu.konanDeployment(1_500);
  await emu.control('POST', '/konan/config', { feedbackRateLimit: { perSecond: 8, retryAfterSeconds: 1 } });
  await writeFile(path.join(dir, 'f.jsonl'), jsonl(uuids.map((u) => ({ prediction_uuid: u, target: 1 }))));
  const run = await feedbackRun(deployment, 'f.jsonl', { 'feedback-batch-size': '50', 'feedback-concurrency': '8' });
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ 'feedback-total': '1500', 'feedback-accepted': '1500', 'feedback-unsent': '0' });
  const posts = (await emu.requests('konan')).filter((r) => r.path.endsWith('/feedback/'));
  const throttled = posts.filter((r) => r.status === 429);
  expect(throttled.length).toBeGreaterThan(0);
  // Held back after each 429 (Retry-After: 1 s, limit halved), the client is throttled far less often than it gets through.
  expect(throttled.length).toBeLessThan(posts.length - throttled.length);
  expect(run.stdout).toMatch(/Konan asked to slow down \(429 or slower answers\) \d+ times: batches in flight went down to \d of 8/);
  expect(await emu.konanFeedback(deployment)).toHaveLength(1500);
});

it('feedback: the report cannot be written (disk full); sending stops, the run fails saying so, every row is counted', async () => {
  const { deployment } = await emu.konanDeployment(1);
  // Unknown uuids: every row is rejected, so every row is written to the report.
  await writeFile(path.join(dir, 'f.jsonl'), jsonl(Array.from({ length: 2_000 }, () => ({ prediction_uuid: randomUUID(), target: 1 }))));
  const run = await feedbackRun(deployment, 'f.jsonl', { 'feedback-report': '/dev/full', 'feedback-batch-size': '100', 'feedback-concurrency': '2' });
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/::error::.*cannot write the feedback report \/dev\/full: ENOSPC/);
  const [total, accepted, rejected, unsent] = counts(run.outputs);
  expect(total).toBe(2_000);
  expect(accepted + rejected + unsent).toBe(2_000);
  expect(run.stderr).not.toMatch(/Unhandled|ERR_STREAM|at .*index\.js/);
});
