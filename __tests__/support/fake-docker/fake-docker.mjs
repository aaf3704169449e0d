/**
 * A recording fake of the docker CLI with the buildx plugin, for tests on machines that have neither.
 *
 * Each invocation appends one JSON line to $FAKE_DOCKER_LOG. What it answers is scripted by the JSON scenario
 * in $FAKE_DOCKER_SCENARIO (schema: `FakeDockerScenario` in index.ts, and README.md). What real docker keeps
 * between commands lives in $FAKE_DOCKER_LOG.state.json (buildx builders per config directory, local images,
 * what was pushed, installed emulators) and in the real config.json (credentials), so that a sequence of
 * commands behaves like one machine: a builder created under one DOCKER_CONFIG is unknown under another, a
 * push of a tag that was never built fails, a second push of the same content reports the same digest.
 *
 * Messages are docker's and buildx's own wherever callers match on them. Only node:fs and node:path are
 * loaded because start-up time is the cost of every call (node:crypto alone adds ~10 ms), hence the small
 * SHA-256 below.
 */
import fs from 'node:fs';
import path from 'node:path';

const started = Date.now();
const env = process.env;

/** Exit status when the fake itself is misused (missing log variable, bad scenario): never a docker status. */
const FAKE_MISUSE = 2;

const LOGGED_ENV = [
  'DOCKER_CONFIG',
  'BUILDX_BUILDER',
  'BUILDX_NO_DEFAULT_ATTESTATIONS',
  'DOCKER_BUILDKIT',
  'BUILDX_METADATA_PROVENANCE',
  'BUILDX_METADATA_WARNINGS'
];
const LOGGED_ENV_PREFIXES = ['GHCR_PUBLISH_', 'ACTIONS_'];

const SCENARIO_KEYS = new Set([
  'buildx',
  'driver',
  'builderName',
  'containerdStore',
  'dockerVersion',
  'buildkitVersion',
  'platforms',
  'logins',
  'requireLogin',
  'strictImages',
  'checkContext',
  'build',
  'push',
  'commands',
  'hang',
  'stdinTimeoutMs'
]);

const DEFAULT_SCENARIO = {
  buildx: {version: 'v0.19.3'},
  driver: 'docker',
  builderName: 'builder',
  containerdStore: false,
  dockerVersion: '27.5.1',
  buildkitVersion: 'v0.18.2',
  platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/386'],
  logins: {},
  requireLogin: false,
  strictImages: true,
  checkContext: true,
  build: {},
  push: {},
  commands: [],
  hang: [],
  stdinTimeoutMs: 2000
};

/** A scripted hang lasts this long unless the rule says otherwise, and never longer than the maximum. */
const HANG_DEFAULT_MS = 60_000;
const HANG_MAX_MS = 600_000;
/** Signals that end a docker call the way they end docker: the call is recorded, then dies of the signal. */
const FATAL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';
const DEFAULT_BASE_IMAGE = 'docker.io/library/alpine:3.20';
const BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';
const MEDIA_TYPE_INDEX = 'application/vnd.oci.image.index.v1+json';
const MEDIA_TYPE_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

const BUILDKIT_DISABLED_WARNING = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0
            environment-variable.`;
const BUILDX_MISSING_WARNING = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            Install the buildx component to build images with BuildKit:
            https://docs.docker.com/go/buildx/`;
const BUILDX_MISSING_ERROR = `ERROR: BuildKit is enabled but the buildx component is missing or broken.
       Install the buildx component to build images with BuildKit:
       https://docs.docker.com/go/buildx/`;
const NO_OUTPUT_WARNING =
  'WARNING: No output specified with docker-container driver. Build result will only remain in the build cache. ' +
  'To push result image into registry use --push or to load image into docker use --load';

// ---------------------------------------------------------------------------------------------------------------
// Exits and output

/** Thrown to end the command with a status; the message goes to stderr like docker's own errors. */
class Exit extends Error {
  constructor(code, message = '') {
    super(message);
    this.code = code;
  }
}
const exit = (code, message) => {
  throw new Exit(code, message);
};
const fail = message => exit(1, message);

function write(fd, text) {
  let buffer = Buffer.from(text);
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(fs.writeSync(fd, buffer));
    } catch (error) {
      // A non-blocking pipe that is momentarily full: retry. A reader that went away: nothing to do.
      if (error.code === 'EAGAIN') continue;
      if (error.code === 'EPIPE') return;
      throw error;
    }
  }
}
const stdout = text => write(1, text);
const stderr = text => write(2, text);

// ---------------------------------------------------------------------------------------------------------------
// Small pure helpers

const SHA256_K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);
const rotr = (x, n) => (x >>> n) | (x << (32 - n));

/** SHA-256 of a string's UTF-8 bytes, as 64 hex characters. */
function sha256(text) {
  const data = Buffer.from(String(text), 'utf8');
  const total = ((data.length + 9 + 63) >> 6) << 6;
  const bytes = new Uint8Array(total);
  bytes.set(data);
  bytes[data.length] = 0x80;
  const view = new DataView(bytes.buffer);
  const bits = data.length * 8;
  view.setUint32(total - 8, Math.floor(bits / 0x100000000));
  view.setUint32(total - 4, bits >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  ]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < total; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  return Array.from(h, word => word.toString(16).padStart(8, '0')).join('');
}
const digestOf = (...parts) => `sha256:${sha256(parts.join('\u0000'))}`;

function randomId(length) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < length; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

