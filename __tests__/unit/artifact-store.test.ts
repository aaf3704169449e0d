import {
  ArtifactExistsError,
  type StoredArtifact,
  artifactStoreFrom,
  backendIdsFromToken,
  digestMatches,
  isGhes,
  latestByName,
  mimeTypeFor,
  parseListedArtifact,
  scrubUrl,
  selectArtifacts,
  validateArtifactName
} from '../../src/artifact-store.js';
import {ActionableError} from '../../src/errors.js';

const RUN = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a';
const JOB = 'ca395085-040a-526b-2ce8-bdc85f692774';

function jwt(claims: object, header: object = {typ: 'JWT', alg: 'RS256'}): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(claims)}.c2lnbmF0dXJl`;
}

/** A fetch that records calls and never answers: these tests must not reach the network. */
function recordingFetch() {
  const calls: string[] = [];
  const fetch = async (input: string): Promise<Response> => {
    calls.push(input);
    throw new Error('no network in unit tests');
  };
  return {calls, fetch};
}

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function artifact(name: string, id: number, createdAt?: string): StoredArtifact {
  return {
    name,
    id,
    size: 10,
    createdAt: createdAt === undefined ? undefined : new Date(createdAt),
    digest: undefined,
    workflowRunBackendId: RUN,
    workflowJobRunBackendId: JOB
  };
}

describe('backendIdsFromToken', () => {
  test('reads the run and job backend ids from the Actions.Results scope', () => {
    const token = jwt({scp: `Actions.ExampleScope Actions.Results:${RUN}:${JOB}`});
    expect(backendIdsFromToken(token)).toEqual({workflowRunBackendId: RUN, workflowJobRunBackendId: JOB});
  });

  test('skips scopes with two or four parts and other three-part scopes', () => {
    const token = jwt({
      scp: `Actions.GenericRead:00000000 Actions.UploadArtifacts:a:b Actions.Results:x:y:z Actions.Results:${RUN}:${JOB}`
    });
    expect(backendIdsFromToken(token).workflowJobRunBackendId).toBe(JOB);
  });

  test('decodes base64url payloads whatever their padding and URL-safe characters', () => {
    // Claims long enough and odd enough that the encoding uses '-', '_' and needs no/one/two '=' of padding.
    for (const filler of ['', '?', '??', '>>>~~~']) {
      const token = jwt({scp: `Actions.Results:${RUN}:${JOB}`, filler});
      expect(backendIdsFromToken(token).workflowRunBackendId).toBe(RUN);
    }
  });

  test.each([
    ['no dots', 'not-a-jwt'],
    ['an empty payload', 'header..signature'],
    ['a payload that is not JSON', `e30.${Buffer.from('nope').toString('base64url')}.sig`],
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
  const token = jwt({scp: `Actions.Results:${RUN}:${JOB}`});

  test.each([
    [{ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/'}, /ACTIONS_RUNTIME_TOKEN is not/],
    [{ACTIONS_RUNTIME_TOKEN: token}, /ACTIONS_RESULTS_URL is not/],
    [{}, /ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set/],
    [{ACTIONS_RUNTIME_TOKEN: '  ', ACTIONS_RESULTS_URL: ''}, /are not set/]
  ])('explains that the runner only gives the service to JavaScript actions', (env, missing) => {
    const error = thrown(() => artifactStoreFrom(env));
    expect(error).toBeInstanceOf(ActionableError);
    expect(error.message).toMatch(missing);
    expect(error.message).toMatch(/JavaScript actions/);
    expect(error.message).toMatch(/`run:`/);
    expect(error.message).toMatch(/Enterprise Server/);
    expect(error.message).not.toContain(token);
  });

  test('says GitHub Enterprise Server first when the server is one', () => {
    const error = thrown(() => artifactStoreFrom({GITHUB_SERVER_URL: 'https://github.example.com'}));
    expect(error.message).toMatch(/github\.example\.com looks like GitHub Enterprise Server/);
    expect(error.message).toMatch(/build all platforms in one job/);
  });

  test('refuses a results URL that is not http(s)', () => {
    const error = thrown(() => artifactStoreFrom({ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: 'ftp://x/'}));
    expect(error.message).toMatch(/ACTIONS_RESULTS_URL="ftp:\/\/x\/" is not an http\(s\) URL/);
  });

  test('refuses a token without the scope before any request', () => {
    const {calls, fetch} = recordingFetch();
    const env = {ACTIONS_RUNTIME_TOKEN: jwt({scp: 'Actions.Other'}), ACTIONS_RESULTS_URL: 'https://r.example/'};
    expect(() => artifactStoreFrom(env, {fetch})).toThrow(/Actions\.Results scope/);
    expect(calls).toEqual([]);
  });

  test('builds a store from a complete environment without calling the service', () => {
    const {calls, fetch} = recordingFetch();
    const store = artifactStoreFrom({ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: 'https://r.example/'}, {fetch});
    expect(typeof store.put).toBe('function');
    expect(calls).toEqual([]);
  });
});

describe('isGhes', () => {
  test.each([
    [undefined, false],
    ['', false],
    ['https://github.com', false],
    ['https://GitHub.com/', false],
    ['https://octo.ghe.com', false],
    ['http://github.localhost', false],
    ['https://github.example.com', true],
    ['https://ghes.internal:8443', true]
  ])('%s → %s', (url, expected) => {
    expect(isGhes(url)).toBe(expected);
  });
});

describe('validateArtifactName', () => {
  test.each(['ghcr-publish-digest-abc-linux-amd64-a1', 'digest.json', 'with space'])('accepts %s', name => {
    expect(() => validateArtifactName(name)).not.toThrow();
  });

  test.each([
    ['a/b', 'forward slash'],
    ['a\\b', 'backslash'],
    ['linux:amd64', 'colon'],
    ['a"b', 'double quote'],
    ['a*b', 'asterisk'],
    ['a?b', 'question mark'],
    ['a|b', 'vertical bar'],
    ['a<b', 'less than'],
    ['a>b', 'greater than'],
    ['a\nb', 'line feed'],
    ['a\rb', 'carriage return']
  ])('refuses %j, naming the %s', (name, label) => {
    expect(() => validateArtifactName(name)).toThrow(label);
  });

  test('refuses an empty name', () => {
    expect(() => validateArtifactName(' ')).toThrow(/cannot be empty/);
  });
});

test('mimeTypeFor: JSON names as JSON, others as text, never zip', () => {
  expect(mimeTypeFor('digest.json')).toBe('application/json');
  expect(mimeTypeFor('DIGEST.JSON')).toBe('application/json');
  expect(mimeTypeFor('ghcr-publish-digest-x-linux-amd64-a1')).toBe('text/plain');
  expect(mimeTypeFor('archive.zip')).toBe('text/plain');
});

describe('selecting artifacts', () => {
  test('keeps names with the prefix, sorted by name', () => {
    const listed = [artifact('p-b', 2), artifact('other', 3), artifact('p-a', 1), artifact('P-c', 4)];
    expect(selectArtifacts(listed, 'p-').map(a => a.name)).toEqual(['p-a', 'p-b']);
  });

  test('an empty prefix keeps everything', () => {
    expect(selectArtifacts([artifact('b', 1), artifact('a', 2)], '')).toHaveLength(2);
  });

  test('keeps the newest artifact of each name: by creation time, then by id', () => {
    const older = artifact('p-a', 9, '2026-01-01T00:00:00Z');
    const newer = artifact('p-a', 5, '2026-01-02T00:00:00Z');
    const sameTimeLowerId = artifact('p-b', 7, '2026-01-01T00:00:00Z');
    const sameTimeHigherId = artifact('p-b', 8, '2026-01-01T00:00:00Z');
    const undated = artifact('p-c', 100);
    const dated = artifact('p-c', 1, '2020-01-01T00:00:00Z');
    const latest = latestByName([older, newer, sameTimeHigherId, sameTimeLowerId, undated, dated]);
    expect(latest).toEqual(expect.arrayContaining([newer, sameTimeHigherId, dated]));
    expect(latest).toHaveLength(3);
  });
});

describe('parseListedArtifact', () => {
  const entry = {
    workflow_run_backend_id: RUN,
    workflow_job_run_backend_id: JOB,
    database_id: '4100000001',
    name: 'p-a',
    size: '123',
    created_at: '2026-11-23T12:00:00.123Z',
    digest: 'sha256:abc'
  };

  test('reads the proto field names, int64 as strings and RFC 3339 timestamps', () => {
    expect(parseListedArtifact(entry)).toEqual({
      name: 'p-a',
      id: 4100000001,
      size: 123,
      createdAt: new Date('2026-11-23T12:00:00.123Z'),
      digest: 'sha256:abc',
      workflowRunBackendId: RUN,
      workflowJobRunBackendId: JOB
    });
  });

  test('reads the JSON (lowerCamelCase) names too, as protobuf JSON parsers do', () => {
    const camel = {
      workflowRunBackendId: RUN,
      workflowJobRunBackendId: JOB,
      databaseId: 7,
      name: 'p-a',
      size: 5,
      createdAt: '2026-11-23T12:00:00Z'
    };
    expect(parseListedArtifact(camel)).toMatchObject({id: 7, size: 5, digest: undefined, workflowJobRunBackendId: JOB});
  });

  test('tolerates a missing size, timestamp or digest', () => {
    const rest: Record<string, unknown> = {...entry};
    for (const key of ['size', 'created_at', 'digest']) delete rest[key];
    expect(parseListedArtifact(rest)).toMatchObject({size: 0, createdAt: undefined, digest: undefined});
  });

  test.each([
    ['no name', {...entry, name: undefined}],
    ['no job id', {...entry, workflow_job_run_backend_id: undefined}],
    ['an id that is not an integer', {...entry, database_id: '12a'}],
    ['an id beyond the safe integers', {...entry, database_id: '99999999999999999999'}],
    ['not an object', 'p-a']
  ])('drops an entry with %s', (_label, value) => {
    expect(parseListedArtifact(value)).toBeUndefined();
  });
});

test('scrubUrl keeps origin and path, drops the SAS query', () => {
  const signed = 'https://acct.blob.core.windows.net/actions-results/r/j/a.json?sv=2021-12-02&sp=r&sig=SECRET%3D';
  expect(scrubUrl(signed)).toBe('https://acct.blob.core.windows.net/actions-results/r/j/a.json');
  expect(scrubUrl('not a url?sig=SECRET')).not.toContain('SECRET');
});

test('ArtifactExistsError is actionable and says whether the artifact may be this job’s own', () => {
  const other = new ArtifactExistsError('p-a', false);
  const own = new ArtifactExistsError('p-a', true);
  expect(other).toBeInstanceOf(ActionableError);
  expect(other.artifactName).toBe('p-a');
  expect(other.message).toMatch(/another job of the run/);
  expect(own.message).toMatch(/may have created it for this job/);
});

test('digestMatches compares sha256 digests with or without the prefix and ignores formats it does not know', () => {
  const expected = `sha256:${'ab'.repeat(32)}`;
  expect(digestMatches(expected, expected)).toBe(true);
  expect(digestMatches('AB'.repeat(32), expected)).toBe(true);
  expect(digestMatches(`sha256:${'cd'.repeat(32)}`, expected)).toBe(false);
  expect(digestMatches(undefined, expected)).toBe(true);
  expect(digestMatches('md5:abc', expected)).toBe(true);
});
