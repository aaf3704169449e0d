/**
 * The one way the end-to-end tests run the bundled action against a real engine: main then post through the runner
 * harness, a push-tag run by default (tags 1.2.3, 1.2, latest, sha-d57b341 as the tags input asks), network host,
 * the registry's credentials (ci-user on 127.0.0.1:5000 unless told otherwise). The fake docker has its own:
 * __tests__/support/with-fake-docker.ts.
 *
 *   await publishWithBuildx(engine, {images, context});           // buildx 0.13.1 on dockerd 26 (containerd store)
 *   await publishWithDistributionDocker({images, context});        // Debian's docker 20.10: no buildx, the fallback
 *   await publishHello(image, credentials, timeoutMs);             // the fallback with a fresh one-file context
 *   await publishStandIn(engine, 'binfmt', instructions);          // a busybox image in 127.0.0.1:5000, by digest
 */
import {mkdirSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {runAction, type ActionRun, type RunOptions} from '../../harness/runner.js';
import {busyboxContext, type BuildkitEngine} from './buildkit.js';
import {makeBuildContext, SERVICES, uniqueRepository, type Credentials} from './services.js';

/** A bound for one step against the real engine: a two-platform build under QEMU takes seconds here. */
export const BUILDX_STEP_TIMEOUT_MS = 180_000;

/** A bound for one step with docker 20.10: its first build of a context may pull nothing but still takes seconds. */
export const DISTRIBUTION_STEP_TIMEOUT_MS = 240_000;

export interface PublishOptions extends Omit<RunOptions, 'inputs'> {
  /** Leave out the registry's credentials (username/password inputs). */
  anonymous?: boolean;
  /** The registry's credentials; default ci-user of 127.0.0.1:5000. */
  credentials?: Credentials;
}

function publishRun(inputs: Record<string, string>, options: PublishOptions, timeoutMs: number): Promise<ActionRun> {
  const {anonymous, credentials = SERVICES, ...rest} = options;
  return runAction({
    event: 'push-tag',
    timeoutMs,
    ...rest,
    inputs: {
      network: 'host',
      ...(anonymous ? {} : {username: credentials.username, password: credentials.password}),
      ...inputs
    }
  });
}

/** With the docker 28 client, the buildx plugin where a runner has it (~/.docker/cli-plugins) and dockerd 26. */
export function publishWithBuildx(
  engine: BuildkitEngine,
  inputs: Record<string, string>,
  options: PublishOptions = {}
): Promise<ActionRun> {
  const {setup, env} = options;
  return publishRun(
    inputs,
    {
      ...options,
      env: {DOCKER_HOST: engine.host, DOCKER_CONTEXT: undefined, BUILDX_BUILDER: undefined, ...env},
      setup: async dirs => {
        const plugins = path.join(dirs.home, '.docker', 'cli-plugins');
        mkdirSync(plugins, {recursive: true});
        symlinkSync(engine.buildxPlugin, path.join(plugins, 'docker-buildx'));
        await setup?.(dirs);
      }
    },
    BUILDX_STEP_TIMEOUT_MS
  );
}

/** With /usr/bin (Debian's docker 20.10: built-in BuildKit, no buildx) first on PATH. */
export function publishWithDistributionDocker(
  inputs: Record<string, string>,
  options: PublishOptions = {}
): Promise<ActionRun> {
  return publishRun(
    inputs,
    {...options, pathPrepend: ['/usr/bin', ...(options.pathPrepend ?? [])]},
    DISTRIBUTION_STEP_TIMEOUT_MS
  );
}

/** The fallback publishing a one-file image from a fresh context with the semver and sha tags. */
export async function publishHello(image: string, credentials: Credentials, timeoutMs: number): Promise<ActionRun> {
  const context = await makeBuildContext({'hello.txt': `hello ${image}\n`});
  try {
    return await publishWithDistributionDocker(
      {images: image, context: context.dir, tags: 'type=semver,pattern={{version}}\ntype=sha'},
      {credentials, timeoutMs}
    );
  } finally {
    await context.cleanup();
  }
}

/**
 * Stands in for an image Docker Hub would serve (no internet here): FROM scratch with the machine's static busybox
 * and the given instructions, published with the action to the registry on 127.0.0.1:5000; its reference by digest.
 */
export async function publishStandIn(engine: BuildkitEngine, name: string, instructions: string[]): Promise<string> {
  const repository = uniqueRepository(`e2e/stand-in/${name}`);
  const context = await busyboxContext(engine, instructions);
  try {
    const run = await publishWithBuildx(engine, {
      images: `${SERVICES.registry}/${repository}`,
      context: context.dir,
      platforms: 'linux/amd64',
      provenance: 'false'
    });
    expect(run.main.errors).toEqual([]);
    return `${SERVICES.registry}/${repository}@${run.main.outputs.digest}`;
  } finally {
    await context.cleanup();
  }
}
