/**
 * Action inputs → a typed, validated configuration. Pure: the caller passes a reader of the raw values
 * (the runner adapter in the action, a map in tests).
 */
import {
  checkAddHostItem,
  checkAttestationInput,
  checkAttestsItem,
  checkBuildArgItem,
  checkBuildContextItem,
  checkCacheItem,
  checkShmSize,
  checkUlimitItem,
  isGoFalse,
  isGoTrue
} from './buildx-option-checks.js';
import {InputError} from './errors.js';
import {parsePlatforms} from './platforms.js';
import {DEFAULT_BINFMT_IMAGE, DEFAULT_BUILDKIT_IMAGE, DEFAULT_CACHE_MOUNTS_IMAGE} from './tool-images.js';
import {ListSyntaxError, parseListItems, type ListItem, type ListOptions} from './input-lists.js';
import type {MetadataInputs} from './metadata/types.js';
import type {AttestMode} from './attestation.js';

/** Reads one raw input; `trim: false` keeps surrounding whitespace (separators, secrets). */
export type InputReader = (name: string, options?: {trim?: boolean}) => string;

export type PushMode = 'auto' | 'true' | 'false';

/** Matrix fan-out: off, one platform pushed by digest for a later merge, or the merge of the run's digests. */
export type DistributeMode = '' | 'platform' | 'merge';

export interface BuildConfig {
  context: string;
  file: string;
  target: string;
  platforms: string[];
  buildArgs: string[];
  buildContexts: string[];
  push: PushMode;
  load: boolean;
  outputs: string[];
  cacheFrom: string[];
  cacheTo: string[];
  noCache: boolean;
  noCacheFilters: string[];
  /** The default GitHub Actions cache (when cache-from and cache-to are empty and the runner offers the service). */
  ghaCache: boolean;
  pull: boolean;
  secrets: ListItem[];
  secretEnvs: ListItem[];
  secretFiles: ListItem[];
  ssh: string[];
  network: string;
  addHosts: string[];
  allow: string[];
  shmSize: string;
  ulimit: string[];
  cgroupParent: string;
  provenance: string;
  sbom: string;
  attests: string[];
  builder: string;
  /** setup-buildx-action's options for the docker-container builder this run creates. */
  builderOptions: BuilderOptions;
  qemuImage: string;
  /** Keep the BuildKit and binfmt images (pinned by digest) in the GitHub Actions cache. */
  cacheImage: boolean;
  /** `RUN --mount=type=cache` mounts to keep between runs: ids or targets, or `auto`. */
  cacheMounts: ListItem[];
  /** The image (a shell and tar) of the throwaway builds that move the cache mounts. */
  cacheMountsImage: string;
}

export interface LoginConfig {
  username: string;
  password: string;
  logout: boolean;
  /** Docker Hub credentials for the pulls (dockerhub-username, dockerhub-token); empty when not given. */
  dockerHub: {username: string; password: string};
}

export interface Config {
  metadata: MetadataInputs;
  githubToken: string;
  login: LoginConfig;
  build: BuildConfig;
  /** Check after the push that every tag resolves to the reported digest. */
  verify: boolean;
  distribute: DistributeMode;
  /** Attest the provenance of what is pushed: auto (when the workflow allows it), true (or fail), false. */
  attest: AttestMode;
  /** Also attach the attestation's bundle to the image in the registry (attest-build-provenance's push-to-registry). */
  attestPushToRegistry: boolean;
  dryRun: boolean;
}

export interface BuilderOptions {
  driverOpts: string[];
  buildkitdFlags: string;
  buildkitdConfig: string;
  /** The buildkit-image input; an `image=` driver option wins. */
  buildkitImage: string;
}

const lineItems: ListOptions = {ignoreComma: true, comment: '#', commentNoInfix: true};
const commaOrLineItems: ListOptions = {comment: '#', commentNoInfix: true};

