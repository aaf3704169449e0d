import {
  LineSplitter,
  type OutputLine,
  applyMasks,
  envFileEffects,
  escapeData,
  escapeProperty,
  parseCommandLine,
  parseKeyValueFile,
  parsePathFile,
  prependPath,
  processWorkflowCommands,
  splitLines,
  unescapeData,
  unescapeProperty
} from './file-commands.js';

describe('parseKeyValueFile', () => {
  it('reads name=value lines, keeping every "=" after the first in the value', () => {
    expect(parseKeyValueFile('a=1\n\nurl=https://x/?q=1&r=2\nempty=\n')).toEqual({
      entries: [
        ['a', '1'],
        ['url', 'https://x/?q=1&r=2'],
        ['empty', '']
      ],
      values: {a: '1', url: 'https://x/?q=1&r=2', empty: ''}
    });
  });

  it('reads heredocs with multi-line values, "=" and "<<" inside', () => {
    const text = 'tags<<EOF_1\nghcr.io/a/b:1\nghcr.io/a/b:latest=x<<y\nEOF_1\nnext=1\n';
    expect(parseKeyValueFile(text).values).toEqual({tags: 'ghcr.io/a/b:1\nghcr.io/a/b:latest=x<<y', next: '1'});
  });

  it('gives an empty heredoc an empty value and accepts a last delimiter without newline', () => {
    expect(parseKeyValueFile('a<<D\nD').values).toEqual({a: ''});
    expect(parseKeyValueFile('a<<D\n\nD\n').values).toEqual({a: ''});
    expect(parseKeyValueFile('a<<D\n\n\nD\n').values).toEqual({a: '\n'});
  });

  it('decides the form by whichever of "=" and "<<" comes first', () => {
    expect(parseKeyValueFile('a=b<<c\n').values).toEqual({a: 'b<<c'});
    expect(parseKeyValueFile('a<<=\nv\n=\n').values).toEqual({a: 'v'});
  });

  it('keeps a carriage return, as the Linux runner splits on "\\n" only', () => {
    expect(parseKeyValueFile('a=1\r\n').values).toEqual({a: '1\r'});
  });

  it('lets a later entry win', () => {
    expect(parseKeyValueFile('a=1\na=2\n').values).toEqual({a: '2'});
  });

  it('reports the runner errors and keeps the entries read before them', () => {
    expect(parseKeyValueFile('ok=1\nbroken<<EOF\nvalue\n')).toEqual({
      entries: [['ok', '1']],
      values: {ok: '1'},
      error: "Invalid value. Matching delimiter not found 'EOF'"
    });
    expect(parseKeyValueFile('a<<EOF\nvalue').error).toBe('Invalid value. EOF marker missing new line.');
    expect(parseKeyValueFile('just text\n').error).toBe("Invalid format 'just text'");
    expect(parseKeyValueFile('<<EOF\nx\nEOF\n').error).toMatch(/Name must not be empty and delimiter/);
    expect(parseKeyValueFile('name<<\n').error).toMatch(/delimiter must not be empty/);
  });
});

describe('GITHUB_PATH and GITHUB_ENV effects', () => {
  it('lists directories once each, and puts the newest first on PATH', () => {
    const added = parsePathFile('/a\n\n/b\n/a\n');
    expect(added).toEqual(['/b', '/a']);
    expect(prependPath(added, '/usr/bin:/bin')).toBe('/a:/b:/usr/bin:/bin');
    expect(prependPath([], '/usr/bin')).toBe('/usr/bin');
  });

  it('blocks NODE_OPTIONS like the runner', () => {
    expect(envFileEffects({node_options: '--x', A: '1'})).toEqual({
      env: {A: '1'},
      errors: ["Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command."]
    });
  });
});

describe('escapes', () => {
  it('decodes in the runner order', () => {
    expect(unescapeData('a%0Ab%0D%25c')).toBe('a\nb\r%c');
    expect(unescapeData('100%250A')).toBe('100%0A');
    expect(unescapeProperty('C%3A%2Cx%25')).toBe('C:,x%');
  });

  it('round-trips what @actions/core writes', () => {
    const message = '50% done,\r\nnext: step';
    expect(unescapeData(escapeData(message))).toBe(message);
    expect(unescapeProperty(escapeProperty(message))).toBe(message);
  });
});

