import {readConfig} from '../../../src/core/inputs.js';
import {planPublish} from '../../../src/core/plan.js';
import {renderSummary, type PublishResult} from '../../../src/report/summary.js';
import {makeContext, REPO, run} from '../core/metadata/fixtures.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const TAG_PUSH = {event: 'push', ref: 'refs/tags/v1.2.3'};

function summaryOf(inputs: Record<string, string>, result: Partial<PublishResult>): string {
  const config = readConfig(name => inputs[name] ?? '');
  const metadata = run(TAG_PUSH);
  const plan = planPublish(config, makeContext(TAG_PUSH), metadata, REPO, {env: {}, workDir: '/tmp/x'});
  return renderSummary(plan, metadata, {
    dryRun: false,
    pushed: false,
    digest: '',
    imageid: '',
    metadata: '',
    ...result
  });
}

describe('renderSummary', () => {
  it('shows image, tags, digest, platforms, push, cache and builder, and how to pull by digest', () => {
    const text = summaryOf(
      {'github-token': 't', platforms: 'linux/amd64,linux/arm64'},
      {pushed: true, digest: DIGEST, builder: 'the current builder: a | b'}
    );
    expect(text).toContain('| Image | `ghcr.io/octo-org/hello-world` |');
    expect(text).toContain('| Tags | `v1.2.3` `latest` |');
    expect(text).toContain(`| Digest | \`${DIGEST}\` |`);
    expect(text).toContain('| Platforms | `linux/amd64,linux/arm64` |');
    expect(text).toMatch(/\| Pushed \| yes: /);
    expect(text).toContain('| Builder | the current builder: a \\| b |');
    expect(text).toContain(`docker pull ghcr.io/octo-org/hello-world@${DIGEST}`);
  });

  it('says what a dry run would have done, and offers no pull', () => {
    const text = summaryOf({'github-token': 't', 'dry-run': 'true'}, {dryRun: true});
    expect(text).toMatch(/^### ghcr-publish \(dry run\)/);
    expect(text).toMatch(/\| Pushed \| no, dry run \(would push: /);
    expect(text).not.toContain('docker pull');
  });

  it("lists a merge job's platforms with their digests, and a platform job's handoff", () => {
    const merged = summaryOf(
      {distribute: 'merge', 'github-token': 't'},
      {
        pushed: true,
        digest: DIGEST,
        merged: [{imagesKey: 'k', platformSlug: 'linux-arm-v7', runAttempt: 2, digest: DIGEST, artifact: 'a'}]
      }
    );
    expect(merged).toContain("| Matrix | merge job: the run's platform digests joined into one index |");
    expect(merged).toContain(`| \`linux/arm/v7\` | \`${DIGEST}\` | 2 |`);
    const platform = summaryOf(
      {distribute: 'platform', platforms: 'linux/arm64', 'github-token': 't'},
      {pushed: true, digest: DIGEST, handoff: 'ghcr-publish-digest-x'}
    );
    expect(platform).toContain('handed off to the merge job as the run artifact `ghcr-publish-digest-x`');
  });
});
