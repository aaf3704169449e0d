import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {checkLocalFiles} from '../../../src/adapters/local-inputs.js';
import type {BuildConfig} from '../../../src/core/inputs.js';

let workspace: string;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'local-inputs-'));
  mkdirSync(join(workspace, 'app'));
  writeFileSync(join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(workspace, 'npmrc'), 'token\n');
});

afterEach(() => rmSync(workspace, {recursive: true, force: true}));

const build = (fields: Partial<BuildConfig>): BuildConfig =>
  ({context: 'app', file: '', secretFiles: [], ...fields}) as BuildConfig;

const problemOf = (config: BuildConfig): string => {
  try {
    checkLocalFiles(config, workspace);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('checkLocalFiles', () => {
  it('accepts a context with its Dockerfile, a file input and readable secret files', () => {
    expect(problemOf(build({}))).toBe('');
    expect(problemOf(build({context: 'app/', file: 'app/Dockerfile'}))).toBe('');
    expect(problemOf(build({secretFiles: [{value: 'npm=npmrc', line: 1}]}))).toBe('');
    expect(problemOf(build({context: join(workspace, 'app')}))).toBe('');
  });

  it('does not look on disk for a Git or URL context, nor for its file', () => {
    for (const context of ['', 'https://github.com/o/r.git#main', 'git@github.com:o/r.git', '{{defaultContext}}:app']) {
      expect(problemOf(build({context, file: 'nowhere/Dockerfile'}))).toBe('');
    }
  });

  it('names the context, file or secret file that is missing', () => {
    expect(problemOf(build({context: 'nope'}))).toMatch(/^input "context": the build context does not exist: "nope"/);
    expect(problemOf(build({context: 'app/Dockerfile'}))).toMatch(/is a file, not a directory/);
    expect(problemOf(build({file: 'app/Other.Dockerfile'}))).toMatch(
      /^input "file": the Dockerfile does not exist: "app\/Other.Dockerfile"/
    );
    rmSync(join(workspace, 'app', 'Dockerfile'));
    expect(problemOf(build({}))).toMatch(/the Dockerfile does not exist \(the default: Dockerfile in the context\)/);
    expect(problemOf(build({file: 'app/Dockerfile', secretFiles: []}))).toMatch(/"app\/Dockerfile"/);
    expect(problemOf(build({file: '-', secretFiles: [{value: 'npm=./missing', line: 3}]}))).toMatch(
      /^input "secret-files", line 3: the secret file does not exist: "npm=.\/missing"/
    );
    expect(problemOf(build({file: '-', secretFiles: [{value: 'npm=app', line: 1}]}))).toMatch(
      /is a directory, not a file/
    );
  });
});
