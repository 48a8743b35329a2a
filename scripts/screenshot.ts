// `npm run screenshot`: render the demo's real sticky PR comment as GitHub shows it, into
// docs/comment.png (the README's picture). Runs the demo, renders its comment with marked
// (GitHub-flavoured markdown) inside a GitHub-like page, and photographs it with headless
// Chromium (Debian: `apt-get install chromium fonts-noto-color-emoji`; CHROMIUM=path to override).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commentPage, WIDTH } from './comment-page.js';
import { ROOT } from './run-action.js';

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
