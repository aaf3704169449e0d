/**
 * A tool image through the real engine (dockerd 26.1.5 on the containerd image store, buildx 0.13.1) and the fake
 * GitHub Actions cache service: the binfmt installer, pinned by digest, pulled and saved by a first run, restored
 * with `docker load` by a second run on an engine that no longer has it, which then pulls nothing. Docker Hub is not
 * reachable here, so a locally made image pushed to the registry on 127.0.0.1:5000 stands in for
 * tonistiigi/binfmt (its entrypoint accepts `--install` and does nothing), and the build asks for linux/s390x, an
 * emulator this machine lacks, with a Dockerfile that only copies a file (no emulation needed to build it).
 */
import {engineDocker, ensureBuildkitEngine, type BuildkitEngine} from './support/buildkit.js';
import {publishStandIn, publishWithBuildx} from './support/publish.js';
import {makeBuildContext, SERVICES, SETUP_TIMEOUT_MS, uniqueRepository} from './support/services.js';
import {startFakeCacheService, type FakeCacheService} from '../support/fake-cache-service.js';

let engine: BuildkitEngine;
let service: FakeCacheService;
beforeAll(async () => {
  engine = await ensureBuildkitEngine();
  service = await startFakeCacheService();
}, SETUP_TIMEOUT_MS);
afterAll(() => service?.close());

describe('the binfmt installer image on the real engine', () => {
  it('is pulled and saved by the first run, restored without a pull by the next', async () => {
    const installer = await publishStandIn(engine, 'binfmt', ['ENTRYPOINT ["/bin/busybox", "true"]']);
    const digestHex = installer.slice(installer.indexOf('@sha256:') + 8);
    const localTag = `localhost/ghcr-publish/${installer.slice(SERVICES.registry.length + 1, installer.indexOf('@'))}:${digestHex.slice(0, 12)}`;
    const context = await makeBuildContext({'hello.txt': 'hello\n'}, {dockerfile: 'FROM scratch\nCOPY hello.txt /\n'});
    const env = service.env({ref: 'refs/heads/tool-images-real'});
    const publish = () =>
      publishWithBuildx(
        engine,
        {
          images: `${SERVICES.registry}/${uniqueRepository('e2e/tool-images')}`,
          context: context.dir,
          platforms: 'linux/s390x',
          'qemu-image': installer,
          'gha-cache': 'false',
          verify: 'false'
        },
        {env}
      );
    const removeLocalCopies = () => engineDocker(engine, ['image', 'rm', '--force', localTag, installer]);
    try {
      await removeLocalCopies();
      const first = await publish();
      expect(first.main.errors).toEqual([]);
      expect(first.main.stdout).toContain(`[command]docker pull ${installer}`);
      expect(first.main.stdout).toMatch(
        new RegExp(`\\[command\\]docker run --rm --privileged --network none ${localTag} --install s390x`)
      );
      expect(first.main.stdout).toContain(`${installer} saved to the GitHub Actions cache`);
      const saved = service.entries().filter(entry => entry.key.endsWith(digestHex));
      expect(saved).toEqual([expect.objectContaining({finalized: true, scope: 'refs/heads/tool-images-real'})]);

      // A new runner: the engine no longer has the image.
      expect((await removeLocalCopies()).exitCode).toBe(0);
      const second = await publish();
      expect(second.main.errors).toEqual([]);
      expect(second.main.stdout).not.toContain('[command]docker pull');
      expect(second.main.stdout).toContain(`${installer} restored from the GitHub Actions cache: no pull.`);
      expect(second.main.stdout).toContain(`--network none ${localTag} --install s390x`);
      expect((await engineDocker(engine, ['image', 'inspect', localTag])).exitCode).toBe(0);
    } finally {
      await removeLocalCopies();
      await context.cleanup();
    }
  });
});
