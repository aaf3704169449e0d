/**
 * The bundled action (dist/index.js) run as a runner runs it, main then post, in dry-run mode against
 * realistic events: outputs, environment exports, plan text, summary and failures.
 */
import {runAction} from '../harness/runner.js';

const dryRun = (extra: Record<string, string> = {}) => ({'dry-run': 'true', ...extra});
const RULES = [
  'type=semver,pattern={{version}}',
  'type=semver,pattern={{major}}.{{minor}}',
  'type=ref,event=branch',
  'type=ref,event=pr',
  'type=sha',
  'type=raw,value=latest,enable={{is_default_branch}}'
].join('\n');

describe('dry run of the bundled action', () => {
  it.each<[string, string[]]>([
    // A semver version is a release, so latest=auto adds latest; the default branch gets it from the raw rule.
    ['push-tag', ['1.2.3', '1.2', 'sha-d57b341', 'latest']],
    ['push-main', ['main', 'latest', 'sha-']],
    ['push-feature-branch', ['feature-new-api-42', 'sha-']],
    ['pull-request', ['pr-15', 'sha-']],
    ['pull-request-fork', ['pr-', 'sha-']],
    ['schedule', ['main', 'latest', 'sha-']],
    ['release', ['1.2.3', '1.2', 'sha-', 'latest']],
    ['workflow-dispatch', ['main', 'latest', 'sha-']]
  ])('%s gives the expected tags and succeeds', async (event, expectedPrefixes) => {
    const run = await runAction({event, inputs: dryRun({tags: RULES})});
    expect(run.main.errors).toEqual([]);
    expect(run.main.exitCode).toBe(0);
    const tagNames = run.main.outputs['tag-names']?.split('\n') ?? [];
    expect(tagNames).toHaveLength(expectedPrefixes.length);
    expectedPrefixes.forEach((prefix, index) => expect(tagNames[index]?.startsWith(prefix)).toBe(true));
    expect(run.post?.exitCode).toBe(0);
  });

  it('sets every metadata output, the image, and pushed=false on a tag push', async () => {
    const run = await runAction({event: 'push-tag', inputs: dryRun({tags: 'type=semver,pattern={{version}}'})});
    const {outputs} = run.main;
    expect(outputs.version).toBe('1.2.3');
    expect(outputs.image).toBe('ghcr.io/octo-org/hello-world');
    expect(outputs.tags).toBe('ghcr.io/octo-org/hello-world:1.2.3\nghcr.io/octo-org/hello-world:latest');
    expect(outputs['tag-names']).toBe('1.2.3\nlatest');
    expect(outputs.pushed).toBe('false');
    expect(outputs.digest).toBe('');
    expect(outputs.labels).toContain('org.opencontainers.image.source=https://github.com/Octo-Org/Hello-World');
    expect(outputs.labels).toContain('org.opencontainers.image.version=1.2.3');
    expect(outputs.annotations).toContain('manifest:org.opencontainers.image.licenses=MIT');
    const json = JSON.parse(outputs.json ?? '{}') as {tags: string[]; labels: Record<string, string>};
    expect(json.tags).toEqual(['ghcr.io/octo-org/hello-world:1.2.3', 'ghcr.io/octo-org/hello-world:latest']);
    expect(json.labels['org.opencontainers.image.description']).toBe('Hello World image');
  });

  it('exports DOCKER_METADATA_OUTPUT_* unless DOCKER_METADATA_SET_OUTPUT_ENV is false', async () => {
    const exported = await runAction({event: 'push-tag', inputs: dryRun()});
    expect(exported.main.env.DOCKER_METADATA_OUTPUT_VERSION).toBe('v1.2.3');
    expect(exported.main.env.DOCKER_METADATA_OUTPUT_TAG_NAMES).toBe('v1.2.3\nlatest');
    const silent = await runAction({
      event: 'push-tag',
      inputs: dryRun(),
      env: {DOCKER_METADATA_SET_OUTPUT_ENV: 'false'}
    });
    expect(silent.main.env).toEqual({});
    expect(silent.main.outputs.version).toBe('v1.2.3');
  });

  it('prints the plan with the docker commands and no secret', async () => {
    const token = 'ghs_dryRunTokenThatMustNeverBePrinted';
    const run = await runAction({
      event: 'push-tag',
      token,
      inputs: dryRun({platforms: 'linux/amd64,linux/arm64', secrets: 'npm=very-secret-npm-token'}),
      actionsCache: true
    });
    const log = run.main.stdout;
    expect(log).toContain('ghcr-publish dry run');
    expect(log).toMatch(/docker login --username octocat --password-stdin ghcr\.io {3}# password: \*\*\*/);
    expect(log).toMatch(/docker buildx build .*--platform linux\/amd64,linux\/arm64/);
    expect(log).toContain(
      '--cache-to type=gha,scope=octo-org-hello-world-linux-amd64+linux-arm64,mode=max,ignore-error=true'
    );
    expect(log).toContain('--push');
    expect(log).toContain('docker logout ghcr.io   # post step');
    expect(run.main.masks).toContain(token);
    expect(run.main.masks).toContain('very-secret-npm-token');
    // The runner consumes ::add-mask:: commands and never shows them; every other line reaches the log.
    const shownLog = run.main.lines
      .map(line => line.text)
      .filter(text => !text.startsWith('::add-mask::'))
      .join('\n');
    for (const secret of [token, 'very-secret-npm-token']) {
      expect(shownLog).not.toContain(secret);
      expect(JSON.stringify(run.main.outputs)).not.toContain(secret);
      expect(run.main.summary).not.toContain(secret);
    }
  });

  it('builds pull requests without pushing, and says why', async () => {
    const run = await runAction({event: 'pull-request-fork', token: 'ghs_x', inputs: dryRun({push: 'true'})});
    expect(run.main.exitCode).toBe(0);
    expect(run.main.warnings.join('\n')).toMatch(/push: true was ignored: .*fork/);
    expect(run.main.stdout).not.toContain('--push');
    expect(run.main.summary).toContain('Pushed | no, dry run (would not push: this is a pull request from a fork');
  });

  it('writes a job summary with image and tags', async () => {
    const run = await runAction({event: 'push-tag', inputs: dryRun()});
    expect(run.main.summary).toContain('### ghcr-publish (dry run)');
    expect(run.main.summary).toContain('`ghcr.io/octo-org/hello-world`');
    expect(run.main.summary).toContain('`v1.2.3`');
  });

  it('fails with a message naming the input, line and value, without a stack trace', async () => {
    const run = await runAction({
      event: 'push-tag',
      inputs: dryRun({tags: 'type=sha\ntype=semver,patern={{version}}'})
    });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors).toHaveLength(1);
    expect(run.main.errors[0]).toMatch(/input "tags", line 2/);
    expect(run.main.stdout + run.main.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(run.post?.exitCode).toBe(0);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a bad boolean', {'dry-run': 'yes'}, /input "dry-run": not a boolean: "yes"/],
    [
      'a bad push mode',
      {push: 'sometimes'},
      /input "push": not a valid choice: "sometimes". Use one of auto, true, false/
    ],
    ['a bad platform', {platforms: 'linux/amd64\namd64'}, /input "platforms", line 2: not a platform: "amd64"/],
    [
      'an unknown distribution mode',
      {distribute: 'both'},
      /input "distribute": not a valid choice: "both". Use one of platform, merge, or leave it empty/
    ],
    [
      'a platform job of two platforms',
      {distribute: 'platform', platforms: 'linux/amd64,linux/arm64'},
      /input "platforms": "distribute: platform" builds exactly one platform per job/
    ],
    ['loading several platforms', {load: 'true', platforms: 'linux/amd64,linux/arm64'}, /input "load"/]
  ])('rejects %s', async (_name, inputs, message) => {
    const run = await runAction({event: 'push-main', inputs: {'dry-run': 'true', ...inputs}});
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors.join('\n')).toMatch(message);
  });
});