export function readConfig(read: InputReader): Config {
  const items = (name: string, options: ListOptions = lineItems) => readListItems(read, name, options);
  const list = (name: string, options: ListOptions = lineItems) => items(name, options).map(item => item.value);
  /** A list whose every item is first checked against buildx's grammar for it. */
  const checkedList = (name: string, check: (item: ListItem) => void, options: ListOptions = lineItems) =>
    items(name, options).map(item => {
      check(item);
      return item.value;
    });
  const build: BuildConfig = {
    context: readBuildContext(read('context')),
    file: read('file'),
    target: read('target'),
    platforms: parsePlatforms(items('platforms', commaOrLineItems)),
    buildArgs: checkedList('build-args', checkBuildArgItem),
    buildContexts: checkedList('build-contexts', checkBuildContextItem),
    push: readChoice(read, 'push', ['auto', 'true', 'false'] as const, 'auto'),
    load: readBoolean(read, 'load', false),
    outputs: list('outputs', {...lineItems, quote: false}),
    cacheFrom: checkedList('cache-from', item => checkCacheItem('cache-from', item)),
    cacheTo: checkedList('cache-to', item => checkCacheItem('cache-to', item)),
    noCache: readBoolean(read, 'no-cache', false),
    noCacheFilters: list('no-cache-filters', commaOrLineItems),
    ghaCache: readChoice(read, 'gha-cache', ['auto', 'false'] as const, 'auto') === 'auto',
    pull: readBoolean(read, 'pull', false),
    secrets: readKeyValueItems(read, 'secrets', 'id=value'),
    secretEnvs: readKeyValueItems(read, 'secret-envs', 'id=VARIABLE'),
    secretFiles: readKeyValueItems(read, 'secret-files', 'id=path'),
    ssh: list('ssh'),
    network: read('network'),
    addHosts: checkedList('add-hosts', checkAddHostItem, commaOrLineItems),
    allow: list('allow', commaOrLineItems),
    shmSize: checked(read('shm-size'), checkShmSize),
    ulimit: checkedList('ulimit', checkUlimitItem),
    cgroupParent: read('cgroup-parent'),
    provenance: checked(read('provenance'), value => checkAttestationInput('provenance', value)),
    sbom: checked(read('sbom'), value => checkAttestationInput('sbom', value)),
    attests: checkedList('attests', checkAttestsItem),
    builder: read('builder'),
    builderOptions: {
      driverOpts: list('driver-opts'),
      buildkitdFlags: read('buildkitd-flags'),
      buildkitdConfig: read('buildkitd-config'),
      buildkitImage: read('buildkit-image') || DEFAULT_BUILDKIT_IMAGE
    },
    qemuImage: read('qemu-image') || DEFAULT_BINFMT_IMAGE,
    cacheImage: readBoolean(read, 'cache-image', true),
    cacheMounts: items('cache-mounts', commaOrLineItems),
    cacheMountsImage: read('cache-mounts-image') || DEFAULT_CACHE_MOUNTS_IMAGE
  };
  if (build.load && build.platforms.length > 1) {
    throw new InputError(
      'load',
      'true',
      `the Docker image store holds one platform, but ${build.platforms.length} platforms are requested (${build.platforms.join(',')})`,
      'Set "load: false", or build a single platform when loading.'
    );
  }
  const distribute = readChoice(read, 'distribute', ['', 'platform', 'merge'] as const, '');
  if (distribute === 'platform') checkPlatformJob(build);
  if (distribute === 'merge') checkMergeJob(build);
  return {
    metadata: {
      images: items('images'),
      tags: items('tags'),
      flavor: items('flavor'),
      labels: items('labels'),
      annotations: items('annotations'),
      sepTags: read('sep-tags', {trim: false}) || '\n',
      sepLabels: read('sep-labels', {trim: false}) || '\n',
      sepAnnotations: read('sep-annotations', {trim: false}) || '\n'
    },
    githubToken: read('github-token'),
    login: {
      username: read('username'),
      password: read('password'),
      logout: readBoolean(read, 'logout', true),
      dockerHub: readDockerHubLogin(read)
    },
    build,
    verify: readBoolean(read, 'verify', true),
    distribute,
    attest: readChoice(read, 'attest', ['auto', 'true', 'false'] as const, 'auto'),
    attestPushToRegistry: readBoolean(read, 'attest-push-to-registry', false),
    dryRun: readBoolean(read, 'dry-run', false)
  };
}

/** Both Docker Hub inputs or neither: a username alone would log in with an empty token. */
function readDockerHubLogin(read: InputReader): LoginConfig['dockerHub'] {
  const username = read('dockerhub-username');
  const password = read('dockerhub-token');
  if ((username === '') !== (password === '')) {
    const [given, missing] = username
      ? ['dockerhub-username', 'dockerhub-token']
      : ['dockerhub-token', 'dockerhub-username'];
    throw new InputError(
      missing,
      '',
      `"${given}" is set but "${missing}" is empty, so the step cannot log in to Docker Hub`,
      `Set both (for example from secrets.DOCKERHUB_USERNAME and secrets.DOCKERHUB_TOKEN), or neither.`
    );
  }
  return {username, password};
}

