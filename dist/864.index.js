export const id = 864;
export const ids = [864];
export const modules = {

/***/ 5940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O7: () => (/* binding */ missingInAnswer),
/* harmony export */   S1: () => (/* binding */ KonanApiError),
/* harmony export */   e5: () => (/* binding */ konanError),
/* harmony export */   kz: () => (/* binding */ KonanAuthError)
/* harmony export */ });
/* harmony import */ var _http_request_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2626);
/* harmony import */ var _konigle_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3884);


class KonanApiError extends Error {
    endpoint;
    status;
    detail;
    retryAfterSeconds;
    constructor(endpoint, status, detail, 
    /** From a 429's or 503's Retry-After header (seconds), when it gave one. */
    retryAfterSeconds) {
        super(`Konan API ${endpoint} answered ${status}: ${detail}`);
        this.endpoint = endpoint;
        this.status = status;
        this.detail = detail;
        this.retryAfterSeconds = retryAfterSeconds;
        this.name = 'KonanApiError';
    }
}
/** Login or refresh failed in a way a retry will not fix (wrong key, expired account). */
class KonanAuthError extends Error {
    constructor(message) {
        super(message);
        this.name = 'KonanAuthError';
    }
}
function konanError(endpoint, status, text, headers) {
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        body = undefined;
    }
    const retryAfter = status === 429 || status === 503 ? (0,_http_request_js__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterSeconds */ .C3)(headers?.get('retry-after')) : undefined;
    return new KonanApiError(endpoint, status, (0,_konigle_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .serverMessage */ .x_)(body, status), retryAfter);
}
/** A 2xx answer without what the call is for, in the words every Konan call uses. */
function missingInAnswer(endpoint, what, body) {
    return new Error(`Konan API ${endpoint}: the answer has no ${what}: ${JSON.stringify(body ?? null).slice(0, 300)}`);
}


/***/ }),

/***/ 7243:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SS: () => (/* binding */ requestJson),
/* harmony export */   i: () => (/* binding */ KonanHttp),
/* harmony export */   kB: () => (/* binding */ JsonText),
/* harmony export */   tQ: () => (/* binding */ jsonAnswer)
/* harmony export */ });
/* harmony import */ var _http_request_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2626);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(311);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5940);
// Konan api calls: Bearer auth, JSON, trailing slashes, a timeout on every call, and on a 401 one
// token renewal and one retry.



/** A request body already serialized (feedback batches are written straight into a Buffer, without an object per row). */
class JsonText {
    data;
    constructor(data) {
        this.data = data;
    }
}
/** One JSON request to a Konan host (auth or api): the headers every Konan call sends, and a timeout. */
function requestJson(method, base, path, body, timeoutMs, token) {
    return (0,_http_request_js__WEBPACK_IMPORTED_MODULE_0__/* .send */ .tN)({
        method,
        url: (0,_http_request_js__WEBPACK_IMPORTED_MODULE_0__/* .joinUrl */ .we)(base, path),
        headers: {
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'User-Agent': _version_js__WEBPACK_IMPORTED_MODULE_2__/* .USER_AGENT */ ._,
        },
        body: body === undefined ? undefined : body instanceof JsonText ? body.data : JSON.stringify(body),
        timeoutMs,
    });
}
/** A 2xx answer's JSON body; anything else throws a KonanApiError with the server's words. */
function jsonAnswer(endpoint, res) {
    if (res.status < 200 || res.status > 299)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .konanError */ .e5)(endpoint, res.status, res.text, res.headers);
    if (res.text.trim() === '')
        return undefined;
    try {
        // Konan's ids are UUID strings: plain JSON.parse, many times faster than the lossless parser.
        return JSON.parse(res.text);
    }
    catch {
        throw new Error(`Konan API ${endpoint} answered ${res.status} with a body that is not JSON: ${res.text.slice(0, 200)}`);
    }
}
class KonanHttp {
    options;
    constructor(options) {
        this.options = options;
    }
    post(path, body) {
        return this.request('POST', path, body);
    }
    get(path) {
        return this.request('GET', path);
    }
    async request(method, path, body) {
        const endpoint = `${method} ${path}`;
        let token = await this.options.auth.token();
        for (let attempt = 0;; attempt++) {
            const res = await requestJson(method, this.options.apiUrl, path, body, this.options.timeoutMs ?? 60_000, token);
            if (res.status === 401) {
                if (attempt > 0)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KonanAuthError */ .kz(`Konan API ${endpoint} answered 401 again after renewing the token: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .konanError */ .e5)(endpoint, 401, res.text).detail}`);
                token = await this.options.auth.renewAfter401(token);
                continue;
            }
            return { status: res.status, body: jsonAnswer(endpoint, res), endpoint };
        }
    }
}


/***/ }),

/***/ 8864:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkFeedback: () => (/* binding */ checkFeedback),
  failsOn: () => (/* binding */ failsOn),
  markFeedbackNotSent: () => (/* binding */ markFeedbackNotSent),
  submitFeedback: () => (/* binding */ submitFeedback)
});

// EXTERNAL MODULE: ./src/actions/core.ts
var core = __webpack_require__(9244);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/feedback/lines.ts
// Splitting text read a chunk at a time into lines, for the JSONL and CSV readers.
/**
 * Calls `onLine` for each complete line of `text`, the first joined to `rest` (the unfinished line
 * of the chunks before), and returns the new unfinished rest. Only the first line is joined:
 * `rest + text` would copy every chunk whole.
 */
function eachLine(rest, text, onLine) {
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        onLine(start === 0 ? rest + text.slice(0, end) : text.slice(start, end));
        start = end + 1;
    }
    return start === 0 ? rest + text : text.slice(start);
}

;// CONCATENATED MODULE: ./src/feedback/csv.ts
// CSV records (RFC 4180) in chunks, with the physical line each record starts on. Written for the
// feedback file's two columns: csv-parse took 1.2 s per 200,000 rows here, twice over (check pass
// and send pass), against ~0.1 s for this. Lines without a quote are split on commas directly;
// a quoted field may hold commas, doubled quotes and line breaks (the record then spans lines).

