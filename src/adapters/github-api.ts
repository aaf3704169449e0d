/**
 * The GitHub REST calls metadata may need, through @actions/github's Octokit (the runner's proxy settings included).
 * Loaded on demand: most runs find both answers in the event payload and never pay for Octokit.
 */
import type {RepositoryInfo} from '../core/metadata/types.js';
import {HTTP_TIMEOUT_MS} from './http-policy.js';

export interface ApiTarget {
  apiUrl: string;
  owner: string;
  repo: string;
  token: string;
}

type Octokit = Awaited<ReturnType<typeof octokitFor>>;

async function octokitFor(target: ApiTarget) {
  const options = {baseUrl: target.apiUrl, userAgent: 'ghcr-publish'};
  // getOctokit insists on a token; without one (github-token: '') a public repository still answers.
  if (!target.token) return new (await import('@actions/github/lib/utils')).GitHub(options);
  return (await import('@actions/github')).getOctokit(target.token, options);
}

async function call<T>(
  target: ApiTarget,
  what: string,
  request: (octokit: Octokit, signal: AbortSignal) => Promise<T>
) {
  const octokit = await octokitFor(target);
  try {
    return await request(octokit, AbortSignal.timeout(HTTP_TIMEOUT_MS.githubApi));
  } catch (error) {
    const status = (error as {status?: number}).status;
    const hint =
      status === 401 || status === 403 || status === 404
        ? ' (the github-token cannot read this repository: grant "contents: read")'
        : '';
    const answered = status ? `answered ${status}` : 'failed';
    throw new Error(`GET ${what} ${answered}: ${(error as Error).message}${hint}`);
  }
}

export async function fetchRepository(target: ApiTarget): Promise<RepositoryInfo> {
  const {owner, repo} = target;
  return call(target, `/repos/${owner}/${repo}`, async (octokit, signal) => {
    const {data} = await octokit.rest.repos.get({owner, repo, request: {signal}});
    return data as RepositoryInfo;
  });
}

export async function fetchCommitDate(target: ApiTarget, sha: string): Promise<Date> {
  const {owner, repo} = target;
  const what = `/repos/${owner}/${repo}/commits/${sha}`;
  const data = await call(target, what, async (octokit, signal) => {
    return (await octokit.rest.repos.getCommit({owner, repo, ref: sha, request: {signal}})).data;
  });
  const date = new Date(data.commit.committer?.date ?? '');
  if (Number.isNaN(date.getTime())) throw new Error(`GET ${what} returned no committer date`);
  return date;
}
