/**
 * Proves the end-to-end infrastructure with the real components (scripts/services/): the Docker engine 20.10
 * and its built-in BuildKit, the distribution registry on 127.0.0.1:5000 with htpasswd auth, the local busybox
 * base image, and the helpers of support/services.ts. Repository names are unique per run, so reruns against
 * the same registry storage never collide.
 */
import {writeFile} from 'node:fs/promises';
import {
  type DockerConfig,
  type Services,
  SETUP_TIMEOUT_MS,
  cleanupTemp,
  createDockerConfig,
  deleteManifest,
  docker,
  dockerOrThrow,
  ensureServices,
  getImageConfig,
  getManifest,
  listTags,
  makeBuildContext,
  manifestDigest,
  MEDIA_TYPES,
  pushedDigest,
  registryRequest,
  uniqueRepository
} from './support/services.js';

const BUILD_TIMEOUT_MS = 180_000;

let services: Services;
const localImages: string[] = [];

beforeAll(async () => {
  services = await ensureServices();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  if (localImages.length) await docker(['image', 'rm', '--force', ...localImages]);
  await cleanupTemp();
});

async function login(config: DockerConfig, password = services.password) {
  return docker(['login', '--username', services.username, '--password-stdin', services.registry], {
    stdin: `${password}\n`,
    config
  });
}

function basicAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
}