class CsvError extends Error {
}
const MAX_RECORD = 1 << 20;
/** The fields of one record's text, which holds a quote. */
function quotedFields(text, line) {
    const fields = [];
    let i = 0;
    for (;;) {
        if (text.charCodeAt(i) === 34) {
            let value = '';
            let from = i + 1;
            for (;;) {
                const quote = text.indexOf('"', from);
                if (quote === -1)
                    throw new CsvError(`line ${line}: a quoted field is not closed`);
                value += text.slice(from, quote);
                if (text.charCodeAt(quote + 1) === 34) {
                    value += '"';
                    from = quote + 2;
                    continue;
                }
                i = quote + 1;
                break;
            }
            fields.push(value);
            if (i === text.length)
                return fields;
            if (text.charCodeAt(i) !== 44)
                throw new CsvError(`line ${line}: text after the closing quote of field ${fields.length}`);
            i++;
        }
        else {
            const comma = text.indexOf(',', i);
            const value = text.slice(i, comma === -1 ? text.length : comma);
            if (value.includes('"'))
                throw new CsvError(`line ${line}: a quote inside unquoted field ${fields.length + 1} (quote the whole field and double the quote)`);
            fields.push(value);
            if (comma === -1)
                return fields;
            i = comma + 1;
        }
    }
}
const quotes = (text) => {
    let n = 0;
    for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1))
        n++;
    return n;
};
/** Records as arrays of fields, a chunk per read; empty lines are skipped. */
async function* csvRecords(chunks) {
    let rest = '';
    let line = 0;
    /** A record whose quoted field runs on past the end of its line: its text so far, start line, and quote count. */
    let open;
    const take = (raw, out) => {
        line++;
        const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw; // CRLF
        if (open) {
            open.text += `\n${text}`;
            open.quotes += quotes(text);
            if (open.quotes % 2 === 1) {
                // A stray quote would otherwise swallow the rest of the file into one record.
                if (open.text.length > MAX_RECORD)
                    quotedFields(open.text, open.line);
                if (open.text.length > MAX_RECORD)
                    throw new CsvError(`line ${open.line}: a record longer than 1 MB (is a quoted field not closed?)`);
                return;
            }
            out.push({ line: open.line, fields: quotedFields(open.text, open.line) });
            open = undefined;
            return;
        }
        const first = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
        if (first === '')
            return;
        if (!first.includes('"')) {
            out.push({ line, fields: first.split(',') });
            return;
        }
        const n = quotes(first);
        if (n % 2 === 1)
            open = { text: first, line, quotes: n };
        else
            out.push({ line, fields: quotedFields(first, line) });
    };
    for await (const text of chunks) {
        const out = [];
        rest = eachLine(rest, text, (line) => take(line, out));
        if (out.length)
            yield out;
    }
    const out = [];
    if (rest !== '')
        take(rest, out);
    if (open)
        quotedFields(open.text, open.line); // throws, naming what is wrong with the record
    if (open)
        throw new CsvError(`line ${open.line}: a quoted field is not closed`);
    if (out.length)
        yield out;
}

;// CONCATENATED MODULE: ./src/feedback/read.ts
// Reads a feedback file as a stream of row chunks, never whole: JSONL by line, a JSON array element by
// element (a bracket scanner + JSON.parse), CSV record by record (csv.ts). Each row carries its line (JSON arrays:
// its index) and either the parsed value or why it could not be parsed.




/** The whole file cannot be read as its format (bad JSON syntax, a CSV header without the columns). */
class FeedbackFileError extends Error {
}
function detectFormat(file, format) {
    if (format !== 'auto')
        return format;
    const ext = external_node_path_default().extname(file).toLowerCase();
    if (ext === '.json')
        return 'json';
    if (ext === '.jsonl' || ext === '.ndjson')
        return 'jsonl';
    if (ext === '.csv')
        return 'csv';
    throw new FeedbackFileError(`Input 'feedback-format' is 'auto' but '${file}' has no .json, .jsonl or .csv extension: set feedback-format`);
}
/**
 * Reads of 60 KB: each decoded chunk stays under V8's 128 KB large-object size even as two-byte text.
 * A larger string is promoted to the old generation as soon as it survives one young GC (256 KB reads
 * kept ~1 MB of dead chunks per young GC until a full GC: the send pass peaked ~30 MB higher).
 */
const READ_SIZE = 60 * 1024;
const positionLabel = (format, line) => (format === 'json' ? `item ${line}` : `line ${line}`);
/**
 * Rows of a JSONL file, an array per chunk read: yielding row by row through async generators costs
 * more than parsing them, so rows travel in chunks and are looped over synchronously.
 */
async function* jsonl(file) {
    let rest = '';
    let line = 0;
    const parse = (text) => {
        line++;
        const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
        if (trimmed === '')
            return undefined;
        try {
            return { line, value: JSON.parse(trimmed) };
        }
        catch (error) {
            return { line, error: `invalid JSON (${error.message})` };
        }
    };
    for await (const chunk of (0,external_node_fs_.createReadStream)(file, { encoding: 'utf8', highWaterMark: READ_SIZE })) {
        const text = chunk;
        const rows = [];
        rest = eachLine(rest, text, (line) => {
            const row = parse(line);
            if (row)
                rows.push(row);
        });
        if (rows.length)
            yield rows;
    }
    const last = rest === '' ? undefined : parse(rest);
    if (last)
        yield [last];
}
/**
 * The elements of a JSON array, each parsed with JSON.parse as soon as the scanner has found its
 * end: a scan of strings and brackets costs far less than a token-by-token streaming parser, and
 * only one element is ever held as text. Anything that is not an array of values is a FeedbackFileError.
 */