/** A platform job pushes exactly one platform by digest through an output of its own. */
function checkPlatformJob(build: BuildConfig): void {
  if (build.platforms.length !== 1) {
    throw new InputError(
      'platforms',
      build.platforms.join(','),
      `"distribute: platform" builds exactly one platform per job, but ${build.platforms.length || 'no'} platform${build.platforms.length === 1 ? ' is' : 's are'} given`,
      'Give each matrix job its own platform, e.g. "platforms: ${{ matrix.platform }}".'
    );
  }
  if (build.push === 'false') {
    throw new InputError(
      'push',
      'false',
      '"distribute: platform" hands a pushed digest to the merge job, so it must push',
      'Remove "push: false" (auto pushes on the events that publish), or remove "distribute".'
    );
  }
  refuseOutputs(build, '"distribute: platform" pushes by digest through its own image output', 'the platform jobs');
}

/** The merge job builds nothing: it joins what the platform jobs pushed, under the computed tags. */
function checkMergeJob(build: BuildConfig): void {
  refuseOutputs(build, '"distribute: merge" builds nothing, it joins the platform jobs\' digests', 'the merge job');
}

function refuseOutputs(build: BuildConfig, problem: string, where: string): void {
  const conflicting = build.outputs.length > 0 ? 'outputs' : build.load ? 'load' : '';
  if (conflicting) {
    throw new InputError(
      conflicting,
      conflicting === 'outputs' ? build.outputs.join('; ') : 'true',
      problem,
      `Remove "${conflicting}" from ${where}.`
    );
  }
}

function checked(value: string, check: (value: string) => void): string {
  check(value);
  return value;
}

const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

/** YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput; empty means the default. */
export function readBoolean(read: InputReader, name: string, defaultValue: boolean): boolean {
  const value = read(name);
  if (value === '') return defaultValue;
  if (TRUE_VALUES.includes(value)) return true;
  if (FALSE_VALUES.includes(value)) return false;
  throw new InputError(name, value, 'not a boolean', `Use true or false (default ${defaultValue}).`);
}

function readChoice<T extends string>(read: InputReader, name: string, choices: readonly T[], defaultValue: T): T {
  const value = read(name);
  if (value === '') return defaultValue;
  const match = choices.find(choice => choice === value.toLowerCase());
  if (match === undefined) {
    throw new InputError(
      name,
      value,
      'not a valid choice',
      `Use one of ${choices.filter(choice => choice !== '').join(', ')}${defaultValue === '' ? ', or leave it empty (the default)' : ` (default ${defaultValue})`}.`
    );
  }
  return match;
}

/**
 * metadata-action's `context: git|workflow` means something else here (the build context, as in
 * build-push-action); a migrated value would otherwise be built as a directory named "git".
 */
function readBuildContext(value: string): string {
  if (value === 'git' || value === 'workflow') {
    throw new InputError(
      'context',
      value,
      'this is docker/metadata-action\'s context setting, but here "context" is the build context',
      'Remove it: ghcr-publish reads tags from the workflow event; give a path such as "." to build a directory.'
    );
  }
  return value;
}

/** Environment switches (DOCKER_METADATA_SET_OUTPUT_ENV...) take Go's boolean spellings, as the docker actions do. */
export function readEnvironmentBoolean(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  defaultValue: boolean
): boolean {
  const value = env[name];
  if (value === undefined || value === '') return defaultValue;
  if (isGoTrue(value)) return true;
  if (isGoFalse(value)) return false;
  throw new InputError(name, value, 'not a boolean', `Set the environment variable ${name} to true or false.`);
}

/** List items of one input; a quote left open is an error that names the input and line. */
function readListItems(read: InputReader, name: string, options: ListOptions, raw = read(name)): ListItem[] {
  try {
    return parseListItems(raw, options);
  } catch (error) {
    if (!(error instanceof ListSyntaxError)) throw error;
    const lineText = raw.split(/\r?\n/)[error.line - 1] ?? '';
    const shown = name === 'secrets' ? '(value hidden)' : lineText;
    throw new InputError(
      name,
      shown,
      'a quoted value is never closed',
      'Add the closing " (write "" for a literal quote inside a quoted value).',
      error.line
    );
  }
}

function readKeyValueItems(read: InputReader, name: string, shape: string): ListItem[] {
  // Secret values are taken verbatim: a trailing space or newline may be part of the secret.
  const trimmedKeys = name === 'secrets' ? {trimWhitespace: false} : {};
  const items = readListItems(read, name, {...lineItems, ...trimmedKeys}, read(name, {trim: false}));
  for (const item of items) {
    const separator = item.value.indexOf('=');
    if (separator <= 0 || item.value.slice(0, separator).trim() === '') {
      const shown = name === 'secrets' ? '(value hidden)' : item.value;
      throw new InputError(name, shown, `expected ${shape}`, `Write one ${shape} per line.`, item.line);
    }
  }
  return items;
}
