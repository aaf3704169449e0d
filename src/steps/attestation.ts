/**
 * After the push (or the merge): one SLSA provenance attestation whose subjects are every digest this job put in
 * the registry, signed with Sigstore and stored through the repository's attestations API, as
 * actions/attest-build-provenance would store it. Under `attest: auto` a refusal (the plan, the permission) or a
 * Sigstore failure is a warning; under `attest: true` it fails the step.
 */
import {randomBytes} from 'node:crypto';
import {appendFileSync, mkdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createAttestation, GitHubApiError} from '../adapters/github-api.js';
import {registryClientFor} from '../adapters/push-verification.js';
import {log, phase} from '../adapters/runner.js';
import {provenancePredicate, signStatement} from '../adapters/sigstore.js';
import {
  attestationSubjects,
  attestationUrl,
  explainAttestationRefusal,
  inTotoStatement,
  signingEndpoints,
  type AttestationOutcome,
  type Subject
} from '../core/attestation.js';
import {ActionableError} from '../core/errors.js';
import {sha256Digest} from '../core/digests.js';
import {registryOf, repositoryOf} from '../core/image-reference.js';
import {OCI_INDEX} from '../core/image-index.js';
import {EMPTY_CONFIG, OCI_MANIFEST, referrersTag, referringManifest, withReferrer} from '../core/oci-referrers.js';
import type {PublishOutcome, Step} from './job.js';

export async function attestPublished(
  step: Step,
  outcome: PublishOutcome & {merged?: {digest: string}[]}
): Promise<AttestationOutcome> {
  const {plan} = step;
  const attestation = plan.attestation;
  if (attestation.attest && outcome.pushed && !outcome.digest && attestation.mode === 'true') {
    throw new ActionableError(
      'The push reported no digest, so there is nothing to attest (attest: true). Check the build log of the push.'
    );
  }
  if (!attestation.attest || !outcome.pushed || !outcome.digest) {
    const skipped = attestation.skipped || (outcome.pushed ? 'the push reported no digest' : 'nothing was pushed');
    if (attestation.mode !== 'false') log.info(`No provenance attestation: ${skipped}.`);
    return {subjects: [], skipped};
  }
  return phase('Attestation', async () => {
    let subjects: Subject[] = [];
    try {
      subjects = attestationSubjects(
        attestation.subjectName,
        await pushedManifest(step, outcome.digest),
        (outcome.merged ?? []).map(platform => platform.digest)
      );
      log.info(
        `Attesting the provenance of ${attestation.subjectName}: ${subjects.map(subject => `sha256:${subject.digest.sha256}`).join(', ')} ` +
          `(Sigstore ${attestation.sigstore === 'public-good' ? 'public-good instance' : "GitHub's instance"}).`
      );
      const endpoints = signingEndpoints(attestation.sigstore, step.context.serverUrl, process.env);
      const predicate = await provenancePredicate(endpoints.oidcIssuer);
      const statement = inTotoStatement(subjects, predicate.type, predicate.params);
      const bundle = await signStatement(statement, endpoints);
      const bundlePath = writeBundle(bundle);
      const id = await createAttestation(
        {
          apiUrl: step.context.apiUrl,
          owner: step.context.owner,
          repo: step.context.repo,
          token: step.config.githubToken
        },
        bundle
      );
      const url = attestationUrl(step.context.serverUrl, step.context.owner, step.context.repo, id);
      log.info(`Attestation ${id} stored: ${url} (bundle: ${bundlePath}).`);
      if (step.config.attestPushToRegistry) {
        await storeInRegistry(step, subjects, bundle, predicate.type).catch(error =>
          failed(step, `attaching its bundle in the registry failed: ${(error as Error).message}`, id)
        );
      }
      return {subjects, id, url, bundlePath};
    } catch (error) {
      const reason =
        error instanceof GitHubApiError
          ? explainAttestationRefusal(error.status, error.apiMessage)
          : error instanceof SubjectsError
            ? error.message
            : `signing failed: ${(error as Error).message}`;
      failed(step, reason);
      return {subjects, skipped: reason};
    }
  });
}

