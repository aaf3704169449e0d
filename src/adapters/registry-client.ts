/**
 * A minimal OCI distribution v2 client for the action's own registry calls (digests, manifests, verifying the
 * pushed tags), authenticating the way docker does: anonymous first, then whatever the 401 challenge asks for
 * (Basic, or a Bearer token from the realm). Every call is retried on registry hiccups through retry.ts; denials
 * keep the registry's own text so registry-errors.ts can explain them.
 */
import {type RetryPolicy, type Sleep, realSleep, retry} from '../core/retry.js';
import {
  HTTP_RETRY,
  HTTP_TIMEOUT_MS,
  HttpError,
  isTransientHttpError,
  retryAfterFromError,
  type FetchLike
} from './http-policy.js';
import {sha256Digest} from '../core/digests.js';
import {splitReference} from '../core/image-reference.js';

export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
] as const;
/** Without every type, distribution answers 404 for an index or converts a Docker manifest to schema 1. */
const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');

export interface RegistryClientOptions {
  /** host[:port] as in image references: ghcr.io, 127.0.0.1:5000. */
  registry: string;
  username?: string;
  password?: string;
  /** Extra hosts (host or host:port) spoken to over plain HTTP, like docker's insecure-registries. */
  insecureHosts?: readonly string[];
  fetch?: FetchLike;
  sleep?: Sleep;
  /** Per-request bound (connection, headers and body). */
  timeoutMs?: number;
  retry?: Partial<Pick<RetryPolicy, 'attempts' | 'baseDelayMs' | 'maxDelayMs' | 'onRetry' | 'random'>>;
}

export interface Manifest {
  mediaType: string;
  digest: string;
  /** The bytes as served (as text): re-serializing would change the digest. */
  body: string;
}

type Scope = 'pull' | 'pull,push';

type Challenge = {scheme: 'basic'} | {scheme: 'bearer'; realm: string; service?: string};

interface RequestOptions {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST';
  repository: string;
  path: string;
  scope: Scope;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Statuses that are answers rather than errors (404 for "no such tag"). */
  accept?: readonly number[];
}

interface Answer {
  response: Response;
  body: Buffer;
}

