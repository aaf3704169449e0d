/**
 * The artifact store against the fake artifact service over real HTTP: the handoff between jobs of one run (put,
 * then list: the handoff is in the names), isolation between runs, name conflicts, hiccups survived in bounded
 * time, refusals explained, and no runtime token or SAS signature in any message.
 */
import {createHash, randomUUID} from 'node:crypto';
import {
  ArtifactExistsError,
  type ArtifactStoreOptions,
  HANDOFF_RETENTION_MS,
  type HandoffStore,
  artifactStoreFrom
} from '../../src/adapters/artifact-store.js';
import {ActionableError} from '../../src/core/errors.js';
import {type FakeArtifactService, SERVICE_PATH, startFakeArtifactService} from '../support/fake-artifact-service.js';
import {rejection} from '../support/expectations.js';

/** Small delays so retries cost milliseconds; each test still bounds its total time. */
const FAST_RETRY = {attempts: 4, baseDelayMs: 10, maxDelayMs: 100};
const PREFIX = 'ghcr-publish-digest-';

let service: FakeArtifactService;

beforeAll(async () => {
  service = await startFakeArtifactService();
});

afterEach(() => service.reset());

afterAll(async () => {
  await service.close();
});

interface Job {
  runId: string;
  jobId: string;
  token: string;
  store: HandoffStore;
  /** What the store passed to onRetry, as text. */
  retries: string[];
}

function job(runId: string, options: ArtifactStoreOptions & {expiresInSeconds?: number} = {}): Job {
  const jobId = randomUUID();
  const env = service.env({runId, jobId, expiresInSeconds: options.expiresInSeconds});
  const retries: string[] = [];
  const store = artifactStoreFrom(env, {
    timeoutMs: 2_000,
    ...options,
    retry: {...FAST_RETRY, onRetry: error => retries.push(String(error)), ...options.retry}
  });
  return {runId, jobId, token: env.ACTIONS_RUNTIME_TOKEN!, store, retries};
}

function digestRecord(platform: string): string {
  const digest = `sha256:${createHash('sha256').update(platform).digest('hex')}`;
  return JSON.stringify({version: 1, platform, digest});
}

async function timed<T>(action: () => Promise<T>): Promise<{value: T; ms: number}> {
  const start = performance.now();
  const value = await action();
  return {value, ms: performance.now() - start};
}

describe('handoff between the jobs of a run', () => {
  test('two platform jobs put, the merge job lists both', async () => {
    const runId = randomUUID();
    const amd64 = job(runId);
    const arm64 = job(runId);
    const merge = job(runId);

    await expect(amd64.store.put(`${PREFIX}k-linux-amd64-a1`, digestRecord('linux/amd64'))).resolves.toBeUndefined();
    await arm64.store.put(`${PREFIX}k-linux-arm64-a1`, digestRecord('linux/arm64'));

    const stored = service.artifacts(runId);
    expect(stored.map(artifact => artifact.jobId)).toEqual([amd64.jobId, arm64.jobId]);
    expect(await merge.store.list(PREFIX)).toEqual(
      stored.map(artifact => ({name: artifact.name, id: artifact.id, size: Buffer.byteLength(artifact.content!)}))
    );
    expect((await merge.store.list(PREFIX)).map(artifact => artifact.name)).toEqual([
      `${PREFIX}k-linux-amd64-a1`,
      `${PREFIX}k-linux-arm64-a1`
    ]);
    // A platform job sees its siblings' handoffs too; another prefix sees nothing.
    expect(await amd64.store.list(`${PREFIX}k-linux-arm64`)).toHaveLength(1);
    expect(await merge.store.list('other-prefix-')).toEqual([]);
  });

  test('the content is stored as it is: not zipped, typed as JSON, protocol 7, expiring after a day', async () => {
    const runId = randomUUID();
    const now = Date.now();
    const uploader = job(runId, {now: () => now});
    const content = '{"digest":"sha256:00","note":"é ✓ 🚀"}\n';
    await uploader.store.put(`${PREFIX}k-linux-amd64-a1`, content);

    const [stored] = service.artifacts(runId);
    expect(stored).toMatchObject({
      name: `${PREFIX}k-linux-amd64-a1`,
      version: 7,
      mimeType: 'application/json',
      contentType: 'application/json',
      state: 'finalized',
      size: Buffer.byteLength(content),
      digest: `sha256:${createHash('sha256').update(content).digest('hex')}`
    });
    expect(stored!.content!.toString('utf8')).toBe(content);
    expect(stored!.expiresAt!.getTime()).toBe(now + HANDOFF_RETENTION_MS);
  });

  test('an empty content is stored and listed', async () => {
    const runId = randomUUID();
    await job(runId).store.put(`${PREFIX}empty`, '');
    expect(await job(runId).store.list(PREFIX)).toEqual([{name: `${PREFIX}empty`, id: expect.any(Number), size: 0}]);
  });
});

