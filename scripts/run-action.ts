// Runs the built dist/index.js as GitHub would: INPUT_* variables (hyphens kept), GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH files, and nothing inherited from this machine's GITHUB_*.
// Shared by the end-to-end tests and the demo.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether this runs from scripts/ or compiled from build/scripts/. */
export const ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'action.yml'))) dir = path.dirname(dir);
  return dir;
})();

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** What the step saved with core.saveState (the runner hands it to the post step as STATE_*). */
  state: Record<string, string>;
  /** Everything the run printed or wrote, for secret checks. */
  everything: string;
}

export interface ActionOptions {
  inputs: Record<string, string>;
  workspace: string;
  env?: Record<string, string>;
  event?: { name: string; payload: unknown };
  /** Echo the action's stdout as it runs. */
  echo?: boolean;
  /** Which step to run: the main one (default) or the post step. */
  step?: 'main' | 'post';
  /** State saved by an earlier main step, given to the post step. */
  state?: Record<string, string>;
  /** Send a signal once stdout shows this text (as the runner does when a run is cancelled). */
  kill?: { when: string; signal: NodeJS.Signals };
}

export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]);
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}

export async function runAction(options: ActionOptions): Promise<ActionRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'action-run-'));
  const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary'), event: path.join(dir, 'event.json'), state: path.join(dir, 'state') };
  await writeFile(files.output, '');
  await writeFile(files.state, '');
  await writeFile(files.summary, '');
  await writeFile(files.event, JSON.stringify(options.event?.payload ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_SERVER_URL: 'https://github.com',
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  const entry = options.step === 'post' ? 'dist/post/index.js' : 'dist/index.js';
  const child = spawn(process.execPath, [path.join(ROOT, entry)], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let killed = false;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    if (options.echo) process.stdout.write(c);
    if (options.kill && !killed && stdout.includes(options.kill.when)) {
      killed = true;
      child.kill(options.kill.signal);
    }
  });
  child.stderr.on('data', (c) => (stderr += c));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  const outputText = await readFile(files.output, 'utf8');
  const summary = await readFile(files.summary, 'utf8');
  const state = parseOutputFile(await readFile(files.state, 'utf8'));
  return { code, stdout, stderr, outputs: parseOutputFile(outputText), summary, state, everything: [stdout, stderr, outputText, summary].join('\n') };
}
