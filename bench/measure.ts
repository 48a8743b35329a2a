// Runs a command under /usr/bin/time and returns its wall time and peak RSS. Asynchronous, so a
// server in this process (the emulator) keeps answering while it runs.
import { spawn } from 'node:child_process';
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
