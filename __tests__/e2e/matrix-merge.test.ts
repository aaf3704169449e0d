/**
 * The matrix recipe end to end, jobs run one after another by the runner harness as one workflow run would run
 * them: platform jobs (the bundled action with `distribute: platform`, buildx played by the recording fake
 * docker, which reports digests of images really pushed by digest to the registry) hand their digests off
 * through the run's artifacts (a local artifact service speaking the results service's protocol), and the merge
 * job (`distribute: merge`) joins them through the real registry's API. The index is then read back from the
 * registry: media type, one entry per platform, annotations, every tag on the index digest.
 */
import {randomInt} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {runAction, type ActionRun} from '../harness/runner.js';
import {cleanupAllFakeDockers, createFakeDocker} from '../support/fake-docker/index.js';
import {startFakeArtifactService, type FakeArtifactService} from '../support/fake-artifact-service.js';
import {pushPlatformImage, type PushedPlatformImage} from './support/oci-images.js';
import {startFakeSigstore, type FakeSigstore} from '../support/fake-sigstore.js';
import {
  ensureServices,
  getManifest,
  listTags,
  manifestDigest,
  MEDIA_TYPES,
  RegistryError,
  SERVICES,
  TOKEN_SERVICES,
  SETUP_TIMEOUT_MS,
  uniqueRepository
} from './support/services.js';

const STEP_TIMEOUT_MS = 60_000;

let artifacts: FakeArtifactService;
let sigstore: FakeSigstore;
let repository: string;
let image: string;
let amd64: PushedPlatformImage;
let arm64: PushedPlatformImage;

beforeAll(async () => {
  await ensureServices();
  artifacts = await startFakeArtifactService();
  sigstore = await startFakeSigstore();
  repository = uniqueRepository('e2e/matrix');
  image = `${SERVICES.registry}/${repository}`;
  amd64 = await pushPlatformImage(repository, 'linux/amd64');
  // buildx's default provenance makes a platform job's digest an index with an attestation manifest.
  arm64 = await pushPlatformImage(repository, 'linux/arm64', {attestation: true});
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await artifacts?.close();
  await sigstore?.close();
  await cleanupAllFakeDockers();
});

interface Job {
  runId: string;
  jobId: string;
  inputs: Record<string, string>;
  /** The digest the fake buildx reports for the push by digest. */
  digest?: string;
  /** Registries the fake docker accepts logins to, besides the htpasswd registry. */
  fakeLogins?: Record<string, {username: string; password: string}>;
  runAttempt?: number;
  /** The artifact service's id of this attempt of the run (a re-run attempt gets a new one); default runId. */
  backendRunId?: string;
  env?: Record<string, string>;
  /** A runner without any docker CLI: PATH is only this (empty) directory. */
  noDockerPath?: string;
}

const credentials = {username: SERVICES.username, password: SERVICES.password};

/** One job of the run: the bundled action, main then post, with the run's artifact service. */
async function runJob(job: Job): Promise<{run: ActionRun; buildArgs: string[][]}> {
  const fake = await createFakeDocker({
    driver: 'docker-container',
    logins: {[SERVICES.registry]: credentials, ...job.fakeLogins},
    ...(job.digest ? {build: {digest: job.digest}} : {})
  });
  const run = await runAction({
    event: 'push-tag',
    token: 'ghs_matrixJobToken0123456789',
    pathPrepend: job.noDockerPath ? [] : [fake.binDir],
    ...(job.noDockerPath ? {pathOverride: job.noDockerPath, keep: true} : {}),
    timeoutMs: STEP_TIMEOUT_MS,
    inputs: {images: image, context: '.', ...credentials, ...job.inputs},
    env: {
      ...fake.env,
      ACTIONS_RESULTS_URL: artifacts.url,
      ACTIONS_RUNTIME_TOKEN: artifacts.runtimeToken({runId: job.backendRunId ?? job.runId, jobId: job.jobId}),
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
    expect(merge.main.summary).toContain('| Cache | none (the merge builds nothing) |');
    expect(merge.main.summary).toContain(arm64.digest);
  });

  it('merges on a runner without the docker CLI: login written to config.json, removed in post', async () => {
    const emptyPath = mkdtempSync(path.join(os.tmpdir(), 'ghcr-publish-e2e-nodocker-'));
    const {run} = await runJob({
      runId,
      jobId: 'merge-nodocker',
      noDockerPath: emptyPath,
      inputs: {distribute: 'merge', platforms: 'linux/amd64,linux/arm64', tags: 'type=raw,value=nodocker'}
    });
    try {
      expect(run.main.errors).toEqual([]);
      expect(run.main.stdout).toContain(`Logged in to ${SERVICES.registry} in docker's config.json (no docker CLI`);
      expect(await manifestDigest(repository, 'nodocker')).toBe(run.main.outputs.digest);
      expect(run.post?.exitCode).toBe(0);
      expect(run.post?.warnings).toEqual([]);
      const config = JSON.parse(readFileSync(path.join(run.dirs.home, '.docker', 'config.json'), 'utf8'));
      expect(config.auths).toEqual({});
    } finally {
      await run.cleanup();
      rmSync(emptyPath, {recursive: true, force: true});
    }
  });

  it('merges reproducibly: with SOURCE_DATE_EPOCH a second merge gives the same index digest', async () => {
    const epoch = {SOURCE_DATE_EPOCH: '1700000000'};
    const inputs = {distribute: 'merge', tags: 'type=raw,value=epoch'};
    const first = await runJob({runId, jobId: 'merge', env: epoch, inputs});
    const second = await runJob({runId, jobId: 'merge', env: epoch, inputs});
    const later = await runJob({runId, jobId: 'merge', env: {SOURCE_DATE_EPOCH: '1700000060'}, inputs});
    expect(first.run.main.exitCode).toBe(0);
    expect(second.run.main.outputs.digest).toBe(first.run.main.outputs.digest);
    // The created annotation is the only difference: a merge at another time is another index.
    expect(later.run.main.outputs.digest).not.toBe(first.run.main.outputs.digest);
    expect(await manifestDigest(repository, 'epoch')).toBe(later.run.main.outputs.digest);
  });
});

