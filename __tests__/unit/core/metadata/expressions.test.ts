import {HEAD_SHA, pullRequestPayload, run, thrown, type RunOptions} from './fixtures.js';

/** Renders one expression through a custom label, which is not sanitized, so the raw result shows. */
function render(expression: string, options: RunOptions = {}): string {
  const labels = run({...options, labels: [`probe=${expression}`]}).labels;
  const probe = labels.find(label => label.startsWith('probe='));
  return probe?.slice('probe='.length) ?? '(missing)';
}

const PUSH_MAIN: RunOptions = {event: 'push', ref: 'refs/heads/main'};
const PUSH_BRANCH: RunOptions = {event: 'push', ref: 'refs/heads/my/feature'};
const PUSH_TAG: RunOptions = {event: 'push', ref: 'refs/tags/v1.2.3', payload: {base_ref: 'refs/heads/main'}};
const PULL_REQUEST: RunOptions = {
  event: 'pull_request',
  ref: 'refs/pull/2/merge',
  payload: pullRequestPayload(2, {base: 'develop'})
};

describe('global expressions', () => {
  test.each([
    ['{{branch}}', PUSH_MAIN, 'main'],
    ['{{branch}}', PUSH_BRANCH, 'my/feature'],
    ['{{branch}}', PUSH_TAG, ''],
    ['{{branch}}', PULL_REQUEST, ''],
    ['{{tag}}', PUSH_TAG, 'v1.2.3'],
    ['{{tag}}', PUSH_MAIN, ''],
    ['{{tag}}', PULL_REQUEST, ''],
    ['{{sha}}', PUSH_MAIN, '860c190'],
    ['{{base_ref}}', PULL_REQUEST, 'develop'],
    ['{{base_ref}}', PUSH_TAG, 'main'],
    ['{{base_ref}}', {...PUSH_TAG, payload: {base_ref: null}}, ''],
    ['{{base_ref}}', PUSH_MAIN, ''],
    ['{{branch}}-{{sha}}-{{unknown}}', PUSH_MAIN, 'main-860c190-'],
    ["{{{branch 'ignored'}}}", PUSH_BRANCH, 'my/feature']
  ])('%s on %j', (expression, options, expected) => {
    expect(render(expression, options)).toBe(expected);
  });

  test('{{sha}} follows DOCKER_METADATA_SHORT_SHA_LENGTH and the PR head sha setting', () => {
    expect(render('{{sha}}', {env: {DOCKER_METADATA_SHORT_SHA_LENGTH: '10'}})).toBe('860c1904a1');
    expect(render('{{sha}}', {...PULL_REQUEST, env: {DOCKER_METADATA_PR_HEAD_SHA: 'true'}})).toBe(HEAD_SHA.slice(0, 7));
    expect(render('{{sha}}', PULL_REQUEST)).toBe('860c190');
  });
});

describe('{{is_default_branch}}', () => {
  test.each([
    ['a push to the default branch', PUSH_MAIN, 'true'],
    ['a push to another branch', PUSH_BRANCH, 'false'],
    ['a tag push', PUSH_TAG, 'false'],
    ['a pull request into the default branch', {...PULL_REQUEST, payload: pullRequestPayload(2)}, 'false'],
    ['workflow_dispatch on the default branch', {event: 'workflow_dispatch', ref: 'refs/heads/main'}, 'true'],
    ['workflow_dispatch on another branch', {event: 'workflow_dispatch', ref: 'refs/heads/dev'}, 'false'],
    ['a schedule', {event: 'schedule', ref: 'refs/heads/dev'}, 'true'],
    ['a tag created (create event)', {event: 'create', ref: 'refs/tags/v1'}, 'true'],
    ['an issues event', {event: 'issues', ref: 'refs/heads/dev'}, 'true'],
    ['an issue_comment event', {event: 'issue_comment', ref: 'refs/heads/dev'}, 'false'],
    ['a discussion_comment event', {event: 'discussion_comment', ref: 'refs/heads/dev'}, 'true'],
    ['an empty ref', {event: 'schedule', ref: ''}, 'false'],
    [
      'a payload default branch that differs from the API',
      {...PUSH_BRANCH, payload: {repository: {default_branch: 'my/feature'}}},
      'true'
    ]
  ])('%s', (_name, options, expected) => {
    expect(render('{{is_default_branch}}', options)).toBe(expected);
    expect(render('{{is_not_default_branch}}', options)).toBe(expected === 'true' ? 'false' : 'true');
  });

  test('falls back to the repository default branch when the payload has no repository', () => {
    expect(render('{{is_default_branch}}', {...PUSH_MAIN, payload: {repository: undefined}})).toBe('true');
  });
});

