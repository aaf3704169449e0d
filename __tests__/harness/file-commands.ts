/**
 * What the GitHub Actions runner reads back from a JavaScript action, parsed with the runner's own rules
 * (actions/runner, Runner.Worker FileCommandManager + ActionCommandManager, Linux build).
 *
 * File commands (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV):
 * - the file is split on "\n" only; a "\r" before it stays part of the line (the runner's Linux behaviour);
 * - empty lines are skipped; there is no comment syntax;
 * - whichever of "=" and "<<" comes first decides the form: `name=value` (the value may contain "=") or
 *   `name<<DELIMITER`, then the value lines, then a line equal to DELIMITER;
 * - a heredoc without its closing delimiter, an empty heredoc name/delimiter, a line with neither form, or a
 *   heredoc value line that ends the file without a newline are errors. Like the runner, entries read before
 *   the error are kept and the step fails.
 * GITHUB_PATH: one directory per non-empty line; the runner puts later lines first on PATH.
 *
 * Workflow commands printed on stdout OR stderr (the runner watches both):
 * - `::name key=value,key2=value2::message`, after leading whitespace, with the name case-insensitive and
 *   one of the runner's registered commands; message escapes %0D %0A %25, property escapes %0D %0A %3A %2C %25;
 * - the legacy `##[name key=value;key2=value2]message` form, found anywhere in a line;
 * - `::stop-commands::TOKEN` ignores commands until a line `::TOKEN::`.
 */

/** The runner registers these command names; any other `::x::` line is plain output. */
const REGISTERED_COMMANDS = new Set([
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'echo',
  'set-output',
  'save-state',
  'set-env',
  'add-path',
  'stop-commands'
]);

/** The runner refuses to let GITHUB_ENV change these (it reports an error and skips the entry). */
const ENV_BLOCK_LIST = ['NODE_OPTIONS'];

export interface KeyValueParse {
  /** Entries in file order; a later entry with the same name wins in `values`. */
  entries: Array<[string, string]>;
  values: Record<string, string>;
  /** The runner's exception message when the file is malformed (the step then fails). */
  error?: string;
}

/** Reads a GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV file the way the runner does. */
export function parseKeyValueFile(text: string): KeyValueParse {
  const entries: Array<[string, string]> = [];
  const values: Record<string, string> = {};
  const add = (name: string, value: string): void => {
    entries.push([name, value]);
    values[name] = value;
  };
  const reader = new LineReader(text);
  try {
    for (let line = reader.next(); line !== null; line = reader.next()) {
      if (line.text === '') continue;
      const equals = line.text.indexOf('=');
      const heredoc = line.text.indexOf('<<');
      if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
        // The runner checks the whole line, not the name, for emptiness: `=x` is accepted with an empty name.
        add(line.text.slice(0, equals), line.text.slice(equals + 1));
      } else if (heredoc >= 0) {
        const name = line.text.slice(0, heredoc);
        const delimiter = line.text.slice(heredoc + 2);
        if (name === '' || delimiter === '') {
          throw new Error(`Invalid format '${line.text}'. Name must not be empty and delimiter must not be empty`);
        }
        const start = reader.index;
        let end = start;
        for (let value = reader.next(); ; value = reader.next()) {
          if (value === null) throw new Error(`Invalid value. Matching delimiter not found '${delimiter}'`);
          if (value.text === delimiter) break;
          if (!value.newline) throw new Error('Invalid value. EOF marker missing new line.');
          end = reader.index - 1;
        }
        add(name, end > start ? text.slice(start, end) : '');
      } else {
        throw new Error(`Invalid format '${line.text}'`);
      }
    }
  } catch (error) {
    return {entries, values, error: (error as Error).message};
  }
  return {entries, values};
}

/** Reads a GITHUB_PATH file: the directories in the order they were added (the last one ends up first). */
export function parsePathFile(text: string): string[] {
  const reader = new LineReader(text);
  const paths: string[] = [];
  for (let line = reader.next(); line !== null; line = reader.next()) {
    if (line.text === '') continue;
    const existing = paths.indexOf(line.text);
    if (existing >= 0) paths.splice(existing, 1);
    paths.push(line.text);
  }
  return paths;
}

/** The PATH a later step sees once GITHUB_PATH entries were added: newest first, then the old PATH. */
export function prependPath(added: string[], path: string): string {
  const front = [...added].reverse();
  return [...front, ...(path === '' ? [] : [path])].join(':');
}

