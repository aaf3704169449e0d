import {
  describeTransportFailure,
  HttpError,
  isNetworkError,
  isTransientHttpError,
  parseRetryAfter
} from '../../../src/adapters/http-policy.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');

describe('parseRetryAfter', () => {
  test.each([
    ['0', 0],
    ['5', 5_000],
    [' 120 ', 120_000],
    [new Date(NOW + 7_000).toUTCString(), 7_000],
    ['Mon, 23 Nov 2026 11:00:00 GMT', 0], // in the past: no wait
    [undefined, undefined],
    [null, undefined],
    ['', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined]
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('isTransientHttpError', () => {
  test('a fetch failure whose cause is not a network error is not transient', () => {
    expect(isTransientHttpError(new TypeError('fetch failed', {cause: new Error('invalid URL')}))).toBe(false);
  });

  test('408 is transient', () => {
    expect(isTransientHttpError(new HttpError(408, 'timeout'))).toBe(true);
  });
});

describe('failures without an answer', () => {
  const socketError = (code: string) => Object.assign(new Error('socket'), {code});
  const fetchFailed = (cause: unknown) => new TypeError('fetch failed', {cause});
  const timeout = Object.assign(new Error('The operation was aborted due to timeout'), {name: 'TimeoutError'});

  it('finds the socket error or the timeout in the cause chain', () => {
    expect(isNetworkError(fetchFailed(socketError('ECONNRESET')))).toBe(true);
    expect(isNetworkError(timeout)).toBe(true);
    expect(isNetworkError(fetchFailed(socketError('CERT_HAS_EXPIRED')))).toBe(false);
    expect(isNetworkError(new Error('bug'))).toBe(false);
  });

  it('describes it without the URL fetch may quote', () => {
    const error = fetchFailed(socketError('ECONNREFUSED'));
    error.message = 'fetch failed for https://blob.example/x?sig=SECRET';
    expect(describeTransportFailure(error, 20_000)).toBe('network error ECONNREFUSED');
    expect(describeTransportFailure(fetchFailed(timeout), 20_000)).toBe('no answer within 20000 ms');
    expect(describeTransportFailure(new Error('https://x/?sig=SECRET'), 1)).toBe('network error');
  });

  it('looks five causes deep at most', () => {
    let deep: unknown = socketError('ECONNRESET');
    for (let level = 0; level < 5; level++) deep = new Error(`level ${level}`, {cause: deep});
    expect(isNetworkError(deep)).toBe(false);
  });
});
