// Lists what goes into the archive: every file under root that the ignore rules leave, in a
// stable order, streamed a folder at a time so packaging can start before the walk ends. Symlinks
// are kept as links when they stay inside root, and skipped (never followed) when they point
// outside it. Workspace hygiene: credential files other actions drop into the workspace
// (gha-creds-*.json) are always left out, files that look like credentials are listed for one
// warning, and a name that is not valid UTF-8 is skipped with a reason rather than failing the deploy.
import { type Dirent, readdirSync } from 'node:fs';
import { readFile, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface FileEntry {
  /** POSIX path inside the archive. */
  name: string;
  absolute: string;
  kind: 'file' | 'symlink';
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

/** A listing under way: `chunks` yields the entries in final order; the rest is complete once it ends. */
export interface ListingStream extends Omit<Listing, 'entries'> {
  chunks: AsyncIterable<FileEntry[]>;
}

export interface ListOptions {
  ignoreFile: string;
  exclude: string[];
}

interface Matcher {
  ignore: Ignore;
  used: boolean;
  /** False when every rule is a folder pattern ('dist/'): a file can then only be left out with its folder, which is never walked. */
  filesCanMatch: boolean;
}

async function buildMatcher(root: string, options: ListOptions): Promise<Matcher> {
  const rules = ['.git/'];
  let used = false;
  try {
    rules.push(...(await readFile(path.resolve(root, options.ignoreFile), 'utf8')).split(/\r?\n/));
    used = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  rules.push(...options.exclude);
  // As gitignore reads a line: trailing spaces dropped (unless escaped), '#' starts a comment only in the first column.
  const patterns = rules.map((rule) => rule.replace(/(?<!\\) +$/, '')).filter((rule) => rule !== '' && !rule.startsWith('#'));
  return { ignore: ignore().add(rules), used, filesCanMatch: patterns.some((rule) => rule.startsWith('!') || !rule.endsWith('/')) };
}

/** Written by google-github-actions/auth into the workspace: never uploaded, whatever the ignore rules say. */
const ALWAYS_LEFT_OUT = /^gha-creds-[^/]*\.json$/;
/** Templates such as .env.example hold no secrets by convention and are not flagged. */
const ENV_TEMPLATE = /^\.env\.(example|sample|template|dist)$/;
const CREDENTIAL_NAME = /^(\.env.*|.*\.pem|.*\.key|id_(rsa|dsa|ecdsa|ed25519)(?!.*\.pub$).*|\.netrc|\.git-credentials|\.pypirc)$/;
const NPM_TOKEN = /(^|\n)\s*[^#;\n]*(_authToken|_auth|_password)\s*=/;

/** Only an .npmrc (up to 1 MB) is read, for a token; every other name is judged as it is, without a promise per file. */
function looksLikeCredentials(base: string, absolute: string): boolean | Promise<boolean> {
  if (CREDENTIAL_NAME.test(base)) return !ENV_TEMPLATE.test(base);
  if (base !== '.npmrc') return false;
  return stat(absolute).then(async (info) => info.size <= 1024 * 1024 && NPM_TOKEN.test(await readFile(absolute, 'utf8')));
}

/** A file name as bytes shown safely: printable ASCII as is, anything else as \xHH. */
function showBytes(bytes: Buffer): string {
  return [...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
}

/** The name as text when its bytes are valid UTF-8 (a round trip gives them back), else undefined. */
function utf8Name(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

interface Child {
  dirent: Dirent<string | Buffer>;
  base: string;
  /** The base name, with a '/' after a folder's: sorting by it walks the tree in the order of the full paths. */
  key: string;
}

/**
 * A folder's children, sorted. Names are read as text; a folder where one comes back with U+FFFD
 * in it is read again as bytes, so a name that is not UTF-8 is named and skipped rather than
 * turned into a path that does not exist.
 */
function children(dir: string, prefix: string, skipped: string[]): Child[] {
  // Sync: a folder's read is ~50 µs, and a thread-pool round trip per folder left this thread idle more than busy.
  const read = (encoding: 'utf8' | 'buffer') => readdirSync(dir, { withFileTypes: true, encoding: encoding as 'utf8' }) as Dirent<string | Buffer>[];
  let dirents = read('utf8');
  if (dirents.some((d) => (d.name as string).includes('\uFFFD'))) dirents = read('buffer');
  const list: Child[] = [];
  for (const dirent of dirents) {
    const base = typeof dirent.name === 'string' ? dirent.name : utf8Name(dirent.name);
    if (base === undefined) {
      const what = dirent.isDirectory() ? 'folder name is not valid UTF-8, so it and everything in it are' : 'file name is not valid UTF-8, so it is';
      skipped.push(`${prefix}${showBytes(dirent.name as Buffer)}: this ${what} left out (rename it to package it)`);
      continue;
    }
    list.push({ dirent, base, key: dirent.isDirectory() ? `${base}/` : base });
  }
  // JavaScript string order, as the whole listing was sorted before it streamed: the same archive bytes.
  return list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export async function streamFiles(root: string, options: ListOptions): Promise<ListingStream> {
  const matcher = await buildMatcher(root, options);
  const realRoot = path.resolve(root);
  const listing: ListingStream = { chunks: walk(realRoot, ''), skipped: [], credentialLike: [], ignoreFileUsed: matcher.used };

  let lastTurn = performance.now();
  async function* walk(dir: string, prefix: string): AsyncGenerator<FileEntry[]> {
    let chunk: FileEntry[] = [];
    // Every few ms a turn of the event loop: the writer on this thread takes coded batches as they come.
    if (performance.now() - lastTurn > 2) {
      await new Promise((resolve) => setImmediate(resolve));
      lastTurn = performance.now();
    }
    for (const { dirent, base, key } of children(dir, prefix, listing.skipped)) {
      const name = prefix + key;
      const absolute = dir + path.sep + base;
      if (dirent.isDirectory()) {
        if (matcher.ignore.ignores(name)) continue;
        if (chunk.length) yield chunk;
        chunk = [];
        yield* walk(absolute, name);
      } else if (ALWAYS_LEFT_OUT.test(base) || (matcher.filesCanMatch && matcher.ignore.ignores(name))) {
        continue;
      } else if (dirent.isSymbolicLink()) {
        const link = await readlink(absolute);
        const resolved = path.resolve(dir, link);
        const inside = path.relative(realRoot, resolved);
        if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
          listing.skipped.push(`${name}: symlink to ${link} points outside the packaged folder`);
          continue;
        }
        chunk.push({ name, absolute, kind: 'symlink', target: path.relative(dir, resolved).split(path.sep).join('/') });
      } else if (dirent.isFile()) {
        chunk.push({ name, absolute, kind: 'file' });
        let credential = looksLikeCredentials(base, absolute);
        if (typeof credential !== 'boolean') credential = await credential;
        if (credential) listing.credentialLike.push(name);
      } else {
        listing.skipped.push(`${name}: not a regular file`);
      }
    }
    if (chunk.length) yield chunk;
  }

  return listing;
}

/** The whole listing at once. */
export async function listFiles(root: string, options: ListOptions): Promise<Listing> {
  const { chunks, ...rest } = await streamFiles(root, options);
  const entries: FileEntry[] = [];
  for await (const chunk of chunks) entries.push(...chunk);
  return { entries, ...rest };
}
