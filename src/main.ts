/** The main step: inputs → context → metadata → plan → execute → outputs and summary. */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {artifactStoreFrom} from './artifact-store.js';
import {CleanupRecorder} from './cleanup-state.js';
import {runMergeJob} from './distribute/merge-job.js';
import {handOffPlatformDigest} from './distribute/platform-job.js';
import {ActionableError} from './errors.js';
import {githubContextFrom} from './github-context.js';
import {readConfig, readEnvironmentBoolean} from './inputs.js';
import {
  computeMetadata,
  effectiveSha,
  metadataNow,
  metadataOutputEnvironment,
  metadataOutputs,
  metadataSettingsFrom
} from './metadata/index.js';
import {renderPlan} from './plan-text.js';
import type {Metadata} from './metadata/types.js';
import {publish, type Step} from './publish.js';
import {planPublish} from './plan.js';
import {resolveCommitDate, resolveRepository} from './repository-facts.js';
import {exportVariables, log, mask, readInput, setOutputs, writeSummary} from './runner.js';
import {renderSummary, type PublishResult} from './summary.js';

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = readConfig(readInput);
  mask(config.githubToken);
  mask(config.login.password);
  config.build.secrets.forEach(secret => mask(secret.value.slice(secret.value.indexOf('=') + 1)));

  const context = githubContextFrom(env, readEventPayload(env));
  const settings = metadataSettingsFrom(env);
  const exportMetadataEnvironment = readEnvironmentBoolean(env, 'DOCKER_METADATA_SET_OUTPUT_ENV', true);
  const now = metadataNow(env, new Date());
  const repo = await resolveRepository(context, config.githubToken, log.warning);
  const commitDate = await resolveCommitDate(context, effectiveSha(context, settings), config.githubToken, now);
  const metadata = computeMetadata({inputs: config.metadata, context, repo, settings, now, commitDate});
  metadata.warnings.forEach(warning => log.warning(warning));

  const cleanup = new CleanupRecorder(config.login.logout);
  const workDir = makeWorkDir(env);
  cleanup.workDir(workDir);
  const plan = planPublish(config, context, metadata, repo, {env, workDir});
  if (plan.push.warning) log.warning(plan.push.warning);

  let result: PublishResult;
  if (config.dryRun) {
    log.info(renderPlan(plan, metadata));
    result = {dryRun: true, pushed: false, digest: '', imageid: '', metadata: ''};
  } else {
    result = {dryRun: false, ...(await execute({config, plan, context, cleanup, tags: metadata.tags}, metadata, env))};
  }

  const outputs = metadataOutputs(metadata, config.metadata);
  setOutputs({
    ...outputs,
    image: plan.image,
    digest: result.digest,
    imageid: result.imageid,
    metadata: result.metadata,
    pushed: String(result.pushed)
  });
  if (exportMetadataEnvironment) {
    exportVariables(metadataOutputEnvironment(outputs));
  }
  await writeSummary(renderSummary(plan, metadata, result));
}

/** A plain publish, or one side of a matrix: a platform job (push by digest, hand off) or the merge job. */
async function execute(step: Step, metadata: Metadata, env: NodeJS.ProcessEnv): Promise<Omit<PublishResult, 'dryRun'>> {
  const {config, plan} = step;
  // Before any build: a runner without the artifact service fails now, not after a long build.
  const store = config.distribute === '' ? undefined : artifactStoreFrom(env);
  if (config.distribute === 'merge') return runMergeJob(step, metadata, store!);
  if (!plan.push.push) log.info(`Not pushing: ${plan.push.reason}.`);
  if (config.distribute === '') return publish(step);
  // A platform job pushes by digest only: its tags belong to the merge job's index.
  const outcome = await publish({...step, tags: []});
  if (!outcome.pushed) return outcome;
  const handoff = await handOffPlatformDigest({
    images: plan.images,
    platform: plan.platforms[0]!,
    digest: outcome.digest,
    context: step.context,
    logins: plan.login.logins,
    verify: config.verify,
    store: store!,
    log: log.info
  });
  return {...outcome, handoff};
}

function readEventPayload(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ActionableError(`Cannot read the event payload GITHUB_EVENT_PATH=${path}: ${(error as Error).message}`);
  }
}

function makeWorkDir(env: NodeJS.ProcessEnv): string {
  return mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'ghcr-publish-'));
}
