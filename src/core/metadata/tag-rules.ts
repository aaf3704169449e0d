/**
 * The `tags` input: one CSV rule per line (`type=semver,pattern={{version}}`), parsed with the defaults
 * and priorities of docker/metadata-action, then stably sorted by priority (highest first).
 */
import type {ListItem} from '../input-lists.js';
import {splitRuleFields} from './fields.js';
import {compileAt, inputError, type InputOrigin, type Warn} from './origin.js';
import type {Template} from './template.js';

export type TagType = 'schedule' | 'semver' | 'pep440' | 'match' | 'edge' | 'ref' | 'raw' | 'sha';
export type RefEvent = 'branch' | 'tag' | 'pr';
export type ShaFormat = 'short' | 'long';

const DEFAULT_PRIORITIES: Readonly<Record<TagType, number>> = {
  schedule: 1000,
  semver: 900,
  pep440: 900,
  match: 800,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100
};
const TAG_TYPES = Object.keys(DEFAULT_PRIORITIES) as TagType[];
const REF_EVENTS: readonly RefEvent[] = ['branch', 'tag', 'pr'];
const SHA_FORMATS: readonly ShaFormat[] = ['short', 'long'];
const COMMON_ATTRIBUTES = ['type', 'enable', 'priority', 'prefix', 'suffix'];
const TYPE_ATTRIBUTES: Readonly<Record<TagType, readonly string[]>> = {
  schedule: ['pattern'],
  semver: ['pattern', 'value', 'match'],
  pep440: ['pattern', 'value', 'match'],
  match: ['pattern', 'group', 'value'],
  edge: ['branch'],
  ref: ['event'],
  raw: ['value'],
  sha: ['format']
};

/** Used when `tags` is empty, as in metadata-action. */
export const DEFAULT_TAG_RULES: readonly string[] = [
  'type=schedule',
  'type=ref,event=branch',
  'type=ref,event=tag',
  'type=ref,event=pr'
];

const REGEX_LITERAL = /^\/(.+)\/(.*)$/;
const INTEGER = /^\d+$/;

interface CommonRule {
  origin: InputOrigin;
  priority: number;
  enable: Template;
  /** A per-rule prefix/suffix, even empty, replaces the flavor's; undefined means "use the flavor". */
  prefix: Template | undefined;
  suffix: Template | undefined;
}

export type TagRule = CommonRule &
  (
    | {type: 'schedule'; pattern: Template}
    | {type: 'semver' | 'pep440'; pattern: Template; value: Template | undefined; match: RegExp | undefined}
    | {type: 'match'; pattern: RegExp; group: number; value: Template | undefined}
    | {type: 'edge'; branch: string}
    | {type: 'ref'; event: RefEvent}
    | {type: 'raw'; value: Template}
    | {type: 'sha'; format: ShaFormat}
  );

export function parseTagRules(items: readonly ListItem[], warn: Warn): TagRule[] {
  const origins: InputOrigin[] =
    items.length > 0
      ? items.map(item => ({input: 'tags', line: item.line, value: item.value}))
      : DEFAULT_TAG_RULES.map(value => ({input: 'tags', value}));
  const rules = origins.map(origin => parseTagRule(origin, warn));
  // Array.prototype.sort is stable, so equal priorities keep their input order.
  return rules.sort((a, b) => b.priority - a.priority);
}

function parseTagRule(origin: InputOrigin, warn: Warn): TagRule {
  const attributes = new Map<string, string>();
  let type: TagType = 'raw';
  for (const [key, value] of splitRuleFields(origin)) {
    if (key !== 'type') {
      attributes.set(key, value);
      continue;
    }
    if (!TAG_TYPES.includes(value as TagType)) {
      throw inputError(
        origin,
        `unknown tag type "${value}"`,
        `Use one of ${TAG_TYPES.map(name => `type=${name}`).join(', ')}.`
      );
    }
    type = value as TagType;
  }
  warnUnusedAttributes(origin, type, attributes, warn);

  const template = (name: string): Template | undefined => {
    const source = attributes.get(name);
    return source === undefined ? undefined : compileAt(origin, source, `the ${name} attribute`);
  };
  const common: CommonRule = {
    origin,
    priority: parsePriority(origin, attributes.get('priority'), DEFAULT_PRIORITIES[type]),
    enable: compileAt(origin, attributes.get('enable') ?? 'true', 'the enable attribute'),
    prefix: template('prefix'),
    suffix: template('suffix')
  };
  const required = (name: string, example: string): string => {
    const value = attributes.get(name);
    if (value === undefined)
      throw inputError(origin, `type=${type} needs a ${name} attribute`, `Add one, e.g. ${example}.`);
    return value;
  };
  const optionalValue = (): Template | undefined => (attributes.get('value') ? template('value') : undefined);

  switch (type) {
    case 'schedule':
      return {
        ...common,
        type,
        pattern: compileAt(origin, attributes.get('pattern') ?? 'nightly', 'the pattern attribute')
      };
    case 'semver':
    case 'pep440': {
      const pattern = compileAt(
        origin,
        required('pattern', `type=${type},pattern={{version}}`),
        'the pattern attribute'
      );
      const match = attributes.get('match') ? compileVersionMatch(origin, attributes.get('match') ?? '') : undefined;
      return {...common, type, pattern, value: optionalValue(), match};
    }
    case 'match': {
      const pattern = compileRegex(origin, required('pattern', 'type=match,pattern=v(.*),group=1'));
      return {
        ...common,
        type,
        pattern,
        group: parseGroup(origin, attributes.get('group') ?? '0'),
        value: optionalValue()
      };
    }
    case 'edge':
      return {...common, type, branch: attributes.get('branch') ?? ''};
    case 'ref':
      return {
        ...common,
        type,
        event: parseRefEvent(origin, attributes.get('event')),
        prefix: refPrefix(common, attributes)
      };
    case 'raw': {
      const value = compileAt(origin, required('value', 'type=raw,value=stable'), 'the value attribute');
      return {...common, type, value};
    }
    case 'sha':
      return {
        ...common,
        type,
        format: parseShaFormat(origin, attributes.get('format') ?? 'short'),
        prefix: common.prefix ?? SHA_PREFIX
      };
  }
}