/** Docker's rule: loopback registries are plain HTTP, everything else HTTPS unless declared insecure. */
export function isInsecureRegistry(registry: string, insecureHosts: readonly string[] = []): boolean {
  const host = hostOf(registry);
  if (host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return insecureHosts.some(entry => entry === registry || entry === host);
}

function hostOf(registry: string): string {
  if (registry.startsWith('[')) return registry.slice(0, registry.indexOf(']') + 1);
  const colon = registry.lastIndexOf(':');
  return colon < 0 ? registry : registry.slice(0, colon);
}

/** Parses `Bearer realm="…",service="…",scope="…"` (quoted values may contain commas). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'basic') return {scheme: 'basic'};
  if (scheme !== 'bearer') return undefined;
  const params: Record<string, string> = {};
  const pattern = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const param of match[2]!.matchAll(pattern)) {
    params[param[1]!.toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : (param[3] ?? '');
  }
  return params.realm ? {scheme: 'bearer', realm: params.realm, service: params.service} : undefined;
}

/** `denied: permission_denied: write_package`, as docker prints an OCI error body; undefined if not one. */
function describeErrorBody(body: string): {text: string; code: string} | undefined {
  try {
    const parsed = JSON.parse(body) as {errors?: {code?: unknown; message?: unknown}[]};
    const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
    const described = errors
      .filter(error => typeof error?.code === 'string')
      .map(error => ({
        code: String(error.code).toUpperCase(),
        text: `${String(error.code).toLowerCase()}: ${typeof error.message === 'string' ? error.message : ''}`.trim()
      }));
    if (!described.length) return undefined;
    return {
      code: described.some(error => error.code === 'DENIED') ? 'DENIED' : described[0]!.code,
      text: described.map(error => error.text).join('; ')
    };
  } catch {
    return undefined;
  }
}

export class RegistryClient {
  readonly registry: string;
  private readonly baseUrl: string;
  private readonly fetch: FetchLike;
  private readonly sleep: Sleep;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly options: RegistryClientOptions) {
    this.registry = options.registry;
    // Docker Hub's name in references is not the host of its API.
    const host = options.registry === 'docker.io' ? 'registry-1.docker.io' : options.registry;
    this.baseUrl = `${isInsecureRegistry(options.registry, options.insecureHosts) ? 'http' : 'https'}://${host}`;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = options.sleep ?? realSleep;
    this.timeoutMs = options.timeoutMs ?? HTTP_TIMEOUT_MS.registry;
    this.policy = {
      ...HTTP_RETRY.registry,
      ...options.retry,
      isTransient: isTransientHttpError,
      retryAfterMs: error => retryAfterFromError(error)
    };
  }

  /** The digest the registry reports for a tag or digest, or undefined when it does not exist. */
  async manifestDigest(repository: string, reference: string): Promise<string | undefined> {
    const answer = await this.call({
      method: 'HEAD',
      repository,
      path: `/v2/${repository}/manifests/${reference}`,
      scope: 'pull',
      headers: {accept: MANIFEST_ACCEPT},
      accept: [404]
    });
    if (answer.response.status === 404) return undefined;
    const digest = answer.response.headers.get('docker-content-digest');
    if (digest) return digest;
    // The header is optional on HEAD in the spec: fall back to hashing the manifest.
    return (await this.getManifest(repository, reference)).digest;
  }

  async getManifest(repository: string, reference: string): Promise<Manifest> {
    const {response, body} = await this.call({
      method: 'GET',
      repository,
      path: `/v2/${repository}/manifests/${reference}`,
      scope: 'pull',
      headers: {accept: MANIFEST_ACCEPT}
    });
    const text = body.toString('utf8');
    let mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
    if (!mediaType || mediaType === 'application/json') {
      try {
        mediaType = (JSON.parse(text) as {mediaType?: string}).mediaType ?? mediaType;
      } catch {
        // Not JSON: keep the header's type.
      }
    }
    return {
      mediaType: mediaType ?? '',
      digest: response.headers.get('docker-content-digest') ?? sha256Digest(body),
      body: text
    };
  }

  /** A blob's bytes (an image config, say), checked against its digest. */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const {body} = await this.call({
      method: 'GET',
      repository,
      path: `/v2/${repository}/blobs/${digest}`,
      scope: 'pull'
    });
    if (sha256Digest(body) !== digest) {
      throw new Error(`GET ${this.baseUrl}/v2/${repository}/blobs/${digest}: the content does not match its digest`);
    }
    return body;
  }

  /** Uploads a manifest (its blobs must already be there) and returns its digest. */
  async putManifest(
    repository: string,
    reference: string,
    body: string | Uint8Array,
    mediaType: string
  ): Promise<string> {
    const {response} = await this.call({
      method: 'PUT',
      repository,
      path: `/v2/${repository}/manifests/${reference}`,
      scope: 'pull,push',
      headers: {'content-type': mediaType},
      body
    });
    return response.headers.get('docker-content-digest') ?? sha256Digest(body);
  }

  /** Uploads a blob unless the repository has it (one monolithic PUT: attestation bundles are small). */
  async putBlob(repository: string, body: string | Uint8Array): Promise<{digest: string; size: number}> {
    const digest = sha256Digest(body);
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    const path = `/v2/${repository}/blobs/${digest}`;
    const head = await this.call({method: 'HEAD', repository, path, scope: 'pull,push', accept: [404]});
    if (head.response.status !== 404) return {digest, size};
    const started = await this.call({
      method: 'POST',
      repository,
      path: `/v2/${repository}/blobs/uploads/`,
      scope: 'pull,push'
    });
    const location = started.response.headers.get('location');
    if (!location) throw new Error(`POST ${this.baseUrl}/v2/${repository}/blobs/uploads/ gave no upload location`);
    // Relative to the POST (RFC 9110); another host (a storage service) gets the URL as it is, without our credentials.
    const upload = new URL(location, `${this.baseUrl}/v2/${repository}/blobs/uploads/`);
    upload.searchParams.set('digest', digest);
    const sameOrigin = upload.origin === new URL(this.baseUrl).origin;
    await this.call({
      method: 'PUT',
      repository,
      path: sameOrigin ? `${upload.pathname}${upload.search}` : upload.toString(),
      scope: 'pull,push',
      headers: {'content-type': 'application/octet-stream'},
      body
    });
    return {digest, size};
  }

  /** The OCI referrers API's index of manifests whose subject is `digest`; undefined where the registry has none. */
  async referrers(repository: string, digest: string): Promise<string | undefined> {
    const {response, body} = await this.call({
      method: 'GET',
      repository,
      path: `/v2/${repository}/referrers/${digest}`,
      scope: 'pull',
      headers: {accept: 'application/vnd.oci.image.index.v1+json'},
      accept: [404, 400, 405]
    });
    const type = response.headers.get('content-type') ?? '';
    return response.ok && type.startsWith('application/vnd.oci.image.index.v1+json')
      ? body.toString('utf8')
      : undefined;
  }

  private call(request: RequestOptions): Promise<Answer> {
    return retry(() => this.send(request), this.policy, this.sleep);
  }

  /** One attempt: with the credentials the last challenge asked for, and once more after a fresh 401. */
  private async send(request: RequestOptions): Promise<Answer> {
    const elsewhere = /^https?:\/\//.test(request.path);
    const url = elsewhere ? request.path : `${this.baseUrl}${request.path}`;
    if (elsewhere) {
      const answer = await this.exchange(url, request, undefined);
      if (answer.response.ok || request.accept?.includes(answer.response.status)) return answer;
      throw this.httpError(request, answer.response, answer.body);
    }
    let answer = await this.exchange(url, request, await this.authorization(request));
    if (answer.response.status === 401) {
      const challenge = parseChallenge(answer.response.headers.get('www-authenticate'));
      const hadAuthorization = this.challenge !== undefined;
      if (challenge) {
        this.challenge = challenge;
        this.tokens.delete(this.scopeKey(request));
        // A 401 on credentials built for this very challenge means they are wrong: do not loop.
        if (!hadAuthorization || challenge.scheme === 'bearer') {
          answer = await this.exchange(url, request, await this.authorization(request));
        }
      }
    }
    const {response, body} = answer;
    if (response.ok || request.accept?.includes(response.status)) return answer;
    // A HEAD answer has no body, so a denial would lose the registry's text (GHCR's "denied: ..."): ask again
    // with GET to read it. Only for answers that end the call; hiccups are retried as they are.
    if (request.method === 'HEAD' && !isTransientHttpError(new HttpError(response.status, ''))) {
      const detailed = await this.exchange(url, {...request, method: 'GET'}, await this.authorization(request));
      if (detailed.response.status === response.status) {
        throw this.httpError({...request, method: 'GET'}, detailed.response, detailed.body);
      }
    }
    throw this.httpError(request, response, body);
  }

  private async exchange(url: string, request: RequestOptions, authorization: string | undefined): Promise<Answer> {
    const headers: Record<string, string> = {...request.headers};
    if (authorization) headers.authorization = authorization;
    const response = await this.fetch(url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: 'follow',
      signal: AbortSignal.timeout(this.timeoutMs)
    });
    // Read the body inside the same timeout: a registry that stalls mid-body is a hiccup too.
    const body = request.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
    return {response, body};
  }

  private basic(): string | undefined {
    const {username, password} = this.options;
    if (username === undefined || password === undefined) return undefined;
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  private scopeKey(request: RequestOptions): string {
    return `repository:${request.repository}:${request.scope}`;
  }

  private async authorization(request: RequestOptions): Promise<string | undefined> {
    const challenge = this.challenge;
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') return this.basic();
    const scope = this.scopeKey(request);
    let token = this.tokens.get(scope);
    if (!token) {
      token = await this.fetchToken(challenge, scope);
      this.tokens.set(scope, token);
    }
    return `Bearer ${token}`;
  }

  private async fetchToken(challenge: Extract<Challenge, {scheme: 'bearer'}>, scope: string): Promise<string> {
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    url.searchParams.set('scope', scope);
    const basic = this.basic();
    const response = await this.fetch(url.toString(), {
      method: 'GET',
      headers: basic ? {authorization: basic} : {},
      signal: AbortSignal.timeout(this.timeoutMs)
    });
    const text = await response.text();
    if (!response.ok) {
      throw this.httpError(
        {method: 'GET', path: url.pathname} as RequestOptions,
        response,
        Buffer.from(text),
        url.origin
      );
    }
    let parsed: {token?: unknown; access_token?: unknown} = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // Reported below.
    }
    const token = typeof parsed.token === 'string' ? parsed.token : parsed.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new HttpError(response.status, `The token service ${url.origin} answered without a token`);
    }
    return token;
  }

  private httpError(request: RequestOptions, response: Response, body: Buffer, origin = this.baseUrl): HttpError {
    const described = describeErrorBody(body.toString('utf8'));
    const status = `${response.status} ${response.statusText || ''}`.trim();
    // A redirected answer comes from a blob store whose error text may echo the signed URL: only OCI errors count.
    const raw = body.length && !response.redirected ? body.toString('utf8').slice(0, 300).trim() : '';
    const said = described?.text ?? raw;
    const message = `${request.method} ${origin}${request.path}: ${status}${said ? `: ${said}` : ''}`;
    return new HttpError(response.status, message, response.headers.get('retry-after') ?? undefined, described?.code);
  }
}

export interface TagCheck {
  reference: string;
  found: string | undefined;
  ok: boolean;
}

/** Each pushed tag must resolve to the digest the push reported: catches a lost or raced tag. */
export async function verifyTags(
  client: RegistryClient,
  expected: readonly {reference: string; digest: string}[]
): Promise<TagCheck[]> {
  const checks: TagCheck[] = [];
  // One at a time: a handful of HEADs, and no burst towards a rate-limited registry.
  for (const {reference, digest} of expected) {
    const {repository, tag} = splitReference(reference, client.registry);
    const found = await client.manifestDigest(repository, tag);
    checks.push({reference, found, ok: found === digest});
  }
  return checks;
}