/** Go's strconv.ParseBool. */
function parseBool(value) {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** buildx's comma-separated key=value fields (double quotes protect commas). */
function csvFields(text) {
  const fields = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields.filter(field => field !== '');
}

function keyValues(text) {
  const result = {};
  for (const field of csvFields(text)) {
    const separator = field.indexOf('=');
    if (separator < 0) result[field.trim().toLowerCase()] = '';
    else result[field.slice(0, separator).trim().toLowerCase()] = field.slice(separator + 1);
  }
  return result;
}

/** Go's time.Time %v, as buildx prints Last Activity (stored to the second): 2024-11-23 10:00:00 +0000 UTC */
function goTime(millis) {
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/** `KEY=value` → [KEY, value]; a bare `KEY` has an empty value. */
function splitKeyValue(entry) {
  const separator = entry.indexOf('=');
  return separator < 0 ? [entry, ''] : [entry.slice(0, separator), entry.slice(separator + 1)];
}

const seconds = value => `${value.toFixed(1)}s`;
const sortedObject = object => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Go's text/tabwriter (minwidth 0, padding as given, padchar ' '): a cell ends at a tab, and a column is as wide as
 * its widest cell among the consecutive lines that have a cell in that column.
 */
function tabwrite(lines, padding = 1) {
  const rows = lines.map(line => line.split('\t'));
  const output = [];
  const widths = [];
  const emit = (from, to) => {
    for (let index = from; index < to; index++) {
      const cells = rows[index];
      output.push(
        cells.map((cell, column) => (column < cells.length - 1 ? cell.padEnd(widths[column]) : cell)).join('')
      );
    }
  };
  const format = (from, to) => {
    let start = from;
    for (let index = from; index < to; index++) {
      const column = widths.length;
      if (column >= rows[index].length - 1) continue;
      emit(start, index);
      let end = index;
      let width = 0;
      for (; end < to && column < rows[end].length - 1; end++)
        width = Math.max(width, rows[end][column].length + padding);
      widths.push(width);
      format(index, end);
      widths.pop();
      start = end;
      index = end - 1;
    }
    emit(start, to);
  };
  format(0, rows.length);
  return output.map(line => `${line}\n`).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Image references (github.com/distribution/reference)

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`
);

/** reference.Parse, as buildx checks --tag: the error text or undefined. */
function referenceError(text) {
  const match = REFERENCE.exec(text);
  if (!match) {
    if (text === '') return 'repository name must have at least one component';
    if (REFERENCE.test(text.toLowerCase())) return 'repository name must be lowercase';
    return 'invalid reference format';
  }
  if (match[1].length > 255) return 'repository name must not be more than 255 characters';
  return undefined;
}

/**
 * reference.ParseNormalizedNamed plus TagNameOnly, as the docker CLI reads image names: {domain, path, tag,
 * digest, repository, full, familiar} or {error}.
 */
function normalizeReference(text) {
  const slash = text.indexOf('/');
  const first = slash < 0 ? '' : text.slice(0, slash);
  let domain = 'docker.io';
  let remainder = text;
  if (slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) {
    domain = first === 'index.docker.io' ? 'docker.io' : first;
    remainder = text.slice(slash + 1);
  }
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  const remoteName = remainder.replace(/[:@].*$/, '');
  if (remoteName.toLowerCase() !== remoteName) {
    return {error: `invalid reference format: repository name (${remoteName}) must be lowercase`};
  }
  const match = REFERENCE.exec(`${domain}/${remainder}`);
  if (!match) return {error: 'invalid reference format'};
  const digest = match[3];
  const tag = match[2] ?? (digest ? undefined : 'latest');
  const repository = `${domain}/${remoteName}`;
  const suffix = `${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  const familiarRepository = domain === 'docker.io' ? remoteName.replace(/^library\//, '') : repository;
  return {
    domain,
    path: remoteName,
    tag,
    digest,
    repository,
    familiarRepository,
    full: `${repository}${suffix}`,
    familiar: `${familiarRepository}${suffix}`
  };
}

/** Where docker keeps the credentials of a registry in config.json. */
function authKey(registry) {
  const host = registry
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  if (['', 'docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(host)) return DOCKER_HUB_AUTH_KEY;
  return host;
}

// ---------------------------------------------------------------------------------------------------------------
// Command-line flags (spf13/pflag as docker and buildx use it)

/**
 * spec: {command, values: [long names taking a value], bools: [long names], shorts: {t: 'tag'},
 * interspersed: false to stop at the first positional (docker run)}.
 */
function parseFlags(args, spec) {
  const valueFlags = new Set(spec.values ?? []);
  const boolFlags = new Set(spec.bools ?? []);
  const flags = new Map();
  const positionals = [];
  const see = `\nSee '${spec.command} --help'.`;
  const add = (name, value) => {
    if (!flags.has(name)) flags.set(name, []);
    flags.get(name).push(value);
  };
  const addBool = (name, value, shown) => {
    const parsed = parseBool(value);
    if (parsed === undefined) {
      exit(
        125,
        `invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax${see}`
      );
    }
    add(name, String(parsed));
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = arg.slice(2, equals < 0 ? undefined : equals);
      const inline = equals < 0 ? undefined : arg.slice(equals + 1);
      if (valueFlags.has(name)) {
        if (inline !== undefined) add(name, inline);
        else if (index + 1 < args.length) add(name, args[++index]);
        else exit(125, `flag needs an argument: --${name}${see}`);
      } else if (boolFlags.has(name)) addBool(name, inline ?? 'true', `--${name}`);
      else exit(125, `unknown flag: --${name}${see}`);
    } else if (arg.startsWith('-') && arg !== '-') {
      for (let position = 1; position < arg.length; position++) {
        const short = arg[position];
        const name = spec.shorts?.[short];
        if (!name) exit(125, `unknown shorthand flag: '${short}' in ${arg}${see}`);
        if (boolFlags.has(name)) {
          add(name, 'true');
          continue;
        }
        let value = arg.slice(position + 1).replace(/^=/, '');
        if (value === '') {
          if (index + 1 >= args.length) exit(125, `flag needs an argument: '${short}' in -${short}${see}`);
          value = args[++index];
        }
        add(name, value);
        break;
      }
    } else {
      positionals.push(arg);
      if (spec.interspersed === false) {
        positionals.push(...args.slice(index + 1));
        break;
      }
    }
  }
  return {
    positionals,
    all: name => flags.get(name) ?? [],
    last: name => flags.get(name)?.at(-1),
    bool: name => flags.get(name)?.at(-1) === 'true',
    has: name => flags.has(name)
  };
}

function requireArgs(positionals, {min, max, command, usage, description, buildx}) {
  if (positionals.length >= min && positionals.length <= max) return;
  const amount =
    min === max
      ? `exactly ${min} argument${min === 1 ? '' : 's'}`
      : max === Infinity
        ? `at least ${min} argument${min === 1 ? '' : 's'}`
        : `at most ${max} argument${max === 1 ? '' : 's'}`;
  const message = `"${command}" requires ${amount}.\nSee '${command} --help'.\n\nUsage:  ${command} ${usage}\n\n${description}`;
  fail(buildx ? `ERROR: ${message}` : message);
}

// ---------------------------------------------------------------------------------------------------------------
// Go templates (--format): the subset docker users write

/** Renders `{{.A.B}}`, `{{json .A}}`, `{{index .A 0}}`, `{{join .A ", "}}` and the bare word `json`. */
function renderTemplate(template, data) {
  if (template.trim() === 'json') return JSON.stringify(data);
  return template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_, expression) => {
    const words = expression.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
    const term = word => {
      if (word === undefined) return undefined;
      if (word.startsWith('"')) return JSON.parse(word);
      if (/^-?\d+$/.test(word)) return Number(word);
      if (!word.startsWith('.')) return undefined;
      let value = data;
      for (const key of word.split('.').filter(part => part !== '')) value = value?.[key];
      return value;
    };
    switch (words[0]) {
      case 'json':
        return JSON.stringify(term(words[1]) ?? null);
      case 'index': {
        let value = term(words[1]);
        for (const key of words.slice(2)) value = value?.[term(key)];
        return goString(value);
      }
      case 'join':
        return (term(words[1]) ?? []).join(term(words[2]) ?? '');
      case 'lower':
        return goString(term(words[1])).toLowerCase();
      case 'upper':
        return goString(term(words[1])).toUpperCase();
      default:
        return goString(term(words[0]));
    }
  });
}

function goString(value) {
  if (value === undefined || value === null) return '<no value>';
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  if (typeof value === 'object') {
    return `map[${Object.keys(value)
      .sort()
      .map(key => `${key}:${goString(value[key])}`)
      .join(' ')}]`;
  }
  return String(value);
}

// ---------------------------------------------------------------------------------------------------------------
// The invocation

function loadScenario() {
  const file = env.FAKE_DOCKER_SCENARIO;
  if (!file) return {...DEFAULT_SCENARIO};
  let scenario;
  try {
    scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    exit(FAKE_MISUSE, `fake docker: cannot read the scenario FAKE_DOCKER_SCENARIO=${file}: ${error.message}`);
  }
  if (scenario === null || typeof scenario !== 'object' || Array.isArray(scenario)) {
    exit(FAKE_MISUSE, `fake docker: the scenario ${file} must be a JSON object`);
  }
  const unknown = Object.keys(scenario).filter(key => !SCENARIO_KEYS.has(key));
  if (unknown.length > 0) {
    exit(
      FAKE_MISUSE,
      `fake docker: unknown scenario key(s) ${unknown.join(', ')} in ${file}; known: ${[...SCENARIO_KEYS].join(', ')}`
    );
  }
  if (scenario.driver !== undefined && !['docker', 'docker-container'].includes(scenario.driver)) {
    exit(FAKE_MISUSE, `fake docker: scenario driver must be "docker" or "docker-container", not ${scenario.driver}`);
  }
  return {...DEFAULT_SCENARIO, ...scenario};
}

/** One docker invocation: what was asked, the machine state it reads and changes, and what is logged. */
class Invocation {
  constructor(argv, scenario, logFile) {
    this.argv = argv;
    this.scenario = scenario;
    this.logFile = logFile;
    this.stateFile = `${logFile}.state.json`;
    this.cwd = process.cwd();
    this.stdin = null;
    this.dirty = false;
    this.loadedState = undefined;
    this.configOverride = undefined;
  }

  get state() {
    if (this.loadedState === undefined) {
      try {
        this.loadedState = JSON.parse(fs.readFileSync(this.stateFile, 'utf8'));
      } catch (error) {
        if (error.code !== 'ENOENT') throw error;
        this.loadedState = {};
      }
      const state = this.loadedState;
      state.buildx ??= {};
      state.images ??= {};
      state.registry ??= {};
      state.emulators ??= [];
      state.pulled ??= [];
      state.counters ??= {};
    }
    return this.loadedState;
  }

  changed() {
    this.dirty = true;
  }

  saveState() {
    if (!this.dirty) return;
    // Written whole and renamed, so a concurrent docker call reads the old or the new state, never half of one.
    const temporary = `${this.stateFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(this.loadedState, null, 2));
    fs.renameSync(temporary, this.stateFile);
  }

  /** Counts a scripted behaviour and tells whether it still applies (`times` limits it to the first calls). */
  consume(key, rule) {
    if (rule.times === undefined) return true;
    const used = this.state.counters[key] ?? 0;
    if (used >= rule.times) return false;
    this.state.counters[key] = used + 1;
    this.changed();
    return true;
  }

  get configDir() {
    return this.configOverride ?? env.DOCKER_CONFIG ?? path.join(env.HOME ?? '/', '.docker');
  }

  readConfig() {
    const file = path.join(this.configDir, 'config.json');
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      if (error.code !== 'ENOENT') stderr(`WARNING: Error loading config file: ${file}: ${error.message}\n`);
      return {};
    }
  }

  writeConfig(config) {
    fs.mkdirSync(this.configDir, {recursive: true, mode: 0o700});
    const file = path.join(this.configDir, 'config.json');
    const temporary = `${file}${process.pid}.tmp`;
    // docker writes config.json with tabs and mode 0600.
    fs.writeFileSync(temporary, JSON.stringify(config, null, '\t'), {mode: 0o600});
    fs.renameSync(temporary, file);
    return file;
  }

  /** Appends the call to the log. `extra`: {running: true} when a hung call starts, {signal} when one is killed. */
  record(exitCode, extra = {}) {
    const logged = {};
    for (const [name, value] of Object.entries(env)) {
      if (LOGGED_ENV.includes(name) || LOGGED_ENV_PREFIXES.some(prefix => name.startsWith(prefix))) {
        logged[name] = value;
      }
    }
    const line = {
      argv: this.argv,
      cwd: this.cwd,
      stdin: this.stdin,
      env: logged,
      time: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      exitCode,
      pid: process.pid,
      ...extra
    };
    fs.appendFileSync(this.logFile, `${JSON.stringify(line)}\n`);
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const logFile = env.FAKE_DOCKER_LOG;
  if (!logFile) {
    stderr(
      'fake docker: FAKE_DOCKER_LOG is not set. This `docker` is the test fake from __tests__/support/fake-docker; ' +
        'createFakeDocker() sets FAKE_DOCKER_LOG and FAKE_DOCKER_SCENARIO.\n'
    );
    return FAKE_MISUSE;
  }
  watchSignals(argv, logFile);
  const hangMs = startScriptedHang(argv, logFile);
  if (hangMs > 0) await new Promise(resolve => globalThis.setTimeout(resolve, hangMs));
  let invocation;
  let code = 0;
  // The action runs independent docker commands at once; their state changes must not overwrite each other.
  const releaseStateLock = lockState(logFile);
  running.releaseLock = releaseStateLock;
  try {
    invocation = new Invocation(argv, loadScenario(), logFile);
    await dispatch(invocation, argv);
  } catch (error) {
    if (!(error instanceof Exit)) {
      stderr(`fake docker: internal error: ${error.stack ?? error}\n`);
      code = 70;
    } else {
      if (error.message) stderr(`${error.message}\n`);
      code = error.code;
    }
  }
  try {
    invocation?.saveState();
    (invocation ?? new Invocation(argv, DEFAULT_SCENARIO, logFile)).record(code);
  } catch (error) {
    stderr(`fake docker: cannot write ${logFile} or its state: ${error.message}\n`);
    return FAKE_MISUSE;
  } finally {
    running.releaseLock = undefined;
    releaseStateLock();
  }
  return code;
}

/** What a signal handler must undo: the state lock, when this call holds it. */
const running = {releaseLock: undefined};

/**
 * SIGINT, SIGTERM and SIGHUP end the call as they end docker, but first let go of the state lock (a killed holder
 * would stall every other call for LOCK_WAIT_MS) and record the call with the signal and no exit code. Node runs
 * the handler between two turns of the event loop, so a call is never cut in the middle of a state change.
 */
function watchSignals(argv, logFile) {
  for (const signal of FATAL_SIGNALS) {
    process.once(signal, () => {
      running.releaseLock?.();
      try {
        new Invocation(argv, DEFAULT_SCENARIO, logFile).record(null, {signal});
      } catch {
        // Dying anyway: a log that cannot be written only loses this line.
      }
      // Without a listener the default action is back: the process dies of the signal, as its parent expects.
      for (const other of FATAL_SIGNALS) process.removeAllListeners(other);
      process.kill(process.pid, signal);
    });
  }
}

/**
 * A `hang` rule of the scenario ({argv: prefix, ms?, times?}) that matches this call: the call is logged at once
 * (`running: true`), then sleeps `ms` (default HANG_DEFAULT_MS, at most HANG_MAX_MS) without holding the state
 * lock, as a docker stuck on the network does, until a signal ends it. If none comes it carries on as usual.
 * Returns how long to sleep, 0 when no rule matches. A bad scenario is left for the call itself to report.
 */
function startScriptedHang(argv, logFile) {
  let scenario;
  try {
    scenario = loadScenario();
  } catch {
    return 0;
  }
  const rules = Array.isArray(scenario.hang) ? scenario.hang : [];
  if (rules.length === 0) return 0;
  const args = argv.slice(globalOptions(argv).index);
  const release = lockState(logFile);
  try {
    const invocation = new Invocation(argv, scenario, logFile);
    for (const [index, rule] of rules.entries()) {
      if (!startsWith(args, rule.argv ?? []) || !invocation.consume(`hang.${index}`, rule)) continue;
      invocation.saveState();
      invocation.record(null, {running: true});
      return Math.min(Math.max(0, Number(rule.ms ?? HANG_DEFAULT_MS) || 0), HANG_MAX_MS);
    }
    return 0;
  } finally {
    release();
  }
}

const LOCK_WAIT_MS = 10_000;
const LOCK_POLL_MS = 2;

/** A lock directory next to the log: mkdir is atomic. A holder gone for LOCK_WAIT_MS is taken as dead. */
function lockState(logFile) {
  const lock = `${logFile}.lock`;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return () => fs.rmSync(lock, {recursive: true, force: true});
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() > deadline) {
        fs.rmSync(lock, {recursive: true, force: true});
        continue;
      }
      Atomics.wait(sleeper, 0, 0, LOCK_POLL_MS);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dispatch

const GLOBAL_VALUE_FLAGS = new Set(['--config', '-c', '--context', '-H', '--host', '-l', '--log-level']);
const GLOBAL_VALUE_FLAGS_TLS = new Set(['--tlscacert', '--tlscert', '--tlskey']);
const GLOBAL_BOOL_FLAGS = new Set(['-D', '--debug', '--tls', '--tlsverify']);

/** Docker's global options before the command: where the command starts, and the --config value if any. */
function globalOptions(argv) {
  let config;
  let index = 0;
  for (; index < argv.length; index++) {
    const arg = argv[index];
    const name = arg.replace(/=.*$/, '');
    if (GLOBAL_VALUE_FLAGS.has(name) || GLOBAL_VALUE_FLAGS_TLS.has(name)) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++index];
      if (name === '--config') config = value;
    } else if (!GLOBAL_BOOL_FLAGS.has(name)) break;
  }
  return {index, config};
}

const startsWith = (args, prefix) =>
  prefix.length <= args.length && prefix.every((word, position) => args[position] === word);

async function dispatch(invocation, argv) {
  const {index, config} = globalOptions(argv);
  if (config !== undefined) invocation.configOverride = config;
  if (argv[index] === '-v' || argv[index] === '--version') {
    stdout(`Docker version ${invocation.scenario.dockerVersion}, build ${engine(invocation).clientCommit}\n`);
    return;
  }
  const args = argv.slice(index);
  if (scriptedCommand(invocation, args)) return;
  const [command, ...rest] = args;
  switch (command) {
    case 'buildx':
      return buildx(invocation, rest);
    case 'build':
      return dockerBuild(invocation, rest, 'docker build');
    case 'builder':
      if (rest[0] === 'build') return dockerBuild(invocation, rest.slice(1), 'docker builder build');
      if (invocation.scenario.buildx) return buildx(invocation, rest);
      return;
    case 'image':
      return imageCommand(invocation, rest);
    case 'login':
      return login(invocation, rest);
    case 'logout':
      return logout(invocation, rest);
    case 'push':
      return push(invocation, rest, 'docker push');
    case 'tag':
      return tag(invocation, rest, 'docker tag');
    case 'inspect':
      return inspectObjects(invocation, rest, 'docker inspect');
    case 'version':
      return version(invocation, rest);
    case 'info':
      return info(invocation, rest);
    case 'context':
      return context(invocation, rest);
    case 'run':
      return run(invocation, rest);
    case 'pull':
      return pull(invocation, rest, 'docker pull');
    case 'save':
      return save(invocation, rest, 'docker save');
    case 'load':
      return load(invocation, rest, 'docker load');
    default:
      // Anything else (rmi, ps, images, ...) only needs to be recorded.
      return;
  }
}

/** `commands` rules of the scenario answer first: {argv: prefix, stdout, stderr, exitCode, times}. */
function scriptedCommand(invocation, args) {
  const rules = invocation.scenario.commands ?? [];
  for (const [index, rule] of rules.entries()) {
    if (!startsWith(args, rule.argv ?? []) || !invocation.consume(`commands.${index}`, rule)) continue;
    if (rule.stdout) stdout(rule.stdout);
    if (rule.stderr) stderr(rule.stderr);
    if (rule.exitCode) exit(rule.exitCode);
    return true;
  }
  return false;
}

function imageCommand(invocation, [sub, ...rest]) {
  switch (sub) {
    case 'build':
      return dockerBuild(invocation, rest, 'docker image build');
    case 'push':
      return push(invocation, rest, 'docker image push');
    case 'tag':
      return tag(invocation, rest, 'docker image tag');
    case 'inspect':
      return inspectObjects(invocation, rest, 'docker image inspect');
    case 'pull':
      return pull(invocation, rest, 'docker image pull');
    case 'save':
      return save(invocation, rest, 'docker image save');
    case 'load':
      return load(invocation, rest, 'docker image load');
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Engine facts

const API_VERSIONS = {20: '1.41', 23: '1.42', 24: '1.43', 25: '1.44', 26: '1.45', 27: '1.47', 28: '1.48', 29: '1.51'};

function engine(invocation) {
  const version = String(invocation.scenario.dockerVersion);
  const major = Number.parseInt(version, 10);
  const arch = {x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x'}[process.arch] ?? 'amd64';
  return {
    version,
    major,
    apiVersion: API_VERSIONS[major] ?? '1.47',
    arch,
    clientCommit: sha256(`client ${version}`).slice(0, 7),
    serverCommit: sha256(`server ${version}`).slice(0, 7)
  };
}

function nativePlatforms(invocation) {
  return invocation.scenario.platforms ?? DEFAULT_SCENARIO.platforms;
}

function defaultPlatform(invocation) {
  return nativePlatforms(invocation)[0] ?? `linux/${engine(invocation).arch}`;
}

/** Platforms binfmt emulation adds, by emulator (tonistiigi/binfmt). */
const EMULATORS = {
  arm64: {emulator: 'qemu-aarch64', platforms: ['linux/arm64']},
  arm: {emulator: 'qemu-arm', platforms: ['linux/arm/v7', 'linux/arm/v6']},
  riscv64: {emulator: 'qemu-riscv64', platforms: ['linux/riscv64']},
  ppc64le: {emulator: 'qemu-ppc64le', platforms: ['linux/ppc64le']},
  s390x: {emulator: 'qemu-s390x', platforms: ['linux/s390x']},
  mips64le: {emulator: 'qemu-mips64el', platforms: ['linux/mips64le']},
  mips64: {emulator: 'qemu-mips64', platforms: ['linux/mips64']},
  loong64: {emulator: 'qemu-loongarch64', platforms: ['linux/loong64']},
  amd64: {emulator: 'qemu-x86_64', platforms: ['linux/amd64', 'linux/amd64/v2']},
  386: {emulator: 'qemu-i386', platforms: ['linux/386']}
};

function availablePlatforms(invocation) {
  const platforms = [...nativePlatforms(invocation)];
  for (const emulator of invocation.state.emulators) {
    const entry = Object.values(EMULATORS).find(candidate => candidate.emulator === emulator);
    for (const platform of entry?.platforms ?? []) if (!platforms.includes(platform)) platforms.push(platform);
  }
  return platforms;
}

// ---------------------------------------------------------------------------------------------------------------
// buildx: builders

const DEFAULT_BUILDER = {
  name: 'default',
  driver: 'docker',
  bootstrapped: true,
  driverOpts: {},
  flags: [],
  platforms: []
};
const KNOWN_DRIVERS = ['docker', 'docker-container', 'kubernetes', 'remote', 'cloud'];

/** The builder store of one docker config directory, as buildx keeps it in $DOCKER_CONFIG/buildx. */
function builderStore(invocation) {
  const key = env.BUILDX_CONFIG ?? path.join(invocation.configDir, 'buildx');
  let store = invocation.state.buildx[key];
  if (!store) {
    store = {current: null, builders: {}, created: 0};
    const {driver, builderName} = invocation.scenario;
    // The runner's current builder (the one a setup-buildx-action step left) exists whatever the config directory.
    if (driver && driver !== 'docker') {
      store.builders[builderName] = newBuilder(builderName, driver, {bootstrapped: true});
      store.current = builderName;
    }
    invocation.state.buildx[key] = store;
    invocation.changed();
  }
  return store;
}

function newBuilder(name, driver, options = {}) {
  return {
    name,
    driver,
    driverOpts: options.driverOpts ?? {},
    flags: options.flags ?? (driver === 'docker-container' ? ['--allow-insecure-entitlement=network.host'] : []),
    platforms: options.platforms ?? [],
    endpoint: options.endpoint ?? 'unix:///var/run/docker.sock',
    bootstrapped: options.bootstrapped ?? false,
    lastActivity: Date.now(),
    hostname: sha256(`${name} ${Date.now()} ${Math.random()}`).slice(0, 12)
  };
}

/** buildx's choice: --builder, then BUILDX_BUILDER, then the store's current builder, then the context's. */
function resolveBuilder(invocation, store, explicit) {
  const name = explicit || env.BUILDX_BUILDER || store.current || 'default';
  if (name === 'default') return DEFAULT_BUILDER;
  const builder = store.builders[name];
  if (!builder) fail(`ERROR: no builder "${name}" found`);
  return builder;
}

const nodeName = builder => (builder.driver === 'docker' ? builder.name : `${builder.name}0`);

function builderPlatforms(invocation, builder) {
  const manual = builder.platforms.map(platform => `${platform}*`);
  if (!builder.bootstrapped) return manual;
  return [...manual, ...availablePlatforms(invocation).filter(platform => !builder.platforms.includes(platform))];
}

/** What the driver can do; the docker driver learns everything from the containerd image store. */
function features(invocation, builder) {
  const full = builder.driver !== 'docker' || invocation.scenario.containerdStore === true;
  return {multiPlatform: full, cacheExport: full, attestations: full, ociImporter: invocation.scenario.containerdStore};
}

function bootSteps(progress, builder) {
  const image = builder.driverOpts.image ?? BUILDKIT_IMAGE;
  const container = `buildx_buildkit_${nodeName(builder)}`;
  progress.step(
    '[internal] booting buildkit',
    [
      `pulling image ${image}`,
      `pulling image ${image} 1.6s done`,
      `creating container ${container}`,
      `creating container ${container} 0.4s done`
    ],
    2.0
  );
}

function buildx(invocation, args) {
  if (!invocation.scenario.buildx) {
    fail("docker: 'buildx' is not a docker command.\nSee 'docker --help'");
  }
  let rootBuilder;
  let index = 0;
  for (; index < args.length && args[index].startsWith('-'); index++) {
    const arg = args[index];
    if (arg === '--builder') rootBuilder = args[++index];
    else if (arg.startsWith('--builder=')) rootBuilder = arg.slice('--builder='.length);
    else if (arg === '-D' || arg === '--debug') continue;
    else exit(125, `unknown flag: ${arg}\nSee 'docker buildx --help'.`);
  }
  const [sub, ...rest] = args.slice(index);
  switch (sub) {
    case 'version':
      return buildxVersion(invocation);
    case 'build':
    case 'b':
      return buildxBuild(invocation, rest, {rootBuilder});
    case 'create':
      return buildxCreate(invocation, rest);
    case 'inspect':
      return buildxInspect(invocation, rest, rootBuilder);
    case 'ls':
      return buildxLs(invocation);
    case 'rm':
      return buildxRm(invocation, rest, rootBuilder);
    case 'use':
      return buildxUse(invocation, rest);
    case 'stop':
      return buildxStop(invocation, rest, rootBuilder);
    case 'imagetools':
      return imagetools(invocation, rest);
    case undefined:
      stdout('\nUsage:  docker buildx [OPTIONS] COMMAND\n\nExtended build capabilities with BuildKit\n');
      return;
    default:
      // du, prune, bake, history, ...: recorded only.
      return;
  }
}

function buildxVersion(invocation) {
  const version = invocation.scenario.buildx.version ?? DEFAULT_SCENARIO.buildx.version;
  // The commit of the real v0.19.3; other versions get a stable made-up one.
  const commit = version === 'v0.19.3' ? '48d6a39' : sha256(`buildx ${version}`).slice(0, 7);
  stdout(`github.com/docker/buildx ${version} ${commit}\n`);
}

function buildxCreate(invocation, args) {
  const flags = parseFlags(args, {
    command: 'docker buildx create',
    values: [
      'name',
      'driver',
      'driver-opt',
      'buildkitd-flags',
      'buildkitd-config',
      'config',
      'platform',
      'node',
      'builder',
      'timeout'
    ],
    bools: ['bootstrap', 'use', 'leave', 'append', 'debug'],
    shorts: {D: 'debug'}
  });
  requireArgs(flags.positionals, {
    min: 0,
    max: 1,
    command: 'docker buildx create',
    usage: '[OPTIONS] [CONTEXT|ENDPOINT]',
    description: 'Create a new builder instance',
    buildx: true
  });
  const store = builderStore(invocation);
  const driver = flags.last('driver') ?? 'docker-container';
  if (!KNOWN_DRIVERS.includes(driver)) fail(`ERROR: failed to find driver "${driver}"`);
  const name = flags.last('name') ?? generatedName(store);
  const existing = store.builders[name];
  if (name === 'default' || (existing && !flags.bool('append'))) {
    fail(
      `ERROR: existing instance for "${name}" but no append mode, specify the node name to make changes for existing instances`
    );
  }
  const configFile = flags.last('buildkitd-config') ?? flags.last('config');
  if (configFile !== undefined && !fs.existsSync(path.resolve(invocation.cwd, configFile))) {
    fail(`ERROR: open ${configFile}: no such file or directory`);
  }
  const driverOpts = {};
  for (const option of flags.all('driver-opt')) Object.assign(driverOpts, keyValues(option));
  const buildkitdFlags = flags.last('buildkitd-flags');
  const builder = newBuilder(name, driver, {
    driverOpts,
    flags: buildkitdFlags === undefined ? undefined : buildkitdFlags.split(/\s+/).filter(flag => flag !== ''),
    platforms: flags
      .all('platform')
      .flatMap(value => value.split(','))
      .filter(platform => platform !== ''),
    endpoint: flags.positionals[0]
  });
  store.builders[name] = builder;
  store.created++;
  if (flags.bool('use')) store.current = name;
  invocation.changed();
  if (flags.bool('bootstrap')) {
    bootSteps(new Progress(), builder);
    builder.bootstrapped = true;
  }
  stdout(`${name}\n`);
}

/** Docker's random container names (adjective_scientist), numbered so that they never repeat in a store. */
function generatedName(store) {
  const adjectives = ['elated', 'focused', 'hopeful', 'jolly', 'nifty', 'serene', 'vibrant', 'zealous'];
  const names = ['tesla', 'hopper', 'lovelace', 'turing', 'curie', 'noether', 'shannon', 'knuth'];
  for (let number = store.created; ; number++) {
    const name = `${adjectives[number % adjectives.length]}_${names[Math.floor(number / adjectives.length) % names.length]}${
      number >= adjectives.length * names.length ? number : ''
    }`;
    if (!store.builders[name]) return name;
  }
}

function buildxInspect(invocation, args, rootBuilder) {
  const flags = parseFlags(args, {
    command: 'docker buildx inspect',
    values: ['builder'],
    bools: ['bootstrap', 'debug'],
    shorts: {D: 'debug'}
  });
  requireArgs(flags.positionals, {
    min: 0,
    max: 1,
    command: 'docker buildx inspect',
    usage: '[NAME]',
    description: 'Inspect current builder instance',
    buildx: true
  });
  const store = builderStore(invocation);
  const builder = resolveBuilder(invocation, store, flags.positionals[0] ?? flags.last('builder') ?? rootBuilder);
  if (flags.bool('bootstrap') && !builder.bootstrapped) {
    bootSteps(new Progress(), builder);
    builder.bootstrapped = true;
    invocation.changed();
  }
  stdout(inspectText(invocation, builder));
}

function inspectText(invocation, builder) {
  const {buildkitVersion} = invocation.scenario;
  const lines = [`Name:\t${builder.name}`, `Driver:\t${builder.driver}`];
  if (builder.driver !== 'docker') lines.push(`Last Activity:\t${goTime(builder.lastActivity)}`);
  lines.push(
    '',
    'Nodes:',
    `Name:\t${nodeName(builder)}`,
    `Endpoint:\t${builder.driver === 'docker' ? 'default' : builder.endpoint}`
  );
  const driverOpts = Object.entries(builder.driverOpts).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  if (driverOpts.length > 0) lines.push(`Driver Options:\t${driverOpts.join(' ')}`);
  lines.push(`Status:\t${builder.bootstrapped ? 'running' : 'inactive'}`);
  if (builder.flags.length > 0) lines.push(`BuildKit daemon flags:\t${builder.flags.join(' ')}`);
  if (builder.bootstrapped) lines.push(`BuildKit version:\t${buildkitVersion}`);
  const platforms = builderPlatforms(invocation, builder);
  if (platforms.length > 0) lines.push(`Platforms:\t${platforms.join(', ')}`);
  if (builder.bootstrapped && builder.driver === 'docker' && invocation.scenario.containerdStore) {
    // Real transcript: buildx 0.13.1 against dockerd 26.1.5 with the containerd image store (Debian 13).
    lines.push(
      'Labels:',
      '\torg.mobyproject.buildkit.worker.containerd.namespace:\tmoby',
      '\torg.mobyproject.buildkit.worker.containerd.uuid:\t7bdf9085-e198-4d71-8c4a-e84c9ea92949',
      '\torg.mobyproject.buildkit.worker.executor:\tcontainerd',
      `\torg.mobyproject.buildkit.worker.hostname:\t${builder.hostname ?? 'fv-az123-456'}`,
      '\torg.mobyproject.buildkit.worker.moby.host-gateway-ip:\t<nil>',
      '\torg.mobyproject.buildkit.worker.network:\thost',
      '\torg.mobyproject.buildkit.worker.selinux.enabled:\tfalse',
      '\torg.mobyproject.buildkit.worker.snapshotter:\toverlayfs'
    );
  } else if (builder.bootstrapped && builder.driver === 'docker') {
    // Real transcript: the same dockerd 26.1.5 on the classic image store prints only this label (its value is the
    // bridge's gateway; <nil> on the tests' bridgeless engine).
    lines.push('Labels:', '\torg.mobyproject.buildkit.worker.moby.host-gateway-ip:\t172.17.0.1');
  } else if (builder.bootstrapped) {
    lines.push(
      'Labels:',
      '\torg.mobyproject.buildkit.worker.executor:\toci',
      `\torg.mobyproject.buildkit.worker.hostname:\t${builder.hostname}`,
      '\torg.mobyproject.buildkit.worker.network:\thost',
      '\torg.mobyproject.buildkit.worker.oci.process-mode:\tsandbox',
      '\torg.mobyproject.buildkit.worker.selinux.enabled:\tfalse',
      '\torg.mobyproject.buildkit.worker.snapshotter:\toverlayfs',
      'GC Policy rule#0:',
      '\tAll:\tfalse',
      '\tFilters:\ttype==source.local,type==exec.cachemount,type==source.git.checkout',
      '\tKeep Duration:\t48h0m0s',
      '\tMax Used Space:\t488.3MiB',
      'GC Policy rule#1:',
      '\tAll:\tfalse',
      '\tKeep Duration:\t1440h0m0s',
      '\tReserved Space:\t7.451GiB',
      '\tMax Used Space:\t953.7MiB',
      '\tMin Free Space:\t3.725GiB',
      'GC Policy rule#2:',
      '\tAll:\tfalse',
      '\tReserved Space:\t7.451GiB',
      '\tMax Used Space:\t953.7MiB',
      '\tMin Free Space:\t3.725GiB'
    );
  }
  return tabwrite(lines);
}

function buildxLs(invocation) {
  const store = builderStore(invocation);
  const current = env.BUILDX_BUILDER || store.current || 'default';
  const {buildkitVersion} = invocation.scenario;
  const lines = ['NAME/NODE\tDRIVER/ENDPOINT\tSTATUS\tBUILDKIT\tPLATFORMS'];
  for (const builder of [
    ...Object.values(store.builders).sort((a, b) => (a.name < b.name ? -1 : 1)),
    DEFAULT_BUILDER
  ]) {
    lines.push(`${builder.name}${builder.name === current ? '*' : ''}\t${builder.driver}\t\t\t`);
    lines.push(
      [
        ` \\_ ${nodeName(builder)}`,
        ` \\_ ${builder.driver === 'docker' ? 'default' : builder.endpoint}`,
        builder.bootstrapped ? 'running' : 'inactive',
        builder.bootstrapped ? buildkitVersion : '',
        builderPlatforms(invocation, builder).join(', ')
      ].join('\t')
    );
  }
  stdout(tabwrite(lines, 3));
}

function buildxRm(invocation, args, rootBuilder) {
  const flags = parseFlags(args, {
    command: 'docker buildx rm',
    values: ['builder'],
    bools: ['keep-state', 'keep-daemon', 'all-inactive', 'force', 'debug'],
    shorts: {f: 'force', D: 'debug'}
  });
  const store = builderStore(invocation);
  if (flags.bool('all-inactive')) {
    if (flags.positionals.length > 0) fail('ERROR: cannot specify builder name when --all-inactive is set');
    for (const builder of Object.values(store.builders)) {
      if (builder.bootstrapped) continue;
      removeBuilder(invocation, store, builder.name);
      stderr(`${builder.name} removed\n`);
    }
    return;
  }
  const current = flags.last('builder') || rootBuilder || env.BUILDX_BUILDER || store.current || 'default';
  const names = flags.positionals.length > 0 ? flags.positionals : [current];
  let failed = false;
  for (const name of names) {
    if (name === 'default') {
      stderr(
        'failed to remove default: context builder cannot be removed, run `docker context rm default` to remove this context\n'
      );
      failed = true;
    } else if (!store.builders[name]) {
      stderr(`failed to remove ${name}: no builder "${name}" found\n`);
      failed = true;
    } else {
      removeBuilder(invocation, store, name);
      stderr(`${name} removed\n`);
    }
  }
  if (failed) fail('ERROR: failed to remove one or more builders');
}

function removeBuilder(invocation, store, name) {
  delete store.builders[name];
  if (store.current === name) store.current = null;
  invocation.changed();
}

function buildxUse(invocation, args) {
  const flags = parseFlags(args, {
    command: 'docker buildx use',
    values: ['builder'],
    bools: ['default', 'global', 'debug'],
    shorts: {D: 'debug'}
  });
  requireArgs(flags.positionals, {
    min: 1,
    max: 1,
    command: 'docker buildx use',
    usage: '[OPTIONS] NAME',
    description: 'Set the current builder instance',
    buildx: true
  });
  const store = builderStore(invocation);
  const [name] = flags.positionals;
  if (name !== 'default' && !store.builders[name]) fail(`ERROR: run \`docker buildx ls\` to see available builders`);
  store.current = name === 'default' ? null : name;
  invocation.changed();
}

function buildxStop(invocation, args, rootBuilder) {
  const flags = parseFlags(args, {
    command: 'docker buildx stop',
    values: ['builder'],
    bools: ['debug'],
    shorts: {D: 'debug'}
  });
  const store = builderStore(invocation);
  const builder = resolveBuilder(invocation, store, flags.positionals[0] ?? flags.last('builder') ?? rootBuilder);
  if (builder.driver === 'docker') return;
  builder.bootstrapped = false;
  invocation.changed();
}

// ---------------------------------------------------------------------------------------------------------------
// buildx: build

const BUILDX_BUILD_FLAGS = {
  command: 'docker buildx build',
  values: [
    'add-host',
    'allow',
    'annotation',
    'attest',
    'build-arg',
    'build-context',
    'builder',
    'cache-from',
    'cache-to',
    'call',
    'cgroup-parent',
    'cpu-period',
    'cpu-quota',
    'cpu-shares',
    'cpuset-cpus',
    'cpuset-mems',
    'file',
    'iidfile',
    'isolation',
    'label',
    'memory',
    'memory-swap',
    'metadata-file',
    'network',
    'no-cache-filter',
    'output',
    'platform',
    'print',
    'progress',
    'provenance',
    'sbom',
    'secret',
    'security-opt',
    'shm-size',
    'ssh',
    'tag',
    'target',
    'ulimit'
  ],
  bools: ['check', 'compress', 'debug', 'force-rm', 'load', 'no-cache', 'pull', 'push', 'quiet', 'rm', 'squash'],
  shorts: {t: 'tag', f: 'file', o: 'output', q: 'quiet', m: 'memory', c: 'cpu-shares', D: 'debug'}
};

/** --attest, --provenance and --sbom, merged by type as buildx does (a later entry of a type wins). */
function parseAttests(flags) {
  const entries = [...flags.all('attest')];
  for (const kind of ['provenance', 'sbom']) {
    const value = flags.last(kind);
    if (value === undefined || value === '') continue;
    const enabled = parseBool(value);
    if (enabled === undefined) entries.push(`type=${kind},${value}`);
    else entries.push(enabled ? `type=${kind}` : `type=${kind},disabled=true`);
  }
  const attests = {};
  for (const entry of entries) {
    const fields = keyValues(entry);
    if (!fields.type) fail('ERROR: attestation type not specified');
    attests[fields.type] = {disabled: parseBool(fields.disabled ?? 'false') === true, fields};
  }
  return attests;
}

function parseOutputs(flags) {
  const outputs = flags.all('output').map(value => {
    if (value === '-') return {type: 'tar', dest: '-'};
    if (!value.includes('=')) return {type: 'local', dest: value};
    const fields = keyValues(value);
    if (fields.type === 'registry') return {...fields, type: 'image', push: 'true'};
    return fields;
  });
  if (flags.bool('push')) {
    const image = outputs.find(output => output.type === 'image');
    if (image) image.push = 'true';
    else outputs.push({type: 'image', push: 'true'});
  }
  if (flags.bool('load') && !outputs.some(output => output.type === 'docker')) outputs.push({type: 'docker'});
  return outputs;
}

function parseCache(values) {
  return values.map(value => (value.includes('=') ? keyValues(value) : {type: 'registry', ref: value}));
}

function parsePlatforms(values) {
  const platforms = [];
  for (const platform of values.flatMap(value => value.split(','))) {
    const trimmed = platform.trim();
    if (trimmed !== '' && !platforms.includes(trimmed)) platforms.push(trimmed);
  }
  return platforms;
}

function notSupported(feature, driver, docs) {
  return `ERROR: ${feature} is not supported for the ${driver} driver.\nSwitch to a different driver, or turn on the containerd image store, and try again.\nLearn more at ${docs}`;
}

const isRemoteContext = context => /^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(context);

/** The Dockerfile's text, when the context is local, and where buildx would look for it. */
function readDockerfile(invocation, contextPath, file) {
  if (isRemoteContext(contextPath) || contextPath === '-' || file === '-') return {text: undefined, name: 'Dockerfile'};
  const location = file ? path.resolve(invocation.cwd, file) : path.resolve(invocation.cwd, contextPath, 'Dockerfile');
  try {
    return {text: fs.readFileSync(location, 'utf8'), name: path.basename(location), location};
  } catch {
    return {text: undefined, name: path.basename(location), location, missing: true};
  }
}

/** FROM images (normalized) and the instructions after each, enough to print believable steps. */
function dockerfileSteps(text) {
  if (text === undefined)
    return {bases: [DEFAULT_BASE_IMAGE], instructions: ['FROM ' + DEFAULT_BASE_IMAGE, 'COPY . /src']};
  const instructions = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
    .slice(0, 30);
  const stages = new Set();
  const bases = [];
  for (const line of instructions) {
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!from) continue;
    const image = from[1];
    if (image !== 'scratch' && !stages.has(image.toLowerCase())) {
      const normalized = normalizeReference(image);
      const full = normalized.full ?? image;
      if (!bases.includes(full)) bases.push(full);
    }
    if (from[2]) stages.add(from[2].toLowerCase());
  }
  return {bases, instructions};
}

/** BuildKit's plain progress output on stderr: `#N title`, its lines, `#N DONE 0.1s`. */
class Progress {
  constructor(quiet = false) {
    this.quiet = quiet;
    this.number = 0;
  }

  header(text) {
    if (!this.quiet) stderr(`#0 ${text}\n\n`);
  }

  step(title, lines = [], duration = 0.1) {
    this.number++;
    if (this.quiet) return;
    const id = `#${this.number}`;
    stderr(`${id} ${title}\n${lines.map(line => `${id} ${line}\n`).join('')}${id} DONE ${seconds(duration)}\n\n`);
  }

  error(title, lines, message) {
    this.number++;
    if (this.quiet) return;
    const id = `#${this.number}`;
    stderr(`${id} ${title}\n${lines.map(line => `${id} ${line}\n`).join('')}${id} ERROR: ${message}\n`);
  }
}

/**
 * A build that packs files with `tar -cf /<folder>/<name>` in a RUN and exports that folder (the step's cache mount
 * extraction) leaves archives of those names in its local output; their content is made up (a tar of one file).
 */
function writeTarResults(invocation, flags, dest) {
  const file = flags.last('file');
  if (!file) return;
  let dockerfile = '';
  try {
    dockerfile = fs.readFileSync(path.resolve(invocation.cwd, file), 'utf8');
  } catch {
    return;
  }
  for (const match of dockerfile.matchAll(/tar -cf \/[^\s"]*\/([^\s/"]+\.tar)/g)) {
    fs.writeFileSync(path.join(dest, match[1]), `fake archive ${match[1]}\n`);
  }
}

function buildxBuild(invocation, args, {rootBuilder, forwardedBuilder} = {}) {
  const flags = parseFlags(args, BUILDX_BUILD_FLAGS);
  requireArgs(flags.positionals, {
    min: 1,
    max: 1,
    command: 'docker buildx build',
    usage: '[OPTIONS] PATH | URL | -',
    description: 'Start a build',
    buildx: true
  });
  const {scenario} = invocation;
  const contextPath = flags.positionals[0];
  const attests = parseAttests(flags);
  const outputs = parseOutputs(flags);
  const iidFile = flags.last('iidfile');
  const metadataFile = flags.last('metadata-file');
  if (iidFile && outputs.some(output => output.type === 'local' || output.type === 'tar')) {
    fail('ERROR: local and tar exporters are incompatible with image ID file');
  }
  // A stale image ID must not survive a failed build.
  if (iidFile) fs.rmSync(path.resolve(invocation.cwd, iidFile), {force: true});

  const store = builderStore(invocation);
  const builder = resolveBuilder(invocation, store, flags.last('builder') ?? rootBuilder ?? forwardedBuilder);
  const can = features(invocation, builder);
  const cacheFrom = parseCache(flags.all('cache-from'));
  const cacheTo = parseCache(flags.all('cache-to'));
  if (cacheTo.some(cache => cache.type !== 'inline') && !can.cacheExport) {
    fail(notSupported('Cache export', builder.driver, 'https://docs.docker.com/go/build-cache-backends/'));
  }
  const explicitAttests = Object.entries(attests).filter(([, attest]) => !attest.disabled);
  if (explicitAttests.length > 0 && !can.attestations) {
    fail(notSupported('Attestation', builder.driver, 'https://docs.docker.com/go/attestations/'));
  }
  let noDefaultAttestations = false;
  if (env.BUILDX_NO_DEFAULT_ATTESTATIONS !== undefined) {
    noDefaultAttestations = parseBool(env.BUILDX_NO_DEFAULT_ATTESTATIONS);
    if (noDefaultAttestations === undefined) {
      fail(
        `ERROR: invalid BUILDX_NO_DEFAULT_ATTESTATIONS: strconv.ParseBool: parsing "${env.BUILDX_NO_DEFAULT_ATTESTATIONS}": invalid syntax`
      );
    }
  }
  const call = flags.bool('check') ? 'check' : (flags.last('call') ?? flags.last('print') ?? 'build');
  let noOutputWarning = false;
  if (outputs.length === 0 && call === 'build' && !parseBool(env.BUILDX_NO_DEFAULT_LOAD ?? 'false')) {
    if (builder.driver === 'docker') outputs.push({type: 'image', moby: 'true'});
    else noOutputWarning = true;
  }
  const tags = flags.all('tag');
  for (const tag of tags) {
    const error = referenceError(tag);
    if (error) fail(`ERROR: invalid tag "${tag}": ${error}`);
  }
  if (outputs.some(output => output.type === 'image' && output.push === 'true' && !output.name) && tags.length === 0) {
    fail('ERROR: tag is needed when pushing to registry');
  }
  const platforms = parsePlatforms(flags.all('platform'));
  if (outputs.some(output => output.type === 'docker') && !can.ociImporter) {
    if (platforms.length > 1 || explicitAttests.length > 0) {
      fail('ERROR: docker exporter does not currently support exporting manifest lists');
    }
  }
  const network = flags.last('network') ?? 'default';
  if (!['', 'default', 'host', 'none'].includes(network)) {
    fail(
      `ERROR: network mode "${network}" not supported by buildkit - you can define a custom network for your builder using the network driver-opt in buildx create`
    );
  }
  const dockerfile = readDockerfile(invocation, contextPath, flags.last('file'));
  const localContext = !isRemoteContext(contextPath) && contextPath !== '-';
  if (localContext && scenario.checkContext !== false && !fs.existsSync(path.resolve(invocation.cwd, contextPath))) {
    fail(`ERROR: unable to prepare context: path "${contextPath}" not found`);
  }
  if (platforms.length > 1 && !can.multiPlatform) {
    fail(notSupported('Multi-platform build', builder.driver, 'https://docs.docker.com/go/build-multi-platform/'));
  }

  const quiet = flags.bool('quiet') || flags.last('progress') === 'quiet';
  const progress = new Progress(quiet);
  if (noOutputWarning && !quiet) stderr(`${NO_OUTPUT_WARNING}\n`);
  progress.header(`building with "${builder.name}" instance using ${builder.driver} driver`);
  if (!builder.bootstrapped) {
    bootSteps(progress, builder);
    builder.bootstrapped = true;
  }
  if (builder.driver !== 'docker') builder.lastActivity = Date.now();
  invocation.changed();

  const targetPlatforms = platforms.length > 0 ? platforms : [defaultPlatform(invocation)];
  const steps = dockerfileSteps(dockerfile.text);
  if (isRemoteContext(contextPath)) {
    progress.step(`[internal] load git source ${contextPath}`, [`0.412 ref: refs/heads/main\tHEAD`], 0.9);
  } else {
    progress.step(`[internal] load build definition from ${dockerfile.name}`, [
      `transferring dockerfile: ${dockerfile.text?.length ?? 2}B done`
    ]);
  }
  if (localContext && scenario.checkContext !== false && dockerfile.missing) {
    fail(`ERROR: failed to solve: failed to read dockerfile: open ${dockerfile.name}: no such file or directory`);
  }
  const prefix = platform => (targetPlatforms.length > 1 ? `${platform} ` : '');
  for (const platform of targetPlatforms) {
    for (const base of steps.bases) progress.step(`[${prefix(platform)}internal] load metadata for ${base}`, [], 0.5);
  }
  for (const cache of cacheFrom) {
    if (cache.type === 'gha')
      progress.step(`importing cache manifest from gha:${sha256(cache.scope ?? 'buildkit').slice(0, 19)}`, [], 0.2);
    if (cache.type === 'registry') progress.step(`importing cache manifest from ${cache.ref}`, [], 0.3);
  }
  if (localContext) {
    progress.step('[internal] load .dockerignore', ['transferring context: 2B done'], 0);
    progress.step('[internal] load build context', ['transferring context: 1.21kB done'], 0);
  }
  const runnable = steps.instructions.filter(
    line =>
      !/^(ARG|LABEL|ENV|EXPOSE|ENTRYPOINT|CMD|USER|WORKDIR|STOPSIGNAL|HEALTHCHECK|SHELL|ONBUILD|VOLUME|MAINTAINER)\b/i.test(
        line
      )
  );
  for (const platform of targetPlatforms) {
    runnable.forEach((line, index) => progress.step(`[${prefix(platform)}${index + 1}/${runnable.length}] ${line}`));
  }

  const failure = scenario.build?.fail;
  if (failure && invocation.consume('build.fail', failure)) {
    if (failure.stdout) stdout(failure.stdout);
    exit(failure.exitCode ?? 1, failure.stderr ?? 'ERROR: failed to solve: scripted failure');
  }
  if (call !== 'build') {
    stdout('Check complete, no warnings found.\n');
    return;
  }

  // Content, not names, decides digests: the same build under other tags gives the same image.
  const buildArgs = flags.all('build-arg').slice().sort();
  const labels = flags.all('label').slice().sort();
  const content = sha256(
    JSON.stringify({
      context: isRemoteContext(contextPath) ? contextPath : path.normalize(contextPath),
      dockerfile: dockerfile.text ?? null,
      file: flags.last('file') ?? null,
      target: flags.last('target') ?? null,
      buildArgs,
      labels,
      contexts: flags.all('build-context').slice().sort()
    })
  );
  const annotations = flags.all('annotation');
  const indexAnnotations = annotations.filter(annotation => /^index(-descriptor)?[:[]/.test(annotation)).sort();
  const manifestAnnotations = annotations.filter(annotation => !indexAnnotations.includes(annotation)).sort();
  const provenanceGiven = 'provenance' in attests;
  const attestationTypes = explicitAttests.map(([type]) => type);
  if (!provenanceGiven && !noDefaultAttestations && can.attestations) attestationTypes.push('provenance');
  const images = targetPlatforms.map(platform => {
    const config = digestOf('config', content, platform);
    const manifest = digestOf('manifest', config, manifestAnnotations.join('\n'));
    return {platform, config, manifest, size: 400 + (Number.parseInt(manifest.slice(7, 10), 16) % 700)};
  });
  const imageExports = outputs.filter(output => output.type === 'image' || output.type === 'oci');
  const attached = attestationTypes.length > 0 && imageExports.length > 0;
  const isIndex = targetPlatforms.length > 1 || attached;
  const attestationManifests = attached
    ? images.map(image => digestOf('attestation', image.manifest, attestationTypes.sort().join(',')))
    : [];
  let digest = isIndex
    ? digestOf('index', ...images.map(image => image.manifest), ...attestationManifests, indexAnnotations.join('\n'))
    : images[0].manifest;
  if (scenario.build?.digest) digest = scenario.build.digest;
  const descriptor = {
    mediaType: isIndex ? MEDIA_TYPE_INDEX : MEDIA_TYPE_MANIFEST,
    digest,
    size: isIndex ? 200 + 270 * (images.length + attestationManifests.length) : images[0].size
  };
  const pushed = outputs.some(output => output.type === 'image' && parseBool(output.push ?? 'false'));
  // The docker driver's exporter always leaves the image in the daemon, pushed or not.
  const stored = outputs.some(
    output => output.type === 'docker' || (output.type === 'image' && builder.driver === 'docker')
  );
  const names = tags.map(tag => normalizeReference(tag).full ?? tag);

  if (pushed && scenario.requireLogin) {
    for (const name of names) {
      const reference = normalizeReference(name);
      if (loggedIn(invocation, reference.domain)) continue;
      progress.error('exporting to image', ['exporting layers done', 'pushing layers'], `failed to authorize`);
      const scope = encodeURIComponent(`repository:${reference.path}:pull,push`);
      fail(
        `ERROR: failed to solve: failed to push ${name}: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://${reference.domain}/token?scope=${scope}&service=${reference.domain}: 401 Unauthorized`
      );
    }
  }

  for (const output of outputs) {
    if (output.type === 'image' || output.moby === 'true') {
      const lines = ['exporting layers 0.1s done'];
      if (builder.driver === 'docker' && !can.ociImporter) {
        lines.push(`writing image ${images[0].config} done`);
      } else {
        for (const [index, image] of images.entries()) {
          lines.push(`exporting manifest ${image.manifest} done`, `exporting config ${image.config} done`);
          if (attached) lines.push(`exporting attestation manifest ${attestationManifests[index]} done`);
        }
        if (isIndex) lines.push(`exporting manifest list ${digest} done`);
      }
      for (const name of names) lines.push(`naming to ${name} done`);
      if (parseBool(output.push ?? 'false')) {
        lines.push('pushing layers', 'pushing layers 1.2s done');
        for (const name of names)
          lines.push(`pushing manifest for ${name}@${digest}`, `pushing manifest for ${name}@${digest} 0.4s done`);
      }
      progress.step('exporting to image', lines, 1.8);
    } else if (output.type === 'docker') {
      progress.step('exporting to docker image format', [
        'exporting layers done',
        `exporting manifest ${images[0].manifest} done`,
        `exporting config ${images[0].config} done`,
        ...names.map(name => `naming to ${name} done`),
        'sending tarball 0.3s done'
      ]);
      progress.step('importing to docker', [], 0.2);
    } else if (output.type === 'local') {
      const dest = path.resolve(invocation.cwd, output.dest ?? '.');
      fs.mkdirSync(dest, {recursive: true});
      writeTarResults(invocation, flags, dest);
      progress.step('exporting to client directory', ['copying files 12.41kB done']);
    } else if (output.type === 'tar' || output.type === 'oci') {
      if (output.dest && output.dest !== '-') fs.writeFileSync(path.resolve(invocation.cwd, output.dest), '');
      progress.step(`exporting to ${output.type === 'oci' ? 'oci image format' : 'client tarball'}`, [
        'sending tarball 0.2s done'
      ]);
    }
  }
  for (const cache of cacheTo) {
    if (cache.type === 'gha') {
      progress.step(
        'exporting to GitHub Actions Cache',
        ['preparing build cache for export', `writing layer ${digestOf('cache', content)} done`],
        0.3
      );
    } else if (cache.type !== 'inline') {
      progress.step(
        `exporting cache to ${cache.type === 'registry' ? 'registry' : cache.type}`,
        ['preparing build cache for export 0.2s done'],
        0.3
      );
    }
  }

  if (stored) {
    for (const name of names)
      storeImage(invocation, name, {
        id: images[0].config,
        platform: images[0].platform,
        labels,
        pushedDigest: pushed ? digest : undefined
      });
  }
  if (pushed) {
    for (const name of names) {
      const reference = normalizeReference(name);
      registryRepository(invocation, reference.repository).tags[reference.tag ?? 'latest'] = {
        digest,
        mediaType: descriptor.mediaType,
        size: descriptor.size,
        manifests: images.map(image => ({digest: image.manifest, platform: image.platform, size: image.size}))
      };
    }
    invocation.changed();
  }

  const hasImage = imageExports.length > 0 || stored;
  const imageId = hasImage ? (images.length === 1 ? images[0].config : digest) : '';
  if (quiet) stdout(`${imageId}\n`);
  if (iidFile) writeResultFile(invocation, iidFile, imageId, 'writing image ID file: ');
  if (metadataFile) {
    const metadata = {};
    const provenanceMode = env.BUILDX_METADATA_PROVENANCE ?? 'min';
    if (!['disabled', 'false', '0'].includes(provenanceMode)) {
      const mode = provenanceMode === 'max' ? 'max' : 'min';
      const provenanceArgs = {
        contextPath,
        dockerfile,
        buildArgs,
        labels,
        target: flags.last('target'),
        bases: steps.bases
      };
      if (targetPlatforms.length === 1)
        metadata['buildx.build.provenance'] = provenance(mode, targetPlatforms[0], provenanceArgs);
      else
        for (const platform of targetPlatforms)
          metadata[`buildx.build.provenance/${platform}`] = provenance(mode, platform, provenanceArgs);
    }
    metadata['buildx.build.ref'] = `${builder.name}/${nodeName(builder)}/${randomId(25)}`;
    // buildx 0.15+ records the build checks' warnings (client.VertexWarning as JSON) when asked to.
    const warnings = invocation.scenario.build?.warnings;
    if (Array.isArray(warnings) && /^(1|t|true)$/i.test(env.BUILDX_METADATA_WARNINGS ?? '')) {
      metadata['buildx.build.warnings'] = warnings;
    }
    if (hasImage) {
      if (images.length === 1) metadata['containerimage.config.digest'] = images[0].config;
      metadata['containerimage.descriptor'] = descriptor;
      metadata['containerimage.digest'] = digest;
      // reference.Parse keeps the names as written (no docker.io/library/ added).
      if (tags.length > 0) metadata['image.name'] = tags.join(',');
    }
    writeResultFile(invocation, metadataFile, JSON.stringify(sortedObject(metadata), null, 2), '');
  }
}

function writeResultFile(invocation, file, text, errorPrefix) {
  try {
    fs.writeFileSync(path.resolve(invocation.cwd, file), text);
  } catch (error) {
    fail(`ERROR: ${errorPrefix}open ${file}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`);
  }
}

/** The SLSA v0.2 provenance BuildKit returns in the metadata file (BUILDX_METADATA_PROVENANCE=min|max). */
function provenance(mode, platform, {contextPath, dockerfile, buildArgs, labels, target, bases}) {
  const args = {};
  for (const [key, value] of buildArgs.map(splitKeyValue)) args[`build-arg:${key}`] = value;
  for (const [key, value] of labels.map(splitKeyValue)) args[`label:${key}`] = value;
  if (target) args.target = target;
  const remote = isRemoteContext(contextPath);
  const result = {
    buildType: 'https://mobyproject.org/buildkit@v1',
    materials: bases.map(base => ({
      uri: `pkg:docker/${base.replace(/^docker\.io\//, '').replace(/:([^:/]+)$/, '@$1')}?platform=${encodeURIComponent(platform)}`,
      digest: {sha256: sha256(`${base} ${platform}`)}
    })),
    invocation: {
      configSource: remote
        ? {uri: contextPath, digest: {sha1: sha256(contextPath).slice(0, 40)}, entryPoint: dockerfile.name}
        : {entryPoint: dockerfile.name},
      parameters: {
        frontend: 'dockerfile.v0',
        args,
        locals: remote ? [] : [{name: 'context'}, {name: 'dockerfile'}]
      },
      environment: {platform}
    }
  };
  if (mode === 'max') {
    result.buildConfig = {
      llbDefinition: [
        {id: 'step0', op: {Op: {source: {identifier: `docker-image://${bases[0] ?? DEFAULT_BASE_IMAGE}`}}}}
      ]
    };
    result.metadata = {
      buildInvocationID: randomId(25),
      buildStartedOn: new Date(started).toISOString(),
      buildFinishedOn: new Date().toISOString(),
      completeness: {parameters: true, environment: true, materials: false},
      reproducible: false
    };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// buildx: imagetools

function imagetools(invocation, [sub, ...args]) {
  if (sub !== 'inspect') return;
  const flags = parseFlags(args, {
    command: 'docker buildx imagetools inspect',
    values: ['format', 'builder'],
    bools: ['raw', 'debug'],
    shorts: {D: 'debug'}
  });
  requireArgs(flags.positionals, {
    min: 1,
    max: 1,
    command: 'docker buildx imagetools inspect',
    usage: '[OPTIONS] NAME',
    description: 'Show details of an image in the registry',
    buildx: true
  });
  const [name] = flags.positionals;
  const reference = normalizeReference(name);
  const pushed = reference.error
    ? undefined
    : invocation.state.registry[reference.repository]?.tags[reference.tag ?? 'latest'];
  if (!pushed) fail(`ERROR: ${name}: not found`);
  const manifests = pushed.manifests.map(manifest => ({
    mediaType: MEDIA_TYPE_MANIFEST,
    digest: manifest.digest,
    size: manifest.size,
    platform: {architecture: manifest.platform.split('/')[1], os: manifest.platform.split('/')[0]}
  }));
  const raw =
    pushed.mediaType === MEDIA_TYPE_INDEX
      ? {schemaVersion: 2, mediaType: MEDIA_TYPE_INDEX, manifests}
      : {schemaVersion: 2, mediaType: MEDIA_TYPE_MANIFEST};
  if (flags.bool('raw')) return stdout(`${JSON.stringify(raw, null, 2)}\n`);
  const format = flags.last('format');
  if (format)
    return stdout(
      `${renderTemplate(format, {Name: name, Manifest: {mediaType: pushed.mediaType, digest: pushed.digest, size: pushed.size}})}\n`
    );
  const lines = [`Name:\t${reference.familiar}`, `MediaType:\t${pushed.mediaType}`, `Digest:\t${pushed.digest}`];
  if (pushed.mediaType === MEDIA_TYPE_INDEX) {
    lines.push('', 'Manifests:');
    for (const [index, manifest] of pushed.manifests.entries()) {
      if (index > 0) lines.push('');
      lines.push(
        `  Name:\t${reference.familiarRepository}:${reference.tag}@${manifest.digest}`,
        `  MediaType:\t${MEDIA_TYPE_MANIFEST}`,
        `  Platform:\t${manifest.platform}`
      );
    }
  }
  stdout(tabwrite(lines));
}

// ---------------------------------------------------------------------------------------------------------------
// docker build without buildx: the CLI's choice between buildx, its own BuildKit client and the legacy builder

const CLASSIC_BUILD_FLAGS = {
  command: 'docker build',
  values: [
    'add-host',
    'build-arg',
    'cache-from',
    'cgroup-parent',
    'cpu-period',
    'cpu-quota',
    'cpu-shares',
    'cpuset-cpus',
    'cpuset-mems',
    'file',
    'iidfile',
    'isolation',
    'label',
    'memory',
    'memory-swap',
    'network',
    'output',
    'platform',
    'progress',
    'secret',
    'security-opt',
    'shm-size',
    'ssh',
    'tag',
    'target',
    'ulimit'
  ],
  bools: ['compress', 'disable-content-trust', 'force-rm', 'no-cache', 'pull', 'quiet', 'rm', 'squash'],
  shorts: {t: 'tag', f: 'file', o: 'output', q: 'quiet', m: 'memory', c: 'cpu-shares'}
};

function dockerBuild(invocation, args, command) {
  const {scenario} = invocation;
  let enabled;
  if (env.DOCKER_BUILDKIT !== undefined) {
    enabled = parseBool(env.DOCKER_BUILDKIT);
    if (enabled === undefined) {
      fail(
        `DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing "${env.DOCKER_BUILDKIT}": invalid syntax`
      );
    }
  }
  if (engine(invocation).major < 23) {
    // Before 23.0 the CLI had its own BuildKit client and `docker build` never went to the plugin.
    return enabled
      ? classicBuild(invocation, args, command, {buildkit: true})
      : classicBuild(invocation, args, command, {});
  }
  if (enabled === false) {
    stderr(`${BUILDKIT_DISABLED_WARNING}\n\n`);
    return classicBuild(invocation, args, command, {});
  }
  if (scenario.buildx) {
    // As the CLI does: `docker build` means the context's default builder unless one is named.
    return buildxBuild(invocation, args, {forwardedBuilder: env.BUILDX_BUILDER ? undefined : 'default'});
  }
  if (enabled === true) fail(BUILDX_MISSING_ERROR);
  stderr(`${BUILDX_MISSING_WARNING}\n\n`);
  return classicBuild(invocation, args, command, {});
}

function classicBuild(invocation, args, command, {buildkit}) {
  const flags = parseFlags(args, {...CLASSIC_BUILD_FLAGS, command});
  requireArgs(flags.positionals, {
    min: 1,
    max: 1,
    command,
    usage: '[OPTIONS] PATH | URL | -',
    description: 'Build an image from a Dockerfile'
  });
  const tags = flags.all('tag');
  const names = [];
  for (const tag of tags) {
    const reference = normalizeReference(tag);
    if (reference.error)
      exit(125, `invalid argument "${tag}" for "-t, --tag" flag: ${reference.error}\nSee '${command} --help'.`);
    names.push(reference);
  }
  const [contextPath] = flags.positionals;
  const iidFile = flags.last('iidfile');
  if (iidFile) fs.rmSync(path.resolve(invocation.cwd, iidFile), {force: true});
  const dockerfile = readDockerfile(invocation, contextPath, flags.last('file'));
  const localContext = !isRemoteContext(contextPath) && contextPath !== '-';
  if (localContext && invocation.scenario.checkContext !== false) {
    if (!fs.existsSync(path.resolve(invocation.cwd, contextPath)))
      fail(`unable to prepare context: path "${contextPath}" not found`);
    if (dockerfile.missing) {
      fail(
        `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${dockerfile.location}: no such file or directory`
      );
    }
  }
  const steps = dockerfileSteps(dockerfile.text);
  const labels = flags.all('label').slice().sort();
  const content = sha256(
    JSON.stringify({
      context: isRemoteContext(contextPath) ? contextPath : path.normalize(contextPath),
      dockerfile: dockerfile.text ?? null,
      file: flags.last('file') ?? null,
      target: flags.last('target') ?? null,
      buildArgs: flags.all('build-arg').slice().sort(),
      labels
    })
  );
  const platform = parsePlatforms(flags.all('platform'))[0] ?? defaultPlatform(invocation);
  const id = digestOf('config', content, platform);
  const quiet = flags.bool('quiet');
  const failure = invocation.scenario.build?.fail;
  if (buildkit) {
    const progress = new Progress(quiet);
    progress.step(`[internal] load build definition from ${dockerfile.name}`, [
      `transferring dockerfile: ${dockerfile.text?.length ?? 2}B done`
    ]);
    for (const base of steps.bases) progress.step(`[internal] load metadata for ${base}`, [], 0.5);
    steps.instructions.forEach((line, index) => progress.step(`[${index + 1}/${steps.instructions.length}] ${line}`));
    if (failure && invocation.consume('build.fail', failure))
      exit(failure.exitCode ?? 1, failure.stderr ?? 'ERROR: failed to solve: scripted failure');
    progress.step('exporting to image', [
      'exporting layers 0.1s done',
      `writing image ${id} done`,
      ...names.map(name => `naming to ${name.full} done`)
    ]);
  } else {
    const out = text => {
      if (!quiet) stdout(text);
    };
    out('Sending build context to Docker daemon  2.048kB\n');
    const total = steps.instructions.length;
    steps.instructions.forEach((line, index) => {
      out(`Step ${index + 1}/${total} : ${line}\n`);
      out(` ---> ${sha256(`${content} ${index}`).slice(0, 12)}\n`);
    });
    if (failure && invocation.consume('build.fail', failure))
      exit(failure.exitCode ?? 1, failure.stderr ?? 'The command returned a non-zero code: 1');
    out(`Successfully built ${id.slice(7, 19)}\n`);
    for (const name of names) out(`Successfully tagged ${name.familiar}\n`);
  }
  if (quiet) stdout(`${id}\n`);
  for (const name of names) storeImage(invocation, name.full, {id, platform, labels});
  if (iidFile) writeResultFile(invocation, iidFile, id, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Local images and the registry

function storeImage(invocation, name, {id, platform, labels, pushedDigest}) {
  const reference = normalizeReference(name);
  const previous = invocation.state.images[reference.full];
  const image = {
    id,
    platform,
    created: previous?.id === id ? previous.created : new Date().toISOString(),
    labels: Object.fromEntries(labels.map(splitKeyValue)),
    repoDigests: previous?.id === id ? previous.repoDigests : [],
    layers: [digestOf('layer', id, 0), digestOf('layer', id, 1)]
  };
  if (pushedDigest) addRepoDigest(image, reference, pushedDigest);
  invocation.state.images[reference.full] = image;
  invocation.changed();
}

function addRepoDigest(image, reference, digest) {
  const entry = `${reference.familiarRepository}@${digest}`;
  image.repoDigests = [
    ...image.repoDigests.filter(existing => !existing.startsWith(`${reference.familiarRepository}@`)),
    entry
  ];
}

function registryRepository(invocation, repository) {
  invocation.state.registry[repository] ??= {tags: {}, layers: []};
  return invocation.state.registry[repository];
}

function findImage(invocation, name) {
  const images = invocation.state.images;
  if (/^(sha256:)?[a-f0-9]{12,64}$/.test(name)) {
    const id = name.startsWith('sha256:') ? name : `sha256:${name}`;
    const found = Object.entries(images).find(([, image]) => image.id.startsWith(id));
    if (found) return {name: found[0], image: found[1]};
  }
  const reference = normalizeReference(name);
  if (reference.error) return undefined;
  const image = images[reference.full];
  return image ? {name: reference.full, image} : undefined;
}

function loggedIn(invocation, registry) {
  return Boolean(invocation.readConfig().auths?.[authKey(registry)]);
}

function push(invocation, args, command) {
  const flags = parseFlags(args, {
    command,
    values: ['platform'],
    bools: ['all-tags', 'quiet', 'disable-content-trust'],
    shorts: {a: 'all-tags', q: 'quiet'}
  });
  requireArgs(flags.positionals, {
    min: 1,
    max: 1,
    command,
    usage: '[OPTIONS] NAME[:TAG]',
    description: 'Upload an image to a registry'
  });
  const [name] = flags.positionals;
  const reference = normalizeReference(name);
  if (reference.error) fail(reference.error);
  const {scenario} = invocation;
  if (!name.slice(name.lastIndexOf('/') + 1).includes(':') && !reference.digest) stdout('Using default tag: latest\n');
  const local = invocation.state.images[reference.full];
  if (!local && scenario.strictImages !== false)
    fail(`An image does not exist locally with the tag: ${reference.familiarRepository}`);
  const id = local?.id ?? digestOf('config', reference.full);
  const layers = local?.layers ?? [digestOf('layer', id, 0), digestOf('layer', id, 1)];
  const short = layer => layer.slice(7, 19);
  stdout(`The push refers to repository [${reference.repository}]\n`);
  for (const layer of layers) stdout(`${short(layer)}: Preparing\n`);
  const failure = scenario.push?.fail;
  if (failure && invocation.consume('push.fail', failure)) {
    if (failure.stdout) stdout(failure.stdout);
    exit(failure.exitCode ?? 1, failure.stderr ?? 'denied: requested access to the resource is denied');
  }
  if (scenario.requireLogin && !loggedIn(invocation, reference.domain)) fail('unauthorized: authentication required');
  const repository = registryRepository(invocation, reference.repository);
  for (const layer of layers) {
    const mountedFrom = Object.entries(invocation.state.registry).find(
      ([other, content]) =>
        other !== reference.repository && other.startsWith(`${reference.domain}/`) && content.layers.includes(layer)
    );
    const status = repository.layers.includes(layer)
      ? 'Layer already exists'
      : mountedFrom
        ? `Mounted from ${mountedFrom[0].slice(reference.domain.length + 1)}`
        : 'Pushed';
    stdout(`${short(layer)}: ${status}\n`);
    if (!repository.layers.includes(layer)) repository.layers.push(layer);
  }
  // The manifest digest depends on the image only, so the same image pushed anywhere reports the same digest.
  const digest = scenario.push?.digest ?? digestOf('pushed manifest', id);
  const size = 528;
  repository.tags[reference.tag ?? 'latest'] = {
    digest,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    size,
    manifests: []
  };
  if (local) addRepoDigest(local, reference, digest);
  invocation.changed();
  stdout(`${reference.tag ?? 'latest'}: digest: ${digest} size: ${size}\n`);
}

function tag(invocation, args, command) {
  const flags = parseFlags(args, {command});
  requireArgs(flags.positionals, {
    min: 2,
    max: 2,
    command,
    usage: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
    description: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
  });
  const [source, target] = flags.positionals;
  const found = findImage(invocation, source);
  if (!found) fail(`Error response from daemon: No such image: ${normalizeReference(source).familiar ?? source}`);
  const reference = normalizeReference(target);
  if (reference.error) fail(`Error parsing reference: "${target}" is not a valid repository/tag: ${reference.error}`);
  invocation.state.images[reference.full] = {...found.image, repoDigests: []};
  invocation.changed();
}

/** docker pull: the image (native platform) is then local under the name as given, digest included. */
function pull(invocation, args, command) {
  const flags = parseFlags(args, {
    command,
    values: ['platform'],
    bools: ['all-tags', 'quiet'],
    shorts: {a: 'all-tags', q: 'quiet'}
  });
  requireArgs(flags.positionals, {
    min: 1,
    max: 1,
    command,
    usage: '[OPTIONS] NAME[:TAG|@DIGEST]',
    description: 'Download an image from a registry'
  });
  const reference = normalizeReference(flags.positionals[0]);
  if (reference.error) fail(`invalid reference format: ${reference.error}`);
  const digest = reference.digest ?? digestOf('pulled', reference.full);
  if (!flags.bool('quiet')) {
    stdout(
      `${reference.tag ?? reference.digest}: Pulling from ${reference.familiarRepository}\n` +
        `${sha256(reference.full).slice(0, 12)}: Pull complete\nDigest: ${digest}\n` +
        `Status: Downloaded newer image for ${reference.familiar}\n`
    );
  }
  stdout(`${reference.full}\n`);
  storeImage(invocation, reference.full, {
    id: digestOf('image', reference.full),
    platform: nativePlatforms(invocation)[0],
    labels: []
  });
  addRepoDigest(invocation.state.images[reference.full], reference, digest);
  if (!invocation.state.pulled.includes(reference.full)) invocation.state.pulled.push(reference.full);
  invocation.changed();
}

/** docker save: the archive is the fake's own JSON (only the fake's load reads it), with the names given. */
function save(invocation, args, command) {
  const flags = parseFlags(args, {command, values: ['output', 'platform'], shorts: {o: 'output'}});
  requireArgs(flags.positionals, {
    min: 1,
    max: Infinity,
    command,
    usage: '[OPTIONS] IMAGE [IMAGE...]',
    description: 'Save one or more images to a tar archive (streamed to STDOUT by default)'
  });
  const images = {};
  for (const name of flags.positionals) {
    const found = findImage(invocation, name);
    if (!found) fail(`Error response from daemon: No such image: ${normalizeReference(name).familiar ?? name}`);
    images[found.name] = {...found.image, repoDigests: []};
  }
  const output = flags.last('output');
  if (!output) fail('cowardly refusing to save to a terminal. Use the -o flag or redirect');
  fs.writeFileSync(path.resolve(invocation.cwd, output), JSON.stringify({fakeDockerArchive: 1, images}));
}

/** docker load: names come back as saved, without the repository digests a pull records (the classic store). */
function load(invocation, args, command) {
  const flags = parseFlags(args, {
    command,
    values: ['input', 'platform'],
    bools: ['quiet'],
    shorts: {i: 'input', q: 'quiet'}
  });
  const input = flags.last('input');
  if (!input) fail('requested load from stdin, but stdin is empty');
  let archive;
  try {
    archive = JSON.parse(fs.readFileSync(path.resolve(invocation.cwd, input), 'utf8'));
  } catch (error) {
    fail(
      error.code === 'ENOENT'
        ? `open ${input}: no such file or directory`
        : 'Error processing tar file(exit status 1): unexpected EOF'
    );
  }
  if (archive?.fakeDockerArchive !== 1)
    fail('Error processing tar file(exit status 1): archive/tar: invalid tar header');
  for (const [name, image] of Object.entries(archive.images)) {
    invocation.state.images[name] = image;
    stdout(`Loaded image: ${normalizeReference(name).familiar ?? name}\n`);
  }
  invocation.changed();
}

function inspectObjects(invocation, args, command) {
  const flags = parseFlags(args, {
    command,
    values: ['format', 'type', 'platform'],
    bools: ['size'],
    shorts: {f: 'format', s: 'size'}
  });
  requireArgs(flags.positionals, {
    min: 1,
    max: Infinity,
    command,
    usage: '[OPTIONS] NAME|ID [NAME|ID...]',
    description: 'Return low-level information on Docker objects'
  });
  const results = [];
  const missing = [];
  for (const name of flags.positionals) {
    const found = findImage(invocation, name);
    if (found) results.push(imageObject(invocation, found.image));
    else missing.push(name);
  }
  const format = flags.last('format');
  if (format) for (const result of results) stdout(`${renderTemplate(format, result)}\n`);
  else stdout(`${JSON.stringify(results, null, 4)}\n`);
  if (missing.length > 0) {
    const imageOnly = command !== 'docker inspect';
    fail(
      missing
        .map(name =>
          imageOnly
            ? `Error response from daemon: No such image: ${normalizeReference(name).familiar ?? name}`
            : `Error: No such object: ${name}`
        )
        .join('\n')
    );
  }
}

function imageObject(invocation, image) {
  const [os, architecture, variant] = image.platform.split('/');
  const tags = Object.entries(invocation.state.images)
    .filter(([, other]) => other.id === image.id)
    .map(([name]) => normalizeReference(name).familiar);
  return {
    Id: image.id,
    RepoTags: tags,
    RepoDigests: image.repoDigests,
    Parent: '',
    Comment: 'buildkit.dockerfile.v0',
    Created: image.created,
    DockerVersion: '',
    Author: '',
    Config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/sh'],
      WorkingDir: '/',
      Entrypoint: null,
      OnBuild: null,
      Labels: Object.keys(image.labels).length > 0 ? image.labels : null
    },
    Architecture: architecture,
    ...(variant ? {Variant: variant} : {}),
    Os: os,
    Size: 8_000_000 + (Number.parseInt(image.id.slice(7, 12), 16) % 1_000_000),
    RootFS: {Type: 'layers', Layers: image.layers},
    Metadata: {LastTagTime: image.created}
  };
}

// ---------------------------------------------------------------------------------------------------------------
// login and logout

async function login(invocation, args) {
  const flags = parseFlags(args, {
    command: 'docker login',
    values: ['username', 'password'],
    bools: ['password-stdin'],
    shorts: {u: 'username', p: 'password'}
  });
  requireArgs(flags.positionals, {
    min: 0,
    max: 1,
    command: 'docker login',
    usage: '[OPTIONS] [SERVER]',
    description: 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.'
  });
  const registry = flags.positionals[0] ?? DOCKER_HUB_AUTH_KEY;
  const username = flags.last('username') ?? '';
  let password = flags.last('password');
  if (password !== undefined) {
    if (flags.bool('password-stdin')) fail('--password and --password-stdin are mutually exclusive');
    stderr('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  }
  if (flags.bool('password-stdin')) {
    if (username === '') fail('Must provide --username with --password-stdin');
    invocation.stdin = await readStdin(invocation.scenario.stdinTimeoutMs ?? DEFAULT_SCENARIO.stdinTimeoutMs);
    password = invocation.stdin.replace(/\n$/, '').replace(/\r$/, '');
  }
  if (!password || username === '') fail('Error: Cannot perform an interactive login from a non TTY device');
  const key = authKey(registry);
  const expected = Object.entries(invocation.scenario.logins ?? {}).find(([name]) => authKey(name) === key)?.[1];
  const expectedPassword = typeof expected === 'object' && expected !== null ? expected.password : expected;
  const expectedUsername = typeof expected === 'object' && expected !== null ? expected.username : undefined;
  if (
    (expectedPassword !== undefined && expectedPassword !== password) ||
    (expectedUsername !== undefined && expectedUsername !== username)
  ) {
    const host = key === DOCKER_HUB_AUTH_KEY ? 'registry-1.docker.io' : key;
    fail(`Error response from daemon: Get "https://${host}/v2/": unauthorized`);
  }
  const config = invocation.readConfig();
  config.auths = {...config.auths, [key]: {auth: Buffer.from(`${username}:${password}`).toString('base64')}};
  const file = invocation.writeConfig(config);
  stderr(
    `WARNING! Your password will be stored unencrypted in ${file}.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/engine/reference/commandline/login/#credential-stores\n\n`
  );
  stdout('Login Succeeded\n');
}

/** Standard input up to its end, bounded: docker would wait forever on a pipe its caller never closes. */
function readStdin(timeoutMs) {
  return new Promise(resolve => {
    const chunks = [];
    const timer = globalThis.setTimeout(() => {
      process.stdin.destroy();
      stderr(`fake docker: standard input was not closed within ${timeoutMs} ms (real docker would hang here)\n`);
      resolve(Buffer.concat(chunks).toString('utf8'));
    }, timeoutMs);
    process.stdin.on('data', chunk => chunks.push(chunk));
    process.stdin.on('end', () => {
      globalThis.clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    process.stdin.on('error', () => {
      globalThis.clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

function logout(invocation, args) {
  const flags = parseFlags(args, {command: 'docker logout'});
  requireArgs(flags.positionals, {
    min: 0,
    max: 1,
    command: 'docker logout',
    usage: '[SERVER]',
    description: 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.'
  });
  const key = authKey(flags.positionals[0] ?? DOCKER_HUB_AUTH_KEY);
  const config = invocation.readConfig();
  if (!config.auths?.[key]) {
    stdout(`Not logged in to ${key}\n`);
    return;
  }
  stdout(`Removing login credentials for ${key}\n`);
  delete config.auths[key];
  invocation.writeConfig(config);
}

// ---------------------------------------------------------------------------------------------------------------
// version, info, context

function versionData(invocation) {
  const facts = engine(invocation);
  const built = 'Wed Jan 22 13:41:48 2025';
  return {
    Client: {
      Platform: {Name: 'Docker Engine - Community'},
      Version: facts.version,
      ApiVersion: facts.apiVersion,
      DefaultAPIVersion: facts.apiVersion,
      GitCommit: facts.clientCommit,
      GoVersion: 'go1.22.11',
      Os: 'linux',
      Arch: facts.arch,
      BuildTime: built,
      Context: 'default'
    },
    Server: {
      Platform: {Name: 'Docker Engine - Community'},
      Components: [
        {
          Name: 'Engine',
          Version: facts.version,
          Details: {
            ApiVersion: facts.apiVersion,
            Arch: facts.arch,
            BuildTime: '2025-01-22T13:41:48.000000000+00:00',
            Experimental: 'false',
            GitCommit: facts.serverCommit,
            GoVersion: 'go1.22.11',
            KernelVersion: '6.8.0-1021-azure',
            MinAPIVersion: '1.24',
            Os: 'linux'
          }
        },
        {Name: 'containerd', Version: '1.7.25', Details: {GitCommit: 'bcc810d6b9066471b0b6fa75f557a15a1cbf31bb'}},
        {Name: 'runc', Version: '1.2.4', Details: {GitCommit: 'v1.2.4-0-g6c52b3f'}},
        {Name: 'docker-init', Version: '0.19.0', Details: {GitCommit: 'de40ad0'}}
      ],
      Version: facts.version,
      ApiVersion: facts.apiVersion,
      MinAPIVersion: '1.24',
      GitCommit: facts.serverCommit,
      GoVersion: 'go1.22.11',
      Os: 'linux',
      Arch: facts.arch,
      KernelVersion: '6.8.0-1021-azure',
      BuildTime: '2025-01-22T13:41:48.000000000+00:00'
    }
  };
}

function version(invocation, args) {
  const flags = parseFlags(args, {command: 'docker version', values: ['format', 'kubeconfig'], shorts: {f: 'format'}});
  const data = versionData(invocation);
  const format = flags.last('format');
  if (format) return stdout(`${renderTemplate(format, data)}\n`);
  const {Client: client, Server: server} = data;
  // docker's template aligns every value at column 20.
  const field = (name, value) => `${`${name}:`.padEnd(19)} ${value}`;
  const lines = [
    `Client: ${client.Platform.Name}`,
    field(' Version', client.Version),
    field(' API version', client.ApiVersion),
    field(' Go version', client.GoVersion),
    field(' Git commit', client.GitCommit),
    field(' Built', client.BuildTime),
    field(' OS/Arch', `${client.Os}/${client.Arch}`),
    field(' Context', client.Context),
    '',
    `Server: ${server.Platform.Name}`,
    ' Engine:',
    field('  Version', server.Version),
    field('  API version', `${server.ApiVersion} (minimum version ${server.MinAPIVersion})`),
    field('  Go version', server.GoVersion),
    field('  Git commit', server.GitCommit),
    field('  Built', client.BuildTime),
    field('  OS/Arch', `${server.Os}/${server.Arch}`),
    field('  Experimental', server.Components[0].Details.Experimental)
  ];
  for (const component of server.Components.slice(1)) {
    lines.push(
      ` ${component.Name}:`,
      field('  Version', component.Version),
      field('  GitCommit', component.Details.GitCommit)
    );
  }
  stdout(`${lines.join('\n')}\n`);
}

function infoData(invocation) {
  const facts = engine(invocation);
  const {containerdStore, buildx: plugin} = invocation.scenario;
  const plugins = [];
  if (plugin) {
    plugins.push({
      SchemaVersion: '0.1.0',
      Vendor: 'Docker Inc.',
      Version: plugin.version ?? DEFAULT_SCENARIO.buildx.version,
      ShortDescription: 'Docker Buildx',
      Name: 'buildx',
      Path: '/usr/libexec/docker/cli-plugins/docker-buildx'
    });
  }
  return {
    ID: 'f3c2b1a0-9e8d-4c7b-a6f5-e4d3c2b1a098',
    Containers: 0,
    ContainersRunning: 0,
    ContainersPaused: 0,
    ContainersStopped: 0,
    Images: Object.keys(invocation.state.images).length,
    Driver: containerdStore ? 'overlayfs' : 'overlay2',
    DriverStatus: containerdStore
      ? [['driver-type', 'io.containerd.snapshotter.v1']]
      : [
          ['Backing Filesystem', 'extfs'],
          ['Supports d_type', 'true'],
          ['Using metacopy', 'false'],
          ['Native Overlay Diff', 'true'],
          ['userxattr', 'false']
        ],
    Plugins: {
      Volume: ['local'],
      Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
      Authorization: null,
      Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog']
    },
    CgroupDriver: 'systemd',
    CgroupVersion: '2',
    KernelVersion: '6.8.0-1021-azure',
    OperatingSystem: 'Ubuntu 24.04.1 LTS',
    OSVersion: '24.04',
    OSType: 'linux',
    Architecture: facts.arch === 'amd64' ? 'x86_64' : 'aarch64',
    NCPU: 4,
    MemTotal: 16766783488,
    DockerRootDir: '/var/lib/docker',
    Name: 'fv-az1234-567',
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: facts.version,
    Runtimes: {'io.containerd.runc.v2': {path: 'runc'}, runc: {path: 'runc'}},
    DefaultRuntime: 'runc',
    LiveRestoreEnabled: false,
    Isolation: '',
    InitBinary: 'docker-init',
    SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'],
    Warnings: null,
    ClientInfo: {
      Debug: false,
      Version: facts.version,
      GitCommit: facts.clientCommit,
      GoVersion: 'go1.22.11',
      Os: 'linux',
      Arch: facts.arch,
      BuildTime: 'Wed Jan 22 13:41:48 2025',
      Context: 'default',
      Plugins: plugins,
      Warnings: null
    }
  };
}

function info(invocation, args) {
  const flags = parseFlags(args, {command: 'docker info', values: ['format'], shorts: {f: 'format'}});
  const data = infoData(invocation);
  const format = flags.last('format');
  if (format) return stdout(`${renderTemplate(format, data)}\n`);
  const client = data.ClientInfo;
  const text = [
    'Client: Docker Engine - Community',
    ` Version:    ${client.Version}`,
    ` Context:    ${client.Context}`,
    ` Debug Mode: false`,
    ' Plugins:',
    ...client.Plugins.flatMap(plugin => [
      `  ${plugin.Name}: ${plugin.ShortDescription} (${plugin.Vendor})`,
      `    Version:  ${plugin.Version}`,
      `    Path:     ${plugin.Path}`
    ]),
    '',
    'Server:',
    ` Containers: ${data.Containers}`,
    `  Running: ${data.ContainersRunning}`,
    `  Paused: ${data.ContainersPaused}`,
    `  Stopped: ${data.ContainersStopped}`,
    ` Images: ${data.Images}`,
    ` Server Version: ${data.ServerVersion}`,
    ` Storage Driver: ${data.Driver}`,
    ...data.DriverStatus.map(([key, value]) => `  ${key}: ${value}`),
    ` Cgroup Driver: ${data.CgroupDriver}`,
    ` Cgroup Version: ${data.CgroupVersion}`,
    ` Kernel Version: ${data.KernelVersion}`,
    ` Operating System: ${data.OperatingSystem}`,
    ` OSType: ${data.OSType}`,
    ` Architecture: ${data.Architecture}`,
    ` CPUs: ${data.NCPU}`,
    ` Total Memory: 15.62GiB`,
    ` Name: ${data.Name}`,
    ` ID: ${data.ID}`,
    ` Docker Root Dir: ${data.DockerRootDir}`,
    ` Debug Mode: false`,
    ` Experimental: false`,
    ` Insecure Registries:`,
    `  127.0.0.0/8`,
    ` Live Restore Enabled: false`,
    ''
  ];
  stdout(text.join('\n'));
}

function context(invocation, [sub, ...args]) {
  const description = {
    Name: 'default',
    Metadata: {},
    Endpoints: {docker: {Host: env.DOCKER_HOST ?? 'unix:///var/run/docker.sock', SkipTLSVerify: false}},
    TLSMaterial: {},
    Storage: {MetadataPath: '<IN MEMORY>', TLSPath: '<IN MEMORY>'}
  };
  switch (sub) {
    case 'show':
      return stdout('default\n');
    case 'inspect': {
      const flags = parseFlags(args, {command: 'docker context inspect', values: ['format'], shorts: {f: 'format'}});
      const names = flags.positionals.length > 0 ? flags.positionals : ['default'];
      const unknown = names.find(name => name !== 'default');
      if (unknown) fail(`context "${unknown}" does not exist`);
      const format = flags.last('format');
      if (format) return stdout(names.map(() => `${renderTemplate(format, description)}\n`).join(''));
      return stdout(
        `${JSON.stringify(
          names.map(() => description),
          null,
          4
        )}\n`
      );
    }
    case 'ls':
      return stdout(
        tabwrite(
          [
            'NAME\tDESCRIPTION\tDOCKER ENDPOINT\tERROR',
            `default *\tCurrent DOCKER_HOST based configuration\t${description.Endpoints.docker.Host}\t`
          ],
          3
        )
      );
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// docker run: only tonistiigi/binfmt (QEMU emulators) does something

const RUN_FLAGS = {
  command: 'docker run',
  interspersed: false,
  values: [
    'add-host',
    'attach',
    'cap-add',
    'cap-drop',
    'cgroup-parent',
    'cgroupns',
    'cidfile',
    'cpus',
    'cpu-shares',
    'device',
    'dns',
    'dns-option',
    'dns-search',
    'entrypoint',
    'env',
    'env-file',
    'expose',
    'gpus',
    'group-add',
    'health-cmd',
    'health-interval',
    'health-retries',
    'health-start-period',
    'health-timeout',
    'hostname',
    'ipc',
    'isolation',
    'label',
    'label-file',
    'link',
    'log-driver',
    'log-opt',
    'memory',
    'memory-swap',
    'mount',
    'name',
    'network',
    'pid',
    'platform',
    'publish',
    'pull',
    'restart',
    'runtime',
    'security-opt',
    'shm-size',
    'stop-signal',
    'stop-timeout',
    'tmpfs',
    'ulimit',
    'user',
    'userns',
    'uts',
    'volume',
    'volumes-from',
    'workdir'
  ],
  bools: [
    'detach',
    'disable-content-trust',
    'init',
    'interactive',
    'no-healthcheck',
    'oom-kill-disable',
    'privileged',
    'publish-all',
    'quiet',
    'read-only',
    'rm',
    'sig-proxy',
    'tty'
  ],
  shorts: {
    a: 'attach',
    d: 'detach',
    e: 'env',
    h: 'hostname',
    i: 'interactive',
    l: 'label',
    m: 'memory',
    p: 'publish',
    P: 'publish-all',
    q: 'quiet',
    t: 'tty',
    u: 'user',
    v: 'volume',
    w: 'workdir'
  }
};

function run(invocation, args) {
  const flags = parseFlags(args, RUN_FLAGS);
  requireArgs(flags.positionals, {
    min: 1,
    max: Infinity,
    command: 'docker run',
    usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
    description: 'Create and run a new container from an image'
  });
  const [image, ...command] = flags.positionals;
  const reference = normalizeReference(image);
  if (reference.error) exit(125, `docker: ${reference.error}.\nSee 'docker run --help'.`);
  if (
    !invocation.state.pulled.includes(reference.full) &&
    !invocation.state.images[reference.full] &&
    !flags.bool('quiet')
  ) {
    const tagName = reference.tag ?? 'latest';
    stderr(
      `Unable to find image '${reference.familiar}' locally\n${tagName}: Pulling from ${reference.familiarRepository}\n` +
        `${sha256(reference.full).slice(0, 12)}: Pull complete\nDigest: ${digestOf('pulled', reference.full)}\n` +
        `Status: Downloaded newer image for ${reference.familiar}\n`
    );
    invocation.state.pulled.push(reference.full);
    invocation.changed();
  }
  if (reference.path.endsWith('/binfmt') || reference.path === 'binfmt') binfmt(invocation, command);
}

function binfmt(invocation, args) {
  const stamp = new Date().toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/');
  const installs = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--install') installs.push(...(args[++index] ?? '').split(','));
    else if (args[index].startsWith('--install=')) installs.push(...args[index].slice('--install='.length).split(','));
  }
  const native = new Set(nativePlatforms(invocation).map(platform => platform.split('/')[1]));
  const wanted = installs.includes('all')
    ? Object.keys(EMULATORS)
    : installs.map(name => name.trim()).filter(name => name !== '');
  for (const name of wanted) {
    const arch = name.replace(/^linux\//, '').split('/')[0];
    const entry = EMULATORS[arch];
    if (!entry) {
      stderr(`${stamp} installing: ${name} unsupported architecture\n`);
      continue;
    }
    if (native.has(arch)) continue;
    if (!invocation.state.emulators.includes(entry.emulator)) {
      invocation.state.emulators.push(entry.emulator);
      invocation.changed();
    }
    stderr(`${stamp} installing: ${arch} OK\n`);
  }
  const supported = availablePlatforms(invocation);
  const emulators = [...invocation.state.emulators].sort();
  stdout(`${JSON.stringify({supported, emulators}, null, 2)}\n`);
}

main().then(
  code => {
    process.exitCode = code;
  },
  error => {
    stderr(`fake docker: ${error.stack ?? error}\n`);
    process.exitCode = 70;
  }
);
