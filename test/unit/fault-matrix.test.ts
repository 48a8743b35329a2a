// The README's "What happens when" table lists exactly the fault matrix's scenarios: one
// `it('<name>', …)` (or `it.todo('<name>')`) in test/faults/*.test.ts per row, names unique.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/action.js';

const FAULTS = path.join(ROOT, 'test/faults');

/** Scenario names by file, read from the sources (string literal first argument of it / it.todo). */
function scenarioNames(): { file: string; name: string }[] {
  const found: { file: string; name: string }[] = [];
  for (const file of readdirSync(FAULTS)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()) {
    const text = readFileSync(path.join(FAULTS, file), 'utf8');
    for (const match of text.matchAll(/\bit(?:\.todo|\.skip|\.only)?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) {
      found.push({ file, name: match[2].replace(/\\(.)/g, '$1') });
    }
  }
  return found;
}

/** First cells of the table under "## What happens when". */
function tableNames(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## What happens when\n');
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start + 1).split(/\n## /)[0];
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  return rows.slice(2).map((row) => row.split('|')[1].trim());
}

describe('the fault matrix and the README', () => {
  it('names each scenario once, with one it() per scenario (no it.each: its names are not in the source)', () => {
    const names = scenarioNames();
    expect(names.length).toBeGreaterThanOrEqual(30);
    const seen = new Map<string, string>();
    for (const { file, name } of names) {
      expect([name, seen.get(name)]).toEqual([name, undefined]);
      seen.set(name, file);
    }
    for (const file of readdirSync(FAULTS).filter((f) => f.endsWith('.test.ts'))) {
      expect([file, /\b(?:it|test|describe)\.each\b/.test(readFileSync(path.join(FAULTS, file), 'utf8'))]).toEqual([file, false]);
    }
  });

  it('lists in the README table exactly the scenarios of test/faults', () => {
    const inMatrix = scenarioNames().map((s) => s.name);
    const inTable = tableNames();
    const missingFromTable = inMatrix.filter((n) => !inTable.includes(n));
    const notInMatrix = inTable.filter((n) => !inMatrix.includes(n));
    expect({ missingFromTable, notInMatrix }).toEqual({ missingFromTable: [], notInMatrix: [] });
    expect(new Set(inTable).size).toBe(inTable.length);
  });
});
