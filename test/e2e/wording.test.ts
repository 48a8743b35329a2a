// What the log says, read as a user reads it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeTree, runAction } from '../helpers/action.js';
import { EmulatorHandle, konigleInputs } from '../helpers/emulator.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await EmulatorHandle.start();
});
afterAll(() => emu.close());

describe('log wording', () => {
  it('counts packaged files in the singular and the plural', async () => {
    await emu.reset();
    const app = await emu.seedWebApp('shop');
    const one = await runAction({ workspace: await makeTree({ 'index.html': '<h1>shop</h1>' }), inputs: konigleInputs(emu, app.webapp_id) });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/Packaged 1 file from '\.'/);
    const two = await runAction({ workspace: await makeTree({ 'index.html': 'x', 'app.js': 'y' }), inputs: konigleInputs(emu, app.webapp_id) });
    expect(two.code).toBe(0);
    expect(two.stdout).toMatch(/Packaged 2 files from '\.'/);
  });
});
