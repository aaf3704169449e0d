/** The human-readable plan a dry run prints. Secrets never reach it: they are not in the plan's arguments. */
import type {Metadata} from '../core/metadata/types.js';
import {describeCache, type PublishPlan} from '../core/plan.js';
import {oneLine, quote} from '../core/command-line.js';
import {describeCacheMounts} from '../core/cache-mounts.js';
import {describeAttestation} from '../core/attestation.js';

export function renderPlan(plan: PublishPlan, metadata: Metadata): string {
  const lines: string[] = ['ghcr-publish dry run: nothing was built, pushed or logged in.', ''];
  const section = (title: string, entries: readonly string[]) => {
    lines.push(`${title}:`);
    lines.push(...(entries.length > 0 ? entries.map(entry => `  ${oneLine(entry)}`) : ['  (none)']));
    lines.push('');
  };
  section('Images', plan.images);
  section('Version', metadata.version.main ? [metadata.version.main] : []);
  section('Tags', metadata.tags);
  section('Labels', metadata.labels);
  section('Annotations', metadata.annotations);
  section('Push', [`${plan.push.push ? 'yes' : 'no'}: ${plan.push.reason}`]);
  section('Cache', [describeCache(plan)]);
  if (plan.cacheMounts.mounts.length > 0 || plan.cacheMounts.notes.length > 0) {
    section('Cache mounts', describeCacheMounts(plan.cacheMounts));
  }
  section('Builder', [plan.builder]);
  section('Attestation', [describeAttestation(plan.attestation)]);
  const commands = [
    ...plan.login.logins.map(
      login => `docker login --username ${quote(login.username)} --password-stdin ${login.registry}   # password: ***`
    ),
    ...plan.login.skipped.map(skipped => `# no login to ${skipped.registry}: ${skipped.reason}`),
    ...distributedSteps(plan, metadata),
    ...(plan.logout ? plan.login.logins.map(login => `docker logout ${login.registry}   # post step`) : [])
  ];
  section('Commands', commands);
  return lines.join('\n').trimEnd();
}

/** What runs between login and logout: the build, or for a merge job the registry calls instead. */
function distributedSteps(plan: PublishPlan, metadata: Metadata): string[] {
  const build = ['docker', ...plan.build.args].map(quote).join(' ') + secretNote(plan);
  switch (plan.job.kind) {
    case 'publish':
      return [build];
    case 'platform':
      return [build, `# hand off ${plan.job.platform} and the pushed digest to the merge job (run artifact)`];
    case 'merge': {
      const platforms = plan.platforms.length > 0 ? plan.platforms.join(', ') : 'every handed-off platform';
      return [
        `# collect this run's handed-off digests for ${platforms} (run artifacts)`,
        `# PUT an OCI image index of them, with ${metadata.annotations.length} annotations, as: ${plan.tags.join(' ') || '(no tags)'}`
      ];
    }
  }
}

function secretNote(plan: PublishPlan): string {
  const variables = Object.keys(plan.build.secretEnv);
  return variables.length > 0 ? `   # secret environment: ${variables.map(name => `${name}=***`).join(' ')}` : '';
}
