import {InputError} from '../../../../src/core/errors.js';
import {HEAD_SHA, pullRequestPayload, run, SHA, thrown} from './fixtures.js';

const OCI_LABELS = [
  'org.opencontainers.image.created=2020-01-10T00:30:00.000Z',
  'org.opencontainers.image.description=Hello World image',
  'org.opencontainers.image.licenses=MIT',
  `org.opencontainers.image.revision=${SHA}`,
  'org.opencontainers.image.source=https://github.com/Octo-Org/Hello-World',
  'org.opencontainers.image.title=Hello-World',
  'org.opencontainers.image.url=https://github.com/Octo-Org/Hello-World',
  'org.opencontainers.image.version=v1.2.3'
];

describe('labels', () => {
  test('the eight OCI labels come from the repository, version, time and commit, sorted by key', () => {
    expect(run({ref: 'refs/tags/v1.2.3'}).labels).toEqual(OCI_LABELS);
  });

  test('the version label is empty when no version was generated', () => {
    expect(run({ref: 'refs/tags/v1.2.3', tags: ['type=ref,event=branch']}).labels).toContain(
      'org.opencontainers.image.version='
    );
  });

  test('missing description and license give empty values', () => {
    const labels = run({repo: {description: null, license: null}}).labels;
    expect(labels).toContain('org.opencontainers.image.description=');
    expect(labels).toContain('org.opencontainers.image.licenses=');
  });

  test('custom labels override, add, keep empty values, split on the first "=" and the last one wins', () => {
    const result = run({
      ref: 'refs/tags/v1.2.3',
      labels: [
        'org.opencontainers.image.title=MyCustomTitle',
        'maintainer=CrazyMax',
        'org.opencontainers.image.vendor=MyCompany',
        'org.opencontainers.image.licenses=',
        'build.args=A=1,B=2',
        'maintainer=Octo Team'
      ]
    });
    expect(result.labels).toEqual([
      'build.args=A=1,B=2',
      'maintainer=Octo Team',
      'org.opencontainers.image.created=2020-01-10T00:30:00.000Z',
      'org.opencontainers.image.description=Hello World image',
      'org.opencontainers.image.licenses=',
      `org.opencontainers.image.revision=${SHA}`,
      'org.opencontainers.image.source=https://github.com/Octo-Org/Hello-World',
      'org.opencontainers.image.title=MyCustomTitle',
      'org.opencontainers.image.url=https://github.com/Octo-Org/Hello-World',
      'org.opencontainers.image.vendor=MyCompany',
      'org.opencontainers.image.version=v1.2.3'
    ]);
  });

  test('keys sort with localeCompare, not by code point', () => {
    const keys = run({labels: ['Zeta=1', 'alpha=2', 'Beta=3']}).labels.map(label => label.split('=')[0]);
    expect(keys.slice(0, 2)).toEqual(['alpha', 'Beta']);
    expect(keys[keys.length - 1]).toBe('Zeta');
  });

  test('entries without "=" are dropped with a warning', () => {
    const result = run({labels: ['just-a-word']});
    expect(result.labels).toHaveLength(8);
    expect(result.warnings).toContain('labels line 1: "just-a-word" has no "=" and is ignored (write key=value).');
  });

  test('custom labels are rendered with global expressions', () => {
    const labels = run({
      labels: ["org.opencontainers.image.created={{commit_date 'YYYY-MM-DDTHH:mm:ss.SSS[Z]'}}", 'branch={{branch}}']
    }).labels;
    expect(labels).toContain('org.opencontainers.image.created=2020-01-08T15:04:05.000Z');
    expect(labels).toContain('branch=main');
  });

  test('revision is the PR head sha when DOCKER_METADATA_PR_HEAD_SHA is true', () => {
    const options = {event: 'pull_request', ref: 'refs/pull/2/merge', payload: pullRequestPayload(2)};
    expect(run(options).labels).toContain(`org.opencontainers.image.revision=${SHA}`);
    expect(run({...options, env: {DOCKER_METADATA_PR_HEAD_SHA: 'true'}}).labels).toContain(
      `org.opencontainers.image.revision=${HEAD_SHA}`
    );
  });

  test.each([
    ['an empty key', '=value', /empty key/],
    ['a broken expression', 'a={{branch', /the label is not a valid expression/],
    ['an ESC sequence', 'a=\x1b[31mred', /holds the control character U\+001B/],
    ['a control character in the key', 'a\x00b=1', /holds the control character U\+0000/]
  ])('%s fails naming the labels line', (_name, label, problem) => {
    const error = thrown(() => run({labels: ['ok=1', label]}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('input "labels", line 2');
    expect(error.message).toContain(JSON.stringify(label));
    expect(error.message).toMatch(problem);
  });
});

describe('GHCR label rules', () => {
  test('the source label survives an empty override, with a warning', () => {
    const result = run({
      labels: ['org.opencontainers.image.source='],
      annotations: ['org.opencontainers.image.source=']
    });
    expect(result.labels).toContain('org.opencontainers.image.source=https://github.com/Octo-Org/Hello-World');
    expect(result.annotations).toContain(
      'manifest:org.opencontainers.image.source=https://github.com/Octo-Org/Hello-World'
    );
    expect(
      result.warnings.filter(warning => warning.includes('keeps https://github.com/Octo-Org/Hello-World'))
    ).toHaveLength(2);
  });

  test('a non-empty source override is respected', () => {
    expect(run({labels: ['org.opencontainers.image.source=https://github.com/Octo-Org/monorepo']}).labels).toContain(
      'org.opencontainers.image.source=https://github.com/Octo-Org/monorepo'
    );
  });

  test('without a repository URL the source is built from the server and repository', () => {
    const labels = run({repo: {html_url: ''}}).labels;
    expect(labels).toContain('org.opencontainers.image.source=https://github.com/Octo-Org/Hello-World');
    expect(labels).toContain('org.opencontainers.image.url=');
  });

  test('description and licenses are cut to 512 and 256 characters, with a warning each', () => {
    const description = `${'d'.repeat(511)}é and more`;
    const result = run({repo: {description}, annotations: [`org.opencontainers.image.licenses=${'L'.repeat(300)}`]});
    expect(result.labels).toContain(`org.opencontainers.image.description=${'d'.repeat(511)}é`);
    expect(result.annotations).toContain(`manifest:org.opencontainers.image.description=${'d'.repeat(511)}é`);
    expect(result.annotations).toContain(`manifest:org.opencontainers.image.licenses=${'L'.repeat(256)}`);
    expect(result.labels).toContain('org.opencontainers.image.licenses=MIT');
    expect(result.warnings).toEqual([
      'The label org.opencontainers.image.description is 521 characters long; GHCR allows 512, so it was cut to the first 512.',
      'The annotation org.opencontainers.image.description is 521 characters long; GHCR allows 512, so it was cut to the first 512.',
      'The annotation org.opencontainers.image.licenses is 300 characters long; GHCR allows 256, so it was cut to the first 256.'
    ]);
  });

  test('characters are counted, not UTF-16 units, so an emoji is never split', () => {
    const description = '🐳'.repeat(600);
    const labels = run({repo: {description}}).labels;
    expect(labels).toContain(`org.opencontainers.image.description=${'🐳'.repeat(512)}`);
  });
});

describe('annotations', () => {
  test('the same OCI keys plus the annotations input, at the manifest level by default', () => {
    const result = run({
      ref: 'refs/tags/v1.2.3',
      labels: ['only.label=1'],
      annotations: ['org.opencontainers.image.title=Annotated']
    });
    expect(result.annotations).toEqual(
      OCI_LABELS.map(label => `manifest:${label.replace('title=Hello-World', 'title=Annotated')}`)
    );
  });

  test('each level gets every annotation, levels in the order given', () => {
    const result = run({env: {DOCKER_METADATA_ANNOTATIONS_LEVELS: 'manifest,index'}});
    expect(result.annotations).toHaveLength(16);
    expect(result.annotations.slice(0, 8).every(annotation => annotation.startsWith('manifest:'))).toBe(true);
    expect(result.annotations.slice(8).every(annotation => annotation.startsWith('index:'))).toBe(true);
    expect(result.annotations[8]).toBe('index:org.opencontainers.image.created=2020-01-10T00:30:00.000Z');
  });

  test('annotation errors name the annotations input', () => {
    const error = thrown(() => run({annotations: ['=x']}));
    expect(error.message).toContain('input "annotations", line 1');
  });
});

describe('json', () => {
  test('holds tags, tag names, labels as an object and annotations with levels', () => {
    const result = run({
      ref: 'refs/tags/v1.2.3',
      images: ['ghcr.io/octo-org/app'],
      env: {DOCKER_METADATA_ANNOTATIONS_LEVELS: 'index'}
    });
    expect(result.json).toEqual({
      tags: ['ghcr.io/octo-org/app:v1.2.3', 'ghcr.io/octo-org/app:latest'],
      'tag-names': ['v1.2.3', 'latest'],
      labels: Object.fromEntries(
        OCI_LABELS.map(label => [label.slice(0, label.indexOf('=')), label.slice(label.indexOf('=') + 1)])
      ),
      annotations: OCI_LABELS.map(label => `index:${label}`)
    });
    expect(Object.keys(result.json)).toEqual(['tags', 'tag-names', 'labels', 'annotations']);
    expect(Object.keys(result.json.labels)[0]).toBe('org.opencontainers.image.created');
  });
});
