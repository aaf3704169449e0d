import {
  describeCacheMounts,
  extractDockerfile,
  injectDockerfile,
  planCacheMounts,
  throwawayBuildArgs,
  type CacheMountInput,
  type CacheMountPlan
} from '../../../src/core/cache-mounts.js';
import {InputError} from '../../../src/core/errors.js';
import {githubContextFrom} from '../../../src/core/github-context.js';
import type {ListItem} from '../../../src/core/input-lists.js';
import {thrown} from '../../support/expectations.js';

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const UTILITY = 'docker.io/library/busybox:1.37@sha256:0123456789abcdef';

const contextFor = (eventName: string, sha = SHA) =>
  githubContextFrom(
    {
      GITHUB_REPOSITORY: 'Octo-Org/Hello-World',
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_EVENT_NAME: eventName
    },
    {}
  );

const DOCKERFILE = [
  'FROM golang:1.23 AS build',
  'ARG CACHE=/cache',
  'RUN --mount=type=cache,target=/go/pkg/mod \\',
  '    --mount=type=cache,target=/root/.cache/go-build,uid=1000,gid=1000,mode=0755 \\',
  '    go build ./...',
  'RUN --mount=type=cache,id=apt,target=/var/cache/apt,uid=$UID,sharing=locked apt-get update',
  'RUN --mount=type=cache,target=/go/pkg/mod go vet ./...',
  'RUN --mount=type=cache,target=$CACHE make',
  'RUN --mount=type=cache,target=/deps,from=deps make',
  ''
].join('\n');

const items = (...values: string[]): ListItem[] => values.map((value, index) => ({value, line: index + 1}));

function input(overrides: Partial<CacheMountInput> = {}): CacheMountInput {
  return {
    requested: items('auto'),
    dockerfile: {path: 'Dockerfile', text: DOCKERFILE},
    utilityImage: UTILITY,
    image: 'ghcr.io/Octo-Org/Hello-World',
    target: '',
    platforms: ['linux/amd64'],
    buildArgs: [],
    noCache: false,
    actionsCacheAvailable: true,
    context: contextFor('push'),
    ...overrides
  };
}

/** The InputError planCacheMounts throws (another error is rethrown: it would be a bug, not a refusal). */
function inputErrorOf(overrides: Partial<CacheMountInput>): InputError {
  const error = thrown(() => planCacheMounts(input(overrides)));
  if (error instanceof InputError) return error;
  throw error;
}

/** The one mount of a plan for /x, named without a Dockerfile unless the overrides say otherwise. */
function onlyMount(overrides: Partial<CacheMountInput>) {
  const {mounts} = planCacheMounts(input({requested: items('/x'), dockerfile: undefined, ...overrides}));
  expect(mounts).toHaveLength(1);
  return mounts[0]!;
}

