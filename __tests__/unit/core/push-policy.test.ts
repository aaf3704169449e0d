import {githubContextFrom} from '../../../src/core/github-context.js';
import {decidePush} from '../../../src/core/push-policy.js';
import type {PushMode} from '../../../src/core/inputs.js';

const env = (eventName: string, actor = 'octocat') => ({
  GITHUB_REPOSITORY: 'Octo-Org/Hello-World',
  GITHUB_EVENT_NAME: eventName,
  GITHUB_ACTOR: actor
});
const samePr = {
  pull_request: {head: {repo: {full_name: 'Octo-Org/Hello-World'}}, base: {repo: {full_name: 'Octo-Org/Hello-World'}}}
};
const forkPr = {
  pull_request: {head: {repo: {full_name: 'someone/Hello-World'}}, base: {repo: {full_name: 'Octo-Org/Hello-World'}}}
};

describe('decidePush', () => {
  it.each<[string, PushMode, Record<string, unknown>, boolean]>([
    ['push', 'auto', {}, true],
    ['create', 'auto', {}, true],
    ['release', 'auto', {action: 'published'}, true],
    ['release', 'auto', {action: 'edited'}, false],
    ['release', 'auto', {action: 'deleted'}, false],
    ['schedule', 'auto', {}, true],
    ['workflow_dispatch', 'auto', {}, true],
    ['pull_request', 'auto', samePr, false],
    ['pull_request_target', 'auto', samePr, false],
    ['merge_group', 'auto', {}, false],
    ['pull_request', 'true', samePr, true],
    ['push', 'false', {}, false]
  ])('%s with push: %s pushes: %s', (eventName, mode, payload, expected) => {
    expect(decidePush(mode, githubContextFrom(env(eventName), payload)).push).toBe(expected);
  });

  it('explains why a pull request is not pushed', () => {
    const decision = decidePush('auto', githubContextFrom(env('pull_request'), samePr));
    expect(decision.reason).toMatch(/without pushing.*push: true/);
    expect(decision.warning).toBeUndefined();
  });

  it('never pushes a fork pull request, and warns when push: true was asked', () => {
    const context = githubContextFrom(env('pull_request'), forkPr);
    expect(decidePush('auto', context)).toEqual({push: false, reason: expect.stringMatching(/fork.*read-only/)});
    const forced = decidePush('true', context);
    expect(forced.push).toBe(false);
    expect(forced.warning).toMatch(/push: true was ignored: .*fork/);
  });

  it('pushes pull_request_target from a fork when asked: its token can write', () => {
    const context = githubContextFrom(env('pull_request_target'), forkPr);
    expect(decidePush('true', context).push).toBe(true);
    expect(decidePush('auto', context).push).toBe(false);
  });

  it('lets own credentials (the password input) push a fork pull request or Dependabot run', () => {
    expect(decidePush('true', githubContextFrom(env('pull_request'), forkPr), true).push).toBe(true);
    expect(decidePush('true', githubContextFrom(env('push', 'dependabot[bot]'), {}), true).push).toBe(true);
  });

  it('never pushes a Dependabot run', () => {
    const decision = decidePush('true', githubContextFrom(env('push', 'dependabot[bot]'), {}));
    expect(decision.push).toBe(false);
    expect(decision.warning).toMatch(/Dependabot/);
  });
});
