/**
 * Robustness: a corpus of bad inputs, each run through the bundled action (main then post) with the recording
 * fake docker first on PATH. A rejected input must fail the step with exactly one error naming the input (or
 * environment variable) and the offending value, print no stack trace, and start no docker process at all.
 * The few inputs the action documents as acceptable (uppercase image names, unicode branches, values that
 * docker/build-push-action passes through verbatim) are checked for their documented result instead.
 */
import {writeFileSync} from 'node:fs';
import {loadEvent, runAction, type ActionRun, type EventFixture} from '../harness/runner.js';
import {cleanupAllFakeDockers, createFakeDocker, type FakeDockerCall} from '../support/fake-docker/index.js';

const TOKEN = 'ghs_badInputCorpusToken0123456789';
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const CONCURRENCY = 8;

interface Outcome {
  run: ActionRun;
  calls: FakeDockerCall[];
}

interface Case {
  name: string;
  inputs?: Record<string, string>;
  event?: string | EventFixture;
  env?: Record<string, string | undefined>;
  /** Rejected: the error names `input` and contains `value` (as the message quotes it). */
  reject?: {input: string; value: string};
  /** Accepted: the documented behaviour. */
  accept?: (outcome: Outcome) => void;
  /** A real bug: the expectation is registered with it.failing, and this text says what goes wrong. */
  bug?: string;
  /** Keep the step's Dockerfile out of the workspace (for inputs that stop before the build anyway). */
  noDockerfile?: boolean;
}

function valuesOf(args: readonly string[], flag: string): string[] {
  return args.flatMap((arg, index) => (arg === flag ? [args[index + 1] ?? ''] : []));
}

function buildArgv(outcome: Outcome): string[] {
  return outcome.calls.find(call => call.argv[0] === 'buildx' && call.argv[1] === 'build')?.argv ?? [];
}

function expectPublished(outcome: Outcome): void {
  expect(outcome.run.main.errors).toEqual([]);
  expect(outcome.run.main.exitCode).toBe(0);
  expect(outcome.run.post?.exitCode).toBe(0);
}

function branchEvent(branch: string): EventFixture {
  const base = loadEvent('push-main');
  return {
    eventName: base.eventName,
    env: {...base.env, GITHUB_REF: `refs/heads/${branch}`, GITHUB_REF_NAME: branch},
    payload: {...base.payload, ref: `refs/heads/${branch}`}
  };
}

const HUGE_LABEL = 'x'.repeat(100 * 1024);
const LONG_TAG = 'a'.repeat(200);
const DIGEST = `sha256:${'a'.repeat(64)}`;

const reject = (input: string, value: string) => ({input, value});

/** A value reached `docker buildx build` exactly as written, after `flag`. */
function passedVerbatim(flag: string, value: string): (outcome: Outcome) => void {
  return outcome => {
    expectPublished(outcome);
    expect(valuesOf(buildArgv(outcome), flag)).toContain(value);
  };
}

/** A value that holds a line break must not let the action print a workflow command (`::error::`) to the log. */
function noInjectedCommand(marker: string): (outcome: Outcome) => void {
  return outcome => {
    const {main} = outcome.run;
    expect(main.exitCode).toBe(0);
    const reported = [...main.errors, ...main.warnings, ...main.notices, ...main.masks];
    expect(reported.filter(text => text.includes(marker))).toEqual([]);
  };
}

