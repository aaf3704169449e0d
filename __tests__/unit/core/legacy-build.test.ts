import {planBuildCommand} from '../../../src/core/build-command.js';
import {githubContextFrom} from '../../../src/core/github-context.js';
import {readConfig} from '../../../src/core/inputs.js';
import {digestFromPushOutput, planLegacyBuild} from '../../../src/core/legacy-build.js';
import type {Metadata} from '../../../src/core/metadata/types.js';

const context = githubContextFrom({GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'a'.repeat(40), GITHUB_RUN_ID: '1'}, {});
const metadata: Metadata = {
  version: {main: '1', partial: [], latest: false},
  images: [{name: '127.0.0.1:5000/o/r', enable: true}],
  tags: ['127.0.0.1:5000/o/r:1', '127.0.0.1:5000/o/r:main'],
  tagNames: ['1', 'main'],
  labels: ['org.opencontainers.image.version=1'],
  annotations: ['manifest:org.opencontainers.image.version=1'],
  json: {tags: [], 'tag-names': [], labels: {}, annotations: []},
  warnings: []
};

function legacy(inputs: Record<string, string>, actionsCacheAvailable = false, push = true) {
  const config = readConfig(name => inputs[name] ?? '');
  const command = planBuildCommand({
    build: config.build,
    metadata,
    context,
    push,
    githubToken: 'tok',
    actionsCacheAvailable,
    privateRepository: false,
    noDefaultAttestations: false,
    workDir: '/w'
  });
  return planLegacyBuild(command, config.build.platforms, metadata.tags, push);
}

describe('planLegacyBuild', () => {
  it('keeps what docker build understands and pushes each tag', () => {
    const result = legacy({context: '.', network: 'host', 'build-args': 'A=1'});
    const expected = [
      'build',
      '--build-arg',
      'A=1',
      '--label',
      'org.opencontainers.image.version=1',
      '--tag',
      '127.0.0.1:5000/o/r:1',
      '--tag',
      '127.0.0.1:5000/o/r:main',
      '--network',
      'host',
      '--iidfile',
      '/w/build-iidfile.txt',
      '.'
    ];
    expect(result.buildArgs).toEqual(expected);
    expect(result.classicBuild).toEqual({args: expected});
    expect(result.pushArgs).toEqual([
      ['push', '127.0.0.1:5000/o/r:1'],
      ['push', '127.0.0.1:5000/o/r:main']
    ]);
    expect(result.dropped).toEqual(['annotations', 'provenance and SBOM attestations']);
  });

  it('drops the default cache and says so, but keeps a cache source the user named', () => {
    const defaulted = legacy({context: '.'}, true);
    expect(defaulted.buildArgs.join(' ')).not.toContain('type=gha');
    expect(defaulted.dropped).toContain('GitHub Actions cache');
    const own = legacy({context: '.', 'cache-from': 'type=registry,ref=r/c'}, true);
    expect(own.buildArgs).toEqual(expect.arrayContaining(['--cache-from', 'type=registry,ref=r/c']));
    expect(own.dropped).not.toContain('GitHub Actions cache');
  });

  it('does not push when the plan does not', () => {
    expect(legacy({context: '.'}, false, false).pushArgs).toEqual([]);
  });

  it.each([
    [{platforms: 'linux/amd64,linux/arm64'}, /input "platforms": building several platforms needs docker buildx/],
    [{outputs: 'type=local,dest=out'}, /input "outputs": this needs docker buildx/],
    [{'cache-to': 'type=registry,ref=x'}, /input "cache-to"/],
    [{'build-contexts': 'a=b'}, /input "build-contexts"/],
    [{allow: 'network.host'}, /input "allow"/],
    [{'no-cache-filters': 'base'}, /input "no-cache-filters"/],
    [{builder: 'remote'}, /input "builder"/]
  ])('refuses %o with a clear error', (inputs, message) => {
    expect(() => legacy({context: '.', ...inputs})).toThrow(message);
  });

  it('passes secrets to BuildKit; the classic builder leaves out only the Git context token', () => {
    const gitContext = legacy({});
    expect(gitContext.buildArgs).toEqual(
      expect.arrayContaining(['--secret', 'id=GIT_AUTH_TOKEN.github.com,env=GHCR_PUBLISH_GIT_AUTH_TOKEN'])
    );
    expect(gitContext.classicBuild).toEqual({args: expect.not.arrayContaining(['--secret']) as unknown});
  });

  it.each([[{'secret-envs': 'npm=NPM_TOKEN'}], [{ssh: 'default'}]])(
    'keeps %o for BuildKit and explains why the classic builder cannot take it',
    inputs => {
      const result = legacy({context: '.', ...inputs});
      expect(result.buildArgs.join(' ')).toMatch(/--secret|--ssh/);
      expect(result.classicBuild).toEqual({refusal: expect.stringMatching(/neither buildx nor BuildKit/) as unknown});
    }
  );
});

describe('digestFromPushOutput', () => {
  it('reads the digest docker push prints', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    expect(digestFromPushOutput(`The push refers to repository [x]\n1: digest: ${digest} size: 528\n`)).toBe(digest);
    expect(digestFromPushOutput('nothing')).toBeUndefined();
  });
});
