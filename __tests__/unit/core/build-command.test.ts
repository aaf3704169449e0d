import {
  cacheScope,
  defaultGitContext,
  forBuildKitVersion,
  planBuildCommand,
  type BuildPlanInput
} from '../../../src/core/build-command.js';
import {githubContextFrom} from '../../../src/core/github-context.js';
import {readConfig} from '../../../src/core/inputs.js';
import type {Metadata} from '../../../src/core/metadata/types.js';
import {valuesOf} from '../../support/expectations.js';

const context = githubContextFrom(
  {
    GITHUB_REPOSITORY: 'Octo-Org/Hello-World',
    GITHUB_SHA: '860c1904a1ce19322e91ac35af1ab07466440c37',
    GITHUB_REF: 'refs/tags/v1.2.3',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_RUN_ID: '123',
    GITHUB_RUN_ATTEMPT: '2'
  },
  {}
);

const metadata: Metadata = {
  version: {main: '1.2.3', partial: [], latest: true},
  images: [{name: 'ghcr.io/octo-org/hello-world', enable: true}],
  tags: ['ghcr.io/octo-org/hello-world:1.2.3', 'ghcr.io/octo-org/hello-world:latest'],
  tagNames: ['1.2.3', 'latest'],
  labels: ['org.opencontainers.image.source=https://github.com/Octo-Org/Hello-World'],
  annotations: [
    'manifest:org.opencontainers.image.description=Hello World image',
    'manifest:org.opencontainers.image.version=1.2.3'
  ],
  json: {tags: [], 'tag-names': [], labels: {}, annotations: []},
  warnings: []
};

function plan(inputs: Record<string, string>, overrides: Partial<BuildPlanInput> = {}) {
  const config = readConfig(name => inputs[name] ?? '');
  return planBuildCommand({
    build: config.build,
    metadata,
    context,
    push: true,
    githubToken: 'ghs_secret_token',
    actionsCacheAvailable: false,
    privateRepository: false,
    noDefaultAttestations: false,
    workDir: '/tmp/work',
    ...overrides
  });
}

