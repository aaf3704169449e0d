/**
 * Real services for end-to-end tests: a Docker engine (20.10, with its built-in BuildKit), an OCI registry
 * (distribution v2.8) on 127.0.0.1:5000 with htpasswd auth, and a tiny local base image. They are set up by
 * scripts/services/start-all.sh (idempotent, fast when everything is up), which ensureServices() runs.
 *
 *   const services = await ensureServices();            // in beforeAll(..., SETUP_TIMEOUT_MS)
 *   const config = await createDockerConfig();           // private DOCKER_CONFIG: credentials never shared
 *   await docker(['login', '-u', services.username, '--password-stdin', services.registry],
 *     {stdin: services.password, config});
 *   const context = await makeBuildContext({'hello.txt': 'hi'}, {instructions: ['COPY hello.txt /']});
 *   const repository = uniqueRepository('e2e/sample');   // reruns never collide
 *   await manifestDigest(repository, 'one');             // the registry's Docker-Content-Digest
 *
 * API
 * - ensureServices(options?): Promise<Services>; runs start-all.sh at most once per process (bounded by
 *   SETUP_TIMEOUT_MS); a failure rejects with the script's output.
 * - Registry over HTTP (fetch, basic auth as ci-user unless `auth: false` or other credentials, bounded):
 *   registryRequest(path, options), manifestDigest(repository, reference), getManifest(repository, reference),
 *   listTags(repository), getBlob(repository, digest), getImageConfig(repository, reference),
 *   deleteManifest(repository, digest). Errors are RegistryError {status, body}. Each takes `registry` (default
 *   127.0.0.1:5000): against TOKEN_SERVICES.registry a Bearer challenge is answered with a token fetched from
 *   its realm with the same credentials (an implementation independent of src/adapters/registry-client.ts).
 * - The GHCR-like registry with token authentication (scripts/services/token-registry.sh): TOKEN_SERVICES
 *   (registry 127.0.0.1:5001, token server 127.0.0.1:5002, users writer / reader / installation with the
 *   denials GHCR gives read-only credentials), ensureTokenServices(), requestToken(credentials, scopes).
 * - docker(args, {stdin, env, config, cwd, timeoutMs}) runs /usr/bin/docker and resolves with its result (never
 *   rejects on a non-zero exit); dockerOrThrow(...) rejects instead. Without `config` each call gets a fresh,
 *   empty DOCKER_CONFIG (anonymous); createDockerConfig() gives one to share between the calls of a test.
 * - makeBuildContext(files, {from, instructions, dockerfile}) writes a build context; uniqueRepository(prefix).
 * - Temporary directories are removed by their cleanup(), by cleanupTemp(), and at the latest when the process
 *   exits.
 */
import {spawn} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

// GHCR_PUBLISH_REPO_ROOT: set by the benchmarks, which run this module bundled elsewhere (as the harness reads it).
export const REPO_ROOT = process.env.GHCR_PUBLISH_REPO_ROOT ?? fileURLToPath(new URL('../../../', import.meta.url));
export const START_ALL = path.join(REPO_ROOT, 'scripts', 'services', 'start-all.sh');

/** Bound of ensureServices(): a cold machine installs docker.io, docker-registry and busybox-static first. */
export const SETUP_TIMEOUT_MS = Number(process.env.GHCR_PUBLISH_E2E_SETUP_TIMEOUT_MS ?? 600_000);
const HTTP_TIMEOUT_MS = 15_000;
const DOCKER_TIMEOUT_MS = 120_000;
const KILL_GRACE_MS = 2_000;
const MAX_TAG_PAGES = 100;

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json'
} as const;
/** Every manifest type we accept: without the right one distribution v2.8 answers 404 for an index, or
 * rewrites a Docker manifest to the old schema 1 (with another digest). */
export const MANIFEST_ACCEPT = Object.values(MEDIA_TYPES).join(', ');