/** GITHUB_ENV entries the runner applies to later steps, and the errors it reports for blocked names. */
export function envFileEffects(values: Record<string, string>): {env: Record<string, string>; errors: string[]} {
  const env: Record<string, string> = {};
  const errors: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const blocked = ENV_BLOCK_LIST.find(b => b.toLowerCase() === name.toLowerCase());
    if (blocked) errors.push(`Can't store ${blocked} output parameter using '$GITHUB_ENV' command.`);
    else env[name] = value;
  }
  return {env, errors};
}

class LineReader {
  index = 0;
  constructor(private readonly text: string) {}

  /** The next line without its "\n"; `newline` is false for a last line that has none. */
  next(): {text: string; newline: boolean} | null {
    if (this.index >= this.text.length) return null;
    const start = this.index;
    const lf = this.text.indexOf('\n', start);
    if (lf < 0) {
      this.index = this.text.length;
      return {text: this.text.slice(start), newline: false};
    }
    this.index = lf + 1;
    return {text: this.text.slice(start, lf), newline: true};
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Workflow commands

export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  stream: OutputStream;
  text: string;
}

export interface WorkflowCommand {
  /** Lowercased command name. */
  command: string;
  /** Property names as written (the runner compares them case-insensitively); values unescaped. */
  properties: Record<string, string>;
  /** The unescaped message after the second `::`. */
  message: string;
  stream: OutputStream;
  /** The raw output line. */
  line: string;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  /** file, line, endLine, col, endColumn, title... as given. */
  properties: Record<string, string>;
}

export interface CommandLog {
  /** Every command the runner would process, in output order. */
  commands: WorkflowCommand[];
  annotations: Annotation[];
  errors: string[];
  warnings: string[];
  notices: string[];
  debug: string[];
  /** Values registered with add-mask (the runner replaces them with *** in the log). */
  masks: string[];
  /** Group titles in the order they were opened. */
  groups: string[];
  /** Groups opened and never closed (the runner closes them silently; usually a bug in the action). */
  unclosedGroups: number;
  /** Values set with the deprecated `::set-output name=x::v` / `::save-state name=x::v` commands. */
  legacyOutputs: Record<string, string>;
  legacyState: Record<string, string>;
  /** Messages the runner itself would log as errors; `failed` tells whether one of them fails the step. */
  runnerErrors: string[];
  runnerWarnings: string[];
  failed: boolean;
}

/** Splits a chunked stream into lines the way .NET's DataReceived event does ("\n", "\r\n" or a lone "\r"). */
export class LineSplitter {
  private pending = '';
  private lastWasCr = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly sink: (line: OutputLine) => void
  ) {}

  push(chunk: string): void {
    for (const char of chunk) {
      if (char === '\n') {
        if (this.lastWasCr) {
          this.lastWasCr = false;
          continue;
        }
        this.emit();
      } else if (char === '\r') {
        this.emit();
        this.lastWasCr = true;
        continue;
      } else {
        this.pending += char;
      }
      this.lastWasCr = false;
    }
  }

  end(): void {
    if (this.pending !== '') this.emit();
  }

  private emit(): void {
    this.sink({stream: this.stream, text: this.pending});
    this.pending = '';
  }
}

export function splitLines(text: string, stream: OutputStream = 'stdout'): OutputLine[] {
  const lines: OutputLine[] = [];
  const splitter = new LineSplitter(stream, line => lines.push(line));
  splitter.push(text);
  splitter.end();
  return lines;
}

function replaceAll(value: string, mappings: Array<[string, string]>): string {
  let result = value;
  for (const [escaped, plain] of mappings) result = result.split(escaped).join(plain);
  return result;
}

// Same order as the runner: "%25" last, so "%250A" stays "%0A" text.
const DATA_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%']
];
const PROPERTY_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%']
];
const LEGACY_ESCAPES: Array<[string, string]> = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%']
];

export function unescapeData(value: string): string {
  return replaceAll(value, DATA_ESCAPES);
}

export function unescapeProperty(value: string): string {
  return replaceAll(value, PROPERTY_ESCAPES);
}

/** Escapes a message for `::cmd::message` (what @actions/core does), for fake actions written by tests. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Parses one line the way ActionCommand.TryParseV2 then TryParse do; null when it is plain output. */
export function parseCommandLine(
  line: string,
  registered: ReadonlySet<string> = REGISTERED_COMMANDS
): Omit<WorkflowCommand, 'stream'> | null {
  return parseV2(line, registered) ?? parseLegacy(line, registered);
}

function parseV2(line: string, registered: ReadonlySet<string>): Omit<WorkflowCommand, 'stream'> | null {
  const message = line.trimStart();
  if (!message.startsWith('::')) return null;
  const end = message.indexOf('::', 2);
  if (end < 0) return null;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name.toLowerCase())) return null;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const item of info
      .slice(space + 1)
      .trim()
      .split(',')) {
      if (item === '') continue;
      const equals = item.indexOf('=');
      // The runner drops `key=` (empty value) and `=value` (empty key).
      if (equals <= 0 || equals === item.length - 1) continue;
      properties[item.slice(0, equals)] = unescapeProperty(item.slice(equals + 1));
    }
  }
  return {command: name.toLowerCase(), properties, message: unescapeData(message.slice(end + 2)), line};
}