describe('planCacheMounts: which mounts', () => {
  it('plans nothing when no mount is requested', () => {
    expect(planCacheMounts(input({requested: []}))).toEqual({
      mounts: [],
      restore: false,
      save: false,
      notes: [],
      utilityImage: UTILITY,
      namespace: ''
    });
  });

  it('selects every usable mount with auto, once per id, and notes the ones left out', () => {
    const plan = planCacheMounts(input());
    expect(plan.mounts.map(mount => mount.id)).toEqual(['/go/pkg/mod', '/root/.cache/go-build', 'apt']);
    expect(plan.notes).toEqual([
      'left out: the cache mount $CACHE (line 8 of Dockerfile) names its id or target with a build argument, whose value only the build knows',
      'left out: the cache mount /deps (line 9 of Dockerfile) starts from "deps" (from=), which BuildKit keys with that base, not by its id alone'
    ]);
    expect(plan.restore).toBe(true);
    expect(plan.save).toBe(true);
    expect(plan.utilityImage).toBe(UTILITY);
  });

  it('reads auto in any case', () => {
    expect(planCacheMounts(input({requested: items('AUTO')})).mounts).toHaveLength(3);
  });

  it('notes a Dockerfile with no mount to keep under auto', () => {
    const plan = planCacheMounts(
      input({dockerfile: {path: 'build/Dockerfile', text: 'FROM alpine\nRUN --mount=type=cache,target=$X make\n'}})
    );
    expect(plan.mounts).toEqual([]);
    expect(plan.notes).toContain('build/Dockerfile declares no cache mount this step can keep');
  });

  it('selects named mounts by id or by target, once each, in the order named', () => {
    const plan = planCacheMounts(input({requested: items('/var/cache/apt', '/go/pkg/mod', 'apt')}));
    expect(plan.mounts.map(mount => mount.id)).toEqual(['apt', '/go/pkg/mod']);
    expect(plan.notes).toEqual([]);
  });

  it('mixes auto and names without repeating a mount', () => {
    const plan = planCacheMounts(input({requested: items('apt', 'auto')}));
    expect(plan.mounts.map(mount => mount.id)).toEqual(['apt', '/go/pkg/mod', '/root/.cache/go-build']);
  });

  it('refuses a name the Dockerfile does not declare, listing the mounts it could name', () => {
    const text = [
      'FROM golang:1.23',
      'RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,id=apt,target=/var/cache/apt make',
      'RUN --mount=type=cache,target=/deps,from=deps make'
    ].join('\n');
    const error = inputErrorOf({requested: items('auto', '/root/.npm'), dockerfile: {path: 'Dockerfile', text}});
    expect(error).toBeInstanceOf(InputError);
    expect(error.input).toBe('cache-mounts');
    expect(error.value).toBe('/root/.npm');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^input "cache-mounts", line 2: no RUN --mount=type=cache in Dockerfile/);
    expect(error.fix).toBe('Name one of /go/pkg/mod, apt, or use "auto" for all of them.');
  });

  it('refuses a name whose mount is not usable, saying why', () => {
    expect(inputErrorOf({requested: items('/deps')}).message).toMatch(
      /the mount on line 9 of Dockerfile starts from "deps" \(from=\)/
    );
    expect(inputErrorOf({requested: items('$CACHE')}).message).toMatch(
      /the mount on line 8 of Dockerfile names its id or target with a build argument/
    );
  });

  it('suggests adding a mount when the Dockerfile has none to name', () => {
    const error = inputErrorOf({requested: items('/x'), dockerfile: {path: 'Dockerfile', text: 'FROM alpine\n'}});
    expect(error.input).toBe('cache-mounts');
    expect(error.fix).toMatch(/^Add the mount to a RUN instruction first/);
  });

  it('refuses auto when the Dockerfile is not on the runner', () => {
    const error = inputErrorOf({requested: items('auto'), dockerfile: undefined});
    expect(error.input).toBe('cache-mounts');
    expect(error.value).toBe('auto');
    expect(error.problem).toMatch(/the Dockerfile is not on the runner/);
  });

  it('takes a name as the id when the Dockerfile is not on the runner', () => {
    const plan = planCacheMounts(input({requested: items('/root/.cache', 'gomod'), dockerfile: undefined}));
    expect(plan.mounts.map(mount => mount.id)).toEqual(['/root/.cache', 'gomod']);
    expect(plan.mounts[0]).not.toHaveProperty('uid');
  });

  it.each(['a,b', 'my cache', 'say"hi"', 'tab\there'])('refuses the name %p', name => {
    for (const dockerfile of [undefined, {path: 'Dockerfile', text: DOCKERFILE}]) {
      const error = inputErrorOf({requested: items(name), dockerfile});
      expect(error.input).toBe('cache-mounts');
      expect(error.problem).toMatch(/cannot contain quotes, commas, backslashes or spaces/);
    }
  });

  it('carries uid, gid and mode only when they are numbers', () => {
    const plan = planCacheMounts(input());
    const byId = Object.fromEntries(plan.mounts.map(mount => [mount.id, mount]));
    expect(byId['/root/.cache/go-build']).toMatchObject({uid: '1000', gid: '1000', mode: '0755'});
    expect(byId['/go/pkg/mod']).not.toHaveProperty('uid');
    expect(byId.apt).not.toHaveProperty('uid');
    const symbolic = planCacheMounts(
      input({
        requested: items('/x'),
        dockerfile: {path: 'Dockerfile', text: 'RUN --mount=type=cache,target=/x,uid=app,gid=12,mode=u+rwx make'}
      })
    ).mounts[0];
    expect(symbolic).toMatchObject({gid: '12'});
    expect(symbolic).not.toHaveProperty('uid');
    expect(symbolic).not.toHaveProperty('mode');
  });
});

