/**
 * Robustness: no secret ever lands in what the action writes. The bundled action runs (main then post, with step
 * debug logging on) with recognisable secret values — the github-token, a password, a `secrets` entry and a
 * `secret-envs` variable — on a dry run, a successful publish, a failing build and a refused login against the
 * recording fake docker. Everything the run wrote is then scanned: stdout and stderr (minus the `::add-mask::`
 * lines, which the runner consumes), the output, state, env and summary of main and post, and every file under
 * the run's temp root (workspace, RUNNER_TEMP, file-command files and HOME, which after the post step's logout
 * must no longer hold the login), for each secret raw, in base64 (at the three byte alignments, so a secret
 * inside a larger base64 blob is found too) and as the base64 `user:secret` that docker's config.json stores.
 * The fake docker's own call log (outside the temp root) records stdin and is deliberately not scanned.
 */
import {lstatSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {cleanupAll, type ActionRun, type StepResult} from '../harness/runner.js';
import {cleanupAllFakeDockers, type FakeDocker, type FakeDockerScenario} from '../support/fake-docker/index.js';
import {startFakeArtifactService, type FakeArtifactService} from '../support/fake-artifact-service.js';
import {runWithFakeDocker} from '../support/with-fake-docker.js';

const ACTOR = 'octocat';
const TOKEN = 'ghs_SCANgithubToken0123456789abcdefABCDEF';
const PASSWORD = 'pw_SCANregistryPassword0123456789abcdef';
const BUILD_SECRET = 'sec_SCANbuildSecret0123456789abcdefABCD';
const ENV_SECRET = 'env_SCANenvironmentSecret0123456789abcd';
const SECRETS = {TOKEN, PASSWORD, BUILD_SECRET, ENV_SECRET};

/** base64 of `value` preceded by 0, 1 or 2 bytes, without the characters those bytes or the padding touch. */
function base64Alignments(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  return [0, 1, 2].map(shift => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const start = [0, 2, 3][shift] ?? 0;
    return encoded.slice(start, encoded.length - 4);
  });
}

interface Needle {
  label: string;
  bytes: Buffer;
}

const NEEDLES: Needle[] = Object.entries(SECRETS).flatMap(([name, value]) => [
  {label: `${name} raw`, bytes: Buffer.from(value)},
  ...base64Alignments(value).map((text, shift) => ({label: `${name} base64/${shift}`, bytes: Buffer.from(text)})),
  {label: `${name} base64(user:secret)`, bytes: Buffer.from(Buffer.from(`${ACTOR}:${value}`).toString('base64'))}
]);

interface Finding {
  where: string;
  needle: string;
}

function scan(where: string, content: Buffer | string): Finding[] {
  const buffer = typeof content === 'string' ? Buffer.from(content) : content;
  return NEEDLES.filter(needle => buffer.includes(needle.bytes)).map(needle => ({where, needle: needle.label}));
}

/** Regular files under `dir`, recursively; symbolic links are not followed. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() && lstatSync(full).isFile() ? [full] : [];
  });
}

function withoutMaskCommands(stream: string): string {
  return stream
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n');
}

const totals = {files: 0, streams: 0, findings: 0};

/** Streams and file-command results of one step, then every file of the run. */
function scanRun(run: ActionRun): Finding[] {
  const findings: Finding[] = [];
  const steps: StepResult[] = [run.main, ...(run.post ? [run.post] : [])];
  for (const step of steps) {
    const streams: Array<[string, string]> = [
      ['stdout', withoutMaskCommands(step.stdout)],
      ['stderr', withoutMaskCommands(step.stderr)],
      ['outputs', JSON.stringify(step.outputs) + Object.values(step.outputs).join('\n')],
      ['state', JSON.stringify(step.state) + Object.values(step.state).join('\n')],
      ['env', JSON.stringify(step.env) + Object.values(step.env).join('\n')],
      ['summary', step.summary],
      ['errors+warnings', [...step.errors, ...step.warnings, ...step.notices, ...step.debug].join('\n')]
    ];
    for (const [name, text] of streams) {
      findings.push(...scan(`${step.stage} ${name}`, text));
      totals.streams++;
    }
  }
  for (const file of filesUnder(run.dirs.root)) {
    findings.push(...scan(path.relative(run.dirs.root, file), readFileSync(file)));
    totals.files++;
  }
  totals.findings += findings.length;
  return findings;
}

async function publish(
  scenario: FakeDockerScenario,
  inputs: Record<string, string> = {},
  skipPost = false,
  env: Record<string, string> = {}
): Promise<{run: ActionRun; fake: FakeDocker}> {
  return runWithFakeDocker(
    {driver: 'docker-container', ...scenario},
    {
      skipPost,
      token: TOKEN,
      keep: true,
      debug: true,
      actionsCache: true,
      env: {SCAN_ENV_SECRET: ENV_SECRET, ...env},
      inputs: {
        platforms: 'linux/amd64,linux/arm64',
        password: PASSWORD,
        secrets: `npm=${BUILD_SECRET}`,
        'secret-envs': 'envsecret=SCAN_ENV_SECRET',
        ...inputs
      },
      setup: dirs =>
        writeFileSync(`${dirs.workspace}/Dockerfile`, 'FROM scratch\nRUN --mount=type=secret,id=npm true\n')
    }
  );
}

let artifactService: FakeArtifactService | undefined;

