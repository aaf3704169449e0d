import {readFileSync} from 'node:fs';
import {parse} from 'yaml';
// @ts-expect-error: a plain ESM script shared with `npm run readme`, without type declarations.
import {renderTables, withTables} from '../../scripts/readme-tables.mjs';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const actionYml = readFileSync(new URL('action.yml', root), 'utf8');

describe('README', () => {
  it('has the inputs and outputs tables of action.yml (run `npm run readme` after changing action.yml)', () => {
    expect(withTables(readme, actionYml)).toBe(readme);
  });

  it('lists every input and output of action.yml', () => {
    const action = parse(actionYml) as {inputs: Record<string, unknown>; outputs: Record<string, unknown>};
    const tables: string = renderTables(actionYml);
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(tables).toContain(`| \`${name}\` |`);
    }
  });

  it('documents set-up commands that exist in package.json', () => {
    const scripts = (
      JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {scripts: Record<string, string>}
    ).scripts;
    expect(readme).toContain('npm run local');
    expect(readme).toContain('npm test');
    expect(scripts.local).toBeDefined();
    expect(scripts.test).toBeDefined();
  });
});

describe('action.yml', () => {
  const action = parse(actionYml) as {
    runs: Record<string, string>;
    inputs: Record<string, {description?: string; default?: unknown}>;
    outputs: Record<string, {description?: string}>;
  };

  it('runs one bundle as main and post on Node 24', () => {
    expect(action.runs).toMatchObject({using: 'node24', main: 'dist/index.js', post: 'dist/index.js'});
  });

  it('describes every input with a default and every output', () => {
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect([name, typeof spec.description]).toEqual([name, 'string']);
      expect([name, typeof spec.default]).toEqual([name, 'string']);
    }
    for (const [name, spec] of Object.entries(action.outputs)) {
      expect([name, typeof spec.description]).toEqual([name, 'string']);
    }
  });
});