describe('planCacheMounts: keys and archives', () => {
  it('keys a mount by a restore prefix and the commit', () => {
    const mount = onlyMount({});
    expect(mount.restoreKey).toMatch(/^ghcr-publish-mount-/);
    expect(mount.restoreKey).toMatch(/-$/);
    expect(mount.key).toBe(`${mount.restoreKey}${SHA}`);
  });

  it('keys a run without a commit as local', () => {
    const mount = onlyMount({context: contextFor('push', '')});
    expect(mount.key).toBe(`${mount.restoreKey}local`);
  });

  it('keeps the restore key and archive name from one commit to the next', () => {
    const first = onlyMount({});
    const second = onlyMount({context: contextFor('push', 'f'.repeat(40))});
    expect(second.restoreKey).toBe(first.restoreKey);
    expect(second.archive).toBe(first.archive);
    expect(second.key).not.toBe(first.key);
    expect(first.archive).toMatch(/^[A-Za-z0-9._-]+\.tar$/);
  });

  it.each<[string, Partial<CacheMountInput>]>([
    ['platform set', {platforms: ['linux/amd64', 'linux/arm64']}],
    ['image', {image: 'ghcr.io/octo-org/other'}],
    ['target stage', {target: 'release'}],
    ['mount id', {requested: items('/y')}],
    ['namespace', {buildArgs: ['BUILDKIT_CACHE_MOUNT_NS=team']}]
  ])('gives another %s another restore key and archive', (_, overrides) => {
    const base = onlyMount({});
    const other = onlyMount(overrides);
    expect(other.restoreKey).not.toBe(base.restoreKey);
    expect(other.key).not.toBe(base.key);
    expect(other.archive).not.toBe(base.archive);
  });

  it('reads the image in any case', () => {
    expect(onlyMount({image: 'ghcr.io/octo-org/hello-world'}).restoreKey).toBe(onlyMount({}).restoreKey);
  });

  it('does not let /root/.cache and root-.cache share an entry', () => {
    const plan = planCacheMounts(input({requested: items('/root/.cache', 'root-.cache'), dockerfile: undefined}));
    const [absolute, relative] = plan.mounts;
    expect(absolute!.restoreKey).not.toBe(relative!.restoreKey);
    expect(absolute!.key).not.toBe(relative!.key);
    expect(absolute!.archive).not.toBe(relative!.archive);
  });

  it('gives every mount of a plan its own archive', () => {
    const archives = planCacheMounts(input()).mounts.map(mount => mount.archive);
    expect(new Set(archives).size).toBe(archives.length);
    for (const archive of archives) expect(archive).toMatch(/\.tar$/);
  });
});

describe('planCacheMounts: restore and save', () => {
  it('restores and saves on a push', () => {
    expect(planCacheMounts(input({context: contextFor('push')}))).toMatchObject({restore: true, save: true});
  });

  it.each(['pull_request', 'pull_request_target', 'pull_request_review', 'issue_comment'])(
    'restores but does not save on %s',
    eventName => {
      const plan = planCacheMounts(input({context: contextFor(eventName)}));
      expect(plan).toMatchObject({restore: true, save: false});
      expect(plan.notes.join('\n')).toMatch(/restores the cache mounts but does not save them/);
    }
  );

  it('saves on workflow_run, schedule and workflow_dispatch', () => {
    for (const eventName of ['workflow_run', 'schedule', 'workflow_dispatch']) {
      expect(planCacheMounts(input({context: contextFor(eventName)}))).toMatchObject({restore: true, save: true});
    }
  });

  it('neither restores nor saves with no-cache', () => {
    const plan = planCacheMounts(input({noCache: true}));
    expect(plan).toMatchObject({restore: false, save: false});
    expect(plan.notes).toContain('no-cache is true: the cache mounts start empty and nothing is saved');
    expect(plan.mounts).toHaveLength(3);
  });

  it('neither restores nor saves without the GitHub Actions cache', () => {
    const plan = planCacheMounts(input({actionsCacheAvailable: false}));
    expect(plan).toMatchObject({restore: false, save: false});
    expect(plan.notes).toContainEqual(expect.stringMatching(/offers no GitHub Actions cache/));
  });

  it('keeps the notes on left-out mounts ahead of the policy note', () => {
    const notes = planCacheMounts(input({context: contextFor('pull_request')})).notes;
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/^left out: the cache mount \$CACHE/);
    expect(notes[2]).toMatch(/^a pull request/);
  });
});

