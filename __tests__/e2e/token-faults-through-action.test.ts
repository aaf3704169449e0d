/**
 * The bundled action against the GHCR-like token registry (127.0.0.1:5001, token server :5002) through the fault
 * proxy, which fronts both: the realm of the registry's Bearer challenges is rewritten to the proxy, so docker
 * login, docker push and the action's verification fetch their tokens through it too. Each transient fault (503
 * once, 429 with Retry-After: 1, a dropped connection) is injected at the token endpoint (the login's token, the
 * push's and the verification's), at a blob upload (POST, PATCH or PUT of /v2/<name>/blobs/uploads/) and at the
 * manifest PUT: the step succeeds within a bounded time, with exactly the expected tags at the reported digest.
 * docker 20.10 does not retry a failed manifest PUT or blob upload itself: the action's push retry does. A fault
 * that outlasts the push retries fails the step after a bounded number of attempts, with the registry's text.
 */
import {publishHello} from './support/publish.js';
import {DOCKER_RETRY} from '../../src/steps/job.js';
import {startFaultProxy, type Fault, type FaultProxy, type FaultRule} from './support/fault-proxy.js';
import {
  cleanupTemp,
  ensureTokenServices,
  listTags,
  manifestDigest,
  SETUP_TIMEOUT_MS,
  uniqueRepository,
  type TokenServices
} from './support/services.js';

const TEST_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 75_000;
/** A step that meets one fault per phase finishes within this (its retries wait a few seconds at most). */
const SURVIVED_BOUND_MS = 45_000;
/** The tags `type=semver,pattern={{version}}` and `type=sha` give on the push-tag fixture (v1.2.3 at d57b341). */
const EXPECTED_TAGS = ['1.2.3', 'latest', 'sha-d57b341'].sort();
/** The first tag docker pushes: its manifest PUT is where manifest faults go. */
const FIRST_TAG = '1.2.3';
/** attempts of DOCKER_RETRY in src/steps/publish.ts. */
const PUSH_ATTEMPTS = DOCKER_RETRY.attempts;

const FAULTS: Record<string, Fault> = {
  '503 once': {status: 503, body: '{"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}'},
  '502 from a proxy in front': {
    status: 502,
    headers: {'content-type': 'text/html'},
    body: '<html>502 Bad Gateway</html>'
  },
  'a response held 3 s': {delayMs: 3_000},
  '429 with Retry-After: 1': {status: 429, headers: {'retry-after': '1'}, body: ''},
  'a dropped connection': {drop: true}
};

type Location = 'token endpoint' | 'blob upload' | 'manifest PUT';

let token: TokenServices;
let proxy: FaultProxy;
const figures = {
  injected: {'token endpoint': 0, 'blob upload': 0, 'manifest PUT': 0} as Record<Location, number>,
  survived: 0,
  pushRetries: {'token endpoint': 0, 'blob upload': 0, 'manifest PUT': 0} as Record<Location, number>,
  loginRetries: 0,
  slowestMs: 0,
  outlasted: undefined as {attempts: number; ms: number} | undefined
};

beforeAll(async () => {
  token = await ensureTokenServices();
  proxy = await startFaultProxy({upstream: `http://${token.registry}`, tokenUpstream: `http://${token.tokenServer}`});
}, SETUP_TIMEOUT_MS);

beforeEach(() => proxy.reset());

afterAll(async () => {
  await proxy?.close();
  await cleanupTemp();
  const sum = (counts: Record<Location, number>) => Object.values(counts).reduce((total, count) => total + count, 0);
  const total = sum(figures.injected);
  const retries = figures.pushRetries;
  const outlasted = figures.outlasted
    ? `a persistent 503 failed after ${figures.outlasted.attempts} push attempts in ${figures.outlasted.ms} ms`
    : 'persistent fault: n/a';
  console.log(
    `token registry fault injection: ${total} faults injected (token endpoint ${figures.injected['token endpoint']}, ` +
      `blob upload ${figures.injected['blob upload']}, manifest PUT ${figures.injected['manifest PUT']}), ` +
      `${figures.survived} survived; the action retried ${sum(retries)} pushes (token endpoint ` +
      `${retries['token endpoint']}, blob upload ${retries['blob upload']}, manifest PUT ${retries['manifest PUT']}) ` +
      `and ${figures.loginRetries} logins; slowest surviving step ${figures.slowestMs} ms; ${outlasted}`
  );
});

