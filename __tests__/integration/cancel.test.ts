/**
 * A cancelled run: the bundled action's main step is cancelled half-way as the runner cancels a step (SIGINT to
 * its node process alone, SIGTERM 7.5 s later, then a kill), then the post step runs with the state main saved
 * so far. Post must undo whatever main may have done (logins, the builder, the work dir), stop the docker
 * commands main left running, never fail the job, and print no secret. Docker is the recording fake, whose
 * `hang` scenario keeps one command running until it is killed.
 */
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {CleanupState} from '../../src/steps/cleanup-state.js';
import {cleanupAll, runStep, type ActionRun, type CancelOptions, type StepResult} from '../harness/runner.js';
import {
  cleanupAllFakeDockers,
  type FakeDocker,
  type FakeDockerCall,
  type FakeDockerScenario
} from '../support/fake-docker/index.js';
import {runWithFakeDocker} from '../support/with-fake-docker.js';

const ACTOR = 'octocat';
const TOKEN = 'ghs_cancelTestToken0123456789abcdefABCD';
const ROBOT = 'robot';
const PASSWORD = 'pw_cancelTestPassword0123456789abcdef';
const GHCR_IMAGE = 'ghcr.io/octo-org/hello-world';
const OTHER_REGISTRY = 'registry.example.com';
/** Two registries: ghcr.io with the github-token, the other one with username and password. */
const TWO_REGISTRIES = {
  images: `${GHCR_IMAGE}\n${OTHER_REGISTRY}/octo-org/hello-world`,
  username: ROBOT,
  password: PASSWORD
};
/** Every step of a run here ends in seconds; a hung one fails the test instead of stalling the suite. */
const STEP_TIMEOUT_MS = 30_000;

/** Temporary directories made by the tests themselves. */
const scratch: string[] = [];

afterAll(async () => {
  await cleanupAll();
  await cleanupAllFakeDockers();
  for (const dir of scratch) rmSync(dir, {recursive: true, force: true});
});

interface Outcome {
  run: ActionRun;
  fake: FakeDocker;
  /** What main had saved for post when it was stopped. */
  state: CleanupState;
}

/** Main then post against the fake docker, main cancelled once `when` holds (no cancel: main runs to its end). */
async function publish(
  scenario: FakeDockerScenario,
  when: ((fake: FakeDocker) => CancelOptions['when']) | undefined,
  inputs: Record<string, string> = {}
): Promise<Outcome> {
  const {run, fake} = await runWithFakeDocker(scenario, created => ({
    token: TOKEN,
    keep: true,
    timeoutMs: STEP_TIMEOUT_MS,
    inputs,
    ...(when ? {cancel: {when: when(created)}} : {})
  }));
  const state = JSON.parse(run.main.state.cleanup ?? '{}') as CleanupState;
  return {run, fake, state};
}

const started = (prefix: string[]) => (fake: FakeDocker) => () => fake.started(prefix);

function valueOf(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index < 0 ? undefined : args[index + 1];
}

/** Cleanup commands are post's; everything else the fake saw came from main. */
const isCleanup = (call: FakeDockerCall) =>
  call.argv[0] === 'logout' || (call.argv[0] === 'buildx' && call.argv[1] === 'rm');
const endOf = (call: FakeDockerCall) => Date.parse(call.time) + call.durationMs;

/** Killed by the runner's SIGINT while running: no exit code, no annotation of its own, outcome cancelled. */
function expectCancelled(main: StepResult): void {
  expect(main.cancel?.fired).toBe(true);
  // Node has no SIGINT handler here, so the first signal ends it: the runner never needs SIGTERM.
  expect(main.cancel?.signals.map(sent => sent.signal)).toEqual(['SIGINT']);
  expect(main.signal).toBe('SIGINT');
  expect(main.exitCode).toBeNull();
  expect(main.outcome).toBe('cancelled');
  expect(main.runnerErrors).toContain('The operation was canceled.');
  expect(main.errors).toEqual([]);
}

