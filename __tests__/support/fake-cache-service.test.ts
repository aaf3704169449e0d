/**
 * The fake cache service against the real, unmodified @actions/cache client (6.3, cache service v2) and the Azure
 * SDK it drives: save and restore over real HTTP with the system tar, key and restore-key matching, versions, the
 * scopes of a push and of a pull request, and what the client does with each injected fault (it documents that a
 * cache failure never fails the job: restoreCache answers undefined and saveCache -1, with an info line or a warning
 * as its code chooses; none of these faults reaches its core.error branch, kept for HttpClientErrors of 5xx, which
 * the v2 paths never throw). The protocol itself is checked raw too: twirp errors, block uploads and ranged
 * downloads with the SDK, and the SAS checks.
 */
import {jest} from '@jest/globals';
import * as cache from '@actions/cache';
import {BlockBlobClient, RestError} from '@azure/storage-blob';
import {spawnSync} from 'node:child_process';
import {createHash, randomBytes, randomUUID} from 'node:crypto';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BLOB_PATH,
  type FakeCacheService,
  type RuntimeTokenOptions,
  SERVICE_PATH,
  startFakeCacheService
} from './fake-cache-service.js';
import {rejection} from './expectations.js';

jest.setTimeout(20_000);

/** Everything @actions/cache, @actions/core and the Azure SDK read from the environment, restored after. */
const ENV_NAMES = [
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'RUNNER_DEBUG',
  'SEGMENT_DOWNLOAD_TIMEOUT_MINS',
  'CACHE_UPLOAD_CONCURRENCY',
  'CACHE_UPLOAD_CHUNK_SIZE',
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'ALL_PROXY',
  'all_proxy',
  'NO_PROXY',
  'no_proxy'
];
const savedEnv = new Map(ENV_NAMES.map(name => [name, process.env[name]]));
const savedCwd = process.cwd();

const MAIN: RuntimeTokenOptions = {ref: 'refs/heads/main'};
const PR7: RuntimeTokenOptions = {ref: 'refs/pull/7/merge', readScopes: ['refs/heads/main']};
const PR8: RuntimeTokenOptions = {ref: 'refs/pull/8/merge', readScopes: ['refs/heads/main']};

/** The client's compression: zstd when the zstd binary answers (as zstd-without-long), else gzip. */
const COMPRESSION = spawnSync('zstd', ['--quiet', '--version'], {encoding: 'utf8'}).stdout?.trim()
  ? 'zstd-without-long'
  : 'gzip';
/** The client's version: sha256 of the paths, the compression and the salt 1.0 (cacheUtils.getCacheVersion). */
const versionOf = (paths: string[]) =>
  createHash('sha256')
    .update([...paths, COMPRESSION, '1.0'].join('|'))
    .digest('hex');

let scratch: string;
let service: FakeCacheService;
let printed: string[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'fake-cache-service-'));
  for (const name of ENV_NAMES) delete process.env[name];
  process.env.GITHUB_SERVER_URL = 'https://github.com';
  process.env.RUNNER_TEMP = path.join(scratch, 'runner-temp');
  mkdirSync(process.env.RUNNER_TEMP);
  service = await startFakeCacheService();
});

beforeEach(() => {
  printed = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => (printed.push(String(chunk)), true));
});

afterEach(() => {
  jest.restoreAllMocks();
  service.reset();
});