describe('planBuildCommand', () => {
  it('builds the Git context of the commit with tags, labels, annotations, push and result files', () => {
    const command = plan({});
    expect(command.args.slice(0, 2)).toEqual(['buildx', 'build']);
    expect(valuesOf(command.args, '--tag')).toEqual(metadata.tags);
    expect(valuesOf(command.args, '--label')).toEqual(metadata.labels);
    // Default provenance makes the push an index, which gets GHCR's index annotations.
    expect(valuesOf(command.args, '--annotation')).toEqual([
      ...metadata.annotations,
      'index:org.opencontainers.image.description=Hello World image'
    ]);
    expect(command.args).toContain('--push');
    expect(valuesOf(command.args, '--metadata-file')).toEqual(['/tmp/work/build-metadata.json']);
    expect(valuesOf(command.args, '--iidfile')).toEqual(['/tmp/work/build-iidfile.txt']);
    expect(command.args.at(-1)).toBe(
      'https://github.com/Octo-Org/Hello-World.git#860c1904a1ce19322e91ac35af1ab07466440c37'
    );
    expect(command.gitContext).toBe(true);
  });

  it('passes the token for the Git context as a secret environment variable, never as an argument', () => {
    const command = plan({});
    expect(valuesOf(command.args, '--secret')).toEqual([
      'id=GIT_AUTH_TOKEN.github.com,env=GHCR_PUBLISH_GIT_AUTH_TOKEN'
    ]);
    expect(command.secretEnv).toEqual({GHCR_PUBLISH_GIT_AUTH_TOKEN: 'ghs_secret_token'});
    expect(command.args.join(' ')).not.toContain('ghs_secret_token');
  });

  it('does not add the Git token for a path context or when the user gives GIT_AUTH_TOKEN', () => {
    expect(plan({context: '.'}).secretEnv).toEqual({});
    expect(plan({context: '.'}).args.at(-1)).toBe('.');
    const own = plan({'secret-envs': 'GIT_AUTH_TOKEN=MY_TOKEN'});
    expect(valuesOf(own.args, '--secret')).toEqual(['id=GIT_AUTH_TOKEN,env=MY_TOKEN']);
  });

  it('maps secrets to files in the work directory so no value reaches the command line or the environment', () => {
    const command = plan({
      context: '.',
      secrets: 'npm_token=s3cr3t value\ngithub=abc=def',
      'secret-files': 'cert=./ca.pem'
    });
    expect(valuesOf(command.args, '--secret')).toEqual([
      'id=npm_token,src=/tmp/work/secret-0',
      'id=github,src=/tmp/work/secret-1',
      'id=cert,src=./ca.pem'
    ]);
    expect(command.secretsToWrite).toEqual([
      {path: '/tmp/work/secret-0', value: 's3cr3t value'},
      {path: '/tmp/work/secret-1', value: 'abc=def'}
    ]);
    expect(command.secretEnv).toEqual({});
    expect(command.args.join(' ')).not.toMatch(/s3cr3t|abc=def/);
  });

  it.each<[string, Record<string, string>, string, string[]]>([
    ['file', {file: 'docker/Dockerfile'}, '--file', ['docker/Dockerfile']],
    ['target', {target: 'runtime'}, '--target', ['runtime']],
    ['platforms', {platforms: 'linux/amd64, linux/arm64\nlinux/amd64'}, '--platform', ['linux/amd64,linux/arm64']],
    ['build-args', {'build-args': 'A=1\nB=x,y'}, '--build-arg', ['A=1', 'B=x,y']],
    [
      'build-contexts',
      {'build-contexts': 'alpine=docker-image://alpine:3'},
      '--build-context',
      ['alpine=docker-image://alpine:3']
    ],
    ['no-cache-filters', {'no-cache-filters': 'build,test'}, '--no-cache-filter', ['build', 'test']],
    ['ssh', {ssh: 'default'}, '--ssh', ['default']],
    ['network', {network: 'host'}, '--network', ['host']],
    ['add-hosts', {'add-hosts': 'db:10.0.0.2,cache:10.0.0.3'}, '--add-host', ['db:10.0.0.2', 'cache:10.0.0.3']],
    ['allow', {allow: 'network.host'}, '--allow', ['network.host']],
    ['shm-size', {'shm-size': '2g'}, '--shm-size', ['2g']],
    ['ulimit', {ulimit: 'nofile=1024:1024'}, '--ulimit', ['nofile=1024:1024']],
    ['cgroup-parent', {'cgroup-parent': 'ci'}, '--cgroup-parent', ['ci']],
    ['builder', {builder: 'remote'}, '--builder', ['remote']],
    ['outputs', {outputs: 'type=local,dest=out'}, '--output', ['type=local,dest=out']],
    [
      'cache-from',
      {'cache-from': 'type=registry,ref=ghcr.io/o/r:cache'},
      '--cache-from',
      ['type=registry,ref=ghcr.io/o/r:cache']
    ]
  ])('passes %s through', (_name, inputs, flag, expected) => {
    expect(valuesOf(plan(inputs).args, flag)).toEqual(expected);
  });

  it('uses the GitHub Actions cache by default with a scope per image, target and platforms', () => {
    const command = plan({platforms: 'linux/amd64,linux/arm64'}, {actionsCacheAvailable: true});
    const scope = 'octo-org-hello-world-linux-amd64+linux-arm64';
    expect(valuesOf(command.args, '--cache-from')).toEqual([`type=gha,scope=${scope}`]);
    expect(valuesOf(command.args, '--cache-to')).toEqual([`type=gha,scope=${scope},mode=max,ignore-error=true`]);
    expect(command.cache.defaulted).toBe(true);
  });

  it('leaves the cache alone when the user gives one, with no-cache, or without the cache service', () => {
    expect(plan({'cache-to': 'type=inline'}, {actionsCacheAvailable: true}).cache).toEqual({
      from: [],
      to: ['type=inline'],
      defaulted: false
    });
    expect(plan({'no-cache': 'true'}, {actionsCacheAvailable: true}).cache.defaulted).toBe(false);
    expect(valuesOf(plan({}).args, '--cache-from')).toEqual([]);
  });

  it('turns the default cache off with gha-cache: false, and names the input for another value', () => {
    const off = plan({'gha-cache': 'false'}, {actionsCacheAvailable: true});
    expect(off.cache).toEqual({from: [], to: [], defaulted: false});
    expect(off.args).not.toContain('--cache-to');
    expect(plan({'gha-cache': 'auto'}, {actionsCacheAvailable: true}).cache.defaulted).toBe(true);
    expect(() => plan({'gha-cache': 'off'})).toThrow(/gha-cache/);
  });

  it('gives different scopes to different images and platforms', () => {
    expect(cacheScope('ghcr.io/o/a', '', ['linux/amd64'])).not.toBe(cacheScope('ghcr.io/o/b', '', ['linux/amd64']));
    expect(cacheScope('ghcr.io/o/a', '', ['linux/amd64'])).not.toBe(cacheScope('ghcr.io/o/a', '', ['linux/arm64']));
    expect(cacheScope('ghcr.io/o/a', 'test', [])).toBe('o-a-test');
  });

  it('adds index annotations for description, licenses and source when the push is an index', () => {
    const indexed = [...metadata.annotations, 'index:org.opencontainers.image.description=Hello World image'];
    const several = {platforms: 'linux/amd64,linux/arm64', provenance: 'false'};
    expect(valuesOf(plan(several).args, '--annotation')).toEqual(indexed);
    expect(valuesOf(plan({platforms: 'linux/amd64'}).args, '--annotation')).toEqual(indexed);
    const plainManifest = {platforms: 'linux/amd64', provenance: 'false'};
    expect(valuesOf(plan(plainManifest).args, '--annotation')).toEqual(metadata.annotations);
  });

  it('leaves out the image ID file for local and tar outputs, and default provenance for the docker exporter', () => {
    expect(plan({outputs: 'type=local,dest=out'}).args).not.toContain('--iidfile');
    expect(plan({outputs: 'type=tar,dest=out.tar'}).args).not.toContain('--iidfile');
    expect(plan({outputs: 'type=registry'}).args).toContain('--iidfile');
    expect(valuesOf(plan({outputs: 'type=docker,dest=img.tar'}).args, '--attest')).toEqual([]);
  });

  it('keeps a user GIT_AUTH_TOKEN.<host> secret instead of the github-token', () => {
    const command = plan({secrets: 'GIT_AUTH_TOKEN.github.com=my-pat'});
    expect(valuesOf(command.args, '--secret')).toEqual(['id=GIT_AUTH_TOKEN.github.com,src=/tmp/work/secret-0']);
    expect(command.secretsToWrite.map(secret => secret.value)).toEqual(['my-pat']);
    expect(command.secretEnv).toEqual({});
  });

  describe('attestations', () => {
    const builderId = 'https://github.com/Octo-Org/Hello-World/actions/runs/123/attempts/2';
    it.each<[string, Record<string, string>, Partial<BuildPlanInput>, string[]]>([
      ['public default', {}, {}, [`type=provenance,mode=max,builder-id=${builderId}`]],
      [
        'private default',
        {},
        {privateRepository: true},
        [`type=provenance,mode=min,inline-only=true,builder-id=${builderId}`]
      ],
      ['disabled by environment', {}, {noDefaultAttestations: true}, []],
      ['no default when loading', {load: 'true'}, {}, []],
      ['provenance false', {provenance: 'false'}, {}, ['type=provenance,disabled=true']],
      ['provenance 0 (Go boolean)', {provenance: '0'}, {}, ['type=provenance,disabled=true']],
      ['provenance 1 (Go boolean)', {provenance: '1'}, {}, [`type=provenance,builder-id=${builderId}`]],
      ['provenance true', {provenance: 'true'}, {}, [`type=provenance,builder-id=${builderId}`]],
      ['provenance attributes', {provenance: 'mode=max'}, {}, [`type=provenance,mode=max,builder-id=${builderId}`]],
      ['sbom true', {sbom: 'true', provenance: 'false'}, {}, ['type=provenance,disabled=true', 'type=sbom']],
      [
        'attests provenance replaces default, with the builder-id',
        {attests: 'type=provenance,mode=min'},
        {},
        [`type=provenance,mode=min,builder-id=${builderId}`]
      ],
      [
        'attests provenance keeps its own builder-id',
        {attests: 'type=provenance,builder-id=https://example.com/b'},
        {},
        ['type=provenance,builder-id=https://example.com/b']
      ],
      [
        'provenance input overrides attests provenance',
        {attests: 'type=provenance,mode=min\ntype=sbom', provenance: 'false'},
        {},
        ['type=sbom', 'type=provenance,disabled=true']
      ]
    ])('%s', (_name, inputs, overrides, expected) => {
      expect(valuesOf(plan(inputs, overrides).args, '--attest')).toEqual(expected);
    });

    // Inline-only attestations (the private default) are dropped by every exporter but the image one: the result is
    // then one manifest, and BuildKit refuses index annotations on it.
    it.each<[string, Record<string, string>, boolean, boolean]>([
      ['a push', {}, true, true],
      ['type=registry', {outputs: 'type=registry'}, false, true],
      ['an oci tarball', {outputs: 'type=oci,dest=out.tar'}, false, false],
      ['a local directory', {outputs: 'type=local,dest=out'}, false, false],
      ['a build without push or outputs', {}, false, false]
    ])('index annotations with the private default provenance for %s: %s', (_name, inputs, push, index) => {
      const args = plan(inputs, {privateRepository: true, push}).args;
      const annotations = valuesOf(args, '--annotation');
      expect(annotations.some(annotation => annotation.startsWith('index:'))).toBe(index);
    });
  });

  it('loads instead of pushing when asked', () => {
    const command = plan({load: 'true'}, {push: false});
    expect(command.args).toContain('--load');
    expect(command.args).not.toContain('--push');
  });
});

