/**
 * The `docker buildx build` command line, as docker/build-push-action would assemble it from the same
 * inputs, plus ghcr-publish's defaults (GitHub Actions cache, index annotations, Git context token).
 * Pure: argument arrays only, never a shell string; secret values never appear in the arguments: `secrets` go
 * through files the step writes (0600, in its work directory) and the Git context token through the environment.
 */
import {isGoFalse, isGoTrue} from './buildx-option-checks.js';
import type {GitHubContext} from './github-context.js';
import type {BuildConfig} from './inputs.js';
import {splitAnnotation} from './metadata/index.js';
import type {Metadata} from './metadata/types.js';

export interface BuildPlanInput {
  build: BuildConfig;
  metadata: Metadata;
  context: GitHubContext;
  push: boolean;
  githubToken: string;
  /** The GitHub Actions cache service is reachable (ACTIONS_RUNTIME_TOKEN and a cache URL). */
  actionsCacheAvailable: boolean;
  /** Repository is private: provenance defaults to mode=min,inline-only=true. */
  privateRepository: boolean;
  /** BUILDX_NO_DEFAULT_ATTESTATIONS is set. */
  noDefaultAttestations: boolean;
  /** Directory for the metadata and image ID files. */
  workDir: string;
  /** A platform job of a matrix: push to these images by digest only, without tags, for a later merge. */
  pushByDigestTo?: readonly string[];
}

/** What the build asks of the builder, decided with its arguments (the builder rule reads these, not the argv). */
export interface BuildFeatures {
  /** An image output pushed by digest (a platform job, or push-by-digest=true in `outputs`). */
  pushByDigest: boolean;
  /** At least one attestation that is not disabled. */
  attestations: boolean;
  annotations: boolean;
}

/**
 * What the fallback without buildx (`docker build`, then `docker push`) does with a planned option: passes it on
 * (`same`), passes it only while BuildKit builds (`buildkit`: refused by the classic builder, except the automatic
 * Git context token, which is left out), refuses the input it came from (`buildx`), leaves it out and says so
 * (`dropped`), or leaves it out because the fallback does the same another way (`omit`: it always loads and pushes
 * with `docker push`).
 */
export type LegacyTreatment =
  | {kind: 'same'}
  | {kind: 'buildkit'; gitToken?: boolean}
  | {kind: 'buildx'; input: string}
  | {kind: 'dropped'; what: string}
  | {kind: 'omit'};

/** One option of the build command, with where it came from as far as the fallbacks need to know. */
export interface PlannedOption {
  flag: string;
  value?: string;
  legacy: LegacyTreatment;
}

export interface BuildCommand {
  /** `buildx build`, the options, the context: what the dry run prints and docker runs (for its builder). */
  args: string[];
  options: PlannedOption[];
  /** The build context, the last argument. */
  context: string;
  features: BuildFeatures;
  /** Variables added to the docker process environment; their values are secrets. */
  secretEnv: Record<string, string>;
  /**
   * The `secrets` input's values, to be written (mode 0600) where the build reads them (`--secret id=…,src=…`),
   * as build-push-action does: an environment variable over 128 KiB would make the docker spawn fail (E2BIG).
   */
  secretsToWrite: {path: string; value: string}[];
  metadataFile: string;
  iidFile: string;
  cache: {from: string[]; to: string[]; defaulted: boolean};
  /** The default Git context of the commit is used (the token is passed as the GIT_AUTH_TOKEN secret). */
  gitContext: boolean;
  /** The `--attest` value of build-push-action's default provenance, when this build gets it. */
  defaultProvenance?: string;
}

/**
 * A build command for a BuildKit older than 0.11, which knows neither attestations nor annotations: without the
 * default provenance (the user's own attestations stay, and fail as buildx says) and without annotations (the
 * labels carry the same metadata). Unknown versions (Debian's BuildKit reports v0.0.0+unknown) are taken as new.
 */
export function forBuildKitVersion(
  command: Pick<BuildCommand, 'options' | 'context' | 'defaultProvenance'>,
  buildkitVersion: string | undefined
): {args: string[]; dropped: string[]} {
  const [major, minor] = (/^v?(\d+)\.(\d+)\./.exec(buildkitVersion ?? '') ?? []).slice(1).map(Number);
  // 0.0.x is a build without a version (Debian's v0.0.0+unknown), not an old one.
  const old = major === 0 && minor !== undefined && minor > 0 && minor < 11;
  const dropped = new Set<string>();
  const kept = command.options.filter(({flag, value}) => {
    const unknownToOld = flag === '--annotation' || (flag === '--attest' && value === command.defaultProvenance);
    if (old && unknownToOld)
      dropped.add(flag === '--annotation' ? 'annotations' : 'the default provenance attestation');
    return !(old && unknownToOld);
  });
  return {args: buildxBuildArgs(kept, command.context), dropped: [...dropped]};
}

