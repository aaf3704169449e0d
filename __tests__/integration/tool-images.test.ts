/**
 * The images the step runs for itself (BuildKit for a created builder, binfmt for emulators), through the bundled
 * action with the fake docker and the fake GitHub Actions cache service: pinned by digest, restored from the cache
 * before any pull, pulled only on a miss and saved after it; a cache that fails costs a warning, never the step.
 */
import {cleanupAllFakeDockers, type FakeDocker} from '../support/fake-docker/index.js';
import {useFakeCacheServicePerTest} from '../support/fake-cache-service.js';
import {runWithFakeDocker} from '../support/with-fake-docker.js';
import type {RunOptions} from '../harness/runner.js';

const PINNED = `docker.io/moby/buildkit:v0.31.2@sha256:${'2f5adac4ecd1'.padEnd(64, '0')}`;
const LOCAL_TAG = 'localhost/ghcr-publish/moby/buildkit:2f5adac4ecd1';
const CACHE_KEY = `ghcr-publish-image-${process.arch}-moby-buildkit-${'2f5adac4ecd1'.padEnd(64, '0')}`;
/** The classic image store cannot build two platforms: the step creates a docker-container builder. */
const NEEDS_A_BUILDER = {platforms: 'linux/amd64,linux/arm64', 'buildkit-image': PINNED};
const TOOL_COMMANDS = new Set(['image', 'pull', 'tag', 'save', 'load']);

const cache = useFakeCacheServicePerTest('refs/heads/tool-images');
afterAll(() => cleanupAllFakeDockers());

function publish(fake: FakeDocker | undefined, inputs: Record<string, string> = {}, options: RunOptions = {}) {
  return runWithFakeDocker(fake ?? {}, {
    ...options,
    env: {...cache.service().env({ref: cache.ref()}), ...options.env},
    inputs: {...NEEDS_A_BUILDER, 'gha-cache': 'false', ...inputs}
  });
}

/** The tool image's docker commands as `command last-argument` (`image <ref>`, `pull <ref>`, `tag <local tag>`...). */
function toolCommands(fake: FakeDocker): string[] {
  return fake
    .calls()
    .filter(call => TOOL_COMMANDS.has(call.argv[0] ?? ''))
    .map(call => `${call.argv[0]} ${call.argv.at(-1)}`);
}

describe('the BuildKit image of a created builder', () => {
  it('is pulled once by digest, saved to the cache, and restored on a new runner without a pull', async () => {
    const first = await publish(undefined);
    expect(first.run.main.errors).toEqual([]);
    expect(first.run.main.warnings).toEqual([]);
    expect(first.fake.callsOf(['pull']).map(call => call.argv[1])).toEqual([PINNED]);
    expect(first.fake.callsOf(['tag'])[0]?.argv).toEqual(['tag', PINNED, LOCAL_TAG]);
    expect(first.fake.callsOf(['buildx', 'create'])[0]?.argv).toEqual(
      expect.arrayContaining(['--driver-opt', `image=${LOCAL_TAG}`])
    );
    expect(first.run.main.stdout).toContain(`saved to the GitHub Actions cache (${CACHE_KEY})`);
    expect(cache.entriesOfThisTest().map(entry => [entry.key, entry.finalized])).toEqual([[CACHE_KEY, true]]);

    const second = await publish(undefined);
    expect(second.run.main.errors).toEqual([]);
    expect(second.run.main.warnings).toEqual([]);
    expect(second.fake.callsOf(['pull'])).toEqual([]);
    expect(toolCommands(second.fake)).toEqual([`image ${LOCAL_TAG}`, expect.stringMatching(/^load .*\.tar$/)]);
    expect(second.run.main.stdout).toContain(`${PINNED} restored from the GitHub Actions cache: no pull.`);
    expect(second.fake.callsOf(['buildx', 'create'])[0]?.argv).toEqual(
      expect.arrayContaining(['--driver-opt', `image=${LOCAL_TAG}`])
    );
    expect(cache.entriesOfThisTest()).toHaveLength(1);
  });

  it('is neither restored nor pulled when the runner has it already', async () => {
    const first = await publish(undefined);
    cache.service().reset();
    const again = await publish(first.fake);
    const commands = again.fake.calls().slice(first.fake.calls().length);
    expect(commands.filter(call => ['pull', 'load', 'save'].includes(call.argv[0] ?? ''))).toEqual([]);
    expect(cache.service().count()).toBe(0);
    expect(again.run.main.stdout).toContain(`is on this runner already (${LOCAL_TAG})`);
  });

  it('with cache-image: false is pulled and never cached', async () => {
    const {run, fake} = await publish(undefined, {'cache-image': 'false'});
    expect(run.main.exitCode).toBe(0);
    expect(toolCommands(fake)).toEqual([`image ${LOCAL_TAG}`, `pull ${PINNED}`, `tag ${LOCAL_TAG}`]);
    expect(cache.service().count()).toBe(0);
  });

  it('given by tag (driver-opts image=) is left to buildx: no pull, no cache', async () => {
    const {run, fake} = await publish(undefined, {'driver-opts': 'image=moby/buildkit:latest'});
    expect(run.main.exitCode).toBe(0);
    expect(toolCommands(fake)).toEqual([]);
    expect(fake.callsOf(['buildx', 'create'])[0]?.argv).toEqual(
      expect.arrayContaining(['--driver-opt', 'image=moby/buildkit:latest'])
    );
    expect(cache.service().count()).toBe(0);
  });

  it('is pulled after a Docker Hub login when its credentials are given, logged out in post', async () => {
    const {run, fake} = await publish(undefined, {
      'dockerhub-username': 'hubuser',
      'dockerhub-token': 'dckr_pat_s3cret'
    });
    expect(run.main.exitCode).toBe(0);
    const names = fake.calls().map(call => `${call.argv[0]} ${call.argv.at(-1)}`);
    expect(names.indexOf('login docker.io')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('login docker.io')).toBeLessThan(names.indexOf(`pull ${PINNED}`));
    expect(fake.callsOf(['login']).find(call => call.argv.at(-1) === 'docker.io')?.stdin).toBe('dckr_pat_s3cret');
    expect(fake.callsOf(['logout']).map(call => call.argv[1])).toContain('docker.io');
    const leaks = run.main.stdout.split('\n').filter(line => line.includes('dckr_pat_s3cret'));
    expect(leaks).toEqual(['::add-mask::dckr_pat_s3cret']);
  });
});

