/**
 * The fake docker behaves as documented: it is what the buildx code paths are tested against on machines
 * without buildx, so a wrong answer here would make those tests prove nothing. The fake is run through PATH,
 * as the action finds it.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {createFakeDocker, type FakeDocker, type FakeDockerScenario} from './fake-docker/index.js';

const CALL_TIMEOUT_MS = 15_000;
const NODE_DIR = path.dirname(process.execPath);
const HEX64 = /^sha256:[a-f0-9]{64}$/;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

let fake: FakeDocker;
let home: string;
let workspace: string;

async function setUp(scenario: FakeDockerScenario = {}): Promise<void> {
  fake = await createFakeDocker(scenario);
  home = path.join(fake.dir, 'home');
  workspace = path.join(fake.dir, 'workspace');
  mkdirSync(home);
  mkdirSync(workspace);
  writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo hello\nCOPY . /app\n');
}

/** Only what a test sets reaches the fake, so the machine's own DOCKER_CONFIG or BUILDX_* cannot leak in. */
function environment(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const result: Record<string, string> = {PATH: `${fake.binDir}:${NODE_DIR}:/usr/bin:/bin`, HOME: home, ...fake.env};
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}

function docker(args: string[], options: {input?: string; env?: Record<string, string | undefined>} = {}): Result {
  const result = spawnSync('docker', args, {
    cwd: workspace,
    env: environment(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: CALL_TIMEOUT_MS
  });
  if (result.error) throw result.error;
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

function readJson(file: string) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const metadataFile = () => path.join(fake.dir, 'metadata.json');
const iidFile = () => path.join(fake.dir, 'iid.txt');
const buildArgs = (...extra: string[]) => [
  'buildx',
  'build',
  ...extra,
  '--metadata-file',
  metadataFile(),
  '--iidfile',
  iidFile(),
  '.'
];

afterEach(async () => {
  await fake?.cleanup();
});

describe('recording', () => {
  beforeEach(() => setUp());

  it('appends argv, cwd, the chosen environment variables, the time and the exit code of every call', () => {
    const before = Date.now();
    docker(['version', '--format', '{{.Server.Version}}'], {
      env: {
        DOCKER_CONFIG: path.join(home, 'cfg'),
        BUILDX_NO_DEFAULT_ATTESTATIONS: '1',
        DOCKER_BUILDKIT: '1',
        BUILDX_METADATA_PROVENANCE: 'max',
        GHCR_PUBLISH_SECRET_0: 'value',
        ACTIONS_RUNTIME_TOKEN: 'token',
        UNRELATED_SECRET: 'never logged'
      }
    });
    docker(['buildx', 'nonsense-subcommand', '--flag']);
    const calls = fake.calls();
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      argv: ['version', '--format', '{{.Server.Version}}'],
      cwd: workspace,
      stdin: null,
      exitCode: 0,
      env: {
        DOCKER_CONFIG: path.join(home, 'cfg'),
        BUILDX_NO_DEFAULT_ATTESTATIONS: '1',
        DOCKER_BUILDKIT: '1',
        BUILDX_METADATA_PROVENANCE: 'max',
        GHCR_PUBLISH_SECRET_0: 'value',
        ACTIONS_RUNTIME_TOKEN: 'token'
      }
    });
    expect(Object.keys(calls[0]?.env ?? {})).not.toContain('UNRELATED_SECRET');
    expect(Object.keys(calls[0]?.env ?? {})).not.toContain('PATH');
    expect(Date.parse(calls[0]?.time ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(calls[1]?.argv).toEqual(['buildx', 'nonsense-subcommand', '--flag']);
    expect(fake.callsOf(['buildx'])).toHaveLength(1);
    expect(fake.callsOf(['version', '--format'])).toHaveLength(1);
  });

  it('records failed calls with their exit code', () => {
    expect(docker(['buildx', 'inspect', 'missing']).status).toBe(1);
    expect(fake.calls()[0]).toMatchObject({argv: ['buildx', 'inspect', 'missing'], exitCode: 1});
  });

  it('fails loudly without FAKE_DOCKER_LOG, and on a scenario with unknown keys', () => {
    const unset = docker(['version'], {env: {FAKE_DOCKER_LOG: undefined}});
    expect(unset.status).toBe(2);
    expect(unset.stderr).toMatch(/FAKE_DOCKER_LOG is not set/);

    writeFileSync(fake.scenarioFile, JSON.stringify({buildX: null}));
    const typo = docker(['version']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/unknown scenario key\(s\) buildX/);
  });

  it('answers scripted commands first, and only `times` times', () => {
    fake.setScenario({
      commands: [
        {argv: ['buildx', 'imagetools', 'inspect'], stdout: 'scripted\n', stderr: 'oops\n', exitCode: 3, times: 1}
      ]
    });
    expect(docker(['buildx', 'imagetools', 'inspect', 'ghcr.io/o/r:1'])).toEqual({
      status: 3,
      stdout: 'scripted\n',
      stderr: 'oops\n'
    });
    const second = docker(['buildx', 'imagetools', 'inspect', 'ghcr.io/o/r:1']);
    expect(second.status).toBe(1);
    expect(second.stderr).toBe('ERROR: ghcr.io/o/r:1: not found\n');
  });

  it('forgets calls and state on reset', () => {
    docker(['buildx', 'create', '--name', 'b']);
    expect(fake.calls()).toHaveLength(1);
    fake.reset();
    expect(fake.calls()).toEqual([]);
    expect(fake.state()).toEqual({});
  });
});

describe('buildx present or absent', () => {
  it('reports the plugin version', async () => {
    await setUp();
    expect(docker(['buildx', 'version']).stdout).toBe('github.com/docker/buildx v0.19.3 48d6a39\n');
    fake.setScenario({buildx: {version: 'v0.20.1'}});
    expect(docker(['buildx', 'version']).stdout).toMatch(/^github\.com\/docker\/buildx v0\.20\.1 [0-9a-f]{7}\n$/);
  });

  it("prints docker's own message for any buildx command when the plugin is missing", async () => {
    await setUp({buildx: null});
    for (const args of [
      ['buildx', 'version'],
      ['buildx', 'build', '.'],
      ['buildx', 'inspect']
    ]) {
      expect(docker(args)).toEqual({
        status: 1,
        stdout: '',
        stderr: "docker: 'buildx' is not a docker command.\nSee 'docker --help'\n"
      });
    }
  });

  it('without the plugin, docker build refuses BuildKit and falls back to the legacy builder with a warning', async () => {
    await setUp({buildx: null});
    const buildKit = docker(['build', '-t', 'ghcr.io/o/r:1', '.'], {env: {DOCKER_BUILDKIT: '1'}});
    expect(buildKit.status).toBe(1);
    expect(buildKit.stderr).toMatch(/^ERROR: BuildKit is enabled but the buildx component is missing or broken\./);

    const legacy = docker(['build', '-t', 'ghcr.io/o/r:1', '--iidfile', iidFile(), '.']);
    expect(legacy.status).toBe(0);
    expect(legacy.stderr).toMatch(/^DEPRECATED: The legacy builder is deprecated.*\n\s+Install the buildx component/);
    expect(legacy.stdout).toMatch(/^Sending build context to Docker daemon/);
    expect(legacy.stdout).toMatch(/Step 1\/3 : FROM alpine:3\.20\n/);
    expect(legacy.stdout).toMatch(/Successfully tagged ghcr\.io\/o\/r:1\n$/);
    expect(readFileSync(iidFile(), 'utf8')).toMatch(HEX64);

    const buildxOnly = docker(['build', '--metadata-file', metadataFile(), '.'], {env: {DOCKER_BUILDKIT: '0'}});
    expect(buildxOnly.status).toBe(125);
    expect(buildxOnly.stderr).toMatch(/BuildKit is currently disabled[\s\S]*unknown flag: --metadata-file\n/);
  });

  it('with the plugin, docker build is buildx build on the default builder', async () => {
    await setUp({driver: 'docker-container'});
    const result = docker(['build', '-t', 'ghcr.io/o/r:1', '.']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^#0 building with "default" instance using docker driver\n/);
  });
});

describe('builders', () => {
  it('inspects the default docker-driver builder like buildx', async () => {
    await setUp();
    const result = docker(['buildx', 'inspect']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'Name:   default',
        'Driver: docker',
        '',
        'Nodes:',
        'Name:             default',
        'Endpoint:         default',
        'Status:           running',
        'BuildKit version: v0.18.2',
        'Platforms:        linux/amd64, linux/amd64/v2, linux/386',
        'Labels:',
        ' org.mobyproject.buildkit.worker.moby.host-gateway-ip: 172.17.0.1',
        ''
      ].join('\n')
    );
  });

  it("takes the runner's current builder from the scenario", async () => {
    await setUp({driver: 'docker-container', builderName: 'builder-1234'});
    const text = docker(['buildx', 'inspect', '--bootstrap']).stdout;
    expect(text.startsWith('Name:          builder-1234\nDriver:        docker-container\nLast Activity: ')).toBe(true);
    expect(text).toContain('\nName:                  builder-12340\n');
    expect(text).toContain('\nStatus:                running\n');
    expect(text).toContain('\nBuildKit version:      v0.18.2\n');
    expect(docker(['buildx', 'inspect', 'default']).stdout.startsWith('Name:   default\nDriver: docker\n')).toBe(true);
  });

  it('creates, bootstraps, lists, uses and removes builders, remembered per docker config directory', async () => {
    await setUp();
    const create = docker([
      'buildx',
      'create',
      '--name',
      'ci',
      '--driver',
      'docker-container',
      '--driver-opt',
      'network=host'
    ]);
    expect(create).toMatchObject({status: 0, stdout: 'ci\n', stderr: ''});

    const inactive = docker(['buildx', 'inspect', '--builder', 'ci']).stdout;
    expect(inactive).toContain('\nDriver Options:        network="host"\nStatus:                inactive\n');
    expect(inactive).not.toMatch(/BuildKit version/);

    const boot = docker(['buildx', 'inspect', '--bootstrap', 'ci']);
    expect(boot.stderr).toMatch(/^#1 \[internal\] booting buildkit\n#1 pulling image moby\/buildkit:buildx-stable-1\n/);
    expect(boot.stderr).toMatch(/#1 creating container buildx_buildkit_ci0\n/);
    expect(boot.stdout).toContain('\nStatus:                running\n');
    expect(boot.stdout).toContain('\nPlatforms:             linux/amd64, linux/amd64/v2, linux/386\n');

    expect(docker(['buildx', 'inspect']).stdout.startsWith('Name:   default\n')).toBe(true);
    docker(['buildx', 'use', 'ci']);
    expect(docker(['buildx', 'inspect']).stdout.startsWith('Name:          ci\n')).toBe(true);
    expect(docker(['buildx', 'ls']).stdout).toMatch(
      /^NAME\/NODE +DRIVER\/ENDPOINT +STATUS +BUILDKIT +PLATFORMS\nci\* +docker-container/
    );

    const otherConfig = {DOCKER_CONFIG: path.join(fake.dir, 'other-config')};
    expect(docker(['buildx', 'inspect', 'ci'], {env: otherConfig})).toMatchObject({
      status: 1,
      stderr: 'ERROR: no builder "ci" found\n'
    });

    const duplicate = docker(['buildx', 'create', '--name', 'ci']);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/^ERROR: existing instance for "ci" but no append mode/);

    expect(docker(['buildx', 'rm', 'ci'])).toMatchObject({status: 0, stderr: 'ci removed\n'});
    expect(docker(['buildx', 'inspect', 'ci'])).toMatchObject({status: 1, stderr: 'ERROR: no builder "ci" found\n'});
    expect(docker(['buildx', 'inspect']).stdout.startsWith('Name:   default\n')).toBe(true);
    const again = docker(['buildx', 'rm', 'ci']);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(
      'failed to remove ci: no builder "ci" found\nERROR: failed to remove one or more builders\n'
    );
  });

  it('create --bootstrap --use prints the boot progress, then the name', async () => {
    await setUp();
    const result = docker(['buildx', 'create', '--name', 'x', '--driver', 'docker-container', '--bootstrap', '--use']);
    expect(result.stdout).toBe('x\n');
    expect(result.stderr).toMatch(/#1 DONE 2\.0s\n/);
    const inspect = docker(['buildx', 'inspect']).stdout;
    expect(inspect.startsWith('Name:          x\n')).toBe(true);
    expect(inspect).toContain('\nStatus:                running\n');
  });
});

describe('buildx build', () => {
  const pushArgs = (...extra: string[]) =>
    buildArgs('--tag', 'ghcr.io/o/r:1', '--tag', 'ghcr.io/o/r:latest', '--push', ...extra);

  it('writes the metadata file and the image ID of a single-platform image manifest', async () => {
    await setUp();
    const result = docker(pushArgs('--platform', 'linux/amd64'));
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /^#0 building with "default" instance using docker driver\n\n#1 \[internal\] load build definition from Dockerfile\n/
    );
    expect(result.stderr).toMatch(/#\d+ exporting to image\n/);
    expect(result.stderr).toMatch(/#\d+ pushing layers\n/);
    expect(result.stderr).toMatch(/#\d+ DONE \d+\.\ds\n\n$/);

    const metadata = readJson(metadataFile());
    expect(Object.keys(metadata)).toEqual([
      'buildx.build.provenance',
      'buildx.build.ref',
      'containerimage.config.digest',
      'containerimage.descriptor',
      'containerimage.digest',
      'image.name'
    ]);
    expect(metadata['buildx.build.ref']).toMatch(/^default\/default\/[a-z0-9]{25}$/);
    expect(metadata['image.name']).toBe('ghcr.io/o/r:1,ghcr.io/o/r:latest');
    expect(metadata['containerimage.digest']).toMatch(HEX64);
    expect(metadata['containerimage.descriptor']).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: metadata['containerimage.digest'],
      size: expect.any(Number)
    });
    expect(metadata['buildx.build.provenance']).toMatchObject({
      buildType: 'https://mobyproject.org/buildkit@v1',
      invocation: {environment: {platform: 'linux/amd64'}}
    });
    expect(readFileSync(iidFile(), 'utf8')).toBe(metadata['containerimage.config.digest']);
  });

  it('writes an image index for several platforms, with provenance per platform', async () => {
    await setUp({driver: 'docker-container'});
    const result = docker(pushArgs('--platform', 'linux/amd64,linux/arm64'));
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/#0 building with "builder" instance using docker-container driver/);
    expect(result.stderr).toMatch(/\[linux\/arm64 1\/3\] FROM alpine:3\.20/);
    expect(result.stderr).toMatch(/exporting manifest list sha256:/);
    const metadata = readJson(metadataFile());
    expect(metadata['containerimage.descriptor'].mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(metadata['containerimage.config.digest']).toBeUndefined();
    expect(Object.keys(metadata)).toContain('buildx.build.provenance/linux/arm64');
    expect(metadata['buildx.build.ref']).toMatch(/^builder\/builder0\//);
    expect(readFileSync(iidFile(), 'utf8')).toBe(metadata['containerimage.digest']);
  });

  it('attaches the default provenance on a container builder (an index), unless disabled', async () => {
    await setUp({driver: 'docker-container'});
    docker(pushArgs());
    expect(readJson(metadataFile())['containerimage.descriptor'].mediaType).toBe(
      'application/vnd.oci.image.index.v1+json'
    );
    docker(pushArgs('--provenance=false'));
    expect(readJson(metadataFile())['containerimage.descriptor'].mediaType).toBe(
      'application/vnd.oci.image.manifest.v1+json'
    );
    docker(pushArgs(), {env: {BUILDX_NO_DEFAULT_ATTESTATIONS: '1'}});
    expect(readJson(metadataFile())['containerimage.descriptor'].mediaType).toBe(
      'application/vnd.oci.image.manifest.v1+json'
    );
  });

  it('derives digests from the content, not from the tags', async () => {
    await setUp({driver: 'docker-container'});
    const digest = () => readJson(metadataFile())['containerimage.digest'];
    docker(buildArgs('--tag', 'ghcr.io/o/r:1', '--push', '--build-arg', 'A=1'));
    const first = digest();
    docker(buildArgs('--tag', 'ghcr.io/o/other:2', '--push', '--build-arg', 'A=1'));
    expect(digest()).toBe(first);
    docker(buildArgs('--tag', 'ghcr.io/o/r:1', '--push', '--build-arg', 'A=2'));
    expect(digest()).not.toBe(first);
  });

  it('reports what the docker driver cannot do, with buildx messages', async () => {
    await setUp();
    const multi = docker(buildArgs('--platform', 'linux/amd64,linux/arm64', '-t', 'ghcr.io/o/r:1', '--push'));
    expect(multi.status).toBe(1);
    expect(multi.stderr).toBe(
      'ERROR: Multi-platform build is not supported for the docker driver.\n' +
        'Switch to a different driver, or turn on the containerd image store, and try again.\n' +
        'Learn more at https://docs.docker.com/go/build-multi-platform/\n'
    );
    expect(docker(buildArgs('--cache-to', 'type=gha,mode=max')).stderr).toMatch(
      /^ERROR: Cache export is not supported/
    );
    expect(docker(buildArgs('--attest', 'type=provenance,mode=max')).stderr).toMatch(
      /^ERROR: Attestation is not supported for the docker driver\./
    );
    expect(docker(buildArgs('-t', 'ghcr.io/O/r:1')).stderr).toBe(
      'ERROR: invalid tag "ghcr.io/O/r:1": repository name must be lowercase\n'
    );
    expect(docker(buildArgs('--push')).stderr).toBe('ERROR: tag is needed when pushing to registry\n');

    fake.setScenario({containerdStore: true});
    expect(docker(buildArgs('--platform', 'linux/amd64,linux/arm64', '-t', 'ghcr.io/o/r:1', '--push')).status).toBe(0);
  });

  it('uses --builder, BUILDX_BUILDER and the current builder, in that order', async () => {
    await setUp();
    docker(['buildx', 'create', '--name', 'one', '--driver', 'docker-container']);
    docker(['buildx', 'create', '--name', 'two', '--driver', 'docker-container', '--use']);
    expect(docker(buildArgs()).stderr).toMatch(
      /^WARNING: No output specified with docker-container driver\.[^\n]*\n#0 building with "two"/
    );
    expect(docker(buildArgs(), {env: {BUILDX_BUILDER: 'one'}}).stderr).toMatch(/#0 building with "one"/);
    expect(docker(['buildx', '--builder', 'default', ...buildArgs().slice(1)]).stderr).toMatch(
      /#0 building with "default"/
    );
    expect(docker(buildArgs('--builder', 'three'))).toMatchObject({
      status: 1,
      stderr: 'ERROR: no builder "three" found\n'
    });
  });

  it('fails as scripted, leaving no image ID, and `times` limits the failures', async () => {
    const denied =
      'ERROR: failed to solve: failed to push ghcr.io/o/r:1: denied: installation not allowed to Write organization package';
    await setUp({build: {fail: {stderr: denied, exitCode: 1, times: 1}}});
    writeFileSync(iidFile(), 'stale');
    const failed = docker(pushArgs());
    expect(failed.status).toBe(1);
    expect(failed.stderr.endsWith(`${denied}\n`)).toBe(true);
    expect(existsSync(iidFile())).toBe(false);
    expect(existsSync(metadataFile())).toBe(false);
    expect(docker(pushArgs()).status).toBe(0);
  });

  it('reports a forced digest', async () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    await setUp({build: {digest}});
    docker(pushArgs());
    expect(readJson(metadataFile())['containerimage.digest']).toBe(digest);
  });

  it('checks that the context and the Dockerfile exist', async () => {
    await setUp();
    expect(docker(['buildx', 'build', 'missing-dir'])).toMatchObject({
      status: 1,
      stderr: 'ERROR: unable to prepare context: path "missing-dir" not found\n'
    });
    const noDockerfile = docker(['buildx', 'build', '-f', 'Other.Dockerfile', '.']);
    expect(noDockerfile.status).toBe(1);
    expect(noDockerfile.stderr).toMatch(
      /ERROR: failed to solve: failed to read dockerfile: open Other\.Dockerfile: no such file or directory\n$/
    );
    expect(docker(['buildx', 'build', 'https://github.com/o/r.git#abc']).status).toBe(0);
  });
});

describe('login and logout', () => {
  const config = (dir = path.join(home, '.docker')) => readJson(path.join(dir, 'config.json'));

  it('reads the password from stdin and stores it in ~/.docker/config.json', async () => {
    await setUp();
    const result = docker(['login', '--username', 'octocat', '--password-stdin', 'ghcr.io'], {input: 's3cret\n'});
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Login Succeeded\n');
    expect(result.stderr).toMatch(/^WARNING! Your password will be stored unencrypted in .*config\.json\./);
    expect(config()).toEqual({auths: {'ghcr.io': {auth: Buffer.from('octocat:s3cret').toString('base64')}}});
    expect(fake.calls()[0]?.stdin).toBe('s3cret\n');
  });

  it('writes into DOCKER_CONFIG and keeps what config.json already holds', async () => {
    await setUp();
    const dir = path.join(fake.dir, 'isolated');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({auths: {'docker.io': {auth: 'x'}}, detachKeys: 'ctrl-e'})
    );
    docker(['login', '-u', 'u', '--password-stdin', 'registry.example.com'], {input: 'p', env: {DOCKER_CONFIG: dir}});
    expect(config(dir)).toEqual({
      auths: {'docker.io': {auth: 'x'}, 'registry.example.com': {auth: Buffer.from('u:p').toString('base64')}},
      detachKeys: 'ctrl-e'
    });
    expect(existsSync(path.join(home, '.docker'))).toBe(false);
  });

  it('refuses a password the scenario does not expect', async () => {
    await setUp({logins: {'ghcr.io': 'right'}});
    const result = docker(['login', '--username', 'u', '--password-stdin', 'ghcr.io'], {input: 'wrong'});
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Error response from daemon: Get "https://ghcr.io/v2/": unauthorized\n'
    });
    expect(existsSync(path.join(home, '.docker', 'config.json'))).toBe(false);
    expect(docker(['login', '--username', 'u', '--password-stdin', 'ghcr.io'], {input: 'right\n'}).status).toBe(0);
  });

  it('does not wait forever for a standard input that is never closed', async () => {
    await setUp({stdinTimeoutMs: 300});
    const started = Date.now();
    const result = await new Promise<{code: number | null; stderr: string}>((resolve, reject) => {
      const child = spawn('docker', ['login', '-u', 'u', '--password-stdin', 'ghcr.io'], {
        cwd: workspace,
        env: environment(),
        stdio: ['pipe', 'pipe', 'pipe']
      });
      let stderr = '';
      child.stderr.on('data', chunk => (stderr += chunk));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('the fake kept waiting for standard input'));
      }, CALL_TIMEOUT_MS);
      child.on('close', code => {
        clearTimeout(timer);
        child.stdin.destroy();
        resolve({code, stderr});
      });
    });
    expect(Date.now() - started).toBeLessThan(CALL_TIMEOUT_MS);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/standard input was not closed within 300 ms/);
    expect(result.stderr).toMatch(/Error: Cannot perform an interactive login from a non TTY device/);
  });

  it('logs out, once', async () => {
    await setUp();
    docker(['login', '--username', 'u', '--password-stdin', 'ghcr.io'], {input: 'p'});
    expect(docker(['logout', 'ghcr.io']).stdout).toBe('Removing login credentials for ghcr.io\n');
    expect(config()).toEqual({auths: {}});
    expect(docker(['logout', 'ghcr.io'])).toMatchObject({status: 0, stdout: 'Not logged in to ghcr.io\n'});
  });
});