describe('planCacheMounts: namespace', () => {
  it("takes the build's BUILDKIT_CACHE_MOUNT_NS", () => {
    const plan = planCacheMounts(input({buildArgs: ['GO_VERSION=1.23', 'BUILDKIT_CACHE_MOUNT_NS=team-a']}));
    expect(plan.namespace).toBe('team-a');
    expect(planCacheMounts(input()).namespace).toBe('');
  });

  it('keeps the namespace when no mount is requested', () => {
    expect(planCacheMounts(input({requested: [], buildArgs: ['BUILDKIT_CACHE_MOUNT_NS=ns']})).namespace).toBe('ns');
  });
});

describe('injectDockerfile', () => {
  const plan = planCacheMounts(input());
  const [gomod, gobuild, apt] = plan.mounts;

  /** The script of the RUN instruction's exec form. */
  function runScript(text: string): string {
    const run = text.split('\n').find(line => line.startsWith('RUN '));
    const json = run?.slice(run.indexOf('['));
    const argv = JSON.parse(json ?? '') as string[];
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(argv).toHaveLength(3);
    return argv[2]!;
  }

  it('unpacks exactly the restored archives into their mounts, offline, in the utility image', () => {
    const text = injectDockerfile(plan, [gomod!, apt!]);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`FROM ${UTILITY} AS work`);
    expect(lines[2]).toMatch(
      /^RUN --network=none --mount=type=bind,target=\/ghcr-publish\/archives --mount=type=cache,id=\/go\/pkg\/mod,target=\/ghcr-publish\/mounts\/0 --mount=type=cache,id=apt,target=\/ghcr-publish\/mounts\/2 \["/
    );
    expect(lines[2]).not.toContain('go-build');
    expect(runScript(text).split('\n')).toEqual([
      'set -e',
      `tar -xf /ghcr-publish/archives/${gomod!.archive} -C /ghcr-publish/mounts/0`,
      `tar -xf /ghcr-publish/archives/${apt!.archive} -C /ghcr-publish/mounts/2`,
      'mkdir -p /ghcr-publish/result',
      'echo 2 > /ghcr-publish/result/injected'
    ]);
    expect(text).not.toContain(gobuild!.archive);
  });

  it('gives the mount the owner and mode the Dockerfile gives it', () => {
    expect(injectDockerfile(plan, [gobuild!])).toContain(
      ' --mount=type=cache,id=/root/.cache/go-build,target=/ghcr-publish/mounts/1,uid=1000,gid=1000,mode=0755 '
    );
  });

  it('ends with a scratch stage copying the result, which forces the work stage to run', () => {
    const lines = injectDockerfile(plan, [gomod!]).split('\n');
    expect(lines.slice(3)).toEqual(['FROM scratch', 'COPY --from=work /ghcr-publish/result/ /', '']);
    expect(lines).toHaveLength(6);
  });

  it('unpacks nothing when nothing was restored', () => {
    const text = injectDockerfile(plan, []);
    expect(text).not.toContain('type=cache');
    expect(text).not.toContain('tar ');
    expect(runScript(text)).toContain('echo 0 > /ghcr-publish/result/injected');
  });
});