export interface Services {
  /** host:port of the registry, as used in image references (plain HTTP: docker trusts 127.0.0.0/8). */
  registry: '127.0.0.1:5000';
  username: string;
  password: string;
  /** The Debian docker 20.10 client, whose built-in BuildKit works (the docker 28 first on PATH does not). */
  docker: '/usr/bin/docker';
  /** A local busybox image (static /bin/sh and applets) to build FROM; it cannot be pulled, only used. */
  baseImage: string;
}

export const SERVICES: Services = {
  registry: '127.0.0.1:5000',
  username: 'ci-user',
  password: 'ci-password',
  docker: '/usr/bin/docker',
  baseImage: 'localhost/ghcr-publish-test/busybox:latest'
};

export interface TokenUser extends Credentials {
  /** The text of the 403 the token server gives this user for a push scope (GHCR's exact denials). */
  denial?: string;
}

export interface TokenServices {
  /** host:port of the registry with `auth: token` (distribution v2.8, plain HTTP, storage of its own). */
  registry: '127.0.0.1:5001';
  /** host:port of its token server (scripts/services/token-server.mjs). */
  tokenServer: '127.0.0.1:5002';
  /** The realm of the registry's Bearer challenges. */
  realm: 'http://127.0.0.1:5002/token';
  /** The service of the challenges, and the audience of the tokens. */
  service: 'ghcr-publish-test-token-registry';
  users: {
    /** Pull and push everywhere. */
    writer: TokenUser;
    /** Read-only, refused like a GITHUB_TOKEN without packages: write on a package it may read. */
    reader: TokenUser & {denial: string};
    /** Read-only, refused like a GitHub App installation token on an organization package. */
    installation: TokenUser & {denial: string};
  };
}

export const TOKEN_SERVICES: TokenServices = {
  registry: '127.0.0.1:5001',
  tokenServer: '127.0.0.1:5002',
  realm: 'http://127.0.0.1:5002/token',
  service: 'ghcr-publish-test-token-registry',
  users: {
    writer: {username: 'ci-user', password: 'ci-password'},
    reader: {username: 'ci-reader', password: 'reader-password', denial: 'permission_denied: write_package'},
    installation: {
      username: 'ci-installation',
      password: 'installation-password',
      denial: 'installation not allowed to Write organization package'
    }
  }
};

// ---------------------------------------------------------------------------------------------------------
// Temporary directories

const tempDirs = new Set<string>();
let exitHookInstalled = false;

