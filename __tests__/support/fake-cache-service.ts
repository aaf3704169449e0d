/**
 * A fake GitHub Actions cache service v2 (the twirp "results" CacheService that @actions/cache 4.x+ talks to when
 * ACTIONS_CACHE_SERVICE_V2 is set, as on github.com) on 127.0.0.1, random port, with the Azure blob endpoints of the
 * signed URLs it hands out, so the unmodified @actions/cache client saves and restores over real HTTP.
 *
 *   const service = await startFakeCacheService();
 *   Object.assign(process.env, service.env({ref: 'refs/heads/main'}));          // a push to main
 *   service.runtimeToken({ref: 'refs/pull/7/merge', readScopes: ['refs/heads/main']}); // a pull request
 *   service.inject({target: 'GetCacheEntryDownloadURL', times: 1, fault: {status: 503}});
 *   service.entries();                 // key, version, scope, content, finalized...
 *   service.count('BlobPut');          // requests seen, faulted or not
 *   await service.close();             // in afterAll
 *
 * As the real service (protocol read from @actions/cache 6.3.0: lib/cache.js, internal/shared/cacheTwirpClient.js,
 * internal/cacheHttpClient.js, internal/uploadUtils.js, internal/downloadUtils.js, internal/cacheUtils.js,
 * internal/config.js, generated/results/api/v1/cache.js and cache.twirp-client.js; and from the Azure SDK it drives,
 * @azure/storage-blob 12.31: Clients.js, generated/src/operations/{blob,blockBlob}.js, and storage-common's
 * StorageRetryPolicy):
 * - POST /twirp/github.actions.results.api.v1.CacheService/{CreateCacheEntry, FinalizeCacheEntryUpload,
 *   GetCacheEntryDownloadURL}, JSON with the proto field names protobuf-ts emits (`key`, `version`, `restore_keys`,
 *   `size_bytes` as an int64 string, `metadata`; defaults left out). Answers carry every field, as Go twirp's
 *   protojson does (`{ok, signed_upload_url, message}`, `{ok, entry_id, message}` with entry_id an int64 string,
 *   `{ok, signed_download_url, matched_key}`); errors are twirp's `{"code", "msg"}` with the code's status.
 * - `Authorization: Bearer <runtime token>`, a JWT whose `ac` claim lists the cache scopes as a JSON string,
 *   `[{"Scope":"refs/heads/main","Permission":3}]` (1 read, 2 write, 3 both). An entry is written into the token's
 *   writable scope (the job's ref); a lookup searches the readable scopes, the job's own ref first, then the others
 *   in token order (for a pull request its base branch, for a branch the default branch), so a pull request restores
 *   what its base saved but writes into refs/pull/N/merge, which no other ref reads.
 * - Restore ("Matching a cache key", GitHub's dependency caching reference), in each scope in turn: the exact key,
 *   then the newest entry whose key starts with the key, then each restore key in order (exact, then newest prefix
 *   match). The version (sha256 of the paths, the compression method and a salt, computed by the client) must be
 *   equal, and only finalized entries are found. A miss answers 200 `{ok: false}` (the client then returns
 *   undefined without a warning).
 * - A second CreateCacheEntry for a key and version that the scope already holds (finalized or still uploading)
 *   answers 409 already_exists "cache entry with the same key, version, and scope already exists" (the text users
 *   report in actions/cache#1541 and in the logs of many actions), not 200 ok:false. The client turns either into a
 *   ReserveCacheError "Unable to reserve cache with key K, another job may be creating this cache." that saveCache
 *   logs with core.info (no annotation) before returning -1; an ok:false with a message would add a warning
 *   annotation "Cache reservation failed: <message>", which the 409 does not.
 * - A token without a writable scope: CreateCacheEntry answers 200 `{ok: false, message: "cache write denied: token
 *   has no writable scopes"}` (the client's CACHE_WRITE_DENIED_PREFIX, the answer as another client of the real
 *   service reports it; saveCache warns and returns -1). A token without a readable scope: GetCacheEntryDownloadURL
 *   answers 403 permission_denied "cache read denied: ..." (the client's CACHE_READ_DENIED_PREFIX, which its comments
 *   say the receiver sends as twirp PermissionDenied; restoreCache warns and returns undefined).
 * - Signed URLs are `<url>blob/actions-cache/<blob>?sv&sr=b&sp&se&sig`: the HMAC `sig` covers permission, path and
 *   expiry and is checked (upload URLs grant `cw`, download URLs `r`); blob errors are Azure's XML `<Error><Code>`
 *   with `x-ms-error-code`. The client uploads with BlockBlobClient.uploadFile (blockSize 64 MiB, concurrency 8,
 *   maxSingleShotSize 128 MiB): one Put Blob (PUT, `x-ms-blob-type: BlockBlob`, Content-Length, answered 201) up to
 *   128 MiB, else Put Block (`?comp=block&blockid=`) per block and Put Block List (`?comp=blocklist`, XML
 *   `<BlockList><Latest>`); all three are served. It downloads with the Azure SDK only when the URL's host ends in
 *   `.blob.core.windows.net` (Get Blob Properties, a HEAD answered 200 with Content-Length, then Get Blob with
 *   `x-ms-range: bytes=a-b` per 4 MiB, answered 206 with Content-Range, ETag, Last-Modified, x-ms-blob-type,
 *   Accept-Ranges; the SDK insists on Content-Length and ETag); for any other host, such as 127.0.0.1, it does one
 *   plain GET through @actions/http-client and compares the bytes with Content-Length (it does not look at the status
 *   below 500: a 4xx error body lands in the archive and tar fails on it). Both are served, If-Match is honoured.
 * - To take the SDK download path, start the fake with `blobHost` (e.g. `fakecache.blob.core.windows.net`): signed
 *   URLs then point at `http://<blobHost>/...` and the fake is also the HTTP forward proxy for that host alone
 *   (absolute-form request targets), so a test sets HTTP_PROXY to `url` (env() does) and unsets HTTPS_PROXY,
 *   ALL_PROXY and NO_PROXY, which the Azure SDK would prefer. @actions/http-client never proxies loopback, so the
 *   twirp calls still go straight to 127.0.0.1. Other proxied hosts get a 502, CONNECT is refused.
 * Client behaviour worth knowing when injecting faults (from the sources above): twirp calls retry 500/502/503/504
 * and unparsable bodies up to 5 times, sleeping 3 s, 4.5-6.75 s... (not configurable through saveCache or
 * restoreCache); 4xx answers fail at once; 429 throws a RateLimitError; a reset connection throws a NetworkError at
 * once. The Azure SDK retries 500, 503 and connection errors up to 4 tries, the first retry immediately, then after
 * 4 s, 12 s. The plain GET retries 502/503/504 and errors once after 5 s. Nothing times out a twirp call or the plain
 * GET before headers arrive (the plain GET then gives up after 5 s without a byte); the SDK download is bounded per
 * segment by DownloadOptions.segmentTimeoutInMs, whose timer is left running when a segment fails (10 minutes by
 * default: bound it in tests, or jest waits for it).
 *
 * Deliberately stricter than the real service: unknown or camelCase body fields are refused (400 malformed), and a
 * blob cannot be written again once its entry is finalized (403 AuthorizationPermissionMismatch; a real SAS would
 * still be valid until it expires). Invented where the real behaviour is unknown: FinalizeCacheEntryUpload for an
 * entry never created answers 404 not_found, for one already finalized 409 already_exists, before its blob was
 * uploaded 412 failed_precondition, with a size_bytes other than the blob's 400 invalid_argument, and for a token
 * without a writable scope ok:false "cache write denied: ..."; the twirp messages other than the 409's and the
 * prefixes; the SAS lifetime (10 minutes); "newest" is the order of CreateCacheEntry; the order of runtimeToken()'s
 * `ac` list (read-only scopes, then the ref; the lookup order above does not depend on it); keys over 512 characters
 * (the client refuses them first) answer 400 invalid_argument. The real service also serves protobuf; this one
 * answers 404 bad_route to any Content-Type but application/json, as twirp does to unknown types.
 *
 * runtimeToken() builds an unsigned but JWT-shaped token (real ones are RS256-signed by GitHub); the fake accepts
 * only tokens it issued, and refuses them once their `exp` is past (401 unauthenticated).
 *
 * Faults (inject): {status, body?, headers?} answers instead of handling (a twirp or Azure error body by default);
 * {drop: true} destroys the socket without handling; {dropAfterHandling: true} handles the request, then destroys
 * the socket (the answer is lost, the state changed); {delayMs} waits that long before handling (for timeouts).
 * A rule applies to the next `times` requests of its target, then requests are handled normally. Targets: the three
 * twirp methods, BlobPut (Put Blob, Put Block, Put Block List), BlobGet (Get Blob) and BlobHead (Get Blob
 * Properties).
 */
