import {githubContextFrom, isForkPullRequest, ContextError} from '../../../src/core/github-context.js';

const baseEnv = {
  GITHUB_REPOSITORY: 'Octo-Org/My-App',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_ACTOR: 'octocat'
};

describe('githubContextFrom', () => {
  it('splits the repository and keeps its case', () => {
    const context = githubContextFrom(baseEnv, {});
    expect(context.owner).toBe('Octo-Org');
    expect(context.repo).toBe('My-App');
    expect(context.serverUrl).toBe('https://github.com');
    expect(context.apiUrl).toBe('https://api.github.com');
  });

  it('honours GitHub Enterprise Server URLs without a trailing slash', () => {
    const context = githubContextFrom(
      {...baseEnv, GITHUB_SERVER_URL: 'https://ghes.example.com/', GITHUB_API_URL: 'https://ghes.example.com/api/v3/'},
      {}
    );
    expect(context.serverUrl).toBe('https://ghes.example.com');
    expect(context.apiUrl).toBe('https://ghes.example.com/api/v3');
  });

  it('rewrites the ref of pull_request_target to the pull request merge ref', () => {
    const context = githubContextFrom(
      {...baseEnv, GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_REF: 'refs/heads/main'},
      {number: 42}
    );
    expect(context.ref).toBe('refs/pull/42/merge');
  });

  it('rejects a malformed GITHUB_REPOSITORY with the fix', () => {
    expect(() => githubContextFrom({...baseEnv, GITHUB_REPOSITORY: 'nope'}, {})).toThrow(ContextError);
    expect(() => githubContextFrom({...baseEnv, GITHUB_REPOSITORY: ''}, {})).toThrow(/export GITHUB_REPOSITORY/);
  });
});

describe('isForkPullRequest', () => {
  const pr = (head: string) => ({
    pull_request: {head: {repo: {full_name: head}}, base: {repo: {full_name: 'Octo-Org/My-App'}}}
  });
  it('is true when the head repository differs from the base', () => {
    const context = githubContextFrom({...baseEnv, GITHUB_EVENT_NAME: 'pull_request'}, pr('someone/My-App'));
    expect(isForkPullRequest(context)).toBe(true);
  });
  it('is false for a same-repository pull request, whatever the case', () => {
    const context = githubContextFrom({...baseEnv, GITHUB_EVENT_NAME: 'pull_request'}, pr('octo-org/my-app'));
    expect(isForkPullRequest(context)).toBe(false);
  });
  it('is false outside pull request events', () => {
    expect(isForkPullRequest(githubContextFrom(baseEnv, pr('someone/My-App')))).toBe(false);
  });
});
