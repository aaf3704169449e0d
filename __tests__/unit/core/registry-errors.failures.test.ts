import {isRateLimited, isTransientRegistryFailure} from '../../../src/core/registry-errors.js';

// What docker 20.10 printed for faults injected in front of the real registries (__tests__/e2e), and what
// buildx / BuildKit print for the same registry answers.
const BUILDX_MANIFEST_503 = [
  '#10 exporting to image',
  '#10 pushing layers 0.2s done',
  '#10 pushing manifest for ghcr.io/o/r:1.2.3',
  '#10 ERROR: failed to push ghcr.io/o/r:1.2.3: unexpected status from PUT request to https://ghcr.io/v2/o/r/manifests/1.2.3: 503 Service Unavailable',
  '------',
  ' > exporting to image:',
  '------',
  'ERROR: failed to solve: failed to push ghcr.io/o/r:1.2.3: unexpected status from PUT request to https://ghcr.io/v2/o/r/manifests/1.2.3: 503 Service Unavailable'
].join('\n');

const RUN_STEP_FAILED = [
  '#8 [2/2] RUN curl -fsS http://127.0.0.1:9/',
  '#8 0.412 curl: (7) Failed to connect to 127.0.0.1 port 9: Connection refused',
  '#8 0.415 upstream said 503 Service Unavailable, EOF',
  '#8 ERROR: process "/bin/sh -c curl -fsS http://127.0.0.1:9/" did not complete successfully: exit code: 7',
  '------',
  ' > [2/2] RUN curl -fsS http://127.0.0.1:9/:',
  '0.412 curl: (7) Failed to connect to 127.0.0.1 port 9: Connection refused',
  '------',
  'ERROR: failed to solve: process "/bin/sh -c curl -fsS http://127.0.0.1:9/" did not complete successfully: exit code: 7'
].join('\n');

