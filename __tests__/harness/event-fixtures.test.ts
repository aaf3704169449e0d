/** Keeps the event fixtures consistent with each other and with what a runner would hand over. */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {EVENTS_DIR, REPO_ROOT, eventEnvironment, loadEvent} from './runner.js';

const EXPECTED = [
  'dependabot-pull-request',
  'pull-request',
  'pull-request-fork',
  'pull-request-target-fork',
  'push-feature-branch',
  'push-main',
  'push-prerelease-tag',
  'push-tag',
  'release',
  'schedule',
  'workflow-dispatch'
];
const SHA = /^[0-9a-f]{40}$/;
const names = readdirSync(EVENTS_DIR)
  .filter(f => f.endsWith('.json'))
  .map(f => f.slice(0, -5))
  .sort();

it('has every expected fixture', () => {
  expect(names).toEqual(expect.arrayContaining(EXPECTED));
});

describe.each(names)('%s', name => {
  const event = loadEvent(name);
  const {env, payload} = event;

  it('describes Octo-Org/Hello-World with the fields metadata needs', () => {
    expect(env.GITHUB_REPOSITORY).toBe('Octo-Org/Hello-World');
    expect(env.GITHUB_SHA).toMatch(SHA);
    expect(env.GITHUB_ACTOR).toMatch(/\S/);
    expect(payload.repository).toMatchObject({
      name: 'Hello-World',
      full_name: 'Octo-Org/Hello-World',
      html_url: 'https://github.com/Octo-Org/Hello-World',
      description: 'Hello World image',
      default_branch: 'main',
      license: {spdx_id: 'MIT'},
      private: false,
      visibility: 'public',
      owner: {login: 'Octo-Org', type: 'Organization'}
    });
  });

  it('agrees with the variables the harness derives', () => {
    // Only the ref given: everything else the harness derives must match what the fixture states.
    const derived = eventEnvironment({...event, env: {GITHUB_REF: env.GITHUB_REF ?? ''}});
    for (const key of ['GITHUB_REF_NAME', 'GITHUB_REF_TYPE', 'GITHUB_HEAD_REF', 'GITHUB_BASE_REF'] as const) {
      if (env[key] !== undefined && event.eventName !== 'pull_request_target') expect(env[key]).toBe(derived[key]);
    }
    if (env.GITHUB_REF_NAME !== undefined) {
      expect(env.GITHUB_REF_NAME).toBe(env.GITHUB_REF?.replace(/^refs\/(heads|tags|pull)\//, ''));
    }
  });

  if (event.eventName === 'push') {
    it('is a consistent push', () => {
      expect(payload.ref).toBe(env.GITHUB_REF);
      expect(payload.after).toBe(env.GITHUB_SHA);
      expect(payload.before).toMatch(SHA);
      expect(payload.head_commit).toMatchObject({id: env.GITHUB_SHA, message: expect.any(String)});
      expect(payload.head_commit.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(Array.isArray(payload.commits)).toBe(true);
      expect('base_ref' in payload).toBe(true);
    });
  }

  if (event.eventName.startsWith('pull_request')) {
    it('is a consistent pull request', () => {
      const pr = payload.pull_request;
      expect(payload.number).toBe(pr.number);
      expect(pr.head.sha).toMatch(SHA);
      expect(pr.base.sha).toMatch(SHA);
      expect(pr.head.repo).toMatchObject({full_name: expect.any(String), fork: expect.any(Boolean)});
      expect(pr.base.repo.full_name).toBe('Octo-Org/Hello-World');
      expect(env.GITHUB_HEAD_REF).toBe(pr.head.ref);
      expect(env.GITHUB_BASE_REF).toBe(pr.base.ref);
      if (event.eventName === 'pull_request') {
        expect(env.GITHUB_REF).toBe(`refs/pull/${pr.number}/merge`);
        expect(env.GITHUB_SHA).not.toBe(pr.head.sha);
      } else {
        expect(env.GITHUB_REF).toBe(`refs/heads/${pr.base.ref}`);
        expect(env.GITHUB_SHA).toBe(pr.base.sha);
      }
    });
  }
});

describe('specific fixtures', () => {
  it('push-main is on the default branch, push-feature-branch on feature/new-api#42', () => {
    expect(loadEvent('push-main').env.GITHUB_REF).toBe('refs/heads/main');
    expect(loadEvent('push-feature-branch').env.GITHUB_REF).toBe('refs/heads/feature/new-api#42');
  });

  it('tags and the release point at tag refs', () => {
    expect(loadEvent('push-tag').env.GITHUB_REF).toBe('refs/tags/v1.2.3');
    expect(loadEvent('push-prerelease-tag').env.GITHUB_REF).toBe('refs/tags/v2.0.0-rc.1');
    const release = loadEvent('release');
    expect(release.env.GITHUB_REF).toBe('refs/tags/v1.2.3');
    expect(release.payload).toMatchObject({action: 'published', release: {tag_name: 'v1.2.3', prerelease: false}});
  });

  it('pull requests: same repository, forks, pull_request_target and dependabot', () => {
    const pr = loadEvent('pull-request');
    expect(pr.payload.number).toBe(15);
    expect(pr.payload.pull_request.head.repo).toMatchObject({full_name: 'Octo-Org/Hello-World', fork: false});
    for (const name of ['pull-request-fork', 'pull-request-target-fork']) {
      expect(loadEvent(name).payload.pull_request.head.repo).toMatchObject({
        full_name: 'someone/Hello-World',
        fork: true
      });
    }
    expect(loadEvent('pull-request-target-fork').eventName).toBe('pull_request_target');
    const dependabot = loadEvent('dependabot-pull-request');
    expect(dependabot.env.GITHUB_ACTOR).toBe('dependabot[bot]');
    expect(dependabot.payload.pull_request.user).toMatchObject({login: 'dependabot[bot]', type: 'Bot'});
  });

  it('schedule and workflow_dispatch run on main', () => {
    expect(loadEvent('schedule').payload.schedule).toBe('0 10 * * *');
    const dispatch = loadEvent('workflow-dispatch');
    expect(dispatch.eventName).toBe('workflow_dispatch');
    expect(dispatch.payload.inputs).toEqual({});
    expect(dispatch.env.GITHUB_REF).toBe('refs/heads/main');
  });

  it('samples/event-push-tag.json is the push-tag fixture', () => {
    const sample = JSON.parse(readFileSync(path.join(REPO_ROOT, 'samples', 'event-push-tag.json'), 'utf8'));
    expect(sample).toEqual(loadEvent('push-tag'));
  });
});
