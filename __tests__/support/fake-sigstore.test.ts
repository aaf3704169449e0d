/**
 * The Sigstore fakes against the real, unmodified clients, in-process and over real HTTP: @actions/core's getIDToken
 * (the runner's OIDC token endpoint), @actions/attest's buildSLSAProvenancePredicate (the issuer's discovery documents
 * and JWKS, through jose), @sigstore/sign's DSSEBundleBuilder with FulcioSigner, CIContextProvider('sigstore'),
 * RekorWitness and TSAWitness wired as @actions/attest's lib/sign.js wires them (Fulcio, Rekor, the TSA), @sigstore/
 * verify through verifyBundle, and @actions/github's Octokit against the attestations endpoint, with its refusals
 * and injected faults.
 */
import {jest} from '@jest/globals';
import * as core from '@actions/core';
import {buildSLSAProvenancePredicate} from '@actions/attest';
import {getOctokit} from '@actions/github';
import {bundleToJSON} from '@sigstore/bundle';
import {CIContextProvider, DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness} from '@sigstore/sign';
import type {Witness} from '@sigstore/sign';
import {rejection} from './expectations.js';
import {type FakeSigstore, startFakeSigstore} from './fake-sigstore.js';

jest.setTimeout(20_000);

/** What the clients read from the environment, restored after. */
const ENV_NAMES = [
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'SIGSTORE_ID_TOKEN',
  'GITHUB_SERVER_URL',
  'GITHUB_API_URL',
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'NO_PROXY',
  'no_proxy'
];
const savedEnv = new Map(ENV_NAMES.map(name => [name, process.env[name]]));

const SHA = 'd57b341302162179ed294bf279e444a26dfc30bb';
const WORKFLOW_REF = 'Octo-Org/Hello-World/.github/workflows/publish.yml@refs/tags/v1.2.3';
const IMAGE_DIGEST = 'a'.repeat(64);
const INTOTO = 'application/vnd.in-toto+json';

let fake: FakeSigstore;
/** What @actions/core printed (::add-mask::, ::debug::) while a test ran. */
let printed: string[] = [];

function useEnv(values: Record<string, string>): void {
  Object.assign(process.env, values);
}

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

function statementFor(predicate: unknown) {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{name: 'ghcr.io/octo-org/hello-world', digest: {sha256: IMAGE_DIGEST}}],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate
  };
}

/** @actions/attest's lib/sign.js initBundleBuilder, pointed at the fakes (retry 0: faults surface at once). */
function bundleBuilder(witnesses: ('rekor' | 'tsa')[] = ['rekor', 'tsa'], retry = 0): DSSEBundleBuilder {
  const timeout = 5000;
  const signer = new FulcioSigner({
    identityProvider: new CIContextProvider('sigstore'),
    fulcioBaseURL: fake.fulcioURL,
    timeout,
    retry
  });
  const all: Witness[] = [];
  if (witnesses.includes('rekor')) {
    all.push(new RekorWitness({rekorBaseURL: fake.rekorURL, fetchOnConflict: true, timeout, retry}));
  }
  if (witnesses.includes('tsa')) all.push(new TSAWitness({tsaBaseURL: fake.tsaURL, timeout, retry}));
  return new DSSEBundleBuilder({signer, witnesses: all});
}

async function signStatement(statement: object, builder = bundleBuilder()) {
  const bundle = await builder.create({data: Buffer.from(JSON.stringify(statement)), type: INTOTO});
  return bundleToJSON(bundle);
}

beforeAll(async () => {
  for (const name of ENV_NAMES) delete process.env[name];
  process.env.GITHUB_SERVER_URL = 'https://github.com';
  fake = await startFakeSigstore();
});

