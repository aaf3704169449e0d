import {type RetryPolicy, backoffDelay, retry} from '../../../src/core/retry.js';
import {HttpError, isTransientHttpError, retryAfterFromError} from '../../../src/adapters/http-policy.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** A sleep that records the delays and returns at once: no test ever waits. */
function fakeSleep() {
  const delays: number[] = [];
  return {delays, sleep: async (ms: number) => void delays.push(ms)};
}

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    attempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    isTransient: isTransientHttpError,
    retryAfterMs: error => retryAfterFromError(error, NOW),
    random: () => 0.5,
    ...overrides
  };
}

/** An operation failing with the given errors in order, then answering 'done'. */
function failing(...errors: unknown[]) {
  const calls: number[] = [];
  const operation = async (attempt: number) => {
    calls.push(attempt);
    const error = errors[attempt - 1];
    if (error !== undefined) throw error;
    return 'done';
  };
  return {calls, operation};
}

function networkError(code: string): TypeError {
  return new TypeError('fetch failed', {cause: Object.assign(new Error(`connect ${code}`), {code})});
}

describe('retry', () => {
  test('succeeds at once without sleeping', async () => {
    const {delays, sleep} = fakeSleep();
    const {calls, operation} = failing();
    await expect(retry(operation, policy(), sleep)).resolves.toBe('done');
    expect(calls).toEqual([1]);
    expect(delays).toEqual([]);
  });

  test.each([
    ['500', new HttpError(500, 'internal')],
    ['502', new HttpError(502, 'bad gateway')],
    ['503', new HttpError(503, 'unavailable')],
    ['429', new HttpError(429, 'toomanyrequests')],
    ['connection reset', networkError('ECONNRESET')],
    ['connection refused', networkError('ECONNREFUSED')],
    ['socket closed by undici', networkError('UND_ERR_SOCKET')],
    ['timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError')]
  ])('retries %s', async (_name, error) => {
    const {delays, sleep} = fakeSleep();
    const {calls, operation} = failing(error, error);
    await expect(retry(operation, policy(), sleep)).resolves.toBe('done');
    expect(calls).toEqual([1, 2, 3]);
    expect(delays).toHaveLength(2);
  });

  test.each([401, 403, 404, 400])('does not retry %s', async status => {
    const {delays, sleep} = fakeSleep();
    const error = new HttpError(status, `status ${status}`);
    const {calls, operation} = failing(error);
    await expect(retry(operation, policy(), sleep)).rejects.toBe(error);
    expect(calls).toEqual([1]);
    expect(delays).toEqual([]);
  });

  test('a DENIED code is never retried, even on a 5xx', async () => {
    const {sleep} = fakeSleep();
    const error = new HttpError(500, 'denied: permission_denied: write_package', undefined, 'DENIED');
    const {calls, operation} = failing(error);
    await expect(retry(operation, policy(), sleep)).rejects.toBe(error);
    expect(calls).toEqual([1]);
  });

  test('unknown errors (bugs) are not retried', async () => {
    const {sleep} = fakeSleep();
    const {calls, operation} = failing(new RangeError('bug'));
    await expect(retry(operation, policy(), sleep)).rejects.toThrow('bug');
    expect(calls).toEqual([1]);
  });

  test('attempts are bounded and the last error is rethrown', async () => {
    const {delays, sleep} = fakeSleep();
    const errors = [1, 2, 3, 4, 5, 6].map(n => new HttpError(503, `failure ${n}`));
    const {calls, operation} = failing(...errors);
    await expect(retry(operation, policy({attempts: 4}), sleep)).rejects.toBe(errors[3]);
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(delays).toHaveLength(3);
  });

  test('attempts below 1 still make one attempt', async () => {
    const {sleep} = fakeSleep();
    const {calls, operation} = failing(new HttpError(503, 'x'));
    await expect(retry(operation, policy({attempts: 0}), sleep)).rejects.toThrow('x');
    expect(calls).toEqual([1]);
  });

  test('backoff doubles with jitter and is capped at maxDelayMs', async () => {
    const {delays, sleep} = fakeSleep();
    const error = new HttpError(502, 'x');
    const {operation} = failing(error, error, error, error, error, error);
    await retry(operation, policy({attempts: 7, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5}), sleep);
    // Half fixed, half random (0.5 here): 75% of 100, 200, 400, 800, then the 1000 cap.
    expect(delays).toEqual([75, 150, 300, 600, 750, 750]);
  });

  test('jitter stays between half and all of the exponential delay', () => {
    for (const random of [0, 0.25, 0.999]) {
      for (let attempt = 1; attempt <= 8; attempt++) {
        const exponential = Math.min(100 * 2 ** (attempt - 1), 5_000);
        const delay = backoffDelay(attempt, {baseDelayMs: 100, maxDelayMs: 5_000, random: () => random});
        expect(delay).toBeGreaterThanOrEqual(exponential / 2);
        expect(delay).toBeLessThanOrEqual(exponential);
      }
    }
  });

  test('Retry-After in seconds is honoured instead of the backoff', async () => {
    const {delays, sleep} = fakeSleep();
    const {operation} = failing(new HttpError(429, 'toomanyrequests', '0'), new HttpError(503, 'x', '2'));
    await retry(operation, policy({maxDelayMs: 10_000}), sleep);
    expect(delays).toEqual([0, 2_000]);
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    const {delays, sleep} = fakeSleep();
    const date = new Date(NOW + 3_000).toUTCString();
    const {operation} = failing(new HttpError(503, 'x', date));
    await retry(operation, policy({maxDelayMs: 10_000}), sleep);
    expect(delays).toEqual([3_000]);
  });

  test('Retry-After is capped at maxDelayMs', async () => {
    const {delays, sleep} = fakeSleep();
    const date = new Date(NOW + 3_600_000).toUTCString();
    const {operation} = failing(new HttpError(429, 'x', '120'), new HttpError(429, 'x', date));
    await retry(operation, policy({maxDelayMs: 1_000}), sleep);
    expect(delays).toEqual([1_000, 1_000]);
  });

  test('an invalid Retry-After falls back to the backoff', async () => {
    const {delays, sleep} = fakeSleep();
    const {operation} = failing(new HttpError(429, 'x', 'soon'));
    await retry(operation, policy(), sleep);
    expect(delays).toEqual([75]);
  });

  test('onRetry sees each error, attempt and delay', async () => {
    const {sleep} = fakeSleep();
    const seen: [string, number, number][] = [];
    const {operation} = failing(new HttpError(500, 'a'), new HttpError(502, 'b'));
    await retry(
      operation,
      policy({onRetry: (error, attempt, delay) => seen.push([(error as Error).message, attempt, delay])}),
      sleep
    );
    expect(seen).toEqual([
      ['a', 1, 75],
      ['b', 2, 150]
    ]);
  });
});
