import {
  ListOptions,
  ListSyntaxError,
  parseCsvFields,
  parseList,
  parseListItems
} from '../../../src/core/input-lists.js';

const metadataStyle: ListOptions = {ignoreComma: true, comment: '#', commentNoInfix: true};

describe('parseList', () => {
  const cases: Array<[string, string, ListOptions, string[]]> = [
    // Records and fields
    ['each field of each line is an item', 'a,b\nc', {}, ['a', 'b', 'c']],
    ['ignoreComma re-joins the fields of a line', 'a,b\nc', {ignoreComma: true}, ['a,b', 'c']],
    ['an empty input has no items', '', {}, []],
    ['empty and blank lines are skipped', '\n\n   \n\t\na\n\n', {}, ['a']],
    ['trailing and doubled commas leave no empty items', 'a,,b,\n,', {}, ['a', 'b']],
    ['a blank field is not an item', 'a, ,b', {}, ['a', 'b']],
    [
      'ignoreComma keeps a trailing comma as written',
      'type=raw,value=foo,',
      {ignoreComma: true},
      ['type=raw,value=foo,']
    ],
    [
      'ignoreComma keeps the blanks inside a row',
      'org.label=Hello, world ',
      {ignoreComma: true},
      ['org.label=Hello, world']
    ],
    ['items are trimmed', '  a  ,\tb\t\n  c  ', {}, ['a', 'b', 'c']],
    ['trimWhitespace: false keeps blanks', '  a  ,b\n c', {trimWhitespace: false}, ['  a  ', 'b', ' c']],
    ['trimWhitespace: false still drops blank items', 'a,   \n   ', {trimWhitespace: false}, ['a']],

    // Quotes
    ['a quoted field may hold commas', '"a,b",c', {}, ['a,b', 'c']],
    ['a quoted field joins with its row under ignoreComma', '"a,b",c', {ignoreComma: true}, ['a,b,c']],
    ['a doubled quote inside quotes is one quote', '"say ""hi""",x', {}, ['say "hi"', 'x']],
    ['a field of two quotes is empty', '"",a', {}, ['a']],
    ['a quote after blanks still opens a quoted field', '  "a,b"  , c', {}, ['a,b', 'c']],
    ['without trimming, a quote after blanks is literal', '  "a,b"', {trimWhitespace: false}, ['  "a', 'b"']],
    ['without trimming, a quoted field keeps its blanks', '" a ",b', {trimWhitespace: false}, [' a ', 'b']],
    ['a quote in the middle of a field is literal', 'value="a,b"', {}, ['value="a', 'b"']],
    ['a mid-field quote survives ignoreComma', 'value="a,b"', {ignoreComma: true}, ['value="a,b"']],
    ['text after a closing quote gives the quotes back', '"a"b,c', {}, ['"a"b', 'c']],
    [
      'a quoted value may span lines',
      '"KEY=line1\nline2"\nOTHER=x',
      {ignoreComma: true},
      ['KEY=line1\nline2', 'OTHER=x']
    ],
    ['a quoted line break is not a record break', 'a,"b\n\nc",d', {}, ['a', 'b\n\nc', 'd']],
    ['quote: false takes quotes literally', '"a,b",c', {quote: false}, ['"a', 'b"', 'c']],
    ['quote: false does not join lines', '"KEY=a\nb"', {ignoreComma: true, quote: false}, ['"KEY=a', 'b"']],
    ['another quote character can be chosen', "'a,b',\"c", {quote: "'"}, ['a,b', '"c']],

    // Comments
    ['without a comment option # is data', '# not a comment', {}, ['# not a comment']],
    ['a comment line is skipped', '# header\na\n  # indented\nb', {comment: '#'}, ['a', 'b']],
    ['a comment may end a line', 'a # note\nb,c#d,e', {comment: '#'}, ['a', 'b', 'c']],
    ['# inside quotes is data', '"b#c" # note', {comment: '#'}, ['b#c']],
    ['a closing quote may be followed by a comment', '"b,c"# note', {comment: '#'}, ['b,c']],
    ['only comments gives nothing', '# one\n\n   # two\n#', {comment: '#'}, []],
    [
      'commentNoInfix keeps # inside values',
      '# tags\n  # indented comment\ntype=raw,value=#1\nlabel=a#b # not a comment',
      metadataStyle,
      ['type=raw,value=#1', 'label=a#b # not a comment']
    ],
    ['commentNoInfix keeps # at the start of a later field', 'a,#b', {comment: '#', commentNoInfix: true}, ['a', '#b']],
    [
      'a quoted line starting with # is no comment',
      '"# quoted"\n"x\n# inside"',
      metadataStyle,
      ['# quoted', 'x\n# inside']
    ],

    // Line endings
    ['CRLF line endings split lines', 'a\r\nb\r\n\r\nc\r\n', {}, ['a', 'b', 'c']],
    ['a lone CR splits lines', 'a\rb', {}, ['a', 'b']],
    ['CRLF inside quotes becomes LF', '"x\r\ny"', {ignoreComma: true}, ['x\ny']],
    ['CRLF comment lines are skipped', '# c\r\na\r\n', metadataStyle, ['a']]
  ];

  it.each(cases)('%s', (_name, raw, options, expected) => {
    expect(parseList(raw, options)).toEqual(expected);
  });
});

