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
import {ActionableError, truncateForMessage} from '../core/errors.js';
import {sha256Digest} from '../core/digests.js';
import {type RetryPolicy, type Sleep, realSleep, retry} from '../core/retry.js';
import {
  describeTransportFailure,
  HTTP_RETRY,
  HTTP_TIMEOUT_MS,
  HttpError,
  isNetworkError,
  isTransientHttpError,
  parseRetryAfter,
  type FetchLike
} from './http-policy.js';

const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';
/** The version @actions/artifact sends since CreateArtifact carries a mime_type (uploads that are not zips). */
const PROTOCOL_VERSION = 7;
/** The handoff is read by a later job of the same run: a day is plenty, and the shortest retention there is. */
export const HANDOFF_RETENTION_MS = 24 * 60 * 60 * 1000;
const MIME_TYPE = 'application/json';

export interface StoredArtifact {
  name: string;
  /** The artifact's database id, as the REST API and the run's web page know it. */
  id: number;
  size: number;
}

export interface HandoffStore {
  /** Uploads `content` (UTF-8) under `name`; ArtifactExistsError when the run already has an artifact so named. */
  put(name: string, content: string): Promise<void>;
  /** The run's artifacts (earlier attempts' included) whose names start with `prefix`, sorted by name. */
  list(prefix: string): Promise<StoredArtifact[]>;
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

/** The run and job backend ids, named as the twirp bodies name them. */
export type BackendIds = {workflow_run_backend_id: string; workflow_job_run_backend_id: string};

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

/**
 * A request that got no answer. Stands in for fetch's own error, whose cause may quote the request URL (and so a
 * signed URL's secret); keeps the socket error code in its message and whether retry() should try again.
 */
class TransportError extends Error {
  constructor(
    message: string,
    readonly transient: boolean
  ) {
    super(message);
    this.name = 'TransportError';
  }
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
  let scp: unknown;
  try {
    scp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {scp?: unknown})?.scp;
  } catch {
    throw new ActionableError(INVALID_TOKEN);
  }
  for (const scope of typeof scp === 'string' ? scp.split(/\s+/) : []) {
    const [kind, run, job, ...rest] = scope.split(':');
    if (kind === 'Actions.Results' && run && job && !rest.length) {
      return {workflow_run_backend_id: run, workflow_job_run_backend_id: job};
    }
  }
  throw new ActionableError(INVALID_TOKEN);
}

/** The artifact store of the job whose environment this is (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL). */
export function artifactStoreFrom(env: NodeJS.ProcessEnv, options: ArtifactStoreOptions = {}): HandoffStore {
  const token = env.ACTIONS_RUNTIME_TOKEN?.trim() ?? '';
  const resultsUrl = env.ACTIONS_RESULTS_URL?.trim() ?? '';
  const missing = [...(token ? [] : ['ACTIONS_RUNTIME_TOKEN']), ...(resultsUrl ? [] : ['ACTIONS_RESULTS_URL'])];
  if (missing.length) {
    throw new ActionableError(
      `The GitHub Actions artifact service is not available to this step (${missing.join(' and ')} ` +
        `${missing.length > 1 ? 'are' : 'is'} not set). The runner gives ACTIONS_RUNTIME_TOKEN and ` +
        'ACTIONS_RESULTS_URL to JavaScript actions only (a `uses:` step), not to `run:` steps or the programs they ' +
        'start: run ghcr-publish with `uses: ghcr-publish/ghcr-publish@v0`. GitHub Enterprise Server does not ' +
        'offer the v4 artifact service that distributed builds need: build all platforms in one job there.'
    );
  }
  if (!isHttpUrl(resultsUrl)) {
    throw new ActionableError(
      `ACTIONS_RESULTS_URL=${JSON.stringify(truncateForMessage(resultsUrl))} is not an http(s) URL. The runner sets ` +
        'it for JavaScript actions: do not override it in `env:`.'
    );
  }
  return new ArtifactStore(new URL(resultsUrl).origin, token, backendIdsFromToken(token), options);
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

/** One MonolithArtifact of a ListArtifacts answer, with the uploading job's id; undefined when it is unusable. */
function parseListed(entry: unknown): (StoredArtifact & {jobId: unknown}) | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const object = entry as Record<string, unknown>;
  const name = field(object, 'name');
  const id = int64(field(object, 'database_id'));
  if (typeof name !== 'string' || id === undefined) return undefined;
  return {name, id, size: int64(field(object, 'size')) ?? 0, jobId: field(object, 'workflow_job_run_backend_id')};
}

/**
 * Rejection of withRetries(): the last error and how the attempts went, before it is turned into advice. Attempts
 * that failed in a way worth retrying may have done the work without the answer getting back.
 */
class CallFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly trace: {attempts: number; transientFailures: number}
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

  async put(name: string, content: string): Promise<void> {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`Bug: ${JSON.stringify(name)} is not an artifact name.`);
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
      throw this.actionable(
        `The artifact service did not accept the artifact "${name}" (CreateArtifact: no upload URL).`
      );
    }
    try {
      await this.withRetries(() => this.upload(uploadUrl, bytes));
    } catch (failure) {
      throw this.explain('upload', name, failure);
    }
    let finalized: Record<string, unknown>;
    try {
      const body = {...this.ids, name, size: String(bytes.length), hash: sha256Digest(bytes)};
      finalized = await this.withRetries(() => this.twirpOnce('FinalizeArtifact', body));
    } catch (failure) {
      // A lost answer to a FinalizeArtifact the service carried out makes the retry fail; the listing tells.
      if (failure instanceof CallFailure && failure.trace.transientFailures > 0) {
        const listed = await this.listAll('', name).catch(() => []);
        const ours = ({jobId, size}: {jobId: unknown; size: number}) =>
          jobId === this.ids.workflow_job_run_backend_id && size === bytes.length;
        if (listed.some(artifact => artifact.name === name && ours(artifact))) return;
      }
      throw this.explain('FinalizeArtifact', name, failure);
    }
    if (field(finalized, 'ok') !== true || int64(field(finalized, 'artifact_id')) === undefined) {
      throw this.actionable(`The artifact service did not finalize the artifact "${name}" (FinalizeArtifact: not ok).`);
    }
  }

  async list(prefix: string): Promise<StoredArtifact[]> {
    const listed = await this.listAll(`the artifacts named "${prefix}…"`);
    return listed
      .filter(artifact => artifact.name.startsWith(prefix))
      .map(({name, id, size}) => ({name, id, size}))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async listAll(subject: string, nameFilter?: string) {
    const filter = nameFilter === undefined ? {} : {name_filter: nameFilter};
    const answer = await this.call('ListArtifacts', nameFilter ?? '', {...this.ids, ...filter}, subject);
    const entries = field(answer, 'artifacts');
    if (entries !== undefined && !Array.isArray(entries)) {
      throw this.actionable('The artifact service answered ListArtifacts without a list of artifacts.');
    }
    return (entries ?? []).map(parseListed).filter(entry => entry !== undefined);
  }

  /** One twirp call with retries; failures explained. */
  private async call(method: string, name: string, body: object, subject?: string) {
    try {
      return await this.withRetries(() => this.twirpOnce(method, body));
    } catch (failure) {
      throw this.explain(method, name, failure, subject);
    }
  }

  /** retry() that rejects with a CallFailure. */
  private async withRetries<T>(operation: () => Promise<T>): Promise<T> {
    const trace = {attempts: 0, transientFailures: 0};
    const attempt = async () => {
      trace.attempts++;
      try {
        return await operation();
      } catch (error) {
        if (isTransient(error)) trace.transientFailures++;
        throw error;
      }
    };
    try {
      return await retry(attempt, this.policy, this.sleep);
    } catch (error) {
      throw new CallFailure(error, trace);
    }
  }

  private async twirpOnce(method: string, body: object): Promise<Record<string, unknown>> {
    const {response, text} = await this.send(method, `${this.origin}/twirp/${ARTIFACT_SERVICE}/${method}`, {
      method: 'POST',
      headers: {'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${this.token}`},
      body: JSON.stringify(body)
    });
    let object: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) object = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: a proxy's error page, say.
    }
    if (response.ok) {
      // A proxy's HTML page with a 200 is a hiccup, not an answer.
      if (!object) throw new HttpError(502, `${method}: ${response.status}: the answer is not JSON`);
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
  private async upload(url: string, bytes: Buffer): Promise<void> {
    const parsed = new URL(url);
    const where = `PUT ${parsed.origin}${parsed.pathname}`;
    const {response, text} = await this.send(where, url, {
      method: 'PUT',
      headers: {'x-ms-blob-type': 'BlockBlob', 'content-type': MIME_TYPE},
      body: bytes
    });
    if (response.ok) return;
    // Azure's error code from its XML body (`<Code>AuthenticationFailed</Code>`); the rest may echo the request.
    const azureCode = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
    const status = `${response.status} ${response.statusText || ''}`.trim();
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    throw new HttpError(response.status, `${where}: ${status}${azureCode ? `: ${azureCode}` : ''}`, retryAfter);
  }

  /** One request, bounded in time; no answer becomes a TransportError that names `what`, never the URL. */
  private async send(what: string, url: string, init: RequestInit): Promise<{response: Response; text: string}> {
    try {
      const response = await this.fetch(url, {...init, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs)});
      return {response, text: await response.text()};
    } catch (error) {
      throw new TransportError(`${what}: ${describeTransportFailure(error, this.timeoutMs)}`, isNetworkError(error));
    }
  }

  /** The advice for a failed call: what was done, what the service said, and what to do about it. */
  private explain(operation: string, name: string, failure: unknown, subject = `the artifact "${name}"`) {
    const {error, trace} =
      failure instanceof CallFailure ? failure : {error: failure, trace: {attempts: 1, transientFailures: 0}};
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
    } else if (status === 401) {
      advice =
        "The artifact service refused the job's runtime token. It is valid for a limited time only, which a very " +
        'long job can outlive: re-run the job.';
    } else if (status === 403 && upload) {
      advice = 'Blob storage refused the signed URL (it is valid for minutes only): re-run the job.';
    } else if (isTransient(error)) {
      advice = upload
        ? 'Blob storage did not answer: if this is a self-hosted runner, allow it to reach *.blob.core.windows.net.'
        : 'The artifact service is unavailable; if this is a self-hosted runner, allow it to reach ' +
          `${new URL(this.origin).host}. Re-run the job later.`;
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

/** 429 resource_exhausted "insufficient usage": the quota is used up, and waiting a few seconds will not help. */
function isQuotaRefusal(error: unknown): boolean {
  return error instanceof HttpError && /insufficient usage/i.test(error.message);
}

/** 5xx, 429, 408 and lost connections; never a quota refusal. */
function isTransient(error: unknown): boolean {
  if (error instanceof TransportError) return error.transient;
  return !isQuotaRefusal(error) && isTransientHttpError(error);
}
