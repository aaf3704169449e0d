export const id = 62;
export const ids = [62];
export const modules = {

/***/ 9045:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hf: () => (/* binding */ hasStoredLogin),
/* harmony export */   VJ: () => (/* binding */ storeLogin),
/* harmony export */   _4: () => (/* binding */ storedDockerCredentials)
/* harmony export */ });
/* unused harmony exports credentialsFromDockerConfig, credentialHelperFor, credentialsFromHelperAnswer, dockerConfigFile, withStoredLogin, withoutStoredLogin */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/**
 * The credentials docker keeps for a registry, for the action's own registry calls to a registry that an earlier
 * step logged in to (docker/login-action, `gcloud auth configure-docker`, a cloud login), not this one: a plain
 * `auths` entry of config.json, else the credential helper it names (`credHelpers` for the registry, else
 * `credsStore`), asked as docker asks it (`docker-credential-<helper> get`, the registry on stdin). Identity
 * tokens are not used.
 */




/** Pure: the `auths` entry for the registry in a config.json text (keys may carry a scheme or path). */
function credentialsFromDockerConfig(configText, registry) {
    const auths = (parseConfig(configText).auths ?? {});
    const wanted = registry === 'docker.io' ? ['docker.io', 'index.docker.io', 'registry-1.docker.io'] : [registry];
    const entry = Object.entries(auths).find(([key]) => wanted.includes(hostOfConfigKey(key)));
    const auth = entry?.[1]?.auth;
    if (typeof auth !== 'string' || auth === '')
        return undefined;
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator <= 0)
        return undefined;
    return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}
/** Pure: the credential helper config.json names for the registry (`credHelpers` first, then `credsStore`). */
function credentialHelperFor(configText, registry) {
    const config = parseConfig(configText);
    const named = Object.entries(config.credHelpers ?? {}).find(([key]) => hostOfConfigKey(key) === registry)?.[1];
    const helper = typeof named === 'string' && named !== '' ? named : config.credsStore;
    return typeof helper === 'string' && /^[A-Za-z0-9_.-]+$/.test(helper) ? helper : undefined;
}
/** Pure: a credential helper's `get` answer; an identity token (Username `<token>`) is not a password. */
function credentialsFromHelperAnswer(stdout) {
    try {
        const { Username, Secret } = JSON.parse(stdout);
        if (typeof Username !== 'string' || typeof Secret !== 'string' || Username === '' || Username === '<token>') {
            return undefined;
        }
        return { username: Username, password: Secret };
    }
    catch {
        return undefined;
    }
}
/** A helper that hangs (a desktop keychain waiting for a prompt) must not hold the step. */
const HELPER_TIMEOUT_MS = 10_000;
/** docker's config.json as text, or undefined when there is none to read. */
function readDockerConfig(env) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(dockerConfigFile(env), 'utf8');
    }
    catch {
        return undefined;
    }
}
/**
 * Whether config.json holds a login for the registry or names a credential helper that may: the helper is not
 * asked, so that no process starts before the step has checked its inputs.
 */
function hasStoredLogin(registry, env) {
    const configText = readDockerConfig(env);
    if (configText === undefined)
        return false;
    return (credentialsFromDockerConfig(configText, registry) !== undefined ||
        credentialHelperFor(configText, registry) !== undefined);
}
function storedDockerCredentials(registry, env = process.env) {
    const configText = readDockerConfig(env);
    if (configText === undefined)
        return undefined;
    const stored = credentialsFromDockerConfig(configText, registry);
    if (stored)
        return stored;
    const helper = credentialHelperFor(configText, registry);
    if (!helper)
        return undefined;
    try {
        const answer = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)(`docker-credential-${helper}`, ['get'], {
            input: registry,
            encoding: 'utf8',
            timeout: HELPER_TIMEOUT_MS,
            stdio: ['pipe', 'pipe', 'ignore']
        });
        return credentialsFromHelperAnswer(answer);
    }
    catch {
        return undefined;
    }
}
/** docker's config.json, as the docker CLI finds it (DOCKER_CONFIG, else ~/.docker). */
function dockerConfigFile(env = process.env) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(env.DOCKER_CONFIG || (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.homedir)(), '.docker'), 'config.json');
}
/** Pure: config.json with an `auths` entry for the registry, as `docker login` writes it without a helper. */
function withStoredLogin(configText, registry, username, password) {
    const config = parseConfig(configText);
    const auths = (config.auths ?? {});
    auths[registry] = { auth: Buffer.from(`${username}:${password}`).toString('base64') };
    return JSON.stringify({ ...config, auths }, null, '\t') + '\n';
}
/** Pure: config.json without the registry's `auths` entry, as `docker logout` leaves it. */
function withoutStoredLogin(configText, registry) {
    const config = parseConfig(configText);
    const auths = { ...(config.auths ?? {}) };
    for (const key of Object.keys(auths)) {
        if (hostOfConfigKey(key) === registry)
            delete auths[key];
    }
    return JSON.stringify({ ...config, auths }, null, '\t') + '\n';
}
/** config.json keys may carry a scheme and a path (https://index.docker.io/v1/): the registry host alone. */
function hostOfConfigKey(key) {
    return key.replace(/^https?:\/\//, '').split('/')[0];
}
/** config.json as an object; an unreadable one as empty, as docker treats a missing file. */
function parseConfig(configText) {
    try {
        const parsed = JSON.parse(configText);
        return parsed !== null && typeof parsed === 'object' ? parsed : {};
    }
    catch {
        return {};
    }
}
/** Stores or removes a login in docker's config.json without the docker CLI (a runner or container job without it). */
function storeLogin(registry, login) {
    const file = dockerConfigFile();
    let text = '{}';
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8');
    }
    catch {
        if (!login)
            return;
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(file), { recursive: true });
    const next = login
        ? withStoredLogin(text, registry, login.username, login.password)
        : withoutStoredLogin(text, registry);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(file, next, { mode: 0o600 });
}


/***/ }),

/***/ 8226:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ docker),
/* harmony export */   n: () => (/* binding */ dockerCliOnPath)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7187);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4296);
/* harmony import */ var _core_command_line_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4925);
/** Runs the docker CLI: argument arrays through @actions/exec, never a shell; secrets on stdin or in env. */






async function docker(args, options = {}) {
    const env = {};
    for (const [name, value] of Object.entries(process.env))
        if (value !== undefined)
            env[name] = value;
    // The docker actions disable content trust too: a runner-wide DOCKER_CONTENT_TRUST would block pushes.
    Object.assign(env, options.env ?? {}, { DOCKER_CONTENT_TRUST: 'false' });
    // exec's own command echo prints arguments raw: a label with a newline would put a line of the user's
    // choosing (such as ::add-mask::) at the start of a log line. Echo the command escaped instead.
    if (options.quiet !== true)
        process.stdout.write(`[command]docker ${args.map(_core_command_line_js__WEBPACK_IMPORTED_MODULE_5__/* .quote */ .hD).join(' ')}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
    try {
        const result = await _actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .getExecOutput */ .H('docker', [...args], {
            ignoreReturnCode: true,
            silent: true,
            listeners: options.quiet === true
                ? undefined
                : { stdout: data => process.stdout.write(data), stderr: data => process.stderr.write(data) },
            input: options.stdin === undefined ? undefined : Buffer.from(options.stdin),
            env
        });
        return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    }
    catch (error) {
        if (error instanceof Error && /Unable to locate executable file/.test(error.message)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionableError */ .fU("The docker CLI is not on this runner's PATH. GitHub-hosted Ubuntu runners have it; on a self-hosted " +
                'runner install Docker Engine with the buildx plugin.');
        }
        throw error;
    }
}
/** Whether a docker CLI is on PATH: a runner or container job that only merges may have none. */
function dockerCliOnPath(env = process.env) {
    return (env.PATH ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_3__.delimiter).some(directory => {
        if (directory === '')
            return false;
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.accessSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(directory, 'docker'), node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
            return true;
        }
        catch {
            return false;
        }
    });
}


/***/ }),

/***/ 8095:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ readCleanupState),
/* harmony export */   X: () => (/* binding */ CleanupRecorder)
/* harmony export */ });
/* harmony import */ var _adapters_runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5512);
/**
 * What the post step must undo, saved by main as soon as each thing exists, so that a main step that
 * fails or is cancelled half-way is still cleaned up.
 */

const STATE_NAME = 'cleanup';
class CleanupRecorder {
    state;
    constructor(logout) {
        this.state = { registries: [], logout };
        if (process.env.GITHUB_STATE)
            this.state.mainEnvironment = `GITHUB_STATE=${process.env.GITHUB_STATE}`;
        this.save();
    }
    workDir(path) {
        this.state.workDir = path;
        this.save();
    }
    loggedIn(registry) {
        if (!this.state.registries.includes(registry))
            this.state.registries.push(registry);
        this.save();
    }
    builderCreated(name) {
        this.state.builder = name;
        this.save();
    }
    save() {
        (0,_adapters_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ)(STATE_NAME, this.state);
    }
}
function readCleanupState() {
    return (0,_adapters_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .readState */ .un)(STATE_NAME, { registries: [], logout: false });
}


/***/ }),

/***/ 8062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/core/digests.ts
/** Content digests as registries name manifests and blobs: `sha256:<64 hex>`. Pure. */

const HEX_64 = '[a-f0-9]{64}';
/** A sha256 digest's hex part inside a larger pattern (artifact names, push output). */
const SHA256_HEX_PATTERN = HEX_64;
const DIGEST = new RegExp(`^sha256:${HEX_64}$`);
function isSha256Digest(value) {
    return DIGEST.test(value);
}
/** The digest a registry gives this content. */
function sha256Digest(body) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex')}`;
}

;// CONCATENATED MODULE: ./src/core/retry.ts
/**
 * Bounded retries with exponential backoff and jitter, for hiccups of registries, services and docker commands;
 * what counts as a hiccup is the caller's (adapters/http-policy.ts for HTTP). Pure apart from the clock and the
 * random source, both injectable so tests never wait.
 */
const realSleep = ms => new Promise(resolve => setTimeout(resolve, ms));
/**
 * Runs operation(attempt) until it succeeds, a non-transient error occurs, or the attempts are used up; the
 * last error is rethrown unchanged so callers (and registry-errors.ts) see what the registry said.
 */
async function retry(operation, policy, sleep = realSleep) {
    const attempts = Math.max(1, Math.floor(policy.attempts));
    for (let attempt = 1;; attempt++) {
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (attempt >= attempts || !policy.isTransient(error))
                throw error;
            const delay = backoffDelay(attempt, policy, policy.retryAfterMs(error));
            policy.onRetry?.(error, attempt, delay);
            await sleep(delay);
        }
    }
}
/**
 * The wait after the given failed attempt. Retry-After wins when present (the server knows best) but is capped
 * so a registry cannot stall the job; otherwise "equal jitter": half the exponential delay fixed, half random,
 * which spreads parallel jobs without ever retrying immediately.
 */
function backoffDelay(attempt, policy, retryAfterMs) {
    if (retryAfterMs !== undefined)
        return Math.min(Math.max(0, retryAfterMs), policy.maxDelayMs);
    const exponential = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    const random = (policy.random ?? Math.random)();
    return Math.round(exponential / 2 + (exponential / 2) * random);
}

;// CONCATENATED MODULE: ./src/adapters/http-policy.ts
/** How long one request may wait for its answer, per client. */
const HTTP_TIMEOUT_MS = { registry: 15_000, artifacts: 20_000, githubApi: 10_000 };
/**
 * How often and how far apart a request is tried, per client. The GitHub API is not retried: repository facts are
 * a nicety the payload usually has, and the step goes on without them.
 */
const HTTP_RETRY = {
    registry: { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 },
    artifacts: { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 20_000 }
};
/** A failed HTTP exchange: the status, the Retry-After header as sent (if any) and the registry's error code. */
class HttpError extends Error {
    status;
    retryAfter;
    code;
    constructor(status, message, retryAfter, 
    /** The first error code of an OCI error body ("DENIED", "UNAUTHORIZED"...), upper case. */
    code) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
        this.code = code;
        this.name = 'HttpError';
    }
}
/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or invalid. */
function parseRetryAfter(value, now = Date.now()) {
    if (value === undefined || value === null)
        return undefined;
    const trimmed = value.trim();
    if (trimmed === '')
        return undefined;
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    // Only a date with letters in it: Date.parse accepts bare numbers like "-5" or "1.5" as years.
    if (!/[a-z]/i.test(trimmed))
        return undefined;
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/** Node's codes for a connection that failed or broke: worth another try. */
const TRANSIENT_NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CLOSED'
]);
function hasStatus(error) {
    return typeof error === 'object' && error !== null && typeof error.status === 'number';
}
function errorCode(error) {
    const code = error?.code;
    return typeof code === 'string' ? code : undefined;
}
/** A network-level failure: fetch's TypeError with a socket error as cause, or an AbortSignal.timeout. */
function isNetworkError(error) {
    return causeChain(error).some(current => {
        if (current.name === 'TimeoutError')
            return true;
        const code = errorCode(current);
        if (code && TRANSIENT_NETWORK_CODES.has(code))
            return true;
        return current instanceof TypeError && current.message === 'fetch failed' && !current.cause;
    });
}
/** A fetch failure in words without its URL (which may carry a secret): a timeout, or the first socket error code. */
function describeTransportFailure(error, timeoutMs) {
    for (const current of causeChain(error)) {
        if (current.name === 'TimeoutError')
            return `no answer within ${timeoutMs} ms`;
        const code = errorCode(current);
        if (code)
            return `network error ${code}`;
    }
    return 'network error';
}
/** The error and its causes (fetch wraps the socket's error in `cause`), at most five deep. */
function causeChain(error) {
    const chain = [];
    for (let current = error; current && chain.length < 5; current = current.cause) {
        chain.push(current);
    }
    return chain;
}
/**
 * The default classification for registry calls: 5xx, 429 and 408 are worth retrying, other statuses (401,
 * 403, 404...) are answers, not hiccups; a DENIED code is never retried whatever the status.
 */
function isTransientHttpError(error) {
    if (hasStatus(error)) {
        if (errorCode(error) === 'DENIED')
            return false;
        return error.status >= 500 || error.status === 429 || error.status === 408;
    }
    return isNetworkError(error);
}
function retryAfterFromError(error, now = Date.now()) {
    return hasStatus(error) ? parseRetryAfter(error.retryAfter, now) : undefined;
}

;// CONCATENATED MODULE: ./src/adapters/artifact-store.ts
/**
 * A small client for the GitHub Actions artifact service (v4: the "results" service behind @actions/artifact 2+),
 * so the platform jobs of a matrix can hand their pushed digests to the merge job of the same workflow run. It only
 * uploads and lists: the merge job reads everything from the artifact names, since on a re-run the service lists
 * the earlier attempts' artifacts but refuses to hand them out (actions/download-artifact#486).
 *
 * @actions/artifact is not used (the Azure SDK and zip libraries would slow the step's start): twirp JSON calls
 * authorized by the job's runtime token, CreateArtifact → PUT to the signed blob URL → FinalizeArtifact, and
 * ListArtifacts, each retried on hiccups through retry.ts. Contents are uploaded as they are, not zipped (protocol
 * version 7 with a mime_type, as upload-artifact's `archive: false`). The runtime token and the signed upload URL
 * (its `sig` is a SAS secret) never appear in an error or retry message.
 */




const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';
/** The version @actions/artifact sends since CreateArtifact carries a mime_type (uploads that are not zips). */
const PROTOCOL_VERSION = 7;
/** The handoff is read by a later job of the same run: a day is plenty, and the shortest retention there is. */
const HANDOFF_RETENTION_MS = 24 * 60 * 60 * 1000;
const MIME_TYPE = 'application/json';
/** Another job of this run (or an earlier attempt of this one) already created an artifact with this name. */
class ArtifactExistsError extends errors/* ActionableError */.fU {
    artifactName;
    possiblyOwn;
    constructor(artifactName, 
    /** An earlier CreateArtifact of this very call got no answer: the artifact may be its own. */
    possiblyOwn) {
        super(`The workflow run already has an artifact named "${artifactName}" (CreateArtifact: 409 already exists)` +
            (possiblyOwn
                ? '. An earlier attempt of this upload got no answer, so the service may have created it for this job ' +
                    'and the upload cannot be resumed: re-run the job.'
                : '. Artifact names are unique within a run: another job of the run (or an earlier run attempt) ' +
                    'already handed this one off.'));
        this.artifactName = artifactName;
        this.possiblyOwn = possiblyOwn;
        this.name = 'ArtifactExistsError';
    }
}
/**
 * A request that got no answer. Stands in for fetch's own error, whose cause may quote the request URL (and so a
 * signed URL's secret); keeps the socket error code in its message and whether retry() should try again.
 */
class TransportError extends Error {
    transient;
    constructor(message, transient) {
        super(message);
        this.transient = transient;
        this.name = 'TransportError';
    }
}
const INVALID_TOKEN = 'ACTIONS_RUNTIME_TOKEN is not a runtime token with an Actions.Results scope, so the artifact service cannot be ' +
    'used. The runner sets it for JavaScript actions: do not override it in `env:`.';
/**
 * The run and job backend ids, from the runtime token's `scp` claim (`Actions.Results:<run>:<job>` among
 * space-separated scopes), as @actions/artifact reads them. The token is a JWT; its signature is the service's
 * business. Errors never quote the token.
 */
function backendIdsFromToken(token) {
    let scp;
    try {
        scp = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))?.scp;
    }
    catch {
        throw new errors/* ActionableError */.fU(INVALID_TOKEN);
    }
    for (const scope of typeof scp === 'string' ? scp.split(/\s+/) : []) {
        const [kind, run, job, ...rest] = scope.split(':');
        if (kind === 'Actions.Results' && run && job && !rest.length) {
            return { workflow_run_backend_id: run, workflow_job_run_backend_id: job };
        }
    }
    throw new errors/* ActionableError */.fU(INVALID_TOKEN);
}
/** The artifact store of the job whose environment this is (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL). */
function artifactStoreFrom(env, options = {}) {
    const token = env.ACTIONS_RUNTIME_TOKEN?.trim() ?? '';
    const resultsUrl = env.ACTIONS_RESULTS_URL?.trim() ?? '';
    const missing = [...(token ? [] : ['ACTIONS_RUNTIME_TOKEN']), ...(resultsUrl ? [] : ['ACTIONS_RESULTS_URL'])];
    if (missing.length) {
        throw new errors/* ActionableError */.fU(`The GitHub Actions artifact service is not available to this step (${missing.join(' and ')} ` +
            `${missing.length > 1 ? 'are' : 'is'} not set). The runner gives ACTIONS_RUNTIME_TOKEN and ` +
            'ACTIONS_RESULTS_URL to JavaScript actions only (a `uses:` step), not to `run:` steps or the programs they ' +
            'start: run ghcr-publish with `uses: ghcr-publish/ghcr-publish@v0`. GitHub Enterprise Server does not ' +
            'offer the v4 artifact service that distributed builds need: build all platforms in one job there.');
    }
    if (!isHttpUrl(resultsUrl)) {
        throw new errors/* ActionableError */.fU(`ACTIONS_RESULTS_URL=${JSON.stringify((0,errors/* truncateForMessage */.$P)(resultsUrl))} is not an http(s) URL. The runner sets ` +
            'it for JavaScript actions: do not override it in `env:`.');
    }
    return new ArtifactStore(new URL(resultsUrl).origin, token, backendIdsFromToken(token), options);
}
/** A field by its proto name or its JSON name: protobuf's JSON mapping accepts both. */
function field(object, protoName) {
    if (protoName in object)
        return object[protoName];
    return object[protoName.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase())];
}
/** int64 travels as a JSON string (or a number from lenient encoders). */
function int64(value) {
    const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}
/** One MonolithArtifact of a ListArtifacts answer, with the uploading job's id; undefined when it is unusable. */
function parseListed(entry) {
    if (typeof entry !== 'object' || entry === null)
        return undefined;
    const object = entry;
    const name = field(object, 'name');
    const id = int64(field(object, 'database_id'));
    if (typeof name !== 'string' || id === undefined)
        return undefined;
    return { name, id, size: int64(field(object, 'size')) ?? 0, jobId: field(object, 'workflow_job_run_backend_id') };
}
/**
 * Rejection of withRetries(): the last error and how the attempts went, before it is turned into advice. Attempts
 * that failed in a way worth retrying may have done the work without the answer getting back.
 */
class CallFailure extends Error {
    error;
    trace;
    constructor(error, trace) {
        super('call failed');
        this.error = error;
        this.trace = trace;
    }
}
class ArtifactStore {
    origin;
    token;
    ids;
    fetch;
    sleep;
    timeoutMs;
    now;
    policy;
    constructor(origin, token, ids, options) {
        this.origin = origin;
        this.token = token;
        this.ids = ids;
        this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
        this.sleep = options.sleep ?? realSleep;
        this.timeoutMs = options.timeoutMs ?? HTTP_TIMEOUT_MS.artifacts;
        this.now = options.now ?? Date.now;
        const onRetry = options.retry?.onRetry;
        this.policy = {
            ...HTTP_RETRY.artifacts,
            ...options.retry,
            isTransient,
            retryAfterMs: error => (error instanceof HttpError ? parseRetryAfter(error.retryAfter) : undefined),
            // Our errors carry no secret, but a caller's log line should not depend on that: redact anyway.
            onRetry: onRetry && ((error, attempt, delayMs) => onRetry(this.redactError(error), attempt, delayMs))
        };
    }
    async put(name, content) {
        if (!/^[A-Za-z0-9._-]+$/.test(name))
            throw new Error(`Bug: ${JSON.stringify(name)} is not an artifact name.`);
        const bytes = Buffer.from(content, 'utf8');
        const created = await this.call('CreateArtifact', name, {
            ...this.ids,
            name,
            expires_at: new Date(this.now() + HANDOFF_RETENTION_MS).toISOString(),
            version: PROTOCOL_VERSION,
            mime_type: MIME_TYPE
        });
        const uploadUrl = field(created, 'signed_upload_url');
        if (field(created, 'ok') !== true || typeof uploadUrl !== 'string' || !isHttpUrl(uploadUrl)) {
            throw this.actionable(`The artifact service did not accept the artifact "${name}" (CreateArtifact: no upload URL).`);
        }
        try {
            await this.withRetries(() => this.upload(uploadUrl, bytes));
        }
        catch (failure) {
            throw this.explain('upload', name, failure);
        }
        let finalized;
        try {
            const body = { ...this.ids, name, size: String(bytes.length), hash: sha256Digest(bytes) };
            finalized = await this.withRetries(() => this.twirpOnce('FinalizeArtifact', body));
        }
        catch (failure) {
            // A lost answer to a FinalizeArtifact the service carried out makes the retry fail; the listing tells.
            if (failure instanceof CallFailure && failure.trace.transientFailures > 0) {
                const listed = await this.listAll('', name).catch(() => []);
                const ours = ({ jobId, size }) => jobId === this.ids.workflow_job_run_backend_id && size === bytes.length;
                if (listed.some(artifact => artifact.name === name && ours(artifact)))
                    return;
            }
            throw this.explain('FinalizeArtifact', name, failure);
        }
        if (field(finalized, 'ok') !== true || int64(field(finalized, 'artifact_id')) === undefined) {
            throw this.actionable(`The artifact service did not finalize the artifact "${name}" (FinalizeArtifact: not ok).`);
        }
    }
    async list(prefix) {
        const listed = await this.listAll(`the artifacts named "${prefix}…"`);
        return listed
            .filter(artifact => artifact.name.startsWith(prefix))
            .map(({ name, id, size }) => ({ name, id, size }))
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    async listAll(subject, nameFilter) {
        const filter = nameFilter === undefined ? {} : { name_filter: nameFilter };
        const answer = await this.call('ListArtifacts', nameFilter ?? '', { ...this.ids, ...filter }, subject);
        const entries = field(answer, 'artifacts');
        if (entries !== undefined && !Array.isArray(entries)) {
            throw this.actionable('The artifact service answered ListArtifacts without a list of artifacts.');
        }
        return (entries ?? []).map(parseListed).filter(entry => entry !== undefined);
    }
    /** One twirp call with retries; failures explained. */
    async call(method, name, body, subject) {
        try {
            return await this.withRetries(() => this.twirpOnce(method, body));
        }
        catch (failure) {
            throw this.explain(method, name, failure, subject);
        }
    }
    /** retry() that rejects with a CallFailure. */
    async withRetries(operation) {
        const trace = { attempts: 0, transientFailures: 0 };
        const attempt = async () => {
            trace.attempts++;
            try {
                return await operation();
            }
            catch (error) {
                if (isTransient(error))
                    trace.transientFailures++;
                throw error;
            }
        };
        try {
            return await retry(attempt, this.policy, this.sleep);
        }
        catch (error) {
            throw new CallFailure(error, trace);
        }
    }
    async twirpOnce(method, body) {
        const { response, text } = await this.send(method, `${this.origin}/twirp/${ARTIFACT_SERVICE}/${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${this.token}` },
            body: JSON.stringify(body)
        });
        let object;
        try {
            const parsed = JSON.parse(text);
            if (typeof parsed === 'object' && parsed !== null)
                object = parsed;
        }
        catch {
            // Not JSON: a proxy's error page, say.
        }
        if (response.ok) {
            // A proxy's HTML page with a 200 is a hiccup, not an answer.
            if (!object)
                throw new HttpError(502, `${method}: ${response.status}: the answer is not JSON`);
            return object;
        }
        const code = typeof object?.code === 'string' ? object.code : undefined;
        const msg = typeof object?.msg === 'string' ? object.msg : undefined;
        const said = msg ?? (object ? '' : text.slice(0, 200).trim());
        const status = `${response.status} ${response.statusText || ''}`.trim();
        const message = `${method}: ${status}${code ? ` (${code})` : ''}${said ? `: ${said}` : ''}`;
        const retryAfter = response.headers.get('retry-after') ?? undefined;
        throw new HttpError(response.status, message, retryAfter, code?.toUpperCase());
    }
    /** Put Blob in one request (x-ms-blob-type is what Azure requires); errors name the URL without its query. */
    async upload(url, bytes) {
        const parsed = new URL(url);
        const where = `PUT ${parsed.origin}${parsed.pathname}`;
        const { response, text } = await this.send(where, url, {
            method: 'PUT',
            headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': MIME_TYPE },
            body: bytes
        });
        if (response.ok)
            return;
        // Azure's error code from its XML body (`<Code>AuthenticationFailed</Code>`); the rest may echo the request.
        const azureCode = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
        const status = `${response.status} ${response.statusText || ''}`.trim();
        const retryAfter = response.headers.get('retry-after') ?? undefined;
        throw new HttpError(response.status, `${where}: ${status}${azureCode ? `: ${azureCode}` : ''}`, retryAfter);
    }
    /** One request, bounded in time; no answer becomes a TransportError that names `what`, never the URL. */
    async send(what, url, init) {
        try {
            const response = await this.fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs) });
            return { response, text: await response.text() };
        }
        catch (error) {
            throw new TransportError(`${what}: ${describeTransportFailure(error, this.timeoutMs)}`, isNetworkError(error));
        }
    }
    /** The advice for a failed call: what was done, what the service said, and what to do about it. */
    explain(operation, name, failure, subject = `the artifact "${name}"`) {
        const { error, trace } = failure instanceof CallFailure ? failure : { error: failure, trace: { attempts: 1, transientFailures: 0 } };
        const status = error instanceof HttpError ? error.status : undefined;
        if (operation === 'CreateArtifact' && status === 409) {
            return new ArtifactExistsError(name, trace.transientFailures > 0);
        }
        const upload = operation === 'upload';
        const what = upload ? `Uploading the content of ${subject} failed` : `${operation} for ${subject} failed`;
        const said = error instanceof Error ? error.message : String(error);
        const tries = trace.attempts > 1 ? ` after ${trace.attempts} attempts` : '';
        let advice = 'This is unexpected: re-run the job, and report it if it persists.';
        if (isQuotaRefusal(error)) {
            advice =
                'The artifact storage quota of the account is used up (usage is recalculated every 6 to 12 hours): ' +
                    'delete old artifacts or raise the spending limit.';
        }
        else if (status === 401) {
            advice =
                "The artifact service refused the job's runtime token. It is valid for a limited time only, which a very " +
                    'long job can outlive: re-run the job.';
        }
        else if (status === 403 && upload) {
            advice = 'Blob storage refused the signed URL (it is valid for minutes only): re-run the job.';
        }
        else if (isTransient(error)) {
            advice = upload
                ? 'Blob storage did not answer: if this is a self-hosted runner, allow it to reach *.blob.core.windows.net.'
                : 'The artifact service is unavailable; if this is a self-hosted runner, allow it to reach ' +
                    `${new URL(this.origin).host}. Re-run the job later.`;
        }
        return this.actionable(`${what}${tries}: ${said}. ${advice}`);
    }
    actionable(message) {
        return new errors/* ActionableError */.fU(this.redact(message));
    }
    /** Belt and braces: no message leaves this module with the token or a SAS signature in it. */
    redact(text) {
        return text
            .split(this.token)
            .join('***')
            .replace(/([?&]sig=)[^&\s"']*/gi, '$1***');
    }
    redactError(error) {
        if (!(error instanceof Error))
            return error;
        const redacted = this.redact(error.message);
        if (redacted === error.message)
            return error;
        return Object.assign(Object.create(Object.getPrototypeOf(error)), error, { message: redacted });
    }
}
function isHttpUrl(value) {
    try {
        const { protocol } = new URL(value);
        return protocol === 'https:' || protocol === 'http:';
    }
    catch {
        return false;
    }
}
/** 429 resource_exhausted "insufficient usage": the quota is used up, and waiting a few seconds will not help. */
function isQuotaRefusal(error) {
    return error instanceof HttpError && /insufficient usage/i.test(error.message);
}
/** 5xx, 429, 408 and lost connections; never a quota refusal. */
function isTransient(error) {
    if (error instanceof TransportError)
        return error.transient;
    return !isQuotaRefusal(error) && isTransientHttpError(error);
}

// EXTERNAL MODULE: ./src/steps/cleanup-state.ts
var cleanup_state = __webpack_require__(8095);
// EXTERNAL MODULE: ./src/core/github-context.ts
var github_context = __webpack_require__(5338);
// EXTERNAL MODULE: ./src/adapters/docker-credentials.ts
var docker_credentials = __webpack_require__(9045);
;// CONCATENATED MODULE: ./src/core/image-reference.ts
/**
 * Image references as docker and the OCI distribution spec read them: `[host[:port]/]path[:tag][@digest]`. Which
 * part is the registry, the repository and the tag, what a valid name is, and which registries are GitHub's or on
 * this machine. Pure; every module that splits or checks a reference uses these.
 */
const GHCR_REGISTRY = 'ghcr.io';
/** Docker's rule for the first component of a reference: a registry host has '.', ':' or is localhost. */
function isRegistryHost(component) {
    return component.includes('.') || component.includes(':') || component === 'localhost';
}
/** The registry host of an image reference (docker.io when the first component is no host). */
function registryOf(image) {
    const slash = image.indexOf('/');
    if (slash < 0)
        return 'docker.io';
    const first = image.slice(0, slash);
    return isRegistryHost(first) ? first : 'docker.io';
}
/** The repository path of an image reference without tag (docker.io's official images live under library/). */
function repositoryOf(image) {
    const registry = registryOf(image);
    const rest = image.startsWith(`${registry}/`) ? image.slice(registry.length + 1) : image;
    return registry === 'docker.io' && !rest.includes('/') ? `library/${rest}` : rest;
}
/** Splits `registry/repository:tag` (registry optional when it is the given one) into repository and tag. */
function splitReference(reference, registry) {
    let rest = reference;
    const slash = rest.indexOf('/');
    const first = slash < 0 ? '' : rest.slice(0, slash);
    if (first === registry)
        rest = rest.slice(slash + 1);
    else if (isRegistryHost(first)) {
        throw new Error(`${reference} is not on the registry ${registry}`);
    }
    const colon = rest.lastIndexOf(':');
    if (colon < 0 || colon < rest.lastIndexOf('/'))
        throw new Error(`${reference} has no tag`);
    return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1) };
}
/** localhost, 127.0.0.0/8 and [::1], with or without a port: this machine (unreachable from a container's network). */
function isLoopbackRegistry(host) {
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
    return name === 'localhost' || /^127(?:\.\d{1,3}){3}$/.test(name) || name === '::1';
}
/** ghcr.io, or the container registry of a GitHub Enterprise Server (containers.<host>). */
function isGitHubContainerRegistry(registry) {
    return registry === GHCR_REGISTRY || /^containers\./.test(registry);
}
// OCI distribution grammar: `[host[:port]/]component(/component)*`, lowercase.
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 255;
/** Why a lowercased image name (no tag, no digest) is not valid, if it is not. */
function imageNameProblem(name) {
    if (name.length > MAX_NAME_LENGTH)
        return `is longer than ${MAX_NAME_LENGTH} characters`;
    if (name.includes('@'))
        return 'has a digest; tags and digests come from the build, not from images';
    const components = name.split('/');
    const hasDomain = components.length > 1 && isRegistryHost(components[0] ?? '');
    const domain = hasDomain ? components.shift() : undefined;
    if (domain !== undefined) {
        const problem = registryHostProblem(domain);
        if (problem)
            return `has an invalid registry host "${domain}" (${problem})`;
    }
    const last = components[components.length - 1] ?? '';
    if (last.includes(':'))
        return 'has a tag; tags come from the tags input';
    const bad = components.find(component => !PATH_COMPONENT.test(component));
    if (bad !== undefined)
        return bad === '' ? 'has an empty path component' : `has an invalid path component "${bad}"`;
    return undefined;
}
/** Why `host[:port]` cannot be a registry address, if it cannot. */
function registryHostProblem(domain) {
    if (!DOMAIN.test(domain)) {
        return /\s/.test(domain)
            ? 'it has a blank'
            : /(^|\.)(\.|:|$)/.test(domain)
                ? 'it has an empty label between dots'
                : 'write host or host:port with letters, digits, dots and dashes';
    }
    const port = /:(\d+)$/.exec(domain)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
        return `port ${port} is not 1-65535`;
    const host = domain.replace(/:\d+$/, '');
    if (!host.startsWith('[') && host.split('.').some(label => label.length > 63))
        return 'a label is over 63 characters';
    return undefined;
}
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** The OCI tag grammar: 1 to 128 characters, not starting with '.' or '-'. */
function isValidTag(tag) {
    return TAG.test(tag);
}

;// CONCATENATED MODULE: ./src/adapters/registry-client.ts
/**
 * A minimal OCI distribution v2 client for the action's own registry calls (digests, manifests, verifying the
 * pushed tags), authenticating the way docker does: anonymous first, then whatever the 401 challenge asks for
 * (Basic, or a Bearer token from the realm). Every call is retried on registry hiccups through retry.ts; denials
 * keep the registry's own text so registry-errors.ts can explain them.
 */




