/**
 * The layers of src/ (docs/architecture.md): steps use adapters, core and report; adapters and report use core;
 * core uses nothing outside core. Read from the import statements of every source file.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const LAYERS = ['core', 'adapters', 'report', 'steps'] as const;
type Layer = (typeof LAYERS)[number];

const ALLOWED: Readonly<Record<Layer, readonly Layer[]>> = {
  core: ['core'],
  adapters: ['core', 'adapters'],
  report: ['core', 'report'],
  steps: ['core', 'adapters', 'report', 'steps']
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, {withFileTypes: true}).flatMap(entry =>
    entry.isDirectory()
      ? sourceFiles(join(directory, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(directory, entry.name)]
        : []
  );
}

function layerOf(file: string): Layer | undefined {
  const top = relative(SRC, file).split('/')[0];
  return LAYERS.find(layer => layer === top);
}

const IMPORT = /(?:from|import\()\s*'(\.{1,2}\/[^']+)\.js'/g;

const arrows = sourceFiles(SRC).flatMap(file =>
  [...readFileSync(file, 'utf8').matchAll(IMPORT)].map(match => ({
    from: relative(SRC, file),
    to: relative(SRC, resolve(dirname(file), `${match[1]}.ts`))
  }))
);

it('every source file but the entry point sits in a layer folder', () => {
  const outside = sourceFiles(SRC)
    .map(file => relative(SRC, file))
    .filter(file => layerOf(join(SRC, file)) === undefined);
  expect(outside).toEqual(['index.ts']);
});

it.each(LAYERS)('%s imports only from the layers it may use', layer => {
  const wrong = arrows
    .filter(arrow => layerOf(join(SRC, arrow.from)) === layer)
    .filter(arrow => !ALLOWED[layer].includes(layerOf(join(SRC, arrow.to)) as Layer))
    .map(arrow => `${arrow.from} → ${arrow.to}`);
  expect(wrong).toEqual([]);
});

it('reads the imports (the check above is not vacuous)', () => {
  expect(arrows.length).toBeGreaterThan(100);
  expect(arrows).toContainEqual({from: 'steps/main.ts', to: 'core/inputs.ts'});
});
