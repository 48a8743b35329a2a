// Runs a command under /usr/bin/time and returns its wall time and peak RSS. Asynchronous, so a
// server in this process (the emulator) keeps answering while it runs.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Measure {
  seconds: number;
  peakRssMb: number;
  /** User + system CPU seconds: less disturbed than wall time when the machine is shared. */
  cpuSeconds: number;
  stdout: string;
}

export function measure(command: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M %U %S', ...command], { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stderr.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${command.join(' ')} exited ${code}: ${stderr.slice(-2000)}\n${stdout.slice(-2000)}`));
      const [seconds, kb, user, system] = last.split(' ').map(Number);
      resolve({ seconds, peakRssMb: kb / 1024, cpuSeconds: user + system, stdout });
    });
  });
}

export const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

/**
 * Bundles a bench entry (TypeScript) into one plain .mjs in `outDir`, so the measured child starts
 * like the shipped action does (plain node), without tsx's ~0.4 s of start-up in every figure.
 */
export async function bundled(entry: string, outDir: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.mjs`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' });
  return outfile;
}

/**
 * What the runner gives a step, for running dist/index.js as GitHub does: a push to acme/shop, its
 * event and output files in `work`, and each input as INPUT_<NAME>.
 */
export async function runnerEnv(work: string, inputs: Record<string, string>, workspace = work): Promise<NodeJS.ProcessEnv> {
  await writeFile(path.join(work, 'event.json'), '{}');
  await writeFile(path.join(work, 'output'), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    RUNNER_TEMP: work,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: path.join(work, 'output'),
    GITHUB_EVENT_PATH: path.join(work, 'event.json'),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_SERVER_URL: 'https://github.com',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}