/** Escapes a repository name (lowercase letters, digits, '/', '-', '.', '_') for a RegExp. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The rules for one fault at one location. At the token endpoint, every phase meets it once: docker login's
 * token (no scope), docker push's (push,pull) and the verification's (pull only).
 */
function rulesFor(location: Location, faultName: string, repository: string): FaultRule[] {
  const fault = FAULTS[faultName]!;
  const name = literal(repository);
  switch (location) {
    case 'token endpoint':
      return [
        {path: '/token', method: 'GET', query: /^(?!.*scope=)/, times: 1, fault},
        {path: '/token', method: 'GET', query: new RegExp(`scope=repository:${name}:push,pull`), times: 1, fault},
        {path: '/token', method: 'GET', query: new RegExp(`scope=repository:${name}:pull(&|$)`), times: 1, fault}
      ];
    case 'blob upload': {
      const upload = new RegExp(`^/v2/${name}/blobs/uploads/.+`);
      // A different request of the upload for each fault: the completing PUT, the POST that starts a fresh
      // upload (no cross-repository mount query), the PATCH carrying the data.
      if (faultName === '503 once') return [{path: upload, method: 'PUT', times: 1, fault}];
      if (faultName === '429 with Retry-After: 1') {
        return [{path: `/v2/${repository}/blobs/uploads/`, method: 'POST', query: '', times: 1, fault}];
      }
      return [{path: upload, method: 'PATCH', times: 1, fault}];
    }
    case 'manifest PUT':
      return [{path: `/v2/${repository}/manifests/${FIRST_TAG}`, method: 'PUT', times: 1, fault}];
  }
}

function publish(repository: string) {
  return publishHello(`${proxy.host}/${repository}`, token.users.writer, STEP_TIMEOUT_MS);
}

/** Checked on 127.0.0.1:5001 itself, past the proxy, as ci-user with the test helpers' own Bearer flow. */
const direct = () => ({registry: token.registry, auth: token.users.writer});

const faultsGiven = () => proxy.requests().filter(request => request.target === 'fault').length;

const retriesLogged = (stdout: string, pattern: RegExp) => (stdout.match(pattern) ?? []).length;

describe.each(['token endpoint', 'blob upload', 'manifest PUT'] as const)('a fault at the %s', location => {
  it.each(Object.keys(FAULTS))(
    `${location}: %s is survived, every tag at the reported digest`,
    async faultName => {
      const repository = uniqueRepository('e2e/token-faults');
      const rules = rulesFor(location, faultName, repository);
      for (const rule of rules) proxy.inject(rule);
      const run = await publish(repository);
      const given = faultsGiven();
      figures.injected[location] += given;
      const pushRetries = retriesLogged(
        run.main.stdout,
        /Push of \S+ failed transiently \(.*\); retry \d+ in \d+ ms\./g
      );
      figures.pushRetries[location] += pushRetries;
      figures.loginRetries += retriesLogged(
        run.main.stdout,
        /Login to \S+ failed transiently \(.*?\); retry \d+ in \d+ ms\./g
      );

      expect(run.main.errors).toEqual([]);
      expect(run.main.timedOut).toBe(false);
      expect(run.main.exitCode).toBe(0);
      // Every rule met its request once.
      expect(given).toBe(rules.reduce((sum, rule) => sum + rule.times, 0));
      if (location === 'manifest PUT' && !('delayMs' in FAULTS[faultName]!)) {
        // docker push gives up on a failed manifest PUT: the action pushed again (a slow answer is no failure).
        expect(run.main.stdout).toMatch(
          new RegExp(`Push of ${literal(proxy.host)}/${literal(repository)}:1\\.2\\.3 failed transiently`)
        );
        expect(pushRetries).toBe(1);
      }

      const {digest, tags} = run.main.outputs;
      expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect((tags ?? '').split('\n').sort()).toEqual(EXPECTED_TAGS.map(tag => `${proxy.host}/${repository}:${tag}`));
      expect(run.main.stdout).toContain(`Verified in the registry: ${proxy.host}/${repository}:`);
      expect(await listTags(repository, direct())).toEqual(EXPECTED_TAGS);
      for (const tag of EXPECTED_TAGS) {
        expect([tag, await manifestDigest(repository, tag, direct())]).toEqual([tag, digest]);
      }
      expect(run.main.durationMs).toBeLessThan(SURVIVED_BOUND_MS);
      figures.survived += given;
      figures.slowestMs = Math.max(figures.slowestMs, run.main.durationMs);
    },
    TEST_TIMEOUT_MS
  );
});

