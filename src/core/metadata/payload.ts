/** Facts the event payload already carries, so the adapter can skip REST calls when possible. */
import type {GitHubContext} from '../github-context.js';
import type {RepositoryInfo} from './types.js';

/**
 * The commit date of `sha` from a push payload: the matching entry of `commits`, else `head_commit`
 * when it is that commit. Undefined when the payload does not say (the adapter then asks the API).
 */
export function commitDateFromPayload(
  context: Pick<GitHubContext, 'sha' | 'payload'>,
  sha: string = context.sha
): Date | undefined {
  const {commits, head_commit: headCommit} = context.payload;
  const fromCommits = Array.isArray(commits)
    ? commits.find(commit => isRecord(commit) && commit.id === sha)
    : undefined;
  if (fromCommits) return dateOf(fromCommits.timestamp);
  if (isRecord(headCommit) && headCommit.id === sha) return dateOf(headCommit.timestamp);
  return undefined;
}

function dateOf(timestamp: unknown): Date | undefined {
  if (typeof timestamp !== 'string') return undefined;
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The payload's `repository` object in the shape of GET /repos/{owner}/{repo}, when it has one. */
export function repositoryFromPayload(
  context: Pick<GitHubContext, 'payload' | 'serverUrl' | 'owner' | 'repo'>
): RepositoryInfo | undefined {
  const repository: unknown = context.payload.repository;
  if (!isRecord(repository) || typeof repository.name !== 'string') return undefined;
  const license = isRecord(repository.license) ? {spdx_id: stringOrNull(repository.license.spdx_id)} : null;
  const info: RepositoryInfo = {
    name: repository.name,
    description: stringOrNull(repository.description),
    html_url:
      typeof repository.html_url === 'string'
        ? repository.html_url
        : `${context.serverUrl}/${context.owner}/${context.repo}`,
    default_branch: typeof repository.default_branch === 'string' ? repository.default_branch : '',
    license
  };
  if (typeof repository.private === 'boolean') info.private = repository.private;
  if (typeof repository.visibility === 'string') info.visibility = repository.visibility;
  return info;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