function parseLegacy(line: string, registered: ReadonlySet<string>): Omit<WorkflowCommand, 'stream'> | null {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return null;
  const close = line.indexOf(']', prefix);
  if (close < 0) return null;
  const info = line.slice(prefix + 3, close);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name.toLowerCase())) return null;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const item of info.slice(space + 1).split(';')) {
      const equals = item.indexOf('=');
      if (equals <= 0 || equals === item.length - 1) continue;
      properties[item.slice(0, equals)] = replaceAll(item.slice(equals + 1), LEGACY_ESCAPES);
    }
  }
  return {command: name.toLowerCase(), properties, message: replaceAll(line.slice(close + 1), LEGACY_ESCAPES), line};
}

function propertyOf(properties: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(properties).find(k => k.toLowerCase() === name);
  return key === undefined ? undefined : properties[key];
}

/** Runs the lines of a step's output through the runner's command processing. */
export function processWorkflowCommands(lines: Iterable<OutputLine>): CommandLog {
  const log: CommandLog = {
    commands: [],
    annotations: [],
    errors: [],
    warnings: [],
    notices: [],
    debug: [],
    masks: [],
    groups: [],
    unclosedGroups: 0,
    legacyOutputs: {},
    legacyState: {},
    runnerErrors: [],
    runnerWarnings: [],
    failed: false
  };
  const registered = new Set(REGISTERED_COMMANDS);
  let stopToken: string | null = null;
  let openGroups = 0;

  const fail = (message: string): void => {
    log.runnerErrors.push(message);
    log.failed = true;
  };

  for (const {stream, text} of lines) {
    if (text === '') continue;
    const parsed = parseCommandLine(text, registered);
    if (!parsed) continue;
    if (stopToken !== null) {
      // An empty token can never resume processing, as on a runner.
      if (stopToken !== '' && parsed.command === stopToken.toLowerCase()) {
        registered.delete(stopToken.toLowerCase());
        stopToken = null;
      }
      continue;
    }
    const command: WorkflowCommand = {...parsed, stream};
    log.commands.push(command);
    switch (command.command) {
      case 'stop-commands':
        stopToken = command.message;
        registered.add(stopToken.toLowerCase());
        break;
      case 'error':
      case 'warning':
      case 'notice': {
        log.annotations.push({level: command.command, message: command.message, properties: command.properties});
        const list =
          command.command === 'error' ? log.errors : command.command === 'warning' ? log.warnings : log.notices;
        list.push(command.message);
        break;
      }
      case 'debug':
        log.debug.push(command.message);
        break;
      case 'add-mask':
        if (command.message.trim() === '') {
          log.runnerWarnings.push("Can't add secret mask for empty string in ##[add-mask] command.");
        } else {
          log.masks.push(command.message);
        }
        break;
      case 'group':
        log.groups.push(command.message);
        openGroups++;
        break;
      case 'endgroup':
        if (openGroups > 0) openGroups--;
        break;
      case 'set-output':
      case 'save-state': {
        const name = propertyOf(command.properties, 'name');
        if (!name) {
          fail(`Unable to process command '${command.line}' successfully.`);
          log.runnerErrors.push(`Required field 'name' is missing in ##[${command.command}] command.`);
          break;
        }
        (command.command === 'set-output' ? log.legacyOutputs : log.legacyState)[name] = command.message;
        log.runnerWarnings.push(
          `The \`${command.command}\` command is deprecated and will be disabled soon. ` +
            'Please upgrade to using Environment Files.'
        );
        break;
      }
      case 'set-env':
      case 'add-path':
        // Disabled unless ACTIONS_ALLOW_UNSECURE_COMMANDS is set, which no action should rely on.
        fail(`Unable to process command '${command.line}' successfully.`);
        log.runnerErrors.push(`The \`${command.command}\` command is disabled.`);
        break;
      default:
        // echo, add-matcher, remove-matcher: recorded in `commands` only.
        break;
    }
  }
  log.unclosedGroups = openGroups;
  return log;
}

/** What the runner shows in the log for `text`: every registered mask replaced by ***. */
export function applyMasks(text: string, masks: readonly string[]): string {
  const sorted = [...new Set(masks)].filter(m => m.trim() !== '').sort((a, b) => b.length - a.length);
  let result = text;
  for (const mask of sorted) result = result.split(mask).join('***');
  return result;
}
