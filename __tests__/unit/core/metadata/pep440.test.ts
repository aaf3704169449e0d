import {formatPep440, isPep440Final, parsePep440, pep440Part} from '../../../../src/core/metadata/pep440.js';

describe('PEP 440', () => {
  test.each([
    ['1.2.3', '1.2.3', true],
    ['v1.2.3', '1.2.3', true],
    ['V1.2.3', '1.2.3', true],
    [' 1.0 ', '1.0', true],
    ['01.002.3', '1.2.3', true],
    ['2!1.0', '2!1.0', true],
    ['0!1.0', '1.0', true],
    ['1.0a1', '1.0a1', false],
    ['1.0-alpha-1', '1.0a1', false],
    ['1.0.beta.2', '1.0b2', false],
    ['1.0c3', '1.0rc3', false],
    ['1.0pre', '1.0rc0', false],
    ['1.0preview_4', '1.0rc4', false],
    ['1.0RC1', '1.0rc1', false],
    ['1.0-1', '1.0.post1', false],
    ['1.0post', '1.0.post0', false],
    ['1.0.rev2', '1.0.post2', false],
    ['1.0r3', '1.0.post3', false],
    ['1.0dev', '1.0.dev0', false],
    ['1.0a1.post2.dev3', '1.0a1.post2.dev3', false],
    ['1.0+Ubuntu-1_02', '1.0+ubuntu.1.2', true],
    ['1.0+abc.007', '1.0+abc.7', true]
  ])('%j normalizes to %s (final: %s)', (input, normalized, final) => {
    const version = parsePep440(input);
    expect(version).toBeDefined();
    if (!version) return;
    expect(formatPep440(version)).toBe(normalized);
    expect(isPep440Final(version)).toBe(final);
  });

  test.each(['', 'v', '1.', '.1', '1..2', '1.0-beta.x', '1.0+', '1.0+a..b', 'latest', '1.0a1b2', '=1.0'])(
    'rejects %j',
    input => {
      expect(parsePep440(input)).toBeUndefined();
    }
  );

  test('major, minor and patch default to 0', () => {
    const version = parsePep440('7');
    expect(version && [0, 1, 2].map(index => pep440Part(version, index as 0 | 1 | 2))).toEqual(['7', '0', '0']);
  });

  test('huge release numbers are kept exactly', () => {
    const version = parsePep440('12345678901234567890.1');
    expect(version && formatPep440(version)).toBe('12345678901234567890.1');
  });
});
