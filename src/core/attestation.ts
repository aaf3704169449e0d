/**
 * Provenance attestation inside the step, as actions/attest-build-provenance makes it, for every digest the step
 * pushed: whether this job attests (decided before the build, so `attest: true` without the permission fails
 * first), which Sigstore instance signs, the subjects (the index and each platform manifest, attestation manifests
 * left out), the in-toto statement, and what an attestations API refusal means. Pure.
 */
import {InputError} from './errors.js';
import {isSha256Digest} from './digests.js';
import {isIndexType} from './image-index.js';
import type {PlannedJob} from './plan.js';

export type AttestMode = 'auto' | 'true' | 'false';

/** Sigstore's public-good instance (public repositories), or GitHub's own (private and internal ones). */
export type SigstoreInstance = 'public-good' | 'github';

export interface AttestationPlan {
  mode: AttestMode;
  attest: boolean;
  /** Why this job does not attest (for the log and the summary); empty when it does. */
  skipped: string;
  sigstore: SigstoreInstance;
  /** The subjects' name: the first image, lowercased, without tag. */
  subjectName: string;
  /** owner/repo, whose attestations store it (for `gh attestation verify -R`). */
  repository: string;
}

export interface AttestationInput {
  mode: AttestMode;
  job: PlannedJob;
  push: boolean;
  /** The runner offers an OIDC token: the workflow granted `id-token: write`. */
  oidcAvailable: boolean;
  publicRepository: boolean;
  /** The github-token input is set: the attestations API needs it. */
  hasToken: boolean;
  /** GITHUB_SERVER_URL: artifact attestations exist on github.com and GHE.com, not on GitHub Enterprise Server. */
  serverUrl: string;
  image: string;
  repository: string;
}

const PERMISSIONS_FIX =
  'Grant the job "permissions: id-token: write" and "attestations: write" (with "packages: write" to push), or ' +
  'set "attest: auto" to attest only where the workflow allows it.';

export function planAttestation(input: AttestationInput): AttestationPlan {
  const base = {
    mode: input.mode,
    sigstore: input.publicRepository ? ('public-good' as const) : ('github' as const),
    subjectName: input.image,
    repository: input.repository
  };
  const skip = (skipped: string) => ({...base, attest: false, skipped});
  if (input.mode === 'false') return skip('attest is false');
  if (input.job.kind === 'platform') {
    return skip('a platform job pushes by digest only: the merge job attests the index and every platform');
  }
  if (!input.push) return skip('nothing is pushed');
  // What the job lacks to attest: under true an InputError before any build, under auto a skip saying why.
  const lacking = (input_: string, problem: string, fix: string, skipped: string) => {
    if (input.mode === 'true') throw new InputError(input_, input_ === 'attest' ? 'true' : '', problem, fix);
    return skip(skipped);
  };
  if (!/^https:\/\/(github\.com|[a-z0-9-]+\.ghe\.com)\/?$/.test(input.serverUrl || 'https://github.com')) {
    const problem = `artifact attestations are not available on GitHub Enterprise Server (${input.serverUrl})`;
    return lacking('attest', problem, 'Set "attest: false" (or auto) on this server.', problem);
  }
  if (!input.oidcAvailable) {
    return lacking(
      'attest',
      'signing the attestation needs the OIDC token the runner offers only when the workflow grants "id-token: write"',
      PERMISSIONS_FIX,
      'the workflow did not grant "id-token: write", so the runner offers no OIDC token to sign with ' +
        '(add "permissions: id-token: write" and "attestations: write" to attest)'
    );
  }
  if (!input.hasToken) {
    return lacking(
      'github-token',
      'storing the attestation needs a token with "attestations: write"',
      'Remove "github-token: \'\'" to use the job\'s GITHUB_TOKEN, or set "attest: auto".',
      'github-token is empty, and storing an attestation needs a token with "attestations: write"'
    );
  }
  return {...base, attest: true, skipped: ''};
}

export interface Subject {
  name: string;
  digest: {sha256: string};
}

interface IndexManifest {
  digest?: string;
  platform?: {os?: string; architecture?: string};
  annotations?: Record<string, string>;
}

/**
 * The pushed digest, and when it is an index each platform manifest in it; BuildKit's attestation manifests
 * (`vnd.docker.reference.type: attestation-manifest`, platform unknown/unknown) are not images and are left out.
 * A merge job adds the digests the platform jobs handed off (a platform's own index, with its attestation manifest,
 * is not in the merged index: its image manifest is).
 */
