// `tsx scripts/release-notes.ts 0.2.0`: print CHANGELOG.md's entry for that version (the release workflow's notes).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { changelogEntry } from './changelog.js';
import { ROOT } from './run-action.js';

const version = (process.argv[2] ?? '').replace(/^v/, '');
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
  console.error(`usage: release-notes.ts <version>, such as 0.2.0 (got '${process.argv[2] ?? ''}')`);
  process.exit(2);
}
try {
  console.log(changelogEntry(await readFile(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), version));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
