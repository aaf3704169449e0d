/** The GitHub runner's interface (inputs, outputs, state, environment, summary, log), over @actions/core. */
import * as core from '@actions/core';
import type {InputReader} from './inputs.js';

export const readInput: InputReader = (name, options) => core.getInput(name, {trimWhitespace: options?.trim !== false});

export function setOutputs(outputs: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

export function exportVariables(variables: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(variables)) core.exportVariable(name, value);
}

export function saveState(name: string, value: unknown): void {
  core.saveState(name, typeof value === 'string' ? value : JSON.stringify(value));
}

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

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

export const log = {
  info: core.info,
  warning: core.warning,
  fail: core.setFailed,
  group: core.group
};
