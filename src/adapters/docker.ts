/** Runs the docker CLI: argument arrays through @actions/exec, never a shell; secrets on stdin or in env. */
import * as exec from '@actions/exec';
import {accessSync, constants} from 'node:fs';
import {EOL} from 'node:os';
import {delimiter, join} from 'node:path';
import {ActionableError} from '../core/errors.js';
import {quote} from '../core/command-line.js';

export interface DockerResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface DockerOptions {
  /** Written to docker's standard input (a password for --password-stdin). */
  stdin?: string;
  /** Extra environment variables; their values are not printed. */
  env?: Readonly<Record<string, string>>;
  /** Do not echo the command and its output (probes whose output is parsed). */
  quiet?: boolean;
}

export async function docker(args: readonly string[], options: DockerOptions = {}): Promise<DockerResult> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  // The docker actions disable content trust too: a runner-wide DOCKER_CONTENT_TRUST would block pushes.
  Object.assign(env, options.env ?? {}, {DOCKER_CONTENT_TRUST: 'false'});
  // exec's own command echo prints arguments raw: a label with a newline would put a line of the user's
  // choosing (such as ::add-mask::) at the start of a log line. Echo the command escaped instead.
  if (options.quiet !== true) process.stdout.write(`[command]docker ${args.map(quote).join(' ')}${EOL}`);
  try {
    const result = await exec.getExecOutput('docker', [...args], {
      ignoreReturnCode: true,
      silent: true,
      listeners:
        options.quiet === true
          ? undefined
          : {stdout: data => process.stdout.write(data), stderr: data => process.stderr.write(data)},
      input: options.stdin === undefined ? undefined : Buffer.from(options.stdin),
      env
    });
    return {exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr};
  } catch (error) {
    if (error instanceof Error && /Unable to locate executable file/.test(error.message)) {
      throw new ActionableError(
        "The docker CLI is not on this runner's PATH. GitHub-hosted Ubuntu runners have it; on a self-hosted " +
          'runner install Docker Engine with the buildx plugin.'
      );
    }
    throw error;
  }
}

/** Whether a docker CLI is on PATH: a runner or container job that only merges may have none. */
export function dockerCliOnPath(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return (env.PATH ?? '').split(delimiter).some(directory => {
    if (directory === '') return false;
    try {
      accessSync(join(directory, 'docker'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
