export const id = 463;
export const ids = [463];
export const modules = {

/***/ 3463:
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
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/retry.ts
/**
 * Bounded retries with exponential backoff and jitter, for registry hiccups (5xx, 429, dropped connections,
 * timeouts). Pure apart from the clock and the random source, both injectable so tests never wait.
 */
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
    for (let current = error, depth = 0; current && depth < 5; depth++) {
        const name = current.name;
        if (name === 'TimeoutError')
            return true;
        const code = errorCode(current);
        if (code && TRANSIENT_NETWORK_CODES.has(code))
            return true;
        if (current instanceof TypeError && current.message === 'fetch failed' && !current.cause)
            return true;
        current = current.cause;
    }
    return false;
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

// EXTERNAL MODULE: ./src/registries.ts
var registries = __webpack_require__(4316);
;// CONCATENATED MODULE: ./src/registry-client.ts
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
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };
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
function sha256Digest(body) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex')}`;
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
        this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        this.policy = {
            ...DEFAULT_RETRY,
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
    call(request) {
        return retry(() => this.send(request), this.policy, this.sleep);
    }
    /** One attempt: with the credentials the last challenge asked for, and once more after a fresh 401. */
    async send(request) {
        const url = `${this.baseUrl}${request.path}`;
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
/** Splits `registry/repository:tag` (registry optional when it is the client's) into repository and tag. */
function splitReference(reference, registry) {
    let rest = reference;
    const slash = rest.indexOf('/');
    const first = slash < 0 ? '' : rest.slice(0, slash);
    if (first === registry)
        rest = rest.slice(slash + 1);
    else if ((0,registries/* isRegistryHost */.EV)(first)) {
        throw new Error(`${reference} is not on the registry ${registry}`);
    }
    const colon = rest.lastIndexOf(':');
    if (colon < 0 || colon < rest.lastIndexOf('/'))
        throw new Error(`${reference} has no tag`);
    return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1) };
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

;// CONCATENATED MODULE: ./src/artifact-store.ts
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
const artifact_store_DEFAULT_TIMEOUT_MS = 20_000;
const artifact_store_DEFAULT_RETRY = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 20_000 };
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
        this.timeoutMs = options.timeoutMs ?? artifact_store_DEFAULT_TIMEOUT_MS;
        this.now = options.now ?? Date.now;
        const onRetry = options.retry?.onRetry;
        this.policy = {
            ...artifact_store_DEFAULT_RETRY,
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
/** A fetch failure without its URL: a timeout, or the socket error code of the first cause that has one. */
function describeTransportFailure(error, timeoutMs) {
    for (let current = error, depth = 0; current && depth < 5; depth++) {
        const { name, code, cause } = current;
        if (name === 'TimeoutError')
            return `no answer within ${timeoutMs} ms`;
        if (typeof code === 'string')
            return `network error ${code}`;
        current = cause;
    }
    return 'network error';
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

// EXTERNAL MODULE: ./src/cleanup-state.ts
var cleanup_state = __webpack_require__(6943);
// EXTERNAL MODULE: ./src/github-context.ts
var github_context = __webpack_require__(8886);
// EXTERNAL MODULE: ./src/docker-credentials.ts
var docker_credentials = __webpack_require__(1276);
;// CONCATENATED MODULE: ./src/registry-errors.ts
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
        fix: context => context.registry === 'ghcr.io'
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

;// CONCATENATED MODULE: ./src/push-verification.ts
/**
 * After a push, each tag must resolve in its registry to the digest the step reports: a tag that another
 * job moved meanwhile, or a push that silently lost a tag, fails the step instead of being attested.
 */






async function verifyPushedTags(tags, digest, logins, onRetry, onSkip = onRetry) {
    const checks = [];
    for (const registry of [...new Set(tags.map(registries/* registryOf */.Fv))]) {
        const credentials = credentialsFor(registry, logins);
        const client = registryClientWith(registry, credentials, onRetry);
        const expected = tags.filter(tag => (0,registries/* registryOf */.Fv)(tag) === registry).map(reference => ({ reference, digest }));
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

// EXTERNAL MODULE: ./src/docker.ts
var docker = __webpack_require__(3871);
// EXTERNAL MODULE: ./src/builder-plan.ts
var builder_plan = __webpack_require__(6666);
// EXTERNAL MODULE: ./src/build-command.ts
var build_command = __webpack_require__(4683);
;// CONCATENATED MODULE: ./src/buildx-info.ts
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
    if (!build.file && (0,build_command/* isRemoteContext */.uN)(build.context))
        return undefined;
    const path = build.file || (0,external_node_path_.join)(build.context, checked);
    return workspace ? (0,external_node_path_.relative)(workspace, (0,external_node_path_.resolve)(workspace, path)) || path : path;
}

;// CONCATENATED MODULE: ./src/legacy-build.ts

/** buildx flags `docker build` lacks, with the input a user would have set to get them. */
const BUILDX_ONLY = {
    '--output': 'outputs',
    '--build-context': 'build-contexts',
    '--allow': 'allow',
    '--no-cache-filter': 'no-cache-filters',
    '--cache-to': 'cache-to',
    '--builder': 'builder'
};
/** Flags with no meaning for the legacy builder; what they carried is reported as dropped. */
const DROPPED = {
    '--annotation': 'annotations',
    '--attest': 'provenance and SBOM attestations',
    '--metadata-file': '',
    '--push': '',
    '--load': ''
};
const FLAGS_WITHOUT_VALUE = new Set(['--push', '--load', '--no-cache', '--pull']);
function toLegacyBuild(command, build, tags, push) {
    if (build.platforms.length > 1) {
        throw new errors/* InputError */.dz('platforms', build.platforms.join(','), 'building several platforms needs docker buildx, which this runner does not have', "Install the buildx plugin (Debian/Ubuntu: docker-buildx-plugin from Docker's repository) or use a GitHub-hosted runner.");
    }
    const buildArgs = ['build'];
    const dropped = new Set();
    const args = command.args.slice(2);
    for (let index = 0; index < args.length; index++) {
        const flag = args[index] ?? '';
        const takesValue = flag.startsWith('--') && !FLAGS_WITHOUT_VALUE.has(flag);
        const value = takesValue ? (args[++index] ?? '') : undefined;
        if (flag in BUILDX_ONLY && !(flag === '--cache-to' && command.cache.defaulted)) {
            const input = BUILDX_ONLY[flag] ?? flag;
            throw new errors/* InputError */.dz(input, value ?? '', 'this needs docker buildx, which this runner does not have', `Remove "${input}", or install the buildx plugin.`);
        }
        if (flag in DROPPED || (command.cache.defaulted && flag.startsWith('--cache-'))) {
            if (DROPPED[flag])
                dropped.add(DROPPED[flag]);
            continue;
        }
        buildArgs.push(flag);
        if (value !== undefined)
            buildArgs.push(value);
    }
    if (command.cache.defaulted)
        dropped.add('GitHub Actions cache');
    return { buildArgs, pushArgs: push ? tags.map(tag => ['push', tag]) : [], dropped: [...dropped] };
}
/** The manifest digest `docker push` reports: `<tag>: digest: sha256:… size: N`. */
function digestFromPushOutput(stdout) {
    return /digest: (sha256:[a-f0-9]{64})/.exec(stdout)?.[1];
}
/** The legacy builder knows no secrets: the Git context token is only a convenience, anything else is an error. */
function withoutBuildKitSecrets(buildArgs) {
    const result = [];
    for (let index = 0; index < buildArgs.length; index++) {
        const arg = buildArgs[index] ?? '';
        if (arg === '--secret' && (buildArgs[index + 1] ?? '').startsWith('id=GIT_AUTH_TOKEN.')) {
            index++;
            continue;
        }
        if (arg === '--secret' || arg === '--ssh') {
            throw new errors/* ActionableError */.fU(`This runner's docker has neither buildx nor BuildKit, so build secrets and SSH cannot be passed (${arg}). ` +
                'Install the buildx plugin.');
        }
        result.push(arg);
    }
    return result;
}

;// CONCATENATED MODULE: ./src/qemu.ts
/** Which emulators a multi-platform build needs on this runner. Pure. */
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
    return platform.split('/')[1] ?? '';
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

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
;// CONCATENATED MODULE: ./src/publish.ts
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
        login(step)
    ]);
    if (probe.exitCode !== 0 && isBuildxMissing(probe.stderr)) {
        if (plan.distribute === 'platform') {
            throw new errors/* ActionableError */.fU('"distribute: platform" pushes by digest, which needs docker buildx, and this runner has none: use a ' +
                'GitHub-hosted runner (they ship buildx) or install the buildx plugin first.');
        }
        runner/* log */.Rm.warning('docker buildx is not available on this runner: building with `docker build` and pushing with `docker push`. ' +
            'Install the buildx plugin for multi-platform builds, cache export, attestations and annotations.');
        return publishWithoutBuildx(step);
    }
    const inspect = config.build.builder ? undefined : probe;
    if (!inspect)
        runner/* log */.Rm.info(`Using docker buildx ${parseBuildxVersion(probe.stdout) ?? '(version unknown)'}.`);
    const current = inspect ? await currentBuilder(inspect, step) : undefined;
    const choice = current?.choice;
    let args = plan.build.args;
    // Emulators first: BuildKit reads the kernel's emulators when it starts, so a builder booted before them would
    // list too few platforms. A builder given as input may be remote: its own platform list decides.
    if (!config.build.builder)
        await installMissingEmulators(config.build.platforms, config.build.qemuImage, step);
    if (choice?.kind === 'create')
        await createBuilder(choice, step);
    if (choice?.kind === 'create') {
        args = ['buildx', 'build', '--builder', choice.name, ...args.slice(2)];
    }
    else if (choice) {
        runner/* log */.Rm.info(`Building with the current builder: ${choice.reason}.`);
        const version = current?.buildkitVersion;
        const supported = (0,build_command/* forBuildKitVersion */.Y5)(args, plan.build.defaultProvenance, version);
        if (supported.dropped.length > 0) {
            runner/* log */.Rm.warning(`The current builder runs BuildKit ${version}, older than 0.11, which has no attestations or annotations: ` +
                `building without ${supported.dropped.join(' and ')} (the labels still carry the metadata). Update ` +
                'BuildKit, or let this step create a builder (unset BUILDX_BUILDER / the current builder).');
            args = supported.args;
        }
    }
    writeSecretFiles(plan);
    // BUILDX_METADATA_WARNINGS: buildx (0.15+) records the build checks' warnings in the metadata file, as for
    // build-push-action; they become annotations on the Dockerfile's lines.
    await mustRun(args, { env: { ...plan.build.secretEnv, BUILDX_METADATA_WARNINGS: 'true' } }, plan.push.push ? 'Build and push' : 'Build', step);
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
    return {
        pushed: plan.push.push,
        digest,
        imageid: readText(plan.build.iidFile),
        metadata: Object.keys(metadata).length > 0 ? JSON.stringify(metadata, null, 2) : '',
        builder: (0,builder_plan/* describeBuilderChoice */.iQ)(choice, config.build.builder)
    };
}
/** The `secrets` values, readable by this user only, in the work directory that the post step removes. */
function writeSecretFiles(plan) {
    for (const { path, value } of plan.build.secretsToWrite)
        (0,external_node_fs_.writeFileSync)(path, value, { mode: 0o600 });
}
async function verify(step, digest, pushed) {
    if (!step.config.verify || !pushed || step.tags.length === 0)
        return;
    if (!digest)
        throw new errors/* ActionableError */.fU('The push reported no digest, so the pushed tags cannot be verified.');
    const checks = await verifyPushedTags(step.tags, digest, step.plan.login.logins, runner/* log */.Rm.info, runner/* log */.Rm.warning);
    if (checks.length === 0)
        return;
    runner/* log */.Rm.info(`Verified in the registry: ${checks.map(check => check.reference).join(', ')} → ${digest}`);
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
        registries: step.plan.images.map(registries/* registryOf */.Fv),
        builderOptions: step.config.build.builderOptions
    };
    const current = { driver, imageStore: imageStoreFromLabels(labels) };
    if ((0,builder_plan/* needsImageStore */.Wu)(current, needs)) {
        // An older buildx prints no worker labels: the engine itself tells which image store it uses.
        const info = await (0,docker/* docker */.T)(['info', '--format', '{{json .DriverStatus}}'], { quiet: true });
        current.imageStore =
            info.exitCode !== 0 ? 'unknown' : isContainerdStoreDriverStatus(info.stdout) ? 'containerd' : 'classic';
    }
    const store = driver === 'docker' && current.imageStore !== 'unknown' ? `, ${current.imageStore} image store` : '';
    runner/* log */.Rm.info(`Current buildx builder: ${name || '?'} (${driver || 'unknown'} driver${store}, BuildKit ${buildkitVersion ?? '?'}).`);
    return { choice: (0,builder_plan/* chooseBuilder */.Z7)(current, needs, builderName(step.context)), buildkitVersion };
}
async function createBuilder(choice, step) {
    runner/* log */.Rm.info(`Creating a docker-container builder for this run: ${choice.reason}.`);
    // Recorded before it exists: a create cancelled half-way still leaves a builder for post to remove.
    step.cleanup.builderCreated(choice.name);
    try {
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
    const { config, plan } = step;
    const legacy = toLegacyBuild(plan.build, config.build, step.tags, plan.push.push);
    if (legacy.dropped.length > 0)
        runner/* log */.Rm.warning(`Without buildx these are left out: ${legacy.dropped.join(', ')}.`);
    writeSecretFiles(plan);
    const withBuildKit = await (0,docker/* docker */.T)(legacy.buildArgs, { env: { ...plan.build.secretEnv, DOCKER_BUILDKIT: '1' } });
    if (withBuildKit.exitCode !== 0) {
        if (!/BuildKit is enabled but the buildx component is missing/i.test(withBuildKit.stderr)) {
            throw new errors/* ActionableError */.fU(explainFailure(withBuildKit.stderr, failureContext('Build', step)));
        }
        runner/* log */.Rm.warning('This docker client has no BuildKit without buildx: building with the legacy builder.');
        await mustRun(withoutBuildKitSecrets(legacy.buildArgs), { env: { DOCKER_BUILDKIT: '0' } }, 'Build', step);
    }
    let digest = '';
    for (const pushArgs of legacy.pushArgs) {
        const pushed = await mustRun(pushArgs, {}, `Push of ${pushArgs[1]}`, step);
        digest ||= digestFromPushOutput(pushed.stdout) ?? '';
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
async function installMissingEmulators(platforms, image, step) {
    const missing = emulatorsToInstall(platforms, process.arch, registeredEmulators());
    if (missing.length === 0)
        return;
    runner/* log */.Rm.info(`Installing QEMU emulators for ${missing.join(', ')} (not native and not registered in binfmt_misc).`);
    await mustRun(['run', '--rm', '--privileged', image, '--install', missing.join(',')], {}, 'Installing QEMU emulators', step);
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
function failureContext(operation, step) {
    const registry = step.plan.login.logins[0]?.registry ?? (0,registries/* registryOf */.Fv)(step.plan.image);
    return { operation, registry, forkPullRequest: (0,github_context/* isForkPullRequest */.B7)(step.context) };
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

;// CONCATENATED MODULE: ./src/distribute/handoff.ts
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
const NAME_PATTERN = /^ghcr-publish-digest-([a-f0-9]{12})-([a-z0-9._-]+)-a(\d+)-([a-f0-9]{64})$/;
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

// EXTERNAL MODULE: ./src/metadata/index.ts + 17 modules
var src_metadata = __webpack_require__(1918);
;// CONCATENATED MODULE: ./src/distribute/image-index.ts
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
        const parts = (0,src_metadata/* splitAnnotation */.M4)(annotation);
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

;// CONCATENATED MODULE: ./src/distribute/merge-job.ts













/**
 * The merge job's step: no build, and only the registry API, so a runner or container job without the docker CLI
 * merges too. Logged in like any job (actions/attest-build-provenance reads the login from docker's config.json):
 * with `docker login` where docker exists, else by writing the same `auths` entry itself.
 */
async function runMergeJob(step, metadata, store) {
    const { config, plan, context } = step;
    if (!plan.push.push)
        return { pushed: false, digest: '', imageid: '', metadata: '' };
    if ((0,docker/* dockerCliOnPath */.n)()) {
        await login(step);
    }
    else {
        for (const { registry, username, password } of plan.login.logins) {
            if (plan.logout)
                step.cleanup.loggedIn(registry);
            (0,docker_credentials/* storeLogin */.VJ)(registry, { username, password });
            runner/* log */.Rm.info(`Logged in to ${registry} in docker's config.json (no docker CLI on this runner; the merge needs none).`);
        }
    }
    const merged = await mergePlatformDigests({
        images: plan.images,
        tags: metadata.tags,
        annotations: metadata.annotations,
        platforms: config.build.platforms,
        context,
        logins: plan.login.logins,
        verify: config.verify,
        forkPullRequest: (0,github_context/* isForkPullRequest */.B7)(context),
        store,
        log: runner/* log */.Rm.info
    });
    // The shape of buildx's metadata file, so steps reading `metadata` work after a merge too.
    const buildxMetadata = {
        'containerimage.descriptor': {
            mediaType: merged.index.mediaType,
            digest: merged.digest,
            size: Buffer.byteLength(merged.index.body)
        },
        'containerimage.digest': merged.digest,
        'image.name': metadata.tags.join(',')
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
        await registryCall(job, image, 'Pushing the image index', client => client.putManifest((0,registries/* repositoryOf */._M)(image), index.digest, index.body, OCI_INDEX));
    }
    for (const image of job.images) {
        const tags = job.tags.filter(tag => tag.startsWith(`${image}:`)).map(tag => tag.slice(image.length + 1));
        await registryCall(job, image, 'Tagging the image index', async (client) => {
            for (const tag of tags)
                await client.putManifest((0,registries/* repositoryOf */._M)(image), tag, index.body, OCI_INDEX);
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
    const repository = (0,registries/* repositoryOf */._M)(image);
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
        const found = await client.manifestDigest((0,registries/* repositoryOf */._M)(image), handoff.digest);
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
    const registry = (0,registries/* registryOf */.Fv)(image);
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

;// CONCATENATED MODULE: ./src/distribute/platform-job.ts
/**
 * A platform job of a matrix: build and push this job's one platform by digest (publish.ts, with the
 * push-by-digest output the plan chose), then hand the digest to the merge job of this run as a run artifact.
 */





async function runPlatformJob(step, store) {
    // Tags belong to the merge job's index: nothing is pushed or verified by tag here.
    const outcome = await publish({ ...step, tags: [] });
    if (!outcome.pushed)
        return outcome;
    if (!/^sha256:[a-f0-9]{64}$/.test(outcome.digest)) {
        throw new errors/* ActionableError */.fU(`The push by digest reported ${outcome.digest ? `the digest "${outcome.digest}"` : 'no digest'}, so there is ` +
            'nothing to hand to the merge job. Check the build log of the push.');
    }
    const { plan, context } = step;
    const artifact = handoffArtifact(plan.images, plan.platforms[0], outcome.digest, context);
    try {
        await store.put(artifact.name, artifact.content);
        runner/* log */.Rm.info(`Handed off ${plan.platforms[0]} → ${outcome.digest} to the merge job (artifact ${artifact.name}).`);
    }
    catch (error) {
        // The name holds images, platform, attempt and digest: an artifact of that name is this very handoff.
        if (!(error instanceof ArtifactExistsError))
            throw error;
        runner/* log */.Rm.info(`This run already holds the handoff of ${plan.platforms[0]} → ${outcome.digest} (${artifact.name}).`);
    }
    return { ...outcome, handoff: artifact.name };
}

// EXTERNAL MODULE: ./src/buildx-option-checks.ts
var buildx_option_checks = __webpack_require__(6231);
// EXTERNAL MODULE: ./src/input-lists.ts
var input_lists = __webpack_require__(739);
;// CONCATENATED MODULE: ./src/inputs.ts
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
        platforms: readPlatforms(read('platforms')),
        buildArgs: checkedList('build-args', buildx_option_checks/* checkBuildArgItem */.M7),
        buildContexts: checkedList('build-contexts', buildx_option_checks/* checkBuildContextItem */.$6),
        push: readChoice(read, 'push', ['auto', 'true', 'false'], 'auto'),
        load: readBoolean(read, 'load', false),
        outputs: list('outputs', { ...lineItems, quote: false }),
        cacheFrom: checkedList('cache-from', item => (0,buildx_option_checks/* checkCacheItem */.It)('cache-from', item)),
        cacheTo: checkedList('cache-to', item => (0,buildx_option_checks/* checkCacheItem */.It)('cache-to', item)),
        noCache: readBoolean(read, 'no-cache', false),
        noCacheFilters: list('no-cache-filters', commaOrLineItems),
        ghaCache: readChoice(read, 'gha-cache', ['auto', 'false'], 'auto') === 'auto',
        pull: readBoolean(read, 'pull', false),
        secrets: readKeyValueItems(read, 'secrets', 'id=value'),
        secretEnvs: readKeyValueItems(read, 'secret-envs', 'id=VARIABLE'),
        secretFiles: readKeyValueItems(read, 'secret-files', 'id=path'),
        ssh: list('ssh'),
        network: read('network'),
        addHosts: checkedList('add-hosts', buildx_option_checks/* checkAddHostItem */.Py, commaOrLineItems),
        allow: list('allow', commaOrLineItems),
        shmSize: checked(read('shm-size'), buildx_option_checks/* checkShmSize */.sM),
        ulimit: checkedList('ulimit', buildx_option_checks/* checkUlimitItem */.EU),
        cgroupParent: read('cgroup-parent'),
        provenance: checked(read('provenance'), value => (0,buildx_option_checks/* checkAttestationInput */.dq)('provenance', value)),
        sbom: checked(read('sbom'), value => (0,buildx_option_checks/* checkAttestationInput */.dq)('sbom', value)),
        attests: checkedList('attests', buildx_option_checks/* checkAttestsItem */.wH),
        builder: read('builder'),
        builderOptions: {
            driverOpts: list('driver-opts'),
            buildkitdFlags: read('buildkitd-flags'),
            buildkitdConfig: read('buildkitd-config')
        },
        qemuImage: read('qemu-image') || 'docker.io/tonistiigi/binfmt:latest'
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
        login: { username: read('username'), password: read('password'), logout: readBoolean(read, 'logout', true) },
        build,
        verify: readBoolean(read, 'verify', true),
        distribute,
        dryRun: readBoolean(read, 'dry-run', false)
    };
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
    if ((0,buildx_option_checks/* isGoTrue */.NL)(value))
        return true;
    if ((0,buildx_option_checks/* isGoFalse */.MS)(value))
        return false;
    throw new errors/* InputError */.dz(name, value, 'not a boolean', `Set the environment variable ${name} to true or false.`);
}
const PLATFORM_PATTERN = /^[a-z0-9_-]+(\/[a-z0-9_.-]+){1,2}$/;
/** Platforms as buildx takes them (os/arch[/variant]), comma or newline separated, duplicates dropped. */
function readPlatforms(raw) {
    const platforms = [];
    for (const item of readListItems(() => raw, 'platforms', commaOrLineItems)) {
        const platform = item.value.toLowerCase();
        if (!PLATFORM_PATTERN.test(platform)) {
            throw new errors/* InputError */.dz('platforms', item.value, 'not a platform', 'Write os/arch or os/arch/variant, such as linux/amd64, linux/arm64 or linux/arm/v7.', item.line);
        }
        if (!platforms.includes(platform))
            platforms.push(platform);
    }
    return platforms;
}
/** List items of one input; a quote left open is an error that names the input and line. */
function readListItems(read, name, options, raw = read(name)) {
    try {
        return (0,input_lists/* parseListItems */.SQ)(raw, options);
    }
    catch (error) {
        if (!(error instanceof input_lists/* ListSyntaxError */.Ij))
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

;// CONCATENATED MODULE: ./src/local-inputs.ts
/**
 * What the inputs name on the runner's disk (the build context, its Dockerfile, secret files) and the logins an
 * earlier step stored, checked before any docker process: a missing file or credential fails the step here, naming
 * the input, instead of after a builder boot with buildx's words for it.
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
    if (!(0,build_command/* isRemoteContext */.uN)(build.context)) {
        const problem = pathProblem((0,external_node_path_.resolve)(workingDirectory, build.context), 'directory');
        if (problem) {
            throw new errors/* InputError */.dz('context', build.context, `the build context ${problem}`, 'Check out the repository first (actions/checkout), or give the directory to build relative to the workspace.');
        }
        const file = build.file || `${build.context.replace(/\/+$/, '')}/Dockerfile`;
        const fileProblem = file === '-' ? undefined : pathProblem((0,external_node_path_.resolve)(workingDirectory, file), 'file');
        if (fileProblem) {
            throw new errors/* InputError */.dz('file', file, `the Dockerfile ${fileProblem}${build.file ? '' : ' (the default: Dockerfile in the context)'}`, 'Give the Dockerfile\'s path relative to the workspace in "file", e.g. file: docker/app.Dockerfile.');
        }
    }
    for (const item of build.secretFiles)
        checkSecretFile(item, workingDirectory);
}
function checkSecretFile(item, workingDirectory) {
    const path = item.value.slice(item.value.indexOf('=') + 1).trim();
    const problem = pathProblem((0,external_node_path_.resolve)(workingDirectory, path), 'file');
    if (problem) {
        throw new errors/* InputError */.dz('secret-files', item.value, `the secret file ${problem}`, 'Write id=path with the path of a file an earlier step wrote, relative to the workspace.', item.line);
    }
}
/** Whether docker's config.json holds a login for the registry, or names a credential helper that may. */
function hasStoredLogin(registry, env) {
    let configText;
    try {
        configText = (0,external_node_fs_.readFileSync)((0,docker_credentials/* dockerConfigFile */.dO)(env), 'utf8');
    }
    catch {
        return false;
    }
    return ((0,docker_credentials/* credentialsFromDockerConfig */.N3)(configText, registry) !== undefined ||
        (0,docker_credentials/* credentialHelperFor */.jQ)(configText, registry) !== undefined);
}

// EXTERNAL MODULE: ./src/plan-text.ts
var plan_text = __webpack_require__(3170);
// EXTERNAL MODULE: ./src/plan.ts + 1 modules
var src_plan = __webpack_require__(2655);
;// CONCATENATED MODULE: ./src/github-api.ts
const TIMEOUT_MS = 10_000;
async function getJson(url, token) {
    const response = await fetch(url, {
        headers: {
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            'User-Agent': 'ghcr-publish',
            ...(token ? { Authorization: `Bearer ${token}` } : {})
        },
        signal: AbortSignal.timeout(TIMEOUT_MS)
    });
    if (!response.ok) {
        const hint = response.status === 401 || response.status === 403 || response.status === 404
            ? ' (the github-token cannot read this repository: grant "contents: read")'
            : '';
        throw new Error(`GET ${url} answered ${response.status} ${response.statusText}${hint}`);
    }
    return response.json();
}
async function fetchRepository(target) {
    const url = `${target.apiUrl}/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}`;
    return (await getJson(url, target.token));
}
async function fetchCommitDate(target, sha) {
    const url = `${target.apiUrl}/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/commits/${encodeURIComponent(sha)}`;
    const commit = (await getJson(url, target.token));
    const date = new Date(commit.commit?.committer?.date ?? '');
    if (Number.isNaN(date.getTime()))
        throw new Error(`GET ${url} returned no committer date`);
    return date;
}

;// CONCATENATED MODULE: ./src/repository-facts.ts
/**
 * Repository information and commit date for metadata: from the event payload when it carries them
 * (no API call, no token needed), else from the REST API, else a documented fallback.
 */


async function resolveRepository(context, token, warn) {
    const fromPayload = (0,src_metadata/* repositoryFromPayload */.L$)(context);
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
    const fromPayload = (0,src_metadata/* commitDateFromPayload */.km)(context, sha);
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

;// CONCATENATED MODULE: ./src/summary.ts
/** The job summary in Markdown. Pure. */


function renderSummary(plan, metadata, result) {
    const title = result.dryRun ? 'ghcr-publish (dry run)' : 'ghcr-publish';
    const rows = [
        ['Image', code(plan.image || '(none)')],
        ['Tags', metadata.tagNames.length > 0 ? metadata.tagNames.map(code).join(' ') : '(none)'],
        ['Digest', result.digest ? code(result.digest) : '(none)'],
        ['Platforms', plan.platforms.length > 0 ? code(plan.platforms.join(',')) : 'builder default'],
        ['Pushed', pushedCell(plan, result)],
        ['Cache', (0,src_plan/* describeCache */.e7)(plan)],
        ['Builder', escapeCell(result.builder ?? plan.builder)]
    ];
    if (plan.distribute === 'platform')
        rows.push(['Matrix', 'platform job: pushed by digest for the merge job, no tags']);
    if (plan.distribute === 'merge')
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
    return lines.join('\n') + '\n';
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

;// CONCATENATED MODULE: ./src/main.ts
/** The main step: inputs → context → metadata → plan → execute → outputs and summary. */



















async function main(env = process.env) {
    const config = readConfig(runner/* readInput */.R5);
    (0,runner/* mask */.dK)(config.githubToken);
    (0,runner/* mask */.dK)(config.login.password);
    config.build.secrets.forEach(secret => (0,runner/* mask */.dK)(secret.value.slice(secret.value.indexOf('=') + 1)));
    checkLocalFiles(config.build, process.cwd());
    const context = (0,github_context/* githubContextFrom */.hW)(env, readEventPayload(env));
    const settings = (0,src_metadata/* metadataSettingsFrom */.nV)(env);
    const exportMetadataEnvironment = readEnvironmentBoolean(env, 'DOCKER_METADATA_SET_OUTPUT_ENV', true);
    const now = (0,src_metadata/* metadataNow */.oV)(env, new Date());
    const repo = await resolveRepository(context, config.githubToken, runner/* log */.Rm.warning);
    const commitDate = await resolveCommitDate(context, (0,src_metadata/* effectiveSha */.i8)(context, settings), config.githubToken, now);
    const metadata = (0,src_metadata/* computeMetadata */.FT)({ inputs: config.metadata, context, repo, settings, now, commitDate });
    metadata.warnings.forEach(warning => runner/* log */.Rm.warning(warning));
    const cleanup = new cleanup_state/* CleanupRecorder */.X(config.login.logout);
    const workDir = makeWorkDir(env);
    cleanup.workDir(workDir);
    const plan = (0,src_plan/* planPublish */.N_)(config, context, metadata, repo, { env, workDir });
    if (plan.push.warning)
        runner/* log */.Rm.warning(plan.push.warning);
    if (plan.push.push)
        refusePushWithoutCredentials(plan, env, config.dryRun);
    let result;
    if (config.dryRun) {
        runner/* log */.Rm.info((0,plan_text/* renderPlan */.E)(plan, metadata));
        result = { dryRun: true, pushed: false, digest: '', imageid: '', metadata: '' };
    }
    else {
        result = { dryRun: false, ...(await execute({ config, plan, context, cleanup, tags: metadata.tags }, metadata, env)) };
    }
    const outputs = (0,src_metadata/* metadataOutputs */._V)(metadata, config.metadata);
    (0,runner/* setOutputs */.n0)({
        ...outputs,
        image: plan.image,
        digest: result.digest,
        imageid: result.imageid,
        metadata: result.metadata,
        pushed: String(result.pushed)
    });
    if (exportMetadataEnvironment) {
        (0,runner/* exportVariables */.qY)((0,src_metadata/* metadataOutputEnvironment */.Ue)(outputs));
    }
    await (0,runner/* writeSummary */.Sy)(renderSummary(plan, metadata, result));
}
/** A plain publish, or one side of a matrix: a platform job (push by digest, hand off) or the merge job. */
function execute(step, metadata, env) {
    if (!step.plan.push.push)
        runner/* log */.Rm.info(`Not ${step.config.distribute === 'merge' ? 'merging' : 'pushing'}: ${step.plan.push.reason}.`);
    // The artifact store is checked before any build: a runner without the service fails now, not after a build.
    if (step.config.distribute === 'merge')
        return runMergeJob(step, metadata, artifactStoreFrom(env));
    if (step.config.distribute === 'platform')
        return runPlatformJob(step, artifactStoreFrom(env));
    return publish(step);
}
/** Without any credential the push would fail after the whole build, with the registry's "unauthorized". */
function refusePushWithoutCredentials(plan, env, dryRun) {
    const missing = (0,registries/* registriesWithoutCredentials */.es)(plan.login, registry => hasStoredLogin(registry, env));
    if (missing.length === 0)
        return;
    const ghcr = missing.some(registries/* isGitHubContainerRegistry */.I2);
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

//# sourceMappingURL=463.index.js.map