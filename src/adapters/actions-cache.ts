/**
 * The GitHub Actions cache through @actions/cache, for what the step keeps between runs itself (its tool images).
 * Loaded on demand: a run that restores and saves nothing never loads it. A cache that fails, is full or is not
 * offered (a local run, GHES without the service) costs a warning at most, never the step.
 */
import {mkdirSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {log} from './runner.js';

/** A stuck download segment gives up after this long (the client's default is 10 minutes). */
const SEGMENT_TIMEOUT_MS = 120_000;

/** Restores `paths` saved under `key` (or the newest entry matching a restore key); the key it found, if any. */
export async function restoreFromCache(
  paths: string[],
  key: string,
  restoreKeys: string[] = []
): Promise<string | undefined> {
  try {
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) return undefined;
    return await cache.restoreCache(paths, key, restoreKeys, {segmentTimeoutInMs: SEGMENT_TIMEOUT_MS});
  } catch (error) {
    log.warning(
      `Restoring ${key} from the GitHub Actions cache failed (${(error as Error).message}); going on without it.`
    );
    return undefined;
  }
}

/** Saves `paths` under `key`; false (with a warning) when the cache took nothing. */
export async function saveToCache(paths: string[], key: string): Promise<boolean> {
  try {
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) return false;
    // -1: the client said why in the log (as information only when it could not reserve the entry: another job
    // saving the same key, which is common for the tool images of a matrix, or a refused reservation).
    return (await cache.saveCache(paths, key)) !== -1;
  } catch (error) {
    log.warning(
      `Saving ${key} to the GitHub Actions cache failed (${(error as Error).message}); the next run starts without it.`
    );
    return false;
  }
}

/**
 * A file the step keeps in the cache, by the path given to the cache (`key`: part of the cache entry's version, so
 * the same in every run; `~` is the runner user's home, which the cache client expands) and on disk (`path`).
 */
export function cacheFile(folder: string, name: string): {key: string; path: string} {
  const directory = join('.cache', 'ghcr-publish', folder);
  mkdirSync(join(homedir(), directory), {recursive: true});
  return {key: `~/${directory}/${name}`, path: join(homedir(), directory, name)};
}
