/**
 * How a platform job hands its digest to the merge job of the same workflow run, and how the merge job picks
 * one digest per platform. Pure: the artifact store is an adapter.
 *
 * Everything the merge needs is in the artifact's name: on a re-run, the artifact service lists the earlier
 * attempt's artifacts but may refuse to download them (actions/download-artifact#486), so the merge job never
 * downloads. The name holds a key of the image list, the platform, the run attempt and the digest; the content
 * (the same facts in JSON, plus the job) is only for people looking at the run's artifacts.
 */
import {createHash} from 'node:crypto';
import {SHA256_HEX_PATTERN} from './digests.js';
import {ActionableError} from './errors.js';
import {displayPlatform, normalizePlatform, platformSlug} from './platforms.js';
import type {GitHubContext} from './github-context.js';

/** Every handoff artifact's name starts with this; the merge job lists the run's artifacts by it. */
export const HANDOFF_PREFIX = 'ghcr-publish-digest-';

const NAME_PATTERN = new RegExp(`^ghcr-publish-digest-([a-f0-9]{12})-([a-z0-9._-]+)-a(\\d+)-(${SHA256_HEX_PATTERN})$`);

export interface Handoff {
  /** imagesKey() of the images the digest was pushed to. */
  imagesKey: string;
  /** The platform the job built, normalized, with `-` for `/` (as in the name). */
  platformSlug: string;
  runAttempt: number;
  digest: string;
  artifact: string;
}

export interface HandoffArtifact {
  name: string;
  content: string;
}

export function handoffArtifact(
  images: readonly string[],
  platform: string,
  digest: string,
  context: GitHubContext
): HandoffArtifact {
  const runAttempt = Number(context.runAttempt) || 1;
  const name = `${HANDOFF_PREFIX}${imagesKey(images)}-${platformSlug(platform)}-a${runAttempt}-${digest.replace(/^sha256:/, '')}`;
  const content = {
    images: sortedImages(images),
    platform: normalizePlatform(platform),
    digest,
    runId: context.runId,
    runAttempt,
    job: context.job
  };
  return {name, content: JSON.stringify(content, null, 2)};
}

/** A key of the image list, independent of order and case. */
export function imagesKey(images: readonly string[]): string {
  return createHash('sha256').update(sortedImages(images).join('\n')).digest('hex').slice(0, 12);
}

function sortedImages(images: readonly string[]): string[] {
  return [...new Set(images.map(image => image.toLowerCase()))].sort();
}

/** The handoff a name describes; undefined for other artifacts (or another version's names). */
export function parseHandoffName(name: string): Handoff | undefined {
  const match = NAME_PATTERN.exec(name);
  if (!match) return undefined;
  return {
    imagesKey: match[1]!,
    platformSlug: match[2]!,
    runAttempt: Number(match[3]),
    digest: `sha256:${match[4]!}`,
    artifact: name
  };
}

export interface MergeRequest {
  images: readonly string[];
  /** The platforms the merge must find (the merge job's `platforms`); empty: whatever was handed off. */
  platforms: readonly string[];
  /** This run's attempt (GITHUB_RUN_ATTEMPT): above 1, the platform jobs' handoffs may have expired. */
  runAttempt?: number;
}

/**
 * One handoff per platform for the merge job's images, from the latest attempt that handed that platform off.
 * Refuses missing or unexpected platforms, and two digests for one platform in one attempt (a matrix that lists
 * a platform twice and built it differently).
 */
export function selectPlatformDigests(artifactNames: readonly string[], request: MergeRequest): Handoff[] {
  const handoffs = artifactNames.map(parseHandoffName).filter(handoff => handoff !== undefined);
  const key = imagesKey(request.images);
  const ours = handoffs.filter(handoff => handoff.imagesKey === key);
  const wanted = sortedImages(request.images).join(', ');
  if (ours.length === 0) {
    const others = handoffs.map(handoff => handoff.artifact);
    throw new ActionableError(
      others.length > 0
        ? `No platform job of this run pushed digests for ${wanted}, but ${others.length} handed off digests for ` +
            `other images (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}). The platform jobs ` +
            'and the merge job must compute the same images: give them the same "images" input.'
        : `No platform job of this run handed off a digest for ${wanted}. ` +
            ((request.runAttempt ?? 1) > 1
              ? `This is attempt ${request.runAttempt} of the run: handoffs are kept for one day, so a merge job ` +
                're-run alone more than a day after its platform jobs finds them expired. Re-run all jobs ' +
                '(not only the failed one), so the platform jobs push and hand off again. Otherwise: '
              : '') +
            'Run the platform jobs first with "distribute: platform" (and "needs:" them in the merge job); a ' +
            'platform job that did not push (on a pull request, say) hands nothing off.'
    );
  }
  const byPlatform = new Map<string, Handoff[]>();
  for (const handoff of ours)
    byPlatform.set(handoff.platformSlug, [...(byPlatform.get(handoff.platformSlug) ?? []), handoff]);
  const selected: Handoff[] = [];
  for (const [slug, candidates] of byPlatform) {
    const latest = Math.max(...candidates.map(handoff => handoff.runAttempt));
    const current = candidates.filter(handoff => handoff.runAttempt === latest);
    if (current.length > 1) {
      throw new ActionableError(
        `Two digests were handed off for ${displayPlatform(slug)} of ${wanted} in attempt ${latest}: ` +
          `${current.map(handoff => handoff.digest).join(' and ')}. Each platform must be built by one job: check ` +
          'that the matrix lists every platform once.'
      );
    }
    selected.push(current[0]!);
  }
  const expected = request.platforms.map(platformSlug);
  if (expected.length > 0) {
    const found = selected.map(handoff => handoff.platformSlug);
    const missing = expected.filter(slug => !found.includes(slug));
    const unexpected = found.filter(slug => !expected.includes(slug));
    if (missing.length > 0 || unexpected.length > 0) {
      throw new ActionableError(
        [
          missing.length > 0
            ? `No digest was handed off for ${missing.map(displayPlatform).join(', ')} of ${wanted}`
            : '',
          unexpected.length > 0
            ? `digests were handed off for ${unexpected.map(displayPlatform).join(', ')}, not in "platforms"`
            : ''
        ]
          .filter(Boolean)
          .join('; ') +
          ` (handed off: ${found.map(displayPlatform).join(', ') || 'none'}). Did a platform job fail or skip its ` +
          'push? The merge job\'s "platforms" must list exactly the platforms of the matrix (or leave it empty to ' +
          'merge what was handed off).'
      );
    }
  }
  return selected.sort((a, b) => a.platformSlug.localeCompare(b.platformSlug));
}
