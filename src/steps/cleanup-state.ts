/**
 * What the post step must undo, saved by main as soon as each thing exists, so that a main step that
 * fails or is cancelled half-way is still cleaned up.
 */
import {readState, saveState} from '../adapters/runner.js';

export interface CleanupState {
  /** Registries logged in to by this step. */
  registries: string[];
  logout: boolean;
  /** A builder created for this run. */
  builder?: string;
  /** The step's temporary directory (metadata and image ID files). */
  workDir?: string;
  /**
   * An environment entry that only main and the processes it started have (`GITHUB_STATE=<its file>`, new for
   * each step), by which post finds the docker commands a cancelled main left running.
   */
  mainEnvironment?: string;
}

const STATE_NAME = 'cleanup';

export class CleanupRecorder {
  private readonly state: CleanupState;

  constructor(logout: boolean) {
    this.state = {registries: [], logout};
    if (process.env.GITHUB_STATE) this.state.mainEnvironment = `GITHUB_STATE=${process.env.GITHUB_STATE}`;
    this.save();
  }

  workDir(path: string): void {
    this.state.workDir = path;
    this.save();
  }

  loggedIn(registry: string): void {
    if (!this.state.registries.includes(registry)) this.state.registries.push(registry);
    this.save();
  }

  builderCreated(name: string): void {
    this.state.builder = name;
    this.save();
  }

  private save(): void {
    saveState(STATE_NAME, this.state);
  }
}

export function readCleanupState(): CleanupState {
  return readState<CleanupState>(STATE_NAME, {registries: [], logout: false});
}
