/**
 * A platform job of a matrix: build and push this job's one platform by digest (publish.ts, with the
 * push-by-digest output the plan chose), then hand the digest to the merge job of this run as a run artifact.
 */
import {ArtifactExistsError, type HandoffStore} from '../adapters/artifact-store.js';
import {isSha256Digest} from '../core/digests.js';
import {ActionableError} from '../core/errors.js';
import {publish} from './publish.js';
import {type PublishOutcome, type Step} from './job.js';
import {log} from '../adapters/runner.js';
import {handoffArtifact} from '../core/handoff.js';

export async function runPlatformJob(
  step: Step,
  platform: string,
  store: HandoffStore
): Promise<PublishOutcome & {handoff?: string}> {
  // Tags belong to the merge job's index: the plan gives this job none to push or verify.
  const outcome = await publish(step);
  if (!outcome.pushed) return outcome;
  if (!isSha256Digest(outcome.digest)) {
    throw new ActionableError(
      `The push by digest reported ${outcome.digest ? `the digest "${outcome.digest}"` : 'no digest'}, so there is ` +
        'nothing to hand to the merge job. Check the build log of the push.'
    );
  }
  const {plan, context} = step;
  const artifact = handoffArtifact(plan.images, platform, outcome.digest, context);
  try {
    await store.put(artifact.name, artifact.content);
    log.info(`Handed off ${platform} → ${outcome.digest} to the merge job (artifact ${artifact.name}).`);
  } catch (error) {
    // The name holds images, platform, attempt and digest: an artifact of that name is this very handoff.
    if (!(error instanceof ArtifactExistsError)) throw error;
    log.info(`This run already holds the handoff of ${platform} → ${outcome.digest} (${artifact.name}).`);
  }
  return {...outcome, handoff: artifact.name};
}