// Fixed: command lines are echoed with control characters escaped ($'…'), so a multi-line label or build-arg
// can never start a log line of its own, where the runner would execute ::error:: or ::add-mask::.
const CASES: Case[] = [
  // tags: malformed rules
  {name: 'tags: unknown type', inputs: {tags: 'type=unknown,value=x'}, reject: reject('tags', 'type=unknown')},
  {name: 'tags: semver without pattern', inputs: {tags: 'type=semver'}, reject: reject('tags', 'type=semver')},
  {name: 'tags: pep440 without pattern', inputs: {tags: 'type=pep440'}, reject: reject('tags', 'type=pep440')},
  {name: 'tags: match without pattern', inputs: {tags: 'type=match'}, reject: reject('tags', 'type=match')},
  {name: 'tags: raw without value', inputs: {tags: 'type=raw'}, reject: reject('tags', 'type=raw')},
  {name: 'tags: ref without event', inputs: {tags: 'type=ref'}, reject: reject('tags', 'type=ref')},
  {
    name: 'tags: ref with unknown event',
    inputs: {tags: 'type=ref,event=commit'},
    reject: reject('tags', 'event=commit')
  },
  {name: 'tags: sha with unknown format', inputs: {tags: 'type=sha,format=medium'}, reject: reject('tags', 'medium')},
  {
    name: 'tags: enable not a boolean',
    inputs: {tags: 'type=raw,value=x,enable=maybe'},
    reject: reject('tags', 'enable=maybe')
  },
  {
    name: 'tags: priority not a number',
    inputs: {tags: 'type=raw,value=x,priority=high'},
    reject: reject('tags', 'priority=high')
  },
  {
    name: 'tags: unknown attribute is ignored with a warning, as metadata-action does (accepted)',
    inputs: {tags: 'type=raw,value=x,colour=red'},
    accept: outcome => {
      expectPublished(outcome);
      expect(outcome.run.main.warnings.join('\n')).toContain('attribute "colour" means nothing for type=raw');
      expect(outcome.run.main.outputs['tag-names']).toBe('x');
    }
  },
  {name: 'tags: unclosed {{', inputs: {tags: 'type=raw,value={{branch'}, reject: reject('tags', '{{branch')},
  {
    name: 'tags: unknown helper',
    inputs: {tags: "type=raw,value={{nope 'x'}}"},
    reject: reject('tags', "{{nope 'x'}}")
  },
  {
    name: 'tags: enable with unknown expression',
    inputs: {tags: 'type=raw,value=x,enable={{is_main}}'},
    reject: reject('tags', '{{is_main}}')
  },
  {
    name: 'tags: prefix with unclosed expression',
    inputs: {tags: 'type=raw,value=x,prefix={{sha'},
    reject: reject('tags', 'prefix={{sha')
  },
  {
    name: 'tags: date with unknown time zone',
    inputs: {tags: "type=raw,value={{date 'YYYYMMDD' tz='Mars/Olympus'}}"},
    reject: reject('tags', 'Mars/Olympus')
  },
  {
    name: 'tags: date with a format that is not a string',
    inputs: {tags: 'type=raw,value={{date 20200101}}'},
    reject: reject('tags', '{{date 20200101}}')
  },
  {
    name: 'tags: date with an unknown attribute',
    inputs: {tags: "type=raw,value={{date 'YYYY' zone='UTC'}}"},
    reject: reject('tags', "zone='UTC'")
  },
  {
    name: 'tags: date format without a closing quote',
    inputs: {tags: "type=raw,value={{date 'YYYY}}"},
    reject: reject('tags', "{{date 'YYYY}}")
  },
  {
    name: 'tags: commit_date with unknown time zone',
    inputs: {tags: "type=raw,value={{commit_date 'YYYY' tz='Nowhere/Land'}}"},
    reject: reject('tags', 'Nowhere/Land')
  },
  {
    name: 'tags: schedule pattern with unknown time zone',
    event: 'schedule',
    inputs: {tags: "type=schedule,pattern={{date 'YYYYMMDD' tz='Not/AZone'}}"},
    reject: reject('tags', 'Not/AZone')
  },
  {
    name: 'tags: match with an invalid regular expression',
    inputs: {tags: 'type=match,pattern=(v\\d'},
    reject: reject('tags', 'pattern=(v')
  },
  {
    name: 'tags: match with a group that is not a number',
    inputs: {tags: 'type=match,pattern=v(\\d),group=first'},
    reject: reject('tags', 'group=first')
  },
  {name: 'tags: unclosed quote', inputs: {tags: 'type=raw,value="open'}, reject: reject('tags', 'value="open')},
  {name: 'tags: 200-character raw tag', inputs: {tags: `type=raw,value=${LONG_TAG}`}, reject: reject('tags', LONG_TAG)},
  {name: 'tags: tag starting with a dash', inputs: {tags: 'type=raw,value=-x'}, reject: reject('tags', '-x')},
  {name: 'tags: tag starting with a dot', inputs: {tags: 'type=raw,value=.x'}, reject: reject('tags', '.x')},
  // flavor
  {name: 'flavor: latest=sometimes', inputs: {flavor: 'latest=sometimes'}, reject: reject('flavor', 'sometimes')},
  {name: 'flavor: unknown entry', inputs: {flavor: 'colour=red'}, reject: reject('flavor', 'colour=red')},
  {name: 'flavor: entry without =', inputs: {flavor: 'latest'}, reject: reject('flavor', 'latest')},
  {
    name: 'flavor: onlatest not a boolean',
    inputs: {flavor: 'prefix=v,onlatest=maybe'},
    reject: reject('flavor', 'onlatest=maybe')
  },
  {
    name: 'flavor: unknown helper',
    inputs: {flavor: "prefix={{nope 'x'}}-"},
    reject: reject('flavor', "{{nope 'x'}}")
  },
  {
    // Borderline: the tag is checked, not the flavor, so the error names the tags rule that made "-v1.2.3".
    name: 'flavor: a prefix that makes every tag invalid',
    inputs: {flavor: 'prefix=-'},
    reject: reject('tags', '-v1.2.3')
  },
  {name: 'flavor: unclosed {{', inputs: {flavor: 'suffix=-{{sha'}, reject: reject('flavor', '-{{sha')},
  // images
  {name: 'images: space in name', inputs: {images: 'ghcr.io/octo/my app'}, reject: reject('images', 'my app')},
  {name: 'images: with a tag', inputs: {images: 'ghcr.io/octo/app:1.0'}, reject: reject('images', 'app:1.0')},
  {
    name: 'images: with a digest',
    inputs: {images: `ghcr.io/octo/app@${DIGEST}`},
    reject: reject('images', `app@${DIGEST}`)
  },
  {name: 'images: empty name', inputs: {images: 'name=,enable=true'}, reject: reject('images', 'name=,enable=true')},
  {name: 'images: empty path component', inputs: {images: 'ghcr.io//app'}, reject: reject('images', 'ghcr.io//app')},
  {
    name: 'images: enable not a boolean',
    inputs: {images: 'name=ghcr.io/octo/app,enable=yes'},
    reject: reject('images', 'enable=yes')
  },
  {
    name: 'images: unknown attribute',
    inputs: {images: 'name=ghcr.io/octo/app,colour=red'},
    reject: reject('images', 'colour=red')
  },
  {
    name: 'images: bad name in a comma list',
    inputs: {images: 'ghcr.io/octo/app,ghcr.io/octo/b@d'},
    reject: reject('images', 'ghcr.io/octo/b@d')
  },
  {
    name: 'images: invalid registry host',
    inputs: {images: 'ghcr_io.example.com/octo/app'},
    reject: reject('images', 'ghcr_io.example.com')
  },
  {
    name: 'images: name over 255 characters',
    inputs: {images: `ghcr.io/octo/${'a'.repeat(300)}`},
    reject: reject('images', `ghcr.io/octo/${'a'.repeat(100)}`)
  },
  {
    name: 'images: uppercase is lowercased (accepted)',
    inputs: {images: 'GHCR.IO/Octo-Org/My-App'},
    accept: outcome => {
      expectPublished(outcome);
      expect(outcome.run.main.outputs.image).toBe('ghcr.io/octo-org/my-app');
      expect(valuesOf(buildArgv(outcome), '--tag')).toEqual([
        'ghcr.io/octo-org/my-app:v1.2.3',
        'ghcr.io/octo-org/my-app:latest'
      ]);
    }
  },
  // platforms
  {name: 'platforms: os only', inputs: {platforms: 'linux'}, reject: reject('platforms', 'linux')},
  {
    name: 'platforms: space instead of slash',
    inputs: {platforms: 'linux/amd64,windows amd64'},
    reject: reject('platforms', 'windows amd64')
  },
  {name: 'platforms: empty arch', inputs: {platforms: 'linux//amd64'}, reject: reject('platforms', 'linux//amd64')},
  {
    name: 'platforms: four parts',
    inputs: {platforms: 'linux/arm/v7/extra'},
    reject: reject('platforms', 'linux/arm/v7/extra')
  },
  {
    name: 'load with two platforms',
    inputs: {load: 'true', platforms: 'linux/amd64,linux/arm64'},
    reject: reject('load', 'true')
  },
  // booleans and choices
  {name: 'load: yes', inputs: {load: 'yes'}, reject: reject('load', 'yes')},
  {name: 'no-cache: 1', inputs: {'no-cache': '1'}, reject: reject('no-cache', '1')},
  {name: 'pull: on', inputs: {pull: 'on'}, reject: reject('pull', 'on')},
  {name: 'logout: no', inputs: {logout: 'no'}, reject: reject('logout', 'no')},
  {name: 'dry-run: Y', inputs: {'dry-run': 'Y'}, reject: reject('dry-run', 'Y')},
  {name: 'push: sometimes', inputs: {push: 'sometimes'}, reject: reject('push', 'sometimes')},
  {name: 'push: 1', inputs: {push: '1'}, reject: reject('push', '1')},
  {name: 'verify: maybe', inputs: {verify: 'maybe'}, reject: reject('verify', 'maybe')},
  // secrets (the value of a secrets line is never echoed: the message says "(value hidden)")
  {name: 'secrets: line without =', inputs: {secrets: 'hunter2'}, reject: reject('secrets', '(value hidden)')},
  {name: 'secrets: empty id', inputs: {secrets: '=hunter2'}, reject: reject('secrets', '(value hidden)')},
  {
    name: 'secrets: unclosed quote',
    inputs: {secrets: '"npm=hunter2'},
    reject: reject('secrets', '(value hidden)')
  },
  {
    name: 'secret-envs: line without =',
    inputs: {'secret-envs': 'NPM_TOKEN'},
    reject: reject('secret-envs', 'NPM_TOKEN')
  },
  {
    name: 'secret-files: line without =',
    inputs: {'secret-files': '/tmp/secret.txt'},
    reject: reject('secret-files', '/tmp/secret.txt')
  },
  // labels and annotations
  {name: 'labels: empty key', inputs: {labels: '=value'}, reject: reject('labels', '=value')},
  {name: 'labels: unknown helper', inputs: {labels: "a={{nope 'x'}}"}, reject: reject('labels', "a={{nope 'x'}}")},
  {name: 'labels: unclosed {{', inputs: {labels: 'a={{branch'}, reject: reject('labels', 'a={{branch')},
  {name: 'annotations: empty key', inputs: {annotations: '=value'}, reject: reject('annotations', '=value')},
  {
    name: 'annotations: unknown helper',
    inputs: {annotations: "a={{nope 'x'}}"},
    reject: reject('annotations', "a={{nope 'x'}}")
  },
  // matrix distribution
  {name: 'distribute: unknown mode', inputs: {distribute: 'fan-out'}, reject: reject('distribute', 'fan-out')},
  {
    name: 'distribute: platform without a platform',
    inputs: {distribute: 'platform'},
    reject: reject('platforms', '')
  },
  {
    name: 'distribute: platform with two platforms',
    inputs: {distribute: 'platform', platforms: 'linux/amd64,linux/arm64'},
    reject: reject('platforms', 'linux/amd64,linux/arm64')
  },
  {
    name: 'distribute: platform with push false',
    inputs: {distribute: 'platform', platforms: 'linux/arm64', push: 'false'},
    reject: reject('push', 'false')
  },
  {
    name: 'distribute: platform with its own outputs',
    inputs: {distribute: 'platform', platforms: 'linux/arm64', outputs: 'type=local,dest=out'},
    reject: reject('outputs', 'type=local,dest=out')
  },
  {
    name: 'distribute: platform with load',
    inputs: {distribute: 'platform', platforms: 'linux/arm64', load: 'true'},
    reject: reject('load', 'true')
  },
  {
    name: 'distribute: merge with outputs',
    inputs: {distribute: 'merge', outputs: 'type=docker'},
    reject: reject('outputs', 'type=docker')
  },
  {
    name: 'distribute: merge with every image disabled',
    inputs: {distribute: 'merge', images: 'ghcr.io/o/app,enable=false'},
    reject: reject('images', 'ghcr.io/o/app,enable=false')
  },
  // environment variables
  {
    name: 'missing event payload file',
    env: {GITHUB_EVENT_PATH: '/nonexistent/ghcr-publish/event.json'},
    reject: reject('GITHUB_EVENT_PATH', '/nonexistent/ghcr-publish/event.json')
  },
  {
    name: 'SOURCE_DATE_EPOCH not a number',
    env: {SOURCE_DATE_EPOCH: 'yesterday'},
    reject: reject('SOURCE_DATE_EPOCH', 'yesterday')
  },
  {
    name: 'DOCKER_METADATA_SHORT_SHA_LENGTH not a number',
    env: {DOCKER_METADATA_SHORT_SHA_LENGTH: 'seven'},
    reject: reject('DOCKER_METADATA_SHORT_SHA_LENGTH', 'seven')
  },
  {
    name: 'DOCKER_METADATA_ANNOTATIONS_LEVELS unknown level',
    env: {DOCKER_METADATA_ANNOTATIONS_LEVELS: 'manifest,layer'},
    reject: reject('DOCKER_METADATA_ANNOTATIONS_LEVELS', 'manifest,layer')
  },
  {
    name: 'event payload file is a directory',
    env: {GITHUB_EVENT_PATH: '/'},
    reject: reject('GITHUB_EVENT_PATH', 'GITHUB_EVENT_PATH=/')
  },
  {
    name: 'event payload file is not JSON',
    env: {GITHUB_EVENT_PATH: '/etc/passwd'},
    reject: reject('GITHUB_EVENT_PATH', '/etc/passwd')
  },
  {
    name: 'GITHUB_REPOSITORY without owner',
    env: {GITHUB_REPOSITORY: 'hello-world'},
    reject: reject('GITHUB_REPOSITORY', 'hello-world')
  },
  {
    name: 'DOCKER_METADATA_SET_OUTPUT_ENV not a boolean',
    env: {DOCKER_METADATA_SET_OUTPUT_ENV: 'maybe'},
    reject: reject('DOCKER_METADATA_SET_OUTPUT_ENV', 'maybe')
  },
  // Accepted: documented good behaviour.
  {
    // Labels are arbitrary strings for docker; control characters go through untouched, as one argument.
    name: 'labels: control characters are passed verbatim (accepted)',
    inputs: {labels: 'com.example.ctl=b\x07c\x1b[31mred'},
    accept: passedVerbatim('--label', 'com.example.ctl=b\x07c\x1b[31mred')
  },
  {
    // A quoted list item may span lines (csv-parse rules, as docker/metadata-action): a multi-line label value.
    name: 'labels: a quoted value with a newline is one multi-line label (accepted)',
    inputs: {labels: '"com.example.multi=line1\nline2"'},
    accept: passedVerbatim('--label', 'com.example.multi=line1\nline2')
  },
  {
    name: 'labels: an unquoted newline starts the next label (accepted)',
    inputs: {labels: 'com.example.a=1\ncom.example.b=2'},
    accept: outcome => {
      passedVerbatim('--label', 'com.example.a=1')(outcome);
      expect(valuesOf(buildArgv(outcome), '--label')).toContain('com.example.b=2');
    }
  },
  {
    name: 'build-args: control characters are passed verbatim (accepted)',
    inputs: {'build-args': 'CTL=b\x07c\x1b[31m'},
    accept: passedVerbatim('--build-arg', 'CTL=b\x07c\x1b[31m')
  },
  {
    name: 'build-args: a quoted value with a newline is one build argument (accepted)',
    inputs: {'build-args': '"MULTI=line1\nline2"'},
    accept: passedVerbatim('--build-arg', 'MULTI=line1\nline2')
  },
  {
    // buildx --build-arg NAME takes the value from the environment, as docker/build-push-action allows.
    name: 'build-args: a name without = is passed on (accepted)',
    inputs: {'build-args': 'FROM_ENV'},
    accept: passedVerbatim('--build-arg', 'FROM_ENV')
  },
  {
    // Cache specs are not parsed by the action (as docker/build-push-action): buildx is the judge.
    name: 'cache-from: an unknown cache type is passed to buildx verbatim (accepted)',
    inputs: {'cache-from': 'type=bogus,ref=x'},
    accept: passedVerbatim('--cache-from', 'type=bogus,ref=x')
  },
  {
    name: 'cache-to: a spec without type is passed to buildx verbatim (accepted)',
    inputs: {'cache-to': 'nonsense'},
    accept: passedVerbatim('--cache-to', 'nonsense')
  },
  {
    name: 'unicode branch name is sanitized into a valid tag (accepted)',
    event: branchEvent('fé/ß-😀'),
    inputs: {tags: 'type=ref,event=branch'},
    accept: outcome => {
      expectPublished(outcome);
      expect(outcome.run.main.outputs['tag-names']).toBe('f---');
      expect(valuesOf(buildArgv(outcome), '--tag')).toEqual(['ghcr.io/octo-org/hello-world:f---']);
    }
  },
  {
    name: 'a 100 KB label value is passed to buildx whole (accepted)',
    inputs: {labels: `com.example.huge=${HUGE_LABEL}`},
    accept: outcome => {
      expectPublished(outcome);
      expect(valuesOf(buildArgv(outcome), '--label')).toContain(`com.example.huge=${HUGE_LABEL}`);
    }
  },
  // Real bugs (it.failing): what should happen, which does not today.
  {
    name: 'labels: a multi-line value cannot inject a workflow command (publish)',
    inputs: {labels: '"com.example.x=x\n::error::injected-by-label"'},
    accept: noInjectedCommand('injected-by-label')
  },
  {
    name: 'labels: a multi-line value cannot inject a workflow command (dry run)',
    inputs: {labels: '"com.example.x=x\n::error::injected-by-label-dry"', 'dry-run': 'true'},
    accept: noInjectedCommand('injected-by-label-dry')
  },
  {
    name: 'build-args: a multi-line value cannot inject a workflow command (publish)',
    inputs: {'build-args': '"X=x\n::add-mask::v1.2.3"'},
    accept: noInjectedCommand('v1.2.3')
  },
  {
    name: 'tags: rules that produce no tag, with push: true, fail before docker',
    inputs: {tags: 'type=raw,value={{nope}}', push: 'true'},
    reject: reject('tags', 'type=raw,value={{nope}}')
  },
  {
    name: 'tags: rules that produce no tag, with push: auto, build without pushing (accepted)',
    inputs: {tags: 'type=raw,value={{nope}}'},
    accept: outcome => {
      expect(outcome.run.main.exitCode).toBe(0);
      expect(outcome.run.main.outputs.pushed).toBe('false');
      expect(outcome.run.main.stdout).toMatch(/no tag rule produced a tag/);
      expect(buildArgv(outcome)).not.toContain('--push');
    }
  }
];

