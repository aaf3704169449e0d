/**
 * Makes a tool image (BuildKit, binfmt) present under the reference the step runs it by, touching Docker Hub only
 * when neither the runner nor the GitHub Actions cache has it: present locally → nothing; else restored from the
 * cache (`docker load`); else pulled, tagged locally and saved to the cache for the next runs. What the cache does
 * never fails the step; a pull that fails does, explained.
 */
import {rmSync} from 'node:fs';
import {cacheFile, restoreFromCache, saveToCache} from '../adapters/actions-cache.js';
import {docker} from '../adapters/docker.js';
import {log} from '../adapters/runner.js';
import type {ToolImage} from '../core/tool-images.js';
import {mustRun, type Step} from './job.js';

export async function ensureToolImage(image: ToolImage, step: Step): Promise<void> {
  const {localTag, cacheKey} = image;
  if (!localTag) return; // by tag only: docker and buildx pull it when they run it, as they always did
  if (await isPresent(localTag)) {
    log.info(`${image.reference} is on this runner already (${localTag}).`);
    return;
  }
  // no-cache: a release build that must not start from cached state pulls instead.
  const cached =
    step.config.build.cacheImage && !step.config.build.noCache && cacheKey
      ? cacheFile('images', `${cacheKey}.tar`)
      : undefined;
  try {
    const restored = cached && cacheKey ? await restoreFromCache([cached.key], cacheKey) : undefined;
    if (cached && restored) {
      const loaded = await docker(['load', '--input', cached.path], {quiet: true});
      // docker names what it loaded: no second inspect needed.
      if (loaded.exitCode === 0 && loaded.stdout.includes(`Loaded image: ${localTag}`)) {
        log.info(`${image.reference} restored from the GitHub Actions cache: no pull.`);
        return;
      }
      log.warning(`The cached ${image.reference} could not be loaded (${loaded.stderr.trim()}); pulling it instead.`);
    }
    await mustRun(['pull', image.reference], {}, `Pulling ${image.reference}`, step);
    await mustRun(['tag', image.reference, localTag], {}, `Tagging ${image.reference}`, step);
    // An entry that was restored but would not load stays: a cache entry cannot be replaced.
    if (!cached || !cacheKey || restored) return;
    const saved = await docker(['save', '--output', cached.path, localTag], {quiet: true});
    if (saved.exitCode !== 0) {
      log.warning(`docker save of ${image.reference} failed (${saved.stderr.trim()}); it is not cached.`);
      return;
    }
    if (await saveToCache([cached.key], cacheKey)) {
      log.info(`${image.reference} saved to the GitHub Actions cache (${cacheKey}).`);
    }
  } finally {
    if (cached) rmSync(cached.path, {force: true});
  }
}

async function isPresent(reference: string): Promise<boolean> {
  return (await docker(['image', 'inspect', '--format', '{{.Id}}', reference], {quiet: true})).exitCode === 0;
}
