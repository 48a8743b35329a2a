export const id = 214;
export const ids = [214];
export const modules = {

/***/ 9909:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $x: () => (/* binding */ Space),
/* harmony export */   SD: () => (/* binding */ spaceUrl),
/* harmony export */   Sc: () => (/* binding */ Computer),
/* harmony export */   Sn: () => (/* binding */ Deployment),
/* harmony export */   W4: () => (/* binding */ WebApp),
/* harmony export */   Xh: () => (/* binding */ parseModel),
/* harmony export */   _O: () => (/* binding */ Job),
/* harmony export */   qQ: () => (/* binding */ parseCreated)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9691);
// Konigle Cloud models as the wire carries them. Unknown fields are kept (looseObject);
// a missing required field is an error naming the field and the endpoint.

/** Ids stay strings: snowflakes exceed 2^53 (parseJson already hands big ones over as strings). */
const id = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()]).transform(String);
const nullableText = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullish();
const Job = zod__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
    id,
    task_name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullish(),
    status: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    log: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J())
        .nullish()
        .transform((l) => l ?? []),
    created_at: nullableText,
    completed_at: nullableText,
});
const Deployment = zod__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
    id,
    display_name: nullableText,
    job_id: id,
    space_id: id,
    created_at: nullableText,
});
const Space = zod__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
    id,
    space_type: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    status: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    platform_domain: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
        .nullish()
        .transform((s) => s ?? ''),
    custom_domain: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
        .nullish()
        .transform((s) => s ?? ''),
    custom_domain_status: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
        .nullish()
        .transform((s) => s ?? 'unmapped'),
    last_deployed_at: nullableText,
    last_deployment_status: nullableText,
    webapp: id.nullish(),
    created_at: nullableText,
});
const WebApp = zod__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
    id,
    name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    display_name: nullableText,
    emoji: nullableText,
    runtime: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    computer: id.nullish(),
    created_at: nullableText,
});
const Computer = zod__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
    id,
    name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    display_name: nullableText,
    emoji: nullableText,
    region: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    size: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    status: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    public_ip: nullableText,
    created_at: nullableText,
});
/** A resource's public URL: the custom domain once active, else the platform domain. */
function spaceUrl(space) {
    if (space.custom_domain && space.custom_domain_status === 'active')
        return `https://${space.custom_domain}`;
    return space.platform_domain ? `https://${space.platform_domain}` : undefined;
}
function parseModel(schema, body, endpoint, what) {
    const parsed = schema.safeParse(body);
    if (parsed.success)
        return parsed.data;
    const problems = parsed.error.issues.map((i) => {
        const field = i.path.join('.') || '(body)';
        return i.code === 'invalid_type' && i.input === undefined ? `missing field '${field}'` : `field '${field}': ${i.message}`;
    });
    throw new Error(`Konigle API ${endpoint}: the ${what} in the answer is not as expected: ${problems.join('; ')}`);
}
/**
 * A create answer (INFERRED, so both shapes are accepted): the resource with a `job_id` added, or
 * `{"<key>": resource, "job_id": ...}`, as the SDK's `(resource, job_id)` pair comes over the wire.
 */
function parseCreated(schema, body, endpoint, key, what) {
    const outer = (body && typeof body === 'object' && !Array.isArray(body) ? body : {});
    const inner = outer[key];
    const wrapped = inner !== null && typeof inner === 'object' && !Array.isArray(inner);
    const resource = parseModel(schema, wrapped ? inner : body, endpoint, what);
    const jobId = outer.job_id ?? (wrapped ? inner.job_id : undefined);
    if ((typeof jobId !== 'string' && typeof jobId !== 'number') || jobId === '') {
        throw new Error(`Konigle API ${endpoint}: the answer has no 'job_id' to follow the ${what}'s provisioning Job by`);
    }
    return { resource, jobId: String(jobId) };
}


/***/ }),

/***/ 6068:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B9: () => (/* binding */ listWebAppSpaces),
/* harmony export */   F1: () => (/* binding */ deployToSpace),
/* harmony export */   PA: () => (/* binding */ promoteSpace),
/* harmony export */   pp: () => (/* binding */ getSpace),
/* harmony export */   r8: () => (/* binding */ resolveUatSpace)
/* harmony export */ });
/* harmony import */ var _actions_core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9244);
/* harmony import */ var _http_multipart_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2468);
/* harmony import */ var _http_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2626);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3884);
/* harmony import */ var _models_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9909);
// Spaces: find the uat Space of a web app, deploy a ZIP to it, promote it.





