// Lists what goes into the archive: every file under root that the ignore rules leave,
// in a stable byte order. Symlinks are kept as links when they stay inside root, and
// skipped (never followed) when they point outside it. Workspace hygiene: credential files
// other actions drop into the workspace (gha-creds-*.json) are always left out, files that look
// like credentials are listed for one warning, and a name that is not valid UTF-8 is skipped with
// a reason rather than failing the deploy.
import { lstatSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface FileEntry {
  /** POSIX path inside the archive. */
  name: string;
  absolute: string;
  kind: 'file' | 'symlink';
  mode: number;
  size: number;
  /** For symlinks: the target, relative to the link's folder. */
  target?: string;
}

export interface Listing {
  entries: FileEntry[];
  /** Human-readable reasons for entries left out other than by ignore rules. */
  skipped: string[];
  /** Packaged files that look like credentials (.env, keys, .npmrc with a token), for one warning. */
  credentialLike: string[];
  ignoreFileUsed: boolean;
}

export interface ListOptions {
  ignoreFile: string;
  exclude: string[];
}

async function buildMatcher(root: string, options: ListOptions): Promise<{ matcher: Ignore; used: boolean }> {
  const matcher = ignore().add('.git/');
  let used = false;
  try {
    matcher.add(await readFile(path.resolve(root, options.ignoreFile), 'utf8'));
    used = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  matcher.add(options.exclude);
  return { matcher, used };
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Written by google-github-actions/auth into the workspace: never uploaded, whatever the ignore rules say. */
const ALWAYS_LEFT_OUT = /^gha-creds-[^/]*\.json$/;
/** Templates such as .env.example hold no secrets by convention and are not flagged. */
const ENV_TEMPLATE = /^\.env\.(example|sample|template|dist)$/;
const CREDENTIAL_NAME = /^(\.env.*|.*\.pem|.*\.key|id_(rsa|dsa|ecdsa|ed25519)(?!.*\.pub$).*|\.netrc|\.git-credentials|\.pypirc)$/;
const NPM_TOKEN = /(^|\n)\s*[^#;\n]*(_authToken|_auth|_password)\s*=/;

async function looksLikeCredentials(base: string, absolute: string, size: number): Promise<boolean> {
  if (CREDENTIAL_NAME.test(base)) return !ENV_TEMPLATE.test(base);
  if (base !== '.npmrc' || size > 1024 * 1024) return false;
  return NPM_TOKEN.test(await readFile(absolute, 'utf8'));
}

/** A file name as bytes shown safely: printable ASCII as is, anything else as \xHH. */
export function showBytes(bytes: Buffer): string {
  return [...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
}

/** The name as text when its bytes are valid UTF-8 (a round trip gives them back), else undefined. */
function utf8Name(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

export async function listFiles(root: string, options: ListOptions): Promise<Listing> {
  const { matcher, used } = await buildMatcher(root, options);
  const entries: FileEntry[] = [];
  const skipped: string[] = [];
  const credentialLike: string[] = [];
  const realRoot = path.resolve(root);

  async function walk(dir: string, prefix: string): Promise<void> {
    // Names are read as bytes: a name that is not UTF-8 would otherwise come back with U+FFFD in
    // it, a path that does not exist, and the lstat of it would fail the whole deploy.
    const children = (await readdir(dir, { withFileTypes: true, encoding: 'buffer' })).sort((a, b) => Buffer.compare(a.name, b.name));
    for (const child of children) {
      const base = utf8Name(child.name);
      if (base === undefined) {
        const what = child.isDirectory() ? 'folder name is not valid UTF-8, so it and everything in it are' : 'file name is not valid UTF-8, so it is';
        skipped.push(`${prefix}${showBytes(child.name)}: this ${what} left out (rename it to package it)`);
        continue;
      }
      const name = prefix + base;
      const absolute = path.join(dir, base);
      if (ALWAYS_LEFT_OUT.test(base) && !child.isDirectory()) continue;
      if (child.isDirectory()) {
        if (!matcher.ignores(`${name}/`)) await walk(absolute, `${name}/`);
      } else if (matcher.ignores(name)) {
        continue;
      } else if (child.isSymbolicLink()) {
        const link = await readlink(absolute);
        const resolved = path.resolve(dir, link);
        const inside = path.relative(realRoot, resolved);
        if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
          skipped.push(`${name}: symlink to ${link} points outside the packaged folder`);
          continue;
        }
        entries.push({ name, absolute, kind: 'symlink', mode: 0o777, size: 0, target: path.relative(dir, resolved).split(path.sep).join('/') });
      } else if (child.isFile()) {
        // Sync: a thread-pool round trip per file cost more than the call itself (7 s for 50,000 files).
        const stats = lstatSync(absolute);
        entries.push({ name, absolute, kind: 'file', mode: stats.mode & 0o111 ? 0o755 : 0o644, size: stats.size });
        if (await looksLikeCredentials(base, absolute, stats.size)) credentialLike.push(name);
      } else {
        skipped.push(`${name}: not a regular file`);
      }
    }
  }

  await walk(realRoot, '');
  entries.sort((a, b) => byteOrder(a.name, b.name));
  return { entries, skipped, credentialLike, ignoreFileUsed: used };
}
