/**
 * The bundled action, main then post as a runner runs them, against the recording fake docker: which docker
 * commands run, in which order, with which arguments, stdin and environment, and what the step reports, including
 * answers the real engine here cannot give (other drivers and BuildKit versions, registry denials, no buildx).
 * The real buildx and BuildKit run in __tests__/e2e/buildx-real.test.ts.
 */
import {existsSync} from 'node:fs';
import {cleanupAllFakeDockers, type FakeDocker} from '../support/fake-docker/index.js';
import {valuesOf} from '../support/expectations.js';
import {FAKE_RUN_TOKEN, runWithFakeDocker} from '../support/with-fake-docker.js';

const TOKEN = FAKE_RUN_TOKEN;
const IMAGE = 'ghcr.io/octo-org/hello-world';

afterAll(() => cleanupAllFakeDockers());

const publish = runWithFakeDocker;

/** The docker commands in order, as their first two words (login, buildx build...). */
function commandNames(fake: FakeDocker): string[] {
  return fake.calls().map(call => (call.argv[0] === 'buildx' ? `buildx ${call.argv[1]}` : (call.argv[0] ?? '')));
}

/** Splits commands into consecutive groups of the given sizes, each sorted. */
function inGroups(names: string[], sizes: number[]): string[][] {
  let start = 0;
  return sizes.map(size => names.slice(start, (start += size)).sort());
}

/** Each echoed docker command ([command]docker a b ...) with the group it was printed in ('' outside any). */
function phaseOfEachCommand(lines: string[]): [string, string][] {
  let phase = '';
  const found: [string, string][] = [];
  for (const line of lines) {
    if (line.startsWith('::group::')) phase = line.slice('::group::'.length);
    else if (line.startsWith('::endgroup::')) phase = '';
    const command = /^\[command\]\S*docker (buildx \S+|\S+)/.exec(line)?.[1];
    if (command) found.push([phase, `docker ${command}`]);
  }
  return found;
}

/** What a tool image (BuildKit, binfmt) may cost: inspect, pull, tag, save; or inspect, load. */
const TOOL_IMAGE_COMMANDS = new Set(['image', 'pull', 'tag', 'save', 'load']);

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter(item => !test(item))];
}

const emulatorMissing = !existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64');