const SPACES = '/cloud/api/v1/spaces';
async function getSpace(http, spaceId) {
    const { endpoint, body } = await http.request('GET', `${SPACES}/${encodeURIComponent(spaceId)}`);
    return (0,_models_js__WEBPACK_IMPORTED_MODULE_4__/* .parseModel */ .Xh)(_models_js__WEBPACK_IMPORTED_MODULE_4__/* .Space */ .$x, body, endpoint, 'Space');
}
async function listWebAppSpaces(http, webappId) {
    const { endpoint, items } = await http.list(SPACES, { webapp_id: webappId });
    // The webapp_id filter is inferred: if the server ignores it, keep only this web app's Spaces.
    return items.map((item) => (0,_models_js__WEBPACK_IMPORTED_MODULE_4__/* .parseModel */ .Xh)(_models_js__WEBPACK_IMPORTED_MODULE_4__/* .Space */ .$x, item, endpoint, 'Space')).filter((s) => s.webapp === undefined || s.webapp === null || s.webapp === webappId);
}
/** The uat Space: `space-id` as given (checked to exist), or the web app's `space_type: uat` Space. */
async function resolveUatSpace(http, ids) {
    if (ids.spaceId)
        return getSpace(http, ids.spaceId);
    const webappId = ids.webappId;
    const own = await listWebAppSpaces(http, webappId);
    const uat = own.filter((s) => s.space_type === 'uat');
    if (uat.length === 1)
        return uat[0];
    if (uat.length > 1) {
        throw new Error(`Web app ${webappId} has ${uat.length} uat Spaces (${uat.map((s) => s.id).join(', ')}): set 'space-id' to choose one`);
    }
    throw new Error(`No uat Space found for webapp-id '${webappId}': the web app does not exist or this API key cannot see it` +
        (own.length ? ` (its Spaces: ${own.map((s) => `${s.id} ${s.space_type}`).join(', ')})` : ''));
}
/** Tries of an upload the server provably did not act on (refused, DNS, 429, 503 with Retry-After). */
const UPLOAD_TRIES = 3;
/**
 * Multipart upload, the file part streamed from disk. Sent again only when the server provably did
 * not act on it; any other failure after the body left may have created a deployment, and says so.
 */
async function deployToSpace(http, spaceId, upload) {
    const path = `${SPACES}/${encodeURIComponent(spaceId)}/deploy`;
    const file = { field: upload.fieldName, path: upload.zipPath, filename: 'app.zip', contentType: 'application/zip' };
    for (let attempt = 1;; attempt++) {
        try {
            const { endpoint, body } = await http.upload(path, { display_name: upload.displayName }, file, upload.timeoutMs);
            return (0,_models_js__WEBPACK_IMPORTED_MODULE_4__/* .parseModel */ .Xh)(_models_js__WEBPACK_IMPORTED_MODULE_4__/* .Deployment */ .Sn, body, endpoint, 'Deployment');
        }
        catch (error) {
            if ((0,_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .serverDidNotAct */ ._G)(error) && attempt < UPLOAD_TRIES) {
                const wait = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KonigleApiError */ .sy && error.retryAfterSeconds ? Math.min(error.retryAfterSeconds, 60) : 2 ** (attempt - 1);
                _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${error.message}; the server did not take the upload, sending it again in ${wait}s (${UPLOAD_TRIES - attempt} left)`);
                await (0,_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .yy)(wait * 1000);
                continue;
            }
            throw explainUploadFailure(error, spaceId);
        }
    }
}
/** Whether a failed upload may still have created a deployment, in words a user can act on. */
function explainUploadFailure(error, spaceId) {
    if ((0,_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .serverDidNotAct */ ._G)(error))
        return error;
    const check = `A deployment may have been created: look at Space ${spaceId}'s latest deployment in Konigle ` +
        `(GET ${SPACES}/${spaceId} shows last_deployed_at and last_deployment_status) before deploying again.`;
    if (error instanceof _http_multipart_js__WEBPACK_IMPORTED_MODULE_1__/* .UploadTransportError */ .D) {
        if (!error.wholeBodySent && !error.timedOut) {
            return new Error(`${error.message}. The server cannot have received the whole archive, so no deployment was made: run the step again.`);
        }
        return new Error(`${error.message}. ${check}`);
    }
    if (error instanceof _http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .TransportError */ .wX)
        return new Error(`${error.message}. ${check}`);
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KonigleApiError */ .sy && error.status >= 500) {
        error.message += `. ${check}`;
        return error;
    }
    return error;
}
/** Sent again only when the server provably did not act (refused, 429, 503 with Retry-After): never twice otherwise. */
async function promoteSpace(http, uatSpaceId) {
    const { endpoint, body } = await http.request('POST', `${SPACES}/${encodeURIComponent(uatSpaceId)}/promote`, { retry: 'if-not-acted' });
    return (0,_models_js__WEBPACK_IMPORTED_MODULE_4__/* .parseModel */ .Xh)(_models_js__WEBPACK_IMPORTED_MODULE_4__/* .Deployment */ .Sn, body, endpoint, 'Deployment');
}


/***/ }),