async function makeTempDir(prefix: string): Promise<string> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A safety net for tests that fail before their afterAll: nothing is left in the temp directory.
    process.once('exit', () => {
      for (const dir of tempDirs) rmSync(dir, {recursive: true, force: true});
    });
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `ghcr-publish-e2e-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, {recursive: true, force: true});
  tempDirs.delete(dir);
}

/** Removes every temporary directory this module created and that is still there. */
export async function cleanupTemp(): Promise<void> {
  await Promise.all([...tempDirs].map(removeTempDir));
}

// ---------------------------------------------------------------------------------------------------------
// Processes

export interface ProcessResult {
  command: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
}

interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string | Uint8Array;
  timeoutMs: number;
}

/** Runs a command in its own process group, so a timeout stops everything it started. Never rejects on a
 * non-zero exit. */
function run(command: string, args: string[], options: RunOptions): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
    }, options.timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', error => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        command: [command, ...args],
        exitCode,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: Date.now() - started
      });
    });
    if (options.stdin !== undefined && child.stdin) {
      // EPIPE when the command does not read its input is not our failure: the exit status tells.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin);
    }
  });
}

function formatResult(result: ProcessResult): string {
  const status = result.timedOut
    ? `timed out after ${result.durationMs} ms`
    : result.signal
      ? `killed by ${result.signal}`
      : `exit ${result.exitCode}`;
  return `${result.command.join(' ')}: ${status}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`;
}

// ---------------------------------------------------------------------------------------------------------
// ensureServices

// Jest gives every test file its own module registry (and its own process.env), so a module-level promise
// only covers one file. A marker under .tools/services/, named after this process's pid and start time
// (unique even when pids are reused), makes start-all.sh run once per worker process.
const MARKER_DIR = path.join(REPO_ROOT, '.tools', 'services', 'e2e-ready');
let servicesPromise: Promise<Services> | undefined;

function processStartTicks(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces and parentheses).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function markerPath(): string | undefined {
  const ticks = processStartTicks(process.pid);
  return ticks === undefined ? undefined : path.join(MARKER_DIR, `${process.pid}-${ticks}`);
}

function writeMarker(): void {
  const marker = markerPath();
  if (marker === undefined) return;
  mkdirSync(MARKER_DIR, {recursive: true});
  // Markers of processes that are gone are removed, so the directory never grows.
  for (const name of readdirSync(MARKER_DIR)) {
    const [pid, ticks] = name.split('-');
    if (processStartTicks(Number(pid)) !== ticks) rmSync(path.join(MARKER_DIR, name), {force: true});
  }
  writeFileSync(marker, new Date().toISOString());
}

/**
 * Starts (or checks) the Docker engine, the registry and the base image through scripts/services/start-all.sh,
 * at most once per process. Call it in beforeAll with SETUP_TIMEOUT_MS as the hook's timeout.
 */
export function ensureServices(options: {timeoutMs?: number} = {}): Promise<Services> {
  servicesPromise ??= (async () => {
    const marker = markerPath();
    if (marker !== undefined && existsSync(marker)) return SERVICES;
    const result = await run('bash', [START_ALL], {
      cwd: REPO_ROOT,
      env: process.env,
      timeoutMs: options.timeoutMs ?? SETUP_TIMEOUT_MS
    });
    if (result.exitCode !== 0) {
      throw new Error(`The end-to-end services did not start.\n${formatResult(result)}`);
    }
    writeMarker();
    return SERVICES;
  })();
  return servicesPromise;
}

/** ensureServices() (start-all.sh starts the token registry too), resolving with TOKEN_SERVICES. */
export async function ensureTokenServices(options: {timeoutMs?: number} = {}): Promise<TokenServices> {
  await ensureServices(options);
  return TOKEN_SERVICES;
}

// ---------------------------------------------------------------------------------------------------------
// Registry over HTTP

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export interface Credentials {
  username: string;
  password: string;
}

export interface RegistryRequestOptions {
  /** host:port of the registry; default 127.0.0.1:5000. */
  registry?: string;
  method?: string;
  accept?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Credentials to send; false sends none. Default: the registry's ci-user. */
  auth?: Credentials | false;
  timeoutMs?: number;
}

function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/** The parameters of a `Bearer realm="...",service="...",scope="..."` challenge; undefined for another scheme. */
function bearerChallenge(header: string | null): Record<string, string> | undefined {
  if (!header || !/^Bearer\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1]!.toLowerCase()] = match[2]!;
  return params.realm ? params : undefined;
}

/**
 * GET of the token server (default: TOKEN_SERVICES' realm and service) with Basic credentials (none when false)
 * and each scope as its own `scope` parameter, as docker sends them. Resolves with any status.
 */
export async function requestToken(
  auth: Credentials | false,
  scopes: string[] = [],
  options: {realm?: string; service?: string; timeoutMs?: number} = {}
): Promise<Response> {
  const url = new URL(options.realm ?? TOKEN_SERVICES.realm);
  url.searchParams.set('service', options.service ?? TOKEN_SERVICES.service);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  return fetch(url, {
    headers: auth ? {Authorization: basicAuthorization(auth)} : {},
    signal: AbortSignal.timeout(options.timeoutMs ?? HTTP_TIMEOUT_MS)
  });
}

/**
 * One request to http://<registry> + path (path starts with /v2/). Resolves with any status. A Bearer challenge
 * (the token registry) is answered once: a token for the challenge's scope from its realm, with the credentials.
 */
export async function registryRequest(pathname: string, options: RegistryRequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {...options.headers};
  if (options.accept) headers.Accept = options.accept;
  const auth = options.auth ?? {username: SERVICES.username, password: SERVICES.password};
  if (auth) headers.Authorization = basicAuthorization(auth);
  const url = `http://${options.registry ?? SERVICES.registry}${pathname}`;
  const send = () =>
    fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body,
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? HTTP_TIMEOUT_MS)
    });
  const response = await send();
  const challenge = response.status === 401 ? bearerChallenge(response.headers.get('www-authenticate')) : undefined;
  if (!auth || !challenge) return response;
  await response.arrayBuffer().catch(() => undefined);
  const tokenResponse = await requestToken(auth, challenge.scope ? challenge.scope.split(' ') : [], {
    realm: challenge.realm,
    service: challenge.service,
    timeoutMs: options.timeoutMs
  });
  // A refused token request (401, 403) is the answer: its status and OCI error body say why.
  if (!tokenResponse.ok) return tokenResponse;
  const {token, access_token: accessToken} = (await tokenResponse.json()) as {token?: string; access_token?: string};
  headers.Authorization = `Bearer ${token ?? accessToken ?? ''}`;
  return send();
}

