/**
 * Carries out the plan with docker: login, builder, emulators, build and push, then reads the digest.
 * Every decision was made by the pure planners; this file only runs commands and reads their results.
 */
import {randomBytes} from 'node:crypto';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {
  argsForBuilder,
  chooseBuilder,
  describeBuilderChoice,
  needsImageStore,
  type BuilderChoice,
  type CurrentBuilder
} from '../core/builder-plan.js';
import {
  buildWarningsFrom,
  dockerfileInWorkspace,
  imageStoreFromLabels,
  isBuildxMissing,
  isContainerdStoreDriverStatus,
  parseBuilderInspect,
  parseBuildxVersion
} from '../core/buildx-info.js';
import {docker, type DockerResult} from '../adapters/docker.js';
import {ActionableError} from '../core/errors.js';
import type {GitHubContext} from '../core/github-context.js';
import {digestFromPushOutput, planLegacyBuild} from '../core/legacy-build.js';
import type {PublishPlan} from '../core/plan.js';
import {emulatorsToInstall, isUsableEmulator} from '../core/platforms.js';
import {runnableReference, toolImage} from '../core/tool-images.js';
import {ensureToolImage} from './tool-images.js';
import {restoreCacheMounts, saveCacheMounts} from './cache-mounts.js';
import {verifyPushedTags} from '../adapters/push-verification.js';
import {registryOf} from '../core/image-reference.js';
import {explainFailure} from '../core/registry-errors.js';
import {log, phase} from '../adapters/runner.js';
import {failureContext, login, mustRun, type PublishOutcome, type Step} from './job.js';

export async function publish(step: Step): Promise<PublishOutcome> {
  const {config, plan} = step;
  // The login needs nothing from the probe: both start at once. One probe: `buildx inspect` both tells whether
  // buildx exists and describes the current builder. A builder given as input (remote BuildKit, cloud
  // builders) is used untouched, so only buildx itself is probed then.
  const [probe] = await Promise.all([
    docker(['buildx', config.build.builder ? 'version' : 'inspect'], {quiet: true}),
    phase('Login', () => login(step))
  ]);
  if (probe.exitCode !== 0 && isBuildxMissing(probe.stderr)) {
    if (plan.job.kind === 'platform') {
      throw new ActionableError(
        '"distribute: platform" pushes by digest, which needs docker buildx, and this runner has none: use a ' +
          'GitHub-hosted runner (they ship buildx) or install the buildx plugin first.'
      );
    }
    log.warning(
      'docker buildx is not available on this runner: building with `docker build` and pushing with `docker push`. ' +
        'Install the buildx plugin for multi-platform builds, cache export, attestations and annotations.'
    );
    return publishWithoutBuildx(step);
  }
  const inspect = config.build.builder ? undefined : probe;
  const current = await phase('Builder', async () => {
    if (!inspect) log.info(`Using docker buildx ${parseBuildxVersion(probe.stdout) ?? '(version unknown)'}.`);
    return inspect ? await currentBuilder(inspect, step) : undefined;
  });
  const choice = current?.choice;
  // Emulators first: BuildKit reads the kernel's emulators when it starts, so a builder booted before them would
  // list too few platforms. A builder given as input may be remote: its own platform list decides.
  if (!config.build.builder) await installMissingEmulators(plan.platforms, config.build.qemuImage, step);
  if (choice?.kind === 'create') await phase(`Builder: creating ${choice.name}`, () => createBuilder(choice, step));
  if (choice?.kind === 'current') log.info(`Building with the current builder: ${choice.reason}.`);
  const {args, dropped} = argsForBuilder(plan.build, choice, current?.buildkitVersion);
  if (dropped.length > 0) {
    log.warning(
      `The current builder runs BuildKit ${current?.buildkitVersion}, older than 0.11, which has no attestations or ` +
        `annotations: building without ${dropped.join(' and ')} (the labels still carry the metadata). Update ` +
        'BuildKit, or let this step create a builder (unset BUILDX_BUILDER / the current builder).'
    );
  }
  writeSecretFiles(plan);
  const builderFlag =
    choice?.kind === 'create'
      ? ['--builder', choice.name]
      : config.build.builder
        ? ['--builder', config.build.builder]
        : [];
  const restoredMounts = await restoreCacheMounts(step, builderFlag);
  const operation = plan.push.push ? 'Build and push' : 'Build';
  // BUILDX_METADATA_WARNINGS: buildx (0.15+) records the build checks' warnings in the metadata file, as for
  // build-push-action; they become annotations on the Dockerfile's lines.
  await phase(operation, () =>
    mustRun(args, {env: {...plan.build.secretEnv, BUILDX_METADATA_WARNINGS: 'true'}}, operation, step)
  );
  const metadata = readJson(plan.build.metadataFile);
  for (const warning of buildWarningsFrom(metadata)) {
    log.warning(warning.message, {
      title: 'Build check',
      file: dockerfileInWorkspace(warning.file, config.build, process.env.GITHUB_WORKSPACE),
      startLine: warning.startLine,
      endLine: warning.endLine
    });
  }
  const digest = typeof metadata['containerimage.digest'] === 'string' ? metadata['containerimage.digest'] : '';
  await verify(step, digest, plan.push.push);
  await saveCacheMounts(step, builderFlag, restoredMounts);
  return {
    pushed: plan.push.push,
    digest,
    imageid: readText(plan.build.iidFile),
    metadata: Object.keys(metadata).length > 0 ? JSON.stringify(metadata, null, 2) : '',
    builder: describeBuilderChoice(choice, config.build.builder)
  };
}

