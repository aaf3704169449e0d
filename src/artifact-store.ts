/**
 * A small client for the GitHub Actions artifact service (v4: the "results" service behind @actions/artifact 2+),
 * so the platform jobs of a matrix can hand their pushed digests to the merge job of the same workflow run.
 *
 * @actions/artifact itself is not used: it bundles the Azure SDK and zip libraries, far too much for a step whose
 * start time is benchmarked. The protocol is small: twirp JSON calls authorized by the job's runtime token
 * (CreateArtifact → PUT to the signed blob URL → FinalizeArtifact; ListArtifacts; GetSignedArtifactURL → GET),
 * each retried on hiccups through retry.ts. Contents are uploaded as they are, not zipped, the way
 * upload-artifact's `archive: false` does (protocol version 7 with a mime_type), so a download gives the bytes back.
 *
 * The runtime token and the signed URLs (their `sig` is a SAS secret) never appear in an error or retry message.
 */
import {createHash} from 'node:crypto';
import {ActionableError, truncateForMessage} from './errors.js';
import {
  HttpError,
  type RetryPolicy,
  type Sleep,
  isNetworkError,
  isTransientHttpError,
  parseRetryAfter,
  realSleep,
  retry
} from './retry.js';

export const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';
/** The version @actions/artifact sends since CreateArtifact carries a mime_type (uploads that are not zips). */
export const PROTOCOL_VERSION = 7;
/** The handoff is read by a later job of the same run: a day is plenty, and the shortest retention there is. */
export const HANDOFF_RETENTION_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_RETRY = {attempts: 5, baseDelayMs: 1_000, maxDelayMs: 20_000} as const;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface StoredArtifact {
  name: string;
  /** The artifact's database id, as the REST API and the run's web page know it. */
  id: number;
  size: number;
  createdAt: Date | undefined;
  /** `sha256:<hex>` of the content as finalized, when the service reports it. */
  digest: string | undefined;
  /** The uploading job's backend ids: GetSignedArtifactURL wants these, not the reader's. */
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
}

export interface PutResult {
  id: number;
  size: number;
  digest: string;
}

export interface HandoffStore {
  /** Uploads `content` (UTF-8) under `name`; ArtifactExistsError when the run already has an artifact so named. */
  put(name: string, content: string): Promise<PutResult>;
  /** The run's artifacts whose names start with `prefix`, the newest of each name, sorted by name. */
  list(prefix: string): Promise<StoredArtifact[]>;
  /** The content of an artifact (as listed, or by name); ArtifactNotFoundError when there is none. */
  get(artifact: StoredArtifact | string): Promise<string>;
}

export interface ArtifactStoreOptions {
  fetch?: FetchLike;
  sleep?: Sleep;
  /** Per-request bound (connection, headers and body). */
  timeoutMs?: number;
  retry?: Partial<Pick<RetryPolicy, 'attempts' | 'baseDelayMs' | 'maxDelayMs' | 'onRetry' | 'random'>>;
  /** For the expiry date; injectable so tests can check it. */
  now?: () => number;
}

export interface BackendIds {
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
}

/** Another job of this run (or an earlier attempt of this one) already created an artifact with this name. */
export class ArtifactExistsError extends ActionableError {
  constructor(
    readonly artifactName: string,
    /** An earlier CreateArtifact of this very call got no answer: the artifact may be its own. */
    readonly possiblyOwn: boolean
  ) {
    super(
      `The workflow run already has an artifact named "${artifactName}" (CreateArtifact: 409 already exists)` +
        (possiblyOwn
          ? '. An earlier attempt of this upload got no answer, so the service may have created it for this job ' +
            'and the upload cannot be resumed: re-run the job.'
          : '. Artifact names are unique within a run: another job of the run (or an earlier run attempt) ' +
            'already handed this one off.')
    );
    this.name = 'ArtifactExistsError';
  }
}

export class ArtifactNotFoundError extends ActionableError {
  constructor(
    readonly artifactName: string,
    message: string
  ) {
    super(message);
    this.name = 'ArtifactNotFoundError';
  }
}

/** A failed twirp call: the status plus twirp's error code (`already_exists`, `unavailable`...) and message. */
class TwirpError extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly twirpCode: string | undefined,
    readonly twirpMessage: string | undefined,
    retryAfter?: string
  ) {
    super(status, message, retryAfter, twirpCode?.toUpperCase());
    this.name = 'TwirpError';
  }
}