async function expectOk(response: Response, what: string): Promise<Response> {
  if (response.ok) return response;
  const body = await response.text().catch(() => '');
  throw new RegistryError(
    `${what}: HTTP ${response.status} ${response.statusText} ${body}`.trim(),
    response.status,
    body
  );
}

type RegistryCallOptions = Pick<RegistryRequestOptions, 'auth' | 'timeoutMs' | 'registry'>;

/** The registry's digest (Docker-Content-Digest) of a manifest or index, by tag or digest (HEAD request). */
export async function manifestDigest(
  repository: string,
  reference: string,
  options: RegistryCallOptions = {}
): Promise<string> {
  const what = `HEAD ${repository}:${reference}`;
  const response = await expectOk(
    await registryRequest(`/v2/${repository}/manifests/${reference}`, {
      ...options,
      method: 'HEAD',
      accept: MANIFEST_ACCEPT
    }),
    what
  );
  const digest = response.headers.get('docker-content-digest');
  if (!digest) throw new RegistryError(`${what}: no Docker-Content-Digest header`, response.status, '');
  return digest;
}

export interface ManifestResult {
  /** The Content-Type the registry stored the manifest with (one of MEDIA_TYPES). */
  mediaType: string;
  /** Docker-Content-Digest as the registry reports it. */
  digest: string;
  /** sha256 of the bytes received: equals `digest` unless the registry converted the manifest. */
  bodyDigest: string;
  manifest: Record<string, unknown>;
  raw: string;
}

export async function getManifest(
  repository: string,
  reference: string,
  options: RegistryCallOptions = {}
): Promise<ManifestResult> {
  const response = await expectOk(
    await registryRequest(`/v2/${repository}/manifests/${reference}`, {...options, accept: MANIFEST_ACCEPT}),
    `GET ${repository}:${reference}`
  );
  const bytes = Buffer.from(await response.arrayBuffer());
  const raw = bytes.toString('utf8');
  return {
    mediaType: (response.headers.get('content-type') ?? '').split(';')[0]!.trim(),
    digest: response.headers.get('docker-content-digest') ?? '',
    bodyDigest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    manifest: JSON.parse(raw) as Record<string, unknown>,
    raw
  };
}

/** Every tag of a repository (following the Link pagination), sorted. Rejects (404) for an unknown one. */
export async function listTags(repository: string, options: RegistryCallOptions = {}): Promise<string[]> {
  const tags: string[] = [];
  let next: string | undefined = `/v2/${repository}/tags/list`;
  for (let page = 0; next !== undefined; page++) {
    if (page >= MAX_TAG_PAGES) throw new Error(`listTags ${repository}: more than ${MAX_TAG_PAGES} pages`);
    const response = await expectOk(await registryRequest(next, options), `GET tags of ${repository}`);
    const body = (await response.json()) as {tags?: string[] | null};
    tags.push(...(body.tags ?? []));
    // Link: </v2/<name>/tags/list?last=...&n=...>; rel="next"
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
  }
  return tags.sort();
}

