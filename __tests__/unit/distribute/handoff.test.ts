import {
  HANDOFF_PREFIX,
  handoffName,
  handoffRecord,
  imagesKey,
  parseHandoff,
  selectPlatformDigests,
  type HandoffRecord
} from '../../../src/distribute/handoff.js';
import {ActionableError} from '../../../src/errors.js';
import {githubContextFrom} from '../../../src/github-context.js';

const context = githubContextFrom(
  {
    GITHUB_REPOSITORY: 'Octo-Org/Hello-World',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'build'
  },
  {}
);
const images = ['ghcr.io/octo-org/hello-world'];
const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

function record(platform: string, n: number, overrides: Partial<HandoffRecord> = {}): HandoffRecord {
  return {...handoffRecord(images, platform, digest(n), context), ...overrides};
}

function select(records: HandoffRecord[], platforms: string[] = []) {
  return selectPlatformDigests(records, {images, context, platforms});
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

describe('handoff records', () => {
  it('records the run, attempt, job and sorted lowercase images', () => {
    const made = handoffRecord(['GHCR.io/b/x', 'ghcr.io/a/x'], 'linux/arm64', digest(1), context);
    expect(made).toEqual({
      version: 1,
      images: ['ghcr.io/a/x', 'ghcr.io/b/x'],
      platform: 'linux/arm64',
      digest: digest(1),
      repository: 'Octo-Org/Hello-World',
      runId: '4242',
      runAttempt: 1,
      job: 'build'
    });
  });

  it('names artifacts per image list, platform and attempt, with characters artifact names allow', () => {
    const name = handoffName(record('linux/arm/v7', 1));
    expect(name.startsWith(HANDOFF_PREFIX)).toBe(true);
    expect(name).toMatch(/^[a-z0-9.-]+$/);
    expect(name).toContain('linux-arm-v7-a1');
    expect(handoffName(record('linux/arm/v7', 1, {runAttempt: 2}))).not.toBe(name);
    expect(handoffName(record('linux/arm/v7', 1, {images: ['ghcr.io/other/x']}))).not.toBe(name);
  });

  it('keys images independently of order and case', () => {
    expect(imagesKey(['ghcr.io/a/x', 'docker.io/a/x'])).toBe(imagesKey(['DOCKER.io/a/x', 'ghcr.io/a/x']));
    expect(imagesKey(['ghcr.io/a/x'])).not.toBe(imagesKey(['ghcr.io/a/y']));
  });

  it('round-trips through JSON and rejects other content naming the artifact', () => {
    const original = record('linux/amd64', 1);
    expect(parseHandoff('a', JSON.stringify(original))).toEqual(original);
    expect(errorOf(() => parseHandoff('ghcr-publish-digest-x', 'not json'))).toMatch(/ghcr-publish-digest-x.*not JSON/);
    expect(errorOf(() => parseHandoff('n', JSON.stringify({...original, digest: 'sha256:short'})))).toMatch(
      /artifact n is not a ghcr-publish digest handoff/
    );
    expect(errorOf(() => parseHandoff('n', JSON.stringify({...original, version: 2})))).toMatch(
      /same ghcr-publish version/
    );
  });
});

describe('selectPlatformDigests', () => {
  it('returns one record per platform, sorted, for the merge job images', () => {
    const selected = select([record('linux/arm64', 2), record('linux/amd64', 1)]);
    expect(selected.map(entry => [entry.platform, entry.digest])).toEqual([
      ['linux/amd64', digest(1)],
      ['linux/arm64', digest(2)]
    ]);
  });

  it('takes the latest attempt of a platform that was re-run', () => {
    const selected = select([
      record('linux/amd64', 1),
      record('linux/amd64', 3, {runAttempt: 2}),
      record('linux/arm64', 2)
    ]);
    expect(selected.find(entry => entry.platform === 'linux/amd64')?.digest).toBe(digest(3));
  });

  it('ignores a second handoff of the same digest, refuses two digests for one platform in one attempt', () => {
    expect(select([record('linux/amd64', 1), record('linux/amd64', 1, {job: 'again'})])).toHaveLength(1);
    const message = errorOf(() => select([record('linux/amd64', 1), record('linux/amd64', 2, {job: 'twin'})]));
    expect(message).toMatch(/Two digests were handed off for linux\/amd64/);
    expect(message).toContain(digest(1));
    expect(message).toContain('job twin');
    expect(message).toMatch(/matrix lists every platform once/);
  });

  it('treats linux/arm64/v8 as linux/arm64', () => {
    const message = errorOf(() => select([record('linux/arm64/v8', 1), record('linux/arm64', 2)]));
    expect(message).toMatch(/Two digests .* linux\/arm64 /);
  });

  it('names missing and unexpected platforms when the merge job lists its platforms', () => {
    expect(select([record('linux/amd64', 1), record('linux/arm64', 2)], ['linux/arm64', 'linux/amd64'])).toHaveLength(
      2
    );
    const missing = errorOf(() => select([record('linux/amd64', 1)], ['linux/amd64', 'linux/arm64']));
    expect(missing).toMatch(/No digest was handed off for linux\/arm64 of ghcr.io\/octo-org\/hello-world/);
    expect(missing).toMatch(/handed off: linux\/amd64/);
    const extra = errorOf(() => select([record('linux/amd64', 1), record('linux/s390x', 2)], ['linux/amd64']));
    expect(extra).toMatch(/linux\/s390x, not in "platforms"/);
  });

  it('says when nothing was handed off, and when only other images were', () => {
    expect(errorOf(() => select([]))).toMatch(
      /No platform job of this run handed off a digest for ghcr.io\/octo-org\/hello-world.*distribute: platform/
    );
    const other = errorOf(() => select([record('linux/amd64', 1, {images: ['ghcr.io/octo-org/other']})]));
    expect(other).toMatch(/digests were handed off for ghcr.io\/octo-org\/other/);
    expect(other).toMatch(/same "images" input/);
  });

  it('refuses a record from another run or repository', () => {
    expect(errorOf(() => select([record('linux/amd64', 1, {runId: '1'})]))).toMatch(
      /another workflow run: .* run Octo-Org\/Hello-World#1, and this is Octo-Org\/Hello-World#4242/
    );
    expect(errorOf(() => select([record('linux/amd64', 1, {repository: 'fork/Hello-World'})]))).toMatch(
      /another workflow run/
    );
  });
});
