export const id = 679;
export const ids = [679];
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

/***/ 8679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  evaluateMetrics: () => (/* binding */ evaluateMetrics)
});

// EXTERNAL MODULE: ./src/actions/core.ts
var core = __webpack_require__(9244);
// EXTERNAL MODULE: ./src/konan/time.ts
var time = __webpack_require__(1266);
;// CONCATENATED MODULE: ./src/konan/evaluate.ts

/** `{"metrics": {"predefined": {name: value}, "custom": [{"metric_name", "metric_value"}]}}`; null values are left out, as the SDK does. */
function readMetrics(body) {
    const metrics = (body ?? {}).metrics;
    if (!metrics || typeof metrics !== 'object')
        throw new Error(`the answer has no metrics: ${JSON.stringify(body ?? null).slice(0, 300)}`);
    const { predefined, custom } = metrics;
    const out = [];
    if (predefined && typeof predefined === 'object') {
        for (const [name, value] of Object.entries(predefined))
            if (value !== null && value !== undefined)
                out.push({ name, kind: 'predefined', value });
    }
    if (Array.isArray(custom)) {
        for (const item of custom) {
            const record = (item ?? {});
            const name = record.metric_name ?? record.name;
            out.push({ name: typeof name === 'string' ? name : JSON.stringify(name ?? null), kind: 'custom', value: record.metric_value ?? record.value ?? null });
        }
    }
    else if (custom && typeof custom === 'object') {
        for (const [name, value] of Object.entries(custom))
            out.push({ name, kind: 'custom', value });
    }
    return out;
}
async function evaluate(http, deploymentId, window) {
    const [start, end] = [(0,time/* withOffset */.yx)(window.start), (0,time/* withOffset */.yx)(window.end)];
    const { body, endpoint } = await http.post(`/deployments/${encodeURIComponent(deploymentId)}/evaluate/`, { start_time: start, end_time: end });
    try {
        return readMetrics(body);
    }
    catch (error) {
        throw new Error(`Konan API ${endpoint}: ${error.message}`, { cause: error });
    }
}

// EXTERNAL MODULE: ./src/result.ts
var src_result = __webpack_require__(1666);
// EXTERNAL MODULE: ./src/pipeline/konan-client.ts + 1 modules
var konan_client = __webpack_require__(5282);
;// CONCATENATED MODULE: ./src/pipeline/evaluate.ts
// Metrics over the window of konan-evaluate-window (ending now) or konan-evaluate-start/-end, after
// feedback (or alone in a feedback run without a file).





async function evaluateMetrics(inputs, result) {
    const deploymentId = inputs['konan-deployment-id'];
    const stage = (result.stages.evaluate = (0,src_result/* newStage */.XV)({ deploymentId }));
    await (0,src_result/* inStage */.uE)(stage, async () => {
        const window = (0,time/* resolveWindow */.LI)({ window: inputs['konan-evaluate-window'], start: inputs['konan-evaluate-start'], end: inputs['konan-evaluate-end'] });
        [stage.start, stage.end] = [(0,time/* withOffset */.yx)(window.start), (0,time/* withOffset */.yx)(window.end)];
        if (inputs['dry-run']) {
            stage.status = 'skipped';
            stage.messages.push(`Dry run: metrics from ${stage.start} to ${stage.end} were not evaluated.`);
            return;
        }
        core/* info */.pq(`Evaluating Konan deployment ${deploymentId} from ${stage.start} to ${stage.end}`);
        const metrics = (stage.metrics = await evaluate((0,konan_client/* konanClient */.r)(inputs), deploymentId, window));
        core/* info */.pq(`Konan metrics: ${metrics.length
            ? metrics
                .map((m) => `${m.name}=${JSON.stringify(m.value)}`)
                .join(', ')
                .slice(0, 2000)
            : 'none (no predictions with feedback in the window?)'}`);
    });
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
