/**
 * The grammars of buildx's options, checked while the inputs are read so that a malformed value fails the step
 * before any docker process starts, with the input's name and line. buildx itself refuses some of these only after
 * the build ran (an unknown provenance mode, an unknown cache exporter) and silently ignores or misreads others (an
 * unknown provenance key, a cache `mode=medium` or `ignore-error=maybe`: checked with buildx 0.13.1 here). Pure.
 */
import {isIP} from 'node:net';
import {InputError} from './errors.js';
import type {ListItem} from './input-lists.js';
import {parseCsvFields} from './input-lists.js';

const GO_TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** Go's strconv.ParseBool true spellings, which buildx, BuildKit and the docker actions read switches with. */
export function isGoTrue(value: string | undefined): boolean {
  return value !== undefined && GO_TRUE.includes(value);
}

export function isGoFalse(value: string | undefined): boolean {
  return value !== undefined && GO_FALSE.includes(value);
}

function isGoBoolean(value: string): boolean {
  return isGoTrue(value) || isGoFalse(value);
}

interface Attribute {
  key: string;
  value: string;
}

/** A value being checked: a list item has a line, a single-value input has none. */
type Checked = {value: string; line?: number};

/** `key=value,key=value` as buildx's csv reader splits it; a field without `=` is refused as buildx refuses it. */
function attributesOf(input: string, item: Checked, shape: string): Attribute[] {
  return parseCsvFields(item.value).map(field => {
    const equals = field.indexOf('=');
    if (equals <= 0) {
      throw new InputError(input, item.value, `"${field}" is not a key=value attribute`, `Write ${shape}.`, item.line);
    }
    return {key: field.slice(0, equals).trim().toLowerCase(), value: field.slice(equals + 1).trim()};
  });
}

interface AttestationGrammar {
  /** Attribute → a check of its value (undefined: any value). */
  readonly attributes: Readonly<Record<string, ((value: string) => boolean) | undefined>>;
  readonly example: string;
}

const ATTESTATION_GRAMMARS: Readonly<Record<'provenance' | 'sbom', AttestationGrammar>> = {
  // BuildKit's provenance processor and buildx's `disabled`; an unknown key is silently ignored by BuildKit, so a
  // misspelt `mode` would quietly produce the default.
  provenance: {
    attributes: {
      mode: value => value === 'min' || value === 'max',
      'builder-id': undefined,
      reproducible: isGoBoolean,
      'inline-only': isGoBoolean,
      filename: value => value !== '',
      version: value => value === 'v0.2' || value === 'v1',
      disabled: isGoBoolean
    },
    example: 'mode=max, mode=min,inline-only=true, or true/false'
  },
  sbom: {
    attributes: {generator: value => value !== '', disabled: isGoBoolean},
    example: 'generator=docker/buildkit-syft-scanner, or true/false'
  }
};

/** The `provenance` and `sbom` inputs: a Go boolean, or the attributes of that attestation type. */
export function checkAttestationInput(type: 'provenance' | 'sbom', value: string): void {
  if (value === '' || isGoBoolean(value)) return;
  checkAttestationAttributes(type, type, {value}, attributesOf(type, {value}, ATTESTATION_GRAMMARS[type].example));
}

/** `attests` entries: `type=provenance|sbom` with that type's attributes. */
export function checkAttestsItem(item: ListItem): void {
  const attributes = attributesOf('attests', item, 'type=provenance,mode=max or type=sbom');
  const type = attributes.find(attribute => attribute.key === 'type')?.value;
  if (type !== 'provenance' && type !== 'sbom') {
    throw new InputError(
      'attests',
      item.value,
      type === undefined ? 'the attestation has no type' : `"${type}" is not an attestation type BuildKit knows`,
      'Start each line with type=provenance or type=sbom.',
      item.line
    );
  }
  checkAttestationAttributes(
    'attests',
    type,
    item,
    attributes.filter(attribute => attribute.key !== 'type')
  );
}

function checkAttestationAttributes(
  input: string,
  type: 'provenance' | 'sbom',
  item: Checked,
  attributes: readonly Attribute[]
): void {
  const grammar = ATTESTATION_GRAMMARS[type];
  const {line} = item;
  for (const {key, value} of attributes) {
    if (!Object.prototype.hasOwnProperty.call(grammar.attributes, key)) {
      throw new InputError(
        input,
        item.value,
        `"${key}" is not a ${type} attestation attribute (known: ${Object.keys(grammar.attributes).join(', ')})`,
        `Write ${grammar.example}.`,
        line
      );
    }
    const valid = grammar.attributes[key];
    if (valid && !valid(value)) {
      throw new InputError(
        input,
        item.value,
        `"${value}" is not a valid ${key} for a ${type} attestation`,
        `Write ${grammar.example}.`,
        line
      );
    }
  }
}

// BuildKit's cache exporters and importers.
const CACHE_TYPES = ['registry', 'local', 'inline', 'gha', 's3', 'azblob'];

