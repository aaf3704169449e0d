/**
 * The real buildx and BuildKit for end-to-end tests: dockerd 26.1.5 with the containerd image store (its built-in
 * BuildKit behind the docker driver), docker-buildx 0.13.1 and QEMU for linux/arm64, set up by
 * scripts/services/buildkit-engine.sh (through ensureServices()). Nothing here is a fake.
 *
 *   const engine = await ensureBuildkitEngine();                 // in beforeAll(..., SETUP_TIMEOUT_MS)
 *   const context = await busyboxContext(['RUN ["/bin/busybox", "touch", "/x"]']);
 *   const run = await publishWithBuildx(engine, {images: `${SERVICES.registry}/${repo}`, context: context.dir});  // ./publish.ts
 *   await layerFile(repository, platformDigest, 'x');            // a file of the pushed image, from the registry
 *
 * - ensureBuildkitEngine(): the paths `buildkit-engine.sh env` prints (socket, buildx plugin, busybox binaries).
 * - engineDocker(args, options): the docker CLI against dockerd 26 (buildx plugin included).
 * - busyboxContext(instructions, files): FROM scratch + busybox for $TARGETARCH at /bin/busybox, then instructions.
 * - layerFile(repository, manifestDigest, path): a file's bytes from the layers of a pushed image manifest.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {gunzipSync} from 'node:zlib';
import {
  createDockerConfig,
  docker,
  ensureServices,
  getBlob,
  getManifest,
  makeBuildContext,
  REPO_ROOT,
  type BuildContext,
  type DockerOptions,
  type ProcessResult
} from './services.js';

export interface BuildkitEngine {
  /** unix:///…/docker.sock of dockerd 26. */
  host: string;
  /** The docker-buildx 0.13.1 binary (a CLI plugin). */
  buildxPlugin: string;
  busybox: {amd64: string; arm64: string};
}

function engineFromScript(): BuildkitEngine {
  const text = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'services', 'buildkit-engine.sh'), 'env'], {
    encoding: 'utf8',
    timeout: 10_000
  });
  const values = Object.fromEntries(
    text
      .split('\n')
      .filter(line => line.includes('='))
      .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  );
  return {
    host: values.BUILDKIT_ENGINE_HOST!,
    buildxPlugin: values.BUILDX_PLUGIN!,
    busybox: {amd64: values.BUSYBOX_AMD64!, arm64: values.BUSYBOX_ARM64!}
  };
}

export async function ensureBuildkitEngine(): Promise<BuildkitEngine> {
  await ensureServices();
  return engineFromScript();
}

/** The docker CLI against dockerd 26, with the buildx plugin; a private DOCKER_CONFIG unless one is given. */
export async function engineDocker(
  engine: BuildkitEngine,
  args: string[],
  options: DockerOptions = {}
): Promise<ProcessResult> {
  const config = options.config ?? (await createDockerConfig());
  try {
    const plugins = path.join(config.dir, 'cli-plugins');
    mkdirSync(plugins, {recursive: true});
    try {
      symlinkSync(engine.buildxPlugin, path.join(plugins, 'docker-buildx'));
    } catch {
      // Already linked in this configuration.
    }
    return await docker(args, {...options, config, env: {DOCKER_HOST: engine.host, ...options.env}});
  } finally {
    if (!options.config) await config.cleanup();
  }
}

/**
 * A context whose Dockerfile starts FROM scratch with the static busybox of the target architecture at
 * /bin/busybox (no base image can be pulled here), then the given instructions. Extra files go into the context.
 */
export async function busyboxContext(
  engine: BuildkitEngine,
  instructions: string[],
  files: Record<string, string | Uint8Array> = {},
  dockerfile?: string
): Promise<BuildContext> {
  return makeBuildContext(
    {
      'busybox-amd64': readFileSync(engine.busybox.amd64),
      'busybox-arm64': readFileSync(engine.busybox.arm64),
      ...files
    },
    {
      dockerfile:
        dockerfile ??
        [
          'FROM scratch',
          'ARG TARGETARCH',
          'COPY --chmod=755 busybox-${TARGETARCH} /bin/busybox',
          ...instructions,
          ''
        ].join('\n')
    }
  );
}

/** The bytes of `file` (a path inside the image, without leading slash) from the layers of an image manifest. */
export async function layerFile(repository: string, manifestDigest: string, file: string): Promise<Buffer | undefined> {
  const {manifest} = await getManifest(repository, manifestDigest);
  const layers = (manifest.layers as {digest: string; mediaType: string}[] | undefined) ?? [];
  let found: Buffer | undefined;
  for (const layer of layers) {
    const blob = await getBlob(repository, layer.digest);
    const tar = layer.mediaType.endsWith('gzip') ? gunzipSync(blob) : blob;
    found = tarEntry(tar, file) ?? found;
  }
  return found;
}

/** One regular file of an uncompressed tar (ustar), by path with or without `./`. */
export function tarEntry(tar: Buffer, file: string): Buffer | undefined {
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every(byte => byte === 0)) return undefined;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/').replace(/^\.\//, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    if ((type === '0' || type === '') && name === file)
      return Buffer.from(tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
