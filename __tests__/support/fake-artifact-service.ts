/**
 * A fake GitHub Actions artifact service (v4, the "results" service of @actions/artifact 2+) on 127.0.0.1, random
 * port: the twirp JSON methods src/adapters/artifact-store.ts uses and the Azure blob PUT of the signed upload URLs they
 * hand out, so the client is tested over real HTTP. Downloads are not served: the handoff needs none.
 *
 *   const service = await startFakeArtifactService();
 *   const env = {ACTIONS_RESULTS_URL: service.url, ACTIONS_RUNTIME_TOKEN: service.runtimeToken({runId, jobId})};
 *   service.inject({target: 'CreateArtifact', times: 2, fault: {status: 503}});
 *   service.artifacts(runId);          // what the run holds, content included
 *   service.count('BlobPut');          // requests seen, faulted or not
 *   await service.close();             // in afterAll
 *
 * As the real service (protocol read from actions/toolkit packages/artifact: generated/results/api/v1/artifact.ts,
 * shared/artifact-twirp-client.ts, shared/util.ts, upload/upload-artifact.ts, find/list-artifacts.ts):
 * - POST /twirp/github.actions.results.api.v1.ArtifactService/<Method>, JSON bodies with the proto field names
 *   (workflow_run_backend_id...), int64 as strings, Timestamps as RFC 3339, wrappers (mime_type, hash, name_filter)
 *   as bare values; errors are twirp's `{"code", "msg"}` with the matching status (already_exists 409...).
 * - `Authorization: Bearer <runtime token>`, a JWT whose `scp` claim holds `Actions.Results:<run>:<job>`; the
 *   backend ids in a body must be the token's. Artifacts belong to a run: jobs of one run see each other's, other
 *   runs see nothing.
 * - Names are unique within a run, finalized or not: a second CreateArtifact answers 409 already_exists "an
 *   artifact with this name already exists on the workflow run" (the text upload-artifact users report).
 * - ListArtifacts lists the finalized, unexpired artifacts of the run (all jobs), with database_id, size,
 *   created_at and digest (the finalized hash).
 * - Signed upload URLs are `<url>blob/<run>/<job>/<name>?sv&sr&sp=cw&se&sig`: the HMAC `sig` covers permission,
 *   path and expiry and is checked; a PUT needs `x-ms-blob-type: BlockBlob` and a Content-Length (Azure's Put
 *   Blob), any other verb is refused as the SAS grants no read; blob errors are Azure's XML `<Error><Code>`.
 * Deliberately stricter than the real service: unknown or camelCase body fields are refused (400 malformed), so a
 * client typo fails here instead of being silently ignored. Invented where the real behaviour is unknown: a second
 * FinalizeArtifact answers 412 failed_precondition; a mismatched backend id answers 403 permission_denied.
 *
 * runtimeToken() builds an unsigned but JWT-shaped token (real ones are RS256-signed by GitHub); the fake accepts
 * only tokens it issued, and refuses them once their `exp` is past. rerun(previous, next) links two attempts of a
 * run: the next one lists the previous one's artifacts (with their own backend ids) and shares its names (the
 * real service then refuses to hand them out, actions/download-artifact#486: why the handoff is in the names).
 *
 * Faults (inject): {status, body?, headers?} answers instead of handling (a twirp or Azure error body by default);
 * {drop: true} destroys the socket without handling; {dropAfterHandling: true} handles the request, then destroys
 * the socket (the answer is lost, the state changed); {delayMs} waits that long before handling (for timeouts).
 * A rule applies to the next `times` requests of its target, then requests are handled normally.
 */
import {createHash, randomBytes} from 'node:crypto';
import type http from 'node:http';
import {json, requiredString, serveTwirp, TwirpFailure} from './fake-results-service.js';
import {azureXmlError, blobSas, runtimeTokens, startFakeServer} from './fake-results-service.js';
import type {FaultRuleOf, RecordedRequestOf, Reply, TwirpFieldType, TwirpService} from './fake-results-service.js';

export type {Fault} from './fake-results-service.js';

export const SERVICE_PATH = '/twirp/github.actions.results.api.v1.ArtifactService/';