export async function getBlob(repository: string, digest: string, options: RegistryCallOptions = {}): Promise<Buffer> {
  const response = await expectOk(
    await registryRequest(`/v2/${repository}/blobs/${digest}`, options),
    `GET blob ${repository}@${digest}`
  );
  return Buffer.from(await response.arrayBuffer());
}

/** The image configuration (labels are under config.Labels) of a single-platform image manifest. */
export async function getImageConfig(
  repository: string,
  reference: string,
  options: RegistryCallOptions = {}
): Promise<Record<string, unknown> & {config?: {Labels?: Record<string, string>}}> {
  const {manifest, mediaType} = await getManifest(repository, reference, options);
  const config = manifest.config as {digest?: string} | undefined;
  if (!config?.digest) throw new Error(`${repository}:${reference} is a ${mediaType}, not an image manifest`);
  return JSON.parse((await getBlob(repository, config.digest, options)).toString('utf8'));
}

/** Deletes a manifest by digest (the registry has storage.delete.enabled); its tags go with it. */
export async function deleteManifest(
  repository: string,
  digest: string,
  options: RegistryCallOptions = {}
): Promise<void> {
  await expectOk(
    await registryRequest(`/v2/${repository}/manifests/${digest}`, {...options, method: 'DELETE'}),
    `DELETE ${repository}@${digest}`
  );
}

