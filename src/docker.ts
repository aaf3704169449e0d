/** Runs the docker CLI: argument arrays through @actions/exec, never a shell; secrets on stdin or in env. */
import * as exec from '@actions/exec';
import {ActionableError} from './errors.js';

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
  try {
    const result = await exec.getExecOutput('docker', [...args], {
      ignoreReturnCode: true,
      silent: options.quiet === true,
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