describe('legacy build and push', () => {
  const legacy = {DOCKER_BUILDKIT: '0'};

  it('pushes with a digest that depends on the image only', async () => {
    await setUp({buildx: null});
    docker(['build', '-t', 'ghcr.io/o/r:1', '-t', 'ghcr.io/o/r:latest', '.'], {env: legacy});
    const first = docker(['push', 'ghcr.io/o/r:1']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^The push refers to repository \[ghcr\.io\/o\/r\]\n[0-9a-f]{12}: Preparing\n/);
    expect(first.stdout).toMatch(/[0-9a-f]{12}: Pushed\n/);
    const digestLine = /^1: digest: (sha256:[0-9a-f]{64}) size: 528$/m.exec(first.stdout);
    expect(digestLine).not.toBeNull();

    const second = docker(['push', 'ghcr.io/o/r:latest']);
    expect(second.stdout).toMatch(/[0-9a-f]{12}: Layer already exists\n/);
    expect(second.stdout).toContain(`latest: digest: ${digestLine?.[1]} size: 528\n`);
    expect(docker(['push', 'ghcr.io/o/r:1']).stdout).toContain(`1: digest: ${digestLine?.[1]} size: 528\n`);

    const inspect = docker(['image', 'inspect', 'ghcr.io/o/r:1', '--format', '{{json .RepoDigests}}']);
    expect(JSON.parse(inspect.stdout)).toEqual([`ghcr.io/o/r@${digestLine?.[1]}`]);
  });

  it('refuses to push what was not built, and fails as scripted', async () => {
    await setUp({buildx: null, push: {fail: {stderr: 'denied: permission_denied: write_package', times: 1}}});
    expect(docker(['push', 'ghcr.io/o/r:1'])).toMatchObject({
      status: 1,
      stderr: 'An image does not exist locally with the tag: ghcr.io/o/r\n'
    });
    docker(['build', '-t', 'ghcr.io/o/r:1', '.'], {env: legacy});
    expect(docker(['push', 'ghcr.io/o/r:1'])).toMatchObject({
      status: 1,
      stderr: 'denied: permission_denied: write_package\n'
    });
    expect(docker(['push', 'ghcr.io/o/r:1']).status).toBe(0);
  });

  it('requires a login to push when the scenario says so', async () => {
    await setUp({buildx: null, requireLogin: true});
    docker(['build', '-t', 'ghcr.io/o/r:1', '.'], {env: legacy});
    expect(docker(['push', 'ghcr.io/o/r:1']).status).toBe(1);
    docker(['login', '-u', 'u', '--password-stdin', 'ghcr.io'], {input: 'p'});
    expect(docker(['push', 'ghcr.io/o/r:1']).status).toBe(0);
  });
});

