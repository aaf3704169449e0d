/**
 * The bundled action against a real Docker engine and a real registry on 127.0.0.1, with the runner's
 * distribution docker (20.10, no buildx) first on PATH: login with right and wrong passwords, the
 * no-buildx fallback build and push, the digest output equal to what the registry serves for each tag,
 * and logout in the post step.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {
  ensureServices,
  getImageConfig,
  listTags,
  makeBuildContext,
  manifestDigest,
  SETUP_TIMEOUT_MS,
  uniqueRepository,
  type Services
} from './support/services.js';
import {publishWithDistributionDocker} from './support/publish.js';

let services: Services;
beforeAll(async () => {
  services = await ensureServices();
}, SETUP_TIMEOUT_MS);

/** A context with a RUN step and a file, published with the semver and sha tags; kept for the post step's checks. */
async function publishHelloWorld(inputs: Record<string, string>) {
  const context = await makeBuildContext(
    {'hello.txt': 'hello from ghcr-publish\n'},
    {instructions: ['RUN echo built > /built.txt', 'COPY hello.txt /hello.txt']}
  );
  try {
    return await publishWithDistributionDocker(
      {
        context: context.dir,
        tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=sha',
        ...inputs
      },
      {keep: true}
    );
  } finally {
    await context.cleanup();
  }
}

/** What the runner would show: it consumes ::add-mask:: commands. */
function shownLog(step: {lines: {text: string}[]}): string[] {
  return step.lines.map(line => line.text).filter(text => !text.startsWith('::add-mask::'));
}

function dockerConfigAuths(home: string): Record<string, unknown> {
  const file = path.join(home, '.docker', 'config.json');
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, 'utf8')) as {auths?: Record<string, unknown>}).auths ?? {};
}

describe('publishing to a real registry without buildx', () => {
  it('builds, pushes every tag, reports the registry digest and logs out in post', async () => {
    const repository = uniqueRepository('e2e/fallback');
    const image = `${services.registry}/${repository}`;
    const run = await publishHelloWorld({images: image});
    try {
      expect(run.main.errors).toEqual([]);
      expect(run.main.exitCode).toBe(0);
      expect(run.main.warnings.join('\n')).toMatch(/buildx is not available/);
      const {outputs} = run.main;
      expect(outputs.pushed).toBe('true');
      expect(run.main.stdout).toMatch(/Verified in the registry: .*:1\.2\.3.* → sha256:/);
      expect(outputs.image).toBe(image);
      expect(outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(outputs.imageid).toMatch(/^sha256:[a-f0-9]{64}$/);

      expect(await listTags(repository)).toEqual(['1.2', '1.2.3', 'latest', 'sha-d57b341'].sort());
      for (const tag of ['1.2.3', '1.2', 'sha-d57b341', 'latest']) {
        expect([tag, await manifestDigest(repository, tag)]).toEqual([tag, outputs.digest]);
      }
      const config = await getImageConfig(repository, '1.2.3');
      expect(config.config?.Labels?.['org.opencontainers.image.version']).toBe('1.2.3');
      expect(config.config?.Labels?.['org.opencontainers.image.source']).toBe(
        'https://github.com/Octo-Org/Hello-World'
      );

      // The password reached docker on stdin only, and the login existed until post removed it.
      expect(shownLog(run.main).join('\n')).not.toContain(services.password);
      expect(run.post?.exitCode).toBe(0);
      expect(dockerConfigAuths(run.dirs.home)).not.toHaveProperty([services.registry]);
      expect(run.post?.stdout).toContain(`logout ${services.registry}`);
    } finally {
      await run.cleanup();
    }
  });

  it('keeps the login when logout is false', async () => {
    const repository = uniqueRepository('e2e/keep-login');
    const run = await publishHelloWorld({images: `${services.registry}/${repository}`, logout: 'false'});
    try {
      expect(run.main.exitCode).toBe(0);
      expect(dockerConfigAuths(run.dirs.home)).toHaveProperty([services.registry]);
    } finally {
      await run.cleanup();
    }
  });

  it('fails a wrong password at login with the fix, pushes nothing, and post still succeeds', async () => {
    const repository = uniqueRepository('e2e/wrong-password');
    const run = await publishHelloWorld({
      images: `${services.registry}/${repository}`,
      password: 'not-the-password'
    });
    try {
      expect(run.main.exitCode).toBe(1);
      expect(run.main.errors.join('\n')).toMatch(
        /Login to 127\.0\.0\.1:5000 failed: .*401 Unauthorized\nThe registry 127\.0\.0\.1:5000 refused the credentials/
      );
      expect(shownLog(run.main).join('\n')).not.toContain('not-the-password');
      expect(await listTags(repository).catch(() => [])).toEqual([]);
      expect(run.post?.exitCode).toBe(0);
    } finally {
      await run.cleanup();
    }
  });

  it('builds a pull request without pushing', async () => {
    const repository = uniqueRepository('e2e/pull-request');
    const context = await makeBuildContext({'a.txt': 'a'});
    const run = await publishWithDistributionDocker(
      {images: `${services.registry}/${repository}`, context: context.dir},
      {event: 'pull-request'}
    );
    await context.cleanup();
    expect(run.main.exitCode).toBe(0);
    expect(run.main.outputs.pushed).toBe('false');
    expect(run.main.outputs.imageid).toMatch(/^sha256:/);
    expect(run.main.stdout).not.toMatch(/\[command\]\S*docker push/);
    expect(await listTags(repository).catch(() => [])).toEqual([]);
  });
});
