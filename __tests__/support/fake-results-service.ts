/**
 * What the fakes of GitHub Actions' "results" services share: fake-artifact-service.ts (the artifact service v4) and
 * fake-cache-service.ts (the cache service v2) are both twirp JSON services on ACTIONS_RESULTS_URL, authenticated by
 * a runtime token, that hand out HMAC-signed Azure blob URLs and can be told to fail. Their header comments document
 * the protocol; this module only holds the mechanics:
 * - twirp: the error codes and their statuses, TwirpFailure (thrown by a handler, answered as `{"code", "msg"}`), the
 *   JSON body decoding with protojson's field checks (proto names only, unknown fields refused), and serveTwirp, the
 *   route, verb, Content-Type and token checks around a service's handler.
 * - runtimeTokens: unsigned but JWT-shaped runtime tokens; only the issued ones are accepted, until their `exp`.
 * - blobSas: the signed URLs' query `sv&sr=b&sp&se&sig`, whose HMAC covers permission, path and expiry, and its check;
 *   azureXmlError, Azure Storage's XML error answer.
 * - startFakeServer: the HTTP server on 127.0.0.1, random port, with the request log and the fault rules (Fault),
 *   and its close.
 */
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Twirp's status for each error code (twirp spec, "Error codes"). */
const TWIRP_STATUS: Record<string, number> = {
  canceled: 408,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  dataloss: 500
};

function twirpCodeFor(status: number): string {
  return (
    Object.entries(TWIRP_STATUS).find(([, code]) => code === status)?.[0] ?? (status >= 500 ? 'internal' : 'unknown')
  );
}

/** Thrown by a twirp handler (or the checks around it): answered as twirp's error with the code's status. */
export class TwirpFailure extends Error {
  constructor(
    readonly code: keyof typeof TWIRP_STATUS,
    message: string
  ) {
    super(message);
  }
}

export function json(status: number, value: unknown): Reply {
  return {status, headers: {'content-type': 'application/json'}, body: Buffer.from(JSON.stringify(value))};
}

function twirpError(code: string, msg: string): Reply {
  return json(TWIRP_STATUS[code] ?? 500, {code, msg});
}

/** A request field's type: protojson's string, int32, int64 (a string or a number), Timestamp, repeated string or message. */
export type TwirpFieldType = 'string' | 'int32' | 'int64' | 'timestamp' | 'strings' | 'message';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const VALID: Record<TwirpFieldType, (value: unknown) => boolean> = {
  string: value => typeof value === 'string',
  int32: value => Number.isInteger(value),
  int64: value => (typeof value === 'string' && /^-?\d+$/.test(value)) || Number.isInteger(value),
  timestamp: value => typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value)),
  strings: value => Array.isArray(value) && value.every(item => typeof item === 'string'),
  message: value => typeof value === 'object' && !Array.isArray(value)
};

/**
 * The request body as protojson would decode it (proto names only; nulls left out, int64 as strings), or a twirp
 * malformed error.
 */
function decodeBody(fields: Record<string, TwirpFieldType>, raw: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new TwirpFailure('malformed', 'the json request could not be decoded');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TwirpFailure('malformed', 'the json request could not be decoded');
  }
  const decoded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const type = fields[key];
    if (!type) throw new TwirpFailure('malformed', `the json request could not be decoded: unknown field "${key}"`);
    if (value === null) continue;
    if (!VALID[type](value)) {
      throw new TwirpFailure('malformed', `the json request could not be decoded: bad value for "${key}"`);
    }
    decoded[key] = type === 'int64' ? String(value) : value;
  }
  return decoded;
}

/** A body's string field, or a twirp invalid_argument "<field> is required" when it is missing or empty. */
export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new TwirpFailure('invalid_argument', `${field} is required`);
  return value;
}

export interface TwirpService<Method extends string, Body, Claims> {
  /** `/twirp/<package>.<Service>/`. */
  path: string;
  /** The request fields of each method, by proto name. */
  fields: Record<Method, Record<string, TwirpFieldType>>;
  /** The token's claims, or a TwirpFailure. */
  authenticate(header: string | undefined): Claims;
  /** The answer to a method call, or a TwirpFailure. */
  handle(method: Method, body: Body, claims: Claims): Reply;
}

/**
 * The answer to a call of `method` (the path after service.path): bad_route for an unknown method, a verb other than
 * POST or a Content-Type other than application/json, then the token, the body, the handler; a TwirpFailure thrown
 * on the way is answered as twirp's error.
 */
