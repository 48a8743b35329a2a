// Runs a command under /usr/bin/time and returns its wall time and peak RSS.
import { spawnSync } from 'node:child_process';

export interface Measure {
  seconds: number;
  peakRssMb: number;
  stdout: string;
}

export function measure(command: string[], cwd?: string): Measure {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', ...command], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed: ${run.stderr}`);
  const [seconds, kb] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, peakRssMb: kb / 1024, stdout: run.stdout };
}

export const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