describe('publishing with buildx (fake docker)', () => {
  it('folds the log by phase, every docker command in the phase it belongs to', async () => {
    const {run} = await publish({}, {inputs: {platforms: 'linux/amd64,linux/arm64'}, actionsCache: true});
    expect(run.main.groups).toEqual([
      'Context and metadata',
      'Login',
      'Builder',
      ...(emulatorMissing ? ['Emulators'] : []),
      expect.stringMatching(/^Builder: creating ghcr-publish-/),
      'Build and push'
    ]);
    expect(run.post?.groups).toEqual(['Cleanup']);
    const phases = phaseOfEachCommand(run.main.lines.map(line => line.text));
    expect(phases).toEqual([
      ['Login', 'docker login'],
      ...(emulatorMissing
        ? [
            ['Emulators', 'docker pull'],
            ['Emulators', 'docker tag'],
            ['Emulators', 'docker run']
          ]
        : []),
      [expect.stringMatching(/^Builder: creating/), 'docker pull'],
      [expect.stringMatching(/^Builder: creating/), 'docker tag'],
      [expect.stringMatching(/^Builder: creating/), 'docker buildx create'],
      [expect.stringMatching(/^Builder: creating/), 'docker buildx inspect'],
      ['Build and push', 'docker buildx build']
    ]);
    expect(phaseOfEachCommand((run.post?.lines ?? []).map(line => line.text))).toEqual([
      ['Cleanup', expect.stringMatching(/^docker (logout|buildx rm)$/)],
      ['Cleanup', expect.stringMatching(/^docker (logout|buildx rm)$/)]
    ]);
  });

  it('pushes a two-platform image with the gha cache in at most 8 docker processes', async () => {
    const {run, fake} = await publish({}, {inputs: {platforms: 'linux/amd64,linux/arm64'}, actionsCache: true});
    expect(run.main.errors).toEqual([]);
    expect(run.main.exitCode).toBe(0);
    expect(run.post?.exitCode).toBe(0);

    // Independent commands run together, so only the order between the groups is fixed. Emulators come before the
    // builder (BuildKit reads them when it starts), and the builder is created, then booted by its own command.
    // The BuildKit image's own commands (a first run: not on the runner, not in the cache) are counted apart.
    const [toolImageCommands, buildCommands] = partition(commandNames(fake), name => TOOL_IMAGE_COMMANDS.has(name));
    const groups = emulatorMissing ? [2, 1, 1, 1, 1, 2] : [2, 1, 1, 1, 2];
    expect(inGroups(buildCommands, groups)).toEqual([
      ['buildx inspect', 'login'],
      ...(emulatorMissing ? [['run']] : []),
      ['buildx create'],
      ['buildx inspect'],
      ['buildx build'],
      ['buildx rm', 'logout']
    ]);
    expect(buildCommands.length).toBeLessThanOrEqual(8);
    expect(toolImageCommands).toEqual(
      emulatorMissing
        ? ['image', 'pull', 'tag', 'save', 'image', 'pull', 'tag', 'save']
        : ['image', 'pull', 'tag', 'save']
    );
    expect(fake.callsOf(['buildx', 'inspect'])[1]?.argv).toEqual(expect.arrayContaining(['--bootstrap', '--builder']));

    const [login] = fake.callsOf(['login']);
    expect(login?.argv).toEqual(['login', '--username', 'octocat', '--password-stdin', 'ghcr.io']);
    expect(login?.stdin).toBe(TOKEN);

    const [create] = fake.callsOf(['buildx', 'create']);
    const builder = valuesOf(create?.argv ?? [], '--name')[0] ?? '';
    expect(create?.argv).toEqual(expect.arrayContaining(['--driver', 'docker-container']));
    expect(create?.argv).not.toContain('--bootstrap');
    // setup-buildx-action's entitlements, so `allow: security.insecure` works on the builder.
    expect(valuesOf(create?.argv ?? [], '--buildkitd-flags')).toEqual([
      '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host'
    ]);

    const [build] = fake.callsOf(['buildx', 'build']);
    const args = build?.argv ?? [];
    expect(valuesOf(args, '--builder')).toEqual([builder]);
    expect(valuesOf(args, '--platform')).toEqual(['linux/amd64,linux/arm64']);
    expect(valuesOf(args, '--tag')).toEqual([`${IMAGE}:v1.2.3`, `${IMAGE}:latest`]);
    expect(valuesOf(args, '--cache-to')).toEqual([
      'type=gha,scope=octo-org-hello-world-linux-amd64+linux-arm64,mode=max,ignore-error=true'
    ]);
    expect(valuesOf(args, '--annotation')).toContain('index:org.opencontainers.image.description=Hello World image');
    expect(args).toContain('--push');
    expect(args.join(' ')).not.toContain(TOKEN);
    // The cache service variables reach buildx, which fills the gha cache attributes from them.
    expect(build?.env).toHaveProperty('ACTIONS_RUNTIME_TOKEN');

    expect(fake.callsOf(['buildx', 'rm'])[0]?.argv).toEqual(['buildx', 'rm', builder]);
    expect(fake.callsOf(['logout'])[0]?.argv).toEqual(['logout', 'ghcr.io']);

    if (emulatorMissing) {
      expect(fake.callsOf(['run'])[0]?.argv).toEqual([
        'run',
        '--rm',
        '--privileged',
        'docker.io/tonistiigi/binfmt:latest',
        '--install',
        'arm64'
      ]);
    }

    const {outputs} = run.main;
    expect(outputs.pushed).toBe('true');
    expect(outputs.image).toBe(IMAGE);
    expect(outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    const metadata = JSON.parse(outputs.metadata ?? '{}') as Record<string, unknown>;
    expect(metadata['containerimage.digest']).toBe(outputs.digest);
    expect(outputs.imageid).toMatch(/^sha256:/);
    expect(run.main.summary).toContain(`docker pull ${IMAGE}@${outputs.digest}`);
    expect(run.main.summary).toContain('GitHub Actions cache');
  });

  it('uses a given builder untouched and never removes it', async () => {
    const {run, fake} = await publish(
      {driver: 'docker-container', builderName: 'remote'},
      {inputs: {builder: 'remote'}}
    );
    expect(run.main.exitCode).toBe(0);
    expect(inGroups(commandNames(fake), [2, 1, 1])).toEqual([
      ['buildx version', 'login'],
      ['buildx build'],
      ['logout']
    ]);
    expect(valuesOf(fake.callsOf(['buildx', 'build'])[0]?.argv ?? [], '--builder')).toEqual(['remote']);
  });

  it('retries only the boot of a new builder when pulling moby/buildkit hiccups, never its creation', async () => {
    // What buildx prints when the boot's pull of moby/buildkit meets a Docker Hub 503; creating the builder again
    // would fail for good with 'existing instance for "<name>" but no append mode'.
    const hiccup =
      '#1 [internal] booting buildkit\n#1 pulling image moby/buildkit:buildx-stable-1\nERROR: Error response from daemon: ' +
      'received unexpected HTTP status: 503 Service Unavailable\n';
    const {run, fake} = await publish(
      {commands: [{argv: ['buildx', 'inspect', '--bootstrap'], stderr: hiccup, exitCode: 1, times: 1}]},
      {inputs: {platforms: 'linux/amd64,linux/arm64'}}
    );
    expect(run.main.errors).toEqual([]);
    expect(fake.callsOf(['buildx', 'create'])).toHaveLength(1);
    expect(fake.callsOf(['buildx', 'inspect', '--bootstrap'])).toHaveLength(2);
    expect(run.main.stdout).toMatch(
      /Booting the buildx builder failed transiently .*503 Service Unavailable.*; retry 1/
    );
  });

  it('says what a builder that cannot be created is for, and how to do without it', async () => {
    const pullFailed =
      'ERROR: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host\n';
    const {run} = await publish(
      {commands: [{argv: ['buildx', 'inspect', '--bootstrap'], stderr: pullFailed, exitCode: 1}]},
      {inputs: {platforms: 'linux/amd64,linux/arm64'}}
    );
    const error = run.main.errors.join('\n');
    expect(error).toMatch(
      /docker-container builder this build needs \(the docker driver cannot do 2 platforms on the classic/
    );
    expect(error).toMatch(/moby\/buildkit image, pulled from Docker Hub/);
    expect(error).toMatch(/"builder" input .* containerd image store/);
    expect(error).toContain('no such host');
  });

  it('builds without default provenance and annotations, with a warning, on a BuildKit older than 0.11', async () => {
    // buildx refuses --attest and --annotation against BuildKit < 0.11; a current builder that old still builds.
    const {run, fake} = await publish({driver: 'docker-container', buildkitVersion: 'v0.10.6'});
    expect(run.main.errors).toEqual([]);
    expect(run.main.warnings.join('\n')).toMatch(/BuildKit v0\.10\.6, older than 0\.11/);
    const args = fake.callsOf(['buildx', 'build'])[0]?.argv ?? [];
    expect(args).not.toContain('--attest');
    expect(args).not.toContain('--annotation');
    expect(args).toContain('--label');
  });

  it("asks buildx for the build checks' warnings and shows them as annotations on the Dockerfile's lines", async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const {run, fake} = await publish({
      driver: 'docker-container',
      build: {
        warnings: [
          {
            level: 1,
            short: b64("FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)"),
            url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
            sourceInfo: {filename: 'Dockerfile', language: 'Dockerfile'},
            range: [{start: {line: 1}, end: {line: 1}}]
          }
        ]
      }
    });
    expect(run.main.errors).toEqual([]);
    expect(fake.callsOf(['buildx', 'build'])[0]?.env.BUILDX_METADATA_WARNINGS).toBe('true');
    const annotation = run.main.annotations.find(entry => /FromAsCasing/.test(entry.message));
    expect(annotation).toMatchObject({
      level: 'warning',
      properties: {title: 'Build check', file: 'Dockerfile', line: '1', endLine: '1'}
    });
  });

  it('installs no emulators for a builder given as input: its own platform list decides (it may be remote)', async () => {
    const {run, fake} = await publish(
      {driver: 'docker-container', builderName: 'remote', platforms: ['linux/amd64', 'linux/riscv64']},
      {inputs: {builder: 'remote', platforms: 'linux/amd64,linux/riscv64'}}
    );
    expect(run.main.errors).toEqual([]);
    expect(fake.callsOf(['run'])).toEqual([]);
  });

  it('asks docker info for the image store when an older buildx prints no worker labels', async () => {
    // `buildx inspect` as buildx before the Labels section printed it; the engine is on the containerd store.
    const olderInspect = [
      'Name:   default',
      'Driver: docker',
      '',
      'Nodes:',
      'Name:      default',
      'Endpoint:  default',
      'Status:    running',
      'Buildkit:  v0.12.5',
      'Platforms: linux/amd64, linux/arm64',
      ''
    ].join('\n');
    const {run, fake} = await publish(
      {containerdStore: true, commands: [{argv: ['buildx', 'inspect'], stdout: olderInspect}]},
      {inputs: {platforms: 'linux/amd64,linux/arm64'}}
    );
    expect(run.main.errors).toEqual([]);
    expect(fake.callsOf(['info'])).toHaveLength(1);
    expect(fake.callsOf(['buildx', 'create'])).toEqual([]);
    expect(run.main.stdout).toContain('default (docker driver, containerd image store, BuildKit v0.12.5)');
  });

  it('keeps a current docker-container builder', async () => {
    const {run, fake} = await publish({driver: 'docker-container'});
    expect(run.main.exitCode).toBe(0);
    expect(commandNames(fake)).not.toContain('buildx create');
    expect(fake.callsOf(['buildx', 'build'])[0]?.argv).not.toContain('--builder');
  });

  it('passes secrets in files of the work directory, never in the arguments or the environment of the build', async () => {
    const {run, fake} = await publish({driver: 'docker-container'}, {inputs: {secrets: 'npm=s3cr3t-npm-value'}});
    expect(run.main.exitCode).toBe(0);
    const [build] = fake.callsOf(['buildx', 'build']);
    const [secret] = valuesOf(build?.argv ?? [], '--secret');
    expect(secret).toMatch(/^id=npm,src=.*\/ghcr-publish-[^/]+\/secret-0$/);
    expect(JSON.stringify(build?.env)).not.toContain('s3cr3t-npm-value');
    expect(run.main.masks).toContain('s3cr3t-npm-value');
  });

  it('builds a fork pull request without pushing even with push: true', async () => {
    const {run, fake} = await publish(
      {driver: 'docker-container'},
      {event: 'pull-request-fork', inputs: {push: 'true'}}
    );
    expect(run.main.exitCode).toBe(0);
    // Logged in all the same: a read-only token still pulls private base images and caches.
    expect(inGroups(commandNames(fake), [2, 1, 1])).toEqual([
      ['buildx inspect', 'login'],
      ['buildx build'],
      ['logout']
    ]);
    expect(fake.callsOf(['buildx', 'build'])[0]?.argv).not.toContain('--push');
    expect(run.main.outputs.pushed).toBe('false');
    expect(run.main.warnings.join('\n')).toMatch(/fork/);
  });

  it('maps a GHCR denial to its fix, and post still logs out and removes the builder', async () => {
    const denied =
      'ERROR: failed to solve: failed to push ghcr.io/octo-org/hello-world:v1.2.3: denied: installation not allowed to Write organization package';
    const {run, fake} = await publish({build: {fail: {stderr: `#9 pushing layers\n${denied}\n`}}});
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors.join('\n')).toMatch(
      /Build and push failed: .*Write organization package\n.*permissions: packages: write/s
    );
    expect(run.post?.exitCode).toBe(0);
    expect(commandNames(fake).slice(-2).sort()).toEqual(['buildx rm', 'logout']);
  });

  it('stops at a refused login before creating a builder or building, and post still logs out', async () => {
    const {run, fake} = await publish({logins: {'ghcr.io': 'the-real-token'}});
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors.join('\n')).toMatch(/Login to ghcr\.io failed: .*unauthorized\n.*packages: write/s);
    // The login runs alongside the builder probe: nothing is created for a run that cannot push.
    expect(commandNames(fake).slice(0, 2).sort()).toEqual(['buildx inspect', 'login']);
    expect(commandNames(fake)).not.toContain('buildx create');
    expect(commandNames(fake)).not.toContain('buildx build');
    // Post logs out too: a login cancelled half-way may have written credentials.
    expect(commandNames(fake).slice(2)).toEqual(['logout']);
    expect(run.post?.exitCode).toBe(0);
  });

  it('refuses a multi-platform build without buildx and says how to get it', async () => {
    const {run, fake} = await publish({buildx: null}, {inputs: {platforms: 'linux/amd64,linux/arm64'}});
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors.join('\n')).toMatch(
      /input "platforms": building several platforms needs docker buildx.*Install the buildx plugin/
    );
    expect(commandNames(fake).sort()).toEqual(['buildx inspect', 'login', 'logout']);
  });

  it('falls back to docker build and docker push without buildx', async () => {
    const {run, fake} = await publish({buildx: null});
    expect(run.main.exitCode).toBe(0);
    expect(run.main.warnings.join('\n')).toMatch(/buildx is not available/);
    const pushes = fake.callsOf(['push']).map(call => call.argv[1]);
    expect(pushes).toEqual([`${IMAGE}:v1.2.3`, `${IMAGE}:latest`]);
    expect(run.main.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(run.main.outputs.pushed).toBe('true');
  });
});
