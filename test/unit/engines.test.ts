// package.json's `engines` tells the truth: every installed package (dev tools included) supports
// the oldest Node of each line it names, so `npm ci` there prints no EBADENGINE.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { ROOT } from '../helpers/action.js';

const read = <T>(file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;
const pkg = read<{ engines: { node: string } }>('package.json');
const lock = read<{ packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> }>('package-lock.json');

/** The first version of each line the range admits, e.g. `^20.19.0 || >=24` → 20.19.0, 24.0.0. */
function oldestOfEachLine(range: string): string[] {
  return range.split('||').map((part) => semver.minVersion(part.trim())?.version ?? part);
}

describe('engines', () => {
  it('names Node 20 (the oldest line we support) and the node24 runtime of action.yml', () => {
    expect(semver.satisfies('20.19.0', pkg.engines.node)).toBe(true);
    expect(semver.satisfies('24.0.0', pkg.engines.node)).toBe(true);
  });

  it('is supported by every locked package', () => {
    const unsupported: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const needs = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!where || !needs) continue;
      for (const node of oldestOfEachLine(pkg.engines.node)) {
        if (!semver.satisfies(node, needs)) unsupported.push(`${where.replace(/^.*node_modules\//, '')} needs node ${needs}, not ${node}`);
      }
    }
    expect(unsupported).toEqual([]);
  });
});