describe('{{defaultContext}}', () => {
  it('stands for the Git context in context and build-contexts, with the token secret', () => {
    const command = plan({context: '{{defaultContext}}:docker', 'build-contexts': 'src={{defaultContext}}'});
    const git = 'https://github.com/Octo-Org/Hello-World.git#860c1904a1ce19322e91ac35af1ab07466440c37';
    expect(command.args.at(-1)).toBe(`${git}:docker`);
    expect(valuesOf(command.args, '--build-context')).toEqual([`src=${git}`]);
    expect(command.gitContext).toBe(true);
    expect(command.secretEnv).toHaveProperty('GHCR_PUBLISH_GIT_AUTH_TOKEN');
  });
});

describe('defaultGitContext', () => {
  it('falls back to the ref without a sha and honours GitHub Enterprise Server', () => {
    const ghes = githubContextFrom(
      {GITHUB_REPOSITORY: 'o/r', GITHUB_REF: 'refs/heads/main', GITHUB_SERVER_URL: 'https://ghes.example.com'},
      {}
    );
    expect(defaultGitContext(ghes)).toBe('https://ghes.example.com/o/r.git#refs/heads/main');
  });
});

describe('a platform job of a matrix (distribute: platform)', () => {
  const platformJob = {distribute: 'platform', platforms: 'linux/arm64'};

  it('pushes by digest through an image output, without tags or --push', () => {
    const command = plan(platformJob, {pushByDigestTo: ['ghcr.io/octo-org/hello-world']});
    expect(valuesOf(command.args, '--tag')).toEqual([]);
    expect(command.args).not.toContain('--push');
    expect(valuesOf(command.args, '--output')).toEqual([
      'type=image,name=ghcr.io/octo-org/hello-world,push-by-digest=true,name-canonical=true,push=true'
    ]);
    expect(valuesOf(command.args, '--platform')).toEqual(['linux/arm64']);
  });

  it('quotes several image names as one CSV field', () => {
    const command = plan(platformJob, {pushByDigestTo: ['ghcr.io/o/app', 'docker.io/o/app']});
    expect(valuesOf(command.args, '--output')).toEqual([
      'type=image,"name=ghcr.io/o/app,docker.io/o/app",push-by-digest=true,name-canonical=true,push=true'
    ]);
  });

  it('builds without an output when the event does not push', () => {
    const command = plan(platformJob, {pushByDigestTo: ['ghcr.io/o/app'], push: false});
    expect(valuesOf(command.args, '--output')).toEqual([]);
    expect(valuesOf(command.args, '--tag')).toEqual([]);
  });

  it('keeps a cache scope per platform, so matrix jobs do not overwrite each other', () => {
    const arm = plan(platformJob, {pushByDigestTo: ['ghcr.io/o/app'], actionsCacheAvailable: true});
    const amd = plan(
      {...platformJob, platforms: 'linux/amd64'},
      {pushByDigestTo: ['ghcr.io/o/app'], actionsCacheAvailable: true}
    );
    expect(arm.cache.from[0]).toMatch(/scope=.*linux\/arm64|scope=.*linux-arm64/);
    expect(arm.cache.from).not.toEqual(amd.cache.from);
  });
});

