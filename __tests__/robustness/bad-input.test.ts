/**
 * Robustness: a corpus of bad inputs, each run through the bundled action (main then post) with the recording
 * fake docker first on PATH. A rejected input must fail the step with exactly one error naming the input (or
 * environment variable) and the offending value, print no stack trace, and start no docker process at all.
 * The few inputs the action documents as acceptable (uppercase image names, unicode branches, values that
 * docker/build-push-action passes through verbatim) are checked for their documented result instead.
 */
import {loadEvent, type ActionRun, type EventFixture} from '../harness/runner.js';
import {cleanupAllFakeDockers, type FakeDocker, type FakeDockerCall} from '../support/fake-docker/index.js';
import {valuesOf} from '../support/expectations.js';
import {runWithFakeDocker} from '../support/with-fake-docker.js';

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
    name: 'load: with two platforms',
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
  {
    name: 'labels: ESC sequence in a value',
    inputs: {labels: 'com.example.ctl=\x1b[31mred'},
    reject: reject('labels', '\x1b[31mred')
  },
  {name: 'labels: BEL in a key', inputs: {labels: 'com.exa\x07mple=x'}, reject: reject('labels', 'com.exa\x07mple=x')},
  {
    name: 'labels: C1 control in a value',
    inputs: {labels: 'com.example.c1=a\x9bb'},
    reject: reject('labels', 'com.example.c1=a')
  },
  {
    name: 'annotations: ESC sequence in a value',
    inputs: {annotations: 'com.example.ctl=\x1b]0;title\x07'},
    reject: reject('annotations', '\x1b]0;title\x07')
  },
  // provenance, sbom and attests: buildx's attestation grammar
  {name: 'provenance: unknown mode', inputs: {provenance: 'mode=medium'}, reject: reject('provenance', 'mode=medium')},
  {name: 'provenance: unknown key', inputs: {provenance: 'colour=red'}, reject: reject('provenance', 'colour=red')},
  {
    name: 'provenance: neither boolean nor attributes',
    inputs: {provenance: 'maybe'},
    reject: reject('provenance', 'maybe')
  },
  {
    name: 'provenance: unknown SLSA version',
    inputs: {provenance: 'mode=max,version=v3'},
    reject: reject('provenance', 'mode=max,version=v3')
  },
  {
    name: 'provenance: inline-only not a boolean',
    inputs: {provenance: 'mode=min,inline-only=perhaps'},
    reject: reject('provenance', 'inline-only=perhaps')
  },
  {name: 'sbom: unknown key', inputs: {sbom: 'colour=red'}, reject: reject('sbom', 'colour=red')},
  {name: 'sbom: empty generator', inputs: {sbom: 'generator='}, reject: reject('sbom', 'generator=')},
  {name: 'attests: unknown type', inputs: {attests: 'type=vex'}, reject: reject('attests', 'type=vex')},
  {name: 'attests: no type', inputs: {attests: 'mode=max'}, reject: reject('attests', 'mode=max')},
  {
    name: 'attests: provenance with an unknown mode',
    inputs: {attests: 'type=provenance,mode=full'},
    reject: reject('attests', 'type=provenance,mode=full')
  },
  {
    name: 'provenance: mode and version as buildx knows them (accepted)',
    inputs: {provenance: 'mode=max,version=v1'},
    accept: outcome => {
      expectPublished(outcome);
      expect(valuesOf(buildArgv(outcome), '--attest').join(' ')).toContain('type=provenance,mode=max,version=v1');
    }
  },
  // build-args
  {name: 'build-args: empty name', inputs: {'build-args': '=x'}, reject: reject('build-args', '=x')},
  {name: 'build-args: name with a blank', inputs: {'build-args': 'MY ARG=x'}, reject: reject('build-args', 'MY ARG=x')},
  {
    name: 'build-args: name with a control character',
    inputs: {'build-args': 'MY\x1bARG=x'},
    reject: reject('build-args', 'MY\x1bARG=x')
  },
  // files the build would open
  {
    name: 'secret-files: the file does not exist',
    inputs: {'secret-files': 'npmrc=./missing/.npmrc'},
    reject: reject('secret-files', 'npmrc=./missing/.npmrc')
  },
  {
    name: 'secret-files: a directory, not a file',
    inputs: {'secret-files': 'npmrc=.'},
    reject: reject('secret-files', 'npmrc=.')
  },
  {name: 'context: the directory does not exist', inputs: {context: './nope'}, reject: reject('context', './nope')},
  {
    name: 'file: the Dockerfile does not exist',
    inputs: {file: 'docker/app.Dockerfile'},
    reject: reject('file', 'docker/app.Dockerfile')
  },
  {
    name: 'file: no Dockerfile in the context (the default file)',
    inputs: {context: '.'},
    noDockerfile: true,
    reject: reject('file', './Dockerfile')
  },
  {
    name: 'context: a Git context is not looked for on disk (accepted)',
    inputs: {context: 'https://github.com/octo-org/hello-world.git#main', file: 'build/Dockerfile'},
    noDockerfile: true,
    accept: outcome => {
      expectPublished(outcome);
      expect(buildArgv(outcome)).toContain('https://github.com/octo-org/hello-world.git#main');
    }
  },
  // credentials
  {
    name: 'github-token: empty, with push true',
    inputs: {'github-token': '', push: 'true'},
    reject: reject('github-token', '')
  },
  {
    name: 'github-token: empty, with push auto on a tag push',
    inputs: {'github-token': ''},
    reject: reject('github-token', '')
  },
  {
    name: 'password: empty for a registry other than GHCR, with push true',
    inputs: {images: 'registry.example.com/octo/app', push: 'true'},
    reject: reject('password', '')
  },
  {
    name: 'github-token: empty in a dry run warns and still shows the plan (accepted)',
    inputs: {'github-token': '', 'dry-run': 'true'},
    accept: outcome => {
      expectPublished(outcome);
      expect(outcome.run.main.warnings.join('\n')).toContain('pushes to ghcr.io but has no credentials');
      expect(outcome.calls).toEqual([]);
    }
  },
  {
    name: 'github-token: empty, with push false (accepted)',
    inputs: {'github-token': '', push: 'false'},
    accept: outcome => {
      expectPublished(outcome);
      expect(buildArgv(outcome)).not.toContain('--push');
    }
  },
  {
    name: 'github-token: empty, pushing to a registry on localhost (accepted)',
    inputs: {'github-token': '', images: 'localhost:5000/octo/app'},
    accept: outcome => {
      expectPublished(outcome);
      expect(outcome.run.main.outputs.pushed).toBe('true');
    }
  },
  // registry hosts
  {
    name: 'images: registry port out of range',
    inputs: {images: 'ghcr.io:99999/o/app'},
    reject: reject('images', 'ghcr.io:99999')
  },
  {name: 'images: registry port zero', inputs: {images: 'localhost:0/app'}, reject: reject('images', 'localhost:0')},
  {
    name: 'images: registry host with a blank',
    inputs: {images: 'gh cr.io/o/app'},
    reject: reject('images', 'gh cr.io')
  },
  {
    name: 'images: registry host with an empty label',
    inputs: {images: 'ghcr..io/o/app'},
    reject: reject('images', 'ghcr..io')
  },
  {
    name: 'images: registry host ending in a colon',
    inputs: {images: 'ghcr.io:/o/app'},
    reject: reject('images', 'ghcr.io:')
  },
  // cache-from / cache-to: buildx's cache grammar
  {
    name: 'cache-from: unknown type',
    inputs: {'cache-from': 'type=bogus,ref=x'},
    reject: reject('cache-from', 'type=bogus')
  },
  {
    name: 'cache-to: unknown mode',
    inputs: {'cache-to': 'type=gha,mode=medium'},
    reject: reject('cache-to', 'mode=medium')
  },
  {
    name: 'cache-to: ignore-error not a boolean',
    inputs: {'cache-to': 'type=gha,ignore-error=maybe'},
    reject: reject('cache-to', 'ignore-error=maybe')
  },
  {
    name: 'cache-to: attributes without a type',
    inputs: {'cache-to': 'mode=max'},
    reject: reject('cache-to', 'mode=max')
  },
  {
    name: 'cache-from: a field without =',
    inputs: {'cache-from': 'type=registry,ghcr.io/o/cache'},
    reject: reject('cache-from', 'ghcr.io/o/cache')
  },
  // sizes, limits, hosts, contexts
  {name: 'shm-size: not a size', inputs: {'shm-size': 'lots'}, reject: reject('shm-size', 'lots')},
  {name: 'shm-size: negative', inputs: {'shm-size': '-1g'}, reject: reject('shm-size', '-1g')},
  {name: 'ulimit: no limits', inputs: {ulimit: 'nofile'}, reject: reject('ulimit', 'nofile')},
  {name: 'ulimit: limits not numbers', inputs: {ulimit: 'nofile=a:b'}, reject: reject('ulimit', 'nofile=a:b')},
  {name: 'ulimit: unknown name', inputs: {ulimit: 'files=1024'}, reject: reject('ulimit', 'files=1024')},
  {name: 'ulimit: soft above hard', inputs: {ulimit: 'nofile=2048:1024'}, reject: reject('ulimit', 'nofile=2048:1024')},
  {name: 'add-hosts: no IP', inputs: {'add-hosts': 'registry.local'}, reject: reject('add-hosts', 'registry.local')},
  {
    name: 'add-hosts: not an IP',
    inputs: {'add-hosts': 'registry.local:not-an-ip'},
    reject: reject('add-hosts', 'registry.local:not-an-ip')
  },
  {name: 'build-contexts: without =', inputs: {'build-contexts': 'alpine'}, reject: reject('build-contexts', 'alpine')},
  {
    name: 'build-contexts: empty source',
    inputs: {'build-contexts': 'alpine='},
    reject: reject('build-contexts', 'alpine=')
  },
  {
    name: 'shm-size: with ulimit and add-hosts, as docker writes them (accepted)',
    inputs: {'shm-size': '2g', ulimit: 'nofile=1024:2048', 'add-hosts': 'docker:host-gateway,db=10.0.0.5,v6:::1'},
    accept: outcome => {
      expectPublished(outcome);
      const argv = buildArgv(outcome);
      expect(valuesOf(argv, '--shm-size')).toEqual(['2g']);
      expect(valuesOf(argv, '--ulimit')).toEqual(['nofile=1024:2048']);
      expect(valuesOf(argv, '--add-host')).toEqual(['docker:host-gateway', 'db=10.0.0.5', 'v6:::1']);
    }
  },
  // metadata-action parity
  {
    name: 'labels: an unquoted date format renders the default format, with a warning (accepted)',
    inputs: {labels: 'org.example.built={{date YYYYMMDD}}'},
    env: {SOURCE_DATE_EPOCH: '1578616200'},
    accept: outcome => {
      expectPublished(outcome);
      expect(valuesOf(buildArgv(outcome), '--label')).toContain('org.example.built=2020-01-10T00:30:00Z');
      const warning = outcome.run.main.warnings.find(text => text.includes('{{date YYYYMMDD}}')) ?? '';
      expect(warning).toContain('labels rule');
      expect(warning).toContain('(line 1)');
      expect(warning).toContain("{{date 'YYYYMMDD'}}");
    }
  },
  {
    name: 'tags: an unquoted date format renders the default format, sanitized, with a warning (accepted)',
    inputs: {tags: 'type=raw,value={{date YYYYMMDD}}'},
    env: {SOURCE_DATE_EPOCH: '1578616200'},
    accept: outcome => {
      expectPublished(outcome);
      expect(outcome.run.main.outputs['tag-names']).toBe('2020-01-10T00-30-00Z');
      expect(outcome.run.main.warnings.join('\n')).toContain("write {{date 'YYYYMMDD'}} for that format");
    }
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
    name: 'GITHUB_EVENT_PATH: the file does not exist',
    env: {GITHUB_EVENT_PATH: '/nonexistent/ghcr-publish/event.json'},
    reject: reject('GITHUB_EVENT_PATH', '/nonexistent/ghcr-publish/event.json')
  },
  {
    name: 'SOURCE_DATE_EPOCH: not a number',
    env: {SOURCE_DATE_EPOCH: 'yesterday'},
    reject: reject('SOURCE_DATE_EPOCH', 'yesterday')
  },
  {
    name: 'DOCKER_METADATA_SHORT_SHA_LENGTH: not a number',
    env: {DOCKER_METADATA_SHORT_SHA_LENGTH: 'seven'},
    reject: reject('DOCKER_METADATA_SHORT_SHA_LENGTH', 'seven')
  },
  {
    name: 'DOCKER_METADATA_ANNOTATIONS_LEVELS: unknown level',
    env: {DOCKER_METADATA_ANNOTATIONS_LEVELS: 'manifest,layer'},
    reject: reject('DOCKER_METADATA_ANNOTATIONS_LEVELS', 'manifest,layer')
  },
  {
    name: 'GITHUB_EVENT_PATH: a directory',
    env: {GITHUB_EVENT_PATH: '/'},
    reject: reject('GITHUB_EVENT_PATH', 'GITHUB_EVENT_PATH=/')
  },
  {
    name: 'GITHUB_EVENT_PATH: not JSON',
    env: {GITHUB_EVENT_PATH: '/etc/passwd'},
    reject: reject('GITHUB_EVENT_PATH', '/etc/passwd')
  },
  {
    name: 'GITHUB_REPOSITORY: without owner',
    env: {GITHUB_REPOSITORY: 'hello-world'},
    reject: reject('GITHUB_REPOSITORY', 'hello-world')
  },
  {
    name: 'DOCKER_METADATA_SET_OUTPUT_ENV: not a boolean',
    env: {DOCKER_METADATA_SET_OUTPUT_ENV: 'maybe'},
    reject: reject('DOCKER_METADATA_SET_OUTPUT_ENV', 'maybe')
  },
  // Accepted: documented good behaviour.
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
    // buildx reads a value without "=" as a registry cache reference (type=registry,ref=…).
    name: 'cache-to: a bare reference is a registry cache (accepted)',
    inputs: {'cache-to': 'ghcr.io/octo-org/cache:main'},
    accept: passedVerbatim('--cache-to', 'ghcr.io/octo-org/cache:main')
  },
  {
    name: 'cache-to: every attribute buildx knows (accepted)',
    inputs: {'cache-to': 'type=registry,ref=ghcr.io/octo-org/cache:main,mode=max,ignore-error=true'},
    accept: passedVerbatim('--cache-to', 'type=registry,ref=ghcr.io/octo-org/cache:main,mode=max,ignore-error=true')
  },
  {
    name: 'tags: a unicode branch name is sanitized into a valid tag (accepted)',
    event: branchEvent('fé/ß-😀'),
    inputs: {tags: 'type=ref,event=branch'},
    accept: outcome => {
      expectPublished(outcome);
      expect(outcome.run.main.outputs['tag-names']).toBe('f---');
      expect(valuesOf(buildArgv(outcome), '--tag')).toEqual(['ghcr.io/octo-org/hello-world:f---']);
    }
  },
  {
    name: 'labels: a 100 KB value is passed to buildx whole (accepted)',
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

/** A case's class: the input (or environment variable) its name starts with, before the first ':'. */
function classOf(testCase: Case): string {
  return testCase.name.split(':')[0] ?? testCase.name;
}

let outcomes: Map<string, Outcome>;

async function runCase(testCase: Case): Promise<Outcome> {
  const {run, fake} = await runWithFakeDocker(
    {driver: 'docker-container'},
    {
      event: testCase.event ?? 'push-tag',
      token: TOKEN,
      env: testCase.env,
      inputs: testCase.inputs,
      ...(testCase.noDockerfile ? {setup: () => undefined} : {})
    }
  );
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
  const classes = new Set(CASES.map(classOf));
  console.log(
    `bad-input corpus: ${CASES.length} cases in ${classes.size} classes (${[...classes].join(', ')}); ` +
      `${tally.tried} inputs tried, ${tally.rejected} rejected cleanly before any docker process, ` +
      `${tally.accepted} accepted as documented; ${tally.bugs} known bugs (it.failing)`
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
    let fake: FakeDocker | undefined;
    let failure: unknown;
    let run: ActionRun | undefined;
    try {
      ({run} = await runWithFakeDocker({driver: 'docker-container'}, created => {
        fake = created;
        return {
          token: TOKEN,
          inputs: {
            labels: `com.example.big=${'x'.repeat(120 * 1024)}`,
            annotations: `com.example.big=${'y'.repeat(120 * 1024)}`
          }
        };
      }));
    } catch (error) {
      failure = error;
    }
    expect(String(failure ?? '')).not.toContain('E2BIG');
    expect(run?.post?.exitCode).toBe(0);
    expect(fake?.callsOf(['logout'])).toHaveLength(1);
  });
});