/** Post undid everything main recorded (logins, builder, work dir), after main's docker commands had stopped. */
function expectCleanedUp({run, fake, state}: Outcome, registries: string[], builderCreated = true): void {
  const post = run.post;
  expect(post?.exitCode).toBe(0);
  expect(post?.outcome).toBe('success');
  expect(post?.errors).toEqual([]);
  expect(post?.runnerErrors).toEqual([]);

  expect(state.registries).toEqual(registries);
  expect(fake.callsOf(['logout']).map(call => call.argv)).toEqual(registries.map(registry => ['logout', registry]));
  if (builderCreated) {
    expect(state.builder).toMatch(/^ghcr-publish-\d+-[0-9a-f]{8}$/);
    expect(fake.callsOf(['buildx', 'rm']).map(call => call.argv)).toEqual([['buildx', 'rm', state.builder]]);
  } else {
    expect(state.builder).toBeUndefined();
    expect(fake.callsOf(['buildx', 'rm'])).toEqual([]);
  }

  expect(path.dirname(state.workDir ?? '')).toBe(run.dirs.runnerTemp);
  expect(path.basename(state.workDir ?? '')).toMatch(/^ghcr-publish-/);
  expect(existsSync(state.workDir ?? '')).toBe(false);
  expect(readdirSync(run.dirs.runnerTemp).filter(name => name.startsWith('ghcr-publish-'))).toEqual([]);

  const config = path.join(run.dirs.home, '.docker', 'config.json');
  const auths = existsSync(config) ? (JSON.parse(readFileSync(config, 'utf8')).auths ?? {}) : {};
  expect(auths).toEqual({});

  // Nothing main started outlived it into post: each call ended before post's first cleanup command.
  const cleanups = fake.calls().filter(isCleanup);
  const postStart = Math.min(...cleanups.map(call => Date.parse(call.time)));
  for (const call of fake.calls().filter(call => !isCleanup(call))) {
    expect({argv: call.argv, running: call.running ?? false}).toEqual({argv: call.argv, running: false});
    expect(endOf(call)).toBeLessThanOrEqual(postStart);
  }
}

/**
 * The runner signals main's node process alone, so the hung docker command outlived main (`leftoverPids`); post
 * found it, interrupted it (the fake records the signal) and said so, before cleaning up.
 */
function expectLeftoverStopped(run: ActionRun, hung: FakeDockerCall | undefined): void {
  expect(hung).toMatchObject({exitCode: null, signal: 'SIGINT'});
  // Commands running alongside (a login during the builder's creation) may have been left too, and ended alone.
  expect(run.main.leftoverPids).toContain(hung?.pid);
  expect(run.post?.stdout).toMatch(
    new RegExp(`^Interrupting what the cancelled main step left running: .*\\(${hung?.pid}\\)`, 'm')
  );
}

/** No secret in what either step printed or saved (the `::add-mask::` lines are the runner's to consume). */
function expectNoSecrets(run: ActionRun): void {
  const needles = [
    TOKEN,
    PASSWORD,
    Buffer.from(`${ACTOR}:${TOKEN}`).toString('base64'),
    Buffer.from(`${ROBOT}:${PASSWORD}`).toString('base64')
  ];
  for (const step of [run.main, run.post]) {
    const printed = [
      ...step!.lines.filter(line => !line.text.startsWith('::add-mask::')).map(line => line.text),
      JSON.stringify(step!.state),
      JSON.stringify(step!.outputs),
      JSON.stringify(step!.env)
    ].join('\n');
    for (const needle of needles) expect(printed).not.toContain(needle);
  }
}

