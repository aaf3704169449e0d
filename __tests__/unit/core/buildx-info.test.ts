import {
  buildWarningsFrom,
  dockerfileInWorkspace,
  imageStoreFromLabels,
  isBuildxMissing,
  isContainerdStoreDriverStatus,
  parseBuilderInspect,
  parseBuildxVersion
} from '../../../src/core/buildx-info.js';

describe('parseBuildxVersion', () => {
  it.each([
    ['github.com/docker/buildx v0.19.3 48d6a39', '0.19.3'],
    ['github.com/docker/buildx 0.12.1+azure-1 30feaa1', '0.12.1+azure-1'],
    ['github.com/docker/buildx v0.31.0-rc1 abcdef', '0.31.0-rc1'],
    ["docker: 'buildx' is not a docker command.", undefined]
  ])('%s → %s', (stdout, expected) => {
    expect(parseBuildxVersion(stdout)).toBe(expected);
  });
});

// `docker buildx inspect` of buildx 0.13.1 against dockerd 26.1.5 (Debian 13), both image stores, as printed.
const CONTAINERD_STORE_INSPECT = [
  'Name:   default',
  'Driver: docker',
  '',
  'Nodes:',
  'Name:             default',
  'Endpoint:         default',
  'Status:           running',
  'BuildKit version: v0.0.0+unknown',
  'Platforms:        linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/amd64/v4, linux/arm64',
  'Labels:',
  ' org.mobyproject.buildkit.worker.containerd.namespace: moby',
  ' org.mobyproject.buildkit.worker.containerd.uuid:      7bdf9085-e198-4d71-8c4a-e84c9ea92949',
  ' org.mobyproject.buildkit.worker.executor:             containerd',
  ' org.mobyproject.buildkit.worker.hostname:             vm',
  ' org.mobyproject.buildkit.worker.moby.host-gateway-ip: <nil>',
  ' org.mobyproject.buildkit.worker.network:              host',
  ' org.mobyproject.buildkit.worker.selinux.enabled:      false',
  ' org.mobyproject.buildkit.worker.snapshotter:          overlayfs',
  ''
].join('\n');
const CLASSIC_STORE_INSPECT = [
  'Name:          default',
  'Driver:        docker',
  'Last Activity: 2026-12-04 20:20:51 +0000 UTC',
  '',
  'Nodes:',
  'Name:             default',
  'Endpoint:         default',
  'Status:           running',
  'BuildKit version: v0.0.0+unknown',
  'Platforms:        linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/amd64/v4, linux/arm64, linux/386',
  'Labels:',
  ' org.mobyproject.buildkit.worker.moby.host-gateway-ip: <nil>',
  ''
].join('\n');

describe('parseBuilderInspect', () => {
  it('reads the builder name, driver, platforms and BuildKit version of an older buildx without labels', () => {
    const stdout = [
      'Name:          default',
      'Driver:        docker',
      'Last Activity: 2026-11-23 10:00:00 +0000 UTC',
      '',
      'Nodes:',
      'Name:             default',
      'Endpoint:         default',
      'Status:           running',
      'BuildKit version: v0.18.2',
      'Platforms:        linux/amd64, linux/amd64/v2, linux/386*'
    ].join('\n');
    expect(parseBuilderInspect(stdout)).toEqual({
      name: 'default',
      driver: 'docker',
      platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/386'],
      buildkitVersion: 'v0.18.2',
      labels: {}
    });
    expect(imageStoreFromLabels(parseBuilderInspect(stdout).labels)).toBe('unknown');
  });

  it('tells the containerd image store from the worker labels of a real dockerd 26', () => {
    const info = parseBuilderInspect(CONTAINERD_STORE_INSPECT);
    expect(info.platforms).toContain('linux/arm64');
    expect(info.labels['org.mobyproject.buildkit.worker.executor']).toBe('containerd');
    expect(info.labels['org.mobyproject.buildkit.worker.moby.host-gateway-ip']).toBe('<nil>');
    expect(imageStoreFromLabels(info.labels)).toBe('containerd');
  });

  it('tells the classic image store from the same dockerd without the containerd snapshotter', () => {
    const info = parseBuilderInspect(CLASSIC_STORE_INSPECT);
    expect(info.labels).toEqual({'org.mobyproject.buildkit.worker.moby.host-gateway-ip': '<nil>'});
    expect(imageStoreFromLabels(info.labels)).toBe('classic');
  });

  it('reads the image store from docker info when buildx printed no labels', () => {
    expect(isContainerdStoreDriverStatus('[["driver-type","io.containerd.snapshotter.v1"]]')).toBe(true);
    expect(isContainerdStoreDriverStatus('[["Backing Filesystem","extfs"],["Supports d_type","true"]]')).toBe(false);
  });
});

describe('isBuildxMissing', () => {
  it.each([
    ["docker: 'buildx' is not a docker command.\nSee 'docker --help'", true],
    ["docker: unknown command: docker buildx\n\nRun 'docker --help' for more information", true],
    ['ERROR: no builder "ci" found', false],
    ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', false]
  ])('%j → %s', (stderr, missing) => {
    expect(isBuildxMissing(stderr)).toBe(missing);
  });
});

describe('buildWarningsFrom', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  it("reads buildx's VertexWarning records: message, url, Dockerfile and lines", () => {
    const metadata = {
      'buildx.build.warnings': [
        {
          vertex: 'sha256:7b1c',
          level: 1,
          short: b64("FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)"),
          detail: [b64("The 'as' keyword should match the case of the 'from' keyword")],
          url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
          sourceInfo: {filename: 'Dockerfile', data: b64('FROM scratch as base\n'), language: 'Dockerfile'},
          range: [{start: {line: 1}, end: {line: 1}}]
        },
        {short: b64('no place')},
        'not a warning',
        {}
      ]
    };
    expect(buildWarningsFrom(metadata)).toEqual([
      {
        message:
          "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)\n" +
          "The 'as' keyword should match the case of the 'from' keyword\n" +
          'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
        file: 'Dockerfile',
        startLine: 1,
        endLine: 1
      },
      {message: 'no place', file: undefined, startLine: undefined, endLine: undefined}
    ]);
    expect(buildWarningsFrom({})).toEqual([]);
  });
});

describe('dockerfileInWorkspace', () => {
  it('places the Dockerfile a build check names in the workspace', () => {
    expect(dockerfileInWorkspace('Dockerfile', {file: '', context: 'app'}, '/w')).toBe('app/Dockerfile');
    expect(dockerfileInWorkspace('Dockerfile', {file: '', context: '/w/app'}, '/w')).toBe('app/Dockerfile');
    expect(dockerfileInWorkspace('Dockerfile.prod', {file: 'docker/Dockerfile.prod', context: '.'}, '/w')).toBe(
      'docker/Dockerfile.prod'
    );
  });

  it('names no file for the Git context or a URL context, nor without a name', () => {
    expect(dockerfileInWorkspace('Dockerfile', {file: '', context: ''}, '/w')).toBeUndefined();
    expect(
      dockerfileInWorkspace('Dockerfile', {file: '', context: 'https://github.com/o/r.git#main'}, '/w')
    ).toBeUndefined();
    expect(dockerfileInWorkspace(undefined, {file: '', context: '.'}, '/w')).toBeUndefined();
  });
});
