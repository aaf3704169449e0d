/** Parsers for what `docker buildx version` and `docker buildx inspect` print. Pure. */

/** `github.com/docker/buildx v0.19.3 48d6a39` → `0.19.3`; undefined when no version is printed. */
export function parseBuildxVersion(stdout: string): string | undefined {
  return /\bv?(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)\b/.exec(stdout)?.[1];
}

export interface BuilderInfo {
  name: string;
  driver: string;
  /** Platforms of the first node, as printed (linux/amd64, linux/arm64...). */
  platforms: string[];
  buildkitVersion: string | undefined;
}

/** The text of `docker buildx inspect`: the builder's own Name and Driver come before the Nodes section. */
export function parseBuilderInspect(stdout: string): BuilderInfo {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(stdout)?.[1]?.trim();
  const platforms = (field('Platforms') ?? '')
    .split(',')
    .map(platform => platform.trim().replace(/\*$/, ''))
    .filter(platform => platform !== '');
  return {
    name: field('Name') ?? '',
    driver: field('Driver') ?? '',
    platforms,
    buildkitVersion: field('BuildKit version') ?? field('Buildkit')
  };
}

/** What the docker CLI prints for `docker buildx …` without the plugin (docker 20–24, then docker 25+). */
export function isBuildxMissing(stderr: string): boolean {
  return /'buildx' is not a docker command|unknown command: docker buildx/.test(stderr);
}