export type TwirpMethod = 'CreateArtifact' | 'FinalizeArtifact' | 'ListArtifacts';
export type FaultTarget = TwirpMethod | 'BlobPut';

export type FaultRule = FaultRuleOf<FaultTarget>;

export interface FakeArtifact {
  id: number;
  runId: string;
  jobId: string;
  name: string;
  version: number;
  mimeType: string | undefined;
  expiresAt: Date | undefined;
  createdAt: Date;
  state: 'created' | 'uploaded' | 'finalized';
  /** The blob as uploaded, byte for byte. */
  content: Buffer | undefined;
  /** The Content-Type the blob was uploaded with. */
  contentType: string | undefined;
  size: number | undefined;
  /** FinalizeArtifact's hash (`sha256:<hex>`). */
  digest: string | undefined;
}

export type RecordedRequest = RecordedRequestOf<FaultTarget>;

export interface RuntimeTokenOptions {
  runId: string;
  jobId: string;
  /** Default one hour; negative for an expired token. */
  expiresInSeconds?: number;
}

export interface FakeArtifactService {
  /** ACTIONS_RESULTS_URL: http://127.0.0.1:<port>/ (with the trailing slash the runner's has). */
  url: string;
  runtimeToken(options: RuntimeTokenOptions): string;
  /** ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN for a job. */
  env(options: RuntimeTokenOptions): Record<string, string>;
  /** The run's artifacts in creation order, finalized or not (copies). */
  artifacts(runId: string): FakeArtifact[];
  /** `next` is a re-run attempt of `previous`: it lists its artifacts, and their names are taken for it. */
  rerun(previous: string, next: string): void;
  inject(rule: FaultRule): void;
  count(target?: FaultTarget): number;
  requests(): RecordedRequest[];
  /** Forget faults and the request log (not the artifacts). */
  reset(): void;
  close(): Promise<void>;
}

/** A body as the twirp methods decode it: strings, int32 numbers, int64 and Timestamps as strings. */
type Body = Record<string, string | number>;

/** Azure's XML error, with the request id it appends to the message. */
function azureError(status: number, code: string, message: string): Reply {
  return azureXmlError(status, code, `${message}\nRequestId:${randomBytes(8).toString('hex')}`);
}

