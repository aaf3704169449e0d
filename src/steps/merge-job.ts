/**
 * The merge job of a matrix: collect the digests this run's platform jobs handed off, join them into one OCI
 * image index through the registry API (no buildx needed), put it under every tag of every image, and verify.
 */
import type {HandoffStore} from '../adapters/artifact-store.js';
import {ActionableError} from '../core/errors.js';
import {isForkPullRequest, type GitHubContext} from '../core/github-context.js';
import {registryClientFor, verifyPushedTags} from '../adapters/push-verification.js';
import {type RegistryLogin} from '../core/login-plan.js';
import {registryOf, repositoryOf} from '../core/image-reference.js';
import {type RegistryClient} from '../adapters/registry-client.js';
import {sha256Digest} from '../core/digests.js';
import {explainFailure} from '../core/registry-errors.js';
import type {Metadata} from '../core/metadata/types.js';
import {storeLogin} from '../adapters/docker-credentials.js';
import {dockerCliOnPath} from '../adapters/docker.js';
import {login, type PublishOutcome, type Step} from './job.js';
import {HttpError} from '../adapters/http-policy.js';
import {log, phase} from '../adapters/runner.js';
import {HANDOFF_PREFIX, selectPlatformDigests, type Handoff} from '../core/handoff.js';
import {displayPlatform} from '../core/platforms.js';
import {
  buildImageIndex,
  configDigestOf,
  indexAnnotations,
  isIndexType,
  OCI_INDEX,
  type ImageIndex,
  type PlatformSource
} from '../core/image-index.js';

export interface MergeJob {
  images: readonly string[];
  /** image:tag references, as metadata computed them. */
  tags: readonly string[];
  /** metadata's annotations; all of them land on the index. */
  annotations: readonly string[];
  /** The platforms the merge must find; empty: whatever the run handed off. */
  platforms: readonly string[];
  context: GitHubContext;
  logins: readonly RegistryLogin[];
  verify: boolean;
  forkPullRequest: boolean;
  store: HandoffStore;
  log: (message: string) => void;
}

export interface MergeOutcome {
  digest: string;
  index: ImageIndex;
  platforms: Handoff[];
}

/**
 * The merge job's step: no build, and only the registry API, so a runner or container job without the docker CLI
 * merges too. Logged in like any job (actions/attest-build-provenance reads the login from docker's config.json):
 * with `docker login` where docker exists, else by writing the same `auths` entry itself.
 */
export async function runMergeJob(
  step: Step,
  metadata: Metadata,
  store: HandoffStore
): Promise<PublishOutcome & {merged?: Handoff[]}> {
  const {config, plan, context} = step;
  if (!plan.push.push) return {pushed: false, digest: '', imageid: '', metadata: ''};
  await phase('Login', async () => {
    if (dockerCliOnPath()) return login(step);
    for (const {registry, username, password} of plan.login.logins) {
      if (plan.logout) step.cleanup.loggedIn(registry);
      storeLogin(registry, {username, password});
      log.info(
        `Logged in to ${registry} in docker's config.json (no docker CLI on this runner; the merge needs none).`
      );
    }
  });
  const merged = await phase('Merge', () =>
    mergePlatformDigests({
      images: plan.images,
      tags: plan.tags,
      annotations: metadata.annotations,
      platforms: plan.platforms,
      context,
      logins: plan.login.logins,
      verify: config.verify,
      forkPullRequest: isForkPullRequest(context),
      store,
      log: log.info
    })
  );
  // The shape of buildx's metadata file, so steps reading `metadata` work after a merge too.
  const buildxMetadata = {
    'containerimage.descriptor': {
      mediaType: merged.index.mediaType,
      digest: merged.digest,
      size: Buffer.byteLength(merged.index.body)
    },
    'containerimage.digest': merged.digest,
    'image.name': plan.tags.join(',')
  };
  return {
    pushed: true,
    digest: merged.digest,
    imageid: '',
    metadata: JSON.stringify(buildxMetadata, null, 2),
    merged: merged.platforms
  };
}

