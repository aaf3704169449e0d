import {errorCause, explainFailure, isTransientRegistryFailure} from '../../../src/core/registry-errors.js';

const context = {operation: 'Build and push', registry: 'ghcr.io', forkPullRequest: false};

describe('explainFailure', () => {
  it('maps the organization package denial to packages: write', () => {
    const message = explainFailure(
      '#12 ERROR: failed to push ghcr.io/o/r:1: denied: installation not allowed to Write organization package\n' +
        'ERROR: failed to solve: failed to push ghcr.io/o/r:1: denied: installation not allowed to Write organization package',
      context
    );
    expect(message).toMatch(/^Build and push failed: ERROR: failed to solve: .*Write organization package\n/);
    expect(message).toContain('permissions: packages: write');
  });

  it('explains the same denial on a fork pull request as a fork limit', () => {
    const message = explainFailure('denied: installation not allowed to Create organization package', {
      ...context,
      forkPullRequest: true
    });
    expect(message).toMatch(/forks get a read-only GITHUB_TOKEN/);
  });

  it('maps write_package denials to Manage Actions access', () => {
    expect(explainFailure('denied: permission_denied: write_package', context)).toMatch(/Manage Actions access/);
  });

  it('maps an unauthorized login to the credentials', () => {
    const message = explainFailure('Error response from daemon: Get "https://ghcr.io/v2/": unauthorized', {
      ...context,
      operation: 'Login to ghcr.io'
    });
    expect(message).toMatch(/^Login to ghcr\.io failed: Error response from daemon/);
    expect(message).toMatch(/github-token/);
  });

  it('names other registries in credential failures', () => {
    expect(explainFailure('unauthorized: authentication required', {...context, registry: 'quay.io'})).toMatch(
      /quay\.io refused the credentials/
    );
  });

  it('passes unknown failures through with the last line', () => {
    expect(explainFailure('step 1\nERROR: failed to solve: dockerfile parse error\n\n', context)).toBe(
      'Build and push failed: ERROR: failed to solve: dockerfile parse error'
    );
  });
});

describe('errorCause', () => {
  it('skips trailing blank lines', () => {
    expect(errorCause('a\nb\n  \n')).toBe('b');
    expect(errorCause('')).toBe('');
  });

  it.each([
    [
      // docker 28 running tonistiigi/binfmt without Docker Hub
      'Unable to find image \'tonistiigi/binfmt:latest\' locally\ndocker: Error response from daemon: failed to resolve reference "docker.io/tonistiigi/binfmt:latest": failed to do request: Head "https://registry-1.docker.io/v2/tonistiigi/binfmt/manifests/latest": dial tcp: lookup registry-1.docker.io: no such host\n\nRun \'docker run --help\' for more information\n',
      'docker: Error response from daemon: failed to resolve reference "docker.io/tonistiigi/binfmt:latest": failed to do request: Head "https://registry-1.docker.io/v2/tonistiigi/binfmt/manifests/latest": dial tcp: lookup registry-1.docker.io: no such host'
    ],
    [
      // buildx 0.13.1, --provenance on dockerd 26's classic image store
      'ERROR: Attestation is not supported for the docker driver.\nSwitch to a different driver, or turn on the containerd image store, and try again.\nLearn more at https://docs.docker.com/go/attestations/\n',
      'ERROR: Attestation is not supported for the docker driver. Switch to a different driver, or turn on the containerd image store, and try again.'
    ],
    [
      // a flag the docker CLI does not know
      "unknown flag: --frobnicate\nSee 'docker buildx build --help'.\n",
      'unknown flag: --frobnicate'
    ],
    [
      // a failed RUN step: BuildKit's summary line is the last one
      '#7 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3\n------\n > [2/2] RUN exit 3:\n------\nERROR: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3\n',
      'ERROR: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'
    ]
  ])('keeps the line that carries the error: %#', (output, cause) => {
    expect(errorCause(output)).toBe(cause);
  });
});

describe('isTransientRegistryFailure', () => {
  it.each([
    [
      'Error response from daemon: Get "https://ghcr.io/v2/": received unexpected HTTP status: 503 Service Unavailable',
      true
    ],
    ['Error response from daemon: Get "https://ghcr.io/v2/": net/http: TLS handshake timeout', true],
    ['Error response from daemon: Get "https://ghcr.io/v2/": EOF', true],
    [
      'Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized',
      false
    ],
    ['Error response from daemon: Get "https://ghcr.io/v2/": denied: denied', false]
  ])('%s → %s', (stderr, transient) => {
    expect(isTransientRegistryFailure(stderr)).toBe(transient);
  });
});
