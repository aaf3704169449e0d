/** How a docker command is shown in the log and the dry-run plan. Pure. */

/**
 * Quotes an argument for display the way a POSIX shell would need it; the action itself never uses a shell.
 * Control characters are shown escaped ($'…'), so a multi-line value can never start a log line of its own
 * (where the runner would take `::error::` or `::add-mask::` from a label as a command).
 */
export function quote(argument: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  if (!/[\x00-\x1f\x7f]/.test(argument)) return `'${argument.replace(/'/g, `'\\''`)}'`;
  const escaped = argument.replace(
    /[\\'\x00-\x1f\x7f]/g,
    character => CONTROL_ESCAPES[character] ?? hexEscape(character)
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

function hexEscape(character: string): string {
  return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** A value shown on one log line: control characters escaped, so it cannot start a line of its own. */
export function oneLine(value: string): string {
  return value.replace(/[\x00-\x1f\x7f]/g, character => CONTROL_ESCAPES[character] ?? hexEscape(character));
}
