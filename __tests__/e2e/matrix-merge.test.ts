/**
 * The matrix recipe end to end, jobs run one after another by the runner harness as one workflow run would run
 * them: platform jobs (the bundled action with `distribute: platform`, buildx played by the recording fake
 * docker, which reports digests of images really pushed by digest to the registry) hand their digests off
 * through the run's artifacts (a local artifact service speaking the results service's protocol), and the merge
 * job (`distribute: merge`) joins them through the real registry's API. The index is then read back from the
 * registry: media type, one entry per platform, annotations, every tag on the index digest.
 */
import {randomInt} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import {runAction, type ActionRun} from '../harness/runner.js';
import {cleanupAllFakeDockers, createFakeDocker} from '../support/fake-docker/index.js';
import {startFakeArtifactService, type FakeArtifactService} from '../support/fake-artifact-service.js';
import {pushPlatformImage, type PushedPlatformImage} from './support/oci-images.js';
import {
  ensureServices,
  getManifest,
  listTags,
  manifestDigest,
  MEDIA_TYPES,
  RegistryError,
  SERVICES,
  SETUP_TIMEOUT_MS,
  uniqueRepository
} from './support/services.js';

const STEP_TIMEOUT_MS = 60_000;

let artifacts: FakeArtifactService;
let repository: string;
let image: string;
let amd64: PushedPlatformImage;
let arm64: PushedPlatformImage;

beforeAll(async () => {
  await ensureServices();
  artifacts = await startFakeArtifactService();
  repository = uniqueRepository('e2e/matrix');
  image = `${SERVICES.registry}/${repository}`;
  amd64 = await pushPlatformImage(repository, 'linux/amd64');
  // buildx's default provenance makes a platform job's digest an index with an attestation manifest.
  arm64 = await pushPlatformImage(repository, 'linux/arm64', {attestation: true});
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await artifacts?.close();
  await cleanupAllFakeDockers();
});

interface Job {
  runId: string;
  jobId: string;
  inputs: Record<string, string>;
  /** The digest the fake buildx reports for the push by digest. */
  digest?: string;
  runAttempt?: number;
  env?: Record<string, string>;
}

const credentials = {username: SERVICES.username, password: SERVICES.password};

/** One job of the run: the bundled action, main then post, with the run's artifact service. */
async function runJob(job: Job): Promise<{run: ActionRun; buildArgs: string[][]}> {
  const fake = await createFakeDocker({
    driver: 'docker-container',
    logins: {[SERVICES.registry]: credentials},
    ...(job.digest ? {build: {digest: job.digest}} : {})
  });
  const run = await runAction({
    event: 'push-tag',
    token: 'ghs_matrixJobToken0123456789',
    pathPrepend: [fake.binDir],
    timeoutMs: STEP_TIMEOUT_MS,
    inputs: {images: image, context: '.', ...credentials, ...job.inputs},
    env: {
      ...fake.env,
      ACTIONS_RESULTS_URL: artifacts.url,
      ACTIONS_RUNTIME_TOKEN: artifacts.runtimeToken({runId: job.runId, jobId: job.jobId}),
      GITHUB_RUN_ID: job.runId,
      GITHUB_RUN_ATTEMPT: String(job.runAttempt ?? 1),
      GITHUB_JOB: job.inputs.distribute === 'merge' ? 'merge' : 'build',
      ...job.env
    },
    setup: dirs => writeFileSync(`${dirs.workspace}/Dockerfile`, 'FROM scratch\nCOPY . /\n')
  });
  const buildArgs = fake.callsOf(['buildx', 'build']).map(call => call.argv);
  return {run, buildArgs};
}

function platformJob(runId: string, pushed: PushedPlatformImage, jobId = pushed.platform.replace('/', '-')) {
  return runJob({runId, jobId, digest: pushed.digest, inputs: {distribute: 'platform', platforms: pushed.platform}});
}

function mergeJob(runId: string, inputs: Record<string, string> = {}) {
  return runJob({runId, jobId: 'merge', inputs: {distribute: 'merge', ...inputs}});
}

/** The repository's tags; distribution answers 404 for a repository holding only untagged manifests. */
async function tagsOf(name: string): Promise<string[]> {
  return listTags(name).catch((error: unknown) => {
    if (error instanceof RegistryError && error.status === 404) return [];
    throw error;
  });
}