describe('{{date}} and {{commit_date}}', () => {
  test.each([
    ["{{date 'YYYYMMDD'}}", '20200110'],
    ["{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", '20200110-093000'],
    ["{{date 'dddd, MMMM Do YYYY, h:mm:ss a'}}", 'Friday, January 10th 2020, 12:30:00 am'],
    ["{{{date 'YYYY-MM-DDTHH:mm:ssZ' tz='America/New_York'}}}", '2020-01-09T19:30:00-05:00'],
    ["{{commit_date 'YYYY-MM-DDTHH:mm:ss.SSS[Z]'}}", '2020-01-08T15:04:05.000Z'],
    ["{{commit_date 'YYYYMMDD-HHmm' tz='America/New_York'}}", '20200108-1004'],
    ['{{date "YYYY"}}-{{commit_date \'DD\'}}', '2020-08']
  ])('%s', (expression, expected) => {
    expect(render(expression)).toBe(expected);
  });

  test('{{date}} uses the given now (SOURCE_DATE_EPOCH is applied by metadataNow)', () => {
    expect(render("{{date 'X'}}", {now: new Date('2021-02-03T04:05:06Z')})).toBe('1612325106');
  });
});

describe('an unquoted date format, rendered as docker/metadata-action renders it', () => {
  // Handlebars reads the bare word as a missing value; moment then formats with its default.
  test('{{date YYYYMMDD}} gives the default UTC format and a warning with the quoted form', () => {
    const metadata = run({labels: ['probe={{date YYYYMMDD}}']});
    expect(metadata.labels).toContain('probe=2020-01-10T00:30:00Z');
    expect(metadata.warnings).toEqual([
      'labels rule "probe={{date YYYYMMDD}}" (line 1): {{date YYYYMMDD}} reads YYYYMMDD as a missing value, not as ' +
        "a format, so the date is rendered in moment's default format (YYYY-MM-DDTHH:mm:ssZ), as docker/metadata-action " +
        "does; write {{date 'YYYYMMDD'}} for that format"
    ]);
  });

  test('{{commit_date YYYY-MM-DD}} in another time zone keeps its offset', () => {
    expect(render("{{commit_date YYYY-MM-DD tz='Asia/Tokyo'}}")).toBe('2020-01-09T00:04:05+09:00');
  });

  test('in a tag the result is sanitized as every tag is (":" becomes "-"), with the warning', () => {
    const metadata = run({tags: ['type=raw,value={{commit_date YYYY-MM-DD}}']});
    expect(metadata.tags).toEqual(['ghcr.io/octo-org/hello-world:2020-01-08T15-04-05Z']);
    expect(metadata.warnings).toEqual([expect.stringContaining("write {{commit_date 'YYYY-MM-DD'}} for that format")]);
  });

  test('a number, two formats or none still fail, as they do in metadata-action', () => {
    for (const expression of ['{{date 20200101}}', "{{date 'YYYY' 'MM'}}", '{{date}}']) {
      expect(thrown(() => run({labels: [`probe=${expression}`]})).message).toMatch(/takes exactly one quoted format/);
    }
  });
});