/** `buildx build` with these options and context. */
export function buildxBuildArgs(options: readonly PlannedOption[], context: string): string[] {
  return ['buildx', 'build', ...optionArgs(options), context];
}

/** Options as command-line arguments: each flag followed by its value, if it has one. */
export function optionArgs(options: readonly PlannedOption[]): string[] {
  return options.flatMap(({flag, value}) => (value === undefined ? [flag] : [flag, value]));
}

const SAME: LegacyTreatment = {kind: 'same'};
const OMIT: LegacyTreatment = {kind: 'omit'};
const needsBuildx = (input: string): LegacyTreatment => ({kind: 'buildx', input});
const leftOut = (what: string): LegacyTreatment => ({kind: 'dropped', what});
const BUILDKIT: LegacyTreatment = {kind: 'buildkit'};

const GIT_AUTH_TOKEN_VARIABLE = 'GHCR_PUBLISH_GIT_AUTH_TOKEN';

/** Annotation keys GHCR reads from the image index of a multi-platform image (package page). */
const INDEX_ANNOTATION_KEYS = [
  'org.opencontainers.image.description',
  'org.opencontainers.image.licenses',
  'org.opencontainers.image.source'
];

export function planBuildCommand(input: BuildPlanInput): BuildCommand {
  const {build, metadata, context} = input;
  const planned: PlannedOption[] = [];
  const secretEnv: Record<string, string> = {};
  const secretsToWrite: BuildCommand['secretsToWrite'] = [];
  const option = (flag: string, value: string, legacy = SAME) => {
    if (value !== '') planned.push({flag, value, legacy});
  };
  const options = (flag: string, values: readonly string[], legacy = SAME) =>
    values.forEach(value => option(flag, value, legacy));
  const switchOption = (flag: string, legacy = SAME) => planned.push({flag, legacy});

  option('--builder', build.builder, needsBuildx('builder'));
  option('--file', build.file);
  option('--target', build.target);
  if (build.platforms.length > 0) option('--platform', build.platforms.join(','));
  options('--build-arg', build.buildArgs);
  options(
    '--build-context',
    build.buildContexts.map(entry => withDefaultContext(entry, context)),
    needsBuildx('build-contexts')
  );
  options('--label', metadata.labels);
  const {attests: attestations, defaultProvenance} = planAttestations(input);
  // Several platforms, or attestation manifests next to one, make the pushed image an index.
  const pushesIndex =
    build.platforms.length > 1 || attestations.some(entry => attachedToResult(entry, build, input.push));
  const annotations = withIndexAnnotations(metadata.annotations, pushesIndex);
  options('--annotation', annotations, leftOut('annotations'));
  // Tags belong to the merged index: a platform job's image is only reachable by its digest.
  if (!input.pushByDigestTo) options('--tag', metadata.tags);

  const cache = planCache(input);
  const defaultCache = leftOut('GitHub Actions cache');
  options('--cache-from', cache.from, cache.defaulted ? defaultCache : SAME);
  options('--cache-to', cache.to, cache.defaulted ? defaultCache : needsBuildx('cache-to'));
  if (build.noCache) switchOption('--no-cache');
  options('--no-cache-filter', build.noCacheFilters, needsBuildx('no-cache-filters'));
  if (build.pull) switchOption('--pull');

  build.secrets.forEach((item, index) => {
    const [id, value] = splitKeyValue(item.value);
    const path = `${input.workDir}/secret-${index}`;
    secretsToWrite.push({path, value});
    option('--secret', `id=${id.trim()},src=${path}`, BUILDKIT);
  });
  build.secretEnvs.forEach(item => {
    const [id, variable] = splitKeyValue(item.value);
    option('--secret', `id=${id.trim()},env=${variable.trim()}`, BUILDKIT);
  });
  build.secretFiles.forEach(item => {
    const [id, path] = splitKeyValue(item.value);
    option('--secret', `id=${id.trim()},src=${path.trim()}`, BUILDKIT);
  });
  const buildContext = build.context === '' ? defaultGitContext(context) : withDefaultContext(build.context, context);
  const gitContext = buildContext.startsWith(defaultGitContext(context));
  if (gitContext && input.githubToken && !hasGitAuthTokenSecret(build)) {
    secretEnv[GIT_AUTH_TOKEN_VARIABLE] = input.githubToken;
    option('--secret', `id=GIT_AUTH_TOKEN.${new URL(context.serverUrl).host},env=${GIT_AUTH_TOKEN_VARIABLE}`, {
      kind: 'buildkit',
      gitToken: true
    });
  }
  options('--ssh', build.ssh, BUILDKIT);
  option('--network', build.network);
  options('--add-host', build.addHosts);
  options('--allow', build.allow, needsBuildx('allow'));
  option('--shm-size', build.shmSize);
  options('--ulimit', build.ulimit);
  option('--cgroup-parent', build.cgroupParent);
  options('--attest', attestations, leftOut('provenance and SBOM attestations'));

  options('--output', build.outputs, needsBuildx('outputs'));
  if (input.pushByDigestTo && input.push) {
    option('--output', pushByDigestOutput(input.pushByDigestTo), needsBuildx('distribute'));
  } else if (input.push) switchOption('--push', OMIT);
  if (build.load) switchOption('--load', OMIT);

  const metadataFile = `${input.workDir}/build-metadata.json`;
  const iidFile = `${input.workDir}/build-iidfile.txt`;
  option('--metadata-file', metadataFile, OMIT);
  // buildx refuses an image ID file with the local and tar exporters, which produce no image.
  if (!build.outputs.some(output => /(^|,)type=(local|tar)(,|$)/.test(output))) option('--iidfile', iidFile);
  const features: BuildFeatures = {
    pushByDigest:
      Boolean(input.pushByDigestTo && input.push) ||
      build.outputs.some(output => /(^|,)push-by-digest=true(,|$)/.test(output)),
    attestations: attestations.some(entry => !isDisabled(entry)),
    annotations: annotations.length > 0
  };
  return {
    args: buildxBuildArgs(planned, buildContext),
    options: planned,
    context: buildContext,
    features,
    secretEnv,
    secretsToWrite,
    metadataFile,
    iidFile,
    cache,
    gitContext,
    defaultProvenance
  };
}