async function mergePlatformDigests(job: MergeJob): Promise<MergeOutcome> {
  const artifacts = await job.store.list(HANDOFF_PREFIX);
  const selected = selectPlatformDigests(
    artifacts.map(artifact => artifact.name),
    {images: job.images, platforms: job.platforms, runAttempt: Number(job.context.runAttempt) || 1}
  );
  for (const handoff of selected) {
    job.log(`Merging ${displayPlatform(handoff.platformSlug)} → ${handoff.digest} (attempt ${handoff.runAttempt}).`);
  }

  const [first, ...others] = job.images as [string, ...string[]];
  const sources = await registryCall(job, first, 'Reading the platform manifests', client =>
    fetchSources(client, first, selected)
  );
  const index = buildImageIndex(sources, indexAnnotations(job.annotations));
  for (const image of others) {
    await registryCall(job, image, 'Checking the platform manifests', client =>
      requirePresent(client, image, selected)
    );
  }
  // By digest into every repository first: a registry that refuses the write fails the merge before any tag
  // anywhere has moved.
  for (const image of job.images) {
    await registryCall(job, image, 'Pushing the image index', client =>
      client.putManifest(repositoryOf(image), index.digest, index.body, OCI_INDEX)
    );
  }
  for (const image of job.images) {
    const tags = job.tags.filter(tag => tag.startsWith(`${image}:`)).map(tag => tag.slice(image.length + 1));
    await registryCall(job, image, 'Tagging the image index', async client => {
      for (const tag of tags) await client.putManifest(repositoryOf(image), tag, index.body, OCI_INDEX);
    });
  }
  job.log(`Pushed the index ${index.digest} (${selected.length} platforms) as ${job.tags.join(', ')}.`);
  if (job.verify) {
    const checks = await verifyPushedTags(job.tags, index.digest, job.logins, job.log);
    job.log(`Verified in the registry: ${checks.map(check => check.reference).join(', ')} → ${index.digest}`);
  }
  return {digest: index.digest, index, platforms: selected};
}

async function fetchSources(
  client: RegistryClient,
  image: string,
  handoffs: readonly Handoff[]
): Promise<PlatformSource[]> {
  const repository = repositoryOf(image);
  const sources: PlatformSource[] = [];
  for (const handoff of handoffs) {
    const manifest = await client.getManifest(repository, handoff.digest).catch(error => {
      throw notInRepository(error, handoff, image);
    });
    if (sha256Digest(manifest.body) !== handoff.digest) {
      throw new ActionableError(
        `${image}@${handoff.digest} serves content with another digest (${sha256Digest(manifest.body)}): the ` +
          'registry changed the manifest, so it cannot be referenced by the digest the platform job pushed.'
      );
    }
    const source: PlatformSource = {
      platform: displayPlatform(handoff.platformSlug),
      ...manifest,
      digest: handoff.digest
    };
    if (!isIndexType(manifest.mediaType)) {
      source.config = (await client.getBlob(repository, configDigestOf(source))).toString('utf8');
    }
    sources.push(source);
  }
  return sources;
}

/** With several images, the platform jobs pushed each digest to every one of them. */
async function requirePresent(client: RegistryClient, image: string, handoffs: readonly Handoff[]) {
  for (const handoff of handoffs) {
    const found = await client.manifestDigest(repositoryOf(image), handoff.digest);
    if (found !== handoff.digest) throw notInRepository(new HttpError(404, 'not found'), handoff, image);
  }
}

function notInRepository(error: unknown, handoff: Handoff, image: string): unknown {
  if (!(error instanceof HttpError) || error.status !== 404) return error;
  return new ActionableError(
    `The digest ${handoff.digest} handed off for ${displayPlatform(handoff.platformSlug)} is not in ${image}. ` +
      'The platform jobs must push to the same images as the merge job (same "images" input, same registry).'
  );
}

/** Runs registry calls for one image; a denial or outage becomes a message saying what to do. */
async function registryCall<T>(
  job: MergeJob,
  image: string,
  operation: string,
  call: (client: RegistryClient) => Promise<T>
): Promise<T> {
  const registry = registryOf(image);
  try {
    return await call(registryClientFor(registry, job.logins, job.log));
  } catch (error) {
    if (error instanceof ActionableError) throw error;
    throw new ActionableError(
      explainFailure((error as Error).message, {
        operation: `${operation} (${image})`,
        registry,
        forkPullRequest: job.forkPullRequest
      })
    );
  }
}
