import {IMAGE, SHA, run, tagNames} from './fixtures.js';

const TAG = (name: string) => `refs/tags/${name}`;
const BRANCH = (name: string) => `refs/heads/${name}`;

describe('type=semver', () => {
  test.each([
    ['v1.2.3', '{{raw}}', ['v1.2.3', 'latest']],
    ['v1.2.3', '{{version}}', ['1.2.3', 'latest']],
    ['v1.2.3', '{{major}}.{{minor}}', ['1.2', 'latest']],
    ['v1.2.3', 'v{{major}}', ['v1', 'latest']],
    ['v1.2.3', '{{minor}}', ['2', 'latest']],
    ['v1.2.3', '{{patch}}', ['3', 'latest']],
    ['1.2.3', '{{raw}}', ['1.2.3', 'latest']],
    ['v1.2.3+build.5', '{{raw}}', ['v1.2.3-build.5', 'latest']],
    ['v1.2.3+build.5', '{{version}}', ['1.2.3', 'latest']],
    // Prereleases only keep {{raw}} or else become {{version}}, and never get latest.
    ['v2.0.8-beta.67', '{{raw}}', ['v2.0.8-beta.67']],
    ['v2.0.8-beta.67', '{{version}}', ['2.0.8-beta.67']],
    ['v2.0.8-beta.67', '{{major}}.{{minor}}', ['2.0.8-beta.67']],
    ['v2.0.8-beta.67', 'v{{raw}}', ['2.0.8-beta.67']],
    ['v2.0.8-rc.1', '{{major}}', ['2.0.8-rc.1']]
  ])('tag %s with pattern %s', (tag, pattern, expected) => {
    expect(tagNames({ref: TAG(tag), tags: [`type=semver,pattern=${pattern}`]})).toEqual(expected);
  });

  test('the usual trio of patterns gives version, major.minor, major and latest', () => {
    const tags = [
      'type=semver,pattern={{version}}',
      'type=semver,pattern={{major}}.{{minor}}',
      'type=semver,pattern={{major}}'
    ];
    expect(tagNames({ref: TAG('v1.2.3'), tags})).toEqual(['1.2.3', '1.2', '1', 'latest']);
    expect(tagNames({ref: TAG('v2.0.8-beta.67'), tags})).toEqual(['2.0.8-beta.67']);
  });

  test('fires on any event with value=, and a release value still means latest', () => {
    expect(tagNames({ref: BRANCH('main'), tags: ['type=semver,pattern={{version}},value=v1.0.0']})).toEqual([
      '1.0.0',
      'latest'
    ]);
  });

  test('value= is rendered with global expressions', () => {
    expect(tagNames({ref: TAG('v3.4.5'), tags: ['type=semver,pattern={{major}},value={{tag}}']})).toEqual([
      '3',
      'latest'
    ]);
  });

  test('does nothing on branches without value=', () => {
    const result = run({ref: BRANCH('main'), tags: ['type=semver,pattern={{version}}']});
    expect(result.tags).toEqual([]);
    expect(result.version.main).toBeUndefined();
  });

  test.each(['release-1', 'v1.2', 'v01.2.3', '1.2.3.4'])('warns and skips the invalid semver tag %s', tag => {
    const result = run({ref: TAG(tag), tags: ['type=semver,pattern={{version}}']});
    expect(result.tags).toEqual([]);
    expect(result.warnings.join('\n')).toContain(`"${tag}" is not a valid semantic version`);
    expect(result.warnings.join('\n')).toContain('line 1');
  });

  test('match= extracts the version from group 1, from the tag as pushed or with / turned into -', () => {
    expect(tagNames({ref: TAG('app/v1.2.3'), tags: ['type=semver,pattern={{version}},match=app/v(.*)']})).toEqual([
      '1.2.3',
      'latest'
    ]);
    expect(tagNames({ref: TAG('app/v1.2.3'), tags: ['type=semver,pattern={{version}},match=app-v(.*)']})).toEqual([
      '1.2.3',
      'latest'
    ]);
  });

  test('match= that does not match warns and skips', () => {
    const result = run({ref: TAG('v1.2.3'), tags: ['type=semver,pattern={{version}},match=app-v(.*)']});
    expect(result.tags).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/does not capture a version in "v1\.2\.3"/);
  });

  test('patterns see the SemVer fields, arrays joined with commas', () => {
    expect(tagNames({ref: TAG('v1.2.3+linux.amd64'), tags: ['type=semver,pattern={{build}}']})).toEqual([
      'linux-amd64',
      'latest'
    ]);
  });
});

