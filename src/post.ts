/** The post step: undo what main recorded (logins, the builder, temporary files). It never fails the job. */
import {rmSync} from 'node:fs';
import {readCleanupState} from './cleanup-state.js';
import {docker} from './docker.js';
import {log} from './runner.js';

export async function post(): Promise<void> {
  const state = readCleanupState();
  const registries = state.logout ? state.registries : [];
  const builder = state.builder;
  // Logouts rewrite the one config.json, so they go one after another; the builder goes meanwhile.
  const logouts = async () => {
    for (const registry of registries) {
      await attempt(`Logout from ${registry}`, async () => expectSuccess(await docker(['logout', registry])));
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

function expectSuccess(result: {exitCode: number; stderr: string}): void {
  if (result.exitCode !== 0) throw new Error(result.stderr.trim() || `exit code ${result.exitCode}`);
}

/** Each cleanup runs even when an earlier one failed; failures are warnings, never a failed job. */
async function attempt(what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    log.warning(`${what} failed: ${(error as Error).message}`);
  }
}
