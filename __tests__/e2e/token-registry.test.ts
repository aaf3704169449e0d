/**
 * The GHCR-like registry (distribution v2.8 with `auth: token` on 127.0.0.1:5001, its token server on :5002,
 * scripts/services/token-registry.sh) with the real Docker engine, the action's RegistryClient and the bundled
 * action:
 * - the token server speaks docker's token protocol: ES256 JWTs the registry accepts, scopes as asked for,
 *   GHCR's exact 403 denials for read-only credentials asking to push, 401 for wrong credentials;
 * - RegistryClient goes through the Bearer flow for real (pull tokens, pull,push for a manifest PUT) and keeps
 *   GHCR's denial text in its HttpError;
 * - the bundled action (docker 20.10 first on PATH: `docker build` + `docker push`) publishes with ci-user, every
 *   registry request of its login, push and verification carrying a Bearer token, and fails fast with the fix,
 *   pushing nothing, for ci-reader (permission_denied: write_package) and ci-installation (installation not
 *   allowed to Write organization package).
 */
import {publishHello} from './support/publish.js';
import {explainFailure} from '../../src/core/registry-errors.js';
import {RegistryClient, type RegistryClientOptions} from '../../src/adapters/registry-client.js';
import {realSleep} from '../../src/core/retry.js';
import {startFaultProxy, type FaultProxy, type SeenRequest} from './support/fault-proxy.js';
import {
  buildAndPush,
  cleanupTemp,
  createDockerConfig,
  type Credentials,
  type DockerConfig,
  listTags,
  manifestDigest,
  MEDIA_TYPES,
  ensureTokenServices,
  registryRequest,
  requestToken,
  SETUP_TIMEOUT_MS,
  type TokenServices,
  uniqueRepository
} from './support/services.js';

const BUILD_TIMEOUT_MS = 180_000;
const STEP_TIMEOUT_MS = 75_000;
const TEST_TIMEOUT_MS = 90_000;
/** A denial must end the step this fast (build included): no backoff is spent on it. */
/** Generous for a loaded 2-core machine; the real proof of failing fast is one push and no retry. */
const DENIAL_BOUND_MS = 20_000;
const FAST_RETRY = {attempts: 4, baseDelayMs: 10, maxDelayMs: 200};
/** The tags `type=semver,pattern={{version}}` and `type=sha` give on the push-tag fixture (v1.2.3 at d57b341). */
const EXPECTED_TAGS = ['1.2.3', 'latest', 'sha-d57b341'].sort();

let token: TokenServices;
const figures: {ciUserMs?: number; readerMs?: number; installationMs?: number} = {};

beforeAll(async () => {
  token = await ensureTokenServices();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await cleanupTemp();
  const ms = (value: number | undefined) => (value === undefined ? 'n/a' : `${value} ms`);
  console.log(
    `token registry: ci-user published in ${ms(figures.ciUserMs)}; denials failed fast in ` +
      `${ms(figures.readerMs)} (ci-reader) and ${ms(figures.installationMs)} (ci-installation)`
  );
});

/** Registry checks on 127.0.0.1:5001 itself (never through a proxy), as ci-user, with the test's own client. */
const onTokenRegistry = () => ({registry: token.registry, auth: token.users.writer});