/**
 * A request that got no answer. Stands in for fetch's own error, whose cause may quote the request URL (and so a
 * signed URL's secret); keeps what retry() classifies on: the socket error code, or TimeoutError.
 */
class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly transient: boolean
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/**
 * Characters the service refuses in artifact names (NTFS limits, as @actions/artifact validates them before
 * asking); checked here so the error names the character instead of a bare 400.
 */
const INVALID_NAME_CHARACTERS: ReadonlyMap<string, string> = new Map([
  ['"', 'double quote "'],
  [':', 'colon :'],
  ['<', 'less than <'],
  ['>', 'greater than >'],
  ['|', 'vertical bar |'],
  ['*', 'asterisk *'],
  ['?', 'question mark ?'],
  ['\r', 'carriage return \\r'],
  ['\n', 'line feed \\n'],
  ['\\', 'backslash \\'],
  ['/', 'forward slash /']
]);

export function validateArtifactName(name: string): void {
  if (name.trim() === '') throw new ActionableError('An artifact name cannot be empty.');
  for (const [character, label] of INVALID_NAME_CHARACTERS) {
    if (name.includes(character)) {
      throw new ActionableError(
        `The artifact name ${JSON.stringify(truncateForMessage(name))} contains a ${label}, which the artifact ` +
          'service refuses (names must be valid file names on every runner OS).'
      );
    }
  }
}

/** `.json` names are served back as JSON; anything else as text. Never application/zip: that means "unzip me". */
export function mimeTypeFor(name: string): string {
  return name.toLowerCase().endsWith('.json') ? 'application/json' : 'text/plain';
}

const INVALID_TOKEN =
  'ACTIONS_RUNTIME_TOKEN is not a runtime token with an Actions.Results scope, so the artifact service cannot be ' +
  'used. The runner sets it for JavaScript actions: do not override it in `env:`.';

/**
 * The run and job backend ids, from the runtime token's `scp` claim (`Actions.Results:<run>:<job>` among
 * space-separated scopes), as @actions/artifact reads them. The token is a JWT; its signature is the service's
 * business. Errors never quote the token.
 */
export function backendIdsFromToken(token: string): BackendIds {
  const payload = token.split('.')[1];
  if (!payload) throw new ActionableError(INVALID_TOKEN);
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new ActionableError(INVALID_TOKEN);
  }
  const scp = (claims as {scp?: unknown} | null)?.scp;
  if (typeof scp !== 'string') throw new ActionableError(INVALID_TOKEN);
  for (const scope of scp.split(/\s+/)) {
    const parts = scope.split(':');
    if (parts.length !== 3 || parts[0] !== 'Actions.Results' || !parts[1] || !parts[2]) continue;
    return {workflowRunBackendId: parts[1], workflowJobRunBackendId: parts[2]};
  }
  throw new ActionableError(INVALID_TOKEN);
}

/** @actions/artifact's rule: anything but github.com, *.ghe.com (and *.localhost, for GitHub's own tests) is GHES. */
export function isGhes(serverUrl: string | undefined): boolean {
  let host: string;
  try {
    host = new URL(serverUrl || 'https://github.com').hostname.toUpperCase();
  } catch {
    return false;
  }
  return host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
}

function missingServiceMessage(missing: readonly string[], env: NodeJS.ProcessEnv): string {
  const what = `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`;
  if (isGhes(env.GITHUB_SERVER_URL)) {
    return (
      `The GitHub Actions artifact service is not available to this step (${what}). ${env.GITHUB_SERVER_URL} ` +
      'looks like GitHub Enterprise Server, which does not offer the v4 artifact service that the matrix handoff ' +
      'needs: build all platforms in one job there instead of distributing them.'
    );
  }
  return (
    `The GitHub Actions artifact service is not available to this step (${what}). The runner gives ` +
    'ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL to JavaScript actions only (a `uses:` step), not to `run:` ' +
    'steps or the programs they start: run ghcr-publish with `uses: ghcr-publish/ghcr-publish@v0`. GitHub ' +
    'Enterprise Server without the v4 artifact service is not supported for distributed builds.'
  );
}