let outcomes: Map<string, Outcome>;

async function runCase(testCase: Case): Promise<Outcome> {
  const fake = await createFakeDocker({driver: 'docker-container'});
  const run = await runAction({
    event: testCase.event ?? 'push-tag',
    token: TOKEN,
    pathPrepend: [fake.binDir],
    env: {...fake.env, ...testCase.env},
    // The fake pushes nowhere, so there is no registry to verify the pushed tags in.
    inputs: {context: '.', verify: 'false', ...testCase.inputs},
    setup: dirs => {
      if (!testCase.noDockerfile) writeFileSync(`${dirs.workspace}/Dockerfile`, 'FROM scratch\n');
    }
  });
  return {run, calls: fake.calls()};
}

async function runAll(cases: readonly Case[]): Promise<Map<string, Outcome>> {
  const results = new Map<string, Outcome>();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const testCase = cases[next++];
      if (testCase) results.set(testCase.name, await runCase(testCase));
    }
  };
  await Promise.all(Array.from({length: CONCURRENCY}, worker));
  return results;
}

const tally = {tried: 0, rejected: 0, accepted: 0, bugs: 0};

beforeAll(async () => {
  outcomes = await runAll(CASES);
}, 120_000);

afterAll(async () => {
  await cleanupAllFakeDockers();
  console.log(
    `bad-input corpus: ${tally.tried} inputs tried, ${tally.rejected} rejected cleanly, ${tally.accepted} accepted as documented; ${tally.bugs} known bugs (it.failing)`
  );
});

