/**
 * Cache mounts kept between runs, through the real engine (dockerd 26.1.5's BuildKit behind buildx 0.13.1's docker
 * driver) and the fake GitHub Actions cache service: a first run's build fills a `RUN --mount=type=cache` mount and
 * the step saves it; the builder then loses every cache mount (pruned, as a new runner's builder starts), and a
 * second run, at a new commit, restores the first run's entry through its restore key and its build finds the files,
 * owners kept. The throwaway builds' image (busybox from mirror.gcr.io by default) cannot be pulled here: a stand-in
 * made of the machine's static busybox is published to the registry on 127.0.0.1:5000 by the action itself.
 */
import {
  busyboxContext,
  engineDocker,
  ensureBuildkitEngine,
  layerFile,
  type BuildkitEngine
} from './support/buildkit.js';
import {publishStandIn, publishWithBuildx} from './support/publish.js';
import {SERVICES, SETUP_TIMEOUT_MS, uniqueRepository} from './support/services.js';
import {startFakeCacheService, type FakeCacheService} from '../support/fake-cache-service.js';

let engine: BuildkitEngine;
let service: FakeCacheService;
beforeAll(async () => {
  engine = await ensureBuildkitEngine();
  service = await startFakeCacheService();
}, SETUP_TIMEOUT_MS);
afterAll(() => service?.close());

const MOUNT = '/var/cache/app';
const PLAIN = '/var/cache/plain';

describe('cache mounts on the real engine', () => {
  it('are saved by one run and found by the build of the next, on a builder that lost them', async () => {
    const utility = await publishStandIn(engine, 'busybox', [
      'RUN --network=none ["/bin/busybox", "--install", "-s", "/bin"]'
    ]);
    const repository = uniqueRepository('e2e/cache-mounts');
    // Each run lists what the mounts hold into the image, then leaves a file of its own in each. One mount has an
    // owner (BuildKit keys it with uid/gid/mode too), the other none (keyed by its id alone).
    const script =
      `/bin/busybox ls -ln ${MOUNT} | /bin/busybox grep from-run > /seen || true; ` +
      `/bin/busybox ls ${PLAIN} > /seen-plain || true; ` +
      `echo $RUN_NUMBER > ${MOUNT}/from-run-$RUN_NUMBER; /bin/busybox chown 1234:5678 ${MOUNT}/from-run-$RUN_NUMBER; ` +
      `echo $RUN_NUMBER > ${PLAIN}/plain-from-run-$RUN_NUMBER`;
    // TEST_RUN: BuildKit's layer cache of an earlier test run must not skip the RUN (and its mount).
    const context = await busyboxContext(engine, [
      'ARG RUN_NUMBER TEST_RUN',
      `RUN --network=none --mount=type=cache,target=${MOUNT},uid=1000 --mount=type=cache,target=${PLAIN} ` +
        JSON.stringify(['/bin/busybox', 'sh', '-c', script])
    ]);
    const env = service.env({ref: 'refs/heads/cache-mounts-real'});
    const publish = (run: number, sha: string) =>
      publishWithBuildx(
        engine,
        {
          images: `${SERVICES.registry}/${repository}`,
          context: context.dir,
          platforms: 'linux/amd64',
          provenance: 'false',
          'gha-cache': 'false',
          'build-args': `RUN_NUMBER=${run}\nTEST_RUN=${repository}`,
          'cache-mounts': 'auto',
          'cache-mounts-image': utility
        },
        {env: {...env, GITHUB_SHA: sha}}
      );
    const forgetCacheMounts = () =>
      engineDocker(engine, ['buildx', 'prune', '--force', '--filter', 'type=exec.cachemount']);
    try {
      expect((await forgetCacheMounts()).exitCode).toBe(0);
      const first = await publish(1, 'a'.repeat(40));
      expect(first.main.errors).toEqual([]);
      expect(first.main.stdout).toContain(`Cache mount ${MOUNT}: nothing in the cache yet`);
      expect(first.main.stdout).toMatch(new RegExp(`Cache mount ${MOUNT}: saved as ghcr-publish-mount-\\S+-a{40}\\.`));
      expect((await layerFile(repository, first.main.outputs.digest!, 'seen'))?.toString() ?? '').toBe('');
      const saved = service.entries().filter(entry => entry.key.startsWith('ghcr-publish-mount-'));
      expect(saved).toEqual([
        expect.objectContaining({finalized: true, scope: 'refs/heads/cache-mounts-real'}),
        expect.objectContaining({finalized: true, scope: 'refs/heads/cache-mounts-real'})
      ]);

      // The next runner's builder starts without any cache mount.
      expect((await forgetCacheMounts()).exitCode).toBe(0);
      const second = await publish(2, 'b'.repeat(40));
      expect(second.main.errors).toEqual([]);
      expect(second.main.warnings).toEqual([]);
      expect(second.main.stdout).toMatch(new RegExp(`Cache mount ${MOUNT}: restored ghcr-publish-mount-\\S+-a{40}\\.`));
      const seen = (await layerFile(repository, second.main.outputs.digest!, 'seen'))?.toString() ?? '';
      // busybox ls -ln: mode, links, owner, group, size, date, name.
      expect(seen).toMatch(/^-\S+\s+\d+\s+1234\s+5678\s+2\s.*from-run-1\n$/);
      expect((await layerFile(repository, second.main.outputs.digest!, 'seen-plain'))?.toString()).toBe(
        'plain-from-run-1\n'
      );
      expect(second.main.stdout).toMatch(new RegExp(`Cache mount ${MOUNT}: saved as ghcr-publish-mount-\\S+-b{40}\\.`));
    } finally {
      await forgetCacheMounts();
      await context.cleanup();
    }
  });
});
