/** The main step: inputs → context → metadata → plan → execute → outputs and summary. */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {artifactStoreFrom} from '../adapters/artifact-store.js';
import {CleanupRecorder} from './cleanup-state.js';
import {runMergeJob} from './merge-job.js';
import {runPlatformJob} from './platform-job.js';
import {ActionableError, InputError} from '../core/errors.js';
import {githubContextFrom} from '../core/github-context.js';
import {readConfig, readEnvironmentBoolean} from '../core/inputs.js';
import {checkLocalFiles, readDockerfile} from '../adapters/local-inputs.js';
import {hasStoredLogin} from '../adapters/docker-credentials.js';
import {
  computeMetadata,
  effectiveSha,
  metadataNow,
  metadataOutputEnvironment,
  metadataOutputs,
  metadataSettingsFrom
} from '../core/metadata/index.js';
import {renderPlan} from '../report/plan-text.js';
import type {Metadata} from '../core/metadata/types.js';
import {publish} from './publish.js';
import {attestPublished} from './attestation.js';
import {type Step} from './job.js';
import {planPublish, type PublishPlan} from '../core/plan.js';
import {registriesWithoutCredentials} from '../core/login-plan.js';
import {isGitHubContainerRegistry} from '../core/image-reference.js';
import {resolveCommitDate, resolveRepository} from '../adapters/repository-facts.js';
import {exportVariables, log, mask, phase, readInput, setOutputs, writeSummary} from '../adapters/runner.js';
import {renderSummary, type PublishResult} from '../report/summary.js';

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = readConfig(readInput);
  mask(config.githubToken);
  mask(config.login.password);
  mask(config.login.dockerHub.password);
  config.build.secrets.forEach(secret => mask(secret.value.slice(secret.value.indexOf('=') + 1)));

  checkLocalFiles(config.build, process.cwd());
  const context = githubContextFrom(env, readEventPayload(env));
  const settings = metadataSettingsFrom(env);
  const exportMetadataEnvironment = readEnvironmentBoolean(env, 'DOCKER_METADATA_SET_OUTPUT_ENV', true);
  const now = metadataNow(env, new Date());
  const {repo, metadata} = await phase('Context and metadata', async () => {
    log.info(`${context.eventName} event on ${context.ref || '(no ref)'} at ${context.sha || '(no commit)'}.`);
    const repo = await resolveRepository(context, config.githubToken, log.warning);
    const commitDate = await resolveCommitDate(context, effectiveSha(context, settings), config.githubToken, now);
    const metadata = computeMetadata({inputs: config.metadata, context, repo, settings, now, commitDate});
    metadata.warnings.forEach(warning => log.warning(warning));
    log.info(`Version: ${metadata.version.main || '(none)'}. Tags: ${metadata.tags.join(', ') || '(none)'}.`);
    return {repo, metadata};
  });

  const cleanup = new CleanupRecorder(config.login.logout);
  const workDir = makeWorkDir(env);
  cleanup.workDir(workDir);
  const dockerfile = readDockerfile(config.build, process.cwd());
  const plan = planPublish(config, context, metadata, repo, {env, workDir, ...(dockerfile ? {dockerfile} : {})});
  if (plan.push.warning) log.warning(plan.push.warning);
  if (plan.push.push) refusePushWithoutCredentials(plan, env, config.dryRun);

  let result: PublishResult;
  if (config.dryRun) {
    log.info(renderPlan(plan, metadata));
    result = {dryRun: true, pushed: false, digest: '', imageid: '', metadata: ''};
  } else {
    const step = {config, plan, context, cleanup};
    const outcome = await execute(step, metadata, env);
    result = {dryRun: false, ...outcome, attestation: await attestPublished(step, outcome)};
  }

  const outputs = metadataOutputs(metadata, config.metadata);
  setOutputs({
    ...outputs,
    image: plan.image,
    digest: result.digest,
    imageid: result.imageid,
    metadata: result.metadata,
    pushed: String(result.pushed),
    'attestation-id': result.attestation?.id === undefined ? '' : String(result.attestation.id),
    'attestation-url': result.attestation?.url ?? '',
    'bundle-path': result.attestation?.bundlePath ?? ''
  });
  if (exportMetadataEnvironment) {
    exportVariables(metadataOutputEnvironment(outputs));
  }
  await writeSummary(renderSummary(plan, metadata, result));
}

/** A plain publish, or one side of a matrix: a platform job (push by digest, hand off) or the merge job. */
function execute(
  step: Step,
  metadata: Metadata,
  env: NodeJS.ProcessEnv
): Promise<Omit<PublishResult, 'dryRun' | 'attestation'>> {
  if (!step.plan.push.push)
    log.info(`Not ${step.plan.job.kind === 'merge' ? 'merging' : 'pushing'}: ${step.plan.push.reason}.`);
  // The artifact store is checked before any build: a runner without the service fails now, not after a build.
  switch (step.plan.job.kind) {
    case 'merge':
      return runMergeJob(step, metadata, artifactStoreFrom(env));
    case 'platform':
      return runPlatformJob(step, step.plan.job.platform, artifactStoreFrom(env));
    case 'publish':
      return publish(step);
  }
}

/** Without any credential the push would fail after the whole build, with the registry's "unauthorized". */
function refusePushWithoutCredentials(plan: PublishPlan, env: NodeJS.ProcessEnv, dryRun: boolean): void {
  const missing = registriesWithoutCredentials(plan.login, registry => hasStoredLogin(registry, env));
  if (missing.length === 0) return;
  const ghcr = missing.some(isGitHubContainerRegistry);
  const error = new InputError(
    ghcr ? 'github-token' : 'password',
    '',
    `the step pushes to ${missing.join(', ')} but has no credentials for it (the input is empty and no earlier step logged in)`,
    ghcr
      ? 'Remove "github-token: \'\'" to use the job\'s GITHUB_TOKEN (with "permissions: packages: write"), or set "password".'
      : 'Set "username" and "password" (e.g. from secrets), log in in an earlier step, or set "push: false".'
  );
  // A dry run shows the plan all the same (often run locally without a token), with what the real run would hit.
  if (!dryRun) throw error;
  log.warning(error.message);
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