describe('a cache service that fails', () => {
  it.each([
    ['the lookup is refused', {target: 'GetCacheEntryDownloadURL', times: 1, fault: {status: 403}}],
    ['the lookup connection drops', {target: 'GetCacheEntryDownloadURL', times: 1, fault: {drop: true}}],
    ['the reservation is refused', {target: 'CreateCacheEntry', times: 1, fault: {status: 400}}],
    ['the upload is refused', {target: 'BlobPut', times: 4, fault: {status: 403}}],
    ['the finalization is refused', {target: 'FinalizeCacheEntryUpload', times: 1, fault: {status: 400}}]
  ] as const)('%s: the step pulls and succeeds, the failure only in warnings', async (_name, rule) => {
    cache.service().inject(rule);
    const {run, fake} = await publish(undefined);
    expect(run.main.errors).toEqual([]);
    expect(run.main.exitCode).toBe(0);
    expect(fake.callsOf(['pull']).map(call => call.argv[1])).toEqual([PINNED]);
    expect(fake.callsOf(['buildx', 'build'])).toHaveLength(1);
    // @actions/cache itself may warn twice about one failure (the upload, then the save).
    for (const warning of run.main.warnings) expect(warning).toMatch(/cache|Failed to (save|restore)/i);
    expect(cache.service().count(rule.target)).toBeGreaterThan(0);
  });

  it('an archive docker cannot load: a warning, then the pull, and no second save of that key', async () => {
    await publish(undefined);
    const reservations = cache.service().count('CreateCacheEntry');
    const broken = {
      commands: [{argv: ['load'], stderr: 'Error processing tar file(exit status 1): unexpected EOF', exitCode: 1}]
    };
    const {run, fake} = await runWithFakeDocker(broken, {
      env: cache.service().env({ref: cache.ref()}),
      inputs: {...NEEDS_A_BUILDER, 'gha-cache': 'false'}
    });
    expect(run.main.exitCode).toBe(0);
    expect(toolCommands(fake).filter(command => !command.startsWith('image'))).toEqual([
      expect.stringMatching(/^load .*\.tar$/),
      `pull ${PINNED}`,
      `tag ${LOCAL_TAG}`
    ]);
    // The entry exists, and a cache entry cannot be replaced: no save (and no warning about a refused one).
    expect(cache.service().count('CreateCacheEntry')).toBe(reservations);
    expect(run.main.warnings).toEqual([
      expect.stringMatching(/could not be loaded .*unexpected EOF.*pulling it instead/)
    ]);
  });
});