function newRunId(): string {
  return String(randomInt(1_000_000, 9_999_999));
}

function failureOf(run: ActionRun): string {
  expect(run.main.exitCode).toBe(1);
  expect(run.main.errors).toHaveLength(1);
  expect(run.main.stdout + run.main.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  expect(run.post?.exitCode).toBe(0);
  return run.main.errors[0]!;
}

describe('a matrix run: platform jobs push by digest, the merge job joins them', () => {
  const runId = newRunId();
  let merge: ActionRun;

  it('platform jobs push by digest without tags and hand their digest off', async () => {
    for (const pushed of [amd64, arm64]) {
      const {run, buildArgs} = await platformJob(runId, pushed);
      expect(run.main.errors).toEqual([]);
      expect(run.main.exitCode).toBe(0);
      expect(buildArgs).toHaveLength(1);
      const args = buildArgs[0]!;
      expect(args).not.toContain('--tag');
      expect(args).not.toContain('--push');
      expect(args[args.indexOf('--output') + 1]).toBe(
        `type=image,name=${image},push-by-digest=true,name-canonical=true,push=true`
      );
      expect(args[args.indexOf('--platform') + 1]).toBe(pushed.platform);
      // A cache scope of its own per platform.
      expect(args[args.indexOf('--cache-to') + 1]).toMatch(
        new RegExp(`scope=[^,]*${pushed.platform.replace('/', '-')}`)
      );
      expect(run.main.outputs.digest).toBe(pushed.digest);
      expect(run.main.outputs.pushed).toBe('true');
      expect(run.main.summary).toContain(pushed.digest);
    }
    // Nothing was tagged by the platform jobs.
    expect(await tagsOf(repository)).toEqual([]);
    expect(artifacts.artifacts(runId).map(artifact => artifact.name)).toHaveLength(2);
  });

  it('the merge job creates the index with every tag, the platforms and the annotations', async () => {
    ({run: merge} = await mergeJob(runId, {platforms: 'linux/amd64,linux/arm64'}));
    expect(merge.main.errors).toEqual([]);
    expect(merge.main.exitCode).toBe(0);
    expect(merge.post?.exitCode).toBe(0);

    const tags = merge.main.outputs.tags!.split('\n');
    expect(tags).toEqual([`${image}:v1.2.3`, `${image}:latest`]);
    const digest = merge.main.outputs.digest!;
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(merge.main.outputs.image).toBe(image);
    expect(merge.main.outputs.pushed).toBe('true');
    expect(JSON.parse(merge.main.outputs.metadata!)['containerimage.digest']).toBe(digest);

    for (const tag of ['v1.2.3', 'latest']) expect(await manifestDigest(repository, tag)).toBe(digest);
    expect((await tagsOf(repository)).sort()).toEqual(['latest', 'v1.2.3']);
    const index = await getManifest(repository, digest);
    expect(index.mediaType).toBe(MEDIA_TYPES.ociIndex);
    const body = JSON.parse(index.raw) as {
      manifests: {
        digest: string;
        mediaType: string;
        platform: {os: string; architecture: string};
        annotations?: Record<string, string>;
      }[];
      annotations: Record<string, string>;
    };
    const images = body.manifests.filter(entry => entry.platform.os !== 'unknown');
    expect(images.map(entry => `${entry.platform.os}/${entry.platform.architecture}`).sort()).toEqual([
      'linux/amd64',
      'linux/arm64'
    ]);
    expect(images.find(entry => entry.platform.architecture === 'amd64')?.digest).toBe(amd64.digest);
    expect(images.find(entry => entry.platform.architecture === 'arm64')?.digest).toBe(arm64.imageDigest);
    // arm64's attestation manifest stays attached to its image.
    const attestation = body.manifests.find(entry => entry.platform.os === 'unknown');
    expect(attestation?.annotations?.['vnd.docker.reference.digest']).toBe(arm64.imageDigest);
    expect(body.annotations['org.opencontainers.image.source']).toBe('https://github.com/Octo-Org/Hello-World');
    expect(body.annotations['org.opencontainers.image.version']).toBe('v1.2.3');
    expect(body.annotations['org.opencontainers.image.description']).toBeDefined();

    expect(merge.main.summary).toContain('linux/arm64');
    expect(merge.main.summary).toContain(arm64.digest);
  });

  it('merges reproducibly: with SOURCE_DATE_EPOCH a second merge gives the same index digest', async () => {
    const epoch = {SOURCE_DATE_EPOCH: '1700000000'};
    const first = await runJob({
      runId,
      jobId: 'merge',
      env: epoch,
      inputs: {distribute: 'merge', tags: 'type=raw,value=epoch'}
    });
    const second = await runJob({
      runId,
      jobId: 'merge',
      env: epoch,
      inputs: {distribute: 'merge', tags: 'type=raw,value=epoch'}
    });
    expect(first.run.main.exitCode).toBe(0);
    expect(second.run.main.outputs.digest).toBe(first.run.main.outputs.digest);
    // Without it, the created annotation (the time of the merge) makes each merge a new index.
    expect(first.run.main.outputs.digest).not.toBe(merge.main.outputs.digest);
  });
});

describe('what the merge refuses, with what to do', () => {
  it('a platform the merge expects but no job handed off', async () => {
    const runId = newRunId();
    await platformJob(runId, amd64);
    const before = await tagsOf(repository);
    const {run} = await mergeJob(runId, {platforms: 'linux/amd64,linux/arm64'});
    expect(failureOf(run)).toMatch(
      /No digest was handed off for linux\/arm64 .*handed off: linux\/amd64.*Did a platform job fail/
    );
    expect(await tagsOf(repository)).toEqual(before);
  });

  it("a run whose platform jobs handed nothing off (another run's digests are not seen)", async () => {
    const {run} = await mergeJob(newRunId());
    expect(failureOf(run)).toMatch(/No platform job of this run handed off a digest for .*distribute: platform/);
  });

  it('digests handed off for other images than the merge job computes', async () => {
    const runId = newRunId();
    await platformJob(runId, amd64);
    const {run} = await mergeJob(runId, {images: `${image}-other`});
    expect(failureOf(run)).toMatch(
      new RegExp(`digests were handed off for ${image.replace(/[./]/g, '\\$&')}.*same "images" input`)
    );
  });

  it('a platform handed off twice in one attempt', async () => {
    const runId = newRunId();
    const first = await platformJob(runId, amd64, 'first');
    expect(first.run.main.exitCode).toBe(0);
    const second = await runJob({
      runId,
      jobId: 'second',
      digest: arm64.digest,
      inputs: {distribute: 'platform', platforms: 'linux/amd64'}
    });
    expect(failureOf(second.run)).toMatch(/already handed off linux\/amd64.*matrix lists every platform once/);
  });

  it('a digest whose image is of another platform than the job says', async () => {
    const runId = newRunId();
    await platformJob(runId, amd64);
    await runJob({
      runId,
      jobId: 'arm',
      digest: amd64.digest,
      inputs: {distribute: 'platform', platforms: 'linux/arm64'}
    });
    const before = await tagsOf(repository);
    const {run} = await mergeJob(runId);
    expect(failureOf(run)).toMatch(/handed off as linux\/arm64 but holds linux\/amd64/);
    expect(await tagsOf(repository)).toEqual(before);
  });

  it('a re-run attempt of a platform job replaces its first attempt', async () => {
    const runId = newRunId();
    await platformJob(runId, amd64);
    await runJob({
      runId,
      jobId: 'arm-1',
      digest: amd64.digest,
      inputs: {distribute: 'platform', platforms: 'linux/arm64'}
    });
    const rerun = await runJob({
      runId,
      jobId: 'arm-2',
      runAttempt: 2,
      digest: arm64.digest,
      inputs: {distribute: 'platform', platforms: 'linux/arm64'}
    });
    expect(rerun.run.main.exitCode).toBe(0);
    const {run} = await runJob({
      runId,
      jobId: 'merge',
      runAttempt: 2,
      inputs: {distribute: 'merge', tags: 'type=raw,value=rerun'}
    });
    expect(run.main.errors).toEqual([]);
    const index = JSON.parse((await getManifest(repository, 'rerun')).raw) as {manifests: {digest: string}[]};
    expect(index.manifests.map(entry => entry.digest)).toContain(arm64.imageDigest);
  });
});