describe('type=pep440', () => {
  test.each([
    ['1.2.3', '{{raw}}', ['1.2.3', 'latest']],
    ['1.2.3', '{{version}}', ['1.2.3', 'latest']],
    ['v1.2.3', '{{version}}', ['1.2.3', 'latest']],
    ['1.2.3', '{{major}}.{{minor}}', ['1.2', 'latest']],
    ['1.2.3', 'v{{major}}', ['v1', 'latest']],
    ['1.2', '{{patch}}', ['0', 'latest']],
    ['1.2.3+ubuntu.1', '{{version}}', ['1.2.3-ubuntu.1', 'latest']],
    ['v1.2.3rc2', '{{raw}}', ['v1.2.3rc2']],
    ['1.2.3rc2', '{{version}}', ['1.2.3rc2']],
    ['1.2.3rc2', '{{major}}.{{minor}}', ['1.2.3rc2']],
    ['1.2.3post1', '{{major}}.{{minor}}', ['1.2.3.post1']],
    ['1.2.3beta2', '{{major}}.{{minor}}', ['1.2.3b2']],
    ['1.0dev4', '{{major}}.{{minor}}', ['1.0.dev4']]
  ])('tag %s with pattern %s', (tag, pattern, expected) => {
    expect(tagNames({ref: TAG(tag), tags: [`type=pep440,pattern=${pattern}`]})).toEqual(expected);
  });

  test('value= works on any event', () => {
    expect(tagNames({ref: BRANCH('main'), tags: ['type=pep440,pattern={{version}},value=1.0.0']})).toEqual([
      '1.0.0',
      'latest'
    ]);
  });

  test('warns and skips a tag that is not PEP 440', () => {
    const result = run({ref: TAG('1.2.3-beta.x'), tags: ['type=pep440,pattern={{version}}']});
    expect(result.tags).toEqual([]);
    expect(result.warnings.join('\n')).toContain('"1.2.3-beta.x" is not a valid PEP 440 version');
  });
});

describe('type=match', () => {
  test.each([
    ['v1.2.3', String.raw`\d.\d.\d`, '0', ['1.2.3', 'latest']],
    ['v2.0.8-beta.67', 'v(.*)', '1', ['2.0.8-beta.67', 'latest']],
    ['v2.0.8-beta.67', String.raw`v(\d.\d)`, '1', ['2.0', 'latest']],
    ['20200110-RC2', String.raw`\d+`, '0', ['20200110', 'latest']],
    ['p1/v1.2.3', String.raw`p1/v(\d.\d.\d)`, '1', ['1.2.3', 'latest']],
    ['p1/v1.2.3', String.raw`p1-v(\d.\d.\d)`, '1', ['1.2.3', 'latest']],
    ['Release-7', '/release-(\\d+)/i', '1', ['7', 'latest']]
  ])('tag %s, pattern %s, group %s', (tag, pattern, group, expected) => {
    expect(tagNames({ref: TAG(tag), tags: [`type=match,pattern=${pattern},group=${group}`]})).toEqual(expected);
  });

  test('group defaults to the whole match', () => {
    expect(tagNames({ref: TAG('v10.4'), tags: [String.raw`type=match,pattern=\d+\.\d+`]})).toEqual(['10.4', 'latest']);
  });

  test('a pattern with a comma is written as a quoted field', () => {
    expect(tagNames({ref: TAG('v123.4'), tags: [String.raw`type=match,"pattern=v(\d{1,3})\.",group=1`]})).toEqual([
      '123',
      'latest'
    ]);
  });

  test('value= is matched instead of the tag, on any event', () => {
    expect(tagNames({ref: BRANCH('main'), tags: ['type=match,pattern=v(.*),group=1,value=v9.9']})).toEqual([
      '9.9',
      'latest'
    ]);
  });

  test('warns when the pattern does not match or the group does not exist', () => {
    const noMatch = run({ref: TAG('v1.2.3'), tags: ['type=match,pattern=^release']});
    expect(noMatch.tags).toEqual([]);
    expect(noMatch.warnings.join('\n')).toContain('does not match "v1.2.3"');
    const noGroup = run({ref: TAG('v1.2.3'), tags: ['type=match,pattern=v(1)|(x),group=2']});
    expect(noGroup.tags).toEqual([]);
    expect(noGroup.warnings.join('\n')).toContain('has no group 2');
  });
});

describe('type=edge', () => {
  test.each([
    ['the default branch', 'type=edge', BRANCH('main'), ['edge']],
    ['another branch', 'type=edge', BRANCH('dev'), []],
    ['a tag', 'type=edge', TAG('v1.0.0'), []],
    ['its own branch=', 'type=edge,branch=dev', BRANCH('dev'), ['edge']],
    ['branch= other than the pushed one', 'type=edge,branch=dev', BRANCH('main'), []]
  ])('on %s', (_name, rule, ref, expected) => {
    expect(tagNames({ref, tags: [rule]})).toEqual(expected);
  });
});

