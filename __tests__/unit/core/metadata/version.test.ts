import {InputError} from '../../../../src/core/errors.js';
import {run, tagNames, thrown} from './fixtures.js';

const TAG_PUSH = {ref: 'refs/tags/v1.2.3'};
const SEMVER_RULES = ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}'];

describe('defaults when tags is empty', () => {
  test.each([
    ['a branch push', {ref: 'refs/heads/main'}, ['main']],
    ['a tag push', TAG_PUSH, ['v1.2.3', 'latest']],
    ['a pull request', {event: 'pull_request', ref: 'refs/pull/5/merge'}, ['pr-5']],
    ['a schedule', {event: 'schedule', ref: 'refs/heads/main'}, ['nightly', 'main']]
  ])('%s', (_name, event, expected) => {
    expect(tagNames(event)).toEqual(expected);
  });
});

describe('priority', () => {
  test('higher priority comes first and becomes the version, whatever the input order', () => {
    const result = run({
      ref: 'refs/heads/main',
      tags: ['type=sha', 'type=raw,value=late', 'type=ref,event=branch', 'type=schedule']
    });
    expect(result.tagNames).toEqual(['main', 'late', 'sha-860c190']);
    expect(result.version).toEqual({main: 'main', partial: ['late', 'sha-860c190'], latest: false});
  });

  test('an explicit priority overrides the type default', () => {
    expect(tagNames({tags: ['type=ref,event=branch', 'type=sha,priority=601']})).toEqual(['sha-860c190', 'main']);
  });

  test('equal priorities keep input order (stable sort)', () => {
    expect(tagNames({tags: ['type=raw,value=b', 'type=raw,value=a', 'type=raw,value=c']})).toEqual(['b', 'a', 'c']);
  });

  test('priority may be negative or fractional', () => {
    expect(
      tagNames({tags: ['type=raw,value=low,priority=-1', 'type=raw,value=mid,priority=0.5', 'type=raw,value=top']})
    ).toEqual(['top', 'mid', 'low']);
  });
});

describe('version and latest', () => {
  test('duplicate values are dropped, keeping the first', () => {
    expect(
      run({
        ref: 'refs/tags/v2.0.8-beta.67',
        tags: [...SEMVER_RULES, 'type=semver,pattern={{major}}', 'type=ref,event=tag']
      }).version
    ).toEqual({main: '2.0.8-beta.67', partial: ['v2.0.8-beta.67'], latest: false});
  });

  test('under latest=auto the first rule that produces a value decides', () => {
    // raw outranks semver here, and raw never asks for latest.
    expect(tagNames({...TAG_PUSH, tags: ['type=raw,value=first,priority=1000', ...SEMVER_RULES]})).toEqual([
      'first',
      '1.2.3',
      '1.2'
    ]);
    // a disabled or silent rule does not count.
    expect(
      tagNames({
        ...TAG_PUSH,
        tags: ['type=raw,value=x,priority=1000,enable=false', 'type=ref,event=branch,priority=999', ...SEMVER_RULES]
      })
    ).toEqual(['1.2.3', '1.2', 'latest']);
  });

  test.each([
    ['latest=true adds latest to a branch build', ['latest=true'], {ref: 'refs/heads/main'}, ['main', 'latest']],
    ['latest=false removes it from a release', ['latest=false'], TAG_PUSH, ['1.2.3', '1.2']],
    ['latest=auto is the default', ['latest=auto'], TAG_PUSH, ['1.2.3', '1.2', 'latest']]
  ])('%s', (_name, flavor, event, expected) => {
    expect(tagNames({...event, flavor, tags: ['type=ref,event=branch', ...SEMVER_RULES]})).toEqual(expected);
  });

  test('latest=true without any version gives no tag at all', () => {
    const result = run({ref: 'refs/heads/main', flavor: ['latest=true'], tags: SEMVER_RULES});
    expect(result.tags).toEqual([]);
    expect(result.version).toEqual({main: undefined, partial: [], latest: false});
    expect(result.warnings).toEqual([
      expect.stringContaining('No image version was generated for push on refs/heads/main'),
      'No tag was generated. Check the tags input.'
    ]);
  });

  test('a rule producing "latest" and latest=true do not push the tag twice', () => {
    expect(tagNames({flavor: ['latest=true'], tags: ['type=raw,value=latest']})).toEqual(['latest']);
  });

  test('the recommended default-branch latest rule', () => {
    const rules = ['type=ref,event=branch', 'type=raw,value=latest,enable={{is_default_branch}}'];
    expect(tagNames({ref: 'refs/heads/main', tags: rules})).toEqual(['main', 'latest']);
    expect(tagNames({ref: 'refs/heads/dev', tags: rules})).toEqual(['dev']);
  });
});

