import {InputError} from '../../../../src/core/errors.js';
import {
  commitDateFromPayload,
  effectiveSha,
  metadataNow,
  metadataOutputEnvironment,
  metadataOutputs,
  metadataSettingsFrom,
  repositoryFromPayload
} from '../../../../src/core/metadata/index.js';
import {HEAD_SHA, makeContext, makeInputs, pullRequestPayload, REPO, run, SHA, thrown} from './fixtures.js';

describe('metadataSettingsFrom', () => {
  test('defaults', () => {
    expect(metadataSettingsFrom({})).toEqual({prHeadSha: false, shortShaLength: 7, annotationLevels: ['manifest']});
  });

  test.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['false', false],
    ['', false],
    ['1', false]
  ])('DOCKER_METADATA_PR_HEAD_SHA=%s', (value, expected) => {
    expect(metadataSettingsFrom({DOCKER_METADATA_PR_HEAD_SHA: value}).prHeadSha).toBe(expected);
  });

  test.each([
    ['12', 12],
    [' 9 ', 9],
    ['', 7],
    ['40', 40]
  ])('DOCKER_METADATA_SHORT_SHA_LENGTH=%j', (value, expected) => {
    expect(metadataSettingsFrom({DOCKER_METADATA_SHORT_SHA_LENGTH: value}).shortShaLength).toBe(expected);
  });

  test.each(['abc', '0', '-3', '7.5'])(
    'DOCKER_METADATA_SHORT_SHA_LENGTH=%s is rejected, naming the variable',
    value => {
      const error = thrown(() => metadataSettingsFrom({DOCKER_METADATA_SHORT_SHA_LENGTH: value}));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain('input "DOCKER_METADATA_SHORT_SHA_LENGTH"');
      expect(error.message).toContain(JSON.stringify(value));
      expect(error.message).toContain('positive whole number');
    }
  );

  test.each([
    ['manifest,index', ['manifest', 'index']],
    [' index ', ['index']],
    ['manifest-descriptor, index-descriptor', ['manifest-descriptor', 'index-descriptor']],
    ['', ['manifest']]
  ])('DOCKER_METADATA_ANNOTATIONS_LEVELS=%j', (value, expected) => {
    expect(metadataSettingsFrom({DOCKER_METADATA_ANNOTATIONS_LEVELS: value}).annotationLevels).toEqual(expected);
  });

  test('an unknown annotation level is rejected with the allowed list', () => {
    const error = thrown(() => metadataSettingsFrom({DOCKER_METADATA_ANNOTATIONS_LEVELS: 'manifest,indexes'}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('input "DOCKER_METADATA_ANNOTATIONS_LEVELS"');
    expect(error.message).toContain('unknown level "indexes"');
    expect(error.message).toContain('manifest, index, manifest-descriptor, index-descriptor');
  });
});

describe('metadataNow', () => {
  const clock = new Date('2024-05-06T07:08:09.000Z');

  test('is the clock without SOURCE_DATE_EPOCH', () => {
    expect(metadataNow({}, clock)).toBe(clock);
    expect(metadataNow({SOURCE_DATE_EPOCH: ''}, clock)).toBe(clock);
  });

  test('is SOURCE_DATE_EPOCH when set, for the created label and {{date}}', () => {
    const now = metadataNow({SOURCE_DATE_EPOCH: '1578616200'}, clock);
    expect(now.toISOString()).toBe('2020-01-10T00:30:00.000Z');
    const result = run({now, labels: ["build.day={{date 'YYYY-MM-DD'}}"]});
    expect(result.labels).toContain('org.opencontainers.image.created=2020-01-10T00:30:00.000Z');
    expect(result.labels).toContain('build.day=2020-01-10');
  });

  test.each(['soon', '1.5', '-1', '99999999999999999'])('rejects SOURCE_DATE_EPOCH=%s', value => {
    const error = thrown(() => metadataNow({SOURCE_DATE_EPOCH: value}, clock));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('input "SOURCE_DATE_EPOCH"');
    expect(error.message).toContain(JSON.stringify(value));
  });
});

describe('effectiveSha', () => {
  const on = {prHeadSha: true};
  const off = {prHeadSha: false};

  test.each([
    ['pull_request with the setting', 'pull_request', on, HEAD_SHA],
    ['pull_request_target with the setting', 'pull_request_target', on, HEAD_SHA],
    ['pull_request_review with the setting', 'pull_request_review', on, HEAD_SHA],
    ['pull_request without the setting', 'pull_request', off, SHA],
    ['push with the setting', 'push', on, SHA]
  ])('%s', (_name, event, settings, expected) => {
    expect(effectiveSha(makeContext({event, ref: 'refs/pull/2/merge', payload: pullRequestPayload(2)}), settings)).toBe(
      expected
    );
  });

  test('type=sha and {{sha}} follow the PR head with DOCKER_METADATA_PR_HEAD_SHA', () => {
    const options = {
      event: 'pull_request',
      ref: 'refs/pull/2/merge',
      payload: pullRequestPayload(2),
      tags: ['type=sha', 'type=raw,value=x-{{sha}}']
    };
    expect(run(options).tagNames).toEqual(['x-860c190', 'sha-860c190']);
    expect(run({...options, env: {DOCKER_METADATA_PR_HEAD_SHA: 'true'}}).tagNames).toEqual([
      'x-3e4b9f0',
      'sha-3e4b9f0'
    ]);
  });
});

