// `npm run screenshot`: render the demo's real sticky PR comment as GitHub shows it, into
// docs/comment.png (the README's picture). Runs the demo, renders its comment with marked
// (GitHub-flavoured markdown) inside a GitHub-like page, and photographs it with headless
// Chromium (Debian: `apt-get install chromium fonts-noto-color-emoji`; CHROMIUM=path to override).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { marked } from 'marked';
import { ROOT } from './run-action.js';

const WIDTH = 820;
const OUTPUT = path.join(ROOT, 'docs', 'comment.png');

/** Runs a command; its stderr is shown only when it fails (Chromium logs D-Bus noise on every run). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args[0] ?? ''} exited with ${code}:\n${stderr}`))));
  });
}

/** A page that looks like a GitHub comment (system fonts, GitHub's light colours), with no external resource. */
export function commentPage(markdown: string): string {
  const body = marked.parse(markdown, { gfm: true, async: false });
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; background: #fff; }
  body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; color: #1f2328; }
  .comment { width: ${WIDTH - 34}px; margin: 8px; border: 1px solid #d1d9e0; border-radius: 6px; }
  .header { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e; }
  .header b { color: #1f2328; }
  .body { padding: 4px 16px 12px; }
  h3 { font-size: 1.25em; margin: 16px 0 12px; }
  table { border-collapse: collapse; margin: 0 0 16px; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  tr:nth-child(2n) { background: #f6f8fa; }
  code { font: 85% ui-monospace, "DejaVu Sans Mono", monospace; background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
  a { color: #0969da; text-decoration: none; }
  sub { color: #59636e; }
  </style></head><body><div class="comment"><div class="header"><b>github-actions</b> bot commented</div><div class="body">${body}</div></div></body></html>`;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'comment-shot-'));
try {
  const commentFile = path.join(work, 'comment.md');
  await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'demo.ts')], { ...process.env, DEMO_COMMENT_FILE: commentFile });
  const markdown = await readFile(commentFile, 'utf8');
  if (!markdown.trim()) throw new Error('the demo wrote no comment');
  const page = path.join(work, 'comment.html');
  await writeFile(page, commentPage(markdown));
  const height = 80 + 24 * markdown.split('\n').length; // a little more than the comment needs: the page is white below it
  await run(process.env.CHROMIUM ?? 'chromium', [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${path.join(work, 'profile')}`,
    `--window-size=${WIDTH},${height}`,
    `--screenshot=${OUTPUT}`,
    `file://${page}`,
  ]);
  console.log(`${path.relative(ROOT, OUTPUT)}: ${((await stat(OUTPUT)).size / 1024).toFixed(0)} KB`);
} finally {
  await rm(work, { recursive: true, force: true });
}