describe('engine, context and emulators', () => {
  beforeEach(() => setUp());

  it('answers version, info and context inspect, as text or through --format', () => {
    expect(
      docker(['version']).stdout.startsWith('Client: Docker Engine - Community\n Version:           27.5.1\n')
    ).toBe(true);
    expect(JSON.parse(docker(['version', '--format', 'json']).stdout)).toMatchObject({
      Client: {Version: '27.5.1', ApiVersion: '1.47'},
      Server: {Version: '27.5.1', Os: 'linux'}
    });
    expect(docker(['version', '-f', '{{.Server.Version}} {{.Client.ApiVersion}}']).stdout).toBe('27.5.1 1.47\n');
    expect(docker(['info', '--format', '{{.OSType}} {{.Driver}}']).stdout).toBe('linux overlay2\n');
    expect(docker(['info']).stdout).toContain('\n  buildx: Docker Buildx (Docker Inc.)\n    Version:  v0.19.3\n');
    expect(docker(['context', 'inspect', '--format', '{{.Endpoints.docker.Host}}']).stdout).toBe(
      'unix:///var/run/docker.sock\n'
    );
    expect(JSON.parse(docker(['context', 'inspect']).stdout)[0]).toMatchObject({Name: 'default'});
  });

  it('installs QEMU emulators with tonistiigi/binfmt, and builders then offer their platforms', () => {
    const result = docker([
      'run',
      '--rm',
      '--privileged',
      'tonistiigi/binfmt:latest',
      '--install',
      'arm64,linux/riscv64'
    ]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      supported: ['linux/amd64', 'linux/amd64/v2', 'linux/386', 'linux/arm64', 'linux/riscv64'],
      emulators: ['qemu-aarch64', 'qemu-riscv64']
    });
    expect(result.stderr).toMatch(/installing: arm64 OK\n/);
    expect(docker(['buildx', 'inspect']).stdout).toMatch(
      /Platforms: +linux\/amd64, linux\/amd64\/v2, linux\/386, linux\/arm64, linux\/riscv64\n/
    );
  });
});

