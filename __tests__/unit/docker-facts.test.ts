import {
  chooseBuilder,
  describeBuilderRule,
  dockerDriverLacks,
  needsImageStore,
  type BuilderNeeds,
  type CurrentBuilder
} from '../../src/builder-plan.js';
import {
  buildWarningsFrom,
  dockerfileInWorkspace,
  imageStoreFromLabels,
  isBuildxMissing,
  isContainerdStoreDriverStatus,
  parseBuilderInspect,
  parseBuildxVersion
} from '../../src/buildx-info.js';
import {emulatorsToInstall, isUsableEmulator} from '../../src/qemu.js';

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

describe('chooseBuilder', () => {
  const plain: BuilderNeeds = {
    platforms: [],
    cache: {from: [], to: [], defaulted: false},
    args: ['buildx', 'build', '.']
  };
  const classic: CurrentBuilder = {driver: 'docker', imageStore: 'classic'};
  const containerd: CurrentBuilder = {driver: 'docker', imageStore: 'containerd'};
  const everything: BuilderNeeds = {
    platforms: ['linux/amd64', 'linux/arm64'],
    cache: {from: ['type=gha,scope=a'], to: ['type=gha,scope=a,mode=max'], defaulted: true},
    args: ['buildx', 'build', '--annotation', 'index:a=b', '--attest', 'type=provenance,mode=max', '--push', '.']
  };

  it('keeps the docker driver when the build needs nothing it lacks', () => {
    expect(chooseBuilder(classic, plain, 'ghcr-publish-1').kind).toBe('current');
  });

  it('keeps a container or remote builder that is already current', () => {
    expect(chooseBuilder({driver: 'docker-container', imageStore: 'unknown'}, everything, 'x').kind).toBe('current');
  });

  it('keeps the docker driver on the containerd image store for platforms, gha cache, attestations, annotations', () => {
    const choice = chooseBuilder(containerd, everything, 'x');
    expect(choice).toEqual({
      kind: 'current',
      reason: 'the docker driver on the containerd image store does everything this build needs'
    });
  });

  it('creates a builder for push by digest even on the containerd image store', () => {
    const byDigest = {...plain, args: ['buildx', 'build', '--output', 'type=image,name=a,push-by-digest=true', '.']};
    expect(chooseBuilder(containerd, byDigest, 'x')).toMatchObject({
      kind: 'create',
      reason: 'the docker driver cannot do push by digest'
    });
  });

  it.each<[string, Partial<BuilderNeeds>, string]>([
    ['several platforms', {platforms: ['linux/amd64', 'linux/arm64']}, '2 platforms'],
    ['the gha cache', {cache: {from: ['type=gha,scope=a'], to: [], defaulted: true}}, 'cache export'],
    ['a local cache export', {cache: {from: [], to: ['type=local,dest=/c'], defaulted: false}}, 'cache export'],
    ['attestations', {args: ['buildx', 'build', '--attest', 'type=provenance,mode=max', '.']}, 'attestations'],
    ['annotations', {args: ['buildx', 'build', '--annotation', 'index:a=b', '.']}, 'annotations']
  ])('creates a bootstrapped docker-container builder for %s on the classic image store', (_name, needs, feature) => {
    const choice = chooseBuilder(classic, {...plain, ...needs}, 'ghcr-publish-42-abcd');
    expect(choice).toEqual({
      kind: 'create',
      name: 'ghcr-publish-42-abcd',
      createArgs: [
        'buildx',
        'create',
        '--name',
        'ghcr-publish-42-abcd',
        '--driver',
        'docker-container',
        '--buildkitd-flags',
        '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host'
      ],
      bootArgs: ['buildx', 'inspect', '--bootstrap', '--builder', 'ghcr-publish-42-abcd'],
      reason: `the docker driver cannot do ${feature} on the classic image store`
    });
  });

  it('puts the builder on the host network when a registry is on loopback (its own network cannot reach it)', () => {
    for (const registry of ['localhost:5000', '127.0.0.1:5000', '127.3.2.1', 'localhost', '[::1]:5000']) {
      const choice = chooseBuilder(classic, {...everything, registries: ['ghcr.io', registry]}, 'x');
      expect([registry, choice.kind === 'create' && choice.createArgs.join(' ')]).toEqual([
        registry,
        expect.stringContaining('--driver-opt network=host')
      ]);
    }
    for (const registry of ['ghcr.io', 'registry.localhost.example', '10.0.0.1:5000', 'localhost.local']) {
      const choice = chooseBuilder(classic, {...everything, registries: [registry]}, 'x');
      expect([registry, choice.kind === 'create' && choice.createArgs.includes('--driver-opt')]).toEqual([
        registry,
        false
      ]);
    }
  });

  it("passes setup-buildx-action's driver-opts, buildkitd-flags and buildkitd-config to the builder", () => {
    const builderOptions = {
      driverOpts: ['image=moby/buildkit:v0.20.0', 'network=ci-net'],
      buildkitdFlags: '--debug',
      buildkitdConfig: '/etc/buildkitd.toml'
    };
    // A network the user chose wins over the host network a loopback registry would get.
    const choice = chooseBuilder(classic, {...everything, registries: ['localhost:5000'], builderOptions}, 'b');
    expect(choice.kind === 'create' && choice.createArgs).toEqual([
      'buildx',
      'create',
      '--name',
      'b',
      '--driver',
      'docker-container',
      '--driver-opt',
      'image=moby/buildkit:v0.20.0',
      '--driver-opt',
      'network=ci-net',
      '--buildkitd-flags',
      '--debug',
      '--buildkitd-config',
      '/etc/buildkitd.toml'
    ]);
  });

  it('does not mistake a registry cache import or an inline export for a cache export', () => {
    const cache = {from: ['type=registry,ref=x/gha'], to: ['type=inline'], defaulted: false};
    expect(dockerDriverLacks({...plain, cache}, 'classic')).toEqual([]);
  });

  it('asks docker info for the image store only when the answer changes the choice', () => {
    const unknown: CurrentBuilder = {driver: 'docker', imageStore: 'unknown'};
    expect(needsImageStore(unknown, everything)).toBe(true);
    expect(needsImageStore(unknown, plain)).toBe(false);
    expect(needsImageStore(classic, everything)).toBe(false);
    expect(needsImageStore({driver: 'remote', imageStore: 'unknown'}, everything)).toBe(false);
  });

  it('describes the rule for the dry run, before any builder is asked', () => {
    expect(describeBuilderRule(plain, '')).toBe("the runner's current builder");
    expect(describeBuilderRule(everything, 'ci')).toBe('ci (the builder input, used as it is)');
    expect(describeBuilderRule(everything, '')).toMatch(
      /containerd image store .* a docker-container builder on the classic image store \(it cannot do 2 platforms, cache export, attestations, annotations\)/
    );
  });
});