describe('a matrix run with id-token: write', () => {
  it('the merge job attests the merged index, its platform images and the digests handed off', async () => {
    const runId = newRunId();
    const attesting = sigstore.actionEnv();
    for (const pushed of [amd64, arm64]) {
      const {run} = await runJob({
        runId,
        jobId: pushed.platform.replace('/', '-'),
        digest: pushed.digest,
        env: attesting,
        inputs: {distribute: 'platform', platforms: pushed.platform}
      });
      expect(run.main.errors).toEqual([]);
      expect(run.main.stdout).toContain('No provenance attestation: a platform job pushes by digest only');
    }
    expect(sigstore.attestations()).toEqual([]);
    const {run} = await runJob({
      runId,
      jobId: 'merge',
      env: attesting,
      inputs: {
        distribute: 'merge',
        platforms: 'linux/amd64,linux/arm64',
        attest: 'true',
        tags: 'type=raw,value=attested'
      }
    });
    expect(run.main.errors).toEqual([]);
    const stored = sigstore.attestations();
    expect(stored).toHaveLength(1);
    expect(run.main.outputs['attestation-id']).toBe(String(stored[0]!.id));
    const {statement} = sigstore.verifyBundle(stored[0]!.bundle);
    const digests = statement.subject.map(subject => `sha256:${subject.digest.sha256}`);
    // The index, the two platform images in it, and arm64's own index (image + attestation) the job handed off.
    expect(digests).toEqual([run.main.outputs.digest, amd64.digest, arm64.imageDigest, arm64.digest]);
    expect(new Set(statement.subject.map(subject => subject.name))).toEqual(new Set([image]));
  });
});