/** The artifact service's runtime token is a secret of the runner too: it joins the needles once issued. */
async function artifactEnvironment(runId: string, jobId: string): Promise<Record<string, string>> {
  artifactService ??= await startFakeArtifactService();
  const token = artifactService.runtimeToken({runId, jobId});
  NEEDLES.push(
    {label: `RUNTIME_TOKEN ${jobId} raw`, bytes: Buffer.from(token)},
    ...base64Alignments(token).map((text, shift) => ({
      label: `RUNTIME_TOKEN ${jobId} base64/${shift}`,
      bytes: Buffer.from(text)
    }))
  );
  return {ACTIONS_RESULTS_URL: artifactService.url, ACTIONS_RUNTIME_TOKEN: token, GITHUB_RUN_ID: runId};
}

afterAll(async () => {
  await artifactService?.close();
  await cleanupAll();
  await cleanupAllFakeDockers();
  console.log(
    `secret scan: ${totals.files} files and ${totals.streams} streams scanned (${totals.files + totals.streams} in all), ${NEEDLES.length} needles (secrets raw and base64), ${totals.findings} secret bytes found`
  );
});

describe('no secret in anything the action writes', () => {
  it('the needles are what the scan looks for', () => {
    // Sanity: the scanner finds a secret at every alignment of a base64 blob, and the docker auth form.
    const blob = Buffer.from(`xx${PASSWORD}yy`).toString('base64');
    expect(scan('blob', blob).map(f => f.needle)).toContain('PASSWORD base64/2');
    const auth = Buffer.from(`${ACTOR}:${TOKEN}`).toString('base64');
    expect(scan('auth', JSON.stringify({auths: {'ghcr.io': {auth}}})).map(f => f.needle)).toContain(
      'TOKEN base64(user:secret)'
    );
  });

  it('dry run', async () => {
    const {run, fake} = await publish({}, {'dry-run': 'true'});
    expect(fake.calls()).toEqual([]);
    expect(run.main.exitCode).toBe(0);
    expect(run.main.stdout).toContain('docker');
    expect(scanRun(run)).toEqual([]);
  });

  it('successful publish', async () => {
    const {run, fake} = await publish({});
    expect(run.main.errors).toEqual([]);
    // The secrets were really used: login read the password, the build read a secret file (written 0600 in the
    // work directory, which post removes, so the scan finds nothing after the run) and an environment secret.
    expect(fake.callsOf(['login'])[0]?.stdin).toBe(PASSWORD);
    const build = fake.callsOf(['buildx', 'build'])[0];
    expect(build?.argv.some(arg => /^id=[^,]+,src=.*\/ghcr-publish-[^/]+\/secret-0$/.test(arg))).toBe(true);
    expect(Object.values(build?.env ?? {})).not.toContain(BUILD_SECRET);
    expect(build?.argv).toContain('id=envsecret,env=SCAN_ENV_SECRET');
    expect(run.main.exitCode).toBe(0);
    expect(run.main.outputs.pushed).toBe('true');
    expect(run.post?.exitCode).toBe(0);
    expect(scanRun(run)).toEqual([]);
  });

  it('failing build', async () => {
    const {run} = await publish({
      build: {
        fail: {
          stderr: 'ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1\n'
        }
      }
    });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors.join('\n')).toContain('exit code: 1');
    expect(scanRun(run)).toEqual([]);
  });

  it('refused login', async () => {
    const {run, fake} = await publish({logins: {'ghcr.io': 'not-the-password-given'}});
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors).toHaveLength(1);
    expect(fake.callsOf(['login'])[0]?.exitCode).not.toBe(0);
    expect(fake.callsOf(['buildx', 'build'])).toEqual([]);
    expect(scanRun(run)).toEqual([]);
  });

  it('refused login with the github-token as password', async () => {
    const {run, fake} = await publish({logins: {'ghcr.io': 'not-the-token-given'}}, {password: ''});
    expect(run.main.exitCode).toBe(1);
    expect(fake.callsOf(['login'])[0]?.stdin).toBe(TOKEN);
    expect(scanRun(run)).toEqual([]);
  });

  it('matrix platform job: push by digest and handoff through the artifact service', async () => {
    const env = await artifactEnvironment('7001', 'platform');
    const {run} = await publish({}, {distribute: 'platform', platforms: 'linux/arm64'}, false, env);
    expect(run.main.errors).toEqual([]);
    expect(run.main.outputs.pushed).toBe('true');
    expect(artifactService?.artifacts('7001')).toHaveLength(1);
    expect(scanRun(run)).toEqual([]);
  });

  it('matrix merge job that finds nothing handed off', async () => {
    const env = await artifactEnvironment('7002', 'merge');
    const {run} = await publish({}, {distribute: 'merge', platforms: '', secrets: '', 'secret-envs': ''}, false, env);
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors.join('\n')).toMatch(/No platform job of this run handed off/);
    expect(scanRun(run)).toEqual([]);
  });

  it('while logged in (main only), the scan does find the login in HOME: the scanner works', async () => {
    const {run} = await publish({}, {}, true);
    expect(run.main.exitCode).toBe(0);
    const findings = scanRun(run);
    // Controls, not leaks: HOME is the login's documented place until post, and the build's secret file sits in
    // the work directory (mode 0600) until post removes it.
    totals.findings -= findings.length;
    const home = path.relative(run.dirs.root, run.dirs.home);
    const secretFile = findings.filter(f => /_temp\/ghcr-publish-[^/]+\/secret-\d+$/.test(f.where));
    expect(secretFile.map(f => f.needle)).toEqual(['BUILD_SECRET raw']);
    expect(statSync(path.join(run.dirs.root, secretFile[0]!.where)).mode & 0o777).toBe(0o600);
    expect(findings.filter(f => !f.where.startsWith(home + path.sep) && !secretFile.includes(f))).toEqual([]);
    expect(findings).toContainEqual({
      where: path.join(home, '.docker', 'config.json'),
      needle: 'PASSWORD base64(user:secret)'
    });
  });
});