const PR_PREFIX = compileDefault('pr-');
const SHA_PREFIX = compileDefault('sha-');

function compileDefault(text: string): Template {
  return compileAt({input: 'tags', value: text}, text, 'the default prefix');
}

function refPrefix(common: CommonRule, attributes: ReadonlyMap<string, string>): Template | undefined {
  return attributes.get('event') === 'pr' ? (common.prefix ?? PR_PREFIX) : common.prefix;
}

function warnUnusedAttributes(
  origin: InputOrigin,
  type: TagType,
  attributes: ReadonlyMap<string, string>,
  warn: Warn
): void {
  const known = [...COMMON_ATTRIBUTES, ...TYPE_ATTRIBUTES[type]];
  for (const key of attributes.keys()) {
    if (!known.includes(key)) {
      warn(
        `Tag rule "${origin.value}"${origin.line === undefined ? '' : ` (line ${origin.line})`}: attribute "${key}" means nothing for type=${type} and is ignored.`
      );
    }
  }
}

function parsePriority(origin: InputOrigin, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const priority = Number(text);
  if (text.trim() === '' || !Number.isFinite(priority)) {
    throw inputError(
      origin,
      `priority "${text}" is not a number`,
      'Use an integer; higher priorities come first, e.g. priority=950.'
    );
  }
  return priority;
}

function parseRefEvent(origin: InputOrigin, event: string | undefined): RefEvent {
  if (event === undefined) {
    throw inputError(origin, 'type=ref needs an event attribute', 'Add event=branch, event=tag or event=pr.');
  }
  if (!REF_EVENTS.includes(event as RefEvent)) {
    throw inputError(origin, `unknown ref event "${event}"`, 'Use event=branch, event=tag or event=pr.');
  }
  return event as RefEvent;
}

function parseShaFormat(origin: InputOrigin, format: string): ShaFormat {
  if (!SHA_FORMATS.includes(format as ShaFormat)) {
    throw inputError(origin, `unknown sha format "${format}"`, 'Use format=short (default) or format=long.');
  }
  return format as ShaFormat;
}

function parseGroup(origin: InputOrigin, group: string): number {
  if (!INTEGER.test(group)) {
    throw inputError(
      origin,
      `match group "${group}" is not a number`,
      'Use the index of a capture group, e.g. group=1 (0 is the whole match).'
    );
  }
  return Number(group);
}

/** `\d+` or `/\d+/i`: plain text is a regular expression without flags, as String.prototype.match treats it. */
export function compileRegex(origin: InputOrigin, pattern: string): RegExp {
  const literal = REGEX_LITERAL.exec(pattern);
  try {
    return literal ? new RegExp(literal[1] ?? '', literal[2]) : new RegExp(pattern);
  } catch (error) {
    throw inputError(
      origin,
      `pattern "${pattern}" is not a valid regular expression (${(error as Error).message})`,
      'Write a JavaScript regular expression, either plain (v(\\d+)) or as /v(\\d+)/i.'
    );
  }
}

/** The semver/pep440 `match` attribute extracts the version from capture group 1. */
function compileVersionMatch(origin: InputOrigin, pattern: string): RegExp {
  const regex = compileRegex(origin, pattern);
  const groups = (new RegExp(`${regex.source}|`).exec('')?.length ?? 1) - 1;
  if (groups < 1) {
    throw inputError(
      origin,
      `match "${pattern}" has no capture group`,
      'Capture the version in group 1, e.g. match=app-v(.*).'
    );
  }
  return regex;
}