afterAll(async () => {
  await fake?.close();
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

beforeEach(() => {
  fake.reset();
  useEnv(fake.env());
  printed = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => (printed.push(String(chunk)), true));
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('the OIDC token endpoint', () => {
  it('answers getIDToken with a signed token carrying the push-tag claims, and records the audience', async () => {
    const token = await core.getIDToken('my-audience');

    const [header] = token.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8'))).toEqual({
      typ: 'JWT',
      alg: 'RS256',
      kid: expect.any(String)
    });
    const claims = decodePayload(token);
    expect(claims).toMatchObject({
      iss: fake.issuer,
      aud: 'my-audience',
      sub: 'repo:Octo-Org/Hello-World:ref:refs/tags/v1.2.3',
      ref: 'refs/tags/v1.2.3',
      ref_type: 'tag',
      sha: SHA,
      repository: 'Octo-Org/Hello-World',
      repository_owner: 'Octo-Org',
      repository_id: '812345678',
      repository_owner_id: '9919001',
      repository_visibility: 'public',
      run_id: '16000000001',
      run_number: '42',
      run_attempt: '1',
      actor: 'octocat',
      actor_id: '583231',
      workflow: 'Publish',
      workflow_ref: WORKFLOW_REF,
      workflow_sha: SHA,
      job_workflow_ref: WORKFLOW_REF,
      job_workflow_sha: SHA,
      event_name: 'push',
      runner_environment: 'github-hosted',
      head_ref: '',
      base_ref: ''
    });
    const {iat, nbf, exp, jti} = claims as {iat: number; nbf: number; exp: number; jti: string};
    expect(Math.abs(iat - Date.now() / 1000)).toBeLessThan(60);
    expect(nbf).toBeLessThanOrEqual(iat);
    expect(exp).toBeGreaterThan(iat);
    expect(jti).toMatch(/^[0-9a-f-]{36}$/);

    // As on a runner, the token is masked, and the request URL already had a query.
    expect(printed).toContain(`::add-mask::${token}\n`);
    expect(fake.audiences()).toEqual(['my-audience']);
    expect(fake.requests()).toEqual([
      expect.objectContaining({target: 'token', method: 'GET', status: 200, audience: 'my-audience'})
    ]);
    expect(process.env.ACTIONS_ID_TOKEN_REQUEST_URL).toMatch(/\/idtoken\?api-version=2\.0$/);
  });

  it('defaults the audience to the owner URL, and derives sub and the workflow refs from overrides', async () => {
    useEnv(fake.env({repository: 'Someone/Else', ref: 'refs/heads/main', sha: 'b'.repeat(40), run_attempt: '3'}));
    const claims = decodePayload(await core.getIDToken());

    expect(claims).toMatchObject({
      aud: 'https://github.com/Someone',
      sub: 'repo:Someone/Else:ref:refs/heads/main',
      repository_owner: 'Someone',
      ref_type: 'branch',
      workflow_ref: 'Someone/Else/.github/workflows/publish.yml@refs/heads/main',
      job_workflow_sha: 'b'.repeat(40),
      run_attempt: '3'
    });
    expect(fake.audiences()).toEqual([undefined]);
    expect(decodePayload(fake.idToken('x', {environment: 'production'})).sub).toBe(
      'repo:Octo-Org/Hello-World:environment:production'
    );
  });

  it('refuses a wrong or missing bearer with 401, as core and @sigstore/sign report it', async () => {
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'not-the-request-token';

    const error = await rejection(core.getIDToken('sigstore'));
    expect(error.message).toContain('Failed to get ID Token');
    expect(error.message).toContain('Error Code : 401');
    await expect(new CIContextProvider('sigstore').getToken()).rejects.toBe('CI: no tokens available');

    const answer = await fetch(process.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
    expect(answer.status).toBe(401);
    expect(fake.requests().map(r => [r.target, r.status])).toEqual([
      ['token', 401],
      ['token', 401],
      ['token', 401]
    ]);
  });

  it('survives injected 503s through core’s retries', async () => {
    fake.inject({target: 'token', status: 503, times: 2});

    const token = await core.getIDToken('sigstore');
    expect(decodePayload(token).aud).toBe('sigstore');
    expect(fake.requests().map(r => [r.status, r.faulted])).toEqual([
      [503, true],
      [503, true],
      [200, false]
    ]);
  });
});

describe('the OIDC issuer', () => {
  it('lets @actions/attest verify the token and build the SLSA predicate from its claims', async () => {
    const predicate = await buildSLSAProvenancePredicate(fake.issuer);

    expect(predicate).toEqual({
      type: 'https://slsa.dev/provenance/v1',
      params: {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          externalParameters: {
            workflow: {
              ref: 'refs/tags/v1.2.3',
              repository: 'https://github.com/Octo-Org/Hello-World',
              path: '.github/workflows/publish.yml'
            }
          },
          internalParameters: {
            github: {
              event_name: 'push',
              repository_id: '812345678',
              repository_owner_id: '9919001',
              runner_environment: 'github-hosted'
            }
          },
          resolvedDependencies: [
            {uri: 'git+https://github.com/Octo-Org/Hello-World@refs/tags/v1.2.3', digest: {gitCommit: SHA}}
          ]
        },
        runDetails: {
          builder: {id: `https://github.com/${WORKFLOW_REF}`},
          metadata: {invocationId: 'https://github.com/Octo-Org/Hello-World/actions/runs/16000000001/attempts/1'}
        }
      }
    });
    expect(fake.audiences()).toEqual(['nobody']);
    expect(fake.requests().map(r => r.path)).toEqual([
      expect.stringMatching(/\/idtoken$/),
      '/oidc/.well-known/openid-configuration',
      '/oidc/.well-known/jwks'
    ]);
  });

  it('serves keys that verify only its own tokens: @actions/attest refuses another issuer', async () => {
    useEnv(fake.env({iss: 'https://token.actions.githubusercontent.com'}));

    const error = await rejection(buildSLSAProvenancePredicate(fake.issuer));
    expect(error.message).toBe(
      'Failed to get ID token: Unexpected "iss" claim: https://token.actions.githubusercontent.com'
    );
  });
});

describe('Fulcio, Rekor and the TSA', () => {
  it('sign a statement that verifyBundle verifies, with the workflow identity in the certificate', async () => {
    const predicate = await buildSLSAProvenancePredicate(fake.issuer);
    const statement = statementFor(predicate.params);

    const bundle = await signStatement(statement);

    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const verified = fake.verifyBundle(bundle);
    expect(verified.payloadType).toBe(INTOTO);
    expect(verified.statement).toEqual(statement);
    expect(verified.identity).toEqual({
      subjectAlternativeName: `https://github.com/${WORKFLOW_REF}`,
      issuer: fake.issuer
    });
    expect(verified.certificateExtensions).toMatchObject({
      issuer: fake.issuer,
      sourceRepositoryURI: 'https://github.com/Octo-Org/Hello-World',
      sourceRepositoryRef: 'refs/tags/v1.2.3',
      sourceRepositoryDigest: SHA,
      sourceRepositoryIdentifier: '812345678',
      buildTrigger: 'push',
      runnerEnvironment: 'github-hosted',
      runInvocationURI: 'https://github.com/Octo-Org/Hello-World/actions/runs/16000000001/attempts/1'
    });
    expect(verified.certificate).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(verified.tlogEntries).toBe(1);
    expect(verified.rfc3161Timestamps).toBe(1);
    // As a string too, and with an identity policy that matches.
    expect(() =>
      fake.verifyBundle(JSON.stringify(bundle), {
        policy: {subjectAlternativeName: `https://github.com/${WORKFLOW_REF}`}
      })
    ).not.toThrow();

    expect(fake.audiences()).toEqual(['nobody', 'sigstore']);
    expect(fake.requests().map(r => [r.target, r.method, r.path, r.status])).toEqual([
      ['token', 'GET', expect.stringMatching(/\/idtoken$/), 200],
      ['issuer', 'GET', '/oidc/.well-known/openid-configuration', 200],
      ['issuer', 'GET', '/oidc/.well-known/jwks', 200],
      ['token', 'GET', expect.stringMatching(/\/idtoken$/), 200],
      ['fulcio', 'POST', '/fulcio/api/v2/signingCert', 201],
      ['rekor', 'POST', '/rekor/api/v1/log/entries', 201],
      ['tsa', 'POST', '/tsa/api/v1/timestamp', 201]
    ]);
  });

  it('verifyBundle throws for a tampered payload or signature, another identity, or a missing tlog entry', async () => {
    const statement = statementFor({});
    const bundle = await signStatement(statement);

    const otherPayload = structuredClone(bundle);
    (otherPayload.dsseEnvelope as {payload: string}).payload = Buffer.from(
      JSON.stringify({...statement, subject: [{name: 'evil', digest: {sha256: 'b'.repeat(64)}}]})
    ).toString('base64');
    expect(() => fake.verifyBundle(otherPayload)).toThrow('DSSE payload hash mismatch');

    const withOtherSignature = (original: typeof bundle) => {
      const copy = structuredClone(original);
      const signatures = (copy.dsseEnvelope as {signatures: {sig: string}[]}).signatures;
      const signature = Buffer.from(signatures[0]?.sig ?? '', 'base64');
      signature.writeUInt8(signature.readUInt8(signature.length - 1) ^ 0xff, signature.length - 1);
      signatures[0] = {sig: signature.toString('base64')};
      return copy;
    };
    // The TSA's timestamp covers the signature, so it is what fails first; without one, the tlog entry.
    expect(() => fake.verifyBundle(withOtherSignature(bundle))).toThrow('timestamp could not be verified');
    const rekorOnly = await signStatement(statement, bundleBuilder(['rekor']));
    expect(fake.verifyBundle(rekorOnly).rfc3161Timestamps).toBe(0);
    expect(() => fake.verifyBundle(withOtherSignature(rekorOnly))).toThrow('tlog entry signature mismatch');

    expect(() => fake.verifyBundle(bundle, {policy: {subjectAlternativeName: 'https://github.com/x/y'}})).toThrow(
      `certificate identity error - expected https://github.com/x/y, got https://github.com/${WORKFLOW_REF}`
    );

    // A bundle as GitHub's own Sigstore instance makes it: a TSA timestamp, no Rekor entry.
    const tsaOnly = await signStatement(statement, bundleBuilder(['tsa']));
    expect(() => fake.verifyBundle(tsaOnly)).toThrow('expected 1 tlog timestamps, got 0');
    expect(fake.verifyBundle(tsaOnly, {tlogThreshold: 0, tsaThreshold: 1}).tlogEntries).toBe(0);
  });

  it('Fulcio refuses a token for another audience, from another key, or without proof of possession', async () => {
    const post = (body: unknown) =>
      fetch(`${fake.fulcioURL}/api/v2/signingCert`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify(body)
      });
    const request = (token: string) => ({
      credentials: {oidcIdentityToken: token},
      publicKeyRequest: {publicKey: {algorithm: 'ECDSA', content: 'nonsense'}, proofOfPossession: ''}
    });
    const tokenError = {code: 3, message: 'There was an error processing the identity token', details: []};

    for (const token of [
      fake.idToken('nobody'),
      fake.idToken('sigstore', {exp: Math.floor(Date.now() / 1000) - 1}),
      fake.idToken('sigstore').replace(/\.[^.]+$/, '.' + Buffer.from('forged').toString('base64url'))
    ]) {
      const answer = await post(request(token));
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual(tokenError);
    }

    const badKey = await post(request(fake.idToken('sigstore')));
    expect(await badKey.json()).toMatchObject({message: 'The public key supplied in the request could not be parsed'});

    // @sigstore/sign surfaces the refusal: a CIContextProvider token asked for another audience.
    const signer = new FulcioSigner({
      identityProvider: new CIContextProvider('not-sigstore'),
      fulcioBaseURL: fake.fulcioURL,
      retry: 0
    });
    const error = await rejection(
      new DSSEBundleBuilder({signer, witnesses: []}).create({data: Buffer.from('{}'), type: INTOTO})
    );
    expect(error.message).toBe(
      'error creating signing certificate - (400) There was an error processing the identity token'
    );
    expect(String((error as Error & {cause?: Error}).cause?.message)).toContain(
      'There was an error processing the identity token'
    );
  });

  it('Rekor logs a dsse entry only when its verifier checks the envelope’s signature', async () => {
    const bundle = await signStatement(statementFor({}));
    const material = bundle.verificationMaterial as {certificate: {rawBytes: string}};
    const pem = `-----BEGIN CERTIFICATE-----\n${material.certificate.rawBytes}\n-----END CERTIFICATE-----\n`;
    const envelope = structuredClone(bundle.dsseEnvelope) as {payload: string; signatures: {sig: string}[]};
    const propose = () =>
      fetch(`${fake.rekorURL}/api/v1/log/entries`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({
          apiVersion: '0.0.1',
          kind: 'dsse',
          spec: {
            proposedContent: {envelope: JSON.stringify(envelope), verifiers: [Buffer.from(pem).toString('base64')]}
          }
        })
      });

    const logged = await propose();
    expect(logged.status).toBe(201);
    expect(logged.headers.get('location')).toMatch(/^\/api\/v1\/log\/entries\/[0-9a-f]{64}$/);
    const [entry] = Object.values((await logged.json()) as Record<string, {body: string}>);
    expect(JSON.parse(Buffer.from(entry?.body ?? '', 'base64').toString('utf8'))).toEqual({
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: {algorithm: 'sha256', value: expect.stringMatching(/^[0-9a-f]{64}$/)},
        payloadHash: {algorithm: 'sha256', value: expect.stringMatching(/^[0-9a-f]{64}$/)},
        signatures: [{signature: envelope.signatures[0]?.sig, verifier: Buffer.from(pem).toString('base64')}]
      }
    });

    envelope.payload = Buffer.from('{"tampered":true}').toString('base64');
    const refused = await propose();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({code: 400, message: 'all signatures must have a key that verifies it'});
  });

  it('answers injected faults as each service would, and @sigstore/sign gives up', async () => {
    fake.inject({target: 'rekor', status: 500, times: 1});

    const error = await rejection(signStatement(statementFor({})));
    expect(error.message).toBe('error creating tlog entry - (500) Internal Server Error');

    fake.inject({target: 'tsa', drop: true, times: 1});
    await expect(signStatement(statementFor({}))).rejects.toThrow('error creating timestamp');
    expect(
      fake
        .requests()
        .filter(r => r.faulted)
        .map(r => [r.target, r.status])
    ).toEqual([
      ['rekor', 500],
      ['tsa', 'dropped']
    ]);
  });
});

