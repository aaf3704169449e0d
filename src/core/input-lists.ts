/**
 * List inputs as the docker/* actions read them: actions-toolkit's Util.getInputList runs csv-parse with relaxQuotes,
 * relaxColumnCount and skipEmptyLines over the raw input. This is a small hand-written scanner with the same quoting
 * rules, so that workflows written for docker/metadata-action and docker/build-push-action mean the same thing here,
 * plus the line of every item so that errors can point at it.
 */
export interface ListItem {
  value: string;
  /** 1-based line of the raw input where the item starts, for error messages. */
  line: number;
}

export interface ListOptions {
  /** Keep commas: a CSV row is re-joined with ',' into one item (default false: each field is an item). */
  ignoreComma?: boolean;
  /** Comment character; default none. */
  comment?: string;
  /** Only full-line comments count; a comment character inside a value is kept. */
  commentNoInfix?: boolean;
  /** Quote character, or false to take quotes literally; default '"'. */
  quote?: string | false;
  /** Trim each item; default true. */
  trimWhitespace?: boolean;
}

/** A quoted value that never closes; csv-parse rejects it too ("Quote Not Closed"), so the docker actions fail on it. */
export class ListSyntaxError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(message);
    this.name = 'ListSyntaxError';
    this.line = line;
  }
}

interface Field {
  /** Unquoted fields keep their surrounding blanks: an ignoreComma row must keep `a, b` as written. */
  text: string;
  line: number;
}

interface ScanOptions {
  /** '' = no comments. */
  comment: string;
  commentNoInfix: boolean;
  /** '' = quotes are literal. */
  quote: string;
  /** Blanks before an opening quote and after a closing quote do not stop the field from being quoted. */
  trim: boolean;
  /** When false a line break is an ordinary character (a single rule line is being split). */
  lineBreaks: boolean;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

function skipBlanks(src: string, i: number): number {
  while (isBlank(src[i])) i++;
  return i;
}

function scanRecords(src: string, opts: ScanOptions): Field[][] {
  const {comment, commentNoInfix, quote, trim, lineBreaks} = opts;
  const n = src.length;
  const isBreak = (i: number): boolean => lineBreaks && src.charCodeAt(i) === 10;
  const isComment = (i: number): boolean => comment !== '' && src.startsWith(comment, i);
  // With commentNoInfix a '#' inside a value (`value=#1`) is data; only a whole-line comment counts.
  const endsField = (i: number): boolean =>
    i >= n || src.charCodeAt(i) === 44 || isBreak(i) || (!commentNoInfix && isComment(i));
  const endOfLine = (i: number): number => {
    const k = lineBreaks ? src.indexOf('\n', i) : -1;
    return k === -1 ? n : k;
  };

  const records: Field[][] = [];
  let pos = 0;
  let line = 1;
  while (pos < n) {
    // Indentation before a comment still makes a comment line; csv-parse would read ` # x` as the value `# x`, which
    // is never what a workflow author meant.
    const first = skipBlanks(src, pos);
    if (isComment(first)) {
      pos = endOfLine(first) + 1;
      line++;
      continue;
    }
    const record: Field[] = [];
    records.push(record);
    for (;;) {
      const fieldLine = line;
      const start = trim ? skipBlanks(src, pos) : pos;
      let text = '';
      let i = start;
      let wholeFieldQuoted = false;
      if (quote !== '' && src.startsWith(quote, start)) {
        let k = start + quote.length;
        let content = '';
        for (;;) {
          const close = src.indexOf(quote, k);
          if (close === -1) {
            throw new ListSyntaxError(
              `line ${fieldLine}: the value opens with ${quote} but never closes it; add the closing ${quote} ` +
                `(write ${quote}${quote} for a literal ${quote} inside a quoted value)`,
              fieldLine
            );
          }
          content += src.slice(k, close);
          if (src.startsWith(quote, close + quote.length)) {
            content += quote;
            k = close + 2 * quote.length;
            continue;
          }
          k = close + quote.length;
          break;
        }
        line += countBreaks(src, start, k, lineBreaks);
        i = trim ? skipBlanks(src, k) : k;
        if (endsField(i)) {
          text = content;
          wholeFieldQuoted = true;
        } else {
          // relax_quotes: text after the closing quote means the quotes were data, so they are given back and the
          // field goes on unquoted (csv-parse with trim would reject `"a" b` instead; being lenient costs nothing).
          text = src.slice(pos, start) + quote + content + quote + src.slice(k, i);
        }
      } else {
        text = src.slice(pos, start);
      }
      if (!wholeFieldQuoted) {
        let end = i;
        while (!endsField(end)) end++;
        text += src.slice(i, end);
        i = end;
      }
      record.push({text, line: fieldLine});
      if (i >= n) {
        pos = n;
        break;
      }
      if (src.charCodeAt(i) === 44) {
        pos = i + 1;
        continue;
      }
      // A line break, or a comment running to the end of the line.
      pos = (isBreak(i) ? i : endOfLine(i)) + 1;
      line++;
      break;
    }
  }
  return records;
}

function countBreaks(src: string, from: number, to: number, lineBreaks: boolean): number {
  if (!lineBreaks) return 0;
  let count = 0;
  for (let i = src.indexOf('\n', from); i !== -1 && i < to; i = src.indexOf('\n', i + 1)) count++;
  return count;
}

export function parseListItems(raw: string, options: ListOptions = {}): ListItem[] {
  const trim = options.trimWhitespace !== false;
  // Old Mac and Windows line endings count as one line break each, as csv-parse's record delimiter discovery does.
  const src = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  const records = scanRecords(src, {
    comment: options.comment ?? '',
    commentNoInfix: options.commentNoInfix === true,
    quote: options.quote === false ? '' : (options.quote ?? '"'),
    trim,
    lineBreaks: true
  });
  const items: ListItem[] = [];
  const add = (text: string, line: number): void => {
    const value = trim ? text.trim() : text;
    // A blank entry is never a meaningful tag, label or platform; the docker actions keep it as '' by accident.
    if (value.trim() !== '') items.push({value, line});
  };
  for (const record of records) {
    const head = record[0];
    if (head === undefined) continue;
    if (options.ignoreComma) {
      add(record.map(field => field.text).join(','), head.line);
    } else {
      // actions-toolkit also splits a lone quoted field on its commas (`"a,b"` gives a and b); that defeats the quotes,
      // so it is not reproduced.
      for (const field of record) add(field.text, field.line);
    }
  }
  return items;
}

export function parseList(raw: string, options: ListOptions = {}): string[] {
  return parseListItems(raw, options).map(item => item.value);
}

/** The CSV fields of one rule line such as `type=semver,pattern={{version}}` (csv-parse relaxQuotes rules). */
export function parseCsvFields(line: string): string[] {
  const [record = []] = scanRecords(line, {
    comment: '',
    commentNoInfix: false,
    quote: '"',
    trim: true,
    lineBreaks: false
  });
  return record.map(field => field.text.trim()).filter(field => field !== '');
}
