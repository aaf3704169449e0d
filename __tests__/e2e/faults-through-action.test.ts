/**
 * The bundled action against the real registry through the fault proxy: the image lives on the proxy's host, so
 * docker login, docker push and the action's own verification requests (HEAD /v2/<repo>/manifests/<tag>) all
 * pass through it. Transient faults (503 at login, 500, 429 with Retry-After, a dropped connection at
 * verification) are survived with the right digest for every tag; a permanent GHCR-style denial fails fast with
 * the fix. Request shapes were read from the proxy first: login sends GET /v2/ (unauthenticated, then with
 * credentials), push sends PUT .../manifests/<tag> only, and verification sends HEAD .../manifests/<tag> (a 401
 * probe, then with credentials) in tag order, asking again with GET when a HEAD answer ends the call.
 */
import {publishHello} from './support/publish.js';
import {startFaultProxy, type Fault, type FaultProxy, type FaultRule} from './support/fault-proxy.js';
import {
  ensureServices,
  listTags,
  manifestDigest,
  SETUP_TIMEOUT_MS,
  uniqueRepository,
  type Services
} from './support/services.js';

const TEST_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 75_000;
/** The tags `type=semver,pattern={{version}}` and `type=sha` give on the push-tag fixture (v1.2.3 at d57b341). */
const EXPECTED_TAGS = ['1.2.3', 'latest', 'sha-d57b341'].sort();
const FIRST_TAG = '1.2.3';
const DENIAL_BODY = '{"errors":[{"code":"DENIED","message":"permission_denied: write_package"}]}';

let services: Services;
let proxy: FaultProxy;
const figures = {injected: 0, survived: 0, deniedFailedFastMs: undefined as number | undefined};

beforeAll(async () => {
  services = await ensureServices();
  proxy = await startFaultProxy({upstream: `http://${services.registry}`});
}, SETUP_TIMEOUT_MS);

beforeEach(() => proxy.reset());

afterAll(async () => {
  await proxy?.close();
  const denial = figures.deniedFailedFastMs === undefined ? 'n/a' : `${figures.deniedFailedFastMs}`;
  console.log(
    `fault injection: ${figures.injected} faults injected, ${figures.survived} survived, ` +
      `1 permanent denial failed fast in ${denial} ms`
  );
});

function manifestPath(repository: string, tag: string): string {
  return `/v2/${repository}/manifests/${tag}`;
}

/**
 * Requests on a path that no rule here matches: push sends one PUT to .../manifests/<tag> per tag, and the proxy's
 * count() does not tell methods apart.
 */
function unfaultedRequests(path: FaultRule['path']): number {
  return typeof path === 'string' && path.includes('/manifests/') ? 1 : 0;
}

/** Faulted answers a rule gave: it applies to the first `times` matching requests (this path, only this method). */
function faultsGiven(rule: FaultRule): number {
  return Math.min(rule.times, proxy.count(rule.path) - unfaultedRequests(rule.path));
}

async function publish(repository: string) {
  const started = Date.now();
  const run = await publishHello(`${proxy.host}/${repository}`, services, STEP_TIMEOUT_MS);
  return {run, started};
}

/** Exit 0, the digest output equal to what 127.0.0.1:5000 serves for every listed tag, and exactly those tags. */
async function expectPublished(repository: string, main: Awaited<ReturnType<typeof publish>>['run']['main']) {
  expect(main.errors).toEqual([]);
  expect(main.timedOut).toBe(false);
  expect(main.exitCode).toBe(0);
  const {digest, tags} = main.outputs;
  expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  const listed = (tags ?? '').split('\n').filter(Boolean);
  const names = listed.map(reference => reference.slice(`${proxy.host}/${repository}:`.length));
  expect(listed).toEqual(names.map(name => `${proxy.host}/${repository}:${name}`));
  expect([...names].sort()).toEqual(EXPECTED_TAGS);
  for (const name of names) {
    expect([name, await manifestDigest(repository, name)]).toEqual([name, digest]);
  }
  expect(await listTags(repository)).toEqual(EXPECTED_TAGS);
}

/** Injects `fault` per `rule`, publishes, checks success, and counts the faults given (all survived). */
async function publishSurviving(repository: string, rule: FaultRule) {
  proxy.inject(rule);
  const {run} = await publish(repository);
  const given = faultsGiven(rule);
  figures.injected += given;
  expect(given).toBe(rule.times);
  await expectPublished(repository, run.main);
  figures.survived += given;
  return run;
}

function verificationHead(repository: string, times: number, fault: Fault): FaultRule {
  return {path: manifestPath(repository, FIRST_TAG), method: 'HEAD', times, fault};
}

describe('transient faults through the bundled action', () => {
  it(
    'retries a login that gets 503 twice on GET /v2/',
    async () => {
      const repository = uniqueRepository('e2e/faults');
      const run = await publishSurviving(repository, {path: '/v2/', method: 'GET', times: 2, fault: {status: 503}});
      expect(run.main.stdout).toMatch(/Login to 127\.0\.0\.1:\d+ failed transiently \(.*\); retry 1 in \d+ ms\./);
    },
    TEST_TIMEOUT_MS
  );

  it(
    'retries a verification HEAD answered 500 once',
    async () => {
      const repository = uniqueRepository('e2e/faults');
      await publishSurviving(repository, verificationHead(repository, 1, {status: 500}));
    },
    TEST_TIMEOUT_MS
  );

  it(
    'waits out a 429 with Retry-After: 1 on the verification HEAD',
    async () => {
      const repository = uniqueRepository('e2e/faults');
      await publishSurviving(
        repository,
        verificationHead(repository, 1, {status: 429, headers: {'retry-after': '1'}, body: ''})
      );
    },
    TEST_TIMEOUT_MS
  );

  it(
    'retries a verification HEAD whose connection is dropped',
    async () => {
      const repository = uniqueRepository('e2e/faults');
      await publishSurviving(repository, verificationHead(repository, 1, {drop: true}));
    },
    TEST_TIMEOUT_MS
  );
});

describe('a permanent denial through the bundled action', () => {
  it(
    'fails fast with the Manage Actions access fix',
    async () => {
      const repository = uniqueRepository('e2e/faults');
      const path = manifestPath(repository, FIRST_TAG);
      const denied: Fault = {status: 403, body: DENIAL_BODY};
      // The HEAD answer has no body, so the client asks again with GET to read the registry's text: deny both.
      // Push only PUTs manifests, so it is untouched.
      proxy.inject({path, method: 'HEAD', times: 1000, fault: denied});
      proxy.inject({path, method: 'GET', times: 1000, fault: denied});
      const {run, started} = await publish(repository);
      const given = proxy.count(path) - unfaultedRequests(path);
      figures.injected += given;

      expect(run.main.timedOut).toBe(false);
      expect(run.main.exitCode).toBe(1);
      expect(run.main.errors.join('\n')).toMatch(/Manage Actions access/);
      // No retries of a denial: the HEAD and the GET that reads its text, nothing more.
      expect(given).toBe(2);
      // Push itself went through: the tags are in the registry, only verification was denied.
      expect(await listTags(repository)).toEqual(EXPECTED_TAGS);

      // The whole main step (build and push included) stays well under 10 s: no backoff was spent on a denial.
      figures.deniedFailedFastMs = run.main.durationMs;
      expect(run.main.durationMs).toBeLessThan(10_000);
      expect(Date.now() - started).toBeLessThan(TEST_TIMEOUT_MS);
    },
    TEST_TIMEOUT_MS
  );
});
