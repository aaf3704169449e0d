/**
 * OCI labels and annotations: the eight org.opencontainers.image.* keys derived from the repository,
 * version and commit, overridden by the user's `labels`/`annotations` items (rendered with global
 * expressions), then sorted by key.
 */
import {CONTROL_CHARACTER} from '../command-line.js';
import type {ListItem} from '../input-lists.js';
import {applyGhcrLabelRules, DESCRIPTION_KEY, LICENSES_KEY, SOURCE_KEY} from './ghcr-defaults.js';
import {compileAt, inputError, renderAt, type InputOrigin, type Warn} from './origin.js';
import type {TemplateScope} from './template.js';
import type {RepositoryInfo} from './types.js';

export interface OciFacts {
  repo: RepositoryInfo;
  /** Link to the repository, never empty (see ghcr-defaults). */
  sourceUrl: string;
  version: string;
  created: Date;
  revision: string;
}

export type LabelKind = {input: 'labels'; noun: 'label'} | {input: 'annotations'; noun: 'annotation'};

// localeCompare without arguments is this collator; building it once keeps sorting cheap.
const KEY_ORDER = new Intl.Collator();

function ociEntries(facts: OciFacts): Array<[string, string]> {
  return [
    ['org.opencontainers.image.title', facts.repo.name || ''],
    [DESCRIPTION_KEY, facts.repo.description || ''],
    ['org.opencontainers.image.url', facts.repo.html_url || ''],
    [SOURCE_KEY, facts.sourceUrl],
    ['org.opencontainers.image.version', facts.version],
    ['org.opencontainers.image.created', facts.created.toISOString()],
    ['org.opencontainers.image.revision', facts.revision],
    [LICENSES_KEY, facts.repo.license?.spdx_id || '']
  ];
}

/** Sorted `[key, value]` pairs: OCI defaults, then the user's items (later keys win), then GHCR rules. */
export function buildLabelEntries(
  facts: OciFacts,
  items: readonly ListItem[],
  kind: LabelKind,
  globals: TemplateScope,
  warn: Warn
): Array<[string, string]> {
  const entries = new Map(ociEntries(facts));
  for (const item of items) {
    const origin: InputOrigin = {input: kind.input, line: item.line, value: item.value};
    const rendered = renderAt(
      origin,
      compileAt(origin, item.value, `the ${kind.noun}`),
      globals,
      `the ${kind.noun}`,
      warn
    );
    const equals = rendered.indexOf('=');
    if (equals < 0) {
      warn(`${kind.input} line ${item.line}: "${rendered}" has no "=" and is ignored (write key=value).`);
      continue;
    }
    if (equals === 0)
      throw inputError(
        origin,
        `the ${kind.noun} has an empty key`,
        'Write key=value, e.g. org.opencontainers.image.vendor=Octo.'
      );
    // A tab, and the line break a quoted value may hold, are text; any other control (ESC, NUL, CSI...) is refused.
    const control = [...rendered].find(c => c !== '\t' && c !== '\n' && CONTROL_CHARACTER.test(c));
    if (control) {
      throw inputError(
        origin,
        `the ${kind.noun} holds the control character U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, ` +
          'which terminals and registry tools would act on',
        'Remove it (a line break inside a quoted value is kept).'
      );
    }
    entries.set(rendered.slice(0, equals), rendered.slice(equals + 1));
  }
  applyGhcrLabelRules(entries, facts.sourceUrl, kind, warn);
  return [...entries].sort(([a], [b]) => KEY_ORDER.compare(a, b));
}

export function joinEntries(entries: ReadonlyArray<readonly [string, string]>, level?: string): string[] {
  const prefix = level === undefined ? '' : `${level}:`;
  return entries.map(([key, value]) => `${prefix}${key}=${value}`);
}

/** An annotation as joinEntries writes it, `level:key=value` (level optional, maybe with `[platform]`). */
export function splitAnnotation(annotation: string): {level: string; key: string; value: string} | undefined {
  const match = /^(?:([a-z-]+(?:\[[^\]]*\])?):(?=[^=]*=))?([^=]+)=(.*)$/s.exec(annotation);
  if (!match) return undefined;
  return {level: match[1] ?? '', key: match[2]!, value: match[3]!};
}
