/**
 * The attest input through the bundled action with the fake docker: what is decided before any docker command.
 * Signing and storing run end to end against the Sigstore and attestations stand-ins in
 * __tests__/e2e/attestation-real.test.ts (with the real registry the subjects are read back from).
 */
import {cleanupAllFakeDockers} from '../support/fake-docker/index.js';
import {runWithFakeDocker} from '../support/with-fake-docker.js';

afterAll(() => cleanupAllFakeDockers());

const OIDC = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/idtoken?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x'
};

describe('attest', () => {
  it('true without id-token: write fails before any docker command, naming the permission', async () => {
    const {run, fake} = await runWithFakeDocker({}, {inputs: {attest: 'true'}});
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors).toEqual([
      expect.stringMatching(/^input "attest": signing the attestation needs the OIDC token .*"id-token: write"/)
    ]);
    expect(fake.calls()).toEqual([]);
  });

  it('true with an empty github-token fails before any docker command', async () => {
    const {run, fake} = await runWithFakeDocker(
      {},
      {inputs: {attest: 'true', 'github-token': '', password: 'p', username: 'u'}, env: OIDC}
    );
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors.join('\n')).toMatch(/input "github-token": storing the attestation needs a token/);
    expect(fake.calls()).toEqual([]);
  });

  it('shows in the dry-run plan what would be attested, and with which Sigstore instance', async () => {
    const {run} = await runWithFakeDocker({}, {inputs: {'dry-run': 'true'}, env: OIDC});
    expect(run.main.errors).toEqual([]);
    expect(run.main.stdout).toContain(
      "Attestation:\n  SLSA provenance of the pushed index and every platform manifest, signed with Sigstore's public-good instance"
    );
  });

  it('auto on a pull request that does not push: nothing to attest, said once', async () => {
    const {run} = await runWithFakeDocker({}, {event: 'pull-request', env: OIDC});
    expect(run.main.errors).toEqual([]);
    expect(run.main.stdout).toContain('No provenance attestation: nothing is pushed.');
    expect(run.main.summary).toMatch(/\| Attestation \| none: nothing is pushed \|/);
  });

  it('false says nothing about attestations in the log', async () => {
    const {run} = await runWithFakeDocker({}, {inputs: {attest: 'false'}, env: OIDC});
    expect(run.main.errors).toEqual([]);
    expect(run.main.stdout).not.toContain('provenance attestation');
    expect(run.main.outputs['attestation-id']).toBe('');
  });
});
