export const id = 702;
export const ids = [702];
export const modules = {

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createOctokit: () => (/* binding */ createOctokit)
/* harmony export */ });
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6856);
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2264);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3251);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__);
// The GitHub client: @octokit/rest with the retry and throttling plugins, so a passing 5xx or a
// secondary rate limit is ridden out instead of ending a surface; every attempt is time-bounded.
// Its own module, loaded only when a run has a token: Octokit is a third of the start-up cost.




const GitHubClient = _octokit_rest__WEBPACK_IMPORTED_MODULE_1__/* .Octokit */ .E.plugin(_octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
/** One attempt's bound; plugin-retry then waits 1 s and 4 s between the (at most 3) attempts. */
const ATTEMPT_TIMEOUT_MS = 10_000;
const RETRIES = 2;
/** The longest Retry-After we sit out for a rate limit; longer ones fail the write (it is queued and retried once at the end). */
const MAX_RATE_LIMIT_WAIT_S = 20;
/**
 * @octokit/request passes an error named AbortError through as it is, and plugin-retry retries only
 * its own RequestErrors: so a host that does not exist (a wrong GITHUB_API_URL) fails at once
 * instead of being retried as if it were a passing 5xx.
 */
class HostNotFound extends Error {
    name = 'AbortError';
}
async function boundedFetch(url, init) {
    try {
        return await fetch(url, { ...init, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
    }
    catch (error) {
        const code = (error.cause ?? {}).code;
        if (code === 'ENOTFOUND')
            throw new HostNotFound(`the GitHub API host of ${(typeof url === 'string' ? url : url instanceof URL ? url.href : url.url).split('?')[0]} does not resolve; check GITHUB_API_URL`);
        throw error;
    }
}
/** GITHUB_API_URL is set on every runner (GHES included); api.github.com otherwise. */
function createOctokit(token, baseUrl = process.env.GITHUB_API_URL || 'https://api.github.com') {
    const sitOut = (retryAfter, _options, _octokit, retryCount) => retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
    return new GitHubClient({
        auth: token,
        baseUrl: baseUrl.replace(/\/+$/, ''),
        request: { fetch: boundedFetch },
        retry: { retries: RETRIES },
        throttle: {
            onRateLimit: sitOut,
            onSecondaryRateLimit: sitOut,
            // A run makes a handful of writes: keep them one at a time, but without the library's default
            // pause of 1 s (3 s for comments) between them, which GitHub asks of bulk writers; a
            // cancelled run has 5 s for all of its writes.
            write: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default().Group)({ maxConcurrent: 1, minTime: 0 }),
            notifications: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default().Group)({ maxConcurrent: 1, minTime: 0 }),
        },
        log: { debug: () => { }, info: () => { }, warn: () => { }, error: () => { } },
    });
}


/***/ })

};
