/**
 * List inputs as the docker/* actions read them (actions-toolkit Util.getInputList over csv-parse with
 * relaxQuotes, relaxColumnCount, skipEmptyLines). STUB: being implemented.
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

export function parseListItems(_raw: string, _options: ListOptions = {}): ListItem[] {
  throw new Error('not implemented');
}

export function parseList(raw: string, options: ListOptions = {}): string[] {
  return parseListItems(raw, options).map(item => item.value);
}

/** The CSV fields of one rule line such as `type=semver,pattern={{version}}` (csv-parse relaxQuotes rules). */
export function parseCsvFields(_line: string): string[] {
  throw new Error('not implemented');
}
