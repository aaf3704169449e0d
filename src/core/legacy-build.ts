/**
 * The fallback for runners without buildx (distribution Docker on self-hosted runners): the same build
 * as `docker build` with BuildKit, then one `docker push` per tag. Pure.
 */
import type {BuildCommand} from './build-command.js';
import {SHA256_HEX_PATTERN} from './digests.js';
import {ActionableError, InputError} from './errors.js';
import type {BuildConfig} from './inputs.js';

/** buildx flags `docker build` lacks, with the input a user would have set to get them. */
const BUILDX_ONLY: Readonly<Record<string, string>> = {
  '--output': 'outputs',
  '--build-context': 'build-contexts',
  '--allow': 'allow',
  '--no-cache-filter': 'no-cache-filters',
  '--cache-to': 'cache-to',
  '--builder': 'builder'
};

/** Flags with no meaning for the legacy builder; what they carried is reported as dropped. */
const DROPPED: Readonly<Record<string, string>> = {
  '--annotation': 'annotations',
  '--attest': 'provenance and SBOM attestations',
  '--metadata-file': '',
  '--push': '',
  '--load': ''
};

const FLAGS_WITHOUT_VALUE = new Set(['--push', '--load', '--no-cache', '--pull']);

export interface LegacyBuild {
  buildArgs: string[];
  pushArgs: string[][];
  /** Features this runner's docker cannot provide, for a warning. */
  dropped: string[];
}

export function toLegacyBuild(
  command: BuildCommand,
  build: BuildConfig,
  tags: readonly string[],
  push: boolean
): LegacyBuild {
  if (build.platforms.length > 1) {
    throw new InputError(
      'platforms',
      build.platforms.join(','),
      'building several platforms needs docker buildx, which this runner does not have',
      "Install the buildx plugin (Debian/Ubuntu: docker-buildx-plugin from Docker's repository) or use a GitHub-hosted runner."
    );
  }
  const buildArgs = ['build'];
  const dropped = new Set<string>();
  const args = command.args.slice(2);
  for (let index = 0; index < args.length; index++) {
    const flag = args[index] ?? '';
    const takesValue = flag.startsWith('--') && !FLAGS_WITHOUT_VALUE.has(flag);
    const value = takesValue ? (args[++index] ?? '') : undefined;
    if (flag in BUILDX_ONLY && !(flag === '--cache-to' && command.cache.defaulted)) {
      const input = BUILDX_ONLY[flag] ?? flag;
      throw new InputError(
        input,
        value ?? '',
        'this needs docker buildx, which this runner does not have',
        `Remove "${input}", or install the buildx plugin.`
      );
    }
    if (flag in DROPPED || (command.cache.defaulted && flag.startsWith('--cache-'))) {
      if (DROPPED[flag]) dropped.add(DROPPED[flag]);
      continue;
    }
    buildArgs.push(flag);
    if (value !== undefined) buildArgs.push(value);
  }
  if (command.cache.defaulted) dropped.add('GitHub Actions cache');
  return {buildArgs, pushArgs: push ? tags.map(tag => ['push', tag]) : [], dropped: [...dropped]};
}

/** The manifest digest `docker push` reports: `<tag>: digest: sha256:… size: N`. */
export function digestFromPushOutput(stdout: string): string | undefined {
  return new RegExp(`digest: (sha256:${SHA256_HEX_PATTERN})`).exec(stdout)?.[1];
}

/** The legacy builder knows no secrets: the Git context token is only a convenience, anything else is an error. */
export function withoutBuildKitSecrets(buildArgs: string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < buildArgs.length; index++) {
    const arg = buildArgs[index] ?? '';
    if (arg === '--secret' && (buildArgs[index + 1] ?? '').startsWith('id=GIT_AUTH_TOKEN.')) {
      index++;
      continue;
    }
    if (arg === '--secret' || arg === '--ssh') {
      throw new ActionableError(
        `This runner's docker has neither buildx nor BuildKit, so build secrets and SSH cannot be passed (${arg}). ` +
          'Install the buildx plugin.'
      );
    }
    result.push(arg);
  }
  return result;
}
