/**
 * Bounded retries with exponential backoff and jitter, for registry hiccups (5xx, 429, dropped connections,
 * timeouts). Pure apart from the clock and the random source, both injectable so tests never wait.
 */

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

export interface RetryPolicy {
  /** Total attempts, the first included (1 = no retry). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  isTransient(error: unknown): boolean;
  /** How long the error asks us to wait (a Retry-After header), or undefined for plain backoff. */
  retryAfterMs(error: unknown): number | undefined;
  /** Called before each wait; for logging. */
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
  /** In [0, 1); injectable so tests get deterministic jitter. */
  random?: () => number;
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Runs operation(attempt) until it succeeds, a non-transient error occurs, or the attempts are used up; the
 * last error is rethrown unchanged so callers (and registry-errors.ts) see what the registry said.
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  sleep: Sleep = realSleep
): Promise<T> {
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= attempts || !policy.isTransient(error)) throw error;
      const delay = backoffDelay(attempt, policy, policy.retryAfterMs(error));
      policy.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}

/**
 * The wait after the given failed attempt. Retry-After wins when present (the server knows best) but is capped
 * so a registry cannot stall the job; otherwise "equal jitter": half the exponential delay fixed, half random,
 * which spreads parallel jobs without ever retrying immediately.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
  retryAfterMs?: number
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxDelayMs);
  const exponential = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  const random = (policy.random ?? Math.random)();
  return Math.round(exponential / 2 + (exponential / 2) * random);
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
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const name = (current as {name?: unknown}).name;
    if (name === 'TimeoutError') return true;
    const code = errorCode(current);
    if (code && TRANSIENT_NETWORK_CODES.has(code)) return true;
    if (current instanceof TypeError && current.message === 'fetch failed' && !(current as Error).cause) return true;
    current = (current as {cause?: unknown}).cause;
  }
  return false;
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
