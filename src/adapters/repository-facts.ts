/**
 * Repository information and commit date for metadata: from the event payload when it carries them
 * (no API call, no token needed), else from the REST API, else a documented fallback.
 */
import {fetchCommitDate, fetchRepository} from './github-api.js';
import type {GitHubContext} from '../core/github-context.js';
import {commitDateFromPayload, repositoryFromPayload} from '../core/metadata/index.js';
import type {RepositoryInfo} from '../core/metadata/types.js';

type Warn = (message: string) => void;

export async function resolveRepository(context: GitHubContext, token: string, warn: Warn): Promise<RepositoryInfo> {
  const fromPayload = repositoryFromPayload(context);
  if (fromPayload) return fromPayload;
  try {
    return await fetchRepository({apiUrl: context.apiUrl, owner: context.owner, repo: context.repo, token});
  } catch (error) {
    warn(
      `Could not read the repository from the GitHub API (${(error as Error).message}); ` +
        'title, url and source labels use the repository name and no description or license is set.'
    );
    return {
      name: context.repo,
      description: null,
      html_url: `${context.serverUrl}/${context.owner}/${context.repo}`,
      default_branch: '',
      license: null
    };
  }
}

/** The date of `sha`: the merge commit's, or the PR head's under DOCKER_METADATA_PR_HEAD_SHA. */
export async function resolveCommitDate(context: GitHubContext, sha: string, token: string, now: Date): Promise<Date> {
  const fromPayload = commitDateFromPayload(context, sha);
  if (fromPayload) return fromPayload;
  if (!sha || !token) return now;
  try {
    return await fetchCommitDate({apiUrl: context.apiUrl, owner: context.owner, repo: context.repo, token}, sha);
  } catch {
    // metadata-action falls back to the current time as well; the date only feeds {{commit_date}}.
    return now;
  }
}