/** @actions/artifact's forbidden characters: "will be rejected from the server if attempted to be sent over". */
const INVALID_NAME = /[":<>|*?\r\n\\/]/;

const FIELDS: Record<TwirpMethod, Record<string, TwirpFieldType>> = {
  CreateArtifact: {
    workflow_run_backend_id: 'string',
    workflow_job_run_backend_id: 'string',
    name: 'string',
    expires_at: 'timestamp',
    version: 'int32',
    mime_type: 'string'
  },
  FinalizeArtifact: {
    workflow_run_backend_id: 'string',
    workflow_job_run_backend_id: 'string',
    name: 'string',
    size: 'int64',
    hash: 'string'
  },
  ListArtifacts: {
    workflow_run_backend_id: 'string',
    workflow_job_run_backend_id: 'string',
    name_filter: 'string',
    id_filter: 'int64'
  }
};

export async function startFakeArtifactService(): Promise<FakeArtifactService> {
  const sas = blobSas();
  const tokens = runtimeTokens<{runId: string; jobId: string}>('fake-artifact-service');
  const runs = new Map<string, FakeArtifact[]>();
  /** next attempt → previous attempt. */
  const attempts = new Map<string, string>();
  let nextId = 4_100_000_001;
  let url = '';

  const runArtifacts = (runId: string): FakeArtifact[] => {
    let list = runs.get(runId);
    if (!list) runs.set(runId, (list = []));
    return list;
  };

  /** The run and the attempts it re-runs, newest first. */
  const attemptChain = (runId: string): string[] => {
    const chain = [runId];
    for (let previous = attempts.get(runId); previous; previous = attempts.get(previous)) chain.push(previous);
    return chain;
  };

  const signedUploadUrl = (artifact: FakeArtifact): string => {
    const path = `/blob/${encodeURIComponent(artifact.runId)}/${encodeURIComponent(artifact.jobId)}/${encodeURIComponent(artifact.name)}`;
    return `${url.replace(/\/$/, '')}${path}?${sas.query(path, 'cw', '2021-12-02')}`;
  };

  function checkIds(body: Body, token: {runId: string; jobId: string}) {
    const run = body.workflow_run_backend_id;
    const job = body.workflow_job_run_backend_id;
    if (!run || !job) throw new TwirpFailure('invalid_argument', 'workflow run and job backend ids are required');
    if (run !== token.runId || job !== token.jobId) {
      throw new TwirpFailure('permission_denied', 'the backend ids do not match the token');
    }
  }

  const liveFinalized = (artifact: FakeArtifact): boolean =>
    artifact.state === 'finalized' && (!artifact.expiresAt || artifact.expiresAt.getTime() > Date.now());

  function handleTwirp(method: TwirpMethod, body: Body, token: {runId: string; jobId: string}): Reply {
    switch (method) {
      case 'CreateArtifact': {
        checkIds(body, token);
        const name = requiredString(body, 'name');
        if (INVALID_NAME.test(name)) throw new TwirpFailure('invalid_argument', 'invalid artifact name');
        const version = body.version;
        if (version !== 4 && version !== 7) throw new TwirpFailure('invalid_argument', 'unsupported version');
        const expiresAt = body.expires_at === undefined ? undefined : new Date(body.expires_at);
        if (expiresAt && expiresAt.getTime() <= Date.now()) {
          throw new TwirpFailure('invalid_argument', 'expires_at must be in the future');
        }
        const taken = attemptChain(token.runId).some(runId => runArtifacts(runId).some(a => a.name === name));
        if (taken)
          throw new TwirpFailure('already_exists', 'an artifact with this name already exists on the workflow run');
        const artifact: FakeArtifact = {
          id: nextId++,
          runId: token.runId,
          jobId: token.jobId,
          name,
          version,
          mimeType: typeof body.mime_type === 'string' ? body.mime_type : undefined,
          expiresAt,
          createdAt: new Date(),
          state: 'created',
          content: undefined,
          contentType: undefined,
          size: undefined,
          digest: undefined
        };
        runArtifacts(token.runId).push(artifact);
        return json(200, {ok: true, signed_upload_url: signedUploadUrl(artifact)});
      }
      case 'FinalizeArtifact': {
        checkIds(body, token);
        const name = requiredString(body, 'name');
        const artifact = runArtifacts(token.runId).find(a => a.name === name && a.jobId === token.jobId);
        if (!artifact) throw new TwirpFailure('not_found', 'artifact not found');
        if (artifact.state === 'finalized') throw new TwirpFailure('failed_precondition', 'artifact already finalized');
        if (!artifact.content) throw new TwirpFailure('failed_precondition', 'artifact content has not been uploaded');
        if (Number(body.size ?? 0) !== artifact.content.length) {
          throw new TwirpFailure('invalid_argument', 'size does not match the uploaded content');
        }
        const digest = `sha256:${createHash('sha256').update(artifact.content).digest('hex')}`;
        if (body.hash !== undefined && body.hash !== digest) {
          throw new TwirpFailure('invalid_argument', 'hash does not match the uploaded content');
        }
        Object.assign(artifact, {
          state: 'finalized',
          size: artifact.content.length,
          digest: typeof body.hash === 'string' ? body.hash : undefined
        });
        return json(200, {ok: true, artifact_id: String(artifact.id)});
      }
      case 'ListArtifacts': {
        checkIds(body, token);
        const listed = attemptChain(token.runId)
          .flatMap(runId => runArtifacts(runId))
          .filter(liveFinalized)
          .filter(a => body.name_filter === undefined || a.name === body.name_filter)
          .filter(a => body.id_filter === undefined || String(a.id) === body.id_filter);
        // protojson leaves out empty lists, as the real service does for a run without artifacts.
        if (!listed.length) return json(200, {});
        return json(200, {
          artifacts: listed.map(a => ({
            workflow_run_backend_id: a.runId,
            workflow_job_run_backend_id: a.jobId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.size ?? 0),
            created_at: a.createdAt.toISOString(),
            ...(a.digest ? {digest: a.digest} : {})
          }))
        });
      }
    }
  }

  const twirpService: TwirpService<TwirpMethod, Body, {runId: string; jobId: string}> = {
    path: SERVICE_PATH,
    fields: FIELDS,
    authenticate: tokens.authenticate,
    handle: handleTwirp
  };

  function blob(request: http.IncomingMessage, target: URL, bytes: Buffer): Reply {
    const segments = target.pathname.split('/').slice(2).map(decodeURIComponent);
    const [runId, jobId, name] = segments;
    const permission = sas.check(target);
    if (segments.length !== 3 || permission === undefined) {
      return azureError(403, 'AuthenticationFailed', 'Server failed to authenticate the request.');
    }
    const artifact = runArtifacts(runId!).find(a => a.jobId === jobId && a.name === name);
    const mismatch = () =>
      azureError(
        403,
        'AuthorizationPermissionMismatch',
        'This request is not authorized to perform this operation using this permission.'
      );
    // The SAS grants create and write only: no read, no delete.
    if (request.method !== 'PUT' || !permission.includes('w')) return mismatch();
    const blobType = request.headers['x-ms-blob-type'];
    if (!blobType) {
      return azureError(
        400,
        'MissingRequiredHeader',
        'An HTTP header that is mandatory for this request is not specified.'
      );
    }
    if (blobType !== 'BlockBlob') {
      return azureError(
        400,
        'InvalidHeaderValue',
        'The value for one of the HTTP headers is not in the correct format.'
      );
    }
    if (request.headers['content-length'] === undefined) {
      return azureError(411, 'MissingContentLengthHeader', 'Content-Length HTTP header is missing.');
    }
    if (!artifact || artifact.state === 'finalized') return mismatch();
    Object.assign(artifact, {
      state: 'uploaded',
      content: bytes,
      contentType: request.headers['content-type'] ?? 'application/octet-stream'
    });
    return {
      status: 201,
      headers: {
        etag: `"0x${createHash('md5').update(bytes).digest('hex').slice(0, 15).toUpperCase()}"`,
        'content-md5': createHash('md5').update(bytes).digest('base64'),
        'x-ms-request-server-encrypted': 'true',
        'last-modified': new Date().toUTCString()
      },
      body: Buffer.alloc(0)
    };
  }

  function targetOf(request: http.IncomingMessage): Omit<RecordedRequest, 'status' | 'faulted'> {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path.startsWith(SERVICE_PATH)) {
      const method = path.slice(SERVICE_PATH.length);
      return {target: method in FIELDS ? (method as TwirpMethod) : 'other'};
    }
    if (path.startsWith('/blob/')) return {target: request.method === 'PUT' ? 'BlobPut' : 'other'};
    return {target: 'other'};
  }

  function handle(request: http.IncomingMessage, raw: Buffer): Reply {
    const target = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (target.pathname.startsWith(SERVICE_PATH)) {
      return serveTwirp(twirpService, target.pathname.slice(SERVICE_PATH.length), request, raw.toString('utf8'));
    }
    if (target.pathname.startsWith('/blob/')) return blob(request, target, raw);
    return {status: 404, headers: {'content-type': 'text/plain'}, body: Buffer.from('404 page not found\n')};
  }

  const server = await startFakeServer<FaultTarget, RecordedRequest>({
    name: 'fake artifact service',
    classify: targetOf,
    handle,
    blobFault: status => azureError(status, status >= 500 ? 'ServerBusy' : 'InjectedFault', 'Injected fault.')
  });
  url = server.url;

  const runtimeToken = (options: RuntimeTokenOptions): string =>
    tokens.issue(options, {runId: options.runId, jobId: options.jobId});

  return {
    url,
    runtimeToken,
    env: options => ({ACTIONS_RESULTS_URL: url, ACTIONS_RUNTIME_TOKEN: runtimeToken(options)}),
    artifacts: runId =>
      runArtifacts(runId).map(artifact => ({...artifact, content: artifact.content && Buffer.from(artifact.content)})),
    rerun: (previous, next) => {
      attempts.set(next, previous);
    },
    inject: server.inject,
    count: server.count,
    requests: server.requests,
    reset: server.reset,
    close: server.close
  };
}
