/**
 * Keeping BuildKit's cache mounts (`RUN --mount=type=cache`) between runs. They live in the builder, which is new in
 * every CI run, and no cache export carries them. So the step moves them itself: before the build, archives restored
 * from the GitHub Actions cache are unpacked into the builder's mounts by a throwaway build; after a successful
 * build, another throwaway build packs each mount into an archive the step saves. The archives are tar files made
 * by the utility image's own tar, which keeps owners, modes and links. This file decides which mounts, their cache
 * keys, whether this run restores and saves, and the throwaway Dockerfiles and commands. Pure.
 */
import {createHash} from 'node:crypto';
import {cacheScope} from './build-command.js';
import {findCacheMounts, type DockerfileCacheMount} from './dockerfile-mounts.js';
import {InputError} from './errors.js';
import type {GitHubContext} from './github-context.js';
import type {ListItem} from './input-lists.js';

export interface CacheMount {
  /** The id BuildKit keys the mount by (the target path when the Dockerfile gives no id). */
  id: string;
  uid?: string;
  gid?: string;
  mode?: string;
  /** The cache entry this run saves. */
  key: string;
  /** Prefix of the entries a run restores from when its own key is not there yet: the newest one wins. */
  restoreKey: string;
  /** Name of the mount's archive, the same in every run (the cache entry's version depends on its path). */
  archive: string;
}

export interface CacheMountPlan {
  mounts: CacheMount[];
  restore: boolean;
  save: boolean;
  /** Why this run restores or saves nothing, or which Dockerfile mounts were left out. */
  notes: string[];
  /** The image whose shell and tar run the throwaway builds. */
  utilityImage: string;
  /** The build's BUILDKIT_CACHE_MOUNT_NS, which prefixes every mount id in the builder. */
  namespace: string;
}

export interface CacheMountInput {
  /** The cache-mounts input: ids or targets, or `auto` for every cache mount of the Dockerfile. */
  requested: readonly ListItem[];
  /** The Dockerfile, when it is on the runner's disk (not a remote context, not stdin). */
  dockerfile?: {path: string; text: string};
  utilityImage: string;
  image: string;
  target: string;
  platforms: readonly string[];
  buildArgs: readonly string[];
  noCache: boolean;
  actionsCacheAvailable: boolean;
  context: GitHubContext;
}

const INPUT = 'cache-mounts';

/**
 * Events whose build may run code from outside the repository (pull requests, and workflows started by comments
 * on them): what they leave in a mount must never reach the cache the default branch and releases restore.
 */
const RESTORE_ONLY_EVENTS = ['pull_request', 'issue_comment'];

export function planCacheMounts(input: CacheMountInput): CacheMountPlan {
  const namespace =
    input.buildArgs
      .findLast(arg => arg.startsWith('BUILDKIT_CACHE_MOUNT_NS='))
      ?.slice('BUILDKIT_CACHE_MOUNT_NS='.length) ?? '';
  const base = {utilityImage: input.utilityImage, namespace};
  if (input.requested.length === 0) return {...base, mounts: [], restore: false, save: false, notes: []};
  const {selected, notes} = selectMounts(input.requested, input.dockerfile);
  const scope = cacheScope(input.image.toLowerCase(), input.target, input.platforms);
  const revision = input.context.sha || 'local';
  const mounts = selected.map(mount => {
    const restoreKey = `ghcr-publish-mount-${scope}-${slug(`${namespace}/${mount.id}`)}-`;
    return {
      ...ownership(mount),
      id: mount.id,
      key: `${restoreKey}${revision}`,
      restoreKey,
      archive: `${slug(`${scope}-${namespace}/${mount.id}`)}.tar`
    };
  });
  const policy = cachePolicy(input);
  return {...base, mounts, ...policy, notes: [...notes, ...policy.notes]};
}

/** Whether this run restores and saves: pull requests restore only; no-cache and a runner without the cache, neither. */
function cachePolicy(input: CacheMountInput): {restore: boolean; save: boolean; notes: string[]} {
  if (input.noCache) {
    return {
      restore: false,
      save: false,
      notes: ['no-cache is true: the cache mounts start empty and nothing is saved']
    };
  }
  if (!input.actionsCacheAvailable) {
    return {
      restore: false,
      save: false,
      notes: ['this runner offers no GitHub Actions cache (ACTIONS_RUNTIME_TOKEN and its URL are unset)']
    };
  }
  if (RESTORE_ONLY_EVENTS.some(event => input.context.eventName.startsWith(event))) {
    return {
      restore: true,
      save: false,
      notes: [
        input.context.eventName.startsWith('pull_request')
          ? 'a pull request restores the cache mounts but does not save them'
          : `a ${input.context.eventName} event (started by anyone who can comment) restores the cache mounts but does not save them`
      ]
    };
  }
  return {restore: true, save: true, notes: []};
}

