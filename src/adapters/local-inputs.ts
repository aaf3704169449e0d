/**
 * What the inputs name on the runner's disk (the build context, its Dockerfile, secret files), checked before any
 * docker process: a missing file fails the step here, naming the input, instead of after a builder boot with
 * buildx's words for it.
 */
import {accessSync, constants, readFileSync, statSync} from 'node:fs';
import {resolve} from 'node:path';
import {isRemoteContext, splitKeyValue} from '../core/build-command.js';
import {InputError} from '../core/errors.js';
import type {BuildConfig} from '../core/inputs.js';
import type {ListItem} from '../core/input-lists.js';

type Kind = 'directory' | 'file';

/** Why the path is not a readable file or directory of that kind, if it is not. */
function pathProblem(path: string, kind: Kind): string | undefined {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code})`;
  }
  if (isDirectory !== (kind === 'directory')) return `is a ${isDirectory ? 'directory' : 'file'}, not a ${kind}`;
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return 'cannot be read by the runner user';
  }
  return undefined;
}

/** The local context and Dockerfile, and every secret file, as buildx would open them from this directory. */
export function checkLocalFiles(build: BuildConfig, workingDirectory: string): void {
  if (!isRemoteContext(build.context)) {
    const problem = pathProblem(resolve(workingDirectory, build.context), 'directory');
    if (problem) {
      throw new InputError(
        'context',
        build.context,
        `the build context ${problem}`,
        'Check out the repository first (actions/checkout), or give the directory to build relative to the workspace.'
      );
    }
    const file = dockerfileOf(build);
    const fileProblem = file === '-' ? undefined : pathProblem(resolve(workingDirectory, file), 'file');
    if (fileProblem) {
      throw new InputError(
        'file',
        file,
        `the Dockerfile ${fileProblem}${build.file ? '' : ' (the default: Dockerfile in the context)'}`,
        'Give the Dockerfile\'s path relative to the workspace in "file", e.g. file: docker/app.Dockerfile.'
      );
    }
  }
  for (const item of build.secretFiles) checkSecretFile(item, workingDirectory);
}

/** As buildx finds it: the file input, else Dockerfile in the context. */
function dockerfileOf(build: BuildConfig): string {
  return build.file || `${build.context.replace(/\/+$/, '')}/Dockerfile`;
}

/**
 * The Dockerfile's text, for the cache mounts it declares; none when it is not on this disk (a remote context, or
 * stdin) or when no cache mount is asked for. checkLocalFiles has already refused one that cannot be read.
 */
export function readDockerfile(build: BuildConfig, workingDirectory: string): {path: string; text: string} | undefined {
  if (build.cacheMounts.length === 0 || isRemoteContext(build.context) || dockerfileOf(build) === '-') return undefined;
  const path = dockerfileOf(build);
  return {path, text: readFileSync(resolve(workingDirectory, path), 'utf8')};
}

function checkSecretFile(item: ListItem, workingDirectory: string): void {
  const path = splitKeyValue(item.value)[1].trim();
  const problem = pathProblem(resolve(workingDirectory, path), 'file');
  if (problem) {
    throw new InputError(
      'secret-files',
      item.value,
      `the secret file ${problem}`,
      'Write id=path with the path of a file an earlier step wrote, relative to the workspace.',
      item.line
    );
  }
}
