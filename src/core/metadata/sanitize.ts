/** Tag sanitization exactly as docker/metadata-action does it: every run of invalid characters becomes one `-`. */

const INVALID_TAG_CHARACTERS = /[^a-zA-Z0-9._-]+/g;
const PATH_SEPARATORS = /\//g;

export function sanitizeTag(value: string): string {
  return value.replace(INVALID_TAG_CHARACTERS, '-');
}

/** semver and pep440 sources: `/` becomes `-` before the version is validated. */
export function slashesToDashes(value: string): string {
  return value.replace(PATH_SEPARATORS, '-');
}