describe('main cancelled half-way (SIGINT to its node process, as the runner does)', () => {
  it('during the build: post logs out of each registry, removes the builder and the work dir', async () => {
    const outcome = await publish({hang: [{argv: ['buildx', 'build']}]}, started(['buildx', 'build']), TWO_REGISTRIES);
    const {run, fake} = outcome;
    expectCancelled(run.main);
    // Main got that far: both logins and the builder succeeded before the build started.
    expect(fake.callsOf(['login']).map(call => [call.argv.at(-1), call.exitCode])).toEqual([
      ['ghcr.io', 0],
      [OTHER_REGISTRY, 0]
    ]);
    const [create] = fake.callsOf(['buildx', 'create']);
    expect(create?.exitCode).toBe(0);
    expect(valueOf(create?.argv ?? [], '--name')).toBe(outcome.state.builder);
    expect(run.main.outputs).toEqual({});
    expectCleanedUp(outcome, ['ghcr.io', OTHER_REGISTRY]);
    // The build main left running was interrupted before post removed its builder.
    expectLeftoverStopped(run, fake.callsOf(['buildx', 'build'])[0]);
    expect(run.post?.warnings).toEqual([]);
    expectNoSecrets(run);
  });

  it('during a login: the logout is still attempted, as the state was saved before the login started', async () => {
    // The second login (the password one) hangs; the ghcr.io one before it went through.
    const outcome = await publish(
      {hang: [{argv: ['login', '--username', ROBOT]}]},
      started(['login', '--username', ROBOT]),
      TWO_REGISTRIES
    );
    const {run, fake} = outcome;
    expectCancelled(run.main);
    expect(fake.callsOf(['login']).map(call => [call.argv.at(-1), call.exitCode])).toEqual([
      ['ghcr.io', 0],
      [OTHER_REGISTRY, null]
    ]);
    // The login runs alongside the builder probe, before any builder is created.
    expect(fake.callsOf(['buildx', 'create'])).toEqual([]);
    expect(fake.callsOf(['buildx', 'build'])).toEqual([]);
    expectCleanedUp(outcome, ['ghcr.io', OTHER_REGISTRY], false);
    // Had it gone on, it could have written the password after the logout.
    expectLeftoverStopped(run, fake.callsOf(['login', '--username', ROBOT])[0]);
    expect(run.post?.warnings).toEqual([]);
    expectNoSecrets(run);
  });

  it('during the builder creation: post removes the builder recorded before it was created', async () => {
    const outcome = await publish({hang: [{argv: ['buildx', 'create']}]}, started(['buildx', 'create']));
    const {run, fake} = outcome;
    expectCancelled(run.main);
    const [create] = fake.callsOf(['buildx', 'create']);
    expect(valueOf(create?.argv ?? [], '--name')).toBe(outcome.state.builder);
    expectCleanedUp(outcome, ['ghcr.io']);
    // Had it gone on, it could have made the builder after its removal.
    expectLeftoverStopped(run, create);
    // Stopped before it made anything, so there is nothing to remove: the one warning says so.
    expect(run.post?.warnings).toEqual([
      expect.stringMatching(
        new RegExp(`^Removing builder ${outcome.state.builder} failed: .*no builder "${outcome.state.builder}" found`)
      )
    ]);
    expectNoSecrets(run);
  });
});