import {createHash, randomBytes, randomUUID} from 'node:crypto';
import type http from 'node:http';
import {json, requiredString, serveTwirp, TwirpFailure} from './fake-results-service.js';
import {azureXmlError, blobSas, runtimeTokens, startFakeServer} from './fake-results-service.js';
import type {FaultRuleOf, RecordedRequestOf, Reply, TwirpFieldType, TwirpService} from './fake-results-service.js';

export type {Fault} from './fake-results-service.js';

export const SERVICE_PATH = '/twirp/github.actions.results.api.v1.CacheService/';
/** Where the signed blob URLs point, under `url` (or under http://<blobHost>). */
export const BLOB_PATH = '/blob/actions-cache/';

export type TwirpMethod = 'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL';
export type FaultTarget = TwirpMethod | 'BlobPut' | 'BlobGet' | 'BlobHead';
export type BlobOperation = 'PutBlob' | 'PutBlock' | 'PutBlockList' | 'GetBlob' | 'GetBlobProperties';

export type FaultRule = FaultRuleOf<FaultTarget>;

/** 1 read, 2 write, 3 both: the `Permission` of an `ac` entry. */
export type CachePermission = 1 | 2 | 3;

export interface CacheScope {
  scope: string;
  permission: CachePermission;
}

export interface FakeCacheEntry {
  id: number;
  key: string;
  version: string;
  /** The ref the entry was written into: the token's writable scope. */
  scope: string;
  createdAt: Date;
  finalized: boolean;
  /** FinalizeCacheEntryUpload's size_bytes, once finalized. */
  size: number | undefined;
  /** The blob as committed, byte for byte (undefined before its upload). */
  content: Buffer | undefined;
}

