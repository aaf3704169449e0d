/**
 * Moves the build's cache mounts between the GitHub Actions cache and the builder, as core/cache-mounts.ts planned:
 * before the build, the archives found in the cache are unpacked into the builder's mounts by a throwaway build;
 * after a successful build, another throwaway build packs the mounts and the step saves them. The cache mounts are
 * an optimisation: a cache or throwaway build that fails costs them, with a warning, never the step.
 */
import {randomBytes} from 'node:crypto';
import {copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {cacheFile, restoreFromCache, saveToCache} from '../adapters/actions-cache.js';
import {docker} from '../adapters/docker.js';
import {log, phase} from '../adapters/runner.js';
import {
  extractDockerfile,
  injectDockerfile,
  throwawayBuildArgs,
  type CacheMount,
  type CacheMountPlan
} from '../core/cache-mounts.js';
import {errorCause} from '../core/registry-errors.js';
import type {Step} from './job.js';

const FOLDER = 'mounts';

/** What the restore found, which the save needs: mounts whose own key was restored are saved already. */
export interface RestoredMounts {
  exactHits: CacheMount[];
}

/** `builder`: the `--builder` flag the build itself runs with (none for the current builder). */
export async function restoreCacheMounts(step: Step, builder: readonly string[]): Promise<RestoredMounts> {
  const plan = step.plan.cacheMounts;
  const restored: RestoredMounts = {exactHits: []};
  if (plan.mounts.length === 0) return restored;
  await phase('Cache mounts: restore', () =>
    restoreInto(step, builder, restored).catch((error: unknown) => {
      restored.exactHits = [];
      log.warning(
        `The cache mounts were not restored (${(error as Error).message}); the build starts with empty mounts.`
      );
    })
  );
  return restored;
}

async function restoreInto(step: Step, builder: readonly string[], restored: RestoredMounts): Promise<void> {
  const plan = step.plan.cacheMounts;
  for (const note of plan.notes) log.info(`Cache mounts: ${note}.`);
  if (!plan.restore) return;
  const found: CacheMount[] = [];
  const hits = await Promise.all(
    plan.mounts.map(mount => restoreFromCache([cacheFile(FOLDER, mount.archive).key], mount.key, [mount.restoreKey]))
  );
  plan.mounts.forEach((mount, index) => {
    const hit = hits[index];
    if (!hit) {
      log.info(`Cache mount ${mount.id}: nothing in the cache yet (${mount.restoreKey}*); it starts empty.`);
      return;
    }
    log.info(`Cache mount ${mount.id}: restored ${hit}.`);
    found.push(mount);
    if (hit === mount.key) restored.exactHits.push(mount);
  });
  if (found.length === 0) return;
  try {
    await throwawayBuild(step, plan, builder, 'inject', injectDockerfile(plan, found), cacheFolder());
  } catch (error) {
    restored.exactHits = [];
    log.warning(
      `The restored cache mounts could not be put into the builder (${(error as Error).message}); the build ` +
        `starts with empty mounts. The cache-mounts-image (${plan.utilityImage}) must be pullable by the builder.`
    );
  } finally {
    for (const mount of found) rmSync(cacheFile(FOLDER, mount.archive).path, {force: true});
  }
}

/** After a successful build: packs the mounts and saves those that hold anything and are not saved yet. */
export async function saveCacheMounts(step: Step, builder: readonly string[], restored: RestoredMounts): Promise<void> {
  const plan = step.plan.cacheMounts;
  if (plan.mounts.length === 0 || !plan.save) return;
  await phase('Cache mounts: save', async () => {
    const toSave = plan.mounts.filter(mount => !restored.exactHits.includes(mount));
    for (const mount of restored.exactHits) log.info(`Cache mount ${mount.id}: ${mount.key} is saved already.`);
    if (toSave.length === 0) return;
    const output = join(step.plan.workDir, 'cache-mounts-out');
    const unsaved = {...plan, mounts: toSave};
    try {
      await throwawayBuild(step, unsaved, builder, 'extract', extractDockerfile(unsaved), emptyDirectory(step), output);
    } catch (error) {
      log.warning(
        `The cache mounts could not be read from the builder (${(error as Error).message}); they are not saved, ` +
          'and the next run starts from the last saved ones.'
      );
      return;
    }
    for (const mount of toSave) {
      const archive = join(output, mount.archive);
      if (!existsSync(archive)) {
        log.info(`Cache mount ${mount.id}: empty after the build, nothing to save.`);
        continue;
      }
      let cached: {key: string; path: string} | undefined;
      try {
        cached = cacheFile(FOLDER, mount.archive);
        moveFile(archive, cached.path);
        if (await saveToCache([cached.key], mount.key)) {
          log.info(`Cache mount ${mount.id}: saved as ${mount.key}.`);
        } else {
          log.warning(
            `Cache mount ${mount.id} was not saved (the GitHub Actions cache refused ${mount.key}: see the line ` +
              'above); the next run starts from the last saved one.'
          );
        }
      } catch (error) {
        // The image is pushed: a full disk or an unwritable home costs the mount, never the step.
        log.warning(`Cache mount ${mount.id} was not saved: ${(error as Error).message}.`);
      } finally {
        if (cached) rmSync(cached.path, {force: true});
      }
    }
  });
}

async function throwawayBuild(
  step: Step,
  plan: CacheMountPlan,
  builder: readonly string[],
  name: 'inject' | 'extract',
  dockerfile: string,
  context: string,
  output = join(step.plan.workDir, `cache-mounts-${name}-result`)
): Promise<void> {
  const file = join(step.plan.workDir, `cache-mounts-${name}.Dockerfile`);
  writeFileSync(file, dockerfile);
  const nonce = randomBytes(8).toString('hex');
  const result = await docker(throwawayBuildArgs(plan, builder, file, context, output, nonce), {
    // No attestations: the local output would carry them as files, and nothing here is published.
    env: {BUILDX_NO_DEFAULT_ATTESTATIONS: '1'}
  });
  if (result.exitCode !== 0) throw new Error(errorCause(result.stderr || result.stdout));
}

/** Where the cache client restores the archives: the context of the inject build, holding nothing else of ours. */
function cacheFolder(): string {
  return cacheFile(FOLDER, '').path;
}

function emptyDirectory(step: Step): string {
  const directory = join(step.plan.workDir, 'cache-mounts-empty');
  mkdirSync(directory, {recursive: true});
  if (readdirSync(directory).length > 0) throw new Error(`${directory} is not empty`);
  return directory;
}

/** A rename, or a copy where the two folders are on different file systems. */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    copyFileSync(from, to);
    rmSync(from, {force: true});
  }
}
