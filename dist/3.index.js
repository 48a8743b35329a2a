export const id = 3;
export const ids = [3];
export const modules = {

/***/ 1003:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  packageWorkspace: () => (/* binding */ packageWorkspace)
});

// EXTERNAL MODULE: ./src/actions/core.ts
var core = __webpack_require__(9244);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./src/archive/files.ts
// Lists what goes into the archive: every file under root that the ignore rules leave, in a
// stable order, streamed a folder at a time so packaging can start before the walk ends. Symlinks
// are kept as links when they stay inside root, and skipped (never followed) when they point
// outside it. Workspace hygiene: credential files other actions drop into the workspace
// (gha-creds-*.json) are always left out, files that look like credentials are listed for one
// warning, and a name that is not valid UTF-8 is skipped with a reason rather than failing the deploy.




async function buildMatcher(root, options) {
    const rules = ['.git/'];
    let used = false;
    try {
        rules.push(...(await (0,promises_.readFile)(external_node_path_default().resolve(root, options.ignoreFile), 'utf8')).split(/\r?\n/));
        used = true;
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    rules.push(...options.exclude);
    // As gitignore reads a line: trailing spaces dropped (unless escaped), '#' starts a comment only in the first column.
    const patterns = rules.map((rule) => rule.replace(/(?<!\\) +$/, '')).filter((rule) => rule !== '' && !rule.startsWith('#'));
    return { ignore: ignore_default()().add(rules), used, filesCanMatch: patterns.some((rule) => rule.startsWith('!') || !rule.endsWith('/')) };
}
/** Written by google-github-actions/auth into the workspace: never uploaded, whatever the ignore rules say. */
const ALWAYS_LEFT_OUT = /^gha-creds-[^/]*\.json$/;
/** Templates such as .env.example hold no secrets by convention and are not flagged. */
const ENV_TEMPLATE = /^\.env\.(example|sample|template|dist)$/;
const CREDENTIAL_NAME = /^(\.env.*|.*\.pem|.*\.key|id_(rsa|dsa|ecdsa|ed25519)(?!.*\.pub$).*|\.netrc|\.git-credentials|\.pypirc)$/;
const NPM_TOKEN = /(^|\n)\s*[^#;\n]*(_authToken|_auth|_password)\s*=/;
/** Only an .npmrc (up to 1 MB) is read, for a token; every other name is judged as it is, without a promise per file. */
function looksLikeCredentials(base, absolute) {
    if (CREDENTIAL_NAME.test(base))
        return !ENV_TEMPLATE.test(base);
    if (base !== '.npmrc')
        return false;
    return (0,promises_.stat)(absolute).then(async (info) => info.size <= 1024 * 1024 && NPM_TOKEN.test(await (0,promises_.readFile)(absolute, 'utf8')));
}
/** A file name as bytes shown safely: printable ASCII as is, anything else as \xHH. */
function showBytes(bytes) {
    return [...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
}
/** The name as text when its bytes are valid UTF-8 (a round trip gives them back), else undefined. */
function utf8Name(bytes) {
    const text = bytes.toString('utf8');
    return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}
/**
 * A folder's children, sorted. Names are read as text; a folder where one comes back with U+FFFD
 * in it is read again as bytes, so a name that is not UTF-8 is named and skipped rather than
 * turned into a path that does not exist.
 */
function children(dir, prefix, skipped) {
    // Sync: a folder's read is ~50 µs, and a thread-pool round trip per folder left this thread idle more than busy.
    const read = (encoding) => (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true, encoding: encoding });
    let dirents = read('utf8');
    if (dirents.some((d) => d.name.includes('\uFFFD')))
        dirents = read('buffer');
    const list = [];
    for (const dirent of dirents) {
        const base = typeof dirent.name === 'string' ? dirent.name : utf8Name(dirent.name);
        if (base === undefined) {
            const what = dirent.isDirectory() ? 'folder name is not valid UTF-8, so it and everything in it are' : 'file name is not valid UTF-8, so it is';
            skipped.push(`${prefix}${showBytes(dirent.name)}: this ${what} left out (rename it to package it)`);
            continue;
        }
        list.push({ dirent, base, key: dirent.isDirectory() ? `${base}/` : base });
    }
    // JavaScript string order, as the whole listing was sorted before it streamed: the same archive bytes.
    return list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
async function streamFiles(root, options) {
    const matcher = await buildMatcher(root, options);
    const realRoot = external_node_path_default().resolve(root);
    const listing = { chunks: walk(realRoot, ''), skipped: [], credentialLike: [], ignoreFileUsed: matcher.used };
    let lastTurn = performance.now();
    async function* walk(dir, prefix) {
        let chunk = [];
        // Every few ms a turn of the event loop: the writer on this thread takes coded batches as they come.
        if (performance.now() - lastTurn > 2) {
            await new Promise((resolve) => setImmediate(resolve));
            lastTurn = performance.now();
        }
        for (const { dirent, base, key } of children(dir, prefix, listing.skipped)) {
            const name = prefix + key;
            const absolute = dir + (external_node_path_default()).sep + base;
            if (dirent.isDirectory()) {
                if (matcher.ignore.ignores(name))
                    continue;
                if (chunk.length)
                    yield chunk;
                chunk = [];
                yield* walk(absolute, name);
            }
            else if (ALWAYS_LEFT_OUT.test(base) || (matcher.filesCanMatch && matcher.ignore.ignores(name))) {
                continue;
            }
            else if (dirent.isSymbolicLink()) {
                const link = await (0,promises_.readlink)(absolute);
                const resolved = external_node_path_default().resolve(dir, link);
                const inside = external_node_path_default().relative(realRoot, resolved);
                if (inside === '' || inside.startsWith('..') || external_node_path_default().isAbsolute(inside)) {
                    listing.skipped.push(`${name}: symlink to ${link} points outside the packaged folder`);
                    continue;
                }
                chunk.push({ name, absolute, kind: 'symlink', target: external_node_path_default().relative(dir, resolved).split((external_node_path_default()).sep).join('/') });
            }
            else if (dirent.isFile()) {
                chunk.push({ name, absolute, kind: 'file' });
                let credential = looksLikeCredentials(base, absolute);
                if (typeof credential !== 'boolean')
                    credential = await credential;
                if (credential)
                    listing.credentialLike.push(name);
            }
            else {
                listing.skipped.push(`${name}: not a regular file`);
            }
        }
        if (chunk.length)
            yield chunk;
    }
    return listing;
}
/** The whole listing at once. */
async function listFiles(root, options) {
    const { chunks, ...rest } = await streamFiles(root, options);
    const entries = [];
    for await (const chunk of chunks)
        entries.push(...chunk);
    return { entries, ...rest };
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
;// CONCATENATED MODULE: ./src/archive/zip-format.ts
// The bytes of a ZIP around the entry data (APPNOTE 6.3): local headers, data descriptors, the
// central directory and its end records, with zip64 fields only where a value does not fit.

/** 1980-01-01 00:00, the earliest DOS date a ZIP can hold: every entry gets it, so bytes never depend on mtimes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MADE_BY_UNIX = (3 << 8) | 45;
const FLAG_DESCRIPTOR = 1 << 3;
const FLAG_UTF8 = 1 << 11;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const STORE = 0;
const DEFLATE = 8;
/** Name bytes and flags: a string is written as UTF-8; raw bytes as given. Bit 11 says UTF-8 when the name is UTF-8 beyond ASCII. */
function encodeName(name) {
    if (typeof name === 'string')
        return { name: Buffer.from(name, 'utf8'), flags: /^\p{ASCII}*$/u.test(name) ? 0 : FLAG_UTF8 };
    let ascii = true;
    for (let i = 0; i < name.length && ascii; i++)
        ascii = name[i] < 0x80;
    return { name, flags: !ascii && (0,external_node_buffer_.isUtf8)(name) ? FLAG_UTF8 : 0 };
}
const needs64 = (r) => r.zip64Local || r.size >= MAX32 || r.compressedSize >= MAX32 || r.offset >= MAX32;
const version = (r) => (needs64(r) ? 45 : r.method === DEFLATE ? 20 : 10);
/**
 * Local header. A streamed entry (`descriptor`) has its CRC and sizes after the data; one that may
 * pass 4 GB also gets a zip64 extra so its descriptor's 8-byte sizes are read as such.
 */
function localHeader(r, descriptor) {
    const extra = r.zip64Local ? 20 : 0;
    const b = Buffer.allocUnsafe(30 + r.name.length + extra).fill(0); // small: from the shared pool
    b.writeUInt32LE(0x04034b50, 0);
    b.writeUInt16LE(version(r), 4);
    b.writeUInt16LE(r.flags | (descriptor ? FLAG_DESCRIPTOR : 0), 6);
    b.writeUInt16LE(r.method, 8);
    b.writeUInt16LE(DOS_TIME, 10);
    b.writeUInt16LE(DOS_DATE, 12);
    if (!descriptor) {
        b.writeUInt32LE(r.crc >>> 0, 14);
        b.writeUInt32LE(r.compressedSize, 18);
        b.writeUInt32LE(r.size, 22);
    }
    else if (r.zip64Local) {
        b.writeUInt32LE(MAX32, 18);
        b.writeUInt32LE(MAX32, 22);
    }
    b.writeUInt16LE(r.name.length, 26);
    b.writeUInt16LE(extra, 28);
    r.name.copy(b, 30);
    if (r.zip64Local) {
        b.writeUInt16LE(0x0001, 30 + r.name.length);
        b.writeUInt16LE(16, 32 + r.name.length); // sizes 0 here: the descriptor holds them
    }
    return b;
}
function dataDescriptor(r) {
    const b = Buffer.allocUnsafe(r.zip64Local ? 24 : 16).fill(0);
    b.writeUInt32LE(0x08074b50, 0);
    b.writeUInt32LE(r.crc >>> 0, 4);
    if (r.zip64Local) {
        b.writeBigUInt64LE(BigInt(r.compressedSize), 8);
        b.writeBigUInt64LE(BigInt(r.size), 16);
    }
    else {
        b.writeUInt32LE(r.compressedSize, 8);
        b.writeUInt32LE(r.size, 12);
    }
    return b;
}
/** Central directory header; a zip64 extra holds both sizes and/or the offset when they do not fit in 32 bits (APPNOTE 4.5.3 order). */
function centralHeader(r, descriptor) {
    const sizes64 = r.zip64Local || r.size >= MAX32 || r.compressedSize >= MAX32;
    const offset64 = r.offset >= MAX32;
    const fields = [...(sizes64 ? [r.size, r.compressedSize] : []), ...(offset64 ? [r.offset] : [])];
    const extra = fields.length ? 4 + 8 * fields.length : 0;
    const b = Buffer.allocUnsafe(46 + r.name.length + extra).fill(0);
    b.writeUInt32LE(0x02014b50, 0);
    b.writeUInt16LE(MADE_BY_UNIX, 4);
    b.writeUInt16LE(version(r), 6);
    b.writeUInt16LE(r.flags | (descriptor ? FLAG_DESCRIPTOR : 0), 8);
    b.writeUInt16LE(r.method, 10);
    b.writeUInt16LE(DOS_TIME, 12);
    b.writeUInt16LE(DOS_DATE, 14);
    b.writeUInt32LE(r.crc >>> 0, 16);
    b.writeUInt32LE(sizes64 ? MAX32 : r.compressedSize, 20);
    b.writeUInt32LE(sizes64 ? MAX32 : r.size, 24);
    b.writeUInt16LE(r.name.length, 28);
    b.writeUInt16LE(extra, 30);
    b.writeUInt32LE(((r.unixMode & MAX16) << 16) >>> 0, 38);
    b.writeUInt32LE(offset64 ? MAX32 : r.offset, 42);
    r.name.copy(b, 46);
    if (extra) {
        let at = 46 + r.name.length;
        b.writeUInt16LE(0x0001, at);
        b.writeUInt16LE(8 * fields.length, at + 2);
        for (const value of fields)
            b.writeBigUInt64LE(BigInt(value), (at += 8) - 4);
    }
    return b;
}
/** End of central directory, preceded by the zip64 end record and locator when a count or offset does not fit. */
function endRecords(count, cdOffset, cdSize) {
    const zip64 = count >= MAX16 || cdOffset >= MAX32 || cdSize >= MAX32;
    const parts = [];
    if (zip64) {
        const rec = Buffer.alloc(56);
        rec.writeUInt32LE(0x06064b50, 0);
        rec.writeBigUInt64LE(44n, 4);
        rec.writeUInt16LE(MADE_BY_UNIX, 12);
        rec.writeUInt16LE(45, 14);
        rec.writeBigUInt64LE(BigInt(count), 24);
        rec.writeBigUInt64LE(BigInt(count), 32);
        rec.writeBigUInt64LE(BigInt(cdSize), 40);
        rec.writeBigUInt64LE(BigInt(cdOffset), 48);
        const locator = Buffer.alloc(20);
        locator.writeUInt32LE(0x07064b50, 0);
        locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
        locator.writeUInt32LE(1, 16);
        parts.push(rec, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, MAX16), 8);
    end.writeUInt16LE(Math.min(count, MAX16), 10);
    end.writeUInt32LE(Math.min(cdSize, MAX32), 12);
    end.writeUInt32LE(Math.min(cdOffset, MAX32), 16);
    parts.push(end);
    return Buffer.concat(parts);
}

;// CONCATENATED MODULE: ./src/archive/zip-entries.ts
/** Already compressed by their format: deflate would spend time to gain nothing. */
const STORED_TYPES = new Set('png jpg jpeg gif webp avif heic jxl woff woff2 zip gz tgz bz2 xz zst br lz4 7z rar jar war whl apk mp3 m4a aac ogg oga opus flac mp4 m4v mov webm mkv avi'.split(' '));
const storedByType = (name) => {
    const text = typeof name === 'string' ? name : name.toString('latin1');
    const dot = text.lastIndexOf('.');
    return dot > text.lastIndexOf('/') && STORED_TYPES.has(text.slice(dot + 1).toLowerCase());
};
/* istanbul ignore next -- sent to workers as source text: coverage counters would not exist there */
function makeEntryCoder(fs, zlib) {
    // zlib.crc32 is in every Node the action supports (engines: 20.19+, and the runner's node24).
    const native = zlib.crc32;
    const crc32 = (data, value = 0) => native(data, value);
    const counts = new Uint32Array(256);
    /** Order-0 entropy of up to 4 KB above 7.8 bits a byte: already compressed or random, deflate would not gain. */
    function looksIncompressible(sample) {
        const n = Math.min(sample.length, 4096);
        if (n < 1024)
            return false;
        counts.fill(0);
        for (let i = 0; i < n; i++)
            counts[sample[i]]++;
        let bits = 0;
        for (let b = 0; b < 256; b++)
            if (counts[b])
                bits -= counts[b] * Math.log2(counts[b] / n);
        return bits / n > 7.8;
    }
    /**
     * Level 5: on source text about 40% less CPU than `zip -6`'s level 6 for about 3% more compressed
     * bytes (bench/RESULTS.md). A small input gets a window and hash table sized to it: the same
     * matches, without zlib clearing 128 KB of hash table per tiny file.
     */
    function deflateOptions(size) {
        let windowBits = 9;
        while (windowBits < 15 && 1 << windowBits < size)
            windowBits++;
        return { level: 5, windowBits, memLevel: Math.max(1, windowBits - 7) };
    }
    let scratch = new Uint8Array(1024 * 1024);
    /** Reads a whole open file into the reused scratch buffer: one read when the size is right, no allocation. */
    function readWhole(fd, size) {
        if (scratch.length <= size)
            scratch = new Uint8Array(size + 1 + (size >> 2));
        let length = 0;
        for (;;) {
            const want = scratch.length - length;
            const n = fs.readSync(fd, scratch, length, want, null);
            length += n;
            if (n === 0 || (n < want && length > 0))
                return scratch.subarray(0, length);
            if (length === scratch.length) {
                const bigger = new Uint8Array(scratch.length * 2);
                bigger.set(scratch);
                scratch = bigger;
            }
        }
    }
    const handles = new Map();
    let zout = new Uint8Array(256 * 1024);
    function gzip(data) {
        const options = deflateOptions(data.length);
        let entry = handles.get(options.windowBits);
        if (entry === undefined) {
            const stream = zlib.createGzip(options);
            entry = typeof stream._handle?.writeSync === 'function' && stream._writeState ? { handle: stream._handle, state: stream._writeState } : null;
            handles.set(options.windowBits, entry);
        }
        if (entry) {
            const bound = data.length + (data.length >> 3) + 1024;
            if (zout.length < bound)
                zout = new Uint8Array(bound);
            entry.handle.writeSync(zlib.constants.Z_FINISH, data, 0, data.length, zout, 0, zout.length);
            const [outLeft, inLeft] = entry.state;
            entry.handle.reset();
            if (inLeft === 0 && outLeft > 0)
                return zout.subarray(0, zout.length - outLeft);
        }
        return zlib.gzipSync(data, options);
    }
    function codeBatch(jobs) {
        const out = { crc: [], method: [], size: [], length: [], mode: [], done: 0, read: 0, data: new Uint8Array(0) };
        const paths = jobs.paths.split('\0');
        // Room for a batch's bytes (its bound, plus the file that crosses it) without growing, in most trees.
        let joined = new Uint8Array(jobs.recycle ?? new ArrayBuffer(2 * jobs.batchBytes));
        let total = 0;
        for (let i = 0; i < paths.length && (i === 0 || out.read < jobs.batchBytes); i++) {
            out.done = i + 1;
            const fd = fs.openSync(paths[i], 'r');
            let data;
            try {
                const stats = fs.fstatSync(fd);
                out.mode.push(stats.mode);
                if (stats.size > jobs.streamAbove) {
                    out.crc.push(0);
                    out.method.push(-1);
                    out.size.push(stats.size);
                    out.length.push(0);
                    continue;
                }
                data = readWhole(fd, stats.size);
            }
            finally {
                fs.closeSync(fd);
            }
            out.read += data.length;
            let crc;
            let body = data;
            let method = 0;
            if (data.length > 0 && jobs.store[i] !== '1' && !looksIncompressible(data)) {
                // gzip rather than raw deflate: its trailer carries the CRC-32, computed natively on the way.
                const gz = gzip(data);
                const t = gz.length - 8;
                crc = (gz[t] | (gz[t + 1] << 8) | (gz[t + 2] << 16) | (gz[t + 3] << 24)) >>> 0;
                const raw = gz.subarray(10, gz.length - 8);
                if (raw.length < data.length) {
                    body = raw;
                    method = 8;
                }
            }
            out.crc.push(crc ?? crc32(data));
            out.method.push(method);
            out.size.push(data.length);
            out.length.push(body.length);
            if (total + body.length > joined.length) {
                const bigger = new Uint8Array(Math.max(joined.length * 2, total + body.length));
                bigger.set(joined.subarray(0, total));
                joined = bigger;
            }
            joined.set(body, total);
            total += body.length;
        }
        out.data = joined.subarray(0, total);
        return out;
    }
    return { codeBatch, crc32, looksIncompressible };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(1996);
;// CONCATENATED MODULE: ./src/archive/zip-output.ts
// Where the ZIP's bytes go: a buffered, hashed, size-limited output file, and the central
// directory kept as bytes until the end.


class ArchiveTooLargeError extends Error {
    constructor(limit) {
        super(`The archive grew past max-archive-size (${(0,units/* formatBytes */.z3)(limit)}) and was not uploaded: ` +
            `leave build outputs and dependencies out with 'exclude' or the ignore file, or raise 'max-archive-size'.`);
        this.name = 'ArchiveTooLargeError';
    }
}
/** Buffered, hashed, size-limited output. */
class Output {
    file;
    limit;
    buffer = Buffer.allocUnsafeSlow(4 * 1024 * 1024);
    used = 0;
    position = 0;
    hash = (0,external_node_crypto_.createHash)('sha256');
    constructor(file, limit) {
        this.file = file;
        this.limit = limit;
    }
    /** Copies the chunk into the buffer; returns a promise only when it has to write (no promise per small chunk). */
    push(chunk) {
        this.position += chunk.length;
        if (this.position > this.limit)
            throw new ArchiveTooLargeError(this.limit);
        if (chunk.length >= this.buffer.length / 4 || this.used + chunk.length > this.buffer.length)
            return this.pushSlow(chunk);
        this.buffer.set(chunk, this.used);
        this.used += chunk.length;
        return undefined;
    }
    async pushSlow(chunk) {
        await this.flush();
        if (chunk.length >= this.buffer.length / 4)
            return this.write(chunk);
        this.buffer.set(chunk, 0);
        this.used = chunk.length;
    }
    async flush() {
        if (this.used)
            await this.write(this.buffer.subarray(0, this.used));
        this.used = 0;
    }
    async write(chunk) {
        this.hash.update(chunk);
        for (let at = 0; at < chunk.length;)
            at += (await this.file.write(chunk, at, chunk.length - at)).bytesWritten;
    }
    digest() {
        return this.hash.digest('hex');
    }
}
/** The central directory, kept as bytes while entries are written (50,000 records as objects would cost 10 MB). */
class CentralDirectory {
    chunks = [];
    current = Buffer.allocUnsafe(0);
    used = 0;
    count = 0;
    add(header) {
        this.count++;
        if (this.used + header.length > this.current.length) {
            if (this.used)
                this.chunks.push(this.current.subarray(0, this.used));
            this.current = Buffer.allocUnsafeSlow(Math.max(256 * 1024, header.length));
            this.used = 0;
        }
        header.copy(this.current, this.used);
        this.used += header.length;
    }
    parts() {
        return [...this.chunks, this.current.subarray(0, this.used)];
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./src/archive/zip-pool.ts
// Codes batches of entries on worker threads, or on this thread. Batches (not single files) keep
// the per-file cost to a few µs.





// Evaluated as a CommonJS script in the worker: the coder's own source, given fs and zlib.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const coder = (${makeEntryCoder.toString()})(require('node:fs'), require('node:zlib'));
parentPort.on('message', (jobs) => {
  let batch;
  try {
    batch = coder.codeBatch(jobs);
  } catch (error) {
    return parentPort.postMessage({ error: String((error && error.message) || error) });
  }
  parentPort.postMessage(batch, [batch.data.buffer]);
});`;
const localCoder = makeEntryCoder(external_node_fs_, external_node_zlib_);
/** One worker fewer than the cores: the writer's thread codes too, whenever it would wait. */
function workerCoder(count = Math.max(1, Math.min(3, (external_node_os_default().availableParallelism?.() ?? external_node_os_default().cpus().length) - 1))) {
    const started = [];
    const lane = () => {
        // A small young generation: the workers' garbage is short-lived buffers, and RSS counts.
        const worker = new external_node_worker_threads_.Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
        started.push(worker);
        const waiting = [];
        const failAll = (error) => waiting.splice(0).forEach((w) => w.reject(error));
        worker.on('message', (message) => {
            const next = waiting.shift();
            if ('error' in message)
                next.reject(new Error(message.error));
            else
                next.resolve({ ...message, data: Buffer.from(message.data.buffer, message.data.byteOffset, message.data.length) });
        });
        worker.on('error', failAll);
        worker.on('exit', (code) => failAll(new Error(`a packaging worker stopped (exit code ${code})`)));
        return { worker, waiting };
    };
    let workers;
    try {
        workers = Array.from({ length: count }, lane);
    }
    catch (error) {
        for (const worker of started)
            void worker.terminate();
        throw error;
    }
    return {
        lanes: count * 2,
        code(jobs) {
            const lane = workers.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
            return new Promise((resolve, reject) => {
                lane.waiting.push({ resolve, reject });
                lane.worker.postMessage(jobs, jobs.recycle ? [jobs.recycle] : []);
            });
        },
        async close() {
            await Promise.all(workers.map(({ worker }) => worker.terminate()));
        },
    };
}
/** Files above this are streamed through zlib on this thread rather than read whole by a worker. */
const STREAM_ABOVE = 8 * 1024 * 1024;
/** A batch for a worker: about this many input bytes (sized from the files seen so far), at most this many files. */
const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 256;
/** Until this much is read, or this many files are listed, batches are coded on this thread: starting workers costs ~30 ms each. */
const WORKERS_ABOVE_BYTES = 4 * 1024 * 1024;
const WORKERS_ABOVE_FILES = 1000;
/**
 * Codes batches on worker threads, one fewer than the cores, and on this thread whenever the
 * writer would otherwise wait: every core works, and no thread more than the cores competes for
 * them. Small archives never start a worker (~30 ms each).
 */
class Coders {
    workers;
    noWorkers = false;
    read = 0;
    listedFiles = 0;
    /** Buffers of written batches, reused for the next ones: fewer 2 MB allocations, and so less RSS. */
    spare = [];
    /** Files per batch, from the mean size of the files read so far. */
    batchFiles = 16;
    listed(count) {
        this.listedFiles += count;
    }
    /** Whether a worker can take another batch now. */
    canSend(inFlight) {
        if (!this.workers && !this.noWorkers && (this.read > WORKERS_ABOVE_BYTES || this.listedFiles > WORKERS_ABOVE_FILES)) {
            try {
                this.workers = workerCoder();
            }
            catch {
                this.noWorkers = true; // no thread to be had (EAGAIN, memory): this thread codes everything, slower but whole
            }
        }
        return this.workers !== undefined && inFlight < this.workers.lanes;
    }
    /** Codes on a worker, or with `here` on this thread (synchronously, before this returns). */
    code(entries, here = false) {
        const jobs = {
            paths: entries.map((e) => e.absolute).join('\0'),
            store: entries.map((e) => (storedByType(e.name) ? '1' : '0')).join(''),
            streamAbove: STREAM_ABOVE,
            batchBytes: BATCH_BYTES,
            recycle: this.spare.pop(),
        };
        // On this thread: a promise all the same, so a throw becomes a rejection.
        const coded = here || !this.workers ? new Promise((resolve) => resolve(localCoder.codeBatch(jobs))) : this.workers.code(jobs);
        return coded.then((batch) => {
            this.read += batch.read;
            const mean = Math.max(1, batch.read / batch.done);
            this.batchFiles = Math.max(4, Math.min(BATCH_FILES, Math.floor(BATCH_BYTES / mean)));
            return batch;
        });
    }
    /** The writer is done with this batch: its buffer serves a later one (there are never more than the batches in flight). */
    recycle(batch) {
        if (this.spare.length < 16)
            this.spare.push(batch.data.buffer);
    }
    async close() {
        await this.workers?.close();
    }
}

;// CONCATENATED MODULE: ./src/archive/zip.ts
// Writes a deterministic ZIP to a file: same tree, same bytes (sorted entries, fixed dates and
// modes), hashed and size-checked on the way to disk, never held in memory. Entries arrive as the
// listing walks the tree; worker threads (and this thread, while it would wait) read and deflate
// batches of files ahead, and this thread writes them out in order. Entries that will not
// compress (by type, or a sample that looks random) are stored. Our own writer rather than
// archiver: its per-entry stream plumbing cost ~0.75 ms a file (see bench/RESULTS.md).









/** How many units past the one being written may be coded: coded batches wait in memory (~1 MB each). */
const CODE_AHEAD = 6;
/** A streamed entry this close to 4 GB gets zip64 fields, in case deflate grows it. */
const ZIP64_STREAM_MARGIN = 64 * 1024 * 1024;
/** Regular files get 644, or 755 when any execute bit is set: bytes never depend on umask or owner. */
const fileMode = (statMode) => 0o100000 | (statMode & 0o111 ? 0o755 : 0o644);
const LINK_MODE = 0o120777;
function record(name, offset, unixMode, coded) {
    const encoded = encodeName(name);
    return {
        name: encoded.name,
        flags: encoded.flags,
        method: coded.method,
        crc: coded.crc,
        compressedSize: coded.length,
        size: coded.size,
        offset,
        unixMode,
        zip64Local: false,
    };
}
/** A big file, streamed from one open handle: CRC and sizes follow the data in a descriptor. */
async function writeStreamed(out, entry, rec, expectedSize) {
    const file = await (0,promises_.open)(entry.absolute, 'r');
    try {
        const sample = Buffer.alloc(4096);
        await file.read(sample, 0, sample.length, 0);
        rec.method = storedByType(entry.name) || localCoder.looksIncompressible(sample) ? STORE : DEFLATE;
        rec.zip64Local = expectedSize >= 0xffffffff - ZIP64_STREAM_MARGIN;
        await out.push(localHeader(rec, true));
        const count = (chunk) => {
            rec.crc = localCoder.crc32(chunk, rec.crc);
            rec.size += chunk.length;
        };
        if (rec.method === STORE) {
            // Stored: read through one reused buffer, so memory stays flat however big the file.
            const buffer = Buffer.allocUnsafeSlow(1024 * 1024);
            for (let n; (n = (await file.read(buffer, 0, buffer.length, rec.size)).bytesRead) > 0;) {
                const chunk = buffer.subarray(0, n);
                count(chunk);
                rec.compressedSize += n;
                await out.push(chunk); // copied or written before the next read
            }
        }
        else {
            const tap = new external_node_stream_.Transform({
                transform(chunk, _encoding, done) {
                    count(chunk);
                    done(null, chunk);
                },
            });
            // pipeline() rejects with an AbortError when the sink throws: keep the sink's own error (ArchiveTooLargeError).
            let sinkError;
            const sink = async (source) => {
                try {
                    for await (const chunk of source) {
                        rec.compressedSize += chunk.length;
                        await out.push(chunk);
                    }
                }
                catch (error) {
                    sinkError = { error };
                    throw error;
                }
            };
            const input = file.createReadStream({ start: 0, highWaterMark: 256 * 1024, autoClose: false });
            await (0,external_node_stream_promises_.pipeline)(input, tap, (0,external_node_zlib_.createDeflateRaw)({ level: 5 }) /* as zip-entries.ts */, sink).catch((error) => {
                throw sinkError ? sinkError.error : error;
            });
        }
    }
    finally {
        await file.close();
    }
    await out.push(dataDescriptor(rec));
}
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/**
 * Writes the entries in order while the listing goes on: the listing forms batches and sends them
 * to the workers (a few in flight), and this loop writes each batch as its turn comes, coding
 * batches itself while it would wait.
 */
async function writeEntries(out, source, coders, central) {
    const units = [];
    let dispatched = 0;
    /** The unit being written. */
    let writing = 0;
    let inFlight = 0;
    let listingDone = false;
    /** Set when the listing fails (an unreadable folder): the writer stops at once with its error. */
    let listingFailure;
    const stopIfListingFailed = () => {
        if (listingFailure)
            throw listingFailure.error;
    };
    let stopped = false;
    let wake;
    const notify = () => {
        wake?.();
        wake = undefined;
    };
    const start = (unit, here) => {
        unit.coded = coders.code(unit.entries, here);
        const settle = (coded) => {
            unit.settled = true;
            if (!here)
                inFlight--;
            if (coded)
                dispatch(); // after a failure the writer stops: nothing more to send
            notify();
        };
        unit.coded.then(() => settle(true), () => settle(false));
        if (!here)
            inFlight++;
    };
    const dispatch = () => {
        for (; dispatched < units.length && dispatched < writing + CODE_AHEAD; dispatched++) {
            const unit = units[dispatched];
            if (unit?.kind !== 'batch' || unit.coded)
                continue;
            if (!coders.canSend(inFlight))
                break;
            start(unit, false);
        }
    };
    /** The next batch nobody codes yet, for this thread to code while it waits. */
    const spare = () => {
        for (let j = dispatched; j < units.length && j < writing + CODE_AHEAD; j++) {
            const unit = units[j];
            if (unit?.kind === 'batch' && !unit.coded)
                return unit;
        }
        return undefined;
    };
    const listing = (async () => {
        let batch = [];
        const close = () => {
            if (batch.length)
                units.push({ kind: 'batch', entries: batch });
            batch = [];
        };
        try {
            for await (const chunk of source) {
                if (stopped)
                    break;
                coders.listed(chunk.length);
                for (const entry of chunk) {
                    if (entry.kind === 'symlink') {
                        close();
                        units.push({ kind: 'link', entry });
                    }
                    else {
                        batch.push(entry);
                        if (batch.length >= coders.batchFiles)
                            close();
                    }
                }
                dispatch();
                notify();
            }
            close();
        }
        catch (error) {
            listingFailure = { error };
        }
        finally {
            listingDone = true;
            dispatch();
            notify();
        }
    })();
    try {
        for (let i = 0;; i++) {
            writing = i;
            dispatch();
            while (i >= units.length && !listingDone)
                await new Promise((resolve) => (wake = resolve));
            stopIfListingFailed();
            if (i >= units.length)
                break;
            const unit = units[i];
            if (unit.kind === 'link') {
                units[i] = undefined;
                const target = typeof unit.entry.target === 'string' ? Buffer.from(unit.entry.target) : (unit.entry.target ?? Buffer.alloc(0));
                const rec = record(unit.entry.name, out.position, LINK_MODE, {
                    method: STORE,
                    crc: localCoder.crc32(target),
                    size: target.length,
                    length: target.length,
                });
                await out.push(localHeader(rec, false));
                await out.push(target);
                central.add(centralHeader(rec, false));
                continue;
            }
            if (!unit.coded)
                start(unit, true);
            else {
                while (!unit.settled) {
                    // Its worker is still on it: code a later batch here meanwhile, then look again.
                    const later = spare();
                    if (!later)
                        await new Promise((resolve) => (wake = resolve));
                    else {
                        start(later, true);
                        await nextTurn();
                    }
                    stopIfListingFailed();
                }
            }
            units[i] = undefined;
            let entries = unit.entries;
            let batch = await unit.coded;
            for (;;) {
                await writeBatch(out, entries, batch, central);
                coders.recycle(batch);
                if (batch.done === entries.length)
                    break;
                // Cut short by its byte bound: the rest is coded now, as the next thing to write.
                entries = entries.slice(batch.done);
                batch = await coders.code(entries, true);
            }
        }
    }
    finally {
        stopped = true;
        await listing; // never rejects: a failure is in listingFailure
    }
}
async function writeBatch(out, entries, batch, central) {
    let at = 0;
    for (let k = 0; k < batch.done; k++) {
        const entry = entries[k];
        const length = batch.length[k];
        if (batch.method[k] < 0) {
            const rec = record(entry.name, out.position, fileMode(batch.mode[k]), { method: STORE, crc: 0, size: 0, length: 0 });
            await writeStreamed(out, entry, rec, batch.size[k]);
            central.add(centralHeader(rec, true));
            continue;
        }
        const rec = record(entry.name, out.position, fileMode(batch.mode[k]), { method: batch.method[k], crc: batch.crc[k], size: batch.size[k], length });
        const header = out.push(localHeader(rec, false));
        if (header)
            await header;
        const data = out.push(batch.data.subarray(at, (at += length)));
        if (data)
            await data;
        central.add(centralHeader(rec, false));
    }
}
/** Writes the entries, given whole or as a listing's chunks in order, to a ZIP at outputPath. */
async function writeZip(entries, outputPath, maxBytes) {
    const source = Array.isArray(entries) ? [entries] : entries;
    const coders = new Coders();
    const file = await (0,promises_.open)(outputPath, 'w');
    const out = new Output(file, maxBytes);
    const central = new CentralDirectory();
    try {
        await writeEntries(out, source, coders, central);
        const cdOffset = out.position;
        for (const part of central.parts())
            await out.push(part);
        await out.push(endRecords(central.count, cdOffset, out.position - cdOffset));
        await out.flush();
        await file.close();
    }
    catch (error) {
        await file.close().catch(() => undefined);
        await (0,promises_.rm)(outputPath, { force: true });
        throw error;
    }
    finally {
        await coders.close();
    }
    return { sha256: out.digest(), size: out.position, files: central.count };
}

// EXTERNAL MODULE: ./src/result.ts
var src_result = __webpack_require__(1666);
;// CONCATENATED MODULE: ./src/pipeline/package.ts
// The package step: list the files the ignore rules leave, then stream them into a ZIP.







async function packageWorkspace(inputs, result, workspace, tempDir) {
    const root = external_node_path_default().resolve(workspace, inputs.path);
    const stage = (result.stages.package = (0,src_result/* newStage */.XV)({ path: inputs.path, skipped: [] }));
    return (0,src_result/* inStage */.uE)(stage, async () => {
        const info = await (0,promises_.stat)(root).catch(() => undefined);
        if (!info?.isDirectory())
            throw new Error(`Input 'path' is '${inputs.path}': ${root} is not a folder`);
        // Listed and written side by side: the listing's warnings are complete once the ZIP is, and
        // what was found is reported even when writing fails (too big, a file gone).
        const listing = await streamFiles(root, { ignoreFile: inputs['ignore-file'], exclude: inputs.exclude });
        const zipPath = external_node_path_default().join(tempDir, 'app.zip');
        let zip;
        try {
            zip = await writeZip(listing.chunks, zipPath, inputs['max-archive-size']);
        }
        finally {
            reportListing(listing, inputs, stage, result);
        }
        if (zip.files === 0) {
            await (0,promises_.rm)(zipPath, { force: true });
            throw new Error(`Nothing to package in '${inputs.path}': it is empty or every file is ignored (.git/, ` +
                `${listing.ignoreFileUsed ? `'${inputs['ignore-file']}', ` : ''}exclude).`);
        }
        Object.assign(stage, zip);
        core/* info */.pq(`Packaged ${zip.files} ${zip.files === 1 ? 'file' : 'files'} from '${inputs.path}' into ${(0,units/* formatBytes */.z3)(zip.size)} (sha256 ${zip.sha256})` +
            (listing.ignoreFileUsed ? `, ignoring what '${inputs['ignore-file']}' lists` : ''));
        return { zipPath, ...zip };
    });
}
function reportListing(listing, inputs, stage, result) {
    stage.skipped = listing.skipped;
    for (const reason of listing.skipped)
        core/* warning */.$e(`Not packaged: ${reason}`);
    if (!listing.credentialLike.length)
        return;
    const shown = listing.credentialLike.slice(0, 20).join(', ') + (listing.credentialLike.length > 20 ? `, and ${listing.credentialLike.length - 20} more` : '');
    const message = `${listing.credentialLike.length} packaged file(s) look like credentials and will be uploaded: ${shown}. ` +
        `If they should not be, list them in '${inputs['ignore-file']}' or the 'exclude' input (e.g. '.env*', '*.pem').`;
    core/* warning */.$e(message);
    result.warnings.push(message);
}


/***/ })

};
