/**
 * How every HTTP client of the action (registry API, artifact service, GitHub REST API) behaves towards a server:
 * the time it waits for an answer, what is worth another try (5xx, 429, 408, a lost connection, a timeout; never a
 * denial), how long to wait (Retry-After first, capped), and how a failure is described without quoting the URL.
 */
import type {RetryPolicy} from '../core/retry.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** How long one request may wait for its answer, per client. */
export const HTTP_TIMEOUT_MS = {registry: 15_000, artifacts: 20_000, githubApi: 10_000} as const;

/**
 * How often and how far apart a request is tried, per client. The GitHub API is not retried: repository facts are
 * a nicety the payload usually has, and the step goes on without them.
 */
export const HTTP_RETRY: Readonly<
  Record<'registry' | 'artifacts', Pick<RetryPolicy, 'attempts' | 'baseDelayMs' | 'maxDelayMs'>>
> = {
  registry: {attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000},
  artifacts: {attempts: 5, baseDelayMs: 1_000, maxDelayMs: 20_000}
};

/** A failed HTTP exchange: the status, the Retry-After header as sent (if any) and the registry's error code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfter?: string,
    /** The first error code of an OCI error body ("DENIED", "UNAUTHORIZED"...), upper case. */
    readonly code?: string
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The shape retry() needs to classify an error: anything with a status and optional Retry-After value. */
export interface TransientError {
  status: number;
  retryAfter?: string;
  message: string;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only a date with letters in it: Date.parse accepts bare numbers like "-5" or "1.5" as years.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Node's codes for a connection that failed or broke: worth another try. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED'
]);

function hasStatus(error: unknown): error is TransientError {
  return typeof error === 'object' && error !== null && typeof (error as {status?: unknown}).status === 'number';
}

function errorCode(error: unknown): string | undefined {
  const code = (error as {code?: unknown} | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A network-level failure: fetch's TypeError with a socket error as cause, or an AbortSignal.timeout. */
export function isNetworkError(error: unknown): boolean {
  return causeChain(error).some(current => {
    if ((current as {name?: unknown}).name === 'TimeoutError') return true;
    const code = errorCode(current);
    if (code && TRANSIENT_NETWORK_CODES.has(code)) return true;
    return current instanceof TypeError && current.message === 'fetch failed' && !(current as Error).cause;
  });
}

/** A fetch failure in words without its URL (which may carry a secret): a timeout, or the first socket error code. */
export function describeTransportFailure(error: unknown, timeoutMs: number): string {
  for (const current of causeChain(error)) {
    if ((current as {name?: unknown}).name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    const code = errorCode(current);
    if (code) return `network error ${code}`;
  }
  return 'network error';
}

/** The error and its causes (fetch wraps the socket's error in `cause`), at most five deep. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current && chain.length < 5; current = (current as {cause?: unknown}).cause) {
    chain.push(current);
  }
  return chain;
}

/**
 * The default classification for registry calls: 5xx, 429 and 408 are worth retrying, other statuses (401,
 * 403, 404...) are answers, not hiccups; a DENIED code is never retried whatever the status.
 */
export function isTransientHttpError(error: unknown): boolean {
  if (hasStatus(error)) {
    if (errorCode(error) === 'DENIED') return false;
    return error.status >= 500 || error.status === 429 || error.status === 408;
  }
  return isNetworkError(error);
}

export function retryAfterFromError(error: unknown, now: number = Date.now()): number | undefined {
  return hasStatus(error) ? parseRetryAfter(error.retryAfter, now) : undefined;
}
