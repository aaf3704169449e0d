/**
 * The subset of Handlebars that docker/metadata-action users write in tag rules, flavor, labels and
 * annotations: `{{path}}`, `{{{path}}}`/`{{&path}}` (unescaped), helper calls with string, number and
 * boolean arguments and `key=value` hash arguments, `{{! comments }}`, `\{{` escapes and `~` whitespace
 * control. Output is HTML-escaped exactly like Handlebars, because metadata-action renders through it and
 * tags must come out identical. Blocks, partials and sub-expressions are rejected with a clear error
 * instead of being half-supported.
 */

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export interface HelperCall {
  readonly params: readonly TemplateValue[];
  readonly hash: ReadonlyMap<string, TemplateValue>;
  /** The params as written, for messages about them. */
  readonly paramSources: readonly string[];
  /** Reports something worth a warning that does not stop the rendering. */
  readonly notice: (message: string) => void;
}

export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly TemplateValue[]
  | TemplateHelper
  | {readonly [key: string]: TemplateValue};

export type TemplateHelper = (call: HelperCall) => TemplateValue;

export type TemplateScope = Readonly<Record<string, TemplateValue>>;

type Literal = string | number | boolean | null | undefined;

type Argument = ({kind: 'literal'; value: Literal} | {kind: 'path'; path: readonly string[]}) & {source: string};

type TemplateNode =
  | {kind: 'text'; text: string}
  | {kind: 'comment'}
  | {
      kind: 'mustache';
      escaped: boolean;
      path: readonly string[];
      params: readonly Argument[];
      hash: ReadonlyArray<readonly [string, Argument]>;
      source: string;
    };

export interface Template {
  readonly source: string;
  readonly nodes: readonly TemplateNode[];
}

const OPEN = '{{';
// Handlebars' ID token: anything but whitespace and its punctuation set.
const ID_CHARACTER_CLASS = '[^\\s!"#%&\'()*+,./;<=>@[\\\\\\]^`{|}~]';
const ID_CHAR = new RegExp(ID_CHARACTER_CLASS);
const ID_RUN = new RegExp(`${ID_CHARACTER_CLASS}+`, 'y');
const HASH_KEY = new RegExp(`(${ID_CHARACTER_CLASS}+)\\s*=`, 'y');
const NUMBER = /-?\d+(?:\.\d+)?(?=[~}\s)])/y;
const KEYWORD = /(true|false|null|undefined)(?=[~}\s)])/y;
const WHITESPACE = /\s*/y;
const LEADING_WHITESPACE = /^\s+/;
const TRAILING_WHITESPACE = /\s+$/;
const HTML_UNSAFE = /[&<>"'`=]/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;'
};

export function compileTemplate(source: string): Template {
  return {source, nodes: new TemplateParser(source).parse()};
}

/** True when the whole template is one `{{raw…}}` expression (metadata-action's test for honouring `raw` on prereleases). */
export function isSingleRawExpression(template: Template): boolean {
  const [only, ...rest] = template.nodes;
  return rest.length === 0 && only?.kind === 'mustache' && only.path[0] === 'raw';
}

export function renderTemplate(
  template: Template,
  scope: TemplateScope,
  notice: (message: string) => void = () => undefined
): string {
  let output = '';
  for (const node of template.nodes) {
    if (node.kind === 'text') output += node.text;
    else if (node.kind === 'mustache') {
      const text = valueToText(evaluateMustache(node, scope, notice));
      output += node.escaped ? escapeHtml(text) : text;
    }
  }
  return output;
}

function evaluateMustache(
  node: Extract<TemplateNode, {kind: 'mustache'}>,
  scope: TemplateScope,
  notice: (message: string) => void
): TemplateValue {
  const value = lookup(scope, node.path);
  if (typeof value === 'function') {
    const params = node.params.map(argument => evaluateArgument(argument, scope));
    const hash = new Map(node.hash.map(([key, argument]) => [key, evaluateArgument(argument, scope)] as const));
    return value({params, hash, paramSources: node.params.map(argument => argument.source), notice});
  }
  if (node.params.length > 0 || node.hash.length > 0) {
    throw new TemplateError(`${node.source} calls "${node.path.join('.')}", which is not a helper here`);
  }
  return value;
}

function evaluateArgument(argument: Argument, scope: TemplateScope): TemplateValue {
  return argument.kind === 'literal' ? argument.value : lookup(scope, argument.path);
}

function lookup(scope: TemplateScope, path: readonly string[]): TemplateValue {
  let current: TemplateValue = scope as TemplateValue;
  for (const segment of path) {
    // Like Handlebars, only own properties resolve: `{{constructor}}` must not reach the prototype.
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) {
      return undefined;
    }
    current = (current as Readonly<Record<string, TemplateValue>>)[segment];
  }
  return current;
}