describe('isolation between runs', () => {
  test('another run sees nothing and may reuse the name', async () => {
    const first = randomUUID();
    const second = randomUUID();
    const name = `${PREFIX}k-linux-amd64-a1`;
    await job(first).store.put(name, digestRecord('linux/amd64'));

    const stranger = job(second);
    expect(await stranger.store.list(PREFIX)).toEqual([]);
    await stranger.store.put(name, digestRecord('linux/arm64'));

    const [inFirst] = await job(first).store.list(PREFIX);
    const [inSecond] = await job(second).store.list(PREFIX);
    expect(inFirst!.id).toBe(service.artifacts(first)[0]!.id);
    expect(inSecond!.id).toBe(service.artifacts(second)[0]!.id);
    expect(inFirst!.id).not.toBe(inSecond!.id);
  });

  test('a re-run attempt lists the earlier attempt’s artifacts (their own backend ids) and shares the names', async () => {
    const attempt1 = randomUUID();
    const attempt2 = randomUUID();
    service.rerun(attempt1, attempt2);
    await job(attempt1).store.put(`${PREFIX}k-linux-amd64-a1`, digestRecord('linux/amd64'));
    await job(attempt2).store.put(`${PREFIX}k-linux-arm64-a2`, digestRecord('linux/arm64'));

    const listed = await job(attempt2).store.list(PREFIX);
    expect(listed.map(artifact => artifact.id)).toEqual([
      service.artifacts(attempt1)[0]!.id,
      service.artifacts(attempt2)[0]!.id
    ]);
    // The earlier attempt does not see the later one's.
    expect((await job(attempt1).store.list(PREFIX)).map(artifact => artifact.name)).toEqual([
      `${PREFIX}k-linux-amd64-a1`
    ]);

    const again = await rejection(job(attempt2).store.put(`${PREFIX}k-linux-amd64-a1`, '{}'));
    expect(again).toBeInstanceOf(ArtifactExistsError);
  });
});

