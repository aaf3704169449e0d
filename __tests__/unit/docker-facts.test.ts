import {chooseBuilder, containerBuilderFeatures, type BuilderNeeds} from '../../src/builder-plan.js';
import {isBuildxMissing, parseBuilderInspect, parseBuildxVersion} from '../../src/buildx-info.js';
import {emulatorsToInstall} from '../../src/qemu.js';

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

describe('parseBuilderInspect', () => {
  it('reads the builder name, driver, platforms and BuildKit version', () => {
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
      buildkitVersion: 'v0.18.2'
    });
  });
});

describe('chooseBuilder', () => {
  const plain: BuilderNeeds = {
    platforms: [],
    cache: {from: [], to: [], defaulted: false},
    args: ['buildx', 'build', '.']
  };

  it('keeps the docker driver when the build needs nothing it lacks', () => {
    expect(chooseBuilder('docker', plain, 'ghcr-publish-1').kind).toBe('current');
  });

  it('keeps a container or remote builder that is already current', () => {
    expect(chooseBuilder('docker-container', {...plain, platforms: ['linux/amd64', 'linux/arm64']}, 'x').kind).toBe(
      'current'
    );
  });

  it.each<[string, Partial<BuilderNeeds>, string]>([
    ['several platforms', {platforms: ['linux/amd64', 'linux/arm64']}, '2 platforms'],
    ['the gha cache', {cache: {from: ['type=gha,scope=a'], to: [], defaulted: true}}, 'GitHub Actions cache'],
    ['attestations', {args: ['buildx', 'build', '--attest', 'type=provenance,mode=max', '.']}, 'attestations'],
    ['annotations', {args: ['buildx', 'build', '--annotation', 'index:a=b', '.']}, 'annotations']
  ])('creates a bootstrapped docker-container builder for %s', (_name, needs, feature) => {
    const choice = chooseBuilder('docker', {...plain, ...needs}, 'ghcr-publish-42-abcd');
    expect(choice).toEqual({
      kind: 'create',
      name: 'ghcr-publish-42-abcd',
      createArgs: ['buildx', 'create', '--name', 'ghcr-publish-42-abcd', '--driver', 'docker-container', '--bootstrap'],
      reason: `the docker driver cannot do ${feature}`
    });
  });

  it('does not mistake a registry cache for the gha cache', () => {
    expect(
      containerBuilderFeatures({...plain, cache: {from: ['type=registry,ref=x/gha'], to: [], defaulted: false}})
    ).toEqual([]);
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