describe('parseCommandLine', () => {
  it('parses name, properties and message; names are case-insensitive', () => {
    expect(parseCommandLine('  ::ERROR file=a.ts,line=1,col=,=x::boom')).toEqual({
      command: 'error',
      properties: {file: 'a.ts', line: '1'},
      message: 'boom',
      line: '  ::ERROR file=a.ts,line=1,col=,=x::boom'
    });
  });

  it('ignores unknown commands and lines that only look like commands', () => {
    expect(parseCommandLine('::made-up::x')).toBeNull();
    expect(parseCommandLine('text ::error::x')).toBeNull();
    expect(parseCommandLine('::error')).toBeNull();
  });

  it('understands the legacy ##[command] form anywhere in a line', () => {
    expect(parseCommandLine('prefix ##[warning file=a%3Bb]careful')).toMatchObject({
      command: 'warning',
      properties: {file: 'a;b'},
      message: 'careful'
    });
  });
});

function lines(...texts: string[]): OutputLine[] {
  return texts.map(text => ({stream: 'stdout' as const, text}));
}

describe('processWorkflowCommands', () => {
  it('collects annotations, debug, masks and groups', () => {
    const log = processWorkflowCommands(
      lines(
        '::group::Build',
        '::debug::x',
        '::endgroup::',
        '::group::Push',
        '::error title=T::e',
        '::warning::w',
        '::notice::n',
        '::add-mask::hunter2',
        '::add-mask:: ',
        'plain text'
      )
    );
    expect(log.errors).toEqual(['e']);
    expect(log.annotations[0]).toEqual({level: 'error', message: 'e', properties: {title: 'T'}});
    expect(log.warnings).toEqual(['w']);
    expect(log.notices).toEqual(['n']);
    expect(log.debug).toEqual(['x']);
    expect(log.masks).toEqual(['hunter2']);
    expect(log.groups).toEqual(['Build', 'Push']);
    expect(log.unclosedGroups).toBe(1);
    expect(log.runnerWarnings).toEqual(["Can't add secret mask for empty string in ##[add-mask] command."]);
    expect(log.failed).toBe(false);
  });

  it('ignores commands between stop-commands and its token', () => {
    const log = processWorkflowCommands(lines('::stop-commands::tok', '::error::no', '::TOK::', '::error::yes'));
    expect(log.errors).toEqual(['yes']);
  });

  it('never resumes after stop-commands with an empty token', () => {
    const log = processWorkflowCommands(lines('::stop-commands::', '::::', '::error::no'));
    expect(log.errors).toEqual([]);
  });

  it('honours deprecated set-output/save-state with a warning and fails on disabled commands', () => {
    const log = processWorkflowCommands(lines('::set-output name=a::1', '::save-state name=s::2'));
    expect(log.legacyOutputs).toEqual({a: '1'});
    expect(log.legacyState).toEqual({s: '2'});
    expect(log.runnerWarnings).toHaveLength(2);
    expect(log.failed).toBe(false);
    expect(processWorkflowCommands(lines('::set-env name=A::1')).failed).toBe(true);
    expect(processWorkflowCommands(lines('::set-output::no name')).failed).toBe(true);
  });
});

describe('line splitting', () => {
  it('splits like .NET DataReceived across chunk boundaries', () => {
    const got: string[] = [];
    const splitter = new LineSplitter('stdout', line => got.push(line.text));
    splitter.push('a\r');
    splitter.push('\nb\rc');
    splitter.push('\n\nd');
    splitter.end();
    expect(got).toEqual(['a', 'b', 'c', '', 'd']);
    expect(splitLines('x\ny\n').map(l => l.text)).toEqual(['x', 'y']);
  });
});

describe('applyMasks', () => {
  it('replaces the longest secrets first', () => {
    expect(applyMasks('token abc and abcdef', ['abc', 'abcdef', ' '])).toBe('token *** and ***');
  });
});
