/**
 * Proves the runner harness against a throwaway action generated here: a script that echoes its inputs and
 * environment, uses every file command, prints workflow commands, and can fail, hang or leave a process behind.
 */
import {existsSync, readFileSync} from 'node:fs';
import {chmod, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {applyMasks} from './file-commands.js';
import {
  type EventFixture,
  REPO_ROOT,
  actionInputEnv,
  cleanupAll,
  inputVariableName,
  loadActionManifest,
  resolveNode,
  runAction,
  runStep
} from './runner.js';

const FAKE_ACTION = String.raw`
import {appendFileSync, writeFileSync} from 'node:fs';
import {execFileSync, spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';

const put = (file, name, value) => {
  const delimiter = 'ghadelimiter_' + randomUUID();
  appendFileSync(process.env[file], name + '<<' + delimiter + '\n' + value + '\n' + delimiter + '\n');
};
const mode = process.env.INPUT_MODE ?? '';

if (process.env.STATE_isPost === 'true') {
  console.log('post sees saved=' + JSON.stringify(process.env.STATE_saved));
  put('GITHUB_OUTPUT', 'post-env', JSON.stringify(process.env));
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## post summary\n');
  process.exit(0);
}

appendFileSync(process.env.GITHUB_STATE, 'isPost=true\n');
put('GITHUB_STATE', 'saved', 'line one\nline two');
const inputs = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('INPUT_')));
put('GITHUB_OUTPUT', 'inputs', JSON.stringify(inputs, null, 2));
put('GITHUB_OUTPUT', 'env', JSON.stringify(process.env));
appendFileSync(process.env.GITHUB_OUTPUT, 'plain=a=b=c\n');
put('GITHUB_OUTPUT', 'cwd', process.cwd());
appendFileSync(process.env.GITHUB_ENV, 'FROM_MAIN=hello\n');
appendFileSync(process.env.GITHUB_PATH, '/opt/first\n/opt/second\n');
appendFileSync(process.env.GITHUB_STEP_SUMMARY, '# main summary\n');

console.log('::group::Preparing');
console.log('::debug::looking at %25 things');
console.log('::endgroup::');
console.log('::add-mask::s3cret-value');
console.log('the secret is s3cret-value');
console.log('::error file=src/x.ts,line=3,title=Bad%3A input%2C really::first line%0Asecond line');
console.error('::warning::from stderr');
console.log('::notice title=Note::a notice');
console.log('::unknown-command::plain text');

if (mode === 'fail') {
  console.log('::error::it failed');
  process.exitCode = 1;
} else if (mode === 'docker') {
  put('GITHUB_OUTPUT', 'docker', execFileSync('docker', ['version'], {encoding: 'utf8'}));
} else if (mode === 'bad-output') {
  appendFileSync(process.env.GITHUB_OUTPUT, 'broken<<EOF\nno closing delimiter\n');
} else if (mode === 'hang') {
  const child = spawn('sleep', ['300'], {stdio: 'ignore'});
  writeFileSync(process.env.INPUT_PIDFILE, String(child.pid));
  setInterval(() => {}, 1000);
} else if (mode === 'orphan') {
  const child = spawn('sleep', ['300'], {stdio: 'ignore'});
  child.unref();
  writeFileSync(process.env.INPUT_PIDFILE, String(child.pid));
}
`;

const ACTION_YML = `name: fake
description: a fake action for the harness tests
inputs:
  mode:
    description: what to do
    required: false
  github-token:
    description: token
    default: \${{ github.token }}
  push:
    description: boolean default keeps its text
    default: false
  sep-tags:
    description: dashes are kept in the variable name
    default: "\\n"
  build args:
    description: spaces become underscores
    default: ''
  old-input:
    description: deprecated
    deprecationMessage: use mode instead
  pidfile:
    description: where to write a child pid
runs:
  using: node24
  main: index.mjs
  post: index.mjs
  post-if: always()
`;

let dir: string;
let entry: string;
let actionFile: string;

/** True while the process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntilDead(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return !isAlive(pid);
}

beforeAll(async () => {
  await resolveNode();
  dir = await mkdtemp(path.join(os.tmpdir(), 'harness-fake-action-'));
  entry = path.join(dir, 'index.mjs');
  actionFile = path.join(dir, 'action.yml');
  await writeFile(entry, FAKE_ACTION);
  await writeFile(actionFile, ACTION_YML);
}, 300_000);

afterAll(async () => {
  await cleanupAll();
  await rm(dir, {recursive: true, force: true});
});

describe('runAction with an action.yml', () => {
  it('sets every declared input with its default, the runner way', async () => {
    const run = await runAction({actionFile, token: 'ghs_token123', inputs: {mode: ''}});
    const inputs = JSON.parse(run.main.outputs.inputs ?? '{}');
    expect(inputs).toEqual({
      INPUT_MODE: '',
      'INPUT_GITHUB-TOKEN': 'ghs_token123',
      INPUT_PUSH: 'false',
      'INPUT_SEP-TAGS': '\n',
      INPUT_BUILD_ARGS: '',
      'INPUT_OLD-INPUT': '',
      INPUT_PIDFILE: ''
    });
    expect(run.runnerWarnings).toEqual([]);
    expect(run.main.outcome).toBe('success');
  });

  it('lets given inputs override defaults and warns about unknown or deprecated ones', async () => {
    const run = await runAction({
      actionFile,
      inputs: {push: 'true', 'old-input': 'x', imagez: 'typo'},
      skipPost: true
    });
    const inputs = JSON.parse(run.main.outputs.inputs ?? '{}');
    expect(inputs.INPUT_PUSH).toBe('true');
    expect(inputs['INPUT_GITHUB-TOKEN']).toBe('');
    expect(inputs.INPUT_IMAGEZ).toBe('typo');
    expect(run.runnerWarnings).toEqual([
      "Input 'old-input' has been deprecated with message: use mode instead",
      expect.stringMatching(/^Unexpected input\(s\) 'imagez', valid inputs are \['mode', 'github-token'/)
    ]);
  });

  it('refuses defaults with expressions it cannot evaluate', async () => {
    const other = path.join(dir, 'expr-action.yml');
    await writeFile(
      other,
      'inputs:\n  repo:\n    default: ${{ github.repository }}\nruns:\n  using: node24\n  main: index.mjs\n'
    );
    await expect(runAction({actionFile: other})).rejects.toThrow(/input "repo".*github\.repository/);
  });

  it('skips the post step when the manifest declares none', async () => {
    const other = path.join(dir, 'no-post.yml');
    await writeFile(other, 'inputs: {}\nruns:\n  using: node24\n  main: index.mjs\n');
    const run = await runAction({actionFile: other});
    expect(run.main.outcome).toBe('success');
    expect(run.post).toBeUndefined();
  });
});

describe('runner environment', () => {
  it('starts from a minimal environment with the runner variables of the event', async () => {
    process.env.HARNESS_SHOULD_NOT_LEAK = 'leak';
    try {
      const run = await runAction({entry, actionFile: null, event: 'pull-request', skipPost: true, keep: true});
      const env = JSON.parse(run.main.outputs.env ?? '{}') as Record<string, string>;
      expect(env.HARNESS_SHOULD_NOT_LEAK).toBeUndefined();
      expect(env.NODE_OPTIONS).toBeUndefined();
      expect(env).toMatchObject({
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        RUNNER_OS: 'Linux',
        RUNNER_ARCH: 'X64',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/15/merge',
        GITHUB_REF_NAME: '15/merge',
        GITHUB_REPOSITORY: 'Octo-Org/Hello-World',
        GITHUB_REPOSITORY_OWNER: 'Octo-Org',
        GITHUB_HEAD_REF: 'feature/new-api#42',
        GITHUB_BASE_REF: 'main',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_API_URL: 'https://api.github.com',
        GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
        HOME: run.dirs.home,
        GITHUB_WORKSPACE: run.dirs.workspace,
        RUNNER_TEMP: run.dirs.runnerTemp,
        RUNNER_TOOL_CACHE: run.dirs.toolCache,
        GITHUB_ACTION_PATH: dir
      });
      for (const name of [
        'GITHUB_RUN_ID',
        'GITHUB_RUN_NUMBER',
        'GITHUB_RUN_ATTEMPT',
        'GITHUB_WORKFLOW',
        'GITHUB_JOB'
      ]) {
        expect(env[name]).toMatch(/\S/);
      }
      expect(env.ACTIONS_RUNTIME_TOKEN).toBeUndefined();
      expect(run.main.outputs.cwd).toBe(run.dirs.workspace);
      // The payload is where GITHUB_EVENT_PATH says, and file commands are fresh files per step.
      const payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
      expect(payload.pull_request.number).toBe(15);
      for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']) {
        expect(env[name]?.startsWith(run.dirs.fileCommands)).toBe(true);
      }
      await run.cleanup();
      expect(existsSync(run.dirs.root)).toBe(false);
    } finally {
      delete process.env.HARNESS_SHOULD_NOT_LEAK;
    }
  });

  it('accepts an inline event, extra variables and the fake actions cache', async () => {
    const event: EventFixture = {
      eventName: 'push',
      env: {GITHUB_REF: 'refs/tags/v9.9.9', GITHUB_SHA: 'f'.repeat(40), GITHUB_REPOSITORY: 'A/B'},
      payload: {ref: 'refs/tags/v9.9.9', repository: {full_name: 'A/B'}}
    };
    const {step} = await runStep({
      entry,
      actionFile: null,
      event,
      env: {EXTRA: '1', GITHUB_JOB: undefined},
      actionsCache: true,
      debug: true
    });
    const env = JSON.parse(step.outputs.env ?? '{}') as Record<string, string>;
    expect(env).toMatchObject({
      GITHUB_REF: 'refs/tags/v9.9.9',
      GITHUB_REF_NAME: 'v9.9.9',
      GITHUB_REF_TYPE: 'tag',
      GITHUB_HEAD_REF: '',
      GITHUB_BASE_REF: '',
      EXTRA: '1',
      RUNNER_DEBUG: '1',
      ACTIONS_CACHE_SERVICE_V2: 'True'
    });
    expect(env.GITHUB_JOB).toBeUndefined();
    expect(env.ACTIONS_CACHE_URL).toMatch(/^http:\/\/127\.0\.0\.1:9\//);
    expect(env.ACTIONS_RESULTS_URL).toMatch(/^http:\/\/127\.0\.0\.1:9\//);
    expect(env.ACTIONS_RUNTIME_TOKEN?.split('.')).toHaveLength(3);
  });

  it('puts pathPrepend first on PATH and lets pathOverride replace it', async () => {
    const bin = path.join(dir, 'bin');
    await mkdir(bin, {recursive: true});
    await writeFile(path.join(bin, 'docker'), '#!/bin/sh\necho "fake docker $*"\n');
    await chmod(path.join(bin, 'docker'), 0o755);

    const {step} = await runStep({entry, actionFile: null, inputs: {mode: 'docker'}, pathPrepend: [bin]});
    expect(step.outputs.docker).toBe('fake docker version\n');

    const {step: noDocker} = await runStep({
      entry,
      actionFile: null,
      inputs: {mode: 'docker'},
      pathOverride: '/nonexistent'
    });
    expect(noDocker.outcome).toBe('failure');
    expect(noDocker.processEnv.PATH).toBe('/nonexistent');
    expect(noDocker.stderr).toMatch(/ENOENT/);
  });

  it('runs in the given cwd, which becomes GITHUB_WORKSPACE', async () => {
    const workspace = path.join(dir, 'project');
    await mkdir(workspace, {recursive: true});
    const run = await runAction({entry, actionFile: null, cwd: workspace, skipPost: true});
    expect(run.main.outputs.cwd).toBe(workspace);
    expect(run.main.processEnv.GITHUB_WORKSPACE).toBe(workspace);
    expect(existsSync(workspace)).toBe(true);
  });

  it('calls setup with the directories before the main step', async () => {
    const run = await runAction({
      entry,
      actionFile: null,
      skipPost: true,
      setup: async dirs => writeFile(path.join(dirs.home, 'marker'), 'x')
    });
    const env = JSON.parse(run.main.outputs.env ?? '{}') as Record<string, string>;
    expect(env.HOME).toBe(run.dirs.home);
    expect(existsSync(run.dirs.root)).toBe(false);
  });
});

describe('file commands and workflow commands', () => {
  it('reads outputs, state, env, path, summary and the commands printed on both streams', async () => {
    const run = await runAction({entry, actionFile: null, skipPost: true});
    const {main} = run;
    expect(main.exitCode).toBe(0);
    expect(main.outcome).toBe('success');
    expect(main.outputs.plain).toBe('a=b=c');
    expect(main.state).toEqual({isPost: 'true', saved: 'line one\nline two'});
    expect(main.env).toEqual({FROM_MAIN: 'hello'});
    expect(main.path).toEqual(['/opt/first', '/opt/second']);
    expect(main.summary).toBe('# main summary\n');
    expect(main.errors).toEqual(['first line\nsecond line']);
    expect(main.annotations[0]).toEqual({
      level: 'error',
      message: 'first line\nsecond line',
      properties: {file: 'src/x.ts', line: '3', title: 'Bad: input, really'}
    });
    expect(main.warnings).toEqual(['from stderr']);
    expect(main.notices).toEqual(['a notice']);
    expect(main.debug).toEqual(['looking at % things']);
    expect(main.groups).toEqual(['Preparing']);
    expect(main.unclosedGroups).toBe(0);
    expect(main.masks).toEqual(['s3cret-value']);
    expect(applyMasks(main.stdout, main.masks)).toContain('the secret is ***');
    expect(main.commands.map(c => c.command)).not.toContain('unknown-command');
    expect(main.lines.some(l => l.stream === 'stderr' && l.text === '::warning::from stderr')).toBe(true);
    expect(main.durationMs).toBeGreaterThan(0);
  });

  it('fails the step on a malformed file command, keeping what was read before', async () => {
    const {step} = await runStep({entry, actionFile: null, inputs: {mode: 'bad-output'}});
    expect(step.exitCode).toBe(0);
    expect(step.outcome).toBe('failure');
    expect(step.fileCommandErrors).toEqual(["output: Invalid value. Matching delimiter not found 'EOF'"]);
    expect(step.outputs.plain).toBe('a=b=c');
  });
});

describe('the post step', () => {
  it('gets STATE_ variables, the env and path of main, and its own summary', async () => {
    const run = await runAction({entry, actionFile: null});
    expect(run.post).toBeDefined();
    const post = run.post!;
    expect(post.stage).toBe('post');
    expect(post.stdout).toContain('post sees saved="line one\\nline two"');
    const env = JSON.parse(post.outputs['post-env'] ?? '{}') as Record<string, string>;
    expect(env.STATE_isPost).toBe('true');
    expect(env.FROM_MAIN).toBe('hello');
    expect(env.PATH?.startsWith('/opt/second:/opt/first:')).toBe(true);
    expect(env.GITHUB_OUTPUT).not.toBe(run.main.processEnv.GITHUB_OUTPUT);
    expect(env.GITHUB_STEP_SUMMARY).not.toBe(run.main.processEnv.GITHUB_STEP_SUMMARY);
    expect(run.main.summary).toBe('# main summary\n');
    expect(post.summary).toBe('## post summary\n');
    expect(run.main.outputs['post-env']).toBeUndefined();
  });

  it('runs even when main failed', async () => {
    const run = await runAction({entry, actionFile: null, inputs: {mode: 'fail'}});
    expect(run.main.exitCode).toBe(1);
    expect(run.main.outcome).toBe('failure');
    expect(run.main.errors).toContain('it failed');
    expect(run.post?.exitCode).toBe(0);
  });

  it('can be run alone with a given state', async () => {
    const {step} = await runStep({entry, actionFile: null, stage: 'post', state: {isPost: 'true', saved: 'x'}});
    expect(step.stdout).toContain('post sees saved="x"');
  });

  it('is skipped with skipPost', async () => {
    const run = await runAction({entry, actionFile: null, skipPost: true});
    expect(run.post).toBeUndefined();
  });
});

describe('bounds and cleanup', () => {
  it('kills a hanging step and the processes it started at the timeout', async () => {
    const pidFile = path.join(dir, 'hang.pid');
    const run = await runAction({
      entry,
      actionFile: null,
      inputs: {mode: 'hang', pidfile: pidFile},
      // Long enough for node to start and write the pid file even on a loaded machine.
      timeoutMs: 5000,
      skipPost: true
    });
    expect(run.main.timedOut).toBe(true);
    expect(run.main.outcome).toBe('failure');
    expect(run.main.exitCode).toBeNull();
    expect(run.main.signal).toBe('SIGTERM');
    expect(run.main.durationMs).toBeGreaterThanOrEqual(5000);
    expect(run.main.durationMs).toBeLessThan(20_000);
    expect(run.main.state.isPost).toBe('true');
    expect(await waitUntilDead(Number(await readFile(pidFile, 'utf8')), 5000)).toBe(true);
  });

  it('kills processes a step left behind once the run ends', async () => {
    const pidFile = path.join(dir, 'orphan.pid');
    const run = await runAction({entry, actionFile: null, inputs: {mode: 'orphan', pidfile: pidFile}});
    expect(run.main.outcome).toBe('success');
    expect(await waitUntilDead(Number(await readFile(pidFile, 'utf8')), 5000)).toBe(true);
  });

  it('removes the temp root unless kept', async () => {
    const removed = await runAction({entry, actionFile: null, skipPost: true});
    expect(existsSync(removed.dirs.root)).toBe(false);
    const kept = await runAction({entry, actionFile: null, skipPost: true, keep: true});
    expect(existsSync(kept.dirs.workspace)).toBe(true);
    await kept.cleanup();
    expect(existsSync(kept.dirs.root)).toBe(false);
  });

  it('reports an unknown fixture with the known ones', async () => {
    await expect(runAction({entry, actionFile: null, event: 'nope'})).rejects.toThrow(/known: .*push-main/);
  });
});

describe('inputVariableName', () => {
  it('uppercases, turns spaces into underscores and keeps dashes', () => {
    expect(inputVariableName('sep-tags')).toBe('INPUT_SEP-TAGS');
    expect(inputVariableName('build args')).toBe('INPUT_BUILD_ARGS');
  });
});

const realActionFile = path.join(REPO_ROOT, 'action.yml');
const withRealAction = existsSync(realActionFile) ? it : it.skip;

withRealAction('understands the project action.yml: every input gets a value, the token default resolves', () => {
  const manifest = loadActionManifest(realActionFile);
  expect(manifest.main).toBe('dist/index.js');
  expect(manifest.post).toBe('dist/index.js');
  const {env, warnings} = actionInputEnv(manifest, {images: 'ghcr.io/a/b'}, 'ghs_x');
  expect(warnings).toEqual([]);
  expect(Object.keys(env).sort()).toEqual(Object.keys(manifest.inputs).map(inputVariableName).sort());
  expect(env['INPUT_GITHUB-TOKEN']).toBe('ghs_x');
  expect(env.INPUT_IMAGES).toBe('ghcr.io/a/b');
});
