export const id = 728;
export const ids = [728];
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

/***/ 9629:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ listModels),
/* harmony export */   MA: () => (/* binding */ readErrors),
/* harmony export */   Zb: () => (/* binding */ switchLive),
/* harmony export */   _X: () => (/* binding */ imageBody),
/* harmony export */   bZ: () => (/* binding */ addModel),
/* harmony export */   ko: () => (/* binding */ readModel),
/* harmony export */   ll: () => (/* binding */ newestFirst),
/* harmony export */   o_: () => (/* binding */ readLogs),
/* harmony export */   z7: () => (/* binding */ isBadRequest)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9691);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5940);
// Konan models of one deployment: list, add (as challenger or live), switch live, delete. States are
// live | challenger | disabled, read as open strings. Answers are read tolerantly (INFERRED shapes).


const Model = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ uuid: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), name: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J(), created_at: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J(), state: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J() });
/** A field the contract leaves open as text: scalars as they are, structures as JSON, nothing as the fallback. */
function textOf(value, fallback) {
    if (value == null)
        return fallback;
    // JSON values only (this reads parsed answers): numbers and booleans print as String() would.
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function readModel(endpoint, value) {
    const parsed = Model.safeParse(value);
    if (!parsed.success)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .missingInAnswer */ .O7)(endpoint, 'model with a uuid', value);
    const { uuid, name, created_at, state } = parsed.data;
    return { uuid, name: textOf(name, ''), createdAt: typeof created_at === 'string' ? created_at : undefined, state: textOf(state, 'unknown') };
}
/** `errors`: [{field, message}] with `field` an open string (the SDK's enum knows image, health_endpoint, exposed_port). */
function readErrors(value) {
    if (!Array.isArray(value))
        return [];
    return value.map((item) => {
        const record = item && typeof item === 'object' ? item : { message: item };
        const field = record.field ?? record.type ?? 'unknown';
        const message = typeof record.message === 'string' ? record.message : JSON.stringify(record.message ?? record);
        return { field: textOf(field, 'unknown'), message };
    });
}
function readLogs(value) {
    if (typeof value === 'string')
        return value;
    if (Array.isArray(value))
        return value.map(String).join('\n');
    return value == null ? '' : JSON.stringify(value);
}
function imageBody(image) {
    return {
        image_url: image.imageUrl,
        exposed_port: image.exposedPort,
        ...(image.dockerUsername !== undefined || image.dockerPassword !== undefined
            ? { docker_username: image.dockerUsername ?? '', docker_password: image.dockerPassword ?? '' }
            : {}),
    };
}
const modelsPath = (deploymentId) => `/deployments/${encodeURIComponent(deploymentId)}/models/`;
async function listModels(http, deploymentId) {
    const { body, endpoint } = await http.get(modelsPath(deploymentId));
    const results = Array.isArray(body) ? body : body?.results;
    if (!Array.isArray(results))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .missingInAnswer */ .O7)(endpoint, 'list of models', body);
    return results.map((m) => readModel(endpoint, m));
}
async function addModel(http, deploymentId, name, image, state) {
    const { body, endpoint } = await http.post(modelsPath(deploymentId), { name, ...imageBody(image), state });
    const answer = (body ?? {});
    return { model: readModel(endpoint, answer.model ?? answer), errors: readErrors(answer.errors), containerLogs: readLogs(answer.container_logs) };
}
/** Makes `modelId` live; the model live until now becomes a challenger. */
async function switchLive(http, deploymentId, modelId) {
    await http.post(`/deployments/${encodeURIComponent(deploymentId)}/switch/`, { switch_to: 'challenger', new_live_model: modelId });
}
/** Newest first, by created_at (models without one last). */
function newestFirst(models) {
    const time = (m) => (m.createdAt ? Date.parse(m.createdAt) || 0 : 0);
    return [...models].sort((a, b) => time(b) - time(a));
}
const isBadRequest = (error) => error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KonanApiError */ .S1 && error.status === 400;


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