/***/ 1986:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ explainingAmbiguity)
/* harmony export */ });
/* harmony import */ var _http_request_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2626);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1666);
// A mutating call (upload, promote, create) that failed without telling whether the server acted is
// never sent again (a second release could follow); instead the message says what may exist and
// how to check, before anyone runs the step again.


class MayHaveActedError extends Error {
}
/** Runs `call`; an ambiguous failure comes back with `whatMayExist` and `howToCheck` added to its message. */
async function explainingAmbiguity(call, whatMayExist, howToCheck) {
    try {
        return await call();
    }
    catch (error) {
        if (!(0,_http_request_js__WEBPACK_IMPORTED_MODULE_0__/* .mayHaveActed */ .LR)(error))
            throw error;
        throw new MayHaveActedError(`${(0,_result_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}. It is not known whether the server acted: ${whatMayExist} may exist. ${howToCheck}`, { cause: error });
    }
}


/***/ }),

/***/ 7057:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ recordRelease)
/* harmony export */ });
/**
 * Runs one release between record.start and record.finish. `work` calls `started(jobId)` once the
 * Konigle Job is known, and answers the public URL once the Job succeeded, or `'running'` when it
 * was not waited for (wait: false): then the record stays in_progress for `command: wait` to close.
 * A cancelled run leaves the closing to the cancellation (state error, naming the Job).
 */
async function recordRelease(ctx, environment, spaceId, work) {
    let jobSpace = spaceId;
    let outcome;
    try {
        outcome = await work((jobId, jobSpaceId = spaceId) => {
            jobSpace = jobSpaceId;
            return ctx.record.start(environment, { spaceId: jobSpaceId, jobId });
        });
    }
    catch (error) {
        if (!ctx.signal.aborted)
            await ctx.record.finish(environment, 'failure', { spaceId: jobSpace });
        throw error;
    }
    if (outcome !== 'running')
        await ctx.record.finish(environment, 'success', { url: outcome.url, spaceId: jobSpace });
}


/***/ }),

/***/ 4268:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e: () => (/* binding */ follow)
});

// UNUSED EXPORTS: JobEndedBadlyError

// EXTERNAL MODULE: ./src/actions/core.ts
var core = __webpack_require__(9244);
// EXTERNAL MODULE: ./src/http/request.ts + 7 modules
var request = __webpack_require__(2626);
// EXTERNAL MODULE: ./src/konigle/errors.ts
var errors = __webpack_require__(3884);
// EXTERNAL MODULE: ./src/konigle/models.ts
var models = __webpack_require__(9909);
;// CONCATENATED MODULE: ./src/konigle/jobs.ts


async function getJob(http, jobId, options = {}) {
    const { endpoint, body } = await http.request('GET', `/cloud/api/v1/jobs/${encodeURIComponent(jobId)}`, { ...options, parse: parseJobBody });
    return (0,models/* parseModel */.Xh)(models/* Job */._O, body, endpoint, 'Job');
}
/**
 * A Job body, polled again and again while its log grows to megabytes: the native JSON.parse is
 * several times faster than the lossless parser. A Job's only id is its own (a UUID string); when
 * it came as a string nothing was lost. Only a numeric id needs the lossless parse to stay exact.
 */