afterAll(async () => {
  await service.close();
  process.chdir(savedCwd);
  rmSync(scratch, {recursive: true, force: true});
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/**
 * A job of `on`: its runtime token and a fresh workspace, holding `files` under deps/ when given. The workspace is
 * the working directory too, as on a runner: the client globs the paths from there and tars them from
 * GITHUB_WORKSPACE, and the version hashes the paths as given, so relative paths are what carry over between jobs.
 */
function job(on: FakeCacheService, token: RuntimeTokenOptions, files?: Record<string, string | Buffer>): string {
  Object.assign(process.env, on.env(token));
  const workspace = mkdtempSync(path.join(scratch, 'workspace-'));
  process.env.GITHUB_WORKSPACE = workspace;
  process.chdir(workspace);
  for (const [name, content] of Object.entries(files ?? {})) {
    const file = path.join(workspace, 'deps', name);
    mkdirSync(path.dirname(file), {recursive: true});
    writeFileSync(file, content);
  }
  return workspace;
}

/** The files under `dir`, by relative path. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, {recursive: true}) as string[]) {
    const full = path.join(dir, name);
    if (statSync(full).isFile()) files[name] = readFileSync(full).toString('base64');
  }
  return files;
}

const lines = () => printed.join('').split('\n');
const warnings = () => lines().filter(line => line.startsWith('::warning::'));
const infos = () => lines().filter(line => line !== '' && !line.startsWith('::'));
const errors = () => lines().filter(line => line.startsWith('::error::'));
const unique = () => randomUUID().slice(0, 8);

const SOME_FILES = {'a.txt': 'alpha\n', 'sub/b.bin': randomBytes(3000), 'sub/deeper/c.txt': 'gamma\n'};

describe('save and restore with the real client', () => {
  it('saves a directory and restores it, byte for byte, in a fresh workspace', async () => {
    const key = `deps-${unique()}`;
    const source = job(service, MAIN, SOME_FILES);
    const id = await cache.saveCache(['deps'], key);

    expect(id).toBeGreaterThan(0);
    const [entry] = service.entries().filter(e => e.key === key);
    expect(entry).toMatchObject({id, key, version: versionOf(['deps']), scope: 'refs/heads/main', finalized: true});
    expect(entry?.size).toBe(entry?.content?.length);
    const magic = COMPRESSION === 'gzip' ? '1f8b' : '28b52ffd';
    expect(entry?.content?.subarray(0, magic.length / 2).toString('hex')).toBe(magic);
    // Save: reserve, one Put Blob (the archive is far below the 128 MiB single-shot size), finalize.
    expect(service.requests().map(r => `${r.operation} ${r.status}`)).toEqual([
      'CreateCacheEntry 200',
      'PutBlob 201',
      'FinalizeCacheEntryUpload 200'
    ]);
    expect(warnings()).toEqual([]);

    service.reset();
    const target = job(service, MAIN);
    expect(target).not.toBe(source);
    await expect(cache.restoreCache(['deps'], key)).resolves.toBe(key);
    expect(tree(path.join(target, 'deps'))).toEqual(tree(path.join(source, 'deps')));
    // Restore from 127.0.0.1: one plain GET of the whole blob, no HEAD, no range (not a *.blob.core.windows.net URL).
    expect(service.requests().map(r => [r.operation, r.status, r.range])).toEqual([
      ['GetCacheEntryDownloadURL', 200, undefined],
      ['GetBlob', 200, undefined]
    ]);
    expect(infos()).toEqual(expect.arrayContaining([`Cache hit for: ${key}`, 'Cache restored successfully']));
    expect(warnings()).toEqual([]);
  });

  it('restores by key prefix and restore keys in order, the newest entry of a prefix first', async () => {
    const prefix = `deps-${unique()}-`;
    job(service, MAIN, {'which.txt': 'a'});
    await cache.saveCache(['deps'], `${prefix}a`);
    job(service, MAIN, {'which.txt': 'b'});
    await cache.saveCache(['deps'], `${prefix}b`);

    const restored = async (key: string, restoreKeys?: string[]) => {
      const workspace = job(service, MAIN);
      const matched = await cache.restoreCache(['deps'], key, restoreKeys);
      return matched && `${matched}=${readFileSync(path.join(workspace, 'deps', 'which.txt'), 'utf8')}`;
    };
    // An exact match wins over a newer prefix match.
    await expect(restored(`${prefix}a`, [prefix])).resolves.toBe(`${prefix}a=a`);
    // No exact match: the newest entry whose key starts with the key.
    await expect(restored(prefix)).resolves.toBe(`${prefix}b=b`);
    // Restore keys in order: the first that matches anything wins, exact before newest prefix.
    await expect(restored(`${prefix}zzz`, ['nothing-', `${prefix}a`, prefix])).resolves.toBe(`${prefix}a=a`);
    await expect(restored(`${prefix}zzz`, ['nothing-', prefix])).resolves.toBe(`${prefix}b=b`);
    expect(infos()).toContain(`Cache hit for restore-key: ${prefix}b`);
    // A complete miss: undefined, no warning, nothing downloaded.
    service.reset();
    await expect(restored(`${prefix}zzz`, ['nothing-'])).resolves.toBeUndefined();
    expect(service.count('BlobGet')).toBe(0);
    expect(warnings()).toEqual([]);
  });

  it('misses an entry of another version: other paths, spelled otherwise or added', async () => {
    const key = `deps-${unique()}`;
    job(service, MAIN, SOME_FILES);
    await cache.saveCache(['deps'], key);

    job(service, MAIN);
    await expect(cache.restoreCache(['deps', 'more'], key)).resolves.toBeUndefined();
    await expect(cache.restoreCache(['./deps'], key)).resolves.toBeUndefined();
    expect(service.count('GetCacheEntryDownloadURL')).toBe(2);
    expect(service.count('BlobGet')).toBe(0);
    // The same key under another version is another entry: it can be saved beside the first.
    job(service, MAIN, {'other.txt': 'x'});
    mkdirSync(path.join(process.env.GITHUB_WORKSPACE!, 'more'));
    await expect(cache.saveCache(['deps', 'more'], key)).resolves.toBeGreaterThan(0);
    expect(
      service
        .entries()
        .filter(e => e.key === key)
        .map(e => e.version)
    ).toEqual([versionOf(['deps']), versionOf(['deps', 'more'])]);
    expect(warnings()).toEqual([]);
  });

  it('refuses a second save of a key and version in the scope with 409, which the client reports as contention', async () => {
    const key = `deps-${unique()}`;
    job(service, MAIN, SOME_FILES);
    await cache.saveCache(['deps'], key);
    service.reset();

    job(service, MAIN, {'changed.txt': 'new'});
    await expect(cache.saveCache(['deps'], key)).resolves.toBe(-1);
    expect(service.requests().map(r => `${r.operation} ${r.status}`)).toEqual(['CreateCacheEntry 409']);
    // A ReserveCacheError, logged as info: no annotation.
    expect(infos()).toContain(
      `Failed to save: Unable to reserve cache with key ${key}, another job may be creating this cache.`
    );
    expect(warnings()).toEqual([]);
    expect(printed.join('')).toContain('cache entry with the same key, version, and scope already exists');
  });
});

describe('scopes of the runtime token', () => {
  it('puts the cache scopes in the token: an `ac` claim holding JSON', () => {
    const [, payload] = service.runtimeToken(PR7).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    expect(JSON.parse(claims.ac)).toEqual([
      {Scope: 'refs/heads/main', Permission: 1},
      {Scope: 'refs/pull/7/merge', Permission: 3}
    ]);
    expect(claims.scp).toMatch(/Actions\.Results:\S+:\S+/);
  });

  it('lets a pull request restore from its base branch but write only into its own ref', async () => {
    const prefix = `deps-${unique()}-`;
    job(service, MAIN, {'from.txt': 'main-1'});
    await cache.saveCache(['deps'], `${prefix}main-1`);

    // The pull request finds main's entry, and saves its own into refs/pull/7/merge.
    let workspace = job(service, PR7);
    await expect(cache.restoreCache(['deps'], `${prefix}pr`, [prefix])).resolves.toBe(`${prefix}main-1`);
    job(service, PR7, {'from.txt': 'pr-7'});
    await expect(cache.saveCache(['deps'], `${prefix}pr`)).resolves.toBeGreaterThan(0);
    // Another key main already holds is free in the pull request's scope.
    await expect(cache.saveCache(['deps'], `${prefix}main-1`)).resolves.toBeGreaterThan(0);
    expect(
      service
        .entries()
        .filter(e => e.key.startsWith(prefix))
        .map(e => `${e.key}@${e.scope}`)
    ).toEqual([
      `${prefix}main-1@refs/heads/main`,
      `${prefix}pr@refs/pull/7/merge`,
      `${prefix}main-1@refs/pull/7/merge`
    ]);

    // main saves a newer entry; the pull request still searches its own ref first.
    job(service, MAIN, {'from.txt': 'main-2'});
    await cache.saveCache(['deps'], `${prefix}main-2`);
    workspace = job(service, PR7);
    await expect(cache.restoreCache(['deps'], `${prefix}x`, [prefix])).resolves.toBe(`${prefix}main-1`);
    expect(readFileSync(path.join(workspace, 'deps', 'from.txt'), 'utf8')).toBe('pr-7');

    // A later push to main, and another pull request, see main's entries only.
    workspace = job(service, MAIN);
    await expect(cache.restoreCache(['deps'], `${prefix}pr`, [prefix])).resolves.toBe(`${prefix}main-2`);
    expect(readFileSync(path.join(workspace, 'deps', 'from.txt'), 'utf8')).toBe('main-2');
    job(service, PR8);
    await expect(cache.restoreCache(['deps'], `${prefix}pr`)).resolves.toBeUndefined();
    await expect(cache.restoreCache(['deps'], `${prefix}main-1`)).resolves.toBe(`${prefix}main-1`);
    expect(warnings()).toEqual([]);
  });

  it('denies a save to a read-only token: the client warns "cache write denied" and answers -1', async () => {
    const key = `deps-${unique()}`;
    job(service, {scopes: [{scope: 'refs/heads/main', permission: 1}]}, SOME_FILES);
    await expect(cache.saveCache(['deps'], key)).resolves.toBe(-1);
    expect(warnings()).toEqual([
      `::warning::Failed to save: Unable to reserve cache with key ${key}. More details: cache write denied: token has no writable scopes`
    ]);
    expect(service.entries().filter(e => e.key === key)).toEqual([]);
    expect(service.count('BlobPut')).toBe(0);
  });

  it('denies a restore to a token without readable scopes: a warning and a miss', async () => {
    job(service, {scopes: [{scope: 'refs/heads/main', permission: 2}]});
    await expect(cache.restoreCache(['deps'], 'deps-any')).resolves.toBeUndefined();
    expect(service.requests().map(r => r.status)).toEqual([403]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('Failed to restore: Failed to GetCacheEntryDownloadURL:');
    expect(warnings()[0]).toContain('(403) Forbidden: cache read denied: token has no readable cache scopes');
  });

  it('refuses an expired token with 401, which restoreCache warns about', async () => {
    job(service, {...MAIN, expiresInSeconds: -60});
    await expect(cache.restoreCache(['deps'], 'deps-any')).resolves.toBeUndefined();
    expect(warnings()).toEqual([
      '::warning::Failed to restore: Failed to GetCacheEntryDownloadURL: Received non-retryable error: Failed request: (401) Unauthorized: token expired'
    ]);
  });
});

describe('faults, and what the client makes of them', () => {
  afterEach(() => expect(errors()).toEqual([]));

  /** A saved entry under a fresh key, the log reset. */
  async function saved(): Promise<string> {
    const key = `deps-${unique()}`;
    job(service, MAIN, SOME_FILES);
    await expect(cache.saveCache(['deps'], key)).resolves.toBeGreaterThan(0);
    service.reset();
    printed = [];
    return key;
  }

  it('CreateCacheEntry dropped: a NetworkError, not retried, reported as contention (-1)', async () => {
    const key = `deps-${unique()}`;
    job(service, MAIN, SOME_FILES);
    service.inject({target: 'CreateCacheEntry', times: 1, fault: {drop: true}});
    await expect(cache.saveCache(['deps'], key)).resolves.toBe(-1);
    expect(service.count()).toBe(1);
    expect(infos()).toContain(
      `Failed to save: Unable to reserve cache with key ${key}, another job may be creating this cache.`
    );
    expect(warnings()).toEqual([]);
  });

  it('CreateCacheEntry answer lost: -1, and the reservation left behind makes the next save a 409', async () => {
    const key = `deps-${unique()}`;
    job(service, MAIN, SOME_FILES);
    service.inject({target: 'CreateCacheEntry', times: 1, fault: {dropAfterHandling: true}});
    await expect(cache.saveCache(['deps'], key)).resolves.toBe(-1);
    expect(service.entries().filter(e => e.key === key)).toMatchObject([{finalized: false, content: undefined}]);
    await expect(cache.saveCache(['deps'], key)).resolves.toBe(-1);
    expect(service.requests().map(r => r.status)).toEqual(['dropped', 409]);
    // Never finalized, so never found.
    await expect(cache.restoreCache(['deps'], key)).resolves.toBeUndefined();
  });

  it('CreateCacheEntry rate limited: a warning with the reset time, then -1', async () => {
    const key = `deps-${unique()}`;
    job(service, MAIN, SOME_FILES);
    service.inject({target: 'CreateCacheEntry', times: 1, fault: {status: 429, headers: {'retry-after': '60'}}});
    await expect(cache.saveCache(['deps'], key)).resolves.toBe(-1);
    expect(service.count('CreateCacheEntry')).toBe(1);
    expect(warnings()).toEqual(["::warning::You've hit a rate limit, your rate limit will reset in 60 seconds"]);
    expect(infos()).toContain(
      `Failed to save: Unable to reserve cache with key ${key}, another job may be creating this cache.`
    );
  });

  it('BlobPut refused (403): the SDK gives up, the client warns twice and answers -1, nothing is finalized', async () => {
    const key = `deps-${unique()}`;
    job(service, MAIN, SOME_FILES);
    service.inject({target: 'BlobPut', times: 1, fault: {status: 403}});
    await expect(cache.saveCache(['deps'], key)).resolves.toBe(-1);
    expect(service.count('BlobPut')).toBe(1);
    expect(service.count('FinalizeCacheEntryUpload')).toBe(0);
    expect(warnings()).toHaveLength(2);
    expect(warnings()[0]).toMatch(/^::warning::uploadCacheArchiveSDK: internal error uploading cache archive: /);
    expect(warnings()[1]).toMatch(/^::warning::Failed to save: /);
    expect(service.entries().filter(e => e.key === key)).toMatchObject([{finalized: false}]);
    await expect(cache.restoreCache(['deps'], key)).resolves.toBeUndefined();
  });

  it.each([{status: 503}, {drop: true as const}])(
    'BlobPut hiccup %j: the Azure SDK retries at once and the save succeeds',
    async fault => {
      const key = `deps-${unique()}`;
      job(service, MAIN, SOME_FILES);
      service.inject({target: 'BlobPut', times: 1, fault});
      const started = Date.now();
      await expect(cache.saveCache(['deps'], key)).resolves.toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(service.count('BlobPut')).toBe(2);
      expect(service.entries().filter(e => e.key === key)).toMatchObject([{finalized: true}]);
      expect(warnings()).toEqual([]);
    }
  );

  it('FinalizeCacheEntryUpload refused (404): a warning, -1, and the entry is never found', async () => {
    const key = `deps-${unique()}`;
    job(service, MAIN, SOME_FILES);
    service.inject({target: 'FinalizeCacheEntryUpload', times: 1, fault: {status: 404}});
    await expect(cache.saveCache(['deps'], key)).resolves.toBe(-1);
    expect(warnings()).toEqual([
      '::warning::Failed to save: Failed to FinalizeCacheEntryUpload: Received non-retryable error: Failed request: (404) Not Found: injected fault'
    ]);
    expect(service.entries().filter(e => e.key === key)).toMatchObject([{finalized: false}]);
    await expect(cache.restoreCache(['deps'], key)).resolves.toBeUndefined();
  });

  it('FinalizeCacheEntryUpload answering ok:false with a message: a FinalizeCacheError, warned as is', async () => {
    job(service, MAIN, SOME_FILES);
    const body = JSON.stringify({ok: false, entry_id: '0', message: 'cache entry exceeds the size limit'});
    service.inject({target: 'FinalizeCacheEntryUpload', times: 1, fault: {status: 200, body}});
    await expect(cache.saveCache(['deps'], `deps-${unique()}`)).resolves.toBe(-1);
    expect(warnings()).toEqual(['::warning::cache entry exceeds the size limit']);
  });

  it('GetCacheEntryDownloadURL refused (400): a warning, undefined', async () => {
    const key = await saved();
    job(service, MAIN);
    service.inject({target: 'GetCacheEntryDownloadURL', times: 1, fault: {status: 400}});
    await expect(cache.restoreCache(['deps'], key)).resolves.toBeUndefined();
    expect(warnings()).toEqual([
      '::warning::Failed to restore: Failed to GetCacheEntryDownloadURL: Received non-retryable error: Failed request: (400) Bad Request: injected fault'
    ]);
  });

  it('GetCacheEntryDownloadURL dropped: a NetworkError, not retried, warned; undefined', async () => {
    const key = await saved();
    job(service, MAIN);
    service.inject({target: 'GetCacheEntryDownloadURL', times: 1, fault: {drop: true}});
    await expect(cache.restoreCache(['deps'], key)).resolves.toBeUndefined();
    expect(service.count()).toBe(1);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain(
      'Failed to restore: Failed to GetCacheEntryDownloadURL: Unable to make request: ECONNRESET'
    );
  });

  it('GetCacheEntryDownloadURL unavailable once (503): retried after the client’s 3 s pause, then a hit', async () => {
    const key = await saved();
    job(service, MAIN);
    service.inject({target: 'GetCacheEntryDownloadURL', times: 1, fault: {status: 503}});
    await expect(cache.restoreCache(['deps'], key)).resolves.toBe(key);
    expect(service.requests().map(r => `${r.operation} ${r.status}`)).toEqual([
      'GetCacheEntryDownloadURL 503',
      'GetCacheEntryDownloadURL 200',
      'GetBlob 200'
    ]);
    expect(infos()).toContain(
      'Attempt 1 of 5 failed with error: Failed request: (503) Service Unavailable: injected fault. Retrying request in 3000 ms...'
    );
    expect(warnings()).toEqual([]);
  });

  it('GetCacheEntryDownloadURL slow (300 ms): the client has no timeout on twirp calls, a hit', async () => {
    const key = await saved();
    job(service, MAIN);
    service.inject({target: 'GetCacheEntryDownloadURL', times: 1, fault: {delayMs: 300}});
    await expect(cache.restoreCache(['deps'], key)).resolves.toBe(key);
  });

  it('BlobGet refused (404) on the plain GET: the client saves the error body, tar fails on it, a warning', async () => {
    const key = await saved();
    const workspace = job(service, MAIN);
    service.inject({target: 'BlobGet', times: 1, fault: {status: 404}});
    await expect(cache.restoreCache(['deps'], key)).resolves.toBeUndefined();
    expect(service.count('BlobGet')).toBe(1);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^::warning::Failed to restore: .*tar/);
    expect(readdirSync(workspace)).toEqual([]);
  });

  it('BlobGet failing (500) on the plain GET: not retried, a warning, undefined', async () => {
    const key = await saved();
    job(service, MAIN);
    service.inject({target: 'BlobGet', times: 1, fault: {status: 500}});
    await expect(cache.restoreCache(['deps'], key)).resolves.toBeUndefined();
    expect(service.count('BlobGet')).toBe(1);
    expect(warnings()).toEqual([
      '::warning::Failed to restore: downloadCache failed: Cache service responded with 500'
    ]);
  });

  it('BlobGet slow (300 ms) before its headers: the plain GET waits, a hit', async () => {
    const key = await saved();
    job(service, MAIN);
    service.inject({target: 'BlobGet', times: 1, fault: {delayMs: 300}});
    await expect(cache.restoreCache(['deps'], key)).resolves.toBe(key);
  });
});