/***/ }),

/***/ 2728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   konanPromote: () => (/* binding */ konanPromote),
/* harmony export */   pickModel: () => (/* binding */ pickModel)
/* harmony export */ });
/* harmony import */ var _actions_core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9244);
/* harmony import */ var _konan_models_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9629);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1666);
/* harmony import */ var _konan_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5282);
// command: konan-promote. Switch konan-model-id (default: the newest challenger) live; the model live
// until now becomes a challenger. Both models' states are read before and after the switch.




const describe = (m) => `'${m.name}' (${m.uuid}, ${m.state})`;
const listed = (models) => (models.length ? models.map(describe).join(', ') : 'none');
/** The model to make live, or an error saying why there is none. */
function pickModel(models, deploymentId, wanted) {
    if (wanted) {
        const found = models.find((m) => m.uuid.toLowerCase() === wanted.toLowerCase());
        if (!found)
            throw new Error(`Input 'konan-model-id' is '${wanted}': no such model in Konan deployment ${deploymentId} (its models: ${listed(models)})`);
        if (found.state === 'live')
            throw new Error(`Konan model ${describe(found)} is already live in deployment ${deploymentId}: nothing to promote`);
        return found;
    }
    const challenger = (0,_konan_models_js__WEBPACK_IMPORTED_MODULE_1__/* .newestFirst */ .ll)(models).find((m) => m.state === 'challenger');
    if (!challenger)
        throw new Error(`Konan deployment ${deploymentId} has no challenger model to promote (its models: ${listed(models)}); add one with command 'konan-deploy'`);
    return challenger;
}
async function konanPromote(inputs, result) {
    const deploymentId = inputs['konan-deployment-id'];
    const stage = (result.stages.konanPromote = (0,_result_js__WEBPACK_IMPORTED_MODULE_3__/* .newStage */ .XV)({ deploymentId }));
    await (0,_result_js__WEBPACK_IMPORTED_MODULE_3__/* .inStage */ .uE)(stage, async () => {
        const http = (0,_konan_client_js__WEBPACK_IMPORTED_MODULE_2__/* .konanClient */ .r)(inputs);
        const before = await (0,_konan_models_js__WEBPACK_IMPORTED_MODULE_1__/* .listModels */ .D)(http, deploymentId);
        const target = pickModel(before, deploymentId, inputs['konan-model-id']);
        const live = before.find((m) => m.state === 'live');
        const change = (m) => ({ uuid: m.uuid, name: m.name, before: m.state });
        stage.promoted = change(target);
        if (live)
            stage.demoted = change(live);
        if (inputs['dry-run']) {
            stage.status = 'skipped';
            stage.messages.push(`Dry run: Konan model ${describe(target)} would be switched live${live ? `, ${describe(live)} would become a challenger` : ''}.`);
            return;
        }
        _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Switching Konan model ${describe(target)} live${live ? `; ${describe(live)} becomes a challenger` : ''}`);
        await (0,_konan_models_js__WEBPACK_IMPORTED_MODULE_1__/* .switchLive */ .Zb)(http, deploymentId, target.uuid);
        const after = await (0,_konan_models_js__WEBPACK_IMPORTED_MODULE_1__/* .listModels */ .D)(http, deploymentId);
        const stateAfter = (uuid) => after.find((m) => m.uuid === uuid)?.state ?? 'gone';
        stage.promoted.after = stateAfter(target.uuid);
        if (stage.demoted)
            stage.demoted.after = stateAfter(stage.demoted.uuid);
        if (stage.promoted.after !== 'live')
            throw new Error(`Konan accepted the switch, but model ${describe(target)} is now '${stage.promoted.after}', not live`);
        _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Konan model '${target.name}' is live in deployment ${deploymentId}${stage.demoted ? `; '${stage.demoted.name}' is now ${stage.demoted.after}` : ''}`);
    });
}


/***/ })

};
