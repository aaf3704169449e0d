/**
 * examples/composite/action.yml, a team's composite action wrapping ghcr-publish, run as the runner expands it: the
 * caller's `with:` over the composite's input defaults, the expressions of its ghcr-publish step evaluated into that
 * step's inputs, the bundled action run with them (main then post, against the fake docker), and the composite's
 * outputs read back from the step's outputs. An expression this small evaluator does not know fails the test, so the
 * example cannot drift into something unchecked.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parse as parseYaml} from 'yaml';
import {loadEvent, REPO_ROOT} from '../harness/runner.js';
import {cleanupAllFakeDockers} from '../support/fake-docker/index.js';
import {FAKE_RUN_TOKEN, runWithFakeDocker} from '../support/with-fake-docker.js';

interface CompositeAction {
  inputs: Record<string, {default?: string}>;
  outputs: Record<string, {value: string}>;
  runs: {using: string; steps: {id?: string; uses?: string; with?: Record<string, string>}[]};
}

const composite = parseYaml(
  readFileSync(path.join(REPO_ROOT, 'examples', 'composite', 'action.yml'), 'utf8')
) as CompositeAction;
const action = parseYaml(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const event = loadEvent('push-tag');

type Scope = Record<string, unknown>;

/** `${{ a.b || c.d }}` with property paths and `||` only: what the example uses. */
function evaluate(template: string, scope: Scope): string {
  return template.replace(/\$\{\{\s*([\s\S]*?)\s*\}\}/g, (_match, expression: string) => {
    for (const alternative of expression.split(/\s*\|\|\s*/)) {
      if (!/^[a-z_]+(\.[A-Za-z0-9_-]+)+$/.test(alternative)) throw new Error(`unsupported expression: ${alternative}`);
      const [root, ...keys] = alternative.split('.');
      if (!(root! in scope)) throw new Error(`unknown context "${root}" in ${alternative}`);
      let value: unknown = scope[root!];
      for (const key of keys) value = (value as Record<string, unknown> | undefined)?.[key];
      if (value !== undefined && value !== null && value !== '') return String(value);
    }
    return '';
  });
}

const github = {
  token: FAKE_RUN_TOKEN,
  repository: event.env.GITHUB_REPOSITORY,
  repository_owner: event.env.GITHUB_REPOSITORY_OWNER,
  event: event.payload
};

/** The composite run as the runner runs it: its inputs, the ghcr-publish step, its outputs. */
async function useComposite(given: Record<string, string>) {
  const inputs = Object.fromEntries(
    Object.entries(composite.inputs).map(([name, input]) => [
      name,
      given[name] ?? evaluate(input.default ?? '', {github})
    ])
  );
  const step = composite.runs.steps.find(candidate => candidate.id === 'publish');
  const stepInputs = Object.fromEntries(
    Object.entries(step?.with ?? {}).map(([name, value]) => [name, evaluate(String(value), {inputs, github})])
  );
  const {run, fake} = await runWithFakeDocker({}, {event: 'push-tag', inputs: stepInputs});
  const steps = {publish: {outputs: run.main.outputs}};
  const outputs = Object.fromEntries(
    Object.entries(composite.outputs).map(([name, output]) => [name, evaluate(output.value, {steps})])
  );
  return {run, fake, stepInputs, outputs};
}

afterAll(() => cleanupAllFakeDockers());

describe('the composite action example', () => {
  it('wraps ghcr-publish in one step, passing only inputs it declares and re-exporting only outputs it has', () => {
    expect(composite.runs.using).toBe('composite');
    const step = composite.runs.steps.find(candidate => candidate.id === 'publish');
    expect(step?.uses).toMatch(/^ghcr-publish\/ghcr-publish@v\d+$/);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(Object.keys(step?.with ?? {})));
    for (const output of Object.values(composite.outputs)) {
      const name = /steps\.publish\.outputs\.([a-z-]+)/.exec(output.value)?.[1];
      expect(Object.keys(action.outputs)).toContain(name);
    }
    // Every inputs.X the step reads is declared by the composite.
    const read = JSON.stringify(step?.with).match(/inputs\.[a-z-]+/g) ?? [];
    expect(Object.keys(composite.inputs)).toEqual(expect.arrayContaining(read.map(ref => ref.slice('inputs.'.length))));
  });

  it("publishes with the team's defaults and hands the digest, image, tags and version to the caller", async () => {
    const {run, fake, stepInputs, outputs} = await useComposite({});
    expect(run.main.errors).toEqual([]);
    expect(stepInputs.images).toBe('ghcr.io/Octo-Org/Hello-World');
    expect(fake.callsOf(['buildx', 'build'])[0]?.argv).toEqual(
      expect.arrayContaining([
        '--platform',
        'linux/amd64,linux/arm64',
        '--label',
        'org.opencontainers.image.vendor=Acme'
      ])
    );
    expect(outputs).toEqual({
      image: 'ghcr.io/octo-org/hello-world',
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      tags: expect.stringContaining('ghcr.io/octo-org/hello-world:1.2.3'),
      version: '1.2.3'
    });
    expect(outputs.digest).toBe(run.main.outputs.digest);
  });

  it("passes the caller's choices through: image name, platforms, dry run", async () => {
    const {run, fake, outputs} = await useComposite({
      'image-name': 'Tools',
      platforms: 'linux/arm64',
      'dry-run': 'true'
    });
    expect(run.main.errors).toEqual([]);
    expect(fake.callsOf(['buildx', 'build'])).toEqual([]);
    expect(outputs.image).toBe('ghcr.io/octo-org/tools');
    expect(outputs.digest).toBe('');
    expect(run.main.stdout).toContain('linux/arm64');
  });
});
