/**
 * Fakes of everything an in-step provenance attestation talks to, on one HTTP server on 127.0.0.1, random port: the
 * runner's OIDC token endpoint, the token issuer's discovery documents, Fulcio, Rekor, a timestamp authority and
 * GitHub's "Create an attestation" REST endpoint, so the unmodified @actions/core, @actions/attest, @sigstore/sign and
 * @actions/github clients sign and store an attestation over real HTTP, and a test can verify what they produced.
 *
 *   const fake = await startFakeSigstore();
 *   Object.assign(process.env, fake.env());                 // a push of tag v1.2.3 to Octo-Org/Hello-World
 *   Object.assign(process.env, fake.env({ref: 'refs/heads/main', repository_visibility: 'private'}));
 *   new FulcioSigner({fulcioBaseURL: fake.fulcioURL, ...}); new RekorWitness({rekorBaseURL: fake.rekorURL, ...});
 *   getOctokit(token, {baseUrl: fake.apiURL});              // or GITHUB_API_URL=fake.apiURL
 *   fake.refuse('plan');                                    // the repository's plan has no attestations
 *   fake.inject({target: 'fulcio', status: 503, times: 1});
 *   fake.verifyBundle(stored.bundle);                       // {statement, identity, certificate...}, or throws
 *   fake.audiences(); fake.attestations(); fake.requests();
 *   await fake.close();                                     // in afterAll
 *
 * Modelled (each from the source named):
 * - The OIDC token endpoint, as @actions/core 3.0.1 lib/oidc-utils.js and @sigstore/sign 3.1.0 identity/ci.js call
 *   it: ACTIONS_ID_TOKEN_REQUEST_URL already carries a query (`?api-version=2.0`, as on runners, whose URL is
 *   `https://pipelines….actions.githubusercontent.com/<id>/00000000-…/_apis/distributedtask/hubs/Actions/plans/<plan>/
 *   jobs/<job>/idtoken?api-version=2.0`); the client appends `&audience=<aud>` (core) or sets the `audience` search
 *   parameter (sign), sends `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>` and reads `value` from the JSON
 *   answer `{"value": "<jwt>"}`. A missing or unknown bearer answers 401. Without `audience` the token's `aud` is the
 *   owner's URL `https://github.com/<owner>` (GitHub's OIDC reference: "By default, this is the URL of the repository
 *   owner").
 * - The token: an RS256 JWT with `typ`, `alg` and `kid` in its header, carrying the claims GitHub's OIDC reference
 *   lists (iss, sub, aud, ref, ref_type, ref_protected, sha, repository, repository_owner, repository_id,
 *   repository_owner_id, repository_visibility, run_id, run_number, run_attempt, actor, actor_id, workflow,
 *   workflow_ref, workflow_sha, job_workflow_ref, job_workflow_sha, event_name, runner_environment, head_ref,
 *   base_ref, environment when set, iat, nbf, exp, jti), all but the times as strings. `sub` is
 *   `repo:<owner>/<repo>:ref:<ref>` (`…:environment:<name>` with an environment, `…:pull_request` for pull_request
 *   events), as the reference's subject examples. The defaults agree with the harness's 'push-tag' event
 *   (__tests__/harness/runner.ts, fixtures/events/push-tag.json): Octo-Org/Hello-World (ids 812345678 and 9919001,
 *   public), refs/tags/v1.2.3 at d57b3413…, run 16000000001 #42 attempt 1, octocat (583231), workflow "Publish" in
 *   .github/workflows/publish.yml.
 * - The issuer (`issuer`, `<url>/oidc`): `<issuer>/.well-known/openid-configuration` with `issuer` and `jwks_uri`
 *   (`<issuer>/.well-known/jwks`, the path token.actions.githubusercontent.com uses) and the JWKS, as @actions/attest
 *   3.2.0 lib/oidc.js fetches them to verify the token with jose (audience "nobody", `iss` starting with the issuer,
 *   its REQUIRED_CLAIMS present) before lib/provenance.js builds the SLSA predicate from the claims.
 * - Fulcio (`fulcioURL`, `<url>/fulcio`): POST /api/v2/signingCert as @sigstore/sign 3.1.0 external/fulcio.js and
 *   signer/fulcio/ca.js send it (`credentials.oidcIdentityToken`, `publicKeyRequest.publicKey.content` PEM,
 *   `proofOfPossession` = the key's signature over the token's `sub`). Before the certificate is issued the token is
 *   checked as Fulcio's IssuerPool does: signature against this issuer's key, `iss`, `aud` "sigstore", `exp`/`nbf`;
 *   then the public key and the proof of possession (sigstore/fulcio pkg/server/grpc_server.go). Refusals are
 *   grpc-gateway's `{"code": 3, "message", "details": []}` with 400 and Fulcio's messages (pkg/server/error.go): "There
 *   was an error processing the identity token", "The public key supplied in the request could not be parsed", "The
 *   signature supplied in the request could not be verified". The certificate itself comes from @sigstore/mock
 *   0.13.0's CA (fulcio/ca.js, handler.js), with an SCT from its CT log: a URI SAN `https://github.com/
 *   <job_workflow_ref>` (Fulcio's GitHub workflow principal) and the Fulcio extensions the mock derives from the
 *   claims (issuer = the token's `iss`, source repository, ref, digest, run invocation URI...). Chain: leaf and root.
 * - Rekor (`rekorURL`, `<url>/rekor`): POST /api/v1/log/entries (@sigstore/sign external/rekor.js, witness/tlog/
 *   entry.js), logged by @sigstore/mock's tlog (rekor/tlog.js): 201, `{<uuid>: {body, integratedTime, logID,
 *   logIndex, verification: {inclusionProof with checkpoint, signedEntryTimestamp}}}`, plus the Location header Rekor
 *   sends. A proposed `dsse` v0.0.1 entry (`spec.proposedContent: {envelope, verifiers}`, what @sigstore/sign sends
 *   for a DSSE bundle) is turned into the body Rekor logs (sigstore/rekor pkg/types/dsse/v0.0.1/entry.go:
 *   `spec: {envelopeHash, payloadHash, signatures: [{signature, verifier}]}`, each signature checked over DSSE's PAE
 *   with a verifier, else 400 "all signatures must have a key that verifies it"): the mock logs a proposed entry as
 *   it comes, which @sigstore/verify then refuses ("signature count mismatch"). Other kinds go to the mock's handler
 *   as they are (rekor/handler.js; a hashedrekord proposal already has its logged shape). Rekor's errors are
 *   `{"code", "message"}`.
 * - The timestamp authority (`tsaURL`, `<url>/tsa`): POST /api/v1/timestamp (@sigstore/sign external/tsa.js),
 *   answered by @sigstore/mock's TSA (timestamp/handler.js, tsa.js): 201, an RFC 3161 TimeStampResp, signed by an
 *   intermediate under its root. Its genTime is a whole second, as Go's encoding/asn1 writes it for sigstore's
 *   timestamp-authority: left to its own clock the mock writes milliseconds through asn1js, which drops trailing
 *   zeros (".12"), and @sigstore/core 2.0.0 refuses such a time ("invalid time"), about one timestamp in ten.
 * - GitHub's REST "Create an attestation" (`apiURL`, `<url>/api`, what GITHUB_API_URL would be): POST
 *   /repos/{owner}/{repo}/attestations with `{"bundle": <Sigstore bundle JSON>}` and `Authorization: Bearer|token
 *   <token>` (as @actions/attest lib/store.js sends it through @actions/github's Octokit) answers 201 `{"id": <n>}`.
 *   The documented statuses are 201, 403 and 422 (docs.github.com/rest/repos/attestations). refuse('permission')
 *   answers 403 "Resource not accessible by integration" (a GITHUB_TOKEN without `attestations: write`);
 *   refuse('plan') answers 422 "Feature not available for the <owner> organization. To enable this feature, please
 *   upgrade the billing plan, or make this repository public." and refuse('user-plan') 422 "Feature not available for
 *   user-owned private repositories. To enable this feature, please make this repository public." (the texts users
 *   report from actions/attest, e.g. Jebel-Quant/rhiza#428, antiburn/antiburn#3; the 422 and the order, permission
 *   before plan, from a copy of GitHub's API handler found in a public repository, unconfirmed). Error bodies are
 *   GitHub's `{"message", "documentation_url", "status"}`; Octokit turns them into "<message> - <documentation_url>".
 *
 * Verification helpers: trustedRoot() is a Sigstore TrustedRoot (the object @sigstore/verify's toTrustMaterial
 * takes; trustedRootJSON() its JSON form, for tools that read a trusted_root.json) holding the CA root, the CT log key,
 * the Rekor key and the TSA chain, valid from a minute before start to a year after. verifyBundle(bundle) verifies a
 * DSSE bundle with @sigstore/bundle's bundleFromJSON and @sigstore/verify's toSignedEntity, toTrustMaterial and
 * Verifier (by default one tlog entry and one SCT, as Verifier's defaults; pass thresholds for a TSA-only bundle
 * such as GitHub's own Sigstore instance produces), and answers the in-toto statement, the signer's SAN and issuer
 * and the certificate's Fulcio extensions by name; it throws when verification fails.
 *
 * Invented where the real behaviour is unknown or out of reach: the request token is an opaque random string (the
 * runner's is a JWT), and each env() call issues a new one bound to its claims; the token endpoint's 401 has an empty
 * body, other verbs answer 405; the token lives 5 minutes and its nbf is 5 minutes before iat; the JWT header has no
 * x5t and the JWKS key no x5c; `kid` is random; Rekor checks only a dsse entry's signatures (not the verifier's
 * certificate, nor any other kind) and the TSA accepts any well-formed request; the body of Rekor's and Fulcio's answer
 * to a body they cannot parse (400, "unable to parse request body"); the attestations endpoint accepts any non-empty
 * token, stores any owner/repo, refuses a missing token with 401 "Requires authentication" and a body whose `bundle`
 * @sigstore/bundle cannot read with 400 "Invalid bundle: <reason>"; attestation ids count from 4100001; unknown paths
 * answer 404.
 *
 * The @sigstore/mock pieces are imported from its dist/ subfolders, not its index: the index requires nock, whose
 * import alone patches node:http globally for the whole test file.
 *
 * Faults (inject): {target, status, times, body?, headers?} answers `status` instead of handling, with that body or one
 * shaped like the target's errors (token: empty; fulcio: grpc-gateway JSON; rekor: `{code, message}`; tsa: text;
 * attestations and issuer: GitHub's JSON); {target, drop: true, times} destroys the socket without answering. A rule
 * applies to the next `times` requests of its target. Client behaviour worth knowing: @actions/core retries the token
 * GET on 502/503/504 up to 10 times, waiting 10 ms, 20 ms, 40 ms... (5 s at most); @sigstore/sign's CIContextProvider
 * does not check the status at all (a 401 ends in "CI: no tokens available" only because the body is not JSON);
 * @sigstore/sign retries 408, 429 and 5xx `retry` times (@actions/attest: 3), with promise-retry's back-off (1 s, 2 s,
 * 4 s...).
 */