describe('isTransientRegistryFailure', () => {
  it.each([
    ['docker push, manifest PUT answered 503', 'received unexpected HTTP status: 503 Service Unavailable\n'],
    ['docker push, 429 without a body', 'error parsing HTTP 429 response body: unexpected end of JSON input: ""\n'],
    ['docker push, 429 with an OCI body', 'toomanyrequests: retry later\n'],
    ['docker push, manifest PUT dropped', 'Put "http://127.0.0.1:41237/v2/e2e/x/manifests/1.2.3": EOF\n'],
    [
      'docker push, blob PATCH dropped',
      'Patch "http://127.0.0.1:41237/v2/e2e/x/blobs/uploads/4c1?_state=ab%3D%3D": EOF'
    ],
    [
      'a reset connection',
      'Put "https://ghcr.io/v2/o/r/blobs/uploads/x": read tcp 10.1.0.4:51234->140.82.112.34:443: read: connection reset by peer'
    ],
    ['a TLS handshake timeout', 'Get "https://ghcr.io/v2/": net/http: TLS handshake timeout'],
    [
      'a client timeout',
      'Get "https://ghcr.io/v2/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)'
    ],
    ['a broken pipe', 'Patch "https://ghcr.io/v2/o/r/blobs/uploads/x": write tcp 10.1.0.4:51234: write: broken pipe'],
    ['buildx, manifest PUT answered 503', BUILDX_MANIFEST_503],
    [
      'BuildKit, token service answered 502',
      'ERROR: failed to solve: failed to push ghcr.io/o/r:1: failed to authorize: failed to fetch oauth token: ' +
        'unexpected status from GET request to https://ghcr.io/token?scope=repository%3Ao%2Fr%3Apull%2Cpush: 502 Bad Gateway'
    ],
    [
      'docker login, registry answered 503',
      'Error response from daemon: Get "https://ghcr.io/v2/": received unexpected HTTP status: 503 Service Unavailable'
    ]
  ])('%s: transient', (_case, output) => {
    expect(isTransientRegistryFailure(output)).toBe(true);
  });

  it.each([
    // Real buildx 0.13.1 pushing to a registry on loopback from a builder container with its own network: nothing
    // listens there, and each retry was a whole rebuild.
    [
      'a refused connection',
      'ERROR: failed to solve: failed to push 127.0.0.1:5000/o/r:1: failed to do request: Head "http://127.0.0.1:5000/v2/o/r/blobs/sha256:ab": dial tcp 127.0.0.1:5000: connect: connection refused'
    ],
    ['GHCR write_package denial (docker push)', 'denied: permission_denied: write_package\n'],
    [
      'GHCR organization package denial (docker push)',
      'denied: installation not allowed to Write organization package'
    ],
    [
      'GHCR denial through buildx',
      '#9 pushing layers\nERROR: failed to solve: failed to push ghcr.io/o/r:1: denied: installation not allowed to Write organization package'
    ],
    [
      'BuildKit, token service answered 403',
      'ERROR: failed to solve: failed to push ghcr.io/o/r:1: failed to authorize: failed to fetch oauth token: ' +
        'unexpected status from GET request to https://ghcr.io/token?scope=repository%3Ao%2Fr%3Apush: 403 Forbidden'
    ],
    ['wrong credentials (docker login)', 'Error response from daemon: Get "http://127.0.0.1:5001/v2/": unauthorized'],
    ['no credentials', 'unauthorized: authentication required'],
    ['a denial next to a hiccup', 'received unexpected HTTP status: 503 Service Unavailable\ndenied: denied'],
    ['a RUN step that failed, whatever it printed', RUN_STEP_FAILED],
    ['a tag that was never built', 'An image does not exist locally with the tag: 127.0.0.1:5001/e2e/x'],
    ['a digest with 500 inside', 'manifest invalid: blob unknown to registry: sha256:500a29c0ffee'],
    ['nothing said', ''],
    ['only blank lines', '\n  \n']
  ])('%s: not transient', (_case, output) => {
    expect(isTransientRegistryFailure(output)).toBe(false);
  });

  it('reads only error lines and the last line, not build output', () => {
    const output =
      '#7 [2/3] RUN ./fetch.sh\n#7 0.2 got 503 from mirror, retrying\n#7 DONE 0.9s\nERROR: no space left on device';
    expect(isTransientRegistryFailure(output)).toBe(false);
    expect(
      isTransientRegistryFailure(
        `${output}\nERROR: failed to solve: failed to push x: failed to do request: Put "http://r/v2/x/manifests/1": EOF`
      )
    ).toBe(true);
  });

  it.each([
    [
      'a COPY source named after a status',
      'ERROR: failed to solve: failed to compute cache key: "/public/500.html": not found'
    ],
    [
      'a Dockerfile line number',
      'ERROR: failed to solve: dockerfile parse error on line 512: unknown instruction: RUNN'
    ],
    ['a tag that is a number', 'ERROR: failed to solve: docker.io/library/app:429: not found'],
    ['a lock timeout', 'ERROR: failed to solve: failed to copy files: timeout waiting for lock'],
    ['a truncated Dockerfile', 'ERROR: failed to solve: failed to read dockerfile: unexpected EOF'],
    [
      'a registry name that does not exist',
      'Error response from daemon: Get "https://gchr.io/v2/": dial tcp: lookup gchr.io: no such host'
    ]
  ])('does not take %s for a hiccup', (_name, output) => {
    expect(isTransientRegistryFailure(output)).toBe(false);
  });

  it.each([
    [
      'a name server hiccup',
      'Error response from daemon: Get "https://ghcr.io/v2/": dial tcp: lookup ghcr.io on 127.0.0.53:53: server misbehaving'
    ],
    [
      'an unreachable network',
      'ERROR: failed to solve: failed to push ghcr.io/o/a:1: dial tcp 140.82.112.33:443: connect: network is unreachable'
    ],
    [
      'a 408',
      'ERROR: failed to solve: failed to push ghcr.io/o/a:1: unexpected status from PUT request to https://ghcr.io/v2/o/a/manifests/1: 408 Request Timeout'
    ],
    [
      'a 503 on an image whose name says denied',
      'ERROR: failed to solve: failed to push ghcr.io/acme/access-denied-page:1: unexpected status from PUT request to https://ghcr.io/v2/acme/access-denied-page/manifests/1: 503 Service Unavailable'
    ]
  ])('takes %s for a hiccup', (_name, output) => {
    expect(isTransientRegistryFailure(output)).toBe(true);
  });

  it('tells a rate limit apart, whose Retry-After docker does not show', () => {
    expect(isRateLimited('toomanyrequests: You have reached your pull rate limit.')).toBe(true);
    expect(
      isRateLimited('unexpected status from HEAD request to https://r/v2/x/blobs/sha256:1: 429 Too Many Requests')
    ).toBe(true);
    expect(isRateLimited('unexpected status: 503 Service Unavailable')).toBe(false);
  });
});
