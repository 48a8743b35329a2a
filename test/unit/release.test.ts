// The release workflow publishes CHANGELOG.md's entry for the tagged version.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { changelogEntry } from '../../scripts/changelog.js';
import { ROOT } from '../helpers/action.js';

const SAMPLE = `# Changelog

## [Unreleased]
- next

## [0.2.0] - 2026-12-02
### Added
- feedback-shard

## [0.1.0] - 2026-11-01
- first

[0.2.0]: https://example.test/compare/v0.1.0...v0.2.0
`;

describe('changelogEntry', () => {
  it('gives the body of one version, up to the next version', () => {
    expect(changelogEntry(SAMPLE, '0.2.0')).toBe('### Added\n- feedback-shard');
  });

  it('leaves out the link references at the end of the file', () => {
    expect(changelogEntry(SAMPLE, '0.1.0')).toBe('- first');
  });

  it('refuses a version the changelog does not have, naming it', () => {
    expect(() => changelogEntry(SAMPLE, '0.3.0')).toThrow(/no '## \[0\.3\.0\]' entry/);
  });

  it('does not take 0.2.0 for 0.2', () => {
    expect(() => changelogEntry(SAMPLE, '0.2')).toThrow(/0\.2/);
  });

  it('keeps an Unreleased section in the repository changelog', () => {
    expect(changelogEntry(readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), 'Unreleased')).toMatch(/^### /);
  });
});
