/**
 * Provenance attestation inside the step, end to end: the bundled action builds and pushes a two-platform image
 * with the real buildx and BuildKit (dockerd 26) to the registry on 127.0.0.1:5000, reads the pushed index back,
 * and attests it against local stand-ins started here (__tests__/support/fake-sigstore.ts): the runner's OIDC token
 * endpoint, the token issuer's keys, Fulcio, Rekor and a timestamp authority from @sigstore/mock, and the
 * attestations API. The stored bundle is verified with @sigstore/verify against the stand-ins' trust root, and its
 * subjects and predicate are checked against the run and the registry. The registry storage runs on the token
 * registry (127.0.0.1:5001), which has no referrers API: the bundle lands under the sha256-<digest> tags.
 */
import {existsSync, readFileSync} from 'node:fs';
import {busyboxContext, ensureBuildkitEngine, type BuildkitEngine} from './support/buildkit.js';
import {publishWithBuildx} from './support/publish.js';
import {
  getManifest,
  manifestDigest,
  SETUP_TIMEOUT_MS,
  SERVICES,
  TOKEN_SERVICES,
  uniqueRepository,
  type BuildContext
} from './support/services.js';
import {startFakeSigstore, type FakeSigstore} from '../support/fake-sigstore.js';
import {loadEvent} from '../harness/runner.js';

let engine: BuildkitEngine;
let sigstore: FakeSigstore;
let context: BuildContext;
beforeAll(async () => {
  engine = await ensureBuildkitEngine();
  sigstore = await startFakeSigstore();
  context = await busyboxContext(engine, ['COPY hello.txt /hello.txt'], {'hello.txt': 'hello\n'});
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await sigstore?.close();
  await context?.cleanup();
});
beforeEach(() => sigstore.reset());

const JOB_TOKEN = 'ghs_attestingJobToken0123456789';

interface IndexEntry {
  digest: string;
  platform?: {os: string; architecture: string};
}

/** The index digest and the digests of its platform images (not BuildKit's attestation manifests). */
async function pushedDigests(repository: string, digest: string): Promise<string[]> {
  const index = JSON.parse((await getManifest(repository, digest)).raw) as {manifests: IndexEntry[]};
  const images = index.manifests.filter(entry => entry.platform?.os !== 'unknown').map(entry => entry.digest);
  expect(images).toHaveLength(2);
  return [digest, ...images];
}

