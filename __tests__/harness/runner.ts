/**
 * Runs a JavaScript action the way a GitHub-hosted Linux runner does (`runs.using: node24`): one Node process for
 * the main step and, like a runner, a second one for the post step (run even when main failed), with the
 * runner's environment, inputs, file commands and workflow-command parsing. Used by integration tests of the
 * bundled dist/index.js.
 *
 *   const run = await runAction({event: 'push-tag', inputs: {images: 'ghcr.io/x/y'}, pathPrepend: [fakeDocker]});
 *   run.main.outputs.tags; run.post?.exitCode; run.main.errors; run.main.summary
 *
 * API
 * - runAction(options): main, then post unless `skipPost` (or action.yml declares no `runs.post`).
 *   Returns {main: StepResult, post?: StepResult, dirs: RunDirs, runnerWarnings, cleanup()}.
 * - runStep(options & {stage?: 'main' | 'post', state?}): one invocation in a fresh temp root; `state` becomes
 *   STATE_<name> variables (to exercise a post step directly). Returns {step, dirs, runnerWarnings, cleanup()}.
 * - loadEvent(name | fixture), actionInputEnv(actionFile, inputs, token), resolveNode(), cleanupAll().
 *
 * RunOptions
 * - inputs: the step's `with:`. Every input declared in the action file (default <repo>/action.yml if present)
 *   is set as INPUT_<NAME> (uppercased, spaces to "_", dashes kept) with its default, or "" without one; given
 *   inputs override. `${{ github.token }}` in a default becomes `token ?? ''`; any other expression throws.
 *   Like a runner, undeclared inputs only produce a warning (in `runnerWarnings`), and so do deprecated ones.
 * - event: a fixture name from __tests__/fixtures/events/ (default 'push-main') or {eventName, env, payload}.
 * - env: extra variables applied last (a value of undefined removes a variable).
 * - pathPrepend: directories put first on PATH (e.g. a fake `docker`); pathOverride replaces the base PATH
 *   (default: this process's PATH without node_modules/.bin entries).
 * - token: the value of `${{ github.token }}`.
 * - entry / postEntry: the scripts to run (default runs.main / runs.post of the action file, else
 *   <repo>/dist/index.js for both). actionFile: path of action.yml, or null to declare no inputs at all.
 * - node: the node binary (default: the Node 24 printed by scripts/node24.sh, resolved once).
 * - timeoutMs: per step (default 120 s, at most 30 min); the step's processes are killed and `timedOut` set.
 * - cwd: the working directory, which also becomes GITHUB_WORKSPACE (default: a fresh, empty workspace).
 * - actionsCache: true (or URLs) sets ACTIONS_RUNTIME_TOKEN/URL, ACTIONS_CACHE_URL, ACTIONS_RESULTS_URL,
 *   ACTIONS_CACHE_SERVICE_V2 to fake values pointing at a closed local port.
 * - debug: sets RUNNER_DEBUG=1 (step debug logging). stepId: GITHUB_ACTION (default 'publish').
 * - setup(dirs): called before the main step, e.g. to write a Dockerfile or ~/.docker/config.json.
 * - keep: keep the temp root after the run (call cleanup() or cleanupAll()); by default it is removed as soon
 *   as the results are read.
 * - cancel: cancels the main step (runAction; post then runs as usual, with the state main saved so far) or the
 *   step (runStep) half-way, as the runner does when a run is cancelled: once `cancel.when` holds, SIGINT; if
 *   the step still runs `sigtermAfterMs` later (default 7500, the runner's), SIGTERM; `sigkillAfterMs` after that
 *   (default 2500), SIGKILL. `when` is polled every `pollMs` (default 20) while the step runs: a function
 *   (true: now; a throw counts as false), {file} (the file exists) or {afterMs} (since the step started).
 *   `target`: 'process' (default) signals the step's node process alone, as the runner does (kill(pid, sig):
 *   what the step started keeps running unless the step stops it); 'group' signals every process of the step's
 *   process group, like Ctrl-C in a terminal. The step's `cancel` tells whether and when it fired; a step it
 *   fired on has the outcome 'cancelled'. If `when` never holds, the step runs on to its end or timeout.
 *
 * StepResult: stage, exitCode, signal, timedOut, outcome ('success' | 'failure' | 'cancelled', as the runner decides
 * it), cancel (with the cancel option: {fired, atMs, target, signals: [{signal, atMs}]}), leftoverPids (processes of
 * the step, in its process group, still alive when it ended: until the run ends they keep running, as on a runner
 * until its orphan-process cleanup at job end),
 * stdout, stderr, lines (both streams in arrival order: like on a runner, the order between the two streams is
 * not deterministic, and commands are processed in that order), outputs, state, env (GITHUB_ENV),
 * path (GITHUB_PATH), summary, errors, warnings, notices, debug, masks, groups, unclosedGroups,
 * annotations (with properties), commands, runnerErrors / runnerWarnings (what the runner itself would report),
 * fileCommandErrors, processEnv (the exact environment given to node), durationMs.
 *
 * Between main and post, as on a runner: GITHUB_ENV entries of main become variables, GITHUB_PATH entries go
 * first on PATH, and each GITHUB_STATE entry becomes STATE_<name> (name as written). Post gets fresh file-command
 * files (its own summary). Processes a step left running (same process group, and inheriting this run's
 * RUNNER_TEMP, so nothing else is ever touched) are killed when the run ends, like the runner's orphan-process
 * cleanup at job end. Each step runs in its own process group so a timeout stops everything it started.
 */
