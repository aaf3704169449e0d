/**
 * Real-engine benchmark: the whole step (main + post, as a runner runs them) for a two-platform push through
 * the real buildx and BuildKit (dockerd 26, docker driver, containerd image store, arm64 under QEMU), side by
 * side with a bare `docker buildx build --push` of the same context on the same engine, alternating, in one
 * run. Prints each pair, the median ratio step / bare (target <= 1.10) and the docker processes each spends.
 * Both push the same image to the local registry with a RUN step per platform; every run is a new tag of one
 * repository, so both profit alike from BuildKit's cache after the first pair. Prints figures; asserts nothing.
 */
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {busyboxContext, engineDocker, ensureBuildkitEngine} from '../__tests__/e2e/support/buildkit.js';
import {publishWithBuildx} from '../__tests__/e2e/support/publish.js';
import {cleanupTemp, createDockerConfig, SERVICES, uniqueRepository} from '../__tests__/e2e/support/services.js';

const PAIRS = 5;
const engine = await ensureBuildkitEngine();
const context = await busyboxContext(engine, ['RUN ["/bin/busybox", "sh", "-c", "/bin/busybox uname -m > /arch"]']);
const repository = uniqueRepository('bench/real-engine');
const image = `${SERVICES.registry}/${repository}`;

// A `docker` first on PATH that records each invocation (command, start and end in ms) and runs the real client.
const counting = mkdtempSync(path.join(os.tmpdir(), 'ghcr-publish-bench-real-'));
const countFile = path.join(counting, 'count');
const realDocker = existsSync('/usr/local/bin/docker') ? '/usr/local/bin/docker' : '/usr/bin/docker';
writeFileSync(
  path.join(counting, 'docker'),
  [
    '#!/bin/bash',
    'start=$(date +%s%3N)',
    `${realDocker} "$@"`,
    'status=$?',
    `echo "$1 $2 $start $(date +%s%3N)" >> '${countFile}'`,
    'exit $status',
    ''
  ].join('\n')
);
chmodSync(path.join(counting, 'docker'), 0o755);
interface Call {
  command: string;
  start: number;
  end: number;
}
const recordedCalls = (): Call[] =>
  readFileSync(countFile, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(line => line.split(' '))
    .map(([first, second, start, end]) => ({
      command: first === 'buildx' ? `buildx ${second}` : first!,
      start: Number(start),
      end: Number(end)
    }))
    .sort((a, b) => a.start - b.start);

const config = await createDockerConfig();
await engineDocker(engine, ['login', '-u', SERVICES.username, '--password-stdin', SERVICES.registry], {
  stdin: SERVICES.password,
  config
});

interface Pair {
  stepMs: number;
  bareMs: number;
  stepProcesses: number;
}
const pairs: Pair[] = [];
let stepCalls: Call[] = [];
for (let pair = 0; pair < PAIRS; pair++) {
  writeFileSync(countFile, '');
  const run = await publishWithBuildx(
    engine,
    {images: image, context: context.dir, platforms: 'linux/amd64,linux/arm64', tags: `type=raw,value=step-${pair}`},
    {pathPrepend: [counting]}
  );
  if (run.main.exitCode !== 0) throw new Error(`the step failed:\n${run.main.stdout}\n${run.main.stderr}`);
  stepCalls = recordedCalls();
  for (const line of run.main.stdout.split('\n').filter(text => /failed transiently/.test(text))) {
    console.log(`  pair ${pair + 1}, the step retried: ${line}`);
  }
  const stepMs = run.main.durationMs + (run.post?.durationMs ?? 0);

  const started = performance.now();
  const bare = await engineDocker(
    engine,
    [
      'buildx',
      'build',
      '--platform',
      'linux/amd64,linux/arm64',
      '--network',
      'host',
      '--push',
      '--tag',
      `${image}:bare-${pair}`,
      context.dir
    ],
    {config}
  );
  const bareMs = performance.now() - started;
  if (bare.exitCode !== 0) throw new Error(`the bare build failed:\n${bare.stderr}`);
  pairs.push({stepMs, bareMs, stepProcesses: stepCalls.length});
  console.log(
    `pair ${pair + 1}: step (main + post) ${stepMs.toFixed(0)} ms, bare docker buildx build --push ${bareMs.toFixed(0)} ms, ratio ${(stepMs / bareMs).toFixed(2)}`
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ratios = pairs.map(pair => pair.stepMs / pair.bareMs);
console.log(
  `real engine, two-platform push (dockerd 26 docker driver, containerd store, arm64 under QEMU), ${PAIRS} pairs: ` +
    `step median ${median(pairs.map(pair => pair.stepMs)).toFixed(0)} ms, bare median ${median(pairs.map(pair => pair.bareMs)).toFixed(0)} ms, ` +
    `ratio median ${median(ratios).toFixed(2)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}; target <= 1.10)`
);
const first = stepCalls[0]?.start ?? 0;
console.log(
  `docker processes: step ${stepCalls.length}, bare 1 build (+1 login done once); last step's calls, start after the first / wall ms: ` +
    stepCalls.map(call => `${call.command} +${call.start - first}/${call.end - call.start}`).join(', ')
);

await config.cleanup();
await context.cleanup();
await cleanupTemp();
rmSync(counting, {recursive: true, force: true});