/** `cache-from` / `cache-to`: a bare reference (buildx reads it as type=registry,ref=…) or typed attributes. */
export function checkCacheItem(input: 'cache-from' | 'cache-to', item: ListItem): void {
  if (!item.value.includes('=')) return;
  const shape = 'type=gha or type=registry,ref=ghcr.io/owner/app:cache,mode=max';
  const attributes = attributesOf(input, item, shape);
  const type = attributes.find(attribute => attribute.key === 'type')?.value;
  const fail = (problem: string, fix: string): never => {
    throw new InputError(input, item.value, problem, fix, item.line);
  };
  if (type === undefined) fail('the cache has no type', `Write ${shape}.`);
  if (!CACHE_TYPES.includes(type ?? '')) {
    fail(`"${type}" is not a cache type BuildKit knows`, `Use one of type=${CACHE_TYPES.join(', type=')}.`);
  }
  for (const {key, value} of attributes) {
    if (key === 'mode' && value !== 'min' && value !== 'max') {
      fail(`mode "${value}" is not min or max`, 'Write mode=max (every layer) or mode=min (the final image only).');
    }
    if (key === 'ignore-error' && !isGoBoolean(value)) {
      fail(`ignore-error "${value}" is not a boolean`, 'Write ignore-error=true or ignore-error=false.');
    }
  }
}

// A Dockerfile ARG name is a word: no blanks, no control characters, no `=`.
const BUILD_ARG_NAME = /^[^\s=\p{Cc}]+$/u;

/** `build-args`: NAME=value, or a bare NAME whose value buildx takes from the environment. */
export function checkBuildArgItem(item: ListItem): void {
  const equals = item.value.indexOf('=');
  const name = equals < 0 ? item.value : item.value.slice(0, equals);
  const fix = 'Write NAME=value, with the name as the Dockerfile declares it (ARG NAME).';
  if (name === '')
    throw new InputError('build-args', item.value, 'the build argument has an empty name', fix, item.line);
  if (!BUILD_ARG_NAME.test(name)) {
    throw new InputError(
      'build-args',
      item.value,
      `the name "${name}" has blanks or control characters, which a Dockerfile ARG cannot declare`,
      fix,
      item.line
    );
  }
}

/** `build-contexts`: name=source, as buildx's --build-context. */
export function checkBuildContextItem(item: ListItem): void {
  const equals = item.value.indexOf('=');
  if (equals <= 0 || equals === item.value.length - 1) {
    throw new InputError(
      'build-contexts',
      item.value,
      'expected name=source',
      'Write one name=source per line, e.g. alpine=docker-image://alpine:3.20 or assets=./assets.',
      item.line
    );
  }
}

/** `add-hosts`: host:ip or host=ip, where ip is an address or host-gateway (buildx's rule). */
export function checkAddHostItem(item: ListItem): void {
  const separator = item.value.includes('=') ? '=' : ':';
  const at = item.value.indexOf(separator);
  const host = at < 0 ? '' : item.value.slice(0, at);
  const ip = at < 0 ? '' : item.value.slice(at + 1);
  if (host === '' || (ip !== 'host-gateway' && isIP(ip) === 0)) {
    throw new InputError(
      'add-hosts',
      item.value,
      at < 0 ? 'the host has no IP address' : host === '' ? 'the host name is empty' : `"${ip}" is not an IP address`,
      'Write host:ip or host=ip, e.g. registry.local:10.0.0.5 or docker-host=host-gateway.',
      item.line
    );
  }
}

// docker's go-units RAMInBytes.
const SIZE = /^\d+(\.\d+)* ?[kmgtp]?i?b?$/i;

/** `shm-size`: a size as docker reads it (bytes, or with k, m, g… units). */
export function checkShmSize(value: string): void {
  if (value === '' || SIZE.test(value)) return;
  throw new InputError('shm-size', value, 'not a size', 'Write a size such as 2g, 512m or 67108864 (bytes).');
}

// go-units' ulimit names.
const ULIMIT_NAMES = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack'
];

/** `ulimit`: name=soft[:hard], as docker's --ulimit. */
export function checkUlimitItem(item: ListItem): void {
  const match = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(item.value);
  const fail = (problem: string): never => {
    throw new InputError(
      'ulimit',
      item.value,
      problem,
      'Write name=soft or name=soft:hard, e.g. nofile=1024:1024.',
      item.line
    );
  };
  if (!match) return fail(item.value.includes('=') ? 'the limits are not numbers' : 'the ulimit has no limits');
  const [, name = '', soft = '', hard] = match;
  if (!ULIMIT_NAMES.includes(name)) fail(`"${name}" is not a ulimit (known: ${ULIMIT_NAMES.join(', ')})`);
  if (hard !== undefined && Number(hard) !== -1 && Number(soft) > Number(hard)) {
    fail('the soft limit is above the hard limit');
  }
}
