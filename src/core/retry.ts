/**
 * Bounded retries with exponential backoff and jitter, for hiccups of registries, services and docker commands;
 * what counts as a hiccup is the caller's (adapters/http-policy.ts for HTTP). Pure apart from the clock and the
 * random source, both injectable so tests never wait.
 */

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