describe('extractDockerfile', () => {
  const plan = planCacheMounts(input());

  it('packs every mount that holds anything into its archive', () => {
    const text = extractDockerfile(plan);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`FROM ${UTILITY} AS work`);
    expect(lines[2]).toMatch(
      /^RUN --network=none --mount=type=cache,id=\/go\/pkg\/mod,target=\/ghcr-publish\/mounts\/0 /
    );
    expect(lines[2]).not.toContain('type=bind');
    expect(lines.slice(3)).toEqual(['FROM scratch', 'COPY --from=work /ghcr-publish/result/ /', '']);
    const run = lines[2]!;
    const argv = JSON.parse(run.slice(run.indexOf('['))) as string[];
    expect(argv[2]!.split('\n')).toEqual([
      'set -e',
      'mkdir -p /ghcr-publish/result',
      ...plan.mounts.map(
        (mount, index) =>
          `if [ -n "$(ls -A /ghcr-publish/mounts/${index})" ]; then tar -cf /ghcr-publish/result/${mount.archive} -C /ghcr-publish/mounts/${index} .; fi`
      )
    ]);
    expect(plan.mounts).toHaveLength(3);
    for (const [index, mount] of plan.mounts.entries()) {
      expect(run).toContain(`id=${mount.id},target=/ghcr-publish/mounts/${index}`);
    }
  });
});

describe('throwawayBuildArgs', () => {
  const plan = planCacheMounts(input());

  it('builds on the given builder, its RUN missing the layer cache by a nonce (never --no-cache, which empties the mounts)', () => {
    expect(
      throwawayBuildArgs(
        plan,
        ['--builder', 'ghcr-publish'],
        '/tmp/w/Dockerfile',
        '/tmp/w/context',
        '/tmp/w/out',
        'n0nce'
      )
    ).toEqual([
      'buildx',
      'build',
      '--builder',
      'ghcr-publish',
      '--file',
      '/tmp/w/Dockerfile',
      '--output',
      'type=local,dest=/tmp/w/out',
      '--build-arg',
      'GHCR_PUBLISH_RUN=n0nce',
      '/tmp/w/context'
    ]);
    expect(extractDockerfile(plan)).toMatch(/^FROM .* AS work\nARG GHCR_PUBLISH_RUN\nRUN /);
  });

  it('passes the namespace on, so that the mount ids are the build ones', () => {
    const namespaced = planCacheMounts(input({buildArgs: ['BUILDKIT_CACHE_MOUNT_NS=team-a']}));
    expect(throwawayBuildArgs(namespaced, [], 'Dockerfile', 'ctx', 'out', 'n')).toEqual([
      'buildx',
      'build',
      '--file',
      'Dockerfile',
      '--output',
      'type=local,dest=out',
      '--build-arg',
      'GHCR_PUBLISH_RUN=n',
      '--build-arg',
      'BUILDKIT_CACHE_MOUNT_NS=team-a',
      'ctx'
    ]);
  });
});

describe('describeCacheMounts', () => {
  const withPolicy = (restore: boolean, save: boolean, notes: string[] = []): CacheMountPlan => ({
    ...planCacheMounts(input({requested: items('/a', '/b'), dockerfile: undefined})),
    restore,
    save,
    notes
  });

  it('says what happens to the mounts, then the notes', () => {
    expect(describeCacheMounts(withPolicy(true, true))).toEqual(['/a, /b: restored and saved']);
    expect(describeCacheMounts(withPolicy(true, false, ['a pull request']))).toEqual([
      '/a, /b: restored, not saved',
      'a pull request'
    ]);
    expect(describeCacheMounts(withPolicy(false, false, ['no-cache']))).toEqual([
      '/a, /b: not restored or saved',
      'no-cache'
    ]);
  });

  it('gives only the notes when no mount is kept', () => {
    const plan = planCacheMounts(
      input({dockerfile: {path: 'Dockerfile', text: 'FROM alpine\nRUN --mount=type=cache,target=$X make\n'}})
    );
    expect(describeCacheMounts(plan)).toEqual(plan.notes);
    expect(describeCacheMounts(plan)).toHaveLength(2);
    expect(describeCacheMounts(planCacheMounts(input({requested: []})))).toEqual([]);
  });

  it('describes the plans the policies make', () => {
    expect(describeCacheMounts(planCacheMounts(input({context: contextFor('pull_request')})))[0]).toBe(
      '/go/pkg/mod, /root/.cache/go-build, apt: restored, not saved'
    );
    expect(describeCacheMounts(planCacheMounts(input({noCache: true})))[0]).toMatch(/: not restored or saved$/);
    expect(describeCacheMounts(planCacheMounts(input()))[0]).toMatch(/: restored and saved$/);
  });
});