describe('downloads through the Azure SDK, as from *.blob.core.windows.net', () => {
  let azure: FakeCacheService;
  /**
   * downloadCacheStorageSDK races each segment against a timer of segmentTimeoutInMs (10 minutes by default) and
   * clears it only when the segment arrives: a failed download leaves it running, which would hold jest open. So the
   * restores here bound it, and the last one's timer is waited out before the service closes.
   */
  const SEGMENT_TIMEOUT_MS = 1_000;
  let settled = 0;
  const restore = (key: string) => {
    settled = Date.now() + SEGMENT_TIMEOUT_MS;
    return cache.restoreCache(['deps'], key, [], {segmentTimeoutInMs: SEGMENT_TIMEOUT_MS});
  };

  beforeAll(async () => {
    azure = await startFakeCacheService({blobHost: 'fakecache.blob.core.windows.net'});
  });

  afterEach(() => {
    azure.reset();
    delete process.env.HTTP_PROXY;
  });

  afterAll(async () => {
    await new Promise(resolve => setTimeout(resolve, Math.max(0, settled - Date.now())));
    await azure.close();
  });

  async function saved(): Promise<{key: string; source: string}> {
    const key = `deps-${unique()}`;
    const source = job(azure, MAIN, SOME_FILES);
    await expect(cache.saveCache(['deps'], key)).resolves.toBeGreaterThan(0);
    azure.reset();
    printed = [];
    return {key, source};
  }

  it('restores with Get Blob Properties, then ranged Get Blob, through the fake as HTTP proxy', async () => {
    const {key, source} = await saved();
    const target = job(azure, MAIN);
    expect(process.env.HTTP_PROXY).toBe(azure.url);
    await expect(restore(key)).resolves.toBe(key);
    expect(tree(path.join(target, 'deps'))).toEqual(tree(path.join(source, 'deps')));
    const size = azure.entries().find(e => e.key === key)?.size ?? 0;
    expect(azure.requests().map(r => [r.operation, r.method, r.status, r.range])).toEqual([
      ['GetCacheEntryDownloadURL', 'POST', 200, undefined],
      ['GetBlobProperties', 'HEAD', 200, undefined],
      ['GetBlob', 'GET', 206, `bytes=0-${size - 1}`]
    ]);
    expect(warnings()).toEqual([]);
  });

  it('BlobGet unavailable once (503): the SDK retries at once, a hit', async () => {
    const {key} = await saved();
    job(azure, MAIN);
    azure.inject({target: 'BlobGet', times: 1, fault: {status: 503}});
    await expect(restore(key)).resolves.toBe(key);
    expect(azure.count('BlobGet')).toBe(2);
    expect(warnings()).toEqual([]);
  });

  it.each([
    ['BlobHead', 404],
    ['BlobGet', 403]
  ] as const)('%s refused (%i): a warning, undefined', async (target, status) => {
    const {key} = await saved();
    job(azure, MAIN);
    azure.inject({target, times: 1, fault: {status}});
    await expect(restore(key)).resolves.toBeUndefined();
    expect(azure.count(target)).toBe(1);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^::warning::Failed to restore: /);
  });

  it('BlobGet stalled: the segment timeout aborts the download, a warning, undefined', async () => {
    const {key} = await saved();
    job(azure, MAIN);
    azure.inject({target: 'BlobGet', times: 1, fault: {delayMs: 10_000}});
    const started = Date.now();
    await expect(restore(key)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(warnings()).toEqual([
      '::warning::Failed to restore: Aborting cache download as the download time exceeded the timeout.'
    ]);
  });
});