describe('post when main failed or docker fails in post', () => {
  // That post logs out and removes the builder after a failed build is checked in publish-buildx.test.ts.
  it('after a failed build: also removes the work dir, quietly', async () => {
    const outcome = await publish(
      {
        build: {
          fail: {
            stderr: 'ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2\n'
          }
        }
      },
      undefined
    );
    const {run} = outcome;
    expect(run.main.exitCode).toBe(1);
    expect(run.main.outcome).toBe('failure');
    expect(run.main.errors.join('\n')).toMatch(/Build and push failed/);
    expectCleanedUp(outcome, ['ghcr.io']);
    expect(run.post?.warnings).toEqual([]);
    expectNoSecrets(run);
  });

  it('when logout and builder removal fail: warns about each, still removes the work dir, and passes', async () => {
    const outcome = await publish(
      {
        hang: [{argv: ['buildx', 'build']}],
        commands: [
          {argv: ['logout'], stderr: 'Error: error removing credentials: credential store unreachable\n', exitCode: 1},
          {argv: ['buildx', 'rm'], stderr: 'ERROR: failed to remove builder: context deadline exceeded\n', exitCode: 1}
        ]
      },
      started(['buildx', 'build']),
      TWO_REGISTRIES
    );
    const {run, fake, state} = outcome;
    expectCancelled(run.main);
    expect(run.post?.exitCode).toBe(0);
    expect(run.post?.outcome).toBe('success');
    expect(run.post?.errors).toEqual([]);
    // Each cleanup is tried even though the one before failed.
    expect(fake.callsOf(['logout']).map(call => [call.argv[1], call.exitCode])).toEqual([
      ['ghcr.io', 1],
      [OTHER_REGISTRY, 1]
    ]);
    expect([...(run.post?.warnings ?? [])].sort()).toEqual([
      'Logout from ghcr.io failed: Error: error removing credentials: credential store unreachable',
      `Logout from ${OTHER_REGISTRY} failed: Error: error removing credentials: credential store unreachable`,
      `Removing builder ${state.builder} failed: ERROR: failed to remove builder: context deadline exceeded`
    ]);
    expect(existsSync(state.workDir ?? '')).toBe(false);
    expectNoSecrets(run);
  });

  it('without docker on PATH: removes the login from config.json itself, warns for the builder, passes', async () => {
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'ghcr-publish-'));
    writeFileSync(path.join(workDir, 'metadata.json'), '{}');
    const noDocker = mkdtempSync(path.join(os.tmpdir(), 'no-docker-'));
    scratch.push(workDir, noDocker);
    const state: CleanupState = {registries: ['ghcr.io'], logout: true, builder: 'ghcr-publish-1-0123abcd', workDir};
    const otherLogin = {auth: Buffer.from('me:other').toString('base64')};
    const {step, dirs} = await runStep({
      stage: 'post',
      state: {isPost: 'true', cleanup: JSON.stringify(state)},
      pathOverride: noDocker,
      timeoutMs: STEP_TIMEOUT_MS,
      keep: true,
      // What a merge job without the docker CLI wrote (its own login), beside an earlier step's login.
      setup: dirs => {
        mkdirSync(path.join(dirs.home, '.docker'), {recursive: true});
        writeFileSync(
          path.join(dirs.home, '.docker', 'config.json'),
          JSON.stringify({
            auths: {'ghcr.io': {auth: Buffer.from('x:ghs_token').toString('base64')}, 'quay.io': otherLogin}
          })
        );
      }
    });
    scratch.push(dirs.root);
    expect(step.exitCode).toBe(0);
    expect(step.outcome).toBe('success');
    expect(step.errors).toEqual([]);
    expect(step.warnings).toEqual([
      expect.stringMatching(/^Removing builder ghcr-publish-1-0123abcd failed: The docker CLI is not/)
    ]);
    const config = JSON.parse(readFileSync(path.join(dirs.home, '.docker', 'config.json'), 'utf8'));
    expect(config.auths).toEqual({'quay.io': otherLogin});
    expect(existsSync(workDir)).toBe(false);
  });
});