import {bundleFromJSON} from '@sigstore/bundle';
import {X509Certificate} from '@sigstore/core';
import {fulcioHandler, initializeCA, initializeCTLog} from '@sigstore/mock/dist/fulcio/index.js';
import {initializeTLog, rekorHandler} from '@sigstore/mock/dist/rekor/index.js';
import {initializeTSA, tsaHandler} from '@sigstore/mock/dist/timestamp/index.js';
import {HashAlgorithm, PublicKeyDetails, TrustedRoot} from '@sigstore/protobuf-specs';
import {toSignedEntity, toTrustMaterial, Verifier} from '@sigstore/verify';
import type {VerificationPolicy, VerifierOptions} from '@sigstore/verify';
import {createHash, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify} from 'node:crypto';
import type {KeyObject} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type FaultTarget = 'token' | 'issuer' | 'fulcio' | 'rekor' | 'tsa' | 'attestations';

export type FaultRule =
  | {target: FaultTarget; times: number; status: number; body?: string; headers?: Record<string, string>}
  | {target: FaultTarget; times: number; drop: true};

export interface RecordedRequest {
  target: FaultTarget | 'other';
  method: string;
  /** The path without the query. */
  path: string;
  /** The answer's status, or 'dropped'. */
  status: number | 'dropped';
  faulted: boolean;
  /** For token requests: the audience asked for (undefined when none was). */
  audience?: string;
}

