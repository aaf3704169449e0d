import {
  attestationSubjects,
  describeAttestation,
  explainAttestationRefusal,
  inTotoStatement,
  planAttestation,
  signingEndpoints,
  type AttestationInput
} from '../../../src/core/attestation.js';
import {InputError} from '../../../src/core/errors.js';
import {thrown} from '../../support/expectations.js';

const hex = (character: string) => character.repeat(64);
const digest = (character: string) => `sha256:${hex(character)}`;
const IMAGE = 'ghcr.io/octo-org/hello-world';

const input = (overrides: Partial<AttestationInput> = {}): AttestationInput => ({
  mode: 'auto',
  job: {kind: 'publish'},
  push: true,
  oidcAvailable: true,
  publicRepository: true,
  hasToken: true,
  serverUrl: 'https://github.com',
  image: IMAGE,
  repository: 'Octo-Org/Hello-World',
  ...overrides
});

describe('planAttestation', () => {
  it('attests a push when the runner offers an OIDC token, with the public-good instance for a public repository', () => {
    expect(planAttestation(input())).toEqual({
      mode: 'auto',
      attest: true,
      skipped: '',
      sigstore: 'public-good',
      subjectName: IMAGE,
      repository: 'Octo-Org/Hello-World'
    });
    expect(planAttestation(input({publicRepository: false})).sigstore).toBe('github');
  });

  it('under auto, skips without the id-token permission and says how to grant it', () => {
    const plan = planAttestation(input({oidcAvailable: false}));
    expect(plan.attest).toBe(false);
    expect(plan.skipped).toMatch(
      /did not grant "id-token: write".*add "permissions: id-token: write" and "attestations: write"/
    );
  });

  it('under true, refuses before any build when the permission is missing, naming the input', () => {
    const error = thrown(() => planAttestation(input({mode: 'true', oidcAvailable: false})));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('attest');
    expect((error as Error).message).toMatch(/id-token: write/);
  });

  it('leaves a platform job to the merge job, and attests nothing that is not pushed or when false', () => {
    expect(planAttestation(input({job: {kind: 'platform', platform: 'linux/arm64'}})).skipped).toMatch(
      /merge job attests/
    );
    expect(planAttestation(input({mode: 'true', push: false}))).toMatchObject({
      attest: false,
      skipped: 'nothing is pushed'
    });
    expect(planAttestation(input({mode: 'false'}))).toMatchObject({attest: false, skipped: 'attest is false'});
    expect(planAttestation(input({job: {kind: 'merge'}})).attest).toBe(true);
  });
});

describe('planAttestation without a github-token', () => {
  it('skips under auto and refuses under true, naming github-token', () => {
    expect(planAttestation(input({hasToken: false})).skipped).toMatch(/github-token is empty/);
    const error = thrown(() => planAttestation(input({mode: 'true', hasToken: false})));
    expect((error as InputError).input).toBe('github-token');
  });
});

describe('planAttestation on GitHub Enterprise Server', () => {
  it('skips under auto and refuses under true; GHE.com attests', () => {
    expect(planAttestation(input({serverUrl: 'https://github.example.com'})).skipped).toMatch(
      /not available on GitHub Enterprise Server \(https:\/\/github.example.com\)/
    );
    expect(
      (thrown(() => planAttestation(input({mode: 'true', serverUrl: 'https://ghes.corp'}))) as InputError).input
    ).toBe('attest');
    expect(planAttestation(input({serverUrl: 'https://octo.ghe.com'})).attest).toBe(true);
  });
});

describe('attestationSubjects', () => {
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {digest: digest('a'), platform: {os: 'linux', architecture: 'amd64'}},
      {digest: digest('b'), platform: {os: 'linux', architecture: 'arm64'}},
      {
        digest: digest('c'),
        platform: {os: 'unknown', architecture: 'unknown'},
        annotations: {'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': digest('a')}
      },
      {digest: digest('d'), annotations: {'vnd.docker.reference.type': 'attestation-manifest'}}
    ]
  };

  it('are the index and every platform manifest, attestation manifests left out', () => {
    const subjects = attestationSubjects(IMAGE, {
      digest: digest('f'),
      mediaType: index.mediaType,
      body: JSON.stringify(index)
    });
    expect(subjects).toEqual([
      {name: IMAGE, digest: {sha256: hex('f')}},
      {name: IMAGE, digest: {sha256: hex('a')}},
      {name: IMAGE, digest: {sha256: hex('b')}}
    ]);
  });

  it('are the manifest alone for a single-platform push without an index', () => {
    const subjects = attestationSubjects(IMAGE, {
      digest: digest('e'),
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      body: '{"layers":[]}'
    });
    expect(subjects).toEqual([{name: IMAGE, digest: {sha256: hex('e')}}]);
  });

  it('add the digests a merge was handed, once each, sha256 only', () => {
    const pushed = {
      digest: digest('f'),
      mediaType: 'application/vnd.oci.image.index.v1+json',
      body: JSON.stringify({manifests: [{digest: digest('a'), platform: {os: 'linux', architecture: 'amd64'}}]})
    };
    expect(
      attestationSubjects(IMAGE, pushed, [digest('a'), digest('b'), 'sha512:00']).map(s => s.digest.sha256)
    ).toEqual([hex('f'), hex('a'), hex('b')]);
  });
});

