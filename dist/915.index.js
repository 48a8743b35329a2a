export const id = 915;
export const ids = [915];
export const modules = {

/***/ 9915:
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
// Lists what goes into the archive: every file under root that the ignore rules leave,
// in a stable byte order. Symlinks are kept as links when they stay inside root, and
// skipped (never followed) when they point outside it. Workspace hygiene: credential files
// other actions drop into the workspace (gha-creds-*.json) are always left out, files that look
// like credentials are listed for one warning, and a name that is not valid UTF-8 is skipped with
// a reason rather than failing the deploy.




async function buildMatcher(root, options) {
    const matcher = ignore_default()().add('.git/');
    let used = false;
    try {
        matcher.add(await (0,promises_.readFile)(external_node_path_default().resolve(root, options.ignoreFile), 'utf8'));
        used = true;
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    matcher.add(options.exclude);
    return { matcher, used };
}
const byteOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Written by google-github-actions/auth into the workspace: never uploaded, whatever the ignore rules say. */
const ALWAYS_LEFT_OUT = /^gha-creds-[^/]*\.json$/;
/** Templates such as .env.example hold no secrets by convention and are not flagged. */
const ENV_TEMPLATE = /^\.env\.(example|sample|template|dist)$/;
const CREDENTIAL_NAME = /^(\.env.*|.*\.pem|.*\.key|id_(rsa|dsa|ecdsa|ed25519)(?!.*\.pub$).*|\.netrc|\.git-credentials|\.pypirc)$/;
const NPM_TOKEN = /(^|\n)\s*[^#;\n]*(_authToken|_auth|_password)\s*=/;
async function looksLikeCredentials(base, absolute, size) {
    if (CREDENTIAL_NAME.test(base))
        return !ENV_TEMPLATE.test(base);
    if (base !== '.npmrc' || size > 1024 * 1024)
        return false;
    return NPM_TOKEN.test(await (0,promises_.readFile)(absolute, 'utf8'));
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
async function listFiles(root, options) {
    const { matcher, used } = await buildMatcher(root, options);
    const entries = [];
    const skipped = [];
    const credentialLike = [];
    const realRoot = external_node_path_default().resolve(root);
    async function walk(dir, prefix) {
        // Names are read as bytes: a name that is not UTF-8 would otherwise come back with U+FFFD in
        // it, a path that does not exist, and the lstat of it would fail the whole deploy.
        const children = (await (0,promises_.readdir)(dir, { withFileTypes: true, encoding: 'buffer' })).sort((a, b) => Buffer.compare(a.name, b.name));
        for (const child of children) {
            const base = utf8Name(child.name);
            if (base === undefined) {
                const what = child.isDirectory() ? 'folder name is not valid UTF-8, so it and everything in it are' : 'file name is not valid UTF-8, so it is';
                skipped.push(`${prefix}${showBytes(child.name)}: this ${what} left out (rename it to package it)`);
                continue;
            }
            const name = prefix + base;
            const absolute = external_node_path_default().join(dir, base);
            if (ALWAYS_LEFT_OUT.test(base) && !child.isDirectory())
                continue;
            if (child.isDirectory()) {
                if (!matcher.ignores(`${name}/`))
                    await walk(absolute, `${name}/`);
            }
            else if (matcher.ignores(name)) {
                continue;
            }
            else if (child.isSymbolicLink()) {
                const link = await (0,promises_.readlink)(absolute);
                const resolved = external_node_path_default().resolve(dir, link);
                const inside = external_node_path_default().relative(realRoot, resolved);
                if (inside === '' || inside.startsWith('..') || external_node_path_default().isAbsolute(inside)) {
                    skipped.push(`${name}: symlink to ${link} points outside the packaged folder`);
                    continue;
                }
                entries.push({ name, absolute, kind: 'symlink', mode: 0o777, size: 0, target: external_node_path_default().relative(dir, resolved).split((external_node_path_default()).sep).join('/') });
            }
            else if (child.isFile()) {
                // Sync: a thread-pool round trip per file cost more than the call itself (7 s for 50,000 files).
                const stats = (0,external_node_fs_.lstatSync)(absolute);
                entries.push({ name, absolute, kind: 'file', mode: stats.mode & 0o111 ? 0o755 : 0o644, size: stats.size });
                if (await looksLikeCredentials(base, absolute, stats.size))
                    credentialLike.push(name);
            }
            else {
                skipped.push(`${name}: not a regular file`);
            }
        }
    }
    await walk(realRoot, '');
    entries.sort((a, b) => byteOrder(a.name, b.name));
    return { entries, skipped, credentialLike, ignoreFileUsed: used };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(1996);
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

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./src/archive/zip-entries.ts
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
    const spare = [];
    /** Reads a whole file into the reused scratch buffer: one read when the size is known, no allocation. */
    function readWhole(path, size) {
        if (scratch.length <= size)
            scratch = new Uint8Array(size + 1 + (size >> 2));
        const fd = fs.openSync(path, 'r');
        try {
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
        finally {
            fs.closeSync(fd);
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
        if (jobs.recycle && spare.length < 4)
            spare.push(jobs.recycle);
        const out = { crc: [], method: [], size: [], length: [], data: new Uint8Array(0) };
        const paths = jobs.paths.split('\0');
        const sizes = jobs.sizes.split(',');
        let joined = new Uint8Array(spare.pop() ?? new ArrayBuffer(2 * 1024 * 1024));
        let total = 0;
        for (let i = 0; i < paths.length; i++) {
            const data = readWhole(paths[i], Number(sizes[i]));
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

;// CONCATENATED MODULE: ./src/archive/zip-pool.ts
// Codes batches of entries on worker threads, one per core, so reading and deflating use every core
// while the main thread only writes. Batches (not single files) keep the per-file cost to a few µs.





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
/** Runs batches on this thread: for archives too small to repay starting workers (~30 ms each). */
function inlineCoder() {
    const spare = [];
    return {
        lanes: 1,
        // A promise, not an async function: nothing here awaits, and a throw still becomes a rejection.
        code: (jobs) => new Promise((resolve) => resolve(localCoder.codeBatch({ ...jobs, recycle: spare.pop() }))),
        recycle: (batch) => void spare.push(batch.data.buffer),
        close: () => Promise.resolve(),
    };
}
function workerCoder(count = Math.max(1, Math.min(4, external_node_os_default().availableParallelism?.() ?? external_node_os_default().cpus().length))) {
    const workers = Array.from({ length: count }, () => {
        // A small young generation: the workers' garbage is short-lived buffers, and RSS counts.
        const worker = new external_node_worker_threads_.Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
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
    });
    const spare = [];
    return {
        lanes: count * 2,
        code(jobs) {
            const lane = workers.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
            const recycle = spare.pop();
            return new Promise((resolve, reject) => {
                lane.waiting.push({ resolve, reject });
                lane.worker.postMessage({ ...jobs, recycle }, recycle ? [recycle] : []);
            });
        },
        recycle: (batch) => void spare.push(batch.data.buffer),
        async close() {
            await Promise.all(workers.map(({ worker }) => worker.terminate()));
        },
    };
}

;// CONCATENATED MODULE: ./src/archive/zip.ts
// Writes a deterministic ZIP to a file: same tree, same bytes (sorted entries, fixed dates and
// modes), hashed and size-checked on the way to disk, never held in memory. Worker threads read
// and deflate batches of files ahead; this thread writes them out in order. Entries that will not
// compress (by type, or a sample that looks random) are stored. Our own writer rather than
// archiver: its per-entry stream plumbing cost ~0.75 ms a file (see bench/RESULTS.md).









class ArchiveTooLargeError extends Error {
    constructor(limit) {
        super(`The archive grew past max-archive-size (${(0,units/* formatBytes */.z3)(limit)}) and was not uploaded: ` +
            `leave build outputs and dependencies out with 'exclude' or the ignore file, or raise 'max-archive-size'.`);
        this.name = 'ArchiveTooLargeError';
    }
}
/** Already compressed by their format: deflate would spend time to gain nothing. */
const STORED_TYPES = new Set('png jpg jpeg gif webp avif heic jxl woff woff2 zip gz tgz bz2 xz zst br lz4 7z rar jar war whl apk mp3 m4a aac ogg oga opus flac mp4 m4v mov webm mkv avi'.split(' '));
const storedByType = (name) => {
    const text = typeof name === 'string' ? name : name.toString('latin1');
    const dot = text.lastIndexOf('.');
    return dot > text.lastIndexOf('/') && STORED_TYPES.has(text.slice(dot + 1).toLowerCase());
};
/** Files above this are streamed through zlib on this thread rather than read whole by a worker. */
const STREAM_ABOVE = 8 * 1024 * 1024;
/** A batch for a worker: up to this many input bytes or files. */
const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 256;
/** Below this much data, starting workers costs more than it saves. */
const WORKERS_ABOVE_BYTES = 4 * 1024 * 1024;
const WORKERS_ABOVE_FILES = 2000;
/** A streamed entry this close to 4 GB gets zip64 fields, in case deflate grows it. */
const ZIP64_STREAM_MARGIN = 64 * 1024 * 1024;
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
function plan(entries) {
    const units = [];
    let batch = [];
    let bytes = 0;
    const close = () => {
        if (batch.length)
            units.push({ kind: 'batch', entries: batch });
        batch = [];
        bytes = 0;
    };
    for (const entry of entries) {
        if (entry.kind === 'symlink') {
            close();
            units.push({ kind: 'link', entry });
        }
        else if (entry.size > STREAM_ABOVE) {
            close();
            units.push({ kind: 'stream', entry });
        }
        else {
            if (batch.length >= BATCH_FILES || bytes + entry.size > BATCH_BYTES)
                close();
            batch.push(entry);
            bytes += entry.size;
        }
    }
    close();
    return units;
}
function record(entry, offset, unixType, coded) {
    const { name, flags } = encodeName(entry.name);
    return {
        name,
        flags,
        method: coded?.method ?? STORE,
        crc: coded?.crc ?? 0,
        compressedSize: coded?.length ?? 0,
        size: coded?.size ?? 0,
        offset,
        unixMode: unixType | (entry.mode & 0o7777),
        zip64Local: false,
    };
}
/** A big file, streamed: CRC and sizes follow the data in a descriptor. */
async function writeStreamed(out, entry, rec) {
    const sample = Buffer.alloc(4096);
    const handle = await (0,promises_.open)(entry.absolute, 'r');
    try {
        await handle.read(sample, 0, sample.length, 0);
    }
    finally {
        await handle.close();
    }
    rec.method = storedByType(entry.name) || localCoder.looksIncompressible(sample) ? STORE : DEFLATE;
    rec.zip64Local = entry.size >= 0xffffffff - ZIP64_STREAM_MARGIN;
    await out.push(localHeader(rec, true));
    if (rec.method === STORE) {
        // Stored: read through one reused buffer, so memory stays flat however big the file.
        const file = await (0,promises_.open)(entry.absolute, 'r');
        try {
            const buffer = Buffer.allocUnsafeSlow(1024 * 1024);
            for (let n; (n = (await file.read(buffer, 0, buffer.length, null)).bytesRead) > 0;) {
                const chunk = buffer.subarray(0, n);
                rec.crc = localCoder.crc32(chunk, rec.crc);
                rec.size += n;
                rec.compressedSize += n;
                await out.push(chunk); // copied or written before the next read
            }
        }
        finally {
            await file.close();
        }
    }
    else {
        const tap = new external_node_stream_.Transform({
            transform(chunk, _encoding, done) {
                rec.crc = localCoder.crc32(chunk, rec.crc);
                rec.size += chunk.length;
                done(null, chunk);
            },
        });
        const sink = async (source) => {
            for await (const chunk of source) {
                rec.compressedSize += chunk.length;
                await out.push(chunk);
            }
        };
        await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(entry.absolute, { highWaterMark: 256 * 1024 }), tap, (0,external_node_zlib_.createDeflateRaw)({ level: 5 }) /* as zip-entries.ts */, sink);
    }
    await out.push(dataDescriptor(rec));
}
async function writeEntries(out, units, coder, central) {
    const coded = new Map();
    let next = 0;
    let inFlight = 0;
    const dispatch = () => {
        for (; next < units.length && inFlight < coder.lanes; next++) {
            const unit = units[next];
            if (unit.kind !== 'batch')
                continue;
            const batch = coder.code({
                paths: unit.entries.map((e) => e.absolute).join('\0'),
                sizes: unit.entries.map((e) => e.size).join(','),
                store: unit.entries.map((e) => (storedByType(e.name) ? '1' : '0')).join(''),
            });
            batch.catch(() => undefined); // awaited in order below
            coded.set(next, batch);
            inFlight++;
        }
    };
    for (let i = 0; i < units.length; i++) {
        dispatch();
        const unit = units[i];
        if (unit.kind === 'link') {
            const rec = record(unit.entry, out.position, 0o120000);
            const target = typeof unit.entry.target === 'string' ? Buffer.from(unit.entry.target) : (unit.entry.target ?? Buffer.alloc(0));
            Object.assign(rec, { crc: localCoder.crc32(target), size: target.length, compressedSize: target.length });
            await out.push(localHeader(rec, false));
            await out.push(target);
            central.add(centralHeader(rec, false));
        }
        else if (unit.kind === 'stream') {
            const rec = record(unit.entry, out.position, 0o100000);
            await writeStreamed(out, unit.entry, rec);
            central.add(centralHeader(rec, true));
        }
        else {
            const batch = await coded.get(i);
            coded.delete(i);
            inFlight--;
            dispatch();
            let at = 0;
            for (let k = 0; k < unit.entries.length; k++) {
                const length = batch.length[k];
                const rec = record(unit.entries[k], out.position, 0o100000, { method: batch.method[k], crc: batch.crc[k], size: batch.size[k], length });
                const header = out.push(localHeader(rec, false));
                if (header)
                    await header;
                const data = out.push(batch.data.subarray(at, (at += length)));
                if (data)
                    await data;
                central.add(centralHeader(rec, false));
            }
            coder.recycle(batch);
        }
    }
}
async function writeZip(entries, outputPath, maxBytes) {
    const units = plan(entries);
    const small = entries.filter((e) => e.kind === 'file' && e.size <= STREAM_ABOVE);
    const smallBytes = small.reduce((sum, e) => sum + e.size, 0);
    const coder = smallBytes > WORKERS_ABOVE_BYTES || small.length > WORKERS_ABOVE_FILES ? workerCoder() : inlineCoder();
    const file = await (0,promises_.open)(outputPath, 'w');
    const out = new Output(file, maxBytes);
    try {
        const central = new CentralDirectory();
        await writeEntries(out, units, coder, central);
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
        await coder.close();
    }
    return { sha256: out.digest(), size: out.position, files: entries.length };
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
        const listing = await listFiles(root, { ignoreFile: inputs['ignore-file'], exclude: inputs.exclude });
        stage.skipped = listing.skipped;
        for (const reason of listing.skipped)
            core/* warning */.$e(`Not packaged: ${reason}`);
        if (listing.credentialLike.length) {
            const shown = listing.credentialLike.slice(0, 20).join(', ') + (listing.credentialLike.length > 20 ? `, and ${listing.credentialLike.length - 20} more` : '');
            const message = `${listing.credentialLike.length} packaged file(s) look like credentials and will be uploaded: ${shown}. ` +
                `If they should not be, list them in '${inputs['ignore-file']}' or the 'exclude' input (e.g. '.env*', '*.pem').`;
            core/* warning */.$e(message);
            result.warnings.push(message);
        }
        if (listing.entries.length === 0) {
            throw new Error(`Nothing to package in '${inputs.path}': it is empty or every file is ignored (.git/, ` +
                `${listing.ignoreFileUsed ? `'${inputs['ignore-file']}', ` : ''}exclude).`);
        }
        const zipPath = external_node_path_default().join(tempDir, 'app.zip');
        const zip = await writeZip(listing.entries, zipPath, inputs['max-archive-size']);
        Object.assign(stage, zip);
        core/* info */.pq(`Packaged ${zip.files} ${zip.files === 1 ? 'file' : 'files'} from '${inputs.path}' into ${(0,units/* formatBytes */.z3)(zip.size)} (sha256 ${zip.sha256})` +
            (listing.ignoreFileUsed ? `, ignoring what '${inputs['ignore-file']}' lists` : ''));
        return { zipPath, ...zip };
    });
}


/***/ })

};