const MANIFEST_MEDIA_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json'
];
/** Without every type, distribution answers 404 for an index or converts a Docker manifest to schema 1. */
const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');
/** Docker's rule: loopback registries are plain HTTP, everything else HTTPS unless declared insecure. */
function isInsecureRegistry(registry, insecureHosts = []) {
    const host = hostOf(registry);
    if (host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host))
        return true;
    return insecureHosts.some(entry => entry === registry || entry === host);
}
function hostOf(registry) {
    if (registry.startsWith('['))
        return registry.slice(0, registry.indexOf(']') + 1);
    const colon = registry.lastIndexOf(':');
    return colon < 0 ? registry : registry.slice(0, colon);
}
/** Parses `Bearer realm="…",service="…",scope="…"` (quoted values may contain commas). */
function parseChallenge(header) {
    if (!header)
        return undefined;
    const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
    if (!match)
        return undefined;
    const scheme = match[1].toLowerCase();
    if (scheme === 'basic')
        return { scheme: 'basic' };
    if (scheme !== 'bearer')
        return undefined;
    const params = {};
    const pattern = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
    for (const param of match[2].matchAll(pattern)) {
        params[param[1].toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : (param[3] ?? '');
    }
    return params.realm ? { scheme: 'bearer', realm: params.realm, service: params.service } : undefined;
}
/** `denied: permission_denied: write_package`, as docker prints an OCI error body; undefined if not one. */
function describeErrorBody(body) {
    try {
        const parsed = JSON.parse(body);
        const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
        const described = errors
            .filter(error => typeof error?.code === 'string')
            .map(error => ({
            code: String(error.code).toUpperCase(),
            text: `${String(error.code).toLowerCase()}: ${typeof error.message === 'string' ? error.message : ''}`.trim()
        }));
        if (!described.length)
            return undefined;
        return {
            code: described.some(error => error.code === 'DENIED') ? 'DENIED' : described[0].code,
            text: described.map(error => error.text).join('; ')
        };
    }
    catch {
        return undefined;
    }
}
class RegistryClient {
    options;
    registry;
    baseUrl;
    fetch;
    sleep;
    timeoutMs;
    policy;
    challenge;
    tokens = new Map();
    constructor(options) {
        this.options = options;
        this.registry = options.registry;
        // Docker Hub's name in references is not the host of its API.
        const host = options.registry === 'docker.io' ? 'registry-1.docker.io' : options.registry;
        this.baseUrl = `${isInsecureRegistry(options.registry, options.insecureHosts) ? 'http' : 'https'}://${host}`;
        this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
        this.sleep = options.sleep ?? realSleep;
        this.timeoutMs = options.timeoutMs ?? HTTP_TIMEOUT_MS.registry;
        this.policy = {
            ...HTTP_RETRY.registry,
            ...options.retry,
            isTransient: isTransientHttpError,
            retryAfterMs: error => retryAfterFromError(error)
        };
    }
    /** The digest the registry reports for a tag or digest, or undefined when it does not exist. */
    async manifestDigest(repository, reference) {
        const answer = await this.call({
            method: 'HEAD',
            repository,
            path: `/v2/${repository}/manifests/${reference}`,
            scope: 'pull',
            headers: { accept: MANIFEST_ACCEPT },
            accept: [404]
        });
        if (answer.response.status === 404)
            return undefined;
        const digest = answer.response.headers.get('docker-content-digest');
        if (digest)
            return digest;
        // The header is optional on HEAD in the spec: fall back to hashing the manifest.
        return (await this.getManifest(repository, reference)).digest;
    }
    async getManifest(repository, reference) {
        const { response, body } = await this.call({
            method: 'GET',
            repository,
            path: `/v2/${repository}/manifests/${reference}`,
            scope: 'pull',
            headers: { accept: MANIFEST_ACCEPT }
        });
        const text = body.toString('utf8');
        let mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
        if (!mediaType || mediaType === 'application/json') {
            try {
                mediaType = JSON.parse(text).mediaType ?? mediaType;
            }
            catch {
                // Not JSON: keep the header's type.
            }
        }
        return {
            mediaType: mediaType ?? '',
            digest: response.headers.get('docker-content-digest') ?? sha256Digest(body),
            body: text
        };
    }
    /** A blob's bytes (an image config, say), checked against its digest. */
    async getBlob(repository, digest) {
        const { body } = await this.call({
            method: 'GET',
            repository,
            path: `/v2/${repository}/blobs/${digest}`,
            scope: 'pull'
        });
        if (sha256Digest(body) !== digest) {
            throw new Error(`GET ${this.baseUrl}/v2/${repository}/blobs/${digest}: the content does not match its digest`);
        }
        return body;
    }
    /** Uploads a manifest (its blobs must already be there) and returns its digest. */
    async putManifest(repository, reference, body, mediaType) {
        const { response } = await this.call({
            method: 'PUT',
            repository,
            path: `/v2/${repository}/manifests/${reference}`,
            scope: 'pull,push',
            headers: { 'content-type': mediaType },
            body
        });
        return response.headers.get('docker-content-digest') ?? sha256Digest(body);
    }
    /** Uploads a blob unless the repository has it (one monolithic PUT: attestation bundles are small). */
    async putBlob(repository, body) {
        const digest = sha256Digest(body);
        const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
        const path = `/v2/${repository}/blobs/${digest}`;
        const head = await this.call({ method: 'HEAD', repository, path, scope: 'pull,push', accept: [404] });
        if (head.response.status !== 404)
            return { digest, size };
        const started = await this.call({
            method: 'POST',
            repository,
            path: `/v2/${repository}/blobs/uploads/`,
            scope: 'pull,push'
        });
        const location = started.response.headers.get('location');
        if (!location)
            throw new Error(`POST ${this.baseUrl}/v2/${repository}/blobs/uploads/ gave no upload location`);
        // Relative to the POST (RFC 9110); another host (a storage service) gets the URL as it is, without our credentials.
        const upload = new URL(location, `${this.baseUrl}/v2/${repository}/blobs/uploads/`);
        upload.searchParams.set('digest', digest);
        const sameOrigin = upload.origin === new URL(this.baseUrl).origin;
        await this.call({
            method: 'PUT',
            repository,
            path: sameOrigin ? `${upload.pathname}${upload.search}` : upload.toString(),
            scope: 'pull,push',
            headers: { 'content-type': 'application/octet-stream' },
            body
        });
        return { digest, size };
    }
    /** The OCI referrers API's index of manifests whose subject is `digest`; undefined where the registry has none. */
    async referrers(repository, digest) {
        const { response, body } = await this.call({
            method: 'GET',
            repository,
            path: `/v2/${repository}/referrers/${digest}`,
            scope: 'pull',
            headers: { accept: 'application/vnd.oci.image.index.v1+json' },
            accept: [404, 400, 405]
        });
        const type = response.headers.get('content-type') ?? '';
        return response.ok && type.startsWith('application/vnd.oci.image.index.v1+json')
            ? body.toString('utf8')
            : undefined;
    }
    call(request) {
        return retry(() => this.send(request), this.policy, this.sleep);
    }
    /** One attempt: with the credentials the last challenge asked for, and once more after a fresh 401. */
    async send(request) {
        const elsewhere = /^https?:\/\//.test(request.path);
        const url = elsewhere ? request.path : `${this.baseUrl}${request.path}`;
        if (elsewhere) {
            const answer = await this.exchange(url, request, undefined);
            if (answer.response.ok || request.accept?.includes(answer.response.status))
                return answer;
            throw this.httpError(request, answer.response, answer.body);
        }
        let answer = await this.exchange(url, request, await this.authorization(request));
        if (answer.response.status === 401) {
            const challenge = parseChallenge(answer.response.headers.get('www-authenticate'));
            const hadAuthorization = this.challenge !== undefined;
            if (challenge) {
                this.challenge = challenge;
                this.tokens.delete(this.scopeKey(request));
                // A 401 on credentials built for this very challenge means they are wrong: do not loop.
                if (!hadAuthorization || challenge.scheme === 'bearer') {
                    answer = await this.exchange(url, request, await this.authorization(request));
                }
            }
        }
        const { response, body } = answer;
        if (response.ok || request.accept?.includes(response.status))
            return answer;
        // A HEAD answer has no body, so a denial would lose the registry's text (GHCR's "denied: ..."): ask again
        // with GET to read it. Only for answers that end the call; hiccups are retried as they are.
        if (request.method === 'HEAD' && !isTransientHttpError(new HttpError(response.status, ''))) {
            const detailed = await this.exchange(url, { ...request, method: 'GET' }, await this.authorization(request));
            if (detailed.response.status === response.status) {
                throw this.httpError({ ...request, method: 'GET' }, detailed.response, detailed.body);
            }
        }
        throw this.httpError(request, response, body);
    }
    async exchange(url, request, authorization) {
        const headers = { ...request.headers };
        if (authorization)
            headers.authorization = authorization;
        const response = await this.fetch(url, {
            method: request.method,
            headers,
            body: request.body,
            redirect: 'follow',
            signal: AbortSignal.timeout(this.timeoutMs)
        });
        // Read the body inside the same timeout: a registry that stalls mid-body is a hiccup too.
        const body = request.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
        return { response, body };
    }
    basic() {
        const { username, password } = this.options;
        if (username === undefined || password === undefined)
            return undefined;
        return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    scopeKey(request) {
        return `repository:${request.repository}:${request.scope}`;
    }
    async authorization(request) {
        const challenge = this.challenge;
        if (!challenge)
            return undefined;
        if (challenge.scheme === 'basic')
            return this.basic();
        const scope = this.scopeKey(request);
        let token = this.tokens.get(scope);
        if (!token) {
            token = await this.fetchToken(challenge, scope);
            this.tokens.set(scope, token);
        }
        return `Bearer ${token}`;
    }
    async fetchToken(challenge, scope) {
        const url = new URL(challenge.realm);
        if (challenge.service)
            url.searchParams.set('service', challenge.service);
        url.searchParams.set('scope', scope);
        const basic = this.basic();
        const response = await this.fetch(url.toString(), {
            method: 'GET',
            headers: basic ? { authorization: basic } : {},
            signal: AbortSignal.timeout(this.timeoutMs)
        });
        const text = await response.text();
        if (!response.ok) {
            throw this.httpError({ method: 'GET', path: url.pathname }, response, Buffer.from(text), url.origin);
        }
        let parsed = {};
        try {
            parsed = JSON.parse(text);
        }
        catch {
            // Reported below.
        }
        const token = typeof parsed.token === 'string' ? parsed.token : parsed.access_token;
        if (typeof token !== 'string' || token === '') {
            throw new HttpError(response.status, `The token service ${url.origin} answered without a token`);
        }
        return token;
    }
    httpError(request, response, body, origin = this.baseUrl) {
        const described = describeErrorBody(body.toString('utf8'));
        const status = `${response.status} ${response.statusText || ''}`.trim();
        // A redirected answer comes from a blob store whose error text may echo the signed URL: only OCI errors count.
        const raw = body.length && !response.redirected ? body.toString('utf8').slice(0, 300).trim() : '';
        const said = described?.text ?? raw;
        const message = `${request.method} ${origin}${request.path}: ${status}${said ? `: ${said}` : ''}`;
        return new HttpError(response.status, message, response.headers.get('retry-after') ?? undefined, described?.code);
    }
}
/** Each pushed tag must resolve to the digest the push reported: catches a lost or raced tag. */
async function verifyTags(client, expected) {
    const checks = [];
    // One at a time: a handful of HEADs, and no burst towards a rate-limited registry.
    for (const { reference, digest } of expected) {
        const { repository, tag } = splitReference(reference, client.registry);
        const found = await client.manifestDigest(repository, tag);
        checks.push({ reference, found, ok: found === digest });
    }
    return checks;
}

;// CONCATENATED MODULE: ./src/core/registry-errors.ts
/**
 * Turns what docker or a registry said into what to do about it. GHCR's denials are the most common
 * publishing failure and their texts do not say the fix. Pure.
 */

const PACKAGES_WRITE = 'Give the job "permissions: packages: write" (and, where the organization restricts it, set ' +
    'Settings → Actions → General → Workflow permissions to "Read and write").';
const MANAGE_ACTIONS_ACCESS = 'The package exists but this repository may not write it: open the package on GitHub → Package settings → ' +
    'Manage Actions access, add this repository with the Write role (or link the package to it with the ' +
    'org.opencontainers.image.source label before its first publish).';
const KNOWN_FAILURES = [
    {
        pattern: /installation not allowed to (Write|Create) organization package/i,
        fix: context => context.forkPullRequest
            ? 'Pull requests from forks get a read-only GITHUB_TOKEN and cannot push; leave push on auto so they build only.'
            : `${PACKAGES_WRITE} If the token is a GitHub App installation token, use the workflow's GITHUB_TOKEN instead.`
    },
    { pattern: /permission_denied: write_package|denied: permission_denied/i, fix: () => MANAGE_ACTIONS_ACCESS },
    // `denied: ` is the registry's error code; a RUN step's "Permission denied" is not a registry refusal.
    { pattern: /\b403 Forbidden\b|\bdenied: /i, fix: () => `${PACKAGES_WRITE} ${MANAGE_ACTIONS_ACCESS}` },
    {
        pattern: /unauthorized|authentication required|incorrect username or password/i,
        fix: context => isGitHubContainerRegistry(context.registry)
            ? 'The registry refused the credentials: keep the default github-token (or pass a classic PAT with ' +
                'write:packages as password), and give the job "permissions: packages: write".'
            : `The registry ${context.registry} refused the credentials: check the username and password inputs.`
    },
    {
        pattern: /toomanyrequests|429 Too Many Requests/i,
        fix: () => 'The registry is rate limiting this runner: re-run the job later, or reduce parallel pushes.'
    },
    {
        pattern: /repository name must be lowercase/i,
        fix: () => 'Image names must be lowercase: let ghcr-publish compute them (images input) instead of raw references.'
    }
];
/** Lines docker and buildx print after the error that say nothing about it. */
const BOILERPLATE = /^(?:Run '.*--help' for more information|See '.*--help'\.?|Learn more at \S+|For more information, see \S+)$/;
/** An error marker: buildx's `ERROR:`, the daemon's answer (also as `docker run` prints it), BuildKit's `#12 ERROR:`. */
const ERROR_MARKER = /^(?:docker: )?(?:ERROR|error|Error response from daemon|Error)\b/;
function isErrorLine(line) {
    return ERROR_MARKER.test(line.replace(PROGRESS_PREFIX, ''));
}
/**
 * What docker's output says went wrong: the last line carrying an error marker, with the lines that continue it
 * (up to two: "Switch to a different driver, ..."), or else the last line that is not boilerplate. The cause is
 * often not the last line: `docker run` ends with "Run 'docker run --help' for more information", buildx with
 * "Learn more at https://docs.docker.com/go/attestations/".
 */
function errorCause(output) {
    const lines = output
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line !== '');
    const marker = lines.findLastIndex(isErrorLine);
    if (marker < 0)
        return lines.findLast(line => !BOILERPLATE.test(line)) ?? lines.at(-1) ?? '';
    const continuation = lines
        .slice(marker + 1, marker + 3)
        .filter(line => !BOILERPLATE.test(line) && !PROGRESS_PREFIX.test(line));
    return [lines[marker], ...continuation].join(' ');
}
function explainFailure(output, context) {
    const known = KNOWN_FAILURES.find(failure => failure.pattern.test(output));
    const said = errorCause(output) || 'no error message';
    return `${context.operation} failed: ${said}${known ? `\n${known.fix(context)}` : ''}`;
}
/**
 * A registry or network hiccup as docker, buildx and BuildKit print it: an HTTP status with its reason phrase or
 * in an HTTP context ("503 Service Unavailable", "error parsing HTTP 429 response body", "status: 502"), a rate
 * limit, a connection that broke ("connection reset by peer", `Put "…": EOF`; not one refused), a network
 * timeout, a name server hiccup. Bare numbers and words are not enough: "line 512", "timeout waiting for lock"
 * and a Dockerfile's "unexpected EOF" are not registry hiccups.
 */
const TRANSIENT_REGISTRY_FAILURE = new RegExp([
    String.raw `\b(?:5\d\d|429|408) (?:[A-Z][a-z]+ ?)+`,
    String.raw `\bHTTP(?:/\d(?:\.\d)?)? (?:5\d\d|429|408)\b`,
    String.raw `\bstatus(?: code)?:? (?:5\d\d|429|408)\b`,
    'toomanyrequests',
    // Not "connection refused": nothing listens there, and another attempt (a whole rebuild) finds the same.
    'connection reset|broken pipe|network is unreachable|GOAWAY',
    String.raw `i/o timeout|TLS handshake timeout|Client\.Timeout exceeded|context deadline exceeded|connection timed out`,
    String.raw `server misbehaving|Temporary failure in name resolution`,
    String.raw `"[a-z]+://[^"]*": (?:unexpected )?EOF\b|\b(?:read|write) tcp \S+: (?:unexpected )?EOF\b`,
    String.raw `failed to do request: .*\bEOF\b`
].join('|'));
/**
 * Answers another attempt cannot change, whatever else the line says: refused credentials or permissions (GHCR's
 * "denied: ...", a 401/403 from the registry or its token service) and build steps that failed. Matched on the
 * line without its quoted parts and references (an image named access-denied is not a denial).
 */
const PERMANENT_FAILURE = /\bdenied\b|unauthorized|authentication required|forbidden|\b40[13]\b|insufficient_scope|not allowed to|did not complete successfully|executor failed running/i;
/** The line without quoted strings and words holding a slash (URLs, image references, paths). */
function withoutNames(line) {
    return line.replace(/"[^"]*"/g, '""').replace(/\S*\/\S*/g, '');
}
/** Docker hides the registry's Retry-After: a rate limit waits at least this long before another attempt. */
const RATE_LIMIT_WAIT_MS = 5_000;
function isRateLimited(output) {
    return /toomanyrequests|\b429 Too Many Requests|\bHTTP 429\b|status(?: code)?:? 429\b/i.test(output);
}
/** BuildKit's own error lines carry the step number ("#12 ERROR: ..."); a RUN step's output ("#12 0.51 ...") stays out. */
const PROGRESS_PREFIX = /^#\d+\s+/;
/**
 * The lines of docker's output that state its error: those starting with an error marker (`ERROR:`, `error:`,
 * `Error response from daemon:`, BuildKit's `#12 ERROR:`) and the last line. Build output in between (a RUN
 * step printing "connection refused", say) is not the command's error.
 */
function errorLines(output) {
    const lines = output
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line !== '');
    const errors = lines.filter(isErrorLine);
    const last = lines.at(-1);
    return last === undefined || errors.at(-1) === last ? errors : [...errors, last];
}
/**
 * True when a failed docker command (login, push, buildx build --push) failed on a registry hiccup that another
 * attempt may not meet, false for anything else: never for a denial, a credentials problem or a failed build
 * step, even when the same output also shows a hiccup. Pure: reads what docker printed (its stderr).
 */