/** The `secrets` values, readable by this user only, in the work directory that the post step removes. */
function writeSecretFiles(plan: PublishPlan): void {
  for (const {path, value} of plan.build.secretsToWrite) writeFileSync(path, value, {mode: 0o600});
}

async function verify(step: Step, digest: string, pushed: boolean): Promise<void> {
  if (!step.config.verify || !pushed || step.plan.tags.length === 0) return;
  if (!digest) throw new ActionableError('The push reported no digest, so the pushed tags cannot be verified.');
  await phase('Verification', async () => {
    const checks = await verifyPushedTags(step.plan.tags, digest, step.plan.login.logins, log.info, log.warning);
    if (checks.length === 0) return;
    log.info(`Verified in the registry: ${checks.map(check => check.reference).join(', ')} → ${digest}`);
  });
}

/** The current builder, as `buildx inspect` (and where needed `docker info`) describe it, and the choice for it. */
async function currentBuilder(
  inspect: DockerResult,
  step: Step
): Promise<{choice: BuilderChoice; buildkitVersion: string | undefined}> {
  if (inspect.exitCode !== 0) {
    throw new ActionableError(
      explainFailure(inspect.stderr, failureContext('Inspecting the current buildx builder', step))
    );
  }
  const {name, driver, buildkitVersion, labels} = parseBuilderInspect(inspect.stdout);
  const needs = {
    ...step.plan.build,
    platforms: step.plan.platforms,
    registries: step.plan.images.map(registryOf),
    builderOptions: step.config.build.builderOptions
  };
  const current: CurrentBuilder = {driver, imageStore: imageStoreFromLabels(labels)};
  if (needsImageStore(current, needs)) {
    // An older buildx prints no worker labels: the engine itself tells which image store it uses.
    const info = await docker(['info', '--format', '{{json .DriverStatus}}'], {quiet: true});
    current.imageStore =
      info.exitCode !== 0 ? 'unknown' : isContainerdStoreDriverStatus(info.stdout) ? 'containerd' : 'classic';
  }
  const store = driver === 'docker' && current.imageStore !== 'unknown' ? `, ${current.imageStore} image store` : '';
  log.info(
    `Current buildx builder: ${name || '?'} (${driver || 'unknown'} driver${store}, BuildKit ${buildkitVersion ?? '?'}).`
  );
  return {choice: chooseBuilder(current, needs, builderName(step.context), process.arch), buildkitVersion};
}