describe('inTotoStatement', () => {
  it('is an in-toto v1 statement of the subjects and predicate', () => {
    const statement = inTotoStatement([{name: IMAGE, digest: {sha256: hex('a')}}], 'https://slsa.dev/provenance/v1', {
      buildDefinition: {}
    });
    expect(statement).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{name: IMAGE, digest: {sha256: hex('a')}}],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: {buildDefinition: {}}
    });
  });
});

describe('signingEndpoints', () => {
  it('are those of actions/attest: sigstore.dev for public-good, githubapp.com (or the GHE.com host) for GitHub', () => {
    expect(signingEndpoints('public-good', 'https://github.com', {})).toEqual({
      fulcioURL: 'https://fulcio.sigstore.dev',
      rekorURL: 'https://rekor.sigstore.dev'
    });
    expect(signingEndpoints('github', 'https://github.com', {})).toEqual({
      fulcioURL: 'https://fulcio.githubapp.com',
      tsaServerURL: 'https://timestamp.githubapp.com'
    });
    expect(signingEndpoints('github', 'https://octo.ghe.com', {}).fulcioURL).toBe('https://fulcio.octo.ghe.com');
  });

  it('carry the OIDC issuer only when GHCR_PUBLISH_OIDC_ISSUER sets one', () => {
    expect(signingEndpoints('github', 'https://github.com', {}).oidcIssuer).toBeUndefined();
    expect(
      signingEndpoints('public-good', 'https://github.com', {GHCR_PUBLISH_OIDC_ISSUER: 'http://127.0.0.1:1/oidc'})
        .oidcIssuer
    ).toBe('http://127.0.0.1:1/oidc');
  });

  it('follow the GHCR_PUBLISH_SIGSTORE_* variables', () => {
    const env = {
      GHCR_PUBLISH_SIGSTORE_FULCIO_URL: 'http://127.0.0.1:1/fulcio',
      GHCR_PUBLISH_SIGSTORE_REKOR_URL: 'http://127.0.0.1:1/rekor',
      GHCR_PUBLISH_SIGSTORE_TSA_URL: 'http://127.0.0.1:1/tsa'
    };
    expect(signingEndpoints('public-good', 'https://github.com', env)).toEqual({
      fulcioURL: 'http://127.0.0.1:1/fulcio',
      rekorURL: 'http://127.0.0.1:1/rekor'
    });
    expect(signingEndpoints('github', 'https://github.com', env)).toEqual({
      fulcioURL: 'http://127.0.0.1:1/fulcio',
      tsaServerURL: 'http://127.0.0.1:1/tsa'
    });
  });
});

describe('explainAttestationRefusal and describeAttestation', () => {
  it('name the plan, the permission, or the answer', () => {
    expect(explainAttestationRefusal(404, 'Feature not available for the Octo-Org organization.')).toMatch(
      /plan cannot store attestations .*Feature not available.*GitHub Enterprise Cloud/
    );
    expect(explainAttestationRefusal(403, 'Resource not accessible by integration')).toMatch(
      /grant "attestations: write"/
    );
    expect(explainAttestationRefusal(500, 'boom')).toBe('the attestations API answered 500: boom');
  });

  it('say what is planned, what was stored, or why not', () => {
    const plan = planAttestation(input());
    expect(describeAttestation(plan)).toMatch(/signed with Sigstore's public-good instance/);
    expect(describeAttestation(plan, {subjects: [{name: IMAGE, digest: {sha256: hex('a')}}], id: 7})).toBe(
      'stored as attestation 7, 1 subject'
    );
    expect(describeAttestation(plan, {subjects: [], skipped: 'signing failed: x'})).toBe('none: signing failed: x');
    expect(describeAttestation(planAttestation(input({mode: 'false'})))).toBe('none: attest is false');
  });
});