/** The artifact store of the job whose environment this is (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL). */
export function artifactStoreFrom(env: NodeJS.ProcessEnv, options: ArtifactStoreOptions = {}): HandoffStore {
  const token = env.ACTIONS_RUNTIME_TOKEN?.trim() ?? '';
  const resultsUrl = env.ACTIONS_RESULTS_URL?.trim() ?? '';
  const missing = [...(token ? [] : ['ACTIONS_RUNTIME_TOKEN']), ...(resultsUrl ? [] : ['ACTIONS_RESULTS_URL'])];
  if (missing.length) throw new ActionableError(missingServiceMessage(missing, env));
  let origin: string;
  try {
    const url = new URL(resultsUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    origin = url.origin;
  } catch {
    throw new ActionableError(
      `ACTIONS_RESULTS_URL=${JSON.stringify(truncateForMessage(resultsUrl))} is not an http(s) URL. The runner sets ` +
        'it for JavaScript actions: do not override it in `env:`.'
    );
  }
  return new ArtifactStore(origin, token, backendIdsFromToken(token), options);
}

/** The newest artifact of each name (a re-run can list an earlier attempt's too): by creation time, then id. */
export function latestByName(artifacts: readonly StoredArtifact[]): StoredArtifact[] {
  const latest = new Map<string, StoredArtifact>();
  for (const artifact of artifacts) {
    const seen = latest.get(artifact.name);
    if (!seen || isNewer(artifact, seen)) latest.set(artifact.name, artifact);
  }
  return [...latest.values()];
}

function isNewer(a: StoredArtifact, b: StoredArtifact): boolean {
  const at = a.createdAt?.getTime() ?? -Infinity;
  const bt = b.createdAt?.getTime() ?? -Infinity;
  return at !== bt ? at > bt : a.id > b.id;
}

/** What list(prefix) returns from a ListArtifacts answer. */
export function selectArtifacts(artifacts: readonly StoredArtifact[], prefix: string): StoredArtifact[] {
  return latestByName(artifacts.filter(artifact => artifact.name.startsWith(prefix))).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
}

/** The URL without its query: a signed URL's query is the secret. */
export function scrubUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(an unparseable URL)';
  }
}

function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * Whether a digest the service reports matches `sha256:<hex>`; a format this module does not know (another
 * algorithm, say) is not held against the content, since the service, not the content, would be at fault.
 */
export function digestMatches(reported: string | undefined, expected: string): boolean {
  const hex = reported
    ?.trim()
    .toLowerCase()
    .replace(/^sha256:/, '');
  return hex === undefined || !/^[a-f0-9]{64}$/.test(hex) || `sha256:${hex}` === expected;
}

/** A field by its proto name or its JSON name: protobuf's JSON mapping accepts both. */
function field(object: Record<string, unknown>, protoName: string): unknown {
  if (protoName in object) return object[protoName];
  return object[protoName.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];
}

/** int64 travels as a JSON string (or a number from lenient encoders). */
function int64(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}

function timestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** One MonolithArtifact of a ListArtifacts answer; undefined when it lacks what a download needs. */
export function parseListedArtifact(entry: unknown): StoredArtifact | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const object = entry as Record<string, unknown>;
  const name = field(object, 'name');
  const run = field(object, 'workflow_run_backend_id');
  const job = field(object, 'workflow_job_run_backend_id');
  const id = int64(field(object, 'database_id'));
  if (typeof name !== 'string' || typeof run !== 'string' || typeof job !== 'string' || id === undefined) {
    return undefined;
  }
  const digest = field(object, 'digest');
  return {
    name,
    id,
    size: int64(field(object, 'size')) ?? 0,
    createdAt: timestamp(field(object, 'created_at')),
    digest: typeof digest === 'string' && digest !== '' ? digest : undefined,
    workflowRunBackendId: run,
    workflowJobRunBackendId: job
  };
}

/** Azure's error code from its XML body (`<Code>AuthenticationFailed</Code>`); the rest may echo the request. */
function azureErrorCode(body: string): string | undefined {
  return /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1];
}

function describeTransportFailure(error: unknown, timeoutMs: number): {text: string; code: string | undefined} {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if ((current as {name?: unknown}).name === 'TimeoutError') {
      return {text: `no answer within ${timeoutMs} ms`, code: 'ETIMEDOUT'};
    }
    const code = (current as {code?: unknown}).code;
    if (typeof code === 'string') return {text: `network error ${code}`, code};
    current = (current as {cause?: unknown}).cause;
  }
  return {text: 'network error', code: undefined};
}