function parseJobBody(text) {
    const body = JSON.parse(text);
    if (body && typeof body === 'object' && typeof body.id !== 'string' && !Number.isSafeInteger(body.id))
        return (0,request/* parseJson */.qF)(text);
    return body;
}
/** One log entry as a line: strings as they are; objects by message/msg/text/detail with time and level, else JSON. */
function formatLogEntry(entry) {
    if (typeof entry === 'string')
        return entry;
    if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
        const e = entry;
        const message = [e.message, e.msg, e.text, e.detail].find((v) => typeof v === 'string');
        if (message !== undefined) {
            const time = [e.timestamp, e.time, e.ts, e.created_at].find((v) => typeof v === 'string' || typeof v === 'number');
            const level = [e.level, e.levelname, e.severity].find((v) => typeof v === 'string');
            return [time !== undefined ? `[${time}]` : '', level ? String(level).toUpperCase() : '', message].filter(Boolean).join(' ');
        }
    }
    return JSON.stringify(entry);
}

// EXTERNAL MODULE: ./src/result.ts
var result = __webpack_require__(1666);
// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(1996);
// EXTERNAL MODULE: ./src/pipeline/job-log.ts
var job_log = __webpack_require__(7006);
// EXTERNAL MODULE: ./src/pipeline/poll-schedule.ts
var poll_schedule = __webpack_require__(7979);
;// CONCATENATED MODULE: ./src/pipeline/follow.ts
// Follows one Konigle Job to its end, for every step that starts one (deploy, promote, wait,
// provision): polls from poll-interval backing off to 15 s, prints each new log entry once, rides
// out passing trouble, and never waits past wait-timeout by more than one interval.








/** A Job may not be readable at once after it was created (replication, queueing): a 404 this early is passing. */
const NOT_FOUND_GRACE_MS = 10_000;
/** No single poll waits longer than a usual request. */
const POLL_REQUEST_TIMEOUT_MS = 30_000;
/** An unknown status that stays this many poll-intervals ends the wait. */
const UNKNOWN_STATUS_POLLS = 3;
class JobEndedBadlyError extends Error {
}
const KNOWN_RUNNING = new Set(['pending', 'running', 'queued', 'started']);
/**
 * Polls `record.jobId` until the Job ends; fills record.jobStatus and logTail. Answers the Job when
 * it succeeded; throws JobEndedBadlyError when it failed, ended in a status we don't know, or did
 * not end within the timeout (then record.status is 'timed_out').
 */
