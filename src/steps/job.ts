/**
 * What every job of the step shares: its inputs and plan, what it reports, the login, and docker commands run with
 * bounded retries on registry hiccups and failures explained with what to do.
 */
import type {CleanupRecorder} from './cleanup-state.js';
import {docker, type DockerOptions, type DockerResult} from '../adapters/docker.js';
import {log} from '../adapters/runner.js';
import {ActionableError} from '../core/errors.js';
import {isForkPullRequest, type GitHubContext} from '../core/github-context.js';
import {registryOf} from '../core/image-reference.js';
import type {Config} from '../core/inputs.js';
import type {PublishPlan} from '../core/plan.js';
import {
  errorCause,
  explainFailure,
  isRateLimited,
  isTransientRegistryFailure,
  RATE_LIMIT_WAIT_MS
} from '../core/registry-errors.js';
import {retry} from '../core/retry.js';

export interface PublishOutcome {
  pushed: boolean;
  digest: string;
  imageid: string;
  /** buildx's metadata JSON, pretty-printed (empty for the legacy builder). */
  metadata: string;
  /** Which builder ran the build and why, for the job summary (none for the merge job). */
  builder?: string;
}

export interface Step {
  config: Config;
  plan: PublishPlan;
  context: GitHubContext;
  cleanup: CleanupRecorder;
}

export async function login(step: Step): Promise<void> {
  for (const {registry, username, password} of step.plan.login.logins) {
    // Recorded first: a login cancelled half-way may still have written credentials for post to remove.
    if (step.plan.logout) step.cleanup.loggedIn(registry);
    await mustRun(
      ['login', '--username', username, '--password-stdin', registry],
      {stdin: password},
      `Login to ${registry}`,
      step,
      LOGIN_ATTEMPTS
    );
  }
  for (const skipped of step.plan.login.skipped) log.info(`No login to ${skipped.registry}: ${skipped.reason}.`);
}

/** A login is quick and comes first: one attempt more than other commands before the step gives up. */
const LOGIN_ATTEMPTS = 4;

export function failureContext(operation: string, step: Step) {
  const registry = step.plan.login.logins[0]?.registry ?? registryOf(step.plan.image);
  return {operation, registry, forkPullRequest: isForkPullRequest(step.context)};
}

/**
 * Runs a docker command and fails the step with an explained error. A registry or network hiccup in its output
 * (registry-errors.ts: never a denial, a credentials problem or a failed build step) is retried, bounded and
 * logged: docker retries blob uploads itself, but not a manifest PUT, a token request or a pull of a base image,
 * and a 429's Retry-After never reaches us, so a rate limit waits RATE_LIMIT_WAIT_MS at least.
 */
export async function mustRun(
  args: readonly string[],
  options: DockerOptions,
  operation: string,
  step: Step,
  attempts = DOCKER_RETRY.attempts
) {
  const result = await retry(
    async () => {
      const outcome = await docker(args, options);
      const said = outcome.stderr || outcome.stdout;
      if (outcome.exitCode !== 0 && isTransientRegistryFailure(said)) throw new DockerHiccup(outcome, said);
      return outcome;
    },
    {
      ...DOCKER_RETRY,
      attempts,
      isTransient: error => error instanceof DockerHiccup,
      retryAfterMs: error =>
        error instanceof DockerHiccup && isRateLimited(error.said) ? RATE_LIMIT_WAIT_MS : undefined,
      onRetry: (error, attempt, delayMs) =>
        log.info(`${operation} failed transiently (${(error as Error).message}); retry ${attempt} in ${delayMs} ms.`)
    }
  ).catch(error => (error instanceof DockerHiccup ? error.result : Promise.reject(error)));
  if (result.exitCode !== 0) {
    throw new ActionableError(explainFailure(result.stderr || result.stdout, failureContext(operation, step)));
  }
  return result;
}

export const DOCKER_RETRY = {attempts: 3, baseDelayMs: 2_000, maxDelayMs: 10_000};

class DockerHiccup extends Error {
  constructor(
    readonly result: DockerResult,
    readonly said: string
  ) {
    super(errorCause(said));
  }
}
