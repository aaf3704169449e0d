/**
 * Post stops what a cancelled main left running: the runner signals main's node process alone, so the docker
 * commands main started run on into post, where a login could write credentials after the logout. Main saves an
 * environment entry only its processes have; post interrupts the processes that have it, and kills those that
 * do not stop. Real processes, found through /proc (Linux).
 */
import {jest} from '@jest/globals';
import {spawn, type ChildProcess} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CleanupRecorder, readCleanupState} from '../../../src/steps/cleanup-state.js';
import {stopLeftovers} from '../../../src/steps/post.js';

const onLinux = process.platform === 'linux' ? describe : describe.skip;
const children: ChildProcess[] = [];
let printed: string[] = [];

beforeEach(() => {
  printed = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => (printed.push(String(chunk)), true));
});

afterEach(() => {
  jest.restoreAllMocks();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A node process with `GITHUB_STATE=stateFile` that runs until killed; resolves once `script` has run. */
async function leftover(stateFile: string, script = ''): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', `${script}; console.log('ready'); setInterval(() => {}, 1000)`], {
    env: {PATH: process.env.PATH ?? '', GITHUB_STATE: stateFile},
    stdio: ['ignore', 'pipe', 'ignore']
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the leftover process did not start within 10 s')), 10_000);
    child.stdout?.once('data', () => (clearTimeout(timer), resolve()));
  });
  return child;
}

/** How the process ended: its signal or exit code, waiting at most 5 s. */
function ending(child: ChildProcess): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.signalCode ?? `${child.exitCode}`);
  return new Promise(resolve => {
    const timer = setTimeout(() => resolve('still running'), 5_000);
    child.once('exit', (code, signal) => (clearTimeout(timer), resolve(signal ?? `${code}`)));
  });
}

describe('the cleanup state', () => {
  const saved = {GITHUB_STATE: process.env.GITHUB_STATE, STATE_cleanup: process.env.STATE_cleanup};
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("records main's GITHUB_STATE entry first thing, and post reads it back", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cleanup-state-'));
    try {
      const file = path.join(dir, 'save_state_1');
      writeFileSync(file, ''); // the runner creates the file before the step starts
      process.env.GITHUB_STATE = file;
      new CleanupRecorder(true);
      const json = readFileSync(file, 'utf8').split('\n')[1] ?? '';
      expect(JSON.parse(json)).toEqual({registries: [], logout: true, mainEnvironment: `GITHUB_STATE=${file}`});
      process.env.STATE_cleanup = json;
      expect(readCleanupState().mainEnvironment).toBe(`GITHUB_STATE=${file}`);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

onLinux('stopping what main left running', () => {
  it('interrupts the processes with main’s entry, and only those', async () => {
    const mainState = `/tmp/_runner_file_commands/save_state_${randomUUID()}`;
    const [left, alsoLeft, other] = await Promise.all([
      leftover(mainState),
      leftover(mainState),
      leftover(`${mainState}-post`)
    ]);
    const found = await stopLeftovers(`GITHUB_STATE=${mainState}`, 5_000);
    expect(found.sort()).toEqual([left.pid, alsoLeft.pid].sort());
    expect(await ending(left)).toBe('SIGINT');
    expect(await ending(alsoLeft)).toBe('SIGINT');
    expect(other.exitCode).toBeNull();
    expect(other.signalCode).toBeNull();
    expect(printed.join('')).toMatch(
      new RegExp(`^Interrupting what the cancelled main step left running: .*\\(${left.pid}\\)`, 'm')
    );
  });

  it('kills what does not stop within the grace period, with a warning', async () => {
    const mainState = `/tmp/_runner_file_commands/save_state_${randomUUID()}`;
    const stubborn = await leftover(mainState, "process.on('SIGINT', () => {})");
    const started = Date.now();
    expect(await stopLeftovers(`GITHUB_STATE=${mainState}`, 300)).toEqual([stubborn.pid]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(await ending(stubborn)).toBe('SIGKILL');
    expect(printed.join('')).toMatch(
      new RegExp(`^::warning::Killing what did not stop within 300 ms: .*\\(${stubborn.pid}\\)`, 'm')
    );
  });

  it('does nothing without an entry (a state saved by an older main) or when nothing is left', async () => {
    expect(await stopLeftovers(undefined)).toEqual([]);
    expect(await stopLeftovers(`GITHUB_STATE=/tmp/_runner_file_commands/save_state_${randomUUID()}`)).toEqual([]);
    expect(printed).toEqual([]);
  });
});
