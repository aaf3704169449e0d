/**
 * The GitHub runner's interface through @actions/core: inputs, outputs, state, environment, masks, groups, summary
 * and log. On top of core, only what it lacks: environment values too large for later steps to start, the lines of
 * a multi-line secret masked one by one, state read back as JSON, and a summary that is skipped where the runner
 * offers none (a local run).
 */
import * as core from '@actions/core';
import type {InputReader} from '../core/inputs.js';

/** INPUT_<NAME>, trimmed unless asked otherwise (core uppercases the name and turns spaces into underscores). */
export const readInput: InputReader = (name, options) => core.getInput(name, {trimWhitespace: options?.trim !== false});

export function setOutputs(outputs: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

/**
 * Linux refuses to start a process whose single environment string exceeds 128 KiB (E2BIG): one huge
 * variable would stop every later step of the job, the post step and its logout too. Such a value is
 * left out with a warning.
 */
const ENVIRONMENT_VALUE_LIMIT = 64 * 1024;

export function exportVariables(variables: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(variables)) {
    const bytes = Buffer.byteLength(value);
    if (bytes > ENVIRONMENT_VALUE_LIMIT) {
      log.warning(
        `${name} is not exported: its ${bytes} bytes would stop later steps from starting. Use the step output instead.`
      );
      continue;
    }
    core.exportVariable(name, value);
  }
}

export function saveState(name: string, value: unknown): void {
  core.saveState(name, typeof value === 'string' ? value : JSON.stringify(value));
}

/** What the main step saved, which the runner hands to the post step as STATE_<name>. */
export function readState<T>(name: string, fallback: T): T {
  const raw = core.getState(name);
  if (raw === '') return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/**
 * Registers a value with the runner so that it is replaced by *** in every later log line. The runner
 * matches masks line by line, so each line of a multi-line secret is registered as well.
 */
export function mask(value: string): void {
  if (value === '') return;
  core.setSecret(value);
  const lines = value.split(/\r?\n/).filter(line => line.trim().length > 3);
  if (lines.length > 1) lines.forEach(line => core.setSecret(line));
}

/** Appends to the job summary; a run without GITHUB_STEP_SUMMARY (a local run) has none to write. */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

/** Where an annotation points: a file of the repository, its lines, and a title. */
export type AnnotationProperties = Pick<core.AnnotationProperties, 'title' | 'file' | 'startLine' | 'endLine'>;

export const log = {
  info: (message: string) => core.info(message),
  debug: (message: string) => core.debug(message),
  warning: (message: string, properties?: AnnotationProperties) => core.warning(message, properties),
  /** Marks the step failed: an error annotation and exit code 1. */
  fail: (message: string) => core.setFailed(message)
};

/**
 * A phase of the step, folded in the log under its name (the runner does not nest groups: phases follow each other).
 * Ended when the phase ends, failed or not, so the failure is printed outside, where it is seen.
 */
export function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  return core.group(name, run);
}
