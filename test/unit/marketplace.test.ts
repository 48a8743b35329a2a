// What the GitHub Marketplace requires of action.yml, and units that the docs and the parsers agree on.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseDuration, parseSize } from '../../src/units.js';
import { ROOT } from '../helpers/action.js';

interface ActionYml {
  name?: string;
  description?: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, { description: string }>;
}
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

describe('action.yml metadata', () => {
  it('has a name, a description of at most 125 characters, and branding', () => {
    expect(action.name?.length).toBeGreaterThan(0);
    expect(action.description?.length).toBeGreaterThan(0);
    expect(action.description?.length).toBeLessThanOrEqual(125);
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(action.branding?.color);
    expect(action.branding?.icon).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('units named in input descriptions', () => {
  // Every "(units …)" list in action.yml (and so in the README) is exactly the set the parser accepts.
  const candidates = { duration: ['ms', 's', 'm', 'h', 'd', 'w'], size: ['B', 'KB', 'MB', 'GB', 'TB'] };
  const described = Object.entries(action.inputs).flatMap(([name, spec]) => {
    const match = /\(units ([^;)]+)/.exec(spec.description);
    return match ? [[name, match[1].split(',').map((u) => u.trim())] as const] : [];
  });

  it('are described for the inputs that take them', () => {
    expect(described.map(([name]) => name).sort()).toEqual(['max-archive-size', 'poll-interval', 'wait-timeout']);
  });

  it.each(described)('%s lists exactly the units its parser accepts', (name, units) => {
    const isSize = name === 'max-archive-size';
    const parser = isSize ? parseSize : parseDuration;
    const accepted = (isSize ? candidates.size : candidates.duration).filter((unit) => parser(`2${unit}`) !== undefined);
    expect(units).toEqual(accepted);
  });
});