function selectMounts(
  requested: readonly ListItem[],
  dockerfile: CacheMountInput['dockerfile']
): {selected: DockerfileCacheMount[]; notes: string[]} {
  const found = dockerfile ? findCacheMounts(dockerfile.text) : [];
  const usable = (mount: DockerfileCacheMount) => reasonLeftOut(mount) === undefined;
  const selected: DockerfileCacheMount[] = [];
  const notes: string[] = [];
  const add = (mount: DockerfileCacheMount) => {
    if (!selected.some(chosen => chosen.id === mount.id)) selected.push(mount);
  };
  for (const item of requested) {
    if (item.value.toLowerCase() === 'auto') {
      if (!dockerfile) {
        throw new InputError(
          INPUT,
          item.value,
          'auto reads the cache mounts from the Dockerfile, but the Dockerfile is not on the runner (a remote context or stdin)',
          'Name the mounts instead, by id or target path as the Dockerfile writes them (e.g. /root/.cache/go-build).',
          item.line
        );
      }
      found.filter(usable).forEach(add);
      for (const mount of found.filter(mount => !usable(mount))) notes.push(leftOut(mount, dockerfile.path));
      continue;
    }
    checkName(item);
    if (!dockerfile) {
      add({id: item.value, target: item.value, usesVariable: false, line: 0});
      continue;
    }
    const named = found.filter(mount => mount.id === item.value || mount.target === item.value);
    const match = named.find(usable);
    if (match) {
      add(match);
      continue;
    }
    const listed = [...new Set(found.filter(usable).map(mount => mount.id))];
    throw new InputError(
      INPUT,
      item.value,
      named[0]
        ? `the mount on line ${named[0].line} of ${dockerfile.path} ${reasonLeftOut(named[0]) ?? ''}`
        : `no RUN --mount=type=cache in ${dockerfile.path} has this id or target`,
      listed.length > 0
        ? `Name one of ${listed.join(', ')}, or use "auto" for all of them.`
        : 'Add the mount to a RUN instruction first, e.g. RUN --mount=type=cache,target=/root/.cache ...',
      item.line
    );
  }
  if (requested.some(item => item.value.toLowerCase() === 'auto') && selected.length === 0) {
    notes.push(`${dockerfile?.path} declares no cache mount this step can keep`);
  }
  return {selected, notes};
}

function leftOut(mount: DockerfileCacheMount, path: string): string {
  return `left out: the cache mount ${mount.id} (line ${mount.line} of ${path}) ${reasonLeftOut(mount) ?? ''}`;
}