describe('registry', () => {
  test('answers 401 with a Basic challenge without credentials, 200 with them', async () => {
    const anonymous = await registryRequest('/v2/', {auth: false});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(await anonymous.json()).toEqual({
      errors: [{code: 'UNAUTHORIZED', message: 'authentication required', detail: null}]
    });

    const wrong = await registryRequest('/v2/', {auth: {username: services.username, password: 'wrong'}});
    expect(wrong.status).toBe(401);

    const authorized = await registryRequest('/v2/');
    expect(authorized.status).toBe(200);
    expect(authorized.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  });

  test('an unknown repository is a 404 for manifests and tags', async () => {
    const repository = uniqueRepository('e2e/missing');
    await expect(manifestDigest(repository, 'latest')).rejects.toMatchObject({status: 404});
    await expect(listTags(repository)).rejects.toMatchObject({status: 404});
  });
});

describe('docker login and logout', () => {
  let config: DockerConfig;

  beforeEach(async () => {
    config = await createDockerConfig();
  });

  afterEach(async () => {
    await config.cleanup();
  });

  test('a wrong password fails with the registry 401 and stores nothing', async () => {
    const result = await login(config, 'not-the-password');
    expect(result.exitCode).toBe(1);
    // The daemon makes the login request; the client only relays its error.
    expect(result.stderr).toContain(
      `Error response from daemon: login attempt to http://${services.registry}/v2/ failed with status: 401 Unauthorized`
    );
    expect((await config.read())?.auths?.[services.registry]).toBeUndefined();
  });

  test('the right password succeeds and logout removes the credential from config.json', async () => {
    const result = await login(config);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Login Succeeded');
    // No credential helper: docker 20.10 stores user:password in base64 in config.json, and says so.
    expect(result.stderr).toContain(`Your password will be stored unencrypted in ${config.configFile}`);
    expect((await config.read())?.auths?.[services.registry]).toEqual({
      auth: basicAuth(services.username, services.password)
    });

    const logout = await docker(['logout', services.registry], {config});
    expect(logout.exitCode).toBe(0);
    expect(logout.stdout).toContain(`Removing login credentials for ${services.registry}`);
    const after = await config.read();
    expect(after?.auths?.[services.registry]).toBeUndefined();
    expect(JSON.stringify(after)).not.toContain(basicAuth(services.username, services.password));
  });

  test('credentials stay in their DOCKER_CONFIG: a call without one is anonymous', async () => {
    expect((await login(config)).exitCode).toBe(0);
    const missing = `${services.registry}/${uniqueRepository('e2e/missing')}:x`;

    const withCredentials = await docker(['pull', missing], {config});
    expect(withCredentials.exitCode).toBe(1);
    expect(withCredentials.stderr).toContain('manifest unknown');

    const anonymous = await docker(['pull', missing]);
    expect(anonymous.exitCode).toBe(1);
    expect(anonymous.stderr).toContain('no basic auth credentials');
  });
});

describe('build and push', () => {
  let config: DockerConfig;
  let repository: string;
  let image: string;
  let pushDigest: string;

  beforeAll(async () => {
    config = await createDockerConfig();
    repository = uniqueRepository('e2e/sample');
    image = `${services.registry}/${repository}:one`;
  });

  afterAll(async () => {
    await config.cleanup();
  });

  test(
    'DOCKER_BUILDKIT=1 docker build with RUN, COPY and LABEL from the local busybox image',
    async () => {
      const context = await makeBuildContext(
        {'hello.txt': 'hello from the build context\n'},
        {
          instructions: [
            'RUN echo "built by $(busybox | head -n 1 | cut -d" " -f2)" > /built.txt',
            'COPY hello.txt /hello.txt',
            'LABEL org.opencontainers.image.title=e2e-sample'
          ]
        }
      );
      try {
        // --network host: the engine runs with --bridge=none, so RUN steps have no other network.
        const build = await dockerOrThrow(
          ['build', '--network', 'host', '--progress', 'plain', '--tag', image, context.dir],
          {env: {DOCKER_BUILDKIT: '1'}, config, timeoutMs: BUILD_TIMEOUT_MS}
        );
        localImages.push(image);
        // BuildKit's plain progress goes to stderr.
        expect(build.stderr).toMatch(/naming to 127\.0\.0\.1:5000\/e2e\/sample-[a-z0-9-]+:one done/);
      } finally {
        await context.cleanup();
      }
      const run = await dockerOrThrow(['run', '--rm', '--network', 'none', image, 'cat', '/built.txt', '/hello.txt']);
      expect(run.stdout).toMatch(/^built by v\d+\.\d+\.\d+\nhello from the build context\n$/);
    },
    BUILD_TIMEOUT_MS
  );

  test('docker push without credentials is refused', async () => {
    const anonymous = await docker(['push', image]);
    expect(anonymous.exitCode).toBe(1);
    expect(anonymous.stderr.trim()).toBe('no basic auth credentials');

    // Stale credentials in config.json: the registry's own error comes through.
    const stale = await createDockerConfig();
    try {
      const wrongAuth = {auths: {[services.registry]: {auth: basicAuth(services.username, 'wrong')}}};
      await writeFile(stale.configFile, JSON.stringify(wrongAuth));
      const result = await docker(['push', image], {config: stale});
      expect(result.exitCode).toBe(1);
      expect(result.stderr.trim()).toBe('unauthorized: authentication required');
    } finally {
      await stale.cleanup();
    }
    await expect(manifestDigest(repository, 'one')).rejects.toMatchObject({status: 404});
  });

  test('docker push prints the digest the registry stores', async () => {
    expect((await login(config)).exitCode).toBe(0);
    const push = await dockerOrThrow(['push', image], {config, timeoutMs: BUILD_TIMEOUT_MS});
    expect(push.stdout).toContain(`The push refers to repository [${services.registry}/${repository}]`);
    const pushed = pushedDigest(push.stdout);
    expect(pushed).toBeDefined();
    expect(push.stdout).toContain(`one: digest: ${pushed!.digest} size: ${pushed!.size}`);
    pushDigest = pushed!.digest;

    expect(await manifestDigest(repository, 'one')).toBe(pushDigest);
    expect(await manifestDigest(repository, pushDigest)).toBe(pushDigest);

    // docker 20.10 pushes a Docker schema 2 manifest (no OCI, no index, no attestations).
    const manifest = await getManifest(repository, 'one');
    expect(manifest.mediaType).toBe(MEDIA_TYPES.dockerManifest);
    expect(manifest.digest).toBe(pushDigest);
    expect(manifest.bodyDigest).toBe(pushDigest);
    expect(Buffer.byteLength(manifest.raw)).toBe(pushed!.size);
    // The imported base layer, the RUN layer and the COPY layer.
    expect(manifest.manifest.layers).toHaveLength(3);

    const imageConfig = await getImageConfig(repository, 'one');
    expect(imageConfig.config?.Labels).toMatchObject({'org.opencontainers.image.title': 'e2e-sample'});

    expect(await listTags(repository)).toEqual(['one']);
  });

  test('a second tag of the same image has the same digest; deleting the manifest removes both', async () => {
    const second = `${services.registry}/${repository}:two`;
    await dockerOrThrow(['tag', image, second]);
    localImages.push(second);
    const push = await dockerOrThrow(['push', second], {config, timeoutMs: BUILD_TIMEOUT_MS});
    expect(pushedDigest(push.stdout)?.digest).toBe(pushDigest);
    // Layers already in the registry are not uploaded again.
    expect(push.stdout).toMatch(/Layer already exists/);
    expect(await listTags(repository)).toEqual(['one', 'two']);

    await deleteManifest(repository, pushDigest);
    await expect(manifestDigest(repository, 'one')).rejects.toMatchObject({status: 404});
    await expect(manifestDigest(repository, pushDigest)).rejects.toMatchObject({status: 404});
    expect(await listTags(repository)).toEqual([]);
  });
});
