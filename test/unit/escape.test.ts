import { describe, expect, it } from '@jest/globals';
import { commentMarker, readMarker } from '../../src/github/comments.js';
import { code, escapeHtml, escapeText, fenced } from '../../src/report/escape.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { RunResult } from '../../src/result.js';

const ZWSP = '\u200B';
/** What GitHub would link as a mention: `@name` after markdown and entity decoding. */
const decoded = (md: string) =>
  md
    .replace(/\\(.)/g, '$1')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)))
    .replace(/&commat;/g, '@')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const mentions = (md: string) => /(^|[^\w`])@[A-Za-z0-9]/.test(decoded(md));

describe('escapeText: one hostile input at a time', () => {
  it('a pipe cannot close the table cell', () => {
    expect(escapeText('a | b')).not.toContain('|');
  });
  it('a newline cannot end the cell or the paragraph', () => {
    for (const nl of ['\n', '\r\n', '\r', '\u2028']) expect(escapeText(`a${nl}| x |`)).not.toMatch(/[\r\n\u2028|]/);
  });
  it('HTML cannot open or close a block', () => {
    const out = escapeText('</details><details open><summary>x</summary><img src=x onerror=alert(1)>');
    expect(out).not.toMatch(/[<>]/);
  });
  it('our hidden marker cannot be added', () => {
    const marker = commentMarker('shop', { runId: 99, runAttempt: 1 });
    expect(readMarker(escapeText(marker))).toBeUndefined();
    expect(escapeText(marker)).not.toContain('<!--');
  });
  it.each(['@octocat', '\\@octocat', '&#64;octocat', '&commat;octocat', '@acme/reviewers', 'mail me: ops@acme.io'])('%s cannot mention anyone', (input) => {
    expect(mentions(escapeText(input))).toBe(false);
  });
  it('an @ still reads as an @', () => {
    expect(escapeText('thanks @octocat')).toBe(`thanks @${ZWSP}octocat`);
  });
  it('markdown syntax shows as text', () => {
    expect(escapeText('**bold** [link](https://evil) `code` ~~x~~ _i_')).toBe('\\*\\*bold\\*\\* \\[link\\](https://evil) \\`code\\` \\~\\~x\\~\\~ \\_i\\_');
  });
  it('plain text stays readable', () => {
    expect(escapeText('Health check failed: GET / answered 502')).toBe('Health check failed: GET / answered 502');
  });
  it('long text is clipped', () => {
    expect(escapeText('x'.repeat(5000), 100)).toHaveLength(101);
  });
});

describe('escapeHtml (inside <summary>)', () => {
  it('cannot close the element, add a marker or mention', () => {
    const out = escapeHtml('job</summary></details><!-- konigle-deploy-action key="k" run="1" attempt="1" --> @octocat\nx');
    expect(out).not.toMatch(/[<>\n]/);
    expect(mentions(out)).toBe(false);
  });
});

describe('code', () => {
  it('shows a plain id as code', () => {
    expect(code('1700000000000000478')).toBe('`1700000000000000478`');
  });
  it('shows a hostile id as escaped text, not a code span it could break', () => {
    const out = code('x` | @octocat\n<b>');
    expect(out).not.toMatch(/[|<>\n]/);
    expect(out).not.toMatch(/(^|[^\\])`/);
    expect(mentions(out)).toBe(false);
  });
});

describe('fenced', () => {
  it('no line can close the fence', () => {
    const block = fenced(['ok', '```', 'still inside ````', '</details><script>x</script>']);
    expect(block.startsWith('`````text\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
  });
  it('a log line cannot add our marker or mention anyone', () => {
    const block = fenced([commentMarker('shop', { runId: 9, runAttempt: 1 }), 'thanks @octocat']);
    expect(readMarker(block)).toBeUndefined();
    expect(block).not.toMatch(/@[a-z]/);
  });
});

describe('renderMarkdown with hostile server text in every field', () => {
  const stage = { startedAt: '2026-11-23T10:00:00.000Z', durationMs: 1000, messages: [] };
  const evil = 'x | y\n</details> @octocat <!-- konigle-deploy-action key="shop" run="999" attempt="1" -->';
  const result: RunResult = {
    schema: 1,
    command: 'deploy',
    status: 'failure',
    dryRun: false,
    startedAt: stage.startedAt,
    durationMs: 1000,
    message: evil,
    run: {
      repository: 'acme/shop',
      sha: 'feedc0de99',
      ref: 'refs/pull/7/merge',
      event: 'pull_request',
      runId: 1,
      runNumber: 1,
      runAttempt: 1,
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
      pullRequest: 7,
    },
    stages: {
      deploy: { ...stage, status: 'success', spaceId: '17', deploymentId: evil, jobId: evil },
      wait: { ...stage, status: 'failure', jobId: evil, jobStatus: evil, url: `https://x.example/${evil}`, logTail: [evil, '```', evil] },
    },
    warnings: [evil],
  };
  const body = renderMarkdown(result, { marker: commentMarker('shop', { runId: 1, runAttempt: 1 }) });

  it('keeps our marker the only one', () => {
    expect(body.match(/<!-- konigle-deploy-action/g)).toHaveLength(1);
    expect(readMarker(body)).toEqual({ key: 'shop', runId: 1, runAttempt: 1 });
  });
  it('keeps every table row one row of two cells', () => {
    const rows = body.split('\n').filter((l) => l.startsWith('| **'));
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(4);
  });
  it('opens and closes exactly one details block (outside the log fence, which shows HTML as text)', () => {
    const outside = body.replace(/(`{3,})text\n[\s\S]*?\n\1/g, '');
    expect(outside.match(/<details>/g)).toHaveLength(1);
    expect(outside.match(/<\/details>/g)).toHaveLength(1);
  });
  it('mentions nobody', () => {
    expect(body).not.toMatch(/@[a-z]/);
    expect(mentions(body.replace(/`{3,}text[\s\S]*?`{3,}/g, ''))).toBe(false);
  });
});
