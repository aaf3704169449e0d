import {cleanPath, findCacheMounts} from '../../../src/core/dockerfile-mounts.js';

const dockerfile = (...lines: string[]) => lines.join('\n');

describe('findCacheMounts', () => {
  it('reads a plain cache mount, its id defaulting to the target', () => {
    expect(findCacheMounts(dockerfile('FROM alpine', 'RUN --mount=type=cache,target=/root/.cache make'))).toEqual([
      {id: '/root/.cache', target: '/root/.cache', usesVariable: false, line: 2}
    ]);
  });

  it('cleans the target into the default id, as BuildKit does', () => {
    expect(findCacheMounts('RUN --mount=type=cache,target=/root/.cache/ make')).toEqual([
      {id: '/root/.cache', target: '/root/.cache/', usesVariable: false, line: 1}
    ]);
    expect(findCacheMounts('RUN --mount=type=cache,target=/root//go/./pkg/../build make')[0]?.id).toBe(
      '/root/go/build'
    );
  });

  it('keeps an explicit id', () => {
    expect(findCacheMounts('RUN --mount=type=cache,id=gomod,target=/go/pkg/mod go build')).toEqual([
      {id: 'gomod', target: '/go/pkg/mod', usesVariable: false, line: 1}
    ]);
  });

  it.each(['dst', 'destination', 'DST'])('reads the target from %s=', key => {
    expect(findCacheMounts(`RUN --mount=type=cache,${key}=/var/cache/apt apt-get update`)).toEqual([
      {id: '/var/cache/apt', target: '/var/cache/apt', usesVariable: false, line: 1}
    ]);
  });

  it('captures uid, gid, mode and from', () => {
    expect(
      findCacheMounts('RUN --mount=type=cache,target=/home/app/.npm,uid=1000,gid=1001,mode=0755,from=deps npm ci')
    ).toEqual([
      {
        id: '/home/app/.npm',
        target: '/home/app/.npm',
        uid: '1000',
        gid: '1001',
        mode: '0755',
        from: 'deps',
        usesVariable: false,
        line: 1
      }
    ]);
  });

  it('leaves the ownership fields out when the mount does not set them', () => {
    const [mount] = findCacheMounts('RUN --mount=type=cache,target=/x true');
    expect(mount).not.toHaveProperty('uid');
    expect(mount).not.toHaveProperty('gid');
    expect(mount).not.toHaveProperty('mode');
    expect(mount).not.toHaveProperty('from');
  });

  it('ignores bind, secret, tmpfs and default-type mounts, and a cache mount without a target', () => {
    const text = dockerfile(
      'FROM alpine',
      'RUN --mount=type=bind,target=/src,source=. make',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
      'RUN --mount=target=/src make',
      'RUN --mount=type=tmpfs,target=/tmp make',
      'RUN --mount=type=cache,id=nowhere make',
      'RUN --mount=type=bind,target=/src --mount=type=cache,target=/root/.cache make'
    );
    expect(findCacheMounts(text)).toEqual([{id: '/root/.cache', target: '/root/.cache', usesVariable: false, line: 7}]);
  });

  it('finds no mount in a Dockerfile without cache mounts, or in mount-like text that is not a RUN flag', () => {
    expect(findCacheMounts('')).toEqual([]);
    expect(findCacheMounts(dockerfile('FROM alpine', 'RUN make'))).toEqual([]);
    expect(findCacheMounts('RUN echo --mount=type=cache,target=/fake')).toEqual([]);
    expect(findCacheMounts('COPY --mount=type=cache,target=/fake . .')).toEqual([]);
    expect(findCacheMounts('# RUN --mount=type=cache,target=/commented')).toEqual([]);
  });

  it('reads several mounts of one RUN and of several RUNs, each with the line of its RUN', () => {
    const text = dockerfile(
      'FROM golang:1.23',
      '',
      'RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...',
      '# a comment',
      'RUN --mount=type=cache,id=apt,target=/var/cache/apt apt-get update'
    );
    expect(findCacheMounts(text)).toEqual([
      {id: '/go/pkg/mod', target: '/go/pkg/mod', usesVariable: false, line: 3},
      {id: '/root/.cache/go-build', target: '/root/.cache/go-build', usesVariable: false, line: 3},
      {id: 'apt', target: '/var/cache/apt', usesVariable: false, line: 5}
    ]);
  });

  it('joins backslash continuations and gives the line where the RUN starts', () => {
    const text = dockerfile(
      'FROM alpine',
      'RUN \\',
      '    --mount=type=cache,target=/a \\',
      '    --mount=type=cache,target=/b   \\  ',
      '    make',
      'RUN --mount=type=cache,target=/c make'
    );
    expect(findCacheMounts(text).map(({id, line}) => ({id, line}))).toEqual([
      {id: '/a', line: 2},
      {id: '/b', line: 2},
      {id: '/c', line: 6}
    ]);
  });

  it('skips a comment line inside a continuation without ending the instruction', () => {
    const text = dockerfile(
      'FROM alpine',
      'RUN --mount=type=cache,target=/a \\',
      '# a comment that would end nothing',
      '    # an indented one too',
      '    --mount=type=cache,target=/b \\',
      '    make',
      'RUN --mount=type=cache,target=/c make'
    );
    expect(findCacheMounts(text).map(({id, line}) => ({id, line}))).toEqual([
      {id: '/a', line: 2},
      {id: '/b', line: 2},
      {id: '/c', line: 7}
    ]);
  });

  it('reads Windows line endings', () => {
    const text = [
      'FROM alpine',
      'RUN --mount=type=cache,target=/a \\',
      '    --mount=type=cache,target=/b make',
      ''
    ].join('\r\n');
    expect(findCacheMounts(text).map(mount => mount.target)).toEqual(['/a', '/b']);
  });

  it('continues lines with the backtick under # escape=`, and no longer with the backslash', () => {
    const text = dockerfile(
      '# escape=`',
      'FROM alpine',
      'RUN --mount=type=cache,target=/cache `',
      '    --mount=type=cache,target=/nuget `',
      '    dir',
      'RUN --mount=type=cache,target=/x \\',
      '    --mount=type=cache,target=/not-a-continuation make'
    );
    expect(findCacheMounts(text).map(({target, line}) => ({target, line}))).toEqual([
      {target: '/cache', line: 3},
      {target: '/nuget', line: 3},
      {target: '/x', line: 6}
    ]);
  });

  it('honours # escape=` after another parser directive, but not after an instruction', () => {
    const afterSyntax = dockerfile(
      '# syntax=docker/dockerfile:1',
      '# escape=`',
      'FROM alpine',
      'RUN --mount=type=cache,target=/a `',
      '    --mount=type=cache,target=/b make'
    );
    expect(findCacheMounts(afterSyntax).map(mount => mount.target)).toEqual(['/a', '/b']);
    const tooLate = dockerfile(
      'FROM alpine',
      '# escape=`',
      'RUN --mount=type=cache,target=/a `',
      '    --mount=type=cache,target=/b make'
    );
    expect(findCacheMounts(tooLate).map(mount => mount.target)).toEqual(['/a']);
  });

  it('does not read heredoc bodies as instructions', () => {
    const text = dockerfile(
      'FROM alpine',
      'RUN <<EOF',
      'RUN --mount=type=cache,target=/fake',
      'echo done',
      'EOF',
      'COPY <<-"END" /etc/config',
      '\tRUN --mount=type=cache,target=/fake-too',
      '\tEND',
      "RUN --mount=type=cache,target=/real cat <<'ONE' > /a && cat <<TWO > /b",
      'RUN --mount=type=cache,target=/fake-three',
      'ONE',
      'RUN --mount=type=cache,target=/fake-four',
      'TWO',
      'RUN --mount=type=cache,target=/after make'
    );
    expect(findCacheMounts(text).map(({target, line}) => ({target, line}))).toEqual([
      {target: '/real', line: 9},
      {target: '/after', line: 14}
    ]);
  });

  it('takes only whole-word heredocs of RUN, COPY and ADD: here-strings, shifts and quoted text are not', () => {
    const text = dockerfile(
      'FROM alpine',
      'RUN grep x <<<"foo"',
      'RUN echo $((1<<PAGE))',
      'RUN echo "a<<b"',
      'ENV X=<<EOF',
      'RUN --mount=type=Cache,target=/root/.cache make'
    );
    expect(findCacheMounts(text).map(({target, line}) => ({target, line}))).toEqual([
      {target: '/root/.cache', line: 6}
    ]);
  });

  it('marks a mount whose target or id uses a build argument', () => {
    const text = dockerfile(
      'ARG CACHE=/root/.cache',
      'RUN --mount=type=cache,target=$CACHE make',
      'RUN --mount=type=cache,id=cache-${TARGETARCH},target=/root/.cache make',
      'RUN --mount=type=cache,target=/plain make'
    );
    expect(findCacheMounts(text).map(({id, usesVariable}) => ({id, usesVariable}))).toEqual([
      {id: '$CACHE', usesVariable: true},
      {id: 'cache-${TARGETARCH}', usesVariable: true},
      {id: '/plain', usesVariable: false}
    ]);
  });

  it('reads instructions and option keys in any case', () => {
    expect(findCacheMounts(dockerfile('from alpine', 'run --mount=TYPE=cache,Target=/x make'))).toEqual([
      {id: '/x', target: '/x', usesVariable: false, line: 2}
    ]);
  });

  it('reads a comma inside a CSV-quoted field, after the shell quotes are removed (as the frontend does)', () => {
    expect(findCacheMounts(`RUN --mount=type=cache,'"id=a,b"',target=/x make`)).toEqual([
      {id: 'a,b', target: '/x', usesVariable: false, line: 1}
    ]);
  });

  it('removes shell quotes before reading the CSV: a quoted target keeps its space', () => {
    expect(findCacheMounts('RUN --mount=type=cache,target="/my dir" make')).toEqual([
      {id: '/my dir', target: '/my dir', usesVariable: false, line: 1}
    ]);
  });

  it('joins continued lines without a space, and skips empty lines inside a continuation', () => {
    expect(findCacheMounts('RUN --mount=type=cache,\\\ntarget=/root/.cache make')).toEqual([
      {id: '/root/.cache', target: '/root/.cache', usesVariable: false, line: 1}
    ]);
    expect(findCacheMounts('RUN \\\n\n    --mount=type=cache,target=/x make')).toEqual([
      {id: '/x', target: '/x', usesVariable: false, line: 1}
    ]);
  });

  it('unquotes a quoted mount value and quoted option values', () => {
    expect(findCacheMounts('RUN --mount="type=cache,target=/x" make')).toEqual([
      {id: '/x', target: '/x', usesVariable: false, line: 1}
    ]);
    expect(findCacheMounts('RUN --mount=type=cache,id="my-id",target=/x make')[0]?.id).toBe('my-id');
  });

  it('reads mounts after other flags such as --network=none', () => {
    expect(
      findCacheMounts(
        'RUN --network=none --mount=type=cache,target=/x --security=insecure --mount=type=cache,target=/y make'
      )
    ).toEqual([
      {id: '/x', target: '/x', usesVariable: false, line: 1},
      {id: '/y', target: '/y', usesVariable: false, line: 1}
    ]);
  });

  it('stops reading flags at the command', () => {
    expect(findCacheMounts('RUN --mount=type=cache,target=/x make --mount=type=cache,target=/y')).toEqual([
      {id: '/x', target: '/x', usesVariable: false, line: 1}
    ]);
  });
});

describe('cleanPath', () => {
  it.each([
    ['/root/.cache/', '/root/.cache'],
    ['/root//.cache///', '/root/.cache'],
    ['/a/./b/../c', '/a/c'],
    ['/', '/'],
    ['//', '/'],
    ['relative/dir/', 'relative/dir'],
    ['/root/.cache', '/root/.cache']
  ])('cleans %p into %p', (path, cleaned) => {
    expect(cleanPath(path)).toBe(cleaned);
  });
});