describe('a matrix pushing to two registries (htpasswd and token auth)', () => {
  it('pushes the index to both, every tag on each, through the bearer flow on the token registry', async () => {
    const runId = newRunId();
    const name = uniqueRepository('e2e/matrix-two');
    const tokenImage = `${TOKEN_SERVICES.registry}/${name}`;
    const basicImage = `${SERVICES.registry}/${name}`;
    const writer = TOKEN_SERVICES.users.writer;
    const pushed: PushedPlatformImage[] = [];
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      // buildx pushes the same bytes to every name of the output: the digests are equal in both registries.
      const basic = await pushPlatformImage(name, platform, {attestation: true});
      const token = await pushPlatformImage(name, platform, {
        attestation: true,
        registry: TOKEN_SERVICES.registry,
        auth: writer
      });
      expect(token.digest).toBe(basic.digest);
      pushed.push(basic);
    }
    const images = `${basicImage}\n${tokenImage}`;
    for (const image of pushed) {
      const {run, buildArgs} = await runJob({
        runId,
        jobId: image.platform,
        digest: image.digest,
        inputs: {images, distribute: 'platform', platforms: image.platform}
      });
      expect(run.main.errors).toEqual([]);
      expect(buildArgs[0]).toContain(
        `type=image,"name=${basicImage},${tokenImage}",push-by-digest=true,name-canonical=true,push=true`
      );
    }
    const {run} = await runJob({
      runId,
      jobId: 'merge',
      fakeLogins: {[TOKEN_SERVICES.registry]: credentials},
      inputs: {images, distribute: 'merge', tags: 'type=raw,value=two'}
    });
    expect(run.main.errors).toEqual([]);
    const digest = run.main.outputs.digest!;
    expect(await manifestDigest(name, 'two')).toBe(digest);
    expect(await manifestDigest(name, 'two', {registry: TOKEN_SERVICES.registry, auth: writer})).toBe(digest);
  });

  it('refuses when a digest is missing from one of the images, before any tag moves', async () => {
    const runId = newRunId();
    const name = uniqueRepository('e2e/matrix-half');
    const only = await pushPlatformImage(name, 'linux/amd64');
    const images = `${SERVICES.registry}/${name}\n${TOKEN_SERVICES.registry}/${name}`;
    await runJob({
      runId,
      jobId: 'amd64',
      digest: only.digest,
      inputs: {images, distribute: 'platform', platforms: 'linux/amd64'}
    });
    const {run} = await runJob({
      runId,
      jobId: 'merge',
      fakeLogins: {[TOKEN_SERVICES.registry]: credentials},
      inputs: {images, distribute: 'merge', tags: 'type=raw,value=half'}
    });
    expect(failureOf(run)).toMatch(
      new RegExp(`${only.digest} handed off for linux/amd64 is not in ${TOKEN_SERVICES.registry}/${name}`)
    );
    expect(await tagsOf(name)).toEqual([]);
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
      /No platform job of this run pushed digests for .*-other, but 1 handed off digests for other images \(ghcr-publish-digest-.*same "images" input/
    );
  });

  it('two different digests for one platform in one attempt (the matrix lists it twice)', async () => {
    const runId = newRunId();
    expect((await platformJob(runId, amd64, 'first')).run.main.exitCode).toBe(0);
    // The same digest again is the same handoff: nothing to do.
    const again = await platformJob(runId, amd64, 'again');
    expect(again.run.main.exitCode).toBe(0);
    expect(again.run.main.stdout).toMatch(/already holds the handoff of linux\/amd64/);
    const other = await runJob({
      runId,
      jobId: 'second',
      digest: arm64.digest,
      inputs: {distribute: 'platform', platforms: 'linux/amd64'}
    });
    expect(other.run.main.exitCode).toBe(0);
    const {run} = await mergeJob(runId);
    const message = failureOf(run);
    expect(message).toMatch(/Two digests were handed off for linux\/amd64 .*matrix lists every platform once/);
    expect(message).toContain(amd64.digest);
    expect(message).toContain(arm64.digest);
  });

  it('no tag for this event: platform jobs build without pushing, the merge job does nothing', async () => {
    const runId = newRunId();
    const noTags = {tags: 'type=raw,value=never,enable=false'};
    const platform = await runJob({
      runId,
      jobId: 'amd64',
      digest: amd64.digest,
      inputs: {distribute: 'platform', platforms: 'linux/amd64', ...noTags}
    });
    expect(platform.run.main.exitCode).toBe(0);
    expect(platform.run.main.outputs.pushed).toBe('false');
    expect(platform.buildArgs[0]).not.toContain('--output');
    expect(artifacts.artifacts(runId)).toEqual([]);
    const {run} = await mergeJob(runId, noTags);
    expect(run.main.exitCode).toBe(0);
    expect(run.main.outputs.pushed).toBe('false');
    expect(run.main.outputs.digest).toBe('');
    expect(run.main.stdout).toMatch(/Not merging: .*no tag rule produced a tag/);
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

  it('a re-run attempt replaces a platform, and earlier attempts are used from the listing alone', async () => {
    // The service gives a re-run attempt new backend ids, lists the earlier attempt's artifacts and may refuse
    // to download them (actions/download-artifact#486): the merge must not need to.
    const runId = newRunId();
    const [first, second] = [`${runId}-attempt-1`, `${runId}-attempt-2`];
    artifacts.rerun(first, second);
    const attempt1 = {runId, backendRunId: first, runAttempt: 1};
    const attempt2 = {runId, backendRunId: second, runAttempt: 2};
    await runJob({
      ...attempt1,
      jobId: 'amd64',
      digest: amd64.digest,
      inputs: {distribute: 'platform', platforms: 'linux/amd64'}
    });
    // Attempt 1 handed off a wrong image for arm64; attempt 2 (re-run of the failed jobs) the right one.
    await runJob({
      ...attempt1,
      jobId: 'arm64',
      digest: amd64.digest,
      inputs: {distribute: 'platform', platforms: 'linux/arm64'}
    });
    const rerun = await runJob({
      ...attempt2,
      jobId: 'arm64',
      digest: arm64.digest,
      inputs: {distribute: 'platform', platforms: 'linux/arm64'}
    });
    expect(rerun.run.main.exitCode).toBe(0);
    const {run} = await runJob({
      ...attempt2,
      jobId: 'merge',
      inputs: {distribute: 'merge', tags: 'type=raw,value=rerun'}
    });
    expect(run.main.errors).toEqual([]);
    const index = JSON.parse((await getManifest(repository, 'rerun')).raw) as {manifests: {digest: string}[]};
    expect(index.manifests.map(entry => entry.digest)).toEqual(
      expect.arrayContaining([amd64.digest, arm64.imageDigest])
    );
  });
});