/**
 * The bundle attached in the registry to every subject, with the step's own registry credentials: through the
 * referrers API where the registry has one, else under the `sha256-<digest>` tag of the referrers tag schema (GHCR).
 */
async function storeInRegistry(step: Step, subjects: Subject[], bundle: object, predicateType: string): Promise<void> {
  const image = step.plan.attestation.subjectName;
  const repository = repositoryOf(image);
  const client = registryClientFor(registryOf(image), step.plan.login.logins, log.info);
  await client.putBlob(repository, EMPTY_CONFIG);
  const layer = await client.putBlob(repository, JSON.stringify(bundle));
  const artifact = {
    artifactType: SIGSTORE_BUNDLE_TYPE,
    layer: {mediaType: SIGSTORE_BUNDLE_TYPE, ...layer},
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': predicateType,
      'org.opencontainers.image.created': new Date().toISOString()
    }
  };
  for (const subject of subjects) {
    const digest = `sha256:${subject.digest.sha256}`;
    const manifest = await client.getManifest(repository, digest);
    const referring = referringManifest(artifact, {
      mediaType: manifest.mediaType,
      digest,
      size: Buffer.byteLength(manifest.body)
    });
    await client.putManifest(repository, referring.descriptor.digest, referring.body, OCI_MANIFEST);
    if (await client.referrers(repository, digest)) {
      log.info(`Attached the bundle to ${image}@${digest} (${referring.descriptor.digest}, referrers API).`);
      continue;
    }
    const tag = referrersTag(digest);
    const existing = (await client.manifestDigest(repository, tag))
      ? (await client.getManifest(repository, tag)).body
      : undefined;
    const index = withReferrer(existing, referring.descriptor);
    if (!index) {
      log.warning(`${image}:${tag} is not a referrers index: left alone, the bundle is not listed under it.`);
      continue;
    }
    await client.putManifest(repository, tag, index, OCI_INDEX);
    log.info(`Attached the bundle to ${image}@${digest} (${referring.descriptor.digest}, tag ${tag}).`);
  }
}

const SIGSTORE_BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/**
 * Under attest: true a failure fails the step; under auto it is a warning. `stored`: the attestation exists, only
 * its copy in the registry failed.
 */
function failed(step: Step, reason: string, stored?: number): void {
  if (step.plan.attestation.mode === 'true') throw new ActionableError(`The provenance attestation failed: ${reason}.`);
  log.warning(
    stored === undefined
      ? `No provenance attestation (attest: auto): ${reason}.`
      : `Provenance attestation ${stored} is stored, but ${reason}.`
  );
}

class SubjectsError extends Error {}

/** The pushed manifest or index, read back from the registry: the subjects are what it holds. */
async function pushedManifest(step: Step, digest: string): Promise<{digest: string; mediaType: string; body: string}> {
  const image = step.plan.attestation.subjectName;
  const client = registryClientFor(registryOf(image), step.plan.login.logins, log.info);
  const manifest = await client.getManifest(repositoryOf(image), digest).catch(error => {
    throw new SubjectsError(`reading the pushed ${image}@${digest} back failed: ${(error as Error).message}`);
  });
  // Only what was pushed is attested: a registry (or proxy) answering other content must not add subjects.
  if (sha256Digest(manifest.body) !== digest) {
    throw new SubjectsError(`the registry serves other content for ${image}@${digest}: nothing is attested`);
  }
  return {digest, mediaType: manifest.mediaType, body: manifest.body};
}

/**
 * The bundle as actions/attest leaves it: a file under RUNNER_TEMP (kept for later steps of the job; the step's own
 * work directory is removed by post), its path appended to created_attestation_paths.txt.
 */
function writeBundle(bundle: object): string {
  const temp = process.env.RUNNER_TEMP || tmpdir();
  const directory = join(temp, `ghcr-publish-attestation-${randomBytes(4).toString('hex')}`);
  mkdirSync(directory, {recursive: true});
  const path = join(directory, 'attestation.json');
  writeFileSync(path, `${JSON.stringify(bundle)}\n`);
  appendFileSync(join(temp, 'created_attestation_paths.txt'), `${path}\n`);
  return path;
}
