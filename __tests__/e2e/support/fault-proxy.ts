/**
 * An HTTP proxy on 127.0.0.1 (random port) in front of the test registry that injects faults, so the registry
 * client's retries are tested against the real registry rather than a mock:
 *
 *   const proxy = await startFaultProxy({upstream: 'http://127.0.0.1:5000'});
 *   proxy.inject({path: /\/manifests\/one$/, times: 2, fault: {status: 503}});
 *   const client = new RegistryClient({registry: proxy.host, ...});   // 127.0.0.1:<port>: plain HTTP
 *   proxy.count(/\/manifests\/one$/);                                  // requests seen, faulted or not
 *   await proxy.close();                                               // in afterAll
 *
 * Faults: {status, headers?, body?} answers instead of the registry; {drop: true} destroys the socket without an
 * answer; {delayMs} holds the request that long before forwarding it. A rule applies to the first `times`
 * matching requests (path, and method and query when given), then requests pass through.
 *
 * In front of a registry with token authentication, `tokenUpstream` makes the proxy front its token server too:
 *
 *   const proxy = await startFaultProxy({upstream: 'http://127.0.0.1:5001', tokenUpstream: 'http://127.0.0.1:5002'});
 *   proxy.inject({path: '/token', query: /:push/, times: 1, fault: {status: 503}});
 *
 * The realm of every `WWW-Authenticate: Bearer realm="http://127.0.0.1:5002/token"` answer is rewritten to the
 * proxy's own origin (same path), and every request outside /v2/ is forwarded to the token server, so clients
 * (docker, the action's RegistryClient) fetch their tokens through the proxy, where faults can be injected.
 * requests() lists what passed, with methods, query strings and whether a fault answered.
 */
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type Fault =
  {status: number; headers?: Record<string, string>; body?: string} | {drop: true} | {delayMs: number};

export interface FaultRule {
  path: string | RegExp;
  method?: string;
  /** Matched against the decoded query string (without "?"): `scope=repository:a/b:push,pull&service=...`. */
  query?: string | RegExp;
  times: number;
  fault: Fault;
}

export interface SeenRequest {
  method: string;
  path: string;
  /** Decoded query string, without "?" ('' when none). */
  query: string;
  /** Where it went: the registry, the token server, or nowhere (a fault answered or dropped it). */
  target: 'registry' | 'token' | 'fault';
  /** The scheme of its Authorization header (never the credentials themselves). */
  auth: 'none' | 'basic' | 'bearer' | 'other';
}

function authScheme(header: string | undefined): SeenRequest['auth'] {
  const scheme = header?.trim().split(/\s+/)[0]?.toLowerCase();
  if (!scheme) return 'none';
  return scheme === 'basic' || scheme === 'bearer' ? scheme : 'other';
}

export interface FaultProxyOptions {
  /** The registry, e.g. http://127.0.0.1:5000. */
  upstream: string;
  /** The registry's token server (the origin of its Bearer realm): fronted too, see above. */
  tokenUpstream?: string;
}

export interface FaultProxy {
  /** 127.0.0.1:<port>, usable as a registry name. */
  host: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  inject(rule: FaultRule): void;
  /** Requests seen whose path matches (all when no pattern), and method when given, faulted or forwarded. */
  count(path?: string | RegExp, method?: string): number;
  /** Every request seen since the last reset(), in arrival order. */
  requests(): SeenRequest[];
  /** Forget the rules and counts between tests. */
  reset(): void;
  close(): Promise<void>;
}

interface ActiveRule extends FaultRule {
  remaining: number;
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? path === pattern : pattern.test(path);
}

function decodeQuery(url: string): string {
  const index = url.indexOf('?');
  if (index < 0) return '';
  const raw = url.slice(index + 1).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Replaces the origin of a Bearer realm that points at `from` (an origin) with `to`, keeping its path. */
export function rewriteRealm(header: string, from: string, to: string): string {
  return header.replace(/(realm=")([^"]*)(")/i, (whole, open: string, realm: string, close: string) => {
    try {
      const url = new URL(realm);
      return url.origin === from ? `${open}${to}${url.pathname}${url.search}${close}` : whole;
    } catch {
      return whole;
    }
  });
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  const tokenUpstream = options.tokenUpstream === undefined ? undefined : new URL(options.tokenUpstream);
  let rules: ActiveRule[] = [];
  let seen: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  function forward(request: http.IncomingMessage, response: http.ServerResponse, target: URL): void {
    const outgoing = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        // The registry builds absolute URLs (Location) from Host: keep the proxy's so clients stay on it.
        headers: request.headers
      },
      answer => {
        const headers: http.OutgoingHttpHeaders = {...answer.headers};
        const challenge = answer.headers['www-authenticate'];
        if (tokenUpstream && challenge !== undefined) {
          headers['www-authenticate'] = rewriteRealm(challenge, tokenUpstream.origin, origin);
        }
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      }
    );
    outgoing.on('error', () => response.destroy());
    request.pipe(outgoing);
  }

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const query = decodeQuery(request.url ?? '');
    const method = request.method ?? 'GET';
    // The registry API lives under /v2/; anything else is for the token server when there is one.
    const toToken = tokenUpstream !== undefined && path !== '/v2' && !path.startsWith('/v2/');
    const rule = rules.find(
      candidate =>
        candidate.remaining > 0 &&
        matches(candidate.path, path) &&
        (candidate.method === undefined || candidate.method === method) &&
        (candidate.query === undefined || matches(candidate.query, query))
    );
    const target = rule ? 'fault' : toToken ? 'token' : 'registry';
    seen.push({method, path, query, target, auth: authScheme(request.headers.authorization)});
    if (!rule) return forward(request, response, toToken ? tokenUpstream! : upstream);
    rule.remaining--;
    const fault = rule.fault;
    if ('drop' in fault) {
      request.socket.destroy();
    } else if ('delayMs' in fault) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        // The client may have given up (timed out) meanwhile; then there is nothing to answer.
        if (!request.socket.destroyed) forward(request, response, toToken ? tokenUpstream! : upstream);
      }, fault.delayMs);
      timers.add(timer);
    } else {
      request.resume();
      response.writeHead(fault.status, {'content-type': 'application/json', ...fault.headers});
      response.end(fault.body ?? '');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const {port} = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    host: `127.0.0.1:${port}`,
    origin,
    inject(rule) {
      rules.push({...rule, remaining: rule.times});
    },
    count(path, method) {
      return seen.filter(
        request =>
          (path === undefined || matches(path, request.path)) && (method === undefined || method === request.method)
      ).length;
    },
    requests() {
      return seen.map(request => ({...request}));
    },
    reset() {
      rules = [];
      seen = [];
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise(resolve => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open.
        server.closeAllConnections();
      });
    }
  };
}