it('has at least 60 cases with unique names', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(60);
  expect(new Set(CASES.map(c => c.name)).size).toBe(CASES.length);
});

describe.each(CASES.map(c => [c.name, c] as const))('%s', (_name, testCase) => {
  const outcome = (): Outcome => {
    const found = outcomes.get(testCase.name);
    if (!found) throw new Error(`no outcome for ${testCase.name}`);
    return found;
  };

  it('prints no stack trace', () => {
    const {run} = outcome();
    for (const step of [run.main, run.post]) {
      expect(step?.stdout ?? '').not.toMatch(STACK_LINE);
      expect(step?.stderr ?? '').not.toMatch(STACK_LINE);
    }
  });

  const register = (title: string, body: () => void) => {
    if (testCase.bug) {
      // A documented bug: see the case's `bug` text (listed in the summary line's known-bug count).
      it.failing(`${title} [${testCase.bug}]`, () => {
        tally.tried++;
        tally.bugs++;
        body();
      });
    } else {
      it(title, () => {
        tally.tried++;
        body();
      });
    }
  };

  if (testCase.reject) {
    const {input, value} = testCase.reject;
    register('fails the step with one error naming the input and value, before any docker process', () => {
      const {run, calls} = outcome();
      expect(run.main.exitCode).toBe(1);
      expect(run.main.outcome).toBe('failure');
      expect(run.main.errors).toHaveLength(1);
      const message = run.main.errors[0] ?? '';
      expect(message).toContain(input);
      expect(message).toContain(JSON.stringify(value).slice(1, -1));
      expect(message).not.toContain('unexpected');
      expect(message).not.toContain('hunter2');
      expect(calls.map(call => call.argv.join(' '))).toEqual([]);
      expect(run.post?.exitCode ?? 0).toBe(0);
      tally.rejected++;
    });
  } else if (testCase.accept) {
    const accept = testCase.accept;
    register('is accepted with the documented result', () => {
      accept(outcome());
      tally.accepted++;
    });
  }
});