async function* jsonArray(file) {
    const fail = (why) => new FeedbackFileError(`'${file}' is not a JSON array of rows: ${why}`);
    let state = 'before';
    let depth = 0;
    let inString = false;
    let escaped = false;
    let pending = '';
    let index = 0;
    let rows = [];
    const element = (text, closing) => {
        const trimmed = text.trim();
        if (trimmed === '') {
            if (closing && index === 0)
                return; // []
            throw fail(`item ${index} is empty`);
        }
        try {
            rows.push({ line: index, value: JSON.parse(trimmed) });
        }
        catch (error) {
            throw fail(`item ${index}: ${error.message}`);
        }
        index++;
    };
    for await (const chunk of (0,external_node_fs_.createReadStream)(file, { encoding: 'utf8', highWaterMark: READ_SIZE })) {
        const text = chunk;
        let start = 0;
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c === 92)
                    escaped = true; // backslash
                else if (c === 34)
                    inString = false; // "
            }
            else if (state === 'in') {
                if (c === 34)
                    inString = true;
                else if (c === 123 || c === 91)
                    depth++; // { [
                else if (c === 125 || c === 93) {
                    // } ]
                    if (depth > 0)
                        depth--;
                    else if (c === 93) {
                        element(pending + text.slice(start, i), true);
                        pending = '';
                        state = 'after';
                    }
                    else
                        throw fail(`an unmatched } in item ${index}`);
                }
                else if (c === 44 && depth === 0) {
                    // ,
                    element(pending + text.slice(start, i), false);
                    pending = '';
                    start = i + 1;
                }
            }
            else if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff) {
                if (state === 'after')
                    throw fail('there is text after its closing ]');
                if (c !== 91)
                    throw fail('it does not start with [');
                state = 'in';
                start = i + 1;
            }
        }
        if (state === 'in')
            pending += text.slice(start);
        if (rows.length) {
            yield rows;
            rows = [];
        }
    }
    if (state !== 'after')
        throw fail(state === 'before' ? 'it is empty' : 'it ends before its closing ]');
}
const CSV_COLUMNS = ['prediction_uuid', 'target'];
/** A CSV target is a JSON value when it parses as one, else the plain string. */
function csvTarget(cell) {
    try {
        return JSON.parse(cell);
    }
    catch {
        return cell;
    }
}
function checkHeader(file, header) {
    const names = header.map((h) => h.trim());
    const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
    const extra = names.filter((n) => !CSV_COLUMNS.includes(n));
    if (missing.length || extra.length || names.length !== CSV_COLUMNS.length) {
        throw new FeedbackFileError(`'${file}' has the columns ${names.join(', ') || '(none)'}; a feedback CSV has exactly prediction_uuid and target` +
            (missing.length ? ` (missing: ${missing.join(', ')})` : '') +
            (extra.length ? ` (unexpected: ${extra.join(', ')})` : ''));
    }
}
async function* csv(file) {
    let uuidAt = -1;
    let targetAt = -1;
    try {
        for await (const records of csvRecords((0,external_node_fs_.createReadStream)(file, { encoding: 'utf8', highWaterMark: READ_SIZE }))) {
            const rows = [];
            for (const { line, fields } of records) {
                if (uuidAt === -1) {
                    checkHeader(file, fields);
                    const names = fields.map((f) => f.trim());
                    [uuidAt, targetAt] = [names.indexOf('prediction_uuid'), names.indexOf('target')];
                    continue;
                }
                if (fields.length !== 2)
                    throw new CsvError(`line ${line} has ${fields.length} fields; the header has 2`);
                const value = { prediction_uuid: fields[uuidAt] };
                if (fields[targetAt] !== '')
                    value.target = csvTarget(fields[targetAt]);
                rows.push({ line, value });
            }
            if (rows.length)
                yield rows;
        }
    }
    catch (error) {
        if (error instanceof CsvError)
            throw new FeedbackFileError(`'${file}' is not a readable CSV: ${error.message}`);
        throw error;
    }
}
/** The file's rows in file order, in chunks. */
function readRows(file, format) {
    return format === 'jsonl' ? jsonl(file) : format === 'json' ? jsonArray(file) : csv(file);
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/feedback/report.ts
// The feedback report: one JSONL line per row not accepted. Each line is itself a valid feedback
// row (prediction_uuid, target) plus where it came from and what happened, so the file can be
// fixed and sent again as it is.





class ReportWriter {
    out;
    /** The first write error (a full disk): every later write and the close throw it, so sending stops instead of hanging. */
    failure;
    constructor(file, out) {
        this.out = out;
        out.on('error', (error) => {
            this.failure ??= new Error(`cannot write the feedback report ${file}: ${error.message}`);
        });
    }
    static async open(file) {
        await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
        const out = (0,external_node_fs_.createWriteStream)(file);
        await (0,external_node_events_.once)(out, 'open');
        return new ReportWriter(file, out);
    }
    lastMessage;
    lastRedacted = '';
    /**
     * The server's message may echo a credential, and the report is often kept as an artifact. A batch's
     * rows share one message, so the last one is remembered rather than redacted row by row.
     */
    redacted(message) {
        if (message !== this.lastMessage)
            [this.lastMessage, this.lastRedacted] = [message, (0,redact/* redact */.E$)(message)];
        return this.lastRedacted;
    }
    /** A promise only when the file is behind (backpressure), to be awaited before writing more. */
    write(line) {
        if (this.failure)
            throw this.failure;
        if (this.out.write(`${JSON.stringify({ ...line, message: this.redacted(line.message) })}\n`))
            return undefined;
        // 'drain' never comes once the stream has failed: wait for whichever comes first.
        return new Promise((resolve, reject) => {
            const settle = () => {
                this.out.off('drain', settle);
                this.out.off('close', settle);
                if (this.failure)
                    reject(this.failure);
                else
                    resolve();
            };
            this.out.on('drain', settle);
            this.out.on('close', settle);
        });
    }
    /** Ends the file; throws the write error if there was one (the report is then incomplete). */
    async close() {
        if (!this.out.destroyed) {
            this.out.end();
            await new Promise((resolve) => this.out.once('close', () => resolve()));
        }
        if (this.failure)
            throw this.failure;
    }
}

// EXTERNAL MODULE: ./src/http/request.ts + 7 modules
var request = __webpack_require__(2626);
// EXTERNAL MODULE: ./src/konan/errors.ts
var errors = __webpack_require__(5940);
;// CONCATENATED MODULE: ./src/feedback/pace.ts
// How many feedback batches may be in flight, adapted to how Konan copes (AIMD, as TCP does):
// a 429 halves the limit and holds every new request until its Retry-After has passed; an answer
// much slower than the fastest recent one cuts the limit by a third; every answer in good time
// adds back a little, up to the configured feedback-concurrency.
/** Latency counts as "rising" above this multiple of the recent best, and at least this many ms over it. */
const SLOW_FACTOR = 2.5;
const SLOW_MARGIN_MS = 100;
/** When a 429 gives no Retry-After. */
const DEFAULT_HOLD_MS = 1000;
/** A Retry-After past this is not waited for in full (bounded waits). */
const MAX_HOLD_MS = 60_000;
class Cancelled extends Error {
    constructor() {
        super('cancelled');
    }
}
class Pace {
    max;
    now;
    /** Allowed in flight; fractional so that recovery adds ~1 per round of answers. */
    allowed;
    inFlight = 0;
    holdUntil = 0;
    lastCut = -Infinity;
    /** The fastest recent answer (ms), drifting up slowly so a server that got slower for good is re-learnt. */
    best;
    waiters = [];
    timer;
    /** How many times the limit was cut, and the lowest it went: for the log. */
    cuts = 0;
    lowest;
    constructor(max, now = Date.now) {
        this.max = max;
        this.now = now;
        this.allowed = max;
        this.lowest = max;
    }
    get limit() {
        return Math.max(1, Math.floor(this.allowed));
    }
    /** Resolves when a request may start (counted in flight until `done`); rejects with Cancelled when the signal fires. */
    async acquire(signal) {
        while (this.inFlight >= this.limit || this.now() < this.holdUntil) {
            if (signal?.aborted)
                throw new Cancelled();
            await new Promise((resolve) => {
                const wake = () => {
                    signal?.removeEventListener('abort', wake);
                    resolve();
                };
                this.waiters.push(wake);
                signal?.addEventListener('abort', wake, { once: true });
                this.armTimer();
            });
        }
        if (signal?.aborted)
            throw new Cancelled();
        this.inFlight++;
    }
    /** A request answered in `latencyMs` (any answer but a 429). */
    answered(latencyMs) {
        this.inFlight--;
        const best = this.best === undefined ? latencyMs : Math.min(latencyMs, this.best * 1.02);
        this.best = best;
        if (latencyMs > best * SLOW_FACTOR && latencyMs > best + SLOW_MARGIN_MS)
            this.cut(2 / 3, latencyMs);
        else
            this.allowed = Math.min(this.max, this.allowed + 1 / this.limit);
        this.wakeAll();
    }
    /** A request failed without a usable answer (no backoff signal: that is the retry policy's business). */
    failed() {
        this.inFlight--;
        this.wakeAll();
    }
    /** A 429: hold every new request for Retry-After (or a second), and halve the limit. */
    throttled(retryAfterSeconds) {
        this.inFlight--;
        const hold = Math.min(MAX_HOLD_MS, retryAfterSeconds === undefined ? DEFAULT_HOLD_MS : retryAfterSeconds * 1000);
        this.holdUntil = Math.max(this.holdUntil, this.now() + hold);
        this.cut(1 / 2, hold);
        this.wakeAll();
        return hold;
    }
    /** Cuts at most once per `window` ms: the answers of batches already in flight report the same trouble. */
    cut(factor, window) {
        const now = this.now();
        if (now - this.lastCut < Math.max(window, this.best ?? 0))
            return;
        this.lastCut = now;
        this.allowed = Math.max(1, this.allowed * factor);
        this.cuts++;
        this.lowest = Math.min(this.lowest, this.limit);
    }
    armTimer() {
        const wait = this.holdUntil - this.now();
        if (wait <= 0 || this.timer)
            return;
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.wakeAll();
        }, wait);
    }
    wakeAll() {
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters)
            wake();
    }
}

