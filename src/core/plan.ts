/** The whole publishing plan: who logs in where, what is built, pushed and reported. Pure. */
import {planBuildCommand, type BuildCommand} from './build-command.js';
import {describeBuilderRule} from './builder-plan.js';
import type {GitHubContext} from './github-context.js';
import {InputError} from './errors.js';
import {isGoTrue} from './buildx-option-checks.js';
import type {Config, DistributeMode} from './inputs.js';
import type {Metadata, RepositoryInfo} from './metadata/types.js';
import {decidePush, type PushDecision} from './push-policy.js';
import {planLogins, type LoginPlan} from './login-plan.js';
import {planCacheMounts, type CacheMountPlan} from './cache-mounts.js';
import {planAttestation, type AttestationPlan} from './attestation.js';

/**
 * What this step does, decided once: the whole publish; one platform of a matrix, pushed by digest and handed to
 * the merge job; or the merge of those digests into one tagged index, without a build.
 */
export type PlannedJob = {kind: 'publish'} | {kind: 'platform'; platform: string} | {kind: 'merge'};

export interface PublishPlan {
  job: PlannedJob;
  /** Enabled images, lowercased, without tag. */
  images: string[];
  /** The first image: the subject-name for actions/attest-build-provenance. */
  image: string;
  /** Requested platforms (empty: the builder's own; for a merge, whatever the run handed off). */
  platforms: string[];
  /** The image:tag references this job puts in the registry (none for a platform job: the merge tags). */
  tags: string[];
  push: PushDecision;
  login: LoginPlan;
  build: BuildCommand;
  /** The RUN --mount=type=cache mounts kept between runs, and whether this run restores and saves them. */
  cacheMounts: CacheMountPlan;
  /** Whether this job attests the provenance of what it pushes, and with which Sigstore instance. */
  attestation: AttestationPlan;
  /** Which builder will run the build and why, as far as it is known before any docker command. */
  builder: string;
  logout: boolean;
  /** The step's own temporary directory (build metadata, secrets, cache mount archives), removed by post. */
  workDir: string;
}

export interface PlanEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  workDir: string;
  /** The Dockerfile's text, when cache-mounts needs it and it is on the runner's disk. */
  dockerfile?: {path: string; text: string};
}

export function planPublish(
  config: Config,
  context: GitHubContext,
  metadata: Metadata,
  repo: RepositoryInfo,
  {env, workDir, dockerfile}: PlanEnvironment
): PublishPlan {
  const images = metadata.images.filter(image => image.enable).map(image => image.name);
  if (config.distribute !== '' && images.length === 0) {
    throw new InputError(
      'images',
      config.metadata.images.map(image => image.value).join('; '),
      `"distribute: ${config.distribute}" pushes by digest to the images, but every image is disabled`,
      'Enable at least one image (remove enable=false), or remove "distribute".'
    );
  }
  const push = withoutTagsNoPush(
    decidePush(config.build.push, context, config.login.password !== ''),
    config,
    metadata
  );
  // Logged in even when not pushing: private base images and registry caches need credentials to pull.
  const login = planLogins(images, config.login, config.githubToken, context);
  const privateRepository = repo.private === true || (repo.visibility !== undefined && repo.visibility !== 'public');
  const build = planBuildCommand({
    build: config.build,
    metadata,
    context,
    push: push.push,
    githubToken: config.githubToken,
    actionsCacheAvailable: actionsCacheAvailable(env),
    privateRepository,
    noDefaultAttestations: isGoTrue(env.BUILDX_NO_DEFAULT_ATTESTATIONS),
    workDir,
    ...(config.distribute === 'platform' ? {pushByDigestTo: images} : {})
  });
  const platforms = config.build.platforms;
  const job = plannedJob(config.distribute, platforms);
  const cacheMounts = planCacheMounts({
    requested: job.kind === 'merge' ? [] : config.build.cacheMounts,
    ...(dockerfile ? {dockerfile} : {}),
    utilityImage: config.build.cacheMountsImage,
    image: images[0] ?? `${context.owner}/${context.repo}`,
    target: config.build.target,
    platforms,
    buildArgs: config.build.buildArgs,
    noCache: config.build.noCache,
    actionsCacheAvailable: actionsCacheAvailable(env),
    context
  });
  return {
    job,
    images,
    image: images[0] ?? '',
    platforms,
    tags: job.kind === 'platform' ? [] : metadata.tags,
    push,
    login,
    build,
    cacheMounts,
    attestation: planAttestation({
      mode: config.attest,
      job,
      push: push.push,
      oidcAvailable: Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
      // As actions/attest: the public instance (its transparency log is public) only for a known public repository.
      publicRepository: repo.visibility === 'public' || repo.private === false,
      hasToken: config.githubToken !== '',
      serverUrl: context.serverUrl,
      image: images[0] ?? '',
      repository: `${context.owner}/${context.repo}`
    }),
    builder:
      job.kind === 'merge'
        ? 'none (the merge builds nothing)'
        : describeBuilderRule({...build, platforms}, config.build.builder),
    logout: config.login.logout,
    workDir
  };
}

function plannedJob(distribute: DistributeMode, platforms: readonly string[]): PlannedJob {
  if (distribute === 'merge') return {kind: 'merge'};
  // inputs.ts has checked that a platform job names exactly one platform.
  if (distribute === 'platform') return {kind: 'platform', platform: platforms[0] ?? ''};
  return {kind: 'publish'};
}

/** A push needs a tag (or outputs naming the destination): without one, say so instead of letting buildx fail. */
function withoutTagsNoPush(decision: PushDecision, config: Config, metadata: Metadata): PushDecision {
  // A platform job pushes by digest, but without a tag the merge job has nothing to tag: it builds only too.
  if (!decision.push || metadata.tags.length > 0 || config.build.outputs.length > 0) return decision;
  const rules = config.metadata.tags.map(rule => rule.value).join('; ') || '(the default rules)';
  if (config.build.push === 'true') {
    throw new InputError(
      'tags',
      rules,
      'no tag rule produced a tag for this event, so there is nothing to push to',
      'Add a rule that fires on this event (type=sha always does), or set "push: auto" to build without pushing.'
    );
  }
  return {push: false, reason: 'push: auto builds without pushing because no tag rule produced a tag for this event'};
}

/** The build cache in words, for the dry-run plan and the job summary. */
export function describeCache(plan: PublishPlan): string {
  if (plan.job.kind === 'merge') return 'none (the merge builds nothing)';
  if (plan.build.cache.defaulted) return 'GitHub Actions cache (default)';
  return plan.build.cache.from.length + plan.build.cache.to.length > 0 ? 'as given in cache-from / cache-to' : 'none';
}

export function actionsCacheAvailable(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL));
}