describe('two large but valid inputs', () => {
  // A 120 KB label and a 120 KB annotation (each under Linux's 128 KB limit for one variable, so the runner
  // starts the step) make DOCKER_METADATA_OUTPUT_JSON about 240 KB. Exported through GITHUB_ENV it would stop
  // every later process of the job (execve fails with E2BIG), the post step and its logout too; the action
  // leaves such a variable out with a warning.
  it('do not stop the post step (and its logout) from starting', async () => {
    tally.tried++;
    tally.accepted++;
    const fake = await createFakeDocker({driver: 'docker-container'});
    let failure: unknown;
    let run: ActionRun | undefined;
    try {
      run = await runAction({
        event: 'push-tag',
        token: TOKEN,
        pathPrepend: [fake.binDir],
        env: fake.env,
        inputs: {
          context: '.',
          verify: 'false',
          labels: `com.example.big=${'x'.repeat(120 * 1024)}`,
          annotations: `com.example.big=${'y'.repeat(120 * 1024)}`
        },
        setup: dirs => writeFileSync(`${dirs.workspace}/Dockerfile`, 'FROM scratch\n')
      });
    } catch (error) {
      failure = error;
    }
    expect(String(failure ?? '')).not.toContain('E2BIG');
    expect(run?.post?.exitCode).toBe(0);
    expect(fake.callsOf(['logout'])).toHaveLength(1);
  });
});