describe('forBuildKitVersion', () => {
  const command = plan({provenance: ''}, {});
  const annotations = valuesOf(command.args, '--annotation');

  it('keeps everything for BuildKit 0.11 and later, and for an unknown version (Debian reports v0.0.0+unknown)', () => {
    for (const version of ['v0.11.0', 'v0.18.2', 'v1.0.0', 'v0.0.0+unknown', undefined]) {
      expect([version, forBuildKitVersion(command, version).args]).toEqual([version, command.args]);
    }
  });

  it('drops the default provenance and the annotations for an older BuildKit, and says so', () => {
    expect(command.defaultProvenance).toMatch(/^type=provenance,mode=max,builder-id=/);
    expect(annotations.length).toBeGreaterThan(0);
    const old = forBuildKitVersion(command, 'v0.10.6');
    expect(old.args).not.toContain('--attest');
    expect(old.args).not.toContain('--annotation');
    expect(valuesOf(old.args, '--label')).toEqual(valuesOf(command.args, '--label'));
    expect(old.dropped).toEqual(['annotations', 'the default provenance attestation']);
  });

  it("leaves a user's own provenance for buildx to judge", () => {
    const own = plan({provenance: 'mode=max'});
    expect(own.defaultProvenance).toBeUndefined();
    expect(valuesOf(forBuildKitVersion(own, 'v0.10.6').args, '--attest')).toEqual(valuesOf(own.args, '--attest'));
  });
});

describe('the features the builder rule reads', () => {
  it('records push by digest, attestations and annotations as the arguments ask for them', () => {
    expect(plan({}).features).toEqual({pushByDigest: false, attestations: true, annotations: true});
    expect(plan({provenance: 'false'}, {noDefaultAttestations: true}).features.attestations).toBe(false);
    expect(plan({}, {pushByDigestTo: ['ghcr.io/o/app']}).features.pushByDigest).toBe(true);
    expect(plan({}, {pushByDigestTo: ['ghcr.io/o/app'], push: false}).features.pushByDigest).toBe(false);
    expect(plan({outputs: 'type=image,name=ghcr.io/o/app,push-by-digest=true,push=true'}).features.pushByDigest).toBe(
      true
    );
  });
});
