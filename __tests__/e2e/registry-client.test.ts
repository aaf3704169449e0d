/**
 * The registry client against the real distribution registry (htpasswd, Basic auth) with an image pushed by the
 * real docker, then through a fault-injecting proxy to prove that each registry hiccup is survived in bounded
 * time and that denials are not retried.
 */
import {verifyPushedTags} from '../../src/adapters/push-verification.js';
import {explainFailure} from '../../src/core/registry-errors.js';
import {
  RegistryClient,
  type RegistryClientOptions,
  isInsecureRegistry,
  verifyTags
} from '../../src/adapters/registry-client.js';
import {realSleep} from '../../src/core/retry.js';
import {type FaultProxy, startFaultProxy} from './support/fault-proxy.js';
import {
  buildAndPush,
  cleanupTemp,
  createDockerConfig,
  docker,
  type DockerConfig,
  manifestDigest,
  MEDIA_TYPES,
  ensureServices,
  type Services,
  SETUP_TIMEOUT_MS,
  uniqueRepository
} from './support/services.js';

const BUILD_TIMEOUT_MS = 180_000;
/** Small delays so retries cost milliseconds; each test still bounds its total time. */
const FAST_RETRY = {attempts: 4, baseDelayMs: 10, maxDelayMs: 200};
const WRONG_DIGEST = `sha256:${'0'.repeat(64)}`;
const DENIED_BODY = JSON.stringify({
  errors: [{code: 'DENIED', message: 'permission_denied: write_package'}]
});

let services: Services;
let config: DockerConfig;
let repository: string;
let image: string;
let pushDigest: string;

beforeAll(async () => {
  services = await ensureServices();
  config = await createDockerConfig();
  repository = uniqueRepository('e2e/client');
  image = `${services.registry}/${repository}:one`;
  pushDigest = await buildAndPush(image, services, config, BUILD_TIMEOUT_MS);
}, SETUP_TIMEOUT_MS + BUILD_TIMEOUT_MS);

afterAll(async () => {
  if (image) await docker(['image', 'rm', '--force', image]);
  await config?.cleanup();
  await cleanupTemp();
});

/** A sleep that records its delays (and really waits them: they are small). */
function recordingSleep() {
  const delays: number[] = [];
  return {delays, sleep: (ms: number) => (delays.push(ms), realSleep(ms))};
}

function client(options: Partial<RegistryClientOptions> = {}): RegistryClient {
  return new RegistryClient({
    registry: services.registry,
    username: services.username,
    password: services.password,
    retry: FAST_RETRY,
    ...options
  });
}