describe('parseListItems line numbers', () => {
  it('counts comment, blank and quoted lines', () => {
    const raw = '# header\n\nfoo\n  \nbar, baz\n"multi\nline",after\nlast';
    expect(parseListItems(raw, {comment: '#'})).toEqual([
      {value: 'foo', line: 3},
      {value: 'bar', line: 5},
      {value: 'baz', line: 5},
      {value: 'multi\nline', line: 6},
      {value: 'after', line: 7},
      {value: 'last', line: 8}
    ]);
  });

  it('gives a joined row the line it starts on', () => {
    const raw = '# images\nghcr.io/a/b\n\n"KEY=1\n2",x\nlast';
    expect(parseListItems(raw, metadataStyle)).toEqual([
      {value: 'ghcr.io/a/b', line: 2},
      {value: 'KEY=1\n2,x', line: 4},
      {value: 'last', line: 6}
    ]);
  });

  it('counts a CRLF as one line', () => {
    expect(parseListItems('a\r\n\r\nb\r\nc')).toEqual([
      {value: 'a', line: 1},
      {value: 'b', line: 3},
      {value: 'c', line: 4}
    ]);
  });

  it('skips dropped empty items without shifting lines', () => {
    expect(parseListItems(',\n ,a')).toEqual([{value: 'a', line: 2}]);
  });
});

describe('unclosed quotes', () => {
  it('fail with the line where the quote opened', () => {
    const parse = () => parseListItems('ok\n"KEY=a\nb\nc', {ignoreComma: true});
    expect(parse).toThrow(ListSyntaxError);
    expect(parse).toThrow(/^line 2: the value opens with " but never closes it/);
    try {
      parse();
    } catch (error) {
      expect((error as ListSyntaxError).line).toBe(2);
    }
  });

  it('are fine when quotes are literal', () => {
    expect(parseList('"abc', {quote: false})).toEqual(['"abc']);
  });

  it('are fine in the middle of a field', () => {
    expect(parseList('a"bc')).toEqual(['a"bc']);
  });
});

describe('parseCsvFields', () => {
  const cases: Array<[string, string[]]> = [
    ['type=semver,pattern={{version}}', ['type=semver', 'pattern={{version}}']],
    [' type=raw , value=foo ,, ', ['type=raw', 'value=foo']],
    ['', []],
    ['type=raw,"value=a,b"', ['type=raw', 'value=a,b']],
    ['type=raw, "value=a,b" ,enable=true', ['type=raw', 'value=a,b', 'enable=true']],
    ['type=raw,value="a,b"', ['type=raw', 'value="a', 'b"']],
    ['type=raw,"value=say ""hi"""', ['type=raw', 'value=say "hi"']],
    ['type=raw,value=#1', ['type=raw', 'value=#1']],
    ['type=raw,value=a\nb', ['type=raw', 'value=a\nb']]
  ];

  it.each(cases)('%j', (line, expected) => {
    expect(parseCsvFields(line)).toEqual(expected);
  });

  it('rejects an unclosed quote', () => {
    expect(() => parseCsvFields('type=raw,"value=a')).toThrow(ListSyntaxError);
  });
});