describe('the attestations endpoint', () => {
  it('stores a bundle posted through Octokit and answers its id', async () => {
    const bundle = await signStatement(statementFor({}));
    const octokit = getOctokit('ghs_faketoken', {baseUrl: fake.apiURL});

    const response = await octokit.request('POST /repos/{owner}/{repo}/attestations', {
      owner: 'Octo-Org',
      repo: 'Hello-World',
      bundle: bundle as never
    });

    expect(response.status).toBe(201);
    const {id} = response.data as {id: number};
    expect(id).toEqual(expect.any(Number));
    const stored = fake.attestations().find(a => a.id === id);
    expect(stored).toMatchObject({owner: 'Octo-Org', repo: 'Hello-World', token: 'ghs_faketoken', bundle});
    expect(fake.verifyBundle(stored?.bundle).statement.subject).toEqual([
      {name: 'ghcr.io/octo-org/hello-world', digest: {sha256: IMAGE_DIGEST}}
    ]);
  });

  it('refuses as GitHub does without attestations: write, on a plan without attestations, and unauthenticated', async () => {
    const bundle = await signStatement(statementFor({}));
    const octokit = getOctokit('ghs_faketoken', {baseUrl: fake.apiURL});
    const post = () =>
      octokit.request('POST /repos/{owner}/{repo}/attestations', {
        owner: 'Octo-Org',
        repo: 'Hello-World',
        bundle: bundle as never
      });
    const docs = 'https://docs.github.com/rest/repos/attestations#create-an-attestation';
    const before = fake.attestations().length;

    fake.refuse('permission');
    let error = (await rejection(post())) as Error & {status?: number};
    expect([error.status, error.message]).toEqual([403, `Resource not accessible by integration - ${docs}`]);

    fake.refuse('plan');
    error = (await rejection(post())) as Error & {status?: number};
    expect(error.status).toBe(422);
    expect(error.message).toBe(
      'Feature not available for the Octo-Org organization. To enable this feature, please upgrade the billing ' +
        `plan, or make this repository public. - ${docs}`
    );

    fake.refuse('user-plan');
    error = (await rejection(post())) as Error & {status?: number};
    expect([error.status, error.message]).toEqual([
      422,
      'Feature not available for user-owned private repositories. To enable this feature, please make this ' +
        `repository public. - ${docs}`
    ]);
    expect(fake.attestations()).toHaveLength(before);

    fake.refuse(undefined);
    expect((await post()).status).toBe(201);

    const anonymous = await fetch(`${fake.apiURL}/repos/Octo-Org/Hello-World/attestations`, {
      method: 'POST',
      body: JSON.stringify({bundle})
    });
    expect(anonymous.status).toBe(401);
    const notABundle = await fetch(`${fake.apiURL}/repos/Octo-Org/Hello-World/attestations`, {
      method: 'POST',
      headers: {authorization: 'Bearer ghs_faketoken'},
      body: JSON.stringify({bundle: {mediaType: 'nope'}})
    });
    expect(notABundle.status).toBe(400);
    expect(await notABundle.json()).toMatchObject({message: expect.stringMatching(/^Invalid bundle: /)});

    fake.inject({target: 'attestations', status: 500, times: 1});
    error = (await rejection(post())) as Error & {status?: number};
    expect(error.status).toBe(500);
  });
});