/** A repository name no earlier run used: `<prefix>-<time>-<random>`, lowercase as the registry requires. */
export function uniqueRepository(prefix = 'e2e/test'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`.toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------
// docker

export interface DockerConfig {
  /** The DOCKER_CONFIG directory. */
  dir: string;
  /** Its config.json (where `docker login` stores credentials without a credential helper). */
  configFile: string;
  /** config.json parsed, or undefined when it does not exist. */
  read(): Promise<DockerConfigJson | undefined>;
  cleanup(): Promise<void>;
}

export interface DockerConfigJson {
  auths?: Record<string, {auth?: string; identitytoken?: string}>;
  credsStore?: string;
  [key: string]: unknown;
}

/** A private DOCKER_CONFIG directory, starting with `{"auths": {}}`. */
export async function createDockerConfig(): Promise<DockerConfig> {
  const dir = await makeTempDir('docker-config');
  const configFile = path.join(dir, 'config.json');
  await writeFile(configFile, '{"auths": {}}\n');
  return {
    dir,
    configFile,
    async read() {
      if (!existsSync(configFile)) return undefined;
      return JSON.parse(await readFile(configFile, 'utf8')) as DockerConfigJson;
    },
    cleanup: () => removeTempDir(dir)
  };
}

export interface DockerOptions {
  /** Written to docker's standard input (e.g. the password for --password-stdin); otherwise /dev/null. */
  stdin?: string | Uint8Array;
  /** Extra variables (e.g. DOCKER_BUILDKIT: '1'); undefined removes one. DOCKER_CONFIG is always private. */
  env?: Record<string, string | undefined>;
  /** The DOCKER_CONFIG to use; default: a fresh empty one for this call only. */
  config?: DockerConfig;
  cwd?: string;
  timeoutMs?: number;
}

// Variables of the caller's environment that would point docker elsewhere than the local engine, or change
// how it builds, behind the test's back.
const DOCKER_ENV_DROPPED = [
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_CONFIG',
  'DOCKER_TLS_VERIFY',
  'DOCKER_CERT_PATH',
  'DOCKER_BUILDKIT',
  'DOCKER_DEFAULT_PLATFORM',
  'BUILDKIT_PROGRESS',
  'BUILDX_BUILDER'
];

/** Runs the real /usr/bin/docker with a private DOCKER_CONFIG. Resolves with the result whatever the exit. */
export async function docker(args: string[], options: DockerOptions = {}): Promise<ProcessResult> {
  const config = options.config ?? (await createDockerConfig());
  try {
    const env: NodeJS.ProcessEnv = {...process.env};
    for (const name of DOCKER_ENV_DROPPED) delete env[name];
    for (const [name, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    env.DOCKER_CONFIG = config.dir;
    return await run(SERVICES.docker, args, {
      cwd: options.cwd,
      env,
      stdin: options.stdin,
      timeoutMs: options.timeoutMs ?? DOCKER_TIMEOUT_MS
    });
  } finally {
    if (!options.config) await config.cleanup();
  }
}

/** docker(), rejecting with the command's output unless it exits 0. */
export async function dockerOrThrow(args: string[], options: DockerOptions = {}): Promise<ProcessResult> {
  const result = await docker(args, options);
  if (result.exitCode !== 0) throw new Error(formatResult(result));
  return result;
}

/** `digest: sha256:<hex> size: <n>` as `docker push` prints it for the pushed tag. */
export function pushedDigest(pushOutput: string): {digest: string; size: number} | undefined {
  const match = /: digest: (sha256:[0-9a-f]{64}) size: (\d+)/.exec(pushOutput);
  return match ? {digest: match[1]!, size: Number(match[2])} : undefined;
}

/**
 * Builds a one-file image (docker 20.10's BuildKit, FROM scratch) and pushes it as `reference` (registry/
 * repository:tag) with the given credentials, under `config`; resolves with the digest the push reported. The
 * local image is removed again.
 */
export async function buildAndPush(
  reference: string,
  credentials: Credentials,
  config: DockerConfig,
  timeoutMs = DOCKER_TIMEOUT_MS
): Promise<string> {
  const context = await makeBuildContext({'hello.txt': `hello ${reference}\n`}, {instructions: ['COPY hello.txt /']});
  try {
    // --network host: the engine runs with --bridge=none.
    await dockerOrThrow(['build', '--network', 'host', '--tag', reference, context.dir], {
      env: {DOCKER_BUILDKIT: '1'},
      config,
      timeoutMs
    });
  } finally {
    await context.cleanup();
  }
  const registry = reference.slice(0, reference.indexOf('/'));
  await dockerOrThrow(['login', '--username', credentials.username, '--password-stdin', registry], {
    stdin: `${credentials.password}\n`,
    config
  });
  const push = await dockerOrThrow(['push', reference], {config, timeoutMs});
  await docker(['image', 'rm', '--force', reference]);
  const pushed = pushedDigest(push.stdout);
  if (!pushed) throw new Error(`no digest in the push output:\n${push.stdout}`);
  return pushed.digest;
}

// ---------------------------------------------------------------------------------------------------------
// Build contexts

export interface BuildContextOptions {
  /** 'busybox' (the local base image, default), 'scratch', or any image reference. */
  from?: 'busybox' | 'scratch' | (string & {});
  /** Dockerfile lines after FROM; default `COPY . /context/` when there are files. */
  instructions?: string[];
  /** The whole Dockerfile instead of from + instructions. A file named Dockerfile in `files` also wins. */
  dockerfile?: string;
}

export interface BuildContext {
  dir: string;
  /** Path of the Dockerfile (inside dir). */
  dockerfile: string;
  cleanup(): Promise<void>;
}

/** Writes a build context: the files (relative paths, subdirectories allowed) and a Dockerfile. */
export async function makeBuildContext(
  files: Record<string, string | Uint8Array> = {},
  options: BuildContextOptions = {}
): Promise<BuildContext> {
  const dir = await makeTempDir('context');
  for (const [name, content] of Object.entries(files)) {
    const target = path.resolve(dir, name);
    if (path.isAbsolute(name) || !target.startsWith(dir + path.sep)) {
      await removeTempDir(dir);
      throw new Error(`makeBuildContext: ${name} is not a relative path inside the context`);
    }
    await mkdir(path.dirname(target), {recursive: true});
    await writeFile(target, content);
  }
  const dockerfile = path.join(dir, 'Dockerfile');
  if (!('Dockerfile' in files)) {
    const from = options.from === undefined || options.from === 'busybox' ? SERVICES.baseImage : options.from;
    const instructions = options.instructions ?? (Object.keys(files).length ? ['COPY . /context/'] : []);
    await writeFile(dockerfile, options.dockerfile ?? [`FROM ${from}`, ...instructions, ''].join('\n'));
  }
  return {dir, dockerfile, cleanup: () => removeTempDir(dir)};
}