/** Why the step cannot keep a mount of the Dockerfile; undefined when it can. */
function reasonLeftOut(mount: DockerfileCacheMount): string | undefined {
  if (mount.usesVariable) return 'names its id or target with a build argument, whose value only the build knows';
  if (mount.from !== undefined) {
    return `starts from "${mount.from}" (from=), which BuildKit keys with that base, not by its id alone`;
  }
  if (/[",'\\\s]/.test(mount.id)) return 'has quotes, commas, backslashes or spaces in its id';
  return undefined;
}

/** A name goes into a `--mount=` option of the throwaway Dockerfile: no quote, comma or line break. */
function checkName(item: ListItem): void {
  if (/[",'\\\s]/.test(item.value)) {
    throw new InputError(
      INPUT,
      item.value,
      'a cache mount id or target cannot contain quotes, commas, backslashes or spaces',
      'Write the id or target path exactly as in the Dockerfile, one per line.',
      item.line
    );
  }
}

function ownership(mount: DockerfileCacheMount): Pick<CacheMount, 'uid' | 'gid' | 'mode'> {
  const result: Pick<CacheMount, 'uid' | 'gid' | 'mode'> = {};
  for (const key of ['uid', 'gid', 'mode'] as const) {
    const value = mount[key];
    if (value !== undefined && /^[0-9]+$/.test(value)) result[key] = value;
  }
  return result;
}

/** Readable, and unique through a hash: /root/.cache and root-.cache must not share an entry. */
function slug(value: string): string {
  const readable = value
    .replace(/[^a-z0-9._-]+/gi, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${readable}-${createHash('sha256').update(value).digest('hex').slice(0, 8)}`;
}

const ROOT = '/ghcr-publish';

function mountOption(mount: CacheMount, index: number): string {
  // Ids with quotes, commas or spaces were left out (reasonLeftOut, checkName): written as they are.
  const options = ['type=cache', `id=${mount.id}`, `target=${ROOT}/mounts/${index}`];
  for (const key of ['uid', 'gid', 'mode'] as const) {
    const value = mount[key];
    if (value !== undefined) options.push(`${key}=${value}`);
  }
  return `--mount=${options.join(',')}`;
}

/**
 * The Dockerfile that unpacks the restored archives (in the build context, by their `archive` names) into the
 * mounts. The last stage copies the result marker, so BuildKit must run the unpacking to export it.
 */
export function injectDockerfile(plan: CacheMountPlan, restored: readonly CacheMount[]): string {
  const indexed = plan.mounts.map((mount, index) => ({mount, index})).filter(({mount}) => restored.includes(mount));
  const script = [
    'set -e',
    ...indexed.map(({mount, index}) => `tar -xf ${ROOT}/archives/${mount.archive} -C ${ROOT}/mounts/${index}`),
    `mkdir -p ${ROOT}/result`,
    `echo ${indexed.length} > ${ROOT}/result/injected`
  ];
  return throwawayDockerfile(plan, `--mount=type=bind,target=${ROOT}/archives`, indexed, script);
}

/** The Dockerfile that packs every mount that holds anything into `<archive name>` at the root of its output. */
export function extractDockerfile(plan: CacheMountPlan): string {
  const indexed = plan.mounts.map((mount, index) => ({mount, index}));
  const script = [
    'set -e',
    `mkdir -p ${ROOT}/result`,
    ...indexed.map(
      ({mount, index}) =>
        `if [ -n "$(ls -A ${ROOT}/mounts/${index})" ]; then tar -cf ${ROOT}/result/${mount.archive} -C ${ROOT}/mounts/${index} .; fi`
    )
  ];
  return throwawayDockerfile(plan, '', indexed, script);
}

function throwawayDockerfile(
  plan: CacheMountPlan,
  extraMount: string,
  indexed: {mount: CacheMount; index: number}[],
  script: string[]
): string {
  const flags = ['--network=none', extraMount, ...indexed.map(({mount, index}) => mountOption(mount, index))];
  return [
    `FROM ${plan.utilityImage} AS work`,
    // In the RUN's environment, so a new value is a new cache key: the RUN always runs (see throwawayBuildArgs).
    `ARG ${NONCE_ARG}`,
    `RUN ${flags.filter(flag => flag !== '').join(' ')} ${JSON.stringify(['/bin/sh', '-c', script.join('\n')])}`,
    'FROM scratch',
    `COPY --from=work ${ROOT}/result/ /`,
    ''
  ].join('\n');
}

const NONCE_ARG = 'GHCR_PUBLISH_RUN';

/**
 * `docker buildx build` of a throwaway Dockerfile on the build's builder, with its result written to
 * `outputDirectory`. Not `--no-cache`: BuildKit empties the cache mounts of a RUN that ignores the cache before it
 * runs (buildkit#2447; with uid/gid/mode too since v0.16), which is the opposite of the point. A `nonce` new for
 * each build makes the RUN miss the layer cache instead.
 */
export function throwawayBuildArgs(
  plan: CacheMountPlan,
  builder: readonly string[],
  dockerfile: string,
  contextDirectory: string,
  outputDirectory: string,
  nonce: string
): string[] {
  return [
    'buildx',
    'build',
    ...builder,
    '--file',
    dockerfile,
    '--output',
    `type=local,dest=${outputDirectory}`,
    '--build-arg',
    `${NONCE_ARG}=${nonce}`,
    ...(plan.namespace ? ['--build-arg', `BUILDKIT_CACHE_MOUNT_NS=${plan.namespace}`] : []),
    contextDirectory
  ];
}

/** The cache mounts in words, for the dry-run plan and the job summary. */
export function describeCacheMounts(plan: CacheMountPlan): string[] {
  if (plan.mounts.length === 0) return plan.notes;
  const action = plan.restore ? (plan.save ? 'restored and saved' : 'restored, not saved') : 'not restored or saved';
  return [`${plan.mounts.map(mount => mount.id).join(', ')}: ${action}`, ...plan.notes];
}
