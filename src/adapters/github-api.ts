/** The two GitHub REST calls metadata may need, over fetch with a bounded timeout. */
import type {RepositoryInfo} from '../core/metadata/types.js';
import {HTTP_TIMEOUT_MS} from './http-policy.js';

export interface ApiTarget {
  apiUrl: string;
  owner: string;
  repo: string;
  token: string;
}

async function getJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, {
    headers: {
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      'User-Agent': 'ghcr-publish',
      ...(token ? {Authorization: `Bearer ${token}`} : {})
    },
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS.githubApi)
  });
  if (!response.ok) {
    const hint =
      response.status === 401 || response.status === 403 || response.status === 404
        ? ' (the github-token cannot read this repository: grant "contents: read")'
        : '';
    throw new Error(`GET ${url} answered ${response.status} ${response.statusText}${hint}`);
  }
  return response.json();
}

export async function fetchRepository(target: ApiTarget): Promise<RepositoryInfo> {
  const url = `${target.apiUrl}/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}`;
  return (await getJson(url, target.token)) as RepositoryInfo;
}

export async function fetchCommitDate(target: ApiTarget, sha: string): Promise<Date> {
  const url = `${target.apiUrl}/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/commits/${encodeURIComponent(sha)}`;
  const commit = (await getJson(url, target.token)) as {commit?: {committer?: {date?: string}}};
  const date = new Date(commit.commit?.committer?.date ?? '');
  if (Number.isNaN(date.getTime())) throw new Error(`GET ${url} returned no committer date`);
  return date;
}
