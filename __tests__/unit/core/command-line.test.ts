import {oneLine, quote, quoteForMessage} from '../../../src/core/command-line.js';

describe('quote', () => {
  it.each([
    ['--push', '--push'],
    ['ghcr.io/o/r:1.2.3', 'ghcr.io/o/r:1.2.3'],
    ['a label=Hello World', "'a label=Hello World'"],
    ["it's", "'it'\\''s'"],
    ['x=line1\n::error::injected', "$'x=line1\\n::error::injected'"],
    ['tab\there\r', "$'tab\\there\\r'"],
    ["bell\x07 and 'quote' and \\", "$'bell\\x07 and \\'quote\\' and \\\\'"],
    ['csi\x9b31m and del\x7f', "$'csi\\u009b31m and del\\x7f'"]
  ])('%j is shown as %s', (argument, shown) => {
    expect(quote(argument)).toBe(shown);
    expect(quote(argument)).not.toContain('\n');
  });
});

describe('values on one line and in messages', () => {
  it('escapes C0, DEL and C1 controls and nothing else', () => {
    expect(oneLine('a\nb\x1b[0m\x9bc é')).toBe('a\\nb\\x1b[0m\\u009bc é');
    expect(oneLine('plain ✓')).toBe('plain ✓');
  });

  it('quotes a message value as JSON does, with DEL and C1 escaped too', () => {
    expect(quoteForMessage('a"b\x1b\x7f\x9b')).toBe('"a\\"b\\u001b\\u007f\\u009b"');
  });
});