;// CONCATENATED MODULE: ./src/feedback/send.ts
// Sends feedback rows in batches, `concurrency` requests in flight, and accounts for every row:
// accepted, rejected (with the server's status and message) or unsent (with the reason).
// total = accepted + rejected + unsent, always.



const newTally = () => ({ total: 0, accepted: 0, rejected: 0, unsent: 0, alreadyRecorded: 0 });
/** The server may have recorded the batch although we saw a failure (no answer, or a 5xx). */
function isAmbiguous(error) {
    if (error instanceof request/* TransportError */.wX)
        return !/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(error.message);
    return error instanceof errors/* KonanApiError */.S1 && error.status >= 500;
}
/** Re-cuts the reader's chunks into batches of `size`. */
async function* batches(chunks, size) {
    let batch = [];
    for await (const chunk of chunks) {
        for (const row of chunk) {
            batch.push(row);
            if (batch.length === size) {
                yield batch;
                batch = [];
            }
        }
    }
    if (batch.length)
        yield batch;
}
const CANCELLED = 'not sent: the run was cancelled';
const CANCELLED_IN_FLIGHT = 'not confirmed: the run was cancelled while this row was on its way (Konan may have recorded it; sending it again is safe)';
const UNCONFIRMED = "not confirmed: Konan's answer did not mention this row; sending it again is safe";
/** A batch answered 429 this many times in a row is given up (unsent), so a run always ends. */
const MAX_THROTTLES = 30;
const RETRIES = 3;
/**
 * Sends every row; resolves with the auth failure that stopped sending, if one did. A fatal error
 * (the file cannot be read on, the report cannot be written) stops every worker from taking new
 * batches; it is thrown only once the batches in flight have settled, so nothing is recorded
 * after the caller closes the report.
 */
