// action.yml, the code and package.json must agree.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { INPUT_NAMES } from '../../src/inputs.js';
import { OUTPUT_NAMES } from '../../src/report/outputs.js';
import { VERSION } from '../../src/version.js';
import { ROOT } from '../helpers/action.js';

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  runs: unknown;
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('action.yml', () => {
  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
  });

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  it('describes every input and output', () => {
    for (const [name, spec] of Object.entries({ ...action.inputs, ...action.outputs })) {
      expect([name, typeof (spec as { description?: unknown }).description]).toEqual([name, 'string']);
    }
  });

  it('runs the bundle on node24, with the post step that closes what a killed run left open', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post/index.js' });
    expect((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.build).toContain(
      'ncc build src/post.ts -o dist/post',
    );
  });

  it('is read through one accessor: no other module calls getInput or setOutput', () => {
    const offenders = sources(path.join(ROOT, 'src')).filter((file) => {
      const text = readFileSync(file, 'utf8');
      const rel = path.relative(ROOT, file);
      return (
        (/\bget(Boolean|Multiline)?Input\(/.test(text) && rel !== 'src/inputs.ts' && rel !== 'src/actions/core.ts') ||
        (/\bsetOutput\(/.test(text) && rel !== 'src/report/outputs.ts' && rel !== 'src/actions/core.ts')
      );
    });
    expect(offenders).toEqual([]);
  });

  it('keeps the User-Agent version equal to package.json', () => {
    expect(VERSION).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
