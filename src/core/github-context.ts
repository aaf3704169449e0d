/**
 * The GitHub Actions run context, read from the runner's GITHUB_* environment and the event payload.
 * Pure: the caller reads the payload file and hands its parsed content in.
 */
export interface GitHubContext {
  eventName: string;
  /** Fully qualified ref (refs/heads/x, refs/tags/x, refs/pull/N/merge); rewritten for pull_request_target. */
  ref: string;
  sha: string;
  /** GITHUB_REPOSITORY split; case preserved (lowercasing is the image layer's job). */
  owner: string;
  repo: string;
  actor: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  runAttempt: string;
  workflow: string;
  /** GITHUB_JOB: the job's id in the workflow. */
  job: string;
  // The event payload is arbitrary JSON from the runner; typed access happens at each use.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: Record<string, any>;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export class ContextError extends Error {}

export function githubContextFrom(env: Environment, payload: Record<string, unknown>): GitHubContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new ContextError(
      `GITHUB_REPOSITORY is ${JSON.stringify(repository)}; expected "owner/repo". ` +
        'It is set by the runner; when running locally, export GITHUB_REPOSITORY=owner/repo.'
    );
  }
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  let ref = env.GITHUB_REF ?? '';
  // pull_request_target runs on the base branch; metadata-action rewrites the ref so PR tag rules still fire.
  if (eventName === 'pull_request_target' && typeof payload.number === 'number') {
    ref = `refs/pull/${payload.number}/merge`;
  }
  return {
    eventName,
    ref,
    sha: env.GITHUB_SHA ?? '',
    owner,
    repo,
    actor: env.GITHUB_ACTOR ?? '',
    serverUrl: stripTrailingSlash(env.GITHUB_SERVER_URL || 'https://github.com'),
    apiUrl: stripTrailingSlash(env.GITHUB_API_URL || 'https://api.github.com'),
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    payload
  };
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** True when the pull request's head lives in another repository: its GITHUB_TOKEN is read-only. */
export function isForkPullRequest(context: GitHubContext): boolean {
  const pr = context.payload.pull_request;
  if (!pr || !context.eventName.startsWith('pull_request')) return false;
  const headRepo = pr.head?.repo?.full_name;
  const baseRepo = pr.base?.repo?.full_name ?? `${context.owner}/${context.repo}`;
  return typeof headRepo === 'string' && headRepo.toLowerCase() !== String(baseRepo).toLowerCase();
}