function valueToText(value: TemplateValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueToText).join(',');
  if (typeof value === 'function') return '';
  return String(value);
}

function escapeHtml(text: string): string {
  return text.replace(HTML_UNSAFE, char => HTML_ENTITIES[char] ?? char);
}

class TemplateParser {
  private readonly nodes: TemplateNode[] = [];
  private position = 0;
  private stripLeadingWhitespace = false;

  constructor(private readonly source: string) {}

  parse(): TemplateNode[] {
    const {source} = this;
    while (this.position < source.length) {
      const open = source.indexOf(OPEN, this.position);
      if (open < 0) {
        this.addText(source.slice(this.position));
        break;
      }
      const before = source.slice(this.position, open);
      if (before.endsWith('\\\\')) {
        // `\\{{x}}`: an escaped backslash, then a real expression.
        this.addText(before.slice(0, -1));
        this.parseMustache(open);
      } else if (before.endsWith('\\')) {
        this.addText(before.slice(0, -1));
        this.parseEscapedMustache(open);
      } else {
        this.addText(before);
        this.parseMustache(open);
      }
    }
    return this.nodes;
  }

  /** `\{{x}}` is literal text up to the next expression, as in Handlebars. */
  private parseEscapedMustache(open: number): void {
    const {source} = this;
    let end = source.indexOf(OPEN, open + OPEN.length);
    if (end < 0) end = source.length;
    else if (source.slice(end - 2, end) === '\\\\' && end - 2 >= open + OPEN.length) end -= 2;
    else if (source[end - 1] === '\\' && end - 1 >= open + OPEN.length) end -= 1;
    this.addText(source.slice(open, end));
    this.position = end;
  }

  private parseMustache(open: number): void {
    const {source} = this;
    let cursor = open + OPEN.length;
    const stripBefore = source[cursor] === '~';
    if (stripBefore) {
      cursor++;
      this.trimTrailingWhitespace();
    }
    const marker = source[cursor] ?? '';
    if (marker === '!') {
      this.parseComment(open, cursor + 1);
      return;
    }
    if ('#/^>*'.includes(marker) && marker !== '') {
      throw new TemplateError(`${this.excerpt(open)} uses Handlebars blocks or partials, which are not supported here`);
    }
    let escaped = true;
    let close = '}}';
    if (marker === '{') {
      escaped = false;
      close = '}}}';
      cursor++;
    } else if (marker === '&') {
      escaped = false;
      cursor++;
    }
    const body = this.parseExpression(open, cursor, close);
    this.nodes.push({kind: 'mustache', escaped, ...body.expression, source: source.slice(open, body.end)});
    this.position = body.end;
  }

  private parseComment(open: number, cursor: number): void {
    const {source} = this;
    const long = source.startsWith('--', cursor);
    const terminator = long ? '--' : '';
    const closeAt = this.findClose(cursor, `${terminator}}}`, `${terminator}~}}`);
    if (!closeAt) throw new TemplateError(`${this.excerpt(open)} opens a comment that is never closed`);
    this.nodes.push({kind: 'comment'});
    this.finishClose(closeAt);
  }

  private findClose(
    from: number,
    plain: string,
    stripping: string
  ): {index: number; end: number; strip: boolean} | undefined {
    const plainAt = this.source.indexOf(plain, from);
    const strippingAt = this.source.indexOf(stripping, from);
    if (strippingAt >= 0 && (plainAt < 0 || strippingAt < plainAt)) {
      return {index: strippingAt, end: strippingAt + stripping.length, strip: true};
    }
    if (plainAt >= 0) return {index: plainAt, end: plainAt + plain.length, strip: false};
    return undefined;
  }

  private finishClose(close: {end: number; strip: boolean}): void {
    this.position = close.end;
    this.stripLeadingWhitespace = close.strip;
  }

  private parseExpression(
    open: number,
    start: number,
    close: string
  ): {
    expression: Pick<Extract<TemplateNode, {kind: 'mustache'}>, 'path' | 'params' | 'hash'>;
    end: number;
  } {
    const {source} = this;
    const strippingClose = close === '}}}' ? '}~}}' : '~}}';
    const argumentsFound: Argument[] = [];
    const hash: Array<readonly [string, Argument]> = [];
    let cursor = start;
    for (;;) {
      WHITESPACE.lastIndex = cursor;
      WHITESPACE.exec(source);
      cursor = WHITESPACE.lastIndex;
      if (cursor >= source.length) {
        throw new TemplateError(`${this.excerpt(open)} is missing its closing ${close}`);
      }
      if (source.startsWith(strippingClose, cursor) || source.startsWith(close, cursor)) {
        const strip = source.startsWith(strippingClose, cursor);
        const end = cursor + (strip ? strippingClose : close).length;
        const [head, ...params] = argumentsFound;
        if (!head) throw new TemplateError(`${source.slice(open, end)} is an empty expression`);
        this.stripLeadingWhitespace = strip;
        return {expression: {path: head.kind === 'path' ? head.path : [String(head.value)], params, hash}, end};
      }
      if (source[cursor] === '(') {
        throw new TemplateError(`${this.excerpt(open)} uses a sub-expression, which is not supported here`);
      }
      HASH_KEY.lastIndex = cursor;
      const hashKey = HASH_KEY.exec(source);
      if (hashKey) {
        const parsed = this.parseArgument(open, HASH_KEY.lastIndex);
        hash.push([hashKey[1] ?? '', parsed.argument]);
        cursor = parsed.end;
        continue;
      }
      if (hash.length > 0) {
        throw new TemplateError(`${this.excerpt(open)} has a positional argument after a key=value argument`);
      }
      const parsed = this.parseArgument(open, cursor);
      argumentsFound.push(parsed.argument);
      cursor = parsed.end;
    }
  }