describe('isUsableEmulator', () => {
  // /proc/sys/fs/binfmt_misc/qemu-aarch64 as bookworm's qemu-user-static registers it, then disabled, then without F.
  const registered = [
    'enabled',
    'interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P',
    'flags: PF',
    'offset 0',
    'magic 7f454c460201010000000000000000000200b700',
    'mask ffffffffffffff00fffffffffffffffffeffffff',
    ''
  ].join('\n');
  it('counts an enabled entry with the F flag', () => {
    expect(isUsableEmulator(registered)).toBe(true);
  });
  it('does not count a disabled one, or one without F', () => {
    expect(isUsableEmulator(registered.replace('enabled', 'disabled'))).toBe(false);
    expect(isUsableEmulator(registered.replace('flags: PF', 'flags: P'))).toBe(false);
  });
});

describe('emulatorsToInstall', () => {
  it('installs nothing for native platforms', () => {
    expect(emulatorsToInstall(['linux/amd64', 'linux/386'], 'x64', [])).toEqual([]);
    expect(emulatorsToInstall(['linux/arm64'], 'arm64', [])).toEqual([]);
  });

  it('installs only what binfmt_misc does not already have', () => {
    expect(
      emulatorsToInstall(['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/riscv64'], 'x64', ['qemu-aarch64'])
    ).toEqual(['arm', 'riscv64']);
  });

  it('asks once per architecture', () => {
    expect(emulatorsToInstall(['linux/arm/v6', 'linux/arm/v7'], 'x64', [])).toEqual(['arm']);
  });

  it('emulates amd64 on an arm64 runner', () => {
    expect(emulatorsToInstall(['linux/amd64', 'linux/arm64'], 'arm64', [])).toEqual(['amd64']);
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
