/**
 * The one way tests run the bundled action (main then post, as a runner does) against the recording fake docker:
 * the fake first on PATH, a workspace with a `FROM scratch` Dockerfile, a tag push by default, and no registry
 * check after the push (the fake pushes nowhere; the end-to-end tests verify against real registries).
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {runAction, type ActionRun, type RunOptions} from '../harness/runner.js';
import {createFakeDocker, type FakeDocker, type FakeDockerScenario} from './fake-docker/index.js';

export const FAKE_RUN_TOKEN = 'ghs_fakeDockerTokenValue123';

/**
 * `options` may depend on the fake (a cancel once the fake saw a command). Given a fake of an earlier run instead of
 * a scenario, the run finds what that one left (images, builders, logins): the same runner, a later job.
 */
export async function runWithFakeDocker(
  scenario: FakeDockerScenario | FakeDocker = {},
  optionsFor: RunOptions | ((fake: FakeDocker) => RunOptions) = {}
): Promise<{run: ActionRun; fake: FakeDocker}> {
  const fake = 'binDir' in scenario ? scenario : await createFakeDocker(scenario);
  const options = typeof optionsFor === 'function' ? optionsFor(fake) : optionsFor;
  const run = await runAction({
    event: 'push-tag',
    token: FAKE_RUN_TOKEN,
    ...options,
    setup: options.setup ?? (dirs => writeFileSync(join(dirs.workspace, 'Dockerfile'), 'FROM scratch\n')),
    pathPrepend: [fake.binDir, ...(options.pathPrepend ?? [])],
    env: {...fake.env, ...options.env},
    inputs: {context: '.', verify: 'false', ...options.inputs}
  });
  return {run, fake};
}