describe('name conflicts', () => {
  test('a name another job of the run used is an ArtifactExistsError, not retried', async () => {
    const runId = randomUUID();
    const name = `${PREFIX}k-linux-amd64-a1`;
    await job(runId).store.put(name, digestRecord('linux/amd64'));
    const error = await rejection(job(runId).store.put(name, digestRecord('linux/amd64')));
    expect(error).toBeInstanceOf(ArtifactExistsError);
    expect(error).toBeInstanceOf(ActionableError);
    expect((error as ArtifactExistsError).artifactName).toBe(name);
    expect((error as ArtifactExistsError).possiblyOwn).toBe(false);
    expect(error.message).toMatch(/already has an artifact named "ghcr-publish-digest-k-linux-amd64-a1"/);
    expect(service.count('CreateArtifact')).toBe(2);
    expect(service.count('BlobPut')).toBe(1);
  });

  test('an artifact created but never finalized still holds its name', async () => {
    const runId = randomUUID();
    service.inject({target: 'BlobPut', times: 10, fault: {status: 403}});
    const first = await rejection(job(runId).store.put('held', '{}'));
    expect(first.message).toMatch(/^Uploading the content of the artifact "held" failed: PUT .*: 403 Forbidden/);
    expect(first.message).toMatch(/Blob storage refused the signed URL/);
    service.reset();
    expect(await rejection(job(runId).store.put('held', '{}'))).toBeInstanceOf(ArtifactExistsError);
    expect(await job(runId).store.list('')).toEqual([]);
  });

  test('a lost answer to CreateArtifact makes the retry collide: flagged as possibly this job’s own', async () => {
    const runId = randomUUID();
    service.inject({target: 'CreateArtifact', times: 1, fault: {dropAfterHandling: true}});
    const error = await rejection(job(runId).store.put('lost-create', '{}'));
    expect(error).toBeInstanceOf(ArtifactExistsError);
    expect((error as ArtifactExistsError).possiblyOwn).toBe(true);
    expect(error.message).toMatch(/got no answer/);
  });

  test('a lost answer to FinalizeArtifact is recognised from the listing', async () => {
    const runId = randomUUID();
    service.inject({target: 'FinalizeArtifact', times: 1, fault: {dropAfterHandling: true}});
    await expect(job(runId).store.put('lost-finalize', '{"a":1}')).resolves.toBeUndefined();
    expect(service.count('FinalizeArtifact')).toBe(2);
    expect(await job(runId).store.list('lost-finalize')).toEqual([
      {name: 'lost-finalize', id: service.artifacts(runId)[0]!.id, size: 7}
    ]);
  });
});

describe('hiccups', () => {
  test('transient failures at every step are survived in bounded time', async () => {
    const runId = randomUUID();
    const uploader = job(runId);
    const merge = job(runId);
    service.inject({target: 'CreateArtifact', times: 2, fault: {status: 503}});
    service.inject({target: 'BlobPut', times: 1, fault: {drop: true}});
    service.inject({target: 'FinalizeArtifact', times: 1, fault: {status: 500}});
    service.inject({target: 'ListArtifacts', times: 1, fault: {status: 429, headers: {'retry-after': '0'}}});

    const {value: listed, ms} = await timed(async () => {
      await uploader.store.put(`${PREFIX}k-linux-amd64-a1`, digestRecord('linux/amd64'));
      return merge.store.list(PREFIX);
    });
    expect(listed.map(artifact => artifact.name)).toEqual([`${PREFIX}k-linux-amd64-a1`]);
    expect(service.artifacts(runId)[0]!.content!.toString('utf8')).toBe(digestRecord('linux/amd64'));
    expect(ms).toBeLessThan(5_000);
    expect({
      CreateArtifact: service.count('CreateArtifact'),
      BlobPut: service.count('BlobPut'),
      FinalizeArtifact: service.count('FinalizeArtifact'),
      ListArtifacts: service.count('ListArtifacts')
    }).toEqual({CreateArtifact: 3, BlobPut: 2, FinalizeArtifact: 2, ListArtifacts: 2});
    expect(uploader.retries).toHaveLength(4);
    expect(uploader.retries[0]).toMatch(/CreateArtifact: 503 Service Unavailable \(unavailable\)/);
    expect(merge.retries).toHaveLength(1);
  });

  test('a request that gets no answer in time is retried', async () => {
    const runId = randomUUID();
    await job(runId).store.put('slow', '{}');
    service.inject({target: 'ListArtifacts', times: 1, fault: {delayMs: 3_000}});
    const reader = job(runId, {timeoutMs: 300});
    const {value, ms} = await timed(() => reader.store.list(''));
    expect(value.map(artifact => artifact.name)).toEqual(['slow']);
    expect(ms).toBeLessThan(2_000);
    expect(reader.retries[0]).toMatch(/ListArtifacts: no answer within 300 ms/);
  });

  test('gives up after the bounded attempts, naming the operation and the status', async () => {
    const runId = randomUUID();
    service.inject({target: 'CreateArtifact', times: 10, fault: {status: 503}});
    const {value: error, ms} = await timed(() => rejection(job(runId).store.put('doomed', '{}')));
    expect(error).toBeInstanceOf(ActionableError);
    expect(error.message).toMatch(
      /^CreateArtifact for the artifact "doomed" failed after 4 attempts: CreateArtifact: 503 Service Unavailable \(unavailable\): injected fault\. The artifact service is unavailable/
    );
    expect(service.count('CreateArtifact')).toBe(4);
    expect(ms).toBeLessThan(2_000);
  });

  test('a blob store that keeps dropping the connection is explained', async () => {
    const runId = randomUUID();
    service.inject({target: 'BlobPut', times: 10, fault: {drop: true}});
    const error = await rejection(job(runId).store.put('dropped', '{}'));
    expect(error.message).toMatch(/^Uploading the content of the artifact "dropped" failed after 4 attempts: PUT /);
    expect(error.message).toMatch(/network error/);
    expect(error.message).toMatch(/blob\.core\.windows\.net/);
    expect(service.count('BlobPut')).toBe(4);
  });
});

