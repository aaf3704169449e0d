import {isSha256Digest, sha256Digest, SHA256_HEX_PATTERN} from '../../../src/core/digests.js';

describe('digests', () => {
  it('gives content the digest a registry gives it', () => {
    expect(sha256Digest('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Digest(new Uint8Array([104, 105]))).toBe(sha256Digest('hi'));
  });

  it('recognises sha256 digests only', () => {
    expect(isSha256Digest(sha256Digest('x'))).toBe(true);
    expect(isSha256Digest(`sha256:${'A'.repeat(64)}`)).toBe(false);
    expect(isSha256Digest(`sha512:${'a'.repeat(64)}`)).toBe(false);
    expect(isSha256Digest(`sha256:${'a'.repeat(63)}`)).toBe(false);
    expect(new RegExp(`^${SHA256_HEX_PATTERN}$`).test('f'.repeat(64))).toBe(true);
  });
});
