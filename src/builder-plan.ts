/**
 * Which BuildKit builder runs the build. The docker driver (the runner's default builder) cannot build
 * several platforms, export to the GitHub Actions cache, attach attestations or write annotations; for
 * those a docker-container builder is created for this run only and removed in the post step. Pure.
 */
import type {BuildCommand} from './build-command.js';

export type BuilderChoice =
  {kind: 'current'; reason: string} | {kind: 'create'; name: string; createArgs: string[]; reason: string};

export interface BuilderNeeds {
  platforms: string[];
  cache: BuildCommand['cache'];
  args: readonly string[];
}

/** The features of this build that the docker driver lacks, in words for the log. */
export function containerBuilderFeatures({platforms, cache, args}: BuilderNeeds): string[] {
  const features: string[] = [];
  if (platforms.length > 1) features.push(`${platforms.length} platforms`);
  if ([...cache.from, ...cache.to].some(spec => /(^|,)type=gha(,|$)/.test(spec))) features.push('GitHub Actions cache');
  if (args.some((arg, index) => arg === '--attest' && !(args[index + 1] ?? '').includes('disabled=true'))) {
    features.push('attestations');
  }
  if (args.includes('--annotation')) features.push('annotations');
  if (args.some(arg => /(^|,)push-by-digest=true(,|$)/.test(arg))) features.push('push by digest');
  return features;
}

/** For a run without the builder input: keep the current builder, or create a container builder. */
export function chooseBuilder(currentDriver: string, needs: BuilderNeeds, uniqueName: string): BuilderChoice {
  const features = containerBuilderFeatures(needs);
  if (currentDriver !== 'docker') {
    return {kind: 'current', reason: `the current builder uses the ${currentDriver || 'unknown'} driver`};
  }
  if (features.length === 0) return {kind: 'current', reason: 'the docker driver supports everything this build needs'};
  return {
    kind: 'create',
    name: uniqueName,
    // --bootstrap starts BuildKit in the same call instead of a separate `buildx inspect --bootstrap`.
    createArgs: ['buildx', 'create', '--name', uniqueName, '--driver', 'docker-container', '--bootstrap'],
    reason: `the docker driver cannot do ${features.join(', ')}`
  };
}
