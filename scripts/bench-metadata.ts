/**
 * Metadata benchmark: CPU time to compute tags, labels and annotations for 10 images × 20 tag rules
 * (target: under 20 ms beyond module load), and the size of the bundle. Run with `npm run bench`, which
 * bundles this file with ncc and runs it under Node 24. Prints figures; asserts nothing.
 */
import {readdirSync, statSync} from 'node:fs';

const loadStart = process.cpuUsage();
const {computeMetadata, metadataSettingsFrom} = await import('../src/core/metadata/index.js');
const {githubContextFrom} = await import('../src/core/github-context.js');
const loadCpu = process.cpuUsage(loadStart);

const context = githubContextFrom(
  {
    GITHUB_REPOSITORY: 'Octo-Org/Hello-World',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/tags/v1.2.3',
    GITHUB_SHA: '860c1904a1ce19322e91ac35af1ab07466440c37'
  },
  {repository: {default_branch: 'main'}}
);
const repo = {
  name: 'Hello-World',
  description: 'Hello World image',
  html_url: 'https://github.com/Octo-Org/Hello-World',
  default_branch: 'main',
  license: {spdx_id: 'MIT'}
};
const ruleShapes = [
  'type=semver,pattern={{version}}',
  'type=semver,pattern={{major}}.{{minor}}',
  'type=semver,pattern={{major}}',
  'type=pep440,pattern={{version}}',
  'type=match,pattern=v(\\d+),group=1',
  'type=ref,event=branch',
  'type=ref,event=tag',
  'type=ref,event=pr',
  'type=sha',
  'type=sha,format=long',
  'type=edge,branch=main',
  "type=schedule,pattern={{date 'YYYYMMDD' tz='Europe/Paris'}}",
  "type=raw,value={{date 'YYYYMMDD-HHmmss'}}",
  'type=raw,value=latest,enable={{is_default_branch}}',
  'type=raw,value=build-{{sha}}',
  "type=raw,value={{tag}}-{{commit_date 'YYYY.MM.DD'}}",
  'type=semver,pattern={{raw}},prefix=v',
  'type=ref,event=tag,suffix=-alpine',
  'type=raw,value=stable,priority=50',
  'type=sha,prefix=,suffix=-git'
];
const item = (value: string, line: number) => ({value, line});
const inputs = {
  images: Array.from({length: 10}, (_, index) => item(`ghcr.io/Octo-Org/Image-${index}`, index + 1)),
  tags: ruleShapes.map(item),
  flavor: [item('latest=auto', 1)],
  labels: [item('org.opencontainers.image.vendor=Octo', 1)],
  annotations: [item('org.opencontainers.image.vendor=Octo', 1)],
  sepTags: '\n',
  sepLabels: '\n',
  sepAnnotations: '\n'
};
const settings = metadataSettingsFrom({DOCKER_METADATA_ANNOTATIONS_LEVELS: 'manifest,index'});
const now = new Date('2020-01-10T00:30:00.000Z');
const compute = () => computeMetadata({inputs, context, repo, settings, now, commitDate: now});

const first = process.cpuUsage();
const result = compute();
const firstCpu = process.cpuUsage(first);
const runs = 50;
const samples: number[] = [];
for (let run = 0; run < runs; run++) {
  const start = process.cpuUsage();
  compute();
  const used = process.cpuUsage(start);
  samples.push((used.user + used.system) / 1000);
}
samples.sort((a, b) => a - b);
const ms = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1000).toFixed(2);
// Run from the repository root by scripts/bench.sh (a bundled file cannot locate itself).
const dist = `${process.cwd()}/dist`;

console.log(
  `metadata benchmark: ${inputs.images.length} images × ${inputs.tags.length} tag rules → ${result.tags.length} tags`
);
console.log(`  module load CPU:          ${ms(loadCpu)} ms`);
console.log(`  first computation CPU:    ${ms(firstCpu)} ms   (target < 20 ms)`);
console.log(`  median of ${runs} runs CPU:    ${samples[Math.floor(runs / 2)]?.toFixed(2)} ms`);
console.log(`  slowest of ${runs} runs CPU:   ${samples[runs - 1]?.toFixed(2)} ms`);
try {
  // The entry and the chunks it loads on demand (main's and post's code).
  const scripts = readdirSync(dist).filter(name => name.endsWith('.js'));
  const sizes = scripts.map(name => statSync(`${dist}/${name}`).size);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  console.log(
    `  bundle dist/*.js:         ${(total / 1024).toFixed(0)} KiB in ${scripts.length} files (entry ${(statSync(`${dist}/index.js`).size / 1024).toFixed(0)} KiB)`
  );
} catch {
  console.log('  bundle dist/*.js:         missing (run npm run bundle)');
}
