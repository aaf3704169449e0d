/**
 * Robustness: property tests (fast-check, seeded and bounded) on the pure metadata engine. Over random branch
 * names, tag names, versions (semver-like and not) and refs:
 * - every computed tag matches the OCI tag grammar, or the engine throws an InputError naming the tags input
 *   (never another error type);
 * - every image path is lowercase (or the engine throws an InputError naming the images input);
 * - two computations with the same SOURCE_DATE_EPOCH-derived `now` (metadataNow) give identical metadata,
 *   whatever the clock says.
 * Contexts are built as the unit tests build them (__tests__/unit/core/metadata/fixtures.ts).
 */
import fc from 'fast-check';
import {InputError} from '../../src/core/errors.js';
import {githubContextFrom} from '../../src/core/github-context.js';
import {computeMetadata, metadataNow, metadataSettingsFrom} from '../../src/core/metadata/index.js';
import type {Metadata} from '../../src/core/metadata/types.js';
import {
  COMMIT_DATE,
  HEAD_SHA,
  NOW,
  PAYLOAD_REPOSITORY,
  REPO,
  SHA,
  items,
  makeInputs
} from '../unit/core/metadata/fixtures.js';

const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const SEED = 20261123;
const NUM_RUNS = 300;

const stats = {properties: 0, computed: 0, tags: 0, rejected: 0};
const rejections = new Map<string, number>();

afterAll(() => {
  if (process.env.PROPERTIES_DEBUG) console.log([...rejections].sort((a, b) => b[1] - a[1]));
  console.log(
    `metadata properties: ${stats.properties} properties x ${NUM_RUNS} runs (seed ${SEED}), ${stats.computed} computations, ${stats.tags} tags checked, ${stats.rejected} rejected with an InputError`
  );
});

function check<T>(property: fc.IProperty<[T]>): void {
  stats.properties++;
  fc.assert(property, {seed: SEED, numRuns: NUM_RUNS, endOnFailure: true});
}

// --- generators -------------------------------------------------------------------------------------------

/** Characters that branch and tag names really contain, plus what sanitization must cope with. */
const NAME_CHARACTERS = [...'abcxyzABCXYZ0189', ...'._-/', ...' +@#%~^:?*[]{}\'"\\!&=,', 'é', 'ß', 'Ω', '😀', '\t'];
const nameCharacter = fc.constantFrom(...NAME_CHARACTERS);
const refName = fc.oneof(
  fc.string({unit: nameCharacter, minLength: 1, maxLength: 40}),
  fc.string({unit: nameCharacter, minLength: 100, maxLength: 200}),
  fc.string({minLength: 1, maxLength: 60}),
  fc.constantFrom('main', 'feature/login', 'release/1.x', 'dependabot/npm_and_yarn/x-1.2.3', '-leading', '.dot', '_u')
);

const numeric = fc.nat({max: 2 ** 31});
const prerelease = fc.stringMatching(/^[0-9A-Za-z-]{1,12}(\.[0-9A-Za-z-]{1,8}){0,2}$/);
const semverLike = fc
  .tuple(
    fc.constantFrom('', 'v', 'V', 'release-'),
    numeric,
    numeric,
    numeric,
    fc.option(prerelease, {nil: undefined}),
    fc.option(prerelease, {nil: undefined})
  )
  .map(
    ([prefix, major, minor, patch, pre, build]) =>
      `${prefix}${major}.${minor}.${patch}${pre ? `-${pre}` : ''}${build ? `+${build}` : ''}`
  );
const pep440Like = fc
  .tuple(
    fc.option(fc.nat({max: 3}), {nil: undefined}),
    fc.array(fc.nat({max: 99}), {minLength: 1, maxLength: 4}),
    fc.constantFrom('', 'a1', 'b2', 'rc3', '.post1', '.dev4', 'rc1.post2.dev3', '+local.7')
  )
  .map(([epoch, release, suffix]) => `${epoch === undefined ? '' : `${epoch}!`}${release.join('.')}${suffix}`);
const version = fc.oneof(semverLike, pep440Like, refName);