async function sendRows(rows, options) {
    const { tally, signal } = options;
    const pace = new Pace(options.concurrency);
    const pause = options.sleep ?? request/* sleep */.yy;
    let authError;
    let fatal;
    let batchNo = 0;
    /** Counts one row; a promise only when the record must be waited for. */
    const settle = (row, outcome) => {
        tally.total++;
        if (outcome.kind === 'accepted') {
            tally.accepted++;
            if (outcome.alreadyRecorded)
                tally.alreadyRecorded++;
        }
        else
            tally[outcome.kind]++;
        return options.record(row, outcome, tally);
    };
    const settleAll = async (batch, outcome) => {
        for (const row of batch) {
            const pending = settle(row, outcome);
            if (pending)
                await pending;
        }
    };
    /** One batch to an answer: 429s wait as the pace says (not counted as retries), passing failures are retried 3 times. */
    async function submit(batch, n, attempts) {
        let ambiguous = false;
        for (let retries = 0, throttles = 0;;) {
            await pace.acquire(signal);
            attempts.made++;
            const started = Date.now();
            try {
                const result = await options.submit(batch);
                pace.answered(Date.now() - started);
                return { result, ambiguous };
            }
            catch (error) {
                if (error instanceof errors/* KonanApiError */.S1 && error.status === 429 && ++throttles <= MAX_THROTTLES) {
                    const hold = pace.throttled(error.retryAfterSeconds);
                    if (throttles === 1)
                        options.log(`Feedback batch ${n}: Konan answered 429; waiting ${Math.round(hold / 100) / 10}s, then sending at most ${pace.limit} batches at a time`);
                    continue;
                }
                pace.failed();
                if (isAmbiguous(error))
                    ambiguous = true;
                if (!(0,request/* isPassingFailure */.IM)(error) || retries >= RETRIES)
                    throw error;
                retries++;
                options.log(`Feedback batch ${n} (${batch.length} rows) failed, retrying: ${error.message}`);
                await pause(500 * 2 ** (retries - 1) * (1 + Math.random()));
            }
        }
    }
    async function sendBatch(batch) {
        const n = ++batchNo;
        let answer;
        const attempts = { made: 0 };
        try {
            answer = await untilAborted(submit(batch, n, attempts), signal);
        }
        catch (error) {
            if (error instanceof Cancelled)
                return settleAll(batch, { kind: 'unsent', status: null, message: attempts.made ? CANCELLED_IN_FLIGHT : CANCELLED });
            if (error instanceof errors/* KonanAuthError */.kz)
                authError ??= error;
            const status = error instanceof errors/* KonanApiError */.S1 ? error.status : null;
            return settleAll(batch, { kind: 'unsent', status, message: `not sent: ${error.message}` });
        }
        const { result, ambiguous } = answer;
        if (result.mismatch)
            options.log(`Feedback batch ${n}: ${result.mismatch}`);
        for (let i = 0; i < batch.length; i++) {
            const row = batch[i];
            const item = result.statuses[i];
            const outcome = !item
                ? { kind: 'unsent', status: null, message: UNCONFIRMED }
                : item.status >= 200 && item.status < 300
                    ? ACCEPTED
                    : item.status === 409 && ambiguous
                        ? ALREADY_RECORDED
                        : { kind: 'rejected', status: item.status, message: item.message || `status ${item.status}` };
            const pending = settle(row, outcome);
            if (pending)
                await pending;
        }
    }
    const source = batches(rows, options.batchSize);
    const worker = async () => {
        try {
            while (!fatal) {
                const next = await source.next();
                if (next.done)
                    return;
                if (signal?.aborted)
                    await settleAll(next.value, { kind: 'unsent', status: null, message: CANCELLED });
                else if (authError)
                    await settleAll(next.value, { kind: 'unsent', status: null, message: `not sent: ${authError.message}` });
                else
                    await sendBatch(next.value);
            }
        }
        catch (error) {
            fatal ??= { error };
        }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    if (fatal)
        throw fatal.error;
    return { authError, pace };
}
const ACCEPTED = { kind: 'accepted' };
const ALREADY_RECORDED = { kind: 'accepted', alreadyRecorded: true };
/** The promise's value, or Cancelled as soon as the signal fires (the request itself is left to finish unheard). */
function untilAborted(promise, signal) {
    if (!signal)
        return promise;
    if (signal.aborted) {
        promise.catch(() => undefined);
        return Promise.reject(new Cancelled());
    }
    return new Promise((resolve, reject) => {
        const abort = () => {
            promise.catch(() => undefined);
            reject(new Cancelled());
        };
        signal.addEventListener('abort', abort, { once: true });
        // The reason is passed on as the request gave it (not always an Error).
        promise.finally(() => signal.removeEventListener('abort', abort)).then(resolve, reject);
    });
}

// EXTERNAL MODULE: ./src/feedback/shard.ts
var feedback_shard = __webpack_require__(4095);
;// CONCATENATED MODULE: ./src/feedback/uuid-set.ts
// An exact set of UUIDs (128 bits each) in typed arrays with open addressing: a million entries in
// ~30 MB and no per-row allocation, where a Map of strings takes ~100 MB and keeps the GC busy.
// Each slot holds the four 32-bit words of a uuid and a 1-based value (0 = empty). It grows ×1.5 to
// stay under 70% full: doubling at 50% would take 42 MB for a million.
const WORDS = 4;
const MAX_LOAD = 0.7;
/** Hex digits to four 32-bit words, skipping dashes, without making any string. */
function words(uuid, out) {
    let word = 0;
    let digits = 0;
    for (let i = 0; i < uuid.length; i++) {
        const c = uuid.charCodeAt(i);
        if (c === 45)
            continue; // '-'
        const nibble = c <= 57 ? c - 48 : (c | 32) - 87; // 0-9, a-f / A-F
        word = (word << 4) | nibble;
        if (++digits % 8 === 0)
            out[digits / 8 - 1] = word >>> 0;
    }
}
function hash(w) {
    let h = 0x811c9dc5;
    for (let i = 0; i < WORDS; i++)
        h = Math.imul(h ^ w[i], 0x01000193) ^ (h >>> 15);
    return h >>> 0;
}
class UuidSet {
    keys;
    values;
    count = 0;
    probe = new Uint32Array(WORDS);
    constructor(capacity = 1024) {
        const size = Math.max(16, Math.ceil(capacity / MAX_LOAD));
        this.keys = new Uint32Array(size * WORDS);
        this.values = new Uint32Array(size);
    }
    get size() {
        return this.count;
    }
    /** Adds the uuid (case-insensitive, with or without dashes) with `value` ≥ 0; returns the value it already had, or undefined. */
    add(uuid, value) {
        words(uuid, this.probe);
        const existing = this.insert(this.probe, value + 1);
        if (existing !== 0)
            return existing - 1;
        if (++this.count > this.values.length * MAX_LOAD)
            this.grow();
        return undefined;
    }
    insert(w, value) {
        const size = this.values.length;
        for (let slot = hash(w) % size;; slot = slot + 1 === size ? 0 : slot + 1) {
            const stored = this.values[slot];
            const base = slot * WORDS;
            if (stored === 0) {
                this.keys.set(w, base);
                this.values[slot] = value;
                return 0;
            }
            if (this.keys[base] === w[0] && this.keys[base + 1] === w[1] && this.keys[base + 2] === w[2] && this.keys[base + 3] === w[3])
                return stored;
        }
    }
    /** Makes room for `count` entries in all at once: growing step by step to a million copies the table 17 times and peaks at 1.7× its size. */
    reserve(count) {
        const size = Math.ceil(count / MAX_LOAD);
        if (size > this.values.length)
            this.resize(size);
    }
    /**
     * Empties the set and frees its table now rather than at the next full GC: tables that lived long are in the old
     * generation, and the send pass may run without a full GC, keeping tens of MB it no longer needs.
     * Transferring a buffer hands its memory to a short-lived clone that the next young GC frees.
     */
    release() {
        const buffers = [this.keys.buffer, this.values.buffer];
        structuredClone(buffers, { transfer: buffers });
        this.keys = new Uint32Array(16 * WORDS);
        this.values = new Uint32Array(16);
        this.count = 0;
    }
    grow() {
        this.resize(Math.ceil(this.values.length * 1.5));
    }
    resize(size) {
        const { keys, values } = this;
        this.keys = new Uint32Array(size * WORDS);
        this.values = new Uint32Array(size);
        for (let slot = 0; slot < values.length; slot++) {
            if (values[slot] !== 0)
                this.insert(keys.subarray(slot * WORDS, slot * WORDS + WORDS), values[slot]);
        }
    }
}

;// CONCATENATED MODULE: ./src/feedback/validate.ts
// Row rules, and the first pass over a feedback file: every row is checked (and duplicate uuids
// found) before anything is sent. Only each uuid's 128 bits are kept, so a million rows fit.




const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A row as sent, or why it cannot be. Fields other than prediction_uuid and target are ignored. */
function checkRow(line, value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return 'expected an object with prediction_uuid and target';
    const row = value;
    const uuid = row.prediction_uuid;
    if (uuid === undefined || uuid === null || uuid === '')
        return 'missing prediction_uuid';
    if (typeof uuid !== 'string' || !UUID.test(uuid))
        return `malformed prediction_uuid ${JSON.stringify(uuid).slice(0, 60)} (expected a UUID)`;
    if (!('target' in row) || row.target === undefined || row.target === null)
        return 'missing target';
    return { line, prediction_uuid: uuid, target: row.target };
}
/**
 * The uuid table is sized for the whole file from its first read (rows per byte), up to this; past
 * it, it grows as it fills. Bounded because one read can mislead: a file of short rows, then long
 * ones, would otherwise reserve room for 16 times its rows (~460 MB for 1M rows of 1 KB).
 */
const MAX_RESERVE = 2_000_000;
/** Every row of the file is checked, whatever the shard: each shard refuses a bad file alike. */
async function checkFile(file, format, shard) {
    const seen = new UuidSet();
    const check = { rows: 0, inShard: 0, invalidCount: 0, invalid: [] };
    const bad = (line, reason) => {
        check.invalidCount++;
        if (check.invalid.length < 1000)
            check.invalid.push({ line, reason });
    };
    const bytes = (await (0,promises_.stat)(file)).size;
    let first = true;
    try {
        for await (const chunk of readRows(file, format)) {
            if (first && bytes > READ_SIZE)
                seen.reserve(Math.min(MAX_RESERVE, Math.ceil((bytes / READ_SIZE) * chunk.length * 1.05)));
            first = false;
            for (const raw of chunk) {
                check.rows++;
                const row = raw.error ?? checkRow(raw.line, raw.value);
                if (typeof row === 'string') {
                    bad(raw.line, row);
                    continue;
                }
                const first = seen.add(row.prediction_uuid, raw.line);
                if (first !== undefined)
                    bad(raw.line, `duplicate prediction_uuid ${row.prediction_uuid} (first at ${positionLabel(format, first)})`);
                else if ((0,feedback_shard/* inShard */.Iw)(row.prediction_uuid, shard))
                    check.inShard++;
            }
        }
    }
    finally {
        seen.release();
    }
    return check;
}
/** The failure message: how many, the first 20 with reasons, then the positions of more. */
function describeInvalid(file, format, check) {
    if (check.rows === 0)
        return `feedback-file '${file}' has no rows: nothing was sent`;
    const where = (line) => positionLabel(format, line);
    const lines = check.invalid.slice(0, 20).map((i) => `  ${where(i.line)}: ${i.reason}`);
    const more = check.invalid.slice(20, 200).map((i) => where(i.line));
    if (more.length)
        lines.push(`  also invalid: ${more.join(', ')}${check.invalidCount > 200 ? `, and ${check.invalidCount - 200} more` : ''}`);
    return `feedback-file '${file}': ${check.invalidCount} of ${check.rows} rows are invalid, so nothing was sent:\n${lines.join('\n')}`;
}

// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(8877);
var external_node_v8_default = /*#__PURE__*/__webpack_require__.n(external_node_v8_);
;// CONCATENATED MODULE: ./src/feedback/young-gen.ts
// V8 grows its young generation as a run goes on: a million rows' garbage takes it to its maximum,
// 2 × 64 MB on Node 24 (32 MB on Node 20), every page of it touched and so resident. Past 8 MB it
// bought no speed here (1M rows: same CPU time, peak RSS 107 MB instead of 207 MB on Node 24), so
// while feedback is read or sent its growth is stopped there. V8 reads this flag each time it would
// grow the space.

const CAP_BYTES = 8 * 1024 * 1024;
/** V8's own default, put back when feedback is done: packaging and the rest were measured with it. */
const DEFAULT_GROWTH = 2;
/** V8 versions known to have the flag (Node 20 to 24): another V8 would print "unrecognized flag" in the log. */
const KNOWN_V8 = (major) => major >= 11 && major <= 13;
/** Runs `work` with the young generation's growth stopped once it reaches 8 MB, then lets it grow again. */
async function withYoungGenerationCapped(work) {
    if (!KNOWN_V8(Number(process.versions.v8.split('.')[0])))
        return work();
    let capped = false;
    const watch = setInterval(() => {
        const space = external_node_v8_default().getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
        if (!space)
            clearInterval(watch);
        else if (space.space_size >= CAP_BYTES) {
            external_node_v8_default().setFlagsFromString('--semi-space-growth-factor=1');
            capped = true;
            clearInterval(watch);
        }
    }, 50).unref();
    try {
        return await work();
    }
    finally {
        clearInterval(watch);
        if (capped)
            external_node_v8_default().setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH}`);
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/konan/http.ts
var http = __webpack_require__(7243);
;// CONCATENATED MODULE: ./src/konan/feedback.ts
// POST /deployments/<uuid>/predictions/feedback/ and its 207 answer: items are judged by their
// own status (2xx accepted), never by message text; the counts are cross-checked against them.


const Counts = schemas/* looseObject */._H3({ success: schemas/* number */.aig().nullish(), failure: schemas/* number */.aig().nullish(), total: schemas/* number */.aig().nullish() });
/** An item status as a number: Konan may send it as a number or a numeric string. */
function statusOf(value) {
    if (typeof value === 'number' && Number.isInteger(value))
        return value;
    if (typeof value === 'string' && /^\d+$/.test(value))
        return Number(value);
    return undefined;
}
const ROW_HEAD = Buffer.from('{"prediction_uuid":"');
const ROW_MID = Buffer.from('","target":');
/** The bytes of a row other than its uuid and its target: ROW_HEAD, ROW_MID, '}' and ','. */
const ROW_FIXED = ROW_HEAD.length + ROW_MID.length + 2;
/**
 * The request body, written straight into one Buffer: uuids are checked UUIDs (nothing to escape),
 * targets are JSON values. Building it as text first cost ~500 bytes of garbage per row (row strings,
 * the joined body, then its UTF-8 copy); this leaves one string per row, its target.
 */
function feedbackBody(batch) {
    const targets = new Array(batch.length);
    let size = '{"feedback":[]}'.length;
    for (let i = 0; i < batch.length; i++) {
        targets[i] = JSON.stringify(batch[i].target);
        // A checked uuid is 36 ASCII characters; measured all the same, so no other string can overrun the buffer.
        size += ROW_FIXED + Buffer.byteLength(batch[i].prediction_uuid, 'latin1') + Buffer.byteLength(targets[i]);
    }
    const out = Buffer.allocUnsafe(size);
    let at = out.write('{"feedback":[', 0, 'latin1');
    for (let i = 0; i < batch.length; i++) {
        if (i)
            out[at++] = 44; // ,
        at += ROW_HEAD.copy(out, at);
        at += out.write(batch[i].prediction_uuid, at, 'latin1');
        at += ROW_MID.copy(out, at);
        at += out.write(targets[i], at, 'utf8');
        out[at++] = 125; // }
    }
    at += out.write(']}', at, 'latin1');
    return new http/* JsonText */.kB(out.subarray(0, at));
}
const sameUuid = (a, b) => a === b || a.toLowerCase() === b.toLowerCase();
async function sendFeedback(http, deploymentId, batch) {
    const path = `/deployments/${encodeURIComponent(deploymentId)}/predictions/feedback/`;
    const { body, endpoint } = await http.post(path, feedbackBody(batch));
    // Checked by hand rather than by a schema: a million items go through here.
    const data = body?.data;
    const counts = Counts.safeParse(body);
    const notResult = (where) => new Error(`Konan API ${endpoint}: the answer is not a feedback result (at ${where}): ${JSON.stringify(body).slice(0, 300)}`);
    if (!Array.isArray(data) || !counts.success)
        throw notResult(Array.isArray(data) ? counts.error.issues.map((i) => i.path.join('.')).join(', ') : 'data');
    const statuses = new Array(batch.length);
    /** Batch index by lower-case uuid, built only when an item is not where it was sent. */
    let byUuid;
    let success = 0;
    for (let i = 0; i < data.length; i++) {
        const item = data[i];
        const status = statusOf(item?.status);
        const uuid = item?.prediction_uuid;
        if (typeof uuid !== 'string' || status === undefined)
            throw notResult(`data.${i}`);
        if (status >= 200 && status < 300)
            success++;
        // Konan keeps uuids in a UUIDField and may answer in another case than sent, or in another order.
        let at = i < batch.length && sameUuid(batch[i].prediction_uuid, uuid) ? i : undefined;
        if (at === undefined) {
            byUuid ??= new Map(batch.map((row, n) => [row.prediction_uuid.toLowerCase(), n]));
            at = byUuid.get(uuid.toLowerCase());
        }
        if (at !== undefined)
            statuses[at] = { status, message: typeof item.message === 'string' ? item.message : '' };
    }
    const { success: s, failure: f, total: t } = counts.data;
    const counted = [s, f, t].every((n) => typeof n === 'number');
    const mismatch = counted && (s !== success || f !== data.length - success || t !== data.length || t !== batch.length)
        ? `Konan's counts (success ${s}, failure ${f}, total ${t}) disagree with its ${data.length} item statuses for ${batch.length} rows sent; the item statuses are used`
        : undefined;
    return { statuses, mismatch };
}

// EXTERNAL MODULE: ./src/pipeline/konan-client.ts + 1 modules
var konan_client = __webpack_require__(5282);
// EXTERNAL MODULE: ./src/result.ts
var src_result = __webpack_require__(1666);
;// CONCATENATED MODULE: ./src/pipeline/feedback.ts
// The feedback step. First (before any remote call of the run) every row of the file is checked;
// then the rows are read again and sent in batches, each one accounted for in the result and,
// when not accepted, in the report file.












/** Pass 1: fails the stage (and the run) when the file is unreadable, empty or has any invalid row. */
async function checkFeedback(inputs, result, workspace) {
    const file = external_node_path_default().resolve(workspace, inputs['feedback-file']);
    const stage = (result.stages.feedback = (0,src_result/* newStage */.XV)({
        file: inputs['feedback-file'],
        deploymentId: inputs['konan-deployment-id'],
        ...newTally(),
        invalid: 0,
        rejections: [],
        unsentReasons: [],
    }));
    try {
        const format = detectFormat(inputs['feedback-file'], inputs['feedback-format']);
        stage.format = format;
        const shard = inputs['feedback-shard'];
        const check = await withYoungGenerationCapped(() => checkFile(file, format, shard)).catch((error) => {
            throw error.code === 'ENOENT' ? new FeedbackFileError(`Input 'feedback-file' is '${inputs['feedback-file']}': no such file`) : error;
        });
        stage.total = check.rows;
        stage.invalid = check.invalidCount;
        if (check.rows === 0 || check.invalidCount > 0)
            throw new FeedbackFileError(describeInvalid(inputs['feedback-file'], format, check));
        if (shard) {
            // This run accounts for its shard's rows only; the n shards' totals add up to the file.
            stage.shard = (0,feedback_shard/* describeShard */.y0)(shard);
            stage.total = check.inShard;
            core/* info */.pq(`Feedback file '${inputs['feedback-file']}' (${format}): ${check.rows} valid rows, ${check.inShard} of them in shard ${stage.shard}`);
        }
        else
            core/* info */.pq(`Feedback file '${inputs['feedback-file']}' (${format}): ${check.rows} valid rows`);
        return { file, format, shard };
    }
    catch (error) {
        // The stage stays open on success (the rows are sent later); a bad file ends it here.
        stage.status = 'failure';
        stage.messages.push((0,src_result/* errorMessage */.gJ)(error));
        throw error;
    }
}
/** The rows of this run's shard, checked again (the file may have changed since pass 1). */
async function* validRows(checked) {
    const { shard } = checked;
    for await (const chunk of readRows(checked.file, checked.format)) {
        const rows = [];
        for (const raw of chunk) {
            const row = raw.error ?? checkRow(raw.line, raw.value);
            if (typeof row === 'string')
                throw new FeedbackFileError(`feedback-file changed while it was being sent (line ${raw.line}: ${row})`);
            if (shard === undefined || (0,feedback_shard/* inShard */.Iw)(row.prediction_uuid, shard))
                rows.push(row);
        }
        if (rows.length)
            yield rows;
    }
}
function failsOn(rule, stage) {
    const bad = stage.rejected + stage.unsent;
    if (rule.kind === 'none')
        return false;
    if (rule.kind === 'any')
        return bad > 0;
    return stage.total > 0 && (bad / stage.total) * 100 > rule.percent;
}
/** Groups outcomes for the report: rejections by status (with 3 examples each), unsent rows by reason. */
class OutcomeGroups {
    rejections = new Map();
    unsent = new Map();
    add(row, outcome, count = 1) {
        if (outcome.kind === 'rejected' && row) {
            const group = this.rejections.get(outcome.status) ?? { count: 0, examples: [] };
            group.count++;
            if (group.examples.length < 3)
                group.examples.push(`${row.prediction_uuid}: ${outcome.message}`);
            this.rejections.set(outcome.status, group);
        }
        else if (outcome.kind === 'unsent' && (this.unsent.size < 20 || this.unsent.has(outcome.message))) {
            this.unsent.set(outcome.message, (this.unsent.get(outcome.message) ?? 0) + count);
        }
    }
    fill(stage) {
        stage.rejections = [...this.rejections].map(([status, g]) => ({ status, ...g })).sort((a, b) => b.count - a.count);
        stage.unsentReasons = [...this.unsent].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
    }
}
/** Pass 2: send, account, report. Throws (failing the run) per feedback-fail-on or on auth failure. */
async function submitFeedback(inputs, result, checked, signal) {
    const stage = result.stages.feedback;
    await (0,src_result/* inStage */.uE)(stage, async () => {
        const batches = Math.ceil(stage.total / inputs['feedback-batch-size']);
        if (inputs['dry-run']) {
            // Every row is accounted for, as in any run: none was sent.
            skipAll(stage, 'dry run', `Dry run: ${stage.total} rows would be sent in ${batches} batches; Konan was not contacted.`);
            return;
        }
        stage.report = inputs['feedback-report'] ?? external_node_path_default().join(process.env.RUNNER_TEMP || external_node_os_default().tmpdir(), 'konan-feedback-report.jsonl');
        const report = await ReportWriter.open(stage.report);
        const http = (0,konan_client/* konanClient */.r)(inputs);
        const groups = new OutcomeGroups();
        const started = Date.now();
        let lastProgress = started;
        core/* info */.pq(`Sending ${stage.total} feedback rows to Konan deployment ${inputs['konan-deployment-id']} in ${batches} batches of up to ${inputs['feedback-batch-size']}, ${inputs['feedback-concurrency']} at a time`);
        const progress = (tally) => {
            const seconds = (Date.now() - started) / 1000;
            const rate = Math.round(tally.total / Math.max(seconds, 0.001));
            core/* info */.pq(`Feedback: ${tally.total} of ${stage.total} rows (${stage.total ? Math.floor((tally.total / stage.total) * 100) : 100}%) at ${rate} rows/s: ${tally.accepted} accepted, ${tally.rejected} rejected, ${tally.unsent} not sent`);
        };
        const tally = newTally();
        let sent;
        try {
            sent = await withYoungGenerationCapped(() => sendRows(validRows(checked), {
                tally,
                batchSize: inputs['feedback-batch-size'],
                concurrency: inputs['feedback-concurrency'],
                submit: (batch) => sendFeedback(http, inputs['konan-deployment-id'], batch),
                log: (message) => core/* warning */.$e(message),
                signal,
                record: (row, outcome, counts) => {
                    if (Date.now() - lastProgress >= 2000) {
                        lastProgress = Date.now();
                        progress(counts);
                    }
                    if (outcome.kind === 'accepted')
                        return undefined;
                    groups.add(row, outcome);
                    return report.write({
                        prediction_uuid: row.prediction_uuid,
                        target: row.target,
                        line: row.line,
                        outcome: outcome.kind,
                        status: outcome.status,
                        message: outcome.message,
                    });
                },
            }));
        }
        catch (error) {
            // Sending stopped on a fatal error, after the batches in flight settled: the rows never read are unsent too.
            if (stage.total > tally.total)
                groups.add(undefined, { kind: 'unsent', status: null, message: `not sent: ${(0,src_result/* errorMessage */.gJ)(error).split('\n')[0]}` }, stage.total - tally.total);
            throw error;
        }
        finally {
            // Every worker has stopped by now (sendRows settles in-flight batches before it throws): the report can be closed.
            groups.fill(stage);
            Object.assign(stage, {
                accepted: tally.accepted,
                rejected: tally.rejected,
                unsent: tally.unsent + Math.max(0, stage.total - tally.total),
                alreadyRecorded: tally.alreadyRecorded,
            });
            await report.close();
        }
        if (sent.pace.cuts)
            core/* info */.pq(`Konan asked to slow down (429 or slower answers) ${sent.pace.cuts} times: batches in flight went down to ${sent.pace.lowest} of ${sent.pace.max}, and back to ${sent.pace.limit}.`);
        stage.rowsPerSecond = Math.round(tally.total / Math.max((Date.now() - started) / 1000, 0.001));
        if (signal?.aborted)
            throw new Error(`Cancelled: ${tally.accepted} of ${stage.total} feedback rows were accepted; the ${stage.unsent + stage.rejected} others are in ${stage.report}.`);
        if (tally.total !== stage.total)
            throw new FeedbackFileError(`feedback-file changed while it was being sent: ${stage.total} rows checked, ${tally.total} read`);
        progress(tally);
        if (tally.alreadyRecorded)
            core/* info */.pq(`${tally.alreadyRecorded} rows answered 409 on a retry after a failed first attempt: counted as accepted (already recorded by that attempt).`);
        const summary = `Konan feedback${stage.shard ? ` (shard ${stage.shard})` : ''}: ${stage.total} rows: ${stage.accepted} accepted, ${stage.rejected} rejected, ${stage.unsent} not sent.` +
            (stage.rejected + stage.unsent ? ` Rows not accepted are in ${stage.report}.` : '');
        if (sent.authError)
            throw new Error(`${summary} Konan authentication failed: ${sent.authError.message}`);
        if (failsOn(inputs['feedback-fail-on'], stage))
            throw new Error(`${summary} (feedback-fail-on: ${describeFailOn(inputs['feedback-fail-on'])})`);
        core/* info */.pq(summary);
    });
}
const describeFailOn = (rule) => (rule.kind === 'rate' ? `${rule.percent}%` : rule.kind);
/** When an earlier step failed, the checked rows were never sent: say so and count them. */
function markFeedbackNotSent(result, reason) {
    const stage = result.stages.feedback;
    if (stage?.status === 'started')
        skipAll(stage, reason, reason);
}
/** None of the checked rows was sent: all of them count as unsent, for `reason`. */
function skipAll(stage, reason, message) {
    stage.status = 'skipped';
    stage.unsent = stage.total;
    stage.unsentReasons = [{ reason, count: stage.total }];
    stage.messages.push(message);
}


/***/ }),

