/**
 * The GitHub runner's interface: inputs, outputs, state, environment, masks, summary and log, written with
 * the runner's documented file and workflow commands.
 *
 * Why not @actions/core: its index statically imports its OIDC client, which bundles undici (900 KB of
 * the 1.27 MB bundle) for getIDToken, a call this action never makes; loading it cost about 70 ms at each
 * start, and the action starts twice per job (main and post). Everything used here is the few lines below.
 */
import {randomUUID} from 'node:crypto';
import {appendFileSync} from 'node:fs';
import {EOL} from 'node:os';
import type {InputReader} from '../core/inputs.js';

/** INPUT_<NAME>: the runner uppercases the name and turns spaces into underscores (dashes are kept). */
export const readInput: InputReader = (name, options) => {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
  return options?.trim === false ? value : value.trim();
};

export function setOutputs(outputs: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(outputs)) appendFileCommand('GITHUB_OUTPUT', name, value);
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
    process.env[name] = value;
    appendFileCommand('GITHUB_ENV', name, value);
  }
}

export function saveState(name: string, value: unknown): void {
  appendFileCommand('GITHUB_STATE', name, typeof value === 'string' ? value : JSON.stringify(value));
}

/** What the main step saved, which the runner hands to the post step as STATE_<name>. */
export function readState<T>(name: string, fallback: T): T {
  const raw = process.env[`STATE_${name}`] ?? '';
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
  command('add-mask', value);
  const lines = value.split(/\r?\n/).filter(line => line.trim().length > 3);
  if (lines.length > 1) lines.forEach(line => command('add-mask', line));
}

export async function writeSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown + EOL);
}

export const log = {
  info: (message: string) => process.stdout.write(message + EOL),
  debug: (message: string) => command('debug', message),
  warning: (message: string, properties?: AnnotationProperties) => command('warning', message, properties),
  /** Marks the step failed: an error annotation and exit code 1. */
  fail: (message: string) => {
    process.exitCode = 1;
    command('error', message);
  }
};

/** Where an annotation points: a file of the repository, its lines, and a title. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

/** The runner's names of the annotation properties. */
const PROPERTY_NAMES: Readonly<Record<keyof AnnotationProperties, string>> = {
  title: 'title',
  file: 'file',
  startLine: 'line',
  endLine: 'endLine'
};

/** A workflow command on stdout, with the runner's escaping so a message stays on one line. */
function command(name: string, message: string, properties: AnnotationProperties = {}): void {
  const given = (Object.keys(PROPERTY_NAMES) as (keyof AnnotationProperties)[])
    .filter(key => properties[key] !== undefined && properties[key] !== '')
    .map(
      key => `${PROPERTY_NAMES[key]}=${escapeData(String(properties[key])).replace(/:/g, '%3A').replace(/,/g, '%2C')}`
    );
  process.stdout.write(`::${name}${given.length > 0 ? ` ${given.join(',')}` : ''}::${escapeData(message)}${EOL}`);
}

/** The runner's escaping of a command's data; property values also escape `:` and `,`. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A `name<<DELIMITER` heredoc entry in a runner file (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE). */
function appendFileCommand(fileVariable: string, name: string, value: string): void {
  const file = process.env[fileVariable];
  if (!file) throw new Error(`${fileVariable} is not set: ghcr-publish must run as a step of a GitHub Actions job`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  // A value containing the delimiter would end the entry early and inject others; a random one never occurs.
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`unexpected delimiter in ${name}`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`);
}
