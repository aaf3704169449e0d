/**
 * Which BuildKit builder runs the build. The runner's own builder (the docker driver of its Docker engine) is
 * used whenever it can do the job: with the containerd image store it builds several platforms, exports cache
 * (the GitHub Actions cache included), attaches attestations and writes index annotations by itself. Only what
 * it lacks calls for a docker-container builder, created for this run only and removed in the post step:
 * push by digest on any store ("push-by-digest is currently not implemented for docker driver"), and on the
 * classic image store several platforms, cache export, attestations ("Attestation is not supported for the
 * docker driver") and annotations (silently dropped). Pure.
 */
import {buildxBuildArgs, forBuildKitVersion, type BuildCommand, type PlannedOption} from './build-command.js';
import type {BuilderOptions} from './inputs.js';
import {isLoopbackRegistry} from './image-reference.js';
import {DEFAULT_BUILDKIT_IMAGE, driverOptImage, runnableReference, toolImage, type ToolImage} from './tool-images.js';

export type ImageStore = 'containerd' | 'classic' | 'unknown';

export type BuilderChoice =
  | {kind: 'current'; reason: string}
  | {
      kind: 'create';
      name: string;
      /** The BuildKit image the builder runs: to be present (restored or pulled) before createArgs run. */
      image: ToolImage;
      createArgs: string[];
      bootArgs: string[];
      reason: string;
    };

export interface BuilderNeeds {
  /** Registry hosts the build pushes to or pulls from (a builder container on loopback needs the host network). */
  registries?: readonly string[];
  platforms: readonly string[];
  /** The driver-opts, buildkitd-flags and buildkitd-config inputs (setup-buildx-action's). */
  builderOptions?: BuilderOptions;
  cache: BuildCommand['cache'];
  features: BuildCommand['features'];
}

export interface CurrentBuilder {
  driver: string;
  /** The image store of the engine behind a docker driver ('unknown' when nothing told). */
  imageStore: ImageStore;
}

/** The features of this build that a docker driver lacks on the given image store, in words for the log. */
export function dockerDriverLacks({platforms, cache, features}: BuilderNeeds, imageStore: ImageStore): string[] {
  const lacking: string[] = [];
  if (features.pushByDigest) lacking.push('push by digest');
  if (imageStore === 'containerd') return lacking;
  const store = imageStore === 'classic' ? ' on the classic image store' : '';
  if (platforms.length > 1) lacking.push(`${platforms.length} platforms${store}`);
  if ([...cache.from, ...cache.to].some(spec => /(^|,)type=gha(,|$)/.test(spec)) || exportsCache(cache.to)) {
    lacking.push(`cache export${store}`);
  }
  if (features.attestations) lacking.push(`attestations${store}`);
  if (features.annotations) lacking.push(`annotations${store}`);
  return lacking;
}

/** Inline cache travels inside the image: every driver writes it. */
function exportsCache(cacheTo: readonly string[]): boolean {
  return cacheTo.some(spec => !/(^|,)type=inline(,|$)/.test(spec));
}

/** Whether the image store must be asked of `docker info` before choosing: only when the answer matters. */
export function needsImageStore(current: CurrentBuilder, needs: BuilderNeeds): boolean {
  return (
    current.driver === 'docker' &&
    current.imageStore === 'unknown' &&
    dockerDriverLacks(needs, 'classic').length > dockerDriverLacks(needs, 'containerd').length
  );
}

