// The e2e leak check itself: it must see a secret in every form a reader would recognise it.
import { describe, expect, it } from '@jest/globals';
import { findLeaks, runnerCommands, type ActionRun } from '../helpers/action.js';

const KEY = 'kk_test_9f8e7d6c5b4a39281706';
const run = (stdout: string, extra: Partial<ActionRun> = {}): ActionRun => ({
  code: 0,
  stdout,
  stderr: '',
  outputs: {},
  summary: '',
  state: {},
  everything: stdout,
  ...extra,
});

describe('findLeaks', () => {
  it('ignores the runner’s own ::add-mask:: line', async () => {
    expect(await findLeaks(run(`::add-mask::${KEY}\nok`), [KEY])).toEqual([]);
  });
  it.each([
    ['raw', KEY],
    ['markdown-escaped', KEY.replace(/_/g, '\\_')],
    ['JSON-escaped twice', JSON.stringify(JSON.stringify('p"w\\d_x')).slice(1, -1)],
    ['HTML entities', 'kk&#95;test&#95;9f8e7d6c5b4a39281706'],
    ['URL-encoded', encodeURIComponent('p"w\\d_x')],
    ['mention-proofed', 'ops@\u200Bacme.io'],
  ])('finds a %s secret on stdout, stderr, outputs and summary', async (_, shown) => {
    const secrets = [KEY, 'p"w\\d_x', 'ops@acme.io'];
    expect(await findLeaks(run(`::warning::${shown}`), secrets)).toHaveLength(1);
    expect(await findLeaks(run('', { stderr: shown, outputs: { result: `{"m":"${shown}"}` }, summary: `> ${shown}` }), secrets)).toHaveLength(3);
  });
  it('finds an add-mask line printed inside stop-commands (it is just text there)', async () => {
    expect(await findLeaks(run(`::stop-commands::t1\n::add-mask::${KEY}\n::t1::`), [KEY])).toHaveLength(1);
  });
});

describe('runnerCommands', () => {
  it('honours stop-commands until its token', () => {
    const stdout = [
      '::group::Job log',
      '::stop-commands::tok',
      '::error file=app.js::x',
      '::endgroup::',
      '##[set-output name=a;]b',
      '::tok::',
      '::endgroup::',
    ].join('\n');
    expect(runnerCommands(stdout)).toEqual([
      { name: 'group', data: 'Job log' },
      { name: 'endgroup', data: '' },
    ]);
  });
});