export interface RecordedRequest extends RecordedRequestOf<FaultTarget> {
  /** The twirp method or the Azure operation. */
  operation: TwirpMethod | BlobOperation | 'other';
  method: string;
  /** The byte range a Get Blob asked for (x-ms-range, else Range). */
  range: string | undefined;
}

export interface RuntimeTokenOptions {
  /** The job's ref (GITHUB_REF), readable and writable: refs/heads/main, refs/pull/7/merge... */
  ref?: string;
  /** Refs the job may also read, searched after `ref` in this order: a pull request's base branch... */
  readScopes?: string[];
  /** The `ac` list exactly, in place of ref and readScopes (for read-only or write-only tokens). */
  scopes?: CacheScope[];
  runId?: string;
  jobId?: string;
  /** Default one hour; negative for an expired token. */
  expiresInSeconds?: number;
}

export interface FakeCacheServiceOptions {
  /**
   * A host ending in `.blob.core.windows.net` for the signed URLs, so the client downloads with the Azure SDK as it
   * does on github.com; the fake is then the HTTP proxy for that host (set HTTP_PROXY to `url`).
   */
  blobHost?: string;
}

export interface FakeCacheService {
  /** ACTIONS_RESULTS_URL: http://127.0.0.1:<port>/ (with the trailing slash the runner's has). */
  url: string;
  runtimeToken(options: RuntimeTokenOptions): string;
  /**
   * What a job needs to reach the service: ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN, ACTIONS_CACHE_SERVICE_V2, and
   * HTTP_PROXY with blobHost.
   */
  env(options: RuntimeTokenOptions): Record<string, string>;
  /** Every entry in creation order, finalized or not (copies). */
  entries(): FakeCacheEntry[];
  inject(rule: FaultRule): void;
  count(target?: FaultTarget): number;
  requests(): RecordedRequest[];
  /** Forget faults and the request log (not the entries). */
  reset(): void;
  close(): Promise<void>;
}