function isTransientRegistryFailure(output) {
    const lines = errorLines(output);
    return (lines.some(line => TRANSIENT_REGISTRY_FAILURE.test(line.replace(/"\/[^"]*"/g, '""'))) &&
        !lines.some(line => PERMANENT_FAILURE.test(withoutNames(line))));
}

;// CONCATENATED MODULE: ./src/adapters/push-verification.ts
/**
 * After a push, each tag must resolve in its registry to the digest the step reports: a tag that another
 * job moved meanwhile, or a push that silently lost a tag, fails the step instead of being attested.
 */






async function verifyPushedTags(tags, digest, logins, onRetry, onSkip = onRetry) {
    const checks = [];
    for (const registry of [...new Set(tags.map(registryOf))]) {
        const credentials = credentialsFor(registry, logins);
        const client = registryClientWith(registry, credentials, onRetry);
        const expected = tags.filter(tag => registryOf(tag) === registry).map(reference => ({ reference, digest }));
        try {
            checks.push(...(await verifyTags(client, expected)));
        }
        catch (error) {
            // docker pushed with credentials this step cannot read (a helper that is not on PATH, a cloud login): the
            // push succeeded, so an unreadable check must not fail it.
            if (!credentials && isUnauthorized(error)) {
                onSkip(`Not verifying the pushed tags on ${registry}: it asks for credentials and none were found for it ` +
                    "(no login by this step, no auths entry or working credential helper in docker's config.json).");
                continue;
            }
            throw new errors/* ActionableError */.fU(explainFailure(error.message, {
                operation: `Verifying the pushed tags on ${registry}`,
                registry,
                forkPullRequest: false
            }) + '\nSet "verify: false" to skip the check for a registry whose API this runner cannot reach.');
        }
    }
    const wrong = checks.filter(check => !check.ok);
    if (wrong.length > 0) {
        throw new errors/* ActionableError */.fU(`The registry does not serve the pushed digest ${digest} for ${wrong
            .map(check => `${check.reference} (${check.found ? `it serves ${check.found}` : 'tag not found'})`)
            .join(', ')}. Another job may have pushed the same tag meanwhile; re-run this job.`);
    }
    return checks;
}
/**
 * A client for the registry with the credentials the step logged in with there, else those an earlier step
 * left in docker's config.json, else anonymous.
 */
function registryClientFor(registry, logins, onRetry) {
    return registryClientWith(registry, credentialsFor(registry, logins), onRetry);
}
function credentialsFor(registry, logins) {
    return logins.find(candidate => candidate.registry === registry) ?? (0,docker_credentials/* storedDockerCredentials */._4)(registry);
}
function registryClientWith(registry, login, onRetry) {
    return new RegistryClient({
        registry,
        username: login?.username,
        password: login?.password,
        retry: {
            onRetry: (error, attempt, delayMs) => onRetry(`${registry}: ${String(error)} (retry ${attempt} in ${delayMs} ms)`)
        }
    });
}
function isUnauthorized(error) {
    return error instanceof HttpError && error.status === 401;
}

// EXTERNAL MODULE: ./src/adapters/docker.ts
var docker = __webpack_require__(8226);
// EXTERNAL MODULE: ./src/adapters/runner.ts
var runner = __webpack_require__(5512);
;// CONCATENATED MODULE: ./src/steps/job.ts







async function login(step) {
    for (const { registry, username, password } of step.plan.login.logins) {
        // Recorded first: a login cancelled half-way may still have written credentials for post to remove.
        if (step.plan.logout)
            step.cleanup.loggedIn(registry);
        await mustRun(['login', '--username', username, '--password-stdin', registry], { stdin: password }, `Login to ${registry}`, step, LOGIN_ATTEMPTS);
    }
    for (const skipped of step.plan.login.skipped)
        runner/* log */.Rm.info(`No login to ${skipped.registry}: ${skipped.reason}.`);
}
/** A login is quick and comes first: one attempt more than other commands before the step gives up. */
const LOGIN_ATTEMPTS = 4;
function failureContext(operation, step) {
    const registry = step.plan.login.logins[0]?.registry ?? registryOf(step.plan.image);
    return { operation, registry, forkPullRequest: (0,github_context/* isForkPullRequest */.B7)(step.context) };
}
/**
 * Runs a docker command and fails the step with an explained error. A registry or network hiccup in its output
 * (registry-errors.ts: never a denial, a credentials problem or a failed build step) is retried, bounded and
 * logged: docker retries blob uploads itself, but not a manifest PUT, a token request or a pull of a base image,
 * and a 429's Retry-After never reaches us, so a rate limit waits RATE_LIMIT_WAIT_MS at least.
 */
async function mustRun(args, options, operation, step, attempts = DOCKER_RETRY.attempts) {
    const result = await retry(async () => {
        const outcome = await (0,docker/* docker */.T)(args, options);
        const said = outcome.stderr || outcome.stdout;
        if (outcome.exitCode !== 0 && isTransientRegistryFailure(said))
            throw new DockerHiccup(outcome, said);
        return outcome;
    }, {
        ...DOCKER_RETRY,
        attempts,
        isTransient: error => error instanceof DockerHiccup,
        retryAfterMs: error => error instanceof DockerHiccup && isRateLimited(error.said) ? RATE_LIMIT_WAIT_MS : undefined,
        onRetry: (error, attempt, delayMs) => runner/* log */.Rm.info(`${operation} failed transiently (${error.message}); retry ${attempt} in ${delayMs} ms.`)
    }).catch(error => (error instanceof DockerHiccup ? error.result : Promise.reject(error)));
    if (result.exitCode !== 0) {
        throw new errors/* ActionableError */.fU(explainFailure(result.stderr || result.stdout, failureContext(operation, step)));
    }
    return result;
}
const DOCKER_RETRY = { attempts: 3, baseDelayMs: 2_000, maxDelayMs: 10_000 };
class DockerHiccup extends Error {
    result;
    said;
    constructor(result, said) {
        super(errorCause(said));
        this.result = result;
        this.said = said;
    }
}

;// CONCATENATED MODULE: ./src/core/platforms.ts
/**
 * Platforms (os/arch[/variant]): read from the input, normalised as containerd normalises what BuildKit records,
 * turned into the slug of a handoff name and back for display, and mapped to the QEMU emulators a build needs on
 * this runner. Pure.
 */

const PLATFORM_PATTERN = /^[a-z0-9_-]+(\/[a-z0-9_.-]+){1,2}$/;
/** Platforms as buildx takes them (os/arch[/variant]), lowercased, duplicates dropped. */
function parsePlatforms(items) {
    const platforms = [];
    for (const item of items) {
        const platform = item.value.toLowerCase();
        if (!PLATFORM_PATTERN.test(platform)) {
            throw new errors/* InputError */.dz('platforms', item.value, 'not a platform', 'Write os/arch or os/arch/variant, such as linux/amd64, linux/arm64 or linux/arm/v7.', item.line);
        }
        if (!platforms.includes(platform))
            platforms.push(platform);
    }
    return platforms;
}
function platformSlug(platform) {
    return normalizePlatform(platform).replace(/\//g, '-');
}
function displayPlatform(slug) {
    return slug.replace(/-/g, '/');
}
/**
 * containerd's platform normalization, which BuildKit applies to what it records in images: architecture
 * aliases, arm without variant is arm/v7, arm64/v8 is arm64.
 */
function normalizePlatform(platform) {
    const [os = '', architecture = '', givenVariant = ''] = platform.toLowerCase().split('/');
    let arch = architecture;
    let variant = givenVariant;
    switch (architecture) {
        case 'i386':
            arch = '386';
            variant = '';
            break;
        case 'x86_64':
        case 'x86-64':
        case 'amd64':
            arch = 'amd64';
            if (variant === 'v1')
                variant = '';
            break;
        case 'aarch64':
        case 'arm64':
            arch = 'arm64';
            if (variant === '8' || variant === 'v8')
                variant = '';
            break;
        case 'armhf':
            arch = 'arm';
            variant = 'v7';
            break;
        case 'armel':
            arch = 'arm';
            variant = 'v6';
            break;
        case 'arm':
            if (variant === '')
                variant = 'v7';
            else if (/^[5-8]$/.test(variant))
                variant = `v${variant}`;
            break;
    }
    return [os, arch, variant].filter(part => part !== '').join('/');
}
/** Architectures a host runs natively, by Node's process.arch. */
const NATIVE = {
    x64: ['amd64', '386'],
    arm64: ['arm64'],
    arm: ['arm'],
    ppc64: ['ppc64le'],
    s390x: ['s390x'],
    riscv64: ['riscv64']
};
/** binfmt_misc entry names (qemu-<name>) per platform architecture, as tonistiigi/binfmt registers them. */
const BINFMT_NAME = {
    amd64: 'x86_64',
    '386': 'i386',
    arm64: 'aarch64',
    arm: 'arm',
    ppc64le: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
    mips64le: 'mips64el',
    mips64: 'mips64',
    loong64: 'loongarch64'
};
function architectureOf(platform) {
    return normalizePlatform(platform).split('/')[1] ?? '';
}
/**
 * Architectures to install emulators for: requested, not native, and not already registered in
 * binfmt_misc (`registered` holds entry names such as qemu-aarch64).
 */
function emulatorsToInstall(platforms, hostArch, registered) {
    const native = NATIVE[hostArch] ?? [];
    const missing = new Set();
    for (const platform of platforms) {
        const arch = architectureOf(platform);
        if (native.includes(arch))
            continue;
        const entry = `qemu-${BINFMT_NAME[arch] ?? arch}`;
        if (!registered.includes(entry))
            missing.add(arch);
    }
    return [...missing];
}
/**
 * A binfmt_misc entry (the text of /proc/sys/fs/binfmt_misc/qemu-<arch>) that works for builds: enabled, and with
 * the F flag (the interpreter is opened when registered, so it runs inside containers that do not have it). A
 * disabled entry, or one without F, ends in "exec format error" or a missing interpreter in the RUN step.
 */
function isUsableEmulator(entry) {
    const lines = entry.split('\n').map(line => line.trim());
    const flags = lines.find(line => line.startsWith('flags:'))?.slice('flags:'.length) ?? '';
    return lines[0] === 'enabled' && flags.includes('F');
}

;// CONCATENATED MODULE: ./src/core/handoff.ts
/**
 * How a platform job hands its digest to the merge job of the same workflow run, and how the merge job picks
 * one digest per platform. Pure: the artifact store is an adapter.
 *
 * Everything the merge needs is in the artifact's name: on a re-run, the artifact service lists the earlier
 * attempt's artifacts but may refuse to download them (actions/download-artifact#486), so the merge job never
 * downloads. The name holds a key of the image list, the platform, the run attempt and the digest; the content
 * (the same facts in JSON, plus the job) is only for people looking at the run's artifacts.
 */




/** Every handoff artifact's name starts with this; the merge job lists the run's artifacts by it. */
const HANDOFF_PREFIX = 'ghcr-publish-digest-';
const NAME_PATTERN = new RegExp(`^ghcr-publish-digest-([a-f0-9]{12})-([a-z0-9._-]+)-a(\\d+)-(${SHA256_HEX_PATTERN})$`);
function handoffArtifact(images, platform, digest, context) {
    const runAttempt = Number(context.runAttempt) || 1;
    const name = `${HANDOFF_PREFIX}${imagesKey(images)}-${platformSlug(platform)}-a${runAttempt}-${digest.replace(/^sha256:/, '')}`;
    const content = {
        images: sortedImages(images),
        platform: normalizePlatform(platform),
        digest,
        runId: context.runId,
        runAttempt,
        job: context.job
    };
    return { name, content: JSON.stringify(content, null, 2) };
}
/** A key of the image list, independent of order and case. */
function imagesKey(images) {
    return (0,external_node_crypto_.createHash)('sha256').update(sortedImages(images).join('\n')).digest('hex').slice(0, 12);
}
function sortedImages(images) {
    return [...new Set(images.map(image => image.toLowerCase()))].sort();
}
/** The handoff a name describes; undefined for other artifacts (or another version's names). */
function parseHandoffName(name) {
    const match = NAME_PATTERN.exec(name);
    if (!match)
        return undefined;
    return {
        imagesKey: match[1],
        platformSlug: match[2],
        runAttempt: Number(match[3]),
        digest: `sha256:${match[4]}`,
        artifact: name
    };
}
/**
 * One handoff per platform for the merge job's images, from the latest attempt that handed that platform off.
 * Refuses missing or unexpected platforms, and two digests for one platform in one attempt (a matrix that lists
 * a platform twice and built it differently).
 */
function selectPlatformDigests(artifactNames, request) {
    const handoffs = artifactNames.map(parseHandoffName).filter(handoff => handoff !== undefined);
    const key = imagesKey(request.images);
    const ours = handoffs.filter(handoff => handoff.imagesKey === key);
    const wanted = sortedImages(request.images).join(', ');
    if (ours.length === 0) {
        const others = handoffs.map(handoff => handoff.artifact);
        throw new errors/* ActionableError */.fU(others.length > 0
            ? `No platform job of this run pushed digests for ${wanted}, but ${others.length} handed off digests for ` +
                `other images (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}). The platform jobs ` +
                'and the merge job must compute the same images: give them the same "images" input.'
            : `No platform job of this run handed off a digest for ${wanted}. ` +
                ((request.runAttempt ?? 1) > 1
                    ? `This is attempt ${request.runAttempt} of the run: handoffs are kept for one day, so a merge job ` +
                        're-run alone more than a day after its platform jobs finds them expired. Re-run all jobs ' +
                        '(not only the failed one), so the platform jobs push and hand off again. Otherwise: '
                    : '') +
                'Run the platform jobs first with "distribute: platform" (and "needs:" them in the merge job); a ' +
                'platform job that did not push (on a pull request, say) hands nothing off.');
    }
    const byPlatform = new Map();
    for (const handoff of ours)
        byPlatform.set(handoff.platformSlug, [...(byPlatform.get(handoff.platformSlug) ?? []), handoff]);
    const selected = [];
    for (const [slug, candidates] of byPlatform) {
        const latest = Math.max(...candidates.map(handoff => handoff.runAttempt));
        const current = candidates.filter(handoff => handoff.runAttempt === latest);
        if (current.length > 1) {
            throw new errors/* ActionableError */.fU(`Two digests were handed off for ${displayPlatform(slug)} of ${wanted} in attempt ${latest}: ` +
                `${current.map(handoff => handoff.digest).join(' and ')}. Each platform must be built by one job: check ` +
                'that the matrix lists every platform once.');
        }
        selected.push(current[0]);
    }
    const expected = request.platforms.map(platformSlug);
    if (expected.length > 0) {
        const found = selected.map(handoff => handoff.platformSlug);
        const missing = expected.filter(slug => !found.includes(slug));
        const unexpected = found.filter(slug => !expected.includes(slug));
        if (missing.length > 0 || unexpected.length > 0) {
            throw new errors/* ActionableError */.fU([
                missing.length > 0
                    ? `No digest was handed off for ${missing.map(displayPlatform).join(', ')} of ${wanted}`
                    : '',
                unexpected.length > 0
                    ? `digests were handed off for ${unexpected.map(displayPlatform).join(', ')}, not in "platforms"`
                    : ''
            ]
                .filter(Boolean)
                .join('; ') +
                ` (handed off: ${found.map(displayPlatform).join(', ') || 'none'}). Did a platform job fail or skip its ` +
                'push? The merge job\'s "platforms" must list exactly the platforms of the matrix (or leave it empty to ' +
                'merge what was handed off).');
        }
    }
    return selected.sort((a, b) => a.platformSlug.localeCompare(b.platformSlug));
}

;// CONCATENATED MODULE: ./src/core/metadata/date-format.ts
/**
 * moment/moment-timezone compatible date formatting over the Intl API, so that `{{date 'FORMAT' tz='Zone'}}` renders
 * the same string as in docker/metadata-action without bundling moment and its time zone database. Intl only supplies
 * the UTC offset (and the zone abbreviation); every token is computed here with moment's English locale rules.
 */
class DateFormatError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DateFormatError';
    }
}
const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
// moment's en locale; the lowercase forms are the uppercase ones with short names and unpadded numbers.
const LOCALIZED = {
    LTS: 'h:mm:ss A',
    LT: 'h:mm A',
    L: 'MM/DD/YYYY',
    LL: 'MMMM D, YYYY',
    LLL: 'MMMM D, YYYY h:mm A',
    LLLL: 'dddd, MMMM D, YYYY h:mm A',
    l: 'M/D/YYYY',
    ll: 'MMM D, YYYY',
    lll: 'MMM D, YYYY h:mm A',
    llll: 'ddd, MMM D, YYYY h:mm A'
};
const DAY_MS = 86_400_000;
function pad(value, width, forceSign = false) {
    const digits = String(Math.abs(value)).padStart(width, '0');
    return (value < 0 ? '-' : forceSign ? '+' : '') + digits;
}
function ordinal(value) {
    const tens = Math.trunc((value % 100) / 10);
    const units = value % 10;
    const suffix = tens === 1 ? 'th' : units === 1 ? 'st' : units === 2 ? 'nd' : units === 3 ? 'rd' : 'th';
    return `${value}${suffix}`;
}
function daysSinceEpoch(year, monthIndex, day) {
    // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
    const date = new Date(0);
    date.setUTCFullYear(year, monthIndex, day);
    return Math.floor(date.getTime() / DAY_MS);
}
const weekdayOf = (dayNumber) => (((dayNumber + 4) % 7) + 7) % 7;
/**
 * Week numbering as moment defines it: weeks start on `firstDay`, and week 1 is the week holding January
 * `7 + firstDay - doy` (en: Sunday weeks, week 1 holds January 1st; ISO: Monday weeks, week 1 holds January 4th).
 */
function weekOf(m, firstDay, doy) {
    const start = (year) => {
        const anchor = daysSinceEpoch(year, 0, 7 + firstDay - doy);
        return anchor - ((weekdayOf(anchor) - firstDay + 7) % 7);
    };
    let year = m.year;
    let first = start(year);
    if (m.dayNumber < first) {
        year--;
        first = start(year);
    }
    else {
        const next = start(year + 1);
        if (m.dayNumber >= next) {
            year++;
            first = next;
        }
    }
    return { week: Math.floor((m.dayNumber - first) / 7) + 1, year };
}
const localeWeek = (m) => weekOf(m, 0, 6);
const isoWeek = (m) => weekOf(m, 1, 4);
const eraYear = (m) => (m.year >= 1 ? m.year : 1 - m.year);
const era = (m, long) => m.year >= 1 ? (long ? 'Anno Domini' : 'AD') : long ? 'Before Christ' : 'BC';
function utcOffset(m, separator) {
    const total = Math.abs(m.offset);
    const sign = m.offset < 0 ? '-' : '+';
    return `${sign}${pad(Math.trunc(total / 60), 2)}${separator}${pad(Math.trunc(total) % 60, 2)}`;
}
function zoneAbbreviation(m) {
    // moment-timezone prints the tz database abbreviation. Intl's en-US short names agree for UTC, GMT and the North
    // American zones (EST/EDT, CST, MST, PST, AKST, HST...), but elsewhere Intl answers with an offset such as
    // `GMT+1` (Europe/Paris, tzdb CET), `GMT+9` (Asia/Tokyo, JST) or `GMT+5:30` (Asia/Kolkata, IST), and zones whose
    // tzdb abbreviation is numeric (`+07`) come out as `GMT+7`. That difference is accepted: carrying the tz database
    // to fix it would cost more than the rarely used z token is worth.
    const zone = m.zone;
    if (zone.abbreviation !== undefined)
        return zone.abbreviation;
    zone.names ??= new Intl.DateTimeFormat('en-US', { timeZone: zone.name, timeZoneName: 'short' });
    return zone.names.formatToParts(m.epoch).find(part => part.type === 'timeZoneName')?.value ?? '';
}
const hour12 = (m) => m.hour % 12 || 12;
const RENDERERS = {
    M: m => String(m.month),
    Mo: m => ordinal(m.month),
    MM: m => pad(m.month, 2),
    MMM: m => MONTHS[m.month - 1].slice(0, 3),
    MMMM: m => MONTHS[m.month - 1],
    Q: m => String(Math.ceil(m.month / 3)),
    Qo: m => ordinal(Math.ceil(m.month / 3)),
    D: m => String(m.day),
    Do: m => ordinal(m.day),
    DD: m => pad(m.day, 2),
    DDD: m => String(m.dayOfYear),
    DDDo: m => ordinal(m.dayOfYear),
    DDDD: m => pad(m.dayOfYear, 3),
    d: m => String(m.weekday),
    do: m => ordinal(m.weekday),
    dd: m => WEEKDAYS[m.weekday].slice(0, 2),
    ddd: m => WEEKDAYS[m.weekday].slice(0, 3),
    dddd: m => WEEKDAYS[m.weekday],
    // en weeks start on Sunday, so the locale weekday is the plain weekday.
    e: m => String(m.weekday),
    E: m => String(m.weekday || 7),
    w: m => String(localeWeek(m).week),
    wo: m => ordinal(localeWeek(m).week),
    ww: m => pad(localeWeek(m).week, 2),
    W: m => String(isoWeek(m).week),
    Wo: m => ordinal(isoWeek(m).week),
    WW: m => pad(isoWeek(m).week, 2),
    gg: m => pad(localeWeek(m).year % 100, 2),
    gggg: m => pad(localeWeek(m).year, 4),
    ggggg: m => pad(localeWeek(m).year, 5),
    GG: m => pad(isoWeek(m).year % 100, 2),
    GGGG: m => pad(isoWeek(m).year, 4),
    GGGGG: m => pad(isoWeek(m).year, 5),
    Y: m => (m.year <= 9999 ? pad(m.year, 4) : `+${m.year}`),
    YY: m => pad(m.year % 100, 2),
    YYYY: m => pad(m.year, 4),
    YYYYY: m => pad(m.year, 5),
    YYYYYY: m => pad(m.year, 6, true),
    y: m => String(eraYear(m)),
    yo: m => ordinal(eraYear(m)),
    yy: m => pad(eraYear(m), 2),
    yyy: m => pad(eraYear(m), 3),
    yyyy: m => pad(eraYear(m), 4),
    N: m => era(m, false),
    NN: m => era(m, false),
    NNN: m => era(m, false),
    NNNN: m => era(m, true),
    NNNNN: m => era(m, false),
    a: m => (m.hour > 11 ? 'pm' : 'am'),
    A: m => (m.hour > 11 ? 'PM' : 'AM'),
    H: m => String(m.hour),
    HH: m => pad(m.hour, 2),
    h: m => String(hour12(m)),
    hh: m => pad(hour12(m), 2),
    k: m => String(m.hour || 24),
    kk: m => pad(m.hour || 24, 2),
    Hmm: m => `${m.hour}${pad(m.minute, 2)}`,
    Hmmss: m => `${m.hour}${pad(m.minute, 2)}${pad(m.second, 2)}`,
    hmm: m => `${hour12(m)}${pad(m.minute, 2)}`,
    hmmss: m => `${hour12(m)}${pad(m.minute, 2)}${pad(m.second, 2)}`,
    m: m => String(m.minute),
    mm: m => pad(m.minute, 2),
    s: m => String(m.second),
    ss: m => pad(m.second, 2),
    S: m => String(Math.trunc(m.ms / 100)),
    SS: m => pad(Math.trunc(m.ms / 10), 2),
    Z: m => utcOffset(m, ':'),
    ZZ: m => utcOffset(m, ''),
    z: zoneAbbreviation,
    zz: zoneAbbreviation,
    X: m => String(Math.floor(m.epoch / 1000)),
    x: m => String(m.epoch)
};
// Milliseconds are all moment keeps: SSS and longer show three significant digits followed by zeros.
for (let width = 3; width <= 9; width++) {
    RENDERERS['S'.repeat(width)] = m => pad(m.ms * 10 ** (width - 3), width);
}
function runLength(format, at, char, max) {
    let length = 0;
    while (length < max && format[at + length] === char)
        length++;
    return length;
}
/**
 * The text of the token at `at`, following the order in which moment's formatter tries its alternatives (so `Do`
 * beats `DD`, `ggg` is `gg` followed by `g`, and a character that starts no token stands alone).
 */
function tokenAt(format, at) {
    const c = format[at];
    const next = format[at + 1];
    const run = (max) => c.repeat(runLength(format, at, c, max));
    switch (c) {
        case 'H':
        case 'h':
            if (format.startsWith('mm', at + 1))
                return format.startsWith('ss', at + 3) ? `${c}mmss` : `${c}mm`;
            return run(2);
        case 'M':
            return next === 'o' ? 'Mo' : run(4);
        case 'D':
            if (next === 'o')
                return 'Do';
            if (format.startsWith('DDDo', at))
                return 'DDDo';
            return run(4);
        case 'd': {
            const length = runLength(format, at, 'd', 4);
            if (length >= 2)
                return 'd'.repeat(length);
            return next === 'o' ? 'do' : 'd';
        }
        case 'w':
        case 'W':
            // moment's pattern is `w[o|w]?`, so even `w|` is one (unknown, hence literal) token.
            return next === 'o' || next === '|' || next === c ? c + next : c;
        case 'Q':
            return next === 'o' ? 'Qo' : 'Q';
        case 'N':
            return run(5);
        case 'Y': {
            const length = runLength(format, at, 'Y', 6);
            return 'Y'.repeat(length >= 4 ? length : length >= 2 ? 2 : 1);
        }
        case 'y': {
            const length = runLength(format, at, 'y', 4);
            if (length >= 2)
                return 'y'.repeat(length);
            return next === 'o' ? 'yo' : 'y';
        }
        case 'g':
        case 'G': {
            const length = runLength(format, at, c, 5);
            return c.repeat(length >= 4 ? length : length >= 2 ? 2 : 1);
        }
        case 'k':
        case 'm':
        case 's':
        case 'z':
        case 'Z':
            return run(2);
        case 'S':
            return run(9);
        default:
            return c;
    }
}
const isLineTerminator = (c) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
/** Index of the `]` closing the `[` at `at`, or -1 when another `[` or the end comes first (the `[` is then text). */
function closingBracket(format, at) {
    for (let i = at + 1; i < format.length; i++) {
        if (format[i] === ']')
            return i;
        if (format[i] === '[')
            return -1;
    }
    return -1;
}
function localizedTokenAt(format, at) {
    for (const token of ['LTS', 'LT', 'LLLL', 'LLL', 'LL', 'L', 'llll', 'lll', 'll', 'l']) {
        if (format.startsWith(token, at))
            return token;
    }
    return undefined;
}
function expandLocalized(format) {
    let out = '';
    for (let i = 0; i < format.length;) {
        const c = format[i];
        if (c === '[') {
            const close = closingBracket(format, i);
            if (close !== -1) {
                out += format.slice(i, close + 1);
                i = close + 1;
                continue;
            }
        }
        else if (c === '\\') {
            // An escaped `\L` stays escaped for the tokenizer to print as `L`.
            const escaped = localizedTokenAt(format, i + 1);
            if (escaped !== undefined) {
                out += c + escaped;
                i += 1 + escaped.length;
                continue;
            }
        }
        else {
            const token = localizedTokenAt(format, i);
            if (token !== undefined) {
                out += LOCALIZED[token];
                i += token.length;
                continue;
            }
        }
        out += c;
        i++;
    }
    return out;
}
function compile(format) {
    const expanded = expandLocalized(format);
    const pieces = [];
    const literal = (text) => {
        const last = pieces.length - 1;
        if (typeof pieces[last] === 'string')
            pieces[last] += text;
        else if (text !== '')
            pieces.push(text);
    };
    for (let i = 0; i < expanded.length;) {
        const c = expanded[i];
        if (c === '[') {
            const close = closingBracket(expanded, i);
            if (close !== -1) {
                literal(expanded.slice(i + 1, close));
                i = close + 1;
                continue;
            }
        }
        // moment's tokenizer cannot match a line break outside brackets, so it silently drops it.
        if (isLineTerminator(c)) {
            i++;
            continue;
        }
        if (c === '\\') {
            const next = expanded[i + 1];
            if (next === undefined || isLineTerminator(next)) {
                i++;
                continue;
            }
            // A backslash prints the following token literally; moment strips every backslash from such a token.
            const token = tokenAt(expanded, i + 1);
            literal(token.replaceAll('\\', ''));
            i += 1 + token.length;
            continue;
        }
        const token = tokenAt(expanded, i);
        const render = Object.hasOwn(RENDERERS, token) ? RENDERERS[token] : undefined;
        if (render)
            pieces.push(render);
        else
            literal(token);
        i += token.length;
    }
    return pieces;
}
const compiled = new Map();
const zones = new Map();
// The tz database's zero-offset zones and their abbreviations. Answering them without Intl keeps the default zone
// free of ICU's start-up cost (about 15 ms for the first DateTimeFormat) and gets `GMT` right where Intl says `UTC`.
const ZERO_OFFSET_ZONES = new Map([
    ...['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu'].map(name => [name.toLowerCase(), 'UTC']),
    ...[
        'GMT',
        'Etc/GMT',
        'Etc/GMT0',
        'Etc/GMT+0',
        'Etc/GMT-0',
        'GMT0',
        'GMT+0',
        'GMT-0',
        'Etc/Greenwich',
        'Greenwich'
    ].map(name => [name.toLowerCase(), 'GMT'])
]);
function zoneFor(timeZone) {
    const cached = zones.get(timeZone);
    if (cached)
        return cached;
    const abbreviation = ZERO_OFFSET_ZONES.get(timeZone.toLowerCase());
    const zone = abbreviation === undefined ? intlZone(timeZone) : { name: timeZone, abbreviation };
    zones.set(timeZone, zone);
    return zone;
}
function intlZone(timeZone) {
    const hint = 'use an IANA time zone name such as Europe/Paris, America/New_York or UTC';
    let offsets;
    try {
        offsets = new Intl.DateTimeFormat('en-US', {
            timeZone,
            calendar: 'gregory',
            numberingSystem: 'latn',
            hourCycle: 'h23',
            era: 'short',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
    }
    catch {
        throw new DateFormatError(`unknown time zone ${JSON.stringify(timeZone)}: ${hint}`);
    }
    const resolved = offsets.resolvedOptions().timeZone;
    // Intl accepts fixed offsets like `+02:00`; moment-timezone does not (it falls back to UTC), so refuse them.
    if (/^[+-]/.test(resolved)) {
        throw new DateFormatError(`time zone ${JSON.stringify(timeZone)} is an offset, not a zone: ${hint} (Etc/GMT-2 is a fixed UTC+02:00)`);
    }
    return { name: resolved, offsets };
}
/** Milliseconds to add to `epoch` to get the wall clock of `zone`, read back from Intl's rendering of the instant. */
function offsetAt(zone, epoch) {
    if (!zone.offsets)
        return 0;
    const parts = {};
    for (const part of zone.offsets.formatToParts(epoch))
        parts[part.type] = part.value;
    const eraYearValue = Number(parts['year']);
    const year = parts['era'] === 'BC' || parts['era'] === 'B' ? 1 - eraYearValue : eraYearValue;
    const wall = new Date(0);
    wall.setUTCFullYear(year, Number(parts['month']) - 1, Number(parts['day']));
    wall.setUTCHours(Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
    return wall.getTime() - Math.floor(epoch / 1000) * 1000;
}
function momentIn(date, zone) {
    const epoch = date.getTime();
    if (zone.last?.epoch === epoch)
        return zone.last;
    const offsetMs = offsetAt(zone, epoch);
    const wall = new Date(epoch + offsetMs);
    if (Number.isNaN(wall.getTime())) {
        // Only at the edge of the Date range, where the wall clock of a zone east of UTC no longer fits in a Date.
        throw new DateFormatError(`${date.toISOString()} is out of range in ${zone.name}`);
    }
    const year = wall.getUTCFullYear();
    const dayNumber = Math.floor(wall.getTime() / DAY_MS);
    const m = {
        epoch,
        offset: offsetMs / 60_000,
        year,
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        weekday: wall.getUTCDay(),
        dayOfYear: dayNumber - daysSinceEpoch(year, 0, 1) + 1,
        hour: wall.getUTCHours(),
        minute: wall.getUTCMinutes(),
        second: wall.getUTCSeconds(),
        ms: wall.getUTCMilliseconds(),
        dayNumber,
        zone
    };
    zone.last = m;
    return m;
}
/** Formats `date` with a moment.js format string in the IANA `timeZone` (default UTC). */
function formatDate(date, format, timeZone = 'UTC') {
    if (Number.isNaN(date.getTime())) {
        // moment would print "Invalid date", which would then surface as a baffling tag.
        throw new DateFormatError('cannot format an invalid date');
    }
    const m = momentIn(date, zoneFor(timeZone));
    // moment's default format; a zero offset counts as UTC mode and prints a literal Z.
    const effective = format === '' ? (m.offset === 0 ? 'YYYY-MM-DDTHH:mm:ss[Z]' : 'YYYY-MM-DDTHH:mm:ssZ') : format;
    let pieces = compiled.get(effective);
    if (!pieces) {
        pieces = compile(effective);
        compiled.set(effective, pieces);
    }
    let out = '';
    for (const piece of pieces)
        out += typeof piece === 'string' ? piece : piece(m);
    return out;
}

;// CONCATENATED MODULE: ./src/core/metadata/template.ts
/**
 * The subset of Handlebars that docker/metadata-action users write in tag rules, flavor, labels and
 * annotations: `{{path}}`, `{{{path}}}`/`{{&path}}` (unescaped), helper calls with string, number and
 * boolean arguments and `key=value` hash arguments, `{{! comments }}`, `\{{` escapes and `~` whitespace
 * control. Output is HTML-escaped exactly like Handlebars, because metadata-action renders through it and
 * tags must come out identical. Blocks, partials and sub-expressions are rejected with a clear error
 * instead of being half-supported.
 */
class TemplateError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TemplateError';
    }
}
const OPEN = '{{';
// Handlebars' ID token: anything but whitespace and its punctuation set.
const ID_CHARACTER_CLASS = '[^\\s!"#%&\'()*+,./;<=>@[\\\\\\]^`{|}~]';
const ID_CHAR = new RegExp(ID_CHARACTER_CLASS);
const ID_RUN = new RegExp(`${ID_CHARACTER_CLASS}+`, 'y');
const HASH_KEY = new RegExp(`(${ID_CHARACTER_CLASS}+)\\s*=`, 'y');
const NUMBER = /-?\d+(?:\.\d+)?(?=[~}\s)])/y;
const KEYWORD = /(true|false|null|undefined)(?=[~}\s)])/y;
const WHITESPACE = /\s*/y;
const LEADING_WHITESPACE = /^\s+/;
const TRAILING_WHITESPACE = /\s+$/;
const HTML_UNSAFE = /[&<>"'`=]/g;
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#x27;',
    '`': '&#x60;',
    '=': '&#x3D;'
};
function compileTemplate(source) {
    return { source, nodes: new TemplateParser(source).parse() };
}
/** True when the whole template is one `{{raw…}}` expression (metadata-action's test for honouring `raw` on prereleases). */
function isSingleRawExpression(template) {
    const [only, ...rest] = template.nodes;
    return rest.length === 0 && only?.kind === 'mustache' && only.path[0] === 'raw';
}
function renderTemplate(template, scope, notice = () => undefined) {
    let output = '';
    for (const node of template.nodes) {
        if (node.kind === 'text')
            output += node.text;
        else if (node.kind === 'mustache') {
            const text = valueToText(evaluateMustache(node, scope, notice));
            output += node.escaped ? escapeHtml(text) : text;
        }
    }
    return output;
}
function evaluateMustache(node, scope, notice) {
    const value = lookup(scope, node.path);
    if (typeof value === 'function') {
        const params = node.params.map(argument => evaluateArgument(argument, scope));
        const hash = new Map(node.hash.map(([key, argument]) => [key, evaluateArgument(argument, scope)]));
        return value({ params, hash, paramSources: node.params.map(argument => argument.source), notice });
    }
    if (node.params.length > 0 || node.hash.length > 0) {
        throw new TemplateError(`${node.source} calls "${node.path.join('.')}", which is not a helper here`);
    }
    return value;
}
function evaluateArgument(argument, scope) {
    return argument.kind === 'literal' ? argument.value : lookup(scope, argument.path);
}
function lookup(scope, path) {
    let current = scope;
    for (const segment of path) {
        // Like Handlebars, only own properties resolve: `{{constructor}}` must not reach the prototype.
        if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) {
            return undefined;
        }
        current = current[segment];
    }
    return current;
}
function valueToText(value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'string')
        return value;
    if (Array.isArray(value))
        return value.map(valueToText).join(',');
    if (typeof value === 'function')
        return '';
    return String(value);
}
function escapeHtml(text) {
    return text.replace(HTML_UNSAFE, char => HTML_ENTITIES[char] ?? char);
}
class TemplateParser {
    source;
    nodes = [];
    position = 0;
    stripLeadingWhitespace = false;
    constructor(source) {
        this.source = source;
    }
    parse() {
        const { source } = this;
        while (this.position < source.length) {
            const open = source.indexOf(OPEN, this.position);
            if (open < 0) {
                this.addText(source.slice(this.position));
                break;
            }
            const before = source.slice(this.position, open);
            if (before.endsWith('\\\\')) {
                // `\\{{x}}`: an escaped backslash, then a real expression.
                this.addText(before.slice(0, -1));
                this.parseMustache(open);
            }
            else if (before.endsWith('\\')) {
                this.addText(before.slice(0, -1));
                this.parseEscapedMustache(open);
            }
            else {
                this.addText(before);
                this.parseMustache(open);
            }
        }
        return this.nodes;
    }
    /** `\{{x}}` is literal text up to the next expression, as in Handlebars. */
    parseEscapedMustache(open) {
        const { source } = this;
        let end = source.indexOf(OPEN, open + OPEN.length);
        if (end < 0)
            end = source.length;
        else if (source.slice(end - 2, end) === '\\\\' && end - 2 >= open + OPEN.length)
            end -= 2;
        else if (source[end - 1] === '\\' && end - 1 >= open + OPEN.length)
            end -= 1;
        this.addText(source.slice(open, end));
        this.position = end;
    }
    parseMustache(open) {
        const { source } = this;
        let cursor = open + OPEN.length;
        const stripBefore = source[cursor] === '~';
        if (stripBefore) {
            cursor++;
            this.trimTrailingWhitespace();
        }
        const marker = source[cursor] ?? '';
        if (marker === '!') {
            this.parseComment(open, cursor + 1);
            return;
        }
        if ('#/^>*'.includes(marker) && marker !== '') {
            throw new TemplateError(`${this.excerpt(open)} uses Handlebars blocks or partials, which are not supported here`);
        }
        let escaped = true;
        let close = '}}';
        if (marker === '{') {
            escaped = false;
            close = '}}}';
            cursor++;
        }
        else if (marker === '&') {
            escaped = false;
            cursor++;
        }
        const body = this.parseExpression(open, cursor, close);
        this.nodes.push({ kind: 'mustache', escaped, ...body.expression, source: source.slice(open, body.end) });
        this.position = body.end;
    }
    parseComment(open, cursor) {
        const { source } = this;
        const long = source.startsWith('--', cursor);
        const terminator = long ? '--' : '';
        const closeAt = this.findClose(cursor, `${terminator}}}`, `${terminator}~}}`);
        if (!closeAt)
            throw new TemplateError(`${this.excerpt(open)} opens a comment that is never closed`);
        this.nodes.push({ kind: 'comment' });
        this.finishClose(closeAt);
    }
    findClose(from, plain, stripping) {
        const plainAt = this.source.indexOf(plain, from);
        const strippingAt = this.source.indexOf(stripping, from);
        if (strippingAt >= 0 && (plainAt < 0 || strippingAt < plainAt)) {
            return { index: strippingAt, end: strippingAt + stripping.length, strip: true };
        }
        if (plainAt >= 0)
            return { index: plainAt, end: plainAt + plain.length, strip: false };
        return undefined;
    }
    finishClose(close) {
        this.position = close.end;
        this.stripLeadingWhitespace = close.strip;
    }
    parseExpression(open, start, close) {
        const { source } = this;
        const strippingClose = close === '}}}' ? '}~}}' : '~}}';
        const argumentsFound = [];
        const hash = [];
        let cursor = start;
        for (;;) {
            WHITESPACE.lastIndex = cursor;
            WHITESPACE.exec(source);
            cursor = WHITESPACE.lastIndex;
            if (cursor >= source.length) {
                throw new TemplateError(`${this.excerpt(open)} is missing its closing ${close}`);
            }
            if (source.startsWith(strippingClose, cursor) || source.startsWith(close, cursor)) {
                const strip = source.startsWith(strippingClose, cursor);
                const end = cursor + (strip ? strippingClose : close).length;
                const [head, ...params] = argumentsFound;
                if (!head)
                    throw new TemplateError(`${source.slice(open, end)} is an empty expression`);
                this.stripLeadingWhitespace = strip;
                return { expression: { path: head.kind === 'path' ? head.path : [String(head.value)], params, hash }, end };
            }
            if (source[cursor] === '(') {
                throw new TemplateError(`${this.excerpt(open)} uses a sub-expression, which is not supported here`);
            }
            HASH_KEY.lastIndex = cursor;
            const hashKey = HASH_KEY.exec(source);
            if (hashKey) {
                const parsed = this.parseArgument(open, HASH_KEY.lastIndex);
                hash.push([hashKey[1] ?? '', parsed.argument]);
                cursor = parsed.end;
                continue;
            }
            if (hash.length > 0) {
                throw new TemplateError(`${this.excerpt(open)} has a positional argument after a key=value argument`);
            }
            const parsed = this.parseArgument(open, cursor);
            argumentsFound.push(parsed.argument);
            cursor = parsed.end;
        }
    }
    parseArgument(open, start) {
        const { source } = this;
        WHITESPACE.lastIndex = start;
        WHITESPACE.exec(source);
        const cursor = WHITESPACE.lastIndex;
        const quote = source[cursor];
        if (quote === '"' || quote === "'")
            return this.parseString(open, cursor, quote);
        NUMBER.lastIndex = cursor;
        const number = NUMBER.exec(source);
        if (number)
            return { argument: { kind: 'literal', value: Number(number[0]), source: number[0] }, end: NUMBER.lastIndex };
        KEYWORD.lastIndex = cursor;
        const keyword = KEYWORD.exec(source);
        if (keyword) {
            const values = { true: true, false: false, null: null, undefined: undefined };
            return { argument: { kind: 'literal', value: values[keyword[1] ?? ''], source: keyword[0] }, end: KEYWORD.lastIndex };
        }
        return this.parsePath(open, cursor);
    }
    parseString(open, start, quote) {
        const { source } = this;
        let cursor = start + 1;
        let value = '';
        while (cursor < source.length && source[cursor] !== quote) {
            if (source[cursor] === '\\' && source[cursor + 1] === quote) {
                value += quote;
                cursor += 2;
            }
            else {
                value += source[cursor];
                cursor++;
            }
        }
        if (cursor >= source.length)
            throw new TemplateError(`${this.excerpt(open)} has an unterminated string`);
        return { argument: { kind: 'literal', value, source: source.slice(start, cursor + 1) }, end: cursor + 1 };
    }
    parsePath(open, start) {
        const { source } = this;
        const segments = [];
        let cursor = start;
        // Data variables (@index, @root…) never resolve in these scopes; keep them as an unknown name.
        const dataPrefix = source[cursor] === '@' ? '@' : '';
        if (dataPrefix)
            cursor++;
        for (;;) {
            if (source[cursor] === '[') {
                const end = source.indexOf(']', cursor);
                if (end < 0)
                    throw new TemplateError(`${this.excerpt(open)} has an unterminated [segment]`);
                segments.push(source.slice(cursor + 1, end));
                cursor = end + 1;
            }
            else {
                ID_RUN.lastIndex = cursor;
                const id = ID_RUN.exec(source);
                if (!id) {
                    const found = source[cursor] ?? 'the end';
                    throw new TemplateError(`${this.excerpt(open)} has an unexpected "${found}"`);
                }
                segments.push(id[0]);
                cursor = ID_RUN.lastIndex;
            }
            const separator = source[cursor];
            if ((separator === '.' || separator === '/') &&
                (ID_CHAR.test(source[cursor + 1] ?? '') || source[cursor + 1] === '[')) {
                cursor++;
                continue;
            }
            break;
        }
        if (segments[0] === 'this' && segments.length > 1)
            segments.shift();
        if (dataPrefix)
            segments[0] = `@${segments[0]}`;
        return { argument: { kind: 'path', path: segments, source: source.slice(start, cursor) }, end: cursor };
    }
    addText(text) {
        const kept = this.stripLeadingWhitespace ? text.replace(LEADING_WHITESPACE, '') : text;
        this.stripLeadingWhitespace = false;
        if (kept === '')
            return;
        const last = this.nodes[this.nodes.length - 1];
        if (last?.kind === 'text')
            last.text += kept;
        else
            this.nodes.push({ kind: 'text', text: kept });
    }
    trimTrailingWhitespace() {
        const last = this.nodes[this.nodes.length - 1];
        if (last?.kind !== 'text')
            return;
        last.text = last.text.replace(TRAILING_WHITESPACE, '');
        if (last.text === '')
            this.nodes.pop();
    }
    excerpt(open) {
        const close = this.source.indexOf('}}', open);
        return close < 0 ? this.source.slice(open) : this.source.slice(open, close + 2);
    }
}

;// CONCATENATED MODULE: ./src/core/metadata/expressions.ts
/**
 * The global expressions of docker/metadata-action ({{branch}}, {{tag}}, {{sha}}, {{base_ref}},
 * {{is_default_branch}}, {{is_not_default_branch}}, {{date}}, {{commit_date}}) as template scopes.
 */


const HEADS = 'refs/heads/';
const TAGS = 'refs/tags/';
const PULLS = 'refs/pull/';
// These events always run on the last commit of the default branch.
const DEFAULT_BRANCH_EVENTS = ['create', 'discussion', 'issues', 'schedule'];
function shortSha(sha, length) {
    return length >= sha.length ? sha : sha.slice(0, length);
}
function branchName(ref) {
    return ref.startsWith(HEADS) ? ref.slice(HEADS.length) : '';
}
function tagName(ref) {
    return ref.startsWith(TAGS) ? ref.slice(TAGS.length) : '';
}
function isTagRef(ref) {
    return ref.startsWith(TAGS);
}
function isBranchRef(ref) {
    return ref.startsWith(HEADS);
}
function isPullRequestRef(ref) {
    return ref.startsWith(PULLS);
}
/** `refs/pull/12/merge` → `12` (other suffixes such as `/head` are kept, then sanitized). */
function pullRequestNumber(ref) {
    const rest = ref.slice(PULLS.length);
    return rest.endsWith('/merge') ? rest.slice(0, -'/merge'.length) : rest;
}
function baseRef(facts) {
    const { payload, ref } = facts;
    // Kept for compatibility although push payloads do not reliably carry base_ref (metadata-action #192).
    if (isTagRef(ref) && typeof payload.base_ref === 'string') {
        return payload.base_ref.startsWith(HEADS) ? payload.base_ref.slice(HEADS.length) : payload.base_ref;
    }
    const pullRequestBase = payload.pull_request?.base?.ref;
    if (isPullRequestRef(ref) && typeof pullRequestBase === 'string')
        return pullRequestBase;
    return '';
}
function isDefaultBranch(facts) {
    // Like metadata-action, only a `refs/heads/` prefix is removed, so tag and PR refs never equal the branch.
    const branch = facts.ref.startsWith(HEADS) ? facts.ref.slice(HEADS.length) : facts.ref;
    if (branch === '')
        return false;
    const payloadDefault = facts.payload.repository?.default_branch;
    const defaultBranch = typeof payloadDefault === 'string' ? payloadDefault : facts.fallbackDefaultBranch;
    if (defaultBranch !== '' && branch === defaultBranch)
        return true;
    return DEFAULT_BRANCH_EVENTS.some(event => facts.eventName.includes(event));
}
function dateHelper(name, date) {
    return ({ params, hash, paramSources, notice }) => {
        const [format] = params;
        if (params.length !== 1 || (typeof format !== 'string' && format !== undefined)) {
            throw new TemplateError(`{{${name}}} takes exactly one quoted format, e.g. {{${name} 'YYYYMMDD'}}`);
        }
        if (format === undefined) {
            // Handlebars reads an unquoted word as a value that is not there, and moment then uses its default format:
            // metadata-action renders that, so a workflow written for it keeps its result here.
            const written = paramSources[0] ?? '';
            notice(`{{${name} ${written}}} reads ${written} as a missing value, not as a format, so the date is rendered in ` +
                `moment's default format (YYYY-MM-DDTHH:mm:ssZ), as docker/metadata-action does; write {{${name} '${written}'}} ` +
                'for that format');
        }
        let timeZone = 'UTC';
        for (const [key, value] of hash) {
            if (key !== 'tz')
                throw new TemplateError(`{{${name}}} has an unknown attribute "${key}"; only tz='Area/City' is allowed`);
            if (typeof value !== 'string')
                throw new TemplateError(`{{${name}}} needs a quoted time zone, e.g. tz='Asia/Tokyo'`);
            timeZone = value;
        }
        try {
            return formatDate(date, format ?? '', timeZone);
        }
        catch (error) {
            if (error instanceof DateFormatError)
                throw new TemplateError(`{{${name}}}: ${error.message}`);
            throw error;
        }
    };
}
/** The helpers available in `type=schedule` patterns. */
function dateScope(facts) {
    return { date: dateHelper('date', facts.now), commit_date: dateHelper('commit_date', facts.commitDate) };
}
/**
 * Helpers are functions (not precomputed strings) because Handlebars calls them even when given
 * arguments, e.g. `{{branch 'x'}}` still renders the branch.
 */
function globalScope(facts) {
    const defaultBranch = isDefaultBranch(facts);
    return {
        branch: () => branchName(facts.ref),
        tag: () => tagName(facts.ref),
        sha: () => shortSha(facts.sha, facts.shortShaLength),
        base_ref: () => baseRef(facts),
        is_default_branch: () => String(defaultBranch),
        is_not_default_branch: () => String(!defaultBranch),
        ...dateScope(facts)
    };
}

;// CONCATENATED MODULE: ./src/core/input-lists.ts
/** A quoted value that never closes; csv-parse rejects it too ("Quote Not Closed"), so the docker actions fail on it. */
class ListSyntaxError extends Error {
    line;
    constructor(message, line) {
        super(message);
        this.name = 'ListSyntaxError';
        this.line = line;
    }
}
const isBlank = (c) => c === ' ' || c === '\t';
function skipBlanks(src, i) {
    while (isBlank(src[i]))
        i++;
    return i;
}
function scanRecords(src, opts) {
    const { comment, commentNoInfix, quote, trim, lineBreaks } = opts;
    const n = src.length;
    const isBreak = (i) => lineBreaks && src.charCodeAt(i) === 10;
    const isComment = (i) => comment !== '' && src.startsWith(comment, i);
    // With commentNoInfix a '#' inside a value (`value=#1`) is data; only a whole-line comment counts.
    const endsField = (i) => i >= n || src.charCodeAt(i) === 44 || isBreak(i) || (!commentNoInfix && isComment(i));
    const endOfLine = (i) => {
        const k = lineBreaks ? src.indexOf('\n', i) : -1;
        return k === -1 ? n : k;
    };
    const records = [];
    let pos = 0;
    let line = 1;
    while (pos < n) {
        // Indentation before a comment still makes a comment line; csv-parse would read ` # x` as the value `# x`, which
        // is never what a workflow author meant.
        const first = skipBlanks(src, pos);
        if (isComment(first)) {
            pos = endOfLine(first) + 1;
            line++;
            continue;
        }
        const record = [];
        records.push(record);
        for (;;) {
            const fieldLine = line;
            const start = trim ? skipBlanks(src, pos) : pos;
            let text = '';
            let i = start;
            let wholeFieldQuoted = false;
            if (quote !== '' && src.startsWith(quote, start)) {
                let k = start + quote.length;
                let content = '';
                for (;;) {
                    const close = src.indexOf(quote, k);
                    if (close === -1) {
                        throw new ListSyntaxError(`line ${fieldLine}: the value opens with ${quote} but never closes it; add the closing ${quote} ` +
                            `(write ${quote}${quote} for a literal ${quote} inside a quoted value)`, fieldLine);
                    }
                    content += src.slice(k, close);
                    if (src.startsWith(quote, close + quote.length)) {
                        content += quote;
                        k = close + 2 * quote.length;
                        continue;
                    }
                    k = close + quote.length;
                    break;
                }
                line += countBreaks(src, start, k, lineBreaks);
                i = trim ? skipBlanks(src, k) : k;
                if (endsField(i)) {
                    text = content;
                    wholeFieldQuoted = true;
                }
                else {
                    // relax_quotes: text after the closing quote means the quotes were data, so they are given back and the
                    // field goes on unquoted (csv-parse with trim would reject `"a" b` instead; being lenient costs nothing).
                    text = src.slice(pos, start) + quote + content + quote + src.slice(k, i);
                }
            }
            else {
                text = src.slice(pos, start);
            }
            if (!wholeFieldQuoted) {
                let end = i;
                while (!endsField(end))
                    end++;
                text += src.slice(i, end);
                i = end;
            }
            record.push({ text, line: fieldLine });
            if (i >= n) {
                pos = n;
                break;
            }
            if (src.charCodeAt(i) === 44) {
                pos = i + 1;
                continue;
            }
            // A line break, or a comment running to the end of the line.
            pos = (isBreak(i) ? i : endOfLine(i)) + 1;
            line++;
            break;
        }
    }
    return records;
}
function countBreaks(src, from, to, lineBreaks) {
    if (!lineBreaks)
        return 0;
    let count = 0;
    for (let i = src.indexOf('\n', from); i !== -1 && i < to; i = src.indexOf('\n', i + 1))
        count++;
    return count;
}
function parseListItems(raw, options = {}) {
    const trim = options.trimWhitespace !== false;
    // Old Mac and Windows line endings count as one line break each, as csv-parse's record delimiter discovery does.
    const src = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
    const records = scanRecords(src, {
        comment: options.comment ?? '',
        commentNoInfix: options.commentNoInfix === true,
        quote: options.quote === false ? '' : (options.quote ?? '"'),
        trim,
        lineBreaks: true
    });
    const items = [];
    const add = (text, line) => {
        const value = trim ? text.trim() : text;
        // A blank entry is never a meaningful tag, label or platform; the docker actions keep it as '' by accident.
        if (value.trim() !== '')
            items.push({ value, line });
    };
    for (const record of records) {
        const head = record[0];
        if (head === undefined)
            continue;
        if (options.ignoreComma) {
            add(record.map(field => field.text).join(','), head.line);
        }
        else {
            // actions-toolkit also splits a lone quoted field on its commas (`"a,b"` gives a and b); that defeats the quotes,
            // so it is not reproduced.
            for (const field of record)
                add(field.text, field.line);
        }
    }
    return items;
}
function parseList(raw, options = {}) {
    return parseListItems(raw, options).map(item => item.value);
}
/** The CSV fields of one rule line such as `type=semver,pattern={{version}}` (csv-parse relaxQuotes rules). */
function parseCsvFields(line) {
    const [record = []] = scanRecords(line, {
        comment: '',
        commentNoInfix: false,
        quote: '"',
        trim: true,
        lineBreaks: false
    });
    return record.map(field => field.text.trim()).filter(field => field !== '');
}

;// CONCATENATED MODULE: ./src/core/metadata/origin.ts
/** Where a value came from (input, line, text), so every failure names what the user must edit. */


function inputError(origin, problem, fix) {
    return new errors/* InputError */.dz(origin.input, origin.value, problem, fix, origin.line);
}
const EXPRESSION_HELP = 'Expressions follow docker/metadata-action: {{branch}}, {{tag}}, {{sha}}, {{base_ref}}, {{is_default_branch}}, ' +
    "{{is_not_default_branch}}, {{date 'YYYYMMDD' tz='Europe/Paris'}} and {{commit_date 'YYYYMMDD'}}.";
function compileAt(origin, source, what) {
    try {
        return compileTemplate(source);
    }
    catch (error) {
        if (error instanceof TemplateError)
            throw inputError(origin, `${what} is not a valid expression (${error.message})`, EXPRESSION_HELP);
        throw error;
    }
}
function renderAt(origin, template, scope, what, warn) {
    try {
        return renderTemplate(template, scope, message => warn(`${describeOrigin(origin)}: ${message}`));
    }
    catch (error) {
        if (error instanceof TemplateError)
            throw inputError(origin, `${what} cannot be rendered (${error.message})`, EXPRESSION_HELP);
        throw error;
    }
}
/** Line-aware description of a rule for warnings: `rule "type=sha" (line 3)`. */
function describeOrigin(origin) {
    const line = origin.line === undefined ? 'default' : `line ${origin.line}`;
    return `${origin.input} rule "${origin.value}" (${line})`;
}

;// CONCATENATED MODULE: ./src/core/metadata/fields.ts
/** Splitting one list item into its CSV fields and key=value pairs, with errors that point at the item. */


