/**
 * The fallback for runners without buildx (distribution Docker on self-hosted runners): the same build
 * as `docker build` with BuildKit, then one `docker push` per tag. Planned from the build command's options and
 * what each of them came from (LegacyTreatment), never by re-reading its arguments. Pure.
 */
import {optionArgs, type BuildCommand, type PlannedOption} from './build-command.js';
import {SHA256_HEX_PATTERN} from './digests.js';
import {InputError} from './errors.js';

export interface LegacyBuild {
  /** `docker build` with BuildKit (DOCKER_BUILDKIT=1). */
  buildArgs: string[];
  /**
   * `docker build` with the classic builder, for a client whose BuildKit needs the missing buildx; or why it
   * cannot build this (secrets and SSH exist only in BuildKit).
   */
  classicBuild: {args: string[]} | {refusal: string};
  pushArgs: string[][];
  /** Features this runner's docker cannot provide, for a warning. */
  dropped: string[];
}

export function planLegacyBuild(
  command: Pick<BuildCommand, 'options' | 'context'>,
  platforms: readonly string[],
  tags: readonly string[],
  push: boolean
): LegacyBuild {
  if (platforms.length > 1) {
    throw new InputError(
      'platforms',
      platforms.join(','),
      'building several platforms needs docker buildx, which this runner does not have',
      "Install the buildx plugin (Debian/Ubuntu: docker-buildx-plugin from Docker's repository) or use a GitHub-hosted runner."
    );
  }
  const kept: PlannedOption[] = [];
  const dropped = new Set<string>();
  for (const option of command.options) {
    const {legacy} = option;
    if (legacy.kind === 'buildx') {
      throw new InputError(
        legacy.input,
        option.value ?? '',
        'this needs docker buildx, which this runner does not have',
        `Remove "${legacy.input}", or install the buildx plugin.`
      );
    }
    if (legacy.kind === 'dropped') dropped.add(legacy.what);
    if (legacy.kind === 'same' || legacy.kind === 'buildkit') kept.push(option);
  }
  const onlyBuildKit = kept.filter(({legacy}) => legacy.kind === 'buildkit' && !legacy.gitToken);
  const withoutGitToken = kept.filter(({legacy}) => legacy.kind !== 'buildkit');
  return {
    buildArgs: ['build', ...optionArgs(kept), command.context],
    classicBuild:
      onlyBuildKit.length > 0
        ? {
            refusal:
              "This runner's docker has neither buildx nor BuildKit, so build secrets and SSH cannot be passed " +
              `(${[...new Set(onlyBuildKit.map(({flag}) => flag))].join(', ')}). Install the buildx plugin.`
          }
        : {args: ['build', ...optionArgs(withoutGitToken), command.context]},
    pushArgs: push ? tags.map(tag => ['push', tag]) : [],
    dropped: [...dropped]
  };
}

/** The manifest digest `docker push` reports: `<tag>: digest: sha256:… size: N`. */
export function digestFromPushOutput(stdout: string): string | undefined {
  return new RegExp(`digest: (sha256:${SHA256_HEX_PATTERN})`).exec(stdout)?.[1];
}