interface Scenario {
  event: string;
  ref: string;
  payload: Record<string, unknown>;
}

const scenario: fc.Arbitrary<Scenario> = fc.oneof(
  refName.map(name => ({event: 'push', ref: `refs/heads/${name}`, payload: {}})),
  version.map(name => ({event: 'push', ref: `refs/tags/${name}`, payload: {}})),
  fc.tuple(fc.integer({min: 1, max: 99999}), refName).map(([number, base]) => ({
    event: 'pull_request',
    ref: `refs/pull/${number}/merge`,
    payload: {
      number,
      pull_request: {number, head: {sha: HEAD_SHA, ref: 'feature/x'}, base: {sha: SHA, ref: base}}
    }
  })),
  refName.map(name => ({event: 'schedule', ref: `refs/heads/${name}`, payload: {}})),
  fc
    .tuple(fc.constantFrom('workflow_dispatch', 'release', 'create', 'push'), fc.string({maxLength: 60}))
    .map(([event, ref]) => ({event, ref, payload: {}}))
);

/** Rule sets exercising every tag type; `value=` and `pattern=` carry the random version through the engine. */
const RULE_SETS: ReadonlyArray<(value: string) => string[]> = [
  () => [],
  () => [
    'type=schedule',
    'type=ref,event=branch',
    'type=ref,event=tag',
    'type=ref,event=pr',
    'type=edge',
    'type=sha',
    'type=sha,format=long,prefix='
  ],
  () => [
    'type=semver,pattern={{version}}',
    'type=semver,pattern={{major}}.{{minor}}',
    'type=semver,pattern={{major}}',
    'type=semver,pattern={{raw}}',
    'type=pep440,pattern={{version}}',
    'type=pep440,pattern={{major}}.{{minor}}'
  ],
  value => [
    `type=semver,pattern={{version}},value=${csvQuoted(value)}`,
    `type=pep440,pattern={{raw}},value=${csvQuoted(value)}`
  ],
  value => [`type=raw,value=${csvQuoted(value)}`],
  () => ['type=match,pattern=\\d+.\\d+', 'type=match,pattern=v(\\d+),group=1', 'type=raw,value={{branch}}'],
  () => [
    'type=raw,value={{tag}}',
    'type=raw,value={{base_ref}}',
    "type=raw,value={{date 'YYYYMMDD'}}-{{sha}}",
    "type=schedule,pattern={{date 'YYYY.MM.DD' tz='Asia/Tokyo'}}"
  ]
];

/** A value inside a rule line, quoted as csv-parse would need it. */
function csvQuoted(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function compute(
  scenarioValue: Scenario,
  rules: string[],
  options: {images?: string[]; repository?: string; now?: Date} = {}
): Metadata {
  stats.computed++;
  const context = githubContextFrom(
    {
      GITHUB_REPOSITORY: options.repository ?? 'Octo-Org/Hello-World',
      GITHUB_EVENT_NAME: scenarioValue.event,
      GITHUB_REF: scenarioValue.ref,
      GITHUB_SHA: SHA,
      GITHUB_ACTOR: 'octocat'
    },
    {repository: PAYLOAD_REPOSITORY, ...scenarioValue.payload}
  );
  return computeMetadata({
    inputs: {...makeInputs({tags: rules, images: options.images}), labels: items(['com.example.ref={{branch}}'])},
    context,
    repo: REPO,
    settings: metadataSettingsFrom({}),
    now: options.now ?? NOW,
    commitDate: COMMIT_DATE
  });
}

/** Runs the engine; an InputError naming `input` is an acceptable outcome, any other throw fails the property. */
function computeOrReject(input: string, run: () => Metadata): Metadata | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.input !== input)
      throw new Error(`InputError names "${error.input}", expected "${input}": ${error.message}`);
    stats.rejected++;
    const reason = `${error.input}: ${error.problem.replace(/"[^"]*"/g, '"…"').slice(0, 60)}`;
    rejections.set(reason, (rejections.get(reason) ?? 0) + 1);
    return undefined;
  }
}

