import {
  checkAddHostItem,
  checkAttestationInput,
  checkAttestsItem,
  checkBuildArgItem,
  checkBuildContextItem,
  checkCacheItem,
  checkShmSize,
  checkUlimitItem
} from '../../../src/core/buildx-option-checks.js';
import {InputError} from '../../../src/core/errors.js';
import {thrown} from '../../support/expectations.js';

const item = (value: string, line = 2) => ({value, line});

/** The InputError a check throws (another error is rethrown: it would be a bug, not a refusal). */
function thrownBy(check: () => void): InputError {
  const error = thrown(check);
  if (error instanceof InputError) return error;
  throw error;
}

describe('provenance and sbom', () => {
  it.each(['', 'true', 'False', '0', 'mode=max', 'mode=min,inline-only=true', 'mode=max,version=v1,reproducible=1'])(
    'provenance %p is accepted',
    value => expect(() => checkAttestationInput('provenance', value)).not.toThrow()
  );

  it.each([
    ['mode=medium', /"medium" is not a valid mode/],
    ['colour=red', /"colour" is not a provenance attestation attribute \(known: mode, builder-id/],
    ['maybe', /"maybe" is not a key=value attribute/],
    ['TrUe', /"TrUe" is not a key=value attribute/],
    ['version=v3', /"v3" is not a valid version/],
    ['mode=max,reproducible=yes', /"yes" is not a valid reproducible/]
  ])('provenance %p is refused', (value, problem) => {
    const error = thrownBy(() => checkAttestationInput('provenance', value));
    expect(error.input).toBe('provenance');
    expect(error.message).toMatch(problem);
    expect(error.message).toContain('Write mode=max');
    expect(error.message).not.toMatch(/line \d/);
  });

  it('sbom knows generator and disabled only', () => {
    expect(() => checkAttestationInput('sbom', 'generator=docker/buildkit-syft-scanner:1')).not.toThrow();
    expect(thrownBy(() => checkAttestationInput('sbom', 'mode=max')).message).toMatch(/"mode" is not a sbom/);
    expect(thrownBy(() => checkAttestationInput('sbom', 'generator=')).message).toMatch(/"" is not a valid generator/);
  });

  it('attests entries need a known type and that type’s attributes, and name their line', () => {
    expect(() => checkAttestsItem(item('type=sbom,generator=x'))).not.toThrow();
    expect(() => checkAttestsItem(item('type=provenance,mode=max,builder-id=https://x'))).not.toThrow();
    const untyped = thrownBy(() => checkAttestsItem(item('mode=max', 3)));
    expect(untyped.message).toMatch(/^input "attests", line 3: the attestation has no type/);
    expect(thrownBy(() => checkAttestsItem(item('type=vex'))).message).toMatch(/"vex" is not an attestation type/);
    expect(thrownBy(() => checkAttestsItem(item('type=sbom,mode=max'))).message).toMatch(/"mode" is not a sbom/);
  });
});

describe('cache-from and cache-to', () => {
  it.each([
    'ghcr.io/octo/cache:main',
    'type=gha',
    'TYPE=gha,scope=x,mode=max,ignore-error=true',
    'type=registry,ref=ghcr.io/o/c,mode=min,ignore-error=0',
    'type=local,src=/tmp/cache',
    'type=s3,region=eu-west-1,bucket=b',
    'type=azblob,name=n',
    'type=inline'
  ])('%p is accepted', value => expect(() => checkCacheItem('cache-to', item(value))).not.toThrow());

  it.each([
    ['type=bogus,ref=x', /"bogus" is not a cache type BuildKit knows/, /Use one of type=registry, type=local/],
    ['type=gha,mode=medium', /mode "medium" is not min or max/, /mode=max/],
    ['type=gha,ignore-error=maybe', /ignore-error "maybe" is not a boolean/, /ignore-error=true/],
    ['mode=max', /the cache has no type/, /type=gha/],
    ['type=registry,ghcr.io/o/c', /"ghcr.io\/o\/c" is not a key=value attribute/, /type=registry,ref=/]
  ])('%p is refused', (value, problem, fix) => {
    const error = thrownBy(() => checkCacheItem('cache-from', item(value, 4)));
    expect(error.message).toMatch(/^input "cache-from", line 4: /);
    expect(error.message).toMatch(problem);
    expect(error.message).toMatch(fix);
  });
});

describe('build-args and build-contexts', () => {
  it.each(['NAME=value', 'FROM_ENV', 'A=b=c', 'CTL=b\x07c', 'EMPTY='])('build-arg %p is accepted', value =>
    expect(() => checkBuildArgItem(item(value))).not.toThrow()
  );

  it.each([
    ['=x', /empty name/],
    ['MY ARG=x', /the name "MY ARG" has blanks/],
    ['TAB\tARG=x', /has blanks or control characters/],
    ['ESC\x1bARG=x', /has blanks or control characters/]
  ])('build-arg %p is refused', (value, problem) => {
    expect(thrownBy(() => checkBuildArgItem(item(value))).message).toMatch(problem);
  });

  it('build-contexts need name=source', () => {
    expect(() => checkBuildContextItem(item('alpine=docker-image://alpine:3.20'))).not.toThrow();
    for (const value of ['alpine', '=./dir', 'alpine=']) {
      expect(thrownBy(() => checkBuildContextItem(item(value))).message).toMatch(/expected name=source/);
    }
  });
});

describe('add-hosts, shm-size and ulimit', () => {
  it.each(['db:10.0.0.5', 'db=10.0.0.5', 'v6:::1', 'v6=fe80::1', 'docker:host-gateway'])(
    'add-host %p is accepted',
    value => expect(() => checkAddHostItem(item(value))).not.toThrow()
  );

  it.each([
    ['registry.local', /has no IP address/],
    ['registry.local:not-an-ip', /"not-an-ip" is not an IP address/],
    [':10.0.0.5', /the host name is empty/],
    ['db:999.1.1.1', /is not an IP address/]
  ])('add-host %p is refused', (value, problem) => {
    expect(thrownBy(() => checkAddHostItem(item(value))).message).toMatch(problem);
  });

  it.each(['', '2g', '512m', '67108864', '1.5GiB', '64 MB', '1kb'])('shm-size %p is accepted', value =>
    expect(() => checkShmSize(value)).not.toThrow()
  );

  it.each(['lots', '-1g', '2x', 'g'])('shm-size %p is refused', value => {
    expect(thrownBy(() => checkShmSize(value)).message).toMatch(/^input "shm-size": not a size/);
  });

  it.each(['nofile=1024', 'nofile=1024:2048', 'memlock=-1:-1', 'core=0:-1'])('ulimit %p is accepted', value =>
    expect(() => checkUlimitItem(item(value))).not.toThrow()
  );

  it.each([
    ['nofile', /has no limits/],
    ['nofile=', /not numbers/],
    ['nofile=a:b', /not numbers/],
    ['files=1024', /"files" is not a ulimit/],
    ['nofile=2048:1024', /soft limit is above the hard limit/]
  ])('ulimit %p is refused', (value, problem) => {
    expect(thrownBy(() => checkUlimitItem(item(value))).message).toMatch(problem);
  });
});