/** The claims of a GitHub Actions OIDC token; all but the times are strings, as GitHub sends them. */
export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  ref: string;
  ref_type: string;
  ref_protected: string;
  sha: string;
  repository: string;
  repository_owner: string;
  repository_id: string;
  repository_owner_id: string;
  repository_visibility: string;
  run_id: string;
  run_number: string;
  run_attempt: string;
  actor: string;
  actor_id: string;
  workflow: string;
  workflow_ref: string;
  workflow_sha: string;
  job_workflow_ref: string;
  job_workflow_sha: string;
  event_name: string;
  runner_environment: string;
  head_ref: string;
  base_ref: string;
  /** Only when the job names an environment. */
  environment?: string;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
}

/**
 * Overrides of the defaults (a push of tag v1.2.3 to Octo-Org/Hello-World). Unless given too, sub,
 * repository_owner, ref_type, workflow_ref, workflow_sha, job_workflow_ref and job_workflow_sha follow repository,
 * ref, sha, event_name and environment; aud is the requested audience unless given; iat/nbf/exp/jti are fresh for
 * each token unless given.
 */
export type ClaimOverrides = Partial<IdTokenClaims>;

export type Refusal = 'plan' | 'user-plan' | 'permission';

export interface StoredAttestation {
  id: number;
  owner: string;
  repo: string;
  /** The bundle as posted (Sigstore bundle JSON). */
  bundle: Record<string, unknown>;
  /** The token of the Authorization header. */
  token: string;
  createdAt: Date;
}

/** What verifyBundle found in a bundle that verified. */
export interface VerifiedBundle {
  payloadType: string;
  /** The DSSE payload, parsed: an in-toto statement. */
  statement: {
    _type: string;
    subject: {name: string; digest: Record<string, string>}[];
    predicateType: string;
    predicate: unknown;
  };
  identity: {subjectAlternativeName: string | undefined; issuer: string | undefined};
  /** The signing certificate's Fulcio extensions (1.3.6.1.4.1.57264.1.8 to .22) by name, those present. */
  certificateExtensions: Partial<Record<FulcioExtension, string>>;
  /** The signing certificate, PEM. */
  certificate: string;
  tlogEntries: number;
  rfc3161Timestamps: number;
}

export interface VerifyOptions extends VerifierOptions {
  /** An expected SAN and issuer, checked by Verifier. */
  policy?: VerificationPolicy;
}

export interface FakeSigstoreOptions {
  /** The claims every token carries unless env()/idToken() override them. */
  claims?: ClaimOverrides;
}

export interface FakeSigstore {
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  /** The OIDC issuer: `<url>/oidc`; tokens carry it as `iss`. */
  issuer: string;
  /** Base URLs, as FulcioSigner's fulcioBaseURL, RekorWitness's rekorBaseURL and TSAWitness's tsaBaseURL take them. */
  fulcioURL: string;
  rekorURL: string;
  tsaURL: string;
  /** `<url>/api`: GITHUB_API_URL, or Octokit's baseUrl. */
  apiURL: string;
  /** ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN for a job whose tokens carry these claims. */
  env(claims?: ClaimOverrides): {ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string};
  /**
   * What ghcr-publish's step needs to attest against these stand-ins: env() (a job with id-token: write), the
   * attestations API as GITHUB_API_URL, and its GHCR_PUBLISH_OIDC_ISSUER / GHCR_PUBLISH_SIGSTORE_* endpoints.
   */
  actionEnv(claims?: ClaimOverrides): Record<string, string>;
  /** The claims a token would carry now for this audience (iat, nbf, exp, jti fresh). */
  claims(audience?: string, overrides?: ClaimOverrides): IdTokenClaims;
  /** A signed token, as the endpoint would issue it (e.g. for SIGSTORE_ID_TOKEN). */
  idToken(audience?: string, overrides?: ClaimOverrides): string;
  /** The audiences of the token requests answered, in order (undefined: none asked for). */
  audiences(): (string | undefined)[];
  /** What the attestations endpoint stored, in order (copies). */
  attestations(): StoredAttestation[];
  /** From now on, the attestations endpoint refuses as GitHub does for this reason; undefined accepts again. */
  refuse(kind: Refusal | undefined): void;
  trustedRoot(): TrustedRoot;
  trustedRootJSON(): Record<string, unknown>;
  /** Verifies a serialized DSSE bundle (JSON text or parsed); throws when it does not verify. */
  verifyBundle(bundle: unknown, options?: VerifyOptions): VerifiedBundle;
  inject(rule: FaultRule): void;
  count(target?: FaultTarget): number;
  requests(): RecordedRequest[];
  /** Forget faults, the request log, the audiences and the refusal (not the attestations). */
  reset(): void;
  close(): Promise<void>;
}