  private parseArgument(open: number, start: number): {argument: Argument; end: number} {
    const {source} = this;
    WHITESPACE.lastIndex = start;
    WHITESPACE.exec(source);
    const cursor = WHITESPACE.lastIndex;
    const quote = source[cursor];
    if (quote === '"' || quote === "'") return this.parseString(open, cursor, quote);
    NUMBER.lastIndex = cursor;
    const number = NUMBER.exec(source);
    if (number)
      return {argument: {kind: 'literal', value: Number(number[0]), source: number[0]}, end: NUMBER.lastIndex};
    KEYWORD.lastIndex = cursor;
    const keyword = KEYWORD.exec(source);
    if (keyword) {
      const values: Record<string, Literal> = {true: true, false: false, null: null, undefined: undefined};
      return {argument: {kind: 'literal', value: values[keyword[1] ?? ''], source: keyword[0]}, end: KEYWORD.lastIndex};
    }
    return this.parsePath(open, cursor);
  }

  private parseString(open: number, start: number, quote: string): {argument: Argument; end: number} {
    const {source} = this;
    let cursor = start + 1;
    let value = '';
    while (cursor < source.length && source[cursor] !== quote) {
      if (source[cursor] === '\\' && source[cursor + 1] === quote) {
        value += quote;
        cursor += 2;
      } else {
        value += source[cursor];
        cursor++;
      }
    }
    if (cursor >= source.length) throw new TemplateError(`${this.excerpt(open)} has an unterminated string`);
    return {argument: {kind: 'literal', value, source: source.slice(start, cursor + 1)}, end: cursor + 1};
  }

  private parsePath(open: number, start: number): {argument: Argument; end: number} {
    const {source} = this;
    const segments: string[] = [];
    let cursor = start;
    // Data variables (@index, @root…) never resolve in these scopes; keep them as an unknown name.
    const dataPrefix = source[cursor] === '@' ? '@' : '';
    if (dataPrefix) cursor++;
    for (;;) {
      if (source[cursor] === '[') {
        const end = source.indexOf(']', cursor);
        if (end < 0) throw new TemplateError(`${this.excerpt(open)} has an unterminated [segment]`);
        segments.push(source.slice(cursor + 1, end));
        cursor = end + 1;
      } else {
        ID_RUN.lastIndex = cursor;
        const id = ID_RUN.exec(source);
        if (!id) {
          const found = source[cursor] ?? 'the end';
          throw new TemplateError(`${this.excerpt(open)} has an unexpected "${found}"`);
        }
        segments.push(id[0]);
        cursor = ID_RUN.lastIndex;
      }
      const separator = source[cursor];
      if (
        (separator === '.' || separator === '/') &&
        (ID_CHAR.test(source[cursor + 1] ?? '') || source[cursor + 1] === '[')
      ) {
        cursor++;
        continue;
      }
      break;
    }
    if (segments[0] === 'this' && segments.length > 1) segments.shift();
    if (dataPrefix) segments[0] = `@${segments[0]}`;
    return {argument: {kind: 'path', path: segments, source: source.slice(start, cursor)}, end: cursor};
  }

  private addText(text: string): void {
    const kept = this.stripLeadingWhitespace ? text.replace(LEADING_WHITESPACE, '') : text;
    this.stripLeadingWhitespace = false;
    if (kept === '') return;
    const last = this.nodes[this.nodes.length - 1];
    if (last?.kind === 'text') last.text += kept;
    else this.nodes.push({kind: 'text', text: kept});
  }

  private trimTrailingWhitespace(): void {
    const last = this.nodes[this.nodes.length - 1];
    if (last?.kind !== 'text') return;
    last.text = last.text.replace(TRAILING_WHITESPACE, '');
    if (last.text === '') this.nodes.pop();
  }

  private excerpt(open: number): string {
    const close = this.source.indexOf('}}', open);
    return close < 0 ? this.source.slice(open) : this.source.slice(open, close + 2);
  }
}