function decodeJwt(jwt: string): {header: Record<string, unknown>; claims: Record<string, unknown>} {
  const [header, claims] = jwt
    .split('.')
    .slice(0, 2)
    .map(part => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return {header, claims};
}

async function tokenFor(auth: Credentials, scopes: string[]): Promise<string> {
  const response = await requestToken(auth, scopes);
  expect(response.status).toBe(200);
  const body = (await response.json()) as {token: string; access_token: string};
  expect(body.access_token).toBe(body.token);
  return body.token;
}

describe('token server and registry', () => {
  test('a token carries the scopes asked for, signed ES256 with an x5c certificate the registry trusts', async () => {
    const repository = uniqueRepository('e2e/token');
    const response = await requestToken(token.users.writer, [
      `repository:${repository}:pull,push`,
      'repository:e2e/other:pull'
    ]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      token: expect.any(String),
      access_token: body.token,
      expires_in: 300,
      issued_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)
    });
    const {header, claims} = decodeJwt(String(body.token));
    expect(header).toEqual({typ: 'JWT', alg: 'ES256', x5c: [expect.stringMatching(/^MII[A-Za-z0-9+/=]+$/)]});
    expect(claims).toMatchObject({
      iss: 'ghcr-publish-test-token-server',
      sub: 'ci-user',
      aud: token.service,
      access: [
        {type: 'repository', name: repository, actions: ['pull', 'push']},
        {type: 'repository', name: 'e2e/other', actions: ['pull']}
      ]
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);

    const accepted = await fetch(`http://${token.registry}/v2/`, {
      headers: {Authorization: `Bearer ${String(body.token)}`},
      signal: AbortSignal.timeout(5_000)
    });
    expect(accepted.status).toBe(200);
  });

  test('the registry challenges for its realm and enforces the token scope', async () => {
    const repository = uniqueRepository('e2e/token');
    const anonymous = await registryRequest(`/v2/${repository}/tags/list`, {registry: token.registry, auth: false});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe(
      `Bearer realm="${token.realm}",service="${token.service}",scope="repository:${repository}:pull"`
    );
    // A pull token cannot start an upload; a push token can.
    const upload = (jwt: string) =>
      fetch(`http://${token.registry}/v2/${repository}/blobs/uploads/`, {
        method: 'POST',
        headers: {Authorization: `Bearer ${jwt}`},
        signal: AbortSignal.timeout(5_000)
      });
    const pullOnly = await upload(await tokenFor(token.users.writer, [`repository:${repository}:pull`]));
    expect(pullOnly.status).toBe(401);
    expect(pullOnly.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    const push = await upload(await tokenFor(token.users.writer, [`repository:${repository}:pull,push`]));
    expect(push.status).toBe(202);
  });

  test.each([
    ['reader', 'permission_denied: write_package'],
    ['installation', 'installation not allowed to Write organization package']
  ] as const)('%s: pull and login tokens, but GHCR’s 403 for push', async (user, denial) => {
    const credentials = token.users[user];
    expect(credentials.denial).toBe(denial);
    const repository = uniqueRepository('e2e/token');
    // `docker login` asks without a scope.
    expect(decodeJwt(await tokenFor(credentials, [])).claims.access).toEqual([]);
    expect(decodeJwt(await tokenFor(credentials, [`repository:${repository}:pull`])).claims.access).toEqual([
      {type: 'repository', name: repository, actions: ['pull']}
    ]);
    for (const scope of [`repository:${repository}:push,pull`, `repository:${repository}:pull,push`]) {
      const refused = await requestToken(credentials, [scope]);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toBe(JSON.stringify({errors: [{code: 'DENIED', message: denial}]}));
    }
  });

  test('wrong or missing credentials get 401', async () => {
    for (const auth of [
      {username: 'ci-user', password: 'wrong'},
      {username: 'nobody', password: 'x'},
      false
    ] as const) {
      const refused = await requestToken(auth, ['repository:e2e/any:pull']);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({errors: [{code: 'UNAUTHORIZED', message: 'authentication required'}]});
    }
  });
});

describe('RegistryClient with Bearer tokens (real token server)', () => {
  let config: DockerConfig;
  let repository: string;
  let pushDigest: string;
  let proxy: FaultProxy;

  beforeAll(async () => {
    config = await createDockerConfig();
    repository = uniqueRepository('e2e/client-token');
    const image = `${token.registry}/${repository}:one`;
    pushDigest = await buildAndPush(image, token.users.writer, config, BUILD_TIMEOUT_MS);
    expect(pushDigest).toMatch(/^sha256:/);
    proxy = await startFaultProxy({upstream: `http://${token.registry}`, tokenUpstream: `http://${token.tokenServer}`});
  }, BUILD_TIMEOUT_MS);

  afterEach(() => proxy?.reset());

  afterAll(async () => {
    await proxy?.close();
    await config?.cleanup();
  });

  function recordingSleep() {
    const delays: number[] = [];
    return {delays, sleep: (ms: number) => (delays.push(ms), realSleep(ms))};
  }

  function client(user: Credentials, options: Partial<RegistryClientOptions> = {}): RegistryClient {
    return new RegistryClient({registry: proxy.host, ...user, retry: FAST_RETRY, ...options});
  }

  const tokenRequests = () => proxy.requests().filter(request => request.path === '/token');

  test('digests and a manifest PUT: a pull token, then a pull,push token, each fetched once', async () => {
    const registry = client(token.users.writer);
    expect(await registry.manifestDigest(repository, 'one')).toBe(pushDigest);
    expect(await registry.manifestDigest(repository, 'missing')).toBeUndefined();
    const manifest = await registry.getManifest(repository, 'one');
    expect(manifest).toMatchObject({mediaType: MEDIA_TYPES.dockerManifest, digest: pushDigest});
    expect(await registry.putManifest(repository, 'copy', manifest.body, manifest.mediaType)).toBe(pushDigest);
    expect(await registry.putManifest(repository, 'copy-2', manifest.body, manifest.mediaType)).toBe(pushDigest);

    expect(tokenRequests().map(request => [request.query.replace(/^service=[^&]*&/, ''), request.auth])).toEqual([
      [`scope=repository:${repository}:pull`, 'basic'],
      [`scope=repository:${repository}:pull,push`, 'basic']
    ]);
    // Apart from the challenges (no credentials), every registry request carried a token, never the password.
    const registryAuth = proxy.requests().filter(request => request.path.startsWith('/v2/'));
    expect(new Set(registryAuth.map(request => request.auth))).toEqual(new Set(['none', 'bearer']));
    expect(registryAuth.filter(request => request.auth === 'none')).toHaveLength(1);
    // Checked without the client under test.
    expect(await manifestDigest(repository, 'copy', onTokenRegistry())).toBe(pushDigest);
    expect(await listTags(repository, onTokenRegistry())).toEqual(['copy', 'copy-2', 'one']);
  });

  test.each([
    ['reader', /Manage Actions access/],
    ['installation', /permissions: packages: write/]
  ] as const)('%s: reads, and a PUT fails at once with GHCR’s denial in the HttpError', async (user, fix) => {
    const {delays, sleep} = recordingSleep();
    const registry = client(token.users[user], {sleep});
    expect(await registry.manifestDigest(repository, 'one')).toBe(pushDigest);
    const manifest = await registry.getManifest(repository, 'one');
    const started = Date.now();
    const error = (await registry
      .putManifest(repository, `by-${user}`, manifest.body, manifest.mediaType)
      .catch((caught: unknown) => caught)) as Error & {status?: number; code?: string};
    const elapsed = Date.now() - started;

    expect(error).toMatchObject({name: 'HttpError', status: 403, code: 'DENIED'});
    expect(error.message).toBe(`GET ${proxy.origin}/token: 403 Forbidden: denied: ${token.users[user].denial}`);
    expect(delays).toEqual([]);
    expect(elapsed).toBeLessThan(5_000);
    expect(tokenRequests().filter(request => request.query.includes('push'))).toHaveLength(1);
    expect(explainFailure(error.message, {operation: 'Push', registry: 'ghcr.io', forkPullRequest: false})).toMatch(
      fix
    );
    await expect(manifestDigest(repository, `by-${user}`, onTokenRegistry())).rejects.toMatchObject({status: 404});
  });

  test('a wrong password is a 401 from the token service, not retried', async () => {
    const {delays, sleep} = recordingSleep();
    const error = (await client({username: 'ci-user', password: 'wrong'}, {sleep})
      .manifestDigest(repository, 'one')
      .catch((caught: unknown) => caught)) as Error;
    expect(error).toMatchObject({status: 401});
    expect(error.message).toContain('401 Unauthorized: unauthorized: authentication required');
    expect(delays).toEqual([]);
  });

  test('token service hiccups (503, 429 with Retry-After, a dropped connection) are retried', async () => {
    const {delays, sleep} = recordingSleep();
    const registry = client(token.users.writer, {sleep});
    proxy.inject({path: '/token', times: 1, fault: {status: 503}});
    proxy.inject({path: '/token', times: 1, fault: {status: 429, headers: {'retry-after': '1'}}});
    proxy.inject({path: '/token', times: 1, fault: {drop: true}});
    const started = Date.now();
    expect(await registry.manifestDigest(repository, 'one')).toBe(pushDigest);
    expect(tokenRequests().map(request => request.target)).toEqual(['fault', 'fault', 'fault', 'token']);
    expect(delays).toHaveLength(3);
    // Retry-After: 1 asked for a second; the test policy caps it at 200 ms.
    expect(delays[1]).toBe(FAST_RETRY.maxDelayMs);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('the bundled action against the token registry', () => {
  let proxy: FaultProxy;

  beforeAll(async () => {
    proxy = await startFaultProxy({upstream: `http://${token.registry}`, tokenUpstream: `http://${token.tokenServer}`});
  });

  afterAll(async () => {
    await proxy?.close();
  });

  function publish(registry: string, repository: string, user: Credentials) {
    return publishHello(`${registry}/${repository}`, user, STEP_TIMEOUT_MS);
  }

  async function expectPublished(registry: string, repository: string, run: Awaited<ReturnType<typeof publish>>) {
    expect(run.main.errors).toEqual([]);
    expect(run.main.timedOut).toBe(false);
    expect(run.main.exitCode).toBe(0);
    expect(run.main.stdout).not.toMatch(/failed transiently/);
    const {digest, tags} = run.main.outputs;
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect((tags ?? '').split('\n').sort()).toEqual(EXPECTED_TAGS.map(tag => `${registry}/${repository}:${tag}`));
    expect(run.main.stdout).toContain(`Verified in the registry: ${registry}/${repository}:`);
    expect(await listTags(repository, onTokenRegistry())).toEqual(EXPECTED_TAGS);
    for (const tag of EXPECTED_TAGS) {
      expect([tag, await manifestDigest(repository, tag, onTokenRegistry())]).toEqual([tag, digest]);
    }
    expect(run.post?.exitCode).toBe(0);
  }

  test(
    'ci-user publishes directly to 127.0.0.1:5001: every tag at the reported digest, verified',
    async () => {
      const repository = uniqueRepository('e2e/token-action');
      const run = await publish(token.registry, repository, token.users.writer);
      await expectPublished(token.registry, repository, run);
      figures.ciUserMs = run.main.durationMs;
    },
    TEST_TIMEOUT_MS
  );

  test(
    'login, push and verification all go through the Bearer flow (seen by a transparent proxy)',
    async () => {
      proxy.reset();
      const repository = uniqueRepository('e2e/token-action');
      const run = await publish(proxy.host, repository, token.users.writer);
      await expectPublished(proxy.host, repository, run);

      const seen = proxy.requests();
      const tokens = seen.filter(request => request.path === '/token');
      const scopes = (request: SeenRequest) => new URLSearchParams(request.query).getAll('scope');
      // Every token request authenticates with the password (Basic); nothing else ever does.
      expect(tokens.every(request => request.auth === 'basic' && request.target === 'token')).toBe(true);
      expect(seen.filter(request => request.auth === 'basic')).toEqual(tokens);
      // docker login: a token without scope; docker push: push,pull for the repository; verification: pull.
      expect(tokens.some(request => scopes(request).length === 0)).toBe(true);
      expect(tokens.some(request => scopes(request).includes(`repository:${repository}:push,pull`))).toBe(true);
      expect(tokens.some(request => scopes(request).join(' ') === `repository:${repository}:pull`)).toBe(true);
      // The repository's requests: the pushes (blobs, manifests) and the verification HEADs, all with tokens
      // once challenged.
      const repositoryRequests = seen.filter(request => request.path.startsWith(`/v2/${repository}/`));
      const withToken = repositoryRequests.filter(request => request.auth === 'bearer');
      expect(
        withToken.filter(request => request.method === 'PUT' && request.path.includes('/manifests/'))
      ).toHaveLength(EXPECTED_TAGS.length);
      expect(
        withToken.filter(request => request.method === 'HEAD' && request.path.includes('/manifests/'))
      ).toHaveLength(EXPECTED_TAGS.length);
      expect(repositoryRequests.filter(request => request.auth === 'none').length).toBeLessThanOrEqual(1);
    },
    TEST_TIMEOUT_MS
  );

  test.each([
    ['reader', 'ci-reader', /Manage Actions access/],
    ['installation', 'ci-installation', /permissions: packages: write/]
  ] as const)(
    '%s (%s): the push is denied, the step fails fast with the fix and pushes nothing',
    async (user, _username, fix) => {
      const repository = uniqueRepository('e2e/token-denied');
      const run = await publish(token.registry, repository, token.users[user]);
      figures[user === 'reader' ? 'readerMs' : 'installationMs'] = run.main.durationMs;

      expect(run.main.timedOut).toBe(false);
      expect(run.main.exitCode).toBe(1);
      const errors = run.main.errors.join('\n');
      expect(errors).toContain(
        `Push of ${token.registry}/${repository}:1.2.3 failed: denied: ${token.users[user].denial}`
      );
      expect(errors).toMatch(fix);
      // One push, not retried: a denial is an answer.
      expect(run.main.stdout.match(/\[command\]docker push /g)).toHaveLength(1);
      expect(run.main.stdout).not.toMatch(/failed transiently/);
      expect(run.main.durationMs).toBeLessThan(DENIAL_BOUND_MS);
      // Nothing reached the registry: no repository, no tag.
      await expect(listTags(repository, onTokenRegistry())).rejects.toMatchObject({status: 404});
      await expect(manifestDigest(repository, '1.2.3', onTokenRegistry())).rejects.toMatchObject({status: 404});
      // The password never shows in the log (the runner consumes ::add-mask::).
      const shown = run.main.lines.map(line => line.text).filter(text => !text.startsWith('::add-mask::'));
      expect(shown.join('\n')).not.toContain(token.users[user].password);
      expect(run.post?.exitCode).toBe(0);
    },
    TEST_TIMEOUT_MS
  );
});
