/**
 * The push retry on the buildx path (`docker buildx build --push`). A registry that fails a manifest PUT once and
 * then works cannot be arranged in front of the real BuildKit here, so the bundled action runs against the
 * recording fake docker (__tests__/support/fake-docker) scripted to fail its first builds the way buildx prints
 * those registry answers. A
 * hiccup (a 503 manifest PUT, a broken connection) is retried, bounded, and logged; a denial, a failed build step
 * or a build without push is not. The same retry against the real engine and registries is in
 * token-faults-through-action.test.ts.
 */
import {DOCKER_RETRY} from '../../src/steps/job.js';
import type {RunOptions} from '../harness/runner.js';
import {cleanupAllFakeDockers, type FakeDockerScenario} from '../support/fake-docker/index.js';
import {runWithFakeDocker} from '../support/with-fake-docker.js';

const TEST_TIMEOUT_MS = 60_000;
/** attempts of PUSH_RETRY in src/steps/publish.ts. */
const PUSH_ATTEMPTS = DOCKER_RETRY.attempts;
const PUSH_503 = [
  '#10 exporting to image',
  '#10 pushing manifest for ghcr.io/octo-org/hello-world:v1.2.3',
  '#10 ERROR: failed to push ghcr.io/octo-org/hello-world:v1.2.3: unexpected status from PUT request to https://ghcr.io/v2/octo-org/hello-world/manifests/v1.2.3: 503 Service Unavailable',
  'ERROR: failed to solve: failed to push ghcr.io/octo-org/hello-world:v1.2.3: unexpected status from PUT request to https://ghcr.io/v2/octo-org/hello-world/manifests/v1.2.3: 503 Service Unavailable',
  ''
].join('\n');
const PUSH_EOF =
  'ERROR: failed to solve: failed to push ghcr.io/octo-org/hello-world:v1.2.3: failed to do request: Put "https://ghcr.io/v2/octo-org/hello-world/blobs/uploads/abc?digest=sha256%3A01": EOF\n';
const DENIED =
  'ERROR: failed to solve: failed to push ghcr.io/octo-org/hello-world:v1.2.3: denied: permission_denied: write_package\n';
const RUN_FAILED = [
  '#8 [2/2] RUN wget -q http://127.0.0.1:9/',
  '#8 0.311 wget: can not connect to remote host (127.0.0.1): Connection refused',
  '#8 ERROR: process "/bin/sh -c wget -q http://127.0.0.1:9/" did not complete successfully: exit code: 1',
  'ERROR: failed to solve: process "/bin/sh -c wget -q http://127.0.0.1:9/" did not complete successfully: exit code: 1',
  ''
].join('\n');

afterAll(() => cleanupAllFakeDockers());

async function publish(scenario: FakeDockerScenario, options: RunOptions = {}) {
  const {run, fake} = await runWithFakeDocker(scenario, {timeoutMs: TEST_TIMEOUT_MS - 10_000, ...options});
  return {run, builds: fake.callsOf(['buildx', 'build'])};
}

const retryLines = (stdout: string) =>
  stdout.match(/Build and push failed transiently \(.*\); retry \d+ in \d+ ms\./g) ?? [];

describe('buildx build --push on a flaky registry (fake docker)', () => {
  it.each([
    ['a 503 manifest PUT', PUSH_503],
    ['a broken blob upload', PUSH_EOF]
  ])(
    '%s once: built and pushed again, logged',
    async (_case, stderr) => {
      const {run, builds} = await publish({build: {fail: {stderr, times: 1}}});
      expect(run.main.errors).toEqual([]);
      expect(run.main.exitCode).toBe(0);
      expect(builds).toHaveLength(2);
      expect(builds.every(call => call.argv.includes('--push'))).toBe(true);
      expect(retryLines(run.main.stdout)).toEqual([
        expect.stringMatching(
          /^Build and push failed transiently \(ERROR: failed to solve: failed to push .*\); retry 1 in/
        )
      ]);
      expect(run.main.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    },
    TEST_TIMEOUT_MS
  );

  it(
    'a hiccup that outlasts the retries fails after 3 builds, explained',
    async () => {
      const {run, builds} = await publish({build: {fail: {stderr: PUSH_503, times: 10}}});
      expect(run.main.exitCode).toBe(1);
      expect(builds).toHaveLength(PUSH_ATTEMPTS);
      expect(retryLines(run.main.stdout)).toHaveLength(PUSH_ATTEMPTS - 1);
      expect(run.main.errors.join('\n')).toMatch(
        /^Build and push failed: ERROR: failed to solve: .*503 Service Unavailable$/
      );
    },
    TEST_TIMEOUT_MS
  );

  it.each([
    ['a denial', DENIED, /Build and push failed: .*permission_denied: write_package\n.*Manage Actions access/s],
    ['a RUN step that failed', RUN_FAILED, /Build and push failed: .*did not complete successfully: exit code: 1$/]
  ])(
    '%s is not retried',
    async (_case, stderr, message) => {
      const {run, builds} = await publish({build: {fail: {stderr, times: 10}}});
      expect(run.main.exitCode).toBe(1);
      expect(builds).toHaveLength(1);
      expect(retryLines(run.main.stdout)).toEqual([]);
      expect(run.main.errors.join('\n')).toMatch(message);
    },
    TEST_TIMEOUT_MS
  );

  it(
    'a build without push is retried too when pulling its base image hiccups, bounded',
    async () => {
      const pull503 =
        'ERROR: failed to solve: docker.io/library/alpine:3.20: failed to resolve source metadata for ' +
        'docker.io/library/alpine:3.20: unexpected status from HEAD request to ' +
        'https://registry-1.docker.io/v2/library/alpine/manifests/3.20: 503 Service Unavailable\n';
      const {run, builds} = await publish({build: {fail: {stderr: pull503, times: 10}}}, {event: 'pull-request'});
      expect(run.main.exitCode).toBe(1);
      expect(builds).toHaveLength(PUSH_ATTEMPTS);
      expect(builds[0]?.argv).not.toContain('--push');
      expect(run.main.errors.join('\n')).toMatch(/^Build failed: .*503 Service Unavailable/);
    },
    TEST_TIMEOUT_MS
  );
});
