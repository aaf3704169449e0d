/** The post step: undo what main recorded (logins, the builder, temporary files). It never fails the job. */
import {readdirSync, readFileSync, rmSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {readCleanupState} from './cleanup-state.js';
import {docker, dockerCliOnPath} from '../adapters/docker.js';
import {storeLogin} from '../adapters/docker-credentials.js';
import {log, phase} from '../adapters/runner.js';

export async function post(): Promise<void> {
  await phase('Cleanup', cleanUp);
}

async function cleanUp(): Promise<void> {
  const state = readCleanupState();
  // First, or a login still running could write credentials after the logout, a create the builder after its rm.
  if (!process.env.STATE_mainFinished) {
    await attempt('Stopping what the main step left running', () => stopLeftovers(state.mainEnvironment));
  }
  const registries = state.logout ? state.registries : [];
  const builder = state.builder;
  // Logouts rewrite the one config.json, so they go one after another; the builder goes meanwhile.
  const logouts = async () => {
    for (const registry of registries) {
      await attempt(`Logout from ${registry}`, async () =>
        // A merge job on a runner without the docker CLI stored its login itself: it removes it the same way.
        dockerCliOnPath() ? expectSuccess(await docker(['logout', registry])) : storeLogin(registry, undefined)
      );
    }
  };
  await Promise.all([
    logouts(),
    builder
      ? attempt(`Removing builder ${builder}`, async () => expectSuccess(await docker(['buildx', 'rm', builder])))
      : undefined
  ]);
  if (state.workDir) {
    const workDir = state.workDir;
    await attempt('Removing temporary files', async () => rmSync(workDir, {recursive: true, force: true}));
  }
}

/** How long the processes main left running get to stop after SIGINT before they are killed. */
const LEFTOVER_GRACE_MS = 5_000;
const LEFTOVER_POLL_MS = 50;

/**
 * The runner cancels a step by signalling its node process alone, so the docker commands a cancelled main had
 * started keep running into post (a build would go on pushing). They are the processes whose environment holds
 * main's `environment` entry (CleanupState.mainEnvironment): each gets SIGINT, as the runner would have sent it,
 * and those still there after `graceMs` SIGKILL. Returns the process IDs found. Needs /proc (Linux), else a no-op.
 */
export async function stopLeftovers(environment: string | undefined, graceMs = LEFTOVER_GRACE_MS): Promise<number[]> {
  if (!environment) return [];
  const interrupted = new Set<number>();
  const deadline = Date.now() + graceMs;
  let killed = false;
  for (let alive = processesWith(environment); alive.length > 0; alive = processesWith(environment)) {
    const found = alive.filter(pid => !interrupted.has(pid));
    if (found.length > 0) log.info(`Interrupting what the cancelled main step left running: ${listProcesses(found)}`);
    for (const pid of found) {
      signal(pid, 'SIGINT');
      interrupted.add(pid);
    }
    if (Date.now() >= deadline) {
      // Killed once; a process that survives SIGKILL (uninterruptible sleep) is left to the runner.
      if (killed) break;
      log.warning(`Killing what did not stop within ${graceMs} ms: ${listProcesses(alive)}`);
      alive.forEach(pid => signal(pid, 'SIGKILL'));
      killed = true;
    }
    await sleep(LEFTOVER_POLL_MS);
  }
  return [...interrupted];
}

/** Live processes whose environment has the entry (zombies have none; others' processes cannot be read). */
function processesWith(entry: string): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter(name => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  const needle = `\0${entry}\0`;
  return pids.map(Number).filter(pid => {
    try {
      return `\0${readFileSync(`/proc/${pid}/environ`, 'utf8')}`.includes(needle);
    } catch {
      return false;
    }
  });
}

/** `docker buildx build (1234), docker login (1235)`: the command words only, never the arguments. */
function listProcesses(pids: number[]): string {
  return pids
    .map(pid => {
      let words: string[] = [];
      try {
        words = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      } catch {
        // Gone meanwhile.
      }
      const name = words[0]?.split('/').pop() || 'process';
      const end = words.findIndex((word, index) => index > 0 && !/^[a-z][a-z-]*$/.test(word));
      return `${[name, ...words.slice(1, end < 0 ? words.length : end).slice(0, 2)].join(' ')} (${pid})`;
    })
    .join(', ');
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

function expectSuccess(result: {exitCode: number; stderr: string}): void {
  if (result.exitCode !== 0) throw new Error(result.stderr.trim() || `exit code ${result.exitCode}`);
}

/** Each cleanup runs even when an earlier one failed; failures are warnings, never a failed job. */
async function attempt(what: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    log.warning(`${what} failed: ${(error as Error).message}`);
  }
}
