/**
 * Where ghcr-publish deliberately differs from docker/metadata-action, so that what it produces is
 * accepted by ghcr.io and links the package to its repository. Everything else in this folder follows
 * metadata-action to the character.
 */
import type {GitHubContext} from '../github-context.js';
import {inputError, type InputOrigin, type Warn} from './origin.js';
import {GHCR_REGISTRY, imageNameProblem, isValidTag} from '../image-reference.js';

export const SOURCE_KEY = 'org.opencontainers.image.source';
export const DESCRIPTION_KEY = 'org.opencontainers.image.description';
export const LICENSES_KEY = 'org.opencontainers.image.licenses';

/** GitHub documents these limits for the package page ("Labelling container images"). */
const GHCR_TEXT_LIMITS: ReadonlyMap<string, number> = new Map([
  [DESCRIPTION_KEY, 512],
  [LICENSES_KEY, 256]
]);

/** With no `images` input the image is the workflow's repository on ghcr.io (metadata-action would emit bare tags). */
export function defaultImageName(context: Pick<GitHubContext, 'owner' | 'repo'>): string {
  return `${GHCR_REGISTRY}/${context.owner}/${context.repo}`.toLowerCase();
}

/** The repository URL that links the package; kept even if the repository lookup returned none. */
export function repositorySourceUrl(
  htmlUrl: string,
  context: Pick<GitHubContext, 'serverUrl' | 'owner' | 'repo'>
): string {
  return htmlUrl || `${context.serverUrl}/${context.owner}/${context.repo}`;
}

const IMAGE_FIX =
  'Write an image name without tag or digest, e.g. ghcr.io/owner/app: path components use lowercase letters, ' +
  'digits and single separators (".", "_", "__" or dashes) between them.';

/** Validates an already lowercased image name and throws an error naming the input line otherwise. */
export function assertImageName(name: string, origin: InputOrigin, fix = IMAGE_FIX): void {
  const problem = imageNameProblem(name);
  if (problem) throw inputError(origin, `image "${name}" ${problem}`, fix);
}

/** metadata-action emits tags the registry then rejects (leading `-`/`.`, over 128 characters); fail early instead. */
export function assertOciTag(tag: string, origin: InputOrigin): void {
  if (isValidTag(tag)) return;
  const reason =
    tag.length > 128
      ? `${tag.length} characters, at most 128 are allowed`
      : 'it must start with a letter, digit or "_"';
  throw inputError(
    origin,
    `tag "${tag}" is not a valid OCI tag (${reason}); it was produced by`,
    'Change the value, prefix or suffix so every tag matches [A-Za-z0-9_][A-Za-z0-9._-]{0,127}.'
  );
}

/**
 * Applies the GHCR rules to a finished key→value map of labels or annotations: the source stays a link
 * to the repository, and texts GHCR would refuse or cut are shortened here with a warning.
 */
export function applyGhcrLabelRules(
  entries: Map<string, string>,
  sourceUrl: string,
  kind: {input: string; noun: string},
  warn: Warn
): void {
  if (!entries.get(SOURCE_KEY)) {
    if (entries.has(SOURCE_KEY)) {
      warn(
        `The ${kind.input} input sets ${SOURCE_KEY} to an empty value; ghcr-publish keeps ${sourceUrl} so the package stays linked to its repository.`
      );
    }
    entries.set(SOURCE_KEY, sourceUrl);
  }
  for (const [key, limit] of GHCR_TEXT_LIMITS) {
    const value = entries.get(key);
    if (value === undefined) continue;
    const characters = Array.from(value);
    if (characters.length <= limit) continue;
    entries.set(key, characters.slice(0, limit).join(''));
    warn(
      `The ${kind.noun} ${key} is ${characters.length} characters long; GHCR allows ${limit}, so it was cut to the first ${limit}.`
    );
  }
}
