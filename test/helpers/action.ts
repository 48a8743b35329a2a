// Test helpers around running the built action (see scripts/run-action.ts).
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type ActionOptions, type ActionRun, runAction as runBuiltAction } from '../../scripts/run-action.js';

export { ROOT, parseOutputFile, type ActionRun } from '../../scripts/run-action.js';

const SECRET_INPUTS = ['api-key', 'github-token', 'konan-api-key', 'konan-email', 'konan-password'];
const SECRET_ENV = ['KONIGLE_API_KEY', 'KONAN_API_KEY'];
const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]+/;

/**
 * Runs dist/index.js (see scripts/run-action.ts) and fails the test if any credential given to the run,
 * or any JWT, shows in its output, outputs or summary (the runner's own ::add-mask:: lines aside).
 */
export async function runAction(options: ActionOptions): Promise<ActionRun> {
  const run = await runBuiltAction(options);
  const secrets = [...SECRET_INPUTS.map((n) => options.inputs[n]), ...SECRET_ENV.map((n) => options.env?.[n])].filter((s): s is string => Boolean(s));
  const visible = run.everything.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  for (const line of visible) {
    const secret = secrets.find((s) => line.includes(s));
    if (secret) throw new Error(`a secret given to the run was printed: ${line.replace(secret, '***')}`);
    if (JWT.test(line)) throw new Error(`a token was printed: ${line.slice(0, 80)}…`);
  }
  return run;
}

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
