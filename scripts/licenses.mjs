// Writes dist/licenses.txt: the licence of every production dependency, in the format ncc's
// --license option uses. ncc cannot be trusted with it once the bundle has chunks: each chunk
// writes the same file, so only the last chunk's packages would be listed. Run after `ncc build`.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { URL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const entries = new Map();
for (const [where, info] of Object.entries(lock.packages)) {
  if (!where.startsWith('node_modules/') || info.dev || info.optional) continue;
  const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const dir = path.join(root, where);
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    continue; // not installed on this platform
  }
  const file = readdirSync(dir).find((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f));
  const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : '';
  const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN');
  entries.set(`${name}@${pkg.version}`, `${name}\n${license}\n${text}`);
}
const names = [...entries.keys()].sort();
writeFileSync(path.join(root, 'dist', 'licenses.txt'), `${names.map((k) => entries.get(k)).join('\n\n')}\n`);