function csvFields(origin) {
    try {
        return parseCsvFields(origin.value);
    }
    catch (error) {
        throw inputError(origin, `cannot be split into comma-separated fields (${error.message})`, 'Close every double quote, or quote the whole field: "value=a,b".');
    }
}
/**
 * Tag rule fields split on the first `=` only, keys lowercased; a field without a key (no `=`, or
 * starting with `=`) is the `value` attribute, so `type=raw,foo` and a bare `foo` both mean value=foo.
 */
function splitRuleFields(origin) {
    return csvFields(origin).map(field => {
        const equals = field.indexOf('=');
        if (equals <= 0)
            return ['value', field.trim()];
        return [field.slice(0, equals).trim().toLowerCase(), field.slice(equals + 1).trim()];
    });
}
/**
 * Flavor and image fields as metadata-action splits them: on every `=`, keeping only the first two
 * parts (so `prefix=a=b` means prefix `a`). Returns the extra parts so callers can warn about them.
 */
function splitOnEveryEquals(field) {
    const [key = '', value, ...dropped] = field.split('=').map(part => part.trim());
    return { key, value, dropped };
}

;// CONCATENATED MODULE: ./src/core/metadata/flavor.ts


const LATEST_MODES = ['auto', 'true', 'false'];
const BOOLEANS = ['true', 'false'];
const FLAVOR_HELP = 'Use latest=auto|true|false, prefix=<text>[,onlatest=true] or suffix=<text>[,onlatest=true].';
function parseFlavor(items, warn) {
    const emptyOrigin = { input: 'flavor', value: '' };
    const empty = compileAt(emptyOrigin, '', 'the default');
    const flavor = {
        latest: 'auto',
        prefix: { template: empty, onLatest: false, origin: emptyOrigin },
        suffix: { template: empty, onLatest: false, origin: emptyOrigin }
    };
    for (const item of items) {
        const origin = { input: 'flavor', line: item.line, value: item.value };
        // onlatest belongs to the prefix or suffix written before it on the same line.
        let lastAffix;
        for (const field of csvFields(origin)) {
            const { key, value, dropped } = splitOnEveryEquals(field);
            if (value === undefined)
                throw inputError(origin, `entry "${field}" is not key=value`, FLAVOR_HELP);
            if (dropped.length > 0) {
                warn(`Flavor line ${item.line}: "${field}" contains more than one "="; like docker/metadata-action only "${value}" is used.`);
            }
            switch (key) {
                case 'latest':
                    if (!LATEST_MODES.includes(value))
                        throw inputError(origin, `latest must be auto, true or false, not "${value}"`, FLAVOR_HELP);
                    flavor.latest = value;
                    break;
                case 'prefix':
                case 'suffix':
                    flavor[key] = { template: compileAt(origin, value, `the ${key}`), onLatest: flavor[key].onLatest, origin };
                    lastAffix = key;
                    break;
                case 'onlatest':
                    if (!BOOLEANS.includes(value))
                        throw inputError(origin, `onlatest must be true or false, not "${value}"`, FLAVOR_HELP);
                    if (lastAffix)
                        flavor[lastAffix].onLatest = value === 'true';
                    else
                        warn(`Flavor line ${item.line}: onlatest=${value} has no prefix or suffix before it on the same line and is ignored.`);
                    break;
                default:
                    throw inputError(origin, `unknown flavor entry "${key}"`, FLAVOR_HELP);
            }
        }
    }
    return flavor;
}

;// CONCATENATED MODULE: ./src/core/metadata/ghcr-defaults.ts


const SOURCE_KEY = 'org.opencontainers.image.source';
const DESCRIPTION_KEY = 'org.opencontainers.image.description';
const LICENSES_KEY = 'org.opencontainers.image.licenses';
/** GitHub documents these limits for the package page ("Labelling container images"). */
const GHCR_TEXT_LIMITS = new Map([
    [DESCRIPTION_KEY, 512],
    [LICENSES_KEY, 256]
]);
/** With no `images` input the image is the workflow's repository on ghcr.io (metadata-action would emit bare tags). */
function defaultImageName(context) {
    return `${GHCR_REGISTRY}/${context.owner}/${context.repo}`.toLowerCase();
}
/** The repository URL that links the package; kept even if the repository lookup returned none. */
function repositorySourceUrl(htmlUrl, context) {
    return htmlUrl || `${context.serverUrl}/${context.owner}/${context.repo}`;
}
const IMAGE_FIX = 'Write an image name without tag or digest, e.g. ghcr.io/owner/app: path components use lowercase letters, ' +
    'digits and single separators (".", "_", "__" or dashes) between them.';
/** Validates an already lowercased image name and throws an error naming the input line otherwise. */
function assertImageName(name, origin, fix = IMAGE_FIX) {
    const problem = imageNameProblem(name);
    if (problem)
        throw inputError(origin, `image "${name}" ${problem}`, fix);
}
/** metadata-action emits tags the registry then rejects (leading `-`/`.`, over 128 characters); fail early instead. */
function assertOciTag(tag, origin) {
    if (isValidTag(tag))
        return;
    const reason = tag.length > 128
        ? `${tag.length} characters, at most 128 are allowed`
        : 'it must start with a letter, digit or "_"';
    throw inputError(origin, `tag "${tag}" is not a valid OCI tag (${reason}); it was produced by`, 'Change the value, prefix or suffix so every tag matches [A-Za-z0-9_][A-Za-z0-9._-]{0,127}.');
}
/**
 * Applies the GHCR rules to a finished key→value map of labels or annotations: the source stays a link
 * to the repository, and texts GHCR would refuse or cut are shortened here with a warning.
 */
function applyGhcrLabelRules(entries, sourceUrl, kind, warn) {
    if (!entries.get(SOURCE_KEY)) {
        if (entries.has(SOURCE_KEY)) {
            warn(`The ${kind.input} input sets ${SOURCE_KEY} to an empty value; ghcr-publish keeps ${sourceUrl} so the package stays linked to its repository.`);
        }
        entries.set(SOURCE_KEY, sourceUrl);
    }
    for (const [key, limit] of GHCR_TEXT_LIMITS) {
        const value = entries.get(key);
        if (value === undefined)
            continue;
        const characters = Array.from(value);
        if (characters.length <= limit)
            continue;
        entries.set(key, characters.slice(0, limit).join(''));
        warn(`The ${kind.noun} ${key} is ${characters.length} characters long; GHCR allows ${limit}, so it was cut to the first ${limit}.`);
    }
}

;// CONCATENATED MODULE: ./src/core/metadata/images.ts



const IMAGE_HELP = 'Write one image per line, as ghcr.io/owner/app or name=ghcr.io/owner/app,enable=true|false.';
function parseImages(items, context) {
    if (items.length === 0) {
        const name = defaultImageName(context);
        assertImageName(name, { input: 'images', value: `${context.owner}/${context.repo}` }, `The repository name does not make a valid image name; set the images input, e.g. images: ghcr.io/${context.owner.toLowerCase()}/app.`);
        return [{ name, enable: true }];
    }
    const single = items.length === 1 && items[0] ? legacyList(items[0]) : undefined;
    return single ?? items.map(parseImageLine);
}
/** `name/foo,name/bar` on a single line: every field is a bare name. */
function legacyList(item) {
    const origin = originOf(item);
    const fields = csvFields(origin).filter(field => field !== '');
    if (fields.length < 2 || fields.some(field => field.includes('=')))
        return undefined;
    return fields.map(field => validated(field, origin, true));
}
function parseImageLine(item) {
    const origin = originOf(item);
    let name;
    let enable = true;
    for (const field of csvFields(origin)) {
        const { key, value } = splitOnEveryEquals(field);
        const attribute = value === undefined ? 'name' : key.toLowerCase();
        const text = value ?? key;
        switch (attribute) {
            case 'name':
                if (name !== undefined)
                    throw inputError(origin, 'names more than one image', IMAGE_HELP);
                name = text;
                break;
            case 'enable':
                if (text !== 'true' && text !== 'false')
                    throw inputError(origin, `enable must be true or false, not "${text}"`, IMAGE_HELP);
                enable = text === 'true';
                break;
            default:
                throw inputError(origin, `unknown image attribute "${key}"`, IMAGE_HELP);
        }
    }
    if (!name)
        throw inputError(origin, 'has an empty image name', IMAGE_HELP);
    return validated(name, origin, enable);
}
function validated(name, origin, enable) {
    const lowercased = name.toLowerCase();
    assertImageName(lowercased, origin);
    return { name: lowercased, enable };
}
function originOf(item) {
    return { input: 'images', line: item.line, value: item.value };
}

// EXTERNAL MODULE: ./src/core/command-line.ts
var command_line = __webpack_require__(4925);
;// CONCATENATED MODULE: ./src/core/metadata/labels.ts
/**
 * OCI labels and annotations: the eight org.opencontainers.image.* keys derived from the repository,
 * version and commit, overridden by the user's `labels`/`annotations` items (rendered with global
 * expressions), then sorted by key.
 */



// localeCompare without arguments is this collator; building it once keeps sorting cheap.
const KEY_ORDER = new Intl.Collator();
function ociEntries(facts) {
    return [
        ['org.opencontainers.image.title', facts.repo.name || ''],
        [DESCRIPTION_KEY, facts.repo.description || ''],
        ['org.opencontainers.image.url', facts.repo.html_url || ''],
        [SOURCE_KEY, facts.sourceUrl],
        ['org.opencontainers.image.version', facts.version],
        ['org.opencontainers.image.created', facts.created.toISOString()],
        ['org.opencontainers.image.revision', facts.revision],
        [LICENSES_KEY, facts.repo.license?.spdx_id || '']
    ];
}
/** Sorted `[key, value]` pairs: OCI defaults, then the user's items (later keys win), then GHCR rules. */
function buildLabelEntries(facts, items, kind, globals, warn) {
    const entries = new Map(ociEntries(facts));
    for (const item of items) {
        const origin = { input: kind.input, line: item.line, value: item.value };
        const rendered = renderAt(origin, compileAt(origin, item.value, `the ${kind.noun}`), globals, `the ${kind.noun}`, warn);
        const equals = rendered.indexOf('=');
        if (equals < 0) {
            warn(`${kind.input} line ${item.line}: "${rendered}" has no "=" and is ignored (write key=value).`);
            continue;
        }
        if (equals === 0)
            throw inputError(origin, `the ${kind.noun} has an empty key`, 'Write key=value, e.g. org.opencontainers.image.vendor=Octo.');
        // A tab, and the line break a quoted value may hold, are text; any other control (ESC, NUL, CSI...) is refused.
        const control = [...rendered].find(c => c !== '\t' && c !== '\n' && command_line/* CONTROL_CHARACTER */.gW.test(c));
        if (control) {
            throw inputError(origin, `the ${kind.noun} holds the control character U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, ` +
                'which terminals and registry tools would act on', 'Remove it (a line break inside a quoted value is kept).');
        }
        entries.set(rendered.slice(0, equals), rendered.slice(equals + 1));
    }
    applyGhcrLabelRules(entries, facts.sourceUrl, kind, warn);
    return [...entries].sort(([a], [b]) => KEY_ORDER.compare(a, b));
}
function joinEntries(entries, level) {
    const prefix = level === undefined ? '' : `${level}:`;
    return entries.map(([key, value]) => `${prefix}${key}=${value}`);
}
/** An annotation as joinEntries writes it, `level:key=value` (level optional, maybe with `[platform]`). */
function splitAnnotation(annotation) {
    const match = /^(?:([a-z-]+(?:\[[^\]]*\])?):(?=[^=]*=))?([^=]+)=(.*)$/s.exec(annotation);
    if (!match)
        return undefined;
    return { level: match[1] ?? '', key: match[2], value: match[3] };
}

;// CONCATENATED MODULE: ./src/core/metadata/sanitize.ts
/** Tag sanitization exactly as docker/metadata-action does it: every run of invalid characters becomes one `-`. */
const INVALID_TAG_CHARACTERS = /[^a-zA-Z0-9._-]+/g;
const PATH_SEPARATORS = /\//g;
function sanitizeTag(value) {
    return value.replace(INVALID_TAG_CHARACTERS, '-');
}
/** semver and pep440 sources: `/` becomes `-` before the version is validated. */
function slashesToDashes(value) {
    return value.replace(PATH_SEPARATORS, '-');
}

;// CONCATENATED MODULE: ./src/core/metadata/settings.ts

const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'];
const DEFAULT_SHORT_SHA_LENGTH = 7;
const TRUE_PATTERN = /true/i;
const DIGITS = /^\d+$/;
const PULL_REQUEST_EVENT = /pull_request/;
function metadataSettingsFrom(env) {
    return {
        // metadata-action tests the variable with /true/i, so "TRUE" and "True" count as well.
        prHeadSha: TRUE_PATTERN.test(env.DOCKER_METADATA_PR_HEAD_SHA ?? ''),
        shortShaLength: shortShaLengthFrom(env.DOCKER_METADATA_SHORT_SHA_LENGTH),
        annotationLevels: annotationLevelsFrom(env.DOCKER_METADATA_ANNOTATIONS_LEVELS)
    };
}
function shortShaLengthFrom(raw) {
    const text = raw?.trim() ?? '';
    if (text === '')
        return DEFAULT_SHORT_SHA_LENGTH;
    const length = Number(text);
    if (!DIGITS.test(text) || length < 1) {
        throw new errors/* InputError */.dz('DOCKER_METADATA_SHORT_SHA_LENGTH', raw ?? '', 'is not a positive whole number', 'Set it to the number of sha characters to keep, e.g. DOCKER_METADATA_SHORT_SHA_LENGTH: 12 (default 7).');
    }
    return length;
}
function annotationLevelsFrom(raw) {
    const levels = (raw ?? '')
        .split(',')
        .map(level => level.trim())
        .filter(level => level !== '');
    if (levels.length === 0)
        return ['manifest'];
    const unknown = levels.find(level => !ANNOTATION_LEVELS.includes(level));
    if (unknown !== undefined) {
        throw new errors/* InputError */.dz('DOCKER_METADATA_ANNOTATIONS_LEVELS', raw ?? '', `has the unknown level "${unknown}"`, `Use a comma-separated list of ${ANNOTATION_LEVELS.join(', ')}; GHCR reads multi-platform descriptions from index.`);
    }
    return levels;
}
/**
 * The timestamp used for the created label and {{date}}: SOURCE_DATE_EPOCH when set (reproducible
 * builds, and what BuildKit uses for the image itself), else the clock.
 */
function metadataNow(env, clock) {
    const raw = env.SOURCE_DATE_EPOCH;
    const text = raw?.trim() ?? '';
    if (text === '')
        return clock;
    const date = DIGITS.test(text) ? new Date(Number(text) * 1000) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
        throw new errors/* InputError */.dz('SOURCE_DATE_EPOCH', raw ?? '', 'is not a Unix timestamp in whole seconds', 'Set it to an integer number of seconds since 1970-01-01 UTC, e.g. $(git log -1 --format=%ct), or unset it.');
    }
    return date;
}
/** The commit the image describes: the PR head instead of the merge commit when DOCKER_METADATA_PR_HEAD_SHA is set. */
function effectiveSha(context, settings) {
    const headSha = context.payload.pull_request?.head?.sha;
    if (settings.prHeadSha && PULL_REQUEST_EVENT.test(context.eventName) && typeof headSha === 'string' && headSha !== '')
        return headSha;
    return context.sha;
}

;// CONCATENATED MODULE: ./src/core/metadata/tag-rules.ts


const DEFAULT_PRIORITIES = {
    schedule: 1000,
    semver: 900,
    pep440: 900,
    match: 800,
    edge: 700,
    ref: 600,
    raw: 200,
    sha: 100
};
const TAG_TYPES = Object.keys(DEFAULT_PRIORITIES);
const REF_EVENTS = ['branch', 'tag', 'pr'];
const SHA_FORMATS = ['short', 'long'];
const COMMON_ATTRIBUTES = ['type', 'enable', 'priority', 'prefix', 'suffix'];
const TYPE_ATTRIBUTES = {
    schedule: ['pattern'],
    semver: ['pattern', 'value', 'match'],
    pep440: ['pattern', 'value', 'match'],
    match: ['pattern', 'group', 'value'],
    edge: ['branch'],
    ref: ['event'],
    raw: ['value'],
    sha: ['format']
};
/** Used when `tags` is empty, as in metadata-action. */
const DEFAULT_TAG_RULES = [
    'type=schedule',
    'type=ref,event=branch',
    'type=ref,event=tag',
    'type=ref,event=pr'
];
const REGEX_LITERAL = /^\/(.+)\/(.*)$/;
const INTEGER = /^\d+$/;
function parseTagRules(items, warn) {
    const origins = items.length > 0
        ? items.map(item => ({ input: 'tags', line: item.line, value: item.value }))
        : DEFAULT_TAG_RULES.map(value => ({ input: 'tags', value }));
    const rules = origins.map(origin => parseTagRule(origin, warn));
    // Array.prototype.sort is stable, so equal priorities keep their input order.
    return rules.sort((a, b) => b.priority - a.priority);
}
function parseTagRule(origin, warn) {
    const attributes = new Map();
    let type = 'raw';
    for (const [key, value] of splitRuleFields(origin)) {
        if (key !== 'type') {
            attributes.set(key, value);
            continue;
        }
        if (!TAG_TYPES.includes(value)) {
            throw inputError(origin, `unknown tag type "${value}"`, `Use one of ${TAG_TYPES.map(name => `type=${name}`).join(', ')}.`);
        }
        type = value;
    }
    warnUnusedAttributes(origin, type, attributes, warn);
    const template = (name) => {
        const source = attributes.get(name);
        return source === undefined ? undefined : compileAt(origin, source, `the ${name} attribute`);
    };
    const common = {
        origin,
        priority: parsePriority(origin, attributes.get('priority'), DEFAULT_PRIORITIES[type]),
        enable: compileAt(origin, attributes.get('enable') ?? 'true', 'the enable attribute'),
        prefix: template('prefix'),
        suffix: template('suffix')
    };
    const required = (name, example) => {
        const value = attributes.get(name);
        if (value === undefined)
            throw inputError(origin, `type=${type} needs a ${name} attribute`, `Add one, e.g. ${example}.`);
        return value;
    };
    const optionalValue = () => (attributes.get('value') ? template('value') : undefined);
    switch (type) {
        case 'schedule':
            return {
                ...common,
                type,
                pattern: compileAt(origin, attributes.get('pattern') ?? 'nightly', 'the pattern attribute')
            };
        case 'semver':
        case 'pep440': {
            const pattern = compileAt(origin, required('pattern', `type=${type},pattern={{version}}`), 'the pattern attribute');
            const match = attributes.get('match') ? compileVersionMatch(origin, attributes.get('match') ?? '') : undefined;
            return { ...common, type, pattern, value: optionalValue(), match };
        }
        case 'match': {
            const pattern = compileRegex(origin, required('pattern', 'type=match,pattern=v(.*),group=1'));
            return {
                ...common,
                type,
                pattern,
                group: parseGroup(origin, attributes.get('group') ?? '0'),
                value: optionalValue()
            };
        }
        case 'edge':
            return { ...common, type, branch: attributes.get('branch') ?? '' };
        case 'ref':
            return {
                ...common,
                type,
                event: parseRefEvent(origin, attributes.get('event')),
                prefix: refPrefix(common, attributes)
            };
        case 'raw': {
            const value = compileAt(origin, required('value', 'type=raw,value=stable'), 'the value attribute');
            return { ...common, type, value };
        }
        case 'sha':
            return {
                ...common,
                type,
                format: parseShaFormat(origin, attributes.get('format') ?? 'short'),
                prefix: common.prefix ?? SHA_PREFIX
            };
    }
}
const PR_PREFIX = compileDefault('pr-');
const SHA_PREFIX = compileDefault('sha-');
function compileDefault(text) {
    return compileAt({ input: 'tags', value: text }, text, 'the default prefix');
}
function refPrefix(common, attributes) {
    return attributes.get('event') === 'pr' ? (common.prefix ?? PR_PREFIX) : common.prefix;
}
function warnUnusedAttributes(origin, type, attributes, warn) {
    const known = [...COMMON_ATTRIBUTES, ...TYPE_ATTRIBUTES[type]];
    for (const key of attributes.keys()) {
        if (!known.includes(key)) {
            warn(`Tag rule "${origin.value}"${origin.line === undefined ? '' : ` (line ${origin.line})`}: attribute "${key}" means nothing for type=${type} and is ignored.`);
        }
    }
}
function parsePriority(origin, text, fallback) {
    if (text === undefined)
        return fallback;
    const priority = Number(text);
    if (text.trim() === '' || !Number.isFinite(priority)) {
        throw inputError(origin, `priority "${text}" is not a number`, 'Use an integer; higher priorities come first, e.g. priority=950.');
    }
    return priority;
}
function parseRefEvent(origin, event) {
    if (event === undefined) {
        throw inputError(origin, 'type=ref needs an event attribute', 'Add event=branch, event=tag or event=pr.');
    }
    if (!REF_EVENTS.includes(event)) {
        throw inputError(origin, `unknown ref event "${event}"`, 'Use event=branch, event=tag or event=pr.');
    }
    return event;
}
function parseShaFormat(origin, format) {
    if (!SHA_FORMATS.includes(format)) {
        throw inputError(origin, `unknown sha format "${format}"`, 'Use format=short (default) or format=long.');
    }
    return format;
}
function parseGroup(origin, group) {
    if (!INTEGER.test(group)) {
        throw inputError(origin, `match group "${group}" is not a number`, 'Use the index of a capture group, e.g. group=1 (0 is the whole match).');
    }
    return Number(group);
}
/** `\d+` or `/\d+/i`: plain text is a regular expression without flags, as String.prototype.match treats it. */
function compileRegex(origin, pattern) {
    const literal = REGEX_LITERAL.exec(pattern);
    try {
        return literal ? new RegExp(literal[1] ?? '', literal[2]) : new RegExp(pattern);
    }
    catch (error) {
        throw inputError(origin, `pattern "${pattern}" is not a valid regular expression (${error.message})`, 'Write a JavaScript regular expression, either plain (v(\\d+)) or as /v(\\d+)/i.');
    }
}
/** The semver/pep440 `match` attribute extracts the version from capture group 1. */
function compileVersionMatch(origin, pattern) {
    const regex = compileRegex(origin, pattern);
    const groups = (new RegExp(`${regex.source}|`).exec('')?.length ?? 1) - 1;
    if (groups < 1) {
        throw inputError(origin, `match "${pattern}" has no capture group`, 'Capture the version in group 1, e.g. match=app-v(.*).');
    }
    return regex;
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./src/core/metadata/pep440.ts
/**
 * PEP 440 versions (https://peps.python.org/pep-0440/): validation, normalization and the parts that
 * `type=pep440` patterns use. Mirrors what pypa/packaging (and @renovatebot/pep440, which metadata-action
 * uses) accept and print.
 */
const PEP440 = new RegExp('^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?:[-_.]?(?<preLabel>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<preNumber>[0-9]+)?)?' +
    '(?:-(?<implicitPost>[0-9]+)|[-_.]?(?<postLabel>post|rev|r)[-_.]?(?<postNumber>[0-9]+)?)?' +
    '(?:[-_.]?(?<devLabel>dev)[-_.]?(?<devNumber>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?' +
    '\\s*$', 'i');
const LEADING_ZEROS = /^0+(?=\d)/;
const LOCAL_SEPARATORS = /[-_.]/;
const NUMERIC = /^\d+$/;
const PRE_LABELS = {
    a: 'a',
    alpha: 'a',
    b: 'b',
    beta: 'b',
    c: 'rc',
    rc: 'rc',
    pre: 'rc',
    preview: 'rc'
};
/** Integers are kept as digit strings so that huge release numbers survive untouched. */
function normalizeInteger(digits) {
    return digits.replace(LEADING_ZEROS, '');
}
function parsePep440(input) {
    const groups = PEP440.exec(input)?.groups;
    if (!groups)
        return undefined;
    const version = {
        epoch: normalizeInteger(groups.epoch ?? '0'),
        release: (groups.release ?? '').split('.').map(normalizeInteger)
    };
    if (groups.preLabel) {
        version.pre = {
            label: PRE_LABELS[groups.preLabel.toLowerCase()] ?? 'rc',
            number: normalizeInteger(groups.preNumber ?? '0')
        };
    }
    if (groups.implicitPost !== undefined)
        version.post = normalizeInteger(groups.implicitPost);
    else if (groups.postLabel)
        version.post = normalizeInteger(groups.postNumber ?? '0');
    if (groups.devLabel)
        version.dev = normalizeInteger(groups.devNumber ?? '0');
    if (groups.local) {
        version.local = groups.local
            .toLowerCase()
            .split(LOCAL_SEPARATORS)
            .map(part => (NUMERIC.test(part) ? normalizeInteger(part) : part))
            .join('.');
    }
    return version;
}
/** The normalized form, e.g. `v1.2.3beta2` → `1.2.3b2`, `1.0dev4` → `1.0.dev4`. */
function formatPep440(version) {
    let text = version.epoch === '0' ? '' : `${version.epoch}!`;
    text += version.release.join('.');
    if (version.pre)
        text += `${version.pre.label}${version.pre.number}`;
    if (version.post !== undefined)
        text += `.post${version.post}`;
    if (version.dev !== undefined)
        text += `.dev${version.dev}`;
    if (version.local !== undefined)
        text += `+${version.local}`;
    return text;
}
/** Pre, post and dev releases only get their full version as a tag, never `latest` or `major.minor`. */
function isPep440Final(version) {
    return !version.pre && version.post === undefined && version.dev === undefined;
}
function pep440Part(version, index) {
    return version.release[index] ?? '0';
}

;// CONCATENATED MODULE: ./src/core/metadata/version.ts
/**
 * Runs the priority-sorted tag rules against the event and collects the image version: the first value
 * is the main version, later distinct values are partial versions, and the first value-producing rule
 * decides `latest` under `latest=auto`.
 */






// Prereleases only ever get their full version, whatever the pattern says (unless it is {{raw}}).
const FULL_VERSION = compileTemplate('{{version}}');
// includePrerelease only shows up as a field of the parsed object, but patterns can print it.
const SEMVER_PARSE_OPTIONS = { loose: true, includePrerelease: true };
function computeVersion(rules, facts, warn) {
    const collector = new VersionCollector(facts.flavor.latest);
    for (const rule of rules) {
        if (!isEnabled(rule, facts, warn))
            continue;
        const produced = produce(rule, facts, warn);
        if (produced)
            collector.add(withAffixes(produced.value, rule, facts, warn), rule.origin, produced.latest);
    }
    return collector.finish();
}
function isEnabled(rule, facts, warn) {
    const enabled = renderAt(rule.origin, rule.enable, facts.globals, 'the enable attribute', warn);
    if (enabled !== 'true' && enabled !== 'false') {
        throw inputError(rule.origin, `enable must be exactly true or false, but it is "${enabled}"`, 'Write enable=true, enable=false, an expression such as enable={{is_default_branch}}, or a workflow expression ${{ … }} that yields true/false.');
    }
    return enabled === 'true';
}
function produce(rule, facts, warn) {
    switch (rule.type) {
        case 'schedule':
            return facts.eventName.includes('schedule')
                ? { value: renderAt(rule.origin, rule.pattern, facts.dates, 'the pattern', warn), latest: false }
                : undefined;
        case 'semver':
            return produceSemver(rule, facts, warn);
        case 'pep440':
            return producePep440(rule, facts, warn);
        case 'match':
            return produceMatch(rule, facts, warn);
        case 'edge':
            return isBranchRef(facts.ref) && branchName(facts.ref) === (rule.branch || facts.defaultBranch)
                ? { value: 'edge', latest: false }
                : undefined;
        case 'ref':
            return produceRef(rule, facts);
        case 'raw':
            return { value: renderAt(rule.origin, rule.value, facts.globals, 'the value', warn), latest: false };
        case 'sha':
            if (!facts.sha)
                return undefined;
            return { value: rule.format === 'short' ? shortSha(facts.sha, facts.shortShaLength) : facts.sha, latest: false };
    }
}
function produceRef(rule, facts) {
    const { ref } = facts;
    switch (rule.event) {
        case 'branch':
            return isBranchRef(ref) ? { value: branchName(ref), latest: false } : undefined;
        case 'tag':
            return isTagRef(ref) ? { value: slashesToDashes(tagName(ref)), latest: true } : undefined;
        case 'pr':
            return isPullRequestRef(ref) ? { value: pullRequestNumber(ref), latest: false } : undefined;
    }
}
/**
 * What semver/pep440/match rules read: the rendered `value`, else the pushed tag name. The tag name is
 * tried as pushed first (so `p1/v(.*)` matches `p1/v1.2.3`, as metadata-action's README shows) and then
 * with `/` turned into `-` (so patterns written as `p1-v(.*)` keep working).
 */
function versionCandidates(rule, facts, warn) {
    if (rule.value)
        return [renderAt(rule.origin, rule.value, facts.globals, 'the value', warn)];
    if (!isTagRef(facts.ref))
        return undefined;
    const name = tagName(facts.ref);
    const dashed = slashesToDashes(name);
    return dashed === name ? [name] : [name, dashed];
}
function firstMatch(regex, candidates) {
    for (const candidate of candidates) {
        const found = candidate.match(regex);
        if (found)
            return found;
    }
    return undefined;
}
/** The version text a semver/pep440 rule validates: its `match` group 1 if any, else the dashed source. */
function versionSource(rule, facts, warn) {
    const candidates = versionCandidates(rule, facts, warn);
    if (!candidates)
        return undefined;
    if (!rule.match)
        return slashesToDashes(candidates[candidates.length - 1] ?? '');
    const found = firstMatch(rule.match, candidates);
    if (found?.[1] === undefined) {
        warn(`${describeOrigin(rule.origin)}: match ${rule.match} does not capture a version in "${candidates[0]}"; no tag from this rule.`);
        return undefined;
    }
    return found[1];
}
function produceSemver(rule, facts, warn) {
    const source = versionSource(rule, facts, warn);
    if (source === undefined)
        return undefined;
    if (!semver_default().valid(source)) {
        warn(`${describeOrigin(rule.origin)}: "${source}" is not a valid semantic version (https://semver.org); no tag from this rule.`);
        return undefined;
    }
    const parsed = semver_default().parse(source, SEMVER_PARSE_OPTIONS);
    if (!parsed)
        return undefined;
    // Own fields of the SemVer object, as Handlebars sees them: raw, version, major, minor, patch, prerelease, build…
    const scope = Object.fromEntries(Object.entries(parsed));
    const prerelease = semver_default().prerelease(source) !== null;
    const pattern = prerelease && !isSingleRawExpression(rule.pattern) ? FULL_VERSION : rule.pattern;
    return { value: renderAt(rule.origin, pattern, scope, 'the pattern', warn), latest: !prerelease };
}
function producePep440(rule, facts, warn) {
    const source = versionSource(rule, facts, warn);
    if (source === undefined)
        return undefined;
    const parsed = parsePep440(source);
    if (!parsed) {
        warn(`${describeOrigin(rule.origin)}: "${source}" is not a valid PEP 440 version (https://peps.python.org/pep-0440/); no tag from this rule.`);
        return undefined;
    }
    const normalized = formatPep440(parsed);
    if (!isPep440Final(parsed)) {
        return { value: isSingleRawExpression(rule.pattern) ? source : normalized, latest: false };
    }
    const scope = {
        raw: () => source,
        version: () => normalized,
        major: () => pep440Part(parsed, 0),
        minor: () => pep440Part(parsed, 1),
        patch: () => pep440Part(parsed, 2)
    };
    return { value: renderAt(rule.origin, rule.pattern, scope, 'the pattern', warn), latest: true };
}
function produceMatch(rule, facts, warn) {
    const candidates = versionCandidates(rule, facts, warn);
    if (!candidates)
        return undefined;
    const found = firstMatch(rule.pattern, candidates);
    if (!found) {
        warn(`${describeOrigin(rule.origin)}: pattern ${rule.pattern} does not match "${candidates[0]}"; no tag from this rule.`);
        return undefined;
    }
    const captured = found[rule.group];
    if (captured === undefined) {
        warn(`${describeOrigin(rule.origin)}: pattern ${rule.pattern} has no group ${rule.group} in "${candidates[0]}"; no tag from this rule.`);
        return undefined;
    }
    return { value: captured, latest: true };
}
function withAffixes(value, rule, facts, warn) {
    const { flavor, globals } = facts;
    const prefix = rule.prefix
        ? renderAt(rule.origin, rule.prefix, globals, 'the prefix', warn)
        : renderAt(flavor.prefix.origin, flavor.prefix.template, globals, 'the prefix', warn);
    const suffix = rule.suffix
        ? renderAt(rule.origin, rule.suffix, globals, 'the suffix', warn)
        : renderAt(flavor.suffix.origin, flavor.suffix.template, globals, 'the suffix', warn);
    return `${prefix}${value}${suffix}`;
}
class VersionCollector {
    mode;
    main;
    partial = [];
    latest;
    constructor(mode) {
        this.mode = mode;
    }
    add(value, origin, latestUnderAuto) {
        if (value === '')
            return;
        const entry = { value: sanitizeTag(value), origin };
        if (!this.main)
            this.main = entry;
        else if (entry.value !== this.main.value)
            this.partial.push(entry);
        this.latest ??= this.mode === 'auto' ? latestUnderAuto : this.mode === 'true';
    }
    finish() {
        const seen = new Set();
        const partial = this.partial.filter(entry => !seen.has(entry.value) && seen.add(entry.value));
        return { main: this.main, partial, latest: this.latest ?? false };
    }
}

;// CONCATENATED MODULE: ./src/core/metadata/compute.ts
/** The whole docker/metadata-action pipeline: rules → version → tags, labels, annotations and json. */











function computeMetadata(request) {
    const warnings = [];
    const warn = message => {
        if (!warnings.includes(message))
            warnings.push(message);
    };
    try {
        return { ...computeWithWarnings(request, warn), warnings };
    }
    catch (error) {
        // A warning often explains the error that follows (an unquoted date format makes a tag with ':'), and a failed
        // step prints the error alone: the warnings go with it.
        if (!(error instanceof errors/* InputError */.dz) || warnings.length === 0)
            throw error;
        throw new errors/* InputError */.dz(error.input, error.value, error.problem, `${error.fix} Warning${warnings.length > 1 ? 's' : ''} before this error: ${warnings.join(' ')}`, error.line);
    }
}
function computeWithWarnings(request, warn) {
    const { inputs, context, repo, settings, now, commitDate } = request;
    const sha = effectiveSha(context, settings);
    const facts = {
        eventName: context.eventName,
        ref: context.ref,
        sha,
        shortShaLength: settings.shortShaLength,
        payload: context.payload,
        fallbackDefaultBranch: repo.default_branch,
        now,
        commitDate
    };
    const globals = globalScope(facts);
    const images = parseImages(inputs.images, context);
    const rules = parseTagRules(inputs.tags, warn);
    const flavor = parseFlavor(inputs.flavor, warn);
    const version = computeVersion(rules, { ...facts, defaultBranch: repo.default_branch, flavor, globals, dates: dateScope(facts) }, warn);
    const tagNames = tagNamesOf(version, flavor, globals, warn);
    const enabledImages = images.filter(image => image.enable);
    const tags = enabledImages.flatMap(image => tagNames.map(name => `${image.name}:${name}`));
    const ociFacts = {
        repo,
        sourceUrl: repositorySourceUrl(repo.html_url, context),
        version: version.main?.value ?? '',
        created: now,
        revision: sha
    };
    const labelEntries = buildLabelEntries(ociFacts, inputs.labels, { input: 'labels', noun: 'label' }, globals, warn);
    const annotationEntries = buildLabelEntries(ociFacts, inputs.annotations, { input: 'annotations', noun: 'annotation' }, globals, warn);
    const labels = joinEntries(labelEntries);
    const annotations = settings.annotationLevels.flatMap(level => joinEntries(annotationEntries, level));
    if (!version.main) {
        warn(`No image version was generated for ${context.eventName || 'this event'} on ${context.ref || 'an empty ref'}: no tag rule produced a value. Check the tags input.`);
    }
    if (tags.length === 0) {
        warn(version.main && enabledImages.length === 0
            ? 'No tag was generated because every image in the images input is disabled (enable=false).'
            : 'No tag was generated. Check the tags input.');
    }
    return {
        version: { main: version.main?.value, partial: version.partial.map(entry => entry.value), latest: version.latest },
        images,
        tags,
        tagNames,
        labels,
        annotations,
        json: { tags, 'tag-names': tagNames, labels: Object.fromEntries(labelEntries), annotations }
    };
}
/** main, partials, then latest; each checked against the OCI tag grammar and named by the rule that made it. */
function tagNamesOf(version, flavor, globals, warn) {
    if (!version.main)
        return [];
    const produced = [version.main, ...version.partial];
    if (version.latest)
        produced.push(latestTag(flavor, globals, warn));
    const names = [];
    for (const { value, origin } of produced) {
        assertOciTag(value, origin);
        // A rule that yields "latest" plus latest=true would otherwise push the same tag twice.
        if (!names.includes(value))
            names.push(value);
    }
    return names;
}
function latestTag(flavor, globals, warn) {
    const { prefix, suffix } = flavor;
    const before = prefix.onLatest ? renderAt(prefix.origin, prefix.template, globals, 'the prefix', warn) : '';
    const after = suffix.onLatest ? renderAt(suffix.origin, suffix.template, globals, 'the suffix', warn) : '';
    return { value: sanitizeTag(`${before}latest${after}`), origin: prefix.onLatest ? prefix.origin : suffix.origin };
}

;// CONCATENATED MODULE: ./src/core/metadata/payload.ts
/**
 * The commit date of `sha` from a push payload: the matching entry of `commits`, else `head_commit`
 * when it is that commit. Undefined when the payload does not say (the adapter then asks the API).
 */
function commitDateFromPayload(context, sha = context.sha) {
    const { commits, head_commit: headCommit } = context.payload;
    const fromCommits = Array.isArray(commits)
        ? commits.find(commit => isRecord(commit) && commit.id === sha)
        : undefined;
    if (fromCommits)
        return dateOf(fromCommits.timestamp);
    if (isRecord(headCommit) && headCommit.id === sha)
        return dateOf(headCommit.timestamp);
    return undefined;
}
function dateOf(timestamp) {
    if (typeof timestamp !== 'string')
        return undefined;
    const date = new Date(timestamp);
    return Number.isNaN(date.getTime()) ? undefined : date;
}
/** The payload's `repository` object in the shape of GET /repos/{owner}/{repo}, when it has one. */
function repositoryFromPayload(context) {
    const repository = context.payload.repository;
    if (!isRecord(repository) || typeof repository.name !== 'string')
        return undefined;
    const license = isRecord(repository.license) ? { spdx_id: stringOrNull(repository.license.spdx_id) } : null;
    const info = {
        name: repository.name,
        description: stringOrNull(repository.description),
        html_url: typeof repository.html_url === 'string'
            ? repository.html_url
            : `${context.serverUrl}/${context.owner}/${context.repo}`,
        default_branch: typeof repository.default_branch === 'string' ? repository.default_branch : '',
        license
    };
    if (typeof repository.private === 'boolean')
        info.private = repository.private;
    if (typeof repository.visibility === 'string')
        info.visibility = repository.visibility;
    return info;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function stringOrNull(value) {
    return typeof value === 'string' ? value : null;
}

;// CONCATENATED MODULE: ./src/core/metadata/outputs.ts
const NON_WORD = /\W/g;
function metadataOutputs(metadata, inputs) {
    return {
        version: metadata.version.main ?? '',
        tags: metadata.tags.join(inputs.sepTags),
        'tag-names': metadata.tagNames.join(inputs.sepTags),
        labels: metadata.labels.join(inputs.sepLabels),
        annotations: metadata.annotations.join(inputs.sepAnnotations),
        json: JSON.stringify(metadata.json)
    };
}
/** `tag-names` → `DOCKER_METADATA_OUTPUT_TAG_NAMES`, as metadata-action exports them. */
function metadataOutputEnvironment(outputs) {
    return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [
        `DOCKER_METADATA_OUTPUT_${name.replace(NON_WORD, '_').toUpperCase()}`,
        value
    ]));
}