async function createBuilder(choice: Extract<BuilderChoice, {kind: 'create'}>, step: Step): Promise<void> {
  log.info(`Creating a docker-container builder for this run: ${choice.reason}.`);
  try {
    await ensureToolImage(choice.image, step);
    // Recorded before it exists: a create cancelled half-way still leaves a builder for post to remove.
    step.cleanup.builderCreated(choice.name);
    await mustRun(choice.createArgs, {}, 'Creating a buildx builder', step, 1);
    await mustRun(choice.bootArgs, {}, 'Booting the buildx builder', step);
  } catch (error) {
    const containerdHelps = !/push by digest/.test(choice.reason);
    throw new ActionableError(
      `Could not create the docker-container builder this build needs (${choice.reason}). That builder runs ` +
        'BuildKit from the moby/buildkit image, pulled from Docker Hub (rate limits apply). To avoid it, set the ' +
        '"builder" input to a builder you set up yourself (docker/setup-buildx-action, a remote BuildKit)' +
        (containerdHelps
          ? ', or use a Docker engine with the containerd image store, whose docker driver does this build itself'
          : '') +
        `.\n${(error as Error).message}`
    );
  }
}

async function publishWithoutBuildx(step: Step): Promise<PublishOutcome> {
  const {plan} = step;
  const legacy = planLegacyBuild(plan.build, plan.platforms, plan.tags, plan.push.push);
  const dropped = [...legacy.dropped, ...(plan.cacheMounts.mounts.length > 0 ? ['cache-mounts'] : [])];
  if (dropped.length > 0) log.warning(`Without buildx these are left out: ${dropped.join(', ')}.`);
  writeSecretFiles(plan);
  await phase('Build', async () => {
    const withBuildKit = await docker(legacy.buildArgs, {env: {...plan.build.secretEnv, DOCKER_BUILDKIT: '1'}});
    if (withBuildKit.exitCode === 0) return;
    if (!/BuildKit is enabled but the buildx component is missing/i.test(withBuildKit.stderr)) {
      throw new ActionableError(explainFailure(withBuildKit.stderr, failureContext('Build', step)));
    }
    if ('refusal' in legacy.classicBuild) throw new ActionableError(legacy.classicBuild.refusal);
    log.warning('This docker client has no BuildKit without buildx: building with the legacy builder.');
    await mustRun(legacy.classicBuild.args, {env: {DOCKER_BUILDKIT: '0'}}, 'Build', step);
  });
  let digest = '';
  if (legacy.pushArgs.length > 0) {
    await phase('Push', async () => {
      for (const pushArgs of legacy.pushArgs) {
        const pushed = await mustRun(pushArgs, {}, `Push of ${pushArgs[1]}`, step);
        digest ||= digestFromPushOutput(pushed.stdout) ?? '';
      }
    });
  }
  await verify(step, digest, legacy.pushArgs.length > 0);
  return {
    pushed: legacy.pushArgs.length > 0,
    digest,
    imageid: readText(plan.build.iidFile),
    metadata: '',
    builder: 'docker build (no buildx on this runner)'
  };
}

async function installMissingEmulators(platforms: string[], installer: string, step: Step): Promise<void> {
  const missing = emulatorsToInstall(platforms, process.arch, registeredEmulators());
  if (missing.length === 0) return;
  await phase('Emulators', async () => {
    log.info(`Installing QEMU emulators for ${missing.join(', ')} (not native and not registered in binfmt_misc).`);
    const image = toolImage(installer, process.arch);
    await ensureToolImage(image, step);
    // The installer only writes to binfmt_misc: no network (an engine may have no default bridge).
    await mustRun(
      ['run', '--rm', '--privileged', '--network', 'none', runnableReference(image), '--install', missing.join(',')],
      {},
      'Installing QEMU emulators',
      step
    );
  });
}

/** Emulators the kernel will use: qemu-* entries of binfmt_misc that are enabled and have the F flag. */
function registeredEmulators(): string[] {
  const directory = '/proc/sys/fs/binfmt_misc';
  try {
    return readdirSync(directory).filter(
      entry => entry.startsWith('qemu-') && isUsableEmulator(readFileSync(`${directory}/${entry}`, 'utf8'))
    );
  } catch {
    return [];
  }
}

function builderName(context: GitHubContext): string {
  return `ghcr-publish-${context.runId || 'local'}-${randomBytes(4).toString('hex')}`;
}

function readJson(path: string): Record<string, unknown> {
  const text = readText(path);
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