describe("the harness's cancel option", () => {
  /** A step script in a fresh directory; READY names a file for it to write once its set-up is done. */
  function stepScript(body: string): {entry: string; ready: string; dir: string} {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cancel-step-'));
    scratch.push(dir);
    const entry = path.join(dir, 'step.mjs');
    writeFileSync(entry, body);
    return {entry, ready: path.join(dir, 'ready'), dir};
  }

  it('escalates to SIGTERM, then SIGKILL, when the step ignores the signals (the runner: 7.5 s, then 2.5 s)', async () => {
    const {entry, ready} = stepScript(
      [
        "import {writeFileSync} from 'node:fs';",
        "for (const name of ['SIGINT', 'SIGTERM']) process.on(name, () => console.log(`ignoring ${name}`));",
        "writeFileSync(process.env.READY, '');",
        'setInterval(() => {}, 1000);'
      ].join('\n')
    );
    const {step} = await runStep({
      entry,
      actionFile: null,
      env: {READY: ready},
      timeoutMs: STEP_TIMEOUT_MS,
      cancel: {when: {file: ready}, sigtermAfterMs: 300, sigkillAfterMs: 200}
    });
    const signals = step.cancel?.signals ?? [];
    expect(signals.map(sent => sent.signal)).toEqual(['SIGINT', 'SIGTERM', 'SIGKILL']);
    // Timers fire on a millisecond clock truncated differently from Date.now(): a few ms of slack.
    expect(signals[1]!.atMs - signals[0]!.atMs).toBeGreaterThanOrEqual(295);
    expect(signals[2]!.atMs - signals[1]!.atMs).toBeGreaterThanOrEqual(195);
    expect(step.cancel?.atMs).toBe(signals[0]?.atMs);
    expect(step.stdout).toBe('ignoring SIGINT\nignoring SIGTERM\n');
    expect(step.signal).toBe('SIGKILL');
    expect(step.outcome).toBe('cancelled');
    expect(step.timedOut).toBe(false);
  });

  it.each([
    ['process', 'leaves what the step started running, as the runner', 'running'],
    ['group', 'signals what the step started too, like Ctrl-C in a terminal', 'SIGINT']
  ] as const)('target %s %s', async (target, _what, childEnd) => {
    const {entry, ready, dir} = stepScript(
      [
        "import {spawn} from 'node:child_process';",
        "import {writeFileSync} from 'node:fs';",
        "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});",
        "child.on('spawn', () => writeFileSync(process.env.READY, String(child.pid)));",
        '// On SIGINT: note how the child ended (or that it runs on, after a second), then die of the signal.',
        "process.once('SIGINT', () => {",
        "  const report = end => (writeFileSync(process.env.CHILD_END, end), process.kill(process.pid, 'SIGINT'));",
        '  if (child.exitCode !== null || child.signalCode !== null) return report(child.signalCode ?? child.exitCode);',
        "  const timer = setTimeout(() => report('running'), 1000);",
        "  child.once('exit', (code, signal) => (clearTimeout(timer), report(signal ?? code)));",
        '});',
        'setInterval(() => {}, 1000);'
      ].join('\n')
    );
    const childEndFile = path.join(dir, 'child-end');
    const {step} = await runStep({
      entry,
      actionFile: null,
      env: {READY: ready, CHILD_END: childEndFile},
      timeoutMs: STEP_TIMEOUT_MS,
      cancel: {when: () => existsSync(ready) && readFileSync(ready, 'utf8') !== '', target}
    });
    expect(step.cancel).toMatchObject({fired: true, target});
    expect(step.cancel?.signals.map(sent => sent.signal)).toEqual(['SIGINT']);
    expect(step.signal).toBe('SIGINT');
    expect(readFileSync(childEndFile, 'utf8')).toBe(childEnd);
    // A child left running outlives the step (until the run ends, as until the runner's job-end cleanup).
    expect(step.leftoverPids).toEqual(childEnd === 'running' ? [Number(readFileSync(ready, 'utf8'))] : []);
  });

  it('does nothing when the condition never holds', async () => {
    const {entry} = stepScript("console.log('done');");
    const {step} = await runStep({entry, actionFile: null, timeoutMs: STEP_TIMEOUT_MS, cancel: {when: () => false}});
    expect(step.cancel).toEqual({fired: false, target: 'process', signals: []});
    expect(step.outcome).toBe('success');
    expect(step.exitCode).toBe(0);
    expect(step.runnerErrors).toEqual([]);
  });
});