/** docker's documented output for a platform job of a matrix; names with commas are quoted as CSV. */
export function pushByDigestOutput(images: readonly string[]): string {
  const names = images.join(',');
  return `type=image,${names.includes(',') ? `"name=${names}"` : `name=${names}`},push-by-digest=true,name-canonical=true,push=true`;
}

/**
 * A context buildx fetches itself (the default Git context, a Git or HTTP URL, `{{defaultContext}}:dir`); any other
 * value is a directory on the runner.
 */
export function isRemoteContext(context: string): boolean {
  return (
    context === '' ||
    context.includes('{{defaultContext}}') ||
    /^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//.test(context)
  );
}

/** The Git context docker/build-push-action builds by default: the repository at this commit. */
export function defaultGitContext(context: GitHubContext): string {
  const ref = context.sha || context.ref;
  return `${context.serverUrl}/${context.owner}/${context.repo}.git${ref ? `#${ref}` : ''}`;
}

/** build-push-action's `{{defaultContext}}` placeholder, e.g. `{{defaultContext}}:docker` for a subdirectory. */
function withDefaultContext(value: string, context: GitHubContext): string {
  return value.split('{{defaultContext}}').join(defaultGitContext(context));
}

/** `id=value` split at the first `=` (the list inputs have checked that there is one). */
export function splitKeyValue(entry: string): [string, string] {
  const separator = entry.indexOf('=');
  return [entry.slice(0, separator), entry.slice(separator + 1)];
}

/** A user's own GIT_AUTH_TOKEN (or GIT_AUTH_TOKEN.<host>) secret wins over the github-token. */
function hasGitAuthTokenSecret(build: BuildConfig): boolean {
  return [...build.secrets, ...build.secretEnvs, ...build.secretFiles].some(item => {
    const id = splitKeyValue(item.value)[0].trim();
    return id === 'GIT_AUTH_TOKEN' || id.startsWith('GIT_AUTH_TOKEN.');
  });
}

/**
 * For several platforms GHCR shows description, licenses and source from the index, which BuildKit
 * only writes when asked with an `index:` annotation.
 */
function withIndexAnnotations(annotations: readonly string[], multiPlatform: boolean): string[] {
  if (!multiPlatform) return [...annotations];
  const result = [...annotations];
  for (const annotation of annotations) {
    const parts = splitAnnotation(annotation);
    if (!parts || !INDEX_ANNOTATION_KEYS.includes(parts.key)) continue;
    const indexed = `index:${parts.key}=${parts.value}`;
    if (!result.includes(indexed)) result.push(indexed);
  }
  return result;
}

