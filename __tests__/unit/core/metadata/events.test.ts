import {HEAD_SHA, IMAGE, pullRequestPayload, run, SHA, type RunOptions} from './fixtures.js';

const TYPICAL_RULES = [
  'type=semver,pattern={{version}}',
  'type=semver,pattern={{major}}.{{minor}}',
  'type=ref,event=branch',
  'type=ref,event=pr',
  'type=sha',
  'type=raw,value=latest,enable={{is_default_branch}}'
];

const release = {action: 'published', release: {tag_name: 'v1.2.3', prerelease: false}};

interface EventCase {
  name: string;
  event: RunOptions;
  defaultTags: string[];
  typicalTags: string[];
  /** The version output under the typical rule set. */
  version: string;
}

const EVENTS: EventCase[] = [
  {
    name: 'push to the default branch',
    event: {event: 'push', ref: 'refs/heads/main'},
    defaultTags: ['main'],
    typicalTags: ['main', 'latest', 'sha-860c190'],
    version: 'main'
  },
  {
    name: 'push to a feature branch',
    event: {event: 'push', ref: 'refs/heads/feature/login'},
    defaultTags: ['feature-login'],
    typicalTags: ['feature-login', 'sha-860c190'],
    version: 'feature-login'
  },
  {
    name: 'push of tag v1.2.3',
    event: {event: 'push', ref: 'refs/tags/v1.2.3'},
    defaultTags: ['v1.2.3', 'latest'],
    typicalTags: ['1.2.3', '1.2', 'sha-860c190', 'latest'],
    version: '1.2.3'
  },
  {
    name: 'push of prerelease tag v2.0.8-beta.67',
    event: {event: 'push', ref: 'refs/tags/v2.0.8-beta.67'},
    defaultTags: ['v2.0.8-beta.67', 'latest'],
    typicalTags: ['2.0.8-beta.67', 'sha-860c190'],
    version: '2.0.8-beta.67'
  },
  {
    name: 'pull request from the same repository',
    event: {event: 'pull_request', ref: 'refs/pull/2/merge', payload: pullRequestPayload(2)},
    defaultTags: ['pr-2'],
    typicalTags: ['pr-2', 'sha-860c190'],
    version: 'pr-2'
  },
  {
    name: 'pull request from a fork',
    event: {event: 'pull_request', ref: 'refs/pull/3/merge', payload: pullRequestPayload(3, {fork: true})},
    defaultTags: ['pr-3'],
    typicalTags: ['pr-3', 'sha-860c190'],
    version: 'pr-3'
  },
  {
    name: 'pull_request_target from a fork (ref rewritten to the PR)',
    event: {event: 'pull_request_target', ref: 'refs/heads/main', payload: pullRequestPayload(4, {fork: true})},
    defaultTags: ['pr-4'],
    typicalTags: ['pr-4', 'sha-860c190'],
    version: 'pr-4'
  },
  {
    name: 'schedule',
    event: {event: 'schedule', ref: 'refs/heads/main', payload: {schedule: '0 3 * * *'}},
    defaultTags: ['nightly', 'main'],
    typicalTags: ['main', 'latest', 'sha-860c190'],
    version: 'main'
  },
  {
    name: 'release published',
    event: {event: 'release', ref: 'refs/tags/v1.2.3', payload: release},
    defaultTags: ['v1.2.3', 'latest'],
    typicalTags: ['1.2.3', '1.2', 'sha-860c190', 'latest'],
    version: '1.2.3'
  },
  {
    name: 'workflow_dispatch on the default branch',
    event: {event: 'workflow_dispatch', ref: 'refs/heads/main', payload: {inputs: {}}},
    defaultTags: ['main'],
    typicalTags: ['main', 'latest', 'sha-860c190'],
    version: 'main'
  }
];

describe('realistic events', () => {
  test.each(EVENTS)('$name with the default tags', ({event, defaultTags}) => {
    const result = run(event);
    expect(result.tags).toEqual(defaultTags.map(tag => `${IMAGE}:${tag}`));
    expect(result.warnings).toEqual([]);
  });

  test.each(EVENTS)('$name with the typical rule set', ({event, typicalTags, version}) => {
    const result = run({...event, tags: TYPICAL_RULES});
    expect(result.tags).toEqual(typicalTags.map(tag => `${IMAGE}:${tag}`));
    expect(result.labels).toContain(`org.opencontainers.image.revision=${SHA}`);
    expect(result.version.main).toBe(version);
  });

  test('the schedule version comes from type=schedule with the default tags', () => {
    expect(run({event: 'schedule', ref: 'refs/heads/main'}).version.main).toBe('nightly');
  });

  test('a pull request with DOCKER_METADATA_PR_HEAD_SHA tags and labels the head commit', () => {
    const result = run({
      event: 'pull_request',
      ref: 'refs/pull/2/merge',
      payload: pullRequestPayload(2),
      tags: TYPICAL_RULES,
      env: {DOCKER_METADATA_PR_HEAD_SHA: 'true'}
    });
    expect(result.tagNames).toEqual(['pr-2', `sha-${HEAD_SHA.slice(0, 7)}`]);
    expect(result.labels).toContain(`org.opencontainers.image.revision=${HEAD_SHA}`);
  });
});
