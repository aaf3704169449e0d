/** Shapes shared by the metadata engine (a pure port of docker/metadata-action's semantics). */

import type {GitHubContext} from '../github-context.js';
import type {ListItem} from '../input-lists.js';

/** Raw metadata inputs, already split into list items (one per line, full-line comments dropped). */
export interface MetadataInputs {
  images: ListItem[];
  tags: ListItem[];
  flavor: ListItem[];
  labels: ListItem[];
  annotations: ListItem[];
  sepTags: string;
  sepLabels: string;
  sepAnnotations: string;
}

/** DOCKER_METADATA_* and SOURCE_DATE_EPOCH, already read from the environment. */
export interface MetadataSettings {
  /** DOCKER_METADATA_PR_HEAD_SHA: on pull_request* events use the PR head sha instead of the merge sha. */
  prHeadSha: boolean;
  /** DOCKER_METADATA_SHORT_SHA_LENGTH, default 7. */
  shortShaLength: number;
  /** DOCKER_METADATA_ANNOTATIONS_LEVELS, default ['manifest']. */
  annotationLevels: string[];
}

/** The subset of GET /repos/{owner}/{repo} that metadata uses (also present in event payloads). */
export interface RepositoryInfo {
  name: string;
  description: string | null;
  html_url: string;
  default_branch: string;
  license: {spdx_id: string | null} | null;
  private?: boolean;
  visibility?: string;
}

export interface ImageName {
  /** Lowercased image reference without tag, e.g. ghcr.io/octo-org/app. */
  name: string;
  enable: boolean;
}

export interface Version {
  main: string | undefined;
  partial: string[];
  latest: boolean;
}

export interface Metadata {
  version: Version;
  images: ImageName[];
  /** Fully qualified tags (image:tag), metadata-action order. */
  tags: string[];
  /** Bare tag names in the same order. */
  tagNames: string[];
  /** key=value, sorted by key. */
  labels: string[];
  /** level:key=value for each level, sorted by key within each level. */
  annotations: string[];
  /** The `json` output object. */
  json: {tags: string[]; 'tag-names': string[]; labels: Record<string, string>; annotations: string[]};
  /** Non-fatal findings to show the user as warnings (no version, truncated description...). */
  warnings: string[];
}

/** Everything computeMetadata needs; the adapter gathers it (payload, REST API, environment, clock). */
export interface MetadataRequest {
  inputs: MetadataInputs;
  context: GitHubContext;
  repo: RepositoryInfo;
  settings: MetadataSettings;
  /** "Now" for the created label and {{date}} (SOURCE_DATE_EPOCH when set, see metadataNow). */
  now: Date;
  /** Commit date for {{commit_date}}. */
  commitDate: Date;
}
