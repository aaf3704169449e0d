/** Parsers for what `docker buildx version`, `docker buildx inspect` and buildx's metadata file say. Pure. */
import {join, relative, resolve} from 'node:path';
import {isRemoteContext} from './build-command.js';

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
  /** The first node's worker labels (org.mobyproject.buildkit.worker.*), as printed under `Labels:`. */
  labels: Record<string, string>;
}

/**
 * Which image store a docker driver's BuildKit works on, from its worker labels. dockerd 26 with the containerd
 * image store labels its worker with the containerd executor and snapshotter (`buildx inspect` 0.13.1 prints
 * `org.mobyproject.buildkit.worker.executor: containerd`, `...snapshotter: overlayfs`); on the classic store the
 * only label is `org.mobyproject.buildkit.worker.moby.host-gateway-ip`. 'unknown' when buildx printed no labels
 * (older buildx): then `docker info` tells.
 */
export function imageStoreFromLabels(labels: Readonly<Record<string, string>>): 'containerd' | 'classic' | 'unknown' {
  if (Object.keys(labels).length === 0) return 'unknown';
  const containerd =
    labels['org.mobyproject.buildkit.worker.executor'] === 'containerd' ||
    'org.mobyproject.buildkit.worker.containerd.namespace' in labels ||
    'org.mobyproject.buildkit.worker.snapshotter' in labels;
  return containerd ? 'containerd' : 'classic';
}

/** `docker info --format '{{json .DriverStatus}}'`: the containerd image store reports this driver type. */
export function isContainerdStoreDriverStatus(stdout: string): boolean {
  return stdout.includes('io.containerd.snapshotter.v1');
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
    buildkitVersion: field('BuildKit version') ?? field('Buildkit'),
    labels: parseLabels(stdout)
  };
}

/** The indented `key: value` lines under the first `Labels:` heading. */
function parseLabels(stdout: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const lines = stdout.split(/\r?\n/);
  const start = lines.findIndex(line => /^Labels:\s*$/.test(line));
  if (start < 0) return labels;
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+([^\s:][^:]*):\s*(.*)$/.exec(line);
    if (!match) break;
    labels[match[1]!.trim()] = match[2]!.trim();
  }
  return labels;
}

/** What the docker CLI prints for `docker buildx …` without the plugin (docker 20–24, then docker 25+). */
export function isBuildxMissing(stderr: string): boolean {
  return /'buildx' is not a docker command|unknown command: docker buildx/.test(stderr);
}

/** A build check's warning as buildx records it in the metadata file with BUILDX_METADATA_WARNINGS=true. */
export interface BuildWarning {
  message: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

/**
 * The `buildx.build.warnings` of buildx's metadata file (buildx 0.15 and later; client.VertexWarning as JSON:
 * `short` and `detail` base64, `sourceInfo.filename`, `range[].start.line`), as messages with their place in
 * the Dockerfile. Unknown shapes give nothing rather than an error: these are warnings.
 */
export function buildWarningsFrom(metadata: Readonly<Record<string, unknown>>): BuildWarning[] {
  const warnings = metadata['buildx.build.warnings'];
  if (!Array.isArray(warnings)) return [];
  const decode = (value: unknown) =>
    typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8').trim() : '';
  return warnings.flatMap((entry: unknown): BuildWarning[] => {
    if (entry === null || typeof entry !== 'object') return [];
    const warning = entry as {
      short?: unknown;
      detail?: unknown;
      url?: unknown;
      sourceInfo?: {filename?: unknown};
      range?: {start?: {line?: unknown}; end?: {line?: unknown}}[];
    };
    const details = Array.isArray(warning.detail) ? warning.detail.map(decode).filter(Boolean) : [];
    const message = [decode(warning.short), ...details, typeof warning.url === 'string' ? warning.url : '']
      .filter(Boolean)
      .join('\n');
    if (!message) return [];
    const range = Array.isArray(warning.range) ? warning.range[0] : undefined;
    const line = (value: unknown) => (typeof value === 'number' && value > 0 ? value : undefined);
    const file = typeof warning.sourceInfo?.filename === 'string' ? warning.sourceInfo.filename : undefined;
    return [{message, file, startLine: line(range?.start?.line), endLine: line(range?.end?.line)}];
  });
}

/**
 * The workspace path of the Dockerfile a build check names (buildx records the name as given): the file input,
 * else the name inside a local context; none for the Git or a URL context, which is not in the workspace.
 */
export function dockerfileInWorkspace(
  checked: string | undefined,
  build: {file: string; context: string},
  workspace: string | undefined
): string | undefined {
  if (!checked) return undefined;
  if (!build.file && isRemoteContext(build.context)) return undefined;
  const path = build.file || join(build.context, checked);
  return workspace ? relative(workspace, resolve(workspace, path)) || path : path;
}