async function follow(http, record, options) {
    const jobId = record.jobId;
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    let interval = options.pollIntervalMs;
    let printed = 0;
    let lastStatus = '';
    let statusSince = started;
    let seen = false;
    let lastProblem;
    core/* startGroup */.Oh(`Job ${jobId} log`);
    try {
        for (;;) {
            options.signal?.throwIfAborted();
            let pause = interval;
            const left = deadline - Date.now();
            try {
                const timeoutMs = Math.min(POLL_REQUEST_TIMEOUT_MS, Math.max(left, options.pollIntervalMs));
                const job = await getJob(http, jobId, { retry: false, timeoutMs, signal: options.signal });
                seen = true;
                lastProblem = '';
                printed = printNewEntries(job, printed, record);
                record.jobStatus = job.status;
                if (job.status !== lastStatus) {
                    core/* info */.pq(`▸ Job ${jobId} is ${job.status}${isKnown(job.status) ? '' : ' (a status this action does not know)'}`);
                    lastStatus = job.status;
                    statusSince = Date.now();
                }
                if (job.status === 'success')
                    return job;
                if (job.status === 'failed')
                    throw endedBadly(job, record, options.what);
                if (!isKnown(job.status)) {
                    // An unknown status is an end if the server says so, or if it does not change for a while.
                    const unchangedFor = Date.now() - statusSince;
                    if (job.completed_at || unchangedFor >= options.pollIntervalMs * UNKNOWN_STATUS_POLLS)
                        throw endedBadly(job, record, options.what);
                    pause = options.pollIntervalMs;
                }
            }
            catch (error) {
                if (options.signal?.aborted || error instanceof JobEndedBadlyError)
                    throw error;
                const notYetVisible = !seen && Date.now() - started < NOT_FOUND_GRACE_MS && error.status === 404;
                if (!notYetVisible && !(0,request/* isPassingFailure */.IM)(error))
                    throw error;
                const retryAfter = error instanceof errors/* KonigleApiError */.sy ? error.retryAfterSeconds : undefined;
                if (retryAfter)
                    pause = Math.max(pause, retryAfter * 1000);
                lastProblem = error.message;
                if (notYetVisible)
                    core/* info */.pq(`Job ${jobId} is not visible yet (404); polling on`);
                else
                    core/* warning */.$e(`Polling Job ${jobId} failed, will retry: ${lastProblem}`);
            }
            const remaining = deadline - Date.now();
            if (remaining <= 0)
                break;
            await (0,request/* sleep */.yy)(Math.min(pause, remaining), options.signal);
            interval = (0,poll_schedule/* nextPollInterval */.qm)(interval, options.pollIntervalMs);
        }
    }
    finally {
        core/* endGroup */.N4();
    }
    record.status = 'timed_out';
    throw new JobEndedBadlyError(`Job ${jobId} did not end within wait-timeout (${(0,units/* formatDuration */.a3)(options.timeoutMs)}); last status: ${lastStatus || 'unknown'}. ` +
        `It may still be running: resume with 'command: wait' and 'job-id: ${jobId}', or raise 'wait-timeout'.` +
        (lastProblem ? ` The last poll failed: ${lastProblem}` : ''));
}
const isKnown = (status) => status === 'success' || status === 'failed' || KNOWN_RUNNING.has(status);
/** Prints the entries past `printed` (the log is append-only; if it shrinks, from its new end) and returns the new count. */
function printNewEntries(job, printed, record) {
    if (job.log.length < printed) {
        core/* info */.pq(`(the Job log shrank from ${printed} to ${job.log.length} entries; showing it from there)`);
        return job.log.length;
    }
    const lines = job.log.slice(printed).map(formatLogEntry);
    (0,job_log/* printLogLines */.P)(lines);
    for (const line of lines)
        (0,result/* pushTail */.x3)(record.logTail, line);
    return job.log.length;
}
/** The error for a Job that ended in anything but success, with its last log lines. */
function endedBadly(job, record, what) {
    const tail = record.logTail.slice(-20);
    const unknown = job.status === 'failed'
        ? ''
        : job.completed_at
            ? ' (a status this action does not know; the Job has completed)'
            : ' (a status this action does not know, unchanged for 3 poll intervals)';
    return new JobEndedBadlyError(`${what} Job ${job.id} ended ${job.status}${unknown}.` +
        (tail.length ? ` Last log lines:\n${tail.map((l) => `  ${l}`).join('\n')}` : ' (its log is empty)'));
}


/***/ }),

/***/ 7006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ printLogLines)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9244);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6670);
// Prints lines of a platform log (Konigle Job log, Konan container log) to the runner's log.
// Every log printer goes through here, so how outside text reaches the runner is decided once:
// the lines are data, so they are printed between `::stop-commands::<token>` and `::<token>::`,
// with a fresh random token each time, and no line (`::add-mask::`, `::error file=…::`,
// `::endgroup::`, `::set-output`) acts as a workflow command. Secrets in them are redacted.



function printLogLines(lines) {
    if (lines.length === 0)
        return;
    const token = `konigle-log-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(16).toString('hex')}`;
    _actions_core_js__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`::stop-commands::${token}`);
    for (const line of lines)
        _actions_core_js__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq((0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(line).replace(/\r/g, ''));
    _actions_core_js__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`::${token}::`);
}


/***/ }),

/***/ 7979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qm: () => (/* binding */ nextPollInterval)
/* harmony export */ });
/* unused harmony exports MAX_POLL_INTERVAL_MS, pollTimes */
// How often a Job is polled: from poll-interval, growing 1.5× a poll up to 15 s. A Job's end is
// then noticed on average half an interval late, and a 10-minute Job takes about 45 polls
// (bench/job-end.ts measures both).
const MAX_POLL_INTERVAL_MS = 15_000;
const GROWTH = 1.5;
/** The pause after a poll, given the previous pause and the `poll-interval` input. */
function nextPollInterval(previousMs, baseMs) {
    return Math.max(baseMs, Math.min(MAX_POLL_INTERVAL_MS, Math.round(previousMs * GROWTH)));
}
/** The times (ms from the start) at which a Job of `durationMs` is polled, up to the poll that sees it ended. */
function pollTimes(durationMs, baseMs, requestMs = 0) {
    const times = [];
    let interval = baseMs;
    for (let at = 0;;) {
        times.push(at);
        if (at >= durationMs)
            return times;
        at += requestMs + interval;
        interval = nextPollInterval(interval, baseMs);
    }
}


/***/ }),

