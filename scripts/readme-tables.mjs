// Renders the README's inputs and outputs tables from action.yml, so the two cannot drift.
// `node scripts/readme-tables.mjs --write` rewrites README.md between the markers; a test checks it is current.
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parse} from 'yaml';

export const BEGIN = '<!-- action-tables:begin (generated from action.yml by npm run readme) -->';
export const END = '<!-- action-tables:end -->';

const cell = text =>
  String(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
const code = text => (text === '' ? '' : '`' + text + '`');

export function renderTables(actionYml) {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, spec]) => `| \`${name}\` | ${code(cell(spec.default ?? ''))} | ${cell(spec.description ?? '')} |`
  );
  const outputs = Object.entries(action.outputs ?? {}).map(
    ([name, spec]) => `| \`${name}\` | ${cell(spec.description ?? '')} |`
  );
  return [
    BEGIN,
    '### Inputs',
    '',
    '| Input | Default | Description |',
    '|---|---|---|',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| Output | Description |',
    '|---|---|',
    ...outputs,
    END
  ].join('\n');
}

export function withTables(readme, actionYml) {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${BEGIN} … ${END} markers`);
  return readme.slice(0, start) + renderTables(actionYml) + readme.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const readmePath = `${root}README.md`;
  const updated = withTables(readFileSync(readmePath, 'utf8'), readFileSync(`${root}action.yml`, 'utf8'));
  if (process.argv.includes('--write')) writeFileSync(readmePath, updated);
  else process.stdout.write(updated);
}
