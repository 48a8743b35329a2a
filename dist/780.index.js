export const id = 780;
export const ids = [780];
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

/***/ 9780:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  konanDeploy: () => (/* binding */ konanDeploy),
  smokePrediction: () => (/* binding */ smokePrediction)
});

// EXTERNAL MODULE: ./src/actions/core.ts
var core = __webpack_require__(9244);
// EXTERNAL MODULE: ./src/konan/errors.ts
var errors = __webpack_require__(5940);
// EXTERNAL MODULE: ./src/konan/models.ts
var models = __webpack_require__(9629);
;// CONCATENATED MODULE: ./src/konan/deployments.ts
// Creating a Konan deployment from a Docker image. Servers with projects answer the deployment body
// with 400; then, as the official SDK does, create a project of that name and add the image to it
// as its live model. Creation may answer 2xx and still list errors: the caller decides.


async function createDeployment(http, deploymentName, modelName, image) {
    let answer;
    try {
        answer = await http.post('/deployments/', { deployment_name: deploymentName, model_name: modelName, ...(0,models/* imageBody */._X)(image) });
    }
    catch (error) {
        if (!(0,models/* isBadRequest */.z7)(error))
            throw error;
        return createProject(http, deploymentName, modelName, image, error);
    }
    const body = (answer.body ?? {});
    const deployment = (body.deployment ?? {});
    if (typeof deployment.uuid !== 'string')
        throw (0,errors/* missingInAnswer */.O7)(answer.endpoint, 'deployment uuid', answer.body);
    return {
        deploymentId: deployment.uuid,
        deploymentName: typeof deployment.name === 'string' ? deployment.name : deploymentName,
        model: (0,models/* readModel */.ko)(answer.endpoint, deployment.model),
        errors: (0,models/* readErrors */.MA)(body.errors),
        containerLogs: (0,models/* readLogs */.o_)(body.container_logs),
        flow: 'deployment',
    };
}
async function createProject(http, name, modelName, image, first) {
    let answer;
    try {
        answer = await http.post('/deployments/', { name });
    }
    catch (error) {
        if (!(0,models/* isBadRequest */.z7)(error))
            throw error;
        throw new Error(`Konan refused the deployment: POST /deployments/ answered 400 to the deployment body (${first.detail}) and to the project body (${error.detail})`, { cause: error });
    }
    const project = (answer.body ?? {});
    if (typeof project.uuid !== 'string')
        throw (0,errors/* missingInAnswer */.O7)(answer.endpoint, 'project uuid', answer.body);
    const created = await (0,models/* addModel */.bZ)(http, project.uuid, modelName, image, 'live');
    return {
        deploymentId: project.uuid,
        deploymentName: typeof project.name === 'string' ? project.name : name,
        ...created,
        flow: 'project',
        fallbackReason: first.detail,
    };
}

;// CONCATENATED MODULE: ./src/konan/predict.ts
// One prediction: POST /deployments/<uuid>/predict/ with the input object as is.

async function predict(http, deploymentId, input) {
    const { body, endpoint } = await http.post(`/deployments/${encodeURIComponent(deploymentId)}/predict/`, input);
    const answer = (body ?? {});
    if (typeof answer.prediction_uuid !== 'string')
        throw (0,errors/* missingInAnswer */.O7)(endpoint, 'prediction_uuid', body);
    return { uuid: answer.prediction_uuid, output: answer.output ?? null };
}

// EXTERNAL MODULE: ./src/result.ts
var src_result = __webpack_require__(1666);
// EXTERNAL MODULE: ./src/pipeline/job-log.ts
var job_log = __webpack_require__(7006);
// EXTERNAL MODULE: ./src/pipeline/konan-client.ts + 1 modules
var konan_client = __webpack_require__(5282);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/pipeline/konan-deploy.ts
// command: konan-deploy. Without konan-deployment-id: create a deployment from the image (the project
// flow when the server asks for it); with it: add the image as a challenger model. The creation's
// errors and the tail of its container logs go to the job log (collapsed) and to the result; a
// creation with errors fails the step. Then, when konan-smoke-input is set, one smoke prediction.