/** Fulcio's certificate extensions (sigstore/fulcio docs/oid-info.md), by the names its docs give them. */
export type FulcioExtension =
  | 'issuer'
  | 'buildSignerURI'
  | 'buildSignerDigest'
  | 'runnerEnvironment'
  | 'sourceRepositoryURI'
  | 'sourceRepositoryDigest'
  | 'sourceRepositoryRef'
  | 'sourceRepositoryIdentifier'
  | 'sourceRepositoryOwnerURI'
  | 'sourceRepositoryOwnerIdentifier'
  | 'buildConfigURI'
  | 'buildConfigDigest'
  | 'buildTrigger'
  | 'runInvocationURI'
  | 'sourceRepositoryVisibilityAtSigning';

const FULCIO_EXTENSIONS: [FulcioExtension, string][] = [
  ['issuer', '1.3.6.1.4.1.57264.1.8'],
  ['buildSignerURI', '1.3.6.1.4.1.57264.1.9'],
  ['buildSignerDigest', '1.3.6.1.4.1.57264.1.10'],
  ['runnerEnvironment', '1.3.6.1.4.1.57264.1.11'],
  ['sourceRepositoryURI', '1.3.6.1.4.1.57264.1.12'],
  ['sourceRepositoryDigest', '1.3.6.1.4.1.57264.1.13'],
  ['sourceRepositoryRef', '1.3.6.1.4.1.57264.1.14'],
  ['sourceRepositoryIdentifier', '1.3.6.1.4.1.57264.1.15'],
  ['sourceRepositoryOwnerURI', '1.3.6.1.4.1.57264.1.16'],
  ['sourceRepositoryOwnerIdentifier', '1.3.6.1.4.1.57264.1.17'],
  ['buildConfigURI', '1.3.6.1.4.1.57264.1.18'],
  ['buildConfigDigest', '1.3.6.1.4.1.57264.1.19'],
  ['buildTrigger', '1.3.6.1.4.1.57264.1.20'],
  ['runInvocationURI', '1.3.6.1.4.1.57264.1.21'],
  ['sourceRepositoryVisibilityAtSigning', '1.3.6.1.4.1.57264.1.22']
];

/** The GITHUB_* values of the harness's 'push-tag' event, as claims. */
const PUSH_TAG_DEFAULTS = {
  ref: 'refs/tags/v1.2.3',
  ref_protected: 'false',
  sha: 'd57b341302162179ed294bf279e444a26dfc30bb',
  repository: 'Octo-Org/Hello-World',
  repository_id: '812345678',
  repository_owner_id: '9919001',
  repository_visibility: 'public',
  run_id: '16000000001',
  run_number: '42',
  run_attempt: '1',
  actor: 'octocat',
  actor_id: '583231',
  workflow: 'Publish',
  event_name: 'push',
  runner_environment: 'github-hosted',
  head_ref: '',
  base_ref: ''
};

/** The workflow file the harness names in GITHUB_WORKFLOW_REF. */
const WORKFLOW_FILE = '.github/workflows/publish.yml';
const TOKEN_LIFETIME_SECONDS = 300;
/** Where the token endpoint lives under `url`, shaped like the runner's (plan and job ids are fixed). */
const TOKEN_PATH =
  '/pipelines/00000000-0000-0000-0000-000000000000/_apis/distributedtask/hubs/Actions/plans/' +
  '9c1c5bd5-0f3e-4a3e-9d40-2b1b0bb4f1a7/jobs/7a7b8ed3-3c3f-5b7e-a4c1-0d1f5e2c6b9e/idtoken';
const FULCIO_AUDIENCE = 'sigstore';
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const DOCS_URL = 'https://docs.github.com/rest/repos/attestations#create-an-attestation';
const SAN_CLAIM = 'x_fake_fulcio_san';

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function reply(
  status: number,
  body: string | Buffer,
  contentType?: string,
  headers: Record<string, string> = {}
): Reply {
  return {
    status,
    headers: {...(contentType ? {'content-type': contentType} : {}), ...headers},
    body: typeof body === 'string' ? Buffer.from(body) : body
  };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return reply(status, JSON.stringify(value), 'application/json; charset=utf-8', headers);
}

function githubError(status: number, message: string, documentationUrl = DOCS_URL): Reply {
  return json(status, {message, documentation_url: documentationUrl, status: String(status)});
}

/** grpc-gateway's error body; Fulcio answers its refusals with codes.InvalidArgument (3, HTTP 400). */
function fulcioError(status: number, message: string): Reply {
  const code = ({400: 3, 401: 16, 403: 7, 404: 5, 409: 6, 429: 8, 500: 13, 501: 12, 503: 14, 504: 4} as const)[
    status as 400
  ];
  return json(status, {code: code ?? 2, message, details: []});
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeJwtPart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The contents of a DER UTF8String (Fulcio's v2 extensions), or the bytes as text for anything else. */
function derString(value: Buffer): string {
  if (value[0] !== 0x0c || value.length < 2) return value.toString('utf8');
  let length = value[1] ?? 0;
  let offset = 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets < 1 || octets > 4 || value.length < 2 + octets) return value.toString('utf8');
    length = value.readUIntBE(2, octets);
    offset = 2 + octets;
  }
  return value.subarray(offset, offset + length).toString('utf8');
}

