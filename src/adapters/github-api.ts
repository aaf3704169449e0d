/**
 * The GitHub REST calls of the step, through @actions/github's Octokit (the runner's proxy settings included):
 * repository facts and the commit date metadata may need, and storing an attestation. Loaded on demand: most runs
 * find the facts in the event payload and never pay for Octokit.
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

/** A failed REST call: its status (when the API answered) and the API's own message. */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly apiMessage: string
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

const READ_HINT = ' (the github-token cannot read this repository: grant "contents: read")';

async function call<T>(
  target: ApiTarget,
  what: string,
  request: (octokit: Octokit, signal: AbortSignal) => Promise<T>,
  hint: (status: number) => string = status => (status === 401 || status === 403 || status === 404 ? READ_HINT : '')
) {
  const octokit = await octokitFor(target);
  try {
    return await request(octokit, AbortSignal.timeout(HTTP_TIMEOUT_MS.githubApi));
  } catch (error) {
    const status = (error as {status?: number}).status;
    const answered = status ? `answered ${status}` : 'failed';
    const message = (error as Error).message;
    throw new GitHubApiError(`${what} ${answered}: ${message}${status ? hint(status) : ''}`, status, message);
  }
}

export async function fetchRepository(target: ApiTarget): Promise<RepositoryInfo> {
  const {owner, repo} = target;
  return call(target, `GET /repos/${owner}/${repo}`, async (octokit, signal) => {
    const {data} = await octokit.rest.repos.get({owner, repo, request: {signal}});
    return data as RepositoryInfo;
  });
}

export async function fetchCommitDate(target: ApiTarget, sha: string): Promise<Date> {
  const {owner, repo} = target;
  const what = `GET /repos/${owner}/${repo}/commits/${sha}`;
  const data = await call(target, what, async (octokit, signal) => {
    return (await octokit.rest.repos.getCommit({owner, repo, ref: sha, request: {signal}})).data;
  });
  const date = new Date(data.commit.committer?.date ?? '');
  if (Number.isNaN(date.getTime())) throw new Error(`${what} returned no committer date`);
  return date;
}

/** Stores a Sigstore bundle as an attestation of the repository (POST /repos/{owner}/{repo}/attestations): its id. */
export async function createAttestation(target: ApiTarget, bundle: object): Promise<number> {
  const {owner, repo} = target;
  const data = await call(
    target,
    `POST /repos/${owner}/${repo}/attestations`,
    async (octokit, signal) =>
      (
        await octokit.request('POST /repos/{owner}/{repo}/attestations', {
          owner,
          repo,
          bundle: bundle as never,
          request: {signal}
        })
      ).data,
    () => ''
  );
  const id = (data as {id?: unknown}).id;
  if (typeof id !== 'number') throw new GitHubApiError('The attestations API returned no attestation id', 201, '');
  return id;
}