;// CONCATENATED MODULE: ./src/core/metadata/index.ts
/** Public API of the metadata engine: a pure port of docker/metadata-action v6.2.0 with GHCR defaults. */







;// CONCATENATED MODULE: ./src/core/image-index.ts
/**
 * The multi-platform OCI image index the merge job puts in the registry, from the manifests the platform jobs
 * pushed by digest. Pure: the merge adapter fetches the manifests (and image configs) and puts the result.
 *
 * A platform job's digest is an image manifest, or (with buildx's default provenance) an index holding the
 * image manifest and its attestation manifest; the entries of such an index are carried over as they are, as
 * `buildx imagetools create` does, so attestations stay attached to their images.
 */




const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const INDEX_TYPES = [OCI_INDEX, 'application/vnd.docker.distribution.manifest.list.v2+json'];
const IMAGE_TYPES = [
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json'
];
/** BuildKit marks the attestation manifests of an index with this annotation (and platform unknown/unknown). */
const REFERENCE_TYPE = 'vnd.docker.reference.type';
function isIndexType(mediaType) {
    return INDEX_TYPES.includes(mediaType);
}
/** The config digest of an image manifest, which the adapter fetches to learn the platform. */
function configDigestOf(source) {
    const manifest = parseJson(source.body, source.digest);
    const digest = manifest.config?.digest;
    if (typeof digest !== 'string')
        throw new errors/* ActionableError */.fU(`The manifest ${source.digest} has no config digest.`);
    return digest;
}
/** The index entries for one platform job's digest; its images must be of the platform the job reported. */
function descriptorsFor(source) {
    let descriptors;
    if (isIndexType(source.mediaType)) {
        const index = parseJson(source.body, source.digest);
        descriptors = (index.manifests ?? []).map(entry => ({ ...entry }));
    }
    else if (IMAGE_TYPES.includes(source.mediaType)) {
        const config = parseJson(source.config ?? '', `the config of ${source.digest}`);
        const platform = { architecture: String(config.architecture ?? ''), os: String(config.os ?? '') };
        if (config.variant)
            platform.variant = config.variant;
        if (config['os.version'])
            platform['os.version'] = config['os.version'];
        if (config['os.features']?.length)
            platform['os.features'] = config['os.features'];
        descriptors = [
            { mediaType: source.mediaType, digest: source.digest, size: Buffer.byteLength(source.body), platform }
        ];
    }
    else {
        throw new errors/* ActionableError */.fU(`The digest ${source.digest} handed off for ${source.platform} is a ${source.mediaType || 'manifest of unknown type'}, ` +
            'not an image or an image index.');
    }
    const images = descriptors.filter(entry => !isAttestation(entry));
    const expected = normalizePlatform(source.platform);
    const wrong = images.filter(entry => platformName(entry.platform) !== expected);
    if (images.length === 0 || wrong.length > 0) {
        const found = images.map(entry => platformName(entry.platform)).join(', ') || 'no image';
        throw new errors/* ActionableError */.fU(`The digest ${source.digest} was handed off as ${expected} but holds ${found}. The platform job's ` +
            '"platforms" must name the platform it builds (is the matrix value passed to "platforms"?).');
    }
    return descriptors;
}
/** os/arch[/variant], normalized like platforms in inputs. */
function platformName(platform) {
    if (!platform)
        return 'unknown';
    return normalizePlatform([platform.os, platform.architecture, platform.variant].filter(Boolean).join('/'));
}
function isAttestation(entry) {
    return entry.annotations?.[REFERENCE_TYPE] !== undefined || platformName(entry.platform) === 'unknown/unknown';
}
/** The index over every platform's entries, with the annotations GHCR reads from an index (description…). */
function buildImageIndex(sources, annotations) {
    const manifests = [];
    for (const source of sources) {
        for (const descriptor of descriptorsFor(source)) {
            if (!manifests.some(entry => entry.digest === descriptor.digest))
                manifests.push(descriptor);
        }
    }
    const index = {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {})
    };
    const body = JSON.stringify(index, null, 2);
    return { body, digest: sha256Digest(body), mediaType: OCI_INDEX, manifests };
}
/**
 * metadata's annotations (`level:key=value` or `key=value`) as index annotations, as docker/github-builder
 * rewrites them for its merge: every level lands on the index, the first value of a key wins.
 */
function indexAnnotations(annotations) {
    const result = {};
    for (const annotation of annotations) {
        const parts = splitAnnotation(annotation);
        if (parts && !(parts.key in result))
            result[parts.key] = parts.value;
    }
    return result;
}
function parseJson(text, what) {
    try {
        return JSON.parse(text);
    }
    catch {
        throw new errors/* ActionableError */.fU(`The registry served ${what} as something other than JSON.`);
    }
}

;// CONCATENATED MODULE: ./src/steps/merge-job.ts














/**
 * The merge job's step: no build, and only the registry API, so a runner or container job without the docker CLI
 * merges too. Logged in like any job (actions/attest-build-provenance reads the login from docker's config.json):
 * with `docker login` where docker exists, else by writing the same `auths` entry itself.
 */
async function runMergeJob(step, metadata, store) {
    const { config, plan, context } = step;
    if (!plan.push.push)
        return { pushed: false, digest: '', imageid: '', metadata: '' };
    await (0,runner/* phase */.Oi)('Login', async () => {
        if ((0,docker/* dockerCliOnPath */.n)())
            return login(step);
        for (const { registry, username, password } of plan.login.logins) {
            if (plan.logout)
                step.cleanup.loggedIn(registry);
            (0,docker_credentials/* storeLogin */.VJ)(registry, { username, password });
            runner/* log */.Rm.info(`Logged in to ${registry} in docker's config.json (no docker CLI on this runner; the merge needs none).`);
        }
    });
    const merged = await (0,runner/* phase */.Oi)('Merge', () => mergePlatformDigests({
        images: plan.images,
        tags: plan.tags,
        annotations: metadata.annotations,
        platforms: plan.platforms,
        context,
        logins: plan.login.logins,
        verify: config.verify,
        forkPullRequest: (0,github_context/* isForkPullRequest */.B7)(context),
        store,
        log: runner/* log */.Rm.info
    }));
    // The shape of buildx's metadata file, so steps reading `metadata` work after a merge too.
    const buildxMetadata = {
        'containerimage.descriptor': {
            mediaType: merged.index.mediaType,
            digest: merged.digest,
            size: Buffer.byteLength(merged.index.body)
        },
        'containerimage.digest': merged.digest,
        'image.name': plan.tags.join(',')
    };
    return {
        pushed: true,
        digest: merged.digest,
        imageid: '',
        metadata: JSON.stringify(buildxMetadata, null, 2),
        merged: merged.platforms
    };
}
async function mergePlatformDigests(job) {
    const artifacts = await job.store.list(HANDOFF_PREFIX);
    const selected = selectPlatformDigests(artifacts.map(artifact => artifact.name), { images: job.images, platforms: job.platforms, runAttempt: Number(job.context.runAttempt) || 1 });
    for (const handoff of selected) {
        job.log(`Merging ${displayPlatform(handoff.platformSlug)} → ${handoff.digest} (attempt ${handoff.runAttempt}).`);
    }
    const [first, ...others] = job.images;
    const sources = await registryCall(job, first, 'Reading the platform manifests', client => fetchSources(client, first, selected));
    const index = buildImageIndex(sources, indexAnnotations(job.annotations));
    for (const image of others) {
        await registryCall(job, image, 'Checking the platform manifests', client => requirePresent(client, image, selected));
    }
    // By digest into every repository first: a registry that refuses the write fails the merge before any tag
    // anywhere has moved.
    for (const image of job.images) {
        await registryCall(job, image, 'Pushing the image index', client => client.putManifest(repositoryOf(image), index.digest, index.body, OCI_INDEX));
    }
    for (const image of job.images) {
        const tags = job.tags.filter(tag => tag.startsWith(`${image}:`)).map(tag => tag.slice(image.length + 1));
        await registryCall(job, image, 'Tagging the image index', async (client) => {
            for (const tag of tags)
                await client.putManifest(repositoryOf(image), tag, index.body, OCI_INDEX);
        });
    }
    job.log(`Pushed the index ${index.digest} (${selected.length} platforms) as ${job.tags.join(', ')}.`);
    if (job.verify) {
        const checks = await verifyPushedTags(job.tags, index.digest, job.logins, job.log);
        job.log(`Verified in the registry: ${checks.map(check => check.reference).join(', ')} → ${index.digest}`);
    }
    return { digest: index.digest, index, platforms: selected };
}
async function fetchSources(client, image, handoffs) {
    const repository = repositoryOf(image);
    const sources = [];
    for (const handoff of handoffs) {
        const manifest = await client.getManifest(repository, handoff.digest).catch(error => {
            throw notInRepository(error, handoff, image);
        });
        if (sha256Digest(manifest.body) !== handoff.digest) {
            throw new errors/* ActionableError */.fU(`${image}@${handoff.digest} serves content with another digest (${sha256Digest(manifest.body)}): the ` +
                'registry changed the manifest, so it cannot be referenced by the digest the platform job pushed.');
        }
        const source = {
            platform: displayPlatform(handoff.platformSlug),
            ...manifest,
            digest: handoff.digest
        };
        if (!isIndexType(manifest.mediaType)) {
            source.config = (await client.getBlob(repository, configDigestOf(source))).toString('utf8');
        }
        sources.push(source);
    }
    return sources;
}
/** With several images, the platform jobs pushed each digest to every one of them. */
async function requirePresent(client, image, handoffs) {
    for (const handoff of handoffs) {
        const found = await client.manifestDigest(repositoryOf(image), handoff.digest);
        if (found !== handoff.digest)
            throw notInRepository(new HttpError(404, 'not found'), handoff, image);
    }
}
function notInRepository(error, handoff, image) {
    if (!(error instanceof HttpError) || error.status !== 404)
        return error;
    return new errors/* ActionableError */.fU(`The digest ${handoff.digest} handed off for ${displayPlatform(handoff.platformSlug)} is not in ${image}. ` +
        'The platform jobs must push to the same images as the merge job (same "images" input, same registry).');
}
/** Runs registry calls for one image; a denial or outage becomes a message saying what to do. */
async function registryCall(job, image, operation, call) {
    const registry = registryOf(image);
    try {
        return await call(registryClientFor(registry, job.logins, job.log));
    }
    catch (error) {
        if (error instanceof errors/* ActionableError */.fU)
            throw error;
        throw new errors/* ActionableError */.fU(explainFailure(error.message, {
            operation: `${operation} (${image})`,
            registry,
            forkPullRequest: job.forkPullRequest
        }));
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/core/buildx-option-checks.ts
/**
 * The grammars of buildx's options, checked while the inputs are read so that a malformed value fails the step
 * before any docker process starts, with the input's name and line. buildx itself refuses some of these only after
 * the build ran (an unknown provenance mode, an unknown cache exporter) and silently ignores or misreads others (an
 * unknown provenance key, a cache `mode=medium` or `ignore-error=maybe`: checked with buildx 0.13.1 here). Pure.
 */



const GO_TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];
/** Go's strconv.ParseBool true spellings, which buildx, BuildKit and the docker actions read switches with. */
function isGoTrue(value) {
    return value !== undefined && GO_TRUE.includes(value);
}
function isGoFalse(value) {
    return value !== undefined && GO_FALSE.includes(value);
}
function isGoBoolean(value) {
    return isGoTrue(value) || isGoFalse(value);
}
/** `key=value,key=value` as buildx's csv reader splits it; a field without `=` is refused as buildx refuses it. */
function attributesOf(input, item, shape) {
    return parseCsvFields(item.value).map(field => {
        const equals = field.indexOf('=');
        if (equals <= 0) {
            throw new errors/* InputError */.dz(input, item.value, `"${field}" is not a key=value attribute`, `Write ${shape}.`, item.line);
        }
        return { key: field.slice(0, equals).trim().toLowerCase(), value: field.slice(equals + 1).trim() };
    });
}
const ATTESTATION_GRAMMARS = {
    // BuildKit's provenance processor and buildx's `disabled`; an unknown key is silently ignored by BuildKit, so a
    // misspelt `mode` would quietly produce the default.
    provenance: {
        attributes: {
            mode: value => value === 'min' || value === 'max',
            'builder-id': undefined,
            reproducible: isGoBoolean,
            'inline-only': isGoBoolean,
            filename: value => value !== '',
            version: value => value === 'v0.2' || value === 'v1',
            disabled: isGoBoolean
        },
        example: 'mode=max, mode=min,inline-only=true, or true/false'
    },
    sbom: {
        attributes: { generator: value => value !== '', disabled: isGoBoolean },
        example: 'generator=docker/buildkit-syft-scanner, or true/false'
    }
};
/** The `provenance` and `sbom` inputs: a Go boolean, or the attributes of that attestation type. */
function checkAttestationInput(type, value) {
    if (value === '' || isGoBoolean(value))
        return;
    checkAttestationAttributes(type, type, { value }, attributesOf(type, { value }, ATTESTATION_GRAMMARS[type].example));
}
/** `attests` entries: `type=provenance|sbom` with that type's attributes. */
function checkAttestsItem(item) {
    const attributes = attributesOf('attests', item, 'type=provenance,mode=max or type=sbom');
    const type = attributes.find(attribute => attribute.key === 'type')?.value;
    if (type !== 'provenance' && type !== 'sbom') {
        throw new errors/* InputError */.dz('attests', item.value, type === undefined ? 'the attestation has no type' : `"${type}" is not an attestation type BuildKit knows`, 'Start each line with type=provenance or type=sbom.', item.line);
    }
    checkAttestationAttributes('attests', type, item, attributes.filter(attribute => attribute.key !== 'type'));
}
function checkAttestationAttributes(input, type, item, attributes) {
    const grammar = ATTESTATION_GRAMMARS[type];
    const { line } = item;
    for (const { key, value } of attributes) {
        if (!Object.prototype.hasOwnProperty.call(grammar.attributes, key)) {
            throw new errors/* InputError */.dz(input, item.value, `"${key}" is not a ${type} attestation attribute (known: ${Object.keys(grammar.attributes).join(', ')})`, `Write ${grammar.example}.`, line);
        }
        const valid = grammar.attributes[key];
        if (valid && !valid(value)) {
            throw new errors/* InputError */.dz(input, item.value, `"${value}" is not a valid ${key} for a ${type} attestation`, `Write ${grammar.example}.`, line);
        }
    }
}
// BuildKit's cache exporters and importers.
const CACHE_TYPES = ['registry', 'local', 'inline', 'gha', 's3', 'azblob'];
/** `cache-from` / `cache-to`: a bare reference (buildx reads it as type=registry,ref=…) or typed attributes. */
function checkCacheItem(input, item) {
    if (!item.value.includes('='))
        return;
    const shape = 'type=gha or type=registry,ref=ghcr.io/owner/app:cache,mode=max';
    const attributes = attributesOf(input, item, shape);
    const type = attributes.find(attribute => attribute.key === 'type')?.value;
    const fail = (problem, fix) => {
        throw new errors/* InputError */.dz(input, item.value, problem, fix, item.line);
    };
    if (type === undefined)
        fail('the cache has no type', `Write ${shape}.`);
    if (!CACHE_TYPES.includes(type ?? '')) {
        fail(`"${type}" is not a cache type BuildKit knows`, `Use one of type=${CACHE_TYPES.join(', type=')}.`);
    }
    for (const { key, value } of attributes) {
        if (key === 'mode' && value !== 'min' && value !== 'max') {
            fail(`mode "${value}" is not min or max`, 'Write mode=max (every layer) or mode=min (the final image only).');
        }
        if (key === 'ignore-error' && !isGoBoolean(value)) {
            fail(`ignore-error "${value}" is not a boolean`, 'Write ignore-error=true or ignore-error=false.');
        }
    }
}
// A Dockerfile ARG name is a word: no blanks, no control characters, no `=`.
const BUILD_ARG_NAME = /^[^\s=\p{Cc}]+$/u;
/** `build-args`: NAME=value, or a bare NAME whose value buildx takes from the environment. */
function checkBuildArgItem(item) {
    const equals = item.value.indexOf('=');
    const name = equals < 0 ? item.value : item.value.slice(0, equals);
    const fix = 'Write NAME=value, with the name as the Dockerfile declares it (ARG NAME).';
    if (name === '')
        throw new errors/* InputError */.dz('build-args', item.value, 'the build argument has an empty name', fix, item.line);
    if (!BUILD_ARG_NAME.test(name)) {
        throw new errors/* InputError */.dz('build-args', item.value, `the name "${name}" has blanks or control characters, which a Dockerfile ARG cannot declare`, fix, item.line);
    }
}
/** `build-contexts`: name=source, as buildx's --build-context. */
function checkBuildContextItem(item) {
    const equals = item.value.indexOf('=');
    if (equals <= 0 || equals === item.value.length - 1) {
        throw new errors/* InputError */.dz('build-contexts', item.value, 'expected name=source', 'Write one name=source per line, e.g. alpine=docker-image://alpine:3.20 or assets=./assets.', item.line);
    }
}
/** `add-hosts`: host:ip or host=ip, where ip is an address or host-gateway (buildx's rule). */
function checkAddHostItem(item) {
    const separator = item.value.includes('=') ? '=' : ':';
    const at = item.value.indexOf(separator);
    const host = at < 0 ? '' : item.value.slice(0, at);
    const ip = at < 0 ? '' : item.value.slice(at + 1);
    if (host === '' || (ip !== 'host-gateway' && (0,external_node_net_.isIP)(ip) === 0)) {
        throw new errors/* InputError */.dz('add-hosts', item.value, at < 0 ? 'the host has no IP address' : host === '' ? 'the host name is empty' : `"${ip}" is not an IP address`, 'Write host:ip or host=ip, e.g. registry.local:10.0.0.5 or docker-host=host-gateway.', item.line);
    }
}
// docker's go-units RAMInBytes.
const SIZE = /^\d+(\.\d+)* ?[kmgtp]?i?b?$/i;
/** `shm-size`: a size as docker reads it (bytes, or with k, m, g… units). */
function checkShmSize(value) {
    if (value === '' || SIZE.test(value))
        return;
    throw new errors/* InputError */.dz('shm-size', value, 'not a size', 'Write a size such as 2g, 512m or 67108864 (bytes).');
}
// go-units' ulimit names.
const ULIMIT_NAMES = [
    'core',
    'cpu',
    'data',
    'fsize',
    'locks',
    'memlock',
    'msgqueue',
    'nice',
    'nofile',
    'nproc',
    'rss',
    'rtprio',
    'rttime',
    'sigpending',
    'stack'
];
/** `ulimit`: name=soft[:hard], as docker's --ulimit. */
function checkUlimitItem(item) {
    const match = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(item.value);
    const fail = (problem) => {
        throw new errors/* InputError */.dz('ulimit', item.value, problem, 'Write name=soft or name=soft:hard, e.g. nofile=1024:1024.', item.line);
    };
    if (!match)
        return fail(item.value.includes('=') ? 'the limits are not numbers' : 'the ulimit has no limits');
    const [, name = '', soft = '', hard] = match;
    if (!ULIMIT_NAMES.includes(name))
        fail(`"${name}" is not a ulimit (known: ${ULIMIT_NAMES.join(', ')})`);
    if (hard !== undefined && Number(hard) !== -1 && Number(soft) > Number(hard)) {
        fail('the soft limit is above the hard limit');
    }
}

;// CONCATENATED MODULE: ./src/core/build-command.ts
/**
 * The `docker buildx build` command line, as docker/build-push-action would assemble it from the same
 * inputs, plus ghcr-publish's defaults (GitHub Actions cache, index annotations, Git context token).
 * Pure: argument arrays only, never a shell string; secret values never appear in the arguments: `secrets` go
 * through files the step writes (0600, in its work directory) and the Git context token through the environment.
 */


/**
 * A build command for a BuildKit older than 0.11, which knows neither attestations nor annotations: without the
 * default provenance (the user's own attestations stay, and fail as buildx says) and without annotations (the
 * labels carry the same metadata). Unknown versions (Debian's BuildKit reports v0.0.0+unknown) are taken as new.
 */
function forBuildKitVersion(command, buildkitVersion) {
    const [major, minor] = (/^v?(\d+)\.(\d+)\./.exec(buildkitVersion ?? '') ?? []).slice(1).map(Number);
    // 0.0.x is a build without a version (Debian's v0.0.0+unknown), not an old one.
    const old = major === 0 && minor !== undefined && minor > 0 && minor < 11;
    const dropped = new Set();
    const kept = command.options.filter(({ flag, value }) => {
        const unknownToOld = flag === '--annotation' || (flag === '--attest' && value === command.defaultProvenance);
        if (old && unknownToOld)
            dropped.add(flag === '--annotation' ? 'annotations' : 'the default provenance attestation');
        return !(old && unknownToOld);
    });
    return { args: buildxBuildArgs(kept, command.context), dropped: [...dropped] };
}
/** `buildx build` with these options and context. */
function buildxBuildArgs(options, context) {
    return ['buildx', 'build', ...optionArgs(options), context];
}
/** Options as command-line arguments: each flag followed by its value, if it has one. */
function optionArgs(options) {
    return options.flatMap(({ flag, value }) => (value === undefined ? [flag] : [flag, value]));
}
const SAME = { kind: 'same' };
const OMIT = { kind: 'omit' };
const needsBuildx = (input) => ({ kind: 'buildx', input });
const leftOut = (what) => ({ kind: 'dropped', what });
const BUILDKIT = { kind: 'buildkit' };
const GIT_AUTH_TOKEN_VARIABLE = 'GHCR_PUBLISH_GIT_AUTH_TOKEN';
/** Annotation keys GHCR reads from the image index of a multi-platform image (package page). */
const INDEX_ANNOTATION_KEYS = [
    'org.opencontainers.image.description',
    'org.opencontainers.image.licenses',
    'org.opencontainers.image.source'
];
function planBuildCommand(input) {
    const { build, metadata, context } = input;
    const planned = [];
    const secretEnv = {};
    const secretsToWrite = [];
    const option = (flag, value, legacy = SAME) => {
        if (value !== '')
            planned.push({ flag, value, legacy });
    };
    const options = (flag, values, legacy = SAME) => values.forEach(value => option(flag, value, legacy));
    const switchOption = (flag, legacy = SAME) => planned.push({ flag, legacy });
    option('--builder', build.builder, needsBuildx('builder'));
    option('--file', build.file);
    option('--target', build.target);
    if (build.platforms.length > 0)
        option('--platform', build.platforms.join(','));
    options('--build-arg', build.buildArgs);
    options('--build-context', build.buildContexts.map(entry => withDefaultContext(entry, context)), needsBuildx('build-contexts'));
    options('--label', metadata.labels);
    const { attests: attestations, defaultProvenance } = planAttestations(input);
    // Several platforms, or attestation manifests next to one, make the pushed image an index.
    const pushesIndex = build.platforms.length > 1 || attestations.some(entry => attachedToResult(entry, build, input.push));
    const annotations = withIndexAnnotations(metadata.annotations, pushesIndex);
    options('--annotation', annotations, leftOut('annotations'));
    // Tags belong to the merged index: a platform job's image is only reachable by its digest.
    if (!input.pushByDigestTo)
        options('--tag', metadata.tags);
    const cache = planCache(input);
    const defaultCache = leftOut('GitHub Actions cache');
    options('--cache-from', cache.from, cache.defaulted ? defaultCache : SAME);
    options('--cache-to', cache.to, cache.defaulted ? defaultCache : needsBuildx('cache-to'));
    if (build.noCache)
        switchOption('--no-cache');
    options('--no-cache-filter', build.noCacheFilters, needsBuildx('no-cache-filters'));
    if (build.pull)
        switchOption('--pull');
    build.secrets.forEach((item, index) => {
        const [id, value] = splitKeyValue(item.value);
        const path = `${input.workDir}/secret-${index}`;
        secretsToWrite.push({ path, value });
        option('--secret', `id=${id.trim()},src=${path}`, BUILDKIT);
    });
    build.secretEnvs.forEach(item => {
        const [id, variable] = splitKeyValue(item.value);
        option('--secret', `id=${id.trim()},env=${variable.trim()}`, BUILDKIT);
    });
    build.secretFiles.forEach(item => {
        const [id, path] = splitKeyValue(item.value);
        option('--secret', `id=${id.trim()},src=${path.trim()}`, BUILDKIT);
    });
    const buildContext = build.context === '' ? defaultGitContext(context) : withDefaultContext(build.context, context);
    const gitContext = buildContext.startsWith(defaultGitContext(context));
    if (gitContext && input.githubToken && !hasGitAuthTokenSecret(build)) {
        secretEnv[GIT_AUTH_TOKEN_VARIABLE] = input.githubToken;
        option('--secret', `id=GIT_AUTH_TOKEN.${new URL(context.serverUrl).host},env=${GIT_AUTH_TOKEN_VARIABLE}`, {
            kind: 'buildkit',
            gitToken: true
        });
    }
    options('--ssh', build.ssh, BUILDKIT);
    option('--network', build.network);
    options('--add-host', build.addHosts);
    options('--allow', build.allow, needsBuildx('allow'));
    option('--shm-size', build.shmSize);
    options('--ulimit', build.ulimit);
    option('--cgroup-parent', build.cgroupParent);
    options('--attest', attestations, leftOut('provenance and SBOM attestations'));
    options('--output', build.outputs, needsBuildx('outputs'));
    if (input.pushByDigestTo && input.push) {
        option('--output', pushByDigestOutput(input.pushByDigestTo), needsBuildx('distribute'));
    }
    else if (input.push)
        switchOption('--push', OMIT);
    if (build.load)
        switchOption('--load', OMIT);
    const metadataFile = `${input.workDir}/build-metadata.json`;
    const iidFile = `${input.workDir}/build-iidfile.txt`;
    option('--metadata-file', metadataFile, OMIT);
    // buildx refuses an image ID file with the local and tar exporters, which produce no image.
    if (!build.outputs.some(output => /(^|,)type=(local|tar)(,|$)/.test(output)))
        option('--iidfile', iidFile);
    const features = {
        pushByDigest: Boolean(input.pushByDigestTo && input.push) ||
            build.outputs.some(output => /(^|,)push-by-digest=true(,|$)/.test(output)),
        attestations: attestations.some(entry => !isDisabled(entry)),
        annotations: annotations.length > 0
    };
    return {
        args: buildxBuildArgs(planned, buildContext),
        options: planned,
        context: buildContext,
        features,
        secretEnv,
        secretsToWrite,
        metadataFile,
        iidFile,
        cache,
        gitContext,
        defaultProvenance
    };
}
/** docker's documented output for a platform job of a matrix; names with commas are quoted as CSV. */
function pushByDigestOutput(images) {
    const names = images.join(',');
    return `type=image,${names.includes(',') ? `"name=${names}"` : `name=${names}`},push-by-digest=true,name-canonical=true,push=true`;
}
/**
 * A context buildx fetches itself (the default Git context, a Git or HTTP URL, `{{defaultContext}}:dir`); any other
 * value is a directory on the runner.
 */
function isRemoteContext(context) {
    return (context === '' ||
        context.includes('{{defaultContext}}') ||
        /^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//.test(context));
}
/** The Git context docker/build-push-action builds by default: the repository at this commit. */
function defaultGitContext(context) {
    const ref = context.sha || context.ref;
    return `${context.serverUrl}/${context.owner}/${context.repo}.git${ref ? `#${ref}` : ''}`;
}
/** build-push-action's `{{defaultContext}}` placeholder, e.g. `{{defaultContext}}:docker` for a subdirectory. */
function withDefaultContext(value, context) {
    return value.split('{{defaultContext}}').join(defaultGitContext(context));
}
/** `id=value` split at the first `=` (the list inputs have checked that there is one). */
function splitKeyValue(entry) {
    const separator = entry.indexOf('=');
    return [entry.slice(0, separator), entry.slice(separator + 1)];
}
/** A user's own GIT_AUTH_TOKEN (or GIT_AUTH_TOKEN.<host>) secret wins over the github-token. */
function hasGitAuthTokenSecret(build) {
    return [...build.secrets, ...build.secretEnvs, ...build.secretFiles].some(item => {
        const id = splitKeyValue(item.value)[0].trim();
        return id === 'GIT_AUTH_TOKEN' || id.startsWith('GIT_AUTH_TOKEN.');
    });
}
/**
 * For several platforms GHCR shows description, licenses and source from the index, which BuildKit
 * only writes when asked with an `index:` annotation.
 */
function withIndexAnnotations(annotations, multiPlatform) {
    if (!multiPlatform)
        return [...annotations];
    const result = [...annotations];
    for (const annotation of annotations) {
        const parts = splitAnnotation(annotation);
        if (!parts || !INDEX_ANNOTATION_KEYS.includes(parts.key))
            continue;
        const indexed = `index:${parts.key}=${parts.value}`;
        if (!result.includes(indexed))
            result.push(indexed);
    }
    return result;
}
/** A cache scope per image, target and platform set, so matrix jobs and several images keep their own cache. */
function cacheScope(image, target, platforms) {
    const parts = [image.replace(/^[^/]*\//, ''), target, platforms.join('+')].filter(part => part !== '');
    return parts.join('-').replace(/[^a-z0-9._+-]+/gi, '-');
}
function planCache(input) {
    const { build, metadata } = input;
    const defaultCache = build.ghaCache && input.actionsCacheAvailable && !build.noCache;
    if (build.cacheFrom.length > 0 || build.cacheTo.length > 0 || !defaultCache) {
        return { from: build.cacheFrom, to: build.cacheTo, defaulted: false };
    }
    const image = metadata.images.find(candidate => candidate.enable)?.name ?? `${input.context.owner}/${input.context.repo}`;
    const scope = cacheScope(image.toLowerCase(), build.target, build.platforms);
    return {
        from: [`type=gha,scope=${scope}`],
        // ignore-error: a throttled or full cache service must never fail a good build.
        to: [`type=gha,scope=${scope},mode=max,ignore-error=true`],
        defaulted: true
    };
}
/** provenance, sbom and attests as docker/build-push-action combines them, with its default provenance. */
function planAttestations(input) {
    const { build, context } = input;
    const builderId = `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}/attempts/${context.runAttempt}`;
    const attests = build.attests
        .filter(entry => {
        const type = /(?:^|,)type=([^,]+)/.exec(entry)?.[1];
        return !(type === 'provenance' && build.provenance !== '') && !(type === 'sbom' && build.sbom !== '');
    })
        // build-push-action gives an attests provenance entry the run's builder-id too.
        .map(entry => /(?:^|,)type=provenance(?:,|$)/.test(entry) && !/(?:^|,)(?:builder-id|disabled)=/.test(entry)
        ? `${entry},builder-id=${builderId}`
        : entry);
    const provenanceGiven = build.provenance !== '' || attests.some(entry => /(?:^|,)type=provenance/.test(entry));
    if (build.provenance !== '') {
        attests.push(attestation('provenance', build.provenance, builderId));
    }
    const defaultProvenance = provenanceGiven || input.noDefaultAttestations || hasDockerExporter(build)
        ? undefined
        : input.privateRepository
            ? `type=provenance,mode=min,inline-only=true,builder-id=${builderId}`
            : `type=provenance,mode=max,builder-id=${builderId}`;
    if (defaultProvenance)
        attests.push(defaultProvenance);
    if (build.sbom !== '')
        attests.push(attestation('sbom', build.sbom, ''));
    return { attests, defaultProvenance };
}
/**
 * Whether an attestation ends up in the result next to the image (making it an index). Inline-only attestations
 * (the private-repository default) are kept by the image exporter alone (a push, `type=image` or `type=registry`);
 * the oci and docker exporters and `load` drop them, and the result is a single manifest, on which BuildKit refuses
 * index annotations ("index annotations not supported for single platform export").
 */
function attachedToResult(entry, build, push) {
    if (isDisabled(entry))
        return false;
    if (!/(?:^|,)inline-only=true(?:,|$)/.test(entry))
        return true;
    const imageExporter = build.outputs.some(output => /(?:^|,)type=(?:image|registry)(?:,|$)/.test(output));
    const otherExporter = build.outputs.some(output => /(?:^|,)type=(?:oci|docker|local|tar)(?:,|$)/.test(output));
    return (push || imageExporter) && !build.load && !otherExporter;
}
/** An attestation entry that asks for none (`disabled=true`, as provenance: false is planned). */
function isDisabled(entry) {
    return /(?:^|,)disabled=true(?:,|$)/.test(entry);
}
/** The docker exporter (load, or type=docker) cannot take the attestation manifests of an index. */
function hasDockerExporter(build) {
    return build.load || build.outputs.some(output => /(^|,)type=docker(,|$)/.test(output));
}
function attestation(type, value, builderId) {
    // build-push-action parses these as Go booleans (1, t, T, TRUE, true, True and their false twins).
    if (isGoFalse(value))
        return `type=${type},disabled=true`;
    const attributes = isGoTrue(value) ? '' : value;
    const withBuilder = builderId && !/(?:^|,)builder-id=/.test(attributes) ? `builder-id=${builderId}` : '';
    return [`type=${type}`, attributes, withBuilder].filter(part => part !== '').join(',');
}

;// CONCATENATED MODULE: ./src/core/tool-images.ts
/**
 * The images the step runs for its own tooling: BuildKit for a docker-container builder it creates, and the binfmt
 * installer of QEMU emulators. Both come from Docker Hub, whose anonymous pulls are limited per address (10 an hour
 * since April 2025, shared by every job on a runner's address), so they are pinned by digest and kept in the GitHub
 * Actions cache under that digest. A digest names the bytes, so a cached copy can never be a stale tag; an image given
 * by tag only is pulled as docker pulls it, never cached. Pure.
 */


/** moby/buildkit v0.31.2, the image setup-buildx-action's builders run (buildx-stable-1 at the time of pinning). */
const DEFAULT_BUILDKIT_IMAGE = 'docker.io/moby/buildkit:v0.31.2@sha256:2f5adac4ecd194d9f8c10b7b5d7bceb5186853db1b26e5abd3a657af0b7e26ec';
/** tonistiigi/binfmt qemu-v10.2.3, the installer setup-qemu-action runs (`latest` at the time of pinning). */
const DEFAULT_BINFMT_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v10.2.3@sha256:400a4873b838d1b89194d982c45e5fb3cda4593fbfd7e08a02e76b03b21166f0';
/**
 * busybox 1.37.0 for the throwaway builds that move cache mounts in and out of the builder (a shell and tar), from
 * Google's mirror of Docker Hub's official images: BuildKit pulls it itself, and the mirror has no Docker Hub limit.
 */
const DEFAULT_CACHE_MOUNTS_IMAGE = 'mirror.gcr.io/library/busybox:1.37.0@sha256:bdf57e528e45e4433820e045b29b4597825a1c9e38353532d90a01445013f82e';
/** What the step runs for `reference` on a runner of the given architecture (Node's process.arch). */
function toolImage(reference, arch) {
    const at = reference.lastIndexOf('@');
    const digest = at < 0 ? '' : reference.slice(at + 1);
    if (!isSha256Digest(digest))
        return { reference };
    const repository = repositoryOf(withoutTag(reference.slice(0, at)));
    const hex = digest.slice('sha256:'.length);
    return {
        reference,
        localTag: `localhost/ghcr-publish/${repository}:${hex.slice(0, 12)}`,
        cacheKey: `ghcr-publish-image-${arch}-${repository.replace(/[^a-z0-9._-]+/gi, '-')}-${hex}`
    };
}
/** The reference docker runs: the local tag of a pinned image, else the reference itself. */
function runnableReference(image) {
    return image.localTag ?? image.reference;
}
function withoutTag(name) {
    const colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}
/** The `image=` driver option a user gave, which wins over the buildkit-image input. */
function driverOptImage(driverOpts) {
    const option = driverOpts.find(opt => opt.startsWith('image='));
    return option?.slice('image='.length);
}

;// CONCATENATED MODULE: ./src/core/builder-plan.ts
/**
 * Which BuildKit builder runs the build. The runner's own builder (the docker driver of its Docker engine) is
 * used whenever it can do the job: with the containerd image store it builds several platforms, exports cache
 * (the GitHub Actions cache included), attaches attestations and writes index annotations by itself. Only what
 * it lacks calls for a docker-container builder, created for this run only and removed in the post step:
 * push by digest on any store ("push-by-digest is currently not implemented for docker driver"), and on the
 * classic image store several platforms, cache export, attestations ("Attestation is not supported for the
 * docker driver") and annotations (silently dropped). Pure.
 */



/** The features of this build that a docker driver lacks on the given image store, in words for the log. */
function dockerDriverLacks({ platforms, cache, features }, imageStore) {
    const lacking = [];
    if (features.pushByDigest)
        lacking.push('push by digest');
    if (imageStore === 'containerd')
        return lacking;
    const store = imageStore === 'classic' ? ' on the classic image store' : '';
    if (platforms.length > 1)
        lacking.push(`${platforms.length} platforms${store}`);
    if ([...cache.from, ...cache.to].some(spec => /(^|,)type=gha(,|$)/.test(spec)) || exportsCache(cache.to)) {
        lacking.push(`cache export${store}`);
    }
    if (features.attestations)
        lacking.push(`attestations${store}`);
    if (features.annotations)
        lacking.push(`annotations${store}`);
    return lacking;
}
/** Inline cache travels inside the image: every driver writes it. */
function exportsCache(cacheTo) {
    return cacheTo.some(spec => !/(^|,)type=inline(,|$)/.test(spec));
}
/** Whether the image store must be asked of `docker info` before choosing: only when the answer matters. */
function needsImageStore(current, needs) {
    return (current.driver === 'docker' &&
        current.imageStore === 'unknown' &&
        dockerDriverLacks(needs, 'classic').length > dockerDriverLacks(needs, 'containerd').length);
}
/** For a run without the builder input: keep the current builder, or create a container builder. */
function chooseBuilder(current, needs, uniqueName, arch = 'x64') {
    if (current.driver !== 'docker') {
        return { kind: 'current', reason: `the current builder uses the ${current.driver || 'unknown'} driver` };
    }
    const lacking = dockerDriverLacks(needs, current.imageStore);
    if (lacking.length === 0) {
        return {
            kind: 'current',
            reason: current.imageStore === 'containerd'
                ? 'the docker driver on the containerd image store does everything this build needs'
                : 'the docker driver supports everything this build needs'
        };
    }
    const options = needs.builderOptions ?? {
        driverOpts: [],
        buildkitdFlags: DEFAULT_BUILDKITD_FLAGS,
        buildkitdConfig: '',
        buildkitImage: DEFAULT_BUILDKIT_IMAGE
    };
    const hostNetwork = (needs.registries ?? []).some(isLoopbackRegistry) && !options.driverOpts.some(opt => /^network=/.test(opt));
    const userImage = driverOptImage(options.driverOpts);
    const image = toolImage(userImage ?? options.buildkitImage, arch);
    const imageOpt = `image=${runnableReference(image)}`;
    const driverOpts = [
        ...(userImage ? [] : [imageOpt]),
        ...options.driverOpts.map(opt => (opt.startsWith('image=') ? imageOpt : opt)),
        ...(hostNetwork ? ['network=host'] : [])
    ];
    return {
        kind: 'create',
        name: uniqueName,
        image,
        // Created without --bootstrap: create saves the builder before booting it, so a boot that failed (a Docker
        // Hub hiccup pulling moby/buildkit) could not be retried by creating again ("existing instance ... but no
        // append mode"); the boot is a separate command, retried alone.
        createArgs: [
            'buildx',
            'create',
            '--name',
            uniqueName,
            '--driver',
            'docker-container',
            ...driverOpts.flatMap(opt => ['--driver-opt', opt]),
            ...(options.buildkitdFlags ? ['--buildkitd-flags', options.buildkitdFlags] : []),
            ...(options.buildkitdConfig ? ['--buildkitd-config', options.buildkitdConfig] : [])
        ],
        bootArgs: ['buildx', 'inspect', '--bootstrap', '--builder', uniqueName],
        reason: `the docker driver cannot do ${lacking.join(', ')}` +
            (hostNetwork ? ' (on the host network: a registry is on loopback)' : '')
    };
}
/** setup-buildx-action's default: `allow: security.insecure` and `--network host` steps work as with it. */
const DEFAULT_BUILDKITD_FLAGS = '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host';
/**
 * The planned build command for the builder that runs it: `--builder` for the one this run created; for a current
 * builder, without what its BuildKit does not know (see forBuildKitVersion). No choice: the builder input's builder,
 * named in the planned arguments already.
 */
function argsForBuilder(build, choice, buildkitVersion) {
    if (choice?.kind === 'create') {
        const builder = { flag: '--builder', value: choice.name, legacy: { kind: 'same' } };
        return { args: buildxBuildArgs([builder, ...build.options], build.context), dropped: [] };
    }
    if (!choice)
        return { args: [...build.args], dropped: [] };
    return forBuildKitVersion(build, buildkitVersion);
}
/** Which builder ran and why, for the job summary. */
function describeBuilderChoice(choice, builderInput) {
    if (!choice)
        return `${builderInput} (the builder input, used as it is)`;
    return choice.kind === 'create'
        ? `a docker-container builder for this run: ${choice.reason}`
        : `the current builder: ${choice.reason}`;
}
/** What the dry run can say before any builder is asked: the rule the step will apply. */
function describeBuilderRule(needs, builderInput) {
    if (builderInput)
        return describeBuilderChoice(undefined, builderInput);
    const onContainerd = dockerDriverLacks(needs, 'containerd');
    const onClassic = dockerDriverLacks(needs, 'classic');
    if (onContainerd.length > 0)
        return `a docker-container builder for this run (the docker driver cannot do ${onContainerd.join(', ')})`;
    if (onClassic.length === 0)
        return "the runner's current builder";
    return ("the runner's current builder when it is a docker driver on the containerd image store or another driver; " +
        `a docker-container builder on the classic image store (it cannot do ${dockerDriverLacks(needs, 'unknown').join(', ')})`);
}

;// CONCATENATED MODULE: ./src/core/buildx-info.ts
/** Parsers for what `docker buildx version`, `docker buildx inspect` and buildx's metadata file say. Pure. */


/** `github.com/docker/buildx v0.19.3 48d6a39` → `0.19.3`; undefined when no version is printed. */
function parseBuildxVersion(stdout) {
    return /\bv?(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)\b/.exec(stdout)?.[1];
}
/**
 * Which image store a docker driver's BuildKit works on, from its worker labels. dockerd 26 with the containerd
 * image store labels its worker with the containerd executor and snapshotter (`buildx inspect` 0.13.1 prints
 * `org.mobyproject.buildkit.worker.executor: containerd`, `...snapshotter: overlayfs`); on the classic store the
 * only label is `org.mobyproject.buildkit.worker.moby.host-gateway-ip`. 'unknown' when buildx printed no labels
 * (older buildx): then `docker info` tells.
 */
function imageStoreFromLabels(labels) {
    if (Object.keys(labels).length === 0)
        return 'unknown';
    const containerd = labels['org.mobyproject.buildkit.worker.executor'] === 'containerd' ||
        'org.mobyproject.buildkit.worker.containerd.namespace' in labels ||
        'org.mobyproject.buildkit.worker.snapshotter' in labels;
    return containerd ? 'containerd' : 'classic';
}
/** `docker info --format '{{json .DriverStatus}}'`: the containerd image store reports this driver type. */
function isContainerdStoreDriverStatus(stdout) {
    return stdout.includes('io.containerd.snapshotter.v1');
}
/** The text of `docker buildx inspect`: the builder's own Name and Driver come before the Nodes section. */
function parseBuilderInspect(stdout) {
    const field = (name) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(stdout)?.[1]?.trim();
    const platforms = (field('Platforms') ?? '')
        .split(',')
        .map(platform => platform.trim().replace(/\*$/, ''))
        .filter(platform => platform !== '');
    return {
        name: field('Name') ?? '',
        driver: field('Driver') ?? '',
        platforms,
        buildkitVersion: field('BuildKit version') ?? field('Buildkit'),
        labels: parseLabels(stdout)
    };
}
/** The indented `key: value` lines under the first `Labels:` heading. */
function parseLabels(stdout) {
    const labels = {};
    const lines = stdout.split(/\r?\n/);
    const start = lines.findIndex(line => /^Labels:\s*$/.test(line));
    if (start < 0)
        return labels;
    for (const line of lines.slice(start + 1)) {
        const match = /^\s+([^\s:][^:]*):\s*(.*)$/.exec(line);
        if (!match)
            break;
        labels[match[1].trim()] = match[2].trim();
    }
    return labels;
}
/** What the docker CLI prints for `docker buildx …` without the plugin (docker 20–24, then docker 25+). */
function isBuildxMissing(stderr) {
    return /'buildx' is not a docker command|unknown command: docker buildx/.test(stderr);
}
/**
 * The `buildx.build.warnings` of buildx's metadata file (buildx 0.15 and later; client.VertexWarning as JSON:
 * `short` and `detail` base64, `sourceInfo.filename`, `range[].start.line`), as messages with their place in
 * the Dockerfile. Unknown shapes give nothing rather than an error: these are warnings.
 */
function buildWarningsFrom(metadata) {
    const warnings = metadata['buildx.build.warnings'];
    if (!Array.isArray(warnings))
        return [];
    const decode = (value) => typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8').trim() : '';
    return warnings.flatMap((entry) => {
        if (entry === null || typeof entry !== 'object')
            return [];
        const warning = entry;
        const details = Array.isArray(warning.detail) ? warning.detail.map(decode).filter(Boolean) : [];
        const message = [decode(warning.short), ...details, typeof warning.url === 'string' ? warning.url : '']
            .filter(Boolean)
            .join('\n');
        if (!message)
            return [];
        const range = Array.isArray(warning.range) ? warning.range[0] : undefined;
        const line = (value) => (typeof value === 'number' && value > 0 ? value : undefined);
        const file = typeof warning.sourceInfo?.filename === 'string' ? warning.sourceInfo.filename : undefined;
        return [{ message, file, startLine: line(range?.start?.line), endLine: line(range?.end?.line) }];
    });
}
/**
 * The workspace path of the Dockerfile a build check names (buildx records the name as given): the file input,
 * else the name inside a local context; none for the Git or a URL context, which is not in the workspace.
 */
function dockerfileInWorkspace(checked, build, workspace) {
    if (!checked)
        return undefined;
    if (!build.file && isRemoteContext(build.context))
        return undefined;
    const path = build.file || (0,external_node_path_.join)(build.context, checked);
    return workspace ? (0,external_node_path_.relative)(workspace, (0,external_node_path_.resolve)(workspace, path)) || path : path;
}

;// CONCATENATED MODULE: ./src/core/legacy-build.ts
/**
 * The fallback for runners without buildx (distribution Docker on self-hosted runners): the same build
 * as `docker build` with BuildKit, then one `docker push` per tag. Planned from the build command's options and
 * what each of them came from (LegacyTreatment), never by re-reading its arguments. Pure.
 */



function planLegacyBuild(command, platforms, tags, push) {
    if (platforms.length > 1) {
        throw new errors/* InputError */.dz('platforms', platforms.join(','), 'building several platforms needs docker buildx, which this runner does not have', "Install the buildx plugin (Debian/Ubuntu: docker-buildx-plugin from Docker's repository) or use a GitHub-hosted runner.");
    }
    const kept = [];
    const dropped = new Set();
    for (const option of command.options) {
        const { legacy } = option;
        if (legacy.kind === 'buildx') {
            throw new errors/* InputError */.dz(legacy.input, option.value ?? '', 'this needs docker buildx, which this runner does not have', `Remove "${legacy.input}", or install the buildx plugin.`);
        }
        if (legacy.kind === 'dropped')
            dropped.add(legacy.what);
        if (legacy.kind === 'same' || legacy.kind === 'buildkit')
            kept.push(option);
    }
    const onlyBuildKit = kept.filter(({ legacy }) => legacy.kind === 'buildkit' && !legacy.gitToken);
    const withoutGitToken = kept.filter(({ legacy }) => legacy.kind !== 'buildkit');
    return {
        buildArgs: ['build', ...optionArgs(kept), command.context],
        classicBuild: onlyBuildKit.length > 0
            ? {
                refusal: "This runner's docker has neither buildx nor BuildKit, so build secrets and SSH cannot be passed " +
                    `(${[...new Set(onlyBuildKit.map(({ flag }) => flag))].join(', ')}). Install the buildx plugin.`
            }
            : { args: ['build', ...optionArgs(withoutGitToken), command.context] },
        pushArgs: push ? tags.map(tag => ['push', tag]) : [],
        dropped: [...dropped]
    };
}
/** The manifest digest `docker push` reports: `<tag>: digest: sha256:… size: N`. */
function digestFromPushOutput(stdout) {
    return new RegExp(`digest: (sha256:${SHA256_HEX_PATTERN})`).exec(stdout)?.[1];
}

;// CONCATENATED MODULE: ./src/adapters/actions-cache.ts
/**
 * The GitHub Actions cache through @actions/cache, for what the step keeps between runs itself (its tool images).
 * Loaded on demand: a run that restores and saves nothing never loads it. A cache that fails, is full or is not
 * offered (a local run, GHES without the service) costs a warning at most, never the step.
 */




/** A stuck download segment gives up after this long (the client's default is 10 minutes). */
const SEGMENT_TIMEOUT_MS = 120_000;
/** Restores `paths` saved under `key` (or the newest entry matching a restore key); the key it found, if any. */
async function restoreFromCache(paths, key, restoreKeys = []) {
    try {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(878), __webpack_require__.e(322)]).then(__webpack_require__.bind(__webpack_require__, 8322));
        if (!cache.isFeatureAvailable())
            return undefined;
        return await cache.restoreCache(paths, key, restoreKeys, { segmentTimeoutInMs: SEGMENT_TIMEOUT_MS });
    }
    catch (error) {
        runner/* log */.Rm.warning(`Restoring ${key} from the GitHub Actions cache failed (${error.message}); going on without it.`);
        return undefined;
    }
}
/** Saves `paths` under `key`; false (with a warning) when the cache took nothing. */
async function saveToCache(paths, key) {
    try {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(878), __webpack_require__.e(322)]).then(__webpack_require__.bind(__webpack_require__, 8322));
        if (!cache.isFeatureAvailable())
            return false;
        // -1: the client said why in the log (as information only when it could not reserve the entry: another job
        // saving the same key, which is common for the tool images of a matrix, or a refused reservation).
        return (await cache.saveCache(paths, key)) !== -1;
    }
    catch (error) {
        runner/* log */.Rm.warning(`Saving ${key} to the GitHub Actions cache failed (${error.message}); the next run starts without it.`);
        return false;
    }
}
/**
 * A file the step keeps in the cache, by the path given to the cache (`key`: part of the cache entry's version, so
 * the same in every run; `~` is the runner user's home, which the cache client expands) and on disk (`path`).
 */