function viewToBuffer(view: ArrayBufferView | ArrayBuffer): Buffer {
  return ArrayBuffer.isView(view)
    ? Buffer.from(view.buffer, view.byteOffset, view.byteLength)
    : Buffer.from(new Uint8Array(view));
}

function spki(key: KeyObject): Buffer {
  return key.export({type: 'spki', format: 'der'});
}

export async function startFakeSigstore(options: FakeSigstoreOptions = {}): Promise<FakeSigstore> {
  const startedAt = new Date();
  const ecKey = () => generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
  const oidcKey = generateKeyPairSync('rsa', {modulusLength: 2048});
  const kid = randomBytes(16).toString('hex');
  const caKeys = ecKey();
  const ctKeys = ecKey();
  const tlogKeys = ecKey();
  const tsaKeys = ecKey();

  let rules: (FaultRule & {remaining: number})[] = [];
  let log: RecordedRequest[] = [];
  const stored: StoredAttestation[] = [];
  const requestTokens = new Map<string, ClaimOverrides>();
  let refusal: Refusal | undefined;
  let nextAttestationId = 4100001;

  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${url}/oidc`;
  const fulcioURL = `${url}/fulcio`;
  const rekorURL = `${url}/rekor`;
  const tsaURL = `${url}/tsa`;
  const apiURL = `${url}/api`;

  const ctLog = await initializeCTLog(ctKeys);
  const ca = await initializeCA(caKeys, ctLog);
  const tlog = await initializeTLog(rekorURL, tlogKeys);
  // The mock TSA reads its clock by reference: serveTimestamp sets it to the whole second before each request.
  const tsaClock = new Date();
  const tsa = await initializeTSA(tsaKeys, tsaClock);
  const fulcio = fulcioHandler(ca, {subjectClaim: SAN_CLAIM});
  const rekor = rekorHandler(tlog);
  const timestamps = tsaHandler(tsa);

  // ---------------------------------------------------------------------------------------------------------------
  // OIDC: claims, tokens, the token endpoint and the issuer's documents

  function claimsFor(audience: string | undefined, overrides: ClaimOverrides = {}): IdTokenClaims {
    const merged = {...PUSH_TAG_DEFAULTS, ...options.claims, ...overrides};
    const {repository, ref, sha} = merged;
    const owner = merged.repository_owner ?? repository.split('/')[0] ?? '';
    const workflowRef = merged.workflow_ref ?? `${repository}/${WORKFLOW_FILE}@${ref}`;
    const workflowSha = merged.workflow_sha ?? sha;
    const environment = merged.environment;
    const isPullRequest = merged.event_name === 'pull_request' || merged.event_name === 'pull_request_target';
    const sub =
      environment !== undefined
        ? `repo:${repository}:environment:${environment}`
        : isPullRequest
          ? `repo:${repository}:pull_request`
          : `repo:${repository}:ref:${ref}`;
    const iat = Math.floor(Date.now() / 1000);
    return {
      ...merged,
      iss: merged.iss ?? issuer,
      sub: merged.sub ?? sub,
      aud: merged.aud ?? audience ?? `https://github.com/${owner}`,
      repository_owner: owner,
      ref_type: merged.ref_type ?? (ref.startsWith('refs/tags/') ? 'tag' : 'branch'),
      workflow_ref: workflowRef,
      workflow_sha: workflowSha,
      job_workflow_ref: merged.job_workflow_ref ?? workflowRef,
      job_workflow_sha: merged.job_workflow_sha ?? workflowSha,
      iat: merged.iat ?? iat,
      nbf: merged.nbf ?? iat - TOKEN_LIFETIME_SECONDS,
      exp: merged.exp ?? iat + TOKEN_LIFETIME_SECONDS,
      jti: merged.jti ?? randomUUID()
    };
  }

  function idToken(audience?: string, overrides?: ClaimOverrides): string {
    const signingInput = `${base64url({typ: 'JWT', alg: 'RS256', kid})}.${base64url(claimsFor(audience, overrides))}`;
    const signature = sign('sha256', Buffer.from(signingInput), oidcKey.privateKey).toString('base64url');
    return `${signingInput}.${signature}`;
  }

  /** The claims of a token this issuer signed, still valid, for this audience; or an Error saying why not. */
  function verifyIdToken(token: unknown, audience: string): Record<string, unknown> | Error {
    if (typeof token !== 'string') return new Error('no token');
    const [header, payload, signature, extra] = token.split('.');
    if (extra !== undefined || signature === undefined) return new Error('not a compact JWS');
    const head = decodeJwtPart(header);
    if (head?.alg !== 'RS256' || head.kid !== kid) return new Error('unknown key');
    if (
      !verify('sha256', Buffer.from(`${header}.${payload}`), oidcKey.publicKey, Buffer.from(signature, 'base64url'))
    ) {
      return new Error('bad signature');
    }
    const claims = decodeJwtPart(payload);
    if (!claims) return new Error('bad payload');
    const now = Date.now() / 1000;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (claims.iss !== issuer) return new Error(`unknown issuer ${String(claims.iss)}`);
    if (!audiences.includes(audience)) return new Error(`audience is not ${audience}`);
    if (typeof claims.exp !== 'number' || claims.exp <= now) return new Error('expired');
    if (typeof claims.nbf === 'number' && claims.nbf > now + 60) return new Error('not yet valid');
    return claims;
  }

  function serveToken(request: http.IncomingMessage, target: URL): Reply {
    if (request.method !== 'GET') return reply(405, '');
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const overrides = bearer === undefined ? undefined : requestTokens.get(bearer);
    if (!overrides) return reply(401, '', undefined, {'www-authenticate': 'Bearer'});
    const audience = target.searchParams.get('audience') ?? undefined;
    return json(200, {value: idToken(audience, overrides)});
  }

  function serveIssuer(request: http.IncomingMessage, path: string): Reply {
    if (request.method !== 'GET') return githubError(405, 'Method Not Allowed');
    if (path === '/oidc/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', ...Object.keys(PUSH_TAG_DEFAULTS)],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid']
      });
    }
    if (path === '/oidc/.well-known/jwks') {
      const jwk = oidcKey.publicKey.export({format: 'jwk'});
      return json(200, {keys: [{kty: 'RSA', alg: 'RS256', use: 'sig', kid, n: jwk.n, e: jwk.e}]});
    }
    return githubError(404, 'Not Found', 'https://docs.github.com/rest');
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Fulcio, Rekor, TSA

  async function runMock(handler: ReturnType<typeof fulcioHandler>, body: string, headers = {}): Promise<Reply> {
    const result = await handler.fn(body);
    const response = typeof result.response === 'string' ? Buffer.from(result.response) : viewToBuffer(result.response);
    return reply(result.statusCode, response, result.contentType ?? 'text/plain', headers);
  }

  async function serveFulcio(body: Buffer): Promise<Reply> {
    let request: {
      credentials?: {oidcIdentityToken?: unknown};
      publicKeyRequest?: {publicKey?: {content?: unknown}; proofOfPossession?: unknown};
    };
    try {
      request = JSON.parse(body.toString('utf8'));
      if (typeof request !== 'object' || request === null) throw new Error('not an object');
    } catch {
      return fulcioError(400, 'unable to parse request body');
    }
    const token = request.credentials?.oidcIdentityToken;
    const claims = verifyIdToken(token, FULCIO_AUDIENCE);
    if (claims instanceof Error) return fulcioError(400, 'There was an error processing the identity token');
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey(String(request.publicKeyRequest?.publicKey?.content ?? ''));
    } catch {
      return fulcioError(400, 'The public key supplied in the request could not be parsed');
    }
    const proof = Buffer.from(String(request.publicKeyRequest?.proofOfPossession ?? ''), 'base64');
    let possessed = false;
    try {
      possessed = verify('sha256', Buffer.from(String(claims.sub)), publicKey, proof);
    } catch {
      possessed = false;
    }
    if (!possessed) return fulcioError(400, 'The signature supplied in the request could not be verified');
    // The mock CA takes the SAN from a claim: hand it the one Fulcio's GitHub workflow principal derives.
    const [header, , signature] = String(token).split('.');
    const withSan = {...claims, [SAN_CLAIM]: `https://github.com/${String(claims.job_workflow_ref)}`};
    const rewritten = {...request, credentials: {oidcIdentityToken: `${header}.${base64url(withSan)}.${signature}`}};
    return runMock(fulcio, JSON.stringify(rewritten));
  }

  /**
   * Rekor's canonical body for a proposed dsse v0.0.1 entry (rekor pkg/types/dsse/v0.0.1): the envelope's and the
   * payload's sha256 and each signature with the verifier that verifies it over DSSE's PAE; an Error when one does not.
   */
  function canonicalDsse(spec: unknown): object | Error {
    const proposed = (spec as {proposedContent?: {envelope?: unknown; verifiers?: unknown}} | undefined)
      ?.proposedContent;
    let envelope: {payload: string; payloadType: string; signatures: {sig: string}[]};
    try {
      envelope = JSON.parse(String(proposed?.envelope));
      if (!Array.isArray(envelope.signatures) || envelope.signatures.length === 0) throw new Error('no signatures');
    } catch (error) {
      return new Error(`invalid DSSE envelope: ${(error as Error).message}`);
    }
    const verifiers = Array.isArray(proposed?.verifiers) ? proposed.verifiers.map(String) : [];
    const payload = Buffer.from(envelope.payload ?? '', 'base64');
    const type = String(envelope.payloadType);
    const pae = Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload]);
    const signatures: {signature: string; verifier: string}[] = [];
    for (const {sig} of envelope.signatures) {
      const verifier = verifiers.find(candidate => {
        try {
          const key = createPublicKey(Buffer.from(candidate, 'base64').toString('utf8'));
          return verify('sha256', pae, key, Buffer.from(String(sig), 'base64'));
        } catch {
          return false;
        }
      });
      if (verifier === undefined) return new Error('all signatures must have a key that verifies it');
      signatures.push({signature: String(sig), verifier});
    }
    const sha256 = (data: string | Buffer) => ({
      algorithm: 'sha256',
      value: createHash('sha256').update(data).digest('hex')
    });
    return {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {envelopeHash: sha256(String(proposed?.envelope)), payloadHash: sha256(payload), signatures}
    };
  }

  async function serveRekor(body: Buffer): Promise<Reply> {
    let proposed: {kind?: unknown; apiVersion?: unknown; spec?: unknown};
    try {
      proposed = JSON.parse(body.toString('utf8'));
    } catch {
      return json(400, {code: 400, message: 'unable to parse request body'});
    }
    let answer: Reply;
    if (proposed?.kind === 'dsse' && proposed.apiVersion === '0.0.1') {
      const canonical = canonicalDsse(proposed.spec);
      if (canonical instanceof Error) return json(400, {code: 400, message: canonical.message});
      answer = json(201, await tlog.log(canonical));
    } else {
      answer = await runMock(rekor, body.toString('utf8'));
    }
    if (answer.status === 201) {
      const uuid = Object.keys(JSON.parse(answer.body.toString('utf8')) as object)[0];
      if (uuid) answer.headers.location = `/api/v1/log/entries/${uuid}`;
    }
    return answer;
  }

  function serveTimestamp(body: Buffer): Promise<Reply> {
    tsaClock.setTime(Math.floor(Date.now() / 1000) * 1000);
    return runMock(timestamps, body.toString('utf8'));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // GitHub's attestations endpoint

  function serveAttestations(request: http.IncomingMessage, owner: string, repo: string, body: Buffer): Reply {
    if (request.method !== 'POST') return githubError(404, 'Not Found', 'https://docs.github.com/rest');
    const token = /^(?:Bearer|token) (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return githubError(401, 'Requires authentication', 'https://docs.github.com/rest');
    if (refusal === 'permission') return githubError(403, 'Resource not accessible by integration');
    if (refusal === 'plan') {
      return githubError(
        422,
        `Feature not available for the ${owner} organization. ` +
          'To enable this feature, please upgrade the billing plan, or make this repository public.'
      );
    }
    if (refusal === 'user-plan') {
      return githubError(
        422,
        'Feature not available for user-owned private repositories. ' +
          'To enable this feature, please make this repository public.'
      );
    }
    let bundle: unknown;
    try {
      bundle = (JSON.parse(body.toString('utf8')) as {bundle?: unknown}).bundle;
    } catch {
      return githubError(400, 'Problems parsing JSON', 'https://docs.github.com/rest');
    }
    if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) {
      return githubError(400, 'Invalid bundle: bundle is required');
    }
    try {
      bundleFromJSON(bundle);
    } catch (error) {
      return githubError(400, `Invalid bundle: ${(error as Error).message}`);
    }
    const id = nextAttestationId++;
    stored.push({
      id,
      owner,
      repo,
      bundle: structuredClone(bundle as Record<string, unknown>),
      token,
      createdAt: new Date()
    });
    return json(201, {id});
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Routing, faults, the log

  const ATTESTATIONS_PATH = /^\/api\/repos\/([^/]+)\/([^/]+)\/attestations$/;

  function classify(path: string): FaultTarget | 'other' {
    if (path === TOKEN_PATH) return 'token';
    if (path.startsWith('/oidc/')) return 'issuer';
    if (path.startsWith('/fulcio/')) return 'fulcio';
    if (path.startsWith('/rekor/')) return 'rekor';
    if (path.startsWith('/tsa/')) return 'tsa';
    if (ATTESTATIONS_PATH.test(path)) return 'attestations';
    return 'other';
  }

  function faultReply(target: FaultTarget, rule: {status: number; body?: string; headers?: Record<string, string>}) {
    const {status} = rule;
    const text = http.STATUS_CODES[status] ?? 'injected fault';
    const base =
      target === 'token'
        ? reply(status, '')
        : target === 'fulcio'
          ? fulcioError(status, text)
          : target === 'rekor'
            ? json(status, {code: status, message: text})
            : target === 'tsa'
              ? reply(status, text, 'text/plain')
              : githubError(status, text, 'https://docs.github.com/rest');
    if (rule.body !== undefined) base.body = Buffer.from(rule.body);
    return {...base, headers: {...base.headers, ...rule.headers}};
  }

  /** A mock service's POST route: `<prefix><handler path>`, 404 elsewhere, 405 for other verbs. */
  function mockRoute(request: http.IncomingMessage, path: string, route: string): Reply | undefined {
    if (path !== route) return json(404, {code: 5, message: 'Not Found'});
    if (request.method !== 'POST') return json(405, {code: 12, message: 'Method Not Allowed'});
    return undefined;
  }

  async function handle(request: http.IncomingMessage, target: URL, body: Buffer, entry: RecordedRequest) {
    const path = target.pathname;
    switch (entry.target) {
      case 'token':
        entry.audience = target.searchParams.get('audience') ?? undefined;
        return serveToken(request, target);
      case 'issuer':
        return serveIssuer(request, path);
      case 'fulcio':
        return mockRoute(request, path, `/fulcio${fulcio.path}`) ?? serveFulcio(body);
      case 'rekor':
        return mockRoute(request, path, `/rekor${rekor.path}`) ?? serveRekor(body);
      case 'tsa':
        return mockRoute(request, path, `/tsa${timestamps.path}`) ?? serveTimestamp(body);
      case 'attestations': {
        const [, owner = '', repo = ''] = ATTESTATIONS_PATH.exec(path) ?? [];
        return serveAttestations(request, decodeURIComponent(owner), decodeURIComponent(repo), body);
      }
      default:
        return githubError(404, 'Not Found', 'https://docs.github.com/rest');
    }
  }

  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const target = new URL(request.url ?? '/', url);
      const kind = classify(target.pathname);
      const rule = kind === 'other' ? undefined : rules.find(r => r.target === kind && r.remaining > 0);
      if (rule) rule.remaining--;
      const entry: RecordedRequest = {
        target: kind,
        method: request.method ?? '',
        path: target.pathname,
        status: 'dropped',
        faulted: rule !== undefined
      };
      log.push(entry);
      const send = (answer: Reply) => {
        entry.status = answer.status;
        response.writeHead(answer.status, {...answer.headers, 'content-length': String(answer.body.length)});
        response.end(answer.body);
      };
      if (rule && 'drop' in rule) {
        request.socket.destroy();
        return;
      }
      if (rule) {
        if (kind === 'token') entry.audience = target.searchParams.get('audience') ?? undefined;
        send(faultReply(kind as FaultTarget, rule));
        return;
      }
      Promise.resolve()
        .then(() => handle(request, target, Buffer.concat(chunks), entry))
        .catch((error: unknown) => reply(500, `fake-sigstore bug: ${(error as Error).message}`, 'text/plain'))
        .then(send, () => request.socket.destroy());
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Trust material and verification

  function trustedRoot(): TrustedRoot {
    const validFor = {
      start: new Date(startedAt.getTime() - 60_000),
      end: new Date(startedAt.getTime() + 365 * 24 * 3600_000)
    };
    const tlogKey = spki(tlogKeys.publicKey);
    return {
      mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
      tlogs: [
        {
          baseUrl: rekorURL,
          hashAlgorithm: HashAlgorithm.SHA2_256,
          publicKey: {
            rawBytes: tlogKey,
            keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
            validFor
          },
          logId: {keyId: createHash('sha256').update(tlogKey).digest()},
          checkpointKeyId: undefined,
          operator: 'fake-sigstore'
        }
      ],
      certificateAuthorities: [
        {
          subject: {organization: 'sigstore.mock', commonName: 'sigstore'},
          uri: fulcioURL,
          certChain: {certificates: [{rawBytes: viewToBuffer(ca.rootCertificate)}]},
          validFor,
          operator: 'fake-sigstore'
        }
      ],
      ctlogs: [
        {
          baseUrl: `${url}/ctlog`,
          hashAlgorithm: HashAlgorithm.SHA2_256,
          publicKey: {
            rawBytes: spki(ctKeys.publicKey),
            keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
            validFor
          },
          logId: {keyId: viewToBuffer(ctLog.logID)},
          checkpointKeyId: undefined,
          operator: 'fake-sigstore'
        }
      ],
      timestampAuthorities: [
        {
          subject: {organization: 'sigstore.mock', commonName: 'tsa'},
          uri: tsaURL,
          certChain: {
            certificates: [{rawBytes: viewToBuffer(tsa.intCertificate)}, {rawBytes: viewToBuffer(tsa.rootCertificate)}]
          },
          validFor,
          operator: 'fake-sigstore'
        }
      ]
    };
  }

  function verifyBundle(serialized: unknown, verifyOptions: VerifyOptions = {}): VerifiedBundle {
    const {policy, ...thresholds} = verifyOptions;
    const bundle = bundleFromJSON(typeof serialized === 'string' ? JSON.parse(serialized) : serialized);
    const signer = new Verifier(toTrustMaterial(trustedRoot()), thresholds).verify(toSignedEntity(bundle), policy);
    if (bundle.content.$case !== 'dsseEnvelope') throw new Error('not a DSSE bundle');
    const envelope = bundle.content.dsseEnvelope;
    if (envelope.payloadType !== 'application/vnd.in-toto+json') {
      throw new Error(`not an in-toto statement: ${envelope.payloadType}`);
    }
    const material = bundle.verificationMaterial.content;
    const raw =
      material.$case === 'certificate'
        ? material.certificate.rawBytes
        : material.$case === 'x509CertificateChain'
          ? material.x509CertificateChain.certificates[0]?.rawBytes
          : undefined;
    if (!raw) throw new Error('the bundle holds no certificate');
    const certificate = X509Certificate.parse(raw);
    const certificateExtensions: Partial<Record<FulcioExtension, string>> = {};
    for (const [name, oid] of FULCIO_EXTENSIONS) {
      const extension = certificate.extension(oid);
      if (extension) certificateExtensions[name] = derString(extension.value);
    }
    const base64 = raw.toString('base64').replace(/.{1,64}/g, '$&\n');
    return {
      payloadType: envelope.payloadType,
      statement: JSON.parse(envelope.payload.toString('utf8')),
      identity: {
        subjectAlternativeName: signer.identity?.subjectAlternativeName,
        issuer: signer.identity?.extensions?.issuer
      },
      certificateExtensions,
      certificate: `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`,
      tlogEntries: bundle.verificationMaterial.tlogEntries.length,
      rfc3161Timestamps: bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0
    };
  }

  const fake: FakeSigstore = {
    url,
    issuer,
    fulcioURL,
    rekorURL,
    tsaURL,
    apiURL,
    env: (claims = {}) => {
      const token = randomBytes(32).toString('base64url');
      requestTokens.set(token, {...claims});
      return {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${url}${TOKEN_PATH}?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: token
      };
    },
    actionEnv: (claims = {}) => ({
      ...fake.env(claims),
      GITHUB_API_URL: apiURL,
      GHCR_PUBLISH_OIDC_ISSUER: issuer,
      GHCR_PUBLISH_SIGSTORE_FULCIO_URL: fulcioURL,
      GHCR_PUBLISH_SIGSTORE_REKOR_URL: rekorURL,
      GHCR_PUBLISH_SIGSTORE_TSA_URL: tsaURL
    }),
    claims: claimsFor,
    idToken,
    audiences: () => log.filter(entry => entry.target === 'token' && entry.status === 200).map(e => e.audience),
    attestations: () => stored.map(entry => ({...entry, bundle: structuredClone(entry.bundle)})),
    refuse: kind => {
      refusal = kind;
    },
    trustedRoot,
    trustedRootJSON: () => TrustedRoot.toJSON(trustedRoot()) as Record<string, unknown>,
    verifyBundle,
    inject: rule => {
      rules.push({...rule, remaining: rule.times});
    },
    count: target => log.filter(entry => target === undefined || entry.target === target).length,
    requests: () => log.map(entry => ({...entry})),
    reset: () => {
      rules = [];
      log = [];
      refusal = undefined;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    }
  };
  return fake;
}
