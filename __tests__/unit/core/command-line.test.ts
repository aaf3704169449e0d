import {quote} from '../../../src/core/command-line.js';

describe('quote', () => {
  it.each([
    ['--push', '--push'],
    ['ghcr.io/o/r:1.2.3', 'ghcr.io/o/r:1.2.3'],
    ['a label=Hello World', "'a label=Hello World'"],
    ["it's", "'it'\\''s'"],
    ['x=line1\n::error::injected', "$'x=line1\\n::error::injected'"],
    ['tab\there\r', "$'tab\\there\\r'"],
    ["bell\x07 and 'quote' and \\", "$'bell\\x07 and \\'quote\\' and \\\\'"]
  ])('%j is shown as %s', (argument, shown) => {
    expect(quote(argument)).toBe(shown);
    expect(quote(argument)).not.toContain('\n');
  });
});
