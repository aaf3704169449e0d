/**
 * The end of a platform job: check that the pushed digest is in every image's repository, then hand it to the
 * merge job of this run through the run's artifacts.
 */
import type {HandoffStore} from '../artifact-store.js';
import {ArtifactExistsError} from '../artifact-store.js';
import {ActionableError} from '../errors.js';
import type {GitHubContext} from '../github-context.js';
import {registryClientFor} from '../push-verification.js';
import {registryOf, repositoryOf, type RegistryLogin} from '../registries.js';
import {explainFailure} from '../registry-errors.js';
import {handoffName, handoffRecord, type HandoffRecord} from './handoff.js';

export interface PlatformJob {
  images: readonly string[];
  platform: string;
  digest: string;
  context: GitHubContext;
  logins: readonly RegistryLogin[];
  verify: boolean;
  store: HandoffStore;
  log: (message: string) => void;
}

export async function handOffPlatformDigest(job: PlatformJob): Promise<HandoffRecord> {
  if (!job.digest) {
    throw new ActionableError('The push by digest reported no digest, so there is nothing to hand to the merge job.');
  }
  if (job.verify) await checkDigestInRepositories(job);
  const record = handoffRecord(job.images, job.platform, job.digest, job.context);
  const name = handoffName(record);
  try {
    await job.store.put(name, JSON.stringify(record));
  } catch (error) {
    if (error instanceof ArtifactExistsError && !error.possiblyOwn) {
      throw new ActionableError(
        `Another job of this run attempt already handed off ${record.platform} for ${record.images.join(', ')} ` +
          `(artifact ${name}). Each platform must be built by one job: check that the matrix lists every platform once.`
      );
    }
    throw error;
  }
  job.log(`Handed off ${record.platform} → ${record.digest} for the merge job (artifact ${name}).`);
  return record;
}

async function checkDigestInRepositories(job: PlatformJob): Promise<void> {
  for (const image of job.images) {
    const registry = registryOf(image);
    const client = registryClientFor(registry, job.logins, job.log);
    let found: string | undefined;
    try {
      found = await client.manifestDigest(repositoryOf(image), job.digest);
    } catch (error) {
      throw new ActionableError(
        explainFailure((error as Error).message, {
          operation: `Checking the pushed digest in ${image}`,
          registry,
          forkPullRequest: false
        }) + '\nSet "verify: false" to skip the check for a registry whose API this runner cannot reach.'
      );
    }
    if (found !== job.digest) {
      throw new ActionableError(
        `The registry does not serve the pushed digest ${job.digest} in ${image}: the push by digest did not ` +
          'land there. Re-run the job; if it persists, check the build log for the push.'
      );
    }
  }
}