import {type ChildProcess, execFile, spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parse as parseYaml} from 'yaml';
import {
  type CommandLog,
  type OutputLine,
  LineSplitter,
  envFileEffects,
  parseKeyValueFile,
  parsePathFile,
  prependPath,
  processWorkflowCommands
} from './file-commands.js';

// A bundled copy (scripts/local-run.sh) cannot locate itself through import.meta.url, so it is told the root.
export const REPO_ROOT = process.env.GHCR_PUBLISH_REPO_ROOT ?? fileURLToPath(new URL('../../', import.meta.url));
export const EVENTS_DIR = path.join(REPO_ROOT, '__tests__', 'fixtures', 'events');

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_TIMEOUT_MS = 30 * 60_000;
const KILL_GRACE_MS = 2_000;
// The runner's ProcessInvoker: SIGINT, then SIGTERM 7.5 s later, then a kill 2.5 s after that.
const CANCEL_SIGTERM_AFTER_MS = 7_500;
const CANCEL_SIGKILL_AFTER_MS = 2_500;
const CANCEL_POLL_MS = 20;
const NODE_RESOLVE_TIMEOUT_MS = 300_000;
const SUMMARY_LIMIT_BYTES = 1024 * 1024;

export interface EventFixture {
  eventName: string;
  /** Runner variables for this event (GITHUB_REF, GITHUB_SHA, GITHUB_REPOSITORY, GITHUB_ACTOR, ...). */
  env: Record<string, string>;
  // Webhook payloads are arbitrary JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: Record<string, any>;
}

export interface ActionsCacheOptions {
  cacheUrl?: string;
  resultsUrl?: string;
  runtimeUrl?: string;
  /** Sets ACTIONS_CACHE_SERVICE_V2 (default true, as on github.com today). */
  serviceV2?: boolean;
}

/** When and how to cancel a step half-way (RunOptions.cancel). */
export interface CancelOptions {
  /** Cancel once this holds: a function (true: now; a throw counts as false), a file that exists, or a delay. */
  when: (() => boolean | Promise<boolean>) | {file: string} | {afterMs: number};
  /** 'process' (default): the step's node process alone, as the runner; 'group': its whole process group. */
  target?: 'process' | 'group';
  /** SIGTERM when the step still runs this long after SIGINT (default 7500 ms, as the runner). */
  sigtermAfterMs?: number;
  /** SIGKILL when the step still runs this long after SIGTERM (default 2500 ms, as the runner). */
  sigkillAfterMs?: number;
  /** How often `when` is checked (default 20 ms). */
  pollMs?: number;
}

/** What the cancel option did to a step. */
export interface CancelReport {
  /** Whether `when` held while the step ran, so that it was signalled. */
  fired: boolean;
  /** When SIGINT was sent, in ms after the step started. */
  atMs?: number;
  target: 'process' | 'group';
  /** The signals sent, in order, in ms after the step started. */
  signals: {signal: NodeJS.Signals; atMs: number}[];
}

export interface RunOptions {
  inputs?: Record<string, string>;
  event?: string | EventFixture;
  env?: Record<string, string | undefined>;
  pathPrepend?: string[];
  pathOverride?: string;
  token?: string;
  entry?: string;
  postEntry?: string;
  actionFile?: string | null;
  node?: string;
  timeoutMs?: number;
  cwd?: string;
  skipPost?: boolean;
  actionsCache?: boolean | ActionsCacheOptions;
  debug?: boolean;
  stepId?: string;
  setup?: (dirs: RunDirs) => void | Promise<void>;
  keep?: boolean;
  cancel?: CancelOptions;
}

export interface StepOptions extends RunOptions {
  stage?: 'main' | 'post';
  /** STATE_<name> variables for the step (what an earlier main step saved). */
  state?: Record<string, string>;
}

