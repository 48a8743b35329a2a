// `npm run docs`: regenerate the README's inputs and outputs tables from action.yml.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAction, updateReadme } from './readme-tables.js';
import { ROOT } from './run-action.js';

const readmePath = path.join(ROOT, 'README.md');
const before = await readFile(readmePath, 'utf8');
const after = updateReadme(before, parseAction(await readFile(path.join(ROOT, 'action.yml'), 'utf8')));
if (after === before) console.log('README.md tables are up to date.');
else {
  await writeFile(readmePath, after);
  console.log('README.md tables rewritten from action.yml.');
}