interface StoredEntry {
  id: number;
  key: string;
  version: string;
  scope: string;
  createdAt: Date;
  blobName: string;
  finalized: boolean;
  size: number | undefined;
  content: Buffer | undefined;
  /** The blocks of the committed blob, by id, for Put Block List's <Committed>. */
  committedBlocks: Map<string, Buffer>;
  /** Put Block's staged blocks, by id, until the next Put Block List or Put Blob. */
  uncommittedBlocks: Map<string, Buffer>;
  etag: string;
  lastModified: Date;
}

interface TokenClaims {
  scopes: CacheScope[];
}

function azureHeaders(): Record<string, string> {
  return {'x-ms-request-id': randomUUID(), 'x-ms-version': '2025-05-05', date: new Date().toUTCString()};
}

/** Azure's XML error, with the request id and time it appends to the message, and its usual headers. */
function azureError(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  const details = `\nRequestId:${randomUUID()}\nTime:${new Date().toISOString()}`;
  const reply = azureXmlError(status, code, `${message}${details}`, headers);
  return {...reply, headers: {...azureHeaders(), ...reply.headers}};
}

/** The request fields of each method, by proto name (generated/results/api/v1/cache.js). */
const FIELDS: Record<TwirpMethod, Record<string, TwirpFieldType>> = {
  CreateCacheEntry: {metadata: 'message', key: 'string', version: 'string'},
  FinalizeCacheEntryUpload: {metadata: 'message', key: 'string', size_bytes: 'int64', version: 'string'},
  GetCacheEntryDownloadURL: {metadata: 'message', key: 'string', restore_keys: 'strings', version: 'string'}
};

type Body = Record<string, string | string[] | object>;

function newEtag(): string {
  return `"0x8DD${randomBytes(6).toString('hex').toUpperCase()}"`;
}

/** Azure's block ids: base64 of at most 64 bytes. */
function validBlockId(id: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id) || id.length % 4 !== 0) return false;
  const bytes = Buffer.from(id, 'base64');
  return bytes.length > 0 && bytes.length <= 64;
}