export function serveTwirp<Method extends string, Body, Claims>(
  service: TwirpService<Method, Body, Claims>,
  method: string,
  request: http.IncomingMessage,
  raw: string
): Reply {
  if (!(method in service.fields)) return twirpError('bad_route', `no handler for path "${service.path}${method}"`);
  if (request.method !== 'POST') return twirpError('bad_route', `unsupported method "${request.method}"`);
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
  if (contentType !== 'application/json') return twirpError('bad_route', `unexpected Content-Type: "${contentType}"`);
  try {
    const claims = service.authenticate(request.headers.authorization);
    const body = decodeBody(service.fields[method as Method], raw) as Body;
    return service.handle(method as Method, body, claims);
  } catch (error) {
    if (error instanceof TwirpFailure) return twirpError(error.code, error.message);
    throw error;
  }
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export interface RuntimeTokenIdentity {
  runId: string;
  jobId: string;
  /** Default one hour; negative for an expired token. */
  expiresInSeconds?: number;
}

export interface RuntimeTokens<Claims extends object> {
  /**
   * A token shaped like the runner's (`scp` naming the run and job, `extraPayload` after IdentityTypeClaim), unsigned;
   * `claims` are what authenticate() answers for it.
   */
  issue(identity: RuntimeTokenIdentity, claims: Claims, extraPayload?: object): string;
  /** The claims of an issued, unexpired token in `Authorization: Bearer <token>`, or a twirp unauthenticated. */
  authenticate(header: string | undefined): Claims & {exp: number};
}

/** `service` names the fake in the tokens' header (x5t). */
export function runtimeTokens<Claims extends object>(service: string): RuntimeTokens<Claims> {
  const issued = new Map<string, Claims & {exp: number}>();
  return {
    issue: ({runId, jobId, expiresInSeconds = 3600}, claims, extraPayload = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + expiresInSeconds;
      const header = base64url({typ: 'JWT', alg: 'RS256', x5t: Buffer.from(service).toString('base64')});
      const payload = base64url({
        nameid: 'dddddddd-dddd-dddd-dddd-dddddddddddd',
        // Scopes shaped like the runner's: only the three-part Actions.Results one carries the backend ids.
        scp: `Actions.ExampleScope Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${runId}:${jobId} Actions.UploadArtifacts:00000000-0000-0000-0000-000000000000:1`,
        IdentityTypeClaim: 'System:ServiceIdentity',
        ...extraPayload,
        iss: 'vstoken.actions.githubusercontent.com',
        aud: 'vstoken.actions.githubusercontent.com|vso:6ad7bc1e-4ab0-4b7f-9f51-2b8d39c0ee3c',
        nbf: now - 60,
        exp
      });
      const token = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
      issued.set(token, {...claims, exp});
      return token;
    },
    authenticate: header => {
      const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
      if (!token) throw new TwirpFailure('unauthenticated', 'missing or malformed Authorization bearer token');
      const claims = issued.get(token);
      if (!claims) throw new TwirpFailure('unauthenticated', 'invalid token');
      if (claims.exp * 1000 <= Date.now()) throw new TwirpFailure('unauthenticated', 'token expired');
      return claims;
    }
  };
}

export interface BlobSas {
  /** The query of a URL signed for `path`, granting `permission` for 10 minutes; `version` is Azure's `sv`. */
  query(path: string, permission: string, version: string): URLSearchParams;
  /** The permission (`sp`) a signed URL grants, or undefined when its signature is wrong or it has expired. */
  check(target: URL): string | undefined;
}

/** Signs with a secret of its own. */
export function blobSas(): BlobSas {
  const secret = randomBytes(32);
  const sign = (permission: string, path: string, expiry: string): string =>
    createHmac('sha256', secret).update(`${permission}\n${path}\n${expiry}`).digest('base64');
  return {
    query: (path, permission, version) => {
      const expiry = new Date(Date.now() + 10 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      return new URLSearchParams({
        sv: version,
        sr: 'b',
        sp: permission,
        se: expiry,
        sig: sign(permission, path, expiry)
      });
    },
    check: target => {
      const permission = target.searchParams.get('sp') ?? '';
      const expiry = target.searchParams.get('se') ?? '';
      const sig = Buffer.from(target.searchParams.get('sig') ?? '', 'base64');
      const expected = Buffer.from(sign(permission, target.pathname, expiry), 'base64');
      const authentic = sig.length === expected.length && timingSafeEqual(sig, expected);
      return authentic && Date.parse(expiry) > Date.now() ? permission : undefined;
    }
  };
}

/** Azure Storage's error answer: `<Error><Code><Message>` in XML, the code also in x-ms-error-code. */
export function azureXmlError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {}
): Reply {
  const body =
    '\uFEFF<?xml version="1.0" encoding="utf-8"?><Error>' + `<Code>${code}</Code><Message>${message}</Message></Error>`;
  return {
    status,
    headers: {'content-type': 'application/xml', 'x-ms-error-code': code, ...headers},
    body: Buffer.from(body)
  };
}

/**
 * {status, body?, headers?} answers instead of handling (a twirp or Azure error body by default); {drop: true}
 * destroys the socket without handling; {dropAfterHandling: true} handles the request, then destroys the socket (the
 * answer is lost, the state changed); {delayMs} waits that long before handling (for timeouts).
 */
export type Fault =
  | {status: number; body?: string; headers?: Record<string, string>}
  | {drop: true}
  | {dropAfterHandling: true}
  | {delayMs: number};

/** Applies to the next `times` requests of its target, then requests are handled normally. */
export interface FaultRuleOf<Target extends string> {
  target: Target;
  times: number;
  fault: Fault;
}

export interface RecordedRequestOf<Target extends string> {
  target: Target | 'other';
  /** The answer's status, or 'dropped'. */
  status: number | 'dropped';
  faulted: boolean;
}

export interface FakeServerOptions<Target extends string, Recorded extends RecordedRequestOf<Target>> {
  /** The fake's name, for the twirp internal error a handler's exception answers ("<name> bug: ..."). */
  name: string;
  /**
   * What a request is, for the fault rules and the log. Targets starting with `Blob` are Azure blob requests (their
   * faults answer blobFault), the others twirp methods (their faults answer twirp's error for the status).
   */
  classify(request: http.IncomingMessage): Omit<Recorded, 'status' | 'faulted'>;
  /** The answer, unless a fault takes its place; a `content-length` header in it is sent as it is (for HEAD). */
  handle(request: http.IncomingMessage, body: Buffer): Reply;
  /** The Azure error of a blob fault {status} without a body. */
  blobFault(status: number): Reply;
}

export interface FakeServer<Target extends string, Recorded extends RecordedRequestOf<Target>> {
  /** http://127.0.0.1:<port>/ */
  url: string;
  inject(rule: FaultRuleOf<Target>): void;
  /** Requests seen, faulted or not. */
  count(target?: Target): number;
  requests(): Recorded[];
  /** Forget faults and the request log. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeServer<Target extends string, Recorded extends RecordedRequestOf<Target>>(
  options: FakeServerOptions<Target, Recorded>
): Promise<FakeServer<Target, Recorded>> {
  let rules: (FaultRuleOf<Target> & {remaining: number})[] = [];
  let log: Recorded[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function faultReply(target: Target, fault: {status: number; body?: string; headers?: Record<string, string>}): Reply {
    if (fault.body !== undefined) {
      return {status: fault.status, headers: fault.headers ?? {}, body: Buffer.from(fault.body)};
    }
    const reply = target.startsWith('Blob')
      ? options.blobFault(fault.status)
      : twirpError(twirpCodeFor(fault.status), 'injected fault');
    return {...reply, status: fault.status, headers: {...reply.headers, ...fault.headers}};
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', chunk => chunks.push(chunk as Buffer));
    request.on('end', () => {
      const seen = options.classify(request);
      const rule = seen.target === 'other' ? undefined : rules.find(r => r.target === seen.target && r.remaining > 0);
      if (rule) rule.remaining--;
      const fault = rule?.fault;
      const entry = {...seen, status: 'dropped', faulted: fault !== undefined} as Recorded;
      log.push(entry);

      const send = (reply: Reply) => {
        entry.status = reply.status;
        const length = reply.headers['content-length'] ?? String(reply.body.length);
        response.writeHead(reply.status, {...reply.headers, 'content-length': length});
        response.end(request.method === 'HEAD' ? undefined : reply.body);
      };
      const drop = () => request.socket.destroy();
      const run = () => {
        let reply: Reply;
        try {
          reply = options.handle(request, Buffer.concat(chunks));
        } catch (error) {
          reply = twirpError('internal', `${options.name} bug: ${(error as Error).message}`);
        }
        if (fault && 'dropAfterHandling' in fault) return drop();
        send(reply);
      };

      if (!fault) return run();
      if ('drop' in fault) return drop();
      if ('status' in fault) return send(faultReply(seen.target as Target, fault));
      if ('delayMs' in fault) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!request.socket.destroyed) run();
        }, fault.delayMs);
        timers.add(timer);
        return;
      }
      run();
    });
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    inject: rule => {
      rules.push({...rule, remaining: rule.times});
    },
    count: target => log.filter(entry => target === undefined || entry.target === target).length,
    requests: () => log.map(entry => ({...entry})),
    reset: () => {
      rules = [];
      log = [];
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    }
  };
}
