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
 * matching requests, then requests pass through.
 */
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type Fault =
  {status: number; headers?: Record<string, string>; body?: string} | {drop: true} | {delayMs: number};

export interface FaultRule {
  path: string | RegExp;
  method?: string;
  times: number;
  fault: Fault;
}

export interface FaultProxy {
  /** 127.0.0.1:<port>, usable as a registry name. */
  host: string;
  inject(rule: FaultRule): void;
  /** Requests seen whose path matches (all when no pattern), faulted or forwarded. */
  count(path?: string | RegExp): number;
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

export async function startFaultProxy(options: {upstream: string}): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  let rules: ActiveRule[] = [];
  let seen: {method: string; path: string}[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function forward(request: http.IncomingMessage, response: http.ServerResponse): void {
    const outgoing = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        // The registry builds absolute URLs (Location) from Host: keep the proxy's so clients stay on it.
        headers: request.headers
      },
      answer => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      }
    );
    outgoing.on('error', () => response.destroy());
    request.pipe(outgoing);
  }

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const method = request.method ?? 'GET';
    seen.push({method, path});
    const rule = rules.find(
      candidate =>
        candidate.remaining > 0 &&
        matches(candidate.path, path) &&
        (candidate.method === undefined || candidate.method === method)
    );
    if (!rule) return forward(request, response);
    rule.remaining--;
    const fault = rule.fault;
    if ('drop' in fault) {
      request.socket.destroy();
    } else if ('delayMs' in fault) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        // The client may have given up (timed out) meanwhile; then there is nothing to answer.
        if (!request.socket.destroyed) forward(request, response);
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

  return {
    host: `127.0.0.1:${port}`,
    inject(rule) {
      rules.push({...rule, remaining: rule.times});
    },
    count(path) {
      return path === undefined ? seen.length : seen.filter(request => matches(path, request.path)).length;
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