describe('speed', () => {
  beforeEach(() => setUp());

  it('measures the time of one invocation (printed, not asserted)', () => {
    const rounds = 10;
    const measure = (args: string[]) => {
      const started = process.hrtime.bigint();
      for (let round = 0; round < rounds; round++) docker(args);
      return Number(process.hrtime.bigint() - started) / 1e6 / rounds;
    };
    const node = (() => {
      const started = process.hrtime.bigint();
      for (let round = 0; round < rounds; round++) spawnSync(process.execPath, ['-e', '0'], {timeout: CALL_TIMEOUT_MS});
      return Number(process.hrtime.bigint() - started) / 1e6 / rounds;
    })();
    const version = measure(['buildx', 'version']);
    const build = measure(buildArgs('-t', 'ghcr.io/o/r:1', '--push'));
    const inside = fake.calls().map(call => call.durationMs);
    const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    console.log(
      `fake docker, per invocation (wall time, spawn included): buildx version ${version.toFixed(1)} ms, ` +
        `buildx build --push ${build.toFixed(1)} ms; bare \`node -e 0\` ${node.toFixed(1)} ms; ` +
        `inside the fake ${average(inside).toFixed(1)} ms on average`
    );
    expect(fake.calls()).toHaveLength(2 * rounds);
  });
});
