/** How a docker command, a value or an input is shown in the log, the dry-run plan and error messages. Pure. */

/** C0 controls, DEL and the C1 controls (U+0080-U+009F, among them CSI): none may reach a log raw. */
export const CONTROL_CHARACTER = /[\x00-\x1f\x7f-\x9f]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

/**
 * Quotes an argument for display the way a POSIX shell would need it; the action itself never uses a shell.
 * Control characters are shown escaped ($'…'), so a multi-line value can never start a log line of its own
 * (where the runner would take `::error::` or `::add-mask::` from a label as a command).
 */
export function quote(argument: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  if (!CONTROL_CHARACTER.test(argument)) return `'${argument.replace(/'/g, `'\\''`)}'`;
  const escaped = argument.replace(
    /[\\'\x00-\x1f\x7f-\x9f]/g,
    character => CONTROL_ESCAPES[character] ?? codeEscape(character)
  );
  return `$'${escaped}'`;
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t'
};

/** \xNN for a byte-sized control, \uNNNN for a C1 control (bash's $'…' reads \x9b as a byte, not U+009B). */
function codeEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : unicodeEscape(character);
}

function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A value shown on one log line: control characters escaped, so it cannot start a line of its own. */
export function oneLine(value: string): string {
  return value.replace(CONTROL_CHARACTERS, character => CONTROL_ESCAPES[character] ?? codeEscape(character));
}

/** A value quoted in an error message: JSON's quoting, with DEL and the C1 controls (which JSON leaves raw) too. */
export function quoteForMessage(value: string): string {
  return JSON.stringify(value).replace(/[\x7f-\x9f]/g, unicodeEscape);
}
