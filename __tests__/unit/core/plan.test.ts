import {InputError} from '../../../src/core/errors.js';
import {readConfig, type InputReader} from '../../../src/core/inputs.js';
import {describeCache, planPublish} from '../../../src/core/plan.js';
import {thrown, valuesOf} from '../../support/expectations.js';
import {makeContext, pullRequestPayload, REPO, run, type RunOptions} from './metadata/fixtures.js';

const TAG_PUSH: RunOptions = {event: 'push', ref: 'refs/tags/v1.2.3'};
const PULL_REQUEST: RunOptions = {event: 'pull_request', ref: 'refs/pull/7/merge', payload: pullRequestPayload(7)};
const CACHE_SERVICE = {ACTIONS_RUNTIME_TOKEN: 'runtime', ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/'};

function plan(inputs: Record<string, string>, event: RunOptions = TAG_PUSH, env: Record<string, string> = {}) {
  const read: InputReader = name => inputs[name] ?? '';
  const config = readConfig(read);
  const lists = (name: 'images' | 'tags') => config.metadata[name].map(item => item.value);
  const metadata = run({...event, images: lists('images'), tags: lists('tags')});
  return planPublish(config, makeContext(event), metadata, REPO, {env, workDir: '/tmp/ghcr-publish-test'});
}

describe('planPublish', () => {
  it('pushes a tag push under every tag, logs in to ghcr.io with the token, and says which builder', () => {
    const planned = plan({'github-token': 'ghs_token'});
    expect(planned.push).toMatchObject({push: true});
    expect(planned.image).toBe('ghcr.io/octo-org/hello-world');
    expect(planned.login.logins).toEqual([{registry: 'ghcr.io', username: 'octocat', password: 'ghs_token'}]);
    expect(valuesOf(planned.build.args, '--tag')).toEqual([
      'ghcr.io/octo-org/hello-world:v1.2.3',
      'ghcr.io/octo-org/hello-world:latest'
    ]);
    expect(planned.build.args).toContain('--push');
    // The default provenance and the annotations are what the docker driver lacks on the classic image store.
    expect(planned.builder).toMatch(
      /^the runner's current builder when .* \(it cannot do attestations, annotations\)$/
    );
  });

  it('builds a pull request without pushing, and says why', () => {
    const planned = plan({'github-token': 'ghs_token'}, PULL_REQUEST);
    expect(planned.push.push).toBe(false);
    expect(planned.push.reason).toMatch(/pull request/);
    expect(planned.build.args).not.toContain('--push');
  });

  it('pushes a platform job by digest only, and plans no build for the merge job', () => {
    const platform = plan({distribute: 'platform', platforms: 'linux/arm64', 'github-token': 't'});
    expect(platform.job).toEqual({kind: 'platform', platform: 'linux/arm64'});
    expect(platform.tags).toEqual([]);
    expect(valuesOf(platform.build.args, '--tag')).toEqual([]);
    expect(valuesOf(platform.build.args, '--output').join(' ')).toContain('push-by-digest=true');
    expect(platform.builder).toMatch(/docker-container builder/);
    const merge = plan({distribute: 'merge', 'github-token': 't'});
    expect(merge.builder).toBe('none (the merge builds nothing)');
    expect(describeCache(merge)).toBe('none (the merge builds nothing)');
  });

  it('uses the GitHub Actions cache by default when the runner offers it', () => {
    expect(describeCache(plan({}, TAG_PUSH, CACHE_SERVICE))).toBe('GitHub Actions cache (default)');
    expect(describeCache(plan({}, TAG_PUSH))).toBe('none');
    expect(describeCache(plan({'gha-cache': 'false'}, TAG_PUSH, CACHE_SERVICE))).toBe('none');
    expect(describeCache(plan({'cache-from': 'type=gha'}, TAG_PUSH, CACHE_SERVICE))).toBe(
      'as given in cache-from / cache-to'
    );
  });

  it('without any tag: push true is an error, push auto builds only', () => {
    const noTag = {tags: 'type=ref,event=pr'};
    const error = thrown(() => plan({...noTag, push: 'true'}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/no tag rule produced a tag/);
    expect(plan(noTag).push).toEqual({
      push: false,
      reason: 'push: auto builds without pushing because no tag rule produced a tag for this event'
    });
  });

  it('refuses a matrix distribution with every image disabled', () => {
    const error = thrown(() => plan({distribute: 'merge', images: 'ghcr.io/o/app,enable=false'}));
    expect(error.message).toMatch(/^input "images": "distribute: merge" pushes by digest to the images/);
  });
});