/***/ 4214:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   promote: () => (/* binding */ promote)
/* harmony export */ });
/* harmony import */ var _actions_core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9244);
/* harmony import */ var _konigle_models_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9909);
/* harmony import */ var _konigle_spaces_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6068);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1666);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7057);
/* harmony import */ var _ambiguous_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1986);
/* harmony import */ var _follow_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4268);
// The promote step: check the guard, promote uat → production, follow that Job, report the URL.







const short = (sha) => sha.slice(0, 7);
/** promote-guard: commit. uat must hold the commit being promoted, per our GitHub Deployment record. */
async function checkGuard(ctx, uatSpaceId, deployedThisRun) {
    const sha = ctx.result.run.sha;
    if (ctx.inputs['promote-guard'] === 'off')
        return 'off';
    if (deployedThisRun)
        return `uat holds ${short(sha)}, deployed by this run`;
    const held = await ctx.record.uatCommit(uatSpaceId);
    if (!held) {
        throw new Error(`promote-guard: no successful uat release of Space ${uatSpaceId} is recorded in this repository's GitHub Deployments, ` +
            `so there is no proof that uat holds ${short(sha)}. Deploy this commit to uat first (with github-deployment: true), or set promote-guard: off.`);
    }
    if (held.sha !== sha) {
        throw new Error(`promote-guard: uat holds ${short(held.sha)} (released ${held.createdAt}), not ${short(sha)} which this run would promote. ` +
            `Deploy ${short(sha)} to uat first, or set promote-guard: off.`);
    }
    return `uat holds ${short(sha)} (released ${held.createdAt})`;
}
async function promote(ctx, deployedThisRun) {
    const { inputs, konigle, result } = ctx;
    const stage = (result.stages.promote = (0,_result_js__WEBPACK_IMPORTED_MODULE_5__/* .newStage */ .XV)({ logTail: [] }));
    await (0,_result_js__WEBPACK_IMPORTED_MODULE_5__/* .inStage */ .uE)(stage, async () => {
        const uat = await (0,_konigle_spaces_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveUatSpace */ .r8)(konigle, { spaceId: inputs['space-id'], webappId: inputs['webapp-id'] });
        stage.uatSpaceId = uat.id;
        stage.guard = await checkGuard(ctx, uat.id, deployedThisRun);
        _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Promote guard: ${stage.guard}`);
        if (inputs['dry-run']) {
            stage.status = 'skipped';
            stage.messages.push(`Dry run: uat Space ${uat.id} was not promoted.`);
            return;
        }
        await (0,_context_js__WEBPACK_IMPORTED_MODULE_6__/* .recordRelease */ .t)(ctx, 'production', uat.id, async (started) => {
            _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Promoting uat Space ${uat.id} to production…`);
            const deployment = await (0,_ambiguous_js__WEBPACK_IMPORTED_MODULE_3__/* .explainingAmbiguity */ .R)(() => (0,_konigle_spaces_js__WEBPACK_IMPORTED_MODULE_2__/* .promoteSpace */ .PA)(konigle, uat.id), `a promotion of uat Space ${uat.id}`, `Before promoting again, check the production Space's last_deployed_at and last_deployment_status ` +
                `(${uat.webapp ? `GET /cloud/api/v1/spaces?webapp_id=${uat.webapp}` : "the web app's Spaces"}) or the Konigle dashboard.`);
            Object.assign(stage, { deploymentId: deployment.id, spaceId: deployment.space_id, jobId: deployment.job_id });
            _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Promotion ${deployment.id} created on production Space ${deployment.space_id}; Job ${deployment.job_id}`);
            await started(deployment.job_id, deployment.space_id);
            if (!inputs.wait)
                return 'running';
            await (0,_follow_js__WEBPACK_IMPORTED_MODULE_4__/* .follow */ .e)(konigle, stage, { timeoutMs: inputs['wait-timeout'], pollIntervalMs: inputs['poll-interval'], what: 'Promote', signal: ctx.signal });
            stage.url = (0,_konigle_models_js__WEBPACK_IMPORTED_MODULE_1__/* .spaceUrl */ .SD)(await (0,_konigle_spaces_js__WEBPACK_IMPORTED_MODULE_2__/* .getSpace */ .pp)(konigle, deployment.space_id));
            if (stage.url)
                _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Promoted: ${stage.url}`);
            return { url: stage.url };
        });
    });
}


/***/ })

};