function cacheFile(folder, name) {
    const directory = (0,external_node_path_.join)('.cache', 'ghcr-publish', folder);
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)((0,external_node_os_.homedir)(), directory), { recursive: true });
    return { key: `~/${directory}/${name}`, path: (0,external_node_path_.join)((0,external_node_os_.homedir)(), directory, name) };
}

;// CONCATENATED MODULE: ./src/steps/tool-images.ts
/**
 * Makes a tool image (BuildKit, binfmt) present under the reference the step runs it by, touching Docker Hub only
 * when neither the runner nor the GitHub Actions cache has it: present locally → nothing; else restored from the
 * cache (`docker load`); else pulled, tagged locally and saved to the cache for the next runs. What the cache does
 * never fails the step; a pull that fails does, explained.
 */





async function ensureToolImage(image, step) {
    const { localTag, cacheKey } = image;
    if (!localTag)
        return; // by tag only: docker and buildx pull it when they run it, as they always did
    if (await isPresent(localTag)) {
        runner/* log */.Rm.info(`${image.reference} is on this runner already (${localTag}).`);
        return;
    }
    // no-cache: a release build that must not start from cached state pulls instead.
    const cached = step.config.build.cacheImage && !step.config.build.noCache && cacheKey
        ? cacheFile('images', `${cacheKey}.tar`)
        : undefined;
    try {
        const restored = cached && cacheKey ? await restoreFromCache([cached.key], cacheKey) : undefined;
        if (cached && restored) {
            const loaded = await (0,docker/* docker */.T)(['load', '--input', cached.path], { quiet: true });
            // docker names what it loaded: no second inspect needed.
            if (loaded.exitCode === 0 && loaded.stdout.includes(`Loaded image: ${localTag}`)) {
                runner/* log */.Rm.info(`${image.reference} restored from the GitHub Actions cache: no pull.`);
                return;
            }
            runner/* log */.Rm.warning(`The cached ${image.reference} could not be loaded (${loaded.stderr.trim()}); pulling it instead.`);
        }
        await mustRun(['pull', image.reference], {}, `Pulling ${image.reference}`, step);
        await mustRun(['tag', image.reference, localTag], {}, `Tagging ${image.reference}`, step);
        // An entry that was restored but would not load stays: a cache entry cannot be replaced.
        if (!cached || !cacheKey || restored)
            return;
        const saved = await (0,docker/* docker */.T)(['save', '--output', cached.path, localTag], { quiet: true });
        if (saved.exitCode !== 0) {
            runner/* log */.Rm.warning(`docker save of ${image.reference} failed (${saved.stderr.trim()}); it is not cached.`);
            return;
        }
        if (await saveToCache([cached.key], cacheKey)) {
            runner/* log */.Rm.info(`${image.reference} saved to the GitHub Actions cache (${cacheKey}).`);
        }
    }
    finally {
        if (cached)
            (0,external_node_fs_.rmSync)(cached.path, { force: true });
    }
}
async function isPresent(reference) {
    return (await (0,docker/* docker */.T)(['image', 'inspect', '--format', '{{.Id}}', reference], { quiet: true })).exitCode === 0;
}

;// CONCATENATED MODULE: ./src/core/dockerfile-mounts.ts
/**
 * The `RUN --mount=type=cache` mounts a Dockerfile declares, read as BuildKit's Dockerfile frontend reads them:
 * parser directives (`# escape=`), line continuations, comment lines inside them, heredoc bodies skipped, and the
 * mount's CSV options. A cache mount is keyed in the builder by its `id`, which defaults to its target path cleaned,
 * so that is the identity kept here. Pure.
 */