describe('refusals', () => {
  test('a used-up storage quota is explained and not retried', async () => {
    const runId = randomUUID();
    const body = JSON.stringify({code: 'resource_exhausted', msg: 'insufficient usage to create artifact'});
    service.inject({target: 'CreateArtifact', times: 5, fault: {status: 429, body}});
    const error = await rejection(job(runId).store.put('quota', '{}'));
    expect(error.message).toMatch(/storage quota/);
    expect(service.count('CreateArtifact')).toBe(1);
  });

  test('an expired runtime token is explained and not retried', async () => {
    const expired = job(randomUUID(), {expiresInSeconds: -10});
    const error = await rejection(expired.store.list(PREFIX));
    expect(error).toBeInstanceOf(ActionableError);
    expect(error.message).toMatch(/ListArtifacts .*: 401 .*token expired.*refused the job's runtime token/);
    expect(service.count('ListArtifacts')).toBe(1);
  });

  test('a token the service never issued is refused', async () => {
    const runId = randomUUID();
    const issued = service.runtimeToken({runId, jobId: randomUUID()});
    const forged = `${issued.split('.').slice(0, 2).join('.')}.Zm9yZ2Vk`;
    const store = artifactStoreFrom(
      {ACTIONS_RESULTS_URL: service.url, ACTIONS_RUNTIME_TOKEN: forged},
      {retry: FAST_RETRY}
    );
    const error = await rejection(store.put('forged', '{}'));
    expect(error.message).toMatch(/401 .*invalid token/);
    expect(error.message).not.toContain(forged);
  });

  test('without the runner’s variables the store says why', () => {
    expect(() => artifactStoreFrom({ACTIONS_RESULTS_URL: service.url})).toThrow(
      /ACTIONS_RUNTIME_TOKEN is not set.*JavaScript actions only.*`run:`/
    );
    expect(service.count()).toBe(0);
  });
});

describe('secrets', () => {
  test('neither the runtime token nor a SAS signature appears in any error or retry message', async () => {
    const runId = randomUUID();
    const uploader = job(runId);
    await uploader.store.put('secret-check', '{}');
    const errors: Error[] = [];

    service.inject({target: 'BlobPut', times: 10, fault: {status: 403}});
    errors.push(await rejection(uploader.store.put('secret-put-403', '{}')));
    service.reset();
    service.inject({target: 'BlobPut', times: 10, fault: {status: 503}});
    errors.push(await rejection(uploader.store.put('secret-put-503', '{}')));
    service.reset();
    service.inject({target: 'BlobPut', times: 10, fault: {drop: true}});
    errors.push(await rejection(uploader.store.put('secret-put-drop', '{}')));
    service.reset();
    service.inject({target: 'ListArtifacts', times: 10, fault: {status: 500}});
    errors.push(await rejection(uploader.store.list('secret')));
    service.reset();
    const expired = job(runId, {expiresInSeconds: -1});
    errors.push(await rejection(expired.store.put('secret-expired', '{}')));
    errors.push(await rejection(uploader.store.put('secret-check', '{}')));

    const texts = [
      ...errors.flatMap(error => [error.message, String(error), error.stack ?? '']),
      ...uploader.retries,
      ...expired.retries
    ];
    expect(uploader.retries.length).toBeGreaterThan(0);
    const signature = /[?&]sig=(?!\*\*\*)/;
    for (const text of texts) {
      expect(text).not.toContain(uploader.token);
      expect(text).not.toContain(expired.token);
      expect(text).not.toMatch(signature);
    }
    expect(errors.every(error => error instanceof ActionableError)).toBe(true);
  });
});

describe('the fake service itself', () => {
  const call = (method: string, init: RequestInit) =>
    fetch(`${service.url.replace(/\/$/, '')}${SERVICE_PATH}${method}`, init);

  test('refuses a missing bearer token with a twirp error', async () => {
    const response = await call('ListArtifacts', {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: '{}'
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({code: 'unauthenticated', msg: expect.any(String)});
  });

  test('refuses camelCase field names and backend ids that are not the token’s', async () => {
    const runId = randomUUID();
    const jobId = randomUUID();
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${service.runtimeToken({runId, jobId})}`
    };
    const camel = await call('ListArtifacts', {
      method: 'POST',
      headers,
      body: JSON.stringify({workflowRunBackendId: runId, workflowJobRunBackendId: jobId})
    });
    expect(camel.status).toBe(400);
    expect(((await camel.json()) as {code: string}).code).toBe('malformed');
    const other = await call('ListArtifacts', {
      method: 'POST',
      headers,
      body: JSON.stringify({workflow_run_backend_id: randomUUID(), workflow_job_run_backend_id: jobId})
    });
    expect(other.status).toBe(403);
  });

  test('checks the signature of signed URLs and the blob type of a PUT', async () => {
    const runId = randomUUID();
    const jobId = randomUUID();
    const created = await call('CreateArtifact', {
      method: 'POST',
      headers: {'content-type': 'application/json', authorization: `Bearer ${service.runtimeToken({runId, jobId})}`},
      body: JSON.stringify({
        workflow_run_backend_id: runId,
        workflow_job_run_backend_id: jobId,
        name: 'raw',
        version: 7
      })
    });
    const {signed_upload_url: uploadUrl} = (await created.json()) as {signed_upload_url: string};
    const tampered = uploadUrl.replace(/sig=[^&]+/, 'sig=AAAA');
    const badSig = await fetch(tampered, {method: 'PUT', headers: {'x-ms-blob-type': 'BlockBlob'}, body: 'x'});
    expect(badSig.status).toBe(403);
    expect(await badSig.text()).toMatch(/<Code>AuthenticationFailed<\/Code>/);
    const noType = await fetch(uploadUrl, {method: 'PUT', body: 'x'});
    expect(noType.status).toBe(400);
    expect(await noType.text()).toMatch(/<Code>MissingRequiredHeader<\/Code>/);
    const ok = await fetch(uploadUrl, {method: 'PUT', headers: {'x-ms-blob-type': 'BlockBlob'}, body: 'x'});
    expect(ok.status).toBe(201);
    // The upload SAS grants no read: downloads are not served at all.
    const read = await fetch(uploadUrl, {method: 'GET'});
    expect(read.status).toBe(403);
    expect(await read.text()).toMatch(/<Code>AuthorizationPermissionMismatch<\/Code>/);
  });
});
