import {
  imageNameProblem,
  isGitHubContainerRegistry,
  isLoopbackRegistry,
  isValidTag,
  registryOf,
  repositoryOf,
  splitReference
} from '../../../src/core/image-reference.js';

describe('registryOf', () => {
  it.each([
    ['ghcr.io/octo-org/app', 'ghcr.io'],
    ['localhost:5000/app', 'localhost:5000'],
    ['localhost/app', 'localhost'],
    ['127.0.0.1:5000/team/app', '127.0.0.1:5000'],
    ['octo/app', 'docker.io'],
    ['app', 'docker.io'],
    ['containers.ghes.example.com/org/app', 'containers.ghes.example.com']
  ])('%s is on %s', (image, registry) => {
    expect(registryOf(image)).toBe(registry);
  });
});

describe('repositoryOf', () => {
  it.each([
    ['ghcr.io/octo-org/app', 'octo-org/app'],
    ['localhost:5000/app', 'app'],
    ['octo/app', 'octo/app'],
    ['alpine', 'library/alpine']
  ])('%s is the repository %s', (image, repository) => {
    expect(repositoryOf(image)).toBe(repository);
  });
});

describe('splitReference', () => {
  it('splits the repository and tag of a reference on the given registry', () => {
    expect(splitReference('ghcr.io/octo/app:v1', 'ghcr.io')).toEqual({repository: 'octo/app', tag: 'v1'});
    expect(splitReference('localhost:5000/app:1.0', 'localhost:5000')).toEqual({repository: 'app', tag: '1.0'});
  });

  it('refuses a reference on another registry, or without a tag', () => {
    expect(() => splitReference('quay.io/octo/app:v1', 'ghcr.io')).toThrow('is not on the registry ghcr.io');
    expect(() => splitReference('localhost:5000/app', 'localhost:5000')).toThrow('has no tag');
  });
});

describe('registry kinds', () => {
  it.each(['localhost', 'localhost:5000', '127.0.0.1:5001', '127.1.2.3', '[::1]:5000'])('%s is loopback', host => {
    expect(isLoopbackRegistry(host)).toBe(true);
  });

  it.each(['ghcr.io', '128.0.0.1:5000', 'localhost.example.com', '[::2]:5000'])('%s is not loopback', host => {
    expect(isLoopbackRegistry(host)).toBe(false);
  });

  it("knows ghcr.io and a GitHub Enterprise Server registry as GitHub's", () => {
    expect(isGitHubContainerRegistry('ghcr.io')).toBe(true);
    expect(isGitHubContainerRegistry('containers.ghes.example.com')).toBe(true);
    expect(isGitHubContainerRegistry('docker.io')).toBe(false);
  });
});

describe('names and tags', () => {
  it('accepts a valid name and says what is wrong with an invalid one', () => {
    expect(imageNameProblem('ghcr.io/octo-org/my_app.v2')).toBeUndefined();
    expect(imageNameProblem('ghcr.io/octo/app:1')).toBe('has a tag; tags come from the tags input');
    expect(imageNameProblem('ghcr.io/octo//app')).toBe('has an empty path component');
    expect(imageNameProblem('ghcr.io:70000/octo/app')).toBe(
      'has an invalid registry host "ghcr.io:70000" (port 70000 is not 1-65535)'
    );
  });

  it.each([
    ['v1.2.3', true],
    ['_x', true],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['-x', false],
    ['.x', false],
    ['a:b', false]
  ])('tag %p valid: %p', (tag, valid) => {
    expect(isValidTag(tag)).toBe(valid);
  });
});