describe('provenance attestation in the step', () => {
  it('attests the index and every platform manifest, signed, stored, and verifiable', async () => {
    const repository = uniqueRepository('e2e/attested');
    const image = `${SERVICES.registry}/${repository}`;
    const run = await publishWithBuildx(
      engine,
      {images: image, context: context.dir, platforms: 'linux/amd64,linux/arm64', attest: 'true'},
      // keep: the bundle is under RUNNER_TEMP, which the runner empties when the job ends.
      {env: sigstore.actionEnv(), token: JOB_TOKEN, keep: true}
    );
    const bundlePath = run.main.outputs['bundle-path']!;
    const bundleFile = existsSync(bundlePath) ? readFileSync(bundlePath, 'utf8') : '(no file)';
    await run.cleanup();
    expect(run.main.errors).toEqual([]);
    expect(run.main.warnings).toEqual([]);
    const digest = run.main.outputs.digest!;
    const expected = await pushedDigests(repository, digest);

    const stored = sigstore.attestations();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({owner: 'Octo-Org', repo: 'Hello-World', token: JOB_TOKEN});
    expect(run.main.outputs['attestation-id']).toBe(String(stored[0]!.id));
    expect(run.main.outputs['attestation-url']).toBe(
      `https://github.com/Octo-Org/Hello-World/attestations/${stored[0]!.id}`
    );
    expect(bundlePath).toMatch(/\/attestation\.json$/);
    expect(JSON.parse(bundleFile)).toEqual(stored[0]!.bundle);

    const verified = sigstore.verifyBundle(stored[0]!.bundle);
    expect(verified.tlogEntries).toBe(1); // public repository: public-good, with its Rekor entry
    const {statement} = verified;
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(statement.predicateType).toBe('https://slsa.dev/provenance/v1');
    expect(statement.subject).toEqual(expected.map(found => ({name: image, digest: {sha256: found.slice(7)}})));

    const claims = sigstore.claims();
    const predicate = statement.predicate as {
      buildDefinition: {
        buildType: string;
        externalParameters: {workflow: {ref: string; repository: string; path: string}};
        resolvedDependencies: {uri: string; digest: {gitCommit: string}}[];
      };
      runDetails: {builder: {id: string}; metadata: {invocationId: string}};
    };
    expect(predicate.buildDefinition.buildType).toBe('https://actions.github.io/buildtypes/workflow/v1');
    expect(predicate.buildDefinition.externalParameters.workflow.repository).toBe(
      'https://github.com/Octo-Org/Hello-World'
    );
    expect(predicate.buildDefinition.resolvedDependencies).toEqual([
      {uri: `git+https://github.com/Octo-Org/Hello-World@${claims.ref}`, digest: {gitCommit: claims.sha}}
    ]);
    expect(predicate.runDetails.builder.id).toBe(`https://github.com/${claims.job_workflow_ref}`);
    expect(predicate.runDetails.metadata.invocationId).toBe(
      `https://github.com/Octo-Org/Hello-World/actions/runs/${claims.run_id}/attempts/${claims.run_attempt}`
    );
    expect(sigstore.audiences()).toEqual(expect.arrayContaining(['sigstore']));

    expect(run.main.summary).toContain('Attested (SLSA provenance):');
    expect(run.main.summary).toContain(`gh attestation verify oci://${image}@${digest} -R Octo-Org/Hello-World`);
  });

  it("signs a private repository's attestation with GitHub's instance: a timestamp, no transparency log", async () => {
    const event = loadEvent('push-tag');
    const privateEvent = {
      ...event,
      payload: {...event.payload, repository: {...event.payload.repository, private: true, visibility: 'private'}}
    };
    const run = await publishWithBuildx(
      engine,
      {
        images: `${SERVICES.registry}/${uniqueRepository('e2e/attested-private')}`,
        context: context.dir,
        platforms: 'linux/amd64',
        attest: 'true'
      },
      {env: sigstore.actionEnv(), token: JOB_TOKEN, event: privateEvent}
    );
    expect(run.main.errors).toEqual([]);
    expect(run.main.stdout).toContain("(Sigstore GitHub's instance)");
    const stored = sigstore.attestations().find(found => String(found.id) === run.main.outputs['attestation-id']);
    const verified = sigstore.verifyBundle(stored?.bundle, {tlogThreshold: 0, tsaThreshold: 1});
    expect(verified.tlogEntries).toBe(0);
    expect(verified.rfc3161Timestamps).toBe(1);
    expect(sigstore.count('rekor')).toBe(0);
  });

  it('without id-token: write, skips under auto and says why; nothing is signed', async () => {
    const run = await publishWithBuildx(engine, {
      images: `${SERVICES.registry}/${uniqueRepository('e2e/unattested')}`,
      context: context.dir,
      platforms: 'linux/amd64'
    });
    expect(run.main.errors).toEqual([]);
    expect(run.main.stdout).toContain('No provenance attestation: the workflow did not grant "id-token: write"');
    expect(run.main.summary).toMatch(/\| Attestation \| none: the workflow did not grant/);
    expect(run.main.outputs['attestation-id']).toBe('');
    expect(sigstore.count()).toBe(0);
  });

  it('a plan that cannot store attestations is a warning under auto: the publish stands', async () => {
    sigstore.refuse('plan');
    const run = await publishWithBuildx(
      engine,
      {images: `${SERVICES.registry}/${uniqueRepository('e2e/plan')}`, context: context.dir, platforms: 'linux/amd64'},
      {env: sigstore.actionEnv(), token: JOB_TOKEN}
    );
    expect(run.main.errors).toEqual([]);
    expect(run.main.outputs.pushed).toBe('true');
    expect(run.main.warnings).toEqual([
      expect.stringMatching(
        /^No provenance attestation \(attest: auto\): the repository's plan cannot store attestations/
      )
    ]);
    expect(run.main.outputs['attestation-id']).toBe('');
  });

  it('the same refusal fails the step under attest: true', async () => {
    sigstore.refuse('plan');
    const run = await publishWithBuildx(
      engine,
      {
        images: `${SERVICES.registry}/${uniqueRepository('e2e/plan-true')}`,
        context: context.dir,
        platforms: 'linux/amd64',
        attest: 'true'
      },
      {env: sigstore.actionEnv(), token: JOB_TOKEN}
    );
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors).toEqual([
      expect.stringMatching(/^The provenance attestation failed: the repository's plan cannot store attestations/)
    ]);
  });

  it('stores the bundle in the token registry under the referrers tags of every subject', async () => {
    const repository = uniqueRepository('e2e/attested-registry');
    const image = `${TOKEN_SERVICES.registry}/${repository}`;
    const run = await publishWithBuildx(
      engine,
      {
        images: image,
        context: context.dir,
        platforms: 'linux/amd64,linux/arm64',
        attest: 'true',
        'attest-push-to-registry': 'true'
      },
      {env: sigstore.actionEnv(), token: JOB_TOKEN, credentials: TOKEN_SERVICES.users.writer}
    );
    expect(run.main.errors).toEqual([]);
    const digest = run.main.outputs.digest!;
    const onTokenRegistry = {registry: TOKEN_SERVICES.registry, auth: TOKEN_SERVICES.users.writer};
    const stored = sigstore.attestations().find(found => String(found.id) === run.main.outputs['attestation-id']);
    const subjects = sigstore.verifyBundle(stored?.bundle).statement.subject;
    expect(subjects).toHaveLength(3);
    for (const subject of subjects) {
      const tag = `sha256-${subject.digest.sha256}`;
      const referrers = JSON.parse((await getManifest(repository, tag, onTokenRegistry)).raw) as {
        manifests: {digest: string; artifactType: string}[];
      };
      expect(referrers.manifests).toEqual([
        expect.objectContaining({artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json'})
      ]);
      const attached = JSON.parse((await getManifest(repository, referrers.manifests[0]!.digest, onTokenRegistry)).raw);
      expect(attached.subject.digest).toBe(`sha256:${subject.digest.sha256}`);
      expect(attached.annotations['dev.sigstore.bundle.predicateType']).toBe('https://slsa.dev/provenance/v1');
    }
    expect(await manifestDigest(repository, `sha256-${digest.slice(7)}`, onTokenRegistry)).toBeDefined();
  });
});