describe('type=ref', () => {
  test.each([
    ['branch', BRANCH('master'), ['master']],
    ['branch', BRANCH('my/branch'), ['my-branch']],
    ['branch', BRANCH('feature/login#1245'), ['feature-login-1245']],
    ['branch', TAG('v1.2.3'), []],
    ['tag', TAG('v1.2.3'), ['v1.2.3', 'latest']],
    ['tag', TAG('v2.0.8-beta.67'), ['v2.0.8-beta.67', 'latest']],
    ['tag', TAG('app/v1'), ['app-v1', 'latest']],
    ['tag', BRANCH('main'), []],
    ['pr', 'refs/pull/2/merge', ['pr-2']],
    ['pr', 'refs/pull/2/head', ['pr-2-head']],
    ['pr', BRANCH('main'), []]
  ])('event=%s on %s', (event, ref, expected) => {
    expect(tagNames({ref, event: event === 'pr' ? 'pull_request' : 'push', tags: [`type=ref,event=${event}`]})).toEqual(
      expected
    );
  });

  test('event=pr keeps its pr- prefix unless the rule sets one', () => {
    expect(
      tagNames({event: 'pull_request', ref: 'refs/pull/7/merge', tags: ['type=ref,event=pr,prefix=review-']})
    ).toEqual(['review-7']);
    expect(tagNames({event: 'pull_request', ref: 'refs/pull/7/merge', tags: ['type=ref,event=pr,prefix=']})).toEqual([
      '7'
    ]);
  });
});

describe('type=raw', () => {
  test.each([
    ['type=raw,value=foo', ['foo']],
    ['type=raw,foo', ['foo']],
    ['foo', ['foo']],
    ['value=foo', ['foo']],
    ['type=raw,value=My Tag!', ['My-Tag-']],
    ['type=raw,value={{branch}}-{{sha}}', ['main-860c190']],
    ['type=raw,value=', []],
    ['type=raw,value={{tag}}', []]
  ])('%s', (rule, expected) => {
    expect(tagNames({tags: [rule]})).toEqual(expected);
  });
});

describe('type=sha', () => {
  test.each([
    ['type=sha', {}, ['sha-860c190']],
    ['type=sha,format=long', {}, [`sha-${SHA}`]],
    ['type=sha,prefix=', {}, ['860c190']],
    ['type=sha,prefix=git-,suffix=-x', {}, ['git-860c190-x']],
    ['type=sha', {DOCKER_METADATA_SHORT_SHA_LENGTH: '12'}, ['sha-860c1904a1ce']],
    ['type=sha', {DOCKER_METADATA_SHORT_SHA_LENGTH: '40'}, [`sha-${SHA}`]],
    ['type=sha', {DOCKER_METADATA_SHORT_SHA_LENGTH: '64'}, [`sha-${SHA}`]]
  ])('%s with %j', (rule, env, expected) => {
    expect(tagNames({tags: [rule], env})).toEqual(expected);
  });

  test('produces nothing without a sha', () => {
    expect(tagNames({sha: '', tags: ['type=sha']})).toEqual([]);
  });
});

describe('type=schedule', () => {
  test.each([
    ['type=schedule', ['nightly']],
    ['type=schedule,pattern=nightly', ['nightly']],
    ["type=schedule,pattern={{date 'YYYYMMDD'}}", ['20200110']],
    ["type=schedule,pattern={{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", ['20200110-093000']],
    ["type=schedule,pattern={{commit_date 'YYYY.MM.DD'}}", ['2020.01.08']],
    // Only the date helpers exist in schedule patterns.
    ['type=schedule,pattern=n-{{branch}}', ['n-']]
  ])('%s on a schedule', (rule, expected) => {
    expect(tagNames({event: 'schedule', tags: [rule]})).toEqual(expected);
  });

  test('does nothing on other events', () => {
    expect(tagNames({event: 'push', tags: ['type=schedule']})).toEqual([]);
  });
});

describe('tags across images', () => {
  test('every enabled image gets every tag, images lowercased and tags kept as written', () => {
    const result = run({
      images: ['ghcr.io/Octo-Org/App', 'name=ghcr.io/octo-org/mirror,enable=false', 'name=ghcr.io/octo-org/Other'],
      tags: ['type=raw,value=Stable', 'type=sha']
    });
    expect(result.tags).toEqual([
      'ghcr.io/octo-org/app:Stable',
      'ghcr.io/octo-org/app:sha-860c190',
      'ghcr.io/octo-org/other:Stable',
      'ghcr.io/octo-org/other:sha-860c190'
    ]);
    expect(result.tagNames).toEqual(['Stable', 'sha-860c190']);
  });

  test('without images the tags go to the repository on ghcr.io', () => {
    expect(run({tags: ['type=ref,event=branch']}).tags).toEqual([`${IMAGE}:main`]);
  });
});
