import {InputError} from '../../../../src/core/errors.js';
import {githubContextFrom} from '../../../../src/core/github-context.js';
import {computeMetadata, metadataSettingsFrom} from '../../../../src/core/metadata/index.js';
import {IMAGE, makeInputs, NOW, REPO, run, thrown} from './fixtures.js';

describe('images', () => {
  test('default to the repository on ghcr.io, lowercased', () => {
    expect(run().images).toEqual([{name: IMAGE, enable: true}]);
  });

  test.each([
    [
      'one per line',
      ['ghcr.io/Octo-Org/App', 'ghcr.io/octo-org/tools'],
      ['ghcr.io/octo-org/app', 'ghcr.io/octo-org/tools']
    ],
    [
      'the legacy comma-separated line',
      ['ghcr.io/octo-org/a,ghcr.io/octo-org/b'],
      ['ghcr.io/octo-org/a', 'ghcr.io/octo-org/b']
    ],
    [
      'name= attributes',
      ['name=ghcr.io/Octo-Org/A', 'NAME=ghcr.io/octo-org/b,enable=true'],
      ['ghcr.io/octo-org/a', 'ghcr.io/octo-org/b']
    ],
    [
      'a registry with a port',
      ['localhost:5000/app', 'registry.example.com:443/team/app'],
      ['localhost:5000/app', 'registry.example.com:443/team/app']
    ],
    ['Docker Hub short names', ['alpine', 'octo/app'], ['alpine', 'octo/app']],
    ['every separator the grammar allows', ['ghcr.io/o/a.b_c__d-e--f'], ['ghcr.io/o/a.b_c__d-e--f']]
  ])('accept %s', (_name, images, expected) => {
    expect(run({images}).images.map(image => image.name)).toEqual(expected);
  });

  test('enable=false keeps the image listed but gives it no tags', () => {
    const result = run({
      images: ['name=ghcr.io/octo-org/a,enable=false', 'ghcr.io/octo-org/b'],
      tags: ['type=raw,value=x']
    });
    expect(result.images).toEqual([
      {name: 'ghcr.io/octo-org/a', enable: false},
      {name: 'ghcr.io/octo-org/b', enable: true}
    ]);
    expect(result.tags).toEqual(['ghcr.io/octo-org/b:x']);
  });

  test('with every image disabled there is nothing to push, and a warning says why', () => {
    const result = run({images: ['name=ghcr.io/octo-org/a,enable=false'], tags: ['type=raw,value=x']});
    expect(result.tags).toEqual([]);
    expect(result.tagNames).toEqual(['x']);
    expect(result.warnings).toEqual([
      'No tag was generated because every image in the images input is disabled (enable=false).'
    ]);
  });

  test('a repository whose name is no valid image name asks for the images input', () => {
    const context = githubContextFrom(
      {GITHUB_REPOSITORY: 'Octo-Org/.github', GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main'},
      {}
    );
    const error = thrown(() =>
      computeMetadata({
        inputs: makeInputs(),
        context,
        repo: REPO,
        settings: metadataSettingsFrom({}),
        now: NOW,
        commitDate: NOW
      })
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('input "images"');
    expect(error.message).toContain('image "ghcr.io/octo-org/.github" has an invalid path component ".github"');
    expect(error.message).toContain('set the images input, e.g. images: ghcr.io/octo-org/app');
  });

  test.each([
    ['ghcr.io:99999/o/app', 'port 99999 is not 1-65535'],
    ['localhost:0/app', 'port 0 is not 1-65535'],
    ['gh cr.io/o/app', 'it has a blank'],
    ['ghcr..io/o/app', 'it has an empty label between dots'],
    ['ghcr.io:/o/app', 'write host or host:port with letters, digits, dots and dashes'],
    [`${'a'.repeat(64)}.example.com/o/app`, 'a label is over 63 characters']
  ])('registry host of %p is refused: %s', (image, problem) => {
    const error = thrown(() => run({images: [image]}));
    expect(error.message).toContain('input "images", line 1');
    expect(error.message).toContain(`(${problem})`);
  });

  test.each(['localhost:5000/app', '127.0.0.1:65535/app', '[::1]:5000/app', 'registry-1.example.com/o/app'])(
    'registry host of %p is accepted',
    image => expect(run({images: [image]}).images.map(entry => entry.name)).toEqual([image])
  );
});
