// src/actions/core.ts writes what @actions/core writes, byte for byte, for every call the action makes.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import * as library from '@actions/core';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ours from '../../src/actions/core.js';

type Core = typeof ours;
let dir: string;
const saved = { ...process.env };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'core-'));
  for (const name of ['OUTPUT', 'STATE', 'STEP_SUMMARY']) {
    process.env[`GITHUB_${name}`] = path.join(dir, name);
  }
});
afterEach(() => {
  process.env = { ...saved };
  process.exitCode = undefined;
});

/** What one core's calls print and write to the output, state and summary files (delimiters made equal). */
async function effects(core: Core, calls: (core: Core) => Promise<void> | void): Promise<string[]> {
  for (const name of ['OUTPUT', 'STATE', 'STEP_SUMMARY']) await writeFile(path.join(dir, name), '');
  const printed: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string) => printed.push(String(chunk)) > 0;
  try {
    await calls(core);
  } finally {
    process.stdout.write = write;
  }
  const files = await Promise.all(['OUTPUT', 'STATE', 'STEP_SUMMARY'].map((n) => readFile(path.join(dir, n), 'utf8')));
  return [...printed, ...files, String(process.exitCode)].map((s) => s.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_X'));
}

const hostile = 'line 1\nline 2\r\n100% done: a, b :: c';

describe('src/actions/core.ts against @actions/core', () => {
  it.each([
    ['info', (c: Core) => c.info(hostile)],
    ['warning', (c: Core) => c.warning(hostile)],
    ['error', (c: Core) => c.error(new Error(hostile))],
    ['notice', (c: Core) => c.notice(hostile)],
    ['setFailed', (c: Core) => c.setFailed(hostile)],
    ['groups', (c: Core) => (c.startGroup('Job 1 log'), c.endGroup())],
    ['setSecret', (c: Core) => c.setSecret('kk_test:secret,1%')],
    ['setOutput', (c: Core) => (c.setOutput('result', hostile), c.setOutput('count', 3))],
    ['saveState', (c: Core) => c.saveState('open-deployments', '[{"id":1}]')],
    ['summary', async (c: Core) => void (await c.summary.addRaw('### ✅ Deployed', true).addRaw('| a |').write())],
  ])('%s', async (_name, calls) => {
    expect(await effects(ours, calls)).toEqual(await effects(library as unknown as Core, calls));
  });

  it('setOutput and saveState without the runner files print the old commands', async () => {
    const calls = (c: Core) => (c.setOutput('url', 'https://x'), c.saveState('main-done', 'true'));
    const without = async (core: Core) => {
      delete process.env.GITHUB_OUTPUT;
      delete process.env.GITHUB_STATE;
      return effects(core, calls);
    };
    expect(await without(ours)).toEqual(await without(library as unknown as Core));
  });

  it('reads inputs and state as the runner passes them', () => {
    process.env['INPUT_API-KEY'] = '  kk_1  ';
    process.env['INPUT_DRY RUN'] = 'true';
    process.env.INPUT_DRY_RUN = 'yes';
    process.env['STATE_main-done'] = 'true';
    for (const name of ['api-key', 'dry run', 'missing']) expect(ours.getInput(name)).toBe(library.getInput(name));
    expect(ours.getState('main-done')).toBe(library.getState('main-done'));
  });

  it('fails to write the summary as the library does when the runner gives no file', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(ours.summary.addRaw('x').write()).rejects.toThrow('Unable to find environment variable for $GITHUB_STEP_SUMMARY');
  });
});