describe('a fault that outlasts the push retries', () => {
  it(
    'fails after a bounded number of push attempts, with the registry’s answer and nothing tagged',
    async () => {
      const repository = uniqueRepository('e2e/token-faults');
      const path = `/v2/${repository}/manifests/${FIRST_TAG}`;
      proxy.inject({path, method: 'PUT', times: 1000, fault: FAULTS['503 once']!});
      const run = await publish(repository);
      const attempts = proxy.count(path, 'PUT');
      figures.outlasted = {attempts, ms: run.main.durationMs};

      expect(run.main.timedOut).toBe(false);
      expect(run.main.exitCode).toBe(1);
      expect(attempts).toBe(PUSH_ATTEMPTS);
      expect(retriesLogged(run.main.stdout, /failed transiently/g)).toBe(PUSH_ATTEMPTS - 1);
      expect(run.main.errors.join('\n')).toContain(
        `Push of ${proxy.host}/${repository}:${FIRST_TAG} failed: received unexpected HTTP status: 503 Service Unavailable`
      );
      // Only the first tag was attempted, and its manifest never arrived.
      expect(run.main.stdout.match(/\[command\]docker push /g)).toHaveLength(PUSH_ATTEMPTS);
      // (distribution answers 404 for a repository that has blobs but no tag yet)
      const listed = await listTags(repository, direct()).catch((error: {status?: number}) =>
        error.status === 404 ? [] : Promise.reject(error)
      );
      expect(listed).toEqual([]);
      await expect(manifestDigest(repository, FIRST_TAG, direct())).rejects.toMatchObject({status: 404});
      // Backoff of 1-2 s then 2-4 s: bounded well below the step timeout.
      expect(run.main.durationMs).toBeLessThan(SURVIVED_BOUND_MS);
    },
    TEST_TIMEOUT_MS
  );
});

describe('a denial from the registry itself, as GHCR answers a blob upload with a read-only package grant', () => {
  it(
    'fails at once with the fix, no retry, nothing tagged',
    async () => {
      const repository = uniqueRepository('e2e/token-denied-upload');
      const uploads = `/v2/${repository}/blobs/uploads/`;
      const denial = '{"errors":[{"code":"DENIED","message":"permission_denied: write_package"}]}';
      proxy.inject({path: uploads, method: 'POST', times: 1000, fault: {status: 403, body: denial}});
      const run = await publish(repository);

      expect(run.main.exitCode).toBe(1);
      const errors = run.main.errors.join('\n');
      expect(errors).toMatch(/^Push of \S+ failed: .*denied: permission_denied: write_package/);
      expect(errors).toMatch(/Manage Actions access/);
      expect(run.main.stdout.match(/\[command\]docker push /g)).toHaveLength(1);
      expect(run.main.stdout).not.toMatch(/failed transiently/);
      const listed = await listTags(repository, direct()).catch((error: {status?: number}) =>
        error.status === 404 ? [] : Promise.reject(error)
      );
      expect(listed).toEqual([]);
    },
    TEST_TIMEOUT_MS
  );
});