/** For a run without the builder input: keep the current builder, or create a container builder. */
export function chooseBuilder(
  current: CurrentBuilder,
  needs: BuilderNeeds,
  uniqueName: string,
  arch = 'x64'
): BuilderChoice {
  if (current.driver !== 'docker') {
    return {kind: 'current', reason: `the current builder uses the ${current.driver || 'unknown'} driver`};
  }
  const lacking = dockerDriverLacks(needs, current.imageStore);
  if (lacking.length === 0) {
    return {
      kind: 'current',
      reason:
        current.imageStore === 'containerd'
          ? 'the docker driver on the containerd image store does everything this build needs'
          : 'the docker driver supports everything this build needs'
    };
  }
  const options = needs.builderOptions ?? {
    driverOpts: [],
    buildkitdFlags: DEFAULT_BUILDKITD_FLAGS,
    buildkitdConfig: '',
    buildkitImage: DEFAULT_BUILDKIT_IMAGE
  };
  const hostNetwork =
    (needs.registries ?? []).some(isLoopbackRegistry) && !options.driverOpts.some(opt => /^network=/.test(opt));
  const userImage = driverOptImage(options.driverOpts);
  const image = toolImage(userImage ?? options.buildkitImage, arch);
  const imageOpt = `image=${runnableReference(image)}`;
  const driverOpts = [
    ...(userImage ? [] : [imageOpt]),
    ...options.driverOpts.map(opt => (opt.startsWith('image=') ? imageOpt : opt)),
    ...(hostNetwork ? ['network=host'] : [])
  ];
  return {
    kind: 'create',
    name: uniqueName,
    image,
    // Created without --bootstrap: create saves the builder before booting it, so a boot that failed (a Docker
    // Hub hiccup pulling moby/buildkit) could not be retried by creating again ("existing instance ... but no
    // append mode"); the boot is a separate command, retried alone.
    createArgs: [
      'buildx',
      'create',
      '--name',
      uniqueName,
      '--driver',
      'docker-container',
      ...driverOpts.flatMap(opt => ['--driver-opt', opt]),
      ...(options.buildkitdFlags ? ['--buildkitd-flags', options.buildkitdFlags] : []),
      ...(options.buildkitdConfig ? ['--buildkitd-config', options.buildkitdConfig] : [])
    ],
    bootArgs: ['buildx', 'inspect', '--bootstrap', '--builder', uniqueName],
    reason:
      `the docker driver cannot do ${lacking.join(', ')}` +
      (hostNetwork ? ' (on the host network: a registry is on loopback)' : '')
  };
}

/** setup-buildx-action's default: `allow: security.insecure` and `--network host` steps work as with it. */
export const DEFAULT_BUILDKITD_FLAGS =
  '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host';

/**
 * The planned build command for the builder that runs it: `--builder` for the one this run created; for a current
 * builder, without what its BuildKit does not know (see forBuildKitVersion). No choice: the builder input's builder,
 * named in the planned arguments already.
 */
export function argsForBuilder(
  build: Pick<BuildCommand, 'args' | 'options' | 'context' | 'defaultProvenance'>,
  choice: BuilderChoice | undefined,
  buildkitVersion: string | undefined
): {args: string[]; dropped: string[]} {
  if (choice?.kind === 'create') {
    const builder: PlannedOption = {flag: '--builder', value: choice.name, legacy: {kind: 'same'}};
    return {args: buildxBuildArgs([builder, ...build.options], build.context), dropped: []};
  }
  if (!choice) return {args: [...build.args], dropped: []};
  return forBuildKitVersion(build, buildkitVersion);
}

/** Which builder ran and why, for the job summary. */
export function describeBuilderChoice(choice: BuilderChoice | undefined, builderInput: string): string {
  if (!choice) return `${builderInput} (the builder input, used as it is)`;
  return choice.kind === 'create'
    ? `a docker-container builder for this run: ${choice.reason}`
    : `the current builder: ${choice.reason}`;
}

/** What the dry run can say before any builder is asked: the rule the step will apply. */
export function describeBuilderRule(needs: BuilderNeeds, builderInput: string): string {
  if (builderInput) return describeBuilderChoice(undefined, builderInput);
  const onContainerd = dockerDriverLacks(needs, 'containerd');
  const onClassic = dockerDriverLacks(needs, 'classic');
  if (onContainerd.length > 0)
    return `a docker-container builder for this run (the docker driver cannot do ${onContainerd.join(', ')})`;
  if (onClassic.length === 0) return "the runner's current builder";
  return (
    "the runner's current builder when it is a docker driver on the containerd image store or another driver; " +
    `a docker-container builder on the classic image store (it cannot do ${dockerDriverLacks(needs, 'unknown').join(', ')})`
  );
}
