import {InputError} from '../../../../src/core/errors.js';
import {run, thrown, type RunOptions} from './fixtures.js';

/** Every malformed rule fails with an InputError naming the input, the line and the value as written. */
function expectInputError(options: RunOptions, input: string, line: number, value: string, problem: RegExp): void {
  const error = thrown(() => run(options));
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).input).toBe(input);
  expect((error as InputError).line).toBe(line);
  expect((error as InputError).value).toBe(value);
  expect(error.message).toContain(`input "${input}", line ${line}`);
  expect(error.message).toContain(JSON.stringify(value));
  expect(error.message).toMatch(problem);
}

describe('tag rule errors', () => {
  test.each([
    ['an unknown type', 'type=semvar,pattern={{version}}', /unknown tag type "semvar".*type=semver/],
    ['a type in the wrong case', 'type=Semver,pattern={{version}}', /unknown tag type "Semver"/],
    ['semver without pattern', 'type=semver', /type=semver needs a pattern attribute/],
    ['pep440 without pattern', 'type=pep440,value=1.0', /type=pep440 needs a pattern attribute/],
    ['match without pattern', 'type=match,group=1', /type=match needs a pattern attribute/],
    ['ref without event', 'type=ref', /needs an event attribute/],
    ['ref with an unknown event', 'type=ref,event=release', /unknown ref event "release"/],
    ['raw without value', 'type=raw,prefix=x', /type=raw needs a value attribute/],
    ['an unknown sha format', 'type=sha,format=medium', /unknown sha format "medium"/],
    ['a non-numeric group', 'type=match,pattern=v(.*),group=one', /match group "one" is not a number/],
    ['an invalid regular expression', 'type=match,pattern=v(.*', /not a valid regular expression/],
    ['invalid regex flags', 'type=match,pattern=/v(.*)/q', /not a valid regular expression/],
    ['a semver match without a capture group', 'type=semver,pattern={{version}},match=v.*', /has no capture group/],
    ['a non-numeric priority', 'type=raw,value=x,priority=high', /priority "high" is not a number/],
    ['an empty priority', 'type=raw,value=x,priority=', /priority "" is not a number/],
    ['a broken expression in value', 'type=raw,value={{branch', /the value attribute is not a valid expression/],
    [
      'a block helper in prefix',
      'type=sha,prefix={{#if x}}a{{/if}}',
      /the prefix attribute is not a valid expression.*blocks/
    ],
    ['a broken semver pattern', 'type=semver,pattern={{version', /the pattern attribute is not a valid expression/],
    ['an unclosed quote', 'type=raw,"value=x', /cannot be split into comma-separated fields/]
  ])('%s', (_name, rule, problem) => {
    expectInputError({tags: ['type=ref,event=branch', rule]}, 'tags', 2, rule, problem);
  });

  test.each([
    ['{{date}} without a format', 'type=raw,value={{date}}', /takes exactly one quoted format/],
    ['{{date}} with two formats', "type=raw,value={{date 'YYYY' 'MM'}}", /takes exactly one quoted format/],
    ['{{date}} with an unknown attribute', "type=raw,value={{date 'YYYY' zone='UTC'}}", /unknown attribute "zone"/],
    [
      '{{commit_date}} with an unknown time zone',
      "type=raw,value={{commit_date 'YYYY' tz='Mars/Olympus'}}",
      /unknown time zone "Mars\/Olympus"/
    ],
    ['arguments to a non-helper', "type=raw,value={{nope 'x'}}", /not a helper/],
    ['a schedule pattern with a bad date', "type=schedule,pattern={{date 'YYYY' tz=3}}", /quoted time zone/]
  ])('%s fails when rendered', (_name, rule, problem) => {
    expectInputError({event: 'schedule', tags: ['type=sha', rule]}, 'tags', 2, rule, problem);
  });

  test('unknown attributes are accepted, with a warning naming them', () => {
    const result = run({tags: ['type=ref,event=branch,patern={{version}}']});
    expect(result.tagNames).toEqual(['main']);
    expect(result.warnings).toContain(
      'Tag rule "type=ref,event=branch,patern={{version}}" (line 1): attribute "patern" means nothing for type=ref and is ignored.'
    );
  });
});

describe('flavor errors', () => {
  test.each([
    ['latest with an unknown mode', 'latest=always', /latest must be auto, true or false, not "always"/],
    ['an unknown entry', 'prefx=app-', /unknown flavor entry "prefx"/],
    ['keys are case-sensitive', 'Latest=true', /unknown flavor entry "Latest"/],
    ['an entry without =', 'latest', /entry "latest" is not key=value/],
    ['onlatest that is not a boolean', 'prefix=a,onlatest=yes', /onlatest must be true or false/],
    ['a broken expression', 'prefix={{sha', /the prefix is not a valid expression/]
  ])('%s', (_name, line, problem) => {
    expectInputError({flavor: ['latest=auto', line]}, 'flavor', 2, line, problem);
  });

  test('values with "=" are cut at the second "=" like metadata-action, with a warning', () => {
    const result = run({flavor: ['suffix=-a=b'], tags: ['type=ref,event=branch']});
    expect(result.tagNames).toEqual(['main-a']);
    expect(result.warnings.join('\n')).toContain('contains more than one "="');
  });

  test('onlatest without a prefix or suffix before it on its line is ignored, with a warning', () => {
    const result = run({ref: 'refs/tags/v1.0.0', flavor: ['prefix=x-', 'onlatest=true']});
    expect(result.tagNames).toEqual(['x-v1.0.0', 'latest']);
    expect(result.warnings.join('\n')).toContain('onlatest=true has no prefix or suffix before it');
  });

  test('the last prefix wins and onlatest carries over', () => {
    expect(run({ref: 'refs/tags/v1.0.0', flavor: ['prefix=a-,onlatest=true', 'prefix=b-']}).tagNames).toEqual([
      'b-v1.0.0',
      'b-latest'
    ]);
  });
});

describe('image errors', () => {
  test.each([
    ['a tag', 'ghcr.io/octo-org/app:latest', /has a tag/],
    ['a digest', `ghcr.io/octo-org/app@sha256:${'a'.repeat(64)}`, /has a digest/],
    ['a leading separator', 'ghcr.io/octo-org/-app', /invalid path component "-app"/],
    ['a doubled dot', 'ghcr.io/octo-org/a..b', /invalid path component "a..b"/],
    ['three underscores', 'ghcr.io/octo-org/a___b', /invalid path component/],
    ['an empty component', 'ghcr.io//app', /empty path component/],
    ['a space', 'ghcr.io/octo-org/my app', /invalid path component "my app"/],
    ['an invalid host', 'bad_host.io/app', /invalid registry host "bad_host.io"/],
    ['an unknown attribute', 'name=ghcr.io/o/app,tag=x', /unknown image attribute "tag"/],
    ['enable that is not a boolean', 'name=ghcr.io/o/app,enable=yes', /enable must be true or false/],
    ['an empty name', 'name=,enable=true', /empty image name/],
    ['two names on one line', 'name=ghcr.io/o/a,ghcr.io/o/b', /more than one image/]
  ])('%s', (_name, image, problem) => {
    expectInputError({images: ['ghcr.io/octo-org/ok', image]}, 'images', 2, image, problem);
  });
});