const LOG_TAIL = 50;
function imageOf(inputs) {
    return {
        imageUrl: inputs['konan-image-url'],
        exposedPort: inputs['konan-exposed-port'],
        dockerUsername: inputs['konan-docker-username'],
        dockerPassword: inputs['konan-docker-password'],
    };
}
/** Errors and logs into the stage and, collapsed, into the job log; the registry password never. */
function showCreation(stage, errors, logs) {
    // The registry password is one of the redactor's secrets (registered when the inputs were read).
    stage.errors = errors.map((e) => ({ field: (0,redact/* redact */.E$)(e.field), message: (0,redact/* redact */.E$)(e.message) }));
    for (const line of (0,redact/* redact */.E$)(logs).split(/\r?\n/))
        if (line.trim() !== '')
            (0,src_result/* pushTail */.x3)(stage.containerLogTail, line, LOG_TAIL);
    const title = stage.errors.length ? `Konan model creation: ${stage.errors.length} error(s), container logs` : 'Konan model creation: container logs';
    core/* startGroup */.Oh(title);
    (0,job_log/* printLogLines */.P)([
        ...stage.errors.map((e) => `error [${e.field}]: ${e.message}`),
        ...(stage.containerLogTail.length ? stage.containerLogTail : ['(no container logs)']),
    ]);
    core/* endGroup */.N4();
}
async function createOrAdd(inputs, result, http) {
    const existing = inputs['konan-deployment-id'];
    const stage = (result.stages.konanDeploy = (0,src_result/* newStage */.XV)({
        action: existing ? 'challenger' : 'create',
        imageUrl: inputs['konan-image-url'],
        deploymentId: existing,
        deploymentName: inputs['konan-deployment-name'],
        modelName: inputs['konan-model-name'] ?? inputs['konan-deployment-name'],
        errors: [],
        containerLogTail: [],
    }));
    return (0,src_result/* inStage */.uE)(stage, async () => {
        const image = imageOf(inputs);
        const modelName = stage.modelName;
        if (inputs['dry-run']) {
            stage.status = 'skipped';
            stage.messages.push(existing
                ? `Dry run: ${image.imageUrl} would be added to Konan deployment ${existing} as challenger model '${modelName}'.`
                : `Dry run: Konan deployment '${stage.deploymentName}' would be created from ${image.imageUrl}.`);
            return existing ?? ''; // konanDeploy() names the deployment not created yet
        }
        if (existing) {
            core/* info */.pq(`Adding ${image.imageUrl} (port ${image.exposedPort}) to Konan deployment ${existing} as challenger model '${modelName}'`);
            const created = await (0,models/* addModel */.bZ)(http, existing, modelName, image, 'challenger');
            Object.assign(stage, { modelId: created.model.uuid, modelName: created.model.name || modelName, modelState: created.model.state });
            showCreation(stage, created.errors, created.containerLogs);
        }
        else {
            core/* info */.pq(`Creating Konan deployment '${stage.deploymentName}' from ${image.imageUrl} (port ${image.exposedPort})`);
            const created = await createDeployment(http, stage.deploymentName, modelName, image);
            Object.assign(stage, {
                deploymentId: created.deploymentId,
                deploymentName: created.deploymentName,
                flow: created.flow,
                modelId: created.model.uuid,
                modelName: created.model.name || modelName,
                modelState: created.model.state,
            });
            if (created.flow === 'project')
                stage.messages.push(`This Konan server has projects (the deployment body answered 400: ${created.fallbackReason}): created project ${created.deploymentId} with the image as its live model.`);
            showCreation(stage, created.errors, created.containerLogs);
        }
        if (stage.errors.length) {
            throw new Error(`Konan model '${stage.modelName}' (${stage.modelId}) was created with ${stage.errors.length} error(s): ${stage.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
        }
        core/* info */.pq(`Konan model '${stage.modelName}' (${stage.modelId}) is ${stage.modelState} in deployment ${stage.deploymentId}`);
        return stage.deploymentId;
    });
}
/** One prediction with konan-smoke-input; a failing call fails the step. */
async function smokePrediction(inputs, result, http, deploymentId) {
    const stage = (result.stages.smoke = (0,src_result/* newStage */.XV)({ deploymentId }));
    await (0,src_result/* inStage */.uE)(stage, async () => {
        if (inputs['dry-run']) {
            stage.status = 'skipped';
            stage.messages.push('Dry run: the smoke prediction was not sent.');
            return;
        }
        core/* info */.pq(`Smoke prediction on Konan deployment ${deploymentId}`);
        const prediction = await predict(http, deploymentId, inputs['konan-smoke-input']).catch((error) => {
            throw new Error(`Smoke prediction failed: ${error.message}`);
        });
        stage.predictionId = prediction.uuid;
        stage.output = prediction.output;
        core/* info */.pq(`Smoke prediction ${prediction.uuid}: ${JSON.stringify(prediction.output).slice(0, 1000)}`);
    });
}
async function konanDeploy(inputs, result) {
    const http = (0,konan_client/* konanClient */.r)(inputs);
    let deploymentId = inputs['konan-deployment-id'];
    if (inputs['konan-image-url'])
        deploymentId = await createOrAdd(inputs, result, http);
    // In a dry run the deployment to create has no id yet: the smoke stage only says what it would do.
    if (inputs['konan-smoke-input'])
        await smokePrediction(inputs, result, http, deploymentId || '(the new deployment)');
}


/***/ })

};