describe('prefix and suffix', () => {
  test('the flavor prefix and suffix apply to every generated tag but not to latest', () => {
    expect(tagNames({...TAG_PUSH, flavor: ['prefix=app-', 'suffix=-alpine'], tags: SEMVER_RULES})).toEqual([
      'app-1.2.3-alpine',
      'app-1.2-alpine',
      'latest'
    ]);
  });

  test('onlatest=true extends them to latest', () => {
    expect(
      tagNames({...TAG_PUSH, flavor: ['prefix=app-,onlatest=true', 'suffix=-alpine,onlatest=true'], tags: SEMVER_RULES})
    ).toEqual(['app-1.2.3-alpine', 'app-1.2-alpine', 'app-latest-alpine']);
    expect(tagNames({...TAG_PUSH, flavor: ['suffix=-slim,onlatest=true'], tags: ['type=ref,event=tag']})).toEqual([
      'v1.2.3-slim',
      'latest-slim'
    ]);
  });

  test('a rule prefix or suffix, even empty, replaces the flavor one', () => {
    const flavor = ['prefix=app-', 'suffix=-alpine'];
    expect(tagNames({flavor, tags: ['type=ref,event=branch,prefix=', 'type=raw,value=x,suffix=-debian']})).toEqual([
      'main-alpine',
      'app-x-debian'
    ]);
  });

  test('the default sha- and pr- prefixes also replace the flavor prefix', () => {
    expect(tagNames({flavor: ['prefix=app-', 'suffix=-alpine'], tags: ['type=sha']})).toEqual(['sha-860c190-alpine']);
    expect(
      tagNames({event: 'pull_request', ref: 'refs/pull/4/merge', flavor: ['prefix=app-'], tags: ['type=ref,event=pr']})
    ).toEqual(['pr-4']);
  });

  test('prefixes and suffixes are rendered with global expressions', () => {
    expect(
      tagNames({flavor: ['suffix=-{{sha}}'], tags: ['type=ref,event=branch', 'type=raw,value=x,prefix={{branch}}-']})
    ).toEqual(['main-860c190', 'main-x-860c190']);
  });
});

describe('enable', () => {
  test.each([
    ['enable=true', ['x']],
    ['enable=false', []],
    ['enable={{is_default_branch}}', ['x']],
    ['enable={{is_not_default_branch}}', []]
  ])('%s', (attribute, expected) => {
    expect(tagNames({tags: [`type=raw,value=x,${attribute}`]})).toEqual(expected);
  });

  test.each(['True', 'yes', '1', '{{branch}}'])('enable=%s must render to exactly true or false', value => {
    const error = thrown(() => run({tags: ['type=sha', `type=raw,value=x,enable=${value}`]}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('input "tags", line 2');
    expect(error.message).toContain(`type=raw,value=x,enable=${value}`);
    expect(error.message).toContain('enable must be exactly true or false');
  });
});

describe('sanitization', () => {
  test.each([
    ['type=raw,value=a  b//c', ['a-b-c']],
    ['type=raw,value=ok_.-chars', ['ok_.-chars']],
    ['type=raw,value=xünïcode', ['x-n-code']]
  ])('%s', (rule, expected) => {
    expect(tagNames({tags: [rule]})).toEqual(expected);
  });

  test('expressions are HTML-escaped before sanitizing, as Handlebars does in metadata-action', () => {
    const ref = 'refs/heads/fix/a=b';
    expect(tagNames({ref, tags: ['type=ref,event=branch', 'type=raw,value={{branch}}']})).toEqual([
      'fix-a-b',
      'fix-a-x3D-b'
    ]);
  });
});

describe('OCI tag grammar', () => {
  test.each([
    ['a leading dash', 'type=raw,value=-nightly', '-nightly'],
    ['a leading dot', 'type=raw,value=.hidden', '.hidden'],
    ['129 characters', `type=raw,value=${'a'.repeat(129)}`, 'a'.repeat(129)]
  ])('a tag with %s fails, naming the input, line, rule and tag', (_name, rule, tag) => {
    const error = thrown(() => run({tags: ['type=ref,event=branch', rule]}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('input "tags", line 2');
    expect(error.message).toContain(`tag "${tag}" is not a valid OCI tag`);
    expect(error.message).toContain(JSON.stringify(rule).slice(0, 100));
  });

  test('128 characters and a leading underscore are fine', () => {
    expect(tagNames({tags: [`type=raw,value=${'a'.repeat(128)}`, 'type=raw,value=_x']})).toEqual([
      'a'.repeat(128),
      '_x'
    ]);
  });

  test('a flavor prefix that breaks latest names the flavor line', () => {
    const error = thrown(() =>
      run({...TAG_PUSH, flavor: ['latest=auto', 'prefix=-,onlatest=true'], tags: ['type=ref,event=tag,prefix=v']})
    );
    expect(error.message).toContain('input "flavor", line 2');
    expect(error.message).toContain('tag "-latest"');
  });
});
