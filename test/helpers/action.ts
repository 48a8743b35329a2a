// Test helpers around running the built action (see scripts/run-action.ts).
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ActionRun } from '../../scripts/run-action.js';

export { ROOT, runAction, parseOutputFile, type ActionRun } from '../../scripts/run-action.js';

/** Whether a secret shows anywhere but in the runner's own ::add-mask:: command. */
export function leaks(run: ActionRun, secret: string): boolean {
  return run.everything
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .some((line) => line.includes(secret));
}

/** Writes a tree of files (a string is a file's content; { link } a symlink). */
export async function makeTree(files: Record<string, string | { link: string }>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tree-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    if (typeof content === 'string') await writeFile(file, content);
    else await symlink(content.link, file);
  }
  return root;
}