describe('commitDateFromPayload', () => {
  const commits = [
    {id: 'f'.repeat(40), timestamp: '2020-01-01T00:00:00Z'},
    {id: SHA, timestamp: '2020-01-08T16:04:05+01:00'}
  ];

  test('takes the matching entry of commits', () => {
    expect(commitDateFromPayload(makeContext({payload: {commits}}))?.toISOString()).toBe('2020-01-08T15:04:05.000Z');
  });

  test('falls back to head_commit when it is the commit', () => {
    const payload = {commits: [], head_commit: {id: SHA, timestamp: '2020-01-09T10:00:00Z'}};
    expect(commitDateFromPayload(makeContext({payload}))?.toISOString()).toBe('2020-01-09T10:00:00.000Z');
  });

  test('is undefined when the payload does not know the commit', () => {
    expect(
      commitDateFromPayload(makeContext({payload: {head_commit: {id: HEAD_SHA, timestamp: '2020-01-09T10:00:00Z'}}}))
    ).toBeUndefined();
    expect(
      commitDateFromPayload(makeContext({payload: {commits: [{id: SHA, timestamp: 'yesterday'}]}}))
    ).toBeUndefined();
    expect(commitDateFromPayload(makeContext())).toBeUndefined();
  });

  test('can look up another sha, e.g. the PR head', () => {
    const payload = {commits: [{id: HEAD_SHA, timestamp: '2020-01-07T00:00:00Z'}]};
    expect(commitDateFromPayload(makeContext({payload}), HEAD_SHA)?.toISOString()).toBe('2020-01-07T00:00:00.000Z');
  });
});

describe('repositoryFromPayload', () => {
  test('reads the payload repository in the REST shape', () => {
    expect(repositoryFromPayload(makeContext())).toEqual({...REPO, private: false, visibility: 'public'});
  });

  test('tolerates missing optional fields', () => {
    expect(
      repositoryFromPayload(
        makeContext({payload: {repository: {name: 'Hello-World', description: null, license: null}}})
      )
    ).toEqual({
      name: 'Hello-World',
      description: null,
      html_url: 'https://github.com/Octo-Org/Hello-World',
      default_branch: '',
      license: null
    });
  });

  test('is undefined without a repository object', () => {
    expect(repositoryFromPayload(makeContext({payload: {repository: undefined}}))).toBeUndefined();
    expect(repositoryFromPayload(makeContext({payload: {repository: 'Octo-Org/Hello-World'}}))).toBeUndefined();
  });
});

describe('outputs', () => {
  const metadata = run({
    ref: 'refs/tags/v1.2.3',
    images: ['ghcr.io/octo-org/a', 'ghcr.io/octo-org/b'],
    annotations: ['x=1']
  });

  test('are joined with the separators', () => {
    const outputs = metadataOutputs(metadata, {...makeInputs(), sepTags: ',', sepLabels: ';', sepAnnotations: '|'});
    expect(outputs.version).toBe('v1.2.3');
    expect(outputs.tags).toBe(
      'ghcr.io/octo-org/a:v1.2.3,ghcr.io/octo-org/a:latest,ghcr.io/octo-org/b:v1.2.3,ghcr.io/octo-org/b:latest'
    );
    expect(outputs['tag-names']).toBe('v1.2.3,latest');
    expect(outputs.labels.split(';')).toEqual(metadata.labels);
    expect(outputs.annotations.split('|')).toEqual(metadata.annotations);
    expect(JSON.parse(outputs.json)).toEqual(metadata.json);
  });

  test('version is empty when none was generated', () => {
    expect(metadataOutputs(run({tags: ['type=schedule']}), makeInputs()).version).toBe('');
  });

  test('are exported as DOCKER_METADATA_OUTPUT_* variables', () => {
    const outputs = metadataOutputs(metadata, makeInputs());
    expect(metadataOutputEnvironment(outputs)).toEqual({
      DOCKER_METADATA_OUTPUT_VERSION: outputs.version,
      DOCKER_METADATA_OUTPUT_TAGS: outputs.tags,
      DOCKER_METADATA_OUTPUT_TAG_NAMES: outputs['tag-names'],
      DOCKER_METADATA_OUTPUT_LABELS: outputs.labels,
      DOCKER_METADATA_OUTPUT_ANNOTATIONS: outputs.annotations,
      DOCKER_METADATA_OUTPUT_JSON: outputs.json
    });
    expect(metadataOutputEnvironment({'bake-file.x': 'y'})).toEqual({DOCKER_METADATA_OUTPUT_BAKE_FILE_X: 'y'});
  });
});