/***/ 5282:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  r: () => (/* binding */ konanClient)
});

// UNUSED EXPORTS: konanCredentials

// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/konan/errors.ts
var errors = __webpack_require__(5940);
// EXTERNAL MODULE: ./src/konan/http.ts
var http = __webpack_require__(7243);
;// CONCATENATED MODULE: ./src/konan/auth.ts
// Konan tokens: log in (API key preferred, email/password otherwise), refresh ahead of the
// access token's `exp`, log in again when the refresh token has expired too. One renewal runs at
// a time however many requests ask for a token. Every credential and token is masked at once.



/** Reads `exp` (and `iat`) from a JWT's payload; no signature check, as the contract says. */
function readJwt(token, now = Date.now()) {
    try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
        if (typeof payload?.exp !== 'number')
            return {};
        const expiresAt = payload.exp * 1000;
        const issuedAt = typeof payload.iat === 'number' ? payload.iat * 1000 : now;
        return { expiresAt, lifetimeMs: Math.max(0, expiresAt - issuedAt) };
    }
    catch {
        return {};
    }
}
/** Renew this long before expiry: 30 s, or a tenth of a short-lived token's life. */
function renewMargin(token) {
    return token.lifetimeMs === undefined ? 30_000 : Math.min(30_000, token.lifetimeMs / 10);
}
class KonanAuth {
    options;
    access;
    refresh;
    renewing;
    constructor(options) {
        this.options = options;
        for (const secret of Object.values(options.credentials))
            (0,redact/* addSecret */.Ck)(secret);
    }
    async post(path, body) {
        const res = await (0,http/* requestJson */.SS)('POST', this.options.authUrl, path, body, this.options.timeoutMs ?? 30_000);
        return ((0,http/* jsonAnswer */.tQ)(`POST ${path}`, res) ?? {});
    }
    keep(kind, value) {
        if (typeof value !== 'string' || value === '')
            return;
        (0,redact/* addSecret */.Ck)(value);
        this[kind] = { value, ...readJwt(value) };
    }
    async login() {
        const { credentials } = this.options;
        const [path, body, input] = 'apiKey' in credentials
            ? ['/api/auth/api_key/', { api_key: credentials.apiKey }, 'konan-api-key']
            : ['/api/auth/login/', { email: credentials.email, password: credentials.password }, 'konan-email and konan-password'];
        let answer;
        try {
            answer = await this.post(path, body);
        }
        catch (error) {
            const status = error.status;
            if (status === 400 || status === 401 || status === 403) {
                throw new errors/* KonanAuthError */.kz(`Konan login failed: ${error.message} (check ${input})`);
            }
            throw error;
        }
        if (typeof answer.access !== 'string')
            throw new errors/* KonanAuthError */.kz(`Konan login answered without an 'access' token (POST ${path})`);
        this.keep('access', answer.access);
        this.keep('refresh', answer.refresh);
        return answer.access;
    }
    async renew() {
        const refresh = this.refresh;
        if (refresh && (refresh.expiresAt === undefined || refresh.expiresAt - Date.now() > 5_000)) {
            try {
                const answer = await this.post('/api/auth/token/refresh/', { refresh: refresh.value });
                if (typeof answer.access === 'string') {
                    this.keep('access', answer.access);
                    this.keep('refresh', answer.refresh);
                    return answer.access;
                }
            }
            catch (error) {
                const status = error.status;
                if (status !== 400 && status !== 401)
                    throw error;
                // The refresh token was refused: log in again below.
            }
        }
        return this.login();
    }
    single(work) {
        this.renewing ??= work().finally(() => (this.renewing = undefined));
        return this.renewing;
    }
    /** A token good for at least the renewal margin. */
    async token() {
        if (this.renewing)
            return this.renewing;
        const access = this.access;
        if (!access)
            return this.single(() => this.login());
        if (access.expiresAt !== undefined && access.expiresAt - Date.now() <= renewMargin(access))
            return this.single(() => this.renew());
        return access.value;
    }
    /** After a 401 with `rejected`: renew once (unless another request already did). */
    async renewAfter401(rejected) {
        if (this.access && this.access.value !== rejected)
            return this.access.value;
        return this.single(() => this.renew());
    }
}

;// CONCATENATED MODULE: ./src/pipeline/konan-client.ts


function konanCredentials(inputs) {
    return inputs['konan-api-key'] ? { apiKey: inputs['konan-api-key'] } : { email: inputs['konan-email'], password: inputs['konan-password'] };
}
function konanClient(inputs) {
    return new http/* KonanHttp */.i({ apiUrl: inputs['konan-api-url'], auth: new KonanAuth({ authUrl: inputs['konan-auth-url'], credentials: konanCredentials(inputs) }) });
}


/***/ })

};
