// Reporting: the sticky PR comment, the job summary, and failures that never fail a good run.
import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { leaks, makeTree, resultOf, runAction } from '../helpers/action.js';
import { GITHUB_TOKEN, KONIGLE_KEY, konigleInputs, useEmulator } from '../helpers/emulator.js';
import { HEAD_SHA, pullRequest } from '../helpers/events.js';

const emu = useEmulator();
let app: { webapp_id: string; uat_space_id: string };
let workspace: string;
beforeAll(async () => {
  workspace = await makeTree({ 'index.html': '<h1>shop</h1>', 'app.js': 'x' });
});
beforeEach(async () => {
  app = await emu.seedWebApp('shop');
});

const inputs = (extra: Record<string, string> = {}) => konigleInputs(emu, app.webapp_id, extra);
const onPr = (number: number, extra: { inputs?: Record<string, string>; runId?: number; runNumber?: number; fork?: boolean } = {}) =>
  runAction({
    workspace,
    env: { GITHUB_API_URL: emu.urls.github, GITHUB_RUN_ID: String(extra.runId ?? 4242), GITHUB_RUN_NUMBER: String(extra.runNumber ?? 17) },
    inputs: inputs(extra.inputs),
    event: pullRequest(number, { fork: extra.fork }),
  });

describe('PR comment', () => {
  it('creates one comment, then updates the same one on the next run, among 150 others', async () => {
    await emu.control('POST', '/github/comments', { issue: 7, count: 150, login: 'reviewer', body: 'comment {i}' });
    const first = await onPr(7, { runId: 4242 });
    expect(first.code).toBe(0);
    const [comment] = await emu.ourComments(7);
    expect(first.outputs['comment-id']).toBe(String(comment.id));
    expect(comment.user.login).toBe('github-actions[bot]');
    expect(comment.body).toContain('### ✅ Deployed to uat');
    expect(comment.body).toContain('[shop-uat.hostbento.app](https://shop-uat.hostbento.app)');
    expect(comment.body).toContain(`| **Commit** | \`${HEAD_SHA.slice(0, 7)}\` |`);
    expect(comment.body).toMatch(/\| \*\*Archive\*\* \| \d+ B · 2 files · sha256 `[0-9a-f]{12}` \|/);

    await emu.control('POST', '/github/comments', { issue: 7, count: 30, login: 'reviewer' });
    const second = await onPr(7, { runId: 4243 });
    expect(second.code).toBe(0);
    const after = await emu.ourComments(7);
    expect(after).toHaveLength(1);
    expect(after[0].id).toBe(comment.id);
    expect(after[0].body).toContain('run-id="4243"');
    expect(second.outputs['comment-id']).toBe(String(comment.id));
    // Our identity came from GraphQL: GET /user is 403 for the workflow token.
    expect((await emu.requests('github')).filter((r) => r.path.endsWith('/comments') && r.method === 'GET').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps one comment per comment-key on the same PR', async () => {
    await onPr(8, { inputs: { 'comment-key': 'storefront' } });
    await onPr(8, { inputs: { 'comment-key': 'admin' } });
    await onPr(8, { inputs: { 'comment-key': 'storefront' }, runId: 4243 });
    const comments = await emu.ourComments(8);
    expect(comments.map((c) => c.body.match(/key="(\w+)" run-id="(\d+)"/)!.slice(1))).toEqual([
      ['storefront', '4243'],
      ['admin', '4242'],
    ]);
  });

  it('never lets an older run overwrite a newer run’s comment, ordering runs by run id and attempt, not run number', async () => {
    // A run of another workflow: a higher run number, but an older run (lower run id).
    await onPr(9, { runId: 5000, runNumber: 3 });
    const older = await onPr(9, { runId: 4999, runNumber: 90 });
    expect(older.code).toBe(0);
    expect(older.stdout).toContain('already shows run 5000 (attempt 1), newer than this one');
    const [comment] = await emu.ourComments(9);
    expect(comment.body).toContain('run-id="5000"');
    expect(older.outputs['comment-id']).toBeUndefined();
  });

  it('does not touch a look-alike comment written by someone else', async () => {
    await emu.control('POST', '/github/comments', {
      issue: 10,
      login: 'mallory',
      body: `<!-- konigle-deploy-action key="${app.webapp_id}" run="99" attempt="1" --> fake`,
    });
    const run = await onPr(10);
    expect(run.code).toBe(0);
    const comments = (await emu.githubState()).comments.filter((c) => c.issue === 10);
    expect(comments.map((c) => c.user.login)).toEqual(['mallory', 'github-actions[bot]']);
    expect(comments[0].body).toContain('fake');
  });

  it('turns a 403 into one warning naming the permission; the run passes and the summary carries the result', async () => {
    await emu.control('POST', '/github/config', { readOnly: { comments: true } });
    const run = await onPr(11);
    expect(run.code).toBe(0);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings).toEqual([
      expect.stringContaining(
        'Could not write the PR comment: GitHub answered 403 (Resource not accessible by integration). The token needs `permissions: pull-requests: write`',
      ),
    ]);
    expect(run.summary).toContain('### ✅ Deployed to uat');
    expect(run.summary).toContain('⚠️ Could not write the PR comment');
    expect((await emu.githubState()).deployments).toHaveLength(1);
    expect(resultOf(run).warnings).toHaveLength(1);
  });

  it('warns once, naming deployments: write, when GitHub Deployments are refused', async () => {
    await emu.control('POST', '/github/config', { readOnly: { deployments: true } });
    // No promote: a pull request never promotes (an input error since issue 7); start and finish are two refused writes.
    const run = await onPr(18);
    expect(run.code).toBe(0);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings).toEqual([
      expect.stringContaining(
        'Could not record the GitHub Deployment: GitHub answered 403 (Resource not accessible by integration). The token needs `permissions: deployments: write`',
      ),
    ]);
    expect(run.outputs.url).toBe('https://shop-uat.hostbento.app');
    expect((await emu.ourComments(18))[0].body).toContain('⚠️ Could not record the GitHub Deployment');
  });

  it('comments on pull_request_target runs too', async () => {
    const event = pullRequest(19);
    const run = await runAction({ workspace, env: { GITHUB_API_URL: emu.urls.github }, inputs: inputs(), event: { ...event, name: 'pull_request_target' } });
    expect(run.code).toBe(0);
    expect(await emu.ourComments(19)).toHaveLength(1);
  });

  it('calls a 403 with x-ratelimit-remaining: 0 a rate limit, not a permission problem', async () => {
    // Every try: the client sits out a short rate limit once, then gives up.
    await emu.fault({
      service: 'github',
      method: 'POST',
      path: '/issues/12/comments',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0' },
      body: { message: 'API rate limit exceeded' },
      times: 0,
    });
    const run = await onPr(12);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Could not write the PR comment: GitHub's API rate limit was hit. This is not a permission problem.");
  });

  it('keeps a comment under 65,536 characters when the failed Job wrote 100 KB of log', async () => {
    const log = Array.from({ length: 400 }, (_, i) => ({ level: 'error', message: `line ${i} ${'x'.repeat(250)}` }));
    await emu.nextJob({ outcome: 'failed', log });
    const run = await onPr(13);
    expect(run.code).toBe(1);
    const [comment] = await emu.ourComments(13);
    expect(comment.body.length).toBeLessThan(65_536);
    expect(comment.body).toContain('### ❌ Deploy to uat failed');
    expect(comment.body).toContain('line 399 ');
    expect(comment.body).toMatch(/<details><summary>Last \d+ lines of the Job log/);
  });

  it('reports a fork PR without the API key as skipped, exit 0', async () => {
    const { 'api-key': _k, ...rest } = inputs();
    const run = await runAction({ workspace, env: { GITHUB_API_URL: emu.urls.github }, inputs: rest, event: pullRequest(14, { fork: true }) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::notice::This pull request comes from a fork, where workflow secrets are not available');
    expect(await emu.requests()).toEqual([]);
    expect(run.summary).toContain('⏭️ Nothing deployed');
  });

  it('still fails on a missing key outside a fork PR', async () => {
    const { 'api-key': _k, ...rest } = inputs();
    const run = await runAction({ workspace, env: { GITHUB_API_URL: emu.urls.github }, inputs: rest, event: pullRequest(15) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::Input 'api-key' is required");
  });

  it('turns each surface off on request', async () => {
    const run = await onPr(16, { inputs: { comment: 'false', 'job-summary': 'false', 'github-deployment': 'false' } });
    expect(run.code).toBe(0);
    expect(run.summary).toBe('');
    expect(await emu.githubState()).toEqual({ comments: [], deployments: [] });
  });

  it('reports to the summary only when there is no token', async () => {
    const { 'github-token': _t, ...rest } = inputs();
    const run = await runAction({ workspace, env: { GITHUB_API_URL: emu.urls.github }, inputs: rest, event: pullRequest(17) });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('### ✅ Deployed to uat');
    expect(await emu.requests('github')).toEqual([]);
  });
});

describe('dry run', () => {
  it('packages and validates, renders the comment into the summary, and mutates nothing', async () => {
    const run = await onPr(20, { inputs: { 'dry-run': 'true' } });
    expect(run.code).toBe(0);
    expect(await emu.mutations()).toEqual([]);
    expect(run.summary).toContain('### 🧪 Dry run: checked, nothing deployed');
    expect(run.summary).toContain('_Dry run: this is the comment the run would post on the pull request._');
    expect(run.outputs['archive-files']).toBe('2');
    expect(run.outputs['deployment-id']).toBeUndefined();
    expect(leaks(run, KONIGLE_KEY) || leaks(run, GITHUB_TOKEN)).toBe(false);
  });
});
