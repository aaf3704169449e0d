/**
 * Cache mounts kept between runs, through the bundled action with the fake docker and the fake GitHub Actions cache
 * service: which mounts, the throwaway builds around the build, what a pull request, no-cache and a runner without
 * the cache do, and failures of the cache or of a throwaway build costing a warning, never the step. That the
 * throwaway builds really move files in and out of BuildKit's mounts is shown on the real engine
 * (__tests__/e2e/cache-mounts-real.test.ts).
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {cleanupAllFakeDockers, type FakeDocker, type FakeDockerScenario} from '../support/fake-docker/index.js';
import {useFakeCacheServicePerTest} from '../support/fake-cache-service.js';
import {runWithFakeDocker} from '../support/with-fake-docker.js';
import type {RunOptions} from '../harness/runner.js';

const DOCKERFILE = [
  'FROM scratch',
  'RUN --mount=type=cache,target=/root/.cache/go-build \\',
  '    --mount=type=cache,id=apt,target=/var/cache/apt,sharing=locked,uid=0 \\',
  '    --mount=type=bind,target=/src \\',
  '    go build ./...',
  'RUN --mount=type=cache,from=tools,target=/opt/tools true',
  ''
].join('\n');

const cache = useFakeCacheServicePerTest('refs/heads/cache-mounts');
afterAll(() => cleanupAllFakeDockers());
const mountEntries = () => cache.entriesOfThisTest().filter(entry => entry.key.startsWith('ghcr-publish-mount-'));

function publish(
  fake: FakeDocker | FakeDockerScenario | undefined,
  inputs: Record<string, string> = {},
  options: RunOptions = {}
) {
  return runWithFakeDocker(fake ?? {}, {
    setup: dirs => writeFileSync(join(dirs.workspace, 'Dockerfile'), DOCKERFILE),
    ...options,
    env: {...cache.service().env({ref: cache.ref()}), ...options.env},
    inputs: {'gha-cache': 'false', 'cache-mounts': 'auto', ...inputs}
  });
}

/** The throwaway builds (those with a local output into the step's cache-mounts folders), by their Dockerfile. */
function throwawayBuilds(fake: FakeDocker): string[] {
  return fake
    .callsOf(['buildx', 'build'])
    .filter(call => call.argv.some(arg => /^type=local,dest=.*cache-mounts-/.test(arg)))
    .map(call => call.argv[call.argv.indexOf('--file') + 1] ?? '')
    .map(file => file.replace(/^.*\//, ''));
}

const buildOrder = (fake: FakeDocker) =>
  fake.callsOf(['buildx', 'build']).map(call => {
    const file = call.argv[call.argv.indexOf('--file') + 1] ?? '';
    return /cache-mounts-(inject|extract)/.exec(file)?.[1] ?? 'build';
  });

describe('cache mounts', () => {
  it('are found in the Dockerfile, saved after the first build and restored into the builder by the next run', async () => {
    const first = await publish(undefined);
    expect(first.run.main.errors).toEqual([]);
    expect(first.run.main.warnings).toEqual([]);
    // Nothing to restore yet: no inject build; after the build the mounts are packed and saved.
    expect(buildOrder(first.fake)).toEqual(['build', 'extract']);
    expect(first.run.main.stdout).toContain('Cache mount /root/.cache/go-build: nothing in the cache yet');
    expect(first.run.main.stdout).toContain('Cache mount apt: nothing in the cache yet');
    expect(first.run.main.stdout).toContain(
      'Cache mounts: left out: the cache mount /opt/tools (line 6 of ./Dockerfile) starts from "tools" (from=)'
    );
    const saved = mountEntries();
    expect(saved.map(entry => entry.finalized)).toEqual([true, true]);
    expect(saved.every(entry => /-[0-9a-f]{40}$/.test(entry.key))).toBe(true);

    // A new runner at a new commit: both restored through their restore keys, injected before the build.
    const second = await publish(undefined, {}, {env: {GITHUB_SHA: 'f'.repeat(40)}});
    expect(second.run.main.errors).toEqual([]);
    expect(second.run.main.warnings).toEqual([]);
    expect(buildOrder(second.fake)).toEqual(['inject', 'build', 'extract']);
    for (const entry of saved) expect(second.run.main.stdout).toContain(`restored ${entry.key}.`);
    const inject = second.fake.callsOf(['buildx', 'build'])[0]!.argv;
    expect(inject).not.toContain('--no-cache');
    expect(inject).toEqual(
      expect.arrayContaining(['--build-arg', expect.stringMatching(/^GHCR_PUBLISH_RUN=[0-9a-f]{16}$/)])
    );
    expect(mountEntries().filter(entry => entry.key.endsWith('f'.repeat(40)))).toHaveLength(2);
  });

  it('run the throwaway builds on the builder of the build itself', async () => {
    const {run, fake} = await publish(undefined, {platforms: 'linux/amd64,linux/arm64'});
    expect(run.main.errors).toEqual([]);
    const builds = fake.callsOf(['buildx', 'build']);
    const builderOf = (argv: string[]) => argv[argv.indexOf('--builder') + 1];
    expect(builds).toHaveLength(2);
    expect(builderOf(builds[1]!.argv)).toMatch(/^ghcr-publish-/);
    expect(builderOf(builds[1]!.argv)).toBe(builderOf(builds[0]!.argv));
  });

  it('of the same commit again are restored exactly and not saved twice', async () => {
    await publish(undefined);
    const again = await publish(undefined);
    expect(again.run.main.warnings).toEqual([]);
    expect(buildOrder(again.fake)).toEqual(['inject', 'build']);
    expect(again.run.main.stdout).toMatch(/Cache mount apt: ghcr-publish-mount-\S+ is saved already\./);
    expect(mountEntries()).toHaveLength(2);
  });

  it('named in the input are the only ones kept', async () => {
    const {run} = await publish(undefined, {'cache-mounts': '/var/cache/apt'});
    expect(run.main.errors).toEqual([]);
    expect(mountEntries()).toHaveLength(1);
    expect(run.main.stdout).toMatch(/Cache mount apt: saved as ghcr-publish-mount-\S+-apt-/);
  });

  it('named but absent from the Dockerfile fail the step before any docker command, naming the input', async () => {
    const {run, fake} = await publish(undefined, {'cache-mounts': '/root/.npm'});
    expect(run.main.exitCode).not.toBe(0);
    expect(run.main.errors.join('\n')).toContain(
      'input "cache-mounts", line 1: no RUN --mount=type=cache in ./Dockerfile has this id or target: "/root/.npm". ' +
        'Name one of /root/.cache/go-build, apt, or use "auto" for all of them.'
    );
    expect(fake.calls()).toEqual([]);
  });

  it('are restored but not saved by a pull request', async () => {
    await publish(undefined);
    const pr = await publish(undefined, {}, {event: 'pull-request'});
    expect(pr.run.main.errors).toEqual([]);
    expect(buildOrder(pr.fake)).toEqual(['inject', 'build']);
    expect(pr.run.main.stdout).toContain(
      'Cache mounts: a pull request restores the cache mounts but does not save them.'
    );
    expect(mountEntries()).toHaveLength(2);
  });

  it('are neither restored nor saved with no-cache, and the tool images then come from a pull', async () => {
    await publish(undefined);
    const before = cache.service().count();
    const release = await publish(undefined, {'no-cache': 'true'});
    expect(release.run.main.errors).toEqual([]);
    expect(throwawayBuilds(release.fake)).toEqual([]);
    expect(release.run.main.stdout).toContain(
      'Cache mounts: no-cache is true: the cache mounts start empty and nothing is saved.'
    );
    expect(cache.service().count()).toBe(before);
  });

  it('are left alone on a runner without the cache service', async () => {
    const {run, fake} = await publish(undefined, {}, {env: {ACTIONS_RUNTIME_TOKEN: '', ACTIONS_RESULTS_URL: ''}});
    expect(run.main.errors).toEqual([]);
    expect(run.main.warnings).toEqual([]);
    expect(throwawayBuilds(fake)).toEqual([]);
    expect(run.main.stdout).toContain('Cache mounts: this runner offers no GitHub Actions cache');
  });

  it('are not saved when the build fails', async () => {
    const {run, fake} = await publish({
      build: {
        fail: {
          stderr: 'ERROR: failed to solve: process "/bin/sh -c go build" did not complete successfully: exit code: 1'
        }
      }
    });
    expect(run.main.exitCode).not.toBe(0);
    expect(throwawayBuilds(fake)).toEqual([]);
    expect(cache.service().count()).toBeGreaterThan(0);
    expect(mountEntries()).toEqual([]);
  });

  it('show in the dry-run plan', async () => {
    const {run, fake} = await publish(undefined, {'dry-run': 'true'});
    expect(run.main.errors).toEqual([]);
    expect(fake.calls()).toEqual([]);
    expect(run.main.stdout).toContain('Cache mounts:\n  /root/.cache/go-build, apt: restored and saved\n');
  });

  it('are left out, said, without buildx', async () => {
    const {run} = await publish({buildx: null});
    expect(run.main.exitCode).toBe(0);
    expect(run.main.warnings.join('\n')).toMatch(/Without buildx these are left out: .*cache-mounts/);
    expect(mountEntries()).toEqual([]);
  });
});

describe('cache mounts when something fails', () => {
  it('a cache lookup that fails is a warning; the build runs with empty mounts', async () => {
    cache.service().inject({target: 'GetCacheEntryDownloadURL', times: 10, fault: {status: 403}});
    const {run, fake} = await publish(undefined);
    expect(run.main.exitCode).toBe(0);
    expect(buildOrder(fake)).toEqual(['build', 'extract']);
    expect(run.main.warnings.join('\n')).toMatch(/Failed to restore: .*\(403\) Forbidden/);
  });

  it('a save that fails is a warning', async () => {
    cache.service().inject({target: 'CreateCacheEntry', times: 10, fault: {status: 403}});
    const {run} = await publish({containerdStore: true});
    expect(run.main.exitCode).toBe(0);
    expect(run.main.warnings).toEqual([
      expect.stringMatching(/^Cache mount \/root\/.cache\/go-build was not saved \(the GitHub Actions cache refused/),
      expect.stringMatching(/^Cache mount apt was not saved \(the GitHub Actions cache refused/)
    ]);
    expect(mountEntries()).toEqual([]);
  });

  it('an upload that fails is a warning', async () => {
    cache.service().inject({target: 'BlobPut', times: 100, fault: {status: 403}});
    const {run} = await publish(undefined);
    expect(run.main.exitCode).toBe(0);
    expect(run.main.warnings.length).toBeGreaterThan(0);
    expect(mountEntries().filter(entry => entry.finalized)).toEqual([]);
  });

  it('an inject build that fails is a warning; the build still runs', async () => {
    await publish(undefined);
    const {run, fake} = await publish({
      containerdStore: true,
      commands: [
        {
          argv: ['buildx', 'build', '--file'],
          times: 1,
          stderr: 'ERROR: failed to solve: mirror.gcr.io/library/busybox: not found\n',
          exitCode: 1
        }
      ]
    });
    expect(run.main.exitCode).toBe(0);
    // The build filled the empty mounts: they are saved all the same.
    expect(buildOrder(fake)).toEqual(['inject', 'build', 'extract']);
    expect(run.main.warnings.join('\n')).toContain(
      'The restored cache mounts could not be put into the builder (ERROR: failed to solve: mirror.gcr.io/library/busybox: not found); the build starts with empty mounts.'
    );
  });

  it('an extract build that fails is a warning; nothing is saved', async () => {
    const {run} = await publish({
      containerdStore: true,
      commands: [
        {
          argv: ['buildx', 'build', '--file'],
          stderr: 'ERROR: failed to solve: no space left on device\n',
          exitCode: 1
        }
      ]
    });
    expect(run.main.exitCode).toBe(0);
    expect(run.main.warnings.join('\n')).toContain('The cache mounts could not be read from the builder');
    expect(mountEntries()).toEqual([]);
  });
});