function findCacheMounts(dockerfile) {
    const lines = dockerfile.split(/\r?\n/);
    const escape = escapeCharacter(lines);
    const mounts = [];
    let index = 0;
    while (index < lines.length) {
        const line = index + 1;
        let text = lines[index++] ?? '';
        if (/^\s*(#|$)/.test(text))
            continue;
        let instruction = '';
        for (;;) {
            const trimmed = text.replace(/\s+$/, '');
            if (!trimmed.endsWith(escape) || index >= lines.length) {
                instruction += trimmed;
                break;
            }
            // The parser joins continued lines as they are: no space between them.
            instruction += trimmed.slice(0, -1);
            // Comment and empty lines inside a continued instruction are dropped by the parser, not ending it.
            while (index < lines.length && /^\s*(#|$)/.test(lines[index] ?? ''))
                index++;
            text = lines[index++] ?? '';
        }
        index = skipHeredocs(instruction, lines, index);
        const run = /^\s*run\s+(.*)$/is.exec(instruction);
        if (run)
            mounts.push(...cacheMountsOfRun(run[1] ?? '', line));
    }
    return mounts;
}
/** `# escape=`` ` among the parser directives at the top; the backslash otherwise. */
function escapeCharacter(lines) {
    for (const line of lines) {
        const directive = /^\s*#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
        if (!directive)
            break;
        if (directive[1]?.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) {
            return directive[2];
        }
    }
    return '\\';
}
/**
 * The index after the bodies of the instruction's heredocs, whose lines are not instructions. As the frontend:
 * only RUN, COPY and ADD have them, and only a whole word `<<EOF`, `<<-EOF`, `<<"EOF"` is one (not `<<<`, not
 * `$((1<<2))`, not inside a longer word).
 */
function skipHeredocs(instruction, lines, index) {
    if (!/^\s*(run|copy|add)\s/i.test(instruction))
        return index;
    let next = index;
    for (const word of instruction.split(/\s+/)) {
        const heredoc = /^\d*<<(-?)(["']?)([A-Za-z_][\w.-]*)\2$/.exec(word);
        if (!heredoc)
            continue;
        const stripTabs = heredoc[1] === '-';
        while (next < lines.length) {
            const body = lines[next++] ?? '';
            if ((stripTabs ? body.replace(/^\t+/, '') : body) === heredoc[3])
                break;
        }
    }
    return next;
}
/**
 * The cache mounts among the flags that open a RUN instruction (`--mount=...`, `--network=...`, then the command).
 * The frontend splits the flags as a shell would (quotes removed, a backslash escapes) before it reads a mount's CSV.
 */
function cacheMountsOfRun(rest, line) {
    const mounts = [];
    for (const flag of leadingFlags(rest)) {
        const mount = /^--mount=(.*)$/s.exec(flag);
        const parsed = mount ? cacheMount(mount[1] ?? '', line) : undefined;
        if (parsed)
            mounts.push(parsed);
    }
    return mounts;
}
/** The words at the start of `text` that begin with `--`, shell-unquoted. */
function leadingFlags(text) {
    const flags = [];
    let position = 0;
    for (;;) {
        while (position < text.length && /\s/.test(text[position] ?? ''))
            position++;
        if (!text.startsWith('--', position))
            return flags;
        let word = '';
        let quote = '';
        for (; position < text.length; position++) {
            const character = text[position] ?? '';
            if (quote === "'") {
                if (character === "'")
                    quote = '';
                else
                    word += character;
            }
            else if (character === '\\' && position + 1 < text.length) {
                word += text[++position];
            }
            else if (quote === '"') {
                if (character === '"')
                    quote = '';
                else
                    word += character;
            }
            else if (character === "'" || character === '"') {
                quote = character;
            }
            else if (/\s/.test(character)) {
                break;
            }
            else {
                word += character;
            }
        }
        flags.push(word);
    }
}
function cacheMount(value, line) {
    const options = new Map();
    for (const raw of dockerfile_mounts_csvFields(value)) {
        const field = unquote(raw.trim());
        const equals = field.indexOf('=');
        const key = (equals < 0 ? field : field.slice(0, equals)).trim().toLowerCase();
        options.set(key, equals < 0 ? '' : unquote(field.slice(equals + 1).trim()));
    }
    if (options.get('type')?.toLowerCase() !== 'cache')
        return undefined;
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
    if (!target)
        return undefined;
    const id = options.get('id') || cleanPath(target);
    const mount = { id, target, usesVariable: /\$/.test(`${id}${target}`), line };
    for (const key of ['uid', 'gid', 'mode', 'from']) {
        const option = options.get(key);
        if (option)
            mount[key] = option;
    }
    return mount;
}
/** Go's path.Clean, as the frontend cleans a target into the default id. */
function cleanPath(path) {
    const cleaned = external_node_path_.posix.normalize(path);
    return cleaned.length > 1 ? cleaned.replace(/\/+$/, '') : cleaned;
}
/** Comma-separated fields, a comma inside double quotes kept (the frontend reads the option as a CSV row). */
function dockerfile_mounts_csvFields(value) {
    const fields = [];
    let current = '';
    let quoted = false;
    for (const character of value) {
        if (character === '"')
            quoted = !quoted;
        if (character === ',' && !quoted) {
            fields.push(current);
            current = '';
        }
        else {
            current += character;
        }
    }
    fields.push(current);
    return fields.filter(field => field.trim() !== '');
}
function unquote(value) {
    return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

;// CONCATENATED MODULE: ./src/core/cache-mounts.ts
/**
 * Keeping BuildKit's cache mounts (`RUN --mount=type=cache`) between runs. They live in the builder, which is new in
 * every CI run, and no cache export carries them. So the step moves them itself: before the build, archives restored
 * from the GitHub Actions cache are unpacked into the builder's mounts by a throwaway build; after a successful
 * build, another throwaway build packs each mount into an archive the step saves. The archives are tar files made
 * by the utility image's own tar, which keeps owners, modes and links. This file decides which mounts, their cache
 * keys, whether this run restores and saves, and the throwaway Dockerfiles and commands. Pure.
 */




const INPUT = 'cache-mounts';
/**
 * Events whose build may run code from outside the repository (pull requests, and workflows started by comments
 * on them): what they leave in a mount must never reach the cache the default branch and releases restore.
 */
const RESTORE_ONLY_EVENTS = ['pull_request', 'issue_comment'];
function planCacheMounts(input) {
    const namespace = input.buildArgs
        .findLast(arg => arg.startsWith('BUILDKIT_CACHE_MOUNT_NS='))
        ?.slice('BUILDKIT_CACHE_MOUNT_NS='.length) ?? '';
    const base = { utilityImage: input.utilityImage, namespace };
    if (input.requested.length === 0)
        return { ...base, mounts: [], restore: false, save: false, notes: [] };
    const { selected, notes } = selectMounts(input.requested, input.dockerfile);
    const scope = cacheScope(input.image.toLowerCase(), input.target, input.platforms);
    const revision = input.context.sha || 'local';
    const mounts = selected.map(mount => {
        const restoreKey = `ghcr-publish-mount-${scope}-${slug(`${namespace}/${mount.id}`)}-`;
        return {
            ...ownership(mount),
            id: mount.id,
            key: `${restoreKey}${revision}`,
            restoreKey,
            archive: `${slug(`${scope}-${namespace}/${mount.id}`)}.tar`
        };
    });
    const policy = cachePolicy(input);
    return { ...base, mounts, ...policy, notes: [...notes, ...policy.notes] };
}
/** Whether this run restores and saves: pull requests restore only; no-cache and a runner without the cache, neither. */
function cachePolicy(input) {
    if (input.noCache) {
        return {
            restore: false,
            save: false,
            notes: ['no-cache is true: the cache mounts start empty and nothing is saved']
        };
    }
    if (!input.actionsCacheAvailable) {
        return {
            restore: false,
            save: false,
            notes: ['this runner offers no GitHub Actions cache (ACTIONS_RUNTIME_TOKEN and its URL are unset)']
        };
    }
    if (RESTORE_ONLY_EVENTS.some(event => input.context.eventName.startsWith(event))) {
        return {
            restore: true,
            save: false,
            notes: [
                input.context.eventName.startsWith('pull_request')
                    ? 'a pull request restores the cache mounts but does not save them'
                    : `a ${input.context.eventName} event (started by anyone who can comment) restores the cache mounts but does not save them`
            ]
        };
    }
    return { restore: true, save: true, notes: [] };
}
function selectMounts(requested, dockerfile) {
    const found = dockerfile ? findCacheMounts(dockerfile.text) : [];
    const usable = (mount) => reasonLeftOut(mount) === undefined;
    const selected = [];
    const notes = [];
    const add = (mount) => {
        if (!selected.some(chosen => chosen.id === mount.id))
            selected.push(mount);
    };
    for (const item of requested) {
        if (item.value.toLowerCase() === 'auto') {
            if (!dockerfile) {
                throw new errors/* InputError */.dz(INPUT, item.value, 'auto reads the cache mounts from the Dockerfile, but the Dockerfile is not on the runner (a remote context or stdin)', 'Name the mounts instead, by id or target path as the Dockerfile writes them (e.g. /root/.cache/go-build).', item.line);
            }
            found.filter(usable).forEach(add);
            for (const mount of found.filter(mount => !usable(mount)))
                notes.push(cache_mounts_leftOut(mount, dockerfile.path));
            continue;
        }
        checkName(item);
        if (!dockerfile) {
            add({ id: item.value, target: item.value, usesVariable: false, line: 0 });
            continue;
        }
        const named = found.filter(mount => mount.id === item.value || mount.target === item.value);
        const match = named.find(usable);
        if (match) {
            add(match);
            continue;
        }
        const listed = [...new Set(found.filter(usable).map(mount => mount.id))];
        throw new errors/* InputError */.dz(INPUT, item.value, named[0]
            ? `the mount on line ${named[0].line} of ${dockerfile.path} ${reasonLeftOut(named[0]) ?? ''}`
            : `no RUN --mount=type=cache in ${dockerfile.path} has this id or target`, listed.length > 0
            ? `Name one of ${listed.join(', ')}, or use "auto" for all of them.`
            : 'Add the mount to a RUN instruction first, e.g. RUN --mount=type=cache,target=/root/.cache ...', item.line);
    }
    if (requested.some(item => item.value.toLowerCase() === 'auto') && selected.length === 0) {
        notes.push(`${dockerfile?.path} declares no cache mount this step can keep`);
    }
    return { selected, notes };
}
function cache_mounts_leftOut(mount, path) {
    return `left out: the cache mount ${mount.id} (line ${mount.line} of ${path}) ${reasonLeftOut(mount) ?? ''}`;
}
/** Why the step cannot keep a mount of the Dockerfile; undefined when it can. */
function reasonLeftOut(mount) {
    if (mount.usesVariable)
        return 'names its id or target with a build argument, whose value only the build knows';
    if (mount.from !== undefined) {
        return `starts from "${mount.from}" (from=), which BuildKit keys with that base, not by its id alone`;
    }
    if (/[",'\\\s]/.test(mount.id))
        return 'has quotes, commas, backslashes or spaces in its id';
    return undefined;
}
/** A name goes into a `--mount=` option of the throwaway Dockerfile: no quote, comma or line break. */
function checkName(item) {
    if (/[",'\\\s]/.test(item.value)) {
        throw new errors/* InputError */.dz(INPUT, item.value, 'a cache mount id or target cannot contain quotes, commas, backslashes or spaces', 'Write the id or target path exactly as in the Dockerfile, one per line.', item.line);
    }
}
function ownership(mount) {
    const result = {};
    for (const key of ['uid', 'gid', 'mode']) {
        const value = mount[key];
        if (value !== undefined && /^[0-9]+$/.test(value))
            result[key] = value;
    }
    return result;
}
/** Readable, and unique through a hash: /root/.cache and root-.cache must not share an entry. */
function slug(value) {
    const readable = value
        .replace(/[^a-z0-9._-]+/gi, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 80);
    return `${readable}-${(0,external_node_crypto_.createHash)('sha256').update(value).digest('hex').slice(0, 8)}`;
}
const ROOT = '/ghcr-publish';
function mountOption(mount, index) {
    // Ids with quotes, commas or spaces were left out (reasonLeftOut, checkName): written as they are.
    const options = ['type=cache', `id=${mount.id}`, `target=${ROOT}/mounts/${index}`];
    for (const key of ['uid', 'gid', 'mode']) {
        const value = mount[key];
        if (value !== undefined)
            options.push(`${key}=${value}`);
    }
    return `--mount=${options.join(',')}`;
}
/**
 * The Dockerfile that unpacks the restored archives (in the build context, by their `archive` names) into the
 * mounts. The last stage copies the result marker, so BuildKit must run the unpacking to export it.
 */
function injectDockerfile(plan, restored) {
    const indexed = plan.mounts.map((mount, index) => ({ mount, index })).filter(({ mount }) => restored.includes(mount));
    const script = [
        'set -e',
        ...indexed.map(({ mount, index }) => `tar -xf ${ROOT}/archives/${mount.archive} -C ${ROOT}/mounts/${index}`),
        `mkdir -p ${ROOT}/result`,
        `echo ${indexed.length} > ${ROOT}/result/injected`
    ];
    return throwawayDockerfile(plan, `--mount=type=bind,target=${ROOT}/archives`, indexed, script);
}
/** The Dockerfile that packs every mount that holds anything into `<archive name>` at the root of its output. */
function extractDockerfile(plan) {
    const indexed = plan.mounts.map((mount, index) => ({ mount, index }));
    const script = [
        'set -e',
        `mkdir -p ${ROOT}/result`,
        ...indexed.map(({ mount, index }) => `if [ -n "$(ls -A ${ROOT}/mounts/${index})" ]; then tar -cf ${ROOT}/result/${mount.archive} -C ${ROOT}/mounts/${index} .; fi`)
    ];
    return throwawayDockerfile(plan, '', indexed, script);
}
function throwawayDockerfile(plan, extraMount, indexed, script) {
    const flags = ['--network=none', extraMount, ...indexed.map(({ mount, index }) => mountOption(mount, index))];
    return [
        `FROM ${plan.utilityImage} AS work`,
        // In the RUN's environment, so a new value is a new cache key: the RUN always runs (see throwawayBuildArgs).
        `ARG ${NONCE_ARG}`,
        `RUN ${flags.filter(flag => flag !== '').join(' ')} ${JSON.stringify(['/bin/sh', '-c', script.join('\n')])}`,
        'FROM scratch',
        `COPY --from=work ${ROOT}/result/ /`,
        ''
    ].join('\n');
}
const NONCE_ARG = 'GHCR_PUBLISH_RUN';
/**
 * `docker buildx build` of a throwaway Dockerfile on the build's builder, with its result written to
 * `outputDirectory`. Not `--no-cache`: BuildKit empties the cache mounts of a RUN that ignores the cache before it
 * runs (buildkit#2447; with uid/gid/mode too since v0.16), which is the opposite of the point. A `nonce` new for
 * each build makes the RUN miss the layer cache instead.
 */
function throwawayBuildArgs(plan, builder, dockerfile, contextDirectory, outputDirectory, nonce) {
    return [
        'buildx',
        'build',
        ...builder,
        '--file',
        dockerfile,
        '--output',
        `type=local,dest=${outputDirectory}`,
        '--build-arg',
        `${NONCE_ARG}=${nonce}`,
        ...(plan.namespace ? ['--build-arg', `BUILDKIT_CACHE_MOUNT_NS=${plan.namespace}`] : []),
        contextDirectory
    ];
}
/** The cache mounts in words, for the dry-run plan and the job summary. */
function describeCacheMounts(plan) {
    if (plan.mounts.length === 0)
        return plan.notes;
    const action = plan.restore ? (plan.save ? 'restored and saved' : 'restored, not saved') : 'not restored or saved';
    return [`${plan.mounts.map(mount => mount.id).join(', ')}: ${action}`, ...plan.notes];
}

;// CONCATENATED MODULE: ./src/steps/cache-mounts.ts
/**
 * Moves the build's cache mounts between the GitHub Actions cache and the builder, as core/cache-mounts.ts planned:
 * before the build, the archives found in the cache are unpacked into the builder's mounts by a throwaway build;
 * after a successful build, another throwaway build packs the mounts and the step saves them. The cache mounts are
 * an optimisation: a cache or throwaway build that fails costs them, with a warning, never the step.
 */








const FOLDER = 'mounts';
/** `builder`: the `--builder` flag the build itself runs with (none for the current builder). */
async function restoreCacheMounts(step, builder) {
    const plan = step.plan.cacheMounts;
    const restored = { exactHits: [] };
    if (plan.mounts.length === 0)
        return restored;
    await (0,runner/* phase */.Oi)('Cache mounts: restore', () => restoreInto(step, builder, restored).catch((error) => {
        restored.exactHits = [];
        runner/* log */.Rm.warning(`The cache mounts were not restored (${error.message}); the build starts with empty mounts.`);
    }));
    return restored;
}
async function restoreInto(step, builder, restored) {
    const plan = step.plan.cacheMounts;
    for (const note of plan.notes)
        runner/* log */.Rm.info(`Cache mounts: ${note}.`);
    if (!plan.restore)
        return;
    const found = [];
    const hits = await Promise.all(plan.mounts.map(mount => restoreFromCache([cacheFile(FOLDER, mount.archive).key], mount.key, [mount.restoreKey])));
    plan.mounts.forEach((mount, index) => {
        const hit = hits[index];
        if (!hit) {
            runner/* log */.Rm.info(`Cache mount ${mount.id}: nothing in the cache yet (${mount.restoreKey}*); it starts empty.`);
            return;
        }
        runner/* log */.Rm.info(`Cache mount ${mount.id}: restored ${hit}.`);
        found.push(mount);
        if (hit === mount.key)
            restored.exactHits.push(mount);
    });
    if (found.length === 0)
        return;
    try {
        await throwawayBuild(step, plan, builder, 'inject', injectDockerfile(plan, found), cacheFolder());
    }
    catch (error) {
        restored.exactHits = [];
        runner/* log */.Rm.warning(`The restored cache mounts could not be put into the builder (${error.message}); the build ` +
            `starts with empty mounts. The cache-mounts-image (${plan.utilityImage}) must be pullable by the builder.`);
    }
    finally {
        for (const mount of found)
            (0,external_node_fs_.rmSync)(cacheFile(FOLDER, mount.archive).path, { force: true });
    }
}
/** After a successful build: packs the mounts and saves those that hold anything and are not saved yet. */
async function saveCacheMounts(step, builder, restored) {
    const plan = step.plan.cacheMounts;
    if (plan.mounts.length === 0 || !plan.save)
        return;
    await (0,runner/* phase */.Oi)('Cache mounts: save', async () => {
        const toSave = plan.mounts.filter(mount => !restored.exactHits.includes(mount));
        for (const mount of restored.exactHits)
            runner/* log */.Rm.info(`Cache mount ${mount.id}: ${mount.key} is saved already.`);
        if (toSave.length === 0)
            return;
        const output = (0,external_node_path_.join)(step.plan.workDir, 'cache-mounts-out');
        const unsaved = { ...plan, mounts: toSave };
        try {
            await throwawayBuild(step, unsaved, builder, 'extract', extractDockerfile(unsaved), emptyDirectory(step), output);
        }
        catch (error) {
            runner/* log */.Rm.warning(`The cache mounts could not be read from the builder (${error.message}); they are not saved, ` +
                'and the next run starts from the last saved ones.');
            return;
        }
        for (const mount of toSave) {
            const archive = (0,external_node_path_.join)(output, mount.archive);
            if (!(0,external_node_fs_.existsSync)(archive)) {
                runner/* log */.Rm.info(`Cache mount ${mount.id}: empty after the build, nothing to save.`);
                continue;
            }
            let cached;
            try {
                cached = cacheFile(FOLDER, mount.archive);
                moveFile(archive, cached.path);
                if (await saveToCache([cached.key], mount.key)) {
                    runner/* log */.Rm.info(`Cache mount ${mount.id}: saved as ${mount.key}.`);
                }
                else {
                    runner/* log */.Rm.warning(`Cache mount ${mount.id} was not saved (the GitHub Actions cache refused ${mount.key}: see the line ` +
                        'above); the next run starts from the last saved one.');
                }
            }
            catch (error) {
                // The image is pushed: a full disk or an unwritable home costs the mount, never the step.
                runner/* log */.Rm.warning(`Cache mount ${mount.id} was not saved: ${error.message}.`);
            }
            finally {
                if (cached)
                    (0,external_node_fs_.rmSync)(cached.path, { force: true });
            }
        }
    });
}
async function throwawayBuild(step, plan, builder, name, dockerfile, context, output = (0,external_node_path_.join)(step.plan.workDir, `cache-mounts-${name}-result`)) {
    const file = (0,external_node_path_.join)(step.plan.workDir, `cache-mounts-${name}.Dockerfile`);
    (0,external_node_fs_.writeFileSync)(file, dockerfile);
    const nonce = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    const result = await (0,docker/* docker */.T)(throwawayBuildArgs(plan, builder, file, context, output, nonce), {
        // No attestations: the local output would carry them as files, and nothing here is published.
        env: { BUILDX_NO_DEFAULT_ATTESTATIONS: '1' }
    });
    if (result.exitCode !== 0)
        throw new Error(errorCause(result.stderr || result.stdout));
}
/** Where the cache client restores the archives: the context of the inject build, holding nothing else of ours. */
function cacheFolder() {
    return cacheFile(FOLDER, '').path;
}
function emptyDirectory(step) {
    const directory = (0,external_node_path_.join)(step.plan.workDir, 'cache-mounts-empty');
    (0,external_node_fs_.mkdirSync)(directory, { recursive: true });
    if ((0,external_node_fs_.readdirSync)(directory).length > 0)
        throw new Error(`${directory} is not empty`);
    return directory;
}
/** A rename, or a copy where the two folders are on different file systems. */
function moveFile(from, to) {
    try {
        (0,external_node_fs_.renameSync)(from, to);
    }
    catch {
        (0,external_node_fs_.copyFileSync)(from, to);
        (0,external_node_fs_.rmSync)(from, { force: true });
    }
}

;// CONCATENATED MODULE: ./src/steps/publish.ts
/**
 * Carries out the plan with docker: login, builder, emulators, build and push, then reads the digest.
 * Every decision was made by the pure planners; this file only runs commands and reads their results.
 */
















async function publish(step) {
    const { config, plan } = step;
    // The login needs nothing from the probe: both start at once. One probe: `buildx inspect` both tells whether
    // buildx exists and describes the current builder. A builder given as input (remote BuildKit, cloud
    // builders) is used untouched, so only buildx itself is probed then.
    const [probe] = await Promise.all([
        (0,docker/* docker */.T)(['buildx', config.build.builder ? 'version' : 'inspect'], { quiet: true }),
        (0,runner/* phase */.Oi)('Login', () => login(step))
    ]);
    if (probe.exitCode !== 0 && isBuildxMissing(probe.stderr)) {
        if (plan.job.kind === 'platform') {
            throw new errors/* ActionableError */.fU('"distribute: platform" pushes by digest, which needs docker buildx, and this runner has none: use a ' +
                'GitHub-hosted runner (they ship buildx) or install the buildx plugin first.');
        }
        runner/* log */.Rm.warning('docker buildx is not available on this runner: building with `docker build` and pushing with `docker push`. ' +
            'Install the buildx plugin for multi-platform builds, cache export, attestations and annotations.');
        return publishWithoutBuildx(step);
    }
    const inspect = config.build.builder ? undefined : probe;
    const current = await (0,runner/* phase */.Oi)('Builder', async () => {
        if (!inspect)
            runner/* log */.Rm.info(`Using docker buildx ${parseBuildxVersion(probe.stdout) ?? '(version unknown)'}.`);
        return inspect ? await currentBuilder(inspect, step) : undefined;
    });
    const choice = current?.choice;
    // Emulators first: BuildKit reads the kernel's emulators when it starts, so a builder booted before them would
    // list too few platforms. A builder given as input may be remote: its own platform list decides.
    if (!config.build.builder)
        await installMissingEmulators(plan.platforms, config.build.qemuImage, step);
    if (choice?.kind === 'create')
        await (0,runner/* phase */.Oi)(`Builder: creating ${choice.name}`, () => createBuilder(choice, step));
    if (choice?.kind === 'current')
        runner/* log */.Rm.info(`Building with the current builder: ${choice.reason}.`);
    const { args, dropped } = argsForBuilder(plan.build, choice, current?.buildkitVersion);
    if (dropped.length > 0) {
        runner/* log */.Rm.warning(`The current builder runs BuildKit ${current?.buildkitVersion}, older than 0.11, which has no attestations or ` +
            `annotations: building without ${dropped.join(' and ')} (the labels still carry the metadata). Update ` +
            'BuildKit, or let this step create a builder (unset BUILDX_BUILDER / the current builder).');
    }
    writeSecretFiles(plan);
    const builderFlag = choice?.kind === 'create'
        ? ['--builder', choice.name]
        : config.build.builder
            ? ['--builder', config.build.builder]
            : [];
    const restoredMounts = await restoreCacheMounts(step, builderFlag);
    const operation = plan.push.push ? 'Build and push' : 'Build';
    // BUILDX_METADATA_WARNINGS: buildx (0.15+) records the build checks' warnings in the metadata file, as for
    // build-push-action; they become annotations on the Dockerfile's lines.
    await (0,runner/* phase */.Oi)(operation, () => mustRun(args, { env: { ...plan.build.secretEnv, BUILDX_METADATA_WARNINGS: 'true' } }, operation, step));
    const metadata = readJson(plan.build.metadataFile);
    for (const warning of buildWarningsFrom(metadata)) {
        runner/* log */.Rm.warning(warning.message, {
            title: 'Build check',
            file: dockerfileInWorkspace(warning.file, config.build, process.env.GITHUB_WORKSPACE),
            startLine: warning.startLine,
            endLine: warning.endLine
        });
    }
    const digest = typeof metadata['containerimage.digest'] === 'string' ? metadata['containerimage.digest'] : '';
    await verify(step, digest, plan.push.push);
    await saveCacheMounts(step, builderFlag, restoredMounts);
    return {
        pushed: plan.push.push,
        digest,
        imageid: readText(plan.build.iidFile),
        metadata: Object.keys(metadata).length > 0 ? JSON.stringify(metadata, null, 2) : '',
        builder: describeBuilderChoice(choice, config.build.builder)
    };
}
/** The `secrets` values, readable by this user only, in the work directory that the post step removes. */
function writeSecretFiles(plan) {
    for (const { path, value } of plan.build.secretsToWrite)
        (0,external_node_fs_.writeFileSync)(path, value, { mode: 0o600 });
}
async function verify(step, digest, pushed) {
    if (!step.config.verify || !pushed || step.plan.tags.length === 0)
        return;
    if (!digest)
        throw new errors/* ActionableError */.fU('The push reported no digest, so the pushed tags cannot be verified.');
    await (0,runner/* phase */.Oi)('Verification', async () => {
        const checks = await verifyPushedTags(step.plan.tags, digest, step.plan.login.logins, runner/* log */.Rm.info, runner/* log */.Rm.warning);
        if (checks.length === 0)
            return;
        runner/* log */.Rm.info(`Verified in the registry: ${checks.map(check => check.reference).join(', ')} → ${digest}`);
    });
}
/** The current builder, as `buildx inspect` (and where needed `docker info`) describe it, and the choice for it. */
async function currentBuilder(inspect, step) {
    if (inspect.exitCode !== 0) {
        throw new errors/* ActionableError */.fU(explainFailure(inspect.stderr, failureContext('Inspecting the current buildx builder', step)));
    }
    const { name, driver, buildkitVersion, labels } = parseBuilderInspect(inspect.stdout);
    const needs = {
        ...step.plan.build,
        platforms: step.plan.platforms,
        registries: step.plan.images.map(registryOf),
        builderOptions: step.config.build.builderOptions
    };
    const current = { driver, imageStore: imageStoreFromLabels(labels) };
    if (needsImageStore(current, needs)) {
        // An older buildx prints no worker labels: the engine itself tells which image store it uses.
        const info = await (0,docker/* docker */.T)(['info', '--format', '{{json .DriverStatus}}'], { quiet: true });
        current.imageStore =
            info.exitCode !== 0 ? 'unknown' : isContainerdStoreDriverStatus(info.stdout) ? 'containerd' : 'classic';
    }
    const store = driver === 'docker' && current.imageStore !== 'unknown' ? `, ${current.imageStore} image store` : '';
    runner/* log */.Rm.info(`Current buildx builder: ${name || '?'} (${driver || 'unknown'} driver${store}, BuildKit ${buildkitVersion ?? '?'}).`);
    return { choice: chooseBuilder(current, needs, builderName(step.context), process.arch), buildkitVersion };
}
async function createBuilder(choice, step) {
    runner/* log */.Rm.info(`Creating a docker-container builder for this run: ${choice.reason}.`);
    try {
        await ensureToolImage(choice.image, step);
        // Recorded before it exists: a create cancelled half-way still leaves a builder for post to remove.
        step.cleanup.builderCreated(choice.name);
        await mustRun(choice.createArgs, {}, 'Creating a buildx builder', step, 1);
        await mustRun(choice.bootArgs, {}, 'Booting the buildx builder', step);
    }
    catch (error) {
        const containerdHelps = !/push by digest/.test(choice.reason);
        throw new errors/* ActionableError */.fU(`Could not create the docker-container builder this build needs (${choice.reason}). That builder runs ` +
            'BuildKit from the moby/buildkit image, pulled from Docker Hub (rate limits apply). To avoid it, set the ' +
            '"builder" input to a builder you set up yourself (docker/setup-buildx-action, a remote BuildKit)' +
            (containerdHelps
                ? ', or use a Docker engine with the containerd image store, whose docker driver does this build itself'
                : '') +
            `.\n${error.message}`);
    }
}
async function publishWithoutBuildx(step) {
    const { plan } = step;
    const legacy = planLegacyBuild(plan.build, plan.platforms, plan.tags, plan.push.push);
    const dropped = [...legacy.dropped, ...(plan.cacheMounts.mounts.length > 0 ? ['cache-mounts'] : [])];
    if (dropped.length > 0)
        runner/* log */.Rm.warning(`Without buildx these are left out: ${dropped.join(', ')}.`);
    writeSecretFiles(plan);
    await (0,runner/* phase */.Oi)('Build', async () => {
        const withBuildKit = await (0,docker/* docker */.T)(legacy.buildArgs, { env: { ...plan.build.secretEnv, DOCKER_BUILDKIT: '1' } });
        if (withBuildKit.exitCode === 0)
            return;
        if (!/BuildKit is enabled but the buildx component is missing/i.test(withBuildKit.stderr)) {
            throw new errors/* ActionableError */.fU(explainFailure(withBuildKit.stderr, failureContext('Build', step)));
        }
        if ('refusal' in legacy.classicBuild)
            throw new errors/* ActionableError */.fU(legacy.classicBuild.refusal);
        runner/* log */.Rm.warning('This docker client has no BuildKit without buildx: building with the legacy builder.');
        await mustRun(legacy.classicBuild.args, { env: { DOCKER_BUILDKIT: '0' } }, 'Build', step);
    });
    let digest = '';
    if (legacy.pushArgs.length > 0) {
        await (0,runner/* phase */.Oi)('Push', async () => {
            for (const pushArgs of legacy.pushArgs) {
                const pushed = await mustRun(pushArgs, {}, `Push of ${pushArgs[1]}`, step);
                digest ||= digestFromPushOutput(pushed.stdout) ?? '';
            }
        });
    }
    await verify(step, digest, legacy.pushArgs.length > 0);
    return {
        pushed: legacy.pushArgs.length > 0,
        digest,
        imageid: readText(plan.build.iidFile),
        metadata: '',
        builder: 'docker build (no buildx on this runner)'
    };
}
async function installMissingEmulators(platforms, installer, step) {
    const missing = emulatorsToInstall(platforms, process.arch, registeredEmulators());
    if (missing.length === 0)
        return;
    await (0,runner/* phase */.Oi)('Emulators', async () => {
        runner/* log */.Rm.info(`Installing QEMU emulators for ${missing.join(', ')} (not native and not registered in binfmt_misc).`);
        const image = toolImage(installer, process.arch);
        await ensureToolImage(image, step);
        // The installer only writes to binfmt_misc: no network (an engine may have no default bridge).
        await mustRun(['run', '--rm', '--privileged', '--network', 'none', runnableReference(image), '--install', missing.join(',')], {}, 'Installing QEMU emulators', step);
    });
}
/** Emulators the kernel will use: qemu-* entries of binfmt_misc that are enabled and have the F flag. */
function registeredEmulators() {
    const directory = '/proc/sys/fs/binfmt_misc';
    try {
        return (0,external_node_fs_.readdirSync)(directory).filter(entry => entry.startsWith('qemu-') && isUsableEmulator((0,external_node_fs_.readFileSync)(`${directory}/${entry}`, 'utf8')));
    }
    catch {
        return [];
    }
}
function builderName(context) {
    return `ghcr-publish-${context.runId || 'local'}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
}
function readJson(path) {
    const text = readText(path);
    if (!text)
        return {};
    try {
        return JSON.parse(text);
    }
    catch {
        return {};
    }
}
function readText(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8').trim();
    }
    catch {
        return '';
    }
}

;// CONCATENATED MODULE: ./src/steps/platform-job.ts
/**
 * A platform job of a matrix: build and push this job's one platform by digest (publish.ts, with the
 * push-by-digest output the plan chose), then hand the digest to the merge job of this run as a run artifact.
 */






async function runPlatformJob(step, platform, store) {
    // Tags belong to the merge job's index: the plan gives this job none to push or verify.
    const outcome = await publish(step);
    if (!outcome.pushed)
        return outcome;
    if (!isSha256Digest(outcome.digest)) {
        throw new errors/* ActionableError */.fU(`The push by digest reported ${outcome.digest ? `the digest "${outcome.digest}"` : 'no digest'}, so there is ` +
            'nothing to hand to the merge job. Check the build log of the push.');
    }
    const { plan, context } = step;
    const artifact = handoffArtifact(plan.images, platform, outcome.digest, context);
    try {
        await store.put(artifact.name, artifact.content);
        runner/* log */.Rm.info(`Handed off ${platform} → ${outcome.digest} to the merge job (artifact ${artifact.name}).`);
    }
    catch (error) {
        // The name holds images, platform, attempt and digest: an artifact of that name is this very handoff.
        if (!(error instanceof ArtifactExistsError))
            throw error;
        runner/* log */.Rm.info(`This run already holds the handoff of ${platform} → ${outcome.digest} (${artifact.name}).`);
    }
    return { ...outcome, handoff: artifact.name };
}

;// CONCATENATED MODULE: ./src/core/inputs.ts
/**
 * Action inputs → a typed, validated configuration. Pure: the caller passes a reader of the raw values
 * (the runner adapter in the action, a map in tests).
 */





const lineItems = { ignoreComma: true, comment: '#', commentNoInfix: true };
const commaOrLineItems = { comment: '#', commentNoInfix: true };
function readConfig(read) {
    const items = (name, options = lineItems) => readListItems(read, name, options);
    const list = (name, options = lineItems) => items(name, options).map(item => item.value);
    /** A list whose every item is first checked against buildx's grammar for it. */
    const checkedList = (name, check, options = lineItems) => items(name, options).map(item => {
        check(item);
        return item.value;
    });
    const build = {
        context: readBuildContext(read('context')),
        file: read('file'),
        target: read('target'),
        platforms: parsePlatforms(items('platforms', commaOrLineItems)),
        buildArgs: checkedList('build-args', checkBuildArgItem),
        buildContexts: checkedList('build-contexts', checkBuildContextItem),
        push: readChoice(read, 'push', ['auto', 'true', 'false'], 'auto'),
        load: readBoolean(read, 'load', false),
        outputs: list('outputs', { ...lineItems, quote: false }),
        cacheFrom: checkedList('cache-from', item => checkCacheItem('cache-from', item)),
        cacheTo: checkedList('cache-to', item => checkCacheItem('cache-to', item)),
        noCache: readBoolean(read, 'no-cache', false),
        noCacheFilters: list('no-cache-filters', commaOrLineItems),
        ghaCache: readChoice(read, 'gha-cache', ['auto', 'false'], 'auto') === 'auto',
        pull: readBoolean(read, 'pull', false),
        secrets: readKeyValueItems(read, 'secrets', 'id=value'),
        secretEnvs: readKeyValueItems(read, 'secret-envs', 'id=VARIABLE'),
        secretFiles: readKeyValueItems(read, 'secret-files', 'id=path'),
        ssh: list('ssh'),
        network: read('network'),
        addHosts: checkedList('add-hosts', checkAddHostItem, commaOrLineItems),
        allow: list('allow', commaOrLineItems),
        shmSize: checked(read('shm-size'), checkShmSize),
        ulimit: checkedList('ulimit', checkUlimitItem),
        cgroupParent: read('cgroup-parent'),
        provenance: checked(read('provenance'), value => checkAttestationInput('provenance', value)),
        sbom: checked(read('sbom'), value => checkAttestationInput('sbom', value)),
        attests: checkedList('attests', checkAttestsItem),
        builder: read('builder'),
        builderOptions: {
            driverOpts: list('driver-opts'),
            buildkitdFlags: read('buildkitd-flags'),
            buildkitdConfig: read('buildkitd-config'),
            buildkitImage: read('buildkit-image') || DEFAULT_BUILDKIT_IMAGE
        },
        qemuImage: read('qemu-image') || DEFAULT_BINFMT_IMAGE,
        cacheImage: readBoolean(read, 'cache-image', true),
        cacheMounts: items('cache-mounts', commaOrLineItems),
        cacheMountsImage: read('cache-mounts-image') || DEFAULT_CACHE_MOUNTS_IMAGE
    };
    if (build.load && build.platforms.length > 1) {
        throw new errors/* InputError */.dz('load', 'true', `the Docker image store holds one platform, but ${build.platforms.length} platforms are requested (${build.platforms.join(',')})`, 'Set "load: false", or build a single platform when loading.');
    }
    const distribute = readChoice(read, 'distribute', ['', 'platform', 'merge'], '');
    if (distribute === 'platform')
        checkPlatformJob(build);
    if (distribute === 'merge')
        checkMergeJob(build);
    return {
        metadata: {
            images: items('images'),
            tags: items('tags'),
            flavor: items('flavor'),
            labels: items('labels'),
            annotations: items('annotations'),
            sepTags: read('sep-tags', { trim: false }) || '\n',
            sepLabels: read('sep-labels', { trim: false }) || '\n',
            sepAnnotations: read('sep-annotations', { trim: false }) || '\n'
        },
        githubToken: read('github-token'),
        login: {
            username: read('username'),
            password: read('password'),
            logout: readBoolean(read, 'logout', true),
            dockerHub: readDockerHubLogin(read)
        },
        build,
        verify: readBoolean(read, 'verify', true),
        distribute,
        attest: readChoice(read, 'attest', ['auto', 'true', 'false'], 'auto'),
        attestPushToRegistry: readBoolean(read, 'attest-push-to-registry', false),
        dryRun: readBoolean(read, 'dry-run', false)
    };
}
/** Both Docker Hub inputs or neither: a username alone would log in with an empty token. */
function readDockerHubLogin(read) {
    const username = read('dockerhub-username');
    const password = read('dockerhub-token');
    if ((username === '') !== (password === '')) {
        const [given, missing] = username
            ? ['dockerhub-username', 'dockerhub-token']
            : ['dockerhub-token', 'dockerhub-username'];
        throw new errors/* InputError */.dz(missing, '', `"${given}" is set but "${missing}" is empty, so the step cannot log in to Docker Hub`, `Set both (for example from secrets.DOCKERHUB_USERNAME and secrets.DOCKERHUB_TOKEN), or neither.`);
    }
    return { username, password };
}
/** A platform job pushes exactly one platform by digest through an output of its own. */
function checkPlatformJob(build) {
    if (build.platforms.length !== 1) {
        throw new errors/* InputError */.dz('platforms', build.platforms.join(','), `"distribute: platform" builds exactly one platform per job, but ${build.platforms.length || 'no'} platform${build.platforms.length === 1 ? ' is' : 's are'} given`, 'Give each matrix job its own platform, e.g. "platforms: ${{ matrix.platform }}".');
    }
    if (build.push === 'false') {
        throw new errors/* InputError */.dz('push', 'false', '"distribute: platform" hands a pushed digest to the merge job, so it must push', 'Remove "push: false" (auto pushes on the events that publish), or remove "distribute".');
    }
    refuseOutputs(build, '"distribute: platform" pushes by digest through its own image output', 'the platform jobs');
}
/** The merge job builds nothing: it joins what the platform jobs pushed, under the computed tags. */
function checkMergeJob(build) {
    refuseOutputs(build, '"distribute: merge" builds nothing, it joins the platform jobs\' digests', 'the merge job');
}
function refuseOutputs(build, problem, where) {
    const conflicting = build.outputs.length > 0 ? 'outputs' : build.load ? 'load' : '';
    if (conflicting) {
        throw new errors/* InputError */.dz(conflicting, conflicting === 'outputs' ? build.outputs.join('; ') : 'true', problem, `Remove "${conflicting}" from ${where}.`);
    }
}
function checked(value, check) {
    check(value);
    return value;
}
const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];
/** YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput; empty means the default. */
function readBoolean(read, name, defaultValue) {
    const value = read(name);
    if (value === '')
        return defaultValue;
    if (TRUE_VALUES.includes(value))
        return true;
    if (FALSE_VALUES.includes(value))
        return false;
    throw new errors/* InputError */.dz(name, value, 'not a boolean', `Use true or false (default ${defaultValue}).`);
}
function readChoice(read, name, choices, defaultValue) {
    const value = read(name);
    if (value === '')
        return defaultValue;
    const match = choices.find(choice => choice === value.toLowerCase());
    if (match === undefined) {
        throw new errors/* InputError */.dz(name, value, 'not a valid choice', `Use one of ${choices.filter(choice => choice !== '').join(', ')}${defaultValue === '' ? ', or leave it empty (the default)' : ` (default ${defaultValue})`}.`);
    }
    return match;
}
/**
 * metadata-action's `context: git|workflow` means something else here (the build context, as in
 * build-push-action); a migrated value would otherwise be built as a directory named "git".
 */
function readBuildContext(value) {
    if (value === 'git' || value === 'workflow') {
        throw new errors/* InputError */.dz('context', value, 'this is docker/metadata-action\'s context setting, but here "context" is the build context', 'Remove it: ghcr-publish reads tags from the workflow event; give a path such as "." to build a directory.');
    }
    return value;
}
/** Environment switches (DOCKER_METADATA_SET_OUTPUT_ENV...) take Go's boolean spellings, as the docker actions do. */
function readEnvironmentBoolean(env, name, defaultValue) {
    const value = env[name];
    if (value === undefined || value === '')
        return defaultValue;
    if (isGoTrue(value))
        return true;
    if (isGoFalse(value))
        return false;
    throw new errors/* InputError */.dz(name, value, 'not a boolean', `Set the environment variable ${name} to true or false.`);
}
/** List items of one input; a quote left open is an error that names the input and line. */
function readListItems(read, name, options, raw = read(name)) {
    try {
        return parseListItems(raw, options);
    }
    catch (error) {
        if (!(error instanceof ListSyntaxError))
            throw error;
        const lineText = raw.split(/\r?\n/)[error.line - 1] ?? '';
        const shown = name === 'secrets' ? '(value hidden)' : lineText;
        throw new errors/* InputError */.dz(name, shown, 'a quoted value is never closed', 'Add the closing " (write "" for a literal quote inside a quoted value).', error.line);
    }
}
function readKeyValueItems(read, name, shape) {
    // Secret values are taken verbatim: a trailing space or newline may be part of the secret.
    const trimmedKeys = name === 'secrets' ? { trimWhitespace: false } : {};
    const items = readListItems(read, name, { ...lineItems, ...trimmedKeys }, read(name, { trim: false }));
    for (const item of items) {
        const separator = item.value.indexOf('=');
        if (separator <= 0 || item.value.slice(0, separator).trim() === '') {
            const shown = name === 'secrets' ? '(value hidden)' : item.value;
            throw new errors/* InputError */.dz(name, shown, `expected ${shape}`, `Write one ${shape} per line.`, item.line);
        }
    }
    return items;
}

;// CONCATENATED MODULE: ./src/adapters/local-inputs.ts
/**
 * What the inputs name on the runner's disk (the build context, its Dockerfile, secret files), checked before any
 * docker process: a missing file fails the step here, naming the input, instead of after a builder boot with
 * buildx's words for it.
 */




/** Why the path is not a readable file or directory of that kind, if it is not. */
function pathProblem(path, kind) {
    let isDirectory;
    try {
        isDirectory = (0,external_node_fs_.statSync)(path).isDirectory();
    }
    catch (error) {
        const code = error.code;
        return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code})`;
    }
    if (isDirectory !== (kind === 'directory'))
        return `is a ${isDirectory ? 'directory' : 'file'}, not a ${kind}`;
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.R_OK);
    }
    catch {
        return 'cannot be read by the runner user';
    }
    return undefined;
}
/** The local context and Dockerfile, and every secret file, as buildx would open them from this directory. */
function checkLocalFiles(build, workingDirectory) {
    if (!isRemoteContext(build.context)) {
        const problem = pathProblem((0,external_node_path_.resolve)(workingDirectory, build.context), 'directory');
        if (problem) {
            throw new errors/* InputError */.dz('context', build.context, `the build context ${problem}`, 'Check out the repository first (actions/checkout), or give the directory to build relative to the workspace.');
        }
        const file = dockerfileOf(build);
        const fileProblem = file === '-' ? undefined : pathProblem((0,external_node_path_.resolve)(workingDirectory, file), 'file');
        if (fileProblem) {
            throw new errors/* InputError */.dz('file', file, `the Dockerfile ${fileProblem}${build.file ? '' : ' (the default: Dockerfile in the context)'}`, 'Give the Dockerfile\'s path relative to the workspace in "file", e.g. file: docker/app.Dockerfile.');
        }
    }
    for (const item of build.secretFiles)
        checkSecretFile(item, workingDirectory);
}
/** As buildx finds it: the file input, else Dockerfile in the context. */
function dockerfileOf(build) {
    return build.file || `${build.context.replace(/\/+$/, '')}/Dockerfile`;
}
/**
 * The Dockerfile's text, for the cache mounts it declares; none when it is not on this disk (a remote context, or
 * stdin) or when no cache mount is asked for. checkLocalFiles has already refused one that cannot be read.
 */
function readDockerfile(build, workingDirectory) {
    if (build.cacheMounts.length === 0 || isRemoteContext(build.context) || dockerfileOf(build) === '-')
        return undefined;
    const path = dockerfileOf(build);
    return { path, text: (0,external_node_fs_.readFileSync)((0,external_node_path_.resolve)(workingDirectory, path), 'utf8') };
}
function checkSecretFile(item, workingDirectory) {
    const path = splitKeyValue(item.value)[1].trim();
    const problem = pathProblem((0,external_node_path_.resolve)(workingDirectory, path), 'file');
    if (problem) {
        throw new errors/* InputError */.dz('secret-files', item.value, `the secret file ${problem}`, 'Write id=path with the path of a file an earlier step wrote, relative to the workspace.', item.line);
    }
}

;// CONCATENATED MODULE: ./src/core/push-policy.ts
/** Whether this run pushes, and why: the rule users otherwise encode by hand in `push:` expressions. */

/** Events whose GITHUB_TOKEN can write packages and whose builds are meant to be published. */
const PUBLISHING_EVENTS = new Set(['push', 'create', 'release', 'schedule', 'workflow_dispatch']);
/** Events of a release that publish it; edits and deletions must not re-push or move latest. */
const PUBLISHING_RELEASE_ACTIONS = new Set(['published', 'released', 'prereleased']);
/**
 * `ownCredentials`: the user gave a password, so the GITHUB_TOKEN's read-only limits do not decide.
 */
function decidePush(mode, context, ownCredentials = false) {
    const readOnlyReason = ownCredentials ? undefined : readOnlyTokenReason(context);
    if (readOnlyReason) {
        const decision = { push: false, reason: readOnlyReason };
        return mode === 'true' ? { ...decision, warning: `push: true was ignored: ${readOnlyReason}` } : decision;
    }
    if (mode === 'true')
        return { push: true, reason: 'push: true' };
    if (mode === 'false')
        return { push: false, reason: 'push: false' };
    if (context.eventName === 'release' && !PUBLISHING_RELEASE_ACTIONS.has(String(context.payload.action))) {
        return {
            push: false,
            reason: `push: auto does not publish on release "${String(context.payload.action)}" events (only published, released, prereleased)`
        };
    }
    if (PUBLISHING_EVENTS.has(context.eventName)) {
        return { push: true, reason: `push: auto publishes on ${context.eventName} events` };
    }
    if (context.eventName.startsWith('pull_request')) {
        return {
            push: false,
            reason: `push: auto builds ${context.eventName} events without pushing (set push: true to publish same-repository pull requests)`
        };
    }
    return {
        push: false,
        reason: `push: auto does not publish on ${context.eventName || 'unknown'} events (set push: true to publish)`
    };
}
function readOnlyTokenReason(context) {
    // pull_request_target runs in the base repository with a token that can write.
    if (context.eventName !== 'pull_request_target' && (0,github_context/* isForkPullRequest */.B7)(context)) {
        return 'this is a pull request from a fork, whose GITHUB_TOKEN is read-only: the image is built but not pushed';
    }
    if (context.actor === 'dependabot[bot]') {
        return 'this run was triggered by Dependabot, whose GITHUB_TOKEN is read-only: the image is built but not pushed';
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/login-plan.ts

/**
 * One login per distinct registry. The github-token is only a credential for GitHub's registries. The
 * username and password inputs are for the other registry when images span GHCR and another one (GHCR
 * keeps the github-token), and for every registry when all images are on one kind (a PAT for ghcr.io).
 */
function planLogins(images, login, githubToken, context) {
    const plan = { logins: [], skipped: [] };
    const registries = [...new Set(images.map(registryOf))];
    const mixed = registries.some(isGitHubContainerRegistry) && !registries.every(isGitHubContainerRegistry);
    for (const registry of registries) {
        const ghcr = isGitHubContainerRegistry(registry);
        const ownCredentials = login.password !== '' && !(mixed && ghcr);
        const password = ownCredentials ? login.password : ghcr ? githubToken : '';
        const username = ownCredentials ? login.username : '';
        if (!password) {
            const reason = isGitHubContainerRegistry(registry)
                ? 'no github-token or password: set permissions "packages: write" and keep the default github-token'
                : 'no password input: the runner must already be logged in';
            plan.skipped.push({ registry, reason });
            continue;
        }
        plan.logins.push({ registry, username: username || context.actor || 'github-actions', password });
    }
    return withDockerHubLogin(plan, login.dockerHub);
}
/**
 * Docker Hub credentials (dockerhub-username, dockerhub-token) log in to docker.io for the pulls: the step's own
 * images and the base images of the build then count against the account, not the runner's shared address. When
 * an image is pushed to docker.io, the login for that push already does it.
 */
function withDockerHubLogin(plan, dockerHub) {
    if (!dockerHub.username || plan.logins.some(entry => entry.registry === DOCKER_HUB))
        return plan;
    return {
        logins: [...plan.logins, { registry: DOCKER_HUB, username: dockerHub.username, password: dockerHub.password }],
        skipped: plan.skipped.filter(entry => entry.registry !== DOCKER_HUB)
    };
}
const DOCKER_HUB = 'docker.io';
/**
 * Registries a push would reach with no credential at all: no login planned (empty github-token, no password), none
 * stored by an earlier step (docker/login-action, a credential helper), and not on this machine (a registry service
 * container on localhost may well take anonymous pushes).
 */
function registriesWithoutCredentials(login, hasStoredLogin) {
    return login.skipped
        .map(skipped => skipped.registry)
        .filter(registry => !isLoopbackRegistry(registry) && !hasStoredLogin(registry));
}

;// CONCATENATED MODULE: ./src/core/attestation.ts
/**
 * Provenance attestation inside the step, as actions/attest-build-provenance makes it, for every digest the step
 * pushed: whether this job attests (decided before the build, so `attest: true` without the permission fails
 * first), which Sigstore instance signs, the subjects (the index and each platform manifest, attestation manifests
 * left out), the in-toto statement, and what an attestations API refusal means. Pure.
 */



const PERMISSIONS_FIX = 'Grant the job "permissions: id-token: write" and "attestations: write" (with "packages: write" to push), or ' +
    'set "attest: auto" to attest only where the workflow allows it.';
function planAttestation(input) {
    const base = {
        mode: input.mode,
        sigstore: input.publicRepository ? 'public-good' : 'github',
        subjectName: input.image,
        repository: input.repository
    };
    const skip = (skipped) => ({ ...base, attest: false, skipped });
    if (input.mode === 'false')
        return skip('attest is false');
    if (input.job.kind === 'platform') {
        return skip('a platform job pushes by digest only: the merge job attests the index and every platform');
    }
    if (!input.push)
        return skip('nothing is pushed');
    // What the job lacks to attest: under true an InputError before any build, under auto a skip saying why.
    const lacking = (input_, problem, fix, skipped) => {
        if (input.mode === 'true')
            throw new errors/* InputError */.dz(input_, input_ === 'attest' ? 'true' : '', problem, fix);
        return skip(skipped);
    };
    if (!/^https:\/\/(github\.com|[a-z0-9-]+\.ghe\.com)\/?$/.test(input.serverUrl || 'https://github.com')) {
        const problem = `artifact attestations are not available on GitHub Enterprise Server (${input.serverUrl})`;
        return lacking('attest', problem, 'Set "attest: false" (or auto) on this server.', problem);
    }
    if (!input.oidcAvailable) {
        return lacking('attest', 'signing the attestation needs the OIDC token the runner offers only when the workflow grants "id-token: write"', PERMISSIONS_FIX, 'the workflow did not grant "id-token: write", so the runner offers no OIDC token to sign with ' +
            '(add "permissions: id-token: write" and "attestations: write" to attest)');
    }
    if (!input.hasToken) {
        return lacking('github-token', 'storing the attestation needs a token with "attestations: write"', 'Remove "github-token: \'\'" to use the job\'s GITHUB_TOKEN, or set "attest: auto".', 'github-token is empty, and storing an attestation needs a token with "attestations: write"');
    }
    return { ...base, attest: true, skipped: '' };
}
/**
 * The pushed digest, and when it is an index each platform manifest in it; BuildKit's attestation manifests
 * (`vnd.docker.reference.type: attestation-manifest`, platform unknown/unknown) are not images and are left out.
 * A merge job adds the digests the platform jobs handed off (a platform's own index, with its attestation manifest,
 * is not in the merged index: its image manifest is).
 */
function attestationSubjects(name, pushed, handedOff = []) {
    const digests = [pushed.digest];
    if (isIndexType(pushed.mediaType)) {
        const manifests = JSON.parse(pushed.body).manifests ?? [];
        for (const manifest of manifests) {
            if (manifest.digest && !isAttestationManifest(manifest))
                digests.push(manifest.digest);
        }
    }
    return [...new Set([...digests, ...handedOff])]
        .filter(isSha256Digest)
        .map(digest => ({ name, digest: { sha256: digest.slice('sha256:'.length) } }));
}
function isAttestationManifest(manifest) {
    return (manifest.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
        (manifest.platform?.os === 'unknown' && manifest.platform?.architecture === 'unknown'));
}
/** The attestation in words, for the dry-run plan (before anything ran) and the job summary (after). */
function describeAttestation(plan, outcome) {
    if (outcome?.id !== undefined) {
        return `stored as attestation ${outcome.id}, ${outcome.subjects.length} subject${outcome.subjects.length === 1 ? '' : 's'}`;
    }
    if (outcome?.skipped)
        return `none: ${outcome.skipped}`;
    if (!plan.attest)
        return `none: ${plan.skipped}`;
    const instance = plan.sigstore === 'public-good' ? "Sigstore's public-good instance" : "GitHub's Sigstore instance";
    return `SLSA provenance of the pushed index and every platform manifest, signed with ${instance}, stored in the repository's attestations`;
}
const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
function inTotoStatement(subjects, predicateType, predicate) {
    return { _type: 'https://in-toto.io/Statement/v1', subject: subjects, predicateType, predicate };
}
/**
 * As actions/attest signs: public-good is Fulcio and Rekor of sigstore.dev; GitHub's instance is Fulcio and a
 * timestamp authority at fulcio./timestamp.githubapp.com (on GHE.com, at the enterprise's own host). The
 * GHCR_PUBLISH_SIGSTORE_* and GHCR_PUBLISH_OIDC_ISSUER variables point them elsewhere: a private Sigstore deployment, or the tests' stand-ins.
 */
function signingEndpoints(instance, serverUrl, env) {
    const fulcio = env.GHCR_PUBLISH_SIGSTORE_FULCIO_URL;
    const issuer = env.GHCR_PUBLISH_OIDC_ISSUER ? { oidcIssuer: env.GHCR_PUBLISH_OIDC_ISSUER } : {};
    if (instance === 'public-good') {
        return {
            ...issuer,
            fulcioURL: fulcio || 'https://fulcio.sigstore.dev',
            rekorURL: env.GHCR_PUBLISH_SIGSTORE_REKOR_URL || 'https://rekor.sigstore.dev'
        };
    }
    let host = new URL(serverUrl || 'https://github.com').hostname;
    if (host === 'github.com')
        host = 'githubapp.com';
    return {
        ...issuer,
        fulcioURL: fulcio || `https://fulcio.${host}`,
        tsaServerURL: env.GHCR_PUBLISH_SIGSTORE_TSA_URL || `https://timestamp.${host}`
    };
}
/** Where GitHub shows an attestation. */
function attestationUrl(serverUrl, owner, repo, id) {
    return `${serverUrl}/${owner}/${repo}/attestations/${id}`;
}
/** What an attestations API failure means, and what to do about it. */
function explainAttestationRefusal(status, message) {
    if (/feature not available/i.test(message)) {
        return (`the repository's plan cannot store attestations (${message.trim()}): artifact attestations need a public ` +
            'repository, or GitHub Enterprise Cloud for private and internal ones. Set "attest: false" to stop trying');
    }
    if (status === 403 || status === 401) {
        return `the github-token may not write attestations (${status}: ${message.trim()}): grant "attestations: write"`;
    }
    return `the attestations API answered ${status ?? 'nothing'}: ${message.trim()}`;
}

;// CONCATENATED MODULE: ./src/core/plan.ts
/** The whole publishing plan: who logs in where, what is built, pushed and reported. Pure. */








function planPublish(config, context, metadata, repo, { env, workDir, dockerfile }) {
    const images = metadata.images.filter(image => image.enable).map(image => image.name);
    if (config.distribute !== '' && images.length === 0) {
        throw new errors/* InputError */.dz('images', config.metadata.images.map(image => image.value).join('; '), `"distribute: ${config.distribute}" pushes by digest to the images, but every image is disabled`, 'Enable at least one image (remove enable=false), or remove "distribute".');
    }
    const push = withoutTagsNoPush(decidePush(config.build.push, context, config.login.password !== ''), config, metadata);
    // Logged in even when not pushing: private base images and registry caches need credentials to pull.
    const login = planLogins(images, config.login, config.githubToken, context);
    const privateRepository = repo.private === true || (repo.visibility !== undefined && repo.visibility !== 'public');
    const build = planBuildCommand({
        build: config.build,
        metadata,
        context,
        push: push.push,
        githubToken: config.githubToken,
        actionsCacheAvailable: actionsCacheAvailable(env),
        privateRepository,
        noDefaultAttestations: isGoTrue(env.BUILDX_NO_DEFAULT_ATTESTATIONS),
        workDir,
        ...(config.distribute === 'platform' ? { pushByDigestTo: images } : {})
    });
    const platforms = config.build.platforms;
    const job = plannedJob(config.distribute, platforms);
    const cacheMounts = planCacheMounts({
        requested: job.kind === 'merge' ? [] : config.build.cacheMounts,
        ...(dockerfile ? { dockerfile } : {}),
        utilityImage: config.build.cacheMountsImage,
        image: images[0] ?? `${context.owner}/${context.repo}`,
        target: config.build.target,
        platforms,
        buildArgs: config.build.buildArgs,
        noCache: config.build.noCache,
        actionsCacheAvailable: actionsCacheAvailable(env),
        context
    });
    return {
        job,
        images,
        image: images[0] ?? '',
        platforms,
        tags: job.kind === 'platform' ? [] : metadata.tags,
        push,
        login,
        build,
        cacheMounts,
        attestation: planAttestation({
            mode: config.attest,
            job,
            push: push.push,
            oidcAvailable: Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
            // As actions/attest: the public instance (its transparency log is public) only for a known public repository.
            publicRepository: repo.visibility === 'public' || repo.private === false,
            hasToken: config.githubToken !== '',
            serverUrl: context.serverUrl,
            image: images[0] ?? '',
            repository: `${context.owner}/${context.repo}`
        }),
        builder: job.kind === 'merge'
            ? 'none (the merge builds nothing)'
            : describeBuilderRule({ ...build, platforms }, config.build.builder),
        logout: config.login.logout,
        workDir
    };
}
function plannedJob(distribute, platforms) {
    if (distribute === 'merge')
        return { kind: 'merge' };
    // inputs.ts has checked that a platform job names exactly one platform.
    if (distribute === 'platform')
        return { kind: 'platform', platform: platforms[0] ?? '' };
    return { kind: 'publish' };
}
/** A push needs a tag (or outputs naming the destination): without one, say so instead of letting buildx fail. */
function withoutTagsNoPush(decision, config, metadata) {
    // A platform job pushes by digest, but without a tag the merge job has nothing to tag: it builds only too.
    if (!decision.push || metadata.tags.length > 0 || config.build.outputs.length > 0)
        return decision;
    const rules = config.metadata.tags.map(rule => rule.value).join('; ') || '(the default rules)';
    if (config.build.push === 'true') {
        throw new errors/* InputError */.dz('tags', rules, 'no tag rule produced a tag for this event, so there is nothing to push to', 'Add a rule that fires on this event (type=sha always does), or set "push: auto" to build without pushing.');
    }
    return { push: false, reason: 'push: auto builds without pushing because no tag rule produced a tag for this event' };
}
/** The build cache in words, for the dry-run plan and the job summary. */
function describeCache(plan) {
    if (plan.job.kind === 'merge')
        return 'none (the merge builds nothing)';
    if (plan.build.cache.defaulted)
        return 'GitHub Actions cache (default)';
    return plan.build.cache.from.length + plan.build.cache.to.length > 0 ? 'as given in cache-from / cache-to' : 'none';
}
function actionsCacheAvailable(env) {
    return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL));
}

;// CONCATENATED MODULE: ./src/report/plan-text.ts




function renderPlan(plan, metadata) {
    const lines = ['ghcr-publish dry run: nothing was built, pushed or logged in.', ''];
    const section = (title, entries) => {
        lines.push(`${title}:`);
        lines.push(...(entries.length > 0 ? entries.map(entry => `  ${(0,command_line/* oneLine */.TN)(entry)}`) : ['  (none)']));
        lines.push('');
    };
    section('Images', plan.images);
    section('Version', metadata.version.main ? [metadata.version.main] : []);
    section('Tags', metadata.tags);
    section('Labels', metadata.labels);
    section('Annotations', metadata.annotations);
    section('Push', [`${plan.push.push ? 'yes' : 'no'}: ${plan.push.reason}`]);
    section('Cache', [describeCache(plan)]);
    if (plan.cacheMounts.mounts.length > 0 || plan.cacheMounts.notes.length > 0) {
        section('Cache mounts', describeCacheMounts(plan.cacheMounts));
    }
    section('Builder', [plan.builder]);
    section('Attestation', [describeAttestation(plan.attestation)]);
    const commands = [
        ...plan.login.logins.map(login => `docker login --username ${(0,command_line/* quote */.hD)(login.username)} --password-stdin ${login.registry}   # password: ***`),
        ...plan.login.skipped.map(skipped => `# no login to ${skipped.registry}: ${skipped.reason}`),
        ...distributedSteps(plan, metadata),
        ...(plan.logout ? plan.login.logins.map(login => `docker logout ${login.registry}   # post step`) : [])
    ];
    section('Commands', commands);
    return lines.join('\n').trimEnd();
}
/** What runs between login and logout: the build, or for a merge job the registry calls instead. */
function distributedSteps(plan, metadata) {
    const build = ['docker', ...plan.build.args].map(command_line/* quote */.hD).join(' ') + secretNote(plan);
    switch (plan.job.kind) {
        case 'publish':
            return [build];
        case 'platform':
            return [build, `# hand off ${plan.job.platform} and the pushed digest to the merge job (run artifact)`];
        case 'merge': {
            const platforms = plan.platforms.length > 0 ? plan.platforms.join(', ') : 'every handed-off platform';
            return [
                `# collect this run's handed-off digests for ${platforms} (run artifacts)`,
                `# PUT an OCI image index of them, with ${metadata.annotations.length} annotations, as: ${plan.tags.join(' ') || '(no tags)'}`
            ];
        }
    }
}
function secretNote(plan) {
    const variables = Object.keys(plan.build.secretEnv);
    return variables.length > 0 ? `   # secret environment: ${variables.map(name => `${name}=***`).join(' ')}` : '';
}

;// CONCATENATED MODULE: ./src/adapters/github-api.ts

async function octokitFor(target) {
    const options = { baseUrl: target.apiUrl, userAgent: 'ghcr-publish' };
    // getOctokit insists on a token; without one (github-token: '') a public repository still answers.
    if (!target.token)
        return new (await __webpack_require__.e(/* import() */ 665).then(__webpack_require__.bind(__webpack_require__, 8665))).GitHub(options);
    return (await Promise.all(/* import() */[__webpack_require__.e(665), __webpack_require__.e(351)]).then(__webpack_require__.bind(__webpack_require__, 1351))).getOctokit(target.token, options);
}
/** A failed REST call: its status (when the API answered) and the API's own message. */
class GitHubApiError extends Error {
    status;
    apiMessage;
    constructor(message, status, apiMessage) {
        super(message);
        this.status = status;
        this.apiMessage = apiMessage;
        this.name = 'GitHubApiError';
    }
}
const READ_HINT = ' (the github-token cannot read this repository: grant "contents: read")';
async function call(target, what, request, hint = status => (status === 401 || status === 403 || status === 404 ? READ_HINT : '')) {
    const octokit = await octokitFor(target);
    try {
        return await request(octokit, AbortSignal.timeout(HTTP_TIMEOUT_MS.githubApi));
    }
    catch (error) {
        const status = error.status;
        const answered = status ? `answered ${status}` : 'failed';
        const message = error.message;
        throw new GitHubApiError(`${what} ${answered}: ${message}${status ? hint(status) : ''}`, status, message);
    }
}
async function fetchRepository(target) {
    const { owner, repo } = target;
    return call(target, `GET /repos/${owner}/${repo}`, async (octokit, signal) => {
        const { data } = await octokit.rest.repos.get({ owner, repo, request: { signal } });
        return data;
    });
}
async function fetchCommitDate(target, sha) {
    const { owner, repo } = target;
    const what = `GET /repos/${owner}/${repo}/commits/${sha}`;
    const data = await call(target, what, async (octokit, signal) => {
        return (await octokit.rest.repos.getCommit({ owner, repo, ref: sha, request: { signal } })).data;
    });
    const date = new Date(data.commit.committer?.date ?? '');
    if (Number.isNaN(date.getTime()))
        throw new Error(`${what} returned no committer date`);
    return date;
}
/** Stores a Sigstore bundle as an attestation of the repository (POST /repos/{owner}/{repo}/attestations): its id. */
async function createAttestation(target, bundle) {
    const { owner, repo } = target;
    const data = await call(target, `POST /repos/${owner}/${repo}/attestations`, async (octokit, signal) => (await octokit.request('POST /repos/{owner}/{repo}/attestations', {
        owner,
        repo,
        bundle: bundle,
        request: { signal }
    })).data, () => '');
    const id = data.id;
    if (typeof id !== 'number')
        throw new GitHubApiError('The attestations API returned no attestation id', 201, '');
    return id;
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
;// CONCATENATED MODULE: ./src/adapters/sigstore.ts
/**
 * Signing a provenance statement as actions/attest does, from its building blocks: @actions/attest's SLSA
 * provenance predicate (built from the job's OIDC token claims, checked against the issuer's keys) and
 * @sigstore/sign's DSSE bundle (a Fulcio certificate for the job's OIDC identity, then a Rekor entry or an RFC 3161
 * timestamp). @actions/attest's own attest() cannot be pointed at other Sigstore endpoints, so the bundle is built
 * here with the endpoints core/attestation.ts chose. All of it is loaded on demand: a run that does not attest
 * never loads it.
 */


/** The SLSA v1 provenance predicate of this workflow run; `issuer` overrides GitHub's token issuer. */
async function provenancePredicate(issuer) {
    const { buildSLSAProvenancePredicate } = await Promise.all(/* import() */[__webpack_require__.e(665), __webpack_require__.e(40), __webpack_require__.e(878), __webpack_require__.e(179), __webpack_require__.e(171)]).then(__webpack_require__.bind(__webpack_require__, 6171));
    return buildSLSAProvenancePredicate(issuer);
}
/** A Sigstore bundle (v0.3, DSSE) of the in-toto statement, serialized as JSON. */
async function signStatement(statement, endpoints) {
    const sign = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(878), __webpack_require__.e(179)]).then(__webpack_require__.bind(__webpack_require__, 5179));
    const { bundleToJSON } = await __webpack_require__.e(/* import() */ 40).then(__webpack_require__.bind(__webpack_require__, 1040));
    const timeout = SIGSTORE_TIMEOUT_MS;
    const retry = SIGSTORE_RETRIES;
    const signer = new sign.FulcioSigner({
        identityProvider: { getToken: () => (0,core/* getIDToken */.V9)('sigstore') },
        fulcioBaseURL: endpoints.fulcioURL,
        timeout,
        retry
    });
    const witnesses = [];
    if (endpoints.rekorURL) {
        witnesses.push(new sign.RekorWitness({ rekorBaseURL: endpoints.rekorURL, fetchOnConflict: true, timeout, retry }));
    }
    if (endpoints.tsaServerURL) {
        witnesses.push(new sign.TSAWitness({ tsaBaseURL: endpoints.tsaServerURL, timeout, retry }));
    }
    const bundle = await new sign.DSSEBundleBuilder({ signer, witnesses }).create({
        data: Buffer.from(JSON.stringify(statement)),
        type: INTOTO_PAYLOAD_TYPE
    });
    return bundleToJSON(bundle);
}
/** As actions/attest: 10 s per request to Fulcio, Rekor or the timestamp authority, 3 retries. */
const SIGSTORE_TIMEOUT_MS = 10_000;
const SIGSTORE_RETRIES = 3;

;// CONCATENATED MODULE: ./src/core/oci-referrers.ts
/**
 * An artifact attached to an image as the OCI 1.1 distribution spec has it: a manifest whose `subject` is the
 * image, found through the registry's referrers API, or where a registry has none (GHCR, Distribution 2.x) through
 * the referrers tag schema: an index tagged `sha256-<hex of the subject>` listing the referring manifests. This is
 * how @sigstore/oci attaches a Sigstore bundle (actions/attest's push-to-registry). Pure.
 */


const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
const EMPTY_CONFIG = '{}';
/** The manifest attaching `artifact` to `subject`, and its descriptor for a referrers index. */
function referringManifest(artifact, subject) {
    const manifest = {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: artifact.artifactType,
        config: { mediaType: OCI_EMPTY, digest: sha256Digest(EMPTY_CONFIG), size: EMPTY_CONFIG.length },
        layers: [artifact.layer],
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
        annotations: artifact.annotations
    };
    const body = JSON.stringify(manifest);
    return {
        body,
        descriptor: {
            mediaType: OCI_MANIFEST,
            digest: sha256Digest(body),
            size: Buffer.byteLength(body),
            artifactType: artifact.artifactType,
            annotations: artifact.annotations
        }
    };
}
/** The fallback tag of the referrers tag schema: `sha256-<hex>`. */
function referrersTag(subjectDigest) {
    return subjectDigest.replace(':', '-');
}
/**
 * The referrers index under the fallback tag with `descriptor` added (once), keeping what others attached; undefined
 * when the tag holds something that is not an index (the spec: report it and leave the tag alone).
 */
function withReferrer(existingIndex, descriptor) {
    let manifests = [];
    if (existingIndex) {
        let existing;
        try {
            existing = JSON.parse(existingIndex);
        }
        catch {
            return undefined;
        }
        if (existing.mediaType !== OCI_INDEX || !Array.isArray(existing.manifests))
            return undefined;
        manifests = existing.manifests;
    }
    if (!manifests.some(manifest => manifest.digest === descriptor.digest))
        manifests = [...manifests, descriptor];
    return JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests });
}

;// CONCATENATED MODULE: ./src/steps/attestation.ts
/**
 * After the push (or the merge): one SLSA provenance attestation whose subjects are every digest this job put in
 * the registry, signed with Sigstore and stored through the repository's attestations API, as
 * actions/attest-build-provenance would store it. Under `attest: auto` a refusal (the plan, the permission) or a
 * Sigstore failure is a warning; under `attest: true` it fails the step.
 */














async function attestPublished(step, outcome) {
    const { plan } = step;
    const attestation = plan.attestation;
    if (attestation.attest && outcome.pushed && !outcome.digest && attestation.mode === 'true') {
        throw new errors/* ActionableError */.fU('The push reported no digest, so there is nothing to attest (attest: true). Check the build log of the push.');
    }
    if (!attestation.attest || !outcome.pushed || !outcome.digest) {
        const skipped = attestation.skipped || (outcome.pushed ? 'the push reported no digest' : 'nothing was pushed');
        if (attestation.mode !== 'false')
            runner/* log */.Rm.info(`No provenance attestation: ${skipped}.`);
        return { subjects: [], skipped };
    }
    return (0,runner/* phase */.Oi)('Attestation', async () => {
        let subjects = [];
        try {
            subjects = attestationSubjects(attestation.subjectName, await pushedManifest(step, outcome.digest), (outcome.merged ?? []).map(platform => platform.digest));
            runner/* log */.Rm.info(`Attesting the provenance of ${attestation.subjectName}: ${subjects.map(subject => `sha256:${subject.digest.sha256}`).join(', ')} ` +
                `(Sigstore ${attestation.sigstore === 'public-good' ? 'public-good instance' : "GitHub's instance"}).`);
            const endpoints = signingEndpoints(attestation.sigstore, step.context.serverUrl, process.env);
            const predicate = await provenancePredicate(endpoints.oidcIssuer);
            const statement = inTotoStatement(subjects, predicate.type, predicate.params);
            const bundle = await signStatement(statement, endpoints);
            const bundlePath = writeBundle(bundle);
            const id = await createAttestation({
                apiUrl: step.context.apiUrl,
                owner: step.context.owner,
                repo: step.context.repo,
                token: step.config.githubToken
            }, bundle);
            const url = attestationUrl(step.context.serverUrl, step.context.owner, step.context.repo, id);
            runner/* log */.Rm.info(`Attestation ${id} stored: ${url} (bundle: ${bundlePath}).`);
            if (step.config.attestPushToRegistry) {
                await storeInRegistry(step, subjects, bundle, predicate.type).catch(error => failed(step, `attaching its bundle in the registry failed: ${error.message}`, id));
            }
            return { subjects, id, url, bundlePath };
        }
        catch (error) {
            const reason = error instanceof GitHubApiError
                ? explainAttestationRefusal(error.status, error.apiMessage)
                : error instanceof SubjectsError
                    ? error.message
                    : `signing failed: ${error.message}`;
            failed(step, reason);
            return { subjects, skipped: reason };
        }
    });
}
/**
 * The bundle attached in the registry to every subject, with the step's own registry credentials: through the
 * referrers API where the registry has one, else under the `sha256-<digest>` tag of the referrers tag schema (GHCR).
 */
async function storeInRegistry(step, subjects, bundle, predicateType) {
    const image = step.plan.attestation.subjectName;
    const repository = repositoryOf(image);
    const client = registryClientFor(registryOf(image), step.plan.login.logins, runner/* log */.Rm.info);
    await client.putBlob(repository, EMPTY_CONFIG);
    const layer = await client.putBlob(repository, JSON.stringify(bundle));
    const artifact = {
        artifactType: SIGSTORE_BUNDLE_TYPE,
        layer: { mediaType: SIGSTORE_BUNDLE_TYPE, ...layer },
        annotations: {
            'dev.sigstore.bundle.content': 'dsse-envelope',
            'dev.sigstore.bundle.predicateType': predicateType,
            'org.opencontainers.image.created': new Date().toISOString()
        }
    };
    for (const subject of subjects) {
        const digest = `sha256:${subject.digest.sha256}`;
        const manifest = await client.getManifest(repository, digest);
        const referring = referringManifest(artifact, {
            mediaType: manifest.mediaType,
            digest,
            size: Buffer.byteLength(manifest.body)
        });
        await client.putManifest(repository, referring.descriptor.digest, referring.body, OCI_MANIFEST);
        if (await client.referrers(repository, digest)) {
            runner/* log */.Rm.info(`Attached the bundle to ${image}@${digest} (${referring.descriptor.digest}, referrers API).`);
            continue;
        }
        const tag = referrersTag(digest);
        const existing = (await client.manifestDigest(repository, tag))
            ? (await client.getManifest(repository, tag)).body
            : undefined;
        const index = withReferrer(existing, referring.descriptor);
        if (!index) {
            runner/* log */.Rm.warning(`${image}:${tag} is not a referrers index: left alone, the bundle is not listed under it.`);
            continue;
        }
        await client.putManifest(repository, tag, index, OCI_INDEX);
        runner/* log */.Rm.info(`Attached the bundle to ${image}@${digest} (${referring.descriptor.digest}, tag ${tag}).`);
    }
}
const SIGSTORE_BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/**
 * Under attest: true a failure fails the step; under auto it is a warning. `stored`: the attestation exists, only
 * its copy in the registry failed.
 */
function failed(step, reason, stored) {
    if (step.plan.attestation.mode === 'true')
        throw new errors/* ActionableError */.fU(`The provenance attestation failed: ${reason}.`);
    runner/* log */.Rm.warning(stored === undefined
        ? `No provenance attestation (attest: auto): ${reason}.`
        : `Provenance attestation ${stored} is stored, but ${reason}.`);
}
class SubjectsError extends Error {
}
/** The pushed manifest or index, read back from the registry: the subjects are what it holds. */
async function pushedManifest(step, digest) {
    const image = step.plan.attestation.subjectName;
    const client = registryClientFor(registryOf(image), step.plan.login.logins, runner/* log */.Rm.info);
    const manifest = await client.getManifest(repositoryOf(image), digest).catch(error => {
        throw new SubjectsError(`reading the pushed ${image}@${digest} back failed: ${error.message}`);
    });
    // Only what was pushed is attested: a registry (or proxy) answering other content must not add subjects.
    if (sha256Digest(manifest.body) !== digest) {
        throw new SubjectsError(`the registry serves other content for ${image}@${digest}: nothing is attested`);
    }
    return { digest, mediaType: manifest.mediaType, body: manifest.body };
}
/**
 * The bundle as actions/attest leaves it: a file under RUNNER_TEMP (kept for later steps of the job; the step's own
 * work directory is removed by post), its path appended to created_attestation_paths.txt.
 */
function writeBundle(bundle) {
    const temp = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    const directory = (0,external_node_path_.join)(temp, `ghcr-publish-attestation-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`);
    (0,external_node_fs_.mkdirSync)(directory, { recursive: true });
    const path = (0,external_node_path_.join)(directory, 'attestation.json');
    (0,external_node_fs_.writeFileSync)(path, `${JSON.stringify(bundle)}\n`);
    (0,external_node_fs_.appendFileSync)((0,external_node_path_.join)(temp, 'created_attestation_paths.txt'), `${path}\n`);
    return path;
}

;// CONCATENATED MODULE: ./src/adapters/repository-facts.ts
/**
 * Repository information and commit date for metadata: from the event payload when it carries them
 * (no API call, no token needed), else from the REST API, else a documented fallback.
 */


async function resolveRepository(context, token, warn) {
    const fromPayload = repositoryFromPayload(context);
    if (fromPayload)
        return fromPayload;
    try {
        return await fetchRepository({ apiUrl: context.apiUrl, owner: context.owner, repo: context.repo, token });
    }
    catch (error) {
        warn(`Could not read the repository from the GitHub API (${error.message}); ` +
            'title, url and source labels use the repository name and no description or license is set.');
        return {
            name: context.repo,
            description: null,
            html_url: `${context.serverUrl}/${context.owner}/${context.repo}`,
            default_branch: '',
            license: null
        };
    }
}
/** The date of `sha`: the merge commit's, or the PR head's under DOCKER_METADATA_PR_HEAD_SHA. */
async function resolveCommitDate(context, sha, token, now) {
    const fromPayload = commitDateFromPayload(context, sha);
    if (fromPayload)
        return fromPayload;
    if (!sha || !token)
        return now;
    try {
        return await fetchCommitDate({ apiUrl: context.apiUrl, owner: context.owner, repo: context.repo, token }, sha);
    }
    catch {
        // metadata-action falls back to the current time as well; the date only feeds {{commit_date}}.
        return now;
    }
}

;// CONCATENATED MODULE: ./src/report/summary.ts




function renderSummary(plan, metadata, result) {
    const title = result.dryRun ? 'ghcr-publish (dry run)' : 'ghcr-publish';
    const rows = [
        ['Image', code(plan.image || '(none)')],
        ['Tags', metadata.tagNames.length > 0 ? metadata.tagNames.map(code).join(' ') : '(none)'],
        ['Digest', result.digest ? code(result.digest) : '(none)'],
        ['Platforms', plan.platforms.length > 0 ? code(plan.platforms.join(',')) : 'builder default'],
        ['Pushed', pushedCell(plan, result)],
        ['Cache', describeCache(plan)],
        ...(plan.cacheMounts.mounts.length > 0
            ? [['Cache mounts', escapeCell(describeCacheMounts(plan.cacheMounts).join('; '))]]
            : []),
        ['Builder', escapeCell(result.builder ?? plan.builder)],
        ['Attestation', attestationCell(plan, result)]
    ];
    if (plan.job.kind === 'platform')
        rows.push(['Matrix', 'platform job: pushed by digest for the merge job, no tags']);
    if (plan.job.kind === 'merge')
        rows.push(['Matrix', "merge job: the run's platform digests joined into one index"]);
    const lines = [`### ${title}`, '', '| | |', '|---|---|', ...rows.map(([key, value]) => `| ${key} | ${value} |`)];
    if (result.handoff) {
        lines.push('', `Pushed by digest and handed off to the merge job as the run artifact ${code(result.handoff)}.`);
    }
    if (result.merged) {
        lines.push('', '| Platform | Digest | Run attempt |', '|---|---|---|');
        lines.push(...result.merged.map(handoff => `| ${code(displayPlatform(handoff.platformSlug))} | ${code(handoff.digest)} | ${handoff.runAttempt} |`));
    }
    if (result.pushed && result.digest && plan.image) {
        lines.push('', 'Pull by digest:', '', '```', `docker pull ${plan.image}@${result.digest}`, '```');
    }
    const attested = result.attestation;
    if (attested?.id !== undefined) {
        lines.push('', 'Attested (SLSA provenance):', '');
        lines.push(...attested.subjects.map(subject => `- ${code(`${subject.name}@sha256:${subject.digest.sha256}`)}`));
        lines.push('', 'Verify:', '', '```', `gh attestation verify oci://${plan.image}@${result.digest} -R ${plan.attestation.repository}`, '```');
    }
    return lines.join('\n') + '\n';
}
function attestationCell(plan, result) {
    const text = escapeCell(describeAttestation(plan.attestation, result.attestation));
    return result.attestation?.url ? `[${text}](${result.attestation.url})` : text;
}
function pushedCell(plan, result) {
    if (result.dryRun)
        return `no, dry run (would ${plan.push.push ? '' : 'not '}push: ${escapeCell(plan.push.reason)})`;
    return `${result.pushed ? 'yes' : 'no'}: ${escapeCell(plan.push.reason)}`;
}
function code(value) {
    return '`' + value.replace(/`/g, "'") + '`';
}
function escapeCell(value) {
    return value.replace(/\|/g, '\\|');
}

;// CONCATENATED MODULE: ./src/steps/main.ts
/** The main step: inputs → context → metadata → plan → execute → outputs and summary. */






















async function main(env = process.env) {
    const config = readConfig(runner/* readInput */.R5);
    (0,runner/* mask */.dK)(config.githubToken);
    (0,runner/* mask */.dK)(config.login.password);
    (0,runner/* mask */.dK)(config.login.dockerHub.password);
    config.build.secrets.forEach(secret => (0,runner/* mask */.dK)(secret.value.slice(secret.value.indexOf('=') + 1)));
    checkLocalFiles(config.build, process.cwd());
    const context = (0,github_context/* githubContextFrom */.hW)(env, readEventPayload(env));
    const settings = metadataSettingsFrom(env);
    const exportMetadataEnvironment = readEnvironmentBoolean(env, 'DOCKER_METADATA_SET_OUTPUT_ENV', true);
    const now = metadataNow(env, new Date());
    const { repo, metadata } = await (0,runner/* phase */.Oi)('Context and metadata', async () => {
        runner/* log */.Rm.info(`${context.eventName} event on ${context.ref || '(no ref)'} at ${context.sha || '(no commit)'}.`);
        const repo = await resolveRepository(context, config.githubToken, runner/* log */.Rm.warning);
        const commitDate = await resolveCommitDate(context, effectiveSha(context, settings), config.githubToken, now);
        const metadata = computeMetadata({ inputs: config.metadata, context, repo, settings, now, commitDate });
        metadata.warnings.forEach(warning => runner/* log */.Rm.warning(warning));
        runner/* log */.Rm.info(`Version: ${metadata.version.main || '(none)'}. Tags: ${metadata.tags.join(', ') || '(none)'}.`);
        return { repo, metadata };
    });
    const cleanup = new cleanup_state/* CleanupRecorder */.X(config.login.logout);
    const workDir = makeWorkDir(env);
    cleanup.workDir(workDir);
    const dockerfile = readDockerfile(config.build, process.cwd());
    const plan = planPublish(config, context, metadata, repo, { env, workDir, ...(dockerfile ? { dockerfile } : {}) });
    if (plan.push.warning)
        runner/* log */.Rm.warning(plan.push.warning);
    if (plan.push.push)
        refusePushWithoutCredentials(plan, env, config.dryRun);
    let result;
    if (config.dryRun) {
        runner/* log */.Rm.info(renderPlan(plan, metadata));
        result = { dryRun: true, pushed: false, digest: '', imageid: '', metadata: '' };
    }
    else {
        const step = { config, plan, context, cleanup };
        const outcome = await execute(step, metadata, env);
        result = { dryRun: false, ...outcome, attestation: await attestPublished(step, outcome) };
    }
    const outputs = metadataOutputs(metadata, config.metadata);
    (0,runner/* setOutputs */.n0)({
        ...outputs,
        image: plan.image,
        digest: result.digest,
        imageid: result.imageid,
        metadata: result.metadata,
        pushed: String(result.pushed),
        'attestation-id': result.attestation?.id === undefined ? '' : String(result.attestation.id),
        'attestation-url': result.attestation?.url ?? '',
        'bundle-path': result.attestation?.bundlePath ?? ''
    });
    if (exportMetadataEnvironment) {
        (0,runner/* exportVariables */.qY)(metadataOutputEnvironment(outputs));
    }
    await (0,runner/* writeSummary */.Sy)(renderSummary(plan, metadata, result));
}
/** A plain publish, or one side of a matrix: a platform job (push by digest, hand off) or the merge job. */
function execute(step, metadata, env) {
    if (!step.plan.push.push)
        runner/* log */.Rm.info(`Not ${step.plan.job.kind === 'merge' ? 'merging' : 'pushing'}: ${step.plan.push.reason}.`);
    // The artifact store is checked before any build: a runner without the service fails now, not after a build.
    switch (step.plan.job.kind) {
        case 'merge':
            return runMergeJob(step, metadata, artifactStoreFrom(env));
        case 'platform':
            return runPlatformJob(step, step.plan.job.platform, artifactStoreFrom(env));
        case 'publish':
            return publish(step);
    }
}
/** Without any credential the push would fail after the whole build, with the registry's "unauthorized". */
function refusePushWithoutCredentials(plan, env, dryRun) {
    const missing = registriesWithoutCredentials(plan.login, registry => (0,docker_credentials/* hasStoredLogin */.Hf)(registry, env));
    if (missing.length === 0)
        return;
    const ghcr = missing.some(isGitHubContainerRegistry);
    const error = new errors/* InputError */.dz(ghcr ? 'github-token' : 'password', '', `the step pushes to ${missing.join(', ')} but has no credentials for it (the input is empty and no earlier step logged in)`, ghcr
        ? 'Remove "github-token: \'\'" to use the job\'s GITHUB_TOKEN (with "permissions: packages: write"), or set "password".'
        : 'Set "username" and "password" (e.g. from secrets), log in in an earlier step, or set "push: false".');
    // A dry run shows the plan all the same (often run locally without a token), with what the real run would hit.
    if (!dryRun)
        throw error;
    runner/* log */.Rm.warning(error.message);
}
function readEventPayload(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return {};
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new errors/* ActionableError */.fU(`Cannot read the event payload GITHUB_EVENT_PATH=${path}: ${error.message}`);
    }
}
function makeWorkDir(env) {
    return (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'ghcr-publish-'));
}


/***/ })

};

//# sourceMappingURL=62.index.js.map