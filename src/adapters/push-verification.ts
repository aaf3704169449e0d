/**
 * After a push, each tag must resolve in its registry to the digest the step reports: a tag that another
 * job moved meanwhile, or a push that silently lost a tag, fails the step instead of being attested.
 */
import {storedDockerCredentials, type StoredCredentials} from './docker-credentials.js';
import {ActionableError} from '../core/errors.js';
import {type RegistryLogin} from '../core/login-plan.js';
import {registryOf} from '../core/image-reference.js';
import {RegistryClient, verifyTags, type TagCheck} from './registry-client.js';
import {explainFailure} from '../core/registry-errors.js';
import {HttpError} from './http-policy.js';

export async function verifyPushedTags(
  tags: readonly string[],
  digest: string,
  logins: readonly RegistryLogin[],
  onRetry: (message: string) => void,
  onSkip: (message: string) => void = onRetry
): Promise<TagCheck[]> {
  const checks: TagCheck[] = [];
  for (const registry of [...new Set(tags.map(registryOf))]) {
    const credentials = credentialsFor(registry, logins);
    const client = registryClientWith(registry, credentials, onRetry);
    const expected = tags.filter(tag => registryOf(tag) === registry).map(reference => ({reference, digest}));
    try {
      checks.push(...(await verifyTags(client, expected)));
    } catch (error) {
      // docker pushed with credentials this step cannot read (a helper that is not on PATH, a cloud login): the
      // push succeeded, so an unreadable check must not fail it.
      if (!credentials && isUnauthorized(error)) {
        onSkip(
          `Not verifying the pushed tags on ${registry}: it asks for credentials and none were found for it ` +
            "(no login by this step, no auths entry or working credential helper in docker's config.json)."
        );
        continue;
      }
      throw new ActionableError(
        explainFailure((error as Error).message, {
          operation: `Verifying the pushed tags on ${registry}`,
          registry,
          forkPullRequest: false
        }) + '\nSet "verify: false" to skip the check for a registry whose API this runner cannot reach.'
      );
    }
  }
  const wrong = checks.filter(check => !check.ok);
  if (wrong.length > 0) {
    throw new ActionableError(
      `The registry does not serve the pushed digest ${digest} for ${wrong
        .map(check => `${check.reference} (${check.found ? `it serves ${check.found}` : 'tag not found'})`)
        .join(', ')}. Another job may have pushed the same tag meanwhile; re-run this job.`
    );
  }
  return checks;
}

/**
 * A client for the registry with the credentials the step logged in with there, else those an earlier step
 * left in docker's config.json, else anonymous.
 */
export function registryClientFor(
  registry: string,
  logins: readonly RegistryLogin[],
  onRetry: (message: string) => void
): RegistryClient {
  return registryClientWith(registry, credentialsFor(registry, logins), onRetry);
}

function credentialsFor(registry: string, logins: readonly RegistryLogin[]): StoredCredentials | undefined {
  return logins.find(candidate => candidate.registry === registry) ?? storedDockerCredentials(registry);
}

function registryClientWith(
  registry: string,
  login: StoredCredentials | undefined,
  onRetry: (message: string) => void
): RegistryClient {
  return new RegistryClient({
    registry,
    username: login?.username,
    password: login?.password,
    retry: {
      onRetry: (error, attempt, delayMs) => onRetry(`${registry}: ${String(error)} (retry ${attempt} in ${delayMs} ms)`)
    }
  });
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpError && error.status === 401;
}