export function attestationSubjects(
  name: string,
  pushed: {digest: string; mediaType: string; body: string},
  handedOff: readonly string[] = []
): Subject[] {
  const digests = [pushed.digest];
  if (isIndexType(pushed.mediaType)) {
    const manifests = (JSON.parse(pushed.body) as {manifests?: IndexManifest[]}).manifests ?? [];
    for (const manifest of manifests) {
      if (manifest.digest && !isAttestationManifest(manifest)) digests.push(manifest.digest);
    }
  }
  return [...new Set([...digests, ...handedOff])]
    .filter(isSha256Digest)
    .map(digest => ({name, digest: {sha256: digest.slice('sha256:'.length)}}));
}

function isAttestationManifest(manifest: IndexManifest): boolean {
  return (
    manifest.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (manifest.platform?.os === 'unknown' && manifest.platform?.architecture === 'unknown')
  );
}

/** What the step attested, or why it did not. */
export interface AttestationOutcome {
  subjects: Subject[];
  id?: number;
  url?: string;
  bundlePath?: string;
  /** Why there is no attestation (not asked, not possible, or failed under auto). */
  skipped?: string;
}

/** The attestation in words, for the dry-run plan (before anything ran) and the job summary (after). */
export function describeAttestation(plan: AttestationPlan, outcome?: AttestationOutcome): string {
  if (outcome?.id !== undefined) {
    return `stored as attestation ${outcome.id}, ${outcome.subjects.length} subject${outcome.subjects.length === 1 ? '' : 's'}`;
  }
  if (outcome?.skipped) return `none: ${outcome.skipped}`;
  if (!plan.attest) return `none: ${plan.skipped}`;
  const instance = plan.sigstore === 'public-good' ? "Sigstore's public-good instance" : "GitHub's Sigstore instance";
  return `SLSA provenance of the pushed index and every platform manifest, signed with ${instance}, stored in the repository's attestations`;
}

export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export function inTotoStatement(subjects: readonly Subject[], predicateType: string, predicate: object): object {
  return {_type: 'https://in-toto.io/Statement/v1', subject: subjects, predicateType, predicate};
}

export interface SigningEndpoints {
  /** The OIDC issuer the job's token is checked against; undefined: GitHub's, as @actions/attest derives it. */
  oidcIssuer?: string;
  fulcioURL: string;
  rekorURL?: string;
  tsaServerURL?: string;
}

/**
 * As actions/attest signs: public-good is Fulcio and Rekor of sigstore.dev; GitHub's instance is Fulcio and a
 * timestamp authority at fulcio./timestamp.githubapp.com (on GHE.com, at the enterprise's own host). The
 * GHCR_PUBLISH_SIGSTORE_* and GHCR_PUBLISH_OIDC_ISSUER variables point them elsewhere: a private Sigstore deployment, or the tests' stand-ins.
 */
export function signingEndpoints(
  instance: SigstoreInstance,
  serverUrl: string,
  env: Readonly<Record<string, string | undefined>>
): SigningEndpoints {
  const fulcio = env.GHCR_PUBLISH_SIGSTORE_FULCIO_URL;
  const issuer = env.GHCR_PUBLISH_OIDC_ISSUER ? {oidcIssuer: env.GHCR_PUBLISH_OIDC_ISSUER} : {};
  if (instance === 'public-good') {
    return {
      ...issuer,
      fulcioURL: fulcio || 'https://fulcio.sigstore.dev',
      rekorURL: env.GHCR_PUBLISH_SIGSTORE_REKOR_URL || 'https://rekor.sigstore.dev'
    };
  }
  let host = new URL(serverUrl || 'https://github.com').hostname;
  if (host === 'github.com') host = 'githubapp.com';
  return {
    ...issuer,
    fulcioURL: fulcio || `https://fulcio.${host}`,
    tsaServerURL: env.GHCR_PUBLISH_SIGSTORE_TSA_URL || `https://timestamp.${host}`
  };
}

/** Where GitHub shows an attestation. */
export function attestationUrl(serverUrl: string, owner: string, repo: string, id: number): string {
  return `${serverUrl}/${owner}/${repo}/attestations/${id}`;
}

/** What an attestations API failure means, and what to do about it. */
export function explainAttestationRefusal(status: number | undefined, message: string): string {
  if (/feature not available/i.test(message)) {
    return (
      `the repository's plan cannot store attestations (${message.trim()}): artifact attestations need a public ` +
      'repository, or GitHub Enterprise Cloud for private and internal ones. Set "attest: false" to stop trying'
    );
  }
  if (status === 403 || status === 401) {
    return `the github-token may not write attestations (${status}: ${message.trim()}): grant "attestations: write"`;
  }
  return `the attestations API answered ${status ?? 'nothing'}: ${message.trim()}`;
}
