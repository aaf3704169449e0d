/** The job summary in Markdown. Pure. */
import {type Handoff} from '../core/handoff.js';
import {displayPlatform} from '../core/platforms.js';
import type {Metadata} from '../core/metadata/types.js';
import {describeCache, type PublishPlan} from '../core/plan.js';
import {describeCacheMounts} from '../core/cache-mounts.js';
import {describeAttestation, type AttestationOutcome} from '../core/attestation.js';

export interface PublishResult {
  dryRun: boolean;
  pushed: boolean;
  digest: string;
  imageid: string;
  metadata: string;
  /** Which builder ran the build and why (the plan's rule when nothing was built). */
  builder?: string;
  /** A platform job's handoff to the merge job: the artifact's name. */
  handoff?: string;
  /** A merge job's platforms, one digest each. */
  merged?: Handoff[];
  /** The provenance attestation of what was pushed, or why there is none. */
  attestation?: AttestationOutcome;
}

export function renderSummary(plan: PublishPlan, metadata: Metadata, result: PublishResult): string {
  const title = result.dryRun ? 'ghcr-publish (dry run)' : 'ghcr-publish';
  const rows: [string, string][] = [
    ['Image', code(plan.image || '(none)')],
    ['Tags', metadata.tagNames.length > 0 ? metadata.tagNames.map(code).join(' ') : '(none)'],
    ['Digest', result.digest ? code(result.digest) : '(none)'],
    ['Platforms', plan.platforms.length > 0 ? code(plan.platforms.join(',')) : 'builder default'],
    ['Pushed', pushedCell(plan, result)],
    ['Cache', describeCache(plan)],
    ...(plan.cacheMounts.mounts.length > 0
      ? [['Cache mounts', escapeCell(describeCacheMounts(plan.cacheMounts).join('; '))] as [string, string]]
      : []),
    ['Builder', escapeCell(result.builder ?? plan.builder)],
    ['Attestation', attestationCell(plan, result)]
  ];
  if (plan.job.kind === 'platform') rows.push(['Matrix', 'platform job: pushed by digest for the merge job, no tags']);
  if (plan.job.kind === 'merge') rows.push(['Matrix', "merge job: the run's platform digests joined into one index"]);
  const lines = [`### ${title}`, '', '| | |', '|---|---|', ...rows.map(([key, value]) => `| ${key} | ${value} |`)];
  if (result.handoff) {
    lines.push('', `Pushed by digest and handed off to the merge job as the run artifact ${code(result.handoff)}.`);
  }
  if (result.merged) {
    lines.push('', '| Platform | Digest | Run attempt |', '|---|---|---|');
    lines.push(
      ...result.merged.map(
        handoff =>
          `| ${code(displayPlatform(handoff.platformSlug))} | ${code(handoff.digest)} | ${handoff.runAttempt} |`
      )
    );
  }
  if (result.pushed && result.digest && plan.image) {
    lines.push('', 'Pull by digest:', '', '```', `docker pull ${plan.image}@${result.digest}`, '```');
  }
  const attested = result.attestation;
  if (attested?.id !== undefined) {
    lines.push('', 'Attested (SLSA provenance):', '');
    lines.push(...attested.subjects.map(subject => `- ${code(`${subject.name}@sha256:${subject.digest.sha256}`)}`));
    lines.push(
      '',
      'Verify:',
      '',
      '```',
      `gh attestation verify oci://${plan.image}@${result.digest} -R ${plan.attestation.repository}`,
      '```'
    );
  }
  return lines.join('\n') + '\n';
}

function attestationCell(plan: PublishPlan, result: PublishResult): string {
  const text = escapeCell(describeAttestation(plan.attestation, result.attestation));
  return result.attestation?.url ? `[${text}](${result.attestation.url})` : text;
}

function pushedCell(plan: PublishPlan, result: PublishResult): string {
  if (result.dryRun) return `no, dry run (would ${plan.push.push ? '' : 'not '}push: ${escapeCell(plan.push.reason)})`;
  return `${result.pushed ? 'yes' : 'no'}: ${escapeCell(plan.push.reason)}`;
}

function code(value: string): string {
  return '`' + value.replace(/`/g, "'") + '`';
}

function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|');
}
