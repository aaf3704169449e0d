/** Splitting one list item into its CSV fields and key=value pairs, with errors that point at the item. */
import {parseCsvFields} from '../input-lists.js';
import {inputError, type InputOrigin} from './origin.js';

export function csvFields(origin: InputOrigin): string[] {
  try {
    return parseCsvFields(origin.value);
  } catch (error) {
    throw inputError(
      origin,
      `cannot be split into comma-separated fields (${(error as Error).message})`,
      'Close every double quote, or quote the whole field: "value=a,b".'
    );
  }
}

/**
 * Tag rule fields split on the first `=` only, keys lowercased; a field without a key (no `=`, or
 * starting with `=`) is the `value` attribute, so `type=raw,foo` and a bare `foo` both mean value=foo.
 */
export function splitRuleFields(origin: InputOrigin): Array<[key: string, value: string]> {
  return csvFields(origin).map(field => {
    const equals = field.indexOf('=');
    if (equals <= 0) return ['value', field.trim()];
    return [field.slice(0, equals).trim().toLowerCase(), field.slice(equals + 1).trim()];
  });
}

/**
 * Flavor and image fields as metadata-action splits them: on every `=`, keeping only the first two
 * parts (so `prefix=a=b` means prefix `a`). Returns the extra parts so callers can warn about them.
 */
export function splitOnEveryEquals(field: string): {key: string; value: string | undefined; dropped: string[]} {
  const [key = '', value, ...dropped] = field.split('=').map(part => part.trim());
  return {key, value, dropped};
}