// --- properties -------------------------------------------------------------------------------------------

describe('metadata engine properties', () => {
  it('every tag is a valid OCI tag, or an InputError names the tags input', () => {
    check(
      fc.property(
        fc.record({
          scenario,
          rules: fc.constantFrom(...RULE_SETS.keys()),
          value: version
        }),
        ({scenario: at, rules, value}) => {
          const ruleSet = RULE_SETS[rules] ?? (() => []);
          // type=sha fires on every event, so each run has a tag to check besides those of the random values.
          const lines = ruleSet(value);
          const metadata = computeOrReject('tags', () =>
            compute(at, lines.length > 0 ? [...lines, 'type=sha'] : lines)
          );
          if (!metadata) return;
          for (const name of metadata.tagNames) {
            stats.tags++;
            expect(name).toMatch(OCI_TAG);
          }
          for (const tag of metadata.tags) expect(tag.slice(tag.lastIndexOf(':') + 1)).toMatch(OCI_TAG);
          expect(new Set(metadata.tagNames).size).toBe(metadata.tagNames.length);
        }
      )
    );
  });

  it('every image path is lowercase, or an InputError names the images input', () => {
    const component = fc.stringMatching(/^[A-Za-z0-9]{1,6}([._-][A-Za-z0-9]{1,6}){0,2}$/);
    const host = fc.constantFrom('ghcr.io', 'GHCR.IO', 'Registry.Example.com:5000', 'localhost:5000', 'docker.io');
    const image = fc
      .tuple(fc.option(host, {nil: undefined}), fc.array(component, {minLength: 1, maxLength: 3}))
      .map(([domain, path]) => [...(domain ? [domain] : []), ...path].join('/'));
    const anyImage = fc.oneof(
      {arbitrary: image, weight: 4},
      {arbitrary: image.map(name => `name=${name},enable=true`), weight: 2},
      {arbitrary: fc.string({maxLength: 40}), weight: 1}
    );
    check(
      fc.property(
        fc.record({
          scenario,
          images: fc.array(anyImage, {maxLength: 3}),
          repository: fc.tuple(component, component).map(([owner, repo]) => `${owner}/${repo}`)
        }),
        ({scenario: at, images, repository}) => {
          const metadata = computeOrReject('images', () => compute(at, ['type=sha'], {images, repository}));
          if (!metadata) return;
          for (const {name} of metadata.images) expect(name).toBe(name.toLowerCase());
          for (const tag of metadata.tags) {
            const imagePath = tag.slice(0, tag.lastIndexOf(':'));
            expect(imagePath).toBe(imagePath.toLowerCase());
          }
        }
      )
    );
  });

  it('identical metadata for the same SOURCE_DATE_EPOCH, whatever the clock', () => {
    const rules = [
      "type=raw,value={{date 'YYYYMMDD-HHmmss'}}",
      "type=raw,value={{date 'x' tz='America/New_York'}}{{date 'YYYY-MM-DDTHH.mm'}}",
      "type=schedule,pattern={{date 'GGGG.WW' tz='Asia/Kolkata'}}",
      'type=sha',
      'type=raw,value=fixed'
    ];
    const clock = fc.date({
      min: new Date('1971-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true
    });
    check(
      fc.property(
        fc.record({
          scenario,
          epoch: fc.integer({min: 0, max: 4_102_444_800}),
          clockA: clock,
          clockB: clock
        }),
        ({scenario: at, epoch, clockA, clockB}) => {
          const env = {SOURCE_DATE_EPOCH: String(epoch)};
          const nowA = metadataNow(env, clockA);
          const nowB = metadataNow(env, clockB);
          expect(nowA.getTime()).toBe(epoch * 1000);
          const first = computeOrReject('tags', () => compute(at, rules, {now: nowA}));
          const second = computeOrReject('tags', () => compute(at, rules, {now: nowB}));
          expect(second).toEqual(first);
          if (first) {
            expect(first.json.labels['org.opencontainers.image.created']).toBe(new Date(epoch * 1000).toISOString());
          }
        }
      )
    );
  });
});