export interface RunDirs {
  /** The temp root holding everything below (except a caller-provided cwd). */
  root: string;
  workspace: string;
  home: string;
  runnerTemp: string;
  toolCache: string;
  /** Where the per-step file-command files live. */
  fileCommands: string;
  eventPath: string;
  actionPath: string;
}

/** One step as the runner saw it; the workflow-command fields are those of CommandLog. */
export interface StepResult extends Omit<
  CommandLog,
  'legacyOutputs' | 'legacyState' | 'failed' | 'runnerErrors' | 'runnerWarnings'
> {
  stage: 'main' | 'post';
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** 'cancelled' when the cancel option fired on the step (the runner's outcome of a cancelled step). */
  outcome: 'success' | 'failure' | 'cancelled';
  /** Present when the cancel option applied to this step. */
  cancel?: CancelReport;
  /** Processes of the step (its process group) still alive when it ended. */
  leftoverPids: number[];
  stdout: string;
  stderr: string;
  lines: OutputLine[];
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  summary: string;
  runnerErrors: string[];
  runnerWarnings: string[];
  fileCommandErrors: string[];
  processEnv: Record<string, string>;
  durationMs: number;
}

export interface ActionRun {
  main: StepResult;
  post?: StepResult;
  dirs: RunDirs;
  /** Warnings the runner prints before the step starts (unexpected or deprecated inputs). */
  runnerWarnings: string[];
  cleanup(): Promise<void>;
}

export interface StepRun {
  step: StepResult;
  dirs: RunDirs;
  runnerWarnings: string[];
  cleanup(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Node binary

let nodePromise: Promise<string> | undefined;

/** The Node 24 binary of scripts/node24.sh (installed on first use), resolved once per test process. */
export function resolveNode(): Promise<string> {
  nodePromise ??= new Promise<string>((resolve, reject) => {
    execFile(
      'bash',
      [path.join(REPO_ROOT, 'scripts', 'node24.sh')],
      {cwd: REPO_ROOT, timeout: NODE_RESOLVE_TIMEOUT_MS, encoding: 'utf8'},
      (error, stdout, stderr) => {
        const binary = stdout.trim().split('\n').pop() ?? '';
        if (error || !binary || !existsSync(binary)) {
          reject(new Error(`scripts/node24.sh did not print a node binary: ${error?.message ?? ''} ${stderr}`));
        } else {
          resolve(binary);
        }
      }
    );
  });
  // A failed resolution is not cached, so a later test can retry.
  nodePromise.catch(() => (nodePromise = undefined));
  return nodePromise;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

export function loadEvent(event: string | EventFixture): EventFixture {
  if (typeof event !== 'string') return validateEvent(event, 'the event option');
  const name = event.endsWith('.json') ? event.slice(0, -5) : event;
  const file = path.join(EVENTS_DIR, `${name}.json`);
  if (!existsSync(file)) {
    const known = existsSync(EVENTS_DIR)
      ? readdirSync(EVENTS_DIR)
          .filter(f => f.endsWith('.json'))
          .map(f => f.slice(0, -5))
      : [];
    throw new Error(`No event fixture "${name}" in ${EVENTS_DIR}; known: ${known.join(', ') || 'none'}`);
  }
  return validateEvent(JSON.parse(readFileSync(file, 'utf8')), file);
}

function validateEvent(value: unknown, source: string): EventFixture {
  const fixture = value as Partial<EventFixture> | null;
  if (
    !fixture ||
    typeof fixture.eventName !== 'string' ||
    typeof fixture.env !== 'object' ||
    fixture.env === null ||
    typeof fixture.payload !== 'object' ||
    fixture.payload === null
  ) {
    throw new Error(`${source}: an event needs {eventName: string, env: object, payload: object}`);
  }
  return fixture as EventFixture;
}

function refName(ref: string): string {
  const match = /^refs\/(?:heads|tags|[^/]+)\/(.*)$/.exec(ref);
  return match?.[1] ?? ref;
}

/** The GITHUB_* variables a runner sets for this event (fixture env wins over what is derived here). */
export function eventEnvironment(event: EventFixture): Record<string, string> {
  const {payload} = event;
  const e = event.env;
  const repository = e.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? 'Octo-Org/Hello-World';
  const ref = e.GITHUB_REF ?? (typeof payload.ref === 'string' ? payload.ref : '');
  const sha = e.GITHUB_SHA ?? payload.after ?? payload.head_commit?.id ?? payload.pull_request?.head?.sha ?? '';
  const actor = e.GITHUB_ACTOR ?? payload.sender?.login ?? 'octocat';
  const isPullRequest = event.eventName === 'pull_request' || event.eventName === 'pull_request_target';
  const workflow = e.GITHUB_WORKFLOW ?? 'Publish';
  const derived: Record<string, string> = {
    GITHUB_EVENT_NAME: event.eventName,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: refName(ref),
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : ref ? 'branch' : '',
    GITHUB_REF_PROTECTED: 'false',
    GITHUB_SHA: sha,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_ACTOR: actor,
    GITHUB_TRIGGERING_ACTOR: actor,
    GITHUB_HEAD_REF: isPullRequest ? (payload.pull_request?.head?.ref ?? '') : '',
    GITHUB_BASE_REF: isPullRequest ? (payload.pull_request?.base?.ref ?? '') : '',
    GITHUB_WORKFLOW: workflow,
    GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/publish.yml@${ref}`,
    GITHUB_WORKFLOW_SHA: sha
  };
  if (payload.repository?.id !== undefined) derived.GITHUB_REPOSITORY_ID = String(payload.repository.id);
  if (payload.repository?.owner?.id !== undefined) {
    derived.GITHUB_REPOSITORY_OWNER_ID = String(payload.repository.owner.id);
  }
  if (payload.sender?.login === actor && payload.sender?.id !== undefined) {
    derived.GITHUB_ACTOR_ID = String(payload.sender.id);
  }
  return {...derived, ...e};
}

// ---------------------------------------------------------------------------------------------------------------
// Action manifest and inputs

export interface ActionManifest {
  file: string;
  inputs: Record<string, {default?: string; deprecationMessage?: string}>;
  main?: string;
  post?: string;
}

export function loadActionManifest(file: string): ActionManifest {
  // The failsafe schema keeps every scalar as its source text, as the runner hands defaults over as strings.
  const document = parseYaml(readFileSync(file, 'utf8'), {schema: 'failsafe'}) as Record<string, unknown> | null;
  const inputs: ActionManifest['inputs'] = {};
  const rawInputs = (document?.inputs ?? {}) as Record<string, Record<string, unknown> | null>;
  for (const [name, spec] of Object.entries(rawInputs)) {
    const entry: ActionManifest['inputs'][string] = {};
    const defaultValue = spec?.default;
    if (defaultValue !== undefined && defaultValue !== null) entry.default = String(defaultValue);
    if (typeof spec?.deprecationMessage === 'string') entry.deprecationMessage = spec.deprecationMessage;
    inputs[name] = entry;
  }
  const runs = (document?.runs ?? {}) as Record<string, unknown>;
  return {
    file,
    inputs,
    main: typeof runs.main === 'string' ? runs.main : undefined,
    post: typeof runs.post === 'string' ? runs.post : undefined
  };
}

export function inputVariableName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

const GITHUB_TOKEN_EXPRESSION = /\$\{\{\s*github\.token\s*\}\}/g;

function evaluateDefault(name: string, value: string, token: string): string {
  const result = value.replace(GITHUB_TOKEN_EXPRESSION, token);
  if (result.includes('${{')) {
    throw new Error(
      `The default of input "${name}" uses an expression the harness does not evaluate: ${JSON.stringify(value)}. ` +
        'Only ${{ github.token }} is supported; give the input explicitly in the test.'
    );
  }
  return result;
}

/** INPUT_* variables for a step, and the warnings the runner prints about the given inputs. */
export function actionInputEnv(
  manifest: ActionManifest | undefined,
  given: Record<string, string>,
  token: string
): {env: Record<string, string>; warnings: string[]} {
  const env: Record<string, string> = {};
  const warnings: string[] = [];
  const givenLower = new Map(Object.keys(given).map(k => [k.toLowerCase(), k]));
  if (manifest) {
    for (const [name, spec] of Object.entries(manifest.inputs)) {
      if (!givenLower.has(name.toLowerCase())) {
        env[inputVariableName(name)] = spec.default === undefined ? '' : evaluateDefault(name, spec.default, token);
      } else if (spec.deprecationMessage !== undefined) {
        warnings.push(`Input '${name}' has been deprecated with message: ${spec.deprecationMessage}`);
      }
    }
    const declared = new Set(Object.keys(manifest.inputs).map(k => k.toLowerCase()));
    const unexpected = Object.keys(given).filter(k => !declared.has(k.toLowerCase()));
    if (unexpected.length > 0) {
      const valid = Object.keys(manifest.inputs).join("', '");
      warnings.push(`Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${valid}']`);
    }
  }
  for (const [name, value] of Object.entries(given)) env[inputVariableName(name)] = value;
  return {env, warnings};
}

// ---------------------------------------------------------------------------------------------------------------
// Environment

function basePath(): string {
  return (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin')
    .split(':')
    .filter(dir => dir !== '' && !dir.includes(`node_modules${path.sep}.bin`))
    .join(':');
}

/** A JWT-shaped, unsigned runtime token: the cache client decodes its claims but nothing verifies it. */
function fakeRuntimeToken(): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = {scp: 'Actions.ExampleScope Actions.Results:11111111-2222:33333333-4444', exp: 4102444800};
  return `${encode({typ: 'JWT', alg: 'none'})}.${encode(claims)}.c2lnbmF0dXJl`;
}

function actionsCacheEnv(option: RunOptions['actionsCache']): Record<string, string> {
  if (!option) return {};
  const o = option === true ? {} : option;
  // Port 9 (discard) on the loopback: connections are refused at once, nothing ever answers.
  const env: Record<string, string> = {
    ACTIONS_RUNTIME_URL: o.runtimeUrl ?? 'http://127.0.0.1:9/runtime/',
    ACTIONS_RUNTIME_TOKEN: fakeRuntimeToken(),
    ACTIONS_CACHE_URL: o.cacheUrl ?? 'http://127.0.0.1:9/cache/',
    ACTIONS_RESULTS_URL: o.resultsUrl ?? 'http://127.0.0.1:9/results/'
  };
  if (o.serviceV2 ?? true) env.ACTIONS_CACHE_SERVICE_V2 = 'True';
  return env;
}

interface Prepared {
  dirs: RunDirs;
  baseEnv: Record<string, string>;
  mainEntry: string;
  postEntry?: string;
  runnerWarnings: string[];
  node: string;
  timeoutMs: number;
  /** `NAME=value` that every process of this run inherits, to recognise leftovers; null when none is unique. */
  marker: string | null;
  /** Process groups of the steps run so far. */
  pgids: number[];
}

const liveRoots = new Set<string>();

function leftoverMarker(env: Record<string, string>, root: string): string | null {
  for (const name of ['RUNNER_TEMP', 'GITHUB_EVENT_PATH', 'HOME']) {
    const value = env[name];
    if (value?.startsWith(root + path.sep)) return `${name}=${value}`;
  }
  return null;
}

async function prepare(options: RunOptions): Promise<Prepared> {
  const event = loadEvent(options.event ?? 'push-main');
  const eventEnv = eventEnvironment(event);
  const repoName = (eventEnv.GITHUB_REPOSITORY ?? 'repo').split('/')[1] || 'repo';

  const actionFile =
    options.actionFile === null
      ? undefined
      : (options.actionFile ??
        (existsSync(path.join(REPO_ROOT, 'action.yml')) ? path.join(REPO_ROOT, 'action.yml') : undefined));
  const manifest = actionFile ? loadActionManifest(actionFile) : undefined;
  const actionPath = actionFile ? path.dirname(actionFile) : options.entry ? path.dirname(options.entry) : REPO_ROOT;
  const fromManifest = (script: string | undefined): string | undefined =>
    script === undefined ? undefined : path.resolve(actionPath, script);
  const mainEntry = options.entry ?? fromManifest(manifest?.main) ?? path.join(REPO_ROOT, 'dist', 'index.js');
  // Like a runner, an action whose manifest declares no post step gets none.
  const postEntry =
    options.postEntry ??
    (manifest && manifest.post === undefined
      ? undefined
      : (options.entry ?? fromManifest(manifest?.post) ?? mainEntry));

  const token = options.token ?? '';
  const inputs = actionInputEnv(manifest, options.inputs ?? {}, token);
  const node = options.node ?? (await resolveNode());

  const root = await mkdtemp(path.join(os.tmpdir(), 'ghcr-publish-run-'));
  liveRoots.add(root);
  try {
    return await populate(root, options, {event, eventEnv, repoName, actionPath, mainEntry, postEntry, inputs, node});
  } catch (error) {
    liveRoots.delete(root);
    await rm(root, {recursive: true, force: true, maxRetries: 3});
    throw error;
  }
}

async function populate(
  root: string,
  options: RunOptions,
  resolved: {
    event: EventFixture;
    eventEnv: Record<string, string>;
    repoName: string;
    actionPath: string;
    mainEntry: string;
    postEntry: string | undefined;
    inputs: {env: Record<string, string>; warnings: string[]};
    node: string;
  }
): Promise<Prepared> {
  const {event, eventEnv, repoName, actionPath, mainEntry, postEntry, inputs} = resolved;
  const work = path.join(root, 'work');
  const runnerTemp = path.join(work, '_temp');
  const dirs: RunDirs = {
    root,
    workspace: options.cwd ? path.resolve(options.cwd) : path.join(work, repoName, repoName),
    home: path.join(root, 'home'),
    runnerTemp,
    toolCache: path.join(root, 'toolcache'),
    fileCommands: path.join(runnerTemp, '_runner_file_commands'),
    eventPath: path.join(runnerTemp, '_github_workflow', 'event.json'),
    actionPath
  };
  for (const dir of [dirs.workspace, dirs.home, dirs.runnerTemp, dirs.toolCache, dirs.fileCommands]) {
    await mkdir(dir, {recursive: true});
  }
  await mkdir(path.dirname(dirs.eventPath), {recursive: true});
  await writeFile(dirs.eventPath, JSON.stringify(event.payload, null, 2));

  const pathValue = [...(options.pathPrepend ?? []), options.pathOverride ?? basePath()].filter(p => p !== '');
  const baseEnv: Record<string, string> = {
    PATH: pathValue.join(':'),
    HOME: dirs.home,
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1000000001',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: dirs.runnerTemp,
    RUNNER_TOOL_CACHE: dirs.toolCache,
    RUNNER_WORKSPACE: path.dirname(dirs.workspace),
    GITHUB_WORKSPACE: dirs.workspace,
    GITHUB_EVENT_PATH: dirs.eventPath,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_RUN_ID: '16000000001',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_JOB: 'publish',
    GITHUB_ACTION: options.stepId ?? 'publish',
    GITHUB_ACTION_PATH: actionPath,
    GITHUB_ACTION_REPOSITORY: '',
    GITHUB_ACTION_REF: '',
    ...eventEnv,
    ...actionsCacheEnv(options.actionsCache),
    ...(options.debug ? {RUNNER_DEBUG: '1'} : {}),
    ...inputs.env
  };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete baseEnv[name];
    else baseEnv[name] = value;
  }

  if (options.setup) await options.setup(dirs);
  return {
    dirs,
    baseEnv,
    mainEntry,
    postEntry,
    runnerWarnings: inputs.warnings,
    node: resolved.node,
    timeoutMs: Math.min(Math.max(1, options.timeoutMs ?? DEFAULT_TIMEOUT_MS), MAX_TIMEOUT_MS),
    marker: leftoverMarker(baseEnv, root),
    pgids: []
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Running one step

interface FileCommandPaths {
  GITHUB_OUTPUT: string;
  GITHUB_STATE: string;
  GITHUB_ENV: string;
  GITHUB_PATH: string;
  GITHUB_STEP_SUMMARY: string;
}

async function createFileCommands(dir: string): Promise<FileCommandPaths> {
  const suffix = randomUUID();
  const files: FileCommandPaths = {
    GITHUB_OUTPUT: path.join(dir, `set_output_${suffix}`),
    GITHUB_STATE: path.join(dir, `save_state_${suffix}`),
    GITHUB_ENV: path.join(dir, `set_env_${suffix}`),
    GITHUB_PATH: path.join(dir, `add_path_${suffix}`),
    GITHUB_STEP_SUMMARY: path.join(dir, `step_summary_${suffix}`)
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  return files;
}

async function readIfExists(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/** Processes of this run still alive in the given process group (Linux /proc; empty elsewhere). */
function runProcesses(pgid: number, marker: string | null): number[] {
  if (marker === null || !existsSync('/proc/self/stat')) return [];
  const needle = `\0${marker}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      if (!`\0${readFileSync(`/proc/${entry}/environ`, 'utf8')}`.includes(needle)) continue;
      found.push(Number(entry));
    } catch {
      // The process exited meanwhile, or is not ours to read.
    }
  }
  return found;
}

/** Signals the run's processes in the group; returns their IDs. */
function signalRun(pgid: number, marker: string | null, signal: NodeJS.Signals): number[] {
  const pids = runProcesses(pgid, marker);
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
  return pids;
}

interface RawStep {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  lines: OutputLine[];
  durationMs: number;
  pgid?: number;
  cancel?: CancelReport;
}

function execute(
  node: string,
  entry: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
  marker: string | null,
  cancel?: CancelOptions
): Promise<RawStep> {
  return new Promise(resolve => {
    const started = Date.now();
    const lines: OutputLine[] = [];
    const chunks = {stdout: [] as string[], stderr: [] as string[]};
    // Its own process group, so a timeout can stop the action and everything it started.
    const child = spawn(node, [entry], {cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
    const splitters = {
      stdout: new LineSplitter('stdout', line => lines.push(line)),
      stderr: new LineSplitter('stderr', line => lines.push(line))
    };
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].setEncoding('utf8');
      child[stream].on('data', (chunk: string) => {
        chunks[stream].push(chunk);
        splitters[stream].push(chunk);
      });
    }
    let timedOut = false;
    let exit: {code: number | null; signal: NodeJS.Signals | null} | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) signalRun(child.pid, marker, 'SIGTERM');
      child.kill('SIGTERM');
      killTimer = setTimeout(() => {
        if (child.pid !== undefined) signalRun(child.pid, marker, 'SIGKILL');
        child.kill('SIGKILL');
        // A process that escaped the group but holds the pipes open must not hang the test.
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, KILL_GRACE_MS);
    }, timeoutMs);

    let finished = false;
    const canceller = cancel
      ? startCanceller(cancel, child, started, marker, () => finished || exit !== undefined)
      : undefined;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      canceller?.stop();
      splitters.stdout.end();
      splitters.stderr.end();
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        stdout: chunks.stdout.join(''),
        stderr: chunks.stderr.join(''),
        lines,
        durationMs: Date.now() - started,
        pgid: child.pid,
        cancel: canceller?.report
      });
    };
    child.on('exit', (code, signal) => (exit = {code, signal}));
    // 'close' waits for the output pipes too, as the runner does; a leftover process holding them open keeps
    // the step running until the timeout.
    child.on('close', (code, signal) => {
      exit ??= {code, signal};
      finish();
    });
    child.on('error', error => {
      chunks.stderr.push(`harness: cannot start ${node}: ${error.message}\n`);
      exit ??= {code: null, signal: null};
      finish();
    });
  });
}

/**
 * Polls `options.when` while the step runs; once it holds, signals the step as the runner cancels one: SIGINT,
 * then SIGTERM and SIGKILL while it keeps running. `ended` tells whether the step has exited.
 */
function startCanceller(
  options: CancelOptions,
  child: ChildProcess,
  started: number,
  marker: string | null,
  ended: () => boolean
): {report: CancelReport; stop(): void} {
  const target = options.target ?? 'process';
  const report: CancelReport = {fired: false, target, signals: []};
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const later = (ms: number, action: () => void | Promise<void>): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped && !ended()) void action();
    }, ms);
    timers.add(timer);
  };
  const send = (signal: NodeJS.Signals): void => {
    report.signals.push({signal, atMs: Date.now() - started});
    const signalled = target === 'group' && child.pid !== undefined ? signalRun(child.pid, marker, signal) : [];
    // Once only: a second SIGINT could end a step that handles the first.
    if (child.pid === undefined || !signalled.includes(child.pid)) child.kill(signal);
  };
  const when = options.when;
  const holds = async (): Promise<boolean> => {
    if (typeof when === 'function') return await when();
    if ('file' in when) return existsSync(when.file);
    return Date.now() - started >= when.afterMs;
  };
  const poll = async (): Promise<void> => {
    let now = false;
    try {
      now = await holds();
    } catch {
      // A condition that cannot be evaluated yet (a file being written) does not hold.
    }
    if (stopped || ended()) return;
    if (!now) return later(options.pollMs ?? CANCEL_POLL_MS, poll);
    report.fired = true;
    send('SIGINT');
    report.atMs = report.signals[0]?.atMs;
    later(options.sigtermAfterMs ?? CANCEL_SIGTERM_AFTER_MS, () => {
      send('SIGTERM');
      later(options.sigkillAfterMs ?? CANCEL_SIGKILL_AFTER_MS, () => send('SIGKILL'));
    });
  };
  later(0, poll);
  return {
    report,
    stop: () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    }
  };
}

async function runOneStep(
  prepared: Prepared,
  stage: 'main' | 'post',
  entry: string,
  env: Record<string, string>,
  cancel?: CancelOptions
): Promise<StepResult> {
  const files = await createFileCommands(prepared.dirs.fileCommands);
  const processEnv = {...env, ...files};
  const raw = await execute(
    prepared.node,
    entry,
    prepared.dirs.workspace,
    processEnv,
    prepared.timeoutMs,
    prepared.marker,
    cancel
  );
  if (raw.pgid !== undefined) prepared.pgids.push(raw.pgid);
  const leftoverPids = raw.pgid === undefined ? [] : runProcesses(raw.pgid, prepared.marker);
  const log = processWorkflowCommands(raw.lines);

  const fileCommandErrors: string[] = [];
  const runnerErrors = [...log.runnerErrors];
  const readPairs = async (file: string, context: string): Promise<Record<string, string>> => {
    const parsed = parseKeyValueFile(await readIfExists(file));
    if (parsed.error) {
      fileCommandErrors.push(`${context}: ${parsed.error}`);
      runnerErrors.push(`Unable to process file command '${context}' successfully.`, parsed.error);
    }
    return parsed.values;
  };
  const outputs = {...log.legacyOutputs, ...(await readPairs(files.GITHUB_OUTPUT, 'output'))};
  const state = {...log.legacyState, ...(await readPairs(files.GITHUB_STATE, 'state'))};
  const envEffects = envFileEffects(await readPairs(files.GITHUB_ENV, 'env'));
  runnerErrors.push(...envEffects.errors);
  const summary = await readIfExists(files.GITHUB_STEP_SUMMARY);
  if (Buffer.byteLength(summary) > SUMMARY_LIMIT_BYTES) {
    runnerErrors.push(
      `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${SUMMARY_LIMIT_BYTES / 1024}k, ` +
        `got ${Math.floor(Buffer.byteLength(summary) / 1024)}k.`
    );
  }
  if (raw.timedOut) runnerErrors.push(`The action has timed out after ${prepared.timeoutMs} ms.`);
  if (raw.cancel?.fired) runnerErrors.push('The operation was canceled.');

  const failed = raw.exitCode !== 0 || raw.timedOut || log.failed || fileCommandErrors.length > 0;
  return {
    stage,
    exitCode: raw.exitCode,
    signal: raw.signal,
    timedOut: raw.timedOut,
    outcome: raw.cancel?.fired ? 'cancelled' : failed ? 'failure' : 'success',
    ...(raw.cancel ? {cancel: raw.cancel} : {}),
    leftoverPids,
    stdout: raw.stdout,
    stderr: raw.stderr,
    lines: raw.lines,
    outputs,
    state,
    env: envEffects.env,
    path: parsePathFile(await readIfExists(files.GITHUB_PATH)),
    summary,
    errors: log.errors,
    warnings: log.warnings,
    notices: log.notices,
    debug: log.debug,
    masks: log.masks,
    groups: log.groups,
    unclosedGroups: log.unclosedGroups,
    annotations: log.annotations,
    commands: log.commands,
    runnerErrors,
    runnerWarnings: log.runnerWarnings,
    fileCommandErrors,
    processEnv,
    durationMs: raw.durationMs
  };
}

function stateEnv(state: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]));
}

/** The environment of the step after `previous`: its GITHUB_ENV entries and GITHUB_PATH directories applied. */
function envAfter(base: Record<string, string>, previous: StepResult): Record<string, string> {
  const env = {...base, ...previous.env};
  if (previous.path.length > 0) env.PATH = prependPath(previous.path, env.PATH ?? '');
  return env;
}

function makeCleanup(prepared: Prepared): () => Promise<void> {
  return async () => {
    liveRoots.delete(prepared.dirs.root);
    await rm(prepared.dirs.root, {recursive: true, force: true, maxRetries: 3});
  };
}

/** Kills what the run left running (as the runner does at job end), then removes the temp root unless kept. */
async function finishRun(prepared: Prepared, options: RunOptions, cleanup: () => Promise<void>): Promise<void> {
  for (const pgid of prepared.pgids) signalRun(pgid, prepared.marker, 'SIGKILL');
  if (!options.keep) await cleanup();
}

// ---------------------------------------------------------------------------------------------------------------
// Public entry points

export async function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const prepared = await prepare(options);
  const cleanup = makeCleanup(prepared);
  try {
    const main = await runOneStep(prepared, 'main', prepared.mainEntry, prepared.baseEnv, options.cancel);
    let post: StepResult | undefined;
    if (!options.skipPost && prepared.postEntry !== undefined) {
      const env = {...envAfter(prepared.baseEnv, main), ...stateEnv(main.state)};
      post = await runOneStep(prepared, 'post', prepared.postEntry, env);
    }
    return {main, post, dirs: prepared.dirs, runnerWarnings: prepared.runnerWarnings, cleanup};
  } finally {
    await finishRun(prepared, options, cleanup);
  }
}

export async function runStep(options: StepOptions = {}): Promise<StepRun> {
  const prepared = await prepare(options);
  const cleanup = makeCleanup(prepared);
  try {
    const stage = options.stage ?? 'main';
    const entry = stage === 'post' ? (prepared.postEntry ?? prepared.mainEntry) : prepared.mainEntry;
    const env = {...prepared.baseEnv, ...stateEnv(options.state ?? {})};
    const step = await runOneStep(prepared, stage, entry, env, options.cancel);
    return {step, dirs: prepared.dirs, runnerWarnings: prepared.runnerWarnings, cleanup};
  } finally {
    await finishRun(prepared, options, cleanup);
  }
}

/** Removes every temp root still present (runs with `keep: true` not cleaned up yet); for afterAll. */
export async function cleanupAll(): Promise<void> {
  const roots = [...liveRoots];
  liveRoots.clear();
  await Promise.all(roots.map(root => rm(root, {recursive: true, force: true, maxRetries: 3})));
}