describe('against the registry', () => {
  test('verifyPushedTags skips, with a warning, a registry that asks for credentials the step cannot find', async () => {
    const emptyConfig = await createDockerConfig();
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = emptyConfig.dir;
    try {
      const skipped: string[] = [];
      const checks = await verifyPushedTags(
        [`${services.registry}/${repository}:one`],
        pushDigest,
        [],
        () => undefined,
        message => skipped.push(message)
      );
      expect(checks).toEqual([]);
      expect(skipped).toEqual([expect.stringMatching(/^Not verifying the pushed tags on 127\.0\.0\.1:5000: /)]);
      // With the credentials, the same check runs and passes.
      const logins = [{registry: services.registry, username: services.username, password: services.password}];
      const verified = await verifyPushedTags(
        [`${services.registry}/${repository}:one`],
        pushDigest,
        logins,
        () => undefined
      );
      expect(verified.map(check => check.ok)).toEqual([true]);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
      await emptyConfig.cleanup();
    }
  });

  test('manifestDigest is the digest docker push reported, by tag and by digest; undefined when missing', async () => {
    const registry = client();
    expect(await registry.manifestDigest(repository, 'one')).toBe(pushDigest);
    expect(await registry.manifestDigest(repository, pushDigest)).toBe(pushDigest);
    expect(await registry.manifestDigest(repository, 'missing')).toBeUndefined();
    expect(await registry.manifestDigest(uniqueRepository('e2e/none'), 'latest')).toBeUndefined();
  });

  test('getManifest returns the bytes as served; putManifest stores them under a new tag', async () => {
    const registry = client();
    const manifest = await registry.getManifest(repository, 'one');
    expect(manifest.mediaType).toBe(MEDIA_TYPES.dockerManifest);
    expect(manifest.digest).toBe(pushDigest);
    expect(JSON.parse(manifest.body)).toMatchObject({schemaVersion: 2, mediaType: MEDIA_TYPES.dockerManifest});

    const digest = await registry.putManifest(repository, 'copy', manifest.body, manifest.mediaType);
    expect(digest).toBe(pushDigest);
    expect(await manifestDigest(repository, 'copy')).toBe(pushDigest);
  });

  test('verifyTags: ok for the pushed digest, the found digest for a wrong one, undefined for a missing tag', async () => {
    const checks = await verifyTags(client(), [
      {reference: image, digest: pushDigest},
      {reference: `${repository}:one`, digest: WRONG_DIGEST},
      {reference: `${services.registry}/${repository}:never-pushed`, digest: pushDigest}
    ]);
    expect(checks).toEqual([
      {reference: image, found: pushDigest, ok: true},
      {reference: `${repository}:one`, found: pushDigest, ok: false},
      {reference: `${services.registry}/${repository}:never-pushed`, found: undefined, ok: false}
    ]);
  });

  test('verifyTags refuses a reference on another registry or without a tag', async () => {
    await expect(verifyTags(client(), [{reference: 'ghcr.io/a/b:c', digest: pushDigest}])).rejects.toThrow(
      'is not on the registry 127.0.0.1:5000'
    );
    await expect(verifyTags(client(), [{reference: repository, digest: pushDigest}])).rejects.toThrow('has no tag');
  });

  test('wrong credentials fail fast, without retries, with the registry text', async () => {
    const {delays, sleep} = recordingSleep();
    const started = Date.now();
    const error = await client({password: 'wrong', sleep})
      .manifestDigest(repository, 'one')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({status: 401});
    expect((error as Error).message).toContain('401 Unauthorized: unauthorized: authentication required');
    expect(delays).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(
      explainFailure((error as Error).message, {operation: 'Verify', registry: 'r', forkPullRequest: false})
    ).toContain('check the username and password');
  });

  test('no credentials: the Basic challenge cannot be answered, a 401 without retries', async () => {
    const {delays, sleep} = recordingSleep();
    await expect(
      client({username: undefined, password: undefined, sleep}).manifestDigest(repository, 'one')
    ).rejects.toMatchObject({status: 401});
    expect(delays).toEqual([]);
  });
});

