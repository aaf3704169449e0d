import {
  HANDOFF_PREFIX,
  handoffArtifact,
  imagesKey,
  parseHandoffName,
  selectPlatformDigests
} from '../../../src/core/handoff.js';
import {ActionableError} from '../../../src/core/errors.js';
import {githubContextFrom} from '../../../src/core/github-context.js';

const images = ['ghcr.io/octo-org/hello-world'];
const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

function contextOf(attempt = 1) {
  return githubContextFrom(
    {
      GITHUB_REPOSITORY: 'Octo-Org/Hello-World',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: String(attempt),
      GITHUB_JOB: 'build'
    },
    {}
  );
}

function nameOf(platform: string, n: number, attempt = 1, forImages = images): string {
  return handoffArtifact(forImages, platform, digest(n), contextOf(attempt)).name;
}

function select(names: string[], platforms: string[] = []) {
  return selectPlatformDigests(names, {images, platforms});
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ActionableError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('handoff artifacts', () => {
  it('name the image list, platform, attempt and digest, in characters artifact names allow', () => {
    const artifact = handoffArtifact(images, 'linux/arm/v7', digest(1), contextOf(2));
    expect(artifact.name).toBe(`${HANDOFF_PREFIX}${imagesKey(images)}-linux-arm-v7-a2-${'1'.repeat(64)}`);
    expect(artifact.name).toMatch(/^[a-z0-9.-]+$/);
    expect(parseHandoffName(artifact.name)).toEqual({
      imagesKey: imagesKey(images),
      platformSlug: 'linux-arm-v7',
      runAttempt: 2,
      digest: digest(1),
      artifact: artifact.name
    });
  });

  it('carry the same facts and the job in their content, for people reading the run', () => {
    const artifact = handoffArtifact(['GHCR.io/b/x', 'ghcr.io/a/x'], 'linux/aarch64', digest(1), contextOf());
    expect(JSON.parse(artifact.content)).toEqual({
      images: ['ghcr.io/a/x', 'ghcr.io/b/x'],
      platform: 'linux/arm64',
      digest: digest(1),
      runId: '4242',
      runAttempt: 1,
      job: 'build'
    });
  });

  it('key images independently of order and case', () => {
    expect(imagesKey(['ghcr.io/a/x', 'docker.io/a/x'])).toBe(imagesKey(['DOCKER.io/a/x', 'ghcr.io/a/x']));
    expect(imagesKey(['ghcr.io/a/x'])).not.toBe(imagesKey(['ghcr.io/a/y']));
  });

  it('are told apart from other artifacts of the run', () => {
    expect(parseHandoffName('digests-linux-amd64')).toBeUndefined();
    expect(parseHandoffName(`${HANDOFF_PREFIX}notakey-linux-amd64-a1-${'1'.repeat(64)}`)).toBeUndefined();
    expect(parseHandoffName(`${HANDOFF_PREFIX}${imagesKey(images)}-linux-amd64-a1-${'1'.repeat(63)}`)).toBeUndefined();
  });
});

describe('selectPlatformDigests', () => {
  it('returns one handoff per platform, sorted, for the merge job images', () => {
    const selected = select([nameOf('linux/arm64', 2), nameOf('linux/amd64', 1), 'some-other-artifact']);
    expect(selected.map(entry => [entry.platformSlug, entry.digest])).toEqual([
      ['linux-amd64', digest(1)],
      ['linux-arm64', digest(2)]
    ]);
  });

  it('takes the latest attempt of a platform that was re-run', () => {
    const selected = select([nameOf('linux/amd64', 1), nameOf('linux/amd64', 3, 2), nameOf('linux/arm64', 2)]);
    expect(selected.find(entry => entry.platformSlug === 'linux-amd64')?.digest).toBe(digest(3));
  });

  it('refuses two digests for one platform in one attempt, naming both', () => {
    const message = errorOf(() => select([nameOf('linux/amd64', 1), nameOf('linux/amd64', 2)]));
    expect(message).toMatch(/Two digests were handed off for linux\/amd64 .* in attempt 1/);
    expect(message).toContain(digest(1));
    expect(message).toContain(digest(2));
    expect(message).toMatch(/matrix lists every platform once/);
  });

  it('treats platform spellings BuildKit normalizes as one platform', () => {
    expect(errorOf(() => select([nameOf('linux/arm64/v8', 1), nameOf('linux/aarch64', 2)]))).toMatch(
      /Two digests .* linux\/arm64 /
    );
    expect(select([nameOf('linux/arm', 1)], ['linux/arm/v7'])).toHaveLength(1);
  });

  it('names missing and unexpected platforms when the merge job lists its platforms', () => {
    expect(select([nameOf('linux/amd64', 1), nameOf('linux/arm64', 2)], ['linux/arm64', 'linux/amd64'])).toHaveLength(
      2
    );
    const missing = errorOf(() => select([nameOf('linux/amd64', 1)], ['linux/amd64', 'linux/arm64']));
    expect(missing).toMatch(/No digest was handed off for linux\/arm64 of ghcr.io\/octo-org\/hello-world/);
    expect(missing).toMatch(/handed off: linux\/amd64/);
    const extra = errorOf(() => select([nameOf('linux/amd64', 1), nameOf('linux/s390x', 2)], ['linux/amd64']));
    expect(extra).toMatch(/linux\/s390x, not in "platforms"/);
  });

  it('says on a re-run that finds nothing that the handoffs may have expired, and what to do', () => {
    const rerun = errorOf(() =>
      selectPlatformDigests([], {images: ['ghcr.io/octo-org/hello-world'], platforms: [], runAttempt: 3})
    );
    expect(rerun).toMatch(/attempt 3 of the run: handoffs are kept for one day/);
    expect(rerun).toMatch(/Re-run all jobs/);
  });

  it('says when nothing was handed off, and when only other images were', () => {
    expect(errorOf(() => select([]))).toMatch(
      /No platform job of this run handed off a digest for ghcr.io\/octo-org\/hello-world.*distribute: platform/
    );
    expect(errorOf(() => select([]))).not.toMatch(/expired/);
    const otherName = nameOf('linux/amd64', 1, 1, ['ghcr.io/octo-org/other']);
    const other = errorOf(() => select([otherName]));
    expect(other).toContain(otherName);
    expect(other).toMatch(/same "images" input/);
  });
});
