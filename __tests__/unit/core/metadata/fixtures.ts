/** Realistic contexts for the metadata tests: repository Octo-Org/Hello-World, default branch main. */
import {githubContextFrom, type GitHubContext} from '../../../../src/core/github-context.js';
import type {ListItem} from '../../../../src/core/input-lists.js';
import {computeMetadata, metadataSettingsFrom} from '../../../../src/core/metadata/index.js';
import type {Metadata, MetadataInputs, MetadataSettings, RepositoryInfo} from '../../../../src/core/metadata/types.js';

export const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
export const HEAD_SHA = '3e4b9f0a7c21d58e6f4a0b1c2d3e4f5a6b7c8d9e';
export const NOW = new Date('2020-01-10T00:30:00.000Z');
export const COMMIT_DATE = new Date('2020-01-08T15:04:05.000Z');
export const IMAGE = 'ghcr.io/octo-org/hello-world';

export const REPO: RepositoryInfo = {
  name: 'Hello-World',
  description: 'Hello World image',
  html_url: 'https://github.com/Octo-Org/Hello-World',
  default_branch: 'main',
  license: {spdx_id: 'MIT'}
};

export const PAYLOAD_REPOSITORY = {
  name: 'Hello-World',
  full_name: 'Octo-Org/Hello-World',
  description: 'Hello World image',
  html_url: 'https://github.com/Octo-Org/Hello-World',
  default_branch: 'main',
  license: {key: 'mit', spdx_id: 'MIT'},
  private: false,
  visibility: 'public'
};

export interface EventOptions {
  event?: string;
  ref?: string;
  sha?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload?: Record<string, any>;
}

/** A push to main unless told otherwise; the payload always carries the repository, as GitHub's do. */
export function makeContext(options: EventOptions = {}): GitHubContext {
  return githubContextFrom(
    {
      GITHUB_REPOSITORY: 'Octo-Org/Hello-World',
      GITHUB_EVENT_NAME: options.event ?? 'push',
      GITHUB_REF: options.ref ?? 'refs/heads/main',
      GITHUB_SHA: options.sha ?? SHA,
      GITHUB_ACTOR: 'octocat'
    },
    {repository: PAYLOAD_REPOSITORY, ...options.payload}
  );
}

export function pullRequestPayload(
  number: number,
  options: {fork?: boolean; base?: string} = {}
): Record<string, unknown> {
  const headRepo = options.fork ? 'someone/Hello-World' : 'Octo-Org/Hello-World';
  return {
    number,
    pull_request: {
      number,
      head: {sha: HEAD_SHA, ref: 'feature/login', repo: {full_name: headRepo}},
      base: {sha: SHA, ref: options.base ?? 'main', repo: {full_name: 'Octo-Org/Hello-World'}}
    }
  };
}

/** Items numbered from line 1, as parseListItems would give for one item per line. */
export function items(lines: readonly string[] = []): ListItem[] {
  return lines.map((value, index) => ({value, line: index + 1}));
}

export interface Lists {
  images?: string[];
  tags?: string[];
  flavor?: string[];
  labels?: string[];
  annotations?: string[];
}

export function makeInputs(lists: Lists = {}): MetadataInputs {
  return {
    images: items(lists.images),
    tags: items(lists.tags),
    flavor: items(lists.flavor),
    labels: items(lists.labels),
    annotations: items(lists.annotations),
    sepTags: '\n',
    sepLabels: '\n',
    sepAnnotations: '\n'
  };
}

export interface RunOptions extends EventOptions, Lists {
  env?: Record<string, string>;
  settings?: Partial<MetadataSettings>;
  repo?: Partial<RepositoryInfo>;
  now?: Date;
  commitDate?: Date;
}

export function run(options: RunOptions = {}): Metadata {
  return computeMetadata({
    inputs: makeInputs(options),
    context: makeContext(options),
    repo: {...REPO, ...options.repo},
    settings: {...metadataSettingsFrom(options.env ?? {}), ...options.settings},
    now: options.now ?? NOW,
    commitDate: options.commitDate ?? COMMIT_DATE
  });
}

/** Bare tag names for the given event and rules (images are checked separately). */
export function tagNames(options: RunOptions): string[] {
  return run(options).tagNames;
}

export {thrown} from '../../../support/expectations.js';