describe('the protocol, raw', () => {
  const post = (method: string, body: unknown, token: string | undefined, contentType = 'application/json') =>
    fetch(new URL(`${SERVICE_PATH}${method}`, service.url), {
      method: 'POST',
      headers: {'content-type': contentType, ...(token ? {authorization: `Bearer ${token}`} : {})},
      body: JSON.stringify(body)
    });
  // Twirp answers are JSON objects; the tests read their fields.
  const answer = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as Record<string, string>
  });

  it('answers twirp errors with {code, msg} and the code’s status', async () => {
    const token = service.runtimeToken(MAIN);
    await expect(answer(await post('CreateCacheEntry', {key: 'k', version: 'v'}, undefined))).resolves.toEqual({
      status: 401,
      body: {code: 'unauthenticated', msg: 'missing or malformed Authorization bearer token'}
    });
    await expect(answer(await post('CreateCacheEntry', {key: 'k', version: 'v'}, 'forged'))).resolves.toMatchObject({
      status: 401
    });
    await expect(answer(await post('CreateCacheEntry', {key: 'k', versionId: 'v'}, token))).resolves.toEqual({
      status: 400,
      body: {code: 'malformed', msg: 'the json request could not be decoded: unknown field "versionId"'}
    });
    await expect(
      answer(await post('GetCacheEntryDownloadURL', {key: 'k', restoreKeys: []}, token))
    ).resolves.toMatchObject({
      status: 400,
      body: {code: 'malformed'}
    });
    await expect(answer(await post('CreateCacheEntry', {key: 'k'}, token))).resolves.toEqual({
      status: 400,
      body: {code: 'invalid_argument', msg: 'version is required'}
    });
    await expect(answer(await post('DeleteCacheEntry', {}, token))).resolves.toMatchObject({
      status: 404,
      body: {code: 'bad_route'}
    });
    await expect(answer(await post('CreateCacheEntry', {}, token, 'application/protobuf'))).resolves.toMatchObject({
      status: 404,
      body: {code: 'bad_route'}
    });
    await expect(
      answer(await post('FinalizeCacheEntryUpload', {key: `never-${unique()}`, version: 'v', size_bytes: '1'}, token))
    ).resolves.toEqual({status: 404, body: {code: 'not_found', msg: 'cache entry not found'}});
  });

  it('takes a block upload (Put Block, Put Block List) and serves ranged downloads to the Azure SDK', async () => {
    const token = service.runtimeToken(MAIN);
    const key = `blocks-${unique()}`;
    const version = versionOf(['blocks']);
    const created = await answer(await post('CreateCacheEntry', {key, version}, token));
    expect(created).toMatchObject({status: 200, body: {ok: true, message: ''}});
    const uploadUrl = created.body.signed_upload_url ?? '';
    expect(uploadUrl.startsWith(`${service.url}${BLOB_PATH.slice(1)}`)).toBe(true);
    expect(new URL(uploadUrl).searchParams.get('sp')).toBe('cw');

    // The SDK's own block path, with the small sizes a >128 MiB archive would get at 64 MiB blocks.
    const content = randomBytes(10_000);
    await new BlockBlobClient(uploadUrl).uploadData(content, {
      blockSize: 3_000,
      maxSingleShotSize: 4_000,
      concurrency: 2
    });
    expect(
      service
        .requests()
        .filter(r => r.target === 'BlobPut')
        .map(r => `${r.operation} ${r.status}`)
    ).toEqual(['PutBlock 201', 'PutBlock 201', 'PutBlock 201', 'PutBlock 201', 'PutBlockList 201']);
    // Not found before it is finalized; a wrong size is refused.
    const lookup = {key, version};
    await expect(answer(await post('GetCacheEntryDownloadURL', lookup, token))).resolves.toEqual({
      status: 200,
      body: {ok: false, signed_download_url: '', matched_key: ''}
    });
    await expect(
      answer(await post('FinalizeCacheEntryUpload', {...lookup, size_bytes: '9999'}, token))
    ).resolves.toMatchObject({status: 400, body: {code: 'invalid_argument'}});
    const finalized = await answer(await post('FinalizeCacheEntryUpload', {...lookup, size_bytes: '10000'}, token));
    expect(finalized.body).toMatchObject({ok: true, entry_id: expect.stringMatching(/^\d+$/), message: ''});
    expect(
      service
        .entries()
        .find(e => e.key === key)
        ?.content?.equals(content)
    ).toBe(true);

    const found = await answer(await post('GetCacheEntryDownloadURL', {...lookup, restore_keys: ['x-']}, token));
    expect(found.body).toMatchObject({ok: true, matched_key: key});
    const downloadUrl = found.body.signed_download_url ?? '';
    service.reset();
    const client = new BlockBlobClient(downloadUrl);
    const properties = await client.getProperties();
    expect(properties).toMatchObject({contentLength: 10_000, blobType: 'BlockBlob'});
    const buffer = await client.downloadToBuffer(1_000, 8_500, {blockSize: 4_000, concurrency: 2});
    expect(buffer.equals(content.subarray(1_000, 9_500))).toBe(true);
    expect(service.requests().map(r => `${r.method} ${r.status} ${r.range ?? ''}`)).toEqual([
      'HEAD 200 ',
      'GET 206 bytes=1000-4999',
      'GET 206 bytes=5000-8999',
      'GET 206 bytes=9000-9499'
    ]);
    // A plain GET with Range, as @actions/http-client's concurrent download would send.
    const ranged = await fetch(downloadUrl, {headers: {range: 'bytes=9990-'}});
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 9990-9999/10000');
    expect(Buffer.from(await ranged.arrayBuffer()).equals(content.subarray(9_990))).toBe(true);
    const outside = await fetch(downloadUrl, {headers: {'x-ms-range': 'bytes=10000-'}});
    expect(outside.status).toBe(416);
    expect(outside.headers.get('x-ms-error-code')).toBe('InvalidRange');
    await outside.arrayBuffer();
  });

  it('checks the SAS: signature, permission, and no writes once finalized', async () => {
    const key = await (async () => {
      const name = `deps-${unique()}`;
      job(service, MAIN, SOME_FILES);
      await cache.saveCache(['deps'], name);
      return name;
    })();
    const token = service.runtimeToken(MAIN);
    const found = (await (
      await post('GetCacheEntryDownloadURL', {key, version: versionOf(['deps'])}, token)
    ).json()) as {
      signed_download_url: string;
    };
    const downloadUrl = new URL(found.signed_download_url);

    const tampered = new URL(downloadUrl);
    tampered.searchParams.set('sp', 'rw');
    const forged = await rejection(new BlockBlobClient(tampered.href).upload('x', 1));
    expect(forged).toBeInstanceOf(RestError);
    expect(forged).toMatchObject({statusCode: 403, code: 'AuthenticationFailed'});

    const readOnly = await rejection(new BlockBlobClient(downloadUrl.href).upload('x', 1));
    expect(readOnly).toMatchObject({statusCode: 403, code: 'AuthorizationPermissionMismatch'});

    // The upload URL grants no read; once its entry is finalized it no longer writes either (stricter than Azure).
    const late = {key: `late-${unique()}`, version: 'v'};
    const created = (await (await post('CreateCacheEntry', late, token)).json()) as {signed_upload_url: string};
    const uploader = new BlockBlobClient(created.signed_upload_url);
    await uploader.upload('first', 5);
    await expect(uploader.getProperties()).rejects.toMatchObject({statusCode: 403});
    await uploader.upload('again', 5);
    await expect(
      answer(await post('FinalizeCacheEntryUpload', {...late, size_bytes: '5'}, token))
    ).resolves.toMatchObject({status: 200, body: {ok: true}});
    await expect(uploader.upload('later', 5)).rejects.toMatchObject({
      statusCode: 403,
      code: 'AuthorizationPermissionMismatch'
    });
    expect(
      service
        .entries()
        .find(e => e.key === late.key)
        ?.content?.toString()
    ).toBe('again');
  });
});
