import { describe, expect, it } from '@jest/globals';
import { commentMarker, readMarker } from '../../src/github/comments.js';
import { escapeText } from '../../src/report/escape.js';
import { fenced, GITHUB_BODY_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import type { RunResult } from '../../src/result.js';

const stage = { startedAt: '2026-11-23T10:00:00.000Z', durationMs: 1000, messages: [] };
const base = (): RunResult => ({
  schema: 1,
  command: 'deploy',
  status: 'success',
  dryRun: false,
  startedAt: '2026-11-23T10:00:00.000Z',
  durationMs: 95_000,
  run: {
    repository: 'acme/shop',
    sha: 'feedc0de99',
    ref: 'refs/pull/7/merge',
    event: 'pull_request',
    runId: 4242,
    runNumber: 17,
    runAttempt: 1,
    runUrl: 'https://github.com/acme/shop/actions/runs/4242',
    pullRequest: 7,
  },
  stages: {
    package: { ...stage, status: 'success', path: '.', skipped: [], sha256: 'ab'.repeat(32), size: 1536, files: 12 },
    deploy: { ...stage, status: 'success', spaceId: '1700000000000000478', deploymentId: 'dep-1', jobId: 'job-1', displayName: 'x' },
    wait: {
      ...stage,
      status: 'success',
      jobId: 'job-1',
      spaceId: '1700000000000000478',
      jobStatus: 'success',
      url: 'https://shop-uat.hostbento.app',
      logTail: ['Health check passed'],
    },
  },
  warnings: [],
});

describe('renderMarkdown', () => {
  it('renders a successful deploy', () => {
    expect(renderMarkdown(base(), { marker: commentMarker('1700000000000000123', { runId: 4242, runAttempt: 1 }) })).toMatchSnapshot();
  });

  it('renders a failed deploy with the log tail and the error', () => {
    const result = base();
    result.status = 'failure';
    result.message = 'Deploy Job job-1 ended failed. Last log lines: ...';
    Object.assign(result.stages.wait!, {
      status: 'failure',
      jobStatus: 'failed',
      url: undefined,
      logTail: ['Installing dependencies', 'ERROR: npm ci exited 1'],
    });
    expect(renderMarkdown(result)).toMatchSnapshot();
  });

  it('renders a release promotion', () => {
    const result = base();
    result.command = 'promote';
    result.run = { ...result.run, event: 'release', pullRequest: undefined };
    result.stages = {
      promote: {
        ...stage,
        status: 'success',
        uatSpaceId: '1700000000000000478',
        spaceId: '1700000000000000927',
        deploymentId: 'dep-2',
        jobId: 'job-2',
        jobStatus: 'success',
        url: 'https://shop.example.com',
        guard: 'uat holds feedc0d (released 2026-11-22T09:00:00Z)',
        logTail: [],
      },
    };
    expect(renderMarkdown(result)).toMatchSnapshot();
  });

  it('escapes server text so it cannot inject HTML, break the table or mention anyone', () => {
    const result = base();
    result.status = 'failure';
    result.message = '<img src=x onerror=alert(1)> | @octocat **bold** [link](https://evil) `code`\nnext';
    const body = renderMarkdown(result);
    expect(body).toContain('> **Error:** &lt;img src=x onerror=alert(1)&gt; &#124; @\u200Boctocat \\*\\*bold\\*\\* \\[link\\](https://evil) \\`code\\` next');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('@octocat');
  });

  it('keeps log lines inside a fence they cannot close', () => {
    const block = fenced(['ok', '```', 'still inside ````', '</details><script>x</script>']);
    expect(block.startsWith('`````text\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
  });

  it('stays under GitHub’s limit however long the log and message are', () => {
    const result = base();
    result.status = 'failure';
    result.message = 'm'.repeat(100_000);
    Object.assign(result.stages.wait!, { status: 'failure', logTail: Array.from({ length: 5000 }, (_, i) => `line ${i} ${'y'.repeat(500)}`) });
    const body = renderMarkdown(result, { marker: commentMarker('k', { runId: 1, runAttempt: 1 }) });
    expect(body.length).toBeLessThan(GITHUB_BODY_LIMIT);
    expect(body).toContain('line 4999 ');
    expect(body).toContain('</details>');
  });

  it('renders the feedback counts, rejections grouped by status, unsent reasons and the report', () => {
    const result = base();
    result.command = 'feedback';
    result.stages = {
      feedback: {
        ...stage,
        status: 'success',
        file: 'truth.jsonl',
        format: 'jsonl',
        deploymentId: 'd',
        total: 10_000,
        accepted: 9_000,
        rejected: 950,
        unsent: 50,
        alreadyRecorded: 0,
        invalid: 0,
        report: '/tmp/report.jsonl',
        rejections: [
          { status: 404, count: 600, examples: ['u1: failure', 'u2: failure'] },
          { status: 409, count: 350, examples: ['u3: <b>dup</b>'] },
        ],
        unsentReasons: [{ reason: 'not sent: Konan API POST /x answered 500: down', count: 50 }],
      },
    };
    const body = renderMarkdown(result);
    expect(body).toContain('### ✅ Feedback sent to Konan');
    expect(body).toContain('| rows | accepted | rejected | not sent |\n|---|---|---|---|\n| 10,000 | 9,000 | 950 | 50 |');
    expect(body).toContain('- rejected with **404** × 600, e.g. u1: failure; u2: failure');
    expect(body).toContain('- rejected with **409** × 350, e.g. u3: &lt;b&gt;dup&lt;/b&gt;');
    expect(body).toContain('- not sent × 50: not sent: Konan API POST /x answered 500: down');
    expect(body).toContain('Every row not accepted is in `/tmp/report.jsonl`');
  });

  it('inline escaping leaves plain text readable', () => {
    expect(escapeText('Health check failed: GET / answered 502')).toBe('Health check failed: GET / answered 502');
  });
});

describe('comment marker', () => {
  it('round-trips any key and the run stamp', () => {
    const marker = commentMarker('storefront "eu" -->', { runId: 42, runAttempt: 2 });
    expect(marker).not.toContain('"eu"');
    expect(readMarker(`${marker}\n### body`)).toEqual({ key: 'storefront "eu" -->', runId: 42, runAttempt: 2 });
    expect(readMarker('no marker here')).toBeUndefined();
  });
});
