/** DOCKER_METADATA_* settings and SOURCE_DATE_EPOCH, read from an environment snapshot. */
import type {GitHubContext} from '../github-context.js';
import {InputError} from '../errors.js';
import type {MetadataSettings} from './types.js';

type Environment = Readonly<Record<string, string | undefined>>;

export const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'] as const;
const DEFAULT_SHORT_SHA_LENGTH = 7;
const TRUE_PATTERN = /true/i;
const DIGITS = /^\d+$/;
const PULL_REQUEST_EVENT = /pull_request/;

export function metadataSettingsFrom(env: Environment): MetadataSettings {
  return {
    // metadata-action tests the variable with /true/i, so "TRUE" and "True" count as well.
    prHeadSha: TRUE_PATTERN.test(env.DOCKER_METADATA_PR_HEAD_SHA ?? ''),
    shortShaLength: shortShaLengthFrom(env.DOCKER_METADATA_SHORT_SHA_LENGTH),
    annotationLevels: annotationLevelsFrom(env.DOCKER_METADATA_ANNOTATIONS_LEVELS)
  };
}

function shortShaLengthFrom(raw: string | undefined): number {
  const text = raw?.trim() ?? '';
  if (text === '') return DEFAULT_SHORT_SHA_LENGTH;
  const length = Number(text);
  if (!DIGITS.test(text) || length < 1) {
    throw new InputError(
      'DOCKER_METADATA_SHORT_SHA_LENGTH',
      raw ?? '',
      'is not a positive whole number',
      'Set it to the number of sha characters to keep, e.g. DOCKER_METADATA_SHORT_SHA_LENGTH: 12 (default 7).'
    );
  }
  return length;
}

function annotationLevelsFrom(raw: string | undefined): string[] {
  const levels = (raw ?? '')
    .split(',')
    .map(level => level.trim())
    .filter(level => level !== '');
  if (levels.length === 0) return ['manifest'];
  const unknown = levels.find(level => !(ANNOTATION_LEVELS as readonly string[]).includes(level));
  if (unknown !== undefined) {
    throw new InputError(
      'DOCKER_METADATA_ANNOTATIONS_LEVELS',
      raw ?? '',
      `has the unknown level "${unknown}"`,
      `Use a comma-separated list of ${ANNOTATION_LEVELS.join(', ')}; GHCR reads multi-platform descriptions from index.`
    );
  }
  return levels;
}

/**
 * The timestamp used for the created label and {{date}}: SOURCE_DATE_EPOCH when set (reproducible
 * builds, and what BuildKit uses for the image itself), else the clock.
 */
export function metadataNow(env: Environment, clock: Date): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  const text = raw?.trim() ?? '';
  if (text === '') return clock;
  const date = DIGITS.test(text) ? new Date(Number(text) * 1000) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new InputError(
      'SOURCE_DATE_EPOCH',
      raw ?? '',
      'is not a Unix timestamp in whole seconds',
      'Set it to an integer number of seconds since 1970-01-01 UTC, e.g. $(git log -1 --format=%ct), or unset it.'
    );
  }
  return date;
}

/** The commit the image describes: the PR head instead of the merge commit when DOCKER_METADATA_PR_HEAD_SHA is set. */
export function effectiveSha(
  context: Pick<GitHubContext, 'eventName' | 'sha' | 'payload'>,
  settings: Pick<MetadataSettings, 'prHeadSha'>
): string {
  const headSha = context.payload.pull_request?.head?.sha;
  if (settings.prHeadSha && PULL_REQUEST_EVENT.test(context.eventName) && typeof headSha === 'string' && headSha !== '')
    return headSha;
  return context.sha;
}