export async function startFakeCacheService(options: FakeCacheServiceOptions = {}): Promise<FakeCacheService> {
  const {blobHost} = options;
  const sas = blobSas();
  const tokens = runtimeTokens<TokenClaims>('fake-cache-service');
  const stored: StoredEntry[] = [];
  let nextId = 1;
  let url = '';
  let ownHost = '';

  const signedUrl = (entry: StoredEntry, permission: 'cw' | 'r'): string => {
    const path = `${BLOB_PATH}${entry.blobName}`;
    const origin = blobHost ? `http://${blobHost}` : url.replace(/\/$/, '');
    return `${origin}${path}?${sas.query(path, permission, '2025-05-05')}`;
  };

  const writableScope = (claims: TokenClaims): string | undefined =>
    claims.scopes.find(scope => (scope.permission & 2) !== 0)?.scope;

  /** The readable scopes in lookup order: the job's own (writable) ref first, then the others in token order. */
  const readableScopes = (claims: TokenClaims): string[] => {
    const readable = claims.scopes.filter(scope => (scope.permission & 1) !== 0);
    const own = readable.filter(scope => (scope.permission & 2) !== 0);
    const others = readable.filter(scope => (scope.permission & 2) === 0);
    return [...new Set([...own, ...others].map(scope => scope.scope))];
  };

  const writeDenied = 'cache write denied: token has no writable scopes';

  function lookup(scope: string, version: string, key: string, restoreKeys: string[]): StoredEntry | undefined {
    const candidates = stored.filter(e => e.finalized && e.scope === scope && e.version === version);
    const exact = (wanted: string) => candidates.find(e => e.key === wanted);
    // Newest first: the last created among the prefix matches.
    const newestPrefix = (prefix: string) => candidates.filter(e => e.key.startsWith(prefix)).at(-1);
    for (const wanted of [key, ...restoreKeys]) {
      const found = exact(wanted) ?? newestPrefix(wanted);
      if (found) return found;
    }
    return undefined;
  }

  function handleTwirp(method: TwirpMethod, body: Body, claims: TokenClaims): Reply {
    switch (method) {
      case 'CreateCacheEntry': {
        const key = requiredString(body, 'key');
        const version = requiredString(body, 'version');
        if (key.length > 512) throw new TwirpFailure('invalid_argument', 'key must be at most 512 characters');
        const scope = writableScope(claims);
        if (!scope) return json(200, {ok: false, signed_upload_url: '', message: writeDenied});
        if (stored.some(e => e.scope === scope && e.key === key && e.version === version)) {
          throw new TwirpFailure('already_exists', 'cache entry with the same key, version, and scope already exists');
        }
        const entry: StoredEntry = {
          id: nextId++,
          key,
          version,
          scope,
          createdAt: new Date(),
          blobName: randomBytes(16).toString('hex'),
          finalized: false,
          size: undefined,
          content: undefined,
          committedBlocks: new Map(),
          uncommittedBlocks: new Map(),
          etag: newEtag(),
          lastModified: new Date()
        };
        stored.push(entry);
        return json(200, {ok: true, signed_upload_url: signedUrl(entry, 'cw'), message: ''});
      }
      case 'FinalizeCacheEntryUpload': {
        const key = requiredString(body, 'key');
        const version = requiredString(body, 'version');
        const scope = writableScope(claims);
        if (!scope) return json(200, {ok: false, entry_id: '0', message: writeDenied});
        const entry = stored.find(e => e.scope === scope && e.key === key && e.version === version);
        if (!entry) throw new TwirpFailure('not_found', 'cache entry not found');
        if (entry.finalized) throw new TwirpFailure('already_exists', 'cache entry is already finalized');
        if (!entry.content) throw new TwirpFailure('failed_precondition', 'cache entry upload not found');
        if (Number(body.size_bytes ?? 0) !== entry.content.length) {
          throw new TwirpFailure('invalid_argument', 'size_bytes does not match the uploaded blob');
        }
        Object.assign(entry, {finalized: true, size: entry.content.length});
        return json(200, {ok: true, entry_id: String(entry.id), message: ''});
      }
      case 'GetCacheEntryDownloadURL': {
        const scopes = readableScopes(claims);
        if (!scopes.length) {
          throw new TwirpFailure('permission_denied', 'cache read denied: token has no readable cache scopes');
        }
        const key = requiredString(body, 'key');
        const version = requiredString(body, 'version');
        const restoreKeys = (body.restore_keys as string[] | undefined) ?? [];
        for (const scope of scopes) {
          const found = lookup(scope, version, key, restoreKeys);
          if (found) return json(200, {ok: true, signed_download_url: signedUrl(found, 'r'), matched_key: found.key});
        }
        return json(200, {ok: false, signed_download_url: '', matched_key: ''});
      }
    }
  }

  const twirpService: TwirpService<TwirpMethod, Body, TokenClaims> = {
    path: SERVICE_PATH,
    fields: FIELDS,
    authenticate: tokens.authenticate,
    handle: handleTwirp
  };

  function blobOperation(method: string | undefined, comp: string | null): BlobOperation | 'other' {
    if (method === 'PUT') return comp === 'block' ? 'PutBlock' : comp === 'blocklist' ? 'PutBlockList' : 'PutBlob';
    if (method === 'GET' && comp === null) return 'GetBlob';
    if (method === 'HEAD' && comp === null) return 'GetBlobProperties';
    return 'other';
  }

  function blobProperties(entry: StoredEntry, content: Buffer): Record<string, string> {
    return {
      ...azureHeaders(),
      'content-type': 'application/octet-stream',
      etag: entry.etag,
      'last-modified': entry.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-creation-time': entry.createdAt.toUTCString(),
      'x-ms-lease-state': 'available',
      'x-ms-lease-status': 'unlocked',
      'x-ms-server-encrypted': 'true',
      'content-md5': createHash('md5').update(content).digest('base64')
    };
  }

  function commit(entry: StoredEntry, content: Buffer, blocks: Map<string, Buffer>): Reply {
    Object.assign(entry, {content, committedBlocks: blocks, etag: newEtag(), lastModified: new Date()});
    entry.uncommittedBlocks.clear();
    return {
      status: 201,
      headers: {
        ...azureHeaders(),
        etag: entry.etag,
        'last-modified': entry.lastModified.toUTCString(),
        'content-md5': createHash('md5').update(content).digest('base64'),
        'x-ms-request-server-encrypted': 'true'
      },
      body: Buffer.alloc(0)
    };
  }

  function blob(request: http.IncomingMessage, target: URL, bytes: Buffer): Reply {
    const name = target.pathname.slice(BLOB_PATH.length);
    const permission = sas.check(target);
    if (permission === undefined) {
      return azureError(
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.'
      );
    }
    const mismatch = () =>
      azureError(
        403,
        'AuthorizationPermissionMismatch',
        'This request is not authorized to perform this operation using this permission.'
      );
    const entry = stored.find(e => e.blobName === name);
    const operation = blobOperation(request.method, target.searchParams.get('comp'));
    if (operation === 'other') {
      return azureError(405, 'UnsupportedHttpVerb', 'The resource doesn\u2019t support the specified HTTP verb.');
    }

    if (operation === 'GetBlob' || operation === 'GetBlobProperties') {
      if (!permission.includes('r')) return mismatch();
      if (!entry?.content) return azureError(404, 'BlobNotFound', 'The specified blob does not exist.');
      const content = entry.content;
      const ifMatch = request.headers['if-match'];
      if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== entry.etag) {
        return azureError(
          412,
          'ConditionNotMet',
          'The condition specified using HTTP conditional header(s) is not met.'
        );
      }
      const headers = blobProperties(entry, content);
      if (operation === 'GetBlobProperties') {
        return {status: 200, headers: {...headers, 'content-length': String(content.length)}, body: Buffer.alloc(0)};
      }
      const range = (request.headers['x-ms-range'] ?? request.headers.range) as string | undefined;
      if (range === undefined) return {status: 200, headers, body: content};
      const parsed = /^bytes=(\d+)-(\d*)$/.exec(range);
      if (!parsed) return {status: 200, headers, body: content};
      const start = Number(parsed[1]);
      const end = Math.min(parsed[2] ? Number(parsed[2]) : content.length - 1, content.length - 1);
      if (start >= content.length || end < start) {
        return azureError(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.', {
          'content-range': `bytes */${content.length}`
        });
      }
      // A range has no MD5 of the whole blob.
      const partial = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-md5'));
      return {
        status: 206,
        headers: {...partial, 'content-range': `bytes ${start}-${end}/${content.length}`},
        body: content.subarray(start, end + 1)
      };
    }

    // Writes: the SAS must grant write, the entry must still be uploading.
    if (!permission.includes('w')) return mismatch();
    if (request.headers['content-length'] === undefined) {
      return azureError(411, 'MissingContentLengthHeader', 'Content-Length HTTP header is missing.');
    }
    if (!entry || entry.finalized) return mismatch();
    switch (operation) {
      case 'PutBlob': {
        const blobType = request.headers['x-ms-blob-type'];
        if (!blobType) {
          return azureError(
            400,
            'MissingRequiredHeader',
            'An HTTP header that is mandatory for this request is not specified.',
            {'x-ms-header-name': 'x-ms-blob-type'}
          );
        }
        if (blobType !== 'BlockBlob') {
          return azureError(
            400,
            'InvalidHeaderValue',
            'The value for one of the HTTP headers is not in the correct format.'
          );
        }
        return commit(entry, bytes, new Map());
      }
      case 'PutBlock': {
        const blockId = target.searchParams.get('blockid') ?? '';
        if (!validBlockId(blockId)) {
          return azureError(
            400,
            'InvalidQueryParameterValue',
            'Value for one of the query parameters specified in the request URI is invalid.'
          );
        }
        entry.uncommittedBlocks.set(blockId, bytes);
        return {
          status: 201,
          headers: {
            ...azureHeaders(),
            'content-md5': createHash('md5').update(bytes).digest('base64'),
            'x-ms-request-server-encrypted': 'true'
          },
          body: Buffer.alloc(0)
        };
      }
      case 'PutBlockList': {
        const xml = bytes.toString('utf8');
        if (!/<BlockList>[\s\S]*<\/BlockList>/.test(xml)) {
          return azureError(400, 'InvalidXmlDocument', 'XML specified is not syntactically valid.');
        }
        const blocks = new Map<string, Buffer>();
        const parts: Buffer[] = [];
        for (const [, kind, id] of xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)) {
          const block =
            kind === 'Committed'
              ? entry.committedBlocks.get(id!)
              : kind === 'Uncommitted'
                ? entry.uncommittedBlocks.get(id!)
                : (entry.uncommittedBlocks.get(id!) ?? entry.committedBlocks.get(id!));
          if (!block) return azureError(400, 'InvalidBlockList', 'The specified block list is invalid.');
          blocks.set(id!, block);
          parts.push(block);
        }
        return commit(entry, Buffer.concat(parts), blocks);
      }
    }
  }

  /** The request's URL: origin-form, or absolute-form when the fake is the proxy for blobHost. */
  function requestUrl(request: http.IncomingMessage): URL | undefined {
    const raw = request.url ?? '/';
    if (!/^[a-z]+:\/\//i.test(raw)) return new URL(raw, url);
    const target = new URL(raw);
    if (target.protocol === 'http:' && (target.host === ownHost || (blobHost && target.hostname === blobHost))) {
      return target;
    }
    return undefined;
  }

  function classify(
    request: http.IncomingMessage,
    target: URL | undefined
  ): Omit<RecordedRequest, 'status' | 'faulted'> {
    const method = request.method ?? 'GET';
    const none = {target: 'other', operation: 'other', method, range: undefined} as const;
    if (!target) return none;
    if (target.pathname.startsWith(SERVICE_PATH)) {
      const name = target.pathname.slice(SERVICE_PATH.length);
      return name in FIELDS ? {...none, target: name as TwirpMethod, operation: name as TwirpMethod} : none;
    }
    if (target.pathname.startsWith(BLOB_PATH)) {
      const operation = blobOperation(method, target.searchParams.get('comp'));
      const range = (request.headers['x-ms-range'] ?? request.headers.range) as string | undefined;
      const byMethod: Record<string, FaultTarget> = {PUT: 'BlobPut', GET: 'BlobGet', HEAD: 'BlobHead'};
      return {target: byMethod[method] ?? 'other', operation, method, range};
    }
    return none;
  }

  function handle(request: http.IncomingMessage, target: URL | undefined, raw: Buffer): Reply {
    if (!target) {
      return {
        status: 502,
        headers: {'content-type': 'text/plain'},
        body: Buffer.from(`the fake cache service proxies only ${blobHost ?? 'nothing'}\n`)
      };
    }
    if (target.pathname.startsWith(SERVICE_PATH)) {
      return serveTwirp(twirpService, target.pathname.slice(SERVICE_PATH.length), request, raw.toString('utf8'));
    }
    if (target.pathname.startsWith(BLOB_PATH)) return blob(request, target, raw);
    return {status: 404, headers: {'content-type': 'text/plain'}, body: Buffer.from('404 page not found\n')};
  }

  const server = await startFakeServer<FaultTarget, RecordedRequest>({
    name: 'fake cache service',
    classify: request => classify(request, requestUrl(request)),
    handle: (request, raw) => handle(request, requestUrl(request), raw),
    blobFault: status => {
      const code = status === 503 ? 'ServerBusy' : status >= 500 ? 'InternalError' : 'InjectedFault';
      return azureError(status, code, 'Injected fault.');
    }
  });
  url = server.url;
  ownHost = new URL(url).host;

  const runtimeToken = (tokenOptions: RuntimeTokenOptions): string => {
    const {ref, readScopes = [], runId = '1', jobId = randomUUID(), expiresInSeconds} = tokenOptions;
    const scopes: CacheScope[] = tokenOptions.scopes ?? [
      ...readScopes.filter(scope => scope !== ref).map(scope => ({scope, permission: 1 as const})),
      ...(ref ? [{scope: ref, permission: 3 as const}] : [])
    ];
    // The cache scopes, a JSON string inside the JSON payload, as the runner's token has them.
    const ac = JSON.stringify(scopes.map(({scope, permission}) => ({Scope: scope, Permission: permission})));
    return tokens.issue({runId, jobId, expiresInSeconds}, {scopes}, {ac, acsl: '10'});
  };

  return {
    url,
    runtimeToken,
    env: tokenOptions => ({
      ACTIONS_RESULTS_URL: url,
      ACTIONS_RUNTIME_TOKEN: runtimeToken(tokenOptions),
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ...(blobHost ? {HTTP_PROXY: url} : {})
    }),
    entries: () =>
      stored.map(e => ({
        id: e.id,
        key: e.key,
        version: e.version,
        scope: e.scope,
        createdAt: new Date(e.createdAt),
        finalized: e.finalized,
        size: e.size,
        content: e.content && Buffer.from(e.content)
      })),
    inject: server.inject,
    count: server.count,
    requests: server.requests,
    reset: server.reset,
    close: server.close
  };
}

/**
 * One service for a test file, started before its tests and closed after them, reset before each test, and each
 * test in a ref of its own (`<prefix>-<n>`), so that no test finds what another one cached.
 */
export function useFakeCacheServicePerTest(refPrefix: string): {
  service: () => FakeCacheService;
  ref: () => string;
  entriesOfThisTest: () => FakeCacheEntry[];
} {
  let service: FakeCacheService | undefined;
  let ref = '';
  let tests = 0;
  beforeAll(async () => {
    service = await startFakeCacheService();
  });
  afterAll(async () => {
    await service?.close();
  });
  beforeEach(() => {
    service?.reset();
    ref = `${refPrefix}-${++tests}`;
  });
  const started = () => {
    if (!service) throw new Error('the fake cache service has not started (use it inside a test)');
    return service;
  };
  return {
    service: started,
    ref: () => ref,
    entriesOfThisTest: () =>
      started()
        .entries()
        .filter(entry => entry.scope === ref)
  };
}