/** A cache scope per image, target and platform set, so matrix jobs and several images keep their own cache. */
export function cacheScope(image: string, target: string, platforms: readonly string[]): string {
  const parts = [image.replace(/^[^/]*\//, ''), target, platforms.join('+')].filter(part => part !== '');
  return parts.join('-').replace(/[^a-z0-9._+-]+/gi, '-');
}

function planCache(input: BuildPlanInput): BuildCommand['cache'] {
  const {build, metadata} = input;
  const defaultCache = build.ghaCache && input.actionsCacheAvailable && !build.noCache;
  if (build.cacheFrom.length > 0 || build.cacheTo.length > 0 || !defaultCache) {
    return {from: build.cacheFrom, to: build.cacheTo, defaulted: false};
  }
  const image =
    metadata.images.find(candidate => candidate.enable)?.name ?? `${input.context.owner}/${input.context.repo}`;
  const scope = cacheScope(image.toLowerCase(), build.target, build.platforms);
  return {
    from: [`type=gha,scope=${scope}`],
    // ignore-error: a throttled or full cache service must never fail a good build.
    to: [`type=gha,scope=${scope},mode=max,ignore-error=true`],
    defaulted: true
  };
}

/** provenance, sbom and attests as docker/build-push-action combines them, with its default provenance. */
function planAttestations(input: BuildPlanInput): {attests: string[]; defaultProvenance?: string} {
  const {build, context} = input;
  const builderId = `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}/attempts/${context.runAttempt}`;
  const attests = build.attests
    .filter(entry => {
      const type = /(?:^|,)type=([^,]+)/.exec(entry)?.[1];
      return !(type === 'provenance' && build.provenance !== '') && !(type === 'sbom' && build.sbom !== '');
    })
    // build-push-action gives an attests provenance entry the run's builder-id too.
    .map(entry =>
      /(?:^|,)type=provenance(?:,|$)/.test(entry) && !/(?:^|,)(?:builder-id|disabled)=/.test(entry)
        ? `${entry},builder-id=${builderId}`
        : entry
    );
  const provenanceGiven = build.provenance !== '' || attests.some(entry => /(?:^|,)type=provenance/.test(entry));
  if (build.provenance !== '') {
    attests.push(attestation('provenance', build.provenance, builderId));
  }
  const defaultProvenance =
    provenanceGiven || input.noDefaultAttestations || hasDockerExporter(build)
      ? undefined
      : input.privateRepository
        ? `type=provenance,mode=min,inline-only=true,builder-id=${builderId}`
        : `type=provenance,mode=max,builder-id=${builderId}`;
  if (defaultProvenance) attests.push(defaultProvenance);
  if (build.sbom !== '') attests.push(attestation('sbom', build.sbom, ''));
  return {attests, defaultProvenance};
}

/**
 * Whether an attestation ends up in the result next to the image (making it an index). Inline-only attestations
 * (the private-repository default) are kept by the image exporter alone (a push, `type=image` or `type=registry`);
 * the oci and docker exporters and `load` drop them, and the result is a single manifest, on which BuildKit refuses
 * index annotations ("index annotations not supported for single platform export").
 */
function attachedToResult(entry: string, build: BuildConfig, push: boolean): boolean {
  if (isDisabled(entry)) return false;
  if (!/(?:^|,)inline-only=true(?:,|$)/.test(entry)) return true;
  const imageExporter = build.outputs.some(output => /(?:^|,)type=(?:image|registry)(?:,|$)/.test(output));
  const otherExporter = build.outputs.some(output => /(?:^|,)type=(?:oci|docker|local|tar)(?:,|$)/.test(output));
  return (push || imageExporter) && !build.load && !otherExporter;
}

/** An attestation entry that asks for none (`disabled=true`, as provenance: false is planned). */
function isDisabled(entry: string): boolean {
  return /(?:^|,)disabled=true(?:,|$)/.test(entry);
}

/** The docker exporter (load, or type=docker) cannot take the attestation manifests of an index. */
function hasDockerExporter(build: BuildConfig): boolean {
  return build.load || build.outputs.some(output => /(^|,)type=docker(,|$)/.test(output));
}

function attestation(type: 'provenance' | 'sbom', value: string, builderId: string): string {
  // build-push-action parses these as Go booleans (1, t, T, TRUE, true, True and their false twins).
  if (isGoFalse(value)) return `type=${type},disabled=true`;
  const attributes = isGoTrue(value) ? '' : value;
  const withBuilder = builderId && !/(?:^|,)builder-id=/.test(attributes) ? `builder-id=${builderId}` : '';
  return [`type=${type}`, attributes, withBuilder].filter(part => part !== '').join(',');
}
