/**
 * Step benchmark: the whole step (main + post, as a runner runs them) against the recording fake docker,
 * for a two-platform tag push with the GitHub Actions cache. Prints wall time, CPU, peak memory and the
 * number of docker processes. Targets: at most 8 docker processes (the five-action chain spends 34 on the
 * same job) and main + post under 0.6 s wall on a 2-core machine. Prints figures; asserts nothing.
 */
import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {resolveNode, runAction} from '../__tests__/harness/runner.js';
import {createFakeDocker} from '../__tests__/support/fake-docker/index.js';

const RUNS = 5;
const timing = mkdtempSync(path.join(os.tmpdir(), 'ghcr-publish-bench-'));
// GNU time around each node process gives its CPU (with the docker processes it waited for) and peak RSS.
const timedNode = path.join(timing, 'node');
const timesFile = path.join(timing, 'times.txt');
writeFileSync(
  timedNode,
  `#!/bin/bash\n# bash, not dash: dash drops variables such as INPUT_GITHUB-TOKEN whose names are not shell names.\nexec /usr/bin/time -a -o '${timesFile}' -f '%U %S %M' '${await resolveNode()}' "$@"\n`
);
chmodSync(timedNode, 0o755);

interface Sample {
  wallMs: number;
  mainMs: number;
  postMs: number;
  cpuMs: number;
  peakKiB: number;
  dockerProcesses: number;
}

const samples: Sample[] = [];
let lastCommands: string[] = [];
let lastTimeline: string[] = [];
const lastCommandName = (argv: string[]) => argv.slice(0, argv[0] === 'buildx' ? 2 : 1).join(' ');
for (let run = 0; run < RUNS; run++) {
  const fake = await createFakeDocker({});
  writeFileSync(timesFile, '');
  const result = await runAction({
    event: 'push-tag',
    token: 'ghs_benchmark',
    node: timedNode,
    pathPrepend: [fake.binDir],
    env: fake.env,
    actionsCache: true,
    // The fake pushes nowhere: no registry to verify in (a verification is a few HTTP requests, no process).
    inputs: {context: '.', platforms: 'linux/amd64,linux/arm64', verify: 'false'},
    setup: dirs => writeFileSync(path.join(dirs.workspace, 'Dockerfile'), 'FROM scratch\n')
  });
  if (result.main.exitCode !== 0) throw new Error(`the step failed:\n${result.main.stdout}\n${result.main.stderr}`);
  const processes = readFileSync(timesFile, 'utf8')
    .trim()
    .split('\n')
    .map(line => line.split(' ').map(Number));
  samples.push({
    wallMs: result.main.durationMs + (result.post?.durationMs ?? 0),
    mainMs: result.main.durationMs,
    postMs: result.post?.durationMs ?? 0,
    cpuMs: processes.reduce((sum, [user = 0, system = 0]) => sum + (user + system) * 1000, 0),
    peakKiB: Math.max(...processes.map(([, , peak = 0]) => peak)),
    dockerProcesses: fake.calls().length
  });
  lastCommands = fake.calls().map(call => call.argv.slice(0, call.argv[0] === 'buildx' ? 2 : 1).join(' '));
  const first = Math.min(...fake.calls().map(call => Date.parse(call.time)));
  lastTimeline = fake
    .calls()
    .map(call => `${lastCommandName(call.argv)} +${Date.parse(call.time) - first}/${Math.round(call.durationMs)}`);
  await fake.cleanup();
}
rmSync(timing, {recursive: true, force: true});

const median = (pick: (sample: Sample) => number) => {
  const values = samples.map(pick).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 0;
};
console.log(`step benchmark: two-platform tag push with the gha cache, main + post, fake docker, median of ${RUNS}`);
console.log(
  `  wall time main + post:    ${median(s => s.wallMs).toFixed(0)} ms (main ${median(s => s.mainMs).toFixed(0)}, post ${median(s => s.postMs).toFixed(0)}; target < 600 ms)`
);
console.log(`  CPU, incl. docker calls:  ${median(s => s.cpuMs).toFixed(0)} ms`);
console.log(`  peak memory (one process): ${(median(s => s.peakKiB) / 1024).toFixed(1)} MiB`);
console.log(`  docker processes:         ${median(s => s.dockerProcesses)} (target ≤ 8; the five-action chain: 34)`);
console.log(`  docker commands:          ${lastCommands.join(', ')}`);
console.log(`  last run, each call's start after the first / its wall ms: ${lastTimeline.join(', ')}`);
