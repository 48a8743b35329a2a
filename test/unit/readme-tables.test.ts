// The README's inputs and outputs tables are generated from action.yml (`npm run docs`).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAction, renderTable, updateReadme } from '../../scripts/readme-tables.js';
import { ROOT } from '../helpers/action.js';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('README tables', () => {
  it('are what `npm run docs` makes from action.yml (run it after editing action.yml)', () => {
    const readme = read('README.md');
    expect(updateReadme(readme, parseAction(read('action.yml')))).toBe(readme);
  });

  it('list every input and output of action.yml, in its order', () => {
    const action = parseAction(read('action.yml'));
    const names = (table: string) => [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(names(renderTable(action, 'inputs'))).toEqual(Object.keys(action.inputs));
    expect(names(renderTable(action, 'outputs'))).toEqual(Object.keys(action.outputs));
  });

  it('keep a description with pipes, newlines and angle brackets inside one cell', () => {
    const action = parseAction('inputs:\n  x:\n    description: "a | b\\nc <d>"\n    default: "1|2"\noutputs: {}\n');
    expect(renderTable(action, 'inputs').split('\n')[2]).toBe('| `x` | `1\\|2` | a \\| b c &lt;d&gt; |');
  });

  it('refuse a README without the markers instead of losing the tables', () => {
    expect(() => updateReadme('# no markers\n', parseAction('inputs: {}\noutputs: {}\n'))).toThrow(/inputs:start/);
  });
});
