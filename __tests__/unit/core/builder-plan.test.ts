import type {PlannedOption} from '../../../src/core/build-command.js';
import {DEFAULT_BUILDKIT_IMAGE} from '../../../src/core/tool-images.js';
import {
  argsForBuilder,
  chooseBuilder,
  describeBuilderRule,
  dockerDriverLacks,
  needsImageStore,
  type BuilderChoice,
  type BuilderNeeds,
  type CurrentBuilder
} from '../../../src/core/builder-plan.js';

/** The digest of the pinned default BuildKit image (its local tag carries the first 12 digits). */
const PINNED_BUILDKIT_HEX = DEFAULT_BUILDKIT_IMAGE.slice(DEFAULT_BUILDKIT_IMAGE.indexOf('@sha256:') + 8);

describe('chooseBuilder', () => {
  const plain: BuilderNeeds = {
    platforms: [],
    cache: {from: [], to: [], defaulted: false},
    features: {pushByDigest: false, attestations: false, annotations: false}
  };
  const classic: CurrentBuilder = {driver: 'docker', imageStore: 'classic'};
  const containerd: CurrentBuilder = {driver: 'docker', imageStore: 'containerd'};
  const everything: BuilderNeeds = {
    platforms: ['linux/amd64', 'linux/arm64'],
    cache: {from: ['type=gha,scope=a'], to: ['type=gha,scope=a,mode=max'], defaulted: true},
    features: {pushByDigest: false, attestations: true, annotations: true}
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
    const byDigest = {...plain, features: {...plain.features, pushByDigest: true}};
    expect(chooseBuilder(containerd, byDigest, 'x')).toMatchObject({
      kind: 'create',
      reason: 'the docker driver cannot do push by digest'
    });
  });

  it.each<[string, Partial<BuilderNeeds>, string]>([
    ['several platforms', {platforms: ['linux/amd64', 'linux/arm64']}, '2 platforms'],
    ['the gha cache', {cache: {from: ['type=gha,scope=a'], to: [], defaulted: true}}, 'cache export'],
    ['a local cache export', {cache: {from: [], to: ['type=local,dest=/c'], defaulted: false}}, 'cache export'],
    ['attestations', {features: {pushByDigest: false, attestations: true, annotations: false}}, 'attestations'],
    ['annotations', {features: {pushByDigest: false, attestations: false, annotations: true}}, 'annotations']
  ])('creates a bootstrapped docker-container builder for %s on the classic image store', (_name, needs, feature) => {
    const choice = chooseBuilder(classic, {...plain, ...needs}, 'ghcr-publish-42-abcd');
    expect(choice).toEqual({
      kind: 'create',
      name: 'ghcr-publish-42-abcd',
      image: {
        reference: DEFAULT_BUILDKIT_IMAGE,
        localTag: `localhost/ghcr-publish/moby/buildkit:${PINNED_BUILDKIT_HEX.slice(0, 12)}`,
        cacheKey: `ghcr-publish-image-x64-moby-buildkit-${PINNED_BUILDKIT_HEX}`
      },
      createArgs: [
        'buildx',
        'create',
        '--name',
        'ghcr-publish-42-abcd',
        '--driver',
        'docker-container',
        '--driver-opt',
        `image=localhost/ghcr-publish/moby/buildkit:${PINNED_BUILDKIT_HEX.slice(0, 12)}`,
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
      expect([registry, choice.kind === 'create' && choice.createArgs.includes('network=host')]).toEqual([
        registry,
        false
      ]);
    }
  });

  it("passes setup-buildx-action's driver-opts, buildkitd-flags and buildkitd-config to the builder", () => {
    const builderOptions = {
      driverOpts: ['image=moby/buildkit:v0.20.0', 'network=ci-net'],
      buildkitdFlags: '--debug',
      buildkitdConfig: '/etc/buildkitd.toml',
      buildkitImage: 'docker.io/moby/buildkit:v0.31.2@sha256:' + 'a'.repeat(64)
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

describe('argsForBuilder', () => {
  const options: PlannedOption[] = [
    {flag: '--annotation', value: 'index:a=b', legacy: {kind: 'dropped', what: 'annotations'}},
    {flag: '--attest', value: 'type=provenance,mode=max', legacy: {kind: 'dropped', what: 'attestations'}},
    {flag: '--push', legacy: {kind: 'omit'}}
  ];
  const build = {
    args: ['buildx', 'build', '--annotation', 'index:a=b', '--attest', 'type=provenance,mode=max', '--push', '.'],
    options,
    context: '.',
    defaultProvenance: 'type=provenance,mode=max'
  };
  const created: BuilderChoice = {
    kind: 'create',
    name: 'ghcr-publish-1',
    image: {reference: 'moby/buildkit'},
    createArgs: [],
    bootArgs: [],
    reason: 'r'
  };
  const current: BuilderChoice = {kind: 'current', reason: 'r'};

  it('names the builder this run created', () => {
    expect(argsForBuilder(build, created, 'v0.10.0')).toEqual({
      args: ['buildx', 'build', '--builder', 'ghcr-publish-1', ...build.args.slice(2)],
      dropped: []
    });
  });

  it('leaves out, for a current BuildKit older than 0.11, what it does not know', () => {
    expect(argsForBuilder(build, current, 'v0.10.6')).toEqual({
      args: ['buildx', 'build', '--push', '.'],
      dropped: ['annotations', 'the default provenance attestation']
    });
    expect(argsForBuilder(build, current, 'v0.13.1').args).toEqual(build.args);
    expect(argsForBuilder(build, current, 'v0.0.0+unknown').args).toEqual(build.args);
  });

  it('keeps the plan as it is for the builder input', () => {
    expect(argsForBuilder(build, undefined, undefined)).toEqual({args: build.args, dropped: []});
  });
});
