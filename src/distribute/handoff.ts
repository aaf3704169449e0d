/**
 * The record a platform job hands to the merge job of the same workflow run (through the run's artifacts),
 * and the merge job's choice of one digest per platform. Pure: the artifact store is an adapter.
 */
import {createHash} from 'node:crypto';
import {ActionableError} from '../errors.js';
import type {GitHubContext} from '../github-context.js';

export interface HandoffRecord {
  version: 1;
  /** The images the digest was pushed to, lowercased and sorted: the merge job must compute the same list. */
  images: string[];
  platform: string;
  digest: string;
  /** owner/repo of the workflow run. */
  repository: string;
  runId: string;
  runAttempt: number;
  /** GITHUB_JOB of the platform job, to name it in errors. */
  job: string;
}

/** Every handoff artifact's name starts with this; the merge job lists the run's artifacts by it. */
export const HANDOFF_PREFIX = 'ghcr-publish-digest-';

const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

export function handoffRecord(
  images: readonly string[],
  platform: string,
  digest: string,
  context: GitHubContext
): HandoffRecord {
  return {
    version: 1,
    images: sortedImages(images),
    platform,
    digest,
    repository: `${context.owner}/${context.repo}`,
    runId: context.runId,
    runAttempt: Number(context.runAttempt) || 1,
    job: context.job
  };
}

/**
 * Unique per image list, platform and attempt: a re-run attempt hands off again without clashing with the
 * artifact of the first attempt. Artifact names cannot hold `/` or `:`, hence the hash and the slug.
 */
export function handoffName(record: HandoffRecord): string {
  return `${HANDOFF_PREFIX}${imagesKey(record.images)}-${record.platform.replace(/[^a-z0-9.]+/gi, '-')}-a${record.runAttempt}`;
}

export function imagesKey(images: readonly string[]): string {
  return createHash('sha256').update(sortedImages(images).join('\n')).digest('hex').slice(0, 12);
}

function sortedImages(images: readonly string[]): string[] {
  return [...new Set(images.map(image => image.toLowerCase()))].sort();
}

/** Parses an artifact's content; anything else than a record of ours is an error naming the artifact. */
export function parseHandoff(name: string, text: string): HandoffRecord {
  let value: Partial<HandoffRecord>;
  try {
    value = JSON.parse(text) as Partial<HandoffRecord>;
  } catch {
    throw new ActionableError(`The artifact ${name} is not a ghcr-publish digest handoff (not JSON).`);
  }
  const valid =
    value?.version === 1 &&
    Array.isArray(value.images) &&
    value.images.every(image => typeof image === 'string') &&
    typeof value.platform === 'string' &&
    typeof value.digest === 'string' &&
    DIGEST_PATTERN.test(value.digest) &&
    typeof value.repository === 'string' &&
    typeof value.runId === 'string' &&
    typeof value.runAttempt === 'number' &&
    typeof value.job === 'string';
  if (!valid) {
    throw new ActionableError(
      `The artifact ${name} is not a ghcr-publish digest handoff of this version: do not name other artifacts ` +
        `"${HANDOFF_PREFIX}…", and run the same ghcr-publish version in the platform and merge jobs.`
    );
  }
  return value as HandoffRecord;
}

export interface MergeRequest {
  images: readonly string[];
  context: GitHubContext;
  /** The platforms the merge must find (the merge job's `platforms`); empty: whatever was handed off. */
  platforms: readonly string[];
}

/**
 * One record per platform for the merge job's images, from the latest attempt that handed that platform off.
 * Refuses records of another run or repository, missing or unexpected platforms, and two digests for one
 * platform in one attempt (a matrix that lists a platform twice).
 */
export function selectPlatformDigests(records: readonly HandoffRecord[], request: MergeRequest): HandoffRecord[] {
  const {context} = request;
  const repository = `${context.owner}/${context.repo}`;
  const foreignRun = records.find(record => record.runId !== context.runId || record.repository !== repository);
  if (foreignRun) {
    throw new ActionableError(
      `A digest handoff comes from another workflow run: ${describe(foreignRun)} was pushed by run ` +
        `${foreignRun.repository}#${foreignRun.runId}, and this is ${repository}#${context.runId}. ` +
        'The merge job only joins digests pushed by the platform jobs of its own run.'
    );
  }
  const key = imagesKey(request.images);
  const ours = records.filter(record => imagesKey(record.images) === key);
  const wanted = sortedImages(request.images).join(', ');
  if (ours.length === 0) {
    const others = [...new Set(records.map(record => record.images.join(', ')))];
    throw new ActionableError(
      others.length > 0
        ? `No platform job of this run pushed digests for ${wanted}; digests were handed off for ` +
            `${others.join(' and ')}. The platform jobs and the merge job must compute the same images: give ` +
            'them the same "images" input.'
        : `No platform job of this run handed off a digest for ${wanted}. Run the platform jobs first with ` +
            '"distribute: platform" (and "needs:" them in the merge job); a platform job that did not push ' +
            '(a pull request from a fork, say) hands nothing off.'
    );
  }
  const byPlatform = new Map<string, HandoffRecord[]>();
  for (const record of ours) {
    const platform = normalizePlatform(record.platform);
    byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), record]);
  }
  const selected: HandoffRecord[] = [];
  for (const [platform, candidates] of byPlatform) {
    const latest = Math.max(...candidates.map(record => record.runAttempt));
    const current = candidates.filter(record => record.runAttempt === latest);
    const digests = [...new Set(current.map(record => record.digest))];
    if (digests.length > 1) {
      throw new ActionableError(
        `Two digests were handed off for ${platform} of ${wanted} in attempt ${latest}: ` +
          `${current.map(describe).join(' and ')}. Each platform must be built by one job: check that the ` +
          'matrix lists every platform once.'
      );
    }
    selected.push({...current[0]!, platform});
  }
  const expected = request.platforms.map(normalizePlatform);
  if (expected.length > 0) {
    const found = selected.map(record => record.platform);
    const missing = expected.filter(platform => !found.includes(platform));
    const unexpected = found.filter(platform => !expected.includes(platform));
    if (missing.length > 0 || unexpected.length > 0) {
      throw new ActionableError(
        [
          missing.length > 0 ? `No digest was handed off for ${missing.join(', ')} of ${wanted}` : '',
          unexpected.length > 0 ? `digests were handed off for ${unexpected.join(', ')}, not in "platforms"` : ''
        ]
          .filter(Boolean)
          .join('; ') +
          ` (handed off: ${found.join(', ') || 'none'}). Did a platform job fail or skip its push? The merge job's ` +
          '"platforms" must list exactly the platforms of the matrix (or leave it empty to merge what was handed off).'
      );
    }
  }
  return selected.sort((a, b) => a.platform.localeCompare(b.platform));
}

function describe(record: HandoffRecord): string {
  return `${record.digest} (${record.platform}, job ${record.job || '?'}, attempt ${record.runAttempt})`;
}

/** linux/arm64/v8 is linux/arm64, as containerd's platform matcher has it. */
export function normalizePlatform(platform: string): string {
  const lower = platform.toLowerCase();
  return lower === 'linux/arm64/v8' ? 'linux/arm64' : lower;
}
