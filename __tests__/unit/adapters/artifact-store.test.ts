import {ArtifactExistsError, artifactStoreFrom, backendIdsFromToken} from '../../../src/adapters/artifact-store.js';
import {ActionableError} from '../../../src/core/errors.js';
import {rejection, thrown} from '../../support/expectations.js';

const RUN = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a';
const JOB = 'ca395085-040a-526b-2ce8-bdc85f692774';
const RESULTS_URL = 'https://results-receiver.actions.githubusercontent.com/';

function jwt(claims: object, header: object = {typ: 'JWT', alg: 'RS256'}): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(claims)}.c2lnbmF0dXJl`;
}

const TOKEN = jwt({scp: `Actions.Results:${RUN}:${JOB}`});

/** A fetch that records calls and answers each with `answer` (or throws what it returns as an Error). */
function stubFetch(answer: (url: string, init?: RequestInit) => Response | Error) {
  const calls: {url: string; body: unknown}[] = [];
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    calls.push({url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body});
    const result = answer(url, init);
    if (result instanceof Error) throw result;
    return result;
  };
  return {calls, fetch};
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), {status, headers: {'content-type': 'application/json'}});

const noNetwork = () => stubFetch(() => new Error('no network in unit tests'));

function storeWith(fetch: ReturnType<typeof stubFetch>['fetch']) {
  return artifactStoreFrom(
    {ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_RESULTS_URL: RESULTS_URL},
    {fetch, sleep: async () => undefined, retry: {attempts: 3}}
  );
}

describe('backendIdsFromToken', () => {
  test('reads the run and job backend ids from the Actions.Results scope, named as twirp bodies name them', () => {
    const token = jwt({scp: `Actions.ExampleScope Actions.Results:${RUN}:${JOB}`});
    expect(backendIdsFromToken(token)).toEqual({workflow_run_backend_id: RUN, workflow_job_run_backend_id: JOB});
  });

  test('skips scopes with two or four parts and other three-part scopes', () => {
    const token = jwt({
      scp: `Actions.GenericRead:00000000 Actions.UploadArtifacts:a:b Actions.Results:x:y:z Actions.Results:${RUN}:${JOB}`
    });
    expect(backendIdsFromToken(token).workflow_job_run_backend_id).toBe(JOB);
  });

  test('decodes base64url payloads whatever their padding and URL-safe characters', () => {
    // Claims long enough and odd enough that the encoding uses '-', '_' and needs no/one/two '=' of padding.
    for (const filler of ['', '?', '??', '>>>~~~']) {
      const token = jwt({scp: `Actions.Results:${RUN}:${JOB}`, filler});
      expect(backendIdsFromToken(token).workflow_run_backend_id).toBe(RUN);
    }
  });

  test.each([
    ['no dots', 'not-a-jwt'],
    ['an empty payload', 'header..signature'],
    ['a payload that is not JSON', `e30.${Buffer.from('nope').toString('base64url')}.sig`],
    ['a payload that is JSON null', `e30.${Buffer.from('null').toString('base64url')}.sig`],
    ['no scp claim', jwt({sub: 'x'})],
    ['a scp that is not a string', jwt({scp: ['Actions.Results', RUN, JOB]})],
    ['no Actions.Results scope', jwt({scp: 'Actions.ExampleScope Actions.GenericRead:0'})],
    ['empty ids', jwt({scp: 'Actions.Results::'})]
  ])('refuses a token with %s, without quoting it', (_label, token) => {
    const error = thrown(() => backendIdsFromToken(token));
    expect(error).toBeInstanceOf(ActionableError);
    expect(error.message).toMatch(/ACTIONS_RUNTIME_TOKEN/);
    expect(error.message).not.toContain(token);
  });
});

describe('artifactStoreFrom', () => {
  test.each([
    [{ACTIONS_RESULTS_URL: RESULTS_URL}, /ACTIONS_RUNTIME_TOKEN is not set/],
    [{ACTIONS_RUNTIME_TOKEN: TOKEN}, /ACTIONS_RESULTS_URL is not set/],
    [{}, /ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set/],
    [{ACTIONS_RUNTIME_TOKEN: '  ', ACTIONS_RESULTS_URL: ''}, /are not set/],
    [{GITHUB_SERVER_URL: 'https://github.example.com'}, /are not set/]
  ])('explains that the runner only gives the service to JavaScript actions, and not on GHES', (env, missing) => {
    const error = thrown(() => artifactStoreFrom(env));
    expect(error).toBeInstanceOf(ActionableError);
    expect(error.message).toMatch(missing);
    expect(error.message).toMatch(/JavaScript actions only/);
    expect(error.message).toMatch(/`run:`/);
    expect(error.message).toMatch(/GitHub Enterprise Server .*build all platforms in one job/);
    expect(error.message).not.toContain(TOKEN);
  });

  test('refuses a results URL that is not http(s)', () => {
    const error = thrown(() => artifactStoreFrom({ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_RESULTS_URL: 'ftp://x/'}));
    expect(error.message).toMatch(/ACTIONS_RESULTS_URL="ftp:\/\/x\/" is not an http\(s\) URL/);
  });

  test('refuses a token without the scope before any request', () => {
    const {calls, fetch} = noNetwork();
    const env = {ACTIONS_RUNTIME_TOKEN: jwt({scp: 'Actions.Other'}), ACTIONS_RESULTS_URL: RESULTS_URL};
    expect(() => artifactStoreFrom(env, {fetch})).toThrow(/Actions\.Results scope/);
    expect(calls).toEqual([]);
  });

  test('builds a store from a complete environment without calling the service', () => {
    const {calls, fetch} = noNetwork();
    const store = storeWith(fetch);
    expect([typeof store.put, typeof store.list]).toEqual(['function', 'function']);
    expect(calls).toEqual([]);
  });
});

describe('list', () => {
  test('keeps names with the prefix, sorted by name, as {name, id, size}', async () => {
    const entry = (name: string, id: string) => ({
      workflow_run_backend_id: RUN,
      workflow_job_run_backend_id: JOB,
      database_id: id,
      name,
      size: '12',
      created_at: '2026-11-23T12:00:00.123Z',
      digest: `sha256:${'ab'.repeat(32)}`
    });
    const {calls, fetch} = stubFetch(() =>
      json({artifacts: [entry('p-b', '2'), entry('other', '3'), entry('p-a', '1'), entry('P-c', '4')]})
    );
    const listed = await storeWith(fetch).list('p-');
    expect(listed).toEqual([
      {name: 'p-a', id: 1, size: 12},
      {name: 'p-b', id: 2, size: 12}
    ]);
    expect(calls).toEqual([
      {
        url: `${RESULTS_URL}twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts`,
        body: {workflow_run_backend_id: RUN, workflow_job_run_backend_id: JOB}
      }
    ]);
  });

  test('reads the JSON (lowerCamelCase) names too, as protobuf JSON parsers do, and tolerates a missing size', async () => {
    const {fetch} = stubFetch(() =>
      json({
        artifacts: [
          {databaseId: 7, name: 'p-a', size: 5},
          {databaseId: '8', name: 'p-b'}
        ]
      })
    );
    expect(await storeWith(fetch).list('')).toEqual([
      {name: 'p-a', id: 7, size: 5},
      {name: 'p-b', id: 8, size: 0}
    ]);
  });

  test('drops entries it cannot use', async () => {
    const {fetch} = stubFetch(() =>
      json({
        artifacts: [
          {database_id: '1'},
          {name: 'no-id'},
          {name: 'not-an-integer', database_id: '12a'},
          {name: 'beyond-safe-integers', database_id: '99999999999999999999'},
          'p-a',
          null,
          {name: 'kept', database_id: '5'}
        ]
      })
    );
    expect(await storeWith(fetch).list('')).toEqual([{name: 'kept', id: 5, size: 0}]);
  });

  test('a run without artifacts (protojson leaves the empty list out) lists nothing', async () => {
    const {fetch} = stubFetch(() => json({}));
    expect(await storeWith(fetch).list('p-')).toEqual([]);
  });

  test('an answer without a list is explained', async () => {
    const {fetch} = stubFetch(() => json({artifacts: 'nope'}));
    const error = await rejection(storeWith(fetch).list('p-'));
    expect(error).toBeInstanceOf(ActionableError);
    expect(error.message).toMatch(/ListArtifacts without a list of artifacts/);
  });
});

describe('put', () => {
  test.each(['', 'a/b', 'a b', 'linux:amd64', 'a\nb', 'é'])('refuses the name %j before any request', async name => {
    const {calls, fetch} = noNetwork();
    await expect(storeWith(fetch).put(name, '{}')).rejects.toThrow(/is not an artifact name/);
    expect(calls).toEqual([]);
  });

  test('a network failure names neither the signed URL’s secret nor the token, and is retried', async () => {
    const upload = 'https://acct.blob.core.windows.net/actions-results/r/j/p-a?sv=2021-12-02&sp=cw&sig=SECRET%3D';
    const {calls, fetch} = stubFetch(url => {
      if (url.endsWith('/CreateArtifact')) return json({ok: true, signed_upload_url: upload});
      const cause = Object.assign(new Error(`connect ECONNREFUSED ${upload} ${TOKEN}`), {code: 'ECONNREFUSED'});
      return new TypeError('fetch failed', {cause});
    });
    const retries: string[] = [];
    const store = artifactStoreFrom(
      {ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_RESULTS_URL: RESULTS_URL},
      {fetch, sleep: async () => undefined, retry: {attempts: 3, onRetry: error => retries.push(String(error))}}
    );
    const error = await rejection(store.put('p-a', '{}'));
    expect(error).toBeInstanceOf(ActionableError);
    expect(error.message).toMatch(
      /^Uploading the content of the artifact "p-a" failed after 3 attempts: PUT https:\/\/acct\.blob\.core\.windows\.net\/actions-results\/r\/j\/p-a: network error ECONNREFUSED\./
    );
    expect(calls.map(call => call.url.split('?')[0]!.split('/').pop())).toEqual([
      'CreateArtifact',
      'p-a',
      'p-a',
      'p-a'
    ]);
    expect(retries).toHaveLength(2);
    for (const text of [error.message, error.stack ?? '', ...retries]) {
      expect(text).not.toContain('SECRET');
      expect(text).not.toContain(TOKEN);
    }
  });

  test('sends the content as it is, typed as JSON', async () => {
    const uploadHeaders: unknown[] = [];
    const {calls, fetch} = stubFetch((url, init) => {
      if (url.endsWith('/CreateArtifact')) return json({ok: true, signed_upload_url: 'https://blob.example/x?sig=s'});
      if (url.endsWith('/FinalizeArtifact')) return json({ok: true, artifact_id: '42'});
      uploadHeaders.push(init?.headers);
      return new Response(null, {status: 201});
    });
    await expect(storeWith(fetch).put('p-a', '{"a":"é"}')).resolves.toBeUndefined();
    expect(calls[0]!.body).toMatchObject({name: 'p-a', version: 7, mime_type: 'application/json'});
    expect(Buffer.from(calls[1]!.body as Uint8Array).toString('utf8')).toBe('{"a":"é"}');
    expect(uploadHeaders).toEqual([{'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/json'}]);
    expect(calls[2]!.body).toMatchObject({
      size: String(Buffer.byteLength('{"a":"é"}')),
      hash: expect.stringMatching(/^sha256:[a-f0-9]{64}$/)
    });
  });
});

test('ArtifactExistsError is actionable and says whether the artifact may be this job’s own', () => {
  const other = new ArtifactExistsError('p-a', false);
  const own = new ArtifactExistsError('p-a', true);
  expect(other).toBeInstanceOf(ActionableError);
  expect(other.artifactName).toBe('p-a');
  expect(other.possiblyOwn).toBe(false);
  expect(own.possiblyOwn).toBe(true);
  expect(other.message).toMatch(/another job of the run/);
  expect(own.message).toMatch(/may have created it for this job/);
});
