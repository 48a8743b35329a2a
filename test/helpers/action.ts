// Test helpers around running the built action (see scripts/run-action.ts). Every run is checked
// for leaked secrets the way a user's runner would show them: stdout parsed as the runner parses
// it (workflow commands, ::stop-commands::), stderr, the outputs file, the job summary, and every
// body the GitHub emulator received, in raw and in escaped forms.
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type ActionOptions, type ActionRun, runAction as runBuiltAction } from '../../scripts/run-action.js';
import type { RunResult, Stages } from '../../src/result.js';

export { ROOT, parseOutputFile, type ActionRun } from '../../scripts/run-action.js';

/** A parsed `result` output; a test reads the stages it expects (one missing fails it with a TypeError). */
export type ParsedResult = RunResult & { stages: Required<Stages> };

/** The run's `result` output, parsed. */
export function resultOf(run: ActionRun): ParsedResult {
  return JSON.parse(run.outputs.result) as ParsedResult;
}

const SECRET_INPUTS = ['api-key', 'github-token', 'konan-api-key', 'konan-email', 'konan-password', 'konan-docker-password'];
const SECRET_ENV = ['KONIGLE_API_KEY', 'KONAN_API_KEY'];
export const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]+/;

export interface RunnerLine {
  text: string;
  /** The workflow command this line issues, when the runner would act on it. */
  command?: { name: string; data: string };
  /** Printed between ::stop-commands:: and its token: shown as text, never a command. */
  stopped: boolean;
}

const V2 = /^::([A-Za-z0-9_.-]+)(?:\s[^]*?)?::(.*)$/;
const V1 = /^##\[([A-Za-z0-9_.-]+)(?:\s[^\]]*)?\](.*)$/;

/** stdout line by line as the runner reads it: which lines are commands, honouring stop-commands. */
export function runnerLines(stdout: string): RunnerLine[] {
  let stopToken: string | undefined;
  return stdout.split(/\r?\n/).map((text) => {
    const match = V2.exec(text.trimStart()) ?? V1.exec(text.trimStart());
    if (stopToken !== undefined) {
      if (match && match[1] === stopToken) stopToken = undefined;
      return { text, stopped: true };
    }
    if (!match) return { text, stopped: false };
    const command = { name: match[1], data: match[2] };
    if (command.name === 'stop-commands') stopToken = command.data;
    return { text, command, stopped: false };
  });
}

/** The workflow commands the runner would carry out (stop-commands and its end marker aside). */
export function runnerCommands(stdout: string): { name: string; data: string }[] {
  return runnerLines(stdout).flatMap((l) => (l.command && l.command.name !== 'stop-commands' ? [l.command] : []));
}

/** A text and what it reads as once markdown, HTML entity, URL, JSON and mention-proofing escapes are undone. */
export function decodedForms(text: string): string[] {
  const noZwsp = (s: string) => s.replace(/\u200B/g, '');
  const entities = (s: string) =>
    s
      .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&(commat|quot|apos|lt|gt|amp);/g, (_, n) => ({ commat: '@', quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' })[n as 'amp']);
  const backslashes = (s: string) => s.replace(/\\(.)/g, '$1');
  const percent = (s: string) =>
    s.replace(/(%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  const steps = [noZwsp, entities, backslashes, percent, (s: string) => backslashes(backslashes(s))];
  const chained = steps.reduce((s, f) => f(s), text);
  return [text, ...steps.map((f) => f(text)), chained, percent(entities(noZwsp(text))), backslashes(entities(noZwsp(text)))];
}

/** Where a secret (in any form) or a JWT shows in a piece of text; undefined when nowhere. */
function findLeak(text: string, secrets: string[]): string | undefined {
  for (const form of decodedForms(text)) {
    const secret = secrets.find((s) => form.includes(s));
    if (secret) return `secret ${secret.slice(0, 3)}…`;
    if (JWT.test(form)) return 'a JWT';
  }
  return undefined;
}

/** What the GitHub emulator behind GITHUB_API_URL received (bodies of writes) and holds. */
async function githubReceived(apiUrl: string | undefined): Promise<string[]> {
  if (!apiUrl || !/\/github\/?$/.test(apiUrl)) return [];
  const control = apiUrl.replace(/\/github\/?$/, '/_emulator');
  try {
    const requests = (await (await fetch(`${control}/requests?service=github`)).json()) as { path: string; body?: string; headers: Record<string, string> }[];
    const state = await (await fetch(`${control}/github/state`)).text();
    return [...requests.map((r) => `${r.path} ${r.body ?? ''}`), state];
  } catch {
    return [];
  }
}

export interface LeakCheckOptions extends ActionOptions {
  /** More values that must not show (derived tokens the test knows of). */
  secrets?: string[];
  /** Skip the check (a test that asserts a leak is reported some other way). */
  allowLeaks?: boolean;
}

/** Every place a secret showed: stdout (not in the runner's own ::add-mask:: commands), stderr, outputs, summary, GitHub. */
export async function findLeaks(run: ActionRun, secrets: string[], githubApiUrl?: string): Promise<string[]> {
  const found: string[] = [];
  for (const line of runnerLines(run.stdout)) {
    if (line.command?.name === 'add-mask') continue;
    const leak = findLeak(line.text, secrets);
    if (leak) found.push(`stdout: ${leak}`);
  }
  const places: [string, string][] = [
    ['stderr', run.stderr],
    ...Object.entries(run.outputs).map(([k, v]) => [`output ${k}`, v] as [string, string]),
    ['the summary', run.summary],
  ];
  for (const [where, text] of places) {
    for (const line of text.split('\n')) {
      const leak = findLeak(line, secrets);
      if (leak) found.push(`${where}: ${leak}`);
    }
  }
  for (const body of await githubReceived(githubApiUrl)) {
    const leak = findLeak(body, secrets);
    if (leak) found.push(`GitHub received: ${leak} (${body.slice(0, 60).replace(/\s+/g, ' ')})`);
  }
  return [...new Set(found)];
}

/**
 * Runs dist/index.js (see scripts/run-action.ts) and fails the test if any credential given to the run,
 * or any JWT, shows anywhere a user or GitHub would see it, raw or escaped.
 */
export async function runAction(options: LeakCheckOptions): Promise<ActionRun> {
  const run = await runBuiltAction(options);
  if (options.allowLeaks) return run;
  const secrets = [...SECRET_INPUTS.map((n) => options.inputs[n]), ...SECRET_ENV.map((n) => options.env?.[n]), ...(options.secrets ?? [])].filter(
    (s): s is string => typeof s === 'string' && s.length >= 4,
  );
  const found = await findLeaks(run, secrets, options.env?.GITHUB_API_URL);
  if (found.length) throw new Error(`secrets were shown:\n${found.join('\n')}`);
  return run;
}

/** Whether a secret shows anywhere but in the runner's own ::add-mask:: command. */
export function leaks(run: ActionRun, secret: string): boolean {
  return run.everything
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .some((line) => decodedForms(line).some((form) => form.includes(secret)));
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