describe('through a fault-injecting proxy', () => {
  let proxy: FaultProxy;
  const manifestPath = () => new RegExp(`^/v2/${repository}/manifests/one$`);

  beforeAll(async () => {
    proxy = await startFaultProxy({upstream: `http://${SERVICES_REGISTRY}`});
  });

  afterEach(() => proxy.reset());

  afterAll(async () => {
    await proxy?.close();
  });

  /** A client that has already answered the Basic challenge, so every request below is an authorized one. */
  async function warmClient(options: Partial<RegistryClientOptions> = {}) {
    const {delays, sleep} = recordingSleep();
    const registry = client({registry: proxy.host, sleep, ...options});
    expect(await registry.manifestDigest(repository, 'one')).toBe(pushDigest);
    proxy.reset();
    delays.length = 0;
    return {registry, delays};
  }

  test.each([500, 502, 503])('%i twice, then the digest', async status => {
    const {registry, delays} = await warmClient();
    proxy.inject({path: manifestPath(), times: 2, fault: {status, body: '{"errors":[]}'}});
    const started = Date.now();
    expect(await registry.manifestDigest(repository, 'one')).toBe(pushDigest);
    expect(proxy.count(manifestPath())).toBe(3);
    expect(delays).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('429 with Retry-After: waits what it says, capped at maxDelayMs', async () => {
    const {registry, delays} = await warmClient();
    proxy.inject({
      path: manifestPath(),
      times: 2,
      fault: {status: 429, headers: {'retry-after': '1'}, body: '{"errors":[{"code":"TOOMANYREQUESTS"}]}'}
    });
    const started = Date.now();
    expect(await registry.manifestDigest(repository, 'one')).toBe(pushDigest);
    // One second asked for, 200 ms allowed.
    expect(delays).toEqual([200, 200]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('a dropped connection is retried', async () => {
    const {registry, delays} = await warmClient();
    proxy.inject({path: manifestPath(), times: 2, fault: {drop: true}});
    expect(await registry.manifestDigest(repository, 'one')).toBe(pushDigest);
    expect(proxy.count(manifestPath())).toBeGreaterThanOrEqual(3);
    expect(delays).toHaveLength(2);
  });

  test('a response slower than the timeout is abandoned and retried', async () => {
    const {registry, delays} = await warmClient({timeoutMs: 300});
    proxy.inject({path: manifestPath(), times: 1, fault: {delayMs: 1_500}});
    const started = Date.now();
    expect((await registry.getManifest(repository, 'one')).digest).toBe(pushDigest);
    expect(proxy.count(manifestPath())).toBe(2);
    expect(delays).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  test('a slow response within the timeout is simply waited for', async () => {
    const {registry, delays} = await warmClient();
    proxy.inject({path: manifestPath(), times: 1, fault: {delayMs: 200}});
    expect(await registry.manifestDigest(repository, 'one')).toBe(pushDigest);
    expect(proxy.count(manifestPath())).toBe(1);
    expect(delays).toEqual([]);
  });

  test('a fault that outlasts the attempts rethrows the last error', async () => {
    const {registry, delays} = await warmClient();
    proxy.inject({path: manifestPath(), times: 10, fault: {status: 503, body: 'upstream down'}});
    await expect(registry.getManifest(repository, 'one')).rejects.toMatchObject({
      status: 503,
      message: expect.stringContaining('503 Service Unavailable: upstream down')
    });
    expect(proxy.count(manifestPath())).toBe(FAST_RETRY.attempts);
    expect(delays).toHaveLength(FAST_RETRY.attempts - 1);
  });

  test('a 403 denial is not retried and keeps the registry text for registry-errors.ts', async () => {
    const {registry, delays} = await warmClient();
    proxy.inject({path: manifestPath(), method: 'PUT', times: 1, fault: {status: 403, body: DENIED_BODY}});
    const manifest = await registry.getManifest(repository, 'one');
    const error = (await registry
      .putManifest(repository, 'one', manifest.body, manifest.mediaType)
      .catch((caught: unknown) => caught)) as Error;
    expect(error).toMatchObject({status: 403, code: 'DENIED'});
    expect(error.message).toContain('403 Forbidden: denied: permission_denied: write_package');
    expect(proxy.count(manifestPath())).toBe(2); // the GET and the single PUT
    expect(delays).toEqual([]);
    expect(explainFailure(error.message, {operation: 'Push', registry: 'ghcr.io', forkPullRequest: false})).toContain(
      'Manage Actions access'
    );
  });
  test('a 403 on HEAD is read again with GET for its text, and not retried', async () => {
    const {registry, delays} = await warmClient();
    proxy.inject({path: manifestPath(), times: 2, fault: {status: 403, body: DENIED_BODY}});
    await expect(registry.manifestDigest(repository, 'one')).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('denied: permission_denied: write_package')
    });
    expect(proxy.count(manifestPath())).toBe(2); // the HEAD and the GET for the error text
    expect(delays).toEqual([]);
  });
});

describe('Bearer challenge (GHCR-style token service, fake transport)', () => {
  test('fetches a token per scope with basic auth, caches it, and sends it', async () => {
    const calls: {url: string; authorization?: string}[] = [];
    const fakeFetch = async (url: string, init?: RequestInit) => {
      const authorization = (init?.headers as Record<string, string> | undefined)?.authorization;
      calls.push({url, authorization});
      if (url.startsWith('https://ghcr.io/token')) {
        const scope = new URL(url).searchParams.get('scope');
        return new Response(JSON.stringify(scope?.endsWith('push') ? {access_token: 'push-token'} : {token: 'pull'}));
      }
      if (authorization === 'Bearer pull' || authorization === 'Bearer push-token') {
        return new Response(null, {status: 200, headers: {'docker-content-digest': pushDigest}});
      }
      return new Response(null, {
        status: 401,
        headers: {
          'www-authenticate': 'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"'
        }
      });
    };
    const registry = new RegistryClient({registry: 'ghcr.io', username: 'u', password: 'p', fetch: fakeFetch});
    expect(await registry.manifestDigest('o/r', 'one')).toBe(pushDigest);
    expect(await registry.manifestDigest('o/r', 'two')).toBe(pushDigest);
    expect(await registry.putManifest('o/r', 'three', '{}', MEDIA_TYPES.ociManifest)).toBe(pushDigest);
    const basic = `Basic ${Buffer.from('u:p').toString('base64')}`;
    expect(calls).toEqual([
      {url: 'https://ghcr.io/v2/o/r/manifests/one', authorization: undefined},
      {url: 'https://ghcr.io/token?service=ghcr.io&scope=repository%3Ao%2Fr%3Apull', authorization: basic},
      {url: 'https://ghcr.io/v2/o/r/manifests/one', authorization: 'Bearer pull'},
      {url: 'https://ghcr.io/v2/o/r/manifests/two', authorization: 'Bearer pull'},
      {url: 'https://ghcr.io/token?service=ghcr.io&scope=repository%3Ao%2Fr%3Apull%2Cpush', authorization: basic},
      {url: 'https://ghcr.io/v2/o/r/manifests/three', authorization: 'Bearer push-token'}
    ]);
  });
});

describe('Bearer challenge failures (fake transport)', () => {
  const challenge = {'www-authenticate': 'Bearer realm="https://ghcr.io/token",service="ghcr.io"'};

  function fakeGhcr(tokenAnswers: Response[]) {
    const urls: string[] = [];
    const fakeFetch = async (url: string, init?: RequestInit) => {
      urls.push(url);
      if (url.startsWith('https://ghcr.io/token')) return tokenAnswers.shift() ?? new Response('{"token":"t"}');
      const authorization = (init?.headers as Record<string, string> | undefined)?.authorization;
      if (authorization === 'Bearer t') return new Response(null, {headers: {'docker-content-digest': pushDigest}});
      return new Response(null, {status: 401, headers: challenge});
    };
    return {urls, fakeFetch};
  }

  test('a token service refusal is not retried and keeps its text', async () => {
    const {urls, fakeFetch} = fakeGhcr([
      new Response('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', {status: 401})
    ]);
    const {delays, sleep} = recordingSleep();
    const registry = new RegistryClient({registry: 'ghcr.io', username: 'u', password: 'bad', fetch: fakeFetch, sleep});
    await expect(registry.manifestDigest('o/r', 'one')).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('unauthorized: authentication required')
    });
    expect(urls).toHaveLength(2);
    expect(delays).toEqual([]);
  });

  test('a token service hiccup is retried', async () => {
    const {fakeFetch} = fakeGhcr([new Response('', {status: 503})]);
    const {delays, sleep} = recordingSleep();
    const registry = new RegistryClient({
      registry: 'ghcr.io',
      username: 'u',
      password: 'p',
      fetch: fakeFetch,
      sleep,
      retry: FAST_RETRY
    });
    expect(await registry.manifestDigest('o/r', 'one')).toBe(pushDigest);
    expect(delays).toHaveLength(1);
  });

  test('a token service answer without a token is an error', async () => {
    const {fakeFetch} = fakeGhcr([new Response('{}')]);
    const registry = new RegistryClient({registry: 'ghcr.io', fetch: fakeFetch, retry: FAST_RETRY});
    await expect(registry.manifestDigest('o/r', 'one')).rejects.toThrow('answered without a token');
  });
});

describe('isInsecureRegistry', () => {
  test('plain HTTP for loopback, as docker does, and for declared hosts', () => {
    for (const registry of ['localhost', 'localhost:5000', '127.0.0.1:5000', '127.1.2.3', '[::1]:5000']) {
      expect(isInsecureRegistry(registry)).toBe(true);
    }
    for (const registry of ['ghcr.io', 'docker.io', '128.0.0.1:5000', 'localhost.example.com']) {
      expect(isInsecureRegistry(registry)).toBe(false);
    }
    expect(isInsecureRegistry('registry.lan:5000', ['registry.lan'])).toBe(true);
    expect(isInsecureRegistry('registry.lan:5000', ['registry.lan:5000'])).toBe(true);
  });
});

const SERVICES_REGISTRY = '127.0.0.1:5000';