interface CallTrace {
  attempts: number;
  /** Attempts that failed in a way worth retrying: the service may have done the work without answering. */
  transientFailures: number;
}

/** Rejection of call(): the last error and how the attempts went, before it is turned into advice. */
class CallFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly trace: CallTrace
  ) {
    super('call failed');
  }
}

class ArtifactStore implements HandoffStore {
  private readonly fetch: FetchLike;
  private readonly sleep: Sleep;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly policy: RetryPolicy;

  constructor(
    private readonly origin: string,
    private readonly token: string,
    private readonly ids: BackendIds,
    options: ArtifactStoreOptions
  ) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = options.sleep ?? realSleep;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    const onRetry = options.retry?.onRetry;
    this.policy = {
      ...DEFAULT_RETRY,
      ...options.retry,
      isTransient: isTransient,
      retryAfterMs: error => (error instanceof HttpError ? parseRetryAfter(error.retryAfter) : undefined),
      // Our errors carry no secret, but a caller's log line should not depend on that: redact anyway.
      onRetry: onRetry && ((error, attempt, delayMs) => onRetry(this.redactError(error), attempt, delayMs))
    };
  }

  async put(name: string, content: string): Promise<PutResult> {
    validateArtifactName(name);
    const bytes = Buffer.from(content, 'utf8');
    const digest = sha256(bytes);
    const ids = {workflow_run_backend_id: this.ids.workflowRunBackendId, ...this.jobId()};

    const created = await this.twirpOrExplain('CreateArtifact', name, {
      ...ids,
      name,
      expires_at: new Date(this.now() + HANDOFF_RETENTION_MS).toISOString(),
      version: PROTOCOL_VERSION,
      mime_type: mimeTypeFor(name)
    });
    const uploadUrl = field(created, 'signed_upload_url');
    if (field(created, 'ok') !== true || typeof uploadUrl !== 'string' || !isHttpUrl(uploadUrl)) {
      throw this.actionable(
        `The artifact service did not accept the artifact "${name}" (CreateArtifact: no upload URL).`
      );
    }

    await this.blob('PUT', uploadUrl, name, {bytes, contentType: mimeTypeFor(name)});

    let finalized: Record<string, unknown>;
    try {
      finalized = await this.twirp('FinalizeArtifact', {...ids, name, size: String(bytes.length), hash: digest});
    } catch (failure) {
      // A lost answer to a FinalizeArtifact the service carried out makes the retry fail; the listing tells.
      const listed =
        failure instanceof CallFailure &&
        failure.trace.transientFailures > 0 &&
        (await this.find(name).catch(() => undefined));
      if (
        listed &&
        listed.workflowJobRunBackendId === this.ids.workflowJobRunBackendId &&
        listed.size === bytes.length &&
        digestMatches(listed.digest, digest)
      ) {
        return {id: listed.id, size: bytes.length, digest};
      }
      throw this.explain('FinalizeArtifact', name, failure);
    }
    const id = int64(field(finalized, 'artifact_id'));
    if (field(finalized, 'ok') !== true || id === undefined) {
      throw this.actionable(`The artifact service did not finalize the artifact "${name}" (FinalizeArtifact: not ok).`);
    }
    return {id, size: bytes.length, digest};
  }

  async list(prefix: string): Promise<StoredArtifact[]> {
    return selectArtifacts(await this.listAll(`the artifacts named "${prefix}…"`), prefix);
  }

  async get(artifact: StoredArtifact | string): Promise<string> {
    const target = typeof artifact === 'string' ? await this.find(artifact) : artifact;
    if (!target) {
      throw new ArtifactNotFoundError(
        artifact as string,
        `The workflow run has no artifact named "${artifact as string}": the job that should have uploaded it ` +
          'did not (yet), or it ran in another workflow run.'
      );
    }
    const signed = await this.twirpOrExplain('GetSignedArtifactURL', target.name, {
      workflow_run_backend_id: target.workflowRunBackendId,
      workflow_job_run_backend_id: target.workflowJobRunBackendId,
      name: target.name
    });
    const url = field(signed, 'signed_url');
    if (typeof url !== 'string' || !isHttpUrl(url)) {
      throw this.actionable(`The artifact service gave no download URL for "${target.name}" (GetSignedArtifactURL).`);
    }
    const bytes = await this.blob('GET', url, target.name);
    if (target.size > 0 && bytes.length !== target.size) {
      throw this.actionable(
        `The artifact "${target.name}" downloaded as ${bytes.length} bytes but was finalized with ${target.size}.`
      );
    }
    if (!digestMatches(target.digest, sha256(bytes))) {
      throw this.actionable(`The artifact "${target.name}" downloaded with another digest than it was finalized with.`);
    }
    try {
      return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
    } catch {
      throw this.actionable(`The artifact "${target.name}" is not UTF-8 text: it was not uploaded by ghcr-publish.`);
    }
  }

  private jobId(): {workflow_job_run_backend_id: string} {
    return {workflow_job_run_backend_id: this.ids.workflowJobRunBackendId};
  }

  private async listAll(subject: string, nameFilter?: string): Promise<StoredArtifact[]> {
    const answer = await this.twirpOrExplain(
      'ListArtifacts',
      '',
      {
        workflow_run_backend_id: this.ids.workflowRunBackendId,
        ...this.jobId(),
        ...(nameFilter === undefined ? {} : {name_filter: nameFilter})
      },
      subject
    );
    const entries = field(answer, 'artifacts');
    if (entries !== undefined && !Array.isArray(entries)) {
      throw this.actionable('The artifact service answered ListArtifacts without a list of artifacts.');
    }
    return (entries ?? []).map(parseListedArtifact).filter((entry): entry is StoredArtifact => entry !== undefined);
  }

  /** The newest artifact of the run with exactly this name. */
  private async find(name: string): Promise<StoredArtifact | undefined> {
    const named = (await this.listAll(`the artifact "${name}"`, name)).filter(artifact => artifact.name === name);
    return latestByName(named)[0];
  }

  private async twirpOrExplain(
    method: string,
    name: string,
    body: object,
    subject = `the artifact "${name}"`
  ): Promise<Record<string, unknown>> {
    try {
      return await this.twirp(method, body);
    } catch (failure) {
      throw this.explain(method, name, failure, subject);
    }
  }

  /** One twirp call with retries; rejects with a CallFailure. */
  private async twirp(method: string, body: object): Promise<Record<string, unknown>> {
    return this.withRetries(() => this.twirpOnce(method, body));
  }

  private async withRetries<T>(operation: () => Promise<T>): Promise<T> {
    const trace: CallTrace = {attempts: 0, transientFailures: 0};
    try {
      return await retry(
        async () => {
          trace.attempts++;
          try {
            return await operation();
          } catch (error) {
            if (isTransient(error)) trace.transientFailures++;
            throw error;
          }
        },
        this.policy,
        this.sleep
      );
    } catch (error) {
      throw new CallFailure(error, trace);
    }
  }

  private async twirpOnce(method: string, body: object): Promise<Record<string, unknown>> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(`${this.origin}/twirp/${ARTIFACT_SERVICE}/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${this.token}`
        },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs)
      });
      text = await response.text();
    } catch (error) {
      throw this.transportError(method, error);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const object = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    if (response.ok) {
      // A proxy's HTML page with a 200 is a hiccup, not an answer.
      if (!object)
        throw new TwirpError(502, `${method}: ${response.status}: the answer is not JSON`, undefined, undefined);
      return object;
    }
    const code = typeof object?.code === 'string' ? object.code : undefined;
    const msg = typeof object?.msg === 'string' ? object.msg : undefined;
    const said = msg ?? (object ? '' : text.slice(0, 200).trim());
    const status = `${response.status} ${response.statusText || ''}`.trim();
    throw new TwirpError(
      response.status,
      `${method}: ${status}${code ? ` (${code})` : ''}${said ? `: ${said}` : ''}`,
      code,
      msg,
      response.headers.get('retry-after') ?? undefined
    );
  }

  /** A GET or PUT of a signed blob URL, retried; errors name the URL without its query. */
  private async blob(
    method: 'GET' | 'PUT',
    url: string,
    name: string,
    upload?: {bytes: Uint8Array; contentType: string}
  ): Promise<Buffer> {
    try {
      return await this.withRetries(() => this.blobOnce(method, url, upload));
    } catch (failure) {
      throw this.explain(method === 'PUT' ? 'upload' : 'download', name, failure);
    }
  }

  private async blobOnce(
    method: 'GET' | 'PUT',
    url: string,
    upload?: {bytes: Uint8Array; contentType: string}
  ): Promise<Buffer> {
    const where = `${method} ${scrubUrl(url)}`;
    let response: Response;
    let bytes: Buffer;
    try {
      response = await this.fetch(url, {
        method,
        // Put Blob in one request: x-ms-blob-type is the header Azure requires; the content type is served back.
        headers: upload ? {'x-ms-blob-type': 'BlockBlob', 'content-type': upload.contentType} : {},
        body: upload?.bytes,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs)
      });
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw this.transportError(where, error);
    }
    if (response.ok) return bytes;
    const azureCode = azureErrorCode(bytes.toString('utf8'));
    const status = `${response.status} ${response.statusText || ''}`.trim();
    throw new HttpError(
      response.status,
      `${where}: ${status}${azureCode ? `: ${azureCode}` : ''}`,
      response.headers.get('retry-after') ?? undefined
    );
  }

  private transportError(what: string, error: unknown): TransportError {
    const {text, code} = describeTransportFailure(error, this.timeoutMs);
    return new TransportError(`${what}: ${text}`, code, isNetworkError(error));
  }

  /** The advice for a failed call: what was done, what the service said, and what to do about it. */
  private explain(
    operation: string,
    name: string,
    failure: unknown,
    subject = `the artifact "${name}"`
  ): ActionableError {
    const error = failure instanceof CallFailure ? failure.error : failure;
    const trace = failure instanceof CallFailure ? failure.trace : {attempts: 1, transientFailures: 0};
    if (error instanceof ActionableError) return error;
    const status = error instanceof HttpError ? error.status : undefined;
    const twirpMessage = error instanceof TwirpError ? (error.twirpMessage ?? '') : '';
    if (operation === 'CreateArtifact' && status === 409) {
      return new ArtifactExistsError(name, trace.transientFailures > 0);
    }
    const blob = operation === 'upload' || operation === 'download';
    const what = blob
      ? `${operation === 'upload' ? 'Uploading' : 'Downloading'} the content of ${subject} failed`
      : `${operation} for ${subject} failed`;
    const said = error instanceof Error ? error.message : String(error);
    const tries = trace.attempts > 1 ? ` after ${trace.attempts} attempts` : '';
    let advice: string;
    if (/insufficient usage/i.test(twirpMessage)) {
      advice =
        'The artifact storage quota of the account is used up (usage is recalculated every 6 to 12 hours): ' +
        'delete old artifacts or raise the spending limit.';
    } else if (status === 401) {
      advice =
        "The artifact service refused the job's runtime token. It is valid for a limited time only, which a very " +
        'long job can outlive: re-run the job.';
    } else if (status === 403 && blob) {
      advice = 'Blob storage refused the signed URL (it is valid for minutes only): re-run the job.';
    } else if (operation === 'GetSignedArtifactURL' && status === 404) {
      return new ArtifactNotFoundError(
        name,
        `${what}: ${said}. The service lists the artifact but will not hand it out; artifacts from an earlier ` +
          'attempt of a re-run workflow can be listed yet not downloaded: re-run all jobs of the workflow.'
      );
    } else if (isTransient(error)) {
      advice = blob
        ? 'Blob storage did not answer: if this is a self-hosted runner, allow it to reach *.blob.core.windows.net.'
        : 'The artifact service is unavailable; if this is a self-hosted runner, allow it to reach ' +
          `${new URL(this.origin).host}. Re-run the job later.`;
    } else {
      advice = 'This is unexpected: re-run the job, and report it if it persists.';
    }
    return this.actionable(`${what}${tries}: ${said}. ${advice}`);
  }

  private actionable(message: string): ActionableError {
    return new ActionableError(this.redact(message));
  }

  /** Belt and braces: no message leaves this module with the token or a SAS signature in it. */
  private redact(text: string): string {
    return text
      .split(this.token)
      .join('***')
      .replace(/([?&]sig=)[^&\s"']*/gi, '$1***');
  }

  private redactError(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const redacted = this.redact(error.message);
    if (redacted === error.message) return error;
    return Object.assign(Object.create(Object.getPrototypeOf(error) as object) as Error, error, {message: redacted});
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const {protocol} = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** 5xx, 429, 408 and lost connections; never a quota refusal (429 resource_exhausted "insufficient usage"). */
function isTransient(error: unknown): boolean {
  if (error instanceof TransportError) return error.transient;
  if (error instanceof TwirpError && /insufficient usage/i.test(error.twirpMessage ?? '')) return false;
  return isTransientHttpError(error);
}
