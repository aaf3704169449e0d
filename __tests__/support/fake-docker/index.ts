/**
 * The test side of the recording fake `docker` (./docker, README.md): a temporary directory holding a `docker`
 * to put first on PATH, the call log, the scenario and the fake's state.
 *
 *   const fake = await createFakeDocker({driver: 'docker-container'});
 *   const run = await runAction({pathPrepend: [fake.binDir], env: fake.env, inputs: {...}});
 *   fake.callsOf(['buildx', 'build'])[0].argv;
 *   await fake.cleanup();
 *
 * The directory is made under the OS temp directory, never under the action's RUNNER_TEMP, so the log outlives
 * the run and the action cannot see or clean it.
 */
import {accessSync, constants, existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {mkdir, mkdtemp, rm, symlink} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The fake's executable. Linked, not copied, into each fake's bin directory (its module sits next to it). */
// A bundled copy (the benchmark) cannot locate itself through import.meta.url, so it is told the root.
export const FAKE_DOCKER_EXECUTABLE = process.env.GHCR_PUBLISH_REPO_ROOT
  ? `${process.env.GHCR_PUBLISH_REPO_ROOT}/__tests__/support/fake-docker/docker`
  : fileURLToPath(new URL('./docker', import.meta.url));

/** A scripted failure: printed, then the command exits with exitCode (default 1). */
export interface ScriptedFailure {
  stderr?: string;
  stdout?: string;
  exitCode?: number;
  /** Only the first `times` matching calls fail; later ones succeed (a retried push, a flaky registry). */
  times?: number;
}

/** An answer for any command whose arguments (after docker's global options) start with `argv`. */
export interface ScriptedCommand {
  argv: string[];
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  times?: number;
}

/**
 * A command that hangs, as docker stuck on the network does: logged at once (`running: true`), it then sleeps `ms`
 * (default 60 000, at most 600 000) without holding the fake's state lock, until a signal ends it. If nothing does,
 * it carries on as usual afterwards (so a small `ms` makes a slow command).
 */
export interface ScriptedHang {
  /** Prefix of the arguments after docker's global options, e.g. ['buildx', 'build']. */
  argv: string[];
  ms?: number;
  /** Only the first `times` matching calls hang. */
  times?: number;
}

/** What the fake runner looks like. Every key is optional; unknown keys make the fake fail loudly. */
export interface FakeDockerScenario {
  /** The buildx plugin (`docker buildx version`); null: no plugin, `docker buildx` is "not a docker command". */
  buildx?: {version?: string} | null;
  /** Driver of the current builder: docker (the runner's default builder) or a docker-container one. */
  driver?: 'docker' | 'docker-container';
  /** Name of that docker-container builder (default "builder"); the docker driver's builder is "default". */
  builderName?: string;
  /** Docker uses the containerd image store: the docker driver can then build several platforms, export cache
   * and attach attestations, and --load takes image indexes. Default false, like GitHub's Ubuntu runners. */
  containerdStore?: boolean;
  /** Docker Engine version (default 27.5.1). Below 23, `docker build` never goes to buildx. */
  dockerVersion?: string;
  /** BuildKit version builders report (default v0.18.2). */
  buildkitVersion?: string;
  /** Native platforms (default linux/amd64, linux/amd64/v2, linux/386); emulators installed with
   * tonistiigi/binfmt add theirs. */
  platforms?: string[];
  /** Registries whose login checks the password (and the username, in the object form). Others accept any. */
  logins?: Record<string, string | {username?: string; password: string}>;
  /** Pushing to a registry without credentials in config.json fails. Default false. */
  requireLogin?: boolean;
  /** `docker push` of a tag that was not built or loaded here fails as docker does. Default true. */
  strictImages?: boolean;
  /** Builds check that a local context and its Dockerfile exist. Default true. */
  checkContext?: boolean;
  /** Builds (buildx, and docker build with or without BuildKit). digest: the image digest to report. */
  build?: {
    fail?: ScriptedFailure;
    digest?: string;
    /** Build check warnings (client.VertexWarning JSON) written to the metadata file with BUILDX_METADATA_WARNINGS. */
    warnings?: unknown[];
  };
  /** `docker push`. digest: the manifest digest to report. */
  push?: {fail?: ScriptedFailure; digest?: string};
  /** Answers checked before any built-in behaviour, in order. */
  commands?: ScriptedCommand[];
  /** Commands that hang until killed (checked before `commands`). */
  hang?: ScriptedHang[];
  /** How long `login --password-stdin` waits for standard input to end (default 2000 ms). */
  stdinTimeoutMs?: number;
}

/** One recorded docker invocation. */
export interface FakeDockerCall {
  argv: string[];
  cwd: string;
  /** What was read from standard input: only `login --password-stdin` reads it, otherwise null. */
  stdin: string | null;
  /** DOCKER_CONFIG, BUILDX_BUILDER, BUILDX_NO_DEFAULT_ATTESTATIONS, DOCKER_BUILDKIT,
   * BUILDX_METADATA_PROVENANCE, GHCR_PUBLISH_* and ACTIONS_*, those that were set. */
  env: Record<string, string>;
  /** When the call started (ISO 8601). */
  time: string;
  durationMs: number;
  /** null: the call was killed (`signal`), or is still running or was killed by SIGKILL (`running`). */
  exitCode: number | null;
  /** The fake docker's process ID. */
  pid: number;
  /** A hung call not finished (yet): killed by SIGKILL, or still running. */
  running?: boolean;
  /** The signal (SIGINT, SIGTERM, SIGHUP) that ended the call. */
  signal?: string;
}

export interface FakeDocker {
  /** The temporary directory holding everything below. */
  dir: string;
  /** Holds only `docker`: put it first on PATH. */
  binDir: string;
  logFile: string;
  scenarioFile: string;
  /** What the fake remembers between calls (builders, local images, pushes, emulators). */
  stateFile: string;
  /** The variables the fake reads: pass them to the process that runs docker. */
  env: {FAKE_DOCKER_LOG: string; FAKE_DOCKER_SCENARIO: string};
  /** Every call, in the order they were logged (as they end; a hung call as it starts), each once: its last record. */
  calls(): FakeDockerCall[];
  /** The calls whose argv starts with `prefix`, e.g. ['buildx', 'build'] (running ones included). */
  callsOf(prefix: readonly string[]): FakeDockerCall[];
  /** Whether a call whose argv starts with `prefix` has started (a condition to wait for, e.g. to cancel a step). */
  started(prefix: readonly string[]): boolean;
  /** Replaces the scenario for the calls that follow. */
  setScenario(scenario: FakeDockerScenario): void;
  // The state is the fake's own bookkeeping, read by tests that need to look behind the CLI.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  state(): Record<string, any>;
  /** Forgets the calls and the state (not config.json files, which belong to the caller's HOME). */
  reset(): void;
  cleanup(): Promise<void>;
}

const created = new Set<FakeDocker>();

export async function createFakeDocker(scenario: FakeDockerScenario = {}): Promise<FakeDocker> {
  try {
    accessSync(FAKE_DOCKER_EXECUTABLE, constants.X_OK);
  } catch {
    throw new Error(`${FAKE_DOCKER_EXECUTABLE} is not executable: run chmod +x on it (git keeps the mode)`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fake-docker-'));
  const binDir = path.join(dir, 'bin');
  await mkdir(binDir);
  await symlink(FAKE_DOCKER_EXECUTABLE, path.join(binDir, 'docker'));
  const logFile = path.join(dir, 'calls.jsonl');
  const scenarioFile = path.join(dir, 'scenario.json');
  const stateFile = `${logFile}.state.json`;
  const setScenario = (next: FakeDockerScenario) => writeFileSync(scenarioFile, JSON.stringify(next, null, 2));
  setScenario(scenario);

  const calls = (): FakeDockerCall[] => {
    if (!existsSync(logFile)) return [];
    // The last line is complete only once its newline is written: a call may be appending it right now.
    const lines = readFileSync(logFile, 'utf8').split('\n').slice(0, -1);
    const result: FakeDockerCall[] = [];
    // A hung call is logged when it starts and again when it ends: its last line takes the place of its first.
    const open = new Map<string, number>();
    for (const line of lines.filter(text => text !== '')) {
      const call = JSON.parse(line) as FakeDockerCall;
      const key = `${call.pid} ${call.time}`;
      const index = open.get(key);
      if (index !== undefined) {
        result[index] = call;
        if (!call.running) open.delete(key);
      } else {
        if (call.running) open.set(key, result.length);
        result.push(call);
      }
    }
    return result;
  };
  const callsOf = (prefix: readonly string[]) =>
    calls().filter(call => prefix.every((word, index) => call.argv[index] === word));
  const fake: FakeDocker = {
    dir,
    binDir,
    logFile,
    scenarioFile,
    stateFile,
    env: {FAKE_DOCKER_LOG: logFile, FAKE_DOCKER_SCENARIO: scenarioFile},
    calls,
    callsOf,
    started: prefix => callsOf(prefix).length > 0,
    setScenario,
    state: () => (existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {}),
    reset: () => {
      rmSync(logFile, {force: true});
      rmSync(stateFile, {force: true});
    },
    cleanup: async () => {
      created.delete(fake);
      await rm(dir, {recursive: true, force: true});
    }
  };
  created.add(fake);
  return fake;
}

/** Removes every fake not cleaned up yet (for an afterAll). */
export async function cleanupAllFakeDockers(): Promise<void> {
  await Promise.all([...created].map(fake => fake.cleanup()));
}
